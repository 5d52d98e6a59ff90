/*
 * watch_spawn - a thread born after a watchpoint was set stores to the watched global at once.
 *
 * Usage: watch_spawn
 *
 * 3 idle threads sleep; the main thread prints "ready pid=<pid>", waits for a line on stdin
 * (or EOF), then starts a thread that stores 1, 2, 3 into `watched` right away, joins it and
 * prints "done watched=<value>"; exit 0.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

volatile int watched;

static void *idle_main(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *storer_main(void *arg)
{
	(void)arg;
	for (int i = 1; i <= 3; i++)
		watched = i;
	return NULL;
}

int main(void)
{
	pthread_t th;
	char line[64];

	tracee_init();
	for (int i = 0; i < 3; i++)
		pthread_create(&th, NULL, idle_main, NULL);
	printf("ready pid=%d\n", (int)getpid());
	tracee_read_line(line, sizeof(line));
	pthread_create(&th, NULL, storer_main, NULL);
	pthread_join(th, NULL);
	printf("done watched=%d\n", watched);
	return 0;
}
