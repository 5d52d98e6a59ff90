/*
 * test_allstop: all-stop on spin 8. Proves: cdbg_interrupt of the running process gives
 * CDBG_EV_STOPPED (stopped=1) with every thread in tracing stop, 50 times in a row with
 * cdbg_cont in between, and no other event; cdbg_step of one worker completes with
 * CDBG_EV_STEP for that thread each time, moves its pc, and leaves every other thread in
 * tracing stop without using CPU; after detach the program finishes with its own output.
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define N 8
#define ROUNDS 50
#define STEPS 200

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256], arg[16];
	cdbg_proc *p = u_new();
	pid_t tids[N + 4];
	long long ticks[N + 4];
	int total, k;

	u_watchdog(45);
	snprintf(arg, sizeof(arg), "%d", N);
	h_start(&t, "spin", arg, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_wait(p, &ev, 0), CDBG_EBADSTATE); /* all-stopped: nothing can come */
	CHECK_EQ(cdbg_interrupt(p), 0);                 /* already stopped: no-op */
	CHECK_EQ(cdbg_wait(p, &ev, 0), CDBG_EBADSTATE);

	for (int i = 0; i < ROUNDS; i++) {
		CHECK(cdbg_cont(p) == 0, "round %d: cont: %s", i, cdbg_errmsg(p));
		CHECK_EQ(cdbg_cont(p), CDBG_ERUNNING);
		CHECK_EQ(cdbg_wait(p, &ev, 0), 0); /* running, nothing to report */
		if (i % 5 == 0) {
			/* Let it run and make sure it does. */
			long long c0 = h_cpu_ticks(t.pid);
			long end = u_now_ms() + 1000;
			while (h_cpu_ticks(t.pid) == c0 && u_now_ms() < end)
				h_msleep(5);
			CHECK(h_cpu_ticks(t.pid) > c0, "round %d: no cpu used after cont", i);
		} else {
			h_msleep(i % 3);
		}
		CHECK(cdbg_interrupt(p) == 0, "round %d: interrupt: %s", i, cdbg_errmsg(p));
		u_wait(p, &ev, 10000);
		CHECK(ev.kind == CDBG_EV_STOPPED, "round %d: got %s", i, u_ev(&ev));
		CHECK_EQ(ev.stopped, 1);
		CHECK_EQ(ev.tid, t.pid);
		k = h_count_states(t.pid, "t", &total);
		CHECK_EQ(total, N + 1);
		CHECK(k == total, "round %d: %d of %d threads in tracing stop", i, k, total);
		CHECK_EQ(cdbg_wait(p, &ev, 0), CDBG_EBADSTATE);
	}

	/* Step one worker; everyone else stays held. */
	CHECK_EQ(cdbg_threads(p, tids, N + 4), N + 1);
	pid_t w = tids[1] == t.pid ? tids[2] : tids[1];
	for (int i = 0; i < N + 1; i++)
		ticks[i] = u_task_ticks(t.pid, tids[i]);
	for (int i = 0; i < STEPS; i++) {
		uint64_t pc0, pc1;
		CHECK(cdbg_pc_get(p, w, &pc0) == 0, "pc: %s", cdbg_errmsg(p));
		CHECK(cdbg_step(p, w) == 0, "step %d: %s", i, cdbg_errmsg(p));
		u_wait(p, &ev, 10000);
		CHECK(ev.kind == CDBG_EV_STEP, "step %d: got %s", i, u_ev(&ev));
		CHECK_EQ(ev.tid, w);
		CHECK_EQ(ev.stopped, 1);
		CHECK(cdbg_pc_get(p, w, &pc1) == 0, "pc: %s", cdbg_errmsg(p));
		CHECK(pc1 != pc0, "step %d: pc stayed at %#llx", i, (unsigned long long)pc0);
		if (i % 20 == 0 || i == STEPS - 1) {
			k = h_count_states(t.pid, "t", &total);
			CHECK(k == total, "step %d: %d of %d threads in tracing stop", i, k, total);
		}
	}
	for (int i = 0; i < N + 1; i++)
		if (tids[i] != w)
			CHECK(u_task_ticks(t.pid, tids[i]) == ticks[i],
			      "thread %d used cpu while "
			      "thread %d stepped: %lld -> %lld",
			      (int)tids[i], (int)w, ticks[i], u_task_ticks(t.pid, tids[i]));
	/* Step, then cont and interrupt again: the stepped thread runs normally afterwards. */
	CHECK(cdbg_cont(p) == 0, "cont after steps: %s", cdbg_errmsg(p));
	h_msleep(50);
	u_stop(p, NULL);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "threads still in tracing stop after detach");
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done total=", line, sizeof(line), 1);
	CHECK(h_field(line, "total") > 0, "%s", line);
	cdbg_free(p);
	return h_pass();
}
