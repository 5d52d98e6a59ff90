/*
 * macroexp.c - C preprocessor macro expansion, the way gdb's macroexp.c does it (see
 * macroexp.h): the text is cut into preprocessing tokens, whitespace between them is kept as
 * it was, a token is separated from the one before it by a space only where gluing them would
 * lex differently, and an expansion is rescanned with the macro's name painted (not expanded
 * again) but never reaches past its end into the text that follows it.
 *
 * Owns: the expander and struct mx_def parsing. Must not: keep global state, print, or know
 * where definitions come from (the caller's mx_lookup_fn).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/macroexp.h"

#define MX_MAX_DEPTH 200       /* nested expansions before we give up */
#define MX_MAX_OUT (16u << 20) /* bytes all buffers of one expansion may hold */

enum {
	TK_IDENT = 1,
	TK_NUM,
	TK_CHAR,
	TK_STR,
	TK_PUNCT,
	TK_OPEN_STR,
	TK_OPEN_CHAR,
	TK_OPEN_COMMENT
};

struct mx_tok {
	const char *text;
	size_t len;
	int kind;
};

struct mx_buf {
	char *s;
	size_t len, cap;
	size_t last_tok; /* where the last token appended starts */
};

struct mx_ctx {
	mx_lookup_fn lookup;
	void *arg;
	char *err;
	size_t errlen;
	int depth;
	size_t total;
	bool failed;
};

/* The macros being expanded around the current text: not expanded again inside it. */
struct mx_noloop {
	const char *name;
	const struct mx_noloop *next;
};

static int __attribute__((format(printf, 2, 3))) mx_fail(struct mx_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed && c->err && c->errlen) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	c->failed = true;
	return -1;
}

static bool is_ws(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static bool id_start(int ch)
{
	return ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool id_char(int ch)
{
	return id_start(ch) || (ch >= '0' && ch <= '9');
}

size_t mx_ident_len(const char *s)
{
	size_t n = 0;

	if (!id_start((unsigned char)s[0]) || s[0] == '$')
		return 0;
	while (id_char((unsigned char)s[n]) && s[n] != '$')
		n++;
	return n;
}

/* ---- tokens ----------------------------------------------------------------------------- */

static const char *const puncts[] = {
	"%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=",
	">=",   "==",  "!=",  "&&",  "||", "*=", "/=", "%=", "+=", "-=",
	"&=",   "^=",  "|=",  "##",  "<:", ":>", "<%", "%>", "%:",
};

/* The quoted literal at s (its opening quote at s[q]): its length, up to the end if open. */
static size_t quoted_len(const char *s, size_t n, size_t q, bool *open)
{
	size_t i = q + 1;

	while (i < n && s[i] != s[q]) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		i++;
	}
	*open = i >= n;
	return i < n ? i + 1 : n;
}

/* The next token of s[*pos..n), past whitespace and comments: true with *t, false at the end. */
static bool get_token(const char *s, size_t n, size_t *pos, struct mx_tok *t)
{
	size_t i = *pos, k;
	bool open = false;

	for (;;) {
		while (i < n && is_ws((unsigned char)s[i]))
			i++;
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			for (k = i + 2; k + 1 < n && !(s[k] == '*' && s[k + 1] == '/'); k++)
				;
			if (k + 1 >= n) { /* gdb refuses it */
				t->text = s + i;
				t->len = n - i;
				t->kind = TK_OPEN_COMMENT;
				*pos = n;
				return true;
			}
			i = k + 2;
			continue;
		}
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		break;
	}
	if (i >= n) {
		*pos = n;
		return false;
	}
	t->text = s + i;
	unsigned char ch = (unsigned char)s[i];
	size_t pre = 0;
	if (ch == 'L' || ch == 'U' || ch == 'u')
		pre = (ch == 'u' && i + 2 < n && s[i + 1] == '8') ? 2 : 1;
	if (pre && i + pre < n && (s[i + pre] == '"' || s[i + pre] == '\'')) {
		t->kind = s[i + pre] == '"' ? TK_STR : TK_CHAR;
		k = quoted_len(s, n, i + pre, &open);
	} else if (ch == '"' || ch == '\'') {
		t->kind = ch == '"' ? TK_STR : TK_CHAR;
		k = quoted_len(s, n, i, &open);
	} else if (id_start(ch)) {
		t->kind = TK_IDENT;
		for (k = i; k < n && id_char((unsigned char)s[k]); k++)
			;
	} else if ((ch >= '0' && ch <= '9') ||
		   (ch == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')) {
		t->kind = TK_NUM;
		for (k = i + 1; k < n; k++) {
			unsigned char d = (unsigned char)s[k];
			if ((d == '+' || d == '-') && strchr("eEpP", s[k - 1]))
				continue;
			if (!id_char(d) && d != '.')
				break;
		}
	} else {
		t->kind = TK_PUNCT;
		k = i + 1;
		for (size_t j = 0; j < sizeof(puncts) / sizeof(puncts[0]); j++) {
			size_t pl = strlen(puncts[j]);
			if (pl <= n - i && !memcmp(s + i, puncts[j], pl)) {
				k = i + pl;
				break;
			}
		}
	}
	if (open)
		t->kind = t->kind == TK_STR ? TK_OPEN_STR : TK_OPEN_CHAR;
	t->len = k - i;
	*pos = k;
	return true;
}

static bool tok_is(const struct mx_tok *t, const char *s)
{
	return t->len == strlen(s) && !memcmp(t->text, s, t->len);
}

static bool tok_paste(const struct mx_tok *t)
{
	return t->kind == TK_PUNCT && (tok_is(t, "##") || tok_is(t, "%:%:"));
}

/* ---- buffers ---------------------------------------------------------------------------- */

static int buf_add(struct mx_ctx *c, struct mx_buf *b, const char *s, size_t n)
{
	if (c->failed)
		return -1;
	if ((c->total += n) > MX_MAX_OUT)
		return mx_fail(c, "Macro expansion is too large.");
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *ns = realloc(b->s, cap);
		if (!ns)
			return mx_fail(c, "Out of memory expanding macros.");
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

static void buf_ws(struct mx_ctx *c, struct mx_buf *b, const char *s, size_t n)
{
	if (n && buf_add(c, b, s, n) == 0)
		b->last_tok = b->len;
}

/* Append a token, with a space before it if it would glue to the one before (gdb's
 * append_tokens_without_splicing). */
static void buf_tok(struct mx_ctx *c, struct mx_buf *b, const char *s, size_t n)
{
	size_t prev = b->len - b->last_tok;

	if (prev && n && !is_ws((unsigned char)b->s[b->len - 1])) {
		char stack[256], *tmp = prev + n <= sizeof(stack) ? stack : malloc(prev + n);
		struct mx_tok t;
		size_t pos = 0;

		if (!tmp) {
			mx_fail(c, "Out of memory expanding macros.");
			return;
		}
		memcpy(tmp, b->s + b->last_tok, prev);
		memcpy(tmp + prev, s, n);
		if (get_token(tmp, prev + n, &pos, &t) && t.len != prev)
			buf_ws(c, b, " ", 1);
		if (tmp != stack)
			free(tmp);
	}
	size_t at = b->len;
	if (buf_add(c, b, s, n) == 0)
		b->last_tok = at;
}

/* ---- definitions ------------------------------------------------------------------------ */

void mx_def_free(struct mx_def *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->argc; i++)
		free(d->argv[i]);
	free(d->argv);
	free(d->name);
	free(d->body);
	memset(d, 0, sizeof(*d));
	d->argc = -1;
}

static const char *skip_ws(const char *s)
{
	while (is_ws((unsigned char)*s))
		s++;
	return s;
}

/* gdb's extract_identifier: a name, or for a parameter "..." or "NAME...". */
static char *extract_ident(const char **sp, bool param)
{
	const char *s = *sp;
	size_t n = 0;

	if (param && !strncmp(s, "...", 3))
		n = 3;
	else if ((n = mx_ident_len(s)) && param && !strncmp(s + n, "...", 3))
		n += 3;
	if (!n)
		return NULL;
	*sp = s + n;
	return strndup(s, n);
}

int mx_def_parse(const char *text, struct mx_def *d, char *err, size_t errlen)
{
	const char *s = skip_ws(text);
	const char *msg = NULL;

	memset(d, 0, sizeof(*d));
	d->argc = -1;
	if (!(d->name = extract_ident(&s, false))) {
		msg = "Invalid macro name.";
		goto fail;
	}
	if (*s == '(') {
		d->argc = 0;
		s = skip_ws(s + 1);
		while (*s != ')') {
			char *a = extract_ident(&s, true), **nv;
			if (!a) {
				msg = "Macro is missing an argument.";
				goto fail;
			}
			if (!(nv = realloc(d->argv, (d->argc + 1) * sizeof(*nv)))) {
				free(a);
				msg = "Out of memory.";
				goto fail;
			}
			d->argv = nv;
			d->argv[d->argc++] = a;
			for (int i = 0; i < d->argc - 1; i++)
				if (!strcmp(d->argv[i], a)) {
					msg = "Two macro arguments with identical names.";
					goto fail;
				}
			s = skip_ws(s);
			if (*s == ',')
				s = skip_ws(s + 1);
			else if (*s != ')') {
				msg = "',' or ')' expected at end of macro arguments.";
				goto fail;
			}
		}
		s++;
	}
	if (!(d->body = strdup(skip_ws(s)))) {
		msg = "Out of memory.";
		goto fail;
	}
	return 0;
fail:
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
	mx_def_free(d);
	return -1;
}

/* ---- expansion -------------------------------------------------------------------------- */

static void scan(struct mx_ctx *c, struct mx_buf *dest, const char *src, size_t n,
		 const struct mx_noloop *nl);

static bool painted(const struct mx_noloop *nl, const struct mx_tok *t)
{
	for (; nl; nl = nl->next)
		if (tok_is(t, nl->name))
			return true;
	return false;
}

struct mx_arg {
	const char *text;
	size_t len;
};

struct mx_call {
	const struct mx_def *def;
	struct mx_arg *args;
	int nargs;
	bool variadic;
	const struct mx_noloop *nl;
};

/* Which parameter the token names: its index, or -1. */
static int param_of(const struct mx_call *k, const struct mx_tok *t)
{
	const struct mx_def *d = k->def;

	if (t->kind != TK_IDENT || d->argc < 0)
		return -1;
	for (int i = 0; i < d->argc; i++) {
		const char *a = d->argv[i];
		size_t al = strlen(a);
		if (i == d->argc - 1 && k->variadic) {
			if (!strcmp(a, "...") ? tok_is(t, "__VA_ARGS__") :
						(t->len == al - 3 && !memcmp(t->text, a, al - 3)))
				return i;
		} else if (t->len == al && !memcmp(t->text, a, al)) {
			return i;
		}
	}
	return -1;
}

/* gdb's stringify: whitespace runs become one space, '"' and '\' get a backslash. */
static void stringify(struct mx_ctx *c, struct mx_buf *dest, const struct mx_arg *a)
{
	struct mx_buf s = { 0 };
	bool space = false;

	buf_add(c, &s, "\"", 1);
	for (size_t i = 0; i < a->len; i++) {
		char ch = a->text[i];
		if (is_ws((unsigned char)ch)) {
			space = true;
			continue;
		}
		if (space && s.len > 1)
			buf_add(c, &s, " ", 1);
		space = false;
		if (ch == '"' || ch == '\\')
			buf_add(c, &s, "\\", 1);
		buf_add(c, &s, &ch, 1);
	}
	buf_add(c, &s, "\"", 1);
	if (!c->failed)
		buf_tok(c, dest, s.s, s.len);
	free(s.s);
}

static void trim_ws(struct mx_buf *b)
{
	while (b->len && is_ws((unsigned char)b->s[b->len - 1]))
		b->len--;
	if (b->s)
		b->s[b->len] = '\0';
	if (b->last_tok > b->len)
		b->last_tok = b->len;
}

/* After text was glued in: last_tok is where the last token of dest[from..] starts. */
static void retoken(struct mx_buf *b, size_t from)
{
	size_t pos = from;
	struct mx_tok t;

	while (b->s && get_token(b->s, b->len, &pos, &t))
		b->last_tok = (size_t)(t.text - b->s);
}

/* Substitute the arguments into body[0..n) (the whole body, or a __VA_OPT__'s contents). */
static void substitute(struct mx_ctx *c, const struct mx_call *k, const char *body, size_t n,
		       struct mx_buf *dest, bool in_vaopt)
{
	bool func = k->def->argc >= 0;
	size_t pos = 0, start = 0;
	struct mx_tok t, nt;

	while (!c->failed) {
		start = pos;
		if (!get_token(body, n, &pos, &t))
			break;
		if (func && tok_is(&t, "__VA_OPT__")) {
			size_t p2 = pos, open, depth = 1;
			if (!k->variadic) {
				mx_fail(c, "__VA_OPT__ is only valid in a variadic macro");
				return;
			}
			if (in_vaopt) {
				mx_fail(c, "__VA_OPT__ cannot appear inside __VA_OPT__");
				return;
			}
			if (!get_token(body, n, &p2, &nt) || !tok_is(&nt, "(")) {
				mx_fail(c, "__VA_OPT__ must be followed by an open parenthesis");
				return;
			}
			open = p2;
			while (depth) {
				if (!get_token(body, n, &p2, &nt)) {
					mx_fail(c, "Unterminated __VA_OPT__");
					return;
				}
				if (tok_is(&nt, "("))
					depth++;
				else if (tok_is(&nt, ")"))
					depth--;
				else if (tok_is(&nt, "__VA_OPT__")) {
					mx_fail(c, "__VA_OPT__ cannot appear inside __VA_OPT__");
					return;
				}
			}
			if (k->args[k->nargs - 1].len)
				substitute(c, k, body + open, (size_t)(nt.text - body) - open, dest,
					   true);
			pos = p2;
			continue;
		}
		buf_ws(c, dest, body + start, (size_t)(t.text - body) - start);
		if (func && t.kind == TK_PUNCT && (tok_is(&t, "#") || tok_is(&t, "%:"))) {
			int pi;
			if (!get_token(body, n, &pos, &nt) || (pi = param_of(k, &nt)) < 0) {
				mx_fail(c, "Stringification operator requires an argument.");
				return;
			}
			stringify(c, dest, &k->args[pi]);
			continue;
		}
		/* Followed by ##? Then this token and the next are glued, arguments unexpanded. */
		size_t p2 = pos;
		bool pastes = get_token(body, n, &p2, &nt) && tok_paste(&nt);
		int pi = param_of(k, &t);
		if (!pastes) {
			if (pi >= 0)
				scan(c, dest, k->args[pi].text, k->args[pi].len, k->nl);
			else
				buf_tok(c, dest, t.text, t.len);
			continue;
		}
		if (pi >= 0)
			buf_tok(c, dest, k->args[pi].text, k->args[pi].len);
		else
			buf_tok(c, dest, t.text, t.len);
		struct mx_tok lhs = t;
		p2 = pos;
		while (get_token(body, n, &p2, &nt) && tok_paste(&nt)) {
			pos = p2;
			if (!get_token(body, n, &pos, &t))
				break; /* ## at the end: nothing to glue */
			trim_ws(dest);
			int ri = param_of(k, &t);
			size_t at = dest->len;
			if (ri >= 0) {
				const struct mx_arg *a = &k->args[ri];
				if (!a->len && ri == k->def->argc - 1 && k->variadic &&
				    tok_is(&lhs, ",") && dest->len &&
				    dest->s[dest->len - 1] == ',') {
					dest->len--; /* GNU's ", ## args" with no args */
					dest->s[dest->len] = '\0';
					trim_ws(dest);
					at = dest->last_tok;
				} else {
					buf_add(c, dest, a->text, a->len);
				}
			} else {
				buf_add(c, dest, t.text, t.len);
			}
			retoken(dest, at < dest->last_tok ? at : dest->last_tok);
			lhs = t;
			p2 = pos;
		}
	}
}

/* The arguments of a call whose '(' ends at src[*pos]: 0 with *pos past its ')', or -1. */
static int gather(struct mx_ctx *c, const struct mx_def *d, bool variadic, const char *src,
		  size_t n, size_t *pos, struct mx_arg **out, int *nout)
{
	struct mx_arg *args = NULL;
	int na = 0, depth = 0;
	size_t p = *pos;
	const char *first = NULL, *last = NULL;
	struct mx_tok t;

	for (;;) {
		if (!get_token(src, n, &p, &t)) {
			free(args);
			return mx_fail(c, "Malformed argument list for macro `%s'.", d->name);
		}
		bool split = depth == 0 && tok_is(&t, ",") && !(variadic && na == d->argc - 1);
		if ((depth == 0 && tok_is(&t, ")")) || split) {
			struct mx_arg *na2 = realloc(args, (na + 1) * sizeof(*args));
			if (!na2) {
				free(args);
				return mx_fail(c, "Out of memory expanding macros.");
			}
			args = na2;
			args[na].text = first ? first : t.text;
			args[na].len = first ? (size_t)(last - first) : 0;
			na++;
			first = last = NULL;
			if (!split)
				break;
			continue;
		}
		if (tok_is(&t, "("))
			depth++;
		else if (tok_is(&t, ")"))
			depth--;
		if (!first)
			first = t.text;
		last = t.text + t.len;
	}
	*pos = p;
	*out = args;
	*nout = na;
	return 0;
}

/* Expand the macro t names if it is one in scope (its arguments from src at *pos). */
static bool maybe_expand(struct mx_ctx *c, struct mx_buf *dest, const struct mx_tok *t,
			 const char *src, size_t n, size_t *pos, const struct mx_noloop *nl)
{
	const struct mx_def *d;
	char name[256];

	if (t->kind != TK_IDENT || t->len >= sizeof(name) || painted(nl, t) ||
	    !(d = c->lookup(c->arg, t->text, t->len)))
		return false;
	memcpy(name, t->text, t->len);
	name[t->len] = '\0';
	struct mx_call k = { .def = d, .nl = nl };
	struct mx_arg none = { "", 0 };
	size_t p2 = *pos;
	struct mx_tok nt;

	if (d->argc >= 0) {
		if (!get_token(src, n, &p2, &nt) || !tok_is(&nt, "("))
			return false;
		k.variadic = d->argc > 0 && strstr(d->argv[d->argc - 1], "...") != NULL;
		if (gather(c, d, k.variadic, src, n, &p2, &k.args, &k.nargs) < 0)
			return true;
		if (k.nargs == 1 && d->argc == 0 && !k.args[0].len) {
			k.nargs = 0;
		} else if (k.variadic && k.nargs == d->argc - 1) {
			struct mx_arg *na = realloc(k.args, d->argc * sizeof(*na));
			if (!na) {
				free(k.args);
				mx_fail(c, "Out of memory expanding macros.");
				return true;
			}
			k.args = na;
			k.args[k.nargs++] = none;
		}
		if (k.nargs != d->argc) {
			mx_fail(c, "Wrong number of arguments to macro `%s' (expected %d, got %d).",
				name, d->argc, k.nargs);
			free(k.args);
			return true;
		}
		*pos = p2;
	}
	struct mx_buf r = { 0 };
	struct mx_noloop self = { name, nl };

	if (++c->depth > MX_MAX_DEPTH) {
		mx_fail(c, "Macro expansion of `%s' is nested too deeply.", name);
	} else {
		substitute(c, &k, d->body, strlen(d->body), &r, false);
		if (!c->failed && r.len)
			scan(c, dest, r.s, r.len, &self);
	}
	c->depth--;
	free(r.s);
	free(k.args);
	return true;
}

static void scan(struct mx_ctx *c, struct mx_buf *dest, const char *src, size_t n,
		 const struct mx_noloop *nl)
{
	size_t pos = 0, start = 0;
	struct mx_tok t;

	if (++c->depth > MX_MAX_DEPTH) {
		mx_fail(c, "Macro expansion is nested too deeply.");
		c->depth--;
		return;
	}
	while (!c->failed) {
		start = pos;
		if (!get_token(src, n, &pos, &t))
			break;
		buf_ws(c, dest, src + start, (size_t)(t.text - src) - start);
		if (t.kind == TK_OPEN_COMMENT)
			mx_fail(c, "Unterminated comment in macro expansion.");
		else if (t.kind == TK_OPEN_STR)
			mx_fail(c, "Unterminated string in expression.");
		else if (t.kind == TK_OPEN_CHAR)
			mx_fail(c, "Unmatched single quote.");
		else if (!maybe_expand(c, dest, &t, src, n, &pos, nl))
			buf_tok(c, dest, t.text, t.len);
	}
	if (!c->failed)
		buf_ws(c, dest, src + start, n - start);
	c->depth--;
}

int mx_expand(const char *src, mx_lookup_fn lookup, void *arg, char **out, char *err, size_t errlen)
{
	struct mx_ctx c = { .lookup = lookup, .arg = arg, .err = err, .errlen = errlen };
	struct mx_buf b = { 0 };

	*out = NULL;
	if (buf_add(&c, &b, "", 0) == 0)
		scan(&c, &b, src, strlen(src), NULL);
	if (c.failed) {
		free(b.s);
		return -1;
	}
	*out = b.s;
	return 0;
}

bool mx_mentions_macro(const char *src, mx_lookup_fn lookup, void *arg)
{
	size_t pos = 0, n = strlen(src);
	struct mx_tok t;

	while (get_token(src, n, &pos, &t))
		if (t.kind == TK_IDENT && lookup(arg, t.text, t.len))
			return true;
	return false;
}
