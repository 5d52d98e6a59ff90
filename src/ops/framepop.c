/*
 * ops/framepop.c - gdb's `return`: pop a frame, leaving its caller's registers (as the
 * unwinder recovers them) in the thread and a value where the ABI returns it.
 *
 * Owns: cdbg_frame_pop. Must not: run program code (no cleanups, no destructors), unwind by
 * itself (cdbg_frame_reg does) or make ptrace requests (registers go through regs.c).
 */
#include <dwarf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/expr_flt.h"
#include "ops/call.h"
#include "target/target.h"
#include "values/vars.h"

/* The registers a pop restores: the pc and sp, which must be known, then the callee-saved
 * ones, which keep the thread's values where the unwinder does not recover them. */
static const char *const popped_regs[] = { "rip", "rsp", "rbp", "rbx", "r12", "r13", "r14", "r15" };
#define POP_NREGS (sizeof(popped_regs) / sizeof(popped_regs[0]))

/* The C view of the DWARF return type of the function executing at pc: 1 with *t, 0 when the
 * function returns void, -1 when there is no debug information for it. */
static int ret_type_at(cdbg_proc *p, uint64_t pc, struct expr_type *t, Dwarf_Die *die)
{
	struct sym_state *s = sym_session(p, "return from a function");
	Dwarf_Die buf, *cu, *scopes = NULL, fn, rt;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	int n, i;

	if (!s || !(mod = sym_addr_module(p, s, pc)) || !(cu = sym_addr_cu(mod, pc, &bias, &buf)))
		return -1;
	n = dwarf_getscopes(cu, pc - bias, &scopes);
	for (i = 0; i < n && dwarf_tag(&scopes[i]) != DW_TAG_subprogram; i++)
		;
	if (i >= n) {
		free(scopes);
		return -1;
	}
	fn = scopes[i];
	free(scopes);
	if (!vt_type_of(&fn, &rt) || !vt_peel(&rt, &buf))
		return 0;
	*t = vt_view(p, vt_intern(p, &rt, 0));
	*die = rt;
	return 1;
}

/* Where v goes as type t: the register's name and its new low bytes. 0, or a failure. */
static int ret_place(cdbg_proc *p, const struct cdbg_value *v, const struct expr_type *t,
		     const char **reg, uint64_t *bits)
{
	struct expr_value x;

	vars_import(p, v, &x);
	if (t->kind == EXPR_FLT) {
		*reg = "xmm0";
		*bits = expr_flt_put(expr_flt_get(&x), *t);
		return 0;
	}
	if ((t->kind != EXPR_INT && t->kind != EXPR_PTR) || x.type.kind == EXPR_AGG ||
	    x.type.kind == EXPR_VOID)
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot return a value of this type: only integers, pointers, "
				  "float and double go in a register");
	*reg = "rax";
	if (x.type.kind == EXPR_FLT) {
		*bits = expr_flt_put(expr_flt_get(&x), *t);
		return 0;
	}
	*bits = x.bits;
	if (t->kind == EXPR_INT && t->size < 8) {
		uint64_t mask = (1ull << (8 * t->size)) - 1;

		*bits &= mask;
		if (t->is_signed && (*bits >> (8 * t->size - 1)))
			*bits |= ~mask;
	}
	return 0;
}

/* A struct, union or other object of DWARF type die returned in registers (the ABI's
 * classification, as a call's result): v's bytes (as many as the type has) into *regs. */
static int ret_object(cdbg_proc *p, const struct cdbg_value *v, Dwarf_Die *die,
		      struct arch_call_regs *regs)
{
	struct arch_arg a;
	unsigned char *bytes;
	int r = 0;

	call_describe(die, &a);
	if (!a.size || a.size > (1u << 20) || v->size != a.size || (!v->lvalue && a.size > 8))
		return cdbg__fail(p, CDBG_EBADEXPR,
				  "cannot return a value of %u bytes from a function that returns "
				  "%zu: give a value of the function's type",
				  (unsigned)v->size, a.size);
	if (!(bytes = calloc(1, a.size)))
		return cdbg__fail(p, -ENOMEM, "out of memory");
	if (!v->lvalue)
		memcpy(bytes, &v->bits, a.size);
	else if (vars_read(p, v->addr, bytes, a.size) != (ssize_t)a.size)
		r = cdbg__fail(p, CDBG_ENOMEM, "cannot read the value to return at 0x%llx",
			       (unsigned long long)v->addr);
	if (r == 0 && arch_call_ret_memory(&a))
		r = 1; /* gdb: the value is ignored, the frame popped */
	else if (r == 0 && arch_call_ret_regs(&a, bytes, regs) < 0)
		r = cdbg__fail(p, CDBG_ENOSYM,
			       "cannot return a value of this type: it is not returned in "
			       "general or SSE registers");
	free(bytes);
	return r;
}

/* regs' result registers into thread tid: rax, rdx, and the low 8 bytes of xmm0, xmm1. */
static int put_ret_regs(cdbg_proc *p, pid_t tid, const struct arch_call_regs *regs)
{
	static const char *const xn[] = { "xmm0", "xmm1" };
	const unsigned char *xv[] = { regs->xmm0, regs->xmm1 };
	unsigned char x[16];
	int r;

	if ((r = cdbg_reg_set(p, tid, "rax", regs->rax)) < 0 ||
	    (r = cdbg_reg_set(p, tid, "rdx", regs->rdx)) < 0)
		return r;
	for (int i = 0; i < 2; i++) {
		if ((r = cdbg_reg_read(p, tid, xn[i], x, sizeof(x))) < 0)
			return r;
		memcpy(x, xv[i], 8);
		if ((r = cdbg_reg_write(p, tid, xn[i], x, sizeof(x))) < 0)
			return r;
	}
	return 0;
}

int cdbg_frame_pop(cdbg_proc *p, pid_t tid, int frame, const struct cdbg_value *v)
{
	struct arch_call_regs regs;
	bool object = false, ignored = false;
	Dwarf_Die rdie;
	struct cdbg_frame *frames;
	uint64_t vals[POP_NREGS], bits = 0;
	bool have[POP_NREGS];
	const char *reg = NULL;
	struct expr_type t;
	int n, r;

	if (frame < 0)
		return cdbg__fail(p, CDBG_ENOFRAME, "no frame at level %d", frame);
	if (!loop_stopped_thread(p, tid, "return from a function"))
		return cdbg_errcode(p);
	if (!(frames = calloc((size_t)frame + 2, sizeof(*frames))))
		return cdbg__fail(p, -ENOMEM, "out of memory");
	n = cdbg_backtrace(p, tid, frames, (size_t)frame + 2);
	if (n < 0 || n <= frame + 1) {
		free(frames);
		return n < 0 ? n :
			       cdbg__fail(p, CDBG_ENOFRAME, "frame %d has no caller to return to",
					  frame);
	}
	uint64_t look = frames[frame].is_caller ? frames[frame].pc - 1 : frames[frame].pc;
	free(frames);
	for (size_t i = 0; i < POP_NREGS; i++) {
		r = cdbg_frame_reg(p, tid, frame + 1, popped_regs[i], &vals[i]);
		have[i] = r == 0;
		if (r < 0 && (i < 2 || r != CDBG_ENOREG))
			return r == CDBG_ENOREG ? cdbg__fail(p, CDBG_ENOFRAME,
							     "the caller of frame %d cannot be "
							     "unwound (its %s is not known)",
							     frame, popped_regs[i]) :
						  r;
	}
	if (v) {
		r = ret_type_at(p, look, &t, &rdie);
		if (r < 0) { /* no debug information: the value's own type */
			struct expr_value x;

			vars_import(p, v, &x);
			t = x.type;
		}
		if (r > 0 && t.kind == EXPR_AGG && v->is_aggregate && !v->is_float) {
			if ((r = ret_object(p, v, &rdie, &regs)) < 0)
				return cdbg_errcode(p);
			object = r == 0;
			ignored = r == 1;
		} else if (r != 0 && ret_place(p, v, &t, &reg, &bits) < 0) {
			return cdbg_errcode(p);
		}
	}
	if (object && (r = put_ret_regs(p, tid, &regs)) < 0)
		return r;
	if (reg && !strcmp(reg, "xmm0")) {
		unsigned char x[16];

		if ((r = cdbg_reg_read(p, tid, "xmm0", x, sizeof(x))) < 0)
			return r;
		memcpy(x, &bits, t.size == 4 ? 4 : 8);
		if ((r = cdbg_reg_write(p, tid, "xmm0", x, sizeof(x))) < 0)
			return r;
	} else if (reg && (r = cdbg_reg_set(p, tid, reg, bits)) < 0) {
		return r;
	}
	/* The pc last: a failure before it leaves the thread in the popped frame. */
	for (size_t i = POP_NREGS; i-- > 0;)
		if (have[i] && (r = cdbg_reg_set(p, tid, popped_regs[i], vals[i])) < 0)
			return r;
	cdbg__clear_error(p);
	return ignored ? 1 : 0;
}
