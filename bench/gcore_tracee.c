/*
 * gcore_tracee: the process bench/gcore dumps. It touches MB MiB of anonymous memory (every
 * page written, no two pages alike), then a heartbeat thread wakes every millisecond and
 * records, in the shared page on fd FD, the time of its last beat, how many beats it made and
 * the longest gap between two beats: a gap much longer than a millisecond is a time the
 * process was stopped (or not scheduled), and the bench reads it from outside.
 *
 * Owns: its memory, its heartbeat and its deadline. Must not: outlive its driver: it exits on
 * stdin EOF, and by itself after CDBG_TRACEE_DEADLINE seconds (default 600).
 *
 * Usage: gcore_tracee MB FD   prints "ready pid=<pid> mb=<MB>" once the memory is touched and
 *                              the heartbeat runs
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* The shared page; gcore_bench.c has the same layout. */
struct beat {
	uint64_t last_ns; /* CLOCK_MONOTONIC of the last beat */
	uint64_t beats;
	uint64_t max_gap_ns; /* the bench stores 0 to start a new measure */
};

static struct beat *shared;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *heartbeat(void *arg)
{
	struct timespec ms = { 0, 1000000 };
	uint64_t prev = now_ns();

	(void)arg;
	for (;;) {
		uint64_t t, gap, m;

		clock_nanosleep(CLOCK_MONOTONIC, 0, &ms, NULL);
		t = now_ns();
		gap = t - prev;
		prev = t;
		m = __atomic_load_n(&shared->max_gap_ns, __ATOMIC_RELAXED);
		while (gap > m && !__atomic_compare_exchange_n(&shared->max_gap_ns, &m, gap, 0,
							       __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			;
		__atomic_store_n(&shared->last_ns, t, __ATOMIC_RELAXED);
		__atomic_add_fetch(&shared->beats, 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
	_exit(0);
}

int main(int argc, char **argv)
{
	const char *s = getenv("CDBG_TRACEE_DEADLINE");
	long secs = s ? strtol(s, NULL, 10) : 600, mb;
	size_t size, page = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *mem;
	pthread_t t;
	char buf[256];

	if (argc != 3 || (mb = strtol(argv[1], NULL, 10)) < 1) {
		fprintf(stderr, "usage: gcore_tracee MB FD\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	alarm(secs > 0 ? secs : 600);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED, atoi(argv[2]), 0);
	size = (size_t)mb << 20;
	mem = malloc(size);
	if (shared == MAP_FAILED || !mem) {
		fprintf(stderr, "gcore_tracee: cannot map: %s\n", strerror(errno));
		return 1;
	}
	for (size_t off = 0; off < size; off += page) {
		memset(mem + off, (int)(off / page % 251) + 1, page);
		memcpy(mem + off, &off, sizeof(off));
	}
	if (pthread_create(&t, NULL, heartbeat, NULL)) {
		fprintf(stderr, "gcore_tracee: cannot start the heartbeat\n");
		return 1;
	}
	while (!__atomic_load_n(&shared->beats, __ATOMIC_ACQUIRE))
		usleep(1000);
	printf("ready pid=%d mb=%ld\n", getpid(), mb);
	fflush(stdout);
	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
	return 0;
}
