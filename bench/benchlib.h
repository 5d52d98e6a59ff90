/*
 * benchlib.h - what the bench runners share: dying with a message, the clock, a timeout that
 * interrupts a blocking wait, finding programs, medians, the machine's load, and running a
 * tool as one timed process with its output captured and its peak RSS measured.
 *
 * Owns: nothing but these helpers. Must not: trace anything (the benches time debuggers; they
 * are not one).
 */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* The runner's name, for messages ("symbols_bench"). */
extern const char *bl_name;
/* Called by bl_die before it exits (kill the runner's tracees), or NULL. */
extern void (*bl_cleanup)(void);
/* Set when the timeout armed with bl_arm_timeout fired. */
extern volatile sig_atomic_t bl_timed_out;

/* Print "NAME: message" to stderr, run bl_cleanup, exit 2. */
void bl_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* CLOCK_MONOTONIC in seconds. */
double bl_now_s(void);
/* Arm (secs > 0) or disarm (0) a SIGALRM that interrupts a blocking waitpid or read (the
 * handler sets bl_timed_out, installed without SA_RESTART on first use). */
void bl_arm_timeout(int secs);
/* rel next to the running program, into out (PATH_MAX bytes). */
void bl_path_next_to_self(char *out, const char *rel);
/* name searched in PATH, into out (PATH_MAX bytes). 0, or -1 when not found. */
int bl_find_in_path(const char *name, char *out);
/* qsort comparison of doubles. */
int bl_cmp_double(const void *a, const void *b);
/* The median of v[0..n), -1 when n is 0. v is not changed. */
double bl_median(const double *v, int n);
/* The smallest and largest of v[0..n). */
void bl_range(const double *v, int n, double *lo, double *hi);
/* "load average WHEN: ..." from /proc/loadavg, on stdout. */
void bl_print_load(const char *when);

/* One run of a tool. */
struct bl_result {
	double secs;    /* fork to the tool's exit */
	long maxrss_kb; /* its peak resident set (wait4's ru_maxrss) */
	char why[160];  /* why it failed, "" when it exited 0 */
};
/* Run argv as one process in its own process group, stdin from stdin_fd (-1: /dev/null),
 * stdout and stderr into out (up to outlen - 1 bytes, terminated), killed after timeout
 * seconds. Returns 0 when it exited 0, else -1 with r->why set. */
int bl_run(char *const argv[], int stdin_fd, char *out, size_t outlen, int timeout,
	   struct bl_result *r);
/* bl_run, with setup(arg) called in the child just before the exec (CPU affinity...). */
int bl_run_setup(char *const argv[], int stdin_fd, void (*setup)(void *), void *arg, char *out,
		 size_t outlen, int timeout, struct bl_result *r);

/* In a child about to exec: run on CPU cpu alone when pinned, else on the CPUs of *all;
 * _exit(125) when the kernel refuses. */
void bl_child_affinity(int cpu, int pinned, const void *all /* cpu_set_t */);
/* num / den with two decimals into buf, "n/a" when either is missing (< 0) or den is 0. */
void bl_fmt_ratio(double num, double den, char *buf, size_t len);
/* "machine: N CPUs (model), Linux release" on stdout. */
void bl_print_machine(void);

#endif
