/*
 * test_bp_pc_written: a thread that reports a breakpoint has its pc rewound onto the breakpoint
 * in the kernel at once, not only in cdbg's register cache: if cdbg died before resuming it,
 * the thread would otherwise run on one byte past the int3 (in the middle of an instruction).
 * /proc/TID/syscall shows the pc the kernel holds for a stopped thread. Proves, over 20 hits
 * of rtsig's hot(): the reporting thread's kernel pc is the breakpoint address, also after
 * the breakpoint is deleted; and with a condition that is false the hits never stop anyone.
 * Also: a timed cdbg_wait returns at its deadline while hits of a false condition keep the
 * library busy (the caller must get to look at its terminal).
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256];
	cdbg_proc *p = u_new();
	uint64_t hot, pc = 0;
	int id;

	u_watchdog(60);
	h_start(&t, "rtsig", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	hot = strtoull(strstr(line, "hot=") + 4, NULL, 16);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, hot, 0);
	CHECK(id > 0, "break: %s", cdbg_errmsg(p));
	for (int i = 0; i < 20; i++) {
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		do
			u_wait(p, &ev, 10000);
		while (ev.kind == CDBG_EV_THREAD_NEW || ev.kind == CDBG_EV_THREAD_EXIT);
		CHECK(ev.kind == CDBG_EV_BREAKPOINT, "hit %d: %s", i, u_ev(&ev));
		CHECK(h_syscall(ev.tid, NULL, &pc) == -1,
		      "hit %d: thread %d is not stopped outside "
		      "a system call",
		      i, (int)ev.tid);
		CHECK(pc == hot,
		      "hit %d: the kernel holds pc %#llx for thread %d, the breakpoint is "
		      "at %#llx",
		      i, (unsigned long long)pc, (int)ev.tid, (unsigned long long)hot);
		if (i == 19) {
			CHECK(cdbg_bp_remove(p, id) == 0, "delete: %s", cdbg_errmsg(p));
			CHECK(h_syscall(ev.tid, NULL, &pc) == -1 && pc == hot,
			      "after delete: pc %#llx", (unsigned long long)pc);
		}
	}

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);

	/* A condition that is never true on functions 4 threads call without pause: hits are
	 * handled inside the library one after the other. */
	h_start(&t, "hotcalls", "4", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	hot = strtoull(strstr(line, "a=") + 2, NULL, 16);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, hot, 0);
	CHECK(id > 0 && cdbg_bp_condition(p, id, "0") == 0, "break if 0: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	for (int i = 0; i < 5; i++) {
		int r = cdbg_wait(p, &ev, 100);
		CHECK(r == 0 || (r == 1 &&
				 (ev.kind == CDBG_EV_THREAD_NEW || ev.kind == CDBG_EV_THREAD_EXIT)),
		      "timed wait %d: %d (%s)", i, r, r == 1 ? u_ev(&ev) : cdbg_errmsg(p));
	}
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	return h_pass();
}
