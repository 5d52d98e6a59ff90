/*
 * test_sym_lines: cdbg's line tables and prologue rules agree with gdb's on the same files,
 * sym_nopie (-O0 -g) and sym_opt (-O2 -g), non-PIE, and sym_basic (-O0 -g, PIE: cdbg's
 * addresses less the load bias are those gdb reads from the file). Proves, for each program:
 *   - for every line 1..N+2 of sym_basic.c and of tracee.h (whose inline functions the
 *     program uses), cdbg_addrs_for_line gives exactly the locations of gdb's
 *     `break FILE:L` (lines without code, inlined copies, prologues), and CDBG_ENOLINE
 *     "no line L in file 'FILE'" where gdb has "No line L"; a file it does not have (nor a
 *     path it does not end with) is CDBG_ENONAME "no source file named FILE";
 *   - for every byte of hit, other and main, cdbg_line_by_addr gives the line, file and row
 *     start of gdb's `info line *ADDR`;
 *   - cdbg_func_break_addr equals gdb's `break FUNC` and cdbg_sym_by_name its
 *     `info address` for hit, other, main and the global sym_counter;
 *   - a path suffix ("tracees/sym_basic.c") and the full path name the same file; a file
 *     that is not there gives "no source file named nosuch.c";
 *   - with libc's debug information installed (libc6-dbg), lines of libc's malloc.c (around
 *     malloc, and line 1, which stands for the first line with code, in many inlined
 *     copies) against gdb reading libc.so.6, offset by libc's load bias.
 * Skipped (77) when gdb is not installed.
 */
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "test_sym_gdb.h"

/* Lines of a library: libc's malloc.c around malloc, and line 1 (no code: the first line that
 * has some, in many inlined copies), when libc's debug information is installed. */
static int check_library(cdbg_proc *p)
{
	struct cdbg_module mods[64];
	struct cdbg_symbol s;
	struct cdbg_line ln;
	int n = cdbg_modules(p, mods, 64), i, bad = 0;

	for (i = 0; i < n && !strstr(g_base(mods[i].path), "libc.so"); i++)
		;
	CHECK(i < n, "no libc among %d modules", n);
	if (!mods[i].has_dwarf) {
		h_note("%s has no debug info (libc6-dbg): library lines not compared",
		       mods[i].path);
		return 0;
	}
	CHECK(cdbg_sym_by_name(p, "libc.so.6:malloc", &s) == 0, "malloc: %s", cdbg_errmsg(p));
	CHECK(cdbg_line_by_addr(p, s.addr, &ln) == 0 && !strcmp(g_base(ln.file), "malloc.c"),
	      "line of malloc: %s %s", cdbg_errmsg(p), ln.file);
	bad += g_check_range(p, mods[i].path, "malloc.c", ln.line - 5, ln.line + 10, mods[i].bias);
	bad += g_check_range(p, mods[i].path, "malloc.c", 1, 1, mods[i].bias);
	return bad;
}

static int check_program(const char *name, const char *const *funcs, bool library)
{
	static const char *const objs[] = { "sym_counter", "sym_table", NULL };
	struct tracee t;
	char line[512], src[512], full[600], hdr[600];
	cdbg_proc *p = cdbg_new();
	uint64_t a1[4], a2[4], a3[4];
	int n, bad = 0, l;

	h_start(&t, name, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	h_expect(&t, "file=", line, sizeof(line), 20);
	snprintf(src, sizeof(src), "%s", line + 5);
	n = g_count_lines(src);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	{
		struct cdbg_module exe;
		CHECK(cdbg_modules(p, &exe, 1) > 0, "modules: %s", cdbg_errmsg(p));
		g_bias = exe.bias; /* the executable comes first */
	}

	bad += g_check_breaks(p, h_tracee_path(name), src, n + 2);
	/* The header whose inline functions are in main. */
	snprintf(hdr, sizeof(hdr), "%.*s/tracee.h", (int)(strrchr(src, '/') - src), src);
	bad += g_check_breaks(p, h_tracee_path(name), hdr, g_count_lines(hdr) + 2);
	bad += g_check_info_lines(p, h_tracee_path(name), funcs);
	bad += g_check_funcs(p, h_tracee_path(name), funcs, objs);
	if (library)
		bad += check_library(p);

	/* The same file by path suffix and by full path; a file that is not there. */
	l = n / 2;
	snprintf(full, sizeof(full), "tracees/%s", g_base(src));
	n = cdbg_addrs_for_line(p, g_base(src), l, a1, 4);
	CHECK(n > 0 && cdbg_addrs_for_line(p, full, l, a2, 4) == n &&
		      cdbg_addrs_for_line(p, src, l, a3, 4) == n && a1[0] == a2[0] &&
		      a1[0] == a3[0],
	      "line %d by basename, suffix and full path: %s", l, cdbg_errmsg(p));
	CHECK_EQ(cdbg_addrs_for_line(p, "acees/sym_basic.c", l, a1, 4), CDBG_ENONAME);
	CHECK_EQ(cdbg_addrs_for_line(p, "nosuch.c", 3, a1, 4), CDBG_ENONAME);
	CHECK(strcmp(cdbg_errmsg(p), "no source file named nosuch.c") == 0, "message '%s'",
	      cdbg_errmsg(p));

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	return bad;
}

int main(void)
{
	static const char *const o0[] = { "hit", "other", "main", "twice", NULL };
	static const char *const o2[] = { "hit", "other", "main", NULL };
	int bad = 0;

	bad += check_program("sym_nopie", o0, true);
	bad += check_program("sym_opt", o2, false);
	bad += check_program("sym_basic", o0, false);
	CHECK(bad == 0, "%d answers differ from gdb's (listed above)", bad);
	return h_pass();
}
