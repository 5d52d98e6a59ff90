/*
 * hotpair - NTHREADS threads call two functions in a hot loop and keep exact counts, for tests
 * that kill the debugger while its breakpoints are in the program (the janitor's tests).
 *
 * Usage: hotpair NTHREADS SECONDS     (1 <= NTHREADS <= 64, 1 <= SECONDS <= 600)
 *
 * fa(x) returns 2 * x + 1 and fb(x) returns 3 * x + 2; both are noinline with an asm barrier,
 * so they stay real calls. Thread i calls fa(i) and fb(i) in turn and adds the results, until
 * the main thread, SECONDS after the start or when a line "quit" comes on stdin (end of input
 * does not end it), tells them to stop. What a test can observe:
 *   "ready pid=<pid> fa=<address> fb=<address>" once every thread has made calls;
 *   "calls=<total> ok" (exit 0) when every thread's sums match its counts, or
 *   "calls=<total> BAD thread=<i>" (exit 1): a skipped call or a corrupted register.
 * A thread left stopped shows as the watchdog's "deadline" (exit 3): its join never returns.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "tracee.h"

#define MAX_THREADS 64

long fa(long x);
long fb(long x);

struct worker {
	pthread_t thread;  /* the worker */
	long idx;          /* i: the argument of its calls */
	long na, nb;       /* calls of fa and fb made */
	long sa, sb;       /* sums of their results */
};

static struct worker workers[MAX_THREADS];
static volatile int stop;

__attribute__((noinline, noclone)) long fa(long x)
{
	__asm__ __volatile__("" : "+r"(x) : : "memory");
	return 2 * x + 1;
}

__attribute__((noinline, noclone)) long fb(long x)
{
	__asm__ __volatile__("" : "+r"(x) : : "memory");
	return 3 * x + 2;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	while (!stop) {
		w->sa += fa(w->idx);
		__atomic_store_n(&w->na, w->na + 1, __ATOMIC_RELAXED);
		w->sb += fb(w->idx);
		w->nb++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long n, secs, total = 0;
	struct timespec ts = { 0, 1000000 };

	tracee_init();
	if (argc != 3 || (n = atol(argv[1])) < 1 || n > MAX_THREADS || (secs = atol(argv[2])) < 1 ||
	    secs > 600) {
		fprintf(stderr, "usage: hotpair NTHREADS SECONDS\n");
		return TRACEE_EXIT_USAGE;
	}
	for (long i = 0; i < n; i++) {
		workers[i].idx = i;
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]))
			return 1;
	}
	for (long i = 0; i < n; i++)
		while (!__atomic_load_n(&workers[i].na, __ATOMIC_RELAXED))
			nanosleep(&ts, NULL);
	printf("ready pid=%d fa=%p fb=%p\n", (int)getpid(), (void *)fa, (void *)fb);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long end = ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + secs * 1000;
	struct pollfd in = { 0, POLLIN, 0 };
	char line[64];
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		long left = end - (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
		if (left <= 0)
			break;
		if (poll(&in, 1, (int)left) <= 0 || !(in.revents & (POLLIN | POLLHUP)))
			continue;
		if (!fgets(line, sizeof(line), stdin))
			in.fd = -1; /* end of input: only the time ends it now */
		else if (strncmp(line, "quit", 4) == 0)
			break;
	}
	stop = 1;
	for (long i = 0; i < n; i++) {
		struct worker *w = &workers[i];
		pthread_join(w->thread, NULL);
		total += w->na + w->nb;
		if (w->sa != w->na * (2 * w->idx + 1) || w->sb != w->nb * (3 * w->idx + 2) ||
		    w->nb > w->na || w->na > w->nb + 1) {
			printf("calls=%ld BAD thread=%ld\n", total, i);
			return 1;
		}
	}
	printf("calls=%ld ok\n", total);
	return 0;
}
