/*
 * core_script.c - gdb's control flow over lists of command lines: reading a block up to its
 * "end" (blocks nest: if, while, define, document, commands...), and running a list with
 * `if EXPR` / `else` / `end`, `while EXPR` / `loop_break` / `loop_continue` / `end`, so that
 * the top level, user-defined commands and breakpoint `commands` share one interpreter.
 *
 * Owns: the block structure of command lists. Must not: use a command group's files
 * (scripts/check-cli-cycles); keep user-defined commands (cmd_define.c does).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_lines_add(struct cli_lines *l, const char *line)
{
	if (l->n == l->alloc) {
		int na = l->alloc ? l->alloc * 2 : 8;
		char **v = realloc(l->v, (size_t)na * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->alloc = na;
	}
	if (!(l->v[l->n] = strdup(line)))
		return -1;
	l->n++;
	return 0;
}

void cli_lines_free(struct cli_lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

/* The length of the command word at line, gdb's rule: letters, digits, '-' and '_' ("if(1)"
 * is `if` and "(1)"). */
static size_t word_len(const char *line)
{
	size_t n = 0;

	while (line[n] &&
	       ((line[n] >= 'a' && line[n] <= 'z') || (line[n] >= 'A' && line[n] <= 'Z') ||
		(line[n] >= '0' && line[n] <= '9') || line[n] == '-' || line[n] == '_'))
		n++;
	return n;
}

/* The block command line begins with, by its full name ("comm" is `commands`, "if(1)" is
 * `if`), or NULL: gdb looks the first word up as a command. */
static const char *block_word(const char *line)
{
	static const char *const words[] = { "if",     "while",         "commands",
					     "define", "document",      "while-stepping",
					     "python", "define-prefix", NULL };
	size_t n = word_len(line);
	const struct cli_cmd *k;
	char w[64];
	bool amb;

	if (!n || n >= sizeof(w))
		return NULL;
	memcpy(w, line, n);
	w[n] = '\0';
	/* the words themselves, whatever the command table holds (python: a block to skip) */
	for (int i = 0; words[i]; i++)
		if (!strcmp(w, words[i]))
			return words[i];
	if (!strcmp(w, "stepping") || !strcmp(w, "ws"))
		return "while-stepping";
	k = cli_find_command(w, &amb);
	if (!k)
		return NULL;
	for (int i = 0; words[i]; i++)
		if (!strcmp(k->name, words[i]))
			return words[i];
	return NULL;
}

/* Is line's command (by gdb's lookup) w? */
static bool first_word_is(const char *line, const char *w)
{
	const char *b = block_word(line);

	return b && !strcmp(b, w);
}

bool cli_opens_block(const char *line)
{
	const char *b = block_word(line);

	/* `python CODE` is one line; `python` alone opens a block */
	if (b && !strcmp(b, "python"))
		return !line[word_len(line)];
	return b && strcmp(b, "define-prefix") != 0;
}

/* Blanks at the end of line go. */
static void trim_end(char *line)
{
	size_t n = strlen(line);

	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
}

int cli_read_block(struct cli *c, int level, bool parse, struct cli_lines *out)
{
	char prompt[64], *raw, *line;
	int depth = 0, r = 0;

	for (;;) {
		int indent = level + depth < 60 ? level + depth : 60;
		memset(prompt, ' ', (size_t)indent);
		strcpy(prompt + indent, ">");
		if (!(raw = cli_read_line(c, prompt)))
			break;
		line = raw;
		if (parse) {
			line = cli_skip_ws(raw);
			trim_end(line);
			if (!*line || *line == '#') {
				free(raw);
				continue;
			}
		}
		if (!strcmp(line, "end") && (!parse || depth-- == 0)) {
			free(raw);
			break;
		}
		if (parse &&
		    (!strcmp(line, "if") || !strcmp(line, "while") || !strcmp(line, "define"))) {
			/* gdb: the error ends the whole definition */
			cli_error(c, "%s command requires an argument.", line);
			free(raw);
			return -2;
		}
		if (parse && cli_opens_block(line))
			depth++;
		if (r == 0)
			r = cli_lines_add(out, line);
		free(raw);
	}
	return r;
}

/* The index of the "end" closing the block opened at lines[i] (n when there is none), and of
 * its "else" at the same level in *els (-1 if none). */
static int block_end(char *const *lines, int i, int n, int *els)
{
	int depth = 0;

	*els = -1;
	for (int j = i + 1; j < n; j++) {
		const char *l = cli_skip_ws(lines[j]);
		if (!strcmp(l, "end")) {
			if (depth-- == 0)
				return j;
		} else if (!strcmp(l, "else") && depth == 0 && *els < 0) {
			*els = j;
		} else if (cli_opens_block(l)) {
			depth++;
		}
	}
	return n;
}

int cli_truth(struct cli *c, const char *expr, bool *out)
{
	struct cdbg_value v;

	if (cli_eval(c, expr, &v) < 0)
		return -1;
	if (v.is_float && v.size == 4) {
		float f;
		uint32_t b = (uint32_t)v.bits;
		memcpy(&f, &b, sizeof(f));
		*out = f != 0;
	} else if (v.is_float) {
		double d;
		memcpy(&d, &v.bits, sizeof(d));
		*out = d != 0;
	} else {
		uint64_t bits = v.bits;
		if (v.size && v.size < 8)
			bits &= (1ull << (8 * v.size)) - 1;
		*out = bits != 0;
	}
	return 0;
}

static int run_line(struct cli *c, char *line, cli_line_fn fn, void *data)
{
	if (fn)
		return fn(c, line, data);
	return cli_execute(c, line) < 0 ? CLI_RUN_ERROR : CLI_RUN_OK;
}

/* The condition of an `if`/`while` line: after its word. */
static const char *condition(struct cli *c, const char *line, const char *word)
{
	const char *e = cli_skip_ws((char *)line + word_len(line));

	if (!*e) {
		cli_error(c, "%s command requires an argument.", word);
		return NULL;
	}
	return e;
}

static int run_lines(struct cli *c, char *const *lines, int n, cli_line_fn fn, void *data, int top);

static int run_while(struct cli *c, char *const *lines, int i, int end, cli_line_fn fn, void *data)
{
	const char *cond = condition(c, cli_skip_ws(lines[i]), "while");
	bool yes;
	int r = CLI_RUN_OK;

	if (!cond)
		return CLI_RUN_ERROR;
	for (;;) {
		if (cli_interrupted(c))
			return CLI_RUN_ERROR;
		if (cli_truth(c, cond, &yes) < 0)
			return CLI_RUN_ERROR;
		/* gdb's while ends with the result of its last pass: after a loop_continue, the
		 * "continue" goes on to the enclosing loop (or makes a user command stop). */
		if (!yes)
			return r == CLI_RUN_CONTINUE ? r : CLI_RUN_OK;
		r = run_lines(c, lines + i + 1, end - i - 1, fn, data, CLI_TOP_NONE);
		if (r == CLI_RUN_BREAK)
			return CLI_RUN_OK;
		if (r != CLI_RUN_OK && r != CLI_RUN_CONTINUE)
			return r;
	}
}

/* A block cli_run_lines does not run itself (define, document, commands...): its lines up to
 * and with its "end" go in front of the input, where the command reads them. */
static int run_other_block(struct cli *c, char *const *lines, int i, int end, cli_line_fn fn,
			   void *data)
{
	if (end < i + 1 || cli_queue_line(c, "end", true) < 0)
		return CLI_RUN_ERROR;
	for (int j = end - 1; j > i; j--)
		if (cli_queue_line(c, lines[j], true) < 0)
			return CLI_RUN_ERROR;
	return run_line(c, lines[i], fn, data);
}

int cli_run_lines(struct cli *c, char *const *lines, int n, cli_line_fn fn, void *data, int top)
{
	return run_lines(c, lines, n, fn, data, top);
}

/* A loop_break or loop_continue that no loop took, at the top of a list: gdb goes on with the
 * next line of breakpoint commands and after a loop_break in a user command; a loop_continue
 * stops a user command with a warning. */
static int stray(int r, int top, bool *stop)
{
	*stop = false;
	if (top == CLI_TOP_NONE || (r != CLI_RUN_BREAK && r != CLI_RUN_CONTINUE))
		return r;
	if (top == CLI_TOP_USER && r == CLI_RUN_CONTINUE) {
		fflush(stdout);
		fprintf(stderr, "warning: Error executing canned sequence of commands.\n");
		*stop = true;
	}
	return CLI_RUN_OK;
}

static int run_lines(struct cli *c, char *const *lines, int n, cli_line_fn fn, void *data, int top)
{
	bool stop;

	for (int i = 0; i < n; i++) {
		char *l = cli_skip_ws(lines[i]);
		int end, els, r;
		bool yes;

		if (*l == CLI_LINE_ERROR)
			return cli_error(c, "%s", l + 1);
		if (!strcmp(l, "loop_break") || !strcmp(l, "loop_continue")) {
			r = stray(!strcmp(l, "loop_break") ? CLI_RUN_BREAK : CLI_RUN_CONTINUE, top,
				  &stop);
			if (r != CLI_RUN_OK || stop)
				return r;
			continue;
		}
		if (!cli_opens_block(l)) {
			r = run_line(c, l, fn, data);
			if (r != CLI_RUN_OK)
				return r;
			continue;
		}
		end = block_end(lines, i, n, &els);
		if (first_word_is(l, "if")) {
			const char *cond = condition(c, l, "if");
			if (!cond || cli_truth(c, cond, &yes) < 0)
				return CLI_RUN_ERROR;
			if (yes)
				r = run_lines(c, lines + i + 1, (els < 0 ? end : els) - i - 1, fn,
					      data, CLI_TOP_NONE);
			else if (els >= 0)
				r = run_lines(c, lines + els + 1, end - els - 1, fn, data,
					      CLI_TOP_NONE);
			else
				r = CLI_RUN_OK;
		} else if (first_word_is(l, "while")) {
			r = run_while(c, lines, i, end, fn, data);
		} else {
			r = run_other_block(c, lines, i, end, fn, data);
		}
		r = stray(r, top, &stop);
		if (r != CLI_RUN_OK || stop)
			return r;
		i = end;
	}
	return CLI_RUN_OK;
}

void cli_print_lines(char *const *lines, int n, int indent)
{
	int depth = 0;

	for (int i = 0; i < n; i++) {
		const char *l = lines[i];
		if (!strcmp(l, "end") && depth > 0)
			depth--;
		/* "else" sits at the level of its "if" */
		printf("%*s%s\n", indent + 2 * (depth - (!strcmp(l, "else") && depth > 0)), "", l);
		if (cli_opens_block(l))
			depth++;
	}
}
