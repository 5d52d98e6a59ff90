/*
 * test_bp_two_threads: hits of several threads that meet in one all-stop. bphits 8 M, one
 * breakpoint on hit, continued through. Proves:
 *   - after every CDBG_EV_BREAKPOINT, every thread of the process is in tracing stop ('t' in
 *     /proc/PID/task/TID/stat), except a worker that finished: past its exit stop (listed as
 *     exiting by cdbg_thread_info) or dead; and the reporting thread's pc is hit;
 *   - hits of threads that trapped in the same all-stop are all reported, one at a time, with
 *     cdbg_cont resuming nobody while one is still queued (a thread seen at hit at one stop is
 *     the one reported next, many times over); more than one distinct thread is reported,
 *     each of the 8 threads exactly M times (thread i calls hit M times), 8*M in all;
 *   - reading the registers of every thread at every stop (as a front-end listing threads
 *     does) changes nothing: a thread stopped at hit before executing the int3 still hits it
 *     afterwards, so no hit is lost;
 *   - the program's checksum is right and it exits 0.
 */
#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define NT 8
#define M 150

/* Every thread of pid is in tracing stop, or past its exit stop on its way out (the library
 * lists it as exiting; it cannot be stopped any more), or dead. */
static void all_held(cdbg_proc *p, pid_t pid, long nev, pid_t reporter)
{
	struct cdbg_thread_info ti;
	pid_t ts[64];
	int n = u_tasks(pid, ts, 64);

	for (int k = 0; k < n; k++) {
		char st = u_task_state(pid, ts[k]);
		if (st == 't' || st == 'Z' || st == 'X' || st == '?')
			continue;
		int r = cdbg_thread_info(p, ts[k], &ti);
		CHECK(r == 0 && ti.state == CDBG_THREAD_EXITING,
		      "after breakpoint event %ld (thread %d) thread %d is '%c' in /proc and %s in "
		      "the library",
		      nev, (int)reporter, (int)ts[k], st,
		      r                               ? "unknown" :
		      ti.state == CDBG_THREAD_RUNNING ? "running" :
		      ti.state == CDBG_THREAD_STOPPED ? "stopped" :
							"a zombie");
	}
}

int main(void)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256], nt[8], m[8];
	pid_t tids[64], seen[NT];
	long per[NT] = { 0 }, total = 0, at_hit_unreported = 0, same_stop = 0;
	pid_t waiting[64]; /* threads other than the reporter at hit at the last stop */
	int nwaiting = 0;
	int nseen = 0, id;
	uint64_t hit, pc;
	cdbg_proc *p;

	u_watchdog(30);
	p = u_new();
	snprintf(nt, sizeof(nt), "%d", NT);
	snprintf(m, sizeof(m), "%d", M);
	h_start(&t, "bphits", nt, m, NULL);
	h_expect(&t, "ready", line, sizeof(line), 10);
	hit = (uint64_t)h_field(line, "hit");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id = cdbg_bp_insert(p, hit, 0);
	CHECK(id > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			int i;
			all_held(p, t.pid, total + 1, ev.tid);
			CHECK_EQ(ev.bp_id, id);
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == hit, "pc %#llx in %d",
			      (unsigned long long)pc, (int)ev.tid);
			for (i = 0; i < nseen && seen[i] != ev.tid; i++)
				;
			if (i == nseen) {
				CHECK(nseen < NT, "a %dth thread %d reported", nseen + 1,
				      (int)ev.tid);
				seen[nseen++] = ev.tid;
			}
			per[i]++;
			total++;
			/* A thread that sat at hit at the last stop is reported now: its hit was
			 * queued in that all-stop (nobody ran in between). */
			for (int k = 0; k < nwaiting; k++)
				same_stop += waiting[k] == ev.tid;
			/* Every thread's registers, as a thread list would show them. */
			int n = cdbg_threads(p, tids, 64);
			nwaiting = 0;
			for (int k = 0; k < n && k < 64; k++) {
				if (cdbg_pc_get(p, tids[k], &pc) == 0 && pc == hit &&
				    tids[k] != ev.tid) {
					at_hit_unreported++;
					waiting[nwaiting++] = tids[k];
				}
			}
		} else {
			CHECK(!ev.stopped, "unexpected %s", u_ev(&ev));
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	CHECK_EQ(ev.code, 0);
	h_reaped(&t, ev.code);
	h_note("threads at hit while another was reported: %ld; reported next: %ld",
	       at_hit_unreported, same_stop);
	CHECK(nseen > 1, "only %d thread reported", nseen);
	CHECK(same_stop > 0, "no two hits were ever reported from one all-stop");
	for (int i = 0; i < nseen; i++)
		CHECK(per[i] == M, "thread %d reported %ld times, want %d", (int)seen[i], per[i],
		      M);
	CHECK_EQ(nseen, NT);
	CHECK_EQ(total, NT * M);
	struct cdbg_bp_info bi;
	CHECK(cdbg_bp_info(p, id, &bi) == 0, "info: %s", cdbg_errmsg(p));
	CHECK_EQ(bi.hits, NT * M);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "hits=", line, sizeof(line), 1);
	CHECK(h_field(line, "checksum") == h_field(line, "expected"), "%s", line);
	cdbg_free(p);
	return h_pass();
}
