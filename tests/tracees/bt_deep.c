/*
 * bt_deep.c - a known call stack for backtrace tests: main -> recurse(10) -> ... -> leaf(),
 * then a SIGUSR1 handler -> in_handler(). Prints "ready pid=<pid>", waits for "go" on stdin,
 * runs both, prints "done" and exits 0. A debugger breaks on leaf and in_handler.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tracee.h"

static volatile int sink;

__attribute__((noinline)) void leaf(int depth)
{
	sink += depth;
	asm volatile("" ::: "memory");
}

__attribute__((noinline)) void recurse(int n)
{
	if (n == 0)
		leaf(n);
	else
		recurse(n - 1);
	asm volatile("" ::: "memory");
}

__attribute__((noinline)) void in_handler(int sig)
{
	sink += sig;
	asm volatile("" ::: "memory");
}

static void handler(int sig)
{
	in_handler(sig);
}

int main(void)
{
	char line[64];

	tracee_init();
	signal(SIGUSR1, handler);
	printf("ready pid=%d\n", (int)getpid());
	if (!fgets(line, sizeof(line), stdin) || strncmp(line, "go", 2))
		return 0;
	recurse(10);
	raise(SIGUSR1);
	printf("done\n");
	return 0;
}
