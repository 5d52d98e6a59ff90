/*
 * sched - scheduler-locking and frame targets, built -O0: a main thread that joins a worker
 * which finishes after a while, a counter thread whose count shows whether other threads ran
 * during a step, and a deep recursion for finish/advance from outer frames.
 *
 * Usage: sched
 *
 * What a test can observe: the worker waits until main is blocked in pthread_join (its
 * /proc/self/task/TID/syscall shows futex), then returns; main prints "joined done=1",
 * then "seen=N" where N is how often the counter thread counted while wait_counter() ran
 * (0 when the other threads were held for the whole call: it gives up after about 2 s),
 * then "deep=80" and exits 0. The line numbers below are part of the tests' expectations:
 * keep them.
 */
#include <pthread.h>

#include "tracee.h"

static volatile long counter;
static volatile int stop_counter;
static volatile int worker_done;
static volatile int main_tid;
static volatile int sink;

static void *counter_thread(void *arg)
{
	(void)arg;
	while (!stop_counter) {
		counter++;
		usleep(200);
	}
	return NULL;
}

/* True once the thread tid sits in a futex system call (202 on x86-64). */
static int in_futex(int tid)
{
	char path[64], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
	if (!(f = fopen(path, "r")))
		return 1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return !strncmp(buf, "202 ", 4);
}

static void *worker(void *arg)
{
	(void)arg;
	while (!in_futex(main_tid))
		usleep(1000);
	usleep(20000);
	worker_done = 1; /* worker: done */
	return NULL;
}

/* Returns once the counter thread counted again, or after about 2 s: how far it counted. */
static long wait_counter(void)
{
	long c0 = counter;

	for (int i = 0; i < 2000 && counter == c0; i++)
		usleep(1000);
	return counter - c0;
}

int leaf_deep(int n)
{
	sink += n;
	return n;
}

int deep(int n)
{
	if (n == 0)
		return leaf_deep(n);
	return deep(n - 1) + 1;
}

int main(void)
{
	pthread_t w, c;
	long seen;
	int d;

	tracee_init();
	main_tid = tracee_gettid();
	pthread_create(&c, NULL, counter_thread, NULL);
	pthread_create(&w, NULL, worker, NULL);
	pthread_join(w, NULL);
	printf("joined done=%d\n", worker_done);
	seen = wait_counter();
	printf("seen=%ld\n", seen);
	d = deep(80);
	printf("deep=%d\n", d);
	stop_counter = 1;
	pthread_join(c, NULL);
	return 0;
}
