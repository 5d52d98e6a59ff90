/*
 * handle.c - the handle: cdbg_new, cdbg_free, the hooks the layers above register, stop and
 * signal policies, thread listing, names.
 *
 * Owns: struct cdbg_proc's lifetime and defaults. Must not: make ptrace requests (cdbg_free
 * detaches or kills through detach.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "target/loop.h"

/* Events that always stop the process: the caller must look before anything runs on. */
#define ALWAYS_STOP                                                                                \
	((1u << CDBG_EV_STOPPED) | (1u << CDBG_EV_STEP) | (1u << CDBG_EV_SIGNAL) |                 \
	 (1u << CDBG_EV_BREAKPOINT) | (1u << CDBG_EV_WATCHPOINT) | (1u << CDBG_EV_LIBRARIES) |     \
	 (1u << CDBG_EV_SYSCALL_ENTRY) | (1u << CDBG_EV_SYSCALL_RETURN))

/* ---- handle lifetime -------------------------------------------------------------------------- */

static void default_policy(cdbg_proc *p)
{
	static const int quiet[] = { SIGALRM, SIGURG, SIGCHLD, SIGWINCH, SIGPROF, SIGVTALRM, SIGIO };

	for (int s = 1; s <= 64; s++)
		p->sigpolicy[s] = CDBG_SIG_STOP | CDBG_SIG_PASS;
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		p->sigpolicy[quiet[i]] = CDBG_SIG_PASS;
	p->sigpolicy[SIGINT] = CDBG_SIG_STOP;
	p->sigpolicy[SIGTRAP] = CDBG_SIG_STOP;
}

cdbg_proc *cdbg_new(void)
{
	cdbg_proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->base.owner = pthread_self();
	p->base.owner_tid = gettid();
	p->mem_fd = -1;
	p->evpipe[0] = p->evpipe[1] = -1;
	p->stop_mask = ALWAYS_STOP | (1u << CDBG_EV_EXEC);
	default_policy(p);
	if (thread_table_init(&p->threads) < 0) {
		free(p);
		return NULL;
	}
	return p;
}

int cdbg_free(cdbg_proc *p)
{
	if (!p)
		return 0;
	/* From another thread while a process is held: detaching is impossible there, freeing
	 * would leave the program stopped with our int3s in. Refuse, change nothing. */
	if (p->pid && !p->exited && cdbg__check_owner(p, "free the handle") < 0)
		return CDBG_EWRONGTHREAD;
	if (p->pid && !p->exited) {
		if (p->launched) {
			if (cdbg_kill(p) < 0)
				logw(p, "kill on free failed: %s", p->base.errmsg);
		} else if (cdbg_detach(p) < 0) {
			logw(p, "detach on free failed: %s", p->base.errmsg);
		}
	}
	if (loop_owned_live == p)
		loop_owned_live = NULL;
	mem_close(p);
	bp_forget_all(p);
	cdbg__hooks_run(p, CDBG__HOOK_FREE);
	thread_table_free(&p->threads);
	loop_evpipe_close(p);
	image_free(&p->file);
	free(p->file_path);
	free(p->forks);
	free(p);
	return 0;
}

/* The one "is there a process" precondition of every call that needs one (memory, symbols,
 * the loop): the owner thread, then one outcome per state: none held (CDBG_ENOPROC, also once
 * the caller has taken the exit event), or gone but not yet reported (CDBG_EEXITED). */
int loop_require_proc(cdbg_proc *p, const char *what)
{
	int r = cdbg__check_owner(p, what);

	if (r < 0)
		return r;
	if (!p->pid)
		return cdbg__fail(p, CDBG_ENOPROC, "cannot %s: no process is being debugged", what);
	if (p->exited)
		return cdbg__fail(p, CDBG_EEXITED, "cannot %s: process %d has exited", what,
				  (int)p->pid);
	return 0;
}

int cdbg__hook_add(cdbg_proc *p, enum cdbg__hook_kind kind, cdbg__hook_fn fn, void *data)
{
	struct cdbg__hook *h = p->hooks[kind];

	for (int i = 0; i < CDBG__HOOKS_MAX; i++) {
		if (h[i].fn == fn)
			return 0;
		if (!h[i].fn) {
			h[i].fn = fn;
			h[i].data = data;
			return 0;
		}
	}
	return -ENOSPC;
}

void cdbg__hooks_run(cdbg_proc *p, enum cdbg__hook_kind kind)
{
	for (int i = 0; i < CDBG__HOOKS_MAX && p->hooks[kind][i].fn; i++)
		p->hooks[kind][i].fn(p, p->hooks[kind][i].data);
}

unsigned cdbg_set_stop_events(cdbg_proc *p, unsigned mask)
{
	unsigned old = p->stop_mask;

	if (cdbg__check_owner(p, "change which events stop the process") < 0)
		return ~0u;

	p->stop_mask = mask | ALWAYS_STOP;
	return old;
}

int cdbg_set_signal_policy(cdbg_proc *p, int signo, int policy)
{
	int old = cdbg__check_owner(p, "change the handling of a signal");

	if (old < 0)
		return old;
	if (signo <= 0 || signo > 64 || signo == SIGKILL || signo == SIGSTOP || policy < 0 ||
	    policy > (CDBG_SIG_STOP | CDBG_SIG_PASS))
		return cdbg__fail(p, -EINVAL, "cannot change the handling of signal %d", signo);
	old = p->sigpolicy[signo];
	p->sigpolicy[signo] = (unsigned char)policy;
	return old;
}

int cdbg_set_pending_signal(cdbg_proc *p, pid_t tid, int signo)
{
	struct thread *t = loop_stopped_thread(p, tid, "set the pending signal");

	if (!t || loop_require_live(p, "set the pending signal") < 0)
		return cdbg_errcode(p);
	if (signo < 0 || signo > 64)
		return cdbg__fail(p, -EINVAL, "cannot deliver signal %d: no such signal", signo);
	/* The signal the thread stopped with keeps its siginfo (gdb's `signal SIG` after a stop
	 * for SIG); another gets the one the kernel makes (SI_USER from cdbg). */
	if (t->si_valid && t->si.si_signo == signo)
		t->si_restore = true;
	else
		t->si_valid = t->si_restore = false;
	t->pending_sig = signo;
	return 0;
}

int cdbg_pending_signal(cdbg_proc *p, pid_t tid)
{
	struct thread *t = loop_stopped_thread(p, tid, "read the pending signal");

	return t ? t->pending_sig : cdbg_errcode(p);
}

pid_t cdbg_pid(const cdbg_proc *p)
{
	return p && !p->exited ? p->pid : 0;
}

int cdbg_is_launched(const cdbg_proc *p)
{
	return p && p->launched;
}

static int by_seq(const void *a, const void *b)
{
	const struct thread *x = *(struct thread *const *)a, *y = *(struct thread *const *)b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int cdbg_threads(cdbg_proc *p, pid_t *tids, size_t max)
{
	struct thread **v;
	size_t n = 0;
	int r = loop_require_proc(p, "list threads");

	if (r < 0)
		return r;
	v = malloc((p->threads.count + 1) * sizeof(*v));
	if (!v)
		return cdbg__fail(p, -ENOMEM, "cannot list threads: out of memory");
	for (size_t i = 0; i < p->threads.count; i++)
		if (!p->threads.all[i]->unclaimed)
			v[n++] = p->threads.all[i];
	qsort(v, n, sizeof(*v), by_seq);
	for (size_t i = 0; tids && i < n && i < max; i++)
		tids[i] = v[i]->tid;
	free(v);
	return (int)n;
}

int cdbg_thread_info(cdbg_proc *p, pid_t tid, struct cdbg_thread_info *info)
{
	struct thread *t;
	int r = loop_require_proc(p, "describe a thread");

	if (r < 0)
		return r;
	t = thread_find(&p->threads, tid);
	if (!t || t->unclaimed)
		return cdbg__fail(p, CDBG_ENOTHREAD, "process %d has no thread %d", (int)p->pid,
				  (int)tid);
	memset(info, 0, sizeof(*info));
	info->tid = tid;
	switch (t->state) {
	case TS_STOPPED:
		info->state = CDBG_THREAD_STOPPED;
		break;
	case TS_EXITING:
		info->state = CDBG_THREAD_EXITING;
		break;
	case TS_ZOMBIE:
		info->state = CDBG_THREAD_ZOMBIE;
		break;
	default:
		info->state = CDBG_THREAD_RUNNING;
		break;
	}
	if (p->core) {
		info->proc_state = 't'; /* a core's threads are stopped for good; no name kept */
		return 0;
	}
	if (procfs_comm(p->pid, tid, info->name, sizeof(info->name)) < 0)
		snprintf(info->name, sizeof(info->name), "?");
	info->proc_state = procfs_task_state(p->pid, tid);
	return 0;
}

const char *cdbg_version(void)
{
	return CDBG_VERSION_STRING;
}

const char *cdbg_event_name(enum cdbg_event_kind kind)
{
	static const char *const names[] = { "none",       "stopped",       "signal",
					     "thread-new", "thread-exit",   "exited",
					     "killed",     "exec",          "fork",
					     "vfork",      "step",          "breakpoint",
					     "watchpoint", "libraries",     "step-end",
					     "finished",   "syscall-entry", "syscall-return" };
	return (unsigned)kind < CDBG_EV__COUNT ? names[kind] : "?";
}
