/*
 * forker - forks children one after another, for fork following and breakpoint
 * removal in children.
 *
 * Usage: forker COUNT [vfork]     (0 <= COUNT <= 100000)
 *
 * Prints the ready line and waits for a stdin line "go" (so a test can attach
 * first). Then for each i in 0..COUNT-1 the parent calls child_work(i) and forks
 * (or vforks); the child calls child_work(i) too, so a breakpoint on child_work hits
 * in both. A fork child checks the result, prints its line and exits 0; a vfork
 * child may only call child_work and _exit, so it prints nothing. The parent waits
 * for each child before the next. What a test can observe:
 *   "ready pid=<pid> child_work=<address>"  address of child_work, as %p
 *   "child <pid> ok anon_exec=<n> trap_caught=<0|1>"
 *                                           from each fork (not vfork) child; n is the
 *                                           number of anonymous executable mappings it
 *                                           has (a debugger's scratch memory would be one);
 *                                           trap_caught: SIGTRAP has a handler (SigCgt)
 *   "child <pid> status=<hex>"              from the parent, for a child that did
 *                                           not exit 0 (raw wait status)
 *   "forks=<COUNT> ok=<n>"                  at the end; n children exited 0; exit 0
 *                                           if n == COUNT, else exit 1
 * "quit" or EOF of stdin before "go" prints "forks=0 ok=0" and exits 0. Other lines
 * before "go" print "error: unknown command '<line>'". fork failing prints
 * "error: fork: <strerror>" and exits 2.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "tracee.h"

int child_work(int n);

/* The function both sides call; noinline so it exists as a breakpoint target */
__attribute__((noinline, noclone)) int child_work(int n)
{
	unsigned int h = 2166136261u;
	int i;

	for (i = 0; i < 100 + n; i++) {
		h = (h ^ (unsigned int)i) * 16777619u;
		__asm__ __volatile__("" : "+r"(h));
	}
	return (int)(h & 0x7fffffff);
}

/* Anonymous executable mappings of this process: lines of /proc/self/maps with an x
 * permission and no path. */
static int anon_exec(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512], perm[8], path[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		path[0] = '\0';
		if (sscanf(line, "%*s %7s %*s %*s %*s %255s", perm, path) >= 1 && perm[2] == 'x' &&
		    !path[0])
			n++;
	}
	fclose(f);
	return n;
}

/* 1 if SIGTRAP has a handler in this process (/proc/self/status SigCgt bit 5), else 0. */
static int trap_caught(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long m = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigCgt: %llx", &m) == 1)
			break;
	fclose(f);
	return (int)((m >> (SIGTRAP - 1)) & 1);
}

/* Fork one child for round i; returns its pid */
static pid_t start_child(int i, int use_vfork)
{
	int want = child_work(i);
	pid_t pid;

	if (use_vfork) {
		pid = vfork();
		if (pid == 0)
			_exit(child_work(i) == want ? 0 : 1);
	} else {
		pid = fork();
		if (pid == 0) {
			tracee_arm_deadline();
			if (child_work(i) != want)
				_exit(1);
			printf("child %d ok anon_exec=%d trap_caught=%d\n", (int)getpid(), anon_exec(),
			       trap_caught());
			fflush(stdout);
			_exit(0);
		}
	}
	if (pid < 0) {
		printf("error: %s: %s\n", use_vfork ? "vfork" : "fork", strerror(errno));
		exit(2);
	}
	return pid;
}

/* Wait for a child; returns 1 if it exited 0 */
static int child_ok(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("error: waitpid %d: %s\n", (int)pid, strerror(errno));
			return 0;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 1;
	printf("child %d status=0x%x\n", (int)pid, status);
	return 0;
}

/* Wait for "go"; returns 0 if stdin ended or said "quit" first */
static int wait_for_go(void)
{
	char line[256];

	while (tracee_read_line(line, sizeof(line))) {
		if (strcmp(line, "go") == 0)
			return 1;
		if (tracee_is_quit(line))
			return 0;
		printf("error: unknown command '%s'\n", line);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, count, use_vfork = 0, ok = 0;

	tracee_init();
	if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "vfork") != 0)) {
		fprintf(stderr, "usage: forker COUNT [vfork]\n");
		return TRACEE_EXIT_USAGE;
	}
	count = (int)tracee_parse_long(argv[1], 0, 100000, "count");
	use_vfork = argc == 3;

	printf("ready pid=%d child_work=%p\n", (int)getpid(), (void *)child_work);
	if (!wait_for_go()) {
		printf("forks=0 ok=0\n");
		return 0;
	}
	for (i = 0; i < count; i++)
		ok += child_ok(start_child(i, use_vfork));
	printf("forks=%d ok=%d\n", count, ok);
	return ok == count ? 0 : 1;
}
