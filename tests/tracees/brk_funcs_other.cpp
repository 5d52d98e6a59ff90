/*
 * brk_funcs_other - the second object of brk_funcs (see brk_funcs.cpp): static functions named
 * as that file's, lhelper (C linkage) and shelper (C++).
 */
extern volatile int g;

extern "C" {
static __attribute__((noinline)) int lhelper(int x)
{
	g += 4;
	return x + 30;
}
}

static __attribute__((noinline)) int shelper(int x)
{
	g += 5;
	return x + 40;
}

long other_calls(int x)
{
	return lhelper(x) + shelper(x);
}
