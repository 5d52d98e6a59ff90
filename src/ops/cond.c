/*
 * cond.c - breakpoint conditions: cdbg_bp_condition compiles the expression, checks the types
 * it casts to, and installs it into the breakpoint as a predicate the breakpoint layer calls at
 * each hit (the program's variables through eval_dwarf_*, registers from the thread's cache,
 * memory with int3s hidden).
 *
 * Owns: the compiled condition of each breakpoint (struct cond). Must not: keep breakpoint
 * state of its own (target/breakpoint.c holds the predicate and its text) or make ptrace requests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "target/target.h"
#include "values/vars.h"

struct cond {
	struct expr *e; /* the compiled condition */
};

struct cond_env {
	cdbg_proc *p;
	struct thread *t;
	struct eval_dwarf dw; /* the program's variables, read at the first name used */
};

static int cond_ident(void *data, const char *name, struct expr_value *out)
{
	return eval_dwarf_ident(&((struct cond_env *)data)->dw, name, out);
}

static int cond_dtype(void *data, enum expr_dop op, const struct expr_value *v, const char *name,
		      struct expr_value *out, char *err, size_t errlen)
{
	return eval_dwarf_dtype(&((struct cond_env *)data)->dw, op, v, name, out, err, errlen);
}

static int cond_dollar(void *data, const char *name, struct expr_value *out)
{
	struct cond_env *ce = data;
	const struct arch_reg *r = arch_reg_by_name(name);
	unsigned char *src;

	if (!strcmp(name, "_siginfo")) /* gdb's: the thread's siginfo */
		return vars_siginfo(ce->p, ce->t, out) == 0 ? 0 : -1;
	if (!r || r->desc.size > 8)
		return -1;
	if (r->set == ARCH_SET_GPR) {
		src = (unsigned char *)&ce->t->regs + r->offset;
	} else {
		long off = arch_xstate_offset(r);
		if (off < 0 || loop_xstate_fetch(ce->p, ce->t) < 0)
			return -1;
		src = ce->t->xstate + off;
	}
	memset(out, 0, sizeof(*out));
	memcpy(&out->bits, src, r->desc.size);
	out->type = expr_int_type(r->desc.size == 8 ? 8 : r->desc.size, r->desc.size == 8);
	return 0;
}

static int cond_read_mem(void *data, uint64_t addr, void *buf, size_t len)
{
	struct cond_env *ce = data;

	if (vars_held(addr)) /* $_siginfo's bytes */
		return vars_read(ce->p, addr, buf, len) == (ssize_t)len ? 0 : -1;
	return mem_read_quiet(ce->p, addr, buf, len) == (ssize_t)len ? 0 : -1;
}

/* bp_cond_fn: does the condition hold in thread t? */
static int cond_holds(void *ctx, cdbg_proc *p, struct thread *t, char *msg, size_t len)
{
	struct cond *c = ctx;
	struct cond_env ce = { p, t, { .p = p, .t = t } };
	struct expr_env env = { .data = &ce,
				.dollar = cond_dollar,
				.ident = cond_ident,
				.read_mem = cond_read_mem,
				.dtype = cond_dtype };
	struct expr_value v;
	int r;

	r = expr_eval(c->e, &env, &v, msg, len);
	eval_dwarf_done(&ce.dw);
	if (r < 0)
		return -1;
	return expr_truthy(&v);
}

static void cond_free(void *ctx)
{
	struct cond *c = ctx;

	expr_free(c->e);
	free(c);
}

struct type_check {
	cdbg_proc *p;
	char bad[128]; /* the first type name the program does not have */
};

/* A type a condition casts to must exist when it is set, as gdb checks it. */
static int known_type(void *data, const char *name)
{
	struct type_check *tc = data;

	if (vt_lookup(tc->p, name))
		return 0;
	snprintf(tc->bad, sizeof(tc->bad), "%s", name);
	return 1;
}

int cdbg_bp_condition(cdbg_proc *p, int id, const char *src)
{
	struct cond *c;
	struct expr *e = NULL;
	char err[160];
	int r;

	if ((r = bp_check(p, id, "set the condition")) < 0)
		return r;
	if (!src || !*src)
		return bp_set_condition(p, id, NULL, NULL, NULL, NULL);
	if (expr_compile(src, &e, err, sizeof(err)) < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "cannot use '%s' as a condition: %s", src, err);
	struct type_check tc = { p, "" };
	if (expr_each_type_name(e, known_type, &tc)) {
		expr_free(e);
		return cdbg__fail(p, CDBG_EBADEXPR,
				  "cannot use '%s' as a condition: unknown "
				  "type '%s'",
				  src, tc.bad);
	}
	if (!(c = malloc(sizeof(*c)))) {
		expr_free(e);
		return cdbg__fail(p, -ENOMEM, "cannot set the condition: out of memory");
	}
	c->e = e;
	return bp_set_condition(p, id, src, cond_holds, cond_free, c);
}
