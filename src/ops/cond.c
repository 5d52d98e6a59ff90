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

#include <ctype.h>

#include "expr/expr.h"
#include "ops/call.h"
#include "ops/macro.h"
#include "target/breakpoint.h"
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
	struct cond_env *ce = data;
	struct cdbg_symbol s;
	struct cdbg_value v;

	if (eval_dwarf_ident(&ce->dw, name, out) == 0)
		return 0;
	/* A function, to be called: its address, as `print` knows it (the CLI's symbols). */
	if (cdbg_sym_by_name(ce->p, name, &s) < 0 ||
	    (s.kind != CDBG_SYM_FUNC && s.kind != CDBG_SYM_IFUNC))
		return -1;
	cdbg_value_int(&v, s.addr, 8, 0);
	v.is_pointer = 1;
	v.ptr_depth = 1;
	vars_import(ce->p, &v, out);
	return 0;
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
	if (!strcmp(name, "_goid")) { /* Go: the goroutine the hitting thread runs */
		const struct arch_reg *fr = arch_reg_by_name("fs_base");
		uint64_t fs = 0, id;
		if (fr)
			memcpy(&fs, (unsigned char *)&ce->t->regs + fr->offset, 8);
		if (!fr || vt_go_goid(ce->p, fs, &id) < 0)
			return -1;
		memset(out, 0, sizeof(*out));
		out->type = expr_int_type(8, true);
		out->bits = id;
		return 0;
	}
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

/* A call in the condition (the target layer holds every thread for it: bp_decide). */
static int cond_call(void *data, const struct expr_value *fn, const struct expr_value *args,
		     int nargs, struct expr_value *out, char *err, size_t errlen)
{
	struct cond_env *ce = data;
	struct cdbg_call call = { 0 };
	int r;

	call.func = fn->type.kind == EXPR_PTR || !fn->lvalue ? fn->bits : fn->addr;
	r = call_typed(ce->p, ce->t->tid, &call, args, nargs, out);
	if (r == CDBG_ENOSYM) {
		snprintf(err, errlen,
			 "'%#llx' has unknown return type; cast the call to its declared return "
			 "type",
			 (unsigned long long)call.func);
		return -1;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s", cdbg_errmsg(ce->p));
		return -1;
	}
	return 0;
}

/* May src call a function: a name or a ')' before a '(' (a cast such as (int)(x) counts too:
 * the cost of a wrong yes is only that every thread is held to decide a hit)? */
static bool may_call(const char *src)
{
	char quote = 0, prev = 0;
	const char *word = NULL;

	for (const char *s = src; *s; s++) {
		if (quote) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == quote)
				quote = 0;
			continue;
		}
		if (*s == '"' || *s == '\'') {
			quote = *s;
			prev = *s;
			continue;
		}
		if (isalnum((unsigned char)*s) || *s == '_') {
			if (!word)
				word = s;
			prev = 'a';
			continue;
		}
		if (*s == '(' && (prev == 'a' || prev == ')')) {
			bool op = prev == 'a' &&
				  (!strncmp(word, "sizeof", 6) || !strncmp(word, "_Alignof", 8) ||
				   !strncmp(word, "alignof", 7));
			if (!op)
				return true;
		}
		if (!isspace((unsigned char)*s)) {
			prev = *s;
			word = NULL;
		}
	}
	return false;
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
				.dtype = cond_dtype,
				.call = cond_call };
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
	if (!src || !*src) {
		bp_condition_calls(p, id, false);
		return bp_set_condition(p, id, NULL, NULL, NULL, NULL);
	}
	/* gdb expands the condition's macros in the scope of the breakpoint's location */
	struct bp *b = bp_by_id(p, id);
	char *xsrc = NULL;
	if (b && b->kind != CDBG_BP_WATCH &&
	    macro_expand_at(p, true, b->addr, src, &xsrc, err, sizeof(err)) < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "cannot use '%s' as a condition: %s", src, err);
	r = expr_compile(xsrc ? xsrc : src, &e, err, sizeof(err));
	free(xsrc);
	if (r < 0)
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
	if ((r = bp_set_condition(p, id, src, cond_holds, cond_free, c)) >= 0)
		bp_condition_calls(p, id, may_call(src));
	return r;
}
