/*
 * test_sym_gdb.h - asking gdb, for the symbol tests: run `gdb -nx -batch` on a program file
 * (not a process: addresses are the file's, which for a non-PIE program are the process's)
 * with a list of commands, and read what it answered to `break`, `info line *ADDR` and
 * `info address`. Header-only, shared by test_sym_lines.c and test_sym_go.c.
 */
#ifndef TEST_SYM_GDB_H
#define TEST_SYM_GDB_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"

#define G_MAX_LOCS 64

/* What gdb made of one `break` command. */
struct g_break {
	int num;                    /* its breakpoint number, 0 when gdb made none */
	uint64_t addrs[G_MAX_LOCS]; /* its locations, from `info breakpoints` */
	int n;
};

/* Run gdb on prog with cmds; returns its output (stdout and stderr as one stream), or NULL
 * when gdb cannot be run. The caller frees it. */
static inline char *g_run(const char *prog, char **cmds, size_t n)
{
	char **argv = calloc(2 * n + 8, sizeof(*argv));
	size_t k = 0, len = 0, cap = 1 << 16;
	char *out = malloc(cap);
	int fd[2], status;
	pid_t pid;
	ssize_t r;

	if (!argv || !out || pipe(fd) < 0)
		h_fail(__FILE__, __LINE__, "g_run", "out of resources");
	argv[k++] = "gdb";
	argv[k++] = "-nx";
	argv[k++] = "-batch";
	argv[k++] = "-ex";
	argv[k++] = "set width 0";
	for (size_t i = 0; i < n; i++) {
		argv[k++] = "-ex";
		argv[k++] = cmds[i];
	}
	argv[k++] = (char *)prog;
	argv[k] = NULL;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", 0);
		dup2(null, 0);
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[0]);
		unsetenv("DEBUGINFOD_URLS");
		execvp("gdb", argv);
		_exit(127);
	}
	close(fd[1]);
	while ((r = read(fd[0], out + len, cap - len - 1)) > 0 || (r < 0 && errno == EINTR)) {
		if (r < 0)
			continue;
		len += (size_t)r;
		if (cap - len < 4096 && !(out = realloc(out, cap *= 2)))
			h_fail(__FILE__, __LINE__, "g_run", "out of memory");
	}
	out[len] = '\0';
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	free(argv);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
		free(out);
		return NULL;
	}
	return out;
}

/* Fill b[0..nb) from the output of nb `break` commands followed by `info breakpoints`. */
static inline void g_parse_breaks(const char *out, struct g_break *b, size_t nb)
{
	const char *l = out;
	size_t i = 0;

	memset(b, 0, nb * sizeof(*b));
	for (; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		int num, sub;
		char *x;

		if (strncmp(l, "Breakpoint ", 11) == 0 && strstr(l, " at ") &&
		    strstr(l, " at ") < strchr(l, '\n') && i < nb) {
			b[i++].num = atoi(l + 11);
		} else if ((strncmp(l, "No line ", 8) == 0 ||
			    strncmp(l, "No source file", 14) == 0 ||
			    strncmp(l, "Function \"", 10) == 0) &&
			   i < nb) {
			i++;
		} else if (sscanf(l, "%d.%d", &num, &sub) >= 1 && (x = strstr(l, "0x")) &&
			   x < strchr(l, '\n') && (!strchr(l, '<') || strchr(l, '<') > x)) {
			for (size_t k = 0; k < nb; k++)
				if (b[k].num == num && b[k].n < G_MAX_LOCS)
					b[k].addrs[b[k].n++] = strtoull(x, NULL, 16);
		}
	}
}

/* The line gdb's `info line *ADDR` gave: 'Line 34 of "f.c" starts at address 0x... <hit+11>
 * and ends at ...'. Returns the line, 0 for "No line number information", -1 if no answer;
 * *start gets the row's start and file its file. */
static inline int g_parse_info_line(const char *l, uint64_t *start, char *file, size_t flen)
{
	const char *q, *e, *a;

	if (strncmp(l, "No line number information", 26) == 0)
		return 0;
	if (strncmp(l, "Line ", 5) != 0 || !(q = strchr(l, '"')) || !(e = strchr(q + 1, '"')))
		return -1;
	snprintf(file, flen, "%.*s", (int)(e - q - 1), q + 1);
	a = strstr(e, "address 0x");
	*start = a ? strtoull(a + 8, NULL, 16) : 0;
	return atoi(l + 5);
}

/* The address in 'Symbol "x" is ... at address 0x401136.' for name, 0 if none. */
static inline uint64_t g_info_address(const char *out, const char *name)
{
	char pat[300];
	const char *l = out, *a;

	snprintf(pat, sizeof(pat), "Symbol \"%s\" is ", name);
	for (; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, pat, strlen(pat)) == 0 && (a = strstr(l, "address 0x")) &&
		    a < strchr(l, '\n'))
			return strtoull(a + 8, NULL, 16);
	return 0;
}

/* ---- comparisons of cdbg with gdb, each returning the number of differences ---- */

/* The load bias of the program being compared (a PIE's; 0 for non-PIE): gdb reads the file,
 * so its addresses are the process's minus this. Set it before g_check_breaks,
 * g_check_info_lines and g_check_funcs. */
static uint64_t g_bias;

static inline const char *g_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static inline int g_count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;

	CHECK(f, "cannot open %s", path);
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* `break FILE:L` for L = first..last against cdbg_addrs_for_line(FILE, L); gdb reads prog (a
 * file), so its addresses are the process's minus bias. */
static inline int g_check_range(cdbg_proc *p, const char *prog, const char *file, int first,
				int last, uint64_t bias)
{
	int n = last - first + 1, bad = 0, l;
	char **cmds = calloc((size_t)n + 1, sizeof(*cmds)), *out;
	struct g_break *b = calloc((size_t)n, sizeof(*b));

	CHECK(cmds && b && n > 0, "out of memory");
	for (l = 0; l < n; l++)
		CHECK(asprintf(&cmds[l], "break %s:%d", file, first + l) > 0, "asprintf");
	cmds[n] = "info breakpoints";
	out = g_run(prog, cmds, (size_t)n + 1);
	if (!out)
		h_skip("gdb is not installed");
	g_parse_breaks(out, b, (size_t)n);
	for (l = 0; l < n; l++) {
		uint64_t addrs[G_MAX_LOCS];
		int r = cdbg_addrs_for_line(p, file, first + l, addrs, G_MAX_LOCS), i;
		bool same = r == b[l].n || (r == CDBG_ENOLINE && b[l].n == 0);

		for (i = 0; same && i < r && i < G_MAX_LOCS; i++)
			same = addrs[i] - bias == b[l].addrs[i];
		if (r == CDBG_ENOLINE) {
			char want[256];
			snprintf(want, sizeof(want), "no line %d in file '%s'", first + l, file);
			CHECK(strcmp(cdbg_errmsg(p), want) == 0, "message '%s'", cdbg_errmsg(p));
		}
		if (!same) {
			fprintf(stderr, "  %s line %d: cdbg %d:", file, first + l, r);
			for (i = 0; i < r && i < G_MAX_LOCS; i++)
				fprintf(stderr, " %#llx", (unsigned long long)(addrs[i] - bias));
			fprintf(stderr, ", gdb %d:", b[l].n);
			for (i = 0; i < b[l].n; i++)
				fprintf(stderr, " %#llx", (unsigned long long)b[l].addrs[i]);
			fprintf(stderr, "\n");
			bad++;
		}
	}
	for (l = 0; l < n; l++)
		free(cmds[l]);
	free(cmds);
	free(b);
	free(out);
	h_note("%s in %s: lines %d-%d, %d differ from gdb's breakpoints", file, g_base(prog), first,
	       last, bad);
	return bad;
}

/* Every `break FILE:L`, L = 1..n, FILE the basename of src. */
static inline int g_check_breaks(cdbg_proc *p, const char *prog, const char *src, int n)
{
	return g_check_range(p, prog, g_base(src), 1, n, g_bias);
}

/* `info line *ADDR` for every byte of the functions. */
static inline int g_check_info_lines(cdbg_proc *p, const char *prog, const char *const *funcs)
{
	char **cmds = NULL, *out, *l;
	uint64_t *addrs = NULL;
	size_t n = 0, i;
	int bad = 0;

	for (; *funcs; funcs++) {
		struct cdbg_symbol s;
		CHECK(cdbg_sym_by_name(p, *funcs, &s) == 0 && s.size > 0, "%s: %s", *funcs,
		      cdbg_errmsg(p));
		cmds = realloc(cmds, (n + s.size) * sizeof(*cmds));
		addrs = realloc(addrs, (n + s.size) * sizeof(*addrs));
		for (uint64_t a = s.addr; a < s.addr + s.size; a++, n++) {
			addrs[n] = a;
			CHECK(asprintf(&cmds[n], "info line *%#llx",
				       (unsigned long long)(a - g_bias)) > 0,
			      "asprintf");
		}
	}
	out = g_run(prog, cmds, n);
	if (!out)
		h_skip("gdb is not installed");
	for (i = 0, l = out; i < n && l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		char gfile[512];
		uint64_t gstart = 0;
		int gline = g_parse_info_line(l, &gstart, gfile, sizeof(gfile));
		struct cdbg_line cl;
		int r;

		if (gline < 0)
			continue; /* not an answer line */
		r = cdbg_line_by_addr(p, addrs[i], &cl);
		if (gline == 0 ? r != CDBG_ENOLINE :
				 r != 0 || cl.line != gline || cl.addr - g_bias != gstart ||
					 strcmp(g_base(cl.file), g_base(gfile)) != 0) {
			if (bad < 20)
				fprintf(stderr,
					"  %s *%#llx: cdbg %d %s:%d row %#llx, gdb %s:%d row %#llx\n",
					g_base(prog), (unsigned long long)(addrs[i] - g_bias), r,
					r ? "-" : g_base(cl.file), r ? 0 : cl.line,
					(unsigned long long)(r ? 0 : cl.addr - g_bias),
					g_base(gfile), gline, (unsigned long long)gstart);
			bad++;
		}
		i++;
	}
	CHECK_EQ(i, n);
	for (i = 0; i < n; i++)
		free(cmds[i]);
	free(cmds);
	free(addrs);
	free(out);
	h_note("%s: %zu addresses, %d lines differ from gdb's info line", g_base(prog), n, bad);
	return bad;
}

/* `break FUNC` and `info address FUNC` for each function; `info address` for each object. */
static inline int g_check_funcs(cdbg_proc *p, const char *prog, const char *const *funcs,
				const char *const *objs)
{
	char *cmds[64], *out;
	static struct g_break b[16];
	size_t nf = 0, no = 0, n, i;
	int bad = 0;

	while (funcs[nf])
		nf++;
	while (objs[no])
		no++;
	CHECK(nf <= 16 && 2 * nf + no + 1 <= 64, "too many names");
	for (i = 0; i < nf; i++)
		CHECK(asprintf(&cmds[i], "break %s", funcs[i]) > 0, "asprintf");
	cmds[nf] = strdup("info breakpoints");
	for (i = 0; i < nf + no; i++)
		CHECK(asprintf(&cmds[nf + 1 + i], "info address %s",
			       i < nf ? funcs[i] : objs[i - nf]) > 0,
		      "asprintf");
	n = 2 * nf + no + 1;
	out = g_run(prog, cmds, n);
	if (!out)
		h_skip("gdb is not installed");
	g_parse_breaks(out, b, nf);
	for (i = 0; i < nf + no; i++) {
		const char *name = i < nf ? funcs[i] : objs[i - nf];
		uint64_t a = 0, want = g_info_address(out, name);
		struct cdbg_symbol s;

		CHECK(cdbg_sym_by_name(p, name, &s) == 0, "%s: %s", name, cdbg_errmsg(p));
		if (s.addr - g_bias != want) {
			fprintf(stderr, "  %s: info address %s: cdbg %#llx gdb %#llx\n",
				g_base(prog), name, (unsigned long long)(s.addr - g_bias),
				(unsigned long long)want);
			bad++;
		}
		if (i >= nf)
			continue;
		CHECK(cdbg_func_break_addr(p, name, &a) == 0, "%s: %s", name, cdbg_errmsg(p));
		if (b[i].n != 1 || a - g_bias != b[i].addrs[0]) {
			fprintf(stderr, "  %s: break %s: cdbg %#llx gdb %#llx (%d locations)\n",
				g_base(prog), name, (unsigned long long)(a - g_bias),
				(unsigned long long)b[i].addrs[0], b[i].n);
			bad++;
		}
	}
	for (i = 0; i < n; i++)
		free(cmds[i]);
	free(out);
	h_note("%s: %zu functions, %zu objects, %d differ from gdb", g_base(prog), nf, no, bad);
	return bad;
}

#endif /* TEST_SYM_GDB_H */
