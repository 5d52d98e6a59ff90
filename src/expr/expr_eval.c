/*
 * expr_eval.c - the evaluator of the expression language: a walk of the compiled tree with C's
 * semantics, reading names, memory and the program's types through struct expr_env.
 *
 * Owns: expr_eval, expr_eval_string and every message about a value. Must not: allocate,
 * parse or print while evaluating (a condition runs at every stop); reach the tracee other
 * than through the struct expr_env callbacks; keep global state (several threads may evaluate
 * at once).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "expr/expr_impl.h"

/* The names other files of the evaluator call them by (expr_impl.h). */
#define efail cdbg__expr_efail
#define ev cdbg__expr_ev
#define dq cdbg__expr_dq
#define ev_name cdbg__expr_ev_name
#define ev_ncast cdbg__expr_ev_ncast

int efail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cdbg__expr_verr(c->err, c->errlen, fmt, ap);
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
	v->nodebug = false;
	v->bits_hi = 0;
	v->bf_size = 0;
	return 0;
}

/* x converted to t (integer, pointer or floating), as C converts. */
static uint64_t convert(struct expr_type t, const struct expr_value *x)
{
	if (x->type.kind == EXPR_FLT || t.kind == EXPR_FLT)
		return expr_flt_put(expr_flt_get(x), t);
	if (t.kind == EXPR_INT && t.spell == EXPR_SPELL_BOOL)
		return x->bits != 0;
	return cdbg__expr_norm(t, x->bits);
}

/* *v = the t at addr, read through env->read_mem with t's exact size. */
static int load(struct ctx *c, struct expr_type t, uint64_t addr, struct expr_value *v)
{
	uint8_t buf[16];
	uint64_t x = 0, hi = 0;

	if (t.kind == EXPR_AGG ||
	    (t.size > 8 &&
	     (t.kind != EXPR_DEC || t.size != 16))) { /* the env reads it when it shows it */
		memset(v, 0, sizeof(*v));
		v->type = t;
		v->lvalue = true;
		v->addr = addr;
		return 0;
	}
	if (!c->env->read_mem || c->env->read_mem(c->env->data, addr, buf, t.size) != 0) {
		c->fault.kind = EXPR_FAULT_MEM;
		c->fault.addr = addr;
		return efail(c, "cannot access memory at address 0x%" PRIx64, addr);
	}
	for (unsigned i = t.size; i-- > 0; x = x << 8 | buf[i]) /* the tracee is little-endian */
		hi = hi << 8 | x >> 56;
	v->type = t;
	v->bits = cdbg__expr_norm(t, x);
	v->bits_hi = hi;
	v->lvalue = true;
	v->addr = addr;
	v->optimized_out = false;
	v->dwreg = 0;
	v->nodebug = false;
	v->bf_size = 0;
	return 0;
}

static int unknown_name(struct ctx *c, const char *name, bool dollar)
{
	const char *q = name[0] == '\'' ? strstr(name, "'::") : NULL;

	if (q) { /* 'file.c'::var, 'file.c'::func::var: gdb's words */
		const char *var = strrchr(name, ':') + 1;
		return efail(c, "No symbol \"%s\" in specified context.", var);
	}
	if (!dollar) {
		c->fault.kind = EXPR_FAULT_NAME;
		c->fault.name = name;
		return efail(c, "no symbol '%s' in current context", name);
	}
	if (!name[0])
		return efail(c, "The history is empty.");
	if (!strcmp(name, "$"))
		return efail(c, "History does not go back to $$1.");
	if (name[0] == '$' && cdbg__expr_all_digits(name + 1))
		return efail(c, "History does not go back to $%s.", name);
	if (cdbg__expr_all_digits(name))
		return efail(c, "History has not yet reached $%s.", name);
	return efail(c, "no register named '%s'", name);
}

/* $name or identifier n through its callback; load: read an lvalue's value from memory. */
int ev_name(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v,
	    bool load_value)
{
	const char *name = e->pool + n->a;
	bool dollar = n->op == OP_DOLLAR;
	int (*cb)(void *, const char *, struct expr_value *) = dollar ? c->env->dollar :
									c->env->ident;
	int r = -1;

	memset(v, 0, sizeof(*v));
	if (!cb || (r = cb(c->env->data, name, v)) != 0) {
		if (dollar && r == EXPR_NO_REGISTERS)
			return efail(c, "No registers.");
		return unknown_name(c, name, dollar);
	}
	if (!cdbg__expr_type_ok(&v->type))
		return efail(c, "'%s%s' has a type the evaluator does not support",
			     dollar ? "$" : "", name);
	if (v->nodebug && v->lvalue && load_value) /* only a cast or & may use it (gdb's words) */
		return efail(c, "'%s' has unknown type; cast it to its declared type", name);
	if (v->lvalue && load_value && v->type.kind != EXPR_VOID && !v->optimized_out)
		return load(c, v->type, v->addr, v);
	v->bits = cdbg__expr_norm(v->type, v->bits);
	return 0;
}

static int ev_string(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	const struct expr_env *env = c->env;

	memset(v, 0, sizeof(*v));
	if (n->val && n->val != 4 /* u8"": chars */) {
		if (!env->wstring || env->wstring(env->data, e->pool + n->a, n->b, (int)n->val, v))
			return efail(c, "strings are not supported here");
	} else if (!env->string || env->string(env->data, e->pool + n->a, n->b, v) != 0) {
		return efail(c, "strings are not supported here");
	}
	if (!cdbg__expr_type_ok(&v->type))
		return efail(c, "a string has a type the evaluator does not support");
	v->bits = cdbg__expr_norm(v->type, v->bits);
	return 0;
}

/* Ask env->dtype about v: 0 with *out, or -1 with the env's sentence. */
int dq(struct ctx *c, enum expr_dop op, const struct expr_value *v, const char *name,
       struct expr_value *out)
{
	memset(out, 0, sizeof(*out));
	if (!c->env->dtype)
		return efail(c, "the type of this value is not known here");
	if (c->env->dtype(c->env->data, op, v, name, out, c->err, c->errlen) != 0)
		return -1;
	if (!cdbg__expr_type_ok(&out->type))
		return efail(c, "a value has a type the evaluator does not support");
	return 0;
}

/* ev, refusing a void value: an operand must have one. An array becomes a pointer to its
 * first element; other aggregates cannot be operands. */
static int ev_rv_check(const struct expr *e, struct ctx *c, struct expr_value *v);
static enum expr_shape shape(struct ctx *c, const struct expr_value *v);
static int ldouble_load(struct ctx *c, const struct expr_value *x, struct expr_value *v);

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
	memset(&d, 0, sizeof(d));
	if (!v->lvalue || !c->env->dtype ||
	    c->env->dtype(c->env->data, EXPR_DOP_DECAY, v, NULL, &d, NULL, 0) != 0 ||
	    !cdbg__expr_type_ok(&d.type)) {
		if (v->lvalue && shape(c, v) == EXPR_SHAPE_LDOUBLE) /* computed as a double */
			return ldouble_load(c, v, v);
		return efail(c, "Argument to arithmetic operation not a number or boolean.");
	}
	if (d.lvalue) /* a Go slice's or string's data pointer, read from its field */
		return load(c, d.type, d.addr, v);
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
		/* Go's package-qualified names: main.gLong is one variable, not a member of main */
		const struct node *id = &e->nodes[n->a];
		char qn[512];
		if (id->op == OP_IDENT && c->env->ident &&
		    snprintf(qn, sizeof(qn), "%s.%s", e->pool + id->a, e->pool + n->b) <
			    (int)sizeof(qn)) {
			memset(&m, 0, sizeof(m));
			if (c->env->ident(c->env->data, qn, &m) == 0 &&
			    cdbg__expr_type_ok(&m.type) && !m.nodebug) {
				if (c->err && c->errlen)
					c->err[0] = '\0';
				memset(&c->fault, 0, sizeof(c->fault));
				if (m.lvalue && m.type.kind != EXPR_VOID && !m.optimized_out)
					return load(c, m.type, m.addr, v);
				*v = m;
				v->bits = cdbg__expr_norm(v->type, v->bits);
				return 0;
			}
		}
		return -1;
	}
	/* gdb's value_struct_elt: `.` goes through pointers, p.x of a struct pointer is p->x (and
	 * Go's p.Name is what Go means) */
	for (int k = 0; k < 8 && n->op != OP_ARROW && base.type.kind == EXPR_PTR && base.type.dtype;
	     k++) {
		m = base;
		if (dq(c, EXPR_DOP_DEREF, &m, NULL, &base))
			return -1;
		base.lvalue = true;
		base.addr = m.bits;
	}
	if (base.type.kind != EXPR_AGG || !base.type.dtype)
		return efail(c,
			     "Attempt to extract a component of a value that is not a structure.");
	if (dq(c, EXPR_DOP_MEMBER, &base, e->pool + n->b, &m))
		return -1;
	m.optimized_out = base.optimized_out;
	if (m.lvalue && m.type.kind != EXPR_VOID && !m.optimized_out)
		return load(c, m.type, m.addr, v);
	*v = m;
	v->bits = cdbg__expr_norm(v->type, v->bits);
	return 0;
}

/* The program's type named at pool + off under stars '*'s, through env->dtype. */
static int named_type(const struct expr *e, struct ctx *c, uint32_t off, uint32_t stars,
		      struct expr_value *t)
{
	struct expr_value d;

	if (!c->env->dtype) {
		const char *name = e->pool + off, *sp = strchr(name, ' ');

		if (sp)
			return efail(c, "No %.*s type named %s.", (int)(sp - name), name, sp + 1);
		return efail(c, "No symbol \"%s\" in current context.", name);
	}
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

static int incdec_refused(struct ctx *c, const char *op)
{
	return efail(
		c,
		"'%s' is supported as a whole command only (print x%s, print %sx, set var), or where nothing is evaluated (sizeof, ptype, whatis)",
		op, op, op);
}

static int ev_sizeof(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	struct expr_value x;
	int r;

	if (n->op == OP_NSIZEOF) {
		if (named_type(e, c, n->b, n->c, &x))
			return -1;
	} else if (e->nodes[n->a].op == OP_IDENT &&
		   ev_name(e, &e->nodes[n->a], c, &x, false) == 0 && x.nodebug) {
		return efail(c, "'%s' has unknown type; cast it to its declared type",
			     e->pool + e->nodes[n->a].a);
	} else if ((c->no_effects++, r = ev(e, n->a, c, &x), c->no_effects--, r)) {
		/* (the operand with nothing done: ++x is x, unchanged) */
		/* sizeof(point_t): a typedef name, when no variable has that name */
		const struct node *a = &e->nodes[n->a];
		if (a->op != OP_IDENT || !c->env->dtype || named_type(e, c, a->a, 0, &x))
			return -1;
	}
	if (!n->val)
		return rvalue(v, T_ULONG, x.type.kind == EXPR_VOID ? 1 : x.type.size);
	if (x.type.dtype && c->env->dtype) { /* the program's type: its DWARF knows */
		struct expr_value a;

		memset(&a, 0, sizeof(a));
		if (c->env->dtype(c->env->data, EXPR_DOP_ALIGN, &x, NULL, &a, c->err, c->errlen))
			return -1;
		return rvalue(v, T_INT, a.bits);
	}
	return rvalue(v, T_INT, x.type.kind == EXPR_VOID ? 1 : x.type.size); /* gdb's: an int */
}

/* What the program's type behind v is (enum expr_shape): the view says it, or env->dtype. */
static enum expr_shape shape(struct ctx *c, const struct expr_value *v)
{
	struct expr_value s;

	if (v->type.kind == EXPR_VOID)
		return EXPR_SHAPE_VOID;
	if (v->type.kind != EXPR_AGG)
		return EXPR_SHAPE_SCALAR;
	if (!v->type.dtype || !c->env->dtype)
		return v->type.kind == EXPR_AGG ? EXPR_SHAPE_STRUCT : EXPR_SHAPE_SCALAR;
	memset(&s, 0, sizeof(s));
	if (c->env->dtype(c->env->data, EXPR_DOP_SHAPE, v, NULL, &s, NULL, 0) != 0)
		return v->type.kind == EXPR_AGG ? EXPR_SHAPE_STRUCT : EXPR_SHAPE_SCALAR;
	return (enum expr_shape)s.bits;
}

/* The long double lvalue x as a double rvalue in *v. */
static int ldouble_load(struct ctx *c, const struct expr_value *x, struct expr_value *v)
{
	uint8_t b[10];
	double d;

	if (!x->lvalue || !c->env->read_mem || c->env->read_mem(c->env->data, x->addr, b, 8) ||
	    c->env->read_mem(c->env->data, x->addr + 8, b + 8, 2)) {
		c->fault.kind = EXPR_FAULT_MEM;
		c->fault.addr = x->addr;
		return efail(c, "cannot access memory at address 0x%" PRIx64, x->addr);
	}
	d = expr_ldouble_get(b);
	return rvalue(v, expr_flt_type(8), expr_flt_put(d, expr_flt_type(8)));
}

/* (NAME) x, a cast to a type of the program, by gdb's rules (value_cast): the same type keeps
 * x; an array or function operand becomes a pointer first; numbers convert to numbers, pointers
 * to integers and integers to pointers; to void gives void; otherwise x's bytes are seen as
 * the type, when they are as many or x is in memory (then the type's size is read there). */
int ev_ncast(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value x, t;
	enum expr_shape ts, xs;
	int k;

	if (named_type(e, c, n->b, n->c, &t) || ev(e, n->a, c, &x))
		return -1;
	t.type.quals = n->type.quals;
	if (x.optimized_out)
		return efail(c, "value has been optimized out");
	if (t.type.dtype && t.type.dtype == x.type.dtype) {
		*v = x;
		v->type = t.type;
		return 0;
	}
	if ((k = cdbg__expr_vec_cast(c->env, &t, &x, v, c->err, c->errlen)) <= 0)
		return k; /* to or from a GNU vector */
	ts = shape(c, &t);
	xs = shape(c, &x);
	if (xs == EXPR_SHAPE_ARRAY && ev_rv_check(e, c, &x))
		return -1;
	if (xs == EXPR_SHAPE_FUNC && x.lvalue) { /* a function: a pointer to it */
		struct expr_value a;

		if (dq(c, EXPR_DOP_ADDR, &x, NULL, &a))
			return -1;
		rvalue(&x, a.type, x.addr);
	}
	if (xs == EXPR_SHAPE_LDOUBLE && ts == EXPR_SHAPE_SCALAR && t.type.kind != EXPR_PTR &&
	    ldouble_load(c, &x, &x))
		return -1;
	bool scalar = x.type.kind == EXPR_INT || x.type.kind == EXPR_FLT || x.type.kind == EXPR_DEC;
	if (scalar && ts == EXPR_SHAPE_SCALAR &&
	    (t.type.kind == EXPR_DEC || x.type.kind == EXPR_DEC))
		return cdbg__expr_dec_cast(t.type, &x, v, c->err, c->errlen);
	if (ts == EXPR_SHAPE_VOID) {
		*v = (struct expr_value){ .type = t.type };
		return 0;
	}
	if (ts == EXPR_SHAPE_LDOUBLE && scalar) { /* held by the debugger, as gdb's */
		uint8_t b[16] = { 0 };

		expr_ldouble_put(expr_flt_get(&x), b);
		memset(v, 0, sizeof(*v)); /* the env fills what it knows */
		if (!c->env->array ||
		    c->env->array(c->env->data, &t, 0, b, sizeof(b), v, c->err, c->errlen))
			return efail(c, "Invalid cast.");
		return 0;
	}
	if (ts == EXPR_SHAPE_SCALAR && t.type.kind != EXPR_PTR && scalar)
		return rvalue(v, t.type, convert(t.type, &x));
	if (ts == EXPR_SHAPE_SCALAR && t.type.kind == EXPR_INT && x.type.kind == EXPR_PTR)
		return rvalue(v, t.type, convert(t.type, &x));
	if (t.type.kind == EXPR_PTR && (x.type.kind == EXPR_INT || x.type.kind == EXPR_PTR))
		return rvalue(v, t.type, convert(t.type, &x));
	if (x.lvalue) /* its bytes in memory, as many as the type has */
		return load(c, t.type, x.addr, v);
	if (t.type.size == x.type.size && x.type.size <= 8 && x.type.kind != EXPR_AGG)
		return rvalue(v, t.type, cdbg__expr_norm(t.type, x.bits));
	return efail(c, "Invalid cast.");
}

static int ev_unary(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value x;
	int k;

	if (ev(e, n->a, c, &x))
		return -1;
	if (x.type.kind == EXPR_VOID && n->op == OP_NOT)
		return rvalue(v, T_INT, 1); /* gdb: !$unset is 1 */
	if (x.type.kind == EXPR_VOID && n->op == OP_NEG)
		return efail(c, "Argument to negate operation not a number.");
	if (x.type.kind == EXPR_AGG && x.lvalue && shape(c, &x) == EXPR_SHAPE_STRUCT)
		return efail(c, "Structure has no component named operator%s.", /* gdb's words */
			     n->op == OP_NEG  ? "-" :
			     n->op == OP_BNOT ? "~" :
			     n->op == OP_NOT  ? "!" :
						"+");
	k = cdbg__expr_vec_unary(c->env, n->op, &x, v, c->err, c->errlen);
	if (k <= 0) /* a GNU vector */
		return k;
	if (ev_rv_check(e, c, &x))
		return -1;
	return cdbg__expr_unop(n->op, &x, v, c->err, c->errlen);
}

static int ev_deref(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value p;
	struct expr_type t;
	const struct node *ix = &e->nodes[n->a], *base = &e->nodes[ix->a];

	if (n->val == 1 && ix->op == OP_ADD && c->env->dtype &&
	    (base->op == OP_IDENT || base->op == OP_MEMBER || base->op == OP_ARROW) &&
	    ev(e, ix->a, c, &p) == 0 && p.type.kind == EXPR_PTR && p.type.dtype) {
		/* m[k] of a Go map: its element for that key */
		if (ev(e, ix->b, c, v))
			return -1;
		if (c->err && c->errlen)
			c->err[0] = '\0';
		if (c->env->dtype(c->env->data, EXPR_DOP_MAPINDEX, &p, NULL, v, c->err,
				  c->errlen) == 0)
			return v->lvalue ? load(c, v->type, v->addr, v) : 0;
		if (c->err && c->err[0]) /* a map without that key */
			return -1;
	}
	if (n->val == 1 && ix->op == OP_ADD) { /* a[i]: a vector is indexed, not added to */
		struct expr_value a, b;

		if (ev_rv(e, ix->a, c, &a) || ev_rv(e, ix->b, c, &b) ||
		    cdbg__expr_binop(OP_ADD, &a, &b, &p, c->err, c->errlen, &c->fault))
			return -1;
	} else if (ev_rv(e, n->a, c, &p)) {
		return -1;
	}
	if (p.type.kind != EXPR_PTR)
		return efail(c, "cannot dereference a non-pointer value");
	if (p.type.dtype) {
		struct expr_value d;

		if (dq(c, EXPR_DOP_DEREF, &p, NULL, &d))
			return -1;
		t = d.type;
		t.quals = cdbg__expr_pointee(p.type).quals; /* *(const struct rec *) p */
	} else {
		t = cdbg__expr_pointee(p.type);
	}
	if (t.kind == EXPR_VOID)
		return efail(c, "cannot dereference a void pointer");
	return load(c, t, p.bits, v);
}

/* &x: the address of *p is p (nothing is read); a name's comes from its callback. */
static int ev_addr(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
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

static int ev_cast(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value x;

	if (n->type.kind == EXPR_VOID) { /* (void) x: x is evaluated, its value dropped */
		if (ev(e, n->a, c, &x))
			return -1;
		*v = (struct expr_value){ .type = n->type };
		return 0;
	}
	if (e->nodes[n->a].op == OP_IDENT) {
		/* a variable with no debug info: its bytes read as the type cast to (gdb) */
		if (ev_name(e, &e->nodes[n->a], c, &x, false))
			return -1;
		if (x.nodebug && x.lvalue) {
			if (load(c, n->type, x.addr, v))
				return -1;
			v->lvalue = false; /* gdb: a value, not the variable */
			return 0;
		}
	}
	if (ev(e, n->a, c, &x))
		return -1;
	struct expr_value t = { .type = n->type };
	int k = cdbg__expr_vec_cast(c->env, &t, &x, v, c->err, c->errlen);
	if (k <= 0) /* from a GNU vector */
		return k;
	if (ev_rv_check(e, c, &x))
		return -1;
	if (n->type.kind == EXPR_PTR && x.type.kind == EXPR_FLT)
		return efail(c, "Invalid cast.");
	if (n->type.kind == EXPR_DEC || x.type.kind == EXPR_DEC)
		return cdbg__expr_dec_cast(n->type, &x, v, c->err, c->errlen);
	return rvalue(v, n->type, convert(n->type, &x));
}

/* && and ||: the right operand only when the left does not decide. */
static int ev_logic(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
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
static int ev_cond(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value x;

	if (ev_rv(e, n->a, c, &x) || ev(e, expr_truthy(&x) ? n->b : n->c, c, v))
		return -1;
	v->lvalue = false;
	v->dwreg = 0;
	v->nodebug = false;
	v->bf_size = 0;
	return 0;
}

/* gdb's x@N: N objects like x from x's address, as one array value (gdb's messages). */
static int ev_at(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value l, r, q, d;
	int64_t count;

	if (ev(e, n->a, c, &l) || ev_rv(e, n->b, c, &r))
		return -1;
	if (r.type.kind != EXPR_INT)
		return efail(c, "Non-integral right operand for \"@\" operator.");
	count = (int64_t)r.bits;
	if (count < INT32_MIN || count > INT32_MAX)
		return efail(c, "Value out of range.");
	if (!l.lvalue || l.optimized_out || l.type.kind == EXPR_VOID)
		return efail(c, "Only values in memory can be extended with '@'.");
	if (count < 1)
		return efail(c, "Invalid number %d of repetitions.", (int)count);
	q = l;
	q.bits = (uint64_t)count;
	if (dq(c, EXPR_DOP_ARRAY, &q, NULL, &d))
		return -1;
	memset(v, 0, sizeof(*v));
	v->type = d.type;
	v->lvalue = true;
	v->addr = l.addr;
	return 0;
}

static int ev_binary(const struct expr *e, const struct node *n, struct ctx *c,
		     struct expr_value *v)
{
	const struct node *s = &e->nodes[n->b];
	struct expr_value l, r;
	int go, k;

	if (ev(e, n->a, c, &l))
		return -1;
	/* Go's s == "text": by the string's bytes, nothing is copied into the program */
	if (n->op >= OP_LT && n->op <= OP_NE && s->op == OP_STR && !s->val &&
	    (go = cdbg__expr_go_strcmp(c->env, n->op, &l, e->pool + s->a, s->b, NULL, v, c->err,
				       c->errlen)) <= 0)
		return go;
	if (ev(e, n->b, c, &r))
		return -1;
	if (n->op >= OP_LT && n->op <= OP_NE && /* Go's s == t */
	    (go = cdbg__expr_go_strcmp(c->env, n->op, &l, NULL, 0, &r, v, c->err, c->errlen)) <= 0)
		return go;
	k = cdbg__expr_vec_binary(c->env, n->op, &l, &r, v, c->err, c->errlen, &c->fault);
	if (k <= 0) /* a GNU vector operand */
		return k;
	if (ev_rv_check(e, c, &l) || ev_rv_check(e, c, &r))
		return -1;
	return cdbg__expr_binop(n->op, &l, &r, v, c->err, c->errlen, &c->fault);
}

/* The bytes of x (a scalar's, or an aggregate's in memory) after buf[0..*len), at most
 * EXPR_MAX_ARRAY_BYTES in all. */
static int value_bytes(struct ctx *c, const struct expr_value *x, uint8_t *buf, size_t *len)
{
	uint32_t size = x->type.size;

	if (x->type.kind == EXPR_VOID || x->optimized_out)
		return efail(c, "Argument to arithmetic operation not a number or boolean.");
	if (size > EXPR_MAX_ARRAY_BYTES - *len)
		return efail(c, "array is too large (more than %d bytes)", EXPR_MAX_ARRAY_BYTES);
	if (x->type.kind != EXPR_AGG || !x->lvalue) {
		uint64_t bits = x->bits;

		for (uint32_t i = 0; i < size; i++, bits >>= 8)
			buf[(*len)++] = (uint8_t)bits;
		return 0;
	}
	for (uint32_t off = 0; off < size;) {
		uint32_t n = size - off >= 8 ? 8 : size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;

		if (!c->env->read_mem ||
		    c->env->read_mem(c->env->data, x->addr + off, buf + *len, n)) {
			c->fault.kind = EXPR_FAULT_MEM;
			c->fault.addr = x->addr + off;
			return efail(c, "cannot access memory at address 0x%" PRIx64,
				     x->addr + off);
		}
		off += n;
		*len += n;
	}
	return 0;
}

/* *v = an array the env holds: count of elem's type, their bytes in buf. */
static int held_array(struct ctx *c, const struct expr_value *elem, uint64_t count,
		      const uint8_t *buf, size_t len, struct expr_value *v)
{
	memset(v, 0, sizeof(*v));
	if (!c->env->array)
		return efail(c, "array values are not supported here");
	if (c->env->array(c->env->data, elem, count, buf, len, v, c->err, c->errlen) != 0)
		return -1;
	if (!cdbg__expr_type_ok(&v->type))
		return efail(c, "the array has a type the evaluator does not support");
	return 0;
}

/* {a, b, ...}: gdb's value_array, elements of one size, the first one's type. */
static int ev_array(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	uint8_t buf[EXPR_MAX_ARRAY_BYTES];
	struct expr_value first = { 0 }, x;
	size_t len = 0;
	uint64_t count = 0;

	for (uint32_t k = n->b; k != NONE; k = e->nodes[k].b, count++) {
		if (ev(e, e->nodes[k].a, c, &x))
			return -1;
		if (count && x.type.size != first.type.size)
			return efail(c, "array elements must all be the same size");
		if (!count)
			first = x;
		if (value_bytes(c, &x, buf, &len))
			return -1;
	}
	if (!count || !first.type.size)
		return efail(c, "bad array bounds (0, -1)");
	return held_array(c, &first, count, buf, len, v);
}

/* (type [N]) a and (type []) a: a's bytes seen as an array of type. */
static int ev_acast(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	uint8_t buf[EXPR_MAX_ARRAY_BYTES];
	struct expr_value x, elem = { .type = n->type };
	size_t len = 0;
	uint64_t count;

	if (ev(e, n->a, c, &x) || value_bytes(c, &x, buf, &len))
		return -1;
	if (!n->type.size || len % n->type.size || !len)
		return efail(c, "Invalid cast.");
	count = len / n->type.size;
	if (n->val && n->val != count)
		return efail(c, "Invalid cast.");
	return held_array(c, &elem, count, buf, len, v);
}

/* Go's x[lo:hi]: a new slice or string header, which the env holds. */
static int ev_slice(const struct expr *e, const struct node *n, struct ctx *c, struct expr_value *v)
{
	struct expr_value x, lo = { 0 }, hi = { 0 };

	if (ev(e, n->a, c, &x) || (n->b != NONE && ev_rv(e, n->b, c, &lo)) ||
	    (n->c != NONE && ev_rv(e, n->c, c, &hi)))
		return -1;
	if ((n->b != NONE && lo.type.kind != EXPR_INT) ||
	    (n->c != NONE && hi.type.kind != EXPR_INT))
		return efail(c, "invalid slice index: not an integer");
	if ((n->b != NONE && lo.type.is_signed && (int64_t)lo.bits < 0) ||
	    (n->c != NONE && hi.type.is_signed && (int64_t)hi.bits < 0))
		return efail(c, "index out of bounds");
	memset(v, 0, sizeof(*v));
	v->bits = n->b != NONE ? lo.bits : 0;
	v->bits_hi = n->c != NONE ? hi.bits : UINT64_MAX;
	if (c->err && c->errlen)
		c->err[0] = '\0';
	if (!c->env->dtype ||
	    c->env->dtype(c->env->data, EXPR_DOP_SLICE, &x, NULL, v, c->err, c->errlen) != 0)
		return c->err && c->errlen && c->err[0] ? -1 : efail(c, "cannot slice this value");
	return 0;
}

int ev(const struct expr *e, uint32_t i, struct ctx *c, struct expr_value *v)
{
	const struct node *n = &e->nodes[i];

	switch (n->op) {
	case OP_LIT:
		rvalue(v, n->type, n->val);
		v->bits_hi = n->val_hi;
		return 0;
	case OP_DOLLAR:
	case OP_IDENT:
		return ev_name(e, n, c, v, true);
	case OP_STR:
		return ev_string(e, n, c, v);
	case OP_NEG:
	case OP_POS:
	case OP_NOT:
	case OP_BNOT:
		return ev_unary(e, n, c, v);
	case OP_DEREF:
		return ev_deref(e, n, c, v);
	case OP_ADDR:
		return ev_addr(e, n, c, v);
	case OP_CAST:
		return ev_cast(e, n, c, v);
	case OP_LAND:
	case OP_LOR:
		return ev_logic(e, n, c, v);
	case OP_COND:
		return ev_cond(e, n, c, v);
	case OP_MEMBER:
	case OP_ARROW:
		return ev_member(e, n, c, v);
	case OP_SIZEOF:
	case OP_NSIZEOF:
		return ev_sizeof(e, n, c, v);
	case OP_AT:
		return ev_at(e, n, c, v);
	case OP_NCAST:
		return ev_ncast(e, n, c, v);
	case OP_CALL:
		return cdbg__expr_ev_call(e, n, c, v);
	case OP_ARRAY:
		return ev_array(e, n, c, v);
	case OP_ACAST:
		return ev_acast(e, n, c, v);
	case OP_SLICE:
		return ev_slice(e, n, c, v);
	case OP_INCDEC: /* its operand, unchanged, where nothing is done */
		return c->no_effects ? ev(e, n->a, c, v) :
				       incdec_refused(c, n->val & 2 ? "--" : "++");
	default:
		return ev_binary(e, n, c, v);
	}
}

int expr_eval_fault(const struct expr *e, const struct expr_env *env, struct expr_value *val,
		    char *err, size_t errlen, struct expr_fault *fault)
{
	static const struct expr_env nothing;
	struct ctx c = { env ? env : &nothing,
			 err,
			 errlen,
			 { EXPR_FAULT_OTHER, 0, NULL },
			 env && env->no_side_effects };
	int r = 0;

	if (!e || !val)
		r = efail(&c, "no expression");
	else if (ev(e, e->root, &c, val))
		r = -1;
	else if (err && errlen)
		err[0] = '\0';
	if (fault)
		*fault = r ? c.fault : (struct expr_fault){ EXPR_FAULT_OTHER, 0, NULL };
	return r;
}

int expr_eval(const struct expr *e, const struct expr_env *env, struct expr_value *val, char *err,
	      size_t errlen)
{
	return expr_eval_fault(e, env, val, err, errlen, NULL);
}

int expr_eval_string(const char *src, const struct expr_env *env, struct expr_value *val, char *err,
		     size_t errlen)
{
	struct expr *e;
	int r;

	if (expr_compile(src, &e, err, errlen))
		return -1;
	r = expr_eval(e, env, val, err, errlen);
	expr_free(e);
	return r;
}
