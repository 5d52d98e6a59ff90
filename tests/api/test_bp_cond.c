/*
 * test_bp_cond: what decides whether a hit stops. bphits 4 50: thread i calls hit(i) 50 times
 * (x in rdi), 200 calls in all. Proves:
 *   - condition "$rdi == 3": exactly the 50 calls of thread 3 are reported, all in one thread
 *     with rdi 3; cdbg_bp_info: hits 50, the condition text as given;
 *   - ignore count 30 (no condition): 170 reports, hits 200, ignore 30 before and 0 after;
 *     condition plus ignore 10: 40 reports, hits 50 (only hits that count are ignored);
 *   - conditions over memory, casts and the stack ("*(long*)($rsp) != 0 && $rdi >= 0",
 *     "($rsp & 0xf) == 8", the program's own first byte of hit read at $rip, never the int3):
 *     true at every call, 200 reports;
 *   - a condition that cannot be evaluated ("*(int*)0 == 1") stops at the first hit with
 *     CDBG_EV_BREAKPOINT whose message says exactly why; a syntax error or an unknown type in
 *     cdbg_bp_condition fails with CDBG_EBADEXPR and a sentence quoting the expression, and
 *     the old condition stays;
 *   - a temporary breakpoint is reported once, then is gone (CDBG_ENOBP) and the program runs
 *     to its end;
 *   - a disabled breakpoint reports nothing and its int3 is out of memory (/proc/PID/mem shows
 *     the program's byte), enabled again it is back (0xcc in /proc/PID/mem) and reports every
 *     call; cdbg_mem_read shows the program's byte either way; disabling at the first report
 *     drops the hits other threads queued in the same stop (exactly 1 report); disabling and
 *     enabling again at every report loses no hit (200 reports).
 * Every run ends with the program's checksum right and exit 0.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define NT 4
#define M 50

static cdbg_proc *p;
static struct tracee t;
static uint64_t hit;

/* Start bphits 4 50 and attach; the program waits for "go". */
static void start(const char *what)
{
	char line[256], nt[8], m[8];

	h_note("%s", what);
	snprintf(nt, sizeof(nt), "%d", NT);
	snprintf(m, sizeof(m), "%d", M);
	h_start(&t, "bphits", nt, m, NULL);
	h_expect(&t, "ready", line, sizeof(line), 10);
	hit = (uint64_t)h_field(line, "hit");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
}

/* The byte at addr as the process really has it (not filtered by the library). */
static unsigned char real_byte(uint64_t addr)
{
	char path[64];
	unsigned char b = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)t.pid);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0 && pread(fd, &b, 1, (off_t)addr) == 1, "read %s: %s", path, strerror(errno));
	close(fd);
	return b;
}

static unsigned char lib_byte(uint64_t addr)
{
	unsigned char b = 0;

	CHECK(cdbg_mem_read(p, addr, &b, 1) == 1, "read: %s", cdbg_errmsg(p));
	return b;
}

/* What to do at each report. */
enum at_report { CONTINUE, DISABLE, TOGGLE };

/* Let the program go and continue through every report to the end. Returns the reports;
 * rdi_seen gets the set of rdi values (bit i for i) and tids the distinct reporting tids. */
static long run_to_end(int id, enum at_report act, unsigned *rdi_seen, int *ntids)
{
	struct cdbg_event ev;
	pid_t tids[NT + 1];
	char line[256];
	long reports = 0;
	int n = 0;

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			uint64_t rdi = 0, pc = 0;
			CHECK_EQ(ev.bp_id, id);
			CHECK_EQ(ev.addr, hit);
			CHECK(ev.message[0] == '\0', "message '%s'", ev.message);
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == hit, "pc %#llx",
			      (unsigned long long)pc);
			CHECK(cdbg_reg_get(p, ev.tid, "rdi", &rdi) == 0 && rdi < NT, "rdi %llu",
			      (unsigned long long)rdi);
			*rdi_seen |= 1u << rdi;
			int i;
			for (i = 0; i < n && tids[i] != ev.tid; i++)
				;
			if (i == n && n <= NT)
				tids[n++] = ev.tid;
			reports++;
			if (act == DISABLE || act == TOGGLE)
				CHECK(cdbg_bp_enable(p, id, 0) == 0, "disable: %s", cdbg_errmsg(p));
			if (act == TOGGLE)
				CHECK(cdbg_bp_enable(p, id, 1) == 0, "enable: %s", cdbg_errmsg(p));
		} else if (ev.stopped) {
			uint64_t pc = 0;
			int r = cdbg_pc_get(p, ev.tid, &pc);
			h_fail(__FILE__, __LINE__, "unexpected stop",
			       "%s si_code=%d pc=%#llx (%d) "
			       "after %ld reports; hit=%#llx",
			       u_ev(&ev), ev.siginfo.si_code, (unsigned long long)pc, r, reports,
			       (unsigned long long)hit);
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	CHECK_EQ(ev.code, 0);
	h_reaped(&t, ev.code);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "hits=", line, sizeof(line), 1);
	CHECK_EQ(h_field(line, "hits"), NT * M);
	CHECK(h_field(line, "checksum") == h_field(line, "expected"), "%s", line);
	if (ntids)
		*ntids = n;
	return reports;
}

static void info(int id, struct cdbg_bp_info *bi)
{
	CHECK(cdbg_bp_info(p, id, bi) == 0, "info %d: %s", id, cdbg_errmsg(p));
}

static void condition_rdi(void)
{
	struct cdbg_bp_info bi;
	unsigned seen = 0;
	int id, ntids = 0;

	start("condition $rdi == 3");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_condition(p, id, "$rdi == 3") == 0, "condition: %s", cdbg_errmsg(p));
	info(id, &bi);
	CHECK(!strcmp(bi.condition, "$rdi == 3"), "condition '%s'", bi.condition);
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, &ntids), M);
	CHECK_EQ(seen, 1u << 3);
	CHECK_EQ(ntids, 1);
	info(id, &bi);
	CHECK_EQ(bi.hits, M);
}

static void ignore_count(void)
{
	struct cdbg_bp_info bi;
	unsigned seen = 0;
	int id;

	start("ignore 30");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_ignore(p, id, 30) == 0, "ignore: %s", cdbg_errmsg(p));
	info(id, &bi);
	CHECK_EQ(bi.ignore, 30);
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, NULL), NT * M - 30);
	info(id, &bi);
	CHECK_EQ(bi.hits, NT * M);
	CHECK_EQ(bi.ignore, 0);

	start("condition $rdi == 3 and ignore 10");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_condition(p, id, "$rdi == 3") == 0, "condition: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_ignore(p, id, 10) == 0, "ignore: %s", cdbg_errmsg(p));
	seen = 0;
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, NULL), M - 10);
	CHECK_EQ(seen, 1u << 3);
	info(id, &bi);
	CHECK_EQ(bi.hits, M);
}

static void memory_conditions(void)
{
	char cond[160];
	unsigned seen = 0;
	int id, id2;

	start("conditions over memory and casts");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	/* At a function's entry the return address is on top of the stack and rsp is 8 past a
	 * 16-byte boundary; $rip points at the program's byte, never at our int3. */
	snprintf(cond, sizeof(cond),
		 "*(long*)($rsp) != 0 && $rdi >= 0 && (int)$rdi < %d && ($rsp & 0xf) == 8 && "
		 "*(unsigned char *)$rip == %u",
		 NT, lib_byte(hit));
	CHECK(lib_byte(hit) != 0xcc, "the program's first byte of hit reads as int3");
	CHECK(cdbg_bp_condition(p, id, cond) == 0, "condition: %s", cdbg_errmsg(p));
	/* A second one at the same place whose condition is never true. */
	id2 = cdbg_bp_insert(p, hit, 0);
	CHECK(id2 > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_condition(p, id2, "*(unsigned long *)$rsp == 0 || $rdi > 1000") == 0,
	      "condition: %s", cdbg_errmsg(p));
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, NULL), NT * M);
	CHECK_EQ(seen, (1u << NT) - 1);
	struct cdbg_bp_info bi;
	info(id2, &bi);
	CHECK_EQ(bi.hits, 0);
}

static void bad_conditions(void)
{
	struct cdbg_event ev;
	struct cdbg_bp_info bi;
	char want[192];
	int id, r;

	start("conditions that cannot be compiled or evaluated");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_condition(p, id, "$rdi == 1") == 0, "condition: %s", cdbg_errmsg(p));
	r = cdbg_bp_condition(p, id, "$rdi ==");
	CHECK(r == CDBG_EBADEXPR, "syntax error gave %d (%s)", r, cdbg_errname(r));
	CHECK_EQ(cdbg_errcode(p), CDBG_EBADEXPR);
	h_note("syntax error: %s", cdbg_errmsg(p));
	CHECK(!strncmp(cdbg_errmsg(p), "cannot use '$rdi ==' as a condition: ",
		       strlen("cannot use '$rdi ==' as a condition: ")) &&
		      strlen(cdbg_errmsg(p)) > strlen("cannot use '$rdi ==' as a condition: "),
	      "message '%s'", cdbg_errmsg(p));
	r = cdbg_bp_condition(p, id, "(struct foo *)$rdi");
	CHECK(r == CDBG_EBADEXPR, "unknown type gave %d (%s)", r, cdbg_errname(r));
	h_note("unknown type: %s", cdbg_errmsg(p));
	CHECK(strstr(cdbg_errmsg(p), "cannot use '(struct foo *)$rdi' as a condition: ") ==
		      cdbg_errmsg(p),
	      "message '%s'", cdbg_errmsg(p));
	info(id, &bi);
	CHECK(!strcmp(bi.condition, "$rdi == 1"), "condition now '%s'", bi.condition);
	r = cdbg_bp_condition(p, id + 100, "1");
	CHECK(r == CDBG_ENOBP, "condition on no breakpoint gave %d", r);

	/* Reads address 0: evaluating fails at the hit, which then stops and says why. */
	CHECK(cdbg_bp_condition(p, id, "*(int*)0 == 1") == 0, "condition: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	do
		u_wait(p, &ev, 10000);
	while (!ev.stopped);
	CHECK(ev.kind == CDBG_EV_BREAKPOINT && ev.bp_id == id, "got %s", u_ev(&ev));
	snprintf(want, sizeof(want),
		 "cannot evaluate the condition of breakpoint %d: cannot "
		 "access memory at address 0x0",
		 id);
	CHECK(!strcmp(ev.message, want), "message '%s', want '%s'", ev.message, want);
	/* With the condition removed, every call stops; remove the breakpoint to finish. */
	CHECK(cdbg_bp_condition(p, id, NULL) == 0, "condition: %s", cdbg_errmsg(p));
	info(id, &bi);
	CHECK(!strcmp(bi.condition, ""), "condition now '%s'", bi.condition);
	CHECK(cdbg_bp_remove(p, id) == 0, "remove: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_bp_info(p, id, &bi), CDBG_ENOBP);
	/* Hits other threads queued in this stop are dropped with it; nothing else stops. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	do {
		u_wait(p, &ev, 10000);
		CHECK(!ev.stopped, "unexpected %s", u_ev(&ev));
	} while (ev.kind != CDBG_EV_EXITED && ev.kind != CDBG_EV_KILLED);
	CHECK(ev.kind == CDBG_EV_EXITED && ev.code == 0, "got %s", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(h_finish(&t, 10), 0);
}

static void temporary(void)
{
	struct cdbg_bp_info bi;
	unsigned seen = 0;
	int id;

	start("temporary breakpoint");
	id = cdbg_bp_insert(p, hit, CDBG_BP_TEMPORARY);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	info(id, &bi);
	CHECK_EQ(bi.temporary, 1);
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, NULL), 1);
	CHECK_EQ(cdbg_bp_info(p, id, &bi), CDBG_ENOBP);
	CHECK_EQ(cdbg_bp_list(p, NULL, 0), 0);
}

static void enable_disable(void)
{
	unsigned char orig;
	unsigned seen = 0;
	int id;

	start("disabled for the whole run");
	orig = real_byte(hit);
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK_EQ(real_byte(hit), 0xcc);
	CHECK_EQ(lib_byte(hit), orig);
	CHECK(cdbg_bp_enable(p, id, 0) == 0, "disable: %s", cdbg_errmsg(p));
	CHECK_EQ(real_byte(hit), orig);
	CHECK_EQ(lib_byte(hit), orig);
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, NULL), 0);
	struct cdbg_bp_info bi;
	info(id, &bi);
	CHECK_EQ(bi.enabled, 0);
	CHECK_EQ(bi.hits, 0);

	start("disabled, enabled again");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_enable(p, id, 0) == 0, "disable: %s", cdbg_errmsg(p));
	CHECK(cdbg_bp_enable(p, id, 1) == 0, "enable: %s", cdbg_errmsg(p));
	CHECK_EQ(real_byte(hit), 0xcc);
	CHECK_EQ(lib_byte(hit), orig);
	CHECK_EQ(run_to_end(id, CONTINUE, &seen, NULL), NT * M);

	start("disabled at the first report");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK_EQ(run_to_end(id, DISABLE, &seen, NULL), 1);

	start("disabled and enabled again at every report");
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK_EQ(run_to_end(id, TOGGLE, &seen, NULL), NT * M);
}

int main(void)
{
	u_watchdog(30);
	p = u_new();
	condition_rdi();
	ignore_count();
	memory_conditions();
	bad_conditions();
	temporary();
	enable_disable();
	cdbg_free(p);
	return h_pass();
}
