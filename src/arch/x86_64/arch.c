/*
 * arch/x86_64/arch.c - x86-64 register table and extended-state layout, and the small facts of
 * traps, debug registers and system calls.
 *
 * Owns: register names, sizes, DWARF numbers and where each lives (the NT_PRSTATUS block, i.e.
 * struct user_regs_struct, or the XSAVE block of NT_X86_XSTATE), the role names (pc, sp, fp);
 * the layout of the XSAVE block for a given kernel (its size and feature mask, which the target layer
 * learns from the kernel) from the component offsets of CPUID leaf 0xD; the int3 and syscall
 * bytes and which SIGTRAP is which; DR7/DR6 encoding; the registers of a system call the loop
 * runs in the tracee, its restart rules and the signal-frame form of the registers. Must not:
 * make system calls (CPUID and XGETBV are instructions; the target layer does ptrace); the calling
 * convention of function calls is abi.c's.
 */
#include <cpuid.h>
#include <elf.h>
#include <stddef.h>
#include <string.h>
#include <signal.h>
#include <sys/user.h>

#include "arch/arch.h"

#define GPR(n, field, dw)                                                                          \
	{                                                                                          \
		{ n, 8, dw, CDBG_REG_GPR }, ARCH_SET_GPR, offsetof(struct user_regs_struct, field) \
	}
/* Legacy XSAVE area (FXSAVE layout) offsets. */
#define X87(n, off, sz, dw)                                                                        \
	{                                                                                          \
		{ n, sz, dw, CDBG_REG_FP }, ARCH_SET_XSTATE, off                                   \
	}
#define ST(i) X87("st" #i, 32 + 16 * (i), 10, 33 + (i))
#define XMM(i)                                                                                     \
	{                                                                                          \
		{ "xmm" #i, 16, 17 + (i), CDBG_REG_VECTOR }, ARCH_SET_XSTATE, 160 + 16 * (i)       \
	}
/* Registers of the extended components: the offset field holds a class and the register index;
 * arch_xstate_pieces() finds their bytes in a given layout. ymm: the low half is the xmm
 * register, the high half lives in the AVX component. */
#define XREG_YMM 0x10000u
#define XREG_ZMM 0x20000u
#define XREG_K 0x30000u
#define YMM(i)                                                                                     \
	{                                                                                          \
		{ "ymm" #i, 32, -1, CDBG_REG_VECTOR }, ARCH_SET_XSTATE, XREG_YMM + (i)             \
	}

static const struct arch_reg regs[] = {
	GPR("rax", rax, 0),
	GPR("rbx", rbx, 3),
	GPR("rcx", rcx, 2),
	GPR("rdx", rdx, 1),
	GPR("rsi", rsi, 4),
	GPR("rdi", rdi, 5),
	GPR("rbp", rbp, 6),
	GPR("rsp", rsp, 7),
	GPR("r8", r8, 8),
	GPR("r9", r9, 9),
	GPR("r10", r10, 10),
	GPR("r11", r11, 11),
	GPR("r12", r12, 12),
	GPR("r13", r13, 13),
	GPR("r14", r14, 14),
	GPR("r15", r15, 15),
	GPR("rip", rip, 16),
	GPR("eflags", eflags, 49),
	GPR("cs", cs, 51),
	GPR("ss", ss, 52),
	GPR("ds", ds, 53),
	GPR("es", es, 50),
	GPR("fs", fs, 54),
	GPR("gs", gs, 55),
	GPR("fs_base", fs_base, 58),
	GPR("gs_base", gs_base, 59),
	GPR("orig_rax", orig_rax, -1),
	ST(0),
	ST(1),
	ST(2),
	ST(3),
	ST(4),
	ST(5),
	ST(6),
	ST(7),
	X87("fctrl", 0, 2, 65),
	X87("fstat", 2, 2, 66),
	X87("ftag", 4, 1, -1),
	X87("fop", 6, 2, -1),
	X87("fioff", 8, 8, -1),
	X87("fooff", 16, 8, -1),
	{ { "mxcsr", 4, 64, CDBG_REG_VECTOR }, ARCH_SET_XSTATE, 24 },
	XMM(0),
	XMM(1),
	XMM(2),
	XMM(3),
	XMM(4),
	XMM(5),
	XMM(6),
	XMM(7),
	XMM(8),
	XMM(9),
	XMM(10),
	XMM(11),
	XMM(12),
	XMM(13),
	XMM(14),
	XMM(15),
	YMM(0),
	YMM(1),
	YMM(2),
	YMM(3),
	YMM(4),
	YMM(5),
	YMM(6),
	YMM(7),
	YMM(8),
	YMM(9),
	YMM(10),
	YMM(11),
	YMM(12),
	YMM(13),
	YMM(14),
	YMM(15),
};

#define NREGS (sizeof(regs) / sizeof(regs[0]))

/* gdb's pseudo registers: the low 32, 16 and 8 bits of a general register, and bits 8-15 of
 * rax..rdx. Reading or writing one touches only its bytes of the 64-bit register, as in gdb.
 * They are found by name but not listed in the table ($sp and $fp stay the stack and frame
 * pointer aliases, so the 16-bit sp has no name, as in gdb). */
#define SUB(n, field, off, sz)                                                                     \
	{                                                                                          \
		{ n, sz, -1, CDBG_REG_GPR }, ARCH_SET_GPR,                                         \
			offsetof(struct user_regs_struct, field) + off                             \
	}
#define SUB4(d, w, l, field) SUB(d, field, 0, 4), SUB(w, field, 0, 2), SUB(l, field, 0, 1)
static const struct arch_reg subregs[] = {
	SUB4("eax", "ax", "al", rax),
	SUB4("ebx", "bx", "bl", rbx),
	SUB4("ecx", "cx", "cl", rcx),
	SUB4("edx", "dx", "dl", rdx),
	SUB4("esi", "si", "sil", rsi),
	SUB4("edi", "di", "dil", rdi),
	SUB4("ebp", "bp", "bpl", rbp),
	SUB("esp", rsp, 0, 4),
	SUB("spl", rsp, 0, 1),
	SUB4("r8d", "r8w", "r8l", r8),
	SUB4("r9d", "r9w", "r9l", r9),
	SUB4("r10d", "r10w", "r10l", r10),
	SUB4("r11d", "r11w", "r11l", r11),
	SUB4("r12d", "r12w", "r12l", r12),
	SUB4("r13d", "r13w", "r13l", r13),
	SUB4("r14d", "r14w", "r14l", r14),
	SUB4("r15d", "r15w", "r15l", r15),
	SUB("eip", rip, 0, 4),
	SUB("ah", rax, 1, 1),
	SUB("bh", rbx, 1, 1),
	SUB("ch", rcx, 1, 1),
	SUB("dh", rdx, 1, 1),
};

/* AVX-512 registers: found by name, not listed in the table (the table is what every machine
 * shows); on a machine or kernel without AVX-512 they say so. */
#define ZMM(i)                                                                                     \
	{                                                                                          \
		{ "zmm" #i, 64, -1, CDBG_REG_VECTOR }, ARCH_SET_XSTATE, XREG_ZMM + (i)             \
	}
#define KREG(i)                                                                                    \
	{                                                                                          \
		{ "k" #i, 8, 118 + (i), CDBG_REG_VECTOR }, ARCH_SET_XSTATE, XREG_K + (i)           \
	}
static const struct arch_reg xregs[] = {
	ZMM(0),  ZMM(1),  ZMM(2),  ZMM(3),  ZMM(4),  ZMM(5),  ZMM(6),  ZMM(7),  ZMM(8),  ZMM(9),
	ZMM(10), ZMM(11), ZMM(12), ZMM(13), ZMM(14), ZMM(15), ZMM(16), ZMM(17), ZMM(18), ZMM(19),
	ZMM(20), ZMM(21), ZMM(22), ZMM(23), ZMM(24), ZMM(25), ZMM(26), ZMM(27), ZMM(28), ZMM(29),
	ZMM(30), ZMM(31), KREG(0), KREG(1), KREG(2), KREG(3), KREG(4), KREG(5), KREG(6), KREG(7),
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
	for (size_t i = 0; i < sizeof(xregs) / sizeof(xregs[0]); i++)
		if (!strcmp(xregs[i].desc.name, name))
			return &xregs[i];
	return NULL;
}

const struct cdbg_reg_desc *arch_reg_descs(void)
{
	if (!descs[0].name)
		for (size_t i = 0; i < NREGS; i++)
			descs[i] = regs[i].desc;
	return descs;
}

static const char *const role_names[] = {
	[ARCH_ROLE_PC] = "rip",
	[ARCH_ROLE_SP] = "rsp",
	[ARCH_ROLE_FP] = "rbp",
};

const char *arch_reg_role_name(enum arch_reg_role role)
{
	return role_names[role];
}

const char *arch_reg_role_alias(const char *name)
{
	if (!strcmp(name, "pc"))
		return role_names[ARCH_ROLE_PC];
	if (!strcmp(name, "sp"))
		return role_names[ARCH_ROLE_SP];
	if (!strcmp(name, "fp"))
		return role_names[ARCH_ROLE_FP];
	return NULL;
}

int arch_elf_machine(void)
{
	return EM_X86_64;
}

uint64_t arch_gpr_thread_pointer(const struct arch_gpr *g)
{
	return g->w[offsetof(struct user_regs_struct, fs_base) / 8];
}

uint64_t arch_gpr_pc(const struct arch_gpr *g)
{
	return g->w[offsetof(struct user_regs_struct, rip) / 8];
}

void arch_gpr_set_pc(struct arch_gpr *g, uint64_t pc)
{
	g->w[offsetof(struct user_regs_struct, rip) / 8] = pc;
}

void arch_gpr_skip_hw_exec(struct arch_gpr *g)
{
	g->w[offsetof(struct user_regs_struct, eflags) / 8] |= 0x10000ull; /* RF */
}

uint64_t arch_gpr_sp(const struct arch_gpr *g)
{
	return g->w[offsetof(struct user_regs_struct, rsp) / 8];
}

/* ---- the extended-state block ---- */

/* State components (bits of XCR0 and XSTATE_BV). */
enum {
	XC_X87 = 0,
	XC_SSE = 1,
	XC_AVX = 2,
	XC_OPMASK = 5,
	XC_ZMM_HI256 = 6,
	XC_HI16_ZMM = 7,
	XC_PKRU = 9,
	XC_TILECFG = 17,
	XC_TILEDATA = 18,
};
#define LEGACY_SIZE 512
#define HEADER_END (512 + 64)
#define XSTATE_BV_OFFSET 512
/* The kernel writes its XCR0 into the software-reserved bytes of the legacy area of a ptrace
 * block (the first u64 of xstate_fx_sw_bytes, USER_XSTATE_XCR0_WORD); gdb reads it there too.
 * (The struct _fpx_sw_bytes with magic1 and xstate_size is for signal frames only.) */
#define SW_XCR0_OFFSET 464

void arch_xstate_cpu_read(struct arch_xstate_cpu *cpu)
{
	unsigned a, b, c, d;

	memset(cpu, 0, sizeof(*cpu));
	if (__get_cpuid_max(0, NULL) < 0xd)
		return;
	for (unsigned i = 2; i < ARCH_XSTATE_NCOMP; i++)
		if (__get_cpuid_count(0xd, i, &a, &b, &c, &d) && a && !(c & 1)) {
			cpu->off[i] = b;
			cpu->len[i] = a;
		}
}

void arch_xstate_layout(struct arch_xstate *x, size_t size, uint64_t xfeatures, int note,
			const struct arch_xstate_cpu *cpu)
{
	memset(x, 0, sizeof(*x));
	x->size = size;
	x->note = note;
	if (size < LEGACY_SIZE)
		return;
	/* The legacy area is in every block, FXSAVE's and XSAVE's. */
	x->xfeatures = (xfeatures | (1ull << XC_X87) | (1ull << XC_SSE)) &
		       (size < HEADER_END ? 3ull : ~0ull);
	x->len[XC_X87] = 160;
	x->off[XC_SSE] = 160;
	x->len[XC_SSE] = 256;
	if (size < HEADER_END)
		return;
	for (unsigned i = 2; i < ARCH_XSTATE_NCOMP; i++) {
		if (!((x->xfeatures >> i) & 1))
			continue;
		/* Not in the block (the CPU has more than this kernel saves): not available. */
		if (!cpu->len[i] || cpu->off[i] < HEADER_END ||
		    (size_t)cpu->off[i] + cpu->len[i] > size) {
			x->xfeatures &= ~(1ull << i);
			continue;
		}
		x->off[i] = cpu->off[i];
		x->len[i] = cpu->len[i];
	}
}

static uint64_t xgetbv0(void)
{
	unsigned a, b, c, d, lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) /* OSXSAVE */
		return 3;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return ((uint64_t)hi << 32) | lo;
}

void arch_xstate_learn(struct arch_xstate *x, const unsigned char *block, size_t size, int note)
{
	struct arch_xstate_cpu cpu;
	uint64_t xf = 3;

	if (note == NT_X86_XSTATE && size >= SW_XCR0_OFFSET + 8) {
		memcpy(&xf, block + SW_XCR0_OFFSET, sizeof(xf));
		if (!xf) /* a kernel that does not say: what the CPU enables, bounded by size */
			xf = xgetbv0();
	}
	arch_xstate_cpu_read(&cpu);
	arch_xstate_layout(x, size, xf, note, &cpu);
}

size_t arch_xstate_probe_size(void)
{
	unsigned a, b, c, d;
	size_t size = HEADER_END;

	if (__get_cpuid_max(0, NULL) >= 0xd && __get_cpuid_count(0xd, 0, &a, &b, &c, &d))
		size = b > c ? b : c;
	return (size > HEADER_END ? size : HEADER_END) + 4096;
}

int arch_xstate_note(void)
{
	return NT_X86_XSTATE;
}

int arch_fpregs_note(void)
{
	return NT_PRFPREG;
}

size_t arch_fpregs_size(void)
{
	return sizeof(struct user_fpregs_struct);
}

long arch_xstate_offset(const struct arch_reg *r)
{
	if (r->set != ARCH_SET_XSTATE || r->offset >= XREG_YMM)
		return -1;
	return r->offset;
}

static bool have(const struct arch_xstate *x, unsigned comp)
{
	return x->len[comp] != 0;
}

int arch_xstate_pieces(const struct arch_xstate *x, const struct arch_reg *r,
		       struct arch_piece out[ARCH_XSTATE_MAX_PIECES], uint64_t *components,
		       const char **why)
{
	unsigned cls = r->offset & ~0xffffu, i = r->offset & 0xffffu;

	*why = NULL;
	*components = 0;
	if (r->set != ARCH_SET_XSTATE)
		return 0;
	if (!have(x, XC_SSE)) {
		*why = "x87/SSE";
		return 0;
	}
	if (cls == 0) {
		out[0] = (struct arch_piece){ r->offset, r->desc.size };
		*components = 1ull << (r->desc.kind == CDBG_REG_FP ? XC_X87 : XC_SSE);
		return 1;
	}
	if (cls == XREG_K) {
		if (!have(x, XC_OPMASK)) {
			*why = "AVX-512";
			return 0;
		}
		out[0] = (struct arch_piece){ x->off[XC_OPMASK] + 8 * i, 8 };
		*components = 1ull << XC_OPMASK;
		return 1;
	}
	if (cls == XREG_ZMM && i >= 16) {
		if (!have(x, XC_HI16_ZMM)) {
			*why = "AVX-512";
			return 0;
		}
		out[0] = (struct arch_piece){ x->off[XC_HI16_ZMM] + 64 * (i - 16), 64 };
		*components = 1ull << XC_HI16_ZMM;
		return 1;
	}
	if (!have(x, XC_AVX)) {
		*why = "AVX";
		return 0;
	}
	if (cls == XREG_ZMM && !have(x, XC_ZMM_HI256)) {
		*why = "AVX-512";
		return 0;
	}
	out[0] = (struct arch_piece){ 160 + 16 * i, 16 };
	out[1] = (struct arch_piece){ x->off[XC_AVX] + 16 * i, 16 };
	*components = (1ull << XC_SSE) | (1ull << XC_AVX);
	if (cls == XREG_YMM)
		return 2;
	out[2] = (struct arch_piece){ x->off[XC_ZMM_HI256] + 32 * i, 32 };
	*components |= 1ull << XC_ZMM_HI256;
	return 3;
}

void arch_xstate_mark(const struct arch_xstate *x, unsigned char *block, uint64_t components)
{
	uint64_t bv;

	if (x->size < HEADER_END || x->note != NT_X86_XSTATE)
		return;
	memcpy(&bv, block + XSTATE_BV_OFFSET, sizeof(bv));
	bv |= components & x->xfeatures;
	memcpy(block + XSTATE_BV_OFFSET, &bv, sizeof(bv));
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
void arch_gpr_to_sigcontext(const struct arch_gpr *g, uint64_t out[ARCH_SIGCONTEXT_WORDS])
{
	const struct user_regs_struct *r = (const struct user_regs_struct *)g;
	const uint64_t v[ARCH_SIGCONTEXT_WORDS] = {
		r->r8,  r->r9,  r->r10, r->r11, r->r12, r->r13, r->r14, r->r15, r->rdi,
		r->rsi, r->rbp, r->rbx, r->rdx, r->rax, r->rcx, r->rsp, r->rip, r->eflags,
	};

	memcpy(out, v, sizeof(v));
	if (arch_syscall_will_restart(g)) {
		/* rt_sigreturn never restarts a call: do it by hand (restart_syscall for
		 * -ERESTART_RESTARTBLOCK). */
		out[13] = (long)r->rax == -516 ? 219 : r->orig_rax;
		out[16] = r->rip - 2;
	}
}

void arch_gpr_from_sigcontext(struct arch_gpr *g, const uint64_t in[ARCH_SIGCONTEXT_WORDS])
{
	struct user_regs_struct *r = (struct user_regs_struct *)g;

	r->r8 = in[0], r->r9 = in[1], r->r10 = in[2], r->r11 = in[3], r->r12 = in[4];
	r->r13 = in[5], r->r14 = in[6], r->r15 = in[7], r->rdi = in[8], r->rsi = in[9];
	r->rbp = in[10], r->rbx = in[11], r->rdx = in[12], r->rax = in[13], r->rcx = in[14];
	r->rsp = in[15], r->rip = in[16], r->eflags = in[17];
	r->orig_rax = (uint64_t)-1;
}

bool arch_syscall_will_restart(const struct arch_gpr *g)
{
	const struct user_regs_struct *r = (const struct user_regs_struct *)g;
	long rax = (long)r->rax;

	return (long)r->orig_rax >= 0 && (rax == -512 || rax == -513 || rax == -514 || rax == -516);
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

bool arch_is_sigtramp(const uint8_t *code, size_t len)
{
	/* mov $0xf, %rax (rt_sigreturn); syscall: gdb's amd64_linux_sigtramp_start */
	static const uint8_t tramp[9] = { 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05 };

	if (len < ARCH_SIGTRAMP_BEFORE + ARCH_SIGTRAMP_AFTER)
		return false;
	return !memcmp(code + ARCH_SIGTRAMP_BEFORE, tramp, sizeof(tramp)) || /* at the mov */
	       !memcmp(code, tramp, sizeof(tramp));                          /* at the syscall */
}
