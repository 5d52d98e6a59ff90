/*
 * present/insn_format.c - cdbg_insn_format: an instruction's text (gdb's, made by the arch layer's
 * disassembler) with the symbol gdb names after its call target or rip-relative address,
 * " <puts@plt>", " <main+4>".
 *
 * Owns: the symbolic part of instruction text. Must not: decode instructions (src/arch/ does)
 * or read the tracee.
 */
#include <errno.h>
#include <limits.h>

#include "present/present.h"
#include "target/target.h"

int cdbg_insn_format(cdbg_proc *p, const struct cdbg_insn *in, char *buf, size_t len)
{
	struct cdbg__text t = { buf, len, 0 };
	struct cdbg_symbol s;
	int r;

	if ((r = cdbg__check_owner(p, "format an instruction")) < 0)
		return r;
	if (len)
		buf[0] = '\0';
	cdbg__text_puts(&t, in->text);
	if (in->ref && cdbg_sym_by_addr(p, in->ref, &s) == 0) {
		if (s.offset)
			cdbg__text_printf(&t, " <%s+%llu>", s.name, (unsigned long long)s.offset);
		else
			cdbg__text_printf(&t, " <%s>", s.name);
	}
	cdbg__clear_error(p);
	return t.len > INT_MAX ? -EOVERFLOW : (int)t.len;
}
