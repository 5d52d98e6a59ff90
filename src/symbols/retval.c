/*
 * symbols/retval.c - the value a function returned, shaped by its DWARF return type, for
 * `finish` (cdbg_finish_value): integers, characters, booleans and pointers, which the
 * calling convention returns in the integer return register. Floating point, enumerations
 * (gdb prints their names) and aggregates are left to the DWARF value layer.
 *
 * Owns: cdbg_finish_value. Must not: call ptrace or waitpid, print, exit.
 */
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "symbols.h"

/* The subprogram whose code holds file address a of cu (past any inlined scopes). */
static bool func_die(Dwarf_Die *cu, Dwarf_Addr a, Dwarf_Die *out)
{
	Dwarf_Die *scopes = NULL;
	int n = dwarf_getscopes(cu, a, &scopes);
	bool found = false;

	for (int i = 0; i < n && !found; i++)
		if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram) {
			*out = scopes[i];
			found = true;
		}
	free(scopes);
	return found;
}

/* An integer-like base type: its size, signedness, char-ness and name into v. */
static bool base_shape(Dwarf_Die *t, unsigned *size, int *is_signed, int *is_char,
		       const char **name)
{
	Dwarf_Attribute a;
	Dwarf_Word enc;
	int sz = dwarf_bytesize(t);

	if (dwarf_tag(t) != DW_TAG_base_type || sz <= 0 || sz > 8 ||
	    dwarf_formudata(dwarf_attr(t, DW_AT_encoding, &a), &enc) != 0)
		return false;
	if (enc != DW_ATE_signed && enc != DW_ATE_signed_char && enc != DW_ATE_unsigned &&
	    enc != DW_ATE_unsigned_char && enc != DW_ATE_boolean)
		return false;
	*size = (unsigned)sz;
	*is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
	*is_char = enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char;
	*name = dwarf_diename(t) ? dwarf_diename(t) : "int";
	return true;
}

/* The return type of fn into *v (rax already in v->bits). 1, 0 for void, -1 unsupported. */
static int shape(Dwarf_Die *fn, struct cdbg_value *v)
{
	Dwarf_Attribute a;
	Dwarf_Die t, pt;
	uint64_t raw = v->bits;
	unsigned size = 8;
	int sgn = 0, chr = 0;
	const char *name = "void";

	if (!dwarf_attr_integrate(fn, DW_AT_type, &a))
		return 0;
	if (!dwarf_formref_die(&a, &t) || dwarf_peel_type(&t, &t) != 0)
		return -1;
	if (dwarf_tag(&t) == DW_TAG_pointer_type) {
		cdbg_value_int(v, raw, 8, 0);
		v->is_pointer = 1;
		v->ptr_depth = 1;
		if (dwarf_attr(&t, DW_AT_type, &a) && dwarf_formref_die(&a, &pt) &&
		    dwarf_peel_type(&pt, &pt) == 0 && base_shape(&pt, &size, &sgn, &chr, &name)) {
			v->pointee_size = size;
			v->pointee_signed = sgn;
		} else if (dwarf_attr(&t, DW_AT_type, &a)) {
			return -1; /* a pointer to a structure or a pointer: not shaped here */
		}
		snprintf(v->type, sizeof(v->type), "%s *", name);
		return 1;
	}
	if (!base_shape(&t, &size, &sgn, &chr, &name))
		return -1;
	cdbg_value_int(v, raw, size, sgn);
	v->is_char = chr;
	snprintf(v->type, sizeof(v->type), "%s", name);
	return 1;
}

int cdbg_finish_value(cdbg_proc *p, pid_t tid, uint64_t func_pc, struct cdbg_value *out)
{
	struct sym_state *s = sym_session(p, "show a returned value");
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Die *cu, buf, fn;
	uint64_t raw;
	int r;

	if (!s)
		return p->errcode;
	if ((r = cdbg_reg_get(p, tid, sym_arch_int_return_reg(), &raw)) < 0)
		return r;
	mod = sym_addr_module(p, s, func_pc);
	if (!mod || !(cu = sym_addr_cu(mod, func_pc, &bias, &buf)) ||
	    !func_die(cu, func_pc - bias, &fn))
		return cdbg__fail(p, CDBG_ENOSYM, "no debug information for the function at %#llx",
				  (unsigned long long)func_pc);
	memset(out, 0, sizeof(*out));
	out->bits = raw;
	r = shape(&fn, out);
	if (r < 0)
		return cdbg__fail(p, CDBG_ENOSYM, "the type the function at %#llx returns is not "
				  "an integer, a character or a pointer",
				  (unsigned long long)func_pc);
	cdbg__clear_error(p);
	return r;
}
