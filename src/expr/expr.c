/*
 * expr.c - the expression evaluator (see expr.h for the language): a lexer, a
 * precedence-climbing parser that builds a tree of nodes in one allocation, and a tree walker
 * that evaluates it.
 *
 * Owns: the syntax, the C type rules (promotions, usual arithmetic conversions, pointer
 * scaling) and every message about them. Must not: allocate, parse or print while
 * evaluating (a condition runs at every stop); reach the tracee other than through the
 * struct expr_env callbacks; keep global state (several threads may evaluate at once).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/expr_flt.h"

#define NONE UINT32_MAX
#define MAX_HEIGHT 512 /* deepest tree: bounds evaluation's recursion (about 100 KiB of stack) */
#define TOKSHOW 32      /* longest token quoted in a message */

/* ---------------------------------------------------------------- types */

static const struct expr_type T_INT = { .kind = EXPR_INT, .size = 4, .is_signed = true };
static const struct expr_type T_LONG = { .kind = EXPR_INT, .size = 8, .is_signed = true };
static const struct expr_type T_ULONG = { .kind = EXPR_INT, .size = 8 };

/* bits, as a value of type t: truncated to its size and sign- or zero-extended back. */
static uint64_t norm(struct expr_type t, uint64_t bits)
{
	unsigned w = t.size * 8u;

	if (t.kind == EXPR_VOID)
		return 0;
	if (t.kind == EXPR_FLT && t.size == 4)
		return bits & 0xffffffffu;
	if (t.kind != EXPR_INT || w >= 64 || w == 0)
		return bits;
	bits &= (1ull << w) - 1;
	if (t.is_signed && (bits >> (w - 1)) & 1)
		bits |= ~((1ull << w) - 1);
	return bits;
}

/* Is t a type this module can compute with? (Callbacks fill types.) */
static bool type_ok(const struct expr_type *t)
{
	unsigned s = t->kind == EXPR_PTR ? t->base_size : t->size;
	bool size_ok = s == 1 || s == 2 || s == 4 || s == 8;

	switch (t->kind) {
	case EXPR_INT:
		return size_ok;
	case EXPR_PTR:
		return t->size == 8 && t->ptr_depth >= 1 && (t->base_void || size_ok || t->dtype);
	case EXPR_VOID:
		return true;
	case EXPR_AGG:
		return t->dtype != 0;
	case EXPR_FLT:
		return t->size == 4 || t->size == 8;
	}
	return false;
}

/* What a pointer of type t points to. */
static struct expr_type pointee(struct expr_type t)
{
	struct expr_type r = t;

	if (t.ptr_depth > 1) {
		r.ptr_depth--;
		return r;
	}
	memset(&r, 0, sizeof(r));
	if (t.base_void) {
		r.kind = EXPR_VOID;
		return r;
	}
	r.kind = t.base_float ? EXPR_FLT : EXPR_INT;
	r.is_signed = t.base_float;
	r.size = t.base_size;
	r.is_signed = t.base_signed || t.base_float;
	r.spell = t.spell;
	return r;
}

/* Bytes one step of pointer arithmetic moves: the pointee's size, 1 for void *. */
static uint64_t scale(struct expr_type t)
{
	if (t.ptr_depth > 1)
		return 8;
	return t.base_void ? 1 : t.base_size;
}

/* Integer promotion; a pointer where an integer is wanted acts as unsigned long. */
static struct expr_type promote(struct expr_type t)
{
	t.dtype = 0;
	if (t.kind == EXPR_PTR)
		return T_ULONG;
	if (t.kind == EXPR_FLT)
		return t;
	if (t.size < 4)
		return T_INT;
	if (t.spell != EXPR_SPELL_LLONG)
		t.spell = EXPR_SPELL_PLAIN;
	return t;
}

/* C's usual arithmetic conversions on LP64: the larger size wins; at equal size, unsigned. */
static struct expr_type common(struct expr_type a, struct expr_type b)
{
	a = promote(a);
	b = promote(b);
	if (a.kind == EXPR_FLT || b.kind == EXPR_FLT) /* the wider floating type, or the one */
		return expr_flt_type(a.kind != EXPR_FLT ? b.size : b.kind != EXPR_FLT ? a.size :
				     a.size > b.size ? a.size : b.size);
	if (a.size != b.size)
		return a.size > b.size ? a : b;
	a.is_signed = a.is_signed && b.is_signed;
	if (b.spell == EXPR_SPELL_LLONG)
		a.spell = EXPR_SPELL_LLONG;
	return a;
}

static const char *int_name(unsigned size, bool sgn, unsigned spell)
{
	if (spell == EXPR_SPELL_BOOL)
		return "_Bool";
	switch (size) {
	case 1:
		if (spell == EXPR_SPELL_SCHAR && sgn)
			return "signed char";
		return sgn ? "char" : "unsigned char";
	case 2:
		return sgn ? "short" : "unsigned short";
	case 4:
		return sgn ? "int" : "unsigned int";
	case 8:
		if (spell == EXPR_SPELL_LLONG)
			return sgn ? "long long" : "unsigned long long";
		return sgn ? "long" : "unsigned long";
	}
	return "?";
}

const char *expr_type_name(const struct expr_type *t, char *buf, size_t len)
{
	size_t n;

	if (!buf || !len)
		return buf;
	if (t->kind == EXPR_VOID) {
		snprintf(buf, len, "void");
		return buf;
	}
	if (t->kind == EXPR_INT) {
		snprintf(buf, len, "%s", int_name(t->size, t->is_signed, t->spell));
		return buf;
	}
	if (t->kind == EXPR_AGG) {
		snprintf(buf, len, "?"); /* only the env can name it */
		return buf;
	}
	if (t->kind == EXPR_FLT) {
		snprintf(buf, len, "%s", t->size == 4 ? "float" : "double");
		return buf;
	}
	snprintf(buf, len, "%s ",
		 t->base_void ? "void" : t->base_float ? (t->base_size == 4 ? "float" : "double") :
		 int_name(t->base_size, t->base_signed, t->spell));
	n = strlen(buf);
	for (unsigned i = 0; i < t->ptr_depth && n + 1 < len; i++)
		buf[n++] = '*';
	buf[n] = '\0';
	return buf;
}

/* ---------------------------------------------------------------- the compiled form */

/* Node operators. Children are indices into the node array. */
enum op {
	OP_LIT,    /* val of type */
	OP_DOLLAR, /* env->dollar(pool + a) */
	OP_IDENT,  /* env->ident(pool + a) */
	OP_STR,    /* env->string(pool + a, b) */
	OP_NEG, OP_POS, OP_NOT, OP_BNOT,
	OP_DEREF,  /* *a */
	OP_ADDR,   /* &a, a an OP_DEREF, OP_IDENT, OP_DOLLAR, OP_MEMBER or OP_ARROW (checked) */
	OP_CAST,   /* (type) a */
	OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_SHL, OP_SHR,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
	OP_BAND, OP_BXOR, OP_BOR,
	OP_LAND, OP_LOR, /* short-circuit: b only when a does not decide */
	OP_COND,         /* a ? b : c, evaluating only one of b and c */
	OP_MEMBER,       /* a.name (name at pool + b) */
	OP_ARROW,        /* a->name (name at pool + b) */
	OP_SIZEOF,       /* sizeof a: the size of a's type (a is evaluated, nothing is loaded) */
	OP_NCAST,        /* (NAME *...) a: a cast to a type of the program (name at pool + b,
			  * c '*'s), found through env->dtype */
	OP_NSIZEOF,      /* sizeof(NAME *...): name at pool + b, c '*'s */
};

struct node {
	uint8_t op;            /* enum op */
	uint16_t height;       /* levels of the subtree it roots (1 for a leaf) */
	struct expr_type type; /* OP_LIT: the literal's type; OP_CAST: the type cast to */
	uint32_t a;            /* first operand; OP_DOLLAR, OP_IDENT, OP_STR: offset in pool */
	uint32_t b;            /* second operand; OP_STR: the string's length */
	uint32_t c;            /* OP_COND: the operand taken when a is false */
	uint64_t val;          /* OP_LIT: the value, normalised to type */
};

struct expr {
	uint32_t root;       /* index of the root node */
	uint32_t nnodes;     /* nodes in nodes[] */
	const char *pool;    /* NUL-terminated names and strings, after nodes[] */
	struct node nodes[]; /* the tree, children before parents */
};

/* ---------------------------------------------------------------- lexer */

enum tok_kind {
	T_END, T_ERR, T_NUM, T_CHAR, T_STR, T_DOLLAR, T_IDENT,
	T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_LBRACK, T_RBRACK, T_QUEST, T_COLON,
	T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT, T_SHL, T_SHR,
	T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE, T_AMP, T_CARET, T_PIPE, T_ANDAND, T_OROR,
	T_BANG, T_TILDE, T_ASSIGN, T_INCDEC, T_MEMBER, T_COMMA,
};

struct tok {
	enum tok_kind kind;    /* see enum tok_kind */
	size_t start;          /* offset of its first byte in the source */
	size_t len;            /* its length in bytes */
	uint64_t val;          /* T_NUM, T_CHAR: the value */
	struct expr_type type; /* T_NUM, T_CHAR: its type */
};

struct parser {
	const char *src;     /* the source */
	size_t len;          /* its length */
	struct tok tok;      /* the current token */
	struct node *nodes;  /* nodes built so far */
	uint32_t nnodes;     /* how many */
	uint32_t cap;        /* room in nodes */
	char *pool;          /* names and strings */
	size_t plen;         /* bytes used in pool */
	size_t pcap;         /* room in pool */
	int nest;            /* active parse_unary calls, bounded by EXPR_MAX_NEST */
	bool failed;         /* an error is in err; unwind */
	char *err;           /* the caller's message buffer (may be NULL) */
	size_t errlen;       /* its size */
};

static const struct {
	char text[3];
	uint8_t kind;
} puncts[] = {
	{ "<<", T_SHL }, { ">>", T_SHR }, { "<=", T_LE }, { ">=", T_GE }, { "==", T_EQ },
	{ "!=", T_NE }, { "&&", T_ANDAND }, { "||", T_OROR }, { "++", T_INCDEC },
	{ "--", T_INCDEC }, { "->", T_MEMBER }, { "(", T_LPAREN }, { ")", T_RPAREN },
	{ "{", T_LBRACE }, { "}", T_RBRACE }, { "[", T_LBRACK }, { "]", T_RBRACK },
	{ "?", T_QUEST }, { ":", T_COLON }, { "+", T_PLUS }, { "-", T_MINUS }, { "*", T_STAR },
	{ "/", T_SLASH }, { "%", T_PERCENT }, { "<", T_LT }, { ">", T_GT }, { "&", T_AMP },
	{ "^", T_CARET }, { "|", T_PIPE }, { "!", T_BANG }, { "~", T_TILDE }, { "=", T_ASSIGN },
	{ ".", T_MEMBER }, { ",", T_COMMA },
};

static void verr(char *err, size_t errlen, const char *fmt, va_list ap)
{
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
}

/* Record the first compile error. Returns NONE, for parse functions to return. */
static uint32_t __attribute__((format(printf, 2, 3))) perr(struct parser *p, const char *fmt,
							       ...)
{
	va_list ap;

	if (p->failed)
		return NONE;
	p->failed = true;
	va_start(ap, fmt);
	verr(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return NONE;
}

/* A lexer error: the message now, failure when the token becomes current (see next()). */
static int __attribute__((format(printf, 3, 4))) lerr(struct parser *p, struct tok *t,
						       const char *fmt, ...)
{
	va_list ap;

	t->kind = T_ERR;
	if (p->failed)
		return -1;
	va_start(ap, fmt);
	verr(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int digit_value(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

enum esc_result { ESC_OK, ESC_BAD, ESC_RANGE, ESC_END };

/* Decode the escape sequence at s[*i] == '\\' into *out; advance *i past it. */
static enum esc_result escape(const char *s, size_t len, size_t *i, unsigned *out)
{
	static const char from[] = "ntrabfve\\'\"?", to[] = "\n\t\r\a\b\f\v\033\\'\"?";
	const char *m;
	unsigned v = 0;
	size_t j = *i + 1, n;

	if (j >= len)
		return ESC_END;
	if (s[j] == 'x') {
		for (n = 0, j++; j < len && digit_value(s[j]) < 16; j++, n++)
			if ((v = v * 16 + digit_value(s[j])) > 0xff)
				return ESC_RANGE;
		if (n == 0)
			return ESC_BAD;
	} else if (s[j] >= '0' && s[j] <= '7') {
		for (n = 0; n < 3 && j < len && s[j] >= '0' && s[j] <= '7'; j++, n++)
			v = v * 8 + (s[j] - '0');
		if (v > 0xff)
			return ESC_RANGE;
	} else if (s[j] && (m = strchr(from, s[j]))) {
		v = (unsigned char)to[m - from];
		j++;
	} else {
		return ESC_BAD;
	}
	*i = j;
	*out = v;
	return ESC_OK;
}

/* Report a failed escape at s[at]. */
static int escape_error(struct parser *p, struct tok *t, enum esc_result r, size_t at,
			 const char *what)
{
	int c = at + 1 < p->len ? (unsigned char)p->src[at + 1] : ' ';

	if (r == ESC_RANGE)
		lerr(p, t, "escape sequence out of range (column %zu)", at + 1);
	else if (r == ESC_END)
		lerr(p, t, "unterminated %s", what);
	else if (c > ' ' && c < 127)
		lerr(p, t, "invalid escape sequence '\\%c' (column %zu)", c, at + 1);
	else
		lerr(p, t, "invalid escape sequence (column %zu)", at + 1);
	return -1;
}

static int lex_char(struct parser *p, struct tok *t)
{
	const char *s = p->src;
	size_t i = t->start + 1;
	unsigned v = 0;
	enum esc_result r;

	if (i >= p->len)
		return lerr(p, t, "unterminated character literal");
	if (s[i] == '\'')
		return lerr(p, t, "empty character literal (column %zu)", t->start + 1);
	if (s[i] == '\\') {
		if ((r = escape(s, p->len, &i, &v)) != ESC_OK)
			return escape_error(p, t, r, i, "character literal");
	} else {
		v = (unsigned char)s[i++];
	}
	if (i >= p->len)
		return lerr(p, t, "unterminated character literal");
	if (s[i] != '\'') {
		if (memchr(s + i, '\'', p->len - i))
			return lerr(p, t, "multi-character character literal (column %zu)",
				    t->start + 1);
		return lerr(p, t, "unterminated character literal");
	}
	t->kind = T_CHAR;
	t->len = i + 1 - t->start;
	t->type = (struct expr_type){ .kind = EXPR_INT, .size = 1, .is_signed = true };
	t->val = norm(t->type, v);
	return 0;
}

/* Check the string at t->start; the parser decodes it into the pool (see mk_string()). */
static int lex_string(struct parser *p, struct tok *t)
{
	const char *s = p->src;
	size_t i = t->start + 1;
	unsigned v;
	enum esc_result r;

	for (;;) {
		if (i >= p->len)
			return lerr(p, t, "unterminated string literal");
		if (s[i] == '"')
			break;
		if (s[i] != '\\') {
			i++;
			continue;
		}
		if ((r = escape(s, p->len, &i, &v)) != ESC_OK)
			return escape_error(p, t, r, i, "string literal");
	}
	t->kind = T_STR;
	t->len = i + 1 - t->start;
	return 0;
}

/* The type of an integer literal, as C and gdb choose it: the first of int, (unsigned int,)
 * long, unsigned long that holds it, starting where the suffix says. */
static struct expr_type literal_type(uint64_t v, bool u, int nl, bool decimal)
{
	struct expr_type t = T_LONG;

	if (!u && nl == 0 && v <= INT32_MAX)
		return T_INT;
	if (nl == 0 && v <= UINT32_MAX && (u || !decimal))
		return (struct expr_type){ .kind = EXPR_INT, .size = 4 };
	if (u || v > INT64_MAX)
		t.is_signed = false;
	if (nl == 2)
		t.spell = EXPR_SPELL_LLONG;
	return t;
}

/* The suffix s[0..n): u, l, ll in either order, any case (ll as ll or LL). */
static bool parse_suffix(const char *s, size_t n, bool *u, int *nl)
{
	*u = false;
	*nl = 0;
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == 'u' || s[i] == 'U') && !*u) {
			*u = true;
		} else if ((s[i] == 'l' || s[i] == 'L') && !*nl) {
			*nl = 1;
			if (i + 1 < n && s[i + 1] == s[i]) {
				*nl = 2;
				i++;
			}
		} else {
			return false;
		}
	}
	return true;
}

static int lex_number(struct parser *p, struct tok *t)
{
	const char *s = p->src + t->start, *kind = NULL;
	size_t n = 0, i = 0, col = t->start + 1;
	unsigned base = 10, d;
	uint64_t v = 0;
	bool u;
	int nl;

	char msg[192];
	int f;

	n = expr_flt_numlen(s, p->len - t->start);
	t->len = n;
	f = expr_flt_lex(s, n, &t->type, &t->val, msg, sizeof(msg));
	if (f < 0)
		return lerr(p, t, "%s", msg);
	if (f == 0) {
		t->kind = T_NUM;
		return 0;
	}
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, i = 2, kind = "hex";
	else if (n >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, i = 2, kind = "binary";
	else if (s[0] == '0')
		base = 8, kind = "octal";
	for (; i < n && (d = digit_value(s[i])) < (base == 16 ? 16u : 10u); i++) {
		if (d >= base)
			return lerr(p, t, "invalid digit '%c' in %s constant (column %zu)", s[i],
				    kind, col);
		if (v > (UINT64_MAX - d) / base)
			return lerr(p, t, "integer constant '%.*s' is too large (column %zu)",
				    (int)(n > TOKSHOW ? TOKSHOW : n), s, col);
		v = v * base + d;
	}
	if (base != 8 && base != 10 && i == 2)
		return lerr(p, t, "invalid %s constant '%.*s' (column %zu)", kind,
			    (int)(n > TOKSHOW ? TOKSHOW : n), s, col);
	if (!parse_suffix(s + i, n - i, &u, &nl))
		return lerr(p, t, "invalid suffix '%.*s' on integer constant (column %zu)",
			    (int)(n - i > TOKSHOW ? TOKSHOW : n - i), s + i, col);
	t->kind = T_NUM;
	t->type = literal_type(v, u, nl, base == 10);
	t->val = v;
	return 0;
}

/* $name, $, $$, $$N */
static int lex_dollar(struct parser *p, struct tok *t)
{
	size_t i = t->start + 1;

	if (i < p->len && p->src[i] == '$') {
		for (i++; i < p->len && is_digit(p->src[i]); i++)
			;
	} else {
		while (i < p->len && (is_alpha(p->src[i]) || is_digit(p->src[i])))
			i++;
	}
	t->kind = T_DOLLAR;
	t->len = i - t->start;
	return 0;
}

/* The token at or after pos into *t. Errors give T_ERR (the message is in p->err). */
static int lex(struct parser *p, size_t pos, struct tok *t)
{
	const char *s = p->src;
	int c;

	while (pos < p->len && strchr(" \t\n\r\f\v", s[pos]) && s[pos])
		pos++;
	memset(t, 0, sizeof(*t));
	t->start = pos;
	if (pos >= p->len)
		return 0;
	c = (unsigned char)s[pos];
	if (is_digit(c) || (c == '.' && pos + 1 < p->len && is_digit(s[pos + 1])))
		return lex_number(p, t);
	if (c == '\'')
		return lex_char(p, t);
	if (c == '"')
		return lex_string(p, t);
	if (c == '$')
		return lex_dollar(p, t);
	if (is_alpha(c)) {
		for (t->len = 1; pos + t->len < p->len; t->len++)
			if (!is_alpha(s[pos + t->len]) && !is_digit(s[pos + t->len]))
				break;
		t->kind = T_IDENT;
		return 0;
	}
	for (size_t k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++) {
		size_t n = strlen(puncts[k].text);

		if (pos + n <= p->len && !memcmp(s + pos, puncts[k].text, n)) {
			t->kind = puncts[k].kind;
			t->len = n;
			return 0;
		}
	}
	t->len = 1;
	if (c > ' ' && c < 127)
		lerr(p, t, "invalid character '%c' in expression (column %zu)", c, pos + 1);
	else
		lerr(p, t, "invalid character '\\x%02x' in expression (column %zu)", c, pos + 1);
	return -1;
}

/* ---------------------------------------------------------------- parser helpers */

static void next(struct parser *p)
{
	lex(p, p->tok.start + p->tok.len, &p->tok);
	if (p->tok.kind == T_ERR)
		p->failed = true;
}

/* The token after t, without moving. */
static struct tok peek(struct parser *p, const struct tok *t)
{
	struct tok r;

	lex(p, t->start + t->len, &r);
	return r;
}

/* t's text for a message: at most TOKSHOW bytes, unprintable bytes as '?'. */
static const char *tok_text(const struct parser *p, const struct tok *t, char *buf, size_t size)
{
	size_t n = t->len < TOKSHOW ? t->len : TOKSHOW, i;

	for (i = 0; i < n && i + 4 < size; i++) {
		int ch = (unsigned char)p->src[t->start + i];

		buf[i] = ch >= ' ' && ch < 127 ? (char)ch : '?';
	}
	if (i < t->len && i + 4 <= size) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

/* "syntax error at 'x' (column 5)", with ": expected ')'" when one token would do. */
static uint32_t syntax_error(struct parser *p, const char *expected)
{
	char text[TOKSHOW + 8];
	const char *sep = expected ? ": expected " : "";

	if (!expected)
		expected = "";
	if (p->tok.kind == T_END)
		return perr(p, "syntax error at end of expression%s%s", sep, expected);
	return perr(p, "syntax error at '%s' (column %zu)%s%s",
		    tok_text(p, &p->tok, text, sizeof(text)), p->tok.start + 1, sep, expected);
}

/* Skip the current token if it is kind; otherwise a syntax error naming what. */
static int expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (p->failed)
		return -1;
	if (p->tok.kind != kind) {
		syntax_error(p, what);
		return -1;
	}
	next(p);
	return p->failed ? -1 : 0;
}

/* A new node over children a, b, c (NONE when absent). NONE when the tree grows too tall. */
static uint32_t mk(struct parser *p, enum op op, uint32_t a, uint32_t b, uint32_t c)
{
	uint32_t kids[3] = { a, b, c }, h = 0;
	struct node *n;

	if (p->failed)
		return NONE;
	for (int k = 0; k < 3; k++)
		if (kids[k] != NONE && p->nodes[kids[k]].height > h)
			h = p->nodes[kids[k]].height;
	if (h >= MAX_HEIGHT)
		return perr(p, "expression is too complex (more than %d levels of operators)",
			    MAX_HEIGHT);
	if (p->nnodes == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 32;

		n = realloc(p->nodes, cap * sizeof(*n));
		if (!n)
			return perr(p, "out of memory");
		p->nodes = n;
		p->cap = cap;
	}
	n = &p->nodes[p->nnodes];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->height = (uint16_t)(h + 1);
	n->a = a;
	n->b = b;
	n->c = c;
	return p->nnodes++;
}

/* Room for n more bytes and a NUL in the pool: the offset where they go, or NONE. */
static uint32_t pool_reserve(struct parser *p, size_t n)
{
	if (p->plen + n + 1 > p->pcap) {
		size_t cap = (p->plen + n + 1) * 2;
		char *s = realloc(p->pool, cap);

		if (!s)
			return perr(p, "out of memory");
		p->pool = s;
		p->pcap = cap;
	}
	return (uint32_t)p->plen;
}

/* A leaf naming s[0..n): OP_DOLLAR, OP_IDENT. */
static uint32_t mk_name(struct parser *p, enum op op, const char *s, size_t n)
{
	uint32_t off = pool_reserve(p, n), i = mk(p, op, NONE, NONE, NONE);

	if (off == NONE || i == NONE)
		return NONE;
	memcpy(p->pool + off, s, n);
	p->pool[off + n] = '\0';
	p->plen += n + 1;
	p->nodes[i].a = off;
	return i;
}

/* An OP_STR leaf for the current (checked) string token, decoded into the pool. */
static uint32_t mk_string(struct parser *p)
{
	const struct tok *t = &p->tok;
	size_t j = t->start + 1, end = t->start + t->len - 1, n = 0;
	uint32_t off = pool_reserve(p, t->len), i = mk(p, OP_STR, NONE, NONE, NONE);
	unsigned v;

	if (off == NONE || i == NONE)
		return NONE;
	while (j < end) {
		if (p->src[j] != '\\')
			v = (unsigned char)p->src[j++];
		else if (escape(p->src, end, &j, &v) != ESC_OK)
			break; /* cannot happen: lex_string() checked it */
		p->pool[off + n++] = (char)v;
	}
	p->pool[off + n] = '\0';
	p->plen += n + 1;
	p->nodes[i].a = off;
	p->nodes[i].b = (uint32_t)n;
	return i;
}

/* ---------------------------------------------------------------- types in the source */

enum word { W_SIGNED, W_UNSIGNED, W_SHORT, W_LONG, W_INT, W_CHAR, W_BOOL, W_VOID, W_TYPEDEF,
	    W_FLT, W_QUAL, W_TAG, W_COUNT };

static const struct tword {
	const char *name; /* as written */
	uint8_t word;     /* enum word */
	uint8_t size;     /* W_TYPEDEF: bytes */
	bool sgn;         /* W_TYPEDEF: signed */
	uint8_t spell;    /* W_TYPEDEF: enum expr_spell */
} twords[] = {
#define KW(n, w) { .name = n, .word = w }
#define TD(n, s, sg, sp) { .name = n, .word = W_TYPEDEF, .size = s, .sgn = sg, .spell = sp }
	KW("signed", W_SIGNED), KW("__signed__", W_SIGNED), KW("unsigned", W_UNSIGNED),
	KW("short", W_SHORT), KW("long", W_LONG), KW("int", W_INT), KW("char", W_CHAR),
	KW("bool", W_BOOL), KW("_Bool", W_BOOL), KW("void", W_VOID), KW("const", W_QUAL),
	KW("volatile", W_QUAL), KW("restrict", W_QUAL), KW("struct", W_TAG), KW("union", W_TAG),
	KW("enum", W_TAG), { .name = "float", .word = W_FLT, .size = 4 },
	{ .name = "double", .word = W_FLT, .size = 8 },
	TD("int8_t", 1, true, EXPR_SPELL_SCHAR), TD("uint8_t", 1, false, 0),
	TD("int16_t", 2, true, 0), TD("uint16_t", 2, false, 0),
	TD("int32_t", 4, true, 0), TD("uint32_t", 4, false, 0),
	TD("int64_t", 8, true, 0), TD("uint64_t", 8, false, 0),
	TD("size_t", 8, false, 0), TD("ssize_t", 8, true, 0),
	TD("intptr_t", 8, true, 0), TD("uintptr_t", 8, false, 0),
	TD("ptrdiff_t", 8, true, 0),
#undef KW
#undef TD
};

/* The type word t is, or NULL. */
static const struct tword *type_word(const struct parser *p, const struct tok *t)
{
	if (t->kind != T_IDENT)
		return NULL;
	for (size_t i = 0; i < sizeof(twords) / sizeof(twords[0]); i++)
		if (strlen(twords[i].name) == t->len &&
		    !memcmp(twords[i].name, p->src + t->start, t->len))
			return &twords[i];
	return NULL;
}

/* The type that counted words n[] make, C's way; false for a combination C rejects. */
static bool type_of_words(const int n[W_COUNT], const struct tword *tdef, struct expr_type *t)
{
	int total = 0;

	for (int w = 0; w < W_QUAL; w++)
		total += n[w];
	if (!total)
		return false;
	memset(t, 0, sizeof(*t));
	t->kind = EXPR_INT;
	if (tdef || n[W_VOID] || n[W_BOOL] || n[W_FLT]) {
		if (total != 1)
			return false;
		if (n[W_FLT])
			*t = expr_flt_type(tdef->size);
		else if (n[W_VOID])
			t->kind = EXPR_VOID;
		else if (n[W_BOOL])
			*t = (struct expr_type){ .kind = EXPR_INT, .size = 1,
						 .spell = EXPR_SPELL_BOOL };
		else
			*t = (struct expr_type){ .kind = EXPR_INT, .size = tdef->size,
						 .is_signed = tdef->sgn, .spell = tdef->spell };
		return true;
	}
	if (n[W_SIGNED] + n[W_UNSIGNED] > 1 || n[W_INT] > 1 || n[W_SHORT] > 1 || n[W_CHAR] > 1 ||
	    n[W_LONG] > 2 || (n[W_CHAR] && n[W_SHORT] + n[W_LONG] + n[W_INT]) ||
	    (n[W_SHORT] && n[W_LONG]))
		return false;
	t->is_signed = !n[W_UNSIGNED];
	t->size = n[W_CHAR] ? 1 : n[W_SHORT] ? 2 : n[W_LONG] ? 8 : 4;
	if (n[W_CHAR] && n[W_SIGNED])
		t->spell = EXPR_SPELL_SCHAR;
	if (n[W_LONG] == 2)
		t->spell = EXPR_SPELL_LLONG;
	return true;
}

/* '*'s and qualifiers after the base type. */
static int parse_stars(struct parser *p, struct expr_type *t)
{
	const struct tword *w;

	while (!p->failed) {
		if (p->tok.kind == T_STAR) {
			if (t->kind == EXPR_PTR && t->ptr_depth == 255) {
				perr(p, "pointer type is too deep (column %zu)", p->tok.start + 1);
				return -1;
			}
			*t = expr_ptr_type(*t);
		} else if (!(w = type_word(p, &p->tok)) || w->word != W_QUAL) {
			break;
		}
		next(p);
	}
	return p->failed ? -1 : 0;
}

/* struct, union or enum at the current token, from start: not known (yet). */
static int tag_error(struct parser *p, size_t start)
{
	struct tok name = peek(p, &p->tok);
	size_t end = name.kind == T_IDENT ? name.start + name.len : p->tok.start + p->tok.len;

	perr(p, "unknown type '%.*s'", (int)(end - start), p->src + start);
	return -1;
}

/* A type name at the current token: specifiers then '*'s. */
static int parse_type(struct parser *p, struct expr_type *t)
{
	int n[W_COUNT] = { 0 };
	const struct tword *w, *tdef = NULL;
	size_t start = p->tok.start, end = start;

	while ((w = type_word(p, &p->tok))) {
		if (w->word == W_TAG)
			return tag_error(p, start);
		n[w->word]++;
		if (w->word == W_TYPEDEF || w->word == W_FLT)
			tdef = w;
		end = p->tok.start + p->tok.len;
		next(p);
		if (p->failed)
			return -1;
	}
	if (end == start && p->tok.kind == T_IDENT)
		perr(p, "unknown type '%.*s'", (int)p->tok.len, p->src + p->tok.start);
	else if (end == start)
		syntax_error(p, "a type");
	else if (!type_of_words(n, tdef, t))
		perr(p, "invalid type '%.*s' (column %zu)", (int)(end - start), p->src + start,
		     start + 1);
	return p->failed ? -1 : parse_stars(p, t);
}

/* ---------------------------------------------------------------- parser */

static uint32_t parse_cond(struct parser *p);
static uint32_t parse_unary(struct parser *p);

/* Operator and precedence of a binary operator token; 0 for none. */
static int binop(enum tok_kind k, enum op *op)
{
	static const struct {
		uint8_t tok, op, prec;
	} ops[] = {
		{ T_OROR, OP_LOR, 1 }, { T_ANDAND, OP_LAND, 2 }, { T_PIPE, OP_BOR, 3 },
		{ T_CARET, OP_BXOR, 4 }, { T_AMP, OP_BAND, 5 }, { T_EQ, OP_EQ, 6 },
		{ T_NE, OP_NE, 6 }, { T_LT, OP_LT, 7 }, { T_LE, OP_LE, 7 }, { T_GT, OP_GT, 7 },
		{ T_GE, OP_GE, 7 }, { T_SHL, OP_SHL, 8 }, { T_SHR, OP_SHR, 8 },
		{ T_PLUS, OP_ADD, 9 }, { T_MINUS, OP_SUB, 9 }, { T_STAR, OP_MUL, 10 },
		{ T_SLASH, OP_DIV, 10 }, { T_PERCENT, OP_MOD, 10 },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (ops[i].tok == k) {
			*op = ops[i].op;
			return ops[i].prec;
		}
	}
	return 0;
}

/* A literal, $name, identifier, string or parenthesised expression. */
static uint32_t parse_primary(struct parser *p)
{
	struct tok t = p->tok;
	uint32_t x;

	switch (t.kind) {
	case T_NUM:
	case T_CHAR:
		if ((x = mk(p, OP_LIT, NONE, NONE, NONE)) != NONE) {
			p->nodes[x].type = t.type;
			p->nodes[x].val = norm(t.type, t.val);
		}
		break;
	case T_DOLLAR:
		x = mk_name(p, OP_DOLLAR, p->src + t.start + 1, t.len - 1);
		break;
	case T_IDENT:
		if (type_word(p, &t))
			return syntax_error(p, NULL);
		x = mk_name(p, OP_IDENT, p->src + t.start, t.len);
		break;
	case T_STR:
		x = mk_string(p);
		break;
	case T_LPAREN:
		next(p);
		x = parse_cond(p);
		return expect(p, T_RPAREN, "')'") ? NONE : x;
	default:
		return syntax_error(p, NULL);
	}
	next(p);
	return x;
}

/* .name or ->name after x. At the '.' or '->'. */
static uint32_t parse_member(struct parser *p, uint32_t x)
{
	bool arrow = p->src[p->tok.start] == '-';
	uint32_t m;

	next(p);
	if (p->failed || p->tok.kind != T_IDENT)
		return syntax_error(p, "a member name");
	m = mk_name(p, arrow ? OP_ARROW : OP_MEMBER, p->src + p->tok.start, p->tok.len);
	if (m == NONE)
		return NONE;
	p->nodes[m].b = p->nodes[m].a;
	p->nodes[m].a = x;
	if (p->nodes[x].height + 1u > p->nodes[m].height)
		p->nodes[m].height = (uint16_t)(p->nodes[x].height + 1);
	if (p->nodes[m].height >= MAX_HEIGHT)
		return perr(p, "expression is too complex (more than %d levels of operators)",
			    MAX_HEIGHT);
	next(p);
	return m;
}

/* primary, then any number of [index] (a[i] is *(a + i)), .name and ->name. */
static uint32_t parse_postfix(struct parser *p)
{
	uint32_t x = parse_primary(p), i;

	while (x != NONE && !p->failed) {
		if (p->tok.kind == T_MEMBER) {
			x = parse_member(p, x);
			continue;
		}
		if (p->tok.kind != T_LBRACK)
			break;
		next(p);
		i = parse_cond(p);
		if (i == NONE || expect(p, T_RBRACK, "']'"))
			return NONE;
		x = mk(p, OP_DEREF, mk(p, OP_ADD, x, i, NONE), NONE, NONE);
	}
	return x;
}

/* A type the program names (struct/union/enum TAG, or a typedef name) and its '*'s, at the
 * current token: the name goes into the pool at *off, the count of '*'s into *stars. */
static int parse_named(struct parser *p, uint32_t *off, uint32_t *stars)
{
	const struct tword *w = type_word(p, &p->tok);
	size_t start = p->tok.start, end;

	if (w && w->word == W_TAG) {
		next(p);
		if (!p->failed && p->tok.kind != T_IDENT)
			syntax_error(p, "a tag name");
	}
	if (p->failed)
		return -1;
	end = p->tok.start + p->tok.len;
	next(p);
	if ((*off = pool_reserve(p, end - start)) == NONE)
		return -1;
	memcpy(p->pool + *off, p->src + start, end - start);
	p->pool[*off + end - start] = '\0';
	p->plen += end - start + 1;
	for (*stars = 0; !p->failed && p->tok.kind == T_STAR; next(p))
		if (++*stars > 255)
			return perr(p, "pointer type is too deep (column %zu)", p->tok.start + 1), -1;
	return p->failed ? -1 : 0;
}

/* Is the token after '(' the start of a program's type: a struct/union/enum tag, a name
 * followed by '*'s and ')' ((rec_t *) cannot be an expression), or a name and ')' followed by
 * what can only start an operand ((u32)x, (u32)(x), (u32)!x; (u32)-x stays a subtraction)? */
static bool named_type_ahead(struct parser *p, struct tok t)
{
	const struct tword *w = type_word(p, &t);
	struct tok u;
	unsigned stars = 0;

	if (w)
		return w->word == W_TAG;
	for (u = peek(p, &t); t.kind == T_IDENT && u.kind == T_STAR; u = peek(p, &u))
		stars++;
	if (!stars && t.kind == T_IDENT && u.kind == T_RPAREN) {
		switch (peek(p, &u).kind) {
		case T_IDENT: case T_NUM: case T_CHAR: case T_STR: case T_DOLLAR: case T_LPAREN:
		case T_BANG: case T_TILDE:
			return true;
		default:
			return false;
		}
	}
	return stars && u.kind == T_RPAREN;
}

/* (type) operand, or a parenthesised expression. At '('. */
static uint32_t parse_paren(struct parser *p)
{
	struct tok t = peek(p, &p->tok), u;
	struct expr_type type;
	size_t col = p->tok.start + 1;
	uint32_t x, stars = 0;

	if (named_type_ahead(p, t)) {
		uint32_t off;

		next(p);
		if (parse_named(p, &off, &stars) || expect(p, T_RPAREN, "')'"))
			return NONE;
		x = parse_unary(p);
		if (x == NONE || (x = mk(p, OP_NCAST, x, NONE, NONE)) == NONE)
			return NONE;
		p->nodes[x].b = off;
		p->nodes[x].c = stars;
		return x;
	}
	(void)u;
	if (!type_word(p, &t))
		return parse_postfix(p);
	next(p);
	if (parse_type(p, &type) || expect(p, T_RPAREN, "')'"))
		return NONE;
	if (type.kind == EXPR_VOID)
		return perr(p, "cannot cast to void (column %zu)", col);
	x = parse_unary(p);
	if (x == NONE || (x = mk(p, OP_CAST, x, NONE, NONE)) == NONE)
		return NONE;
	p->nodes[x].type = type;
	return x;
}

/* gdb's {type} addr: *(type *)addr. At '{'. */
static uint32_t parse_brace(struct parser *p)
{
	struct expr_type type;
	size_t col = p->tok.start + 1;
	uint32_t x;

	next(p);
	if (p->failed || parse_type(p, &type) || expect(p, T_RBRACE, "'}'"))
		return NONE;
	if (type.kind == EXPR_VOID)
		return perr(p, "cannot read a value of type void (column %zu)", col);
	if (type.kind == EXPR_PTR && type.ptr_depth == 255)
		return perr(p, "pointer type is too deep (column %zu)", col);
	x = parse_unary(p);
	if (x == NONE || (x = mk(p, OP_CAST, x, NONE, NONE)) == NONE)
		return NONE;
	p->nodes[x].type = expr_ptr_type(type);
	return mk(p, OP_DEREF, x, NONE, NONE);
}

/* sizeof(type), a constant unsigned long. At sizeof. */
static uint32_t parse_sizeof(struct parser *p)
{
	struct tok t = peek(p, &p->tok);
	struct expr_type type;
	size_t col = p->tok.start + 1;
	uint32_t x;

	if (t.kind == T_LPAREN && named_type_ahead(p, peek(p, &t))) {
		uint32_t off, stars;

		next(p);
		next(p);
		if (p->failed || parse_named(p, &off, &stars) || expect(p, T_RPAREN, "')'"))
			return NONE;
		x = mk(p, OP_NSIZEOF, NONE, NONE, NONE);
		if (x != NONE) {
			p->nodes[x].b = off;
			p->nodes[x].c = stars;
		}
		return x;
	}
	if (t.kind != T_LPAREN || (t = peek(p, &t), !type_word(p, &t))) {
		next(p);
		if (p->failed)
			return NONE;
		x = parse_unary(p);
		if (x == NONE)
			return perr(p, "sizeof needs an operand (column %zu)", col);
		return mk(p, OP_SIZEOF, x, NONE, NONE);
	}
	next(p);
	next(p);
	if (p->failed || parse_type(p, &type) || expect(p, T_RPAREN, "')'"))
		return NONE;
	if ((x = mk(p, OP_LIT, NONE, NONE, NONE)) != NONE) {
		p->nodes[x].type = T_ULONG;
		p->nodes[x].val = type.kind == EXPR_VOID ? 1 : type.size;
	}
	return x;
}

/* Prefix operators, casts, {type}, sizeof; then postfix. */
static uint32_t parse_unary_body(struct parser *p)
{
	size_t col = p->tok.start + 1;
	enum op op;
	uint32_t x;

	switch (p->tok.kind) {
	case T_MINUS: op = OP_NEG; break;
	case T_PLUS: op = OP_POS; break;
	case T_BANG: op = OP_NOT; break;
	case T_TILDE: op = OP_BNOT; break;
	case T_STAR: op = OP_DEREF; break;
	case T_AMP: op = OP_ADDR; break;
	case T_LPAREN: return parse_paren(p);
	case T_LBRACE: return parse_brace(p);
	case T_INCDEC: return perr(p, "'++' and '--' are not supported (column %zu)", col);
	case T_IDENT:
		if (p->tok.len == 6 && !memcmp(p->src + p->tok.start, "sizeof", 6))
			return parse_sizeof(p);
		return parse_postfix(p);
	default: return parse_postfix(p);
	}
	next(p);
	if ((x = parse_unary(p)) == NONE)
		return NONE;
	if (op == OP_ADDR && p->nodes[x].op != OP_DEREF && p->nodes[x].op != OP_IDENT &&
	    p->nodes[x].op != OP_DOLLAR && p->nodes[x].op != OP_MEMBER &&
	    p->nodes[x].op != OP_ARROW)
		return perr(p, "cannot take the address of this expression: it is not in memory "
			       "(column %zu)", col);
	return mk(p, op, x, NONE, NONE);
}

static uint32_t parse_unary(struct parser *p)
{
	uint32_t x;

	if (p->failed)
		return NONE;
	if (++p->nest > EXPR_MAX_NEST)
		x = perr(p, "expression is nested too deeply (more than %d levels)", EXPR_MAX_NEST);
	else
		x = parse_unary_body(p);
	p->nest--;
	return x;
}

/* Binary operators of precedence min and above, left-associative (precedence climbing). */
static uint32_t parse_binary(struct parser *p, int min)
{
	uint32_t l = parse_unary(p), r;
	enum op op;
	int prec;

	while (l != NONE && !p->failed && (prec = binop(p->tok.kind, &op)) >= min && prec) {
		next(p);
		if ((r = parse_binary(p, prec + 1)) == NONE)
			return NONE;
		l = mk(p, op, l, r, NONE);
	}
	if (l != NONE && !p->failed && p->tok.kind == T_ASSIGN)
		return perr(p, "assignment is not supported here; use '==' to compare (column %zu)",
			    p->tok.start + 1);
	return l;
}

/* a ? b : c, right-associative, over the binary operators. */
static uint32_t parse_cond(struct parser *p)
{
	uint32_t c = parse_binary(p, 1), a = NONE, b = NONE;

	if (c == NONE || p->failed || p->tok.kind != T_QUEST)
		return c;
	if (++p->nest > EXPR_MAX_NEST) {
		perr(p, "expression is nested too deeply (more than %d levels)", EXPR_MAX_NEST);
	} else {
		next(p);
		a = parse_cond(p);
		if (a != NONE && !expect(p, T_COLON, "':'"))
			b = parse_cond(p);
	}
	p->nest--;
	return b == NONE ? NONE : mk(p, OP_COND, c, a, b);
}

/* The compiled form, in one allocation. */
static struct expr *pack(struct parser *p, uint32_t root)
{
	size_t nodes = (size_t)p->nnodes * sizeof(struct node);
	struct expr *e = malloc(sizeof(*e) + nodes + p->plen + 1);
	char *pool;

	if (!e) {
		perr(p, "out of memory");
		return NULL;
	}
	e->root = root;
	e->nnodes = p->nnodes;
	memcpy(e->nodes, p->nodes, nodes);
	pool = (char *)e->nodes + nodes;
	if (p->plen)
		memcpy(pool, p->pool, p->plen);
	pool[p->plen] = '\0';
	e->pool = pool;
	return e;
}

int expr_compile(const char *src, struct expr **out, char *err, size_t errlen)
{
	struct parser p = { .src = src, .err = err, .errlen = errlen };
	struct expr *e = NULL;
	uint32_t root = NONE;

	if (!src || !out)
		perr(&p, "no expression");
	else if ((p.len = strnlen(src, EXPR_MAX_LEN + 1)) > EXPR_MAX_LEN)
		perr(&p, "expression is too long (more than %d characters)", EXPR_MAX_LEN);
	if (!p.failed)
		next(&p);
	if (!p.failed && p.tok.kind == T_END)
		perr(&p, "empty expression");
	if (!p.failed)
		root = parse_cond(&p);
	if (!p.failed && p.tok.kind != T_END)
		syntax_error(&p, NULL);
	if (!p.failed)
		e = pack(&p, root);
	free(p.nodes);
	free(p.pool);
	if (out)
		*out = e;
	if (!e)
		return -1;
	if (err && errlen)
		err[0] = '\0';
	return 0;
}

int expr_each_type_name(const struct expr *e, int (*fn)(void *data, const char *name),
			void *data)
{
	int r;

	for (uint32_t i = 0; e && i < e->nnodes; i++) {
		const struct node *n = &e->nodes[i];

		if ((n->op == OP_NCAST || n->op == OP_NSIZEOF) && (r = fn(data, e->pool + n->b)))
			return r;
	}
	return 0;
}

void expr_free(struct expr *e)
{
	free(e);
}

/* ---------------------------------------------------------------- evaluation */

struct ctx {
	const struct expr_env *env; /* callbacks (never NULL; may be all NULL) */
	char *err;                  /* the caller's message buffer (may be NULL) */
	size_t errlen;              /* its size */
};

static int __attribute__((format(printf, 2, 3))) efail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int rvalue(struct expr_value *v, struct expr_type t, uint64_t bits)
{
	v->type = t;
	v->bits = bits;
	v->lvalue = false;
	v->addr = 0;
	v->optimized_out = false;
	v->dwreg = 0;
	return 0;
}

/* x converted to t (integer, pointer or floating), as C converts. */
static uint64_t convert(struct expr_type t, const struct expr_value *x)
{
	if (x->type.kind == EXPR_FLT || t.kind == EXPR_FLT)
		return expr_flt_put(expr_flt_get(x), t);
	if (t.kind == EXPR_INT && t.spell == EXPR_SPELL_BOOL)
		return x->bits != 0;
	return norm(t, x->bits);
}

/* *v = the t at addr, read through env->read_mem with t's exact size. */
static int load(struct ctx *c, struct expr_type t, uint64_t addr, struct expr_value *v)
{
	uint8_t buf[8];
	uint64_t x = 0;

	if (t.kind == EXPR_AGG || t.size > 8) { /* the env reads it when it shows it */
		memset(v, 0, sizeof(*v));
		v->type = t;
		v->lvalue = true;
		v->addr = addr;
		return 0;
	}
	if (!c->env->read_mem || c->env->read_mem(c->env->data, addr, buf, t.size) != 0)
		return efail(c, "cannot access memory at address 0x%" PRIx64, addr);
	for (unsigned i = t.size; i-- > 0;)
		x = x << 8 | buf[i]; /* the tracee is little-endian */
	v->type = t;
	v->bits = norm(t, x);
	v->lvalue = true;
	v->addr = addr;
	v->optimized_out = false;
	v->dwreg = 0;
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_digit(*s))
			return false;
	return true;
}

static int unknown_name(struct ctx *c, const char *name, bool dollar)
{
	if (!dollar)
		return efail(c, "no symbol '%s' in current context", name);
	if (!name[0] || !strcmp(name, "$"))
		return efail(c, "history is empty");
	if (all_digits(name) || (name[0] == '$' && all_digits(name + 1)))
		return efail(c, "history has not yet reached $%s", name);
	return efail(c, "no register named '%s'", name);
}

/* $name or identifier n through its callback; load: read an lvalue's value from memory. */
static int ev_name(const struct expr *e, const struct node *n, struct ctx *c,
		   struct expr_value *v, bool load_value)
{
	const char *name = e->pool + n->a;
	bool dollar = n->op == OP_DOLLAR;
	int (*cb)(void *, const char *, struct expr_value *) =
		dollar ? c->env->dollar : c->env->ident;
	int r = -1;

	memset(v, 0, sizeof(*v));
	if (!cb || (r = cb(c->env->data, name, v)) != 0) {
		if (dollar && r == EXPR_NO_REGISTERS)
			return efail(c, "No registers.");
		return unknown_name(c, name, dollar);
	}
	if (!type_ok(&v->type))
		return efail(c, "'%s%s' has a type the evaluator does not support",
			     dollar ? "$" : "", name);
	if (v->lvalue && load_value && v->type.kind != EXPR_VOID && !v->optimized_out)
		return load(c, v->type, v->addr, v);
	v->bits = norm(v->type, v->bits);
	return 0;
}

static int ev_string(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	memset(v, 0, sizeof(*v));
	if (!c->env->string || c->env->string(c->env->data, e->pool + n->a, n->b, v) != 0)
		return efail(c, "strings are not supported here");
	if (!type_ok(&v->type))
		return efail(c, "a string has a type the evaluator does not support");
	v->bits = norm(v->type, v->bits);
	return 0;
}

static int ev(const struct expr *e, uint32_t i, struct ctx *c, struct expr_value *v);

/* Ask env->dtype about v: 0 with *out, or -1 with the env's sentence. */
static int dq(struct ctx *c, enum expr_dop op, const struct expr_value *v, const char *name,
	      struct expr_value *out)
{
	memset(out, 0, sizeof(*out));
	if (!c->env->dtype)
		return efail(c, "the type of this value is not known here");
	if (c->env->dtype(c->env->data, op, v, name, out, c->err, c->errlen) != 0)
		return -1;
	if (!type_ok(&out->type))
		return efail(c, "a value has a type the evaluator does not support");
	return 0;
}

/* ev, refusing a void value: an operand must have one. An array becomes a pointer to its
 * first element; other aggregates cannot be operands. */
static int ev_rv_check(const struct expr *e, struct ctx *c, struct expr_value *v);

static int ev_rv(const struct expr *e, uint32_t i, struct ctx *c, struct expr_value *v)
{
	if (ev(e, i, c, v))
		return -1;
	return ev_rv_check(e, c, v);
}

/* ev_rv's checks of v, already evaluated. */
static int ev_rv_check(const struct expr *e, struct ctx *c, struct expr_value *v)
{
	struct expr_value d;

	(void)e;
	if (v->type.kind == EXPR_VOID)
		return efail(c, "Argument to arithmetic operation not a number or boolean.");
	if (v->optimized_out)
		return efail(c, "value has been optimized out");
	if (v->type.kind != EXPR_AGG)
		return 0;
	if (!v->lvalue || !c->env->dtype ||
	    c->env->dtype(c->env->data, EXPR_DOP_DECAY, v, NULL, &d, NULL, 0) != 0 ||
	    !type_ok(&d.type))
		return efail(c, "Argument to arithmetic operation not a number or boolean.");
	return rvalue(v, d.type, v->addr);
}

/* a.name and a->name. */
static int ev_member(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	struct expr_value base, m;

	if (n->op == OP_ARROW) {
		if (ev_rv(e, n->a, c, &m))
			return -1;
		if (m.type.kind != EXPR_PTR || !m.type.dtype)
			return efail(c, "The -> operator needs a pointer to a struct or union.");
		if (dq(c, EXPR_DOP_DEREF, &m, NULL, &base))
			return -1;
		base.lvalue = true;
		base.addr = m.bits;
	} else if (ev(e, n->a, c, &base)) {
		return -1;
	}
	if (base.type.kind != EXPR_AGG || !base.type.dtype)
		return efail(c, "Attempt to extract a component of a value that is not a structure.");
	if (dq(c, EXPR_DOP_MEMBER, &base, e->pool + n->b, &m))
		return -1;
	m.optimized_out = base.optimized_out;
	if (m.lvalue && m.type.kind != EXPR_VOID && !m.optimized_out)
		return load(c, m.type, m.addr, v);
	*v = m;
	v->bits = norm(v->type, v->bits);
	return 0;
}

/* The program's type named at pool + off under stars '*'s, through env->dtype. */
static int named_type(const struct expr *e, struct ctx *c, uint32_t off, uint32_t stars,
		      struct expr_value *t)
{
	struct expr_value d;

	if (!c->env->dtype)
		return efail(c, "unknown type '%s'", e->pool + off);
	if (dq(c, EXPR_DOP_TYPE, NULL, e->pool + off, t))
		return -1;
	for (uint32_t i = 0; i < stars; i++) {
		t->lvalue = true;
		if (dq(c, EXPR_DOP_ADDR, t, NULL, &d))
			return -1;
		t->type = d.type;
	}
	return 0;
}

static int ev_sizeof(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	struct expr_value x;

	if (n->op == OP_NSIZEOF) {
		if (named_type(e, c, n->b, n->c, &x))
			return -1;
	} else if (ev(e, n->a, c, &x)) {
		/* sizeof(point_t): a typedef name, when no variable has that name */
		const struct node *a = &e->nodes[n->a];
		if (a->op != OP_IDENT || !c->env->dtype || named_type(e, c, a->a, 0, &x))
			return -1;
	}
	return rvalue(v, T_ULONG, x.type.kind == EXPR_VOID ? 1 : x.type.size);
}

static int ev_ncast(const struct expr *e, const struct node *n, struct ctx *c,
		    struct expr_value *v)
{
	struct expr_value x, t;

	if (ev_rv(e, n->a, c, &x) || named_type(e, c, n->b, n->c, &t))
		return -1;
	if (t.type.kind != EXPR_INT && t.type.kind != EXPR_PTR && t.type.kind != EXPR_FLT)
		return efail(c, "Invalid cast.");
	if (t.type.kind == EXPR_PTR && x.type.kind == EXPR_FLT)
		return efail(c, "Invalid cast.");
	return rvalue(v, t.type, convert(t.type, &x));
}

static int ev_unary(const struct expr *e, const struct node *n, struct ctx *c,
		    struct expr_value *v)
{
	struct expr_value x;
	struct expr_type t;
	uint64_t bits;

	if (ev(e, n->a, c, &x))
		return -1;
	if (x.type.kind == EXPR_VOID && n->op == OP_NOT)
		return rvalue(v, T_INT, 1); /* gdb: !$unset is 1 */
	if (x.type.kind == EXPR_VOID && n->op == OP_NEG)
		return efail(c, "Argument to negate operation not a number.");
	if (ev_rv_check(e, c, &x))
		return -1;
	if (n->op == OP_NOT)
		return rvalue(v, T_INT, !expr_truthy(&x));
	t = promote(x.type);
	if (t.kind == EXPR_FLT && n->op == OP_BNOT)
		return efail(c, "Argument to complement operation not an integer, boolean.");
	if (t.kind == EXPR_FLT)
		return rvalue(v, t, expr_flt_put(n->op == OP_NEG ? -expr_flt_get(&x) :
						 expr_flt_get(&x), t));
	bits = norm(t, x.bits);
	if (n->op == OP_NEG)
		bits = 0 - bits;
	else if (n->op == OP_BNOT)
		bits = ~bits;
	return rvalue(v, t, norm(t, bits));
}

static int ev_deref(const struct expr *e, const struct node *n, struct ctx *c,
		    struct expr_value *v)
{
	struct expr_value p;
	struct expr_type t;

	if (ev_rv(e, n->a, c, &p))
		return -1;
	if (p.type.kind != EXPR_PTR)
		return efail(c, "cannot dereference a non-pointer value");
	if (p.type.dtype) {
		struct expr_value d;

		if (dq(c, EXPR_DOP_DEREF, &p, NULL, &d))
			return -1;
		t = d.type;
	} else {
		t = pointee(p.type);
	}
	if (t.kind == EXPR_VOID)
		return efail(c, "cannot dereference a void pointer");
	return load(c, t, p.bits, v);
}

/* &x: the address of *p is p (nothing is read); a name's comes from its callback. */
static int ev_addr(const struct expr *e, const struct node *n, struct ctx *c,
		   struct expr_value *v)
{
	const struct node *x = &e->nodes[n->a];
	struct expr_value p;

	if (x->op == OP_DEREF) {
		if (ev_rv(e, x->a, c, &p))
			return -1;
		if (p.type.kind != EXPR_PTR)
			return efail(c, "cannot dereference a non-pointer value");
		return rvalue(v, p.type, p.bits);
	}
	if (x->op == OP_MEMBER || x->op == OP_ARROW) {
		if (ev(e, n->a, c, &p))
			return -1;
		if (!p.lvalue)
			return efail(c, "Attempt to take address of value not located in memory.");
	} else {
		if (ev_name(e, x, c, &p, false))
			return -1;
		if (!p.lvalue)
			return efail(c, "cannot take the address of '%s%s': it is not in memory",
				     x->op == OP_DOLLAR ? "$" : "", e->pool + x->a);
	}
	if (p.type.dtype) {
		struct expr_value d;

		if (dq(c, EXPR_DOP_ADDR, &p, NULL, &d))
			return -1;
		return rvalue(v, d.type, p.addr);
	}
	if (p.type.kind == EXPR_PTR && p.type.ptr_depth == 255)
		return efail(c, "pointer type is too deep");
	return rvalue(v, expr_ptr_type(p.type), p.addr);
}

static int ev_cast(const struct expr *e, const struct node *n, struct ctx *c,
		   struct expr_value *v)
{
	struct expr_value x;

	if (ev_rv(e, n->a, c, &x))
		return -1;
	if (n->type.kind == EXPR_PTR && x.type.kind == EXPR_FLT)
		return efail(c, "Invalid cast.");
	return rvalue(v, n->type, convert(n->type, &x));
}

/* && and ||: the right operand only when the left does not decide. */
static int ev_logic(const struct expr *e, const struct node *n, struct ctx *c,
		    struct expr_value *v)
{
	struct expr_value x;
	bool is_or = n->op == OP_LOR;

	if (ev_rv(e, n->a, c, &x))
		return -1;
	if (expr_truthy(&x) == is_or)
		return rvalue(v, T_INT, is_or);
	if (ev_rv(e, n->b, c, &x))
		return -1;
	return rvalue(v, T_INT, expr_truthy(&x));
}

/* a ? b : c: only the chosen operand is evaluated, and gives the type (as gdb does). */
static int ev_cond(const struct expr *e, const struct node *n, struct ctx *c,
		   struct expr_value *v)
{
	struct expr_value x;

	if (ev_rv(e, n->a, c, &x) || ev(e, expr_truthy(&x) ? n->b : n->c, c, v))
		return -1;
	v->lvalue = false;
	v->dwreg = 0;
	return 0;
}

/* Comparisons: in the common type, or as addresses when a pointer is involved. */
static int compare(enum op op, const struct expr_value *l, const struct expr_value *r,
		   struct expr_value *v)
{
	uint64_t a = l->bits, b = r->bits;
	struct expr_type t;
	int cmp;

	if (l->type.kind == EXPR_FLT || r->type.kind == EXPR_FLT) {
		double x = expr_flt_get(l), y = expr_flt_get(r);

		t = common(l->type, r->type); /* float == int compares as float, as C */
		x = expr_flt_get(&(struct expr_value){ .type = t, .bits = expr_flt_put(x, t) });
		y = expr_flt_get(&(struct expr_value){ .type = t, .bits = expr_flt_put(y, t) });
		if (x != x || y != y) /* NaN: unordered, only != holds */
			return rvalue(v, T_INT, op == OP_NE);
		cmp = x < y ? -1 : x > y;
		goto done;
	}
	if (l->type.kind != EXPR_PTR && r->type.kind != EXPR_PTR) {
		t = common(l->type, r->type);
		a = norm(t, a);
		b = norm(t, b);
		if (t.is_signed) {
			cmp = (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
			goto done;
		}
	}
	cmp = a < b ? -1 : a > b;
done:
	switch (op) {
	case OP_LT: return rvalue(v, T_INT, cmp < 0);
	case OP_LE: return rvalue(v, T_INT, cmp <= 0);
	case OP_GT: return rvalue(v, T_INT, cmp > 0);
	case OP_GE: return rvalue(v, T_INT, cmp >= 0);
	case OP_EQ: return rvalue(v, T_INT, cmp == 0);
	default: return rvalue(v, T_INT, cmp != 0);
	}
}

/* ptr + int, int + ptr, ptr - int scale by the pointee size; ptr - ptr divides by it. */
static int ptr_arith(enum op op, const struct expr_value *l, const struct expr_value *r,
		     struct ctx *c, struct expr_value *v)
{
	bool lp = l->type.kind == EXPR_PTR, rp = r->type.kind == EXPR_PTR;
	const struct expr_value *ptr = lp ? l : r, *i = lp ? r : l;
	uint64_t s = scale(ptr->type);

	if (op == OP_ADD && lp && rp)
		return efail(c, "cannot add two pointers");
	if (i->type.kind == EXPR_FLT)
		return efail(c, "Argument to arithmetic operation not a number or boolean.");
	if (op == OP_ADD)
		return rvalue(v, ptr->type, ptr->bits + i->bits * s);
	if (!lp)
		return efail(c, "cannot subtract a pointer from an integer");
	if (!rp)
		return rvalue(v, l->type, l->bits - r->bits * s);
	if (scale(r->type) != s)
		return efail(c, "cannot subtract pointers to types of different sizes");
	return rvalue(v, T_LONG, (uint64_t)((int64_t)(l->bits - r->bits) / (int64_t)s));
}

/* << and >>: the type of the promoted left operand; a count past its width gives 0 (or -1
 * for >> of a negative value) instead of C's undefined behaviour. */
static int shift(enum op op, const struct expr_value *l, const struct expr_value *r,
		 struct ctx *c, struct expr_value *v)
{
	struct expr_type t = promote(l->type), rt = promote(r->type);
	uint64_t a = norm(t, l->bits), n = norm(rt, r->bits), x;
	bool neg = t.is_signed && (int64_t)a < 0;

	if (t.kind == EXPR_FLT || rt.kind == EXPR_FLT)
		return efail(c, "Integer-only operation on floating point number.");

	if (rt.is_signed && (int64_t)n < 0)
		return efail(c, "negative shift count");
	if (n >= t.size * 8u)
		x = op == OP_SHR && neg ? UINT64_MAX : 0;
	else if (op == OP_SHL)
		x = a << n;
	else
		x = t.is_signed ? (uint64_t)((int64_t)a >> n) : a >> n;
	return rvalue(v, t, norm(t, x));
}

/* Signed or unsigned a / b or a % b, b != 0, without INT64_MIN / -1 overflowing. */
static uint64_t divide(bool sgn, uint64_t a, uint64_t b, bool mod)
{
	if (!sgn)
		return mod ? a % b : a / b;
	if ((int64_t)b == -1)
		return mod ? 0 : 0 - a;
	return (uint64_t)(mod ? (int64_t)a % (int64_t)b : (int64_t)a / (int64_t)b);
}

/* * / + - on floating values, in the common type t; % & ^ | refused as gdb does. */
static int flt_arith(enum op op, const struct expr_value *l, const struct expr_value *r,
		     struct expr_type t, struct ctx *c, struct expr_value *v)
{
	double a = expr_flt_get(l), b = expr_flt_get(r), x;

	if (t.size == 4) { /* each operand first becomes a float */
		a = (float)a;
		b = (float)b;
	}
	switch (op) {
	case OP_MUL: x = a * b; break;
	case OP_DIV: x = a / b; break;
	case OP_ADD: x = a + b; break;
	case OP_SUB: x = a - b; break;
	default: return efail(c, "Integer-only operation on floating point number.");
	}
	return rvalue(v, t, expr_flt_put(x, t));
}

/* * / % + - & ^ | on integers, in the common type. */
static int arith(enum op op, const struct expr_value *l, const struct expr_value *r,
		 struct ctx *c, struct expr_value *v)
{
	struct expr_type t = common(l->type, r->type);
	uint64_t a = norm(t, l->bits), b = norm(t, r->bits), x;

	if (t.kind == EXPR_FLT)
		return flt_arith(op, l, r, t, c, v);
	switch (op) {
	case OP_MUL: x = a * b; break;
	case OP_DIV:
	case OP_MOD:
		if (b == 0)
			return efail(c, "division by zero");
		x = divide(t.is_signed, a, b, op == OP_MOD);
		break;
	case OP_ADD: x = a + b; break;
	case OP_SUB: x = a - b; break;
	case OP_BAND: x = a & b; break;
	case OP_BXOR: x = a ^ b; break;
	default: x = a | b; break;
	}
	return rvalue(v, t, norm(t, x));
}

static int ev_binary(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	struct expr_value l, r;

	if (ev_rv(e, n->a, c, &l) || ev_rv(e, n->b, c, &r))
		return -1;
	switch (n->op) {
	case OP_ADD:
	case OP_SUB:
		if (l.type.kind == EXPR_PTR || r.type.kind == EXPR_PTR)
			return ptr_arith(n->op, &l, &r, c, v);
		break;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
		return compare(n->op, &l, &r, v);
	case OP_SHL:
	case OP_SHR:
		return shift(n->op, &l, &r, c, v);
	default:
		break;
	}
	return arith(n->op, &l, &r, c, v);
}

static int ev(const struct expr *e, uint32_t i, struct ctx *c, struct expr_value *v)
{
	const struct node *n = &e->nodes[i];

	switch (n->op) {
	case OP_LIT: return rvalue(v, n->type, n->val);
	case OP_DOLLAR:
	case OP_IDENT: return ev_name(e, n, c, v, true);
	case OP_STR: return ev_string(e, n, c, v);
	case OP_NEG: case OP_POS: case OP_NOT: case OP_BNOT: return ev_unary(e, n, c, v);
	case OP_DEREF: return ev_deref(e, n, c, v);
	case OP_ADDR: return ev_addr(e, n, c, v);
	case OP_CAST: return ev_cast(e, n, c, v);
	case OP_LAND: case OP_LOR: return ev_logic(e, n, c, v);
	case OP_COND: return ev_cond(e, n, c, v);
	case OP_MEMBER: case OP_ARROW: return ev_member(e, n, c, v);
	case OP_SIZEOF: case OP_NSIZEOF: return ev_sizeof(e, n, c, v);
	case OP_NCAST: return ev_ncast(e, n, c, v);
	default: return ev_binary(e, n, c, v);
	}
}

int expr_eval(const struct expr *e, const struct expr_env *env, struct expr_value *val,
	      char *err, size_t errlen)
{
	static const struct expr_env nothing;
	struct ctx c = { env ? env : &nothing, err, errlen };

	if (!e || !val)
		return efail(&c, "no expression");
	if (ev(e, e->root, &c, val))
		return -1;
	if (err && errlen)
		err[0] = '\0';
	return 0;
}

int expr_eval_string(const char *src, const struct expr_env *env, struct expr_value *val,
		     char *err, size_t errlen)
{
	struct expr *e;
	int r;

	if (expr_compile(src, &e, err, errlen))
		return -1;
	r = expr_eval(e, env, val, err, errlen);
	expr_free(e);
	return r;
}
