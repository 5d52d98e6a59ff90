/*
 * core_target.c - what the handle holds, as the commands ask it: can symbols, lines, types and
 * memory be read (a process, a core, or the program's file before it runs)?
 *
 * Owns: cli_symbols, cli_need_symbols. Must not: use a command group's files
 * (scripts/check-cli-cycles); touch the process except through cdbg.h.
 */
#include "cli.h"

bool cli_symbols(struct cli *c)
{
	return c->live || cdbg_target(c->p) != CDBG_TARGET_NONE;
}

bool cli_need_symbols(struct cli *c)
{
	if (cli_symbols(c))
		return true;
	cli_error(c, "No symbol table is loaded.  Use the \"file\" command.");
	return false;
}
