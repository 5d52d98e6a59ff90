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
#include "dap.h"
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
		"  or:  cdbg dap [--listen HOST:PORT]\n"
		"Debug a Linux x86-64 program with gdb's commands: start PROGRAM under the debugger\n"
		"with 'run', or attach to every thread of the running process PID. When cdbg leaves,\n"
		"a process it attached to is detached and goes on as it was; one it started is killed.\n"
		"'cdbg dap' serves the Debug Adapter Protocol (editors: VS Code, Neovim, Emacs...) on\n"
		"stdin and stdout, or to one client on HOST:PORT (cdbg dap --help; docs/dap.md).\n"
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
		"  -eiex, -ix, -eix FILE|CMD  gdb's early and init commands and command files\n"
		"  -e, --exec, --se, -s, --symbols PROGRAM\n"
		"                             the program (its symbols are read from it)\n"
		"  -d, --directory DIR        search for source files in DIR\n"
		"  --cd DIR                   change to directory DIR first\n"
		"  --batch-silent             as -batch, with nothing on standard output\n"
		"  --return-child-result      exit with the program's exit status\n"
		"  -nh, -nw, -nowindows, -w, --readnow, --readnever, -D, --data-directory DIR,\n"
		"  --interpreter=console, -b BAUD, -l TIMEOUT\n"
		"                             accepted for gdb's sake, with no effect: cdbg reads\n"
		"                             no init file, has no GUI or TUI, reads symbols as it\n"
		"                             needs them, uses no data directory, debugs no remote\n"
		"  -h, --help                 print this help and exit\n"
		"  --version, --configuration print the version and exit (anywhere on the line)\n"
		"\n"
		"Options are gdb's, as its getopt_long_only takes them: -name VALUE or -name=VALUE,\n"
		"and any unambiguous beginning of a name. gdb's --tui, --fullname, --tty, --write,\n"
		"--dbx, --statistics and interpreters other than console are refused.\n"
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

/*
 * gdb's options (gdb 13's `gdb --help`), as its getopt_long_only takes them: one dash or two,
 * "-name VALUE" or "-name=VALUE", and any unambiguous beginning of a name (-nowin).
 */
enum opt_id {
	O_ARGS,
	O_CORE,
	O_EXEC,
	O_PID,
	O_DIR,
	O_SE,
	O_SYMBOLS,
	O_READNOW,
	O_READNEVER,
	O_WRITE,
	O_X,
	O_IX,
	O_EX,
	O_IEX,
	O_EIX,
	O_EIEX,
	O_NH,
	O_NX,
	O_FULLNAME,
	O_INTERP,
	O_TTY,
	O_WINDOWS,
	O_NOWINDOWS,
	O_TUI,
	O_QUIET,
	O_BATCH,
	O_BATCH_SILENT,
	O_CHILD_RESULT,
	O_CONFIG,
	O_HELP,
	O_VERSION,
	O_BAUD,
	O_TIMEOUT,
	O_CD,
	O_DATA_DIR,
	O_DBX,
	O_STATISTICS,
};

static const struct gdb_opt {
	const char *name;
	bool arg;
	enum opt_id id;
} gdb_opts[] = {
	{ "args", false, O_ARGS },
	{ "core", true, O_CORE },
	{ "c", true, O_CORE },
	{ "exec", true, O_EXEC },
	{ "e", true, O_EXEC },
	{ "pid", true, O_PID },
	{ "p", true, O_PID },
	{ "directory", true, O_DIR },
	{ "d", true, O_DIR },
	{ "se", true, O_SE },
	{ "symbols", true, O_SYMBOLS },
	{ "s", true, O_SYMBOLS },
	{ "readnow", false, O_READNOW },
	{ "readnever", false, O_READNEVER },
	{ "write", false, O_WRITE },
	{ "command", true, O_X },
	{ "x", true, O_X },
	{ "init-command", true, O_IX },
	{ "ix", true, O_IX },
	{ "eval-command", true, O_EX },
	{ "ex", true, O_EX },
	{ "init-eval-command", true, O_IEX },
	{ "iex", true, O_IEX },
	{ "early-init-command", true, O_EIX },
	{ "eix", true, O_EIX },
	{ "early-init-eval-command", true, O_EIEX },
	{ "eiex", true, O_EIEX },
	{ "nh", false, O_NH },
	{ "nx", false, O_NX },
	{ "n", false, O_NX },
	{ "fullname", false, O_FULLNAME },
	{ "f", false, O_FULLNAME },
	{ "interpreter", true, O_INTERP },
	{ "i", true, O_INTERP },
	{ "tty", true, O_TTY },
	{ "t", true, O_TTY },
	{ "windows", false, O_WINDOWS },
	{ "w", false, O_WINDOWS },
	{ "nowindows", false, O_NOWINDOWS },
	{ "nw", false, O_NOWINDOWS },
	{ "tui", false, O_TUI },
	{ "quiet", false, O_QUIET },
	{ "q", false, O_QUIET },
	{ "silent", false, O_QUIET },
	{ "batch", false, O_BATCH },
	{ "batch-silent", false, O_BATCH_SILENT },
	{ "return-child-result", false, O_CHILD_RESULT },
	{ "configuration", false, O_CONFIG },
	{ "help", false, O_HELP },
	{ "h", false, O_HELP },
	{ "version", false, O_VERSION },
	{ "b", true, O_BAUD },
	{ "baud", true, O_BAUD },
	{ "l", true, O_TIMEOUT },
	{ "cd", true, O_CD },
	{ "data-directory", true, O_DATA_DIR },
	{ "D", true, O_DATA_DIR },
	{ "dbx", false, O_DBX },
	{ "statistics", false, O_STATISTICS },
};

/* The option arg names ("-name", "--name=VALUE"), or NULL; *value gets "=VALUE"'s text. */
static const struct gdb_opt *opt_find(const char *arg, const char **value, bool *ambiguous)
{
	const struct gdb_opt *found = NULL;
	size_t n;

	*value = NULL;
	*ambiguous = false;
	if (arg[0] != '-' || !arg[1])
		return NULL;
	arg += arg[1] == '-' ? 2 : 1;
	n = strcspn(arg, "=");
	if (arg[n] == '=')
		*value = arg + n + 1;
	for (size_t i = 0; i < sizeof(gdb_opts) / sizeof(gdb_opts[0]); i++) {
		if (strlen(gdb_opts[i].name) == n && !strncmp(gdb_opts[i].name, arg, n))
			return &gdb_opts[i];
	}
	for (size_t i = 0; n && i < sizeof(gdb_opts) / sizeof(gdb_opts[0]); i++) {
		if (strncmp(gdb_opts[i].name, arg, n))
			continue;
		if (found && found->id != gdb_opts[i].id)
			*ambiguous = true;
		found = &gdb_opts[i];
	}
	return *ambiguous ? NULL : found;
}

/* An early command (-iex, -ix, -eiex, -eix, -d): run before the program is read. */
struct early {
	enum opt_id id;
	const char *value;
};

struct start {
	pid_t pid;
	const char *prog;
	const char *core; /* cdbg PROG CORE, -c CORE, --core=CORE */
	char **args;
	struct early *early; /* in the order given */
	size_t n_early;
	bool version, help, child_result, readnow, readnever;
};

static int opt_error(const char *fmt, const char *a)
{
	fprintf(stderr, "cdbg: ");
	fprintf(stderr, fmt, a);
	fprintf(stderr, "\nUse `cdbg --help' for a complete list of options.\n");
	return -1;
}

/* An option cdbg does not take, with the reason. */
static int opt_refuse(const char *a, const char *why)
{
	fprintf(stderr, "cdbg: option '%s' is not supported: %s\n", a, why);
	return -1;
}

static int parse_pid(struct start *st, const char *text)
{
	char *end;
	long pid = strtol(text, &end, 10);

	if (*end || pid <= 0 || end == text) {
		fprintf(stderr, "Illegal process-id: %s.\n", text);
		return -1;
	}
	st->pid = (pid_t)pid;
	return 0;
}

static int parse_opt(struct cli *c, const struct gdb_opt *o, const char *a, const char *v,
		     struct start *st)
{
	switch (o->id) {
	case O_CORE:
		st->core = v;
		return 0;
	case O_EXEC:
	case O_SE:
	case O_SYMBOLS: /* symbols are read from the program */
		st->prog = v;
		return 0;
	case O_PID:
		return parse_pid(st, v);
	case O_DIR:
	case O_IX:
	case O_IEX:
	case O_EIX:
	case O_EIEX:
		st->early[st->n_early++] = (struct early){ o->id, v };
		return 0;
	case O_X:
		return cli_queue_file(c, v, false);
	case O_EX:
		return cli_queue_line(c, v, false);
	case O_READNOW:
		st->readnow = true; /* cdbg reads symbols as it needs them either way */
		return 0;
	case O_READNEVER:
		st->readnever = true;
		return 0;
	case O_NH:
	case O_NX:
	case O_NOWINDOWS:
	case O_WINDOWS:  /* cdbg has no GUI: the console, as gdb built without one */
	case O_DATA_DIR: /* for gdb's Python and syscall files: cdbg uses neither */
	case O_BAUD:
	case O_TIMEOUT: /* remote-debugging settings; cdbg debugs local processes */
		return 0;
	case O_INTERP:
		if (strcmp(v, "console")) {
			fprintf(stderr, "Interpreter `%s' unrecognized\n", v);
			return -1;
		}
		return 0;
	case O_CD:
		if (chdir(v) < 0)
			fprintf(stderr, "%s: %s.\n", v, strerror(errno));
		return 0;
	case O_QUIET:
		c->quiet = true;
		return 0;
	case O_BATCH_SILENT:
		if (!freopen("/dev/null", "w", stdout))
			return -1;
		/* fall through */
	case O_BATCH:
		c->batch = true;
		c->style_enabled = false; /* gdb: -batch shows no styles */
		cli_style_update(c);
		c->quiet = true;
		return 0;
	case O_CHILD_RESULT:
		st->child_result = true;
		return 0;
	case O_HELP:
		st->help = true;
		return 0;
	case O_VERSION:
	case O_CONFIG:
		st->version = true;
		return 0;
	case O_TUI:
		return opt_refuse(a, "cdbg has no text user interface");
	case O_FULLNAME:
		return opt_refuse(a, "cdbg prints no annotations for an editor");
	case O_TTY:
		return opt_refuse(a, "the program shares cdbg's terminal");
	case O_WRITE:
		return opt_refuse(a, "cdbg does not write into executable or core files");
	case O_DBX:
		return opt_refuse(a, "cdbg has no dbx mode");
	case O_STATISTICS:
		return opt_refuse(a, "cdbg keeps no statistics");
	case O_ARGS:
		break;
	}
	return 0;
}

static int parse(struct cli *c, int argc, char **argv, struct start *st)
{
	st->early = calloc((size_t)argc, sizeof(*st->early));
	if (!st->early)
		return -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		bool ambiguous;
		const struct gdb_opt *o = opt_find(a, &v, &ambiguous);
		if (o && o->id == O_ARGS) {
			if (i + 1 >= argc)
				return opt_error("option '%s' requires an argument", a);
			st->prog = argv[++i];
			st->args = argv + i + 1;
			break;
		} else if (o) {
			if (o->arg && !v && i + 1 >= argc)
				return opt_error("option '%s' requires an argument", a);
			if (!o->arg && v)
				return opt_error("option '%s' doesn't allow an argument", a);
			if (o->arg && !v)
				v = argv[++i];
			if (parse_opt(c, o, a, v, st) < 0)
				return -1;
		} else if (ambiguous) {
			return opt_error("option '%s' is ambiguous", a);
		} else if (a[0] == '-' && a[1]) {
			return opt_error("unrecognized option '%s'", a);
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
	if (st->readnow && st->readnever) {
		fprintf(stderr, "cdbg: '--readnow' and '--readnever' cannot be specified "
				"simultaneously\n");
		return -1;
	}
	return 0;
}

/* -eiex/-eix, then -iex/-ix and -d, in their order: before the program is read. */
static void run_early(struct cli *c, const struct start *st)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < st->n_early; i++) {
			const struct early *e = &st->early[i];
			bool early = e->id == O_EIX || e->id == O_EIEX;
			char *line = NULL;
			if (early != !pass)
				continue;
			if (e->id == O_IEX || e->id == O_EIEX) {
				cli_execute(c, e->value);
			} else if (e->id == O_DIR) {
				if (asprintf(&line, "directory %s", e->value) >= 0)
					cli_execute(c, line);
			} else {
				size_t cap = 0;
				FILE *f = fopen(e->value, "re");
				if (!f) {
					cli_error(c, "%s: %s.", e->value, strerror(errno));
					continue;
				}
				while (getline(&line, &cap, f) >= 0) {
					line[strcspn(line, "\r\n")] = '\0';
					if (*cli_skip_ws(line) && *cli_skip_ws(line) != '#')
						cli_execute(c, line);
				}
				fclose(f);
			}
			free(line);
		}
	}
}

void cli_queue_free(struct cli *c);

/* Everything the session allocated (the sanitizer build checks for leaks). */
static void cli_free(struct cli *c)
{
	cli_bp_free_all(c);
	cli_skip_free_all(c);
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
	free(c->inferior_cwd);
	free(c->opts_cpl_result);
	cli_thread_numbers_reset(c);
	free(c->tnum_name);
	for (int i = 0; i < c->nsolibs; i++)
		free(c->solibs[i]);
	free(c->solibs);
	free(c->prog);
	free(c->dprintf_function);
	free(c->dprintf_channel);
	cdbg_free(c->p);
}

/* `cdbg dap`: the Debug Adapter Protocol server (src/dap), over a CLI of its own for the
 * debug console. */
static int dap_cmd(int argc, char **argv)
{
	struct cli cl = { 0 }, *c = &cl;

	c->p = cdbg_new();
	if (!c->p) {
		fprintf(stderr, "cdbg: out of memory\n");
		return 1;
	}
	c->exitcode = -1;
	c->exitsignal = -1;
	c->next_bp_num = 1;
	cli_init(c);
	c->style_enabled = false; /* DAP's text is never styled */
	cli_style_update(c);
	cli_catch_signals();
	int status = dap_main(c, argc, argv);
	cli_free(c);
	return status;
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
	c->exitsignal = -1;
	c->next_bp_num = 1;
	cli_init(c);
	if (parse(c, argc, argv, &st) < 0) {
		free(st.early);
		cli_free(c);
		return 1;
	}
	if (st.help || st.version) {
		if (st.help)
			usage(stdout);
		else
			printf("cdbg %s\n", cdbg_version());
		free(st.early);
		cli_free(c);
		return 0;
	}
	c->interactive = !c->batch && isatty(0);
	cli_catch_signals();
	if (!c->quiet)
		printf("cdbg %s, a gdb-compatible debugger. Type \"help\" for commands.\n",
		       cdbg_version());
	run_early(c, &st);
	free(st.early);
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
	if (st.child_result && c->exitcode >= 0)
		status = c->exitcode; /* --return-child-result */
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
	if (argc > 1 && !strcmp(argv[1], "dap"))
		return dap_cmd(argc - 1, argv + 1);
	return gdb_main(argc, argv);
}
