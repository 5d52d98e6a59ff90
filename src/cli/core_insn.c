/*
 * core_insn.c - the start of an instruction line as x/i and disassemble print it
 * ("=> 0x401136 <hit+4>:").
 *
 * Owns: nothing kept. Must not: decode instructions (cdbg_disasm does); use a command
 * group's files (scripts/check-cli-cycles).
 */
#include <inttypes.h>

#include "cli.h"

void cli_insn_addr(struct cli *c, uint64_t addr, bool is_pc, const struct cdbg_symbol *func,
		   bool range)
{
	char buf[300];

	fputs(is_pc ? "=> " : "   ", stdout);
	if (func && !range) {
		/* gdb names no address outside the function (padding a /m row reaches). */
		if (!func->size)
			printf("0x%016" PRIx64 " <%+" PRId64 ">:", addr,
			       (int64_t)(addr - func->addr));
		else if (addr >= func->addr && addr < func->addr + func->size)
			printf("0x%016" PRIx64 " <+%" PRIu64 ">:", addr, addr - func->addr);
		else
			printf("0x%016" PRIx64 ":", addr);
	} else if (range) {
		struct cdbg_symbol s;
		if (cdbg_sym_by_addr(c->p, addr, &s) == 0)
			printf("0x%016" PRIx64 " <%s+%" PRIu64 ">:", addr, s.name, s.offset);
		else
			printf("0x%016" PRIx64 ":", addr);
	} else if (cli_symbolize(c, addr, buf, sizeof(buf))) {
		printf("0x%" PRIx64 " <%s>:", addr, buf);
	} else {
		printf("0x%" PRIx64 ":", addr);
	}
}
