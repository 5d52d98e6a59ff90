/*
 * linerows.c - what a disassembler front-end asks of the debug info: cdbg_line_rows, the rows
 * of a line table over an address range as gdb's symtab holds them (the view linetab.c
 * builds; gdb's disassemble /s and /m read the same rows), and cdbg_func_ranges, the address
 * ranges of a function (GCC moves unlikely code to a separate .cold range).
 *
 * Owns: those two calls, and sym_line_file (the whole file name of a row). Must not: build line tables itself (linetab.c does).
 */
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"

int cdbg_line_rows(cdbg_proc *p, uint64_t lo, uint64_t hi, struct cdbg_line *rows, size_t max)
{
	struct sym_state *s = sym_session(p, "read the line table");
	const struct sym_lentry *e = NULL;
	struct sym_ltable *t = NULL;
	Dwfl_Module *mod;
	Dwarf_Addr bias = 0;
	Dwarf_Die *cu, buf;
	size_t n = 0;

	if (!s)
		return cdbg_errcode(p);
	if ((mod = sym_addr_module(p, s, lo)) && (cu = sym_addr_cu(mod, lo, &bias, &buf)) &&
	    (t = sym_ltable(mod, cu)))
		e = sym_ltable_find(t, lo - bias, NULL);
	if (!e)
		return cdbg__fail(p, CDBG_ENOLINE, "no line information for %#llx",
				  (unsigned long long)lo);
	size_t g = sym_ltable_group_of(t, e);
	for (size_t i = t->start[g]; i < t->start[g + 1]; i++) {
		const struct sym_lentry *r = &t->e[i];
		if (r->pc + bias < lo || r->pc + bias >= hi)
			continue;
		if (n < max) {
			memset(&rows[n], 0, sizeof(rows[n]));
			rows[n].file_cut = snprintf(rows[n].file, sizeof(rows[n].file), "%s",
						    t->name[r->sub]) >= (int)sizeof(rows[n].file);
			rows[n].line = r->line;
			rows[n].column = r->column;
			rows[n].addr = r->pc + bias;
			rows[n].is_stmt = r->stmt;
		}
		n++;
	}
	cdbg__clear_error(p);
	return n > (size_t)INT32_MAX ? INT32_MAX : (int)n;
}

char *sym_line_file(cdbg_proc *p, const struct cdbg_line *ln)
{
	struct sym_state *s = sym_session(p, "find a line's file");
	struct sym_ltable *t = NULL;
	Dwfl_Module *mod;
	Dwarf_Addr bias = 0;
	Dwarf_Die *cu, buf;
	size_t k, have = strlen(ln->file);

	if (!ln->file_cut)
		return strdup(ln->file);
	if (!s || !(mod = sym_addr_module(p, s, ln->addr)) ||
	    !(cu = sym_addr_cu(mod, ln->addr, &bias, &buf)) || !(t = sym_ltable(mod, cu)))
		return NULL;
	for (k = 0; k < t->nsub; k++)
		if (t->name[k] && strncmp(t->name[k], ln->file, have) == 0)
			return strdup(t->name[k]);
	return NULL;
}

int cdbg_func_ranges(cdbg_proc *p, uint64_t addr, struct cdbg_range *out, size_t max,
		     uint64_t *entry)
{
	struct sym_state *s = sym_session(p, "find the ranges of a function");
	Dwarf_Die *cu, buf, *scopes = NULL, *func = NULL;
	Dwarf_Addr bias = 0, base, start, end, ent;
	Dwfl_Module *mod;
	ptrdiff_t off = 0;
	size_t n = 0;
	int ns = 0;

	if (!s)
		return cdbg_errcode(p);
	if ((mod = sym_addr_module(p, s, addr)) && (cu = sym_addr_cu(mod, addr, &bias, &buf)))
		ns = dwarf_getscopes(cu, addr - bias, &scopes);
	for (int i = 0; i < ns; i++)
		if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
			func = &scopes[i];
	if (!func) {
		free(scopes);
		return cdbg__fail(p, CDBG_ENOSYM, "no function in the debug info contains %#llx",
				  (unsigned long long)addr);
	}
	while ((off = dwarf_ranges(func, off, &base, &start, &end)) > 0) {
		if (n < max)
			out[n] = (struct cdbg_range){ start + bias, end + bias };
		n++;
	}
	if (entry)
		*entry = dwarf_entrypc(func, &ent) == 0 ? ent + bias : n && max ? out[0].start : 0;
	free(scopes);
	cdbg__clear_error(p);
	return (int)n;
}
