/*
 * symbols_bench: how long a debugger takes from its start until `break FUNC` is resolved in a
 * large program, and how much memory it needs for that, cdbg against gdb in one run:
 *   - run:    `cdbg -q -batch -ex 'break FUNC' -ex run PROG` until the breakpoint is hit and
 *             the batch ends (gdb: the same, -nx, no shell, no debuginfod);
 *   - attach: `-p PID -ex 'break FUNC' -ex detach` on PROG running (blocked reading stdin).
 * Programs: c20k, a C program of 20,000 functions in 10 files built -O0 -g (generated at bench
 * build time), and gobig, a Go program linking much of the standard library (10-20 MB).
 *
 * Owns: the attach targets, running each tool, checking every run, the table. Must not: trace
 * anything itself, or leave a process behind (every run has a timeout and its own process
 * group; the attach targets are killed at the end and on any failure).
 *
 * Each figure is the median of --reps runs, tools interleaved; peak RSS is wait4's ru_maxrss
 * of the tool process. Exit status: 0 when every run that could be made passed its checks (a
 * missing tool or program is n/a); 1 when a run FAILED; 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"

#define MAX_REPS 50
#define OUT_MAX (1 << 20)

enum { T_CDBG, T_GDB, NTOOLS };
enum { S_RUN, S_ATTACH, NSCEN };
enum { P_C20K, P_GOBIG, NPROGS };

struct tool {
	const char *name;
	char path[PATH_MAX];
	const char *missing; /* why it is n/a, or NULL */
};

struct prog {
	const char *name;
	const char *what; /* how it was built */
	const char *func; /* the breakpoint's function */
	char path[PATH_MAX];
	const char *missing;
	pid_t pid; /* the attach target, 0 when none runs */
	int in;    /* its stdin (write end) */
};

struct figure {
	double ms[MAX_REPS];
	double rss_mb[MAX_REPS];
	int n;
	int failed;
	char why[256]; /* the first failure */
};

static struct tool tools[NTOOLS] = { { .name = "cdbg" }, { .name = "gdb" } };
static struct prog progs[NPROGS] = {
	{ .name = "c20k", .what = "20,000 functions in 10 files, -O0 -g", .func = "main" },
	{ .name = "gobig", .what = "Go, much of the standard library", .func = "main.main" },
};
static const char *scen_names[NSCEN] = { "run to the breakpoint", "attach, break, detach" };
static struct figure figs[NPROGS][NSCEN][NTOOLS];
static int reps = 5, timeout_s = 120, verbose;
static char *out;

static void kill_targets(void)
{
	for (int i = 0; i < NPROGS; i++)
		if (progs[i].pid > 0) {
			kill(progs[i].pid, SIGKILL);
			waitpid(progs[i].pid, NULL, 0);
			close(progs[i].in);
			progs[i].pid = 0;
		}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: symbols_bench [--cdbg PATH] [--c20k PATH] [--gobig PATH] [--reps N]\n"
		"                     [--timeout SECONDS] [-v]\n"
		"Defaults: ../src/cdbg, c20k and gobig next to this program; gdb from PATH.\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	bl_path_next_to_self(tools[T_CDBG].path, "../src/cdbg");
	bl_path_next_to_self(progs[P_C20K].path, "c20k");
	bl_path_next_to_self(progs[P_GOBIG].path, "gobig");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-v")) {
			verbose = 1;
			continue;
		}
		if (!v || !strcmp(a, "-h") || !strcmp(a, "--help"))
			usage();
		i++;
		if (!strcmp(a, "--cdbg"))
			snprintf(tools[T_CDBG].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--c20k"))
			snprintf(progs[P_C20K].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--gobig"))
			snprintf(progs[P_GOBIG].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--reps") && (reps = atoi(v)) >= 1 && reps <= MAX_REPS)
			;
		else if (!strcmp(a, "--timeout") && (timeout_s = atoi(v)) >= 1)
			;
		else
			usage();
	}
	if (access(tools[T_CDBG].path, X_OK))
		tools[T_CDBG].missing = "not built";
	if (bl_find_in_path("gdb", tools[T_GDB].path))
		tools[T_GDB].missing = "gdb is not in PATH";
	for (int i = 0; i < NPROGS; i++)
		if (access(progs[i].path, X_OK))
			progs[i].missing = "not built (cmake --build BUILD --target "
					   "bench_symbols_progs)";
}

/* Start prog with an argument (it then waits on stdin) and wait for its "ready" line. */
static int target_start(struct prog *pr)
{
	int in[2], o[2];
	char buf[256];
	size_t len = 0;
	ssize_t n;

	if (pipe2(in, O_CLOEXEC) || pipe2(o, O_CLOEXEC))
		bl_die("pipe: %s", strerror(errno));
	pr->pid = fork();
	if (pr->pid < 0)
		bl_die("fork: %s", strerror(errno));
	if (pr->pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(o[1], STDOUT_FILENO);
		execl(pr->path, pr->path, "wait", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	pr->in = in[1];
	bl_arm_timeout(30);
	while (len < sizeof(buf) - 1 && (n = read(o[0], buf + len, sizeof(buf) - 1 - len)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "ready\n"))
			break;
	}
	bl_arm_timeout(0);
	close(o[0]);
	buf[len] = '\0';
	return strstr(buf, "ready\n") ? 0 : -1;
}

/* Is any thread of pid in a tracing or job-control stop? Looks for up to a second. */
static int target_stopped(pid_t pid)
{
	char path[64], line[512];
	int stopped = 1;

	for (int tries = 0; tries < 20 && stopped; tries++) {
		FILE *f;
		char *c;

		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		if (!(f = fopen(path, "r")))
			return 1;
		stopped = fgets(line, sizeof(line), f) && (c = strrchr(line, ')')) &&
			  (c[2] == 't' || c[2] == 'T');
		fclose(f);
		if (stopped)
			usleep(50000);
	}
	return stopped;
}

static void tool_argv(int t, const struct prog *pr, int s, char **argv, char *brk, char *pid)
{
	int k = 0;

	snprintf(brk, 128, "break %s", pr->func);
	snprintf(pid, 32, "%d", (int)pr->pid);
	argv[k++] = tools[t].path;
	if (t == T_GDB) {
		argv[k++] = "-nx";
		argv[k++] = "-iex";
		argv[k++] = "set debuginfod enabled off";
		argv[k++] = "-iex";
		argv[k++] = "set startup-with-shell off";
	}
	argv[k++] = "-q";
	argv[k++] = "-batch";
	if (s == S_ATTACH) {
		argv[k++] = "-p";
		argv[k++] = pid;
	}
	argv[k++] = "-ex";
	argv[k++] = brk;
	argv[k++] = "-ex";
	argv[k++] = s == S_RUN ? "run" : "detach";
	if (s == S_RUN)
		argv[k++] = (char *)pr->path;
	argv[k] = NULL;
}

/* Did the run do the job? "" when it did, else why not. */
static const char *check(const struct prog *pr, int s, const char *o)
{
	const char *b;

	if (s == S_ATTACH)
		return strstr(o, "Breakpoint 1 at 0x") ? "" : "no \"Breakpoint 1 at 0x...\" line";
	b = strstr(o, "Breakpoint 1, ");
	if (!b || strncmp(strchr(b, ',') + 2, pr->func, strlen(pr->func)) != 0 ||
	    strchr(b, ',')[2 + strlen(pr->func)] != ' ')
		return "the program did not stop at the breakpoint";
	return "";
}

static void run_one(int p, int s, int t)
{
	struct prog *pr = &progs[p];
	struct figure *f = &figs[p][s][t];
	char *argv[20], brk[128], pid[32];
	struct bl_result r;
	const char *bad;
	int rc;

	tool_argv(t, pr, s, argv, brk, pid);
	rc = bl_run(argv, -1, out, OUT_MAX, timeout_s, &r);
	bad = rc < 0 ? r.why : check(pr, s, out);
	if (!*bad && s == S_ATTACH && target_stopped(pr->pid))
		bad = "the program was left stopped";
	if (verbose)
		fprintf(stderr, "%s %s %s: %.1f ms, %ld KB%s%s\n", pr->name, scen_names[s],
			tools[t].name, r.secs * 1e3, r.maxrss_kb, *bad ? ": FAILED: " : "", bad);
	if (*bad) {
		if (!f->failed++) {
			const char *last = out + strlen(out);
			while (last > out && last[-1] == '\n')
				last--;
			while (last > out && last[-1] != '\n')
				last--;
			snprintf(f->why, sizeof(f->why), "%s (last output: %.120s)", bad, last);
		}
		return;
	}
	f->ms[f->n] = r.secs * 1e3;
	f->rss_mb[f->n++] = r.maxrss_kb / 1024.0;
}

static void bench_prog(int p)
{
	struct prog *pr = &progs[p];

	if (pr->missing)
		return;
	for (int s = 0; s < NSCEN; s++) {
		if (s == S_ATTACH && target_start(pr) < 0) {
			kill_targets();
			for (int t = 0; t < NTOOLS; t++) {
				figs[p][s][t].failed = 1;
				snprintf(figs[p][s][t].why, sizeof(figs[p][s][t].why),
					 "%s printed no ready line", pr->name);
			}
			continue;
		}
		/* One unmeasured run each first: the page cache holds the files for every tool. */
		for (int i = -1; i < reps; i++)
			for (int t = 0; t < NTOOLS; t++) {
				if (tools[t].missing)
					continue;
				if (i < 0) {
					struct figure save = figs[p][s][t];
					run_one(p, s, t);
					figs[p][s][t] = save;
					continue;
				}
				run_one(p, s, t);
			}
		kill_targets();
	}
}

static void fmt_cell(const struct figure *f, const double *v, char *buf, size_t len,
		     const char *fmt)
{
	double lo, hi;

	if (f->n == 0) {
		snprintf(buf, len, "%s", f->failed ? "FAILED" : "n/a");
		return;
	}
	bl_range(v, f->n, &lo, &hi);
	snprintf(buf, len, fmt, bl_median(v, f->n), lo, hi);
}

static void print_header(void)
{
	struct utsname u;
	struct stat st;

	uname(&u);
	printf("bench/symbols: from start to `break FUNC` resolved, cdbg and gdb; median of %d runs"
	       " (min-max), peak RSS\n",
	       reps);
	printf("machine: %ld CPUs, Linux %s\n", sysconf(_SC_NPROCESSORS_ONLN), u.release);
	for (int t = 0; t < NTOOLS; t++)
		printf("%-6s %s%s%s\n", tools[t].name, tools[t].path,
		       tools[t].missing ? ": n/a: " : "", tools[t].missing ? tools[t].missing : "");
	for (int p = 0; p < NPROGS; p++) {
		double mb = stat(progs[p].path, &st) == 0 ? st.st_size / 1048576.0 : 0;
		printf("%-6s %s (%.1f MB; %s; break %s)%s%s\n", progs[p].name, progs[p].path, mb,
		       progs[p].what, progs[p].func, progs[p].missing ? ": n/a: " : "",
		       progs[p].missing ? progs[p].missing : "");
	}
	bl_print_load("at start");
	fflush(stdout);
}

/* Prints the table; returns whether every row met both targets (-1: some row is n/a). */
static int print_table(void)
{
	int met = 1;

	printf("\n%-6s | %-22s | %-20s | %-22s | %8s | %-18s | %-18s\n", "prog", "scenario",
	       "cdbg ms", "gdb ms", "gdb/cdbg", "cdbg RSS MB", "gdb RSS MB");
	for (int p = 0; p < NPROGS; p++)
		for (int s = 0; s < NSCEN; s++) {
			struct figure *c = &figs[p][s][T_CDBG], *g = &figs[p][s][T_GDB];
			char cell[4][64], ratio[16] = "n/a";
			double cm = bl_median(c->ms, c->n), gm = bl_median(g->ms, g->n);

			fmt_cell(c, c->ms, cell[0], 64, "%.1f (%.1f-%.1f)");
			fmt_cell(g, g->ms, cell[1], 64, "%.1f (%.1f-%.1f)");
			fmt_cell(c, c->rss_mb, cell[2], 64, "%.1f (%.1f-%.1f)");
			fmt_cell(g, g->rss_mb, cell[3], 64, "%.1f (%.1f-%.1f)");
			if (c->n && g->n) {
				double crss = bl_median(c->rss_mb, c->n);
				snprintf(ratio, sizeof(ratio), "%.2f", gm / cm);
				if (gm / cm < 3 || crss > bl_median(g->rss_mb, g->n))
					met = 0;
			} else if (met > 0) {
				met = -1;
			}
			printf("%-6s | %-22s | %-20s | %-22s | %8s | %-18s | %-18s\n",
			       progs[p].name, scen_names[s], cell[0], cell[1], ratio, cell[2],
			       cell[3]);
		}
	return met;
}

int main(int argc, char **argv)
{
	int failed = 0, met;

	bl_name = "symbols_bench";
	bl_cleanup = kill_targets;
	unsetenv("DEBUGINFOD_URLS");
	parse_args(argc, argv);
	if (!(out = malloc(OUT_MAX)))
		bl_die("out of memory");
	print_header();
	for (int p = 0; p < NPROGS; p++)
		bench_prog(p);
	met = print_table();
	bl_print_load("at end");
	for (int p = 0; p < NPROGS; p++)
		for (int s = 0; s < NSCEN; s++)
			for (int t = 0; t < NTOOLS; t++) {
				const struct figure *f = &figs[p][s][t];
				if (!f->failed)
					continue;
				if (!failed++)
					printf("failures:\n");
				printf("  %s, %s, %s: %d runs: %s\n", progs[p].name, scen_names[s],
				       tools[t].name, f->failed, f->why);
			}
	printf("targets for cdbg: at least 3 times faster than gdb and peak RSS no larger, on "
	       "every row: %s\n",
	       met > 0  ? "met" :
	       met == 0 ? "MISSED" :
			  "n/a");
	free(out);
	return failed ? 1 : 0;
}
