/*
 * multi_write - chosen threads store to one global, for watchpoint tests.
 *
 * Usage: multi_write
 *
 * Has a global `volatile long target` and 4 worker threads (K = 0..3), each blocked
 * in read() on its own pipe until the main thread, which reads stdin, hands it a
 * command. The main thread waits for each command to finish before reading the next
 * line, so output order follows input order. Stdin lines and what they print:
 *   (start)      "ready pid=<pid> target=<address of target, %p>"
 *   write K V    thread K stores V to target:  "wrote <K> <V> tid=<tid>"
 *   read K       thread K loads target:        "read <K> <value> tid=<tid>"
 *   spawn        a new worker K (next number, up to 63) that takes commands like
 *                the others; it prints          "spawned <K> tid=<tid>"
 *   quit / EOF   "done target=<value>", then exit 0
 * Bad lines print "error: ..." and are ignored. tid is the kernel thread id, as in
 * /proc/PID/task, so a test can check which thread a watchpoint reported.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#include "tracee.h"

#define INITIAL_WORKERS 4
#define MAX_WORKERS 64

volatile long target;

enum op { OP_WRITE, OP_READ };

/* A command sent down a worker's pipe */
struct command {
	enum op op;	/* store or load */
	long value;	/* what OP_WRITE stores */
};

/* One worker thread */
struct worker {
	int k;			/* its number in commands */
	int fd[2];		/* pipe: main writes commands to fd[1], the worker reads fd[0] */
	pthread_t thread;	/* the worker */
};

static struct worker workers[MAX_WORKERS];
static int nworkers;
static sem_t done;	/* posted by a worker after each command and after starting */

static void sem_wait_nointr(sem_t *s)
{
	while (sem_wait(s) && errno == EINTR)
		;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct command c;
	ssize_t r;
	long v;

	if (w->k >= INITIAL_WORKERS)
		printf("spawned %d tid=%d\n", w->k, (int)tracee_gettid());
	sem_post(&done);
	for (;;) {
		r = read(w->fd[0], &c, sizeof(c));
		if (r < 0 && errno == EINTR)
			continue;
		if (r != sizeof(c))
			return NULL;
		if (c.op == OP_WRITE) {
			target = c.value;
			printf("wrote %d %ld tid=%d\n", w->k, c.value, (int)tracee_gettid());
		} else {
			v = target;
			printf("read %d %ld tid=%d\n", w->k, v, (int)tracee_gettid());
		}
		sem_post(&done);
	}
}

/* Start worker number nworkers and wait until it runs; returns 0 or -1 */
static int spawn(void)
{
	struct worker *w = &workers[nworkers];
	int err;

	if (nworkers == MAX_WORKERS) {
		printf("error: at most %d threads\n", MAX_WORKERS);
		return -1;
	}
	w->k = nworkers;
	if (pipe(w->fd)) {
		printf("error: pipe: %s\n", strerror(errno));
		return -1;
	}
	err = pthread_create(&w->thread, NULL, worker_main, w);
	if (err) {
		printf("error: could not create thread %d: %s\n", w->k, strerror(err));
		close(w->fd[0]);
		close(w->fd[1]);
		return -1;
	}
	nworkers++;
	sem_wait_nointr(&done);
	return 0;
}

/* Hand a command to worker k and wait until it has done it */
static void send_command(int k, enum op op, long value)
{
	struct command c = { .op = op, .value = value };

	if (k < 0 || k >= nworkers) {
		printf("error: no thread %d\n", k);
		return;
	}
	if (write(workers[k].fd[1], &c, sizeof(c)) != (ssize_t)sizeof(c)) {
		printf("error: write to thread %d: %s\n", k, strerror(errno));
		return;
	}
	sem_wait_nointr(&done);
}

static void run_line(const char *line)
{
	long value;
	int k, end = 0;

	if (sscanf(line, "write %d %ld %n", &k, &value, &end) == 2 && !line[end])
		send_command(k, OP_WRITE, value);
	else if (sscanf(line, "read %d %n", &k, &end) == 1 && !line[end])
		send_command(k, OP_READ, 0);
	else if (strcmp(line, "spawn") == 0)
		spawn();
	else
		printf("error: unknown command '%s'\n", line);
}

int main(void)
{
	char line[256];
	int i;

	tracee_init();
	sem_init(&done, 0, 0);
	for (i = 0; i < INITIAL_WORKERS; i++) {
		if (spawn())
			return 2;
	}
	printf("ready pid=%d target=%p\n", (int)getpid(), (void *)&target);

	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line))
		run_line(line);
	printf("done target=%ld\n", target);
	return 0;
}
