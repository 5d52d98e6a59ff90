/*
 * loop.h - private to the event loop's files in src/target/ (ptrace.c, waitq.c, event.c,
 * trap.c, allstop.c, attach.c, launch.c, detach.c, inject.c, handle.c): how they reach one
 * another.
 *
 * Owns: the loop's internal prototypes (loop_pt, the event queue, dispatch, all-stop).
 * Must not: be included outside src/target/ (the layers above use what target/target.h
 * declares; only this directory calls ptrace and waitpid).
 */
#ifndef CDBG_LOOP_H
#define CDBG_LOOP_H

#include "target/target.h"

#define TRACE_OPTS                                                                                 \
	(PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |     \
	 PTRACE_O_TRACEEXIT | PTRACE_O_TRACEVFORKDONE | PTRACE_O_TRACESYSGOOD)

/* attach.c: the handle this thread holds a process with: the kernel routes a thread's tracees'
 * events to any wait for all children it makes, so one thread can drive one process at a time. */
extern __thread cdbg_proc *loop_owned_live;

/* ptrace.c */
long loop_pt(cdbg_proc *p, int req, pid_t tid, void *addr, void *data);
pid_t loop_wait_any(int *status, int flags);

/* waitq.c */
void loop_evq_push(cdbg_proc *p, enum cdbg_event_kind kind, pid_t tid,
		   const struct cdbg_event *tmpl);
void loop_evq_purge_stale(cdbg_proc *p);
bool loop_evq_has_stop(const cdbg_proc *p);
int loop_evpipe_fd(cdbg_proc *p);
void loop_evpipe_close(cdbg_proc *p);
void loop_evpipe_drain(cdbg_proc *p);
void loop_evpipe_poke(cdbg_proc *p);
long loop_now_ms(void);

/* event.c */
void loop_next_event(cdbg_proc *p, pid_t tid, int status, struct raw_event *ev);
void loop_forks_detach(cdbg_proc *p, pid_t pid, bool shares_mm);
void loop_forks_drop(cdbg_proc *p, struct fork_child *f);
struct fork_child *loop_forks_find(cdbg_proc *p, pid_t pid);
void loop_scratch_clean_child(cdbg_proc *p, pid_t pid);

/* follow.c */
void loop_follow_child(cdbg_proc *p);

/* detach.c */
void loop_let_go(cdbg_proc *p);
bool loop_dispatch_event(cdbg_proc *p, const struct raw_event *ev, bool stopping);

/* trap.c */
int loop_hw_slot_fired(cdbg_proc *p, struct thread *t);
bool loop_on_hw_trap(cdbg_proc *p, struct thread *t, int slot, bool stopping);
bool loop_on_signal(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping);

/* syscall.c */
bool loop_on_syscall(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping);
void loop_syscall_info(cdbg_proc *p, pid_t tid, struct raw_event *ev);
/* Does an event of this kind stop the process (the caller's mask or a catchpoint's)? */
static inline bool loop_stops(const cdbg_proc *p, enum cdbg_event_kind kind)
{
	return ((p->stop_mask | p->catches.events) & (1u << kind)) != 0;
}

/* allstop.c */
bool loop_bp_return_take(cdbg_proc *p, uint64_t addr, uint64_t sp);
void loop_interrupt_one(cdbg_proc *p, struct thread *t);
void loop_resume_one(cdbg_proc *p, struct thread *t);
void loop_stopped_or_resume(cdbg_proc *p, struct thread *t, enum stop_kind sk, bool stopping);
bool loop_quiet_begin(cdbg_proc *p, struct thread *t, uint64_t *saved);
void loop_quiet_end(cdbg_proc *p, struct thread *t, bool quiet, const uint64_t *saved);
int loop_step_raw(cdbg_proc *p, struct thread *t);
void loop_resume_all(cdbg_proc *p);
int loop_gather_stops(cdbg_proc *p);
bool loop_resume_vfork_held(cdbg_proc *p);
int loop_stop_all(cdbg_proc *p);
/* trap.c: the threads held at a breakpoint whose condition calls functions (the process now
 * all-stopped): decide their hits, queueing the stops. */
void loop_decide_held(cdbg_proc *p);
/* How a thread leaves an out-of-line copy (loop_leave_slot says what differs). */
enum slot_exit { SLOT_EXIT_STOP, SLOT_EXIT_DETACH, SLOT_EXIT_SIGNAL };
void loop_leave_slot(cdbg_proc *p, struct thread *t, enum slot_exit how);

/* attach.c */
void loop_handle_reset(cdbg_proc *p);
int loop_take_ownership(cdbg_proc *p, const char *what);

/* inject.c */
void loop_apply_debugregs_one(cdbg_proc *p, struct thread *t);

#endif /* CDBG_LOOP_H */
