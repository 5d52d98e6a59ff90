/*
 * brk_funcs - one function name, several addresses: `break FUNC` gets a location at each (gdb's
 * 1.1, 1.2). Overloads over(int) and over(double); a template twice<int>, twice<long>; a static
 * function of the same name in this file and in brk_funcs_other.cpp, with C linkage (lhelper)
 * and C++ linkage (shelper); an always-inline function sq inlined into sq_a and sq_b and also
 * kept out of line (its address is taken).
 *
 * Usage: brk_funcs [T [R]]   (T threads, default 1, each running R rounds, default 3)
 *
 * What a test can observe: each thread runs R rounds; round i calls, once each, over(i),
 * over(double(i)), twice<int>(i), twice<long>(i), lhelper(i) and shelper(i) of both files,
 * sq_a(i), sq_b(i) and sq through a pointer (the out-of-line copy). Then main prints
 * "sum=<the sum of their results>" and exits 0.
 */
#include <pthread.h>

#include "tracee.h"

volatile int g;

__attribute__((noinline)) int over(int x)
{
	g += x;
	return x + 1;
}

__attribute__((noinline)) double over(double x)
{
	g += 1;
	return x * 2;
}

template <typename T> __attribute__((noinline)) T twice(T v)
{
	return v + v;
}

extern "C" {
static __attribute__((noinline)) int lhelper(int x)
{
	g += 2;
	return x + 10;
}
}

static __attribute__((noinline)) int shelper(int x)
{
	g += 3;
	return x + 20;
}

static inline __attribute__((always_inline)) int sq(int x)
{
	g = x;
	return x * x;
}

__attribute__((noinline)) int sq_a(int x)
{
	return sq(x) + 1;
}

__attribute__((noinline)) int sq_b(int x)
{
	return sq(x) + 2;
}

int (*volatile sq_ptr)(int) = sq;

long other_calls(int x); /* brk_funcs_other.cpp */

static int rounds = 3;

static void *worker(void *arg)
{
	long s = 0;

	(void)arg;
	for (int i = 0; i < rounds; i++) {
		s += over(i) + (long)over((double)i) + twice<int>(i) + twice<long>(i);
		s += lhelper(i) + shelper(i) + other_calls(i);
		s += sq_a(i) + sq_b(i) + sq_ptr(i);
	}
	return (void *)s;
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? (int)tracee_parse_long(argv[1], 1, 64, "T") : 1;
	pthread_t th[64];
	long sum = 0;

	tracee_init();
	if (argc > 2)
		rounds = (int)tracee_parse_long(argv[2], 1, 100000, "R");
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, worker, NULL) != 0)
			return 1;
	for (int i = 0; i < nthreads; i++) {
		void *r;
		pthread_join(th[i], &r);
		sum += (long)r;
	}
	printf("sum=%ld\n", sum);
	return 0;
}
