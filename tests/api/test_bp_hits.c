/*
 * test_bp_hits: a breakpoint on a function that 8 threads call M times each, continued through
 * at every hit. Proves: exactly 8*M hits are reported (none lost, none doubled), each names the
 * breakpoint and a thread of the program with the pc at the breakpoint; the program's own
 * checksum is right and it exits 0 (no thread died of SIGTRAP); memory read through the
 * library shows the program's byte, not the int3, while the breakpoint is in.
 */
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"

#define NT 8
#define M 300

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256], nt[8], m[8];
	cdbg_proc *p = cdbg_new();
	uint64_t hit, pc;
	unsigned char orig, now;
	long hits = 0;
	int id;

	snprintf(nt, sizeof(nt), "%d", NT);
	snprintf(m, sizeof(m), "%d", M);
	h_start(&t, "bphits", nt, m, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	hit = (uint64_t)h_field(line, "hit");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_mem_read(p, hit, &orig, 1) == 1, "read: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_mem_read(p, hit, &now, 1) == 1 && now == orig,
	      "memory shows %#x at the breakpoint, the program has %#x", now, orig);
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		CHECK(cdbg_wait(p, &ev, 30000) == 1, "wait: %s", cdbg_errmsg(p));
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			CHECK_EQ(ev.bp_id, id);
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == hit, "pc %#llx tid %d: %s",
			      (unsigned long long)pc, (int)ev.tid, cdbg_errmsg(p));
			hits++;
		} else {
			CHECK(!ev.stopped || ev.kind != CDBG_EV_SIGNAL,
			      "unexpected signal %d in %d", ev.signo, (int)ev.tid);
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK_EQ(ev.kind, CDBG_EV_EXITED);
	CHECK_EQ(ev.code, 0);
	h_reaped(&t, ev.code);
	CHECK_EQ(hits, NT * M);
	struct cdbg_bp_info bi;
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info");
	CHECK_EQ(bi.hits, NT * M);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "hits=", line, sizeof(line), 1);
	CHECK(h_field(line, "checksum") == h_field(line, "expected"), "%s", line);
	cdbg_free(p);
	return h_pass();
}
