/*
 * call_basic - functions for a debugger to call, for the remote-call tests.
 *
 * Usage: call_basic
 *
 * Single-threaded. Every function below is a real, global, noinline function with debug
 * info, so a debugger finds it by name and calls it; each returns something that proves it
 * saw its arguments in the right registers or stack slots. What a test can observe:
 *   "ready pid=<pid> stop_here=<%p> counter=<%p> text=<%p>"
 *   "stop_here returned"          after a stdin line "stop" (stop_here() was called: a
 *                                 breakpoint on its first instruction stops the program with
 *                                 rsp % 16 == 8, the return address just pushed)
 *   "counter=<n> text=<text>"     after "show": the global counter and text buffer, which
 *                                 the callable functions change
 *   "alloc ok"                    after "alloc": malloc and free were called (a breakpoint on
 *                                 malloc stops the program inside the allocator)
 *   "done counter=<n>"            on "quit" or EOF, then exit 0
 * Other stdin lines print "error: unknown command '<line>'".
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>

#include "tracee.h"

#define NOCALL __attribute__((noinline, noclone, used))

long counter;      /* bump_counter() adds to it */
char text[256];    /* set_text(), fmt_double() and clobber() write here */

/* Three ints: a + 10 b + 100 c shows each in its place. */
NOCALL int add3(int a, int b, int c)
{
	return a + 10 * b + 100 * c;
}

/* Eight longs: the last two come on the stack. Each weighted by its position. */
NOCALL long sum8(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

/* Sixteen longs, cdbg's maximum: sum of (i + 1) * arg[i]. */
NOCALL long sum16(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7,
		  long a8, long a9, long a10, long a11, long a12, long a13, long a14, long a15)
{
	long v[16] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15 };
	long s = 0;

	for (int i = 0; i < 16; i++)
		s += (i + 1) * v[i];
	return s;
}

/* A double and an int: x * n in xmm0. */
NOCALL double scale(double x, int n)
{
	return x * n;
}

/* Eight doubles in xmm0-7, weighted by position. */
NOCALL double mix8(double a, double b, double c, double d, double e, double f, double g,
		   double h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

/* printf("%f") of a double into text: glibc's printf uses aligned SSE stores on its stack,
 * so this faults unless rsp was 16-byte aligned at the call. Returns the length. */
NOCALL int fmt_double(double d)
{
	return snprintf(text, sizeof(text), "%.3f", d);
}

/* The length of a string argument, and a copy of it in text. */
NOCALL int set_text(const char *s)
{
	snprintf(text, sizeof(text), "%s", s);
	return (int)strlen(s);
}

/* A char argument: its code plus one. */
NOCALL int next_char(char c)
{
	return c + 1;
}

/* Adds x to the global counter; returns the new value. */
NOCALL long bump_counter(long x)
{
	counter += x;
	return counter;
}

/* memset and strlen over n bytes (glibc's versions use the widest vector registers the CPU
 * has), and some double arithmetic: clobbers xmm/ymm state. Returns strlen. */
NOCALL long clobber(long n)
{
	static char big[1 << 16];
	volatile double d = (double)n;

	if (n < 0 || n >= (long)sizeof(big))
		return -1;
	memset(big, 'x', (size_t)n);
	big[n] = '\0';
	d = d * 1.5 + 0.25;
	snprintf(text, sizeof(text), "%.2f", d);
	return (long)strlen(big);
}

/* Reads through p: a NULL p faults (SIGSEGV at address 0). */
NOCALL int deref(const int *p)
{
	return *(const volatile int *)p;
}

/* The place a test stops the program at: called on "stop". */
NOCALL void stop_here(void)
{
	__asm__ __volatile__("" ::: "memory");
}

int main(void)
{
	char line[256];

	tracee_init();
	printf("ready pid=%d stop_here=%p counter=%p text=%p\n", (int)getpid(),
	       (void *)(uintptr_t)stop_here, (void *)&counter, (void *)text);
	while (tracee_read_line(line, sizeof(line)) && !tracee_is_quit(line)) {
		if (!strcmp(line, "stop")) {
			stop_here();
			printf("stop_here returned\n");
		} else if (!strcmp(line, "alloc")) {
			void *volatile m = malloc(1000);
			int ok = m != NULL;

			free(m);
			printf("alloc %s\n", ok ? "ok" : "failed");
		} else if (!strcmp(line, "show")) {
			printf("counter=%ld text=%s\n", counter, text);
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	printf("done counter=%ld\n", counter);
	return 0;
}
