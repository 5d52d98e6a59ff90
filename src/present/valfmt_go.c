/*
 * present/valfmt_go.c - values of Go programs as delve shows them (its single-line form):
 * "hello", []int len: 3, cap: 3, [1,2,3], map[string]int ["a": 1, "b": 2, ],
 * main.Point {X: 3, Y: 4, Name: "pt"}, *main.Point {...}, error(*errors.errorString)
 * *{s: "boom"}, chan int 0/10, with delve's limits (64 characters of a string, 64 elements,
 * structs loaded one level down). Everything is read from the program's own DWARF (Go's
 * DW_AT_go_kind, DW_AT_go_elem, DW_AT_go_key, DW_AT_go_runtime_type) and memory: no layout
 * of one Go version is assumed beyond the runtime's names (hmap's count, B, buckets,
 * oldbuckets; a bucket's tophash/topbits, keys, elems/values, overflow; iface's tab and data,
 * itab's _type, eface's _type).
 *
 * Owns: vf_go. Must not: write anywhere but the FILE it is given.
 */
#include <dwarf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "present/present.h"
#include "values/vars.h"

#define GO_MAX_STRING 64    /* delve's MaxStringLen */
#define GO_MAX_ELEMS 64     /* MaxArrayValues */
#define GO_MAX_RECURSE 1    /* MaxVariableRecurse */
#define GO_MAX_BUCKETS 4096 /* buckets (and overflow chains) read for one map */

/* Go's attributes (the Go linker's DWARF) and reflect kinds. */
#define DW_AT_go_kind 0x2900
#define DW_AT_go_key 0x2901
#define DW_AT_go_elem 0x2902
#define DW_AT_go_runtime_type 0x2904
enum {
	GK_BOOL = 1,
	GK_INT,
	GK_INT8,
	GK_INT16,
	GK_INT32,
	GK_INT64,
	GK_UINT,
	GK_UINT8,
	GK_UINT16,
	GK_UINT32,
	GK_UINT64,
	GK_UINTPTR,
	GK_FLOAT32,
	GK_FLOAT64,
	GK_COMPLEX64,
	GK_COMPLEX128,
	GK_ARRAY,
	GK_CHAN,
	GK_FUNC,
	GK_INTERFACE,
	GK_MAP,
	GK_PTR,
	GK_SLICE,
	GK_STRING,
	GK_STRUCT,
	GK_UNSAFEPTR
};

struct gw {
	cdbg_proc *p;
	FILE *f;
	Dwarf *dw;      /* the program's DWARF, for runtime types */
	uint64_t types; /* where the runtime's type descriptors start, 0 until looked up */
	bool top;       /* the whole value printed (print, info args), not a frame line's */
};

static void gvalue(struct gw *g, Dwarf_Die *t, const unsigned char *b, int level, bool type);

static uint64_t word(const unsigned char *b, unsigned n)
{
	uint64_t v = 0;
	memcpy(&v, b, n > 8 ? 8 : n);
	return v;
}

static int kind_of(Dwarf_Die *t)
{
	Dwarf_Attribute a;
	Dwarf_Word k = 0;
	if (dwarf_formudata(dwarf_attr(t, DW_AT_go_kind, &a), &k) != 0)
		return 0;
	return (int)k;
}

/* Go's kind of t, following typedefs (Go's DWARF wraps named types in a typedef without a
 * kind); *named gets the DIE that has it (0: none). */
static int kind_named(Dwarf_Die *t, Dwarf_Die *named)
{
	Dwarf_Die d = *t;
	for (int i = 0; i < 16; i++) {
		int k = kind_of(&d);
		Dwarf_Attribute a;
		if (k) {
			*named = d;
			return k;
		}
		if (dwarf_tag(&d) != DW_TAG_typedef ||
		    !dwarf_formref_die(dwarf_attr(&d, DW_AT_type, &a), &d))
			break;
	}
	*named = *t;
	return 0;
}

static bool ref_attr(Dwarf_Die *t, unsigned name, Dwarf_Die *out)
{
	Dwarf_Attribute a;
	return dwarf_attr(t, name, &a) && dwarf_formref_die(&a, out);
}

static const char *tname(Dwarf_Die *t)
{
	const char *n = dwarf_diename(t);
	return n ? n : "?";
}

/* Member name of struct t: its type and offset. */
static bool member(Dwarf_Die *t, const char *name, Dwarf_Die *type, uint64_t *off)
{
	Dwarf_Die c;
	Dwarf_Attribute a;
	Dwarf_Word o = 0;
	if (dwarf_child(t, &c) != 0)
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

static unsigned char *readn(struct gw *g, uint64_t addr, size_t n)
{
	if (n > (1u << 20))
		return NULL;
	unsigned char *b = malloc(n ? n : 1);
	if (b && n && vars_read(g->p, addr, b, n) != (ssize_t)n) {
		free(b);
		return NULL;
	}
	return b;
}

static void gstring(struct gw *g, uint64_t addr, uint64_t len)
{
	uint64_t n = len < GO_MAX_STRING ? len : GO_MAX_STRING;
	unsigned char *s = n ? readn(g, addr, n) : NULL;
	if (n && !s) {
		fprintf(g->f, "(unreadable could not read string at %#" PRIx64 ")", addr);
		return;
	}
	fputc('"', g->f);
	for (uint64_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == '"' || c == '\\')
			fprintf(g->f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", g->f);
		else if (c == '\t')
			fputs("\\t", g->f);
		else if (c == '\r')
			fputs("\\r", g->f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(g->f, "\\x%02x", c);
		else
			fputc(c, g->f); /* UTF-8 passes through */
	}
	if (n < len)
		fprintf(g->f, "...+%" PRIu64 " more", len - n);
	fputc('"', g->f);
	free(s);
}

/* n elements of type et at addr (an array or a slice's backing array). */
static void elements(struct gw *g, Dwarf_Die *et, uint64_t addr, uint64_t n, int level)
{
	uint64_t esz = vt_size(et), shown = n < GO_MAX_ELEMS ? n : GO_MAX_ELEMS;
	unsigned char *b = shown ? readn(g, addr, (size_t)(esz * shown)) : NULL;
	fputc('[', g->f);
	if (shown && !b) {
		fprintf(g->f, "(unreadable could not read %#" PRIx64 ")]", addr);
		return;
	}
	for (uint64_t i = 0; i < shown; i++) {
		gvalue(g, et, b + i * esz, level + 1, false);
		if (i + 1 < shown)
			fputc(',', g->f);
	}
	if (shown < n)
		fprintf(g->f, "%s...+%" PRIu64 " more", shown ? "," : "", n - shown);
	fputc(']', g->f);
	free(b);
}

/* A channel's buffer as delve shows the buf of a runtime.hchan<T>: *[N]T [e0,e1,...] (N its
 * dataqsiz; the element type named by the struct's own name). false when it cannot be told:
 * the raw pointer then. */
static bool chan_buf(struct gw *g, Dwarf_Die *t, const unsigned char *b, int level)
{
	const char *n = dwarf_diename(t);
	size_t len = n ? strlen(n) : 0;
	uint64_t qoff, boff;
	Dwarf_Die mt;
	char ename[256];
	if (len < 8 || strncmp(n, "hchan<", 6) || n[len - 1] != '>' ||
	    !member(t, "dataqsiz", &mt, &qoff) || !member(t, "buf", &mt, &boff))
		return false;
	snprintf(ename, sizeof(ename), "%.*s", (int)(len - 7), n + 6);
	uint32_t dt = vt_lookup(g->p, ename);
	const struct vt_entry *ve = dt ? vt_get(g->p, dt) : NULL;
	if (!ve || ve->ptrs || ve->count || !ve->die.addr)
		return false;
	Dwarf_Die e = ve->die;
	uint64_t nq = word(b + qoff, 8), buf = word(b + boff, 8), esz = vt_size(&e);
	if (!buf || !esz || esz > 65536 || nq > (1u << 24))
		return false;
	fprintf(g->f, "*[%" PRIu64 "]%s [", nq, tname(&e));
	for (uint64_t i = 0; i < nq && i < GO_MAX_ELEMS; i++) {
		unsigned char *v = readn(g, buf + i * esz, (size_t)esz);
		if (i)
			fputc(',', g->f);
		if (!v) {
			fputs("?", g->f);
			continue;
		}
		gvalue(g, &e, v, level + 1, false);
		free(v);
	}
	if (nq > GO_MAX_ELEMS)
		fprintf(g->f, ",...+%" PRIu64 " more", nq - GO_MAX_ELEMS);
	fputc(']', g->f);
	return true;
}

static void gstruct(struct gw *g, Dwarf_Die *t, const unsigned char *b, int level, bool type)
{
	Dwarf_Die c, mt;
	Dwarf_Attribute a;
	bool any = false;
	if (type)
		fprintf(g->f, "%s ", tname(t));
	fputc('{', g->f);
	if (dwarf_child(t, &c) == 0) {
		do {
			Dwarf_Word off = 0;
			if (dwarf_tag(&c) != DW_TAG_member || !vt_type_of(&c, &mt))
				continue;
			dwarf_formudata(dwarf_attr(&c, DW_AT_data_member_location, &a), &off);
			fprintf(g->f, "%s%s: ", any ? ", " : "", tname(&c));
			any = true;
			if (!strcmp(tname(&c), "buf") && chan_buf(g, t, b, level))
				continue; /* a channel's buffered elements */
			gvalue(g, &mt, b + off, level + 1,
			       true); /* delve: fields with their type */
		} while (dwarf_siblingof(&c, &c) == 0);
	}
	fputc('}', g->f);
}

/* The DWARF type whose runtime type descriptor is at addr (DW_AT_go_runtime_type). */
static bool runtime_type(struct gw *g, uint64_t addr, Dwarf_Die *out)
{
	/* per thread: handles may live in different threads */
	static __thread Dwarf *cached;
	static __thread struct rt {
		uint64_t addr;
		Dwarf_Off off;
	} * tab;
	static __thread size_t ntab;
	if (!g->dw)
		return false;
	if (cached != g->dw) {
		free(tab);
		tab = NULL;
		ntab = 0;
		size_t cap = 0;
		Dwarf_Off off = 0, next;
		size_t hsize;
		while (dwarf_nextcu(g->dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
			Dwarf_Die cu, c;
			if (dwarf_offdie(g->dw, off + hsize, &cu) && dwarf_child(&cu, &c) == 0) {
				do {
					Dwarf_Attribute a;
					Dwarf_Word v;
					Dwarf_Addr av;
					if (!dwarf_attr(&c, DW_AT_go_runtime_type, &a))
						continue;
					if (dwarf_formudata(&a, &v) != 0) {
						if (dwarf_formaddr(&a, &av) != 0)
							continue;
						v = av;
					}
					if (ntab == cap) {
						cap = cap ? cap * 2 : 1024;
						struct rt *n = realloc(tab, cap * sizeof(*n));
						if (!n)
							break;
						tab = n;
					}
					tab[ntab++] = (struct rt){ v, dwarf_dieoffset(&c) };
				} while (dwarf_siblingof(&c, &c) == 0);
			}
			off = next;
		}
		cached = g->dw;
	}
	/* the attribute is the descriptor's offset from the start of the types (runtime.types,
	 * which moduledata.types holds); 0 means none */
	if (!g->types) {
		struct cdbg_symbol s;
		static const char *const names[] = { "runtime.types", "type.*", "go:type.*" };
		for (size_t i = 0; i < 3 && !g->types; i++)
			if (cdbg_sym_by_name(g->p, names[i], &s) == 0)
				g->types = s.addr;
		if (!g->types)
			return false;
	}
	for (size_t i = 0; i < ntab; i++)
		if (tab[i].addr && tab[i].addr + g->types == addr)
			return dwarf_offdie(g->dw, tab[i].off, out) != NULL;
	return false;
}

static void ginterface(struct gw *g, Dwarf_Die *t, const unsigned char *b, int level, bool type)
{
	Dwarf_Die it, x;
	uint64_t off0 = 0;
	bool eface = !vt_peel(t, &it) || !member(&it, "tab", &x, &off0);
	uint64_t tabw = word(b, 8), data = word(b + 8, 8);
	if (!tabw) {
		fprintf(g->f, "%s nil", tname(t));
		return;
	}
	uint64_t rtype = tabw;
	if (!eface) { /* itab: inter, _type, ... */
		unsigned char w[8];
		if (vars_read(g->p, tabw + 8, w, 8) != 8) {
			fprintf(g->f, "%s(unreadable itab %#" PRIx64 ")", tname(t), tabw);
			return;
		}
		rtype = word(w, 8);
	}
	Dwarf_Die dyn;
	if (!runtime_type(g, rtype, &dyn)) {
		fprintf(g->f, "%s(%#" PRIx64 ") %#" PRIx64, tname(t), rtype, data);
		return;
	}
	if (type)
		fprintf(g->f, "%s(%s) ", tname(t), tname(&dyn));
	/* the runtime's kindDirectIface: the data word is the value (pointers, maps, chans...) */
	Dwarf_Die dn;
	int k = kind_named(&dyn, &dn);
	bool direct = k == GK_PTR || k == GK_MAP || k == GK_CHAN || k == GK_FUNC ||
		      k == GK_UNSAFEPTR;
	if (direct) {
		unsigned char w[8];
		memcpy(w, &data, 8);
		gvalue(g, &dyn, w, level + 1, !type); /* the value the interface holds: followed */
		return;
	}
	uint64_t sz = vt_size(&dyn);
	unsigned char *v = readn(g, data, (size_t)sz);
	if (!v) {
		fprintf(g->f, "(unreadable %#" PRIx64 ")", data);
		return;
	}
	gvalue(g, &dyn, v, level, !type);
	free(v);
}

/* Every entry of the buckets of one table (nb of them at addr, of bucket type bt). */
static void buckets(struct gw *g, Dwarf_Die *bt, uint64_t addr, uint64_t nb, Dwarf_Die *kt,
		    Dwarf_Die *vt, uint64_t *shown, uint64_t *left)
{
	Dwarf_Die tt, kat, vat, ot;
	uint64_t toff, koff, voff, ooff;
	if (!member(bt, "tophash", &tt, &toff) && !member(bt, "topbits", &tt, &toff))
		return;
	if (!member(bt, "keys", &kat, &koff) ||
	    (!member(bt, "elems", &vat, &voff) && !member(bt, "values", &vat, &voff)) ||
	    !member(bt, "overflow", &ot, &ooff))
		return;
	uint64_t bsz = vt_size(bt), ksz = vt_size(kt), vsz = vt_size(vt);
	unsigned reads = 0;
	for (uint64_t i = 0; i < nb && *left; i++) {
		uint64_t at = addr + i * bsz;
		while (at && *left && reads++ < GO_MAX_BUCKETS) {
			unsigned char *b = readn(g, at, (size_t)bsz);
			if (!b)
				return;
			for (unsigned s = 0; s < 8 && *left; s++) {
				unsigned char top = b[toff + s];
				/* emptyRest 0, emptyOne 1; evacuated ones (2-4) live in the new
				 * table now; a live entry's tophash is minTopHash (5) or more */
				if (top < 5)
					continue;
				if (*shown == GO_MAX_ELEMS) { /* the rest is counted, not read */
					*left = 0;
					break;
				}
				fputs(*shown ? ", " : "", g->f);
				gvalue(g, kt, b + koff + s * ksz, 1, false);
				fputs(": ", g->f);
				gvalue(g, vt, b + voff + s * vsz, 1, false);
				(*shown)++;
				(*left)--;
			}
			at = word(b + ooff, 8);
			free(b);
		}
	}
}

static void gmap(struct gw *g, Dwarf_Die *t, const unsigned char *b, bool type)
{
	uint64_t h = word(b, 8);
	Dwarf_Die ht, hs, kt, vt, bp, bt;
	uint64_t off;
	if (type)
		fprintf(g->f, "%s ", tname(t));
	if (!h) {
		fputs("nil", g->f);
		return;
	}
	/* map[K]V is a pointer to runtime.hmap (hash<K,V>); its buckets' type has the layout */
	if (!vt_peel(t, &ht) || dwarf_tag(&ht) != DW_TAG_pointer_type || !vt_type_of(&ht, &hs) ||
	    !vt_peel(&hs, &hs) || !ref_attr(t, DW_AT_go_key, &kt) ||
	    !ref_attr(t, DW_AT_go_elem, &vt) || !member(&hs, "buckets", &bp, &off) ||
	    !vt_peel(&bp, &bp) || !vt_type_of(&bp, &bt) || !vt_peel(&bt, &bt)) {
		fprintf(g->f, "(%#" PRIx64 ")", h);
		return;
	}
	uint64_t hsz = vt_size(&hs), coff, boff, ooff, bucket_off;
	Dwarf_Die x;
	unsigned char *hm = readn(g, h, (size_t)hsz);
	if (!hm || !member(&hs, "count", &x, &coff) || !member(&hs, "B", &x, &boff) ||
	    !member(&hs, "oldbuckets", &x, &ooff) || !member(&hs, "buckets", &x, &bucket_off)) {
		free(hm);
		fprintf(g->f, "(unreadable %#" PRIx64 ")", h);
		return;
	}
	uint64_t count = word(hm + coff, 8), B = hm[boff];
	uint64_t bk = word(hm + bucket_off, 8), old = word(hm + ooff, 8);
	free(hm);
	uint64_t shown = 0, left = count;
	fputc('[', g->f);
	if (B < 32) {
		if (old) /* growing: entries not evacuated yet are in the old table */
			buckets(g, &bt, old, (uint64_t)1 << (B ? B - 1 : 0), &kt, &vt, &shown,
				&left);
		buckets(g, &bt, bk, (uint64_t)1 << B, &kt, &vt, &shown, &left);
	}
	if (shown < count)
		fprintf(g->f, "%s...+%" PRIu64 " more", shown ? "," : "", count - shown);
	else if (shown)
		fputs(", ", g->f);
	fputc(']', g->f);
}

static void gbasic(struct gw *g, int k, Dwarf_Die *t, const unsigned char *b)
{
	uint64_t sz = vt_size(t), v = word(b, (unsigned)sz);
	switch (k) {
	case GK_BOOL:
		fputs(v ? "true" : "false", g->f);
		return;
	case GK_INT:
	case GK_INT8:
	case GK_INT16:
	case GK_INT32:
	case GK_INT64:
		if (sz < 8 && (v >> (sz * 8 - 1)) & 1)
			v |= ~0ull << (sz * 8);
		fprintf(g->f, "%" PRId64, (int64_t)v);
		return;
	case GK_FLOAT32: {
		float f;
		memcpy(&f, b, 4);
		fprintf(g->f, "%g", (double)f);
		return;
	}
	case GK_FLOAT64: {
		double d;
		memcpy(&d, b, 8);
		fprintf(g->f, "%g", d);
		return;
	}
	case GK_COMPLEX64: {
		float re, im;
		memcpy(&re, b, 4);
		memcpy(&im, b + 4, 4);
		fprintf(g->f, "(%g + %gi)", (double)re, (double)im);
		return;
	}
	case GK_COMPLEX128: {
		double re, im;
		memcpy(&re, b, 8);
		memcpy(&im, b + 8, 8);
		fprintf(g->f, "(%g + %gi)", re, im);
		return;
	}
	default:
		fprintf(g->f, "%" PRIu64, v);
	}
}

static void gvalue(struct gw *g, Dwarf_Die *t0, const unsigned char *b, int level, bool type)
{
	Dwarf_Die t, u, e;
	int k = kind_named(t0, &t);
	if (!vt_peel(&t, &u))
		u = t;
	switch (k) {
	case GK_STRING: {
		Dwarf_Die x;
		uint64_t so = 0, lo = 8;
		member(&u, "str", &x, &so);
		member(&u, "len", &x, &lo);
		gstring(g, word(b + so, 8), word(b + lo, 8));
		return;
	}
	case GK_SLICE: {
		Dwarf_Die x;
		uint64_t ao = 0, lo = 8, co = 16;
		member(&u, "array", &x, &ao);
		member(&u, "len", &x, &lo);
		member(&u, "cap", &x, &co);
		uint64_t arr = word(b + ao, 8), len = word(b + lo, 8), cap = word(b + co, 8);
		if (type)
			fprintf(g->f, "%s len: %" PRIu64 ", cap: %" PRIu64 ", ", tname(&t), len,
				cap);
		if (!arr && !len) {
			fputs("nil", g->f);
			return;
		}
		if (!ref_attr(&t, DW_AT_go_elem, &e) && !(x.addr && vt_type_of(&x, &e))) {
			fputs("[...]", g->f);
			return;
		}
		if (level > GO_MAX_RECURSE + 1) {
			fputs("[...]", g->f);
			return;
		}
		elements(g, &e, arr, len, level);
		return;
	}
	case GK_ARRAY: {
		uint64_t n[8];
		if (type)
			fprintf(g->f, "%s ", tname(&t));
		if (vt_dims(&u, n) < 1 || !vt_type_of(&u, &e)) {
			fputs("[...]", g->f);
			return;
		}
		uint64_t esz = vt_size(&e), shown = n[0] < GO_MAX_ELEMS ? n[0] : GO_MAX_ELEMS;
		fputc('[', g->f);
		for (uint64_t i = 0; i < shown; i++) {
			gvalue(g, &e, b + i * esz, level + 1, false);
			if (i + 1 < shown)
				fputc(',', g->f);
		}
		if (shown < n[0])
			fprintf(g->f, ",...+%" PRIu64 " more", n[0] - shown);
		fputc(']', g->f);
		return;
	}
	case GK_STRUCT:
		if (level > GO_MAX_RECURSE + 1) {
			fprintf(g->f, "%s {...}", tname(&t));
			return;
		}
		gstruct(g, &u, b, level, type);
		return;
	case GK_PTR: {
		uint64_t a = word(b, 8);
		if (!a) {
			fputs(type ? "nil" : "nil", g->f);
			return;
		}
		if (!vt_type_of(&u, &e) || level > GO_MAX_RECURSE + 1 || (!g->top && !level)) {
			/* delve's form of a pointer not followed (a frame line's argument) */
			fprintf(g->f, "(%s)(%#" PRIx64 ")", tname(&t), a);
			return;
		}
		uint64_t sz = vt_size(&e);
		unsigned char *v = readn(g, a, (size_t)sz);
		if (!v) {
			fprintf(g->f, "(%s)(%#" PRIx64 ")", tname(&t), a);
			return;
		}
		fputc('*', g->f);
		Dwarf_Die en;
		if (type && kind_named(&e, &en) == GK_STRUCT)
			fprintf(g->f, "%s ", tname(&en));
		gvalue(g, &e, v, level + 1, false);
		free(v);
		return;
	}
	case GK_MAP:
		if (level > GO_MAX_RECURSE + 1) {
			fprintf(g->f, "%s [...]", tname(&t));
			return;
		}
		gmap(g, &t, b, type);
		return;
	case GK_INTERFACE:
		ginterface(g, &t, b, level, true);
		return;
	case GK_CHAN: {
		uint64_t c = word(b, 8);
		unsigned char hc[16];
		if (!c) {
			fprintf(g->f, "%s nil", tname(&t));
			return;
		}
		/* runtime.hchan: qcount, dataqsiz first */
		if (vars_read(g->p, c, hc, 16) == 16)
			fprintf(g->f, "%s %" PRIu64 "/%" PRIu64, tname(&t), word(hc, 8),
				word(hc + 8, 8));
		else
			fprintf(g->f, "%s (%#" PRIx64 ")", tname(&t), c);
		return;
	}
	case GK_FUNC: {
		uint64_t fv = word(b, 8), pc;
		unsigned char w[8];
		struct cdbg_symbol s;
		/* a func value points to a closure whose first word is the code */
		if (!fv) {
			fputs("nil", g->f);
		} else if (vars_read(g->p, fv, w, 8) == 8 && (pc = word(w, 8)) &&
			   cdbg_sym_by_addr(g->p, pc, &s) == 0) {
			fputs(s.name, g->f);
		} else {
			fprintf(g->f, "%#" PRIx64, fv);
		}
		return;
	}
	case GK_UNSAFEPTR:
		fprintf(g->f, "unsafe.Pointer(%#" PRIx64 ")", word(b, 8));
		return;
	case 0:
		if (dwarf_tag(&u) == DW_TAG_structure_type) { /* runtime structs without a kind */
			gstruct(g, &u, b, level, type);
			return;
		}
		if (dwarf_tag(&u) == DW_TAG_pointer_type) {
			fprintf(g->f, "%#" PRIx64, word(b, 8));
			return;
		}
		gbasic(g, GK_INT64, &u, b);
		return;
	default:
		gbasic(g, k, &u, b);
	}
}

bool vf_go_type(Dwarf_Die *die)
{
	Dwarf_Die cu;
	return die && die->addr && dwarf_diecu(die, &cu, NULL, NULL) &&
	       dwarf_srclang(&cu) == DW_LANG_Go;
}

void vf_go(cdbg_proc *p, Dwarf_Die *type, const unsigned char *b, bool top, FILE *out)
{
	Dwarf_Die cu;
	struct gw g = { .p = p, .f = out, .top = top };
	if (dwarf_diecu(type, &cu, NULL, NULL))
		g.dw = dwarf_cu_getdwarf(cu.cu);
	gvalue(&g, type, b, 0, true);
}
