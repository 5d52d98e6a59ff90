/*
 * rtsig - counts queued realtime signals by their payloads, to check that a debugger loses
 * and duplicates none, whatever it is doing when they arrive.
 *
 * Usage: rtsig
 *
 * SA_SIGINFO handlers record every SIGRTMIN+1 by its payload (si_value.sival_int, 1..MAXP)
 * and count SIGUSR1. Two worker threads call hot() without pause (a breakpoint there is hit
 * all the time), one sleeps in nanosleep, the main thread reads stdin. What a test can
 * observe:
 *   "ready pid=<pid> hot=<address of hot>"
 *   "rt=<n> usr1=<n> dup=<n> bad=<n> sum=<n>"  on "report", and on "quit"/EOF before exit 0:
 *        rt: SIGRTMIN+1 handled; dup: payloads seen more than once; bad: payloads out of
 *        1..MAXP or signals without SI_QUEUE; sum: the sum of the payloads seen
 *   "missing <v>" lines before that report, on "missing N": each payload in 1..N not seen
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "tracee.h"

#define MAXP 65536

static atomic_uchar seen[MAXP + 1];
static atomic_long rt_count, usr1_count, dup_count, bad_count, payload_sum, hot_calls;

__attribute__((noinline)) void hot(void)
{
	atomic_fetch_add_explicit(&hot_calls, 1, memory_order_relaxed);
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR1) {
		atomic_fetch_add(&usr1_count, 1);
		return;
	}
	atomic_fetch_add(&rt_count, 1);
	int v = si->si_value.sival_int;
	if (si->si_code != SI_QUEUE || v < 1 || v > MAXP) {
		atomic_fetch_add(&bad_count, 1);
		return;
	}
	if (atomic_fetch_add(&seen[v], 1))
		atomic_fetch_add(&dup_count, 1);
	atomic_fetch_add(&payload_sum, v);
}

static void *hot_main(void *arg)
{
	struct timespec ts = { 0, 20000 };

	(void)arg;
	for (;;) {
		hot();
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static void *sleeper_main(void *arg)
{
	struct timespec ts = { 0, 50000000 };

	(void)arg;
	for (;;)
		nanosleep(&ts, NULL);
	return NULL;
}

static void report(void)
{
	printf("rt=%ld usr1=%ld dup=%ld bad=%ld sum=%ld\n", atomic_load(&rt_count),
	       atomic_load(&usr1_count), atomic_load(&dup_count), atomic_load(&bad_count),
	       atomic_load(&payload_sum));
}

int main(void)
{
	struct sigaction sa;
	pthread_t th;
	char line[256];

	tracee_init();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	for (int i = 0; i < 2; i++)
		pthread_create(&th, NULL, hot_main, NULL);
	pthread_create(&th, NULL, sleeper_main, NULL);
	while (atomic_load(&hot_calls) < 10)
		sched_yield();
	printf("ready pid=%d hot=%p\n", (int)getpid(), (void *)hot);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (strcmp(line, "report") == 0) {
			report();
		} else if (strncmp(line, "missing ", 8) == 0) {
			long n = atol(line + 8);
			for (long v = 1; v <= n && v <= MAXP; v++)
				if (!atomic_load(&seen[v]))
					printf("missing %ld\n", v);
			report();
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	report();
	return 0;
}
