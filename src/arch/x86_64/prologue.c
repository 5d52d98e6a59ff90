/*
 * prologue.c (x86-64) - recognise the frame set-up at the start of a function, as gdb's
 * amd64_analyze_prologue does: an optional endbr64, then push %rbp; mov %rsp,%rbp.
 *
 * Also the arch's other facts the symbol code asks for: the stack pointer's DWARF number and
 * where a returned value is.
 *
 * Owns: sym_arch_frame_setup_len, sym_arch_dwarf_sp, sym_arch_return_loc (declared in
 * symbols/symbols.h, whose callers they serve). Must not: read the tracee (it describes the
 * bytes it is given) or decode beyond these fixed patterns.
 */
#include <string.h>

#include "symbols/symbols.h"

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

bool sym_arch_return_loc(bool is_float, uint64_t size, unsigned *dwreg, bool *indirect)
{
	/* System V AMD64: float and double in xmm0 (17), integers, pointers and small
	 * structs of integers in rax (0); a value of more than 16 bytes is in the caller's
	 * memory, its address in rax. long double (x87 st0) and two-register values are not
	 * read. */
	*indirect = false;
	if (is_float) {
		*dwreg = 17;
		return size == 4 || size == 8;
	}
	*dwreg = 0;
	if (size > 16)
		*indirect = true;
	return size <= 8 || size > 16;
}
