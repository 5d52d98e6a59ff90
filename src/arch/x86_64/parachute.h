/*
 * parachute.h - the layout of the parachute: a SIGTRAP handler cdbg copies into an attached
 * program (parachute.S) with the table it reads, in the program's first scratch area.
 *
 * Why: a thread that executed one of cdbg's int3s sits in a signal-delivery-stop for SIGTRAP
 * until cdbg collects it. If cdbg dies then, the kernel releases the thread with that SIGTRAP
 * (exit_ptrace -> __ptrace_detach keeps exit_code) and its default action kills the program
 * before the janitor can take it. While cdbg lives, every SIGTRAP of its own is a ptrace stop
 * it suppresses, so the handler never runs for one; it only runs for cdbg's traps once cdbg is
 * dead, and then puts the thread back onto the breakpoint address (the janitor has written the
 * program's byte back, or will). SIGTRAPs that are the program's own go to the program's own
 * action (its handler is called as the kernel would have called it; SIG_DFL is re-raised).
 *
 * Owns: the table's layout (PARA_*) and struct para_sigaction. Must not: hold code or state
 * (the target layer writes the table; parachute.S reads it).
 *
 * Included by parachute.S (only the #defines) and by C code. Offsets are from the start of the
 * parachute in the program: the code (arch_parachute_start..arch_parachute_end, at most
 * PARA_CODE_MAX bytes), then the table. cdbg writes the table through /proc/PID/mem, one
 * 8-byte word at a time, write-ahead: an int3's address is in the table before the int3 is in
 * memory, and leaves it (for the moribund ring) only after the program's byte is back.
 */
#ifndef CDBG_ARCH_X86_64_PARACHUTE_H
#define CDBG_ARCH_X86_64_PARACHUTE_H

#define PARA_SIZE 16384     /* bytes the parachute takes at the end of the scratch area */
#define PARA_CODE_MAX 0x200 /* the code fits below this */
#define PARA_ORIG                                                                                  \
	0x200               /* the program's own SIGTRAP action (kernel struct, 32 bytes):
				* handler, flags, restorer, mask */
#define PARA_NSCRATCH 0x220 /* scratch ranges in use (u64) */
#define PARA_NINT3 0x228    /* int3 entries in use, free ones (0) included (u64) */
#define PARA_SCRATCH 0x240  /* PARA_SCRATCH_MAX ranges: start, end (u64 each) */
#define PARA_SCRATCH_MAX 16
#define PARA_INFLIGHT_TID                                                                          \
	0x340                    /* a thread whose registers cdbg replaced to run a system call
				   * or a function in it (u64; 0: none), written last */
#define PARA_INFLIGHT_MASK 0x348 /* its own signal mask (u64) */
#define PARA_INFLIGHT_REGS                                                                         \
	0x350 /* its own registers as a sigcontext holds them: r8..r15, rdi,
				   * rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags (18 u64) */
#define PARA_INFLIGHT_NREGS 18
#define PARA_MORIBUND                                                                              \
	0x400 /* PARA_MORIBUND_N addresses of int3s cdbg removed lately (a
				* thread may have executed one just before): still ours */
#define PARA_MORIBUND_N 64
#define PARA_INT3                                                                                  \
	0x600 /* the addresses of cdbg's int3s (0: a free entry); the handler
				* scans the moribund ring and these in one pass */
#define PARA_INT3_MAX ((PARA_SIZE - PARA_INT3) / 8)

/* The kernel's struct sigaction for rt_sigaction on x86-64 (not glibc's). */
#define PARA_SA_SIGINFO 0x4
#define PARA_SA_ONSTACK 0x08000000
#define PARA_SA_RESTORER 0x04000000
#define PARA_SA_RESTART 0x10000000
#define PARA_SA_NODEFER 0x40000000
#define PARA_SA_RESETHAND 0x80000000

#ifndef __ASSEMBLER__
#include <stdint.h>

struct para_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

/* The code, copied to the start of the parachute; the handler is at its start. */
extern const unsigned char arch_parachute_start[], arch_parachute_restorer[], arch_parachute_end[];
#endif

#endif /* CDBG_ARCH_X86_64_PARACHUTE_H */
