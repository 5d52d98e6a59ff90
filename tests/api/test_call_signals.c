/*
 * test_call_signals: calls into a program that handles SIGSEGV, SIGTRAP and SIGUSR1 itself
 * (call_sig). Every call returns onto a trap (SIGTRAP); one faults (SIGSEGV); one raises
 * SIGUSR1. Proves: the program's handlers are still installed after each (/proc/PID/status
 * SigCgt, and the program's own sigaction after the detach); the faulting call is reported as
 * CDBG_CALL_SIGNAL and none of the program's handlers ran for the debugger's trap or fault;
 * afterwards the program's own fault still reaches its handler. The kernel resets the handler
 * of a blocked signal it forces on a thread (force_sig_info_to_task) to SIG_DFL, so a call
 * must not block SIGTRAP and SIGSEGV, or it silently takes them from the program (a Go
 * program would lose its SIGSEGV and SIGTRAP handlers).
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

static cdbg_proc *p;

/* The SigCgt mask of pid. */
static unsigned long long caught(pid_t pid)
{
	char path[64], line[256];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigCgt: %llx", &mask) == 1)
			break;
	fclose(f);
	return mask;
}

#define BIT(sig) (1ull << ((sig)-1))

static void check_handlers(pid_t pid, const char *after)
{
	unsigned long long m = caught(pid);

	CHECK((m & BIT(SIGTRAP)) && (m & BIT(SIGSEGV)) && (m & BIT(SIGUSR1)),
	      "after %s the "
	      "program no longer catches%s%s%s (SigCgt %#llx): a handler was reset",
	      after, m & BIT(SIGTRAP) ? "" : " SIGTRAP", m & BIT(SIGSEGV) ? "" : " SIGSEGV",
	      m & BIT(SIGUSR1) ? "" : " SIGUSR1", m);
}

static uint64_t sym(const char *name)
{
	struct cdbg_symbol s;

	CHECK(cdbg_sym_by_name(p, name, &s) == 0, "symbol %s: %s", name, cdbg_errmsg(p));
	return s.addr;
}

int main(void)
{
	struct tracee t;
	struct cdbg_call c;
	char line[256];
	int r, usr1 = -1;

	u_watchdog(50);
	p = u_new();
	h_start(&t, "call_sig", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	check_handlers(t.pid, "start");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	c = (struct cdbg_call){ .func = sym("getpid") };
	CHECK(cdbg_call(p, t.pid, &c) == 0, "getpid: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, t.pid);
	check_handlers(t.pid, "a call that returned (onto cdbg's trap)");

	c = (struct cdbg_call){ .func = sym("deref"), .nargs = 1 };
	CHECK_EQ(cdbg_call(p, t.pid, &c), CDBG_ECALLFAIL);
	CHECK(c.end == CDBG_CALL_SIGNAL && c.signo == SIGSEGV, "end %d signo %d", c.end, c.signo);
	check_handlers(t.pid, "a call that faulted");

	/* raise() in the callee: the signal is the program's. Either the call says it came, or it
	 * returns and the program's handler runs once the thread runs again; never both, never
	 * lost twice. */
	c = (struct cdbg_call){ .func = sym("raise_usr1") };
	r = cdbg_call(p, t.pid, &c);
	if (r == 0) {
		CHECK_EQ(c.ret, 7);
		usr1 = 1;
		h_note("raise(SIGUSR1) in the callee: the call returned; the program gets it");
	} else {
		CHECK(c.end == CDBG_CALL_SIGNAL && c.signo == SIGUSR1, "raise_usr1: %s",
		      cdbg_errmsg(p));
		usr1 = 0;
		h_note("raise(SIGUSR1) in the callee: %s", cdbg_errmsg(p));
	}
	check_handlers(t.pid, "a call that raised SIGUSR1");

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "handlers");
	h_expect(&t, "handlers", line, sizeof(line), 10);
	char want[128];
	snprintf(want, sizeof(want), "handlers segv=ours trap=ours usr1=ours counts=0,0,%d", usr1);
	CHECK(!strcmp(line, want), "the program says \"%s\", want \"%s\"", line, want);
	h_send(&t, "fault");
	CHECK(h_try_expect(&t, "fault caught", NULL, 0, 10),
	      "the program's own fault did not "
	      "reach its handler (exit status %d)",
	      h_finish(&t, 20));
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
