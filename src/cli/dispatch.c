/*
 * dispatch.c - the top of the CLI: every command group's tables in the order `help` lists
 * them, finding the command a line names (gdb's prefix and abbreviation rules) and calling
 * it, start-up (cli_init: each group registers its stop observers), and the commands that
 * reach into every group: help, info; with echo, shell, source (set and show:
 * cmd_settings.c).
 *
 * Owns: the command tables' order and the interpreter the core calls (cli_execute).
 * Must not: be used by the core or by a command group (scripts/check-cli-cycles); touch the
 * process except through cdbg.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "groups.h"

/* ---- dispatch ------------------------------------------------------------------------------ */

/* The order is the one `help` and `help info` list (and exact names are looked up in). */
static const struct cli_cmd *const tables[] = {
	cli_cmds_core,   cli_cmds_settings, cli_cmds_run,        cli_cmds_call,
	cli_cmds_inject, cli_cmds_signals,  cli_cmds_threads,    cli_cmds_run_tail,
	cli_cmds_break,  cli_cmds_catch,    cli_cmds_data,       cli_cmds_stack,
	cli_cmds_step,   cli_cmds_source,   cli_cmds_goroutines, cli_cmds_gcore,
	cli_cmds_misc,   cli_cmds_maint,    cli_cmds_break_more, cli_cmds_define,
	cli_cmds_return, cli_cmds_complete, cli_cmds_find,       cli_cmds_skip,
	cli_cmds_macro,  cli_cmds_alias
};
static const struct cli_cmd *const info_tables[] = {
	cli_info_core, cli_info_threads, cli_info_run,   cli_info_signals,    cli_info_break,
	cli_info_data, cli_info_where,   cli_info_stack, cli_info_goroutines, cli_info_symbols,
	cli_info_misc, cli_info_skip,    cli_info_macro
};

/* gdb's rule: an exact name or alias wins; else a unique prefix of a name. */
static const struct cli_cmd *lookup(const struct cli_cmd *const *tabs, size_t ntabs,
				    const char *word, bool *ambiguous)
{
	const struct cli_cmd *found = NULL;
	size_t len = strlen(word);
	int n = 0;

	*ambiguous = false;
	for (size_t t = 0; t < ntabs; t++) {
		for (const struct cli_cmd *k = tabs[t]; k->name; k++) {
			if (!strcmp(k->name, word))
				return k;
			for (int a = 0; a < 3 && k->alias[a]; a++)
				if (!strcmp(k->alias[a], word))
					return k;
		}
	}
	for (size_t t = 0; t < ntabs; t++) {
		for (const struct cli_cmd *k = tabs[t]; k->name; k++) {
			if (!strncmp(k->name, word, len) && found != k) {
				found = k;
				n++;
			}
		}
	}
	*ambiguous = n > 1;
	return n == 1 ? found : NULL;
}

const struct cli_cmd *cli_lookup(const char *word, bool *ambiguous)
{
	return lookup(tables, sizeof(tables) / sizeof(tables[0]), word, ambiguous);
}

/* Names for tab completion: calls fn for every command name starting with prefix. */
static void each_command(const char *prefix, void (*fn)(void *, const char *), void *data)
{
	size_t len = strlen(prefix);

	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct cli_cmd *k = tables[t]; k->name; k++)
			if (!strncmp(k->name, prefix, len))
				fn(data, k->name);
}

/* The first word of a line: a name, or gdb's one-character commands ("!", "x/4x"). */
static char *split_command(char *line, char **rest)
{
	char *s = cli_skip_ws(line), *e = s;

	if (*s == '!') {
		*rest = s + 1;
		return "shell";
	}
	while (*e && (isalnum((unsigned char)*e) || *e == '-' || *e == '_'))
		e++;
	if (e == s && *e)
		e++;
	/* "x/4x" and "p/x": the format stays with the arguments. */
	if (*e == '/') {
		size_t n = (size_t)(e - s);
		static char name[32];
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, s, n);
		name[n] = '\0';
		*rest = e;
		return name;
	}
	if (*e) {
		*e = '\0';
		e = cli_skip_ws(e + 1);
	}
	*rest = e;
	return s;
}

static const struct cli_cmd *last_run_cmd;

/* gdb's "CMD &" (or "CMD&") runs an execution command in the background and gives the prompt
 * back at once. cdbg has no background execution: running CMD in the foreground instead would
 * leave the user (and every script waiting for the prompt) blocked until the program stops. */
static bool wants_background(struct cli *c, const struct cli_cmd *k, const char *text)
{
	static const char *const async_cmds[] = { "run",     "start",  "continue", "step",
						  "next",    "stepi",  "nexti",    "until",
						  "advance", "finish", "signal",   "attach" };
	size_t n = strcspn(text, "\r\n");

	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	if (!n || text[n - 1] != '&')
		return false;
	/* gdb says "The program is not being run." first, except for what starts a process */
	if (!c->live && strcmp(k->name, "run") && strcmp(k->name, "start") &&
	    strcmp(k->name, "attach"))
		return false;
	for (size_t i = 0; i < sizeof(async_cmds) / sizeof(async_cmds[0]); i++)
		if (!strcmp(k->name, async_cmds[i]))
			return true;
	return false;
}

static int execute(struct cli *c, const char *text)
{
	char *line = strdup(text), *args, *word;
	const struct cli_cmd *k;
	bool amb;
	int r;

	if (!line)
		return cli_error(c, "out of memory");
	line[strcspn(line, "\r\n")] = '\0';
	char *expanded = cli_alias_rewrite(line);
	if (expanded) { /* the user's aliases: their commands, then the rest of the line */
		free(line);
		line = expanded;
	}
	word = split_command(line, &args);
	if (!*word || *word == '#') {
		free(line);
		return 0;
	}
	/* User-defined commands: by their whole name, else when no built-in one is meant. */
	r = cli_define_call(c, word, args, true);
	k = r == CLI_NOT_USER ? cli_lookup(word, &amb) : NULL;
	if (r == CLI_NOT_USER && !k && !amb)
		r = cli_define_call(c, word, args, false);
	if (r != CLI_NOT_USER) {
		last_run_cmd = NULL;
		free(line);
		return r;
	}
	if (!k) {
		r = amb ? cli_error(c, "Ambiguous command \"%s\".", word) :
			  cli_error(c, "Undefined command: \"%s\".  Try \"help\".", word);
		free(line);
		return r;
	}
	if (wants_background(c, k, text)) {
		free(line);
		return cli_error(c, "Asynchronous execution not supported on this target.");
	}
	last_run_cmd = k;
	r = cli_define_hook(c, k->name, false);
	if (r == 0)
		r = k->fn(c, args);
	if (r == 0)
		r = cli_define_hook(c, k->name, true);
	free(line);
	return r;
}

static unsigned last_flags(void)
{
	return last_run_cmd ? last_run_cmd->flags : 0;
}

/* Completion's words: command names with the aliases gdb lists (not those that only
 * abbreviate the name: "bt", "where", not "b", "inf"), the user's commands and aliases; or
 * info's subcommands. */
static void each_word(int what, const char *prefix, void (*fn)(void *, const char *), void *data)
{
	const struct cli_cmd *const *tabs = what == CLI_WORDS_INFO ? info_tables : tables;
	size_t ntabs = what == CLI_WORDS_INFO ? sizeof(info_tables) / sizeof(info_tables[0]) :
						sizeof(tables) / sizeof(tables[0]);
	size_t len = strlen(prefix);

	for (size_t t = 0; t < ntabs; t++) {
		for (const struct cli_cmd *k = tabs[t]; k->name; k++) {
			if (!strncmp(k->name, prefix, len))
				fn(data, k->name);
			for (int a = 0; a < 3 && k->alias[a]; a++) {
				const char *al = k->alias[a];
				if (!strncmp(al, prefix, len) && strncmp(k->name, al, strlen(al)))
					fn(data, al);
			}
		}
	}
	if (what == CLI_WORDS_COMMANDS) {
		if (!*prefix || !strcmp(prefix, "!"))
			fn(data, "!"); /* gdb's shell escape */
		cli_define_each(prefix, fn, data);
		cli_alias_each(prefix, fn, data);
	}
}

static const struct cli_cmd *find_word(int what, const char *word, bool *ambiguous)
{
	if (what == CLI_WORDS_INFO)
		return lookup(info_tables, sizeof(info_tables) / sizeof(info_tables[0]), word,
			      ambiguous);
	return cli_lookup(word, ambiguous);
}

static const struct cli_interp interp = { execute,   last_flags, each_command,     cli_lookup,
					  each_word, find_word,  cli_complete_line };

void cli_init(struct cli *c)
{
	static bool registered;

	cli_signals_init(c);
	static const struct cli_settings_hooks settings = {
		.set_assign = cli_set_assign,
		.set_args = cli_set_args,
		.set_sched = cli_set_scheduler_locking,
		.show_sched = cli_show_scheduler_locking,
		.show_user = cli_define_show_user,
	};
	cli_settings_init(c, &settings);
	c->max_completions = 200; /* gdb's default */
	if (registered)
		return;
	registered = true;
	cli_set_interp(&interp);
	/* Stop observers, in the order their output appears after a stop. */
	cli_break_init();
	cli_display_init();
	cli_define_init();
	cli_define_set_alias_doc(cli_alias_document);
}

/* ---- help, info ----------------------------------------------------------------- */

static void help_line(const struct cli_cmd *k, const char *prefix)
{
	const char *nl = strchr(k->help, '\n');
	int n = nl ? (int)(nl - k->help) : (int)strlen(k->help);

	printf("%s%s -- %.*s\n", prefix, k->name, n, k->help);
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct cli_cmd *const *)a)->name,
		      (*(const struct cli_cmd *const *)b)->name);
}

/* gdb's list of a prefix command's subcommands, by name, and its closing lines. */
static void sub_list(const char *prefix, const struct cli_cmd *const *tabs, size_t ntabs)
{
	const struct cli_cmd *all[256];
	char pre[32];
	size_t n = 0;

	snprintf(pre, sizeof(pre), "%s ", prefix);
	for (size_t t = 0; t < ntabs; t++)
		for (const struct cli_cmd *k = tabs[t]; k->name && n < 256; k++)
			all[n++] = k;
	qsort(all, n, sizeof(all[0]), by_name);
	printf("List of %s subcommands:\n\n", prefix);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(all[i]->name, all[i - 1]->name))
			help_line(all[i], pre);
	printf("\nType \"help %s\" followed by %s subcommand name for full documentation.\n"
	       "Type \"apropos word\" to search for commands related to \"word\".\n"
	       "Type \"apropos -v word\" for full documentation of commands related to "
	       "\"word\".\n"
	       "Command name abbreviations are allowed if unambiguous.\n",
	       prefix, prefix);
}

static int info_list(void)
{
	printf("Generic command for showing things about the program being debugged.\n\n");
	sub_list("info", info_tables, sizeof(info_tables) / sizeof(info_tables[0]));
	return 0;
}

static const struct cli_cmd *find_info(const char *word, bool *ambiguous)
{
	return lookup(info_tables, sizeof(info_tables) / sizeof(info_tables[0]), word, ambiguous);
}

static const struct cli_help_ctx help_ctx = {
	.tabs = tables,
	.ntabs = sizeof(tables) / sizeof(tables[0]),
	.info_tabs = info_tables,
	.ninfo = sizeof(info_tables) / sizeof(info_tables[0]),
	.find_info = find_info,
	.info_list = info_list,
	.define_help = cli_define_help,
	.define_each_doc = cli_define_each_doc,
	.alias_each_of = cli_alias_each_of,
	.alias_each_listed = cli_alias_each_listed,
	.alias_get = cli_alias_get,
};

static int cmd_help(struct cli *c, char *args)
{
	return cli_help(c, args, &help_ctx);
}

static int cmd_apropos(struct cli *c, char *args)
{
	return cli_apropos(c, args, &help_ctx);
}

static int cmd_info(struct cli *c, char *args)
{
	const struct cli_cmd *k;
	char *w;
	bool amb;

	if (!*args) {
		sub_list("info", info_tables, sizeof(info_tables) / sizeof(info_tables[0]));
		return 0;
	}
	w = cli_next_word(&args);
	k = lookup(info_tables, sizeof(info_tables) / sizeof(info_tables[0]), w, &amb);
	if (!k)
		return amb ? cli_error(c, "Ambiguous info command \"%s\".", w) :
			     cli_error(c, "Undefined info command: \"%s\".  Try \"help info\".", w);
	return k->fn(c, args);
}

static int cmd_echo(struct cli *c, char *args)
{
	size_t n = cli_unescape(args);

	fwrite(args, 1, n, stdout);
	fflush(stdout);
	return 0;
}

static int cmd_shell(struct cli *c, char *args)
{
	int st;

	fflush(stdout);
	st = system(*args ? args : "${SHELL:-/bin/sh}");
	if (st == -1)
		return cli_error(c, "cannot run the shell: %s", strerror(errno));
	return 0;
}

static int cmd_source(struct cli *c, char *args)
{
	return cli_source_file(c, args);
}

const struct cli_cmd cli_cmds_core[] = {
	{ "help", { "h" }, cmd_help, 0, "Print list of commands." },
	{ "apropos",
	  { NULL },
	  cmd_apropos,
	  0,
	  "Search for commands matching a REGEXP.\n"
	  "Usage: apropos [-v] REGEXP\n"
	  "Flag -v indicates to produce a verbose output, showing full documentation\n"
	  "of the matching commands." },
	{ "info",
	  { "i", "inf" },
	  cmd_info,
	  CLI_REPEAT,
	  "Generic command for showing things about the program being debugged." },
	{ "echo", { NULL }, cmd_echo, 0, "Print a constant string (C escapes allowed, no newline)." },
	{ "shell",
	  { NULL },
	  cmd_shell,
	  0,
	  "Execute the rest of the line as a shell command (also !CMD)." },
	{ "source", { NULL }, cmd_source, 0, "Read commands from a file." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_core[] = {
	{ NULL, { NULL }, NULL, 0, NULL },
};
