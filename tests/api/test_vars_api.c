/*
 * test_vars_api: the library's variables and types API on the vars tracee (-O0), without the
 * CLI. Proves:
 *   - a condition on an argument and a struct member, compiled once (cdbg_bp_condition
 *     "n == 3 && ((struct rec *)&g_head)->in.b == 20"), stops fact only when n is 3; a
 *     cast to a type the program does not have is refused when the condition is set;
 *     cdbg_frame_vars gives n = 3 there, n = 4 and n = 5 in the callers;
 *   - cdbg_eval_frame reads outer frames ("n * 100" in frame 2 is 500), members, array
 *     elements and struct pointers, and fails with codes a client branches on (CDBG_ENONAME
 *     with the name, CDBG_EDIVZERO, CDBG_ENOMEM with the address, CDBG_ENOFRAME);
 *   - cdbg_value_format prints a struct and /x member-wise as gdb does; cdbg_value_type and
 *     cdbg_ptype name and expand types;
 *   - cdbg_return_value reads what fact(1) returned (1) at the return address of the
 *     recursive call, first reached in fact(2), and what fact(2) returned (2) in fact(3);
 *   - the program then runs to its end and prints fact(5)=120.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;

static void eval_is(pid_t tid, int frame, const char *expr, const char *want)
{
	struct cdbg_value v;
	char buf[512];

	CHECK(cdbg_eval_frame(p, tid, frame, expr, NULL, &v) == 0, "%s: %s", expr, cdbg_errmsg(p));
	CHECK(cdbg_value_format(p, &v, 0, CDBG_FMT_TOP, buf, sizeof(buf)) > 0, "format %s: %s",
	      expr, cdbg_errmsg(p));
	CHECK(!strcmp(buf, want), "%s (frame %d) = '%s', want '%s'", expr, frame, buf, want);
}

static void arg_is(pid_t tid, int frame, long want)
{
	struct cdbg_var v[8];
	int n = cdbg_frame_vars(p, tid, frame, CDBG_VARS_ARGS, v, 8);

	CHECK(n == 1, "frame %d: %d args: %s", frame, n, cdbg_errmsg(p));
	CHECK(!strcmp(v[0].name, "n") && v[0].is_arg && !strcmp(v[0].value.type, "int"),
	      "frame %d: arg %s of type %s", frame, v[0].name, v[0].value.type);
	CHECK_EQ((int)v[0].value.bits, want);
}

static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 20000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
}

int main(void)
{
	char *argv[] = { (char *)"vars", NULL };
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = null, .stderr_fd = -1 };
	struct cdbg_event ev;
	struct cdbg_value v;
	char buf[1024];
	uint64_t fact, ret;
	int pid, bp, rbp;

	u_watchdog(60);
	p = u_new();
	pid = cdbg_launch(p, h_tracee_path("vars"), argv, &o);
	CHECK(pid > 0, "launch vars: %s", cdbg_errmsg(p));
	CHECK(cdbg_func_break_addr(p, "fact", &fact) == 0, "fact: %s", cdbg_errmsg(p));
	CHECK((bp = cdbg_bp_insert(p, fact, 0)) > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_condition(p, bp, "(struct nosuch *)n") == CDBG_EBADEXPR &&
		      !strcmp(cdbg_errmsg(p),
			      "cannot use '(struct nosuch *)n' as a condition: unknown "
			      "type 'struct nosuch'"),
	      "bad type: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_condition(p, bp, "n == 3 && ((struct rec *)&g_head)->in.b == 20") == 0,
	      "condition: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == bp, "got %s", u_ev(&ev));
	CHECK(!ev.message[0], "condition message: %s", ev.message);

	/* Arguments of this frame and of the callers. */
	arg_is(ev.tid, 0, 3);
	arg_is(ev.tid, 1, 4);
	arg_is(ev.tid, 2, 5);
	eval_is(ev.tid, 2, "n * 100", "500");
	eval_is(ev.tid, 0, "g_head.in", "{a = 10, b = 20}");
	eval_is(ev.tid, 0, "g_head.next->name", "\"xyz\", '\\000' <repeats 12 times>");
	eval_is(ev.tid, 0, "g_grid[1][2] + g_head.arr[0]", "13");
	eval_is(ev.tid, 0, "g_color", "BLUE");
	eval_is(ev.tid, 0, "g_ratio", "1.5");
	CHECK(cdbg_eval_frame(p, ev.tid, 0, "1 + zz", NULL, &v) == CDBG_ENONAME &&
		      !strcmp(cdbg_errmsg(p), "no symbol 'zz' in current context") &&
		      !strcmp(cdbg_errsubject(p), "zz"),
	      "zz: %s", cdbg_errmsg(p));
	CHECK(cdbg_eval_frame(p, ev.tid, 0, "g_counter / (n - 3)", NULL, &v) == CDBG_EDIVZERO,
	      "divide: %s", cdbg_errmsg(p));
	CHECK(cdbg_eval_frame(p, ev.tid, 0, "*(int *)8", NULL, &v) == CDBG_ENOMEM &&
		      cdbg_erraddr(p) == 8 &&
		      !strcmp(cdbg_errmsg(p), "cannot access memory at address 0x8"),
	      "unreadable: %s", cdbg_errmsg(p));
	CHECK(cdbg_eval_frame(p, ev.tid, 0, "*(struct rec *)16", NULL, &v) == 0 &&
		      cdbg_value_format(p, &v, 0, CDBG_FMT_TOP, buf, sizeof(buf)) == CDBG_ENOMEM &&
		      cdbg_erraddr(p) == 16,
	      "unreadable struct: %s", cdbg_errmsg(p));
	CHECK(cdbg_eval_frame(p, ev.tid, 0, "g_head.nope", NULL, &v) == CDBG_EBADEXPR &&
		      !strcmp(cdbg_errmsg(p), "There is no member named nope."),
	      "nope: %s", cdbg_errmsg(p));
	CHECK(cdbg_eval_frame(p, ev.tid, 99, "n", NULL, &v) == CDBG_ENOFRAME &&
		      !strcmp(cdbg_errmsg(p), "no frame at level 99"),
	      "level 99: %s", cdbg_errmsg(p));

	/* Formats and types. */
	CHECK(cdbg_eval_frame(p, ev.tid, 0, "g_head.in", NULL, &v) == 0, "%s", cdbg_errmsg(p));
	CHECK(cdbg_value_format(p, &v, 'x', CDBG_FMT_TOP, buf, sizeof(buf)) > 0 &&
		      !strcmp(buf, "{a = 0xa, b = 0x14}"),
	      "/x: %s", buf);
	CHECK(cdbg_value_type(p, &v, buf, sizeof(buf)) > 0 && !strcmp(buf, "struct inner"),
	      "type: %s", buf);
	CHECK(cdbg_ptype(p, ev.tid, 0, "struct inner", CDBG_PTYPE_EXPAND, buf, sizeof(buf)) > 0 &&
		      !strcmp(buf, "struct inner {\n    int a;\n    short b;\n}"),
	      "ptype: %s", buf);
	CHECK(cdbg_ptype(p, ev.tid, 0, "&g_head", 0, buf, sizeof(buf)) > 0 &&
		      !strcmp(buf, "rec_t *"),
	      "whatis &g_head: %s", buf);
	CHECK(cdbg_ptype(p, ev.tid, 0, "struct nosuch", 0, buf, sizeof(buf)) == CDBG_ENONAME &&
		      !strcmp(cdbg_errmsg(p), "no struct type named nosuch") &&
		      !strcmp(cdbg_errsubject(p), "struct nosuch"),
	      "struct nosuch: %s", cdbg_errmsg(p));

	/* What the recursive calls return, read at their return address: fact(1) returns 1 into
	 * fact(2), then fact(2) returns 2 into fact(3). */
	CHECK(cdbg_bp_remove(p, bp) == 0, "remove: %s", cdbg_errmsg(p));
	struct cdbg_frame fr[4];
	CHECK(cdbg_backtrace(p, ev.tid, fr, 4) >= 2, "bt: %s", cdbg_errmsg(p));
	ret = fr[1].pc;
	CHECK((rbp = cdbg_bp_insert(p, ret, CDBG_BP_TEMPORARY)) > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == rbp, "got %s", u_ev(&ev));
	CHECK(cdbg_return_value(p, ev.tid, fact, &v) == 0, "return value: %s", cdbg_errmsg(p));
	CHECK_EQ((int)v.bits, 1);
	CHECK(!strcmp(v.type, "int"), "return type %s", v.type);
	arg_is(ev.tid, 0, 2);
	CHECK((rbp = cdbg_bp_insert(p, ret, CDBG_BP_TEMPORARY)) > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == rbp, "got %s", u_ev(&ev));
	CHECK(cdbg_return_value(p, ev.tid, fact, &v) == 0, "return value: %s", cdbg_errmsg(p));
	CHECK_EQ((int)v.bits, 2);
	arg_is(ev.tid, 0, 3);

	/* The program runs to its end. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	next_stop(&ev);
	CHECK(ev.kind == CDBG_EV_EXITED && ev.code == 0, "got %s", u_ev(&ev));
	close(null);
	cdbg_free(p);
	return h_pass();
}
