/*
 * attach_bench: times attach + stop every thread + detach, whole process from
 * fork to exit, for cdbg, gdb and floor_attach (the floor), interleaved in one
 * run against the same sleeping process, and prints medians and ratios.
 *
 * Owns: starting and reaping sleepers, running each tool, checking after each
 * run that the tool exited 0 and left no thread stopped or missing. Must not:
 * trace anything itself, or let a hung tool or a crash leave a process behind
 * (each tool run has a timeout; sleepers exits on stdin EOF or its deadline).
 *
 * Exit status: 0 when every run that could be made passed its checks, a
 * missing tool included (shown as n/a); 1 when a run FAILED; 2 on bad usage
 * or when the benchmark itself could not run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"

#define MAX_SIZES 16
#define MAX_REPS 100

enum { T_FLOOR, T_CDBG, T_GDB, NTOOLS };

struct tool {
	const char *name;    /* column title */
	char path[PATH_MAX]; /* executable to run */
	const char *missing; /* why it is n/a, or NULL when it runs */
};

/* The runs of one tool at one size. */
struct figure {
	double ms[MAX_REPS]; /* wall time of each passing run */
	int n;               /* passing runs in ms[] */
	int failed;          /* runs that failed a check */
	char why[256];       /* the first failure, for the notes */
};

struct opts {
	long sizes[MAX_SIZES];   /* thread counts to run */
	int nsizes;              /* entries in sizes[] */
	int reps;                /* runs per tool and size */
	int gdb_reps;            /* runs of gdb at sizes >= gdb_big */
	long gdb_big;            /* where gdb_reps starts to apply */
	int timeout;             /* seconds one tool run may take */
	int verbose;             /* print every run on stderr */
	int no_gdb;              /* leave gdb out */
	char sleepers[PATH_MAX]; /* the tracee */
};

/* A running sleepers process. */
struct sleepers {
	pid_t pid;     /* its pid, also its thread-group id */
	int in_fd;     /* write end of its stdin; closing it ends it */
	long nthreads; /* N it was started with; it has N + 1 tasks */
};

static struct tool tools[NTOOLS] = {
	[T_FLOOR] = { .name = "floor" },
	[T_CDBG] = { .name = "cdbg" },
	[T_GDB] = { .name = "gdb" },
};
static struct figure figs[MAX_SIZES][NTOOLS];
static struct opts opt = {
	.sizes = { 1, 1000, 4000, 10000 },
	.nsizes = 4,
	.reps = 7,
	.gdb_reps = 3,
	.gdb_big = 4000,
	.timeout = 300,
};

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("attach_bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long read_long_file(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* waitpid that gives up when the armed timer fires: returns -1 with errno EINTR. */
static pid_t wait_child(pid_t pid, int *st)
{
	pid_t r;

	do {
		r = waitpid(pid, st, 0);
	} while (r < 0 && errno == EINTR && !bl_timed_out);
	return r;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: attach_bench [--sizes N,N,...] [--reps R] [--gdb-reps R] [--gdb-big N]\n"
		"                    [--cdbg PATH] [--floor PATH] [--sleepers PATH] [--no-gdb]\n"
		"                    [--timeout SECS] [-v]\n"
		"  --sizes     thread counts (default 1,1000,4000,10000)\n"
		"  --reps      runs per tool and size (default 7)\n"
		"  --gdb-reps  runs of gdb at sizes >= --gdb-big (default 3, at >= 4000)\n"
		"  --timeout   seconds one tool run may take before it is killed (default 300)\n"
		"  -v          print every run's time on stderr\n");
	exit(2);
}

static void parse_sizes(const char *s)
{
	char *end;

	opt.nsizes = 0;
	while (*s) {
		if (opt.nsizes == MAX_SIZES)
			die("--sizes: at most %d sizes", MAX_SIZES);
		opt.sizes[opt.nsizes] = strtol(s, &end, 10);
		if (end == s || opt.sizes[opt.nsizes] < 0 || (*end && *end != ','))
			die("--sizes: bad list \"%s\"", s);
		opt.nsizes++;
		s = *end ? end + 1 : end;
	}
	if (!opt.nsizes)
		die("--sizes: empty list");
}

static int parse_count(const char *flag, const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < lo || v > hi)
		die("%s: want a number from %d to %d, got \"%s\"", flag, lo, hi, s);
	return v;
}

static void parse_args(int argc, char **argv)
{
	int i;

	bl_path_next_to_self(tools[T_FLOOR].path, "floor_attach");
	bl_path_next_to_self(opt.sleepers, "sleepers");
	bl_path_next_to_self(tools[T_CDBG].path, "../src/cdbg");
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
		if (!strcmp(a, "--sizes"))
			parse_sizes(v);
		else if (!strcmp(a, "--reps"))
			opt.reps = parse_count(a, v, 1, MAX_REPS);
		else if (!strcmp(a, "--gdb-reps"))
			opt.gdb_reps = parse_count(a, v, 1, MAX_REPS);
		else if (!strcmp(a, "--gdb-big"))
			opt.gdb_big = parse_count(a, v, 0, INT_MAX);
		else if (!strcmp(a, "--timeout"))
			opt.timeout = parse_count(a, v, 1, 86400);
		else if (!strcmp(a, "--cdbg"))
			snprintf(tools[T_CDBG].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--floor"))
			snprintf(tools[T_FLOOR].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--sleepers"))
			snprintf(opt.sleepers, PATH_MAX, "%s", v);
		else
			usage();
	}
}

/* Decide which tools run; a missing one is reported and shown as n/a. */
static void find_tools(void)
{
	int t;

	if (opt.no_gdb)
		tools[T_GDB].missing = "left out (--no-gdb)";
	else if (bl_find_in_path("gdb", tools[T_GDB].path) < 0)
		tools[T_GDB].missing = "not found in PATH";
	for (t = T_FLOOR; t <= T_CDBG; t++)
		if (access(tools[t].path, X_OK) < 0)
			tools[t].missing = strerror(errno);
	if (access(opt.sleepers, X_OK) < 0)
		die("cannot run the tracee %s: %s", opt.sleepers, strerror(errno));
}

/*
 * 10,000 threads count against RLIMIT_NPROC of our user; lift it as far as
 * we may. Sizes the kernel cannot hold are skipped with a note, not failed.
 */
static void raise_limits(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NPROC, &rl);
	}
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	setrlimit(RLIMIT_NPROC, &rl);
}

static const char *size_unfit(long n)
{
	static char why[160];
	long pid_max = read_long_file("/proc/sys/kernel/pid_max");
	long threads_max = read_long_file("/proc/sys/kernel/threads-max");
	long maps = read_long_file("/proc/sys/vm/max_map_count");
	struct rlimit rl;

	why[0] = '\0';
	if (pid_max > 0 && n + 1000 > pid_max)
		snprintf(why, sizeof(why), "kernel.pid_max is %ld", pid_max);
	else if (threads_max > 0 && n + 1000 > threads_max)
		snprintf(why, sizeof(why), "kernel.threads-max is %ld", threads_max);
	else if (maps > 0 && 2 * n + 1000 > maps)
		snprintf(why, sizeof(why), "vm.max_map_count is %ld (2 maps per thread)", maps);
	else if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		 (rlim_t)n + 1000 > rl.rlim_cur)
		snprintf(why, sizeof(why), "RLIMIT_NPROC is %ld", (long)rl.rlim_cur);
	return why[0] ? why : NULL;
}

/* Start sleepers N and wait for its ready line. Returns 0, or -1 with a note on stderr. */
static int sleepers_start(struct sleepers *s, long n)
{
	int in[2], out[2];
	char arg[32], line[128] = "";
	struct pollfd pfd;
	size_t len = 0;
	ssize_t r;
	int ready_pid;

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	snprintf(arg, sizeof(arg), "%ld", n);
	s->nthreads = n;
	s->pid = fork();
	if (s->pid < 0)
		die("fork: %s", strerror(errno));
	if (s->pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		execl(opt.sleepers, opt.sleepers, arg, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	s->in_fd = in[1];
	pfd = (struct pollfd){ .fd = out[0], .events = POLLIN };
	/* Creating 10,000 threads takes about a second; allow a good margin. */
	while (!strchr(line, '\n') && len < sizeof(line) - 1 && poll(&pfd, 1, 120000) > 0) {
		r = read(out[0], line + len, sizeof(line) - 1 - len);
		if (r <= 0)
			break;
		len += r;
		line[len] = '\0';
	}
	close(out[0]);
	if (sscanf(line, "ready pid=%d", &ready_pid) != 1 || ready_pid != s->pid) {
		fprintf(stderr, "attach_bench: sleepers %ld did not get ready (read \"%.*s\")\n", n,
			(int)strcspn(line, "\n"), line);
		return -1;
	}
	return 0;
}

/* Close its stdin so it exits, and reap it; kill it if it does not go. */
static void sleepers_stop(struct sleepers *s)
{
	int st;

	close(s->in_fd);
	bl_arm_timeout(30);
	if (wait_child(s->pid, &st) < 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &st, 0);
	}
	bl_arm_timeout(0);
}

static void tool_argv(int t, pid_t pid, char *pidstr, char **argv)
{
	int i = 0;

	sprintf(pidstr, "%d", pid);
	argv[i++] = tools[t].path;
	if (t == T_CDBG) {
		argv[i++] = "attach";
		argv[i++] = "-p";
		argv[i++] = pidstr;
		argv[i++] = "--for";
		argv[i++] = "0";
	} else if (t == T_GDB) {
		argv[i++] = "-nx";
		argv[i++] = "-q";
		argv[i++] = "-batch";
		argv[i++] = "-p";
		argv[i++] = pidstr;
		argv[i++] = "-ex";
		argv[i++] = "detach";
	} else {
		argv[i++] = pidstr;
	}
	argv[i] = NULL;
}

/*
 * Run one tool against pid; the time spans fork to reap. Returns 0 when it
 * exited 0, else -1 with the reason in why.
 */
static int run_tool(int t, pid_t pid, double *ms, char *why, size_t whylen)
{
	char pidstr[16], *argv[12];
	double t0;
	pid_t child;
	int st = 0, devnull;

	tool_argv(t, pid, pidstr, argv);
	t0 = now_ms();
	child = fork();
	if (child < 0)
		die("fork: %s", strerror(errno));
	if (child == 0) {
		devnull = open("/dev/null", O_RDWR);
		dup2(devnull, STDIN_FILENO);
		dup2(devnull, STDOUT_FILENO);
		dup2(devnull, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	bl_arm_timeout(opt.timeout);
	if (wait_child(child, &st) < 0) {
		kill(child, SIGKILL);
		waitpid(child, &st, 0);
		bl_arm_timeout(0);
		snprintf(why, whylen, "killed after the %d s timeout", opt.timeout);
		return -1;
	}
	*ms = now_ms() - t0;
	bl_arm_timeout(0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st))
		snprintf(why, whylen, "exited %d", WEXITSTATUS(st));
	else
		snprintf(why, whylen, "killed by signal %d", WTERMSIG(st));
	return -1;
}

/* One look at every task: how many, and the first one in a stopped state. */
static long scan_tasks(pid_t pid, pid_t *stopped_tid, char *stopped_state)
{
	char path[300], buf[512], *p;
	struct dirent *d;
	long count = 0;
	ssize_t n;
	DIR *dir;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	*stopped_tid = 0;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		count++;
		snprintf(path, sizeof(path), "%s/stat", d->d_name);
		fd = openat(dirfd(dir), path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		/* "tid (comm) S ...": comm may hold ')' itself, so take the last. */
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && (p[2] == 't' || p[2] == 'T') && !*stopped_tid) {
			*stopped_tid = atoi(d->d_name);
			*stopped_state = p[2];
		}
	}
	closedir(dir);
	return count;
}

/*
 * After a tool exits, every thread must be there and none stopped. A detach
 * may take a moment to show in /proc, so look again for up to a second. One
 * clean look is not enough: a SIGSTOP left pending by a careless detach
 * stops the process a moment later, so two looks 10 ms apart must agree.
 */
static int check_sleepers(const struct sleepers *s, char *why, size_t whylen)
{
	struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };
	pid_t tid = 0;
	char state = '?';
	long count = 0;
	int i, clean = 0;

	for (i = 0; i < 100; i++) {
		count = scan_tasks(s->pid, &tid, &state);
		clean = (count == s->nthreads + 1 && !tid) ? clean + 1 : 0;
		if (clean == 2)
			return 0;
		nanosleep(&pause, NULL);
	}
	if (count < 0)
		snprintf(why, whylen, "sleepers %d is gone", s->pid);
	else if (tid)
		snprintf(why, whylen, "thread %d left in state %c", tid, state);
	else
		snprintf(why, whylen, "sleepers has %ld tasks, want %ld", count, s->nthreads + 1);
	return -1;
}

/* A stopped process cannot be used for the next runs; try SIGCONT once. */
static int recover_sleepers(const struct sleepers *s)
{
	char why[128];

	kill(s->pid, SIGCONT);
	return check_sleepers(s, why, sizeof(why));
}

static int reps_for(int t, long n)
{
	if (t == T_GDB && n >= opt.gdb_big && opt.gdb_reps < opt.reps)
		return opt.gdb_reps;
	return opt.reps;
}

static void record_failure(struct figure *f, int rep, const char *why)
{
	if (!f->failed++)
		snprintf(f->why, sizeof(f->why), "run %d: %s", rep + 1, why);
}

/* All reps at one size, tools interleaved: floor, cdbg, gdb, floor, ... */
static void bench_size(int si)
{
	long n = opt.sizes[si];
	struct sleepers s;
	char why[192];
	double ms = 0;
	int rep, t;

	if (sleepers_start(&s, n) < 0)
		die("cannot start the tracee with %ld threads", n);
	if (check_sleepers(&s, why, sizeof(why)) < 0)
		die("tracee with %ld threads is not as expected before any run: %s", n, why);
	fprintf(stderr, "attach_bench: %ld threads: pid %d ready\n", n, s.pid);
	for (rep = 0; rep < opt.reps; rep++) {
		for (t = 0; t < NTOOLS; t++) {
			struct figure *f = &figs[si][t];

			if (tools[t].missing || rep >= reps_for(t, n))
				continue;
			if (run_tool(t, s.pid, &ms, why, sizeof(why)) < 0 ||
			    check_sleepers(&s, why, sizeof(why)) < 0) {
				record_failure(f, rep, why);
				if (recover_sleepers(&s) < 0)
					goto out_unusable;
				continue;
			}
			f->ms[f->n++] = ms;
			if (opt.verbose)
				fprintf(stderr, "attach_bench: %ld threads: %s run %d: %.2f ms\n",
					n, tools[t].name, rep + 1, ms);
		}
	}
	sleepers_stop(&s);
	return;
out_unusable:
	/* Its threads stay stopped, so it would never read EOF: kill it. */
	fprintf(stderr,
		"attach_bench: %ld threads: %s left the tracee unusable; skipping the rest"
		" of this size\n",
		n, tools[t].name);
	kill(s.pid, SIGKILL);
	close(s.in_fd);
	waitpid(s.pid, NULL, 0);
}

/* Median of the passing runs, or -1 when the figure is n/a or FAILED. */
static double median(const struct figure *f)
{
	double v[MAX_REPS];

	if (!f->n || f->failed)
		return -1;
	memcpy(v, f->ms, f->n * sizeof(v[0]));
	qsort(v, f->n, sizeof(v[0]), bl_cmp_double);
	return f->n % 2 ? v[f->n / 2] : (v[f->n / 2 - 1] + v[f->n / 2]) / 2;
}

static const char *fmt_ms(double ms, char *buf)
{
	snprintf(buf, 24, ms < 10 ? "%.2f" : ms < 1000 ? "%.1f" : "%.0f", ms);
	return buf;
}

static void fmt_cell(const struct figure *f, int t, char *cell, size_t len)
{
	char a[24], b[24], c[24];
	double lo = 1e300, hi = 0;
	int i;

	if (tools[t].missing || (!f->n && !f->failed)) {
		snprintf(cell, len, "n/a");
		return;
	}
	if (f->failed) {
		snprintf(cell, len, "FAILED (%d of %d)", f->failed, f->failed + f->n);
		return;
	}
	for (i = 0; i < f->n; i++) {
		lo = f->ms[i] < lo ? f->ms[i] : lo;
		hi = f->ms[i] > hi ? f->ms[i] : hi;
	}
	snprintf(cell, len, "%s (%s-%s)", fmt_ms(median(f), a), fmt_ms(lo, b), fmt_ms(hi, c));
}

static void print_header(void)
{
	int t;

	printf("bench/attach: attach + stop every thread + detach, whole process, fork to exit\n");
	bl_print_machine();
	printf("reps: %d per tool and size, interleaved; gdb %d at >= %ld threads\n", opt.reps,
	       opt.gdb_reps < opt.reps ? opt.gdb_reps : opt.reps, opt.gdb_big);
	for (t = 0; t < NTOOLS; t++) {
		if (tools[t].missing && t == T_GDB)
			printf("%-6s n/a: %s\n", tools[t].name, tools[t].missing);
		else if (tools[t].missing)
			printf("%-6s n/a: %s: %s\n", tools[t].name, tools[t].path,
			       tools[t].missing);
		else
			printf("%-6s %s\n", tools[t].name, tools[t].path);
	}
	fflush(stdout);
}

static void print_table(const char **skipped)
{
	char cell[NTOOLS][128], r[3][16];
	double med[NTOOLS];
	int si, t;

	printf("\nmedian ms (min-max)\n");
	printf("%7s | %-22s | %-22s | %-22s | %10s | %8s | %9s\n", "threads", "floor", "cdbg",
	       "gdb", "cdbg/floor", "gdb/cdbg", "gdb/floor");
	for (si = 0; si < opt.nsizes; si++) {
		if (skipped[si]) {
			printf("%7ld | skipped: %s\n", opt.sizes[si], skipped[si]);
			continue;
		}
		for (t = 0; t < NTOOLS; t++) {
			fmt_cell(&figs[si][t], t, cell[t], sizeof(cell[t]));
			med[t] = median(&figs[si][t]);
		}
		bl_fmt_ratio(med[T_CDBG], med[T_FLOOR], r[0], sizeof(r[0]));
		bl_fmt_ratio(med[T_GDB], med[T_CDBG], r[1], sizeof(r[1]));
		bl_fmt_ratio(med[T_GDB], med[T_FLOOR], r[2], sizeof(r[2]));
		printf("%7ld | %-22s | %-22s | %-22s | %10s | %8s | %9s\n", opt.sizes[si],
		       cell[T_FLOOR], cell[T_CDBG], cell[T_GDB], r[0], r[1], r[2]);
	}
}

/* Failures, one line each; returns how many figures FAILED. */
static int print_failures(void)
{
	int si, t, nfail = 0;

	for (si = 0; si < opt.nsizes; si++)
		for (t = 0; t < NTOOLS; t++) {
			if (!figs[si][t].failed)
				continue;
			if (!nfail++)
				printf("\nfailures:\n");
			printf("  %s at %ld threads: %d run(s) failed; first, %s\n", tools[t].name,
			       opt.sizes[si], figs[si][t].failed, figs[si][t].why);
		}
	return nfail;
}

static int size_index(long n)
{
	int si;

	for (si = 0; si < opt.nsizes; si++)
		if (opt.sizes[si] == n)
			return si;
	return -1;
}

static const char *verdict(int ok, int known)
{
	return !known ? "n/a" : ok ? "met" : "MISSED";
}

/* The targets for cdbg; informative, they do not change the exit status. */
static void print_targets(void)
{
	int si, known = 0, ok = 1, i1 = size_index(1), i4 = size_index(4000);
	double c, fl, g;

	printf("\ntargets for cdbg:\n");
	for (si = 0; si < opt.nsizes; si++) {
		c = median(&figs[si][T_CDBG]);
		fl = median(&figs[si][T_FLOOR]);
		if (c < 0 || fl <= 0)
			continue;
		known = 1;
		ok &= c <= 2 * fl;
	}
	printf("  cdbg/floor <= 2 at every size      %s\n", verdict(ok, known));
	c = i1 < 0 ? -1 : median(&figs[i1][T_CDBG]);
	printf("  1 thread (start-up) < 10 ms        %s\n", verdict(c < 10, c >= 0));
	c = i4 < 0 ? -1 : median(&figs[i4][T_CDBG]);
	g = i4 < 0 ? -1 : median(&figs[i4][T_GDB]);
	printf("  4000 threads < 140 ms              %s\n", verdict(c < 140, c >= 0));
	printf("  4000 threads gdb/cdbg >= 13        %s\n",
	       verdict(c > 0 && g >= 13 * c, c >= 0 && g >= 0));
}

int main(int argc, char **argv)
{
	const char *skipped[MAX_SIZES] = { 0 };
	int si;

	bl_name = "attach_bench";
	parse_args(argc, argv);
	find_tools();
	raise_limits();
	print_header();
	for (si = 0; si < opt.nsizes; si++) {
		skipped[si] = size_unfit(opt.sizes[si]);
		if (skipped[si]) {
			skipped[si] = strdup(skipped[si]);
			fprintf(stderr, "attach_bench: skipping %ld threads: %s\n", opt.sizes[si],
				skipped[si]);
			continue;
		}
		bench_size(si);
	}
	print_table(skipped);
	si = print_failures();
	print_targets();
	return si ? 1 : 0;
}
