/*
 * cmd_data_x.c - x/NFU ADDR: memory as gdb's x shows it (units, strings, instructions), with $_
 * and $__ set, and what a plain x goes on with.
 *
 * Owns: x's remembered format, unit size, count and address. Must not: format values
 * itself (format.c does).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "cmd_data.h"
#include "format.h"

struct x_state x_state;

/* x's count when repeated with no argument (gdb's last_count). */
static long x_last_count = 1;

static void x_label(struct cli *c, uint64_t addr)
{
	char buf[256];
	const char *s = cli_symbolize(c, addr, buf, sizeof(buf));

	if (s)
		printf("0x%" PRIx64 " <%s>:", addr, s);
	else
		printf("0x%" PRIx64 ":", addr);
}

/* Set $_ to (intN_t *) last and $__ to its contents, as gdb does after x. */
static void x_set_vars(struct cli *c, uint64_t last, unsigned size, uint64_t val, bool has_val)
{
	struct cdbg_value v;

	cdbg_value_int(&v, last, 8, 0);
	v.is_pointer = 1;
	v.is_char = 0;
	v.ptr_depth = 1;
	v.pointee_size = size;
	v.pointee_signed = 1;
	snprintf(v.type, sizeof(v.type), "int%u_t *", size * 8);
	cli_var_set(c, "_", &v);
	if (!has_val)
		return;
	cdbg_value_int(&v, val, size, 1);
	v.is_char = 0;
	snprintf(v.type, sizeof(v.type), "int%u_t", size * 8);
	cli_var_set(c, "__", &v);
}

/* Examine count units of x's format from addr (count > 0): lines of 8, 8, 4 or 2 units. */
int x_examine(struct cli *c, uint64_t addr, long count, char fmt, unsigned size)
{
	unsigned per_line = fmt == 's' ? 1 : size <= 2 ? 8 : size == 4 ? 4 : 2;
	uint64_t last = addr, val = 0, next;

	for (long i = 0; i < count; i++) {
		if (cli_interrupted(c))
			return -1;
		if (i % per_line == 0) {
			if (i)
				putchar('\n');
			x_label(c, addr);
		}
		putchar('\t');
		if (fmt == 's') {
			last = addr;
			if (fmt_string(c, stdout, addr, &next) == 0)
				addr = next;
			continue;
		}
		if (data_read_unit(c, addr, size, &val) < 0) {
			x_state.next = addr;
			return data_no_memory(c, addr);
		}
		fmt_int(c, stdout, val, size, fmt == 'd' || fmt == 'c', fmt, true);
		last = addr;
		addr += size;
	}
	putchar('\n');
	x_state.next = addr;
	x_state.valid = true;
	x_set_vars(c, last, size, val, fmt != 's');
	return 0;
}

/* x/Ni: count instructions from addr, "=> " marking the pc of the selected frame. */
int x_insns(struct cli *c, uint64_t addr, long count)
{
	struct cdbg_insn in;
	uint64_t pc = 0, last = addr;
	bool have_pc = c->live &&
		       cdbg_frame_reg(c->p, c->cur_tid, cli_selected_frame(c), "pc", &pc) == 0;

	for (long i = 0; i < count; i++) {
		if (cli_interrupted(c))
			return -1;
		cli_insn_addr(c, addr, have_pc && addr == pc, NULL, false); /* as disassemble */
		putchar('\t');
		if (!cli_symbols(c) || cdbg_disasm(c->p, addr, &in, 1) != 1) {
			x_state.next = addr;
			return cli_symbols(c) && cdbg_errcode(c->p) != CDBG_ENOMEM ?
				       cli_lib_error(c) :
				       data_no_memory(c, addr);
		}
		fmt_insn(c, stdout, &in);
		putchar('\n');
		last = addr;
		addr += in.size;
	}
	x_state.next = addr;
	x_state.valid = true;
	x_set_vars(c, last, 1, 0, false);
	return 0;
}

/* The unit size x uses for fmt: what was given, else gdb's default for the letter. */
static unsigned x_unit(struct cli *c, char fmt, unsigned given)
{
	unsigned last = x_state.size ? x_state.size : 4;

	switch (fmt) {
	case 'a':
		return 8;
	case 's':
	case 'i':
		return 1;
	case 'c':
		return given ? given : 1;
	case 'f':
		return given ? given : (last == 4 || last == 8) ? last : 8;
	default:
		return given ? given : last;
	}
}

/* x[/NFU] [ADDR]: examine memory. No ADDR: go on where the last x stopped. */
int data_cmd_x(struct cli *c, char *args)
{
	struct xfmt xf = { .count = 1 };
	struct cdbg_value v;
	uint64_t addr;
	unsigned size;
	char fmt;

	args = cli_skip_ws(args);
	if (*args == '/' && data_parse_fmt(c, &args, &xf) < 0)
		return -1;
	rtrim(args);
	if (*args) {
		if (cli_eval(c, args, &v) < 0)
			return -1;
		addr = data_value_addr(&v);
	} else {
		if (!x_state.valid)
			return cli_error(c, "Argument required (starting display address).");
		addr = x_state.next;
		if (!xf.has_fmt)
			xf.count = x_last_count;
	}
	fmt = xf.fmt ? xf.fmt : x_state.fmt ? x_state.fmt : 'x';
	size = x_unit(c, fmt, xf.size);
	x_state.fmt = fmt;
	x_state.size = size;
	x_last_count = xf.count;
	if (fmt == 'i' && xf.count > 0)
		return x_insns(c, addr, xf.count);
	if (xf.count < 0) { /* x/-N: the N units before addr */
		if (fmt == 's' || fmt == 'i')
			return cli_error(c,
					 "cannot examine strings backwards: give a start address");
		addr -= (uint64_t)(-xf.count) * size;
		if (x_examine(c, addr, -xf.count, fmt, size) < 0)
			return -1;
		x_state.next = addr;
		return 0;
	}
	if (xf.count == 0) {
		x_state.next = addr;
		x_state.valid = true;
		return 0;
	}
	return x_examine(c, addr, xf.count, fmt, size);
}
