/*
 * event.c - one wait status into a record (loop_next_event) and acting on it
 * (loop_dispatch_event): exits, exit stops, new threads and fork children, exec, stops of tasks
 * not known yet.
 *
 * Owns: the fork children held until their first stop (p->forks) and what happens to the thread
 * table at exit and exec. Must not: look at breakpoints or signals' policy (trap.c), or queue
 * events other than through loop_evq_push.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "target/loop.h"

/* ---- turning a wait status into a record ----------------------------------------------------- */

/* loop_next_event: one wait status of tid -> a typed record, fetching what the kernel keeps aside
 * (event message, siginfo) while the thread is still stopped. */
void loop_next_event(cdbg_proc *p, pid_t tid, int status, struct raw_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->tid = tid;
	ev->status = status;
	if (WIFEXITED(status)) {
		ev->kind = RAW_EXITED;
		ev->sig = 0;
		return;
	}
	if (WIFSIGNALED(status)) {
		ev->kind = RAW_KILLED;
		ev->sig = WTERMSIG(status);
		return;
	}
	ev->sig = WSTOPSIG(status);
	switch (status >> 16) {
	case 0:
		if (ev->sig == (SIGTRAP | 0x80)) {
			ev->kind = RAW_SYSCALL;
			loop_syscall_info(p, tid, ev);
			return;
		}
		ev->kind = RAW_SIGNAL;
		if (loop_pt(p, PTRACE_GETSIGINFO, tid, NULL, &ev->si) < 0) {
			/* Killed meanwhile (SIGKILL needs no stop); keep the signal number. */
			memset(&ev->si, 0, sizeof(ev->si));
			ev->si.si_signo = ev->sig;
		}
		return;
	case PTRACE_EVENT_STOP:
		ev->kind = (ev->sig == SIGSTOP || ev->sig == SIGTSTP || ev->sig == SIGTTIN ||
			    ev->sig == SIGTTOU) ?
				   RAW_GROUP_STOP :
				   RAW_INTERRUPT;
		return;
	case PTRACE_EVENT_CLONE:
		ev->kind = RAW_CLONE;
		break;
	case PTRACE_EVENT_FORK:
		ev->kind = RAW_FORK;
		break;
	case PTRACE_EVENT_VFORK:
		ev->kind = RAW_VFORK;
		break;
	case PTRACE_EVENT_EXEC:
		ev->kind = RAW_EXEC;
		break;
	case PTRACE_EVENT_EXIT:
		ev->kind = RAW_EXIT_STOP;
		break;
	case PTRACE_EVENT_VFORK_DONE:
		ev->kind = RAW_VFORK_DONE;
		break;
	default:
		ev->kind = RAW_OTHER_EVENT;
		return;
	}
	if (loop_pt(p, PTRACE_GETEVENTMSG, tid, NULL, &ev->msg) < 0)
		ev->msg = 0;
}

/* ---- dispatch: acting on one record --------------------------------------------------------- */

/* System calls run in a held fork child (for bp_parachute_clean_child). */
struct child_run {
	cdbg_proc *p;
	struct thread *c;
};

static int child_syscall(void *ctx, long nr, const uint64_t args[6], uint64_t *ret)
{
	struct child_run *cr = ctx;

	return loop_syscall(cr->p, cr->c, nr, args, ret);
}

/* A fork child gets nothing of cdbg's: its copy of the scratch memory is unmapped (with system
 * calls run in the child, from the syscall instruction at the start of area 0, so that one
 * goes last), and a child forked from inside an out-of-line copy goes to the same place in the
 * program's code first. */
void loop_scratch_clean_child(cdbg_proc *p, pid_t pid)
{
	struct thread c = { .tid = pid, .state = TS_STOPPED, .stop = SK_INTERRUPT };
	struct child_run cr = { p, &c };
	uint64_t base[16], ret, args[6] = { 0 };
	size_t size[16], n;
	struct bp_site *s;

	if (!p->bp.nscratch || loop_regs_fetch(p, &c) < 0)
		return;
	if ((s = bp_slot_site(p, arch_gpr_pc(&c.regs)))) {
		arch_gpr_set_pc(&c.regs, s->addr + (arch_gpr_pc(&c.regs) - s->slot));
		c.regs_dirty = true;
	}
	/* The SIGTRAP parachute lives in the scratch memory: the child's own action back first. */
	bp_parachute_clean_child(p, pid, ((arch_gpr_sp(&c.regs) - 128 - 64) & ~15ull),
				 child_syscall, &cr);
	n = bp_scratch_areas(p, base, size, 16);
	for (size_t i = n < 16 ? n : 16; i-- > 0;) {
		args[0] = base[i];
		args[1] = size[i];
		if (loop_syscall(p, &c, 11 /* munmap */, args, &ret) < 0 || ret) {
			logw(p, "fork child %d: cannot unmap the scratch memory at %#llx", (int)pid,
			     (unsigned long long)base[i]);
			break;
		}
	}
	loop_flush_regs(p, &c);
	free(c.xstate);
}

void loop_forks_detach(cdbg_proc *p, pid_t pid, bool shares_mm)
{
	/* The child has a copy of the parent's memory, int3s and scratch memory included: a child
	 * must never die of SIGTRAP nor keep cdbg's mapping. A vfork child shares the memory
	 * (whose int3s were lifted already): nothing of it may be touched, the parent's scratch
	 * memory is there. */
	if (!shares_mm && !p->bp.vfork_out) {
		bp_clean_child(p, pid);
		loop_scratch_clean_child(p, pid);
	}
	loop_pt(p, PTRACE_DETACH, pid, NULL, NULL);
	logd(p, "fork child %d detached", (int)pid);
}

struct fork_child *loop_forks_find(cdbg_proc *p, pid_t pid)
{
	for (size_t i = 0; i < p->n_forks; i++)
		if (p->forks[i].pid == pid)
			return &p->forks[i];
	return NULL;
}

void loop_forks_drop(cdbg_proc *p, struct fork_child *f)
{
	*f = p->forks[--p->n_forks];
}

static void forks_add(cdbg_proc *p, pid_t pid, bool shares_mm)
{
	if (p->n_forks == p->alloc_forks) {
		size_t n = p->alloc_forks ? p->alloc_forks * 2 : 8;
		struct fork_child *f = realloc(p->forks, n * sizeof(*f));
		if (!f)
			return; /* the child stays traced until we exit; logged by caller */
		p->forks = f;
		p->alloc_forks = n;
	}
	p->forks[p->n_forks++] = (struct fork_child){ .pid = pid, .shares_mm = shares_mm };
}

/* The whole process is gone: report it and forget every thread. */
static void process_gone(cdbg_proc *p, const struct raw_event *ev)
{
	struct cdbg_event e = { 0 };

	if (ev->kind == RAW_KILLED)
		e.signo = ev->sig;
	else
		e.code = WEXITSTATUS(ev->status);
	loop_evq_push(p, ev->kind == RAW_KILLED ? CDBG_EV_KILLED : CDBG_EV_EXITED, p->pid, &e);
	/* A leader we let go at its exit stop reports its death to its parent: when that is us
	 * (we launched it), reap it now, or it would stay a zombie. */
	if (p->launched && ev->tid != p->pid) {
		struct thread *l = thread_find(&p->threads, p->pid);
		int status;
		if (l && l->untraced)
			while (waitpid(p->pid, &status, __WALL) < 0 && errno == EINTR)
				;
	}
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	bp_drop_memory(p);
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	p->exited = true;
	p->all_stopped = false;
	p->step_tid = 0;
	mem_close(p);
	if (loop_owned_live == p)
		loop_owned_live = NULL;
}

/* Only a zombie leader we could not trace (found so at attach) is left: the process is over,
 * and its leader's final status goes to its real parent, not to us. A leader we traced reports
 * its own death to us. */
static bool only_untraced_left(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++)
		if (!p->threads.all[i]->untraced)
			return false;
	return true;
}

static bool vfork_window_end(cdbg_proc *p, bool stopping);

static void on_exit_report(cdbg_proc *p, struct thread *t, const struct raw_event *ev,
			   bool stopping)
{
	bool stepping = t->tid == p->step_tid, vforking = t->in_vfork;

	if (t->tid == p->pid) {
		process_gone(p, ev);
		return;
	}
	if (t->state != TS_EXITING) {
		/* No exit stop was seen (SIGKILL, or exec killing the other threads). */
		struct cdbg_event e = { 0 };
		e.code = ev->kind == RAW_EXITED ? WEXITSTATUS(ev->status) : 0;
		e.signo = ev->kind == RAW_KILLED ? ev->sig : 0;
		loop_evq_push(p, CDBG_EV_THREAD_EXIT, t->tid, &e);
	}
	bp_thread_gone(p, t->tid);
	thread_remove(p, t);
	if (vforking) /* killed in its vfork (another thread's exit_group, SIGKILL) */
		vfork_window_end(p, stopping || stepping);
	if (stepping) {
		/* The thread we stepped is gone: hand control back with everyone else held. */
		p->step_tid = 0;
		p->all_stopped = true;
		loop_evq_push(p, CDBG_EV_STOPPED, p->pid, NULL);
	}
	if (p->threads.count && only_untraced_left(p))
		process_gone(p, ev);
}

/* Are threads other than t still alive (not merely on their way out of an exit_group)? */
static bool live_others(cdbg_proc *p, struct thread *t)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *o = p->threads.all[i];
		if (o != t && o->state != TS_EXITING && o->state != TS_ZOMBIE && !o->exit_stop)
			return true;
	}
	return false;
}

static void on_exit_stop(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	t->exit_stop = true;
	t->interrupt_pending = false; /* an exiting task takes no more traps */
	if (t->tid == p->pid && live_others(p, t)) {
		/* The leader leaves before the other threads (pthread_exit, or first of an
		 * exit_group): it stays a zombie until they are gone, and a zombie is never in a
		 * ptrace-stop again, so this is the last chance to detach it. Let it go now: its
		 * final status then goes to its parent, and we learn of the end from the last
		 * thread. */
		loop_pt(p, PTRACE_DETACH, t->tid, NULL, NULL);
		t->exit_stop = false;
		thread_set_state(p, t, TS_ZOMBIE);
		t->untraced = true;
		return;
	}
	if (t->tid != p->pid) {
		struct cdbg_event e = { 0 };
		int st = (int)ev->msg;
		e.code = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
		e.signo = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		loop_evq_push(p, CDBG_EV_THREAD_EXIT, t->tid, &e);
	}
	loop_stopped_or_resume(p, t, SK_EVENT, stopping);
}

/* A new task (thread or fork child) whose parent event we have not seen: hold it until its
 * parent tells which it is. */
static void on_unknown_stop(cdbg_proc *p, const struct raw_event *ev)
{
	struct fork_child *f = loop_forks_find(p, ev->tid);
	struct thread *t;

	if (f && f->pid == p->follow_pid) {
		f->stopped = true; /* the child cdbg follows (follow.c): held */
		return;
	}
	if (f) {
		loop_forks_detach(p, f->pid, f->shares_mm);
		loop_forks_drop(p, f);
		return;
	}
	if (ev->kind != RAW_INTERRUPT && ev->kind != RAW_GROUP_STOP) {
		/* Not a first stop: a task from before an exec, or a stray. Let it go on. */
		loop_pt(p, PTRACE_CONT, ev->tid, NULL,
			(void *)(long)(ev->kind == RAW_SIGNAL ? ev->sig : 0));
		return;
	}
	t = thread_add(p, ev->tid, TS_STOPPED);
	if (!t)
		return;
	t->stop = SK_INTERRUPT;
	t->unclaimed = true;
}

/* The new thread's TLS pointer, from the clone call its parent is in. */
static uint64_t clone_tls(cdbg_proc *p, struct thread *t)
{
	uint64_t tls = 0, mem;

	if (loop_regs_fetch(p, t) < 0)
		return 0;
	switch (arch_clone_tls(&t->regs, &tls, &mem)) {
	case 0:
		return tls;
	case 1:
		return mem_raw_read(p, mem, &tls, sizeof(tls)) == sizeof(tls) ? tls : 0;
	default:
		return 0;
	}
}

/* ---- vfork: the child runs in our memory ---------------------------------------------------- */

/* A vfork child runs in the parent's memory until it execs or exits: no int3 may be there
 * then. gdb holds the parent's other threads in that window, so that none of them misses a
 * breakpoint: every running thread but the vfork parents (blocked in the kernel until their
 * child is done) is stopped before the int3s come out, and held (vfork_held) until the last
 * VFORK_DONE. Returns true when one of them queued a stop to report (a hit on its way). */
static bool vfork_hold_others(cdbg_proc *p, struct thread *t)
{
	unsigned seq0 = p->threads.next_seq;
	bool any = false;

	thread_set_state(p, t, TS_STOPPED); /* in its vfork event stop, resumed by our caller */
	t->stop = SK_EVENT;
	/* Held: the running threads, the new ones (their first stop is gathered), and those
	 * whose clone report is still due (it would let them go otherwise). */
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *o = p->threads.all[i];
		if (o == t || o->in_vfork ||
		    (o->state != TS_RUNNING && o->state != TS_NEW && !o->unclaimed))
			continue;
		if (o->state == TS_RUNNING)
			loop_interrupt_one(p, o);
		o->vfork_held = true;
		any = true;
	}
	if (any && loop_gather_stops(p) < 0)
		logw(p, "vfork of thread %d: cannot stop the other threads", (int)t->tid);
	if (p->exited)
		return false;
	/* threads born meanwhile (clone reports gathered) stay in their first stop with us */
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *o = p->threads.all[i];
		if (o->seq >= seq0 && !o->in_vfork && o->state == TS_STOPPED)
			o->vfork_held = true;
	}
	/* a hit whose condition calls a function is decided in the caller's all-stop */
	for (size_t i = 0; i < p->threads.count; i++)
		if (p->threads.all[i]->cond_held)
			return true;
	if (loop_evq_has_stop(p))
		return true;
	/* A thread that vforked too while we stopped it (its VFORK came instead of our stop)
	 * must go on into its wait for its child: the window ends only after its VFORK_DONE. */
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *o = p->threads.all[i];
		if (o != t && o->in_vfork && o->vfork_held) {
			o->vfork_held = false;
			if (o->state == TS_STOPPED && !o->unclaimed)
				loop_resume_one(p, o);
		}
	}
	return false;
}

/* A vfork parent is done (VFORK_DONE, or it is gone): when it was the last, the int3s go back
 * and the threads held for the window run again, unless a stop waits to be reported (then
 * returns true: the caller stops everyone) or an all-stop is under way (stopping). */
static bool vfork_window_open(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++)
		if (p->threads.all[i]->in_vfork)
			return true;
	return false;
}

static bool vfork_window_end(cdbg_proc *p, bool stopping)
{
	if (vfork_window_open(p))
		return false;
	if (p->bp.vfork_out) {
		/* The child has exec'd or exited: our memory is ours again. */
		bp_lift_all(p, false);
		p->bp.vfork_out = false;
	}
	if (stopping || p->all_stopped || loop_evq_has_stop(p)) {
		/* held: the all-stop under way (or the caller's, for the stop queued) keeps them */
		for (size_t i = 0; i < p->threads.count; i++)
			p->threads.all[i]->vfork_held = false;
		return !stopping && !p->all_stopped && loop_evq_has_stop(p);
	}
	return loop_resume_vfork_held(p);
}

/* Parent t reported CLONE, FORK or VFORK for task `child`. */
static bool on_new_task(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	pid_t child = (pid_t)ev->msg;
	struct thread *c = child ? thread_find(&p->threads, child) : NULL;
	struct cdbg_event e = { 0 };
	enum cdbg_event_kind kind;
	bool follow = false, queued = false;

	if (ev->kind == RAW_CLONE) {
		kind = CDBG_EV_THREAD_NEW;
		e.parent = t->tid;
		e.tls = clone_tls(p, t);
		if (!c) {
			c = thread_add(p, child, TS_NEW);
		} else {
			/* Its first stop came before this event: it was held unclaimed, without the
			 * debug registers a new thread gets at its first stop (clone does not copy
			 * them). Give them now, before it runs a single instruction. */
			c->unclaimed = false;
			if (c->state == TS_STOPPED && p->bp.dr7)
				loop_apply_debugregs_one(p, c);
			if (c->state == TS_STOPPED && !(stopping || p->step_tid))
				loop_resume_one(p, c);
		}
	} else {
		kind = ev->kind == RAW_FORK ? CDBG_EV_FORK : CDBG_EV_VFORK;
		e.child = child;
		if (kind == CDBG_EV_VFORK)
			t->in_vfork = true;
		/* The child runs in our memory until it execs or exits: no int3 may be there. The
		 * other threads are held first (gdb's way; during an all-stop they are stopping
		 * already). The child itself stays in its first stop meanwhile: it is not in
		 * p->forks yet, and the stops gathered are waited for by tid. */
		if (kind == CDBG_EV_VFORK && p->bp.nsites && !stopping)
			queued = vfork_hold_others(p, t);
		if (p->exited)
			return false;
		if (kind == CDBG_EV_VFORK && p->bp.nsites && !p->bp.vfork_out) {
			bp_lift_all(p, true);
			p->bp.vfork_out = true;
		}
		follow = p->follow_child && kind == CDBG_EV_FORK && child && !p->follow_pid;
		if (c) {
			/* Its first stop came first: it was taken for a thread. */
			bool stopped = c->state == TS_STOPPED;
			thread_remove(p, c);
			if (stopped && !follow) {
				loop_forks_detach(p, child, kind == CDBG_EV_VFORK);
			} else {
				forks_add(p, child, kind == CDBG_EV_VFORK);
				p->forks[p->n_forks - 1].stopped = stopped;
			}
		} else if (child) {
			forks_add(p, child, kind == CDBG_EV_VFORK);
		}
		if (follow) {
			/* Followed once every thread is held (loop_follow_child, follow.c). */
			p->follow_pid = child;
			e.followed = 1;
		}
	}
	loop_evq_push(p, kind, kind == CDBG_EV_THREAD_NEW ? child : t->tid, &e);
	t->vfork_parent = kind == CDBG_EV_VFORK;
	/* The reporter of a stopping event stays where it is for the caller to look at. */
	loop_stopped_or_resume(p, t, SK_EVENT, stopping || follow || queued || loop_stops(p, kind));
	return follow || queued || loop_stops(p, kind);
}

static bool on_exec(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	struct cdbg_event e = { 0 };
	bool irq = t->interrupt_pending;

	/* Every other thread is gone; the execing thread now has the leader's tid. The old
	 * address space went with its breakpoints and scratch memory. */
	bp_drop_memory(p);
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	t = thread_add(p, p->pid, TS_STOPPED);
	if (!t)
		return false;
	t->interrupt_pending = irq;
	t->stop = SK_EVENT;
	mem_close(p); /* /proc/PID/mem is bound to the old address space */
	e.parent = (pid_t)ev->msg;
	loop_evq_push(p, CDBG_EV_EXEC, p->pid, &e);
	if (loop_stops(p, CDBG_EV_EXEC))
		return true;
	if (!stopping)
		loop_resume_one(p, t);
	return false;
}

/* Thread t trapped on an int3 (registers not yet read). Returns -1 when the int3 is not ours
 * (the program's own: a SIGTRAP to report), 1 when a stop must be reported (or an in-place
 * step-over needs the other threads held), 0 when handled (the thread runs on, or stays held
 * by the all-stop under way). */
bool loop_dispatch_event(cdbg_proc *p, const struct raw_event *ev, bool stopping)
{
	struct thread *t = thread_find(&p->threads, ev->tid);

	if (!t) {
		struct fork_child *f = loop_forks_find(p, ev->tid);
		if (ev->kind == RAW_EXITED || ev->kind == RAW_KILLED) {
			if (f)
				loop_forks_drop(p, f);
			return false;
		}
		on_unknown_stop(p, ev);
		return false;
	}
	switch (ev->kind) {
	case RAW_EXITED:
	case RAW_KILLED:
		on_exit_report(p, t, ev, stopping);
		return false;
	case RAW_EXIT_STOP:
		on_exit_stop(p, t, ev, stopping && t->state != TS_RUNNING);
		return false;
	case RAW_INTERRUPT:
	case RAW_GROUP_STOP: {
		bool ours = t->interrupt_pending;
		bool want = (stopping || p->step_tid) &&
			    (t->state == TS_STOPPING || t->state == TS_NEW);
		bool was_new = t->state == TS_NEW;
		t->interrupt_pending = false;
		if (ev->kind == RAW_GROUP_STOP && !want) {
			/* Job control stopped the process (someone's SIGSTOP): stay stopped, as an
			 * untraced process would, until SIGCONT. */
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_GROUP;
			loop_resume_one(p, t);
			return false;
		}
		if (was_new && p->bp.dr7)
			loop_apply_debugregs_one(p, t);
		if (t->unclaimed || (was_new && !want)) {
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_INTERRUPT;
			if (!t->unclaimed)
				loop_resume_one(p, t);
			return false;
		}
		if (!want) {
			/* A stale interrupt, or a group-stop ending (SIGCONT): carry on. */
			logt(p, "thread %d: absorbing %s stop", t->tid,
			     ours ? "stale interrupt" : "notify");
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_INTERRUPT;
			loop_resume_one(p, t);
			return false;
		}
		thread_set_state(p, t, TS_STOPPED);
		t->stop = ev->kind == RAW_GROUP_STOP ? SK_GROUP : SK_INTERRUPT;
		return false;
	}
	case RAW_SIGNAL:
		return loop_on_signal(p, t, ev, stopping);
	case RAW_SYSCALL:
		return loop_on_syscall(p, t, ev, stopping);
	case RAW_CLONE:
	case RAW_FORK:
	case RAW_VFORK:
		return on_new_task(p, t, ev, stopping && t->state == TS_STOPPING);
	case RAW_EXEC:
		return on_exec(p, t, ev, stopping);
	case RAW_VFORK_DONE: {
		/* held as well while one thread steps alone (cdbg_step, resume_held) */
		bool stop = (stopping && t->state == TS_STOPPING) ||
			    (p->step_tid && p->step_tid != t->tid),
		     report = false;
		t->in_vfork = false;
		if (!vfork_window_open(p)) {
			report = vfork_window_end(p, stopping);
		} else if (!stop && p->bp.vfork_out) {
			/* Another child still runs without int3s: held with the others (else it
			 * could vfork again and again, and the window never end for them). */
			t->vfork_held = true;
			stop = true;
		}
		loop_stopped_or_resume(p, t, SK_EVENT, stop || report);
		return report;
	}
	case RAW_OTHER_EVENT:
		loop_stopped_or_resume(p, t, SK_EVENT, stopping && t->state == TS_STOPPING);
		return false;
	}
	return false;
}
