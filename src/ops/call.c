/*
 * call.c - calling a function inside the tracee (cdbg_call): the set-up the arch's calling
 * convention lays out (arch.h: arch_call_*), a return onto a trap cdbg owns, and the
 * restoration of everything the thread had.
 *
 * Owns: writing a call's stack and registers, and what is saved and restored. Must not: make
 * ptrace requests (the target layer runs the thread: loop_run_alone, loop_sigmask; its caches
 * hold registers), or know the CPU's convention (red zone, alignment, argument registers: arch).
 * Learns from: the project's design notes on calls (return address trap, 16-byte alignment), CRIU compel's parasite_run
 * (save everything, orig_rax = -1, block signals, accept only the expected trap).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ops/call.h"
#include "symbols/symbols.h"
#include "target/target.h"

/* What the thread had before the call. */
struct saved {
	struct arch_gpr regs;
	unsigned char *xstate;
	uint64_t sigmask;
	int pending_sig;
	enum stop_kind stop;
};

static int save(cdbg_proc *p, struct thread *t, struct saved *s)
{
	size_t xs;

	if (loop_regs_fetch(p, t) < 0 || loop_xstate_fetch(p, t) < 0)
		return cdbg_errcode(p);
	xs = p->xstate.size; /* the kernel's, learned by the fetch */
	s->regs = t->regs;
	if (!(s->xstate = malloc(xs)))
		return cdbg__fail(p, -ENOMEM, "cannot call a function: out of memory");
	memcpy(s->xstate, t->xstate, xs);
	s->pending_sig = t->pending_sig;
	s->stop = t->stop;
	if (loop_sigmask(p, t, &s->sigmask, NULL) < 0) {
		free(s->xstate);
		return cdbg__fail(p, -EIO,
				  "cannot call a function in thread %d: cannot read its "
				  "signal mask",
				  (int)t->tid);
	}
	return 0;
}

/* Everything back: registers (the interrupted system call included, so it restarts),
 * the extended state, the signal mask, the signal the thread was to receive. */
static void restore(cdbg_proc *p, struct thread *t, struct saved *s)
{
	if (t->state == TS_STOPPED) {
		t->regs = s->regs;
		t->regs_valid = t->regs_dirty = true;
		memcpy(t->xstate, s->xstate, p->xstate.size);
		t->xstate_valid = t->xstate_dirty = true;
		loop_sigmask(p, t, NULL, &s->sigmask);
		t->pending_sig = s->pending_sig;
		if (t->pending_sig)
			t->si_restore = true;
		t->stop = s->stop == SK_GROUP ? SK_INTERRUPT : s->stop;
		loop_flush_regs(p, t);
	}
	free(s->xstate);
}

/* Lay out the stack below the thread's (sp): data blobs, stack arguments, the return
 * address, where the arch says. *sp_out gets the stack pointer the function starts with. */
static int build_stack(cdbg_proc *p, struct cdbg_call *c, uint64_t sp, uint64_t ret_addr,
		       uint64_t *sp_out)
{
	uint64_t top = arch_call_stack_top(sp), args[CDBG_CALL_MAX_ARGS];
	int nstack = c->nargs > ARCH_CALL_REG_ARGS ? c->nargs - ARCH_CALL_REG_ARGS : 0;
	struct arch_call_frame f;

	memcpy(args, c->args, sizeof(args));
	for (int i = 0; i < c->nargs; i++) {
		if (!c->data[i])
			continue;
		top = arch_call_stack_blob(top, c->datalen[i]);
		if (cdbg_mem_write(p, top, c->data[i], c->datalen[i]) != (ssize_t)c->datalen[i])
			return cdbg_errcode(p);
		args[i] = top;
	}
	arch_call_frame(top, nstack, &f);
	for (int i = 0; i < nstack; i++)
		if (cdbg_mem_write(p, f.args_at + 8 * (uint64_t)i, &args[ARCH_CALL_REG_ARGS + i],
				   8) != 8)
			return cdbg_errcode(p);
	if (cdbg_mem_write(p, f.ret_at, &ret_addr, 8) != 8)
		return cdbg_errcode(p);
	memcpy(c->args, args, sizeof(args));
	*sp_out = f.sp;
	return 0;
}

/* The same for a call laid out by the arch (arch_call_plan): r's stack bytes go at the
 * 16-aligned bottom of the argument area, the return address just below them. */
static int build_stack_regs(cdbg_proc *p, const struct arch_call_regs *r, uint64_t sp,
			    uint64_t ret_addr, uint64_t *sp_out)
{
	uint64_t top = arch_call_stack_top(sp);
	struct arch_call_frame f;

	arch_call_frame(top - r->stack_len, 0, &f);
	if (r->stack_len &&
	    cdbg_mem_write(p, f.args_at, r->stack, r->stack_len) != (ssize_t)r->stack_len)
		return cdbg_errcode(p);
	if (cdbg_mem_write(p, f.ret_at, &ret_addr, 8) != 8)
		return cdbg_errcode(p);
	*sp_out = f.sp;
	return 0;
}

static void set_float_args(cdbg_proc *p, struct thread *t, const struct cdbg_call *c)
{
	if (c->nfargs) {
		arch_call_set_floats(&p->xstate, t->xstate, c->fargs, c->nfargs);
		t->xstate_dirty = true;
	}
}

/* Run the thread until the call ends; say how. */
static int await_return(cdbg_proc *p, struct thread *t, struct cdbg_call *c, uint64_t trap,
			struct arch_call_regs *out)
{
	struct raw_event ev;
	int r;

	for (int rounds = 0; rounds < 64; rounds++) {
		r = loop_run_alone(p, t, c->timeout_ms ? c->timeout_ms : 10000, &ev);
		if (r == -ETIMEDOUT) {
			c->end = CDBG_CALL_TIMEOUT;
			return cdbg__fail(
				p, CDBG_ECALLFAIL,
				"the function at %#llx did not return "
				"within %d ms (it may wait for a lock that a stopped thread "
				"holds); the call was abandoned and thread %d restored",
				(unsigned long long)c->func, c->timeout_ms ? c->timeout_ms : 10000,
				(int)t->tid);
		}
		if (r < 0 || ev.kind == RAW_EXIT_STOP) {
			c->end = CDBG_CALL_EXITED;
			return cdbg__fail(p, CDBG_ECALLFAIL, "thread %d exited during the call",
					  (int)t->tid);
		}
		if (ev.kind != RAW_SIGNAL)
			continue; /* an event stop (a clone in the callee): let it go on */
		if (loop_regs_fetch(p, t) < 0)
			return cdbg_errcode(p);
		uint64_t pc = arch_gpr_pc(&t->regs);
		if (ev.sig == SIGTRAP && arch_is_bp_trap(&ev.si) && pc == trap + ARCH_BP_PC_ADJUST) {
			c->end = CDBG_CALL_RETURNED;
			c->ret = arch_call_result(&t->regs);
			if (loop_xstate_fetch(p, t) == 0) {
				c->fret = arch_call_float_result(t->xstate);
				if (out)
					arch_call_store(out, &t->regs, t->xstate);
			}
			return 0;
		}
		if (ev.sig == SIGTRAP && arch_is_bp_trap(&ev.si) &&
		    bp_site_at(p, pc - ARCH_BP_PC_ADJUST)) {
			struct bp_site *s = bp_site_at(p, pc - ARCH_BP_PC_ADJUST);
			struct cdbg_event de;
			uint64_t slot = bp_site_slot(p, s);

			/* gdb: a breakpoint whose condition is false (or an ignore count, another
			 * thread's) lets the call go on: past the int3 through its out-of-line copy */
			memset(&de, 0, sizeof(de));
			arch_gpr_set_pc(&t->regs, s->addr);
			t->regs_dirty = true;
			if (slot && bp_decide(p, t, s->addr, &de) == BP_RESUME) {
				arch_gpr_set_pc(&t->regs, slot);
				t->in_slot = true;
				continue;
			}
			c->end = CDBG_CALL_BREAKPOINT;
			c->fault_addr = s->addr;
			for (struct bp *b = p->bp.list; b; b = b->next)
				if (b->addr == s->addr && b->kind == CDBG_BP_SOFTWARE)
					c->bp_id = b->id;
			return cdbg__fail(
				p, CDBG_ECALLFAIL,
				"the called function reached breakpoint "
				"%d at %#llx; the call was abandoned and thread %d restored",
				c->bp_id, (unsigned long long)s->addr, (int)t->tid);
		}
		c->end = CDBG_CALL_SIGNAL;
		c->signo = ev.sig;
		c->fault_addr = (uint64_t)(uintptr_t)ev.si.si_addr;
		return cdbg__fail(p, CDBG_ECALLFAIL,
				  "the called function received signal %d (%s) "
				  "at %#llx; the call was abandoned and thread %d restored",
				  ev.sig, sigabbrev_np(ev.sig) ? sigabbrev_np(ev.sig) : "?",
				  (unsigned long long)pc, (int)t->tid);
	}
	c->end = CDBG_CALL_TIMEOUT;
	return cdbg__fail(p, CDBG_ECALLFAIL, "the called function kept stopping; abandoned");
}

/* ---- calls stopped inside: gdb's dummy frames ------------------------------------------------ */

/* A call left stopped inside (cdbg_call's stay): what the thread gets back when the function
 * returns onto the trap, or when the call is abandoned. */
struct call_dummy {
	pid_t tid;
	uint64_t trap, func;
	uint64_t sp; /* the stack pointer the function started with: below it, its frames */
	struct saved s;
	struct call_dummy *next; /* the next older one (of any thread) */
};

static struct call_area *area(cdbg_proc *p)
{
	return *cdbg__layer(p, CDBG__LAYER_CALL);
}

static int call_depth(cdbg_proc *p, pid_t tid)
{
	struct call_area *a = area(p);
	int n = 0;

	for (struct call_dummy *d = a ? a->dummies : NULL; d; d = d->next)
		n += !tid || d->tid == tid;
	return n;
}

/* The innermost call stopped inside thread tid. */
static struct call_dummy **innermost(cdbg_proc *p, pid_t tid)
{
	struct call_area *a = area(p);

	if (!a)
		return NULL;
	for (struct call_dummy **dp = &a->dummies; *dp; dp = &(*dp)->next)
		if ((*dp)->tid == tid)
			return dp;
	return NULL;
}

static void dummy_drop(cdbg_proc *p, struct call_dummy **dp)
{
	struct call_dummy *d = *dp;

	*dp = d->next;
	free(d->s.xstate);
	free(d);
	if (!call_depth(p, 0))
		bp_parachute_inflight(p, 0, NULL, 0);
}

void call_dummies_forget(cdbg_proc *p, struct call_area *a)
{
	(void)p;
	while (a->dummies) {
		struct call_dummy *d = a->dummies;
		a->dummies = d->next;
		free(d->s.xstate);
		free(d);
	}
}

/* The unwinder's question (symbols' dummy hook): is pc, the nth dummy frame met in thread
 * tid's walk, the return of a call stopped inside? Its registers from before the call. */
static bool dummy_regs(cdbg_proc *p, pid_t tid, uint64_t pc, int nth, struct arch_gpr *regs)
{
	struct call_area *a = area(p);

	for (struct call_dummy *d = a ? a->dummies : NULL; d; d = d->next) {
		if (d->tid != tid)
			continue;
		if (nth-- > 0)
			continue;
		if (pc != d->trap)
			return false;
		*regs = d->s.regs;
		return true;
	}
	return false;
}

static bool stays(const struct cdbg_call *c)
{
	return (c->end == CDBG_CALL_BREAKPOINT && (c->stay & CDBG_CALL_STAY_BREAK)) ||
	       (c->end == CDBG_CALL_SIGNAL && (c->stay & CDBG_CALL_STAY_SIGNAL));
}

/* Leave thread t where the call stopped (a breakpoint: at its address, to be stepped over
 * when resumed; a signal: to be delivered when resumed) and remember what restores it. */
static int stay(cdbg_proc *p, struct thread *t, struct cdbg_call *c, uint64_t trap, struct saved *s,
		bool outer)
{
	struct call_area *a = call_area_get(p);
	struct call_dummy *d = a ? calloc(1, sizeof(*d)) : NULL;

	if (!d || sym_dummy_hook(p, dummy_regs) < 0) {
		free(d);
		return -ENOMEM;
	}
	if (c->end == CDBG_CALL_BREAKPOINT) {
		arch_gpr_set_pc(&t->regs, c->fault_addr);
		t->regs_dirty = true;
		t->stop = SK_BREAK;
		t->pending_sig = 0;
	} else {
		t->stop = SK_SIGNAL;
		t->pending_sig = c->signo;
	}
	loop_flush_regs(p, t);
	d->tid = t->tid;
	d->trap = trap;
	d->func = c->func;
	d->s = *s;
	d->next = a->dummies;
	a->dummies = d;
	(void)outer; /* the outermost call's registers stay in the parachute's table */
	c->stayed = 1;
	cdbg__fail(p, CDBG_ECALLFAIL,
		   "the called function at %#llx stopped (%s) in thread %d; the thread stays "
		   "there",
		   (unsigned long long)c->func,
		   c->end == CDBG_CALL_BREAKPOINT ? "a breakpoint" : "a signal", (int)t->tid);
	return 0;
}

int cdbg_call_dummy_pop(cdbg_proc *p, pid_t tid, struct cdbg_call *res)
{
	struct call_dummy **dp;
	struct thread *t;
	uint64_t pc;

	if (cdbg__check_owner(p, "pop a dummy frame") < 0 || !(dp = innermost(p, tid)))
		return 0;
	if (!(t = loop_stopped_thread(p, tid, "pop a dummy frame")) || loop_regs_fetch(p, t) < 0)
		return 0;
	pc = arch_gpr_pc(&t->regs);
	if (pc != (*dp)->trap && pc != (*dp)->trap + ARCH_BP_PC_ADJUST)
		return 0;
	if (res) {
		res->end = CDBG_CALL_RETURNED;
		res->func = (*dp)->func;
		res->ret = arch_call_result(&t->regs);
		if (loop_xstate_fetch(p, t) == 0)
			res->fret = arch_call_float_result(t->xstate);
	}
	restore(p, t, &(*dp)->s);
	(*dp)->s.xstate = NULL;
	dummy_drop(p, dp);
	return 1;
}

int cdbg_call_unwind(cdbg_proc *p, pid_t tid, int all)
{
	struct call_area *a = area(p);
	int n = 0;

	if (cdbg__check_owner(p, "abandon a call") < 0 || !a)
		return 0;
	while (a->dummies) {
		struct call_dummy **dp = all ? &a->dummies : innermost(p, tid);
		struct thread *t;

		if (!dp)
			break;
		/* Restored innermost first: the outermost's registers are the last written. */
		if ((t = thread_find(&p->threads, (*dp)->tid)) && t->state == TS_STOPPED)
			restore(p, t, &(*dp)->s);
		else
			free((*dp)->s.xstate);
		(*dp)->s.xstate = NULL;
		dummy_drop(p, dp);
		n++;
		if (!all)
			break;
	}
	return n;
}

int cdbg_call_depth(cdbg_proc *p, pid_t tid, uint64_t *func)
{
	struct call_dummy **dp = tid ? innermost(p, tid) : NULL;

	if (func)
		*func = dp ? (*dp)->func : 0;
	return call_depth(p, tid);
}

/* Is func Go code? Then a call with C's conventions would run it on a goroutine's stack
 * without the runtime knowing (its registers hold Go's ABI, its stack may have to grow, the
 * collector scans it): refused with the reason, until cdbg speaks the runtime's debug-call
 * protocol (runtime.debugCallV2), as delve does. */
static bool go_code(cdbg_proc *p, uint64_t func)
{
	struct cdbg_cu_info cu;
	struct cdbg_symbol sym;
	char name[200];

	if (cdbg_cu_info(p, func, &cu) < 0 || strcmp(cu.language, "go")) {
		cdbg__clear_error(p);
		return false;
	}
	if (cdbg_sym_by_addr(p, func, &sym) == 0 && sym.addr == func)
		snprintf(name, sizeof(name), "%s", sym.name);
	else
		snprintf(name, sizeof(name), "the function at %#llx", (unsigned long long)func);
	cdbg__fail(p, CDBG_EBADSTATE,
		   "cannot call %s: a Go function must be called through the Go runtime's "
		   "debug-call protocol (runtime.debugCallV2, as delve does), which cdbg does not "
		   "implement yet",
		   name);
	return true;
}

int call_run(cdbg_proc *p, pid_t tid, struct cdbg_call *c, struct arch_call_regs *regs)
{
	struct thread *t = loop_stopped_thread(p, tid, "call a function");
	/* Not the signals the kernel forces on a thread (a trap, a fault): forcing a blocked one
	 * resets the program's handler to SIG_DFL (force_sig_info_to_task). Unblocked, they stop
	 * the thread for us before any handler runs. */
	uint64_t all = ~0ull & ~((1ull << (SIGTRAP - 1)) | (1ull << (SIGSEGV - 1)) |
				 (1ull << (SIGBUS - 1)) | (1ull << (SIGFPE - 1)) |
				 (1ull << (SIGILL - 1)) | (1ull << (SIGSYS - 1)));
	uint64_t base, sp = 0;
	struct saved s;
	int r;

	if (!t)
		return cdbg_errcode(p);
	if (t->stop == SK_GROUP || t->exit_stop)
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot call a function in thread %d: it is %s", (int)tid,
				  t->exit_stop ? "exiting" : "stopped by job control");
	if (go_code(p, c->func))
		return cdbg_errcode(p);
	if (c->nargs < 0 || c->nargs > CDBG_CALL_MAX_ARGS || c->nfargs < 0 ||
	    c->nfargs > ARCH_CALL_FLOAT_ARGS)
		return cdbg__fail(p, -EINVAL,
				  "cannot call a function with %d integer and %d "
				  "double arguments",
				  c->nargs, c->nfargs);
	cdbg__clear_error(p);
	if ((r = loop_settle(p, t)) < 0 || (r = save(p, t, &s)) < 0)
		return r;
	if (bp_scratch_any(p, arch_gpr_pc(&t->regs), &base) < 0) {
		free(s.xstate);
		return cdbg__fail(p, -ENOMEM,
				  "cannot call a function: no scratch memory could be "
				  "mapped in the process");
	}
	/* The trap after the syscall instruction at the start of the scratch area. */
	uint64_t trap = base + sizeof(arch_syscall_insn);
	/* Write-ahead: if cdbg dies during the call, the thread gets its own registers and mask
	 * back (the parachute, at that trap) instead of running on from it. */
	/* Inside a call stopped inside another, the outermost call's registers stay there: if
	 * cdbg dies, the first return onto the trap gives the thread its state from before
	 * them all. */
	bool outer = !call_depth(p, 0);
	if (outer)
		bp_parachute_inflight(p, t->tid, &s.regs, s.sigmask);
	if ((r = regs ? build_stack_regs(p, regs, arch_gpr_sp(&s.regs), trap, &sp) :
			build_stack(p, c, arch_gpr_sp(&s.regs), trap, &sp)) < 0) {
		restore(p, t, &s);
		if (outer)
			bp_parachute_inflight(p, 0, NULL, 0);
		return r;
	}
	arch_setup_call(&t->regs, c->func, c->args, c->nargs, sp, c->nfargs);
	t->regs_dirty = true;
	if (regs) {
		arch_call_load(regs, &t->regs, &p->xstate, t->xstate);
		t->xstate_dirty = true;
	} else {
		set_float_args(p, t, c);
	}
	t->pending_sig = 0;
	loop_sigmask(p, t, NULL, &all);
	bp_solib_enable(p, false); /* a dlopen in the callee must not end the call */
	r = await_return(p, t, c, trap, regs);
	bp_solib_enable(p, true);
	if (r < 0 && stays(c) && stay(p, t, c, trap, &s, outer) == 0)
		return r;
	/* The callee, interrupted in a system call of its own, may have taken the thread's one
	 * restart block: re-issue the thread's call from the start instead. */
	if (r < 0 && c->end == CDBG_CALL_TIMEOUT)
		arch_syscall_reissue(&s.regs);
	restore(p, t, &s);
	if (outer)
		bp_parachute_inflight(p, 0, NULL, 0);
	return r;
}

int cdbg_call(cdbg_proc *p, pid_t tid, struct cdbg_call *c)
{
	return call_run(p, tid, c, NULL);
}
