/*
 * vfork_threads - threads that vfork over and over while the main thread calls a function,
 * for breakpoints and steps during another thread's vfork (gdb holds the other threads while
 * a vfork child runs in the shared memory without breakpoints).
 *
 * Usage: vfork_threads THREADS CALLS    (1 <= THREADS <= 64, 1 <= CALLS <= 100000)
 *
 * THREADS threads each vfork, the child calls child_mark() and _exit(7), the parent waits
 * for it and sleeps 200 us, until the main thread is done. The main thread first waits until every thread has
 * vforked once, then calls work(i) for i in 0..CALLS-1 (work calls hit(i), which counts).
 * What a test can observe:
 *   "ready pid=<pid>"                 before the calls
 *   "calls=<n> vforks=<v> bad=<b>"    at the end: n calls of hit, v vfork children that
 *                                     exited 7, b that did not (a child that met an int3
 *                                     dies of SIGTRAP); exit 0 if b == 0, else 1
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracee.h"

static atomic_int done;
static atomic_long vforks, bad, started;
static volatile long calls;

__attribute__((noinline)) void child_mark(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void hit(int i)
{
	calls++;
	__asm__ volatile("" : : "r"(i) : "memory");
}

__attribute__((noinline)) int work(int i)
{
	hit(i);
	return i * 2;
}

/* One vfork; the child calls child_mark and exits 7. Returns the child's wait status. */
__attribute__((noinline)) static int one_vfork(void)
{
	int st = -1;
	pid_t c = vfork();

	if (c == 0) {
		child_mark();
		_exit(7);
	}
	if (c < 0 || waitpid(c, &st, 0) != c)
		return -1;
	return st;
}

static void *vforker(void *arg)
{
	(void)arg;
	for (long n = 0; !atomic_load(&done); n++) {
		int st = one_vfork();
		if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
			atomic_fetch_add(&bad, 1);
		else
			atomic_fetch_add(&vforks, 1);
		if (n == 0)
			atomic_fetch_add(&started, 1);
		/* a breath between vforks: each vfork holds every other thread while the child
		 * runs, and vforks back to back would leave the main thread no time to run */
		usleep(200);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[64];
	long n, k, sum = 0;

	tracee_init();
	if (argc != 3) {
		fprintf(stderr, "usage: vfork_threads THREADS CALLS\n");
		return TRACEE_EXIT_USAGE;
	}
	n = tracee_parse_long(argv[1], 1, 64, "thread count");
	k = tracee_parse_long(argv[2], 1, 100000, "call count");
	for (long i = 0; i < n; i++)
		pthread_create(&th[i], NULL, vforker, NULL);
	while (atomic_load(&started) < n)
		usleep(1000);
	printf("ready pid=%d\n", (int)getpid());
	for (long i = 0; i < k; i++) {
		sum += work((int)i); /* the line of the calls */
		sum -= 2 * i;        /* the line after */
	}
	atomic_store(&done, 1);
	for (long i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	printf("calls=%ld vforks=%ld bad=%ld\n", calls + sum, atomic_load(&vforks),
	       atomic_load(&bad));
	return atomic_load(&bad) ? 1 : 0;
}
