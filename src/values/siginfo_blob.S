/*
 * siginfo_blob.S - the shared object the build makes of siginfo_gdb.c, embedded whole: its
 * DWARF describes gdb's $_siginfo type (values/siginfo.c reads it with libdw).
 *
 * Owns: the bytes cdbg__siginfo_elf .. cdbg__siginfo_elf_end. Must not: hold anything else.
 */
	.section .rodata
	.balign 16
	.globl cdbg__siginfo_elf
	.hidden cdbg__siginfo_elf
cdbg__siginfo_elf:
	.incbin "siginfo_gdb.so"
	.globl cdbg__siginfo_elf_end
	.hidden cdbg__siginfo_elf_end
cdbg__siginfo_elf_end:
	.section .note.GNU-stack,"",@progbits
