/*
 * arch/x86_64/insn.h - one instruction decoded with Capstone's detail, for the files of this
 * directory only (generic code asks arch_insn_info in arch.h).
 */
#ifndef CDBG_ARCH_X86_INSN_H
#define CDBG_ARCH_X86_INSN_H

#include <stdbool.h>

#include "arch/arch.h"
#include "capstone.h"

struct arch_x86_insn {
	cs_insn *cs;           /* Capstone's decode, detail on; freed by arch_x86_insn_release */
	struct arch_insn info; /* the facts arch_insn_info gives */
};

/* Decode the instruction at pc from bytes[0..n). Returns true with d filled (release it), or
 * false when the bytes are not a valid instruction or Capstone is not installed (nothing to
 * release then). */
bool arch_x86_insn_decode(const uint8_t *bytes, size_t n, uint64_t pc, struct arch_x86_insn *d);
/* Free what arch_x86_insn_decode allocated. */
void arch_x86_insn_release(struct arch_x86_insn *d);

#endif /* CDBG_ARCH_X86_INSN_H */
