/*
 * expr_strlit.c - the characters between a literal's quotes, as gdb's c_parse_escape and
 * parse_string_or_char read them: escapes (\n, \e, octal of up to three digits, hex of any
 * length, \u and \U code points, and \q for any other q: q itself), each character converted
 * into the charset of the literal's kind ('A' in EBCDIC-US is 0xc1; L"" UTF-32, u"" UTF-16,
 * u8"" UTF-8).
 *
 * Owns: every message about a literal's characters. Must not: keep state.
 */
#include <stdio.h>
#include <string.h>

#include "expr/expr_charset.h"
#include "expr/expr_impl.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The source character at s[*i] (a UTF-8 sequence as one, else the byte), advancing *i. */
static uint32_t source_char(const char *s, size_t end, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[*i];
	size_t n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;

	if (n > 1 && *i + n <= end) {
		uint32_t v = c & (0x7f >> n);
		size_t k;
		for (k = 1; k < n && (u[*i + k] & 0xc0) == 0x80; k++)
			v = v << 6 | (u[*i + k] & 0x3f);
		if (k == n) {
			*i += n;
			return v;
		}
	}
	(*i)++;
	return c;
}

static void put_unit(unsigned char *out, uint32_t v, unsigned width)
{
	for (unsigned k = 0; k < width; k++, v >>= 8)
		out[k] = (unsigned char)v;
}

int cdbg__expr_lit_body(const char *s, size_t start, size_t end, int kind, unsigned char *out,
			size_t max, size_t *n, char *err, size_t errlen)
{
	static const char from[] = "ntrabfve\\'\"?", to[] = "\n\t\r\a\b\f\v\033\\'\"?";
	unsigned width = cdbg__expr_cs_width(kind);
	uint64_t limit = width == 4 ? 0xffffffffu : width == 2 ? 0xffff : 0xff;
	char target[64];
	size_t i = start, o = 0;
	bool raw = false;

	cdbg__expr_cs_get(EXPR_CS_TARGET, target, sizeof(target));
	raw = kind == EXPR_CS_NARROW && !*target; /* auto: the bytes as typed, as before */
	*n = 0;
	while (i < end) {
		size_t at = i;
		uint32_t cp;
		bool numeric = false;
		int r;

		if (o + 16 > max)
			return snprintf(err, errlen, "string literal too long"), -1;
		if (s[i] != '\\') {
			if (raw) {
				out[o++] = (unsigned char)s[i++];
				continue;
			}
			cp = source_char(s, end, &i);
		} else if (++i >= end) {
			return snprintf(err, errlen, "Unmatched single quote."), -1;
		} else if (s[i] == 'x' || s[i] == 'u' || s[i] == 'U') {
			char c = s[i++];
			size_t most = c == 'x' ? (size_t)-1 : c == 'u' ? 4 : 8, k = 0;
			uint64_t v = 0;
			for (; k < most && i < end && hexval(s[i]) >= 0; k++, i++)
				if ((v = v * 16 + (uint64_t)hexval(s[i])) > 0xffffffffu)
					v = 0x100000000u;
			if (!k)
				return snprintf(err, errlen,
						"\\%c escape without a following hex digit", c),
				       -1;
			if (c == 'x' && v > limit)
				return snprintf(err, errlen,
						"escape sequence out of range (column %zu)",
						at + 1),
				       -1;
			cp = (uint32_t)v;
			numeric = c == 'x';
		} else if (s[i] >= '0' && s[i] <= '7') {
			uint32_t v = 0;
			for (int k = 0; k < 3 && i < end && s[i] >= '0' && s[i] <= '7'; k++)
				v = v * 8 + (uint32_t)(s[i++] - '0');
			if (v > limit)
				return snprintf(err, errlen,
						"escape sequence out of range (column %zu)",
						at + 1),
				       -1;
			cp = v;
			numeric = true;
		} else {
			const char *m = strchr(from, s[i]);
			cp = m && s[i] ? (unsigned char)to[m - from] : source_char(s, end, &i);
			if (m && s[i])
				i++;
		}
		if (numeric || (raw && cp < 0x100)) {
			put_unit(out + o, cp, width);
			o += width;
			continue;
		}
		if ((r = cdbg__expr_cs_encode(kind, cp, out + o, max - o)) < 0) {
			char name[64];
			cdbg__expr_cs_get(kind == EXPR_CS_NARROW ? EXPR_CS_TARGET : EXPR_CS_WIDE,
					  name, sizeof(name));
			return snprintf(err, errlen,
					"There is no character corresponding to '%.*s' in the "
					"target character set '%s'.",
					(int)(i - at), s + at, *name ? name : "auto"),
			       -1;
		}
		o += (size_t)r;
	}
	*n = o;
	return 0;
}
