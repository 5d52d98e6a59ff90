/*
 * thr_hits - thread-specific breakpoints' program: threads are born and die in waves while every
 * thread, the main one included, calls hit().
 *
 * Usage: thr_hits [WAVES]
 *
 * The main thread calls ready() once, then for each of WAVES waves (default 3) starts 4 worker
 * threads, each calling hit(1) 50 times, calls hit(0) itself once (while the workers run) and
 * joins them. Then it prints "main_hits=<its hit(0) calls> worker_hits=<all hit(1) calls>" and
 * exits 0. A breakpoint on hit for the main thread only must stop exactly WAVES times.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "tracee.h"

#define WORKERS 4
#define CALLS 50

static volatile long main_hits, worker_hits;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

__attribute__((noinline)) void hit(int worker)
{
	pthread_mutex_lock(&lock);
	if (worker)
		worker_hits++;
	else
		main_hits++;
	pthread_mutex_unlock(&lock);
}

__attribute__((noinline)) void ready(void)
{
	__asm__ volatile("" ::: "memory");
}

static void *worker_main(void *arg)
{
	(void)arg;
	for (int i = 0; i < CALLS; i++)
		hit(1);
	return NULL;
}

int main(int argc, char **argv)
{
	int waves = argc > 1 ? atoi(argv[1]) : 3;
	pthread_t th[WORKERS];

	tracee_init();
	ready();
	for (int w = 0; w < waves; w++) {
		for (int i = 0; i < WORKERS; i++)
			pthread_create(&th[i], NULL, worker_main, NULL);
		hit(0);
		for (int i = 0; i < WORKERS; i++)
			pthread_join(th[i], NULL);
	}
	printf("main_hits=%ld worker_hits=%ld\n", main_hits, worker_hits);
	return 0;
}
