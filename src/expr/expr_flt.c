/*
 * expr_flt.c - floating point for the expression evaluator: literals and conversions (see
 * expr_flt.h). gdb computes in the operands' own types as C does (float op int is float);
 * so do we, through double, which holds every float and int32 exactly.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_flt.h"

double expr_flt_get(const struct expr_value *v)
{
	if (v->type.kind == EXPR_FLT && v->type.size == 4) {
		uint32_t u = (uint32_t)v->bits;
		float f;

		memcpy(&f, &u, sizeof(f));
		return f;
	}
	if (v->type.kind == EXPR_FLT) {
		double d;

		memcpy(&d, &v->bits, sizeof(d));
		return d;
	}
	if (v->type.kind == EXPR_INT && v->type.is_signed)
		return (double)(int64_t)v->bits;
	return (double)v->bits;
}

uint64_t expr_flt_put(double d, struct expr_type t)
{
	uint64_t bits = 0;

	if (t.kind == EXPR_FLT && t.size == 4) {
		float f = (float)d;
		uint32_t u;

		memcpy(&u, &f, sizeof(u));
		return u;
	}
	if (t.kind == EXPR_FLT) {
		memcpy(&bits, &d, sizeof(bits));
		return bits;
	}
	if (t.kind == EXPR_INT && t.size == 1 && t.spell == EXPR_SPELL_BOOL)
		return d != 0;
	if (d >= -9223372036854775808.0 && d < 9223372036854775808.0)
		bits = (uint64_t)(int64_t)d;
	else if (!t.is_signed && t.size == 8 && d >= 0 && d < 18446744073709551616.0)
		bits = (uint64_t)d;
	else if (d != d)
		bits = UINT64_MAX; /* NaN: -1, as gdb gives */
	else
		bits = d > 0 ? INT64_MAX : 1ull << 63; /* saturated, then truncated, as gdb */
	if (t.kind == EXPR_INT && t.size < 8) {
		bits &= (1ull << (8 * t.size)) - 1;
		if (t.is_signed && (bits >> (8 * t.size - 1)))
			bits |= ~((1ull << (8 * t.size)) - 1);
	}
	return bits;
}

size_t expr_flt_numlen(const char *s, size_t len)
{
	bool hex = len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	size_t n = 0;

	while (n < len) {
		char ch = s[n];

		if ((ch == '+' || ch == '-') && n > 0 &&
		    (hex ? s[n - 1] == 'p' || s[n - 1] == 'P' : s[n - 1] == 'e' || s[n - 1] == 'E'))
			n++;
		else if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
			 (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '.')
			n++;
		else
			break;
	}
	return n;
}

int expr_flt_lex(const char *s, size_t n, struct expr_type *t, uint64_t *bits, char *err,
		 size_t errlen)
{
	char buf[128], *end;
	size_t body;
	double d;
	bool is_float = false;

	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		/* a hex float (0x1.8p1, 0x1p-2f) has a '.' or a 'p' */
		if (!memchr(s, '.', n) && !memchr(s, 'p', n) && !memchr(s, 'P', n))
			return 1;
		is_float = true;
	}
	for (body = is_float ? n : 0; body < n; body++) {
		char ch = s[body];

		if (ch == '.' || ch == 'e' || ch == 'E')
			is_float = true;
		else if (!(ch >= '0' && ch <= '9') && !((ch == '+' || ch == '-') && body &&
							(s[body - 1] == 'e' || s[body - 1] == 'E')))
			break;
	}
	if (!is_float)
		return 1;
	if (n >= sizeof(buf)) {
		snprintf(err, errlen, "Invalid number \"%.32s...\".", s);
		return -1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	d = strtod(buf, &end);
	*t = expr_flt_type(8);
	if (end == buf + n - 1 && (*end == 'f' || *end == 'F'))
		*t = expr_flt_type(4);
	else if (end == buf + n - 1 && (*end == 'l' || *end == 'L'))
		; /* long double (1.5l): a double here, the widest float the evaluator has */
	else if (end != buf + n) {
		snprintf(err, errlen, "Invalid number \"%s\".", buf);
		return -1;
	}
	*bits = expr_flt_put(d, *t);
	return 0;
}

double expr_ldouble_get(const uint8_t b[10])
{
	uint64_t m = 0;
	unsigned se = (unsigned)b[8] | (unsigned)b[9] << 8, e = se & 0x7fff;
	double d;

	for (int i = 7; i >= 0; i--)
		m = m << 8 | b[i];
	if (e == 0x7fff) /* infinity (the integer bit and no fraction) or NaN */
		d = (m << 1) ? NAN : INFINITY;
	else if (!m)
		d = 0.0;
	else /* normal or denormal: m is the mantissa with its integer bit, 2^(e - 16383 - 63) */
		d = ldexp((double)m, (int)(e ? e : 1) - 16383 - 63);
	return (se & 0x8000) ? -d : d;
}

void expr_ldouble_put(double d, uint8_t b[10])
{
	unsigned se = signbit(d) ? 0x8000 : 0;
	uint64_t m = 0;
	int e;

	if (isnan(d)) {
		se |= 0x7fff;
		m = 0xc000000000000000ull;
	} else if (isinf(d)) {
		se |= 0x7fff;
		m = 0x8000000000000000ull;
	} else if (d != 0.0) {
		double f = frexp(fabs(d), &e); /* fabs(d) = f * 2^e, 0.5 <= f < 1 */

		m = (uint64_t)ldexp(f, 64); /* exact: a double has 53 bits */
		se |= (unsigned)(e - 1 + 16383) & 0x7fff;
	}
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(m >> (8 * i));
	b[8] = (uint8_t)se;
	b[9] = (uint8_t)(se >> 8);
}
