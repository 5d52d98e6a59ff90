/*
 * watch_chain - a watched pointer chain rewritten by threads that are born and die, for
 * watchpoints on expressions (watch cur->v, watch a + b, watch pair).
 *
 * Usage: watch_chain
 *
 * main calls ready() (a place for a breakpoint), then runs each step of a script in a new
 * thread of its own, joined before the next: writes to the records, to the pointer `cur`
 * (moving the chain to another record, with the same value or another), to a and b, to pair.
 * The program keeps its own account of how often the value of cur->v, of a + b and of pair
 * changed, and prints "done v=<n> sum=<n> pair=<n>"; exit 0.
 */
#include <pthread.h>
#include <stdio.h>

#include "tracee.h"

struct rec {
	int v;
	int pad;
};
struct pair {
	short x;
	int y;
};

struct rec recs[4];
struct rec *volatile cur = &recs[0];
volatile int a, b;
struct pair pair;

/* One step: what it writes and where. */
enum what { REC, CUR, A, B, PAIR_X, PAIR_Y };
struct step {
	enum what w;
	int i;
	int val;
};

static const struct step script[] = {
	{ REC, 0, 10 },	   /* cur->v 0 -> 10 */
	{ REC, 1, 20 },	   /* not watched */
	{ CUR, 1, 0 },	   /* cur->v 10 -> 20 */
	{ REC, 0, 11 },	   /* no longer watched */
	{ REC, 1, 21 },	   /* 20 -> 21 */
	{ REC, 2, 21 },	   /* not watched */
	{ CUR, 2, 0 },	   /* same value: no change */
	{ REC, 1, 22 },	   /* no longer watched */
	{ REC, 2, 23 },	   /* 21 -> 23 */
	{ A, 0, 5 },	   /* a + b 0 -> 5 */
	{ B, 0, 0 },	   /* same value */
	{ A, 0, 2 },	   /* 5 -> 2 */
	{ B, 0, 3 },	   /* 2 -> 5 */
	{ PAIR_X, 0, 7 },  /* pair changes */
	{ PAIR_Y, 0, 9 },  /* pair changes */
	{ PAIR_Y, 0, 9 },  /* same */
	{ REC, 2, 23 },	   /* same */
};

static int value_v(void)
{
	return cur->v;
}

static void *run_step(void *arg)
{
	const struct step *s = arg;

	switch (s->w) {
	case REC:
		recs[s->i].v = s->val;
		break;
	case CUR:
		cur = &recs[s->i];
		break;
	case A:
		a = s->val;
		break;
	case B:
		b = s->val;
		break;
	case PAIR_X:
		pair.x = (short)s->val;
		break;
	case PAIR_Y:
		pair.y = s->val;
		break;
	}
	return NULL;
}

__attribute__((noinline)) void ready(void)
{
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	int nv = 0, nsum = 0, npair = 0;

	tracee_init();
	ready();
	for (size_t i = 0; i < sizeof(script) / sizeof(script[0]); i++) {
		int v = value_v(), sum = a + b;
		struct pair p = pair;
		pthread_t t;
		if (pthread_create(&t, NULL, run_step, (void *)&script[i]) != 0 ||
		    pthread_join(t, NULL) != 0)
			return 1;
		nv += value_v() != v;
		nsum += a + b != sum;
		npair += pair.x != p.x || pair.y != p.y;
	}
	printf("done v=%d sum=%d pair=%d\n", nv, nsum, npair);
	return 0;
}
