/*
 * test_arch_abi: the calling convention cdbg_call lays out (src/arch/x86_64/abi.c) and the
 * register role names. Proves: the call's stack starts below the 128-byte red zone; string
 * blobs are 16-aligned below the top; the stack arguments start 16-aligned with the return
 * address just below them, so (sp + 8) % 16 == 0 at the called function's entry, for 0 to 10
 * stack words and any top; the six argument registers, al = vector count, rip, rsp, orig_rax =
 * -1, TF and DF cleared, other flags kept; doubles go in the low half of xmm0-7 with the high
 * half cleared and the SSE bit set in XSTATE_BV; results from rax and xmm0; pc/sp/fp name
 * rip/rsp/rbp. Needs no tracee.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/user.h>

#include "arch/arch.h"
#include "harness.h"

static void test_stack(void)
{
	static const struct {
		uint64_t top;
		int nstack;
		uint64_t args_at, sp;
	} frames[] = {
		{ 0x7ffc1000, 0, 0x7ffc1000, 0x7ffc0ff8 },
		{ 0x7ffc1008, 0, 0x7ffc1000, 0x7ffc0ff8 },
		{ 0x7ffc1000, 1, 0x7ffc0ff0, 0x7ffc0fe8 },
		{ 0x7ffc1000, 2, 0x7ffc0ff0, 0x7ffc0fe8 },
		{ 0x7ffc1000, 3, 0x7ffc0fe0, 0x7ffc0fd8 },
		{ 0x7ffc100f, 10, 0x7ffc0fb0, 0x7ffc0fa8 },
	};
	struct arch_call_frame f;

	CHECK_EQ(arch_call_stack_top(0x7ffc2000), 0x7ffc2000 - 128);
	printf("ok   stack top 128 bytes below sp (red zone)\n");
	CHECK_EQ(arch_call_stack_blob(0x7ffc1000, 6), 0x7ffc0ff0);
	CHECK_EQ(arch_call_stack_blob(0x7ffc1000, 16), 0x7ffc0ff0);
	CHECK_EQ(arch_call_stack_blob(0x7ffc1000, 17), 0x7ffc0fe0);
	printf("ok   blobs 16-aligned below the top\n");
	for (size_t i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
		arch_call_frame(frames[i].top, frames[i].nstack, &f);
		CHECK(f.args_at == frames[i].args_at && f.sp == frames[i].sp && f.ret_at == f.sp,
		      "top %#llx, %d words: args %#llx sp %#llx ret %#llx",
		      (unsigned long long)frames[i].top, frames[i].nstack,
		      (unsigned long long)f.args_at, (unsigned long long)f.sp,
		      (unsigned long long)f.ret_at);
		CHECK((f.sp + 8) % 16 == 0 &&
			      f.args_at + 8 * (uint64_t)frames[i].nstack <= frames[i].top,
		      "misaligned or over the top");
		printf("ok   frame below %#llx with %2d stack words: args at %#llx, sp %#llx\n",
		       (unsigned long long)frames[i].top, frames[i].nstack,
		       (unsigned long long)f.args_at, (unsigned long long)f.sp);
	}
}

static void test_registers(void)
{
	struct arch_gpr g;
	struct user_regs_struct *r = (struct user_regs_struct *)&g;
	const uint64_t args[6] = { 1, 2, 3, 4, 5, 6 };

	memset(&g, 0x77, sizeof(g));
	r->eflags = 0x746; /* TF, DF, ZF, PF, IF and bit 1 */
	arch_setup_call(&g, 0x401136, args, 6, 0x7ffc0fe8, 2);
	CHECK(r->rdi == 1 && r->rsi == 2 && r->rdx == 3 && r->rcx == 4 && r->r8 == 5 && r->r9 == 6,
	      "argument registers");
	CHECK(r->rax == 2 && r->rip == 0x401136 && r->rsp == 0x7ffc0fe8, "rax rip rsp");
	CHECK(r->orig_rax == (unsigned long long)-1, "orig_rax %#llx", r->orig_rax);
	CHECK_EQ(r->eflags, 0x246);
	CHECK_EQ(r->rbx, 0x7777777777777777ull);
	printf("ok   six argument registers, al = vectors, rip, rsp, orig_rax, TF/DF cleared\n");
	arch_setup_call(&g, 0x401136, args, 2, 0x7ffc0fe8, 0);
	CHECK(r->rdi == 1 && r->rsi == 2 && r->rdx == 0 && r->r9 == 0 && r->rax == 0,
	      "unused argument registers cleared");
	printf("ok   unused argument registers cleared\n");
	r->rax = 42;
	CHECK_EQ(arch_call_result(&g), 42);
	printf("ok   integer result from rax\n");
}

static void test_floats(void)
{
	static unsigned char block[1024];
	struct arch_xstate x = { .size = sizeof(block), .xfeatures = 7, .note = NT_X86_XSTATE };
	const double f[3] = { 1.5, -2.25, 1e300 };
	uint64_t bv;
	double d;

	memset(block, 0xee, sizeof(block));
	memset(block + 512, 0, 64); /* the XSAVE header: XSTATE_BV clear */
	arch_call_set_floats(&x, block, f, 3);
	for (int i = 0; i < 3; i++) {
		memcpy(&d, block + 160 + 16 * i, sizeof(d));
		CHECK(d == f[i], "xmm%d holds %g", i, d);
		for (int k = 8; k < 16; k++)
			CHECK_EQ(block[160 + 16 * i + k], 0);
	}
	CHECK_EQ(block[160 + 16 * 3], 0xee);
	memcpy(&bv, block + 512, sizeof(bv));
	CHECK_EQ(bv, 2);
	printf("ok   doubles in xmm0-2 (high halves cleared, xmm3 untouched), SSE marked\n");
	CHECK(arch_call_float_result(block) == 1.5, "xmm0 result");
	printf("ok   double result from xmm0\n");
}

static void test_roles(void)
{
	CHECK(!strcmp(arch_reg_role_name(ARCH_ROLE_PC), "rip"), "pc");
	CHECK(!strcmp(arch_reg_role_name(ARCH_ROLE_SP), "rsp"), "sp");
	CHECK(!strcmp(arch_reg_role_name(ARCH_ROLE_FP), "rbp"), "fp");
	CHECK(!strcmp(arch_reg_role_alias("pc"), "rip") &&
		      !strcmp(arch_reg_role_alias("sp"), "rsp") &&
		      !strcmp(arch_reg_role_alias("fp"), "rbp"),
	      "aliases");
	CHECK(!arch_reg_role_alias("rip") && !arch_reg_role_alias("p") && !arch_reg_role_alias(""),
	      "not aliases");
	for (int i = ARCH_ROLE_PC; i <= ARCH_ROLE_FP; i++)
		CHECK(arch_reg_by_name(arch_reg_role_name((enum arch_reg_role)i)), "role %d", i);
	printf("ok   pc, sp, fp name rip, rsp, rbp (registers of the table)\n");
}

int main(void)
{
	test_stack();
	test_registers();
	test_floats();
	test_roles();
	return h_pass();
}
