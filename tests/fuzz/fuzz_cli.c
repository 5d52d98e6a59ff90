/*
 * fuzz_cli: libFuzzer target for the command interpreter (src/cli over libcdbg). Feeds arbitrary
 * bytes, up to the first NUL, as ONE command line to cli_execute() with no process held, in a
 * fresh struct cli set up as gdb_main (main.c) sets one up for -batch.
 *
 * What runs: every command except those that touch the world outside this process: a shell
 * (shell, !), files and directories (source, file/exec-file, symbol-file, core-file, gcore,
 * dump, append, cd), state through which a later line could reach those (alias, define,
 * document), processes (run, start, attach,
 * kill, detach, signal) and quit. The first word is resolved exactly as cli_execute does
 * (gdb's abbreviations included, through cli_lookup), so "sh", "ru" or "k" cannot slip past.
 *
 * Checks, beyond the sanitizers (ASan, UBSan, and leaks: the state one line leaves behind is
 * freed after it, so whatever is still allocated was lost): cli_execute returns 0 or -1, a
 * failure is counted in c->errors, and every command stops soon after a Ctrl-C: one second
 * into each line a timer sets cli_got_signal to SIGINT, as the CLI's handler does, and
 * libFuzzer's -timeout (10 s) reports a command that goes on regardless (x/1000000000s 0).
 * Output goes to /dev/null (the FILE pointers stdout and stderr are swapped; sanitizer and
 * libFuzzer reports use fd 2 and still show). Must not: keep state between inputs (the
 * interpreter's file-level lists, displays and breakpoint extras, are emptied through its own
 * commands, and the signal flag is cleared).
 */
#include <ctype.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

/* Not in cli.h: commands.c and run.c export them for main.c and repl.c. */
const struct cli_cmd *cli_lookup(const char *word, bool *ambiguous);
void cli_init(struct cli *c);

static FILE *devnull;
static timer_t ctrl_c; /* fires once, a second into each line */

/* The Ctrl-C a person would press at a command that takes too long. */
static void on_ctrl_c(int sig)
{
	(void)sig;
	cli_got_signal = SIGINT;
}

/* Commands that would reach outside the fuzzer: a shell, files, processes, leaving. */
static const char *const denied[] = { "shell", "source", "file", "dump", "append", "run", "start",
				      "attach", "kill", "detach", "signal", "quit",
				      /* state a later line could use to reach a denied one */
				      "alias", "define", "define-prefix", "document",
				      /* the fuzzer's own directory and files */
				      "cd", "core-file", "gcore", "symbol-file", NULL };

/* The command cli_execute would run for line (split_command in dispatch.c, mirrored): NULL
 * for none (empty, comment, unknown, ambiguous); "shell" for "!". */
static const char *command_of(const char *line)
{
	const char *s = line, *e;
	char word[32];
	const struct cli_cmd *k;
	size_t n;
	bool amb;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '!')
		return "shell";
	for (e = s; *e && (isalnum((unsigned char)*e) || *e == '-' || *e == '_'); e++)
		;
	if (e == s && *e)
		e++;
	n = (size_t)(e - s);
	if (n >= sizeof(word))
		n = sizeof(word) - 1; /* cli_execute keeps 31 characters of an "x/..." word */
	memcpy(word, s, n);
	word[n] = '\0';
	if (!word[0] || word[0] == '#')
		return NULL;
	k = cli_lookup(word, &amb);
	return k ? k->name : NULL;
}

static bool allowed(const char *line)
{
	const char *name = command_of(line);

	for (int i = 0; name && denied[i]; i++)
		if (!strcmp(name, denied[i]))
			return false;
	return true;
}

/* A struct cli as gdb_main makes one for `cdbg -batch`, before any command. */
static struct cli *cli_make(void)
{
	struct cli *c = calloc(1, sizeof(*c));

	if (!c || !(c->p = cdbg_new()))
		__builtin_trap();
	c->confirm = true;
	c->exitcode = -1;
	c->next_bp_num = 1;
	c->batch = true;
	c->quiet = true;
	cli_init(c);
	return c;
}

/* Everything one command can leave behind, freed (what gdb_main's end would free). */
static void cli_destroy(struct cli *c)
{
	/* The interpreter's own lists go through its own commands. */
	cli_execute(c, "delete");
	cli_execute(c, "undisplay");
	if (c->live || cdbg_break_list(c->p, NULL, 0) > 0)
		__builtin_trap(); /* no process may be held, and delete must empty the list */
	free(c->hist);
	while (c->vars) {
		struct cli_var *v = c->vars;
		c->vars = v->next;
		free(v->name);
		free(v);
	}
	while (c->src) {
		char *line = cli_read_line(c, "");
		free(line);
	}
	for (size_t i = 0; c->args && c->args[i]; i++)
		free(c->args[i]);
	free(c->args);
	free(c->prog);
	free(c->last_cmd);
	free(c->inferior_cwd);
	free(c->opts_cpl_result);
	cli_thread_numbers_reset(c);
	free(c->tnum_name);
	for (int i = 0; i < c->nsolibs; i++)
		free(c->solibs[i]);
	free(c->solibs);
	free(c->tnum_tid);
	cli_skip_free_all(c);
	cdbg_free(c->p);
	free(c);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL };
	struct sigaction sa = { .sa_handler = on_ctrl_c, .sa_flags = SA_RESTART };

	devnull = fopen("/dev/null", "w");
	/* A real-time signal: libFuzzer keeps SIGALRM (its -timeout) and SIGUSR1/2 for itself. */
	ev.sigev_signo = SIGRTMIN + 3;
	sigemptyset(&sa.sa_mask);
	if (!devnull || sigaction(ev.sigev_signo, &sa, NULL) < 0 ||
	    timer_create(CLOCK_MONOTONIC, &ev, &ctrl_c) < 0)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	static const struct itimerspec one_second = { .it_value = { 1, 0 } }, disarm;
	FILE *out = stdout, *err = stderr;
	struct cli *c;
	int r, errors;

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (!allowed(line)) {
		free(line);
		return -1; /* not added to the corpus */
	}
	c = cli_make();
	stdout = devnull;
	stderr = devnull;
	timer_settime(ctrl_c, 0, &one_second, NULL);
	r = cli_execute(c, line);
	timer_settime(ctrl_c, 0, &disarm, NULL);
	cli_got_signal = 0;
	errors = c->errors;
	cli_destroy(c);
	fflush(devnull);
	stdout = out;
	stderr = err;
	if (r != 0 && r != -1)
		__builtin_trap();
	if (r == -1 && errors == 0)
		__builtin_trap(); /* a failure that said nothing */
	free(line);
	return 0;
}
