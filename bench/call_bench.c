/*
 * call_bench: calls of a trivial function in a running process, per second, for cdbg through
 * libcdbg (call_cdbg), cdbg's command line and gdb, run interleaved in one run on the same
 * process (call_tracee), pinned to one CPU and then unpinned; prints medians and ratios.
 *
 * Owns: the tracee, running each tool, sizing its work, checking every run, the table. Must
 * not: trace anything itself, or let a hung tool leave a process behind (each run has a
 * timeout and its own process group, which is killed on timeout; the tracee also exits after
 * a deadline).
 *
 * Every tool attaches, makes N calls of f() and detaches, as one process. Its time per call
 * is (time of a run with N calls - time of a run with none) / N, both measured from fork to
 * waitpid, so start-up, attach, symbol loading and detach cancel out. gdb and cdbg's CLI
 * read the same script, N lines `call f()`; call_cdbg makes N cdbg_call.
 *
 * Exit status: 0 when every run that could be made passed its checks, a missing tool included
 * (shown as n/a); 1 when a run FAILED; 2 on bad usage or when the bench itself could not run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"

#define MAX_REPS 50
#define OUT_MAX (1 << 20) /* bytes of a tool's output we look at */

enum { T_LIB, T_CLI, T_GDB, NTOOLS };
enum { M_PINNED, M_UNPINNED, NMODES };

struct tool {
	const char *name;    /* column title */
	char path[PATH_MAX]; /* executable to run */
	const char *missing; /* why it is n/a, or NULL when it runs */
	long probe;          /* calls of the sizing run */
};

/* The runs of one tool in one mode. */
struct figure {
	double zero[MAX_REPS]; /* seconds of each run with no call */
	int nzero;
	double full[MAX_REPS]; /* seconds of each run with calls */
	long calls[MAX_REPS];  /* ... and its calls */
	int nfull;
	double inproc[MAX_REPS]; /* call_cdbg: calls per second, as it timed the calls alone */
	int ninproc;
	long work;     /* calls per run */
	int failed;    /* runs that failed a check */
	char why[256]; /* the first failure */
};

struct opts {
	int mode[NMODES];      /* which modes run */
	int reps;              /* runs per tool, figure and kind (zero, full) */
	int gdb_reps;          /* the same for gdb */
	int cpu;               /* the CPU of the pinned mode */
	double seconds;        /* how long one run's calls should take */
	int timeout;           /* seconds one tool run may take */
	int verbose;           /* every run on stderr */
	int no_gdb;            /* leave gdb out */
	char tracee[PATH_MAX]; /* call_tracee */
};

static struct tool tools[NTOOLS] = {
	[T_LIB] = { .name = "cdbg (libcdbg)", .probe = 2000 },
	[T_CLI] = { .name = "cdbg (CLI)", .probe = 2000 },
	[T_GDB] = { .name = "gdb", .probe = 200 },
};
static const char *mode_names[NMODES] = { "pinned", "unpinned" };
static struct figure figs[NMODES][NTOOLS];
static struct opts opt = {
	.mode = { 1, 1 },
	.reps = 5,
	.gdb_reps = 3,
	.seconds = 0.5,
	.timeout = 300,
};
static cpu_set_t all_cpus; /* our affinity at start: the unpinned mask */
static char tmpdir[64];    /* the scripts */

/* The tracee of the current mode. */
static struct {
	pid_t pid;
	int in, out; /* its stdin (write end), its stdout (read end) */
	long calls;  /* f()'s count: what the next call returns minus one */
} tr;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("call_bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (tr.pid > 0)
		kill(tr.pid, SIGKILL);
	exit(2);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: call_bench [--modes pinned,unpinned] [--reps R] [--gdb-reps R] [--cpu C]\n"
		"                  [--seconds S] [--cdbg PATH] [--cli PATH] [--tracee PATH]\n"
		"                  [--no-gdb] [--timeout SECS] [-v]\n"
		"  --modes      pinned: tools and tracee on CPU C (--cpu, default 0);\n"
		"               unpinned: free\n"
		"  --reps       runs per tool and figure, with and without calls (default 5);\n"
		"               --gdb-reps for gdb (default 3)\n"
		"  --seconds    calls per run sized to take this long (default 0.5)\n"
		"  --cdbg       call_cdbg, the libcdbg client (default next to call_bench)\n"
		"  --cli        the cdbg binary (default ../src/cdbg from call_bench)\n"
		"  --timeout    seconds one tool run may take before it is killed (default 300)\n"
		"  -v           print every run on stderr\n");
	exit(2);
}

static int parse_count(const char *flag, const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < lo || v > hi)
		die("%s: want a number from %d to %d, got \"%s\"", flag, lo, hi, s);
	return (int)v;
}

static void parse_modes(const char *s)
{
	size_t len;
	int i;

	memset(opt.mode, 0, sizeof(opt.mode));
	for (; *s; s += len + (s[len] == ',')) {
		len = strcspn(s, ",");
		for (i = 0; i < NMODES; i++)
			if (strlen(mode_names[i]) == len && !strncmp(mode_names[i], s, len))
				break;
		if (i == NMODES)
			die("--modes: unknown name \"%.*s\"", (int)len, s);
		opt.mode[i] = 1;
	}
}

static void parse_args(int argc, char **argv)
{
	char *end;
	int i;

	bl_path_next_to_self(tools[T_LIB].path, "call_cdbg");
	bl_path_next_to_self(tools[T_CLI].path, "../src/cdbg");
	bl_path_next_to_self(opt.tracee, "call_tracee");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--no-gdb")) {
			opt.no_gdb = 1;
			continue;
		}
		if (!strcmp(a, "-v")) {
			opt.verbose = 1;
			continue;
		}
		if (!v || strncmp(a, "--", 2))
			usage();
		i++;
		if (!strcmp(a, "--modes"))
			parse_modes(v);
		else if (!strcmp(a, "--reps"))
			opt.reps = parse_count(a, v, 1, MAX_REPS);
		else if (!strcmp(a, "--gdb-reps"))
			opt.gdb_reps = parse_count(a, v, 1, MAX_REPS);
		else if (!strcmp(a, "--cpu"))
			opt.cpu = parse_count(a, v, 0, CPU_SETSIZE - 1);
		else if (!strcmp(a, "--timeout"))
			opt.timeout = parse_count(a, v, 1, 86400);
		else if (!strcmp(a, "--seconds") && (opt.seconds = strtod(v, &end)) > 0 && !*end)
			;
		else if (!strcmp(a, "--cdbg"))
			snprintf(tools[T_LIB].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--cli"))
			snprintf(tools[T_CLI].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--tracee"))
			snprintf(opt.tracee, PATH_MAX, "%s", v);
		else
			usage();
	}
}

/* Decide which tools run; a missing one is reported and shown as n/a. */
static void find_tools(void)
{
	char real[PATH_MAX];

	if (opt.no_gdb)
		tools[T_GDB].missing = "left out (--no-gdb)";
	else if (bl_find_in_path("gdb", tools[T_GDB].path) < 0)
		tools[T_GDB].missing = "not found in PATH";
	for (int t = T_LIB; t <= T_CLI; t++) {
		if (access(tools[t].path, X_OK) < 0)
			tools[t].missing = strerror(errno);
		else if (realpath(tools[t].path, real))
			snprintf(tools[t].path, PATH_MAX, "%s", real);
	}
	if (access(opt.tracee, X_OK) < 0)
		die("cannot run the tracee %s: %s", opt.tracee, strerror(errno));
	if (sched_getaffinity(0, sizeof(all_cpus), &all_cpus) < 0)
		die("sched_getaffinity: %s", strerror(errno));
	if (opt.mode[M_PINNED] && !CPU_ISSET(opt.cpu, &all_cpus))
		die("--cpu %d: this process may not run there", opt.cpu);
	if (!mkdtemp(strcpy(tmpdir, "/tmp/call_bench.XXXXXX")))
		die("mkdtemp: %s", strerror(errno));
}

static void set_affinity(int mode)
{
	bl_child_affinity(opt.cpu, mode == M_PINNED, &all_cpus);
}

/* set_affinity for bl_run_setup's child. */
static void child_affinity(void *mode)
{
	set_affinity(*(int *)mode);
}

/* Read the tracee's output until a line starting with prefix; 0 with it in line, or -1. */
static int tracee_line(const char *prefix, char *line, size_t len)
{
	static char buf[4096];
	static size_t have;
	char *nl;
	ssize_t n;

	bl_arm_timeout(30);
	for (;;) {
		while ((nl = memchr(buf, '\n', have))) {
			size_t l = (size_t)(nl - buf);
			int match = !strncmp(buf, prefix, strlen(prefix));
			if (match)
				snprintf(line, len, "%.*s", (int)l, buf);
			memmove(buf, nl + 1, have - l - 1);
			have -= l + 1;
			if (match) {
				bl_arm_timeout(0);
				return 0;
			}
		}
		if (have == sizeof(buf))
			have = 0;
		n = read(tr.out, buf + have, sizeof(buf) - have);
		if (n <= 0) {
			bl_arm_timeout(0);
			return -1;
		}
		have += (size_t)n;
	}
}

/* Start the tracee for a mode: pinned with the tools, or free. */
static void tracee_start(int mode)
{
	int in[2], out[2];
	char line[256];

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	tr.pid = fork();
	if (tr.pid < 0)
		die("fork: %s", strerror(errno));
	if (tr.pid == 0) {
		setpgid(0, 0);
		set_affinity(mode);
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		execl(opt.tracee, opt.tracee, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	tr.in = in[1];
	tr.out = out[0];
	tr.calls = 0;
	if (tracee_line("ready pid=", line, sizeof(line)) < 0)
		die("the tracee %s printed no ready line", opt.tracee);
}

/* End the tracee: its count must be every call the tools reported. Returns 0 or -1. */
static int tracee_stop(void)
{
	char line[256];
	int st = 0, ok;

	close(tr.in);
	ok = tracee_line("done calls=", line, sizeof(line)) == 0 &&
	     strtol(line + 11, NULL, 10) == tr.calls;
	if (!ok)
		fprintf(stderr, "call_bench: the tracee counted %s calls, the tools reported %ld\n",
			line[0] ? line + 11 : "no", tr.calls);
	kill(tr.pid, SIGKILL);
	waitpid(tr.pid, &st, 0);
	close(tr.out);
	tr.pid = 0;
	return ok ? 0 : -1;
}

/* Number of threads of the tracee in a stop ('t' or 'T'); -1 if it is gone. */
static int tracee_stopped_threads(void)
{
	char path[64], buf[512];
	int n = 0, fd;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)tr.pid, (int)tr.pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[r > 0 ? r : 0] = '\0';
	char *rp = strrchr(buf, ')');
	if (rp && (rp[2] == 't' || rp[2] == 'T'))
		n++;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tr.pid);
	if ((f = fopen(path, "r"))) {
		while (fgets(buf, sizeof(buf), f))
			if (!strncmp(buf, "TracerPid:", 10) && atoi(buf + 10) != 0)
				n++;
		fclose(f);
	}
	return n;
}

/* The script of n `call f()` lines for gdb and cdbg's CLI (written once per n). */
static const char *script(long n)
{
	static char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/calls-%ld.gdb", tmpdir, n);
	if (access(path, R_OK) == 0)
		return path;
	if (!(f = fopen(path, "w")))
		die("cannot write %s: %s", path, strerror(errno));
	for (long i = 0; i < n; i++)
		fputs("call f()\n", f);
	if (fclose(f) != 0)
		die("cannot write %s: %s", path, strerror(errno));
	return path;
}

/* The scripts and their directory. */
static void remove_scripts(void)
{
	char path[PATH_MAX];
	struct dirent *d;
	DIR *dir = opendir(tmpdir);

	while (dir && (d = readdir(dir)))
		if (d->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", tmpdir, d->d_name) < (int)sizeof(path))
			unlink(path);
	if (dir)
		closedir(dir);
	rmdir(tmpdir);
}

static void tool_argv(int t, long n, char **argv, char (*buf)[PATH_MAX])
{
	int i = 0;

	snprintf(buf[0], PATH_MAX, "%d", (int)tr.pid);
	snprintf(buf[1], PATH_MAX, "%ld", n);
	argv[i++] = tools[t].path;
	if (t == T_LIB) {
		argv[i++] = buf[0];
		argv[i++] = buf[1];
	} else {
		if (t == T_GDB)
			argv[i++] = "-nx";
		argv[i++] = "-q";
		argv[i++] = "-batch";
		argv[i++] = "-p";
		argv[i++] = buf[0];
		argv[i++] = "-x";
		argv[i++] = (char *)script(n);
	}
	argv[i] = NULL;
}

/* Run argv with its output in out (up to OUT_MAX bytes). Returns 0 when it exited 0, else -1
 * with the reason in why. */
static int run_argv(char **argv, int mode, char *out, double *secs, char *why, size_t whylen)
{
	struct bl_result r;
	int ret = bl_run_setup(argv, -1, child_affinity, &mode, out, OUT_MAX, opt.timeout, &r);

	*secs = r.secs;
	snprintf(why, whylen, "%s", r.why);
	return ret;
}

/* The last value f() returned as the tool printed it, -1 if none; *count gets how many
 * results it printed. */
static long last_result(int t, const char *out, long *count)
{
	const char *s, *last = NULL;

	*count = 0;
	if (t == T_LIB) {
		s = strstr(out, "calls=");
		*count = s ? strtol(s + 6, NULL, 10) : -1;
		s = strstr(out, "last=");
		return s && *count > 0 ? strtol(s + 5, NULL, 10) : -1;
	}
	for (s = out; (s = strchr(s, '$')); s++) {
		if ((s == out || s[-1] == '\n') && strstr(s, " = ") &&
		    strspn(s + 1, "0123456789") > 0) {
			last = s;
			(*count)++;
		}
	}
	return last ? strtol(strstr(last, " = ") + 3, NULL, 10) : -1;
}

/* Check one run and account for its calls. 0, or -1 with the reason in why. */
static int check_run(int t, long n, const char *out, char *why, size_t whylen)
{
	long count, last = last_result(t, out, &count);
	int stopped = -1;

	/* A detach takes a moment to show in /proc. */
	for (int i = 0; i < 100 && (stopped = tracee_stopped_threads()) != 0; i++)
		usleep(10000);
	if (stopped < 0) {
		snprintf(why, whylen, "the tracee is gone");
		return -1;
	}
	if (stopped > 0) {
		snprintf(why, whylen, "the tracee is left stopped or traced");
		return -1;
	}
	if (count != n) {
		snprintf(why, whylen, "%ld results printed, want %ld", count, n);
		return -1;
	}
	if (n && last != tr.calls + n) {
		snprintf(why, whylen, "the last call returned %ld, want %ld (calls lost?)", last,
			 tr.calls + n);
		return -1;
	}
	tr.calls += n;
	return 0;
}

static void record_failure(struct figure *f, const char *what, const char *why)
{
	if (!f->failed++)
		snprintf(f->why, sizeof(f->why), "%s: %s", what, why);
}

/* One run of tool t with n calls; returns its seconds, or -1 after recording a failure. */
static double run_one(int m, int t, long n, const char *what)
{
	struct figure *f = &figs[m][t];
	static char out[OUT_MAX];
	char buf[2][PATH_MAX], why[256], *argv[16];
	double secs;

	tool_argv(t, n, argv, buf);
	if (run_argv(argv, m, out, &secs, why, sizeof(why)) == 0 &&
	    check_run(t, n, out, why, sizeof(why)) == 0) {
		const char *ns = t == T_LIB ? strstr(out, "ns=") : NULL;
		if (ns && n && f->ninproc < MAX_REPS && strcmp(what, "sizing run") &&
		    strtoll(ns + 3, NULL, 10) > 0)
			f->inproc[f->ninproc++] = n / (strtoll(ns + 3, NULL, 10) / 1e9);
		if (opt.verbose)
			fprintf(stderr, "call_bench: %s %s %s: %ld calls in %.3f s\n",
				mode_names[m], tools[t].name, what, n, secs);
		return secs;
	}
	if (strlen(why) < 120 && out[0]) {
		size_t len = strlen(out);
		char *last;

		while (len && out[len - 1] == '\n')
			out[--len] = '\0';
		last = strrchr(out, '\n');
		snprintf(why + strlen(why), sizeof(why) - strlen(why), " (\"%.100s\")",
			 last ? last + 1 : out);
	}
	record_failure(f, what, why);
	fprintf(stderr, "call_bench: %s %s %s FAILED: %s\n", mode_names[m], tools[t].name, what,
		why);
	return -1;
}

static double median_of(const double *v, int n)
{
	double s[MAX_REPS];

	if (n <= 0)
		return -1;
	memcpy(s, v, n * sizeof(s[0]));
	qsort(s, n, sizeof(s[0]), bl_cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* Calls per second of each full run against the median run without calls, into rates[]. */
static int rates(const struct figure *f, double *r)
{
	double zero = median_of(f->zero, f->nzero);
	int n = 0;

	if (f->failed || zero < 0)
		return 0;
	for (int i = 0; i < f->nfull; i++)
		if (f->full[i] > zero)
			r[n++] = f->calls[i] / (f->full[i] - zero);
	return n;
}

static double rate_median(const struct figure *f)
{
	double r[MAX_REPS];
	int n = rates(f, r);

	return n ? median_of(r, n) : -1;
}

static long clamp_work(double w)
{
	return w < 50 ? 50 : w > 10000000 ? 10000000 : (long)w;
}

/* One mode: a sizing run per tool, then the reps interleaved, each rep a run without calls
 * and one with. */
static void bench_mode(int m)
{
	double secs, zero;
	int t, rep, reps;

	tracee_start(m);
	for (t = 0; t < NTOOLS; t++) {
		struct figure *f = &figs[m][t];
		if (tools[t].missing)
			continue;
		zero = run_one(m, t, 0, "sizing run (no call)");
		secs = zero < 0 ? -1 : run_one(m, t, tools[t].probe, "sizing run");
		if (secs > zero && zero >= 0) {
			f->work = clamp_work(opt.seconds * tools[t].probe / (secs - zero));
		} else if (secs >= 0) {
			f->work = tools[t].probe * 4;
		}
	}
	for (rep = 0; rep < opt.reps; rep++)
		for (t = 0; t < NTOOLS; t++) {
			struct figure *f = &figs[m][t];
			char what[32];

			reps = t == T_GDB ? opt.gdb_reps : opt.reps;
			if (tools[t].missing || !f->work || f->failed || rep >= reps)
				continue;
			snprintf(what, sizeof(what), "run %d (no call)", rep + 1);
			if ((secs = run_one(m, t, 0, what)) >= 0)
				f->zero[f->nzero++] = secs;
			snprintf(what, sizeof(what), "run %d", rep + 1);
			if (f->failed || (secs = run_one(m, t, f->work, what)) < 0)
				continue;
			f->calls[f->nfull] = f->work;
			f->full[f->nfull++] = secs;
			/* The sizing run is short and may have been unlucky: resize from all
			 * so far (rates are per call: runs of different sizes compare). */
			double r = rate_median(f);
			if (r > 0)
				f->work = clamp_work(r * opt.seconds);
		}
	if (tracee_stop() < 0)
		for (t = 0; t < NTOOLS; t++)
			if (!tools[t].missing)
				record_failure(&figs[m][t], "end",
					       "the tracee's call count is wrong");
}

static void print_header(void)
{
	printf("bench/call: calls of a trivial function in a running process, per second\n");
	bl_print_machine();
	printf("reps: %d per tool and figure, each a run without calls and one with (gdb %d);"
	       " calls per run sized to about %.2g s\n",
	       opt.reps, opt.gdb_reps < opt.reps ? opt.gdb_reps : opt.reps, opt.seconds);
	for (int t = 0; t < NTOOLS; t++) {
		if (tools[t].missing && t == T_GDB)
			printf("%-15s n/a: %s\n", tools[t].name, tools[t].missing);
		else if (tools[t].missing)
			printf("%-15s n/a: %s: %s\n", tools[t].name, tools[t].path,
			       tools[t].missing);
		else
			printf("%-15s %s\n", tools[t].name, tools[t].path);
	}
	printf("tracee          %s\n", opt.tracee);
	bl_print_load("at start");
	fflush(stdout);
}

static void fmt_cell(const struct figure *f, int t, char *cell, size_t len)
{
	double r[MAX_REPS], lo = 1e300, hi = 0;
	int n;

	if (tools[t].missing) {
		snprintf(cell, len, "n/a");
		return;
	}
	if (f->failed) {
		snprintf(cell, len, "FAILED");
		return;
	}
	if (!(n = rates(f, r))) {
		snprintf(cell, len, "n/a");
		return;
	}
	for (int i = 0; i < n; i++) {
		lo = r[i] < lo ? r[i] : lo;
		hi = r[i] > hi ? r[i] : hi;
	}
	snprintf(cell, len, "%.0f (%.0f-%.0f)", median_of(r, n), lo, hi);
}

static void print_table(int m)
{
	char cell[64], per[32], zero[32], inproc[32];

	if (m == M_PINNED)
		printf("\npinned: every process on CPU %d\n", opt.cpu);
	else
		printf("\nunpinned: free to run on any CPU\n");
	printf("%-15s | %-23s | %9s | %8s | %13s | %s\n", "tool", "calls/s median (min-max)",
	       "us/call", "calls", "run, no call", "in-process calls/s");
	/* "calls": the size of the last run; "run, no call": the median run time without calls
	 * (attach, symbols, detach, start-up), taken off every run with calls. */
	for (int t = 0; t < NTOOLS; t++) {
		const struct figure *f = &figs[m][t];
		double rate = rate_median(f), z = median_of(f->zero, f->nzero);
		double ip = median_of(f->inproc, f->ninproc);

		fmt_cell(f, t, cell, sizeof(cell));
		snprintf(per, sizeof(per), rate > 0 ? "%.1f" : "n/a", rate > 0 ? 1e6 / rate : 0);
		snprintf(zero, sizeof(zero), z >= 0 ? "%.0f ms" : "n/a", z * 1000);
		snprintf(inproc, sizeof(inproc), ip > 0 ? "%.0f" : "-", ip > 0 ? ip : 0);
		printf("%-15s | %-23s | %9s | %8ld | %13s | %s\n", tools[t].name, cell, per,
		       f->work, zero, inproc);
	}
	bl_fmt_ratio(rate_median(&figs[m][T_LIB]), rate_median(&figs[m][T_GDB]), per, sizeof(per));
	bl_fmt_ratio(rate_median(&figs[m][T_CLI]), rate_median(&figs[m][T_GDB]), zero,
		     sizeof(zero));
	printf("ratios: libcdbg/gdb %s, cdbg CLI/gdb %s\n", per, zero);
}

/* Failures, one line each; returns how many figures FAILED. */
static int print_failures(void)
{
	int nfail = 0;

	for (int m = 0; m < NMODES; m++)
		for (int t = 0; t < NTOOLS; t++) {
			if (!figs[m][t].failed)
				continue;
			if (!nfail++)
				printf("\nfailures:\n");
			printf("  %s, %s: %d run(s) failed; first, %s\n", mode_names[m],
			       tools[t].name, figs[m][t].failed, figs[m][t].why);
		}
	return nfail;
}

/* The target: at least 5x gdb's calls per second. Informative only. */
static void print_targets(void)
{
	char miss[512] = "";
	size_t n = 0;
	int known = 0;

	for (int m = 0; m < NMODES; m++) {
		if (!opt.mode[m])
			continue;
		for (int t = T_LIB; t <= T_CLI; t++) {
			double c = rate_median(&figs[m][t]), g = rate_median(&figs[m][T_GDB]);
			if (g <= 0)
				continue;
			known = 1;
			if (c < 5 * g)
				n += snprintf(miss + n, sizeof(miss) - n, "%s%s %s (%s)",
					      n ? "; " : "", mode_names[m], tools[t].name,
					      c < 0 ? "FAILED" : "below 5x");
		}
	}
	printf("\ntargets for cdbg:\n  %-44s %s%s\n", "calls/s >= 5 x gdb (libcdbg and CLI)",
	       !known  ? "n/a" :
	       miss[0] ? "MISSED: " :
			 "met",
	       known ? miss : "");
}

int main(int argc, char **argv)
{
	int nfail;

	bl_name = "call_bench";
	parse_args(argc, argv);
	find_tools();
	signal(SIGPIPE, SIG_IGN);
	print_header();
	for (int m = 0; m < NMODES; m++)
		if (opt.mode[m]) {
			fprintf(stderr, "call_bench: %s\n", mode_names[m]);
			bench_mode(m);
		}
	bl_print_load("at end");
	for (int m = 0; m < NMODES; m++)
		if (opt.mode[m])
			print_table(m);
	nfail = print_failures();
	print_targets();
	remove_scripts();
	return nfail ? 1 : 0;
}
