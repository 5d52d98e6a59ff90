/*
 * arch/x86_64/abi.c - the System V AMD64 calling convention, for calls cdbg makes in the
 * tracee (ops/call.c): the 128-byte red zone, the stack alignment at a call, the argument and
 * result registers (rdi, rsi, rdx, rcx, r8, r9; xmm0-7 for doubles; rax and xmm0 back).
 *
 * Owns: arch_call_stack_top, arch_call_stack_blob, arch_call_frame, arch_setup_call,
 * arch_call_set_floats, arch_call_result, arch_call_float_result, arch_call_load,
 * arch_call_store. Must not: read or write the
 * tracee (call.c writes the bytes and registers these functions lay out).
 */
#include <string.h>
#include <sys/user.h>

#include "arch/arch.h"

#define RED_ZONE 128
#define XSTATE_SSE 2ull /* XSAVE component 1: xmm registers and mxcsr */

uint64_t arch_call_stack_top(uint64_t sp)
{
	return sp - RED_ZONE;
}

/* Blobs are 16-aligned (any type a string-like argument points to is then aligned). */
uint64_t arch_call_stack_blob(uint64_t top, size_t len)
{
	return (top - len) & ~15ull;
}

/* At the called function's first instruction (rsp + 8) % 16 == 0: the stack arguments start
 * 16-aligned, the return address sits just below them. */
void arch_call_frame(uint64_t top, int nstack, struct arch_call_frame *f)
{
	f->args_at = (top - 8 * (uint64_t)nstack) & ~15ull;
	f->sp = f->args_at - 8;
	f->ret_at = f->sp;
}

/* rdi, rsi, rdx, rcx, r8, r9; al = number of vector registers used (for variadic callees); no
 * trap flag, direction flag clear; not inside a system call. */
void arch_setup_call(struct arch_gpr *g, uint64_t func, const uint64_t *iargs, int n, uint64_t sp,
		     int nvec)
{
	struct user_regs_struct *r = (struct user_regs_struct *)g;
	unsigned long long *slots[] = { &r->rdi, &r->rsi, &r->rdx, &r->rcx, &r->r8, &r->r9 };

	for (int i = 0; i < ARCH_CALL_REG_ARGS; i++)
		*slots[i] = i < n ? iargs[i] : 0;
	r->rax = (unsigned long long)nvec;
	r->rsp = sp;
	r->rip = func;
	r->orig_rax = (unsigned long long)-1;
	r->eflags &= ~(0x100ull | 0x400ull); /* TF, DF */
}

/* A double goes in the low 8 bytes of xmm0-7, the rest of the register cleared. */
void arch_call_set_floats(const struct arch_xstate *x, unsigned char *block, const double *f, int n)
{
	for (int i = 0; i < n && i < ARCH_CALL_FLOAT_ARGS; i++) {
		char name[8] = "xmm0";
		name[3] = (char)('0' + i);
		long off = arch_xstate_offset(arch_reg_by_name(name));
		memset(block + off, 0, 16);
		memcpy(block + off, &f[i], sizeof(double));
	}
	if (n)
		arch_xstate_mark(x, block, XSTATE_SSE);
}

uint64_t arch_call_result(const struct arch_gpr *g)
{
	return ((const struct user_regs_struct *)g)->rax;
}

double arch_call_float_result(const unsigned char *block)
{
	double d;

	memcpy(&d, block + arch_xstate_offset(arch_reg_by_name("xmm0")), sizeof(d));
	return d;
}

#define FXSAVE_ST0 32 /* st0..st7 in stack order, 16 bytes apart, in the legacy area */
#define XSTATE_X87 1ull

static long xmm_off(int i)
{
	char name[8] = "xmm0";

	name[3] = (char)('0' + i);
	return arch_xstate_offset(arch_reg_by_name(name));
}

void arch_call_load(const struct arch_call_regs *r, struct arch_gpr *g, const struct arch_xstate *x,
		    unsigned char *block)
{
	struct user_regs_struct *u = (struct user_regs_struct *)g;
	unsigned long long *slots[] = { &u->rdi, &u->rsi, &u->rdx, &u->rcx, &u->r8, &u->r9 };

	for (int i = 0; i < ARCH_CALL_REG_ARGS; i++)
		*slots[i] = i < r->ngpr ? r->gpr[i] : 0;
	u->rax = (unsigned long long)r->nxmm;
	for (int i = 0; i < r->nxmm; i++)
		memcpy(block + xmm_off(i), r->xmm[i], 16);
	if (r->nxmm)
		arch_xstate_mark(x, block, XSTATE_SSE);
}

void arch_call_store(struct arch_call_regs *r, const struct arch_gpr *g, const unsigned char *block)
{
	const struct user_regs_struct *u = (const struct user_regs_struct *)g;

	r->rax = u->rax;
	r->rdx = u->rdx;
	memcpy(r->xmm0, block + xmm_off(0), 16);
	memcpy(r->xmm1, block + xmm_off(1), 16);
	memcpy(r->st0, block + FXSAVE_ST0, 10);
	memcpy(r->st1, block + FXSAVE_ST0 + 16, 10);
}
