/*
 * call_tracee: the program bench/call calls into. It does nothing but wait in read() on stdin,
 * so every debugger finds it stopped in the same place, and offers the function the bench
 * calls: f(), which counts its calls and returns the count, so each tool's last result tells
 * how many calls really ran.
 *
 * Usage: call_tracee
 *
 *   "ready pid=<pid> f=<address of f>"   first, then it reads stdin until EOF
 *   "done calls=<calls of f>"            at EOF, exit 0
 *
 * Built with -g so gdb knows f's return type (its `call f()` refuses a function without
 * debug info). Must not: print anything else. It exits on its own after a deadline (SIGALRM)
 * so a run that failed leaves no process behind.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define DEADLINE_SECS 900

long calls;

/* The called function: as little as a call can do, and still observable. */
__attribute__((noinline, noclone, used)) long f(void)
{
	return ++calls;
}

static void on_alarm(int sig)
{
	(void)sig;
	_exit(3);
}

int main(void)
{
	char buf[256];

	signal(SIGALRM, on_alarm);
	alarm(DEADLINE_SECS);
	printf("ready pid=%d f=%p\n", (int)getpid(), (void *)f);
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	printf("done calls=%ld\n", calls);
	return 0;
}
