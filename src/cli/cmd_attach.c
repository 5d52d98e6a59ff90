/*
 * cmd_attach.c - the tracing commands without a prompt: `cdbg attach -p PID [--for SECONDS]`
 * (stop every thread, list them, hold them, then let go) and `cdbg exec PROG [ARGS...]` (run a
 * program under trace, printing its events as they happen).
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char *state_name(const struct cdbg_thread_info *ti)
{
	switch (ti->state) {
	case CDBG_THREAD_STOPPED:
		return "stopped";
	case CDBG_THREAD_RUNNING:
		return "running";
	case CDBG_THREAD_EXITING:
		return "exiting";
	case CDBG_THREAD_ZOMBIE:
		return "zombie";
	}
	return "?";
}

/* The first LIST_MAX threads one per line, then a count: a listing of 10,000 lines helps
 * nobody and costs two /proc reads per thread. */
#define LIST_MAX 100

static void print_threads(cdbg_proc *p)
{
	int n = cdbg_threads(p, NULL, 0);
	pid_t *tids;

	if (n < 0 || !(tids = calloc((size_t)n + 1, sizeof(*tids))))
		return;
	n = cdbg_threads(p, tids, (size_t)n);
	printf("  %-8s %-16s %s\n", "TID", "NAME", "STATE");
	for (int i = 0; i < n && i < LIST_MAX; i++) {
		struct cdbg_thread_info ti;
		if (cdbg_thread_info(p, tids[i], &ti) < 0)
			continue;
		printf("  %-8d %-16s %s (%c)\n", (int)ti.tid, ti.name, state_name(&ti),
		       ti.proc_state);
	}
	if (n > LIST_MAX)
		printf("  ... and %d more threads (tids %d to %d), all held\n", n - LIST_MAX,
		       (int)tids[LIST_MAX], (int)tids[n - 1]);
	free(tids);
}

/* Wait for Enter on stdin, `seconds` to pass (< 0: no limit), or a signal to cdbg. */
static void hold(double seconds)
{
	struct timespec t0, now;
	struct pollfd pfd = { 0, POLLIN, 0 };
	bool use_stdin = seconds < 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!cli_got_signal) {
		int ms = -1;
		if (seconds >= 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			double left = seconds - (now.tv_sec - t0.tv_sec) -
				      (now.tv_nsec - t0.tv_nsec) / 1e9;
			if (left <= 0)
				return;
			ms = (int)(left * 1000) + 1;
		}
		if (poll(&pfd, use_stdin ? 1 : 0, ms) > 0) {
			char buf[256];
			ssize_t n = read(0, buf, sizeof(buf));
			if (n <= 0 || memchr(buf, '\n', (size_t)n))
				return; /* Enter, or end of input */
		}
	}
}

static int usage_attach(void)
{
	fprintf(stderr, "usage: cdbg attach -p PID [--for SECONDS]\n");
	return 2;
}

int cli_cmd_attach(int argc, char **argv)
{
	double seconds = -1;
	pid_t pid = 0;
	char *end;
	cdbg_proc *p;
	int r;

	for (int i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "-p") || !strcmp(argv[i], "--pid")) && i + 1 < argc) {
			long v = strtol(argv[++i], &end, 10);
			if (*end || v <= 0 || v > 0x7fffffff) {
				fprintf(stderr,
					"cdbg: invalid process id '%s': give a positive number\n",
					argv[i]);
				return 2;
			}
			pid = (pid_t)v;
		} else if (!strcmp(argv[i], "--for") && i + 1 < argc) {
			seconds = strtod(argv[++i], &end);
			if (*end || seconds < 0) {
				fprintf(stderr,
					"cdbg: invalid duration '%s': give seconds, e.g. --for 2.5\n",
					argv[i]);
				return 2;
			}
		} else {
			return usage_attach();
		}
	}
	if (!pid)
		return usage_attach();
	if (!(p = cdbg_new())) {
		fprintf(stderr, "cdbg: out of memory\n");
		return 1;
	}
	cli_catch_signals();
	r = cdbg_attach(p, pid);
	if (r < 0) {
		fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
		cdbg_free(p);
		return 1;
	}
	printf("attached to process %d: %d threads stopped\n", (int)pid, cdbg_threads(p, NULL, 0));
	print_threads(p);
	if (seconds < 0)
		printf("press Enter to detach\n");
	fflush(stdout);
	hold(seconds);
	r = cdbg_detach(p);
	if (r < 0)
		fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
	else
		printf("detached from process %d\n", (int)pid);
	cdbg_free(p);
	return r < 0 ? 1 : 0;
}

int cli_cmd_exec(int argc, char **argv)
{
	struct cdbg_event ev;
	cdbg_proc *p;
	int r, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: cdbg exec PROG [ARGS...]\n");
		return 2;
	}
	if (!(p = cdbg_new())) {
		fprintf(stderr, "cdbg: out of memory\n");
		return 1;
	}
	/* Report every signal, and hand it on: the program behaves as it would untraced. */
	for (int s = 1; s <= 64; s++)
		if (s != SIGKILL && s != SIGSTOP &&
		    cdbg_set_signal_policy(p, s, CDBG_SIG_STOP | CDBG_SIG_PASS) < 0)
			break;
	cdbg_set_stop_events(p, 0);
	r = cdbg_launch(p, argv[1], argv + 1, NULL);
	if (r < 0) {
		fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
		cdbg_free(p);
		return 127;
	}
	printf("[Inferior 1 (process %d) started: %s]\n", r, argv[1]);
	fflush(stdout);
	cli_catch_signals();
	if (cdbg_cont(p) < 0)
		goto fail;
	for (;;) {
		r = cdbg_wait(p, &ev, 200);
		if (r < 0)
			goto fail;
		if (r > 0) {
			int gone = cli_print_event(p, &ev, argv[1]);
			fflush(stdout);
			if (gone) {
				status = ev.kind == CDBG_EV_EXITED ? ev.code : 128 + ev.signo;
				break;
			}
		}
		/* After every event, not only on a timeout: a program whose signals or threads
		 * keep events coming would never let a wait time out. */
		if (cli_got_signal) {
			printf("cdbg: %s received, killing process %d\n",
			       cli_signame(cli_got_signal), (int)cdbg_pid(p));
			status = 128 + cli_got_signal;
			break;
		}
		if (r > 0 && ev.stopped && cdbg_cont(p) < 0)
			goto fail;
	}
	cdbg_free(p);
	return status;
fail:
	fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
	cdbg_free(p);
	return 1;
}
