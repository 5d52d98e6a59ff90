/*
 * present.h - what the files of the present layer share: a bounded text written snprintf's
 * way, gdb's escaping of chars and strings (text.c), the one integer formatter of print's
 * formats (rawtext.c) and the symbol after an address (insn_format.c), used by the value
 * printer (valfmt.c) and, through cdbg_format_*, by front-ends.
 *
 * Owns: nothing outside src/present/. Must not: read the tracee (callers pass the bytes).
 */
#ifndef CDBG_PRESENT_H
#define CDBG_PRESENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cdbg.h"
#include "expr/expr_charset.h"

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
/* The same with `print repeats` set to repeats (0: runs never folded). */
void cdbg__text_chars_rep(struct cdbg__text *t, const unsigned char *s, size_t n, unsigned repeats);
/* ... and with `print elements` (0: unlimited): whole runs until that many characters are
 * taken, as gdb counts them. Returns the characters taken (n when all were). */
size_t cdbg__text_chars_lim(struct cdbg__text *t, const unsigned char *s, size_t n,
			    unsigned repeats, size_t elements);

/* Flags of cdbg__text_int beyond cdbg.h's CDBG_INT_SIGNED and CDBG_INT_PAD: how print of a
 * value of the program's type (valfmt.c) differs from print of a plain integer
 * (cdbg_format_int, the CLI's registers and x). Both differ from gdb 13, which shows
 * `p/c (unsigned char)200` as 200 '\310' and `p/f` of an int as its bits read as a float. */
#define CDBG__INT_C_SIGNED                                                                         \
	0x100u                     /* /c reads the low byte as a signed char, also when the
				    * value is an unsigned char (-56 '\310') */
#define CDBG__INT_F_DECIMAL 0x200u /* /f of an integer is its decimal value, not its bits */
/* The low size bytes of bits as print's format fmt shows them (see cdbg_format_int): 'x' 'z'
 * 'o' 't' 'd' 'u' 'c' 'f', 'a' the address in hex (the symbol after it is the caller's:
 * cdbg__text_sym), else decimal signed by CDBG_INT_SIGNED. flags: CDBG_INT_* and CDBG__INT_*. */
void cdbg__text_int(struct cdbg__text *t, uint64_t bits, unsigned size, int fmt, unsigned flags);

/* " <main+4>": the symbol gdb names after the address addr, by cdbg_format_sym's rules
 * (flags: CDBG_FMTSYM_ANY or 0); nothing when none. Leaves p's error as the lookup set it. */
void cdbg__text_sym(struct cdbg__text *t, cdbg_proc *p, uint64_t addr, unsigned flags);
/* The same with the name in the function style when styled. */
void cdbg__text_sym_styled(struct cdbg__text *t, cdbg_proc *p, uint64_t addr, unsigned flags,
			   bool styled);
/* str[0..n) wrapped in style s's escapes when styled (style.c), as is when not. */
void cdbg__text_styled(struct cdbg__text *t, bool styled, enum cdbg_style s, const char *str,
		       size_t n);

/* charset.c: characters in the program's charsets. Whether chars of kind are plain bytes
 * (char with target-charset auto: the functions above); the prefix of kind's literals ("",
 * "L", "u", "U"). */
bool cdbg__cs_plain(enum expr_cs_kind kind);
const char *cdbg__cs_prefix(enum expr_cs_kind kind);
/* s[0..n) (bytes) of kind as gdb prints a string: its prefix, quoted runs and repeats, as
 * cdbg__text_chars_lim. Returns the bytes taken (n when all were). */
size_t cdbg__text_wchars_lim(struct cdbg__text *t, enum expr_cs_kind kind, const unsigned char *s,
			     size_t n, unsigned repeats, size_t elements);
/* The character(s) in b[0..len) of kind, escaped for quote, without quotes. */
void cdbg__text_cs_char(struct cdbg__text *t, enum expr_cs_kind kind, const unsigned char *b,
			size_t len, char quote);
/* One character of kind as a literal: L'a', u'\xbeef'. */
void cdbg__text_wchar(struct cdbg__text *t, enum expr_cs_kind kind, const unsigned char *b,
		      size_t len);

/* wide.c: wchar_t, char16_t, char32_t. The enum expr_cs_kind of a DWARF type (a Dwarf_Die
 * *), or of a C view's type name; 0 when it is none of them. */
int cdbg__wide_kind(void *die);
int cdbg__wide_kind_named(const char *type);
/* The value at b (its kind's width) as gdb prints it: 97 L'a', 48879 L'\xbeef'. */
void cdbg__fput_wchar_value(FILE *f, int kind, const unsigned char *b, bool is_signed);
/* s[0..n) (bytes) of kind as a string, "..." after it when not all was taken or dots. */
void cdbg__fput_wchars_lim(FILE *f, int kind, const unsigned char *s, size_t n, unsigned repeats,
			   size_t elements, bool dots);

/* The same, onto a stream. */
void cdbg__fput_char(FILE *f, unsigned char ch, char quote);
void cdbg__fput_chars(FILE *f, const unsigned char *s, size_t n);
void cdbg__fput_chars_rep(FILE *f, const unsigned char *s, size_t n, unsigned repeats);
/* cdbg__text_chars_lim onto a stream, with "..." after it when not all of s was taken. */
void cdbg__fput_chars_lim(FILE *f, const unsigned char *s, size_t n, unsigned repeats,
			  size_t elements);

#endif
