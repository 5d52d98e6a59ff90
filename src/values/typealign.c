/*
 * values/typealign.c - the alignment of the program's types, for gdb's alignof and _Alignof:
 * DW_AT_alignment where the DWARF says it (not on a typedef, as gdb 13), else the x86-64 ABI's
 * natural alignment (a scalar's size, a complex number's part, an array's element, the largest
 * of a struct's or union's data members, static members left out; 1 for void, functions and
 * empty structs).
 *
 * Owns: nothing (pure questions to libdw). Must not: read tracee memory or change the type
 * table.
 */
#include <dwarf.h>

#include "values/vars.h"

#define ALIGN_DEPTH 64 /* deepest nesting of types followed (a cycle in bad DWARF ends here) */

static uint64_t die_align(Dwarf_Die *d, int depth);

/* A struct's or union's alignment: the largest of its data members'. */
static uint64_t members_align(Dwarf_Die *d, int depth)
{
	uint64_t best = 1, a;
	Dwarf_Die m, t;

	if (dwarf_child(d, &m) != 0)
		return best;
	do {
		int tag = dwarf_tag(&m);

		/* C++ static members: DW_TAG_variable (DWARF 5), or a declared external member */
		if ((tag != DW_TAG_member && tag != DW_TAG_inheritance) ||
		    dwarf_hasattr(&m, DW_AT_external) || dwarf_hasattr(&m, DW_AT_declaration))
			continue;
		a = vt_type_of(&m, &t) ? die_align(&t, depth + 1) : 1;
		if (a > best)
			best = a;
	} while (dwarf_siblingof(&m, &m) == 0);
	return best;
}

static uint64_t die_align(Dwarf_Die *d, int depth)
{
	Dwarf_Attribute a;
	Dwarf_Word w = 0, enc = 0;
	Dwarf_Die t;

	if (depth > ALIGN_DEPTH)
		return 1;
	/* as gdb 13: a typedef's own DW_AT_alignment is not read (its target's is) */
	if (dwarf_tag(d) != DW_TAG_typedef && dwarf_attr(d, DW_AT_alignment, &a) &&
	    dwarf_formudata(&a, &w) == 0 && w)
		return w;
	switch (dwarf_tag(d)) {
	case DW_TAG_typedef:
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
	case DW_TAG_array_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		return vt_type_of(d, &t) ? die_align(&t, depth + 1) : 1;
	case DW_TAG_pointer_type:
	case DW_TAG_ptr_to_member_type:
		return 8;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		return members_align(d, depth);
	case DW_TAG_enumeration_type:
		if (vt_type_of(d, &t))
			return die_align(&t, depth + 1);
		return vt_size(d) ? vt_size(d) : 1;
	case DW_TAG_base_type:
		w = vt_size(d);
		if (dwarf_attr(d, DW_AT_encoding, &a) && dwarf_formudata(&a, &enc) == 0 &&
		    enc == DW_ATE_complex_float)
			w /= 2; /* a complex number aligns as its parts */
		return w ? w : 1;
	default:
		return 1;
	}
}

uint64_t vt_align(cdbg_proc *p, uint32_t dtype)
{
	const struct vt_entry *e = vt_get(p, dtype);
	Dwarf_Die d;

	if (!e || !e->die.addr)
		return 1; /* void */
	if (e->ptrs)
		return 8;
	d = e->die;
	return die_align(&d, 0);
}
