/*
 * where.c - addresses as the user sees them: symbol names, "0x... in func ()", source lines,
 * and location specs ("*ADDR", "FUNC", "FILE:LINE", "LINE") turned into addresses.
 *
 * Owns: the CLI's use of libcdbg's symbol lookups. Must not: read ELF or DWARF itself.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_symbolize(struct cli *c, uint64_t addr, char *buf, size_t len)
{
	struct cdbg_symbol s;

	if (!c->live || cdbg_sym_by_addr(c->p, addr, &s) < 0)
		return NULL;
	if (s.offset)
		snprintf(buf, len, "%s+%llu", s.name, (unsigned long long)s.offset);
	else
		snprintf(buf, len, "%s", s.name);
	return buf;
}

/* The text of line `line` of file, or NULL. */
static char *source_line(const char *file, int line)
{
	static char buf[1024];
	FILE *f = fopen(file, "re");
	int n = 0;

	if (!f)
		return NULL;
	while (fgets(buf, sizeof(buf), f))
		if (++n == line) {
			fclose(f);
			buf[strcspn(buf, "\n")] = '\0';
			return buf;
		}
	fclose(f);
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

void cli_print_location(struct cli *c, pid_t tid, uint64_t pc, bool with_addr)
{
	struct cdbg_symbol s;
	struct cdbg_line ln;
	bool have_sym = c->live && cdbg_sym_by_addr(c->p, pc, &s) == 0;
	bool have_line = c->live && cdbg_line_by_addr(c->p, pc, &ln) == 0 && ln.line > 0;
	char *text;

	(void)tid;
	if (have_line && have_sym) {
		/* gdb: the address only when pc is not at the start of a line. */
		if (with_addr && ln.addr != pc)
			printf("0x%016llx in ", (unsigned long long)pc);
		printf("%s () at %s:%d\n", s.name, base_name(ln.file), ln.line);
		text = source_line(ln.file, ln.line);
		if (text)
			printf("%d\t%s\n", ln.line, text);
		return;
	}
	if (have_sym) {
		printf("0x%016llx in %s ()", (unsigned long long)pc, s.name);
		if (s.module[0] && strcmp(s.module, c->prog ? c->prog : ""))
			printf(" from %s", s.module);
		printf("\n");
		return;
	}
	printf("0x%016llx in ?? ()\n", (unsigned long long)pc);
}

int cli_resolve_location(struct cli *c, const char *spec, uint64_t *addr)
{
	const char *colon = strrchr(spec, ':');
	uint64_t addrs[16];
	int n;

	if (*spec == '*')
		return cli_eval_u64(c, spec + 1, addr);
	if (!c->live)
		return cli_error(c, "cannot resolve '%s' before the program runs; start it first, or "
				 "use break *ADDRESS", spec);
	if (isdigit((unsigned char)*spec) || (colon && isdigit((unsigned char)colon[1]))) {
		char file[512] = "";
		int line;
		if (colon) {
			snprintf(file, sizeof(file), "%.*s", (int)(colon - spec), spec);
			line = atoi(colon + 1);
		} else {
			struct cdbg_line cur;
			uint64_t pc;
			line = atoi(spec);
			if (cdbg_get_pc(c->p, c->cur_tid, &pc) == 0 && cdbg_line_by_addr(c->p, pc, &cur) == 0)
				snprintf(file, sizeof(file), "%s", cur.file);
		}
		n = cdbg_addrs_for_line(c->p, file, line, addrs, 16);
		if (n <= 0)
			return cli_error(c, "No line %d in file \"%s\".", line, file);
		*addr = addrs[0];
		return 0;
	}
	if (cdbg_func_break_addr(c->p, spec, addr) < 0)
		return cli_error(c, "Function \"%s\" not defined.", spec);
	return 0;
}

/* Is addr in an executable mapping of the process (code rather than data)? */
static bool is_code(struct cli *c, uint64_t addr)
{
	char path[64], line[512];
	bool code = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)cdbg_pid(c->p));
	if (!(f = fopen(path, "re")))
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && addr >= lo && addr < hi) {
			code = perms[2] == 'x';
			break;
		}
	}
	fclose(f);
	return code;
}

/* A plain name in an expression. A function is its address (as gdb's `print main` shows it);
 * a variable is its memory: `print counter` reads it, `&counter` is its address. Without debug
 * info its type is a guess from the symbol's size (1, 2, 4 or 8 bytes, else long). */
int cli_symbol_value(struct cli *c, const char *name, struct cdbg_value *out)
{
	struct cdbg_symbol s;

	if (!c->live || cdbg_sym_by_name(c->p, name, &s) < 0)
		return -1;
	if (is_code(c, s.addr)) {
		cdbg_value_int(out, s.addr, 8, 0);
		out->is_pointer = 1; /* shown as (void *) 0x... <func> */
		out->ptr_depth = 1;
		out->pointee_size = 0;
		return 0;
	}
	unsigned size = s.size == 1 || s.size == 2 || s.size == 4 ? (unsigned)s.size : 8;
	cdbg_value_int(out, 0, size, 1);
	out->lvalue = 1;
	out->addr = s.addr;
	return 0;
}
