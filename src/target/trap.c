/*
 * trap.c - the SIGTRAP kinds and signal stops: a breakpoint's int3, a debug register, the end
 * of a single-step, any other signal under the signal policy.
 *
 * Owns: deciding, for one signal-delivery-stop, whether it stops the process and which event it
 * reports. Must not: hold a policy about breakpoints of its own (bp_decide, bp_decide_hw do).
 */
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>

#include "target/loop.h"

/* The program's own breakpoint instruction at addr (gdb's permanent breakpoint: the program
 * wrote one into its text, or was built with one), not one of cdbg's: no inserted site is there,
 * so the bytes read are the program's. */
static bool program_bp_insn_at(cdbg_proc *p, uint64_t addr)
{
	unsigned char b[ARCH_BP_LEN];

	return mem_raw_read(p, addr, b, sizeof(b)) == (ssize_t)sizeof(b) &&
	       !memcmp(b, arch_bp_insn, sizeof(b));
}

void loop_decide_held(cdbg_proc *p)
{
	/* From the start after each one: a call may see other threads' exits, which reorder
	 * the list. */
	for (size_t i = 0; i < p->threads.count && !p->exited; i++) {
		struct thread *t = p->threads.all[i];
		struct cdbg_event e = { 0 };
		enum bp_action act;
		uint64_t addr;

		if (!t->cond_held)
			continue;
		t->cond_held = false;
		i = (size_t)-1;
		if (t->state != TS_STOPPED || loop_regs_fetch(p, t) < 0)
			continue;
		addr = arch_gpr_pc(&t->regs);
		if (!bp_site_at(p, addr))
			continue; /* removed meanwhile: the thread runs on from its address */
		pid_t tid = t->tid;
		act = bp_decide(p, t, addr, &e);
		if (!thread_find(&p->threads, tid))
			continue; /* it ended in the condition's call */
		if (act == BP_STOP || act == BP_NOTICE) {
			loop_evq_push(p, CDBG_EV_BREAKPOINT, tid, &e);
			if (act == BP_NOTICE)
				p->evq[(p->evq_head + p->evq_len - 1) % EVQ_MAX].stopped = 0;
		}
	}
}

static int on_bp_trap(cdbg_proc *p, struct thread *t, bool stopping)
{
	struct cdbg_event e = { 0 };
	enum bp_action act;
	struct bp_site *s;
	uint64_t addr;

	if (loop_regs_fetch(p, t) < 0)
		return -1;
	addr = arch_gpr_pc(&t->regs) - ARCH_BP_PC_ADJUST;
	s = bp_site_at(p, addr);
	if (!s || !s->inserted) {
		/* A moribund address that still holds an int3 holds the program's own: rewinding
		 * the pc to it would run the int3 again, forever. */
		if (!bp_is_moribund(p, addr) || program_bp_insn_at(p, addr))
			return -1;
		/* A trap from a breakpoint removed while this thread was on its way to report it. */
		s = NULL;
	}
	arch_gpr_set_pc(&t->regs, addr);
	t->regs_dirty = true;
	t->in_slot = false;
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_BREAK;
	t->pending_sig = 0;
	if (loop_bp_return_take(p, addr, arch_gpr_sp(&t->regs))) {
		/* Back from the signal handler run from this breakpoint: the same hit goes on,
		 * unless a step waits for the handler's return here. */
		act = bp_decide_returned(p, t, addr, &e);
	} else {
		act = s ? bp_decide(p, t, addr, &e) : BP_RESUME;
	}
	if (act == BP_STOP || stopping || (s && !bp_site_slot(p, s))) {
		/* The thread stays stopped for a while: give it the rewound pc now, so that if
		 * cdbg dies before resuming it the thread does not run on one byte past the int3. */
		loop_flush_regs(p, t);
	}
	if (act == BP_HOLD) {
		/* Held with its pc rewound; bp_decide_held decides once everyone is held. */
		t->cond_held = true;
		loop_flush_regs(p, t);
		return stopping ? 0 : 1;
	}
	if (act == BP_STOP) {
		loop_evq_push(p, bp_is_solib(p, e.bp_id) ? CDBG_EV_LIBRARIES : CDBG_EV_BREAKPOINT,
			      t->tid, &e);
		return 1;
	}
	if (act == BP_NOTICE) {
		/* Reported, but nobody waits for it: the thread runs on at once. */
		loop_evq_push(p, CDBG_EV_BREAKPOINT, t->tid, &e);
		p->evq[(p->evq_head + p->evq_len - 1) % EVQ_MAX].stopped = 0;
	}
	if (stopping)
		return 0;
	if (s && !bp_site_slot(p, s)) {
		t->needs_inplace = true; /* resumed by loop_resume_all once the others are held */
		return 1;
	}
	loop_resume_one(p, t);
	return 0;
}

/* The debug-register slot whose condition fired in t's last trap (DR6), or -1; DR6 is cleared
 * for the next trap. A single-step trap can carry a watchpoint hit too (the stepped instruction
 * stored to the watched address): the kernel then says TRAP_TRACE and only DR6 tells. */
int loop_hw_slot_fired(cdbg_proc *p, struct thread *t)
{
	long dr6 = loop_pt(p, PTRACE_PEEKUSER, t->tid, (void *)arch_dr_offset(6), NULL);

	if (dr6 < 0 && dr6 > -4096)
		return -1;
	loop_pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(6), NULL);
	return arch_dr6_slot((uint64_t)dr6);
}

/* Thread t trapped on debug-register slot `slot`. Returns true when a stop was queued. A watch
 * trap comes after the storing instruction: the thread has not hit a breakpoint at its pc,
 * so it must run into it (SK_INTERRUPT), not be sent past it to the copy. */
bool loop_on_hw_trap(cdbg_proc *p, struct thread *t, int slot, bool stopping)
{
	struct cdbg_event e = { 0 };
	struct bp *b;

	if (bp_decide_hw(p, t, slot, &e) != BP_STOP)
		return false;
	b = bp_by_id(p, e.bp_id);
	thread_set_state(p, t, TS_STOPPED);
	t->stop = b && b->kind == CDBG_BP_WATCH ? SK_INTERRUPT : SK_BREAK;
	t->pending_sig = 0;
	if (t->tid == p->step_tid)
		p->step_tid = 0; /* the step ended too; the watchpoint is what gets reported */
	loop_evq_push(p, b && b->kind == CDBG_BP_WATCH ? CDBG_EV_WATCHPOINT : CDBG_EV_BREAKPOINT,
		      t->tid, &e);
	(void)stopping;
	return true;
}

/* The SIGTRAP of the thread we single-step. A step that entered an out-of-line copy goes on
 * until it leaves it: one original instruction executed. */
static bool on_step_trap(cdbg_proc *p, struct thread *t)
{
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_STEP;
	t->pending_sig = 0;
	if (t->in_slot && loop_regs_fetch(p, t) == 0) {
		struct bp_site *s = bp_slot_site(p, arch_gpr_pc(&t->regs));
		if (s) {
			loop_resume_one(p, t);
			return false;
		}
		t->in_slot = false;
	}
	p->step_tid = 0;
	loop_evq_push(p, CDBG_EV_STEP, t->tid, NULL);
	return true;
}

/* A SIGTRAP of the kernel's own (not kill's, not an int3's) while software watchpoints make
 * every thread single-step: one instruction ran; compare the watched bytes. Returns 1 when a
 * watchpoint stops the process, 0 when the thread went on (or stays for the all-stop), -1
 * when the trap is not a step's. */
static int on_soft_step(cdbg_proc *p, struct thread *t, const siginfo_t *si, bool stopping)
{
	struct cdbg_event e = { 0 };

	if (si->si_code <= 0 || si->si_code == SI_KERNEL)
		return -1;
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_INTERRUPT;
	t->pending_sig = 0;
	if (t->in_slot && loop_regs_fetch(p, t) == 0 && !bp_slot_site(p, arch_gpr_pc(&t->regs)))
		t->in_slot = false;
	if (!t->in_slot && bp_decide_soft(p, t, &e) == BP_STOP) {
		if (t->tid == p->step_tid)
			p->step_tid = 0; /* the watchpoint is what gets reported */
		loop_evq_push(p, CDBG_EV_WATCHPOINT, t->tid, &e);
		return 1;
	}
	if (t->tid == p->step_tid && !p->step_runs && !t->in_slot)
		return -1; /* the user's step ended: on_step_trap reports it */
	if (!stopping)
		loop_resume_one(p, t);
	return 0;
}

bool loop_on_signal(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	int sig = ev->sig;
	int pol = sig > 0 && sig <= 64 ? p->sigpolicy[sig] : CDBG_SIG_STOP | CDBG_SIG_PASS;
	struct cdbg_event e = { 0 };

	if (sig && sig == t->inject_sig) { /* the one loop_resume_one sent: deliver it */
		t->inject_sig = 0;
		if (!(t->si_restore && t->si_valid && t->si.si_signo == sig)) {
			t->si = ev->si;
			t->si_valid = true;
			t->si_restore = false;
		}
		thread_set_state(p, t, TS_STOPPED);
		t->stop = SK_SIGNAL;
		t->pending_sig = sig;
		loop_resume_one(p, t);
		if (stopping)
			loop_interrupt_one(p, t);
		return false;
	}
	if (sig == SIGTRAP) {
		if (arch_is_bp_trap(&ev->si) && (p->bp.nsites || p->bp.nmoribund)) {
			int r = on_bp_trap(p, t, stopping);
			if (r >= 0)
				return r == 1;
		}
		if (p->bp.dr7 && (arch_is_hw_trap(&ev->si) || t->tid == p->step_tid)) {
			int slot = loop_hw_slot_fired(p, t);
			if (slot >= 0 && loop_on_hw_trap(p, t, slot, stopping))
				return true;
			if (slot >= 0 && t->tid != p->step_tid) {
				/* A hit that does not stop (condition false, value unchanged). */
				thread_set_state(p, t, TS_STOPPED);
				t->stop = SK_INTERRUPT;
				t->pending_sig = 0;
				if (!stopping)
					loop_resume_one(p, t);
				return false;
			}
		}
		if (p->bp.nsoft) {
			int r = on_soft_step(p, t, &ev->si, stopping);
			if (r >= 0)
				return r == 1;
		}
		if (t->tid == p->step_tid)
			return on_step_trap(p, t);
	}
	t->si = ev->si;
	t->si_valid = true;
	t->si_restore = false;
	if (!(pol & CDBG_SIG_STOP) &&
	    !(sig > 0 && sig <= 64 && (p->catches.sigs & LOOP_SIGBIT(sig)))) {
		if (t->tid == p->step_tid && !p->step_runs && p->step_sigstop &&
		    (!t->in_slot || p->bp.nscratch) && (pol & CDBG_SIG_PASS)) {
			/* A step that lets handlers run (loop_step_sigstop): it ends here, the
			 * signal pending, and the stepper runs the handler to this point. One
			 * stepping off a breakpoint leaves the out-of-line copy first: the
			 * handler's return to the breakpoint is the same hit going on. */
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_SIGNAL;
			t->pending_sig = sig;
			if (t->in_slot)
				loop_leave_slot(p, t, SLOT_EXIT_SIGNAL);
			p->step_tid = 0;
			p->step_sigstop = false;
			e.signo = sig;
			e.siginfo = ev->si;
			loop_evq_push(p, CDBG_EV_STEP, t->tid, &e);
			return true;
		}
		/* Pass (or swallow) it at once. If an interrupt is pending, the thread stops again
		 * right after, at the handler's entry: the signal is not lost. */
		t->pending_sig = (pol & CDBG_SIG_PASS) ? sig : 0;
		thread_set_state(p, t, TS_STOPPED);
		t->stop = SK_SIGNAL;
		loop_resume_one(p, t);
		/* This stop consumed the interrupt we are gathering for: ask again. The thread
		 * then stops at the handler's first instruction; the signal is not lost. */
		if (stopping)
			loop_interrupt_one(p, t);
		return false;
	}
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_SIGNAL;
	t->pending_sig = (pol & CDBG_SIG_PASS) ? sig : 0;
	e.signo = sig;
	e.siginfo = ev->si;
	loop_evq_push(p, CDBG_EV_SIGNAL, t->tid, &e);
	return true;
}

/* loop_dispatch_event: act on one record. Returns true when it queued an event that stops the
 * process, so the caller must stop every other thread before handing it out. `stopping` is
 * true while an all-stop (or attach) gathers threads. */
