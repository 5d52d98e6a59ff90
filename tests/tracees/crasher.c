/*
 * crasher.c - a program that dies, for the core-file tests: 4 threads; three park in
 * parked() at known depths (waiting on a condition that never comes), the main thread recurses
 * into dive() with locals at each level and, at depth 0, writes through a null pointer
 * (SIGSEGV). Globals with known values: g_counter, g_name, g_point, g_table, g_bss.
 *
 *   crasher segv    crash as above (the default)
 *   crasher abort   abort() at the same depth (SIGABRT)
 *   crasher wait    print "ready pid=N" once every thread is parked, then wait for a line on
 *                   stdin (or the deadline) and exit 0: a live process for gcore
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracee.h"

struct point {
	int x, y;
};

int g_counter = 42;
char g_name[16] = "crasher";
struct point g_point = { 3, -4 };
long g_table[4] = { 10, 20, 30, 40 };
long g_bss[8];
static volatile int *g_null;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static pthread_cond_t parked_cv = PTHREAD_COND_INITIALIZER;
static int nparked;
static const char *mode = "segv";

__attribute__((noinline)) void parked(int depth)
{
	volatile int here = depth * 100;

	if (depth > 0) {
		parked(depth - 1);
		return;
	}
	pthread_mutex_lock(&lock);
	nparked++;
	pthread_cond_signal(&parked_cv);
	while (here >= 0)
		pthread_cond_wait(&never, &lock);
	pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
	parked((int)(long)arg);
	return NULL;
}

__attribute__((noinline)) int dive(int level, const char *tag)
{
	volatile int local = level * 7;
	volatile long sum = g_counter + level;

	if (level > 0)
		return dive(level - 1, tag) + local;
	g_bss[0] = sum;
	if (strcmp(mode, "abort") == 0)
		abort();
	*g_null = (int)sum; /* SIGSEGV at address 0 */
	return local;
}

int main(int argc, char **argv)
{
	pthread_t th[3];
	pthread_attr_t attr;
	char line[64];

	tracee_init();
	if (argc > 1)
		mode = argv[1];
	/* Small stacks keep the cores small (the tests copy and damage them by the hundred). */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	for (long i = 0; i < 3; i++)
		if (pthread_create(&th[i], &attr, worker, (void *)(i + 1)) != 0)
			return 1;
	pthread_mutex_lock(&lock);
	while (nparked < 3)
		pthread_cond_wait(&parked_cv, &lock);
	pthread_mutex_unlock(&lock);
	if (strcmp(mode, "wait") == 0) {
		printf("ready pid=%d\n", (int)getpid());
		tracee_read_line(line, sizeof(line));
		printf("done\n");
		return 0;
	}
	g_counter++;
	return dive(5, "deep") == 12345;
}
