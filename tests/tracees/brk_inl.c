/* brk_files (see brk_files.c), built -O2: bump() is inlined at every call; the program counts
 * its calls in bumps, for a test to compare with the hits of `break bump`. */
static volatile int bumps;
static volatile int toggle;

static inline int bump(int x)
{
	bumps = bumps + 1;
	return x + toggle;
}

__attribute__((noinline)) static int one(int x)
{
	return bump(x) * 2;
}

__attribute__((noinline)) static int two(int x)
{
	int r = bump(x);

	if (toggle == 0)
		r += bump(r);
	return r;
}

int inl_round(int x)
{
	int r = one(x) + two(x);

	if (x % 2)
		r += bump(r);
	return r;
}

int inl_bumps(void)
{
	return bumps;
}
