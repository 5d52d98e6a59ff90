/*
 * test_fork_follow: forker forks (or vforks) 5 children while attached and running. Proves:
 * exactly one FORK (VFORK) notice per child, naming the parent and a distinct child pid that
 * the program itself reports; the children are let go untraced (each exits 0, which the
 * program checks: "forks=5 ok=5"); the program's exit is reported as EXITED with code 0 and
 * no other event appears. With FORK made a stopping event, each fork stops the process and
 * cdbg_cont carries on. Interrupting and continuing 300 vforks over and over never hangs (a
 * stop may come while the parent waits for its vfork child) and loses no VFORK notice.
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define COUNT 5

static struct tracee tracees[5]; /* the harness keeps pointers to them until h_pass */
static int ntracees;

static void run(cdbg_proc *p, bool use_vfork, bool stop_on_fork)
{
	struct tracee *tp = &tracees[ntracees++];
	struct cdbg_event ev;
	char line[256];
	pid_t children[COUNT];
	int nforks = 0;
	enum cdbg_event_kind want = use_vfork ? CDBG_EV_VFORK : CDBG_EV_FORK;
	unsigned old = 0;

	h_note("%s%s", use_vfork ? "vfork" : "fork", stop_on_fork ? ", stopping" : "");
	if (use_vfork)
		h_start(tp, "forker", "5", "vfork", NULL);
	else
		h_start(tp, "forker", "5", NULL);
	h_expect(tp, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, tp->pid) == 0, "attach: %s", cdbg_errmsg(p));
	if (stop_on_fork)
		old = cdbg_set_stop_events(p, (1u << CDBG_EV_STOPPED) | (1u << CDBG_EV_SIGNAL) |
						      (1u << CDBG_EV_EXEC) | (1u << CDBG_EV_STEP) |
						      (1u << want));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(tp, "go");
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED)
			break;
		CHECK(ev.kind == want, "unexpected event %s", u_ev(&ev));
		CHECK(nforks < COUNT, "more than %d fork events: %s", COUNT, u_ev(&ev));
		CHECK_EQ(ev.tid, tp->pid);
		CHECK(ev.child > 0 && ev.child != tp->pid, "child pid %d", (int)ev.child);
		for (int i = 0; i < nforks; i++)
			CHECK(children[i] != ev.child, "child %d reported twice", (int)ev.child);
		CHECK_EQ(ev.stopped, stop_on_fork);
		children[nforks++] = ev.child;
		if (stop_on_fork) {
			CHECK(h_count_states(tp->pid, "t", NULL) >= 1,
			      "stopped at fork, nothing in 't'");
			CHECK_EQ(cdbg_threads(p, NULL, 0), 1);
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		}
	}
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(ev.tid, tp->pid);
	CHECK_EQ(nforks, COUNT);
	CHECK_EQ(cdbg_pid(p), 0);
	CHECK_EQ(cdbg_wait(p, &ev, 0), CDBG_ENOPROC);
	u_reaped(tp, 10);
	if (!use_vfork)
		for (int i = 0; i < COUNT; i++) {
			char want_line[64];
			snprintf(want_line, sizeof(want_line), "child %d ok", (int)children[i]);
			h_expect(tp, want_line, NULL, 0, 1);
		}
	h_expect(tp, "forks=5 ok=5", NULL, 0, 1);
	CHECK(!h_try_expect(tp, "child ", line, sizeof(line), 0), "extra line: %s", line);
	if (stop_on_fork)
		cdbg_set_stop_events(p, old);
}

/* Interrupt and continue over and over while the program vforks: a stop may come while the
 * parent waits for its vfork child, which cdbg holds until it lets it go. */
static void interrupt_storm(cdbg_proc *p)
{
	struct tracee *tp = &tracees[ntracees++];
	struct cdbg_event ev;
	char line[256];
	int nforks = 0, stops = 0;
	bool exited = false;

	h_note("vfork with interrupts");
	h_start(tp, "forker", "300", "vfork", NULL);
	h_expect(tp, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, tp->pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(tp, "go");
	while (!exited) {
		int r = cdbg_wait(p, &ev, 1);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		if (r == 1) {
			if (ev.kind == CDBG_EV_EXITED) {
				exited = true;
				break;
			}
			CHECK(ev.kind == CDBG_EV_VFORK, "unexpected %s", u_ev(&ev));
			nforks++;
			continue;
		}
		CHECK(cdbg_interrupt(p) == 0, "interrupt: %s", cdbg_errmsg(p));
		for (;;) {
			u_wait(p, &ev, 10000);
			if (ev.kind == CDBG_EV_VFORK) {
				nforks++;
				continue;
			}
			if (ev.kind == CDBG_EV_EXITED) {
				exited = true;
				break;
			}
			CHECK(ev.kind == CDBG_EV_STOPPED, "unexpected %s", u_ev(&ev));
			stops++;
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
			break;
		}
	}
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(nforks, 300);
	h_note("%d stops", stops);
	u_reaped(tp, 10);
	h_expect(tp, "forks=300 ok=300", NULL, 0, 1);
}

int main(void)
{
	cdbg_proc *p = u_new();

	u_watchdog(45);
	run(p, false, false);
	run(p, true, false);
	run(p, false, true);
	run(p, true, true);
	interrupt_storm(p);
	cdbg_free(p);
	return h_pass();
}
