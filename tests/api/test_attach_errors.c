/*
 * test_attach_errors: cdbg_attach on bad targets. Proves, for each case, the exact error code
 * and sentence, and that the target is left as it was (not in tracing stop, not traced, and it
 * finishes normally afterwards): a pid that does not exist, pid 0, kthreadd (pid 2), our own
 * process and one of our own threads, a process another tracer holds (the message names the
 * tracer), a process of another user (attaching as uid 65534 to a root process), a zombie;
 * attaching twice with one handle (CDBG_EBADSTATE) and a second handle of the same thread
 * (CDBG_EBUSY), which works once the first lets go.
 */
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

/* A failure reported at the end, so the remaining cases still run. */
static char deferred[1024];

static void expect_err(cdbg_proc *p, pid_t pid, int code, const char *msg)
{
	int r = cdbg_attach(p, pid);

	CHECK(r == code, "attach %d gave %d (%s), want %d (%s): %s", (int)pid, r, cdbg_errname(r),
	      code, cdbg_errname(code), cdbg_errmsg(p));
	CHECK_EQ(cdbg_errcode(p), code);
	if (msg)
		CHECK(!strcmp(cdbg_errmsg(p), msg), "attach %d: message\n  '%s', want\n  '%s'",
		      (int)pid, cdbg_errmsg(p), msg);
	CHECK_EQ(cdbg_pid(p), 0);
}

/* The target is as we found it: running, not traced by anyone (or its leader only by
 * `tracer`). */
static void untouched(pid_t pid, long tracer)
{
	pid_t tids[64];
	int n = u_tasks(pid, tids, 64);

	CHECK(n > 0, "process %d is gone", (int)pid);
	for (int i = 0; i < n; i++) {
		char st = u_task_state(pid, tids[i]);
		CHECK(st == 'R' || st == 'S', "thread %d is '%c'", (int)tids[i], st);
		long want = tids[i] == pid ? tracer : 0;
		CHECK(u_task_status(pid, tids[i], "TracerPid") == want,
		      "thread %d traced by %ld, "
		      "want %ld",
		      (int)tids[i], u_task_status(pid, tids[i], "TracerPid"), want);
	}
}

static void *idle_thread(void *arg)
{
	int *fd = arg;
	char c;

	while (read(*fd, &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static void read_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "re");
	CHECK(f && fgets(buf, (int)len, f), "read %s", path);
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

/* Another process seizes thread `victim` of t (the leader or a worker). */
static void traced_by_other(cdbg_proc *p, struct tracee *t, bool worker)
{
	int ok[2], hold[2], st;
	char c, msg[512], comm[32];
	pid_t helper, victim = t->pid, tids[16];
	int n = u_tasks(t->pid, tids, 16);

	for (int i = 0; worker && i < n; i++)
		if (tids[i] != t->pid)
			victim = tids[i]; /* the last one listed: seized after the others */

	CHECK(pipe(ok) == 0 && pipe(hold) == 0, "pipe");
	helper = fork();
	CHECK(helper >= 0, "fork");
	if (helper == 0) {
		close(ok[0]);
		close(hold[1]);
		c = ptrace(PTRACE_SEIZE, victim, NULL, NULL) == 0 ? 'y' : 'n';
		if (write(ok[1], &c, 1) != 1)
			_exit(1);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ok[1]);
	close(hold[0]);
	CHECK(read(ok[0], &c, 1) == 1 && c == 'y', "the helper could not seize %d", (int)victim);
	read_comm(helper, comm, sizeof(comm));
	int r = 0;
	char got[512] = "";
	if (!worker) {
		snprintf(msg, sizeof(msg),
			 "cannot attach to %d: it is already traced by process %d "
			 "(%s); detach that debugger first",
			 (int)t->pid, (int)helper, comm);
		expect_err(p, t->pid, CDBG_ETRACED, msg);
	} else {
		/* Only a worker is traced: found while seizing, after other threads were taken.
		 * Checked once the helper is gone, so a failure leaves no foreign tracer. */
		r = cdbg_attach(p, t->pid);
		snprintf(got, sizeof(got), "%s", cdbg_errmsg(p));
		snprintf(msg, sizeof(msg), "already traced by process %d (%s)", (int)helper, comm);
	}
	/* Left as found: every thread runs, only the victim is traced, by the helper. */
	for (int i = 0; i < n; i++) {
		char s2 = u_task_state(t->pid, tids[i]);
		long tr = u_task_status(t->pid, tids[i], "TracerPid");
		if (s2 != 'R' && s2 != 'S')
			snprintf(got, sizeof(got), "thread %d is '%c' after the failed attach",
				 (int)tids[i], s2);
		if (tr != (tids[i] == victim ? helper : 0))
			snprintf(got, sizeof(got),
				 "thread %d traced by %ld after the failed attach", (int)tids[i],
				 tr);
		if (s2 != 'R' && s2 != 'S')
			r = 1;
		if (tr != (tids[i] == victim ? helper : 0))
			r = 1;
	}
	close(hold[1]); /* the helper exits; its seize ends with it */
	CHECK(waitpid(helper, &st, 0) == helper && WIFEXITED(st) && !WEXITSTATUS(st), "helper");
	close(ok[0]);
	CHECK(r != 1, "%s", got);
	if (worker && !(r == CDBG_ETRACED && strstr(got, msg)))
		snprintf(deferred, sizeof(deferred),
			 "worker %d traced by %d: attach gave %d (%s): "
			 "'%s'; want CDBG_ETRACED naming the tracer ('%s')",
			 (int)victim, (int)helper, r, cdbg_errname(r), got, msg);
	untouched(t->pid, 0);
}

static void other_user(struct tracee *t)
{
	int fds[2], st;
	char msg[512], want[512];
	ssize_t n;
	pid_t child;

	CHECK(pipe(fds) == 0, "pipe");
	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		close(fds[0]);
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
			dprintf(fds[1], "setuid failed: %s", strerror(errno));
			_exit(1);
		}
		cdbg_proc *q = cdbg_new();
		int r = cdbg_attach(q, t->pid);
		dprintf(fds[1], "%d %s", r, cdbg_errmsg(q));
		if (r == 0)
			r = cdbg_detach(q);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], msg, sizeof(msg) - 1);
	close(fds[0]);
	CHECK(waitpid(child, &st, 0) == child && WIFEXITED(st) && !WEXITSTATUS(st),
	      "the uid 65534 child failed: %.*s", (int)(n > 0 ? n : 0), msg);
	CHECK(n > 0, "no report from the uid 65534 child");
	msg[n] = '\0';
	snprintf(want, sizeof(want),
		 "%d cannot attach to %d: permission denied: it belongs to user 0 "
		 "and cdbg runs as user 65534; run cdbg as that user or as root",
		 -EPERM, (int)t->pid);
	CHECK(!strcmp(msg, want), "as uid 65534:\n  '%s', want\n  '%s'", msg, want);
	untouched(t->pid, 0);
}

static void zombie(cdbg_proc *p)
{
	char msg[256];
	int st;
	pid_t z = fork();

	CHECK(z >= 0, "fork");
	if (z == 0)
		_exit(42);
	long deadline = u_now_ms() + 5000;
	while (h_proc_state(z) != 'Z') {
		CHECK(u_now_ms() < deadline, "child %d never became a zombie", (int)z);
		h_msleep(2);
	}
	snprintf(msg, sizeof(msg),
		 "cannot attach to %d: it is a zombie: it has exited and waits "
		 "for its parent to reap it",
		 (int)z);
	expect_err(p, z, -ESRCH, msg);
	/* Its exit status still comes to us, its parent. */
	CHECK(waitpid(z, &st, 0) == z, "waitpid zombie: %s", strerror(errno));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "zombie status %#x", st);
}

int main(void)
{
	struct tracee t;
	char line[256], msg[512];
	cdbg_proc *p = u_new(), *p2 = u_new();
	pthread_t th;
	int idle[2];
	pid_t idle_tid = 0;

	u_watchdog(45);
	h_start(&t, "spin", "2", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);

	expect_err(p, 0x7ffffff0, -ESRCH,
		   "cannot attach to 2147483632: no such process; check the pid with ps");
	expect_err(p, 0, -ESRCH, NULL);
	expect_err(p, -1, -ESRCH, NULL);

	char comm2[32] = "";
	read_comm(2, comm2, sizeof(comm2));
	if (!strcmp(comm2, "kthreadd"))
		expect_err(p, 2, CDBG_EKTHREAD,
			   "cannot attach to 2: it is a kernel thread, which "
			   "runs no user code to debug");
	else
		h_note("pid 2 is '%s', not kthreadd: kernel-thread case not checked", comm2);

	snprintf(msg, sizeof(msg),
		 "cannot attach to %d: it is cdbg's own process; a debugger "
		 "cannot trace itself",
		 (int)getpid());
	expect_err(p, getpid(), CDBG_ESELF, msg);
	/* One of our own threads, named by its tid. */
	CHECK(pipe(idle) == 0, "pipe");
	CHECK(pthread_create(&th, NULL, idle_thread, &idle[0]) == 0, "pthread_create");
	long deadline = u_now_ms() + 5000;
	while (!idle_tid) {
		pid_t tids[16];
		int n = u_tasks(getpid(), tids, 16);
		for (int i = 0; i < n; i++) {
			char st = u_task_state(getpid(), tids[i]);
			if (tids[i] != getpid() && st == 'S') {
				char path[96], c[32] = "";
				snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan",
					 (int)getpid(), (int)tids[i]);
				FILE *f = fopen(path, "re");
				if (f) {
					if (fgets(c, sizeof(c), f) && strstr(c, "pipe"))
						idle_tid = tids[i];
					fclose(f);
				}
			}
		}
		CHECK(u_now_ms() < deadline, "cannot find the idle thread's tid");
		if (!idle_tid)
			h_msleep(2);
	}
	expect_err(p, idle_tid, CDBG_ESELF, NULL);
	close(idle[1]);
	pthread_join(th, NULL);
	close(idle[0]);
	untouched(t.pid, 0);

	traced_by_other(p, &t, false);
	traced_by_other(p, &t, true);
	other_user(&t);
	zombie(p);
	untouched(t.pid, 0);

	/* Twice with one handle; a second handle in the same thread. */
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	snprintf(msg, sizeof(msg),
		 "cannot attach: this handle already debugs process %d; detach "
		 "first",
		 (int)t.pid);
	CHECK_EQ(cdbg_attach(p, t.pid), CDBG_EBADSTATE);
	CHECK(!strcmp(cdbg_errmsg(p), msg), "message '%s', want '%s'", cdbg_errmsg(p), msg);
	CHECK_EQ(cdbg_pid(p), t.pid); /* still held */
	snprintf(msg, sizeof(msg),
		 "cannot attach: this thread already debugs process %d through "
		 "another handle; use one thread per process",
		 (int)t.pid);
	expect_err(p2, t.pid, CDBG_EBUSY, msg);
	CHECK_EQ(h_count_states(t.pid, "t", NULL), 3);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	/* Now the second handle may. */
	CHECK(cdbg_attach(p2, t.pid) == 0, "second handle: %s", cdbg_errmsg(p2));
	CHECK(cdbg_detach(p2) == 0, "detach: %s", cdbg_errmsg(p2));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	untouched(t.pid, 0);

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done total=", NULL, 0, 1);
	cdbg_free(p);
	cdbg_free(p2);
	CHECK(!deferred[0], "%s", deferred);
	return h_pass();
}
