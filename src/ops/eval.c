/*
 * eval.c - cdbg_eval: the expression evaluator (src/expr/) wired to a thread's registers, the
 * process's memory (breakpoint bytes hidden) and the front-end's names; formatting and naming
 * program values.
 *
 * Owns: the codes of evaluation failures (CDBG_ENONAME, CDBG_ENOMEM, CDBG_EDIVZERO). Must not:
 * parse expressions (src/expr/), convert values (values/value.c does, for every caller) or make
 * ptrace requests (registers come from regs.c's cache).
 */
#include <dwarf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/expr_flt.h"
#include "ops/call.h"
#include "ops/macro.h"
#include "ops/watchexpr.h"
#include "target/target.h"
#include "values/vars.h"

struct eval_ctx {
	cdbg_proc *p;
	struct thread *t; /* NULL: no registers */
	const struct cdbg_eval_env *env;
	char last_reg[16];    /* the register a bare $name named */
	struct eval_dwarf dw; /* program variables of the frame */
	int level;            /* the frame (0: innermost) */
	/* told of each read of memory (watchexpr.c) */
	void (*seen)(void *data, uint64_t addr, size_t len);
	void *seen_data;
};

uint64_t cdbg_value_convert(cdbg_proc *p, const struct cdbg_value *v, const struct cdbg_value *like)
{
	struct expr_value x, t;

	vars_import(p, v, &x);
	vars_import(p, like, &t);
	if (x.type.kind == EXPR_DEC || t.type.kind == EXPR_DEC) { /* the low 64 bits */
		struct expr_value r;
		char err[128];

		return expr_dec_convert(t.type, &x, &r, err, sizeof(err)) == 0 ? r.bits : v->bits;
	}
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
	vars_export(NULL, &e, v);
}

/* gdb's types of the registers that hold addresses: the pc is void (*)(), the stack and
 * frame pointers void *; others keep the integer type they were given. */
static void reg_type(const struct arch_reg *r, struct expr_type *t)
{
	bool pc = !strcmp(r->desc.name, arch_reg_role_name(ARCH_ROLE_PC));

	if (r->desc.size != 8 ||
	    (!pc && strcmp(r->desc.name, "rsp") && strcmp(r->desc.name, "rbp")))
		return;
	*t = expr_ptr_type((struct expr_type){ .kind = EXPR_VOID });
	if (pc)
		t->spell = EXPR_SPELL_FUNC;
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
	/* signed like gdb's int64_t registers; reg_type makes $pc, $sp and $fp pointers */
	out->type = expr_int_type((unsigned)n, r->desc.kind == CDBG_REG_GPR);
	if (n < 8 && out->type.is_signed && (out->bits >> (8 * n - 1)))
		out->bits |= ~((1ull << (8 * n)) - 1);
	reg_type(r, &out->type);
	snprintf(c->last_reg, sizeof(c->last_reg), "%s", r->desc.name);
	return 0;
}

/* A register of an outer frame, as unwinding recovered it (cdbg_frame_reg): 0, or -1 (not
 * such a register, not saved, or frame 0, where reg_value reads the thread's own; a register
 * the unwinder does not recover then has the inner frame's value, gdb's "same value"). */
static int frame_reg(struct eval_ctx *c, const char *name, struct expr_value *out)
{
	const char *role = arch_reg_role_alias(name);
	const struct arch_reg *r = arch_reg_by_name(role ? role : name);
	uint64_t v;

	if (c->level <= 0 || !c->t || !r || r->set != ARCH_SET_GPR || r->desc.size != 8)
		return -1;
	if (cdbg_frame_reg(c->p, c->t->tid, c->level, r->desc.name, &v) != 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->bits = v;
	out->type = expr_int_type(8, true);
	reg_type(r, &out->type);
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

/* $_goid: the goroutine thread c->t runs (vt_go_goid). */
static int go_goid(struct eval_ctx *c, struct expr_value *out)
{
	uint64_t fs, id;
	if (cdbg_reg_get(c->p, c->t->tid, "fs_base", &fs) < 0 || vt_go_goid(c->p, fs, &id) < 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->type = expr_int_type(8, true);
	out->bits = id;
	return 0;
}

static int on_dollar(void *data, const char *name, struct expr_value *out)
{
	struct eval_ctx *c = data;
	struct cdbg_value v;

	if (c->t && !strcmp(name, "_goid") && go_goid(c, out) == 0)
		return 0;

	if (frame_reg(c, name, out) == 0 || reg_value(c, name, out) == 0)
		return 0;
	if (c->t && !strcmp(name, "_siginfo")) /* gdb's: the thread's siginfo */
		return vars_siginfo(c->p, c->t, out) == 0 ? 0 : -1;
	if (c->env && c->env->var && c->env->var(c->env->data, name, &v) == 0) {
		vars_import(c->p, &v, out);
		return 0;
	}
	bool reg = arch_reg_by_name(name) || arch_reg_role_alias(name);
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

	if (sym_readable(c->p)) { /* a process, a core, or the program's file */
		if (!c->dw.opened && !c->dw.failed && c->t) {
			if (vframe_open(c->p, c->t->tid, c->level, &c->dw.f) == 0)
				c->dw.opened = true;
			else
				c->dw.failed = true;
		}
		if (vars_lookup(c->p, c->dw.opened ? &c->dw.f : NULL, name, out) == 0)
			return 0;
	}
	if (name[0] == '\'' && strstr(name, "'::")) /* 'file.c'::sym without DWARF: by its name */
		name = strrchr(name, ':') + 1;
	if (c->env && c->env->symbol && c->env->symbol(c->env->data, name, &v) == 0) {
		vars_import(c->p, &v, out);
		return 0;
	}
	return -1;
}

/* What a name is, for the parser, in gdb's order: a value in the frame's scopes (its blocks
 * and its unit), else a type of the program, else any value on_ident knows (other units'
 * globals, the env's symbols). */
static enum expr_name_kind on_classify(void *data, const char *name, size_t len)
{
	struct eval_ctx *c = data;
	struct expr_value v, t;
	char buf[256], err[64];

	if (len >= sizeof(buf))
		return EXPR_NAME_UNKNOWN;
	memcpy(buf, name, len);
	buf[len] = '\0';
	memset(&v, 0, sizeof(v));
	if (sym_readable(c->p) && !c->dw.opened && !c->dw.failed && c->t) {
		if (vframe_open(c->p, c->t->tid, c->level, &c->dw.f) == 0)
			c->dw.opened = true;
		else
			c->dw.failed = true;
	}
	if (c->dw.opened && vars_lookup_scoped(c->p, &c->dw.f, buf, &v) == 0)
		return EXPR_NAME_VALUE;
	memset(&t, 0, sizeof(t));
	if (sym_readable(c->p) && vt_dop(c->p, EXPR_DOP_TYPE, NULL, buf, &t, err, sizeof(err)) == 0)
		return EXPR_NAME_TYPE;
	memset(&v, 0, sizeof(v));
	if (on_ident(c, buf, &v) == 0)
		return EXPR_NAME_VALUE;
	return EXPR_NAME_UNKNOWN;
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

	if (!vars_held(addr) && !sym_readable(c->p))
		return -1;
	if (c->seen)
		c->seen(c->seen_data, addr, len);
	return vars_read(c->p, addr, buf, len) == (ssize_t)len ? 0 : -1;
}

/* "abc": an array of char the debugger holds (gdb's not_lval array; gdb copies it into the
 * program only when an address is needed, cdbg keeps it in its own bytes). */
static int on_string(void *data, const char *s, size_t len, struct expr_value *out)
{
	struct eval_ctx *c = data;
	uint32_t ch = vars_char_type(c->p);
	uint64_t addr = vars_hold(c->p, s, len + 1);

	if (!addr)
		return -1;
	out->type.kind = EXPR_AGG;
	out->type.size = (uint32_t)(len + 1);
	out->type.dtype = ch ? vt_intern_array(c->p, ch, len + 1) : 0;
	out->lvalue = true;
	out->addr = addr;
	return 0;
}

/* L"ab", u"ab", U"ab": an array of wchar_t, char16_t or char32_t the debugger holds, of the
 * program's type of that name (else of the integer type gdb gives it). */
static int on_wstring(void *data, const char *s, size_t len, int kind, struct expr_value *out)
{
	static const char *const names[][2] = { { "", "" },
						{ "wchar_t", "int" },
						{ "char16_t", "unsigned short" },
						{ "char32_t", "unsigned int" } };
	struct eval_ctx *c = data;
	unsigned width = kind == 2 ? 2 : 4;
	uint32_t ch;
	uint64_t addr;

	if (kind < 1 || kind > 3 || len % width || !sym_readable(c->p))
		return -1;
	if (!(ch = vt_lookup(c->p, names[kind][0])) && !(ch = vt_lookup(c->p, names[kind][1])))
		return -1;
	if (!(addr = vars_hold(c->p, s, len + width)))
		return -1;
	out->type.kind = EXPR_AGG;
	out->type.size = (uint32_t)(len + width);
	out->type.dtype = vt_intern_array(c->p, ch, len / width + 1);
	out->lvalue = true;
	out->addr = addr;
	return out->type.dtype ? 0 : -1;
}

/* {1, 2, 3} and (short [])x: an array the debugger holds (gdb's not_lval array), count
 * elements of elem's type: its program type, or for a C view (a literal, a cast) the program's
 * type of that name. */
static int on_array(void *data, const struct expr_value *elem, uint64_t count, const void *bytes,
		    size_t len, struct expr_value *out, char *err, size_t errlen)
{
	struct eval_ctx *c = data;
	uint32_t et = elem->type.dtype, dt = 0;
	uint64_t addr;
	char name[64];

	if (!sym_readable(c->p)) {
		snprintf(err, errlen, "an array value needs the program's types; load a program");
		return -1;
	}
	if (!et && elem->type.kind != EXPR_AGG && elem->type.kind != EXPR_VOID) {
		expr_type_name(&elem->type, name, sizeof(name));
		et = vt_lookup(c->p, name);
	}
	if (!count && et) /* one value of elem's type, not an array */
		dt = et;
	else if (!et || !(dt = vt_intern_array(c->p, et, count))) {
		snprintf(err, errlen, "cannot make an array of this type");
		return -1;
	}
	if (!(addr = vars_hold(c->p, bytes, len))) {
		snprintf(err, errlen, "no room for the array's %zu bytes", len);
		return -1;
	}
	out->type = vt_view(c->p, dt);
	out->lvalue = true;
	out->addr = addr;
	return 0;
}

/* Record why an evaluation failed, with the code a client branches on. */
static int eval_fail(cdbg_proc *p, const struct expr_fault *why, const char *err)
{
	switch (why->kind) {
	case EXPR_FAULT_NAME:
		return vars_fail_name(p, why->name, err);
	case EXPR_FAULT_MEM:
		return cdbg__fail_mem(p, why->addr, "%s", err);
	case EXPR_FAULT_DIVZERO:
		return cdbg__fail(p, CDBG_EDIVZERO, "%s", err);
	case EXPR_FAULT_OTHER:
		break;
	}
	return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
}

int cdbg_eval(cdbg_proc *p, pid_t tid, const char *src, const struct cdbg_eval_env *env,
	      struct cdbg_value *out)
{
	return cdbg_eval_frame(p, tid, 0, src, env, out);
}

/* fn(args) in the expression: a call in the evaluating thread, by the function's debug
 * information (calltyped.c). */
static int on_call(void *data, const struct expr_value *fn, const struct expr_value *args,
		   int nargs, struct expr_value *out, char *err, size_t errlen)
{
	struct eval_ctx *c = data;
	struct cdbg_call call = { 0 };
	int r;

	if (!c->t) {
		snprintf(err, errlen, "You can't do that without a process to debug.");
		return -1;
	}
	call.func = fn->type.kind == EXPR_PTR || !fn->lvalue ? fn->bits : fn->addr;
	r = call_typed(c->p, c->t->tid, &call, args, nargs, out);
	if (r == CDBG_ENOSYM) {
		snprintf(err, errlen,
			 "the function at 0x%llx has unknown return type; cast the call to its "
			 "declared return type",
			 (unsigned long long)call.func);
		return -1;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s", cdbg_errmsg(c->p));
		return -1;
	}
	return 0;
}

/* $name(args): the front-end's functions (gdb's $_strlen, $_gdb_setting). */
static int on_dollar_call(void *data, const char *name, const struct expr_value *args, int nargs,
			  struct expr_value *out, char *err, size_t errlen)
{
	struct eval_ctx *c = data;
	struct cdbg_value cargs[EXPR_MAX_CALL_ARGS], v = { 0 };
	int r;

	if (!c->env || !c->env->func)
		return 1;
	for (int i = 0; i < nargs && i < EXPR_MAX_CALL_ARGS; i++)
		vars_export(c->p, &args[i], &cargs[i]);
	err[0] = '\0';
	r = c->env->func(c->env->data, name, cargs, nargs, &v, err, errlen);
	if (r == 0)
		vars_import(c->p, &v, out);
	else if (r < 0 && !err[0])
		snprintf(err, errlen, "$%s failed", name);
	return r;
}

int cdbg_eval_frame(cdbg_proc *p, pid_t tid, int frame, const char *src,
		    const struct cdbg_eval_env *env, struct cdbg_value *out)
{
	return eval_frame_seen(p, tid, frame, src, env, out, NULL, NULL);
}

int eval_frame_seen(cdbg_proc *p, pid_t tid, int frame, const char *src,
		    const struct cdbg_eval_env *env, struct cdbg_value *out,
		    void (*seen)(void *data, uint64_t addr, size_t len), void *seen_data)
{
	struct eval_ctx c = {
		.p = p, .env = env, .level = frame, .seen = seen, .seen_data = seen_data
	};
	struct expr_env e = { .data = &c,
			      .dollar = on_dollar,
			      .ident = on_ident,
			      .read_mem = on_read,
			      .string = on_string,
			      .wstring = on_wstring,
			      .dtype = on_dtype,
			      .call = on_call,
			      .dollar_call = on_dollar_call,
			      .array = on_array,
			      .no_side_effects = p->eval_types_only };
	struct expr_fault why;
	struct expr_value v;
	struct expr *x;
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
	struct expr_names names = { .data = &c, .classify = on_classify, .radix = p->input_radix };

	if (c.t && !c.dw.opened && sym_readable(p) && vframe_open(p, tid, frame, &c.dw.f) == 0)
		c.dw.opened = true;
	if (c.dw.opened && c.dw.f.has_cu)
		names.cplus = sym_lang_cplus(&c.dw.f.cu);

	char *xsrc = NULL; /* src with its macros expanded, as gdb's parser reads it */
	if (macro_expand_at(p, c.dw.opened, c.dw.opened ? c.dw.f.lookup_pc : 0, src ? src : "",
			    &xsrc, err, sizeof(err)) < 0) {
		eval_dwarf_done(&c.dw);
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	}
	r = expr_compile_names(xsrc ? xsrc : src ? src : "", &names, &x, err, sizeof(err));
	free(xsrc);
	if (r < 0) {
		eval_dwarf_done(&c.dw);
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	}
	struct vars_state *vs = seen ? vt_state(p) : NULL;
	if (vs) { /* variables and bit-fields are read by the values layer */
		vs->seen = seen;
		vs->seen_data = seen_data;
	}
	r = expr_eval_fault(x, &e, &v, err, sizeof(err), &why);
	if (vs)
		vs->seen = NULL;
	eval_dwarf_done(&c.dw);
	if (r < 0) {
		r = eval_fail(p, &why, err);
		expr_free(x);
		return r;
	}
	expr_free(x);
	vars_export(p, &v, out);
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

/* Can the size bytes at addr be read (as vf_print reads a value's bytes)? */
static bool readable(cdbg_proc *p, uint64_t addr, uint64_t size)
{
	unsigned char buf[256];

	for (uint64_t off = 0; off < size; off += sizeof(buf)) {
		size_t n = size - off < sizeof(buf) ? (size_t)(size - off) : sizeof(buf);
		if (vars_read(p, addr + off, buf, n) != (ssize_t)n)
			return false;
	}
	return true;
}

int cdbg_value_format(cdbg_proc *p, const struct cdbg_value *v, int fmt, unsigned flags, char *buf,
		      size_t len)
{
	return cdbg_value_format_opts(p, v, fmt, flags, NULL, buf, len);
}

int cdbg_value_format_opts(cdbg_proc *p, const struct cdbg_value *v, int fmt, unsigned flags,
			   const struct cdbg_print_opts *opts, char *buf, size_t len)
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
	vars_import(p, v, &e);
	if (e.type.dtype && vt_get(p, e.type.dtype)) {
		r = vf_print(p, &e, fmt, flags & CDBG_FMT_TOP, opts, f, err, sizeof(err));
	} else {
		vf_print_scalar(p, v, fmt, flags & CDBG_FMT_TOP, opts, f);
		r = 0;
	}
	fclose(f);
	if (r < 0) {
		free(text);
		if (e.lvalue && !e.optimized_out &&
		    (e.type.kind == EXPR_AGG || e.type.kind == EXPR_FLT) &&
		    !readable(p, e.addr, e.type.size))
			return cdbg__fail_mem(p, e.addr, "%s", err);
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
	char name[4096];
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

ssize_t cdbg_value_mem(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	ssize_t n;

	if (!vars_held(addr))
		return cdbg_mem_read(p, addr, buf, len);
	if ((n = vars_read(p, addr, buf, len)) <= 0)
		return cdbg__fail_mem(p, addr, "cannot access memory at address 0x%llx",
				      (unsigned long long)addr);
	return n;
}

/* whatis of a typedef name goes one level down: its target. */
static uint32_t whatis_target(cdbg_proc *p, uint32_t dtype)
{
	const struct vt_entry *t = vt_get(p, dtype);
	Dwarf_Die d, u;

	if (!t || t->ptrs || !t->die.addr)
		return dtype;
	d = t->die;
	if (dwarf_tag(&d) != DW_TAG_typedef)
		return dtype;
	if (!vt_peel(&d, &u) || dwarf_tag(&u) == DW_TAG_typedef) /* of void, at its end: gdb */
		return vt_intern(p, NULL, 0);                    /* says void */
	if (!vt_type_of(&d, &u))
		return dtype;
	return vt_intern(p, &u, 0);
}

/* Does v's name carry a cast's qualifiers ((const struct rec *) p), which its DWARF type
 * does not? Then whatis shows that name. */
static bool cast_quals(cdbg_proc *p, const struct cdbg_value *v)
{
	const struct vt_entry *t = vt_get(p, v->dtype);
	char name[sizeof(v->type)];

	if (!t || !v->type[0] || v->type_cut)
		return false;
	vt_name(t, "", name, sizeof(name));
	return strcmp(name, v->type) != 0;
}

int cdbg_ptype(cdbg_proc *p, pid_t tid, int frame, const char *text, unsigned flags, char *buf,
	       size_t len)
{
	return cdbg_ptype_env(p, tid, frame, text, NULL, flags, buf, len);
}

int cdbg_ptype_env(cdbg_proc *p, pid_t tid, int frame, const char *text,
		   const struct cdbg_eval_env *env, unsigned flags, char *buf, size_t len)
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
	dt = vt_lookup(p, text);
	if (dt && !expand)
		dt = whatis_target(p, dt);
	if (!dt) {
		if (!strncmp(text, "struct ", 7) || !strncmp(text, "union ", 6) ||
		    !strncmp(text, "enum ", 5)) {
			char msg[300];
			snprintf(msg, sizeof(msg), "no %.*s type named %s", (int)strcspn(text, " "),
				 text, text + strcspn(text, " ") + 1);
			return vars_fail_name(p, text, msg);
		}
		/* the program's names first (a function by its DWARF type, not the front-end's
		 * symbol), then the front-end's; $names are the front-end's ($history, $vars) */
		bool func = false;
		p->eval_types_only = true; /* ptype ++x: x's type, x unchanged (gdb) */
		r = cdbg_eval_frame(p, tid, frame, text, strchr(text, '$') ? env : NULL, &v);
		if (r < 0 && sym_readable(p) && (dt = vt_lookup_func(p, text)))
			func = true;
		else if (r < 0 && env)
			r = cdbg_eval_frame(p, tid, frame, text, env, &v);
		p->eval_types_only = false;
		if (func)
			v.dtype = dt;
		else if (r < 0)
			return r;
		if (r >= 0 && v.nodebug && !v.lvalue) { /* a function with no debug info (gdb) */
			const char *t = expand ? "<unknown return type> ()" :
						 "<text variable, no debug info>";
			if (buf && len)
				snprintf(buf, len, "%s", t);
			return (int)strlen(t);
		}
		if (!v.dtype || (!expand && r >= 0 && cast_quals(p, &v))) {
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

int cdbg_set_input_radix(cdbg_proc *p, unsigned radix)
{
	int old = p->input_radix ? p->input_radix : 10;

	if (radix < 2 || radix > 36)
		return -EINVAL;
	p->input_radix = (unsigned char)radix;
	return old;
}
