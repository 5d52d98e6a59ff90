/*
 * test_step_bp: cdbg_step from a breakpoint, over instructions whose copies run out of line
 * (stepper's assembly functions, every instruction known). Proves, each time in the thread
 * that hit the breakpoint while the other worker stays stopped:
 *   mov $1,%eax       CDBG_EV_STEP with pc = next instruction, eax = 1; a second step
 *                     executes the ret (pc = the return address that was on the stack); the
 *                     breakpoint is still there: the other worker hits it later
 *   syscall (getpid)  pc = syscall + 2, rax = the pid; 50 hits continued through: result right
 *   call rel32        pc = callee, rsp 8 lower, the return address (call + 5) on the stack
 *   call *m(%rip)     same, return address call + 6 (push plus re-aimed displacement)
 *   mov m(%rip),%rax  pc = insn + 7, rax = the value in memory (re-aimed displacement)
 *   loop rel8         cannot be copied (stepped in place): pc back at the loop top, rcx - 1;
 *                     every iteration is reported; the function returns the right count
 *   jz rel8           (copied as a jcc rel32 to the same target) taken: pc = the target;
 *                     not taken: pc = insn + 2; continued through 20 times each way: right
 *   jmp rel8          pc = the target
 *   a pending signal  the step delivers it: CDBG_EV_STEP at the handler's first instruction
 *                     (pc == on_usr1), both for a signal set with cdbg_set_pending_signal at a
 *                     breakpoint and for one the thread raised itself (CDBG_EV_SIGNAL); the
 *                     breakpointed instruction still runs once (the counter it bumps is right),
 *                     from the copy when the handler returns onto the breakpoint (not a hit)
 * and the program's own results and summary are right, exit 0.
 */
#include <poll.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;
static struct tracee t;
static pid_t tid[2];
static char ready[1024];
static int running; /* the process was continued and has not stopped since */

static uint64_t addr_of(const char *name)
{
	return (uint64_t)h_field(ready, name);
}

static uint64_t reg(pid_t who, const char *name)
{
	uint64_t v = 0;

	CHECK(cdbg_reg_get(p, who, name, &v) == 0, "read %s of %d: %s", name, (int)who,
	      cdbg_errmsg(p));
	return v;
}

static uint64_t mem64(uint64_t addr)
{
	uint64_t v = 0;

	CHECK(cdbg_mem_read(p, addr, &v, 8) == 8, "read %#llx: %s", (unsigned long long)addr,
	      cdbg_errmsg(p));
	return v;
}

static void cont(void)
{
	if (!running)
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	running = 1;
}

/* Stop the process if it runs (to insert or remove breakpoints). */
static void hold(void)
{
	if (running)
		u_stop(p, NULL);
	running = 0;
}

/* The next event that stops the process (notices are skipped). */
static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 10000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
	running = 0;
}

/* Continue, then expect a breakpoint hit by worker k at addr. */
static void cont_to_bp(int k, uint64_t addr, int id)
{
	struct cdbg_event ev;

	cont();
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT, "got %s, want a breakpoint", u_ev(&ev));
	CHECK_EQ(ev.tid, tid[k]);
	CHECK_EQ(ev.bp_id, id);
	CHECK_EQ(ev.addr, addr);
	CHECK_EQ(reg(tid[k], "rip"), addr);
}

/* Step worker k: expect CDBG_EV_STEP for it, with the other worker still held. */
static void step(int k)
{
	struct cdbg_event ev;

	CHECK(cdbg_step(p, tid[k]) == 0, "step %d: %s", (int)tid[k], cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_STEP, "got %s, want step", u_ev(&ev));
	CHECK_EQ(ev.tid, tid[k]);
	CHECK(u_task_state(t.pid, tid[!k]) == 't', "other worker is '%c' after the step",
	      u_task_state(t.pid, tid[!k]));
}

/* Continue and read worker k's result line for a command. */
static long cont_result(int k, const char *name)
{
	char line[256], want[64];

	long deadline = u_now_ms() + 10000;

	cont();
	snprintf(want, sizeof(want), "result %d %s ", k, name);
	/* The library handles what happens meanwhile (a handler's return onto the breakpoint it
	 * left goes on into the copy); a stopping event fails the test. */
	for (;;) {
		struct pollfd pfd = { t.out, POLLIN, 0 };
		struct cdbg_event ev;
		if (h_try_expect(&t, want, line, sizeof(line), 0))
			break;
		if (t.out >= 0 && poll(&pfd, 1, 10) > 0 &&
		    h_try_expect(&t, want, line, sizeof(line), 1))
			break;
		int r = cdbg_wait(p, &ev, 10);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		CHECK(r == 0 || !ev.stopped, "waiting for '%s': unexpected %s", want, u_ev(&ev));
		CHECK(u_now_ms() < deadline, "no line '%s' within 10 s", want);
	}
	CHECK_EQ(h_field(line, "tid"), tid[k]);
	return strtol(line + strlen(want), NULL, 10);
}

static void call(int k, const char *name)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "call %d %s", k, name);
	h_send(&t, cmd);
}

static void plain_mov_and_ret(void)
{
	uint64_t mov = addr_of("step_mov"), ret;
	int id = (hold(), cdbg_bp_insert(p, mov, 0));

	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	call(0, "step");
	cont_to_bp(0, mov, id);
	ret = mem64(reg(tid[0], "rsp"));
	step(0);
	CHECK_EQ(reg(tid[0], "rip"), mov + 5);
	CHECK_EQ(addr_of("step_ret"), mov + 5);
	CHECK_EQ(reg(tid[0], "rax") & 0xffffffff, 1);
	step(0); /* the ret: no breakpoint here, an ordinary step */
	CHECK_EQ(reg(tid[0], "rip"), ret);
	CHECK_EQ(cont_result(0, "step"), 1);
	/* The breakpoint stayed for the other thread. */
	call(1, "step");
	cont_to_bp(1, mov, id);
	step(1);
	CHECK_EQ(reg(tid[1], "rip"), mov + 5);
	CHECK_EQ(cont_result(1, "step"), 1);
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

static void syscall_insn(void)
{
	uint64_t sc = addr_of("syscall_insn");
	struct cdbg_event ev;
	int id = (hold(), cdbg_bp_insert(p, sc, 0)), hits = 0;

	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	call(1, "getpid");
	cont_to_bp(1, sc, id);
	CHECK_EQ(reg(tid[1], "rax"), 39);
	step(1);
	CHECK_EQ(reg(tid[1], "rip"), sc + 2);
	CHECK_EQ(reg(tid[1], "rax"), t.pid);
	CHECK_EQ(cont_result(1, "getpid"), t.pid);
	/* Continued through 50 times: each syscall runs once, out of line. */
	h_send(&t, "call 0 getpid 50");
	while (hits < 50) {
		cont();
		next_stop(&ev);
		CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.tid == tid[0], "got %s", u_ev(&ev));
		hits++;
	}
	CHECK_EQ(cont_result(0, "getpid"), t.pid);
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

/* A call whose copy pushes the return address itself: direct (call rel32) or through
 * rip-relative memory (call *m(%rip)). */
static void call_insn(const char *label, const char *cmd, unsigned len)
{
	uint64_t at = addr_of(label), sp;
	int id = (hold(), cdbg_bp_insert(p, at, 0));

	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	call(0, cmd);
	cont_to_bp(0, at, id);
	sp = reg(tid[0], "rsp");
	step(0);
	CHECK_EQ(reg(tid[0], "rip"), addr_of("callee"));
	CHECK_EQ(reg(tid[0], "rsp"), sp - 8);
	CHECK_EQ(mem64(sp - 8), at + len);
	CHECK_EQ(cont_result(0, cmd), 42);
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

static void riprel_load(void)
{
	uint64_t at = addr_of("riprel_insn");
	int id = (hold(), cdbg_bp_insert(p, at, 0));

	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	call(1, "riprel");
	cont_to_bp(1, at, id);
	CHECK(reg(tid[1], "rax") != 0x1122334455667788ull, "rax already holds the value");
	step(1);
	CHECK_EQ(reg(tid[1], "rip"), at + 7);
	CHECK_EQ(reg(tid[1], "rax"), 0x1122334455667788ull);
	CHECK_EQ(mem64(addr_of("rip_value")), 0x1122334455667788ull);
	CHECK_EQ(cont_result(1, "riprel"), 0x1122334455667788ll);
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

/* loop rel8 has no out-of-line form: the library steps it in place. */
static void loop_in_place(void)
{
	uint64_t at = addr_of("loop_insn");
	int id = (hold(), cdbg_bp_insert(p, at, 0));

	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	call(0, "loop");
	cont_to_bp(0, at, id);
	CHECK_EQ(reg(tid[0], "rcx"), 5);
	step(0);
	CHECK_EQ(reg(tid[0], "rip"), addr_of("loop_top"));
	CHECK_EQ(reg(tid[0], "rcx"), 4);
	for (uint64_t rcx = 4; rcx >= 1; rcx--) {
		cont_to_bp(0, at, id);
		CHECK_EQ(reg(tid[0], "rcx"), rcx);
		CHECK_EQ(reg(tid[0], "rax"), 6 - rcx);
	}
	step(0); /* the last iteration falls through to the ret */
	CHECK_EQ(reg(tid[0], "rip"), at + 2);
	CHECK_EQ(reg(tid[0], "rcx"), 0);
	CHECK_EQ(cont_result(0, "loop"), 5);
	struct cdbg_bp_info bi;
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.hits, 5);
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

/* A short conditional jump, taken (x == 0) and not, stepped and continued through. */
static void short_jumps(void)
{
	uint64_t jz = addr_of("jcc_insn"), jmp = addr_of("jmp_insn");
	struct cdbg_event ev;
	int id = (hold(), cdbg_bp_insert(p, jz, 0)), id2 = cdbg_bp_insert(p, jmp, 0);

	CHECK(id > 0 && id2 > 0, "insert: %s", cdbg_errmsg(p));
	call(0, "jz0");
	cont_to_bp(0, jz, id);
	step(0);
	CHECK_EQ(reg(tid[0], "rip"), addr_of("jcc_zero"));
	CHECK_EQ(cont_result(0, "jz0"), 2);
	call(1, "jz1");
	cont_to_bp(1, jz, id);
	step(1);
	CHECK_EQ(reg(tid[1], "rip"), jz + 2);
	CHECK_EQ(cont_result(1, "jz1"), 1);
	call(0, "jmp");
	cont_to_bp(0, jmp, id2);
	step(0);
	CHECK_EQ(reg(tid[0], "rip"), addr_of("jmp_dest"));
	CHECK_EQ(cont_result(0, "jmp"), 3);
	/* Out of line, without stepping. */
	static const char *const cmds[] = { "call 0 jz0 20", "call 1 jz1 20" };
	for (int k = 0; k < 2; k++) {
		h_send(&t, cmds[k]);
		for (int n = 0; n < 20; n++) {
			cont();
			next_stop(&ev);
			CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.tid == tid[k] && ev.bp_id == id,
			      "got %s", u_ev(&ev));
		}
		CHECK_EQ(cont_result(k, k ? "jz1" : "jz0"), k ? 1 : 2);
	}
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0 && cdbg_bp_remove(p, id2) == 0, "remove: %s",
	      cdbg_errmsg(p));
}

static void step_with_signal(void)
{
	uint64_t at = addr_of("bump_insn"), handler = addr_of("on_usr1");
	struct cdbg_event ev;
	char line[256];
	int id = (hold(), cdbg_bp_insert(p, at, 0));

	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	/* A signal given at a breakpoint: the step enters the handler. */
	call(0, "bump");
	cont_to_bp(0, at, id);
	CHECK(cdbg_set_pending_signal(p, tid[0], SIGUSR1) == 0, "set signal: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_pending_signal(p, tid[0]), SIGUSR1);
	step(0);
	CHECK_EQ(reg(tid[0], "rip"), handler);
	CHECK_EQ(cdbg_pending_signal(p, tid[0]), 0);
	/* The handler returns to the breakpointed instruction, which then runs exactly once. */
	CHECK_EQ(cont_result(0, "bump"), 1);
	call(1, "bump");
	cont_to_bp(1, at, id);
	CHECK_EQ(cont_result(1, "bump"), 2);
	hold();
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));

	/* A signal the thread raised itself, reported first. */
	h_send(&t, "raise 1");
	cont();
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_SIGNAL && ev.signo == SIGUSR1 && ev.tid == tid[1], "got %s",
	      u_ev(&ev));
	CHECK_EQ(cdbg_pending_signal(p, tid[1]), SIGUSR1);
	step(1);
	CHECK_EQ(reg(tid[1], "rip"), handler);
	cont();
	h_expect(&t, "raised 1 ", line, sizeof(line), 10);
	CHECK_EQ(h_field(line, "handled"), 2);
}

int main(void)
{
	struct cdbg_event ev;
	char line[256];

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
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	plain_mov_and_ret();
	syscall_insn();
	call_insn("call_insn", "call", 5);
	call_insn("icall_insn", "icall", 6);
	riprel_load();
	loop_in_place();
	short_jumps();
	step_with_signal();

	/* All done: the program ends on its own. */
	cont();
	close(t.in);
	t.in = -1;
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s, want exited", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "done", line, sizeof(line), 1);
	CHECK_EQ(h_field(line, "counter"), 2);
	CHECK_EQ(h_field(line, "handled"), 2);
	cdbg_free(p);
	return h_pass();
}
