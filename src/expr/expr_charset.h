/*
 * expr_charset.h - gdb's character sets (expr_charset.c), for the lexer's literals and the
 * printer of the program's characters (present/charset.c).
 *
 * Owns: nothing but these declarations. Must not: include other layers' headers.
 */
#ifndef CDBG_EXPR_CHARSET_H
#define CDBG_EXPR_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { EXPR_CS_HOST, EXPR_CS_TARGET, EXPR_CS_WIDE }; /* the three settings */

/* The kinds of characters: char (target-charset), wchar_t (target-wide-charset), char16_t
 * (UTF-16), char32_t (UTF-32), and u8"" literals (UTF-8 chars). */
enum expr_cs_kind { EXPR_CS_NARROW, EXPR_CS_WCHAR, EXPR_CS_U16, EXPR_CS_U32, EXPR_CS_U8 };

/* Set setting which to name, an iconv(3) name ("" or "auto": gdb's auto). 0, or -EINVAL when
 * iconv cannot convert between it and UTF-32. */
int cdbg__expr_cs_set(int which, const char *name);
/* The name setting which has ("" for auto), into out (max bytes). */
void cdbg__expr_cs_get(int which, char *out, size_t max);
/* Bytes in one unit of kind: 1, 2 or 4. */
unsigned cdbg__expr_cs_width(enum expr_cs_kind kind);
/* Code point cp as kind's charset encodes it into out (max >= 8 bytes): the bytes written,
 * or -1 when that charset has no such character. */
int cdbg__expr_cs_encode(enum expr_cs_kind kind, uint32_t cp, unsigned char *out, size_t max);

/* A decoder of the program's characters of one kind. */
struct expr_cs_dec {
	void *cd;       /* iconv_t, (void *)-1 when units are characters */
	unsigned width; /* bytes a unit */
};
/* 0, or -EINVAL when the charset cannot be opened. Close it with cdbg__expr_cs_dec_close. */
int cdbg__expr_cs_dec_open(struct expr_cs_dec *d, enum expr_cs_kind kind);
void cdbg__expr_cs_dec_close(struct expr_cs_dec *d);
/* The character at s[0..n) (n > 0): the bytes it takes; *cp its code point and *ok true, or
 * *ok false when its bytes are no character of the charset (invalid; or cut short at the
 * end: then all n bytes are taken, and *cp is EXPR_CS_INCOMPLETE when the charset said so). */
#define EXPR_CS_INCOMPLETE UINT32_MAX
size_t cdbg__expr_cs_next(struct expr_cs_dec *d, const unsigned char *s, size_t n, uint32_t *cp,
			  bool *ok);

#endif
