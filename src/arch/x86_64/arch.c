/*
 * arch/x86_64/arch.c - x86-64 register table and extended-state layout.
 *
 * Owns: register names, sizes, DWARF numbers and where each lives (the NT_PRSTATUS block, i.e.
 * struct user_regs_struct, or the XSAVE block of NT_X86_XSTATE); the size of the XSAVE block
 * read from CPUID leaf 0xD. Must not: make system calls other than CPUID (loop.c does ptrace).
 */
#include <cpuid.h>
#include <elf.h>
#include <stddef.h>
#include <string.h>
#include <signal.h>
#include <sys/user.h>

#include "arch.h"

#define GPR(n, field, dw)                                                                          \
	{ { n, 8, dw, CDBG_REG_GPR }, ARCH_SET_GPR, offsetof(struct user_regs_struct, field) }
/* Legacy XSAVE area (FXSAVE layout) offsets. */
#define X87(n, off, sz, dw) { { n, sz, dw, CDBG_REG_FP }, ARCH_SET_XSTATE, off }
#define ST(i) X87("st" #i, 32 + 16 * (i), 10, 33 + (i))
#define XMM(i) { { "xmm" #i, 16, 17 + (i), CDBG_REG_VECTOR }, ARCH_SET_XSTATE, 160 + 16 * (i) }
/* ymm: the low half is the xmm register, the high half lives in the AVX component. The offset
 * field holds the register index; arch_xstate_offset() resolves the AVX part. */
#define YMM(i) { { "ymm" #i, 32, -1, CDBG_REG_VECTOR }, ARCH_SET_XSTATE, 0x10000 + (i) }

static const struct arch_reg regs[] = {
	GPR("rax", rax, 0), GPR("rbx", rbx, 3), GPR("rcx", rcx, 2), GPR("rdx", rdx, 1),
	GPR("rsi", rsi, 4), GPR("rdi", rdi, 5), GPR("rbp", rbp, 6), GPR("rsp", rsp, 7),
	GPR("r8", r8, 8), GPR("r9", r9, 9), GPR("r10", r10, 10), GPR("r11", r11, 11),
	GPR("r12", r12, 12), GPR("r13", r13, 13), GPR("r14", r14, 14), GPR("r15", r15, 15),
	GPR("rip", rip, 16), GPR("eflags", eflags, 49),
	GPR("cs", cs, 51), GPR("ss", ss, 52), GPR("ds", ds, 53), GPR("es", es, 50),
	GPR("fs", fs, 54), GPR("gs", gs, 55),
	GPR("fs_base", fs_base, 58), GPR("gs_base", gs_base, 59),
	GPR("orig_rax", orig_rax, -1),
	ST(0), ST(1), ST(2), ST(3), ST(4), ST(5), ST(6), ST(7),
	X87("fctrl", 0, 2, 65), X87("fstat", 2, 2, 66), X87("ftag", 4, 1, -1), X87("fop", 6, 2, -1),
	X87("fioff", 8, 8, -1), X87("fooff", 16, 8, -1),
	{ { "mxcsr", 4, 64, CDBG_REG_VECTOR }, ARCH_SET_XSTATE, 24 },
	XMM(0), XMM(1), XMM(2), XMM(3), XMM(4), XMM(5), XMM(6), XMM(7),
	XMM(8), XMM(9), XMM(10), XMM(11), XMM(12), XMM(13), XMM(14), XMM(15),
	YMM(0), YMM(1), YMM(2), YMM(3), YMM(4), YMM(5), YMM(6), YMM(7),
	YMM(8), YMM(9), YMM(10), YMM(11), YMM(12), YMM(13), YMM(14), YMM(15),
};

#define NREGS (sizeof(regs) / sizeof(regs[0]))

/* gdb's pseudo registers: the low 32, 16 and 8 bits of a general register, and bits 8-15 of
 * rax..rdx. Reading or writing one touches only its bytes of the 64-bit register, as in gdb.
 * They are found by name but not listed in the table ($sp and $fp stay the stack and frame
 * pointer aliases, so the 16-bit sp has no name, as in gdb). */
#define SUB(n, field, off, sz)                                                                     \
	{ { n, sz, -1, CDBG_REG_GPR }, ARCH_SET_GPR, offsetof(struct user_regs_struct, field) + off }
#define SUB4(d, w, l, field) SUB(d, field, 0, 4), SUB(w, field, 0, 2), SUB(l, field, 0, 1)
static const struct arch_reg subregs[] = {
	SUB4("eax", "ax", "al", rax), SUB4("ebx", "bx", "bl", rbx), SUB4("ecx", "cx", "cl", rcx),
	SUB4("edx", "dx", "dl", rdx), SUB4("esi", "si", "sil", rsi), SUB4("edi", "di", "dil", rdi),
	SUB4("ebp", "bp", "bpl", rbp), SUB("esp", rsp, 0, 4), SUB("spl", rsp, 0, 1),
	SUB4("r8d", "r8w", "r8l", r8), SUB4("r9d", "r9w", "r9l", r9),
	SUB4("r10d", "r10w", "r10l", r10), SUB4("r11d", "r11w", "r11l", r11),
	SUB4("r12d", "r12w", "r12l", r12), SUB4("r13d", "r13w", "r13l", r13),
	SUB4("r14d", "r14w", "r14l", r14), SUB4("r15d", "r15w", "r15l", r15),
	SUB("eip", rip, 0, 4),
	SUB("ah", rax, 1, 1), SUB("bh", rbx, 1, 1), SUB("ch", rcx, 1, 1), SUB("dh", rdx, 1, 1),
};

static struct cdbg_reg_desc descs[NREGS];

size_t arch_reg_count(void)
{
	return NREGS;
}

const struct arch_reg *arch_reg_at(size_t i)
{
	return i < NREGS ? &regs[i] : NULL;
}

const struct arch_reg *arch_reg_by_name(const char *name)
{
	/* gdb spells the program counter and flags several ways. */
	if (!strcmp(name, "pc"))
		name = "rip";
	else if (!strcmp(name, "sp"))
		name = "rsp";
	else if (!strcmp(name, "fp"))
		name = "rbp";
	else if (!strcmp(name, "rflags") || !strcmp(name, "ps"))
		name = "eflags";
	for (size_t i = 0; i < NREGS; i++)
		if (!strcmp(regs[i].desc.name, name))
			return &regs[i];
	for (size_t i = 0; i < sizeof(subregs) / sizeof(subregs[0]); i++)
		if (!strcmp(subregs[i].desc.name, name))
			return &subregs[i];
	return NULL;
}

const struct cdbg_reg_desc *arch_reg_descs(void)
{
	if (!descs[0].name)
		for (size_t i = 0; i < NREGS; i++)
			descs[i] = regs[i].desc;
	return descs;
}

uint64_t arch_gpr_pc(const struct arch_gpr *g)
{
	return g->w[offsetof(struct user_regs_struct, rip) / 8];
}

void arch_gpr_set_pc(struct arch_gpr *g, uint64_t pc)
{
	g->w[offsetof(struct user_regs_struct, rip) / 8] = pc;
}

uint64_t arch_gpr_sp(const struct arch_gpr *g)
{
	return g->w[offsetof(struct user_regs_struct, rsp) / 8];
}

/* Offset of the AVX (ymm high halves) component in the standard-format XSAVE area. */
static long avx_offset(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid_count(0xd, 2, &a, &b, &c, &d) || a == 0)
		return -1;
	return b;
}

long arch_xstate_offset(const struct arch_reg *r)
{
	if (r->set != ARCH_SET_XSTATE)
		return -1;
	if (r->offset < 0x10000)
		return r->offset;
	long avx = avx_offset();
	return avx < 0 ? -1 : avx + 16 * (long)(r->offset - 0x10000);
}

size_t arch_xstate_size(void)
{
	static size_t size;
	unsigned a, b, c, d;

	if (size)
		return size;
	/* EBX: size for the features enabled in XCR0; ECX: for every supported feature. The kernel's
	 * regset can be as large as the larger one (AMX tile data is enabled on demand). */
	size = 512 + 64;
	if (__get_cpuid_count(0xd, 0, &a, &b, &c, &d))
		size = b > c ? b : c;
	if (size < 512 + 64)
		size = 512 + 64;
	return size;
}

int arch_xstate_note(void)
{
	return NT_X86_XSTATE;
}

/* ---- breakpoints ---- */

const unsigned char arch_bp_insn[ARCH_BP_LEN] = { 0xcc };
const unsigned char arch_syscall_insn[2] = { 0x0f, 0x05 };

/* int3 raises SIGTRAP with si_code SI_KERNEL; a single-step TRAP_TRACE; a debug register
 * TRAP_HWBKPT (the kernel's get_si_code from DR6). */
bool arch_is_bp_trap(const siginfo_t *si)
{
	return si->si_signo == SIGTRAP && si->si_code == SI_KERNEL;
}

bool arch_is_step_trap(const siginfo_t *si)
{
	return si->si_signo == SIGTRAP && si->si_code == TRAP_TRACE;
}

bool arch_is_hw_trap(const siginfo_t *si)
{
	return si->si_signo == SIGTRAP && si->si_code == TRAP_HWBKPT;
}

/* ---- debug registers ---- */

long arch_dr_offset(int i)
{
	return (long)offsetof(struct user, u_debugreg) + (long)i * 8;
}

uint64_t arch_dr7_set(uint64_t dr7, int i, int kind, unsigned len)
{
	/* RW bits: 00 execute, 01 write, 11 read/write. LEN bits: 00=1, 01=2, 11=4, 10=8. */
	unsigned rw = kind == CDBG_WATCH_WRITE ? 1 : kind == CDBG_WATCH_RW ? 3 : 0;
	unsigned ln = len == 2 ? 1 : len == 4 ? 3 : len == 8 ? 2 : 0;

	dr7 &= ~((3ull << (2 * i)) | (0xfull << (16 + 4 * i)));
	if (kind)
		dr7 |= (1ull << (2 * i)) | ((uint64_t)(rw | (ln << 2)) << (16 + 4 * i));
	return dr7;
}

const char *arch_hw_check(uint64_t addr, unsigned len, int kind)
{
	if (kind == CDBG_WATCH_EXEC && len != 1)
		return "a hardware breakpoint covers one instruction (length 1)";
	if (len != 1 && len != 2 && len != 4 && len != 8)
		return "x86 debug registers watch 1, 2, 4 or 8 bytes";
	if (addr % len)
		return "the address must be aligned to the watched length";
	if (addr >= 0x800000000000ull)
		return "the address is outside user space";
	return NULL;
}

int arch_dr6_slot(uint64_t dr6)
{
	for (int i = 0; i < ARCH_NUM_HW; i++)
		if (dr6 & (1ull << i))
			return i;
	return -1;
}

/* ---- system calls in the tracee ---- */

void arch_setup_syscall(struct arch_gpr *g, long nr, const uint64_t args[6], uint64_t pc)
{
	struct user_regs_struct *r = (struct user_regs_struct *)g;

	r->rax = (uint64_t)nr;
	r->rdi = args[0];
	r->rsi = args[1];
	r->rdx = args[2];
	r->r10 = args[3];
	r->r8 = args[4];
	r->r9 = args[5];
	r->rip = pc;
	/* Not inside a system call: the kernel must not apply its restart logic to ours. */
	r->orig_rax = (uint64_t)-1;
	r->eflags &= ~0x400ull; /* DF */
}

uint64_t arch_syscall_result(const struct arch_gpr *g)
{
	return ((const struct user_regs_struct *)g)->rax;
}

/* clone(flags, stack, parent_tid, child_tid, tls): tls in r8. clone3(args, size): the tls
 * field of struct clone_args sits at offset 56. */
int arch_clone_tls(const struct arch_gpr *g, uint64_t *tls, uint64_t *mem)
{
	const struct user_regs_struct *r = (const struct user_regs_struct *)g;

	if (r->orig_rax == 56) {
		*tls = r->r8;
		return 0;
	}
	if (r->orig_rax == 435) {
		*mem = r->rdi + 56;
		return 1;
	}
	return -1;
}

/* -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK in rax with a system
 * call number in orig_rax: on resume the kernel sets rip back by 2 and re-enters the call. */
bool arch_syscall_will_restart(const struct arch_gpr *g)
{
	const struct user_regs_struct *r = (const struct user_regs_struct *)g;
	long rax = (long)r->rax;

	return (long)r->orig_rax >= 0 && (rax == -512 || rax == -513 || rax == -514 || rax == -516);
}

/* System V AMD64: rdi, rsi, rdx, rcx, r8, r9; al = number of vector registers used (for
 * variadic callees); no trap flag, direction flag clear; not inside a system call. */
void arch_setup_call(struct arch_gpr *g, uint64_t func, const uint64_t *iargs, int n, uint64_t sp,
		     int nvec)
{
	struct user_regs_struct *r = (struct user_regs_struct *)g;
	unsigned long long *slots[] = { &r->rdi, &r->rsi, &r->rdx, &r->rcx, &r->r8, &r->r9 };

	for (int i = 0; i < 6; i++)
		*slots[i] = i < n ? iargs[i] : 0;
	r->rax = (unsigned long long)nvec;
	r->rsp = sp;
	r->rip = func;
	r->orig_rax = (unsigned long long)-1;
	r->eflags &= ~(0x100ull | 0x400ull); /* TF, DF */
}

uint64_t arch_call_result(const struct arch_gpr *g)
{
	return ((const struct user_regs_struct *)g)->rax;
}

void arch_syscall_reissue(struct arch_gpr *g)
{
	struct user_regs_struct *r = (struct user_regs_struct *)g;

	if ((long)r->orig_rax >= 0 && (long)r->rax == -516) {
		r->rax = r->orig_rax;
		r->rip -= 2;
		r->orig_rax = (unsigned long long)-1;
	}
}
