/*
 * parachute.S - the SIGTRAP handler cdbg copies into an attached program (see parachute.h for
 * why and for the table it reads). Position-independent: it refers only to its own table,
 * rip-relative, and makes system calls itself; it is never run inside cdbg.
 *
 * Owns: the handler's code (arch_parachute_start..arch_parachute_end). Must not: call code
 * outside itself (it runs in the program, with cdbg gone), or keep state outside its table
 * and the signal frame.
 *
 * Entered as an SA_SIGINFO handler: rdi = signo, rsi = siginfo *, rdx = ucontext *. The
 * kernel restores every register from the ucontext at rt_sigreturn, so all caller-saved
 * registers are free here.
 *   si_code SI_KERNEL (an int3): the pc is one past the int3.
 *     pc - 1 is one of cdbg's int3s (or one it removed lately): pc = pc - 1, sched_yield,
 *       return. The thread executes the breakpoint's address again: the program's byte once
 *       the janitor has written it back, or cdbg's int3 again (back here) until then.
 *     pc is one of cdbg's int3s: cdbg had moved the pc back onto it already; sched_yield,
 *       return. (A program's own int3 just before one of cdbg's breakpoints is then taken
 *       for cdbg's: that int3 is lost, rather than the program killed whenever the byte
 *       before a breakpoint happens to be 0xcc, as in padding or -0x34(%rbp).)
 *     pc is in one of cdbg's scratch areas: cdbg had moved the pc into an out-of-line copy;
 *       return (the copy runs the instruction and jumps back); but pc just past the trap at
 *       area + 2 ends a system call or function cdbg was running in the thread: if it is the
 *       thread of PARA_INFLIGHT_TID, its own registers and mask go into the frame (restored by
 *       rt_sigreturn); any other thread there is the program's own business.
 *     else: the program's own.
 *   si_code TRAP_BRKPT, TRAP_TRACE, TRAP_HWBKPT (1, 2, 4): cdbg was single-stepping the
 *     thread, or a debug register of cdbg's is still armed: the trap flag off, the resume
 *     flag on (an instruction breakpoint does not fire again at once); return.
 *   anything else: the program's own. Its action as the kernel would have run it: ignored
 *     (SIG_IGN), re-raised with the program's action back (SIG_DFL: the program dies of it as
 *     it would have), or its handler called on this very signal frame, with its mask and
 *     SA_RESETHAND honoured and its restorer as the return address (so nothing of ours is
 *     used once it runs).
 */
#include "arch/x86_64/parachute.h"

#define SI_CODE 8                  /* siginfo_t.si_code */
#define UC_RIP (40 + 16 * 8)       /* ucontext_t.uc_mcontext.gregs[REG_RIP] */
#define UC_EFL (40 + 17 * 8)       /* gregs[REG_EFL] */
#define UC_GREGS 40                /* uc_mcontext: r8 .. eflags, as PARA_INFLIGHT_REGS */
#define UC_SIGMASK 296             /* uc_sigmask (after the 256-byte mcontext) */
#define NR_RT_SIGACTION 13
#define NR_RT_SIGPROCMASK 14
#define NR_RT_SIGRETURN 15
#define NR_SCHED_YIELD 24
#define NR_GETPID 39
#define NR_GETTID 186
#define NR_TGKILL 234
#define SIGTRAP 5
#define SIG_BLOCK 0

	.section .rodata.cdbg_parachute, "a"
	.globl arch_parachute_start, arch_parachute_restorer, arch_parachute_end
	.hidden arch_parachute_start, arch_parachute_restorer, arch_parachute_end
	.p2align 4
arch_parachute_start:
.Lbase:
	movl	SI_CODE(%rsi), %eax
	cmpl	$0x80, %eax			/* SI_KERNEL */
	je	.Lint3
	cmpl	$1, %eax			/* TRAP_BRKPT: a step over a syscall */
	je	.Lstep
	cmpl	$2, %eax			/* TRAP_TRACE */
	je	.Lstep
	cmpl	$4, %eax			/* TRAP_HWBKPT */
	jne	.Lnot_ours
.Lstep:
	andq	$~0x100, UC_EFL(%rdx)		/* TF off */
	orq	$0x10000, UC_EFL(%rdx)		/* RF on */
	ret

.Lint3:
	movq	UC_RIP(%rdx), %r8
	leaq	-1(%r8), %r9
	movq	%r9, %r11
	call	.Lfind
	jne	1f
	movq	%r9, UC_RIP(%rdx)		/* back onto the breakpoint's address */
	jmp	.Lyield
1:	movq	%r8, %r11
	call	.Lfind
	je	.Lyield				/* cdbg had moved the pc back onto it */
	movq	.Lbase+PARA_NSCRATCH(%rip), %rcx
	leaq	.Lbase+PARA_SCRATCH(%rip), %rax
3:	testq	%rcx, %rcx
	jz	.Lnot_ours
	cmpq	(%rax), %r8
	jb	4f
	cmpq	8(%rax), %r8
	jae	4f
	movq	(%rax), %r9
	addq	$3, %r9				/* past the return trap of calls (base + 2) */
	cmpq	%r9, %r8
	je	.Linflight			/* the end of a call or system call cdbg made */
	ret					/* in an out-of-line copy: let it run */
4:	addq	$16, %rax
	decq	%rcx
	jmp	3b
/* The thread cdbg was running a system call or a function in (PARA_INFLIGHT_TID) reached the
 * trap they end at: its own registers and signal mask back into the frame rt_sigreturn
 * restores, as if cdbg had never borrowed it. Another thread here is not ours to mend. */
.Linflight:
	cmpq	$0, .Lbase+PARA_INFLIGHT_TID(%rip)
	je	.Lnot_ours
	movq	%rdx, %r10			/* syscall keeps r10 */
	movl	$NR_GETTID, %eax
	syscall
	movq	%r10, %rdx
	cmpq	.Lbase+PARA_INFLIGHT_TID(%rip), %rax
	jne	.Lnot_ours
	leaq	.Lbase+PARA_INFLIGHT_REGS(%rip), %rsi
	leaq	UC_GREGS(%rdx), %rdi
	movl	$PARA_INFLIGHT_NREGS, %ecx
	cld
	rep movsq
	movq	.Lbase+PARA_INFLIGHT_MASK(%rip), %rax
	movq	%rax, UC_SIGMASK(%rdx)
	ret

.Lyield:
	movl	$NR_SCHED_YIELD, %eax		/* a thread looping here until the janitor has
						 * the byte back does not keep a core busy */
	syscall
.Lret:
	ret

/* Is %r11 in the moribund ring or the int3 table? ZF set if so. Clobbers rax, rcx. */
.Lfind:
	leaq	.Lbase+PARA_MORIBUND(%rip), %rax
	movq	.Lbase+PARA_NINT3(%rip), %rcx
	addq	$PARA_MORIBUND_N, %rcx
5:	cmpq	%r11, (%rax)
	je	6f
	addq	$8, %rax
	decq	%rcx
	jnz	5b
	orl	$1, %ecx			/* ZF clear: not found */
6:	ret

.Lnot_ours:
	movq	.Lbase+PARA_ORIG(%rip), %rax	/* the program's handler */
	cmpq	$1, %rax			/* SIG_IGN */
	je	.Lret
	testq	%rax, %rax			/* SIG_DFL: its action back, raised again */
	jz	.Lreraise
	/* Its handler: block its mask (and SIGTRAP unless SA_NODEFER) as the kernel would
	 * have; the signal frame's mask puts ours back at rt_sigreturn. */
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	movq	.Lbase+PARA_ORIG+24(%rip), %rax
	movq	.Lbase+PARA_ORIG+8(%rip), %rcx
	testl	$PARA_SA_NODEFER, %ecx
	jnz	7f
	orq	$(1 << (SIGTRAP - 1)), %rax
7:	pushq	%rax
	movl	$NR_RT_SIGPROCMASK, %eax
	movl	$SIG_BLOCK, %edi
	movq	%rsp, %rsi
	xorl	%edx, %edx
	movl	$8, %r10d
	syscall
	popq	%rax
	movq	.Lbase+PARA_ORIG+8(%rip), %rcx
	testl	$PARA_SA_RESETHAND, %ecx	/* SA_RESETHAND: SIG_DFL from now on */
	jz	8f
	pushq	$0
	pushq	$0
	pushq	$0
	pushq	$0
	movl	$NR_RT_SIGACTION, %eax
	movl	$SIGTRAP, %edi
	movq	%rsp, %rsi
	xorl	%edx, %edx
	movl	$8, %r10d
	syscall
	addq	$32, %rsp
8:	popq	%rdx
	popq	%rsi
	popq	%rdi
	movq	.Lbase+PARA_ORIG+8(%rip), %rcx
	testl	$PARA_SA_RESTORER, %ecx
	jz	9f
	movq	.Lbase+PARA_ORIG+16(%rip), %rax	/* it returns through its own restorer */
	movq	%rax, (%rsp)
9:	xorl	%eax, %eax			/* as the kernel enters a handler */
	jmpq	*.Lbase+PARA_ORIG(%rip)

.Lreraise:
	movl	$NR_RT_SIGACTION, %eax
	movl	$SIGTRAP, %edi
	leaq	.Lbase+PARA_ORIG(%rip), %rsi
	xorl	%edx, %edx
	movl	$8, %r10d
	syscall
	movl	$NR_GETPID, %eax
	syscall
	movq	%rax, %r8
	movl	$NR_GETTID, %eax
	syscall
	movq	%rax, %rsi
	movq	%r8, %rdi
	movl	$SIGTRAP, %edx
	movl	$NR_TGKILL, %eax
	syscall
	ret

	.p2align 3
arch_parachute_restorer:
	movl	$NR_RT_SIGRETURN, %eax
	syscall
arch_parachute_end:
	.org	arch_parachute_start + PARA_CODE_MAX	/* fails if the code overruns its table */

	.section .note.GNU-stack, "", @progbits
