/*
 * test_bp_not_ours: a program's own int3 is the program's, not a breakpoint. trapper executes
 * an int3 compiled into it. Proves:
 *   - with no breakpoint set, the trap is CDBG_EV_SIGNAL SIGTRAP (si_code SI_KERNEL) in the
 *     thread that executed it, with the pc right after the int3 (left where the CPU put it);
 *     SIGTRAP is not passed by default (pending signal 0) and continuing with the signal
 *     cleared lets the program go on: "trapped handled=0", exit 0;
 *   - the same with an unrelated breakpoint inserted elsewhere (the library's breakpoint path
 *     is active) that is hit before and after the trap, reported as CDBG_EV_BREAKPOINT;
 *   - with a SIGTRAP handler, giving the signal back (cdbg_set_pending_signal SIGTRAP) runs it
 *     once ("handled=1"); clearing it the next time does not;
 *   - a breakpoint on the program's int3 itself: CDBG_EV_BREAKPOINT at it, then, on continuing,
 *     the program's own trap as CDBG_EV_SIGNAL SIGTRAP with the pc right after the int3 in
 *     the program's code (not in the library's out-of-line copy), and the program goes on.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;

static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 10000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
}

/* Continue (sending "trap" if send), expect the program's SIGTRAP at trap_after; deliver it
 * or not. */
static void trap(struct tracee *t, int send, uint64_t after, int deliver, int want_handled)
{
	struct cdbg_event ev;
	uint64_t pc = 0;
	char line[256];

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	if (send)
		h_send(t, "trap");
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGTRAP, "got %s, want SIGTRAP", u_ev(&ev));
	CHECK_EQ(ev.tid, t->pid);
	CHECK_EQ(ev.siginfo.si_signo, SIGTRAP);
	CHECK_EQ(ev.siginfo.si_code, SI_KERNEL);
	CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0, "pc: %s", cdbg_errmsg(p));
	CHECK(pc == after, "pc %#llx after the program's int3, want %#llx", (unsigned long long)pc,
	      (unsigned long long)after);
	CHECK_EQ(cdbg_pending_signal(p, ev.tid), 0);
	CHECK(cdbg_set_pending_signal(p, ev.tid, deliver ? SIGTRAP : 0) == 0, "set: %s",
	      cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(t, "trapped", line, sizeof(line), 10);
	CHECK_EQ(h_field(line, "handled"), want_handled);
	u_stop(p, NULL);
}

/* Continue, send "other", expect the breakpoint on other_fn, then its result. */
static void other(struct tracee *t, uint64_t at, int id)
{
	struct cdbg_event ev;
	char line[256];

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(t, "other");
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.addr == at, "got %s",
	      u_ev(&ev));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(t, "other ", line, sizeof(line), 10);
	CHECK(!strcmp(line, "other 22"), "%s", line);
	u_stop(p, NULL);
}

static void finish(struct tracee *t, const char *want)
{
	struct cdbg_event ev;
	char line[256];

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	close(t->in);
	t->in = -1;
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s, want exited", u_ev(&ev));
	h_reaped(t, ev.code);
	CHECK_EQ(h_finish(t, 10), 0);
	h_expect(t, "done", line, sizeof(line), 1);
	CHECK(!strcmp(line, want), "'%s', want '%s'", line, want);
}

/* mode 0: no breakpoint; 1: a breakpoint elsewhere; 2: handler, delivered once. */
static void run(int mode)
{
	struct tracee t;
	char ready[256];
	uint64_t after, at_other;
	int id = 0;

	h_note("mode %d", mode);
	if (mode == 2)
		h_start(&t, "trapper", "handler", NULL);
	else
		h_start(&t, "trapper", NULL);
	h_expect(&t, "ready", ready, sizeof(ready), 10);
	after = (uint64_t)h_field(ready, "trap_after");
	at_other = (uint64_t)h_field(ready, "other");
	CHECK_EQ(after, (uint64_t)h_field(ready, "trap_at") + 1);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	if (mode >= 1) {
		id = cdbg_bp_insert(p, at_other, 0);
		CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
		other(&t, at_other, id);
	}
	trap(&t, 1, after, mode == 2, mode == 2);
	if (mode >= 1)
		other(&t, at_other, id);
	trap(&t, 1, after, 0, mode == 2);
	finish(&t, mode == 2 ? "done traps=2 handled=1" : "done traps=2 handled=0");
}

/* A breakpoint on the int3 itself: first ours, then the program's. */
static void bp_on_the_int3(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char ready[256];
	uint64_t at, after;
	int id;

	h_note("breakpoint on the program's int3");
	h_start(&t, "trapper", "handler", NULL);
	h_expect(&t, "ready", ready, sizeof(ready), 10);
	at = (uint64_t)h_field(ready, "trap_at");
	after = (uint64_t)h_field(ready, "trap_after");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, at, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	unsigned char b = 0;
	CHECK(cdbg_mem_read(p, at, &b, 1) == 1 && b == 0xcc, "the program's byte is %#x", b);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "trap");
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.addr == at, "got %s",
	      u_ev(&ev));
	/* Continuing executes the program's int3: its own SIGTRAP, after its own int3. */
	trap(&t, 0, after, 1, 1);
	finish(&t, "done traps=1 handled=1");
}

int main(void)
{
	u_watchdog(30);
	p = u_new();
	for (int mode = 0; mode < 3; mode++)
		run(mode);
	bp_on_the_int3();
	cdbg_free(p);
	return h_pass();
}
