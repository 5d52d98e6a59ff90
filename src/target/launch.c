/*
 * launch.c - cdbg_launch: finding the program, forking a child that waits until it is seized,
 * and waiting for its exec.
 *
 * Owns: the child between fork and exec. Must not: leave a child behind on failure (it is killed
 * and reaped).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target/loop.h"

/* ---- launch ----------------------------------------------------------------------------------- */

/* Find path in PATH when it has no '/', and check it can be executed. */
static int resolve_program(cdbg_proc *p, const char *path, char *out, size_t len)
{
	struct stat st;

	if (!path || !*path)
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run the program: no program was given");
	if (!strchr(path, '/')) {
		const char *env = getenv("PATH");
		char dirs[4096];
		snprintf(dirs, sizeof(dirs), "%s", env ? env : "/usr/local/bin:/usr/bin:/bin");
		for (char *save, *d = strtok_r(dirs, ":", &save); d;
		     d = strtok_r(NULL, ":", &save)) {
			snprintf(out, len, "%s/%s", *d ? d : ".", path);
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
				return 0;
		}
		return cdbg__fail(p, CDBG_ENOEXEC,
				  "cannot run %s: no such program in PATH; give its path", path);
	}
	snprintf(out, len, "%s", path);
	if (stat(out, &st) < 0)
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: %s", path, cdbg__errstr(errno));
	if (S_ISDIR(st.st_mode))
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: it is a directory", path);
	if (!S_ISREG(st.st_mode) || access(out, X_OK) < 0)
		return cdbg__fail(p, CDBG_ENOEXEC,
				  "cannot run %s: permission denied: the file is not executable; "
				  "chmod +x it",
				  path);
	return 0;
}

/* In the child: become the program. Waits on `go` until the parent seized us; reports a
 * failure as errno through `err` (close-on-exec: EOF there means exec happened). */
static void __attribute__((noreturn))
launch_child(const char *path, char *const argv[], const struct cdbg_launch_opts *o, int go,
	     int err)
{
	extern char **environ;
	struct sigaction dfl;
	sigset_t none;
	char c;
	int e;

	/* The debugger may ignore or block signals; the program must start with defaults. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		sigaction(s, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (o && o->own_pgrp)
		setpgid(0, 0); /* the parent does it too: whichever comes first */
	if (o && o->stdin_fd >= 0)
		dup2(o->stdin_fd, 0);
	if (o && o->stdout_fd >= 0)
		dup2(o->stdout_fd, 1);
	if (o && o->stderr_fd >= 0)
		dup2(o->stderr_fd, 2);
	if (read(go, &c, 1) != 1)
		_exit(127); /* the debugger went away */
	if (o && o->no_aslr) {
		int pers = personality(0xffffffff);
		/* a refusal (seccomp, a container) leaves randomization on, as gdb warns */
		if (pers != -1)
			personality((unsigned long)pers | ADDR_NO_RANDOMIZE);
	}
	if (o && o->cwd && chdir(o->cwd) < 0) {
		e = -errno;
		goto fail;
	}
	execve(path, argv, o && o->envp ? (char *const *)o->envp : environ);
	e = errno;
fail:
	if (write(err, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

/* Wait for the launched child to reach its exec stop. Returns 0, or a failure after reaping
 * the child (which then exited before exec). */
static int launch_wait_exec(cdbg_proc *p, pid_t pid, int errfd, const char *path,
			    const struct cdbg_launch_opts *o)
{
	struct raw_event ev;
	int status, e = 0;

	for (;;) {
		if (waitpid(pid, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: lost the child: %s",
					  path, cdbg__errstr(errno));
		}
		loop_next_event(p, pid, status, &ev);
		if (ev.kind == RAW_EXEC)
			return 0;
		if (ev.kind == RAW_EXITED || ev.kind == RAW_KILLED)
			break;
		loop_pt(p, PTRACE_CONT, pid, NULL,
			(void *)(long)(ev.kind == RAW_SIGNAL ? ev.sig : 0));
	}
	if (read(errfd, &e, sizeof(e)) != sizeof(e))
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: it exited before starting",
				  path);
	if (e < 0)
		return cdbg__fail(p, CDBG_ENOEXEC,
				  "cannot run %s: cannot change to directory %s: %s", path,
				  o && o->cwd ? o->cwd : "?", cdbg__errstr(-e));
	char interp[512];
	if (e == ENOENT && procfs_exec_missing_interp(path, interp, sizeof(interp)))
		return cdbg__fail(p, CDBG_ENOEXEC,
				  "cannot run %s: its interpreter %s does not exist "
				  "(install it, or rebuild the program for this system)",
				  path, interp);
	return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: %s", path, cdbg__errstr(e));
}

int cdbg_launch(cdbg_proc *p, const char *path, char *const argv[],
		const struct cdbg_launch_opts *opts)
{
	char prog[PATH_MAX];
	int go[2], err[2], r;
	struct thread *t;
	pid_t pid;

	cdbg__clear_error(p);
	if ((r = loop_take_ownership(p, "launch a program")) < 0)
		return r;
	if ((r = resolve_program(p, path, prog, sizeof(prog))) < 0)
		return r;
	if (pipe2(go, O_CLOEXEC) < 0)
		return cdbg__fail(p, -errno, "cannot run %s: %s", path, cdbg__errstr(errno));
	if (pipe2(err, O_CLOEXEC) < 0) {
		r = -errno;
		goto close_go;
	}
	pid = fork();
	if (pid < 0) {
		r = cdbg__fail(p, -errno, "cannot run %s: fork failed: %s", path,
			       cdbg__errstr(errno));
		goto close_err;
	}
	if (pid == 0)
		launch_child(prog, argv, opts, go[0], err[1]);
	close(go[0]);
	close(err[1]);
	if (opts && opts->own_pgrp && setpgid(pid, pid) < 0 && errno != EACCES)
		logw(p, "cannot put %d in a process group of its own: %s", (int)pid,
		     cdbg__errstr(errno));
	p->pid = pid;
	p->launched = true;
	r = (int)loop_pt(p, PTRACE_SEIZE, pid, NULL,
			 (void *)(long)(TRACE_OPTS | PTRACE_O_EXITKILL));
	if (r < 0) {
		cdbg__fail(p, r, "cannot run %s: cannot trace the child: %s", path,
			   cdbg__errstr(r));
		goto kill_child;
	}
	if (write(go[1], "g", 1) != 1) {
		r = cdbg__fail(p, -errno, "cannot run %s: %s", path, cdbg__errstr(errno));
		goto kill_child;
	}
	close(go[1]);
	go[1] = -1;
	r = launch_wait_exec(p, pid, err[0], path, opts);
	close(err[0]);
	err[0] = -1;
	if (r < 0) {
		loop_handle_reset(p); /* the child was reaped: it exited before its exec */
		return r;
	}
	t = thread_add(p, pid, TS_STOPPED);
	if (!t) {
		r = cdbg__fail(p, -ENOMEM, "cannot run %s: out of memory", path);
		goto kill_child;
	}
	t->stop = SK_EVENT;
	p->all_stopped = true;
	loop_owned_live = p;
	logd(p, "launched %s as %d", prog, (int)pid);
	cdbg__hooks_run(p, CDBG__HOOK_PROCESS_NEW);
	return pid;

kill_child:
	kill(pid, SIGKILL);
	waitpid(pid, NULL, __WALL);
	if (go[1] >= 0)
		close(go[1]);
	if (err[0] >= 0)
		close(err[0]);
	loop_handle_reset(p);
	return r;
close_err:
	close(err[0]);
	close(err[1]);
close_go:
	close(go[0]);
	close(go[1]);
	return r;
}
