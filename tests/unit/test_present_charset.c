/*
 * test_present_charset: the program's characters in other charsets and widths
 * (src/present/charset.c, src/expr/expr_charset.c) without a tracee, as gdb 13 prints them
 * under LC_ALL=C: `set target-charset EBCDIC-US` then `print ebcdic_string` converts, an
 * invalid or cut UTF-8 sequence is its bytes in octal, wchar_t units above 0777 are \x... and
 * a hex digit right after one is escaped (L"\xffef\146"), runs as '\242' <repeats 21 times>
 * with the prefix once at the start (L"A", '\242' <repeats 21 times>, "B"). Adversarial: bytes
 * that are no character, a string cut inside a unit or a multibyte character, a 1 MiB string,
 * unknown charset names (refused, nothing changed), every byte of every test charset.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "present/present.h"

static void wstr_is(int kind, const void *s, size_t n, unsigned repeats, size_t elements,
		    const char *want)
{
	char out[1024];
	struct cdbg__text t = { out, sizeof(out), 0 };

	cdbg__text_wchars_lim(&t, kind, s, n, repeats, elements);
	CHECK(!strcmp(out, want), "kind %d, %zu bytes: got [%s], want [%s]", kind, n, out, want);
}

static void chars_is(const char *s, size_t n, const char *want)
{
	char out[1024];
	int r = cdbg_format_chars(s, n, 0, out, sizeof(out));

	CHECK(r == (int)strlen(want) && !strcmp(out, want), "got %d [%s], want [%s]", r, out, want);
}

static void char_is(unsigned char ch, const char *want)
{
	char out[32];
	int r = cdbg_format_chars(&ch, 1, CDBG_CHARS_CHAR, out, sizeof(out));

	CHECK(r == (int)strlen(want) && !strcmp(out, want), "char %#x: got [%s], want [%s]", ch,
	      out, want);
}

static void test_settings(void)
{
	char name[64];

	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "my_grandma_bonnie") == -EINVAL, "bad name");
	CHECK(cdbg_charset_set(CDBG_CHARSET_HOST, "") == 0, "auto host");
	CHECK(cdbg_charset_set(CDBG_CHARSET_WIDE, "auto") == 0, "auto wide");
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, NULL) == -EINVAL, "NULL name");
	CHECK(cdbg_charset_set(7, "ASCII") == -EINVAL, "bad setting");
	char big[200];
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, big) == -EINVAL, "a long name");
	cdbg_charset_get(CDBG_CHARSET_TARGET, name, sizeof(name));
	CHECK(!strcmp(name, ""), "a refused name changed the setting: [%s]", name);
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "IBM1047") == 0, "IBM1047");
	cdbg_charset_get(CDBG_CHARSET_TARGET, name, sizeof(name));
	CHECK(!strcmp(name, "IBM1047"), "got [%s]", name);
	cdbg_charset_get(CDBG_CHARSET_TARGET, name, 4);
	CHECK(!strcmp(name, "IBM"), "cut: [%s]", name);
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "auto") == 0, "back to auto");
}

static void test_narrow(void)
{
	/* auto: as before, bytes */
	chars_is("a\242b", 3, "\"a\\242b\"");
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "EBCDIC-US") == 0, "EBCDIC-US");
	chars_is("\xc1\xc2\x81\x2f\x25\x4a", 6, "\"ABa\\a\\n\\112\"");
	char_is(0xc1, "'A'");
	char_is(0x2f, "'\\a'");
	char_is(0x07, "'\\007'"); /* EBCDIC's DEL is U+007F: not printable */
	char_is(0x7d, "'\\''");   /* the quote, escaped */
	char_is(0xe0, "'\\\\'");  /* the backslash */
	char_is(0xff, "'\\377'");
	chars_is("\xc1\xc1\xc1\xc1\xc1\xc1\xc1\xc1\xc1\xc1\xc1\xc2", 12,
		 "'A' <repeats 11 times>, \"B\"");
	/* every byte: nothing crashes, each gives some text */
	for (int b = 0; b < 256; b++) {
		char out[32];
		unsigned char ch = (unsigned char)b;
		CHECK(cdbg_format_chars(&ch, 1, CDBG_CHARS_CHAR, out, sizeof(out)) >= 3, "byte %d",
		      b);
	}
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "UTF-8") == 0, "UTF-8");
	chars_is("a\xc3\xa9z", 4, "\"a\\303\\251z\""); /* é: not printable in C's locale */
	chars_is("\242", 1, "\"\\242\"");              /* no UTF-8 character */
	/* cut inside a character: gdb's <incomplete sequence>, alone or after the quoted part */
	chars_is("ab\xe2\x82", 4, "\"ab\", <incomplete sequence \\342\\202>");
	chars_is("\xe2\x82", 2, "<incomplete sequence \\342\\202>");
	chars_is("\xff\xfe\xfd", 3,
		 "\"\\377\\376\", <incomplete sequence \\375>"); /* iconv: \\375 starts one */
	chars_is("\xc0\x80", 2, "\"\\300\\200\"");               /* overlong: invalid */
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "ISO-8859-1") == 0, "ISO-8859-1");
	chars_is("\242\021", 2, "\"\\242\\021\"");
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "auto") == 0, "auto");
	chars_is("a\242b", 3, "\"a\\242b\"");
}

static void test_wide(void)
{
	static const uint32_t abc[] = { 'a', 'b', 'c' };
	static const uint32_t hex[] = { 0xffef, 'f', 'g', 0xdead, 0x100, '1' };
	static const uint16_t u16[] = { 'h', 0xd83d, 0xde00, 0xd800, 'x' };
	uint32_t rep[24] = { 'A' };

	wstr_is(EXPR_CS_WCHAR, abc, sizeof(abc), 10, 0, "L\"abc\"");
	wstr_is(EXPR_CS_U32, abc, sizeof(abc), 10, 0, "U\"abc\"");
	wstr_is(EXPR_CS_WCHAR, abc, 0, 10, 0, "L\"\"");
	/* after a hex escape a hex digit is escaped too; 'g' is no hex digit; \400 is octal */
	wstr_is(EXPR_CS_WCHAR, hex, sizeof(hex), 10, 0, "L\"\\xffef\\146g\\xdead\\4001\"");
	/* UTF-16: a pair and a lone surrogate, unit by unit */
	wstr_is(EXPR_CS_U16, u16, sizeof(u16), 10, 0, "u\"h\\xd83d\\xde00\\xd800x\"");
	/* cut inside a unit: the bytes left in octal */
	wstr_is(EXPR_CS_WCHAR, abc, 6, 10, 0, "L\"a\\142\\000\"");
	for (int i = 1; i < 22; i++)
		rep[i] = 0242;
	rep[22] = 'B';
	wstr_is(EXPR_CS_WCHAR, rep, sizeof(rep) - 4, 10, 0,
		"L\"A\", '\\242' <repeats 21 times>, \"B\"");
	wstr_is(EXPR_CS_WCHAR, rep, sizeof(rep) - 4, 0, 0,
		"L\"A\\242\\242\\242\\242\\242\\242\\242\\242\\242\\242\\242\\242\\242\\242\\242"
		"\\242\\242\\242\\242\\242\\242B\"");
	wstr_is(EXPR_CS_WCHAR, rep, sizeof(rep) - 4, 10, 1, "L\"A\"");
	/* target-wide-charset UTF-16 over 4-byte units would be wrong; UCS-4 works as UTF-32 */
	CHECK(cdbg_charset_set(CDBG_CHARSET_WIDE, "UTF-32") == 0, "UTF-32");
	wstr_is(EXPR_CS_WCHAR, hex, sizeof(hex), 10, 0, "L\"\\xffef\\146g\\xdead\\4001\"");
	CHECK(cdbg_charset_set(CDBG_CHARSET_WIDE, "auto") == 0, "auto");
}

static void test_huge(void)
{
	size_t n = 1 << 20;
	unsigned char *s = malloc(n);
	char *out = malloc(8 * n);
	struct cdbg__text t = { out, 8 * n, 0 };

	CHECK(s && out, "no memory");
	if (!s || !out)
		return;
	for (size_t i = 0; i < n; i++)
		s[i] = (unsigned char)(i * 7 % 251);
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "UTF-8") == 0, "UTF-8");
	CHECK(cdbg__text_wchars_lim(&t, EXPR_CS_NARROW, s, n, 10, 200) < n, "elements ignored");
	t.len = 0;
	CHECK(cdbg__text_wchars_lim(&t, EXPR_CS_NARROW, s, n, 10, 0) == n, "not all taken");
	CHECK(t.len > n && t.len < 8 * n, "text of %zu bytes", t.len);
	CHECK(cdbg_charset_set(CDBG_CHARSET_TARGET, "auto") == 0, "auto");
	free(s);
	free(out);
}

int main(void)
{
	test_settings();
	test_narrow();
	test_wide();
	test_huge();
	return h_pass();
}
