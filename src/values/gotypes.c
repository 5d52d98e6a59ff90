/*
 * values/gotypes.c - Go's composite types for the evaluator: a slice or a string used as a
 * value decays to its data pointer (so xs[1] and s[0] index them, as Go does), and Go's len()
 * and cap() of slices, strings, arrays, maps and channels. Types are told apart by Go's own
 * DWARF (DW_AT_go_kind); members by the runtime's names (array, len, cap; str, len; hmap's
 * count first; hchan's qcount and dataqsiz first).
 *
 * and m[k] of a map with string or integer keys (the runtime's buckets scanned: hmap's B,
 * buckets, oldbuckets; a bucket's tophash/topbits, keys, elems/values, overflow).
 *
 * $_goid is the goroutine a thread runs, from the g the runtime keeps in its TLS.
 *
 * Owns: vt_go_decay, vt_go_len, vt_go_strcmp, vt_go_mapindex, vt_go_goid, vt_go_gstate.
 */
#include <dwarf.h>
#include <stdio.h>
#include <string.h>

#include "values/vars.h"

#define DW_AT_go_kind 0x2900
#define DW_AT_go_key 0x2901
#define DW_AT_go_elem 0x2902
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

int vt_go_slice(cdbg_proc *p, const struct expr_value *v, struct expr_value *out, char *err,
		size_t errlen)
{
	Dwarf_Die t, x, pt, et;
	uint64_t aoff, loff, coff = 0, hdr[3] = { 0, 0, 0 }, lo = out->bits, hi = out->bits_hi;
	int k = kind_of_value(p, v, &t);
	bool str = k == GK_STRING;

	if ((k != GK_SLICE && !str) || !v->lvalue ||
	    !member(&t, str ? "str" : "array", &x, &aoff) || !member(&t, "len", &pt, &loff) ||
	    (!str && !member(&t, "cap", &pt, &coff)))
		return -1;
	if (read_word(p, v->addr + aoff, &hdr[0]) < 0 ||
	    read_word(p, v->addr + loff, &hdr[1]) < 0 ||
	    (!str && read_word(p, v->addr + coff, &hdr[2]) < 0)) {
		snprintf(err, errlen, "Cannot access memory at address 0x%llx",
			 (unsigned long long)v->addr);
		return -1;
	}
	if (hi == UINT64_MAX)
		hi = hdr[1];
	/* Go: 0 <= lo <= hi <= cap for a slice, <= len for a string */
	if (lo > hi || hi > (str ? hdr[1] : hdr[2])) {
		snprintf(err, errlen, "index out of bounds");
		return -1;
	}
	uint64_t esz = 1;
	if (!str) {
		if (!vt_peel(&x, &pt) || !vt_type_of(&pt, &et)) /* array: *T */
			return -1;
		esz = vt_size(&et);
	}
	uint64_t nh[3] = { hdr[0] + lo * esz, hi - lo, str ? 0 : hdr[2] - lo };
	unsigned char b[64];
	uint64_t size = vt_size(&t);
	if (!size || size > sizeof(b) || vars_read(p, v->addr, b, size) != (ssize_t)size)
		return -1;
	memcpy(b + aoff, &nh[0], 8);
	memcpy(b + loff, &nh[1], 8);
	if (!str)
		memcpy(b + coff, &nh[2], 8);
	uint64_t at = vars_hold(p, b, size);
	if (!at) {
		snprintf(err, errlen, "too many values held by the debugger");
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->type = v->type;
	out->lvalue = true;
	out->addr = at;
	return 0;
}

/* A Go string's data and length: 0, -1 when v is no Go string, -2 (message in err) when it
 * cannot be read. */
static int go_string(cdbg_proc *p, const struct expr_value *v, uint64_t *data, uint64_t *len,
		     char *err, size_t errlen)
{
	Dwarf_Die t, x;
	uint64_t soff, loff;

	if (kind_of_value(p, v, &t) != GK_STRING || !v->lvalue || !member(&t, "str", &x, &soff) ||
	    !member(&t, "len", &x, &loff))
		return -1;
	if (read_word(p, v->addr + soff, data) < 0 || read_word(p, v->addr + loff, len) < 0) {
		snprintf(err, errlen, "Cannot access memory at address 0x%llx",
			 (unsigned long long)v->addr);
		return -2;
	}
	return 0;
}

int vt_go_strcmp(cdbg_proc *p, const struct expr_value *v, const char *text, struct expr_value *out,
		 char *err, size_t errlen)
{
	uint64_t data = 0, len = 0, tdata = 0, tlen = out->bits, done = 0;
	unsigned char buf[2048], tbuf[2048];
	int cmp = 0;

	if (go_string(p, v, &data, &len, err, errlen) < 0 ||
	    (!text && go_string(p, out, &tdata, &tlen, err, errlen) < 0))
		return -1;
	while (!cmp && done < len && done < tlen) {
		size_t n = sizeof(buf);
		if (n > len - done)
			n = (size_t)(len - done);
		if (n > tlen - done)
			n = (size_t)(tlen - done);
		uint64_t bad = vars_read(p, data + done, buf, n) != (ssize_t)n ? data + done :
			       !text && vars_read(p, tdata + done, tbuf, n) != (ssize_t)n ?
										 tdata + done :
										 0;
		if (bad) {
			snprintf(err, errlen, "Cannot access memory at address 0x%llx",
				 (unsigned long long)bad);
			return -1;
		}
		cmp = memcmp(buf, text ? (const unsigned char *)text + done : tbuf, n);
		done += n;
	}
	if (!cmp)
		cmp = len < tlen ? -1 : len > tlen;
	memset(out, 0, sizeof(*out));
	out->bits = (uint64_t)(int64_t)(cmp < 0 ? -1 : cmp > 0);
	return 0;
}

/* Does the key at addr (of type kt, ksz bytes) equal k? */
static bool key_equal(cdbg_proc *p, Dwarf_Die *kt, uint64_t ksz, uint64_t addr,
		      const struct expr_value *k)
{
	Dwarf_Die named, x;
	uint64_t so, lo;
	if (go_kind(kt, &named) == 24) { /* a string key: k is a string literal (char [n]) */
		uint64_t str, len;
		char a[256], b[256];
		if (k->type.kind != EXPR_AGG || !k->lvalue || !member(kt, "str", &x, &so) ||
		    !member(kt, "len", &x, &lo) || read_word(p, addr + so, &str) < 0 ||
		    read_word(p, addr + lo, &len) < 0)
			return false;
		size_t kn = k->type.size && k->type.size <= sizeof(b) ? k->type.size : 0;
		if (!kn || vars_read(p, k->addr, b, kn) != (ssize_t)kn)
			return false;
		kn = strnlen(b, kn); /* the literal's NUL is not part of it */
		return len == kn &&
		       (!len || (len <= sizeof(a) && vars_read(p, str, a, len) == (ssize_t)len &&
				 !memcmp(a, b, len)));
	}
	if (k->type.kind != EXPR_INT || ksz > 8)
		return false;
	uint64_t w = 0;
	if (vars_read(p, addr, &w, ksz) != (ssize_t)ksz)
		return false;
	uint64_t mask = ksz == 8 ? ~0ull : (1ull << (ksz * 8)) - 1;
	return (w & mask) == (k->bits & mask);
}

int vt_go_mapindex(cdbg_proc *p, const struct expr_value *m, struct expr_value *io, char *err,
		   size_t errlen)
{
	const struct vt_entry *e = vt_get(p, m->type.dtype);
	Dwarf_Die t, named, kt, et, hs, bp, bt, x, tt, kat, vat, ot;
	Dwarf_Attribute a;
	uint64_t off, boff, bkoff, ooff, toff, koff, voff, ovoff;
	if (!e || e->ptrs || e->count || !e->die.addr)
		return -1;
	t = e->die;
	if (go_kind(&t, &named) != GK_MAP || !m->bits ||
	    !dwarf_formref_die(dwarf_attr(&named, DW_AT_go_key, &a), &kt) ||
	    !dwarf_formref_die(dwarf_attr(&named, DW_AT_go_elem, &a), &et))
		return -1;
	/* map[K]V: a pointer to runtime.hmap, whose buckets' type has the layout */
	Dwarf_Die pt;
	if (!vt_peel(&named, &pt) || !vt_type_of(&pt, &hs) || !member(&hs, "B", &x, &boff) ||
	    !member(&hs, "buckets", &bp, &bkoff) || !member(&hs, "oldbuckets", &x, &ooff) ||
	    !vt_peel(&bp, &bp) || !vt_type_of(&bp, &bt) ||
	    (!member(&bt, "tophash", &tt, &toff) && !member(&bt, "topbits", &tt, &toff)) ||
	    !member(&bt, "keys", &kat, &koff) ||
	    (!member(&bt, "elems", &vat, &voff) && !member(&bt, "values", &vat, &voff)) ||
	    !member(&bt, "overflow", &ot, &ovoff))
		return -1;
	(void)off;
	unsigned char B = 0;
	uint64_t buckets, old;
	if (vars_read(p, m->bits + boff, &B, 1) != 1 ||
	    read_word(p, m->bits + bkoff, &buckets) < 0 || read_word(p, m->bits + ooff, &old) < 0 ||
	    B > 30)
		return -1;
	uint64_t bsz = vt_size(&bt), ksz = vt_size(&kt), esz = vt_size(&et);
	struct expr_value key = *io;
	for (int pass = 0; pass < 2; pass++) {
		uint64_t base = pass ? buckets : old,
			 nb = pass ? 1ull << B : 1ull << (B ? B - 1 : 0);
		unsigned reads = 0;
		for (uint64_t i = 0; base && i < nb && reads < 100000; i++) {
			for (uint64_t at = base + i * bsz; at && reads++ < 100000;) {
				unsigned char top[8];
				if (vars_read(p, at + toff, top, 8) != 8)
					return -1;
				for (unsigned s = 0; s < 8; s++) {
					if (top[s] < 5 ||
					    !key_equal(p, &kt, ksz, at + koff + s * ksz, &key))
						continue;
					memset(io, 0, sizeof(*io));
					io->type = vt_view(p, vt_intern(p, &et, 0));
					io->lvalue = true;
					io->addr = at + voff + s * esz;
					return 0;
				}
				if (read_word(p, at + ovoff, &at) < 0)
					return -1;
			}
		}
	}
	/* not there: delve's "key not found" (Go itself would give the zero value) */
	snprintf(err, errlen, "key not found");
	return -2;
}

int vt_go_children(cdbg_proc *p, const struct expr_value *v, uint32_t *elem, uint64_t *base,
		   uint64_t *len)
{
	Dwarf_Die t, named, x, et;
	Dwarf_Attribute a;
	uint64_t aoff, loff;
	int k = kind_of_value(p, v, &t);
	if (k == GK_STRING)
		return 2;
	if (k != GK_SLICE || !v->lvalue || !go_kind(&t, &named) ||
	    !dwarf_formref_die(dwarf_attr(&named, 0x2902 /* DW_AT_go_elem */, &a), &et) ||
	    !member(&t, "array", &x, &aoff) || !member(&t, "len", &x, &loff) ||
	    read_word(p, v->addr + aoff, base) < 0 || read_word(p, v->addr + loff, len) < 0)
		return 0;
	*elem = vt_intern(p, &et, 0);
	return 1;
}

int vt_go_gstate(cdbg_proc *p, uint64_t fs_base, uint64_t *id, uint64_t *stack_hi)
{
	static __thread cdbg_proc *cached; /* per thread: handles may live in different threads */
	static __thread uint64_t goid_off, hi_off;
	uint64_t g = 0;
	*id = 0;
	if (stack_hi)
		*stack_hi = 0;
	if (cached != p) {
		uint32_t dt = vt_lookup(p, "runtime.g");
		struct expr_value gv = { .lvalue = true, .addr = 0 }, m, st;
		gv.type = vt_view(p, dt);
		memset(&m, 0, sizeof(m));
		memset(&st, 0, sizeof(st));
		if (!dt || vt_dop(p, EXPR_DOP_MEMBER, &gv, "goid", &m, NULL, 0) != 0 || !m.lvalue)
			return -1; /* not a Go program */
		goid_off = m.addr;
		/* g.stack.hi: the top of the goroutine's stack (runtime.stack{lo, hi}) */
		hi_off = 0;
		if (vt_dop(p, EXPR_DOP_MEMBER, &gv, "stack", &st, NULL, 0) == 0 && st.lvalue &&
		    vt_dop(p, EXPR_DOP_MEMBER, &st, "hi", &m, NULL, 0) == 0 && m.lvalue)
			hi_off = m.addr;
		cached = p;
	}
	/* Go on linux/amd64 keeps the running g in the thread's TLS, at fs_base - 8 */
	if (!fs_base || vars_read(p, fs_base - 8, &g, 8) != 8 || !g)
		return 0;
	vars_read(p, g + goid_off, id, 8);
	if (stack_hi && hi_off)
		vars_read(p, g + hi_off, stack_hi, 8);
	return 0;
}

int vt_go_goid(cdbg_proc *p, uint64_t fs_base, uint64_t *id)
{
	return vt_go_gstate(p, fs_base, id, NULL);
}
