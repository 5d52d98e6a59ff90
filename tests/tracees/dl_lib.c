/*
 * dl_lib.so - the library dl_host loads with dlopen after it has started, so that a debugger
 * must learn of it when it is loaded (pending breakpoints, the module list).
 */
int dl_counter = 100; /* L:counter */

__attribute__((noinline)) int dl_add(int a, int b)
{
	int sum = a + b;         /* L:add_first */

	dl_counter += sum;
	return sum;              /* L:add_return */
}

__attribute__((noinline)) int dl_twice(int a)
{
	return dl_add(a, a) * 2; /* L:twice */
}
