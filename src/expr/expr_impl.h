/*
 * expr_impl.h - what the files of the expression language share (see expr.h for the language):
 * the compiled form (nodes in one allocation), the lexer's tokens and the parser's state, the C
 * type rules and the error helpers.
 *
 * Owns: nothing outside src/expr. Must not: be included by any file outside src/expr (the
 * rest of the library sees expr.h alone).
 */
#ifndef CDBG_EXPR_IMPL_H
#define CDBG_EXPR_IMPL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr/expr.h"

#define NONE UINT32_MAX
#define MAX_HEIGHT 512    /* deepest tree: bounds evaluation's recursion (about 100 KiB of stack) */
#define TOKSHOW 32        /* longest token quoted in a message */
#define EXPR_MAX_BRACES 4 /* deepest nesting of array literals (each costs a buffer of stack) */

/* ---------------------------------------------------------------- types (expr_ctype.c) */

static const struct expr_type T_INT = { .kind = EXPR_INT, .size = 4, .is_signed = true };
static const struct expr_type T_LONG = { .kind = EXPR_INT, .size = 8, .is_signed = true };
static const struct expr_type T_ULONG = { .kind = EXPR_INT, .size = 8 };

/* bits, as a value of type t: truncated to its size and sign- or zero-extended back. */
uint64_t cdbg__expr_norm(struct expr_type t, uint64_t bits);
/* Is t a type this module can compute with? (Callbacks fill types.) */
bool cdbg__expr_type_ok(const struct expr_type *t);
/* What a pointer of type t points to. */
struct expr_type cdbg__expr_pointee(struct expr_type t);
/* Bytes one step of pointer arithmetic moves: the pointee's size, 1 for void *. */
uint64_t cdbg__expr_scale(struct expr_type t);
/* Integer promotion; a pointer where an integer is wanted acts as unsigned long. */
struct expr_type cdbg__expr_promote(struct expr_type t);
/* C's usual arithmetic conversions on LP64: the larger size wins; at equal size, unsigned. */
struct expr_type cdbg__expr_common(struct expr_type a, struct expr_type b);

/* ---------------------------------------------------------------- the compiled form */

/* Node operators. Children are indices into the node array. */
enum op {
	OP_LIT,    /* val of type */
	OP_DOLLAR, /* env->dollar(pool + a) */
	OP_IDENT,  /* env->ident(pool + a) */
	OP_STR,    /* env->string(pool + a, b); val: its enum expr_cs_kind (L"", u"", U"") */
	OP_NEG,
	OP_POS,
	OP_NOT,
	OP_BNOT,
	OP_DEREF, /* *a */
	OP_ADDR,  /* &a, a an OP_DEREF, OP_IDENT, OP_DOLLAR, OP_MEMBER or OP_ARROW (checked) */
	OP_CAST,  /* (type) a */
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_ADD,
	OP_SUB,
	OP_SHL,
	OP_SHR,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EQ,
	OP_NE,
	OP_BAND,
	OP_BXOR,
	OP_BOR,
	OP_LAND,
	OP_LOR,     /* short-circuit: b only when a does not decide */
	OP_COND,    /* a ? b : c, evaluating only one of b and c */
	OP_MEMBER,  /* a.name (name at pool + b) */
	OP_ARROW,   /* a->name (name at pool + b) */
	OP_SIZEOF,  /* sizeof a: the size of a's type (a is evaluated, nothing is loaded);
		     * val 1: alignof(a), its alignment */
	OP_NCAST,   /* (NAME *...) a: a cast to a type of the program (name at pool + b,
			  * c '*'s), found through env->dtype */
	OP_NSIZEOF, /* sizeof(NAME *...): name at pool + b, c '*'s; val 1: alignof */
	OP_AT,      /* a@b: gdb's artificial array of b objects like a, from a's address */
	OP_CALL,    /* a(args): b the first OP_ARG (NONE: no arguments), val their count */
	OP_ARG,     /* an argument of a call: a its expression, b the next OP_ARG or NONE */
	OP_ARRAY,   /* {a, ...}: b the first OP_ARG (NONE for {}, refused), val their count */
	OP_ACAST,   /* (type [val]) a: a's bytes as an array of type (val 0: as many as fit) */
	OP_SLICE,   /* Go's a[b:c] (b, c NONE when left out) */
	OP_INCDEC,  /* ++a, --a, a++, a-- (val: 1 increment, 2 decrement; +4 postfix): only
		     * where nothing is done (sizeof, ptype): the evaluator changes nothing */
};

struct node {
	uint8_t op;            /* enum op */
	uint16_t height;       /* levels of the subtree it roots (1 for a leaf) */
	struct expr_type type; /* OP_LIT: the literal's type; OP_CAST: the type cast to */
	uint32_t a;            /* first operand; OP_DOLLAR, OP_IDENT, OP_STR: offset in pool */
	uint32_t b;            /* second operand; OP_STR: the string's length */
	uint32_t c;            /* OP_COND: the operand taken when a is false */
	uint64_t val;          /* OP_LIT: the value, normalised to type */
	uint64_t val_hi;       /* OP_LIT of a _Decimal128: its high 64 bits */
};

struct expr {
	uint32_t root;       /* index of the root node */
	uint32_t nnodes;     /* nodes in nodes[] */
	const char *pool;    /* NUL-terminated names and strings, after nodes[] */
	struct node nodes[]; /* the tree, children before parents (but the OP_ARG chain of an
			      * array literal, linked forward) */
};

/* ---------------------------------------------------------------- lexer */

enum tok_kind {
	T_END,
	T_ERR,
	T_NUM,
	T_CHAR,
	T_STR,
	T_DOLLAR,
	T_IDENT,
	T_QNAME, /* a quoted name: 'main.spinLoop', 'file.c'::var (nstart, nlen: the name) */
	T_LPAREN,
	T_RPAREN,
	T_LBRACE,
	T_RBRACE,
	T_LBRACK,
	T_RBRACK,
	T_QUEST,
	T_COLON,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_PERCENT,
	T_SHL,
	T_SHR,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_EQ,
	T_NE,
	T_AMP,
	T_CARET,
	T_PIPE,
	T_ANDAND,
	T_OROR,
	T_BANG,
	T_TILDE,
	T_ASSIGN,
	T_INCDEC,
	T_MEMBER,
	T_COMMA,
	T_AT,
};

struct tok {
	enum tok_kind kind;    /* see enum tok_kind */
	size_t start;          /* offset of its first byte in the source */
	size_t len;            /* its length in bytes */
	uint64_t val;          /* T_NUM, T_CHAR: the value */
	uint64_t val_hi;       /* T_NUM of a _Decimal128: its high 64 bits */
	struct expr_type type; /* T_NUM, T_CHAR: its type */
	size_t nstart, nlen;   /* T_QNAME: the name's offset and length */
	uint8_t cs;            /* T_CHAR, T_STR: enum expr_cs_kind (L, u, U, u8 prefixes) */
	uint8_t pfx;           /* T_CHAR, T_STR: the prefix's length (0, 1 or 2) */
};

struct parser {
	const char *src;                /* the source */
	size_t len;                     /* its length */
	struct tok tok;                 /* the current token */
	struct node *nodes;             /* nodes built so far */
	uint32_t nnodes;                /* how many */
	uint32_t cap;                   /* room in nodes */
	char *pool;                     /* names and strings */
	size_t plen;                    /* bytes used in pool */
	size_t pcap;                    /* room in pool */
	int nest;                       /* active parse_unary calls, bounded by EXPR_MAX_NEST */
	int braces;                     /* array literals open, bounded by EXPR_MAX_BRACES */
	const struct expr_names *names; /* what identifiers are (may be NULL) */
	bool failed;                    /* an error is in err; unwind */
	char *err;                      /* the caller's message buffer (may be NULL) */
	size_t errlen;                  /* its size */
};

/* ---------------------------------------------------------------- lexer (expr_lex.c) */

enum esc_result { ESC_OK, ESC_BAD, ESC_RANGE, ESC_END };

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Format a message into err (errlen bytes; err may be NULL). */
void cdbg__expr_verr(char *err, size_t errlen, const char *fmt, va_list ap);
/* Decode the escape sequence at s[*i] == '\\' into *out; advance *i past it. */
enum esc_result cdbg__expr_escape(const char *s, size_t len, size_t *i, unsigned *out);
/* expr_strlit.c: the characters of a literal s[start..end) (between its quotes) of kind (enum
 * expr_cs_kind), escapes decoded, each converted into its charset: 0 with the bytes in
 * out[0..*n) (max bytes, at least 16 a source byte), or -1 with gdb's sentence in err. */
int cdbg__expr_lit_body(const char *s, size_t start, size_t end, int kind, unsigned char *out,
			size_t max, size_t *n, char *err, size_t errlen);
/* The token at or after pos into *t. Errors give T_ERR (the message is in p->err). */
int cdbg__expr_lex(struct parser *p, size_t pos, struct tok *t);

/* ---------------------------------------------------------------- parser (expr_parse.c) */

/* Record the first compile error; returns NONE, for parse functions to return. */
uint32_t __attribute__((format(printf, 2, 3)))
cdbg__expr_perr(struct parser *p, const char *fmt, ...);
/* Move to the next token (a lexer error sets p->failed). */
void cdbg__expr_next(struct parser *p);
/* The token after t, without moving. */
struct tok cdbg__expr_peek(struct parser *p, const struct tok *t);
/* gdb's syntax error message, at the current token; returns NONE. */
uint32_t cdbg__expr_syntax_error(struct parser *p, const char *expected);
/* Skip the current token if it is kind, else a syntax error: 0 or -1. */
int cdbg__expr_expect(struct parser *p, enum tok_kind kind, const char *what);
/* Room for n more bytes and a NUL in the pool: their offset, or NONE. */
uint32_t cdbg__expr_pool_reserve(struct parser *p, size_t n);

/* ---------------------------------------------------------------- type names (expr_ptype.c) */

/* What the identifier token t is, by p->names (EXPR_NAME_UNKNOWN without it). */
enum expr_name_kind cdbg__expr_classify(const struct parser *p, const struct tok *t);
/* Is t a word of a C type name (int, unsigned, const, struct, uint32_t, ...)? */
bool cdbg__expr_is_type_word(const struct parser *p, const struct tok *t);
/* gdb's address-space qualifier @code or @data at token t: its EXPR_Q_ bit, else 0. */
unsigned cdbg__expr_space_qual(struct parser *p, const struct tok *t);
/* A C type name at the current token, specifiers then '*'s, into *t: 0 or -1. */
int cdbg__expr_parse_type(struct parser *p, struct expr_type *t);
/* A type the program names and its '*'s: the name into the pool at *off, the '*'s into *stars,
 * the qualifiers per level into *quals. 0 or -1. */
int cdbg__expr_parse_named(struct parser *p, uint32_t *off, uint32_t *stars, uint64_t *quals);
/* Does a type of the program's start at t, the token after '('? */
bool cdbg__expr_named_type_ahead(struct parser *p, struct tok t);
/* "[]" or "[N]" after a type in a cast (*is_array false without '['): 0 or -1. */
int cdbg__expr_parse_dims(struct parser *p, bool *is_array, uint64_t *count);
/* "(*)(...)" after a type in a cast: *t becomes gdb's code pointer. 0 or -1. */
int cdbg__expr_parse_fnptr(struct parser *p, struct expr_type *t);

/* ---- the evaluator's walk (expr_eval.c), for the files that evaluate parts of a tree ---- */
struct ctx {
	const struct expr_env *env; /* callbacks (never NULL; may be all NULL) */
	char *err;                  /* the caller's message buffer (may be NULL) */
	size_t errlen;              /* its size */
	struct expr_fault fault;    /* why it failed, when the cause is known */
	int no_effects;             /* inside sizeof (or the env's no_side_effects) */
};
/* The message into c->err; returns -1. */
int __attribute__((format(printf, 2, 3))) cdbg__expr_efail(struct ctx *c, const char *fmt, ...);
/* Node i of e into v: 0, or -1 with the message. */
int cdbg__expr_ev(const struct expr *e, uint32_t i, struct ctx *c, struct expr_value *v);
/* Identifier or $name node n (load: an lvalue's value read from memory). */
int cdbg__expr_ev_name(const struct expr *e, const struct node *n, struct ctx *c,
		       struct expr_value *v, bool load);
/* (TYPE) x of an OP_NCAST node: n->a the operand, n->b the type's name in the pool, n->c the
 * stars after it. */
int cdbg__expr_ev_ncast(const struct expr *e, const struct node *n, struct ctx *c,
			struct expr_value *v);
/* env->dtype about v, its answer checked: 0 with *out, or -1 with the env's sentence. */
int cdbg__expr_dq(struct ctx *c, enum expr_dop op, const struct expr_value *v, const char *name,
		  struct expr_value *out);
/* fn(args) (expr_evcall.c). */
int cdbg__expr_ev_call(const struct expr *e, const struct node *n, struct ctx *c,
		       struct expr_value *v);

/* s is one or more decimal digits. */
bool cdbg__expr_all_digits(const char *s);
/* Go's s OP "text" (or s OP t, text NULL and r the string t) for a comparison op, by the
 * strings' bytes (env->dtype's EXPR_DOP_STRCMP): 0 with v, -1 with the message in err, 1
 * when they are no Go strings. */
int cdbg__expr_go_strcmp(const struct expr_env *env, enum op op, const struct expr_value *l,
			 const char *text, size_t len, const struct expr_value *r,
			 struct expr_value *v, char *err, size_t errlen);
/* l OP r for a comparison op (OP_LT ... OP_NE) as C compares (floats as floats, NaN
 * unordered; integers in their common type; pointers as addresses): *v the int 0 or 1. */
int cdbg__expr_compare(enum op op, const struct expr_value *l, const struct expr_value *r,
		       struct expr_value *v);

/* a OP b for an integer op (* / % + - & ^ |) on bits already normalised to their common
 * type (sgn: it is signed), into *x (not normalised). -1 for a division by zero. */
int cdbg__expr_int_arith(enum op op, bool sgn, uint64_t a, uint64_t b, uint64_t *x);

/* ---------------------------------------------------------------- operators (expr_binop.c) */

/* l op r for a binary operator on scalars (integers, pointers, floats, decimals), operands
 * already loaded and decayed: 0 with *v, -1 with gdb's sentence in err (fault, which may be
 * NULL, gets EXPR_FAULT_DIVZERO for an integer division by zero). */
int cdbg__expr_binop(enum op op, const struct expr_value *l, const struct expr_value *r,
		     struct expr_value *v, char *err, size_t errlen, struct expr_fault *fault);
/* - + ! ~ (OP_NEG, OP_POS, OP_NOT, OP_BNOT) of the scalar x: 0 with *v, -1 with err. */
int cdbg__expr_unop(enum op op, const struct expr_value *x, struct expr_value *v, char *err,
		    size_t errlen);

/* ---------------------------------------------------------------- vectors (expr_vector.c) */

/* The GNU vector operators (gdb's vector_binop, value_vector_widen, value_neg, value_cast of
 * vectors): each returns 1 when no operand is a vector (the caller goes on), else 0 with *v
 * (a vector the env holds, or a scalar) or -1 with gdb's sentence in err. Operands are as
 * evaluated, not decayed. */
int cdbg__expr_vec_binary(const struct expr_env *env, enum op op, const struct expr_value *l,
			  const struct expr_value *r, struct expr_value *v, char *err,
			  size_t errlen, struct expr_fault *fault);
int cdbg__expr_vec_unary(const struct expr_env *env, enum op op, const struct expr_value *x,
			 struct expr_value *v, char *err, size_t errlen);
/* (t) x, t a type of the program (with its dtype). */
int cdbg__expr_vec_cast(const struct expr_env *env, const struct expr_value *t,
			const struct expr_value *x, struct expr_value *v, char *err, size_t errlen);

/* ---------------------------------------------------------------- decimals (expr_dfpeval.c) */

/* _Decimal32, _Decimal64, _Decimal128 by size (4, 8, 16). */
struct expr_type cdbg__expr_dec_type(unsigned size);
/* A decimal literal at s[0..n) (1.2df, 1.2dd, 1.2dl) into t: 0, 1 when it is none (another
 * number), -1 with gdb's message in err. */
int cdbg__expr_dec_lex(const char *s, size_t n, struct tok *t, char *err, size_t errlen);
/* l op r where either is a decimal (arithmetic, comparison): 0 with *v, -1 with err. */
int cdbg__expr_dec_binary(enum op op, const struct expr_value *l, const struct expr_value *r,
			  struct expr_value *v, char *err, size_t errlen);
/* - + ! ~ of the decimal x. */
int cdbg__expr_dec_unary(enum op op, const struct expr_value *x, struct expr_value *v, char *err,
			 size_t errlen);
/* x converted to t, one of them a decimal (t keeps its dtype): 0 with *v, -1 with err. */
int cdbg__expr_dec_cast(struct expr_type t, const struct expr_value *x, struct expr_value *v,
			char *err, size_t errlen);

#endif
