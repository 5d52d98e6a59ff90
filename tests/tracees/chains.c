/*
 * chains - chains of short detached threads that each start the next, plus short joinable
 * threads from main: for attach races (a thread seized inside clone()) and int3s hit by
 * threads born a moment ago.
 *
 * Usage: chains [CHAINS]
 *
 * CHAINS (default 3) chains run at once: each link is a detached thread that calls
 * tick(id), starts the next link and exits. Main starts a joinable thread that calls
 * tick(id) and joins it, in a loop. Every thread started counts one in `started`, every
 * tick() one in `ticked`. The main thread reads stdin. What a test can observe:
 *   "ready pid=<pid> tick=<address of tick>"   once every chain runs
 *   "done started=<n> ticked=<n>"               on "quit" or EOF: the chains and the joiner
 *                                               have stopped and every started thread ticked;
 *                                               exit 0, or exit 1 if started != ticked
 * pthread_create failing with EAGAIN is retried; anything else prints "error: ..." and
 * exits 2.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

#include "tracee.h"

static atomic_long started, ticked, live_links;
static atomic_int stopping;

__attribute__((noinline)) void tick(long id)
{
	__asm__ volatile("" : : "r"(id) : "memory");
	atomic_fetch_add(&ticked, 1);
}

static void spawn(void *(*fn)(void *), void *arg, pthread_t *out)
{
	pthread_attr_t a;
	pthread_t th;
	int err;

	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 128 * 1024);
	if (!out)
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&started, 1);
	while ((err = pthread_create(out ? out : &th, &a, fn, arg)) == EAGAIN)
		sched_yield();
	if (err) {
		printf("error: pthread_create: %s\n", strerror(err));
		_exit(2);
	}
	pthread_attr_destroy(&a);
}

static void *link_main(void *arg)
{
	long id = (long)arg;

	tick(id);
	if (atomic_load(&stopping))
		atomic_fetch_sub(&live_links, 1);
	else
		spawn(link_main, (void *)(id + 1000), NULL);
	return NULL;
}

static void *short_main(void *arg)
{
	tick((long)arg);
	return NULL;
}

static void *joiner_main(void *arg)
{
	long id = 0;

	(void)arg;
	while (!atomic_load(&stopping)) {
		pthread_t th;
		spawn(short_main, (void *)id++, &th);
		pthread_join(th, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long chains = argc > 1 ? atol(argv[1]) : 3;
	char line[256];
	pthread_t joiner;

	tracee_init();
	if (chains < 1 || chains > 64) {
		printf("error: CHAINS must be 1..64\n");
		return TRACEE_EXIT_USAGE;
	}
	atomic_store(&live_links, chains);
	for (long i = 0; i < chains; i++)
		spawn(link_main, (void *)i, NULL);
	atomic_fetch_sub(&started, 1); /* the joiner is not a ticking thread */
	spawn(joiner_main, NULL, &joiner);
	while (atomic_load(&ticked) < 100)
		sched_yield();
	printf("ready pid=%d tick=%p\n", (int)getpid(), (void *)tick);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
		printf("error: unknown command '%s'\n", line);
	atomic_store(&stopping, 1);
	pthread_join(joiner, NULL);
	while (atomic_load(&live_links) > 0)
		sched_yield();
	printf("done started=%ld ticked=%ld\n", atomic_load(&started), atomic_load(&ticked));
	return atomic_load(&started) == atomic_load(&ticked) ? 0 : 1;
}
