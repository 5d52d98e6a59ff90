/*
 * arch.h - what generic code needs to know about the CPU; one implementation per directory
 * under src/arch/. It describes registers, breakpoint bytes and register-set layouts; it makes
 * no system calls of its own (loop.c makes them).
 */
#ifndef CDBG_ARCH_H
#define CDBG_ARCH_H

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

/* The register table (public descriptors come from it). */
size_t arch_reg_count(void);
const struct arch_reg *arch_reg_at(size_t i);
const struct arch_reg *arch_reg_by_name(const char *name);
const struct cdbg_reg_desc *arch_reg_descs(void);

/* Program counter and stack pointer inside a GPR block. */
uint64_t arch_gpr_pc(const struct arch_gpr *g);
void arch_gpr_set_pc(struct arch_gpr *g, uint64_t pc);
uint64_t arch_gpr_sp(const struct arch_gpr *g);

/* Byte offset of a register inside the extended-state block, or -1 if the CPU's state has no
 * such component (for example ymm on a CPU without AVX). */
long arch_xstate_offset(const struct arch_reg *r);
/* Size in bytes of the extended-state block, from CPUID leaf 0xD (never assumed). */
size_t arch_xstate_size(void);
/* The regset note type for the extended state (NT_X86_XSTATE on x86-64). */
int arch_xstate_note(void);

#endif /* CDBG_ARCH_H */
