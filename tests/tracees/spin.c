/*
 * spin - N worker threads that never block, for attach/stop/detach under CPU load.
 *
 * Usage: spin N            (0 <= N <= 1024)
 *
 * Each worker spins incrementing its own volatile counter; the main thread reads
 * stdin. What a test can observe:
 *   "ready pid=<pid> threads=<N>"  once every worker is in its loop (its counter moved,
 *                                  so it left pthread_barrier_wait and its pc stays in
 *                                  worker_main); /proc/PID/task then lists N + 1 threads
 *   "done total=<sum>"             on a line "quit" or EOF of stdin, then exit 0;
 *                                  the sum of all counters, > 0 if the workers ran
 * Other stdin lines print "error: unknown command '<line>'" and are ignored.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "tracee.h"

#define MAX_THREADS 1024

/* One worker; aligned so counters on other cache lines do not slow each other */
struct worker {
	pthread_t thread;		/* the worker */
	volatile unsigned long count;	/* loop iterations so far, only the worker writes */
} __attribute__((aligned(64)));

static struct worker workers[MAX_THREADS];
static pthread_barrier_t started;	/* workers + main: all running */
static atomic_int stop;			/* set by main on quit; workers then return */

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	pthread_barrier_wait(&started);
	while (!atomic_load_explicit(&stop, memory_order_relaxed))
		w->count++;
	return NULL;
}

int main(int argc, char **argv)
{
	char line[256];
	unsigned long total = 0;
	long i, n;
	int err;

	tracee_init();
	if (argc != 2) {
		fprintf(stderr, "usage: spin N\n");
		return TRACEE_EXIT_USAGE;
	}
	n = tracee_parse_long(argv[1], 0, MAX_THREADS, "thread count");

	pthread_barrier_init(&started, NULL, (unsigned int)n + 1);
	for (i = 0; i < n; i++) {
		err = pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
		if (err) {
			printf("error: could not create thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	pthread_barrier_wait(&started);
	/* The barrier returning here says nothing of the workers: some may still be inside
	 * pthread_barrier_wait. A worker's counter moving does: it spins in worker_main. */
	for (i = 0; i < n; i++)
		while (!workers[i].count)
			sched_yield();
	printf("ready pid=%d threads=%ld\n", (int)getpid(), n);

	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
		printf("error: unknown command '%s'\n", line);

	atomic_store(&stop, 1);
	for (i = 0; i < n; i++) {
		pthread_join(workers[i].thread, NULL);
		total += workers[i].count;
	}
	printf("done total=%lu\n", total);
	return 0;
}
