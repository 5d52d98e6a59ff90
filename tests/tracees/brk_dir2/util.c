/* brk_files: the second util.c (see brk_files.c): a static helper() of its own. */
static __attribute__((noinline)) int helper(int x)
{
	return x * 5;
}

int dir2_entry(int x)
{
	return helper(x) + 2;
}
