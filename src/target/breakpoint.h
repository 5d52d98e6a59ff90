/*
 * breakpoint.h - breakpoints, int3 sites, out-of-line slots, debug registers and the
 * parachute: their state (struct bp_state, in struct cdbg_proc) and what breakpoint.c and
 * target/parachute.c offer the loop and the layers above.
 *
 * The sites are one layer with the loop (target/target.h says why): the loop reads the sites
 * and slots directly and calls bp_* at each stop; bp_* call the loop's requests (loop_*). Owns:
 * the layout of the breakpoint state. Must not: include a header above target/ (symbols,
 * values, expr): a condition is a predicate installed from above (ops/cond.c).
 */
#ifndef CDBG_BREAKPOINT_H
#define CDBG_BREAKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cdbg.h"

struct thread;
struct arch_gpr;

/* A breakpoint's condition, as the layer that compiled it evaluates it (ops/cond.c): 1 when it
 * holds in thread t (registers fetched), 0 when not, -1 when it cannot tell (why in msg). */
typedef int (*bp_cond_fn)(void *ctx, cdbg_proc *p, struct thread *t, char *msg, size_t len);

/* One int3 location; several user breakpoints may share it. */
struct bp_site {
	uint64_t addr;        /* where the int3 goes */
	unsigned char orig;   /* the program's byte under it */
	bool inserted;        /* the int3 is in memory */
	uint64_t slot;        /* out-of-line copy of the instruction, 0: step it in place */
	unsigned insn_len;    /* length of the instruction at addr, 0 if unknown */
	int users;            /* enabled software breakpoints here */
	bool slot_stale;      /* the program's bytes changed: rebuild the copy before use */
	uint32_t para;        /* its entry in the parachute's int3 table + 1, 0 if none */
	struct bp_site *next; /* hash chain */
};

/* Whose a breakpoint is (delve's Breaklet.Kind): what its hits mean and whether the user sees
 * it. cdbg_bp_list lists BP_ROLE_USER only. */
enum bp_role {
	BP_ROLE_USER, /* the user's (cdbg_bp_insert, cdbg_bp_insert_hw): listed, numbered 1, 2, ... */
	BP_ROLE_STEP,  /* a step's (bp_insert_internal): counts for one thread and frame only */
	BP_ROLE_SOLIB, /* on the dynamic linker's r_brk (bp_insert_solib): hits are
			  CDBG_EV_LIBRARIES (cdbg_libraries_report) */
};

/* An ignore count several breakpoints share (bp_share_ignore): the locations of one logical
 * breakpoint (ops/session.c), whose hits gdb ignores over the whole breakpoint. */
struct bp_ignore_share {
	unsigned count; /* hits still to ignore, over every breakpoint sharing it */
	int refs;       /* breakpoints sharing it */
};

/* One breakpoint or watchpoint. */
struct bp {
	int id;                 /* user-visible number, > 0 */
	enum cdbg_bp_kind kind; /* software, hardware execute, or watchpoint */
	int watch;              /* CDBG_WATCH_* for hardware kinds */
	uint64_t addr;          /* breakpoint address or watched address */
	unsigned len;           /* watched bytes */
	bool enabled;
	bool temporary;                 /* delete after the first reported hit */
	bool notice;                    /* hits are reported as notices: the thread runs on */
	enum bp_role role;              /* whose it is: the user's, a step's, the library watch's */
	uint64_t r_state;               /* solib: address of r_debug.r_state (report only when it is
				   * RT_CONSISTENT), 0 if unknown (report every hit) */
	unsigned long hits;             /* hits that counted */
	unsigned ignore;                /* hits still to ignore (unless shared) */
	struct bp_ignore_share *shared; /* the ignore count shared with others, NULL: ignore */
	char *cond_src;                 /* condition text, NULL if none */
	bool cond_calls;                /* the condition calls a function: decided all-stopped */
	char *cond_err;                 /* why the condition could not be evaluated at the last hit
					 * that failed (the whole event message), NULL if none */
	bp_cond_fn cond_holds;          /* the condition, NULL if none (bp_set_condition) */
	void (*cond_free)(void *ctx);
	void *cond_ctx;  /* what cond_holds and cond_free get */
	int hw_slot;     /* debug register index, -1 when not in one */
	bool soft;       /* a software watchpoint: no debug register, compared after each step */
	uint64_t value;  /* watchpoints: the watched bytes as last seen */
	pid_t thread;    /* counts only in this thread (cdbg_bp_thread), 0: every thread, -1:
			  * its thread exited (it never counts again) */
	pid_t only_tid;  /* BP_ROLE_STEP: counts only for this thread */
	uint64_t min_sp; /* BP_ROLE_STEP: counts only with the stack pointer >= this (the
				   * frame it waits for, not a deeper one passing by) */
	struct bp *next; /* list in id order */
};

/* A chunk of executable memory cdbg mapped in the tracee for out-of-line copies. */
struct scratch {
	uint64_t base;   /* start address in the tracee */
	size_t size;     /* bytes */
	size_t used;     /* bytes handed out (bump allocation) */
	size_t reserved; /* bytes at the end that are not for slots (the parachute) */
};

/* The parachute (parachute.c, arch/x86_64/parachute.h): cdbg's SIGTRAP handler in an attached
 * program, at the end of its first scratch area, with its table of cdbg's int3s. */
struct para_state {
	uint64_t base;    /* where it is in the program, 0 if none */
	uint64_t orig[4]; /* the program's own SIGTRAP action (kernel struct sigaction) */
	uint32_t nint3;   /* int3 table entries used (high-water mark) */
	uint32_t *free;   /* entries given back, reused first */
	uint32_t nfree, allocfree;
	unsigned nmoribund; /* moribund ring entries written */
	unsigned nscratch;  /* scratch ranges written */
	bool full;          /* the int3 table overflowed (warned once) */
	bool failed;        /* could not be installed: not tried again for this program */
};

/* Ids of BP_ROLE_STEP breakpoints start above this: they are not the user's numbering. */
#define BP_INTERNAL_BASE (1 << 30)
#define BP_HASH 1024
#define BP_MORIBUND 64

struct bp_state {
	struct bp *list;                /* every breakpoint, by id */
	int next_id;                    /* next id to give */
	int next_internal;              /* internal ones get BP_INTERNAL_BASE + 1, + 2, ... */
	struct bp_site *sites[BP_HASH]; /* int3 locations by address */
	uint64_t lo, hi; /* every site's address is in [lo, hi] (a bound kept as sites go: reads
			  * of data far from code skip the filter) */
	size_t nsites;   /* sites allocated */
	struct scratch *scratch; /* scratch areas */
	size_t nscratch;
	uint64_t *free_slots; /* slots given back, reused first */
	size_t nfree, allocfree;
	struct bp *hw[4]; /* debug register owners */
	uint64_t dr7;     /* the DR7 value every thread gets */
	unsigned nsoft;   /* enabled software watchpoints: every thread runs single-stepped */
	uint64_t moribund[BP_MORIBUND]; /* recently removed sites: late traps are ours */
	unsigned nmoribund;
	bool vfork_out;         /* breakpoints lifted while a vfork child runs */
	bool no_displaced;      /* set displaced-stepping off: every step over an int3 in place */
	struct para_state para; /* the parachute (parachute.c) */
};

/* What to do with a thread that trapped on a breakpoint. */
enum bp_action {
	BP_RESUME,
	BP_STOP,
	BP_NOTICE, /* report without stopping anyone */
	BP_HOLD,   /* a condition calls a function: decide once every thread is held */
};

/* memview.c: the program's view of its memory (int3s hidden), above target/memory.c. */
void bp_filter_read(cdbg_proc *p, uint64_t addr, unsigned char *buf, size_t len);
void bp_filter_write(cdbg_proc *p, uint64_t addr, unsigned char *buf, size_t len);
ssize_t mem_read_quiet(cdbg_proc *p, uint64_t addr, void *buf, size_t len);

/* slots.c */
/* Build (or rebuild) the out-of-line copy of site s's instruction; without one s->slot is 0. */
void bp_site_build_slot(cdbg_proc *p, struct bp_site *s);
/* A slot no longer used, for reuse. */
void bp_slot_give_back(cdbg_proc *p, uint64_t slot);

/* breakpoint.c */
/* Every byte cdbg writes into the program's code is written here: int3s and the bytes under
 * them, an in-place step over an int3, code borrowed for a system call. */
int bp_site_step_begin(cdbg_proc *p, struct bp_site *s);
void bp_site_step_end(cdbg_proc *p, struct bp_site *s);
int bp_code_borrow(cdbg_proc *p, uint64_t at, const unsigned char *insn, unsigned char *saved,
		   size_t len);
void bp_code_return(cdbg_proc *p, uint64_t at, const unsigned char *saved, size_t len);
struct bp_site *bp_site_at(cdbg_proc *p, uint64_t addr);
/* The site table itself, bookkeeping without the program's bytes (bp_site_at, site_use and
 * bp_drop_memory go through these; tests/unit/test_bp_sites.c drives them without a tracee). */
struct bp_site *bp_sites_find(const struct bp_state *st, uint64_t addr);
/* A new site at addr, over the program's byte orig, with no user; addr has none yet. NULL:
 * out of memory. */
struct bp_site *bp_sites_add(struct bp_state *st, uint64_t addr, unsigned char orig);
/* One more breakpoint uses s: true when it is the first (the int3 is to go in). */
bool bp_sites_hold(struct bp_site *s);
/* One breakpoint less uses s: true when none is left (the byte is to go back, then s out of
 * the table with bp_sites_unlink). */
bool bp_sites_release(struct bp_site *s);
/* Site s out of the table (the caller frees it), its address into the moribund ring. */
void bp_sites_unlink(struct bp_state *st, struct bp_site *s);
/* Was a site at addr among the last BP_MORIBUND unlinked (a late trap there is ours)? */
bool bp_sites_moribund(const struct bp_state *st, uint64_t addr);
/* Every site freed, the moribund ring emptied (the program's memory is gone). */
void bp_sites_clear(struct bp_state *st);
struct bp *bp_by_id(cdbg_proc *p, int id);
struct bp_site *bp_slot_site(cdbg_proc *p, uint64_t pc);
uint64_t bp_site_slot(cdbg_proc *p, struct bp_site *s);
bool bp_any_slots(cdbg_proc *p);
bool bp_is_moribund(cdbg_proc *p, uint64_t addr);
enum bp_action bp_decide(cdbg_proc *p, struct thread *t, uint64_t addr, struct cdbg_event *ev);
/* The same for a thread back at addr from a signal handler run from the breakpoint it hit
 * there (the same hit going on): only a step's internal breakpoint counts, the step having let
 * the handler run to this point (ops/step.c). */
enum bp_action bp_decide_returned(cdbg_proc *p, struct thread *t, uint64_t addr,
				  struct cdbg_event *ev);
enum bp_action bp_decide_soft(cdbg_proc *p, struct thread *t, struct cdbg_event *ev);
enum bp_action bp_decide_hw(cdbg_proc *p, struct thread *t, int slot, struct cdbg_event *ev);
void bp_after_report(cdbg_proc *p, int id);
/* A breakpoint for stepping (step.c): BP_ROLE_STEP, not listed, with an id above
 * BP_INTERNAL_BASE (remove it with cdbg_bp_remove), and its hits count only for thread tid with
 * a stack pointer >= min_sp; other threads pass it without any stop. Returns the id or a
 * failure. */
int bp_insert_internal(cdbg_proc *p, uint64_t addr, pid_t tid, uint64_t min_sp);
/* A step left stopped thread tid on a breakpoint's address: does the breakpoint count there
 * (condition, ignore count, as a hit)? 1 with *ev filled as its CDBG_EV_BREAKPOINT (gdb reports
 * a step that arrives at a breakpoint as a hit of it), else 0. */
int bp_stepped_onto(cdbg_proc *p, pid_t tid, struct cdbg_event *ev);
/* The debug-register slot of an enabled hardware (execute) breakpoint at addr, or -1. */
int bp_hw_exec_at(cdbg_proc *p, uint64_t addr);
bool bp_still_there(cdbg_proc *p, int id);
/* Breakpoint id ignores hits with breakpoint with's count from now on: one count for both,
 * decremented by the counted hits of either (its own count is dropped); cdbg_bp_ignore on
 * either sets it, cdbg_bp_info on either reports it. The session gives every location of one
 * logical breakpoint the same count so, as in gdb, `ignore 1 5` skips five hits of the
 * breakpoint wherever they happen, still decided at the trap. Returns 0, CDBG_ENOBP or
 * -ENOMEM. */
int bp_share_ignore(cdbg_proc *p, int id, int with);
/* Thread tid exited: the breakpoints specific to it never count again. */
void bp_thread_gone(cdbg_proc *p, pid_t tid);
/* cdbg_bp_condition (ops/cond.c) through these: bp_check before compiling, then install. */
int bp_check(cdbg_proc *p, int id, const char *what);
/* Breakpoint id's condition calls functions in the program: its hits are decided only once
 * every thread is held (bp_decide says BP_HOLD before that). */
void bp_condition_calls(cdbg_proc *p, int id, bool calls);
int bp_set_condition(cdbg_proc *p, int id, const char *src, bp_cond_fn holds,
		     void (*free_ctx)(void *ctx), void *ctx);
int bp_lift_all(cdbg_proc *p, bool lift);
void bp_clean_child(cdbg_proc *p, pid_t child);
void bp_forget_all(cdbg_proc *p);
/* Forget breakpoint id after its address space went (exec, exit: bp_drop_memory took its site
 * and debug register away), without touching the program. Returns 0, CDBG_ENOBP, or
 * CDBG_EBADSTATE when it still has a site or a debug register (use cdbg_bp_remove). */
int bp_forget(cdbg_proc *p, int id);
void bp_drop_memory(cdbg_proc *p);
/* The library-internal breakpoint on the dynamic linker's r_brk at addr (r_state: address of
 * r_debug.r_state, 0 if unknown), replacing any earlier one. Returns its id or a failure. */
int bp_insert_solib(cdbg_proc *p, uint64_t addr, uint64_t r_state);
/* Is breakpoint id that one? */
bool bp_is_solib(cdbg_proc *p, int id);
/* The ids of the breakpoints of role `role`, as cdbg_bp_list gives the user's. */
int bp_list(cdbg_proc *p, enum bp_role role, int *ids, size_t max);
/* Lift (on false) or put back that breakpoint: a call in the tracee runs without it, so that a
 * dlopen in the called function does not end the call (the change is seen at the next listing
 * of the modules). */
void bp_solib_enable(cdbg_proc *p, bool on);
size_t bp_scratch_areas(cdbg_proc *p, uint64_t *base, size_t *size, size_t max);

/* parachute.c: cdbg's SIGTRAP handler in an attached program (arch/x86_64/parachute.h says
 * why). Made with the program's first scratch area (whose last PARA_SIZE bytes it takes),
 * never in a launched program; every call is a no-op when there is none. */
/* The first scratch area [area, area + size) was just mapped: copy the handler and its table
 * into its end, install it as the SIGTRAP action. Returns the bytes it took at the end. */
size_t bp_parachute_make(cdbg_proc *p, uint64_t area, size_t size);
/* A later scratch area: the handler lets a thread whose pc cdbg moved there run on. */
void bp_parachute_scratch(cdbg_proc *p, uint64_t area, size_t size);
/* Site s is about to get its int3 or its program byte changed: listed in the table (before
 * the int3 is written) unless the program's own byte there is an int3 (a trap there is the
 * program's either way). */
void bp_parachute_track(cdbg_proc *p, struct bp_site *s);
/* Site s is gone, its byte back: out of the table, into the moribund ring. */
void bp_parachute_untrack(cdbg_proc *p, struct bp_site *s);
/* Is pc in the handler's code (a thread runs a SIGTRAP of the program's own cdbg passed on)? */
bool bp_parachute_at(cdbg_proc *p, uint64_t pc);
/* A clean detach, before the scratch areas are unmapped: the program's action back, unless
 * the program has set one of its own meanwhile. */
void bp_parachute_remove(cdbg_proc *p);
/* The program's memory is gone or given back (bp_drop_memory): forget the parachute. */
void bp_parachute_forget(cdbg_proc *p);
/* Thread tid's registers and signal mask are about to be replaced (a system call or a function
 * run in it): written first into the parachute's table, so that if cdbg dies meanwhile the
 * thread gets them back when it reaches the trap those end at. tid 0: done, forget them. */
void bp_parachute_inflight(cdbg_proc *p, pid_t tid, const struct arch_gpr *g, uint64_t mask);
/* A fork child inherits the handler (and the scratch memory it lives in): before that memory
 * is unmapped in the child, give it its SIGTRAP action back. run(ctx, nr, args, &ret) runs a
 * system call in the stopped child; buf is the address of 64 writable bytes in the child (below
 * its stack pointer's red zone: sp - 128 - 64, 16-aligned). Returns 0 or -errno. */
typedef int (*bp_child_syscall_fn)(void *ctx, long nr, const uint64_t args[6], uint64_t *ret);
int bp_parachute_clean_child(cdbg_proc *p, pid_t child, uint64_t buf, bp_child_syscall_fn run,
			     void *ctx);
/* breakpoint.c: a scratch area near `near` (made if needed); its base. */
int bp_scratch_any(cdbg_proc *p, uint64_t near, uint64_t *base);

#endif /* CDBG_BREAKPOINT_H */
