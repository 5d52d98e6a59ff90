/*
 * arch/x86_64/displaced.c - out-of-line copies of instructions that sit under a breakpoint.
 *
 * Owns: rewriting one instruction to run at another address (arch_build_slot): a rip-relative
 * operand gets a new displacement, a relative call becomes a push of the return address and a
 * jump, a relative jump or conditional jump gets a 32-bit displacement to the same target;
 * every copy ends with a jump back to the next original instruction. The instruction's facts
 * (length, call, jump, target) come from insn_info.c's decode. Must not: touch the tracee (the
 * caller writes the bytes).
 */
#include <string.h>

#include "insn.h"

static bool fits32(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

/* Append a 32-bit relative jump (e9) at out[*n], located at `at`, to target. */
static bool emit_jmp(unsigned char *out, size_t *n, uint64_t at, uint64_t target)
{
	int64_t rel = (int64_t)(target - (at + *n + 5));
	int32_t r32 = (int32_t)rel;

	if (!fits32(rel))
		return false;
	out[(*n)++] = 0xe9;
	memcpy(out + *n, &r32, 4);
	*n += 4;
	return true;
}

/* Push the 64-bit return address ret without touching flags or other registers:
 * lea rsp,[rsp-8]; mov dword [rsp],lo; mov dword [rsp+4],hi. */
static void emit_push_ret(unsigned char *out, size_t *n, uint64_t ret)
{
	static const unsigned char lea[] = { 0x48, 0x8d, 0x64, 0x24, 0xf8 };
	uint32_t lo = (uint32_t)ret, hi = (uint32_t)(ret >> 32);

	memcpy(out + *n, lea, sizeof(lea));
	*n += sizeof(lea);
	out[(*n)++] = 0xc7;
	out[(*n)++] = 0x04;
	out[(*n)++] = 0x24;
	memcpy(out + *n, &lo, 4);
	*n += 4;
	out[(*n)++] = 0xc7;
	out[(*n)++] = 0x44;
	out[(*n)++] = 0x24;
	out[(*n)++] = 0x04;
	memcpy(out + *n, &hi, 4);
	*n += 4;
}

/* Copy the instruction with its rip-relative displacement re-aimed for its new address. */
static bool emit_copy(const cs_insn *in, uint64_t addr, unsigned char *out, size_t *n, uint64_t at)
{
	const cs_x86 *x = &in->detail->x86;
	size_t len = in->size;

	memcpy(out + *n, in->bytes, len);
	for (int i = 0; i < x->op_count; i++) {
		if (x->operands[i].type != X86_OP_MEM || x->operands[i].mem.base != X86_REG_RIP)
			continue;
		if (x->encoding.disp_size != 4)
			return false;
		/* target = addr + len + disp = at + n + len + disp' */
		int64_t target = (int64_t)(addr + len) + x->operands[i].mem.disp;
		int64_t disp = target - (int64_t)(at + *n + len);
		int32_t d32 = (int32_t)disp;
		if (!fits32(disp))
			return false;
		memcpy(out + *n + x->encoding.disp_offset, &d32, 4);
	}
	*n += len;
	return true;
}

static bool uses_rsp(const cs_x86 *x)
{
	for (int i = 0; i < x->op_count; i++) {
		const cs_x86_op *o = &x->operands[i];
		if ((o->type == X86_OP_REG && (o->reg == X86_REG_RSP || o->reg == X86_REG_ESP)) ||
		    (o->type == X86_OP_MEM &&
		     (o->mem.base == X86_REG_RSP || o->mem.index == X86_REG_RSP)))
			return true;
	}
	return false;
}

/* The slot for an instruction decoded as d, at slot; the bytes in out. Returns their count or
 * -1 when it cannot run out of line. */
static int build(const struct arch_x86_insn *d, uint64_t addr, uint64_t slot, unsigned char *out)
{
	const struct arch_insn *f = &d->info;
	const cs_x86 *x = &d->cs->detail->x86;
	unsigned op = x->opcode[0] == 0x0f ? 0x0f00u | x->opcode[1] : x->opcode[0];
	size_t n = 0;

	if (f->is_call && f->has_target) { /* call rel32 */
		emit_push_ret(out, &n, addr + f->len);
		if (!emit_jmp(out, &n, slot, f->target))
			return -1;
	} else if (f->is_jump && !f->is_cond_jump && f->has_target) { /* jmp rel8/rel32 */
		if (!emit_jmp(out, &n, slot, f->target))
			return -1;
	} else if (f->is_cond_jump && op >= 0xe0 && op <= 0xe3) {
		return -1;            /* loop/jrcxz: rel8 only; step in place */
	} else if (f->is_cond_jump) { /* jcc rel8/rel32 -> jcc rel32 to the same target */
		int64_t rel = (int64_t)(f->target - (slot + 6));
		int32_t r32 = (int32_t)rel;
		if (!f->has_target || !fits32(rel))
			return -1;
		out[n++] = 0x0f;
		out[n++] = (unsigned char)(0x80 | (op & 0xf));
		memcpy(out + n, &r32, 4);
		n += 4;
		if (!emit_jmp(out, &n, slot, addr + f->len))
			return -1;
	} else if (f->is_call && op == 0xff && ((x->modrm >> 3) & 7) == 2) { /* call indirect */
		if (uses_rsp(x))
			return -1; /* the push would move its operand */
		emit_push_ret(out, &n, addr + f->len);
		size_t at = n;
		if (!emit_copy(d->cs, addr, out, &n, slot))
			return -1;
		out[at + x->encoding.modrm_offset] = (unsigned char)((x->modrm & ~0x38) |
								     (4 << 3)); /* -> jmp */
	} else {
		/* Everything else, ret and syscall included, runs as is (re-aimed if rip-relative);
		 * a ret or jmp through a register never reaches the jump back. */
		if (!emit_copy(d->cs, addr, out, &n, slot) ||
		    !emit_jmp(out, &n, slot, addr + f->len))
			return -1;
	}
	return (int)n;
}

int arch_build_slot(uint64_t addr, const unsigned char *insn, size_t avail, uint64_t slot,
		    unsigned char *out, size_t outlen, unsigned *insn_len)
{
	struct arch_x86_insn d;
	int ret;

	*insn_len = 0;
	if (outlen < ARCH_SLOT_SIZE || !arch_x86_insn_decode(insn, avail, addr, &d))
		return -1;
	*insn_len = d.info.len;
	ret = build(&d, addr, slot, out);
	arch_x86_insn_release(&d);
	return ret;
}
