/*
 * present/charset.c - the program's characters in gdb's text when they are not plain bytes of
 * an ASCII program: chars under `set target-charset` (EBCDIC-US's 0xc1 is 'A'), and wchar_t,
 * char16_t and char32_t values and strings (L'a', u"abc", U"\xffef\146"), with gdb's escapes
 * for what cannot be shown (\242, \x... for units above 0777, the next hex digit escaped after
 * one) and its <repeats N times>. Also cdbg_charset_set/get, the settings front-ends change.
 *
 * Owns: gdb's print_wchar and generic_printstr for converted characters. Must not: read the
 * tracee, or decide how many characters to show (callers cut at `print elements`).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "expr/expr_charset.h"
#include "present/present.h"

/* A character of the program: its code point when ok, and where its bytes are. */
struct cs_char {
	uint32_t cp;
	bool ok;
	size_t off, len;
};

int cdbg_charset_set(int which, const char *name)
{
	return cdbg__expr_cs_set(which, name);
}

void cdbg_charset_get(int which, char *out, size_t max)
{
	cdbg__expr_cs_get(which, out, max);
}

bool cdbg__cs_plain(enum expr_cs_kind kind)
{
	char name[64];

	if (kind != EXPR_CS_NARROW)
		return false;
	cdbg__expr_cs_get(EXPR_CS_TARGET, name, sizeof(name));
	return !*name;
}

const char *cdbg__cs_prefix(enum expr_cs_kind kind)
{
	return kind == EXPR_CS_WCHAR ? "L" :
	       kind == EXPR_CS_U16   ? "u" :
	       kind == EXPR_CS_U32   ? "U" :
				       "";
}

static uint32_t unit_at(const unsigned char *s, unsigned width)
{
	uint32_t v = 0;

	for (unsigned k = width; k-- > 0;)
		v = v << 8 | s[k];
	return v;
}

static bool is_xdigit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* gdb's print_wchar: one character (bytes b[0..len), units of width) inside quote. */
static void put_char(struct cdbg__text *t, const struct cs_char *c, const unsigned char *b,
		     unsigned width, char quote, bool *need_escape)
{
	static const char esc[] = {
		[7] = 'a', [8] = 'b', [9] = 't', [10] = 'n', [11] = 'v', [12] = 'f', [13] = 'r'
	};
	bool hexnext = *need_escape;
	size_t i;

	*need_escape = false;
	if (c->ok && c->cp < sizeof(esc) && esc[c->cp]) {
		cdbg__text_printf(t, "\\%c", esc[c->cp]);
		return;
	}
	if (c->ok && c->cp >= 0x20 && c->cp < 0x7f && !(hexnext && is_xdigit(c->cp))) {
		if (c->cp == (uint32_t)(unsigned char)quote || c->cp == '\\')
			cdbg__text_puts(t, "\\");
		cdbg__text_printf(t, "%c", (char)c->cp);
		return;
	}
	for (i = 0; i + width <= c->len; i += width) {
		uint32_t v = unit_at(b + i, width);
		if (v <= 0777) {
			cdbg__text_printf(t, "\\%03o", (unsigned)v);
			*need_escape = false;
		} else {
			cdbg__text_printf(t, "\\x%x", (unsigned)v);
			*need_escape = true; /* hex escapes have no length: a digit after needs one */
		}
	}
	for (; i < c->len; i++) {
		cdbg__text_printf(t, "\\%03o", b[i]);
		*need_escape = false;
	}
}

/* s[0..n) decoded into characters: their count, or (size_t)-1 without memory. */
static size_t decode(enum expr_cs_kind kind, const unsigned char *s, size_t n, struct cs_char **out,
		     unsigned *width)
{
	struct expr_cs_dec d;
	struct cs_char *v;
	size_t k = 0, off = 0;

	*out = NULL;
	if (cdbg__expr_cs_dec_open(&d, kind) < 0) /* a charset set earlier can always open */
		kind = kind == EXPR_CS_NARROW ? EXPR_CS_U8 : EXPR_CS_U32, d.cd = (void *)-1;
	*width = d.width;
	if (!(v = calloc(n ? n : 1, sizeof(*v)))) {
		cdbg__expr_cs_dec_close(&d);
		return (size_t)-1;
	}
	while (off < n) {
		size_t used = cdbg__expr_cs_next(&d, s + off, n - off, &v[k].cp, &v[k].ok);
		if (!v[k].ok && v[k].cp == EXPR_CS_INCOMPLETE) { /* gdb: <incomplete sequence> */
			v[k].off = off;
			v[k].len = used;
			off += used;
			k++;
			continue;
		}
		if (!v[k].ok && used > d.width) { /* cut short at the end: unit by unit */
			for (size_t u = 0; u < used; u += d.width, k++)
				v[k] = (struct cs_char){ unit_at(s + off + u, d.width), false,
							 off + u,
							 used - u < d.width ? used - u : d.width };
			off += used;
			continue;
		}
		v[k].off = off;
		v[k].len = used;
		off += used;
		k++;
	}
	cdbg__expr_cs_dec_close(&d);
	*out = v;
	return k;
}

static bool same(const struct cs_char *a, const struct cs_char *b, const unsigned char *s)
{
	if (a->ok != b->ok)
		return false;
	if (a->ok)
		return a->cp == b->cp;
	return a->len == b->len && !memcmp(s + a->off, s + b->off, a->len);
}

size_t cdbg__text_wchars_lim(struct cdbg__text *t, enum expr_cs_kind kind, const unsigned char *s,
			     size_t n, unsigned repeats, size_t elements)
{
	struct cs_char *c;
	unsigned width;
	size_t nc = decode(kind, s, n, &c, &width), i = 0, run, units = 0;
	bool quoted = false, need_escape = false;

	cdbg__text_puts(t, cdbg__cs_prefix(kind));
	if (nc == (size_t)-1) {
		cdbg__text_puts(t, "<error: out of memory>");
		return n;
	}
	if (!nc) {
		cdbg__text_puts(t, "\"\"");
		free(c);
		return n;
	}
	/* gdb's generic_printstr: whole runs, until elements characters are taken */
	while (i < nc && (!elements || units < elements)) {
		if (!c[i].ok && c[i].cp == EXPR_CS_INCOMPLETE) {
			cdbg__text_puts(t, quoted ? "\", <incomplete sequence " :
					   i      ? ", <incomplete sequence " :
						    "<incomplete sequence ");
			for (size_t k = 0; k < c[i].len; k++)
				cdbg__text_printf(t, "\\%03o", s[c[i].off + k]);
			cdbg__text_puts(t, ">");
			quoted = false;
			i++;
			continue;
		}
		for (run = 1; i + run < nc && same(&c[i], &c[i + run], s); run++)
			;
		if (repeats && run > repeats) {
			cdbg__text_puts(t, quoted ? "\", '" : i ? ", '" : "'");
			need_escape = false;
			put_char(t, &c[i], s + c[i].off, width, '\'', &need_escape);
			cdbg__text_printf(t, "' <repeats %zu times>", run);
			quoted = false;
		} else {
			if (!quoted)
				cdbg__text_puts(t, i ? ", \"" : "\"");
			if (!quoted)
				need_escape = false;
			quoted = true;
			for (size_t k = 0; k < run; k++)
				put_char(t, &c[i + k], s + c[i + k].off, width, '"', &need_escape);
		}
		units += run;
		i += run;
	}
	if (quoted)
		cdbg__text_puts(t, "\"");
	run = i < nc ? c[i].off : n;
	free(c);
	return run;
}

void cdbg__text_cs_char(struct cdbg__text *t, enum expr_cs_kind kind, const unsigned char *b,
			size_t len, char quote)
{
	struct cs_char *c;
	unsigned width;
	size_t nc = decode(kind, b, len, &c, &width);
	bool need_escape = false;

	for (size_t i = 0; i < nc && nc != (size_t)-1; i++)
		put_char(t, &c[i], b + c[i].off, width, quote, &need_escape);
	free(c);
}

void cdbg__text_wchar(struct cdbg__text *t, enum expr_cs_kind kind, const unsigned char *b,
		      size_t len)
{
	cdbg__text_printf(t, "%s'", cdbg__cs_prefix(kind));
	cdbg__text_cs_char(t, kind, b, len, '\'');
	cdbg__text_puts(t, "'");
}
