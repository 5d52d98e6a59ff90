/*
 * ifunc_pick - GNU indirect functions (STT_GNU_IFUNC) for the ifunc tests.
 *
 * Usage: ifunc_pick
 *
 * compute() is an indirect function: its resolver pick_compute() returns triple() once
 * `fast` is set, else twice(); main sets fast, calls compute(7) once (the dynamic linker
 * binds compute's slot to triple) and again, the first call marked "first call". bad_ifunc() is an
 * indirect function whose resolver crashes (a NULL store) and loop_ifunc()'s never returns
 * (it spins until the deadline): main never calls either, a debugger that calls them must
 * abandon the call and leave the program as it was. Prints "result=<n>" (21 twice) and exits
 * 0; the watchdog of tracee.h ends it after the deadline.
 */
#include <stdio.h>

#include "tracee.h"

#define NOCALL __attribute__((noinline, noclone, used))

volatile int fast;
volatile int *volatile nowhere;

NOCALL int twice(int x)
{
	return 2 * x;
}

NOCALL int triple(int x)
{
	return 3 * x;
}

typedef int (*compute_fn)(int);

NOCALL compute_fn pick_compute(void)
{
	return fast ? triple : twice;
}

int compute(int x) __attribute__((ifunc("pick_compute")));

NOCALL compute_fn pick_bad(void)
{
	*nowhere = 1; /* crashes */
	return twice;
}

int bad_ifunc(int x) __attribute__((ifunc("pick_bad")));

NOCALL compute_fn pick_loop(void)
{
	while (!nowhere)
		fast = fast; /* spins */
	return twice;
}

int loop_ifunc(int x) __attribute__((ifunc("pick_loop")));

int main(void)
{
	int r;

	tracee_arm_deadline();
	fast = 1;
	r = compute(7); /* first call */
	printf("result=%d\n", r);
	r = compute(7); /* second call */
	printf("result=%d\n", r);
	return 0;
}
