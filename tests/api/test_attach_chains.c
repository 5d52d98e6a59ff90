/*
 * test_attach_chains: attach/detach cycles on chains, whose threads each start the next and
 * exit at once, so a thread is almost always inside clone() when cdbg seizes it. Proves:
 *   - no thread escapes the attach: 30 ms after each attach every thread /proc lists is in
 *     tracing stop or dead (a thread seized inside clone() may have a child the kernel did not
 *     trace and that appears in /proc only after the first listing passes);
 *   - every 4th cycle `break *tick`, continue to two hits, delete, detach: no thread ever runs
 *     an int3 cdbg is not ready for (the program would die of SIGTRAP);
 *   - the program ends with every thread it started having ticked, and exits 0.
 * CDBG_TEST_CYCLES overrides the number of cycles (default 200).
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define MAXT 512

static int cycles(void)
{
	const char *s = getenv("CDBG_TEST_CYCLES");
	int n = s ? atoi(s) : 0;

	return n > 0 ? n : 200;
}

/* Continue until thread hits of bp id come n times; other events are notices. */
static void hits(cdbg_proc *p, int id, int n, int c)
{
	struct cdbg_event ev;

	while (n > 0) {
		CHECK(cdbg_cont(p) == 0, "cycle %d: cont: %s", c, cdbg_errmsg(p));
		for (;;) {
			u_wait(p, &ev, 10000);
			if (ev.kind == CDBG_EV_THREAD_NEW || ev.kind == CDBG_EV_THREAD_EXIT)
				continue;
			CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id,
			      "cycle %d: expected a hit of %d, got %s", c, id, u_ev(&ev));
			break;
		}
		n--;
	}
}

int main(void)
{
	struct tracee t;
	char line[256];
	cdbg_proc *p = u_new();
	pid_t procs[MAXT];
	uint64_t tick;
	int n_cycles = cycles();

	u_watchdog(40 + n_cycles);
	h_start(&t, "chains", "4", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	tick = strtoull(strstr(line, "tick=") + 5, NULL, 16);
	CHECK(tick != 0, "%s", line);

	for (int c = 0; c < n_cycles; c++) {
		int n;

		CHECK(cdbg_attach(p, t.pid) == 0, "cycle %d: attach: %s", c, cdbg_errmsg(p));
		h_msleep(30);
		n = u_tasks(t.pid, procs, MAXT);
		for (int i = 0; i < n; i++) {
			char st = u_task_state(t.pid, procs[i]);
			struct cdbg_thread_info ti;
			CHECK(st == 't' || st == 'Z' || st == 'X' || st == '?',
			      "cycle %d: thread %d is in state '%c' 30 ms after the attach: it escaped "
			      "(TracerPid %ld, %s to cdbg)",
			      c, (int)procs[i], st, u_task_status(t.pid, procs[i], "TracerPid"),
			      cdbg_thread_info(p, procs[i], &ti) == 0 ? "known" : "unknown");
		}
		if (c % 4 == 3) {
			int id = cdbg_bp_insert(p, tick, 0);
			CHECK(id > 0, "cycle %d: break *tick: %s", c, cdbg_errmsg(p));
			hits(p, id, 2, c);
			CHECK(cdbg_bp_remove(p, id) == 0, "cycle %d: delete: %s", c,
			      cdbg_errmsg(p));
		}
		CHECK(cdbg_detach(p) == 0, "cycle %d: detach: %s", c, cdbg_errmsg(p));
		CHECK(h_wait_untraced(t.pid, 5),
		      "cycle %d: threads still in tracing stop after "
		      "detach",
		      c);
		h_msleep(5 + (c % 3) * 5);
	}

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done started=", line, sizeof(line), 1);
	h_note("%s", line);
	cdbg_free(p);
	return h_pass();
}
