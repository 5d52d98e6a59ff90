/*
 * arch/x86_64/disasm.c - instructions as text for people (AT&T syntax, as gdb shows them),
 * with what a stepper needs to know: length, call, return, branch target.
 */
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "capstone.h"

static csh att;
static bool att_ready;

/* Capstone writes a size suffix on BMI/ABM instructions ("tzcntl", "sarxl") that binutils
 * leaves off: a register operand always gives their size. */
static void bmi_suffix(char *mnem)
{
	static const char *const bases[] = { "tzcnt", "lzcnt", "popcnt", "andn", "bextr", "blsi",
					     "blsmsk", "blsr", "bzhi", "mulx", "pdep", "pext",
					     "rorx", "sarx", "shlx", "shrx", NULL };
	size_t n = strlen(mnem);

	if (n < 2 || !strchr("wlq", mnem[n - 1]))
		return;
	for (int i = 0; bases[i]; i++)
		if (strlen(bases[i]) == n - 1 && !strncmp(mnem, bases[i], n - 1)) {
			mnem[n - 1] = '\0';
			return;
		}
}

int arch_disasm(uint64_t addr, const unsigned char *code, size_t len, struct cdbg_insn *out,
		size_t max)
{
	cs_insn *in = NULL;
	size_t n;

	if (!att_ready) {
		if (!arch_cs_load() || cs_api.open(CS_ARCH_X86, CS_MODE_64, &att) != CS_ERR_OK)
			return -1;
		cs_api.option(att, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
		cs_api.option(att, CS_OPT_DETAIL, CS_OPT_ON);
		att_ready = true;
	}
	n = cs_api.disasm(att, code, len, addr, max, &in);
	for (size_t i = 0; i < n; i++) {
		struct cdbg_insn *o = &out[i];
		const cs_insn *x = &in[i];
		memset(o, 0, sizeof(*o));
		o->addr = x->address;
		o->size = x->size;
		memcpy(o->bytes, x->bytes, x->size < sizeof(o->bytes) ? x->size : sizeof(o->bytes));
		char mnem[sizeof(x->mnemonic)];
		snprintf(mnem, sizeof(mnem), "%s", x->mnemonic);
		bmi_suffix(mnem);
		snprintf(o->text, sizeof(o->text), "%s%s%s", mnem, x->op_str[0] ? " " : "",
			 x->op_str);
		for (unsigned g = 0; g < x->detail->groups_count; g++) {
			o->is_call |= x->detail->groups[g] == CS_GRP_CALL;
			o->is_ret |= x->detail->groups[g] == CS_GRP_RET;
			o->is_jump |= x->detail->groups[g] == CS_GRP_JUMP;
		}
		if ((o->is_call || o->is_jump) && x->detail->x86.op_count == 1 &&
		    x->detail->x86.operands[0].type == X86_OP_IMM)
			o->target = (uint64_t)x->detail->x86.operands[0].imm;
	}
	cs_api.free(in, n);
	return (int)n;
}
