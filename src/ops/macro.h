/*
 * macro.h - what ops/macro.c gives the rest of ops: the macro expansion of an expression's
 * text before it is compiled (eval.c, cond.c).
 *
 * Owns: nothing. Must not: be included outside src/ops/.
 */
#ifndef CDBG_OPS_MACRO_H
#define CDBG_OPS_MACRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cdbg.h"

/* src with the macros in scope at pc (have_pc; else at cdbg_macro_set_default's place)
 * expanded, as gdb's C parser expands them: 0 with *out NULL when src names no macro, 0 with
 * *out (free it), or -1 with gdb's message in err. */
int macro_expand_at(cdbg_proc *p, bool have_pc, uint64_t pc, const char *src, char **out, char *err,
		    size_t errlen);

#endif
