/*
 * tracee.h - helpers shared by the tracee programs (the programs cdbg's tests debug).
 *
 * Owns the rules every tracee follows: stdout is line-buffered so a test sees each
 * line as soon as it is printed, a watchdog ends the process after a deadline so a
 * failed test run leaves no orphans, and stdin is read one command line at a time.
 * Header-only (static inline) so each tracee stays a single .c file to build.
 *
 * What a test can observe: a tracee still alive after CDBG_TRACEE_DEADLINE seconds
 * (default 60) writes "deadline" to stderr and exits with status 3. The alarm keeps
 * running while a debugger holds the process stopped; SIGALRM is then delivered when
 * the process runs again.
 */
#ifndef CDBG_TRACEE_H
#define CDBG_TRACEE_H

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TRACEE_DEFAULT_DEADLINE 60
#define TRACEE_EXIT_DEADLINE 3
#define TRACEE_EXIT_USAGE 2

/* SIGALRM handler: async-signal-safe only, whatever thread the kernel picked */
static inline void tracee_on_deadline(int sig)
{
	static const char msg[] = "deadline\n";
	ssize_t r = write(STDERR_FILENO, msg, sizeof(msg) - 1);

	(void)sig;
	(void)r;
	_exit(TRACEE_EXIT_DEADLINE);
}

/* Seconds from CDBG_TRACEE_DEADLINE; unset, empty, zero or junk means the default */
static inline unsigned int tracee_deadline_secs(void)
{
	const char *s = getenv("CDBG_TRACEE_DEADLINE");
	char *end;
	unsigned long v;

	if (!s || !*s)
		return TRACEE_DEFAULT_DEADLINE;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v == 0 || v > UINT_MAX || s[0] == '-')
		return TRACEE_DEFAULT_DEADLINE;
	return (unsigned int)v;
}

/*
 * Arm the watchdog. Call first thing in main(), before any thread exists, so every
 * thread inherits an unblocked SIGALRM. A fork child calls it again: fork clears
 * the alarm in the child.
 */
static inline void tracee_arm_deadline(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tracee_on_deadline;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(tracee_deadline_secs());
}

/* Common start of every tracee: line-buffered stdout, then the watchdog */
static inline void tracee_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tracee_arm_deadline();
}

/*
 * Read one line from stdin into buf without its newline. Returns 1 for a line and
 * 0 at EOF or on a read error. Reads interrupted by a signal are retried, so a
 * debugger's stops and a tracee's own handlers do not end the program.
 */
static inline int tracee_read_line(char *buf, size_t size)
{
	size_t len;

	for (;;) {
		if (fgets(buf, (int)size, stdin))
			break;
		if (ferror(stdin) && errno == EINTR) {
			clearerr(stdin);
			continue;
		}
		return 0;
	}
	len = strlen(buf);
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return 1;
}

/* True for a line that ends the program, as EOF does */
static inline int tracee_is_quit(const char *line)
{
	return strcmp(line, "quit") == 0;
}

/* Kernel thread id of the calling thread (what /proc/PID/task lists) */
static inline pid_t tracee_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/*
 * Parse a decimal command-line argument in [min, max]; on failure print a usage
 * error naming what and exit 2.
 */
static inline long tracee_parse_long(const char *s, long min, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "error: bad %s '%s' (want %ld..%ld)\n", what, s, min, max);
		exit(TRACEE_EXIT_USAGE);
	}
	return v;
}

#endif /* CDBG_TRACEE_H */
