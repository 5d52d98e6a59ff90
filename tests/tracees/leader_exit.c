/*
 * leader_exit - the thread-group leader exits while its threads live on.
 *
 * Usage: leader_exit N     (1 <= N <= 1024)
 *
 * Starts N worker threads; once all run, the main thread prints the ready line and
 * calls pthread_exit(), so the leader becomes a zombie (/proc/PID/task/PID state Z)
 * while the process lives on. Worker 0 reads stdin; odd workers spin on a volatile
 * counter, the other even ones block in pause(). What a test can observe:
 *   "ready pid=<pid> threads=<N>"  printed by the leader just before pthread_exit()
 *   "done"                         printed by worker 0 on "quit" or EOF of stdin,
 *                                  which then calls exit(0)
 * Worker 0 starts reading stdin only after the ready line is out, so "done" always
 * comes after "ready". Other stdin lines print "error: unknown command '<line>'".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#include "tracee.h"

#define MAX_THREADS 1024

static pthread_barrier_t started;	/* workers + leader: all running */
static sem_t ready_printed;		/* posted by the leader after its ready line */

static void *worker_main(void *arg)
{
	volatile unsigned long spins = 0;
	long idx = (long)arg;
	char line[256];

	pthread_barrier_wait(&started);
	if (idx == 0) {
		while (sem_wait(&ready_printed) && errno == EINTR)
			;
		while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
			printf("error: unknown command '%s'\n", line);
		printf("done\n");
		exit(0);
	}
	for (;;) {
		if (idx % 2)
			spins++;
		else
			pause();
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	long i, n;
	int err;

	tracee_init();
	if (argc != 2) {
		fprintf(stderr, "usage: leader_exit N\n");
		return TRACEE_EXIT_USAGE;
	}
	n = tracee_parse_long(argv[1], 1, MAX_THREADS, "thread count");
	sem_init(&ready_printed, 0, 0);
	pthread_barrier_init(&started, NULL, (unsigned int)n + 1);
	for (i = 0; i < n; i++) {
		err = pthread_create(&t, NULL, worker_main, (void *)i);
		if (err) {
			printf("error: could not create thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	pthread_barrier_wait(&started);
	printf("ready pid=%d threads=%ld\n", (int)getpid(), n);
	sem_post(&ready_printed);
	pthread_exit(NULL);
}
