/*
 * test_bp_fork: a breakpoint in code that fork and vfork children run too. forker 5 [vfork]
 * calls child_work(i) in the parent, then forks a child that calls child_work(i) again.
 * Proves, for fork and for vfork:
 *   - the parent's own calls are hits: exactly 5 CDBG_EV_BREAKPOINT events, all in the parent
 *     (pid) at child_work, continued through; fork/vfork notices name 5 children;
 *   - fork children get nothing of cdbg's: no anonymous executable mapping (the scratch
 *     memory for out-of-line copies is unmapped in the child before it runs) and SIGTRAP's
 *     action is the program's own again (SIG_DFL here: cdbg's parachute is gone);
 *   - the children never see our int3: each exits 0 (forks=5 ok=5, no "status=" line for a
 *     child killed by SIGTRAP); fork children print their "ok" line; a vfork child runs
 *     child_work in the parent's memory while the breakpoints are lifted and the parent's
 *     later calls are hits again;
 *   - the parent exits 0 and the breakpoint counted 5 hits.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static void run(cdbg_proc *p, int use_vfork)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256];
	uint64_t at, pc;
	int id, hits = 0, forks = 0, oks = 0;

	h_note("%s", use_vfork ? "vfork" : "fork");
	if (use_vfork)
		h_start(&t, "forker", "5", "vfork", NULL);
	else
		h_start(&t, "forker", "5", NULL);
	h_expect(&t, "ready", line, sizeof(line), 10);
	at = (uint64_t)h_field(line, "child_work");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, at, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			CHECK(ev.bp_id == id && ev.addr == at && ev.tid == t.pid, "got %s",
			      u_ev(&ev));
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == at, "pc %#llx",
			      (unsigned long long)pc);
			hits++;
		} else if (ev.kind == CDBG_EV_FORK || ev.kind == CDBG_EV_VFORK) {
			CHECK_EQ(ev.kind, use_vfork ? CDBG_EV_VFORK : CDBG_EV_FORK);
			CHECK(ev.child > 0 && ev.child != t.pid, "child %d", (int)ev.child);
			forks++;
		} else {
			CHECK(!ev.stopped, "unexpected %s", u_ev(&ev));
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(h_finish(&t, 10), ev.code);
	while (h_try_expect(&t, "child ", line, sizeof(line), 0)) {
		CHECK(strstr(line, " ok"), "%s", line);
		CHECK(h_field(line, "anon_exec") == 0,
		      "a fork child kept cdbg's scratch memory: %s", line);
		CHECK(h_field(line, "trap_caught") == 0,
		      "a fork child kept cdbg's SIGTRAP "
		      "parachute: %s",
		      line);
		oks++;
	}
	h_expect(&t, "forks=", line, sizeof(line), 1);
	CHECK(!strcmp(line, "forks=5 ok=5"), "'%s'", line);
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(oks, use_vfork ? 0 : 5);
	CHECK_EQ(hits, 5);
	CHECK_EQ(forks, 5);
	struct cdbg_bp_info bi;
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.hits, 5);
}

int main(void)
{
	cdbg_proc *p;

	u_watchdog(30);
	p = u_new();
	run(p, 0);
	cdbg_free(p);
	p = u_new();
	run(p, 1);
	cdbg_free(p);
	return h_pass();
}
