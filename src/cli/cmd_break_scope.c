/*
 * cmd_break_scope.c - the scope of a watchpoint on a frame's locals, as gdb has it: a
 * watchpoint whose expression names a local or an argument of the selected frame belongs to
 * that frame's activation; when the frame returns, the watchpoint is deleted and the program
 * stops in the caller ("Watchpoint 2 deleted because the program has left the block in
 * which its expression is valid."), rather than fire later on whatever reuses the stack.
 *
 * Owns: the scope breakpoints: one breakpoint of the library's lower layer (cdbg_bp_insert)
 * at the return address of the watched frame, kept in the watchpoint's struct cli_bp. A hit
 * counts only in the frame's own thread once its stack pointer is back above the frame's CFA
 * (a deeper activation of a recursive function returns to the same address first).
 * Must not: keep watchpoints (cmd_break.c does) or print their triggers (cmd_break_stop.c).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_break.h"

#define SCOPE_MAX_VARS 256

/* Is the identifier before b ("F::" ending at b) func? */
static bool qualified_by(const char *expr, const char *b, const char *func)
{
	size_t len = func ? strlen(func) : 0;
	const char *q;

	if (!len || b - expr < (ptrdiff_t)len + 2 || b[-2] != ':')
		return false;
	q = b - 2 - len; /* where func would start */
	return !strncmp(q, func, len) &&
	       (q == expr || !(isalnum((unsigned char)q[-1]) || q[-1] == '_'));
}

/* Does expr name one of vars (n of them) as a plain identifier (not a member after . or ->,
 * not inside a quoted literal, not a $-name), or as func::name (gdb's FUNCTION::VARIABLE)? */
static bool names_var(const char *expr, const struct cdbg_var *vars, int n, const char *func)
{
	const char *s = expr;

	while (*s) {
		if (*s == '\'' || *s == '"') {
			char q = *s++;
			while (*s && *s != q)
				s += s[0] == '\\' && s[1] ? 2 : 1;
			if (*s)
				s++;
			continue;
		}
		if (!isalpha((unsigned char)*s) && *s != '_') {
			if (*s == '$' || isdigit((unsigned char)*s))
				while (isalnum((unsigned char)s[1]) || s[1] == '_')
					s++;
			s++;
			continue;
		}
		const char *w = s, *b = s;
		while (isalnum((unsigned char)*s) || *s == '_')
			s++;
		while (b > expr && isspace((unsigned char)b[-1]))
			b--;
		if (b > expr && (b[-1] == '.' || (b[-1] == '>' && b - 1 > expr && b[-2] == '-') ||
				 (b[-1] == ':' && !qualified_by(expr, b, func))))
			continue;
		for (int i = 0; i < n; i++)
			if (strlen(vars[i].name) == (size_t)(s - w) &&
			    !strncmp(vars[i].name, w, (size_t)(s - w)))
				return true;
	}
	return false;
}

/* Drop the static locals of vars (n): they live outside the frame (between its stack pointer
 * and its CFA, the red zone below included), for every activation. How many are left. */
static int frame_only(struct cdbg_var *vars, int n, const struct cdbg_frame *f)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		const struct cdbg_value *v = &vars[i].value;
		if (v->lvalue && !v->reg[0] && f->sp && (v->addr < f->sp - 128 || v->addr >= f->cfa))
			continue;
		vars[k++] = vars[i];
	}
	return k;
}

void cli_watch_scope_set(struct cli *c, struct cli_bp *b, const char *expr)
{
	int level = cli_selected_frame(c), n;
	pid_t tid = c->cur_tid;
	struct cdbg_var *vars;
	struct cdbg_frame *f;
	bool local;

	if (!c->live || c->core || !b || !tid)
		return;
	if (!(f = calloc((size_t)level + 2, sizeof(*f))))
		return;
	/* The frame's CFA names its activation; its caller's pc is where it returns. */
	n = cdbg_backtrace(c->p, tid, f, (size_t)level + 2);
	if (n != level + 2 || !f[level].cfa || !(vars = calloc(SCOPE_MAX_VARS, sizeof(*vars)))) {
		free(f);
		return;
	}
	n = cdbg_frame_vars(c->p, tid, level, CDBG_VARS_LOCALS | CDBG_VARS_ARGS, vars,
			    SCOPE_MAX_VARS);
	n = frame_only(vars, n < SCOPE_MAX_VARS ? n : SCOPE_MAX_VARS, &f[level]);
	local = n > 0 && names_var(expr, vars, n, f[level].func);
	free(vars);
	if (local && f[level + 1].pc) {
		int id = cdbg_bp_insert(c->p, f[level + 1].pc, 0);
		if (id > 0) {
			b->scope_id = id;
			b->scope_cfa = f[level].cfa;
			b->scope_tid = tid;
		}
	}
	free(f);
}

void cli_watch_scope_drop(struct cli *c, struct cli_bp *b, bool remove)
{
	if (!b || b->scope_id <= 0)
		return;
	if (remove && c->live && cdbg_bp_remove(c->p, b->scope_id) < 0) {
		/* Gone with its process already. */
	}
	b->scope_id = 0;
}

/* The watchpoint whose scope breakpoint is lib_id, or NULL. */
static struct cli_bp *scope_owner(struct cli *c, int lib_id)
{
	struct cdbg_break_info info;
	struct cli_bp *found = NULL;
	int n, *ids = lib_id > 0 ? cli_bp_ids(c, &n) : NULL;

	for (int i = 0; ids && i < n && !found; i++)
		if (cdbg_break_info(c->p, ids[i], &info) == 0 && info.user &&
		    ((struct cli_bp *)info.user)->scope_id == lib_id)
			found = info.user;
	free(ids);
	return found;
}

int cli_watch_scope_hit(struct cli *c, const struct cdbg_event *ev)
{
	struct cli_bp *b = ev->kind == CDBG_EV_BREAKPOINT ? scope_owner(c, ev->bp_id) : NULL;
	struct cdbg_frame f;
	int num;

	if (!b)
		return -1;
	/* Another thread, or a deeper activation returning to the same place: not yet. */
	if (ev->tid != b->scope_tid || cdbg_backtrace(c->p, ev->tid, &f, 1) < 1 ||
	    f.sp < b->scope_cfa)
		return 1;
	num = b->num;
	c->cur_tid = ev->tid;
	printf("\nWatchpoint %d deleted because the program has left the block in\n"
	       "which its expression is valid.\n",
	       num);
	cli_bp_delete(c, num);
	cli_show_stop(c, ev->tid, true);
	return 0;
}

void cli_watch_cond_scope(struct cli *c, struct cli_bp *b, const char *cond)
{
	int level = cli_selected_frame(c), n;
	struct cdbg_var *vars;
	struct cdbg_frame *f;
	bool local = false;

	if (!b || b->watch == 0 || b->watch == CDBG_WATCH_EXEC)
		return;
	free(b->cond_func);
	b->cond_func = NULL;
	if (!cond || !*cond || !c->live || c->core || !c->cur_tid ||
	    !(f = calloc((size_t)level + 1, sizeof(*f))))
		return;
	n = cdbg_backtrace(c->p, c->cur_tid, f, (size_t)level + 1);
	if (n == level + 1 && f[level].func[0] && (vars = calloc(SCOPE_MAX_VARS, sizeof(*vars)))) {
		n = cdbg_frame_vars(c->p, c->cur_tid, level, CDBG_VARS_LOCALS | CDBG_VARS_ARGS,
				    vars, SCOPE_MAX_VARS);
		n = frame_only(vars, n < SCOPE_MAX_VARS ? n : SCOPE_MAX_VARS, &f[level]);
		local = n > 0 && names_var(cond, vars, n, f[level].func);
		free(vars);
	}
	if (local)
		b->cond_func = strdup(f[level].func);
	free(f);
}
