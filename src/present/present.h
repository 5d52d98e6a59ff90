/*
 * present.h - what the files of the present layer share: a bounded text written snprintf's
 * way, and gdb's escaping of chars and strings (text.c), used by the value printer
 * (valfmt.c) and, through cdbg_format_chars, by front-ends.
 *
 * Owns: nothing outside src/present/. Must not: read the tracee (callers pass the bytes).
 */
#ifndef CDBG_PRESENT_H
#define CDBG_PRESENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CDBG__REPEATS 10 /* gdb's `print repeats`: longer runs become <repeats N times> */

/* A text being written into buf (max bytes, NUL-terminated when max > 0): len counts every
 * character written so far, also those that did not fit, as snprintf counts them. */
struct cdbg__text {
	char *buf;
	size_t max;
	size_t len;
};

void cdbg__text_printf(struct cdbg__text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cdbg__text_puts(struct cdbg__text *t, const char *s);

/* One character without its quotes, escaped as gdb does ('\n', '\033', '\310', '\\'); quote
 * is the delimiter to escape (' or "). */
void cdbg__text_char(struct cdbg__text *t, unsigned char ch, char quote);
/* s[0..n) as gdb prints a string (its generic_printstr): quoted runs, and 'c' <repeats N
 * times> for runs longer than CDBG__REPEATS, joined by ", "; "" when n is 0. */
void cdbg__text_chars(struct cdbg__text *t, const unsigned char *s, size_t n);

/* The same, onto a stream. */
void cdbg__fput_char(FILE *f, unsigned char ch, char quote);
void cdbg__fput_chars(FILE *f, const unsigned char *s, size_t n);

#endif
