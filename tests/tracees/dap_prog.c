/*
 * dap_prog.c - the program the DAP tests debug (tests/dap/): nested structs, a 10,000-element
 * array to page, a loop with a counter for conditions, hit conditions and logpoints, a global
 * to watch, worker threads, output on stdout and stderr, and signals.
 *
 * Usage: dap_prog [MODE]
 *   (none)   run the loop (calls step_here() 10 times), print "dap: sum N", exit 0
 *   threads  start 4 workers that each call worker_here() once, join them, exit 0
 *   signal   raise SIGUSR1 (handled: counted), then SIGSEGV-like: a write through NULL
 *   wait     print "dap: waiting" and sleep until the deadline (for attach)
 *   exit7    exit with status 7
 *   dl       dlopen dl_lib.so (next to the program), call dl_add(2, 3), print "dap: dl 5"
 * Every line of the program's own output starts with "dap: ".
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "tracee.h"

struct inner {
	int a;
	double b;
	char name[8];
};

struct outer {
	int id;
	struct inner in;
	struct inner *ptr;
	int small[3];
};

int dap_big[10000];
volatile int dap_watched;
volatile int dap_usr1;
struct inner dap_inner_g = { 1, 2.5, "inner" };
struct outer dap_outer_g = { 42, { 7, 0.5, "nested" }, &dap_inner_g, { 1, 2, 3 } };

__attribute__((noinline)) int step_here(int i, struct outer *o)
{
	int twice = i * 2; /* L:step_body */
	o->id += twice; /* L:step_second */
	dap_watched = i;
	return twice;
}

__attribute__((noinline)) void worker_here(int n)
{
	asm volatile("" ::"r"(n) : "memory"); /* L:worker */
}

static void *worker(void *arg)
{
	worker_here((int)(long)arg);
	return NULL;
}

static void on_usr1(int sig)
{
	(void)sig;
	dap_usr1++;
}

int main(int argc, char **argv)
{
	tracee_init();
	const char *mode = argc > 1 ? argv[1] : "";
	for (int i = 0; i < 10000; i++)
		dap_big[i] = i * 3;
	if (!strcmp(mode, "threads")) {
		pthread_t t[4];
		for (long i = 0; i < 4; i++)
			pthread_create(&t[i], NULL, worker, (void *)i);
		for (int i = 0; i < 4; i++)
			pthread_join(t[i], NULL);
		printf("dap: threads done\n");
		return 0;
	}
	if (!strcmp(mode, "signal")) {
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
		printf("dap: usr1 %d\n", dap_usr1);
		*(volatile int *)0 = 1;
		return 0;
	}
	if (!strcmp(mode, "wait")) {
		printf("dap: waiting\n");
		for (;;)
			pause();
	}
	if (!strcmp(mode, "exit7"))
		return 7;
	if (!strcmp(mode, "dl")) {
		char path[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 16);
		if (n < 0)
			return 1;
		path[n] = '\0';
		strcpy(strrchr(path, '/') + 1, "dl_lib.so");
		void *h = dlopen(path, RTLD_NOW);
		int (*add)(int, int) = h ? (int (*)(int, int))dlsym(h, "dl_add") : NULL;
		if (!add) {
			printf("dap: dl error %s\n", dlerror());
			return 1;
		}
		printf("dap: dl %d\n", add(2, 3));
		return 0;
	}
	struct outer local = dap_outer_g;
	int sum = 0;
	for (int i = 0; i < 10; i++)
		sum += step_here(i, &local); /* L:loop_call */
	fprintf(stderr, "dap: to stderr\n");
	printf("dap: sum %d\n", sum); /* L:print_sum */
	return 0;
}
