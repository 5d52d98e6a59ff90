/*
 * parachute.c - cdbg's SIGTRAP handler in an attached program: copied into the end of the
 * first scratch area with its table (the addresses of cdbg's int3s, the scratch ranges, the
 * program's own SIGTRAP action) and installed as the SIGTRAP action. It never runs for a trap
 * of cdbg's while cdbg lives (each is a ptrace stop cdbg suppresses); if cdbg dies, a thread
 * the kernel releases with cdbg's SIGTRAP runs it instead of dying (arch/x86_64/parachute.h).
 *
 * Owns: struct para_state (breakpoint.h) and the parachute's bytes in the program. Must not:
 * make ptrace requests (the loop, inject.c, runs the injected rt_sigaction calls). Table words
 * are written through /proc/PID/mem one at a time, write-ahead (see parachute.h). A launched program
 * (PTRACE_O_EXITKILL: it dies with cdbg) gets none and is left untouched.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "janitor/janitor.h"

#define NR_RT_SIGACTION 13
#define SA_OURS (PARA_SA_SIGINFO | PARA_SA_RESTORER | PARA_SA_NODEFER)

static struct para_state *para(cdbg_proc *p)
{
	return &p->bp.para;
}

static size_t code_len(void)
{
	return (size_t)(arch_parachute_end - arch_parachute_start);
}

static void put_word(cdbg_proc *p, uint64_t off, uint64_t v)
{
	if (mem_raw_write(p, para(p)->base + off, &v, sizeof(v)) != sizeof(v))
		logw(p, "cannot update the SIGTRAP parachute at %#llx",
		     (unsigned long long)(para(p)->base + off));
}

/* ---- rt_sigaction(SIGTRAP) in the program ---------------------------------------------------- */

/* How to run a system call in a stopped process and reach its memory: the program itself
 * (one of its threads) or a fork child. */
struct sys_ops {
	int (*run)(struct sys_ops *o, long nr, const uint64_t args[6], uint64_t *ret);
	ssize_t (*rd)(struct sys_ops *o, uint64_t addr, void *buf, size_t len);
	ssize_t (*wr)(struct sys_ops *o, uint64_t addr, const void *buf, size_t len);
	cdbg_proc *p;
	struct thread *t; /* the program's thread */
	pid_t child;      /* or the fork child */
	bp_child_syscall_fn crun;
	void *cctx;
};

static int prog_run(struct sys_ops *o, long nr, const uint64_t args[6], uint64_t *ret)
{
	return loop_syscall(o->p, o->t, nr, args, ret);
}

static ssize_t prog_rd(struct sys_ops *o, uint64_t addr, void *buf, size_t len)
{
	return mem_raw_read(o->p, addr, buf, len);
}

static ssize_t prog_wr(struct sys_ops *o, uint64_t addr, const void *buf, size_t len)
{
	return mem_raw_write(o->p, addr, buf, len);
}

static int child_run(struct sys_ops *o, long nr, const uint64_t args[6], uint64_t *ret)
{
	return o->crun(o->cctx, nr, args, ret);
}

static ssize_t child_rd(struct sys_ops *o, uint64_t addr, void *buf, size_t len)
{
	return mem_read_pid(o->child, addr, buf, len);
}

static ssize_t child_wr(struct sys_ops *o, uint64_t addr, const void *buf, size_t len)
{
	return mem_write_pid(o->child, addr, buf, len);
}

/* rt_sigaction(SIGTRAP, act, old, 8) in the program: act and old are addresses there (0 for
 * NULL). 0 or -errno. */
static int sigaction_in(struct sys_ops *o, uint64_t act, uint64_t old)
{
	uint64_t args[6] = { SIGTRAP, act, old, 8, 0, 0 }, ret = 0;

	if (o->run(o, NR_RT_SIGACTION, args, &ret) < 0)
		return -ESRCH;
	return ret > (uint64_t)-4096 ? (int)ret : 0;
}

/* The program's action back from orig (an address in the program) unless the current one is
 * no longer the parachute at handler (the program set its own meanwhile: that one stays).
 * buf: 32 writable bytes in the program. */
static int give_back(struct sys_ops *o, uint64_t orig, uint64_t handler, uint64_t buf)
{
	struct para_sigaction cur;
	int r;

	if ((r = sigaction_in(o, orig, buf)) < 0)
		return r;
	if (o->rd(o, buf, &cur, sizeof(cur)) != sizeof(cur))
		return -EFAULT;
	if (cur.handler != handler)
		r = sigaction_in(o, buf, 0); /* cur is still in buf */
	return r;
}

/* 64 bytes below t's stack pointer and its red zone, for the system calls' structures. */
static uint64_t stack_buf(cdbg_proc *p, struct thread *t)
{
	if (loop_regs_fetch(p, t) < 0)
		return 0;
	return (arch_gpr_sp(&t->regs) - 128 - 64) & ~(uint64_t)15;
}

/* ---- making and removing it ------------------------------------------------------------------ */

/* Install the handler at pa->base: the program's action is read first, kept in the table and
 * the journal, then ours replaces it. */
static int install(cdbg_proc *p, struct thread *t, uint64_t buf)
{
	struct para_state *pa = para(p);
	struct sys_ops o = { prog_run, prog_rd, prog_wr, p, t, 0, NULL, NULL };
	struct para_sigaction old, ours;
	unsigned char code[PARA_CODE_MAX];
	int r;

	if ((r = sigaction_in(&o, 0, buf)) < 0)
		return r;
	if (mem_raw_read(p, buf, &old, sizeof(old)) != sizeof(old))
		return -EFAULT;
	/* A parachute of an earlier cdbg that its janitor could not take away: its saved
	 * action is the program's. */
	if (old.handler > 1 &&
	    mem_raw_read(p, old.handler, code, code_len()) == (ssize_t)code_len() &&
	    memcmp(code, arch_parachute_start, code_len()) == 0 &&
	    mem_raw_read(p, old.handler + PARA_ORIG, &old, sizeof(old)) != sizeof(old))
		return -EFAULT;
	memcpy(pa->orig, &old, sizeof(old));
	if (mem_raw_write(p, pa->base + PARA_ORIG, &old, sizeof(old)) != sizeof(old))
		return -EFAULT;
	janitor_parachute(p, pa->base, &old); /* janitor hook: write-ahead */
	ours = (struct para_sigaction){
		.handler = pa->base,
		/* SA_RESTART as the program's handler has it; for SIG_DFL/SIG_IGN (which never
		 * interrupt a system call) always. */
		.flags = SA_OURS | (old.flags & PARA_SA_ONSTACK) |
			 (old.handler <= 1 ? PARA_SA_RESTART : old.flags & PARA_SA_RESTART),
		.restorer = pa->base + (uint64_t)(arch_parachute_restorer - arch_parachute_start),
		.mask = 0,
	};
	if (mem_raw_write(p, buf, &ours, sizeof(ours)) != sizeof(ours))
		return -EFAULT;
	return sigaction_in(&o, buf, 0);
}

size_t bp_parachute_make(cdbg_proc *p, uint64_t area, size_t size)
{
	struct para_state *pa = para(p);
	struct thread *t = loop_injectable_thread(p);
	unsigned char saved[64];
	uint64_t buf;
	int r;

	if (p->launched || pa->base || pa->failed || size < 2 * PARA_SIZE)
		return 0;
	if (!t || !(buf = stack_buf(p, t)) ||
	    mem_raw_read(p, buf, saved, sizeof(saved)) != sizeof(saved)) {
		pa->failed = true;
		return 0;
	}
	pa->base = area + size - PARA_SIZE;
	if (mem_raw_write(p, pa->base, arch_parachute_start, code_len()) != (ssize_t)code_len()) {
		r = -EFAULT;
	} else {
		bp_parachute_scratch(p, area, size);
		r = install(p, t, buf);
	}
	mem_raw_write(p, buf, saved, sizeof(saved));
	if (r < 0) {
		logw(p,
		     "cannot install the SIGTRAP parachute in %d (%s): if cdbg dies while a thread "
		     "is on a breakpoint, the program may die too",
		     (int)p->pid, cdbg__errstr(r));
		pa->base = 0;
		pa->failed = true;
		return PARA_SIZE; /* the area's end stays unused: the journal may name it */
	}
	logd(p, "SIGTRAP parachute at %#llx (the program's action: %#llx)",
	     (unsigned long long)pa->base, (unsigned long long)pa->orig[0]);
	/* Sites made before the first scratch area (none had a slot) are listed now. */
	for (size_t h = 0; h < BP_HASH; h++)
		for (struct bp_site *s = p->bp.sites[h]; s; s = s->next)
			bp_parachute_track(p, s);
	return PARA_SIZE;
}

void bp_parachute_scratch(cdbg_proc *p, uint64_t area, size_t size)
{
	struct para_state *pa = para(p);
	uint64_t off = PARA_SCRATCH + 16 * (uint64_t)pa->nscratch;

	if (!pa->base || pa->nscratch == PARA_SCRATCH_MAX)
		return;
	put_word(p, off, area);
	put_word(p, off + 8, area + size);
	put_word(p, PARA_NSCRATCH, ++pa->nscratch);
}

void bp_parachute_track(cdbg_proc *p, struct bp_site *s)
{
	struct para_state *pa = para(p);
	uint32_t i;

	if (!pa->base)
		return;
	if (s->orig == arch_bp_insn[0]) {
		if (s->para)
			bp_parachute_untrack(p, s);
		return;
	}
	if (s->para)
		return;
	if (pa->nfree) {
		i = pa->free[--pa->nfree];
	} else if (pa->nint3 < PARA_INT3_MAX) {
		i = pa->nint3;
	} else {
		if (!pa->full)
			logw(p,
			     "the SIGTRAP parachute's table is full (%d breakpoint addresses): "
			     "if cdbg dies, a thread on a later one may kill the program",
			     (int)PARA_INT3_MAX);
		pa->full = true;
		return;
	}
	put_word(p, PARA_INT3 + 8 * (uint64_t)i, s->addr);
	if (i == pa->nint3)
		put_word(p, PARA_NINT3, ++pa->nint3);
	s->para = i + 1;
}

void bp_parachute_untrack(cdbg_proc *p, struct bp_site *s)
{
	struct para_state *pa = para(p);
	uint32_t i = s->para - 1;

	if (!pa->base || !s->para)
		return;
	s->para = 0;
	put_word(p, PARA_MORIBUND + 8 * (uint64_t)(pa->nmoribund++ % PARA_MORIBUND_N), s->addr);
	put_word(p, PARA_INT3 + 8 * (uint64_t)i, 0);
	if (pa->nfree == pa->allocfree) {
		uint32_t n = pa->allocfree ? 2 * pa->allocfree : 64;
		uint32_t *f = realloc(pa->free, n * sizeof(*f));
		if (!f)
			return; /* the entry stays unused */
		pa->free = f;
		pa->allocfree = n;
	}
	pa->free[pa->nfree++] = i;
}

bool bp_parachute_at(cdbg_proc *p, uint64_t pc)
{
	uint64_t base = para(p)->base;

	return base && pc >= base && pc < base + code_len();
}

void bp_parachute_remove(cdbg_proc *p)
{
	struct para_state *pa = para(p);
	struct thread *t = loop_injectable_thread(p);
	struct sys_ops o = { prog_run, prog_rd, prog_wr, p, t, 0, NULL, NULL };
	unsigned char saved[64];
	uint64_t buf;
	int r = -ESRCH;

	if (!pa->base)
		return;
	if (t && (buf = stack_buf(p, t)) &&
	    mem_raw_read(p, buf, saved, sizeof(saved)) == sizeof(saved)) {
		r = give_back(&o, pa->base + PARA_ORIG, pa->base, buf);
		mem_raw_write(p, buf, saved, sizeof(saved));
	}
	if (r < 0)
		logw(p, "cannot give %d its SIGTRAP action back: %s", (int)p->pid, cdbg__errstr(r));
	else
		logd(p, "SIGTRAP parachute removed from %d", (int)p->pid);
	bp_parachute_forget(p);
}

void bp_parachute_forget(cdbg_proc *p)
{
	struct para_state *pa = para(p);

	free(pa->free);
	memset(pa, 0, sizeof(*pa));
	for (size_t h = 0; h < BP_HASH; h++)
		for (struct bp_site *s = p->bp.sites[h]; s; s = s->next)
			s->para = 0;
}

int bp_parachute_clean_child(cdbg_proc *p, pid_t child, uint64_t buf, bp_child_syscall_fn run,
			     void *ctx)
{
	struct para_state *pa = para(p);
	struct sys_ops o = { child_run, child_rd, child_wr, p, NULL, child, run, ctx };
	unsigned char saved[64];
	int r;

	if (!pa->base)
		return 0;
	if (mem_read_pid(child, buf, saved, sizeof(saved)) != sizeof(saved))
		return -EFAULT;
	/* The child's copy of the table holds the program's action at the same address. */
	r = give_back(&o, pa->base + PARA_ORIG, pa->base, buf);
	mem_write_pid(child, buf, saved, sizeof(saved));
	if (r < 0)
		logw(p, "fork child %d: cannot give it its SIGTRAP action back: %s", (int)child,
		     cdbg__errstr(r));
	return r;
}

void bp_parachute_inflight(cdbg_proc *p, pid_t tid, const struct arch_gpr *g, uint64_t mask)
{
	struct para_state *pa = para(p);
	uint64_t w[ARCH_SIGCONTEXT_WORDS], t = (uint64_t)tid;

	if (!pa->base)
		return;
	if (tid) {
		arch_gpr_to_sigcontext(g, w);
		if (mem_raw_write(p, pa->base + PARA_INFLIGHT_REGS, w, sizeof(w)) != sizeof(w) ||
		    mem_raw_write(p, pa->base + PARA_INFLIGHT_MASK, &mask, 8) != 8)
			return;
	}
	mem_raw_write(p, pa->base + PARA_INFLIGHT_TID, &t, 8);
}
