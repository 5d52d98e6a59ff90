/*
 * test_call_basic: cdbg_call in a single-threaded program (call_basic). Proves: integer,
 * char and pointer arguments in rdi..r9 and, past six, on the stack (up to the maximum, 16);
 * doubles in xmm0-7 and a double result in xmm0; string arguments copied into the program;
 * a call made while the thread is stopped at a function's first instruction (rsp % 16 == 8)
 * still gives the callee an aligned stack (printf("%f") of a double, which faults on a
 * misaligned one); every register, orig_rax included, and the whole extended state are the
 * same after each call; a breakpoint reached inside the called function and a fault (a call
 * of an unmapped address, a NULL dereference) end the call with CDBG_ECALLFAIL and the right
 * `end`, restore the thread and leave no signal pending; the program then runs on and ends
 * with the right output.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "unit_util.h"

#define REGBUF 64

/* Every register of the table, as bytes, to compare before and after a call. */
struct snapshot {
	unsigned char regs[128][REGBUF];
	unsigned char *xstate;
	size_t nregs;
};

static cdbg_proc *p;

static void snap(pid_t tid, struct snapshot *s)
{
	const struct cdbg_reg_desc *tab;

	s->nregs = cdbg_reg_table(&tab);
	CHECK(s->nregs <= 128, "%zu registers", s->nregs);
	for (size_t i = 0; i < s->nregs; i++) {
		memset(s->regs[i], 0, REGBUF);
		CHECK(cdbg_reg_read(p, tid, tab[i].name, s->regs[i], REGBUF) == (int)tab[i].size,
		      "read %s: %s", tab[i].name, cdbg_errmsg(p));
	}
	ssize_t xs = cdbg_xstate_size(p);
	CHECK(xs >= 512, "xstate size %zd: %s", xs, cdbg_errmsg(p));
	s->xstate = calloc(1, (size_t)xs);
	CHECK(s->xstate, "calloc");
	CHECK(cdbg_xstate_read(p, tid, s->xstate, (size_t)xs) == (int)xs, "xstate: %s",
	      cdbg_errmsg(p));
}

/* The thread's registers and extended state are as in *before. */
static void same(pid_t tid, struct snapshot *before, const char *what)
{
	const struct cdbg_reg_desc *tab;
	struct snapshot now;

	cdbg_reg_table(&tab);
	snap(tid, &now);
	for (size_t i = 0; i < now.nregs; i++)
		CHECK(!memcmp(now.regs[i], before->regs[i], REGBUF),
		      "after %s, register %s "
		      "changed (first 8 bytes %#llx, were %#llx)",
		      what, tab[i].name, *(unsigned long long *)now.regs[i],
		      *(unsigned long long *)before->regs[i]);
	for (size_t i = 0; i < (size_t)cdbg_xstate_size(p); i++)
		CHECK(now.xstate[i] == before->xstate[i], "after %s, xstate byte %zu changed", what,
		      i);
	free(now.xstate);
}

static uint64_t sym(const char *name)
{
	struct cdbg_symbol s;

	CHECK(cdbg_sym_by_name(p, name, &s) == 0, "symbol %s: %s", name, cdbg_errmsg(p));
	return s.addr;
}

/* Call name(args...) in tid; the call must return. */
static uint64_t call_ok(pid_t tid, struct cdbg_call *c, const char *name)
{
	c->func = sym(name);
	CHECK(cdbg_call(p, tid, c) == 0, "call %s: %s", name, cdbg_errmsg(p));
	CHECK_EQ(c->end, CDBG_CALL_RETURNED);
	return c->ret;
}

/* Calls that return, checked against what each function computes. */
static void returning_calls(pid_t tid, pid_t pid)
{
	struct cdbg_call c = { 0 };
	char text[64] = "";

	CHECK_EQ(call_ok(tid, &c, "getpid"), pid);
	c = (struct cdbg_call){ .args = { 1, 2, 3 }, .nargs = 3 };
	CHECK_EQ((int)call_ok(tid, &c, "add3"), 321);
	c = (struct cdbg_call){ .args = { 1, 2, 3, 4, 5, 6, 7, 8 }, .nargs = 8 };
	CHECK_EQ(call_ok(tid, &c, "sum8"), 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64);
	c = (struct cdbg_call){ .nargs = 16 };
	long want = 0;
	for (int i = 0; i < 16; i++) {
		c.args[i] = (uint64_t)(100 - 7 * i);
		want += (i + 1) * (long)(100 - 7 * i);
	}
	CHECK_EQ((long)call_ok(tid, &c, "sum16"), want);
	c = (struct cdbg_call){ .args = { 4 }, .nargs = 1, .fargs = { 1.5 }, .nfargs = 1 };
	call_ok(tid, &c, "scale");
	CHECK(c.fret == 6.0, "scale(1.5, 4) = %g", c.fret);
	c = (struct cdbg_call){ .fargs = { 1, 2, 3, 4, 5, 6, 7, 8 }, .nfargs = 8 };
	call_ok(tid, &c, "mix8");
	CHECK(c.fret == 204.0, "mix8(1..8) = %g", c.fret);
	c = (struct cdbg_call){ .args = { 'a' }, .nargs = 1 };
	CHECK_EQ((int)call_ok(tid, &c, "next_char"), 'b');
	c = (struct cdbg_call){ .nargs = 1, .data = { "a string, copied" }, .datalen = { 17 } };
	CHECK_EQ((int)call_ok(tid, &c, "set_text"), 16);
	CHECK(cdbg_mem_read(p, sym("text"), text, sizeof(text) - 1) > 0, "read text");
	CHECK(!strcmp(text, "a string, copied"), "text is \"%s\"", text);
	c = (struct cdbg_call){ .args = { 7 }, .nargs = 1 };
	CHECK_EQ((long)call_ok(tid, &c, "bump_counter"), 7);
}

/* A call that cannot return: it must say how it ended and restore the thread. */
static void failing_calls(pid_t tid, struct snapshot *before)
{
	struct cdbg_call c = { .func = 0x10 };
	int r, id;

	r = cdbg_call(p, tid, &c);
	CHECK_EQ(r, CDBG_ECALLFAIL);
	CHECK_EQ(c.end, CDBG_CALL_SIGNAL);
	CHECK_EQ(c.signo, SIGSEGV);
	CHECK_EQ(c.fault_addr, 0x10);
	CHECK(strstr(cdbg_errmsg(p), "signal 11 (SEGV)") && strstr(cdbg_errmsg(p), "restored"),
	      "message: %s", cdbg_errmsg(p));
	h_note("call of 0x10: %s", cdbg_errmsg(p));
	same(tid, before, "a call of an unmapped address");
	CHECK_EQ(cdbg_pending_signal(p, tid), 0);

	c = (struct cdbg_call){ .func = sym("deref"), .args = { 0 }, .nargs = 1 };
	CHECK_EQ(cdbg_call(p, tid, &c), CDBG_ECALLFAIL);
	CHECK_EQ(c.end, CDBG_CALL_SIGNAL);
	CHECK_EQ(c.signo, SIGSEGV);
	CHECK_EQ(c.fault_addr, 0);
	same(tid, before, "a NULL dereference in the callee");
	CHECK_EQ(cdbg_pending_signal(p, tid), 0);

	id = cdbg_bp_insert(p, sym("add3"), 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	c = (struct cdbg_call){ .func = sym("add3"), .args = { 1, 2, 3 }, .nargs = 3 };
	CHECK_EQ(cdbg_call(p, tid, &c), CDBG_ECALLFAIL);
	CHECK(strstr(cdbg_errmsg(p), "breakpoint") && strstr(cdbg_errmsg(p), "restored"),
	      "message: %s", cdbg_errmsg(p));
	h_note("breakpoint in the callee: %s", cdbg_errmsg(p));
	CHECK_EQ(c.end, CDBG_CALL_BREAKPOINT);
	CHECK_EQ(c.bp_id, id);
	CHECK_EQ(c.fault_addr, c.func);
	same(tid, before, "a breakpoint in the callee");
	CHECK_EQ(cdbg_pending_signal(p, tid), 0);
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	struct snapshot before;
	char line[256];
	uint64_t stop_here, sp, sp2;
	pid_t pid;
	int id;

	u_watchdog(50);
	p = u_new();
	h_start(&t, "call_basic", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(h_wait_in_syscall(t.pid, SYS_read, 20), "main is not blocked in read()");
	pid = t.pid;
	stop_here = (uint64_t)h_field(line, "stop_here");
	CHECK(cdbg_attach(p, pid) == 0, "attach: %s", cdbg_errmsg(p));
	/* The breakpoint goes in first: its scratch area (near the executable) is the one calls
	 * return to. (A second area, near libc, would meet the detach bug test_call_scratch
	 * shows.) */
	id = cdbg_bp_insert(p, stop_here, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));

	/* Stopped in read() on stdin: calls, then everything as it was. */
	snap(pid, &before);
	returning_calls(pid, pid);
	same(pid, &before, "the returning calls in read()");
	failing_calls(pid, &before);
	free(before.xstate);

	/* Stopped at stop_here's first instruction: the return address was just pushed, so
	 * rsp % 16 == 8. printf("%f") in the callee needs the 16-byte alignment cdbg_call makes. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "stop");
	u_wait(p, &ev, 10000);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id, "got %s", u_ev(&ev));
	CHECK(cdbg_reg_get(p, pid, "rsp", &sp) == 0, "rsp");
	CHECK_EQ(sp % 16, 8);
	snap(pid, &before);
	struct cdbg_call c = { .fargs = { 2.5 }, .nfargs = 1 };
	CHECK_EQ((int)call_ok(pid, &c, "fmt_double"), 5);
	char text[16] = "";
	CHECK(cdbg_mem_read(p, sym("text"), text, sizeof(text) - 1) > 0, "read text");
	CHECK(!strcmp(text, "2.500"), "fmt_double(2.5) wrote \"%s\"", text);
	c = (struct cdbg_call){ .args = { 3 }, .nargs = 1, .fargs = { 0.5 }, .nfargs = 1 };
	call_ok(pid, &c, "scale");
	CHECK(c.fret == 1.5, "scale(0.5, 3) = %g", c.fret);
	c = (struct cdbg_call){ .args = { 1, 2, 3, 4, 5, 6, 7, 8 }, .nargs = 8 };
	CHECK_EQ(call_ok(pid, &c, "sum8"), 204);
	c = (struct cdbg_call){ .args = { 100 }, .nargs = 1 };
	CHECK_EQ((long)call_ok(pid, &c, "clobber"), 100);
	same(pid, &before, "the calls at a breakpoint");
	failing_calls(pid, &before);
	CHECK(cdbg_reg_get(p, pid, "rsp", &sp2) == 0 && sp2 == sp, "rsp %#llx, was %#llx",
	      (unsigned long long)sp2, (unsigned long long)sp);
	free(before.xstate);

	/* The program goes on from the breakpoint as if nothing had happened. */
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(&t, "stop_here returned", NULL, 0, 10);
	h_send(&t, "show");
	h_expect(&t, "counter=", line, sizeof(line), 10);
	CHECK(!strcmp(line, "counter=7 text=150.25"), "%s", line);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done counter=7", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
