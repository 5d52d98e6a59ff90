/*
 * call_cdbg: bench/call's work done through libcdbg, as a program using cdbg.h would do it:
 * attach to a running process, call a function in it N times, detach.
 *
 * Owns: one handle and the process it attaches to for the run. Must not: use anything but
 * cdbg.h, or do per call more than a front-end would (fill the call, cdbg_call, check it).
 *
 * Usage: call_cdbg PID N [FUNC]      (FUNC defaults to f)
 *
 * cdbg_attach PID, cdbg_sym_by_name FUNC (also when N is 0, so a run with no call pays the
 * symbol look-up as gdb's does), then N times cdbg_call in the thread PID (no arguments; the
 * return value kept), then cdbg_detach.
 *
 * Output: "calls=<N> last=<FUNC's last return value> ns=<nanoseconds of the N calls alone>".
 * Exit 0 when every call returned; 1 otherwise, with cdbg_errmsg on stderr. CALL_CDBG_LOG=LEVEL
 * in the environment (0 errors .. 4 every ptrace request) sends the library's log to stderr.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cdbg.h"

static cdbg_proc *p;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("call_cdbg: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void log_line(void *data, enum cdbg_log_level level, const char *msg)
{
	(void)data;
	(void)level;
	fprintf(stderr, "cdbg: %s\n", msg);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *func = argc > 3 ? argv[3] : "f", *lv = getenv("CALL_CDBG_LOG");
	struct cdbg_symbol sym;
	uint64_t last = 0;
	long n, i;
	pid_t pid;
	long long t0, t1;

	if (argc < 3 || argc > 4 || (pid = (pid_t)atoi(argv[1])) <= 0 || (n = atol(argv[2])) < 0)
		die("usage: call_cdbg PID N [FUNC]");
	if (!(p = cdbg_new()))
		die("out of memory");
	if (lv && *lv)
		cdbg_set_log(p, log_line, NULL, (enum cdbg_log_level)atoi(lv));
	if (cdbg_attach(p, pid) < 0)
		die("attach: %s", cdbg_errmsg(p));
	if (cdbg_sym_by_name(p, func, &sym) < 0)
		die("%s", cdbg_errmsg(p));
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		struct cdbg_call c = { .func = sym.addr };

		if (cdbg_call(p, pid, &c) < 0)
			die("call %ld: %s", i + 1, cdbg_errmsg(p));
		last = c.ret;
	}
	t1 = now_ns();
	if (cdbg_detach(p) < 0)
		die("detach: %s", cdbg_errmsg(p));
	cdbg_free(p);
	printf("calls=%ld last=%llu ns=%lld\n", n, (unsigned long long)last, t1 - t0);
	return 0;
}
