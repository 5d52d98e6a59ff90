/* condcall: four threads each call bar() 200 times, for breakpoint conditions that call
 * functions of the program (g counts its calls, crash faults for x > 5, leave exits). The
 * program prints its own accounting at the end; it exits on its own. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int calls, bar_hits;
static volatile char seen[4000];

__attribute__((noinline)) int g(int x)
{
	__sync_fetch_and_add(&calls, 1);
	seen[x]++;
	return x % 4 == 3;
}

__attribute__((noinline)) int crash(int x)
{
	if (x > 5)
		*(volatile int *)0 = 1;
	return 0;
}

__attribute__((noinline)) int leave(void)
{
	exit(0);
}

__attribute__((noinline)) void bar(int x)
{
	__sync_fetch_and_add(&bar_hits, 1);
	__asm__ volatile("" ::"r"(x));
}

static void *worker(void *a)
{
	for (int i = 0; i < 200; i++)
		bar((int)(long)a * 1000 + i);
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t t[4];

	(void)argv;
	if (argc > 1)
		return leave();
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], 0, worker, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], 0);
	printf("calls=%d bar_hits=%d\n", calls, bar_hits);
	for (int i = 0; i < 4000; i++)
		if (i % 1000 < 200 && seen[i] != 1)
			printf("x=%d seen %d\n", i, seen[i]);
	return 0;
}
