/*
 * eval.c - cdbg_eval: the expression evaluator (expr.c) wired to a thread's registers, the
 * process's memory (breakpoint bytes hidden) and the front-end's names.
 *
 * Owns: converting between the public struct cdbg_value and the evaluator's values. Must not:
 * parse expressions (expr.c) or make ptrace requests (registers come from regs.c's cache).
 */
#include <dwarf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/expr_flt.h"
#include "target/target.h"
#include "values/vars.h"

struct eval_ctx {
	cdbg_proc *p;
	struct thread *t;                 /* NULL: no registers */
	const struct cdbg_eval_env *env;
	char last_reg[16];                /* the register a bare $name named */
	struct eval_dwarf dw;             /* program variables of the frame */
	int level;                        /* the frame (0: innermost) */
};

static struct expr_type to_type(cdbg_proc *p, const struct cdbg_value *v)
{
	struct expr_type t = expr_int_type(v->size ? v->size : 8, v->is_signed);

	if (v->is_float && !v->dtype)
		return expr_flt_type(v->size);
	if (!v->size && !v->is_pointer && !v->dtype && !v->is_aggregate)
		return (struct expr_type){ .kind = EXPR_VOID }; /* a void history value */
	if (v->dtype) {
		t = vt_view(p, v->dtype);
		if (t.dtype)
			return t;
		t = expr_int_type(v->size && v->size <= 8 ? v->size : 8, v->is_signed);
	}
	if (v->is_pointer) {
		struct expr_type base = v->pointee_size ? expr_int_type(v->pointee_size, v->pointee_signed)
						      : (struct expr_type){ .kind = EXPR_VOID };
		t = expr_ptr_type(base);
		for (unsigned i = 1; i < v->ptr_depth; i++)
			t = expr_ptr_type(t);
	}
	return t;
}

static void to_expr(cdbg_proc *p, const struct cdbg_value *v, struct expr_value *out)
{
	memset(out, 0, sizeof(*out));
	out->type = to_type(p, v);
	out->bits = v->bits;
	out->lvalue = v->lvalue;
	out->addr = v->addr;
	out->optimized_out = v->optimized_out;
}

static void from_expr_typed(cdbg_proc *p, const struct expr_value *e, struct cdbg_value *v);

static void from_expr(const struct expr_value *e, struct cdbg_value *v)
{
	memset(v, 0, sizeof(*v));
	v->bits = e->bits;
	v->size = e->type.size;
	v->is_signed = e->type.is_signed;
	v->is_pointer = e->type.kind == EXPR_PTR;
	v->is_char = e->type.kind == EXPR_INT && e->type.size == 1 && e->type.spell != EXPR_SPELL_BOOL;
	v->is_float = e->type.kind == EXPR_FLT;
	v->ptr_depth = e->type.ptr_depth;
	v->pointee_size = e->type.base_void ? 0 : e->type.base_size;
	v->pointee_signed = e->type.base_signed;
	v->lvalue = e->lvalue;
	v->addr = e->addr;
	expr_type_name(&e->type, v->type, sizeof(v->type));
}

/* from_expr, keeping the program's type. */
static void from_expr_typed(cdbg_proc *p, const struct expr_value *e, struct cdbg_value *v)
{
	const struct vt_entry *t = e->type.dtype ? vt_get(p, e->type.dtype) : NULL;

	from_expr(e, v);
	v->optimized_out = e->optimized_out;
	if (!t)
		return;
	v->dtype = e->type.dtype;
	if (e->type.kind == EXPR_AGG || e->type.kind == EXPR_FLT) {
		v->size = e->type.size;
		v->is_char = 0;
		v->is_aggregate = 1;
	}
	if (e->dwreg && e->dwreg <= 17) {
		/* a variable kept in a register of the innermost frame: assignable as $reg */
		for (size_t i = 0; i < arch_reg_count(); i++) {
			const struct arch_reg *r = arch_reg_at(i);
			if (r->set == ARCH_SET_GPR && r->desc.dwarf == e->dwreg - 1 &&
			    r->desc.size == 8) {
				snprintf(v->reg, sizeof(v->reg), "%s", r->desc.name);
				break;
			}
		}
	}
	vt_name(t, "", v->type, sizeof(v->type));
}

uint64_t cdbg_value_convert(cdbg_proc *p, const struct cdbg_value *v,
			    const struct cdbg_value *like)
{
	struct expr_value x, t;

	to_expr(p, v, &x);
	to_expr(p, like, &t);
	if (x.type.kind == EXPR_FLT || t.type.kind == EXPR_FLT)
		return expr_flt_put(expr_flt_get(&x), t.type);
	return v->bits;
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

/* A register of an outer frame, as unwinding recovered it: 0, or -1 (not such a register,
 * or frame 0, where reg_value reads the thread's own). */
static int frame_reg(struct eval_ctx *c, const char *name, struct expr_value *out)
{
	const struct arch_reg *r = arch_reg_by_name(!strcmp(name, "pc") ? "rip" :
						    !strcmp(name, "sp") ? "rsp" :
						    !strcmp(name, "fp") ? "rbp" : name);

	if (c->level <= 0 || !c->t || !r || r->set != ARCH_SET_GPR || r->desc.size != 8)
		return -1;
	if (!c->dw.opened && !c->dw.failed) {
		if (vframe_open(c->p, c->t->tid, c->level, &c->dw.f) == 0)
			c->dw.opened = true;
		else
			c->dw.failed = true;
	}
	if (!c->dw.opened)
		return -1;
	memset(out, 0, sizeof(*out));
	if (!strcmp(r->desc.name, "rip"))
		out->bits = c->dw.f.pc;
	else if (r->desc.dwarf >= 0 && r->desc.dwarf < 17 && (c->dw.f.regmask >> r->desc.dwarf) & 1)
		out->bits = c->dw.f.regs[r->desc.dwarf];
	else
		return -1;
	out->type = expr_int_type(8, true);
	snprintf(c->last_reg, sizeof(c->last_reg), "%s", r->desc.name);
	return 0;
}

/* Can name be a convenience variable's ($foo, $_exitcode; not $1, $$, $)? */
static bool conv_name(const char *name)
{
	if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') ||
	      name[0] == '_'))
		return false;
	for (const char *s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static int on_dollar(void *data, const char *name, struct expr_value *out)
{
	struct eval_ctx *c = data;
	struct cdbg_value v;

	if (frame_reg(c, name, out) == 0 || reg_value(c, name, out) == 0)
		return 0;
	if (c->env && c->env->var && c->env->var(c->env->data, name, &v) == 0) {
		to_expr(c->p, &v, out);
		return 0;
	}
	bool reg = arch_reg_by_name(name) || !strcmp(name, "pc") || !strcmp(name, "sp") ||
		   !strcmp(name, "fp");
	if (reg && !c->t && (!c->p->pid || c->p->exited))
		return EXPR_NO_REGISTERS; /* gdb: "No registers." */
	if (conv_name(name) && !arch_reg_by_name(name)) {
		out->type.kind = EXPR_VOID; /* an unset convenience variable is void, as in gdb */
		return 0;
	}
	return -1;
}

/* ---- program variables (breakpoint conditions use these too) */

int eval_dwarf_ident(struct eval_dwarf *d, const char *name, struct expr_value *out)
{
	if (!d->opened && !d->failed && d->t) {
		if (vframe_open_thread(d->p, d->t, &d->f) == 0)
			d->opened = true;
		else
			d->failed = true;
	}
	return vars_lookup(d->p, d->opened ? &d->f : NULL, name, out);
}

int eval_dwarf_dtype(struct eval_dwarf *d, enum expr_dop op, const struct expr_value *v,
		     const char *name, struct expr_value *out, char *err, size_t errlen)
{
	return vt_dop(d->p, op, v, name, out, err, errlen);
}

void eval_dwarf_done(struct eval_dwarf *d)
{
	if (d->opened)
		vframe_close(&d->f);
	d->opened = false;
}

static int on_ident(void *data, const char *name, struct expr_value *out)
{
	struct eval_ctx *c = data;
	struct cdbg_value v;

	if (c->p->pid && !c->p->exited) {
		if (!c->dw.opened && !c->dw.failed && c->t) {
			if (vframe_open(c->p, c->t->tid, c->level, &c->dw.f) == 0)
				c->dw.opened = true;
			else
				c->dw.failed = true;
		}
		if (vars_lookup(c->p, c->dw.opened ? &c->dw.f : NULL, name, out) == 0)
			return 0;
	}
	if (c->env && c->env->symbol && c->env->symbol(c->env->data, name, &v) == 0) {
		to_expr(c->p, &v, out);
		return 0;
	}
	return -1;
}

static int on_dtype(void *data, enum expr_dop op, const struct expr_value *v, const char *name,
		    struct expr_value *out, char *err, size_t errlen)
{
	struct eval_ctx *c = data;

	return vt_dop(c->p, op, v, name, out, err, errlen);
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
	return cdbg_eval_frame(p, tid, 0, src, env, out);
}

int cdbg_eval_frame(cdbg_proc *p, pid_t tid, int frame, const char *src,
		    const struct cdbg_eval_env *env, struct cdbg_value *out)
{
	struct eval_ctx c = { .p = p, .env = env, .level = frame };
	struct expr_env e = { .data = &c, .dollar = on_dollar, .ident = on_ident, .read_mem = on_read,
			      .dtype = on_dtype };
	struct expr_value v;
	char err[256];
	int r;

	if ((r = cdbg__check_owner(p, "evaluate an expression")) < 0)
		return r;
	c.dw.p = p;
	if (tid && p->pid && !p->exited && p->all_stopped) {
		c.t = thread_find(&p->threads, tid);
		if (c.t && c.t->state != TS_STOPPED)
			c.t = NULL;
		c.dw.t = c.t;
	}
	if (frame > 0 && c.t) {
		/* an outer frame must exist: unwind to it now */
		if ((r = vframe_open(p, tid, frame, &c.dw.f)) < 0)
			return r;
		c.dw.opened = true;
	}
	r = expr_eval_string(src ? src : "", &e, &v, err, sizeof(err));
	eval_dwarf_done(&c.dw);
	if (r < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	from_expr_typed(p, &v, out);
	/* A bare register ("$rax") can be assigned to: say which. */
	const char *s = src;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '$' && c.last_reg[0] && !strpbrk(s + 1, "+-*/%&|^!~<>=()[]?:,{} \t"))
		snprintf(out->reg, sizeof(out->reg), "%s", c.last_reg);
	cdbg__clear_error(p);
	return 0;
}

/* ---- printing and naming program values */

int cdbg_value_format(cdbg_proc *p, const struct cdbg_value *v, int fmt, unsigned flags,
		      char *buf, size_t len)
{
	struct expr_value e;
	char err[256];
	char *text = NULL;
	size_t n = 0;
	FILE *f;
	int r;

	if ((r = cdbg__check_owner(p, "format a value")) < 0)
		return r;
	if (!(f = open_memstream(&text, &n)))
		return cdbg__fail(p, -ENOMEM, "cannot format the value: out of memory");
	to_expr(p, v, &e);
	if (v->dtype && vt_get(p, v->dtype)) {
		r = vf_print(p, &e, fmt, flags & CDBG_FMT_TOP, f, err, sizeof(err));
	} else {
		vf_print_scalar(p, v, fmt, flags & CDBG_FMT_TOP, f);
		r = 0;
	}
	fclose(f);
	if (r < 0) {
		free(text);
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	}
	if (buf && len)
		snprintf(buf, len, "%s", text);
	r = (int)n;
	free(text);
	cdbg__clear_error(p);
	return r;
}

int cdbg_value_type(cdbg_proc *p, const struct cdbg_value *v, char *buf, size_t len)
{
	const struct vt_entry *t;
	char name[1024];
	int r;

	if ((r = cdbg__check_owner(p, "name a type")) < 0)
		return r;
	t = v->dtype ? vt_get(p, v->dtype) : NULL;
	if (!t)
		return cdbg__fail(p, -EINVAL, "the value has no program type");
	vt_name(t, "", name, sizeof(name));
	if (buf && len)
		snprintf(buf, len, "%s", name);
	return (int)strlen(name);
}

/* whatis of a typedef name goes one level down: its target. */
static uint32_t whatis_target(cdbg_proc *p, uint32_t dtype)
{
	const struct vt_entry *t = vt_get(p, dtype);
	Dwarf_Die d, u;

	if (!t || t->ptrs || !t->die.addr)
		return dtype;
	d = t->die;
	if (dwarf_tag(&d) != DW_TAG_typedef || !vt_type_of(&d, &u))
		return dtype;
	return vt_intern(p, &u, 0);
}

int cdbg_ptype(cdbg_proc *p, pid_t tid, int frame, const char *text, unsigned flags, char *buf,
	       size_t len)
{
	bool expand = flags & CDBG_PTYPE_EXPAND;
	struct cdbg_value v;
	uint32_t dt;
	char *out = NULL;
	size_t n = 0;
	FILE *f;
	int r;

	if ((r = cdbg__check_owner(p, "show a type")) < 0)
		return r;
	dt = p->pid && !p->exited ? vt_lookup(p, text) : 0;
	if (dt && !expand)
		dt = whatis_target(p, dt);
	if (!dt) {
		if (!strncmp(text, "struct ", 7) || !strncmp(text, "union ", 6) ||
		    !strncmp(text, "enum ", 5))
			return cdbg__fail(p, CDBG_EBADEXPR, "No %.*s type named %s.",
					  (int)strcspn(text, " "), text,
					  text + strcspn(text, " ") + 1);
		r = cdbg_eval_frame(p, tid, frame, text, NULL, &v);
		if (r < 0 && p->pid && !p->exited && (dt = vt_lookup_func(p, text)))
			v.dtype = dt;
		else if (r < 0)
			return r;
		if (!v.dtype) {
			if (buf && len)
				snprintf(buf, len, "%s", v.type);
			return (int)strlen(v.type);
		}
		dt = v.dtype;
	}
	if (!vt_get(p, dt))
		return cdbg__fail(p, CDBG_EBADEXPR, "the type of '%s' is not known any more", text);
	if (!(f = open_memstream(&out, &n)))
		return cdbg__fail(p, -ENOMEM, "cannot show the type: out of memory");
	vt_ptype(vt_get(p, dt), expand, f);
	fclose(f);
	if (buf && len)
		snprintf(buf, len, "%s", out);
	free(out);
	cdbg__clear_error(p);
	return (int)n;
}
