/*
 * session_info.c - what a front-end reads back of the session's breakpoints: cdbg_break_info,
 * cdbg_break_locations, cdbg_break_list, cdbg_break_of_hit.
 *
 * Owns: nothing of its own; it reads the records session.c keeps (session_impl.h).
 * Must not: change a breakpoint, print, or call ptrace; it asks the layer below only through
 * cdbg.h (cdbg_bp_info for the live ignore count).
 */
#include <string.h>

#include "ops/session_impl.h"
#include "target/target.h"

/* The ignore count now: the layer below's (shared by the locations) while one is inserted. */
static unsigned bp_ignore_now(cdbg_proc *p, const struct sess_bp *b)
{
	struct cdbg_bp_info info;
	struct saved_err e;
	unsigned ig = b->ignore;
	int live = sess_live_loc(b);

	sess_err_save(p, &e);
	if (live > 0 && cdbg_bp_info(p, live, &info) == 0)
		ig = info.ignore;
	sess_err_restore(p, &e);
	return ig;
}

int cdbg_break_info(cdbg_proc *p, int id, struct cdbg_break_info *info)
{
	struct sess_bp *b = sess_bp_get(p, id, "describe a breakpoint", &id);

	if (!b)
		return id;
	sess_refresh(p, sess_of(p));
	memset(info, 0, sizeof(*info));
	info->id = b->id;
	info->kind = b->kind;
	info->disp = b->disp;
	info->enable_count = b->enable_count;
	info->enabled = b->enabled;
	info->flags = (b->flags & ~CDBG_BREAK_TEMPORARY) |
		      (b->disp == CDBG_DISP_DELETE ? CDBG_BREAK_TEMPORARY : 0);
	info->function = b->function;
	info->file = b->file;
	info->line = b->line;
	info->addr = b->addr;
	info->expr = b->expr;
	info->len = sess_is_watch(b->kind) && b->found ? b->len : 0;
	info->condition = b->cond;
	info->ignore = bp_ignore_now(p, b);
	info->hits = b->hits;
	for (int i = 0; i < b->nlocs && !sess_is_watch(b->kind); i++)
		info->hits += b->locs[i].hits + sess_loc_live_hits(p, &b->locs[i]);
	info->nlocs = b->nlocs;
	info->pending = sess_is_pending(b) || (sess_is_watch(b->kind) && !b->found);
	info->user = b->user;
	info->error = b->error;
	info->thread = b->thread;
	info->catch_kind = b->catch_kind;
	return 0;
}

int cdbg_break_locations(cdbg_proc *p, int id, struct cdbg_break_loc *locs, size_t max)
{
	struct sess_bp *b = sess_bp_get(p, id, "list a breakpoint's locations", &id);

	if (!b)
		return id;
	sess_refresh(p, sess_of(p));
	for (int i = 0; i < b->nlocs && (size_t)i < max; i++) {
		const struct sess_loc *l = &b->locs[i];
		memset(&locs[i], 0, sizeof(locs[i]));
		locs[i].number = i + 1;
		locs[i].addr = l->addr;
		locs[i].enabled = l->enabled;
		locs[i].inserted = l->lib_id > 0;
		locs[i].bp_id = l->lib_id;
		locs[i].hits = l->hits + sess_loc_live_hits(p, l);
		locs[i].function = l->func;
		locs[i].offset = l->offset;
		locs[i].file = l->file;
		locs[i].line = l->line;
	}
	return b->nlocs;
}

int cdbg_break_list(cdbg_proc *p, int *ids, size_t max)
{
	struct sess *s;
	int n = 0;

	if (cdbg__check_owner(p, "list breakpoints") < 0)
		return cdbg_errcode(p);
	s = sess_of(p);
	for (struct sess_bp *b = s ? s->list : NULL; b; b = b->next, n++)
		if (ids && (size_t)n < max)
			ids[n] = b->id;
	return n;
}

int cdbg_break_of_hit(cdbg_proc *p, int bp_id, int *id, int *loc)
{
	struct sess *s;
	int r;

	if ((r = cdbg__check_owner(p, "find a breakpoint")) < 0)
		return r;
	s = sess_of(p);
	for (struct sess_bp *b = s && bp_id > 0 ? s->list : NULL; b; b = b->next)
		for (int i = 0; i < b->nlocs; i++)
			if (b->locs[i].lib_id == bp_id) {
				if (id)
					*id = b->id;
				if (loc)
					*loc = i + 1;
				return 0;
			}
	return cdbg__fail(p, CDBG_ENOBP, "breakpoint %d is not one of the session's", bp_id);
}
