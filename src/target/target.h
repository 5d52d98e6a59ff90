/*
 * target.h - the target layer as the layers above see it: struct cdbg_proc and struct thread,
 * the thread table, facts from /proc, raw memory, the loop's requests (registers, system calls
 * in the tracee, scratch memory, debug registers) and the hooks through which the loop tells
 * the layers above what happened.
 *
 * The loop and the int3 sites are one layer, in one directory: the loop sends threads through
 * out-of-line copies, takes them out again at all-stop and detach and steps over int3s in
 * place, so it reads the sites, slots and debug registers that breakpoint.c, slots.c and
 * memview.c keep (target/breakpoint.h, included here); those in turn ask the loop to map
 * scratch memory and set debug registers. Only breakpoint policy that needs the program's
 * variables (conditions) comes from above, as a predicate (ops/cond.c).
 *
 * Owns: the layout of struct cdbg_proc and struct thread. Must not: include a header of a
 * layer above (symbols, values, ops, present, lang, cli); declare anything that calls ptrace
 * or waitpid outside src/target/ (those stay behind the loop_* functions below).
 */
#ifndef CDBG_TARGET_H
#define CDBG_TARGET_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cdbg.h"
#include "arch/arch.h"
#include "base/base.h"
#include "target/breakpoint.h"

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
	SK_GROUP,  /* PTRACE_EVENT_STOP of a job-control group-stop (SIGSTOP from someone else) */
	SK_SIGNAL, /* signal-delivery-stop: the signal is held in pending_sig */
	SK_EVENT,  /* clone/fork/exec/exit event stop */
	SK_STEP,   /* the SIGTRAP that ends a single-step */
	SK_BREAK,  /* the SIGTRAP of a breakpoint; pc already moved back to it */
};

struct thread {
	pid_t tid;               /* kernel thread id */
	enum thread_state state; /* see enum thread_state */
	enum stop_kind stop;     /* which stop it sits in when TS_STOPPED */
	bool interrupt_pending;  /* we sent PTRACE_INTERRUPT and have not seen its stop yet */
	bool exit_stop;          /* stopped in PTRACE_EVENT_EXIT: resuming lets it die */
	bool unclaimed;          /* a new task whose parent's clone/fork report is still due:
				    * held, not listed, until we know whether it is a thread */
	bool untraced;           /* a zombie leader found at attach: listed, never traced */
	int pending_sig;         /* signal to deliver on resume, 0 for none */
	int exit_code;           /* wait status from PTRACE_EVENT_EXIT, if exit_stop */
	unsigned seq;            /* creation order, for listing */
	size_t idx;              /* position in thread_table.all, for O(1) removal */
	bool regs_valid;         /* regs holds the registers of the current stop */
	bool regs_dirty;         /* regs was changed and must be written back before resume */
	struct arch_gpr regs;    /* cached general-purpose registers */
	unsigned char *xstate;   /* cached extended state (NULL until read) */
	bool xstate_valid;       /* xstate holds the current stop's extended state */
	bool xstate_dirty;       /* xstate must be written back before resume */
	bool in_slot;            /* sent to run an out-of-line copy; may still be inside it */
	bool needs_inplace;      /* sits on a breakpoint without a copy: step it in place */
	bool cond_held;          /* at a breakpoint whose condition calls: decided all-stopped */
	bool vfork_parent;       /* stopped in its vfork event: going on waits for the child */
	bool in_vfork;           /* reported VFORK, its VFORK_DONE is still due (event.c) */
	bool vfork_held;         /* stopped while another thread's vfork child runs in our
				  * memory without int3s (event.c: vfork_hold_others) */
	bool si_valid;           /* si holds the siginfo of pending_sig */
	bool si_restore;         /* the thread moved to another stop: re-install si first */
	siginfo_t si;            /* siginfo of the signal-delivery-stop we hold it in */
	int inject_sig;          /* sent with tgkill to deliver pending_sig from a stop that is no
			 * signal-delivery-stop (the kernel ignores a resume's signal there):
			 * its delivery stop passes it on, whatever its policy */
};

/* The thread table: tid -> thread in O(1) (open addressing), plus a dense array to iterate. */
struct thread_table {
	struct thread **slots; /* hash slots, capacity entries, NULL = empty, TOMB = deleted */
	size_t capacity;       /* power of two */
	size_t used;           /* live + tombstones in slots */
	struct thread **all;   /* dense array of live threads, order not meaningful */
	size_t count;          /* live threads */
	size_t alloc;          /* size of all[] */
	unsigned next_seq;     /* creation counter */
};

/* A raw kernel report turned into a record: what next_event() produces. */
enum raw_kind {
	RAW_EXITED,      /* tid exited: status = code */
	RAW_KILLED,      /* tid died of signal: status = signo */
	RAW_SIGNAL,      /* signal-delivery-stop: sig, siginfo */
	RAW_GROUP_STOP,  /* PTRACE_EVENT_STOP while the group stops: sig = stopping signal */
	RAW_INTERRUPT,   /* PTRACE_EVENT_STOP with SIGTRAP: our interrupt or a new task's start */
	RAW_CLONE,       /* PTRACE_EVENT_CLONE: msg = new tid */
	RAW_FORK,        /* PTRACE_EVENT_FORK: msg = child pid */
	RAW_VFORK,       /* PTRACE_EVENT_VFORK: msg = child pid */
	RAW_EXEC,        /* PTRACE_EVENT_EXEC: msg = former tid */
	RAW_EXIT_STOP,   /* PTRACE_EVENT_EXIT: msg = wait status of the exit */
	RAW_VFORK_DONE,  /* PTRACE_EVENT_VFORK_DONE: the vfork child released our memory */
	RAW_OTHER_EVENT, /* an event we did not ask for */
	RAW_SYSCALL,     /* syscall-enter or -exit stop (TRACESYSGOOD): sc_exit, sc_nr, sc_ret */
};

struct raw_event {
	enum raw_kind kind;
	pid_t tid;
	int status;        /* raw wait status */
	int sig;           /* WSTOPSIG or the fatal signal */
	unsigned long msg; /* PTRACE_GETEVENTMSG for events */
	siginfo_t si;      /* RAW_SIGNAL only */
	bool sc_exit;      /* RAW_SYSCALL: the return from the call, not its entry */
	long sc_nr;        /* RAW_SYSCALL: the call's number (-1: unknown) */
	int64_t sc_ret;    /* RAW_SYSCALL exit: its raw result */
};

/* What catchpoints want stopped (syscall.c; set by ops/catch.c through cdbg__catch_set). */
struct catch_set {
	uint64_t sys[8]; /* system call numbers caught (bit nr); sys_all: every one */
	bool sys_on;     /* any syscall catchpoint: threads run with PTRACE_SYSCALL */
	bool sys_all;
	uint64_t sigs;   /* LOOP_SIGBIT of signals reported whatever their policy */
	unsigned events; /* (1 << CDBG_EV_FORK / VFORK / EXEC) that stop the process */
};

#define EVQ_MAX 64

/* A child forked by a traced thread, held until its first stop so it can be cleaned and
 * detached. */
struct fork_child {
	pid_t pid;      /* child pid */
	bool stopped;   /* its initial stop arrived */
	bool claimed;   /* the parent's fork event arrived */
	bool shares_mm; /* a vfork child: it runs in the parent's memory until exec or exit */
};

/* image.c: an address space read from files (the program's file before it runs, a core):
 * regions sorted by start, each [lo, hi) with the bytes [lo, lo + filesz) at offset off of
 * fds[fd] and zeros after them. */
struct image_region {
	uint64_t lo, hi, off, filesz;
	int fd;         /* index into the image's fds */
	unsigned flags; /* PF_R / PF_W / PF_X of the segment it comes from, 0 if unknown */
};
struct image {
	struct image_region *regions;
	size_t nregions, alloc;
	int *fds;
	size_t nfds;
	struct image_page *cache; /* image.c: recently read file pages, NULL until needed */
};
struct target_core; /* core.c */

/* Hooks: how the target layer tells the layers above it what happened, without naming them
 * (lldb's NativeDelegate, libuv's watcher callbacks). A layer registers on first use; the loop
 * runs every hook of a kind in the order they were registered. */
enum cdbg__hook_kind {
	CDBG__HOOK_SPACE_GONE,  /* the address space is gone or new: exec, exit, a reset */
	CDBG__HOOK_LIBRARIES,   /* the dynamic linker changed the library list (a queued
				  CDBG_EV_LIBRARIES is being handed to the caller) */
	CDBG__HOOK_FREE,        /* the handle is being freed: free the layer's state */
	CDBG__HOOK_PROCESS_NEW, /* a process is now held and all-stopped (cdbg_attach or
				   cdbg_launch succeeded): insert what the layer keeps across runs */
	CDBG__HOOK_N
};
typedef void (*cdbg__hook_fn)(cdbg_proc *p, void *data);
#define CDBG__HOOKS_MAX 8
/* State the layers above keep per handle, in slots the target layer does not type
 * (cdbg__layer): each is created by its layer at first use and freed by its CDBG__HOOK_FREE. */
enum cdbg__layer {
	CDBG__LAYER_SYM,     /* symbols/modules.c: struct sym_state (modules, lookups) */
	CDBG__LAYER_VARS,    /* values/types.c: struct vars_state (types handed out as dtype) */
	CDBG__LAYER_SESSION, /* ops/session.c: struct sess (logical breakpoints) */
	CDBG__LAYER_CALL,    /* ops/calltyped.c: struct call_area (values of calls) */
	CDBG__LAYER_N
};
struct cdbg_proc {
	struct cdbg__base base; /* first: errors, log, owner thread (base/base.h) */
	pid_t pid;              /* thread-group id of the tracee, 0 when none */
	bool launched;          /* started by cdbg_launch: killed, not detached, at the end */
	bool all_stopped;       /* every thread is held; the user may inspect */
	bool exited;            /* the process is gone; only cdbg_free makes sense */
	struct thread_table threads;
	/* New tasks whose initial stop arrived before their parent's clone/fork event. */
	pid_t *early;
	size_t n_early, alloc_early;
	/* Breakpoints left for a signal handler: a trap at addr with this stack pointer is the
	 * handler's return (in whichever thread: a Go goroutine may come back on another one),
	 * the same hit going on. A ring: an entry whose handler never returned is dropped. */
	struct bp_return {
		uint64_t addr, sp;
	} bp_returns[64];
	unsigned bp_returns_next;
	struct fork_child *forks; /* fork children not yet let go */
	size_t n_forks, alloc_forks;
	bool follow_child;              /* follow.c: a forked child replaces the process */
	pid_t follow_pid;               /* the child to follow once every thread is held, or 0 */
	struct cdbg_event evq[EVQ_MAX]; /* events for the caller, oldest first */
	size_t evq_head, evq_len;
	unsigned stop_mask;          /* (1 << kind) for kinds that stop the process */
	unsigned char sigpolicy[65]; /* CDBG_SIG_* per signal */
	pid_t step_tid;              /* thread being single-stepped, 0 if none */
	bool step_runs;              /* step_tid runs (cdbg_cont_thread), not single-steps */
	bool step_sigstop;           /* step_tid's single-step ends, unfinished, when a signal that
				      * goes on to the program is about to be delivered
				      * (loop_step_sigstop) */
	unsigned char sched_lock;    /* enum cdbg_sched_lock (ops/step.c) */
	unsigned char input_radix;   /* cdbg_set_input_radix (ops/eval.c); 0: 10 */
	bool eval_types_only;        /* cdbg_ptype: only types are wanted (ops/eval.c) */
	int mem_fd;                  /* /proc/PID/mem, -1 until needed */
	int evpipe[2];               /* wake-up pipe (SIGCHLD, queued events), -1 until needed */
	int evpipe_slot;             /* its slot in the SIGCHLD handler's table */
	struct bp_state bp;          /* breakpoints and watchpoints */
	struct catch_set catches;    /* syscall.c: what catchpoints want (kept across runs) */
	struct arch_xstate xstate;  /* the kernel's extended-state block; size 0 until first read */
	void *layer[CDBG__LAYER_N]; /* the layers' own state (enum cdbg__layer), NULL until used */
	struct janitor *jan;      /* janitor/journal.c: the journal and janitor process, or NULL */
	char *file_path;          /* the program's file (cdbg_file_open), NULL if none */
	struct image file;        /* its PT_LOAD segments, read while no process is held */
	struct target_core *core; /* core.c: the core file held, NULL if none */
	/* What the layers above registered to hear (cdbg__hook_add). */
	struct cdbg__hook {
		cdbg__hook_fn fn;
		void *data;
	} hooks[CDBG__HOOK_N][CDBG__HOOKS_MAX];
};
_Static_assert(__builtin_offsetof(struct cdbg_proc, base) == 0, "cdbg__base(p) casts p");

/* The slot of layer l's state in handle p. */
static inline void **cdbg__layer(cdbg_proc *p, enum cdbg__layer l)
{
	return &p->layer[l];
}

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
/* The permissions ("r-xp") of the mapping of process pid holding addr: 0, or -ESRCH when no
 * mapping holds it, or -errno. */
int procfs_perms(pid_t pid, uint64_t addr, char perms[5]);
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
ssize_t mem_access(cdbg_proc *p, uint64_t addr, void *buf, size_t len, bool write);
/* n pieces of len bytes, piece i at addrs[i] into out + i * len, as few system calls as the
 * kernel allows (process_vm_readv takes many pieces): ok[i] says whether piece i was read
 * whole. Returns how many were. For walking thousands of small objects (goroutines). The raw
 * bytes (memory.c), or the program's with int3s hidden (memview.c). */
size_t mem_raw_read_many(cdbg_proc *p, const uint64_t *addrs, size_t n, size_t len,
			 unsigned char *out, bool *ok);
size_t mem_read_many(cdbg_proc *p, const uint64_t *addrs, size_t n, size_t len, unsigned char *out,
		     bool *ok);
ssize_t mem_read_pid(pid_t pid, uint64_t addr, void *buf, size_t len);
ssize_t mem_write_pid(pid_t pid, uint64_t addr, const void *buf, size_t len);

/* image.c */
void image_init(struct image *im);
void image_free(struct image *im);
int image_own_fd(struct image *im, int fd);
struct stat;
int image_open_regular(const char *path, struct stat *st);
int image_add(struct image *im, const struct image_region *r);
void image_sort(struct image *im);
/* The region holding addr, NULL if none. */
const struct image_region *image_find(const struct image *im, uint64_t addr);
/* Bytes readable at addr, contiguous from it (0 when none). */
ssize_t image_read(struct image *im, uint64_t addr, void *buf, size_t len);
/* The PT_LOAD segments of the x86-64 ELF program at path, at the file's addresses; 0 or a
 * failure recorded as "cannot WHAT: ...". */
int image_of_elf(cdbg_proc *p, struct image *im, const char *path, const char *what);

/* core.c */
/* The PF_* flags of the core's segment holding addr, 0 when none holds it. */
unsigned core_flags(cdbg_proc *p, uint64_t addr);
/* Read the core's memory (its own bytes, then the files it names). */
ssize_t core_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len);
/* The core's ELF handle (for libdwfl) and its executable ("" if none); NULL without a core. */
struct Elf *core_elf(cdbg_proc *p);
const char *core_exe(cdbg_proc *p);
/* Let the core go (detach, kill, free): the space-gone hooks run. */
void core_close(cdbg_proc *p);
/* Is there a live process (not a core) to run or change? 0, or a failure recorded. */
int loop_require_live(cdbg_proc *p, const char *what);

/* Register fn(p, data) for kind; registering the same fn twice is one registration. Returns 0,
 * or -ENOSPC when CDBG__HOOKS_MAX hooks of that kind are registered already. */
/* syscall.c: what the catchpoints of the layers above want stopped (replaces the last set). */
void cdbg__catch_set(cdbg_proc *p, const struct catch_set *set);
int cdbg__hook_add(cdbg_proc *p, enum cdbg__hook_kind kind, cdbg__hook_fn fn, void *data);
/* Run every hook of kind (target layer only). */
void cdbg__hooks_run(cdbg_proc *p, enum cdbg__hook_kind kind);

/* The event loop (the loop's files in target/, loop.h lists them): the only caller
 * of ptrace and waitpid. */
/* A process is held (handle.c): 0, or CDBG_ENOPROC / CDBG_EEXITED / CDBG_EWRONGTHREAD. */
int loop_require_proc(cdbg_proc *p, const char *what);
/* A process is held and all-stopped: 0, or as loop_require_proc, or CDBG_ERUNNING. */
int loop_require_stopped(cdbg_proc *p, const char *what);
struct thread *loop_stopped_thread(cdbg_proc *p, pid_t tid, const char *what);
/* cdbg_step, except that a signal that would go on to the program (nostop, pass) arriving
 * before the instruction ran ends the step unfinished: CDBG_EV_STEP with signo set, the
 * signal pending (delivered by the next resume). gdb's steps let the handler run rather than
 * step into it (ops/step.c). */
int loop_step_sigstop(cdbg_proc *p, pid_t tid);
int loop_regs_fetch(cdbg_proc *p, struct thread *t);
int loop_xstate_fetch(cdbg_proc *p, struct thread *t);
int loop_syscall(cdbg_proc *p, struct thread *t, long nr, const uint64_t args[6], uint64_t *ret);
int loop_scratch_map(cdbg_proc *p, uint64_t near, size_t size, uint64_t *base);
int loop_apply_debugregs(cdbg_proc *p);
int loop_run_alone(cdbg_proc *p, struct thread *t, int timeout_ms, struct raw_event *ev);
int loop_sigmask(cdbg_proc *p, struct thread *t, uint64_t *get, const uint64_t *set);
/* The siginfo of thread t's stop (gdb's $_siginfo: PTRACE_GETSIGINFO, or the one cdbg holds
 * the thread's signal with, or a core's NT_SIGINFO) into *get, and/or *set written back;
 * 0 or a failure code. */
int loop_siginfo(cdbg_proc *p, struct thread *t, siginfo_t *get, const siginfo_t *set);
int loop_settle(cdbg_proc *p, struct thread *t);
/* Signal sig's bit in a kernel signal mask. */
#define LOOP_SIGBIT(sig) (1ULL << ((sig)-1))
/* Every signal blocked but the synchronous ones (which the kernel forces, resetting the
 * handler of a blocked one): the mask a thread runs with while cdbg runs it for itself. */
extern const uint64_t loop_quiet_mask;
int loop_flush_regs(cdbg_proc *p, struct thread *t);
/* A stopped thread that can run a system call for cdbg, or NULL. */
struct thread *loop_injectable_thread(cdbg_proc *p);
/* procfs.c */
uint64_t procfs_find_gap(pid_t pid, uint64_t near, size_t size, int64_t reach);
bool procfs_sigtrap_pending(pid_t pid, pid_t tid);
int procfs_ptrace_scope(void);

#endif /* CDBG_TARGET_H */
