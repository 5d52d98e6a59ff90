/*
 * present/style.c - gdb 13's terminal styles (`set style NAME foreground|background|intensity`):
 * the process-wide table of colours with gdb's defaults, the ANSI escapes that start and end a
 * style, the helper the value printer uses to wrap a piece of its text, and an instruction's
 * text styled as gdb's libopcodes styling does it (cdbg_insn_style).
 *
 * Owns: the style table and the escapes. Must not: decide whether output is styled (callers
 * do: cdbg_print_opts.styled, the CLI's `set style enabled`), or read the tracee.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "present/present.h"

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };
enum { NORMAL, BOLD, DIM };

/* gdb 13's defaults (cli/cli-style.c). */
static const struct cdbg_style_spec defaults[CDBG_STYLE_COUNT] = {
	[CDBG_STYLE_FILENAME] = { GREEN, -1, NORMAL },
	[CDBG_STYLE_FUNCTION] = { YELLOW, -1, NORMAL },
	[CDBG_STYLE_VARIABLE] = { CYAN, -1, NORMAL },
	[CDBG_STYLE_ADDRESS] = { BLUE, -1, NORMAL },
	[CDBG_STYLE_HIGHLIGHT] = { RED, -1, NORMAL },
	[CDBG_STYLE_METADATA] = { -1, -1, DIM },
	[CDBG_STYLE_TITLE] = { -1, -1, BOLD },
	[CDBG_STYLE_VERSION] = { MAGENTA, -1, BOLD },
	[CDBG_STYLE_TUI_BORDER] = { CYAN, -1, NORMAL },
	[CDBG_STYLE_TUI_ACTIVE_BORDER] = { CYAN, -1, NORMAL },
	[CDBG_STYLE_DISASM_COMMENT] = { WHITE, -1, DIM },
	[CDBG_STYLE_DISASM_IMMEDIATE] = { BLUE, -1, NORMAL },
	[CDBG_STYLE_DISASM_MNEMONIC] = { GREEN, -1, NORMAL },
	[CDBG_STYLE_DISASM_REGISTER] = { RED, -1, NORMAL },
};

static struct cdbg_style_spec table[CDBG_STYLE_COUNT];
static char escapes[CDBG_STYLE_COUNT][24];
static int ready;

static void style_escape(enum cdbg_style s)
{
	const struct cdbg_style_spec *sp = &table[s];
	char *e = escapes[s];
	size_t max = sizeof(escapes[s]), n;
	const char *sep = "";

	e[0] = '\0';
	if (sp->fg < 0 && sp->bg < 0 && sp->intensity == NORMAL)
		return;
	n = (size_t)snprintf(e, max, "\033[");
	if (sp->fg >= 0) {
		n += (size_t)snprintf(e + n, max - n, "%d", 30 + sp->fg);
		sep = ";";
	}
	if (sp->bg >= 0) {
		n += (size_t)snprintf(e + n, max - n, "%s%d", sep, 40 + sp->bg);
		sep = ";";
	}
	if (sp->intensity != NORMAL)
		n += (size_t)snprintf(e + n, max - n, "%s%d", sep, sp->intensity == BOLD ? 1 : 2);
	snprintf(e + n, max - n, "m");
}

static void style_init(void)
{
	if (ready)
		return;
	memcpy(table, defaults, sizeof(table));
	for (int s = 0; s < CDBG_STYLE_COUNT; s++)
		style_escape((enum cdbg_style)s);
	ready = 1;
}

int cdbg_style_get(enum cdbg_style s, struct cdbg_style_spec *out)
{
	if ((unsigned)s >= CDBG_STYLE_COUNT || !out)
		return -EINVAL;
	style_init();
	*out = table[s];
	return 0;
}

int cdbg_style_set(enum cdbg_style s, const struct cdbg_style_spec *spec)
{
	if ((unsigned)s >= CDBG_STYLE_COUNT || !spec || spec->fg < -1 || spec->fg > WHITE ||
	    spec->bg < -1 || spec->bg > WHITE || spec->intensity < NORMAL || spec->intensity > DIM)
		return -EINVAL;
	style_init();
	table[s] = *spec;
	style_escape(s);
	return 0;
}

const char *cdbg_style_begin(enum cdbg_style s)
{
	if ((unsigned)s >= CDBG_STYLE_COUNT)
		return "";
	style_init();
	return escapes[s];
}

const char *cdbg_style_end(enum cdbg_style s)
{
	return *cdbg_style_begin(s) ? "\033[m" : "";
}

const char *cdbg_style_color_name(int color)
{
	static const char *const names[] = { "black", "red",     "green", "yellow",
					     "blue",  "magenta", "cyan",  "white" };

	return color >= 0 && color <= WHITE ? names[color] : "none";
}

const char *cdbg_style_intensity_name(int intensity)
{
	return intensity == BOLD ? "bold" : intensity == DIM ? "dim" : "normal";
}

void cdbg__text_styled(struct cdbg__text *t, bool styled, enum cdbg_style s, const char *str,
		       size_t n)
{
	if (styled)
		cdbg__text_puts(t, cdbg_style_begin(s));
	cdbg__text_printf(t, "%.*s", (int)n, str);
	if (styled)
		cdbg__text_puts(t, cdbg_style_end(s));
}

/* ---- instructions -------------------------------------------------------------------------- */

static size_t number_len(const char *s)
{
	size_t n = 0;

	if (s[0] == '0' && s[1] == 'x')
		for (n = 2; isxdigit((unsigned char)s[n]); n++)
			;
	else
		while (isdigit((unsigned char)s[n]))
			n++;
	return n;
}

int cdbg_insn_style(const char *text, char *out, size_t max)
{
	struct cdbg__text t = { out, max, 0 };
	const char *s = text;
	int depth = 0;
	size_t n;

	if (max)
		out[0] = '\0';
	/* the mnemonic and its prefixes (cs, data16, rep, lock), each with the blanks after it */
	while (isalpha((unsigned char)*s)) {
		n = strcspn(s, " \t");
		n += strspn(s + n, " \t");
		cdbg__text_styled(&t, true, CDBG_STYLE_DISASM_MNEMONIC, s, n);
		s += n;
	}
	while (*s) {
		if (*s == ' ' && (n = strspn(s, " ")) && s[n] == '#') {
			/* "        # " then what it says, each in the comment style */
			n += 1 + strspn(s + n + 1, " ");
			cdbg__text_styled(&t, true, CDBG_STYLE_DISASM_COMMENT, s, n);
			s += n;
			cdbg__text_styled(&t, true, CDBG_STYLE_DISASM_COMMENT, s, strlen(s));
			break;
		}
		if (*s == '%') {
			for (n = 1; isalnum((unsigned char)s[n]); n++)
				;
			if (s[n] == '(' && isdigit((unsigned char)s[n + 1]) && s[n + 2] == ')')
				n += 3; /* %st(1) */
			cdbg__text_styled(&t, true, CDBG_STYLE_DISASM_REGISTER, s, n);
			s += n;
		} else if ((*s == '$' || *s == '-') &&
			   (s[1] == '-' || isdigit((unsigned char)s[1]))) {
			cdbg__text_styled(&t, true, CDBG_STYLE_DISASM_IMMEDIATE, s, 1);
			s++;
		} else if (isdigit((unsigned char)*s)) {
			bool imm;
			n = number_len(s);
			/* a displacement, an immediate or a scale; else a branch's target */
			imm = depth || s[n] == '(' || (s > text && (s[-1] == '$' || s[-1] == '-'));
			cdbg__text_styled(&t, true,
					  imm ? CDBG_STYLE_DISASM_IMMEDIATE : CDBG_STYLE_ADDRESS, s,
					  n);
			s += n;
		} else if (*s == '<') {
			n = strcspn(s + 1, "+>");
			cdbg__text_puts(&t, "<");
			cdbg__text_styled(&t, true, CDBG_STYLE_FUNCTION, s + 1, n);
			s += 1 + n;
		} else {
			depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
			cdbg__text_printf(&t, "%c", *s++);
		}
	}
	return t.len > 0x7fffffff ? -EOVERFLOW : (int)t.len;
}
