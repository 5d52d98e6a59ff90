/*
 * core_insn.c - the start of an instruction line as x/i and disassemble print it
 * ("=> 0x401136 <hit+4>:").
 *
 * Owns: nothing kept. Must not: decode instructions (cdbg_disasm does); use a command
 * group's files (scripts/check-cli-cycles).
 */
#include <inttypes.h>
#include <string.h>

#include "cli.h"

/* "0x401136" in the address style. */
static void addr_st(struct cli *c, const char *fmt, uint64_t addr)
{
	fputs(cli_st(c, CDBG_STYLE_ADDRESS), stdout);
	printf(fmt, addr);
	fputs(cli_st_end(c, CDBG_STYLE_ADDRESS), stdout);
}

/* " <main+4>:" with the name in the function style (sym: "main+4"). */
static void sym_st(struct cli *c, const char *sym)
{
	size_t n = strlen(sym);
	const char *plus = strrchr(sym, '+');

	if (plus && plus[1] >= '0' && plus[1] <= '9')
		n = (size_t)(plus - sym);
	printf(" <%s%.*s%s%s>:", cli_st(c, CDBG_STYLE_FUNCTION), (int)n, sym,
	       cli_st_end(c, CDBG_STYLE_FUNCTION), sym + n);
}

void cli_insn_addr(struct cli *c, uint64_t addr, bool is_pc, const struct cdbg_symbol *func,
		   bool range)
{
	char buf[300];

	fputs(is_pc ? "=> " : "   ", stdout);
	if (func && !range) {
		addr_st(c, "0x%016" PRIx64, addr);
		/* gdb names no address outside the function (padding a /m row reaches). */
		if (!func->size)
			printf(" <%+" PRId64 ">:", (int64_t)(addr - func->addr));
		else if (addr >= func->addr && addr < func->addr + func->size)
			printf(" <+%" PRIu64 ">:", addr - func->addr);
		else
			printf(":");
	} else if (range) {
		struct cdbg_symbol s;
		addr_st(c, "0x%016" PRIx64, addr);
		if (cdbg_sym_by_addr(c->p, addr, &s) == 0) {
			snprintf(buf, sizeof(buf), "%s+%" PRIu64, s.name, s.offset);
			sym_st(c, buf);
		} else
			printf(":");
	} else if (cli_symbolize(c, addr, buf, sizeof(buf))) {
		addr_st(c, "0x%" PRIx64, addr);
		sym_st(c, buf);
	} else {
		addr_st(c, "0x%" PRIx64, addr);
		printf(":");
	}
}
