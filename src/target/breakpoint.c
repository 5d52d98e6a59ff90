/*
 * breakpoint.c - software breakpoints, hardware breakpoints and watchpoints: their table, the
 * int3 sites and the program bytes under them, and the decision at each hit (condition, ignore
 * count, temporary). The out-of-line copies are slots.c's, the program's view of its memory
 * with int3s hidden memview.c's.
 *
 * Owns: struct bp / bp_site bookkeeping (the site table's own part, bp_sites_*, touches no
 * tracee: tests/unit/test_bp_sites.c drives it) and every byte cdbg writes into the program's
 * code (int3s, an in-place step over one, code borrowed for a system call). Must not: make ptrace
 * requests; the loop (target/) maps scratch memory, sets debug registers and moves threads,
 * and calls bp_* at each stop. The sites and the loop are one layer (target/target.h says why);
 * conditions come from above as predicates (bp_set_condition).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "target/target.h"
#include "janitor/janitor.h"

static struct bp_state *bps(cdbg_proc *p)
{
	return &p->bp;
}

static size_t site_hash(uint64_t addr)
{
	return (size_t)((addr * 0x9e3779b97f4a7c15ull) >> 54) & (BP_HASH - 1);
}

/* ---- the site table: bookkeeping only, no tracee (tests/unit/test_bp_sites.c) ------------ */

struct bp_site *bp_sites_find(const struct bp_state *st, uint64_t addr)
{
	for (struct bp_site *s = st->sites[site_hash(addr)]; s; s = s->next)
		if (s->addr == addr)
			return s;
	return NULL;
}

struct bp_site *bp_sites_add(struct bp_state *st, uint64_t addr, unsigned char orig)
{
	struct bp_site *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->addr = addr;
	s->orig = orig;
	s->next = st->sites[site_hash(addr)];
	st->sites[site_hash(addr)] = s;
	if (!st->nsites++) {
		st->lo = st->hi = addr;
	} else {
		st->lo = addr < st->lo ? addr : st->lo;
		st->hi = addr > st->hi ? addr : st->hi;
	}
	return s;
}

bool bp_sites_hold(struct bp_site *s)
{
	return s->users++ == 0;
}

bool bp_sites_release(struct bp_site *s)
{
	return --s->users <= 0;
}

void bp_sites_unlink(struct bp_state *st, struct bp_site *s)
{
	struct bp_site **pp = &st->sites[site_hash(s->addr)];

	st->moribund[st->nmoribund++ % BP_MORIBUND] = s->addr;
	while (*pp != s)
		pp = &(*pp)->next;
	*pp = s->next;
	st->nsites--;
}

bool bp_sites_moribund(const struct bp_state *st, uint64_t addr)
{
	for (unsigned i = 0; i < st->nmoribund && i < BP_MORIBUND; i++)
		if (st->moribund[i] == addr)
			return true;
	return false;
}

void bp_sites_clear(struct bp_state *st)
{
	for (size_t h = 0; h < BP_HASH; h++) {
		while (st->sites[h]) {
			struct bp_site *s = st->sites[h];
			st->sites[h] = s->next;
			free(s);
		}
	}
	st->nsites = 0;
	st->nmoribund = 0;
}

/* ---- lookups ------------------------------------------------------------------------------ */

struct bp_site *bp_site_at(cdbg_proc *p, uint64_t addr)
{
	return bp_sites_find(bps(p), addr);
}

struct bp *bp_by_id(cdbg_proc *p, int id)
{
	for (struct bp *b = bps(p)->list; b; b = b->next)
		if (b->id == id)
			return b;
	return NULL;
}

bool bp_is_moribund(cdbg_proc *p, uint64_t addr)
{
	return bp_sites_moribund(bps(p), addr);
}

/* ---- the bytes in memory ---------------------------------------------------------------- */

static int site_write_int3(cdbg_proc *p, struct bp_site *s)
{
	janitor_bytes(p, s->addr, &s->orig, 1, true); /* janitor hook: write-ahead */
	bp_parachute_track(p, s);                     /* the parachute's table: write-ahead */
	if (mem_raw_write(p, s->addr, arch_bp_insn, ARCH_BP_LEN) != ARCH_BP_LEN)
		return -EFAULT;
	s->inserted = true;
	return 0;
}

static int site_restore(cdbg_proc *p, struct bp_site *s)
{
	if (!s->inserted)
		return 0;
	if (mem_raw_write(p, s->addr, &s->orig, 1) != 1)
		return -EFAULT;
	s->inserted = false;
	janitor_bytes_done(p, s->addr, true); /* janitor hook */
	return 0;
}

/* Step the instruction under site s in place (no out-of-line copy): the program's byte back
 * for the step, without the bookkeeping of a removal (the int3 is back right after). */
int bp_site_step_begin(cdbg_proc *p, struct bp_site *s)
{
	return mem_raw_write(p, s->addr, &s->orig, 1) == 1 ? 0 : -EFAULT;
}

/* The step is over: the int3 back. */
void bp_site_step_end(cdbg_proc *p, struct bp_site *s)
{
	if (mem_raw_write(p, s->addr, arch_bp_insn, ARCH_BP_LEN) != ARCH_BP_LEN)
		logw(p, "cannot put the breakpoint at %#llx back", (unsigned long long)s->addr);
}

/* Borrow len bytes of the program's code at `at` for an instruction of cdbg's (a system call
 * run where the thread stands, when there is no scratch memory yet): the program's bytes into
 * saved (journalled first, for cdbg's death), insn written. 0 or -EFAULT. */
int bp_code_borrow(cdbg_proc *p, uint64_t at, const unsigned char *insn, unsigned char *saved,
		   size_t len)
{
	if (mem_raw_read(p, at, saved, len) != (ssize_t)len)
		return -EFAULT;
	janitor_bytes(p, at, saved, len, false); /* janitor hook */
	return mem_raw_write(p, at, insn, len) == (ssize_t)len ? 0 : -EFAULT;
}

/* The borrowed bytes back. */
void bp_code_return(cdbg_proc *p, uint64_t at, const unsigned char *saved, size_t len)
{
	if (mem_raw_write(p, at, saved, len) == (ssize_t)len)
		janitor_bytes_done(p, at, false); /* janitor hook */
}

/* ---- the table -------------------------------------------------------------------------- */

static struct bp_site *site_get(cdbg_proc *p, uint64_t addr)
{
	struct bp_site *s = bp_site_at(p, addr);
	unsigned char b;

	if (s)
		return s;
	if (mem_raw_read(p, addr, &b, 1) != 1) {
		cdbg__fail(p, CDBG_EBADADDR,
			   "cannot insert a breakpoint at %#llx: cannot access "
			   "memory there",
			   (unsigned long long)addr);
		return NULL;
	}
	if (!(s = bp_sites_add(bps(p), addr, b))) {
		cdbg__fail(p, -ENOMEM, "cannot insert a breakpoint: out of memory");
		return NULL;
	}
	return s;
}

/* Site s has no user left: the program's byte back, then out of the table. */
static void site_put(cdbg_proc *p, struct bp_site *s)
{
	site_restore(p, s);
	bp_parachute_untrack(p, s); /* after the byte is back */
	bp_sites_unlink(bps(p), s);
	bp_slot_give_back(p, s->slot);
	free(s);
}

/* A user breakpoint starts or stops using its site. */
static int site_use(cdbg_proc *p, struct bp *b, bool on)
{
	struct bp_site *s = on ? site_get(p, b->addr) : bp_site_at(p, b->addr);
	int r;

	if (!s)
		return on ? cdbg_errcode(p) : 0;
	if (!on) {
		if (bp_sites_release(s))
			site_put(p, s);
		return 0;
	}
	if (bp_sites_hold(s)) {
		bp_site_build_slot(p, s);
		if ((r = site_write_int3(p, s)) < 0) {
			if (bp_sites_release(s))
				site_put(p, s);
			return cdbg__fail(p, CDBG_EBADADDR,
					  "cannot insert a breakpoint at %#llx: "
					  "cannot write memory there",
					  (unsigned long long)b->addr);
		}
	}
	return 0;
}

static struct bp *bp_new(cdbg_proc *p, enum cdbg_bp_kind kind, uint64_t addr, unsigned flags)
{
	struct bp_state *st = bps(p);
	struct bp *b = calloc(1, sizeof(*b)), **pp = &st->list;

	if (!b) {
		cdbg__fail(p, -ENOMEM, "cannot insert a breakpoint: out of memory");
		return NULL;
	}
	b->id = ++st->next_id;
	b->kind = kind;
	b->addr = addr;
	b->len = 1;
	b->enabled = true;
	b->temporary = flags & CDBG_BP_TEMPORARY;
	b->notice = flags & CDBG_BP_NOTICE;
	b->hw_slot = -1;
	while (*pp)
		pp = &(*pp)->next;
	*pp = b;
	return b;
}

static void cond_free(struct bp *b)
{
	if (b->cond_free)
		b->cond_free(b->cond_ctx);
	free(b->cond_src);
	free(b->cond_err);
	b->cond_err = NULL;
	b->cond_holds = NULL;
	b->cond_free = NULL;
	b->cond_ctx = NULL;
	b->cond_src = NULL;
}

/* The ignore count b uses: its own, or the one it shares. */
static unsigned *ignore_of(struct bp *b)
{
	return b->shared ? &b->shared->count : &b->ignore;
}

/* b stops sharing an ignore count (the last one to go frees it). */
static void share_drop(struct bp *b)
{
	if (b->shared && --b->shared->refs == 0)
		free(b->shared);
	b->shared = NULL;
}

static void bp_unlink_free(cdbg_proc *p, struct bp *b)
{
	struct bp **pp = &bps(p)->list;

	while (*pp != b)
		pp = &(*pp)->next;
	*pp = b->next;
	cond_free(b);
	share_drop(b);
	free(b);
}

static int hw_use(cdbg_proc *p, struct bp *b, bool on)
{
	struct bp_state *st = bps(p);
	int i;

	if (b->soft) {
		/* No debug register: the loop single-steps every thread and compares. */
		if (on)
			st->nsoft++;
		else if (st->nsoft)
			st->nsoft--;
		b->value = 0;
		if (on && cdbg_mem_read(p, b->addr, &b->value, b->len) != (ssize_t)b->len)
			b->value = 0;
		return 0;
	}
	if (!on) {
		if (b->hw_slot >= 0) {
			st->hw[b->hw_slot] = NULL;
			st->dr7 = arch_dr7_set(st->dr7, b->hw_slot, 0, 0);
			b->hw_slot = -1;
			return loop_apply_debugregs(p);
		}
		return 0;
	}
	for (i = 0; i < ARCH_NUM_HW && st->hw[i]; i++)
		;
	if (i == ARCH_NUM_HW)
		return cdbg__fail(p, CDBG_ENOSLOT,
				  "cannot set a hardware %s at %#llx: all %d debug "
				  "registers are in use; delete or disable one first",
				  b->kind == CDBG_BP_WATCH ? "watchpoint" : "breakpoint",
				  (unsigned long long)b->addr, ARCH_NUM_HW);
	janitor_dr7(p); /* janitor hook */
	st->hw[i] = b;
	b->hw_slot = i;
	st->dr7 = arch_dr7_set(st->dr7, i, b->watch, b->len);
	if (b->kind == CDBG_BP_WATCH) {
		b->value = 0;
		if (cdbg_mem_read(p, b->addr, &b->value, b->len) != (ssize_t)b->len)
			b->value = 0;
	}
	return loop_apply_debugregs(p);
}

static int bp_use(cdbg_proc *p, struct bp *b, bool on)
{
	return b->kind == CDBG_BP_SOFTWARE ? site_use(p, b, on) : hw_use(p, b, on);
}

int cdbg_bp_insert(cdbg_proc *p, uint64_t addr, unsigned flags)
{
	struct bp *b;
	int r;

	if ((r = loop_require_live(p, "insert a breakpoint")) < 0)
		return r;
	if (!(b = bp_new(p, CDBG_BP_SOFTWARE, addr, flags)))
		return cdbg_errcode(p);
	if ((r = site_use(p, b, true)) < 0) {
		bps(p)->next_id--;
		bp_unlink_free(p, b);
		return r;
	}
	cdbg__clear_error(p);
	return b->id;
}

int bp_insert_solib(cdbg_proc *p, uint64_t addr, uint64_t r_state)
{
	struct bp *b;
	int id;

	for (b = bps(p)->list; b; b = b->next)
		if (b->role == BP_ROLE_SOLIB) {
			if (b->addr == addr && b->enabled) {
				b->r_state = r_state;
				return b->id;
			}
			if (cdbg_bp_remove(p, b->id) < 0)
				return cdbg_errcode(p);
			break;
		}
	if ((id = cdbg_bp_insert(p, addr, 0)) < 0)
		return id;
	b = bp_by_id(p, id);
	b->role = BP_ROLE_SOLIB;
	b->r_state = r_state;
	return id;
}

void bp_solib_enable(cdbg_proc *p, bool on)
{
	for (struct bp *b = bps(p)->list; b; b = b->next)
		if (b->role == BP_ROLE_SOLIB && b->enabled != on && bp_use(p, b, on) == 0)
			b->enabled = on;
}

bool bp_is_solib(cdbg_proc *p, int id)
{
	struct bp *b = bp_by_id(p, id);

	return b && b->role == BP_ROLE_SOLIB;
}

int cdbg_bp_insert_hw(cdbg_proc *p, uint64_t addr, unsigned len, int watch, unsigned flags)
{
	const char *why;
	struct bp *b;
	int r;

	if ((r = loop_require_live(p, "insert a hardware breakpoint")) < 0)
		return r;
	if (watch < CDBG_WATCH_EXEC || watch > CDBG_WATCH_RW)
		return cdbg__fail(p, -EINVAL, "cannot watch %#llx: unknown kind %d",
				  (unsigned long long)addr, watch);
	if ((why = arch_hw_check(addr, len, watch)))
		return cdbg__fail(p, -EINVAL, "cannot watch %u bytes at %#llx: %s", len,
				  (unsigned long long)addr, why);
	if (!(b = bp_new(p, watch == CDBG_WATCH_EXEC ? CDBG_BP_HARDWARE : CDBG_BP_WATCH, addr,
			 flags)))
		return cdbg_errcode(p);
	b->watch = watch;
	b->len = len;
	b->soft = (flags & CDBG_BP_SOFT) && watch == CDBG_WATCH_WRITE;
	if ((r = hw_use(p, b, true)) < 0) {
		bps(p)->next_id--;
		bp_unlink_free(p, b);
		return r;
	}
	cdbg__clear_error(p);
	return b->id;
}

int bp_insert_internal(cdbg_proc *p, uint64_t addr, pid_t tid, uint64_t min_sp)
{
	int id = cdbg_bp_insert(p, addr, 0);
	struct bp *b;

	if (id < 0)
		return id;
	b = bp_by_id(p, id);
	bps(p)->next_id--; /* the user's numbering goes on as if it had never been */
	b->id = BP_INTERNAL_BASE + ++bps(p)->next_internal;
	b->role = BP_ROLE_STEP;
	b->only_tid = tid;
	b->min_sp = min_sp;
	return b->id;
}

int bp_hw_exec_at(cdbg_proc *p, uint64_t addr)
{
	for (int i = 0; i < ARCH_NUM_HW; i++) {
		struct bp *b = bps(p)->hw[i];
		if (b && b->kind == CDBG_BP_HARDWARE && b->enabled && b->addr == addr)
			return i;
	}
	return -1;
}

int bp_stepped_onto(cdbg_proc *p, pid_t tid, struct cdbg_event *ev)
{
	struct thread *t = loop_stopped_thread(p, tid, "check for a breakpoint");
	struct bp_site *s;
	uint64_t pc;

	if (!t || loop_regs_fetch(p, t) < 0)
		return 0;
	pc = arch_gpr_pc(&t->regs);
	memset(ev, 0, sizeof(*ev));
	if (!(s = bp_site_at(p, pc)) || !s->users) {
		/* A hardware breakpoint there (hbreak): a step onto it is its hit too. */
		int slot = bp_hw_exec_at(p, pc);
		if (slot < 0 || bp_decide_hw(p, t, slot, ev) != BP_STOP)
			return 0;
	} else if (bp_decide(p, t, pc, ev) != BP_STOP) {
		return 0;
	}
	ev->kind = CDBG_EV_BREAKPOINT;
	ev->stopped = 1;
	ev->tid = tid;
	/* Reported as its hit: the thread now stands at the breakpoint as one that hit it, and
	 * is sent past it when it resumes (gdb steps over the breakpoint at a stop's pc). */
	t->stop = SK_BREAK;
	bp_after_report(p, ev->bp_id);
	return 1;
}

static struct bp *bp_lookup(cdbg_proc *p, int id, const char *what)
{
	struct bp *b;

	if (loop_require_stopped(p, what) < 0)
		return NULL;
	if (!(b = bp_by_id(p, id)))
		cdbg__fail(p, CDBG_ENOBP, "cannot %s: no breakpoint number %d", what, id);
	return b;
}

int cdbg_bp_remove(cdbg_proc *p, int id)
{
	struct bp *b = bp_lookup(p, id, "delete the breakpoint");

	if (!b)
		return cdbg_errcode(p);
	if (b->enabled)
		bp_use(p, b, false);
	bp_unlink_free(p, b);
	return 0;
}

int cdbg_bp_enable(cdbg_proc *p, int id, int enabled)
{
	struct bp *b = bp_lookup(p, id,
				 enabled ? "enable the breakpoint" : "disable the breakpoint");
	int r;

	if (!b)
		return cdbg_errcode(p);
	if (b->enabled == !!enabled)
		return 0;
	if ((r = bp_use(p, b, enabled)) < 0)
		return r;
	b->enabled = enabled;
	return 0;
}

/* Install a condition on breakpoint id (src its text; holds NULL: none). The breakpoint
 * layer calls holds at each hit and free_ctx(ctx) when the condition is replaced or the
 * breakpoint goes; it never looks inside. */
int bp_set_condition(cdbg_proc *p, int id, const char *src, bp_cond_fn holds,
		     void (*free_ctx)(void *ctx), void *ctx)
{
	struct bp *b = bp_by_id(p, id);
	char *copy = NULL;

	if (!b || (holds && !(copy = strdup(src)))) {
		if (holds && free_ctx)
			free_ctx(ctx);
		return b ? cdbg__fail(p, -ENOMEM, "cannot set the condition: out of memory") :
			   cdbg__fail(p, CDBG_ENOBP,
				      "cannot set the condition: no breakpoint "
				      "number %d",
				      id);
	}
	cond_free(b);
	b->cond_holds = holds;
	b->cond_free = free_ctx;
	b->cond_ctx = ctx;
	b->cond_src = copy;
	return 0;
}

/* The breakpoint exists and the process is stopped (the checks cdbg_bp_condition makes before
 * it compiles anything): 0, or the failure. */
int bp_check(cdbg_proc *p, int id, const char *what)
{
	return bp_lookup(p, id, what) ? 0 : cdbg_errcode(p);
}

int cdbg_bp_ignore(cdbg_proc *p, int id, unsigned count)
{
	struct bp *b = bp_lookup(p, id, "set the ignore count");

	if (!b)
		return cdbg_errcode(p);
	*ignore_of(b) = count;
	return 0;
}

int cdbg_bp_thread(cdbg_proc *p, int id, pid_t tid)
{
	struct bp *b = bp_lookup(p, id, "make a breakpoint thread-specific");

	if (!b)
		return cdbg_errcode(p);
	b->thread = tid;
	return 0;
}

void bp_thread_gone(cdbg_proc *p, pid_t tid)
{
	for (struct bp *b = bps(p)->list; b; b = b->next)
		if (b->thread == tid)
			b->thread = -1; /* its thread is gone: a new one with that tid is not it */
}

int bp_share_ignore(cdbg_proc *p, int id, int with)
{
	struct bp *b = bp_by_id(p, id), *w = bp_by_id(p, with);

	if (!b || !w)
		return cdbg__fail(p, CDBG_ENOBP, "cannot share an ignore count: no breakpoint %d",
				  b ? with : id);
	if (b == w || (b->shared && b->shared == w->shared))
		return 0;
	if (!w->shared) {
		if (!(w->shared = malloc(sizeof(*w->shared))))
			return cdbg__fail(p, -ENOMEM,
					  "cannot share an ignore count: out of memory");
		w->shared->count = w->ignore;
		w->shared->refs = 1;
	}
	share_drop(b);
	b->shared = w->shared;
	b->shared->refs++;
	return 0;
}

int bp_list(cdbg_proc *p, enum bp_role role, int *ids, size_t max)
{
	size_t n = 0;

	for (struct bp *b = bps(p)->list; b; b = b->next) {
		if (b->role != role)
			continue;
		if (ids && n < max)
			ids[n] = b->id;
		n++;
	}
	return (int)n;
}

int cdbg_bp_list(cdbg_proc *p, int *ids, size_t max)
{
	if (cdbg__check_owner(p, "list breakpoints") < 0)
		return cdbg_errcode(p);
	return bp_list(p, BP_ROLE_USER, ids, max);
}

int cdbg_bp_info(cdbg_proc *p, int id, struct cdbg_bp_info *info)
{
	struct bp *b;

	if (cdbg__check_owner(p, "describe a breakpoint") < 0)
		return cdbg_errcode(p);
	if (!(b = bp_by_id(p, id)))
		return cdbg__fail(p, CDBG_ENOBP, "no breakpoint number %d", id);
	memset(info, 0, sizeof(*info));
	info->id = b->id;
	info->kind = b->kind;
	info->watch = b->watch;
	info->addr = b->addr;
	info->len = b->len;
	info->enabled = b->enabled;
	info->temporary = b->temporary;
	info->hits = b->hits;
	info->ignore = *ignore_of(b);
	info->condition_cut = snprintf(info->condition, sizeof(info->condition), "%s",
				       b->cond_src ? b->cond_src : "") >=
			      (int)sizeof(info->condition);
	return 0;
}

/* ---- at a hit ---------------------------------------------------------------------------- */

/* Does b's condition hold in thread t? 1 yes, 0 no, -1 cannot tell (the message in
 * ev->message, whole in b->cond_err). */
static int cond_holds(cdbg_proc *p, struct thread *t, struct bp *b, struct cdbg_event *ev)
{
	char err[CDBG_ERRMSG_MAX];
	int r, n;

	if (!b->cond_holds)
		return 1;
	r = b->cond_holds(b->cond_ctx, p, t, err, sizeof(err));
	if (r < 0) {
		free(b->cond_err);
		if (asprintf(&b->cond_err, "cannot evaluate the condition of breakpoint %d: %s",
			     b->id, err) < 0)
			b->cond_err = NULL;
		n = snprintf(ev->message, sizeof(ev->message), "%s",
			     b->cond_err ? b->cond_err : "cannot evaluate the condition");
		ev->message_cut = n >= (int)sizeof(ev->message) || !b->cond_err;
		return -1;
	}
	return r;
}

/* At the dynamic linker's r_brk: is r_debug.r_state RT_CONSISTENT (0), the library list
 * complete? The linker also calls r_brk before a change (RT_ADD, RT_DELETE). */
static bool solib_consistent(cdbg_proc *p, const struct bp *b)
{
	int32_t state = 0;

	if (!b->r_state || mem_read_quiet(p, b->r_state, &state, sizeof(state)) != sizeof(state))
		return true;
	return state == 0;
}

/* Thread t trapped on site s (its registers fetched, pc already moved back to s->addr). Walk
 * the enabled breakpoints there: a hit counts when the condition holds, then is ignored while
 * the ignore count lasts. Fills ev for a stop. */
static enum bp_action decide(cdbg_proc *p, struct thread *t, uint64_t addr, struct cdbg_event *ev,
			     bool steps_only)
{
	enum bp_action act = BP_RESUME;

	/* A call runs only with every thread held (all-stop kept): before that, nothing is
	 * counted here, the whole hit is decided later (bp_decide_held). */
	for (struct bp *b = bps(p)->list; b && !p->all_stopped && !steps_only; b = b->next)
		if (b->kind == CDBG_BP_SOFTWARE && b->enabled && b->addr == addr && b->cond_calls)
			return BP_HOLD;
	for (struct bp *b = bps(p)->list; b; b = b->next) {
		if (b->kind != CDBG_BP_SOFTWARE || !b->enabled || b->addr != addr)
			continue;
		if (steps_only && b->role != BP_ROLE_STEP)
			continue;
		if (b->role == BP_ROLE_SOLIB && !solib_consistent(p, b))
			continue; /* the dynamic linker is between states: nothing to look at yet */
		if (b->only_tid && (b->only_tid != t->tid || arch_gpr_sp(&t->regs) < b->min_sp))
			continue; /* another thread, or a deeper frame: it runs on unaware */
		if (b->thread && b->thread != t->tid)
			continue; /* thread-specific (gdb's break LOC thread N): not this one */
		pid_t tid = t->tid;
		int c = cond_holds(p, t, b, ev);
		if (b->cond_calls && !thread_find(&p->threads, tid))
			return BP_RESUME; /* t ended in the condition's call: its record is gone */
		if (c == 0)
			continue;
		if (c > 0) {
			b->hits++;
			if (*ignore_of(b)) {
				(*ignore_of(b))--;
				continue;
			}
		}
		if (act == BP_STOP)
			continue; /* the first one to stop names the event */
		if (b->notice && act == BP_NOTICE)
			continue;
		act = b->notice ? BP_NOTICE : BP_STOP;
		ev->bp_id = b->id;
		ev->addr = addr;
	}
	return act;
}

enum bp_action bp_decide(cdbg_proc *p, struct thread *t, uint64_t addr, struct cdbg_event *ev)
{
	return decide(p, t, addr, ev, false);
}

enum bp_action bp_decide_returned(cdbg_proc *p, struct thread *t, uint64_t addr,
				  struct cdbg_event *ev)
{
	return decide(p, t, addr, ev, true);
}

void bp_condition_calls(cdbg_proc *p, int id, bool calls)
{
	struct bp *b = bp_by_id(p, id);

	if (b)
		b->cond_calls = calls;
}

/* A watchpoint in debug register slot fired in thread t: fill ev, or return BP_RESUME when
 * the access does not count (a read/write watchpoint's condition, an ignore count). */
enum bp_action bp_decide_hw(cdbg_proc *p, struct thread *t, int slot, struct cdbg_event *ev)
{
	struct bp *b = slot >= 0 && slot < ARCH_NUM_HW ? bps(p)->hw[slot] : NULL;
	uint64_t now = 0;

	if (!b || !b->enabled || (b->thread && b->thread != t->tid))
		return BP_RESUME;
	ev->bp_id = b->id;
	ev->addr = b->addr;
	if (b->kind == CDBG_BP_WATCH) {
		if (cdbg_mem_read(p, b->addr, &now, b->len) != (ssize_t)b->len)
			now = 0;
		ev->old_value = b->value;
		ev->new_value = now;
		b->value = now;
	}
	int c = cond_holds(p, t, b, ev);
	if (c == 0)
		return BP_RESUME;
	if (c > 0) {
		b->hits++;
		if (*ignore_of(b)) {
			(*ignore_of(b))--;
			return BP_RESUME;
		}
	}
	return BP_STOP;
}

/* t finished one single-step while software watchpoints are enabled: the first whose bytes
 * changed (and whose condition, thread and ignore count let it count) stops the process. */
enum bp_action bp_decide_soft(cdbg_proc *p, struct thread *t, struct cdbg_event *ev)
{
	for (struct bp *b = bps(p)->list; b; b = b->next) {
		uint64_t now = 0;
		if (!b->soft || !b->enabled)
			continue;
		if (cdbg_mem_read(p, b->addr, &now, b->len) != (ssize_t)b->len || now == b->value)
			continue;
		ev->bp_id = b->id;
		ev->addr = b->addr;
		ev->old_value = b->value;
		ev->new_value = now;
		b->value = now;
		if (b->thread && b->thread != t->tid)
			continue;
		int c = cond_holds(p, t, b, ev);
		if (c == 0)
			continue;
		if (c > 0) {
			b->hits++;
			if (*ignore_of(b)) {
				(*ignore_of(b))--;
				continue;
			}
		}
		return BP_STOP;
	}
	return BP_RESUME;
}

/* A reported hit of a temporary breakpoint deletes it. */
void bp_after_report(cdbg_proc *p, int id)
{
	struct bp *b = bp_by_id(p, id);

	if (b && b->temporary) {
		if (b->enabled)
			bp_use(p, b, false);
		bp_unlink_free(p, b);
	}
}

/* Is a queued event for breakpoint id still worth reporting? */
bool bp_still_there(cdbg_proc *p, int id)
{
	struct bp *b = bp_by_id(p, id);

	return b && b->enabled;
}

/* ---- whole-process transitions ---------------------------------------------------------- */

/* Take every int3 out of memory (detach, vfork) or put them back. */
int bp_lift_all(cdbg_proc *p, bool lift)
{
	struct bp_state *st = bps(p);
	int r = 0;

	for (size_t h = 0; h < BP_HASH; h++)
		for (struct bp_site *s = st->sites[h]; s; s = s->next)
			if (lift ? site_restore(p, s) < 0 : site_write_int3(p, s) < 0)
				r = -EFAULT;
	return r;
}

/* A forked child has a copy of our int3s: put the program's bytes back in its memory. */
void bp_clean_child(cdbg_proc *p, pid_t child)
{
	struct bp_state *st = bps(p);

	for (size_t h = 0; h < BP_HASH; h++)
		for (struct bp_site *s = st->sites[h]; s; s = s->next)
			if (s->inserted && mem_write_pid(child, s->addr, &s->orig, 1) != 1)
				logw(p, "fork child %d: cannot remove the breakpoint at %#llx",
				     (int)child, (unsigned long long)s->addr);
}

/* The memory the breakpoints lived in is gone (exec, exit, kill) or no longer ours (detach):
 * forget every int3, slot and debug register, but keep the breakpoints themselves, with their
 * hit counts, as gdb does; they are no longer inserted anywhere. */
void bp_drop_memory(cdbg_proc *p)
{
	struct bp_state *st = bps(p);

	janitor_forget(p); /* janitor hook */
	bp_parachute_forget(p);
	bp_sites_clear(st);
	for (struct bp *b = st->list; b; b = b->next) {
		b->hw_slot = -1;
		b->soft = false; /* watches nothing any more */
	}
	st->nsoft = 0;
	/* The dynamic linker's breakpoint belongs to that program: cdbg_libraries_report again. */
	for (struct bp *b = st->list, *next; b; b = next) {
		next = b->next;
		if (b->role == BP_ROLE_SOLIB)
			bp_unlink_free(p, b);
	}
	free(st->scratch);
	free(st->free_slots);
	st->scratch = NULL;
	st->free_slots = NULL;
	st->nscratch = st->nfree = st->allocfree = 0;
	st->dr7 = 0;
	st->vfork_out = false;
	memset(st->hw, 0, sizeof(st->hw));
}

int bp_forget(cdbg_proc *p, int id)
{
	struct bp *b = bp_by_id(p, id);

	if (!b)
		return CDBG_ENOBP;
	/* Still in the program's code: only cdbg_bp_remove may take it out. */
	if (b->kind == CDBG_BP_SOFTWARE && bp_sites_find(bps(p), b->addr))
		return CDBG_EBADSTATE;
	if (b->hw_slot >= 0)
		return CDBG_EBADSTATE;
	bp_unlink_free(p, b);
	return 0;
}

/* Forget everything, breakpoints included (a new process, or the handle is freed). */
void bp_forget_all(cdbg_proc *p)
{
	struct bp_state *st = bps(p);

	bp_drop_memory(p);
	janitor_release(p); /* janitor hook: a new process, or the handle is freed */
	while (st->list)
		bp_unlink_free(p, st->list);
	memset(st, 0, sizeof(*st));
}
