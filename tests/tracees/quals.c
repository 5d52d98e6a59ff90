/*
 * quals.c - type qualifiers in every order and place, for ptype/whatis against gdb: _Atomic,
 * const volatile (both nestings), restrict pointers, qualified pointers to qualified types,
 * a typedef'd pointer under const; for ptype, qualified arrays (of qualified elements, as
 * GCC writes them), pointers to and qualified pointers through typedefs, a qualified struct
 * under a pointer. Runs main and exits 0; nothing to wait for.
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

typedef volatile int vint;
typedef struct quals quals_t;

volatile char g_varr[2];
const volatile short g_cvarr[2][3];
volatile char *g_pvc;
char *volatile g_vpc;
const volatile unsigned char *const volatile g_cvpcv;
vint *g_pvint;
const vint g_cvint;
vint g_vintarr[4];
const quals_t *g_pcq;
intp const volatile g_cvintp;

int use(struct quals *q, const char *restrict s)
{
	return q->a + (s != 0) + g_cvs + g_varr[0] + (g_pvc != 0) + (g_vpc != 0) + g_cvint;
}

int main(void)
{
	return use(&g_quals, "x") == 12345;
}
