/*
 * expr_binop.c - the scalar operators of the expression language: binary arithmetic,
 * shifts, comparisons and pointer arithmetic on integers, pointers and floats (decimals
 * through expr_dfpeval.c), and the unary - + ! ~, as C and gdb do them.
 *
 * Owns: cdbg__expr_binop, cdbg__expr_unop. Must not: read memory, ask the env anything or
 * evaluate operands (expr_eval.c does, and passes values in).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

struct bctx {
	char *err;
	size_t errlen;
	struct expr_fault *fault; /* may be NULL */
};

static int __attribute__((format(printf, 2, 3))) efail(struct bctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cdbg__expr_verr(c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int rvalue(struct expr_value *v, struct expr_type t, uint64_t bits)
{
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->bits = bits;
	return 0;
}

/* ptr + int, int + ptr, ptr - int scale by the pointee size; ptr - ptr divides by it. */
static int ptr_arith(enum op op, const struct expr_value *l, const struct expr_value *r,
		     struct bctx *c, struct expr_value *v)
{
	bool lp = l->type.kind == EXPR_PTR, rp = r->type.kind == EXPR_PTR;
	const struct expr_value *ptr = lp ? l : r, *i = lp ? r : l;
	uint64_t s = cdbg__expr_scale(ptr->type);

	if (op == OP_ADD && lp && rp)
		return efail(c, "cannot add two pointers");
	if (i->type.kind == EXPR_FLT)
		return efail(c, "Argument to arithmetic operation not a number or boolean.");
	if (op == OP_ADD)
		return rvalue(v, ptr->type, ptr->bits + i->bits * s);
	if (!lp)
		return efail(c, "cannot subtract a pointer from an integer");
	if (!rp)
		return rvalue(v, l->type, l->bits - r->bits * s);
	if (cdbg__expr_scale(r->type) != s)
		return efail(c, "cannot subtract pointers to types of different sizes");
	return rvalue(v, T_LONG, (uint64_t)((int64_t)(l->bits - r->bits) / (int64_t)s));
}

/* << and >>: the type of the promoted left operand; a count past its width gives 0 (or -1
 * for >> of a negative value) instead of C's undefined behaviour. */
static int shift(enum op op, const struct expr_value *l, const struct expr_value *r, struct bctx *c,
		 struct expr_value *v)
{
	struct expr_type t = cdbg__expr_promote(l->type), rt = cdbg__expr_promote(r->type);
	uint64_t a = cdbg__expr_norm(t, l->bits), n = cdbg__expr_norm(rt, r->bits), x;
	bool neg = t.is_signed && (int64_t)a < 0;

	if (t.kind == EXPR_FLT || rt.kind == EXPR_FLT)
		return efail(c, "Integer-only operation on floating point number.");

	if (rt.is_signed && (int64_t)n < 0)
		return efail(c, "negative shift count");
	if (n >= t.size * 8u)
		x = op == OP_SHR && neg ? UINT64_MAX : 0;
	else if (op == OP_SHL)
		x = a << n;
	else
		x = t.is_signed ? (uint64_t)((int64_t)a >> n) : a >> n;
	return rvalue(v, t, cdbg__expr_norm(t, x));
}

/* * / + - on floating values, in the common type t; % & ^ | refused as gdb does. */
static int flt_arith(enum op op, const struct expr_value *l, const struct expr_value *r,
		     struct expr_type t, struct bctx *c, struct expr_value *v)
{
	double a = expr_flt_get(l), b = expr_flt_get(r), x;

	if (t.size == 4) { /* each operand first becomes a float */
		a = (float)a;
		b = (float)b;
	}
	switch (op) {
	case OP_MUL:
		x = a * b;
		break;
	case OP_DIV:
		x = a / b;
		break;
	case OP_ADD:
		x = a + b;
		break;
	case OP_SUB:
		x = a - b;
		break;
	default:
		return efail(c, "Integer-only operation on floating point number.");
	}
	return rvalue(v, t, expr_flt_put(x, t));
}

/* * / % + - & ^ | on integers, in the common type. */
static int arith(enum op op, const struct expr_value *l, const struct expr_value *r, struct bctx *c,
		 struct expr_value *v)
{
	struct expr_type t = cdbg__expr_common(l->type, r->type);
	uint64_t a = cdbg__expr_norm(t, l->bits), b = cdbg__expr_norm(t, r->bits), x;

	if (t.kind == EXPR_FLT)
		return flt_arith(op, l, r, t, c, v);
	if (cdbg__expr_int_arith(op, t.is_signed, a, b, &x) < 0) {
		if (c->fault)
			c->fault->kind = EXPR_FAULT_DIVZERO;
		return efail(c, "division by zero");
	}
	return rvalue(v, t, cdbg__expr_norm(t, x));
}

int cdbg__expr_binop(enum op op, const struct expr_value *l, const struct expr_value *r,
		     struct expr_value *v, char *err, size_t errlen, struct expr_fault *fault)
{
	struct bctx bc = { err, errlen, fault }, *c = &bc;

	if (l->type.kind == EXPR_DEC || r->type.kind == EXPR_DEC)
		return cdbg__expr_dec_binary(op, l, r, v, err, errlen);
	switch (op) {
	case OP_ADD:
	case OP_SUB:
		if (l->type.kind == EXPR_PTR || r->type.kind == EXPR_PTR)
			return ptr_arith(op, l, r, c, v);
		break;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_EQ:
	case OP_NE:
		return cdbg__expr_compare(op, l, r, v);
	case OP_SHL:
	case OP_SHR:
		return shift(op, l, r, c, v);
	default:
		break;
	}
	return arith(op, l, r, c, v);
}

int cdbg__expr_unop(enum op op, const struct expr_value *x, struct expr_value *v, char *err,
		    size_t errlen)
{
	struct bctx bc = { err, errlen, NULL };
	struct expr_type t;
	uint64_t bits;

	if (x->type.kind == EXPR_DEC)
		return cdbg__expr_dec_unary(op, x, v, err, errlen);
	if (op == OP_NOT)
		return rvalue(v, T_INT, !expr_truthy(x));
	t = cdbg__expr_promote(x->type);
	if (x->type.kind == EXPR_PTR || t.kind == EXPR_PTR) /* gdb's words for each */
		return efail(&bc,
			     op == OP_NEG ?
				     "Argument to negate operation not a number." :
			     op == OP_BNOT ?
				     "Argument to complement operation not an integer, boolean." :
				     "Argument to positive operation not a number.");
	if (t.kind == EXPR_FLT && op == OP_BNOT)
		return efail(&bc, "Argument to complement operation not an integer, boolean.");
	if (t.kind == EXPR_FLT)
		return rvalue(v, t,
			      expr_flt_put(op == OP_NEG ? -expr_flt_get(x) : expr_flt_get(x), t));
	bits = cdbg__expr_norm(t, x->bits);
	if (op == OP_NEG)
		bits = 0 - bits;
	else if (op == OP_BNOT)
		bits = ~bits;
	return rvalue(v, t, cdbg__expr_norm(t, bits));
}
