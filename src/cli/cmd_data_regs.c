/*
 * cmd_data_regs.c - info registers [REG|GROUP...] and info all-registers, as gdb 13 shows them
 * (general, eflags' flags, segment, x87 with its full tag word, SSE/AVX vectors, mxcsr), in the
 * selected frame (an outer one: its registers as unwound).
 *
 * Owns: the register groups. Must not: format values itself (format.c does).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "cmd_data.h"
#include "format.h"

/* gdb's full x87 tag word (2 bits per physical register: 0 valid, 1 zero, 2 special,
 * 3 empty) from FXSAVE's abridged one (1 bit: not empty). */
static uint64_t full_ftag(struct cli *c, uint64_t abridged)
{
	uint64_t fstat = 0, tag = 0;
	unsigned char st[16];
	char name[8];

	if (cdbg_reg_get(c->p, c->cur_tid, "fstat", &fstat) < 0)
		return abridged;
	for (unsigned phys = 0; phys < 8; phys++) {
		unsigned t = 3;
		if ((abridged >> phys) & 1) {
			snprintf(name, sizeof(name), "st%u", (phys - (unsigned)(fstat >> 11)) & 7);
			if (cdbg_reg_read(c->p, c->cur_tid, name, st, sizeof(st)) < 0)
				return abridged;
			unsigned exp = (st[9] & 0x7fu) << 8 | st[8];
			uint64_t man;
			memcpy(&man, st, sizeof(man));
			if (exp == 0x7fff)
				t = 2;
			else if (exp == 0)
				t = man ? 2 : 1;
			else
				t = man >> 63 ? 0 : 2;
		}
		tag |= (uint64_t)t << (2 * phys);
	}
	return tag;
}

/* In an outer selected frame, d's value there as the unwinder recovers it (pc, sp, the saved
 * callee-saved registers); the others keep the thread's values, as gdb's "same value" rule
 * shows them. */
static void frame_value(struct cli *c, const struct cdbg_reg_desc *d, unsigned char *b)
{
	int level = cli_selected_frame(c);
	uint64_t v;

	if (level > 0 && d->kind == CDBG_REG_GPR && d->size == 8 &&
	    cdbg_frame_reg(c->p, c->cur_tid, level, d->name, &v) == 0)
		memcpy(b, &v, sizeof(v));
}

/* One `info registers` line for register d, shown under the name the user gave. Returns
 * 0, or -1 when it cannot be read (quiet: no message, for registers this CPU lacks). */
static int show_reg(struct cli *c, const char *shown, const struct cdbg_reg_desc *d, bool quiet)
{
	unsigned char b[64] = { 0 };
	char hex[40];
	uint64_t v = 0;
	unsigned size = d->size;

	if (cdbg_reg_read(c->p, c->cur_tid, d->name, b, sizeof(b)) < 0)
		return quiet ? -1 : cli_lib_error(c);
	frame_value(c, d, b);
	printf(strlen(shown) < 15 ? "%-15s" : "%s ", shown);
	if (d->size > 10) {
		fmt_vector(stdout, b, d->size);
		putchar('\n');
		return 0;
	}
	if (d->size == 10) {
		char *val = NULL;
		size_t vl = 0;
		FILE *m = open_memstream(&val, &vl);
		if (m) {
			fmt_x87(m, b);
			fclose(m);
		}
		printf("%-19s (raw 0x", val ? val : "?");
		free(val);
		for (int i = 9; i >= 0; i--)
			printf("%02x", b[i]);
		puts(")");
		return 0;
	}
	memcpy(&v, b, d->size < 8 ? d->size : 8);
	if (!strcmp(d->name, "ftag")) {
		v = full_ftag(c, v);
		size = 2;
	} else if (!strcmp(d->name, "fioff") || !strcmp(d->name, "fooff")) {
		/* gdb splits the FXSAVE pointer: offset in the low 32 bits, selector above. */
		bool seg = !strcmp(shown, "fiseg") || !strcmp(shown, "foseg");
		v = seg ? (v >> 32) & 0xffff : v & 0xffffffff;
		size = 4;
	}
	snprintf(hex, sizeof(hex), "0x%" PRIx64, v);
	printf("%-19s ", hex);
	if (!strcmp(d->name, "rip"))
		fmt_int(c, stdout, v, 8, false, 'a', false);
	else if (!strcmp(d->name, "rsp") || !strcmp(d->name, "rbp"))
		fputs(hex, stdout);
	else if (!strcmp(d->name, "eflags"))
		fmt_eflags(stdout, v);
	else if (!strcmp(d->name, "mxcsr"))
		fmt_mxcsr(stdout, v);
	else
		fmt_int(c, stdout, v, size, d->kind == CDBG_REG_GPR, 0, false);
	putchar('\n');
	return 0;
}

/* Is register name in the group gdb's `info registers GROUP` names? */
static bool in_group(const struct cdbg_reg_desc *d, const char *group)
{
	bool sys = !strcmp(d->name, "fs_base") || !strcmp(d->name, "gs_base") ||
		   !strcmp(d->name, "orig_rax");

	if (!strcmp(group, "general"))
		return d->kind == CDBG_REG_GPR && !sys;
	if (!strcmp(group, "system"))
		return sys;
	if (!strcmp(group, "float"))
		return d->kind == CDBG_REG_FP;
	if (!strcmp(group, "sse"))
		return !strncmp(d->name, "xmm", 3) || !strcmp(d->name, "mxcsr");
	if (!strcmp(group, "vector"))
		return d->kind == CDBG_REG_VECTOR;
	return false;
}

/* Every register of a group, in table order (float: gdb's order of the x87 control words). */
static void show_group(struct cli *c, const char *group)
{
	static const char *const fpu[] = { "fctrl", "fstat", "ftag",  "fiseg",
					   "fioff", "foseg", "fooff", "fop" };
	const struct cdbg_reg_desc *t;
	size_t n = cdbg_reg_table(&t);

	for (size_t i = 0; i < n; i++) {
		bool fpu_word = t[i].kind == CDBG_REG_FP && t[i].name[0] == 'f'; /* shown below */
		if (in_group(&t[i], group) && !fpu_word)
			show_reg(c, t[i].name, &t[i], true);
	}
	if (!strcmp(group, "float"))
		for (size_t i = 0; i < sizeof(fpu) / sizeof(fpu[0]); i++)
			show_reg(c, fpu[i], data_reg_find(fpu[i]), true);
}

/* gdb's `info all-registers`: general and system registers but orig_rax, x87, mxcsr, then
 * ymm0-15 where the CPU has AVX, else xmm0-15. */
static void show_all(struct cli *c)
{
	unsigned char b[64];
	bool avx = cdbg_reg_read(c->p, c->cur_tid, "ymm0", b, sizeof(b)) > 0;
	const struct cdbg_reg_desc *t;
	size_t n = cdbg_reg_table(&t);

	for (size_t i = 0; i < n; i++)
		if (t[i].kind == CDBG_REG_GPR && strcmp(t[i].name, "orig_rax"))
			show_reg(c, t[i].name, &t[i], true);
	show_group(c, "float");
	show_reg(c, "mxcsr", data_reg_find("mxcsr"), true);
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == CDBG_REG_VECTOR && t[i].size == (avx ? 32u : 16u))
			show_reg(c, t[i].name, &t[i], true);
}

static bool regs_ready(struct cli *c)
{
	if (!c->live) {
		cli_error(c, "The program has no registers now.");
		return false;
	}
	return cli_need_frames(c);
}

/* info registers [REG|GROUP ...]: registers of the selected thread, in its selected frame. */
int data_info_registers(struct cli *c, char *args)
{
	const struct cdbg_reg_desc *d;
	char *w;

	if (!regs_ready(c))
		return -1;
	if (!*cli_skip_ws(args)) {
		show_group(c, "general");
		return 0;
	}
	while ((w = cli_next_word(&args)) && *w) {
		if (*w == '$')
			w++;
		if (!strcmp(w, "all")) {
			show_all(c);
		} else if (!strcmp(w, "general") || !strcmp(w, "float") || !strcmp(w, "sse") ||
			   !strcmp(w, "vector") || !strcmp(w, "system")) {
			show_group(c, w);
		} else if (!(d = data_reg_find(w))) {
			fflush(stdout);
			return cli_error(c, "Invalid register `%s'", w);
		} else if (show_reg(c, w, d, false) < 0) {
			return -1;
		}
	}
	return 0;
}

/* info all-registers: every register, vector and x87 ones included. */
int data_info_all_registers(struct cli *c, char *args)
{
	if (*cli_skip_ws(args))
		return data_info_registers(c, args);
	if (!regs_ready(c))
		return -1;
	show_all(c);
	return 0;
}
