/*
 * goroutines.c - cdbg_goroutines: the Go runtime's goroutines, read from the tracee's memory
 * as delve reads them (pkg/proc/variables.go): the slice runtime.allgs of *g and its length
 * runtime.allglen; in each g its goid, atomicstatus, sched (the pc, sp and bp it parked at),
 * startpc, gopc, waitreason and m, whose procid is the thread running it.
 *
 * Owns: finding runtime.g's layout in the executable's DWARF (libdw: never a hard-coded
 * offset), walking a parked goroutine's frame-pointer chain to its first frame outside the
 * runtime. Must not: print, or resume the process.
 */
#include <dwarf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"
#include "target/target.h"

/* The runtime's goroutine states (runtime2.go: _Gidle.. _Gpreempted; _Gscan is a flag). */
enum {
	G_IDLE,
	G_RUNNABLE,
	G_RUNNING,
	G_SYSCALL,
	G_WAITING,
	G_MORIBUND,
	G_DEAD,
	G_ENQUEUE,
	G_COPYSTACK,
	G_PREEMPTED,
	G_SCAN = 0x1000
};

/* Offset and size of one field, off < 0 when the field is missing. */
struct gfield {
	long off;
	unsigned size;
};

/* The layout of runtime.g (and the one field of runtime.m we need). */
struct glayout {
	size_t gsize;
	struct gfield goid, status, pc, sp, bp, startpc, gopc, waitreason, m, procid;
};

/* The size of the type of die (a member), typedefs peeled (Go names runtime.gobuf with a
 * typedef of its struct); *type gets that type. 0 if unknown. */
static unsigned type_size(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute a;
	Dwarf_Word sz;

	if (!dwarf_formref_die(dwarf_attr(die, DW_AT_type, &a), type))
		return 0;
	for (int i = 0; i < 8 && dwarf_tag(type) == DW_TAG_typedef; i++)
		if (!dwarf_formref_die(dwarf_attr(type, DW_AT_type, &a), type))
			return 0;
	if (dwarf_formudata(dwarf_attr(type, DW_AT_byte_size, &a), &sz) == 0)
		return (unsigned)sz;
	return dwarf_tag(type) == DW_TAG_pointer_type ? 8 : 0;
}

/* Member name of struct st: its offset (plus base) and size; *type gets its type's DIE. */
static struct gfield member(Dwarf_Die *st, const char *name, long base, Dwarf_Die *type)
{
	struct gfield f = { -1, 0 };
	Dwarf_Die c, t;
	Dwarf_Attribute a;
	Dwarf_Word off;

	if (dwarf_child(st, &c) != 0)
		return f;
	do {
		const char *n = dwarf_diename(&c);
		if (dwarf_tag(&c) != DW_TAG_member || !n || strcmp(n, name))
			continue;
		if (dwarf_formudata(dwarf_attr(&c, DW_AT_data_member_location, &a), &off) != 0)
			return f;
		f.off = base + (long)off;
		f.size = type_size(&c, type ? type : &t);
		return f;
	} while (dwarf_siblingof(&c, &c) == 0);
	return f;
}

struct sfind {
	const char *name;
	Dwarf_Die *out;
};

static bool struct_in(Dwarf_Die *cu, void *arg)
{
	struct sfind *w = arg;
	Dwarf_Die c;
	const char *n;

	if (dwarf_child(cu, &c) != 0)
		return false;
	do {
		if (dwarf_tag(&c) == DW_TAG_structure_type && (n = dwarf_diename(&c)) &&
		    !strcmp(n, w->name) && dwarf_hasattr(&c, DW_AT_byte_size)) {
			*w->out = c;
			return true;
		}
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

/* The top-level structure type called name in any unit of dw. */
static bool find_struct(Dwarf *dw, const char *name, Dwarf_Die *out)
{
	struct sfind w = { name, out };

	return sym_each_cu(dw, struct_in, &w);
}

static int layout(cdbg_proc *p, struct glayout *L)
{
	struct sym_state *s = sym_session(p, "list goroutines");
	Dwfl_Module **mods;
	Dwarf_Die g, m, sched;
	Dwarf_Attribute a;
	Dwarf_Word sz;
	Dwarf_Addr bias;
	Dwarf *dw = NULL;
	size_t n;

	memset(L, 0, sizeof(*L));
	if (!s)
		return cdbg_errcode(p) < 0 ? cdbg_errcode(p) : CDBG_ENOSYM;
	mods = sym_modules_sorted(s, &n);
	if (n)
		dw = dwfl_module_getdwarf(mods[0], &bias);
	free(mods);
	if (!dw || !find_struct(dw, "runtime.g", &g))
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot list goroutines: the program's debug "
				  "info has no type runtime.g (not a Go program, or built with "
				  "-ldflags=-w)");
	if (dwarf_formudata(dwarf_attr(&g, DW_AT_byte_size, &a), &sz) != 0)
		sz = 0;
	L->gsize = sz;
	L->goid = member(&g, "goid", 0, NULL);
	L->status = member(&g, "atomicstatus", 0, NULL);
	L->startpc = member(&g, "startpc", 0, NULL);
	L->gopc = member(&g, "gopc", 0, NULL);
	L->waitreason = member(&g, "waitreason", 0, NULL);
	L->m = member(&g, "m", 0, NULL);
	struct gfield sf = member(&g, "sched", 0, &sched);
	L->pc = member(&sched, "pc", sf.off, NULL);
	L->sp = member(&sched, "sp", sf.off, NULL);
	L->bp = member(&sched, "bp", sf.off, NULL);
	L->procid = (struct gfield){ -1, 0 };
	if (find_struct(dw, "runtime.m", &m))
		L->procid = member(&m, "procid", 0, NULL);
	if (!L->gsize || L->gsize > 65536 || L->goid.off < 0 || L->status.off < 0 ||
	    L->pc.off < 0 || L->sp.off < 0 || sf.off < 0)
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot list goroutines: runtime.g in the debug "
				  "info lacks goid, atomicstatus or sched (an unsupported Go "
				  "version?)");
	return 0;
}

/* Field f of the struct copy buf, as an unsigned integer (0 when missing). */
static uint64_t get(const unsigned char *buf, size_t len, struct gfield f)
{
	uint64_t v = 0;

	if (f.off < 0 || !f.size || f.size > 8 || (size_t)f.off + f.size > len)
		return 0;
	memcpy(&v, buf + f.off, f.size); /* little-endian: x86-64 */
	return v;
}

static bool read_u64(cdbg_proc *p, uint64_t addr, uint64_t *v)
{
	return addr && cdbg_mem_read(p, addr, v, 8) == 8;
}

static const char *status_name(unsigned st)
{
	static const char *const names[] = { "idle",      "runnable", "running", "syscall",
					     "waiting",   "moribund", "dead",    "enqueue",
					     "copystack", "preempted" };

	st &= ~(unsigned)G_SCAN;
	return st < sizeof(names) / sizeof(names[0]) ? names[st] : "unknown";
}

/* runtime.waitReasonStrings[r]: the text delve and tracebacks show ("chan receive"). */
static void wait_reason(cdbg_proc *p, const struct cdbg_symbol *tab, unsigned r, char *buf,
			size_t len)
{
	uint64_t str[2];

	buf[0] = '\0';
	if (!tab->addr || ((uint64_t)r + 1) * 16 > tab->size ||
	    cdbg_mem_read(p, tab->addr + r * 16ull, str, sizeof(str)) != sizeof(str))
		return;
	if (str[1] >= len)
		str[1] = len - 1;
	if (str[1] && cdbg_mem_read(p, str[0], buf, str[1]) == (ssize_t)str[1])
		buf[str[1]] = '\0';
	else
		buf[0] = '\0';
}

/* The first frame outside the runtime package, by frame pointers (Go keeps them on amd64):
 * at pc the frame's base is bp, [bp] the caller's bp, [bp+8] the return address. */
/* Is pc in package runtime (1), elsewhere (0), in no function (-1)? Remembered per pc for one
 * listing: ten thousand goroutines park at a handful of places. */
struct pc_cache {
	uint64_t pc[1024];
	signed char rt[1024];
	bool used[1024];
};

static int in_runtime(cdbg_proc *p, struct pc_cache *pcc, uint64_t pc)
{
	unsigned h = (unsigned)((pc * 0x9e3779b97f4a7c15ull) >> 54) & 1023;
	struct cdbg_symbol s;
	if (pcc->used[h] && pcc->pc[h] == pc)
		return pcc->rt[h];
	int rt = cdbg_sym_by_addr(p, pc, &s) < 0 ? -1 :
						   !strncmp(s.name, "runtime.", 8) ||
							   !strncmp(s.name, "runtime/internal", 16);
	pcc->used[h] = true;
	pcc->pc[h] = pc;
	pcc->rt[h] = (signed char)rt;
	return rt;
}

static uint64_t user_pc(cdbg_proc *p, struct pc_cache *pcc, uint64_t pc, uint64_t bp);

/* user_pc of every goroutine of out[0..n), the frame-pointer walks of all of them a level at a
 * time: one batch of reads per level, not one read per frame. */
static void user_pcs(cdbg_proc *p, struct pc_cache *pcc, struct cdbg_goroutine *out, size_t n)
{
	uint64_t *pc = malloc(n * sizeof(*pc) + 1), *bp = malloc(n * sizeof(*bp) + 1),
		 *at = malloc(n * sizeof(*at) + 1), *fr = malloc(n * 16 + 16);
	size_t *who = malloc(n * sizeof(*who) + 1);
	bool *ok = malloc(n + 1), *done = calloc(n + 1, 1);
	if (!pc || !bp || !at || !fr || !who || !ok || !done) { /* one at a time, then */
		for (size_t i = 0; i < n; i++)
			if (!(out[i].user_pc = user_pc(p, pcc, out[i].pc, out[i].bp)))
				out[i].user_pc = out[i].pc;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		pc[i] = out[i].pc;
		bp[i] = out[i].bp;
		out[i].user_pc = out[i].pc; /* unless a frame outside the runtime is found */
	}
	for (int depth = 0; depth < 64; depth++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (done[i])
				continue;
			int rt = pc[i] ? in_runtime(p, pcc, pc[i]) : -1;
			if (rt == 0)
				out[i].user_pc = pc[i];
			if (rt != 1 || !bp[i]) {
				done[i] = true;
				continue;
			}
			who[k] = i;
			at[k++] = bp[i];
		}
		if (!k)
			break;
		mem_read_many(p, at, k, 16, (unsigned char *)fr, ok);
		for (size_t j = 0; j < k; j++) {
			size_t i = who[j];
			if (!ok[j] ||
			    fr[2 * j] <= bp[i]) { /* [bp] the caller's bp, [bp+8] the pc */
				done[i] = true;
				continue;
			}
			pc[i] = fr[2 * j + 1];
			bp[i] = fr[2 * j];
		}
	}
out:
	free(pc), free(bp), free(at), free(fr), free(who), free(ok), free(done);
}

static uint64_t user_pc(cdbg_proc *p, struct pc_cache *pcc, uint64_t pc, uint64_t bp)
{
	for (int depth = 0; depth < 64 && pc; depth++) {
		uint64_t fr[2]; /* [bp] the caller's bp, [bp+8] the return address */
		int rt = in_runtime(p, pcc, pc);
		if (rt < 0)
			break;
		if (!rt)
			return pc;
		if (!bp || cdbg_mem_read(p, bp, fr, sizeof(fr)) != sizeof(fr) || fr[0] <= bp)
			break;
		pc = fr[1];
		bp = fr[0];
	}
	return 0;
}

int cdbg_goroutines(cdbg_proc *p, struct cdbg_goroutine *out, size_t max)
{
	struct cdbg_symbol allgs, allglen, reasons;
	struct glayout L;
	uint64_t base, len;
	unsigned char *buf;
	size_t count = 0;
	int r;

	memset(&L, 0, sizeof(L));
	if ((r = sym_check(p, "list goroutines")) < 0 || (r = layout(p, &L)) < 0)
		return r;
	if (cdbg_sym_by_name(p, "runtime.allgs", &allgs) < 0 ||
	    cdbg_sym_by_name(p, "runtime.allglen", &allglen) < 0)
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot list goroutines: the program has no "
				  "runtime.allgs or runtime.allglen symbol (not a Go program?)");
	if (cdbg_sym_by_name(p, "runtime.waitReasonStrings", &reasons) < 0)
		memset(&reasons, 0, sizeof(reasons));
	if (!read_u64(p, allgs.addr, &base) || !read_u64(p, allglen.addr, &len))
		return cdbg__fail(p, -EFAULT,
				  "cannot list goroutines: runtime.allgs is "
				  "unreadable");
	if (len > (1u << 24))
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot list goroutines: runtime.allglen is "
				  "%llu, not a plausible count",
				  (unsigned long long)len);
	/* the array of g pointers in one read, each g in one; a reason's words read once */
	uint64_t *gs = malloc(len ? len * 8 : 8);
	struct pc_cache *pcc = calloc(1, sizeof(*pcc));
	char(*reason_text)[64] = calloc(256, 64);
	bool *reason_read = calloc(256, sizeof(bool));
	if (!(buf = malloc(L.gsize)) || !gs || !pcc || !reason_text || !reason_read) {
		free(buf), free(gs), free(pcc), free(reason_text), free(reason_read);
		return cdbg__fail(p, -ENOMEM, "cannot list goroutines: out of memory");
	}
	if (len && cdbg_mem_read(p, base, gs, len * 8) != (ssize_t)(len * 8))
		len = 0;
	/* every g in as few reads as the kernel allows */
	unsigned char *all = len ? malloc(len * L.gsize) : NULL;
	bool *okg = len ? calloc(len, sizeof(bool)) : NULL;
	if (len && (!all || !okg)) {
		free(all), free(okg), free(buf), free(gs), free(pcc), free(reason_text),
			free(reason_read);
		return cdbg__fail(p, -ENOMEM, "cannot list goroutines: out of memory");
	}
	if (len)
		mem_read_many(p, gs, (size_t)len, L.gsize, all, okg);
	for (uint64_t i = 0; i < len; i++) {
		uint64_t ga = gs[i], mp, tid = 0;
		unsigned st;
		if (!ga || !okg[i])
			continue;
		memcpy(buf, all + i * L.gsize, L.gsize);
		st = (unsigned)get(buf, L.gsize, L.status);
		if ((st & ~(unsigned)G_SCAN) == G_DEAD)
			continue;
		if (count++ >= max)
			continue;
		struct cdbg_goroutine *o = &out[count - 1];
		memset(o, 0, sizeof(*o));
		o->id = (int64_t)get(buf, L.gsize, L.goid);
		o->status = (int)(st & ~(unsigned)G_SCAN);
		snprintf(o->status_name, sizeof(o->status_name), "%s", status_name(st));
		o->g_addr = ga;
		o->pc = get(buf, L.gsize, L.pc);
		o->sp = get(buf, L.gsize, L.sp);
		o->bp = get(buf, L.gsize, L.bp);
		o->start_pc = get(buf, L.gsize, L.startpc);
		o->go_pc = get(buf, L.gsize, L.gopc);
		if (o->status == G_WAITING) {
			unsigned wr = (unsigned)get(buf, L.gsize, L.waitreason);
			if (wr < 256 && !reason_read[wr]) {
				wait_reason(p, &reasons, wr, reason_text[wr],
					    sizeof(reason_text[wr]));
				reason_read[wr] = true;
			}
			if (wr < 256)
				snprintf(o->wait_reason, sizeof(o->wait_reason), "%s",
					 reason_text[wr]);
			else
				wait_reason(p, &reasons, wr, o->wait_reason,
					    sizeof(o->wait_reason));
		}
		mp = get(buf, L.gsize, L.m);
		if (mp && L.procid.off >= 0)
			read_u64(p, mp + (uint64_t)L.procid.off, &tid);
		/* On a thread: its registers are where it is (sched is stale while it runs). */
		if ((o->status == G_RUNNING || o->status == G_SYSCALL) && tid > 0 &&
		    tid < (1u << 31) && cdbg_pc_get(p, (pid_t)tid, &o->pc) == 0) {
			o->tid = (pid_t)tid;
			if (cdbg_reg_get(p, o->tid, arch_reg_role_name(ARCH_ROLE_SP), &o->sp) < 0 ||
			    cdbg_reg_get(p, o->tid, arch_reg_role_name(ARCH_ROLE_FP), &o->bp) < 0)
				o->bp = 0;
		}
	}
	free(all);
	free(okg);
	user_pcs(p, pcc, out, count < max ? count : max);
	free(buf);
	free(gs);
	free(pcc);
	free(reason_text);
	free(reason_read);
	cdbg__clear_error(p);
	return count > (size_t)INT32_MAX ? INT32_MAX : (int)count;
}

int cdbg_goroutine_backtrace(cdbg_proc *p, int64_t id, struct cdbg_frame *frames, size_t max)
{
	struct cdbg_goroutine *g = NULL, *found = NULL;
	int n, cap = 0;
	size_t k = 0;

	do {
		struct cdbg_goroutine *ng;
		cap = cap ? cap * 2 : 256;
		if (!(ng = realloc(g, sizeof(*g) * (size_t)cap))) {
			free(g);
			return cdbg__fail(p, -ENOMEM, "cannot list goroutines: out of memory");
		}
		g = ng;
		n = cdbg_goroutines(p, g, (size_t)cap);
	} while (n > cap);
	for (int i = 0; i < n && !found; i++)
		if (g[i].id == id)
			found = &g[i];
	if (!found) {
		free(g);
		return n < 0 ? n :
			       cdbg__fail(p, CDBG_ENOGOROUTINE,
					  "no goroutine %lld: it does not "
					  "exist or has ended",
					  (long long)id);
	}
	if (found->tid) {
		/* On a thread: the CFI unwinder sees its registers. */
		pid_t tid = found->tid;
		free(g);
		return cdbg_backtrace(p, tid, frames, max);
	}
	/* Parked: frame pointers from where it parked, as the runtime's own traceback does. */
	uint64_t pc = found->pc, bp = found->bp;
	free(g);
	while (k < max && pc) {
		uint64_t next_bp, ret;
		sym_fill_frame(p, &frames[k], pc, true); /* sched.pc is a return address too */
		k++;
		if (!bp || !read_u64(p, bp + 8, &ret) || !read_u64(p, bp, &next_bp) ||
		    (next_bp && next_bp <= bp))
			break;
		pc = ret;
		bp = next_bp;
	}
	cdbg__clear_error(p);
	return (int)k;
}
