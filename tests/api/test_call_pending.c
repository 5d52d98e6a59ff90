/*
 * test_call_pending: a call in a thread stopped by a signal the program is to receive
 * (call_sig, SIGUSR1 from outside, reported as CDBG_EV_SIGNAL). Proves: the signal is still
 * the thread's pending signal after the call, a returning one and a faulting one alike; once
 * the program runs on, its handler runs exactly once (not lost, not doubled); the program
 * ends normally.
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	struct cdbg_symbol gp, deref;
	char line[256];
	cdbg_proc *p;

	u_watchdog(50);
	p = u_new();
	h_start(&t, "call_sig", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "getpid", &gp) == 0, "getpid: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "deref", &deref) == 0, "deref: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	CHECK(kill(t.pid, SIGUSR1) == 0, "kill");
	do
		u_wait(p, &ev, 10000);
	while (!ev.stopped);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGUSR1, "got %s", u_ev(&ev));
	CHECK_EQ(cdbg_pending_signal(p, ev.tid), SIGUSR1);

	struct cdbg_call c = { .func = gp.addr };
	CHECK(cdbg_call(p, ev.tid, &c) == 0, "getpid: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, t.pid);
	CHECK_EQ(cdbg_pending_signal(p, ev.tid), SIGUSR1);
	c = (struct cdbg_call){ .func = deref.addr, .nargs = 1 };
	CHECK_EQ(cdbg_call(p, ev.tid, &c), CDBG_ECALLFAIL);
	CHECK_EQ(c.end, CDBG_CALL_SIGNAL);
	CHECK_EQ(cdbg_pending_signal(p, ev.tid), SIGUSR1);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "handlers");
	h_expect(&t, "handlers", line, sizeof(line), 10);
	CHECK(strstr(line, " counts=0,") && !strcmp(strrchr(line, ',') + 1, "1"),
	      "the program's handlers ran %s times (segv, trap, usr1), want 0,?,1",
	      strstr(line, "counts=") + 7);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
