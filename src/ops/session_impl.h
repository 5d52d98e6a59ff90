/*
 * session_impl.h - the session's records (struct sess, sess_bp, sess_loc), shared by the files
 * of the logical-breakpoint module: session.c (specs, locations, hooks, changes) and
 * session_info.c (what a front-end reads back).
 *
 * Owns: nothing; it only declares. Must not: be included outside src/ops/session*.c.
 */
#ifndef CDBG_OPS_SESSION_IMPL_H
#define CDBG_OPS_SESSION_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/base.h"
#include "cdbg.h"

#define SESS_MAX_LOCS 64 /* addresses one spec may get */

struct sess_loc {
	uint64_t addr;
	unsigned len; /* watchpoints: bytes at addr (one debug register) */
	int lib_id;   /* the layer below's id while inserted, else 0 */
	bool enabled;
	unsigned long hits; /* taken back from lib_id when it went */
	char *func;         /* where it is, found when it was resolved */
	uint64_t offset;
	char *file;
	int line;
};

struct sess_bp {
	int id;
	enum cdbg_break_kind kind;
	unsigned flags;
	char *function, *file, *expr;
	int line;
	uint64_t addr; /* address spec; watchpoints: the address watched */
	unsigned len;  /* watchpoints */
	bool found;    /* watchpoints: addr/len known */
	bool given;    /* ... given by the front-end for the process held now */
	struct cdbg_eval_env env;
	bool has_env;
	char *cond;
	pid_t thread;   /* thread-specific: stop only in this thread (0: every one) */
	int catch_kind; /* CDBG_BREAK_CATCH (catch.c) */
	unsigned ignore;
	bool enabled;
	enum cdbg_break_disp disp;
	int enable_count;
	unsigned long hits; /* of locations that are gone; a watchpoint's: its reported stops */
	bool resolved;      /* its locations belong to the process held now */
	void *user;
	char *error;
	struct sess_loc *locs;
	int nlocs;
	struct sess_bp *next;
};

struct sess {
	struct sess_bp *list; /* by id, ascending */
	int next_id;
	char *file_seen; /* the program's file when the locations were last found (in it or in a
			  * process of it): another one, and they are found again in it */
};

/* The handle's last failure, kept across work done from a hook (whatever the session met
 * there must not replace what the caller's call reports). */
struct saved_err {
	int code;
	uint64_t addr;
	char msg[CDBG_ERRMSG_MAX];
};

/* session.c */
struct sess *sess_of(cdbg_proc *p);
void sess_err_save(cdbg_proc *p, struct saved_err *e);
void sess_err_restore(cdbg_proc *p, const struct saved_err *e);
bool sess_is_watch(enum cdbg_break_kind k);
/* Hits of l counted by the layer below while it is inserted. */
unsigned long sess_loc_live_hits(cdbg_proc *p, const struct sess_loc *l);
/* A location of b inserted now (its id in the layer below), 0 if none. */
int sess_live_loc(const struct sess_bp *b);
bool sess_is_pending(const struct sess_bp *b);
/* With only a file or core held: find the locations again when the file changed. */
void sess_refresh(cdbg_proc *p, struct sess *s);
/* Breakpoint id, or NULL with *r set to the failure (what: what the caller was doing). */
struct sess_bp *sess_bp_get(cdbg_proc *p, int id, const char *what, int *r);

#endif
