/*
 * cmd_break_edit.c - gdb's commands over existing breakpoints: delete, disable, enable,
 * condition, ignore, commands, info breakpoints and info watchpoints, with gdb's ways of
 * naming them ("1 3 5-7 $bpnum", "2.1" for a location).
 *
 * Owns: the parsing of breakpoint numbers and the table info breakpoints prints. Must not:
 * keep breakpoint state of its own (the library's session has it; the `commands` lines are
 * in struct cli_bp, the breakpoint's user data).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_break.h"

/* ---- numbers -------------------------------------------------------------------------------- */

enum { NUM_OK, NUM_BAD, NUM_VAR, NUM_NEG, NUM_HIST };

/* gdb's $N, $$, $$N (value history) or $name (convenience variable) as a breakpoint number:
 * NUM_OK with *out, NUM_VAR when it has no integer value ("Convenience variable must have
 * integer value." then "Bad breakpoint number"), NUM_HIST (its error printed) when the history
 * has no such value. */
static int var_int(struct cli *c, const char *name, long *out)
{
	const struct cdbg_value *v = NULL;
	const char *d = name;
	char *end;
	long i = -1;

	if (!*d) { /* $: the last value */
		i = (long)c->nhist;
	} else if (*d == '$') { /* $$ ($$1) and $$N: counted back from the last value */
		d++;
		long back = *d ? (isdigit((unsigned char)*d) ? strtol(d, &end, 10) : -1) : 1;
		if (back >= 0 && (!*d || !*end)) {
			i = (long)c->nhist - back;
			if (i <= 0)
				return cli_error(c, "History does not go back to $$%ld.", back),
				       NUM_HIST;
		}
	} else if (isdigit((unsigned char)*d)) {
		i = strtol(d, &end, 10);
		if (*end)
			i = -1; /* "$1foo": a convenience variable's name */
		else if (i > (long)c->nhist)
			return cli_error(c, "History has not yet reached $%ld.", i), NUM_HIST;
	}
	if (i > 0 && (size_t)i <= c->nhist) {
		v = &c->hist[i - 1];
	} else if (i < 0 && *name != '$') {
		for (struct cli_var *x = c->vars; x; x = x->next)
			if (!strcmp(x->name, name))
				v = &x->v;
	}
	if (!v || v->is_pointer || v->is_aggregate || v->is_float || v->optimized_out) {
		printf("Convenience variable must have integer value.\n");
		return NUM_VAR;
	}
	*out = v->is_signed ? (long)(int64_t)v->bits : (long)v->bits;
	return NUM_OK;
}

/* One breakpoint number: "7" or "$var". */
static int parse_num(struct cli *c, const char *tok, long *n)
{
	char *end;
	int r;

	if (*tok == '$')
		return (r = var_int(c, tok + 1, n)) == NUM_OK && *n < 0 ? NUM_NEG : r;
	if (*tok == '-')
		return NUM_NEG;
	if (!isdigit((unsigned char)*tok))
		return NUM_BAD;
	*n = strtol(tok, &end, 10);
	return *end || *n > 1000000000 ? NUM_BAD : NUM_OK;
}

/* "N", "N-M" or "$var" into lo..hi, with gdb's errors (printed). */
static int parse_range(struct cli *c, char *tok, long *lo, long *hi)
{
	char *dash = tok[0] == '-' ? NULL : strchr(tok, '-');
	int r;

	if (dash)
		*dash = '\0';
	r = parse_num(c, tok, lo);
	if (r == NUM_OK && dash) {
		r = parse_num(c, dash + 1, hi);
		if (r == NUM_BAD || r == NUM_NEG)
			return cli_error(c, "Bad breakpoint number '%s'", dash + 1);
	} else {
		*hi = *lo;
	}
	if (dash)
		*dash = '-';
	if (r == NUM_HIST)
		return -1;
	if (r == NUM_NEG)
		return cli_error(c, "Negative breakpoint number '%s'", tok);
	if (r == NUM_BAD || r == NUM_VAR || *lo == 0)
		return cli_error(c, "Bad breakpoint number '%s'", tok);
	if (*hi < *lo)
		return cli_error(c, "Inverted breakpoint range at '%s'", tok);
	return 0;
}

/* What to do to one breakpoint (loc 0) or one of its locations. */
typedef void (*bp_fn)(struct cli *c, int id, int loc, void *data);

/* "N.M": breakpoint N's location M (both > 0). */
static bool parse_loc(const char *tok, long *n, long *m)
{
	char *end;

	if (!isdigit((unsigned char)*tok))
		return false;
	*n = strtol(tok, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return false;
	*m = strtol(end + 1, &end, 10);
	return !*end && *n > 0 && *m > 0;
}

/* Apply fn to each breakpoint args names ("1 3 5-7 $bpnum", and "2.1" when locs); gdb's
 * "No breakpoint number N." for one that does not exist. Returns 0, or -1 at a bad token
 * (error printed). */
static int each_number(struct cli *c, char *args, bool locs, bp_fn fn, void *data)
{
	struct cdbg_break_info info;
	char *tok;
	long lo, hi, top = 0, m;
	int n, *ids = cli_bp_ids(c, &n);

	top = n ? ids[n - 1] : 0;
	free(ids);
	while (*(tok = cli_next_word(&args))) {
		if (locs && parse_loc(tok, &lo, &m)) {
			if (cdbg_break_info(c->p, (int)lo, &info) < 0)
				printf("No breakpoint number %ld.\n", lo);
			else if (m > info.nlocs)
				cli_error(c, "Bad breakpoint location number '%ld'", m);
			else
				fn(c, (int)lo, (int)m, data);
			continue;
		}
		/* delete and commands (gdb's map_breakpoint_numbers) warn and go on. */
		if (!locs && *tok == '$' && !strchr(tok, '-') && parse_num(c, tok, &lo) == NUM_VAR) {
			fflush(stdout);
			fprintf(stderr, "warning: bad breakpoint number at or near '0'\n");
			continue;
		}
		if (parse_range(c, tok, &lo, &hi) < 0)
			return -1;
		if (hi - lo > 100000) /* no message per missing number of a huge range */
			hi = top > lo ? top : lo;
		for (long k = lo; k <= hi; k++) {
			if (cdbg_break_info(c->p, (int)k, &info) == 0)
				fn(c, (int)k, 0, data);
			else
				printf("No breakpoint number %ld.\n", k);
		}
	}
	return 0;
}

static void all_bps(struct cli *c, bp_fn fn, void *data)
{
	int n, *ids = cli_bp_ids(c, &n);

	for (int i = 0; i < n; i++)
		fn(c, ids[i], 0, data);
	free(ids);
}

/* The first argument of condition/ignore: one breakpoint, which must exist. Its number, or
 * -1 (error printed). */
static int one_bp(struct cli *c, char **args, const char *bad_fmt)
{
	char *orig = strdup(*args), *tok = cli_next_word(args);
	struct cdbg_break_info info;
	int id = -1;
	long n;
	int r = parse_num(c, tok, &n);

	if (r == NUM_HIST)
		; /* said */
	else if (r != NUM_OK)
		cli_error(c, bad_fmt, orig ? orig : tok);
	else if (cdbg_break_info(c->p, (int)n, &info) < 0)
		cli_error(c, "No breakpoint number %ld.", n);
	else
		id = (int)n;
	free(orig);
	return id;
}

/* ---- delete, disable, enable ---------------------------------------------------------------- */

/* Skip gdb's optional "breakpoints" subcommand word ("delete breakpoints 2"). */
static char *skip_breakpoints_word(char *args)
{
	size_t n = strcspn(args, " \t");

	if (n >= 1 && !strncmp(args, "breakpoints", n))
		return cli_skip_ws(args + n);
	return args;
}

static void delete_fn(struct cli *c, int id, int loc, void *data)
{
	(void)loc;
	(void)data;
	cli_bp_delete(c, id);
}

int cli_bp_cmd_delete(struct cli *c, char *args)
{
	char *line;
	int r;

	if (!strncmp(args, "display", 7) && (!args[7] || isspace((unsigned char)args[7]))) {
		if (asprintf(&line, "undisplay %s", args + 7) < 0)
			return cli_error(c, "cannot delete displays: out of memory");
		r = cli_execute(c, line);
		free(line);
		return r;
	}
	args = skip_breakpoints_word(args);
	if (*args)
		return each_number(c, args, false, delete_fn, NULL);
	/* gdb asks only when from_tty (a typed or piped line; not -ex in batch mode, a script) */
	if (cli_from_tty(c) && cdbg_break_list(c->p, NULL, 0) > 0 &&
	    !cli_query(c, "Delete all breakpoints? "))
		return 0;
	all_bps(c, delete_fn, NULL);
	return 0;
}

/* gdb: "N.1" of a breakpoint with a single location is "N" (enable_disable_command). */
static int whole_if_single(struct cli *c, int id, int loc)
{
	struct cdbg_break_info info;

	return loc == 1 && cdbg_break_info(c->p, id, &info) == 0 && info.nlocs <= 1 ? 0 : loc;
}

static void disable_fn(struct cli *c, int id, int loc, void *data)
{
	(void)data;
	cli_bp_set_enabled(c, id, whole_if_single(c, id, loc), false);
}

/* enable [once | delete | count N] */
struct enable_how {
	int countdown; /* -1: plain enable; 0: once; N: count N */
	bool del;      /* enable delete: a temporary breakpoint from now on */
};

static void enable_fn(struct cli *c, int id, int loc, void *data)
{
	const struct enable_how *how = data;
	struct cdbg_break_info info;

	loc = whole_if_single(c, id, loc);
	cli_bp_set_enabled(c, id, loc, true);
	if (loc || cdbg_break_info(c->p, id, &info) < 0 || !info.enabled)
		return;
	if ((how->countdown >= 0 &&
	     cdbg_break_set_disposition(c->p, id, CDBG_DISP_DISABLE, how->countdown) < 0) ||
	    (how->del && cdbg_break_set_disposition(c->p, id, CDBG_DISP_DELETE, 0) < 0))
		cli_lib_error(c);
}

/* gdb's "display" subcommand of enable and disable, abbreviated to two letters or more ("enab
 * disp 1"): the rest of args, or NULL when args names breakpoints. */
static char *display_word(char *args)
{
	size_t n = strcspn(args, " \t");

	return n >= 2 && !strncmp(args, "display", n) ? cli_skip_ws(args + n) : NULL;
}

int cli_bp_cmd_disable(struct cli *c, char *args)
{
	char *disp = display_word(args);

	if (disp)
		return cli_display_switch(c, disp, false);
	args = skip_breakpoints_word(args);
	if (!*args) {
		all_bps(c, disable_fn, NULL);
		return 0;
	}
	return each_number(c, args, true, disable_fn, NULL);
}

int cli_bp_cmd_enable(struct cli *c, char *args)
{
	struct enable_how how = { -1, false };
	size_t n;
	long count;
	char *disp = display_word(args);

	if (disp)
		return cli_display_switch(c, disp, true);
	args = skip_breakpoints_word(args);
	n = strcspn(args, " \t");
	/* gdb's subcommands, abbreviated as its command table allows ("del", "c") */
	if (n >= 1 && !strncmp(args, "once", n)) {
		how.countdown = 0;
		args = cli_skip_ws(args + n);
		if (!*args)
			return cli_error(c, "Argument required (one or more breakpoint numbers).");
	} else if (n >= 1 && !strncmp(args, "delete", n)) {
		how.del = true;
		args = cli_skip_ws(args + n);
		if (!*args)
			return cli_error(c, "Argument required (one or more breakpoint numbers).");
	} else if (n >= 1 && !strncmp(args, "count", n)) {
		char *w;
		args = cli_skip_ws(args + n);
		w = cli_next_word(&args);
		if (!*w)
			return cli_error(c, "Argument required (hit count).");
		if (cli_parse_count(c, w, &count) < 0)
			return -1;
		how.countdown = count > 0 ? (int)count : 1;
		if (!*args)
			return cli_error(c, "Argument required (one or more breakpoint numbers).");
	}
	if (!*args) {
		all_bps(c, enable_fn, &how);
		return 0;
	}
	return each_number(c, args, true, enable_fn, &how);
}

/* ---- condition, ignore ---------------------------------------------------------------------- */

int cli_bp_cmd_condition(struct cli *c, char *args)
{
	int id;

	if (!strncmp(args, "-force", 6) && isspace((unsigned char)args[6]))
		args = cli_skip_ws(args + 6);
	if (!*args)
		return cli_error(c, "Argument required (breakpoint number).");
	if ((id = one_bp(c, &args, "Bad breakpoint argument: '%s'")) < 0)
		return -1;
	cli_bp_trim_end(args);
	if (cdbg_break_set_condition(c->p, id, args) < 0)
		return cli_lib_error(c);
	cli_watch_cond_scope(c, cli_bp_get(c, id, NULL), args);
	if (!*args && cli_bp_from_tty(c))
		printf("Breakpoint %d now unconditional.\n", id);
	return 0;
}

int cli_bp_cmd_ignore(struct cli *c, char *args)
{
	struct cdbg_value v;
	unsigned count;
	int id;

	if (!*args)
		return cli_error(c, "Argument required (a breakpoint number).");
	if ((id = one_bp(c, &args, "bad breakpoint number: '%s'")) < 0)
		return -1;
	if (!*args)
		return cli_error(c, "Second argument (specified ignore-count) is missing.");
	if (cli_eval(c, args, &v) < 0)
		return -1;
	if (v.is_signed && (int64_t)v.bits < 0)
		count = 0;
	else
		count = v.bits > 0xffffffffu ? 0xffffffffu : (unsigned)v.bits;
	if (cdbg_break_set_ignore(c->p, id, count) < 0)
		return cli_lib_error(c);
	if (!cli_bp_from_tty(c))
		return 0;
	if (count == 0)
		printf("Will stop next time breakpoint %d is reached.\n", id);
	else if (count == 1)
		printf("Will ignore next crossing of breakpoint %d.\n", id);
	else
		printf("Will ignore next %u crossings of breakpoint %d.\n", count, id);
	return 0;
}

/* ---- commands ------------------------------------------------------------------------------- */

bool cli_bp_opens_block(const char *line)
{
	static const char *const words[] = { "if",       "while",    "commands",
					     "define",   "document", "while-stepping",
					     "stepping", "ws",       NULL };
	size_t n = strcspn(line, " \t");

	if (n == 6 && !strncmp(line, "python", 6) && !line[6])
		return true;
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && !strncmp(line, words[i], n))
			return true;
	return false;
}

/* A command list being read. */
struct cmd_list {
	char **lines;
	int n, alloc;
	bool silent;
};

static int list_add(struct cmd_list *l, const char *line)
{
	if (l->n == l->alloc) {
		int na = l->alloc ? l->alloc * 2 : 8;
		char **v = realloc(l->lines, (size_t)na * sizeof(*v));
		if (!v)
			return -1;
		l->lines = v;
		l->alloc = na;
	}
	if (!(l->lines[l->n] = strdup(line)))
		return -1;
	l->n++;
	return 0;
}

/* Read lines up to the "end" that closes the list (blocks nest). */
static int read_cmd_list(struct cli *c, struct cmd_list *l)
{
	int depth = 0, r = 0;
	char *raw, *line;

	while ((raw = cli_read_line(c, ">"))) {
		line = cli_skip_ws(raw);
		cli_bp_trim_end(line);
		if (!strcmp(line, "end") && depth-- == 0) {
			free(raw);
			break;
		}
		if (cli_bp_opens_block(line))
			depth++;
		if (l->n == 0 && !l->silent && depth == 0 && !strcmp(line, "silent"))
			l->silent = true;
		else if (*line && r == 0)
			r = list_add(l, line);
		free(raw);
	}
	return r;
}

static void set_cmds_fn(struct cli *c, int id, int loc, void *data)
{
	const struct cmd_list *l = data;
	struct cli_bp *b = cli_bp_get(c, id, NULL);
	char **v = l->n ? calloc((size_t)l->n, sizeof(*v)) : NULL;
	int i;

	(void)loc;
	for (i = 0; i < l->n && v; i++)
		if (!(v[i] = strdup(l->lines[i])))
			break;
	if (!b || (l->n && (!v || i < l->n))) {
		while (v && i--)
			free(v[i]);
		free(v);
		cli_error(c, "cannot set the commands of breakpoint %d: out of memory", id);
		return;
	}
	for (i = 0; i < b->ncmds; i++)
		free(b->cmds[i]);
	free(b->cmds);
	b->cmds = v;
	b->ncmds = l->n;
	b->silent = l->silent;
}

int cli_bp_cmd_commands(struct cli *c, char *args)
{
	struct cmd_list l = { NULL, 0, 0, false };
	char last[16];
	int r;

	if (!*args) {
		if (c->next_bp_num <= 1) /* gdb 13: before reading any line */
			return cli_error(c, "Argument required (one or more breakpoint numbers).");
		snprintf(last, sizeof(last), "%d", c->next_bp_num - 1);
		args = last;
	}
	if (c->interactive && !c->src)
		printf("Type commands for breakpoint(s) %s, one per line.\n"
		       "End with a line saying just \"end\".\n",
		       args);
	if (read_cmd_list(c, &l) < 0) {
		r = cli_error(c, "cannot read the commands: out of memory");
		goto out;
	}
	r = each_number(c, args, false, set_cmds_fn, &l);
out:
	for (int i = 0; i < l.n; i++)
		free(l.lines[i]);
	free(l.lines);
	return r;
}

/* ---- info breakpoints, info watchpoints ----------------------------------------------------- */

static bool is_watch(const struct cdbg_break_info *i)
{
	return i->kind >= CDBG_BREAK_WATCH_WRITE && i->kind <= CDBG_BREAK_WATCH_ACCESS;
}

static const char *bp_type(const struct cdbg_break_info *i)
{
	static const char *const names[] = { [CDBG_BREAK_SOFTWARE] = "breakpoint",
					     [CDBG_BREAK_HARDWARE] = "hw breakpoint",
					     [CDBG_BREAK_WATCH_WRITE] = "hw watchpoint",
					     [CDBG_BREAK_WATCH_READ] = "read watchpoint",
					     [CDBG_BREAK_WATCH_ACCESS] = "acc watchpoint",
					     [CDBG_BREAK_CATCH] = "catchpoint" };

	if (i->kind == CDBG_BREAK_WATCH_WRITE && (i->flags & CDBG_BREAK_SOFT))
		return "watchpoint"; /* gdb's software watchpoint */
	return names[i->kind];
}

static void print_cmds(const struct cli_bp *b)
{
	int depth = 0;

	if (b->silent)
		printf("        silent\n");
	for (int i = 0; i < b->ncmds; i++) {
		const char *l = b->cmds[i];
		if (!strcmp(l, "end") && depth > 0)
			depth--;
		/* "else" sits at the level of its "if" */
		printf("        %*s%s\n", 2 * (depth - (!strcmp(l, "else") && depth > 0)), "", l);
		if (cli_bp_opens_block(l))
			depth++;
	}
}

/* Has the breakpoint an address to show? gdb narrows the Address column when no listed one
 * has. */
static bool has_address(struct cli *c, const struct cdbg_break_info *i)
{
	if (i->kind == CDBG_BREAK_CATCH)
		return i->nlocs > 0; /* gdb widens the column for exception catchpoints */
	if (is_watch(i))
		return c->live;
	return i->nlocs > 0 || (!i->function && i->line <= 0);
}

/* Column widths of one table (gdb sizes Type and Address by what it lists). */
struct table_fmt {
	int type_w; /* the longest type name, at least 14 */
	int addr_w; /* 18 ("0x" and 16 digits), or 10 when no listed entry has an address */
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* info breakpoints' What column for a code location: "in hit at t.c:5", "<hit+4>" or "". */
/* The What column of a location; gdb adds " thread N" for a thread-specific breakpoint. */
static void print_what(struct cli *c, const struct cdbg_break_loc *l, int thread)
{
	const char *f = l->function;
	const char *fb = cli_st(c, CDBG_STYLE_FUNCTION), *fe = cli_st_end(c, CDBG_STYLE_FUNCTION);

	if (l->file && f)
		printf("in %s%.200s%s at %s%.300s%s:%d", fb, f, fe, cli_st(c, CDBG_STYLE_FILENAME),
		       base_name(l->file), cli_st_end(c, CDBG_STYLE_FILENAME), l->line);
	else if (l->file)
		printf("at %s%.300s%s:%d", cli_st(c, CDBG_STYLE_FILENAME), base_name(l->file),
		       cli_st_end(c, CDBG_STYLE_FILENAME), l->line);
	else if (f && l->offset)
		printf("<%s%.300s%s+%llu>", fb, f, fe, (unsigned long long)l->offset);
	else if (f)
		printf("<%s%.300s%s>", fb, f, fe);
	if (thread > 0)
		printf(" thread %d", thread);
	printf("\n");
}

static void print_locations(struct cli *c, const struct cdbg_break_info *i,
			    const struct table_fmt *f)
{
	struct cdbg_break_loc *locs = calloc((size_t)i->nlocs, sizeof(*locs));
	int n = locs ? cdbg_break_locations(c->p, i->id, locs, (size_t)i->nlocs) : 0;
	char num[32];

	for (int k = 0; k < n && k < i->nlocs; k++) {
		snprintf(num, sizeof(num), "%d.%d", i->id, locs[k].number);
		printf("%-7s %-*s %-4s %-3s %s0x%016llx%s ", num, f->type_w, "", "",
		       locs[k].enabled ? "y" : "n", cli_st(c, CDBG_STYLE_ADDRESS),
		       (unsigned long long)locs[k].addr, cli_st_end(c, CDBG_STYLE_ADDRESS));
		print_what(c, &locs[k], 0);
	}
	free(locs);
}

static void print_row(struct cli *c, const struct cdbg_break_info *i, const struct table_fmt *f)
{
	struct cli_bp *b = cli_bp_get(c, i->id, NULL);
	struct cdbg_break_loc loc;
	bool dis = i->disp == CDBG_DISP_DISABLE;
	const char *text = b && b->spec ? b->spec : "";
	bool one = !is_watch(i) && i->nlocs == 1 && cdbg_break_locations(c->p, i->id, &loc, 1) == 1;

	/* gdb: a breakpoint of one location shows that location's state (disable N.1) */
	printf("%-7d %-*s %-4s %-3s ", i->id, f->type_w, b && b->dprintf ? "dprintf" : bp_type(i),
	       i->disp == CDBG_DISP_DELETE ? "del" :
	       dis                         ? "dis" :
					     "keep",
	       i->enabled ? "y" : "n");
	if (i->kind == CDBG_BREAK_CATCH)
		printf("%*s %s\n", f->addr_w, "", cli_catch_what(c, i));
	else if (is_watch(i))
		printf("%*s %s\n", f->addr_w, "", text);
	else if (i->nlocs > 1)
		printf("%-*s \n", f->addr_w, "<MULTIPLE>");
	else if (one)
		printf("%s0x%016llx%s ", cli_st(c, CDBG_STYLE_ADDRESS),
		       (unsigned long long)loc.addr, cli_st_end(c, CDBG_STYLE_ADDRESS)),
			print_what(c, &loc,
				   i->thread > 0 && c->live ? cli_thread_num(c, i->thread) : 0);
	else if (!i->function && i->line <= 0)
		printf("0x%016llx \n", (unsigned long long)i->addr);
	else
		printf("%-*s %s\n", f->addr_w, "<PENDING>", text);
	/* gdb: a condition typed with a pending location stays in its text, unparsed */
	const char *typed = strstr(text, " if ");
	bool pending = !is_watch(i) && i->nlocs == 0 && (i->function || i->line > 0);
	if (i->condition &&
	    !(pending && typed && !strcmp(cli_skip_ws((char *)typed + 4), i->condition)))
		printf("\tstop only if %s\n", i->condition);
	if (i->thread > 0 && c->live)
		printf("\tstop only in thread %d\n", cli_thread_num(c, i->thread));
	if (i->hits)
		printf("\t%s already hit %lu time%s\n",
		       i->kind == CDBG_BREAK_CATCH ? "catchpoint" : "breakpoint", i->hits,
		       i->hits == 1 ? "" : "s");
	if (i->ignore)
		printf("\tignore next %u hits\n", i->ignore);
	if (dis && i->enable_count > 0)
		printf("\tdisable after next %d hits\n", i->enable_count);
	if (b && b->dprintf) {
		char line[1200];
		cli_bp_dprintf_line(c, b, line, sizeof(line));
		printf("        %s\n", line);
	} else if (b) {
		print_cmds(b);
	}
	if (i->nlocs > 1 && !is_watch(i)) /* a watchpoint's pieces are not gdb's locations */
		print_locations(c, i, f);
}

/* Up to this many "N" / "N-M" filters in one info breakpoints command. */
#define MAX_FILTERS 64

static int info_table(struct cli *c, char *args, bool watch_only)
{
	long lo[MAX_FILTERS], hi[MAX_FILTERS];
	struct table_fmt f = { 14, 10 };
	struct cdbg_break_info info;
	int nf = 0, shown = 0, n, *ids;
	char *orig = strdup(args), *tok, *p = args;

	while (*(tok = cli_next_word(&p))) {
		if (nf == MAX_FILTERS || parse_range(c, tok, &lo[nf], &hi[nf]) < 0) {
			free(orig);
			return -1;
		}
		nf++;
	}
	ids = cli_bp_ids(c, &n);
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < n; k++) {
			bool match = nf == 0;
			if (cdbg_break_info(c->p, ids[k], &info) < 0)
				continue;
			for (int i = 0; i < nf && !match; i++)
				match = info.id >= lo[i] && info.id <= hi[i];
			if (!match || (watch_only && !is_watch(&info)))
				continue;
			if (pass == 0) {
				int w = (int)strlen(bp_type(&info));
				f.type_w = w > f.type_w ? w : f.type_w;
				f.addr_w = has_address(c, &info) ? 18 : f.addr_w;
				continue;
			}
			if (shown++ == 0)
				printf("Num     %-*s Disp Enb %-*s What\n", f.type_w, "Type",
				       f.addr_w, "Address");
			print_row(c, &info, &f);
		}
	}
	free(ids);
	if (!shown && nf)
		printf("No %s matching '%s'.\n",
		       watch_only ? "watchpoint" : "breakpoint or watchpoint", orig ? orig : "");
	else if (!shown)
		printf("%s\n", watch_only ? "No watchpoints." : "No breakpoints or watchpoints.");
	free(orig);
	return 0;
}

int cli_bp_info_breakpoints(struct cli *c, char *args)
{
	return info_table(c, args, false);
}

int cli_bp_info_watchpoints(struct cli *c, char *args)
{
	return info_table(c, args, true);
}
