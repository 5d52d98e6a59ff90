/*
 * test_events: exec and thread events of launched programs. Proves: a program that execs
 * (sh -c 'exec hello 5') reports CDBG_EV_EXEC as a stopping event for the pid, with one thread
 * and /proc/PID/exe now the new program, and then runs to EXITED 5 with the new program's
 * output; spin 3 reports one THREAD_NEW notice per worker, created by the main thread, listed
 * by cdbg_threads in creation order; on quit one THREAD_EXIT notice (code 0) per worker and
 * EXITED 0, with the program's own done line.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/wait.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static void read_all(int fd, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n < len - 1 && (r = read(fd, buf + n, len - 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		CHECK(r > 0, "read: %s", strerror(errno));
		n += (size_t)r;
	}
	buf[n] = '\0';
}

static void exec_event(cdbg_proc *p)
{
	char cmd[PATH_MAX + 32], exe[PATH_MAX], link[64], out[4096], want[PATH_MAX + 256];
	char *argv[] = { (char *)"sh", (char *)"-c", cmd, NULL };
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	struct cdbg_event ev;
	int fds[2], pid;
	ssize_t n;
	pid_t tids[4];
	const char *hello = h_tracee_path("hello");

	if (access(hello, X_OK) < 0)
		h_skip("tracee %s is not built", hello);
	snprintf(cmd, sizeof(cmd), "exec '%s' 5 after-exec", hello);
	CHECK(pipe2(fds, O_CLOEXEC) == 0, "pipe");
	o.stdout_fd = fds[1];
	pid = cdbg_launch(p, "/bin/sh", argv, &o);
	CHECK(pid > 0, "launch sh: %s", cdbg_errmsg(p));
	close(fds[1]);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_EXEC, "got %s, want exec", u_ev(&ev));
	CHECK_EQ(ev.stopped, 1);
	CHECK_EQ(ev.tid, pid);
	CHECK_EQ(ev.parent, pid);
	CHECK_EQ(cdbg_threads(p, tids, 4), 1);
	CHECK_EQ(tids[0], pid);
	CHECK(h_proc_state(pid) == 't', "after exec the process is '%c'", h_proc_state(pid));
	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	n = readlink(link, exe, sizeof(exe) - 1);
	CHECK(n > 0, "readlink");
	exe[n] = '\0';
	CHECK(strcmp(exe, hello) == 0, "exe is %s, want %s", exe, hello);
	/* Memory is the new program's: a new /proc/PID/mem after exec. */
	uint64_t pc;
	unsigned char b;
	CHECK(cdbg_pc_get(p, pid, &pc) == 0, "pc: %s", cdbg_errmsg(p));
	CHECK(cdbg_mem_read(p, pc, &b, 1) == 1, "read at pc after exec: %s", cdbg_errmsg(p));

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s, want exited", u_ev(&ev));
	CHECK_EQ(ev.code, 5);
	read_all(fds[0], out, sizeof(out));
	close(fds[0]);
	snprintf(want, sizeof(want), "argc=3\nargv[0]=%s\nargv[1]=5\nargv[2]=after-exec\n", hello);
	CHECK(strncmp(out, want, strlen(want)) == 0, "output:\n%s\nwant it to start with:\n%s", out,
	      want);
}

static void thread_events(cdbg_proc *p)
{
	char *argv[] = { (char *)"spin", (char *)"3", NULL };
	struct cdbg_launch_opts o = { .stderr_fd = -1 };
	struct cdbg_event ev;
	struct tracee t; /* only its output buffer and line reading are used */
	int in[2], out[2], pid, nnew = 0, nexit = 0;
	pid_t born[3], tids[8];
	char line[256];

	memset(&t, 0, sizeof(t));
	CHECK(pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0, "pipe");
	o.stdin_fd = in[0];
	o.stdout_fd = out[1];
	pid = cdbg_launch(p, h_tracee_path("spin"), argv, &o);
	CHECK(pid > 0, "launch spin: %s", cdbg_errmsg(p));
	close(in[0]);
	close(out[1]);
	t.in = in[1];
	t.out = out[0];
	t.pid = pid;

	/* Pump events while the program starts: a new thread's first stop is handled inside
	 * cdbg_wait, so the program needs a debugger that waits (as any front-end does). */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	long deadline = u_now_ms() + 10000;
	bool ready = false;
	while (!ready || nnew < 3) {
		int r = cdbg_wait(p, &ev, 20);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		CHECK(u_now_ms() < deadline, "%d thread-new events, ready=%d after 10 s", nnew,
		      ready);
		struct pollfd pfd = { t.out, POLLIN, 0 };
		if (!ready && poll(&pfd, 1, 0) == 1) /* h_try_expect with 0 s never reads */
			ready = h_try_expect(&t, "ready", line, sizeof(line), 1);
		if (r == 0)
			continue;
		CHECK(ev.kind == CDBG_EV_THREAD_NEW, "got %s, want thread-new", u_ev(&ev));
		CHECK(nnew < 3, "a 4th thread-new event: %s", u_ev(&ev));
		CHECK_EQ(ev.stopped, 0);
		CHECK_EQ(ev.parent, pid);
		CHECK(ev.tid != pid && ev.tid > 0, "new thread %d", (int)ev.tid);
		for (int i = 0; i < nnew; i++)
			CHECK(born[i] != ev.tid, "thread %d born twice", (int)ev.tid);
		born[nnew++] = ev.tid;
	}
	CHECK_EQ(h_field(line, "pid"), pid);
	u_stop(p, NULL);
	CHECK_EQ(cdbg_threads(p, tids, 8), 4);
	CHECK_EQ(tids[0], pid);
	for (int i = 0; i < 3; i++)
		CHECK(tids[i + 1] == born[i], "thread %d listed as %d, born as %d", i + 1,
		      (int)tids[i + 1], (int)born[i]);
	CHECK_EQ(h_count_states(pid, "t", NULL), 4);

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	close(in[1]); /* EOF: spin stops its workers, joins them and exits 0 */
	t.in = -1;
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED)
			break;
		CHECK(ev.kind == CDBG_EV_THREAD_EXIT, "got %s, want thread-exit", u_ev(&ev));
		CHECK_EQ(ev.stopped, 0);
		CHECK_EQ(ev.code, 0);
		CHECK_EQ(ev.signo, 0);
		bool known = false;
		for (int i = 0; i < 3; i++)
			if (born[i] == ev.tid) {
				known = true;
				born[i] = 0;
			}
		CHECK(known, "exit of unknown or already exited thread %d", (int)ev.tid);
		nexit++;
	}
	CHECK_EQ(nexit, 3);
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(ev.tid, pid);
	h_expect(&t, "done total=", line, sizeof(line), 5);
	CHECK(h_field(line, "total") > 0, "%s", line);
	if (t.out >= 0)
		close(t.out);
}

int main(void)
{
	cdbg_proc *p = u_new();

	u_watchdog(45);
	exec_event(p);
	thread_events(p);
	cdbg_free(p);
	/* Both programs were reaped: no child of ours is left, not even a zombie. */
	int st;
	pid_t r = waitpid(-1, &st, WNOHANG | __WALL);
	CHECK(r < 0 && errno == ECHILD,
	      "a child is left after EXITED: waitpid gave %d (0: a "
	      "child not yet waitable, such as a zombie leader whose threads are not reaped)",
	      (int)r);
	return h_pass();
}
