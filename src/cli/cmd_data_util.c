/*
 * cmd_data_util.c - pieces every data command uses: /FMT letters, reading a unit of memory,
 * register names as gdb spells them, the address a value stands for, the memory error.
 *
 * Owns: nothing kept. Must not: format values (format.c does).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "cmd_data.h"
#include "format.h"

/* Parse "/[-]N LETTERS" at *sp (which points at '/'); advance *sp past it. */
int data_parse_fmt(struct cli *c, char **sp, struct xfmt *xf)
{
	char *s = *sp + 1;
	bool neg = false;

	memset(xf, 0, sizeof(*xf));
	xf->count = 1;
	xf->has_fmt = true;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (isdigit((unsigned char)*s)) {
		xf->count = strtol(s, &s, 10);
		xf->has_count = true;
	}
	if (neg) {
		xf->count = -xf->count;
		xf->has_count = true;
	}
	for (; *s >= 'a' && *s <= 'z'; s++) {
		switch (*s) {
		case 'b':
			xf->size = 1;
			break;
		case 'h':
			xf->size = 2;
			break;
		case 'w':
			xf->size = 4;
			break;
		case 'g':
			xf->size = 8;
			break;
		case 'r':
			/* raw: bypass pretty-printers; cdbg has none, so every value is raw */
			break;
		default:
			if (!fmt_is_letter(*s))
				return cli_error(c, "Undefined output format \"%c\".", *s);
			xf->fmt = *s;
		}
	}
	*sp = cli_skip_ws(s);
	return 0;
}

/* Read size bytes (1..8) at addr into *v; -1 when the process cannot give them. */
int data_read_unit(struct cli *c, uint64_t addr, unsigned size, uint64_t *v)
{
	*v = 0;
	if (!cli_symbols(c))
		return -1;
	return cdbg_mem_read(c->p, addr, v, size) == (ssize_t)size ? 0 : -1;
}

/* The register gdb calls name (its aliases, pseudo registers and fiseg/foseg included), or
 * NULL. */
const struct cdbg_reg_desc *data_reg_find(const char *name)
{
	if (!strcmp(name, "fiseg"))
		name = "fioff";
	else if (!strcmp(name, "foseg"))
		name = "fooff";
	return cdbg_reg_lookup(name);
}

/* The address x, display/FMT and printf's %s take from v: an array, struct or union of the
 * program stands for its own address, as in gdb (x/3dw arr, printf "%s", buf). */
uint64_t data_value_addr(const struct cdbg_value *v)
{
	bool agg = strchr(v->type, '[') || !strncmp(v->type, "struct ", 7) ||
		   !strncmp(v->type, "union ", 6) || v->size > 8;

	return v->dtype && v->lvalue && !v->is_pointer && agg ? v->addr : v->bits;
}

int data_no_memory(struct cli *c, uint64_t addr)
{
	fflush(stdout);
	return cli_error(c, "Cannot access memory at address 0x%" PRIx64, addr);
}
