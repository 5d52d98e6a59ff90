/*
 * cmd_complete_words.c - the completers of command arguments, as gdb's: expressions (the
 * program's functions and variables with and without debug info, the selected frame's locals,
 * struct and union members after `.` and `->`, struct/union/enum tags after those keywords,
 * $convenience variables and $registers), linespecs (FUNC, FILE, FILE:FUNC, the explicit
 * -function/-source/-line/-label/-qualified options), file names, gdb's signal names, breakpoint
 * numbers, register names, and the options of print and backtrace.
 *
 * Owns: nothing kept. Must not: change the program (the expression before `.` is evaluated only
 * without calls, assignments or increments).
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_complete.h"
#include "core_options.h"

static bool ident_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '$';
}

/* Where the last word of line starts (after at): the last blank. */
static size_t after_blank(const char *s, size_t at)
{
	size_t w = at;

	for (size_t i = at; s[i]; i++)
		if (s[i] == ' ' || s[i] == '\t')
			w = i + 1;
	return w;
}

/* ---- symbols ---- */

struct symwalk {
	struct cpl *l;
	const char *file; /* only symbols of this file (basename or whole), or NULL */
	int tags;         /* 1: struct/union/enum tags of that keyword (kw), 0: plain names */
	const char *kw;
	bool files; /* add source files instead */
};

static const char *base_name(const char *f)
{
	const char *b = strrchr(f, '/');

	return b ? b + 1 : f;
}

static int sym_fn(void *data, const struct cdbg_symlist_entry *e)
{
	struct symwalk *w = data;
	char buf[512];

	if (w->files) {
		if (e->file) {
			cpl_add(w->l, e->file);
			cpl_add(w->l, base_name(e->file));
		}
		return 0;
	}
	if (w->file &&
	    (!e->file || (strcmp(e->file, w->file) && strcmp(base_name(e->file), w->file))))
		return 0;
	if (w->tags) {
		size_t kl = strlen(w->kw);
		if (strncmp(e->decl, w->kw, kl) || e->decl[kl] != ' ')
			return 0;
	}
	snprintf(buf, sizeof(buf), "%s", e->name);
	if (strchr(buf, '@') && !strstr(buf, "@plt"))
		*strchr(buf, '@') = '\0';
	if (*buf)
		cpl_add(w->l, buf);
	return 0;
}

/* The program's symbols of kind that begin with the word. */
static void symbols(struct symwalk *w, enum cdbg_symlist_kind kind, unsigned flags)
{
	char re[300], *o = re;
	const char *word = w->file || w->files || w->l->wild ? "" : cpl_word(w->l);

	if (!cli_symbols(w->l->c))
		return;
	*o++ = '^';
	for (; *word && o < re + sizeof(re) - 3; word++) {
		if (strchr(".[]*^$\\", *word))
			*o++ = '\\';
		*o++ = *word;
	}
	*o = '\0';
	if (cdbg_symbols_each(w->l->c->p, kind, re, flags, sym_fn, w) < 0)
		return;
}

/* Locals and arguments of the selected frame. */
static void locals(struct cpl *l)
{
	struct cli *c = l->c;
	struct cdbg_var *v;
	int n;

	if (!c->live || !(v = calloc(256, sizeof(*v))))
		return;
	n = cdbg_frame_vars(c->p, c->cur_tid, cli_selected_frame(c),
			    CDBG_VARS_LOCALS | CDBG_VARS_ARGS, v, 256);
	for (int i = 0; i < n && i < 256; i++)
		cpl_add(l, v[i].name);
	free(v);
}

/* ---- members ---- */

/* The members of v (those of its base classes and anonymous members too). */
static void members(struct cpl *l, const struct cdbg_value *v, int depth)
{
	struct cdbg_var *k;
	int n;

	if (depth > 8)
		return;
	n = cdbg_value_children(l->c->p, v, 0, NULL, 0);
	if (n <= 0 || n > 4096 || !(k = calloc((size_t)n, sizeof(*k))))
		return;
	n = cdbg_value_children(l->c->p, v, 0, k, (size_t)n);
	for (int i = 0; i < n; i++) {
		if (!strcmp(k[i].name, "*") && depth == 0)
			members(l, &k[i].value, depth + 1); /* ptr->field, and gdb's ptr.field */
		else if (k[i].name[0] == '<')
			members(l, &k[i].value, depth + 1); /* <Base>, <anonymous> */
		else if (k[i].name[0] != '[')
			cpl_add(l, k[i].name);
	}
	free(k);
}

/* Can expr e be evaluated without changing anything? No calls, assignments, increments. */
static bool harmless(const char *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (e[i] == '=' || (e[i] == '+' && e[i + 1] == '+') ||
		    (e[i] == '-' && e[i + 1] == '-'))
			return false;
		if (e[i] == '(') {
			size_t j = i;
			while (j > 0 && e[j - 1] == ' ')
				j--;
			if (j > 0 && (ident_char(e[j - 1]) || e[j - 1] == ')' || e[j - 1] == ']'))
				return false;
		}
	}
	return true;
}

/* The start of the operand that ends just before position end (skipping [..], (..)). */
static size_t operand_start(const char *s, size_t from, size_t end)
{
	size_t i = end;

	while (i > from && s[i - 1] == ' ')
		i--;
	while (i > from) {
		char ch = s[i - 1];
		if (ch == ']' || ch == ')') {
			char open = ch == ']' ? '[' : '(';
			int depth = 0;
			while (i > from) {
				i--;
				if (s[i] == ch)
					depth++;
				else if (s[i] == open && --depth == 0)
					break;
			}
			continue;
		}
		if (ident_char(ch) || ch == '.' || ch == ':') {
			i--;
			continue;
		}
		if (ch == '>' && i - 1 > from && s[i - 2] == '-') {
			i -= 2;
			continue;
		}
		if (ch == ' ') { /* "values[0] . a": blanks around . and -> */
			size_t j = i;
			while (j > from && s[j - 1] == ' ')
				j--;
			size_t k = i;
			while (s[k] == ' ')
				k++;
			if ((s[k] == '.' || (s[k] == '-' && s[k + 1] == '>')) ||
			    (j > from && (s[j - 1] == '.' || s[j - 1] == '>'))) {
				i = j;
				continue;
			}
		}
		break;
	}
	return i;
}

static void fields(struct cpl *l, size_t from, size_t op)
{
	struct cli *c = l->c;
	size_t st = operand_start(l->line, from, op), n = op;
	struct cdbg_value v;
	char *e;

	while (n > st && l->line[n - 1] == ' ')
		n--;
	if (n == st || !harmless(l->line + st, n - st) || !(e = strndup(l->line + st, n - st)))
		return;
	if (cli_symbols(c) &&
	    cdbg_eval_frame(c->p, c->live ? c->cur_tid : 0, c->live ? cli_selected_frame(c) : 0, e,
			    cli_eval_env(c), &v) == 0)
		members(l, &v, 0);
	free(e);
}

/* ---- $ words ---- */

static void dollars(struct cpl *l)
{
	static const char *const builtin[] = { "_",           "__",         "_exitcode",
					       "_exitsignal", "_siginfo",   "bpnum",
					       "_thread",     "_gthread",   "_inferior",
					       "_exitsignal", "_hit_bpnum", "_hit_locno",
					       NULL };
	char buf[160];
	struct cli *c = l->c;

	for (struct cli_var *v = c->vars; v; v = v->next) {
		snprintf(buf, sizeof(buf), "$%s", v->name);
		cpl_add(l, buf);
	}
	for (const char *const *b = builtin; *b; b++) {
		snprintf(buf, sizeof(buf), "$%s", *b);
		cpl_add(l, buf);
	}
	if (c->live) {
		const struct cdbg_reg_desc *t;
		size_t n = cdbg_reg_table(&t);
		for (size_t i = 0; i < n; i++) {
			snprintf(buf, sizeof(buf), "$%s", t[i].name);
			cpl_add(l, buf);
		}
		for (const char *const *r = (const char *const[]){ "pc", "sp", "fp", "ps", NULL };
		     *r; r++) {
			snprintf(buf, sizeof(buf), "$%s", *r);
			cpl_add(l, buf);
		}
	}
}

/* ---- expressions ---- */

void cpl_expression(struct cpl *l, size_t at)
{
	const char *s = l->line;
	size_t end = strlen(s), w = end;

	while (w > at && (ident_char(s[w - 1]) ||
			  (s[w - 1] == ':' && w - 1 > at && s[w - 2] == ':' && w - 2 > at)))
		w -= s[w - 1] == ':' ? 2 : 1;
	while (w < end && s[w] == ':')
		w++;
	cpl_word_at(l, w);
	if (s[w] == '$') {
		dollars(l);
		return;
	}
	if (w < end && isdigit((unsigned char)s[w]))
		return;
	/* inside a string or a character constant: nothing */
	size_t q = 0;
	for (size_t i = at; i < w; i++)
		if (s[i] == '"' || s[i] == '\'')
			q++;
	if (q % 2)
		return;
	size_t b = w;
	while (b > at && s[b - 1] == ' ')
		b--;
	if (b > at && s[b - 1] == '.') {
		fields(l, at, b - 1);
		return;
	}
	if (b > at + 1 && s[b - 1] == '>' && s[b - 2] == '-') {
		fields(l, at, b - 2);
		return;
	}
	/* ptype struct NAME */
	static const char *const kws[] = { "struct", "union", "enum", "class", NULL };
	for (const char *const *k = kws; *k; k++) {
		size_t kl = strlen(*k);
		if (b >= at + kl && !strncmp(s + b - kl, *k, kl) && b < w &&
		    (b - kl == at || !ident_char(s[b - kl - 1]))) {
			struct symwalk sw = { l, NULL, 1, *k, false };
			symbols(&sw, CDBG_LIST_TYPES, 0);
			return;
		}
	}
	struct symwalk sw = { l, NULL, 0, NULL, false };
	symbols(&sw, CDBG_LIST_FUNCTIONS, CDBG_LIST_NODEBUG);
	symbols(&sw, CDBG_LIST_VARIABLES, CDBG_LIST_NODEBUG);
	symbols(&sw, CDBG_LIST_TYPES, 0);
	locals(l);
	cli_macro_names(l->c, cpl_add_fn, l); /* gdb completes macros in scope too */
}

/* ---- linespecs ---- */

static void functions_of(struct cpl *l, const char *file)
{
	struct symwalk sw = { l, file, 0, NULL, false };

	l->wild = true; /* gdb's linespecs match a name after any "::" (Counter: geo::Counter) */
	symbols(&sw, CDBG_LIST_FUNCTIONS, file ? 0 : CDBG_LIST_NODEBUG);
	l->wild = false;
}

static void source_files(struct cpl *l)
{
	struct symwalk sw = { l, NULL, 0, NULL, true };

	symbols(&sw, CDBG_LIST_FUNCTIONS, 0);
	symbols(&sw, CDBG_LIST_VARIABLES, 0);
}

static const char *const explicit_opts = "-function -label -line -probe -probe-dtrace "
					 "-probe-stap -qualified -source";

void cpl_linespec(struct cpl *l, size_t at)
{
	const char *s = l->line;
	size_t w = after_blank(s, at);
	char prev[32] = "", file[256] = "";

	/* the word before the last one, and a -source FILE given earlier */
	for (size_t i = at; i < w;) {
		size_t e = i;
		while (e < w && s[e] != ' ' && s[e] != '\t')
			e++;
		snprintf(prev, sizeof(prev), "%.*s", (int)(e - i), s + i);
		if (!strcmp(prev, "-source") || !strcmp(prev, "-s")) {
			size_t f = e;
			while (s[f] == ' ')
				f++;
			size_t fe = f;
			while (s[fe] && s[fe] != ' ')
				fe++;
			if (s[fe])
				snprintf(file, sizeof(file), "%.*s", (int)(fe - f), s + f);
		}
		i = e;
		while (i < w && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	cpl_word_at(l, w);
	if (s[w] == '-') {
		const char *o = explicit_opts;
		char buf[32];
		while (*o) {
			size_t n = strcspn(o, " ");
			snprintf(buf, sizeof(buf), "%.*s", (int)n, o);
			cpl_add(l, buf);
			o += n;
			while (*o == ' ')
				o++;
		}
		return;
	}
	if (prev[0] == '-' && strncmp(prev, "-qualified", strlen(prev) > 1 ? strlen(prev) : 99)) {
		size_t pl = strlen(prev);
		if (!strncmp(prev, "-function", pl))
			functions_of(l, file[0] ? file : NULL);
		else if (!strncmp(prev, "-source", pl))
			source_files(l);
		return; /* -line, -label: nothing to offer */
	}
	const char *colon = strrchr(s + w, ':');
	if (colon && colon[1] != ':' && (colon == s + w || colon[-1] != ':')) {
		snprintf(file, sizeof(file), "%.*s", (int)(colon - (s + w)), s + w);
		cpl_word_at(l, (size_t)(colon + 1 - s));
		functions_of(l, file);
		return;
	}
	functions_of(l, NULL);
	source_files(l);
}

/* ---- files ---- */

void cpl_filename(struct cpl *l, size_t at)
{
	const char *word = l->line + at;
	const char *slash = strrchr(word, '/');
	char dir[4096], path[4096 + 256];
	const char *base = slash ? slash + 1 : word;
	DIR *d;
	struct dirent *de;

	cpl_word_at(l, at);
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - word + 1), word);
	else
		dir[0] = '\0';
	if (*word == '~')
		return;
	if (!(d = opendir(*dir ? dir : ".")))
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' && base[0] != '.')
			continue;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (strncmp(de->d_name, base, strlen(base)))
			continue;
		snprintf(path, sizeof(path), "%s%s%s", dir, de->d_name,
			 de->d_type == DT_DIR ? "/" : "");
		cpl_add(l, path);
	}
	closedir(d);
}

/* ---- signals, breakpoints, registers ---- */

void cpl_signal(struct cpl *l, size_t at)
{
	cpl_word_at(l, after_blank(l->line, at));
	l->nocase = true; /* gdb matches the name in any case and writes it as it spells it */
	for (int i = 0; i < CLI_GSIG_COUNT; i++)
		if (cli_gsig(i)->name[0])
			cpl_add(l, cli_gsig(i)->name);
	l->nocase = false;
}

void cpl_breakpoints(struct cpl *l, size_t at)
{
	int ids[512], n;
	char buf[16];

	cpl_word_at(l, after_blank(l->line, at));
	n = cdbg_break_list(l->c->p, ids, 512);
	for (int i = 0; i < n && i < 512; i++) {
		snprintf(buf, sizeof(buf), "%d", ids[i]);
		cpl_add(l, buf);
	}
}

void cpl_registers(struct cpl *l, size_t at)
{
	static const char *const extra[] = { "pc",     "sp",      "fp",      "ps",   "all",
					     "float",  "general", "restore", "save", "sse",
					     "system", "vector",  "mmx",     NULL };
	const struct cdbg_reg_desc *t;
	size_t n = cdbg_reg_table(&t);
	size_t w = after_blank(l->line, at);

	cpl_word_at(l, w + (l->line[w] == '$'));
	for (size_t i = 0; i < n; i++)
		cpl_add(l, t[i].name);
	for (const char *const *e = extra; *e; e++)
		cpl_add(l, *e);
}

/* ---- options ---- */

struct print_add {
	struct cpl *l;
	size_t base;
};

static void print_add(void *data, size_t at, const char *cand)
{
	struct print_add *a = data;

	cpl_word_at(a->l, a->base + at);
	cpl_add(a->l, cand);
}

/* print's options by gdb's rules (core_options.c: before a "--" only), then the expression. */
void cpl_print(struct cpl *l, size_t at)
{
	struct cli_opt_val vals[CLI_POPT_COUNT] = { 0 };
	struct print_add add = { l, at };
	const char *operands;

	if (cli_opts_complete(l->line + at, CLI_OPTS_REQUIRE_DELIMITER, cli_print_opt_defs,
			      cli_print_opt_count, vals, &operands, print_add, &add, NULL, 0))
		return;
	cpl_expression(l, (size_t)(operands - l->line));
}

/* backtrace's options (gdb's rules: an unknown -word is the count), then a qualifier (full,
 * no-filters, hide) or the count's expression. */
void cpl_backtrace(struct cpl *l, size_t at)
{
	static const char *const quals[] = { "full", "hide", "no-filters", NULL };
	struct cli_opt_val vals[CLI_BTOPT_COUNT] = { 0 };
	struct print_add add = { l, at };
	const char *operands;
	size_t a, before;

	if (cli_opts_complete(l->line + at, CLI_OPTS_UNKNOWN_IS_OPERAND, cli_bt_opt_defs,
			      cli_bt_opt_count, vals, &operands, print_add, &add, NULL, 0))
		return;
	a = (size_t)(operands - l->line);
	if (l->line[a] && !strpbrk(l->line + a, " \t")) {
		cpl_word_at(l, a);
		before = l->n;
		for (int i = 0; quals[i]; i++)
			cpl_add(l, quals[i]);
		if (l->n != before)
			return;
	}
	cpl_expression(l, a);
}
