/*
 * harness.c - helpers for the C test drivers (see harness.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MAX_TRACEES 16
static struct tracee *started[MAX_TRACEES];
static int nstarted;

/* A finished tracee leaves the list (its struct may go out of scope after). */
static void forget(struct tracee *t)
{
	for (int i = 0; i < nstarted; i++)
		if (started[i] == t)
			started[i] = NULL;
}

static void kill_all(void)
{
	for (int i = 0; i < nstarted; i++) {
		if (started[i] && started[i]->pid > 0) {
			pid_t pid = started[i]->pid, r;
			kill(pid, SIGKILL);
			/* If this process traces it, its threads are our children too: reap them
			 * all, or the leader's death is never reported. Never block for long on
			 * other children. */
			for (int n = 0; n < 400; n++) {
				r = waitpid(-1, NULL, __WALL | WNOHANG);
				if (r == pid || (r < 0 && errno == ECHILD))
					break;
				if (r == 0)
					h_msleep(5);
			}
			started[i]->pid = 0;
		}
	}
}

void h_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FAIL %s:%d: %s: ", file, line, expr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (int i = 0; i < nstarted; i++)
		if (started[i] && started[i]->len)
			fprintf(stderr, "  unread output of %d: %.*s\n", (int)started[i]->pid,
				(int)started[i]->len, started[i]->buf);
	kill_all();
	exit(1);
}

void h_skip(const char *fmt, ...)
{
	va_list ap;

	fprintf(stdout, "SKIP: ");
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	kill_all();
	exit(SKIP_CODE);
}

void h_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

const char *h_tracee_path(const char *name)
{
	static char path[4096];
	const char *dir = getenv("CDBG_TRACEE_DIR");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	return path;
}

void h_startv(struct tracee *t, const char *name, char *const args[])
{
	int in[2], out[2];
	char *argv[32];
	int n = 0;

	memset(t, 0, sizeof(*t));
	argv[n++] = (char *)h_tracee_path(name);
	for (int i = 0; args && args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	if (access(argv[0], X_OK) < 0)
		h_skip("tracee %s is not built", argv[0]);
	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
		h_fail(__FILE__, __LINE__, "pipe", "%s", strerror(errno));
	if (!getenv("CDBG_TRACEE_DEADLINE"))
		setenv("CDBG_TRACEE_DEADLINE", "60", 1);
	t->pid = fork();
	if (t->pid < 0)
		h_fail(__FILE__, __LINE__, "fork", "%s", strerror(errno));
	if (t->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	t->reaped_code = -1;
	t->in = in[1];
	t->out = out[0];
	if (nstarted < MAX_TRACEES)
		started[nstarted++] = t;
}

void h_start(struct tracee *t, const char *name, ...)
{
	char *args[32];
	int n = 0;
	va_list ap;

	va_start(ap, name);
	while (n < 31 && (args[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	args[n] = NULL;
	h_startv(t, name, args);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Take one complete line starting with prefix out of the buffer, if there is one. */
static bool take_line(struct tracee *t, const char *prefix, char *line, size_t len)
{
	size_t start = 0;

	while (start < t->len) {
		char *nl = memchr(t->buf + start, '\n', t->len - start);
		if (!nl)
			return false;
		size_t l = (size_t)(nl - (t->buf + start));
		if (l >= strlen(prefix) && !memcmp(t->buf + start, prefix, strlen(prefix))) {
			if (line && len) {
				size_t c = l < len - 1 ? l : len - 1;
				memcpy(line, t->buf + start, c);
				line[c] = '\0';
			}
			memmove(t->buf + start, nl + 1, t->len - (size_t)(nl + 1 - t->buf));
			t->len -= l + 1;
			return true;
		}
		start += l + 1;
	}
	return false;
}

bool h_try_expect(struct tracee *t, const char *prefix, char *line, size_t len, int timeout_s)
{
	long deadline = now_ms() + timeout_s * 1000L;

	for (;;) {
		if (take_line(t, prefix, line, len))
			return true;
		long left = deadline - now_ms();
		if (left <= 0 || t->out < 0)
			return false;
		struct pollfd pfd = { t->out, POLLIN, 0 };
		int r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		if (t->len == sizeof(t->buf)) { /* drop the oldest half */
			memmove(t->buf, t->buf + sizeof(t->buf) / 2, sizeof(t->buf) / 2);
			t->len = sizeof(t->buf) / 2;
		}
		ssize_t n = read(t->out, t->buf + t->len, sizeof(t->buf) - t->len);
		if (n <= 0) {
			close(t->out);
			t->out = -1;
			return take_line(t, prefix, line, len);
		}
		t->len += (size_t)n;
	}
}

void h_expect(struct tracee *t, const char *prefix, char *line, size_t len, int timeout_s)
{
	if (!h_try_expect(t, prefix, line, len, timeout_s))
		h_fail(__FILE__, __LINE__, "h_expect",
		       "tracee %d printed no line starting with '%s' "
		       "within %d s",
		       (int)t->pid, prefix, timeout_s);
}

void h_send(struct tracee *t, const char *line)
{
	size_t n = strlen(line);

	if (write(t->in, line, n) != (ssize_t)n || write(t->in, "\n", 1) != 1)
		h_fail(__FILE__, __LINE__, "h_send", "cannot write to tracee %d: %s", (int)t->pid,
		       strerror(errno));
}

int h_finish(struct tracee *t, int timeout_s)
{
	long deadline = now_ms() + timeout_s * 1000L;
	int status;

	if (t->in >= 0) {
		close(t->in);
		t->in = -1;
	}
	/* Drain output until EOF so the tracee never blocks on a full pipe. */
	while (t->out >= 0 && now_ms() < deadline)
		h_try_expect(t, "\x01never", NULL, 0, 1);
	if (t->reaped_code >= 0) {
		t->pid = 0;
		forget(t);
		return t->reaped_code;
	}
	for (;;) {
		pid_t r = waitpid(t->pid, &status, WNOHANG | __WALL);
		if (r == t->pid)
			break;
		if (r < 0)
			h_fail(__FILE__, __LINE__, "waitpid", "%s", strerror(errno));
		if (now_ms() > deadline)
			h_fail(__FILE__, __LINE__, "h_finish",
			       "tracee %d did not exit within %d s "
			       "(state %c)",
			       (int)t->pid, timeout_s, h_proc_state(t->pid));
		h_msleep(10);
	}
	t->pid = 0;
	t->status = status;
	forget(t);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void h_reaped(struct tracee *t, int code)
{
	t->reaped_code = code;
}

long long h_field(const char *line, const char *key)
{
	char pat[64];
	const char *s;

	snprintf(pat, sizeof(pat), "%s=", key);
	s = strstr(line, pat);
	if (!s)
		h_fail(__FILE__, __LINE__, "h_field", "no %s= in '%s'", key, line);
	return strtoll(s + strlen(pat), NULL, 0);
}

static int read_stat(pid_t pid, const char *tid, char *buf, size_t len)
{
	char path[128];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", (int)pid, tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

int h_count_states(pid_t pid, const char *letters, int *total)
{
	char path[64], buf[1024];
	struct dirent *d;
	DIR *dir;
	int n = 0, all = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir) {
		if (total)
			*total = 0;
		return 0;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.' || read_stat(pid, d->d_name, buf, sizeof(buf)) < 0)
			continue;
		char *rp = strrchr(buf, ')');
		if (!rp)
			continue;
		all++;
		if (strchr(letters, rp[2]))
			n++;
	}
	closedir(dir);
	if (total)
		*total = all;
	return n;
}

long long h_cpu_ticks(pid_t pid)
{
	char path[64], buf[1024];
	struct dirent *d;
	DIR *dir;
	long long sum = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		unsigned long long ut, st;
		if (d->d_name[0] == '.' || read_stat(pid, d->d_name, buf, sizeof(buf)) < 0)
			continue;
		char *rp = strrchr(buf, ')');
		/* after ") ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
		 * utime stime */
		if (rp && sscanf(rp + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
				 &ut, &st) == 2)
			sum += (long long)(ut + st);
	}
	closedir(dir);
	return sum;
}

char h_proc_state(pid_t pid)
{
	char path[64], buf[1024];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	char *rp = strrchr(buf, ')');
	return rp ? rp[2] : '?';
}

bool h_wait_untraced(pid_t pid, int timeout_s)
{
	long deadline = now_ms() + timeout_s * 1000L;

	while (h_count_states(pid, "t", NULL) > 0) {
		if (now_ms() > deadline)
			return false;
		h_msleep(5);
	}
	return true;
}

long h_syscall(pid_t tid, uint64_t *arg0, uint64_t *pc)
{
	char path[64], buf[512], *f[9], *save = NULL;
	int fd, nf = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -2;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -2;
	buf[n] = '\0';
	/* "NR A0 .. A5 SP PC" when blocked in a call, "-1 SP PC" when stopped outside one,
	 * "running" when it runs. */
	for (char *w = strtok_r(buf, " \n", &save); w && nf < 9; w = strtok_r(NULL, " \n", &save))
		f[nf++] = w;
	if (nf == 3 && pc) /* stopped outside a system call: its pc all the same */
		*pc = strtoull(f[2], NULL, 16);
	if (nf != 9)
		return -1;
	if (arg0)
		*arg0 = strtoull(f[1], NULL, 16);
	if (pc)
		*pc = strtoull(f[8], NULL, 16);
	return strtol(f[0], NULL, 10);
}

bool h_wait_in_syscall(pid_t tid, long nr, int timeout_s)
{
	long deadline = now_ms() + timeout_s * 1000L;

	while (!(h_syscall(tid, NULL, NULL) == nr && h_proc_state(tid) == 'S')) {
		if (now_ms() > deadline)
			return false;
		h_msleep(2);
	}
	return true;
}

void h_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int h_pass(void)
{
	for (int i = 0; i < nstarted; i++)
		if (started[i] && started[i]->pid > 0)
			h_fail(__FILE__, __LINE__, "h_pass", "tracee %d was left alive",
			       (int)started[i]->pid);
	printf("PASS\n");
	return 0;
}
