/*
 * bp_cdbg: bench/breakpoint's work done through libcdbg, as a program using cdbg.h would do it:
 * continue through every hit of a breakpoint, or single-step a thread. Same tracee and same
 * output as bp_floor, so the runner times and checks both alike.
 *
 * Owns: one handle and the tracee it launches. Must not: use anything but cdbg.h, or do work
 * per hit beyond what a debugger front-end would (count the event, continue).
 *
 * Usage: bp_cdbg hits|cond TRACEE NTHREADS CALLS
 *        bp_cdbg steps TRACEE STEPS SPIN
 *
 * cdbg_launch the tracee with its stdin and stdout on pipes, read its ready line, interrupt it,
 * cdbg_bp_insert at hit (cond: with cdbg_bp_condition "$rdi == -1", always false), cdbg_cont,
 * send "go", then cdbg_wait(-1): on CDBG_EV_BREAKPOINT count and cdbg_cont, until
 * CDBG_EV_EXITED. steps: the breakpoint is at spin_steps; at its hit it is removed and the
 * thread is stepped STEPS times (cdbg_step, then cdbg_wait for CDBG_EV_STEP), its pc read, and
 * the process continued to its exit.
 *
 * Output: the tracee's lines, then "hits=<breakpoint events>" or "steps=<n> pc=<pc>". Exit 0
 * when the tracee exited 0; 1 otherwise, with cdbg_errmsg on stderr. BP_CDBG_LOG=LEVEL in the
 * environment (0 errors .. 4 every ptrace request) sends the library's log to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cdbg.h"

enum mode { M_HITS, M_COND, M_STEPS, M_STOPHITS };

static cdbg_proc *p;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bp_cdbg: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* Check a libcdbg call: r < 0 ends the run with the handle's message. */
static int ck(int r, const char *what)
{
	if (r < 0)
		die("%s: %s (%s)", what, cdbg_errmsg(p), cdbg_errname(r));
	return r;
}

static void log_line(void *data, enum cdbg_log_level level, const char *msg)
{
	fprintf(stderr, "cdbg: %s\n", msg);
}

static void wait_event(struct cdbg_event *ev)
{
	if (ck(cdbg_wait(p, ev, -1), "wait") != 1)
		die("wait: no event");
}

/* Launch the tracee with stdin and stdout on pipes; *in_fd and *out_fd get our ends. */
static void launch(char **argv, int *in_fd, int *out_fd)
{
	struct cdbg_launch_opts o = { .stderr_fd = -1 };
	int in[2], out[2];

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	o.stdin_fd = in[0];
	o.stdout_fd = out[1];
	ck(cdbg_launch(p, argv[0], argv, &o), "launch");
	close(in[0]);
	close(out[1]);
	*in_fd = in[1];
	*out_fd = out[0];
}

static void read_ready(int fd, unsigned long *hit, unsigned long *spin)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char line[256];
	size_t len = 0;
	ssize_t r;
	void *h, *s;

	line[0] = '\0';
	while (!memchr(line, '\n', len) && len < sizeof(line) - 1 && poll(&pfd, 1, 30000) > 0) {
		r = read(fd, line + len, sizeof(line) - 1 - len);
		if (r <= 0)
			break;
		len += r;
		line[len] = '\0';
	}
	if (sscanf(line, "ready pid=%*d hit=%p spin=%p", &h, &s) != 2)
		die("the tracee did not get ready (read \"%.*s\")", (int)strcspn(line, "\n"), line);
	fputs(line, stdout);
	*hit = (unsigned long)h;
	*spin = (unsigned long)s;
}

/* The tracee waits for "go": stop it so the breakpoint can go in. */
static void interrupt(void)
{
	struct cdbg_event ev;

	ck(cdbg_interrupt(p), "interrupt");
	do {
		wait_event(&ev);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			die("the tracee ended before go");
	} while (ev.kind != CDBG_EV_STOPPED);
}

/* At the hit on spin_steps: remove the breakpoint, step n times, continue. */
static void do_steps(int id, pid_t tid, long n)
{
	struct cdbg_event ev;
	uint64_t pc;
	long i;

	ck(cdbg_bp_remove(p, id), "remove");
	for (i = 0; i < n; i++) {
		ck(cdbg_step(p, tid), "step");
		wait_event(&ev);
		if (ev.kind != CDBG_EV_STEP)
			die("step %ld: got a %s event", i + 1, cdbg_event_name(ev.kind));
	}
	ck(cdbg_pc_get(p, tid, &pc), "pc");
	printf("steps=%ld pc=%#llx\n", n, (unsigned long long)pc);
}

/* Serve events until the process is gone; returns the exit code, or -signal when killed. */
static int run(enum mode mode, int id, long steps)
{
	struct cdbg_event ev;
	long hits = 0;

	for (;;) {
		wait_event(&ev);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id) {
			if (mode == M_STEPS)
				do_steps(id, ev.tid, steps);
			else
				hits++;
		} else if (ev.stopped) {
			die("unexpected %s event in thread %d (signal %d, code %d, addr %#llx)",
			    cdbg_event_name(ev.kind), (int)ev.tid, ev.signo, ev.siginfo.si_code,
			    (unsigned long long)(uintptr_t)ev.siginfo.si_addr);
		}
		if (ev.stopped)
			ck(cdbg_cont(p), "cont");
	}
	if (mode != M_STEPS)
		printf("hits=%ld\n", hits);
	return ev.kind == CDBG_EV_EXITED ? ev.code : -ev.signo;
}

static void usage(void)
{
	fprintf(stderr, "usage: bp_cdbg hits|stophits|cond TRACEE NTHREADS CALLS\n"
			"       bp_cdbg steps TRACEE STEPS SPIN\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char *targv[5], buf[4096];
	unsigned long hit, spin;
	enum mode mode;
	long steps = 0;
	int in_fd, out_fd, id, code;
	ssize_t n;

	if (argc != 5)
		usage();
	if (!strcmp(argv[1], "hits"))
		mode = M_HITS;
	else if (!strcmp(argv[1], "cond"))
		mode = M_COND;
	else if (!strcmp(argv[1], "steps"))
		mode = M_STEPS;
	else if (!strcmp(argv[1], "stophits"))
		mode = M_STOPHITS;
	else
		usage();
	targv[0] = argv[2];
	if (mode == M_STEPS) {
		steps = atol(argv[3]);
		targv[1] = "1";
		targv[2] = "0";
		targv[3] = argv[4];
		targv[4] = NULL;
	} else {
		targv[1] = argv[3];
		targv[2] = argv[4];
		targv[3] = NULL;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	p = cdbg_new();
	if (!p)
		die("out of memory");
	if (getenv("BP_CDBG_LOG")) /* 0 (errors) to 4 (every ptrace request), for debugging */
		cdbg_set_log(p, log_line, NULL, atoi(getenv("BP_CDBG_LOG")));
	launch(targv, &in_fd, &out_fd);
	ck(cdbg_cont(p), "cont");
	read_ready(out_fd, &hit, &spin);
	interrupt();
	/* Continue-through is a counting breakpoint: CDBG_BP_NOTICE reports each hit without
	 * stopping the other threads (gdb's `commands silent; continue`). stophits measures
	 * hits that stop the whole process and are continued by this program. */
	id = ck(cdbg_bp_insert(p, mode == M_STEPS ? spin : hit,
			       mode == M_HITS || mode == M_COND ? CDBG_BP_NOTICE : 0),
		"insert");
	if (mode == M_COND)
		ck(cdbg_bp_condition(p, id, "$rdi == -1"), "condition");
	ck(cdbg_cont(p), "cont");
	if (write(in_fd, "go\n", 3) != 3)
		die("cannot write to the tracee: %s", strerror(errno));
	code = run(mode, id, steps);
	while ((n = read(out_fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	cdbg_free(p);
	if (code != 0) {
		fprintf(stderr, "bp_cdbg: the tracee %s %d\n",
			code < 0 ? "was killed by signal" : "exited", code < 0 ? -code : code);
		return 1;
	}
	return 0;
}
