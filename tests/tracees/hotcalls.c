/*
 * hotcalls - N threads call two functions, hot_a and hot_b, in a tight loop, for breakpoints
 * hit thousands of times a second (interrupting a debugger that keeps resuming).
 *
 * Usage: hotcalls N        (1 <= N <= 64)
 *
 * Worker i calls hot_a(i) then hot_b(i) over and over (hot_b has the global label after_cc
 * on an instruction right after a 0xcc byte), adding the results (2i + 1 and
 * 3i + 2: noinline functions with an empty asm barrier, so each stays a real call) and
 * counting the rounds. The main thread reads stdin. What a test can observe:
 *   "ready pid=<pid> a=<hot_a, %p> b=<hot_b, %p> threads=<N>"
 *                            once every worker has made a round; /proc/PID/task then lists
 *                            N + 1 threads
 *   "calls=<rounds>"         every 200 ms while the process runs, the rounds of all workers
 *   "done calls=<rounds> checksum=ok|bad"
 *                            on a line "quit" or EOF of stdin: the workers stop, are joined,
 *                            and each one's sum is checked against its rounds (a debugger
 *                            that skipped a call or corrupted a register shows as "bad");
 *                            exit 0 when ok, 1 when bad
 * Other stdin lines print "error: unknown command '<line>'" and are ignored.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "tracee.h"

#define MAX_THREADS 64

/* One worker; aligned so the counters of others do not share its cache line */
struct worker {
	pthread_t thread;	/* the worker */
	long idx;		/* i: its argument to hot_a and hot_b */
	atomic_long rounds;	/* rounds done (one call of each), only the worker writes */
	long sum;		/* sum of the results, read by main after the join */
} __attribute__((aligned(64)));

static struct worker workers[MAX_THREADS];
static atomic_int stop;	/* set by main on quit; the workers then return */

__attribute__((noinline, noclone)) long hot_a(long x)
{
	__asm__ __volatile__("" : "+r"(x) : : "memory");
	return 2 * x + 1;
}

__attribute__((noinline, noclone)) long hot_b(long x)
{
	/* after_cc: an instruction whose address is preceded by a 0xcc byte (the immediate of
	 * add $-0x34 is cc), as in -O0 code or int3 padding: a breakpoint there must not be
	 * taken for one that follows a program int3. */
	__asm__ __volatile__("addl $-0x34, %%eax\n\t"
			     ".globl after_cc\n"
			     "after_cc:\n\t"
			     "nop"
			     : "+r"(x) : : "eax", "memory");
	return 3 * x + 2;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		w->sum += hot_a(w->idx);
		w->sum += hot_b(w->idx);
		atomic_fetch_add_explicit(&w->rounds, 1, memory_order_relaxed);
	}
	return NULL;
}

static long all_rounds(long n)
{
	long i, r = 0;

	for (i = 0; i < n; i++)
		r += atomic_load_explicit(&workers[i].rounds, memory_order_relaxed);
	return r;
}

/* Print the rounds every 200 ms until stdin says quit or ends */
static void serve(long n)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	char line[256];

	for (;;) {
		int r = poll(&pfd, 1, 200);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			printf("calls=%ld\n", all_rounds(n));
			continue;
		}
		if (!tracee_read_line(line, sizeof(line)) || tracee_is_quit(line))
			return;
		printf("error: unknown command '%s'\n", line);
	}
}

int main(int argc, char **argv)
{
	long i, n, bad = 0;
	int err;

	tracee_init();
	if (argc != 2) {
		fprintf(stderr, "usage: hotcalls N\n");
		return TRACEE_EXIT_USAGE;
	}
	n = tracee_parse_long(argv[1], 1, MAX_THREADS, "thread count");
	for (i = 0; i < n; i++) {
		workers[i].idx = i;
		err = pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
		if (err) {
			printf("error: could not create thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	for (i = 0; i < n; i++)
		while (!atomic_load_explicit(&workers[i].rounds, memory_order_relaxed))
			sched_yield();
	printf("ready pid=%d a=%p b=%p threads=%ld\n", (int)getpid(), (void *)hot_a, (void *)hot_b,
	       n);
	serve(n);
	atomic_store(&stop, 1);
	for (i = 0; i < n; i++) {
		pthread_join(workers[i].thread, NULL);
		if (workers[i].sum != workers[i].rounds * (5 * workers[i].idx + 3))
			bad++;
	}
	printf("done calls=%ld checksum=%s\n", all_rounds(n), bad ? "bad" : "ok");
	return bad ? 1 : 0;
}
