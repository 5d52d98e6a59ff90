/*
 * test_affinity: a handle belongs to the thread that attached. Proves: from another thread,
 * cdbg_reg_get, cdbg_cont, cdbg_detach, cdbg_mem_read, cdbg_wait, cdbg_interrupt, cdbg_step,
 * cdbg_threads, cdbg_kill and cdbg_attach each fail with CDBG_EWRONGTHREAD and a message that
 * states the rule, and none of them touches the process (still all in tracing stop, no CPU
 * used); cdbg_set_signal_policy and cdbg_free (a process held) fail the same way and
 * cdbg_set_stop_events returns ~0u, each changing nothing; the refusals never touch the
 * handle's own last error (the owner's sentence is the same after); a second thread can
 * meanwhile debug another process with its own handle; the owner can still detach and the
 * program finishes normally.
 */
#include <pthread.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

struct job {
	cdbg_proc *p;
	pid_t pid;       /* the process p holds */
	pid_t other;     /* a second process for the thread's own handle */
	char fail[1024]; /* first failure, "" if none */
};

#define EXPECT_WRONG(j, call, what)                                                                \
	do {                                                                                       \
		long r_ = (long)(call);                                                            \
		if (!(j)->fail[0] && r_ != CDBG_EWRONGTHREAD)                                      \
			snprintf((j)->fail, sizeof((j)->fail),                                     \
				 "%s gave %ld (%s), not "                                          \
				 "CDBG_EWRONGTHREAD: %s",                                          \
				 what, r_, cdbg_errname((int)r_), cdbg_errmsg((j)->p));            \
		else if (!(j)->fail[0] &&                                                          \
			 !strstr(cdbg_errmsg((j)->p), "only from the thread that attached"))       \
			snprintf((j)->fail, sizeof((j)->fail),                                     \
				 "%s: message does not state the "                                 \
				 "rule: '%s'",                                                     \
				 what, cdbg_errmsg((j)->p));                                       \
	} while (0)

static void *other_thread(void *arg)
{
	struct job *j = arg;
	struct cdbg_event ev;
	uint64_t v;
	char b[8];
	char want[400];

	EXPECT_WRONG(j, cdbg_reg_get(j->p, j->pid, "rip", &v), "cdbg_reg_get");
	snprintf(want, sizeof(want),
		 "cannot read registers: this handle belongs to thread %d and "
		 "the kernel accepts ptrace requests only from the thread that attached; call it "
		 "from that thread",
		 (int)getpid());
	if (!j->fail[0] && strcmp(cdbg_errmsg(j->p), want))
		snprintf(j->fail, sizeof(j->fail), "message '%s', want '%s'", cdbg_errmsg(j->p),
			 want);
	EXPECT_WRONG(j, cdbg_cont(j->p), "cdbg_cont");
	EXPECT_WRONG(j, cdbg_detach(j->p), "cdbg_detach");
	EXPECT_WRONG(j, cdbg_mem_read(j->p, 0x1000, b, 8), "cdbg_mem_read");
	EXPECT_WRONG(j, cdbg_mem_write(j->p, 0x1000, b, 8), "cdbg_mem_write");
	EXPECT_WRONG(j, cdbg_wait(j->p, &ev, 0), "cdbg_wait");
	EXPECT_WRONG(j, cdbg_interrupt(j->p), "cdbg_interrupt");
	EXPECT_WRONG(j, cdbg_step(j->p, j->pid), "cdbg_step");
	EXPECT_WRONG(j, cdbg_threads(j->p, NULL, 0), "cdbg_threads");
	EXPECT_WRONG(j, cdbg_kill(j->p), "cdbg_kill");
	EXPECT_WRONG(j, cdbg_attach(j->p, j->other), "cdbg_attach");
	EXPECT_WRONG(j, cdbg_set_signal_policy(j->p, SIGUSR1, 0), "cdbg_set_signal_policy");
	EXPECT_WRONG(j, cdbg_free(j->p), "cdbg_free");
	if (!j->fail[0] && cdbg_set_stop_events(j->p, 0) != ~0u)
		snprintf(j->fail, sizeof(j->fail), "cdbg_set_stop_events was not refused");
	if (!j->fail[0] && cdbg_errcode(j->p) != CDBG_EWRONGTHREAD)
		snprintf(j->fail, sizeof(j->fail), "cdbg_errcode here is %d", cdbg_errcode(j->p));
	if (j->fail[0])
		return NULL;

	/* This thread's own handle on another process works. */
	cdbg_proc *q = u_new();
	int r = cdbg_attach(q, j->other);
	if (r < 0) {
		snprintf(j->fail, sizeof(j->fail), "second thread: attach %d: %s", (int)j->other,
			 cdbg_errmsg(q));
		return NULL;
	}
	int n, total;
	n = h_count_states(j->other, "t", &total);
	if (n != total)
		snprintf(j->fail, sizeof(j->fail), "second thread: %d of %d in tracing stop", n,
			 total);
	else if (cdbg_cont(q) < 0 || cdbg_interrupt(q) < 0 || cdbg_wait(q, &ev, 10000) != 1 ||
		 ev.kind != CDBG_EV_STOPPED)
		snprintf(j->fail, sizeof(j->fail), "second thread: cont/interrupt/wait: %s",
			 cdbg_errmsg(q));
	if (cdbg_detach(q) < 0 && !j->fail[0])
		snprintf(j->fail, sizeof(j->fail), "second thread: detach: %s", cdbg_errmsg(q));
	cdbg_free(q);
	return NULL;
}

int main(void)
{
	struct tracee t, u;
	struct job j;
	pthread_t th;
	char line[256];
	cdbg_proc *p = u_new();
	int n, total;

	u_watchdog(45);
	h_start(&t, "spin", "2", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	h_start(&u, "spin", "1", NULL);
	h_expect(&u, "ready", line, sizeof(line), 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	/* A failure of the owner's own, to find unchanged after the other thread's refusals. */
	CHECK(cdbg_step(p, 1) < 0, "step of thread 1 did not fail");
	char owner_msg[512];
	snprintf(owner_msg, sizeof(owner_msg), "%s", cdbg_errmsg(p));
	int owner_code = cdbg_errcode(p);
	unsigned mask = cdbg_set_stop_events(p, 0);
	cdbg_set_stop_events(p, mask);
	int policy = cdbg_set_signal_policy(p, SIGUSR1, CDBG_SIG_STOP | CDBG_SIG_PASS);

	memset(&j, 0, sizeof(j));
	j.p = p;
	j.pid = t.pid;
	j.other = u.pid;
	CHECK(pthread_create(&th, NULL, other_thread, &j) == 0, "pthread_create");
	pthread_join(th, NULL);
	CHECK(!j.fail[0], "%s", j.fail);
	CHECK(!strcmp(cdbg_errmsg(p), owner_msg) && cdbg_errcode(p) == owner_code,
	      "the owner's last error changed: '%s' (was '%s')", cdbg_errmsg(p), owner_msg);
	CHECK_EQ(cdbg_set_stop_events(p, mask), mask);
	CHECK_EQ(cdbg_set_signal_policy(p, SIGUSR1, policy), CDBG_SIG_STOP | CDBG_SIG_PASS);

	/* Untouched: still held, no CPU used. */
	n = h_count_states(t.pid, "t", &total);
	CHECK(n == total && total == 3, "%d of %d threads in tracing stop", n, total);
	long long c0 = h_cpu_ticks(t.pid);
	h_msleep(200);
	CHECK_EQ(h_cpu_ticks(t.pid), c0);
	CHECK(h_wait_untraced(u.pid, 5), "the second process is still held");

	/* The owner still can do everything. */
	CHECK_EQ(cdbg_threads(p, NULL, 0), 3);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done total=", NULL, 0, 1);
	CHECK_EQ(h_finish(&u, 20), 0);
	h_expect(&u, "done total=", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
