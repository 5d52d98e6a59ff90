/*
 * present/valfmt.h - what valfmt.c and valfmt_scalar.c share: the state of one value being
 * printed and the helpers both use. Private to src/present.
 */
#ifndef CDBG_PRESENT_VALFMT_H
#define CDBG_PRESENT_VALFMT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "present/present.h"
#include "values/vars.h"

#define VF_ELEMENTS 200    /* gdb's default print elements */
#define VF_MAX_VALUE 65536 /* gdb's max-value-size */

struct vf {
	cdbg_proc *p;
	FILE *f;
	int fmt;
	const unsigned char *lo, *hi; /* the bytes being printed: DWARF sizes stay inside */
	unsigned depth;               /* members within members: bounded by VT_MAX_DEPTH */
	unsigned elements;            /* print elements: UINT32_MAX for unlimited */
	int wide;                     /* string_at: the enum expr_cs_kind of wide units, or 0 */
	unsigned repeats;             /* print repeats: 0 for unlimited */
	bool no_address;              /* print address off */
	bool no_symbol;               /* print symbol off: data pointers without <sym+off> */
	char nibbles;                 /* print nibbles: /t digits' separator, 0 when off */
	bool null_stop;               /* print null-stop: char arrays end at their first NUL */
	int max_depth;                /* print max-depth: -1 unlimited */
	bool pretty;                  /* print pretty: a struct's members a line each */
	bool array_indexes;           /* print array-indexes: "[i] = " before each element */
	int ofmt;                     /* output-radix: integers' format when fmt is 0 */
	int level;                    /* gdb's recurse: structs, unions, arrays around */
	bool nottext;                 /* a GNU vector's elements: chars print as numbers */
	bool styled;                  /* set style enabled: names, addresses in their styles */
};

/* s in style st when styled (member names, enumerators, <repeats>): as gdb's fputs_styled. */
void vf_put_st(struct vf *w, enum cdbg_style st, const char *s);
/* The first size bytes (8 at most) of b, little-endian; and v sign-extended from size bytes. */
uint64_t vf_get(const unsigned char *b, unsigned size);
int64_t vf_sext(uint64_t v, unsigned size);
/* " <sym+off>" after an address when a function or object spans it. */
void vf_sym_suffix(struct vf *w, uint64_t addr);

/* valfmt_scalar.c: an integer in print's format fmt (0: decimal by sign; flags: CDBG_INT_*,
 * CDBG__INT_*); the same with gdb's choice of format for sign and output-radix; a base type
 * t's value at b; an enum's; a _Decimal32/64/128 of size bytes. */
void vf_put_int(struct vf *w, uint64_t v, unsigned size, int fmt, unsigned flags);
void vf_int_fmt(struct vf *w, uint64_t v, unsigned size, bool sgn, int fmt);
void vf_base(struct vf *w, Dwarf_Die *t, const unsigned char *b);
void vf_enum_value(struct vf *w, Dwarf_Die *t, const unsigned char *b);
void vf_decimal_value(struct vf *w, const unsigned char *b, unsigned size);

#endif
