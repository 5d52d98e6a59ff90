/*
 * watch_scope - a local to watch in a recursive function while other threads run the same
 * function: the watchpoint on `b` of one activation must end when that activation returns
 * (not when a deeper one, or another thread's, returns to the same place).
 *
 * Usage: watch_scope
 *
 * Starts 3 worker threads that each call recurse(4, 1) 200 times, then calls recurse(6, 0)
 * in the main thread, joins the workers and prints "done r=<recurse(6)> total=<sum of every
 * a that multiplied>" (720 and 3 * 200 * 9 + 20 = 5420); exit 0.
 */
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

static int total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) int recurse(int a, int who)
{
	volatile int b = 0;

	if (a == 1)
		return 1;
	b = a;
	b *= recurse(a - 1, who);
	pthread_mutex_lock(&lock);
	total += a;
	pthread_mutex_unlock(&lock);
	return b;
}

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++)
		recurse(4, 1);
	return NULL;
}

int main(void)
{
	pthread_t t[3];
	int r;

	tracee_init();
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	r = recurse(6, 0);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("done r=%d total=%d\n", r, total);
	return 0;
}
