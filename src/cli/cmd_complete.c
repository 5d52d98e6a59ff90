/*
 * cmd_complete.c - gdb's completion: `complete LINE` (every completion of the line's last word,
 * one per line, each the whole line, sorted, without repeats, at most max-completions of them
 * and then gdb's "*** List may be truncated, max-completions reached. ***") and the same list
 * for the prompt's TAB (cli_complete_line, through the interpreter). This file walks the line
 * to the word being completed: command names (aliases and the user's own commands too), the
 * subcommands of info, set, show, help, with, then the completer of each command's arguments
 * (cmd_complete_words.c: symbols, fields, linespecs, files, signals, breakpoint numbers;
 * cmd_complete_gdb.c: settings and their values).
 *
 * Owns: the completion list of one line. Must not: use another command group; run anything
 * (an expression before `.` is evaluated only when it has no side effect).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_complete.h"
#include "core_options.h"
#include "groups.h"

void cpl_add(struct cpl *l, const char *cand)
{
	const char *w = cpl_word(l);
	size_t wl = strlen(w), cl = strlen(cand);

	if (l->oom)
		return;
	if (l->nocase ? strncasecmp(cand, w, wl) : strncmp(cand, w, wl)) {
		const char *p = cand;
		if (!l->wild)
			return;
		while ((p = strstr(p, "::")) && strncmp(p + 2, w, wl))
			p += 2;
		if (!p || strchr(w, ':'))
			return;
	}
	if (l->n == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 64;
		char **v = realloc(l->v, na * sizeof(*v));
		if (!v) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->alloc = na;
	}
	char *s = malloc(l->wstart + cl + 1);
	if (!s) {
		l->oom = true;
		return;
	}
	memcpy(s, l->line, l->wstart);
	memcpy(s + l->wstart, cand, cl + 1);
	l->v[l->n++] = s;
}

void cpl_add_fn(void *l, const char *cand)
{
	cpl_add(l, cand);
}

void cpl_word_at(struct cpl *l, size_t at)
{
	l->wstart = at;
}

static size_t skip_ws(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

static bool cmd_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '-' || ch == '_' || ch == '.';
}

/* Add each word of a blank-separated list. */
static void add_list(struct cpl *l, const char *list)
{
	char buf[64];

	while (*list) {
		size_t n = strcspn(list, " ");
		if (n && n < sizeof(buf)) {
			memcpy(buf, list, n);
			buf[n] = '\0';
			cpl_add(l, buf);
		}
		list += n;
		while (*list == ' ')
			list++;
	}
}

/* The word at i (command characters) and where it ends; true when blanks follow it (the
 * word is complete), false when the line ends in it (the word is being completed). */
static bool word_done(const char *s, size_t i, size_t *end)
{
	size_t e = i;

	while (s[e] && cmd_char(s[e]))
		e++;
	*end = e;
	return s[e] != '\0';
}

static void complete_from(struct cpl *l, size_t at, bool args);

/* The subcommands of info (what cdbg has) after "info ", and their arguments. */
struct opt_add {
	struct cpl *l;
	size_t base; /* where the options' text starts in the line */
};

static void opt_add(void *data, size_t at, const char *cand)
{
	struct opt_add *a = data;

	cpl_word_at(a->l, a->base + at);
	cpl_add(a->l, cand);
}

/* info threads [-gid] [ID...]: the option, and gdb's "ID" hint where nothing is typed yet. */
static void complete_info_threads(struct cpl *l, size_t a)
{
	struct cli_opt_val v = { 0 };
	struct opt_add add = { l, a };
	const char *operands;

	if (cli_opts_complete(l->line + a, CLI_OPTS_UNKNOWN_IS_ERROR, cli_info_threads_opts, 1, &v,
			      &operands, opt_add, &add, NULL, 0))
		return;
	if (!*operands) {
		cpl_word_at(l, (size_t)(operands - l->line));
		cpl_add(l, "-gid");
		cpl_add(l, "ID");
	}
}

static void complete_info(struct cpl *l, size_t at)
{
	size_t e;
	char name[64];
	bool amb;

	if (!word_done(l->line, at, &e)) {
		cpl_word_at(l, at);
		cli_each_word(CLI_WORDS_INFO, cpl_word(l), cpl_add_fn, l);
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(e - at), l->line + at);
	const struct cli_cmd *k = cli_find_word(CLI_WORDS_INFO, name, &amb);
	size_t a = skip_ws(l->line, e);
	if (!k)
		return;
	if (!strcmp(k->name, "registers") || !strcmp(k->name, "all-registers"))
		cpl_registers(l, a);
	else if (!strcmp(k->name, "line") || !strcmp(k->name, "scope") ||
		 !strcmp(k->name, "symbol") || !strcmp(k->name, "address") ||
		 !strcmp(k->name, "functions") || !strcmp(k->name, "variables") ||
		 !strcmp(k->name, "types"))
		strcmp(k->name, "line") && strcmp(k->name, "scope") ? cpl_expression(l, a) :
								      cpl_linespec(l, a);
	else if (!strcmp(k->name, "signals") || !strcmp(k->name, "handle"))
		cpl_signal(l, a);
	else if (!strcmp(k->name, "breakpoints") || !strcmp(k->name, "watchpoints"))
		cpl_breakpoints(l, a);
	else if (!strcmp(k->name, "source"))
		cpl_filename(l, a);
	else if (!strcmp(k->name, "threads"))
		complete_info_threads(l, a);
}

/* The last word of the line, starting the search at a: where it begins. */
static size_t last_word(const char *s, size_t a)
{
	size_t w = a;

	for (size_t i = a; s[i]; i++)
		if (s[i] == ' ' || s[i] == '\t')
			w = i + 1;
	return w;
}

/* The number of blank-separated words between a and the last one. */
static int words_before(const char *s, size_t a)
{
	int n = 0;

	for (size_t i = skip_ws(s, a); s[i];) {
		size_t e = i;
		while (s[e] && s[e] != ' ' && s[e] != '\t')
			e++;
		if (!s[e])
			break;
		n++;
		i = skip_ws(s, e);
	}
	return n;
}

/* Is word w one of the earlier words after a? */
static bool has_word(const char *s, size_t a, const char *w, size_t *after)
{
	size_t wl = strlen(w);

	for (size_t i = skip_ws(s, a); s[i];) {
		size_t e = i;
		while (s[e] && s[e] != ' ' && s[e] != '\t')
			e++;
		if (!s[e])
			return false;
		if (e - i == wl && !strncmp(s + i, w, wl)) {
			*after = skip_ws(s, e);
			return true;
		}
		i = skip_ws(s, e);
	}
	return false;
}

/* break LOCATION [thread N] [if COND] */
static void complete_break(struct cpl *l, size_t a)
{
	size_t after;

	if (has_word(l->line, a, "if", &after)) {
		cpl_expression(l, after);
		return;
	}
	if (words_before(l->line, a) == 0 || l->line[a] == '-') {
		cpl_linespec(l, a);
		return;
	}
	cpl_word_at(l, last_word(l->line, a));
	add_list(l, "if thread task -force-condition");
}

/* cond N EXPR, delete/enable/disable [N...] */
static void complete_bpnum(struct cpl *l, size_t a, const char *extra, bool cond)
{
	size_t w = last_word(l->line, a);

	if (cond) {
		if (!strncmp(l->line + a, "-force", 6) && l->line[a + 6] == ' ')
			a = skip_ws(l->line, a + 6);
		else if (words_before(l->line, a) == 0)
			extra = "-force";
		if (words_before(l->line, a) >= 1) {
			size_t e = a;
			while (l->line[e] && l->line[e] != ' ')
				e++;
			cpl_expression(l, skip_ws(l->line, e));
			return;
		}
	}
	if (l->line[w] == '$') { /* gdb: a convenience variable holding the number */
		cpl_expression(l, w);
		return;
	}
	cpl_breakpoints(l, w);
	if (extra && (cond || words_before(l->line, a) == 0)) {
		cpl_word_at(l, w);
		add_list(l, extra);
	}
}

/* skip: its subcommands; the entries' numbers after enable, disable and delete (a word
 * starts after a blank or the '-' of a range), files after file, locations after function. */
static void complete_skip(struct cpl *l, size_t a)
{
	static const char *const subs[] = { "delete", "disable", "enable", "file", "function" };
	size_t e, w = a, n;
	int hit = -1, hits = 0;
	char num[16];

	if (!word_done(l->line, a, &e)) {
		cpl_word_at(l, a);
		add_list(l, "delete disable enable file function");
		return;
	}
	for (int i = 0; i < 5 && (n = e - a); i++)
		if (!strncmp(l->line + a, subs[i], n) && (hits++, hit = i, strlen(subs[i]) == n)) {
			hits = 1;
			break;
		}
	if (hits != 1)
		return;
	if (hit == 3) {
		cpl_filename(l, last_word(l->line, skip_ws(l->line, e)));
		return;
	}
	if (hit == 4) {
		cpl_linespec(l, skip_ws(l->line, e));
		return;
	}
	for (size_t i = e; l->line[i]; i++)
		if (l->line[i] == ' ' || l->line[i] == '\t' || l->line[i] == '-')
			w = i + 1;
	cpl_word_at(l, w > e ? w : skip_ws(l->line, e));
	for (int i = 0; i < l->c->nskips; i++) {
		snprintf(num, sizeof(num), "%d", l->c->skips[i].num);
		cpl_add(l, num);
	}
}

static void complete_handle(struct cpl *l, size_t a)
{
	size_t w = last_word(l->line, a);

	cpl_signal(l, w);
	cpl_word_at(l, w);
	add_list(l, "all stop nostop print noprint pass nopass ignore noignore");
}

/* The options of frame apply or thread apply (gdb's: an unknown -word starts the command),
 * then the command. */
static void complete_apply(struct cpl *l, size_t a, enum cli_apply_kind kind)
{
	struct cli_opt_val vals[8] = { 0 };
	struct opt_add add = { l, a };
	const char *operands;
	size_t n;
	const struct cli_opt_def *defs = cli_apply_opts(kind, &n);

	if (!cli_opts_complete(l->line + a, CLI_OPTS_UNKNOWN_IS_OPERAND, defs, n, vals, &operands,
			       opt_add, &add, NULL, 0))
		complete_from(l, (size_t)(operands - l->line), true);
}

/* frame apply all|COUNT|level LEVEL..., thread apply all|LIST: then complete_apply. */
static void complete_apply_list(struct cpl *l, size_t a, bool frame)
{
	const char *s = l->line;
	size_t e;

	if (!word_done(s, a, &e)) {
		cpl_word_at(l, a);
		add_list(l, frame ? "all level" : "all");
		return;
	}
	if (e - a == 3 && !strncmp(s + a, "all", 3)) {
		complete_apply(l, skip_ws(s, e), frame ? CLI_APPLY_FRAME : CLI_APPLY_THREAD_ALL);
		return;
	}
	if (frame && e - a == 5 && !strncmp(s + a, "level", 5))
		a = skip_ws(s, e);
	/* the count or the list: numbers and ranges */
	while (isdigit((unsigned char)s[a])) {
		while (s[a] && s[a] != ' ' && s[a] != '\t')
			a++;
		if (!s[a])
			return; /* still typing the list */
		a = skip_ws(s, a);
	}
	complete_apply(l, a, frame ? CLI_APPLY_FRAME : CLI_APPLY_THREAD);
}

/* maintenance test-options MODE [OPTIONS]: gdb's completion of options (core_options.c), and
 * what it concluded kept for `maintenance show test-options-completion-result`. */
static void complete_test_options(struct cpl *l, size_t a)
{
	static const char *const modes[] = { "require-delimiter", "unknown-is-error",
					     "unknown-is-operand", NULL };
	static const enum cli_opts_mode mode_of[] = { CLI_OPTS_REQUIRE_DELIMITER,
						      CLI_OPTS_UNKNOWN_IS_ERROR,
						      CLI_OPTS_UNKNOWN_IS_OPERAND };
	const char *s = l->line, *operands;
	struct cli_opt_val vals[16];
	struct opt_add add = { l, 0 };
	char err[256], *dump, *res = NULL;
	size_t e;
	int k = -1;

	if (!word_done(s, a, &e)) {
		cpl_word_at(l, a);
		add_list(l, "require-delimiter unknown-is-error unknown-is-operand");
		return;
	}
	for (int i = 0; modes[i]; i++)
		if (e - a == strlen(modes[i]) && !strncmp(s + a, modes[i], e - a))
			k = i;
	if (k < 0)
		return;
	add.base = skip_ws(s, e);
	cli_test_opts_init(vals);
	bool took = cli_opts_complete(s + add.base, mode_of[k], cli_test_opt_defs,
				      cli_test_opt_count, vals, &operands, opt_add, &add, err,
				      sizeof(err));
	if (took) {
		if ((dump = cli_test_opts_dump(vals, operands)) && asprintf(&res, "1 %s", dump) < 0)
			res = NULL;
		free(dump);
	} else if (asprintf(&res, "0 %s\n", operands) < 0) {
		res = NULL;
	}
	for (size_t i = 0; i < cli_test_opt_count; i++)
		free(vals[i].s);
	free(l->c->opts_cpl_result);
	l->c->opts_cpl_result = res;
}

/* maintenance's subcommand, then (set, show, with) its settings; with's command after --. */
static void complete_maint(struct cpl *l, size_t a)
{
	const char *s = l->line;
	size_t e, after;

	if (!word_done(s, a, &e)) {
		cpl_word_at(l, a);
		add_list(l, "set show test-options with");
		return;
	}
	if (e - a > 5 && !strncmp(s + a, "test-options", e - a)) {
		complete_test_options(l, skip_ws(s, e));
		return;
	}
	bool set = !strncmp(s + a, "set", e - a) && e - a <= 3;
	bool show = !strncmp(s + a, "show", e - a) && e - a <= 4 && e - a > 1;
	bool with = !strncmp(s + a, "with", e - a) && e - a <= 4;
	size_t w = skip_ws(s, e), we;
	if (show && !word_done(s, w, &we) &&
	    !strncmp(s + w, "test-", strlen(s + w) < 5 ? strlen(s + w) : 5)) {
		cpl_word_at(l, w);
		cpl_add(l, "test-options-completion-result");
	}
	if (with && has_word(s, e, "--", &after))
		complete_from(l, after, true);
	else if ((set && !show) || with)
		cpl_setting(l, e, false, true);
	else if (show)
		cpl_setting(l, e, true, true);
}

static bool is_one(const char *n, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(n, *names))
			return true;
	return false;
}

/* The arguments of command k, starting at a. */
static void complete_args(struct cpl *l, const struct cli_cmd *k, size_t a)
{
	const char *n = k->name;
	size_t e;

#define IS(...) is_one(n, (const char *const[]){ __VA_ARGS__, NULL })
	if (!strcmp(n, "info")) {
		complete_info(l, a);
	} else if (!strcmp(n, "set") || !strcmp(n, "show")) {
		cpl_setting(l, a, !strcmp(n, "show"), false);
	} else if (!strcmp(n, "maintenance")) {
		complete_maint(l, a);
	} else if (!strcmp(n, "help")) {
		complete_from(l, a, false);
	} else if (!strcmp(n, "complete")) {
		complete_from(l, a, true);
	} else if (!strcmp(n, "with")) {
		size_t after;
		if (has_word(l->line, a, "--", &after))
			complete_from(l, after, true);
		else
			cpl_setting(l, a, false, false);
	} else if (IS("print", "call", "output", "inspect")) {
		cpl_print(l, a);
	} else if (IS("ptype", "whatis", "display", "x", "eval", "explore", "undisplay")) {
		cpl_expression(l, a);
	} else if (IS("break", "tbreak", "hbreak", "thbreak", "dprintf")) {
		complete_break(l, a);
	} else if (IS("until", "advance", "list", "clear", "jump", "edit", "rbreak")) {
		cpl_linespec(l, a);
	} else if (IS("file", "exec-file", "symbol-file", "core-file", "cd", "source", "directory",
		      "add-symbol-file", "gcore", "generate-core-file", "run", "start", "starti",
		      "shell", "make", "dump", "restore", "pipe")) {
		cpl_filename(l, last_word(l->line, a));
	} else if (IS("handle")) {
		complete_handle(l, a);
	} else if (IS("skip")) {
		complete_skip(l, a);
	} else if (IS("signal", "queue-signal")) {
		cpl_signal(l, a);
	} else if (IS("condition")) {
		complete_bpnum(l, a, NULL, true);
	} else if (IS("delete")) {
		complete_bpnum(l, a,
			       "bookmark breakpoints checkpoint display mem tracepoints tvariable",
			       false);
	} else if (IS("enable", "disable")) {
		complete_bpnum(
			l, a,
			"breakpoints count delete display frame-filter mem once pretty-printer "
			"probes type-printer unwinder",
			false);
	} else if (IS("ignore", "commands", "tcommands")) {
		complete_bpnum(l, a, NULL, false);
	} else if (IS("backtrace")) {
		cpl_backtrace(l, a);
	} else if (IS("frame") && !word_done(l->line, a, &e)) {
		cpl_word_at(l, a);
		add_list(l, "address apply function level view");
	} else if (IS("frame") && e - a == 5 && !strncmp(l->line + a, "apply", 5)) {
		complete_apply_list(l, skip_ws(l->line, e), true);
	} else if (IS("thread") && !word_done(l->line, a, &e)) {
		cpl_word_at(l, a);
		add_list(l, "apply find name");
	} else if (IS("thread") && e - a == 5 && !strncmp(l->line + a, "apply", 5)) {
		complete_apply_list(l, skip_ws(l->line, e), false);
	} else if (IS("faas", "tfaas")) {
		complete_apply(l, a, CLI_APPLY_FRAME);
	} else if (IS("taas")) {
		complete_apply(l, a, CLI_APPLY_THREAD_ALL);
	}
#undef IS
}

/* The line from at on as a command line: its command word, else (args) its arguments. */
static void complete_from(struct cpl *l, size_t at, bool args)
{
	const char *s = l->line;
	size_t a = skip_ws(s, at), e;
	char name[64];
	bool amb;

	if (!word_done(s, a, &e)) {
		cpl_word_at(l, a);
		cli_each_word(CLI_WORDS_COMMANDS, cpl_word(l), cpl_add_fn, l);
		return;
	}
	if (e == a || e - a >= sizeof(name))
		return;
	snprintf(name, sizeof(name), "%.*s", (int)(e - a), s + a);
	const struct cli_cmd *k = cli_find_word(CLI_WORDS_COMMANDS, name, &amb);
	if (!k)
		return;
	if (s[e] == '/') { /* print/x, x/4x: the format, then the arguments */
		while (s[e] && s[e] != ' ' && s[e] != '\t')
			e++;
		if (!s[e])
			return;
	}
	a = skip_ws(s, e);
	if (!args) { /* help: the subcommands of prefixes only */
		if (!strcmp(k->name, "info"))
			word_done(s, a, &e) ? (void)0 : complete_info(l, a);
		else if (!strcmp(k->name, "set") || !strcmp(k->name, "show"))
			cpl_setting(l, a, !strcmp(k->name, "show"), false);
		return;
	}
	complete_args(l, k, a);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_complete_line(struct cli *c, const char *line, char ***out, bool *truncated)
{
	struct cpl l = { .c = c, .line = line };
	size_t n = 0;
	long max = c->max_completions;

	*out = NULL;
	*truncated = false;
	complete_from(&l, 0, true);
	if (l.oom) {
		for (size_t i = 0; i < l.n; i++)
			free(l.v[i]);
		free(l.v);
		return -1;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), cmp);
	for (size_t i = 0; i < l.n; i++) {
		if (n && !strcmp(l.v[i], l.v[n - 1])) {
			free(l.v[i]);
			continue;
		}
		l.v[n++] = l.v[i];
	}
	/* gdb stops at max-completions and then says the list may be cut */
	if (max >= 0 && n >= (size_t)max) {
		for (size_t i = (size_t)max; i < n; i++)
			free(l.v[i]);
		n = (size_t)max;
		*truncated = true;
	}
	*out = l.v;
	return (int)n;
}

static int cmd_complete(struct cli *c, char *args)
{
	char **v;
	bool trunc;
	int n;

	if (c->max_completions == 0) {
		printf("max-completions is zero, completion is disabled.\n");
		return 0;
	}
	n = cli_complete_line(c, args, &v, &trunc);
	if (n < 0)
		return cli_error(c, "out of memory");
	for (int i = 0; i < n; i++) {
		/* a directory (cpl_filename's "dir/") is listed without its slash, as gdb */
		size_t len = strlen(v[i]);
		printf("%.*s\n", (int)(len > 1 && v[i][len - 1] == '/' ? len - 1 : len), v[i]);
		free(v[i]);
	}
	free(v);
	if (trunc)
		printf("%s *** List may be truncated, max-completions reached. ***\n", args);
	return 0;
}

const struct cli_cmd cli_cmds_complete[] = {
	{ "complete",
	  { NULL },
	  cmd_complete,
	  0,
	  "List the completions for the rest of the line as a command." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
