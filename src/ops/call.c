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
	bp_parachute_inflight(p, t->tid, &s.regs, s.sigmask);
	if ((r = regs ? build_stack_regs(p, regs, arch_gpr_sp(&s.regs), trap, &sp) :
			build_stack(p, c, arch_gpr_sp(&s.regs), trap, &sp)) < 0) {
		restore(p, t, &s);
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
	/* The callee, interrupted in a system call of its own, may have taken the thread's one
	 * restart block: re-issue the thread's call from the start instead. */
	if (r < 0 && c->end == CDBG_CALL_TIMEOUT)
		arch_syscall_reissue(&s.regs);
	restore(p, t, &s);
	bp_parachute_inflight(p, 0, NULL, 0);
	return r;
}

int cdbg_call(cdbg_proc *p, pid_t tid, struct cdbg_call *c)
{
	return call_run(p, tid, c, NULL);
}
