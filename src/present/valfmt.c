/*
 * present/valfmt.c - values of the program's types printed as gdb 13 prints them: structs and
 * unions as {x = 1, y = 2}, arrays as {1, 2, 3} with <repeats N times> and 200 elements at
 * most, char arrays and char * as strings, enums by name, bool, floats with %g, pointers with
 * their type at the top level and <symbol> when one covers the address, /FMT letters applied
 * member by member. Characters and strings go through text.c.
 *
 * Owns: vf_print. Must not: evaluate expressions, or print anywhere but the FILE it is given.
 */
#include <dwarf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_dfp.h"
#include "present/present.h"
#include "values/vars.h"

#include "present/valfmt.h"

/* s in style st when styled (member names, enumerators, <repeats>): as gdb's fputs_styled. */
void vf_put_st(struct vf *w, enum cdbg_style st, const char *s)
{
	if (w->styled)
		fprintf(w->f, "%s%s%s", cdbg_style_begin(st), s, cdbg_style_end(st));
	else
		fputs(s, w->f);
}

/* An address in the address style. */
static void put_addr(struct vf *w, uint64_t addr)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, addr);
	vf_put_st(w, CDBG_STYLE_ADDRESS, buf);
}

/* " <repeats N times>", in the metadata style in gdb's three pieces. */
static void repeats(struct vf *w, uint64_t run)
{
	char n[24];

	snprintf(n, sizeof(n), "%" PRIu64, run);
	fputc(' ', w->f);
	vf_put_st(w, CDBG_STYLE_METADATA, "<repeats ");
	vf_put_st(w, CDBG_STYLE_METADATA, n);
	vf_put_st(w, CDBG_STYLE_METADATA, " times>");
}

/* gdb's print max-depth: a struct, union or array level deeper than it is "{...}". */
static bool too_deep(struct vf *w)
{
	if (w->max_depth < 0 || w->level < w->max_depth)
		return false;
	fputs("{...}", w->f);
	return true;
}

static void vf_opts(struct vf *w, const struct cdbg_print_opts *o)
{
	w->elements = !o ? VF_ELEMENTS : o->elements ? o->elements : UINT32_MAX;
	w->repeats = o ? o->repeats : CDBG__REPEATS;
	w->no_address = o && o->no_address;
	w->no_symbol = o && o->no_symbol;
	w->nibbles = o ? o->nibbles : 0;
	w->null_stop = o && o->null_stop;
	w->max_depth = !o || !o->max_depth ? 20 : o->max_depth < 0 ? -1 : o->max_depth - 1;
	w->pretty = o && o->pretty;
	w->array_indexes = o && o->array_indexes;
	w->ofmt = o ? o->output_format : 0;
	w->level = 0;
	w->styled = o && o->styled;
}

static void value(struct vf *w, Dwarf_Die *type, unsigned ptrs, const unsigned char *b, bool top);
static void string_at(struct vf *w, uint64_t addr);

/* Whether n bytes at b + off lie in the value's bytes (a member or an array the DWARF
 * places outside its object must not read past them). */
static bool fits(struct vf *w, const unsigned char *b, uint64_t off, uint64_t n)
{
	uint64_t room;

	if (b < w->lo || b > w->hi)
		return false;
	room = (uint64_t)(w->hi - b);
	return off <= room && n <= room - off;
}

static void bad_layout(struct vf *w)
{
	fputs("<error: the type's DWARF places it outside the value>", w->f);
}

uint64_t vf_get(const unsigned char *b, unsigned size)
{
	uint64_t v = 0;

	memcpy(&v, b, size > 8 ? 8 : size);
	return v;
}

int64_t vf_sext(uint64_t v, unsigned size)
{
	unsigned sh = size >= 8 || !size ? 0 : 64 - 8 * size;

	return (int64_t)(v << sh) >> sh;
}

/* " <g>" after a pointer or /a when a function or object spans addr (cdbg__text_sym's rule
 * for a value of the program's type). */
void vf_sym_suffix(struct vf *w, uint64_t addr)
{
	char buf[320] = "";
	struct cdbg__text t = { buf, sizeof(buf), 0 };

	cdbg__text_sym_styled(&t, w->p, addr, 0, w->styled);
	fputs(buf, w->f);
}

/* "<f>": the symbol alone, as gdb's print address off shows a function pointer. Returns
 * whether it printed one. */
static bool sym_suffix_bare(struct vf *w, uint64_t addr)
{
	char buf[320] = "";
	struct cdbg__text t = { buf, sizeof(buf), 0 };

	cdbg__text_sym_styled(&t, w->p, addr, 0, w->styled);
	fputs(buf[0] == ' ' ? buf + 1 : buf, w->f);
	return buf[0] != '\0';
}

/* A data pointer's address as gdb's print_unpacked_pointer shows it: "0x... <sym+off>" with
 * print symbol on, the address alone with it off, and print address off leaving the symbol
 * (or nothing); then, for a pointer to characters, the string it points to. */
static void data_pointer(struct vf *w, uint64_t addr, bool str)
{
	bool any = false;

	char sym[320] = "";
	struct cdbg__text t = { sym, sizeof(sym), 0 };

	/* a string in a function's static array (text.1, a name the compiler made): gdb names
	 * no symbol there */
	if (!w->no_symbol)
		cdbg__text_sym_styled(&t, w->p, addr, 0, w->styled);
	if (str && strchr(sym, '.'))
		sym[0] = '\0';
	if (!w->no_address) {
		put_addr(w, addr);
		fputs(sym, w->f);
		any = true;
	} else if (sym[0]) {
		fputs(sym + 1, w->f);
		any = true;
	}
	if (str && addr) {
		if (any)
			fputc(' ', w->f);
		string_at(w, addr);
	}
}

/* Whether die, without its qualifiers (not its typedefs), is the type named "char": gdb
 * leaves out "(type) " before a pointer to it, the string saying enough. */
static bool plain_char(Dwarf_Die *die)
{
	Dwarf_Die d = *die;
	Dwarf_Attribute a;
	const char *n;

	for (int i = 0; i < 8; i++) {
		int tag = dwarf_tag(&d);
		if (tag != DW_TAG_const_type && tag != DW_TAG_volatile_type &&
		    tag != DW_TAG_restrict_type && tag != DW_TAG_atomic_type)
			break;
		if (!dwarf_formref_die(dwarf_attr(&d, DW_AT_type, &a), &d))
			return false;
	}
	n = dwarf_tag(&d) == DW_TAG_base_type ? dwarf_diename(&d) : NULL;
	return n && !strcmp(n, "char");
}

/* A wide string at addr: units up to a NUL unit, within print elements. */
static void wide_at(struct vf *w, uint64_t addr)
{
	unsigned width = cdbg__expr_cs_width(w->wide);
	size_t max = w->elements < VF_MAX_VALUE / 4 ? w->elements : VF_MAX_VALUE / 4, n = 0;
	unsigned char *buf = malloc(max * width + 4);
	bool more = true;

	if (!buf) {
		fputs("<error: out of memory>", w->f);
		return;
	}
	for (; n < max; n++) {
		if (vars_read(w->p, addr + n * width, buf + n * width, width) != (ssize_t)width) {
			if (!n) {
				fprintf(w->f,
					"<error: Cannot access memory at address 0x%" PRIx64 ">",
					addr);
				free(buf);
				return;
			}
			break;
		}
		if (!vf_get(buf + n * width, width)) {
			more = false;
			break;
		}
	}
	if (n == max && more) { /* gdb peeks past the limit: a NUL there ends the string */
		unsigned char next[4] = { 1 };
		if (vars_read(w->p, addr + n * width, next, width) == (ssize_t)width &&
		    !vf_get(next, width))
			more = false;
	} else {
		more = false;
	}
	cdbg__fput_wchars_lim(w->f, w->wide, buf, n * width, w->repeats, 0, more);
	free(buf);
}

static void string_at(struct vf *w, uint64_t addr)
{
	if (w->wide) {
		wide_at(w, addr);
		w->wide = 0;
		return;
	}
	/* unlimited elements: read up to max-value-size, as gdb's limit of a string it fetches */
	size_t max = w->elements < VF_MAX_VALUE ? w->elements : VF_MAX_VALUE;
	unsigned char small[VF_ELEMENTS], *buf = max <= sizeof(small) ? small : malloc(max);
	ssize_t n;
	unsigned char *nul;

	if (!buf) {
		fputs("<error: out of memory>", w->f);
		return;
	}
	n = vars_read(w->p, addr, buf, max);
	while (n <= 0 && addr % 4096) {
		/* the string may end before an unmapped page: read up to the page end */
		size_t part = 4096 - addr % 4096;
		n = vars_read(w->p, addr, buf, part < max ? part : max);
		break;
	}
	if (n <= 0) {
		fprintf(w->f, "<error: Cannot access memory at address 0x%" PRIx64 ">", addr);
	} else {
		nul = memchr(buf, 0, (size_t)n);
		cdbg__fput_chars_rep(w->f, buf, nul ? (size_t)(nul - buf) : (size_t)n, w->repeats);
		unsigned char next = 1;
		/* gdb peeks past the limit: a NUL there ends the string, no "..." */
		if (!nul && (size_t)n == max && (vars_read(w->p, addr + max, &next, 1) != 1 || next))
			fputs("...", w->f);
	}
	if (buf != small)
		free(buf);
}

/* A pointer of type t (die NULL with ptrs: a pointer cdbg made, as &x). */
static void pointer(struct vf *w, const struct vt_entry *e, Dwarf_Die *pointee, bool top,
		    uint64_t addr)
{
	Dwarf_Die u;
	bool str = false, func = false;
	char name[512];

	if (pointee && vt_peel(pointee, &u)) {
		str = !w->fmt && dwarf_tag(&u) == DW_TAG_base_type && vt_size(&u) == 1 &&
		      dwarf_tag(&u) == DW_TAG_base_type;
		if (str) {
			Dwarf_Word enc = 0;
			Dwarf_Attribute a;
			dwarf_formudata(dwarf_attr(&u, DW_AT_encoding, &a), &enc);
			str = enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char;
		}
		func = dwarf_tag(&u) == DW_TAG_subroutine_type;
		w->wide = w->fmt ? 0 : cdbg__wide_kind(pointee);
		str = str || w->wide;
	}
	if (w->fmt && w->fmt != 'a') {
		vf_int_fmt(w, addr, 8, false, w->fmt);
		return;
	}
	if (top && !w->fmt && !w->wide &&
	    !(pointee && plain_char(pointee) && (e->ptrs || !vt_die_name((Dwarf_Die *)&e->die)))) {
		vt_name(e, "", name, sizeof(name));
		fprintf(w->f, "(%s) ", name);
	}
	if (func && w->fmt != 'a') {
		/* gdb's print_function_pointer_address: the function's name whatever print symbol */
		if (w->no_address) {
			sym_suffix_bare(w, addr);
			return;
		}
		put_addr(w, addr);
		vf_sym_suffix(w, addr);
		return;
	}
	if (w->fmt == 'a') { /* print/a: the address and its symbol whatever print address */
		put_addr(w, addr);
		vf_sym_suffix(w, addr);
		return;
	}
	data_pointer(w, addr, str);
}

/* gdb's "static NAME = VALUE" of a C++ static data member m: its object found by its linkage
 * name (or its constant value), read on its own. */
static void static_member(struct vf *w, Dwarf_Die *m)
{
	const char *n = vt_die_name(m), *link;
	unsigned char buf[512];
	const unsigned char *lo = w->lo, *hi = w->hi;
	struct cdbg_symbol s;
	Dwarf_Attribute a;
	Dwarf_Sword cv;
	Dwarf_Die mt;
	uint64_t size;

	fprintf(w->f, "static %s = ", n ? n : "?");
	if (!vt_type_of(m, &mt)) {
		fputs("<optimized out>", w->f);
		return;
	}
	size = vt_size(&mt);
	link = dwarf_formstring(dwarf_attr_integrate(m, DW_AT_linkage_name, &a));
	if (!link)
		link = dwarf_formstring(dwarf_attr_integrate(m, DW_AT_MIPS_linkage_name, &a));
	memset(buf, 0, sizeof(buf));
	if (size && size <= sizeof(buf) && link && cdbg_sym_by_name(w->p, link, &s) == 0 &&
	    vars_read(w->p, s.addr, buf, size) == (ssize_t)size) {
	} else if (size && size <= 8 &&
		   dwarf_formsdata(dwarf_attr(m, DW_AT_const_value, &a), &cv) == 0) {
		memcpy(buf, &cv, size);
	} else {
		fputs("<optimized out>", w->f);
		return;
	}
	w->lo = buf;
	w->hi = buf + sizeof(buf);
	value(w, &mt, 0, buf, false);
	w->lo = lo;
	w->hi = hi;
}

static void members(struct vf *w, Dwarf_Die *t, const unsigned char *b)
{
	Dwarf_Die c, mt;
	Dwarf_Attribute a;
	Dwarf_Word off, bits, boff;
	bool any = false;

	if (w->depth >= VT_MAX_DEPTH) {
		fputs("{...}", w->f);
		return;
	}
	if (too_deep(w))
		return;
	w->depth++;
	w->level++;
	fputc('{', w->f);
	if (dwarf_child(t, &c) == 0) {
		do {
			if (vt_is_static_member(&c)) {
				if (w->pretty)
					fprintf(w->f, "%s\n%*s", any ? "," : "", 2 * w->level, "");
				else
					fprintf(w->f, "%s", any ? ", " : "");
				static_member(w, &c);
				any = true;
				continue;
			}
			if (dwarf_tag(&c) != DW_TAG_member)
				continue;
			const char *n = vt_die_name(&c);
			off = 0;
			dwarf_formudata(dwarf_attr(&c, DW_AT_data_member_location, &a), &off);
			if (w->pretty) /* gdb: each member on a line of its own, 2 more spaces */
				fprintf(w->f, "%s\n%*s", any ? "," : "", 2 * w->level, "");
			else
				fprintf(w->f, "%s", any ? ", " : "");
			if (n) {
				vf_put_st(w, CDBG_STYLE_VARIABLE, n);
				fputs(" = ", w->f);
			}
			any = true;
			bool has_t = vt_type_of(&c, &mt);
			if (dwarf_formudata(dwarf_attr(&c, DW_AT_bit_size, &a), &bits) == 0) {
				unsigned size = has_t ? (unsigned)vt_size(&mt) : 4;
				unsigned char tmp[8] = { 0 };
				const unsigned char *lo = w->lo, *hi = w->hi;
				uint64_t word = 0, nb;
				if (dwarf_formudata(dwarf_attr(&c, DW_AT_data_bit_offset, &a),
						    &boff)) {
					Dwarf_Word bo = 0;
					dwarf_formudata(dwarf_attr(&c, DW_AT_bit_offset, &a), &bo);
					boff = off * 8 + size * 8 - bo - bits;
				}
				nb = (bits + boff % 8 + 7) / 8;
				if (!bits || bits > 64 || nb > 8 || !fits(w, b, boff / 8, nb)) {
					bad_layout(w);
					continue;
				}
				memcpy(&word, b + boff / 8, nb);
				word >>= boff % 8;
				if (bits < 64)
					word &= (1ull << bits) - 1;
				Dwarf_Die pu;
				/* sign-extend for signed bases */
				Dwarf_Word enc = 0;
				if (has_t && vt_peel(&mt, &pu))
					dwarf_formudata(dwarf_attr(&pu, DW_AT_encoding, &a), &enc);
				if ((enc == DW_ATE_signed || enc == DW_ATE_signed_char) &&
				    bits < 64 && (word >> (bits - 1)) & 1)
					word |= ~((1ull << bits) - 1);
				memcpy(tmp, &word, 8);
				w->lo = tmp;
				w->hi = tmp + sizeof(tmp);
				value(w, has_t ? &mt : NULL, 0, tmp, false);
				w->lo = lo;
				w->hi = hi;
				continue;
			}
			if (!fits(w, b, off, 0))
				bad_layout(w);
			else
				value(w, has_t ? &mt : NULL, 0, b + off, false);
		} while (dwarf_siblingof(&c, &c) == 0);
	}
	w->depth--;
	w->level--;
	if (w->pretty && any)
		fprintf(w->f, "\n%*s", 2 * w->level, "");
	Dwarf_Die cu;
	if (!any && dwarf_diecu(t, &cu, NULL, NULL) && sym_lang_cplus(&cu))
		fputs("<No data fields>", w->f); /* gdb's words for an empty C++ class */
	fputc('}', w->f);
}

static bool is_char(Dwarf_Die *t)
{
	Dwarf_Die u;
	Dwarf_Word enc = 0;
	Dwarf_Attribute a;

	if (!t || !vt_peel(t, &u) || dwarf_tag(&u) != DW_TAG_base_type || vt_size(&u) != 1)
		return false;
	dwarf_formudata(dwarf_attr(&u, DW_AT_encoding, &a), &enc);
	return enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char;
}

/* Dimensions d.. of an array of elem, at b. */
static void array_dims(struct vf *w, Dwarf_Die *elem, const uint64_t *counts, int nd,
		       const unsigned char *b, unsigned *budget)
{
	uint64_t esz = vt_size(elem), stride = esz, total;

	for (int i = 1; i < nd; i++)
		if (__builtin_mul_overflow(stride, counts[i], &stride))
			stride = UINT64_MAX;
	if (__builtin_mul_overflow(stride, counts[0], &total) || !fits(w, b, 0, total)) {
		bad_layout(w);
		return;
	}
	if (nd == 1 && !w->fmt && !w->nottext && cdbg__wide_kind(elem) &&
	    esz == cdbg__expr_cs_width(cdbg__wide_kind(elem))) {
		size_t n = (size_t)counts[0], lim = n;
		bool dots = false;
		/* print null-stop on: up to the first NUL unit within print elements (gdb's
		 * c_value_print_array); off: all, but a final NUL is left out */
		if (w->null_stop) {
			for (lim = 0; lim < n && lim < w->elements && vf_get(b + lim * esz, esz);
			     lim++)
				;
			dots = lim == w->elements && lim < n;
		} else if (n && !vf_get(b + (n - 1) * esz, esz)) {
			lim--;
		}
		cdbg__fput_wchars_lim(w->f, cdbg__wide_kind(elem), b, lim * esz, w->repeats,
				      w->elements, dots);
		return;
	}
	if (nd == 1 && is_char(elem) && !w->fmt && !w->nottext) {
		size_t n = (size_t)counts[0];
		/* print null-stop off: all of it, but a final NUL is left out; on: up to the
		 * first NUL */
		const unsigned char *nul = w->null_stop ? memchr(b, 0, n) : NULL;
		if (nul)
			n = (size_t)(nul - b);
		else if (n && !b[n - 1])
			n--;
		cdbg__fput_chars_lim(w->f, b, n, w->repeats, w->elements);
		return;
	}
	if (too_deep(w))
		return;
	w->level++;
	fputc('{', w->f);
	for (uint64_t i = 0; i < counts[0];) {
		uint64_t run = 1;

		if (*budget == 0) {
			fputs("...", w->f);
			break;
		}
		if (!stride)
			run = counts[0] - i; /* elements of no size are all alike */
		while (i + run < counts[0] &&
		       !memcmp(b + i * stride, b + (i + run) * stride, stride))
			run++;
		if (i)
			fputs(", ", w->f);
		if (w->array_indexes) /* gdb's print array-indexes (C arrays start at 0) */
			fprintf(w->f, "[%" PRIu64 "] = ", i);
		if (nd > 1) { /* gdb: each row has its own print elements */
			unsigned row = w->elements;
			array_dims(w, elem, counts + 1, nd - 1, b + i * stride, &row);
		} else
			value(w, elem, 0, b + i * stride, false);
		if (w->repeats && run > w->repeats) {
			repeats(w, run);
			i += run;
			*budget = *budget > w->repeats ? *budget - w->repeats : 0;
		} else {
			i++;
			(*budget)--;
		}
	}
	w->level--;
	fputc('}', w->f);
}

static void value_skip(struct vf *w, Dwarf_Die *type, unsigned ptrs, unsigned skip,
		       const unsigned char *b, bool top);

static void value(struct vf *w, Dwarf_Die *type, unsigned ptrs, const unsigned char *b, bool top)
{
	value_skip(w, type, ptrs, 0, b, top);
}

static void value_skip(struct vf *w, Dwarf_Die *type, unsigned ptrs, unsigned skip,
		       const unsigned char *b, bool top)
{
	Dwarf_Die t, sub;
	uint64_t counts[8];
	unsigned budget = w->elements;
	int nd;

	if (!fits(w, b, 0, ptrs ? 8 : 0)) {
		bad_layout(w);
		return;
	}
	if (ptrs) {
		struct vt_entry e = { .ptrs = ptrs, .skip = skip };
		if (type)
			e.die = *type;
		pointer(w, &e, ptrs == 1 ? type : NULL, top, vf_get(b, 8));
		return;
	}
	if (!type || !vt_peel(type, &t)) {
		fputs("void", w->f);
		return;
	}
	switch (dwarf_tag(&t)) {
	case DW_TAG_base_type:
	case DW_TAG_enumeration_type:
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		if (!fits(w, b, 0, vt_size(&t))) {
			bad_layout(w);
			return;
		}
		break;
	default:
		break;
	}
	switch (dwarf_tag(&t)) {
	case DW_TAG_base_type:
		if (!w->fmt && !w->ofmt && cdbg__wide_kind(type) &&
		    vt_size(&t) == cdbg__expr_cs_width(cdbg__wide_kind(type))) {
			Dwarf_Word enc = 0;
			Dwarf_Attribute a;
			dwarf_formudata(dwarf_attr(&t, DW_AT_encoding, &a), &enc);
			cdbg__fput_wchar_value(w->f, cdbg__wide_kind(type), b,
					       enc == DW_ATE_signed);
			return;
		}
		vf_base(w, &t, b);
		return;
	case DW_TAG_enumeration_type:
		vf_enum_value(w, &t, b);
		return;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type: {
		struct vt_entry e = { .die = *type };
		pointer(w, &e, vt_type_of(&t, &sub) ? &sub : NULL, top, vf_get(b, 8));
		return;
	}
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
		members(w, &t, b);
		return;
	case DW_TAG_array_type:
		nd = vt_dims(&t, counts);
		if (nd > (int)skip && vt_type_of(&t, &sub)) {
			bool was = w->nottext; /* gdb: a vector's chars are no text */

			w->nottext = vt_is_vector(&t);
			array_dims(w, &sub, counts + skip, nd - (int)skip, b, &budget);
			w->nottext = was;
			return;
		}
		fputs("{}", w->f);
		return;
	case DW_TAG_subroutine_type:
		return;
	case DW_TAG_typedef: /* of nothing: void, as gdb shows it */
		fputs("void", w->f);
		return;
	default:
		fputs("<unknown type>", w->f);
	}
}

/* gdb's x@N: e->count elements of the type e's other fields describe, at b. */
static void artificial(struct vf *w, const struct vt_entry *e, const unsigned char *b)
{
	uint64_t counts[9], esz = 8;
	unsigned budget = w->elements;
	Dwarf_Die die = e->die, d, elem;
	int nd = 0;

	counts[0] = e->count;
	if (e->inner) { /* rows of artificial arrays (x@2@3, {{1, 2}, {3, 4}}) */
		counts[1] = e->inner;
		array_dims(w, die.addr ? &die : NULL, counts, 2, b, &budget);
		return;
	}
	if (e->ptrs) { /* pointers DWARF does not spell: one by one */
		fputc('{', w->f);
		for (uint64_t i = 0; i < e->count && fits(w, b, i * esz, esz); i++) {
			if (i == w->elements) {
				fputs("...", w->f);
				break;
			}
			fputs(i ? ", " : "", w->f);
			value_skip(w, die.addr ? &die : NULL, e->ptrs, e->skip, b + i * esz, false);
		}
		fputc('}', w->f);
		return;
	}
	if (e->skip && vt_peel(&die, &d) && vt_type_of(&d, &elem)) {
		/* rows of a multi-dimensional array: N of its remaining dimensions */
		uint64_t dims[8];
		int k = vt_dims(&d, dims);

		for (int i = (int)e->skip; i < k && nd < 8; i++)
			counts[1 + nd++] = dims[i];
		array_dims(w, &elem, counts, 1 + nd, b, &budget);
		return;
	}
	array_dims(w, die.addr ? &die : NULL, counts, 1, b, &budget);
}

int vf_print(cdbg_proc *p, const struct expr_value *v, int fmt, bool top,
	     const struct cdbg_print_opts *o, FILE *out, char *err, size_t errlen)
{
	struct vf w = { .p = p, .f = out, .fmt = fmt };
	const struct vt_entry *e = vt_get(p, v->type.dtype);
	uint64_t size;
	unsigned char *buf;
	Dwarf_Die die;

	if (!e) {
		snprintf(err, errlen, "the type of this value is not known any more");
		return -1;
	}
	vf_opts(&w, o);
	if (v->optimized_out) {
		vf_put_st(&w, CDBG_STYLE_METADATA, "<optimized out>");
		return 0;
	}
	die = e->die;
	size = e->count                 ? v->type.size :
	       e->ptrs                  ? 8 :
	       v->type.kind == EXPR_AGG ? v->type.size :
					  vt_size(die.addr ? &die : NULL);
	if (size > VF_MAX_VALUE) {
		snprintf(err, errlen,
			 "value requires %" PRIu64 " bytes, which is more than "
			 "max-value-size",
			 size);
		return -1;
	}
	if (!(buf = calloc(1, size < 16 ? 16 : size))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	w.lo = buf;
	w.hi = buf + (size < 16 ? 16 : size);
	if (v->lvalue && v->type.kind != EXPR_INT && v->type.kind != EXPR_PTR) {
		if (vars_read(p, v->addr, buf, size) != (ssize_t)size) {
			snprintf(err, errlen, "cannot access memory at address 0x%" PRIx64,
				 v->addr);
			free(buf);
			return -1;
		}
	} else {
		memcpy(buf, &v->bits, 8);
		if (v->type.kind == EXPR_DEC && size == 16)
			memcpy(buf + 8, &v->bits_hi, 8);
	}
	if (!e->count && !e->ptrs && !fmt && vf_go_type(&die)) {
		/* Go's values as delve shows them; a func value is 8 bytes (a subroutine type with
		 * a byte size, which C never has) */
		Dwarf_Die pd;
		Dwarf_Word bs = 0;
		unsigned char *more = NULL;
		if (v->lvalue && vt_peel(&die, &pd) && dwarf_aggregate_size(&pd, &bs) == 0 &&
		    bs > size && bs <= 8 && (more = calloc(1, 16)) &&
		    vars_read(p, v->addr, more, bs) != (ssize_t)bs) {
			free(more);
			more = NULL;
		}
		vf_go(p, &die, more ? more : buf, top, out);
		free(more);
	} else if (e->count) {
		artificial(&w, e, buf);
	} else if (!die.addr && !e->ptrs) {
		fputs("void", out);
	} else if (!e->ptrs && vt_peel(&die, &die) && dwarf_tag(&die) == DW_TAG_subroutine_type) {
		char name[512];
		vt_name(e, "", name, sizeof(name));
		if (w.no_address) {
			fprintf(out, "{%s} ", name);
			sym_suffix_bare(&w, v->addr);
		} else {
			fprintf(out, "{%s} ", name);
			put_addr(&w, v->addr);
			vf_sym_suffix(&w, v->addr);
		}
	} else {
		die = e->die;
		value_skip(&w, die.addr ? &die : NULL, e->ptrs, e->skip, buf, top);
	}
	free(buf);
	return 0;
}

void vf_print_scalar(cdbg_proc *p, const struct cdbg_value *v, int fmt, bool top,
		     const struct cdbg_print_opts *o, FILE *out)
{
	struct vf w = { .p = p, .f = out, .fmt = fmt };
	unsigned size = v->is_pointer ? 8 : v->size;

	vf_opts(&w, o);
	if (!size) {
		fputs("void", out);
		return;
	}
	if (v->kind == CDBG_VAL_FLOAT && !v->is_float && (!fmt || fmt == 'f') &&
	    (size == 4 || size == 8 || size == 16)) { /* a decimal float */
		unsigned char b[16];

		memcpy(b, &v->bits, 8);
		memcpy(b + 8, &v->bits_hi, 8);
		vf_decimal_value(&w, b, size);
		return;
	}
	if (!fmt && !v->is_pointer && !v->is_float && !v->is_aggregate)
		fmt = w.ofmt; /* output-radix */
	if (v->is_pointer && (!fmt || fmt == 'a')) {
		bool str = v->ptr_depth == 1 && v->pointee_size == 1 && strstr(v->type, "char");
		bool plain = str &&
			     (!strcmp(v->type, "char *") || !strcmp(v->type, "const char *"));

		if (top && !plain)
			fprintf(out, "(%s) ", v->type);
		if (fmt == 'a') { /* print/a: the address and its symbol whatever print address */
			put_addr(&w, v->bits);
			vf_sym_suffix(&w, v->bits);
			return;
		}
		data_pointer(&w, v->bits, str);
		return;
	}
	if (!fmt && !strcmp(v->type, "_Bool") && v->bits <= 1) {
		fputs(v->bits ? "true" : "false", out);
		return;
	}
	if (!fmt && !v->is_pointer && cdbg__wide_kind_named(v->type) &&
	    size == cdbg__expr_cs_width(cdbg__wide_kind_named(v->type)))
		cdbg__fput_wchar_value(out, cdbg__wide_kind_named(v->type),
				       (const unsigned char *)&v->bits, v->is_signed);
	else if (!fmt && v->is_char)
		vf_put_int(&w, v->bits, size, 'c', v->is_signed ? CDBG_INT_SIGNED : 0);
	else
		vf_int_fmt(&w, v->bits, size, v->is_signed && !v->is_pointer, fmt);
}
