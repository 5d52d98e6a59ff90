/*
 * call_sig - a program with its own signal handlers, for calls that end in a signal or a trap:
 * a debugger's call must leave the program's handlers as they were.
 *
 * Usage: call_sig
 *
 * Installs handlers for SIGSEGV, SIGTRAP and SIGUSR1 (each counts its calls; the SIGSEGV one
 * also jumps back out of a fault the program makes itself on stdin "fault"). The functions a
 * debugger calls:
 *   int deref(const int *p)   reads *p (NULL faults)
 *   int raise_usr1(void)      raise(SIGUSR1); returns 7
 * What a test can observe:
 *   "ready pid=<pid>"
 *   "handlers segv=<ours|default|other> trap=<...> usr1=<...> counts=<segv>,<trap>,<usr1>"
 *                             after stdin "handlers": the dispositions now, and how many times
 *                             each handler ran
 *   "fault caught"            after "fault": the program's own NULL read reached its handler
 *   "done"                    on "quit" or EOF; exit 0
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdio.h>

#include "tracee.h"

#define NOCALL __attribute__((noinline, noclone, used))

static volatile sig_atomic_t counts[3]; /* SIGSEGV, SIGTRAP, SIGUSR1 */
static sigjmp_buf fault_jmp;
static volatile sig_atomic_t in_fault;

static void on_signal(int sig)
{
	counts[sig == SIGSEGV ? 0 : sig == SIGTRAP ? 1 : 2]++;
	if (sig == SIGSEGV) {
		if (in_fault)
			siglongjmp(fault_jmp, 1);
		_exit(4); /* a fault of nobody's making: do not loop on it */
	}
}

NOCALL int deref(const int *p)
{
	return *(const volatile int *)p;
}

NOCALL int raise_usr1(void)
{
	raise(SIGUSR1);
	return 7;
}

static const char *disposition(int sig)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) < 0)
		return "error";
	if (sa.sa_handler == on_signal)
		return "ours";
	return sa.sa_handler == SIG_DFL ? "default" : "other";
}

int main(void)
{
	struct sigaction sa;
	char line[256];
	int sigs[] = { SIGSEGV, SIGTRAP, SIGUSR1 };

	tracee_init();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, NULL);
	printf("ready pid=%d\n", (int)getpid());
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (!strcmp(line, "handlers")) {
			printf("handlers segv=%s trap=%s usr1=%s counts=%d,%d,%d\n",
			       disposition(SIGSEGV), disposition(SIGTRAP), disposition(SIGUSR1),
			       (int)counts[0], (int)counts[1], (int)counts[2]);
		} else if (!strcmp(line, "fault")) {
			in_fault = 1;
			if (!sigsetjmp(fault_jmp, 1))
				deref(NULL);
			in_fault = 0;
			printf("fault caught\n");
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	printf("done\n");
	return 0;
}
