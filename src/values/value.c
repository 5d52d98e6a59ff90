/*
 * values/value.c - the public struct cdbg_value: converted from and to the evaluator's struct
 * expr_value in one place (cdbg_eval, cdbg_frame_vars, cdbg_return_value and the children of
 * a value all build their values here), its kind, and its children for tree views
 * (cdbg_value_children: members, elements with paging, what a pointer points to).
 *
 * Owns: vars_export, vars_import, vars_load, cdbg_value_children, and the name an unknown-name
 * failure names (cdbg_errsubject). Must not: format values as text (present/valfmt.c), parse
 * expressions (expr/), or make ptrace requests (memory comes from mem_read_quiet).
 */
#include <dwarf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "values/vars.h"

/* ---- kinds */

static enum cdbg_value_kind kind_of_view(const struct expr_type *t)
{
	switch (t->kind) {
	case EXPR_INT:
		if (t->spell == EXPR_SPELL_BOOL)
			return CDBG_VAL_BOOL;
		return t->size == 1 ? CDBG_VAL_CHAR : CDBG_VAL_INT;
	case EXPR_PTR:
		return CDBG_VAL_POINTER;
	case EXPR_FLT:
	case EXPR_DEC:
		return CDBG_VAL_FLOAT;
	case EXPR_AGG:
		return CDBG_VAL_STRUCT;
	case EXPR_VOID:
		break;
	}
	return CDBG_VAL_VOID;
}

static enum cdbg_value_kind kind_of_entry(const struct vt_entry *t)
{
	Dwarf_Die d, die = t->die;
	Dwarf_Attribute a;
	Dwarf_Word enc = DW_ATE_signed;

	if (t->count) /* gdb's x@N, a literal {1, 2}: an array of what the rest describes */
		return CDBG_VAL_ARRAY;
	if (t->ptrs)
		return CDBG_VAL_POINTER;
	if (!die.addr || !vt_peel(&die, &d))
		return CDBG_VAL_VOID;
	switch (dwarf_tag(&d)) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		return CDBG_VAL_POINTER;
	case DW_TAG_array_type:
		return CDBG_VAL_ARRAY;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
		return CDBG_VAL_STRUCT;
	case DW_TAG_union_type:
		return CDBG_VAL_UNION;
	case DW_TAG_enumeration_type:
		return CDBG_VAL_ENUM;
	case DW_TAG_subroutine_type:
	case DW_TAG_subprogram:
		return CDBG_VAL_FUNCTION;
	case DW_TAG_base_type:
		dwarf_formudata(dwarf_attr(&d, DW_AT_encoding, &a), &enc);
		if (enc == DW_ATE_boolean)
			return CDBG_VAL_BOOL;
		if (enc == DW_ATE_float || enc == DW_ATE_complex_float ||
		    enc == DW_ATE_decimal_float)
			return CDBG_VAL_FLOAT;
		if (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char || enc == DW_ATE_UTF)
			return CDBG_VAL_CHAR;
		return CDBG_VAL_INT;
	default:
		return CDBG_VAL_INT;
	}
}

/* ---- the one conversion */

/* The general-purpose register DWARF number dwreg - 1 names ("rbx"), into reg. */
static void reg_name(uint16_t dwreg, char *reg, size_t len)
{
	for (size_t i = 0; dwreg && dwreg <= 17 && i < arch_reg_count(); i++) {
		const struct arch_reg *r = arch_reg_at(i);

		if (r->set == ARCH_SET_GPR && r->desc.dwarf == dwreg - 1 && r->desc.size == 8) {
			snprintf(reg, len, "%s", r->desc.name);
			return;
		}
	}
}

void vars_export(cdbg_proc *p, const struct expr_value *e, struct cdbg_value *v)
{
	const struct vt_entry *t = p && e->type.dtype ? vt_get(p, e->type.dtype) : NULL;
	char name[4096];

	memset(v, 0, sizeof(*v));
	v->bits = e->bits;
	v->bits_hi = e->type.kind == EXPR_DEC ? e->bits_hi : 0;
	v->size = e->type.size;
	v->is_signed = e->type.is_signed;
	v->is_pointer = e->type.kind == EXPR_PTR;
	v->is_char = e->type.kind == EXPR_INT && e->type.size == 1 &&
		     e->type.spell != EXPR_SPELL_BOOL;
	v->is_float = e->type.kind == EXPR_FLT;
	v->ptr_depth = e->type.ptr_depth;
	v->pointee_size = e->type.base_void ? 0 : e->type.base_size;
	v->pointee_signed = e->type.base_signed;
	v->lvalue = e->lvalue;
	v->addr = e->addr;
	v->optimized_out = e->optimized_out;
	v->nodebug = e->nodebug;
	v->bitsize = e->bf_size;
	v->bitpos = e->bf_size ? e->bf_pos : 0;
	v->kind = kind_of_view(&e->type);
	if (!t) {
		expr_type_name(&e->type, v->type, sizeof(v->type));
		return;
	}
	v->dtype = e->type.dtype;
	v->kind = kind_of_entry(t);
	if (!t->count && !t->ptrs && !t->skip) {
		Dwarf_Die vd = t->die;

		v->is_vector = vd.addr && vt_is_vector(&vd);
	}
	if (e->type.kind == EXPR_AGG || e->type.kind == EXPR_FLT || e->type.kind == EXPR_DEC) {
		v->is_char = 0;
		v->is_aggregate = 1;
	}
	/* a variable kept in a register of the innermost frame: assignable as $reg */
	reg_name(e->dwreg, v->reg, sizeof(v->reg));
	vt_name(t, "", name, sizeof(name));
	if (e->type.quals) { /* a cast's qualifiers: (const struct rec * const) p */
		struct vt_entry bare = *t;
		char base[4096];

		bare.ptrs = 0;
		vt_name(&bare, "", base, sizeof(base));
		expr_qual_name(base, t->ptrs, e->type.quals, name, sizeof(name));
	}
	v->type_cut = strlen(name) >= sizeof(v->type);
	snprintf(v->type, sizeof(v->type), "%s", name);
}

static struct expr_type import_type(cdbg_proc *p, const struct cdbg_value *v)
{
	struct expr_type t = expr_int_type(v->size ? v->size : 8, v->is_signed);

	if (v->is_float && !v->dtype)
		return expr_flt_type(v->size);
	if (v->kind == CDBG_VAL_FLOAT && !v->dtype &&
	    (v->size == 4 || v->size == 8 || v->size == 16))
		return (struct expr_type){ .kind = EXPR_DEC, .size = v->size, .is_signed = true };
	if (!v->size && !v->is_pointer && !v->dtype && !v->is_aggregate)
		return (struct expr_type){ .kind = EXPR_VOID }; /* a void history value */
	if (v->dtype) {
		t = vt_view(p, v->dtype);
		if (t.dtype)
			return t;
		t = expr_int_type(v->size && v->size <= 8 ? v->size : 8, v->is_signed);
	}
	if (v->is_pointer) {
		struct expr_type base = v->pointee_size ?
						expr_int_type(v->pointee_size, v->pointee_signed) :
						(struct expr_type){ .kind = EXPR_VOID };
		t = expr_ptr_type(base);
		for (unsigned i = 1; i < v->ptr_depth; i++)
			t = expr_ptr_type(t);
	}
	return t;
}

uint32_t vars_retype(cdbg_proc *p, const struct cdbg_value *v)
{
	unsigned long n;
	uint32_t ch;
	int end = 0;

	if (!p || !v->dtype || vt_get(p, v->dtype) || !v->lvalue || !vars_held(v->addr))
		return v->dtype;
	/* a string literal's char [N] outlives the type table (a run reloads the modules) */
	if (sscanf(v->type, "char [%lu]%n", &n, &end) != 1 || v->type[end] || n != v->size ||
	    !(ch = vars_char_type(p)))
		return v->dtype;
	return vt_intern_array(p, ch, n);
}

void vars_import(cdbg_proc *p, const struct cdbg_value *v, struct expr_value *out)
{
	struct cdbg_value fixed;

	if (p && v->dtype && vars_held(v->addr) && !vt_get(p, v->dtype)) {
		fixed = *v;
		fixed.dtype = vars_retype(p, v);
		v = &fixed;
	}
	memset(out, 0, sizeof(*out));
	out->type = import_type(p, v);
	out->bits = v->bits;
	out->bits_hi = out->type.kind == EXPR_DEC ? v->bits_hi : 0;
	out->lvalue = v->lvalue;
	out->addr = v->addr;
	out->optimized_out = v->optimized_out;
	out->nodebug = v->nodebug != 0;
	if (v->bitsize && v->bitsize <= 64 && v->bitpos < 8) {
		out->bf_size = (uint8_t)v->bitsize;
		out->bf_pos = (uint8_t)v->bitpos;
	}
}

void vars_seen(cdbg_proc *p, uint64_t addr, size_t len)
{
	struct vars_state *s = vt_state(p);

	if (s && s->seen)
		s->seen(s->seen_data, addr, len);
}

int vars_load(cdbg_proc *p, struct expr_value *e)
{
	unsigned size = e->type.size, w = size * 8;
	uint64_t x = 0;

	if (!e->lvalue || e->optimized_out || e->type.kind == EXPR_AGG ||
	    e->type.kind == EXPR_VOID || !size || size > 8)
		return 0;
	vars_seen(p, e->addr, size);
	if (vars_read(p, e->addr, &x, size) != (ssize_t)size)
		return -1;
	if (e->type.kind == EXPR_INT && w < 64 && e->type.is_signed && (x >> (w - 1)) & 1)
		x |= ~((1ull << w) - 1); /* as the evaluator's values are: sign-extended */
	e->bits = x;
	return 0;
}

/* ---- the name an unknown-name failure names */

int vars_fail_name(cdbg_proc *p, const char *name, const char *msg)
{
	struct vars_state *s = vt_state(p);
	int r = cdbg__fail(p, CDBG_ENONAME, "%s", msg);

	if (s) {
		snprintf(s->subject, sizeof(s->subject), "%s", name);
		snprintf(s->subject_msg, sizeof(s->subject_msg), "%s", cdbg_errmsg(p));
	}
	return r;
}

const char *cdbg_errsubject(const cdbg_proc *p)
{
	/* kept with the sentence it came with: a later CDBG_ENONAME of another kind (a file
	 * name) has another sentence */
	if (!p || cdbg_errcode(p) != CDBG_ENONAME || !VARS(p) ||
	    strcmp(VARS(p)->subject_msg, cdbg_errmsg(p)))
		return "";
	return VARS(p)->subject;
}

/* ---- children */

struct kids {
	cdbg_proc *p;
	size_t start, max, n; /* the caller's window, and children seen so far */
	struct cdbg_var *out;
	int err; /* a failure recorded (< 0) */
};

/* Child number k->n is named name with value e (unread): fill it when in the window. */
static void kid(struct kids *k, const char *name, struct expr_value *e)
{
	size_t i = k->n++;

	if (k->err || i < k->start || i - k->start >= k->max)
		return;
	if (vars_load(k->p, e) < 0) {
		k->err = cdbg__fail_mem(k->p, e->addr, "cannot access memory at address 0x%" PRIx64,
					e->addr);
		return;
	}
	struct cdbg_var *out = &k->out[i - k->start];
	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "%s", name);
	vars_export(k->p, e, &out->value);
}

/* The part of x at byte off with type die (NULL: void) as a value. */
static void part(cdbg_proc *p, const struct expr_value *x, uint64_t off, Dwarf_Die *die,
		 struct expr_value *out)
{
	memset(out, 0, sizeof(*out));
	out->type = vt_view(p, vt_intern(p, die, 0));
	out->optimized_out = x->optimized_out;
	if (x->lvalue) {
		out->lvalue = true;
		out->addr = x->addr + off;
	} else if (off < 8) {
		out->bits = x->bits >> (off * 8);
	}
}

static void members(struct kids *k, const struct expr_value *x, Dwarf_Die *d)
{
	Dwarf_Die c, t;
	Dwarf_Attribute a;
	Dwarf_Word off, bits;
	struct expr_value e;
	char name[256];

	if (dwarf_child(d, &c) != 0)
		return;
	do {
		int tag = dwarf_tag(&c);
		const char *n = vt_die_name(&c);
		bool typed = vt_type_of(&c, &t);

		if (tag != DW_TAG_member && tag != DW_TAG_inheritance)
			continue;
		if (tag == DW_TAG_member && dwarf_attr(&c, DW_AT_external, &a))
			continue; /* a C++ static member: not part of the object */
		off = 0;
		dwarf_formudata(dwarf_attr(&c, DW_AT_data_member_location, &a), &off);
		if (tag == DW_TAG_inheritance) {
			const struct vt_entry *b = vt_get(k->p,
							  vt_intern(k->p, typed ? &t : NULL, 0));
			char base[256] = "?";

			if (b)
				vt_name(b, "", base, sizeof(base));
			snprintf(name, sizeof(name), "<%s>", base);
		} else {
			snprintf(name, sizeof(name), "%s", n ? n : "<anonymous>");
		}
		if (n && tag == DW_TAG_member &&
		    dwarf_formudata(dwarf_attr(&c, DW_AT_bit_size, &a), &bits) == 0) {
			/* a bit-field: the evaluator's member rule extracts it */
			memset(&e, 0, sizeof(e));
			if (vt_dop(k->p, EXPR_DOP_MEMBER, x, n, &e, NULL, 0) != 0)
				continue;
		} else {
			part(k->p, x, off, typed ? &t : NULL, &e);
		}
		kid(k, name, &e);
	} while (!k->err && dwarf_siblingof(&c, &c) == 0);
}

static void each_element(struct kids *k, const struct expr_value *x, uint32_t dt, uint64_t count);

static void elements(struct kids *k, const struct expr_value *x, const struct vt_entry *te,
		     Dwarf_Die *d)
{
	uint64_t counts[8];
	int dims = vt_dims(d, counts);
	Dwarf_Die t;

	if (dims <= (int)te->skip)
		return;
	if (dims > (int)te->skip + 1)
		each_element(k, x, vt_intern_skip(k->p, d, 0, te->skip + 1), counts[te->skip]);
	else
		each_element(k, x, vt_intern(k->p, vt_type_of(d, &t) ? &t : NULL, 0),
			     counts[te->skip]);
}

/* The elements of an array the program never declared (x@N, {1, 2}): te->count of what the
 * rest of te describes (each an array of te->inner, x@2@3). */
static void artificial_elements(struct kids *k, const struct expr_value *x,
				const struct vt_entry *te)
{
	Dwarf_Die die = te->die;
	uint32_t dt = vt_intern_skip(k->p, die.addr ? &die : NULL, te->ptrs, te->skip);

	if (te->inner)
		dt = vt_intern_array(k->p, dt, te->inner);
	each_element(k, x, dt, te->count);
}

/* count elements of type dt from x on, each as a child. */
static void each_element(struct kids *k, const struct expr_value *x, uint32_t dt, uint64_t count)
{
	uint64_t stride, end;
	struct expr_value e;
	char name[32];

	memset(&e, 0, sizeof(e));
	e.type = vt_view(k->p, dt);
	stride = e.type.size;
	/* only the window is built; the rest is counted */
	end = k->start + k->max < count ? k->start + k->max : count;
	for (uint64_t i = k->start; i < end && !k->err; i++) {
		memset(&e, 0, sizeof(e));
		e.type = vt_view(k->p, dt);
		e.optimized_out = x->optimized_out;
		if (x->lvalue) {
			e.lvalue = true;
			e.addr = x->addr + i * stride;
		} else if (i * stride < 8) {
			e.bits = x->bits >> (i * stride * 8);
		}
		snprintf(name, sizeof(name), "[%" PRIu64 "]", i);
		k->n = (size_t)i;
		kid(k, name, &e);
	}
	k->n = (size_t)count;
}

static void pointee(struct kids *k, const struct expr_value *x)
{
	struct expr_value e;

	memset(&e, 0, sizeof(e));
	if (x->type.dtype) {
		if (vt_dop(k->p, EXPR_DOP_DEREF, x, NULL, &e, NULL, 0) != 0)
			return; /* void * */
		const struct vt_entry *t = vt_get(k->p, e.type.dtype);
		if (t && kind_of_entry(t) == CDBG_VAL_FUNCTION)
			return;
	} else if (x->type.ptr_depth > 1) {
		e.type = x->type;
		e.type.ptr_depth--;
	} else if (x->type.base_void || !x->type.base_size) {
		return;
	} else if (x->type.base_float) {
		e.type = expr_flt_type(x->type.base_size);
	} else {
		e.type = expr_int_type(x->type.base_size, x->type.base_signed);
		e.type.spell = x->type.spell;
	}
	e.lvalue = true;
	e.addr = x->bits;
	kid(k, "*", &e);
}

int cdbg_value_children(cdbg_proc *p, const struct cdbg_value *v, size_t start,
			struct cdbg_var *out, size_t max)
{
	struct kids k = { p, start, out ? max : 0, 0, out, 0 };
	const struct vt_entry *t;
	struct expr_value x;
	Dwarf_Die d;
	int r;

	if ((r = cdbg__check_owner(p, "list the children of a value")) < 0)
		return r;
	if (v->optimized_out)
		return 0;
	if (v->dtype && !vt_get(p, v->dtype))
		return cdbg__fail(p, -EINVAL, "the type of this value is not known any more");
	vars_import(p, v, &x);
	t = v->dtype ? vt_get(p, v->dtype) : NULL;
	uint32_t go_elem;
	uint64_t go_base, go_len;
	int go = t ? vt_go_children(p, &x, &go_elem, &go_base, &go_len) : 0;
	if (go == 2) { /* a Go string: a leaf */
		cdbg__clear_error(p);
		return 0;
	} else if (go == 1) { /* a Go slice: its elements, not its array, len and cap */
		struct expr_value arr = { .lvalue = true, .addr = go_base };
		each_element(&k, &arr, go_elem, go_len);
	} else if (t && t->count) {
		artificial_elements(&k, &x, t);
	} else if (x.type.kind == EXPR_PTR) {
		pointee(&k, &x);
	} else if (t && !t->ptrs && t->die.addr && vt_peel((Dwarf_Die *)&t->die, &d)) {
		switch (kind_of_entry(t)) {
		case CDBG_VAL_STRUCT:
		case CDBG_VAL_UNION:
			members(&k, &x, &d);
			break;
		case CDBG_VAL_ARRAY:
			elements(&k, &x, t, &d);
			break;
		default:
			break;
		}
	}
	if (k.err)
		return k.err;
	if (k.n > INT32_MAX)
		k.n = INT32_MAX;
	cdbg__clear_error(p);
	return (int)k.n;
}

uint64_t vars_hold(cdbg_proc *p, const void *bytes, size_t len)
{
	struct vars_state *t = vt_state(p);
	unsigned char *at;

	if (!t || !len || len > VARS_HELD_MAX)
		return 0;
	if (t->held_len && (at = memmem(t->held, t->held_len, bytes, len)))
		return VARS_HELD_BASE + (uint64_t)(at - t->held);
	if (t->held_len + len > VARS_HELD_MAX)
		return 0;
	if (t->held_len + len > t->held_cap) {
		size_t cap = t->held_cap ? t->held_cap : 256;
		while (cap < t->held_len + len)
			cap *= 2;
		if (!(at = realloc(t->held, cap)))
			return 0;
		t->held = at;
		t->held_cap = cap;
	}
	memcpy(t->held + t->held_len, bytes, len);
	t->held_len += len;
	return VARS_HELD_BASE + t->held_len - len;
}

ssize_t vars_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	struct vars_state *t = VARS(p);
	uint64_t off = addr - VARS_HELD_BASE;

	if (!vars_held(addr))
		return mem_read_quiet(p, addr, buf, len);
	if (!t || off >= t->held_len)
		return -1;
	if (len > t->held_len - off)
		len = (size_t)(t->held_len - off);
	memcpy(buf, t->held + off, len);
	return (ssize_t)len;
}

/* s as a char array the debugger holds: n bytes of s, then NULs up to size. */
static int value_chars(cdbg_proc *p, const char *s, size_t n, size_t size, struct cdbg_value *v)
{
	struct expr_value e = { 0 };
	uint32_t ch;
	int r;

	if ((r = cdbg__check_owner(p, "make a string")) < 0)
		return r;
	ch = vars_char_type(p);
	e.type.kind = EXPR_AGG;
	e.type.size = (uint32_t)size;
	e.type.dtype = ch ? vt_intern_array(p, ch, size) : 0;
	e.lvalue = true;
	char *z = size < UINT32_MAX ? calloc(1, size) : NULL;
	if (!z)
		return -ENOMEM;
	memcpy(z, s, n);
	e.addr = vars_hold(p, z, size);
	free(z);
	if (!e.addr)
		return -ENOMEM;
	vars_export(p, &e, v);
	return 0;
}

int cdbg_value_string(cdbg_proc *p, const char *s, size_t len, struct cdbg_value *v)
{
	return value_chars(p, s, len, len + 1, v);
}

int cdbg_value_chars(cdbg_proc *p, const char *s, size_t len, struct cdbg_value *v)
{
	return value_chars(p, s, len, len ? len : 1, v);
}

ssize_t cdbg_value_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	ssize_t n;

	if (cdbg__check_owner(p, "read a value") < 0)
		return -1;
	n = vars_read(p, addr, buf, len);
	return n < 0 ? -1 : n;
}
