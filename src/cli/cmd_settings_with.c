/*
 * cmd_settings_with.c - gdb's with (a setting changed for one command) and its maintenance
 * command (maint, mt): `maintenance set|show|with test-settings NAME [VALUE]`, the settings
 * gdb keeps to test how each kind of value is parsed and shown (core_setvar.c holds them and
 * the rules), and `maintenance test-options`, its test of option rules (core_options.c).
 *
 * Owns: with's and maintenance's words and error sentences. Must not: touch the process.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_settings.h"
#include "core_options.h"
#include "core_setvar.h"
#include "groups.h"

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

int settings_with_args(struct cli *c, char *args, char **setting, char **line)
{
	char *sep, *cmd;

	*setting = *line = NULL;
	args = cli_skip_ws(args);
	trim_end(args); /* gdb drops a command's trailing blanks (set's only are kept) */
	if (!*args)
		return cli_error(c, "Missing arguments.");
	sep = strstr(args, " --");
	while (sep && sep[3] && sep[3] != ' ' && sep[3] != '\t')
		sep = strstr(sep + 3, " --");
	if (!strncmp(args, "--", 2) && (!args[2] || args[2] == ' ' || args[2] == '\t'))
		return cli_error(c, "Missing setting before '--' delimiter");
	cmd = sep ? cli_skip_ws(sep + 3) : NULL;
	if (!cmd || !*cmd) { /* gdb: the command line before this one (typed or read) */
		if (!c->prev_cmd || !*c->prev_cmd)
			return cli_error(c, "No previous command to relaunch");
		cmd = c->prev_cmd;
		c->relaunched = true;
	}
	if (!(*setting = strndup(args, sep ? (size_t)(sep + 1 - args) : strlen(args))) ||
	    !(*line = strdup(cmd))) {
		free(*setting);
		*setting = NULL;
		return cli_error(c, "out of memory");
	}
	if (!sep) /* before " --" the blanks are part of the value, as in gdb (a string's) */
		trim_end(*setting);
	return 0;
}

/* gdb's with SETTING [VALUE] [-- COMMAND]: the setting changed for one command (the last
 * command line again when none is given), then put back, whatever the command did. */
static int cmd_with(struct cli *c, char *args)
{
	char *setting, *name = NULL, *old = NULL, *line;
	int r = -1;

	if (settings_with_args(c, args, &setting, &line) < 0)
		return -1;
	trim_end(setting); /* cdbg's set commands take no trailing blanks */
	if (settings_with_check(c, setting) < 0) {
		free(setting);
		free(line);
		return -1;
	}
	/* The setting's name: the shortest run of its first words that `show` has one value for
	 * ("print" lists many; "print pretty" is one). */
	for (size_t n = 1, len = strlen(setting); n <= len && !old; n++) {
		if (setting[n] && setting[n] != ' ' && setting[n] != '\t')
			continue;
		free(name);
		if (!(name = strndup(setting, n)))
			break;
		old = cli_setting_value(c, name);
	}
	if (!old) { /* `set` says what is wrong with it */
		char *set = NULL;
		if (asprintf(&set, "set %s", setting) >= 0 && cli_execute(c, set) == 0)
			cli_error(c, "Cannot use `with' on \"%s\".", setting);
		free(set);
		goto out;
	}
	char *set = NULL, *back = NULL;
	if (asprintf(&set, "set %s", setting) < 0 || asprintf(&back, "set %s %s", name, old) < 0) {
		free(set);
		cli_error(c, "out of memory");
		goto out;
	}
	if (cli_execute(c, set) == 0) {
		r = cli_execute(c, line);
		cli_execute(c, back);
	}
	free(set);
	free(back);
out:
	free(setting);
	free(name);
	free(old);
	free(line);
	return r;
}

/* ---- maintenance ---- */

static const char *const maint_words[] = { "set", "show", "test-options", "with", NULL };

static size_t word_len(const char *s)
{
	return strcspn(s, " \t");
}

/* The word at s among names: exactly, else a unique prefix; -1 none, -2 ambiguous. */
static int pick(const char *s, size_t len, const char *const *names)
{
	int found = -1, n = 0;

	for (int i = 0; len && names[i]; i++) {
		if (strncmp(names[i], s, len))
			continue;
		if (!names[i][len])
			return i;
		found = i;
		n++;
	}
	return n > 1 ? -2 : n ? found : -1;
}

static void list_settings(const char *verb)
{
	size_t n;
	const struct cli_setvar *v = cli_test_settings(&n);

	printf("List of maintenance %s test-settings subcommands:\n\n", verb);
	for (size_t i = 0; i < n; i++)
		printf("maintenance %s test-settings %s -- command used for internal testing.\n",
		       verb, v[i].name);
	printf("\nType \"help maintenance %s test-settings\" followed by maintenance %s "
	       "test-settings subcommand name for full documentation.\n"
	       "Type \"apropos word\" to search for commands related to \"word\".\n"
	       "Type \"apropos -v word\" for full documentation of commands related to "
	       "\"word\".\n"
	       "Command name abbreviations are allowed if unambiguous.\n",
	       verb, verb);
}

/* The test setting named at *args after "test-settings" (*args moved past its name), or
 * NULL with gdb's error (*listed: none, `maintenance set test-settings` listed them).
 * verb: "set", "show" or "with" (with's errors name `maintenance set`). */
static struct cli_setvar *find_setting(struct cli *c, char **args, const char *verb, bool *listed)
{
	const char *errverb = strcmp(verb, "show") ? "set" : "show";
	char *s = cli_skip_ws(*args);
	size_t len = word_len(s);
	struct cli_setvar *v;

	*listed = false;
	if (!len || strncmp(s, "test-settings", len)) {
		if (!*s) {
			cli_error(c,
				  "\"maintenance %s\" must be followed by the name of a "
				  "maintenance %s subcommand.",
				  errverb, errverb);
			return NULL;
		}
		cli_error(
			c,
			"Undefined maintenance %s command: \"%.*s\".  Try \"help maintenance %s\".",
			errverb, (int)len, s, errverb);
		return NULL;
	}
	s = cli_skip_ws(s + len);
	len = word_len(s);
	if (!len) {
		if (!strcmp(verb, "set")) {
			list_settings(verb);
			*listed = true;
		} else if (!strcmp(verb, "with")) {
			cli_error(c, "Missing setting before '--' delimiter");
		}
		return NULL;
	}
	const char *after;
	char err[512];
	if (cli_test_setting_find(s, errverb, &v, &after, err, sizeof(err)) < 0) {
		cli_error(c, "%s", err);
		return NULL;
	}
	*args = (char *)after;
	return v;
}

static int maint_set(struct cli *c, char *args)
{
	struct cli_setvar_val val;
	bool listed;
	struct cli_setvar *v;

	if (!strncmp(cli_skip_ws(args), "libopcodes-styling", 18))
		return cli_style_libopcodes(c, cli_skip_ws(args) + 18, true);
	if (!(v = find_setting(c, &args, "set", &listed)))
		return listed ? 0 : -1;
	if (cli_setvar_parse(c, v, args, &val) < 0)
		return -1;
	cli_setvar_assign(v, &val);
	return 0;
}

static int maint_show(struct cli *c, char *args)
{
	char *s = cli_skip_ws(args), *text;
	size_t len = word_len(s), n;
	struct cli_setvar *v;
	bool listed;

	if (len > 5 && !strncmp(s, "test-options-completion-result", len)) {
		fputs(c->opts_cpl_result ? c->opts_cpl_result : "", stdout);
		return 0;
	}
	if (len && !strncmp(s, "test-settings", len) && !*cli_skip_ws(s + len)) {
		v = cli_test_settings(&n);
		for (size_t i = 0; i < n; i++) {
			if (!(text = cli_setvar_text(&v[i])))
				return cli_error(c, "out of memory");
			printf("test-settings %s:  %s\n", v[i].name, text);
			free(text);
		}
		return 0;
	}
	if (!strncmp(s, "libopcodes-styling", 18))
		return cli_style_libopcodes(c, s + 18, false);
	if (!(v = find_setting(c, &args, "show", &listed)))
		return -1;
	if (!(text = cli_setvar_text(v)))
		return cli_error(c, "out of memory");
	printf("%s\n", text);
	free(text);
	return 0;
}

/* maintenance with test-settings NAME [VALUE] [-- COMMAND]: the value for one command, then
 * the old one back, whatever the command did. */
static int maint_with(struct cli *c, char *args)
{
	char *setting, *line, *rest;
	struct cli_setvar_val val;
	struct cli_setvar *v;
	bool listed;
	int r = -1;

	if (settings_with_args(c, args, &setting, &line) < 0)
		return -1;
	rest = args; /* gdb looks the name up in the whole line (its errors quote it) */
	if ((v = find_setting(c, &rest, "with", &listed)) &&
	    (rest = setting, find_setting(c, &rest, "with", &listed)) &&
	    cli_setvar_parse(c, v, rest, &val) == 0) {
		/* gdb keeps the old value as show's text and sets it back from that text */
		char *old = cli_setvar_text(v);
		if (!old) {
			free(val.s);
			cli_error(c, "out of memory");
		} else {
			cli_setvar_assign(v, &val);
			r = cli_execute(c, line);
			if (cli_setvar_parse(c, v, old, &val) == 0)
				cli_setvar_assign(v, &val);
			free(old);
		}
	}
	free(setting);
	free(line);
	return r;
}

/* maintenance test-options require-delimiter|unknown-is-error|unknown-is-operand [OPTIONS]
 * [--] [OPERANDS]: gdb's test of its option rules (core_options.c): the options as parsed. */
static int maint_test_options(struct cli *c, char *args)
{
	static const char *const modes[] = { "require-delimiter", "unknown-is-error",
					     "unknown-is-operand", NULL };
	static const enum cli_opts_mode mode_of[] = { CLI_OPTS_REQUIRE_DELIMITER,
						      CLI_OPTS_UNKNOWN_IS_ERROR,
						      CLI_OPTS_UNKNOWN_IS_OPERAND };
	struct cli_opt_val vals[16];
	char *s = cli_skip_ws(args), *dump;
	size_t len = word_len(s);
	int k = pick(s, len, modes), r = -1;

	if (!len)
		return cli_error(c,
				 "\"maintenance test-options\" must be followed by the name of a "
				 "subcommand.");
	if (k < 0)
		return cli_error(c,
				 "Undefined maintenance test-options command: \"%s\".  Try \"help "
				 "maintenance test-options\".",
				 s);
	const char *rest = cli_skip_ws(s + len);
	cli_test_opts_init(vals);
	if (cli_opts_process(c, &rest, mode_of[k], cli_test_opt_defs, cli_test_opt_count, vals) >=
	    0) {
		if ((dump = cli_test_opts_dump(vals, cli_skip_ws((char *)rest)))) {
			fputs(dump, stdout);
			free(dump);
			r = 0;
		} else {
			cli_error(c, "out of memory");
		}
	}
	for (size_t i = 0; i < cli_test_opt_count; i++)
		free(vals[i].s);
	return r;
}

static int cmd_maint(struct cli *c, char *args)
{
	char *s = cli_skip_ws(args);
	size_t len = word_len(s);
	int k = pick(s, len, maint_words);

	if (!len)
		return cli_error(c, "\"maintenance\" must be followed by the name of a maintenance "
				    "command.");
	if (k == -2)
		return cli_error(c, "Ambiguous maintenance command \"%.*s\".", (int)len, s);
	if (k < 0)
		return cli_error(c,
				 "Undefined maintenance command: \"%.*s\".  Try \"help "
				 "maintenance\".",
				 (int)len, s);
	s = cli_skip_ws(s + len);
	if (!strcmp(maint_words[k], "set"))
		return maint_set(c, s);
	if (!strcmp(maint_words[k], "show"))
		return maint_show(c, s);
	if (!strcmp(maint_words[k], "test-options"))
		return maint_test_options(c, s);
	return maint_with(c, s);
}

const struct cli_cmd cli_cmds_maint[] = {
	{ "with",
	  { "w" },
	  cmd_with,
	  CLI_NO_REPEAT,
	  "Temporarily set SETTING to VALUE, run COMMAND, and restore SETTING.\n"
	  "Usage: with SETTING [VALUE] [-- COMMAND]\n"
	  "With no COMMAND, repeats the last executed command." },
	{ "maintenance",
	  { "mt" },
	  cmd_maint,
	  CLI_NO_REPEAT,
	  "Commands for use by debugger maintainers.\n"
	  "maintenance set|show test-settings NAME [VALUE]: gdb's settings of each kind of value\n"
	  "(boolean, auto-boolean, integer, uinteger, zinteger, zuinteger, zuinteger-unlimited,\n"
	  "string, string-noescape, filename, optional-filename, enum), to try how values are\n"
	  "parsed and shown.\n"
	  "maintenance with test-settings NAME [VALUE] -- COMMAND: COMMAND with that value.\n"
	  "maintenance test-options require-delimiter|unknown-is-error|unknown-is-operand\n"
	  "[OPTIONS] [--] [OPERANDS]: gdb's option rules; prints the options as parsed.\n"
	  "maintenance show test-options-completion-result: what completing the last shows." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
