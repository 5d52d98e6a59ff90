/*
 * values/types.c - the program's types from DWARF: handles (dtype) the evaluator carries,
 * the C view of each for arithmetic, members, dereference and array decay for the evaluator
 * (names and ptype text: typetext.c; lookup by name: typename.c).
 *
 * Owns: struct vars_state (the handle table of a cdbg_proc). Must not: read tracee memory
 * (the evaluator and valfmt.c do), or parse DWARF other than through libdw.
 */
#include <dwarf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "values/vars.h"

/* This layer's state in the handle (a slot the target layer does not type). */

/* Handles are never reused: those of a reset table stay below base forever and are refused
 * (vt_get), even when a value that carries one is kept across a reset. Past this many, no new
 * handles are made (0: no type) rather than wrapping around. */
#define VT_HANDLE_MAX (UINT32_MAX - 1u)

static void scopes_clear(struct vars_state *t)
{
	for (int i = 0; i < VARS_SCOPE_CACHE; i++) {
		free(t->sc[i].scopes);
		memset(&t->sc[i], 0, sizeof(t->sc[i]));
	}
}

/* CDBG__HOOK_FREE: the handle goes; so does the type table. */
static void vars_free(cdbg_proc *p, void *data)
{
	(void)data;
	if (!VARS(p))
		return;
	scopes_clear(VARS(p));
	free(VARS(p)->held);
	free(VARS(p)->e);
	free(VARS(p));
	*cdbg__layer(p, CDBG__LAYER_VARS) = NULL;
}

/* The table of p, emptied when the modules its DIEs point into may be gone: the symbol
 * session's epoch moves on whenever a module is freed or the session ends or begins (a Dwfl
 * pointer does not tell: a listing may free modules and keep the Dwfl, and a new Dwfl may get
 * the address of a freed one). */
static struct vars_state *table(cdbg_proc *p)
{
	uint64_t cur = sym_epoch(p);

	if (!VARS(p)) {
		if (cdbg__hook_add(p, CDBG__HOOK_FREE, vars_free, NULL) < 0)
			return NULL;
		if (!(*cdbg__layer(p, CDBG__LAYER_VARS) = calloc(1, sizeof(struct vars_state))))
			return NULL;
	}
	if (VARS(p)->epoch != cur) {
		VARS(p)->epoch = cur;
		VARS(p)->base += (uint32_t)VARS(p)->n;
		VARS(p)->n = 0;
		scopes_clear(VARS(p));
		memset(VARS(p)->named, 0, sizeof(VARS(p)->named));
	}
	return VARS(p);
}

struct vars_state *vt_state(cdbg_proc *p)
{
	return table(p);
}

struct vscope *vt_scope_slot(cdbg_proc *p, uint64_t pc, bool *hit)
{
	struct vars_state *t = table(p);
	struct vscope *s;

	*hit = false;
	if (!t || !pc)
		return NULL;
	for (int i = 0; i < VARS_SCOPE_CACHE; i++) {
		if (t->sc[i].pc == pc) {
			*hit = true;
			return &t->sc[i];
		}
	}
	s = &t->sc[t->sc_next++ % VARS_SCOPE_CACHE];
	free(s->scopes);
	memset(s, 0, sizeof(*s));
	return s;
}

uint32_t vt_intern(cdbg_proc *p, Dwarf_Die *die, unsigned ptrs)
{
	return vt_intern_skip(p, die, ptrs, 0);
}

int vt_dims(Dwarf_Die *t, uint64_t *counts)
{
	Dwarf_Die c;
	Dwarf_Attribute a;
	Dwarf_Word v;
	int n = 0;

	if (dwarf_child(t, &c) != 0)
		return 0;
	do {
		if (dwarf_tag(&c) != DW_TAG_subrange_type || n >= 8)
			continue;
		if (dwarf_formudata(dwarf_attr(&c, DW_AT_count, &a), &v) == 0)
			counts[n++] = v;
		else if (dwarf_formudata(dwarf_attr(&c, DW_AT_upper_bound, &a), &v) == 0)
			counts[n++] = v + 1;
		else
			counts[n++] = 0;
	} while (dwarf_siblingof(&c, &c) == 0);
	return n;
}

static uint32_t intern(cdbg_proc *p, Dwarf_Die *die, unsigned ptrs, unsigned skip, uint64_t count,
		       uint64_t inner);

uint32_t vt_intern_skip(cdbg_proc *p, Dwarf_Die *die, unsigned ptrs, unsigned skip)
{
	return intern(p, die, ptrs, skip, 0, 0);
}

uint32_t vt_intern_array(cdbg_proc *p, uint32_t elem, uint64_t count)
{
	const struct vt_entry *e = vt_get(p, elem);
	Dwarf_Die die;

	if (!e || !count || (e->count && (e->inner || e->ptrs || e->skip)))
		return 0;
	die = e->die;
	return intern(p, die.addr ? &die : NULL, e->ptrs, e->skip, count, e->count);
}

static uint32_t intern(cdbg_proc *p, Dwarf_Die *die, unsigned ptrs, unsigned skip, uint64_t count,
		       uint64_t inner)
{
	struct vars_state *t = table(p);
	void *addr = die ? die->addr : NULL;
	size_t i;

	if (!t)
		return 0;
	for (i = 0; i < t->n; i++)
		if (t->e[i].die.addr == addr && t->e[i].ptrs == ptrs && t->e[i].skip == skip &&
		    t->e[i].count == count && t->e[i].inner == inner)
			return t->base + (uint32_t)(i + 1);
	if (t->n >= VT_HANDLE_MAX - t->base)
		return 0;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct vt_entry *e = realloc(t->e, cap * sizeof(*e));

		if (!e)
			return 0;
		t->e = e;
		t->cap = cap;
	}
	memset(&t->e[t->n], 0, sizeof(t->e[0]));
	if (die)
		t->e[t->n].die = *die;
	t->e[t->n].ptrs = ptrs;
	t->e[t->n].skip = skip;
	t->e[t->n].count = count;
	t->e[t->n].inner = inner;
	t->n++;
	return t->base + (uint32_t)t->n;
}

const struct vt_entry *vt_get(cdbg_proc *p, uint32_t dtype)
{
	struct vars_state *t = table(p);

	if (!t || dtype <= t->base || dtype - t->base > t->n)
		return NULL; /* 0, or from before the last reset: its DIE may point into freed data */
	return &t->e[dtype - t->base - 1];
}

bool vt_type_of(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute a;

	return dwarf_attr_integrate(die, DW_AT_type, &a) && dwarf_formref_die(&a, out);
}

bool vt_peel(Dwarf_Die *die, Dwarf_Die *out)
{
	if (!die || !die->addr)
		return false;
	if (dwarf_peel_type(die, out) != 0)
		*out = *die;
	return dwarf_tag(out) != DW_TAG_unspecified_type;
}

const char *vt_die_name(Dwarf_Die *die)
{
	Dwarf_Attribute a;

	return dwarf_attr_integrate(die, DW_AT_name, &a) ? dwarf_formstring(&a) : NULL;
}

uint64_t vt_size(Dwarf_Die *die)
{
	Dwarf_Die t;
	Dwarf_Word sz;

	if (!vt_peel(die, &t))
		return 1;
	if (dwarf_tag(&t) == DW_TAG_pointer_type || dwarf_tag(&t) == DW_TAG_reference_type)
		return 8;
	if (dwarf_tag(&t) == DW_TAG_subroutine_type)
		return 1;
	return dwarf_aggregate_size(&t, &sz) == 0 ? sz : 0;
}

/* The C view of a non-pointer DWARF type. */
static struct expr_type view_of(Dwarf_Die *die)
{
	struct expr_type t = { .kind = EXPR_VOID };
	Dwarf_Word enc = DW_ATE_signed;
	Dwarf_Attribute a;
	Dwarf_Die d, sub;

	if (!vt_peel(die, &d))
		return t;
	switch (dwarf_tag(&d)) {
	case DW_TAG_typedef: /* of nothing: void */
		return t;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		t = expr_ptr_type(vt_type_of(&d, &sub) ? view_of(&sub) : t);
		if (t.base_size == 0 && vt_type_of(&d, &sub) && vt_peel(&sub, &sub)) {
			t.base_void = false;
			t.base_size = (uint32_t)vt_size(&sub);
		}
		return t;
	case DW_TAG_enumeration_type:
		t = expr_int_type((unsigned)vt_size(&d), false);
		if (vt_type_of(&d, &sub))
			t.is_signed = view_of(&sub).is_signed;
		return t;
	case DW_TAG_base_type:
		dwarf_formudata(dwarf_attr(&d, DW_AT_encoding, &a), &enc);
		if (enc == DW_ATE_float && (vt_size(&d) == 4 || vt_size(&d) == 8)) {
			t.kind = EXPR_FLT; /* the evaluator computes with float and double */
			t.size = (uint32_t)vt_size(&d);
			t.is_signed = true;
			return t;
		}
		if (enc == DW_ATE_decimal_float &&
		    (vt_size(&d) == 4 || vt_size(&d) == 8 || vt_size(&d) == 16)) {
			t.kind = EXPR_DEC;
			t.size = (uint32_t)vt_size(&d);
			t.is_signed = true;
			return t;
		}
		if (enc == DW_ATE_float || vt_size(&d) > 8)
			break;
		t = expr_int_type((unsigned)vt_size(&d),
				  enc == DW_ATE_signed || enc == DW_ATE_signed_char);
		if (enc == DW_ATE_boolean)
			t.spell = EXPR_SPELL_BOOL;
		return t;
	default:
		break;
	}
	t.kind = EXPR_AGG;
	t.size = (uint32_t)vt_size(&d);
	return t;
}

struct expr_type vt_view(cdbg_proc *p, uint32_t dtype)
{
	const struct vt_entry *e = vt_get(p, dtype);
	struct expr_type t = { .kind = EXPR_VOID };
	Dwarf_Die d = { 0 };

	if (!e)
		return t;
	d = e->die;
	t = view_of(d.addr ? &d : NULL);
	if (e->skip && t.kind == EXPR_AGG) {
		uint64_t counts[8];
		int nd = vt_peel(&d, &d) ? vt_dims(&d, counts) : 0;
		for (int i = 0; i < nd && i < (int)e->skip; i++)
			t.size = counts[i] ? (uint32_t)(t.size / counts[i]) : 0;
	}
	for (unsigned i = 0; i < e->ptrs; i++) {
		struct expr_type inner = t;

		t = expr_ptr_type(inner);
		if (i == 0 && (inner.kind == EXPR_AGG || inner.kind == EXPR_FLT)) {
			t.base_void = false;
			t.base_size = inner.size;
		}
	}
	if (t.kind == EXPR_PTR && t.ptr_depth == 1 && !t.base_void && t.base_size == 0)
		t.base_size = 1; /* pointer to function */
	if (e->count) {          /* an artificial array: its elements are the type above */
		uint64_t size = (uint64_t)t.size * e->count * (e->inner ? e->inner : 1);

		t = (struct expr_type){ .kind = EXPR_AGG,
					.size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size };
	}
	t.dtype = dtype;
	return t;
}

/* ---- the evaluator's questions */

static int dfail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

/* Find member name in struct/union d (looking into anonymous members, depth levels deep at
 * most: a type that contains itself is not valid DWARF but must not recurse forever); *off
 * gets its byte offset from d's start. */
static bool find_member(Dwarf_Die *d, const char *name, Dwarf_Die *out, uint64_t *off, int depth)
{
	Dwarf_Die c, t, u;
	Dwarf_Attribute a;
	Dwarf_Word o;

	if (depth <= 0 || dwarf_child(d, &c) != 0)
		return false;
	do {
		if (dwarf_tag(&c) != DW_TAG_member)
			continue;
		o = 0;
		dwarf_formudata(dwarf_attr(&c, DW_AT_data_member_location, &a), &o);
		const char *n = vt_die_name(&c);
		if (n && !strcmp(n, name)) {
			*out = c;
			*off = o;
			return true;
		}
		if (!n && vt_type_of(&c, &t) && vt_peel(&t, &u) &&
		    find_member(&u, name, out, off, depth - 1)) {
			*off += o;
			return true;
		}
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

static int dop_member(cdbg_proc *p, const struct expr_value *v, const char *name,
		      struct expr_value *out, char *err, size_t errlen)
{
	const struct vt_entry *e = vt_get(p, v->type.dtype);
	Dwarf_Die d, m, t;
	Dwarf_Attribute a;
	Dwarf_Word bits, boff;
	uint64_t off = 0;
	char msg[300];

	if (!e || e->ptrs || e->count || !vt_peel((Dwarf_Die *)&e->die, &d) ||
	    (dwarf_tag(&d) != DW_TAG_structure_type && dwarf_tag(&d) != DW_TAG_union_type))
		return dfail(err, errlen,
			     "Attempt to extract a component of a value that is not a structure.");
	if (!find_member(&d, name, &m, &off, 32)) {
		snprintf(msg, sizeof(msg), "There is no member named %s.", name);
		return dfail(err, errlen, msg);
	}
	uint32_t dt = vt_intern(p, vt_type_of(&m, &t) ? &t : NULL, 0);
	out->type = vt_view(p, dt);
	out->optimized_out = v->optimized_out;
	if (dwarf_formudata(dwarf_attr(&m, DW_AT_bit_size, &a), &bits) == 0) {
		/* A bit-field: read its bytes and extract (DWARF 4+ data_bit_offset). */
		uint64_t word = 0;
		unsigned size = out->type.size ? out->type.size : 4;
		if (dwarf_formudata(dwarf_attr(&m, DW_AT_data_bit_offset, &a), &boff) != 0) {
			Dwarf_Word bo = 0;
			dwarf_formudata(dwarf_attr(&m, DW_AT_bit_offset, &a), &bo);
			boff = off * 8 + size * 8 - bo - bits;
		}
		if (!bits || bits > 64 || (bits + boff % 8 + 7) / 8 > sizeof(word))
			return dfail(err, errlen,
				     "cannot read a bit-field wider than 64 bits or of "
				     "no bits (its DWARF is not valid)");
		if (v->lvalue) {
			vars_seen(p, v->addr + boff / 8, (bits + boff % 8 + 7) / 8);
			if (vars_read(p, v->addr + boff / 8, &word, (bits + boff % 8 + 7) / 8) <= 0)
				return dfail(err, errlen, "cannot read a bit-field");
			word >>= boff % 8;
			out->addr = v->addr + boff / 8; /* where an assignment stores it */
			out->bf_pos = (uint8_t)(boff % 8);
			out->bf_size = (uint8_t)bits;
		} else {
			word = boff < 64 ? v->bits >> boff : 0;
		}
		if (bits < 64)
			word &= (1ull << bits) - 1;
		if (out->type.is_signed && bits < 64 && (word >> (bits - 1)) & 1)
			word |= ~((1ull << bits) - 1);
		out->bits = word;
		return 0;
	}
	if (v->lvalue) {
		out->lvalue = true;
		out->addr = v->addr + off;
	} else if (off < 8) {
		out->bits = v->bits >> (off * 8);
	}
	return 0;
}

static int dop_deref(cdbg_proc *p, const struct expr_value *v, struct expr_value *out, char *err,
		     size_t errlen)
{
	const struct vt_entry *e = vt_get(p, v->type.dtype);
	Dwarf_Die d, t;
	uint32_t dt;

	if (!e)
		return dfail(err, errlen, "Attempt to take contents of a non-pointer value.");
	if (e->count && e->inner) { /* *(x@N@M) is x@N */
		Dwarf_Die die = e->die;
		dt = intern(p, die.addr ? &die : NULL, e->ptrs, e->skip, e->inner, 0);
	} else if (e->count) { /* *(x@N) is x */
		Dwarf_Die die = e->die;
		dt = vt_intern_skip(p, die.addr ? &die : NULL, e->ptrs, e->skip);
	} else if (e->ptrs) {
		Dwarf_Die die = e->die;
		dt = vt_intern_skip(p, die.addr ? &die : NULL, e->ptrs - 1, e->skip);
	} else {
		if (!vt_peel((Dwarf_Die *)&e->die, &d) ||
		    (dwarf_tag(&d) != DW_TAG_pointer_type && dwarf_tag(&d) != DW_TAG_array_type))
			return dfail(err, errlen,
				     "Attempt to take contents of a non-pointer value.");
		bool has = vt_type_of(&d, &t);
		if (!has || !vt_peel(&t, &d))
			return dfail(err, errlen,
				     "Attempt to take contents of a non-pointer value.");
		dt = vt_intern(p, &t, 0);
	}
	out->type = vt_view(p, dt);
	if (out->type.kind == EXPR_VOID)
		return dfail(err, errlen, "Attempt to take contents of a non-pointer value.");
	return 0;
}

static int dop_decay(cdbg_proc *p, const struct expr_value *v, struct expr_value *out)
{
	const struct vt_entry *e = vt_get(p, v->type.dtype);
	Dwarf_Die d, t;

	if (e && e->count && e->inner) /* to a pointer to x@M, which a handle cannot name */
		return -1;
	if (e && e->count) { /* x@N decays to &x */
		d = e->die;
		out->type = vt_view(p, vt_intern_skip(p, d.addr ? &d : NULL, e->ptrs + 1, e->skip));
		return 0;
	}
	if (!e || e->ptrs || !vt_peel((Dwarf_Die *)&e->die, &d) ||
	    dwarf_tag(&d) != DW_TAG_array_type || !vt_type_of(&d, &t))
		return -1;
	/* A multi-dimensional array's element is the rest of its dimensions, which DWARF does
	 * not name as a type: the same array with one more dimension skipped. */
	uint64_t counts[8];
	int dims = vt_dims(&d, counts);
	if (dims > (int)e->skip + 1)
		out->type = vt_view(p, vt_intern_skip(p, &d, 1, e->skip + 1));
	else
		out->type = vt_view(p, vt_intern(p, &t, 1));
	return 0;
}

/* gdb's x@N: v is a value of the element's type with bits = N (> 0). The element is v's
 * program type, or for a C view with none (an int from a cast) the program's type of that
 * name. */
static int dop_array(cdbg_proc *p, const struct expr_value *v, struct expr_value *out, char *err,
		     size_t errlen)
{
	uint32_t elem = v->type.dtype, dt;
	char name[64];

	if (!elem && v->type.kind != EXPR_VOID && v->type.kind != EXPR_AGG) {
		expr_type_name(&v->type, name, sizeof(name));
		elem = vt_lookup(p, name);
	}
	if (!elem || !(dt = vt_intern_array(p, elem, v->bits)))
		return dfail(err, errlen, "cannot make an array of this type");
	out->type = vt_view(p, dt);
	return 0;
}

bool vt_is_vector(Dwarf_Die *die)
{
	Dwarf_Die d;

	return vt_peel(die, &d) && dwarf_tag(&d) == DW_TAG_array_type &&
	       dwarf_hasattr(&d, DW_AT_GNU_vector);
}

/* GNU vectors: the element's type and count, the vector type without typedefs. */
static int dop_vector(cdbg_proc *p, const struct expr_value *v, struct expr_value *out)
{
	const struct vt_entry *e = vt_get(p, v->type.dtype);
	uint64_t counts[8];
	Dwarf_Die d, t;

	if (!e || e->ptrs || e->count || e->skip || !vt_peel((Dwarf_Die *)&e->die, &d) ||
	    !vt_is_vector(&d) || vt_dims(&d, counts) != 1 || !vt_type_of(&d, &t))
		return -1;
	out->type = vt_view(p, vt_intern(p, &t, 0));
	out->bits = counts[0];
	out->bits_hi = vt_intern(p, &d, 0);
	return out->type.kind == EXPR_AGG || !out->bits_hi ? -1 : 0;
}

enum expr_shape vt_shape(cdbg_proc *p, uint32_t dtype)
{
	const struct vt_entry *e = vt_get(p, dtype);
	Dwarf_Attribute a;
	Dwarf_Word enc = 0;
	Dwarf_Die d;

	if (!e)
		return EXPR_SHAPE_STRUCT;
	if (e->count)
		return EXPR_SHAPE_ARRAY;
	if (e->ptrs)
		return EXPR_SHAPE_SCALAR;
	d = e->die;
	if (!vt_peel(d.addr ? &d : NULL, &d))
		return EXPR_SHAPE_VOID;
	switch (dwarf_tag(&d)) {
	case DW_TAG_array_type:
		return EXPR_SHAPE_ARRAY;
	case DW_TAG_subroutine_type:
	case DW_TAG_subprogram:
		return EXPR_SHAPE_FUNC;
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_class_type:
		return EXPR_SHAPE_STRUCT;
	case DW_TAG_typedef: /* a typedef of nothing: void */
		return EXPR_SHAPE_VOID;
	case DW_TAG_base_type:
		dwarf_formudata(dwarf_attr(&d, DW_AT_encoding, &a), &enc);
		if (enc == DW_ATE_float && vt_size(&d) > 8)
			return EXPR_SHAPE_LDOUBLE;
		return EXPR_SHAPE_SCALAR;
	default:
		return EXPR_SHAPE_SCALAR;
	}
}

int vt_dop(cdbg_proc *p, enum expr_dop op, const struct expr_value *v, const char *name,
	   struct expr_value *out, char *err, size_t errlen)
{
	const struct vt_entry *e;
	Dwarf_Die die;

	switch (op) {
	case EXPR_DOP_MEMBER:
		return dop_member(p, v, name, out, err, errlen);
	case EXPR_DOP_DEREF:
		return dop_deref(p, v, out, err, errlen);
	case EXPR_DOP_DECAY:
		return dop_decay(p, v, out) == 0 ? 0 : vt_go_decay(p, v, out);
	case EXPR_DOP_VECTOR:
		return dop_vector(p, v, out);
	case EXPR_DOP_MAPINDEX:
		return vt_go_mapindex(p, v, out, err, errlen) == 0 ? 0 : -1;
	case EXPR_DOP_LEN:
		return vt_go_len(p, v, name, out, err, errlen) == 0 ? 0 : -1;
	case EXPR_DOP_SLICE:
		return vt_go_slice(p, v, out, err, errlen);
	case EXPR_DOP_STRCMP:
		return vt_go_strcmp(p, v, name, out, err, errlen);
	case EXPR_DOP_TYPE: {
		uint32_t dt = vt_lookup(p, name);
		char msg[300];

		if (!dt) {
			if (!strncmp(name, "struct ", 7) || !strncmp(name, "union ", 6) ||
			    !strncmp(name, "enum ", 5))
				snprintf(msg, sizeof(msg), "No %.*s type named %s.",
					 (int)strcspn(name, " "), name,
					 name + strcspn(name, " ") + 1);
			else
				snprintf(msg, sizeof(msg), "No symbol \"%s\" in current context.",
					 name);
			return dfail(err, errlen, msg);
		}
		out->type = vt_view(p, dt);
		return 0;
	}
	case EXPR_DOP_ARRAY:
		return dop_array(p, v, out, err, errlen);
	case EXPR_DOP_ALIGN:
		out->bits = vt_align(p, v->type.dtype);
		return 0;
	case EXPR_DOP_SHAPE:
		out->bits = vt_shape(p, v->type.dtype);
		return 0;
	case EXPR_DOP_ADDR:
		if (!(e = vt_get(p, v->type.dtype)))
			return dfail(err, errlen, "the type of this value is not known any more");
		if (e->count)
			return dfail(err, errlen,
				     "cannot take the address of an artificial array (x@N)");
		die = e->die;
		out->type = vt_view(p, vt_intern_skip(p, die.addr ? &die : NULL, e->ptrs + 1,
						      e->skip));
		return 0;
	}
	return -1;
}
