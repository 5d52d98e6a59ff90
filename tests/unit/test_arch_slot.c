/*
 * test_arch_slot: arch_build_slot (src/arch/x86_64/displaced.c), the rewriter that makes an
 * instruction under a breakpoint run from a slot elsewhere. A table of instruction bytes at a
 * pc and a slot address against the exact bytes the slot must hold (worked out by hand, not by
 * the code under test), or a refusal. Proves: rip-relative loads, stores, lea and an operand
 * with an immediate after its displacement are re-aimed at the same target; call rel32 becomes
 * a push of the original return address (both halves) and a jump; jmp rel8/rel32 become one
 * jump rel32 to the same target; jcc rel8/rel32 become jcc rel32 and a jump back; indirect
 * calls through rip-relative memory, memory and a register become a push and an indirect jump;
 * indirect jumps, ret and syscall run as they are; everything else is copied and followed by a
 * jump back to the next instruction (VEX instructions whose opcode byte is a jcc's or a loop's
 * included); loop/jrcxz, calls through rsp, targets out of reach,
 * invalid and cut instructions, and a too-small buffer are refused. Needs no tracee (Capstone
 * must be installed, else the test is skipped).
 */
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "harness.h"

#define A 0x40000000ull /* where the instruction is */
#define S 0x50000000ull /* the slot: 0x10000000 above it */
/* The jump back to A + len from the end of a copy at S + len: rel32 = -0x10000005. */
#define BACK 0xe9, 0xfb, 0xff, 0xff, 0xef
/* lea -0x8(%rsp),%rsp; movl $lo,(%rsp); movl $hi,4(%rsp): the return address ret pushed. */
#define PUSH(b0, b1, b2, b3, h0, h1, h2, h3)                                                       \
	0x48, 0x8d, 0x64, 0x24, 0xf8, 0xc7, 0x04, 0x24, b0, b1, b2, b3, 0xc7, 0x44, 0x24, 0x04,    \
		h0, h1, h2, h3

struct slot_case {
	const char *what;
	uint64_t addr, slot;
	unsigned char in[16];
	size_t inlen;
	int want;              /* bytes written, or -1: refused */
	unsigned want_len;     /* *insn_len */
	unsigned char out[32]; /* the slot's bytes (want of them) */
};

static const struct slot_case cases[] = {
	/* ---- rip-relative operands: displacement + 0x10000000 less, then the jump back ---- */
	{ "mov 0x100(%rip),%rax",
	  A,
	  S,
	  { 0x48, 0x8b, 0x05, 0x00, 0x01, 0x00, 0x00 },
	  7,
	  12,
	  7,
	  { 0x48, 0x8b, 0x05, 0x00, 0x01, 0x00, 0xf0, BACK } },
	{ "mov %eax,-0x20(%rip)",
	  A,
	  S,
	  { 0x89, 0x05, 0xe0, 0xff, 0xff, 0xff },
	  6,
	  11,
	  6,
	  { 0x89, 0x05, 0xe0, 0xff, 0xff, 0xef, BACK } },
	{ "lea 0x1234(%rip),%rdi",
	  A,
	  S,
	  { 0x48, 0x8d, 0x3d, 0x34, 0x12, 0x00, 0x00 },
	  7,
	  12,
	  7,
	  { 0x48, 0x8d, 0x3d, 0x34, 0x12, 0x00, 0xf0, BACK } },
	{ "cmpl $5,0x10(%rip) (immediate after the displacement)",
	  A,
	  S,
	  { 0x83, 0x3d, 0x10, 0x00, 0x00, 0x00, 0x05 },
	  7,
	  12,
	  7,
	  { 0x83, 0x3d, 0x10, 0x00, 0x00, 0xf0, 0x05, BACK } },
	{ "movss 0x8(%rip),%xmm1 (prefixed)",
	  A,
	  S,
	  { 0xf3, 0x0f, 0x10, 0x0d, 0x08, 0x00, 0x00, 0x00 },
	  8,
	  13,
	  8,
	  { 0xf3, 0x0f, 0x10, 0x0d, 0x08, 0x00, 0x00, 0xf0, BACK } },
	/* ---- call rel32: push A + 5, jump to the target ---- */
	{ "call A+0x1000",
	  A,
	  S,
	  { 0xe8, 0xfb, 0x0f, 0x00, 0x00 },
	  5,
	  25,
	  5,
	  { PUSH(0x05, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00), 0xe9, 0xe7, 0x0f, 0x00, 0xf0 } },
	{ "call next at 0x7f1234567000 (high half pushed)",
	  0x7f1234567000ull,
	  0x7f1244567000ull,
	  { 0xe8, 0x00, 0x00, 0x00, 0x00 },
	  5,
	  25,
	  5,
	  { PUSH(0x05, 0x70, 0x56, 0x34, 0x12, 0x7f, 0x00, 0x00), 0xe9, 0xec, 0xff, 0xff, 0xef } },
	{ "call backwards, slot below the code",
	  A,
	  A - 0x1000,
	  { 0xe8, 0x00, 0xf0, 0xff, 0xff },
	  5,
	  25,
	  5,
	  { PUSH(0x05, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00), 0xe9, 0xec, 0xff, 0xff, 0xff } },
	/* ---- jmp rel8/rel32: one jmp rel32 to the same target ---- */
	{ "jmp rel8 +0x10", A, S, { 0xeb, 0x10 }, 2, 5, 2, { 0xe9, 0x0d, 0x00, 0x00, 0xf0 } },
	{ "jmp rel32 +0x100",
	  A,
	  S,
	  { 0xe9, 0x00, 0x01, 0x00, 0x00 },
	  5,
	  5,
	  5,
	  { 0xe9, 0x00, 0x01, 0x00, 0xf0 } },
	/* ---- jcc: jcc rel32 to the target, then the jump back to A + len from S + 6 ---- */
	{ "je rel8 -0x10",
	  A,
	  S,
	  { 0x74, 0xf0 },
	  2,
	  11,
	  2,
	  { 0x0f, 0x84, 0xec, 0xff, 0xff, 0xef, 0xe9, 0xf7, 0xff, 0xff, 0xef } },
	{ "jg rel32 +0x200",
	  A,
	  S,
	  { 0x0f, 0x8f, 0x00, 0x02, 0x00, 0x00 },
	  6,
	  11,
	  6,
	  { 0x0f, 0x8f, 0x00, 0x02, 0x00, 0xf0, 0xe9, 0xfb, 0xff, 0xff, 0xef } },
	{ "jno rel8 +0",
	  A,
	  S,
	  { 0x71, 0x00 },
	  2,
	  11,
	  2,
	  { 0x0f, 0x81, 0xfc, 0xff, 0xff, 0xef, 0xe9, 0xf7, 0xff, 0xff, 0xef } },
	/* ---- indirect calls: push A + len, the same operand as a jmp (ff /2 -> ff /4) ---- */
	{ "call *0x1000(%rip)",
	  A,
	  S,
	  { 0xff, 0x15, 0x00, 0x10, 0x00, 0x00 },
	  6,
	  26,
	  6,
	  { PUSH(0x06, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00), 0xff, 0x25, 0xec, 0x0f, 0x00,
	    0xf0 } },
	{ "call *%rax",
	  A,
	  S,
	  { 0xff, 0xd0 },
	  2,
	  22,
	  2,
	  { PUSH(0x02, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00), 0xff, 0xe0 } },
	{ "call *0x8(%rbx)",
	  A,
	  S,
	  { 0xff, 0x53, 0x08 },
	  3,
	  23,
	  3,
	  { PUSH(0x03, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00), 0xff, 0x63, 0x08 } },
	{ "call *%r11",
	  A,
	  S,
	  { 0x41, 0xff, 0xd3 },
	  3,
	  23,
	  3,
	  { PUSH(0x03, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00), 0x41, 0xff, 0xe3 } },
	/* ---- indirect jumps, ret, syscall and the rest: as they are, then the jump back ---- */
	{ "jmp *-0x10(%rip)",
	  A,
	  S,
	  { 0xff, 0x25, 0xf0, 0xff, 0xff, 0xff },
	  6,
	  11,
	  6,
	  { 0xff, 0x25, 0xf0, 0xff, 0xff, 0xef, BACK } },
	{ "jmp *%rax", A, S, { 0xff, 0xe0 }, 2, 7, 2, { 0xff, 0xe0, BACK } },
	{ "ret", A, S, { 0xc3 }, 1, 6, 1, { 0xc3, BACK } },
	{ "syscall", A, S, { 0x0f, 0x05 }, 2, 7, 2, { 0x0f, 0x05, BACK } },
	{ "push %rbp", A, S, { 0x55, 0x48, 0x89, 0xe5 }, 4, 6, 1, { 0x55, BACK } },
	{ "mov %rsp,%rbp", A, S, { 0x48, 0x89, 0xe5 }, 3, 8, 3, { 0x48, 0x89, 0xe5, BACK } },
	{ "endbr64", A, S, { 0xf3, 0x0f, 0x1e, 0xfa }, 4, 9, 4, { 0xf3, 0x0f, 0x1e, 0xfa, BACK } },
	{ "vpshufd $0x1b,%xmm1,%xmm0 (VEX, opcode 0x70: no jcc)",
	  A,
	  S,
	  { 0xc5, 0xf9, 0x70, 0xc1, 0x1b },
	  5,
	  10,
	  5,
	  { 0xc5, 0xf9, 0x70, 0xc1, 0x1b, BACK } },
	{ "vpavgb %xmm2,%xmm1,%xmm0 (VEX, opcode 0xe0: no loop)",
	  A,
	  S,
	  { 0xc5, 0xf1, 0xe0, 0xc2 },
	  4,
	  9,
	  4,
	  { 0xc5, 0xf1, 0xe0, 0xc2, BACK } },
	/* ---- refused: the thread is stepped in place ---- */
	{ "loop (rel8 only)", A, S, { 0xe2, 0xfe }, 2, -1, 2, { 0 } },
	{ "jrcxz (rel8 only)", A, S, { 0xe3, 0x05 }, 2, -1, 2, { 0 } },
	{ "call *0x8(%rsp) (the push would move it)",
	  A,
	  S,
	  { 0xff, 0x54, 0x24, 0x08 },
	  4,
	  -1,
	  4,
	  { 0 } },
	{ "call *%rsp", A, S, { 0xff, 0xd4 }, 2, -1, 2, { 0 } },
	{ "mov 0x7ffffff0(%rip),%rax with the slot below: out of reach",
	  A,
	  A - 0x10000000,
	  { 0x48, 0x8b, 0x05, 0xf0, 0xff, 0xff, 0x7f },
	  7,
	  -1,
	  7,
	  { 0 } },
	{ "call with the slot 127 TiB away",
	  A,
	  0x7f0000000000ull,
	  { 0xe8, 0x00, 0x00, 0x00, 0x00 },
	  5,
	  -1,
	  5,
	  { 0 } },
	{ "jne with the slot 127 TiB away", A, 0x7f0000000000ull, { 0x75, 0x02 }, 2, -1, 2, { 0 } },
	{ "invalid in 64-bit mode (push %es)", A, S, { 0x06 }, 1, -1, 0, { 0 } },
	{ "cut short (2 of call's 5 bytes)", A, S, { 0xe8, 0x00 }, 2, -1, 0, { 0 } },
};

static void hex(char *buf, size_t size, const unsigned char *b, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && at + 4 < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%02x", i ? " " : "", b[i]);
}

/* One case: 0 when the slot is as expected, else 1 (after saying why). */
static int run_case(const struct slot_case *c)
{
	unsigned char out[ARCH_SLOT_SIZE + 8];
	char got[200], want[200];
	unsigned len = 99;
	int n;

	memset(out, 0xaa, sizeof(out));
	n = arch_build_slot(c->addr, c->in, c->inlen, c->slot, out, ARCH_SLOT_SIZE, &len);
	if (n != c->want || len != c->want_len) {
		printf("FAIL %-58s returned %d, length %u; want %d, length %u\n", c->what, n, len,
		       c->want, c->want_len);
		return 1;
	}
	if (n < 0) {
		printf("ok   %-58s refused (length %u)\n", c->what, len);
		return 0;
	}
	hex(got, sizeof(got), out, (size_t)n);
	hex(want, sizeof(want), c->out, (size_t)c->want);
	if (memcmp(out, c->out, (size_t)n) != 0 || n > ARCH_SLOT_SIZE ||
	    out[ARCH_SLOT_SIZE] != 0xaa) {
		printf("FAIL %-58s\n       got  %s\n       want %s\n", c->what, got, want);
		return 1;
	}
	printf("ok   %-58s %s\n", c->what, got);
	return 0;
}

int main(void)
{
	static const unsigned char nop[] = { 0x90 };
	unsigned char out[ARCH_SLOT_SIZE];
	struct arch_insn in;
	unsigned len = 99;
	int failed = 0;

	if (arch_insn_info(nop, sizeof(nop), A, &in) < 0)
		h_skip("no instruction decoder (Capstone is not installed)");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += run_case(&cases[i]);
	/* A buffer smaller than a slot: refused before anything is written. */
	memset(out, 0xaa, sizeof(out));
	if (arch_build_slot(A, nop, 1, S, out, ARCH_SLOT_SIZE - 1, &len) != -1 || out[0] != 0xaa) {
		printf("FAIL a buffer of %d bytes was accepted\n", ARCH_SLOT_SIZE - 1);
		failed++;
	} else {
		printf("ok   %-58s refused\n", "a buffer smaller than ARCH_SLOT_SIZE");
	}
	CHECK(failed == 0, "%d of %zu cases failed", failed, sizeof(cases) / sizeof(cases[0]) + 1);
	return h_pass();
}
