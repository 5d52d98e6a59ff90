/*
 * dap_threads - the DAP bench's program: N threads blocked in pause(), and the main thread
 * calling tick() forever, a few lines each, where the bench breaks and steps.
 *
 * Usage: dap_threads N    (0 <= N <= 20000)
 * Prints "ready N" once every thread exists; exits by itself after 600 seconds.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile long counter;

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

__attribute__((noinline)) void tick(long i)
{
	long a = i * 2;      /* B:tick */
	counter += a;        /* B:tick2 */
	counter ^= a >> 3;   /* B:tick3 */
	counter -= i & 7;    /* B:tick4 */
	counter += a & 0xff; /* B:tick5 */
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	pthread_attr_t at;
	alarm(600);
	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, 65536);
	for (long i = 0; i < n && i < 20000; i++) {
		pthread_t t;
		if (pthread_create(&t, &at, sleeper, NULL)) {
			fprintf(stderr, "dap_threads: thread %ld: cannot create\n", i);
			return 2;
		}
	}
	printf("ready %ld\n", n);
	fflush(stdout);
	for (long i = 0;; i++) {
		tick(i);
		if (!(i & 1023))
			usleep(1000);
	}
}
