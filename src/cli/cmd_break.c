/*
 * cmd_break.c - breakpoints and watchpoints as gdb's command line has them: break, tbreak,
 * hbreak, thbreak, watch, rwatch, awatch, delete, disable, enable, condition, ignore,
 * commands, info breakpoints and info watchpoints; and the layer that keeps the CLI's
 * breakpoints (struct cli_bp: gdb's numbers, kept across runs) in step with libcdbg's.
 *
 * Owns: c->bps and c->next_bp_num. While a breakpoint is inserted its hit and ignore counts
 * live in the library (cdbg_bp_info); they are folded into the cli_bp when the process goes.
 * Must not: print a stop or run a breakpoint's commands (run.c does both, then calls
 * cli_bp_hit), or touch the process other than through cdbg.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* For cli.h (the lead adds it): free every breakpoint at exit. */
void cli_bp_free_all(struct cli *c);

#ifndef CLI_WATCH_READ
/* cli_bp.watch of an rwatch: inserted as CDBG_WATCH_RW (x86 has no read-only debug register);
 * a hit whose value changed was a write, which gdb does not report for a read watchpoint. */
#define CLI_WATCH_READ 4
#endif

/* gdb prints confirmations ("Will ignore next 3 crossings...") only for commands typed at
 * it, not for -ex commands in batch mode; scripts compare batch output. */
static bool from_tty(struct cli *c)
{
	return !c->batch;
}

/* ---- what struct cli_bp has no room for ------------------------------------------------- */

/* Per-breakpoint state beyond struct cli_bp, kept here by number (one struct cli per cdbg
 * process). Created on first need, dropped with the breakpoint. */
struct bp_extra {
	int num;                /* the breakpoint's number */
	int countdown;          /* enable once (0) / count N: disable after the next N hits;
				 * -1: stays enabled */
	char what[640];         /* info breakpoints' What ("in hit at t.c:5"), computed while a
				 * process was held: symbols are gone with it */
	struct bp_extra *next;
};
static struct bp_extra *extras;
static bool is_pending(const struct cli_bp *b);

static struct bp_extra *extra_get(int num, bool create)
{
	struct bp_extra *e;

	for (e = extras; e && e->num != num; e = e->next)
		;
	if (e || !create || !(e = calloc(1, sizeof(*e))))
		return e;
	e->num = num;
	e->countdown = -1;
	e->next = extras;
	extras = e;
	return e;
}

static void extra_drop(int num)
{
	struct bp_extra **pp = &extras, *e;

	while (*pp && (*pp)->num != num)
		pp = &(*pp)->next;
	if ((e = *pp)) {
		*pp = e->next;
		free(e);
	}
}

/* ---- the list ---------------------------------------------------------------------------- */

static struct cli_bp *bp_find(struct cli *c, int num)
{
	struct cli_bp *b;

	for (b = c->bps; b && b->num != num; b = b->next)
		;
	return b;
}

struct cli_bp *cli_bp_by_lib_id(struct cli *c, int lib_id)
{
	struct cli_bp *b;

	if (lib_id <= 0)
		return NULL;
	for (b = c->bps; b && b->lib_id != lib_id; b = b->next)
		;
	return b;
}

static int lib_watch(const struct cli_bp *b)
{
	return b->watch == CLI_WATCH_READ ? CDBG_WATCH_RW : b->watch;
}

/* The library's record of b, while b is inserted. */
static bool bp_lib_info(struct cli *c, const struct cli_bp *b, struct cdbg_bp_info *info)
{
	return b->lib_id > 0 && cdbg_bp_info(c->p, b->lib_id, info) == 0;
}

static unsigned long bp_hits(struct cli *c, const struct cli_bp *b)
{
	struct cdbg_bp_info info;

	return b->hits + (bp_lib_info(c, b, &info) ? info.hits : 0);
}

static unsigned bp_ignore(struct cli *c, const struct cli_bp *b)
{
	struct cdbg_bp_info info;

	return bp_lib_info(c, b, &info) ? info.ignore : b->ignore;
}

static const char *bp_what(struct cli *c, const struct cli_bp *b);

/* Put b into the stopped process with its condition and ignore count. 0, or -1 with the
 * library's sentence in why (nothing is left inserted). */
static int bp_lib_insert(struct cli *c, struct cli_bp *b, char *why, size_t len)
{
	unsigned flags = b->temporary ? CDBG_BP_TEMPORARY : 0;
	int id;

	if (b->kind == CDBG_BP_SOFTWARE)
		id = cdbg_bp_insert(c->p, b->addr, flags);
	else
		id = cdbg_hw_insert(c->p, b->addr, b->len, lib_watch(b), flags);
	if (id < 0)
		goto err;
	if ((b->cond && cdbg_bp_condition(c->p, id, b->cond) < 0) ||
	    (b->ignore && cdbg_bp_ignore(c->p, id, b->ignore) < 0)) {
		snprintf(why, len, "%s", cdbg_errmsg(c->p));
		if (cdbg_bp_remove(c->p, id) < 0) {
			/* Nothing more to undo: without a CLI twin it would only stop as "stopped
			 * at breakpoint". */
		}
		return -1;
	}
	b->lib_id = id;
	if (b->kind != CDBG_BP_WATCH && b->num > 0)
		bp_what(c, b); /* remembered for info breakpoints after the process is gone */
	return 0;
err:
	snprintf(why, len, "%s", cdbg_errmsg(c->p));
	return -1;
}

/* Take b's counts back from the library and forget its id. */
static void bp_fold(struct cli *c, struct cli_bp *b)
{
	struct cdbg_bp_info info;

	if (bp_lib_info(c, b, &info)) {
		b->hits += info.hits;
		b->ignore = info.ignore;
	}
	b->lib_id = 0;
}

/* Take b out of the process (it stays in the CLI's list). */
static void bp_lib_remove(struct cli *c, struct cli_bp *b)
{
	int id = b->lib_id;

	bp_fold(c, b);
	/* It may be gone already: the library deletes a temporary breakpoint after its hit. */
	if (id > 0 && c->live && cdbg_bp_remove(c->p, id) < 0) {
		/* Nothing to undo. */
	}
}

static void bp_free(struct cli_bp *b)
{
	for (int i = 0; i < b->ncmds; i++)
		free(b->cmds[i]);
	free(b->cmds);
	free(b->spec);
	free(b->cond);
	free(b);
}

static void bp_delete(struct cli *c, struct cli_bp *b)
{
	struct cli_bp **pp = &c->bps;

	bp_lib_remove(c, b);
	while (*pp && *pp != b)
		pp = &(*pp)->next;
	if (*pp)
		*pp = b->next;
	extra_drop(b->num);
	bp_free(b);
}

/* Give b the next number and append it (the list stays in ascending order); $bpnum. */
static void bp_link(struct cli *c, struct cli_bp *b)
{
	struct cli_bp **pp = &c->bps;
	struct cdbg_value v;

	if (c->next_bp_num < 1)
		c->next_bp_num = 1;
	b->num = c->next_bp_num++;
	while (*pp)
		pp = &(*pp)->next;
	*pp = b;
	cdbg_value_int(&v, (uint64_t)b->num, 4, 1);
	cli_var_set(c, "bpnum", &v);
}

/* A new breakpoint from what the user typed; inserted at once when a process is held, else at
 * the next run. Returns it, or NULL with the error printed (nothing kept). */
static struct cli_bp *bp_create(struct cli *c, enum cdbg_bp_kind kind, int watch, uint64_t addr,
				unsigned len, const char *spec, const char *cond, bool temporary)
{
	struct cli_bp *b = calloc(1, sizeof(*b));
	char why[256];

	if (!b || !(b->spec = strdup(spec)) || (cond && !(b->cond = strdup(cond)))) {
		if (b)
			bp_free(b);
		cli_error(c, "cannot create a breakpoint: out of memory");
		return NULL;
	}
	b->kind = kind;
	b->watch = watch;
	b->addr = addr;
	b->len = len;
	b->enabled = true;
	b->temporary = temporary;
	if (c->live && !is_pending(b) && bp_lib_insert(c, b, why, sizeof(why)) < 0) {
		bp_free(b);
		cli_error(c, "%s", why);
		return NULL;
	}
	bp_link(c, b);
	if (c->live && kind != CDBG_BP_WATCH && !is_pending(b))
		bp_what(c, b);
	return b;
}

/* ---- addresses as the user sees them ------------------------------------------------------ */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The source line of addr (gdb shows the file's base name); false when unknown. */
static bool bp_source(struct cli *c, uint64_t addr, struct cdbg_line *ln)
{
	return c->live && cdbg_line_by_addr(c->p, addr, ln) == 0 && ln->line > 0;
}

/* info breakpoints' What column for code breakpoint b: "in hit at t.c:5", "<hit+4>" or "";
 * remembered for when no process is held. */
static const char *bp_what(struct cli *c, const struct cli_bp *b)
{
	struct bp_extra *e = extra_get(b->num, true);
	struct cdbg_symbol s;
	struct cdbg_line ln;

	if (!e)
		return "";
	if (!c->live)
		return e->what;
	e->what[0] = '\0';
	if (cdbg_sym_by_addr(c->p, b->addr, &s) < 0)
		s.name[0] = '\0';
	if (bp_source(c, b->addr, &ln))
		snprintf(e->what, sizeof(e->what), "%s%.200s%sat %.300s:%d", s.name[0] ? "in " : "",
			 s.name, s.name[0] ? " " : "", base_name(ln.file), ln.line);
	else if (s.name[0] && s.offset)
		snprintf(e->what, sizeof(e->what), "<%.300s+%llu>", s.name,
			 (unsigned long long)s.offset);
	else if (s.name[0])
		snprintf(e->what, sizeof(e->what), "<%.300s>", s.name);
	return e->what;
}

/* A breakpoint by name set before the program runs, or a watchpoint on an expression set
 * then: its address is found when the program runs. */
static bool is_pending(const struct cli_bp *b)
{
	return b->kind == CDBG_BP_WATCH ? b->len == 0 : b->addr == 0 && b->spec[0] != '*';
}

/* "Breakpoint 1 at 0x401136: file t.c, line 5." as gdb announces a new code breakpoint;
 * "Breakpoint 1 (hit) pending." before the program runs. */
static void bp_announce(struct cli *c, const struct cli_bp *b)
{
	struct cdbg_line ln;

	printf("%s %d", b->kind == CDBG_BP_HARDWARE ? "Hardware assisted breakpoint"
			: b->temporary		    ? "Temporary breakpoint"
						    : "Breakpoint",
	       b->num);
	if (is_pending(b)) {
		printf(" (%s) pending.\n", b->spec);
		return;
	}
	printf(" at 0x%llx", (unsigned long long)b->addr);
	if (bp_source(c, b->addr, &ln))
		printf(": file %s, line %d.", base_name(ln.file), ln.line);
	printf("\n");
}

/* ---- parsing ----------------------------------------------------------------------------- */

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/* Is s at the keyword kw (a word of its own in args, followed by a blank or '(')? */
static bool at_keyword(const char *args, const char *s, const char *kw)
{
	size_t n = strlen(kw);

	return (s == args || isspace((unsigned char)s[-1])) && !strncmp(s, kw, n) &&
	       (isspace((unsigned char)s[n]) || s[n] == '(');
}

/* Split "LOCATION [if COND]" in place: *cond gets the condition or NULL. Refuses gdb's
 * "thread N", which cdbg's breakpoints (they serve every thread) do not have. */
static int split_cond(struct cli *c, char *args, char **cond)
{
	*cond = NULL;
	for (char *s = args; *s; s++) {
		if (at_keyword(args, s, "thread") && !*cond)
			return cli_error(c, "cannot make a breakpoint thread-specific: cdbg breakpoints "
					 "stop every thread; drop 'thread N'");
		if (at_keyword(args, s, "if") && !*cond) {
			*s = '\0';
			*cond = cli_skip_ws(s + 2);
			trim_end(*cond);
			break;
		}
	}
	trim_end(args);
	return 0;
}

/* An integer convenience or history variable ("bpnum", "2"), for breakpoint numbers. */
static bool var_int(struct cli *c, const char *name, long *out)
{
	const struct cdbg_value *v = NULL;
	char *end;

	if (isdigit((unsigned char)*name)) {
		long i = strtol(name, &end, 10);
		if (!*end && i >= 1 && (size_t)i <= c->nhist)
			v = &c->hist[i - 1];
	} else {
		for (struct cli_var *x = c->vars; x; x = x->next)
			if (!strcmp(x->name, name))
				v = &x->v;
	}
	if (!v || v->is_pointer)
		return false;
	*out = v->is_signed ? (long)(int64_t)v->bits : (long)v->bits;
	return true;
}

enum { NUM_OK, NUM_BAD, NUM_VAR, NUM_NEG };

/* One breakpoint number: "7" or "$var". */
static int parse_num(struct cli *c, const char *tok, long *n)
{
	char *end;

	if (*tok == '$')
		return var_int(c, tok + 1, n) ? (*n < 0 ? NUM_NEG : NUM_OK) : NUM_VAR;
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
	if (r == NUM_VAR)
		return cli_error(c, "Convenience variable must have integer value.");
	if (r == NUM_NEG)
		return cli_error(c, "Negative breakpoint number '%s'", tok);
	if (r == NUM_BAD || *lo == 0)
		return cli_error(c, "Bad breakpoint number '%s'", tok);
	if (*hi < *lo)
		return cli_error(c, "Inverted breakpoint range at '%s'", tok);
	return 0;
}

typedef void (*bp_fn)(struct cli *c, struct cli_bp *b, void *data);

/* Apply fn to each breakpoint args names ("1 3 5-7 $bpnum"); gdb's "No breakpoint number N."
 * for one that does not exist. Returns 0, or -1 at a bad token (error printed). */
static int each_number(struct cli *c, char *args, bp_fn fn, void *data)
{
	char *tok;
	long lo, hi, top = 0;

	for (struct cli_bp *b = c->bps; b; b = b->next)
		top = b->num > top ? b->num : top;
	while (*(tok = cli_next_word(&args))) {
		if (parse_range(c, tok, &lo, &hi) < 0)
			return -1;
		if (hi - lo > 100000) /* no message per missing number of a huge range */
			hi = top > lo ? top : lo;
		for (long n = lo; n <= hi; n++) {
			struct cli_bp *b = bp_find(c, (int)n);
			if (b)
				fn(c, b, data);
			else
				printf("No breakpoint number %ld.\n", n);
		}
	}
	return 0;
}

/* The first argument of condition/ignore: one breakpoint, which must exist. */
static struct cli_bp *one_bp(struct cli *c, char **args, const char *bad_fmt)
{
	char *orig = strdup(*args), *tok = cli_next_word(args);
	struct cli_bp *b = NULL;
	long n;
	int r = parse_num(c, tok, &n);

	if (r == NUM_VAR)
		cli_error(c, "Convenience variable must have integer value.");
	else if (r != NUM_OK)
		cli_error(c, bad_fmt, orig ? orig : tok);
	else if (!(b = bp_find(c, (int)n)))
		cli_error(c, "No breakpoint number %ld.", n);
	free(orig);
	return b;
}

/* ---- break, tbreak, hbreak, thbreak ------------------------------------------------------- */

/* The function or file of `break SPEC` is not in the program (yet): may the breakpoint wait
 * for a library that has it? gdb's `set breakpoint pending`: on, off, or auto (ask; "no" when
 * the input is not a terminal). */
static bool pending_ok(struct cli *c)
{
	static const char q[] = "Make breakpoint pending on future shared library load? (y or [n]) ";
	char *ans;
	bool yes;

	if (c->bp_pending)
		return c->bp_pending > 0;
	if (!c->interactive || c->src) {
		printf("%s[answered N; input not from terminal]\n", q);
		return false;
	}
	ans = cli_read_line(c, q);
	yes = ans && (*cli_skip_ws(ans) == 'y' || *cli_skip_ws(ans) == 'Y');
	free(ans);
	return yes;
}

/* Pending breakpoints are resolved when the dynamic linker reports a change: ask the library
 * to report them (harmless when already asked; a static program has none to report). */
static void watch_libraries(struct cli *c)
{
	if (c->live && cdbg_watch_libraries(c->p) < 0) {
		/* No dynamic linker: nothing will ever be loaded; the breakpoint stays pending. */
	}
}

static int do_break(struct cli *c, char *args, enum cdbg_bp_kind kind, bool temporary)
{
	char *cond, spec_pc[32];
	const char *spec = args;
	struct cli_bp *b;
	uint64_t addr = 0;
	int r;

	if (split_cond(c, args, &cond) < 0)
		return -1;
	if (!*args) {
		if (!c->live)
			return cli_error(c, "No default breakpoint location now selected.");
		if (cdbg_get_pc(c->p, c->cur_tid, &addr) < 0)
			return cli_lib_error(c);
		snprintf(spec_pc, sizeof(spec_pc), "*0x%llx", (unsigned long long)addr);
		spec = spec_pc;
	} else if (*args == '*') {
		if (cli_eval_u64(c, args + 1, &addr) < 0)
			return -1;
	} else if (!c->live) {
		addr = 0; /* pending: looked up when the program runs (cli_bp_insert_all) */
	} else if ((r = cli_locate(c, args, &addr, false)) < 0) {
		if (r != -2 || !pending_ok(c)) {
			c->errors += r == -2; /* cli_locate printed gdb's sentence */
			return -1;
		}
		addr = 0; /* pending: looked up again at each change of the libraries */
	}
	b = bp_create(c, kind, kind == CDBG_BP_HARDWARE ? CDBG_WATCH_EXEC : 0, addr, 1, spec, cond,
		      temporary);
	if (!b)
		return -1;
	bp_announce(c, b);
	if (c->live && is_pending(b))
		watch_libraries(c);
	return 0;
}

static int cmd_break(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BP_SOFTWARE, false);
}

static int cmd_tbreak(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BP_SOFTWARE, true);
}

static int cmd_hbreak(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BP_HARDWARE, false);
}

static int cmd_thbreak(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BP_HARDWARE, true);
}

/* ---- watch, rwatch, awatch ---------------------------------------------------------------- */

/* An expression with no names, registers or memory in it: "5", "1 + 2", "'a'". */
static bool is_constant(const char *s)
{
	for (; *s; s++) {
		if (*s == '\'') {
			while (s[1] && s[1] != '\'')
				s += s[1] == '\\' && s[2] ? 2 : 1;
			if (s[1])
				s++;
		} else if (isdigit((unsigned char)*s)) {
			while (isalnum((unsigned char)s[1]))
				s++;
		} else if (isalpha((unsigned char)*s) || strchr("_$*{[", *s)) {
			return false;
		}
	}
	return true;
}

/* The memory expr names: its address and size, without reading it (so a watchpoint can be
 * set before the program runs, or on memory that is not mapped yet). */
static int watch_target(struct cli *c, const char *expr, uint64_t *addr, unsigned *len)
{
	struct cdbg_value v;
	size_t n = strlen(expr) + 4;
	char *amp = malloc(n);
	int r;

	if (!amp)
		return cli_error(c, "cannot watch '%s': out of memory", expr);
	snprintf(amp, n, "&(%s)", expr);
	r = cli_eval(c, amp, &v);
	free(amp);
	if (r < 0)
		return -1;
	*addr = v.bits;
	*len = v.ptr_depth > 1 ? 8 : v.pointee_size;
	if (!v.is_pointer || !*len)
		return cli_error(c, "cannot watch '%s': its size is not known; cast it, as in "
				 "*(int *)ADDRESS", expr);
	return 0;
}

static int do_watch(struct cli *c, char *args, int watch)
{
	static const char *const what[] = { [CDBG_WATCH_WRITE] = "",
					    [CDBG_WATCH_RW] = "access (read/write) ",
					    [CLI_WATCH_READ] = "read " };
	char *cond, *expr, *spec;
	bool location = false;
	struct cli_bp *b;
	uint64_t addr = 0;
	unsigned len = 0;

	if (split_cond(c, args, &cond) < 0)
		return -1;
	expr = args;
	if (!strncmp(expr, "-location", 9) && (!expr[9] || isspace((unsigned char)expr[9])))
		expr = cli_skip_ws(expr + 9), location = true;
	else if (!strncmp(expr, "-l", 2) && (!expr[2] || isspace((unsigned char)expr[2])))
		expr = cli_skip_ws(expr + 2), location = true;
	if (!*expr)
		return cli_error(c, "Argument required (expression to compute).");
	if (is_constant(expr))
		return cli_error(c, "Cannot watch constant value `%s'.", expr);
	/* Before the program runs the expression waits (pending) for its symbols and memory. */
	if (c->live && watch_target(c, expr, &addr, &len) < 0)
		return -1;
	if (asprintf(&spec, "%s%s", location ? "-location " : "", expr) < 0)
		return cli_error(c, "cannot watch '%s': out of memory", expr);
	b = bp_create(c, CDBG_BP_WATCH, watch, addr, len, spec, cond, false);
	free(spec);
	if (!b)
		return -1;
	printf("Hardware %swatchpoint %d: %s\n", what[watch], b->num, b->spec);
	return 0;
}

static int cmd_watch(struct cli *c, char *args)
{
	return do_watch(c, args, CDBG_WATCH_WRITE);
}

static int cmd_rwatch(struct cli *c, char *args)
{
	return do_watch(c, args, CLI_WATCH_READ);
}

static int cmd_awatch(struct cli *c, char *args)
{
	return do_watch(c, args, CDBG_WATCH_RW);
}

/* ---- delete, disable, enable -------------------------------------------------------------- */

/* Skip gdb's optional "breakpoints" subcommand word ("delete breakpoints 2"). */
static char *skip_breakpoints_word(char *args)
{
	size_t n = strcspn(args, " \t");

	if (n >= 1 && !strncmp(args, "breakpoints", n))
		return cli_skip_ws(args + n);
	return args;
}

static void delete_fn(struct cli *c, struct cli_bp *b, void *data)
{
	bp_delete(c, b);
}

/* The user's yes or no; asked only of a person typing at the terminal (-ex, -x and sourced
 * lines get yes, as gdb's from_tty = 0 commands do). */
static bool confirmed(struct cli *c, const char *question)
{
	char *ans;
	bool yes;

	if (!c->confirm || !c->interactive || c->src)
		return true;
	ans = cli_read_line(c, question);
	yes = ans && (*cli_skip_ws(ans) == 'y' || *cli_skip_ws(ans) == 'Y');
	free(ans);
	return yes;
}

static int cmd_delete(struct cli *c, char *args)
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
		return each_number(c, args, delete_fn, NULL);
	if (c->bps && !confirmed(c, "Delete all breakpoints? (y or n) "))
		return 0;
	while (c->bps)
		bp_delete(c, c->bps);
	return 0;
}

static int bp_locate(struct cli *c, struct cli_bp *b, bool quiet);

static void set_enabled(struct cli *c, struct cli_bp *b, bool on)
{
	char why[256];
	int r;

	if (b->enabled == on)
		return;
	if (c->live && b->lib_id > 0) {
		if (cdbg_bp_enable(c->p, b->lib_id, on) < 0) {
			cli_lib_error(c);
			return;
		}
	} else if (c->live && on && is_pending(b) && (r = bp_locate(c, b, true)) < 0) {
		if (r != -2)
			return;
		watch_libraries(c); /* enabled, still pending */
	} else if (c->live && on && bp_lib_insert(c, b, why, sizeof(why)) < 0) {
		cli_error(c, "cannot enable breakpoint %d: %s", b->num, why);
		return;
	}
	b->enabled = on;
}

static void disable_fn(struct cli *c, struct cli_bp *b, void *data)
{
	set_enabled(c, b, false);
}

/* enable [once | delete | count N] */
struct enable_how {
	int countdown;  /* -1: plain enable; 0: once; N: count N */
	bool del;       /* enable delete: a temporary breakpoint from now on */
};

static void enable_fn(struct cli *c, struct cli_bp *b, void *data)
{
	const struct enable_how *how = data;

	set_enabled(c, b, true);
	if (!b->enabled)
		return;
	struct bp_extra *e = extra_get(b->num, how->countdown >= 0);

	if (e)
		e->countdown = how->countdown;
	if (how->del)
		b->temporary = true;
}

static void all_bps(struct cli *c, bp_fn fn, void *data)
{
	struct cli_bp *b, *next;

	for (b = c->bps; b; b = next) {
		next = b->next;
		fn(c, b, data);
	}
}

static int cmd_disable(struct cli *c, char *args)
{
	args = skip_breakpoints_word(args);
	if (!*args) {
		all_bps(c, disable_fn, NULL);
		return 0;
	}
	return each_number(c, args, disable_fn, NULL);
}

static int cmd_enable(struct cli *c, char *args)
{
	struct enable_how how = { -1, false };
	size_t n;
	long count;

	args = skip_breakpoints_word(args);
	n = strcspn(args, " \t");
	if (n == 4 && !strncmp(args, "once", 4)) {
		how.countdown = 0;
		args = cli_skip_ws(args + n);
	} else if (n == 6 && !strncmp(args, "delete", 6)) {
		how.del = true;
		args = cli_skip_ws(args + n);
	} else if (n == 5 && !strncmp(args, "count", 5)) {
		char *w;
		args = cli_skip_ws(args + n);
		w = cli_next_word(&args);
		if (!*w)
			return cli_error(c, "Argument required (hit count).");
		if (cli_parse_count(c, w, &count) < 0)
			return -1;
		how.countdown = count > 0 ? (int)count : 1;
	}
	if (!*args) {
		all_bps(c, enable_fn, &how);
		return 0;
	}
	return each_number(c, args, enable_fn, &how);
}

/* ---- condition, ignore -------------------------------------------------------------------- */

static int cmd_condition(struct cli *c, char *args)
{
	struct cli_bp *b;
	char *cond;

	if (!strncmp(args, "-force", 6) && isspace((unsigned char)args[6]))
		args = cli_skip_ws(args + 6);
	if (!*args)
		return cli_error(c, "Argument required (breakpoint number).");
	if (!(b = one_bp(c, &args, "Bad breakpoint argument: '%s'")))
		return -1;
	trim_end(args);
	if (b->lib_id > 0 && c->live && cdbg_bp_condition(c->p, b->lib_id, args) < 0)
		return cli_lib_error(c);
	cond = *args ? strdup(args) : NULL;
	if (*args && !cond)
		return cli_error(c, "cannot set the condition: out of memory");
	free(b->cond);
	b->cond = cond;
	if (!cond && from_tty(c))
		printf("Breakpoint %d now unconditional.\n", b->num);
	return 0;
}

static int cmd_ignore(struct cli *c, char *args)
{
	struct cdbg_value v;
	struct cli_bp *b;
	unsigned count;

	if (!*args)
		return cli_error(c, "Argument required (a breakpoint number).");
	if (!(b = one_bp(c, &args, "bad breakpoint number: '%s'")))
		return -1;
	if (!*args)
		return cli_error(c, "Second argument (specified ignore-count) is missing.");
	if (cli_eval(c, args, &v) < 0)
		return -1;
	if (v.is_signed && (int64_t)v.bits < 0)
		count = 0;
	else
		count = v.bits > 0xffffffffu ? 0xffffffffu : (unsigned)v.bits;
	if (b->lib_id > 0 && c->live && cdbg_bp_ignore(c->p, b->lib_id, count) < 0)
		return cli_lib_error(c);
	b->ignore = count;
	if (!from_tty(c))
		return 0;
	if (count == 0)
		printf("Will stop next time breakpoint %d is reached.\n", b->num);
	else if (count == 1)
		printf("Will ignore next crossing of breakpoint %d.\n", b->num);
	else
		printf("Will ignore next %u crossings of breakpoint %d.\n", count, b->num);
	return 0;
}

/* ---- commands ----------------------------------------------------------------------------- */

/* The command lines that open a block closed by its own "end" inside a commands list. */
static bool opens_block(const char *line)
{
	static const char *const words[] = { "if", "while", "commands", "define", "document",
					     "while-stepping", "stepping", "ws", NULL };
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
		trim_end(line);
		if (!strcmp(line, "end") && depth-- == 0) {
			free(raw);
			break;
		}
		if (opens_block(line))
			depth++;
		if (l->n == 0 && !l->silent && depth == 0 && !strcmp(line, "silent"))
			l->silent = true;
		else if (*line && r == 0)
			r = list_add(l, line);
		free(raw);
	}
	return r;
}

static void set_cmds_fn(struct cli *c, struct cli_bp *b, void *data)
{
	const struct cmd_list *l = data;
	char **v = l->n ? calloc((size_t)l->n, sizeof(*v)) : NULL;
	int i;

	for (i = 0; i < l->n && v; i++)
		if (!(v[i] = strdup(l->lines[i])))
			break;
	if (l->n && (!v || i < l->n)) {
		while (v && i--)
			free(v[i]);
		free(v);
		cli_error(c, "cannot set the commands of breakpoint %d: out of memory", b->num);
		return;
	}
	for (i = 0; i < b->ncmds; i++)
		free(b->cmds[i]);
	free(b->cmds);
	b->cmds = v;
	b->ncmds = l->n;
	b->silent = l->silent;
}

static int cmd_commands(struct cli *c, char *args)
{
	struct cmd_list l = { NULL, 0, 0, false };
	char last[16];
	int r;

	if (!*args) {
		if (c->next_bp_num <= 1) {
			/* The lines are read anyway, so they do not run as commands of their own. */
			read_cmd_list(c, &l);
			r = cli_error(c, "No breakpoints specified.");
			goto out;
		}
		snprintf(last, sizeof(last), "%d", c->next_bp_num - 1);
		args = last;
	}
	if (c->interactive && !c->src)
		printf("Type commands for breakpoint(s) %s, one per line.\n"
		       "End with a line saying just \"end\".\n", args);
	if (read_cmd_list(c, &l) < 0) {
		r = cli_error(c, "cannot read the commands: out of memory");
		goto out;
	}
	r = each_number(c, args, set_cmds_fn, &l);
out:
	for (int i = 0; i < l.n; i++)
		free(l.lines[i]);
	free(l.lines);
	return r;
}

/* ---- info breakpoints, info watchpoints --------------------------------------------------- */

static const char *bp_type(const struct cli_bp *b)
{
	if (b->kind == CDBG_BP_SOFTWARE)
		return "breakpoint";
	if (b->kind == CDBG_BP_HARDWARE)
		return "hw breakpoint";
	if (b->watch == CDBG_WATCH_WRITE)
		return "hw watchpoint";
	return b->watch == CLI_WATCH_READ ? "read watchpoint" : "acc watchpoint";
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
		if (opens_block(l))
			depth++;
	}
}

/* Has b an address to show? gdb narrows the Address column when no listed one has. */
static bool has_address(struct cli *c, const struct cli_bp *b)
{
	return !is_pending(b) && (b->kind != CDBG_BP_WATCH || c->live);
}

/* Column widths of one table (gdb sizes Type and Address by what it lists). */
struct table_fmt {
	int type_w; /* the longest type name, at least 14 */
	int addr_w; /* 18 ("0x" and 16 digits), or 10 when no listed entry has an address */
};

static void print_row(struct cli *c, const struct cli_bp *b, const struct table_fmt *f)
{
	struct bp_extra *e = extra_get(b->num, false);
	bool dis = e && e->countdown >= 0;
	unsigned long hits = bp_hits(c, b);
	unsigned ignore = bp_ignore(c, b);

	printf("%-7d %-*s %-4s %-3s ", b->num, f->type_w, bp_type(b),
	       b->temporary ? "del" : dis ? "dis" : "keep", b->enabled ? "y" : "n");
	if (b->kind == CDBG_BP_WATCH) {
		printf("%*s %s\n", f->addr_w, "", b->spec);
	} else if (is_pending(b)) {
		printf("%-*s %s\n", f->addr_w, "<PENDING>", b->spec);
	} else {
		printf("0x%016llx %s\n", (unsigned long long)b->addr, bp_what(c, b));
	}
	if (b->cond)
		printf("\tstop only if %s\n", b->cond);
	if (hits)
		printf("\tbreakpoint already hit %lu time%s\n", hits, hits == 1 ? "" : "s");
	if (ignore)
		printf("\tignore next %u hits\n", ignore);
	if (dis && e->countdown > 0)
		printf("\tdisable after next %d hits\n", e->countdown);
	print_cmds(b);
}

/* Up to this many "N" / "N-M" filters in one info breakpoints command. */
#define MAX_FILTERS 64

static int info_table(struct cli *c, char *args, bool watch_only)
{
	long lo[MAX_FILTERS], hi[MAX_FILTERS];
	struct table_fmt f = { 14, 10 };
	int nf = 0, shown = 0;
	char *orig = strdup(args), *tok, *p = args;
	const struct cli_bp *b;

	while (*(tok = cli_next_word(&p))) {
		if (nf == MAX_FILTERS || parse_range(c, tok, &lo[nf], &hi[nf]) < 0) {
			free(orig);
			return -1;
		}
		nf++;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (b = c->bps; b; b = b->next) {
			bool match = nf == 0;
			for (int i = 0; i < nf && !match; i++)
				match = b->num >= lo[i] && b->num <= hi[i];
			if (!match || (watch_only && b->kind != CDBG_BP_WATCH))
				continue;
			if (pass == 0) {
				int w = (int)strlen(bp_type(b));
				f.type_w = w > f.type_w ? w : f.type_w;
				f.addr_w = has_address(c, b) ? 18 : f.addr_w;
				continue;
			}
			if (shown++ == 0)
				printf("Num     %-*s Disp Enb %-*s What\n", f.type_w, "Type", f.addr_w,
				       "Address");
			print_row(c, b, &f);
		}
	}
	if (!shown && nf)
		printf("No %s matching '%s'.\n", watch_only ? "watchpoint" : "breakpoint or watchpoint",
		       orig ? orig : "");
	else if (!shown)
		printf("%s\n", watch_only ? "No watchpoints." : "No breakpoints or watchpoints.");
	free(orig);
	return 0;
}

static int info_breakpoints(struct cli *c, char *args)
{
	return info_table(c, args, false);
}

static int info_watchpoints(struct cli *c, char *args)
{
	return info_table(c, args, true);
}

/* ---- the run layer: run.c calls these ------------------------------------------------------ */

/* Find b's address again in the process just taken: a location by name, or a watched
 * expression, may be elsewhere this time (PIE, ASLR); `watch -location` keeps its address
 * once found. 0, -1 on an error (printed), -2 when its function, file or line is not loaded
 * (it stays, or becomes, pending). */
static int bp_locate(struct cli *c, struct cli_bp *b, bool quiet)
{
	uint64_t addr;
	unsigned len;
	const char *expr = b->spec;
	int r;

	if (b->kind != CDBG_BP_WATCH) {
		if (b->spec[0] == '*')
			return 0;
		if ((r = cli_locate(c, b->spec, &addr, quiet)) < 0) {
			if (r == -2)
				b->addr = 0;
			return r;
		}
		b->addr = addr;
		return 0;
	}
	if (!strncmp(expr, "-location ", 10)) {
		if (b->addr)
			return 0;
		expr += 10;
	}
	if (watch_target(c, expr, &addr, &len) < 0)
		return -1;
	b->addr = addr;
	b->len = len;
	return 0;
}

/* Breakpoints by name stay pending: if the program's own file gave no symbols at all (no
 * symbol table, no debug information, or both unreadable), say so once, or they would wait
 * silently while the program runs to its end. */
static void warn_no_symbols(struct cli *c)
{
	struct cdbg_module m[1];

	if (c->nosyms_warned || cdbg_modules(c->p, m, 1) < 1 || m[0].has_dwarf || m[0].has_symtab)
		return;
	c->nosyms_warned = true;
	fprintf(stderr, "warning: no symbol table and no debug information could be read from %s "
		"(stripped or corrupted); breakpoints on its functions stay pending: use break "
		"*ADDRESS\n", m[0].path);
}

int cli_bp_insert_all(struct cli *c)
{
	bool pending = false;
	char why[256];
	int r = 0, l;

	if (!c->live)
		return 0;
	for (struct cli_bp *b = c->bps; b; b = b->next) {
		if (!b->enabled || b->lib_id > 0)
			continue;
		/* As gdb: a function or file not loaded yet waits, silently, for its library. */
		if ((l = bp_locate(c, b, true)) == -2) {
			pending = true;
			continue;
		}
		if (l < 0) {
			r = -1;
			continue;
		}
		if (bp_lib_insert(c, b, why, sizeof(why)) < 0)
			r = cli_error(c, "cannot insert breakpoint %d: %s", b->num, why);
	}
	if (pending) {
		warn_no_symbols(c);
		watch_libraries(c);
	}
	return r;
}

/* Is addr inside one of the modules mapped now? */
static bool is_mapped(const struct cdbg_module *mods, int n, uint64_t addr)
{
	for (int i = 0; i < n; i++)
		if (addr >= mods[i].start && addr < mods[i].end)
			return true;
	return false;
}

void cli_bp_libraries_changed(struct cli *c)
{
	struct cdbg_module *mods = NULL;
	int n = cdbg_modules(c->p, NULL, 0);

	if (n > 0 && (mods = calloc((size_t)n, sizeof(*mods))))
		n = cdbg_modules(c->p, mods, (size_t)n);
	/* A breakpoint by name in a library that was unloaded becomes pending again, as in gdb:
	 * it is put back if the library (or another with that name) is loaded again. */
	for (struct cli_bp *b = c->bps; mods && n > 0 && b; b = b->next)
		if (b->lib_id > 0 && b->kind != CDBG_BP_WATCH && b->spec[0] != '*' &&
		    !is_mapped(mods, n, b->addr)) {
			bp_lib_remove(c, b);
			b->addr = 0;
		}
	free(mods);
	cli_bp_insert_all(c);
}

void cli_bp_process_gone(struct cli *c)
{
	for (struct cli_bp *b = c->bps; b; b = b->next)
		bp_fold(c, b);
}

/* At exit: free every breakpoint (the process, if any, is about to be let go or killed). */
void cli_bp_free_all(struct cli *c)
{
	while (c->bps) {
		struct cli_bp *b = c->bps;
		c->bps = b->next;
		extra_drop(b->num);
		bp_free(b);
	}
}

void cli_bp_hit(struct cli *c, struct cli_bp *b)
{
	struct bp_extra *e;

	if (!b)
		return;
	if (b->temporary) {
		bp_delete(c, b);
		return;
	}
	e = extra_get(b->num, false);
	if (e && e->countdown >= 0 && (e->countdown == 0 || --e->countdown == 0)) {
		set_enabled(c, b, false);
		e->countdown = -1;
	}
}

/* ---- tables ------------------------------------------------------------------------------- */

const struct cli_cmd cli_cmds_break[] = {
	{ "break", { "b", "br", "brea" }, cmd_break, 0,
	  "Set breakpoint at specified location.\n"
	  "break [LOCATION] [if CONDITION]\n"
	  "LOCATION: *ADDRESS, FUNCTION, FILE:LINE or LINE; none: the selected thread's pc.\n"
	  "FUNCTION may be a C++ name: ns::Class::method, Class::method(int).\n"
	  "Not loaded yet: pending until a library has it (see set breakpoint pending).\n"
	  "CONDITION: an expression over registers and memory ($rdi == 3), tested at each hit." },
	{ "tbreak", { "tb" }, cmd_tbreak, 0,
	  "Set a temporary breakpoint: deleted when it is first hit. Arguments as for break." },
	{ "hbreak", { NULL }, cmd_hbreak, 0,
	  "Set a hardware assisted breakpoint (a debug register; 4 in all with watchpoints)." },
	{ "thbreak", { NULL }, cmd_thbreak, 0, "Set a temporary hardware assisted breakpoint." },
	{ "watch", { NULL }, cmd_watch, 0,
	  "Set a watchpoint: stop when the program writes the memory of EXPRESSION.\n"
	  "watch [-l|-location] EXPRESSION [if CONDITION]\n"
	  "EXPRESSION names memory of 1, 2, 4 or 8 bytes: a variable, *(int *)0x404028." },
	{ "rwatch", { NULL }, cmd_rwatch, 0,
	  "Set a read watchpoint: stop when the program reads the memory of EXPRESSION." },
	{ "awatch", { NULL }, cmd_awatch, 0,
	  "Set an access watchpoint: stop when the program reads or writes EXPRESSION." },
	{ "delete", { "d" }, cmd_delete, 0,
	  "Delete all or some breakpoints.\n"
	  "delete [breakpoints] [NUMBERS]: numbers or ranges (2-4); none: all of them." },
	{ "disable", { "dis", "disa" }, cmd_disable, 0,
	  "Disable all or some breakpoints: disable [NUMBERS]." },
	{ "enable", { "en" }, cmd_enable, 0,
	  "Enable all or some breakpoints.\n"
	  "enable [once | delete | count N] [NUMBERS]: once disables it again after a hit,\n"
	  "delete deletes it after a hit, count N disables it after N hits." },
	{ "condition", { NULL }, cmd_condition, 0,
	  "Specify breakpoint number N to break only if COND is true: condition N [COND].\n"
	  "Without COND the breakpoint becomes unconditional." },
	{ "ignore", { NULL }, cmd_ignore, 0,
	  "Set ignore-count of breakpoint number N to COUNT: ignore N COUNT." },
	{ "commands", { NULL }, cmd_commands, 0,
	  "Set commands to be executed when the given breakpoints are hit.\n"
	  "commands [NUMBERS], then one command per line, then \"end\". A first line \"silent\"\n"
	  "stops the usual message; \"continue\" as the last line resumes the program." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_break[] = {
	{ "breakpoints", { "b", "br", "break" }, info_breakpoints, 0,
	  "Status of specified breakpoints (all user-settable breakpoints if no argument)." },
	{ "watchpoints", { NULL }, info_watchpoints, 0,
	  "Status of specified watchpoints (all watchpoints if no argument)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
