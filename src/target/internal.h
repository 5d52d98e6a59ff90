/*
 * internal.h - the handle and thread structures shared by libcdbg's modules.
 *
 * Owns: the layout of struct cdbg_proc and struct thread, and the prototypes modules use to
 * reach one another. Must not: declare anything that calls ptrace or waitpid outside loop.c;
 * those stay behind the loop_* functions below.
 */
#ifndef CDBG_INTERNAL_H
#define CDBG_INTERNAL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cdbg.h"
#include "arch/arch.h"
#include "bp/breakpoint.h"

#define CDBG_ERRMSG_MAX 512

/* What a thread is doing, from cdbg's point of view. Changed only by thread_set_state(). */
enum thread_state {
	TS_RUNNING,  /* resumed by us (or never stopped); may report a stop at any time */
	TS_STOPPING, /* running, and an interrupt is on its way: a stop will be reported */
	TS_NEW,      /* just created by clone; its initial stop has not been reported yet */
	TS_STOPPED,  /* in a ptrace-stop, held */
	TS_EXITING,  /* passed its exit stop; its exit status will be reported, it cannot stop */
	TS_ZOMBIE,   /* a leader that called pthread_exit: neither stoppable nor resumable */
};

/* The kind of ptrace-stop a stopped thread sits in; decides how it may be resumed. */
enum stop_kind {
	SK_NONE,      /* not stopped */
	SK_INTERRUPT, /* PTRACE_EVENT_STOP from our interrupt, or the initial stop of a new thread */
	SK_GROUP,     /* PTRACE_EVENT_STOP of a job-control group-stop (SIGSTOP from someone else) */
	SK_SIGNAL,    /* signal-delivery-stop: the signal is held in pending_sig */
	SK_EVENT,     /* clone/fork/exec/exit event stop */
	SK_STEP,      /* the SIGTRAP that ends a single-step */
	SK_BREAK,     /* the SIGTRAP of a breakpoint; pc already moved back to it */
};

struct thread {
	pid_t tid;                 /* kernel thread id */
	enum thread_state state;   /* see enum thread_state */
	enum stop_kind stop;       /* which stop it sits in when TS_STOPPED */
	bool interrupt_pending;    /* we sent PTRACE_INTERRUPT and have not seen its stop yet */
	bool exit_stop;            /* stopped in PTRACE_EVENT_EXIT: resuming lets it die */
	bool unclaimed;            /* a new task whose parent's clone/fork report is still due:
				    * held, not listed, until we know whether it is a thread */
	bool untraced;             /* a zombie leader found at attach: listed, never traced */
	int pending_sig;           /* signal to deliver on resume, 0 for none */
	int exit_code;             /* wait status from PTRACE_EVENT_EXIT, if exit_stop */
	unsigned seq;              /* creation order, for listing */
	size_t idx;                /* position in thread_table.all, for O(1) removal */
	bool regs_valid;           /* regs holds the registers of the current stop */
	bool regs_dirty;           /* regs was changed and must be written back before resume */
	struct arch_gpr regs;      /* cached general-purpose registers */
	unsigned char *xstate;     /* cached extended state (NULL until read) */
	bool xstate_valid;         /* xstate holds the current stop's extended state */
	bool xstate_dirty;         /* xstate must be written back before resume */
	bool in_slot;              /* sent to run an out-of-line copy; may still be inside it */
	bool needs_inplace;        /* sits on a breakpoint without a copy: step it in place */
	bool vfork_parent;         /* stopped in its vfork event: going on waits for the child */
	bool si_valid;             /* si holds the siginfo of pending_sig */
	bool si_restore;           /* the thread moved to another stop: re-install si first */
	siginfo_t si;              /* siginfo of the signal-delivery-stop we hold it in */
};

/* The thread table: tid -> thread in O(1) (open addressing), plus a dense array to iterate. */
struct thread_table {
	struct thread **slots;  /* hash slots, capacity entries, NULL = empty, TOMB = deleted */
	size_t capacity;        /* power of two */
	size_t used;            /* live + tombstones in slots */
	struct thread **all;    /* dense array of live threads, order not meaningful */
	size_t count;           /* live threads */
	size_t alloc;           /* size of all[] */
	unsigned next_seq;      /* creation counter */
};

/* A raw kernel report turned into a record: what next_event() produces. */
enum raw_kind {
	RAW_EXITED,       /* tid exited: status = code */
	RAW_KILLED,       /* tid died of signal: status = signo */
	RAW_SIGNAL,       /* signal-delivery-stop: sig, siginfo */
	RAW_GROUP_STOP,   /* PTRACE_EVENT_STOP while the group stops: sig = stopping signal */
	RAW_INTERRUPT,    /* PTRACE_EVENT_STOP with SIGTRAP: our interrupt or a new task's start */
	RAW_CLONE,        /* PTRACE_EVENT_CLONE: msg = new tid */
	RAW_FORK,         /* PTRACE_EVENT_FORK: msg = child pid */
	RAW_VFORK,        /* PTRACE_EVENT_VFORK: msg = child pid */
	RAW_EXEC,         /* PTRACE_EVENT_EXEC: msg = former tid */
	RAW_EXIT_STOP,    /* PTRACE_EVENT_EXIT: msg = wait status of the exit */
	RAW_VFORK_DONE,   /* PTRACE_EVENT_VFORK_DONE: the vfork child released our memory */
	RAW_OTHER_EVENT,  /* an event we did not ask for */
};

struct raw_event {
	enum raw_kind kind;
	pid_t tid;
	int status;         /* raw wait status */
	int sig;            /* WSTOPSIG or the fatal signal */
	unsigned long msg;  /* PTRACE_GETEVENTMSG for events */
	siginfo_t si;       /* RAW_SIGNAL only */
};

#define EVQ_MAX 64

/* A child forked by a traced thread, held until its first stop so it can be cleaned and
 * detached. */
struct fork_child {
	pid_t pid;       /* child pid */
	bool stopped;    /* its initial stop arrived */
	bool claimed;    /* the parent's fork event arrived */
	bool shares_mm;  /* a vfork child: it runs in the parent's memory until exec or exit */
};

/* Hooks: how the target layer tells the layers above it what happened, without naming them
 * (lldb's NativeDelegate, libuv's watcher callbacks). A layer registers on first use; the loop
 * runs every hook of a kind in the order they were registered. */
enum cdbg__hook_kind {
	CDBG__HOOK_SPACE_GONE, /* the address space is gone or new: exec, exit, a reset */
	CDBG__HOOK_LIBRARIES,  /* the dynamic linker changed the library list (a queued
				  CDBG_EV_LIBRARIES is being handed to the caller) */
	CDBG__HOOK_FREE,       /* the handle is being freed: free the layer's state */
	CDBG__HOOK_PROCESS_NEW, /* a process is now held and all-stopped (cdbg_attach or
				   cdbg_launch succeeded): insert what the layer keeps across runs */
	CDBG__HOOK_N
};
typedef void (*cdbg__hook_fn)(cdbg_proc *p, void *data);
#define CDBG__HOOKS_MAX 8
struct cdbg_proc {
	pthread_t owner;            /* the thread that may make calls on this handle */
	pid_t owner_tid;            /* its kernel tid, for messages */
	pid_t pid;                  /* thread-group id of the tracee, 0 when none */
	bool launched;              /* started by cdbg_launch: killed, not detached, at the end */
	bool all_stopped;           /* every thread is held; the user may inspect */
	bool exited;                /* the process is gone; only cdbg_free makes sense */
	struct thread_table threads;
	/* New tasks whose initial stop arrived before their parent's clone/fork event. */
	pid_t *early;
	size_t n_early, alloc_early;
	/* Breakpoints left for a signal handler: a trap at addr with this stack pointer is the
	 * handler's return (in whichever thread: a Go goroutine may come back on another one),
	 * the same hit going on. A ring: an entry whose handler never returned is dropped. */
	struct bp_return { uint64_t addr, sp; } bp_returns[64];
	unsigned bp_returns_next;
	struct fork_child *forks;   /* fork children not yet let go */
	size_t n_forks, alloc_forks;
	struct cdbg_event evq[EVQ_MAX]; /* events for the caller, oldest first */
	size_t evq_head, evq_len;
	unsigned stop_mask;         /* (1 << kind) for kinds that stop the process */
	unsigned char sigpolicy[65]; /* CDBG_SIG_* per signal */
	pid_t step_tid;             /* thread being single-stepped, 0 if none */
	int mem_fd;                 /* /proc/PID/mem, -1 until needed */
	int evpipe[2];              /* wake-up pipe (SIGCHLD, queued events), -1 until needed */
	int evpipe_slot;            /* its slot in the SIGCHLD handler's table */
	/* Diagnostics. */
	int errcode;
	char errmsg[CDBG_ERRMSG_MAX];
	uint64_t erraddr;           /* with errcode CDBG_ENOMEM: the address (cdbg__fail_mem) */
	cdbg_log_fn log_fn;
	void *log_data;
	enum cdbg_log_level log_level;
	struct bp_state bp;         /* breakpoints and watchpoints */
	struct arch_xstate xstate;  /* the kernel's extended-state block; size 0 until first read */
	struct sym_state *sym; /* symbols.c: modules, symbol and line lookups, NULL until first use */
	struct vars_state *vars; /* symbols/types.c: program types handed out as dtype, or NULL */
	struct janitor *jan;     /* janitor/journal.c: the journal and janitor process, or NULL */
	/* What the layers above registered to hear (cdbg__hook_add). */
	struct cdbg__hook {
		cdbg__hook_fn fn;
		void *data;
	} hooks[CDBG__HOOK_N][CDBG__HOOKS_MAX];
};

/* error.c */
int cdbg__fail(cdbg_proc *p, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cdbg__clear_error(cdbg_proc *p);
int cdbg__fail_mem(cdbg_proc *p, uint64_t addr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int cdbg__check_owner(cdbg_proc *p, const char *what);
const char *cdbg__errstr(int errnum);

/* log.c */
void cdbg__log(cdbg_proc *p, enum cdbg_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define LOG_ON(p, lvl) ((p)->log_fn && (lvl) <= (p)->log_level)
#define logd(p, ...) do { if (LOG_ON(p, CDBG_LOG_DEBUG)) cdbg__log(p, CDBG_LOG_DEBUG, __VA_ARGS__); } while (0)
#define logt(p, ...) do { if (LOG_ON(p, CDBG_LOG_TRACE)) cdbg__log(p, CDBG_LOG_TRACE, __VA_ARGS__); } while (0)
#define logw(p, ...) do { if (LOG_ON(p, CDBG_LOG_WARN)) cdbg__log(p, CDBG_LOG_WARN, __VA_ARGS__); } while (0)

/* thread.c */
int thread_table_init(struct thread_table *tt);
void thread_table_free(struct thread_table *tt);
struct thread *thread_find(struct thread_table *tt, pid_t tid);
struct thread *thread_add(cdbg_proc *p, pid_t tid, enum thread_state st);
void thread_remove(cdbg_proc *p, struct thread *t);
void thread_set_state(cdbg_proc *p, struct thread *t, enum thread_state st);
const char *thread_state_name(enum thread_state st);

/* procfs.c: facts from /proc, no ptrace. */
typedef int (*procfs_tid_fn)(void *data, pid_t tid);
int procfs_each_task(pid_t pid, procfs_tid_fn fn, void *data);
char procfs_task_state(pid_t pid, pid_t tid);
int procfs_status_field(pid_t pid, const char *field, char *buf, size_t len);
long procfs_status_long(pid_t pid, const char *field);
int procfs_comm(pid_t pid, pid_t tid, char *buf, size_t len);
unsigned long procfs_stat_flags(pid_t pid);
/* An exec of path failed with ENOENT although path exists: is it because the interpreter it
 * names (PT_INTERP, or its "#!" line) does not exist? true with that name in buf. */
bool procfs_exec_missing_interp(const char *path, char *buf, size_t len);

/* memory.c */
/* A live thread to name the address space by in /proc (maps, mem, auxv, exe): the leader may
 * be a zombie (pthread_exit) with no memory. The pid when no other thread is known. */
pid_t mem_live_tid(cdbg_proc *p);
void mem_close(cdbg_proc *p);
ssize_t mem_raw_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len);
ssize_t mem_raw_write(cdbg_proc *p, uint64_t addr, const void *buf, size_t len);
ssize_t mem_read_quiet(cdbg_proc *p, uint64_t addr, void *buf, size_t len);
ssize_t mem_read_pid(pid_t pid, uint64_t addr, void *buf, size_t len);
ssize_t mem_write_pid(pid_t pid, uint64_t addr, const void *buf, size_t len);

/* breakpoint.c */
struct bp_site *bp_site_at(cdbg_proc *p, uint64_t addr);
struct bp *bp_by_id(cdbg_proc *p, int id);
struct bp_site *bp_slot_site(cdbg_proc *p, uint64_t pc);
uint64_t bp_site_slot(cdbg_proc *p, struct bp_site *s);
bool bp_any_slots(cdbg_proc *p);
bool bp_is_moribund(cdbg_proc *p, uint64_t addr);
void bp_filter_read(cdbg_proc *p, uint64_t addr, unsigned char *buf, size_t len);
void bp_filter_write(cdbg_proc *p, uint64_t addr, unsigned char *buf, size_t len);
enum bp_action bp_decide(cdbg_proc *p, struct thread *t, uint64_t addr, struct cdbg_event *ev);
enum bp_action bp_decide_hw(cdbg_proc *p, struct thread *t, int slot, struct cdbg_event *ev);
void bp_after_report(cdbg_proc *p, int id);
/* A breakpoint for stepping (step.c): not listed, with an id above BP_INTERNAL_BASE (remove
 * it with cdbg_bp_remove), and its hits count only for thread tid with a stack pointer >= min_sp;
 * other threads pass it without any stop. Returns the id or a failure. */
int bp_insert_internal(cdbg_proc *p, uint64_t addr, pid_t tid, uint64_t min_sp);
/* A step left stopped thread tid on a breakpoint's address: does the breakpoint count there
 * (condition, ignore count, as a hit)? 1 with *ev filled as its CDBG_EV_BREAKPOINT (gdb reports
 * a step that arrives at a breakpoint as a hit of it), else 0. */
int bp_stepped_onto(cdbg_proc *p, pid_t tid, struct cdbg_event *ev);
bool bp_still_there(cdbg_proc *p, int id);
/* cdbg_bp_condition (ops/cond.c) through these: bp_check before compiling, then install. */
int bp_check(cdbg_proc *p, int id, const char *what);
int bp_set_condition(cdbg_proc *p, int id, const char *src, bp_cond_fn holds,
		     void (*free_ctx)(void *ctx), void *ctx);
int bp_lift_all(cdbg_proc *p, bool lift);
void bp_clean_child(cdbg_proc *p, pid_t child);
void bp_forget_all(cdbg_proc *p);
void bp_drop_memory(cdbg_proc *p);
/* The library-internal breakpoint on the dynamic linker's r_brk at addr (r_state: address of
 * r_debug.r_state, 0 if unknown), replacing any earlier one. Returns its id or a failure. */
int bp_insert_solib(cdbg_proc *p, uint64_t addr, uint64_t r_state);
/* Is breakpoint id that one? */
bool bp_is_solib(cdbg_proc *p, int id);
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

/* Register fn(p, data) for kind; registering the same fn twice is one registration. Returns 0,
 * or -ENOSPC when CDBG__HOOKS_MAX hooks of that kind are registered already. */
int cdbg__hook_add(cdbg_proc *p, enum cdbg__hook_kind kind, cdbg__hook_fn fn, void *data);
/* Run every hook of kind (target layer only). */
void cdbg__hooks_run(cdbg_proc *p, enum cdbg__hook_kind kind);

/* symbols/unwind.c: where `step` into the function at entry stops (past its prologue, as
 * cdbg_func_break_addr); entry itself when that is not a function's start. */
uint64_t sym_func_body(cdbg_proc *p, uint64_t entry);

/* loop.c: the only caller of ptrace and waitpid. */
int loop_require_stopped(cdbg_proc *p, const char *what);
struct thread *loop_stopped_thread(cdbg_proc *p, pid_t tid, const char *what);
int loop_regs_fetch(cdbg_proc *p, struct thread *t);
int loop_xstate_fetch(cdbg_proc *p, struct thread *t);
int loop_syscall(cdbg_proc *p, struct thread *t, long nr, const uint64_t args[6], uint64_t *ret);
int loop_scratch_map(cdbg_proc *p, uint64_t near, size_t size, uint64_t *base);
int loop_apply_debugregs(cdbg_proc *p);
int loop_run_alone(cdbg_proc *p, struct thread *t, int timeout_ms, struct raw_event *ev);
int loop_sigmask(cdbg_proc *p, struct thread *t, uint64_t *get, const uint64_t *set);
int loop_settle(cdbg_proc *p, struct thread *t);
/* Signal sig's bit in a kernel signal mask. */
#define LOOP_SIGBIT(sig) (1ULL << ((sig) - 1))
/* Every signal blocked but the synchronous ones (which the kernel forces, resetting the
 * handler of a blocked one): the mask a thread runs with while cdbg runs it for itself. */
extern const uint64_t loop_quiet_mask;
int loop_flush_regs(cdbg_proc *p, struct thread *t);
/* A stopped thread that can run a system call for cdbg, or NULL. */
struct thread *loop_injectable_thread(cdbg_proc *p);
/* breakpoint.c: a scratch area near `near` (made if needed); its base. */
int bp_scratch_any(cdbg_proc *p, uint64_t near, uint64_t *base);

/* procfs.c */
uint64_t procfs_find_gap(pid_t pid, uint64_t near, size_t size, int64_t reach);
bool procfs_sigtrap_pending(pid_t pid, pid_t tid);

#endif /* CDBG_INTERNAL_H */
