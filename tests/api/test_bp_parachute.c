/*
 * test_bp_parachute: cdbg's SIGTRAP parachute (src/parachute.c) is in an attached program only
 * while cdbg is, and the program's own SIGTRAP action is what it has afterwards. trapper
 * executes an int3 of its own ("trap") and calls other_fn ("other"), where the breakpoint goes.
 * Proves:
 *   - SIG_DFL program: with a breakpoint in, SIGTRAP is caught (SigCgt bit 5 in
 *     /proc/PID/status: the parachute); after the breakpoint is hit and cdbg detaches it is not
 *     (SIG_DFL again), and the program goes on ("other 22") and exits 0;
 *   - program with its own handler: after attach, a hit and detach, SIGTRAP is still caught,
 *     and the program's own int3 then reaches its own handler ("trapped handled=1"), not the
 *     parachute (whose memory is gone: it would crash); exit 0 with "done traps=1 handled=1";
 *   - while attached, a SIGTRAP of the program's own that cdbg passes on goes through the
 *     parachute to the program's handler once ("handled=1"), and the parachute stays until
 *     the detach; with SIG_DFL, the parachute gives the program its action back and raises the
 *     signal again (a SIGTRAP with SI_TKILL), which, passed on, kills it as it would have;
 *   - a launched program (it dies with cdbg) gets no parachute: a breakpoint leaves SIGTRAP
 *     uncaught.
 */
#include <sys/resource.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;

/* 1 if pid has a handler for SIGTRAP (SigCgt bit 5), else 0. */
static int sigtrap_caught(pid_t pid)
{
	char path[64], line[256];
	unsigned long long cgt = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	CHECK(f != NULL, "open %s", path);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigCgt: %llx", &cgt) == 1)
			break;
	fclose(f);
	return (int)(cgt >> (SIGTRAP - 1) & 1);
}

static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 10000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
}

/* Continue, send "other", expect the breakpoint, stop again (the result comes later). */
static void hit(struct tracee *t, uint64_t at, int id)
{
	struct cdbg_event ev;

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(t, "other");
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.addr == at, "got %s",
	      u_ev(&ev));
}

/* The program's own int3, its SIGTRAP passed on to it while attached. */
static void pass_own_trap(struct tracee *t, int want_handled)
{
	struct cdbg_event ev;
	char line[256];

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(t, "trap");
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGTRAP, "got %s, want SIGTRAP", u_ev(&ev));
	CHECK(cdbg_set_pending_signal(p, ev.tid, SIGTRAP) == 0, "set: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(t, "trapped", line, sizeof(line), 10);
	CHECK_EQ(h_field(line, "handled"), want_handled);
	u_stop(p, NULL);
}

static void attached(bool handler, bool pass)
{
	struct tracee t;
	char ready[256], line[256];
	uint64_t at;
	int id;

	h_note("attached, %s%s", handler ? "own handler" : "SIG_DFL",
	       pass ? ", its own SIGTRAP passed on while attached" : "");
	if (handler)
		h_start(&t, "trapper", "handler", NULL);
	else
		h_start(&t, "trapper", NULL);
	h_expect(&t, "ready", ready, sizeof(ready), 10);
	at = (uint64_t)h_field(ready, "other");
	CHECK_EQ(sigtrap_caught(t.pid), handler);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, at, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK_EQ(sigtrap_caught(t.pid), 1);
	hit(&t, at, id);
	if (pass) {
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		h_expect(&t, "other ", line, sizeof(line), 10);
		u_stop(p, NULL);
		pass_own_trap(&t, 1);
		CHECK_EQ(sigtrap_caught(t.pid), 1);
		hit(&t, at, id);
	}
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(sigtrap_caught(t.pid), handler);
	h_expect(&t, "other ", line, sizeof(line), 10);
	CHECK(!strcmp(line, "other 22"), "%s", line);
	int traps = pass ? 1 : 0, handled = pass ? 1 : 0;
	if (handler) {
		h_send(&t, "trap");
		h_expect(&t, "trapped", line, sizeof(line), 10);
		CHECK_EQ(h_field(line, "handled"), ++handled);
		traps++;
	}
	close(t.in);
	t.in = -1;
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "done", line, sizeof(line), 1);
	CHECK_EQ(h_field(line, "traps"), traps);
	CHECK_EQ(h_field(line, "handled"), handled);
}

static void sigdfl_dies(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char ready[256];
	uint64_t at;
	int id;

	h_note("attached, SIG_DFL, its own SIGTRAP passed on");
	h_start(&t, "trapper", NULL);
	h_expect(&t, "ready", ready, sizeof(ready), 10);
	at = (uint64_t)h_field(ready, "other");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, at, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	hit(&t, at, id);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "trap");
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGTRAP && ev.siginfo.si_code == SI_KERNEL,
	      "got %s, want SIGTRAP", u_ev(&ev));
	CHECK(cdbg_set_pending_signal(p, ev.tid, SIGTRAP) == 0, "set: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGTRAP && ev.siginfo.si_code == SI_TKILL &&
		      ev.siginfo.si_pid == t.pid,
	      "got %s (si_code %d), want SIGTRAP raised by the program", u_ev(&ev),
	      ev.siginfo.si_code);
	CHECK_EQ(sigtrap_caught(t.pid), 0);
	CHECK(cdbg_set_pending_signal(p, ev.tid, SIGTRAP) == 0, "set: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_KILLED && ev.signo == SIGTRAP, "got %s, want killed by SIGTRAP",
	      u_ev(&ev));
	h_reaped(&t, 128 + SIGTRAP);
	CHECK_EQ(h_finish(&t, 10), 128 + SIGTRAP);
}

static void launched(void)
{
	char *argv[] = { (char *)h_tracee_path("trapper"), NULL };
	struct cdbg_event ev;
	uint64_t pc = 0;
	int pid;

	h_note("launched");
	pid = cdbg_launch(p, argv[0], argv, NULL);
	CHECK(pid > 0, "launch: %s", cdbg_errmsg(p));
	CHECK(cdbg_pc_get(p, pid, &pc) == 0, "pc: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_insert(p, pc, 0) > 0, "insert: %s", cdbg_errmsg(p));
	CHECK_EQ(sigtrap_caught(pid), 0);
	CHECK(cdbg_kill(p) == 0, "kill: %s", cdbg_errmsg(p));
	(void)ev;
}

int main(void)
{
	struct rlimit no_core = { 0, 0 };

	setrlimit(RLIMIT_CORE, &no_core); /* trapper dies of SIGTRAP once */
	u_watchdog(60);
	p = u_new();
	attached(false, false);
	attached(true, false);
	attached(true, true);
	sigdfl_dies();
	launched();
	cdbg_free(p);
	return h_pass();
}
