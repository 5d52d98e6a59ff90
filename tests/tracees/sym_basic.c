/*
 * sym_basic - a program whose symbols and source lines the symbol tests look up.
 *
 * Usage: sym_basic        (no arguments)
 *
 * Built several ways from this one file (see CMakeLists.txt): sym_basic (PIE, -O0 -g),
 * sym_nopie (-no-pie -O0 -g), sym_opt (-no-pie -O2 -g) and sym_nodebug (PIE, -O0, no -g,
 * symbol table only). Lines a test looks up carry a comment "L:name"; a test finds their
 * numbers by reading the file named in the "file=" line. What a test can observe:
 *   "ready pid=<pid> main=<%p> hit=<%p> counter=<%p> table=<%p> getpid=<%p> malloc=<%p>"
 *   "file=<this source file, as the compiler was given it>"
 * then, for each stdin line:
 *   "call"    hit(<calls so far>) runs: "hit=<result>"
 *   "dlopen"  libm.so.6 is loaded (it is not linked in): "dlopen cbrt=<address of cbrt>"
 *             or "dlopen error=<reason>"
 * "quit" or EOF prints "calls=<n>" and exits 0; other lines print
 * "error: unknown command '<line>'".
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

#include "tracee.h"

int sym_counter = 7;          /* a global object */
static int sym_table[16];     /* a file-local object */

int hit(int x);

/* Small: inlined at -O2, into each of its two callers. */
static inline int twice(int x)
{
	return 2 * x + sym_table[x & 15]; /* L:twice */
}

__attribute__((noinline)) int hit(int x) /* L:hit_decl */
{                                        /* L:hit_open */
	int y = x * 3;                   /* L:hit_first */

	if (y > 10)                      /* L:hit_if */
		y -= 4;
	/* no code on this line */       /* L:hit_blank */
	y += twice(x);                   /* L:hit_twice */
	return y + sym_counter;          /* L:hit_return */
}

/* Another caller of twice(), so -O2 has two inlined copies of it. */
__attribute__((noinline)) static int other(int x)
{
	return twice(x + 1) - 1;         /* L:other_twice */
}

int main(void)
{
	char line[256];
	int calls = 0, i;

	tracee_init();
	for (i = 0; i < 16; i++)         /* L:main_for */
		sym_table[i] = i;
	printf("ready pid=%d main=%p hit=%p counter=%p table=%p getpid=%p malloc=%p\n",
	       (int)getpid(), (void *)main, (void *)hit, (void *)&sym_counter, (void *)sym_table,
	       (void *)getpid, (void *)malloc);
	printf("file=%s\n", __FILE__);
	while (tracee_read_line(line, sizeof(line))) {
		if (tracee_is_quit(line))
			break;
		if (strcmp(line, "call") == 0) {
			calls++;
			printf("hit=%d\n", hit(calls) + other(calls)); /* L:main_call */
		} else if (strcmp(line, "dlopen") == 0) {
			void *h = dlopen("libm.so.6", RTLD_NOW);
			if (h)
				printf("dlopen cbrt=%p\n", dlsym(h, "cbrt"));
			else
				printf("dlopen error=%s\n", dlerror());
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	printf("calls=%d\n", calls);
	return 0;
}
