/*
 * expr_charset.c - gdb's character sets: the host, target and target-wide charsets that `set
 * host-charset`, `set target-charset` and `set target-wide-charset` choose, the encoding of a
 * literal's characters into the program's charset ('A' is 193 under EBCDIC-US, L"ab" is UTF-32)
 * and the decoding of the program's characters one at a time for the printer (present/).
 * Conversions go through glibc's iconv(3).
 *
 * Owns: the three settings (process-wide, as gdb's). Must not: print, or keep an iconv handle
 * between calls (each conversion opens its own, so that threads do not share one).
 */
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "expr/expr_charset.h"

static char cs_names[3][64]; /* EXPR_CS_HOST, _TARGET, _WIDE: "" is auto */
static pthread_mutex_t cs_lock = PTHREAD_MUTEX_INITIALIZER;

/* The iconv name of a wide charset in little-endian order: UTF-32 alone would mean big-endian
 * with a byte-order mark. */
static void le_name(const char *name, char *out, size_t max)
{
	static const char *const bare[] = { "UTF-16", "UTF-32", "UCS-2", "UCS-4",  "UTF16",
					    "UTF32",  "UCS2",   "UCS4",  "UNICODE" };

	for (size_t i = 0; i < sizeof(bare) / sizeof(bare[0]); i++)
		if (!strcmp(name, bare[i])) {
			snprintf(out, max, "%sLE", !strcmp(name, "UNICODE") ? "UCS-2" : name);
			return;
		}
	snprintf(out, max, "%s", name);
}

static bool cs_usable(const char *name)
{
	iconv_t a = iconv_open("UTF-32LE", name), b;

	if (a == (iconv_t)-1)
		return false;
	iconv_close(a);
	if ((b = iconv_open(name, "UTF-32LE")) == (iconv_t)-1)
		return false;
	iconv_close(b);
	return true;
}

int cdbg__expr_cs_set(int which, const char *name)
{
	if (which < EXPR_CS_HOST || which > EXPR_CS_WIDE || !name)
		return -EINVAL;
	if (!strcmp(name, "auto"))
		name = "";
	if (strlen(name) >= sizeof(cs_names[0]) || (*name && !cs_usable(name)))
		return -EINVAL;
	pthread_mutex_lock(&cs_lock);
	snprintf(cs_names[which], sizeof(cs_names[which]), "%s", name);
	pthread_mutex_unlock(&cs_lock);
	return 0;
}

void cdbg__expr_cs_get(int which, char *out, size_t max)
{
	if (!max)
		return;
	out[0] = '\0';
	if (which < EXPR_CS_HOST || which > EXPR_CS_WIDE)
		return;
	pthread_mutex_lock(&cs_lock);
	snprintf(out, max, "%s", cs_names[which]);
	pthread_mutex_unlock(&cs_lock);
}

/* The iconv name a kind of character is converted with, "" when its units are its characters
 * (auto: cdbg's ASCII target and UTF-32 wide charset; char16_t and char32_t). */
static void kind_name(enum expr_cs_kind kind, char *out, size_t max)
{
	char set[64];

	out[0] = '\0';
	if (kind == EXPR_CS_NARROW) {
		cdbg__expr_cs_get(EXPR_CS_TARGET, out, max);
	} else if (kind == EXPR_CS_WCHAR) {
		cdbg__expr_cs_get(EXPR_CS_WIDE, set, sizeof(set));
		if (*set)
			le_name(set, out, max);
	}
}

unsigned cdbg__expr_cs_width(enum expr_cs_kind kind)
{
	return kind == EXPR_CS_WCHAR || kind == EXPR_CS_U32 ? 4 : kind == EXPR_CS_U16 ? 2 : 1;
}

static uint32_t unit_at(const unsigned char *s, unsigned width)
{
	uint32_t v = 0;

	for (unsigned k = width; k-- > 0;)
		v = v << 8 | s[k];
	return v;
}

static void put_unit(unsigned char *out, uint32_t v, unsigned width)
{
	for (unsigned k = 0; k < width; k++, v >>= 8)
		out[k] = (unsigned char)v;
}

int cdbg__expr_cs_dec_open(struct expr_cs_dec *d, enum expr_cs_kind kind)
{
	char name[80];

	memset(d, 0, sizeof(*d));
	d->width = cdbg__expr_cs_width(kind);
	d->cd = (void *)-1;
	kind_name(kind, name, sizeof(name));
	if (*name && (d->cd = iconv_open("UTF-32LE", name)) == (iconv_t)-1)
		return -EINVAL;
	return 0;
}

void cdbg__expr_cs_dec_close(struct expr_cs_dec *d)
{
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	d->cd = (void *)-1;
}

size_t cdbg__expr_cs_next(struct expr_cs_dec *d, const unsigned char *s, size_t n, uint32_t *cp,
			  bool *ok)
{
	unsigned char u[4];
	char *in = (char *)s, *out = (char *)u;
	size_t inleft = n, outleft = sizeof(u), r;

	*ok = false;
	*cp = 0;
	if (n < d->width)
		return n; /* a piece of a unit: shown byte by byte */
	if (d->cd == (iconv_t)-1) {
		*cp = unit_at(s, d->width);
		*ok = true;
		return d->width;
	}
	r = iconv(d->cd, &in, &inleft, &out, &outleft);
	if (outleft == 0 && inleft < n) { /* one character, whatever else iconv said */
		*cp = unit_at(u, 4);
		*ok = true;
		return n - inleft;
	}
	if (r != (size_t)-1 && inleft == 0 && outleft == sizeof(u))
		return n; /* a shift sequence alone */
	iconv(d->cd, NULL, NULL, NULL, NULL);
	if (r == (size_t)-1 && errno == EINVAL) {
		*cp = EXPR_CS_INCOMPLETE;
		return n; /* incomplete at the end: the rest */
	}
	*cp = unit_at(s, d->width);
	return d->width; /* invalid here: this unit alone */
}

/* UTF-8 of cp into out (4 bytes at most): its length. */
static size_t utf8(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18 & 7));
	out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

int cdbg__expr_cs_encode(enum expr_cs_kind kind, uint32_t cp, unsigned char *out, size_t max)
{
	char name[80];
	unsigned char u[4];
	char *in = (char *)u, *o = (char *)out;
	size_t inleft = 4, outleft = max, r;
	iconv_t cd;

	if (max < 8)
		return -1;
	if (kind == EXPR_CS_U8)
		return (int)utf8(cp, out);
	if (kind == EXPR_CS_U16) {
		if (cp < 0x10000) {
			put_unit(out, cp, 2);
			return 2;
		}
		if (cp > 0x10ffff)
			return -1;
		cp -= 0x10000;
		put_unit(out, 0xd800 | cp >> 10, 2);
		put_unit(out + 2, 0xdc00 | (cp & 0x3ff), 2);
		return 4;
	}
	kind_name(kind, name, sizeof(name));
	if (!*name) {
		unsigned width = cdbg__expr_cs_width(kind);
		if (width == 1 && cp > 0xff)
			return -1;
		put_unit(out, cp, width);
		return (int)width;
	}
	if ((cd = iconv_open(name, "UTF-32LE")) == (iconv_t)-1)
		return -1;
	put_unit(u, cp, 4);
	r = iconv(cd, &in, &inleft, &o, &outleft);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &o, &outleft); /* a stateful charset's closing shift */
	iconv_close(cd);
	if (r == (size_t)-1 || inleft || outleft == max)
		return -1;
	return (int)(max - outleft);
}
