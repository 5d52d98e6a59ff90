/*
 * expr_lex.c - the lexer of the expression language: tokens, literals (numbers with suffixes,
 * characters and strings with C escapes), $names, and the error helpers the parser and the
 * evaluator share.
 *
 * Owns: every message about a token. Must not: allocate, or keep global state.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr/expr_charset.h"
#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

static const struct {
	char text[3];
	uint8_t kind;
} puncts[] = {
	{ "<<", T_SHL },    { ">>", T_SHR },    { "<=", T_LE },     { ">=", T_GE },
	{ "==", T_EQ },     { "!=", T_NE },     { "&&", T_ANDAND }, { "||", T_OROR },
	{ "++", T_INCDEC }, { "--", T_INCDEC }, { "->", T_MEMBER }, { "(", T_LPAREN },
	{ ")", T_RPAREN },  { "{", T_LBRACE },  { "}", T_RBRACE },  { "[", T_LBRACK },
	{ "]", T_RBRACK },  { "?", T_QUEST },   { ":", T_COLON },   { "+", T_PLUS },
	{ "-", T_MINUS },   { "*", T_STAR },    { "/", T_SLASH },   { "%", T_PERCENT },
	{ "<", T_LT },      { ">", T_GT },      { "&", T_AMP },     { "^", T_CARET },
	{ "|", T_PIPE },    { "!", T_BANG },    { "~", T_TILDE },   { "=", T_ASSIGN },
	{ "@", T_AT },      { ".", T_MEMBER },  { ",", T_COMMA },
};

void cdbg__expr_verr(char *err, size_t errlen, const char *fmt, va_list ap)
{
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
}

/* A lexer error: the message now, failure when the token becomes current (see next()). */
static int __attribute__((format(printf, 3, 4)))
lerr(struct parser *p, struct tok *t, const char *fmt, ...)
{
	va_list ap;

	t->kind = T_ERR;
	if (p->failed)
		return -1;
	va_start(ap, fmt);
	cdbg__expr_verr(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return -1;
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

/* Decode the escape sequence at s[*i] == '\\' into *out; advance *i past it. */
enum esc_result cdbg__expr_escape(const char *s, size_t len, size_t *i, unsigned *out)
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

static bool ident_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* A quoted name, as gdb reads one: 'main.spinLoop' (a name with characters C's names do not
 * have), or 'file.c'::var and 'file.c'::func::var (var as the program's file file.c has it:
 * the name given to the env is the whole text, the quotes included).
 * The quote closes at close. */
static int lex_qname(struct parser *p, struct tok *t, size_t close)
{
	const char *s = p->src;
	size_t i = close + 1;

	t->kind = T_QNAME;
	t->nstart = t->start + 1;
	t->nlen = close - t->start - 1;
	if (i + 2 < p->len && s[i] == ':' && s[i + 1] == ':' &&
	    ident_char((unsigned char)s[i + 2]) && !(s[i + 2] >= '0' && s[i + 2] <= '9')) {
		/* the name keeps its file, and FUNC:: after it: 'f.c'::var, 'f.c'::func::var */
		t->nstart = t->start;
		while (i + 2 < p->len && s[i] == ':' && s[i + 1] == ':' &&
		       ident_char((unsigned char)s[i + 2]) && !(s[i + 2] >= '0' && s[i + 2] <= '9'))
			for (i += 2; i < p->len && ident_char((unsigned char)s[i]); i++)
				;
		t->nlen = i - t->nstart;
		t->len = i - t->start;
		return 0;
	}
	t->len = close + 1 - t->start;
	return 0;
}

/* Past the character or escape at s[i] of a character literal (gdb's c_parse_escape's extent). */
static size_t char_extent(const char *s, size_t len, size_t i)
{
	size_t most = 0, k;

	if (s[i] != '\\') {
		for (i++; i < len && ((unsigned char)s[i] & 0xc0) == 0x80 &&
			  (unsigned char)s[i - 1] >= 0x80;
		     i++) /* the rest of a UTF-8 sequence */
			;
		return i;
	}
	if (++i >= len)
		return i;
	if (s[i] == 'x' || s[i] == 'u' || s[i] == 'U')
		most = s[i] == 'x' ? len : s[i] == 'u' ? 4 : 8;
	else if (s[i] >= '0' && s[i] <= '7')
		return i + 1 + (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7') +
		       (i + 2 < len && s[i + 1] >= '0' && s[i + 1] <= '7' && s[i + 2] >= '0' &&
			s[i + 2] <= '7');
	else
		return i + 1;
	for (i++, k = 0; k < most && i < len && digit_value(s[i]) < 16; i++, k++)
		;
	return i;
}

static int lex_char(struct parser *p, struct tok *t)
{
	static const struct expr_type types[] = {
		[EXPR_CS_NARROW] = { .kind = EXPR_INT, .size = 1, .is_signed = true },
		[EXPR_CS_WCHAR] = { .kind = EXPR_INT,
				    .size = 4,
				    .is_signed = true,
				    .spell = EXPR_SPELL_WCHAR },
		[EXPR_CS_U16] = { .kind = EXPR_INT, .size = 2, .spell = EXPR_SPELL_CHAR16 },
		[EXPR_CS_U32] = { .kind = EXPR_INT, .size = 4, .spell = EXPR_SPELL_CHAR32 },
		[EXPR_CS_U8] = { .kind = EXPR_INT, .size = 1, .is_signed = true },
	};
	const char *s = p->src;
	size_t i = t->start + t->pfx + 1, n, body = i;
	unsigned char out[64];
	char msg[160];
	uint64_t v = 0;

	if (i >= p->len)
		return lerr(p, t, "Unmatched single quote.");
	if (s[i] == '\'') /* gdb 13's words */
		return lerr(p, t, "A character constant must contain at least one character.");
	i = char_extent(s, p->len, i);
	if (i >= p->len)
		return lerr(p, t, "Unmatched single quote.");
	if (s[i] == '\'' &&
	    cdbg__expr_lit_body(s, body, i, t->cs, out, sizeof(out), &n, msg, sizeof(msg)) < 0)
		return lerr(p, t, "%s", msg);
	if (s[i] == '\'' && n != types[t->cs].size)
		return lerr(p, t, "Invalid character constant.");
	if (s[i] != '\'') {
		size_t j = i;
		/* gdb scans to the closing quote, escapes included: '\\\' has none */
		while (j < p->len && s[j] != '\'')
			j += s[j] == '\\' && j + 1 < p->len ? 2 : 1;
		if (j >= p->len)
			return lerr(p, t, "Unmatched single quote.");
		const char *q = memchr(s + i, '\'', p->len - i);
		if (q && (size_t)(q - s) - t->start - 1 == 2) /* gdb: 'ab' is no quoted name */
			return lerr(p, t, "Invalid character constant.");
		if (q && !memchr(s + t->start + 1, '\\', (size_t)(q - s) - t->start - 1))
			return lex_qname(p, t, (size_t)(q - s));
		if (q)
			return lerr(p, t, "multi-character character literal (column %zu)",
				    t->start + 1);
		return lerr(p, t, "Unmatched single quote.");
	}
	t->kind = T_CHAR;
	t->len = i + 1 - t->start;
	t->type = types[t->cs];
	for (size_t k = n; k-- > 0;)
		v = v << 8 | out[k];
	t->val = cdbg__expr_norm(t->type, v);
	return 0;
}

/* Check the string at t->start; the parser decodes it into the pool (see mk_string()). */
static int lex_string(struct parser *p, struct tok *t)
{
	const char *s = p->src;
	size_t i = t->start + t->pfx + 1;

	for (;;) { /* the characters are read by mk_string() (cdbg__expr_lit_body) */
		if (i >= p->len)
			return lerr(p, t, "unterminated string literal");
		if (s[i] == '"')
			break;
		i += s[i] == '\\' && i + 1 < p->len ? 2 : 1;
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
	const char *s = p->src + t->start;
	size_t n = 0, i = 0;
	unsigned base = 10, d;
	uint64_t v = 0;
	bool u;
	int nl;

	char msg[192];
	int f;

	n = expr_flt_numlen(s, p->len - t->start);
	t->len = n;
	if ((f = cdbg__expr_dec_lex(s, n, t, msg, sizeof(msg))) <= 0) { /* 1.2df, 1.2dd, 1.2dl */
		t->kind = f ? T_ERR : T_NUM;
		return f ? lerr(p, t, "%s", msg) : 0;
	}
	f = expr_flt_lex(s, n, &t->type, &t->val, msg, sizeof(msg));
	if (f < 0)
		return lerr(p, t, "%s", msg);
	if (f == 0) {
		t->kind = T_NUM;
		return 0;
	}
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, i = 2;
	else if (n >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, i = 2;
	else if (s[0] == '0')
		base = 8;
	else if (p->names && p->names->radix)
		base = p->names->radix;
	bool prefixed = i == 2;
	for (; i < n && (d = digit_value(s[i])) < (base > 10 ? base : 10u); i++) {
		if (d >= base)
			return lerr(p, t, "Invalid number \"%.*s\".", (int)n, s);
		if (v > (UINT64_MAX - d) / base)
			return lerr(p, t, "Numeric constant too large.");
		v = v * base + d;
	}
	if (prefixed && i == 2) /* "0x" */
		return lerr(p, t, "Invalid number \"%.*s\".", (int)n, s);
	if (!parse_suffix(s + i, n - i, &u, &nl))
		return lerr(p, t, "Invalid number \"%.*s\".", (int)n, s);
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
int cdbg__expr_lex(struct parser *p, size_t pos, struct tok *t)
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
	if ((c == 'L' || c == 'u' || c == 'U') && pos + 1 < p->len &&
	    (s[pos + 1] == '\'' || s[pos + 1] == '"')) /* L'a', u"ab", U"ab" */
		t->cs = c == 'L' ? EXPR_CS_WCHAR : c == 'u' ? EXPR_CS_U16 : EXPR_CS_U32, t->pfx = 1;
	/* u8"": gdb 13's C parser has no such prefix (u8 is a name there) */
	c = (unsigned char)s[pos + t->pfx];
	if (c == '\'')
		return lex_char(p, t);
	if (c == '"')
		return lex_string(p, t);
	c = (unsigned char)s[pos];
	if (c == '$')
		return lex_dollar(p, t);
	if (is_alpha(c)) {
		for (t->len = 1; pos + t->len < p->len; t->len++) {
			size_t k = pos + t->len;
			if (k + 2 < p->len && s[k] == ':' && s[k + 1] == ':' && is_alpha(s[k + 2]))
				t->len++; /* FUNC::var, ns::name: one name */
			else if (!is_alpha(s[k]) && !is_digit(s[k]))
				break;
		}
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
		lerr(p, t, "Invalid character '%c' in expression.", c);
	else
		lerr(p, t, "Invalid character '\\x%02x' in expression.", c);
	return -1;
}
