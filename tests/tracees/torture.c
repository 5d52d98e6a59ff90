/*
 * torture - the program tests/stress/run debugs: thread storms, signal streams, hot
 * functions, watched globals, forks and calls, each with exact accounting of its own.
 *
 * Usage: torture [storm=CHAINS] [pace=US] [workers=N] [signals=SEED] [alarm] [wstep]
 *                [fork] [watch]
 *   storm=C     C chains of detached threads, each thread calling tick(id) once and then
 *               starting the next of its chain (after `pace` microseconds, default 200);
 *               main also creates and joins a short joinable thread per loop turn
 *   workers=N   N threads looping over hot1(i) and hot2(i) (N <= 16)
 *   signals=S   fork a sender process (before any debugger can attach) that sends, in a
 *               sequence drawn from seed S, sigqueue()d SIGRTMIN+1 with payloads 1, 2, 3...
 *               and SIGUSR1s, each only once the handler acknowledged the previous one
 *               through a pipe
 *   alarm       one self-sent SIGALRM always in flight (re-armed by its handler, 3 ms)
 *   wstep       a thread storing 1, 2, 3... to wglob2 with the instruction at store_insn
 *   fork        a thread forking a child every few ms; each child calls forkhot() and
 *               compares its executable mappings with those the program had before its
 *               ready line, and its text with the executable file's bytes
 *   watch       stdin "wthread" starts a thread that stores 1, 2, 3 to wglob
 * Always: counted_fn(x) counts the calls a debugger makes.
 *
 * stdin commands: "wthread"; "stats" prints "progress n=<worker turns>"; "quit" or EOF ends.
 * What a test can observe:
 *   "ready pid=<pid>"   once every requested part runs
 *   at the end, one line per part, then "done ok" (exit 0) or "done BAD" (exit 1):
 *   "storm created=N ticked=T bad=B"        B threads whose tick count is not 1
 *   "sender sent_rt=A sent_usr1=U ack_timeouts=L"   what the sender sent
 *   "received rt=A usr1=U rt_dup=D rt_bad=X rt_missing=M first_missing=K"
 *   "alarm n=K"
 *   "calls n=N sum=S"
 *   "fork forks=N ok=K trapped=T mapsdiff=M codediff=C other=O"
 *   "wstep stores=N"  "watch wglob=V"
 * A program alive after CDBG_TRACEE_DEADLINE seconds exits 3 (tracee.h), as does its sender.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

#include "tracee.h"

#define NOINL __attribute__((noinline, noclone, used))
#define MAX_IDS (1 << 21)
#define MAX_RT (1 << 20)
#define MAX_WORKERS 16

/* ---- thread storm -------------------------------------------------------------------------- */
static unsigned char ticks[MAX_IDS];
static atomic_long next_id;
static atomic_int storm_stop;
static atomic_int chains_live;
static atomic_long create_errors;
static long pace_us = 200;

NOINL void tick(long id)
{
	if (id >= 0 && id < MAX_IDS)
		__atomic_fetch_add(&ticks[id], 1, __ATOMIC_RELAXED);
}

static long new_id(void)
{
	long id = atomic_fetch_add(&next_id, 1);
	return id < MAX_IDS ? id : -1;
}

static int spawn(void *(*fn)(void *), void *arg, int detached, pthread_t *out)
{
	pthread_attr_t a;
	pthread_t t;
	int err;

	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 128 * 1024);
	if (detached)
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	while ((err = pthread_create(&t, &a, fn, arg)) == EAGAIN)
		sched_yield();
	pthread_attr_destroy(&a);
	if (err) {
		atomic_fetch_add(&create_errors, 1);
		return -1;
	}
	if (out)
		*out = t;
	return 0;
}

static void *chain_main(void *arg)
{
	long id = new_id();

	(void)arg;
	if (id >= 0)
		tick(id);
	if (pace_us)
		usleep((useconds_t)pace_us);
	if (atomic_load(&storm_stop) || id < 0 || spawn(chain_main, NULL, 1, NULL) < 0)
		atomic_fetch_sub(&chains_live, 1);
	return NULL;
}

static void *joinable_main(void *arg)
{
	(void)arg;
	tick((long)arg);
	return NULL;
}

/* ---- hot functions, workers ------------------------------------------------------------------ */
volatile long hot_seq;        /* bumped by hot2 (breakpoint conditions read it) */
static atomic_long progress;  /* worker turns */
static atomic_int workers_stop;
static long sink;

NOINL long hot1(long i)
{
	__atomic_fetch_add(&sink, i, __ATOMIC_RELAXED);
	return i * 3;
}

NOINL long hot2(long i)
{
	hot_seq++;
	return i ^ 5;
}

static void *worker_main(void *arg)
{
	long i = (long)arg;

	while (!atomic_load(&workers_stop)) {
		hot1(i);
		hot2(i);
		i++;
		atomic_fetch_add(&progress, 1);
		if ((i & 63) == 0)
			usleep(200);
	}
	return NULL;
}

/* ---- calls ----------------------------------------------------------------------------------- */
long counted_calls, counted_sum;

NOINL long counted_fn(long x)
{
	counted_calls++;
	counted_sum += x;
	return x * 2 + 1;
}

/* ---- watched globals ------------------------------------------------------------------------- */
volatile int wglob;
volatile int wglob2;
static atomic_int wstep_stop;
static long wstep_stores;

NOINL void wstore(int v)
{
	__asm__ volatile(".globl store_insn\n"
			 "store_insn:\n\t"
			 "movl %0, wglob2(%%rip)\n" : : "r"(v) : "memory");
}

static void *wstep_main(void *arg)
{
	int v = 1;

	(void)arg;
	while (!atomic_load(&wstep_stop)) {
		wstore(v++);
		wstep_stores++;
		usleep(2000);
	}
	return NULL;
}

static void *wthread_main(void *arg)
{
	(void)arg;
	for (int v = 1; v <= 3; v++) {
		wglob = v;
		usleep(5000);
	}
	return NULL;
}

/* ---- signals --------------------------------------------------------------------------------- */
static int ack_pipe[2], res_pipe[2], stop_pipe[2];
static pid_t sender;
static unsigned char rt_seen[MAX_RT + 1];
static atomic_long rt_recv, rt_bad, usr1_recv, alarm_recv;
static struct timespec deadline;

static void ack(void)
{
	char c = 1;
	ssize_t r = write(ack_pipe[1], &c, 1);
	(void)r;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	int v = si->si_value.sival_int;

	(void)sig;
	(void)uc;
	if (si->si_code != SI_QUEUE || si->si_pid != sender || v < 1 || v > MAX_RT)
		atomic_fetch_add(&rt_bad, 1);
	else
		__atomic_fetch_add(&rt_seen[v], 1, __ATOMIC_RELAXED);
	atomic_fetch_add(&rt_recv, 1);
	ack();
}

static void on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&usr1_recv, 1);
	ack();
}

static void on_alarm(int sig)
{
	struct itimerval it = { { 0, 0 }, { 0, 3000 } };
	struct timespec now;

	(void)sig;
	atomic_fetch_add(&alarm_recv, 1);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > deadline.tv_sec)
		tracee_on_deadline(SIGALRM);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* True while some thread of pid is stopped (t or T): its signals wait then, not lost */
static int task_stopped(pid_t pid)
{
	char path[300], buf[512];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", (int)pid, e->d_name);
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		ssize_t r = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (r <= 0)
			continue;
		buf[r] = 0;
		char *s = strrchr(buf, ')');
		if (s && s[1] && (s[2] == 't' || s[2] == 'T'))
			n++;
	}
	closedir(d);
	return n;
}

/* The sender: a separate process, so it is never traced with the program */
static void sender_main(unsigned long seed, pid_t target)
{
	long sent_rt = 0, sent_usr1 = 0, timeouts = 0;
	int stopping = 0;
	char line[128];

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	tracee_arm_deadline();
	fcntl(stop_pipe[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		struct pollfd p = { stop_pipe[0], POLLIN, 0 };
		union sigval v;
		int waited_ms = 0;
		char c;

		if (poll(&p, 1, 0) > 0)
			break;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		if ((seed >> 33) % 3 == 0) {
			kill(target, SIGUSR1);
			sent_usr1++;
		} else {
			if (sent_rt >= MAX_RT)
				break;
			v.sival_int = (int)(sent_rt + 1);
			if (sigqueue(target, SIGRTMIN + 1, v) < 0)
				break;
			sent_rt++;
		}
		/*
		 * The acknowledgement. Time while a thread of the program is stopped does not
		 * count (its signal waits then); 5 s of running without it is a lost signal. Once
		 * told to stop, the sender waits at most 3 s more.
		 */
		for (;;) {
			struct pollfd q[2] = { { ack_pipe[0], POLLIN, 0 }, { stop_pipe[0], POLLIN, 0 } };
			int r = poll(q, 2, 100);
			if (r > 0 && (q[0].revents & POLLIN) && read(ack_pipe[0], &c, 1) == 1)
				break;
			if (r > 0 && (q[1].revents & POLLIN) && !stopping) {
				stopping = 1;
				waited_ms = 0;
			}
			if (r > 0 && stopping && !(q[0].revents & POLLIN))
				usleep(100000);
			if (stopping || !task_stopped(target))
				waited_ms += 100;
			if (waited_ms >= (stopping ? 3000 : 5000)) {
				timeouts++;
				if (stopping)
					goto out;
				break;
			}
		}
		usleep((useconds_t)((seed >> 40) % 400));
	}
out:
	snprintf(line, sizeof(line), "sent_rt=%ld sent_usr1=%ld ack_timeouts=%ld\n", sent_rt,
		 sent_usr1, timeouts);
	if (write(res_pipe[1], line, strlen(line)) < 0)
		_exit(1);
	_exit(0);
}

static void start_signals(unsigned long seed)
{
	struct sigaction sa;
	pid_t me = getpid();

	if (pipe(ack_pipe) || pipe(res_pipe) || pipe(stop_pipe))
		exit(2);
	fcntl(ack_pipe[1], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	/* The handler checks si_pid against `sender`: keep the sender's signals out until the
	 * parent has stored its pid (the first one can come before fork returns to the parent). */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGRTMIN + 1);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t pid = fork();
	if (pid < 0)
		exit(2);
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		sender_main(seed, me);
	}
	sender = pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void start_alarm(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 3000 } };

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += tracee_deadline_secs();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* ---- fork ------------------------------------------------------------------------------------ */
static char exec_maps[8192];   /* executable mappings before the ready line */
static atomic_int fork_stop;
static long forks, fork_ok, fork_trapped, fork_mapsdiff, fork_codediff, fork_other;

NOINL long forkhot(long i)
{
	__atomic_fetch_add(&sink, i, __ATOMIC_RELAXED);
	return i + 1;
}

/* The executable mappings of this process, one line each, into buf */
static void read_exec_maps(char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	size_t len = 0;

	buf[0] = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char perms[8] = "";
		if (sscanf(line, "%*s %7s", perms) == 1 && perms[2] == 'x' &&
		    len + strlen(line) + 1 < size) {
			strcpy(buf + len, line);
			len += strlen(line);
		}
	}
	fclose(f);
}

/* 0 if every executable mapping of /proc/self/exe holds the file's bytes */
static int code_matches_file(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512], exe[256];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int bad = 0;

	if (!f || n <= 0)
		return 0;
	exe[n] = 0;
	int fd = open(exe, O_RDONLY);
	while (fd >= 0 && fgets(line, sizeof(line), f)) {
		unsigned long lo, hi, off;
		char perms[8], path[256] = "";
		if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %255s", &lo, &hi, perms, &off, path) < 4)
			continue;
		if (perms[2] != 'x' || strcmp(path, exe))
			continue;
		static unsigned char fb[4096];
		for (unsigned long a = lo; a < hi; a += sizeof(fb)) {
			ssize_t r = pread(fd, fb, sizeof(fb), (off_t)(off + (a - lo)));
			if (r <= 0)
				break;
			if (memcmp(fb, (void *)a, (size_t)r))
				bad = 1;
		}
	}
	if (fd >= 0)
		close(fd);
	fclose(f);
	return bad;
}

static void fork_child(long i)
{
	static char now[8192];

	forkhot(i);
	read_exec_maps(now, sizeof(now));
	if (strcmp(now, exec_maps)) {
		printf("forkchild mapsdiff: before attach:\n%sin child:\n%s", exec_maps, now);
		_exit(20);
	}
	if (code_matches_file())
		_exit(21);
	_exit(0);
}

static void *fork_main(void *arg)
{
	long i = 0;

	(void)arg;
	while (!atomic_load(&fork_stop)) {
		forkhot(i);
		pid_t c = fork();
		if (c == 0)
			fork_child(i);
		if (c < 0) {
			fork_other++;
			usleep(5000);
			continue;
		}
		forks++;
		int st;
		while (waitpid(c, &st, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			fork_ok++;
		else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGTRAP)
			fork_trapped++;
		else if (WIFEXITED(st) && WEXITSTATUS(st) == 20)
			fork_mapsdiff++;
		else if (WIFEXITED(st) && WEXITSTATUS(st) == 21)
			fork_codediff++;
		else
			fork_other++;
		i++;
		usleep(3000 + (useconds_t)(i % 7) * 1000);
	}
	return NULL;
}

/* ---- main ------------------------------------------------------------------------------------ */
int main(int argc, char **argv)
{
	long chains = 0, nworkers = 0;
	unsigned long sigseed = 0;
	int sigs = 0, alarms = 0, wstep = 0, dofork = 0, watch = 0, bad = 0;
	pthread_t wt[MAX_WORKERS], wst, ft, wth;
	int wth_started = 0;
	char line[256];

	tracee_init();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strncmp(a, "storm=", 6))
			chains = tracee_parse_long(a + 6, 1, 64, "storm chains");
		else if (!strncmp(a, "pace=", 5))
			pace_us = tracee_parse_long(a + 5, 0, 100000, "pace");
		else if (!strncmp(a, "workers=", 8))
			nworkers = tracee_parse_long(a + 8, 0, MAX_WORKERS, "workers");
		else if (!strncmp(a, "signals=", 8)) {
			sigs = 1;
			sigseed = (unsigned long)tracee_parse_long(a + 8, 0, LONG_MAX, "seed");
		} else if (!strcmp(a, "alarm"))
			alarms = 1;
		else if (!strcmp(a, "wstep"))
			wstep = 1;
		else if (!strcmp(a, "fork"))
			dofork = 1;
		else if (!strcmp(a, "watch"))
			watch = 1;
		else {
			fprintf(stderr, "usage: torture [storm=C] [pace=US] [workers=N] [signals=SEED] "
				"[alarm] [wstep] [fork] [watch]\n");
			return TRACEE_EXIT_USAGE;
		}
	}
	read_exec_maps(exec_maps, sizeof(exec_maps));
	if (sigs)
		start_signals(sigseed);
	if (alarms)
		start_alarm();
	for (long i = 0; i < nworkers; i++)
		spawn(worker_main, (void *)(i * 1000), 0, &wt[i]);
	if (wstep)
		spawn(wstep_main, NULL, 0, &wst);
	if (dofork)
		spawn(fork_main, NULL, 0, &ft);
	atomic_store(&chains_live, (int)chains);
	for (long i = 0; i < chains; i++)
		if (spawn(chain_main, NULL, 1, NULL) < 0)
			atomic_fetch_sub(&chains_live, 1);
	printf("ready pid=%d\n", (int)getpid());

	/* main: read commands; with a storm, a joinable thread per turn */
	for (;;) {
		struct pollfd p = { 0, POLLIN, 0 };
		int r = poll(&p, 1, chains ? 1 : 100);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0) {
			if (!tracee_read_line(line, sizeof(line)) || tracee_is_quit(line))
				break;
			if (!strcmp(line, "stats"))
				printf("progress n=%ld\n", atomic_load(&progress));
			else if (!strcmp(line, "wthread") && watch && !wth_started)
				wth_started = !spawn(wthread_main, NULL, 0, &wth);
			else
				printf("error: unknown command '%s'\n", line);
		}
		if (chains) {
			pthread_t t;
			long id = new_id();
			if (id >= 0 && !spawn(joinable_main, (void *)id, 0, &t))
				pthread_join(t, NULL);
		}
	}

	/* the end: stop every part, then account */
	atomic_store(&storm_stop, 1);
	atomic_store(&workers_stop, 1);
	atomic_store(&wstep_stop, 1);
	atomic_store(&fork_stop, 1);
	while (atomic_load(&chains_live) > 0)
		usleep(1000);
	for (long i = 0; i < nworkers; i++)
		pthread_join(wt[i], NULL);
	if (wstep)
		pthread_join(wst, NULL);
	if (dofork)
		pthread_join(ft, NULL);
	if (wth_started)
		pthread_join(wth, NULL);
	if (chains) {
		long n = atomic_load(&next_id), ticked = 0, b = 0;
		if (n > MAX_IDS)
			n = MAX_IDS;
		for (long i = 0; i < n; i++) {
			ticked += ticks[i] != 0;
			b += ticks[i] != 1;
		}
		printf("storm created=%ld ticked=%ld bad=%ld create_errors=%ld\n", n, ticked, b,
		       atomic_load(&create_errors));
		bad |= b != 0 || atomic_load(&create_errors) != 0;
	}
	if (sigs) {
		char res[256] = "";
		long sent_rt = -1, sent_usr1 = -1, to = -1, dup = 0, missing = 0, first_missing = 0;
		ssize_t n;
		int st;

		if (write(stop_pipe[1], "x", 1) < 0)
			bad = 1;
		while (waitpid(sender, &st, 0) < 0 && errno == EINTR)
			;
		while ((n = read(res_pipe[0], res, sizeof(res) - 1)) < 0 && errno == EINTR)
			;
		if (n > 0) {
			res[n] = 0;
			sscanf(res, "sent_rt=%ld sent_usr1=%ld ack_timeouts=%ld", &sent_rt, &sent_usr1,
			       &to);
		}
		/* a signal still in flight (its ack timed out) may arrive late: give it a moment */
		for (int i = 0; i < 100 && atomic_load(&rt_recv) + atomic_load(&usr1_recv) <
					 sent_rt + sent_usr1; i++)
			usleep(10000);
		for (long v = 1; v <= MAX_RT; v++) {
			if (rt_seen[v] > 1)
				dup++;
			if (v <= sent_rt && !rt_seen[v] && !missing++)
				first_missing = v;
			if (v > sent_rt && rt_seen[v])
				dup++;
		}
		printf("sender sent_rt=%ld sent_usr1=%ld ack_timeouts=%ld\n", sent_rt, sent_usr1, to);
		printf("received rt=%ld usr1=%ld rt_dup=%ld rt_bad=%ld rt_missing=%ld "
		       "first_missing=%ld\n", atomic_load(&rt_recv), atomic_load(&usr1_recv), dup,
		       atomic_load(&rt_bad), missing, first_missing);
		bad |= sent_rt < 0 || atomic_load(&rt_recv) != sent_rt || dup || missing ||
		       atomic_load(&rt_bad) || atomic_load(&usr1_recv) != sent_usr1 || to != 0;
	}
	if (alarms)
		printf("alarm n=%ld\n", atomic_load(&alarm_recv));
	printf("calls n=%ld sum=%ld\n", counted_calls, counted_sum);
	if (dofork) {
		printf("fork forks=%ld ok=%ld trapped=%ld mapsdiff=%ld codediff=%ld other=%ld\n", forks,
		       fork_ok, fork_trapped, fork_mapsdiff, fork_codediff, fork_other);
		bad |= fork_ok != forks;
	}
	if (wstep)
		printf("wstep stores=%ld wglob2=%d\n", wstep_stores, wglob2);
	if (watch)
		printf("watch wglob=%d\n", wglob);
	printf("done %s\n", bad ? "BAD" : "ok");
	return bad;
}
