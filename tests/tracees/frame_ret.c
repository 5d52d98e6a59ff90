/*
 * frame_ret.c - functions for `return` and the registers of outer frames: main calls
 * get_int (its result goes to global `got`), get_double (`dgot`), get_ptr (`pgot`) and
 * keep_regs, which holds values in callee-saved registers across a call to inner(). Prints
 * the results and exits 0. A debugger breaks in get_int/get_double/inner.
 */
#include <stdio.h>

#include "tracee.h"

static volatile int sink;
int got;
double dgot;
char *pgot;
long kgot;

__attribute__((noinline)) int get_int(int x)
{
	sink += x;
	return x * 2;
}

__attribute__((noinline)) double get_double(double x)
{
	sink += 1;
	return x * 1.5;
}

__attribute__((noinline)) char *get_ptr(char *s)
{
	sink += 2;
	return s + 1;
}

__attribute__((noinline)) long inner(long v)
{
	sink += (int)v;
	return v + 1;
}

__attribute__((noinline)) long keep_regs(long a, long b)
{
	long x = a * 3, y = b * 5;
	long r = inner(x + y);

	return r + x + y;
}

int main(void)
{
	static char text[] = "hello";

	tracee_init();
	got = get_int(5);
	printf("got=%d\n", got);
	dgot = get_double(2.0);
	printf("dgot=%g\n", dgot);
	pgot = get_ptr(text);
	printf("pgot=%s\n", pgot);
	kgot = keep_regs(7, 11);
	printf("kgot=%ld\n", kgot);
	return 0;
}
