/*
 * test_go: the Go runtime (gospin; skipped when Go is not installed). Proves: attaching stops
 * every thread of a Go program ('t', no CPU used) and cdbg lists each of them; after detach it
 * runs; 10 cycles of attach, cont, run, interrupt, detach work, with the runtime's preemption
 * signal SIGURG passed silently (no SIGNAL event at all: gospin gets no other signal); the
 * program answers and exits 0 at the end.
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define CYCLES 10

static void all_held(cdbg_proc *p, pid_t pid, const char *what)
{
	int total, n = h_count_states(pid, "t", &total);

	CHECK(total >= 2, "%s: %d threads", what, total);
	CHECK(n == total, "%s: %d of %d threads in tracing stop", what, n, total);
	CHECK(cdbg_threads(p, NULL, 0) == total, "%s: cdbg lists %d threads, /proc %d", what,
	      cdbg_threads(p, NULL, 0), total);
}

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256];
	cdbg_proc *p = u_new();
	int signals = 0, urg = 0, notices = 0;

	u_watchdog(45);
	h_start(&t, "gospin", "4", NULL); /* skips when not built */
	h_expect(&t, "ready", line, sizeof(line), 20);

	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	all_held(p, t.pid, "attached");
	long long c0 = h_cpu_ticks(t.pid);
	h_msleep(300);
	CHECK_EQ(h_cpu_ticks(t.pid), c0);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	CHECK(u_cpu_moves(t.pid), "no cpu used after detach");
	h_send(&t, "hello");
	h_expect(&t, "error: unknown command 'hello'", NULL, 0, 10);

	for (int c = 0; c < CYCLES; c++) {
		CHECK(cdbg_attach(p, t.pid) == 0, "cycle %d: attach: %s", c, cdbg_errmsg(p));
		all_held(p, t.pid, "attached");
		CHECK(cdbg_cont(p) == 0, "cycle %d: cont: %s", c, cdbg_errmsg(p));
		long end = u_now_ms() + 150;
		while (u_now_ms() < end) {
			int r = cdbg_wait(p, &ev, 20);
			CHECK(r >= 0, "cycle %d: wait: %s", c, cdbg_errmsg(p));
			if (r == 0)
				continue;
			if (ev.kind == CDBG_EV_THREAD_NEW || ev.kind == CDBG_EV_THREAD_EXIT) {
				notices++;
				continue;
			}
			CHECK(ev.kind == CDBG_EV_SIGNAL, "cycle %d: unexpected %s", c, u_ev(&ev));
			signals++;
			urg += ev.signo == SIGURG;
			h_note("cycle %d: %s", c, u_ev(&ev));
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		}
		u_stop(p, &signals);
		all_held(p, t.pid, "interrupted");
		CHECK(cdbg_detach(p) == 0, "cycle %d: detach: %s", c, cdbg_errmsg(p));
		CHECK(h_wait_untraced(t.pid, 5), "cycle %d: still in tracing stop after detach", c);
		h_msleep(20);
	}
	h_note("signal events: %d (SIGURG %d), thread notices: %d", signals, urg, notices);
	CHECK_EQ(urg, 0);
	CHECK_EQ(signals, 0);

	h_send(&t, "hello2");
	h_expect(&t, "error: unknown command 'hello2'", NULL, 0, 10);
	h_send(&t, "quit");
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
