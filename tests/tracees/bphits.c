/*
 * bphits - many threads call one function many times, for breakpoint tests.
 *
 * Usage: bphits NTHREADS M     (1 <= NTHREADS <= 1024, 0 <= M <= 100000000)
 *
 * hit(long x) is a noinline function with an empty asm barrier, so it stays a real
 * call at every use and returns 2 * x + 1. After the ready line and a stdin line
 * "go", NTHREADS threads start together (barrier); thread i calls hit(i) M times and
 * adds the results. What a test can observe:
 *   "ready pid=<pid> hit=<address of hit, %p>"
 *   "hits=<NTHREADS*M> checksum=<sum> expected=<M*NTHREADS*NTHREADS>"
 *        after all threads are joined; exit 0 if checksum == expected, else 1. A
 *        debugger that skips a call or corrupts a register across a breakpoint
 *        shows up as a wrong checksum (or a wrong hits count).
 * "quit" or EOF of stdin before "go" prints "hits=0 checksum=0 expected=0" and
 * exits 0. Other lines before "go" print "error: unknown command '<line>'".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

#define MAX_THREADS 1024

long hit(long x);

/* One worker's arguments and results */
struct worker {
	pthread_t thread;	/* the worker */
	long idx;		/* i: the argument it passes to hit() */
	long calls;		/* calls of hit() made */
	long sum;		/* sum of hit()'s results */
};

static struct worker workers[MAX_THREADS];
static pthread_barrier_t start;	/* all workers begin calling together */
static long m;			/* calls per thread */

/* The breakpoint target; the barrier keeps it from being inlined, cloned or folded */
__attribute__((noinline, noclone)) long hit(long x)
{
	__asm__ __volatile__("" : "+r"(x) : : "memory");
	return 2 * x + 1;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	long j;

	pthread_barrier_wait(&start);
	for (j = 0; j < m; j++) {
		w->sum += hit(w->idx);
		w->calls++;
	}
	return NULL;
}

/* Wait for "go"; returns 0 if stdin ended or said "quit" first */
static int wait_for_go(void)
{
	char line[256];

	while (tracee_read_line(line, sizeof(line))) {
		if (strcmp(line, "go") == 0)
			return 1;
		if (tracee_is_quit(line))
			return 0;
		printf("error: unknown command '%s'\n", line);
	}
	return 0;
}

int main(int argc, char **argv)
{
	long i, n, calls = 0, sum = 0, expected;
	int err;

	tracee_init();
	if (argc != 3) {
		fprintf(stderr, "usage: bphits NTHREADS M\n");
		return TRACEE_EXIT_USAGE;
	}
	n = tracee_parse_long(argv[1], 1, MAX_THREADS, "thread count");
	m = tracee_parse_long(argv[2], 0, 100000000, "calls per thread");

	printf("ready pid=%d hit=%p\n", (int)getpid(), (void *)hit);
	if (!wait_for_go()) {
		printf("hits=0 checksum=0 expected=0\n");
		return 0;
	}

	pthread_barrier_init(&start, NULL, (unsigned int)n);
	for (i = 0; i < n; i++) {
		workers[i].idx = i;
		err = pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
		if (err) {
			printf("error: could not create thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	for (i = 0; i < n; i++) {
		pthread_join(workers[i].thread, NULL);
		calls += workers[i].calls;
		sum += workers[i].sum;
	}
	/* sum over i of M * (2i + 1) = M * N^2 */
	expected = m * n * n;
	printf("hits=%ld checksum=%ld expected=%ld\n", calls, sum, expected);
	return sum == expected && calls == n * m ? 0 : 1;
}
