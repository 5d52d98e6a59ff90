/*
 * call_block - threads blocked in system calls, for calls made while a thread waits in one.
 *
 * Usage: call_block SLEEP_MS     (100 <= SLEEP_MS <= 60000)
 *
 * Three threads besides main, each blocked in a system call whose interruption the kernel
 * reports with a different restart code:
 *   sleeper  nanosleep(SLEEP_MS) (clock_nanosleep: -ERESTART_RESTARTBLOCK)
 *   reader   read() on a pipe the program owns (-ERESTARTSYS)
 *   pauser   pause() (-ERESTARTNOHAND); a SIGUSR1 handler ends it
 * main reads stdin (a read on the test's pipe, -ERESTARTSYS too). A debugger that does not
 * restore the interrupted call makes it fail with errno 512..516 or end early: each thread
 * prints what its call did. What a test can observe:
 *   "ready pid=<pid> sleeper=<tid> reader=<tid> pauser=<tid> main=<tid>"
 *            printed when every thread is about to enter its call; a test waits until
 *            /proc/PID/task/TID/syscall shows each one inside it
 *   "slept ok requested=<ms> elapsed=<ms>"   or "sleep failed errno=<e> elapsed=<ms>"
 *   "read ok n=<n> bytes=<text>"             after stdin "write TEXT" wrote TEXT to the
 *                                            pipe; or "read failed errno=<e>"
 *   "pause returned errno=<e> usr1=<0|1>"    usr1=1: SIGUSR1 (stdin "usr1") ended it, as
 *                                            it should; usr1=0: it ended by itself (a bug)
 *   "pong"                                   after stdin "ping"
 *   "alloc ok"                               after stdin "alloc": main called malloc and
 *                                            free (a breakpoint on malloc stops it there)
 *   "done"                                   on "quit" or EOF, once every thread ended;
 *                                            exit 0
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "tracee.h"

static int pipefd[2];
static long sleep_ms;
static volatile sig_atomic_t got_usr1;
static pid_t tids[3];
static pthread_barrier_t ready;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *sleeper(void *arg)
{
	struct timespec req = { sleep_ms / 1000, (sleep_ms % 1000) * 1000000 };
	long t0;
	int r;

	(void)arg;
	tids[0] = tracee_gettid();
	pthread_barrier_wait(&ready);
	t0 = now_ms();
	r = nanosleep(&req, NULL); /* no remaining-time pointer: the kernel restarts it */
	if (r == 0)
		printf("slept ok requested=%ld elapsed=%ld\n", sleep_ms, now_ms() - t0);
	else
		printf("sleep failed errno=%d elapsed=%ld\n", errno, now_ms() - t0);
	return NULL;
}

static void *reader(void *arg)
{
	char buf[128];
	ssize_t n;

	(void)arg;
	tids[1] = tracee_gettid();
	pthread_barrier_wait(&ready);
	n = read(pipefd[0], buf, sizeof(buf) - 1);
	if (n >= 0) {
		buf[n] = '\0';
		printf("read ok n=%zd bytes=%s\n", n, buf);
	} else {
		printf("read failed errno=%d\n", errno);
	}
	return NULL;
}

static void *pauser(void *arg)
{
	int r;

	(void)arg;
	tids[2] = tracee_gettid();
	pthread_barrier_wait(&ready);
	r = pause();
	printf("pause returned errno=%d usr1=%d\n", r < 0 ? errno : 0, (int)got_usr1);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	pthread_t th[3];
	char line[256];

	tracee_init();
	if (argc != 2) {
		fprintf(stderr, "usage: call_block SLEEP_MS\n");
		return TRACEE_EXIT_USAGE;
	}
	sleep_ms = tracee_parse_long(argv[1], 100, 60000, "sleep time");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1; /* no SA_RESTART: pause() is never restarted anyway */
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(pipefd) < 0)
		return 1;
	pthread_barrier_init(&ready, NULL, 4);
	pthread_create(&th[0], NULL, sleeper, NULL);
	pthread_create(&th[1], NULL, reader, NULL);
	pthread_create(&th[2], NULL, pauser, NULL);
	pthread_barrier_wait(&ready);
	printf("ready pid=%d sleeper=%d reader=%d pauser=%d main=%d\n", (int)getpid(),
	       (int)tids[0], (int)tids[1], (int)tids[2], (int)tracee_gettid());
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (!strncmp(line, "write ", 6)) {
			if (write(pipefd[1], line + 6, strlen(line + 6)) < 0)
				printf("error: write: %s\n", strerror(errno));
		} else if (!strcmp(line, "usr1")) {
			pthread_kill(th[2], SIGUSR1);
		} else if (!strcmp(line, "ping")) {
			printf("pong\n");
		} else if (!strcmp(line, "alloc")) {
			void *volatile m = malloc(1000);
			int ok = m != NULL;

			free(m);
			printf("alloc %s\n", ok ? "ok" : "failed");
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	close(pipefd[1]); /* ends a reader still waiting */
	pthread_kill(th[2], SIGUSR1);
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	printf("done\n");
	return 0;
}
