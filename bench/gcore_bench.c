/*
 * gcore_bench: a core of a live 1 GiB process, cdbg against gdb's gcore in one run:
 *   floor: floor_gcore PID PREFIX.PID   (its memory copied to a file, no stop, no notes)
 *   cdbg:  cdbg gcore -o PREFIX PID
 *   gdb:   gcore -o PREFIX PID          (gdb's script: gdb --nx --batch --readnever -p PID)
 * The process is gcore_tracee MB (1,024 MiB touched, all pages different) with a heartbeat
 * thread that beats every millisecond and keeps, in a page shared with the bench, the
 * longest gap between two beats: the bench zeroes it before each run and reads it after, so
 * the longest time the process was stopped (or not scheduled) during the run is measured from
 * outside the tool. "idle" is the same gap over a stretch with no tool running, the noise
 * floor of that figure.
 *
 * Owns: the tracee, the cores (one at a time, removed after each run), the checks, the table.
 * Must not: trace anything itself, or leave a process or file behind (the tracee is killed by
 * pid and every file removed, on failure too).
 *
 * Each run starts with the page cache clean: the previous run's core is removed and sync(2)
 * waits for whatever it left dirty, so no tool pays for the writeback of the one before it
 * (without this, a 1 GiB write right after another took 0.3 to 3 s here, whoever made it).
 *
 * Checks after each run: the tool exited 0; PREFIX.PID exists, is at least MB MiB and at most
 * twice that plus 512 MiB, and (cdbg, gdb) is an ELF core; the tracee still runs: no thread of
 * it in a stop ('t' or 'T' in /proc/PID/task/N/stat), no tracer, and its heartbeat beats on.
 * Exit status: 0 when every run that could be made passed; 1 when a run FAILED; 2 on bad usage.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"

#define MAX_REPS 50
#define OUT_MAX (1 << 16)

enum { T_FLOOR, T_CDBG, T_GDB, NTOOLS };

struct tool {
	const char *name;
	char path[PATH_MAX];
	const char *missing;
};

struct figure {
	double ms[MAX_REPS];
	double gap_ms[MAX_REPS];
	double mb_s[MAX_REPS];
	int n;
	int failed;
	char why[400];
};

/* The shared page; gcore_tracee.c has the same layout. */
struct beat {
	uint64_t last_ns;
	uint64_t beats;
	uint64_t max_gap_ns;
};

static struct tool tools[NTOOLS] = { { .name = "floor" }, { .name = "cdbg" }, { .name = "gdb" } };
static struct figure figs[NTOOLS];
static double idle_gap_ms[MAX_REPS];
static char tracee[PATH_MAX], dir[PATH_MAX], prefix[PATH_MAX + 16], core[PATH_MAX + 48];
static long mb = 1024;
static int reps = 5, timeout_s = 300, verbose;
static struct beat *beat;
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
		"usage: gcore_bench [--cdbg PATH] [--floor PATH] [--tracee PATH] [--mb MB]\n"
		"                   [--reps N] [--timeout SECONDS] [-v]\n"
		"Defaults: ../src/cdbg, floor_gcore and gcore_tracee next to this program; gdb's\n"
		"gcore from PATH; 1024 MB; the cores in a new directory under $TMPDIR (or /tmp).\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	bl_path_next_to_self(tools[T_CDBG].path, "../src/cdbg");
	bl_path_next_to_self(tools[T_FLOOR].path, "floor_gcore");
	bl_path_next_to_self(tracee, "gcore_tracee");
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
		else if (!strcmp(a, "--floor"))
			snprintf(tools[T_FLOOR].path, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--tracee"))
			snprintf(tracee, PATH_MAX, "%s", v);
		else if (!strcmp(a, "--mb") && (mb = atol(v)) >= 1 && mb <= (1 << 20))
			;
		else if (!strcmp(a, "--reps") && (reps = atoi(v)) >= 1 && reps <= MAX_REPS)
			;
		else if (!strcmp(a, "--timeout") && (timeout_s = atoi(v)) >= 1)
			;
		else
			usage();
	}
	for (int t = 0; t < NTOOLS; t++)
		if (t != T_GDB && access(tools[t].path, X_OK))
			tools[t].missing = "not built";
	if (bl_find_in_path("gcore", tools[T_GDB].path))
		tools[T_GDB].missing = "gdb's gcore is not in PATH";
	if (access(tracee, X_OK))
		bl_die("no tracee %s (build bench_gcore_tracee)", tracee);
}

static void tracee_start(void)
{
	int in[2], o[2], fd = memfd_create("gcore_beat", 0);
	char buf[256], mb_arg[32], fd_arg[16];
	size_t len = 0;
	ssize_t n;

	if (fd < 0 || ftruncate(fd, 4096) ||
	    (beat = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
		bl_die("shared page: %s", strerror(errno));
	if (pipe2(in, O_CLOEXEC) || pipe2(o, O_CLOEXEC))
		bl_die("pipe: %s", strerror(errno));
	snprintf(mb_arg, sizeof(mb_arg), "%ld", mb);
	snprintf(fd_arg, sizeof(fd_arg), "%d", fd);
	tpid = fork();
	if (tpid < 0)
		bl_die("fork: %s", strerror(errno));
	if (tpid == 0) {
		setenv("CDBG_TRACEE_DEADLINE", "600", 1);
		dup2(in[0], STDIN_FILENO);
		dup2(o[1], STDOUT_FILENO);
		execl(tracee, tracee, mb_arg, fd_arg, (char *)NULL);
		_exit(127);
	}
	close(fd);
	close(in[0]);
	close(o[1]);
	tin = in[1];
	bl_arm_timeout(120);
	while (len < sizeof(buf) - 1 && (n = read(o[0], buf + len, sizeof(buf) - 1 - len)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
		if (strchr(buf, '\n'))
			break;
	}
	bl_arm_timeout(0);
	close(o[0]);
	buf[len] = '\0';
	if (!strstr(buf, "ready "))
		bl_die("gcore_tracee printed no ready line (\"%.100s\")", buf);
}

/* "" when no thread of the tracee is stopped or traced and its heartbeat beats on (looks for
 * up to a second: a detach takes a moment to show), else why not. */
static const char *tracee_runs(void)
{
	const char *bad = "";

	for (int tries = 0; tries < 20; tries++) {
		uint64_t b0 = __atomic_load_n(&beat->beats, __ATOMIC_ACQUIRE);
		char path[300], line[512];
		struct dirent *d;
		DIR *td;

		usleep(50000);
		bad = "";
		snprintf(path, sizeof(path), "/proc/%d/task", (int)tpid);
		if (!(td = opendir(path)))
			return "the tracee is gone";
		while (!*bad && (d = readdir(td))) {
			FILE *f;
			char *c;

			if (d->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", (int)tpid, d->d_name);
			if (!(f = fopen(path, "r")))
				continue;
			if (fgets(line, sizeof(line), f) && (c = strrchr(line, ')')) &&
			    (c[2] == 't' || c[2] == 'T'))
				bad = "a thread of the tracee is left stopped";
			fclose(f);
		}
		closedir(td);
		snprintf(path, sizeof(path), "/proc/%d/status", (int)tpid);
		if (!*bad) {
			FILE *f = fopen(path, "r");

			while (f && fgets(line, sizeof(line), f))
				if (!strncmp(line, "TracerPid:", 10) && atoi(line + 10) != 0)
					bad = "the tracee is left traced";
			if (f)
				fclose(f);
		}
		if (!*bad && __atomic_load_n(&beat->beats, __ATOMIC_ACQUIRE) == b0)
			bad = "the tracee's heartbeat stopped";
		if (!*bad)
			return "";
	}
	return bad;
}

static const char *check_core(int t)
{
	unsigned char h[EI_NIDENT + 2];
	struct stat st;
	int fd;

	if (stat(core, &st))
		return "no core file";
	if (st.st_size < (mb << 20) || st.st_size > (2 * mb + 512) << 20)
		return "the core's size is not between MB and 2 x MB + 512 MiB";
	if (t == T_FLOOR)
		return "";
	fd = open(core, O_RDONLY);
	if (fd < 0 || read(fd, h, sizeof(h)) != (ssize_t)sizeof(h) || memcmp(h, ELFMAG, SELFMAG) ||
	    h[EI_NIDENT] != ET_CORE) {
		if (fd >= 0)
			close(fd);
		return "not an ELF core";
	}
	close(fd);
	return "";
}

static void run_one(int t, int warm)
{
	struct figure *f = &figs[t];
	char pid[32];
	char *argv[8];
	struct bl_result r;
	const char *bad;
	struct stat st;
	double gap;
	int k = 0;

	snprintf(pid, sizeof(pid), "%d", (int)tpid);
	argv[k++] = tools[t].path;
	if (t == T_FLOOR) {
		argv[k++] = pid;
		argv[k++] = core;
	} else {
		if (t == T_CDBG)
			argv[k++] = "gcore";
		argv[k++] = "-o";
		argv[k++] = prefix;
		argv[k++] = pid;
	}
	argv[k] = NULL;
	unlink(core);
	sync();
	__atomic_store_n(&beat->max_gap_ns, 0, __ATOMIC_RELAXED);
	bad = bl_run(argv, -1, out, OUT_MAX, timeout_s, &r) < 0 ? r.why : check_core(t);
	if (stat(core, &st))
		st.st_size = 0;
	unlink(core);
	if (!*bad && *(bad = tracee_runs()))
		kill(tpid, SIGCONT); /* so that the next runs are not blamed for this one */
	gap = __atomic_load_n(&beat->max_gap_ns, __ATOMIC_RELAXED) / 1e6;
	if (verbose)
		fprintf(stderr, "%s%s: %.1f ms, longest stop %.1f ms, %.0f MB written%s%s\n",
			tools[t].name, warm ? " (warm-up)" : "", r.secs * 1e3, gap,
			st.st_size / 1048576.0, *bad ? ": FAILED: " : "", bad);
	if (*bad && strcmp(bad, "the tracee is gone") == 0)
		bl_die("the tracee died during a %s run", tools[t].name);
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
	f->gap_ms[f->n] = gap;
	f->mb_s[f->n++] = st.st_size / 1048576.0 / r.secs;
}

/* The longest heartbeat gap over half a second with no tool running. */
static double idle_gap(void)
{
	__atomic_store_n(&beat->max_gap_ns, 0, __ATOMIC_RELAXED);
	usleep(500000);
	return __atomic_load_n(&beat->max_gap_ns, __ATOMIC_RELAXED) / 1e6;
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
	const char *tmp = getenv("TMPDIR");
	struct figure *c = &figs[T_CDBG], *g = &figs[T_GDB], *fl;
	char cell[3][64], ratio[16];
	int failed = 0;
	double lo, hi;

	bl_name = "gcore_bench";
	bl_cleanup = cleanup;
	unsetenv("DEBUGINFOD_URLS");
	parse_args(argc, argv);
	if (!(out = malloc(OUT_MAX)))
		bl_die("out of memory");
	snprintf(dir, sizeof(dir), "%s/cdbg-gcore-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		bl_die("mkdtemp %s: %s", dir, strerror(errno));
	printf("bench/gcore: a core of a running process with %ld MiB touched; median of %d runs "
	       "(min-max)\n",
	       mb, reps);
	bl_print_machine();
	for (int t = 0; t < NTOOLS; t++)
		printf("%-6s %s%s%s\n", tools[t].name, tools[t].path,
		       tools[t].missing ? ": n/a: " : "", tools[t].missing ? tools[t].missing : "");
	bl_print_load("at start");
	tracee_start();
	snprintf(prefix, sizeof(prefix), "%s/core", dir);
	snprintf(core, sizeof(core), "%s.%d", prefix, (int)tpid);
	printf("prog   %s %ld (pid %d), cores written to %s\n", tracee, mb, (int)tpid, core);
	fflush(stdout);
	/* One unmeasured run each, then reps rounds: idle, floor, cdbg, gdb. A failed warm-up
	 * counts: it would fail measured too. */
	for (int i = -1; i < reps; i++) {
		if (i >= 0)
			idle_gap_ms[i] = idle_gap();
		for (int t = 0; t < NTOOLS; t++)
			if (!tools[t].missing)
				run_one(t, i < 0);
	}
	cleanup();

	printf("\n%-6s | %-24s | %-22s | %-22s\n", "tool", "wall ms", "longest stop ms",
	       "MB/s written");
	for (int t = 0; t < NTOOLS; t++) {
		fmt_cell(&figs[t], figs[t].ms, cell[0], 64);
		fmt_cell(&figs[t], figs[t].gap_ms, cell[1], 64);
		fmt_cell(&figs[t], figs[t].mb_s, cell[2], 64);
		printf("%-6s | %-24s | %-22s | %-22s\n", tools[t].name, cell[0], cell[1], cell[2]);
	}
	bl_range(idle_gap_ms, reps, &lo, &hi);
	printf("%-6s | %-24s | %.1f (%.1f-%.1f)\n", "idle", "-", bl_median(idle_gap_ms, reps), lo,
	       hi);
	bl_fmt_ratio(bl_median(g->ms, g->n), bl_median(c->ms, c->n), ratio, sizeof(ratio));
	printf("gdb/cdbg wall: %s", ratio);
	bl_fmt_ratio(bl_median(c->ms, c->n), bl_median(figs[T_FLOOR].ms, figs[T_FLOOR].n), ratio,
		     sizeof(ratio));
	printf(", cdbg/floor wall: %s", ratio);
	bl_fmt_ratio(bl_median(c->gap_ms, c->n), bl_median(c->ms, c->n), ratio, sizeof(ratio));
	printf(", cdbg stop/wall: %s\n", ratio);
	bl_print_load("at end");
	for (int t = 0; t < NTOOLS; t++) {
		if (!figs[t].failed)
			continue;
		if (!failed++)
			printf("failures:\n");
		printf("  %s: %d runs: %s\n", tools[t].name, figs[t].failed, figs[t].why);
	}
	fl = &figs[T_FLOOR];
	printf("targets for cdbg: wall no longer than gdb's gcore, longest stop no longer than the "
	       "floor's copy: %s\n",
	       !c->n || !g->n || !fl->n ? "n/a" :
	       bl_median(c->ms, c->n) <= bl_median(g->ms, g->n) &&
			       bl_median(c->gap_ms, c->n) <= bl_median(fl->ms, fl->n) ?
					  "met" :
					  "MISSED");
	free(out);
	return failed ? 1 : 0;
}
