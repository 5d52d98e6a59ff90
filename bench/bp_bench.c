/*
 * bp_bench: breakpoint hits and single-steps per second for cdbg (bp_cdbg), gdb and two raw
 * ptrace floors (bp_floor), run interleaved in one run on the same tracee (bphit_tracee), with
 * every process pinned to one CPU and then unpinned, and prints medians and ratios.
 *
 * Owns: running each tool, sizing its work, checking every run, the table. Must not: trace
 * anything itself, or let a hung tool leave a process behind (each run has a timeout and its
 * own process group, which is killed on timeout; the tracee also exits after a deadline).
 *
 * The rate of a run is the work (hits, or steps) over the time the tracee itself measured
 * around that work, so start-up, symbol loading and exit never count.
 *
 * Exit status: 0 when every run that could be made passed its checks, a missing tool included
 * (shown as n/a); 1 when a run FAILED; 2 on bad usage or when the bench itself could not run.
 */
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
#define OUT_MAX (4 << 20) /* bytes of a tool's output we look at */

enum { T_FLOOR, T_STEPOVER, T_CDBG, T_GDB, NTOOLS };
enum { S_HITS1, S_HITS8, S_COND, S_STEPS, NSCEN };
enum { M_PINNED, M_UNPINNED, NMODES };

struct tool {
	const char *name;    /* column title */
	char path[PATH_MAX]; /* executable to run */
	const char *missing; /* why it is n/a, or NULL when it runs */
};

struct scenario {
	const char *key;    /* its name on the command line */
	const char *title;  /* its row title (threads filled in for hits8) */
	const char *verb;   /* bp_floor/bp_cdbg mode: hits, cond, steps */
	long probe[NTOOLS]; /* work of the sizing run */
};

/* The runs of one tool in one scenario and mode. */
struct figure {
	double rate[MAX_REPS]; /* hits or steps per second of each passing run */
	int n;                 /* passing runs in rate[] */
	int failed;            /* runs that failed a check */
	long work;             /* hits or steps per run, from the sizing run */
	char why[256];         /* the first failure, for the notes */
};

/* What one run printed, as far as the checks need it. */
struct result {
	long calls, sum, expected; /* the tracee's done line */
	long long ns;              /* the tracee's timing of the work */
	unsigned long spin;        /* address of spin_steps from the ready line */
	long hits;                 /* breakpoint stops the tool reported; -1 if it did not say */
	long traps;                /* bp_floor: int3 traps; -1 if not printed */
	long steps;                /* steps the tool says it made; -1 if it did not say */
	unsigned long pc;          /* pc after the steps; 0 if not printed */
};

struct opts {
	int scen[NSCEN];       /* which scenarios run */
	int mode[NMODES];      /* which modes run */
	int reps;              /* runs per tool and figure */
	int gdb_reps;          /* runs of gdb per figure */
	int threads;           /* threads of the many-threads scenario */
	int cpu;               /* the CPU of the pinned mode */
	double seconds;        /* how long one run's work should take */
	int timeout;           /* seconds one tool run may take */
	int verbose;           /* every run on stderr */
	int no_gdb;            /* leave gdb out */
	char tracee[PATH_MAX]; /* bphit_tracee */
};

static struct tool tools[NTOOLS] = {
	[T_FLOOR] = { .name = "floor" },
	[T_STEPOVER] = { .name = "step-over" },
	[T_CDBG] = { .name = "cdbg" },
	[T_GDB] = { .name = "gdb" },
};
static struct scenario scens[NSCEN] = {
	[S_HITS1] = { "hits1", "hits, 1 thread", "hits", { 2000, 2000, 2000, 300 } },
	[S_HITS8] = { "hits8", "hits, %d threads", "hits", { 2000, 2000, 2000, 300 } },
	[S_COND] = { "cond", "false cond, 1 thr", "cond", { 2000, 2000, 2000, 300 } },
	[S_STEPS] = { "steps", "single-steps", "steps", { 2004, 0, 2004, 300 } },
};
static const char *mode_names[NMODES] = { "pinned", "unpinned" };
static struct figure figs[NMODES][NSCEN][NTOOLS];
static struct opts opt = {
	.scen = { 1, 1, 1, 1 },
	.mode = { 1, 1 },
	.reps = 5,
	.gdb_reps = 3,
	.threads = 8,
	.seconds = 0.5,
	.timeout = 120,
};
static cpu_set_t all_cpus; /* our affinity at start: the unpinned mask */
static char tmpdir[64];    /* gdb's command file and stdin file */

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bp_bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bp_bench [--scenarios hits1,hits8,cond,steps] [--modes pinned,unpinned]\n"
		"                [--reps R] [--gdb-reps R] [--threads N] [--cpu C] [--seconds S]\n"
		"                [--floor PATH] [--cdbg PATH] [--tracee PATH] [--no-gdb]\n"
		"                [--timeout SECS] [-v]\n"
		"  --scenarios  which rows (default all four)\n"
		"  --modes      pinned: tools and tracee on CPU C (--cpu, default 0); unpinned: free\n"
		"  --reps       runs per tool and figure (default 5); --gdb-reps for gdb (default 3)\n"
		"  --threads    threads of the hits8 row (default 8)\n"
		"  --seconds    work per run, sized from a first short run (default 0.5)\n"
		"  --cdbg       bp_cdbg, the libcdbg client (default next to bp_bench)\n"
		"  --timeout    seconds one tool run may take before it is killed (default 120)\n"
		"  -v           print every run on stderr\n");
	exit(2);
}

static int parse_count(const char *flag, const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < lo || v > hi)
		die("%s: want a number from %d to %d, got \"%s\"", flag, lo, hi, s);
	return v;
}

/* A comma list of names out of names[0..n) into on[]. */
static void parse_set(const char *flag, const char *s, const char *const *names, int n, int *on)
{
	size_t len;
	int i;

	memset(on, 0, n * sizeof(*on));
	for (; *s; s += len + (s[len] == ',')) {
		len = strcspn(s, ",");
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && !strncmp(names[i], s, len))
				break;
		if (i == n)
			die("%s: unknown name \"%.*s\"", flag, (int)len, s);
		on[i] = 1;
	}
}

static void parse_args(int argc, char **argv)
{
	const char *keys[NSCEN];
	char *end;
	int i;

	for (i = 0; i < NSCEN; i++)
		keys[i] = scens[i].key;
	bl_path_next_to_self(tools[T_FLOOR].path, "bp_floor");
	bl_path_next_to_self(tools[T_CDBG].path, "bp_cdbg");
	bl_path_next_to_self(opt.tracee, "bphit_tracee");
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
		if (!strcmp(a, "--scenarios"))
			parse_set(a, v, keys, NSCEN, opt.scen);
		else if (!strcmp(a, "--modes"))
			parse_set(a, v, mode_names, NMODES, opt.mode);
		else if (!strcmp(a, "--reps"))
			opt.reps = parse_count(a, v, 1, MAX_REPS);
		else if (!strcmp(a, "--gdb-reps"))
			opt.gdb_reps = parse_count(a, v, 1, MAX_REPS);
		else if (!strcmp(a, "--threads"))
			opt.threads = parse_count(a, v, 2, 256);
		else if (!strcmp(a, "--cpu"))
			opt.cpu = parse_count(a, v, 0, CPU_SETSIZE - 1);
		else if (!strcmp(a, "--timeout"))
			opt.timeout = parse_count(a, v, 1, 86400);
		else if (!strcmp(a, "--seconds") && (opt.seconds = strtod(v, &end)) > 0 && !*end)
			;
		else if (!strcmp(a, "--floor"))
			snprintf(tools[T_FLOOR].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--cdbg"))
			snprintf(tools[T_CDBG].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--tracee"))
			snprintf(opt.tracee, PATH_MAX, "%s", v);
		else
			usage();
	}
	memcpy(tools[T_STEPOVER].path, tools[T_FLOOR].path, PATH_MAX);
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
	if (access(opt.tracee, X_OK) < 0)
		die("cannot run the tracee %s: %s", opt.tracee, strerror(errno));
	if (sched_getaffinity(0, sizeof(all_cpus), &all_cpus) < 0)
		die("sched_getaffinity: %s", strerror(errno));
	if (opt.mode[M_PINNED] && !CPU_ISSET(opt.cpu, &all_cpus))
		die("--cpu %d: this process may not run there", opt.cpu);
	if (!mkdtemp(strcpy(tmpdir, "/tmp/bp_bench.XXXXXX")))
		die("mkdtemp: %s", strerror(errno));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		die("cannot write %s: %s", path, strerror(errno));
}

/*
 * gdb's script: the same work as the others. Breakpoint commands "silent; continue" make each
 * hit a stop that continues; the condition is gdb's own; stepi N steps N times. The tracee's
 * arguments go on the run line, which also feeds it "go" from a file.
 */
static void write_gdb_script(int s, long nthreads, long calls, long steps, char *path)
{
	char text[1024], run[128];
	int n;

	if (s == S_STEPS)
		snprintf(run, sizeof(run), "1 0 %ld", steps + 1000);
	else
		snprintf(run, sizeof(run), "%ld %ld", nthreads, calls);
	n = snprintf(text, sizeof(text),
		     "set pagination off\nset confirm off\n"
		     "set print thread-events off\n");
	if (s == S_STEPS)
		n += snprintf(text + n, sizeof(text) - n,
			      "break *spin_steps\nrun %s < %s/go\ndelete\nstepi %ld\n"
			      "printf \"steps pc=%%#lx\\n\", $pc\ncontinue\n",
			      run, tmpdir, steps);
	else
		n += snprintf(text + n, sizeof(text) - n,
			      "break *hit\ncommands\nsilent\ncontinue\nend\n%s"
			      "run %s < %s/go\ninfo breakpoints\n",
			      s == S_COND ? "condition 1 $rdi == -1\n" : "", run, tmpdir);
	snprintf(path, PATH_MAX, "%s/gdb.cmds", tmpdir);
	write_file(path, text);
}

/* argv of tool t doing `work` hits (or steps) of scenario s; strings live in buf. */
static void tool_argv(int t, int s, long work, char **argv, char (*buf)[PATH_MAX])
{
	long nthreads = s == S_HITS8 ? opt.threads : 1;
	int i = 0;

	argv[i++] = tools[t].path;
	if (t == T_GDB) {
		write_gdb_script(s, nthreads, work / nthreads, work, buf[0]);
		argv[i++] = "-nx";
		argv[i++] = "-q";
		argv[i++] = "-batch";
		argv[i++] = "-x";
		argv[i++] = buf[0];
		argv[i++] = opt.tracee;
		argv[i] = NULL;
		return;
	}
	if (t == T_FLOOR)
		argv[i++] = "--jump";
	else if (t == T_STEPOVER)
		argv[i++] = "--step-over";
	argv[i++] = (char *)scens[s].verb;
	argv[i++] = opt.tracee;
	if (s == S_STEPS) {
		snprintf(buf[0], PATH_MAX, "%ld", work);
		snprintf(buf[1], PATH_MAX, "%ld", work + 1000);
	} else {
		snprintf(buf[0], PATH_MAX, "%ld", nthreads);
		snprintf(buf[1], PATH_MAX, "%ld", work / nthreads);
	}
	argv[i++] = buf[0];
	argv[i++] = buf[1];
	argv[i] = NULL;
}

/* In the child before its exec: the CPUs of the mode. */
static void child_affinity(void *mode)
{
	bl_child_affinity(opt.cpu, *(int *)mode == M_PINNED, &all_cpus);
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

/* The value after `key` in text as a long, or dflt when key is not there. */
static long field(const char *text, const char *key, long dflt)
{
	const char *p = strstr(text, key);

	return p ? strtol(p + strlen(key), NULL, 0) : dflt;
}

static void parse_output(int t, long work, const char *out, struct result *r)
{
	const char *done = strstr(out, "done calls=");
	const char *ready = strstr(out, "ready pid=");

	memset(r, 0, sizeof(*r));
	r->calls = r->sum = r->expected = -1;
	if (done) {
		r->calls = field(done, "calls=", -1);
		r->sum = field(done, "sum=", -1);
		r->expected = field(done, "expected=", -1);
		r->ns = strtoll(strstr(done, "ns=") ? strstr(done, "ns=") + 3 : "0", NULL, 10);
	}
	r->spin = ready ? (unsigned long)field(ready, "spin=", 0) : 0;
	r->traps = field(out, " traps=", -1);
	if (t == T_GDB) {
		/* gdb counts a hit only when the condition holds, and shows no count before one. */
		r->hits = field(out, "breakpoint already hit ", 0);
		r->pc = (unsigned long)field(out, "steps pc=", 0);
		r->steps = r->pc ? work : -1; /* stepi N made N steps, or failed */
	} else {
		r->hits = field(out, "hits=", -1);
		r->steps = field(out, "steps=", -1);
		r->pc = (unsigned long)field(out, " pc=", 0);
	}
}

/* Check one run's output against the work it was given; 0 or -1 with the reason in why. */
static int check_result(int t, int s, long work, const char *out, const struct result *r, char *why,
			size_t whylen)
{
	long calls = s == S_STEPS ? 0 : work;

	if (r->calls < 0 || r->ns <= 0)
		snprintf(why, whylen, "no \"done\" line from the tracee");
	else if (r->calls != calls)
		snprintf(why, whylen, "the tracee made %ld calls, not %ld", r->calls, calls);
	else if (r->sum != r->expected)
		snprintf(why, whylen, "the tracee's sum is %ld, should be %ld (a call went wrong)",
			 r->sum, r->expected);
	else if (t == T_GDB && !strstr(out, "exited normally"))
		snprintf(why, whylen, "gdb did not see the tracee exit normally");
	else if (s != S_STEPS && r->hits != (s == S_COND ? 0 : work))
		snprintf(why, whylen, "%ld breakpoint stops reported, want %ld", r->hits,
			 s == S_COND ? 0 : work);
	else if (s != S_STEPS && r->traps >= 0 && r->traps != work)
		snprintf(why, whylen, "%ld int3 traps, want %ld", r->traps, work);
	else if (s == S_STEPS && (r->steps < 0 || !r->pc))
		snprintf(why, whylen, "no step count or pc in the output");
	else if (s == S_STEPS && r->steps != work)
		snprintf(why, whylen, "%ld steps made, want %ld", r->steps, work);
	else if (s == S_STEPS && (r->pc <= r->spin || r->pc >= r->spin + 256))
		snprintf(why, whylen, "pc %#lx after the steps is not in spin_steps (%#lx)", r->pc,
			 r->spin);
	else
		return 0;
	return -1;
}

static void record_failure(struct figure *f, const char *what, const char *why)
{
	if (!f->failed++)
		snprintf(f->why, sizeof(f->why), "%s: %s", what, why);
}

/*
 * One run of tool t: `work` hits or steps. Returns the rate, or -1 after recording why it
 * failed. *pc_off gets pc - spin_steps for the steps scenario: every tool must agree on it,
 * as every step count is a multiple of 12 past the same start.
 */
static double run_one(int m, int s, int t, long work, const char *what, long *pc_off)
{
	struct figure *f = &figs[m][s][t];
	static char out[OUT_MAX];
	char buf[2][PATH_MAX], why[256], *argv[16];
	struct result r;
	double secs;

	tool_argv(t, s, work, argv, buf);
	if (run_argv(argv, m, out, &secs, why, sizeof(why)) == 0) {
		parse_output(t, work, out, &r);
		if (check_result(t, s, work, out, &r, why, sizeof(why)) == 0) {
			if (s == S_STEPS && *pc_off < 0)
				*pc_off = r.pc - r.spin;
			if (s != S_STEPS || (long)(r.pc - r.spin) == *pc_off) {
				if (opt.verbose)
					fprintf(stderr,
						"bp_bench: %s %s %s %s: %ld in %.3f s (run"
						" %.2f s): %.0f/s\n",
						mode_names[m], scens[s].key, tools[t].name, what,
						work, r.ns / 1e9, secs, work / (r.ns / 1e9));
				return work / (r.ns / 1e9);
			}
			snprintf(why, sizeof(why),
				 "pc is spin_steps+%#lx after the steps, others"
				 " got +%#lx",
				 r.pc - r.spin, *pc_off);
		}
	}
	/* The last line of output usually says what went wrong. */
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
	fprintf(stderr, "bp_bench: %s %s %s %s FAILED: %s\n", mode_names[m], scens[s].key,
		tools[t].name, what, why);
	return -1;
}

static int runs_tool(int s, int t)
{
	return !tools[t].missing && !(s == S_STEPS && t == T_STEPOVER);
}

/* Round work to what the scenario needs: whole calls per thread, steps by 12. */
static long round_work(int s, double w)
{
	long unit = s == S_HITS8 ? opt.threads : s == S_STEPS ? 12 : 1;
	long n = (long)(w / unit + 0.5) * unit;

	if (n < 20 * unit)
		n = 20 * unit;
	return n > 100000000 ? 100000000 / unit * unit : n;
}

static double median(const struct figure *f);

/* One figure row: a short sizing run per tool, then the reps interleaved. Rates do not depend
 * on the amount of work, so each run is sized from the median rate of the runs before it. */
static void bench_row(int m, int s)
{
	long pc_off = -1, probe;
	double rate;
	int rep, t;

	for (t = 0; t < NTOOLS; t++) {
		if (!runs_tool(s, t))
			continue;
		probe = round_work(s, scens[s].probe[t]);
		rate = run_one(m, s, t, probe, "sizing run", &pc_off);
		if (rate > 0)
			figs[m][s][t].work = round_work(s, rate * opt.seconds);
	}
	for (rep = 0; rep < opt.reps; rep++)
		for (t = 0; t < NTOOLS; t++) {
			struct figure *f = &figs[m][s][t];
			char what[32];

			if (!runs_tool(s, t) || !f->work || f->failed)
				continue;
			if (t == T_GDB && rep >= opt.gdb_reps)
				continue;
			snprintf(what, sizeof(what), "run %d", rep + 1);
			rate = run_one(m, s, t, f->work, what, &pc_off);
			if (rate <= 0)
				continue;
			f->rate[f->n++] = rate;
			/* The sizing run is short and may have been unlucky: resize from all so far. */
			f->work = round_work(s, median(f) * opt.seconds);
		}
}

/* Median of the passing runs, or -1 when the figure is n/a or FAILED. */
static double median(const struct figure *f)
{
	double v[MAX_REPS];

	if (!f->n || f->failed)
		return -1;
	memcpy(v, f->rate, f->n * sizeof(v[0]));
	qsort(v, f->n, sizeof(v[0]), bl_cmp_double);
	return f->n % 2 ? v[f->n / 2] : (v[f->n / 2 - 1] + v[f->n / 2]) / 2;
}

static void fmt_cell(int s, int t, const struct figure *f, char *cell, size_t len)
{
	double lo = 1e300, hi = 0;
	int i;

	if (!runs_tool(s, t) && !tools[t].missing) {
		snprintf(cell, len, "-");
		return;
	}
	if (tools[t].missing || (!f->n && !f->failed)) {
		snprintf(cell, len, "n/a");
		return;
	}
	if (f->failed) {
		snprintf(cell, len, "FAILED");
		return;
	}
	for (i = 0; i < f->n; i++) {
		lo = f->rate[i] < lo ? f->rate[i] : lo;
		hi = f->rate[i] > hi ? f->rate[i] : hi;
	}
	snprintf(cell, len, "%.0f (%.0f-%.0f)", median(f), lo, hi);
}

static void print_header(void)
{
	int t;

	printf("bench/breakpoint: breakpoint hits continued through, and single-steps, per second\n");
	bl_print_machine();
	printf("reps: %d per tool and figure, interleaved (gdb %d), each sized to about %.2g s of"
	       " work\n",
	       opt.reps, opt.gdb_reps < opt.reps ? opt.gdb_reps : opt.reps, opt.seconds);
	for (t = 0; t < NTOOLS; t++) {
		const char *extra = t == T_FLOOR    ? " --jump" :
				    t == T_STEPOVER ? " --step-over" :
						      "";

		if (tools[t].missing && t == T_GDB)
			printf("%-9s n/a: %s\n", tools[t].name, tools[t].missing);
		else if (tools[t].missing)
			printf("%-9s n/a: %s: %s\n", tools[t].name, tools[t].path,
			       tools[t].missing);
		else
			printf("%-9s %s%s\n", tools[t].name, tools[t].path, extra);
	}
	printf("tracee    %s\n", opt.tracee);
	bl_print_load("at start");
	fflush(stdout);
}

static void row_title(int s, char *buf, size_t len)
{
	snprintf(buf, len, scens[s].title, opt.threads);
}

static void print_table(int m)
{
	char cell[NTOOLS][64], r[2][16], title[32];
	double med[NTOOLS];
	int s, t;

	if (m == M_PINNED)
		printf("\npinned: every process on CPU %d; per second, median (min-max)\n",
		       opt.cpu);
	else
		printf("\nunpinned: free to run on any CPU; per second, median (min-max)\n");
	printf("%-17s | %-21s | %-21s | %-21s | %-19s | %10s | %8s\n", "scenario", "floor",
	       "step-over", "cdbg", "gdb", "cdbg/floor", "cdbg/gdb");
	for (s = 0; s < NSCEN; s++) {
		if (!opt.scen[s])
			continue;
		for (t = 0; t < NTOOLS; t++) {
			fmt_cell(s, t, &figs[m][s][t], cell[t], sizeof(cell[t]));
			med[t] = median(&figs[m][s][t]);
		}
		bl_fmt_ratio(med[T_CDBG], med[T_FLOOR], r[0], sizeof(r[0]));
		bl_fmt_ratio(med[T_CDBG], med[T_GDB], r[1], sizeof(r[1]));
		row_title(s, title, sizeof(title));
		printf("%-17s | %-21s | %-21s | %-21s | %-19s | %10s | %8s\n", title, cell[T_FLOOR],
		       cell[T_STEPOVER], cell[T_CDBG], cell[T_GDB], r[0], r[1]);
	}
}

/* Failures, one line each; returns how many figures FAILED. */
static int print_failures(void)
{
	char title[32];
	int m, s, t, nfail = 0;

	for (m = 0; m < NMODES; m++)
		for (s = 0; s < NSCEN; s++)
			for (t = 0; t < NTOOLS; t++) {
				if (!figs[m][s][t].failed)
					continue;
				if (!nfail++)
					printf("\nfailures:\n");
				row_title(s, title, sizeof(title));
				printf("  %s, %s, %s: %d run(s) failed; first, %s\n", mode_names[m],
				       title, tools[t].name, figs[m][s][t].failed,
				       figs[m][s][t].why);
			}
	return nfail;
}

/* Append "mode row (value)" to a list of misses. */
static void add_miss(char *list, size_t len, int m, int s, const char *fmt, double v)
{
	size_t n = strlen(list);
	char title[32];

	row_title(s, title, sizeof(title));
	n += snprintf(list + n, len - n, "%s%s %s (", n ? "; " : "", mode_names[m], title);
	if (v < 0)
		snprintf(list + n, len - n, "FAILED)");
	else
		snprintf(list + n, len - n, fmt, v);
}

static void print_target(const char *what, int known, const char *misses)
{
	printf("  %-44s %s%s\n", what,
	       !known    ? "n/a" :
	       misses[0] ? "MISSED: " :
			   "met",
	       known ? misses : "");
}

/* The targets for cdbg; informative, they do not change the exit status. */
static void print_targets(void)
{
	char miss[3][512] = { "", "", "" }, what[64];
	int m, s, known[3] = { 0 };
	double c, fl, g, c1, c8;

	for (m = 0; m < NMODES; m++) {
		for (s = 0; s < NSCEN; s++) {
			if (!opt.mode[m] || !opt.scen[s])
				continue;
			c = median(&figs[m][s][T_CDBG]);
			fl = median(&figs[m][s][T_FLOOR]);
			g = median(&figs[m][s][T_GDB]);
			known[0] |= fl > 0;
			if (fl > 0 && c * 1.5 < fl)
				add_miss(miss[0], sizeof(miss[0]), m, s, "%.2f)", c / fl);
			known[1] |= g > 0;
			if (g > 0 && c < 4 * g)
				add_miss(miss[1], sizeof(miss[1]), m, s, "%.1fx)", c / g);
		}
		c1 = median(&figs[m][S_HITS1][T_CDBG]);
		c8 = median(&figs[m][S_HITS8][T_CDBG]);
		if (opt.mode[m] && opt.scen[S_HITS1] && opt.scen[S_HITS8] && c1 > 0) {
			known[2] = 1;
			if (c8 < 0.9 * c1)
				add_miss(miss[2], sizeof(miss[2]), m, S_HITS8, "%.2f of 1 thread)",
					 c8 < 0 ? -1 : c8 / c1);
		}
	}
	printf("\ntargets for cdbg:\n");
	print_target("cdbg/floor >= 0.67 (within 1.5x) everywhere", known[0], miss[0]);
	print_target("cdbg/gdb >= 4 everywhere", known[1], miss[1]);
	snprintf(what, sizeof(what), "%d threads per hit >= 0.9 x 1 thread", opt.threads);
	print_target(what, known[2], miss[2]);
}

int main(int argc, char **argv)
{
	char path[PATH_MAX];
	int m, s, nfail;

	bl_name = "bp_bench";
	parse_args(argc, argv);
	find_tools();
	snprintf(path, sizeof(path), "%s/go", tmpdir);
	write_file(path, "go\n");
	print_header();
	for (m = 0; m < NMODES; m++)
		for (s = 0; s < NSCEN; s++)
			if (opt.mode[m] && opt.scen[s]) {
				fprintf(stderr, "bp_bench: %s: %s\n", mode_names[m], scens[s].key);
				bench_row(m, s);
			}
	bl_print_load("at end");
	for (m = 0; m < NMODES; m++)
		if (opt.mode[m])
			print_table(m);
	nfail = print_failures();
	print_targets();
	unlink(path);
	snprintf(path, sizeof(path), "%s/gdb.cmds", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return nfail ? 1 : 0;
}
