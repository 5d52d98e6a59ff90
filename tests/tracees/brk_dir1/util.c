/* brk_files: the first util.c (see brk_files.c): a static helper() of its own. */
static __attribute__((noinline)) int helper(int x)
{
	return x * 3;
}

int dir1_entry(int x)
{
	return helper(x) + 1;
}
