/*
 * trapper - a program that executes an int3 of its own, for telling a program's traps from a
 * debugger's breakpoints.
 *
 * Usage: trapper [handler]
 *
 * With "handler", a SIGTRAP handler counts its runs; without, SIGTRAP keeps its default
 * action (the program dies of it unless a debugger swallows it). The main thread reads
 * stdin. What a test can observe:
 *   "ready pid=<pid> trap_at=<address of the int3> trap_after=<address after it>
 *    other=<address of other_fn>"                       (one line; addresses as %p)
 *   trap        do_trap() executes the int3, then prints "trapped handled=<handler runs>"
 *   other       calls other_fn(7), which returns 3 * 7 + 1: prints "other 22"
 *   quit / EOF  "done traps=<trap commands> handled=<handler runs>", exit 0
 * Bad lines print "error: unknown command '<line>'" and are ignored.
 */
#define _GNU_SOURCE
#include <stdio.h>

#include "tracee.h"

extern char trap_at[], trap_after[];
long other_fn(long x);

static volatile sig_atomic_t handled;

static void on_trap(int sig)
{
	(void)sig;
	handled++;
}

/* The program's own breakpoint instruction, between two labels */
__attribute__((noinline, noclone)) static void do_trap(void)
{
	__asm__ __volatile__(".globl trap_at, trap_after\n"
			     "trap_at:\n"
			     "	int3\n"
			     "trap_after:\n"
			     "	nop\n" ::: "memory");
}

/* An unrelated function a test can put a breakpoint on */
__attribute__((noinline, noclone)) long other_fn(long x)
{
	__asm__ __volatile__("" : "+r"(x) : : "memory");
	return 3 * x + 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	char line[256];
	long traps = 0;

	tracee_init();
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "handler") != 0)) {
		fprintf(stderr, "usage: trapper [handler]\n");
		return TRACEE_EXIT_USAGE;
	}
	if (argc == 2) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_trap;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTRAP, &sa, NULL);
	}
	printf("ready pid=%d trap_at=%p trap_after=%p other=%p\n", (int)getpid(), (void *)trap_at,
	       (void *)trap_after, (void *)other_fn);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (strcmp(line, "trap") == 0) {
			do_trap();
			traps++;
			printf("trapped handled=%d\n", (int)handled);
		} else if (strcmp(line, "other") == 0) {
			printf("other %ld\n", other_fn(7));
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	printf("done traps=%ld handled=%d\n", traps, (int)handled);
	return 0;
}
