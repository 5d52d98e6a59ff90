/*
 * dl_host - loads dl_lib.so (from its own directory) with dlopen only when told, calls into
 * it, and unloads it, for the tests of libraries loaded later.
 *
 * Usage: dl_host        (no arguments)
 *
 * What a test can observe: "ready pid=<pid>", then for each stdin line:
 *   "load"     dlopen: "loaded dl_add=<address>" or "load error=<reason>"
 *   "call N"   "dl_add=<dl_add(N, 2)> dl_twice=<dl_twice(N)>" (needs "load")
 *   "unload"   dlclose, then unloaded_here() runs: "unloaded"
 * "quit" or EOF prints "done" and exits 0; other lines print "error: unknown command '<line>'".
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>

#include "tracee.h"

/* Runs after each dlclose: a place to stop once the library is gone. */
__attribute__((noinline)) void unloaded_here(void)
{
	printf("unloaded\n");
}

int main(void)
{
	int (*add)(int, int) = NULL, (*twice)(int) = NULL;
	char line[256], path[PATH_MAX + 16];
	void *h = NULL;
	ssize_t n;

	tracee_init();
	n = readlink("/proc/self/exe", path, PATH_MAX);
	if (n <= 0)
		return 1;
	path[n] = '\0';
	strcpy(strrchr(path, '/') + 1, "dl_lib.so");
	printf("ready pid=%d\n", (int)getpid());
	while (tracee_read_line(line, sizeof(line))) {
		if (tracee_is_quit(line))
			break;
		if (strcmp(line, "load") == 0 && !h) {
			if ((h = dlopen(path, RTLD_NOW))) {
				add = (int (*)(int, int))dlsym(h, "dl_add");
				twice = (int (*)(int))dlsym(h, "dl_twice");
				printf("loaded dl_add=%p\n", (void *)add);
			} else {
				printf("load error=%s\n", dlerror());
			}
		} else if (strncmp(line, "call ", 5) == 0 && add && twice) {
			int a = (int)tracee_parse_long(line + 5, -1000, 1000, "N");
			int r = add(a, 2);
			printf("dl_add=%d dl_twice=%d\n", r, twice(a));
		} else if (strcmp(line, "unload") == 0 && h) {
			dlclose(h);
			h = NULL;
			add = NULL;
			twice = NULL;
			unloaded_here();
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	printf("done\n");
	return 0;
}
