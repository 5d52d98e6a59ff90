/*
 * sig_join - a main thread blocked in pthread_join while a worker spins, for `signal SIG` on a
 * thread the debugger stopped itself (gdb.threads/signal-command-handle-nopass.c's shape).
 *
 * Usage: sig_join
 *
 * main installs handler() for SIGUSR1, starts worker(), sets `joining` and joins it. worker
 * waits for `joining`, calls spinning() (break there: main is then in pthread_join) and
 * spins until `stop_spinning` is set (a debugger sets it) or the deadline. At exit main prints
 * "handled <n>": how many SIGUSR1 handler() ran.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "tracee.h"

static volatile sig_atomic_t handled;
volatile int stop_spinning, joining;

void handler(int sig)
{
	(void)sig;
	handled++;
}

__attribute__((noinline)) void spinning(void)
{
	__asm__ volatile("" ::: "memory");
}

void *worker(void *arg)
{
	(void)arg;
	while (!joining)
		usleep(1);
	spinning();
	while (!stop_spinning)
		usleep(1);
	return NULL;
}

int main(void)
{
	pthread_t t;

	tracee_init();
	signal(SIGUSR1, handler);
	pthread_create(&t, NULL, worker, NULL);
	joining = 1;
	pthread_join(t, NULL);
	printf("handled %d\n", (int)handled);
	return 0;
}
