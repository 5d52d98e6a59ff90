/*
 * arch.h - what generic code needs to know about the CPU; one implementation per directory
 * under src/arch/ (CMake picks it: CDBG_ARCH). It describes registers, breakpoint bytes,
 * register-set layouts, instruction facts, out-of-line copies and the calling convention; it
 * makes no system calls of its own (the target layer makes them) and reads no tracee memory
 * (callers pass the bytes).
 *
 * Conventions: a function returning a pointer returns NULL for "none"; one returning int
 * returns >= 0 on success and -1 when the thing cannot be done (never an errno: the caller
 * words the failure); void functions cannot fail. Each declaration says what it returns.
 */
#ifndef CDBG_ARCH_H
#define CDBG_ARCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cdbg.h"

/* The general-purpose register block exactly as the kernel's NT_PRSTATUS regset lays it out. */
#define ARCH_GPR_WORDS 27
struct arch_gpr {
	uint64_t w[ARCH_GPR_WORDS];
};

/* Where a register lives. */
enum arch_reg_set { ARCH_SET_GPR, ARCH_SET_XSTATE };

struct arch_reg {
	struct cdbg_reg_desc desc; /* public part */
	enum arch_reg_set set;     /* which block holds it */
	unsigned offset;           /* byte offset in the block (XSTATE: see arch.c) */
};

/* The register table (public descriptors come from it): the number of registers; register i
 * (i < arch_reg_count()); the register called name, NULL when there is none (role names such
 * as "pc" are not looked up: arch_reg_role_alias); the public descriptors, arch_reg_count()
 * of them, in table order. */
size_t arch_reg_count(void);
const struct arch_reg *arch_reg_at(size_t i);
const struct arch_reg *arch_reg_by_name(const char *name);
const struct cdbg_reg_desc *arch_reg_descs(void);

/* The registers generic code names by role: gdb's $pc, $sp and $fp. */
enum arch_reg_role { ARCH_ROLE_PC, ARCH_ROLE_SP, ARCH_ROLE_FP };
/* The name of the register that plays role ("rip" for ARCH_ROLE_PC on x86-64); never NULL. */
const char *arch_reg_role_name(enum arch_reg_role role);
/* The register a role name ("pc", "sp", "fp") stands for: its own name; NULL when name is not
 * a role name. */
const char *arch_reg_role_alias(const char *name);

/* The ELF e_machine of this CPU (EM_X86_64), for the core files cdbg writes. */
int arch_elf_machine(void);
/* Program counter and stack pointer inside a GPR block (read: the value; set: cannot fail). */
uint64_t arch_gpr_pc(const struct arch_gpr *g);
void arch_gpr_set_pc(struct arch_gpr *g, uint64_t pc);
uint64_t arch_gpr_sp(const struct arch_gpr *g);
/* The thread pointer (x86-64: fs_base), where glibc's thread control block starts; and the
 * offset in that block of the thread's dtv pointer (tcbhead_t.dtv, fixed by the ABI). */
uint64_t arch_gpr_thread_pointer(const struct arch_gpr *g);
#define ARCH_TCB_DTV_OFFSET 8
/* Let the instruction at pc run once without triggering an instruction breakpoint (a debug
 * register) on it: x86's EFLAGS.RF, which the CPU clears once it has run. */
void arch_gpr_skip_hw_exec(struct arch_gpr *g);
/* The registers as a signal frame holds them (for a return through rt_sigreturn), 18 words;
 * a system call the kernel would restart is set up to run again. And back (orig_rax -1). */
#define ARCH_SIGCONTEXT_WORDS 18
void arch_gpr_to_sigcontext(const struct arch_gpr *g, uint64_t out[ARCH_SIGCONTEXT_WORDS]);
void arch_gpr_from_sigcontext(struct arch_gpr *g, const uint64_t in[ARCH_SIGCONTEXT_WORDS]);

/* ---- the extended-state block (the kernel's NT_X86_XSTATE regset: XSAVE standard format) ----
 * Its size and the components in it are the kernel's, not the CPU's: CPUID leaf 0xD can report
 * more (11008 bytes with AMX) than the kernel saves (2688). The target layer learns the kernel's size and
 * feature mask once per process from its first GETREGSET; the CPU only says where each
 * component sits in the standard format. */
#define ARCH_XSTATE_NCOMP 19 /* state components 0 (x87) .. 18 (AMX tile data) */
#define ARCH_XSTATE_MAX_PIECES 3

/* What the CPU says of each component i: offset and size in the standard format (CPUID leaf
 * 0xD sub-leaf i: EBX and EAX), 0 and 0 when it has none (or a supervisor one). */
struct arch_xstate_cpu {
	uint32_t off[ARCH_XSTATE_NCOMP], len[ARCH_XSTATE_NCOMP];
};

/* One process's block as its kernel lays it out. size 0: not learned yet. */
struct arch_xstate {
	size_t size;        /* bytes of the kernel's regset */
	uint64_t xfeatures; /* components the kernel saves (its XCR0, at byte 464 of the block) */
	int note;           /* its regset: NT_X86_XSTATE, or NT_PRFPREG (a kernel without XSAVE) */
	uint32_t off[ARCH_XSTATE_NCOMP], len[ARCH_XSTATE_NCOMP]; /* len 0: not available */
};

/* A contiguous part of a register inside the block. */
struct arch_piece {
	uint32_t off, len;
};

/* The CPU's component offsets (CPUID; no system call); cannot fail. */
void arch_xstate_cpu_read(struct arch_xstate_cpu *cpu);
/* The layout for a kernel block of size bytes saving the components in xfeatures, from the
 * CPU's offsets: a component is available when the kernel saves it and it lies inside the
 * block. Pure: the unit test feeds it other machines. */
void arch_xstate_layout(struct arch_xstate *x, size_t size, uint64_t xfeatures, int note,
			const struct arch_xstate_cpu *cpu);
/* The layout of block (size bytes, as GETREGSET of note gave it): the kernel's feature mask
 * read from the block, offsets from this CPU. */
void arch_xstate_learn(struct arch_xstate *x, const unsigned char *block, size_t size, int note);
/* A buffer size (bytes) for the first GETREGSET, larger than any block this CPU can need (the
 * kernel shortens it to its own size). */
size_t arch_xstate_probe_size(void);
/* The regset note type for the extended state (NT_X86_XSTATE on x86-64), and the one to fall
 * back on when the kernel refuses it (NT_PRFPREG) with that block's size (512: FXSAVE). */
int arch_xstate_note(void);
int arch_fpregs_note(void);
size_t arch_fpregs_size(void);

/* Where register r (ARCH_SET_XSTATE) lies in a block laid out as x: its pieces, low bytes
 * first, and the count; 0 when its state is not in the block (then *why names the missing
 * state: "AVX-512"). *components gets the XSAVE features the register belongs to. */
int arch_xstate_pieces(const struct arch_xstate *x, const struct arch_reg *r,
		       struct arch_piece out[ARCH_XSTATE_MAX_PIECES], uint64_t *components,
		       const char **why);
/* Byte offset of r when it lies in the legacy (FXSAVE) area, the same in every layout (x87,
 * mxcsr, xmm); -1 for registers of the extended components. */
long arch_xstate_offset(const struct arch_reg *r);
/* Mark components as in use in the block's XSTATE_BV (after a write to one of their registers;
 * a clear bit makes the kernel load the initial state). Nothing without an XSAVE header. */
void arch_xstate_mark(const struct arch_xstate *x, unsigned char *block, uint64_t components);

/* ---- software breakpoints ---- */

/* The trap instruction and how far past it the pc is after it traps. */
#define ARCH_BP_LEN 1
#define ARCH_BP_PC_ADJUST 1
extern const unsigned char arch_bp_insn[ARCH_BP_LEN];
/* Is this SIGTRAP from a software breakpoint instruction? from a single-step? from a debug
 * register? (true or false; any other signal is false) */
bool arch_is_bp_trap(const siginfo_t *si);
bool arch_is_step_trap(const siginfo_t *si);
bool arch_is_hw_trap(const siginfo_t *si);

/* ---- facts of one instruction (insn_info.c), for control code: no text ---- */
struct arch_insn {
	unsigned len;      /* bytes */
	bool is_call;      /* a call, direct or indirect */
	bool is_ret;       /* a return */
	bool is_jump;      /* a jump, conditional or not (not a call or return) */
	bool is_cond_jump; /* a jump taken or not on a condition (jcc, loop, jrcxz) */
	bool is_syscall;   /* enters the kernel as a system call (syscall, sysenter, int N) */
	bool is_indirect;  /* a call or jump whose target is in a register or memory */
	bool pc_relative;  /* has a memory operand addressed relative to the pc */
	bool has_target;   /* a call or jump with its target in the instruction */
	uint64_t target;   /* that target (has_target), else 0 */
};
/* The kernel's signal return trampoline (Linux x86-64: mov $15, %rax; syscall, which glibc's
 * __restore_rt is) around a pc: code holds the bytes at pc - ARCH_SIGTRAMP_BEFORE .. pc +
 * ARCH_SIGTRAMP_AFTER (len of them). True when pc is at one of its instructions. */
#define ARCH_SIGTRAMP_BEFORE 7
#define ARCH_SIGTRAMP_AFTER 9
bool arch_is_sigtramp(const uint8_t *code, size_t len);

/* The facts of the instruction at pc, decoded from bytes[0..n) (pc only places the target).
 * Returns 0, or -1 when the bytes do not begin with a whole valid instruction or no decoder is
 * available (Capstone is not installed); *out is then untouched. */
int arch_insn_info(const uint8_t *bytes, size_t n, uint64_t pc, struct arch_insn *out);

/* ---- out-of-line execution (displaced stepping without the step) ----
 * The instruction under a breakpoint is copied to a slot in scratch memory of the tracee,
 * followed by a jump back; a thread resumed at the slot executes the original instruction
 * and comes back without stopping again. Instructions that read the pc are rewritten. */
#define ARCH_SLOT_SIZE 32
#define ARCH_MAX_INSN 16
/* How far (bytes) a slot may be from the code it serves. */
#define ARCH_SLOT_REACH 0x7ff00000LL
/* Build the slot for the instruction at addr (bytes insn[0..avail)) placed at slot. Returns
 * the number of bytes written to out, or -1 when the instruction cannot run out of line (then
 * the thread is stepped in place). *insn_len gets the instruction's length either way (0 when
 * it cannot be decoded). */
int arch_build_slot(uint64_t addr, const unsigned char *insn, size_t avail, uint64_t slot,
		    unsigned char *out, size_t outlen, unsigned *insn_len);

/* ---- hardware breakpoints and watchpoints (debug registers) ---- */
#define ARCH_NUM_HW 4
/* Offset (bytes) for PTRACE_PEEKUSER/POKEUSER of debug register i (0-7). */
long arch_dr_offset(int i);
/* The new DR7: dr7 with slot i set to watch kind (CDBG_WATCH_*) over len bytes, or cleared
 * (kind 0). */
uint64_t arch_dr7_set(uint64_t dr7, int i, int kind, unsigned len);
/* Can the CPU watch len bytes at addr? NULL if yes, else why not. */
const char *arch_hw_check(uint64_t addr, unsigned len, int kind);
/* Which slot DR6 says fired, or -1. */
int arch_dr6_slot(uint64_t dr6);

/* ---- running a system call in the tracee ---- */
extern const unsigned char arch_syscall_insn[2];
/* Registers for syscall nr(args) at pc, from the thread's saved registers (cannot fail). The
 * result register after it: the kernel's return value (-errno as an unsigned number). */
void arch_setup_syscall(struct arch_gpr *g, long nr, const uint64_t args[6], uint64_t pc);
uint64_t arch_syscall_result(const struct arch_gpr *g);

/* Is the thread stopped inside a system call the kernel will restart when it resumes (its pc
 * then moves back to the syscall instruction)? */
bool arch_syscall_will_restart(const struct arch_gpr *g);

/* ---- the parachute: a SIGTRAP handler in the tracee for traps of a dead cdbg ---- */
/* PARA_* (the layout of its table), struct para_sigaction and the code to copy. */
#include "arch/x86_64/parachute.h"

/* ---- calling a function in the tracee (abi.c: the calling convention) ---- */
/* Integer and double arguments passed in registers (no more doubles can be passed). */
#define ARCH_CALL_REG_ARGS 6
#define ARCH_CALL_FLOAT_ARGS 8
/* The highest address a call may use below the thread's stack pointer sp: below the red zone,
 * where the interrupted code may keep data. */
uint64_t arch_call_stack_top(uint64_t sp);
/* Where a copy of len bytes (a string argument) goes when the stack's free part ends at top:
 * its address, which is also the new top. */
uint64_t arch_call_stack_blob(uint64_t top, size_t len);
/* The stack of a call with nstack argument words (8 bytes each, in order at args_at), laid out
 * below top: the return address at ret_at, the stack pointer sp the function starts with.
 * Fills *f; cannot fail. */
struct arch_call_frame {
	uint64_t sp;      /* the stack pointer at the called function's first instruction */
	uint64_t ret_at;  /* where the return address is written (sp on x86-64) */
	uint64_t args_at; /* the first stack argument word */
};
void arch_call_frame(uint64_t top, int nstack, struct arch_call_frame *f);
/* Registers for a call of func with iargs (at most ARCH_CALL_REG_ARGS), the stack pointer sp
 * (the return address already in place) and nvec vector arguments. Cannot fail. */
void arch_setup_call(struct arch_gpr *g, uint64_t func, const uint64_t *iargs, int n, uint64_t sp,
		     int nvec);
/* Put the double arguments f[0..n) (n <= ARCH_CALL_FLOAT_ARGS) into the extended-state block
 * laid out as x, and mark their state as in use. Cannot fail. */
void arch_call_set_floats(const struct arch_xstate *x, unsigned char *block, const double *f,
			  int n);
/* The integer result register, and the double result from the extended-state block. */
uint64_t arch_call_result(const struct arch_gpr *g);
double arch_call_float_result(const unsigned char *block);

/* abi_class.c: arguments and results by value, described as their scalar leaves. */
enum arch_leaf_kind { ARCH_LEAF_INT, ARCH_LEAF_SSE, ARCH_LEAF_X87 };
struct arch_leaf {
	uint32_t off, size; /* within the object */
	uint8_t kind; /* enum arch_leaf_kind: integer or pointer; float or double; long double */
};
#define ARCH_ARG_MAX_LEAVES 32
struct arch_arg {
	const unsigned char *bytes; /* size of them (NULL for a result) */
	size_t size;
	unsigned align;
	int nleaves;    /* -1: more than ARCH_ARG_MAX_LEAVES (in memory) */
	bool aggregate; /* a struct, union or array, not one scalar: over 16 bytes, memory even
			 * when its leaves are long doubles (a bare _Complex long double is not) */
	struct arch_leaf leaf[ARCH_ARG_MAX_LEAVES];
};
/* The registers of a call and what came back. */
struct arch_call_regs {
	uint64_t gpr[ARCH_CALL_REG_ARGS];
	int ngpr;
	unsigned char xmm[ARCH_CALL_FLOAT_ARGS][16];
	int nxmm;
	unsigned char *stack; /* malloc'ed: the stack arguments, lowest address first */
	size_t stack_len;
	uint64_t rax, rdx; /* results */
	unsigned char xmm0[16], xmm1[16], st0[10], st1[10];
};
/* Lay out args in r (gpr[0] left for the hidden result pointer when ret_memory): 0 or -ENOMEM;
 * free with arch_call_plan_free. */
int arch_call_plan(const struct arch_arg *args, int n, bool ret_memory, struct arch_call_regs *r);
void arch_call_plan_free(struct arch_call_regs *r);
/* Is a result of this shape returned through a hidden pointer (in the first argument)? */
bool arch_call_ret_memory(const struct arch_arg *ret);
/* The result's ret->size bytes from the registers of r (zeros when in memory). */
void arch_call_ret_bytes(const struct arch_arg *ret, const struct arch_call_regs *r,
			 unsigned char *out);
/* The registers a result of ret's shape comes back in, from its ret->size bytes: r->rax, rdx,
 * xmm0, xmm1 (zeros where unused), for gdb's `return`. -1 when it does not come back in
 * registers (memory, or x87's st0). */
int arch_call_ret_regs(const struct arch_arg *ret, const unsigned char *bytes,
		       struct arch_call_regs *r);
/* Load r's argument registers into g and the extended-state block; read its result registers
 * back from them. */
void arch_call_load(const struct arch_call_regs *r, struct arch_gpr *g, const struct arch_xstate *x,
		    unsigned char *block);
void arch_call_store(struct arch_call_regs *r, const struct arch_gpr *g,
		     const unsigned char *block);

/* A thread inside a system call restarted through the kernel's per-thread restart block
 * (-ERESTART_RESTARTBLOCK): make it re-issue the call from the start instead (the block may
 * have been overwritten by a call cdbg made in the thread). Other registers: unchanged. */
void arch_syscall_reissue(struct arch_gpr *g);

/* ---- disassembly ---- */
/* Decode up to max instructions of code (len bytes at addr) for display. Returns the count,
 * or -1 when no disassembler is available. */
int arch_disasm(uint64_t addr, const unsigned char *code, size_t len, struct cdbg_insn *out,
		size_t max);
/* The TLS pointer a clone/clone3 call in progress gives the new thread: 0 with *tls, 1 when it
 * must be read as 8 bytes at *mem, -1 when unknown. */
int arch_clone_tls(const struct arch_gpr *g, uint64_t *tls, uint64_t *mem);

/* corenote.c: a core file's notes in the kernel's layouts for this architecture. */
struct arch_core_thread {
	pid_t tid;
	int cursig; /* the signal being delivered when it dumped, 0 if none */
	struct arch_gpr regs;
};
struct arch_core_proc {
	pid_t pid;
	char fname[17];  /* the executable's name, as comm */
	char psargs[81]; /* the start of the command line */
};
/* NT_PRSTATUS / NT_PRPSINFO descriptors of len bytes: 0, or -1 when too short. */
int arch_core_prstatus(const void *desc, size_t len, struct arch_core_thread *out);
int arch_core_prpsinfo(const void *desc, size_t len, struct arch_core_proc *out);

#endif /* CDBG_ARCH_H */
