/*
 * present/srcstyle.c - C source text styled as gdb 13 shows it on a terminal (`set style
 * sources on`): gdb hands the file to GNU source-highlight with its c.lang and esc.style, and
 * this is that lexer's shape: keywords and preprocessor lines bold blue, types and the name
 * after struct/union/enum green, strings and characters red with their escapes magenta,
 * numbers magenta, comments cyan, functions (a name before "(") bold, operators and braces
 * red; an element that spans lines starts again on each line.
 *
 * Owns: nothing kept. Must not: read files (callers pass the text) or decide whether sources
 * are styled.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "present/present.h"

enum el {
	PLAIN,
	KEYWORD,
	TYPE,
	STRING,
	SPECIAL,
	COMMENT,
	NUMBER,
	PREPROC,
	SYMBOL,
	FUNC,
	BRACE,
	URL
};

static const char *const esc[] = {
	[KEYWORD] = "01;34", [TYPE] = "32",   [STRING] = "31",     [SPECIAL] = "35",
	[COMMENT] = "36",    [NUMBER] = "35", [PREPROC] = "01;34", [SYMBOL] = "31",
	[FUNC] = "01",       [BRACE] = "31",  [URL] = "04;34",
};

static const char *const keywords[] = {
	"__asm",     "__cdecl",        "__declspec",    "__export", "__far16",   "__fastcall",
	"__fortran", "__import",       "__pascal",      "__rtti",   "__stdcall", "_asm",
	"_cdecl",    "__except",       "_export",       "_far16",   "_fastcall", "__finally",
	"_fortran",  "_import",        "_pascal",       "_stdcall", "__thread",  "__try",
	"asm",       "auto",           "_Alignas",      "_Alignof", "_Atomic",   "_Generic",
	"_Noreturn", "_Static_assert", "_Thread_local", "break",    "case",      "catch",
	"cdecl",     "const",          "continue",      "default",  "do",        "else",
	"enum",      "extern",         "for",           "goto",     "if",        "pascal",
	"register",  "restrict",       "return",        "sizeof",   "static",    "struct",
	"switch",    "typedef",        "union",         "volatile", "while",     NULL,
};

static const char *const types[] = { "bool",    "char",  "double",   "float",      "int",
				     "long",    "short", "signed",   "unsigned",   "void",
				     "wchar_t", "_Bool", "_Complex", "_Imaginary", NULL };

/* The text being written, and the element of the run not yet closed. */
struct out {
	struct cdbg__text t;
	enum el open;
};

static void close_run(struct out *o)
{
	if (o->open != PLAIN)
		cdbg__text_puts(&o->t, "\033[m");
	o->open = PLAIN;
}

/* s[0..n) as element e: runs of one element merge; a newline closes the run and the next
 * line opens it again, as gdb splits the highlighted file into lines. */
static void emit(struct out *o, enum el e, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' || e == PLAIN) {
			close_run(o);
			cdbg__text_printf(&o->t, "%c", s[i]);
			continue;
		}
		if (o->open != e) {
			close_run(o);
			cdbg__text_printf(&o->t, "\033[%sm", esc[e]);
			o->open = e;
		}
		cdbg__text_printf(&o->t, "%c", s[i]);
	}
}

static bool word_ch(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static bool in_list(const char *const *l, const char *s, size_t n)
{
	for (; *l; l++)
		if (strlen(*l) == n && !strncmp(*l, s, n))
			return true;
	return false;
}

/* gdb's number.lang: 0x1F, 42, 1.5e3, .5, 42u, 10L, 7int32 - at a word start, ending at a
 * word end. Returns its length, 0 when none. */
static size_t number_at(const char *s)
{
	size_t n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
		for (n = 2; isxdigit((unsigned char)s[n]); n++)
			;
	} else {
		while (isdigit((unsigned char)s[n]))
			n++;
		if (s[n] == '.' && isdigit((unsigned char)s[n + 1]))
			for (n++; isdigit((unsigned char)s[n]); n++)
				;
		if (!n)
			return 0;
		if ((s[n] == 'e' || s[n] == 'E') &&
		    (isdigit((unsigned char)s[n + 1]) ||
		     ((s[n + 1] == '+' || s[n + 1] == '-') && isdigit((unsigned char)s[n + 2])))) {
			n += 2;
			while (isdigit((unsigned char)s[n]))
				n++;
		}
	}
	if (s[n] == 'u')
		n++;
	if (s[n] == 'L')
		n++;
	return word_ch(s[n]) ? 0 : n;
}

/* A quoted string or character from s (at its quote): the quotes and text in the string
 * style, backslash escapes in the special one. end: where it may go no further. */
static const char *quoted(struct out *o, const char *s, const char *end, char q)
{
	const char *p = s + 1, *run = s;

	while (p < end && *p != q && *p != '\n') {
		if (*p == '\\' && p + 1 < end && p[1] != '\n') {
			emit(o, STRING, run, (size_t)(p - run));
			emit(o, SPECIAL, p, 2);
			p += 2;
			run = p;
			continue;
		}
		p++;
	}
	if (p < end && *p == q)
		p++;
	emit(o, STRING, run, (size_t)(p - run));
	return p;
}

static bool url_ch(char c)
{
	return word_ch(c) || c == '.' || c == '/' || c == '-' || c == '~';
}

/* url.lang inside a comment: "<http://host/path>" or "<who@host.org>" (the <> optional).
 * Returns its length at s, 0 when none. */
static size_t url_at(const char *s, const char *end)
{
	const char *p = s + (*s == '<'), *q;

	for (q = p; q < end && word_ch(*q); q++)
		;
	if (q > p && end - q > 3 && !strncmp(q, "://", 3) && q + 3 < end && url_ch(q[3])) {
		for (q += 3; q < end && url_ch(*q); q++)
			;
	} else {
		const char *at, *dot = NULL;
		for (q = p; q < end && url_ch(*q); q++)
			;
		if (q == p || q >= end || *q != '@')
			return 0;
		at = q;
		for (q = at + 1; q < end && url_ch(*q); q++)
			if (*q == '.' && q + 1 < end && word_ch(q[1]))
				dot = q;
		if (!dot)
			return 0;
		/* the last '.' and the word after it end the address */
		for (q = dot + 1; q < end && word_ch(*q); q++)
			;
	}
	if (*s == '<' && q < end && *q == '>')
		q++;
	return (size_t)(q - s);
}

/* A comment from s: in the comment style, but for url.lang's links and todo.lang's
 * TODO/FIXME/BUG (which esc.style leaves plain) in the comment environments of c_comment.lang
 * (block comments and "///"; a "//" comment is one element). */
static const char *comment(struct out *o, const char *s, const char *end)
{
	const char *p, *q, *run = s;
	size_t n;

	if (s[1] == '/' && !(end - s > 2 && s[2] == '/')) { /* "//": no links, no todo */
		p = memchr(s, '\n', (size_t)(end - s));
		p = p ? p : end;
		emit(o, COMMENT, s, (size_t)(p - s));
		return p;
	}
	if (s[1] == '/') {
		p = memchr(s, '\n', (size_t)(end - s));
		end = p ? p : end;
	} else {
		p = s + 2;
		while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
			p++;
		end = p + 1 < end ? p + 2 : end;
	}
	for (q = s + 2; q < end;) {
		n = 0;
		if (!strncmp(q, "TODO", 4) || !strncmp(q, "FIXME", 5) || !strncmp(q, "BUG", 3)) {
			n = *q == 'F' ? 5 : *q == 'T' ? 4 : 3;
			n += q + n < end && q[n] == ':';
			if (q + n > end)
				n = 0;
		}
		if (n) {
			emit(o, COMMENT, run, (size_t)(q - run));
			emit(o, PLAIN, q, n);
			run = q += n;
			continue;
		}
		if ((*q == '<' || (word_ch(*q) && !word_ch(q[-1]))) && (n = url_at(q, end))) {
			emit(o, COMMENT, run, (size_t)(q - run));
			emit(o, URL, q, n);
			run = q += n;
			continue;
		}
		q++;
	}
	emit(o, COMMENT, run, (size_t)(end - run));
	return end;
}

int cdbg_source_style(const char *text, size_t len, char *out, size_t max)
{
	struct out o = { { out, max, 0 }, PLAIN };
	const char *s = text, *end = text + len;
	bool line_start = true, include = false;

	if (max)
		out[0] = '\0';
	while (s < end) {
		const char *p;
		size_t n;

		if (*s == '\n') {
			emit(&o, PLAIN, s++, 1);
			line_start = true;
			include = false;
			continue;
		}
		if (line_start) {
			/* preproc: '^[[:blank:]]*#([[:blank:]]*[[:word:]]*)' */
			for (p = s; p < end && (*p == ' ' || *p == '\t'); p++)
				;
			line_start = false;
			if (p < end && *p == '#') {
				const char *w;
				for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
					;
				for (w = p; p < end && word_ch(*p); p++)
					;
				include = (size_t)(p - w) == 7 && !strncmp(w, "include", 7);
				emit(&o, PREPROC, s, (size_t)(p - s));
				s = p;
				continue;
			}
		}
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v') {
			emit(&o, PLAIN, s++, 1);
			continue;
		}
		if (*s == '/' && s + 1 < end && (s[1] == '/' || s[1] == '*')) {
			s = comment(&o, s, end);
			continue;
		}
		if (include && *s == '<') { /* #include <stdio.h> */
			p = memchr(s, '>', (size_t)(end - s));
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			if (p && (!nl || p < nl)) {
				emit(&o, STRING, s, (size_t)(p + 1 - s));
				s = p + 1;
				continue;
			}
		}
		if (*s == '"' || *s == '\'') {
			s = quoted(&o, s, end, *s);
			continue;
		}
		if ((isdigit((unsigned char)*s) || (*s == '.' && isdigit((unsigned char)s[1]))) &&
		    (s == text || !word_ch(s[-1])) && (n = number_at(s))) {
			emit(&o, NUMBER, s, n);
			s += n;
			continue;
		}
		if (word_ch(*s)) {
			for (p = s; p < end && word_ch(*p); p++)
				;
			n = (size_t)(p - s);
			if ((n == 4 && !strncmp(s, "enum", 4)) ||
			    (n == 6 && !strncmp(s, "struct", 6)) ||
			    (n == 5 && !strncmp(s, "union", 5))) {
				const char *q = p, *w;
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				for (w = q; w < end && word_ch(*w); w++)
					;
				if (q > p && w > q) { /* (keyword,normal,classname) */
					emit(&o, KEYWORD, s, n);
					emit(&o, PLAIN, p, (size_t)(q - p));
					emit(&o, TYPE, q, (size_t)(w - q));
					s = w;
					continue;
				}
			}
			if (in_list(keywords, s, n))
				emit(&o, KEYWORD, s, n);
			else if (in_list(types, s, n))
				emit(&o, TYPE, s, n);
			else {
				const char *q = p;
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				emit(&o,
				     q < end && *q == '(' && !isdigit((unsigned char)*s) ? FUNC :
											   PLAIN,
				     s, n);
			}
			s = p;
			continue;
		}
		if (*s == '{' || *s == '}') {
			close_run(&o); /* each brace its own run */
			emit(&o, BRACE, s++, 1);
			close_run(&o);
			continue;
		}
		if (strchr("~!%^*()-+=[]\\:;,./?&<>|", *s)) {
			emit(&o, SYMBOL, s++, 1);
			continue;
		}
		emit(&o, PLAIN, s++, 1);
	}
	close_run(&o);
	return o.t.len > 0x7fffffff ? -EOVERFLOW : (int)o.t.len;
}
