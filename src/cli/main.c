/*
 * main.c - cdbg's entry point: picks the command and hands over. A thin front-end: everything
 * it does to a process goes through libcdbg (cdbg.h).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: cdbg attach -p PID [--for SECONDS]\n"
		"       cdbg exec PROG [ARGS...]\n"
		"       cdbg --help | --version\n"
		"\n"
		"  attach -p PID     stop every thread of process PID, list them, hold the process\n"
		"                    until Enter is pressed (or SECONDS pass), then detach: the\n"
		"                    program carries on as if nothing happened\n"
		"  exec PROG ARGS    run PROG under trace from its first instruction, report its\n"
		"                    threads, forks, signals and exit; exit with its status\n");
}

int main(int argc, char **argv)
{
	/* Line by line on a terminal; in blocks into a pipe or file (flushed before waiting). */
	if (isatty(1))
		setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("cdbg %s\n", cdbg_version());
		return 0;
	}
	if (!strcmp(argv[1], "attach"))
		return cli_cmd_attach(argc - 1, argv + 1);
	if (!strcmp(argv[1], "exec"))
		return cli_cmd_exec(argc - 1, argv + 1);
	fprintf(stderr, "cdbg: unknown command '%s'; try 'cdbg --help'\n", argv[1]);
	return 2;
}
