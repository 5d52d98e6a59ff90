/*
 * session.c - logical breakpoints (cdbg_break_*): specs kept in the handle across runs, each
 * mapped to every address that matches it, pending while nothing does, placed in each new
 * process, re-resolved when libraries come and go.
 *
 * Owns: the session's breakpoints (struct sess, in the handle's CDBG__LAYER_SESSION slot) and
 * the breakpoints of the layer below that serve as their locations. Hears of the process
 * through the target layer's hooks: PROCESS_NEW (place everything), LIBRARIES (drop locations
 * that were unloaded, place pending specs), SPACE_GONE (take the hit counts back), FREE.
 * Must not: print, call ptrace, or know a front-end's syntax (gdb's "break" words stay in
 * the CLI); it uses the layer below only through cdbg.h's cdbg_bp_* / cdbg_hw_* calls, and
 * bp_share_ignore (target/breakpoint.h), which gives a breakpoint's locations one ignore count.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/catch.h"
#include "ops/watchexpr.h"
#include "ops/session_impl.h"
#include "target/target.h"

static void sess_free(cdbg_proc *p, void *data);

/* The handle's session (NULL before the first breakpoint). */
struct sess *sess_of(cdbg_proc *p)
{
	return *cdbg__layer(p, CDBG__LAYER_SESSION);
}

void sess_err_save(cdbg_proc *p, struct saved_err *e)
{
	e->code = cdbg__base(p)->errcode;
	e->addr = cdbg__base(p)->erraddr;
	memcpy(e->msg, cdbg__base(p)->errmsg, sizeof(e->msg));
}

void sess_err_restore(cdbg_proc *p, const struct saved_err *e)
{
	cdbg__base(p)->errcode = e->code;
	cdbg__base(p)->erraddr = e->addr;
	memcpy(cdbg__base(p)->errmsg, e->msg, sizeof(e->msg));
}

bool sess_is_watch(enum cdbg_break_kind k)
{
	return k >= CDBG_BREAK_WATCH_WRITE && k <= CDBG_BREAK_WATCH_ACCESS;
}

/* Can breakpoints be inserted or removed now? (Never in a core.) */
static bool stopped(cdbg_proc *p)
{
	return p->pid && !p->exited && p->all_stopped && !p->core;
}

/* Only read, never run: the program's file before it runs, or a core. Breakpoints are found
 * at its addresses and shown, never inserted. */
static bool read_only(cdbg_proc *p)
{
	enum cdbg_target_kind k = cdbg_target(p);

	return k == CDBG_TARGET_FILE || k == CDBG_TARGET_CORE;
}

/* Changes reach the locations of a held process only while it is stopped: refuse them while
 * it runs rather than change the session alone (the int3s would stay as they were). */
static int refuse_running(cdbg_proc *p, const char *what)
{
	if (p->pid && !p->exited && !p->all_stopped)
		return cdbg__fail(p, CDBG_ERUNNING,
				  "cannot %s: the process is running; stop it first", what);
	return 0;
}

static char *dup_or_null(const char *s, bool *oom)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		*oom = true;
	return d;
}

static void error_set(struct sess_bp *b, const char *msg)
{
	free(b->error);
	b->error = msg ? strdup(msg) : NULL;
}

/* ---- locations ------------------------------------------------------------------------------ */

unsigned long sess_loc_live_hits(cdbg_proc *p, const struct sess_loc *l)
{
	struct cdbg_bp_info info;
	struct saved_err e;
	unsigned long h = 0;

	if (l->lib_id <= 0)
		return 0;
	sess_err_save(p, &e);
	if (cdbg_bp_info(p, l->lib_id, &info) == 0)
		h = info.hits;
	sess_err_restore(p, &e);
	return h;
}

/* Take l's hits back from the layer below and forget its id; remove it from the process when
 * remove is set and the process is stopped (it may be gone already: a temporary one). */
static void loc_unplace(cdbg_proc *p, struct sess_bp *b, struct sess_loc *l, bool remove)
{
	struct cdbg_bp_info info;
	struct saved_err e;

	if (l->lib_id <= 0)
		return;
	sess_err_save(p, &e);
	if (cdbg_bp_info(p, l->lib_id, &info) == 0) {
		l->hits += info.hits;
		b->ignore = info.ignore;
	}
	if (remove && stopped(p) && cdbg_bp_remove(p, l->lib_id) < 0) {
		/* Nothing to undo: it is gone either way. */
	}
	sess_err_restore(p, &e);
	l->lib_id = 0;
}

static void loc_free(struct sess_loc *l)
{
	free(l->func);
	free(l->file);
}

/* Drop every location of b (their hits go to b's). */
static void locs_drop(cdbg_proc *p, struct sess_bp *b, bool remove)
{
	for (int i = 0; i < b->nlocs; i++) {
		loc_unplace(p, b, &b->locs[i], remove);
		b->hits += sess_is_watch(b->kind) ? 0 : b->locs[i].hits;
		loc_free(&b->locs[i]);
	}
	free(b->locs);
	b->locs = NULL;
	b->nlocs = 0;
	b->resolved = false;
}

/* The whole text of a field of from (cdbg_text), malloc'ed; NULL when it cannot be had. */
static char *text_dup(cdbg_proc *p, const void *from, enum cdbg_text_field field)
{
	int n = cdbg_text(p, from, field, NULL, 0);
	char *t = n >= 0 ? malloc((size_t)n + 1) : NULL;

	if (t && cdbg_text(p, from, field, t, (size_t)n + 1) < 0) {
		free(t);
		t = NULL;
	}
	return t;
}

/* Where addr is, for display once the process is gone. */
static void loc_describe(cdbg_proc *p, struct sess_loc *l)
{
	struct cdbg_symbol s;
	struct cdbg_line ln;

	if (cdbg_sym_by_addr(p, l->addr, &s) == 0) {
		l->func = text_dup(p, &s, CDBG_TEXT_SYMBOL_NAME);
		l->offset = s.offset;
	}
	if (cdbg_line_by_addr(p, l->addr, &ln) == 0 && ln.line > 0) {
		l->file = text_dup(p, &ln, CDBG_TEXT_LINE_FILE);
		l->line = ln.line;
	}
}

/* A location of b inserted now (its id in the layer below), 0 if none. */
int sess_live_loc(const struct sess_bp *b)
{
	for (int i = 0; i < b->nlocs; i++)
		if (b->locs[i].lib_id > 0)
			return b->locs[i].lib_id;
	return 0;
}

/* Insert l into the stopped process with b's condition, ignore count and switches. The ignore
 * count is one for all of b's locations (bp_share_ignore): the first location inserted gets
 * b's, the next ones share it, so hits anywhere use it up as gdb's do. 0, or a failure with
 * nothing left inserted. */
static int loc_place(cdbg_proc *p, struct sess_bp *b, struct sess_loc *l)
{
	/* Never the layer's own temporary flag: it would free the location at its first report,
	 * behind the session's back; the session deletes or disables the breakpoint itself
	 * (cdbg_break_hit_done), and a queued hit of a deleted one is dropped below. */
	unsigned flags = 0;
	int id, r, with = sess_live_loc(b);

	if (b->kind == CDBG_BREAK_SOFTWARE || b->kind == CDBG_BREAK_CATCH)
		id = cdbg_bp_insert(p, l->addr, flags);
	else if (b->kind == CDBG_BREAK_HARDWARE)
		id = cdbg_bp_insert_hw(p, l->addr, 1, CDBG_WATCH_EXEC, flags);
	else
		id = cdbg_bp_insert_hw(p, l->addr, l->len ? l->len : b->len,
				       b->kind == CDBG_BREAK_WATCH_WRITE ? CDBG_WATCH_WRITE :
									   CDBG_WATCH_RW,
				       flags | (b->flags & CDBG_BREAK_SOFT ? CDBG_BP_SOFT : 0));
	if (id < 0)
		return id;
	if ((b->cond && !sess_is_watch(b->kind) && (r = cdbg_bp_condition(p, id, b->cond)) < 0) ||
	    (b->thread && (r = cdbg_bp_thread(p, id, b->thread)) < 0) ||
	    (with ? (r = bp_share_ignore(p, id, with)) < 0 :
		    b->ignore && (r = cdbg_bp_ignore(p, id, b->ignore)) < 0) ||
	    ((!b->enabled || !l->enabled) && (r = cdbg_bp_enable(p, id, 0)) < 0)) {
		struct saved_err e;
		sess_err_save(p, &e);
		if (cdbg_bp_remove(p, id) < 0) {
			/* Nothing more to undo. */
		}
		sess_err_restore(p, &e);
		return r;
	}
	l->lib_id = id;
	return 0;
}

/* ---- resolving ------------------------------------------------------------------------------ */

/* The addresses b's spec matches in the process now: how many (0: pending), or a failure
 * other than "not there". */
static int spec_addrs(cdbg_proc *p, struct sess_bp *b, uint64_t *addrs, size_t max)
{
	int n;

	if (b->function) {
		n = cdbg_func_break_addrs(p, b->function, addrs, max);
		return n == CDBG_ENOSYM ? 0 : n > (int)max ? (int)max : n;
	}
	if (b->line > 0) {
		n = cdbg_addrs_for_line(p, b->file ? b->file : "", b->line, addrs, max);
		if (n == CDBG_ENOLINE ||
		    n == CDBG_ENONAME) /* no such line, or its file not loaded yet */
			return 0;
		return n > (int)max ? (int)max : n;
	}
	if (b->expr) {
		/* break *EXPR: its address in what is held now (a PIE's function moves). */
		struct cdbg_value v;
		if ((n = cdbg_eval(p, 0, b->expr, b->has_env ? &b->env : NULL, &v)) < 0)
			return n;
		b->addr = v.bits;
	}
	addrs[0] = b->addr;
	return 1;
}

/* Give b its locations in the process now (b has none). 0 (pending when none matched), or a
 * failure. */
static int bp_resolve(cdbg_proc *p, struct sess_bp *b)
{
	uint64_t addrs[SESS_MAX_LOCS];
	unsigned lens[SESS_MAX_LOCS] = { 0 };
	int n;

	if (sess_is_watch(b->kind)) {
		bool keep = b->found && (b->given || !b->expr || b->flags & CDBG_BREAK_FIXED);
		addrs[0] = b->addr;
		n = 1;
		if (!keep) {
			n = watch_locate(p, b->expr, b->has_env ? &b->env : NULL, addrs, lens,
					 SESS_MAX_LOCS);
			if (n < 0)
				return n;
			b->addr = addrs[0];
			b->len = lens[0];
		}
		b->found = true;
	} else if ((n = spec_addrs(p, b, addrs, SESS_MAX_LOCS)) < 0) {
		return n;
	}
	b->resolved = true;
	if (n == 0)
		return 0;
	if (!(b->locs = calloc((size_t)n, sizeof(*b->locs))))
		return cdbg__fail(p, -ENOMEM, "cannot place breakpoint %d: out of memory", b->id);
	for (int i = 0; i < n; i++) {
		b->locs[i].addr = addrs[i];
		b->locs[i].len = lens[i];
		b->locs[i].enabled = true;
		if (!sess_is_watch(b->kind))
			loc_describe(p, &b->locs[i]);
	}
	b->nlocs = n;
	return 0;
}

/* Is addr inside one of the modules mapped now? */
static bool is_mapped(const struct cdbg_module *mods, int n, uint64_t addr)
{
	for (int i = 0; i < n; i++)
		if (addr >= mods[i].start && addr < mods[i].end)
			return true;
	return false;
}

/* Locations in libraries that were unloaded go; a spec by name left without one becomes
 * pending again, as in gdb: it is placed again when the library (or another with that name)
 * is loaded. */
static void drop_unmapped(cdbg_proc *p, struct sess *s)
{
	struct cdbg_module *mods = NULL;
	int n = cdbg_modules(p, NULL, 0);

	if (n > 0 && (mods = calloc((size_t)n, sizeof(*mods))))
		n = cdbg_modules(p, mods, (size_t)n);
	for (struct sess_bp *b = s->list; mods && n > 0 && b; b = b->next) {
		if (sess_is_watch(b->kind) || (!b->function && b->line <= 0) || !b->resolved)
			continue;
		for (int i = 0; i < b->nlocs; i++) {
			struct sess_loc *l = &b->locs[i];
			if (is_mapped(mods, n, l->addr))
				continue;
			loc_unplace(p, b, l, true);
			b->hits += l->hits;
			loc_free(l);
			memmove(l, l + 1, (size_t)(b->nlocs - i - 1) * sizeof(*l));
			b->nlocs--;
			i--;
		}
	}
	free(mods);
}

/* Place b in the stopped process: resolve it if its locations are not of this process, then
 * insert those that are not (when b is enabled). 0, or a failure (b->error says why). */
static int bp_place(cdbg_proc *p, struct sess_bp *b)
{
	int r = 0;

	/* A disabled breakpoint is found again too (gdb shows it at the process's addresses),
	 * and inserted only when enabled; a catchpoint of events (catch.c) has no location. */
	if ((!b->enabled && sess_is_watch(b->kind)) ||
	    (b->kind == CDBG_BREAK_CATCH && !b->function))
		return 0;
	if (!b->resolved || (b->nlocs == 0 && !sess_is_watch(b->kind))) {
		locs_drop(p, b, false);
		if ((r = bp_resolve(p, b)) < 0)
			goto out;
	}
	if (!b->enabled)
		goto out;
	for (int i = 0; i < b->nlocs; i++)
		if (b->locs[i].lib_id <= 0 && (r = loc_place(p, b, &b->locs[i])) < 0)
			break;
out:
	error_set(b, r < 0 ? cdbg__base(p)->errmsg : NULL);
	return r;
}

bool sess_is_pending(const struct sess_bp *b)
{
	return !sess_is_watch(b->kind) && b->nlocs == 0 && (b->function || b->line > 0);
}

/* Find b's locations in the file or core held (no process): shown, not inserted. What fails
 * leaves b pending, with the reason in b->error. */
static void bp_find_only(cdbg_proc *p, struct sess_bp *b)
{
	struct saved_err e;

	if (sess_is_watch(b->kind) || (b->kind == CDBG_BREAK_CATCH && !b->function))
		return;
	sess_err_save(p, &e);
	locs_drop(p, b, false);
	error_set(b, bp_resolve(p, b) < 0 ? cdbg__base(p)->errmsg : NULL);
	sess_err_restore(p, &e);
}

static bool same_file(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static void file_seen_set(cdbg_proc *p, struct sess *s)
{
	if (same_file(s->file_seen, p->file_path))
		return;
	free(s->file_seen);
	s->file_seen = p->file_path ? strdup(p->file_path) : NULL;
}

/* While only a file or a core is held: when the program's file is not the one the locations
 * were found in (`file OTHER`), find them again in it. The locations of a process that is
 * gone stay as they were, as gdb shows them after the program exits. */
void sess_refresh(cdbg_proc *p, struct sess *s)
{
	if (!s || !read_only(p) || same_file(s->file_seen, p->file_path))
		return;
	file_seen_set(p, s);
	for (struct sess_bp *b = s->list; b; b = b->next)
		bp_find_only(p, b);
}

/* Place every enabled breakpoint; ask for library reports while one is pending. Returns how
 * many failed. */
static int place_all(cdbg_proc *p, struct sess *s)
{
	bool pending = false;
	int failed = 0;

	for (struct sess_bp *b = s->list; b; b = b->next) {
		if (bp_place(p, b) < 0)
			failed++;
		pending = pending || (b->enabled && sess_is_pending(b));
	}
	if (pending && cdbg_libraries_report(p) < 0) {
		/* No dynamic linker: nothing will be loaded; they stay pending. */
	}
	return failed;
}

/* ---- the hooks ------------------------------------------------------------------------------ */

static void on_process_new(cdbg_proc *p, void *data)
{
	struct saved_err e;

	sess_err_save(p, &e);
	for (struct sess_bp *b = ((struct sess *)data)->list; b; b = b->next)
		b->resolved = false;
	file_seen_set(p, data);
	place_all(p, data);
	sess_err_restore(p, &e);
}

static void on_libraries(cdbg_proc *p, void *data)
{
	struct saved_err e;

	if (!stopped(p))
		return;
	sess_err_save(p, &e);
	drop_unmapped(p, data);
	place_all(p, data);
	sess_err_restore(p, &e);
}

/* The address space is gone: take the counts back; the locations stay for display until the
 * next process resolves them again. */
static void on_space_gone(cdbg_proc *p, void *data)
{
	for (struct sess_bp *b = ((struct sess *)data)->list; b; b = b->next) {
		for (int i = 0; i < b->nlocs; i++) {
			int lib_id = b->locs[i].lib_id;
			loc_unplace(p, b, &b->locs[i], false);
			/* Its site went with the address space: the layer below forgets it too, or it
			 * would stay listed and take a hit at its old address after an exec. */
			if (lib_id > 0 && bp_forget(p, lib_id) < 0) {
				/* Still placed (not a space that went): left to cdbg_bp_remove. */
			}
		}
		b->resolved = false;
		b->given = false;
	}
}

static void bp_free(struct sess_bp *b)
{
	for (int i = 0; i < b->nlocs; i++)
		loc_free(&b->locs[i]);
	free(b->locs);
	free(b->function);
	free(b->file);
	free(b->expr);
	free(b->cond);
	free(b->error);
	free(b);
}

static void sess_free(cdbg_proc *p, void *data)
{
	struct sess *s = data;

	*cdbg__layer(p, CDBG__LAYER_SESSION) = NULL;
	free(s->file_seen);
	while (s->list) {
		struct sess_bp *b = s->list;
		s->list = b->next;
		bp_free(b);
	}
	free(s);
}

/* The session, made (and its hooks registered) on first need. */
static struct sess *sess_get(cdbg_proc *p)
{
	struct sess *s = sess_of(p);

	if (s)
		return s;
	if (!(s = calloc(1, sizeof(*s))))
		return NULL;
	s->next_id = 1;
	if (cdbg__hook_add(p, CDBG__HOOK_FREE, sess_free, s) < 0) {
		free(s);
		return NULL;
	}
	*cdbg__layer(p, CDBG__LAYER_SESSION) = s;
	if (cdbg__hook_add(p, CDBG__HOOK_PROCESS_NEW, on_process_new, s) < 0 ||
	    cdbg__hook_add(p, CDBG__HOOK_LIBRARIES, on_libraries, s) < 0 ||
	    cdbg__hook_add(p, CDBG__HOOK_SPACE_GONE, on_space_gone, s) < 0)
		logw(p, "the session cannot hear of every process change: too many hooks");
	return s;
}

static struct sess_bp *bp_find(cdbg_proc *p, int id)
{
	struct sess *s = sess_of(p);
	struct sess_bp *b;

	for (b = s ? s->list : NULL; b && b->id != id; b = b->next)
		;
	return b;
}

/* b, or NULL with CDBG_ENOBP for the call `what`. */
struct sess_bp *sess_bp_get(cdbg_proc *p, int id, const char *what, int *r)
{
	struct sess_bp *b;

	if ((*r = cdbg__check_owner(p, what)) < 0)
		return NULL;
	if (!(b = bp_find(p, id)))
		*r = cdbg__fail(p, CDBG_ENOBP, "cannot %s: no breakpoint number %d", what, id);
	return b;
}

/* ---- the API -------------------------------------------------------------------------------- */

static int spec_check(cdbg_proc *p, const struct cdbg_break_spec *sp)
{
	int groups = !!sp->function + (sp->line > 0); /* none: the address (0 is one) */

	if ((unsigned)sp->kind > CDBG_BREAK_CATCH)
		return cdbg__fail(p, -EINVAL, "cannot set a breakpoint: unknown kind %d", sp->kind);
	if (sp->kind == CDBG_BREAK_CATCH)
		return catch_check(p, sp);
	if (sess_is_watch(sp->kind) ? !sp->expr && !(sp->addr && sp->len) :
				      groups > 1 || (groups && (sp->addr || sp->expr)))
		return cdbg__fail(p, -EINVAL,
				  "cannot set a breakpoint: the spec must give one "
				  "place: a function, a line, an address or (watchpoints) an "
				  "expression");
	if (sess_is_watch(sp->kind) && sp->addr && sp->len != 1 && sp->len != 2 && sp->len != 4 &&
	    sp->len != 8)
		return cdbg__fail(p, -EINVAL, "cannot watch %u bytes: 1, 2, 4 or 8", sp->len);
	return 0;
}

int cdbg_break_add(cdbg_proc *p, const struct cdbg_break_spec *sp, int *id)
{
	struct sess *s;
	struct sess_bp *b, **pp;
	bool oom = false;
	int r;

	if ((r = cdbg__check_owner(p, "set a breakpoint")) < 0 || (r = spec_check(p, sp)) < 0)
		return r;
	if (!(s = sess_get(p)) || !(b = calloc(1, sizeof(*b))))
		return cdbg__fail(p, -ENOMEM, "cannot set a breakpoint: out of memory");
	b->id = s->next_id;
	b->kind = sp->kind;
	b->flags = sp->flags;
	b->catch_kind = sp->kind == CDBG_BREAK_CATCH ? sp->catch_kind : 0;
	b->function = dup_or_null(b->catch_kind ? catch_function(b->catch_kind) : sp->function,
				  &oom);
	b->file = dup_or_null(sp->file, &oom);
	b->expr = dup_or_null(sp->expr, &oom);
	b->cond = sp->condition && *sp->condition ? dup_or_null(sp->condition, &oom) : NULL;
	b->line = sp->function ? 0 : sp->line;
	b->addr = sp->addr;
	b->len = sp->len;
	b->found = b->given = sess_is_watch(b->kind) && sp->addr;
	b->ignore = sp->ignore;
	b->thread = sp->thread;
	b->enabled = !(sp->flags & CDBG_BREAK_DISABLED);
	b->disp = sp->flags & CDBG_BREAK_TEMPORARY ? CDBG_DISP_DELETE : CDBG_DISP_KEEP;
	b->user = sp->user;
	if ((b->has_env = sp->env != NULL))
		b->env = *sp->env;
	if (oom) {
		bp_free(b);
		return cdbg__fail(p, -ENOMEM, "cannot set a breakpoint: out of memory");
	}
	if (read_only(p)) {
		sess_refresh(p, s);
		bp_find_only(p, b);
	} else if (stopped(p)) {
		if ((r = bp_place(p, b)) < 0) {
			locs_drop(p, b, true);
			bp_free(b);
			return r;
		}
		if (b->enabled && sess_is_pending(b) && cdbg_libraries_report(p) < 0) {
			/* No dynamic linker: it stays pending. */
		}
	}
	for (pp = &s->list; *pp; pp = &(*pp)->next)
		;
	*pp = b;
	s->next_id++;
	if (id)
		*id = b->id;
	catch_sync(p);
	return 0;
}

int cdbg_break_remove(cdbg_proc *p, int id)
{
	struct sess_bp *b = sess_bp_get(p, id, "delete a breakpoint", &id), **pp;
	struct sess *s = sess_of(p);

	if (!b)
		return id;
	if (refuse_running(p, "delete a breakpoint") < 0)
		return cdbg_errcode(p);
	locs_drop(p, b, true);
	for (pp = &s->list; *pp != b; pp = &(*pp)->next)
		;
	*pp = b->next;
	bp_free(b);
	catch_sync(p);
	return 0;
}

/* Switch location l of b in the process to what b's and l's switches say. */
static int loc_switch(cdbg_proc *p, struct sess_bp *b, struct sess_loc *l)
{
	if (l->lib_id <= 0 || !stopped(p))
		return 0;
	return cdbg_bp_enable(p, l->lib_id, b->enabled && l->enabled);
}

int cdbg_break_enable(cdbg_proc *p, int id, int loc, int enabled)
{
	struct sess_bp *b = sess_bp_get(p, id,
					enabled ? "enable a breakpoint" : "disable a breakpoint",
					&id);
	bool was;
	int r = 0;

	if (!b)
		return id;
	if (refuse_running(p, enabled ? "enable a breakpoint" : "disable a breakpoint") < 0)
		return cdbg_errcode(p);
	if (loc < 0 || loc > b->nlocs)
		return cdbg__fail(p, CDBG_ENOBP, "no location %d.%d", b->id, loc);
	if (loc > 0) {
		b->locs[loc - 1].enabled = enabled != 0;
		return loc_switch(p, b, &b->locs[loc - 1]);
	}
	was = b->enabled;
	b->enabled = enabled != 0;
	for (int i = 0; i < b->nlocs && r == 0; i++)
		r = loc_switch(p, b, &b->locs[i]);
	if (r == 0 && enabled && !was && stopped(p)) {
		r = bp_place(p, b);
		if (r == 0 && sess_is_pending(b) && cdbg_libraries_report(p) < 0) {
			/* No dynamic linker: it stays pending. */
		}
	}
	if (r < 0) {
		struct saved_err e;
		sess_err_save(p, &e);
		b->enabled = was;
		for (int i = 0; i < b->nlocs; i++)
			if (loc_switch(p, b, &b->locs[i]) < 0) {
				/* As it was, as far as it goes. */
			}
		sess_err_restore(p, &e);
	}
	catch_sync(p);
	return r;
}

int cdbg_break_set_condition(cdbg_proc *p, int id, const char *expr)
{
	struct sess_bp *b = sess_bp_get(p, id, "set a condition", &id);
	char *cond = NULL;
	int r;

	if (!b)
		return id;
	if (refuse_running(p, "set a condition") < 0)
		return cdbg_errcode(p);
	if (expr && *expr && !(cond = strdup(expr)))
		return cdbg__fail(p, -ENOMEM, "cannot set the condition: out of memory");
	for (int i = 0; i < b->nlocs; i++) {
		if (b->locs[i].lib_id > 0 && stopped(p) && !sess_is_watch(b->kind) &&
		    (r = cdbg_bp_condition(p, b->locs[i].lib_id, cond)) < 0) {
			struct saved_err e;
			sess_err_save(p, &e);
			while (i-- > 0)
				if (b->locs[i].lib_id > 0 &&
				    cdbg_bp_condition(p, b->locs[i].lib_id, b->cond) < 0) {
					/* It compiled before. */
				}
			sess_err_restore(p, &e);
			free(cond);
			return r;
		}
	}
	free(b->cond);
	b->cond = cond;
	return 0;
}

int cdbg_break_clear_hits(cdbg_proc *p)
{
	struct sess *s = sess_of(p);

	if (!s)
		return 0; /* no breakpoint was ever made */
	if (cdbg_pid(p))
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot clear the hit counts while a process is held");
	for (struct sess_bp *b = s->list; b; b = b->next) {
		b->hits = 0;
		for (int i = 0; i < b->nlocs; i++)
			b->locs[i].hits = 0;
	}
	return 0;
}

int cdbg_break_set_ignore(cdbg_proc *p, int id, unsigned count)
{
	struct sess_bp *b = sess_bp_get(p, id, "set an ignore count", &id);
	int r, live;

	if (!b)
		return id;
	if (refuse_running(p, "set an ignore count") < 0)
		return cdbg_errcode(p);
	/* One count for every location (loc_place): set it through any of them. */
	if ((live = sess_live_loc(b)) > 0 && stopped(p) && (r = cdbg_bp_ignore(p, live, count)) < 0)
		return r;
	b->ignore = count;
	return 0;
}

int cdbg_break_set_disposition(cdbg_proc *p, int id, enum cdbg_break_disp disp, int count)
{
	struct sess_bp *b = sess_bp_get(p, id, "change a breakpoint", &id);

	if (!b)
		return id;
	if ((unsigned)disp > CDBG_DISP_DISABLE)
		return cdbg__fail(p, -EINVAL, "cannot change breakpoint %d: no disposition %d",
				  b->id, disp);
	/* The session applies it at the hit (cdbg_break_hit_done). */
	b->disp = disp;
	b->enable_count = count;
	return 0;
}

int cdbg_break_set_user(cdbg_proc *p, int id, void *user)
{
	struct sess_bp *b = sess_bp_get(p, id, "change a breakpoint", &id);

	if (!b)
		return id;
	b->user = user;
	return 0;
}

int cdbg_break_hit_done(cdbg_proc *p, int id)
{
	struct sess_bp *b = sess_bp_get(p, id, "count a stop at a breakpoint", &id);

	if (!b)
		return id;
	if (sess_is_watch(b->kind))
		b->hits++;
	if (b->disp == CDBG_DISP_DELETE)
		return cdbg_break_remove(p, b->id) == 0 ? 1 : cdbg_errcode(p);
	/* gdb keeps the disposition (info breakpoints still says "dis"); a plain enable
	 * later leaves it, and the next hit disables it again. */
	if (b->disp == CDBG_DISP_DISABLE && (b->enable_count <= 0 || --b->enable_count == 0))
		return cdbg_break_enable(p, b->id, 0, 0);
	return 0;
}

int cdbg_break_resolve(cdbg_proc *p)
{
	struct sess *s;
	int r;

	if ((r = cdbg__check_owner(p, "place breakpoints")) < 0)
		return r;
	if (!stopped(p))
		return cdbg__fail(p, p->pid && !p->exited ? CDBG_ERUNNING : CDBG_ENOPROC,
				  "cannot place breakpoints: %s",
				  p->pid && !p->exited ? "the process is running" :
							 "no process is being debugged");
	if (!(s = sess_of(p)))
		return 0;
	drop_unmapped(p, s);
	return place_all(p, s);
}

int sess_catch_count(cdbg_proc *p, int id)
{
	struct sess_bp *b = bp_find(p, id);

	if (!b)
		return 0;
	b->hits++;
	if (b->ignore) {
		b->ignore--;
		return 0;
	}
	return 1;
}

int cdbg_break_watch_set(cdbg_proc *p, int id, const struct cdbg_watch_range *r, size_t n)
{
	struct sess_bp *b = sess_bp_get(p, id, "watch memory", &id);
	uint64_t addrs[SESS_MAX_LOCS];
	unsigned lens[SESS_MAX_LOCS];
	struct sess_loc *locs;
	int k, res = 0;

	if (!b)
		return id;
	if (!sess_is_watch(b->kind) || !n || n > SESS_MAX_LOCS)
		return cdbg__fail(p, -EINVAL, "cannot watch memory for breakpoint %d", b->id);
	if ((k = watch_pieces(r, (int)n, addrs, lens, SESS_MAX_LOCS)) > SESS_MAX_LOCS)
		return cdbg__fail(p, CDBG_ENOSLOT, "cannot watch '%s': too many pieces", b->expr);
	if (k > 4 && b->kind == CDBG_BREAK_WATCH_WRITE)
		b->flags |= CDBG_BREAK_SOFT; /* gdb: more than the debug registers: software */
	if (!(locs = calloc((size_t)k, sizeof(*locs))))
		return cdbg__fail(p, -ENOMEM, "cannot watch memory: out of memory");
	locs_drop(p, b, true); /* the old ones out first: the debug registers are few */
	for (int i = 0; i < k; i++)
		locs[i] = (struct sess_loc){ .addr = addrs[i], .len = lens[i], .enabled = true };
	b->locs = locs;
	b->nlocs = k;
	b->addr = r[0].addr;
	b->len = r[0].len;
	b->found = b->given = b->resolved = true;
	for (int i = 0; i < k && res == 0 && b->enabled && stopped(p); i++)
		res = loc_place(p, b, &b->locs[i]);
	if (res < 0) {
		struct saved_err e;
		sess_err_save(p, &e);
		locs_drop(p, b, true);
		sess_err_restore(p, &e);
	}
	return res;
}
