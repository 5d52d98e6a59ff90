/*
 * test_expr_dfp: the BID codec and decimal arithmetic of src/expr/expr_dfp.c against gcc's own
 * _Decimal32/64/128 (libgcc's BID routines, rounding half-even), on random operands of every
 * size: + - * / bit for bit, comparisons, and decode/encode round trips; and the text gdb 13
 * prints for literals (each expected string is gdb's, from gdb.base/dfp-exprs.exp and
 * dfp-test.exp). Needs no tracee.
 */
#include <stdlib.h>
#include <string.h>

#include "expr/expr_dfp.h"
#include "harness.h"

typedef expr_u128 u128;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random finite value of size bytes: coefficients of every length, exponents near 0 most
 * of the time and anywhere sometimes, plus zeros and specials now and then. */
static u128 rand_dec(unsigned size)
{
	unsigned prec = expr_dec_prec(size), nd = 1 + (unsigned)(rnd() % prec);
	struct expr_dnum d = { 0 };
	int span = size == 4 ? 90 : size == 8 ? 369 : 6111;

	for (unsigned i = 0; i < nd; i++)
		d.coef = d.coef * 10 + rnd() % 10;
	d.neg = rnd() & 1;
	d.exp = rnd() % 4 ? (int)(rnd() % 21) - 10 - (int)nd / 2 : (int)(rnd() % (2 * span)) - span;
	if (rnd() % 50 == 0)
		d.coef = 0;
	if (rnd() % 200 == 0)
		d.cls = EXPR_DEC_INF;
	return expr_dec_encode(d, false, size);
}

static bool same(u128 a, u128 b, unsigned size)
{
	struct expr_dnum x = expr_dec_decode(a, size), y = expr_dec_decode(b, size);

	if (x.cls == EXPR_DEC_NAN && y.cls == EXPR_DEC_NAN)
		return true;
	return a == b;
}

static const char *show(u128 x, unsigned size)
{
	static char buf[4][96];
	static int k;
	char *b = buf[k++ % 4];

	expr_dec_format(x, size, b, 96);
	return b;
}

#ifdef __DEC64_MANT_DIG__
#define ORACLE(T, size)                                                                            \
	static u128 oracle_##size(u128 a, u128 b, int op)                                          \
	{                                                                                          \
		T x, y, z;                                                                         \
		u128 r = 0;                                                                        \
		memcpy(&x, &a, size);                                                              \
		memcpy(&y, &b, size);                                                              \
		z = op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;                   \
		memcpy(&r, &z, size);                                                              \
		return r;                                                                          \
	}                                                                                          \
	static int cmp_##size(u128 a, u128 b)                                                      \
	{                                                                                          \
		T x, y;                                                                            \
		memcpy(&x, &a, size);                                                              \
		memcpy(&y, &b, size);                                                              \
		return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;                                    \
	}
ORACLE(_Decimal32, 4)
ORACLE(_Decimal64, 8)
ORACLE(_Decimal128, 16)

static u128 oracle(u128 a, u128 b, int op, unsigned size)
{
	return size == 4 ? oracle_4(a, b, op) :
	       size == 8 ? oracle_8(a, b, op) :
			   oracle_16(a, b, op);
}

static int oracle_cmp(u128 a, u128 b, unsigned size)
{
	return size == 4 ? cmp_4(a, b) : size == 8 ? cmp_8(a, b) : cmp_16(a, b);
}

static void random_against_gcc(void)
{
	static const char opname[] = "+-*/";
	unsigned sizes[] = { 4, 8, 16 }, bad = 0;

	for (int si = 0; si < 3; si++) {
		unsigned size = sizes[si];

		for (int i = 0; i < 20000; i++) {
			u128 a = rand_dec(size), b = rand_dec(size), want, got;
			struct expr_dnum x = expr_dec_decode(a, size), y = expr_dec_decode(b, size),
					 r;
			int op = (int)(rnd() % 4), rc;
			const char *why = NULL;
			bool sticky;

			if (op == 3 && y.cls == EXPR_DEC_FINITE && !y.coef)
				continue; /* gdb's x / 0 is tested by the e2e test */
			want = oracle(a, b, op, size);
			rc = op == 0 ? expr_dec_add(x, y, false, &r, &sticky, &why) :
			     op == 1 ? expr_dec_add(x, y, true, &r, &sticky, &why) :
			     op == 2 ? expr_dec_mul(x, y, &r, &sticky, &why) :
				       expr_dec_div(x, y, &r, &sticky, &why);
			if (rc < 0) { /* only where IEEE says invalid: the oracle gives NaN */
				CHECK(expr_dec_decode(want, size).cls == EXPR_DEC_NAN,
				      "%s %c %s: %s", show(a, size), opname[op], show(b, size),
				      why);
				continue;
			}
			got = expr_dec_encode(r, sticky, size);
			if (!same(got, want, size) && bad++ < 20)
				h_note("size %u: %s %c %s = %s, gcc: %s", size, show(a, size),
				       opname[op], show(b, size), show(got, size),
				       show(want, size));
			CHECK_EQ(expr_dec_cmp(&x, &y), oracle_cmp(a, b, size));
			/* a canonical encoding survives decode and encode */
			CHECK(expr_dec_encode(x, false, size) == a, "round trip of %s",
			      show(a, size));
		}
	}
	h_note("%u mismatches in 60000 operations", bad);
	CHECK_EQ(bad, 0u);
}
#endif

static void text(const char *lit, unsigned size, const char *want)
{
	struct expr_dnum d;
	bool sticky;
	char buf[96];

	CHECK(expr_dec_parse(lit, strlen(lit), &d, &sticky) == 0, "parse %s", lit);
	expr_dec_format(expr_dec_encode(d, sticky, size), size, buf, sizeof(buf));
	CHECK(!strcmp(buf, want), "%s as size %u: %s, gdb: %s", lit, size, buf, want);
}

static void gdb_texts(void)
{
	struct expr_dnum d;
	bool sticky;

	text("1.2", 4, "1.2");
	text("1234567.", 4, "1234567");
	text("1.2E1", 4, "12");
	text("1.2E10", 4, "1.2E+10");
	text("1.2E-10", 4, "1.2E-10");
	text("1.2E96", 4, "1.200000E+96");
	text("1.0E-95", 4, "1.0E-95");
	text("1.E-101", 4, "1E-101");
	text("0.000001E-95", 4, "1E-101");
	text("1.2345678", 4, "1.234568");
	text("1.234567E+97", 4, "Infinity");
	text("1.2E384", 8, "1.200000000000000E+384");
	text("1.234567890123456E10", 8, "12345678901.23456");
	text("1.2345678901234567", 8, "1.234567890123457");
	text("9.9999999999999999E384", 8, "Infinity");
	text("0.000000000000001E-383", 8, "1E-398");
	text("1.2E6144", 16, "1.200000000000000000000000000000000E+6144");
	text("1.2345678901234567890123456789012345", 16, "1.234567890123456789012345678901234");
	text("0.000000000000000000000000000000001E-6143", 16, "1E-6176");
	text("1.234567890123456E6145", 16, "Infinity");
	text("0.1", 16, "0.1");
	text("0.12", 8, "0.12");
	text("0.00012", 8, "0.00012");
	text("0.0000012", 8, "0.0000012");
	text("0.00000012", 8, "1.2E-7");
	text("1.0", 4, "1.0");
	text("0", 8, "0");
	text("0.0", 8, "0.0");
	text("inf", 8, "Infinity");
	text("-inf", 8, "-Infinity");
	text("nan", 8, "NaN");
	CHECK(expr_dec_parse("1.23E", 5, &d, &sticky) < 0, "1.23E is no number");
	CHECK(expr_dec_parse("1.23E45A", 8, &d, &sticky) < 0, "1.23E45A is no number");
	CHECK(expr_dec_parse(".", 1, &d, &sticky) < 0, ". is no number");
}

int main(void)
{
	gdb_texts();
#ifdef __DEC64_MANT_DIG__
	random_against_gcc();
#endif
	return h_pass();
}
