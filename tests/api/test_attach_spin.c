/*
 * test_attach_spin: attach to a program with many spinning threads. Proves: every thread is in
 * tracing stop ('t') and burns no CPU while held; cdbg lists as many threads as /proc has;
 * after detach every thread runs again and the program finishes with its own correct output.
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

int main(void)
{
	struct tracee t;
	char line[256];
	cdbg_proc *p = cdbg_new();
	int total, n;
	long long cpu0, cpu1;

	h_start(&t, "spin", "16", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	n = h_count_states(t.pid, "t", &total);
	CHECK_EQ(total, 17);
	CHECK(n == total, "%d of %d threads in tracing stop", n, total);
	CHECK_EQ(cdbg_threads(p, NULL, 0), total);

	cpu0 = h_cpu_ticks(t.pid);
	h_msleep(300);
	cpu1 = h_cpu_ticks(t.pid);
	CHECK(cpu0 == cpu1, "cpu time moved while held: %lld -> %lld ticks", cpu0, cpu1);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "threads still in tracing stop after detach");
	n = h_count_states(t.pid, "tT", &total);
	CHECK(n == 0, "%d of %d threads stopped after detach", n, total);
	/* Polled, not a fixed window: on a loaded machine 17 threads share a sliver of CPU and
	 * /proc's per-thread clock ticks are truncated, so 300 ms may show no tick at all. */
	CHECK(u_cpu_moves(t.pid), "no cpu time used after detach (%lld ticks)", h_cpu_ticks(t.pid));

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done total=", line, sizeof(line), 1);
	cdbg_free(p);
	return h_pass();
}
