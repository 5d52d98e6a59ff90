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
		(uint64_t)(b), s, NULL                                                             \
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
		A(-70000, 1),    A(-70000, 1),         A('A', 1),
		{ 0, 0, "hey" }, A(0x555555558010, 0), A(18000000000000000000ull, 0),
		A(-300, 1)
	};
	const struct cdbg_printf_arg wide[] = { A(-5000000000, 1), A(18000000000000000000ull, 0),
						A(-5000000000, 1), A(-4, 1) };
	const struct cdbg_printf_arg nul[] = { A(0, 0), { 0, 0, NULL } };
	const struct cdbg_printf_arg strs[] = { { 0, 0, "ab" }, { 0, 0, "cd" }, { 0, 0, "efgh" } };
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
}

static void test_refusals(void)
{
	const struct cdbg_printf_arg one[] = { A(1, 1) };
	char out[8];

	refused("%y\n", "Unrecognized format specifier 'y' in printf");
	refused("%*d\n", "`*' not supported for precision or width in printf");
	refused("%n\n", "Format specifier `n' not supported in printf");
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
	return h_pass();
}
