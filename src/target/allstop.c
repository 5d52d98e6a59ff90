/*
 * allstop.c - all-stop and resume: interrupting, gathering stops, leaving out-of-line copies,
 * resuming one thread or all, internal single-steps with asynchronous signals blocked, and the
 * public cdbg_cont, cdbg_step, cdbg_interrupt.
 *
 * Threads are seized (PTRACE_SEIZE) and stopped with PTRACE_INTERRUPT: no SIGSTOP is ever sent,
 * so every SIGSTOP a tracee reports came from someone else and is honoured. Interrupts follow
 * the kernel's rule (ptrace_stop: "any trap clears pending STOP trap"): a thread that reports
 * another stop (a signal, a clone) has lost our interrupt, so a thread resumed while we gather
 * stops is interrupted again. An interrupt sent to a thread that was already sitting in an
 * unreported stop survives that stop and fires after the thread is resumed: an interrupt stop
 * that arrives while we want the thread running is absorbed by resuming it.
 *
 * Owns: the thread states while the loop moves threads, the redirect to out-of-line copies and
 * the signal-handler returns that belong to a hit (p->bp_returns). Must not: parse /proc
 * (procfs.c), touch memory contents (memory.c), or print.
 */
#include <errno.h>
#include <elf.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/loop.h"

/* ---- resuming and stopping single threads ----------------------------------------------------- */

/* Write back registers changed while the thread was stopped. */
int loop_flush_regs(cdbg_proc *p, struct thread *t)
{
	int r = 0;

	if (t->regs_dirty) {
		struct iovec iov = { &t->regs, sizeof(t->regs) };
		r = (int)loop_pt(p, PTRACE_SETREGSET, t->tid, (void *)(long)NT_PRSTATUS, &iov);
		t->regs_dirty = false;
	}
	if (t->xstate_dirty && t->xstate) {
		/* Exactly the kernel's size: it refuses any other (EFAULT). */
		struct iovec iov = { t->xstate, p->xstate.size };
		int r2 = (int)loop_pt(p, PTRACE_SETREGSET, t->tid, (void *)(long)p->xstate.note,
				      &iov);
		t->xstate_dirty = false;
		if (r2 < 0)
			cdbg__log(p, CDBG_LOG_WARN,
				  "thread %d: the kernel refused its extended "
				  "state (%zu bytes): %s",
				  (int)t->tid, p->xstate.size, cdbg__errstr(r2));
		if (r == 0)
			r = r2;
	}
	return r;
}

static void bp_return_note(cdbg_proc *p, uint64_t addr, uint64_t sp)
{
	p->bp_returns[p->bp_returns_next++ % 64] = (struct bp_return){ addr, sp };
}

bool loop_bp_return_take(cdbg_proc *p, uint64_t addr, uint64_t sp)
{
	for (int i = 0; i < 64; i++) {
		struct bp_return *r = &p->bp_returns[i];
		if (r->addr == addr && r->sp == sp) {
			r->addr = r->sp = 0;
			return true;
		}
	}
	return false;
}

/* A thread about to run from a breakpoint it just reported (or being single-stepped from one)
 * goes to the out-of-line copy instead, so the int3 stays for every other thread. A thread
 * that arrived at a breakpoint otherwise (a step ended there, an interrupt caught it there)
 * has not hit it yet: it runs into the int3 and reports it. */
static void redirect_to_slot(cdbg_proc *p, struct thread *t)
{
	struct bp_site *s;
	uint64_t slot;

	if (!t->regs_valid || (t->stop != SK_BREAK && t->tid != p->step_tid))
		return;
	/* Stopped at a hardware breakpoint whose hit was reported: the CPU sets RF itself when it
	 * fires, not when a step lands there (bp_stepped_onto), so the resume must not fire it
	 * again either way. */
	if (t->stop == SK_BREAK && p->bp.dr7 && bp_hw_exec_at(p, arch_gpr_pc(&t->regs)) >= 0) {
		arch_gpr_skip_hw_exec(&t->regs);
		t->regs_dirty = true;
	}
	if (!p->bp.nsites)
		return;
	/* Inside an interrupted system call the instruction at pc has not run yet: the kernel
	 * moves pc back to restart the call, and the breakpoint is then hit for real. */
	if (arch_syscall_will_restart(&t->regs))
		return;
	s = bp_site_at(p, arch_gpr_pc(&t->regs));
	if (!s || !s->inserted || !(slot = bp_site_slot(p, s)))
		return;
	if (t->pending_sig) {
		/* A signal is delivered first: its handler's frame would save the slot's address,
		 * and the handler may still be running when the slot is unmapped (detach). Run the
		 * handler from the breakpoint instead; its return lands on the int3 with this stack
		 * pointer again, which is the same hit going on (on_bp_trap), not a new one - when
		 * the thread hit it or steps off it. One that merely stands there (a step that let
		 * the handler run to this point, ops/step.c) reaches it for the first time. */
		if (t->stop == SK_BREAK || !p->step_runs)
			bp_return_note(p, s->addr, arch_gpr_sp(&t->regs));
		return;
	}
	arch_gpr_set_pc(&t->regs, slot);
	t->regs_dirty = true;
	t->in_slot = true;
}

/* Bring t out of the out-of-line copy its pc is in, if any, back into the program's own code:
 * a copy not started yet (pc at its start), or one whose system call the kernel will restart,
 * goes to the same place in the program (the breakpoint address plus the offset); a copy half
 * run is single-stepped until it is left. `how` says what differs:
 * SLOT_EXIT_STOP    all-stop: a thread in a system call run from the copy stays there (it
 *                   restarts inside the copy and comes back on its own; stepping would wait for
 *                   the call); one at the copy's start has its hit counted already (SK_BREAK:
 *                   on resume it goes to the copy again).
 * SLOT_EXIT_DETACH  the copies are about to be unmapped: every thread leaves.
 * SLOT_EXIT_SIGNAL  a signal is about to be delivered: the handler's frame must not save a
 *                   scratch address; its return to the breakpoint is the same hit going on
 *                   (bp_return_note), and the signal's siginfo is kept across the steps. */
void loop_leave_slot(cdbg_proc *p, struct thread *t, enum slot_exit how)
{
	struct bp_site *s;
	uint64_t pc;

	for (int n = 0; n < 8 && loop_regs_fetch(p, t) == 0; n++) {
		if (!(s = bp_slot_site(p, pc = arch_gpr_pc(&t->regs))))
			break;
		bool restarts = arch_syscall_will_restart(&t->regs);
		if (restarts && how == SLOT_EXIT_STOP)
			break;
		if (pc == s->slot || (restarts && pc - s->slot <= s->insn_len)) {
			arch_gpr_set_pc(&t->regs, s->addr + (pc - s->slot));
			t->regs_dirty = true;
			if (how == SLOT_EXIT_STOP)
				t->stop = SK_BREAK;
			if (how == SLOT_EXIT_SIGNAL)
				bp_return_note(p, s->addr, arch_gpr_sp(&t->regs));
			break;
		}
		if (how == SLOT_EXIT_SIGNAL)
			t->si_restore = true; /* the step's stop replaces the signal's siginfo */
		if (loop_step_raw(p, t) < 0)
			break;
		if (t->stop == SK_SIGNAL)
			t->si_restore = true; /* the step replaced its signal's siginfo */
	}
	t->in_slot = false;
}

/* Ask a running thread to stop (it will report PTRACE_EVENT_STOP) and count on it. */
void loop_interrupt_one(cdbg_proc *p, struct thread *t)
{
	long e = loop_pt(p, PTRACE_INTERRUPT, t->tid, NULL, NULL);

	if (e < 0 && e != -ESRCH)
		logw(p, "thread %d: cannot interrupt: %s", t->tid, cdbg__errstr((int)e));
	t->interrupt_pending = e == 0;
	thread_set_state(p, t, TS_STOPPING);
}

/* Let a stopped thread run: single-stepping if it is the thread being stepped, staying in
 * group-stop (PTRACE_LISTEN) if job control stopped it, else PTRACE_CONT with its pending
 * signal. A thread in its exit stop goes on to die. */
void loop_resume_one(cdbg_proc *p, struct thread *t)
{
	long r;
	int sig = t->pending_sig;

	if (t->stop != SK_GROUP && !t->exit_stop) {
		if (t->pending_sig && t->in_slot && p->bp.nscratch)
			loop_leave_slot(p, t, SLOT_EXIT_SIGNAL);
		redirect_to_slot(p, t);
	}
	if (t->si_restore && t->pending_sig && t->si_valid) {
		loop_pt(p, PTRACE_SETSIGINFO, t->tid, NULL, &t->si);
		t->si_restore = false;
	}
	/* From an interrupt or event stop the kernel drops the signal a resume names (ptrace(2)):
	 * gdb's `signal SIG` on a thread cdbg stopped itself would be lost. Send it instead; its
	 * signal-delivery-stop (loop_on_signal) delivers it. */
	if (sig && (t->stop == SK_INTERRUPT || t->stop == SK_EVENT) && !t->exit_stop) {
		if (syscall(SYS_tgkill, p->pid, t->tid, sig) == 0)
			t->inject_sig = sig;
		else
			logw(p, "thread %d: cannot send signal %d: %s", t->tid, sig,
			     cdbg__errstr(-errno));
		sig = 0;
	}
	loop_flush_regs(p, t);
	t->vfork_parent = false;
	if (t->stop == SK_GROUP)
		r = loop_pt(p, PTRACE_LISTEN, t->tid, NULL, NULL);
	else if ((t->tid == p->step_tid && !p->step_runs) || p->bp.nsoft)
		/* Software watchpoints: every thread runs one instruction at a time. */
		r = loop_pt(p, PTRACE_SINGLESTEP, t->tid, NULL, (void *)(long)sig);
	else
		r = loop_pt(p, p->catches.sys_on ? PTRACE_SYSCALL : PTRACE_CONT, t->tid, NULL,
			    (void *)(long)sig);
	t->pending_sig = 0;
	if (r < 0 && r != -ESRCH)
		logw(p, "thread %d: cannot resume: %s", t->tid, cdbg__errstr((int)r));
	/* ESRCH: killed under us; its exit report will remove it. A leader that leaves before
	 * the other threads (pthread_exit) stays behind as a zombie until they are all gone. */
	if (t->exit_stop)
		thread_set_state(p, t,
				 t->tid == p->pid && p->threads.count > 1 ? TS_ZOMBIE : TS_EXITING);
	else
		thread_set_state(p, t, TS_RUNNING);
	t->exit_stop = false;
}

/* A thread reported a stop of kind sk. Keep it stopped if an all-stop is under way (or it is a
 * new thread while one thread steps), else let it go on. */
void loop_stopped_or_resume(cdbg_proc *p, struct thread *t, enum stop_kind sk, bool stopping)
{
	thread_set_state(p, t, TS_STOPPED);
	t->stop = sk;
	if (!stopping)
		loop_resume_one(p, t);
}

/* ---- internal single-steps (every other thread held) ---------------------------------------- */

/* While cdbg runs a thread for its own purposes (a step over an int3, an injected system call,
 * a call, a pending SIGTRAP taken), every signal but the synchronous ones stays blocked: a
 * signal the thread dequeued then could only be kept if it were the first, and queued realtime
 * signals would be lost. Synchronous signals stay open: the kernel forces them, and forcing a
 * blocked signal resets the program's handler to SIG_DFL. */
const uint64_t loop_quiet_mask = ~(LOOP_SIGBIT(SIGTRAP) | LOOP_SIGBIT(SIGSEGV) |
				   LOOP_SIGBIT(SIGBUS) | LOOP_SIGBIT(SIGILL) | LOOP_SIGBIT(SIGFPE) |
				   LOOP_SIGBIT(SIGSYS));

/* Block the asynchronous signals in t; *saved gets its mask. False if that failed. */
bool loop_quiet_begin(cdbg_proc *p, struct thread *t, uint64_t *saved)
{
	return loop_sigmask(p, t, saved, &loop_quiet_mask) == 0;
}

void loop_quiet_end(cdbg_proc *p, struct thread *t, bool quiet, const uint64_t *saved)
{
	if (quiet && !t->exit_stop)
		loop_sigmask(p, t, NULL, saved);
}

/* Execute one instruction in t and wait for it, with asynchronous signals blocked. A signal
 * that stops it anyway (a synchronous one) is kept as the thread's pending signal (delivered
 * on resume). Returns 0, or < 0 if the thread died. */
int loop_step_raw(cdbg_proc *p, struct thread *t)
{
	struct raw_event ev;
	uint64_t mask;
	bool quiet = loop_quiet_begin(p, t, &mask);
	int status, r = -EAGAIN;
	pid_t tid = t->tid;

	/* The step's stop replaces the siginfo the kernel keeps for the signal this thread holds:
	 * put it back before that signal is delivered (else the kernel makes up an SI_USER one). */
	if (t->pending_sig && t->si_valid && t->si.si_signo == t->pending_sig)
		t->si_restore = true;

	for (int tries = 0; tries < 16; tries++) {
		loop_flush_regs(p, t);
		t->regs_valid = t->xstate_valid = false;
		if (loop_pt(p, PTRACE_SINGLESTEP, tid, NULL, NULL) < 0)
			return -ESRCH;
		while (waitpid(tid, &status, __WALL) < 0)
			if (errno != EINTR)
				return -errno;
		loop_next_event(p, tid, status, &ev);
		if (ev.kind == RAW_EXITED || ev.kind == RAW_KILLED) {
			loop_dispatch_event(p, &ev, true);
			return -ESRCH;
		}
		if (ev.kind == RAW_SIGNAL && ev.sig == SIGTRAP) {
			r = 0;
			break;
		}
		if (ev.kind == RAW_SIGNAL && !t->pending_sig &&
		    (p->sigpolicy[ev.sig] & CDBG_SIG_PASS)) {
			t->pending_sig = ev.sig;
			t->si = ev.si;
			t->si_valid = true;
		} else if (ev.kind == RAW_SIGNAL) {
			logw(p,
			     "thread %d: signal %d arrived during an internal step while signal "
			     "%d was pending; it is not delivered",
			     tid, ev.sig, t->pending_sig);
		}
		if (ev.kind == RAW_EXIT_STOP) {
			t->exit_stop = true;
			return -ESRCH;
		}
		/* An interrupt or event stop: the instruction did not run yet; try again. */
	}
	loop_quiet_end(p, t, quiet, &mask);
	return r;
}

/* t sits on a breakpoint whose instruction has no out-of-line copy: lift the int3, step the
 * instruction, put the int3 back. Every other thread is held meanwhile. */
static int step_in_place(cdbg_proc *p, struct thread *t, struct bp_site *s)
{
	int r;

	if (bp_site_step_begin(p, s) < 0)
		return -EFAULT;
	r = loop_step_raw(p, t);
	bp_site_step_end(p, s);
	if (t->pending_sig)
		t->si_restore = true;
	t->needs_inplace = false;
	/* The stepped instruction may have stored to a watched address. */
	if (r == 0 && p->bp.dr7) {
		int slot = loop_hw_slot_fired(p, t);
		if (slot >= 0 && loop_on_hw_trap(p, t, slot, true))
			return 1;
	}
	return r;
}

/* The site without an out-of-line copy that t sits on, if any. */
static struct bp_site *needs_in_place(cdbg_proc *p, struct thread *t)
{
	struct bp_site *s;

	if (!p->bp.nsites || !(t->regs_valid || t->needs_inplace || t->stop == SK_STEP))
		return NULL;
	if (loop_regs_fetch(p, t) < 0 || arch_syscall_will_restart(&t->regs))
		return NULL;
	s = bp_site_at(p, arch_gpr_pc(&t->regs));
	return s && s->inserted && !bp_site_slot(p, s) ? s : NULL;
}

/* Resume every held thread (the process is all-stopped, nothing left to report). */
void loop_resume_all(cdbg_proc *p)
{
	bool reported = false;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		struct bp_site *s;
		if (t->state == TS_STOPPED && !t->unclaimed && !t->vfork_held &&
		    (s = needs_in_place(p, t)))
			reported |= step_in_place(p, t, s) == 1;
	}
	if (reported) {
		loop_evpipe_poke(p); /* a watchpoint fired in a step-over: everyone stays held */
		return;
	}
	/* A vfork child runs in our memory without int3s (its parent reported VFORK during an
	 * all-stop): only the vfork parents go on, into their wait for it; the others are held
	 * until the last VFORK_DONE (event.c) */
	bool window = false;
	for (size_t i = 0; i < p->threads.count && p->bp.vfork_out; i++)
		window |= p->threads.all[i]->in_vfork;
	p->all_stopped = false;
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED || t->unclaimed)
			continue;
		if (window && !t->in_vfork)
			t->vfork_held = true;
		if (!t->vfork_held || t->in_vfork)
			loop_resume_one(p, t);
	}
}

/* The threads held for a vfork window go on (event.c, at its end): as loop_resume_all, one
 * that stands on a breakpoint it reported without an out-of-line copy steps over it in place
 * first. Returns true when such a step queued a stop instead (everyone stays held). */
bool loop_resume_vfork_held(cdbg_proc *p)
{
	bool reported = false;
	struct bp_site *s;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->vfork_held && t->state == TS_STOPPED && !t->unclaimed &&
		    (s = needs_in_place(p, t)))
			reported |= step_in_place(p, t, s) == 1;
	}
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		bool held = t->vfork_held;
		t->vfork_held = false;
		if (held && !reported && t->state == TS_STOPPED && !t->unclaimed)
			loop_resume_one(p, t);
	}
	return reported;
}

/* ---- all-stop ------------------------------------------------------------------------------- */

/* Threads we are waiting on: interrupted ones and new ones whose first stop is due. */
static size_t count_waiting(cdbg_proc *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->threads.count; i++) {
		enum thread_state s = p->threads.all[i]->state;
		n += s == TS_STOPPING || s == TS_NEW;
	}
	return n;
}

/* Block until every interrupted or new thread has reported its stop. Waits on each such thread
 * by tid: waitpid(-1) makes the kernel walk the tracer's whole list of tracees on every call,
 * which is quadratic over thousands of threads; waitpid(tid) looks at one. A thread's reports
 * other than its stop (a clone, an exit, a signal) are dispatched as they come. */
int loop_gather_stops(cdbg_proc *p)
{
	struct raw_event ev;
	int status;
	pid_t r;

	while (!p->exited && count_waiting(p) > 0) {
		bool leader_only = true;
		/* Fork children first: a vfork parent cannot stop until its child runs, and the
		 * child runs only once we took its first stop and let it go. */
		while (p->n_forks && !p->exited) {
			pid_t child = p->forks[0].pid;
			r = waitpid(child, &status, __WALL);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				loop_forks_drop(p, &p->forks[0]);
				continue;
			}
			loop_next_event(p, child, status, &ev);
			loop_dispatch_event(p, &ev, true);
		}
		for (size_t i = 0; i < p->threads.count && !p->exited; i++) {
			struct thread *t = p->threads.all[i];
			pid_t tid = t->tid;
			if (t->state != TS_STOPPING && t->state != TS_NEW)
				continue;
			/* A leader that is exiting (pthread_exit) takes no more traps and will not be
			 * reported until the last thread is gone: never block on it. */
			bool leader = tid == p->pid && p->threads.count > 1;
			leader_only &= leader;
			r = waitpid(tid, &status, __WALL | (leader ? WNOHANG : 0));
			if (r == 0) {
				if (procfs_task_state(p->pid, tid) == 'Z') {
					t->interrupt_pending = false;
					thread_set_state(p, t, TS_ZOMBIE);
				}
				continue;
			}
			if (r < 0) {
				if (errno == EINTR) {
					i--;
					continue;
				}
				if (errno != ECHILD)
					return cdbg__fail(p, -errno,
							  "cannot wait for thread %d to stop: %s",
							  (int)tid, cdbg__errstr(errno));
				/* Gone without a report we can collect (an exec took its tid). */
				thread_remove(p, t);
				continue;
			}
			loop_next_event(p, tid, status, &ev);
			loop_dispatch_event(p, &ev, true);
		}
		if (leader_only && count_waiting(p) > 0) {
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL); /* the leader is between its last trap and zombie */
		}
	}
	return 0;
}

/* Interrupt every running thread, then wait until none runs. Threads born meanwhile are
 * stopped too (their parents are held in the clone event, they start stopped). */
int loop_stop_all(cdbg_proc *p)
{
	int r;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_RUNNING)
			continue;
		/* Always: a trap of any kind clears a pending interrupt in the kernel, so one sent
		 * before the thread's last stop is not to be counted on. */
		loop_interrupt_one(p, t);
	}
	r = loop_gather_stops(p);
	if (!p->exited) {
		p->all_stopped = true;
		p->step_tid = 0;
		/* Threads caught inside a copy are brought back before anyone looks at them. */
		for (size_t i = 0; i < p->threads.count; i++) {
			struct thread *t = p->threads.all[i];
			if (t->in_slot && t->state == TS_STOPPED)
				loop_leave_slot(p, t, SLOT_EXIT_STOP);
		}
		loop_decide_held(p); /* conditions that call functions, now that it is safe */
	}
	return r;
}

/* ---- resuming --------------------------------------------------------------------------------- */

int loop_require_stopped(cdbg_proc *p, const char *what)
{
	int r = loop_require_proc(p, what);

	if (r < 0)
		return r;
	if (!p->all_stopped)
		return cdbg__fail(p, CDBG_ERUNNING,
				  "cannot %s: process %d is running; interrupt it "
				  "first",
				  what, (int)p->pid);
	return 0;
}

/* The stopped thread tid, or NULL with the failure recorded. */
struct thread *loop_stopped_thread(cdbg_proc *p, pid_t tid, const char *what)
{
	struct thread *t;

	if (loop_require_stopped(p, what) < 0)
		return NULL;
	t = thread_find(&p->threads, tid);
	if (!t || t->unclaimed) {
		cdbg__fail(p, CDBG_ENOTHREAD, "cannot %s: process %d has no thread %d", what,
			   (int)p->pid, (int)tid);
		return NULL;
	}
	if (t->state != TS_STOPPED) {
		cdbg__fail(p, CDBG_ENOTHREAD, "cannot %s: thread %d is %s", what, (int)tid,
			   thread_state_name(t->state));
		return NULL;
	}
	return t;
}

int cdbg_cont(cdbg_proc *p)
{
	int r = loop_require_live(p, "continue");

	if (r < 0)
		return r;
	cdbg__clear_error(p);
	loop_evq_purge_stale(p);
	if (loop_evq_has_stop(p)) {
		/* Another thread's stop is still to be reported: it comes next, nobody runs. */
		loop_evpipe_poke(p);
		return 0;
	}
	loop_resume_all(p);
	return 0;
}

/* A vfork child still runs in our memory, without int3s (its parent reported VFORK in an
 * all-stop): a thread resumed alone now would run past its breakpoints, or meet one put back
 * under it. Let the vfork parents wait for their children, and hold them again at their
 * VFORK_DONE (TS_STOPPING: kept stopped), which puts the int3s back. */
static int vfork_settle(cdbg_proc *p)
{
	bool any = false;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *v = p->threads.all[i];
		if (!v->in_vfork)
			continue;
		if (v->state == TS_STOPPED && !v->unclaimed)
			loop_resume_one(p, v);
		if (v->state == TS_RUNNING)
			thread_set_state(p, v, TS_STOPPING);
		any = true;
	}
	return any ? loop_gather_stops(p) : 0;
}

/* Resume thread tid alone, single-stepping (cdbg_step) or running (cdbg_cont_thread). */
static int resume_held(cdbg_proc *p, pid_t tid, bool run)
{
	struct thread *t = loop_stopped_thread(p, tid, run ? "resume a thread" : "step");
	struct bp_site *s;

	if (!t || loop_require_live(p, "step") < 0)
		return cdbg_errcode(p);
	if (t->stop == SK_GROUP || t->exit_stop)
		return cdbg__fail(p, CDBG_EBADSTATE, "cannot step thread %d: it is %s", (int)tid,
				  t->exit_stop ? "exiting" : "stopped by job control (SIGSTOP)");
	cdbg__clear_error(p);
	p->step_sigstop = false;
	t->vfork_held = false; /* asked for by name: it runs, even inside a vfork window */
	loop_evq_purge_stale(p);
	if (loop_evq_has_stop(p)) {
		/* Another thread's stop is still to be reported: it comes first. */
		loop_evpipe_poke(p);
		return 0;
	}
	if (vfork_settle(p) < 0 || p->exited)
		return p->exited ? 0 : cdbg_errcode(p);
	if ((s = needs_in_place(p, t))) {
		/* No out-of-line copy: the step is the in-place step-over itself. */
		int r2 = step_in_place(p, t, s);
		if ((r2 < 0 && p->exited) || r2 == 1)
			return 0; /* gone, or a watchpoint hit queued instead of the step */
		t->stop = SK_STEP;
		if (!run) {
			loop_evq_push(p, CDBG_EV_STEP, tid, NULL);
			return 0;
		}
	}
	if (p->bp.nsites && loop_regs_fetch(p, t) < 0)
		return cdbg_errcode(p);
	p->all_stopped = false;
	p->step_tid = tid;
	p->step_runs = run;
	loop_resume_one(p, t);
	return 0;
}

int cdbg_step(cdbg_proc *p, pid_t tid)
{
	return resume_held(p, tid, false);
}

int loop_step_sigstop(cdbg_proc *p, pid_t tid)
{
	int r = resume_held(p, tid, false);

	if (r == 0 && p->step_tid == tid)
		p->step_sigstop = true;
	return r;
}

int cdbg_cont_thread(cdbg_proc *p, pid_t tid)
{
	return resume_held(p, tid, true);
}

int cdbg_interrupt(cdbg_proc *p)
{
	int r = loop_require_proc(p, "interrupt");

	if (r < 0)
		return r;
	if (p->core)
		return loop_require_live(p, "interrupt");
	if (p->all_stopped)
		return 0;
	r = loop_stop_all(p);
	if (r < 0)
		return r;
	if (!p->exited)
		loop_evq_push(p, CDBG_EV_STOPPED, p->pid, NULL);
	return 0;
}
