/*
 * expr_flt.h - floating point for the expression evaluator (expr.c): literals, conversions
 * between float, double and the integers, C's rules. Private to expr.c (and its tests).
 *
 * Owns: the IEEE bits of EXPR_FLT values. Must not: allocate, print, or reach the tracee.
 */
#ifndef CDBG_EXPR_FLT_H
#define CDBG_EXPR_FLT_H

#include <stddef.h>
#include <stdint.h>

#include "expr/expr.h"

/* float (size 4) and double (size 8) */
static inline struct expr_type expr_flt_type(unsigned size)
{
	struct expr_type t = { .kind = EXPR_FLT, .size = size == 4 ? 4 : 8, .is_signed = true };

	return t;
}

/* v (an integer, pointer or EXPR_FLT) as a double. */
double expr_flt_get(const struct expr_value *v);

/* d stored as type t (EXPR_FLT: its IEEE bits; EXPR_INT or EXPR_PTR: converted as C does,
 * truncating toward zero; out of range saturates to a 64-bit integer first and NaN gives -1,
 * as gdb 13 does, instead of C's undefined behaviour). */
uint64_t expr_flt_put(double d, struct expr_type t);

/* x86's 80-bit long double (its 10 bytes, little-endian) as a double (rounded), and back. */
double expr_ldouble_get(const uint8_t b[10]);
void expr_ldouble_put(double d, uint8_t b[10]);

/* The floating literal s[0..n) ("1.5", "2e3", ".5", "1.5f"): 0 with *t and *bits, 1 when s is
 * no floating literal (an integer), -1 when it is a bad one (a sentence in err). */
int expr_flt_lex(const char *s, size_t n, struct expr_type *t, uint64_t *bits, char *err,
		 size_t errlen);

/* How long the number starting at s (len bytes available) is: digits, letters, '.', and a
 * sign right after a decimal exponent's e or E. */
size_t expr_flt_numlen(const char *s, size_t len);

#endif
