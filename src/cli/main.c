/*
 * main.c - cdbg's entry point: the seed's commands (cdbg attach -p PID, cdbg exec PROG) and
 * gdb's invocation (cdbg PROG, cdbg -p PID, --args, -ex, -iex, -x, -batch, -q, -nx).
 *
 * Owns: parsing the command line and the session's beginning and end: whatever happens, the
 * program is left as cdbg found it (detached if attached, killed if started).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_queue_line(struct cli *c, const char *line, bool front);
int cli_queue_file(struct cli *c, const char *path, bool front);
void cli_loop(struct cli *c);
void cli_prompt_init(struct cli *c);
void cli_prompt_done(struct cli *c);
int cli_attach(struct cli *c, pid_t pid);
int cli_let_go(struct cli *c);
void cli_init(struct cli *c);

static void usage(FILE *f)
{
	fprintf(f,
		"usage: cdbg [options] [PROGRAM]        debug PROGRAM (run it with 'run')\n"
		"       cdbg [options] -p PID           attach to a running process\n"
		"       cdbg [options] --args PROGRAM ARGS...\n"
		"       cdbg attach -p PID [--for SECONDS]\n"
		"       cdbg exec PROGRAM [ARGS...]\n"
		"\n"
		"gdb-compatible options:\n"
		"  -p, --pid PID       attach to process PID (every thread)\n"
		"  --args PROG ARGS    pass the arguments after PROG to it\n"
		"  -ex CMD             run CMD after loading the program (repeatable, in order)\n"
		"  -iex CMD            run CMD before loading the program (repeatable)\n"
		"  -x FILE             run the commands in FILE (in order with -ex)\n"
		"  -batch              run the commands, then leave: detach an attached process,\n"
		"                      kill a started one; exit status 1 if a command failed\n"
		"  -q, -quiet          no banner\n"
		"  -nx, -n             accepted (cdbg reads no init file)\n"
		"  --help, --version\n"
		"\n"
		"Commands come from -ex/-x, then from standard input: the prompt on a terminal, or\n"
		"line by line from a pipe or file (end of input detaches or kills, as -batch does).\n"
		"Type 'help' at the prompt for the command list.\n"
		"\n"
		"The seed's commands:\n"
		"  attach -p PID       stop every thread of PID, list them, hold until Enter is\n"
		"                      pressed (or SECONDS pass), then detach\n"
		"  exec PROG ARGS      run PROG under trace, report its threads, forks, signals and\n"
		"                      exit; exit with its status\n");
}

/* Options shared by one-dash and two-dash spellings (gdb accepts both). */
static bool opt(const char *arg, const char *name)
{
	if (arg[0] != '-')
		return false;
	arg += arg[1] == '-' ? 2 : 1;
	return !strcmp(arg, name);
}

struct start {
	pid_t pid;
	const char *prog;
	char **args;
};

static int parse(struct cli *c, int argc, char **argv, struct start *st)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		if ((opt(a, "ex") || opt(a, "eval-command")) && more) {
			cli_queue_line(c, argv[++i], false);
		} else if ((opt(a, "iex") || opt(a, "init-eval-command")) && more) {
			i++; /* run before loading: handled in a first pass */
		} else if ((opt(a, "x") || opt(a, "command")) && more) {
			if (cli_queue_file(c, argv[++i], false) < 0)
				return -1;
		} else if ((opt(a, "p") || opt(a, "pid")) && more) {
			char *end;
			long pid = strtol(argv[++i], &end, 10);
			if (*end || pid <= 0) {
				fprintf(stderr, "cdbg: invalid process id '%s': give a positive number\n",
					argv[i]);
				return -1;
			}
			st->pid = (pid_t)pid;
		} else if (opt(a, "batch")) {
			c->batch = true;
			c->quiet = true;
		} else if (opt(a, "q") || opt(a, "quiet") || opt(a, "silent")) {
			c->quiet = true;
		} else if (opt(a, "nx") || opt(a, "n") || opt(a, "nh")) {
			/* no init files are read anyway */
		} else if (opt(a, "args") && more) {
			st->prog = argv[++i];
			st->args = argv + i + 1;
			return 0;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "cdbg: unrecognized option '%s'\nUse `cdbg --help' for a "
				"complete list of options.\n", a);
			return -1;
		} else if (!st->prog) {
			st->prog = a;
		} else if (!st->pid) {
			/* gdb PROG PID (or PROG core: not supported) */
			char *end;
			long pid = strtol(a, &end, 10);
			if (*end || pid <= 0) {
				fprintf(stderr, "cdbg: core files are not supported: '%s'\n", a);
				return -1;
			}
			st->pid = (pid_t)pid;
		}
	}
	return 0;
}

static void run_iex(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++) {
		if (opt(argv[i], "args"))
			return;
		if (opt(argv[i], "iex") || opt(argv[i], "init-eval-command"))
			cli_execute(c, argv[++i]);
	}
}

void cli_queue_free(struct cli *c);

/* Everything the session allocated (the sanitizer build checks for leaks). */
static void cli_free(struct cli *c)
{
	cli_bp_free_all(c);
	cli_source_free_all();
	cli_queue_free(c);
	while (c->vars) {
		struct cli_var *v = c->vars;
		c->vars = v->next;
		free(v->name);
		free(v);
	}
	for (size_t i = 0; c->args && c->args[i]; i++)
		free(c->args[i]);
	free(c->args);
	free(c->hist);
	free(c->tnum_tid);
	free(c->last_cmd);
	free(c->prog);
	cdbg_free(c->p);
}

static int gdb_main(int argc, char **argv)
{
	struct cli cl = { 0 }, *c = &cl;
	struct start st = { 0 };
	int status;

	c->p = cdbg_new();
	if (!c->p) {
		fprintf(stderr, "cdbg: out of memory\n");
		return 1;
	}
	c->confirm = true;
	c->exitcode = -1;
	c->next_bp_num = 1;
	cli_init(c);
	if (parse(c, argc, argv, &st) < 0)
		return 2;
	c->interactive = !c->batch && isatty(0);
	cli_catch_signals();
	if (!c->quiet)
		printf("cdbg %s, a gdb-compatible debugger. Type \"help\" for commands.\n",
		       cdbg_version());
	run_iex(c, argc, argv);
	if (st.prog) {
		if (access(st.prog, F_OK) < 0) {
			fprintf(stderr, "%s: %s.\n", st.prog, strerror(errno));
			c->errors++;
		} else {
			char *abs = realpath(st.prog, NULL);
			c->prog = abs ? abs : strdup(st.prog);
			if (st.args) {
				size_t n = 0;
				while (st.args[n])
					n++;
				c->args = calloc(n + 1, sizeof(char *));
				for (size_t i = 0; c->args && i < n; i++)
					c->args[i] = strdup(st.args[i]);
			}
		}
	}
	if (st.pid && cli_attach(c, st.pid) < 0 && c->batch) {
		/* gdb -batch -p BAD: report, and run no command against nothing */
	}
	cli_prompt_init(c);
	cli_loop(c);
	cli_prompt_done(c);
	if (cli_got_signal && cli_got_signal != SIGINT)
		fprintf(stderr, "cdbg: %s received: letting the program go\n", cli_signame(cli_got_signal));
	cli_let_go(c);
	status = c->quit && c->exitcode >= 0 && !c->errors ? c->exitcode : c->errors ? 1 : 0;
	if (cli_got_signal && cli_got_signal != SIGINT)
		status = 128 + cli_got_signal;
	fflush(stdout);
	cli_free(c);
	return status;
}

int main(int argc, char **argv)
{
	/* Line by line on a terminal; in blocks into a pipe or file (flushed before waiting). */
	if (isatty(1))
		setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			 !strcmp(argv[1], "-help"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-version"))) {
		printf("cdbg %s\n", cdbg_version());
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "attach"))
		return cli_cmd_attach(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "exec"))
		return cli_cmd_exec(argc - 1, argv + 1);
	return gdb_main(argc, argv);
}
