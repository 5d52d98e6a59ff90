/*
 * brk_files - the linespecs of gdb's break: FILE:FUNC across two files of one base name in two
 * directories (brk_dir1/util.c, brk_dir2/util.c, each with a static helper()), FUNCTION:LABEL,
 * +N/-N offsets, a `}` line, $VAR lines; and (brk_inl.c, built -O2) a static inline function
 * inlined at several sites, whose calls the program counts itself.
 *
 * Usage: brk_files [N]   (N rounds, default 3)
 *
 * What a test can observe: each round calls dir1_entry(i) and dir2_entry(i) (each calls its own
 * helper() once), walks the labels of labels() once, and calls inl_round(i); at the end it
 * prints "bumps=<calls of bump() the program made>" and "sum=<a checksum>", and exits 0.
 */
#include "tracee.h"

int dir1_entry(int x);
int dir2_entry(int x);
int inl_round(int x);
int inl_bumps(void);

volatile int sink;

__attribute__((noinline)) int labels(int x)
{
	int r = 0;

	if (x < 0)
		goto out;
	r = x + 1;
there:
	r += 2;
	if (r < 0)
		goto there;
out:
	sink = r;
	return r;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? (int)tracee_parse_long(argv[1], 1, 1000, "N") : 3, s = 0;

	tracee_init();
	for (int i = 0; i < n; i++) {
		s += dir1_entry(i);
		s += dir2_entry(i);
		s += labels(i);
		s += inl_round(i);
	}
	printf("bumps=%d\n", inl_bumps());
	printf("sum=%d\n", s);
	return 0;
}
