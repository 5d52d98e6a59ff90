/*
 * test_sym_go: symbols and lines of a Go program (gospin: Go's own linker, .symtab names such
 * as main.main and runtime.goexit, compressed DWARF without .debug_aranges). Proves:
 * cdbg_sym_by_name finds main.main and runtime.goexit (runtime.goexit.abi0 in the table) in
 * the executable, and cdbg_sym_by_addr names them back with their offsets;
 * cdbg_line_by_addr(main.main) is in gospin.go. When gdb is installed, also that cdbg agrees
 * with it on the same file (non-PIE: file addresses are the process's): `info address` and
 * `break` of main.main, main.deadlineSeconds, a closure and runtime.goexit; `break
 * gospin.go:L` for every line of the source; `info line *ADDR` for every byte of main.main and
 * main.deadlineSeconds. Skipped (77) when Go is not installed (gospin is not built).
 */
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "test_sym_gdb.h"

int main(void)
{
	static const char *const funcs[] = { "main.main", "main.deadlineSeconds", "main.main.func1",
					     "runtime.goexit", NULL };
	static const char *const objs[] = { NULL };
	static const char *const bodies[] = { "main.main", "main.deadlineSeconds", NULL };
	struct tracee t;
	struct cdbg_symbol s, back;
	struct cdbg_line ln;
	char line[256], src[600], *out;
	cdbg_proc *p = cdbg_new();
	char *probe[] = { "info address main.main" };
	int bad = 0;

	h_start(&t, "gospin", "4", NULL); /* skips when not built */
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	CHECK(cdbg_sym_by_name(p, "main.main", &s) == 0, "main.main: %s", cdbg_errmsg(p));
	CHECK(!strcmp(s.name, "main.main") && s.size > 0 && !strcmp(g_base(s.module), "gospin"),
	      "main.main: %s size %llu in %s", s.name, (unsigned long long)s.size, s.module);
	CHECK(cdbg_sym_by_addr(p, s.addr, &back) == 0 && !strcmp(back.name, "main.main") &&
		      back.offset == 0 && back.addr == s.addr,
	      "by_addr(main.main): %s+%llu", back.name, (unsigned long long)back.offset);
	CHECK(cdbg_sym_by_addr(p, s.addr + 7, &back) == 0 && !strcmp(back.name, "main.main") &&
		      back.offset == 7,
	      "by_addr(main.main+7): %s+%llu", back.name, (unsigned long long)back.offset);
	CHECK(cdbg_line_by_addr(p, s.addr, &ln) == 0 && !strcmp(g_base(ln.file), "gospin.go") &&
		      ln.line > 0,
	      "line of main.main: %s %s:%d", cdbg_errmsg(p), ln.file, ln.line);
	snprintf(src, sizeof(src), "%s", ln.file);
	CHECK(cdbg_sym_by_name(p, "runtime.goexit", &s) == 0 && !strcmp(g_base(s.module), "gospin"),
	      "runtime.goexit: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_addr(p, s.addr + 1, &back) == 0 && !strcmp(back.name, "runtime.goexit") &&
		      back.offset == 1,
	      "by_addr(runtime.goexit+1): %s", back.name);

	out = g_run(h_tracee_path("gospin"), probe, 1);
	if (out && g_info_address(out, "main.main")) {
		bad += g_check_funcs(p, h_tracee_path("gospin"), funcs, objs);
		bad += g_check_breaks(p, h_tracee_path("gospin"), src, g_count_lines(src) + 2);
		bad += g_check_info_lines(p, h_tracee_path("gospin"), bodies);
	} else {
		h_note("gdb is not installed or cannot read Go programs: comparisons skipped");
	}
	free(out);
	CHECK(bad == 0, "%d answers differ from gdb's (listed above)", bad);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "quit");
	h_expect(&t, "done", NULL, 0, 20);
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	return h_pass();
}
