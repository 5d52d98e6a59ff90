/*
 * detach.c - letting go: cdbg_detach (every int3, debug register, out-of-line copy and scratch
 * mapping removed first, threads out of them) and cdbg_kill.
 *
 * Owns: the order in which cdbg's traces leave a program it lets go. Must not: leave a thread
 * inside scratch memory it unmaps, or a SIGTRAP queued for an int3 no longer there.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "target/loop.h"
#include "janitor/janitor.h"

/* ---- letting go ------------------------------------------------------------------------------ */

/* Fork children still held: wait for their first stop, then let them go. */
static void forks_release_all(cdbg_proc *p)
{
	int status;

	for (size_t i = 0; i < p->n_forks; i++) {
		if (!p->forks[i].stopped && waitpid(p->forks[i].pid, &status, __WALL) < 0)
			continue;
		loop_forks_detach(p, p->forks[i].pid, p->forks[i].shares_mm);
	}
	p->n_forks = 0;
}

/* Reap threads that passed their exit stop: they cannot be detached, and a traced zombie would
 * linger until we exit. Leaders are left: they are reaped with the whole process. */
static void reap_exiting(cdbg_proc *p)
{
	int status;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_EXITING && t->tid != p->pid)
			waitpid(t->tid, &status, __WALL);
	}
}

/* A thread that executed an int3 just before the all-stop may still have the SIGTRAP queued
 * in the kernel (the interrupt is reported before signals). Once we are gone that SIGTRAP
 * would kill the program: let the thread take it now, and put its pc back. */
static void flush_sigtraps(cdbg_proc *p)
{
	struct raw_event ev;
	int status;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED || t->stop == SK_GROUP || t->exit_stop || t->unclaimed ||
		    loop_regs_fetch(p, t) < 0)
			continue;
		uint64_t addr = arch_gpr_pc(&t->regs) - ARCH_BP_PC_ADJUST;
		struct bp_site *s = bp_site_at(p, addr);
		if (!(s && s->inserted) && !bp_is_moribund(p, addr))
			continue;
		if (!procfs_sigtrap_pending(p->pid, t->tid))
			continue;
		if (t->pending_sig)
			t->si_restore = true;
		uint64_t mask;
		bool quiet = loop_quiet_begin(p, t, &mask);
		for (int n = 0; n < 8; n++) {
			loop_flush_regs(p, t);
			t->regs_valid = false;
			if (loop_pt(p, PTRACE_CONT, t->tid, NULL, NULL) < 0)
				break;
			while (waitpid(t->tid, &status, __WALL) < 0 && errno == EINTR)
				;
			loop_next_event(p, t->tid, status, &ev);
			if (ev.kind != RAW_SIGNAL && ev.kind != RAW_INTERRUPT)
				break;
			if (ev.kind == RAW_SIGNAL && ev.sig == SIGTRAP) {
				if (loop_regs_fetch(p, t) == 0 &&
				    arch_gpr_pc(&t->regs) == addr + ARCH_BP_PC_ADJUST) {
					arch_gpr_set_pc(&t->regs, addr);
					t->regs_dirty = true;
				}
				break;
			}
			if (ev.kind == RAW_SIGNAL && !t->pending_sig) {
				t->pending_sig = ev.sig;
				t->si = ev.si;
				t->si_valid = t->si_restore = true;
			}
		}
		loop_quiet_end(p, t, quiet, &mask);
	}
}

/* Every thread out of the out-of-line copies before they are unmapped. */
static void evacuate_slots(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_STOPPED && !t->exit_stop && !t->unclaimed)
			loop_leave_slot(p, t, SLOT_EXIT_DETACH);
	}
}

/* Every thread out of the SIGTRAP parachute's code (one ran it for a SIGTRAP of the program's
 * own that cdbg passed on) before it is unmapped: stepped out, through its loops. */
static void evacuate_parachute(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED || t->exit_stop || t->unclaimed)
			continue;
		for (int n = 0; n < (1 << 18) && loop_regs_fetch(p, t) == 0; n++)
			if (!bp_parachute_at(p, arch_gpr_pc(&t->regs)) || loop_step_raw(p, t) < 0)
				break;
	}
}

/* Before detaching: no int3, no debug register, no scratch mapping of ours stays. */
static void remove_all_traces(cdbg_proc *p)
{
	uint64_t base[16], ret, args[6] = { 0 };
	size_t size[16], n;

	if (!p->bp.nsites && !p->bp.nmoribund && !p->bp.nscratch && !p->bp.dr7)
		return;
	flush_sigtraps(p);
	evacuate_slots(p);
	if (bp_lift_all(p, true) < 0)
		logw(p, "some breakpoints could not be removed from %d", (int)p->pid);
	if (p->bp.dr7) {
		p->bp.dr7 = 0;
		memset(p->bp.hw, 0, sizeof(p->bp.hw));
		loop_apply_debugregs(p);
	}
	evacuate_parachute(p);  /* janitor hook: the SIGTRAP parachute, */
	bp_parachute_remove(p); /* before the scratch area it lives in goes */
	n = bp_scratch_areas(p, base, size, 16);
	/* Each munmap runs from the syscall instruction at the start of area 0: unmap it last. */
	for (size_t i = n < 16 ? n : 16; i-- > 0;) {
		struct thread *t = loop_injectable_thread(p);
		args[0] = base[i];
		args[1] = size[i];
		if (!t || loop_syscall(p, t, 11 /* munmap */, args, &ret) < 0 || ret)
			logw(p, "cannot unmap the scratch memory at %#llx",
			     (unsigned long long)base[i]);
	}
	bp_drop_memory(p);
}

/* Every trace of cdbg out of the all-stopped process, then every thread let go (cdbg_detach,
 * and the parent a followed fork child leaves, follow.c). The handle still names the process. */
void loop_let_go(cdbg_proc *p)
{
	int r;

	remove_all_traces(p);
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED)
			continue;
		if (t->si_restore && t->pending_sig && t->si_valid)
			loop_pt(p, PTRACE_SETSIGINFO, t->tid, NULL, &t->si);
		loop_flush_regs(p, t);
		/* A thread in group-stop goes back to it: the kernel re-instates job control. */
		r = (int)loop_pt(p, PTRACE_DETACH, t->tid, NULL,
				 (void *)(long)(t->stop == SK_GROUP ? 0 : t->pending_sig));
		if (r < 0 && r != -ESRCH)
			logw(p, "thread %d: detach failed: %s", t->tid, cdbg__errstr(r));
	}
	reap_exiting(p);
	forks_release_all(p);
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	mem_close(p);
	logd(p, "detached from %d", (int)p->pid);
	janitor_release(p); /* janitor hook */
}

int cdbg_detach(cdbg_proc *p)
{
	int r = loop_require_proc(p, "detach");

	if (r < 0)
		return r;
	if (p->core) {
		core_close(p); /* nothing runs: letting go is all there is */
		return 0;
	}
	if (!p->all_stopped && (r = loop_stop_all(p)) < 0)
		return r;
	if (p->exited)
		return cdbg__fail(p, CDBG_EEXITED, "cannot detach: process exited");
	loop_let_go(p);
	loop_handle_reset(p);
	if (loop_owned_live == p)
		loop_owned_live = NULL;
	return 0;
}

int cdbg_kill(cdbg_proc *p)
{
	int r = loop_require_proc(p, "kill");
	int status;

	if (r < 0)
		return r;
	if (p->core) {
		core_close(p);
		return 0;
	}
	kill(p->pid, SIGKILL);
	/* Reap every thread until the leader's death is reported. */
	for (;;) {
		pid_t tid = loop_wait_any(&status, 0);
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			break;
		if (tid == p->pid && (WIFEXITED(status) || WIFSIGNALED(status)))
			break;
		if (WIFSTOPPED(status))
			loop_pt(p, PTRACE_CONT, tid, NULL,
				NULL); /* an exit stop racing with the kill */
	}
	forks_release_all(p);
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	bp_drop_memory(p);
	janitor_release(p); /* janitor hook */
	mem_close(p);
	loop_handle_reset(p);
	if (loop_owned_live == p)
		loop_owned_live = NULL;
	return 0;
}
