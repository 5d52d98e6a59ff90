/*
 * hello - reports how it was launched, for launch (run) tests.
 *
 * Usage: hello [EXIT_CODE [ARG...]]     (0 <= EXIT_CODE <= 255, default 0)
 *
 * Does not read stdin and has no ready line. What a test can observe, in order:
 *   "argc=<n>"
 *   "argv[<i>]=<s>"                         one line per argument, argv[0] included
 *   "cwd=<getcwd()>"                        or "cwd=(error: <strerror>)"
 *   "env CDBG_TEST_VAR=<value>"             or "env CDBG_TEST_VAR=(unset)"
 * then exit with EXIT_CODE. A first argument that does not start with a digit is
 * just another argument (exit 0), so tests can pass arbitrary strings; a number
 * out of range is a usage error (exit 2).
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tracee.h"

int main(int argc, char **argv)
{
	char cwd[PATH_MAX];
	const char *var;
	int i, code = 0;

	tracee_init();
	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	if (getcwd(cwd, sizeof(cwd)))
		printf("cwd=%s\n", cwd);
	else
		printf("cwd=(error: %s)\n", strerror(errno));
	var = getenv("CDBG_TEST_VAR");
	printf("env CDBG_TEST_VAR=%s\n", var ? var : "(unset)");

	if (argc > 1 && argv[1][0] >= '0' && argv[1][0] <= '9')
		code = (int)tracee_parse_long(argv[1], 0, 255, "exit code");
	return code;
}
