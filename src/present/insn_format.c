/*
 * present/insn_format.c - the symbol gdb names after an address, " <main+4>", " <puts@plt>", by
 * its two rules (cdbg__text_sym, cdbg_format_sym); and cdbg_insn_format: an instruction's text
 * (gdb's, made by the arch layer's disassembler) with that symbol after its call target or
 * rip-relative address.
 *
 * Owns: the symbolic part of addresses and instruction text. Must not: decode instructions
 * (src/arch/ does) or read the tracee.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "present/present.h"
#include "target/target.h"

void cdbg__text_sym(struct cdbg__text *t, cdbg_proc *p, uint64_t addr, unsigned flags)
{
	cdbg__text_sym_styled(t, p, addr, flags, false);
}

void cdbg__text_sym_styled(struct cdbg__text *t, cdbg_proc *p, uint64_t addr, unsigned flags,
			   bool styled)
{
	struct cdbg_symbol s;

	bool any = flags & CDBG_FMTSYM_ANY;

	if ((!any && !addr) || cdbg_sym_by_addr(p, addr, &s) != 0)
		return;
	if (!any && (s.kind == CDBG_SYM_OTHER || (s.size && addr >= s.addr + s.size)))
		return;
	cdbg__text_puts(t, " <");
	cdbg__text_styled(t, styled, CDBG_STYLE_FUNCTION, s.name, strlen(s.name));
	if (s.offset)
		cdbg__text_printf(t, "+%llu>", (unsigned long long)s.offset);
	else
		cdbg__text_puts(t, ">");
}

static int text_end(const struct cdbg__text *t)
{
	return t->len > INT_MAX ? -EOVERFLOW : (int)t->len;
}

int cdbg_format_sym(cdbg_proc *p, uint64_t addr, unsigned flags, char *out, size_t max)
{
	struct cdbg__text t = { out, max, 0 };
	int r;

	if (max)
		out[0] = '\0';
	if (flags & ~CDBG_FMTSYM_ANY)
		return -EINVAL;
	if ((r = cdbg__check_owner(p, "format an address")) < 0)
		return r;
	cdbg__text_sym(&t, p, addr, flags);
	cdbg__clear_error(p);
	return text_end(&t);
}

int cdbg_insn_format(cdbg_proc *p, const struct cdbg_insn *in, char *buf, size_t len)
{
	struct cdbg__text t = { buf, len, 0 };
	int r;

	if ((r = cdbg__check_owner(p, "format an instruction")) < 0)
		return r;
	if (len)
		buf[0] = '\0';
	cdbg__text_puts(&t, in->text);
	if (in->ref)
		cdbg__text_sym(&t, p, in->ref, CDBG_FMTSYM_ANY);
	cdbg__clear_error(p);
	return text_end(&t);
}
