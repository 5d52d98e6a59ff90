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

	if (!cli_symbols(c) || cdbg_sym_by_addr(c->p, addr, &s) < 0)
		return NULL;
	if (s.offset)
		snprintf(buf, len, "%s+%llu", s.name, (unsigned long long)s.offset);
	else
		snprintf(buf, len, "%s", s.name);
	return buf;
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
	bool have_sym = cli_symbols(c) && cdbg_sym_by_addr(c->p, pc, &s) == 0;
	bool have_line = cli_symbols(c) && cdbg_line_by_addr(c->p, pc, &ln) == 0 && ln.line > 0;
	const char *text;

	(void)tid;
	if (!have_line && cdbg_pc_is_sigtramp(c->p, pc)) {
		printf("<signal handler called>\n");
		return;
	}
	if (have_sym)
		cdbg_func_name(s.name, s.name, sizeof(s.name));
	if (have_line && have_sym) {
		/* gdb (frame_show_address): the address unless pc starts a line's statement. */
		if (with_addr && (ln.addr != pc || !ln.is_stmt))
			printf("%s0x%016llx%s in ", cli_st(c, CDBG_STYLE_ADDRESS),
			       (unsigned long long)pc, cli_st_end(c, CDBG_STYLE_ADDRESS));
		cli_puts_st(c, CDBG_STYLE_FUNCTION, s.name);
		printf(" (");
		cli_print_frame_args(c, tid, 0);
		printf(") at ");
		cli_puts_st(c, CDBG_STYLE_FILENAME, base_name(ln.file));
		printf(":%d\n", ln.line);
		text = cli_source_line_st(c, ln.file, ln.line); /* core_srccache.c's cache */
		if (text)
			printf("%d\t%s\n", ln.line, text);
		cli_set_default_source(ln.file); /* gdb's current source file: the stop's */
		return;
	}
	printf("%s0x%016llx%s in ", cli_st(c, CDBG_STYLE_ADDRESS), (unsigned long long)pc,
	       cli_st_end(c, CDBG_STYLE_ADDRESS));
	if (have_sym) {
		cli_puts_st(c, CDBG_STYLE_FUNCTION, s.name);
		printf(" ()");
		if (s.module[0] && strcmp(s.module, c->prog ? c->prog : "")) {
			printf(" from ");
			cli_puts_st(c, CDBG_STYLE_FILENAME, s.module);
		}
		printf("\n");
		return;
	}
	printf("?? ()\n");
}

int cli_print_source_line(struct cli *c, uint64_t pc)
{
	struct cdbg_line ln;
	const char *text;

	if (!cli_symbols(c) || cdbg_line_by_addr(c->p, pc, &ln) < 0 || ln.line <= 0 ||
	    !(text = cli_source_line_st(c, ln.file, ln.line)))
		return -1;
	if (ln.addr != pc || !ln.is_stmt)
		printf("0x%016llx\t", (unsigned long long)pc);
	printf("%d\t%s\n", ln.line, text);
	cli_set_default_source(ln.file);
	return 0;
}

int cli_resolve_location(struct cli *c, const char *spec, uint64_t *addr)
{
	int r = cli_locate(c, spec, addr, false);

	c->errors += r == -2;
	return r < 0 ? -1 : 0;
}

/* gdb's sentence for a function or file that is not in the program; not counted as a failed
 * command: the caller decides (a pending breakpoint is not one). */
static int not_found(const char *fmt, const char *what, bool quiet)
{
	if (!quiet) {
		fflush(stdout);
		fprintf(stderr, fmt, what);
		fflush(stderr);
	}
	return -2;
}

/* The line part of a linespec: "N", "+N", "-N" (*rel gets the sign) or "$VAR" (a convenience
 * variable's integer value). 1 a line, 0 not a line, -1 on gdb's error for a $VAR that is not
 * an integer. */
static int line_part(struct cli *c, const char *s, int *line, int *rel)
{
	struct cdbg_value v;
	char name[128];
	size_t n = 0;

	*rel = *s == '+' ? 1 : *s == '-' ? -1 : 0;
	if (*rel && isdigit((unsigned char)s[1]))
		s++;
	if (isdigit((unsigned char)*s)) {
		*line = atoi(s);
		return 1;
	}
	if (*s != '$' || *rel)
		return 0;
	while (isalnum((unsigned char)s[1 + n]) || s[1 + n] == '_')
		n++;
	if (!n || n >= sizeof(name) || (s[1 + n] && !isspace((unsigned char)s[1 + n])) ||
	    isdigit((unsigned char)s[1]))
		return 0;
	snprintf(name, sizeof(name), "%.*s", (int)n + 1, s);
	if (cli_eval(c, name, &v) < 0)
		return -1;
	if (v.is_float || v.is_pointer || v.is_aggregate) {
		fflush(stdout);
		fprintf(stderr, "Convenience variables used in line specs must have integer "
				"values.\n");
		c->errors++;
		return -1;
	}
	*line = (int)v.bits;
	return 1;
}

/* "FILE:LINE" or "LINE" (the current file's), LINE as line_part takes it: the file into file,
 * the line. 1, 0 for a function name, -1 on an error printed. gdb's "+N"/"-N" count from the
 * selected frame's line when a process is held, else from the default line (the default
 * file's line 1 here). */
static int line_spec(struct cli *c, const char *spec, char *file, size_t len, int *line)
{
	const char *colon = strrchr(spec, ':');
	struct cdbg_line cur;
	uint64_t pc;
	int r, rel = 0;

	if (colon && colon > spec && colon[-1] != ':' && colon[1] != ':')
		r = line_part(c, colon + 1, line, &rel);
	else
		r = colon ? 0 : line_part(c, spec, line, &rel);
	if (r <= 0)
		return r;
	file[0] = '\0';
	if (colon) {
		snprintf(file, len, "%.*s", (int)(colon - spec), spec);
		return 1;
	}
	/* gdb: "+N"/"-N" from the selected frame's line when a process is held; "N" in the
	 * current source file (the last stop's or list's), else main's before the program
	 * runs. */
	bool have_pc = c->live && cdbg_pc_get(c->p, c->cur_tid, &pc) == 0 &&
		       cdbg_line_by_addr(c->p, pc, &cur) == 0;
	if (rel && have_pc) {
		snprintf(file, len, "%s", cur.file);
		*line = cur.line + rel * *line;
		return 1;
	}
	if (cli_default_source())
		snprintf(file, len, "%s", cli_default_source());
	else if (have_pc)
		snprintf(file, len, "%s", cur.file);
	else if (cli_symbols(c) && cdbg_func_break_addr(c->p, "main", &pc) == 0 &&
		 cdbg_line_by_addr(c->p, pc, &cur) == 0)
		snprintf(file, len, "%s", cur.file);
	*line = rel ? 1 + rel * *line : *line;
	return 1;
}

/* A line spec ("60", "x.c:60") followed by more words that are not a breakpoint's keywords:
 * gdb's "malformed linespec error" (advance 60 then stop would otherwise run to line 60). */
static bool linespec_junk(const char *spec)
{
	const char *colon = strrchr(spec, ':'), *p = colon ? colon + 1 : spec;

	if (*p == '+' || *p == '-' || *p == '$')
		p++;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (!*p || !isspace((unsigned char)*p))
		return false;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return false;
	fprintf(stderr, "malformed linespec error: unexpected string, \"%s\"\n", p);
	return true;
}

void cli_location_spec(struct cli *c, const char *text, struct cdbg_break_spec *spec, char *file,
		       size_t len)
{
	int line;

	if (line_spec(c, text, file, len, &line) > 0) {
		spec->file = file;
		spec->line = line;
	} else {
		spec->function = text;
	}
}

/* Does a module's path (a library of the process, or the program) contain name (cdbg's
 * MODULE:FUNC)? */
static bool is_module(struct cli *c, const char *name)
{
	struct cdbg_module mods[256];
	int n = cdbg_modules(c->p, mods, 256);

	for (int i = 0; i < n && i < 256; i++)
		if (strstr(mods[i].path, name))
			return true;
	return false;
}

/* gdb's sentences for a function that is not found: FILE:FUNC where FILE is a source file
 * ("Function "f" not defined in "x.c"."), or names neither a source file nor a module ("No
 * source file named x.c."); else "Function "f" not defined.". */
static int func_not_found(struct cli *c, const char *spec, bool quiet)
{
	const char *colon = strchr(spec, ':');
	char file[512], msg[1200];
	uint64_t a;

	while (colon && colon[1] == ':')
		colon = strchr(colon + 2, ':');
	if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof(file) || !colon[1])
		return not_found("Function \"%s\" not defined.\n", spec, quiet);
	snprintf(file, sizeof(file), "%.*s", (int)(colon - spec), spec);
	if (cdbg_addrs_for_line(c->p, file, 1, &a, 1) != CDBG_ENONAME) {
		snprintf(msg, sizeof(msg), "Function \"%s\" not defined in \"%s\".", colon + 1,
			 file);
		return not_found("%s\n", msg, quiet);
	}
	if (cdbg_func_break_addr(c->p, file, &a) == 0) { /* FUNCTION:LABEL */
		snprintf(msg, sizeof(msg), "No label \"%s\" defined in function \"%s\".", colon + 1,
			 file);
		return not_found("%s\n", msg, quiet);
	}
	if (!is_module(c, file))
		return not_found("No source file named %s.\n", file, quiet);
	return not_found("Function \"%s\" not defined.\n", spec, quiet);
}

/* cli_locate_all; a function's best address only unless all (cdbg_func_break_addr, or every
 * location of `break FUNC`: cdbg_func_break_addrs). */
static int locate(struct cli *c, const char *spec, uint64_t *addrs, size_t max, bool quiet,
		  bool all)
{
	char file[512];
	int n, r, line;

	if (*spec == '*')
		return cli_eval_u64(c, spec + 1, &addrs[0]) < 0 ? -1 : 1;
	if (!cli_need_symbols(c))
		return -1;
	if ((r = line_spec(c, spec, file, sizeof(file), &line)) < 0)
		return -1;
	if (r) {
		if (linespec_junk(spec)) {
			c->errors++;
			return -1;
		}
		n = cdbg_addrs_for_line(c->p, file, line, addrs, max);
		if (n > 0)
			return n;
		if (n == CDBG_ENONAME)
			return not_found("No source file named %s.\n", file, quiet);
		/* gdb names no file when the spec gave none; break may then make it pending */
		char msg[600];
		if (!strchr(spec, ':'))
			snprintf(msg, sizeof(msg), "No line %d in the current file.", line);
		else
			snprintf(msg, sizeof(msg), "No line %d in file \"%s\".", line, file);
		return not_found("%s\n", msg, quiet);
	}
	n = all ? cdbg_func_break_addrs(c->p, spec, addrs, max) :
		  cdbg_func_break_addr(c->p, spec, &addrs[0]);
	if (n < 0)
		return func_not_found(c, spec, quiet);
	return all ? n : 1;
}

int cli_locate_all(struct cli *c, const char *spec, uint64_t *addrs, size_t max, bool quiet)
{
	return locate(c, spec, addrs, max, quiet, true);
}

int cli_locate(struct cli *c, const char *spec, uint64_t *addr, bool quiet)
{
	uint64_t addrs[16];
	int n = locate(c, spec, addrs, 16, quiet, false);

	if (n < 0)
		return n;
	*addr = addrs[0];
	return 0;
}

/* Is addr in executable memory (code rather than data)? The library asks the process's map, a
 * core's segments or the program's file. */
static bool is_code(struct cli *c, uint64_t addr)
{
	return cdbg_mem_is_code(c->p, addr) > 0;
}

/* A plain name in an expression. A function is its address (as gdb's `print main` shows it);
 * a variable is its memory: `print counter` reads it, `&counter` is its address. Without debug
 * info its type is a guess from the symbol's size (1, 2, 4 or 8 bytes, else long). */
int cli_symbol_value(struct cli *c, const char *name, struct cdbg_value *out)
{
	struct cdbg_symbol s;

	if (!cli_symbols(c) || cdbg_sym_by_name(c->p, name, &s) < 0)
		return -1;
	if (s.kind == CDBG_SYM_FUNC || s.kind == CDBG_SYM_IFUNC ||
	    (s.kind == CDBG_SYM_OTHER && is_code(c, s.addr))) {
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

/* ---- info sharedlibrary / symbol / address / line ------------------------------------------ */

static int info_sharedlibrary(struct cli *c, char *args)
{
	struct cdbg_module mods[256];
	int n;

	if (!c->live) {
		printf("No shared libraries loaded at this time.\n");
		return 0;
	}
	n = cdbg_modules(c->p, mods, 256);
	if (n < 0)
		return cli_lib_error(c);
	printf("From                To                  Syms Read   Shared Object Library\n");
	for (int i = 1; i < n && i < 256; i++) {
		if (mods[i].path[0] == '[')
			continue; /* the vDSO */
		/* gdb's From/To: the library's .text */
		bool text = mods[i].text_end > mods[i].text_start;
		printf("0x%016llx  0x%016llx  %-11s %s\n",
		       (unsigned long long)(text ? mods[i].text_start : mods[i].start),
		       (unsigned long long)(text ? mods[i].text_end : mods[i].end),
		       mods[i].has_dwarf || mods[i].has_symtab ? "Yes" : "Yes (*)", mods[i].path);
	}
	return 0;
}

static int info_symbol(struct cli *c, char *args)
{
	struct cdbg_symbol s;
	uint64_t addr;

	if (!*args)
		return cli_error(c, "Argument required (address).");
	if (cli_eval_u64(c, args, &addr) < 0)
		return -1;
	if (!cli_symbols(c) || cdbg_sym_by_addr(c->p, addr, &s) < 0) {
		printf("No symbol matches %s.\n", args);
		return 0;
	}
	printf("%s", s.name);
	if (s.offset)
		printf(" + %llu", (unsigned long long)s.offset);
	printf(" in section .text");
	if (c->prog && strcmp(s.module, c->prog))
		printf(" of %s", s.module);
	printf("\n");
	return 0;
}

/* Has the program's DWARF a function called name (its type, not an ELF symbol's guess)? */
static bool dwarf_function(struct cli *c, const char *name)
{
	char ty[256];

	return cdbg_ptype(c->p, c->cur_tid, cli_selected_frame(c), name, 0, ty, sizeof(ty)) >= 0 &&
	       ty[0] != '<';
}

static int info_address(struct cli *c, char *args)
{
	struct cdbg_symbol s;
	struct cdbg_value v;
	struct cdbg_line ln;

	if (!*args)
		return cli_error(c, "Argument required.");
	if (!cli_symbols(c) || cdbg_sym_by_name(c->p, args, &s) < 0)
		return cli_error(c, "No symbol \"%s\" in current context.", args);
	/* With DWARF for it (a function with lines, a variable with a type), gdb says what it
	 * is. */
	/* (an indirect function only when its resolver's DWARF bears its name: gdb then finds
	 * that function, else the ELF symbol) */
	if ((s.kind == CDBG_SYM_FUNC || s.kind == CDBG_SYM_IFUNC) &&
	    cdbg_line_by_addr(c->p, s.addr, &ln) == 0 && ln.line > 0 &&
	    (s.kind == CDBG_SYM_FUNC || dwarf_function(c, args))) {
		printf("Symbol \"%s\" is a function at address 0x%llx.\n", args,
		       (unsigned long long)s.addr);
		return 0;
	}
	if (s.kind == CDBG_SYM_TLS) {
		printf("Symbol \"%s\" is a thread-local variable at offset 0x%llx in the "
		       "thread-local storage for `%s'.\n",
		       args, (unsigned long long)s.addr, s.module);
		return 0;
	}
	if (s.kind == CDBG_SYM_OBJECT && cdbg_eval(c->p, 0, args, NULL, &v) == 0 && v.dtype) {
		printf("Symbol \"%s\" is static storage at address 0x%llx.\n", args,
		       (unsigned long long)s.addr);
		return 0;
	}
	printf("Symbol \"%s\" is at 0x%llx in a file compiled without debugging.\n", s.name,
	       (unsigned long long)s.addr);
	return 0;
}

static int info_line(struct cli *c, char *args)
{
	struct cdbg_line ln, next;
	struct cdbg_symbol fs;
	char sym1[300], sym2[300];
	uint64_t addr, end;

	if (!*args && !cli_need_live(c))
		return -1;
	if (!cli_need_symbols(c))
		return -1;
	if (!*args) {
		if (cdbg_pc_get(c->p, c->cur_tid, &addr) < 0)
			return cli_lib_error(c);
	} else if (*args != '*' && !isdigit((unsigned char)*args) && !strchr(args, ':') &&
		   cdbg_sym_by_name(c->p, args, &fs) == 0 &&
		   (fs.kind == CDBG_SYM_FUNC || fs.kind == CDBG_SYM_IFUNC)) {
		addr = fs.addr; /* gdb: a function's line is the one of its entry */
	} else if (cli_resolve_location(c, args, &addr) < 0) {
		return -1;
	}
	if (cdbg_line_by_addr(c->p, addr, &ln) < 0) {
		printf("No line number information available for address 0x%llx\n",
		       (unsigned long long)addr);
		return 0;
	}
	/* The end of the row: the first address further on that belongs to another row. */
	for (end = addr + 1; end < addr + 4096; end++)
		if (cdbg_line_by_addr(c->p, end, &next) < 0 || next.addr != ln.addr)
			break;
	printf("Line %d of \"%s\" starts at address 0x%llx", ln.line, ln.file,
	       (unsigned long long)ln.addr);
	if (cli_symbolize(c, ln.addr, sym1, sizeof(sym1)))
		printf(" <%s>", sym1);
	printf(" and ends at 0x%llx", (unsigned long long)end);
	if (cli_symbolize(c, end, sym2, sizeof(sym2)))
		printf(" <%s>", sym2);
	printf(".\n");
	return 0;
}

const struct cli_cmd cli_info_where[] = {
	{ "sharedlibrary",
	  { "dll" },
	  info_sharedlibrary,
	  0,
	  "Status of loaded shared object libraries." },
	{ "symbol", { NULL }, info_symbol, 0, "Describe what symbol is at location ADDR." },
	{ "address", { NULL }, info_address, 0, "Describe where symbol SYM is stored." },
	{ "line", { NULL }, info_line, 0, "Core addresses of the code for a source line." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
