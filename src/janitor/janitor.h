/*
 * janitor.h - what the rest of libcdbg tells the janitor: the hooks that keep its journal
 * current (journal.c) and the process that undoes cdbg's changes if cdbg dies (janitor.c).
 *
 * Every hook is cheap when there is nothing to do, never fails the caller, and does nothing for
 * a launched program (PTRACE_O_EXITKILL: it dies with cdbg by design). The first hook that
 * records a change to an attached program's bytes starts the janitor (lazily: a plain attach
 * and detach starts none).
 */
#ifndef CDBG_JANITOR_H
#define CDBG_JANITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct cdbg_proc cdbg_proc;
struct thread;
struct jr_header;

/* Before cdbg writes over len bytes at addr whose program bytes are orig (int3: a breakpoint's
 * int3, whose SIGTRAP is ours). Called again for the same addr, it updates orig. */
void janitor_bytes(cdbg_proc *p, uint64_t addr, const void *orig, size_t len, bool int3);
/* After the program's bytes at addr are back. */
void janitor_bytes_done(cdbg_proc *p, uint64_t addr, bool int3);
/* An out-of-line copy at slot of the len-byte instruction at orig exists / is given back. */
void janitor_slot(cdbg_proc *p, uint64_t slot, uint64_t orig, unsigned len);
void janitor_slot_done(cdbg_proc *p, uint64_t slot);
/* Before mapping size bytes of scratch memory at base; after it is unmapped (or the mapping
 * failed). */
void janitor_scratch(cdbg_proc *p, uint64_t base, size_t size);
void janitor_scratch_done(cdbg_proc *p, uint64_t base);
/* Before cdbg arms a debug register. */
void janitor_dr7(cdbg_proc *p);
/* The program's memory was restored or is gone (detach, exec, exit): drop every record. */
void janitor_forget(cdbg_proc *p);
/* cdbg let the program go cleanly (detach, kill): the janitor exits. Also at cdbg_free. */
void janitor_release(cdbg_proc *p);

/* Before cdbg installs its SIGTRAP parachute at handler in the program, replacing the
 * program's own action orig (the kernel's struct sigaction, 32 bytes). */
void janitor_parachute(cdbg_proc *p, uint64_t handler, const void *orig);

/* The janitor's pid for this handle, 0 when none runs (tests). */
pid_t cdbg__janitor_pid(cdbg_proc *p);

/* janitor.c: fork the janitor process (double fork, so it is not our child) for the program
 * in jr, watching rfd (the read end of a pipe whose write end only cdbg holds). Returns its
 * pid or -errno. log: a file for a trace of what the janitor does (CDBG_JANITOR_LOG), or NULL. */
pid_t janitor_spawn(struct jr_header *jr, int rfd, int wfd, const char *log);

#endif /* CDBG_JANITOR_H */
