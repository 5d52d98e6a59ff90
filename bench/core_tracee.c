/*
 * core_tracee: the process whose core bench/core reads. It starts N threads; thread i walks
 * down a call chain of DEPTH(i) = i % 13 + 1 frames of walk_a, walk_b and walk_c (chain i % 3:
 * a-a-a..., a-b-a-b..., a-b-c-a...), each frame with locals, then blocks in
 * pthread_cond_wait, so a backtrace of every thread has a known number of walk_ frames (the
 * bench counts them). Built -O0 -g with frame pointers: every frame is a real one.
 *
 * Owns: its threads and its deadline. Must not: outlive its driver: it exits on stdin EOF,
 * and by itself after CDBG_TRACEE_DEADLINE seconds (default 600).
 *
 * Usage: core_tracee N   prints "ready pid=<pid> threads=<N> frames=<walk_ frames>" once
 *                        every thread is parked; a "q" line on stdin makes it raise SIGQUIT
 *                        (a core, where the limit and core_pattern allow one)
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_parked = PTHREAD_COND_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static long parked, nthreads;
long walk_calls; /* a global for the core to hold */

static void walk_a(int n, int chain, long acc);

static __attribute__((noinline)) void park(long acc)
{
	volatile long last = acc;

	(void)last;
	pthread_mutex_lock(&lock);
	if (++parked == nthreads)
		pthread_cond_signal(&all_parked);
	for (;;)
		pthread_cond_wait(&never, &lock);
}

static __attribute__((noinline)) void walk_c(int n, int chain, long acc)
{
	volatile char pad[48];

	pad[0] = (char)n;
	if (n == 0)
		park(acc + pad[0]);
	else
		walk_a(n - 1, chain, acc * 3 + n);
}

static __attribute__((noinline)) void walk_b(int n, int chain, long acc)
{
	volatile int here = n * 7;

	if (n == 0)
		park(acc + here);
	else if (chain == 2)
		walk_c(n - 1, chain, acc + here);
	else
		walk_a(n - 1, chain, acc + here);
}

static __attribute__((noinline)) void walk_a(int n, int chain, long acc)
{
	volatile long mine = acc + n;

	__atomic_add_fetch(&walk_calls, 1, __ATOMIC_RELAXED);
	if (n == 0)
		park(mine);
	else if (chain == 0)
		walk_a(n - 1, chain, mine);
	else
		walk_b(n - 1, chain, mine);
}

static void *thread_main(void *arg)
{
	long i = (long)arg;

	walk_a((int)(i % 13), (int)(i % 3), i);
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
	_exit(0);
}

int main(int argc, char **argv)
{
	const char *s = getenv("CDBG_TRACEE_DEADLINE");
	long secs = s ? strtol(s, NULL, 10) : 600, frames = 0, i;
	pthread_attr_t attr;
	pthread_t t;
	char buf[256];
	int err;

	if (argc != 2 || (nthreads = strtol(argv[1], NULL, 10)) < 0) {
		fprintf(stderr, "usage: core_tracee N\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	alarm(secs > 0 ? secs : 600);
	/* Small stacks: the core stays small (a kernel core holds each stack's touched pages). */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < nthreads; i++) {
		frames += i % 13 + 1;
		err = pthread_create(&t, &attr, thread_main, (void *)i);
		if (err) {
			fprintf(stderr, "core_tracee: cannot create thread %ld of %ld: %s\n", i + 1,
				nthreads, strerror(err));
			return 1;
		}
	}
	pthread_mutex_lock(&lock);
	while (parked < nthreads)
		pthread_cond_wait(&all_parked, &lock);
	pthread_mutex_unlock(&lock);
	printf("ready pid=%d threads=%ld frames=%ld\n", getpid(), nthreads, frames);
	fflush(stdout);
	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

		if (n > 0 && buf[0] == 'q')
			raise(SIGQUIT);
		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
	return 0;
}
