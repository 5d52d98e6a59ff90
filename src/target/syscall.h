/*
 * syscall.h - x86-64's system call table (syscall_tab.c, generated) as syscall.c reads it.
 *
 * Owns: the table's row type and gdb's group bits. Must not: be included outside src/target/.
 */
#ifndef CDBG_TARGET_SYSCALL_H
#define CDBG_TARGET_SYSCALL_H

#include <stddef.h>

enum {
	SC_G_DESCRIPTOR = 1 << 0,
	SC_G_FILE = 1 << 1,
	SC_G_IPC = 1 << 2,
	SC_G_MEMORY = 1 << 3,
	SC_G_NETWORK = 1 << 4,
	SC_G_PROCESS = 1 << 5,
	SC_G_SIGNAL = 1 << 6,
};

struct sc_entry {
	short nr;
	const char *name;
	unsigned char groups; /* SC_G_* */
};

extern const struct sc_entry sc_table[]; /* by number, ascending */
extern const size_t sc_table_len;

#endif /* CDBG_TARGET_SYSCALL_H */
