/*
 * quals.c - type qualifiers in every order and place, for ptype/whatis against gdb: _Atomic,
 * const volatile (both nestings), restrict pointers, qualified pointers to qualified types,
 * a typedef'd pointer under const. Runs main and exits 0; nothing to wait for.
 */
#include <stdatomic.h>

typedef int *intp;

struct quals {
	_Atomic int a;
	_Atomic(long) b;
	const volatile int cv;
	volatile const int vc;
	int *_Atomic ap;
	const char *volatile pv;
	char *const *ccp;
	const intp ci;
	int *restrict rp;
	const _Atomic unsigned cau;
};

struct quals g_quals;
const volatile short g_cvs = 3;

int use(struct quals *q, const char *restrict s)
{
	return q->a + (s != 0) + g_cvs;
}

int main(void)
{
	return use(&g_quals, "x") == 12345;
}
