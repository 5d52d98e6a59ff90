/*
 * test_sym_cxx: C++ functions are found by their demangled names as gdb finds them, in
 * cxx_prog (-O0 -g, non-PIE: the addresses gdb reads from the file are the process's).
 * Proves:
 *   - cdbg_func_break_addr gives gdb's `break SPEC` address for a qualified method
 *     ("geo::Counter::method"), a partly qualified one with parameters
 *     ("Counter::method(int)"), one overload chosen by its parameters
 *     ("geo::Counter::over(double)" and "(int)"), a function template instance
 *     ("geo::twice<long>"), a virtual method by a suffix ("Square::area") and a static
 *     function ("area_of", mangled _ZL7area_of...); for the overloaded name without
 *     parameters ("geo::Counter::over", two locations in gdb) it is one of gdb's;
 *   - cdbg_sym_by_addr names each function as gdb's `info symbol` does, demangled with its
 *     parameters ("geo::Counter::method(int)", "long geo::twice<long>(long)");
 *   - cdbg_func_name gives the frame name gdb prints ("geo::twice<long>", "geo::Square::area");
 *   - every `break cxx_prog.cpp:L` and `info line *ADDR` over the methods equal gdb's;
 *   - a name that is no function ("geo::Counter::nosuch") fails with CDBG_ENOSYM.
 * Skipped (77) when gdb is not installed.
 */
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "test_sym_gdb.h"

static const char *const specs[] = {
	"geo::Counter::method",
	"Counter::method(int)",
	"geo::Counter::over(double)",
	"geo::Counter::over(int)",
	"geo::twice<long>",
	"Square::area",
	"area_of",
	"geo::Counter::over",
	NULL,
};
#define NSPECS 8

/* `break SPEC` and `info symbol` at its address, cdbg against gdb. */
static int check_specs(cdbg_proc *p, const char *prog)
{
	char *cmds[2 * NSPECS + 1], *out, want[600], *l;
	static struct g_break b[NSPECS];
	uint64_t addr[NSPECS];
	int bad = 0, i, k;

	for (i = 0; i < NSPECS; i++) {
		CHECK(cdbg_func_break_addr(p, specs[i], &addr[i]) == 0, "break %s: %s", specs[i],
		      cdbg_errmsg(p));
		CHECK(asprintf(&cmds[i], "break %s", specs[i]) > 0, "asprintf");
		CHECK(asprintf(&cmds[NSPECS + 1 + i], "info symbol %#llx",
			       (unsigned long long)addr[i]) > 0,
		      "asprintf");
	}
	cmds[NSPECS] = strdup("info breakpoints");
	out = g_run(prog, cmds, 2 * NSPECS + 1);
	if (!out)
		h_skip("gdb is not installed");
	g_parse_breaks(out, b, NSPECS);
	for (i = 0; i < NSPECS; i++) {
		bool found = false;
		for (k = 0; k < b[i].n; k++)
			found |= b[i].addrs[k] == addr[i];
		/* Only the overloaded name without parameters has several locations. */
		if (!found || (b[i].n != 1 && i != NSPECS - 1)) {
			fprintf(stderr, "  break %s: cdbg %#llx, gdb %d locations, first %#llx\n",
				specs[i], (unsigned long long)addr[i], b[i].n,
				(unsigned long long)b[i].addrs[0]);
			bad++;
		}
	}
	/* The info symbol answers come last, one line each, in order. */
	l = out;
	for (i = 0; i < NSPECS; i++) {
		struct cdbg_symbol s;
		char *e;

		CHECK(cdbg_sym_by_addr(p, addr[i], &s) == 0, "%s: %s", specs[i], cdbg_errmsg(p));
		snprintf(want, sizeof(want), "%s + %llu in section .text\n", s.name,
			 (unsigned long long)s.offset);
		e = strstr(l, " in section .text\n");
		CHECK(e, "gdb gave no info symbol answer for %s", specs[i]);
		while (e > l && e[-1] != '\n')
			e--;
		if (strncmp(e, want, strlen(want)) != 0) {
			fprintf(stderr, "  info symbol %s: cdbg '%.*s', gdb '%.*s'\n", specs[i],
				(int)strlen(want) - 1, want, (int)strcspn(e, "\n"), e);
			bad++;
		}
		l = strchr(e, '\n') + 1;
	}
	for (i = 0; i < 2 * NSPECS + 1; i++)
		free(cmds[i]);
	free(out);
	h_note("%d names: %d differ from gdb", NSPECS, bad);
	return bad;
}

int main(void)
{
	static const char *const funcs[] = { "geo::Counter::method", "geo::twice<long>",
					     "geo::Square::area", NULL };
	struct tracee t;
	struct cdbg_symbol s;
	char line[512], src[512], name[256];
	cdbg_proc *p = cdbg_new();
	uint64_t a;
	int bad = 0;

	h_start(&t, "cxx_prog", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	h_expect(&t, "file=", line, sizeof(line), 20);
	snprintf(src, sizeof(src), "%s", line + 5);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	bad += check_specs(p, h_tracee_path("cxx_prog"));
	bad += g_check_breaks(p, h_tracee_path("cxx_prog"), src, g_count_lines(src) + 2);
	bad += g_check_info_lines(p, h_tracee_path("cxx_prog"), funcs);

	CHECK(cdbg_sym_by_name(p, "geo::twice<long>", &s) == 0, "%s", cdbg_errmsg(p));
	CHECK(strcmp(s.name, "long geo::twice<long>(long)") == 0, "name '%s'", s.name);
	cdbg_func_name(s.name, name, sizeof(name));
	CHECK(strcmp(name, "geo::twice<long>") == 0, "frame name '%s'", name);
	CHECK(cdbg_sym_by_name(p, "geo::Square::area", &s) == 0, "%s", cdbg_errmsg(p));
	cdbg_func_name(s.name, name, sizeof(name));
	CHECK(strcmp(name, "geo::Square::area") == 0, "frame name '%s' of '%s'", name, s.name);
	cdbg_func_name("main", name, sizeof(name));
	CHECK(strcmp(name, "main") == 0, "frame name '%s'", name);
	CHECK_EQ(cdbg_func_break_addr(p, "geo::Counter::nosuch", &a), CDBG_ENOSYM);
	CHECK_EQ(cdbg_func_break_addr(p, "geo::Counter::method(char)", &a), CDBG_ENOSYM);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	h_expect(&t, "method=", line, sizeof(line), 20);
	CHECK(strcmp(line, "method=8 over_i=6 over_d=6 twice=42 area=9") == 0, "'%s'", line);
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	CHECK(bad == 0, "%d answers differ from gdb's (listed above)", bad);
	return h_pass();
}
