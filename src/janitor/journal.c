/*
 * journal.c - cdbg's side of the janitor: the journal of every byte cdbg changed in the
 * program, kept current by hooks in the target layer (breakpoint.c, inject.c), and the janitor's start and end.
 *
 * Owns: struct janitor (below) and the shared journal memory (journal.h). Must not: make
 * ptrace requests or wait for anything; janitor.c forks the janitor.
 *
 * The journal is a MAP_SHARED anonymous mapping made before the fork, so the janitor sees
 * every later store. Records live in a flat array with a free list; an index (addr -> record,
 * open addressing, private to cdbg) finds a record to update or drop in O(1).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "target/target.h"
#include "janitor/janitor.h"
#include "janitor/journal.h"

#define JR_CAP 16384 /* records: int3s, patches, slots, scratch areas */
#define JR_INDEX (2 * JR_CAP)

struct janitor {
	struct jr_header *jr; /* the shared journal */
	size_t jr_size;       /* its mapping's size */
	pid_t pid;            /* the janitor process, 0 if none */
	int wfd;              /* write end of the pipe the janitor polls; -1 */
	uint32_t *free;       /* free record indices */
	uint32_t nfree;
	int32_t index[JR_INDEX]; /* (kind, addr) -> record + 1, 0 empty, -1 deleted */
};

static struct janitor *jan_of(cdbg_proc *p)
{
	return p->jan;
}

/* ---- starting and ending -------------------------------------------------------------------- */

static void jan_destroy(struct janitor *j)
{
	if (j->wfd >= 0)
		close(j->wfd);
	if (j->jr)
		munmap(j->jr, j->jr_size);
	free(j->free);
	free(j);
}

/* The janitor for p's program, started if needed. NULL when none is wanted (a launched
 * program) or it cannot start (then cdbg works as before, without the safety net). */
static struct janitor *jan_get(cdbg_proc *p)
{
	struct janitor *j = p->jan;
	int fds[2];
	pid_t pid;

	if (p->launched || !p->pid || p->exited)
		return NULL;
	if (j && j->jr->pid == p->pid && j->pid > 0)
		return j;
	if (j) {
		janitor_release(p); /* an earlier program's: let it go */
		j = NULL;
	}
	if (!(j = calloc(1, sizeof(*j))))
		return NULL;
	j->wfd = -1;
	j->jr_size = sizeof(struct jr_header) + JR_CAP * sizeof(struct jr_record);
	j->jr = mmap(NULL, j->jr_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	j->free = malloc(JR_CAP * sizeof(*j->free));
	if (j->jr == MAP_FAILED || !j->free) {
		if (j->jr == MAP_FAILED)
			j->jr = NULL;
		jan_destroy(j);
		return NULL;
	}
	j->jr->magic = JR_MAGIC;
	j->jr->state = JR_ACTIVE;
	j->jr->pid = p->pid;
	j->jr->cap = JR_CAP;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		jan_destroy(j);
		return NULL;
	}
	pid = janitor_spawn(j->jr, fds[0], fds[1], getenv("CDBG_JANITOR_LOG"));
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		logw(p, "cannot start the janitor: %s; if cdbg dies now, the program may die too",
		     cdbg__errstr((int)pid));
		jan_destroy(j);
		return NULL;
	}
	j->wfd = fds[1];
	j->pid = pid;
	j->jr->janitor = pid;
	p->jan = j;
	logd(p, "janitor %d started for %d", (int)pid, (int)p->pid);
	return j;
}

void janitor_release(cdbg_proc *p)
{
	struct janitor *j = jan_of(p);

	if (!j)
		return;
	__atomic_store_n(&j->jr->state, JR_CLEAN, __ATOMIC_RELEASE);
	logd(p, "janitor %d released", (int)j->pid);
	jan_destroy(j); /* closing the pipe wakes it: it sees the clean mark and exits */
	p->jan = NULL;
}

pid_t cdbg__janitor_pid(cdbg_proc *p)
{
	return p->jan ? p->jan->pid : 0;
}

/* ---- records -------------------------------------------------------------------------------- */

static size_t idx_hash(uint32_t kind, uint64_t addr)
{
	return (size_t)(((addr ^ ((uint64_t)kind << 60)) * 0x9e3779b97f4a7c15ull) >> 40) % JR_INDEX;
}

/* The record for (kind, addr): its index, or -1. *slot gets where a new one would go. */
static long rec_find(struct janitor *j, uint32_t kind, uint64_t addr, size_t *slot)
{
	size_t h = idx_hash(kind, addr);
	long tomb = -1;

	for (size_t n = 0; n < JR_INDEX; n++, h = (h + 1) % JR_INDEX) {
		int32_t v = j->index[h];
		if (v == 0) {
			*slot = tomb >= 0 ? (size_t)tomb : h;
			return -1;
		}
		if (v < 0) {
			if (tomb < 0)
				tomb = (long)h;
			continue;
		}
		struct jr_record *r = &j->jr->rec[v - 1];
		if (r->kind == kind && r->addr == addr) {
			*slot = h;
			return v - 1;
		}
	}
	*slot = tomb >= 0 ? (size_t)tomb : 0;
	return -1;
}

/* Make (or update) the record for (kind, addr). */
static void rec_put(cdbg_proc *p, uint32_t kind, uint64_t addr, uint64_t aux, const void *orig,
		    uint32_t len)
{
	struct janitor *j = jan_get(p);
	struct jr_header *jr;
	struct jr_record *r;
	size_t slot;
	long i;

	if (!j)
		return;
	jr = j->jr;
	if ((i = rec_find(j, kind, addr, &slot)) < 0) {
		if (j->nfree)
			i = j->free[--j->nfree];
		else if (jr->nrec < jr->cap)
			i = jr->nrec++;
		else {
			if (!jr->overflow)
				logw(p,
				     "the janitor's journal is full: not every change to the program "
				     "would be undone if cdbg died");
			jr->overflow = 1;
			return;
		}
		j->index[slot] = (int32_t)i + 1;
	}
	r = &jr->rec[i];
	__atomic_store_n(&r->kind, JR_FREE, __ATOMIC_RELEASE);
	r->len = len;
	r->seq = ++jr->next_seq;
	r->addr = addr;
	r->aux = aux;
	if (orig)
		memcpy(r->orig, orig, len < JR_MAX_BYTES ? len : JR_MAX_BYTES);
	__atomic_store_n(&r->kind, kind, __ATOMIC_RELEASE);
}

static void rec_drop(cdbg_proc *p, uint32_t kind, uint64_t addr)
{
	struct janitor *j = jan_of(p);
	size_t slot;
	long i;

	if (!j || (i = rec_find(j, kind, addr, &slot)) < 0)
		return;
	__atomic_store_n(&j->jr->rec[i].kind, JR_FREE, __ATOMIC_RELEASE);
	j->index[slot] = -1;
	j->free[j->nfree++] = (uint32_t)i;
}

void janitor_bytes(cdbg_proc *p, uint64_t addr, const void *orig, size_t len, bool int3)
{
	if (len > JR_MAX_BYTES)
		len = JR_MAX_BYTES;
	rec_put(p, int3 ? JR_INT3 : JR_BYTES, addr, 0, orig, (uint32_t)len);
}

void janitor_bytes_done(cdbg_proc *p, uint64_t addr, bool int3)
{
	struct janitor *j = jan_of(p);

	if (!j)
		return;
	rec_drop(p, int3 ? JR_INT3 : JR_BYTES, addr);
	if (int3) {
		/* A thread may have executed it just before: its SIGTRAP is still ours. */
		j->jr->moribund[j->jr->nmoribund % JR_MORIBUND] = addr;
		__atomic_store_n(&j->jr->nmoribund, j->jr->nmoribund + 1, __ATOMIC_RELEASE);
	}
}

void janitor_slot(cdbg_proc *p, uint64_t slot, uint64_t orig, unsigned len)
{
	rec_put(p, JR_SLOT, slot, orig, NULL, len);
}

void janitor_slot_done(cdbg_proc *p, uint64_t slot)
{
	rec_drop(p, JR_SLOT, slot);
}

void janitor_scratch(cdbg_proc *p, uint64_t base, size_t size)
{
	rec_put(p, JR_SCRATCH, base, size, NULL, 0);
}

void janitor_scratch_done(cdbg_proc *p, uint64_t base)
{
	rec_drop(p, JR_SCRATCH, base);
}

void janitor_dr7(cdbg_proc *p)
{
	struct janitor *j = jan_get(p);

	if (j)
		__atomic_store_n(&j->jr->dr7, 1, __ATOMIC_RELEASE);
}

void janitor_forget(cdbg_proc *p)
{
	struct janitor *j = jan_of(p);
	struct jr_header *jr;

	if (!j)
		return;
	jr = j->jr;
	for (uint32_t i = 0; i < jr->nrec; i++)
		__atomic_store_n(&jr->rec[i].kind, JR_FREE, __ATOMIC_RELEASE);
	jr->nrec = 0;
	jr->nmoribund = 0;
	jr->dr7 = 0;
	jr->para = 0;
	j->nfree = 0;
	memset(j->index, 0, sizeof(j->index));
}

void janitor_parachute(cdbg_proc *p, uint64_t handler, const void *orig)
{
	struct janitor *j = jan_get(p);

	if (!j)
		return;
	memcpy(j->jr->para_orig, orig, sizeof(j->jr->para_orig));
	__atomic_store_n(&j->jr->para, handler, __ATOMIC_RELEASE);
}
