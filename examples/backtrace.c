/*
 * backtrace.c - a small program that uses libcdbg: take hold of a process (attach to a running
 * one, or start one), stop it where a function is entered, print the call stack of the thread
 * that got there, and let the process go.
 *
 *   backtrace FUNCTION -p PID                   attach to process PID
 *   backtrace FUNCTION PROGRAM [ARG...]         start PROGRAM under the debugger
 *
 * Build against an installed libcdbg:  cc backtrace.c $(pkg-config --cflags --libs cdbg)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cdbg.h>

static int fail(cdbg_proc *p, const char *what)
{
	fprintf(stderr, "backtrace: %s: %s\n", what, cdbg_errmsg(p));
	cdbg_free(p); /* detaches (or kills what we started) if a process is still held */
	return 1;
}

static int take_hold(cdbg_proc *p, int argc, char **argv)
{
	if (!strcmp(argv[2], "-p") && argc == 4)
		return cdbg_attach(p, (pid_t)atoi(argv[3]));
	return cdbg_launch(p, argv[2], argv + 2, NULL);
}

/* Wait for the breakpoint; other stops (a signal for the program) are passed on. */
static int wait_for_hit(cdbg_proc *p, int bp, struct cdbg_event *ev)
{
	for (;;) {
		if (cdbg_wait(p, ev, -1) < 0)
			return -1;
		if (ev->kind == CDBG_EV_BREAKPOINT && ev->bp_id == bp)
			return 0;
		if (ev->kind == CDBG_EV_EXITED || ev->kind == CDBG_EV_KILLED)
			return 1;
		if (ev->stopped && cdbg_cont(p) < 0)
			return -1;
	}
}

static void print_backtrace(cdbg_proc *p, pid_t tid)
{
	struct cdbg_frame f[32];
	int n = cdbg_backtrace(p, tid, f, 32);

	if (n < 0) {
		fprintf(stderr, "backtrace: cannot unwind thread %d: %s\n", (int)tid,
			cdbg_errmsg(p));
		return;
	}
	printf("thread %d stopped in %s:\n", (int)tid, n > 0 ? f[0].func : "?");
	for (int i = 0; i < n; i++) {
		printf("#%-2d 0x%016llx in %s", i, (unsigned long long)f[i].pc,
		       f[i].func[0] ? f[i].func : "??");
		if (f[i].file[0])
			printf(" at %s:%d", f[i].file, f[i].line);
		else if (f[i].module[0])
			printf(" from %s", f[i].module);
		printf("\n");
	}
}

int main(int argc, char **argv)
{
	cdbg_proc *p;
	struct cdbg_event ev;
	uint64_t addr;
	int bp, rc;

	if (argc < 3) {
		fprintf(stderr, "usage: backtrace FUNCTION -p PID\n"
				"       backtrace FUNCTION PROGRAM [ARG...]\n");
		return 2;
	}
	p = cdbg_new();
	if (!p)
		return 1;
	if (take_hold(p, argc, argv) < 0)
		return fail(p, "cannot take hold of the process");
	if (cdbg_func_break_addr(p, argv[1], &addr) < 0)
		return fail(p, "cannot find the function");
	bp = cdbg_bp_insert(p, addr, 0);
	if (bp < 0)
		return fail(p, "cannot set the breakpoint");
	printf("breakpoint %d at 0x%llx: %s, process %d\n", bp, (unsigned long long)addr, argv[1],
	       (int)cdbg_pid(p));
	if (cdbg_cont(p) < 0)
		return fail(p, "cannot resume the process");
	rc = wait_for_hit(p, bp, &ev);
	if (rc < 0)
		return fail(p, "lost the process");
	if (rc > 0) {
		printf("the process ended before reaching %s\n", argv[1]);
		cdbg_free(p);
		return 1;
	}
	print_backtrace(p, ev.tid);
	/* Detach removes the breakpoint and lets every thread go on where it was. */
	if (cdbg_detach(p) < 0)
		return fail(p, "cannot detach");
	printf("detached\n");
	cdbg_free(p);
	return 0;
}
