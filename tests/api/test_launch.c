/*
 * test_launch: cdbg_launch. Proves: hello starts with the given argv, environment, working
 * directory and stdout; it is held in tracing stop at the entry point of the dynamic loader
 * (AT_BASE + the loader's e_entry, before its first instruction); cont runs it to EXITED with
 * its exit code; the output lines are exact. A program name without '/' is searched in PATH.
 * Failures (missing file, not executable, a directory, not a valid program, a bad working
 * directory) give CDBG_ENOEXEC with the exact sentence and leave no child behind. A launched
 * process dies with its debugger (SIGKILL of the debugger process kills it) and with
 * cdbg_free.
 */
#include <elf.h>
#include <errno.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

/* No child of ours is left, not even a zombie. */
static void check_no_child(const char *when)
{
	int st;
	pid_t r = waitpid(-1, &st, WNOHANG | __WALL);

	CHECK(r < 0 && errno == ECHILD, "%s: a child is left (waitpid gives %d, status %#x)", when,
	      (int)r, r > 0 ? st : 0);
}

static void expect_fail(cdbg_proc *p, const char *path, const struct cdbg_launch_opts *o,
			const char *msg)
{
	char *argv[] = { (char *)path, NULL };
	int r = cdbg_launch(p, path, argv, o);

	CHECK(r == CDBG_ENOEXEC, "launch %s gave %d (%s): %s", path, r, cdbg_errname(r),
	      cdbg_errmsg(p));
	CHECK_EQ(cdbg_errcode(p), CDBG_ENOEXEC);
	CHECK(strcmp(cdbg_errmsg(p), msg) == 0, "launch %s: message\n  '%s', want\n  '%s'", path,
	      cdbg_errmsg(p), msg);
	CHECK_EQ(cdbg_pid(p), 0);
	check_no_child(path);
}

/* Read everything from fd until EOF. */
static void slurp(int fd, char *buf, size_t len)
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

static uint64_t auxv_get(pid_t pid, unsigned long type)
{
	char path[64];
	Elf64_auxv_t a;
	FILE *f;
	uint64_t v = 0;

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fread(&a, sizeof(a), 1, f) == 1 && a.a_type != AT_NULL)
		if (a.a_type == type)
			v = a.a_un.a_val;
	fclose(f);
	return v;
}

/* Is addr inside an executable mapping of the dynamic loader? */
static bool in_loader_text(pid_t pid, uint64_t addr)
{
	char path[64], line[4352];
	bool in = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
			continue;
		if (addr >= lo && addr < hi && perms[2] == 'x' && strstr(line, "/ld-"))
			in = true;
	}
	fclose(f);
	return in;
}

static void launch_hello(cdbg_proc *p)
{
	const char *hello = h_tracee_path("hello");
	char *argv[] = { (char *)"hello-argv0", (char *)"7", (char *)"a b", NULL };
	const char *envp[] = { "CDBG_TEST_VAR=xyz", "CDBG_TRACEE_DEADLINE=60", NULL };
	struct cdbg_launch_opts o = {
		.envp = envp, .cwd = "/tmp", .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1
	};
	struct cdbg_event ev;
	char out[4096], want[8192];
	int fds[2], pid;
	uint64_t pc, base, rsp;
	Elf64_Ehdr eh;

	if (access(hello, X_OK) < 0)
		h_skip("tracee %s is not built", hello);
	CHECK(pipe2(fds, O_CLOEXEC) == 0, "pipe");
	o.stdout_fd = fds[1];
	pid = cdbg_launch(p, hello, argv, &o);
	CHECK(pid > 0, "launch: %s", cdbg_errmsg(p));
	close(fds[1]);
	CHECK_EQ(cdbg_pid(p), pid);
	CHECK_EQ(cdbg_is_launched(p), 1);
	CHECK(h_proc_state(pid) == 't', "launched process is '%c'", h_proc_state(pid));
	CHECK_EQ(cdbg_threads(p, NULL, 0), 1);

	/* Held before the loader's first instruction. */
	CHECK(cdbg_pc_get(p, pid, &pc) == 0, "pc: %s", cdbg_errmsg(p));
	CHECK(in_loader_text(pid, pc), "pc %#llx is not in the dynamic loader's text",
	      (unsigned long long)pc);
	base = auxv_get(pid, AT_BASE);
	CHECK(base, "no AT_BASE");
	CHECK(cdbg_mem_read(p, base, &eh, sizeof(eh)) == sizeof(eh), "read loader header: %s",
	      cdbg_errmsg(p));
	CHECK(!memcmp(eh.e_ident, ELFMAG, SELFMAG), "no ELF header at AT_BASE");
	CHECK(pc == base + eh.e_entry, "pc %#llx, the loader's entry is %#llx",
	      (unsigned long long)pc, (unsigned long long)(base + eh.e_entry));
	/* At the entry the stack pointer points at argc. */
	uint64_t argc = 0;
	CHECK(cdbg_reg_get(p, pid, "rsp", &rsp) == 0, "rsp: %s", cdbg_errmsg(p));
	CHECK(cdbg_mem_read(p, rsp, &argc, 8) == 8, "read argc: %s", cdbg_errmsg(p));
	CHECK_EQ(argc, 3);

	/* Nothing printed yet: it has not run. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	CHECK_EQ(ev.code, 7);
	CHECK_EQ(ev.tid, pid);
	CHECK_EQ(cdbg_pid(p), 0);
	slurp(fds[0], out, sizeof(out));
	close(fds[0]);
	snprintf(want, sizeof(want),
		 "argc=3\nargv[0]=hello-argv0\nargv[1]=7\nargv[2]=a b\ncwd=/tmp\n"
		 "env CDBG_TEST_VAR=xyz\n");
	CHECK(strcmp(out, want) == 0, "output:\n%s\nwant:\n%s", out, want);
	check_no_child("after hello exited");
}

static void launch_from_path(cdbg_proc *p)
{
	char *argv[] = { (char *)"true", NULL };
	struct cdbg_event ev;
	int pid = cdbg_launch(p, "true", argv, NULL);

	CHECK(pid > 0, "launch true: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_EXITED && ev.code == 0, "got %s", u_ev(&ev));
	check_no_child("after true exited");
}

static void errors(cdbg_proc *p)
{
	char path[128], msg[512];
	struct cdbg_launch_opts o = {
		.cwd = "/nonexistent/dir", .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1
	};
	int fd;

	expect_fail(p, "/nonexistent/prog", NULL,
		    "cannot run /nonexistent/prog: no such file or directory");
	expect_fail(p, "/tmp", NULL, "cannot run /tmp: it is a directory");

	snprintf(path, sizeof(path), "/tmp/cdbg_test_launch_noexec.%d", (int)getpid());
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	CHECK(fd >= 0, "create %s", path);
	CHECK(write(fd, "#!/bin/sh\nexit 0\n", 17) == 17, "write");
	close(fd);
	snprintf(msg, sizeof(msg),
		 "cannot run %s: permission denied: the file is not executable; "
		 "chmod +x it",
		 path);
	expect_fail(p, path, NULL, msg);

	/* Executable, but no valid program: execve fails in the child (ENOEXEC). */
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);
	CHECK(fd >= 0, "create %s", path);
	CHECK(write(fd, "\1\2\3\4garbage", 11) == 11, "write");
	close(fd);
	CHECK(chmod(path, 0755) == 0, "chmod");
	snprintf(msg, sizeof(msg), "cannot run %s: exec format error", path);
	expect_fail(p, path, NULL, msg);
	unlink(path);

	snprintf(msg, sizeof(msg),
		 "cannot run %s: cannot change to directory /nonexistent/dir: no "
		 "such file or directory",
		 h_tracee_path("hello"));
	snprintf(path, sizeof(path), "%s", h_tracee_path("hello"));
	expect_fail(p, path, &o, msg);

	expect_fail(
		p, "cdbg-no-such-program-anywhere", NULL,
		"cannot run cdbg-no-such-program-anywhere: no such program in PATH; give its path");
}

/* A launched multi-threaded program that ends with exit() while its threads live (exit_group:
 * the leader may reach its exit before the others) is reaped completely by libcdbg: after
 * EXITED no child of ours is left, not even a zombie. */
static void exit_group_reaped(cdbg_proc *p)
{
	char *argv[] = { (char *)"sleepers", (char *)"8", NULL };
	struct cdbg_launch_opts o = { .stderr_fd = -1 };
	struct cdbg_event ev;
	char out[256];
	int in[2], outp[2], pid;

	for (int round = 0; round < 5; round++) {
		CHECK(pipe2(in, O_CLOEXEC) == 0 && pipe2(outp, O_CLOEXEC) == 0, "pipe");
		o.stdin_fd = in[0];
		o.stdout_fd = outp[1];
		pid = cdbg_launch(p, h_tracee_path("sleepers"), argv, &o);
		CHECK(pid > 0, "launch sleepers: %s", cdbg_errmsg(p));
		close(in[0]);
		close(outp[1]);
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		/* Pump events until its threads are all up (9 tasks, none in a stop). */
		long deadline = u_now_ms() + 10000;
		for (;;) {
			int total, r = cdbg_wait(p, &ev, 10);
			CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
			CHECK(r == 0 || ev.kind == CDBG_EV_THREAD_NEW, "unexpected %s", u_ev(&ev));
			if (h_count_states(pid, "S", &total) == 9 && total == 9)
				break;
			CHECK(u_now_ms() < deadline, "sleepers never got ready");
		}
		CHECK(write(in[1], "quit\n", 5) == 5, "write");
		for (;;) {
			u_wait(p, &ev, 10000);
			if (ev.kind == CDBG_EV_EXITED)
				break;
			CHECK(ev.kind == CDBG_EV_THREAD_EXIT, "unexpected %s", u_ev(&ev));
		}
		CHECK_EQ(ev.code, 0);
		slurp(outp[0], out, sizeof(out));
		close(outp[0]);
		close(in[1]);
		CHECK(strstr(out, "done\n"), "output: %s", out);
		int st;
		pid_t r = waitpid(-1, &st, WNOHANG | __WALL);
		CHECK(r < 0 && errno == ECHILD,
		      "round %d: after EXITED of %d a child is left: waitpid "
		      "gives %d%s",
		      round, pid, (int)r,
		      r == pid ? " (its leader, left to us to reap)" :
		      r == 0   ? " (not yet waitable)" :
				 "");
	}
}

/* The launched process must not outlive the debugger process. */
static void dies_with_debugger(void)
{
	int fds[2], in[2], st;
	pid_t dbg, spin = 0;
	const char *spin_path = h_tracee_path("spin");

	CHECK(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0, "subreaper: %s", strerror(errno));
	CHECK(pipe(fds) == 0 && pipe(in) == 0, "pipe");
	dbg = fork();
	CHECK(dbg >= 0, "fork");
	if (dbg == 0) {
		char *argv[] = { (char *)"spin", (char *)"2", NULL };
		struct cdbg_launch_opts o = { .stdin_fd = in[0], .stdout_fd = -1, .stderr_fd = -1 };
		cdbg_proc *q = cdbg_new();
		int pid;
		close(fds[0]);
		close(in[1]);
		pid = q ? cdbg_launch(q, spin_path, argv, &o) : -1;
		if (pid > 0 && cdbg_cont(q) < 0)
			pid = -2;
		if (write(fds[1], &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
		/* Keep serving events: new threads wait for the debugger to let them go. */
		for (;;) {
			struct cdbg_event ev;
			if (cdbg_wait(q, &ev, 100) > 0 && ev.stopped && cdbg_cont(q) < 0)
				pause();
		}
	}
	close(fds[1]);
	close(in[0]);
	CHECK(read(fds[0], &spin, sizeof(spin)) == sizeof(spin), "no pid from the debugger child");
	close(fds[0]);
	CHECK(spin > 0, "the debugger child could not launch spin (%d)", (int)spin);
	/* Running under the debugger child. */
	long deadline = u_now_ms() + 5000;
	while (h_count_states(spin, "R", NULL) == 0) {
		CHECK(u_now_ms() < deadline, "spin never ran ('%c')", h_proc_state(spin));
		h_msleep(5);
	}
	CHECK(u_task_status(spin, spin, "TracerPid") == dbg, "spin traced by %ld, not %d",
	      u_task_status(spin, spin, "TracerPid"), (int)dbg);
	kill(dbg, SIGKILL);
	CHECK(waitpid(dbg, &st, 0) == dbg, "waitpid debugger");
	/* We are the subreaper: the orphaned spin comes to us. It must have been killed. */
	CHECK(waitpid(spin, &st, 0) == spin, "waitpid spin: %s", strerror(errno));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "spin ended with status %#x, not SIGKILL",
	      st);
	close(in[1]);
	check_no_child("after the debugger died");
}

/* cdbg_free of a handle holding a launched process kills it. */
static void dies_with_free(void)
{
	char *argv[] = { (char *)"spin", (char *)"1", NULL };
	int in[2];
	struct cdbg_launch_opts o = { .stdout_fd = -1, .stderr_fd = -1 };
	cdbg_proc *q = cdbg_new();
	int pid;

	CHECK(pipe2(in, O_CLOEXEC) == 0, "pipe");
	o.stdin_fd = in[0];
	pid = cdbg_launch(q, h_tracee_path("spin"), argv, &o);
	CHECK(pid > 0, "launch spin: %s", cdbg_errmsg(q));
	close(in[0]);
	CHECK(cdbg_cont(q) == 0, "cont: %s", cdbg_errmsg(q));
	h_msleep(100);
	cdbg_free(q);
	CHECK(h_proc_state(pid) == '?', "spin %d still exists after cdbg_free ('%c')", pid,
	      h_proc_state(pid));
	close(in[1]);
	check_no_child("after cdbg_free");
}

int main(void)
{
	cdbg_proc *p = u_new();

	u_watchdog(45);
	check_no_child("at start");
	launch_hello(p);
	errors(p);
	launch_from_path(p);
	launch_hello(p); /* the handle is still good after failures */
	dies_with_free();
	dies_with_debugger();
	exit_group_reaped(p);
	cdbg_free(p);
	return h_pass();
}
