/*
 * brk_multi - a line with two addresses: twice() is inlined into both a() and b(), so a
 * breakpoint on its first line gets one location in each (gdb's 1.1, 1.2).
 *
 * Usage: brk_multi [N]   (N rounds, default 3)
 *
 * What a test can observe: round i (0..N-1) calls a(i) and b(i), each running twice()'s
 * line BRK_MULTI_LINE once, then c(i) and d(i) (one line each); then report() prints
 * "sum=<the sum of their results>", and it exits 0.
 */
#include "tracee.h"

volatile int g;

static inline __attribute__((always_inline)) int twice(int x)
{
	_Static_assert(__LINE__ + 1 == 18, "test_session.c names the next line (BRK_MULTI_LINE)");
	g = x;
	return x * 2;
}

__attribute__((noinline)) int a(int x)
{
	return twice(x) + 1;
}

__attribute__((noinline)) int b(int x)
{
	return twice(x) + 2;
}

__attribute__((noinline)) int c(int x)
{
	return x * 3;
}

__attribute__((noinline)) int d(int x)
{
	return x * 5;
}

__attribute__((noinline)) void report(int s)
{
	printf("sum=%d\n", s);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? (int)tracee_parse_long(argv[1], 1, 1000, "N") : 3, s = 0;

	tracee_init();
	for (int i = 0; i < n; i++)
		s += a(i) + b(i) + c(i) + d(i);
	report(s);
	return 0;
}
