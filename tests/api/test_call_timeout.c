/*
 * test_call_timeout: a call that cannot return (call_lock). The holder thread keeps a mutex;
 * the call of take_lock() in the waiter needs it, and the holder stays stopped during the
 * call as every other thread does. Proves: cdbg_call ends after its timeout_ms with
 * CDBG_ECALLFAIL, end CDBG_CALL_TIMEOUT and cdbg_call's sentence; the waiter's registers are
 * back (its own read() interrupted, as before); a later call in the same thread returns;
 * after the detach the program completes normally (the holder lets go, main takes the lock
 * once: the abandoned call never counted).
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

int main(void)
{
	struct tracee t;
	struct cdbg_symbol take, getpid_sym;
	char line[256];
	cdbg_proc *p;
	pid_t waiter;
	uint64_t pc0, sp0, rax0, orig0, pc1, sp1, rax1, orig1;
	long t0, ms;

	u_watchdog(50);
	p = u_new();
	h_start(&t, "call_lock", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	waiter = (pid_t)h_field(line, "waiter");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "take_lock", &take) == 0, "take_lock: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "getpid", &getpid_sym) == 0, "getpid: %s", cdbg_errmsg(p));
	CHECK(cdbg_pc_get(p, waiter, &pc0) == 0 && cdbg_reg_get(p, waiter, "rsp", &sp0) == 0 &&
		      cdbg_reg_get(p, waiter, "rax", &rax0) == 0 &&
		      cdbg_reg_get(p, waiter, "orig_rax", &orig0) == 0,
	      "registers: %s", cdbg_errmsg(p));

	struct cdbg_call c = { .func = take.addr, .timeout_ms = 500 };
	t0 = u_now_ms();
	CHECK_EQ(cdbg_call(p, waiter, &c), CDBG_ECALLFAIL);
	ms = u_now_ms() - t0;
	h_note("after %ld ms: %s", ms, cdbg_errmsg(p));
	CHECK_EQ(c.end, CDBG_CALL_TIMEOUT);
	CHECK(ms >= 500 && ms < 5000, "the call took %ld ms with a 500 ms timeout", ms);
	snprintf(line, sizeof(line),
		 "the function at %#llx did not return within 500 ms (it may "
		 "wait for a lock that a stopped thread holds); the call was abandoned and thread "
		 "%d restored",
		 (unsigned long long)take.addr, (int)waiter);
	CHECK(!strcmp(cdbg_errmsg(p), line), "message: %s", cdbg_errmsg(p));

	CHECK(cdbg_pc_get(p, waiter, &pc1) == 0 && cdbg_reg_get(p, waiter, "rsp", &sp1) == 0 &&
		      cdbg_reg_get(p, waiter, "rax", &rax1) == 0 &&
		      cdbg_reg_get(p, waiter, "orig_rax", &orig1) == 0,
	      "registers: %s", cdbg_errmsg(p));
	CHECK(pc0 == pc1 && sp0 == sp1 && rax0 == rax1 && orig0 == orig1,
	      "waiter not restored: "
	      "pc %#llx sp %#llx rax %#llx orig_rax %lld, were %#llx %#llx %#llx %lld",
	      (unsigned long long)pc1, (unsigned long long)sp1, (unsigned long long)rax1,
	      (long long)orig1, (unsigned long long)pc0, (unsigned long long)sp0,
	      (unsigned long long)rax0, (long long)orig0);
	CHECK_EQ(cdbg_pending_signal(p, waiter), 0);

	c = (struct cdbg_call){ .func = getpid_sym.addr };
	CHECK(cdbg_call(p, waiter, &c) == 0, "getpid after the timeout: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, t.pid);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "threads left in tracing stop");
	h_send(&t, "release");
	h_expect(&t, "released", NULL, 0, 10);
	h_send(&t, "take");
	h_expect(&t, "took ", line, sizeof(line), 10);
	CHECK(!strcmp(line, "took taken=1"), "%s", line);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done taken=1", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
