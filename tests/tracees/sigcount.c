/*
 * sigcount - counts process-directed signals, to check a debugger passes them on.
 *
 * Usage: sigcount
 *
 * Installs SA_SIGINFO | SA_RESTART handlers that atomically count SIGRTMIN and
 * SIGUSR1, then starts 3 worker threads that block forever (two in pause(), one in
 * a nanosleep() loop), so a signal sent to the process may land in any of 4 threads.
 * The main thread reads stdin. What a test can observe:
 *   "ready pid=<pid>"        once the handlers are installed and the workers run
 *   "count <n>" "usr1 <n>"   two lines on each stdin line "report": the number of
 *                            SIGRTMIN and of SIGUSR1 handled so far
 *   "count <n>" "usr1 <n>"   the same two lines on "quit" or EOF of stdin, then exit 0
 * Other stdin lines print "error: unknown command '<line>'" and are ignored.
 * A signal lost or delivered twice by the debugger shows as a wrong count.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "tracee.h"

#define WORKERS 3

static atomic_ulong rtmin_count;	/* SIGRTMIN handled */
static atomic_ulong usr1_count;		/* SIGUSR1 handled */
static pthread_barrier_t started;	/* workers + main: all running */

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	if (sig == SIGUSR1)
		atomic_fetch_add(&usr1_count, 1);
	else
		atomic_fetch_add(&rtmin_count, 1);
}

static void *worker_main(void *arg)
{
	struct timespec ts = { .tv_sec = 1 };
	long idx = (long)arg;

	pthread_barrier_wait(&started);
	for (;;) {
		if (idx == 0)
			nanosleep(&ts, NULL);
		else
			pause();
	}
	return NULL;
}

static void report(void)
{
	printf("count %lu\n", atomic_load(&rtmin_count));
	printf("usr1 %lu\n", atomic_load(&usr1_count));
}

int main(void)
{
	struct sigaction sa;
	pthread_t t;
	char line[256];
	long i;
	int err;

	tracee_init();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);

	pthread_barrier_init(&started, NULL, WORKERS + 1);
	for (i = 0; i < WORKERS; i++) {
		err = pthread_create(&t, NULL, worker_main, (void *)i);
		if (err) {
			printf("error: could not create thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	pthread_barrier_wait(&started);
	printf("ready pid=%d\n", (int)getpid());

	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (strcmp(line, "report") == 0)
			report();
		else
			printf("error: unknown command '%s'\n", line);
	}
	report();
	return 0;
}
