/*
 * expr_ctype.c - the C type rules of the expression language: normalising bits to a type,
 * promotions, the usual arithmetic conversions, pointer scaling, and C's names of types.
 *
 * Owns: those rules and expr_type_name. Must not: reach the tracee, allocate or print.
 */
#include <stdio.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

/* bits, as a value of type t: truncated to its size and sign- or zero-extended back. */
uint64_t cdbg__expr_norm(struct expr_type t, uint64_t bits)
{
	unsigned w = t.size * 8u;

	if (t.kind == EXPR_VOID)
		return 0;
	if ((t.kind == EXPR_FLT || t.kind == EXPR_DEC) && t.size == 4)
		return bits & 0xffffffffu;
	if (t.kind != EXPR_INT || w >= 64 || w == 0)
		return bits;
	bits &= (1ull << w) - 1;
	if (t.is_signed && (bits >> (w - 1)) & 1)
		bits |= ~((1ull << w) - 1);
	return bits;
}

/* Is t a type this module can compute with? (Callbacks fill types.) */
bool cdbg__expr_type_ok(const struct expr_type *t)
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
	case EXPR_DEC:
		return t->size == 4 || t->size == 8 || t->size == 16;
	}
	return false;
}

/* What a pointer of type t points to. */
struct expr_type cdbg__expr_pointee(struct expr_type t)
{
	struct expr_type r = t;

	if (t.ptr_depth > 1) {
		if (t.ptr_depth < EXPR_Q_LEVELS)
			r.quals &= ~(0xffull << (8 * t.ptr_depth));
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
	r.quals = t.quals & 0xff;
	return r;
}

/* Bytes one step of pointer arithmetic moves: the pointee's size, 1 for void *. */
uint64_t cdbg__expr_scale(struct expr_type t)
{
	if (t.ptr_depth > 1)
		return 8;
	return t.base_void ? 1 : t.base_size;
}

/* Integer promotion; a pointer where an integer is wanted acts as unsigned long. Qualifiers
 * stay when the type does (gdb: -(const long)1 is a const long, -(const char)1 an int). */
struct expr_type cdbg__expr_promote(struct expr_type t)
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
struct expr_type cdbg__expr_common(struct expr_type a, struct expr_type b)
{
	a = cdbg__expr_promote(a);
	b = cdbg__expr_promote(b);
	a.quals = b.quals = 0;                        /* a new type, as gdb's binop_promote */
	if (a.kind == EXPR_FLT || b.kind == EXPR_FLT) /* the wider floating type, or the one */
		return expr_flt_type(a.kind != EXPR_FLT ? b.size :
				     b.kind != EXPR_FLT ? a.size :
				     a.size > b.size    ? a.size :
							  b.size);
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
	if (spell == EXPR_SPELL_WCHAR)
		return "wchar_t";
	if (spell == EXPR_SPELL_CHAR16)
		return "char16_t";
	if (spell == EXPR_SPELL_CHAR32)
		return "char32_t";
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

/* The qualifiers q (EXPR_Q_*) as gdb writes them, each followed by sep: into buf at *n. */
static void quals_name(unsigned q, const char *sep, char *buf, size_t len, size_t *n)
{
	static const char *const words[] = { "const",   "volatile", "restrict",
					     "_Atomic", "@code",    "@data" };

	for (unsigned i = 0; i < 6 && *n + 1 < len; i++) {
		if (!(q & (1u << i)))
			continue;
		snprintf(buf + *n, len - *n, "%s%s", words[i], sep);
		*n += strlen(buf + *n);
	}
}

const char *expr_qual_name(const char *base, unsigned depth, uint64_t quals, char *buf, size_t len)
{
	size_t n = 0;

	if (!buf || !len)
		return buf;
	buf[0] = '\0';
	quals_name(quals & 0xff, " ", buf, len, &n);
	snprintf(buf + n, len - n, "%s", base);
	n += strlen(buf + n);
	for (unsigned k = 1; k <= depth && n + 3 < len; k++) {
		unsigned q = k < EXPR_Q_LEVELS ? (unsigned)(quals >> (8 * k)) & 0xff : 0;
		unsigned prev = k - 1 < EXPR_Q_LEVELS ? (unsigned)(quals >> (8 * (k - 1))) & 0xff :
							0;

		/* gdb: "int **", "const int * const *": a space before a '*' unless after one */
		if (k == 1 || prev)
			buf[n++] = ' ';
		buf[n++] = '*';
		buf[n] = '\0';
		if (q) {
			buf[n++] = ' ';
			buf[n] = '\0';
			quals_name(q, " ", buf, len, &n);
			if (buf[n - 1] == ' ')
				buf[--n] = '\0'; /* no space after the last */
		}
	}
	return buf;
}

/* t named with its qualifiers: "const int", "const char * const *", "int ** volatile". */
static const char *qual_type_name(const struct expr_type *t, char *buf, size_t len)
{
	struct expr_type base = *t;
	char name[64];

	while (base.kind == EXPR_PTR)
		base = cdbg__expr_pointee(base);
	base.quals = 0;
	expr_type_name(&base, name, sizeof(name));
	return expr_qual_name(name, t->kind == EXPR_PTR ? t->ptr_depth : 0, t->quals, buf, len);
}

const char *expr_type_name(const struct expr_type *t, char *buf, size_t len)
{
	size_t n;

	if (!buf || !len)
		return buf;
	if (t->quals && t->kind != EXPR_AGG)
		return qual_type_name(t, buf, len);
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
	if (t->kind == EXPR_DEC) {
		snprintf(buf, len, "_Decimal%u", t->size * 8);
		return buf;
	}
	if (t->kind == EXPR_FLT) {
		snprintf(buf, len, "%s", t->size == 4 ? "float" : "double");
		return buf;
	}
	if (t->base_void && t->ptr_depth == 1 && t->spell == EXPR_SPELL_FUNC) {
		snprintf(buf, len, "void (*)()");
		return buf;
	}
	snprintf(buf, len, "%s ",
		 t->base_void  ? "void" :
		 t->base_float ? (t->base_size == 4 ? "float" : "double") :
				 int_name(t->base_size, t->base_signed, t->spell));
	n = strlen(buf);
	for (unsigned i = 0; i < t->ptr_depth && n + 1 < len; i++)
		buf[n++] = '*';
	buf[n] = '\0';
	return buf;
}

/* v = an int result: 0 or 1 (a comparison's). */
static int int_result(struct expr_value *v, int bits)
{
	memset(v, 0, sizeof(*v));
	v->type = T_INT;
	v->bits = (uint64_t)bits;
	return 0;
}

bool cdbg__expr_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int cdbg__expr_go_strcmp(const struct expr_env *env, enum op op, const struct expr_value *l,
			 const char *text, size_t len, const struct expr_value *r,
			 struct expr_value *v, char *err, size_t errlen)
{
	struct expr_value x, zero;

	if (!env->dtype || l->type.kind != EXPR_AGG || !l->lvalue ||
	    (!text && (r->type.kind != EXPR_AGG || !r->lvalue)))
		return 1;
	memset(&x, 0, sizeof(x));
	if (text)
		x.bits = len;
	else
		x = *r;
	if (err && errlen)
		err[0] = '\0';
	if (env->dtype(env->data, EXPR_DOP_STRCMP, l, text, &x, err, errlen) != 0)
		return err && errlen && err[0] ? -1 : 1;
	memset(&zero, 0, sizeof(zero));
	zero.type = expr_int_type(4, true);
	x.type = zero.type;
	return cdbg__expr_compare(op, &x, &zero, v);
}

int cdbg__expr_compare(enum op op, const struct expr_value *l, const struct expr_value *r,
		       struct expr_value *v)
{
	uint64_t a = l->bits, b = r->bits;
	struct expr_type t;
	int cmp;

	if (l->type.kind == EXPR_FLT || r->type.kind == EXPR_FLT) {
		double x = expr_flt_get(l), y = expr_flt_get(r);

		t = cdbg__expr_common(l->type, r->type); /* float == int compares as float, as C */
		x = expr_flt_get(&(struct expr_value){ .type = t, .bits = expr_flt_put(x, t) });
		y = expr_flt_get(&(struct expr_value){ .type = t, .bits = expr_flt_put(y, t) });
		if (x != x || y != y) /* NaN: unordered, only != holds */
			return int_result(v, op == OP_NE);
		cmp = x < y ? -1 : x > y;
		goto done;
	}
	if (l->type.kind != EXPR_PTR && r->type.kind != EXPR_PTR) {
		t = cdbg__expr_common(l->type, r->type);
		a = cdbg__expr_norm(t, a);
		b = cdbg__expr_norm(t, b);
		if (t.is_signed) {
			cmp = (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
			goto done;
		}
	}
	cmp = a < b ? -1 : a > b;
done:
	switch (op) {
	case OP_LT:
		return int_result(v, cmp < 0);
	case OP_LE:
		return int_result(v, cmp <= 0);
	case OP_GT:
		return int_result(v, cmp > 0);
	case OP_GE:
		return int_result(v, cmp >= 0);
	case OP_EQ:
		return int_result(v, cmp == 0);
	default:
		return int_result(v, cmp != 0);
	}
}

static uint64_t divide(bool sgn, uint64_t a, uint64_t b, bool mod)
{
	if (!sgn)
		return mod ? a % b : a / b;
	if ((int64_t)b == -1)
		return mod ? 0 : 0 - a;
	return (uint64_t)(mod ? (int64_t)a % (int64_t)b : (int64_t)a / (int64_t)b);
}

int cdbg__expr_int_arith(enum op op, bool sgn, uint64_t a, uint64_t b, uint64_t *x)
{
	switch (op) {
	case OP_MUL:
		*x = a * b;
		return 0;
	case OP_DIV:
	case OP_MOD:
		if (b == 0)
			return -1;
		*x = divide(sgn, a, b, op == OP_MOD);
		return 0;
	case OP_ADD:
		*x = a + b;
		return 0;
	case OP_SUB:
		*x = a - b;
		return 0;
	case OP_BAND:
		*x = a & b;
		return 0;
	case OP_BXOR:
		*x = a ^ b;
		return 0;
	default:
		*x = a | b;
		return 0;
	}
}
