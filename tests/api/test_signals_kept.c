/*
 * test_signals_kept: no signal is lost or doubled by attach, detach, all-stop and resume.
 * sigcount counts SIGRTMIN and SIGUSR1. A sender process queues K SIGRTMIN (sigqueue) at the
 * program while the driver attaches and detaches in a loop; while attached the process runs
 * (cdbg_cont) and each SIGRTMIN is either reported as a SIGNAL event and passed on with
 * cdbg_cont (default policy) or passed silently (CDBG_SIG_PASS); before detaching it is
 * interrupted, and signals whose events are still queued keep their pending signal. At the
 * end the program counts exactly K per phase. SIGUSR1 (not queued by the kernel, so sent one
 * at a time and waited for) arriving while held, while running attached, and before detach
 * is counted exactly once each time.
 */
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <sys/wait.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define K 2000

/* The program's current counts, asked with "report" (it must be running). */
static void report(struct tracee *t, long *rt, long *usr1)
{
	char line[256];

	h_send(t, "report");
	h_expect(t, "count ", line, sizeof(line), 10);
	*rt = atol(line + 6);
	h_expect(t, "usr1 ", line, sizeof(line), 10);
	*usr1 = atol(line + 5);
}

/* Ask until the counts reach (rt, usr1); fail if they pass them or never get there. */
static void expect_counts(struct tracee *t, long rt, long usr1, const char *what)
{
	long r = -1, u = -1, deadline = u_now_ms() + 10000;

	for (;;) {
		report(t, &r, &u);
		CHECK(r <= rt && u <= usr1,
		      "%s: counts went past: SIGRTMIN %ld (want %ld), SIGUSR1 "
		      "%ld (want %ld)",
		      what, r, rt, u, usr1);
		if (r == rt && u == usr1)
			return;
		CHECK(u_now_ms() < deadline,
		      "%s: SIGRTMIN %ld (want %ld), SIGUSR1 %ld (want %ld): "
		      "signals lost",
		      what, r, rt, u, usr1);
		h_msleep(20);
	}
}

/* A process that queues K SIGRTMIN at pid in small bursts, then writes one byte to `done`
 * and waits for `hold` to close (so its exit does not race with the driver's waits). */
static pid_t start_sender(pid_t pid, int *done_rd, int *hold_wr)
{
	int done[2], hold[2];
	pid_t s;

	CHECK(pipe(done) == 0 && pipe(hold) == 0, "pipe");
	s = fork();
	CHECK(s >= 0, "fork");
	if (s == 0) {
		union sigval v = { .sival_int = 0 };
		char c = 'd';
		close(done[0]);
		close(hold[1]);
		for (int i = 0; i < K;) {
			if (sigqueue(pid, SIGRTMIN, v) == 0) {
				i++;
				if (i % 4 == 0)
					usleep(1000);
			} else if (errno == EAGAIN) {
				usleep(1000); /* queue full: the program is held; try again */
			} else {
				_exit(2);
			}
		}
		if (write(done[1], &c, 1) != 1)
			_exit(3);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(done[1]);
	close(hold[0]);
	*done_rd = done[0];
	*hold_wr = hold[1];
	return s;
}

static bool sender_done(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, 0) == 1;
}

/* One attach..detach cycle while the sender sends. */
static void cycle(cdbg_proc *p, pid_t pid, int n, bool pass, int *events)
{
	struct cdbg_event ev;
	long end;
	int r;

	CHECK(cdbg_attach(p, pid) == 0, "cycle %d: attach: %s", n, cdbg_errmsg(p));
	if (pass)
		CHECK(cdbg_set_signal_policy(p, SIGRTMIN, CDBG_SIG_PASS) >= 0, "policy: %s",
		      cdbg_errmsg(p));
	switch (n % 3) {
	case 0: /* held only: arriving signals stay pending until detach */
		h_msleep(5);
		break;
	default: /* running under cdbg */
		CHECK(cdbg_cont(p) == 0, "cycle %d: cont: %s", n, cdbg_errmsg(p));
		end = u_now_ms() + 5 + 5 * (n % 4);
		while (u_now_ms() < end) {
			r = cdbg_wait(p, &ev, 2);
			CHECK(r >= 0, "cycle %d: wait: %s", n, cdbg_errmsg(p));
			if (r == 0)
				continue;
			CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGRTMIN,
			      "cycle %d: unexpected %s", n, u_ev(&ev));
			CHECK(!pass, "cycle %d: SIGRTMIN reported although its policy is PASS", n);
			CHECK_EQ(ev.stopped, 1);
			CHECK_EQ(ev.siginfo.si_code, SI_QUEUE);
			CHECK_EQ(cdbg_pending_signal(p, ev.tid), SIGRTMIN);
			(*events)++;
			CHECK(cdbg_cont(p) == 0, "cycle %d: cont: %s", n, cdbg_errmsg(p));
		}
		/* Interrupt; SIGNAL events that come first keep their signal pending, which
		 * detach delivers. */
		u_stop(p, events);
		break;
	}
	CHECK(cdbg_detach(p) == 0, "cycle %d: detach: %s", n, cdbg_errmsg(p));
}

static void rt_phase(cdbg_proc *p, struct tracee *t, bool pass, long base_rt, long usr1)
{
	int done, hold, st, n = 0, events = 0;
	pid_t s = start_sender(t->pid, &done, &hold);

	while (!sender_done(done)) {
		cycle(p, t->pid, n++, pass, &events);
		h_msleep(2);
	}
	close(hold);
	close(done);
	CHECK(waitpid(s, &st, 0) == s && WIFEXITED(st) && !WEXITSTATUS(st), "sender status %#x",
	      st);
	CHECK(h_wait_untraced(t->pid, 5), "still in tracing stop after detach");
	h_note("%s: %d attach cycles, %d SIGRTMIN events", pass ? "pass" : "stop", n, events);
	CHECK(n >= 3, "only %d cycles while the sender ran", n);
	if (!pass)
		CHECK(events > 0, "no SIGRTMIN was ever reported while attached and running");
	expect_counts(t, base_rt + K, usr1, pass ? "SIGRTMIN passed" : "SIGRTMIN stopping");
}

static void usr1_phase(cdbg_proc *p, struct tracee *t, long rt)
{
	struct cdbg_event ev;
	long usr1 = 0;

	/* 1: sent while held; detach delivers it. */
	for (int i = 0; i < 5; i++) {
		CHECK(cdbg_attach(p, t->pid) == 0, "attach: %s", cdbg_errmsg(p));
		kill(t->pid, SIGUSR1);
		h_msleep(5);
		CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
		expect_counts(t, rt, ++usr1, "SIGUSR1 while held");
	}
	/* 2: sent while running attached: reported, then delivered by cont. */
	for (int i = 0; i < 5; i++) {
		CHECK(cdbg_attach(p, t->pid) == 0, "attach: %s", cdbg_errmsg(p));
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		kill(t->pid, SIGUSR1);
		u_wait(p, &ev, 10000);
		CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGUSR1, "got %s", u_ev(&ev));
		CHECK_EQ(ev.siginfo.si_pid, getpid());
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		h_msleep(10);
		u_stop(p, NULL);
		CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
		expect_counts(t, rt, ++usr1, "SIGUSR1 reported and continued");
	}
	/* 3: reported, then detach without cont: the pending signal goes with the detach. */
	for (int i = 0; i < 5; i++) {
		CHECK(cdbg_attach(p, t->pid) == 0, "attach: %s", cdbg_errmsg(p));
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		kill(t->pid, SIGUSR1);
		u_wait(p, &ev, 10000);
		CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGUSR1, "got %s", u_ev(&ev));
		CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
		expect_counts(t, rt, ++usr1, "SIGUSR1 reported, then detach");
	}
	/* 4: reported, pending signal cleared: the program never sees it. */
	CHECK(cdbg_attach(p, t->pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	kill(t->pid, SIGUSR1);
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGUSR1, "got %s", u_ev(&ev));
	CHECK(cdbg_set_pending_signal(p, ev.tid, 0) == 0, "clear: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_msleep(10);
	u_stop(p, NULL);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_msleep(50);
	expect_counts(t, rt, usr1, "SIGUSR1 suppressed");
}

int main(void)
{
	struct tracee t;
	char line[256];
	cdbg_proc *p = u_new();

	u_watchdog(50);
	h_start(&t, "sigcount", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);

	rt_phase(p, &t, false, 0, 0);
	rt_phase(p, &t, true, K, 0);
	usr1_phase(p, &t, 2 * K);

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "count 4000", NULL, 0, 1);
	h_expect(&t, "usr1 15", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
