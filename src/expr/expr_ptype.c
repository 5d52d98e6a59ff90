/*
 * expr_ptype.c - the type names an expression writes: C's base types in any order of their
 * words (unsigned long int), the fixed-width typedefs, qualifiers (const, volatile, restrict,
 * _Atomic, gdb's @code and @data), '*'s, array dimensions and function pointers in casts, and
 * the names of the program's own types (struct TAG, typedefs), which are looked up later.
 *
 * Owns: the table of type words and every message about a type name.
 * Must not: reach the tracee or the env; build nodes (expr_parse.c does).
 */
#include <string.h>

#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

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
	{ .name = "_Decimal32", .word = W_FLT, .size = 4, .spell = 1 },
	{ .name = "_Decimal64", .word = W_FLT, .size = 8, .spell = 1 },
	{ .name = "_Decimal128", .word = W_FLT, .size = 16, .spell = 1 },
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

enum expr_name_kind cdbg__expr_classify(const struct parser *p, const struct tok *t)
{
	if (t->kind != T_IDENT || !p->names || !p->names->classify || type_word(p, t))
		return EXPR_NAME_UNKNOWN;
	return p->names->classify(p->names->data, p->src + t->start, t->len);
}

bool cdbg__expr_is_type_word(const struct parser *p, const struct tok *t)
{
	return type_word(p, t) != NULL;
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
		if (n[W_FLT] && tdef->spell) /* spell 1: a decimal float */
			*t = cdbg__expr_dec_type(tdef->size);
		else if (n[W_FLT])
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
unsigned cdbg__expr_space_qual(struct parser *p, const struct tok *t)
{
	struct tok u;

	if (t->kind != T_AT)
		return 0;
	u = cdbg__expr_peek(p, t);
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
	unsigned q = w && w->word == W_QUAL ? w->size : cdbg__expr_space_qual(p, &p->tok);

	if (q && q >= EXPR_Q_CODE)
		cdbg__expr_next(p); /* the '@' */
	if (q)
		cdbg__expr_next(p);
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
				cdbg__expr_perr(p, "pointer type is too deep (column %zu)",
						p->tok.start + 1);
				return -1;
			}
			*t = expr_ptr_type(*t);
		} else if ((q = parse_qual(p))) {
			add_qual(t, t->kind == EXPR_PTR ? t->ptr_depth : 0, q);
			continue;
		} else if (p->tok.kind == T_AT) { /* gdb's words for (int @x) and (int @) */
			struct tok u = cdbg__expr_peek(p, &p->tok);

			if (u.kind == T_IDENT)
				cdbg__expr_perr(p, "Unknown address space specifier: \"%.*s\"",
						(int)u.len, p->src + u.start);
			else
				cdbg__expr_next(p), cdbg__expr_syntax_error(p, NULL);
			return -1;
		} else {
			break;
		}
		cdbg__expr_next(p);
	}
	return p->failed ? -1 : 0;
}

/* struct, union or enum at the current token, from start: not known (yet). */
static int tag_error(struct parser *p, size_t start)
{
	struct tok name = cdbg__expr_peek(p, &p->tok);
	size_t kw = strcspn(p->src + start, " \t");

	if (name.kind == T_IDENT)
		cdbg__expr_perr(p, "No %.*s type named %.*s.", (int)kw, p->src + start,
				(int)name.len, p->src + name.start);
	else
		cdbg__expr_syntax_error(p, NULL);
	return -1;
}

/* A type name at the current token: specifiers then '*'s. */
int cdbg__expr_parse_type(struct parser *p, struct expr_type *t)
{
	int n[W_COUNT] = { 0 };
	const struct tword *w, *tdef = NULL;
	size_t start = p->tok.start, end = start;
	unsigned quals = 0;

	while ((w = type_word(p, &p->tok)) || cdbg__expr_space_qual(p, &p->tok)) {
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
		cdbg__expr_next(p);
		if (p->failed)
			return -1;
	}
	if (end == start && p->tok.kind == T_IDENT)
		cdbg__expr_perr(p, "No symbol \"%.*s\" in current context.", (int)p->tok.len,
				p->src + p->tok.start);
	else if (end == start)
		cdbg__expr_syntax_error(p, "a type");
	else if (!type_of_words(n, tdef, t))
		cdbg__expr_perr(p, "invalid type '%.*s' (column %zu)", (int)(end - start),
				p->src + start, start + 1);
	if (!p->failed)
		t->quals = quals;
	return p->failed ? -1 : parse_stars(p, t);
}

/* A type the program names (struct/union/enum TAG, or a typedef name) and its '*'s, at the
 * current token: the name goes into the pool at *off, the count of '*'s into *stars. */
int cdbg__expr_parse_named(struct parser *p, uint32_t *off, uint32_t *stars, uint64_t *quals)
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
		cdbg__expr_next(p);
		if (!p->failed && p->tok.kind != T_IDENT)
			cdbg__expr_syntax_error(p, "a tag name");
	}
	if (p->failed)
		return -1;
	end = p->tok.start + p->tok.len;
	cdbg__expr_next(p);
	if ((*off = cdbg__expr_pool_reserve(p, end - start)) == NONE)
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
			return cdbg__expr_perr(p, "pointer type is too deep (column %zu)",
					       p->tok.start + 1),
			       -1;
		cdbg__expr_next(p);
	}
	*quals = q.quals;
	return p->failed ? -1 : 0;
}

/* Is the token after '(' the start of a program's type: a struct/union/enum tag, a name the
 * symbols call a type (p->names), or, when they do not say, a name followed by '*'s and ')' ((rec_t *) cannot be an expression), or a name and ')' followed by
 * what can only start an operand ((u32)x, (u32)(x), (u32)!x; (u32)-x stays a subtraction)? */
bool cdbg__expr_named_type_ahead(struct parser *p, struct tok t)
{
	const struct tword *w = type_word(p, &t);
	struct tok u;
	unsigned stars = 0;

	for (;;) { /* qualifiers first: (const struct rec), (@code enum e) */
		if (w && w->word == W_QUAL)
			t = cdbg__expr_peek(p, &t);
		else if (cdbg__expr_space_qual(p, &t))
			t = cdbg__expr_peek(p, &t), t = cdbg__expr_peek(p, &t);
		else
			break;
		w = type_word(p, &t);
	}
	if (w)
		return w->word == W_TAG;
	switch (cdbg__expr_classify(p, &t)) { /* the symbols say, as gdb's parser asks them */
	case EXPR_NAME_TYPE:
		return true;
	case EXPR_NAME_VALUE:
		return false;
	default:
		break;
	}
	for (u = cdbg__expr_peek(p, &t); t.kind == T_IDENT && u.kind == T_STAR;
	     u = cdbg__expr_peek(p, &u))
		stars++;
	if (!stars && t.kind == T_IDENT && u.kind == T_RPAREN) {
		switch (cdbg__expr_peek(p, &u).kind) {
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

/* After a type in a cast: "[]" (*count 0: as many as fit) or "[N]"; *is_array false when
 * there is no '['. */
int cdbg__expr_parse_dims(struct parser *p, bool *is_array, uint64_t *count)
{
	*is_array = false;
	*count = 0;
	if (p->failed || p->tok.kind != T_LBRACK)
		return p->failed ? -1 : 0;
	*is_array = true;
	cdbg__expr_next(p);
	if (!p->failed && p->tok.kind == T_NUM && p->tok.type.kind == EXPR_INT) {
		if (p->tok.val == 0 || p->tok.val > EXPR_MAX_ARRAY_BYTES) {
			cdbg__expr_perr(p, "array size %llu is out of range (column %zu)",
					(unsigned long long)p->tok.val, p->tok.start + 1);
			return -1;
		}
		*count = p->tok.val;
		cdbg__expr_next(p);
	}
	return cdbg__expr_expect(p, T_RBRACK, "']'") ? -1 : 0;
}

/* After a type in a cast: a pointer to a function returning it, "(*)(int, float)", which
 * becomes gdb's code pointer void (*)() (a call through it follows the function's own debug
 * information; the parameter types are only checked for balance). At '(' before '*'. */
int cdbg__expr_parse_fnptr(struct parser *p, struct expr_type *t)
{
	int depth = 0;

	cdbg__expr_next(p);
	if (cdbg__expr_expect(p, T_STAR, "'*'") || cdbg__expr_expect(p, T_RPAREN, "')'"))
		return -1;
	if (p->tok.kind != T_LPAREN)
		return cdbg__expr_syntax_error(p, "'('"), -1;
	do {
		if (p->tok.kind == T_LPAREN)
			depth++;
		else if (p->tok.kind == T_RPAREN)
			depth--;
		else if (p->tok.kind == T_END)
			return cdbg__expr_syntax_error(p, "')'"), -1;
		cdbg__expr_next(p);
	} while (!p->failed && depth > 0);
	*t = expr_ptr_type((struct expr_type){ .kind = EXPR_VOID });
	t->spell = EXPR_SPELL_FUNC;
	return p->failed ? -1 : 0;
}
