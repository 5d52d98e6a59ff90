/*
 * attach.c - cdbg_attach: checks before touching a process, seizing every thread until no new
 * one appears, the reasons a seize was refused, and undoing a half-done attach.
 *
 * Owns: taking hold of a process (loop_take_ownership, loop_handle_reset, loop_owned_live: the
 * one process a thread may drive). Must not: resume the process (it stays all-stopped).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <time.h>
#include <unistd.h>

#include "target/loop.h"

#define PF_KTHREAD 0x00200000UL

__thread cdbg_proc *loop_owned_live;

/* ---- attach ----------------------------------------------------------------------------------- */

struct attach_pass {
	cdbg_proc *p;
	size_t added;  /* threads taken in this pass */
	size_t seized; /* threads seized in all passes */
	int err;       /* first hard failure */
	pid_t err_tid;
};

static int seize_one(void *data, pid_t tid)
{
	struct attach_pass *ap = data;
	cdbg_proc *p = ap->p;
	struct thread *t;
	long r;

	if (thread_find(&p->threads, tid))
		return 0;
	r = loop_pt(p, PTRACE_SEIZE, tid, NULL, (void *)(long)TRACE_OPTS);
	if (r < 0) {
		char st = procfs_task_state(p->pid, tid);
		if (st == '?' || st == 'X')
			return 0; /* exited between listing and attach */
		if (st == 'Z') {
			/* A leader that called pthread_exit: listed, but cannot be traced. */
			t = thread_add(p, tid, TS_ZOMBIE);
			if (t)
				t->untraced = true;
			ap->added += t != NULL;
			return 0;
		}
		if (r == -EPERM && procfs_status_long(tid, "TracerPid") == gettid()) {
			/* Born meanwhile to a thread we hold: already ours, its first stop is due. */
			t = thread_add(p, tid, TS_NEW);
			if (t)
				t->unclaimed = true;
			ap->added += t != NULL;
			return 0;
		}
		ap->err = (int)r;
		ap->err_tid = tid;
		return 1;
	}
	t = thread_add(p, tid, TS_STOPPING);
	if (!t) {
		ap->err = -ENOMEM;
		ap->err_tid = tid;
		return 1;
	}
	t->interrupt_pending = loop_pt(p, PTRACE_INTERRUPT, tid, NULL, NULL) == 0;
	ap->added++;
	ap->seized++;
	return 0;
}

static int diagnose_eperm(cdbg_proc *p, pid_t pid)
{
	char buf[128], tracer[32] = "?";
	long tracer_pid = procfs_status_long(pid, "TracerPid");
	long uid = -1;
	int scope;

	if (tracer_pid > 0) {
		procfs_comm((pid_t)tracer_pid, (pid_t)tracer_pid, tracer, sizeof(tracer));
		return cdbg__fail(p, CDBG_ETRACED,
				  "cannot attach to %d: it is already traced by process %ld (%s)",
				  (int)pid, tracer_pid, tracer);
	}
	if (procfs_status_field(pid, "Uid", buf, sizeof(buf)) == 0)
		uid = strtol(buf, NULL, 10);
	if (uid >= 0 && (uid_t)uid != geteuid() && geteuid() != 0)
		return cdbg__fail(
			p, -EPERM,
			"cannot attach to %d: permission denied: it belongs to user %ld and "
			"cdbg runs as user %d; run cdbg as that user or as root",
			(int)pid, uid, (int)geteuid());
	if ((scope = procfs_ptrace_scope()) > 0 && geteuid() != 0)
		return cdbg__fail(p, -EPERM,
				  "cannot attach to %d: permission denied: kernel.yama.ptrace_scope "
				  "is %d; run cdbg as root or set it to 0 with sysctl",
				  (int)pid, scope);
	return cdbg__fail(p, -EPERM,
			  "cannot attach to %d: permission denied: the process is privileged or not "
			  "dumpable; run cdbg as root",
			  (int)pid);
}

/* A thread other than the first refused: most likely someone traces just that thread. */
static int diagnose_thread_eperm(cdbg_proc *p, pid_t tid)
{
	long tracer_pid = procfs_status_long(tid, "TracerPid");
	char tracer[32] = "?";

	if (tracer_pid > 0 && tracer_pid != getpid()) {
		procfs_comm((pid_t)tracer_pid, (pid_t)tracer_pid, tracer, sizeof(tracer));
		return cdbg__fail(p, CDBG_ETRACED,
				  "cannot attach to %d: its thread %d is already traced by process "
				  "%ld (%s); detach that debugger first",
				  (int)p->pid, (int)tid, tracer_pid, tracer);
	}
	return cdbg__fail(p, -EPERM,
			  "cannot attach to thread %d of %d: permission denied; the "
			  "process was left as it was",
			  (int)tid, (int)p->pid);
}

/* Detach every thread taken so far, after they all stopped: attach failed halfway. */
static void attach_undo(cdbg_proc *p)
{
	int saved = p->base.errcode;
	char msg[CDBG_ERRMSG_MAX];

	memcpy(msg, p->base.errmsg, sizeof(msg));
	if (loop_gather_stops(p) == 0 && !p->exited) {
		for (size_t i = 0; i < p->threads.count; i++) {
			struct thread *t = p->threads.all[i];
			if (t->state == TS_STOPPED)
				loop_pt(p, PTRACE_DETACH, t->tid, NULL,
					(void *)(long)t->pending_sig);
		}
	}
	thread_table_free(&p->threads);
	p->base.errcode = saved;
	memcpy(p->base.errmsg, msg, sizeof(msg));
}

void loop_handle_reset(cdbg_proc *p)
{
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	p->pid = 0;
	p->exited = false;
	p->all_stopped = false;
	p->launched = false;
	p->step_tid = 0;
	p->evq_head = p->evq_len = 0;
	p->n_forks = 0;
	memset(p->bp_returns, 0, sizeof(p->bp_returns));
}

/* Checks made before touching a process: it exists, is not us, not a kernel thread, not traced
 * already. Resolves a tid to its process. Returns the tgid or a failure. */
static int attach_precheck(cdbg_proc *p, pid_t pid)
{
	char tracer[32] = "?";
	long tgid, tracer_pid;

	if (pid <= 0)
		return cdbg__fail(p, -ESRCH, "cannot attach to %d: not a process id", (int)pid);
	tgid = procfs_status_long(pid, "Tgid");
	if (tgid <= 0)
		return cdbg__fail(p, -ESRCH,
				  "cannot attach to %d: no such process; check the pid with ps",
				  (int)pid);
	if (tgid == getpid())
		return cdbg__fail(p, CDBG_ESELF,
				  "cannot attach to %d: it is cdbg's own process; a debugger cannot "
				  "trace itself",
				  (int)pid);
	if (procfs_stat_flags((pid_t)tgid) & PF_KTHREAD)
		return cdbg__fail(
			p, CDBG_EKTHREAD,
			"cannot attach to %d: it is a kernel thread, which runs no user code "
			"to debug",
			(int)pid);
	tracer_pid = procfs_status_long((pid_t)tgid, "TracerPid");
	if (tracer_pid > 0) {
		procfs_comm((pid_t)tracer_pid, (pid_t)tracer_pid, tracer, sizeof(tracer));
		return cdbg__fail(p, CDBG_ETRACED,
				  "cannot attach to %d: it is already traced by process %ld (%s); "
				  "detach that debugger first",
				  (int)pid, tracer_pid, tracer);
	}
	return (int)tgid;
}

int loop_take_ownership(cdbg_proc *p, const char *what)
{
	int r = cdbg__check_owner(p, what);

	if (r < 0)
		return r;
	core_close(p); /* a process replaces a core, as in gdb */
	if (p->pid && !p->exited)
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot %s: this handle already debugs process %d; detach first",
				  what, (int)p->pid);
	if (loop_owned_live && loop_owned_live != p)
		return cdbg__fail(p, CDBG_EBUSY,
				  "cannot %s: this thread already debugs process %d through another "
				  "handle; use one thread per process",
				  what, (int)loop_owned_live->pid);
	loop_handle_reset(p);
	bp_forget_all(p);
	thread_table_free(&p->threads);
	return thread_table_init(&p->threads);
}

int cdbg_attach(cdbg_proc *p, pid_t pid)
{
	struct attach_pass ap = { .p = p };
	int tgid, r;

	cdbg__clear_error(p);
	if ((r = loop_take_ownership(p, "attach")) < 0)
		return r;
	if ((tgid = attach_precheck(p, pid)) < 0)
		return tgid;
	p->pid = tgid;
	/* Seize and interrupt every listed thread; re-list until a pass finds no new one (threads
	 * may be created while we attach; those made by a thread we hold are ours already). */
	do {
		ap.added = 0;
		r = procfs_each_task(p->pid, seize_one, &ap);
		if (ap.err)
			break;
		if (r < 0 && p->threads.count == 0) {
			ap.err = -ESRCH;
			break;
		}
	} while (ap.added > 0);

	if (ap.err || ap.seized == 0) {
		if (ap.err == -EPERM && ap.seized == 0)
			diagnose_eperm(p, p->pid);
		else if (!ap.err && p->threads.count)
			cdbg__fail(p, -ESRCH,
				   "cannot attach to %d: it is a zombie: it has exited and "
				   "waits for its parent to reap it",
				   (int)p->pid);
		else if (ap.err == -EPERM)
			diagnose_thread_eperm(p, ap.err_tid);
		else if (ap.err == -ESRCH || p->threads.count == 0)
			cdbg__fail(p, -ESRCH, "cannot attach to %d: the process exited",
				   (int)p->pid);
		else
			cdbg__fail(p, ap.err, "cannot attach to thread %d of %d: %s",
				   (int)ap.err_tid, (int)p->pid, cdbg__errstr(ap.err));
		r = p->base.errcode;
		attach_undo(p);
		loop_handle_reset(p);
		return r;
	}
	loop_owned_live = p;
	/* A thread seized inside clone() may have a child the kernel did not trace (the option
	 * was checked before the seize) and that /proc listed only after our last pass. Once every
	 * thread we hold is stopped no new clone can start: list again, until a pass made with
	 * everyone stopped finds nothing new and the kernel counts no thread we do not hold. The
	 * count matters: a listing of /proc/PID/task ends early when the thread it stands on dies
	 * meanwhile (next_tid stops at a dead task), so a pass can miss a live thread. */
	for (int settle = 0; (r = loop_gather_stops(p)) == 0 && !p->exited;) {
		ap.added = 0;
		procfs_each_task(p->pid, seize_one, &ap);
		if (ap.err) {
			if (ap.err == -EPERM)
				diagnose_thread_eperm(p, ap.err_tid);
			else
				cdbg__fail(p, ap.err, "cannot attach to thread %d of %d: %s",
					   (int)ap.err_tid, (int)p->pid, cdbg__errstr(ap.err));
			r = p->base.errcode;
			break;
		}
		if (ap.added)
			continue;
		if (procfs_status_long(p->pid, "Threads") <= (long)p->threads.count ||
		    ++settle > 2000)
			break;
		/* A thread we do not hold: one that is dying untraced, or one the listing missed. */
		struct timespec ts = { 0, 500000 };
		nanosleep(&ts, NULL);
	}
	if (r < 0 || p->exited) {
		if (p->exited)
			cdbg__fail(p, -ESRCH,
				   "cannot attach to %d: the process exited while cdbg "
				   "stopped it",
				   (int)pid);
		r = p->base.errcode;
		attach_undo(p);
		loop_handle_reset(p);
		loop_owned_live = NULL;
		return r;
	}
	p->all_stopped = true;
	logd(p, "attached to %d: %zu threads", (int)p->pid, p->threads.count);
	cdbg__hooks_run(p, CDBG__HOOK_PROCESS_NEW);
	return 0;
}
