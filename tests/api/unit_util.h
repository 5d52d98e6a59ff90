/*
 * unit_util.h - small helpers the libcdbg unit drivers share on top of harness.h: describing
 * events, waiting for a given event, per-thread /proc facts, and finishing a tracee whose exit
 * status libcdbg already collected. Header-only (static inline) so each driver stays one file.
 */
#ifndef CDBG_UNIT_UTIL_H
#define CDBG_UNIT_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"

/* A one-line description of an event, for failure messages (static buffer). */
static inline const char *u_ev(const struct cdbg_event *e)
{
	static char buf[160];

	snprintf(buf, sizeof(buf), "%s(stopped=%d tid=%d parent=%d child=%d code=%d signo=%d)",
		 cdbg_event_name(e->kind), e->stopped, (int)e->tid, (int)e->parent, (int)e->child,
		 e->code, e->signo);
	return buf;
}

static inline long u_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* cdbg_wait that fails the test on an error or when nothing comes within timeout_ms. */
static inline void u_wait(cdbg_proc *p, struct cdbg_event *ev, int timeout_ms)
{
	int r = cdbg_wait(p, ev, timeout_ms);

	if (r < 0)
		h_fail(__FILE__, __LINE__, "cdbg_wait", "%s (%s)", cdbg_errmsg(p), cdbg_errname(r));
	if (r == 0)
		h_fail(__FILE__, __LINE__, "cdbg_wait", "no event within %d ms", timeout_ms);
}

/* Interrupt a running process and wait until it is all-stopped: CDBG_EV_STOPPED, or another
 * stopping event that was pending first (then no STOPPED follows: cdbg_wait says the process is
 * stopped with nothing queued). SIGNAL events on the way are counted in *signals (when
 * non-NULL; they keep their signal pending); notices are skipped; anything else fails. */
static inline void u_stop(cdbg_proc *p, int *signals)
{
	struct cdbg_event ev;
	int r = cdbg_interrupt(p);
	bool stopped = false;

	if (r < 0)
		h_fail(__FILE__, __LINE__, "cdbg_interrupt", "%s", cdbg_errmsg(p));
	for (;;) {
		r = cdbg_wait(p, &ev, stopped ? 0 : 10000);
		if (stopped && r == CDBG_EBADSTATE)
			return; /* all-stopped, nothing more queued */
		if (r < 0)
			h_fail(__FILE__, __LINE__, "cdbg_wait", "%s", cdbg_errmsg(p));
		if (r == 0)
			h_fail(__FILE__, __LINE__, "u_stop",
			       stopped ? "a stopping event came, yet "
					 "the process is not all-stopped" :
					 "no STOPPED within 10 s");
		if (ev.kind == CDBG_EV_STOPPED) {
			if (!ev.stopped)
				h_fail(__FILE__, __LINE__, "stopped", "%s", u_ev(&ev));
			return;
		}
		if (ev.kind == CDBG_EV_SIGNAL && signals) {
			(*signals)++;
			stopped = true;
			continue;
		}
		if (ev.kind == CDBG_EV_THREAD_NEW || ev.kind == CDBG_EV_THREAD_EXIT)
			continue;
		h_fail(__FILE__, __LINE__, "u_stop", "unexpected event %s while stopping",
		       u_ev(&ev));
	}
}

/* The tracee's exit status was collected by libcdbg (it exited while traced): drain its output
 * to EOF and forget its pid so h_pass() does not look for it. */
static inline void u_reaped(struct tracee *t, int timeout_s)
{
	long deadline = u_now_ms() + timeout_s * 1000L;

	if (t->in >= 0) {
		close(t->in);
		t->in = -1;
	}
	while (t->out >= 0 && u_now_ms() < deadline)
		h_try_expect(t, "\x01never", NULL, 0, 1);
	CHECK(t->out < 0, "tracee %d output did not end", (int)t->pid);
	t->pid = 0;
}

/* A line of /proc/PID/task/TID/stat split after the name; NULL if gone. */
static inline const char *u_task_stat(pid_t pid, pid_t tid, char *buf, size_t len)
{
	char path[96];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid, (int)tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *rp = strrchr(buf, ')');
	return rp ? rp + 2 : NULL;
}

/* State letter of one thread, '?' if gone. */
static inline char u_task_state(pid_t pid, pid_t tid)
{
	char buf[1024];
	const char *s = u_task_stat(pid, tid, buf, sizeof(buf));

	return s ? s[0] : '?';
}

/* utime + stime of one thread, -1 if gone. */
static inline long long u_task_ticks(pid_t pid, pid_t tid)
{
	char buf[1024];
	const char *s = u_task_stat(pid, tid, buf, sizeof(buf));
	unsigned long long ut, st;

	if (!s || sscanf(s, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		return -1;
	return (long long)(ut + st);
}

/* A numeric field of /proc/PID/task/TID/status ("TracerPid"), -1 if absent. */
static inline long u_task_status(pid_t pid, pid_t tid, const char *field)
{
	char path[96], line[256];
	size_t flen = strlen(field);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, flen) && line[flen] == ':') {
			v = strtol(line + flen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* The tids listed in /proc/PID/task (up to max); returns how many. */
static inline int u_tasks(pid_t pid, pid_t *tids, int max)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((d = readdir(dir)))
		if (d->d_name[0] >= '0' && d->d_name[0] <= '9' && n < max)
			tids[n++] = (pid_t)atoi(d->d_name);
	closedir(dir);
	return n;
}

/* True once pid has used CPU time (polled up to 5 s: a loaded machine may run it late). */
static inline bool u_cpu_moves(pid_t pid)
{
	long long c0 = h_cpu_ticks(pid);
	long end = u_now_ms() + 5000;

	while (h_cpu_ticks(pid) == c0 && u_now_ms() < end)
		h_msleep(10);
	return h_cpu_ticks(pid) > c0;
}

static inline void u_log_line(void *data, enum cdbg_log_level level, const char *msg)
{
	(void)data;
	fprintf(stderr, "  cdbg[%d]: %s\n", (int)level, msg);
}

/* A new handle; with CDBG_TEST_LOG=N in the environment its log (level N) goes to stderr. */
static inline cdbg_proc *u_new(void)
{
	cdbg_proc *p = cdbg_new();
	const char *lv = getenv("CDBG_TEST_LOG");

	if (!p)
		h_fail(__FILE__, __LINE__, "cdbg_new", "out of memory");
	if (lv && *lv)
		cdbg_set_log(p, u_log_line, NULL, (enum cdbg_log_level)atoi(lv));
	return p;
}

static inline void *u_watchdog_main(void *arg)
{
	int secs = (int)(long)arg;
	char path[300], buf[512];
	struct dirent *d;
	DIR *dir;

	long end = u_now_ms() + secs * 1000L;
	while (u_now_ms() < end) /* sleep() ends early when a signal (SIGCHLD) is handled */
		sleep(1);
	fprintf(stderr,
		"FAIL watchdog: the test still runs after %d s (a hang); killing its "
		"children\n",
		secs);
	dir = opendir("/proc");
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		char *rp = strrchr(buf, ')');
		int ppid = 0;
		if (rp && sscanf(rp + 2, "%*c %d", &ppid) == 1 && ppid == getpid())
			kill(atoi(d->d_name), SIGKILL);
	}
	_exit(1);
	return NULL;
}

/* Fail (exit 1, children killed) if the test is still running after secs seconds: a hang in
 * the library would otherwise run into the CTest timeout and leave stopped processes. */
static inline void u_watchdog(int secs)
{
	pthread_t t;
	pthread_attr_t a;

	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &a, u_watchdog_main, (void *)(long)secs))
		h_fail(__FILE__, __LINE__, "watchdog", "pthread_create failed");
	pthread_attr_destroy(&a);
}

#endif
