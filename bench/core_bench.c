/*
 * core_bench: `thread apply all bt` on the core of a 1,000-thread program, cdbg against gdb in
 * one run:
 *   cdbg: cdbg PROG CORE -batch -ex 'thread apply all bt'
 *   gdb:  gdb -nx -iex 'set debuginfod enabled off' -batch PROG CORE -ex 'thread apply all bt'
 * PROG is core_tracee N: thread i parked i % 13 + 1 frames deep in walk_a/walk_b/walk_c. The
 * core is made once per bench run, by the kernel (the tracee raises SIGQUIT with RLIMIT_CORE
 * raised, in a directory of ours, when /proc/sys/kernel/core_pattern is a plain file name) or
 * else by gdb's gcore; the bench never changes core_pattern.
 *
 * Owns: the tracee, its core, running each tool, checking every run, the table. Must not:
 * trace anything itself, or leave a process or file behind (the tracee is killed by pid and
 * the directory removed, on failure too).
 *
 * Checks after each run: the tool exited 0; it printed N + 1 "Thread " headers, one frame in
 * main and exactly the walk_ frames the tracee made. Exit status: 0 when every run that could
 * be made passed; 1 when a run FAILED; 2 on bad usage or when no core could be made.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"

#define MAX_REPS 50
#define OUT_MAX (32 << 20)

enum { T_CDBG, T_GDB, NTOOLS };

struct tool {
	const char *name;
	char path[PATH_MAX];
	const char *missing;
};

struct figure {
	double ms[MAX_REPS];
	double rss_mb[MAX_REPS];
	int n;
	int failed;
	char why[400];
};

static struct tool tools[NTOOLS] = { { .name = "cdbg" }, { .name = "gdb" } };
static struct figure figs[NTOOLS];
static char tracee[PATH_MAX], dir[PATH_MAX], core[PATH_MAX + 64];
static const char *core_from = "auto", *core_how = "?";
static long nthreads = 1000, frames;
static int reps = 5, timeout_s = 120, verbose;
static pid_t tpid;
static int tin = -1;
static char *out;

static void cleanup(void)
{
	if (tpid > 0) {
		kill(tpid, SIGKILL);
		waitpid(tpid, NULL, 0);
		tpid = 0;
	}
	if (tin >= 0)
		close(tin);
	tin = -1;
	if (core[0])
		unlink(core);
	if (dir[0])
		rmdir(dir);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: core_bench [--cdbg PATH] [--tracee PATH] [--threads N] [--reps N]\n"
		"                  [--core-from auto|kernel|gdb] [--timeout SECONDS] [-v]\n"
		"Defaults: ../src/cdbg and core_tracee next to this program; gdb from PATH;\n"
		"1000 threads; the core in a new directory under $TMPDIR (or /tmp).\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	bl_path_next_to_self(tools[T_CDBG].path, "../src/cdbg");
	bl_path_next_to_self(tracee, "core_tracee");
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
		else if (!strcmp(a, "--tracee"))
			snprintf(tracee, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--threads") && (nthreads = atol(v)) >= 1 && nthreads <= 30000)
			;
		else if (!strcmp(a, "--reps") && (reps = atoi(v)) >= 1 && reps <= MAX_REPS)
			;
		else if (!strcmp(a, "--timeout") && (timeout_s = atoi(v)) >= 1)
			;
		else if (!strcmp(a, "--core-from") &&
			 (!strcmp(v, "auto") || !strcmp(v, "kernel") || !strcmp(v, "gdb")))
			core_from = v;
		else
			usage();
	}
	if (access(tools[T_CDBG].path, X_OK))
		tools[T_CDBG].missing = "not built";
	if (bl_find_in_path("gdb", tools[T_GDB].path))
		tools[T_GDB].missing = "gdb is not in PATH";
	if (access(tracee, X_OK))
		bl_die("no tracee %s (build bench_core_tracee)", tracee);
}

/* Start the tracee in dir with cores allowed; read its ready line. */
static void tracee_start(void)
{
	int in[2], o[2];
	char buf[256], n_arg[32];
	size_t len = 0;
	ssize_t n;

	if (pipe2(in, O_CLOEXEC) || pipe2(o, O_CLOEXEC))
		bl_die("pipe: %s", strerror(errno));
	snprintf(n_arg, sizeof(n_arg), "%ld", nthreads);
	tpid = fork();
	if (tpid < 0)
		bl_die("fork: %s", strerror(errno));
	if (tpid == 0) {
		struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

		if (setrlimit(RLIMIT_CORE, &rl)) {
			getrlimit(RLIMIT_CORE, &rl);
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_CORE, &rl);
		}
		setenv("CDBG_TRACEE_DEADLINE", "300", 1);
		dup2(in[0], STDIN_FILENO);
		dup2(o[1], STDOUT_FILENO);
		if (chdir(dir) == 0)
			execl(tracee, tracee, n_arg, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	tin = in[1];
	bl_arm_timeout(60);
	while (len < sizeof(buf) - 1 && (n = read(o[0], buf + len, sizeof(buf) - 1 - len)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
		if (strchr(buf, '\n'))
			break;
	}
	bl_arm_timeout(0);
	close(o[0]);
	buf[len] = '\0';
	if (!strstr(buf, "ready ") || !strstr(buf, "frames=") ||
	    (frames = atol(strstr(buf, "frames=") + 7)) <= 0)
		bl_die("core_tracee printed no ready line (\"%.100s\")", buf);
}

/* The kernel's core: where core_pattern is a plain name, the tracee's SIGQUIT writes it in
 * dir. 0 when the file is there. */
static int core_by_kernel(void)
{
	char pat[256] = "", uses_pid[8] = "0";
	FILE *f = fopen("/proc/sys/kernel/core_pattern", "r");
	struct stat st;
	int status;

	if (f) {
		if (!fgets(pat, sizeof(pat), f))
			pat[0] = '\0';
		fclose(f);
	}
	pat[strcspn(pat, "\n")] = '\0';
	if (!pat[0] || strpbrk(pat, "|%/"))
		return -1;
	if ((f = fopen("/proc/sys/kernel/core_uses_pid", "r"))) {
		if (!fgets(uses_pid, sizeof(uses_pid), f))
			uses_pid[0] = '0';
		fclose(f);
	}
	if (uses_pid[0] == '1')
		snprintf(core, sizeof(core), "%s/%s.%d", dir, pat, (int)tpid);
	else
		snprintf(core, sizeof(core), "%s/%s", dir, pat);
	if (write(tin, "q\n", 2) != 2)
		return -1;
	bl_arm_timeout(120);
	while (waitpid(tpid, &status, 0) < 0 && errno == EINTR && !bl_timed_out)
		;
	bl_arm_timeout(0);
	if (bl_timed_out)
		return -1;
	tpid = 0;
	if (!WIFSIGNALED(status) || !WCOREDUMP(status) || stat(core, &st) || st.st_size == 0) {
		unlink(core);
		core[0] = '\0';
		return -1;
	}
	core_how = "the kernel (SIGQUIT)";
	return 0;
}

static int core_by_gdb(void)
{
	char pid[32], cmd[PATH_MAX + 128];
	char *argv[] = { tools[T_GDB].path, "-nx", "-batch", "-p", pid, "-ex", cmd, NULL };
	struct bl_result r;
	struct stat st;

	if (tools[T_GDB].missing)
		return -1;
	snprintf(pid, sizeof(pid), "%d", (int)tpid);
	snprintf(core, sizeof(core), "%s/core.%d", dir, (int)tpid);
	snprintf(cmd, sizeof(cmd), "gcore %s", core);
	if (bl_run(argv, -1, out, OUT_MAX, 300, &r) < 0 || stat(core, &st) || st.st_size == 0) {
		fprintf(stderr, "core_bench: gdb's gcore failed: %s\n%.500s\n", r.why, out);
		return -1;
	}
	core_how = "gdb's gcore";
	return 0;
}

static void make_core(void)
{
	const char *tmp = getenv("TMPDIR");
	struct stat st;
	double t0 = bl_now_s();

	snprintf(dir, sizeof(dir), "%s/cdbg-core-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		bl_die("mkdtemp %s: %s", dir, strerror(errno));
	tracee_start();
	printf("prog   %s %ld (%ld walk_ frames)\n", tracee, nthreads, frames);
	if (strcmp(core_from, "gdb") && core_by_kernel() == 0)
		;
	else if (strcmp(core_from, "kernel") && tpid > 0 && core_by_gdb() == 0)
		;
	else
		bl_die("could not make a core (--core-from %s)", core_from);
	if (tpid > 0) {
		kill(tpid, SIGKILL);
		waitpid(tpid, NULL, 0);
		tpid = 0;
	}
	stat(core, &st);
	printf("core   %s (%.1f MB on disk, %.1f MB apparent), made by %s in %.1f s\n", core,
	       st.st_blocks * 512.0 / 1048576, st.st_size / 1048576.0, core_how, bl_now_s() - t0);
	fflush(stdout);
}

/* Lines of o that start with prefix and (when has is not NULL) contain has. */
static long count_lines(const char *o, const char *prefix, const char *has)
{
	long n = 0;
	size_t pl = strlen(prefix);

	for (const char *l = o; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
		size_t len = strcspn(l, "\n");
		const char *h;

		if (strncmp(l, prefix, pl))
			continue;
		if (!has || ((h = memmem(l, len, has, strlen(has))) && h < l + len))
			n++;
	}
	return n;
}

static const char *check(const char *o, char *why, size_t len)
{
	long th = count_lines(o, "Thread ", NULL), w = count_lines(o, "#", " walk_");
	long m = count_lines(o, "#", " main (");

	if (th == nthreads + 1 && w == frames && m == 1)
		return "";
	snprintf(why, len,
		 "%ld \"Thread \" headers (want %ld), %ld walk_ frames (want %ld), %ld in main "
		 "(want 1)",
		 th, nthreads + 1, w, frames, m);
	return why;
}

static void run_one(int t, int warm)
{
	struct figure *f = &figs[t];
	char *argv[16], why[300];
	struct bl_result r;
	const char *bad;
	int k = 0;

	argv[k++] = tools[t].path;
	if (t == T_GDB) {
		argv[k++] = "-nx";
		argv[k++] = "-iex";
		argv[k++] = "set debuginfod enabled off";
		argv[k++] = "-batch";
		argv[k++] = tracee;
		argv[k++] = core;
	} else {
		argv[k++] = tracee;
		argv[k++] = core;
		argv[k++] = "-batch";
	}
	argv[k++] = "-ex";
	argv[k++] = "thread apply all bt";
	argv[k] = NULL;
	bad = bl_run(argv, -1, out, OUT_MAX, timeout_s, &r) < 0 ? r.why : check(out, why, 300);
	if (verbose)
		fprintf(stderr, "%s%s: %.1f ms, %ld KB%s%s\n", tools[t].name,
			warm ? " (warm-up)" : "", r.secs * 1e3, r.maxrss_kb,
			*bad ? ": FAILED: " : "", bad);
	if (*bad) {
		if (!f->failed++) {
			const char *last = out + strlen(out);
			while (last > out && last[-1] == '\n')
				last--;
			while (last > out && last[-1] != '\n')
				last--;
			snprintf(f->why, sizeof(f->why), "%s (last output: %.*s)", bad,
				 (int)strcspn(last, "\n") > 120 ? 120 : (int)strcspn(last, "\n"),
				 last);
		}
		return;
	}
	if (warm)
		return;
	f->ms[f->n] = r.secs * 1e3;
	f->rss_mb[f->n++] = r.maxrss_kb / 1024.0;
}

static void fmt_cell(const struct figure *f, const double *v, char *buf, size_t len)
{
	double lo, hi;

	if (f->n == 0) {
		snprintf(buf, len, "%s", f->failed ? "FAILED" : "n/a");
		return;
	}
	bl_range(v, f->n, &lo, &hi);
	snprintf(buf, len, "%.1f (%.1f-%.1f)", bl_median(v, f->n), lo, hi);
}

int main(int argc, char **argv)
{
	struct figure *c = &figs[T_CDBG], *g = &figs[T_GDB];
	char cell[4][64], ratio[16];
	int failed = 0;

	bl_name = "core_bench";
	bl_cleanup = cleanup;
	unsetenv("DEBUGINFOD_URLS");
	parse_args(argc, argv);
	if (!(out = malloc(OUT_MAX)))
		bl_die("out of memory");
	printf("bench/core: `thread apply all bt` on the core of %ld + 1 threads; median of %d "
	       "runs (min-max), ms and peak RSS MB\n",
	       nthreads, reps);
	bl_print_machine();
	for (int t = 0; t < NTOOLS; t++)
		printf("%-6s %s%s%s\n", tools[t].name, tools[t].path,
		       tools[t].missing ? ": n/a: " : "", tools[t].missing ? tools[t].missing : "");
	bl_print_load("at start");
	make_core();
	/* One unmeasured run each (the page cache then holds the core for both), then reps
	 * runs interleaved. A failed warm-up counts: it would fail measured too. */
	for (int i = -1; i < reps; i++)
		for (int t = 0; t < NTOOLS; t++)
			if (!tools[t].missing)
				run_one(t, i < 0);
	cleanup();

	fmt_cell(c, c->ms, cell[0], 64);
	fmt_cell(g, g->ms, cell[1], 64);
	fmt_cell(c, c->rss_mb, cell[2], 64);
	fmt_cell(g, g->rss_mb, cell[3], 64);
	bl_fmt_ratio(bl_median(g->ms, g->n), bl_median(c->ms, c->n), ratio, sizeof(ratio));
	printf("\n%-8s | %-22s | %-22s | %8s | %-18s | %-18s\n", "threads", "cdbg ms", "gdb ms",
	       "gdb/cdbg", "cdbg RSS MB", "gdb RSS MB");
	printf("%-8ld | %-22s | %-22s | %8s | %-18s | %-18s\n", nthreads + 1, cell[0], cell[1],
	       ratio, cell[2], cell[3]);
	bl_print_load("at end");
	for (int t = 0; t < NTOOLS; t++) {
		if (!figs[t].failed)
			continue;
		if (!failed++)
			printf("failures:\n");
		printf("  %s: %d runs: %s\n", tools[t].name, figs[t].failed, figs[t].why);
	}
	printf("targets for cdbg: at least 3 times faster than gdb: %s\n",
	       !c->n || !g->n                                       ? "n/a" :
	       bl_median(g->ms, g->n) / bl_median(c->ms, c->n) >= 3 ? "met" :
								      "MISSED");
	free(out);
	return failed ? 1 : 0;
}
