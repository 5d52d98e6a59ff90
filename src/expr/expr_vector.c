/*
 * expr_vector.c - GNU vectors (__attribute__((vector_size(N)))) in the expression language, as
 * gdb 13 does them: element-wise arithmetic, a scalar operand widened to the vector (gdb's
 * value_vector_widen), - ~ + ! of a vector, == and != of whole vectors, and casts between
 * vectors and scalars of the same size (gdb's value_cast), with gdb's errors.
 *
 * Owns: cdbg__expr_vec_binary, cdbg__expr_vec_unary, cdbg__expr_vec_cast. Must not: know
 * DWARF (env->dtype says what a vector is: EXPR_DOP_VECTOR) or keep the result's bytes (the
 * env holds them: env->array).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

#define VEC_MAX_BYTES 256 /* largest vector computed with (AVX-512's are 64 bytes) */

struct vinfo {
	struct expr_type elem; /* the element's type */
	uint64_t count;        /* elements */
	uint32_t vtype;        /* the vector type, typedefs peeled (the env's handle) */
};

static int __attribute__((format(printf, 3, 4)))
vfail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cdbg__expr_verr(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Is v a GNU vector this file computes with? *vi then says what it is. */
static bool vec_of(const struct expr_env *env, const struct expr_value *v, struct vinfo *vi)
{
	struct expr_value out;

	if (v->type.kind != EXPR_AGG || !v->type.dtype || !env->dtype || v->optimized_out)
		return false;
	memset(&out, 0, sizeof(out));
	if (env->dtype(env->data, EXPR_DOP_VECTOR, v, NULL, &out, NULL, 0) != 0 ||
	    !cdbg__expr_type_ok(&out.type))
		return false;
	if ((out.type.kind != EXPR_INT && out.type.kind != EXPR_FLT) || !out.bits ||
	    out.type.size > 8 || out.bits * out.type.size != v->type.size ||
	    v->type.size > VEC_MAX_BYTES || out.bits_hi > UINT32_MAX)
		return false;
	vi->elem = out.type;
	vi->count = out.bits;
	vi->vtype = (uint32_t)out.bits_hi;
	return true;
}

static bool is_scalar(const struct expr_value *x)
{
	return x->type.kind == EXPR_INT || x->type.kind == EXPR_FLT || x->type.kind == EXPR_DEC;
}

/* The bytes of x (a vector or other aggregate in memory or in its bits, or a scalar's bits)
 * into b (x->type.size of them, at most VEC_MAX_BYTES). */
static int bytes_of(const struct expr_env *env, const struct expr_value *x, uint8_t *b, char *err,
		    size_t errlen, struct expr_fault *fault)
{
	uint32_t size = x->type.size;

	if (size > VEC_MAX_BYTES)
		return vfail(err, errlen, "Invalid cast.");
	if (x->type.kind != EXPR_AGG || !x->lvalue) {
		uint64_t w[2] = { x->bits, x->type.kind == EXPR_DEC ? x->bits_hi : 0 };

		if (size > 16 || (size > 8 && x->type.kind != EXPR_DEC))
			return vfail(err, errlen, "Invalid cast.");
		memcpy(b, w, size);
		return 0;
	}
	for (uint32_t off = 0; off < size;) {
		uint32_t n = size - off >= 8 ? 8 : size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;

		if (!env->read_mem || env->read_mem(env->data, x->addr + off, b + off, n)) {
			if (fault) {
				fault->kind = EXPR_FAULT_MEM;
				fault->addr = x->addr + off;
			}
			return vfail(err, errlen, "cannot access memory at address 0x%" PRIx64,
				     x->addr + off);
		}
		off += n;
	}
	return 0;
}

/* Element i of a vector of vi's shape whose bytes are b. */
static void elem_at(const struct vinfo *vi, const uint8_t *b, uint64_t i, struct expr_value *e)
{
	uint64_t raw = 0;

	memcpy(&raw, b + i * vi->elem.size, vi->elem.size);
	memset(e, 0, sizeof(*e));
	e->type = vi->elem;
	e->type.dtype = 0;
	e->bits = e->type.kind == EXPR_INT ? cdbg__expr_norm(e->type, raw) : raw;
}

/* *v = a value of the type dtype (a vector, or what a cast names) the env holds, its bytes b. */
static int held(const struct expr_env *env, struct expr_type t, const uint8_t *b, size_t len,
		struct expr_value *v, char *err, size_t errlen)
{
	struct expr_value tmpl = { .type = t };

	memset(v, 0, sizeof(*v));
	if (!env->array)
		return vfail(err, errlen, "array values are not supported here");
	return env->array(env->data, &tmpl, 0, b, len, v, err, errlen) ? -1 : 0;
}

static struct expr_type vec_type(const struct vinfo *vi)
{
	return (struct expr_type){ .kind = EXPR_AGG,
				   .size = (uint32_t)(vi->elem.size * vi->count),
				   .dtype = vi->vtype };
}

/* gdb's value_vector_widen: the scalar s as a vector of vi's shape, into b. */
static int widen(const struct vinfo *vi, const struct expr_value *s, uint8_t *b, char *err,
		 size_t errlen)
{
	struct expr_value e = { .type = vi->elem }, eq;

	e.type.dtype = 0;
	if (!is_scalar(s))
		return vfail(err, errlen, "Argument to operation not a number or boolean.");
	if (s->type.kind == EXPR_DEC) {
		if (cdbg__expr_dec_cast(e.type, s, &e, err, errlen))
			return -1;
	} else if (s->type.kind == EXPR_FLT || e.type.kind == EXPR_FLT) {
		e.bits = expr_flt_put(expr_flt_get(s), e.type);
	} else {
		e.bits = cdbg__expr_norm(e.type, s->bits);
	}
	if (e.type.size < s->type.size && s->type.kind != EXPR_DEC &&
	    (cdbg__expr_compare(OP_EQ, &e, s, &eq) || !eq.bits))
		return vfail(err, errlen, "conversion of scalar to vector involves truncation");
	for (uint64_t i = 0; i < vi->count; i++)
		memcpy(b + i * vi->elem.size, &e.bits, vi->elem.size);
	return 0;
}

int cdbg__expr_vec_binary(const struct expr_env *env, enum op op, const struct expr_value *l,
			  const struct expr_value *r, struct expr_value *v, char *err,
			  size_t errlen, struct expr_fault *fault)
{
	uint8_t a[VEC_MAX_BYTES], b[VEC_MAX_BYTES], out[VEC_MAX_BYTES];
	struct vinfo lv, rv;
	bool lvec = vec_of(env, l, &lv), rvec = vec_of(env, r, &rv);

	if (!lvec && !rvec)
		return 1;
	switch (op) {
	case OP_EQ:
	case OP_NE: /* gdb's value_equal: the bytes of two vectors of one size */
		if (!lvec || !rvec || l->type.size != r->type.size)
			return vfail(err, errlen, "Invalid type combination in equality test.");
		if (bytes_of(env, l, a, err, errlen, fault) ||
		    bytes_of(env, r, b, err, errlen, fault))
			return -1;
		memset(v, 0, sizeof(*v));
		v->type = T_INT;
		v->bits = (memcmp(a, b, l->type.size) == 0) == (op == OP_EQ);
		return 0;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		return vfail(err, errlen, "Invalid type combination in ordering comparison.");
	default:
		break;
	}
	if (lvec && rvec &&
	    (lv.elem.kind != rv.elem.kind || lv.elem.size != rv.elem.size ||
	     lv.elem.is_signed != rv.elem.is_signed || lv.count != rv.count))
		return vfail(err, errlen,
			     "Cannot perform operation on vectors with different types");
	if (!lvec)
		lv = rv;
	if (lvec ? bytes_of(env, l, a, err, errlen, fault) : widen(&lv, l, a, err, errlen))
		return -1;
	if (rvec ? bytes_of(env, r, b, err, errlen, fault) : widen(&lv, r, b, err, errlen))
		return -1;
	for (uint64_t i = 0; i < lv.count; i++) {
		struct expr_value x, y, z;

		elem_at(&lv, a, i, &x);
		elem_at(&lv, b, i, &y);
		if (cdbg__expr_binop(op, &x, &y, &z, err, errlen, fault))
			return -1;
		memcpy(out + i * lv.elem.size, &z.bits, lv.elem.size);
	}
	return held(env, vec_type(&lv), out,
		    l->type.size > r->type.size ? l->type.size : r->type.size, v, err, errlen);
}

int cdbg__expr_vec_unary(const struct expr_env *env, enum op op, const struct expr_value *x,
			 struct expr_value *v, char *err, size_t errlen)
{
	uint8_t a[VEC_MAX_BYTES], out[VEC_MAX_BYTES];
	struct vinfo vi;
	bool any = false;

	if (!vec_of(env, x, &vi))
		return 1;
	if (bytes_of(env, x, a, err, errlen, NULL))
		return -1;
	if (op == OP_NOT) { /* gdb's value_logical_not: all its bytes zero */
		for (uint32_t i = 0; i < x->type.size; i++)
			any |= a[i] != 0;
		memset(v, 0, sizeof(*v));
		v->type = T_INT;
		v->bits = !any;
		return 0;
	}
	for (uint64_t i = 0; i < vi.count; i++) {
		struct expr_value e, z, zero = { .type = vi.elem };

		elem_at(&vi, a, i, &e);
		zero.type.dtype = 0;
		if (op == OP_BNOT && e.type.kind != EXPR_INT)
			return vfail(err, errlen,
				     "Argument to complement operation not an integer, boolean.");
		if (op == OP_NEG) { /* gdb's value_neg: 0 - x, in the element's type */
			if (cdbg__expr_binop(OP_SUB, &zero, &e, &z, err, errlen, NULL))
				return -1;
		} else if (op == OP_BNOT) {
			if (cdbg__expr_unop(op, &e, &z, err, errlen))
				return -1;
		} else {
			z = e;
		}
		memcpy(out + i * vi.elem.size, &z.bits, vi.elem.size);
	}
	return held(env, vec_type(&vi), out, x->type.size, v, err, errlen);
}

int cdbg__expr_vec_cast(const struct expr_env *env, const struct expr_value *t,
			const struct expr_value *x, struct expr_value *v, char *err, size_t errlen)
{
	uint8_t b[VEC_MAX_BYTES];
	struct vinfo tv, xv;
	bool tvec = vec_of(env, t, &tv), xvec = vec_of(env, x, &xv);

	if (!tvec && !xvec)
		return 1;
	if (tvec && xvec && t->type.size != x->type.size)
		return vfail(err, errlen,
			     "Cannot convert between vector values of different sizes");
	if (tvec && is_scalar(x) && t->type.size != x->type.size)
		return vfail(err, errlen, "can only cast scalar to vector of same size");
	if (t->type.size != x->type.size) {
		if (!x->lvalue || x->type.kind != EXPR_AGG)
			return vfail(err, errlen, "Invalid cast.");
		if (t->type.kind == EXPR_AGG) { /* the type's bytes at x's address */
			memset(v, 0, sizeof(*v));
			v->type = t->type;
			v->lvalue = true;
			v->addr = x->addr;
			return 0;
		}
		struct expr_value at = { .type = t->type, .lvalue = true, .addr = x->addr };
		at.type.kind = EXPR_AGG;
		at.type.size = t->type.size;
		if (t->type.size > 16 || bytes_of(env, &at, b, err, errlen, NULL))
			return vfail(err, errlen, "Invalid cast.");
	} else if (bytes_of(env, x, b, err, errlen, NULL)) {
		return -1;
	}
	if (t->type.kind == EXPR_AGG)
		return held(env, t->type, b, t->type.size, v, err, errlen);
	if (t->type.size > 16 || (t->type.size > 8 && t->type.kind != EXPR_DEC))
		return vfail(err, errlen, "Invalid cast.");
	uint64_t w[2] = { 0, 0 };
	memcpy(w, b, t->type.size);
	memset(v, 0, sizeof(*v));
	v->type = t->type;
	v->bits = t->type.kind == EXPR_INT ? cdbg__expr_norm(t->type, w[0]) : w[0];
	v->bits_hi = t->type.kind == EXPR_DEC ? w[1] : 0;
	return 0;
}
