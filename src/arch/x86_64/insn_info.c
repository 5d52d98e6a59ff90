/*
 * arch/x86_64/insn_info.c - the facts of one instruction that control code needs: its length,
 * whether it calls, returns, jumps (conditionally or not), enters the kernel, reads memory
 * relative to the pc, and its direct target. From Capstone's structured decode (loaded through
 * capstone.c), never from its text.
 *
 * Owns: arch_insn_info and the decoder handle it shares with displaced.c
 * (arch_x86_insn_decode). Must not: produce text (insn_text.c does), read the tracee (callers
 * pass the bytes).
 */
#include <string.h>

#include "insn.h"

static csh insn_handle;
static bool insn_ready;

static bool insn_init(void)
{
	if (!insn_ready && arch_cs_load() &&
	    cs_api.open(CS_ARCH_X86, CS_MODE_64, &insn_handle) == CS_ERR_OK) {
		cs_api.option(insn_handle, CS_OPT_DETAIL, CS_OPT_ON);
		insn_ready = true;
	}
	return insn_ready;
}

/* jcc rel8 (70-7f), jcc rel32 (0f 80-8f), loop/loope/loopne/jrcxz (e0-e3). */
static bool is_cond_opcode(const cs_x86 *x)
{
	unsigned op = x->opcode[0];

	if (op == 0x0f)
		return x->opcode[1] >= 0x80 && x->opcode[1] <= 0x8f;
	return (op >= 0x70 && op <= 0x7f) || (op >= 0xe0 && op <= 0xe3);
}

static void insn_facts(const cs_insn *in, struct arch_insn *o)
{
	const cs_x86 *x = &in->detail->x86;

	memset(o, 0, sizeof(*o));
	o->len = in->size;
	for (unsigned g = 0; g < in->detail->groups_count; g++) {
		o->is_call |= in->detail->groups[g] == CS_GRP_CALL;
		o->is_ret |= in->detail->groups[g] == CS_GRP_RET;
		o->is_jump |= in->detail->groups[g] == CS_GRP_JUMP;
	}
	/* Capstone 4 puts loop, loope and loopne in no group. */
	o->is_jump |= in->id == X86_INS_LOOP || in->id == X86_INS_LOOPE || in->id == X86_INS_LOOPNE;
	/* Only among jumps: a VEX instruction's opcode byte may be 0x70 (vpshufd). */
	o->is_cond_jump = o->is_jump && is_cond_opcode(x);
	o->is_syscall = in->id == X86_INS_SYSCALL || in->id == X86_INS_SYSENTER ||
			in->id == X86_INS_INT;
	if ((o->is_call || o->is_jump) && x->op_count == 1 && x->operands[0].type == X86_OP_IMM) {
		o->has_target = true;
		o->target = (uint64_t)x->operands[0].imm;
	}
	o->is_indirect = (o->is_call || o->is_jump) && !o->has_target;
	for (int i = 0; i < x->op_count; i++)
		o->pc_relative |= x->operands[i].type == X86_OP_MEM &&
				  x->operands[i].mem.base == X86_REG_RIP;
}

bool arch_x86_insn_decode(const uint8_t *bytes, size_t n, uint64_t pc, struct arch_x86_insn *d)
{
	d->cs = NULL;
	if (!insn_init() || cs_api.disasm(insn_handle, bytes, n, pc, 1, &d->cs) != 1)
		return false;
	insn_facts(d->cs, &d->info);
	return true;
}

void arch_x86_insn_release(struct arch_x86_insn *d)
{
	if (d->cs)
		cs_api.free(d->cs, 1);
	d->cs = NULL;
}

int arch_insn_info(const uint8_t *bytes, size_t n, uint64_t pc, struct arch_insn *out)
{
	struct arch_x86_insn d;

	if (!arch_x86_insn_decode(bytes, n, pc, &d))
		return -1;
	*out = d.info;
	arch_x86_insn_release(&d);
	return 0;
}
