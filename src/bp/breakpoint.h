/*
 * breakpoint.h - breakpoint state shared by breakpoint.c (bookkeeping) and loop.c (the stops).
 */
#ifndef CDBG_BREAKPOINT_H
#define CDBG_BREAKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cdbg.h"

struct thread;

/* A breakpoint's condition, as the layer that compiled it evaluates it (ops/cond.c): 1 when it
 * holds in thread t (registers fetched), 0 when not, -1 when it cannot tell (why in msg). */
typedef int (*bp_cond_fn)(void *ctx, cdbg_proc *p, struct thread *t, char *msg, size_t len);

/* One int3 location; several user breakpoints may share it. */
struct bp_site {
	uint64_t addr;          /* where the int3 goes */
	unsigned char orig;     /* the program's byte under it */
	bool inserted;          /* the int3 is in memory */
	uint64_t slot;          /* out-of-line copy of the instruction, 0: step it in place */
	unsigned insn_len;      /* length of the instruction at addr, 0 if unknown */
	int users;              /* enabled software breakpoints here */
	bool slot_stale;        /* the program's bytes changed: rebuild the copy before use */
	uint32_t para;          /* its entry in the parachute's int3 table + 1, 0 if none */
	struct bp_site *next;   /* hash chain */
};

/* One user breakpoint or watchpoint. */
struct bp {
	int id;                   /* user-visible number, > 0 */
	enum cdbg_bp_kind kind;   /* software, hardware execute, or watchpoint */
	int watch;                /* CDBG_WATCH_* for hardware kinds */
	uint64_t addr;            /* breakpoint address or watched address */
	unsigned len;             /* watched bytes */
	bool enabled;
	bool temporary;           /* delete after the first reported hit */
	bool notice;              /* hits are reported as notices: the thread runs on */
	bool solib;               /* library-internal, on the dynamic linker's r_brk: hits are
				   * CDBG_EV_LIBRARIES; not listed (cdbg_watch_libraries) */
	uint64_t r_state;         /* solib: address of r_debug.r_state (report only when it is
				   * RT_CONSISTENT), 0 if unknown (report every hit) */
	unsigned long hits;       /* hits that counted */
	unsigned ignore;          /* hits still to ignore */
	char *cond_src;           /* condition text, NULL if none */
	bp_cond_fn cond_holds;    /* the condition, NULL if none (bp_set_condition) */
	void (*cond_free)(void *ctx);
	void *cond_ctx;           /* what cond_holds and cond_free get */
	int hw_slot;              /* debug register index, -1 when not in one */
	uint64_t value;           /* watchpoints: the watched bytes as last seen */
	pid_t only_tid;           /* internal (id > BP_INTERNAL_BASE): counts only for this
				   * thread */
	uint64_t min_sp;          /* internal: counts only with the stack pointer >= this (the
				   * frame it waits for, not a deeper one passing by) */
	struct bp *next;          /* list in id order */
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
	uint64_t base;          /* where it is in the program, 0 if none */
	uint64_t orig[4];       /* the program's own SIGTRAP action (kernel struct sigaction) */
	uint32_t nint3;         /* int3 table entries used (high-water mark) */
	uint32_t *free;         /* entries given back, reused first */
	uint32_t nfree, allocfree;
	unsigned nmoribund;     /* moribund ring entries written */
	unsigned nscratch;      /* scratch ranges written */
	bool full;              /* the int3 table overflowed (warned once) */
	bool failed;            /* could not be installed: not tried again for this program */
};

/* Ids above this are internal breakpoints (stepping): not listed, not the user's numbering. */
#define BP_INTERNAL_BASE (1 << 30)
#define BP_HASH 1024
#define BP_MORIBUND 64

struct bp_state {
	struct bp *list;                 /* every breakpoint, by id */
	int next_id;                     /* next id to give */
	int next_internal;               /* internal ones get BP_INTERNAL_BASE + 1, + 2, ... */
	struct bp_site *sites[BP_HASH];  /* int3 locations by address */
	size_t nsites;                   /* sites allocated */
	struct scratch *scratch;         /* scratch areas */
	size_t nscratch;
	uint64_t *free_slots;            /* slots given back, reused first */
	size_t nfree, allocfree;
	struct bp *hw[4];                /* debug register owners */
	uint64_t dr7;                    /* the DR7 value every thread gets */
	uint64_t moribund[BP_MORIBUND];  /* recently removed sites: late traps are ours */
	unsigned nmoribund;
	bool vfork_out;                  /* breakpoints lifted while a vfork child runs */
	struct para_state para;          /* the parachute (parachute.c) */
};

/* What to do with a thread that trapped on a breakpoint. */
enum bp_action { BP_RESUME, BP_STOP, BP_NOTICE /* report without stopping anyone */ };

#endif
