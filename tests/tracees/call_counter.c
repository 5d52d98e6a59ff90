/*
 * call_counter - worker threads doing arithmetic while a debugger calls into the program
 * between their runs, for calls in a multi-threaded program.
 *
 * Usage: call_counter NTHREADS     (1 <= NTHREADS <= 64)
 *
 * Each worker loops until told to end: it adds i to the shared atomic `total`, i * i to its
 * own integer sum and (i & 7) to its own double sum, and counts its turns in progress[]. At
 * the end each worker checks its two sums against the closed forms for its turn count, and
 * main checks total against every worker's share plus what the debugger added. A call that
 * corrupted a register, the extended state or the stack of the thread it ran in shows as a
 * bad sum. The debugger's functions:
 *   long bump(long x)        total += x; acc = acc * 31 + x (mod 2^64); returns acc
 *   long others_moved(long ms)  spins ms milliseconds and returns how many turns the
 *                            workers made meanwhile (0 when the other threads stay stopped)
 * What a test can observe:
 *   "ready pid=<pid> threads=<N>"                    every worker has made a turn
 *   "worker <i> ok turns=<n>"  or "worker <i> BAD ..."   after stdin "end S"
 *   "checksum ok total=<t> workers=<w> debugger=<S> calls=<c> acc=<acc>"  or
 *   "checksum BAD ..."        S must be the sum of the x passed to bump; then exit 0 if
 *                             everything was right, else 1. EOF without "end" ends as "end 0".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

#define MAX_THREADS 64
#define NOCALL __attribute__((noinline, noclone, used))

struct worker {
	pthread_t th;
	unsigned long turns;    /* loop turns made */
	unsigned long isum;     /* sum of i * i */
	double dsum;            /* sum of (i & 7) */
};

static struct worker workers[MAX_THREADS];
static unsigned long progress[MAX_THREADS]; /* turns, readable while the worker runs */
static int nthreads;
static volatile int stop;
unsigned long total;  /* atomic */
unsigned long acc;    /* bump's running value */
long bump_calls;

NOCALL long bump(long x)
{
	__atomic_fetch_add(&total, (unsigned long)x, __ATOMIC_SEQ_CST);
	acc = acc * 31 + (unsigned long)x;
	bump_calls++;
	return (long)acc;
}

static unsigned long all_progress(void)
{
	unsigned long s = 0;

	for (int i = 0; i < nthreads; i++)
		s += __atomic_load_n(&progress[i], __ATOMIC_RELAXED);
	return s;
}

NOCALL long others_moved(long ms)
{
	struct timespec t0, t;
	unsigned long p0 = all_progress();

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
	return (long)(all_progress() - p0);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	long idx = w - workers;
	unsigned long i = 0, isum = 0;
	double dsum = 0;

	while (!stop) {
		__atomic_fetch_add(&total, i, __ATOMIC_RELAXED);
		isum += i * i;
		dsum += (double)(i & 7);
		i++;
		__atomic_store_n(&progress[idx], i, __ATOMIC_RELAXED);
	}
	w->turns = i;
	w->isum = isum;
	w->dsum = dsum;
	return NULL;
}

int main(int argc, char **argv)
{
	char line[256];
	unsigned long dbg = 0, share = 0;
	int bad = 0;

	tracee_init();
	if (argc != 2) {
		fprintf(stderr, "usage: call_counter NTHREADS\n");
		return TRACEE_EXIT_USAGE;
	}
	nthreads = (int)tracee_parse_long(argv[1], 1, MAX_THREADS, "thread count");
	for (int i = 0; i < nthreads; i++)
		pthread_create(&workers[i].th, NULL, worker_main, &workers[i]);
	for (int i = 0; i < nthreads; i++)
		while (!__atomic_load_n(&progress[i], __ATOMIC_RELAXED))
			sched_yield();
	printf("ready pid=%d threads=%d\n", (int)getpid(), nthreads);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (!strncmp(line, "end ", 4)) {
			dbg = strtoul(line + 4, NULL, 10);
			break;
		}
		printf("error: unknown command '%s'\n", line);
	}
	stop = 1;
	for (int i = 0; i < nthreads; i++) {
		struct worker *w = &workers[i];
		unsigned __int128 n;
		unsigned long want_i;
		double want_d;

		pthread_join(w->th, NULL);
		n = w->turns;
		want_i = n ? (unsigned long)(n * (n - 1) * (2 * n - 1) / 6) : 0;
		want_d = (double)(w->turns / 8) * 28;
		for (unsigned long j = 0; j < w->turns % 8; j++)
			want_d += (double)j;
		share += (unsigned long)(n ? n * (n - 1) / 2 : 0);
		if (w->isum == want_i && w->dsum == want_d) {
			printf("worker %d ok turns=%lu\n", i, w->turns);
		} else {
			printf("worker %d BAD turns=%lu isum=%lu want=%lu dsum=%.0f want=%.0f\n", i,
			       w->turns, w->isum, want_i, w->dsum, want_d);
			bad = 1;
		}
	}
	if (total == share + dbg) {
		printf("checksum ok total=%lu workers=%lu debugger=%lu calls=%ld acc=%lu\n", total,
		       share, dbg, bump_calls, acc);
	} else {
		printf("checksum BAD total=%lu workers=%lu debugger=%lu calls=%ld acc=%lu\n", total,
		       share, dbg, bump_calls, acc);
		bad = 1;
	}
	return bad;
}
