/*
 * solib.c - learning of dlopen and dlclose when they happen, as gdb does: a breakpoint on the
 * dynamic linker's r_brk (_dl_debug_state, which glibc's ld.so calls before and after every
 * change of its library list) and the list read again when r_debug.r_state says the change is
 * complete.
 *
 * Owns: cdbg_libraries_report, sym_libraries_changed. The breakpoint itself is breakpoint.c's
 * (bp_insert_solib: hidden from cdbg_bp_list, its hits reported by the target layer as
 * CDBG_EV_LIBRARIES). Must not: call ptrace or waitpid, print, exit.
 */
#include <link.h>
#include <stddef.h>
#include <string.h>

#include "symbols/symbols.h"

int cdbg_libraries_report(cdbg_proc *p)
{
	struct sym_state *s = sym_session(p, "watch library loads");
	struct cdbg_symbol brk, rdebug;
	char spec[600];
	uint64_t r_state = 0;
	int r;

	if (!s)
		return cdbg_errcode(p);
	r = sym_lookup_name(p, s, "_dl_debug_state", true, &brk);
	if (r == CDBG_ENOSYM)
		return cdbg__fail(p, r,
				  "cannot watch library loads: the program has no dynamic "
				  "linker (_dl_debug_state not found); it loads no libraries");
	if (r < 0)
		return r;
	/* r_debug of the same linker: its r_state says whether the list is complete. */
	snprintf(spec, sizeof(spec), "%s:_r_debug", brk.module);
	if (sym_lookup_name(p, s, spec, false, &rdebug) == 0)
		r_state = rdebug.addr + offsetof(struct r_debug, r_state);
	r = bp_insert_solib(p, brk.addr, r_state);
	if (r < 0)
		return r;
	cdbg__clear_error(p);
	return 0;
}

void sym_libraries_changed(cdbg_proc *p, void *data)
{
	(void)data;
	struct sym_state *s = *cdbg__layer(p, CDBG__LAYER_SYM);

	if (s && s->dwfl && s->pid == p->pid && sym_rereport(p, s, "list the libraries") < 0)
		logw(p, "symbols: %s", cdbg_errmsg(p));
}
