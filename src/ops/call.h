/*
 * call.h - what ops/call.c (running a call) and ops/calltyped.c (typing it from the debug
 * information) share.
 *
 * Owns: nothing outside these two files. Must not: be included by other layers.
 */
#ifndef CDBG_OPS_CALL_H
#define CDBG_OPS_CALL_H

#include "arch/arch.h"
#include "cdbg.h"

/* cdbg_call, with regs (not NULL) giving the registers and stack arguments instead of c's
 * args, fargs and data, and getting the result registers back. */
int call_run(cdbg_proc *p, pid_t tid, struct cdbg_call *c, struct arch_call_regs *regs);

#endif
