/*
 * main.c - cdbg's entry point: gdb's invocation (cdbg PROG, cdbg -p PID, cdbg PROG CORE, -c CORE,
 * --args, -ex, -iex, -x, -batch, -q, -nx), the tracing commands without a prompt (cdbg attach -p
 * PID, cdbg exec PROG: cmd_attach.c; cdbg gcore PID: cmd_gcore.c), and --help, the man page's
 * source.
 *
 * Owns: parsing the command line and the session's beginning and end: whatever happens, the
 * program is left as cdbg found it (detached if attached, killed if started).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "groups.h"

int cli_queue_line(struct cli *c, const char *line, bool front);
int cli_queue_file(struct cli *c, const char *path, bool front);
void cli_loop(struct cli *c);
void cli_prompt_init(struct cli *c);
void cli_prompt_done(struct cli *c);
int cli_attach(struct cli *c, pid_t pid);
int cli_let_go(struct cli *c);
void cli_init(struct cli *c);
int cli_cmd_gcore(int argc, char **argv);

/*
 * The --help text. It is also the man page's source: the build runs help2man on `cdbg --help`
 * (scripts/mkman, with docs/cdbg.h2m for the sections --help does not print and `help` at the
 * prompt for the command list), so the two cannot differ. help2man reads "Usage:"/"  or:"
 * lines as the synopsis, the paragraph after them as the description, lines ending in ':' as
 * section headings, and "  -x, --opt ARG  text" lines (two spaces before the text; further
 * lines indented past the option) as options.
 */
static void usage(FILE *f)
{
	fprintf(f,
		"Usage: cdbg [OPTION]... [PROGRAM [PID|CORE]]\n"
		"  or:  cdbg [OPTION]... -p PID\n"
		"  or:  cdbg [OPTION]... -c CORE [PROGRAM]\n"
		"  or:  cdbg [OPTION]... --args PROGRAM [ARG]...\n"
		"  or:  cdbg attach -p PID [--for SECONDS]\n"
		"  or:  cdbg exec PROGRAM [ARG]...\n"
		"  or:  cdbg gcore [-o PREFIX] PID...\n"
		"Debug a Linux x86-64 program with gdb's commands: start PROGRAM under the debugger\n"
		"with 'run', or attach to every thread of the running process PID. When cdbg leaves,\n"
		"a process it attached to is detached and goes on as it was; one it started is killed.\n"
		"\n"
		"Options (gdb's, with one dash or two):\n"
		"  -p, --pid PID              attach to process PID: every thread stops\n"
		"  -c, --core CORE            debug the core file CORE: the program as it was when\n"
		"                             it died (PROGRAM, when not given, is found from it)\n"
		"  --args PROGRAM [ARG]...    debug PROGRAM with the arguments that follow it\n"
		"  -ex, --eval-command CMD    run CMD after loading the program (repeatable; in order\n"
		"                             with -x)\n"
		"  -iex, --init-eval-command CMD\n"
		"                             run CMD before loading the program (repeatable)\n"
		"  -x, --command FILE         run the commands in FILE (in order with -ex)\n"
		"  -batch                     run the commands, then leave: detach an attached process,\n"
		"                             kill a started one; exit status 1 if a command failed\n"
		"  -q, -quiet, -silent        print no banner\n"
		"  -nx, -n                    accepted for gdb's sake: cdbg reads no init file\n"
		"  -h, --help                 print this help and exit\n"
		"  --version                  print the version and exit\n"
		"\n"
		"Commands come from -ex and -x, then from standard input: the (cdbg) prompt on a\n"
		"terminal, or line by line from a pipe or a file (the end of input leaves as -batch\n"
		"does). At the prompt, 'help' lists the commands and 'help COMMAND' describes one.\n"
		"\n"
		"Tracing without a prompt:\n"
		"  attach -p PID [--for SECONDS]\n"
		"                             stop every thread of PID, list the threads (id, name,\n"
		"                             state), hold them until Enter is pressed or SECONDS\n"
		"                             pass, then detach: the process goes on as it was\n"
		"  exec PROGRAM [ARG]...      run PROGRAM under trace and print its threads' starts and\n"
		"                             exits, forks, execs and signals as they happen; exit with\n"
		"                             its exit status (128+N if signal N killed it)\n"
		"  gcore [-o PREFIX] PID...   write a core file PREFIX.PID (default prefix 'core') of\n"
		"                             each running process PID, as gdb's gcore does: attach,\n"
		"                             write, detach; the process goes on as it was\n");
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
	const char *core; /* cdbg PROG CORE, -c CORE, --core=CORE */
	char **args;
};

/* "--name=VALUE" or "-name=VALUE" (gdb's getopt_long_only): VALUE, else NULL. */
static const char *opt_value(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (arg[0] != '-')
		return NULL;
	arg += arg[1] == '-' ? 2 : 1;
	return !strncmp(arg, name, n) && arg[n] == '=' ? arg + n + 1 : NULL;
}

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
				fprintf(stderr,
					"cdbg: invalid process id '%s': give a positive number\n",
					argv[i]);
				return -1;
			}
			st->pid = (pid_t)pid;
		} else if ((opt(a, "c") || opt(a, "core")) && more) {
			st->core = argv[++i];
		} else if (opt_value(a, "core") || opt_value(a, "c")) {
			st->core = opt_value(a, "core") ? opt_value(a, "core") : opt_value(a, "c");
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
			fprintf(stderr,
				"cdbg: unrecognized option '%s'\nUse `cdbg --help' for a "
				"complete list of options.\n",
				a);
			return -1;
		} else if (!st->prog) {
			st->prog = a;
		} else if (!st->pid && !st->core) {
			/* gdb PROG PID, or PROG CORE: a number is a process, anything else a core */
			char *end;
			long pid = strtol(a, &end, 10);
			if (!*end && pid > 0)
				st->pid = (pid_t)pid;
			else
				st->core = a;
		} else {
			fprintf(stderr, "Excess command line arguments ignored. (%s)\n", a);
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
		if (cli_set_program(c, st.prog, false) == 0 || c->prog) {
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
	if (st.core && !st.pid)
		cli_core_load(c, st.core);
	if (st.pid && cli_attach(c, st.pid) < 0 && c->batch) {
		/* gdb -batch -p BAD: report, and run no command against nothing */
	}
	cli_prompt_init(c);
	cli_loop(c);
	cli_prompt_done(c);
	if (cli_got_signal && cli_got_signal != SIGINT)
		fprintf(stderr, "cdbg: %s received: letting the program go\n",
			cli_signame(cli_got_signal));
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
	if (argc > 1 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "-help"))) {
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
	if (argc > 1 && !strcmp(argv[1], "gcore"))
		return cli_cmd_gcore(argc - 1, argv + 1);
	return gdb_main(argc, argv);
}
