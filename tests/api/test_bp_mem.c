/*
 * test_bp_mem: the bytes under breakpoints, and the breakpoint table's errors. stepper's
 * step_mov is `mov $1,%eax` (b8 01 00 00 00), which step_fn returns. Proves:
 *   - with a breakpoint there, cdbg_mem_read shows b8 01 00 00 00 while the process really has
 *     cc 01 00 00 00 (/proc/PID/mem); cdbg_syscall(getpid) still gives the pid;
 *   - cdbg_mem_write over the breakpoint (b8 07 00 00 00) changes the program's bytes and keeps
 *     the int3 (cc 07 ...); the hit then runs the new instruction: step_fn returns 7;
 *   - a write inside the instruction that does not touch the int3's byte (07 -> 05 at +1)
 *     also reaches the copy that runs out of line: step_fn returns 5;
 *   - two breakpoints at one address: deleting one leaves the int3, deleting both puts the
 *     program's (rewritten) byte back: /proc/PID/mem shows b8 05 00 00 00 and step_fn returns 5
 *     with no report;
 *   - cdbg_bp_list gives the ids in ascending order; errors carry their exact sentence:
 *     unmapped address (CDBG_EBADADDR), running process (CDBG_ERUNNING), unknown id
 *     (CDBG_ENOBP) for remove, enable, condition, ignore and info.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static cdbg_proc *p;
static struct tracee t;
static pid_t tid0;

static void real_bytes(uint64_t addr, unsigned char *b, size_t n)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)t.pid);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0 && pread(fd, b, n, (off_t)addr) == (ssize_t)n, "read %s: %s", path,
	      strerror(errno));
	close(fd);
}

static void expect_bytes(uint64_t addr, const unsigned char *want_lib,
			 const unsigned char *want_real)
{
	unsigned char lib[5], real[5];

	CHECK(cdbg_mem_read(p, addr, lib, 5) == 5, "read: %s", cdbg_errmsg(p));
	real_bytes(addr, real, 5);
	CHECK(!memcmp(lib, want_lib, 5), "cdbg_mem_read: %02x %02x %02x %02x %02x, want %02x ...",
	      lib[0], lib[1], lib[2], lib[3], lib[4], want_lib[0]);
	CHECK(!memcmp(real, want_real, 5),
	      "in the process: %02x %02x %02x %02x %02x, want %02x %02x", real[0], real[1], real[2],
	      real[3], real[4], want_real[0], want_real[1]);
}

static void next_stop(struct cdbg_event *ev)
{
	do
		u_wait(p, ev, 10000);
	while (!ev->stopped && ev->kind != CDBG_EV_EXITED && ev->kind != CDBG_EV_KILLED);
}

/* Worker 0 calls step_fn; expect a hit of id (if id > 0), then the result. */
static void call_step(int id, long want)
{
	struct cdbg_event ev;
	char line[256];

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "call 0 step");
	if (id > 0) {
		next_stop(&ev);
		CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id && ev.tid == tid0, "got %s",
		      u_ev(&ev));
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	h_expect(&t, "result 0 step ", line, sizeof(line), 10);
	CHECK_EQ(strtol(line + strlen("result 0 step "), NULL, 10), want);
	u_stop(p, NULL);
}

static void check_fail(int r, int code, const char *want)
{
	CHECK(r == code, "gave %d (%s), want %s", r, cdbg_errname(r), cdbg_errname(code));
	CHECK(!strcmp(cdbg_errmsg(p), want), "message '%s', want '%s'", cdbg_errmsg(p), want);
}

int main(void)
{
	static const unsigned char mov1[] = { 0xb8, 1, 0, 0, 0 }, int3_1[] = { 0xcc, 1, 0, 0, 0 };
	static const unsigned char mov7[] = { 0xb8, 7, 0, 0, 0 }, int3_7[] = { 0xcc, 7, 0, 0, 0 };
	static const unsigned char mov5[] = { 0xb8, 5, 0, 0, 0 }, int3_5[] = { 0xcc, 5, 0, 0, 0 };
	struct cdbg_bp_info bi;
	struct cdbg_event ev;
	char ready[1024], line[256], want[256];
	unsigned char five = 5;
	uint64_t mov;
	int id, id2, ids[4];

	u_watchdog(30);
	p = u_new();
	h_start(&t, "stepper", NULL);
	h_expect(&t, "worker 0 ", line, sizeof(line), 10);
	tid0 = (pid_t)h_field(line, "tid");
	h_expect(&t, "ready", ready, sizeof(ready), 10);
	mov = (uint64_t)h_field(ready, "step_mov");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));

	h_note("reads and writes under a breakpoint");
	id = cdbg_bp_insert(p, mov, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	expect_bytes(mov, mov1, int3_1);
	/* System calls run for us with breakpoints in (out-of-line copies exist) are right. */
	uint64_t args[6] = { 0 }, ret = 0;
	CHECK(cdbg_syscall(p, tid0, 39 /* getpid */, args, &ret) == 0, "syscall: %s",
	      cdbg_errmsg(p));
	CHECK_EQ(ret, t.pid);
	CHECK(cdbg_mem_write(p, mov, mov7, 5) == 5, "write: %s", cdbg_errmsg(p));
	expect_bytes(mov, mov7, int3_7);
	call_step(id, 7);
	CHECK(cdbg_mem_write(p, mov + 1, &five, 1) == 1, "write: %s", cdbg_errmsg(p));
	expect_bytes(mov, mov5, int3_5);
	call_step(id, 5);

	h_note("two breakpoints at one address");
	id2 = cdbg_bp_insert(p, mov, 0);
	CHECK(id2 > id, "insert: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_bp_list(p, ids, 4), 2);
	CHECK(ids[0] == id && ids[1] == id2, "list %d %d", ids[0], ids[1]);
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
	expect_bytes(mov, mov5, int3_5);
	call_step(id2, 5);
	CHECK(cdbg_bp_remove(p, id2) == 0, "remove: %s", cdbg_errmsg(p));
	expect_bytes(mov, mov5, mov5);
	CHECK_EQ(cdbg_bp_list(p, ids, 4), 0);
	call_step(0, 5);

	h_note("errors");
	check_fail(cdbg_bp_insert(p, 0x1000, 0), CDBG_EBADADDR,
		   "cannot insert a breakpoint at 0x1000: cannot access memory there");
	CHECK_EQ(cdbg_bp_list(p, NULL, 0), 0);
	check_fail(cdbg_bp_remove(p, 999), CDBG_ENOBP,
		   "cannot delete the breakpoint: no breakpoint number 999");
	check_fail(cdbg_bp_enable(p, 999, 0), CDBG_ENOBP,
		   "cannot disable the breakpoint: no breakpoint number 999");
	check_fail(cdbg_bp_condition(p, 999, "1"), CDBG_ENOBP,
		   "cannot set the condition: no breakpoint number 999");
	check_fail(cdbg_bp_ignore(p, 999, 1), CDBG_ENOBP,
		   "cannot set the ignore count: no breakpoint number 999");
	check_fail(cdbg_bp_info(p, 999, &bi), CDBG_ENOBP, "no breakpoint number 999");
	id = cdbg_bp_insert(p, mov, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	snprintf(want, sizeof(want),
		 "cannot insert a breakpoint: process %d is running; interrupt "
		 "it first",
		 (int)t.pid);
	check_fail(cdbg_bp_insert(p, mov, 0), CDBG_ERUNNING, want);
	snprintf(want, sizeof(want),
		 "cannot insert a hardware breakpoint: process %d is running; "
		 "interrupt it first",
		 (int)t.pid);
	check_fail(cdbg_bp_insert_hw(p, mov, 1, CDBG_WATCH_EXEC, 0), CDBG_ERUNNING, want);
	snprintf(want, sizeof(want),
		 "cannot delete the breakpoint: process %d is running; "
		 "interrupt it first",
		 (int)t.pid);
	check_fail(cdbg_bp_remove(p, id), CDBG_ERUNNING, want);
	CHECK(cdbg_bp_info(p, id, &bi) == 0 && bi.addr == mov && bi.enabled, "info: %s",
	      cdbg_errmsg(p));

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
