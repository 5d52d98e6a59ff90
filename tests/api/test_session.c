/*
 * test_session: logical breakpoints (cdbg_break_*) through cdbg.h alone.
 * On dl_host (dlopen()s dl_lib.so when told), proves:
 *   - a spec on dl_add set before any process is pending; attaching leaves it pending;
 *   - the library report of the dlopen resolves it (one location, inserted), the hit of
 *     dl_add maps back to breakpoint 1 location 1 (cdbg_break_of_hit), hits 1;
 *   - after dlclose it is pending again with its hit kept; a second load and call resolve it
 *     again and count the hit: 2.
 * On brk_multi N=3 (twice() inlined into a() and b()), launched twice on the same handle:
 *   - a FILE:LINE spec on twice()'s line has two locations, in a and in b; each location
 *     reports 3 hits in the first run and the breakpoint 6;
 *   - a condition ($rdi == 1 on c) stops once; an ignore count of 2 on d stops once (hits 3);
 *   - a disabled (hardware) spec on report never stops, and stops once enabled; a temporary
 *     one on main is removed by cdbg_break_hit_done after its one stop;
 *   - in the second run (cdbg_launch again), the counts go on: the line 6 + 3 with its
 *     location 2 disabled; a removed breakpoint is gone (CDBG_ENOBP) and never stops.
 *   - a function spec on twice (no symbol: only inlined copies) has the line's two addresses.
 * On brk_funcs (overloads, template instances, static namesakes, an inlined function; -O0),
 * `break FUNC` gets every location gdb 13 gives (cdbg_func_break_addrs, the session):
 *   - over: 2 (over(int), over(double)); over(double): 1, over's second; twice: 2 (twice<int>,
 *     twice<long>); lhelper and shelper: 2 each (two objects); sq: 3 (out of line, two copies);
 *     cdbg_func_break_addrs reports the total past max, as snprintf;
 *   - with 4 threads of 5 rounds, the ignore count is the breakpoint's, not each location's:
 *     over with ignore 25 set once placed stops 2*4*5 - 25 times, hits 40 (20 per location);
 *     lhelper placed with condition x >= 2 and ignore 14 counts 2*4*3 hits, stops 24 - 14;
 *     sq stops at each of its 3 locations 20 times.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define BRK_MULTI_LINE 18 /* twice()'s first line in brk_multi.c */
#define ROUNDS 3

static struct cdbg_break_info info_of(cdbg_proc *p, int id)
{
	struct cdbg_break_info i;

	CHECK(cdbg_break_info(p, id, &i) == 0, "info %d: %s", id, cdbg_errmsg(p));
	return i;
}

/* Continue, send cmd to the program, and wait for the next stop. */
static void go(cdbg_proc *p, struct tracee *t, const char *cmd, struct cdbg_event *ev)
{
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	if (cmd)
		h_send(t, cmd);
	do
		u_wait(p, ev, 20000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED);
}

static void pending_dlopen(void)
{
	struct cdbg_break_spec spec = { .kind = CDBG_BREAK_SOFTWARE, .function = "dl_add" };
	struct cdbg_break_loc loc;
	struct cdbg_break_info i;
	struct cdbg_event ev;
	struct tracee t;
	char line[256];
	cdbg_proc *p = cdbg_new();
	int id, bid, lno;

	CHECK(cdbg_break_add(p, &spec, &id) == 0, "add: %s", cdbg_errmsg(p));
	CHECK_EQ(id, 1);
	CHECK(info_of(p, id).pending, "pending before any process");
	h_start(&t, "dl_host", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	i = info_of(p, id);
	CHECK(i.pending && i.nlocs == 0, "pending after attach: %d locations", i.nlocs);

	go(p, &t, "load", &ev);
	CHECK(ev.kind == CDBG_EV_LIBRARIES, "after load: %s", u_ev(&ev));
	i = info_of(p, id);
	CHECK(!i.pending && i.nlocs == 1, "resolved at the load: pending %d, %d locations",
	      i.pending, i.nlocs);
	CHECK_EQ(cdbg_break_locations(p, id, &loc, 1), 1);
	CHECK(loc.inserted && loc.bp_id > 0, "location inserted");
	CHECK(loc.function && !strcmp(loc.function, "dl_add"), "in %s", loc.function);

	go(p, &t, "call 3", &ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT, "after call: %s", u_ev(&ev));
	CHECK(cdbg_break_of_hit(p, ev.bp_id, &bid, &lno) == 0, "of_hit: %s", cdbg_errmsg(p));
	CHECK(bid == id && lno == 1, "hit %d.%d", bid, lno);
	CHECK_EQ(info_of(p, id).hits, 1);
	CHECK_EQ(cdbg_break_of_hit(p, 9999, &bid, &lno), CDBG_ENOBP);

	go(p, &t, NULL, &ev); /* dl_twice is not stopped at: "call" runs on to "unload" */
	CHECK(ev.kind == CDBG_EV_BREAKPOINT, "dl_twice calls dl_add: %s", u_ev(&ev));
	CHECK_EQ(info_of(p, id).hits, 2);
	go(p, &t, "unload", &ev);
	CHECK(ev.kind == CDBG_EV_LIBRARIES, "after unload: %s", u_ev(&ev));
	i = info_of(p, id);
	CHECK(i.pending && i.nlocs == 0, "pending again after the unload: %d locations", i.nlocs);
	CHECK_EQ(i.hits, 2);

	go(p, &t, "load", &ev);
	CHECK(ev.kind == CDBG_EV_LIBRARIES, "after the second load: %s", u_ev(&ev));
	CHECK(!info_of(p, id).pending, "resolved again");
	go(p, &t, "call 4", &ev);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT, "second call: %s", u_ev(&ev));
	CHECK(cdbg_break_of_hit(p, ev.bp_id, &bid, NULL) == 0 && bid == id, "hit maps back");
	CHECK_EQ(info_of(p, id).hits, 3);

	CHECK(cdbg_break_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_break_list(p, NULL, 0), 0);
	CHECK_EQ(cdbg_bp_list(p, NULL, 0), 0); /* its location went with it */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_expect(&t, "dl_add=", line, sizeof(line), 20);
	CHECK(!strcmp(line, "dl_add=5 dl_twice=12"), "'%s'", line);
	h_expect(&t, "dl_add=", line, sizeof(line), 20);
	CHECK(!strcmp(line, "dl_add=6 dl_twice=16"), "'%s'", line);
	CHECK(cdbg_interrupt(p) == 0, "interrupt: %s", cdbg_errmsg(p));
	do
		u_wait(p, &ev, 20000);
	while (!ev.stopped);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "quit");
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
}

/* One run of brk_multi to its end: the stops of each breakpoint (ids up to 7), by location
 * (index 0: the breakpoint). */
static void run(cdbg_proc *p, int stops[8][3], void (*at_start)(cdbg_proc *p))
{
	char *argv[] = { (char *)h_tracee_path("brk_multi"), "3", NULL };
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	struct cdbg_event ev;
	int id, loc;

	o.stdout_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	CHECK(cdbg_launch(p, argv[0], argv, &o) > 0, "launch: %s", cdbg_errmsg(p));
	close(o.stdout_fd);
	memset(stops, 0, sizeof(int[8][3]));
	if (at_start)
		at_start(p);
	for (;;) {
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		do
			u_wait(p, &ev, 20000);
		while (!ev.stopped && ev.kind != CDBG_EV_EXITED);
		if (ev.kind == CDBG_EV_EXITED)
			break;
		if (ev.kind == CDBG_EV_LIBRARIES)
			continue;
		CHECK(ev.kind == CDBG_EV_BREAKPOINT, "stop: %s", u_ev(&ev));
		CHECK(cdbg_break_of_hit(p, ev.bp_id, &id, &loc) == 0, "of_hit %d: %s", ev.bp_id,
		      cdbg_errmsg(p));
		CHECK(id > 0 && id < 8 && loc > 0 && loc < 3, "hit %d.%d", id, loc);
		stops[id][0]++;
		stops[id][loc]++;
		CHECK(cdbg_break_hit_done(p, id) >= 0, "hit_done: %s", cdbg_errmsg(p));
	}
	CHECK_EQ(ev.code, 0);
}

static int line_id, cond_id, ignore_id, disabled_id, temp_id;

static void second_start(cdbg_proc *p)
{
	struct cdbg_break_info i = info_of(p, line_id);

	CHECK_EQ(i.nlocs, 2);
	CHECK(cdbg_break_enable(p, line_id, 2, 0) == 0, "disable 1.2: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_remove(p, ignore_id) == 0, "remove: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_break_info(p, ignore_id, &i), CDBG_ENOBP);
	CHECK(cdbg_break_enable(p, disabled_id, 0, 1) == 0, "enable: %s", cdbg_errmsg(p));
}

static void locations_runs(void)
{
	struct cdbg_break_spec line = { .kind = CDBG_BREAK_SOFTWARE,
					.file = "brk_multi.c",
					.line = BRK_MULTI_LINE };
	struct cdbg_break_spec cond = { .kind = CDBG_BREAK_SOFTWARE,
					.function = "c",
					.condition = "$rdi == 1" };
	struct cdbg_break_spec ign = { .kind = CDBG_BREAK_SOFTWARE, .function = "d", .ignore = 2 };
	struct cdbg_break_spec dis = { .kind = CDBG_BREAK_HARDWARE,
				       .function = "report",
				       .flags = CDBG_BREAK_DISABLED };
	struct cdbg_break_spec tmp = { .kind = CDBG_BREAK_SOFTWARE,
				       .function = "main",
				       .flags = CDBG_BREAK_TEMPORARY };
	struct cdbg_break_spec bad = { .kind = CDBG_BREAK_SOFTWARE, .function = "a", .line = 3 };
	struct cdbg_break_loc locs[4];
	cdbg_proc *p = cdbg_new();
	int stops[8][3];

	CHECK_EQ(cdbg_break_add(p, &bad, NULL), -EINVAL);
	CHECK(cdbg_break_add(p, &line, &line_id) == 0, "add line: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_add(p, &cond, &cond_id) == 0, "add cond: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_add(p, &ign, &ignore_id) == 0, "add ignore: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_add(p, &dis, &disabled_id) == 0, "add disabled: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_add(p, &tmp, &temp_id) == 0, "add temporary: %s", cdbg_errmsg(p));
	CHECK(line_id == 1 && temp_id == 5, "numbered from 1: %d..%d", line_id, temp_id);
	CHECK_EQ(cdbg_break_list(p, NULL, 0), 5);

	run(p, stops, NULL);
	CHECK_EQ(cdbg_break_locations(p, line_id, locs, 4), 2);
	CHECK(locs[0].addr != locs[1].addr, "two addresses");
	CHECK(locs[0].function && locs[1].function && strcmp(locs[0].function, locs[1].function),
	      "in two functions: %s, %s", locs[0].function, locs[1].function);
	CHECK(locs[0].line == BRK_MULTI_LINE && locs[1].line == BRK_MULTI_LINE, "line %d, %d",
	      locs[0].line, locs[1].line);
	CHECK(stops[line_id][1] == ROUNDS && stops[line_id][2] == ROUNDS, "line: %d + %d stops",
	      stops[line_id][1], stops[line_id][2]);
	CHECK(locs[0].hits == ROUNDS && locs[1].hits == ROUNDS, "location hits %lu, %lu",
	      locs[0].hits, locs[1].hits);
	CHECK_EQ(info_of(p, line_id).hits, 2 * ROUNDS);
	CHECK_EQ(stops[cond_id][0], 1);
	CHECK_EQ(info_of(p, cond_id).hits, 1);
	CHECK_EQ(stops[ignore_id][0], ROUNDS - 2);
	CHECK_EQ(info_of(p, ignore_id).hits, ROUNDS);
	CHECK_EQ(stops[disabled_id][0], 0);
	CHECK_EQ(stops[temp_id][0], 1);
	CHECK_EQ(cdbg_break_info(p, temp_id, &(struct cdbg_break_info){ 0 }), CDBG_ENOBP);
	CHECK_EQ(cdbg_break_list(p, NULL, 0), 4);

	run(p, stops, second_start);
	CHECK(stops[line_id][1] == ROUNDS && stops[line_id][2] == 0, "line: %d + %d stops",
	      stops[line_id][1], stops[line_id][2]);
	CHECK_EQ(info_of(p, line_id).hits, 3 * ROUNDS);
	CHECK_EQ(info_of(p, cond_id).hits, 2);
	CHECK_EQ(stops[ignore_id][0], 0);
	CHECK_EQ(stops[disabled_id][0], 1);
	CHECK_EQ(info_of(p, disabled_id).hits, 1);
	CHECK_EQ(cdbg_break_list(p, NULL, 0), 3);
	cdbg_free(p);
}

/* Changes while the program runs are refused (the int3s would stay as they were), and a
 * temporary breakpoint turned into "enable once" (gdb's `enable once` on a tbreak) is disabled
 * by its first hit, not deleted behind the session's back: enabled once again, it stops once
 * more. */
static void running_and_once(void)
{
	char *argv[] = { (char *)h_tracee_path("brk_multi"), "3", NULL };
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	struct cdbg_break_spec once = { .kind = CDBG_BREAK_SOFTWARE,
					.function = "d",
					.flags = CDBG_BREAK_TEMPORARY };
	cdbg_proc *p = cdbg_new();
	struct cdbg_event ev;
	int id, hid, loc, stops = 0;

	o.stdout_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	CHECK(cdbg_launch(p, argv[0], argv, &o) > 0, "launch: %s", cdbg_errmsg(p));
	close(o.stdout_fd);
	CHECK(cdbg_break_add(p, &once, &id) == 0, "add: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_set_disposition(p, id, CDBG_DISP_DISABLE, 1) == 0, "once: %s",
	      cdbg_errmsg(p));
	for (;;) {
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		if (stops == 0) {
			CHECK_EQ(cdbg_break_remove(p, id), CDBG_ERUNNING);
			CHECK_EQ(cdbg_break_set_ignore(p, id, 5), CDBG_ERUNNING);
			CHECK_EQ(cdbg_break_enable(p, id, 0, 0), CDBG_ERUNNING);
			CHECK_EQ(cdbg_break_set_condition(p, id, "1"), CDBG_ERUNNING);
		}
		do
			u_wait(p, &ev, 20000);
		while (!ev.stopped && ev.kind != CDBG_EV_EXITED);
		if (ev.kind == CDBG_EV_EXITED)
			break;
		if (ev.kind == CDBG_EV_LIBRARIES)
			continue;
		CHECK(ev.kind == CDBG_EV_BREAKPOINT, "stop: %s", u_ev(&ev));
		CHECK(cdbg_break_of_hit(p, ev.bp_id, &hid, &loc) == 0 && hid == id, "of_hit %d: %s",
		      ev.bp_id, cdbg_errmsg(p));
		stops++;
		CHECK(cdbg_break_hit_done(p, id) == 0, "hit_done after stop %d: %s", stops,
		      cdbg_errmsg(p));
		CHECK(!info_of(p, id).enabled, "enabled after stop %d", stops);
		if (stops == 1) /* enable once, again */
			CHECK(cdbg_break_set_disposition(p, id, CDBG_DISP_DISABLE, 1) == 0 &&
				      cdbg_break_enable(p, id, 0, 1) == 0,
			      "enable once again: %s", cdbg_errmsg(p));
	}
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(stops, 2); /* rounds 1 and 2; disabled by the second hit, round 3 runs on */
	CHECK_EQ(info_of(p, id).hits, 2);
	cdbg_free(p);
}

/* `break twice` on brk_multi: twice() has no symbol, only its two inlined copies. */
static void inline_only(void)
{
	char *argv[] = { (char *)h_tracee_path("brk_multi"), "1", NULL };
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	struct cdbg_break_spec fn = { .kind = CDBG_BREAK_SOFTWARE, .function = "twice" };
	struct cdbg_break_spec line = { .kind = CDBG_BREAK_SOFTWARE,
					.file = "brk_multi.c",
					.line = BRK_MULTI_LINE };
	struct cdbg_break_loc lf[4], ll[4];
	cdbg_proc *p = cdbg_new();
	int fid, lid;

	o.stdout_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	CHECK(cdbg_launch(p, argv[0], argv, &o) > 0, "launch: %s", cdbg_errmsg(p));
	close(o.stdout_fd);
	CHECK(cdbg_break_add(p, &fn, &fid) == 0, "add twice: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_add(p, &line, &lid) == 0, "add line: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_break_locations(p, fid, lf, 4), 2);
	CHECK_EQ(cdbg_break_locations(p, lid, ll, 4), 2);
	CHECK(lf[0].addr == ll[0].addr && lf[1].addr == ll[1].addr,
	      "twice's copies %llx %llx, the line's %llx %llx", (unsigned long long)lf[0].addr,
	      (unsigned long long)lf[1].addr, (unsigned long long)ll[0].addr,
	      (unsigned long long)ll[1].addr);
	CHECK(cdbg_kill(p) == 0, "kill: %s", cdbg_errmsg(p));
	cdbg_free(p);
}

#define FN_THREADS 4
#define FN_ROUNDS 5
/* More than one location's hits: a count kept per location, or by one location alone, would
 * let more stops through. */
#define OVER_IGNORE (FN_THREADS * FN_ROUNDS + 5)
#define LH_IGNORE (FN_THREADS * (FN_ROUNDS - 2) + 2)

/* A breakpoint on function fn (with condition cond and ignore count ignore from the start),
 * placed in the process held: its locations (up to 4), as numbered. */
static int fn_locs_with(cdbg_proc *p, const char *fn, const char *cond, unsigned ignore,
			struct cdbg_break_loc locs[4], int *id)
{
	struct cdbg_break_spec spec = { .kind = CDBG_BREAK_SOFTWARE,
					.function = fn,
					.condition = cond,
					.ignore = ignore,
					.flags = CDBG_BREAK_DISABLED };

	CHECK(cdbg_break_add(p, &spec, id) == 0, "add %s: %s", fn, cdbg_errmsg(p));
	CHECK(cdbg_break_enable(p, *id, 0, 1) == 0, "enable %s: %s", fn, cdbg_errmsg(p));
	return cdbg_break_locations(p, *id, locs, 4);
}

static int fn_locs(cdbg_proc *p, const char *fn, struct cdbg_break_loc locs[4], int *id)
{
	return fn_locs_with(p, fn, NULL, 0, locs, id);
}

static void func_locations(void)
{
	char *argv[] = { (char *)h_tracee_path("brk_funcs"), "4", "5", NULL };
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	struct cdbg_break_loc over[4], od[4], tw[4], lh[4], sh[4], sq[4];
	int over_id, od_id, tw_id, lh_id, sh_id, sq_id, id, loc, stops[8][4] = { { 0 } };
	uint64_t addrs[4];
	struct cdbg_event ev;
	cdbg_proc *p = cdbg_new();

	o.stdout_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	CHECK(cdbg_launch(p, argv[0], argv, &o) > 0, "launch: %s", cdbg_errmsg(p));
	close(o.stdout_fd);
	CHECK_EQ(fn_locs(p, "over", over, &over_id), 2);
	CHECK(over[0].function && !strcmp(over[0].function, "over(int)") && over[1].function &&
		      !strcmp(over[1].function, "over(double)"),
	      "over: %s, %s", over[0].function, over[1].function);
	CHECK_EQ(fn_locs(p, "over(double)", od, &od_id), 1);
	CHECK(od[0].addr == over[1].addr, "over(double) is over's second location");
	CHECK_EQ(fn_locs(p, "twice", tw, &tw_id), 2);
	CHECK(tw[0].function && strstr(tw[0].function, "twice<int>(int)") && tw[1].function &&
		      strstr(tw[1].function, "twice<long>(long)"),
	      "twice: %s, %s", tw[0].function, tw[1].function);
	CHECK_EQ(fn_locs_with(p, "lhelper", "x >= 2", LH_IGNORE, lh, &lh_id), 2);
	CHECK(lh[0].file && lh[1].file && strcmp(lh[0].file, lh[1].file), "two objects: %s, %s",
	      lh[0].file, lh[1].file);
	CHECK_EQ(fn_locs(p, "shelper", sh, &sh_id), 2);
	CHECK_EQ(fn_locs(p, "sq", sq, &sq_id), 3);
	CHECK(sq[0].line == sq[1].line && sq[1].line == sq[2].line, "sq's lines %d %d %d",
	      sq[0].line, sq[1].line, sq[2].line);
	CHECK_EQ(cdbg_func_break_addrs(p, "sq", addrs, 1), 3); /* snprintf-style */
	CHECK(addrs[0] == sq[0].addr, "the first of sq's");
	CHECK_EQ(cdbg_func_break_addrs(p, "no_such_function", addrs, 4), CDBG_ENOSYM);

	/* Keep over, lhelper and sq (distinct addresses); count over the whole breakpoint. */
	CHECK(cdbg_break_remove(p, od_id) == 0 && cdbg_break_remove(p, tw_id) == 0 &&
		      cdbg_break_remove(p, sh_id) == 0,
	      "remove: %s", cdbg_errmsg(p));
	CHECK(cdbg_break_set_ignore(p, over_id, OVER_IGNORE) == 0, "ignore: %s", cdbg_errmsg(p));
	CHECK_EQ(info_of(p, lh_id).ignore, LH_IGNORE);
	CHECK_EQ(info_of(p, over_id).ignore, OVER_IGNORE);
	for (;;) {
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		do
			u_wait(p, &ev, 20000);
		while (!ev.stopped && ev.kind != CDBG_EV_EXITED);
		if (ev.kind == CDBG_EV_EXITED)
			break;
		if (ev.kind == CDBG_EV_LIBRARIES)
			continue;
		CHECK(ev.kind == CDBG_EV_BREAKPOINT, "stop: %s", u_ev(&ev));
		CHECK(cdbg_break_of_hit(p, ev.bp_id, &id, &loc) == 0, "of_hit %d: %s", ev.bp_id,
		      cdbg_errmsg(p));
		CHECK(id > 0 && id < 8 && loc > 0 && loc < 4, "hit %d.%d", id, loc);
		stops[id][0]++;
		stops[id][loc]++;
	}
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(stops[over_id][0], 2 * FN_THREADS * FN_ROUNDS - OVER_IGNORE);
	CHECK_EQ(info_of(p, over_id).hits, 2 * FN_THREADS * FN_ROUNDS);
	CHECK_EQ(info_of(p, over_id).ignore, 0);
	CHECK_EQ(cdbg_break_locations(p, over_id, over, 4), 2);
	CHECK(over[0].hits == FN_THREADS * FN_ROUNDS && over[1].hits == FN_THREADS * FN_ROUNDS,
	      "over's location hits %lu, %lu", over[0].hits, over[1].hits);
	CHECK_EQ(info_of(p, lh_id).hits, 2 * FN_THREADS * (FN_ROUNDS - 2));
	CHECK_EQ(stops[lh_id][0], 2 * FN_THREADS * (FN_ROUNDS - 2) - LH_IGNORE);
	for (int k = 1; k <= 3; k++)
		CHECK(stops[sq_id][k] == FN_THREADS * FN_ROUNDS, "sq.%d: %d stops", k,
		      stops[sq_id][k]);
	cdbg_free(p);
}

int main(void)
{
	pending_dlopen();
	locations_runs();
	running_and_once();
	inline_only();
	func_locations();
	return h_pass();
}
