/*
 * journal.h - the journal cdbg keeps for its janitor: every byte cdbg changed in the program,
 * in memory shared (MAP_SHARED) between cdbg and the janitor process it forked.
 *
 * Owns: the layout both sides read. cdbg writes it (journal.c, owner thread only); the janitor
 * (janitor.c) reads it only once cdbg is dead or has marked it clean, so no lock is needed:
 * a dead process's stores are in memory, and each record is published by storing its kind
 * last (release), withdrawn by clearing its kind first.
 *
 * Write-ahead: a record is made before the program changes and dropped after it is restored,
 * so the journal always names a superset of what must be undone (undoing an unchanged byte
 * writes the byte that is there already).
 */
#ifndef CDBG_JANITOR_JOURNAL_H
#define CDBG_JANITOR_JOURNAL_H

#include <stdint.h>

#define JR_MAGIC 0x6a726e6cu /* "jrnl" */
#define JR_MAX_BYTES 16      /* longest original byte run one record keeps */
#define JR_MORIBUND 64       /* recently restored int3 addresses: late SIGTRAPs are ours */

/* The journal's life, in jr_header.state. */
enum jr_state {
	JR_ACTIVE = 1, /* cdbg holds the program: on cdbg's death, the janitor cleans up */
	JR_CLEAN = 2,  /* cdbg let go (detach, kill, exit): the janitor just exits */
};

/* What one record says. 0 = free slot. */
enum jr_kind {
	JR_FREE = 0,
	JR_BYTES = 1,   /* len bytes at addr were orig before cdbg wrote there (int3, patch) */
	JR_INT3 = 2,    /* as JR_BYTES, and it is an int3 of a breakpoint: a SIGTRAP from
			 * addr + 1 is ours */
	JR_SLOT = 3,    /* an out-of-line copy at addr of the instruction at orig_addr, len long */
	JR_SCRATCH = 4, /* a scratch mapping cdbg made at addr, size bytes; starts with syscall */
};

struct jr_record {
	uint32_t kind; /* enum jr_kind; stored last when made, cleared first */
	uint32_t len;  /* JR_BYTES/JR_INT3: bytes in orig; JR_SLOT: instruction length */
	uint64_t seq;  /* creation order: bytes are restored newest first */
	uint64_t addr; /* where the bytes, the slot or the mapping are */
	uint64_t aux;  /* JR_SLOT: the original instruction's address; JR_SCRATCH: size */
	uint8_t orig[JR_MAX_BYTES]; /* the program's bytes */
};

struct jr_header {
	uint32_t magic;                 /* JR_MAGIC */
	uint32_t state;                 /* enum jr_state */
	int32_t pid;                    /* the program (thread-group id) */
	int32_t janitor;                /* the janitor's pid, 0 before it started */
	uint32_t nrec;                  /* records in use or freed below this index */
	uint32_t cap;                   /* records the area holds */
	uint32_t dr7;                   /* cdbg armed debug registers: clear DR7 on every thread */
	uint32_t overflow;              /* a record did not fit: the janitor does what it can */
	uint64_t next_seq;              /* for jr_record.seq */
	uint64_t moribund[JR_MORIBUND]; /* ring of restored int3 addresses */
	uint32_t nmoribund;             /* total pushed (ring index = n % JR_MORIBUND) */
	uint32_t pad;
	uint64_t para;          /* cdbg's SIGTRAP handler (parachute.c) in the program, or 0 */
	uint64_t para_orig[4];  /* the program's own SIGTRAP action (kernel struct sigaction),
				    * to put back when the current one is still para */
	struct jr_record rec[]; /* cap records */
};

#endif /* CDBG_JANITOR_JOURNAL_H */
