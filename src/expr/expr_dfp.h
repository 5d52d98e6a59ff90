/*
 * expr_dfp.h - decimal floating point (_Decimal32, _Decimal64, _Decimal128) in the BID encoding
 * x86-64 uses: decoding, encoding with IEEE 754-2008 rounding (half-even, to 7, 16 or 34
 * digits, with the exponent clamped as decNumber clamps it), text both ways as gdb shows it
 * (decNumber's to-scientific-string), and the four operations and comparison. Portable C
 * (clang has no _Decimal types): a coefficient is held in an unsigned __int128.
 *
 * Owns: the bits of decimal values. Must not: allocate, print, or reach the tracee.
 */
#ifndef CDBG_EXPR_DFP_H
#define CDBG_EXPR_DFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef unsigned __int128 expr_u128;

/* A decimal number: (-1)^neg * coef * 10^exp, or a special. */
enum { EXPR_DEC_FINITE, EXPR_DEC_INF, EXPR_DEC_NAN, EXPR_DEC_SNAN };
struct expr_dnum {
	bool neg;
	uint8_t cls;    /* EXPR_DEC_* */
	expr_u128 coef; /* finite: at most 38 digits */
	int exp;
};

/* What can go wrong, as decNumber's status words say it (gdb prints "Cannot perform
 * operation: %s" for these). */
#define EXPR_DEC_ERR_SYNTAX "Conversion syntax"
#define EXPR_DEC_ERR_INVALID "Invalid operation"
#define EXPR_DEC_ERR_DIVUNDEF "Division undefined"

/* The digits of the format of size bytes (4, 8, 16): 7, 16, 34. */
unsigned expr_dec_prec(unsigned size);

/* The BID bits x of a decimal of size bytes, decoded (non-canonical coefficients are 0). */
struct expr_dnum expr_dec_decode(expr_u128 x, unsigned size);

/* d rounded (half-even; sticky: digits below coef were dropped and not all 0) to the format
 * of size bytes and encoded: overflow gives an infinity, underflow subnormals or 0. */
expr_u128 expr_dec_encode(struct expr_dnum d, bool sticky, unsigned size);

/* The literal s[0..n) (digits, '.', an exponent E+-n; "inf", "nan", "Infinity", "NaN" too):
 * 0 with *out (and *sticky: nonzero digits past the 37 kept were dropped), -1 when it is no
 * decimal number (EXPR_DEC_ERR_SYNTAX). */
int expr_dec_parse(const char *s, size_t n, struct expr_dnum *out, bool *sticky);

/* d as gdb prints it ("1.2", "-1.2E+10", "1E-101", "Infinity", "NaN") into buf. */
void expr_dec_text(const struct expr_dnum *d, char *buf, size_t len);

/* The BID bits x of size bytes as gdb prints them, into buf. */
void expr_dec_format(expr_u128 x, unsigned size, char *buf, size_t len);

/* a + b, a - b (sub), a * b, a / b: 0 with *out and *sticky (for expr_dec_encode), or -1 with
 * the reason in *why (EXPR_DEC_ERR_*). Results keep up to 37 digits. */
int expr_dec_add(struct expr_dnum a, struct expr_dnum b, bool sub, struct expr_dnum *out,
		 bool *sticky, const char **why);
int expr_dec_mul(struct expr_dnum a, struct expr_dnum b, struct expr_dnum *out, bool *sticky,
		 const char **why);
int expr_dec_div(struct expr_dnum a, struct expr_dnum b, struct expr_dnum *out, bool *sticky,
		 const char **why);

/* -1, 0, 1 as a <, ==, > b; 2 when unordered (a NaN). */
int expr_dec_cmp(const struct expr_dnum *a, const struct expr_dnum *b);

#endif
