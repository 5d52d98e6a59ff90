/*
 * test_go_bp: a breakpoint in a Go program under asynchronous preemption. gohits 8 625: eight
 * goroutines call the //go:noinline function hit 5000 times in all, between CPU work and
 * allocations, so the runtime sends SIGURG (preemption, garbage collection) all the while;
 * hit counts its own calls. Proves:
 *   - default signal policy (SIGURG passed silently): exactly 5000 CDBG_EV_BREAKPOINT events,
 *     each with the pc at hit, none counted twice when SIGURG lands while a hit is handled
 *     (gdb and lldb count such a call twice: their step-over is interrupted by the signal and
 *     the breakpoint is hit again after the handler returns); cdbg_bp_info hits 5000; the
 *     program counts 5000 calls, its sum is right, exit 0;
 *   - SIGURG made a stopping event (stop and pass): it is reported many times (so preemption
 *     signals really arrive during the run), each continued with the signal delivered, and
 *     still exactly 5000 hits;
 *   - a condition that is never true ("$rsp == 0"): no report at all, hits counter 0 (a false
 *     condition does not count), the program right.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define CALLS 5000

static void run(const char *what, int stop_urg, const char *cond, long want_reports)
{
	struct tracee t;
	struct cdbg_event ev;
	struct cdbg_bp_info bi;
	char line[256];
	long reports = 0, urgs = 0;
	uint64_t hit, pc;
	cdbg_proc *p = u_new();
	int id;

	h_note("%s", what);
	h_start(&t, "gohits", "8", "625", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	hit = (uint64_t)h_field(line, "hit");
	CHECK_EQ(h_field(line, "calls"), CALLS);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	if (stop_urg)
		CHECK(cdbg_set_signal_policy(p, SIGURG, CDBG_SIG_STOP | CDBG_SIG_PASS) >= 0,
		      "policy");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	if (cond)
		CHECK(cdbg_bp_condition(p, id, cond) == 0, "condition: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		u_wait(p, &ev, 20000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			CHECK(ev.bp_id == id && ev.addr == hit, "got %s", u_ev(&ev));
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == hit, "pc %#llx in %d",
			      (unsigned long long)pc, (int)ev.tid);
			reports++;
		} else if (ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGURG && stop_urg) {
			CHECK_EQ(cdbg_pending_signal(p, ev.tid), SIGURG);
			urgs++;
		} else if (ev.stopped) {
			int r = cdbg_pc_get(p, ev.tid, &pc);
			h_fail(__FILE__, __LINE__, "unexpected stop",
			       "%s si_code=%d pc=%#llx (%d) "
			       "after %ld reports; hit=%#llx",
			       u_ev(&ev), ev.siginfo.si_code, (unsigned long long)pc, r, reports,
			       (unsigned long long)hit);
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(h_finish(&t, 20), ev.code);
	h_expect(&t, "calls=", line, sizeof(line), 1);
	h_note("%ld reports, %ld SIGURG; program: %s", reports, urgs, line);
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(h_field(line, "calls"), CALLS);
	CHECK(h_field(line, "sum") == h_field(line, "expected"), "%s", line);
	CHECK_EQ(reports, want_reports);
	if (stop_urg)
		CHECK(urgs > 0, "no SIGURG arrived during the run");
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.hits, want_reports);
	cdbg_free(p);
}

int main(void)
{
	u_watchdog(30);
	run("every hit, SIGURG passed silently", 0, NULL, CALLS);
	run("every hit, SIGURG reported", 1, NULL, CALLS);
	run("condition never true, SIGURG reported", 1, "$rsp == 0", 0);
	return h_pass();
}
