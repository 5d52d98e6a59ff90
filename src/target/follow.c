/*
 * follow.c - gdb's follow-fork-mode child (with detach-on-fork on): when a traced thread
 * forks, the handle lets the parent go and debugs the child instead.
 *
 * Owns: the hand-over from parent to child (cdbg_set_follow_fork, loop_follow_child). Must
 * not: leave an int3, an out-of-line copy, scratch memory or the SIGTRAP parachute in either
 * process' memory other than the child's own, placed again once it is the process.
 */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>

#include "target/loop.h"

int cdbg_set_follow_fork(cdbg_proc *p, int child)
{
	int r = cdbg__check_owner(p, "change which process a fork follows");

	if (r < 0)
		return r;
	p->follow_child = child != 0;
	return 0;
}

/* The child's first stop, unless it came already. False if the child is gone. */
static bool child_held(cdbg_proc *p, struct fork_child *f)
{
	int status;
	pid_t r;

	if (f->stopped)
		return true;
	while ((r = waitpid(f->pid, &status, __WALL)) < 0 && errno == EINTR)
		;
	return r == f->pid && WIFSTOPPED(status);
}

/* Only the fork's own event stays queued: the parent's other events (hits its threads took
 * meanwhile, their pcs back at the int3 that goes) are about a process no longer debugged. */
static void evq_keep_fork(cdbg_proc *p, pid_t child)
{
	size_t n = p->evq_len, kept = 0;

	for (size_t i = 0; i < n; i++) {
		struct cdbg_event ev = p->evq[(p->evq_head + i) % EVQ_MAX];
		if (ev.kind == CDBG_EV_FORK && ev.followed && ev.child == child)
			p->evq[(p->evq_head + kept++) % EVQ_MAX] = ev;
	}
	p->evq_len = kept;
}

/* Every thread of the parent is held (p->all_stopped): make the child held in p->follow_pid
 * the process. The child is cleaned as a child let go would be (its copy of the int3s, the
 * scratch memory and the parachute out), the parent let go as by cdbg_detach, and the layers
 * above see the parent's address space go and the child's come (the session places the
 * breakpoints again, in the child). */
void loop_follow_child(cdbg_proc *p)
{
	pid_t child = p->follow_pid, parent = p->pid;
	struct fork_child *f = loop_forks_find(p, child);
	struct thread *t;

	p->follow_pid = 0;
	if (!f)
		return;
	if (!child_held(p, f)) {
		loop_forks_drop(p, f);
		logw(p, "fork child %d is gone: still debugging %d", (int)child, (int)parent);
		return;
	}
	loop_forks_drop(p, f);
	evq_keep_fork(p, child);
	bp_clean_child(p, child);
	loop_scratch_clean_child(p, child);
	loop_let_go(p);
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	p->pid = child;
	p->step_tid = 0;
	memset(p->bp_returns, 0, sizeof(p->bp_returns));
	t = thread_add(p, child, TS_STOPPED);
	if (t)
		t->stop = SK_INTERRUPT;
	p->all_stopped = true;
	logd(p, "following fork child %d; parent %d let go", (int)child, (int)parent);
	cdbg__hooks_run(p, CDBG__HOOK_PROCESS_NEW);
}
