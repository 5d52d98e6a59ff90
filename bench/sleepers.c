/*
 * sleepers: the process bench/attach attaches to. It starts N threads that
 * block forever on a condition variable nobody signals, so every thread sits
 * in a futex wait (state S) and the only cost measured is the debugger's.
 *
 * Owns: its threads and its deadline. Must not: print anything but the ready
 * line, or outlive its driver: it exits 0 on stdin EOF, and by itself after
 * CDBG_TRACEE_DEADLINE seconds (default 600) so a crashed runner leaves no
 * orphan. tests/tracees has its own copy: bench stays apart from tests.
 *
 * Usage: sleepers N    prints "ready pid=<pid> threads=<N>" once all N sleep
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_asleep = PTHREAD_COND_INITIALIZER; /* main waits on it */
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;      /* nobody signals it */
static long asleep;   /* threads that reached their wait, under lock */
static long nthreads; /* N from the command line */

static void *sleeper(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	if (++asleep == nthreads)
		pthread_cond_signal(&all_asleep);
	/* cond_wait drops the lock, so the next sleeper can count itself in. */
	for (;;)
		pthread_cond_wait(&never, &lock);
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
	_exit(0);
}

static void set_deadline(void)
{
	const char *s = getenv("CDBG_TRACEE_DEADLINE");
	long secs = s ? strtol(s, NULL, 10) : 600;

	signal(SIGALRM, on_alarm);
	alarm(secs > 0 ? secs : 600);
}

/* The smallest stack the C library accepts, so 10,000 threads stay cheap. */
static int init_attr(pthread_attr_t *attr)
{
	int err = pthread_attr_init(attr);

	if (err)
		return err;
	if (pthread_attr_setstacksize(attr, PTHREAD_STACK_MIN) != 0)
		err = pthread_attr_setstacksize(attr, 64 * 1024);
	return err;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t t;
	char buf[256];
	long i;
	int err;

	if (argc != 2 || (nthreads = strtol(argv[1], NULL, 10)) < 0) {
		fprintf(stderr, "usage: sleepers N\n");
		return 2;
	}
	set_deadline();
	err = init_attr(&attr);
	if (err) {
		fprintf(stderr, "sleepers: cannot set up thread attributes: %s\n", strerror(err));
		return 1;
	}
	for (i = 0; i < nthreads; i++) {
		err = pthread_create(&t, &attr, sleeper, NULL);
		if (err) {
			fprintf(stderr, "sleepers: cannot create thread %ld of %ld: %s\n", i + 1,
				nthreads, strerror(err));
			return 1;
		}
	}
	pthread_mutex_lock(&lock);
	while (asleep < nthreads)
		pthread_cond_wait(&all_asleep, &lock);
	pthread_mutex_unlock(&lock);

	printf("ready pid=%d threads=%ld\n", getpid(), nthreads);
	fflush(stdout);
	/* The main thread sleeps in read() too; EOF or an error ends the run. */
	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
	return 0;
}
