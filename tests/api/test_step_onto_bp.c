/*
 * test_step_onto_bp: a single-step that ends on another breakpoint's address. stepper's step_fn
 * is nop; nop; step_mov: mov $1,%eax; step_ret: ret. Breakpoints at step_mov (A) and step_ret
 * (B). Worker 0 hits A; cdbg_step executes the mov and stops with the pc at B, B's ret not yet
 * executed. Proves:
 *   - the step ends with CDBG_EV_STEP at step_ret;
 *   - continuing then reports B (CDBG_EV_BREAKPOINT, worker 0, pc step_ret) before the ret
 *     runs: a thread that stepped onto a breakpoint has not hit it yet, so it is not silently
 *     stepped over (gdb and lldb report a breakpoint a step lands on); B counts one hit;
 *   - the same when stepping from a plain instruction (no breakpoint under the first nop);
 *   - the function's result is right and the program exits 0.
 */
#include <poll.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;
static struct tracee t;
static pid_t tid[2];
static char ready[1024];

static uint64_t addr_of(const char *name)
{
	return (uint64_t)h_field(ready, name);
}

static uint64_t pc_of(pid_t who)
{
	uint64_t v = 0;

	CHECK(cdbg_pc_get(p, who, &v) == 0, "pc of %d: %s", (int)who, cdbg_errmsg(p));
	return v;
}

static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 10000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
}

static void expect_bp(int k, int id, uint64_t at)
{
	struct cdbg_event ev;

	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.tid == tid[k],
	      "got %s, want breakpoint %d in %d at %#llx (pc %#llx)", u_ev(&ev), id, (int)tid[k],
	      (unsigned long long)at, (unsigned long long)pc_of(ev.tid));
	CHECK_EQ(pc_of(tid[k]), at);
}

/* After continuing from the step onto B: B must be reported before the function returns
 * (its result line would show the ret ran). */
static void expect_bp_before(int k, int id, uint64_t at, const char *result)
{
	long deadline = u_now_ms() + 10000;
	struct cdbg_event ev;
	int r;

	for (;;) {
		r = cdbg_wait(p, &ev, 20);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		if (r == 1 && ev.stopped)
			break;
		CHECK(!h_try_expect(&t, result, NULL, 0, 0),
		      "continuing from the step onto breakpoint %d ran its instruction without "
		      "reporting it (the program printed '%s')",
		      id, result);
		struct pollfd pfd = { t.out, POLLIN, 0 };
		if (poll(&pfd, 1, 0) > 0 && h_try_expect(&t, result, NULL, 0, 1))
			h_fail(__FILE__, __LINE__, "breakpoint skipped",
			       "continuing from the step "
			       "onto breakpoint %d ran its instruction without reporting it (the "
			       "program printed '%s')",
			       id, result);
		CHECK(u_now_ms() < deadline, "no event within 10 s");
	}
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.tid == tid[k],
	      "got %s, want breakpoint %d in %d", u_ev(&ev), id, (int)tid[k]);
	CHECK_EQ(pc_of(tid[k]), at);
}

static void step(int k, uint64_t want_pc)
{
	struct cdbg_event ev;

	CHECK(cdbg_step(p, tid[k]) == 0, "step: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_STEP && ev.tid == tid[k], "got %s, want step", u_ev(&ev));
	CHECK_EQ(pc_of(tid[k]), want_pc);
}

int main(void)
{
	struct cdbg_event ev;
	struct cdbg_bp_info bi;
	char line[256];
	uint64_t fn, mov, ret;
	int a, b, c;

	u_watchdog(30);
	p = u_new();
	h_start(&t, "stepper", NULL);
	for (int k = 0; k < 2; k++) {
		char want[32];
		snprintf(want, sizeof(want), "worker %d ", k);
		h_expect(&t, want, line, sizeof(line), 10);
		tid[k] = (pid_t)h_field(line, "tid");
	}
	h_expect(&t, "ready", ready, sizeof(ready), 10);
	fn = addr_of("step_fn");
	mov = addr_of("step_mov");
	ret = addr_of("step_ret");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	a = cdbg_bp_insert(p, mov, 0);
	b = cdbg_bp_insert(p, ret, 0);
	CHECK(a > 0 && b > 0, "insert: %s", cdbg_errmsg(p));

	h_note("from a breakpoint onto a breakpoint");
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "call 0 step");
	expect_bp(0, a, mov);
	step(0, ret);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	expect_bp_before(0, b, ret, "result 0 step");
	CHECK(cdbg_bp_info(p, b, &bi) == 0 && bi.hits == 1, "hits of B %lu", bi.hits);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(&t, "result 0 step 1 ", NULL, 0, 10);

	h_note("from a plain instruction onto a breakpoint");
	u_stop(p, NULL);
	CHECK(cdbg_bp_remove(p, a) == 0, "remove: %s", cdbg_errmsg(p));
	c = cdbg_bp_insert(p, fn, 0); /* the first nop */
	CHECK(c > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "call 1 step");
	expect_bp(1, c, fn);
	step(1, fn + 1);
	step(1, mov); /* a plain nop, onto the old place of A: nothing there now */
	step(1, ret); /* the mov, onto B */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	expect_bp_before(1, b, ret, "result 1 step");
	CHECK(cdbg_bp_info(p, b, &bi) == 0 && bi.hits == 2, "hits of B %lu", bi.hits);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(&t, "result 1 step 1 ", NULL, 0, 10);

	close(t.in);
	t.in = -1;
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s, want exited", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
