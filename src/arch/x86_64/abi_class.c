/*
 * arch/x86_64/abi_class.c - the System V AMD64 classification of arguments and results by
 * value (section 3.2.3 of the psABI): each eightbyte of a scalar, struct, union or _Complex is
 * INTEGER, SSE, X87 or the whole object is MEMORY; the registers and stack bytes a call
 * with such arguments gets, and the result's bytes from the registers it comes back in.
 *
 * Owns: arch_call_plan, arch_call_plan_free, arch_call_ret_memory, arch_call_ret_bytes,
 * arch_call_ret_regs. Must
 * not: read or write the tracee, or know DWARF (ops/calltyped.c describes each object as its
 * scalar leaves: struct arch_arg).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"

enum cls { C_NONE, C_INT, C_SSE, C_X87, C_MEM };

/* The classes of a's (up to two) eightbytes; C_MEM in cls[0] when it goes in memory. */
static int classify(const struct arch_arg *a, enum cls cls[2])
{
	int n = (int)((a->size + 7) / 8);

	cls[0] = cls[1] = C_NONE;
	if (a->nleaves < 0 || a->size > 16 || n == 0) {
		bool x87 = a->nleaves > 0 && !a->aggregate;

		for (int i = 0; i < a->nleaves; i++)
			x87 &= a->leaf[i].kind == ARCH_LEAF_X87;
		cls[0] = x87 ? C_X87 : C_MEM; /* _Complex long double: COMPLEX_X87 */
		return 1;
	}
	for (int i = 0; i < a->nleaves; i++) {
		const struct arch_leaf *l = &a->leaf[i];
		unsigned e = l->off / 8;

		if (l->size && (l->off % (l->size > 8 ? 8 : l->size)) != 0) {
			cls[0] = C_MEM; /* an unaligned field */
			return 1;
		}
		if (l->kind == ARCH_LEAF_X87) {
			cls[0] = C_X87;
			return 1;
		}
		for (unsigned k = e; k < 2 && k * 8 < l->off + l->size; k++) {
			enum cls want = l->kind == ARCH_LEAF_SSE ? C_SSE : C_INT;
			if (cls[k] == C_NONE || want == C_INT)
				cls[k] = want;
		}
	}
	for (int k = 0; k < n; k++)
		if (cls[k] == C_NONE)
			cls[k] = C_SSE;
	return n;
}

bool arch_call_ret_memory(const struct arch_arg *ret)
{
	enum cls cls[2];

	classify(ret, cls);
	return cls[0] == C_MEM;
}

static int stack_add(struct arch_call_regs *r, const struct arch_arg *a)
{
	size_t align = a->align > 8 ? 16 : 8, at = (r->stack_len + align - 1) & ~(align - 1);
	size_t len = (a->size + 7) & ~7ul;
	unsigned char *s = realloc(r->stack, at + len + 16);

	if (!s)
		return -ENOMEM;
	r->stack = s;
	memset(s + r->stack_len, 0, at + len - r->stack_len);
	memcpy(s + at, a->bytes, a->size);
	r->stack_len = at + len;
	return 0;
}

int arch_call_plan(const struct arch_arg *args, int n, bool ret_memory, struct arch_call_regs *r)
{
	r->ngpr = ret_memory ? 1 : 0;
	r->nxmm = 0;
	for (int i = 0; i < n; i++) {
		const struct arch_arg *a = &args[i];
		enum cls cls[2];
		int ne = classify(a, cls), gi = 0, si = 0;

		for (int k = 0; k < ne && cls[0] != C_MEM && cls[0] != C_X87; k++)
			cls[k] == C_INT ? gi++ : si++;
		if (cls[0] == C_MEM || cls[0] == C_X87 || r->ngpr + gi > ARCH_CALL_REG_ARGS ||
		    r->nxmm + si > ARCH_CALL_FLOAT_ARGS) {
			if (stack_add(r, a) < 0)
				return -ENOMEM;
			continue;
		}
		for (int k = 0; k < ne; k++) {
			unsigned char eb[8] = { 0 };
			size_t len = a->size - 8 * (size_t)k > 8 ? 8 : a->size - 8 * (size_t)k;

			memcpy(eb, a->bytes + 8 * k, len);
			if (cls[k] == C_INT) {
				memcpy(&r->gpr[r->ngpr++], eb, 8);
			} else {
				memset(r->xmm[r->nxmm], 0, 16);
				memcpy(r->xmm[r->nxmm++], eb, 8);
			}
		}
	}
	return 0;
}

void arch_call_plan_free(struct arch_call_regs *r)
{
	free(r->stack);
	r->stack = NULL;
	r->stack_len = 0;
}

/* An 80-bit x87 value (10 bytes) into a 16-byte long double slot. */
static void put_x87(unsigned char *out, size_t room, const unsigned char st[10])
{
	unsigned char ld[16] = { 0 };

	memcpy(ld, st, 10);
	memcpy(out, ld, room < 16 ? room : 16);
}

void arch_call_ret_bytes(const struct arch_arg *ret, const struct arch_call_regs *r,
			 unsigned char *out)
{
	enum cls cls[2];
	int ne = classify(ret, cls), gi = 0, si = 0;

	memset(out, 0, ret->size);
	if (cls[0] == C_MEM)
		return; /* the callee wrote it where the hidden pointer said */
	if (cls[0] == C_X87) {
		put_x87(out, ret->size, r->st0);
		if (ret->size >= 32)
			put_x87(out + 16, ret->size - 16, r->st1);
		return;
	}
	for (int k = 0; k < ne; k++) {
		size_t len = ret->size - 8 * (size_t)k > 8 ? 8 : ret->size - 8 * (size_t)k;
		uint64_t g = gi++ == 0 ? r->rax : r->rdx;

		if (cls[k] == C_INT) {
			memcpy(out + 8 * k, &g, len);
		} else {
			gi--;
			memcpy(out + 8 * k, si++ == 0 ? r->xmm0 : r->xmm1, len);
		}
	}
}

int arch_call_ret_regs(const struct arch_arg *ret, const unsigned char *bytes,
		       struct arch_call_regs *r)
{
	enum cls cls[2];
	int ne = classify(ret, cls), gi = 0, si = 0;

	r->rax = r->rdx = 0;
	memset(r->xmm0, 0, sizeof(r->xmm0));
	memset(r->xmm1, 0, sizeof(r->xmm1));
	if (cls[0] == C_MEM || cls[0] == C_X87)
		return -1;
	for (int k = 0; k < ne; k++) {
		size_t len = ret->size - 8 * (size_t)k > 8 ? 8 : ret->size - 8 * (size_t)k;
		uint64_t g = 0;

		if (cls[k] == C_INT) {
			memcpy(&g, bytes + 8 * k, len);
			*(gi++ == 0 ? &r->rax : &r->rdx) = g;
		} else {
			memcpy(si++ == 0 ? r->xmm0 : r->xmm1, bytes + 8 * k, len);
		}
	}
	return 0;
}
