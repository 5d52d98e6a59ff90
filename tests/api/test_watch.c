/*
 * test_watch: hardware watchpoints and breakpoints (debug registers).
 * multi_write: worker K stores or loads the global `target` on command, printing its tid.
 * Proves:
 *   - a write watchpoint (8 bytes) reports "write 2 77" as CDBG_EV_WATCHPOINT in the thread
 *     the program names, with old_value 0 and new_value 77, the pc past the store; a thread
 *     spawned after the watchpoint was set is watched too ("write 4 5": its tid, 77 -> 5);
 *     cdbg_bp_info: kind CDBG_BP_WATCH, watch WRITE, len 8, hits 2;
 *   - a read/write watchpoint reports "read 1" (old == new == the value);
 *   - lengths 1, 2, 4 and 8 at the top bytes of target: each reports the bytes it covers;
 *     together they fill the four debug registers, a fifth fails with CDBG_ENOSLOT and the
 *     exact sentence; removing one frees a slot;
 *   - a misaligned address, a length of 3 and an execute breakpoint of length 2 fail with
 *     -EINVAL and the exact sentence;
 *   - after detach the debug registers are clear: the program keeps writing target (old and
 *     new threads) without dying of SIGTRAP and exits 0;
 * and, on bphits 2 3, a hardware execute breakpoint (CDBG_WATCH_EXEC, len 1) on hit, set
 * before the threads exist, is reported as CDBG_EV_BREAKPOINT with the pc at hit exactly once
 * per call (6), never re-triggering on continue; the checksum is right and it exits 0.
 */
#include <poll.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;
static struct tracee t;
static uint64_t target;

static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 10000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
}

/* Wait for a line starting with prefix from the running program while handling the
 * library's events (a new thread's clone stops its creator until the event is waited for);
 * a stopping event fails the test. */
static void expect(const char *prefix, char *line, size_t len)
{
	long deadline = u_now_ms() + 10000;
	struct cdbg_event ev;

	for (;;) {
		struct pollfd pfd = { t.out, POLLIN, 0 };
		if (h_try_expect(&t, prefix, line, len, 0)) /* already read */
			return;
		if (t.out >= 0 && poll(&pfd, 1, 10) > 0 && h_try_expect(&t, prefix, line, len, 1))
			return;
		int r = cdbg_wait(p, &ev, 10);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		CHECK(r == 0 || !ev.stopped, "waiting for '%s': unexpected %s", prefix, u_ev(&ev));
		CHECK(u_now_ms() < deadline, "no line '%s' within 10 s", prefix);
	}
}

/* Send cmd to the running program; expect a watchpoint event (returned in ev), continue, and
 * return the tid the program printed in the line starting with reply. */
static pid_t watched(const char *cmd, const char *reply, int id, struct cdbg_event *ev)
{
	char line[256];

	h_send(&t, cmd);
	next_stop(ev);
	CHECK(ev->kind == CDBG_EV_WATCHPOINT, "%s: got %s, want a watchpoint", cmd, u_ev(ev));
	CHECK_EQ(ev->bp_id, id);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	expect(reply, line, sizeof(line));
	CHECK_EQ(h_field(line, "tid"), ev->tid);
	return ev->tid;
}

static int hw(uint64_t addr, unsigned len, int watch)
{
	int id = cdbg_bp_insert_hw(p, addr, len, watch, 0);

	CHECK(id > 0, "watch %u at %#llx: %s", len, (unsigned long long)addr, cdbg_errmsg(p));
	return id;
}

static void check_einval(uint64_t addr, unsigned len, int watch, const char *why)
{
	char want[256];
	int r = cdbg_bp_insert_hw(p, addr, len, watch, 0);

	CHECK(r == -EINVAL, "watch %u at %#llx gave %d", len, (unsigned long long)addr, r);
	snprintf(want, sizeof(want), "cannot watch %u bytes at %#llx: %s", len,
		 (unsigned long long)addr, why);
	CHECK(!strcmp(cdbg_errmsg(p), want), "message '%s', want '%s'", cdbg_errmsg(p), want);
}

static void multi_write(void)
{
	struct cdbg_event ev;
	struct cdbg_bp_info bi;
	char line[256], want[256];
	pid_t tid2, tid4;
	int id, ids[4], r;

	h_start(&t, "multi_write", NULL);
	h_expect(&t, "ready", line, sizeof(line), 10);
	target = (uint64_t)h_field(line, "target");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	h_note("write watchpoint, old and new threads");
	id = hw(target, 8, CDBG_WATCH_WRITE);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	tid2 = watched("write 2 77", "wrote 2 77", id, &ev);
	CHECK_EQ(ev.addr, target);
	CHECK_EQ(ev.old_value, 0);
	CHECK_EQ(ev.new_value, 77);
	h_send(&t, "spawn");
	expect("spawned 4", line, sizeof(line));
	tid4 = (pid_t)h_field(line, "tid");
	CHECK(tid4 != tid2 && tid4 != t.pid, "spawned tid %d", (int)tid4);
	CHECK_EQ(watched("write 4 5", "wrote 4 5", id, &ev), tid4);
	CHECK_EQ(ev.old_value, 77);
	CHECK_EQ(ev.new_value, 5);
	h_send(&t, "read 3"); /* a load: a write watchpoint says nothing */
	expect("read 3 5", NULL, 0);
	u_stop(p, NULL);
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.kind, CDBG_BP_WATCH);
	CHECK_EQ(bi.watch, CDBG_WATCH_WRITE);
	CHECK_EQ(bi.len, 8);
	CHECK_EQ(bi.addr, target);
	CHECK_EQ(bi.hits, 2);
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));

	h_note("read/write watchpoint");
	id = hw(target, 8, CDBG_WATCH_RW);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	watched("read 1", "read 1 5", id, &ev);
	CHECK_EQ(ev.old_value, 5);
	CHECK_EQ(ev.new_value, 5);
	u_stop(p, NULL);
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));

	h_note("lengths 1, 2, 4, 8");
	/* 0x0102030405060708 then 0x1112131415161718: little-endian, the top byte is at +7. */
	static const struct {
		unsigned len, off;
		uint64_t oldv, newv;
	} w[] = {
		{ 1, 7, 0x01, 0x11 },
		{ 2, 6, 0x0102, 0x1112 },
		{ 4, 4, 0x01020304, 0x11121314 },
		{ 8, 0, 0x0102030405060708ull, 0x1112131415161718ull },
	};
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "write 0 72623859790382856"); /* 0x0102030405060708, no watchpoint yet */
	expect("wrote 0 ", NULL, 0);
	u_stop(p, NULL);
	for (int i = 0; i < 4; i++)
		ids[i] = hw(target + w[i].off, w[i].len, CDBG_WATCH_WRITE);
	r = cdbg_bp_insert_hw(p, target, 8, CDBG_WATCH_RW, 0);
	CHECK(r == CDBG_ENOSLOT, "a fifth watchpoint gave %d (%s)", r, cdbg_errname(r));
	snprintf(want, sizeof(want),
		 "cannot set a hardware watchpoint at %#llx: all 4 debug "
		 "registers are in use; delete or disable one first",
		 (unsigned long long)target);
	CHECK(!strcmp(cdbg_errmsg(p), want), "message '%s', want '%s'", cdbg_errmsg(p), want);
	CHECK_EQ(cdbg_bp_info(p, r, &bi), CDBG_ENOBP);
	for (int i = 0; i < 4; i++) {
		/* One watchpoint at a time: the other three are removed. */
		for (int j = 0; j < 4; j++)
			if (j != i && ids[j] > 0) {
				CHECK(cdbg_bp_remove(p, ids[j]) == 0, "remove: %s", cdbg_errmsg(p));
				ids[j] = 0;
			}
		if (!ids[i])
			ids[i] = hw(target + w[i].off, w[i].len, CDBG_WATCH_WRITE);
		CHECK(cdbg_bp_info(p, ids[i], &bi) == 0 && bi.len == w[i].len, "len %u", bi.len);
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		watched("write 1 1230066625199609624", "wrote 1 ", ids[i], &ev); /* 0x1112..18 */
		CHECK(ev.old_value == w[i].oldv && ev.new_value == w[i].newv,
		      "len %u: old %#llx new %#llx, want %#llx %#llx", w[i].len,
		      (unsigned long long)ev.old_value, (unsigned long long)ev.new_value,
		      (unsigned long long)w[i].oldv, (unsigned long long)w[i].newv);
		CHECK_EQ(ev.addr, target + w[i].off);
		h_send(&t, "write 0 72623859790382856"); /* back to 0x0102..08: reported */
		next_stop(&ev);
		CHECK(ev.kind == CDBG_EV_WATCHPOINT && ev.bp_id == ids[i], "got %s", u_ev(&ev));
		CHECK(ev.old_value == w[i].newv && ev.new_value == w[i].oldv, "len %u: old %#llx",
		      w[i].len, (unsigned long long)ev.old_value);
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		expect("wrote 0 ", NULL, 0);
		u_stop(p, NULL);
	}
	/* A freed slot takes a new watchpoint again. */
	CHECK(cdbg_bp_remove(p, ids[3]) == 0, "remove: %s", cdbg_errmsg(p));
	for (int i = 0; i < 4; i++)
		ids[i] = hw(target + w[i].off, w[i].len, CDBG_WATCH_WRITE);
	CHECK_EQ(cdbg_bp_insert_hw(p, target, 8, CDBG_WATCH_WRITE, 0), CDBG_ENOSLOT);
	CHECK(cdbg_bp_remove(p, ids[2]) == 0, "remove: %s", cdbg_errmsg(p));
	ids[2] = hw(target, 8, CDBG_WATCH_RW);

	h_note("bad lengths and alignment");
	check_einval(target + 1, 2, CDBG_WATCH_WRITE,
		     "the address must be aligned to the watched length");
	check_einval(target + 4, 8, CDBG_WATCH_RW,
		     "the address must be aligned to the watched length");
	check_einval(target, 3, CDBG_WATCH_WRITE, "x86 debug registers watch 1, 2, 4 or 8 bytes");
	check_einval(target, 2, CDBG_WATCH_EXEC,
		     "a hardware breakpoint covers one instruction (length 1)");

	h_note("detach clears the debug registers");
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "write 3 9");
	h_expect(&t, "wrote 3 9", NULL, 0, 10);
	h_send(&t, "read 2");
	h_expect(&t, "read 2 9", NULL, 0, 10);
	h_send(&t, "spawn");
	h_expect(&t, "spawned 5", NULL, 0, 10);
	h_send(&t, "write 5 10");
	h_expect(&t, "wrote 5 10", NULL, 0, 10);
	h_send(&t, "write 4 11");
	h_expect(&t, "wrote 4 11", NULL, 0, 10);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "done target=11", NULL, 0, 1);
}

/* A hardware execute breakpoint, inherited by threads created after it was set. */
static void exec_breakpoint(void)
{
	struct cdbg_event ev;
	struct cdbg_bp_info bi;
	char line[256];
	uint64_t hit, pc;
	int id, hits = 0;

	h_note("hardware execute breakpoint");
	h_start(&t, "bphits", "2", "3", NULL);
	h_expect(&t, "ready", line, sizeof(line), 10);
	hit = (uint64_t)h_field(line, "hit");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = hw(hit, 1, CDBG_WATCH_EXEC);
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.kind, CDBG_BP_HARDWARE);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			CHECK(ev.bp_id == id && ev.addr == hit, "got %s", u_ev(&ev));
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == hit, "pc %#llx",
			      (unsigned long long)pc);
			hits++;
			CHECK(hits <= 6, "hit %d times: re-triggering", hits);
		} else {
			CHECK(!ev.stopped, "unexpected %s", u_ev(&ev));
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(hits, 6);
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.hits, 6);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "hits=", line, sizeof(line), 1);
	CHECK(h_field(line, "checksum") == h_field(line, "expected"), "%s", line);
}

int main(void)
{
	u_watchdog(30);
	p = u_new();
	multi_write();
	cdbg_free(p);
	p = u_new();
	exec_breakpoint();
	cdbg_free(p);
	return h_pass();
}
