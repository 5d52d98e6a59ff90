/*
 * cmd_source.c - the CLI's code-reading commands, as gdb 13 prints them: disassemble (with /r,
 * /m, /s) and list.
 *
 * Owns: argument parsing of these commands, the list position (which disassemble /s moves
 * too). Must not: decode instructions (cdbg_disasm), read DWARF (cdbg_line_by_addr...) or
 * source files (core_srccache.c does).
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <regex.h>

/* glibc's BSD re_comp/re_exec, which gdb's search uses (declared by <regex.h> only inside
 * glibc). */
char *re_comp(const char *regex);
int re_exec(const char *text);
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "format.h"
#include "groups.h"

/* Where list goes on: the file, the first and last line it showed (0: nothing yet), and the
 * pc the program was stopped at then (a new stop centres the next list on its line). */
static struct {
	char file[512];
	int first, last;
	uint64_t stop_pc;
	bool have_stop;
} lst;

/* "38\t\tint y = x * 3;" as list and disassemble /s print a line; nothing when unreadable.
 * As in gdb, a list without argument goes on after the last line printed. */
static void put_source_line(struct cli *c, const char *path, int line)
{
	const char *t = cli_source_line_st(c, path, line);

	if (!t)
		return;
	printf("%d\t%s\n", line, t);
	if (lst.file != path)
		snprintf(lst.file, sizeof(lst.file), "%s", path);
	lst.first = lst.last = line;
}

/* ---- instructions ------------------------------------------------------------------------ */

/* The instruction after the address, with its bytes first for /r, padded as gdb pads them
 * (libopcodes' 7 bytes per line for x86). */
static void put_insn(struct cli *c, const struct cdbg_insn *in, bool raw)
{
	putchar('\t');
	if (raw) {
		int w = 0;
		for (unsigned i = 0; i < in->size; i++)
			w += printf(i ? " %02x" : "%02x", in->bytes[i]);
		printf("%*s\t", w < 19 ? 19 - w : 0, "");
	}
	fmt_insn(c, stdout, in);
	putchar('\n');
}

struct dis {
	struct cli *c;
	const struct cdbg_symbol *func; /* NULL for a range */
	uint64_t pc;
	bool have_pc, raw;
};

static void dis_one(const struct dis *d, const struct cdbg_insn *in)
{
	cli_insn_addr(d->c, in->addr, d->have_pc && in->addr == d->pc, d->func, !d->func);
	put_insn(d->c, in, d->raw);
}

/* Instructions of [lo, hi), decoded; *n gets their count. With stream, each is printed as
 * soon as decoded and not kept (a range may be large). NULL (error printed) on failure. */
static struct cdbg_insn *decode_range(struct cli *c, uint64_t lo, uint64_t hi, size_t *n,
				      const struct dis *stream)
{
	struct cdbg_insn *v = NULL;
	size_t cap = 0;
	uint64_t a = lo;

	*n = 0;
	while (a < hi) {
		if (cli_interrupted(c))
			goto fail;
		if (*n + 64 > cap) {
			struct cdbg_insn *nv = realloc(v, sizeof(*v) * (cap += 256));
			if (!nv) {
				cli_error(c, "out of memory");
				goto fail;
			}
			v = nv;
		}
		int r = cdbg_disasm(c->p, a, v + *n, 64);
		if (r <= 0) {
			if (*n)
				break; /* what was decoded is shown: gdb stops there too */
			/* gdb: the address, then the error on a line of its own */
			printf("   0x%016" PRIx64 ":\t\n", a);
			cli_error(c, "Cannot access memory at address 0x%" PRIx64, a);
			goto fail;
		}
		for (int i = 0, k = (int)*n; i < r && a < hi; i++) {
			a += v[k + i].size;
			if (stream)
				dis_one(stream, &v[k + i]);
			else
				(*n)++;
		}
	}
	return v ? v : calloc(1, sizeof(*v));
fail:
	free(v);
	return NULL;
}

/* Line of each instruction (line 0 when none). */
static struct cdbg_line *insn_lines(struct cli *c, const struct cdbg_insn *v, size_t n)
{
	struct cdbg_line *l = calloc(n ? n : 1, sizeof(*l));

	for (size_t i = 0; l && i < n; i++)
		if (cdbg_line_by_addr(c->p, v[i].addr, &l[i]) < 0)
			l[i].line = 0;
	return l;
}

static bool line_has_code(const struct cdbg_line *l, size_t n, const char *file, int line)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].line == line && !strcmp(l[i].file, file))
			return true;
	return false;
}

/* /s: address order, a source line before the instructions that start it (gdb's
 * do_mixed_source_and_assembly). */
static void dis_source(const struct dis *d, const struct cdbg_insn *v, size_t n,
		       const struct cdbg_line *l)
{
	const char *last_file = NULL;
	int last_line = 0;
	struct cdbg_line first;

	/* gdb's first_le: the first row at or after the start, whose line may come before the
	 * line of the first instruction (several rows at one address). */
	if (!n || cdbg_line_rows(d->c->p, v[0].addr, v[n - 1].addr + v[n - 1].size, &first, 1) < 1)
		first.line = 0;
	for (size_t i = 0; i < n; i++) {
		int from = 0;
		bool new_line = false;
		if (!last_file || strcmp(last_file, l[i].file)) {
			new_line = true;
			if (!last_line && first.line > 0 && first.line < l[i].line)
				from = first.line;
		} else if (l[i].line) {
			if (l[i].line > last_line + 1 && last_line) {
				int k;
				for (k = l[i].line - 1; k > last_line; k--)
					if (line_has_code(l, n, l[i].file, k))
						break;
				if (k < l[i].line - 1)
					from = k + 1;
			}
			new_line = l[i].line != last_line;
		}
		if (new_line) {
			if (i)
				putchar('\n');
			if (!last_file || strcmp(last_file, l[i].file))
				printf("%s:\n", l[i].line ? l[i].file : "unknown");
			for (int k = from; from && k < l[i].line; k++)
				put_source_line(d->c, l[i].file, k);
			if (l[i].line)
				put_source_line(d->c, l[i].file, l[i].line);
			else
				printf("--- no source info for this pc ---\n");
		}
		dis_one(d, &v[i]);
		last_file = l[i].file;
		last_line = l[i].line;
	}
}

/* A row of the line table, for /m: a line and the addresses it covers. */
struct mrow {
	int line;
	uint64_t start, end;
};

static int mrow_cmp(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* /m: source line order (gdb's do_mixed_source_and_assembly_deprecated): the line table's rows
 * in [lo, hi) sorted by line, each line followed by the instructions of its rows (up to the
 * next row, which may lie past the function). */
static int dis_mixed(const struct dis *d, uint64_t lo, uint64_t hi)
{
	struct cli *c = d->c;
	int cnt = cdbg_line_rows(c->p, lo, hi, NULL, 0), got, next = 0;
	struct cdbg_line *rows;
	struct mrow *m;
	size_t nm = 0;

	if (cnt < 0)
		cnt = 0;
	rows = calloc((size_t)cnt + 1, sizeof(*rows));
	m = calloc((size_t)cnt + 1, sizeof(*m));
	if (!rows || !m) {
		free(rows);
		free(m);
		return cli_error(c, "out of memory");
	}
	got = cnt ? cdbg_line_rows(c->p, lo, UINT64_MAX, rows, (size_t)cnt + 1) : 0;
	for (int i = 0; i < cnt && i + 1 < got; i++) {
		if (rows[i].line == rows[i + 1].line && rows[i].addr == rows[i + 1].addr)
			continue;
		if (!rows[i].line)
			continue;
		m[nm++] = (struct mrow){ rows[i].line, rows[i].addr, rows[i + 1].addr };
	}
	qsort(m, nm, sizeof(*m), mrow_cmp);
	for (size_t k = 0; k < nm; k++) {
		const char *file = rows[0].file;
		if (m[k].line >= next) {
			for (int j = next ? next : m[k].line; j <= m[k].line; j++)
				put_source_line(c, file, j);
			next = m[k].line + 1;
		}
		if (m[k].start < m[k].end) {
			size_t n;
			struct cdbg_insn *v = decode_range(c, m[k].start, m[k].end, &n, d);
			if (!v)
				break;
			free(v);
		}
		if (k == nm - 1 || m[k + 1].line > m[k].line)
			putchar('\n');
	}
	free(rows);
	free(m);
	return 0;
}

/* Print [lo, hi) as /m, /s or plain asks. 0, or -1 (error printed). */
static int dis_range(struct dis *d, uint64_t lo, uint64_t hi, bool mixed, bool source)
{
	struct cli *c = d->c;
	struct cdbg_line *l, first;
	struct cdbg_insn *v;
	size_t n;

	if (lo >= hi)
		return 0;
	if (mixed && cdbg_line_rows(c->p, lo, hi, NULL, 0) > 0)
		return dis_mixed(d, lo, hi);
	if (!source || cdbg_line_by_addr(c->p, lo, &first) < 0) {
		if (!(v = decode_range(c, lo, hi, &n, d)))
			return -1;
		free(v);
		return 0;
	}
	if (!(v = decode_range(c, lo, hi, &n, NULL)))
		return -1;
	if ((l = insn_lines(c, v, n))) {
		dis_source(d, v, n, l);
		free(l);
	}
	free(v);
	return l ? 0 : cli_error(c, "out of memory");
}

/* An address argument: a symbol's name as it is (Go's "main.main" too), else an expression. */
static int dis_addr(struct cli *c, char *expr, uint64_t *a)
{
	struct cdbg_symbol s;
	size_t len = strlen(expr), k;

	while (len && (expr[len - 1] == ' ' || expr[len - 1] == '\t'))
		expr[--len] = '\0';
	if (len > 2 && expr[0] == '\'' && expr[len - 1] == '\'') {
		/* gdb's quoting of names with dots ('main.main') */
		expr[--len] = '\0';
		expr++;
		len--;
	}
	if (cdbg_sym_by_name(c->p, expr, &s) == 0) {
		*a = s.addr;
		return 0;
	}
	for (k = 0; k < len && (isalnum((unsigned char)expr[k]) || expr[k] == '_'); k++)
		;
	if (k == len && len && !isdigit((unsigned char)expr[0]))
		return cli_error(c, "No symbol \"%s\" in current context.", expr);
	return cli_eval_u64(c, expr, a);
}

/* disassemble [/MODS] [ADDR | START,END | START,+LEN]: as gdb 13. */
static int cmd_disassemble(struct cli *c, char *args)
{
	struct cdbg_symbol func;
	struct dis d = { .c = c };
	bool mixed = false, source = false;
	struct cdbg_range ranges[8];
	uint64_t lo, hi, entry;
	int nr = 0;
	char *comma;

	while (*args == '/') {
		if (!args[1] || args[1] == ' ' || args[1] == '\t')
			return cli_error(c, "Missing modifier.");
		for (args++; *args && *args != ' ' && *args != '\t'; args++) {
			if (*args == 'r' || *args == 'b')
				d.raw = true;
			else if (*args == 'm')
				mixed = true;
			else if (*args == 's')
				source = true;
			else
				return cli_error(c, "Invalid disassembly modifier.");
		}
		args = cli_skip_ws(args);
	}
	if (mixed && source)
		return cli_error(c, "Cannot specify both /m and /s.");
	if (!c->live && !*args)
		return cli_error(c, "No frame selected.");
	if (!cli_need_symbols(c))
		return -1;
	d.have_pc = c->live && cdbg_pc_get(c->p, c->cur_tid, &d.pc) == 0;
	if (*args == ',')
		return cli_error(c, "A syntax error in expression, near `%s'.", args);
	if ((comma = strchr(args, ',')) && !*cli_skip_ws(comma + 1))
		*comma = '\0', comma = NULL; /* "FUNC,": gdb takes FUNC */
	if (comma) {
		char *end = cli_skip_ws(comma + 1);
		*comma = '\0';
		if (dis_addr(c, args, &lo) < 0)
			return -1;
		if (*end == '+') {
			if (cli_eval_u64(c, end + 1, &hi) < 0)
				return -1;
			hi += lo;
		} else if (dis_addr(c, end, &hi) < 0) {
			return -1;
		}
		printf("Dump of assembler code from 0x%" PRIx64 " to 0x%" PRIx64 ":\n", lo, hi);
	} else {
		uint64_t a;
		if (!*args) {
			if (!d.have_pc)
				return cli_error(c, "No frame selected.");
			a = d.pc;
		} else if (dis_addr(c, args, &a) < 0) {
			return -1;
		}
		if (cdbg_sym_by_addr(c->p, a, &func) < 0 || func.kind == CDBG_SYM_OBJECT ||
		    func.kind == CDBG_SYM_TLS)
			return cli_error(c,
					 *args ? "No function contains specified address." :
						 "No function contains program counter for selected "
						 "frame.");
		lo = func.addr;
		hi = func.addr + (func.size ? func.size : 1);
		d.func = &func;
		if ((nr = cdbg_func_ranges(c->p, a, ranges, 8, &entry)) > 1) {
			func.addr = entry; /* offsets count from the entry, negative before it */
			func.size = 0;
		}
		printf("Dump of assembler code for function %s%s%s:\n",
		       cli_st(c, CDBG_STYLE_FUNCTION), func.name,
		       cli_st_end(c, CDBG_STYLE_FUNCTION));
	}
	if (mixed || source) {
		/* the source lines printed move list's position, as at this stop */
		lst.stop_pc = d.pc;
		lst.have_stop = d.have_pc;
	}
	if (nr > 1) {
		/* A function in pieces (GCC's .cold code): each range, offsets from the entry. */
		for (int i = 0; i < nr && i < (int)(sizeof(ranges) / sizeof(ranges[0])); i++) {
			printf("Address range 0x%" PRIx64 " to 0x%" PRIx64 ":\n", ranges[i].start,
			       ranges[i].end);
			if (dis_range(&d, ranges[i].start, ranges[i].end, mixed, source) < 0)
				return -1;
		}
	} else if (dis_range(&d, lo, hi, mixed, source) < 0) {
		return -1;
	}
	printf("End of assembler dump.\n");
	return 0;
}

/* ---- list -------------------------------------------------------------------------------- */

/* Line numbers as typed are kept within this (a list range adds and subtracts a few lines
 * to them in long long without overflow); what a file can have is an int. */
#define LIST_LINE_MAX (1LL << 53)

/* A line number at s ("123", "-5"), clamped to +-LIST_LINE_MAX; *end after it. */
static long long line_num(const char *s, char **end)
{
	long long n = strtoll(s, end, 10);

	return n > LIST_LINE_MAX ? LIST_LINE_MAX : n < -LIST_LINE_MAX ? -LIST_LINE_MAX : n;
}

/* Print lines [from, to] of lst.file; gdb's errors past the end. */
static int list_lines(struct cli *c, long long from, long long to)
{
	int n = cli_source_nlines(lst.file);

	if (n < 0)
		return cli_error(c, "%lld\tin %s", from, lst.file);
	if (c->live)
		lst.have_stop = cdbg_pc_get(c->p, c->cur_tid, &lst.stop_pc) == 0;
	if (from < 1)
		from = 1;
	if (from > n)
		return cli_error(c, "Line number %lld out of range; %s has %d lines.", from,
				 lst.file, n);
	if (to > n)
		to = n;
	for (int k = (int)from; k <= to; k++) {
		if (cli_interrupted(c))
			return -1;
		put_source_line(c, lst.file, k);
	}
	lst.first = (int)from;
	cli_set_default_source(lst.file); /* break LINE now means this file, as in gdb */
	cli_set_list_where(c, lst.file, lst.last + 1); /* gdb's current source line */
	return 0;
}

/* set listsize: lines a list shows (unlimited: as many as a file may have). */
static long long list_size(struct cli *c)
{
	return c->listsize > 0 ? c->listsize : LIST_LINE_MAX;
}

/* Lines centred on line (gdb's lines_to_list, 10 by default: five before). */
static int list_around(struct cli *c, long long line)
{
	long long before = c->listsize > 0 ? c->listsize / 2 : 0;
	long long from = line - before > 1 ? line - before : 1;

	return list_lines(c, from, from + list_size(c) - 1);
}

static int list_default(struct cli *c, long long *line);

/* Sources are found through the symbols of the process, the core or the program's file. */
static int no_symbols(struct cli *c)
{
	return cli_error(c, "No symbol table is loaded.  Use the \"file\" command.");
}

/* Is full the file spec names: the same path, or a path ending in "/" spec (gdb's match)? */
static bool file_is(const char *full, const char *spec)
{
	size_t fl = strlen(full), sl = strlen(spec);

	return !strcmp(full, spec) ||
	       (fl > sl && full[fl - sl - 1] == '/' && !strcmp(full + fl - sl, spec));
}

/* lst.file = the source file FILE names (its full path, from the line table); ln, when not
 * NULL, gets a line of it that has code. gdb's sentence when no such file has code. */
static int list_file(struct cli *c, const char *file, struct cdbg_line *ln)
{
	struct cdbg_line tmp;
	uint64_t a;

	/* line 1 means the first line with code (cdbg_addrs_for_line), wherever it is */
	if (cdbg_addrs_for_line(c->p, file, 1, &a, 1) <= 0 ||
	    cdbg_line_by_addr(c->p, a, ln ? ln : &tmp) < 0)
		return cli_error(c, "No source file named %s.", file);
	snprintf(lst.file, sizeof(lst.file), "%s", (ln ? ln : &tmp)->file);
	return 0;
}

/* FILE:FUNC: the function of that name whose lines, or whose compilation unit, are FILE's;
 * *line: its first line (the line of its entry address, as list FUNC). */
static int list_file_func(struct cli *c, const char *file, const char *func, long long *line)
{
	uint64_t addrs[64];
	struct cdbg_line ln;
	int n;

	if (list_file(c, file, NULL) < 0)
		return -1;
	n = cdbg_func_break_addrs(c->p, func, addrs, 64);
	for (int i = 0; i < n && i < 64; i++) {
		struct cdbg_symbol s;
		struct cdbg_cu_info cu;
		uint64_t a = cdbg_sym_by_addr(c->p, addrs[i], &s) == 0 ? s.addr : addrs[i];
		if (cdbg_line_by_addr(c->p, a, &ln) < 0 || !ln.line)
			continue;
		if (file_is(ln.file, file) ||
		    (cdbg_cu_info(c->p, a, &cu) == 0 && file_is(cu.name, file))) {
			snprintf(lst.file, sizeof(lst.file), "%s", ln.file);
			*line = ln.line;
			return 0;
		}
	}
	return cli_error(c, "Function \"%s\" not defined in \"%s\".", func, file);
}

/* A list argument: "N", "FUNC", "FILE:N", "FILE:FUNC", "*ADDR" -> file and line. */
static int list_spec(struct cli *c, char *spec, long long *line)
{
	struct cdbg_line ln;
	uint64_t a;
	char *colon = strrchr(spec, ':');
	char *e;
	long long n = line_num(spec, &e);

	if (e != spec && !*cli_skip_ws(e)) {
		long long ignored;
		if (!lst.file[0] && list_default(c, &ignored) < 0)
			return -1;
		*line = n;
		return 0;
	}
	size_t len = strlen(spec);
	if (len > 2 && spec[0] == '\'' && spec[len - 1] == '\'') {
		spec[len - 1] = '\0'; /* 'FILE:FUNC', 'FUNC' */
		spec++;
		colon = strrchr(spec, ':');
	}
	if (colon && colon != spec && colon[-1] != ':' && colon[1] != ':' && spec[0] != '*') {
		*colon = '\0';
		if (!cli_symbols(c))
			return no_symbols(c);
		if (isdigit((unsigned char)colon[1]) || colon[1] == '-' || colon[1] == '+') {
			*line = line_num(colon + 1, &e);
			return list_file(c, spec, NULL);
		}
		return list_file_func(c, spec, cli_skip_ws(colon + 1), line);
	}
	if (!cli_symbols(c))
		return no_symbols(c);
	if (*spec == '*') {
		struct cdbg_symbol s;
		if (cli_eval_u64(c, spec + 1, &a) < 0)
			return -1;
		if (cdbg_line_by_addr(c->p, a, &ln) == 0 && ln.line &&
		    cdbg_sym_by_addr(c->p, a, &s) == 0)
			printf("0x%" PRIx64 " is in %s (%s:%d).\n", a, s.name, ln.file, ln.line);
	} else {
		struct cdbg_symbol s;
		if (cdbg_sym_by_name(c->p, spec, &s) == 0 && s.kind != CDBG_SYM_OBJECT &&
		    s.kind != CDBG_SYM_TLS)
			a = s.addr;
		else if (cli_locate_all(c, spec, &a, 1, true) < 1) /* inlined only: as break */
			return cli_error(c, "Function \"%s\" not defined.", spec);
	}
	if (cdbg_line_by_addr(c->p, a, &ln) < 0 || !ln.line)
		return cli_error(c, "No line number information available for address 0x%" PRIx64,
				 a);
	snprintf(lst.file, sizeof(lst.file), "%s", ln.file);
	*line = ln.line;
	return 0;
}

/* Where a list without argument starts: LIST_ON after what was listed; LIST_AROUND *line (the
 * line of a new stop, or around main). */
enum { LIST_ON, LIST_AROUND };
static int list_default(struct cli *c, long long *line)
{
	struct cdbg_line ln;
	uint64_t pc, a;

	if (c->live && cdbg_pc_get(c->p, c->cur_tid, &pc) == 0 &&
	    cdbg_line_by_addr(c->p, pc, &ln) == 0 && ln.line) {
		if (lst.have_stop && lst.stop_pc == pc && lst.last)
			return LIST_ON;
		lst.stop_pc = pc;
		lst.have_stop = true;
		snprintf(lst.file, sizeof(lst.file), "%s", ln.file);
		*line = ln.line;
		return LIST_AROUND;
	}
	if (lst.last)
		return LIST_ON;
	if (!cli_symbols(c) || cdbg_func_break_addr(c->p, "main", &a) < 0 ||
	    cdbg_line_by_addr(c->p, a, &ln) < 0 || !ln.line)
		return no_symbols(c);
	snprintf(lst.file, sizeof(lst.file), "%s", ln.file);
	/* gdb: "around the beginning of main": listsize - 1 lines before its first line. */
	*line = ln.line - (list_size(c) - 1) > 1 ? ln.line - (list_size(c) - 1) : 1;
	return LIST_AROUND;
}

/* gdb repeats a list with an argument, on an empty line, as a plain list (it goes on). */
static void list_repeat_plain(struct cli *c)
{
	const char *l = c->last_cmd;
	size_t n = l ? strcspn(l, " \t") : 0;

	if (c->interactive && n && !strncmp(l, "list", n) && l[n]) {
		free(c->last_cmd);
		c->last_cmd = strdup("list");
	}
}

/* gdb's options and explicit locations before a location: -q / -qualified (cdbg matches
 * names as written anyway), -function F, -source F, -line N (into "F:N" in place). */
static int list_options(struct cli *c, char **args)
{
	char *a = *args, src[512] = "", fn[512] = "", line[64] = "";

	while (*a == '-' && a[1] && !isdigit((unsigned char)a[1]) && a[1] != ' ') {
		char *w = cli_next_word(&a), *val;
		char *dst = NULL;
		size_t dlen = 0;
		if (!strcmp(w, "-q") || !strcmp(w, "-qualified")) {
			a = cli_skip_ws(a);
			continue;
		}
		if (!strcmp(w, "-source") || !strcmp(w, "-s"))
			dst = src, dlen = sizeof(src);
		else if (!strcmp(w, "-function") || !strcmp(w, "-f"))
			dst = fn, dlen = sizeof(fn);
		else if (!strcmp(w, "-line") || !strcmp(w, "-l"))
			dst = line, dlen = sizeof(line);
		else
			return cli_error(c, "invalid explicit location argument, \"%s\"", w);
		val = cli_next_word(&a);
		if (!*val)
			return cli_error(c, "missing argument for \"%s\"", w);
		snprintf(dst, dlen, "%s", val);
		a = cli_skip_ws(a);
	}
	if (src[0] || fn[0] || line[0]) {
		static char spec[1100];
		if (src[0] && !fn[0] && !line[0])
			return cli_error(c, "Source filename requires function, label, or line "
					    "offset.");
		snprintf(spec, sizeof(spec), "%s%s%s", src, src[0] ? ":" : "", fn[0] ? fn : line);
		a = spec;
	}
	*args = a;
	return 0;
}

/* list [LINESPEC | FIRST,LAST | FIRST, | ,LAST | - | +] */
static int cmd_list(struct cli *c, char *args)
{
	char *comma = strchr(args, ',');
	long long line, to;
	int how;

	if (*args && strcmp(args, "-") && strcmp(args, "+"))
		list_repeat_plain(c);
	if (*args == '-' && !isdigit((unsigned char)args[1]) && args[1] &&
	    list_options(c, &args) < 0)
		return -1;
	if (!*args || !strcmp(args, "+")) {
		if ((how = list_default(c, &line)) < 0)
			return -1;
		if (how == LIST_AROUND)
			return list_around(c, line);
		return list_lines(c, lst.last + 1, lst.last + list_size(c));
	}
	if (!strcmp(args, "-")) {
		if ((how = list_default(c, &line)) < 0)
			return -1;
		if (how == LIST_AROUND) {
			/* gdb: the first list - after a stop is centred as list is, except that
			 * one line at a time starts with the line before the stop's. */
			long long from = line - c->listsize / 2 > 1 ? line - c->listsize / 2 : 1;
			if (c->listsize == 1 && from > 1)
				from--;
			return list_lines(c, from, from + list_size(c) - 1);
		}
		if (lst.first <= 1)
			return cli_error(c, "Already at the start of %s.", lst.file);
		return list_lines(c, lst.first - list_size(c) > 1 ? lst.first - list_size(c) : 1,
				  lst.first - 1);
	}
	if (comma) {
		char *second = cli_skip_ws(comma + 1);
		*comma = '\0';
		if (!*cli_skip_ws(args) && !*second)
			return cli_error(c, "Two empty args do not say what lines to list.");
		if (!*cli_skip_ws(args)) {
			if (list_spec(c, second, &to) < 0)
				return -1;
			return list_lines(c,
					  to - (list_size(c) - 1) > 1 ? to - (list_size(c) - 1) : 1,
					  to);
		}
		if (list_spec(c, args, &line) < 0)
			return -1;
		if (!*second)
			return list_lines(c, line, line + list_size(c) - 1);
		if (*second == '+') {
			char *e;
			long long n = line_num(second + 1, &e);
			if (e == second + 1 || *cli_skip_ws(e))
				return cli_error(c, "malformed line offset '%s'", second);
			return list_lines(c, line, line + n);
		}
		char file[sizeof(lst.file)];
		bool names_file = strchr(second, ':') != NULL;
		snprintf(file, sizeof(file), "%s", lst.file);
		if (list_spec(c, second, &to) < 0)
			return -1;
		if (names_file && strcmp(file, lst.file)) {
			snprintf(lst.file, sizeof(lst.file), "%s", file);
			return cli_error(c, "Specified first and last lines are in different "
					    "files.");
		}
		/* the range is in the first one's file */
		snprintf(lst.file, sizeof(lst.file), "%s", file);
		return list_lines(c, line, to);
	}
	if (list_spec(c, args, &line) < 0)
		return -1;
	return list_around(c, line);
}

/* search|forward-search|reverse-search REGEX: the next (previous) line of the current source
 * file, after (before) the first line last listed, that the POSIX basic regex matches, as gdb's
 * re_comp/re_exec; shown, and where the next list goes on from. */
static int search_lines(struct cli *c, char *args, bool forward)
{
	long long ignored;
	int n, line;
	const char *msg = re_comp(*args ? args : NULL); /* gdb's own; none: the last again */

	if (msg)
		return cli_error(c, "%s", msg);
	if (!lst.file[0] && list_default(c, &ignored) < 0)
		return -1;
	if ((n = cli_source_nlines(lst.file)) < 0)
		return cli_error(c, "%s: No such file or directory.", lst.file);
	line = forward ? lst.first + 1 : lst.first - 1;
	if (line < 1 || line > n)
		return cli_error(c, "Expression not found");
	for (; line >= 1 && line <= n; line += forward ? 1 : -1) {
		const char *t = cli_source_raw_line(lst.file, line);
		if (cli_interrupted(c))
			return -1;
		if (t && re_exec(t) > 0) {
			long long size = list_size(c);
			struct cdbg_value v;
			put_source_line(c, lst.file, line);
			cdbg_value_int(&v, (uint64_t)line, 4, 1);
			cli_var_set(c, "_", &v);
			/* gdb: the next list starts half a listsize before it */
			lst.last = (int)(line - size / 2 > 1 ? line - size / 2 : 1) - 1;
			lst.first = line;
			if (c->live)
				lst.have_stop = cdbg_pc_get(c->p, c->cur_tid, &lst.stop_pc) == 0;
			return 0;
		}
	}
	printf("Expression not found\n");
	return 0;
}

static int cmd_search(struct cli *c, char *args)
{
	return search_lines(c, args, true);
}

static int cmd_reverse_search(struct cli *c, char *args)
{
	return search_lines(c, args, false);
}

/* ---- tables ------------------------------------------------------------------------------ */

/* directory [DIR...]: gdb's source path; each DIR goes in front (absolute, once). With no
 * argument, back to "$cdir:$cwd" after asking. */
static int cmd_directory(struct cli *c, char *args)
{
	char *dirs = NULL, *w;
	const char *old = cli_source_dirs();
	bool tty = cli_from_tty(c); /* asks and says only then */

	if (!*args) {
		if (!tty || cli_query(c, "Reinitialize source path to empty? "))
			cli_set_source_dirs(NULL);
		if (tty)
			printf("Source directories searched: %s\n", cli_source_dirs());
		return 0;
	}
	if (!(dirs = strdup(old)))
		return cli_error(c, "out of memory");
	/* gdb puts the arguments, in their order, before what was there. */
	char *list[64];
	int n = 0;
	while (*(args = cli_skip_ws(args)) && n < 64)
		list[n++] = cli_next_word(&args);
	for (int i = n - 1; i >= 0; i--) {
		char abs[4096], *nd, *real = NULL;
		const char *d = list[i];
		if (d[0] != '/' && d[0] != '$' && (real = realpath(d, NULL)))
			d = real;
		snprintf(abs, sizeof(abs), "%s", d);
		free(real);
		/* once: drop it from where it was */
		size_t al = strlen(abs);
		for (char *p = dirs; (p = strstr(p, abs));) {
			if ((p == dirs || p[-1] == ':') && (p[al] == ':' || !p[al])) {
				memmove(p, p + al + (p[al] == ':'),
					strlen(p + al + (p[al] == ':')) + 1);
				continue;
			}
			p += al;
		}
		if (asprintf(&nd, "%s%s%s", abs, *dirs ? ":" : "", dirs) < 0) {
			free(dirs);
			return cli_error(c, "out of memory");
		}
		free(dirs);
		dirs = nd;
	}
	cli_set_source_dirs(dirs);
	free(dirs);
	if (tty)
		printf("Source directories searched: %s\n", cli_source_dirs());
	(void)w;
	return 0;
}

const struct cli_cmd cli_cmds_source[] = {
	{ "directory",
	  { "dir" },
	  cmd_directory,
	  0,
	  "Add directories to the front of the source path (DIR...), or reset it (no argument).\n"
	  "Files the debug info names that are not where it says are looked for, by name, in its\n"
	  "directories." },
	{ "disassemble",
	  { NULL },
	  cmd_disassemble,
	  0,
	  "Disassemble a specified section of memory.\n"
	  "disassemble [/MODS] [ADDR | START,END | START,+LENGTH]: with no argument, the function\n"
	  "around the selected thread's pc; ADDR: the function containing it. /r shows the raw\n"
	  "bytes, /s the source lines in address order, /m the source lines in line order. \"=>\"\n"
	  "marks the pc." },
	{ "list",
	  { "l" },
	  cmd_list,
	  CLI_REPEAT,
	  "List specified function or line.\n"
	  "list: ten more lines (around the stop or main at first); list -: ten before the last\n"
	  "printed; list N, list FUNC, list FILE:N, list *ADDR: ten lines around it; list N,M:\n"
	  "lines N to M." },
	{ "forward-search",
	  { "search", "fo" },
	  cmd_search,
	  0,
	  "Search for regular expression (see regex(3)) from last line listed.\n"
	  "The matching line number is also stored as the value of \"$_\"." },
	{ "reverse-search",
	  { "rev" },
	  cmd_reverse_search,
	  0,
	  "Search backward for regular expression (see regex(3)) from last line listed.\n"
	  "The matching line number is also stored as the value of \"$_\"." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
