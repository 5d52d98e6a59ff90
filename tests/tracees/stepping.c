/*
 * stepping - source-level stepping target, built -O0: nested calls, a recursion, a loop, a
 * call into libc, and a worker thread running the same functions in a loop while the main
 * thread is stepped.
 *
 * Usage: stepping
 *
 * What a test can observe: main prints "x=4 r=24 s=3" and the worker prints "worker ok" when
 * every twice(1) it made returned 2 (its place and registers were intact across the
 * debugger's internal breakpoints); exit status 0. The line numbers below are part of the
 * tests' expectations: keep them.
 */
#include <pthread.h>

#include "tracee.h"

static volatile int stop_worker;
static volatile long worker_iters; /* twice() calls the worker made */

int add(int a, int b)
{
	int s = a + b;
	return s;
}

int twice(int x)
{
	int y = add(x, x);
	return y;
}

int fact(int n)
{
	if (n <= 1)
		return 1;
	return n * fact(n - 1);
}

int lonely(int v)
{
	int w = v * 3;
	return w + 1;
}

/* Return after one whole twice() call of the worker: `next` over it lets every thread run. */
static void wait_worker(void)
{
	long n = worker_iters;

	while (worker_iters < n + 2)
		;
}

static void *worker(void *arg)
{
	long bad = 0;

	(void)arg;
	for (; !stop_worker; worker_iters++)
		if (twice(1) != 2)
			bad++;
	puts(bad ? "worker broken" : "worker ok");
	return NULL;
}

int main(void)
{
	pthread_t th;
	int x = 1, r, s = 0;

	tracee_init();
	pthread_create(&th, NULL, worker, NULL);
	wait_worker();
	x = twice(x);
	r = fact(4);
	for (int i = 0; i < 3; i++)
		s += i;
	x += lonely(1) - 2;
	puts("hello from main");
	stop_worker = 1;
	pthread_join(th, NULL);
	printf("x=%d r=%d s=%d\n", x, r, s);
	return 0;
}
