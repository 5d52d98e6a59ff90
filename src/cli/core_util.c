/*
 * core_util.c - the CLI core's small helpers: words of a command line, C escapes, one-line
 * errors, "is a process held", Ctrl-C checks in long commands, and the door to the command
 * interpreter (dispatch.c registers it at start-up, so the core and the command groups can
 * run a command line without naming the dispatcher).
 *
 * Owns: the failure count and the interpreter hook. Must not: use a command group's files
 * (scripts/check-cli-cycles); touch the process except through cdbg.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
		case 'n':
			*o++ = '\n';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'a':
			*o++ = '\a';
			break;
		case 'e':
			*o++ = 27;
			break;
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7': {
			int v = 0, n = 0;
			while (n < 3 && *i >= '0' && *i <= '7')
				v = v * 8 + (*i++ - '0'), n++;
			i--;
			*o++ = (char)v;
			break;
		}
		default:
			*o++ = *i;
			break;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

static void print_sourced(const struct cli_src_file *f, int line)
{
	if (f->parent)
		print_sourced(f->parent, f->parent_line);
	fprintf(stderr, "%s:%d: Error in sourced command file:\n", f->name, line);
}

int cli_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (c->src_file) /* gdb names the command files (outermost first), before the error */
		print_sourced(c->src_file, c->src_line);
	c->src_file = NULL;
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
	if (c->live && !c->core)
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

bool cli_need_frames(struct cli *c)
{
	return c->core || cli_need_stopped(c);
}

bool cli_need_stack(struct cli *c, const char *none)
{
	if (!c->core && !c->live) {
		cli_error(c, "%s", none);
		return false;
	}
	return cli_need_frames(c);
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

/* ---- the command interpreter --------------------------------------------------------------- */

static const struct cli_interp *interp;

const struct cli_cmd *cli_find_command(const char *word, bool *ambiguous)
{
	*ambiguous = false;
	return interp ? interp->lookup(word, ambiguous) : NULL;
}

void cli_set_interp(const struct cli_interp *i)
{
	interp = i;
}

int cli_execute(struct cli *c, const char *line)
{
	if (!interp)
		return cli_error(c, "no command interpreter");
	return interp->execute(c, line);
}

bool cli_last_repeats(void)
{
	return cli_last_flags() & CLI_REPEAT;
}

unsigned cli_last_flags(void)
{
	return interp ? interp->last_flags() : 0;
}

void cli_each_command(const char *prefix, void (*fn)(void *, const char *), void *data)
{
	if (interp)
		interp->each_command(prefix, fn, data);
}

void cli_each_word(int what, const char *prefix, void (*fn)(void *, const char *), void *data)
{
	if (interp && interp->each_word)
		interp->each_word(what, prefix, fn, data);
}

const struct cli_cmd *cli_find_word(int what, const char *word, bool *ambiguous)
{
	*ambiguous = false;
	return interp && interp->find_word ? interp->find_word(what, word, ambiguous) : NULL;
}

int cli_complete(struct cli *c, const char *line, char ***out, bool *truncated)
{
	*out = NULL;
	*truncated = false;
	return interp && interp->complete ? interp->complete(c, line, out, truncated) : 0;
}

int cli_buildargv(char *s, char **argv, int max)
{
	int n = 0;
	char *o;

	for (;;) {
		char quote = 0;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			return n;
		if (n == max)
			return max + 1;
		argv[n++] = o = s;
		for (; *s && (quote || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
			if (*s == '\\' && s[1])
				*o++ = *++s;
			else if (quote && *s == quote)
				quote = 0;
			else if (!quote && (*s == '\'' || *s == '"'))
				quote = *s;
			else
				*o++ = *s;
		}
		if (*s)
			s++;
		*o = '\0';
	}
}

/* ---- styles: set style enabled on a terminal (cmd_settings_style.c has the settings) ---- */

const char *cli_st(const struct cli *c, enum cdbg_style s)
{
	return c->print.styled ? cdbg_style_begin(s) : "";
}

const char *cli_st_end(const struct cli *c, enum cdbg_style s)
{
	return c->print.styled ? cdbg_style_end(s) : "";
}

void cli_puts_st(const struct cli *c, enum cdbg_style s, const char *str)
{
	printf("%s%s%s", cli_st(c, s), str, cli_st_end(c, s));
}

void cli_style_update(struct cli *c)
{
	c->print.styled = c->style_enabled && c->style_tty;
}
