/*
 * expr_parse.c - the precedence-climbing parser of the expression language: it builds the tree
 * of nodes in one allocation (expr_compile), with the types the source names.
 *
 * Owns: the node pool, expr_compile, expr_each_type_name, expr_free and every syntax message.
 * Must not: reach the tracee or the env (types of the program are looked up at evaluation).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

/* Record the first compile error. Returns NONE, for parse functions to return. */
static uint32_t __attribute__((format(printf, 2, 3))) perr(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NONE;
	p->failed = true;
	va_start(ap, fmt);
	cdbg__expr_verr(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return NONE;
}

static void next(struct parser *p)
{
	cdbg__expr_lex(p, p->tok.start + p->tok.len, &p->tok);
	if (p->tok.kind == T_ERR)
		p->failed = true;
}

/* The token after t, without moving. */
static struct tok peek(struct parser *p, const struct tok *t)
{
	struct tok r;

	cdbg__expr_lex(p, t->start + t->len, &r);
	return r;
}

/* gdb's "A syntax error in expression, near `REST'." (REST: the text from the token where
 * the parse failed to the end, cut at 64 bytes); expected is not said, as gdb does not. */
static uint32_t syntax_error(struct parser *p, const char *expected)
{
	size_t at = p->tok.kind == T_END ? p->len : p->tok.start, n = p->len - at;

	(void)expected;
	return perr(p, "A syntax error in expression, near `%.*s%s'.", (int)(n > 64 ? 64 : n),
		    p->src + at, n > 64 ? "..." : "");
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
		else if (cdbg__expr_escape(p->src, end, &j, &v) != ESC_OK)
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

enum word {
	W_SIGNED,
	W_UNSIGNED,
	W_SHORT,
	W_LONG,
	W_INT,
	W_CHAR,
	W_BOOL,
	W_VOID,
	W_TYPEDEF,
	W_FLT,
	W_QUAL,
	W_TAG,
	W_COUNT
};

static const struct tword {
	const char *name; /* as written */
	uint8_t word;     /* enum word */
	uint8_t size;     /* W_TYPEDEF: bytes */
	bool sgn;         /* W_TYPEDEF: signed */
	uint8_t spell;    /* W_TYPEDEF: enum expr_spell */
} twords[] = {
#define KW(n, w)                                                                                   \
	{                                                                                          \
		.name = n, .word = w                                                               \
	}
#define TD(n, s, sg, sp)                                                                           \
	{                                                                                          \
		.name = n, .word = W_TYPEDEF, .size = s, .sgn = sg, .spell = sp                    \
	}
	KW("signed", W_SIGNED),
	KW("__signed__", W_SIGNED),
	KW("unsigned", W_UNSIGNED),
	KW("short", W_SHORT),
	KW("long", W_LONG),
	KW("int", W_INT),
	KW("char", W_CHAR),
	KW("bool", W_BOOL),
	KW("_Bool", W_BOOL),
	KW("void", W_VOID),
	{ .name = "const", .word = W_QUAL, .size = EXPR_Q_CONST },
	{ .name = "volatile", .word = W_QUAL, .size = EXPR_Q_VOLATILE },
	{ .name = "restrict", .word = W_QUAL, .size = EXPR_Q_RESTRICT },
	{ .name = "_Atomic", .word = W_QUAL, .size = EXPR_Q_ATOMIC },
	KW("struct", W_TAG),
	KW("union", W_TAG),
	KW("enum", W_TAG),
	{ .name = "float", .word = W_FLT, .size = 4 },
	{ .name = "double", .word = W_FLT, .size = 8 },
	TD("int8_t", 1, true, EXPR_SPELL_SCHAR),
	TD("uint8_t", 1, false, 0),
	TD("int16_t", 2, true, 0),
	TD("uint16_t", 2, false, 0),
	TD("int32_t", 4, true, 0),
	TD("uint32_t", 4, false, 0),
	TD("int64_t", 8, true, 0),
	TD("uint64_t", 8, false, 0),
	TD("size_t", 8, false, 0),
	TD("ssize_t", 8, true, 0),
	TD("intptr_t", 8, true, 0),
	TD("uintptr_t", 8, false, 0),
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
			*t = (struct expr_type){ .kind = EXPR_INT,
						 .size = 1,
						 .spell = EXPR_SPELL_BOOL };
		else
			*t = (struct expr_type){ .kind = EXPR_INT,
						 .size = tdef->size,
						 .is_signed = tdef->sgn,
						 .spell = tdef->spell };
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

/* gdb's address-space qualifier @code or @data at token t: its EXPR_Q_ bit, else 0. */
static unsigned space_qual(struct parser *p, const struct tok *t)
{
	struct tok u;

	if (t->kind != T_AT)
		return 0;
	u = peek(p, t);
	if (u.kind != T_IDENT || u.len != 4)
		return 0;
	return !memcmp(p->src + u.start, "code", 4) ? EXPR_Q_CODE :
	       !memcmp(p->src + u.start, "data", 4) ? EXPR_Q_DATA :
						      0;
}

/* The qualifier at the current token (const, volatile, restrict, _Atomic, @code, @data), its
 * EXPR_Q_ bit, consumed; 0 (nothing consumed) when none. */
static unsigned parse_qual(struct parser *p)
{
	const struct tword *w = type_word(p, &p->tok);
	unsigned q = w && w->word == W_QUAL ? w->size : space_qual(p, &p->tok);

	if (q && q >= EXPR_Q_CODE)
		next(p); /* the '@' */
	if (q)
		next(p);
	return q;
}

/* Qualifier q on level level of t (past EXPR_Q_LEVELS: dropped). */
static void add_qual(struct expr_type *t, unsigned level, unsigned q)
{
	if (level < EXPR_Q_LEVELS)
		t->quals |= (uint64_t)q << (8 * level);
}

/* '*'s and qualifiers after the base type. */
static int parse_stars(struct parser *p, struct expr_type *t)
{
	unsigned q;

	while (!p->failed) {
		if (p->tok.kind == T_STAR) {
			if (t->kind == EXPR_PTR && t->ptr_depth == 255) {
				perr(p, "pointer type is too deep (column %zu)", p->tok.start + 1);
				return -1;
			}
			*t = expr_ptr_type(*t);
		} else if ((q = parse_qual(p))) {
			add_qual(t, t->kind == EXPR_PTR ? t->ptr_depth : 0, q);
			continue;
		} else if (p->tok.kind == T_AT) { /* gdb's words for (int @x) and (int @) */
			struct tok u = peek(p, &p->tok);

			if (u.kind == T_IDENT)
				perr(p, "Unknown address space specifier: \"%.*s\"", (int)u.len,
				     p->src + u.start);
			else
				next(p), syntax_error(p, NULL);
			return -1;
		} else {
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
	size_t kw = strcspn(p->src + start, " \t");

	if (name.kind == T_IDENT)
		perr(p, "No %.*s type named %.*s.", (int)kw, p->src + start, (int)name.len,
		     p->src + name.start);
	else
		syntax_error(p, NULL);
	return -1;
}

/* A type name at the current token: specifiers then '*'s. */
static int parse_type(struct parser *p, struct expr_type *t)
{
	int n[W_COUNT] = { 0 };
	const struct tword *w, *tdef = NULL;
	size_t start = p->tok.start, end = start;
	unsigned quals = 0;

	while ((w = type_word(p, &p->tok)) || space_qual(p, &p->tok)) {
		if (!w || w->word == W_QUAL) {
			end = p->tok.start + p->tok.len;
			quals |= parse_qual(p);
			if (p->failed)
				return -1;
			continue;
		}
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
		perr(p, "No symbol \"%.*s\" in current context.", (int)p->tok.len,
		     p->src + p->tok.start);
	else if (end == start)
		syntax_error(p, "a type");
	else if (!type_of_words(n, tdef, t))
		perr(p, "invalid type '%.*s' (column %zu)", (int)(end - start), p->src + start,
		     start + 1);
	if (!p->failed)
		t->quals = quals;
	return p->failed ? -1 : parse_stars(p, t);
}

/* ---------------------------------------------------------------- parser */

static uint32_t parse_cond(struct parser *p);
static uint32_t parse_unary(struct parser *p);

/* Operator and precedence of a binary operator token; 0 for none. As gdb's c-exp.y, '@'
 * binds tighter than the shifts and looser than + and -: a[0]@2+1 is a[0]@3. */
static int binop(enum tok_kind k, enum op *op)
{
	static const struct {
		uint8_t tok, op, prec;
	} ops[] = {
		{ T_OROR, OP_LOR, 1 },     { T_ANDAND, OP_LAND, 2 }, { T_PIPE, OP_BOR, 3 },
		{ T_CARET, OP_BXOR, 4 },   { T_AMP, OP_BAND, 5 },    { T_EQ, OP_EQ, 6 },
		{ T_NE, OP_NE, 6 },        { T_LT, OP_LT, 7 },       { T_LE, OP_LE, 7 },
		{ T_GT, OP_GT, 7 },        { T_GE, OP_GE, 7 },       { T_SHL, OP_SHL, 8 },
		{ T_SHR, OP_SHR, 8 },      { T_AT, OP_AT, 9 },       { T_PLUS, OP_ADD, 10 },
		{ T_MINUS, OP_SUB, 10 },   { T_STAR, OP_MUL, 11 },   { T_SLASH, OP_DIV, 11 },
		{ T_PERCENT, OP_MOD, 11 },
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
			p->nodes[x].val = cdbg__expr_norm(t.type, t.val);
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
	case T_QNAME:
		x = mk_name(p, OP_IDENT, p->src + t.nstart, t.nlen);
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

/* fn(a, b, ...) at the '(': an OP_CALL over a chain of OP_ARG. */
static uint32_t parse_call(struct parser *p, uint32_t fn)
{
	uint32_t args[EXPR_MAX_CALL_ARGS], chain = NONE, call;

	int n = 0;

	next(p);
	while (!p->failed && p->tok.kind != T_RPAREN) {
		if (n == EXPR_MAX_CALL_ARGS)
			return perr(p, "too many arguments in a function call (at most %d)",
				    EXPR_MAX_CALL_ARGS);
		if ((args[n++] = parse_cond(p)) == NONE)
			return NONE;
		if (p->tok.kind != T_COMMA)
			break;
		next(p);
	}
	if (expect(p, T_RPAREN, "')'"))
		return NONE;
	while (n-- > 0)
		chain = mk(p, OP_ARG, args[n], chain, NONE);
	call = mk(p, OP_CALL, fn, chain, NONE);
	return call;
}

/* primary, then any number of [index] (a[i] is *(a + i)), calls, .name and ->name. */
static uint32_t parse_postfix(struct parser *p)
{
	uint32_t x = parse_primary(p), i;

	while (x != NONE && !p->failed) {
		if (p->tok.kind == T_MEMBER) {
			x = parse_member(p, x);
			continue;
		}
		if (p->tok.kind == T_LPAREN) {
			x = parse_call(p, x);
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
static int parse_named(struct parser *p, uint32_t *off, uint32_t *stars, uint64_t *quals)
{
	const struct tword *w;
	size_t start, end;
	struct expr_type q = { .kind = EXPR_VOID };
	unsigned b;

	while ((b = parse_qual(p))) /* const struct rec: the base type's qualifiers */
		add_qual(&q, 0, b);
	w = type_word(p, &p->tok);
	start = p->tok.start;

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
	for (*stars = 0; !p->failed;) {
		if ((b = parse_qual(p))) {
			add_qual(&q, *stars, b);
			continue;
		}
		if (p->tok.kind != T_STAR)
			break;
		if (++*stars > 255)
			return perr(p, "pointer type is too deep (column %zu)", p->tok.start + 1),
			       -1;
		next(p);
	}
	*quals = q.quals;
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

	for (;;) { /* qualifiers first: (const struct rec), (@code enum e) */
		if (w && w->word == W_QUAL)
			t = peek(p, &t);
		else if (space_qual(p, &t))
			t = peek(p, &t), t = peek(p, &t);
		else
			break;
		w = type_word(p, &t);
	}
	if (w)
		return w->word == W_TAG;
	for (u = peek(p, &t); t.kind == T_IDENT && u.kind == T_STAR; u = peek(p, &u))
		stars++;
	if (!stars && t.kind == T_IDENT && u.kind == T_RPAREN) {
		switch (peek(p, &u).kind) {
		case T_IDENT:
		case T_NUM:
		case T_CHAR:
		case T_STR:
		case T_DOLLAR:
		case T_LPAREN:
		case T_BANG:
		case T_TILDE:
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
	uint32_t x, stars = 0;

	if (named_type_ahead(p, t)) {
		uint32_t off;

		uint64_t quals;

		next(p);
		if (parse_named(p, &off, &stars, &quals) || expect(p, T_RPAREN, "')'"))
			return NONE;
		x = parse_unary(p);
		if (x == NONE || (x = mk(p, OP_NCAST, x, NONE, NONE)) == NONE)
			return NONE;
		p->nodes[x].b = off;
		p->nodes[x].c = stars;
		p->nodes[x].type.quals = quals;
		return x;
	}
	(void)u;
	if (t.kind == T_AT && !space_qual(p, &t) && (u = peek(p, &t)).kind == T_IDENT)
		return perr(p, "Unknown address space specifier: \"%.*s\"", (int)u.len,
			    p->src + u.start);
	if (!type_word(p, &t) && !space_qual(p, &t))
		return parse_postfix(p);
	next(p);
	if (parse_type(p, &type) || expect(p, T_RPAREN, "')'"))
		return NONE;
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

/* The C view t's natural alignment on x86-64 (void: 1, as gdb). */
static uint64_t c_align(const struct expr_type *t)
{
	return t->kind == EXPR_VOID ? 1 : t->size;
}

/* Is the source at the current token "long double" then ')'? (No C view has that type: its
 * size and alignment are constants, 16.) */
static bool long_double_ahead(struct parser *p)
{
	struct tok a = p->tok, b = peek(p, &a), c = peek(p, &b);

	return a.kind == T_IDENT && a.len == 4 && !memcmp(p->src + a.start, "long", 4) &&
	       b.kind == T_IDENT && b.len == 6 && !memcmp(p->src + b.start, "double", 6) &&
	       c.kind == T_RPAREN;
}

/* sizeof(type), sizeof expr, and gdb's alignof(type), _Alignof(type), alignof(expr) (align
 * set): constant unsigned longs (alignof: ints, as gdb's). At the keyword. OP_SIZEOF and OP_NSIZEOF nodes of alignof
 * carry val 1. */
static uint32_t parse_sizeof(struct parser *p, bool align)
{
	struct tok t = peek(p, &p->tok);
	struct expr_type type;
	size_t col = p->tok.start + 1;
	uint32_t x;

	if (t.kind == T_LPAREN && named_type_ahead(p, peek(p, &t))) {
		uint32_t off, stars;

		next(p);
		next(p);
		uint64_t quals;

		if (p->failed || parse_named(p, &off, &stars, &quals) || expect(p, T_RPAREN, "')'"))
			return NONE;
		x = mk(p, OP_NSIZEOF, NONE, NONE, NONE);
		if (x != NONE) {
			p->nodes[x].b = off;
			p->nodes[x].c = stars;
			p->nodes[x].val = align;
		}
		return x;
	}
	if (t.kind != T_LPAREN || (t = peek(p, &t), !type_word(p, &t))) {
		next(p);
		if (p->failed)
			return NONE;
		if (align && p->tok.kind != T_LPAREN)
			return syntax_error(p, NULL);
		x = parse_unary(p);
		if (x == NONE)
			return perr(p, "%s needs an operand (column %zu)",
				    align ? "alignof" : "sizeof", col);
		x = mk(p, OP_SIZEOF, x, NONE, NONE);
		if (x != NONE)
			p->nodes[x].val = align;
		return x;
	}
	next(p);
	next(p);
	if (p->failed)
		return NONE;
	if (long_double_ahead(p)) {
		next(p);
		next(p);
		type = (struct expr_type){ .kind = EXPR_AGG, .size = 16 };
	} else if (parse_type(p, &type)) {
		return NONE;
	}
	if (expect(p, T_RPAREN, "')'"))
		return NONE;
	if ((x = mk(p, OP_LIT, NONE, NONE, NONE)) != NONE) {
		p->nodes[x].type = align ? T_INT : T_ULONG; /* gdb's alignof gives an int */
		p->nodes[x].val = align ? c_align(&type) : type.kind == EXPR_VOID ? 1 : type.size;
	}
	return x;
}

/* Is the identifier token t the keyword kw? */
static bool is_kw(const struct parser *p, const struct tok *t, const char *kw)
{
	return t->kind == T_IDENT && t->len == strlen(kw) && !memcmp(p->src + t->start, kw, t->len);
}

/* Prefix operators, casts, {type}, sizeof; then postfix. */
static uint32_t parse_unary_body(struct parser *p)
{
	size_t col = p->tok.start + 1;
	enum op op;
	uint32_t x;

	switch (p->tok.kind) {
	case T_MINUS:
		op = OP_NEG;
		break;
	case T_PLUS:
		op = OP_POS;
		break;
	case T_BANG:
		op = OP_NOT;
		break;
	case T_TILDE:
		op = OP_BNOT;
		break;
	case T_STAR:
		op = OP_DEREF;
		break;
	case T_AMP:
		op = OP_ADDR;
		break;
	case T_LPAREN:
		return parse_paren(p);
	case T_LBRACE:
		return parse_brace(p);
	case T_INCDEC:
		return perr(p, "'++' and '--' are not supported (column %zu)", col);
	case T_IDENT:
		if (is_kw(p, &p->tok, "sizeof"))
			return parse_sizeof(p, false);
		if (is_kw(p, &p->tok, "alignof") || is_kw(p, &p->tok, "_Alignof"))
			return parse_sizeof(p, true);
		return parse_postfix(p);
	default:
		return parse_postfix(p);
	}
	next(p);
	if ((x = parse_unary(p)) == NONE)
		return NONE;
	if (op == OP_ADDR && p->nodes[x].op != OP_DEREF && p->nodes[x].op != OP_IDENT &&
	    p->nodes[x].op != OP_DOLLAR && p->nodes[x].op != OP_MEMBER &&
	    p->nodes[x].op != OP_ARROW)
		return perr(p,
			    "cannot take the address of this expression: it is not in memory "
			    "(column %zu)",
			    col);
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

int expr_each_type_name(const struct expr *e, int (*fn)(void *data, const char *name), void *data)
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
