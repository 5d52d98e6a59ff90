/*
 * present/valfmt_scalar.c - the scalars of values printed as gdb 13 prints them: integers in
 * print's formats, floats, decimal floats, base types by their DWARF encoding, enums by name
 * (flag enums as (A | B | unknown: 0x8)). valfmt.c walks the aggregates around them.
 *
 * Owns: vf_put_int, vf_int_fmt, vf_base, vf_enum_value, vf_decimal_value. Must not: print
 * anywhere but the vf's FILE.
 */
#include <dwarf.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_dfp.h"
#include "present/present.h"
#include "present/valfmt.h"
#include "values/vars.h"

/* An integer in print's format fmt (0: decimal by sign; flags: CDBG_INT_*, CDBG__INT_*). */
void vf_put_int(struct vf *w, uint64_t v, unsigned size, int fmt, unsigned flags)
{
	char buf[96] = "";
	struct cdbg__text t = { buf, sizeof(buf), 0 };

	if (w->nibbles)
		flags |= w->nibbles == '_'  ? CDBG_INT_NIBBLES_US :
			 w->nibbles == '\'' ? CDBG_INT_NIBBLES | CDBG_INT_NIBBLES_US :
					      CDBG_INT_NIBBLES;
	cdbg__text_int(&t, v, size, fmt, flags);
	fputs(buf, w->f);
	if (fmt == 'a')
		vf_sym_suffix(w, size >= 8 ? v : v & ((1ull << (8 * size)) - 1));
}

/* An integer in format fmt as print shows a member of a value: /c as a signed char, /f of an
 * integer in decimal (see CDBG__INT_C_SIGNED). */
void vf_int_fmt(struct vf *w, uint64_t v, unsigned size, bool sgn, int fmt)
{
	vf_put_int(w, v, size, fmt,
		   (sgn ? CDBG_INT_SIGNED : 0) | CDBG__INT_C_SIGNED | CDBG__INT_F_DECIMAL);
}

/* A double as an integer, as C converts it, but defined for NaN and out-of-range values. */
static int64_t double_to_int(double d)
{
	if (d != d)
		return 0;
	if (d <= -9223372036854775808.0)
		return INT64_MIN;
	if (d >= 9223372036854775808.0)
		return INT64_MAX;
	return (int64_t)d;
}

/* A float, double or long double (size 4, 8 or 16) at b as gdb prints it (w->fmt: f, or a
 * letter that shows the value's bits or its integer value). */
static void float_value(struct vf *w, const unsigned char *b, unsigned size)
{
	uint64_t v = vf_get(b, size);

	bool as_float = !w->fmt || w->fmt == 'f';
	double d;
	if (size == 4) {
		float fl;
		memcpy(&fl, b, 4);
		d = fl;
	} else if (size == 8) {
		memcpy(&d, b, 8);
	} else {
		long double ld = 0;
		memcpy(&ld, b, size < sizeof(ld) ? size : sizeof(ld));
		/* x87: the explicit integer bit is set exactly when the exponent is not 0 */
		bool valid = size < 10 || !(b[8] | (b[9] & 0x7f)) == !(b[7] & 0x80);
		if (as_float && !valid) {
			fputs("<invalid float value>", w->f);
			return;
		}
		if (as_float) { /* gdb's digits: 2 + 64 bits' worth */
			fprintf(w->f, "%.21Lg", ld);
			return;
		}
		d = (double)ld;
	}
	if (as_float && d != d && (size == 4 || size == 8)) /* gdb: -nan(0x8000000000000) */
		fprintf(w->f, "%snan(0x%" PRIx64 ")", v >> (8 * size - 1) & 1 ? "-" : "",
			v & (size == 4 ? (uint64_t)0x7fffff : (uint64_t)0xfffffffffffff));
	else if (as_float)
		fprintf(w->f, size == 4 ? "%.9g" : "%.17g", d);
	else if (w->fmt == 'a' || w->fmt == 'c')
		vf_int_fmt(w, (uint64_t)double_to_int(d), 8, true, w->fmt); /* gdb: the value */
	else
		vf_int_fmt(w, v, size, false, w->fmt); /* gdb 13: the raw bits */
}

/* A _Decimal32, _Decimal64 or _Decimal128 (BID) at b as gdb prints it: 1.2, 1.2E+10, NaN. */
void vf_decimal_value(struct vf *w, const unsigned char *b, unsigned size)
{
	expr_u128 x = 0;
	char text[96];

	memcpy(&x, b, size);
	expr_dec_format(x, size, text, sizeof(text));
	fputs(text, w->f);
}

void vf_base(struct vf *w, Dwarf_Die *t, const unsigned char *b)
{
	Dwarf_Word enc = DW_ATE_signed;
	Dwarf_Attribute a;
	unsigned size = (unsigned)vt_size(t);
	uint64_t v = vf_get(b, size);

	dwarf_formudata(dwarf_attr(t, DW_AT_encoding, &a), &enc);
	if (enc == DW_ATE_float) {
		float_value(w, b, size);
		return;
	}
	if (enc == DW_ATE_decimal_float && (!w->fmt || w->fmt == 'f') &&
	    (size == 4 || size == 8 || size == 16)) {
		vf_decimal_value(w, b, size);
		return;
	}
	if (enc == DW_ATE_complex_float && (!w->fmt || w->fmt == 'f') &&
	    (size == 8 || size == 16 || size == 32)) { /* gdb: "1.5 + 2i" */
		float_value(w, b, size / 2);
		fputs(" + ", w->f);
		float_value(w, b + size / 2, size / 2);
		fputc('i', w->f);
		return;
	}
	if (w->fmt || w->ofmt) { /* gdb: output-radix formats integers, chars and booleans */
		vf_int_fmt(w, v, size, enc == DW_ATE_signed || enc == DW_ATE_signed_char,
			   w->fmt ? w->fmt : w->ofmt);
		return;
	}
	if (enc == DW_ATE_boolean && v <= 1) {
		fputs(v ? "true" : "false", w->f);
		return;
	}
	if ((enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char) && size == 1 && !w->nottext) {
		vf_put_int(w, v, 1, 'c', enc == DW_ATE_signed_char ? CDBG_INT_SIGNED : 0);
		return;
	}
	vf_int_fmt(w, v, size, enc == DW_ATE_signed || enc == DW_ATE_signed_char, 0);
}

/* gdb's "flag enum": every enumerator is 0 or one bit. Then a value no enumerator has is shown
 * as the enumerators whose bits it has and what is left, "(A | B | unknown: 0x8)". */
static bool flag_enum(Dwarf_Die *t)
{
	Dwarf_Attribute a;
	Dwarf_Sword cv;
	Dwarf_Die c;
	bool any = false;

	if (dwarf_child(t, &c) != 0)
		return false;
	do {
		if (dwarf_tag(&c) != DW_TAG_enumerator ||
		    dwarf_formsdata(dwarf_attr(&c, DW_AT_const_value, &a), &cv) != 0)
			continue;
		if (cv < 0 || (cv & (cv - 1)))
			return false;
		any = true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return any;
}

static void flag_value(struct vf *w, Dwarf_Die *t, uint64_t v)
{
	Dwarf_Attribute a;
	Dwarf_Sword cv;
	Dwarf_Die c;
	bool first = true;

	if (dwarf_child(t, &c) == 0) {
		do {
			const char *en = vt_die_name(&c);

			if (dwarf_tag(&c) != DW_TAG_enumerator || !en ||
			    dwarf_formsdata(dwarf_attr(&c, DW_AT_const_value, &a), &cv) != 0 ||
			    !(v & (uint64_t)cv))
				continue;
			fprintf(w->f, "%s%s", first ? "(" : " | ", en);
			first = false;
			v &= ~(uint64_t)cv;
		} while (dwarf_siblingof(&c, &c) == 0);
	}
	if (v)
		fprintf(w->f, "%sunknown: 0x%" PRIx64 ")", first ? "(" : " | ", v);
	else
		fputs(first ? "0" : ")", w->f);
}

void vf_enum_value(struct vf *w, Dwarf_Die *t, const unsigned char *b)
{
	unsigned size = (unsigned)vt_size(t);
	int64_t v = vf_sext(vf_get(b, size), size);
	Dwarf_Attribute a;
	Dwarf_Sword cv;
	Dwarf_Die c;

	if (!w->fmt && dwarf_child(t, &c) == 0) {
		do {
			if (dwarf_tag(&c) == DW_TAG_enumerator &&
			    dwarf_formsdata(dwarf_attr(&c, DW_AT_const_value, &a), &cv) == 0 &&
			    (cv == v || (uint64_t)cv == vf_get(b, size))) {
				const char *en = vt_die_name(&c);
				if (!en)
					break; /* no name: the number, as gdb */
				vf_put_st(w, CDBG_STYLE_VARIABLE, en);
				return;
			}
		} while (dwarf_siblingof(&c, &c) == 0);
	}
	if (!w->fmt && flag_enum(t)) {
		flag_value(w, t, vf_get(b, size));
		return;
	}
	vf_int_fmt(w, vf_get(b, size), size, v < 0, w->fmt);
}
