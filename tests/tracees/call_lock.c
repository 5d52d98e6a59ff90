/*
 * call_lock - a mutex held by one thread while another is the one a debugger calls into, for
 * the call timeout: the called function waits for the lock, and the holder is stopped.
 *
 * Usage: call_lock
 *
 * Thread "holder" locks the mutex and then waits in read() on a pipe until main tells it to
 * let go; thread "waiter" waits in read() on another pipe until the end. The debugger calls
 * take_lock() (lock, count, unlock; returns the count) in the waiter: while the holder is
 * held stopped, the call cannot return. What a test can observe:
 *   "ready pid=<pid> holder=<tid> waiter=<tid>"   the holder has the lock
 *   "released"                   after stdin "release": the holder unlocked
 *   "took taken=<n>"             after stdin "take": main called take_lock() itself
 *   "done taken=<n>"             on "quit" or EOF, once both threads ended; exit 0
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

#define NOCALL __attribute__((noinline, noclone, used))

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int hold_pipe[2], wait_pipe[2];
static pid_t holder_tid, waiter_tid;
static pthread_barrier_t ready;
long taken;

NOCALL long take_lock(void)
{
	long n;

	pthread_mutex_lock(&lock);
	n = ++taken;
	pthread_mutex_unlock(&lock);
	return n;
}

static void *holder(void *arg)
{
	char c;

	(void)arg;
	holder_tid = tracee_gettid();
	pthread_mutex_lock(&lock);
	pthread_barrier_wait(&ready);
	while (read(hold_pipe[0], &c, 1) < 0 && errno == EINTR)
		;
	pthread_mutex_unlock(&lock);
	printf("released\n");
	return NULL;
}

static void *waiter(void *arg)
{
	char c;

	(void)arg;
	waiter_tid = tracee_gettid();
	pthread_barrier_wait(&ready);
	while (read(wait_pipe[0], &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

int main(void)
{
	pthread_t h, w;
	char line[256];
	int released = 0;

	tracee_init();
	if (pipe(hold_pipe) < 0 || pipe(wait_pipe) < 0)
		return 1;
	pthread_barrier_init(&ready, NULL, 3);
	pthread_create(&h, NULL, holder, NULL);
	pthread_create(&w, NULL, waiter, NULL);
	pthread_barrier_wait(&ready);
	printf("ready pid=%d holder=%d waiter=%d\n", (int)getpid(), (int)holder_tid,
	       (int)waiter_tid);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (!strcmp(line, "release") && !released) {
			released = 1;
			if (write(hold_pipe[1], "x", 1) != 1)
				return 1;
			pthread_join(h, NULL);
		} else if (!strcmp(line, "take")) {
			printf("took taken=%ld\n", take_lock());
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	if (!released) {
		if (write(hold_pipe[1], "x", 1) != 1)
			return 1;
		pthread_join(h, NULL);
	}
	if (write(wait_pipe[1], "x", 1) != 1)
		return 1;
	pthread_join(w, NULL);
	printf("done taken=%ld\n", taken);
	return 0;
}
