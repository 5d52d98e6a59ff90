/*
 * values/gotypes.c - Go's composite types for the evaluator: a slice or a string used as a
 * value decays to its data pointer (so xs[1] and s[0] index them, as Go does), and Go's len()
 * and cap() of slices, strings, arrays, maps and channels. Types are told apart by Go's own
 * DWARF (DW_AT_go_kind); members by the runtime's names (array, len, cap; str, len; hmap's
 * count first; hchan's qcount and dataqsiz first).
 *
 * Owns: vt_go_decay, vt_go_len.
 */
#include <dwarf.h>
#include <stdio.h>
#include <string.h>

#include "values/vars.h"

#define DW_AT_go_kind 0x2900
enum { GK_ARRAY = 17, GK_CHAN = 18, GK_MAP = 21, GK_SLICE = 23, GK_STRING = 24 };

/* Go's kind of die, following typedefs; 0 for none. */
static int go_kind(Dwarf_Die *die, Dwarf_Die *named)
{
	Dwarf_Die d = *die;
	for (int i = 0; i < 16; i++) {
		Dwarf_Attribute a;
		Dwarf_Word k;
		if (dwarf_formudata(dwarf_attr(&d, DW_AT_go_kind, &a), &k) == 0 && k) {
			*named = d;
			return (int)k;
		}
		if (dwarf_tag(&d) != DW_TAG_typedef ||
		    !dwarf_formref_die(dwarf_attr(&d, DW_AT_type, &a), &d))
			return 0;
	}
	return 0;
}

static bool member(Dwarf_Die *t, const char *name, Dwarf_Die *type, uint64_t *off)
{
	Dwarf_Die c, u;
	Dwarf_Attribute a;
	Dwarf_Word o = 0;
	if (!vt_peel(t, &u) || dwarf_child(&u, &c) != 0)
		return false;
	do {
		const char *n = dwarf_diename(&c);
		if (dwarf_tag(&c) == DW_TAG_member && n && !strcmp(n, name)) {
			dwarf_formudata(dwarf_attr(&c, DW_AT_data_member_location, &a), &o);
			*off = o;
			return vt_type_of(&c, type);
		}
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

static int kind_of_value(cdbg_proc *p, const struct expr_value *v, Dwarf_Die *die)
{
	const struct vt_entry *e = vt_get(p, v->type.dtype);
	Dwarf_Die named;
	if (!e || e->ptrs || e->count || !e->die.addr)
		return 0;
	*die = e->die;
	return go_kind(die, &named);
}

int vt_go_decay(cdbg_proc *p, const struct expr_value *v, struct expr_value *out)
{
	Dwarf_Die t, pt;
	uint64_t off;
	int k = kind_of_value(p, v, &t);
	const char *field = k == GK_SLICE ? "array" : k == GK_STRING ? "str" : NULL;
	if (!field || !v->lvalue || !member(&t, field, &pt, &off))
		return -1;
	out->type = vt_view(p, vt_intern(p, &pt, 0));
	out->lvalue = true; /* the pointer is read from the slice's (or string's) field */
	out->addr = v->addr + off;
	return 0;
}

static int read_word(cdbg_proc *p, uint64_t addr, uint64_t *w)
{
	*w = 0;
	return vars_read(p, addr, w, 8) == 8 ? 0 : -1;
}

int vt_go_len(cdbg_proc *p, const struct expr_value *v, const char *name, struct expr_value *out,
	      char *err, size_t errlen)
{
	Dwarf_Die t, x;
	uint64_t off, n = 0;
	bool cap = !strcmp(name, "cap");
	int k = kind_of_value(p, v, &t);
	switch (k) {
	case GK_SLICE:
	case GK_STRING:
		if ((k == GK_STRING && cap) || !v->lvalue ||
		    !member(&t, cap ? "cap" : "len", &x, &off) ||
		    read_word(p, v->addr + off, &n) < 0)
			goto bad;
		break;
	case GK_ARRAY: {
		uint64_t counts[8];
		Dwarf_Die u;
		if (!vt_peel(&t, &u) || vt_dims(&u, counts) < 1)
			goto bad;
		n = counts[0];
		break;
	}
	case GK_MAP: /* a pointer to runtime.hmap, whose count comes first */
		if (cap)
			goto bad;
		if (v->bits && read_word(p, v->bits, &n) < 0)
			goto bad;
		break;
	case GK_CHAN: /* runtime.hchan: qcount, dataqsiz */
		if (v->bits && read_word(p, v->bits + (cap ? 8 : 0), &n) < 0)
			goto bad;
		break;
	default:
		return -1; /* not Go's: a function of the program by that name, perhaps */
	}
	memset(out, 0, sizeof(*out));
	out->type = expr_int_type(8, true); /* Go's int */
	out->bits = n;
	return 0;
bad:
	snprintf(err, errlen, "invalid argument for %s", name);
	return -2;
}
