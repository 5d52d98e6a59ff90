/*
 * test_attach_storm: 20 attach/detach cycles on storm, whose threads are born and die without
 * pause. Proves: after each attach every thread /proc lists is in tracing stop (or is a dead
 * thread on its way out: 'Z'/'X'), cdbg lists exactly the stopped ones, and no thread created
 * during the attach escaped; after each detach no thread is left in tracing stop; at the end
 * the program has lost no thread (it counts them) and exits 0.
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define CYCLES 20
#define MAXT 256

int main(void)
{
	struct tracee t;
	char line[256];
	cdbg_proc *p = u_new();
	pid_t procs[MAXT], ours[MAXT];

	u_watchdog(45);
	h_start(&t, "storm", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);

	for (int c = 0; c < CYCLES; c++) {
		int n, k, nt = 0, ndead = 0;

		CHECK(cdbg_attach(p, t.pid) == 0, "cycle %d: attach: %s", c, cdbg_errmsg(p));
		n = u_tasks(t.pid, procs, MAXT);
		CHECK(n >= 2, "cycle %d: %d tasks", c, n);
		for (int i = 0; i < n; i++) {
			char st = u_task_state(t.pid, procs[i]);
			if (st == 't')
				nt++;
			else if (st == 'Z' || st == 'X' || st == '?')
				ndead++;
			else
				h_fail(__FILE__, __LINE__, "state",
				       "cycle %d: thread %d is in state '%c' "
				       "while attached",
				       c, (int)procs[i], st);
		}
		k = cdbg_threads(p, ours, MAXT);
		CHECK(k == nt, "cycle %d: cdbg lists %d threads, /proc has %d in 't' (%d dead)", c,
		      k, nt, ndead);
		for (int i = 0; i < k; i++) {
			char st = u_task_state(t.pid, ours[i]);
			CHECK(st == 't', "cycle %d: listed thread %d is '%c'", c, (int)ours[i], st);
		}
		/* Stable while held: nothing runs, nothing is born. */
		h_msleep(20);
		CHECK_EQ(h_count_states(t.pid, "t", NULL), nt);
		CHECK(cdbg_detach(p) == 0, "cycle %d: detach: %s", c, cdbg_errmsg(p));
		CHECK(h_wait_untraced(t.pid, 5),
		      "cycle %d: threads still in tracing stop after "
		      "detach",
		      c);
		h_msleep(10 + (c % 4) * 10);
	}

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done created=", line, sizeof(line), 1);
	CHECK(h_field(line, "created") > 0, "%s", line);
	h_note("%s", line);
	cdbg_free(p);
	return h_pass();
}
