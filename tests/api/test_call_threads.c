/*
 * test_call_threads: 1,000 calls into a multi-threaded program whose threads run between
 * them (call_counter). Each round continues the program for a moment, interrupts it, and
 * calls bump(x) in one of its threads in turn, wherever that thread was stopped (mid-loop in
 * a worker, or main in read()). Proves: each call returns bump's running value (the test
 * computes it too); while a call runs the other threads stay stopped (others_moved() spins
 * 30 ms and sees no worker turn); at the end every worker's integer and double sums match
 * their closed forms (no register, extended state or stack of a thread a call ran in was
 * disturbed) and the shared total is the workers' share plus the x passed to bump.
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

#define NTHREADS 4
#define CALLS 1000

int main(void)
{
	struct tracee t;
	struct cdbg_symbol bump, moved;
	char line[512], n[8];
	cdbg_proc *p;
	pid_t tids[NTHREADS + 1];
	uint64_t acc = 0, sum = 0;
	int nt;

	u_watchdog(100);
	p = u_new();
	snprintf(n, sizeof(n), "%d", NTHREADS);
	h_start(&t, "call_counter", n, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "bump", &bump) == 0, "bump: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "others_moved", &moved) == 0, "others_moved: %s", cdbg_errmsg(p));
	nt = cdbg_threads(p, tids, NTHREADS + 1);
	CHECK_EQ(nt, NTHREADS + 1);

	for (int i = 0; i < CALLS; i++) {
		pid_t tid = tids[i % nt];
		uint64_t x = (uint64_t)(i * 7919 % 1000 + 1);
		struct cdbg_call c = { .func = bump.addr, .args = { x }, .nargs = 1 };

		CHECK(cdbg_call(p, tid, &c) == 0, "call %d in thread %d: %s", i, (int)tid,
		      cdbg_errmsg(p));
		acc = acc * 31 + x;
		sum += x;
		CHECK(c.ret == acc, "call %d in thread %d returned %#llx, want %#llx", i, (int)tid,
		      (unsigned long long)c.ret, (unsigned long long)acc);
		if (i % 100 == 0) {
			c = (struct cdbg_call){ .func = moved.addr, .args = { 30 }, .nargs = 1 };
			CHECK(cdbg_call(p, tid, &c) == 0, "others_moved: %s", cdbg_errmsg(p));
			CHECK(c.ret == 0, "the workers made %llu turns during a call",
			      (unsigned long long)c.ret);
		}
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		if (i % 50 == 0)
			h_msleep(2); /* mostly no pause: the interrupt lands anywhere in the loop */
		u_stop(p, NULL);
	}
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	snprintf(line, sizeof(line), "end %llu", (unsigned long long)sum);
	h_send(&t, line);
	for (int i = 0; i < NTHREADS; i++) {
		h_expect(&t, "worker ", line, sizeof(line), 20);
		CHECK(strstr(line, " ok "), "%s", line);
	}
	h_expect(&t, "checksum ", line, sizeof(line), 20);
	h_note("%s", line);
	CHECK(!strncmp(line, "checksum ok", 11), "%s", line);
	CHECK_EQ(h_field(line, "calls"), CALLS);
	CHECK(strtoull(strstr(line, "acc=") + 4, NULL, 10) == acc, "%s: want acc=%llu", line,
	      (unsigned long long)acc);
	CHECK(strtoull(strstr(line, "debugger=") + 9, NULL, 10) == sum, "%s", line);
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	return h_pass();
}
