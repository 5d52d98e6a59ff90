/*
 * eval.c - cdbg_eval: the expression evaluator (expr.c) wired to a thread's registers, the
 * process's memory (breakpoint bytes hidden) and the front-end's names.
 *
 * Owns: converting between the public struct cdbg_value and the evaluator's values. Must not:
 * parse expressions (expr.c) or make ptrace requests (registers come from regs.c's cache).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"
#include "internal.h"

struct eval_ctx {
	cdbg_proc *p;
	struct thread *t;                 /* NULL: no registers */
	const struct cdbg_eval_env *env;
	char last_reg[16];                /* the register a bare $name named */
};

static struct expr_type to_type(const struct cdbg_value *v)
{
	struct expr_type t = expr_int_type(v->size ? v->size : 8, v->is_signed);

	if (v->is_pointer) {
		struct expr_type base = v->pointee_size ? expr_int_type(v->pointee_size, v->pointee_signed)
						      : (struct expr_type){ .kind = EXPR_VOID };
		t = expr_ptr_type(base);
		for (unsigned i = 1; i < v->ptr_depth; i++)
			t = expr_ptr_type(t);
	}
	return t;
}

static void to_expr(const struct cdbg_value *v, struct expr_value *out)
{
	memset(out, 0, sizeof(*out));
	out->type = to_type(v);
	out->bits = v->bits;
	out->lvalue = v->lvalue;
	out->addr = v->addr;
}

static void from_expr(const struct expr_value *e, struct cdbg_value *v)
{
	memset(v, 0, sizeof(*v));
	v->bits = e->bits;
	v->size = e->type.size;
	v->is_signed = e->type.is_signed;
	v->is_pointer = e->type.kind == EXPR_PTR;
	v->is_char = e->type.kind == EXPR_INT && e->type.size == 1 && e->type.spell != EXPR_SPELL_BOOL;
	v->ptr_depth = e->type.ptr_depth;
	v->pointee_size = e->type.base_void ? 0 : e->type.base_size;
	v->pointee_signed = e->type.base_signed;
	v->lvalue = e->lvalue;
	v->addr = e->addr;
	expr_type_name(&e->type, v->type, sizeof(v->type));
}

void cdbg_value_int(struct cdbg_value *v, uint64_t bits, unsigned size, int is_signed)
{
	struct expr_value e = { .type = expr_int_type(size, is_signed), .bits = bits };

	if (size < 8) {
		uint64_t mask = (1ull << (8 * size)) - 1;
		e.bits = bits & mask;
		if (is_signed && (e.bits >> (8 * size - 1)))
			e.bits |= ~mask;
	}
	from_expr(&e, v);
}

static int reg_value(struct eval_ctx *c, const char *name, struct expr_value *out)
{
	unsigned char buf[32] = { 0 };
	const struct arch_reg *r = arch_reg_by_name(name);
	int n;

	if (!r || !c->t || r->desc.size > 8)
		return -1;
	n = cdbg_reg_read(c->p, c->t->tid, name, buf, sizeof(buf));
	if (n <= 0)
		return -1;
	memset(out, 0, sizeof(*out));
	memcpy(&out->bits, buf, (size_t)n);
	/* gdb treats $rip/$pc as code pointers and $sp/$fp as data pointers; plain integers
	 * serve every use here, signed like gdb's int64_t registers. */
	out->type = expr_int_type((unsigned)n, r->desc.kind == CDBG_REG_GPR);
	if (n < 8 && out->type.is_signed && (out->bits >> (8 * n - 1)))
		out->bits |= ~((1ull << (8 * n)) - 1);
	snprintf(c->last_reg, sizeof(c->last_reg), "%s", r->desc.name);
	return 0;
}

static int on_dollar(void *data, const char *name, struct expr_value *out)
{
	struct eval_ctx *c = data;
	struct cdbg_value v;

	if (reg_value(c, name, out) == 0)
		return 0;
	if (c->env && c->env->var && c->env->var(c->env->data, name, &v) == 0) {
		to_expr(&v, out);
		return 0;
	}
	return -1;
}

static int on_ident(void *data, const char *name, struct expr_value *out)
{
	struct eval_ctx *c = data;
	struct cdbg_value v;

	if (c->env && c->env->symbol && c->env->symbol(c->env->data, name, &v) == 0) {
		to_expr(&v, out);
		return 0;
	}
	return -1;
}

static int on_read(void *data, uint64_t addr, void *buf, size_t len)
{
	struct eval_ctx *c = data;

	if (!c->p->pid || c->p->exited)
		return -1;
	return mem_read_quiet(c->p, addr, buf, len) == (ssize_t)len ? 0 : -1;
}

int cdbg_eval(cdbg_proc *p, pid_t tid, const char *src, const struct cdbg_eval_env *env,
	      struct cdbg_value *out)
{
	struct eval_ctx c = { .p = p, .env = env };
	struct expr_env e = { .data = &c, .dollar = on_dollar, .ident = on_ident, .read_mem = on_read };
	struct expr_value v;
	char err[160];
	int r;

	if ((r = cdbg__check_owner(p, "evaluate an expression")) < 0)
		return r;
	if (tid && p->pid && !p->exited && p->all_stopped) {
		c.t = thread_find(&p->threads, tid);
		if (c.t && c.t->state != TS_STOPPED)
			c.t = NULL;
	}
	if (expr_eval_string(src ? src : "", &e, &v, err, sizeof(err)) < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	from_expr(&v, out);
	/* A bare register ("$rax") can be assigned to: say which. */
	const char *s = src;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '$' && c.last_reg[0] && !strpbrk(s + 1, "+-*/%&|^!~<>=()[]?:,{} \t"))
		snprintf(out->reg, sizeof(out->reg), "%s", c.last_reg);
	cdbg__clear_error(p);
	return 0;
}
