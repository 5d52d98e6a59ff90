/*
 * prologue.c (x86-64) - recognise the frame set-up at the start of a function, as gdb's
 * amd64_analyze_prologue does: an optional endbr64, then push %rbp; mov %rsp,%rbp.
 *
 * Owns: sym_arch_frame_setup_len. Describes bytes only; reads nothing itself.
 */
#include <string.h>

#include "../symbols.h"

unsigned sym_arch_frame_setup_len(const unsigned char *code, size_t len)
{
	static const unsigned char endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	/* The two encodings of movq %rsp,%rbp. */
	static const unsigned char mov1[3] = { 0x48, 0x89, 0xe5 }, mov2[3] = { 0x48, 0x8b, 0xec };
	unsigned off = 0;

	if (len >= 4 && memcmp(code, endbr64, 4) == 0)
		off = 4;
	if (len < off + 4 || code[off] != 0x55) /* pushq %rbp */
		return 0;
	if (memcmp(code + off + 1, mov1, 3) != 0 && memcmp(code + off + 1, mov2, 3) != 0)
		return 0; /* a push alone sets up no frame: gdb calls that frameless */
	return off + 4;
}

unsigned sym_arch_dwarf_sp(void)
{
	return 7; /* rsp in the System V AMD64 DWARF register numbering */
}

const char *sym_arch_int_return_reg(void)
{
	return "rax"; /* System V AMD64: integers and pointers are returned in rax */
}
