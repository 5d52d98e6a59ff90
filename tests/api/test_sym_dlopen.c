/*
 * test_sym_dlopen: libraries loaded and unloaded while the program runs (dl_host, which
 * dlopen()s dl_lib.so when told). Proves:
 *   - cdbg_libraries_report inserts a breakpoint that cdbg_bp_list does not show;
 *   - a dlopen is reported as one CDBG_EV_LIBRARIES stop, once the library is mapped (the
 *     dynamic linker's earlier call, with r_state RT_ADD, is not reported), after which
 *     cdbg_modules lists dl_lib.so and its functions are found;
 *   - break FILE:LINE for every line of dl_lib.c and break FUNC for its functions give the
 *     addresses gdb gives reading dl_lib.so, offset by the library's load bias;
 *   - a dlclose is reported the same way, after which the module and its names are gone;
 *   - the program's results are unchanged and it ends normally after detach;
 *   - a static program (the Go tracee gospin, when built) has nothing to watch: CDBG_ENOSYM
 *     with a sentence saying so.
 * Skipped (77) when gdb is not installed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"
#include "test_sym_gdb.h"

/* The module whose path ends in name, or -1. */
static int find_module(cdbg_proc *p, const char *name, struct cdbg_module *out)
{
	struct cdbg_module mods[64];
	int n = cdbg_modules(p, mods, 64), i;

	CHECK(n > 0, "modules: %s", cdbg_errmsg(p));
	for (i = 0; i < n && i < 64; i++)
		if (!strcmp(g_base(mods[i].path), name)) {
			*out = mods[i];
			return i;
		}
	return -1;
}

/* Continue and wait for the next event, which must be CDBG_EV_LIBRARIES. */
static void expect_libraries(cdbg_proc *p, struct tracee *t, const char *cmd)
{
	struct cdbg_event ev;

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(t, cmd);
	CHECK(cdbg_wait(p, &ev, 20000) == 1, "wait after %s: %s", cmd, cdbg_errmsg(p));
	CHECK(ev.kind == CDBG_EV_LIBRARIES && ev.stopped, "after %s: event %s", cmd,
	      cdbg_event_name(ev.kind));
	CHECK(!strcmp(cdbg_event_name(ev.kind), "libraries"), "name");
}

/* break FUNC for dl_lib.so's functions against gdb reading the library file. */
static int check_funcs(cdbg_proc *p, const struct cdbg_module *lib)
{
	static const char *const funcs[] = { "dl_add", "dl_twice" };
	char *cmds[] = { "break dl_add", "break dl_twice", "info breakpoints" }, *out;
	struct g_break b[2];
	int bad = 0;

	out = g_run(lib->path, cmds, 3);
	if (!out)
		h_skip("gdb is not installed");
	g_parse_breaks(out, b, 2);
	for (int i = 0; i < 2; i++) {
		uint64_t a = 0;
		CHECK(cdbg_func_break_addr(p, funcs[i], &a) == 0, "%s: %s", funcs[i],
		      cdbg_errmsg(p));
		if (b[i].n != 1 || a - lib->bias != b[i].addrs[0]) {
			fprintf(stderr, "  break %s: cdbg %#llx gdb %#llx (%d locations)\n",
				funcs[i], (unsigned long long)(a - lib->bias),
				(unsigned long long)b[i].addrs[0], b[i].n);
			bad++;
		}
	}
	free(out);
	return bad;
}

/* A program without a dynamic linker loads no library: there is nothing to watch. */
static void check_static(void)
{
	struct tracee t;
	char line[256];
	cdbg_proc *p;

	if (access(h_tracee_path("gospin"), X_OK) != 0) {
		h_note("gospin is not built (no Go): the static program is not checked");
		return;
	}
	p = cdbg_new();
	h_start(&t, "gospin", "1", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_libraries_report(p), CDBG_ENOSYM);
	CHECK(strstr(cdbg_errmsg(p), "no dynamic linker"), "message '%s'", cdbg_errmsg(p));
	CHECK_EQ(cdbg_bp_list(p, NULL, 0), 0);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
}

int main(void)
{
	struct tracee t;
	struct cdbg_module lib;
	struct cdbg_symbol s;
	char line[512];
	cdbg_proc *p = cdbg_new();
	uint64_t a;
	int bad = 0;

	h_start(&t, "dl_host", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(find_module(p, "dl_lib.so", &lib) < 0, "dl_lib.so is mapped before the load");
	CHECK_EQ(cdbg_func_break_addr(p, "dl_add", &a), CDBG_ENOSYM);
	CHECK(cdbg_libraries_report(p) == 0, "watch: %s", cdbg_errmsg(p));
	CHECK(cdbg_libraries_report(p) == 0, "watch again: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_bp_list(p, NULL, 0), 0);

	/* dlopen: one stop, with the library there. */
	expect_libraries(p, &t, "load");
	CHECK(find_module(p, "dl_lib.so", &lib) >= 0, "dl_lib.so not listed after the load");
	CHECK(lib.has_dwarf, "dl_lib.so has no DWARF");
	CHECK(cdbg_sym_by_name(p, "dl_add", &s) == 0 && !strcmp(s.module, lib.path), "dl_add: %s",
	      cdbg_errmsg(p));
	bad += g_check_range(p, lib.path, "dl_lib.c", 1, 20, lib.bias);
	bad += check_funcs(p, &lib);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(&t, "loaded", line, sizeof(line), 20);
	CHECK(strtoull(strstr(line, "dl_add=") + 7, NULL, 16) == s.addr, "'%s' vs %#llx", line,
	      (unsigned long long)s.addr);
	h_send(&t, "call 5");
	h_expect(&t, "dl_add=", line, sizeof(line), 20);
	CHECK(!strcmp(line, "dl_add=7 dl_twice=20"), "'%s'", line);

	/* dlclose: one stop, the library gone. */
	CHECK(cdbg_interrupt(p) == 0, "interrupt: %s", cdbg_errmsg(p));
	{
		struct cdbg_event ev;
		CHECK(cdbg_wait(p, &ev, 20000) == 1 && ev.kind == CDBG_EV_STOPPED,
		      "interrupt stop");
	}
	expect_libraries(p, &t, "unload");
	CHECK(find_module(p, "dl_lib.so", &lib) < 0, "dl_lib.so still listed after dlclose");
	CHECK_EQ(cdbg_func_break_addr(p, "dl_add", &a), CDBG_ENOSYM);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_expect(&t, "unloaded", line, sizeof(line), 20);
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	check_static();
	CHECK(bad == 0, "%d answers differ from gdb's (listed above)", bad);
	return h_pass();
}
