/*
 * disasm.c - cdbg_disasm: the program's instructions (its own bytes, breakpoints hidden).
 *
 * Owns: reading the bytes to decode. Must not: decode them (src/arch/ does).
 */
#include <errno.h>

#include "target/target.h"

int cdbg_disasm(cdbg_proc *p, uint64_t addr, struct cdbg_insn *out, size_t max)
{
	unsigned char code[16 * 64];
	size_t want = max * 16 < sizeof(code) ? max * 16 : sizeof(code);
	ssize_t n;
	int r;

	if ((r = cdbg__check_owner(p, "disassemble")) < 0)
		return r;
	n = cdbg_mem_read(p, addr, code, want);
	if (n <= 0)
		return cdbg__fail_mem(p, addr, "cannot access memory at address %#llx",
				      (unsigned long long)addr);
	r = arch_disasm(addr, code, (size_t)n, out, max);
	if (r < 0)
		return cdbg__fail(p, -ENOSYS,
				  "cannot disassemble: the Capstone library "
				  "(libcapstone4) is not installed");
	if (r == 0)
		return cdbg__fail(p, CDBG_EBADADDR,
				  "cannot disassemble at %#llx: not a valid "
				  "instruction",
				  (unsigned long long)addr);
	return r;
}
