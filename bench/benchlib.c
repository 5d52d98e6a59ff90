/*
 * benchlib.c - helpers shared by the bench runners (see benchlib.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"

const char *bl_name = "bench";
void (*bl_cleanup)(void);
volatile sig_atomic_t bl_timed_out;

void bl_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", bl_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (bl_cleanup)
		bl_cleanup();
	exit(2);
}

double bl_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_alarm(int sig)
{
	(void)sig;
	bl_timed_out = 1;
}

void bl_arm_timeout(int secs)
{
	static int installed;
	struct itimerval it = { .it_value = { .tv_sec = secs } };

	if (!installed) {
		struct sigaction sa = { .sa_handler = on_alarm }; /* no SA_RESTART */
		sigaction(SIGALRM, &sa, NULL);
		installed = 1;
	}
	bl_timed_out = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

void bl_path_next_to_self(char *out, const char *rel)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n < 0)
		n = 0;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	if (snprintf(out, PATH_MAX, "%s/%s", n ? self : ".", rel) >= PATH_MAX)
		bl_die("path too long: %s/%s", self, rel);
}

int bl_find_in_path(const char *name, char *out)
{
	const char *p = getenv("PATH");
	size_t len;
	int n;

	for (p = p ? p : "/usr/bin:/bin"; *p; p += len + (p[len] == ':')) {
		len = strcspn(p, ":");
		n = snprintf(out, PATH_MAX, "%.*s/%s", (int)(len ? len : 1), len ? p : ".", name);
		if (n < PATH_MAX && access(out, X_OK) == 0)
			return 0;
	}
	return -1;
}

int bl_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bl_median(const double *v, int n)
{
	double *s, m;

	if (n <= 0)
		return -1;
	if (!(s = malloc((size_t)n * sizeof(*s))))
		bl_die("out of memory");
	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), bl_cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

void bl_range(const double *v, int n, double *lo, double *hi)
{
	*lo = n > 0 ? v[0] : 0;
	*hi = *lo;
	for (int i = 1; i < n; i++) {
		*lo = v[i] < *lo ? v[i] : *lo;
		*hi = v[i] > *hi ? v[i] : *hi;
	}
}

void bl_print_load(const char *when)
{
	char buf[128] = "?";
	FILE *f = fopen("/proc/loadavg", "r");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			strcpy(buf, "?");
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
	printf("load average %s: %s\n", when, buf);
}

int bl_run(char *const argv[], int stdin_fd, char *out, size_t outlen, int timeout,
	   struct bl_result *r)
{
	return bl_run_setup(argv, stdin_fd, NULL, NULL, out, outlen, timeout, r);
}

int bl_run_setup(char *const argv[], int stdin_fd, void (*setup)(void *), void *arg, char *out,
		 size_t outlen, int timeout, struct bl_result *r)
{
	int fd = memfd_create("bench_out", MFD_CLOEXEC), st = 0;
	int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct rusage ru = { 0 };
	double t0;
	ssize_t n;
	pid_t child, w;

	if (fd < 0 || devnull < 0)
		bl_die("memfd_create: %s", strerror(errno));
	memset(r, 0, sizeof(*r));
	t0 = bl_now_s();
	child = fork();
	if (child < 0)
		bl_die("fork: %s", strerror(errno));
	if (child == 0) {
		setpgid(0, 0);
		if (setup)
			setup(arg);
		dup2(stdin_fd >= 0 ? stdin_fd : devnull, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	bl_arm_timeout(timeout);
	while ((w = wait4(child, &st, 0, &ru)) < 0 && errno == EINTR && !bl_timed_out)
		;
	bl_arm_timeout(0);
	r->secs = bl_now_s() - t0;
	if (w < 0) {
		kill(-child, SIGKILL);
		wait4(child, &st, 0, &ru);
	}
	r->maxrss_kb = ru.ru_maxrss;
	n = pread(fd, out, outlen - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(fd);
	close(devnull);
	if (w < 0)
		snprintf(r->why, sizeof(r->why), "killed after the %d s timeout", timeout);
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	else if (WIFEXITED(st))
		snprintf(r->why, sizeof(r->why), "exited %d", WEXITSTATUS(st));
	else
		snprintf(r->why, sizeof(r->why), "killed by signal %d", WTERMSIG(st));
	return -1;
}

void bl_child_affinity(int cpu, int pinned, const void *all)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), pinned ? &set : (const cpu_set_t *)all) < 0)
		_exit(125);
}

void bl_fmt_ratio(double num, double den, char *buf, size_t len)
{
	if (num < 0 || den <= 0)
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%.2f", num / den);
}

void bl_print_machine(void)
{
	struct utsname u;
	char line[256], model[256] = "unknown CPU";
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "model name : %255[^\n]", model) == 1)
			break;
	if (f)
		fclose(f);
	uname(&u);
	printf("machine: %ld CPUs (%s), Linux %s\n", sysconf(_SC_NPROCESSORS_ONLN), model,
	       u.release);
}
