/*
 * call.h - what ops/call.c (running a call) and ops/calltyped.c (typing it from the debug
 * information) share.
 *
 * Owns: nothing outside these two files (and framepop.c's use of call_describe). Must not: be
 * included by other layers.
 */
#ifndef CDBG_OPS_CALL_H
#define CDBG_OPS_CALL_H

#include <elfutils/libdw.h>

#include "arch/arch.h"
#include "expr/expr.h"
#include "cdbg.h"

/* cdbg_call, with regs (not NULL) giving the registers and stack arguments instead of c's
 * args, fargs and data, and getting the result registers back. */
int call_run(cdbg_proc *p, pid_t tid, struct cdbg_call *c, struct arch_call_regs *regs);

/* An object of DWARF type type as the ABI sees it (its size and scalar leaves), into *a. */
void call_describe(Dwarf_Die *type, struct arch_arg *a);

/* The calls' state per handle (CDBG__LAYER_CALL): the value area (calltyped.c) and the calls
 * stopped inside (call.c: gdb's dummy frames, innermost first). */
struct call_dummy;
struct call_area {
	uint64_t base, used;
	struct call_dummy *dummies;
};
/* The state of p, made at first use; NULL with a failure recorded. */
struct call_area *call_area_get(cdbg_proc *p);
/* The address space is gone (or the handle freed): forget the calls stopped inside. */
void call_dummies_forget(cdbg_proc *p, struct call_area *a);

/* cdbg_call_typed over the evaluator's values (args[i] unused where c->data[i] is set): out
 * EXPR_VOID and 1 for a void function. */
int call_typed(cdbg_proc *p, pid_t tid, struct cdbg_call *c, const struct expr_value *args,
	       int nargs, struct expr_value *out);

#endif
