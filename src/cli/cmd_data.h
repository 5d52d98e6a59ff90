/*
 * cmd_data.h - what the data commands' files share (cmd_data.c, cmd_data_util.c, cmd_data_x.c,
 * cmd_data_display.c, cmd_data_printf.c, cmd_data_regs.c, cmd_data_dump.c): /FMT parsing, x's remembered state, and the
 * handlers cmd_data.c's tables list. Private to the data group.
 */
#ifndef CDBG_CLI_CMD_DATA_H
#define CDBG_CLI_CMD_DATA_H

#include <ctype.h>
#include <string.h>

#include "cli.h"

/* A parsed /FMT: gdb's /[-]COUNT LETTERS. */
struct xfmt {
	long count;     /* item count (x), 1 if none */
	char fmt;       /* format letter, 0 if none */
	unsigned size;  /* unit size from b h w g, 0 if none */
	bool has_count; /* a count was given */
	bool has_fmt;   /* anything followed the '/' */
};

static inline void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/* ---- cmd_data_util.c ---- */
/* Parse "/[-]N LETTERS" at *sp (which points at '/'); advance *sp past it. */
int data_parse_fmt(struct cli *c, char **sp, struct xfmt *xf);
/* Read size bytes (1..8) at addr into *v; -1 when the process cannot give them. */
int data_read_unit(struct cli *c, uint64_t addr, unsigned size, uint64_t *v);
/* The register gdb calls name (its aliases, pseudo registers and fiseg/foseg included), or
 * NULL. */
const struct cdbg_reg_desc *data_reg_find(const char *name);
/* The address x, display/FMT and printf's %s take from v (an array or struct stands for its
 * own address). */
uint64_t data_value_addr(const struct cdbg_value *v);
/* "Cannot access memory at address 0x..."; returns -1. */
int data_no_memory(struct cli *c, uint64_t addr);

/* ---- cmd_data_x.c ---- */
/* x's state between calls: the last format and unit size, and where a plain x goes on. */
struct x_state {
	char fmt;
	unsigned size;
	uint64_t next;
	bool valid;
};
extern struct x_state x_state;
/* Show count units of memory at addr as x does (count instructions for x_insns). 0 or -1. */
int x_examine(struct cli *c, uint64_t addr, long count, char fmt, unsigned size);
int x_insns(struct cli *c, uint64_t addr, long count);

/* ---- cmd_data_dump.c ---- */
/* len bytes at buf, which are at vaddr in the program, into path in format fmt ("ihex",
 * "srec", "tekhex", "verilog"), as GNU BFD writes it. 0 or -1. */
int data_dump_format(struct cli *c, const char *path, const char *fmt, const unsigned char *buf,
		     size_t len, uint64_t vaddr);
int data_cmd_restore(struct cli *c, char *args);

/* ---- the handlers cmd_data.c's tables list ---- */
int data_cmd_x(struct cli *c, char *args);
int data_cmd_printf(struct cli *c, char *args);
int data_cmd_dump(struct cli *c, char *args);
int data_cmd_append(struct cli *c, char *args);
int data_cmd_display(struct cli *c, char *args);
int data_cmd_undisplay(struct cli *c, char *args);
int data_info_registers(struct cli *c, char *args);
int data_info_all_registers(struct cli *c, char *args);
int data_info_display(struct cli *c, char *args);

#endif
