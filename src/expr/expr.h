/*
 * expr.h - the expression language shared by breakpoint conditions (evaluated inside the
 * library at every stop), the CLI's print, x, set var and condition commands, and the
 * protocol servers: C-like integer and pointer expressions over registers, convenience
 * variables, symbols and tracee memory.
 *
 * Owns: lexing, parsing and the C type rules; a compiled form that is evaluated many times
 * with no allocation and no parsing. Must not: reach the tracee, registers or symbol tables
 * itself (the caller's struct expr_env does), print, format values, or keep global state.
 *
 * Language: decimal, 0x, 0 (octal) and 0b literals with u/l/ul/ll/ull suffixes, hex floats
 * (0x1.8p1); 'c' literals
 * with C escapes; "strings" (only where env->string accepts them); $name (registers,
 * convenience variables, history: all through env->dollar); identifiers (env->ident);
 * f(args) (calls, through env->call), array literals {1, 2, 3} and {{1, 2}, {3, 4}} and casts
 * to array types (short [])x, {char [4]} x (through env->array), unary - + ! ~ * & and casts,
 * (type) x, (void) x (evaluated, then void), {type} addr, sizeof(type), sizeof(expr),
 * alignof(type) and _Alignof(type) (gdb's: also of an expression), a[i], s.m,
 * p->m (members through env->dtype), casts to and sizeof of the program's types ((struct rec *)
 * p, (rec_t *) p, sizeof(struct rec), through env->dtype); binary * / % + -
 * << >> < <= > >= == != & ^ | && || and ?: with C precedence. && || ?: short-circuit.
 * Floating point: 1.5, .5, 2e3, 1.5e-3 (double), 1.5f (float), 1.5l (long double, held as
 * a double); float op int is float, double
 * wins over float, as C; / by zero gives inf; % << >> & ^ | ~ refuse floats as gdb does;
 * (int)d truncates, (double)i converts.
 * Types: void, _Bool/bool, char, float, double, signed/unsigned char, short, int, long, long
 * long with signed/unsigned, int8_t..uint64_t, size_t, ssize_t, intptr_t, uintptr_t, ptrdiff_t, and
 * pointers to any of them with any number of '*', each level qualified (const, volatile,
 * restrict, _Atomic, gdb's @code and @data: kept by casts for whatis).
 *
 * Pointers: + and - scale by the pointee size (void * by 1, as GNU C); ptr - ptr divides and
 * gives a long; comparisons compare addresses. Where C wants an integer (* / % << >> & ^ |,
 * unary - ~), a pointer acts as unsigned long, so ($rsp & 0xf) == 0 works.
 */
#ifndef CDBG_EXPR_H
#define CDBG_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a value is. */
enum expr_tkind {
	EXPR_INT,  /* an integer of size 1, 2, 4 or 8 */
	EXPR_PTR,  /* a pointer (8 bytes) to an integer, to void, or to another pointer */
	EXPR_VOID, /* no value at all (an unset convenience variable); any operator on it fails */
	EXPR_AGG,  /* a struct, union, array or other value (long double): only the env knows
		    * its layout, through dtype; in memory at addr (lvalue), or its bits when
		    * size <= 8 */
	EXPR_FLT,  /* float (size 4) or double (size 8): bits hold its IEEE bits (a float's in
		    * the low 32); with or without a dtype */
	EXPR_DEC,  /* _Decimal32, _Decimal64, _Decimal128 (size 4, 8, 16): bits (and bits_hi
		    * for size 16) hold its BID bits (expr_dfp.h); with or without a dtype */
};

/* Type questions the evaluator asks env->dtype about values whose type has a dtype. */
enum expr_dop {
	EXPR_DOP_MEMBER,   /* v (an EXPR_AGG struct or union) . name: fill out with the member, as
			  * an lvalue (its type and addr; the evaluator reads it) or with its bits
			  * (a bit-field) */
	EXPR_DOP_DEREF,    /* *v (v a pointer): fill out->type with the pointee's type */
	EXPR_DOP_ADDR,     /* &v (v an lvalue): fill out->type with the type of its address */
	EXPR_DOP_DECAY,    /* v (an array) used as a value: fill out->type with the type of a
			  * pointer to its first element; -1 when v is no array. A Go slice or
			  * string decays to its data pointer, which out (an lvalue) holds */
	EXPR_DOP_TYPE,     /* the type the program calls name ("struct rec", "rec_t"; v NULL):
			  * fill out->type, for casts and sizeof */
	EXPR_DOP_ARRAY,    /* gdb's x@N: v has the element's type and bits N (> 0); fill
			  * out->type with the array of N of them (EXPR_AGG) */
	EXPR_DOP_ALIGN,    /* alignof: fill out->bits with the alignment of v's type in bytes */
	EXPR_DOP_SHAPE,    /* what v's type is, for casts: fill out->bits with an enum expr_shape */
	EXPR_DOP_LEN,      /* Go's len(v) or cap(v) (name "len" or "cap"): fill out with the
			  * int; -1 when v is none of Go's (a function of that name is called) */
	EXPR_DOP_MAPINDEX, /* Go's v[k] of a map v: *out holds k on entry; fill it with the
			    * element (an lvalue); -1 when v is no map (C's *(v + k) then) */
	EXPR_DOP_SLICE,    /* Go's v[lo:hi] of a slice or string: out->bits holds lo, out->bits_hi
			    * hi (UINT64_MAX: v's len) on entry; fill out with the new slice or
			    * string (held by the env, of v's type); -1 with a message (bounds) or
			    * without one when v is neither */
	EXPR_DOP_STRCMP,   /* Go's v == "text": name holds the text, out->bits its length on
			    * entry (name NULL: *out holds another Go string); fill out->bits with -1, 0 or 1 as v's bytes sort before,
			    * equal or after it; -1 with no message when v is no Go string */
	EXPR_DOP_VECTOR,   /* is v a GNU vector (vector_size)? fill out->type with its element's
			    * type, out->bits with the count, out->bits_hi with the handle of the
			    * vector type, typedefs peeled; -1 when v is none */
};

/* What the program's type behind a C view is (EXPR_DOP_SHAPE), where the view does not say. */
enum expr_shape {
	EXPR_SHAPE_SCALAR = 0, /* what the view says: an integer, enum, pointer, float, double */
	EXPR_SHAPE_ARRAY,      /* an array (a value of it decays to a pointer) */
	EXPR_SHAPE_FUNC,       /* a function (a value of it decays to a pointer) */
	EXPR_SHAPE_STRUCT,     /* a struct, union or class */
	EXPR_SHAPE_LDOUBLE,    /* x86's 80-bit long double (16 bytes, 10 of them used) */
	EXPR_SHAPE_VOID,       /* void, through a typedef */
};

/* How C names an integer type, where its size and sign do not say it. */
enum expr_spell {
	EXPR_SPELL_PLAIN = 0, /* by size: char, short, int, long (unsigned ...) */
	EXPR_SPELL_SCHAR,     /* signed char (and int8_t) */
	EXPR_SPELL_BOOL,      /* _Bool: a cast to it gives 0 or 1 */
	EXPR_SPELL_LLONG,     /* long long, unsigned long long */
	EXPR_SPELL_FUNC,      /* EXPR_PTR, base_void, ptr_depth 1: gdb's void (*)(), the type
			       * of a code address ($pc); + and - move it by bytes */
	EXPR_SPELL_WCHAR,     /* wchar_t (int): L'a' */
	EXPR_SPELL_CHAR16,    /* char16_t (unsigned short): u'a' */
	EXPR_SPELL_CHAR32,    /* char32_t (unsigned int): U'a' */
};

/* A type: a small value, compared and copied freely. */
struct expr_type {
	enum expr_tkind kind; /* see enum expr_tkind */
	uint32_t size;        /* bytes: 1, 2, 4 or 8 (EXPR_INT), 8 (EXPR_PTR), 0 (EXPR_VOID), any
			       * (EXPR_AGG) */
	bool is_signed;       /* EXPR_INT: signed */
	uint8_t spell;        /* enum expr_spell of the integer (EXPR_PTR: of the base type) */
	uint8_t ptr_depth;    /* EXPR_PTR: how many '*' (1 for int *, 2 for char **), at most 255 */
	uint32_t base_size;   /* EXPR_PTR: size of the integer (with dtype: of the object) under
			       * every '*'; 0 with base_void */
	bool base_signed;     /* EXPR_PTR: that integer is signed */
	bool base_void;       /* EXPR_PTR: under every '*' is void (void *, void **) */
	bool base_float;      /* EXPR_PTR: under every '*' is float or double (by base_size) */
	uint32_t dtype;       /* the env's handle of the program's (DWARF) type behind this C view,
			       * 0 when none; arithmetic results drop it, casts replace it */
	uint64_t quals;       /* qualifiers a cast gave (EXPR_Q_*), 8 bits a level: bits 0-7 the
			       * base type's, 8k.. those after the k-th '*' (levels past 7 are
			       * dropped); arithmetic drops them, * keeps the pointee's */
};

/* Qualifiers in expr_type.quals, as gdb names them: const, volatile, restrict, _Atomic and
 * gdb's address spaces @code and @data. */
enum {
	EXPR_Q_CONST = 1,
	EXPR_Q_VOLATILE = 2,
	EXPR_Q_RESTRICT = 4,
	EXPR_Q_ATOMIC = 8,
	EXPR_Q_CODE = 16,
	EXPR_Q_DATA = 32,
};
#define EXPR_Q_LEVELS 8 /* levels of '*' quals can describe (the base type is level 0) */

/* A typed value. */
struct expr_value {
	struct expr_type type; /* its type */
	uint64_t bits;         /* the value, zero- or sign-extended from type.size to 64 bits */
	bool lvalue;           /* it lives in tracee memory at addr (a dereference, a variable) */
	uint64_t addr;         /* where, when lvalue */
	bool optimized_out;    /* the env has no value for it here: it can be shown, not used */
	uint16_t dwreg;        /* 1 + the DWARF register the env says the value is kept in (a
				* variable in a register), 0 if none; operators drop it */
	bool nodebug;          /* a name with no debug info (cdbg_value.nodebug): only a cast or
				* & may use it */
	uint64_t bits_hi;      /* EXPR_DEC of size 16: the high 64 of its 128 bits */
	uint8_t bf_size;       /* a bit-field in memory (cdbg_value.bitsize): its width, its first
				* bit bit bf_pos of the byte at addr (lvalue false); operators
				* drop it */
	uint8_t bf_pos;
};

/*
 * What an expression can see. Every callback may be NULL; data is passed to each. A callback
 * fills *out (zeroed before the call) and returns 0, or returns -1 when it knows no such name.
 * dollar and ident may either give the value in out->bits (lvalue false: a register, a
 * constant, a function's address), or set out->lvalue and out->addr and leave the value to
 * the evaluator, which reads out->type.size bytes there through read_mem (so &var reads
 * nothing, and a failed read reports "cannot access memory at address 0x...").
 */
/* What env->dollar returns for a register name when there are no registers (no process). */
#define EXPR_NO_REGISTERS (-2)

struct expr_env {
	void *data;
	/* $name, given without its '$': "rax", "_exitcode", "foo", "1"; "" for $, "$" for $$,
	 * "$3" for $$3. Registers first, then convenience variables and history: the callback
	 * decides. Unknown: "no register named 'x'" (history: "History has not yet reached $1.");
	 * EXPR_NO_REGISTERS: a register, but there is no process to read it from. */
	int (*dollar)(void *data, const char *name, struct expr_value *out);
	/* A symbol name such as main or counter. Unknown: "no symbol 'x' in current context" */
	int (*ident)(void *data, const char *name, struct expr_value *out);
	/* Read len (1, 2, 4 or 8) bytes of tracee memory at addr: 0, or -1 on failure */
	int (*read_mem)(void *data, uint64_t addr, void *buf, size_t len);
	/* A string literal's bytes (len of them, NUL-terminated too) as a value, for instance
	 * copied into the tracee. NULL or -1: "strings are not supported here" */
	int (*string)(void *data, const char *s, size_t len, struct expr_value *out);
	/* A wide string literal (L"ab": kind 1, wchar_t; u"ab": 2, char16_t; U"ab": 3, char32_t;
	 * see expr_charset.h), its bytes s[0..len) in that charset (a NUL unit after them too).
	 * NULL or -1: "strings are not supported here" */
	int (*wstring)(void *data, const char *s, size_t len, int kind, struct expr_value *out);
	/* A question about a value whose type.dtype is set (see enum expr_dop): 0 with *out
	 * filled, or -1 with a sentence in err (errlen bytes). NULL: only C views are used */
	int (*dtype)(void *data, enum expr_dop op, const struct expr_value *v, const char *name,
		     struct expr_value *out, char *err, size_t errlen);
	/* fn(args[0..nargs)): call the function fn names (a function, or a pointer to one) in
	 * the program, arguments as evaluated (arrays and structs not decayed or loaded): 0
	 * with *out (EXPR_VOID for a void function), or -1 with a sentence in err. NULL: "This
	 * target does not support function calls." */
	int (*call)(void *data, const struct expr_value *fn, const struct expr_value *args,
		    int nargs, struct expr_value *out, char *err, size_t errlen);
	/* $name(args): a function the env provides (gdb's $_strlen, $_gdb_setting), arguments
	 * as evaluated: 0 with *out, -1 with a sentence in err, or 1 when name is no such
	 * function ($name is then evaluated and called as any value). NULL: none */
	int (*dollar_call)(void *data, const char *name, const struct expr_value *args, int nargs,
			   struct expr_value *out, char *err, size_t errlen);
	/* An array the debugger holds (gdb's not_lval array): count elements of elem's type
	 * (elem's bits and address do not matter), whose bytes are bytes[0..len): a literal
	 * {1, 2, 3} or a cast to an array type, (short [])x. 0 with *out (an EXPR_AGG), or -1
	 * with a sentence in err. NULL: "array values are not supported here". count 0: not an
	 * array but one value of elem's type whose bytes are bytes[0..len) (a long double a cast
	 * made) */
	int (*array)(void *data, const struct expr_value *elem, uint64_t count, const void *bytes,
		     size_t len, struct expr_value *out, char *err, size_t errlen);
	/* Only the type of the result is wanted (ptype, whatis: gdb's EVAL_AVOID_SIDE_EFFECTS):
	 * ++ and -- give their operand's value and change nothing, as inside sizeof. */
	bool no_side_effects;
};

#define EXPR_MAX_ARRAY_BYTES 1024 /* largest array literal or array cast */

#define EXPR_MAX_CALL_ARGS 32 /* most arguments a call in an expression may have */

struct expr; /* a compiled expression: immutable, shareable between threads */

#define EXPR_MUST_CHECK __attribute__((warn_unused_result))

#define EXPR_MAX_LEN 65536 /* longest source accepted by expr_compile */
#define EXPR_MAX_NEST 256  /* deepest nesting of parentheses, unary operators and ?: */

/* Compile src. Returns 0 and *out (free with expr_free), or -1 with *out NULL and one
 * sentence in err, gdb's where gdb has one: "A syntax error in expression, near `x + 1'.",
 * "Invalid number \"0x\".", "No struct type named foo.",
 * "Unmatched single quote.", "expression is too long (more than 65536
 * characters)". Any input of any length is safe. err may be NULL. */
EXPR_MUST_CHECK int expr_compile(const char *src, struct expr **out, char *err, size_t errlen);

/* What a name in the source is, as the parser needs to know to read it the way gdb does: in
 * "(x) y" a cast only when x names a type, and a type's name where a value must be is a
 * syntax error (gdb decides this while it parses, from the symbols in scope). */
enum expr_name_kind {
	EXPR_NAME_UNKNOWN = 0, /* neither: the parser guesses from the tokens around it */
	EXPR_NAME_VALUE,       /* a variable, function or constant */
	EXPR_NAME_TYPE,        /* a typedef's name */
};
struct expr_names {
	void *data;
	/* What the identifier name[0..len) is (not NUL-terminated). */
	enum expr_name_kind (*classify)(void *data, const char *name, size_t len);
	/* The source is C++ (the frame's unit is): where a syntax error follows a type's or a
	 * qualified name, gdb's C++ parser reports it after that name. */
	bool cplus;
	unsigned radix; /* of numbers without a prefix (gdb's input-radix); 0: 10 */
};

/* expr_compile, asking names (may be NULL: as expr_compile) what each identifier that could
 * start a type is: "(v) y" with v a value is then gdb's syntax error near "y", and a type's
 * name used as a value is a syntax error at the token after the type, or, when the whole
 * source is a type, "Attempt to use a type name as an expression". */
EXPR_MUST_CHECK int expr_compile_names(const char *src, const struct expr_names *names,
				       struct expr **out, char *err, size_t errlen);

/* Evaluate e against env (NULL: nothing known). Returns 0 with *val, or -1 with one sentence
 * in err ("division by zero", "cannot access memory at address 0x1234"). Allocates nothing
 * and may run on any thread, several at once on the same e. */
EXPR_MUST_CHECK int expr_eval(const struct expr *e, const struct expr_env *env,
			      struct expr_value *val, char *err, size_t errlen);

/* Why an evaluation failed, for callers that report a code rather than a sentence. */
enum expr_fault_kind {
	EXPR_FAULT_OTHER = 0, /* anything else: types, operators, unknown $names, the env's own
			       * failures (env->dtype) */
	EXPR_FAULT_NAME,      /* an identifier env->ident does not know: name */
	EXPR_FAULT_MEM,       /* env->read_mem could not read memory at addr */
	EXPR_FAULT_DIVZERO,   /* integer division or remainder by zero */
};
struct expr_fault {
	enum expr_fault_kind kind;
	uint64_t addr;    /* EXPR_FAULT_MEM: the address that could not be read */
	const char *name; /* EXPR_FAULT_NAME: the name, in e (valid until expr_free(e)) */
};

/* expr_eval, also saying why it failed in *fault (may be NULL): kind EXPR_FAULT_OTHER and the
 * rest zero on success. */
EXPR_MUST_CHECK int expr_eval_fault(const struct expr *e, const struct expr_env *env,
				    struct expr_value *val, char *err, size_t errlen,
				    struct expr_fault *fault);

/* The names of the program's types e uses (casts and sizeof: "struct rec", "rec_t"), each
 * passed to fn until it returns non-zero, which is returned; 0 when all were seen. For
 * checking them once when an expression is kept (a breakpoint condition). */
int expr_each_type_name(const struct expr *e, int (*fn)(void *data, const char *name), void *data);

/* Free a compiled expression; NULL is fine. */
void expr_free(struct expr *e);

/* t named as C would: "int", "unsigned long", "char *", "int **", "void *". Returns buf. */
const char *expr_type_name(const struct expr_type *t, char *buf, size_t len);

/* The type base (named without qualifiers: "int", "struct rec") under depth '*'s, with quals
 * (expr_type.quals) as gdb writes them: "const struct rec * const". Returns buf. */
const char *expr_qual_name(const char *base, unsigned depth, uint64_t quals, char *buf, size_t len);

/* Compile, evaluate and free: 0, or -1 with a message in err (see expr_compile, expr_eval). */
EXPR_MUST_CHECK int expr_eval_string(const char *src, const struct expr_env *env,
				     struct expr_value *val, char *err, size_t errlen);

/* x converted to t, one of them a decimal (EXPR_DEC), as a cast converts: 0 with *v, -1 with
 * gdb's sentence in err. */
int expr_dec_convert(struct expr_type t, const struct expr_value *x, struct expr_value *v,
		     char *err, size_t errlen);

/* Is the decimal v (EXPR_DEC) zero? */
bool expr_dec_is_zero(const struct expr_value *v);

/* Is v true (non-zero)? */
static inline bool expr_truthy(const struct expr_value *v)
{
	if (v->type.kind == EXPR_DEC)
		return !expr_dec_is_zero(v);
	if (v->type.kind == EXPR_FLT) /* -0.0 is false */
		return (v->bits << (v->type.size == 4 ? 33 : 1)) != 0;
	return v->bits != 0;
}

/* The integer type of size bytes (1, 2, 4, 8), for callbacks: 8 and false is unsigned long. */
static inline struct expr_type expr_int_type(unsigned size, bool is_signed)
{
	struct expr_type t = { .kind = EXPR_INT, .size = (uint8_t)size, .is_signed = is_signed };

	return t;
}

/* A pointer to t (t may be an integer, a pointer or void), for callbacks. */
static inline struct expr_type expr_ptr_type(struct expr_type t)
{
	struct expr_type p = t;

	p.kind = EXPR_PTR;
	p.size = 8;
	p.is_signed = false;
	if (t.kind == EXPR_PTR) {
		p.ptr_depth = (uint8_t)(t.ptr_depth + 1);
		return p;
	}
	p.ptr_depth = 1;
	p.base_size = t.size;
	p.base_signed = t.is_signed;
	p.base_void = t.kind == EXPR_VOID;
	p.base_float = t.kind == EXPR_FLT;
	return p;
}

#endif
