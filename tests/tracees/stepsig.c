/*
 * stepsig - a loop to step through while queued realtime signals with handlers arrive, to
 * check that steps run the handlers (gdb's steps let a handler run, they do not stop in it)
 * and that none is lost or delivered twice.
 *
 * Usage: stepsig [N]    (1 <= N <= 65536, default 3000)
 *
 * A child process sends N SIGRTMIN+1 with payloads 1..N to this one (sigqueue, one every
 * 100 microseconds; the kernel queues them while the process is stopped). An SA_SIGINFO
 * handler counts them by payload. main loops over three lines and calls step_me() until a
 * debugger sets `stop`, then waits for every signal and reaps the child. What a test can
 * observe:
 *   "rt=<n> dup=<n> bad=<n> sum=<n> expected=<N*(N+1)/2>"  at the end; exit 0 when rt == N,
 *        dup == bad == 0 and sum == expected, else 1.
 * Built with -O0: each line is its own statement. After CDBG_TRACEE_DEADLINE seconds
 * (default 60) it writes "deadline" to stderr and exits 3.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>

#include "tracee.h"

#define MAXP 65536

static atomic_uchar seen[MAXP + 1];
static atomic_long rt_count, dup_count, bad_count, payload_sum;
volatile long acc;
volatile int stop; /* set by the debugger: leave the loop */

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	int v = si->si_value.sival_int;

	(void)sig;
	(void)uc;
	if (si->si_code != SI_QUEUE || v < 1 || v > MAXP)
		atomic_fetch_add(&bad_count, 1);
	else if (atomic_fetch_add(&seen[v], 1))
		atomic_fetch_add(&dup_count, 1);
	atomic_fetch_add(&payload_sum, v);
	atomic_fetch_add(&rt_count, 1);
}

/* Something to step into and out of. */
static long step_me(long x)
{
	x += 7;
	x *= 3;
	return x % 1000003;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? tracee_parse_long(argv[1], 1, MAXP, "N") : 3000;
	struct sigaction sa = { 0 };
	pid_t parent = getpid(), child;

	tracee_init();
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	child = fork();
	if (child == 0) {
		struct timespec gap = { 0, 100000 };
		for (long i = 1; i <= n; i++) {
			union sigval v = { .sival_int = (int)i };
			if (sigqueue(parent, SIGRTMIN + 1, v) < 0)
				_exit(1);
			nanosleep(&gap, NULL);
		}
		_exit(0);
	}
	for (long i = 0; !stop; i++) {
		acc += i;
		acc = step_me(acc);
		acc ^= i;
	}
	while (atomic_load(&rt_count) < n) {
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	waitpid(child, NULL, 0);
	long expected = n * (n + 1) / 2;
	printf("rt=%ld dup=%ld bad=%ld sum=%ld expected=%ld\n", atomic_load(&rt_count),
	       atomic_load(&dup_count), atomic_load(&bad_count), atomic_load(&payload_sum),
	       expected);
	return atomic_load(&rt_count) == n && !atomic_load(&dup_count) &&
			       !atomic_load(&bad_count) && atomic_load(&payload_sum) == expected ?
		       0 :
		       1;
}
