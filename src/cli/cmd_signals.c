/*
 * cmd_signals.c - handle SIG stop|nostop|print|noprint|pass|nopass, and info signals.
 *
 * Owns: these commands' parsing and tables. Must not: keep the policy itself (core_signals.c
 * does: the stop display reads it).
 */
#include <string.h>

#include "cli.h"
#include "groups.h"

static void signal_row(struct cli *c, int s)
{
	const struct cli_sig_policy *p = cli_signal_policy(s);

	(void)c;
	printf("%-14s%s\t%s\t%s\t\t%s\n", cli_signame(s), p->stop ? "Yes" : "No",
	       p->print ? "Yes" : "No", p->pass ? "Yes" : "No", cli_sigdesc(s));
}

static void signal_header(void)
{
	printf("Signal        Stop\tPrint\tPass to program\tDescription\n");
}

static int info_signals(struct cli *c, char *args)
{
	if (*args) {
		int s = cli_signum(args);
		if (s <= 0)
			return cli_error(
				c, "Only signals 1-15 are valid as numeric signals.\nUse \"info "
				   "signals\" for a list of symbolic signals.");
		signal_header();
		signal_row(c, s);
		return 0;
	}
	signal_header();
	printf("\n");
	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal_row(c, s);
	printf("\nUse the \"handle\" command to change these tables.\n");
	return 0;
}

static int cmd_handle(struct cli *c, char *args)
{
	char *w = cli_next_word(&args);
	int s = cli_signum(w);

	if (s <= 0 || s > 64)
		return cli_error(c, "Unrecognized or ambiguous flag word: \"%s\".", w);
	if (s == SIGKILL || s == SIGSTOP)
		return cli_error(c,
				 "%s is used by the debugger.\nAre you sure you want to change it? "
				 "(y or n) [answered N; cannot be changed]",
				 cli_signame(s));
	struct cli_sig_policy *pol = cli_signal_policy(s);
	while (*(w = cli_next_word(&args))) {
		if (!strcmp(w, "stop"))
			pol->stop = pol->print = true;
		else if (!strcmp(w, "nostop"))
			pol->stop = false;
		else if (!strcmp(w, "print"))
			pol->print = true;
		else if (!strcmp(w, "noprint"))
			pol->print = pol->stop = false;
		else if (!strcmp(w, "pass") || !strcmp(w, "noignore"))
			pol->pass = true;
		else if (!strcmp(w, "nopass") || !strcmp(w, "ignore"))
			pol->pass = false;
		else
			return cli_error(c, "Unrecognized or ambiguous flag word: \"%s\".", w);
	}
	if (c->live)
		cli_signals_sync(c);
	signal_header();
	signal_row(c, s);
	return 0;
}

const struct cli_cmd cli_cmds_signals[] = {
	{ "handle",
	  { NULL },
	  cmd_handle,
	  0,
	  "Specify how to handle a signal: handle SIG stop|nostop|print|noprint|pass|nopass." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_signals[] = {
	{ "signals", { "handle" }, info_signals, 0, "What cdbg does when the program gets signals." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
