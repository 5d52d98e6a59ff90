/*
 * inject_lib - a tiny shared library for `inject` tests: loaded into a running program with
 * its own dlopen, its constructor proves it ran inside that program.
 *
 * The constructor appends "injected pid=<getpid()>" to the file named by the program's
 * environment variable CDBG_INJECT_MARKER (nothing when it is unset) and prints
 * "inject_lib: constructor ran in pid <pid>" on the program's stdout. inject_lib_answer()
 * returns 4242, for a call into the library once it is loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void inject_lib_init(void)
{
	const char *path = getenv("CDBG_INJECT_MARKER");
	FILE *f;

	if (path && (f = fopen(path, "a"))) {
		fprintf(f, "injected pid=%d\n", (int)getpid());
		fclose(f);
	}
	printf("inject_lib: constructor ran in pid %d\n", (int)getpid());
	fflush(stdout);
}

__attribute__((visibility("default"))) int inject_lib_answer(void)
{
	return 4242;
}
