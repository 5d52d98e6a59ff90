/*
 * cmd_gcore.c - core files of a live program: `gcore [FILE]` (alias `generate-core-file`) at
 * the prompt, and `cdbg gcore [-o PREFIX] PID...` without one (gdb's gcore script: attach,
 * write PREFIX.PID, detach).
 *
 * Owns: the commands' words and messages. Must not: write the file itself (cdbg_gcore does)
 * or leave a process it attached to stopped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

static int cmd_gcore(struct cli *c, char *args)
{
	char def[64], *file = cli_skip_ws(args);
	size_t len = strlen(file);

	if (!cli_need_stopped(c))
		return -1;
	while (len && (file[len - 1] == ' ' || file[len - 1] == '\t'))
		file[--len] = 0;
	if (!len) {
		snprintf(def, sizeof(def), "core.%d", (int)cdbg_pid(c->p));
		file = def;
	}
	if (cdbg_gcore(c->p, file) < 0)
		return cli_lib_error(c);
	printf("Saved corefile %s\n", file);
	return 0;
}

const struct cli_cmd cli_cmds_gcore[] = {
	{ "gcore",
	  { "generate-core-file" },
	  cmd_gcore,
	  0,
	  "Save a core file with the current state of the debugged process.\n"
	  "Usage: gcore [FILE]\n"
	  "FILE defaults to core.PID. Every thread and every mapping the kernel would dump\n"
	  "(under /proc/PID/coredump_filter) is written, with the program's own bytes where\n"
	  "breakpoints are inserted; the program is not changed." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

static int usage_gcore(void)
{
	fprintf(stderr, "usage: cdbg gcore [-o PREFIX] PID...\n");
	return 2;
}

/* One process: attach, write PREFIX.PID, detach. 0 or 1. */
static int gcore_one(const char *prefix, pid_t pid)
{
	cdbg_proc *p = cdbg_new();
	char *file;
	int r, ok;

	if (!p || !(file = malloc(strlen(prefix) + 16))) {
		fprintf(stderr, "cdbg: out of memory\n");
		cdbg_free(p);
		return 1;
	}
	sprintf(file, "%s.%d", prefix, (int)pid);
	if (cdbg_attach(p, pid) < 0) {
		fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
		free(file);
		cdbg_free(p);
		return 1;
	}
	ok = cdbg_gcore(p, file) == 0;
	if (!ok)
		fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
	if ((r = cdbg_detach(p)) < 0) {
		fprintf(stderr, "cdbg: %s\n", cdbg_errmsg(p));
		ok = 0;
	}
	if (ok)
		printf("Saved corefile %s\n", file);
	fflush(stdout);
	free(file);
	cdbg_free(p);
	return ok ? 0 : 1;
}

int cli_cmd_gcore(int argc, char **argv)
{
	const char *prefix = "core";
	int status = 0, npids = 0;
	char *end;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			prefix = argv[++i];
			continue;
		}
		long v = strtol(argv[i], &end, 10);
		if (*end || v <= 0 || v > 0x7fffffff) {
			if (argv[i][0] == '-')
				return usage_gcore();
			fprintf(stderr, "cdbg: invalid process id '%s': give a positive number\n",
				argv[i]);
			return 2;
		}
		npids++;
	}
	if (!npids)
		return usage_gcore();
	cli_catch_signals();
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			i++;
			continue;
		}
		status |= gcore_one(prefix, (pid_t)strtol(argv[i], NULL, 10));
	}
	return status;
}
