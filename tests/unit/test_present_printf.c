/*
 * test_present_printf: gdb's printf command's text (src/present/printf.c) without a tracee.
 * Every expected string is what gdb 13 prints for the same command, e.g.
 * `gdb -batch -ex 'printf "%-8x|%08o|%+d|%#x|%X\n", 255, 8, 5, 255, 255'`.
 * Proves: the conversions and their flags, widths and lengths (h, l, ll, z), %p and %s of NULL,
 * %%, gdb's messages for formats it refuses, too few arguments refused, snprintf's contract.
 */
#include <errno.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"

#define A(b, s)                                                                                    \
	{                                                                                          \
		.bits = (uint64_t)(b), .is_signed = s                                              \
	}
#define S(str_)                                                                                    \
	{                                                                                          \
		.str = str_                                                                        \
	}
/* A double, a float, an integer of size bytes: what the CLI passes for a value of that type */
#define D(d)                                                                                       \
	{                                                                                          \
		.bits = dbits(d), .size = 8, .is_float = 1                                         \
	}
#define F(f)                                                                                       \
	{                                                                                          \
		.bits = fbits(f), .size = 4, .is_float = 1                                         \
	}
#define I(b, sz)                                                                                   \
	{                                                                                          \
		.bits = (uint64_t)(b), .is_signed = 1, .size = sz                                  \
	}

static uint64_t dbits(double d)
{
	uint64_t u;

	memcpy(&u, &d, 8);
	return u;
}

static uint64_t fbits(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static void is(const char *fmt, const struct cdbg_printf_arg *a, size_t n, const char *want)
{
	char out[256];
	int r = cdbg_format_printf(fmt, a, n, out, sizeof(out));

	CHECK(r == (int)strlen(want) && !strcmp(out, want), "[%s]: got %d [%s], want [%s]", fmt, r,
	      out, want);
}

static void refused(const char *fmt, const char *msg)
{
	char err[128] = "";

	CHECK(cdbg_format_printf_check(fmt, NULL, 0, err, sizeof(err)) == -1 && !strcmp(err, msg),
	      "[%s]: got [%s], want [%s]", fmt, err, msg);
}

static void test_conversions(void)
{
	const struct cdbg_printf_arg flags[] = { A(255, 1), A(8, 1), A(5, 1), A(255, 1),
						 A(255, 1) };
	const struct cdbg_printf_arg mix[] = {
		A(-70000, 1), A(-70000, 1),         A('A', 1),
		S("hey"),     A(0x555555558010, 0), A(18000000000000000000ull, 0),
		A(-300, 1)
	};
	const struct cdbg_printf_arg wide[] = { A(-5000000000, 1), A(18000000000000000000ull, 0),
						A(-5000000000, 1), A(-4, 1) };
	const struct cdbg_printf_arg nul[] = { A(0, 0), S(NULL) };
	const struct cdbg_printf_arg strs[] = { S("ab"), S("cd"), S("efgh") };
	const struct cdbg_printf_arg dbl[] = { A(3, 1), A(-2, 1), A(1000000, 1), A(7, 1) };
	char convs[8];
	char err[64];

	is("%-8x|%08o|%+d|%#x|%X\n", flags, 5, "ff      |00000010|+5|0xff|FF\n");
	is("%d %x %c %s %p %lu %hd|", mix, 7,
	   "-70000 fffeee90 A hey 0x555555558010 18000000000000000000 -300|");
	is("%lld %llu %zd %i", wide, 4, "-5000000000 18000000000000000000 -5000000000 -4");
	is("%p %s|", nul, 2, "(nil) (null)|");
	is("%5s|%-5s|%.2s", strs, 3, "   ab|cd   |ef");
	is("%e %g %E %G", dbl, 4, "3.000000e+00 -2 1.000000E+06 7");
	is("100%% no args\n", NULL, 0, "100% no args\n");
	CHECK_EQ(cdbg_format_printf_check("%d %s %% %5.2x", convs, 8, err, sizeof(err)), 3);
	CHECK(!memcmp(convs, "dsx", 3), "convs [%.3s]", convs);
	CHECK_EQ(cdbg_format_printf_check("%lc %ls %Hf %DDg", convs, 8, err, sizeof(err)), 4);
	CHECK(!memcmp(convs, "CSfg", 4), "convs [%.4s]", convs);
}

/* gdb converts by the value's type: floats by value, a 4- or 8-byte integer given to %f read
 * as a float or double of its bytes, a float given to %d truncated; %Hf %Df %DDf as _Decimal */
static void test_floats(void)
{
	const struct cdbg_printf_arg fun[] = { D(1.0) };
	const struct cdbg_printf_arg mixed[] = { D(1.5), F(0.25f), I(3, 4), D(1.5) };
	const struct cdbg_printf_arg trunc[] = { D(1.5), D(2.7), D(-1.5), D(1.5), F(1.5f) };
	const struct cdbg_printf_arg ints[] = { I(3, 1), I(3, 2), I(3, 8), I(97, 4) };
	const struct cdbg_printf_arg widths[] = { D(1.5), D(1.5), D(1.5), D(100000000.0) };
	const struct cdbg_printf_arg tenth[] = { D(0.1), D(0.1), D(0.1) };
	const struct cdbg_printf_arg third[] = { D(1 / 3.0), D(1 / 3.0), D(1 / 3.0) };
	const struct cdbg_printf_arg big[] = { D(1e10), D(1e10), D(1e10) };
	const struct cdbg_printf_arg small[] = { D(1.0e-7), D(1.0e-7), D(123456789.0) };
	const struct cdbg_printf_arg mixdec[] = { I(3, 4), D(-2.5), I(100, 4), I(42, 4), F(0.25f) };
	const struct cdbg_printf_arg ptrs[] = { A(0x555555558070, 0), A(0, 0),  A(70000, 1),
						A(70000, 1),          A(-1, 1), A(-1, 1) };

	is("%f is fun\n", fun, 1, "1.000000 is fun\n");
	is("%f %f %f %Lf", mixed, 4, "1.500000 0.250000 0.000000 1.500000");
	is("%d %d %u %x %d", trunc, 5, "1 2 4294967295 1 1");
	is("%f %f %f %f", ints, 4, "3.000000 3.000000 0.000000 0.000000");
	is("%5.2f|%e|%10.4e|%g", widths, 4, " 1.50|1.500000e+00|1.5000e+00|1e+08");
	is("%Hf|%Df|%DDf", tenth, 3, "0.1000000|0.1000000000000000|0.10000000000000001");
	is("%Hf|%Df|%DDf", third, 3, "0.3333333|0.3333333333333333|0.33333333333333331");
	is("%Hf|%Df|%DDf", big, 3, "1.000000E+10|10000000000|10000000000");
	is("%Hf|%De|%DDg", small, 3, "1.000000E-7|1.000000000000000E-7|123456789");
	is("%10Hf|%-10Df|%.2DDf", widths, 3, "1.5|1.5|1.5");
	is("%Hf|%Df|%DDf|%Hf|%Df", mixdec, 5, "3|-2.5|100|42|0.25");
	is("%-20p|%20p|%hd|%hu|%zd %zx", ptrs, 6,
	   "0x555555558070      |               (nil)|4464|4464|-1 ffffffffffffffff");
}

static void test_refusals(void)
{
	const struct cdbg_printf_arg one[] = { A(1, 1) };
	char out[8];

	refused("%y\n", "Unrecognized format specifier 'y' in printf");
	refused("%*d\n", "`*' not supported for precision or width in printf");
	refused("%n\n", "Format specifier `n' not supported in printf");
	refused("%", "Incomplete format specifier at end of format string");
	refused("ab%5", "Incomplete format specifier at end of format string");
	refused("%hhx", "Unrecognized format specifier 'h' in printf");
	refused("%'d", "Unrecognized format specifier ''' in printf");
	refused("%5%", "Unrecognized format specifier '%' in printf");
	refused("%a", "Unrecognized format specifier 'a' in printf");
	static const char *const bad[] = { "%#u", "%+x",  "% o", "%.2c", "%0c",  "%hc",
					   "%0p", "%.3p", "%#p", "%lp",  "%0s",  "%+s",
					   "%Ls", "%Ld",  "%hf", "%lf",  "%llg", "%llc" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char msg[80];
		snprintf(msg, sizeof(msg),
			 "Inappropriate modifiers to format specifier '%c' in printf",
			 bad[i][strlen(bad[i]) - 1]);
		refused(bad[i], msg);
	}
	CHECK_EQ(cdbg_format_printf("%d %d", one, 1, out, sizeof(out)), -EINVAL);
	CHECK_EQ(cdbg_format_printf("%y", one, 1, out, sizeof(out)), -EINVAL);
	CHECK_EQ(cdbg_format_printf(NULL, one, 1, out, sizeof(out)), -EINVAL);
	/* snprintf's contract: the whole length, a cut text, a NUL of %c inside the length */
	CHECK_EQ(cdbg_format_printf("%d-%d", (struct cdbg_printf_arg[]){ A(12345, 1), A(6789, 1) },
				    2, out, sizeof(out)),
		 10);
	CHECK(!strcmp(out, "12345-6"), "cut: [%s]", out);
	CHECK_EQ(cdbg_format_printf("x%cy", (struct cdbg_printf_arg[]){ A(0, 0) }, 1, out,
				    sizeof(out)),
		 3);
	CHECK(!memcmp(out, "x\0y", 4), "NUL: [%s]", out);
	CHECK_EQ(cdbg_format_printf("%d", one, 1, NULL, 0), 1);
}

int main(void)
{
	test_conversions();
	test_refusals();
	test_floats();
	return h_pass();
}
