/*
 * expr_evcall.c - the evaluator's calls: fn(args) through env->call, gdb's $_internal(args)
 * through env->dollar_call, and what looks like a call in Go: len(x), cap(x) and the
 * conversions T(x).
 *
 * Owns: cdbg__expr_ev_call. Must not: as expr_eval.c (no allocation, no printing, the tracee
 * only through struct expr_env).
 */
#include <stdio.h>
#include <string.h>

#include "expr/expr_impl.h"

#define efail cdbg__expr_efail
#define ev cdbg__expr_ev

/* Go's conversion T(x) (int64(n), float64(n), main.ID(n)) where name(x) names no function:
 * the cast (T) x. Otherwise the failure to find the function stands, in its own words. */
static int go_conversion(const struct expr *e, const struct node *n, struct ctx *c,
			 struct expr_value *v)
{
	const struct node *f = &e->nodes[n->a];
	struct node cast = { .op = OP_NCAST };
	struct expr_fault fault = c->fault;
	struct expr_value t;
	char saved[256] = "";

	if (f->op != OP_IDENT || c->fault.kind != EXPR_FAULT_NAME || n->b == NONE ||
	    e->nodes[n->b].b != NONE || !c->env->dtype)
		return -1;
	if (c->err && c->errlen)
		snprintf(saved, sizeof(saved), "%s", c->err);
	if (cdbg__expr_dq(c, EXPR_DOP_TYPE, NULL, e->pool + f->a, &t)) {
		/* no such type either: the function's name was the mistake */
		c->fault = fault;
		if (c->err && c->errlen)
			snprintf(c->err, c->errlen, "%s", saved);
		return -1;
	}
	cast.a = e->nodes[n->b].a;
	cast.b = f->a;
	return cdbg__expr_ev_ncast(e, &cast, c, v);
}

/* fn(args): the arguments as they are (the env converts them to the parameters' types). */
int cdbg__expr_ev_call(const struct expr *e, const struct node *n, struct ctx *c,
		       struct expr_value *v)
{
	struct expr_value fn, args[EXPR_MAX_CALL_ARGS];
	bool dcall = e->nodes[n->a].op == OP_DOLLAR && c->env->dollar_call;
	int na = 0, r;

	const struct node *f = &e->nodes[n->a];
	if (f->op == OP_IDENT && n->b != NONE && e->nodes[n->b].b == NONE && c->env->dtype &&
	    (!strcmp(e->pool + f->a, "len") || !strcmp(e->pool + f->a, "cap"))) {
		/* Go's len(x) and cap(x) of its slices, strings, arrays, maps and channels */
		if (ev(e, e->nodes[n->b].a, c, &args[0]))
			return -1;
		memset(v, 0, sizeof(*v));
		if (c->env->dtype(c->env->data, EXPR_DOP_LEN, &args[0], e->pool + f->a, v, NULL,
				  0) == 0)
			return 0;
	}
	if (!dcall && ev(e, n->a, c, &fn))
		return go_conversion(e, n, c, v);
	for (uint32_t k = n->b; k != NONE && na < EXPR_MAX_CALL_ARGS; k = e->nodes[k].b)
		if (ev(e, e->nodes[k].a, c, &args[na++]))
			return -1;
	if (dcall) { /* gdb's internal functions first, then $fp(args) as any call */
		memset(v, 0, sizeof(*v));
		r = c->env->dollar_call(c->env->data, e->pool + e->nodes[n->a].a, args, na, v,
					c->err, c->errlen);
		if (r < 0)
			return -1;
		if (r == 0 && !cdbg__expr_type_ok(&v->type))
			return efail(c, "a function's result has a type the evaluator does not "
					"support");
		if (r == 0)
			return v->bits = cdbg__expr_norm(v->type, v->bits), 0;
		if (ev(e, n->a, c, &fn))
			return -1;
	}
	if (!c->env->call)
		return efail(c, "This target does not support function calls.");
	memset(v, 0, sizeof(*v));
	if (c->env->call(c->env->data, &fn, args, na, v, c->err, c->errlen) != 0)
		return -1;
	return 0;
}
