/*
 * watchexpr.h - what ops/eval.c, ops/watchexpr.c and ops/session.c share for watchpoints on
 * expressions.
 *
 * Owns: nothing outside these files. Must not: be included by other layers.
 */
#ifndef CDBG_OPS_WATCHEXPR_H
#define CDBG_OPS_WATCHEXPR_H

#include "cdbg.h"

/* cdbg_eval_frame, telling seen (when not NULL) of each read of the program's memory. */
int eval_frame_seen(cdbg_proc *p, pid_t tid, int frame, const char *src,
		    const struct cdbg_eval_env *env, struct cdbg_value *out,
		    void (*seen)(void *data, uint64_t addr, size_t len), void *seen_data);

/* The pieces a debug register can watch (aligned, 1, 2, 4 or 8 bytes) that cover ranges r
 * (n of them): fills up to max addrs and lens, returns how many it takes. */
int watch_pieces(const struct cdbg_watch_range *r, int n, uint64_t *addrs, unsigned *lens, int max);

/* A watchpoint's memory: the places expr reads in frame 0 of the process's first thread, in
 * pieces (watch_pieces). How many (at least one), or a failure. */
int watch_locate(cdbg_proc *p, const char *expr, const struct cdbg_eval_env *env, uint64_t *addrs,
		 unsigned *lens, int max);

#endif
