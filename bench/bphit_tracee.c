/*
 * bphit_tracee: the program bench/breakpoint debugs. NTHREADS threads call hit() CALLS times
 * each, then the main thread runs spin_steps(SPIN); it times that work itself, so the figure is
 * the hits (or steps) and nothing of the debugger's start-up or exit.
 *
 * Usage: bphit_tracee NTHREADS CALLS [SPIN]   (1 <= NTHREADS <= 256)
 *
 *   "ready pid=<pid> hit=<address of hit> spin=<address of spin_steps>"
 *        first, then it waits for a line "go" on stdin (EOF or anything else: exit 2).
 *   After "go": the main thread and NTHREADS - 1 more (created first and held at a barrier)
 *        each call hit(i) for i = 0 .. CALLS - 1, then the main thread calls spin_steps(SPIN).
 *        The clock starts once every thread has reached the first barrier and stops after
 *        the last join and spin_steps, so thread creation is not timed.
 *   "done calls=<NTHREADS * CALLS> sum=<sum of hit's results> expected=<the right sum>
 *        ns=<nanoseconds of the timed work>", exit 0 (1 when sum != expected: a debugger
 *        skipped a call or broke a register across a breakpoint).
 *
 * hit(i) returns i + 1 and is never called with -1, so the bench's condition "$rdi == -1" is
 * always false. Its first instruction neither branches nor addresses memory by rip, so
 * bp_floor can execute it out of line without decoding it. spin_steps loops over three
 * instructions (add, cmp, branch); a stepping tool stops at its entry and single-steps.
 *
 * Must not: do anything between the clock reads but the calls. It exits on its own after a
 * deadline (SIGALRM) so a run that failed leaves no process behind.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 256
#define DEADLINE_SECS 300

long hit(long i);
long spin_steps(long n);

/* One hitting thread. */
struct worker {
	pthread_t thread; /* the thread (unused for the main thread) */
	long sum;         /* sum of hit()'s results */
};

static struct worker workers[MAX_THREADS];
static pthread_barrier_t arrived; /* every thread exists and is ready to call */
static pthread_barrier_t start;   /* every thread begins calling together */
static long calls;                /* calls of hit() per thread */

/* The breakpoint target. The empty asm keeps it a real call that gcc cannot fold or clone. */
__attribute__((noinline, noclone, used)) long hit(long i)
{
	__asm__ __volatile__("" : "+r"(i) : : "memory");
	return i + 1;
}

/* The single-step target: n turns of a three-instruction loop. */
__attribute__((noinline, noclone, used)) long spin_steps(long n)
{
	long i;

	for (i = 0; i < n; i++)
		__asm__ __volatile__("" : : : "memory");
	return i;
}

static void call_hits(struct worker *w)
{
	long i, sum = 0;

	for (i = 0; i < calls; i++)
		sum += hit(i);
	w->sum = sum;
}

static void *worker_main(void *arg)
{
	pthread_barrier_wait(&arrived);
	pthread_barrier_wait(&start);
	call_hits(arg);
	return NULL;
}

static long arg_long(const char *s, long lo, long hi, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < lo || v > hi) {
		fprintf(stderr, "bphit_tracee: %s must be %ld to %ld, got \"%s\"\n", what, lo, hi,
			s);
		exit(2);
	}
	return v;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long n, i, spin = 0, sum = 0;
	long long t0, t1;
	char line[64];

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: bphit_tracee NTHREADS CALLS [SPIN]\n");
		return 2;
	}
	n = arg_long(argv[1], 1, MAX_THREADS, "NTHREADS");
	calls = arg_long(argv[2], 0, 1000000000L, "CALLS");
	if (argc == 4)
		spin = arg_long(argv[3], 0, 1000000000000L, "SPIN");
	alarm(DEADLINE_SECS);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready pid=%d hit=%p spin=%p\n", (int)getpid(), (void *)hit, (void *)spin_steps);
	if (!fgets(line, sizeof(line), stdin) || strcmp(line, "go\n") != 0) {
		fprintf(stderr, "bphit_tracee: expected \"go\" on stdin\n");
		return 2;
	}
	pthread_barrier_init(&arrived, NULL, n);
	pthread_barrier_init(&start, NULL, n);
	for (i = 1; i < n; i++)
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i])) {
			fprintf(stderr, "bphit_tracee: cannot create thread %ld\n", i);
			return 2;
		}
	pthread_barrier_wait(&arrived);
	t0 = now_ns();
	pthread_barrier_wait(&start);
	call_hits(&workers[0]);
	for (i = 1; i < n; i++)
		pthread_join(workers[i].thread, NULL);
	if (spin)
		spin_steps(spin);
	t1 = now_ns();
	for (i = 0; i < n; i++)
		sum += workers[i].sum;
	/* Each thread adds 1 + 2 + ... + calls. */
	printf("done calls=%ld sum=%ld expected=%ld ns=%lld\n", n * calls, sum,
	       n * (calls * (calls + 1) / 2), t1 - t0);
	return sum == n * (calls * (calls + 1) / 2) ? 0 : 1;
}
