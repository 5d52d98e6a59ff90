/*
 * commands.c - the command table and dispatch (gdb's prefix and abbreviation rules), help,
 * info/set/show, echo, shell, and the values the CLI keeps (history, convenience variables).
 *
 * Owns: finding the command a line names and calling it; the CLI's expression environment.
 * Must not: touch the process except through cdbg.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* ---- small helpers ------------------------------------------------------------------------ */

char *cli_skip_ws(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

char *cli_next_word(char **s)
{
	char *w = cli_skip_ws(*s), *e = w;

	while (*e && *e != ' ' && *e != '\t')
		e++;
	if (*e)
		*e++ = '\0';
	*s = cli_skip_ws(e);
	return w;
}

size_t cli_unescape(char *s)
{
	char *o = s;

	for (char *i = s; *i; i++) {
		if (*i != '\\' || !i[1]) {
			*o++ = *i;
			continue;
		}
		switch (*++i) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'a': *o++ = '\a'; break;
		case 'e': *o++ = 27; break;
		case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
			int v = 0, n = 0;
			while (n < 3 && *i >= '0' && *i <= '7')
				v = v * 8 + (*i++ - '0'), n++;
			i--;
			*o++ = (char)v;
			break;
		}
		default: *o++ = *i; break;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

int cli_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	c->errors++;
	return -1;
}

int cli_lib_error(struct cli *c)
{
	return cli_error(c, "%s", cdbg_errmsg(c->p));
}

bool cli_need_live(struct cli *c)
{
	if (c->live)
		return true;
	cli_error(c, "The program is not being run.");
	return false;
}

bool cli_need_stopped(struct cli *c)
{
	if (!cli_need_live(c))
		return false;
	/* The CLI only reads commands while the process is stopped. */
	return true;
}

bool cli_interrupted(struct cli *c)
{
	if (!cli_got_signal)
		return false;
	putchar('\n');
	if (cli_got_signal == SIGINT) {
		cli_got_signal = 0;
		cli_error(c, "Quit");
	}
	/* SIGTERM/SIGHUP stay set: the command loop ends and the program is let go. */
	return true;
}

int cli_parse_count(struct cli *c, const char *arg, long *n)
{
	struct cdbg_value v;

	if (!*arg) {
		*n = 1;
		return 0;
	}
	if (cli_eval(c, arg, &v) < 0)
		return -1;
	*n = (long)v.bits;
	return 0;
}

/* ---- values: history, convenience variables, expressions ----------------------------------- */

int cli_hist_push(struct cli *c, const struct cdbg_value *v)
{
	if (c->nhist == c->alloc_hist) {
		size_t n = c->alloc_hist ? c->alloc_hist * 2 : 32;
		struct cdbg_value *h = realloc(c->hist, n * sizeof(*h));
		if (!h)
			return 0;
		c->hist = h;
		c->alloc_hist = n;
	}
	c->hist[c->nhist] = *v;
	c->hist[c->nhist].reg[0] = '\0';
	return (int)++c->nhist;
}

void cli_var_set(struct cli *c, const char *name, const struct cdbg_value *v)
{
	struct cli_var *x;

	for (x = c->vars; x; x = x->next)
		if (!strcmp(x->name, name))
			break;
	if (!x) {
		x = calloc(1, sizeof(*x));
		if (!x || !(x->name = strdup(name))) {
			free(x);
			return;
		}
		x->next = c->vars;
		c->vars = x;
	}
	x->v = *v;
	x->v.reg[0] = '\0';
}

/* $N, $, $$, $$N, $_exitcode, $foo: what the library does not know itself. */
static int var_lookup(void *data, const char *name, struct cdbg_value *out)
{
	struct cli *c = data;
	char *end;

	if (!*name || name[0] == '$' || isdigit((unsigned char)name[0])) {
		long back = 0, idx;
		if (!*name)
			idx = (long)c->nhist;
		else if (name[0] == '$')
			back = name[1] ? strtol(name + 1, &end, 10) : 1, idx = (long)c->nhist - back;
		else
			idx = strtol(name, &end, 10);
		if (idx < 1 || idx > (long)c->nhist)
			return -1;
		*out = c->hist[idx - 1];
		return 0;
	}
	if (!strcmp(name, "_exitcode") && c->exitcode >= 0) {
		cdbg_value_int(out, (uint64_t)c->exitcode, 4, 1);
		return 0;
	}
	for (struct cli_var *x = c->vars; x; x = x->next) {
		if (!strcmp(x->name, name)) {
			*out = x->v;
			return 0;
		}
	}
	return -1;
}

int cli_symbol_value(struct cli *c, const char *name, struct cdbg_value *out);

static int sym_lookup(void *data, const char *name, struct cdbg_value *out)
{
	return cli_symbol_value(data, name, out);
}

int cli_eval(struct cli *c, const char *expr, struct cdbg_value *out)
{
	struct cdbg_eval_env env = { var_lookup, sym_lookup, c };

	if (cdbg_eval_frame(c->p, c->live ? c->cur_tid : 0, c->live ? cli_selected_frame(c) : 0,
			    expr, &env, out) < 0) {
		/* Scripts grep gdb's words for these. */
		switch (cdbg_errcode(c->p)) {
		case CDBG_EDIVZERO:
			return cli_error(c, "Division by zero");
		case CDBG_ENOMEM:
			return cli_error(c, "Cannot access memory at address 0x%llx",
					 (unsigned long long)cdbg_erraddr(c->p));
		case CDBG_ENONAME:
			return cli_error(c, "No symbol \"%s\" in current context.",
					 cdbg_errsubject(c->p));
		}
		return cli_lib_error(c);
	}
	return 0;
}

int cli_eval_u64(struct cli *c, const char *expr, uint64_t *out)
{
	struct cdbg_value v;

	if (cli_eval(c, expr, &v) < 0)
		return -1;
	*out = v.bits;
	return 0;
}

/* ---- dispatch ------------------------------------------------------------------------------ */

static const struct cli_cmd *const tables[] = { cli_cmds_core, cli_cmds_run, cli_cmds_break,
						 cli_cmds_data, cli_cmds_stack, cli_cmds_step,
						 cli_cmds_source };
static const struct cli_cmd *const info_tables[] = { cli_info_core, cli_info_run, cli_info_break,
						      cli_info_data, cli_info_where, cli_info_stack,
						      cli_info_source };

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
void cli_each_command(const char *prefix, void (*fn)(void *, const char *), void *data)
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

int cli_execute(struct cli *c, const char *text)
{
	char *line = strdup(text), *args, *word;
	const struct cli_cmd *k;
	bool amb;
	int r;

	if (!line)
		return cli_error(c, "out of memory");
	line[strcspn(line, "\r\n")] = '\0';
	word = split_command(line, &args);
	if (!*word || *word == '#') {
		free(line);
		return 0;
	}
	k = cli_lookup(word, &amb);
	if (!k) {
		r = amb ? cli_error(c, "Ambiguous command \"%s\".", word)
			: cli_error(c, "Undefined command: \"%s\".  Try \"help\".", word);
		free(line);
		return r;
	}
	last_run_cmd = k;
	r = k->fn(c, args);
	free(line);
	return r;
}

bool cli_last_repeats(void)
{
	return last_run_cmd && (last_run_cmd->flags & CLI_REPEAT);
}

/* ---- help, info, set, show ----------------------------------------------------------------- */

static void help_line(const struct cli_cmd *k, const char *prefix)
{
	const char *nl = strchr(k->help, '\n');
	int n = nl ? (int)(nl - k->help) : (int)strlen(k->help);

	printf("%s%s -- %.*s\n", prefix, k->name, n, k->help);
}

static int cmd_help(struct cli *c, char *args)
{
	const struct cli_cmd *k;
	bool amb;

	if (!*args) {
		printf("cdbg: a gdb-compatible debugger. Commands (abbreviations as in gdb):\n\n");
		for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
			for (k = tables[t]; k->name; k++)
				help_line(k, "");
		printf("\nType \"help\" followed by a command name for its full documentation.\n");
		return 0;
	}
	char *w = cli_next_word(&args);
	if (!strcmp(w, "info")) {
		printf("Generic command for showing things about the program being debugged.\n\n"
		       "List of info subcommands:\n\n");
		for (size_t t = 0; t < sizeof(info_tables) / sizeof(info_tables[0]); t++)
			for (k = info_tables[t]; k->name; k++)
				help_line(k, "info ");
		return 0;
	}
	k = cli_lookup(w, &amb);
	if (!k)
		return cli_error(c, "Undefined command: \"%s\".  Try \"help\".", w);
	printf("%s\n", k->help);
	if (k->alias[0]) {
		printf("Aliases:");
		for (int a = 0; a < 3 && k->alias[a]; a++)
			printf(" %s", k->alias[a]);
		printf("\n");
	}
	return 0;
}

static int cmd_info(struct cli *c, char *args)
{
	const struct cli_cmd *k;
	char *w;
	bool amb;

	if (!*args)
		return cli_error(c, "List of info subcommands: try \"help info\".");
	w = cli_next_word(&args);
	k = lookup(info_tables, sizeof(info_tables) / sizeof(info_tables[0]), w, &amb);
	if (!k)
		return amb ? cli_error(c, "Ambiguous info command \"%s\".", w)
			   : cli_error(c, "Undefined info command: \"%s\".  Try \"help info\".", w);
	return k->fn(c, args);
}

/* Settings scripts carry. Known ones change behaviour; unknown ones are accepted with a note,
 * so a gdb script runs unchanged. */
static int cmd_set(struct cli *c, char *args)
{
	char *w, *save = args;

	if (*args == '$' || *args == '{' || *args == '*' || *args == '(')
		return cli_set_assign(c, args);
	w = cli_next_word(&args);
	if (!strcmp(w, "var") || !strcmp(w, "variable"))
		return cli_set_assign(c, args);
	if (!strcmp(w, "confirm")) {
		c->confirm = !strcmp(args, "on") || !*args || !strcmp(args, "1");
		return 0;
	}
	if (!strcmp(w, "breakpoint") && !strncmp(args, "pending", 7) &&
	    (!args[7] || args[7] == ' ')) {
		const char *v = cli_skip_ws(args + 7);
		if (strcmp(v, "on") && strcmp(v, "off") && strcmp(v, "auto"))
			return cli_error(c, "\"on\", \"off\" or \"auto\" expected.");
		c->bp_pending = !strcmp(v, "on") ? 1 : !strcmp(v, "off") ? -1 : 0;
		return 0;
	}
	if (!strcmp(w, "width") || !strcmp(w, "height")) {
		int v = atoi(args);
		*(!strcmp(w, "width") ? &c->width : &c->height) = v;
		return 0;
	}
	if (!strcmp(w, "args")) {
		extern int cli_set_args(struct cli *, const char *);
		return cli_set_args(c, args);
	}
	static const char *const quiet[] = { "pagination", "print", "logging", "verbose", "style",
					     "listsize", "disassembly-flavor", "startup-with-shell",
					     "disable-randomization", "breakpoint", "can-use-hw-watchpoints",
					     "non-stop", "scheduler-locking", "detach-on-fork",
					     "follow-fork-mode", "history", "debuginfod", "auto-load",
					     "osabi", "language", "charset", "trace-commands", NULL };
	for (int i = 0; quiet[i]; i++)
		if (!strcmp(w, quiet[i]))
			return 0;
	(void)save;
	fprintf(stderr, "note: cdbg does not support the setting '%s'; ignored\n", w);
	return 0;
}

static int cmd_show(struct cli *c, char *args)
{
	if (!strcmp(args, "version"))
		printf("cdbg %s\n", cdbg_version());
	else if (!strcmp(args, "confirm"))
		printf("Whether to confirm potentially dangerous operations is %s.\n",
		       c->confirm ? "on" : "off");
	else if (!strcmp(args, "args"))
		printf("Argument list to give program being debugged when it is started is \"%s\".\n",
		       "");
	else
		printf("cdbg has no setting \"%s\" to show.\n", args);
	return 0;
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

static int cmd_nop(struct cli *c, char *args)
{
	return 0;
}

static int cmd_source(struct cli *c, char *args)
{
	extern int cli_source_file(struct cli *, const char *);

	return cli_source_file(c, args);
}

const struct cli_cmd cli_cmds_core[] = {
	{ "help", { "h" }, cmd_help, 0, "Print list of commands, or the documentation of one." },
	{ "info", { "i", "inf" }, cmd_info, CLI_REPEAT,
	  "Generic command for showing things about the program being debugged." },
	{ "set", { NULL }, cmd_set, 0,
	  "Evaluate an assignment (set var X = V, set $reg = V, set {int}ADDR = V) or change a "
	  "setting (confirm, width, height, pagination...).\n"
	  "set breakpoint pending on|off|auto: may `break` on a function or file not loaded yet\n"
	  "wait for a library that has it (auto: ask; no when the input is not a terminal)." },
	{ "show", { NULL }, cmd_show, 0, "Show a setting (version, confirm, args)." },
	{ "echo", { NULL }, cmd_echo, 0, "Print a constant string (C escapes allowed, no newline)." },
	{ "shell", { NULL }, cmd_shell, 0, "Execute the rest of the line as a shell command (also !CMD)." },
	{ "source", { NULL }, cmd_source, 0, "Read commands from a file." },
	{ "directory", { "dir" }, cmd_nop, 0, "Accepted for gdb scripts; source lookup uses the paths in the debug info." },
	{ "define", { NULL }, cmd_nop, 0, "Not supported; accepted so scripts load." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_core[] = {
	{ NULL, { NULL }, NULL, 0, NULL },
};
