/*
 * watch_store - one instruction that stores to a watched global, for a breakpoint on the very
 * store with a watchpoint on its target.
 *
 * Usage: watch_store
 *
 * Prints "ready pid=<pid>", waits for a line on stdin (or EOF), then calls store_one(v) for
 * v = 1..5 (store_one is a single store of v into `watched`, then ret) and prints
 * "done watched=<value>"; exit 0.
 */
#include <stdio.h>

#include "tracee.h"

volatile int watched;

__attribute__((noinline)) void store_one(int v)
{
	watched = v;
}

int main(void)
{
	char line[64];

	tracee_init();
	printf("ready pid=%d\n", (int)getpid());
	tracee_read_line(line, sizeof(line));
	for (int v = 1; v <= 5; v++)
		store_one(v);
	printf("done watched=%d\n", watched);
	return 0;
}
