/*
 * cdbg.h - the whole public API of libcdbg, a Linux x86-64 process-tracing library.
 *
 * Model
 *   A handle (cdbg_proc) debugs one process: every thread of it. The handle is bound to the
 *   thread that attached or launched (its "owner"): the kernel accepts ptrace requests for a
 *   tracee only from the thread that attached it, so every call on the handle from another
 *   thread fails with CDBG_EWRONGTHREAD before anything reaches the kernel.
 *
 *   The process is either running or all-stopped. cdbg_wait() hands out events; an event whose
 *   `stopped` field is set left every thread stopped, and the process stays so until cdbg_cont(),
 *   cdbg_step(), cdbg_detach() or cdbg_kill(). Other events (a thread was born or died, a child
 *   was forked and let go) are notices: the process keeps running.
 *
 * Conventions
 *   Functions returning int give >= 0 on success and a negative code on failure: -errno for
 *   system errors, or one of the CDBG_E* codes below. cdbg_errmsg() gives the sentence for the
 *   handle's last failure. The library never prints, never exits and starts no threads; it logs
 *   through the callback set with cdbg_set_log().
 *
 * Structs
 *   Text in a public struct is never cut silently. A fixed-size char array holds its text
 *   whole and NUL-terminated, or, when the text is longer, its first (size - 1) bytes with the
 *   field's own flag `FIELD_cut` set; cdbg_text() then gives the whole text (cdbg_value_type
 *   for cdbg_value.type). A field no text can overflow says "never cut". A string a struct
 *   points to (const char *) is whole; the struct says how long it stays valid.
 *   A struct that will grow ends in `reserved` fields: the library zeroes them, with every
 *   field it does not fill. A client that fills such a struct itself zeroes it first (memset,
 *   or `= { 0 }`), so that a later version finds zeros in the fields it added there.
 */
#ifndef CDBG_H
#define CDBG_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CDBG_EXTERN __attribute__((visibility("default")))
#define CDBG_MUST_CHECK __attribute__((warn_unused_result))
#else
#define CDBG_EXTERN
#define CDBG_MUST_CHECK
#endif

#define CDBG_VERSION_MAJOR 0
#define CDBG_VERSION_MINOR 2
#define CDBG_VERSION_PATCH 0

typedef struct cdbg_proc cdbg_proc;

/* Error codes of our own, beyond the errno range. Name and text come from one table. */
#define CDBG_ERRNO_MAP(XX)                                                                         \
	XX(WRONGTHREAD, -10001, "called from a thread that is not the handle's owner")             \
	XX(NOPROC, -10002, "no process is being debugged")                                         \
	XX(RUNNING, -10003, "the process is running")                                              \
	XX(EXITED, -10004, "the process has exited")                                               \
	XX(NOTHREAD, -10005, "no such thread")                                                     \
	XX(TRACED, -10006, "the process is already traced")                                        \
	XX(KTHREAD, -10007, "the target is a kernel thread")                                       \
	XX(SELF, -10008, "the target is the debugger itself")                                      \
	XX(BUSY, -10009, "this thread already debugs another process")                             \
	XX(NOREG, -10010, "no such register")                                                      \
	XX(NOEVENT, -10011, "no event is pending")                                                 \
	XX(BADSTATE, -10012, "the handle is not in a state that allows this")                      \
	XX(PARTIAL, -10013, "only part of the memory could be accessed")                           \
	XX(NOEXEC, -10014, "the program could not be started")                                     \
	XX(NOBP, -10015, "no such breakpoint")                                                     \
	XX(NOSLOT, -10016, "all hardware debug registers are in use")                              \
	XX(BADADDR, -10017, "the address cannot hold a breakpoint")                                \
	XX(BADEXPR, -10018, "the expression is not valid")                                         \
	XX(NOSYM, -10019, "no such symbol")                                                        \
	XX(NOLINE, -10020, "no line information")                                                  \
	XX(CALLFAIL, -10021, "the called function did not return")                                 \
	XX(NONAME, -10022, "no symbol by that name in the current context")                        \
	XX(NOMEM, -10023, "the program's memory cannot be read there")                             \
	XX(DIVZERO, -10024, "division by zero")                                                    \
	XX(NOFRAME, -10025, "no such frame")                                                       \
	XX(NOGOROUTINE, -10026, "no such goroutine")                                               \
	XX(NOTLIVE, -10027, "the program is not running: only its file or a core file is held")    \
	XX(BADFILE, -10028, "the file is not a usable ELF file or core file")

enum {
#define CDBG_XX_(name, val, text) CDBG_E##name = (val),
	CDBG_ERRNO_MAP(CDBG_XX_)
#undef CDBG_XX_
};

/* The text for a code (ours or -errno); never NULL. */
CDBG_EXTERN const char *cdbg_strerror(int code);
/* The symbolic name of a code ("CDBG_EWRONGTHREAD", "ESRCH"); never NULL. */
CDBG_EXTERN const char *cdbg_errname(int code);

/* ---- handles ------------------------------------------------------------------------------ */

/* A new handle, owned by the calling thread. NULL only when out of memory. */
CDBG_EXTERN cdbg_proc *cdbg_new(void);
/* Detach from (or kill, if launched) the process if still held, and free the handle.
 * Safe with NULL. Returns 0; or CDBG_EWRONGTHREAD, with nothing freed or changed, when called
 * from a thread other than the owner while a process is held (only the owner can detach). */
CDBG_EXTERN int cdbg_free(cdbg_proc *p);
/* One sentence about the handle's last failure: what failed, why, what to do.
 * Lowercase start, no final period. "" when nothing has failed yet. Called from a thread that
 * is not the owner, after a call of that thread was refused (CDBG_EWRONGTHREAD): the refusal,
 * which is kept per thread and never written into the handle. */
CDBG_EXTERN const char *cdbg_errmsg(const cdbg_proc *p);
/* The code of the handle's last failure, 0 if none. Clients branch on codes, never on the
 * sentence: CDBG_ENONAME (an expression names nothing known), CDBG_ENOMEM (memory that cannot be
 * read; cdbg_erraddr gives the address), CDBG_EDIVZERO, CDBG_ENOFRAME, CDBG_ENOGOROUTINE. */
CDBG_EXTERN int cdbg_errcode(const cdbg_proc *p);
/* With CDBG_ENOMEM as the last failure: the first address that could not be read. 0 else. */
CDBG_EXTERN uint64_t cdbg_erraddr(const cdbg_proc *p);
/* With CDBG_ENONAME as the last failure of cdbg_eval, cdbg_eval_frame or cdbg_ptype: the name
 * that names nothing ("x" of "x + 1", "struct nosuch" of a ptype); "" else. Valid until the
 * next call on p. */
CDBG_EXTERN const char *cdbg_errsubject(const cdbg_proc *p);

enum cdbg_log_level {
	CDBG_LOG_ERROR,
	CDBG_LOG_WARN,
	CDBG_LOG_INFO,
	CDBG_LOG_DEBUG,
	CDBG_LOG_TRACE
};
typedef void (*cdbg_log_fn)(void *data, enum cdbg_log_level level, const char *msg);
/* Route the library's log lines at or below `level` to fn. NULL fn turns logging off. */
CDBG_EXTERN void cdbg_set_log(cdbg_proc *p, cdbg_log_fn fn, void *data, enum cdbg_log_level level);

/* ---- taking hold of a process -------------------------------------------------------------- */

/* Attach to every thread of process pid and stop them all. On success the process is
 * all-stopped. On failure nothing is left attached and the process is as it was found.
 * Errors: -ESRCH (no such process), -EPERM (with a diagnosis in cdbg_errmsg), CDBG_ETRACED,
 * CDBG_EKTHREAD, CDBG_ESELF, CDBG_EBUSY. A pid that names a non-leader thread attaches to its
 * whole process. Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_attach(cdbg_proc *p, pid_t pid);

struct cdbg_launch_opts {
	const char *const *envp; /* environment; NULL: the caller's environ */
	const char *cwd;         /* working directory; NULL: the caller's */
	int stdin_fd;            /* fds the program gets as 0, 1, 2; -1: inherit the caller's */
	int stdout_fd;
	int stderr_fd;
	/* Added in 0.x (at the end: callers that zero the struct keep the old behaviour): true
	 * runs the program with address-space randomization off (personality ADDR_NO_RANDOMIZE),
	 * as gdb's `set disable-randomization on`, its default, does; the same addresses run
	 * after run. A kernel that refuses it leaves randomization on (logged as a warning). */
	int no_aslr; /* nonzero: on */
	/* Added in 0.x: nonzero runs the program in a process group of its own (its pid), as
	 * gdb does when it has a terminal: the caller can then hand the terminal to the program
	 * while it runs (tcsetpgrp), so that the terminal's signals (Ctrl-C, the SIGHUP of its
	 * closing) go to the program and not to the debugger, and a detached program outlives
	 * the debugger's terminal. 0: the program stays in the caller's process group. */
	int own_pgrp;
};

/* Start path (searched in PATH when it has no '/') with argv, traced from its first
 * instruction: on success the process is all-stopped at the entry point of its program
 * interpreter, and it is killed if the debugger dies. opts may be NULL. A missing or
 * non-executable file fails with CDBG_ENOEXEC and leaves no process behind. Returns the pid. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_launch(cdbg_proc *p, const char *path, char *const argv[],
					    const struct cdbg_launch_opts *opts);

/* Stop every thread, remove every trace of the debugger, and let the process go. Each thread
 * resumes with the signals it had pending; a process that was job-control stopped before
 * attach stays stopped. Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_detach(cdbg_proc *p);
/* Kill the process (SIGKILL) and reap it. Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_kill(cdbg_proc *p);

/* The process id, 0 when none is held. */
CDBG_EXTERN pid_t cdbg_pid(const cdbg_proc *p);
/* 1 when the process was started by cdbg_launch, 0 when attached. */
CDBG_EXTERN int cdbg_is_launched(const cdbg_proc *p);

/* ---- events ------------------------------------------------------------------------------- */

enum cdbg_event_kind {
	CDBG_EV_NONE = 0,
	/* All threads stopped because cdbg_interrupt() asked. Next: inspect, then cont/step. */
	CDBG_EV_STOPPED,
	/* Thread `tid` received signal `signo` (siginfo filled). Next: the signal is delivered when
	 * the thread resumes unless cdbg_set_pending_signal() clears it. */
	CDBG_EV_SIGNAL,
	/* Thread `tid` was created by thread `parent` (notice: the process keeps running). */
	CDBG_EV_THREAD_NEW,
	/* Thread `tid` exited with `code`, or died of signal `signo` (notice). */
	CDBG_EV_THREAD_EXIT,
	/* The process exited with `code`. Next: nothing; the handle holds no process any more. */
	CDBG_EV_EXITED,
	/* The process was killed by signal `signo`. Next: as CDBG_EV_EXITED. */
	CDBG_EV_KILLED,
	/* Thread `tid` (now the only one, tid == pid) executed a new program; `parent` is the tid
	 * that called execve. The thread table was rebuilt. Next: reload symbols, then cont. */
	CDBG_EV_EXEC,
	/* Thread `tid` forked child `child` (pid), which was let go (detached) running (notice). */
	CDBG_EV_FORK,
	/* As CDBG_EV_FORK for vfork (notice). */
	CDBG_EV_VFORK,
	/* The single-step started by cdbg_step() on `tid` completed. Next: inspect, cont/step. */
	CDBG_EV_STEP,
	/* Thread `tid` hit breakpoint `bp_id` at `addr` (its pc is `addr`) and the breakpoint's
	 * condition and ignore count said stop. If the condition could not be evaluated,
	 * `message` says why. Next: inspect; cont/step execute the instruction there. */
	CDBG_EV_BREAKPOINT,
	/* Thread `tid` triggered watchpoint `bp_id` watching `addr`; `old_value` and `new_value`
	 * hold the watched bytes (little-endian, up to 8) before and after. */
	CDBG_EV_WATCHPOINT,
	/* Thread `tid` reached the dynamic linker's notification point (r_brk) with its list of
	 * libraries complete after a load or unload (dlopen, dlclose, the start-up loading);
	 * the modules were listed again (cdbg_modules shows the change). Reported only after
	 * cdbg_libraries_report(); always stopping. Next: insert breakpoints in the new libraries
	 * (pending ones), then cont. */
	CDBG_EV_LIBRARIES,
	/* A source-level step (cdbg_step_line, cdbg_run_until) of thread `tid` ended normally at
	 * pc `addr`; `new_frame` says whether it is in another function or activation than where
	 * it began. Next: inspect, cont/step. */
	CDBG_EV_STEP_END,
	/* cdbg_finish (or cdbg_run_until) of thread `tid`: the frame returned; the thread is in
	 * its caller at `addr`, the function's result still in the return registers. */
	CDBG_EV_FINISHED,
	/* Thread `tid` entered system call `code` (x86-64's number) and a syscall catchpoint
	 * wants it (cdbg_catch_hit tells which). Next: inspect; cont runs the call. */
	CDBG_EV_SYSCALL_ENTRY,
	/* Thread `tid` returned from system call `code`; `new_value` is its raw result (-errno on
	 * failure). As CDBG_EV_SYSCALL_ENTRY otherwise. */
	CDBG_EV_SYSCALL_RETURN,
	CDBG_EV__COUNT
};

struct cdbg_event {
	enum cdbg_event_kind kind;
	int stopped;        /* 1: the process is all-stopped and waits for cont/step/detach/kill */
	pid_t tid;          /* the thread the event is about */
	pid_t parent;       /* THREAD_NEW: creating thread; EXEC: the tid that called execve */
	pid_t child;        /* FORK/VFORK: the child's pid */
	int code;           /* EXITED/THREAD_EXIT: exit code */
	int signo;          /* SIGNAL: the signal; KILLED/THREAD_EXIT: the fatal signal, else 0 */
	siginfo_t siginfo;  /* SIGNAL: as the kernel gave it */
	int bp_id;          /* BREAKPOINT/WATCHPOINT: which one */
	uint64_t addr;      /* BREAKPOINT: its address; WATCHPOINT: the watched address */
	uint64_t old_value; /* WATCHPOINT: value before the access */
	uint64_t new_value; /* WATCHPOINT: value after it */
	char message[192];  /* BREAKPOINT: why the condition could not be evaluated, else ""
			     * (cut: message_cut) */
	uint64_t tls;       /* THREAD_NEW: the new thread's TLS pointer (glibc's pthread_t), 0 if
			     * unknown */
	int new_frame;      /* STEP_END: 1 when the thread stopped in another function or
			     * activation than it started in (show the frame, not only the line) */
	int message_cut;    /* message holds only the start: cdbg_text(CDBG_TEXT_EVENT_MESSAGE) */
	int followed;       /* FORK: 1 when the handle now debugs the child (cdbg_set_follow_fork)
			     * and the parent, tid's process, was let go as by cdbg_detach */
	uint64_t reserved[4]; /* zero */
};

/* Wait for the next event. timeout_ms < 0 blocks, 0 polls, > 0 waits at most that long.
 * Returns 1 with *ev filled, 0 when the timeout passed without an event, or a negative code
 * (CDBG_ENOPROC when no process is held). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_wait(cdbg_proc *p, struct cdbg_event *ev, int timeout_ms);

/* A file descriptor that becomes readable when cdbg_wait() may have an event, for poll/epoll
 * next to a terminal or a socket. After it turns readable call cdbg_wait(p, &ev, 0) until it
 * returns 0. Installs a SIGCHLD handler (chained to any earlier one) on first use. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_event_fd(cdbg_proc *p);

/* Stop every thread of a running process; the next cdbg_wait() reports CDBG_EV_STOPPED
 * (unless another stopping event is pending first). Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_interrupt(cdbg_proc *p);
/* Resume every thread of an all-stopped process, each with its pending signal. If events are
 * still queued from the last all-stop, the threads stay stopped and cdbg_wait() reports the
 * next one at once. Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_cont(cdbg_proc *p);
/* Execute one instruction in thread tid while every other thread stays stopped; completion is
 * reported by cdbg_wait() as CDBG_EV_STEP (or by whatever event interrupted it). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_step(cdbg_proc *p, pid_t tid);
/* Resume thread tid alone, every other thread held, until its next stopping event (a
 * breakpoint, a signal, cdbg_interrupt()): gdb's scheduler-locking "on" for a run. Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_cont_thread(cdbg_proc *p, pid_t tid);

/* Which events stop the process (all-stop) rather than being notices. Bit (1 << kind).
 * STOPPED, STEP, SIGNAL, BREAKPOINT and WATCHPOINT always stop (signals that should not stop are set per signal with
 * cdbg_set_signal_policy).
 * Default: STOPPED, SIGNAL, EXEC, STEP stop; THREAD_NEW, THREAD_EXIT, FORK, VFORK are notices.
 * EXITED and KILLED are always reported. Returns the previous mask; ~0u, with nothing
 * changed, when called from a thread other than the owner (cdbg_errmsg there says why). */
CDBG_EXTERN unsigned cdbg_set_stop_events(cdbg_proc *p, unsigned mask);

/* gdb's follow-fork-mode with detach-on-fork on: child nonzero makes a fork hand the handle
 * to the child. The child gets the breakpoints (placed again through the session), the
 * parent loses every trace of cdbg and is let go, as by cdbg_detach; the CDBG_EV_FORK event
 * says so with `followed` (tid: the parent's thread, child: the process now debugged).
 * A vfork child is not followed (its parent is held by the kernel in the memory they share
 * until the child execs or exits): the vfork is handled as with child 0. Kept across runs.
 * Returns 0. */
CDBG_EXTERN int cdbg_set_follow_fork(cdbg_proc *p, int child);

/* Per-signal policy, as gdb's `handle`. */
enum {
	CDBG_SIG_STOP = 1, /* report the signal as an event (all-stop) */
	CDBG_SIG_PASS = 2  /* deliver it to the program when the thread resumes */
};
/* Set the policy of signo; returns the previous one or -EINVAL. Defaults follow gdb: SIGALRM,
 * SIGURG, SIGCHLD, SIGWINCH, SIGPROF, SIGVTALRM, SIGIO and SIGPOLL pass silently; SIGINT and
 * SIGTRAP stop and are not passed; every other signal stops and is passed. CDBG_EWRONGTHREAD
 * from a thread other than the owner. */
CDBG_EXTERN int cdbg_set_signal_policy(cdbg_proc *p, int signo, int policy);
/* The signal tid will receive when it resumes (0: none). Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_set_pending_signal(cdbg_proc *p, pid_t tid, int signo);
/* The signal tid will receive when it resumes, 0 if none, or a negative code. */
CDBG_EXTERN int cdbg_pending_signal(cdbg_proc *p, pid_t tid);

/* ---- threads ------------------------------------------------------------------------------- */

enum cdbg_thread_state {
	CDBG_THREAD_RUNNING, /* executing (or blocked in the kernel) */
	CDBG_THREAD_STOPPED, /* held by cdbg */
	CDBG_THREAD_EXITING, /* on its way out; cannot be stopped or inspected */
	CDBG_THREAD_ZOMBIE   /* a thread-group leader that called pthread_exit */
};

struct cdbg_thread_info {
	pid_t tid;
	enum cdbg_thread_state state;
	char name[16];        /* /proc/PID/task/TID/comm (never cut: the kernel keeps 15 bytes) */
	char proc_state;      /* the state letter from /proc/PID/task/TID/stat, '?' if unreadable */
	uint64_t reserved[4]; /* zero */
};

/* The number of live threads; fills tids[0..max) in creation order when tids is non-NULL. */
CDBG_EXTERN int cdbg_threads(cdbg_proc *p, pid_t *tids, size_t max);
/* Facts about one thread (reads /proc). Returns 0 or CDBG_ENOTHREAD. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_thread_info(cdbg_proc *p, pid_t tid,
						 struct cdbg_thread_info *info);

/* ---- registers ----------------------------------------------------------------------------- */

enum cdbg_reg_kind { CDBG_REG_GPR, CDBG_REG_FP, CDBG_REG_VECTOR };

struct cdbg_reg_desc {
	const char *name; /* "rax", "rip", "eflags", "fs_base", "xmm0", "st0", "ymm3" ... */
	unsigned size;    /* bytes */
	int dwarf;        /* DWARF register number, -1 if none */
	enum cdbg_reg_kind kind;
};

/* The register table: number of registers; *table points at static data. */
CDBG_EXTERN size_t cdbg_reg_table(const struct cdbg_reg_desc **table);
/* The register called name (a leading '$' is allowed): an entry of the table, one of gdb's
 * aliases (pc, sp, fp, ps, rflags), or one of gdb's pseudo registers, which are parts of a
 * general register (eax, ax, al, ah, r8d, r8w, r8l ...: reading or writing one touches only
 * its bytes). NULL when there is none. Every call below accepts the same names. */
CDBG_EXTERN const struct cdbg_reg_desc *cdbg_reg_lookup(const char *name);

/* Read register `name` of stopped thread tid into buf (little-endian, desc.size bytes).
 * Returns the size, CDBG_ENOREG, CDBG_ENOTHREAD or CDBG_ERUNNING. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_reg_read(cdbg_proc *p, pid_t tid, const char *name, void *buf,
					      size_t len);
/* Write register `name` of stopped thread tid from buf (len must equal the register's size,
 * or be 8 for registers of at most 8 bytes). Returns 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_reg_write(cdbg_proc *p, pid_t tid, const char *name,
					       const void *buf, size_t len);
/* Convenience for registers of at most 8 bytes. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_reg_get(cdbg_proc *p, pid_t tid, const char *name,
					     uint64_t *val);
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_reg_set(cdbg_proc *p, pid_t tid, const char *name,
					     uint64_t val);
/* Program counter of a stopped thread. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_pc_get(cdbg_proc *p, pid_t tid, uint64_t *pc);

/* The thread's whole extended state (XSAVE standard layout: x87, SSE, AVX, AVX-512, AMX...)
 * as the kernel's NT_X86_XSTATE regset gives it (the 512-byte FXSAVE block of NT_PRFPREG on a
 * kernel without XSAVE). Returns the size copied into buf (at most len); a write must give
 * exactly cdbg_xstate_size(p) bytes. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_xstate_read(cdbg_proc *p, pid_t tid, void *buf, size_t len);
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_xstate_write(cdbg_proc *p, pid_t tid, const void *buf,
						  size_t len);
/* Size in bytes of the process's extended state: the kernel's regset size, learned from its
 * first read (it can be smaller than CPUID leaf 0xD says: the kernel may save fewer
 * components than the CPU has). Needs a stopped thread the first time. */
CDBG_EXTERN CDBG_MUST_CHECK ssize_t cdbg_xstate_size(cdbg_proc *p);

/* ---- memory -------------------------------------------------------------------------------- */

/* Read len bytes at addr of the stopped (or running) process. Returns the number of bytes
 * read: len, or fewer when the range runs into unmapped memory (cdbg_errmsg says where).
 * Fails with -EFAULT (and a message naming the address) when not even the first byte is
 * readable. */
CDBG_EXTERN CDBG_MUST_CHECK ssize_t cdbg_mem_read(cdbg_proc *p, uint64_t addr, void *buf,
						  size_t len);
/* Write len bytes at addr, read-only text included (through /proc/PID/mem). Returns the number
 * of bytes written, as cdbg_mem_read does. */
/* Is addr in executable memory: 1 (code), 0 (data, or not mapped), or a failure? From the
 * process's memory map, a core's segments, or the program's file before it runs. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_mem_is_code(cdbg_proc *p, uint64_t addr);
CDBG_EXTERN CDBG_MUST_CHECK ssize_t cdbg_mem_write(cdbg_proc *p, uint64_t addr, const void *buf,
						   size_t len);

/* ---- breakpoints and watchpoints ------------------------------------------------------------
 * A breakpoint serves every thread, present and future. Software breakpoints are int3 bytes
 * whose instruction is executed out of line on resume, so other threads never run past a
 * removed breakpoint. Memory reads through cdbg_mem_read show the program's own bytes; writes
 * over a breakpoint update the saved byte. Detach and kill remove every breakpoint; exec
 * forgets them; a forked child gets them removed before it is let go. The process must be
 * stopped to insert or remove. */

enum cdbg_bp_kind { CDBG_BP_SOFTWARE, CDBG_BP_HARDWARE, CDBG_BP_WATCH };
/* What a debug register watches. */
enum { CDBG_WATCH_EXEC = 1, CDBG_WATCH_WRITE = 2, CDBG_WATCH_RW = 3 };
/* cdbg_bp_insert flags */
#define CDBG_BP_TEMPORARY 1u /* delete after the first reported hit (gdb's tbreak) */
#define CDBG_BP_NOTICE                                                                             \
	2u /* report hits as notices (stopped = 0): the hitting thread runs
			      * on at once and no other thread is stopped (a counting or
			      * tracing breakpoint, gdb's `commands silent; continue`) */

#define CDBG_BP_SOFT                                                                               \
	4u /* cdbg_bp_insert_hw, CDBG_WATCH_WRITE: a software watchpoint (no debug register):
	    * while one is enabled every thread runs single-stepped and the watched bytes are
	    * compared after each instruction; a change reports CDBG_EV_WATCHPOINT */

struct cdbg_bp_info {
	int id;
	enum cdbg_bp_kind kind;
	int watch; /* CDBG_WATCH_* for hardware kinds, 0 for software */
	uint64_t addr;
	unsigned len; /* bytes watched (1 for breakpoints) */
	int enabled;
	int temporary;
	unsigned long hits;  /* hits that counted (condition true), ignored ones included */
	unsigned ignore;     /* hits still to ignore */
	char condition[256]; /* "" when none (cut: condition_cut) */
	int condition_cut;   /* condition holds only the start: cdbg_text(CDBG_TEXT_BP_CONDITION) */
	uint64_t reserved[4]; /* zero */
};

/* A software breakpoint at addr. Returns its id (> 0). Fails when addr is not mapped or
 * not mapped (CDBG_EBADADDR with a message). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_insert(cdbg_proc *p, uint64_t addr, unsigned flags);
/* A hardware breakpoint (watch = CDBG_WATCH_EXEC, len 1) or watchpoint (WRITE or RW; len 1,
 * 2, 4 or 8, addr aligned to len) in a debug register of every thread. Returns its id, or
 * CDBG_ENOSLOT when all four debug registers are taken. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_insert_hw(cdbg_proc *p, uint64_t addr, unsigned len,
						  int watch, unsigned flags);
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_remove(cdbg_proc *p, int id);
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_enable(cdbg_proc *p, int id, int enabled);
/* Stop only when expr (see cdbg_eval) is true in the hitting thread; NULL or "" removes the
 * condition. The expression is compiled here and evaluated inside the library at each hit. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_condition(cdbg_proc *p, int id, const char *expr);
/* Do not stop for the next count hits. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_ignore(cdbg_proc *p, int id, unsigned count);
/* Count hits only in thread tid (0: every thread, the default); other threads pass it as if
 * it were not there. When tid exits the breakpoint never counts again. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_thread(cdbg_proc *p, int id, pid_t tid);
/* Number of breakpoints; fills ids (ascending) up to max. */
CDBG_EXTERN int cdbg_bp_list(cdbg_proc *p, int *ids, size_t max);
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_bp_info(cdbg_proc *p, int id, struct cdbg_bp_info *info);

/* ---- the session: logical breakpoints --------------------------------------------------------
 * Breakpoints as a user sets them (gdb's break, tbreak, hbreak, watch, rwatch, awatch), kept in
 * the handle across runs: a spec (a function, a FILE:LINE, an address, a watched expression)
 * is numbered 1, 2, 3... in the order of creation, and placed in every process the handle
 * takes (cdbg_attach, cdbg_launch). One spec gets a location at every address that matches it
 * (gdb's 1.1, 1.2: a line in an inlined function, in two copies of a template; a function's
 * overloads, template instances, static namesakes and inlined copies, cdbg_func_break_addrs);
 * a spec nothing
 * matches yet is pending: the session asks for library reports (cdbg_libraries_report) and
 * resolves it when a library that has it is loaded (at the CDBG_EV_LIBRARIES cdbg_wait hands
 * out). A location in a library that is unloaded goes; a spec left without one is pending
 * again. When the process goes (exit, kill, detach, exec) the locations are kept for display
 * but no longer inserted; the next process gets them afresh. After CDBG_EV_EXEC call
 * cdbg_break_resolve. Hit counts count across runs, as gdb's do.
 *
 * Each location is a breakpoint of the layer above (cdbg_bp_insert, cdbg_bp_insert_hw): a hit
 * reports that id in ev.bp_id; cdbg_break_of_hit maps it back. The condition and ignore count
 * of a breakpoint are given to each of its locations, so they are evaluated inside the
 * library at the trap; the locations share one ignore count, so, as in gdb, an ignore count
 * of 5 skips the breakpoint's next 5 counted hits wherever (and in whichever thread) they
 * happen. Removing or changing a breakpoint needs the process stopped (or none held): while it
 * runs, cdbg_break_remove, _enable, _set_condition and _set_ignore fail with CDBG_ERUNNING. */

enum cdbg_break_kind {
	CDBG_BREAK_SOFTWARE,     /* an int3 at each location (break, tbreak) */
	CDBG_BREAK_HARDWARE,     /* a debug register at each location (hbreak) */
	CDBG_BREAK_WATCH_WRITE,  /* stop when the program writes the memory (watch) */
	CDBG_BREAK_WATCH_READ,   /* reads it (rwatch): x86 has no read-only debug register, so it
				  * is inserted as an access watchpoint and a hit whose value
				  * changed (old_value != new_value) was a write, for the
				  * front-end not to report */
	CDBG_BREAK_WATCH_ACCESS, /* reads or writes it (awatch) */
	CDBG_BREAK_CATCH,        /* a catchpoint (gdb's catch): spec.catch_kind says of what */
};

/* What a catchpoint (CDBG_BREAK_CATCH) catches; spec.expr holds its arguments as gdb takes
 * them (NULL or "": every one): */
enum cdbg_catch_kind {
	CDBG_CATCH_NONE,
	CDBG_CATCH_SYSCALL, /* entries and returns of system calls: names, numbers, g:GROUP or
			     * group:GROUP, separated by blanks */
	CDBG_CATCH_SIGNAL,  /* signals delivered: names (SIGUSR1, USR1), numbers, or "all" (none:
			     * every signal but SIGTRAP and SIGINT, as gdb) */
	CDBG_CATCH_FORK,    /* fork and vfork and exec: the events CDBG_EV_FORK, CDBG_EV_VFORK, */
	CDBG_CATCH_VFORK,   /* CDBG_EV_EXEC then stop (no arguments) */
	CDBG_CATCH_EXEC,
	CDBG_CATCH_THROW,   /* C++ exceptions thrown, caught, rethrown: a location at */
	CDBG_CATCH_CATCH,   /* __cxa_throw, __cxa_begin_catch, __cxa_rethrow (expr: a regular */
	CDBG_CATCH_RETHROW, /* expression over the exception's type, kept for display) */
};

/* What happens to a breakpoint when a stop at it is reported (cdbg_break_hit_done). */
enum cdbg_break_disp {
	CDBG_DISP_KEEP,    /* nothing */
	CDBG_DISP_DELETE,  /* it is removed (tbreak, enable delete) */
	CDBG_DISP_DISABLE, /* it is disabled (enable once), or after enable_count stops (enable
			    * count N); the disposition stays, as gdb's does */
};

/* cdbg_break_spec flags */
#define CDBG_BREAK_TEMPORARY 1u /* disposition CDBG_DISP_DELETE */
#define CDBG_BREAK_DISABLED 2u  /* created disabled: not placed until enabled */
#define CDBG_BREAK_FIXED                                                                           \
	4u /* a watchpoint keeps the address it was first given or found
				 * (gdb's watch -location), else its expression is evaluated
				 * again in each new process */
#define CDBG_BREAK_SOFT                                                                            \
	8u /* a write watchpoint watched by single-stepping (CDBG_BP_SOFT), not by debug
	    * registers (gdb's set can-use-hw-watchpoints 0); the session sets it itself when
	    * the debug registers do not suffice */

struct cdbg_break_spec {
	enum cdbg_break_kind kind;
	/* Where: exactly one of the three groups. */
	const char *function; /* "main", "ns::C::f", "libc.so.6:malloc", as cdbg_func_break_addr */
	const char *file;     /* with line: as cdbg_addrs_for_line takes them */
	int line;
	uint64_t addr;    /* a code address (break *ADDR; used when neither function nor
			       * line is given, 0 included); for a watchpoint, the address of
			       * the memory in the process held now (with len), 0 to evaluate expr */
	const char *expr; /* code breakpoints (without function or line): an expression for the
			   * address (gdb's break *EXPR), evaluated again (cdbg_eval, no thread)
			   * in the program's file before it runs and in each process, so that
			   * `*func` follows a PIE's relocation; addr is then ignored.
			   * watchpoints: the memory watched, as an lvalue expression ("x",
			       * "*(int *)0x404028"), evaluated in frame 0 of the process's first
			       * thread as &(expr) when a process is taken (see CDBG_BREAK_FIXED);
			       * also kept as the watchpoint's text */
	unsigned len;     /* watchpoints: bytes (1, 2, 4 or 8) at addr */
	const struct cdbg_eval_env *env; /* names in expr the library does not know (copied; its
					  * data must live as long as the breakpoint); may be NULL */
	const char *condition;           /* stop only when true (cdbg_bp_condition); NULL: always */
	unsigned ignore;                 /* do not stop for the next `ignore` hits */
	unsigned flags;                  /* CDBG_BREAK_* */
	void *user;           /* the front-end's own data (gdb's `commands`), handed back by
			       * cdbg_break_info; never looked at or freed by the library */
	pid_t thread;         /* stop only in this thread (gdb's break LOC thread N), 0: in every
			       * thread; kept for this process only (cdbg_bp_thread) */
	int catch_kind;       /* CDBG_BREAK_CATCH: enum cdbg_catch_kind */
	uint64_t reserved[2]; /* zero */
};

struct cdbg_break_info {
	int id; /* its number, from 1 */
	enum cdbg_break_kind kind;
	enum cdbg_break_disp disp;
	int enable_count; /* CDBG_DISP_DISABLE: stops left before it is disabled (0: at the
			       * next one, gdb's enable once) */
	int enabled;
	unsigned flags;       /* as given, with CDBG_BREAK_TEMPORARY following disp */
	const char *function; /* the spec, as given: NULL for the groups not given */
	const char *file;
	int line;
	uint64_t addr; /* address spec; for a watchpoint the address watched now (0 when
			       * not found yet) */
	const char *expr;
	unsigned len;          /* watchpoints: bytes watched now (0 when not found yet) */
	const char *condition; /* NULL when none */
	unsigned ignore;       /* hits still to ignore */
	unsigned long hits;    /* hits that counted (condition true), ignored ones included, over
			       * every location and every run; a watchpoint's: the stops the
			       * front-end reported (cdbg_break_hit_done), as gdb counts them */
	int nlocs;             /* locations now (cdbg_break_locations) */
	int pending;           /* nothing matches the spec in the process (or no process was held
			       * since it was set) */
	void *user;
	const char *error; /* why it could not be placed in the process held now, else NULL */
	pid_t thread;      /* the spec's thread, 0 when none */
	int catch_kind;    /* CDBG_BREAK_CATCH: enum cdbg_catch_kind, else 0 */
	uint64_t reserved[2];
};
/* The strings of an info stay valid until the breakpoint is changed or removed. */

struct cdbg_break_loc {
	int number; /* from 1 (gdb's N.1, N.2) */
	uint64_t addr;
	int enabled;          /* the location's own switch (the breakpoint's is in its info) */
	int inserted;         /* placed in the process held now */
	int bp_id;            /* its breakpoint id (cdbg_bp_info) while inserted, else 0 */
	unsigned long hits;   /* hits at this location since it was found */
	const char *function; /* the function it is in, as cdbg_sym_by_addr names it, or NULL */
	uint64_t offset;      /* addr minus the function's start */
	const char *file;     /* its source line (the full path), or NULL */
	int line;
	uint64_t reserved[4];
};

/* A new breakpoint from spec, placed at once when a process is held and stopped (pending when
 * nothing matches). Returns 0 with *id (may be NULL); or CDBG_EBADEXPR (a condition that does
 * not compile), CDBG_EBADADDR, CDBG_ENOSLOT, -EINVAL (a spec with no place or two), -ENOMEM:
 * then nothing is kept and no number is used. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_add(cdbg_proc *p, const struct cdbg_break_spec *spec,
					       int *id);
/* Remove breakpoint id and its locations. Returns 0 or CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_remove(cdbg_proc *p, int id);
/* Enable (1) or disable (0) breakpoint id (loc 0) or its location number loc. Enabling places
 * a breakpoint that was not. Returns 0, CDBG_ENOBP (no such breakpoint or location), or why
 * it could not be placed (it stays disabled). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_enable(cdbg_proc *p, int id, int loc, int enabled);
/* Stop only when expr is true (NULL or "": always). A watchpoint's condition is kept for the
 * front-end, which evaluates it where it means something (gdb: in the innermost frame of the
 * function whose locals it names); the library does not. Returns 0, CDBG_ENOBP, or CDBG_EBADEXPR
 * with nothing changed. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_set_condition(cdbg_proc *p, int id, const char *expr);
/* Do not stop for the next count hits. Returns 0 or CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_set_ignore(cdbg_proc *p, int id, unsigned count);
/* Every breakpoint's hit count back to 0, as gdb's run does before it starts the program; no
 * process may be held (CDBG_EBADSTATE). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_clear_hits(cdbg_proc *p);
/* What a reported stop at it does (count: CDBG_DISP_DISABLE's enable_count). Returns 0 or
 * CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_set_disposition(cdbg_proc *p, int id,
							   enum cdbg_break_disp disp, int count);
/* Replace the front-end's data. Returns 0 or CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_set_user(cdbg_proc *p, int id, void *user);
/* Breakpoint id. Returns 0 with *info, or CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_info(cdbg_proc *p, int id, struct cdbg_break_info *info);
/* The locations of breakpoint id, by address: fills up to max, returns how many there are
 * (>= 0), or CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_locations(cdbg_proc *p, int id,
						     struct cdbg_break_loc *locs, size_t max);
/* The breakpoints, ascending: fills up to max ids, returns how many there are (>= 0). */
CDBG_EXTERN int cdbg_break_list(cdbg_proc *p, int *ids, size_t max);
/* The breakpoint and location (number from 1, may be NULL) whose location reported bp_id
 * (ev.bp_id of CDBG_EV_BREAKPOINT / CDBG_EV_WATCHPOINT, cdbg_call's bp_id). Returns 0, or
 * CDBG_ENOBP when bp_id is none of the session's (an internal or a cdbg_bp_insert one). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_of_hit(cdbg_proc *p, int bp_id, int *id, int *loc);
/* The front-end reported a stop at breakpoint id: apply its disposition (and count it, for a
 * watchpoint: a write of the same value is no hit in gdb). Returns 1 when it was
 * removed (CDBG_DISP_DELETE), 0 when it stays, or CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_hit_done(cdbg_proc *p, int id);
/* Place every enabled breakpoint that is not placed in the stopped process now: pending ones
 * that match now, those that failed before. Done by the library when a process is taken and
 * at each library report; needed after CDBG_EV_EXEC. Returns how many could not be placed
 * (their info's error says why), 0 when all were (pending ones are not failures), or
 * CDBG_ENOPROC. */
CDBG_EXTERN int cdbg_break_resolve(cdbg_proc *p);
/* Memory a watchpoint on an expression watches: one of the places it read. */
struct cdbg_watch_range {
	uint64_t addr;
	unsigned len;
};
/* Watch the n ranges r (cdbg_watch_eval) for watchpoint id from now on (gdb re-arms a
 * watchpoint on *p when p changes): its locations are replaced by the aligned pieces of 1, 2,
 * 4 or 8 bytes that cover them, one debug register each, placed at once in the stopped
 * process and kept until the process is gone. Returns 0; CDBG_ENOSLOT when the debug
 * registers do not suffice (placing failed: the watchpoint is left with no location, found
 * again from its expression in the next process), -EINVAL for n 0 or a code breakpoint,
 * CDBG_ENOBP. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_break_watch_set(cdbg_proc *p, int id,
						     const struct cdbg_watch_range *r, size_t n);

/* ---- catchpoints ------------------------------------------------------------------------------
 * Catchpoints are session breakpoints of kind CDBG_BREAK_CATCH (numbered with the others;
 * enable, condition, ignore, disposition and user data as for any). Those of system calls,
 * signals, fork, vfork and exec have no location: the library stops the process at the
 * events they want (syscall entry and return stops, signals whatever their policy, fork and
 * exec events) and cdbg_catch_hit says which catchpoint an event stops at. */

/* The catchpoint (CDBG_BREAK_CATCH, enabled) event ev stops at, its condition true in ev's
 * thread and ignore count spent; its hit is counted. Returns 1 with *id, 0 when none wants it
 * (the front-end then treats ev as it would without catchpoints: a syscall stop simply goes
 * on), or a negative code. A CDBG_EV_BREAKPOINT of a throw/catch catchpoint is reported by
 * cdbg_break_of_hit as any breakpoint's. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_catch_hit(cdbg_proc *p, const struct cdbg_event *ev, int *id);
/* x86-64's system call nr as gdb names it, or NULL. */
CDBG_EXTERN const char *cdbg_syscall_name(long nr);
/* The number of the system call named name, or -1. */
CDBG_EXTERN long cdbg_syscall_number(const char *name);
/* The system calls of gdb's group (descriptor, file, ipc, memory, network, process, signal):
 * fills nrs up to max, returns how many there are, or -1 for no such group. */
CDBG_EXTERN int cdbg_syscall_group(const char *group, long *nrs, size_t max);

/* ---- running code in the tracee ---------------------------------------------------------------- */

/* Run system call nr with args in stopped thread tid (others stay stopped) and restore the
 * thread exactly, an interrupted system call of its own included. *ret gets the raw result
 * (-errno on failure). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_syscall(cdbg_proc *p, pid_t tid, long nr,
					     const uint64_t args[6], uint64_t *ret);

/* ---- expressions ---------------------------------------------------------------------------
 * C-like expressions over registers ($rax, $pc, $eflags), memory (*(int*)ADDR, {long}ADDR),
 * integers, characters, casts and arithmetic; the same evaluator runs breakpoint conditions. */

/* What a value is, for a front-end that shows values as trees (a DAP variables view). */
enum cdbg_value_kind {
	CDBG_VAL_VOID = 0, /* no value: a void result, an unset convenience variable */
	CDBG_VAL_INT,      /* an integer that is neither char nor bool */
	CDBG_VAL_CHAR,     /* char, signed char, unsigned char (and int8_t, uint8_t) */
	CDBG_VAL_BOOL,     /* _Bool, C++ bool */
	CDBG_VAL_FLOAT,    /* float, double, long double */
	CDBG_VAL_POINTER,  /* a pointer or C++ reference: one child, what it points to */
	CDBG_VAL_ARRAY,    /* an array: its elements are its children */
	CDBG_VAL_STRUCT,   /* a struct or C++ class: its members are its children */
	CDBG_VAL_UNION,    /* a union: its members are its children */
	CDBG_VAL_ENUM,     /* an enumeration */
	CDBG_VAL_FUNCTION, /* a function (bits: its address) */
};

#define CDBG_TYPE_MAX 256 /* bytes of cdbg_value.type, its NUL included */

struct cdbg_value {
	uint64_t bits; /* the value, zero- or sign-extended to 64 bits */
	unsigned size; /* bytes: 1, 2, 4 or 8 */
	int is_signed;
	int is_pointer;        /* a pointer (size 8): see ptr_depth and pointee_* */
	int is_char;           /* a char type: print as 97 'a' */
	unsigned ptr_depth;    /* pointer: number of '*' */
	unsigned pointee_size; /* pointer: size of the integer under the '*'s, 0 if void */
	int pointee_signed;
	int lvalue; /* it lives in memory at addr (a dereference, a variable) */
	uint64_t addr;
	char reg[16];              /* it is register `reg` of the thread ($rax), else "" */
	char type[CDBG_TYPE_MAX];  /* its C type: "int", "unsigned long", "char *", gdb's name of
				 * a program type ("struct point *"); a longer name (C++
				 * templates) is cut to fit and type_cut is set: cdbg_value_type
				 * gives it whole */
	uint32_t dtype;            /* the program's own (DWARF) type: a handle of the handle, 0 if
				 * none; it stays valid until the process is gone or execs. A
				 * struct, union, array or float has is_pointer 0 and, when lvalue,
				 * its bytes stay in the tracee at addr (a history value shows them
				 * as they are now); else bits holds them (size <= 8) */
	int optimized_out;         /* the program has no value for it here (<optimized out>) */
	int is_aggregate;          /* a struct, union, array or floating value (with dtype): no
				 * integer view; size is its size in bytes */
	int is_float;              /* a float (size 4) or double (size 8), with dtype (a variable;
				 * is_aggregate too) or without (a literal, a result of
				 * arithmetic): bits hold its IEEE bits, type names it */
	enum cdbg_value_kind kind; /* what it is (the flags above say it too, the older way); set
				 * by the library, never read by it (a value a client fills
				 * itself may leave it 0) */
	int type_cut;         /* type holds only the first CDBG_TYPE_MAX - 1 bytes of the name */
	int nodebug;          /* a variable of the program with no debug info (an ELF symbol): an
			       * lvalue at addr, used only through a cast ((int)v reads an int
			       * there) or & (gdb's "'v' has unknown type; cast it to its declared
			       * type" otherwise) */
	int is_vector;        /* a GNU vector (vector_size attribute; kind CDBG_VAL_ARRAY): its
			       * operators and assignments work element-wise */
	uint64_t bits_hi;     /* a _Decimal128 (kind CDBG_VAL_FLOAT, is_float 0, size 16): the high
			       * 64 of its 128 BID bits (bits holds the low 64); else zero */
	uint32_t bitsize;     /* a bit-field of an object in memory: its width (1..64); its bits
			       * start at bit bitpos (0..7) of the byte at addr (lvalue is 0: the
			       * bytes at addr are not the value); else zero */
	uint32_t bitpos;      /* see bitsize */
	uint64_t reserved[1]; /* zero */
};

/* Names the library does not know, asked of the front-end: $-variables other than registers
 * (convenience variables, value history; name given without '$': "1", "_exitcode", "foo",
 * "" for $, "$" for $$) and plain identifiers (symbols). Return 0 with *out filled, -1 if
 * unknown. Either may be NULL. */
struct cdbg_eval_env {
	int (*var)(void *data, const char *name, struct cdbg_value *out);
	int (*symbol)(void *data, const char *name, struct cdbg_value *out);
	void *data;
	/* $name(args), a function the front-end provides (gdb's convenience functions: $_strlen,
	 * $_gdb_setting): 0 with *out, -1 with a sentence in err (errlen bytes), 1 when name is
	 * no such function ($name is then called as any value). May be NULL. */
	int (*func)(void *data, const char *name, const struct cdbg_value *args, int nargs,
		    struct cdbg_value *out, char *err, size_t errlen);
};

/* Evaluate expr in thread tid (registers are that thread's; tid 0: no registers, e.g. when
 * no process is held). Returns 0 with *out, or a failure with the reason in cdbg_errmsg:
 * CDBG_ENONAME (an identifier nothing knows: cdbg_errsubject names it), CDBG_ENOMEM (memory
 * that cannot be read: cdbg_erraddr), CDBG_EDIVZERO (integer division by zero), CDBG_EBADEXPR
 * (anything else: syntax, types, unknown registers). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_eval(cdbg_proc *p, pid_t tid, const char *expr,
					  const struct cdbg_eval_env *env, struct cdbg_value *out);
/* Fill *v as a string the debugger holds (gdb's "abc": char [len + 1], the NUL included), for
 * the front-end's functions and variables; it lives until the process is freed. Returns 0, or
 * -ENOMEM when the debugger's room for such bytes is full. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_value_string(cdbg_proc *p, const char *s, size_t len,
						  struct cdbg_value *v);
/* The same without the NUL (gdb's value of a setting's text, $_gdb_setting_str): char [len],
 * or char [1] holding a NUL when len is 0. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_value_chars(cdbg_proc *p, const char *s, size_t len,
						 struct cdbg_value *v);
/* Read len bytes of a value at addr: the debugger's own (cdbg_value_string, string literals)
 * or the program's (breakpoints hidden). Returns the bytes read, fewer at the end of what
 * can be read, or -1 when none can be. */
CDBG_EXTERN CDBG_MUST_CHECK ssize_t cdbg_value_read(cdbg_proc *p, uint64_t addr, void *buf,
						    size_t len);
/* Fill *v as an integer value of size bytes (1/2/4/8) and signedness, for the front-end's
 * variables. */
CDBG_EXTERN void cdbg_value_int(struct cdbg_value *v, uint64_t bits, unsigned size, int is_signed);
/* The bits v becomes when assigned to an object of like's type, as C converts (2.9 stored in
 * an int is 2, 3 stored in a double is 3.0): for storing v's bits into like's place. */
CDBG_EXTERN uint64_t cdbg_value_convert(cdbg_proc *p, const struct cdbg_value *v,
					const struct cdbg_value *like);

/* ---- variables and types (DWARF) -----------------------------------------------------------
 * Program variables and types as the compiler described them (DWARF, read with libdw), in a
 * frame of a stopped thread: a name is looked up in the innermost lexical block at the frame's
 * pc, then the enclosing blocks, the function's locals and arguments, the compilation unit's
 * statics and globals, and last the globals of every module (executable first). Locations are
 * DWARF location expressions and lists, evaluated with that frame's registers (outer frames:
 * as CFI unwinding recovers them; a register it cannot recover makes the value optimized out). */

/* cdbg_eval in frame `frame` of tid (0: innermost) with the program's variables: VAR, *ptr,
 * s.field, p->field, arr[3], &var, sizeof(x) and arithmetic on scalars. Names the DWARF does
 * not know go to env->symbol, as cdbg_eval does. Returns 0 with *out (its dtype set when
 * the program's type is known), or the failures of cdbg_eval, CDBG_ENOTHREAD, CDBG_ENOFRAME
 * ("no frame at level 9"). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_eval_frame(cdbg_proc *p, pid_t tid, int frame,
						const char *expr, const struct cdbg_eval_env *env,
						struct cdbg_value *out);

/* Evaluate expr in frame `frame` of thread tid as gdb's watchpoints see it: *out its value, r
 * the memory it depends on: every place the evaluation read (each lvalue of the chain: p and
 * *p for *p) and the whole of the value when it lives in memory (a struct, an array),
 * overlapping ones merged. Fills up to max, returns how many there are (0: nothing in memory,
 * as $pc or a value in a register), or the failures of cdbg_eval_frame. When memory it reads
 * cannot be read (*p with p NULL), the places read up to there are still given, *out is
 * void (size 0) and cdbg_errcode says CDBG_ENOMEM. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_watch_eval(cdbg_proc *p, pid_t tid, int frame,
						const char *expr, const struct cdbg_eval_env *env,
						struct cdbg_value *out, struct cdbg_watch_range *r,
						size_t max);

#define CDBG_FMT_TOP                                                                               \
	1u /* v is the whole value printed (not a member): pointers show their
			 * type, "(struct point *) 0x...", as gdb's print does */
/* Write v as gdb prints it into buf (len bytes, NUL-terminated, cut if short): structs as
 * {x = 1, y = 2, next = 0x0}, arrays {1, 2, 3} with <repeats N times>, char arrays and char *
 * as strings, enums by name, bool true/false, float 1.5, <optimized out>. fmt is 0 for the
 * natural format or one of gdb's letters x d u o t c a z, applied member by member. A value
 * without a dtype is shown by its C view (integers, pointers). Returns the length of the
 * whole text (as snprintf), CDBG_ENOMEM when its bytes cannot be read ("cannot access memory
 * at address 0x...", cdbg_erraddr), or CDBG_EBADEXPR. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_value_format(cdbg_proc *p, const struct cdbg_value *v, int fmt,
						  unsigned flags, char *buf, size_t len);

/* What gdb's `set print` settings change in a value's text (cdbg_value_format_opts). */
struct cdbg_print_opts {
	unsigned elements; /* set print elements: array elements and string characters shown, the
			    * rest as "..."; 0 is unlimited (gdb's default: 200) */
	unsigned repeats;  /* set print repeats: runs longer than this are "<repeats N times>"; 0
			    * is unlimited, never folded (gdb's default: 10) */
	int no_address; /* nonzero: set print address off: pointers without their address (a char *
			    * as its string only, a function pointer as <f>) */
	int no_symbol;  /* nonzero: set print symbol off: data pointers without <sym+off> */
	char nibbles;   /* set print nibbles on: /t digits grouped by four, separated by this
			 * character (' ', '_' for Rust, '\'' for C++); 0: off */
	int null_stop;  /* nonzero: set print null-stop on: char arrays end at their first NUL */
	int max_depth;  /* set print max-depth, plus one: structs, unions and arrays (not strings)
			 * nested deeper than that show as {...}; 0 is gdb's default (20), -1
			 * unlimited */
	int pretty;     /* nonzero: set print pretty on: a struct's members a line each,
			    * indented two spaces a level, as gdb */
	int array_indexes;  /* nonzero: set print array-indexes on: "[i] = " before elements */
	char output_format; /* set output-radix 16 or 8: 'x' or 'o', the format of integers,
			     * characters and booleans printed with none (fmt 0); 0: decimal */
	int styled; /* nonzero: set style enabled on: member names and enumerators, addresses,
		     * <symbols> and <repeats N times> wrapped in cdbg_style_begin/end's escapes */
};
/* cdbg_value_format with gdb's print settings opts (NULL: gdb's defaults, what
 * cdbg_value_format uses). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_value_format_opts(cdbg_proc *p, const struct cdbg_value *v,
						       int fmt, unsigned flags,
						       const struct cdbg_print_opts *opts,
						       char *buf, size_t len);

/* gdb's character sets (set host-charset, target-charset, target-wide-charset), process-wide
 * as gdb's: which is CDBG_CHARSET_*, name an iconv(3) name as `iconv -l` lists it, "" or
 * "auto" for gdb's auto (the program's chars as ASCII, its wchar_t as UTF-32). The program's
 * characters are converted from them when printed, and literals in expressions into them ('A'
 * is 193 under EBCDIC-US). Returns 0, or -EINVAL when iconv cannot convert it to and from
 * UTF-32 (then nothing changes). */
#define CDBG_CHARSET_HOST 0
#define CDBG_CHARSET_TARGET 1
#define CDBG_CHARSET_WIDE 2
CDBG_EXTERN int cdbg_charset_set(int which, const char *name);
/* The name setting which has, "" for auto, into out (max bytes, NUL-terminated). */
CDBG_EXTERN void cdbg_charset_get(int which, char *out, size_t max);

#define CDBG_CHARS_CHAR 1u /* bytes is one character: a char literal, 'a', '\n', '\310' */
/* Characters as gdb prints them, into out (max bytes, NUL-terminated, cut if short): a string
 * in gdb's segments, "abc", 'x' <repeats 30 times>, "\033[0m" (runs longer than 10 as
 * repeats, "" when n is 0; the caller cuts at gdb's 200 elements and adds "..."), or with
 * CDBG_CHARS_CHAR the one character as a literal. Escapes: \a \b \f \n \r \t \v, \\, the
 * quote, else octal \ooo outside printable ASCII. Returns the length of the whole text (as
 * snprintf), or -EINVAL. */
CDBG_EXTERN int cdbg_format_chars(const void *bytes, size_t n, unsigned flags, char *out,
				  size_t max);

#define CDBG_INT_SIGNED 1u  /* the bits are a signed integer */
#define CDBG_INT_PAD 2u     /* /x and /t zero-padded to the size, as gdb's x command shows them */
#define CDBG_INT_NIBBLES 4u /* /t in groups of four digits, "0011 0000" (gdb's print nibbles) */
#define CDBG_INT_NIBBLES_US                                                                        \
	8u /* /t in groups of four joined by '_' (print nibbles in Rust);
				* with CDBG_INT_NIBBLES by '\'' (in C++) */
/* The low size bytes of bits as gdb's print shows them in format fmt: 'x' 0x1f, 'z' 0x0000001f
 * (always padded), 'o' 037, 't' 11111, 'd' and 'u' decimal, 'c' 97 'a' (a char of size 1
 * keeps its signedness, wider values are cast to a signed char), 'f' the float or double of
 * that size (nan(0x8000000000000) as gdb), else an integer, 'a' the address in hex (the symbol
 * after it: cdbg_format_sym); any other fmt (0): decimal, signed by CDBG_INT_SIGNED. Into out
 * (max bytes, NUL-terminated, cut if short); returns the length of the whole text (as
 * snprintf), or -EINVAL for unknown flags. */
CDBG_EXTERN int cdbg_format_int(uint64_t bits, unsigned size, int fmt, unsigned flags, char *out,
				size_t max);

#define CDBG_FMTSYM_ANY 1u /* cdbg_format_sym: any symbol cdbg_sym_by_addr finds */
/* " <main+4>", " <g>": the symbol gdb names after the address addr, into out (max bytes,
 * NUL-terminated, cut if short), "" when none. By default only a function or object whose
 * extent holds addr (never for 0), as print shows pointers in a value of the program's type;
 * with CDBG_FMTSYM_ANY whatever cdbg_sym_by_addr finds (also the closest label before addr),
 * as print/a of a plain integer, registers and instructions show it. Returns the length (as
 * snprintf), -EINVAL for unknown flags, or CDBG_EWRONGTHREAD. */
CDBG_EXTERN int cdbg_format_sym(cdbg_proc *p, uint64_t addr, unsigned flags, char *out, size_t max);

#define CDBG_FLAGS_EFLAGS 0 /* cdbg_format_flags: which register's bit names */
#define CDBG_FLAGS_MXCSR 1
/* A flags register as gdb shows it: "[ PF ZF IF ]", "[ IM DM ZM OM UM PM ]", "[ ]" when no
 * named bit is set. Returns the length (as snprintf), or -EINVAL for an unknown reg. */
CDBG_EXTERN int cdbg_format_flags(uint64_t v, int reg, char *out, size_t max);
/* An x87 register's 10 bytes as its value: "0", "3.14159265358979323851", "-nan(0x...)".
 * Returns the length (as snprintf). */
CDBG_EXTERN int cdbg_format_x87(const void *bytes, char *out, size_t max);

#define CDBG_VEC_RAW 1u /* each view's lanes in hex, as `info registers` shows them */
/* A vector register's bytes (size 16: xmm, 32: ymm) as gdb's union of lanes: by default as
 * `print $xmm0` shows it, {v8_bfloat16 = {0, 1.5, ...}, v4_float = {...}, ..., uint128 = 5}
 * (floats with their type's digits, integers signed), only the view named field ("v4_int32",
 * "uint128") when field is not NULL, and only its lane idx when idx >= 0; with CDBG_VEC_RAW
 * (field NULL) every lane in hex, {v8_bfloat16 = {0x0, 0x3fc0, 0x0 <repeats 6 times>}, ...,
 * uint128 = 0x3fc00000}. Runs of more than 10 equal lanes as <repeats N times>. Returns the
 * length (as snprintf), or -EINVAL when size, field or idx names nothing. */
CDBG_EXTERN int cdbg_format_vector(const void *bytes, unsigned size, const char *field, int idx,
				   unsigned flags, char *out, size_t max);

/* One argument of cdbg_format_printf. */
struct cdbg_printf_arg {
	uint64_t bits;   /* the integer (%d %u %x ... %c), the pointer (%p); a float's bits */
	int is_signed;   /* the integer is signed */
	const char *str; /* %s: the string, NULL shown as "(null)"; %Hf %Df %DDf: when not NULL,
			  * a decimal float's text as gdb prints it ("1.2", "-1.2E+10") */
	unsigned size;   /* the value's size in bytes; for %e %f %g, as gdb, an integer of 4 or 8
			  * bytes is read as a float or double of the same bytes, another one
			  * converted by its value (0: an older caller, converted by value) */
	int is_float;    /* a float (size 4: bits' low 32) or double (size 8: bits); with size
			  * 10 or 16, the long double ld. %d and the like truncate it */
	long double ld;  /* is_float with size 10 or 16: the value */
};
/* Check gdb's printf format string fmt (its escapes already done) as gdb does: fills convs[i]
 * with the letter of the i-th conversion ('C' for %lc, 'S' for %ls) (at most max of them; convs may be NULL when max is 0)
 * and returns their count, or -1 with gdb's message in err (errlen bytes): "Unrecognized format
 * specifier 'y' in printf", "`*' not supported for precision or width in printf". */
CDBG_EXTERN int cdbg_format_printf_check(const char *fmt, char *convs, int max, char *err,
					 size_t errlen);
/* fmt with args (nargs of them, one per conversion) as gdb's printf writes it, into out (max
 * bytes, NUL-terminated, cut if short): %d %i take an int (l, ll, z: 64 bits; h: a short), %u %o
 * %x %X likewise unsigned, %c a char (a NUL is written and counted), %p "0x..." or "(nil)", %s a
 * string, %e %f %g a double (L: a long double), %Hf %Df %DDf the value as gdb shows it once
 * converted to _Decimal32, _Decimal64, _Decimal128 (its width and precision ignored). Returns the length of the whole text
 * (as snprintf), or -EINVAL when fmt does not pass cdbg_format_printf_check or has more
 * conversions than nargs. */
CDBG_EXTERN int cdbg_format_printf(const char *fmt, const struct cdbg_printf_arg *args,
				   size_t nargs, char *out, size_t max);

/* The name gdb gives the type of v ("struct point *", "char [16]", "int (*)(int)"), whole
 * (v->type may be cut: type_cut), into buf (len bytes, NUL-terminated, cut if short). Returns
 * the length of the whole name (as snprintf), or -EINVAL when v has no dtype. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_value_type(cdbg_proc *p, const struct cdbg_value *v, char *buf,
						size_t len);
/* Where the bytes the debugger holds itself appear: an x86-64 address no program can map. */
#define CDBG_VALUE_HELD_BASE 0xdeb0000000000000ull
/* Memory as values see it: the bytes the debugger holds itself (string literals, copies kept
 * at addresses no program can map) or else the program's (cdbg_mem_read).
 * Returns the bytes read, or a failure as cdbg_mem_read. */
CDBG_EXTERN CDBG_MUST_CHECK ssize_t cdbg_value_mem(cdbg_proc *p, uint64_t addr, void *buf,
						   size_t len);

#define CDBG_PTYPE_EXPAND                                                                          \
	1u /* ptype: expand typedefs and the members of structs, unions and
			      * enums; without it, whatis: one level of typedef */
/* gdb's ptype/whatis of text, a type name ("struct point", "enum color", "point_t", "int",
 * "char *") or else an expression evaluated in frame `frame` of tid (tid 0: globals only),
 * into buf without the "type = " prefix, possibly several lines. Returns the length, or
 * CDBG_ENONAME ("no struct type named x", cdbg_errsubject "struct x"), or a failure of
 * cdbg_eval_frame. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_ptype(cdbg_proc *p, pid_t tid, int frame, const char *text,
					   unsigned flags, char *buf, size_t len);
/* cdbg_ptype with the front-end's names (env, as cdbg_eval_frame takes them: its $history,
 * $variables and $functions), NULL as cdbg_ptype. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_ptype_env(cdbg_proc *p, pid_t tid, int frame, const char *text,
					       const struct cdbg_eval_env *env, unsigned flags,
					       char *buf, size_t len);

/* A variable of a frame. */
struct cdbg_var {
	char name[128];
	struct cdbg_value value; /* its value (optimized_out when it has none here) */
	int is_arg;              /* a formal parameter */
};
#define CDBG_VARS_LOCALS 1u /* locals of the innermost block first, then the enclosing ones */
#define CDBG_VARS_ARGS 2u   /* the function's parameters, in order */
/* The variables of frame `frame` of stopped thread tid that `which` asks for, in gdb's order
 * for info locals / info args. Fills up to max; returns how many there are (>= 0), or
 * CDBG_ENOSYM when the frame's code has no DWARF ("no symbol table info available"). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_frame_vars(cdbg_proc *p, pid_t tid, int frame, unsigned which,
						struct cdbg_var *vars, size_t max);

/* The children of v, for a tree view that expands a value lazily: the members of a struct,
 * class or union in declaration order (a C++ base class as "<Base>"; unnamed members as
 * "<anonymous>"), the elements of an array ("[0]", "[1]", ...; of a 2-D array, its rows), or
 * the one object a pointer points to (named "*"; none for void * and function pointers).
 * Scalars, enums and optimized-out values have none. Children start .. start + max - 1 are
 * written to out (as struct cdbg_var, is_arg 0; each value read now, as cdbg_eval reads a
 * variable); out may be NULL with max 0 to count. Returns how many children v has in all
 * (>= 0, whatever start and max are), or CDBG_ENOMEM when a child in the window cannot be
 * read (cdbg_erraddr; a null pointer's child), -EINVAL when v's dtype is not known any more. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_value_children(cdbg_proc *p, const struct cdbg_value *v,
						    size_t start, struct cdbg_var *out, size_t max);

/* The value a function just returned in stopped thread tid, read as the DWARF return type of
 * the function at func_addr from where the ABI leaves it (x86-64: float and double in xmm0,
 * integers, pointers and values of up to 8 bytes in rax, values of more than 16 bytes through
 * the address rax holds). Returns 0 with *out, 1 when the function returns void, or
 * CDBG_ENOSYM when its type is not known or the value is not in one register (a long double,
 * a 9- to 16-byte struct). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_return_value(cdbg_proc *p, pid_t tid, uint64_t func_addr,
						  struct cdbg_value *out);

/* ---- backtraces ------------------------------------------------------------------------------- */

struct cdbg_frame {
	uint64_t pc;          /* where the frame executes (for callers: the return address) */
	int is_caller;        /* 1 for every frame but the innermost (and signal frames' callees) */
	char func[256];       /* function name as gdb shows frames (cdbg_func_name), "" if
			       * unknown (cut: func_cut) */
	uint64_t func_offset; /* pc minus the function's start */
	char file[512];       /* source file, "" if no line information (cut: file_cut) */
	int line;             /* source line, 0 if unknown */
	char module[256];     /* the ELF file (cut: module_cut) */
	uint64_t sp;          /* the stack pointer in this frame (for callers: once the callee
				* has returned), 0 if unknown */
	uint64_t cfa;         /* the canonical frame address: the caller's sp, which identifies
				* the frame's activation (recursion), 0 if unknown (outermost) */
	int func_cut;         /* func, file, module hold only the start of the text: */
	int file_cut;         /* cdbg_text(CDBG_TEXT_FRAME_FUNC, _FILE, _MODULE) */
	int module_cut;
	int is_dummy;         /* gdb's "<function called from gdb>": the frame of a call stopped
			       * inside (cdbg_call's stay); the frames below are the thread's
			       * before that call */
	int is_sigtramp;      /* the kernel's signal return trampoline (gdb's "<signal handler
			       * called>"): the frame below it is the code the signal interrupted */
	uint64_t reserved[4]; /* zero */
};

/* Is pc in the kernel's signal return trampoline (a signal handler returns there; gdb shows
 * such a frame as "<signal handler called>")? 1 or 0. */
CDBG_EXTERN int cdbg_pc_is_sigtramp(cdbg_proc *p, uint64_t pc);

/* The call stack of stopped thread tid, innermost first, by CFI unwinding (libdwfl over
 * .eh_frame/.debug_frame; through libc, signal handler frames and Go code). Fills up to max
 * frames; returns how many were filled, or a failure. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_backtrace(cdbg_proc *p, pid_t tid, struct cdbg_frame *frames,
					       size_t max);

/* ---- registers of a frame, and popping a frame ------------------------------------------------ */

/* Register `name` (as cdbg_reg_lookup names it; pc, sp and fp too) of frame `frame` of stopped
 * thread tid, counted as cdbg_backtrace counts (0: the thread's own registers, cdbg_reg_get).
 * In an outer frame, as CFI unwinding recovers it: the pc (the return address), the stack
 * pointer (the CFA of the frame below) and the registers the frame's CFI restores (x86-64:
 * rbx, rbp, r12-r15 when saved or left alone). Returns 0 with *val, CDBG_ENOREG "not saved"
 * for a register the unwinder does not recover (rax, eflags, segment and vector registers,
 * pseudo registers such as eax), CDBG_ENOFRAME past the outermost frame. gdb shows such
 * registers with the inner frame's values (its "same value" rule): a client may do that. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_frame_reg(cdbg_proc *p, pid_t tid, int frame, const char *name,
					       uint64_t *val);

/* Where frame `frame` (as cdbg_backtrace counts) of stopped thread tid keeps its caller's
 * registers, as the frame's CFI says (gdb's "Saved registers" of info frame): name and address
 * of each register saved in memory, in the register table's order, the stack pointer left out
 * (its value is the CFA, cdbg_frame.cfa). Fills up to max; returns how many there are (0 when
 * the frame has no CFI), or a failure (CDBG_ENOFRAME). */
struct cdbg_saved_reg {
	const char *name; /* static: "rbp", "rip" */
	uint64_t addr;
};
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_frame_saved_regs(cdbg_proc *p, pid_t tid, int frame,
						      struct cdbg_saved_reg *out, size_t max);

/* gdb's `return`: pop frame `frame` of stopped thread tid and the frames inside it, so the
 * thread stands in the frame's caller just after the call: the caller's registers as the
 * unwinder recovers them (pc = the return address, sp = the CFA, the saved callee-saved
 * registers), the thread's other registers unchanged. When v is not NULL, it is converted to
 * the function's DWARF return type and left where the ABI returns it (x86-64: integers and
 * pointers in rax, float and double in xmm0, a struct or union of 16 bytes or less in rax,
 * rdx, xmm0 and xmm1 by its classification); without the function's debug information, v's
 * own type is used. A void function drops v. No code of the program runs (destructors,
 * cleanups). Returns 0; 1 when the frame was popped but v was not stored, as gdb does, because
 * the function returns it through memory whose address only it knew (a larger struct);
 * CDBG_ENOFRAME when the frame has no caller, CDBG_ENOSYM when v cannot be returned (a long
 * double), CDBG_EBADEXPR when v's size is not the return type's. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_frame_pop(cdbg_proc *p, pid_t tid, int frame,
					       const struct cdbg_value *v);

/* ---- source-level stepping -------------------------------------------------------------------
 * gdb's step, next, until, stepi, nexti, finish, until/advance LOCATION: synchronous calls that
 * resume the all-stopped process as needed and return when the operation is complete (event
 * CDBG_EV_STEP_END or CDBG_EV_FINISHED in *ev, the process all-stopped) or when something else
 * must be reported first: another thread's breakpoint, a breakpoint inside a function stepped
 * over, a signal, an exit (that event in *ev; the operation is then abandoned, as gdb does).
 * Which other threads run meanwhile is gdb's scheduler-locking (cdbg_set_scheduler_locking).
 * The breakpoints used on
 * the way are internal: only the stepping thread in the expected frame stops at them, other
 * threads pass them unaware, and they are gone when the call returns. Each returns 0 with *ev
 * filled, or a failure (the process then stays as it was). */

enum cdbg_step_kind {
	CDBG_STEP_LINE,      /* step: to the start of another line; into calls of functions that
			      * have line information (stopping past their prologue), over the
			      * others (libc, PLT stubs) */
	CDBG_STEP_NEXT,      /* next: as step, calls stepped over */
	CDBG_STEP_UNTIL,     /* until: as next, but a jump backwards (a loop) does not stop */
	CDBG_STEP_INSN,      /* stepi: one instruction */
	CDBG_STEP_INSN_NEXT, /* nexti: one instruction, a call run until it returns */
};

/* What a stepping call does while the process runs. Any member may be NULL. */
struct cdbg_step_hooks {
	/* A notice arrived (thread born or gone, fork): the process runs on. Also
	 * CDBG_EV_LIBRARIES while every thread runs (a call stepped over, a finish): the process
	 * is stopped during the hook (insert breakpoints in the new libraries now), then the
	 * step goes on. */
	void (*notice)(void *data, const struct cdbg_event *ev);
	/* Polled every 100 ms while the process runs: nonzero stops it (the call then returns
	 * CDBG_EV_STOPPED, as after cdbg_interrupt). */
	int (*interrupt)(void *data);
	void *data;
	/* May be NULL. A step (CDBG_STEP_LINE) entered the function at entry: nonzero steps over
	 * it, as over a function without line information (gdb's skip list). */
	int (*skip)(void *data, uint64_t entry);
};

/* gdb's `set scheduler-locking`: which threads run during a stepping call. */
enum cdbg_sched_lock {
	CDBG_SCHED_REPLAY, /* the default: as OFF ("replay" locks only a replayed recording) */
	CDBG_SCHED_OFF,    /* the stepping thread's single-steps through a line hold the others
			    * (an instant); whatever may run long or wait lets every thread run:
			    * a call stepped over, a system call (pthread_join, a lock, a read), a
			    * function left, finish, until, advance */
	CDBG_SCHED_STEP,   /* as ON for step, next, stepi, nexti (CDBG_STEP_UNTIL excepted); as
			    * OFF for until, advance and finish */
	CDBG_SCHED_ON,     /* only the stepping thread runs, in every stepping call (a step over
			    * a call that waits for another thread then waits until interrupted,
			    * as in gdb). A front-end's continue uses cdbg_cont_thread. */
};
/* gdb's set displaced-stepping: on (1, the default) steps a thread over a breakpoint through
 * an out-of-line copy of the instruction while the other threads run on; off (0) puts the
 * program's byte back, steps the thread with every other thread held, and puts the int3 back.
 * Kept across runs. Returns the previous setting (1 or 0), or -EINVAL. */
CDBG_EXTERN int cdbg_set_displaced_stepping(cdbg_proc *p, int on);

/* gdb's set input-radix: the base (2 to 36) of numbers written without a prefix (0x, 0b, a
 * leading 0) in the expressions cdbg_eval and its kin compile; 10 at first, kept across runs.
 * Returns the previous one, or -EINVAL. */
CDBG_EXTERN int cdbg_set_input_radix(cdbg_proc *p, unsigned radix);

/* Set the mode of handle p (kept across runs). Returns the previous one, or -EINVAL. */
CDBG_EXTERN int cdbg_set_scheduler_locking(cdbg_proc *p, enum cdbg_sched_lock mode);
CDBG_EXTERN enum cdbg_sched_lock cdbg_scheduler_locking(cdbg_proc *p);

/* Step thread tid as `kind` says. Without line information at its pc, step/next/until run the
 * thread out of the function (gdb: "Single stepping until exit from function X, which has no
 * line number information."). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_step_line(cdbg_proc *p, pid_t tid, enum cdbg_step_kind kind,
					       const struct cdbg_step_hooks *hooks,
					       struct cdbg_event *ev);
/* Run until frame `frame` (0 innermost, as cdbg_backtrace counts) of thread tid returns to its
 * caller; recursion-safe (a deeper or shallower activation of the same function passing the
 * return address does not end it). CDBG_EV_FINISHED. Fails with CDBG_EBADSTATE in the
 * outermost frame (main's, or the last one unwound). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_finish(cdbg_proc *p, pid_t tid, int frame,
					    const struct cdbg_step_hooks *hooks,
					    struct cdbg_event *ev);
/* After cdbg_finish: cdbg_return_value (below, with the variables) gives the value returned. */
/* cdbg_run_until flags */
#define CDBG_UNTIL_FRAME                                                                           \
	1u /* count addr only in the current frame (gdb's until LOCATION in
			     * the current function), else anywhere in tid (advance) */
/* Run until thread tid reaches addr (CDBG_EV_STEP_END) or its current frame returns
 * (CDBG_EV_FINISHED), whichever comes first: gdb's until LOCATION and advance LOCATION. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_run_until(cdbg_proc *p, pid_t tid, uint64_t addr,
					       unsigned flags, const struct cdbg_step_hooks *hooks,
					       struct cdbg_event *ev);
/* cdbg_run_until from frame `frame` of tid (0 innermost; gdb's until/advance after `up`): the
 * run ends when that frame returns, and CDBG_UNTIL_FRAME counts addr only in that frame. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_run_until_frame(cdbg_proc *p, pid_t tid, int frame,
						     uint64_t addr, unsigned flags,
						     const struct cdbg_step_hooks *hooks,
						     struct cdbg_event *ev);

/* ---- calling functions in the tracee ----------------------------------------------------------
 * The System V AMD64 convention: integer and pointer arguments in rdi, rsi, rdx, rcx, r8, r9
 * and then on the stack, doubles in xmm0-7; the stack pointer 16-byte aligned at the call and
 * clear of the 128-byte red zone; the function returns onto a trap instruction cdbg placed.
 * Every register, the whole extended state (x87/SSE/AVX/AVX-512/AMX) and the signal mask are
 * restored on every path, and a system call the thread was blocked in resumes as it would
 * have. Signals are blocked during the call; the other threads stay stopped. */

enum cdbg_call_end {
	CDBG_CALL_RETURNED,   /* the function returned: ret/fret hold its result */
	CDBG_CALL_SIGNAL,     /* it faulted (signo, fault_addr); the call was abandoned */
	CDBG_CALL_BREAKPOINT, /* it reached breakpoint bp_id (at fault_addr); abandoned */
	CDBG_CALL_TIMEOUT,    /* it did not return in time (a lock held by a stopped thread?) */
	CDBG_CALL_EXITED,     /* the thread or the process ended during the call */
};

#define CDBG_CALL_MAX_ARGS 16
struct cdbg_call {
	uint64_t func;                     /* address to call */
	uint64_t args[CDBG_CALL_MAX_ARGS]; /* integer and pointer arguments, in order */
	int nargs;
	const void *data[CDBG_CALL_MAX_ARGS]; /* non-NULL: copy datalen[i] bytes onto the stack
						  * and pass their address as args[i] (strings) */
	size_t datalen[CDBG_CALL_MAX_ARGS];
	double fargs[8]; /* double arguments (xmm0-7) */
	int nfargs;
	int timeout_ms; /* 0: 10 seconds */
	/* Results. */
	enum cdbg_call_end end;
	uint64_t ret;        /* rax */
	double fret;         /* xmm0 */
	int signo;           /* CDBG_CALL_SIGNAL */
	uint64_t fault_addr; /* SIGNAL: si_addr; BREAKPOINT: the address */
	int bp_id;           /* CDBG_CALL_BREAKPOINT */
	/* Added in 0.x (at the end: callers that zero the struct keep the old behaviour). */
	unsigned stay; /* CDBG_CALL_STAY_*: what leaves the thread stopped inside the function */
	int stayed;    /* result: 1 when it was left there (a dummy frame, gdb's way) */
};

/* cdbg_call's stay: a breakpoint (or a signal) reached in the function leaves the thread
 * stopped there, as gdb does, instead of abandoning the call: the call then fails with
 * stayed 1 and end saying why. Its frames show above a frame with is_dummy set (gdb's
 * "<function called from gdb>") and the registers it had before; when the function returns,
 * the thread stops at the dummy frame (a SIGTRAP stop there): cdbg_call_dummy_pop restores
 * it. Calls stopped inside stack (a call made while stopped inside another one). */
#define CDBG_CALL_STAY_BREAK 1u
#define CDBG_CALL_STAY_SIGNAL 2u

/* Call call->func in stopped thread tid. Returns 0 when it returned (end RETURNED), or a
 * failure with end saying how it ended and cdbg_errmsg the sentence; the thread is restored
 * either way (unless it died). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_call(cdbg_proc *p, pid_t tid, struct cdbg_call *call);

/* gdb's call of the function at call->func by its debug information: each of args[0..nargs)
 * converted to its parameter's type (promoted as C does for a function without a prototype and
 * for variadic arguments), arrays passed as a pointer to them, structs, unions, _Complex and
 * long double by value as the ABI says; call->data[i] (datalen[i] bytes), when set, is
 * argument i instead of args[i]: a string literal, copied into the program and passed as
 * char *; call->timeout_ms as for cdbg_call; the other argument fields are unused. Returns 0 with *out typed by the function's return type (a value of more than
 * 8 bytes lives in an area cdbg maps in the program, reused when full), 1 when it returns
 * void, CDBG_ENOSYM when there is no debug information for the function (cdbg_call then), or
 * a failure as cdbg_call's with call->end saying how the call ended. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_call_typed(cdbg_proc *p, pid_t tid, struct cdbg_call *call,
						const struct cdbg_value *args, int nargs,
						struct cdbg_value *out);

/* Is stopped thread tid at the return of the innermost call stopped inside it (the function
 * has returned onto the dummy frame)? If so, restore the thread as before that call and fill
 * result's ret and fret (result may be NULL): returns 1. 0 when it is not there. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_call_dummy_pop(cdbg_proc *p, pid_t tid,
						    struct cdbg_call *result);

/* Abandon the innermost call stopped inside thread tid (all of them in every thread when
 * all is nonzero; tid 0 then): each thread gets the registers, signal mask and pending
 * signal it had before, as gdb's `return` into a dummy frame, `detach` and `kill` need.
 * Returns how many calls were abandoned (0: none). */
CDBG_EXTERN int cdbg_call_unwind(cdbg_proc *p, pid_t tid, int all);

/* How many calls are stopped inside thread tid (tid 0: in any thread); 0 when none. The name
 * of the innermost one's function, when func is not NULL: *func gets its address. */
CDBG_EXTERN int cdbg_call_depth(cdbg_proc *p, pid_t tid, uint64_t *func);

/* ---- disassembly ------------------------------------------------------------------------------ */

struct cdbg_insn {
	uint64_t addr;
	unsigned size; /* bytes */
	unsigned char bytes[16];
	char text[256]; /* never cut (Capstone's text is shorter); as gdb shows it (AT&T in binutils' spelling), but for the
				   * symbol after ref: "mov    %rsp,%rbp", "call   0x401030",
				   * "lea    0x2eef(%rip),%rax        # 0x404020" */
	int is_call, is_ret, is_jump;
	uint64_t target; /* direct call/jump target, 0 if none or indirect */
	uint64_t ref;    /* the address text ends with, which gdb follows with the
				   * symbol covering it (call/jump target, rip-relative operand);
				   * 0 if none. cdbg_insn_format adds that symbol. */
};

/* Decode up to max instructions from addr (the program's bytes, breakpoints hidden). Returns
 * the number decoded (> 0), or a failure: CDBG_ENOMEM when addr cannot be read (cdbg_erraddr
 * gives it), -ENOSYS without Capstone, CDBG_EBADADDR when no instruction starts there. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_disasm(cdbg_proc *p, uint64_t addr, struct cdbg_insn *out,
					    size_t max);
/* in's text as gdb's x/i and disassemble show it, with " <func+off>" after in->ref when a
 * symbol covers it: "call   0x401030 <puts@plt>", "lea    0x2eef(%rip),%rax        # 0x404020
 * <glob>". Into buf (len bytes, NUL-terminated, cut if short). Returns the length of the
 * whole text (as snprintf), or a failure (a call from a thread that is not the owner). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_insn_format(cdbg_proc *p, const struct cdbg_insn *in,
						 char *buf, size_t len);

/* ---- symbols ---------------------------------------------------------------------------------
 * ELF symbols and DWARF line tables of the process's executable and libraries, through elfutils
 * (libdwfl). Nothing is read until the first lookup; then the modules are listed from
 * /proc/PID/maps, and each file, symbol table or compilation unit is read only when a lookup
 * needs it. A lookup that finds nothing lists the modules again once (libraries loaded with
 * dlopen since). Separate debug files are found by build-id (DIR/.build-id/xx/yyyy.debug) or
 * by .gnu_debuglink (next to the file, in its .debug/ directory, or under DIR plus the file's
 * directory), DIR being /usr/lib/debug; the environment variable CDBG_DEBUGINFO_PATH, read
 * when the process's modules are first listed, replaces that list in libdwfl's syntax
 * ("+:.debug:/usr/lib/debug:/opt/debug": directories separated by ':', a leading "+" to also
 * check CRCs, "" for the file's own directory). These calls work whether the process runs or
 * is stopped, and describe it as
 * mapped now (after an exec, the new program). */

/* What a symbol designates. */
enum cdbg_sym_kind {
	CDBG_SYM_FUNC,   /* a function */
	CDBG_SYM_IFUNC,  /* a GNU indirect function: addr is its resolver, which returns the
			     * implementation for this CPU (call it first, as gdb does) */
	CDBG_SYM_OBJECT, /* a variable or other data */
	CDBG_SYM_OTHER,  /* an untyped label (assembly) */
	CDBG_SYM_TLS,    /* a thread-local variable: addr is its offset in the module's TLS
			  * block (each thread has its own block) */
};

struct cdbg_symbol {
	char name[256];   /* as the program names it; C++ names demangled with their parameters
			     * ("ns::C::f(int) const"), by libstdc++'s demangler, loaded privately
			     * the first time a mangled name is met (left mangled without it);
			     * cut: name_cut */
	uint64_t addr;    /* start address in the process */
	uint64_t size;    /* bytes, 0 if unknown */
	uint64_t offset;  /* cdbg_sym_by_addr: the queried address minus addr; else 0 */
	char module[256]; /* path of the ELF file that defines it ("[vdso]" for the vDSO); cut:
			     * module_cut */
	enum cdbg_sym_kind kind;
	int name_cut;         /* name, module hold only the start of the text: */
	int module_cut;       /* cdbg_text(CDBG_TEXT_SYMBOL_NAME, _MODULE) */
	uint64_t reserved[4]; /* zero */
};
/* The function or object containing addr; when no sized symbol spans it, the closest label
 * of unknown size before it in the same section (assembly code), as libdwfl decides. Returns
 * 0 with *sym filled, or CDBG_ENOSYM. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_sym_by_addr(cdbg_proc *p, uint64_t addr,
						 struct cdbg_symbol *sym);
/* The symbol called name: a function if any module has one of that name, else an object; the
 * executable before the libraries; global before weak before local. "LIB:name" (LIB a part of
 * the library's path: "libc.so.6:malloc") looks only in that library. A name no symbol table
 * has is then looked up among C++ functions by demangled name as gdb's `break` takes it:
 * qualified or by a suffix after "::" ("ns::C::f", "C::f", "f"), with or without parameters
 * ("C::f(int)"); an overloaded name without parameters gives one of its functions. Returns 0
 * with *sym filled, or CDBG_ENOSYM ("no symbol 'x' in the program or its libraries"). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_sym_by_name(cdbg_proc *p, const char *name,
						 struct cdbg_symbol *sym);
/* Where the GNU indirect function sym (kind CDBG_SYM_IFUNC) went: the implementation its
 * resolver returned, as a GOT slot of the program or a library holds it once the dynamic linker
 * has bound it (gdb's rule; the resolver is not called). Returns 0 with *target, or CDBG_ENOSYM
 * when no slot holds it yet (lazy binding: not called so far), or the process is not live. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_sym_ifunc_target(cdbg_proc *p, const struct cdbg_symbol *sym,
						      uint64_t *target);

/* The name gdb shows for function `name` (a cdbg_symbol name) in frames and stop lines: a
 * demangled C++ name without its return type and parameter list ("long ns::twice<long>(long)"
 * gives "ns::twice<long>", "ns::C::f(int) const" gives "ns::C::f"); any other name unchanged.
 * Fills buf (always terminated when len > 0). */
CDBG_EXTERN void cdbg_func_name(const char *name, char *buf, size_t len);

struct cdbg_line {
	char file[512]; /* source file, the full path DWARF gives (cut: file_cut) */
	int line;
	int column;           /* 0 if unknown */
	uint64_t addr;        /* where the line-table row that the address belongs to starts */
	int is_stmt;          /* that row begins a statement */
	int file_cut;         /* file holds only the start: cdbg_text(CDBG_TEXT_LINE_FILE) */
	uint64_t reserved[2]; /* zero */
};
/* The source line addr belongs to (DWARF line table), as gdb's `info line *ADDR` gives it.
 * Returns 0 with *line filled, or CDBG_ENOLINE (no debug info, or no row covers addr). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_line_by_addr(cdbg_proc *p, uint64_t addr,
						  struct cdbg_line *line);
/* The rows of the line table of the source file addr lo belongs to (gdb's symtab) whose
 * addresses are in [lo, hi), in the table's order (by address; rows at one address in the
 * order the compiler wrote them; line 0 ends a run of code). What disassemble /s and /m
 * interleave. Fills up to max; returns how many there are (>= 0), or CDBG_ENOLINE when no
 * line table covers lo. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_line_rows(cdbg_proc *p, uint64_t lo, uint64_t hi,
					       struct cdbg_line *rows, size_t max);
/* What gdb's `info source` says of the compilation unit (DWARF CU) that holds addr. Strings
 * longer than their field are cut. */
struct cdbg_cu_info {
	char name[512];       /* DW_AT_name: the source file as the compiler was given it */
	char comp_dir[512];   /* DW_AT_comp_dir, "" if none */
	char producer[512];   /* DW_AT_producer ("GNU C11 12.2.0 -g ..."), "" if none */
	char language[16];    /* gdb's name of the language: "c", "c++", "asm", "go", "unknown" */
	int dwarf_version;    /* of the unit's header: 2 to 5 */
	int has_macros;       /* the unit has macro information (-g3) */
	uint64_t reserved[4]; /* zero */
};
/* Returns 0 with *out filled, or CDBG_ENOSYM when no DWARF unit covers addr. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_cu_info(cdbg_proc *p, uint64_t addr, struct cdbg_cu_info *out);
struct cdbg_range {
	uint64_t start, end; /* [start, end) */
};
/* The address ranges of the function (DWARF subprogram) containing addr, in the order its
 * DWARF lists them: one for most functions, more when the compiler split it (GCC's .cold
 * code). *entry (may be NULL) gets its entry address, which offsets are counted from. Fills
 * up to max; returns how many there are (> 0), or CDBG_ENOSYM without debug info. */
CDBG_EXTERN CDBG_MUST_CHECK int
cdbg_func_ranges(cdbg_proc *p, uint64_t addr, struct cdbg_range *out, size_t max, uint64_t *entry);
/* Where `break FILE:LINE` puts its breakpoints, as gdb does: the file matched by its full path
 * or by a path suffix starting after a '/' ("x.c", "src/x.c"); a line without code means the
 * next line that has some; one address per block or inlined copy; an address at a function's
 * start moved past its prologue. The executable's files are searched first, the libraries'
 * only when it has no such file. Fills up to max addrs, ascending; returns how many there are
 * (> 0), or CDBG_ENONAME ("no source file named x.c"), CDBG_ENOLINE ("no line 900 in file
 * 'x.c'"). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_addrs_for_line(cdbg_proc *p, const char *file, int line,
						    uint64_t *addrs, size_t max);
/* Where `break FUNC` puts its breakpoint, as gdb does: past the prologue (at the row the
 * compiler flagged prologue_end; else, unless the code is optimized GCC code, past the frame
 * set-up to the start of the next line-table row); with no DWARF, the symbol's address. A GNU
 * indirect function gives its resolver's (gdb would resolve it). Returns 0 with *addr, or
 * CDBG_ENOSYM ("no function 'x' in the program or its libraries"). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_func_break_addr(cdbg_proc *p, const char *func,
						     uint64_t *addr);
/* Every address where `break FUNC` puts a location, as gdb 13 does, ascending, without
 * duplicates: each function func names (every overload of a C++ name, or the one its parameter
 * list names: "over(double)"; every instance of a template named without its arguments:
 * "twice" for twice<int> and twice<long>; static functions of that name in every object and
 * library), each past its prologue as cdbg_func_break_addr places it; and each inlined copy of
 * such a function (DWARF DW_TAG_inlined_subroutine), at the copy's entry (moved past the
 * prologue of the function it is inlined into when it starts inside that prologue, unless the
 * code is optimized GCC code). C++ names are matched as cdbg_sym_by_name does ("C::f" also
 * finds ns::C::f) and only when no symbol has exactly that name. Fills up to max addrs (addrs
 * may be NULL with max 0) and returns how many there are (> 0), as snprintf does: call again
 * with a larger array when the result is over max. CDBG_ENOSYM when there are none.
 * gdb's FILE:FUNC and FUNC:LABEL are taken too: "x.c:f" is f's locations in source file x.c (any
 * suffix of the path after a '/'), "main:done" the address of label done in main; else
 * "MODULE:f" is f in a module whose path contains MODULE. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_func_break_addrs(cdbg_proc *p, const char *func,
						      uint64_t *addrs, size_t max);

struct cdbg_module {
	char path[512];       /* the file as /proc/PID/maps names it; "[vdso]" (cut: path_cut) */
	uint64_t start, end;  /* the addresses it spans in the process */
	uint64_t bias;        /* load bias: process address minus ELF address (0 for ET_EXEC) */
	int has_dwarf;        /* DWARF found, in the file or a separate debug file */
	int has_symtab;       /* a full .symtab found (not only .dynsym) */
	int path_cut;         /* path holds only the start: cdbg_text(CDBG_TEXT_MODULE_PATH) */
	uint64_t text_start;  /* its .text section in the process, [text_start, text_end) (gdb's */
	uint64_t text_end;    /* From/To of info sharedlibrary); 0 when it has none */
	uint64_t reserved[2]; /* zero */
};
/* The modules (executable, libraries, vDSO) mapped now: the executable first, then by
 * address. Fills up to max; returns how many there are (>= 0). Reads each file's headers and
 * looks for its debug file. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_modules(cdbg_proc *p, struct cdbg_module *mods, size_t max);

/* Report every change of the process's libraries as CDBG_EV_LIBRARIES, as gdb learns of them:
 * a library-internal breakpoint (not listed by cdbg_bp_list) on the dynamic linker's r_brk
 * (_dl_debug_state), reporting only when r_debug.r_state says the list is complete. The
 * process must be stopped; calling again is harmless. Detach, exec and exit remove it: call
 * again after CDBG_EV_EXEC. Returns 0, or CDBG_ENOSYM when the process has no dynamic linker
 * (a static program, Go). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_libraries_report(cdbg_proc *p);
/* ---- listing symbols ---------------------------------------------------------------------------
 * gdb's `info functions`, `info variables`, `info types` and `info scope`, from the DWARF of every
 * module (executable and libraries) and, for what has no DWARF, their ELF symbol tables. */

enum cdbg_symlist_kind {
	CDBG_LIST_FUNCTIONS, /* functions with code (DWARF subprograms with addresses) */
	CDBG_LIST_VARIABLES, /* global and file-static variables */
	CDBG_LIST_TYPES,     /* base types, typedefs, structs, unions, enums, classes */
};
#define CDBG_LIST_NODEBUG 1u /* also the symbols without DWARF (gdb's "Non-debugging symbols") */

struct cdbg_symlist_entry {
	const char *name; /* what gdb sorts and matches by: "main", "g_counter", "rec" (of struct
			       * rec), "geo::Counter::over(int)" for C++ (demangled) */
	const char *decl; /* gdb's declaration: "int main(int, char **);", "static long s;",
			       * "typedef struct rec rec_t;", "struct inner;", "int" (a base type);
			       * for a symbol without DWARF its name alone */
	const char *file; /* the source file that declares it as gdb names it; NULL without DWARF */
	int line;         /* its line there, 0 when DWARF gives none (base types) */
	int has_debug;    /* it comes from DWARF (else from an ELF symbol table) */
	int is_static; /* gdb's static block: file-static C symbols, C/C++ typedefs, base types */
	uint64_t addr; /* functions and variables: its address in the process (unrelocated
			       * before the program runs), 0 when unknown; types: 0 */
	const char *module;   /* the module's file (as cdbg_module.path) */
	uint64_t reserved[4]; /* zero */
};
/* Called for each entry; return 0 to go on, anything else to stop (cdbg_symbols_each then
 * returns that value). The strings live until the callback returns. */
typedef int (*cdbg_symlist_fn)(void *data, const struct cdbg_symlist_entry *e);
/* The symbols of `kind` whose name matches regex (a POSIX basic regular expression, as gdb's;
 * NULL or "": all), in gdb's order: those with DWARF first, by file name, then globals before
 * file-statics, then by name (duplicates of one file, block and name given once); then, with
 * CDBG_LIST_NODEBUG (functions and variables only), the ELF symbols that DWARF does not
 * describe, module by module (the executable first), by address then name, the synthetic
 * "NAME@plt" entries of the PLT included, as gdb's minimal symbols. Reads every unit's DWARF.
 * Returns how many entries were given (>= 0), the callback's non-zero value, -EINVAL for a bad
 * regex (cdbg_errmsg: gdb's "Invalid regexp: Unmatched [ or [^"), or the lookup failures. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_symbols_each(cdbg_proc *p, enum cdbg_symlist_kind kind,
						  const char *regex, unsigned flags,
						  cdbg_symlist_fn fn, void *data);

struct cdbg_scope_entry {
	const char *name;     /* the variable or argument */
	const char *where;    /* gdb's words for its location: "a variable in $rdi", "static storage
			      * at address 0x4010", "a complex DWARF expression:\n     0: DW_OP_fbreg
			      * -20\n", "multi-location:\n  Range 0x...-0x...: ...\n", "optimized
			      * out", "a constant with value 120 (0x78)" */
	uint64_t size;        /* bytes of its type */
	int has_size;         /* the type's size is known */
	uint64_t reserved[4]; /* zero */
};
typedef int (*cdbg_scope_fn)(void *data, const struct cdbg_scope_entry *e);
/* gdb's `info scope`: the variables and arguments of the innermost block at addr and of each
 * enclosing block up to its function, innermost block first, each block in DWARF order.
 * Returns how many (0: none), the callback's non-zero value, or CDBG_ENOSYM (no DWARF
 * function at addr). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_scope_each(cdbg_proc *p, uint64_t addr, cdbg_scope_fn fn,
						void *data);

/* ---- Go goroutines -----------------------------------------------------------------------------
 * The goroutines of a Go program, read from its memory as delve reads them: the runtime's list
 * runtime.allgs/allglen, each runtime.g decoded with the field offsets the program's own DWARF
 * gives (goid, atomicstatus, sched, startpc, gopc, waitreason, m). Dead goroutines (_Gdead,
 * kept for reuse) are skipped. Stop the process first for a consistent picture. */

struct cdbg_goroutine {
	int64_t id;           /* the runtime's goid (1 is main's) */
	int status;           /* the runtime's _G state, _Gscan bit cleared: 1 runnable,
				  * 2 running, 3 syscall, 4 waiting, 8 copystack, 9 preempted */
	char status_name[16]; /* "runnable", "running", "syscall", "waiting"... */
	char wait_reason[64]; /* waiting: why ("chan receive", "sync.Mutex.Lock", "sleep"...),
				  * from runtime.waitReasonStrings; else "" */
	uint64_t pc, sp, bp;  /* where it is: its thread's registers when it runs on one,
				  * else where it parked (g.sched) */
	uint64_t user_pc;     /* the innermost frame outside package runtime (by frame
				  * pointers from pc/bp), pc when there is none */
	uint64_t start_pc;    /* the function it was started with (g.startpc) */
	uint64_t go_pc;       /* the go statement that created it (g.gopc) */
	uint64_t g_addr;      /* its runtime.g */
	pid_t tid;            /* the thread running it (its M's procid), 0 if none */
};

/* The goroutines of the Go program: fills up to max, in the runtime's order (allgs), and
 * returns how many live goroutines there are (may exceed max). Fails with CDBG_ENOSYM when
 * the program is not a Go program or its DWARF lacks runtime.g. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_goroutines(cdbg_proc *p, struct cdbg_goroutine *out,
						size_t max);
/* The call stack of goroutine id, innermost first: its thread's (cdbg_backtrace) when it runs
 * on one, else by the frame pointers Go keeps, from where it parked. Fills up to max frames;
 * returns how many were filled, or CDBG_ENOGOROUTINE ("no goroutine 42") or a failure. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_goroutine_backtrace(cdbg_proc *p, int64_t id,
							 struct cdbg_frame *frames, size_t max);

/* ---- the program's file and core files --------------------------------------------------------
 * A handle holds one of: nothing, the program's file alone (before it runs), a live process,
 * or a core file (after it died). cdbg_target() says which.
 *
 * The program's file (gdb's `file PROG`): symbols, lines, types, disassembly and the initial
 * data of its sections (cdbg_mem_read: .data as in the file, .bss as zeros) are read from it
 * while no process is held, at the addresses the file gives; a PIE's are unrelocated (from 0),
 * as gdb shows them before `run`. The logical breakpoints (cdbg_break_*) resolve against it.
 * Once a process is launched or attached everything moves to the process's addresses, and
 * after the process is gone it comes back to the file.
 *
 * A core file: the process as it was when it died, read-only. cdbg_threads lists its threads
 * (the one that took the fatal signal first), each stopped for good; registers and extended
 * state come from the core's notes, memory from the core, and for what the core left out
 * (read-only text) from the files it names. Everything that would run or change the program
 * fails with CDBG_ENOTLIVE. cdbg_detach (or cdbg_kill) lets the core go. */

enum cdbg_target_kind {
	CDBG_TARGET_NONE,    /* nothing held */
	CDBG_TARGET_FILE,    /* the program's file only */
	CDBG_TARGET_PROCESS, /* a live process (attached or launched) */
	CDBG_TARGET_CORE,    /* a core file */
};
CDBG_EXTERN enum cdbg_target_kind cdbg_target(const cdbg_proc *p);

/* Use path as the program's file (replacing any earlier one): checks it is an x86-64 ELF
 * executable or shared object; symbols are read lazily. Fails with -ENOENT, -EACCES or
 * CDBG_EBADFILE (not ELF, another machine, truncated). While a process or a core is held the
 * file is only recorded, for the next run. path NULL forgets the file. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_file_open(cdbg_proc *p, const char *path);
/* The program's file (cdbg_file_open, or the one found for a core), NULL when none. */
CDBG_EXTERN const char *cdbg_file_path(const cdbg_proc *p);

/* Open core file `core`. exe is the program that dumped it; NULL: the program's file when one
 * was given, else the file the core names for its executable (its file notes and auxv), used
 * when it exists. Fails with -ENOENT/-EACCES, CDBG_EBADFILE (not an x86-64 ELF core, or no
 * thread in it), CDBG_EBADSTATE while a live process is held. A truncated core opens (what it holds
 * reads, the rest fails) and cdbg_core_info says so. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_core_open(cdbg_proc *p, const char *core, const char *exe);

struct cdbg_core_info {
	pid_t pid;            /* the process that dumped */
	pid_t tid;            /* the thread that took the signal (listed first) */
	int signo;            /* the signal that ended it, 0 if the core does not say (gcore) */
	int si_code;          /* its siginfo's code, when the core has NT_SIGINFO */
	uint64_t fault_addr;  /* its siginfo's si_addr for SIGSEGV, SIGBUS, SIGILL, SIGFPE */
	int nthreads;         /* threads in the core */
	char command[96];     /* the command line as the kernel recorded it ("./prog -x") */
	char exe[4096];       /* the executable used for symbols, "" when none was found */
	uint64_t core_size;   /* bytes of the core file */
	uint64_t core_needed; /* bytes its program headers say it has: more than core_size
				* when it is truncated */
	int exe_mismatch;     /* the executable's build-id is not the one the core recorded */
	uint64_t reserved[4]; /* zero */
};
/* What the core held says about itself; CDBG_ENOPROC when no core is held. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_core_info(cdbg_proc *p, struct cdbg_core_info *info);

struct cdbg_core_mapping {
	uint64_t start, end; /* [start, end) */
	uint64_t offset;     /* in the file, bytes */
	int in_core;         /* the core holds bytes of it (the rest comes from the file) */
	int file_found;      /* the file could be opened (its bytes serve what the core lacks) */
	const char *path;    /* the file, as the core names it; valid while the core is held */
};
/* The file-backed mappings the core names (its NT_FILE note), by address: fills up to max,
 * returns how many there are; CDBG_ENOPROC when no core is held. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_core_mappings(cdbg_proc *p, struct cdbg_core_mapping *out,
						   size_t max);

/* Write an ELF core file (ET_CORE) of the held process to path, as the kernel and gdb's gcore
 * write one: a PT_NOTE with the process's NT_PRPSINFO, then for each stopped thread its
 * NT_PRSTATUS (registers, signal masks, times), NT_PRFPREG, NT_X86_XSTATE and NT_SIGINFO, then
 * NT_AUXV and NT_FILE (the file-backed mappings); then one PT_LOAD per mapping, holding the
 * bytes the kernel would dump under the process's /proc/PID/coredump_filter (its
 * vma_dump_size rules: VM_DONTDUMP and I/O mappings hold nothing, private file mappings only
 * the ELF header page unless written to, and so on); pages that cannot be read are zeros.
 * The first thread written (the one gdb selects when it opens the core) is the one that
 * reported a stop of its own (a breakpoint, a signal, a step: the earliest created of them),
 * else the thread-group leader; the others follow in creation order. A thread's NT_SIGINFO
 * and pr_cursig are the signal cdbg holds it in, SIGTRAP for a breakpoint it hit, else 0.
 * The bytes are the program's own: cdbg's int3s never appear, and cdbg's scratch memory (its
 * out-of-line copies) is left out of the core. The process must be all-stopped; it is left
 * exactly as it was (registers, memory, signals), still stopped. The file is written under a
 * temporary name next to path (mode 0600) and renamed to path at the end, so a failure leaves
 * no file. Returns 0, CDBG_ENOPROC / CDBG_ERUNNING, or -errno of the file (-ENOSPC, -EACCES,
 * -ENOENT...) with the sentence naming the path; CDBG_ENOTLIVE while a core is held. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_gcore(cdbg_proc *p, const char *path);

/* ---- whole texts -------------------------------------------------------------------------------
 * A text field of a struct the library filled, whole, for when its FIELD_cut flag is set (see
 * "Structs" at the top). */

enum cdbg_text_field {
	CDBG_TEXT_SYMBOL_NAME,   /* struct cdbg_symbol: name */
	CDBG_TEXT_SYMBOL_MODULE, /* struct cdbg_symbol: module */
	CDBG_TEXT_FRAME_FUNC,    /* struct cdbg_frame: func */
	CDBG_TEXT_FRAME_FILE,    /* struct cdbg_frame: file */
	CDBG_TEXT_FRAME_MODULE,  /* struct cdbg_frame: module */
	CDBG_TEXT_LINE_FILE,     /* struct cdbg_line: file */
	CDBG_TEXT_MODULE_PATH,   /* struct cdbg_module: path */
	CDBG_TEXT_BP_CONDITION,  /* struct cdbg_bp_info: condition */
	CDBG_TEXT_EVENT_MESSAGE, /* struct cdbg_event: message */
};

/* The whole text of field `field` of *from, a struct of the type the field names as the
 * library filled it, into buf (len bytes, NUL-terminated, cut if short). A field that was not
 * cut is copied as it is. A cut one is found again where it came from, so the thing must still
 * be there: the module mapped (symbols, frames, lines, modules), the breakpoint not removed
 * (bp_info), the event's breakpoint not hit again (its message). Returns the length of the
 * whole text (as snprintf), CDBG_ENOSYM when it is not there any more, or -EINVAL. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_text(cdbg_proc *p, const void *from,
					  enum cdbg_text_field field, char *buf, size_t len);

/* ---- C preprocessor macros (programs built with -g3) ----------------------------------------- */

/* One macro definition, as gdb's `info macro` shows it. Valid during the callback only. */
struct cdbg_macro {
	const char *name;
	int argc;                /* -1: object-like */
	const char *const *argv; /* its parameters ("x", "...", GNU's "args...") */
	const char *body;        /* the replacement list */
	int line;                /* in files[0]; 0: a -D of the command line (or a compiler's
				  * predefined macro); -1: gdb's __FILE__ and __LINE__, a user macro */
	int nfiles;              /* files[0] holds it, included by files[1] at line at_lines[0],
				  * and so on up to the unit's main file; 0 for user macros */
	const char *const *files;
	const int *at_lines;
	uint64_t reserved[2]; /* zero */
};
typedef int (*cdbg_macro_fn)(void *arg, const struct cdbg_macro *m);
/* A source position: the unit and line of pc (use_pc), else line of file (full path or a
 * suffix starting after a '/'; the first unit whose macros include that file; line 0: that
 * unit's lowest address, where gdb's expressions see macros while no frame is selected). */
struct cdbg_macro_where {
	int use_pc;
	uint64_t pc;
	const char *file;
	int line;
};
enum cdbg_macro_query {
	CDBG_MACRO_LOOKUP,    /* fn once for name's definition in scope (none: returns 0) */
	CDBG_MACRO_ALL_NAMED, /* fn for every definition of name in the unit, in source order */
	CDBG_MACRO_IN_SCOPE,  /* fn for every macro in scope, by name (gdb's `info macros`) */
	CDBG_MACRO_SCOPE,     /* fn once with the position itself (name "", its file and
			       * inclusions, its line; line -1 when the unit's macros do not
			       * know the file) */
};
/* Ask the macros of the unit at w (see enum cdbg_macro_query; user macros are not asked).
 * fn returns nonzero to stop. Returns how many times fn was called (>= 0), or CDBG_ENOSYM
 * when there is no macro information there. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_macro_info(cdbg_proc *p, const struct cdbg_macro_where *w,
						enum cdbg_macro_query q, const char *name,
						cdbg_macro_fn fn, void *arg);
/* Expand the macros of text in scope at w (NULL or no macro information there: the user's
 * macros alone), as gdb's `macro expand`. 0 with *out (free it), or CDBG_EBADEXPR with gdb's
 * message ("Wrong number of arguments to macro `F' (expected 2, got 1)."). */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_macro_expand(cdbg_proc *p, const struct cdbg_macro_where *w,
						  const char *text, char **out);
/* The user's macros (gdb's `macro define`, `macro undef`, `macro list`): they hide the
 * program's of the same name everywhere. define takes "NAME BODY" or "NAME(ARGS) BODY"; 0, or
 * CDBG_EBADEXPR with gdb's message ("Invalid macro name."). undef forgets one (0 even when
 * there was none). list calls fn for each, oldest first, and returns how many. */
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_macro_define(cdbg_proc *p, const char *text);
CDBG_EXTERN CDBG_MUST_CHECK int cdbg_macro_undef(cdbg_proc *p, const char *name);
CDBG_EXTERN int cdbg_macro_list(cdbg_proc *p, cdbg_macro_fn fn, void *arg);
/* Where expressions expand macros while no frame gives a pc (gdb's default list location);
 * file NULL: nowhere (user macros only). The library copies file. */
CDBG_EXTERN void cdbg_macro_set_default(cdbg_proc *p, const char *file, int line);

/* ---- terminal styling (gdb's `set style`) -------------------------------------------------- */

/* gdb 13's styles. The values printed through cdbg_print_opts.styled (and cdbg_insn_format_styled)
 * wrap names, addresses and <metadata> in these; the colours are process-wide, as gdb's. */
enum cdbg_style {
	CDBG_STYLE_FILENAME,
	CDBG_STYLE_FUNCTION,
	CDBG_STYLE_VARIABLE,
	CDBG_STYLE_ADDRESS,
	CDBG_STYLE_HIGHLIGHT,
	CDBG_STYLE_METADATA,
	CDBG_STYLE_TITLE,
	CDBG_STYLE_VERSION,
	CDBG_STYLE_TUI_BORDER,
	CDBG_STYLE_TUI_ACTIVE_BORDER,
	CDBG_STYLE_DISASM_COMMENT,
	CDBG_STYLE_DISASM_IMMEDIATE,
	CDBG_STYLE_DISASM_MNEMONIC,
	CDBG_STYLE_DISASM_REGISTER,
	CDBG_STYLE_COUNT
};
/* A style: colours -1 (none) or 0..7 (black red green yellow blue magenta cyan white, ANSI's
 * order); intensity 0 normal, 1 bold, 2 dim. */
struct cdbg_style_spec {
	int fg;
	int bg;
	int intensity;
};
/* The style s as it is now (gdb's defaults until cdbg_style_set). -EINVAL for no such s. */
CDBG_EXTERN int cdbg_style_get(enum cdbg_style s, struct cdbg_style_spec *out);
/* Change s (colours and intensity checked: -EINVAL). */
CDBG_EXTERN int cdbg_style_set(enum cdbg_style s, const struct cdbg_style_spec *spec);
/* The escape that starts s on an ANSI terminal, "\033[34m", "\033[34;41;1m" (foreground,
 * background, intensity), and the one that ends it ("\033[m"); both "" when s is all default
 * (nothing to show), as gdb. */
CDBG_EXTERN const char *cdbg_style_begin(enum cdbg_style s);
CDBG_EXTERN const char *cdbg_style_end(enum cdbg_style s);
/* gdb's names: of a colour (-1: "none"), of an intensity. */
CDBG_EXTERN const char *cdbg_style_color_name(int color);
CDBG_EXTERN const char *cdbg_style_intensity_name(int intensity);
/* An instruction's text (cdbg_insn_format's, AT&T syntax) as gdb 13 styles it with libopcodes:
 * the mnemonic and its padding, registers, immediates ("$", "-" and the digits apart), the
 * target address, <symbol> in the function style, comments. Into out (max bytes,
 * NUL-terminated, cut if short); returns the whole length (as snprintf). */
CDBG_EXTERN int cdbg_insn_style(const char *text, char *out, size_t max);
/* C source text[0..len) (a whole file, lines ending in '\n') styled as gdb 13 shows it with
 * `set style sources on` (GNU source-highlight's C rules and esc.style: keywords, types,
 * strings, numbers, comments, functions, operators), an element spanning lines closed at each
 * line's end and opened again on the next. Into out (max bytes, NUL-terminated, cut if
 * short); returns the whole length (as snprintf). */
CDBG_EXTERN int cdbg_source_style(const char *text, size_t len, char *out, size_t max);

/* ---- misc ---------------------------------------------------------------------------------- */

/* "0.2.0" */
CDBG_EXTERN const char *cdbg_version(void);
/* The name of an event kind ("signal", "thread-new", ...). */
CDBG_EXTERN const char *cdbg_event_name(enum cdbg_event_kind kind);

#ifdef __cplusplus
}
#endif
#endif /* CDBG_H */
