/*
 * test_step_line: the stepping API (cdbg_step_line, cdbg_finish, cdbg_run_until) on the stepping
 * tracee, whose worker thread runs twice() and add() all along. Proves:
 *   next over a call      CDBG_EV_STEP_END at the next line's first address, new_frame 0; the
 *                         internal breakpoints are never listed by cdbg_bp_list
 *   step into a call      stops at twice's post-prologue address (cdbg_func_break_addr),
 *                         new_frame 1
 *   next inside twice     over add(), which the worker calls meanwhile: still STEP_END in twice
 *   finish                CDBG_EV_FINISHED in main mid-line 74, rax = twice's result 2;
 *                         cdbg_return_value gives it as an int, and 1 (void) for wait_worker
 *   frames                cdbg_backtrace's sp/cfa: each cfa is the caller's sp, rising outwards
 *   finish of frame 1     from fact(1): fact(2) returns into fact(3) (one fact frame fewer than
 *                         before plus one), rax 2; a deeper activation passing the return
 *                         address does not end it
 *   finish in main        CDBG_EBADSTATE, with gdb's sentence
 *   run_until             STEP_END at the line's address; stepi moves the pc by one instruction
 * and the program ends as it would alone: its output (the worker's "worker ok" included) exact,
 * exit status 0.
 * Usage: test_step_line [TRACEE] (stepping, the PIE build, by default; stepping_nopie).
 */
#include <fcntl.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;
static pid_t main_tid;

static uint64_t line_addr(int line)
{
	uint64_t a = 0;

	CHECK(cdbg_addrs_for_line(p, "stepping.c", line, &a, 1) >= 1, "line %d: %s", line,
	      cdbg_errmsg(p));
	return a;
}

static int line_of(uint64_t pc, uint64_t *row)
{
	struct cdbg_line ln;

	CHECK(cdbg_line_by_addr(p, pc, &ln) == 0, "line of %#llx: %s", (unsigned long long)pc,
	      cdbg_errmsg(p));
	if (row)
		*row = ln.addr;
	return ln.line;
}

static uint64_t reg(const char *name)
{
	uint64_t v = 0;

	CHECK(cdbg_reg_get(p, main_tid, name, &v) == 0, "%s: %s", name, cdbg_errmsg(p));
	return v;
}

/* Run to line `line` of main with a breakpoint hit by the main thread. */
static void run_to_line(int line)
{
	struct cdbg_event ev;
	int id = cdbg_bp_insert(p, line_addr(line), 0);

	CHECK(id > 0, "break at %d: %s", line, cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	do
		u_wait(p, &ev, 20000);
	while (!ev.stopped);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.tid == main_tid,
	      "want main at the breakpoint on line %d, got %s", line, u_ev(&ev));
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
}

static void step(enum cdbg_step_kind kind, enum cdbg_event_kind want, struct cdbg_event *ev)
{
	int r = cdbg_step_line(p, main_tid, kind, NULL, ev);

	CHECK(r == 0, "step kind %d: %s", (int)kind, cdbg_errmsg(p));
	CHECK(ev->kind == want && ev->tid == main_tid && ev->stopped, "step kind %d: got %s",
	      (int)kind, u_ev(ev));
	CHECK_EQ(ev->addr, reg("rip"));
}

static int fact_frames(void)
{
	struct cdbg_frame f[32];
	int n = cdbg_backtrace(p, main_tid, f, 32), k = 0;

	CHECK(n > 0, "backtrace: %s", cdbg_errmsg(p));
	for (int i = 0; i < n; i++)
		k += !strcmp(f[i].func, "fact");
	return k;
}

static void frames_and_finish(void)
{
	struct cdbg_frame f[8];
	struct cdbg_event ev;
	int n, before;

	run_to_line(35); /* return 1: in fact(1), called from fact(2), fact(3), fact(4), main */
	n = cdbg_backtrace(p, main_tid, f, 8);
	CHECK(n >= 5, "backtrace: %d frames", n);
	CHECK_EQ(f[0].sp, reg("rsp"));
	for (int i = 0; i + 1 < n && i < 7; i++) {
		CHECK(f[i].cfa && f[i].cfa == f[i + 1].sp,
		      "frame %d: cfa %#llx, frame %d's sp %#llx", i, (unsigned long long)f[i].cfa,
		      i + 1, (unsigned long long)f[i + 1].sp);
		CHECK(f[i + 1].sp > f[i].sp, "frame %d's sp is not above frame %d's", i + 1, i);
	}
	before = fact_frames();
	CHECK_EQ(before, 4);
	/* finish frame 1 (fact(2)): fact(1) returns to the same address in fact(2) first, at a
	 * lower stack pointer; that must not end it. */
	CHECK(cdbg_finish(p, main_tid, 1, NULL, &ev) == 0, "finish 1: %s", cdbg_errmsg(p));
	CHECK(ev.kind == CDBG_EV_FINISHED && ev.tid == main_tid, "finish 1: %s", u_ev(&ev));
	CHECK_EQ(fact_frames(), 2);
	CHECK_EQ(reg("rax"), 2);
	CHECK_EQ(line_of(ev.addr, NULL), 36);
	/* finish frame 0 twice more: fact(3) returns 6 into fact(4), then 24 into main */
	CHECK(cdbg_finish(p, main_tid, 0, NULL, &ev) == 0, "finish: %s", cdbg_errmsg(p));
	CHECK_EQ(reg("rax"), 6);
	CHECK_EQ(fact_frames(), 1);
	CHECK(cdbg_finish(p, main_tid, 0, NULL, &ev) == 0, "finish: %s", cdbg_errmsg(p));
	CHECK_EQ(reg("rax"), 24);
	CHECK_EQ(fact_frames(), 0);
	CHECK_EQ(line_of(ev.addr, NULL), 75);
	/* main is the outermost frame, as gdb shows it */
	CHECK(cdbg_finish(p, main_tid, 0, NULL, &ev) == CDBG_EBADSTATE, "finish in main worked");
	CHECK(!strcmp(cdbg_errmsg(p), "\"finish\" not meaningful in the outermost frame."),
	      "message: %s", cdbg_errmsg(p));
}

int main(int argc, char **argv_)
{
	const char *path = h_tracee_path(argc > 1 ? argv_[1] : "stepping");
	char *argv[] = { (char *)path, NULL };
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	struct cdbg_event ev;
	struct cdbg_value v;
	uint64_t a, row, pc;
	char out[512] = "";
	int fds[2], pid, ids[4];
	ssize_t len = 0, k;

	u_watchdog(50);
	if (access(path, X_OK) < 0)
		h_skip("tracee %s is not built", path);
	p = u_new();
	CHECK(pipe2(fds, O_CLOEXEC) == 0, "pipe");
	o.stdout_fd = fds[1];
	pid = cdbg_launch(p, path, argv, &o);
	CHECK(pid > 0, "launch: %s", cdbg_errmsg(p));
	close(fds[1]);
	main_tid = pid;

	/* next over wait_worker() (the worker runs meanwhile) */
	run_to_line(73);
	step(CDBG_STEP_NEXT, CDBG_EV_STEP_END, &ev);
	CHECK_EQ(ev.addr, line_addr(74));
	CHECK_EQ(ev.new_frame, 0);
	CHECK_EQ(cdbg_bp_list(p, ids, 4), 0);

	/* step into twice: past its prologue */
	step(CDBG_STEP_LINE, CDBG_EV_STEP_END, &ev);
	CHECK(cdbg_func_break_addr(p, "twice", &a) == 0, "twice: %s", cdbg_errmsg(p));
	CHECK_EQ(ev.addr, a);
	CHECK_EQ(ev.new_frame, 1);
	CHECK_EQ(line_of(ev.addr, NULL), 28);

	/* next over add(), which the worker calls through the same return address */
	for (int i = 0; i < 20; i++) {
		step(CDBG_STEP_NEXT, CDBG_EV_STEP_END, &ev);
		CHECK_EQ(line_of(ev.addr, &row), 29);
		CHECK_EQ(ev.addr, row);
		CHECK_EQ(ev.new_frame, 0);
		/* back to line 28 to do it again */
		CHECK(cdbg_reg_set(p, main_tid, "rip", a) == 0, "set pc: %s", cdbg_errmsg(p));
	}
	step(CDBG_STEP_NEXT, CDBG_EV_STEP_END, &ev);

	/* finish twice: back in main, mid-line 74, with twice's result */
	CHECK(cdbg_finish(p, main_tid, 0, NULL, &ev) == 0, "finish: %s", cdbg_errmsg(p));
	CHECK(ev.kind == CDBG_EV_FINISHED, "finish: %s", u_ev(&ev));
	CHECK_EQ(line_of(ev.addr, &row), 74);
	CHECK(row != ev.addr, "finish stopped at the start of line 74");
	CHECK_EQ(reg("rax"), 2);
	CHECK_EQ(cdbg_bp_list(p, ids, 4), 0);
	/* its value, shaped by twice's DWARF type; wait_worker returns void */
	CHECK(cdbg_return_value(p, main_tid, a, &v) == 0, "value: %s", cdbg_errmsg(p));
	CHECK(v.bits == 2 && v.size == 4 && v.is_signed && !strcmp(v.type, "int"),
	      "value: %llu size %u type %s", (unsigned long long)v.bits, v.size, v.type);
	CHECK(cdbg_func_break_addr(p, "wait_worker", &pc) == 0, "%s", cdbg_errmsg(p));
	CHECK(cdbg_return_value(p, main_tid, pc, &v) == 1, "void: %s", cdbg_errmsg(p));

	frames_and_finish();

	/* until line 78 in this frame; then one instruction */
	CHECK(cdbg_run_until(p, main_tid, line_addr(78), CDBG_UNTIL_FRAME, NULL, &ev) == 0,
	      "until: %s", cdbg_errmsg(p));
	CHECK(ev.kind == CDBG_EV_STEP_END && ev.addr == line_addr(78), "until: %s at %#llx",
	      u_ev(&ev), (unsigned long long)ev.addr);
	pc = ev.addr;
	step(CDBG_STEP_INSN, CDBG_EV_STEP_END, &ev);
	CHECK(ev.addr > pc && ev.addr < pc + 16, "stepi: %#llx after %#llx",
	      (unsigned long long)ev.addr, (unsigned long long)pc);
	CHECK_EQ(cdbg_bp_list(p, ids, 4), 0);

	/* The program ends as it would alone. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	do
		u_wait(p, &ev, 20000);
	while (ev.kind != CDBG_EV_EXITED && ev.kind != CDBG_EV_KILLED);
	CHECK(ev.kind == CDBG_EV_EXITED && ev.code == 0, "end: %s", u_ev(&ev));
	while ((k = read(fds[0], out + len, sizeof(out) - 1 - (size_t)len)) > 0)
		len += k;
	out[len] = '\0';
	CHECK(!strcmp(out, "hello from main\nworker ok\nx=4 r=24 s=3\n"), "output:\n%s", out);
	close(fds[0]);
	cdbg_free(p);
	return h_pass();
}
