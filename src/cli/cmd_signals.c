/*
 * cmd_signals.c - handle SIGNAL... ACTION..., and info signals [SIGNAL], as gdb 13 parses and
 * prints them (infrun.c's handle_command and info_signals_command): gdb's signal names and
 * order, `all`, numbers 1-15 in gdb's own numbering and ranges of them, the question before
 * SIGINT or SIGTRAP is changed, and the table after `handle` only when gdb's from_tty is set.
 *
 * Owns: these commands' parsing and tables. Must not: keep the policy itself (core_signals.c
 * does: the stop display reads it).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

static void signal_row(int i)
{
	const struct cli_gsig *g = cli_gsig(i);

	printf("%-13s %s\t%s\t%s\t\t%s\n", g->name, g->pol.stop ? "Yes" : "No",
	       g->pol.print ? "Yes" : "No", g->pol.pass ? "Yes" : "No", g->desc);
}

static void signal_header(void)
{
	printf("Signal        Stop\tPrint\tPass to program\tDescription\n");
}

static int numeric_error(struct cli *c)
{
	return cli_error(c, "Only signals 1-15 are valid as numeric signals.\nUse \"info signals\" "
			    "for a list of symbolic signals.");
}

/* gdb_signal_from_command: gdb's numbers 1-15 are its first 15 rows. */
static int from_number(long n)
{
	return n >= 1 && n <= 15 ? (int)n - 1 : -1;
}

static int info_signals(struct cli *c, char *args)
{
	signal_header();
	args = cli_skip_ws(args);
	if (*args) {
		struct cdbg_value v;
		int i;
		char *end = args + strlen(args);
		while (end > args && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if ((i = cli_gsig_by_name(args)) < 0) {
			if (cli_eval(c, args, &v) < 0)
				return -1;
			if (v.is_signed && (int64_t)v.bits < 0)
				return numeric_error(c);
			if ((i = from_number(v.bits > 100 ? 0 : (long)v.bits)) < 0)
				return numeric_error(c);
		}
		signal_row(i);
		return 0;
	}
	printf("\n");
	for (int i = 0; i < CLI_GSIG_COUNT; i++)
		signal_row(i);
	printf("\nUse the \"handle\" command to change these tables.\n");
	return 0;
}

enum { ACT_STOP, ACT_NOSTOP, ACT_PRINT, ACT_NOPRINT, ACT_PASS, ACT_NOPASS };

/* gdb's flag words and the fewest letters each needs ("all" is tried first, so "a" is all). */
static int action_of(const char *w)
{
	static const struct {
		const char *word;
		size_t min;
		int act;
	} acts[] = {
		{ "stop", 1, ACT_STOP },       { "ignore", 1, ACT_NOPASS },
		{ "print", 2, ACT_PRINT },     { "pass", 2, ACT_PASS },
		{ "nostop", 3, ACT_NOSTOP },   { "noignore", 3, ACT_PASS },
		{ "noprint", 4, ACT_NOPRINT }, { "nopass", 4, ACT_NOPASS },
	};
	size_t len = strlen(w);

	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (len >= acts[i].min && !strncmp(w, acts[i].word, len))
			return acts[i].act;
	return -1;
}

static void apply(const bool *sigs, int act)
{
	for (int i = 0; i < CLI_GSIG_COUNT; i++) {
		struct cli_sig_policy *p = &cli_gsig(i)->pol;
		if (!sigs[i])
			continue;
		if (act == ACT_STOP)
			p->stop = p->print = true;
		else if (act == ACT_NOSTOP)
			p->stop = false;
		else if (act == ACT_PRINT)
			p->print = true;
		else if (act == ACT_NOPRINT)
			p->print = p->stop = false;
		else
			p->pass = act == ACT_PASS;
	}
}

/* One signal word: all, a gdb name, N or N-M. The range goes to *first..*last; -1 if not one. */
static int signal_word(struct cli *c, const char *w, int *first, int *last, bool *all)
{
	size_t digits = strspn(w, "0123456789");

	*all = false;
	if (!strncmp(w, "all", strlen(w))) {
		*all = true;
		*first = 0;
		*last = CLI_GSIG_COUNT - 1;
	} else if (digits) {
		*first = *last = from_number(atol(w));
		if (*first < 0)
			return numeric_error(c);
		if (w[digits] == '-' && (*last = from_number(atol(w + digits + 1))) < 0)
			return numeric_error(c);
		if (*first > *last) {
			int t = *first;
			*first = *last;
			*last = t;
		}
	} else if ((*first = *last = cli_gsig_by_name(w)) < 0) {
		return cli_error(c, "Unrecognized or ambiguous flag word: \"%s\".", w);
	}
	return 0;
}

static int cmd_handle(struct cli *c, char *args)
{
	bool sigs[CLI_GSIG_COUNT] = { false }, any = false;
	char *w;

	if (!*cli_skip_ws(args))
		return cli_error(c, "Argument required (signal to handle).");
	while (*(w = cli_next_word(&args))) {
		int act, first, last;
		bool all;
		if (strncmp(w, "all", strlen(w)) && (act = action_of(w)) >= 0) {
			apply(sigs, act);
			continue;
		}
		if (signal_word(c, w, &first, &last, &all) < 0)
			return -1;
		for (int i = first; i <= last; i++) {
			const char *name = cli_gsig(i)->name;
			if (strcmp(name, "SIGINT") && strcmp(name, "SIGTRAP")) {
				sigs[i] = true;
			} else if (!all && !sigs[i]) {
				char q[128];
				snprintf(q, sizeof(q),
					 "%s is used by the debugger.\nAre you sure you want to change "
					 "it? ",
					 name);
				if (cli_query(c, q))
					sigs[i] = true;
				else
					printf("Not confirmed, unchanged.\n");
			}
		}
	}
	for (int i = 0; i < CLI_GSIG_COUNT; i++)
		any |= sigs[i];
	if (!any)
		return 0;
	if (c->live && !c->core)
		cli_signals_sync(c);
	if (!cli_from_tty(c))
		return 0;
	signal_header();
	for (int i = 0; i < CLI_GSIG_COUNT; i++)
		if (sigs[i])
			signal_row(i);
	return 0;
}

const struct cli_cmd cli_cmds_signals[] = {
	{ "handle",
	  { NULL },
	  cmd_handle,
	  0,
	  "Specify how to handle signals: handle SIGNAL... stop|nostop|print|noprint|pass|nopass." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_signals[] = {
	{ "signals", { "handle" }, info_signals, 0, "What cdbg does when the program gets signals." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
