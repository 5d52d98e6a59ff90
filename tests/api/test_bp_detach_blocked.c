/*
 * test_bp_detach_blocked: detach while threads sit in a system call that they entered from the
 * library's out-of-line copy. stepper's threads wait in read(). The test puts a breakpoint on
 * the `syscall` instruction of that read (two bytes before a waiting worker's pc); on continuing,
 * each waiting thread restarts its read, hits the breakpoint, and is continued through: it
 * re-enters read() from the copy in the scratch mapping and blocks there. Then: interrupt,
 * detach. Proves:
 *   - the breakpoint is reported in the workers (the restarted call executes the breakpointed
 *     instruction), and after continuing every thread is blocked again;
 *   - after detach no thread is left to return into memory that is gone: every thread is
 *     untraced, every thread waiting in a system call will return to executable memory (the
 *     user pc in /proc/PID/task/TID/syscall), no anonymous r-xp 64 KiB mapping of ours is
 *     left; both workers serve commands ("result 0 step 1", "result 1 step 1"), the main
 *     thread reads stdin, the program prints "done" and exits 0 (no SIGSEGV).
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

/* Is thread tid in read() (system call 0, per /proc)? */
static bool in_read(pid_t tid)
{
	return h_syscall(tid, NULL, NULL) == 0;
}

static void wait_in_read(pid_t tid)
{
	CHECK(h_wait_in_syscall(tid, 0, 10), "thread %d is not in read()", (int)tid);
}

/* Anonymous r-xp mappings of 64 KiB (the library's scratch). */
static int scratch_maps(pid_t pid)
{
	char path[64], line[512], perms[8], rest[256];
	unsigned long lo, hi;
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof(line), f)) {
		rest[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255[^\n]", &lo, &hi, perms, rest) >= 3 &&
		    !strcmp(perms, "r-xp") && !rest[0] && hi - lo == 65536)
			n++;
	}
	fclose(f);
	return n;
}

/* The user pc a thread blocked in a system call returns to, 0 if not in one. */
static uint64_t syscall_pc(pid_t tid)
{
	uint64_t pc = 0;

	return h_syscall(tid, NULL, &pc) >= 0 ? pc : 0;
}

/* Is addr inside an executable mapping of pid? */
static bool executable(pid_t pid, uint64_t addr)
{
	char path[64], line[512], perms[8];
	unsigned long lo, hi;
	bool yes = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (!yes && fgets(line, sizeof(line), f))
		yes = sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && addr >= lo &&
		      addr < hi && perms[2] == 'x';
	fclose(f);
	return yes;
}

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[1024];
	unsigned char insn[2];
	pid_t tid[2];
	uint64_t pc = 0, sc;
	int id, hits[2] = { 0, 0 };
	cdbg_proc *p;

	u_watchdog(30);
	signal(SIGPIPE, SIG_IGN); /* a dead program's stdin fails the test, not kills it */
	p = u_new();
	h_start(&t, "stepper", NULL);
	for (int k = 0; k < 2; k++) {
		char want[32];
		snprintf(want, sizeof(want), "worker %d ", k);
		h_expect(&t, want, line, sizeof(line), 10);
		tid[k] = (pid_t)h_field(line, "tid");
	}
	h_expect(&t, "ready", line, sizeof(line), 10);
	wait_in_read(tid[0]);
	wait_in_read(tid[1]);
	CHECK_EQ(scratch_maps(t.pid), 0);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_pc_get(p, tid[0], &pc) == 0, "pc: %s", cdbg_errmsg(p));
	sc = pc - 2;
	CHECK(cdbg_mem_read(p, sc, insn, 2) == 2 && insn[0] == 0x0f && insn[1] == 0x05,
	      "no syscall instruction before worker 0's pc %#llx", (unsigned long long)pc);
	id = cdbg_bp_insert(p, sc, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));

	/* Each waiting worker restarts its read at the breakpoint: report, continue through. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	while (hits[0] == 0 || hits[1] == 0) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			CHECK(ev.bp_id == id, "got %s", u_ev(&ev));
			if (ev.tid == tid[0] || ev.tid == tid[1])
				hits[ev.tid == tid[1]]++;
		} else {
			CHECK(!ev.stopped, "unexpected %s", u_ev(&ev));
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	/* Both go back into read(), entered from the copy (the main thread may hit the
	 * breakpoint too, if its read shares the code: continued through as well). */
	long deadline = u_now_ms() + 10000;
	while (!in_read(tid[0]) || !in_read(tid[1])) {
		CHECK(u_now_ms() < deadline, "the workers are not back in read()");
		int r = cdbg_wait(p, &ev, 20);
		CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
		if (r == 1) {
			CHECK(ev.kind == CDBG_EV_BREAKPOINT || !ev.stopped, "unexpected %s",
			      u_ev(&ev));
			if (ev.stopped)
				CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		}
	}
	u_stop(p, NULL);
	uint64_t pc0 = 0, pc1 = 0;
	CHECK(cdbg_pc_get(p, tid[0], &pc0) == 0 && cdbg_pc_get(p, tid[1], &pc1) == 0, "pc: %s",
	      cdbg_errmsg(p));
	h_note("workers wait at %#llx and %#llx (the program's syscall is at %#llx)",
	       (unsigned long long)pc0, (unsigned long long)pc1, (unsigned long long)sc);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	if (!h_wait_untraced(t.pid, 10)) {
		pid_t ts[16];
		int n = u_tasks(t.pid, ts, 16);
		for (int k = 0; k < n; k++)
			fprintf(stderr, "  thread %d: '%c' TracerPid %ld\n", (int)ts[k],
				u_task_state(t.pid, ts[k]),
				u_task_status(t.pid, ts[k], "TracerPid"));
		CHECK(0, "threads still in tracing stop 10 s after detach");
	}
	CHECK_EQ(scratch_maps(t.pid), 0);
	/* Every thread waiting in a system call returns to code that exists. */
	pid_t ts[16];
	int nt = u_tasks(t.pid, ts, 16);
	for (int k = 0; k < nt; k++) {
		uint64_t back = syscall_pc(ts[k]);
		CHECK(!back || executable(t.pid, back),
		      "after detach thread %d waits in a system "
		      "call that returns to %#llx, which is not executable memory any more",
		      (int)ts[k], (unsigned long long)back);
	}

	h_send(&t, "call 0 step");
	h_send(&t, "call 1 step");
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "result 0 step 1 ", NULL, 0, 1);
	h_expect(&t, "result 1 step 1 ", NULL, 0, 1);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
