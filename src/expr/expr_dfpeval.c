/*
 * expr_dfpeval.c - decimal floating point in the expression language, as gdb 13 does it:
 * literals 1.2df, 1.2dd, 1.2dl; + - * / in the larger decimal type of the operands (an integer
 * operand converts to the other's type; one that needs more than 32 bits is refused, as gdb
 * refuses it); comparisons; - + ! ~; casts to and from integers and binary floats (through
 * their text, as gdb converts them). The arithmetic itself is expr_dfp.c's.
 *
 * Owns: cdbg__expr_dec_*, expr_dec_is_zero. Must not: allocate, print, or reach the tracee.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_dfp.h"
#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

#define MIXING "Mixing decimal floating types with other floating types is not allowed."
#define LARGE "Conversion of large integer to a decimal floating type is not supported."

struct expr_type cdbg__expr_dec_type(unsigned size)
{
	struct expr_type t = { .kind = EXPR_DEC, .size = size, .is_signed = true };

	return t;
}

static expr_u128 get_bits(const struct expr_value *v)
{
	unsigned w = v->type.size * 8;
	expr_u128 x = (expr_u128)v->bits_hi << 64 | v->bits;

	return w >= 128 ? x : x & (((expr_u128)1 << w) - 1);
}

static int put_bits(struct expr_value *v, struct expr_type t, expr_u128 x)
{
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->bits = (uint64_t)x;
	v->bits_hi = t.size == 16 ? (uint64_t)(x >> 64) : 0;
	return 0;
}

static int fail(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	return -1;
}

static int cannot(char *err, size_t errlen, const char *why)
{
	if (err && errlen)
		snprintf(err, errlen, "Cannot perform operation: %s", why);
	return -1;
}

bool expr_dec_is_zero(const struct expr_value *v)
{
	struct expr_dnum d = expr_dec_decode(get_bits(v), v->type.size);

	return d.cls == EXPR_DEC_FINITE && !d.coef;
}

int cdbg__expr_dec_lex(const char *s, size_t n, struct tok *t, char *err, size_t errlen)
{
	struct expr_dnum d;
	unsigned size;
	bool sticky;
	expr_u128 x;

	if (n < 3 || s[n - 2] != 'd' || (s[n - 1] != 'f' && s[n - 1] != 'd' && s[n - 1] != 'l'))
		return 1;
	if ((n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ||
	    (!memchr(s, '.', n) && !memchr(s, 'e', n) && !memchr(s, 'E', n)))
		return 1; /* gdb: 12345df is an invalid integer */
	size = s[n - 1] == 'f' ? 4 : s[n - 1] == 'd' ? 8 : 16;
	if (expr_dec_parse(s, n - 2, &d, &sticky) < 0)
		return cannot(err, errlen, EXPR_DEC_ERR_SYNTAX);
	x = expr_dec_encode(d, sticky, size);
	t->type = cdbg__expr_dec_type(size);
	t->val = (uint64_t)x;
	t->val_hi = (uint64_t)(x >> 64);
	return 0;
}

/* The text of a binary float or integer, as gdb converts it (%.9g, %.17g, %d). */
static void num_text(const struct expr_value *x, char *buf, size_t len)
{
	if (x->type.kind == EXPR_FLT)
		snprintf(buf, len, x->type.size == 4 ? "%.9g" : "%.17g", expr_flt_get(x));
	else if (x->type.is_signed)
		snprintf(buf, len, "%lld", (long long)(int64_t)x->bits);
	else
		snprintf(buf, len, "%llu", (unsigned long long)x->bits);
}

/* x (a decimal, an integer or a binary float) as a decimal number of the format of size. */
static int to_dnum(const struct expr_value *x, unsigned size, struct expr_dnum *d, bool *sticky,
		   char *err, size_t errlen)
{
	char buf[64];

	*sticky = false;
	if (x->type.kind == EXPR_DEC) {
		*d = expr_dec_decode(get_bits(x), x->type.size);
		return 0;
	}
	if (x->type.kind == EXPR_INT) {
		int64_t s = (int64_t)x->bits;

		if (x->type.is_signed ? s != (int32_t)s : x->bits > UINT32_MAX)
			return fail(err, errlen, LARGE);
	}
	if (x->type.kind != EXPR_INT && x->type.kind != EXPR_FLT)
		return fail(err, errlen,
			    "Argument to arithmetic operation not a number or boolean.");
	num_text(x, buf, sizeof(buf));
	if (expr_dec_parse(buf, strlen(buf), d, sticky) < 0)
		return cannot(err, errlen, EXPR_DEC_ERR_SYNTAX);
	(void)size;
	return 0;
}

int cdbg__expr_dec_binary(enum op op, const struct expr_value *l, const struct expr_value *r,
			  struct expr_value *v, char *err, size_t errlen)
{
	const struct expr_value *big = l;
	struct expr_dnum a, b, x;
	struct expr_type t;
	const char *why = NULL;
	bool sa, sb, sticky;
	int rc, c;

	if (l->type.kind == EXPR_FLT || r->type.kind == EXPR_FLT)
		return fail(err, errlen, MIXING);
	if (r->type.kind == EXPR_DEC && (l->type.kind != EXPR_DEC || r->type.size > l->type.size))
		big = r;
	t = big->type;
	t.quals &= 0xff; /* gdb keeps the wider operand's type (volatile _Decimal64) */
	if (to_dnum(l, t.size, &a, &sa, err, errlen) || to_dnum(r, t.size, &b, &sb, err, errlen))
		return -1;
	/* operands first become the result's type, as gdb converts them */
	a = expr_dec_decode(expr_dec_encode(a, sa, t.size), t.size);
	b = expr_dec_decode(expr_dec_encode(b, sb, t.size), t.size);
	switch (op) {
	case OP_ADD:
	case OP_SUB:
		rc = expr_dec_add(a, b, op == OP_SUB, &x, &sticky, &why);
		break;
	case OP_MUL:
		rc = expr_dec_mul(a, b, &x, &sticky, &why);
		break;
	case OP_DIV:
		rc = expr_dec_div(a, b, &x, &sticky, &why);
		break;
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
	case OP_EQ:
	case OP_NE:
		c = expr_dec_cmp(&a, &b);
		memset(v, 0, sizeof(*v));
		v->type = T_INT;
		v->bits = op == OP_LT ? c == -1 :
			  op == OP_LE ? c == -1 || c == 0 :
			  op == OP_GT ? c == 1 :
			  op == OP_GE ? c == 1 || c == 0 :
			  op == OP_EQ ? c == 0 :
					c != 0;
		return 0;
	default:
		return fail(err, errlen, "Operation not valid for decimal floating point number.");
	}
	if (rc < 0)
		return cannot(err, errlen, why);
	return put_bits(v, t, expr_dec_encode(x, sticky, t.size));
}

int cdbg__expr_dec_unary(enum op op, const struct expr_value *x, struct expr_value *v, char *err,
			 size_t errlen)
{
	struct expr_value zero;

	switch (op) {
	case OP_NOT:
		memset(v, 0, sizeof(*v));
		v->type = T_INT;
		v->bits = expr_dec_is_zero(x);
		return 0;
	case OP_POS:
		put_bits(v, x->type, get_bits(x));
		return 0;
	case OP_NEG: /* gdb: 0 - x */
		put_bits(&zero, x->type,
			 expr_dec_encode((struct expr_dnum){ 0 }, false, x->type.size));
		return cdbg__expr_dec_binary(OP_SUB, &zero, x, v, err, errlen);
	default:
		return fail(err, errlen,
			    "Argument to complement operation not an integer, boolean.");
	}
}

int expr_dec_convert(struct expr_type t, const struct expr_value *x, struct expr_value *v,
		     char *err, size_t errlen)
{
	return cdbg__expr_dec_cast(t, x, v, err, errlen);
}

int cdbg__expr_dec_cast(struct expr_type t, const struct expr_value *x, struct expr_value *v,
			char *err, size_t errlen)
{
	struct expr_dnum d;
	char buf[96];
	bool sticky;

	if (t.kind == EXPR_DEC) {
		if (to_dnum(x, t.size, &d, &sticky, err, errlen))
			return x->type.kind == EXPR_PTR ? fail(err, errlen, "Invalid cast.") : -1;
		return put_bits(v, t, expr_dec_encode(d, sticky, t.size));
	}
	expr_dec_format(get_bits(x), x->type.size, buf, sizeof(buf));
	memset(v, 0, sizeof(*v));
	v->type = t;
	if (t.kind == EXPR_FLT) { /* through the text, as gdb */
		v->bits = expr_flt_put(strtod(buf, NULL), t);
		return 0;
	}
	if (t.kind == EXPR_INT) { /* gdb: strtoll of the text (1.2E+10 gives 1) */
		v->bits = cdbg__expr_norm(t, (uint64_t)strtoll(buf, NULL, 10));
		if (t.spell == EXPR_SPELL_BOOL)
			v->bits = !expr_dec_is_zero(x);
		return 0;
	}
	return fail(err, errlen, "Invalid cast.");
}
