/*
 * harness.h - what every C test driver shares: start a tracee program with pipes on its
 * stdin/stdout, wait for its lines, read /proc facts about it, assert, and clean up so a failed
 * test leaves nothing stopped or alive.
 *
 * A driver is one process and one CTest test. Exit 0: pass, 1: fail, 77: skipped (reported).
 */
#ifndef CDBG_HARNESS_H
#define CDBG_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define SKIP_CODE 77

struct tracee {
	pid_t pid;       /* its pid, 0 once reaped */
	int in;          /* write end of its stdin, -1 once closed */
	int out;         /* read end of its stdout */
	char buf[65536]; /* unread output */
	size_t len;
	int status;      /* wait status once reaped */
	int reaped_code; /* exit code reported by the debugger that reaped it, -1 if not */
};

/* Path of a tracee program: $CDBG_TRACEE_DIR/name (CTest sets it). */
const char *h_tracee_path(const char *name);
/* Start tracee `name` with NULL-terminated args (argv[1..]). Fails the test on error. */
void h_start(struct tracee *t, const char *name, ...) __attribute__((sentinel));
void h_startv(struct tracee *t, const char *name, char *const args[]);
/* Read its output until a line starting with prefix; copy that line into line (if non-NULL).
 * Fails the test after timeout_s seconds or at EOF. */
void h_expect(struct tracee *t, const char *prefix, char *line, size_t len, int timeout_s);
/* Like h_expect but returns false instead of failing. */
bool h_try_expect(struct tracee *t, const char *prefix, char *line, size_t len, int timeout_s);
/* Write a line to its stdin. */
void h_send(struct tracee *t, const char *line);
/* Close its stdin (it prints its summary and exits), collect output until EOF, reap it.
 * Returns the exit code (or 128+signal). Output lines stay readable with h_expect. */
int h_finish(struct tracee *t, int timeout_s);
/* The debugger reaped the tracee (it traced it and is its parent, so the exit it reported
 * was the final one): record the exit code it saw; h_finish then only drains the output. */
void h_reaped(struct tracee *t, int code);
/* A value "key=NUMBER" in line; fails the test if absent. */
long long h_field(const char *line, const char *key);

/* Number of threads of pid whose /proc state letter is in `letters`, and the total. */
int h_count_states(pid_t pid, const char *letters, int *total);
/* Sum of utime+stime (clock ticks) over every thread of pid. */
long long h_cpu_ticks(pid_t pid);
/* The state letter of the whole process (/proc/PID/stat). */
char h_proc_state(pid_t pid);
/* Wait (up to timeout_s) until no thread of pid is in tracing stop ('t'). */
bool h_wait_untraced(pid_t pid, int timeout_s);
/* What /proc/TID/syscall says of thread tid (any thread of any process): the number of the
 * system call it is blocked in, with its first argument in *arg0 and the user pc it will
 * return to in *pc (either may be NULL); -1 when it runs or is stopped outside a system
 * call (*pc is then its pc if it is stopped, untouched if it runs); -2 when the file cannot be read (no such thread). */
long h_syscall(pid_t tid, uint64_t *arg0, uint64_t *pc);
/* Wait (up to timeout_s) until thread tid sleeps inside system call number nr (state 'S'):
 * a sure place to compare registers at. */
bool h_wait_in_syscall(pid_t tid, long nr, int timeout_s);
/* Sleep for ms milliseconds (for letting a program run, never to synchronise). */
void h_msleep(int ms);

/* Assertions: print where and why, kill every tracee started, exit 1. */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			h_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                            \
	} while (0)
#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ != b_)                                                                      \
			h_fail(__FILE__, __LINE__, #a " == " #b, "%lld != %lld", a_, b_);          \
	} while (0)
void h_fail(const char *file, int line, const char *expr, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 4, 5)));
/* Report a skip and exit 77. */
void h_skip(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* Progress line for the test log. */
void h_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A test's end: checks every started tracee was reaped, prints "PASS name". */
int h_pass(void);

#endif
