#define _GNU_SOURCE
/*
 * sample.c - the program `make demo` debugs: four worker threads share a counter while the main
 * thread prints a tick every 200 ms. Ends by itself after 20 seconds (or `sample SECONDS`).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_long work;

/* Each worker adds to the shared counter; `noinline` keeps it a place to break on. */
__attribute__((noinline)) long do_work(long n)
{
	atomic_fetch_add(&work, n);
	return n * 2 + 1;
}

static void *worker(void *arg)
{
	long id = (long)arg;
	char name[16];

	snprintf(name, sizeof(name), "worker-%ld", id);
	pthread_setname_np(pthread_self(), name);
	for (;;) {
		do_work(id + 1);
		usleep(1000);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int seconds = argc > 1 ? atoi(argv[1]) : 20;
	pthread_t t[4];

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	printf("sample %d: 4 workers started\n", (int)getpid());
	for (int tick = 0; tick < seconds * 5; tick++) {
		struct timespec ts = { 0, 200 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		printf("tick %d: work=%ld\n", tick, atomic_load(&work));
	}
	return 0;
}
