/*
 * test_present_text: gdb's text of characters (src/present/text.c, cdbg_format_chars) without a
 * tracee. Every expected string is what gdb 13 prints under LC_ALL=C, e.g.
 * `gdb -batch -ex 'print "a\001bbbbbbbbbbbbbbbbbbbbb"'` gives "a\001", 'b' <repeats 21 times>.
 * Proves: escapes (\n \t \a \b \f \r \v, \\, the quote, octal \ooo for the rest, \000), runs of
 * more than 10 as <repeats N times> and 10 still quoted, the ", " joins between segments, the
 * empty string, char literals, snprintf's contract (length of the whole text, cut and
 * NUL-terminated output, a NULL buffer of size 0), invalid arguments. Also the raw values of
 * rawtext.c (cdbg_format_int, _flags, _vector) against `gdb -batch -ex 'p/x -1'` and the like.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "present/present.h"

static void str_is(const char *bytes, size_t n, const char *want)
{
	char out[512];
	int r = cdbg_format_chars(bytes, n, 0, out, sizeof(out));

	CHECK(r == (int)strlen(want) && !strcmp(out, want),
	      "chars of %zu bytes: got %d [%s], want [%s]", n, r, out, want);
}

static void char_is(unsigned char ch, const char *want)
{
	char out[16];
	int r = cdbg_format_chars(&ch, 1, CDBG_CHARS_CHAR, out, sizeof(out));

	CHECK(r == (int)strlen(want) && !strcmp(out, want), "char %u: got %d [%s], want [%s]", ch,
	      r, out, want);
}

#define STR(lit, want) str_is(lit, sizeof(lit) - 1, want)

static void test_strings(void)
{
	STR("abc", "\"abc\"");
	STR("", "\"\"");
	STR("a\001bbbbbbbbbbbbbbbbbbbbb", "\"a\\001\", 'b' <repeats 21 times>");
	STR("xxxxxxxxxxx", "'x' <repeats 11 times>");
	STR("xxxxxxxxxx", "\"xxxxxxxxxx\"");
	STR("ab\"c\\d\n\t\a\b\f\r\v\033\177\310",
	    "\"ab\\\"c\\\\d\\n\\t\\a\\b\\f\\r\\v\\033\\177\\310\"");
	STR("\310\310\310\310\310\310\310\310\310\310\310x\001",
	    "'\\310' <repeats 11 times>, \"x\\001\"");
	STR("yyyyyyyyyyyyyyyyyzzzzzzzzzzzzzzzzz", "'y' <repeats 17 times>, 'z' <repeats 17 times>");
	STR("aaaaaaaaaaaa\"b", "'a' <repeats 12 times>, \"\\\"b\"");
	STR("a\0b", "\"a\\000b\"");
	STR("it's", "\"it's\"");
	STR("ab cccccccccccccccc de", "\"ab \", 'c' <repeats 16 times>, \" de\"");
}

static void test_chars(void)
{
	char_is('q', "'q'");
	char_is('\'', "'\\''");
	char_is('"', "'\"'");
	char_is('\\', "'\\\\'");
	char_is('\n', "'\\n'");
	char_is(0, "'\\000'");
	char_is(200, "'\\310'");
	char_is(033, "'\\033'");
	char_is(0x7f, "'\\177'");
	char_is(' ', "' '");
}

static void test_limits(void)
{
	char out[8], big[2048];
	unsigned char all[256];
	int r;

	/* snprintf's contract: the whole length, what fits, always NUL-terminated */
	r = cdbg_format_chars("abcdefghij", 10, 0, out, sizeof(out));
	CHECK_EQ(r, 12);
	CHECK(!strcmp(out, "\"abcdef"), "cut: [%s]", out);
	CHECK_EQ(cdbg_format_chars("abc", 3, 0, NULL, 0), 5);
	r = cdbg_format_chars("\n", 1, 0, out, 3); /* an escape cut in its middle */
	CHECK_EQ(r, 4);
	CHECK(!strcmp(out, "\"\\"), "cut escape: [%s]", out);
	/* every byte: the stream copy and the text copy agree, and the length is exact */
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	r = cdbg_format_chars(all, sizeof(all), 0, big, sizeof(big));
	CHECK(r > 0 && (size_t)r == strlen(big), "all bytes: %d", r);
	{
		static const char head[] = "\"\\000\\001\\002\\003\\004\\005\\006\\a\\b\\t\\n\\v\\f"
					   "\\r\\016";
		CHECK(!strncmp(big, head, sizeof(head) - 1), "all bytes: [%.60s]", big);
	}
	CHECK(strstr(big, " !\\\"#$%&'()*+,-./0123456789:;<=>?@ABC") != NULL, "printables: [%s]",
	      big);
	CHECK(strstr(big, "XYZ[\\\\]^_`abc") != NULL, "backslash: [%s]", big);
	CHECK(strstr(big, "|}~\\177\\200") != NULL, "DEL: [%s]", big);
	/* a text longer than the stream copy's buffer on the stack */
	{
		unsigned char many[600];
		char *s = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&s, &len);

		for (size_t i = 0; i < sizeof(many); i++)
			many[i] = (unsigned char)(i % 2 ? 1 : 2);
		cdbg__fput_chars(f, many, sizeof(many));
		fclose(f);
		r = cdbg_format_chars(many, sizeof(many), 0, NULL, 0);
		CHECK(r == 4 * 600 + 2 && len == (size_t)r, "long: %d %zu", r, len);
		free(s);
	}
	/* invalid arguments */
	CHECK_EQ(cdbg_format_chars("ab", 2, CDBG_CHARS_CHAR, out, sizeof(out)), -EINVAL);
	CHECK_EQ(cdbg_format_chars("a", 1, 0x80, out, sizeof(out)), -EINVAL);
	CHECK_EQ(cdbg_format_chars(NULL, 3, 0, out, sizeof(out)), -EINVAL);
}

static void int_is(uint64_t bits, unsigned size, int fmt, unsigned flags, const char *want)
{
	char out[128];
	int r = cdbg_format_int(bits, size, fmt, flags, out, sizeof(out));

	CHECK(r == (int)strlen(want) && !strcmp(out, want), "%#llx/%c: got %d [%s], want [%s]",
	      (unsigned long long)bits, fmt ? fmt : '0', r, out, want);
}

static void test_raw(void)
{
	char out[512];
	unsigned char x[16] = { 0 };
	float one = 1.5f;

	int_is((uint64_t)-1, 4, 'x', CDBG_INT_SIGNED, "0xffffffff");
	int_is(8, 4, 'o', CDBG_INT_SIGNED, "010");
	int_is(0, 4, 'o', CDBG_INT_SIGNED, "0");
	int_is(5, 4, 't', CDBG_INT_SIGNED, "101");
	int_is(0, 4, 't', CDBG_INT_SIGNED, "0");
	int_is(65, 4, 'c', CDBG_INT_SIGNED, "65 'A'");
	int_is(200, 4, 'c', CDBG_INT_SIGNED, "-56 '\\310'");
	int_is(10, 4, 'c', CDBG_INT_SIGNED, "10 '\\n'");
	int_is(200, 1, 'd', 0, "-56");
	int_is(0xffff, 2, 'x', CDBG_INT_SIGNED, "0xffff");
	int_is(5, 4, 'z', CDBG_INT_SIGNED, "0x00000005");
	int_is(0x3ff0000000000000ull, 8, 'f', CDBG_INT_SIGNED, "1");
	int_is(1078530011, 4, 'f', CDBG_INT_SIGNED, "3.14159274");
	int_is(0xff, 1, 'u', CDBG_INT_SIGNED, "255");
	int_is(0xff, 1, 0, CDBG_INT_SIGNED, "-1");
	int_is(5, 1, 'x', CDBG_INT_PAD, "0x05");     /* x/xb */
	int_is(5, 1, 't', CDBG_INT_PAD, "00000101"); /* x/tb */
	CHECK_EQ(cdbg_format_int(1, 4, 'x', 0x80, out, sizeof(out)), -EINVAL);

	CHECK_EQ(cdbg_format_flags(0x246, CDBG_FLAGS_EFLAGS, out, sizeof(out)), 12);
	CHECK(!strcmp(out, "[ PF ZF IF ]"), "eflags: [%s]", out);
	CHECK_EQ(cdbg_format_flags(0x1f80, CDBG_FLAGS_MXCSR, out, sizeof(out)), 21);
	CHECK(!strcmp(out, "[ IM DM ZM OM UM PM ]"), "mxcsr: [%s]", out);
	CHECK_EQ(cdbg_format_flags(0, CDBG_FLAGS_EFLAGS, out, sizeof(out)), 3);

	memcpy(x, &one, sizeof(one));
	CHECK(cdbg_format_vector(x, 16, "v4_float", -1, 0, out, sizeof(out)) > 0 &&
		      !strcmp(out, "{1.5, 0, 0, 0}"),
	      "v4_float: [%s]", out);
	CHECK(cdbg_format_vector(x, 16, "v4_float", 0, 0, out, sizeof(out)) > 0 &&
		      !strcmp(out, "1.5"),
	      "v4_float[0]: [%s]", out);
	CHECK(cdbg_format_vector(x, 16, "v16_int8", -1, CDBG_VEC_RAW, out, sizeof(out)) == -EINVAL,
	      "raw with a field");
	CHECK(cdbg_format_vector(x, 16, NULL, -1, CDBG_VEC_RAW, out, sizeof(out)) > 0 &&
		      strstr(out, "v16_int8 = {0x0, 0x0, 0xc0, 0x3f, 0x0 <repeats 12 times>}") &&
		      strstr(out, "uint128 = 0x3fc00000}"),
	      "raw: [%s]", out);
	CHECK_EQ(cdbg_format_vector(x, 16, "v5_float", -1, 0, out, sizeof(out)), -EINVAL);
	CHECK_EQ(cdbg_format_vector(x, 16, "v4_float", 4, 0, out, sizeof(out)), -EINVAL);
	CHECK_EQ(cdbg_format_vector(x, 8, NULL, -1, 0, out, sizeof(out)), -EINVAL);
}

int main(void)
{
	test_strings();
	test_chars();
	test_limits();
	test_raw();
	return h_pass();
}
