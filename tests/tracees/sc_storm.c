/*
 * sc_storm - threads write in a storm while signals arrive, for syscall catchpoint tests.
 *
 * Usage: sc_storm [THREADS [WRITES [SIGNALS]]]   (defaults 4, 500, 200)
 *
 * THREADS workers each make WRITES write() calls of one byte to /dev/null; meanwhile the
 * main thread queues SIGNALS real-time signals (SIGRTMIN+1, signal 35) to the workers
 * (pthread_sigqueue, round robin; workers stay until all are sent), whose handler counts them. At the end one write() to stdout reports the program's own
 * accounting: "writes=N signals=S handled=H" (N counts that last write too, so that a
 * catchpoint on write hits exactly 2*N times: entry and return of each).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <unistd.h>

#include "tracee.h"

static int devnull;
static long writes_each;
static atomic_long writes_done, handled;
static atomic_int started, all_sent;

static void on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&handled, 1);
}

static void *worker(void *arg)
{
	(void)arg;
	atomic_fetch_add(&started, 1);
	for (long i = 0; i < writes_each; i++) {
		if (write(devnull, "x", 1) == 1)
			atomic_fetch_add(&writes_done, 1);
	}
	while (!atomic_load(&all_sent))
		sched_yield();
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads = argc > 1 ? atoi(argv[1]) : 4, nsig = argc > 3 ? atoi(argv[3]) : 200;
	pthread_t th[64];
	char line[128];
	int n;

	tracee_init();
	writes_each = argc > 2 ? atol(argv[2]) : 500;
	if (nthreads < 1 || nthreads > 64)
		nthreads = 4;
	devnull = open("/dev/null", O_WRONLY);
	signal(SIGRTMIN + 1, on_usr1);
	for (int i = 0; i < nthreads; i++)
		pthread_create(&th[i], NULL, worker, NULL);
	while (atomic_load(&started) < nthreads)
		sched_yield();
	for (int i = 0; i < nsig; i++)
		if (pthread_sigqueue(th[i % nthreads], SIGRTMIN + 1, (union sigval){ 0 }) != 0)
			nsig--;
	atomic_store(&all_sent, 1);
	for (int i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	n = snprintf(line, sizeof(line), "writes=%ld signals=%d handled=%ld\n",
		     atomic_load(&writes_done) + 1, nsig, atomic_load(&handled));
	return write(1, line, (size_t)n) == n ? 0 : 1;
}
