/*
 * test_bp_syscall_return: a breakpoint on the instruction right after a system call that a
 * thread is blocked in. stepper's two workers wait in read(); the test reads worker 1's
 * registers (as any front-end showing a thread does), puts a breakpoint at its pc (the
 * instruction after the `syscall` in libc's read, not yet executed: the call is interrupted
 * and will be restarted), and continues. Proves:
 *   - each worker, once its read returns, executes that instruction and reports it as
 *     CDBG_EV_BREAKPOINT at that address: worker 1 (whose registers were read) as well as
 *     worker 0 (whose were not) — resuming a thread whose pc is at a breakpoint it has not
 *     hit yet neither skips the hit nor breaks the restart of its system call;
 *   - the program runs on correctly: both workers' results, "done", exit 0.
 * Hits of the main thread (its stdin read may share the code) are allowed, not required.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

/* Wait until thread tid sits in read() (system call 0, per /proc). */
static void wait_in_read(pid_t tid)
{
	CHECK(h_wait_in_syscall(tid, 0, 10), "thread %d is not in read(): %ld", (int)tid,
	      h_syscall(tid, NULL, NULL));
}

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[1024];
	pid_t tid[2];
	uint64_t at = 0, rax = 0;
	int id, hits[2] = { 0, 0 }, main_hits = 0;
	cdbg_proc *p;

	u_watchdog(30);
	p = u_new();
	h_start(&t, "stepper", NULL);
	for (int k = 0; k < 2; k++) {
		char want[32];
		snprintf(want, sizeof(want), "worker %d ", k);
		h_expect(&t, want, line, sizeof(line), 10);
		tid[k] = (pid_t)h_field(line, "tid");
	}
	h_expect(&t, "ready", line, sizeof(line), 10);
	wait_in_read(tid[0]);
	wait_in_read(tid[1]);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_pc_get(p, tid[1], &at) == 0, "pc: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_get(p, tid[1], "rax", &rax) == 0, "rax: %s", cdbg_errmsg(p));
	h_note("worker 1 waits at %#llx, rax %lld", (unsigned long long)at, (long long)rax);
	CHECK(rax == (uint64_t)-512 || rax == (uint64_t)-4, "rax %lld: not in an interrupted read",
	      (long long)rax);
	id = cdbg_bp_insert(p, at, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "call 1 step");
	h_send(&t, "call 0 step");
	close(t.in);
	t.in = -1;
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			uint64_t pc = 0;
			CHECK(ev.bp_id == id && ev.addr == at, "got %s at %#llx", u_ev(&ev),
			      (unsigned long long)ev.addr);
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == at, "pc %#llx",
			      (unsigned long long)pc);
			if (ev.tid == tid[0] || ev.tid == tid[1])
				hits[ev.tid == tid[1]]++;
			else if (ev.tid == t.pid)
				main_hits++;
			else
				CHECK(0, "hit in unknown thread %d", (int)ev.tid);
		} else if (ev.stopped) {
			uint64_t pc = 0;
			int r = cdbg_pc_get(p, ev.tid, &pc);
			h_fail(__FILE__, __LINE__, "unexpected stop",
			       "%s si_code=%d pc=%#llx (%d), breakpoint at %#llx", u_ev(&ev),
			       ev.siginfo.si_code, (unsigned long long)pc, r,
			       (unsigned long long)at);
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	h_reaped(&t, ev.code);
	h_note("hits: worker 0 %d, worker 1 %d, main %d", hits[0], hits[1], main_hits);
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "result 1 step 1", NULL, 0, 1);
	h_expect(&t, "result 0 step 1", NULL, 0, 1);
	h_expect(&t, "done", NULL, 0, 1);
	CHECK(hits[1] == 1, "worker 1 (registers read) reported %d hits, want 1", hits[1]);
	CHECK(hits[0] == 1, "worker 0 reported %d hits, want 1", hits[0]);
	cdbg_free(p);
	return h_pass();
}
