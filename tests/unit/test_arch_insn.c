/*
 * test_arch_insn: arch_insn_info (src/arch/x86_64/insn_info.c), the instruction facts stepping and
 * the slot rewriter decide on. A table of instruction bytes at a pc against every fact.
 * Proves: lengths (prefixes, immediates, a 10-byte movabs); direct calls and jumps with their
 * absolute targets (forwards, backwards, rel8 and rel32); indirect calls and jumps through a
 * register, memory and rip-relative memory (no target); conditional jumps (jcc rel8/rel32,
 * loop, jrcxz) apart from plain ones; returns; system calls (syscall, sysenter, int $0x80, not
 * int3); rip-relative operands; VEX instructions whose opcode byte is a jcc's or loop's are
 * none of these; invalid and cut-short bytes are refused and leave the output
 * alone. Needs no tracee (Capstone must be installed, else the test is skipped).
 */
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "harness.h"

#define PC 0x401000ull

/* Flags of a case, in the order of struct arch_insn's. */
enum {
	CALL = 1 << 0,
	RET = 1 << 1,
	JMP = 1 << 2,
	COND = 1 << 3,
	SYS = 1 << 4,
	IND = 1 << 5,
	RIP = 1 << 6,
	TGT = 1 << 7,
};

struct insn_case {
	const char *what;
	unsigned char in[16];
	size_t inlen;
	int ok;          /* arch_insn_info's result */
	unsigned len;    /* bytes */
	unsigned flags;  /* CALL | RET | ... */
	uint64_t target; /* with TGT */
};

static const struct insn_case cases[] = {
	{ "call rel32 forwards", { 0xe8, 0xfb, 0x0f, 0x00, 0x00 }, 5, 0, 5, CALL | TGT, PC + 0x1000 },
	{ "call rel32 backwards",
	  { 0xe8, 0x00, 0xf0, 0xff, 0xff },
	  5,
	  0,
	  5,
	  CALL | TGT,
	  PC + 5 - 0x1000 },
	{ "call *%rax", { 0xff, 0xd0 }, 2, 0, 2, CALL | IND, 0 },
	{ "call *0x8(%rbx)", { 0xff, 0x53, 0x08 }, 3, 0, 3, CALL | IND, 0 },
	{ "call *0x1000(%rip)", { 0xff, 0x15, 0x00, 0x10, 0x00, 0x00 }, 6, 0, 6, CALL | IND | RIP, 0 },
	{ "call *%r11", { 0x41, 0xff, 0xd3 }, 3, 0, 3, CALL | IND, 0 },
	{ "ret", { 0xc3 }, 1, 0, 1, RET, 0 },
	{ "ret $8", { 0xc2, 0x08, 0x00 }, 3, 0, 3, RET, 0 },
	{ "jmp rel8", { 0xeb, 0x10 }, 2, 0, 2, JMP | TGT, PC + 0x12 },
	{ "jmp rel8 to itself", { 0xeb, 0xfe }, 2, 0, 2, JMP | TGT, PC },
	{ "jmp rel32", { 0xe9, 0x00, 0x01, 0x00, 0x00 }, 5, 0, 5, JMP | TGT, PC + 0x105 },
	{ "jmp *%rax", { 0xff, 0xe0 }, 2, 0, 2, JMP | IND, 0 },
	{ "jmp *-0x10(%rip)", { 0xff, 0x25, 0xf0, 0xff, 0xff, 0xff }, 6, 0, 6, JMP | IND | RIP, 0 },
	{ "je rel8", { 0x74, 0xf0 }, 2, 0, 2, JMP | COND | TGT, PC + 2 - 0x10 },
	{ "jg rel32", { 0x0f, 0x8f, 0x00, 0x02, 0x00, 0x00 }, 6, 0, 6, JMP | COND | TGT, PC + 0x206 },
	{ "loop", { 0xe2, 0xfe }, 2, 0, 2, JMP | COND | TGT, PC },
	{ "jrcxz", { 0xe3, 0x05 }, 2, 0, 2, JMP | COND | TGT, PC + 7 },
	{ "syscall", { 0x0f, 0x05 }, 2, 0, 2, SYS, 0 },
	{ "sysenter", { 0x0f, 0x34 }, 2, 0, 2, SYS, 0 },
	{ "int $0x80", { 0xcd, 0x80 }, 2, 0, 2, SYS, 0 },
	{ "int3", { 0xcc }, 1, 0, 1, 0, 0 },
	{ "mov 0x100(%rip),%rax", { 0x48, 0x8b, 0x05, 0x00, 0x01, 0x00, 0x00 }, 7, 0, 7, RIP, 0 },
	{ "lea 0x1234(%rip),%rdi", { 0x48, 0x8d, 0x3d, 0x34, 0x12, 0x00, 0x00 }, 7, 0, 7, RIP, 0 },
	{ "mov 0x10(%rax),%rax", { 0x48, 0x8b, 0x40, 0x10 }, 4, 0, 4, 0, 0 },
	{ "push %rbp, more bytes after", { 0x55, 0x48, 0x89, 0xe5 }, 4, 0, 1, 0, 0 },
	{ "movabs $0x1122334455667788,%rax",
	  { 0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 },
	  10,
	  0,
	  10,
	  0,
	  0 },
	{ "endbr64", { 0xf3, 0x0f, 0x1e, 0xfa }, 4, 0, 4, 0, 0 },
	{ "nopw 0x0(%rax,%rax,1) (prefixed)", { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 }, 6, 0, 6, 0, 0 },
	{ "vpshufd $0x1b,%xmm1,%xmm0 (VEX, opcode 0x70)",
	  { 0xc5, 0xf9, 0x70, 0xc1, 0x1b },
	  5,
	  0,
	  5,
	  0,
	  0 },
	{ "vpavgb %xmm2,%xmm1,%xmm0 (VEX, opcode 0xe0)", { 0xc5, 0xf1, 0xe0, 0xc2 }, 4, 0, 4, 0, 0 },
	{ "invalid in 64-bit mode (push %es)", { 0x06 }, 1, -1, 0, 0, 0 },
	{ "cut short (3 of call's 5 bytes)", { 0xe8, 0x00, 0x00 }, 3, -1, 0, 0, 0 },
	{ "no bytes", { 0 }, 0, -1, 0, 0, 0 },
};

static unsigned flags_of(const struct arch_insn *in)
{
	return (in->is_call ? CALL : 0) | (in->is_ret ? RET : 0) | (in->is_jump ? JMP : 0) |
	       (in->is_cond_jump ? COND : 0) | (in->is_syscall ? SYS : 0) |
	       (in->is_indirect ? IND : 0) | (in->pc_relative ? RIP : 0) |
	       (in->has_target ? TGT : 0);
}

static void flag_text(char *buf, size_t size, unsigned f)
{
	static const char *const names[] = { "call",    "ret",      "jump",         "cond",
					     "syscall", "indirect", "rip-relative", "target" };

	snprintf(buf, size, "-");
	for (unsigned i = 0, at = 0; i < 8; i++)
		if (f & (1u << i))
			at += (unsigned)snprintf(buf + at, size - at, "%s%s", at ? "," : "",
						 names[i]);
}

/* One case: 0 when every fact is as expected, else 1 (after saying which). */
static int run_case(const struct insn_case *c)
{
	struct arch_insn in;
	char got[100], want[100];
	int r;

	memset(&in, 0x5a, sizeof(in));
	r = arch_insn_info(c->in, c->inlen, PC, &in);
	if (r != c->ok) {
		printf("FAIL %-38s returned %d, want %d\n", c->what, r, c->ok);
		return 1;
	}
	if (r < 0) {
		struct arch_insn untouched;
		memset(&untouched, 0x5a, sizeof(untouched));
		if (memcmp(&in, &untouched, sizeof(in))) {
			printf("FAIL %-38s refused but wrote its output\n", c->what);
			return 1;
		}
		printf("ok   %-38s refused\n", c->what);
		return 0;
	}
	flag_text(got, sizeof(got), flags_of(&in));
	flag_text(want, sizeof(want), c->flags);
	if (in.len != c->len || flags_of(&in) != c->flags ||
	    in.target != (c->flags & TGT ? c->target : 0)) {
		printf("FAIL %-38s got length %u %s %#llx; want length %u %s %#llx\n", c->what,
		       in.len, got, (unsigned long long)in.target, c->len, want,
		       (unsigned long long)(c->flags & TGT ? c->target : 0));
		return 1;
	}
	printf("ok   %-38s length %u %s", c->what, in.len, got);
	if (in.has_target)
		printf(" %#llx", (unsigned long long)in.target);
	printf("\n");
	return 0;
}

int main(void)
{
	static const unsigned char nop[] = { 0x90 };
	struct arch_insn in;
	int failed = 0;

	if (arch_insn_info(nop, sizeof(nop), PC, &in) < 0)
		h_skip("no instruction decoder (Capstone is not installed)");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += run_case(&cases[i]);
	CHECK(failed == 0, "%d of %zu cases failed", failed, sizeof(cases) / sizeof(cases[0]));
	return h_pass();
}
