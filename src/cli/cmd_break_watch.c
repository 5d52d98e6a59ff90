/*
 * cmd_break_watch.c - watchpoints on expressions, as gdb has them: the expression is
 * evaluated where it was set (the frame of its locals, cmd_break_scope.c), every place in
 * memory its evaluation reads is watched (cdbg_watch_eval: `watch *p` watches p and *p), and
 * at each trigger the expression is evaluated again: its whole value, printed with its type,
 * is compared with the last one (a write of the same value goes on, as in gdb), and the
 * places are watched anew (p changed: *p is somewhere else now).
 *
 * Owns: the value a watchpoint last saw (struct cli_bp's old_text) and the report of a
 * trigger ("Hardware watchpoint 2: expr", Old/New value, Value). Must not: keep watchpoints
 * (cmd_break.c does) or decide their scope (cmd_break_scope.c does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_break.h"
#include "format.h"

#define WATCH_RANGES 64
#define WATCH_FRAMES 256

/* The frame b's expression is evaluated in: the frame of its locals (found by its CFA in its
 * thread), else frame 0 of tid. The level, with *tid set; -1 when that frame is gone. */
static int watch_frame(struct cli *c, struct cli_bp *b, pid_t *tid)
{
	struct cdbg_frame *f;
	int n, level = -1;

	if (b->scope_id <= 0)
		return 0;
	if (!(f = calloc(WATCH_FRAMES, sizeof(*f))))
		return -1;
	n = cdbg_backtrace(c->p, b->scope_tid, f, WATCH_FRAMES);
	for (int i = 0; i < n && i < WATCH_FRAMES && level < 0; i++)
		if (f[i].cfa == b->scope_cfa)
			level = i;
	free(f);
	if (level >= 0)
		*tid = b->scope_tid;
	return level;
}

/* The value of expr as print shows it, malloc'ed ("<unreadable>" when its memory cannot be
 * read), with the places it read in r (*nr of them: 0 none, -1 when it cannot be evaluated).
 */
static char *watch_eval(struct cli *c, pid_t tid, int level, const char *expr,
			struct cdbg_watch_range *r, int *nr)
{
	struct cdbg_value v;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	*nr = cdbg_watch_eval(c->p, tid, level, expr, cli_eval_env(c), &v, r, WATCH_RANGES);
	if (*nr > WATCH_RANGES)
		*nr = WATCH_RANGES;
	if (*nr < 0 && cdbg_errcode(c->p) != CDBG_ENOMEM)
		return NULL;
	if (*nr < 0 || v.size == 0)
		return strdup("<unreadable>");
	if (!(f = open_memstream(&text, &len)))
		return NULL;
	fmt_value(c, f, &v, 0);
	fclose(f);
	return text;
}

/* Watch the nr places r for b (its session id), unless they are the ones it watches already
 * (force: whatever it watches). 0, or a failure (b then watches nothing). */
static int arm(struct cli *c, struct cli_bp *b, int id, const struct cdbg_watch_range *r, int nr,
	       bool force)
{
	struct cdbg_watch_range *copy;

	if (nr <= 0)
		return 0;
	if (!force && nr == b->nranges) {
		int i = 0;
		while (i < nr && r[i].addr == b->ranges[i].addr && r[i].len == b->ranges[i].len)
			i++;
		if (i == nr)
			return 0;
	}
	free(b->ranges);
	b->ranges = NULL;
	b->nranges = 0;
	if (cdbg_break_watch_set(c->p, id, r, (size_t)nr) < 0)
		return -1;
	if ((copy = malloc((size_t)nr * sizeof(*r)))) {
		memcpy(copy, r, (size_t)nr * sizeof(*r));
		b->ranges = copy;
		b->nranges = nr;
	}
	return 0;
}

/* Does b watch an expression (not -location's fixed address)? */
static bool by_expr(const struct cli_bp *b)
{
	return b->spec && strncmp(b->spec, "-location ", 10) != 0;
}

/* b's expression: a -location one (a bit-field, cmd_break.c's watch_check) without its
 * option. */
static const char *expr_of(const struct cli_bp *b)
{
	return by_expr(b) ? b->spec : b->spec + 10;
}

int cli_watch_start(struct cli *c, struct cli_bp *b, int id, const char *expr, pid_t tid, int level)
{
	struct cdbg_watch_range r[WATCH_RANGES];
	int nr;

	free(b->old_text);
	b->old_text = watch_eval(c, tid, level, expr, r, &nr);
	if (arm(c, b, id, r, nr, true) < 0)
		return cli_lib_error(c);
	return 0;
}

void cli_watch_rearm(struct cli *c, struct cli_bp *b)
{
	struct cdbg_watch_range r[WATCH_RANGES];
	pid_t tid = c->cur_tid;
	int level, nr;
	char *text;

	if (!b || !by_expr(b) || !c->live || (level = watch_frame(c, b, &tid)) < 0)
		return;
	if ((text = watch_eval(c, tid, level, b->spec, r, &nr))) {
		free(b->old_text);
		b->old_text = text;
	}
	if (arm(c, b, b->num, r, nr, true) < 0)
		printf("Warning:\nCould not insert hardware watchpoint %d.\n", b->num);
}

int cli_watch_report(struct cli *c, struct cli_bp *b, const struct cdbg_event *ev, bool show)
{
	struct cdbg_watch_range r[WATCH_RANGES];
	pid_t tid = ev->tid;
	int level = watch_frame(c, b, &tid), nr = 0;
	char *now = level >= 0 ? watch_eval(c, tid, level, expr_of(b), r, &nr) : NULL;
	bool changed = !now || !b->old_text || strcmp(now, b->old_text) != 0, lost = false;
	char tp[64];

	/* The places anew; when they no longer fit in the debug registers, gdb's warning, and
	 * the program stops rather than run on unwatched. */
	if (by_expr(b) && arm(c, b, b->num, r, nr, false) < 0) {
		printf("Warning:\nCould not insert hardware watchpoint %d.\n"
		       "Could not insert hardware breakpoints:\n"
		       "You may have requested too many hardware breakpoints/watchpoints.\n",
		       b->num);
		lost = true;
	}
	/* A write of the same value goes on, as in gdb; x86 has no read-only debug register: an
	 * rwatch is an access one whose writes (the value changed) go unreported. */
	if (!lost && ((b->watch == CDBG_WATCH_WRITE && !changed) ||
		      (b->watch == CLI_WATCH_READ && changed) || cli_watch_cond(c, b, ev->tid))) {
		if (now) {
			free(b->old_text);
			b->old_text = now;
		}
		return 1;
	}
	if (show) {
		printf("\n%s%s%s%satchpoint %d: %s\n\n",
		       cli_thread_prefix(c, ev->tid, tp, sizeof(tp)),
		       cli_many_threads(c) ? "hit " : "",
		       cli_watch_soft(c, b->num) ? "" : "Hardware ",
		       b->watch == CDBG_WATCH_RW  ? "access (read/write) w" :
		       b->watch == CLI_WATCH_READ ? "read w" :
		       cli_watch_soft(c, b->num)  ? "W" :
						    "w",
		       b->num, b->spec);
		if (changed && b->watch != CLI_WATCH_READ)
			printf("Old value = %s\nNew value = %s\n",
			       b->old_text ? b->old_text : "<unreadable>",
			       now ? now : "<unreadable>");
		else
			printf("Value = %s\n", now ? now : "<unreadable>");
	}
	if (now) {
		free(b->old_text);
		b->old_text = now;
	}
	return 0;
}

bool cli_watch_soft(struct cli *c, int num)
{
	struct cdbg_break_info info;

	return cdbg_break_info(c->p, num, &info) == 0 && (info.flags & CDBG_BREAK_SOFT);
}

int cli_watch_cond(struct cli *c, struct cli_bp *b, pid_t tid)
{
	struct cdbg_break_info info;
	struct cdbg_value v;
	int level = 0;

	if (cdbg_break_info(c->p, b->num, &info) < 0 || !info.condition)
		return 0;
	if (b->cond_func) {
		/* gdb: the innermost frame of the function whose locals it names. */
		struct cdbg_frame *f = calloc(WATCH_FRAMES, sizeof(*f));
		int n = f ? cdbg_backtrace(c->p, tid, f, WATCH_FRAMES) : 0;
		for (level = 0; level < n && level < WATCH_FRAMES; level++)
			if (!strcmp(f[level].func, b->cond_func))
				break;
		free(f);
		if (level >= n || level >= WATCH_FRAMES) {
			printf("warning: Watchpoint condition cannot be tested in the current "
			       "scope\n");
			return 0;
		}
	}
	if (cdbg_eval_frame(c->p, tid, level, info.condition, cli_eval_env(c), &v) < 0) {
		printf("Error in testing condition for breakpoint %d:\n%s\n", b->num,
		       cdbg_errmsg(c->p));
		return 0;
	}
	return v.bits == 0 && !v.is_aggregate;
}

struct cli_bp *cli_watch_other(struct cli *c, struct cli_bp *b, const struct cdbg_event *ev)
{
	struct cdbg_break_info info;
	struct cli_bp *found = NULL;
	int n, *ids = cli_bp_ids(c, &n);

	for (int i = 0; i < n && !found; i++) {
		struct cli_bp *o = cli_bp_get(c, ids[i], &info);
		if (o && o != b && info.enabled && o->watch == CDBG_WATCH_WRITE && o->old_text &&
		    (info.thread <= 0 || info.thread == ev->tid) &&
		    cli_watch_report(c, o, ev, !o->silent) == 0)
			found = o;
	}
	free(ids);
	return found;
}
