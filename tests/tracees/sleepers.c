/*
 * sleepers - many blocked threads, for attach and stop scaling (N = 10000 works).
 *
 * Usage: sleepers N     (0 <= N <= 100000)
 *
 * Creates N threads with the smallest stack allowed (PTHREAD_STACK_MIN, or 64 KiB
 * if the system refuses that); each blocks forever in pthread_cond_wait() on a
 * condition never signalled. The main thread reads stdin. What a test can observe:
 *   "ready pid=<pid> threads=<N>"             once every thread exists and has
 *                                             reached its wait (N + 1 tasks)
 *   "done"                                    on "quit" or EOF of stdin, then exit(0)
 *   "error: could not create thread <i>: <strerror>"   then exit 2 (e.g. limits)
 * Other stdin lines print "error: unknown command '<line>'" and are ignored.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

#define MAX_THREADS 100000
#define FALLBACK_STACK (64 * 1024)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;	/* nobody signals this one */
static pthread_cond_t arrived = PTHREAD_COND_INITIALIZER;	/* a sleeper got to its wait */
static long waiting;			/* sleepers that took the lock on their way to wait */

static void *sleeper_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	waiting++;
	pthread_cond_signal(&arrived);
	for (;;)
		pthread_cond_wait(&never, &lock);
	return NULL;
}

/* Attributes for a minimal stack: PTHREAD_STACK_MIN, else the fallback size */
static void small_stack_attr(pthread_attr_t *attr, size_t size)
{
	pthread_attr_init(attr);
	if (pthread_attr_setstacksize(attr, size))
		pthread_attr_setstacksize(attr, FALLBACK_STACK);
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t t;
	char line[256];
	long i, n;
	int err;

	tracee_init();
	if (argc != 2) {
		fprintf(stderr, "usage: sleepers N\n");
		return TRACEE_EXIT_USAGE;
	}
	n = tracee_parse_long(argv[1], 0, MAX_THREADS, "thread count");

	small_stack_attr(&attr, PTHREAD_STACK_MIN);
	for (i = 0; i < n; i++) {
		err = pthread_create(&t, &attr, sleeper_main, NULL);
		if (err == EINVAL && i == 0) {
			/* stack too small for this libc's TLS: retry once with the fallback */
			pthread_attr_destroy(&attr);
			small_stack_attr(&attr, FALLBACK_STACK);
			err = pthread_create(&t, &attr, sleeper_main, NULL);
		}
		if (err) {
			printf("error: could not create thread %ld: %s\n", i, strerror(err));
			exit(2);
		}
	}
	pthread_attr_destroy(&attr);

	/* a sleeper that counted itself has released the lock only by waiting */
	pthread_mutex_lock(&lock);
	while (waiting < n)
		pthread_cond_wait(&arrived, &lock);
	pthread_mutex_unlock(&lock);
	printf("ready pid=%d threads=%ld\n", (int)getpid(), n);

	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
		printf("error: unknown command '%s'\n", line);
	printf("done\n");
	exit(0);
}
