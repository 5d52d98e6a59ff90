/*
 * catch.h - what ops/catch.c (catchpoints) and ops/session.c (logical breakpoints) share.
 *
 * Owns: nothing. Must not: be included outside src/ops/.
 */
#ifndef CDBG_OPS_CATCH_H
#define CDBG_OPS_CATCH_H

#include "target/target.h"

/* catch.c: is a CDBG_BREAK_CATCH spec well formed? 0, or a failure with gdb's sentence. */
int catch_check(cdbg_proc *p, const struct cdbg_break_spec *sp);
/* The function a catchpoint of this kind has its locations at (C++ exceptions), or NULL. */
const char *catch_function(int catch_kind);
/* Tell the target what the enabled catchpoints want stopped (after any change to them). */
void catch_sync(cdbg_proc *p);

/* session.c: count a hit of catchpoint id, which has no locations: 1 when it stops, 0 when its
 * ignore count took it. */
int sess_catch_count(cdbg_proc *p, int id);

#endif /* CDBG_OPS_CATCH_H */
