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
#include "expr/expr_charset.h"
#include "expr/expr_impl.h"

/* Record the first compile error. Returns NONE, for parse functions to return. */
uint32_t cdbg__expr_perr(struct parser *p, const char *fmt, ...)
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

void cdbg__expr_next(struct parser *p)
{
	cdbg__expr_lex(p, p->tok.start + p->tok.len, &p->tok);
	if (p->tok.kind == T_ERR)
		p->failed = true;
}

/* The token after t, without moving. */
struct tok cdbg__expr_peek(struct parser *p, const struct tok *t)
{
	struct tok r;

	cdbg__expr_lex(p, t->start + t->len, &r);
	return r;
}

/* gdb's "A syntax error in expression, near `REST'." (REST: the text from the token where
 * the parse failed to the end, cut at 64 bytes); expected is not said, as gdb does not. */
uint32_t cdbg__expr_syntax_error(struct parser *p, const char *expected)
{
	size_t at = p->tok.kind == T_END ? p->len : p->tok.start, n = p->len - at;

	(void)expected;
	return cdbg__expr_perr(p, "A syntax error in expression, near `%.*s%s'.",
			       (int)(n > 64 ? 64 : n), p->src + at, n > 64 ? "..." : "");
}

/* Skip the current token if it is kind; otherwise a syntax error naming what. */
int cdbg__expr_expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (p->failed)
		return -1;
	if (p->tok.kind != kind) {
		cdbg__expr_syntax_error(p, what);
		return -1;
	}
	cdbg__expr_next(p);
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
		return cdbg__expr_perr(
			p, "expression is too complex (more than %d levels of operators)",
			MAX_HEIGHT);
	if (p->nnodes == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 32;

		n = realloc(p->nodes, cap * sizeof(*n));
		if (!n)
			return cdbg__expr_perr(p, "out of memory");
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
uint32_t cdbg__expr_pool_reserve(struct parser *p, size_t n)
{
	if (p->plen + n + 1 > p->pcap) {
		size_t cap = (p->plen + n + 1) * 2;
		char *s = realloc(p->pool, cap);

		if (!s)
			return cdbg__expr_perr(p, "out of memory");
		p->pool = s;
		p->pcap = cap;
	}
	return (uint32_t)p->plen;
}

/* A leaf naming s[0..n): OP_DOLLAR, OP_IDENT. */
static uint32_t mk_name(struct parser *p, enum op op, const char *s, size_t n)
{
	uint32_t off = cdbg__expr_pool_reserve(p, n), i = mk(p, op, NONE, NONE, NONE);

	if (off == NONE || i == NONE)
		return NONE;
	memcpy(p->pool + off, s, n);
	p->pool[off + n] = '\0';
	p->plen += n + 1;
	p->nodes[i].a = off;
	return i;
}

/* An OP_STR leaf for the current (checked) string token and the string tokens right after it
 * ("ab" "c", L"ab" "c": one literal, as C and gdb join them), decoded into the pool in the
 * charset of their kind (c: enum expr_cs_kind). The last of them stays the current token. */
static uint32_t mk_string(struct parser *p)
{
	struct tok t = p->tok, last = t;
	size_t total = 0, n;
	int kind = EXPR_CS_NARROW;
	uint32_t off, i;
	char msg[256];

	for (struct tok k = t; k.kind == T_STR; last = k, k = cdbg__expr_peek(p, &k)) {
		if (k.cs != EXPR_CS_NARROW && k.cs != EXPR_CS_U8 && kind != EXPR_CS_NARROW &&
		    kind != EXPR_CS_U8 && kind != k.cs)
			return cdbg__expr_perr(p, "Undefined string concatenation.");
		if (k.cs != EXPR_CS_NARROW && (kind == EXPR_CS_NARROW || kind == EXPR_CS_U8))
			kind = k.cs;
		total += k.len;
	}
	if (total > UINT32_MAX / 32)
		return cdbg__expr_perr(p, "string literal too long");
	off = cdbg__expr_pool_reserve(p, total * 16 + 16);
	i = mk(p, OP_STR, NONE, NONE, NONE);
	if (off == NONE || i == NONE)
		return NONE;
	total = 0;
	for (struct tok k = t;; k = cdbg__expr_peek(p, &k)) {
		if (cdbg__expr_lit_body(p->src, k.start + k.pfx + 1, k.start + k.len - 1, kind,
					(unsigned char *)p->pool + off + total, k.len * 16 + 16, &n,
					msg, sizeof(msg)) < 0)
			return cdbg__expr_perr(p, "%s", msg);
		total += n;
		if (k.start == last.start)
			break;
	}
	memset(p->pool + off + total, 0, 4); /* a NUL unit of any width */
	p->plen += total + 4;
	p->nodes[i].a = off;
	p->nodes[i].b = (uint32_t)total;
	p->nodes[i].val = (uint64_t)kind;
	p->tok = last;
	return i;
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
/* A typedef's name where a value must be, at the name: a syntax error at the token after it,
 * as gdb's; at the start of the source gdb reads a whole type (its '*'s and "[N]"s) first, and
 * when that type is all the source is, says a type is no value. */
static uint32_t type_as_value(struct parser *p)
{
	bool whole = p->tok.start == strspn(p->src, " \t"), is_array;
	uint32_t off, stars;
	uint64_t quals, count;

	if (!whole) {
		cdbg__expr_next(p);
		return cdbg__expr_syntax_error(p, NULL);
	}
	if (cdbg__expr_parse_named(p, &off, &stars, &quals) ||
	    cdbg__expr_parse_dims(p, &is_array, &count))
		return NONE;
	if (whole && p->tok.kind == T_END)
		return cdbg__expr_perr(p, "Attempt to use a type name as an expression");
	return cdbg__expr_syntax_error(p, NULL);
}

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
			p->nodes[x].val_hi = t.type.kind == EXPR_DEC ? t.val_hi : 0;
		}
		break;
	case T_DOLLAR:
		x = mk_name(p, OP_DOLLAR, p->src + t.start + 1, t.len - 1);
		break;
	case T_IDENT:
		if (cdbg__expr_is_type_word(p, &t))
			return cdbg__expr_syntax_error(p, NULL);
		if (cdbg__expr_classify(p, &t) == EXPR_NAME_TYPE &&
		    cdbg__expr_peek(p, &t).kind != T_LPAREN)
			return type_as_value(p); /* T(x) is Go's conversion (expr_evcall.c) */
		x = mk_name(p, OP_IDENT, p->src + t.start, t.len);
		break;
	case T_QNAME:
		x = mk_name(p, OP_IDENT, p->src + t.nstart, t.nlen);
		break;
	case T_STR:
		x = mk_string(p);
		break;
	case T_LPAREN:
		cdbg__expr_next(p);
		x = parse_cond(p);
		return cdbg__expr_expect(p, T_RPAREN, "')'") ? NONE : x;
	default:
		return cdbg__expr_syntax_error(p, NULL);
	}
	cdbg__expr_next(p);
	return x;
}

/* .name or ->name after x. At the '.' or '->'. */
static uint32_t parse_member(struct parser *p, uint32_t x)
{
	bool arrow = p->src[p->tok.start] == '-';
	uint32_t m;

	cdbg__expr_next(p);
	if (p->failed || p->tok.kind != T_IDENT)
		return cdbg__expr_syntax_error(p, "a member name");
	m = mk_name(p, arrow ? OP_ARROW : OP_MEMBER, p->src + p->tok.start, p->tok.len);
	if (m == NONE)
		return NONE;
	p->nodes[m].b = p->nodes[m].a;
	p->nodes[m].a = x;
	if (p->nodes[x].height + 1u > p->nodes[m].height)
		p->nodes[m].height = (uint16_t)(p->nodes[x].height + 1);
	if (p->nodes[m].height >= MAX_HEIGHT)
		return cdbg__expr_perr(
			p, "expression is too complex (more than %d levels of operators)",
			MAX_HEIGHT);
	cdbg__expr_next(p);
	return m;
}

/* fn(a, b, ...) at the '(': an OP_CALL over a chain of OP_ARG. */
static uint32_t parse_call(struct parser *p, uint32_t fn)
{
	uint32_t args[EXPR_MAX_CALL_ARGS], chain = NONE, call;

	int n = 0;

	cdbg__expr_next(p);
	while (!p->failed && p->tok.kind != T_RPAREN) {
		if (n == EXPR_MAX_CALL_ARGS)
			return cdbg__expr_perr(p,
					       "too many arguments in a function call (at most %d)",
					       EXPR_MAX_CALL_ARGS);
		if ((args[n++] = parse_cond(p)) == NONE)
			return NONE;
		if (p->tok.kind != T_COMMA)
			break;
		cdbg__expr_next(p);
	}
	if (cdbg__expr_expect(p, T_RPAREN, "')'"))
		return NONE;
	while (n-- > 0)
		chain = mk(p, OP_ARG, args[n], chain, NONE);
	call = mk(p, OP_CALL, fn, chain, NONE);
	return call;
}

/* Any number of [index] (a[i] is *(a + i), its OP_DEREF marked by val 1), calls, .name and
 * ->name after x. */
static uint32_t parse_postfix_tail(struct parser *p, uint32_t x)
{
	uint32_t i;

	while (x != NONE && !p->failed) {
		if (p->tok.kind == T_MEMBER) {
			x = parse_member(p, x);
			continue;
		}
		if (p->tok.kind == T_LPAREN) {
			x = parse_call(p, x);
			continue;
		}
		if (p->tok.kind == T_INCDEC) { /* x++, x-- */
			unsigned dec = p->src[p->tok.start] == '-';
			cdbg__expr_next(p);
			if ((x = mk(p, OP_INCDEC, x, NONE, NONE)) != NONE)
				p->nodes[x].val = 5 + dec;
			continue;
		}
		if (p->tok.kind != T_LBRACK)
			break;
		cdbg__expr_next(p);
		i = p->tok.kind == T_COLON ? NONE : parse_cond(p);
		if (p->tok.kind == T_COLON && !p->failed) { /* Go's x[lo:hi], x[:hi], x[lo:] */
			uint32_t hi;
			cdbg__expr_next(p);
			hi = p->tok.kind == T_RBRACK ? NONE : parse_cond(p);
			if (p->failed || cdbg__expr_expect(p, T_RBRACK, "']'"))
				return NONE;
			x = mk(p, OP_SLICE, x, i, hi);
			continue;
		}
		if (i == NONE || cdbg__expr_expect(p, T_RBRACK, "']'"))
			return NONE;
		x = mk(p, OP_DEREF, mk(p, OP_ADD, x, i, NONE), NONE, NONE);
		if (x != NONE)
			p->nodes[x].val = 1;
	}
	return x;
}

/* primary, then its postfix operators. */
static uint32_t parse_postfix(struct parser *p)
{
	return parse_postfix_tail(p, parse_primary(p));
}

/* The cast of operand x to type (an array of count of them when is_array). */
static uint32_t mk_cast(struct parser *p, uint32_t x, struct expr_type type, bool is_array,
			uint64_t count, size_t col)
{
	if (x == NONE)
		return NONE;
	if (is_array && type.kind == EXPR_VOID)
		return cdbg__expr_perr(p, "cannot make an array of void (column %zu)", col);
	if ((x = mk(p, is_array ? OP_ACAST : OP_CAST, x, NONE, NONE)) == NONE)
		return NONE;
	p->nodes[x].type = type;
	p->nodes[x].val = count;
	return x;
}

/* (type) operand, or a parenthesised expression. At '('. */
static uint32_t parse_paren(struct parser *p)
{
	struct tok t = cdbg__expr_peek(p, &p->tok), u;
	struct expr_type type;
	uint32_t x, stars = 0;

	if (cdbg__expr_named_type_ahead(p, t)) {
		uint32_t off;

		uint64_t quals;

		cdbg__expr_next(p);
		if (cdbg__expr_parse_named(p, &off, &stars, &quals) ||
		    cdbg__expr_expect(p, T_RPAREN, "')'"))
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
	if (t.kind == T_AT && !cdbg__expr_space_qual(p, &t) &&
	    (u = cdbg__expr_peek(p, &t)).kind == T_IDENT)
		return cdbg__expr_perr(p, "Unknown address space specifier: \"%.*s\"", (int)u.len,
				       p->src + u.start);
	if (!cdbg__expr_is_type_word(p, &t) && !cdbg__expr_space_qual(p, &t))
		return parse_postfix(p);
	size_t col = p->tok.start + 1;
	bool is_array;
	uint64_t count;

	cdbg__expr_next(p);
	if (cdbg__expr_parse_type(p, &type))
		return NONE;
	if (p->tok.kind == T_LPAREN && cdbg__expr_peek(p, &p->tok).kind == T_STAR &&
	    cdbg__expr_parse_fnptr(p, &type))
		return NONE;
	if (cdbg__expr_parse_dims(p, &is_array, &count) || cdbg__expr_expect(p, T_RPAREN, "')'"))
		return NONE;
	return mk_cast(p, parse_unary(p), type, is_array, count, col);
}

/* gdb's {a, b, ...}: an array of the elements' type, at '{' (the first element's token is
 * current); then its postfix operators ({4, 5, 6}[2]). */
static uint32_t parse_array(struct parser *p)
{
	uint32_t chain = NONE, last = NONE, x, n = 0;

	if (p->tok.kind == T_RBRACE) { /* {}: parsed as gdb does, refused when evaluated */
		cdbg__expr_next(p);
		return parse_postfix_tail(p, mk(p, OP_ARRAY, NONE, NONE, NONE));
	}
	if (++p->braces > EXPR_MAX_BRACES) {
		p->braces--;
		return cdbg__expr_perr(p,
				       "array literals are nested too deeply (more than %d levels)",
				       EXPR_MAX_BRACES);
	}
	while (!p->failed) {
		if (n == EXPR_MAX_ARRAY_BYTES) {
			cdbg__expr_perr(p, "too many elements in an array (at most %d)",
					EXPR_MAX_ARRAY_BYTES);
			break;
		}
		if ((x = parse_cond(p)) == NONE || (x = mk(p, OP_ARG, x, NONE, NONE)) == NONE)
			break;
		if (last == NONE)
			chain = x;
		else
			p->nodes[last].b = x;
		/* the chain's height is bounded by the list of elements, not by nesting */
		last = x;
		n++;
		if (p->tok.kind != T_COMMA)
			break;
		cdbg__expr_next(p);
	}
	p->braces--;
	if (p->failed || cdbg__expr_expect(p, T_RBRACE, "'}'"))
		return NONE;
	if ((x = mk(p, OP_ARRAY, NONE, chain, NONE)) == NONE)
		return NONE;
	p->nodes[x].val = n;
	return parse_postfix_tail(p, x);
}

/* At '{': gdb's {type} addr (*(type *)addr; {type [N]} x and {type []} x reinterpret x's
 * bytes as an array, as the cast does), or an array literal {1, 2, 3}. As gdb's grammar, a
 * type after '{' is the first; anything else is an element. */
static uint32_t parse_brace(struct parser *p)
{
	struct expr_type type;
	size_t col = p->tok.start + 1;
	bool is_array;
	uint64_t count;
	uint32_t x;

	cdbg__expr_next(p);
	if (p->failed)
		return NONE;
	struct tok u = cdbg__expr_peek(p, &p->tok), w = cdbg__expr_peek(p, &u);
	/* {name} x, name no type this parser knows: a type of the program (refused below with
	 * gdb's "No symbol" message), as an array {name} cannot be followed by an operand */
	bool named = p->tok.kind == T_IDENT && u.kind == T_RBRACE &&
		     (w.kind == T_IDENT || w.kind == T_NUM || w.kind == T_CHAR || w.kind == T_STR ||
		      w.kind == T_DOLLAR || w.kind == T_LPAREN);
	if (!cdbg__expr_is_type_word(p, &p->tok) && !named)
		return parse_array(p);
	if (cdbg__expr_parse_type(p, &type) || cdbg__expr_parse_dims(p, &is_array, &count) ||
	    cdbg__expr_expect(p, T_RBRACE, "'}'"))
		return NONE;
	if (is_array)
		return mk_cast(p, parse_unary(p), type, true, count, col);
	if (type.kind == EXPR_VOID)
		return cdbg__expr_perr(p, "cannot read a value of type void (column %zu)", col);
	if (type.kind == EXPR_PTR && type.ptr_depth == 255)
		return cdbg__expr_perr(p, "pointer type is too deep (column %zu)", col);
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
	struct tok a = p->tok, b = cdbg__expr_peek(p, &a), c = cdbg__expr_peek(p, &b);

	return a.kind == T_IDENT && a.len == 4 && !memcmp(p->src + a.start, "long", 4) &&
	       b.kind == T_IDENT && b.len == 6 && !memcmp(p->src + b.start, "double", 6) &&
	       c.kind == T_RPAREN;
}

/* sizeof(type), sizeof expr, and gdb's alignof(type), _Alignof(type), alignof(expr) (align
 * set): constant unsigned longs (alignof: ints, as gdb's). At the keyword. OP_SIZEOF and OP_NSIZEOF nodes of alignof
 * carry val 1. */
static uint32_t parse_sizeof(struct parser *p, bool align)
{
	struct tok t = cdbg__expr_peek(p, &p->tok);
	struct expr_type type;
	size_t col = p->tok.start + 1;
	uint32_t x;

	if (t.kind == T_LPAREN && cdbg__expr_named_type_ahead(p, cdbg__expr_peek(p, &t))) {
		uint32_t off, stars;

		cdbg__expr_next(p);
		cdbg__expr_next(p);
		uint64_t quals;

		if (p->failed || cdbg__expr_parse_named(p, &off, &stars, &quals) ||
		    cdbg__expr_expect(p, T_RPAREN, "')'"))
			return NONE;
		x = mk(p, OP_NSIZEOF, NONE, NONE, NONE);
		if (x != NONE) {
			p->nodes[x].b = off;
			p->nodes[x].c = stars;
			p->nodes[x].val = align;
		}
		return x;
	}
	if (t.kind != T_LPAREN || (t = cdbg__expr_peek(p, &t), !cdbg__expr_is_type_word(p, &t))) {
		cdbg__expr_next(p);
		if (p->failed)
			return NONE;
		if (align && p->tok.kind != T_LPAREN)
			return cdbg__expr_syntax_error(p, NULL);
		x = parse_unary(p);
		if (x == NONE)
			return cdbg__expr_perr(p, "%s needs an operand (column %zu)",
					       align ? "alignof" : "sizeof", col);
		x = mk(p, OP_SIZEOF, x, NONE, NONE);
		if (x != NONE)
			p->nodes[x].val = align;
		return x;
	}
	cdbg__expr_next(p);
	cdbg__expr_next(p);
	if (p->failed)
		return NONE;
	if (long_double_ahead(p)) {
		cdbg__expr_next(p);
		cdbg__expr_next(p);
		type = (struct expr_type){ .kind = EXPR_AGG, .size = 16 };
	} else if (cdbg__expr_parse_type(p, &type)) {
		return NONE;
	}
	if (cdbg__expr_expect(p, T_RPAREN, "')'"))
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
	case T_INCDEC: { /* ++x, --x */
		unsigned dec = p->src[p->tok.start] == '-';
		cdbg__expr_next(p);
		if ((x = mk(p, OP_INCDEC, parse_unary(p), NONE, NONE)) != NONE)
			p->nodes[x].val = 1 + dec;
		return x;
	}
	case T_IDENT:
		if (is_kw(p, &p->tok, "sizeof"))
			return parse_sizeof(p, false);
		if (is_kw(p, &p->tok, "alignof") || is_kw(p, &p->tok, "_Alignof"))
			return parse_sizeof(p, true);
		return parse_postfix(p);
	default:
		return parse_postfix(p);
	}
	cdbg__expr_next(p);
	if ((x = parse_unary(p)) == NONE)
		return NONE;
	/* gdb: an element of an array the debugger holds is not in the program's memory */
	if (op == OP_ADDR && p->nodes[x].op == OP_DEREF && p->nodes[x].val == 1 &&
	    p->nodes[p->nodes[p->nodes[x].a].a].op == OP_ARRAY)
		return cdbg__expr_perr(p,
				       "Attempt to take address of value not located in memory.");
	if (op == OP_ADDR && p->nodes[x].op != OP_DEREF && p->nodes[x].op != OP_IDENT &&
	    p->nodes[x].op != OP_DOLLAR && p->nodes[x].op != OP_MEMBER &&
	    p->nodes[x].op != OP_ARROW)
		return cdbg__expr_perr(
			p,
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
		x = cdbg__expr_perr(p, "expression is nested too deeply (more than %d levels)",
				    EXPR_MAX_NEST);
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
		cdbg__expr_next(p);
		if ((r = parse_binary(p, prec + 1)) == NONE)
			return NONE;
		l = mk(p, op, l, r, NONE);
	}
	if (l != NONE && !p->failed && p->tok.kind == T_ASSIGN)
		return cdbg__expr_perr(
			p, "assignment is not supported here; use '==' to compare (column %zu)",
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
		cdbg__expr_perr(p, "expression is nested too deeply (more than %d levels)",
				EXPR_MAX_NEST);
	} else {
		cdbg__expr_next(p);
		a = parse_cond(p);
		if (a != NONE && !cdbg__expr_expect(p, T_COLON, "':'"))
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
		cdbg__expr_perr(p, "out of memory");
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
	return expr_compile_names(src, NULL, out, err, errlen);
}

int expr_compile_names(const char *src, const struct expr_names *names, struct expr **out,
		       char *err, size_t errlen)
{
	struct parser p = { .src = src, .err = err, .errlen = errlen, .names = names };
	struct expr *e = NULL;
	uint32_t root = NONE;

	if (!src || !out)
		cdbg__expr_perr(&p, "no expression");
	else if ((p.len = strnlen(src, EXPR_MAX_LEN + 1)) > EXPR_MAX_LEN)
		cdbg__expr_perr(&p, "expression is too long (more than %d characters)",
				EXPR_MAX_LEN);
	if (!p.failed)
		cdbg__expr_next(&p);
	if (!p.failed && p.tok.kind == T_END)
		cdbg__expr_perr(&p, "empty expression");
	if (!p.failed)
		root = parse_cond(&p);
	if (!p.failed && p.tok.kind != T_END) {
		if (names && names->cplus &&
		    (cdbg__expr_classify(&p, &p.tok) == EXPR_NAME_TYPE ||
		     (p.tok.kind == T_IDENT && memmem(p.src + p.tok.start, p.tok.len, "::", 2))))
			cdbg__expr_next(&p);
		if (!p.failed)
			cdbg__expr_syntax_error(&p, NULL);
	}
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
