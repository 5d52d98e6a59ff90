/*
 * test_jobcontrol: job control is honoured. Proves: a process stopped by SIGSTOP before attach
 * ('T') can be attached and detached and is stopped ('T', no CPU) afterwards, until SIGCONT
 * lets it run; a SIGSTOP sent while attached and running is reported as CDBG_EV_SIGNAL
 * (SIGSTOP, stopped=1), and after cdbg_cont the process stays stopped by job control (no CPU
 * used, no event) until SIGCONT; then it runs, can be interrupted, detached, and finishes with
 * its own output.
 */
#include <signal.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define N 2

static void wait_all_states(pid_t pid, const char *letters, const char *what)
{
	long deadline = u_now_ms() + 5000;
	int n, total;

	for (;;) {
		n = h_count_states(pid, letters, &total);
		if (n == total && total > 0)
			return;
		CHECK(u_now_ms() < deadline, "%s: only %d of %d threads in '%s'", what, n, total,
		      letters);
		h_msleep(5);
	}
}

static void cpu_still(pid_t pid, const char *what)
{
	long long c0 = h_cpu_ticks(pid);
	h_msleep(300);
	long long c1 = h_cpu_ticks(pid);
	CHECK(c0 == c1, "%s: cpu moved %lld -> %lld", what, c0, c1);
}

static void cpu_moves(pid_t pid, const char *what)
{
	CHECK(u_cpu_moves(pid), "%s: no cpu used", what);
}

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256], arg[16];
	cdbg_proc *p = u_new();
	int r;

	u_watchdog(45);
	snprintf(arg, sizeof(arg), "%d", N);
	h_start(&t, "spin", arg, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);

	/* 1: stopped before attach. */
	kill(t.pid, SIGSTOP);
	wait_all_states(t.pid, "T", "after SIGSTOP");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach to a stopped process: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_threads(p, NULL, 0), N + 1);
	wait_all_states(t.pid, "t", "attached");
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	wait_all_states(t.pid, "T", "detached from a stopped process");
	cpu_still(t.pid, "stopped process after detach");
	CHECK(h_proc_state(t.pid) == 'T', "process is '%c'", h_proc_state(t.pid));
	kill(t.pid, SIGCONT);
	cpu_moves(t.pid, "after SIGCONT");
	wait_all_states(t.pid, "RS", "after SIGCONT");

	/* 2: SIGSTOP while attached and running. */
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	kill(t.pid, SIGSTOP);
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGSTOP, "got %s, want signal SIGSTOP",
	      u_ev(&ev));
	CHECK_EQ(ev.stopped, 1);
	CHECK_EQ(ev.siginfo.si_signo, SIGSTOP);
	CHECK_EQ(ev.siginfo.si_pid, getpid());
	CHECK_EQ(cdbg_pending_signal(p, ev.tid), SIGSTOP);
	wait_all_states(t.pid, "t", "at the SIGSTOP event");
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	/* Job control holds it now: no thread runs, nothing to report. */
	for (int i = 0; i < 5; i++) {
		r = cdbg_wait(p, &ev, 60);
		CHECK(r == 0, "while job-control stopped: wait gave %d: %s", r,
		      r == 1 ? u_ev(&ev) : cdbg_errmsg(p));
	}
	wait_all_states(t.pid, "tT", "job-control stopped while attached");
	cpu_still(t.pid, "job-control stopped while attached");
	r = cdbg_wait(p, &ev, 0);
	CHECK(r == 0, "wait gave %d: %s", r, r == 1 ? u_ev(&ev) : cdbg_errmsg(p));
	kill(t.pid, SIGCONT);
	/* Pump events while it resumes (the SIGCONT wake-up is handled inside cdbg_wait). */
	long long c0 = h_cpu_ticks(t.pid);
	long end = u_now_ms() + 5000;
	while (h_cpu_ticks(t.pid) == c0 && u_now_ms() < end) {
		r = cdbg_wait(p, &ev, 20);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		/* SIGCONT is reported like any other signal that stops (default policy). */
		if (r == 1) {
			CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGCONT,
			      "after SIGCONT got %s", u_ev(&ev));
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		}
	}
	CHECK(h_cpu_ticks(t.pid) > c0, "no cpu used after SIGCONT while attached");
	u_stop(p, NULL);
	wait_all_states(t.pid, "t", "interrupted");
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	cpu_moves(t.pid, "after the final detach");

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done total=", line, sizeof(line), 1);
	cdbg_free(p);
	return h_pass();
}
