/*
 * storm - threads that are born and die all the time, for attach and all-stop races.
 *
 * Usage: storm
 *
 * The main thread reads stdin. A creator thread creates short-lived threads without
 * pause until told to stop: every round it makes one detached thread and one joinable
 * thread, keeping at most SLOTS of each alive (about 8 in all, plus main and creator).
 * Each does a little arithmetic and exits. What a test can observe:
 *   "ready pid=<pid>"       once the creator has created its first 2 * SLOTS threads
 *   "done created=<count>"  on a line "quit" or EOF of stdin: the creator has stopped,
 *                           joined its joinable threads and seen every detached one
 *                           finish its work; then exit 0. count is the number of
 *                           threads created. Exit 1 instead if fewer threads ran to
 *                           their end than were created (a thread was lost).
 * Other stdin lines print "error: unknown command '<line>'" and are ignored.
 * pthread_create failing with EAGAIN (thread limits) is retried, anything else
 * prints "error: pthread_create: <strerror>" and exits 2.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>

#include "tracee.h"

#define SLOTS 4
#define STACK_SIZE (256 * 1024)

static atomic_int stop;			/* set by main on quit */
static atomic_ulong created;		/* threads successfully created */
static atomic_ulong finished;		/* threads that ran to their end */
static atomic_ulong sink;		/* keeps the workers' arithmetic alive */
static sem_t detached_free;		/* free detached slots; a detached thread posts on exit */
static sem_t storm_started;		/* posted once by the creator after the first rounds */

/* sem_wait that a signal handler cannot cut short */
static void sem_wait_nointr(sem_t *s)
{
	while (sem_wait(s) && errno == EINTR)
		;
}

/* Short life: a bit of work, then return */
static void *short_main(void *arg)
{
	unsigned long x = (unsigned long)arg, i;

	for (i = 0; i < 1000; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	atomic_fetch_add(&sink, x);
	atomic_fetch_add(&finished, 1);
	return NULL;
}

/* Same work for a detached thread, which then gives its slot back */
static void *detached_main(void *arg)
{
	short_main(arg);
	sem_post(&detached_free);
	return NULL;
}

/* pthread_create, retried while the system is out of threads for a moment */
static void spawn(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *))
{
	int err;

	for (;;) {
		err = pthread_create(t, attr, fn, (void *)atomic_load(&created));
		if (!err)
			break;
		if (err != EAGAIN) {
			printf("error: pthread_create: %s\n", strerror(err));
			exit(2);
		}
		sched_yield();
	}
	atomic_fetch_add(&created, 1);
}

static void *creator_main(void *arg)
{
	pthread_t joinable[SLOTS], t;
	pthread_attr_t jattr, dattr;
	unsigned long round = 0;
	int i, live = 0;

	(void)arg;
	pthread_attr_init(&jattr);
	pthread_attr_setstacksize(&jattr, STACK_SIZE);
	pthread_attr_init(&dattr);
	pthread_attr_setstacksize(&dattr, STACK_SIZE);
	pthread_attr_setdetachstate(&dattr, PTHREAD_CREATE_DETACHED);

	while (!atomic_load(&stop)) {
		i = round % SLOTS;
		sem_wait_nointr(&detached_free);
		spawn(&t, &dattr, detached_main);
		if (live == SLOTS)
			pthread_join(joinable[i], NULL);
		else
			live++;
		spawn(&joinable[i], &jattr, short_main);
		if (++round == SLOTS)
			sem_post(&storm_started);
	}

	for (i = 0; i < live; i++)
		pthread_join(joinable[i], NULL);
	for (i = 0; i < SLOTS; i++)
		sem_wait_nointr(&detached_free);
	pthread_attr_destroy(&jattr);
	pthread_attr_destroy(&dattr);
	return NULL;
}

int main(void)
{
	pthread_t creator;
	char line[256];
	int err;

	tracee_init();
	sem_init(&detached_free, 0, SLOTS);
	sem_init(&storm_started, 0, 0);

	err = pthread_create(&creator, NULL, creator_main, NULL);
	if (err) {
		printf("error: pthread_create: %s\n", strerror(err));
		return 2;
	}
	sem_wait_nointr(&storm_started);
	printf("ready pid=%d\n", (int)getpid());

	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
		printf("error: unknown command '%s'\n", line);

	atomic_store(&stop, 1);
	pthread_join(creator, NULL);
	printf("done created=%lu\n", atomic_load(&created));
	return atomic_load(&finished) == atomic_load(&created) ? 0 : 1;
}
