/*
 * present/text.c - gdb's text of characters: escapes ('\n', '\033', '\310') and strings in
 * segments with <repeats N times>, as gdb 13 prints char values, char arrays and char *;
 * cdbg_format_chars offers it to front-ends.
 *
 * Owns: the one copy of gdb's char escaping. Must not: read the tracee, or decide how many
 * characters to show (callers cut at gdb's `print elements` and add "...").
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "present/present.h"

void cdbg__text_printf(struct cdbg__text *t, const char *fmt, ...)
{
	size_t room = t->len < t->max ? t->max - t->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? t->buf + t->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

void cdbg__text_puts(struct cdbg__text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len < t->max) {
		size_t room = t->max - t->len - 1, k = n < room ? n : room;

		memcpy(t->buf + t->len, s, k);
		t->buf[t->len + k] = '\0';
	}
	t->len += n;
}

void cdbg__text_char(struct cdbg__text *t, unsigned char ch, char quote)
{
	static const char esc[] = { ['\a'] = 'a', ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n',
				    ['\r'] = 'r', ['\t'] = 't', ['\v'] = 'v' };
	char s[5] = { (char)ch, '\0' };

	if (!cdbg__cs_plain(EXPR_CS_NARROW)) { /* set target-charset */
		cdbg__text_cs_char(t, EXPR_CS_NARROW, &ch, 1, quote);
		return;
	}
	if (ch == '\\' || ch == (unsigned char)quote)
		snprintf(s, sizeof(s), "\\%c", ch);
	else if (ch < sizeof(esc) && esc[ch])
		snprintf(s, sizeof(s), "\\%c", esc[ch]);
	else if (ch < 0x20 || ch >= 0x7f)
		snprintf(s, sizeof(s), "\\%03o", ch);
	cdbg__text_puts(t, s);
}

void cdbg__text_chars(struct cdbg__text *t, const unsigned char *s, size_t n)
{
	cdbg__text_chars_rep(t, s, n, CDBG__REPEATS);
}

void cdbg__text_chars_rep(struct cdbg__text *t, const unsigned char *s, size_t n, unsigned repeats)
{
	cdbg__text_chars_lim(t, s, n, repeats, 0);
}

size_t cdbg__text_chars_lim(struct cdbg__text *t, const unsigned char *s, size_t n,
			    unsigned repeats, size_t elements)
{
	bool quoted = false;
	size_t i = 0, run;

	if (!cdbg__cs_plain(EXPR_CS_NARROW)) /* set target-charset */
		return cdbg__text_wchars_lim(t, EXPR_CS_NARROW, s, n, repeats, elements);
	if (!n) {
		cdbg__text_puts(t, "\"\"");
		return 0;
	}
	/* gdb's generic_printstr: whole runs, until elements characters are taken */
	while (i < n && (!elements || i < elements)) {
		for (run = 1; i + run < n && s[i + run] == s[i]; run++)
			;
		if (repeats && run > repeats) {
			cdbg__text_puts(t, quoted ? "\", '" : i ? ", '" : "'");
			cdbg__text_char(t, s[i], '\'');
			cdbg__text_printf(t, "' <repeats %zu times>", run);
			quoted = false;
		} else {
			if (!quoted)
				cdbg__text_puts(t, i ? ", \"" : "\"");
			quoted = true;
			for (size_t k = 0; k < run; k++)
				cdbg__text_char(t, s[i], '"');
		}
		i += run;
	}
	if (quoted)
		cdbg__text_puts(t, "\"");
	return i;
}

void cdbg__fput_char(FILE *f, unsigned char ch, char quote)
{
	char s[8];
	struct cdbg__text t = { s, sizeof(s), 0 };

	cdbg__text_char(&t, ch, quote);
	fputs(s, f);
}

void cdbg__fput_chars(FILE *f, const unsigned char *s, size_t n)
{
	cdbg__fput_chars_rep(f, s, n, CDBG__REPEATS);
}

void cdbg__fput_chars_rep(FILE *f, const unsigned char *s, size_t n, unsigned repeats)
{
	cdbg__fput_chars_lim(f, s, n, repeats, 0);
}

void cdbg__fput_chars_lim(FILE *f, const unsigned char *s, size_t n, unsigned repeats,
			  size_t elements)
{
	char small[1024], *buf = small;
	struct cdbg__text t = { small, sizeof(small), 0 };
	size_t taken = cdbg__text_chars_lim(&t, s, n, repeats, elements);

	if (t.len >= sizeof(small)) {
		if (!(buf = malloc(t.len + 1))) {
			fputs("<error: out of memory>", f);
			return;
		}
		t = (struct cdbg__text){ buf, t.len + 1, 0 };
		cdbg__text_chars_lim(&t, s, n, repeats, elements);
	}
	fputs(buf, f);
	if (taken < n)
		fputs("...", f);
	if (buf != small)
		free(buf);
}

int cdbg_format_chars(const void *bytes, size_t n, unsigned flags, char *out, size_t max)
{
	struct cdbg__text t = { out, max, 0 };

	if (max)
		out[0] = '\0';
	if (flags & ~CDBG_CHARS_CHAR || ((flags & CDBG_CHARS_CHAR) && n != 1) || (n && !bytes))
		return -EINVAL;
	if (flags & CDBG_CHARS_CHAR) {
		cdbg__text_puts(&t, "'");
		cdbg__text_char(&t, *(const unsigned char *)bytes, '\'');
		cdbg__text_puts(&t, "'");
	} else {
		cdbg__text_chars(&t, bytes, n);
	}
	return t.len > INT_MAX ? -EOVERFLOW : (int)t.len;
}
