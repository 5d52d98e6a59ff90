/*
 * arch/x86_64/displaced.c - out-of-line copies of instructions that sit under a breakpoint.
 *
 * Owns: decoding one instruction (Capstone) and rewriting it to run at another address: a
 * rip-relative operand gets a new displacement, a relative call becomes a push of the return
 * address and a jump, a relative jump or conditional jump gets a 32-bit displacement to the
 * same target; every copy ends with a jump back to the next original instruction. Must not:
 * touch the tracee (the caller writes the bytes).
 */
#include <capstone/capstone.h>
#include <string.h>

#include "arch/arch.h"
#include "capstone.h"

static csh cs_handle;
static bool cs_ready;

static bool cs_init(void)
{
	if (!cs_ready && arch_cs_load() && cs_api.open(CS_ARCH_X86, CS_MODE_64, &cs_handle) == CS_ERR_OK) {
		cs_api.option(cs_handle, CS_OPT_DETAIL, CS_OPT_ON);
		cs_ready = true;
	}
	return cs_ready;
}

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
	out[(*n)++] = 0xc7; out[(*n)++] = 0x04; out[(*n)++] = 0x24;
	memcpy(out + *n, &lo, 4);
	*n += 4;
	out[(*n)++] = 0xc7; out[(*n)++] = 0x44; out[(*n)++] = 0x24; out[(*n)++] = 0x04;
	memcpy(out + *n, &hi, 4);
	*n += 4;
}

/* Copy the instruction with its rip-relative displacement re-aimed for its new address. */
static bool emit_copy(const cs_insn *in, uint64_t addr, unsigned char *out, size_t *n,
		      uint64_t at)
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
		    (o->type == X86_OP_MEM && (o->mem.base == X86_REG_RSP || o->mem.index == X86_REG_RSP)))
			return true;
	}
	return false;
}

static int64_t branch_target(const cs_insn *in)
{
	const cs_x86 *x = &in->detail->x86;

	return x->op_count == 1 && x->operands[0].type == X86_OP_IMM ? x->operands[0].imm : -1;
}

int arch_build_slot(uint64_t addr, const unsigned char *insn, size_t avail, uint64_t slot,
		    unsigned char *out, size_t outlen, unsigned *insn_len)
{
	cs_insn *in = NULL;
	size_t n = 0;
	int ret = -1;
	unsigned op;

	*insn_len = 0;
	if (!cs_init() || outlen < ARCH_SLOT_SIZE || cs_api.disasm(cs_handle, insn, avail, addr, 1, &in) != 1)
		return -1;
	*insn_len = in->size;
	op = in->detail->x86.opcode[0];
	if (op == 0x0f)
		op = 0x0f00 | in->detail->x86.opcode[1];
	if (op == 0xe8) { /* call rel32 */
		int64_t target = branch_target(in);
		emit_push_ret(out, &n, addr + in->size);
		if (target < 0 || !emit_jmp(out, &n, slot, (uint64_t)target))
			goto out;
	} else if (op == 0xe9 || op == 0xeb) { /* jmp rel */
		int64_t target = branch_target(in);
		if (target < 0 || !emit_jmp(out, &n, slot, (uint64_t)target))
			goto out;
	} else if ((op >= 0x70 && op <= 0x7f) || (op >= 0x0f80 && op <= 0x0f8f)) { /* jcc */
		int64_t target = branch_target(in);
		int64_t rel = target - (int64_t)(slot + 6);
		int32_t r32 = (int32_t)rel;
		if (target < 0 || !fits32(rel))
			goto out;
		out[n++] = 0x0f;
		out[n++] = (unsigned char)(0x80 | (op & 0xf));
		memcpy(out + n, &r32, 4);
		n += 4;
		if (!emit_jmp(out, &n, slot, addr + in->size))
			goto out;
	} else if ((op >= 0xe0 && op <= 0xe3)) { /* loop/jrcxz: rel8 only; step in place */
		goto out;
	} else if (op == 0xff && ((in->detail->x86.modrm >> 3) & 7) == 2) { /* call indirect */
		if (uses_rsp(&in->detail->x86))
			goto out; /* the push would move its operand */
		emit_push_ret(out, &n, addr + in->size);
		size_t at = n;
		if (!emit_copy(in, addr, out, &n, slot))
			goto out;
		out[at + in->detail->x86.encoding.modrm_offset] =
			(unsigned char)((in->detail->x86.modrm & ~0x38) | (4 << 3)); /* -> jmp */
	} else {
		/* Everything else, ret and syscall included, runs as is (re-aimed if rip-relative);
		 * a ret or jmp through a register never reaches the jump back. */
		if (!emit_copy(in, addr, out, &n, slot) || !emit_jmp(out, &n, slot, addr + in->size))
			goto out;
	}
	ret = (int)n;
out:
	cs_api.free(in, 1);
	return ret;
}
