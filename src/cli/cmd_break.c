/*
 * cmd_break.c - setting breakpoints and watchpoints as gdb's command line has them: break,
 * tbreak, hbreak, thbreak, watch, rwatch, awatch; the calls the stop display makes at a hit and when the
 * process comes, goes or loads libraries; and the tables of every breakpoint command
 * (cmd_break_edit.c has delete, enable, disable, condition, ignore, commands, info).
 *
 * Owns: the parsing of gdb's location and watch syntax into cdbg_break_spec, and the struct
 * cli_bp kept beside each of the session's breakpoints (its user data: the text typed, the
 * `commands`). The breakpoints themselves (numbers, locations, pending, hit counts, runs) are
 * the library's session. Must not: print a stop or run a breakpoint's commands (cmd_break_stop.c does
 * both, then calls cli_bp_hit), or touch the process other than through cdbg.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_break.h"

bool cli_bp_from_tty(struct cli *c)
{
	return !c->batch;
}

void cli_bp_trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/* ---- the records beside the session's breakpoints ------------------------------------------ */

int *cli_bp_ids(struct cli *c, int *n)
{
	int *ids;

	*n = cdbg_break_list(c->p, NULL, 0);
	if (*n <= 0 || !(ids = calloc((size_t)*n, sizeof(*ids)))) {
		*n = 0;
		return NULL;
	}
	*n = cdbg_break_list(c->p, ids, (size_t)*n);
	return ids;
}

static int view_watch(enum cdbg_break_kind k)
{
	static const int w[] = { [CDBG_BREAK_SOFTWARE] = 0,
				 [CDBG_BREAK_HARDWARE] = CDBG_WATCH_EXEC,
				 [CDBG_BREAK_WATCH_WRITE] = CDBG_WATCH_WRITE,
				 [CDBG_BREAK_WATCH_READ] = CLI_WATCH_READ,
				 [CDBG_BREAK_WATCH_ACCESS] = CDBG_WATCH_RW,
				 [CDBG_BREAK_CATCH] = 0 };

	return w[k];
}

struct cli_bp *cli_bp_get(struct cli *c, int id, struct cdbg_break_info *info)
{
	struct cdbg_break_info tmp, *i = info ? info : &tmp;
	struct cli_bp *b;

	if (id <= 0 || cdbg_break_info(c->p, id, i) < 0 || !(b = i->user))
		return NULL;
	b->num = i->id;
	b->watch = view_watch(i->kind);
	b->len = i->len ? i->len : 1;
	b->temporary = i->disp == CDBG_DISP_DELETE;
	return b;
}

static void record_free(struct cli_bp *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->ncmds; i++)
		free(b->cmds[i]);
	free(b->cmds);
	free(b->spec);
	free(b->old_text);
	free(b->cond_func);
	free(b->ranges);
	free(b->dprintf);
	free(b);
}

void cli_bp_delete(struct cli *c, int id)
{
	struct cli_bp *b = cli_bp_get(c, id, NULL);

	if (cdbg_break_remove(c->p, id) == 0) {
		cli_watch_scope_drop(c, b, true);
		record_free(b);
	}
}

void cli_bp_set_enabled(struct cli *c, int id, int loc, bool on)
{
	if (cdbg_break_enable(c->p, id, loc, on) < 0) {
		if (on)
			cli_error(c, "cannot enable breakpoint %d: %s", id, cdbg_errmsg(c->p));
		else
			cli_lib_error(c);
	}
}

struct cli_bp *cli_bp_by_lib_id(struct cli *c, int lib_id)
{
	struct cdbg_break_loc locs[64];
	struct cli_bp *b = NULL;
	int n, *ids = lib_id > 0 ? cli_bp_ids(c, &n) : NULL;

	/* Searched rather than asked (cdbg_break_of_hit): a miss must leave the library's last
	 * failure as it is, for the caller to print. */
	for (int i = 0; ids && i < n && !b; i++) {
		int k = cdbg_break_locations(c->p, ids[i], locs, 64);
		for (int j = 0; j < k && j < 64 && !b; j++)
			if (locs[j].bp_id == lib_id)
				b = cli_bp_get(c, ids[i], NULL);
	}
	free(ids);
	return b;
}

/* ---- announcing ----------------------------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Does code breakpoint id (not a watchpoint) have a location at addr? 1 enabled, -1 disabled
 * (the breakpoint or the location), 0 no. */
static int has_loc_at(struct cli *c, int id, uint64_t addr)
{
	struct cdbg_break_info i;
	struct cdbg_break_loc locs[64];
	int n;

	if (cdbg_break_info(c->p, id, &i) < 0 || i.kind > CDBG_BREAK_HARDWARE)
		return 0;
	n = cdbg_break_locations(c->p, id, locs, 64);
	for (int k = 0; k < n && k < 64; k++)
		if (locs[k].addr == addr)
			return i.enabled && locs[k].enabled ? 1 : -1;
	return 0;
}

/* gdb's "Note: breakpoint 2 also set at pc 0x401136." ("breakpoints 2 and 3", "2, 3 and 4",
 * "(disabled)") before a new breakpoint's announcement, for each of its locations that other
 * breakpoints share. */
static void note_others(struct cli *c, int id)
{
	struct cdbg_break_loc locs[64];
	int n = cdbg_break_locations(c->p, id, locs, 64), nids, *ids = cli_bp_ids(c, &nids);

	for (int k = 0; k < n && k < 64; k++) {
		int others = 0;
		for (int i = 0; i < nids; i++)
			others += ids[i] != id && has_loc_at(c, ids[i], locs[k].addr) != 0;
		if (!others)
			continue;
		printf("Note: breakpoint%s ", others > 1 ? "s" : "");
		for (int i = 0; i < nids; i++) {
			int h = ids[i] != id ? has_loc_at(c, ids[i], locs[k].addr) : 0;
			if (!h)
				continue;
			others--;
			printf("%d%s%s ", ids[i], h < 0 ? " (disabled)" : "",
			       others > 1  ? "," :
			       others == 1 ? " and" :
					     "");
		}
		printf("also set at pc %s0x%llx%s.\n", cli_st(c, CDBG_STYLE_ADDRESS),
		       (unsigned long long)locs[k].addr, cli_st_end(c, CDBG_STYLE_ADDRESS));
	}
	free(ids);
}

/* "Breakpoint 1 at 0x401136: file t.c, line 5." as gdb announces a new code breakpoint;
 * "Breakpoint 1 at 0x401136: t.c:5. (2 locations)" or "...: over. (2 locations)" for several;
 * "Breakpoint 1 (hit) pending." when nothing matches yet. */
static void announce(struct cli *c, int id, const char *text)
{
	struct cdbg_break_info info;
	struct cdbg_break_loc loc;

	struct cli_bp *b = cli_bp_get(c, id, NULL);

	if (cdbg_break_info(c->p, id, &info) < 0)
		return;
	if (info.kind <= CDBG_BREAK_HARDWARE && cli_bp_from_tty(c) && info.nlocs >= 1)
		note_others(c, id);
	printf("%s %d",
	       b && b->dprintf                  ? "Dprintf" :
	       info.kind == CDBG_BREAK_HARDWARE ? "Hardware assisted breakpoint" :
	       info.disp == CDBG_DISP_DELETE    ? "Temporary breakpoint" :
						  "Breakpoint",
	       id);
	if (info.nlocs == 0 && !info.function && info.line <= 0) {
		printf(" at 0x%llx\n", (unsigned long long)info.addr); /* *ADDR, no process */
		return;
	}
	if (info.nlocs == 0 || cdbg_break_locations(c->p, id, &loc, 1) < 1) {
		printf(" (%s) pending.\n", text);
		return;
	}
	printf(" at %s0x%llx%s", cli_st(c, CDBG_STYLE_ADDRESS), (unsigned long long)loc.addr,
	       cli_st_end(c, CDBG_STYLE_ADDRESS));
	if (info.nlocs > 1 && info.function) /* gdb names a function spec as it was typed */
		printf(": %s. (%d locations)", info.function, info.nlocs);
	else if (info.nlocs > 1 && loc.file)
		printf(": %s:%d. (%d locations)", base_name(loc.file), loc.line, info.nlocs);
	else if (info.nlocs > 1)
		printf(" (%d locations)", info.nlocs);
	else if (c->live && loc.file)
		printf(": file %s%s%s, line %d.", cli_st(c, CDBG_STYLE_FILENAME),
		       base_name(loc.file), cli_st_end(c, CDBG_STYLE_FILENAME), loc.line);
	else if (cli_symbols(c) && loc.file) /* from the file: gdb's line, path and all (TODO: the
					      * same when live, where cdbg shows the base name) */
		printf(": file %s%s%s, line %d.", cli_st(c, CDBG_STYLE_FILENAME), loc.file,
		       cli_st_end(c, CDBG_STYLE_FILENAME), loc.line);
	printf("\n");
}

/* A new breakpoint of spec (text: what the user typed, kept for display); placed at once when
 * a process is held. Returns its number, or -1 with the error printed (nothing kept). */
static int create(struct cli *c, struct cdbg_break_spec *spec, const char *text)
{
	struct cli_bp *b = calloc(1, sizeof(*b));
	struct cdbg_value v;
	int id;

	if (!b || !(b->spec = strdup(text))) {
		free(b);
		return cli_error(c, "cannot create a breakpoint: out of memory");
	}
	spec->user = b;
	if (cdbg_break_add(c->p, spec, &id) < 0) {
		record_free(b);
		return cli_lib_error(c);
	}
	b->num = id;
	b->thread_num = spec->thread > 0 ? cli_thread_num(c, spec->thread) : 0;
	c->next_bp_num = id + 1;
	cdbg_value_int(&v, (uint64_t)id, 4, 1);
	cli_var_set(c, "bpnum", &v);
	return id;
}

int cli_bp_create(struct cli *c, struct cdbg_break_spec *spec, const char *text)
{
	return create(c, spec, text);
}

/* ---- parsing -------------------------------------------------------------------------------- */

/* Is s at the keyword kw (a word of its own in args, followed by a blank or '(')? */
static bool at_keyword(const char *args, const char *s, const char *kw)
{
	size_t n = strlen(kw);

	return (s == args || isspace((unsigned char)s[-1])) && !strncmp(s, kw, n) &&
	       (isspace((unsigned char)s[n]) || s[n] == '(');
}

/* Is the word at s (up to a blank) an abbreviation of gdb's "thread" (from "t") or "task"
 * (from "ta") followed by an argument? 1 thread, 2 task, 0 neither; *len gets its length. */
static int thread_keyword(const char *args, const char *s, size_t *len, bool abbrev)
{
	size_t n = 0;

	if (s != args && !isspace((unsigned char)s[-1]))
		return 0;
	while (s[n] && !isspace((unsigned char)s[n]))
		n++;
	if (!n || !*cli_skip_ws((char *)s + n))
		return 0;
	*len = n;
	if (!abbrev) /* gdb's linespec knows only the whole words */
		return n == 6 && !strncmp(s, "thread", 6) ? 1 :
		       n == 4 && !strncmp(s, "task", 4)   ? 2 :
							    0;
	if (!strncmp(s, "thread", n))
		return 1;
	if (n >= 2 && !strncmp(s, "task", n))
		return 2;
	return 0;
}

/* gdb's thread ID "N" or "INF.N" (inferior 1, the only one): the thread's tid, or -1 with
 * gdb's error printed. */
static pid_t thread_arg(struct cli *c, const char *w)
{
	struct cdbg_thread_info ti;
	const char *s = w;
	char *end;
	long n;
	pid_t tid;

	char num[32];
	uint64_t v;

	if (*s == '$') { /* a convenience variable or history value: its number */
		if (cli_eval_u64(c, s, &v) < 0)
			return -1;
		snprintf(num, sizeof(num), "%lld", (long long)v);
		s = num;
	}
	if (!strncmp(s, "1.", 2) && isdigit((unsigned char)s[2]))
		s += 2;
	n = isdigit((unsigned char)*s) ? strtol(s, &end, 10) : -1;
	if (n <= 0 || *end)
		return cli_error(c, "Invalid thread ID: %s", w);
	if (!c->live || (tid = cli_thread_tid(c, (int)n)) <= 0 ||
	    cdbg_thread_info(c->p, tid, &ti) < 0)
		return cli_error(c, "Unknown thread %s.", s);
	return tid;
}

/* Split "LOCATION [thread N] [if COND] [thread N]" in place: *cond gets the condition or NULL,
 * *tid the thread's tid (0 when none). gdb's condition ends at a `thread` or `task` keyword;
 * `task` (Ada) names no task a C program has. */
static int split_cond(struct cli *c, char *args, char **cond, pid_t *tid)
{
	bool cut_cond = false;
	size_t n;
	int k;

	*cond = NULL;
	*tid = 0;
	for (char *s = args; *s; s++) {
		/* Abbreviated (t, th, ta) only after a condition, as gdb's expression lexer takes
		 * them; the condition then keeps its blanks, as gdb shows it. */
		if ((k = thread_keyword(args, s, &n, *cond != NULL))) {
			cut_cond = cut_cond || *cond;
			char *w = cli_skip_ws(s + n), *e = w, word[64];
			while (*e && !isspace((unsigned char)*e))
				e++;
			snprintf(word, sizeof(word), "%.*s", (int)(e - w), w);
			if (k == 2)
				return cli_error(c, "Unknown task %s.", word);
			if (*tid)
				return cli_error(c, "You can specify only one thread.");
			if ((*tid = thread_arg(c, word)) < 0)
				return -1;
			*s = '\0'; /* ends the location or the condition */
			s = e - 1;
		} else if (at_keyword(args, s, "if") && !*cond) {
			*s = '\0';
			*cond = cli_skip_ws(s + 2);
			s = *cond - 1;
		}
	}
	if (*cond && !cut_cond)
		cli_bp_trim_end(*cond);
	cli_bp_trim_end(args);
	return 0;
}

/* ---- break, tbreak, hbreak, thbreak --------------------------------------------------------- */

/* A plain number ("0x401136", "4198710"): an address that does not move. */
static bool is_number(const char *s)
{
	char *end;

	s = cli_skip_ws((char *)s);
	if (!isdigit((unsigned char)*s))
		return false;
	(void)strtoull(s, &end, 0);
	return !*cli_skip_ws(end);
}

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

/* Is w option opt, or its abbreviation of at least min characters (gdb takes any unique
 * prefix: -q for -qualified)? */
static bool opt_is(const char *w, const char *opt, size_t min)
{
	size_t n = strlen(w);

	return n >= min && n <= strlen(opt) && !strncmp(w, opt, n);
}

/* gdb's location options, rewritten in place into the linespec they mean: -qualified (a C
 * name is always the whole name) and -force-condition are dropped; the explicit location
 * -source FILE -line N / -function F / -line N becomes FILE:N, F, N. -1 on a bad option. */
static int location_options(struct cli *c, char *args)
{
	char out[1024] = "", *s = args, *w, src[512] = "", fn[512] = "", line[64] = "";
	size_t room = strlen(args) + 1; /* cli_next_word cuts args as it goes */
	bool explicit = false;

	while (*(s = cli_skip_ws(s)) == '-' && s[1] && !isdigit((unsigned char)s[1])) {
		char *save = s;
		w = cli_next_word(&s);
		if (opt_is(w, "-qualified", 2) || opt_is(w, "-force-condition", 3))
			continue;
		char *slot;
		size_t len;
		if (opt_is(w, "-source", 2)) {
			slot = src;
			len = sizeof(src);
		} else if (opt_is(w, "-function", 3)) {
			slot = fn;
			len = sizeof(fn);
		} else if (opt_is(w, "-line", 2)) {
			slot = line;
			len = sizeof(line);
		} else {
			(void)save;
			return cli_error(c, "invalid explicit location argument, \"%s\"", w);
		}
		s = cli_skip_ws(s);
		if (!*s)
			return cli_error(c, "missing argument for \"%s\"", w);
		snprintf(slot, len, "%s", cli_next_word(&s));
		explicit = true;
	}
	if (!explicit) {
		memmove(args, s, strlen(s) + 1);
		return 0;
	}
	if (src[0] && !line[0] && !fn[0])
		return cli_error(c, "Source filename requires function, label, or line offset.");
	if (fn[0])
		snprintf(out, sizeof(out), "%s%s%s", src, src[0] ? ":" : "", fn);
	else
		snprintf(out, sizeof(out), "%s%s%s", src, src[0] ? ":" : "", line);
	snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", *s ? " " : "", s);
	snprintf(args, room, "%s", out);
	return 0;
}

/* gdb's bare LABEL: a name that is no function but a label of the function the program is
 * stopped in is that FUNCTION:LABEL (written into buf); else name itself. */
static char *label_spec(struct cli *c, char *name, char *buf, size_t len)
{
	struct cdbg_symbol s;
	uint64_t pc, a;

	for (const char *q = name; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '_')
			return name;
	if (!c->live || isdigit((unsigned char)*name) || cdbg_pc_get(c->p, c->cur_tid, &pc) < 0 ||
	    cdbg_sym_by_addr(c->p, pc, &s) < 0 || cli_locate_all(c, name, &a, 1, true) >= 0)
		return name;
	snprintf(buf, len, "%s:%s", s.name, name);
	return cli_locate_all(c, buf, &a, 1, true) > 0 ? buf : name;
}

/* break, tbreak, hbreak, thbreak; dprintf with dprintf: its "FORMAT",ARGS. */
static int do_break(struct cli *c, char *args, enum cdbg_break_kind kind, bool temporary,
		    const char *dprintf)
{
	struct cdbg_break_spec spec = { .kind = kind };
	char *cond, text[32], file[512], label[600], whole[1024];
	const char *shown = args;
	uint64_t addrs[1];
	int r, id;

	if (location_options(c, args) < 0)
		return -1;
	snprintf(whole, sizeof(whole), "%s", args);
	if (split_cond(c, args, &cond, &spec.thread) < 0)
		return -1;
	/* gdb shows a pending breakpoint as typed, its condition and thread too */
	if (strlen(whole) != strlen(args))
		shown = whole;
	spec.condition = cond;
	spec.flags = temporary ? CDBG_BREAK_TEMPORARY : 0;
	if (!*args) {
		if (!c->live)
			return cli_error(c, "No default breakpoint address now.");
		if (cdbg_pc_get(c->p, c->cur_tid, &spec.addr) < 0)
			return cli_lib_error(c);
		snprintf(text, sizeof(text), "*0x%llx", (unsigned long long)spec.addr);
		shown = text;
	} else if (*args == '*') {
		if (cli_eval_u64(c, args + 1, &spec.addr) < 0)
			return -1;
		/* Kept as an expression, found again in each process (a PIE's *func moves),
		 * unless it is a number. */
		if (!is_number(args + 1)) {
			spec.expr = cli_skip_ws(args + 1);
			spec.env = cli_eval_env(c);
		}
	} else {
		size_t n = strlen(args);
		if (n > 2 && (args[0] == '\'' || args[0] == '"') && args[n - 1] == args[0] &&
		    !memchr(args + 1, args[0], n - 2)) {
			args[n - 1] = '\0'; /* gdb's quoted name: break 'main.spinLoop' */
			shown = ++args;
		}
		/* Not found in the program held now (the process, the core, or the program's
		 * file before it runs): gdb's sentence, then pending if allowed. With nothing
		 * to read symbols from, gdb's sentence for that. */
		if (!cli_symbols(c)) {
			fflush(stdout);
			fprintf(stderr, "No symbol table is loaded.  Use the \"file\" command.\n");
			fflush(stderr);
			if (!pending_ok(c)) /* gdb: declining is no error; pending off is */
				return c->bp_pending < 0 ? (c->errors++, -1) : 0;
		} else if ((args = label_spec(c, args, label, sizeof(label))) &&
			   (r = cli_locate_all(c, args, addrs, 1, false)) < 0 &&
			   (r != -2 || !pending_ok(c))) {
			/* gdb: declining the query is no error; `set breakpoint pending off` is */
			if (r == -2 && c->bp_pending >= 0)
				return 0;
			c->errors += r == -2;
			return -1;
		}
		cli_location_spec(c, args, &spec, file, sizeof(file));
	}
	if ((id = create(c, &spec, shown)) < 0)
		return -1;
	if (dprintf) {
		struct cli_bp *b = cli_bp_get(c, id, NULL);
		if (b && !(b->dprintf = strdup(dprintf))) {
			cli_bp_delete(c, id);
			return cli_error(c, "cannot create a dprintf: out of memory");
		}
	}
	announce(c, id, shown);
	return 0;
}

static int cmd_break(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BREAK_SOFTWARE, false, NULL);
}

static int cmd_tbreak(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BREAK_SOFTWARE, true, NULL);
}

static int cmd_hbreak(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BREAK_HARDWARE, false, NULL);
}

static int cmd_thbreak(struct cli *c, char *args)
{
	return do_break(c, args, CDBG_BREAK_HARDWARE, true, NULL);
}

/* dprintf LOCATION,"FORMAT",ARGS...: a breakpoint that prints and goes on (gdb's
 * dprintf_command: the location ends at the first comma). */
static int cmd_dprintf(struct cli *c, char *args)
{
	char *comma = strchr(args, ',');

	if (!*args && !c->live) /* the default location comes first */
		return cli_error(c, "No default breakpoint address now.");
	if (!comma || !comma[1])
		return cli_error(c, "Format string required");
	*comma = '\0';
	cli_bp_trim_end(args);
	return do_break(c, args, CDBG_BREAK_SOFTWARE, false, cli_skip_ws(comma + 1));
}

void cli_bp_dprintf_line(struct cli *c, const struct cli_bp *b, char *buf, size_t len)
{
	const char *fn = c->dprintf_function ? c->dprintf_function : "printf";

	if (c->dprintf_style == 1 && c->dprintf_channel && c->dprintf_channel[0])
		snprintf(buf, len, "call (void) %s (%s,%s)", fn, c->dprintf_channel, b->dprintf);
	else if (c->dprintf_style == 1)
		snprintf(buf, len, "call (void) %s (%s)", fn, b->dprintf);
	else /* gdb, and agent (no agent here: gdb's fallback) */
		snprintf(buf, len, "printf %s", b->dprintf);
}

/* ---- watch, rwatch, awatch ------------------------------------------------------------------ */

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
 * set on memory that is not mapped yet). */
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
		return cli_error(c,
				 "cannot watch '%s': its size is not known; cast it, as in "
				 "*(int *)ADDRESS",
				 expr);
	return 0;
}

/* Can expr be watched (evaluated in the selected frame)? The address of one place it reads in
 * spec (cli_watch_start gives the watchpoint the others once it is made). 0; 1 for -location
 * of a bit-field (its bytes are watched, its value is the expression's); -1 with gdb's error
 * printed. */
static int watch_check(struct cli *c, const char *expr, enum cdbg_break_kind kind,
		       struct cdbg_break_spec *spec)
{
	struct cdbg_watch_range r[1];
	struct cdbg_value v;
	int n = cdbg_watch_eval(c->p, c->cur_tid, cli_selected_frame(c), expr, cli_eval_env(c), &v,
				r, 1);

	if (n < 0)
		return cli_eval(c, expr, &v) < 0 ? -1 : cli_lib_error(c); /* in gdb's words */
	if (spec->flags & CDBG_BREAK_FIXED) {
		/* -location: the place of an lvalue; a bit-field's bytes when nothing else is
		 * read on the way (no pointer whose change would move it). */
		if (v.lvalue || n != 1)
			return watch_target(c, expr, &spec->addr, &spec->len);
		spec->addr = r[0].addr;
		spec->len = 1;
		return 1;
	}
	if (v.kind == CDBG_VAL_FUNCTION || (n == 0 && !v.reg[0] && !v.lvalue))
		return cli_error(c, "Cannot watch constant value `%s'.", expr);
	if (n == 0 && kind != CDBG_BREAK_WATCH_WRITE)
		return cli_error(c,
				 "Expression cannot be implemented with read/access watchpoint.");
	if (n == 0)
		return cli_error(c,
				 "cannot watch '%s': it is not in memory, and cdbg watches "
				 "memory only",
				 expr);
	spec->addr = r[0].addr;
	spec->len = 1;
	return 0;
}

/* Before the program runs: does expr name only what the program's file has (its globals)?
 * false with gdb's "No symbol "x" in current context." printed. */
static bool watch_names_known(struct cli *c, const char *expr)
{
	struct cdbg_watch_range r[1];
	struct cdbg_value v;

	if (cdbg_watch_eval(c->p, 0, 0, expr, cli_eval_env(c), &v, r, 1) >= 0 ||
	    cdbg_errcode(c->p) != CDBG_ENONAME)
		return true;
	return cli_eval(c, expr, &v) == 0;
}

/* Names in a watched expression when the session evaluates it again in a new process: the
 * convenience variables and the symbols without debug information. */
static int env_var(void *data, const char *name, struct cdbg_value *out)
{
	for (struct cli_var *x = ((struct cli *)data)->vars; x; x = x->next)
		if (!strcmp(x->name, name)) {
			*out = x->v;
			return 0;
		}
	return -1;
}

int cli_symbol_value(struct cli *c, const char *name, struct cdbg_value *out);

static int env_symbol(void *data, const char *name, struct cdbg_value *out)
{
	return cli_symbol_value(data, name, out);
}

static int do_watch(struct cli *c, char *args, enum cdbg_break_kind kind)
{
	static const char *const what[] = { [CDBG_BREAK_WATCH_WRITE] = "",
					    [CDBG_BREAK_WATCH_ACCESS] = "access (read/write) ",
					    [CDBG_BREAK_WATCH_READ] = "read " };
	struct cdbg_eval_env env = { env_var, env_symbol, c, NULL };
	struct cdbg_break_spec spec = { .kind = kind, .env = &env };
	char *cond, *expr, *text;
	int id, bitfield = 0;

	if (split_cond(c, args, &cond, &spec.thread) < 0)
		return -1;
	spec.condition = cond;
	expr = args;
	if (!strncmp(expr, "-location", 9) && (!expr[9] || isspace((unsigned char)expr[9])))
		expr = cli_skip_ws(expr + 9), spec.flags = CDBG_BREAK_FIXED;
	else if (!strncmp(expr, "-l", 2) && (!expr[2] || isspace((unsigned char)expr[2])))
		expr = cli_skip_ws(expr + 2), spec.flags = CDBG_BREAK_FIXED;
	if (!*expr)
		return cli_error(c, "Argument required (expression to compute).");
	if (c->no_hw_watch && kind != CDBG_BREAK_WATCH_WRITE)
		return cli_error(c, "Can't set read/access watchpoint when hardware watchpoints "
				    "are disabled.");
	if (c->no_hw_watch)
		spec.flags |= CDBG_BREAK_SOFT;
	if (is_constant(expr))
		return cli_error(c, "Cannot watch constant value `%s'.", expr);
	/* Before the program runs the expression waits (pending) for its symbols and memory. */
	if (c->live && (bitfield = watch_check(c, expr, kind, &spec)) < 0)
		return -1;
	if (!c->live && cli_symbols(c) && !watch_names_known(c, expr))
		return -1;
	spec.expr = expr;
	if (asprintf(&text, "%s%s", spec.flags & CDBG_BREAK_FIXED ? "-location " : "", expr) < 0)
		return cli_error(c, "cannot watch '%s': out of memory", expr);
	id = create(c, &spec, text);
	if (id > 0 && c->live && (!(spec.flags & CDBG_BREAK_FIXED) || bitfield) &&
	    cli_watch_start(c, spec.user, id, expr, c->cur_tid, cli_selected_frame(c)) < 0) {
		cli_bp_delete(c, id);
		id = -1;
	}
	if (id > 0) {
		if (cli_watch_soft(c, id))
			printf("Watchpoint %d: %s\n", id, text);
		else
			printf("Hardware %swatchpoint %d: %s\n", what[kind], id, text);
		if (!(spec.flags & CDBG_BREAK_FIXED))
			cli_watch_scope_set(c, spec.user, expr);
		if (cond)
			cli_watch_cond_scope(c, cli_bp_get(c, id, NULL), cond);
	}
	free(text);
	return id > 0 ? 0 : -1;
}

static int cmd_watch(struct cli *c, char *args)
{
	return do_watch(c, args, CDBG_BREAK_WATCH_WRITE);
}

static int cmd_rwatch(struct cli *c, char *args)
{
	return do_watch(c, args, CDBG_BREAK_WATCH_READ);
}

static int cmd_awatch(struct cli *c, char *args)
{
	return do_watch(c, args, CDBG_BREAK_WATCH_ACCESS);
}

/* ---- what the stop display and the session observers call ----------------------------------------------------------------------- */

/* Breakpoints by name stay pending: if the program's own file gave no symbols at all (no
 * symbol table, no debug information, or both unreadable), say so once, or they would wait
 * silently while the program runs to its end. */
static void warn_no_symbols(struct cli *c)
{
	struct cdbg_module m[1];

	if (c->nosyms_warned || cdbg_modules(c->p, m, 1) < 1 || m[0].has_dwarf || m[0].has_symtab)
		return;
	c->nosyms_warned = true;
	fprintf(stderr,
		"warning: no symbol table and no debug information could be read from %s "
		"(stripped or corrupted); breakpoints on its functions stay pending: use break "
		"*ADDRESS\n",
		m[0].path);
}

/* The session places the breakpoints itself when a process is taken and at each library
 * report; this places what it could not then (a watched expression needs the CLI's names)
 * and says what still fails. */
int cli_bp_insert_all(struct cli *c)
{
	struct cdbg_break_info info;
	bool pending = false;
	int r, n, *ids;

	if (!c->live)
		return 0;
	r = cdbg_break_resolve(c->p);
	ids = cli_bp_ids(c, &n);
	for (int i = 0; i < n; i++) {
		if (cdbg_break_info(c->p, ids[i], &info) < 0 || !info.enabled)
			continue;
		pending = pending || (info.pending && info.kind <= CDBG_BREAK_HARDWARE);
		if (info.error)
			cli_error(c, "cannot insert breakpoint %d: %s", info.id, info.error);
	}
	free(ids);
	if (pending)
		warn_no_symbols(c);
	return r > 0 ? -1 : 0;
}

void cli_bp_libraries_changed(struct cli *c)
{
	cli_bp_insert_all(c);
}

/* gdb deletes a thread-specific breakpoint when its thread leaves the thread list (the
 * thread exited, or the process is gone). */
void cli_bp_prune_threads(struct cli *c)
{
	struct cdbg_thread_info ti;
	struct cdbg_break_info info;
	int n, *ids = cli_bp_ids(c, &n);

	for (int i = 0; i < n; i++) {
		if (cdbg_break_info(c->p, ids[i], &info) < 0 || info.thread <= 0)
			continue;
		if (c->live && cdbg_thread_info(c->p, info.thread, &ti) == 0)
			continue;
		struct cli_bp *b = cli_bp_get(c, ids[i], NULL);
		printf("Thread-specific breakpoint %d deleted - thread %d no longer in the thread "
		       "list.\n",
		       ids[i], b ? b->thread_num : 0);
		cli_bp_delete(c, ids[i]);
	}
	free(ids);
}

/* The session keeps the counts of a process that went (its address-space hook); the
 * thread-specific breakpoints go with their threads. */
void cli_bp_process_gone(struct cli *c)
{
	int n, *ids = cli_bp_ids(c, &n);

	for (int i = 0; ids && i < n; i++)
		cli_watch_scope_drop(c, cli_bp_get(c, ids[i], NULL), false);
	free(ids);
	cli_bp_prune_threads(c);
}

/* At exit: free the records (the session's breakpoints go with the handle). */
void cli_bp_free_all(struct cli *c)
{
	int n, *ids = cli_bp_ids(c, &n);

	for (int i = 0; i < n; i++) {
		record_free(cli_bp_get(c, ids[i], NULL));
		if (cdbg_break_set_user(c->p, ids[i], NULL) < 0) {
			/* Listed a moment ago. */
		}
	}
	free(ids);
}

void cli_bp_hit(struct cli *c, struct cli_bp *b)
{
	struct cdbg_break_info info;

	if (!b || !cli_bp_get(c, b->num, &info))
		return;
	if (info.disp == CDBG_DISP_DELETE) {
		cli_bp_delete(c, b->num);
		return;
	}
	if ((info.disp == CDBG_DISP_DISABLE || info.kind >= CDBG_BREAK_WATCH_WRITE) &&
	    cdbg_break_hit_done(c->p, b->num) < 0)
		cli_lib_error(c);
}

/* ---- tables --------------------------------------------------------------------------------- */

const struct cli_cmd cli_cmds_break[] = {
	{ "break",
	  { "b", "br", "brea" },
	  cmd_break,
	  0,
	  "Set breakpoint at specified location.\n"
	  "break [LOCATION] [if CONDITION]\n"
	  "LOCATION: *ADDRESS, FUNCTION, FILE:LINE or LINE; none: the selected thread's pc.\n"
	  "FUNCTION may be a C++ name: ns::Class::method, Class::method(int).\n"
	  "Not loaded yet: pending until a library has it (see set breakpoint pending).\n"
	  "CONDITION: an expression over registers and memory ($rdi == 3), tested at each hit." },
	{ "tbreak",
	  { "tb" },
	  cmd_tbreak,
	  0,
	  "Set a temporary breakpoint: deleted when it is first hit. Arguments as for break." },
	{ "hbreak",
	  { NULL },
	  cmd_hbreak,
	  0,
	  "Set a hardware assisted breakpoint (a debug register; 4 in all with watchpoints)." },
	{ "thbreak", { NULL }, cmd_thbreak, 0, "Set a temporary hardware assisted breakpoint." },
	{ "dprintf",
	  { NULL },
	  cmd_dprintf,
	  0,
	  "Set a dynamic printf at specified location.\n"
	  "dprintf LOCATION,\"format string\",ARG1,ARG2,...\n"
	  "At each hit it prints as printf does (set dprintf-style call: calls the program's\n"
	  "dprintf-function, on dprintf-channel if set) and the program goes on." },
	{ "watch",
	  { NULL },
	  cmd_watch,
	  0,
	  "Set a watchpoint: stop when the program writes the memory of EXPRESSION.\n"
	  "watch [-l|-location] EXPRESSION [if CONDITION]\n"
	  "EXPRESSION names memory of 1, 2, 4 or 8 bytes: a variable, *(int *)0x404028." },
	{ "rwatch",
	  { NULL },
	  cmd_rwatch,
	  0,
	  "Set a read watchpoint: stop when the program reads the memory of EXPRESSION." },
	{ "awatch",
	  { NULL },
	  cmd_awatch,
	  0,
	  "Set an access watchpoint: stop when the program reads or writes EXPRESSION." },
	{ "delete",
	  { "d" },
	  cli_bp_cmd_delete,
	  0,
	  "Delete all or some breakpoints.\n"
	  "delete [breakpoints] [NUMBERS]: numbers or ranges (2-4); none: all of them." },
	{ "disable",
	  { "dis", "disa" },
	  cli_bp_cmd_disable,
	  0,
	  "Disable all or some breakpoints: disable [NUMBERS]; N.M: location M of N." },
	{ "enable",
	  { "en" },
	  cli_bp_cmd_enable,
	  0,
	  "Enable all or some breakpoints.\n"
	  "enable [once | delete | count N] [NUMBERS]: once disables it again after a hit,\n"
	  "delete deletes it after a hit, count N disables it after N hits; N.M: location M of N." },
	{ "condition",
	  { NULL },
	  cli_bp_cmd_condition,
	  0,
	  "Specify breakpoint number N to break only if COND is true: condition N [COND].\n"
	  "Without COND the breakpoint becomes unconditional." },
	{ "ignore",
	  { NULL },
	  cli_bp_cmd_ignore,
	  0,
	  "Set ignore-count of breakpoint number N to COUNT: ignore N COUNT." },
	{ "commands",
	  { NULL },
	  cli_bp_cmd_commands,
	  0,
	  "Set commands to be executed when the given breakpoints are hit.\n"
	  "commands [NUMBERS], then one command per line, then \"end\". A first line \"silent\"\n"
	  "stops the usual message; \"continue\" as the last line resumes the program." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_break[] = {
	{ "breakpoints",
	  { "b", "br", "break" },
	  cli_bp_info_breakpoints,
	  0,
	  "Status of specified breakpoints (all user-settable breakpoints if no argument)." },
	{ "watchpoints",
	  { NULL },
	  cli_bp_info_watchpoints,
	  0,
	  "Status of specified watchpoints (all watchpoints if no argument)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
