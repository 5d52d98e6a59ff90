/*
 * call_dummy - functions for a debugger to call that stop inside: a breakpoint in add(), a
 * nested call through twice(), a fault in crash(1), for the dummy-frame tests.
 *
 * Usage: call_dummy
 *
 * Single-threaded. main() calls twice(2) and crash(0) and prints "result=<n>" (4), so a
 * program left with the debugger's call state instead of its own prints something else or
 * dies.
 */
#include <stdio.h>

#include "tracee.h"

#define NOCALL __attribute__((noinline, noclone, used))

volatile int sink;

NOCALL int add(int a, int b)
{
	sink = a;
	return a + b;
}

NOCALL int twice(int x)
{
	return add(x, x);
}

NOCALL int crash(int x)
{
	volatile int *p = NULL;

	if (x)
		*p = 1;
	return x;
}

int main(void)
{
	tracee_init();
	int r = twice(2);
	printf("result=%d\n", r + crash(0));
	return 0;
}
