/*
 * dumpme - a program to write core files of (gcore tests).
 *
 * Usage: dumpme NTHREADS ITERS SLEEP_US [filter=HEX] [crash]
 *
 * Prints "ready pid=<pid>" first. Sets /proc/self/coredump_filter to HEX when given. Maps two
 * 256 KiB anonymous regions, `keep_region` (every byte 'K') and `nodump_region` (every byte
 * 'N', MADV_DONTDUMP). Starts NTHREADS workers; worker i calls work(i) ITERS times (sleeping
 * SLEEP_US microseconds after each call) and adds the results. Once every worker has made its
 * first call, main calls checkpoint(NTHREADS) (a breakpoint target); with "crash" it calls
 * abort() there. Then main joins the workers and prints
 *   "total=<sum of results> expected=<ITERS * NTHREADS^2>"
 * and exits 0 when they are equal, else 1: a debugger that corrupts a register or a byte of
 * code across its breakpoints shows up as a wrong total. Globals to print: dump_global
 * (12345) and dump_text ("gcore-marker").
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>

#include "tracee.h"

#define MAX_THREADS 64
#define REGION (256 * 1024)

long dump_global = 12345;
char dump_text[] = "gcore-marker";
char *keep_region, *nodump_region;
static atomic_int started;
static long iters, sleep_us;

struct worker {
	pthread_t thread;
	long idx, sum;
};
static struct worker workers[MAX_THREADS];

__attribute__((noinline, noclone)) long work(long x)
{
	__asm__ __volatile__("" : "+r"(x) : : "memory");
	return 2 * x + 1;
}

__attribute__((noinline, noclone)) void never_called(void)
{
	__asm__ __volatile__("" : : : "memory");
	puts("never");
}

__attribute__((noinline, noclone)) int checkpoint(int n, int crash)
{
	__asm__ __volatile__("" : "+r"(n) : : "memory");
	if (crash)
		abort();
	return n + 1;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	for (long j = 0; j < iters; j++) {
		w->sum += work(w->idx);
		if (j == 0)
			atomic_fetch_add(&started, 1);
		if (sleep_us)
			usleep((useconds_t)sleep_us);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long n, total = 0, expected;
	int crash = 0;

	tracee_init();
	if (argc < 4 || (n = atol(argv[1])) < 0 || n > MAX_THREADS) {
		fprintf(stderr, "usage: dumpme NTHREADS ITERS SLEEP_US [filter=HEX] [crash]\n");
		return TRACEE_EXIT_USAGE;
	}
	iters = atol(argv[2]);
	sleep_us = atol(argv[3]);
	for (int i = 4; i < argc; i++) {
		if (!strncmp(argv[i], "filter=", 7)) {
			FILE *f = fopen("/proc/self/coredump_filter", "w");
			if (!f || fprintf(f, "%s\n", argv[i] + 7) < 0 || fclose(f) != 0) {
				perror("coredump_filter");
				return 1;
			}
		} else if (!strcmp(argv[i], "crash")) {
			crash = 1;
		}
	}
	printf("ready pid=%d\n", (int)getpid());
	keep_region = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	nodump_region =
		mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (keep_region == MAP_FAILED || nodump_region == MAP_FAILED ||
	    madvise(nodump_region, REGION, MADV_DONTDUMP) != 0) {
		perror("mmap");
		return 1;
	}
	memset(keep_region, 'K', REGION);
	memset(nodump_region, 'N', REGION);
	for (long i = 0; i < n; i++) {
		workers[i].idx = i;
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0) {
			perror("pthread_create");
			return 1;
		}
	}
	while (iters > 0 && atomic_load(&started) < n)
		usleep(1000);
	checkpoint((int)n, crash);
	for (long i = 0; i < n; i++) {
		pthread_join(workers[i].thread, NULL);
		total += workers[i].sum;
	}
	expected = iters * n * n;
	printf("total=%ld expected=%ld\n", total, expected);
	return total == expected ? 0 : 1;
}
