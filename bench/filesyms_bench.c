/*
 * filesyms_bench: start-up to a resolved `break FUNC` from the file alone, no process:
 *   floor: floor_filesyms PROG FUNC   (libelf, FUNC in .symtab, nothing else)
 *   cdbg:  cdbg -batch -ex 'break FUNC' PROG
 *   gdb:   gdb -nx -iex 'set debuginfod enabled off' -batch -ex 'break FUNC' PROG
 * on c20k (20,000 C functions, FUNC main) and gobig (Go, FUNC main.main), wall time and peak
 * RSS (wait4's ru_maxrss) of each run, the three tools interleaved.
 *
 * Owns: running each tool, checking every run, the table. Must not: trace anything, or time
 * anything but whole tool processes (start-up, reading the file and exit all count).
 *
 * Checks: the tool exited 0; the debuggers printed "Breakpoint 1 at 0xADDR: file F, line N.",
 * ADDR inside the function the floor found, and cdbg's line is gdb's, character for
 * character (same address, file and line). Exit status: 0 when every run that could be made
 * passed; 1 when a run FAILED; 2 on bad usage.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchlib.h"

#define MAX_REPS 50
#define OUT_MAX (1 << 20)

enum { T_FLOOR, T_CDBG, T_GDB, NTOOLS };
enum { P_C20K, P_GOBIG, NPROGS };

struct tool {
	const char *name;
	char path[PATH_MAX];
	const char *missing; /* why it is n/a, or NULL */
};

struct prog {
	const char *name;
	const char *what;
	const char *func;
	char path[PATH_MAX];
	const char *missing;
	unsigned long lo, hi; /* the function's bytes, from the floor (hi 0: unknown) */
	char want[512];       /* gdb's "Breakpoint 1 at ..." line, "" until known */
};

struct figure {
	double ms[MAX_REPS];
	double rss_mb[MAX_REPS];
	int n;
	int failed;
	char why[400]; /* the first failure */
};

static struct tool tools[NTOOLS] = { { .name = "floor" }, { .name = "cdbg" }, { .name = "gdb" } };
static struct prog progs[NPROGS] = {
	{ .name = "c20k", .what = "20,000 functions in 10 files, -O0 -g", .func = "main" },
	{ .name = "gobig", .what = "Go, much of the standard library", .func = "main.main" },
};
static struct figure figs[NPROGS][NTOOLS];
static int reps = 5, timeout_s = 120, verbose;
static char *out;

static void usage(void)
{
	fprintf(stderr,
		"usage: filesyms_bench [--cdbg PATH] [--floor PATH] [--c20k PATH] [--gobig PATH]\n"
		"                      [--reps N] [--timeout SECONDS] [-v]\n"
		"Defaults: ../src/cdbg, floor_filesyms, c20k and gobig next to this program; gdb\n"
		"from PATH.\n");
	exit(2);
}

static void parse_args(int argc, char **argv)
{
	bl_path_next_to_self(tools[T_CDBG].path, "../src/cdbg");
	bl_path_next_to_self(tools[T_FLOOR].path, "floor_filesyms");
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
		else if (!strcmp(a, "--floor"))
			snprintf(tools[T_FLOOR].path, PATH_MAX, "%s", v);
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
	for (int t = 0; t < NTOOLS; t++)
		if (t != T_GDB && access(tools[t].path, X_OK))
			tools[t].missing = "not built";
	if (bl_find_in_path("gdb", tools[T_GDB].path))
		tools[T_GDB].missing = "gdb is not in PATH";
	for (int i = 0; i < NPROGS; i++)
		if (access(progs[i].path, X_OK))
			progs[i].missing = "not built (cmake --build BUILD --target "
					   "bench_symbols_progs)";
}

static void tool_argv(int t, const struct prog *pr, char **argv, char *brk)
{
	int k = 0;

	snprintf(brk, 128, "break %s", pr->func);
	argv[k++] = tools[t].path;
	if (t == T_FLOOR) {
		argv[k++] = (char *)pr->path;
		argv[k++] = (char *)pr->func;
		argv[k] = NULL;
		return;
	}
	if (t == T_GDB) {
		argv[k++] = "-nx";
		argv[k++] = "-iex";
		argv[k++] = "set debuginfod enabled off";
	}
	argv[k++] = "-batch";
	argv[k++] = "-ex";
	argv[k++] = brk;
	argv[k++] = (char *)pr->path;
	argv[k] = NULL;
}

/* The floor's answer: "FUNC 0xVALUE SIZE". */
static const char *check_floor(struct prog *pr, const char *o)
{
	char name[256];
	unsigned long v, sz;

	if (sscanf(o, "%255s 0x%lx %lu", name, &v, &sz) != 3 || strcmp(name, pr->func))
		return "no \"FUNC 0xVALUE SIZE\" line";
	if (pr->hi && (v != pr->lo || v + sz != pr->hi))
		return "a different answer from its first run";
	pr->lo = v;
	pr->hi = v + (sz ? sz : 1);
	return "";
}

/* A debugger's answer: its "Breakpoint 1 at 0xADDR: file F, line N." line, ADDR in the
 * function, and for cdbg the very line gdb printed. */
static const char *check_dbg(struct prog *pr, int t, const char *o, char *line, size_t len)
{
	const char *b = strstr(o, "Breakpoint 1 at 0x"), *l;
	unsigned long addr;
	size_t n;
	int ln;

	line[0] = '\0';
	if (b && (b == o || b[-1] == '\n')) {
		n = strcspn(b, "\n");
		snprintf(line, len, "%.*s", (int)(n < len ? n : len - 1), b);
	}
	if (!line[0])
		return "no \"Breakpoint 1 at 0x...\" line";
	l = strstr(line, ", line ");
	if (sscanf(line, "Breakpoint 1 at 0x%lx: file ", &addr) != 1 || !strstr(line, ": file ") ||
	    !l || sscanf(l, ", line %d.", &ln) != 1 || line[strlen(line) - 1] != '.')
		return "not \"Breakpoint 1 at 0xADDR: file F, line N.\"";
	if (pr->hi && (addr < pr->lo || addr >= pr->hi))
		return "the address is outside the function (floor's .symtab entry)";
	if (t == T_GDB && !pr->want[0])
		snprintf(pr->want, sizeof(pr->want), "%s", line);
	if (strcmp(line, pr->want))
		return t == T_GDB ? "a different line from gdb's first run" :
				    "not gdb's line (address, file or line differ)";
	return "";
}

static void run_one(int p, int t, int warm)
{
	struct prog *pr = &progs[p];
	struct figure *f = &figs[p][t];
	char *argv[16], brk[128], line[512], why[400];
	struct bl_result r;
	const char *bad;
	int detailed;

	line[0] = '\0';
	tool_argv(t, pr, argv, brk);
	bad = bl_run(argv, -1, out, OUT_MAX, timeout_s, &r) < 0 ? r.why :
	      t == T_FLOOR                                      ? check_floor(pr, out) :
			     check_dbg(pr, t, out, line, sizeof(line));
	detailed = *bad && t == T_CDBG && pr->want[0] && line[0];
	if (detailed)
		snprintf(why, sizeof(why), "%s: got \"%.150s\", gdb: \"%.150s\"", bad, line,
			 pr->want);
	else
		snprintf(why, sizeof(why), "%s", bad);
	if (verbose)
		fprintf(stderr, "%s %s%s: %.1f ms, %ld KB%s%s\n", pr->name, tools[t].name,
			warm ? " (warm-up)" : "", r.secs * 1e3, r.maxrss_kb,
			*bad ? ": FAILED: " : "", why);
	if (*bad) {
		if (!f->failed++) {
			const char *last = out + strlen(out);
			while (last > out && last[-1] == '\n')
				last--;
			while (last > out && last[-1] != '\n')
				last--;
			if (detailed)
				snprintf(f->why, sizeof(f->why), "%s", why);
			else
				snprintf(f->why, sizeof(f->why), "%s (last output: %.*s)", why,
					 (int)strcspn(last, "\n") > 120 ? 120 :
									  (int)strcspn(last, "\n"),
					 last);
		}
		return;
	}
	if (warm)
		return;
	f->ms[f->n] = r.secs * 1e3;
	f->rss_mb[f->n++] = r.maxrss_kb / 1024.0;
}

static void bench_prog(int p)
{
	static const int warm_order[NTOOLS] = { T_FLOOR, T_GDB, T_CDBG };

	if (progs[p].missing)
		return;
	/* One unmeasured run each, floor and gdb first: the page cache then holds the file for
	 * every tool, and cdbg's answer is checked against gdb's from its first run on. A
	 * failed warm-up counts as a failure (it would fail measured too). */
	for (int i = 0; i < NTOOLS; i++)
		if (!tools[warm_order[i]].missing)
			run_one(p, warm_order[i], 1);
	for (int i = 0; i < reps; i++)
		for (int t = 0; t < NTOOLS; t++)
			if (!tools[t].missing)
				run_one(p, t, 0);
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

static void print_header(void)
{
	struct stat st;

	printf("bench/filesyms: from start to `break FUNC` resolved from the file (no process);"
	       " median of %d runs (min-max), ms and peak RSS MB\n",
	       reps);
	bl_print_machine();
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

/* Prints the table; returns whether every row met the targets (-1: some row is n/a). */
static int print_table(void)
{
	int met = 1;

	printf("\n%-6s | %-9s | %-20s | %-20s | %-22s | %10s | %8s | %-18s | %-18s | %-18s\n",
	       "prog", "break", "floor ms", "cdbg ms", "gdb ms", "cdbg/floor", "gdb/cdbg",
	       "floor RSS MB", "cdbg RSS MB", "gdb RSS MB");
	for (int p = 0; p < NPROGS; p++) {
		struct figure *fl = &figs[p][T_FLOOR], *c = &figs[p][T_CDBG], *g = &figs[p][T_GDB];
		char cell[6][64], r1[16], r2[16];
		double fm = bl_median(fl->ms, fl->n), cm = bl_median(c->ms, c->n);
		double gm = bl_median(g->ms, g->n);

		fmt_cell(fl, fl->ms, cell[0], 64);
		fmt_cell(c, c->ms, cell[1], 64);
		fmt_cell(g, g->ms, cell[2], 64);
		fmt_cell(fl, fl->rss_mb, cell[3], 64);
		fmt_cell(c, c->rss_mb, cell[4], 64);
		fmt_cell(g, g->rss_mb, cell[5], 64);
		bl_fmt_ratio(cm, fm, r1, sizeof(r1));
		bl_fmt_ratio(gm, cm, r2, sizeof(r2));
		if (c->n && g->n) {
			if (gm / cm < 3 || bl_median(c->rss_mb, c->n) > bl_median(g->rss_mb, g->n))
				met = 0;
		} else if (met > 0) {
			met = -1;
		}
		printf("%-6s | %-9s | %-20s | %-20s | %-22s | %10s | %8s | %-18s | %-18s | %-18s\n",
		       progs[p].name, progs[p].func, cell[0], cell[1], cell[2], r1, r2, cell[3],
		       cell[4], cell[5]);
	}
	for (int p = 0; p < NPROGS; p++)
		if (progs[p].want[0])
			printf("%s: gdb says: %s\n", progs[p].name, progs[p].want);
	return met;
}

int main(int argc, char **argv)
{
	int failed = 0, met;

	bl_name = "filesyms_bench";
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
		for (int t = 0; t < NTOOLS; t++) {
			const struct figure *f = &figs[p][t];
			if (!f->failed)
				continue;
			if (!failed++)
				printf("failures:\n");
			printf("  %s, %s: %d runs: %s\n", progs[p].name, tools[t].name, f->failed,
			       f->why);
		}
	printf("targets for cdbg: at least 3 times faster than gdb and peak RSS no larger, on "
	       "every program: %s\n",
	       met > 0  ? "met" :
	       met == 0 ? "MISSED" :
			  "n/a");
	free(out);
	return failed ? 1 : 0;
}
