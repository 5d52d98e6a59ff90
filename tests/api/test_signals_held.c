/*
 * test_signals_held: queued realtime signals (with payloads) that arrive while cdbg holds the
 * program or runs code in it are delivered exactly once, with their siginfo. rtsig records each
 * SIGRTMIN+1 by its payload. Proves:
 *   A. 20 signals queued while the program is held, then `break hot` (cdbg maps its scratch
 *      memory with a system call run in a thread) and detach: all 20 arrive, once each;
 *   B. the same with 3 hits of hot (passed silently: policy "pass", as `handle nostop noprint
 *      pass`), delete, detach;
 *   C. a stream from another thread while 10 sessions like B run: every payload arrives once.
 * Each check names the missing payloads. CDBG_TEST_STREAM_SESSIONS overrides C's sessions.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static struct tracee t;
static uint64_t hot;
static atomic_int sent;
static atomic_int stop_sender;

static void queue_one(int v)
{
	union sigval sv = { .sival_int = v };

	while (sigqueue(t.pid, SIGRTMIN + 1, sv) < 0)
		CHECK(errno == EAGAIN, "sigqueue: %s", strerror(errno));
	atomic_store(&sent, v);
}

/* Wait until the program counted n signals; then no payload 1..n is missing or twice. */
static void expect_all(int n, const char *what)
{
	char line[256];
	long rt = -1;

	for (int i = 0; i < 100 && rt < n; i++) {
		h_send(&t, "report");
		h_expect(&t, "rt=", line, sizeof(line), 10);
		rt = h_field(line, "rt");
		if (rt < n)
			h_msleep(50);
	}
	if (rt != n) {
		char cmd[32];
		snprintf(cmd, sizeof(cmd), "missing %d", n);
		h_send(&t, cmd);
		for (;;) {
			h_expect(&t, "", line, sizeof(line), 10);
			if (strncmp(line, "rt=", 3) == 0)
				break;
			h_note("%s: %s", what, line);
		}
	}
	CHECK(rt == n, "%s: %ld realtime signals arrived, %d were sent", what, rt, n);
	CHECK(h_field(line, "dup") == 0 && h_field(line, "bad") == 0, "%s: %s", what, line);
	CHECK(h_field(line, "sum") == (long long)n * (n + 1) / 2, "%s: %s", what, line);
}

static void session(cdbg_proc *p, int queue_from, int queue_n, const char *what)
{
	struct cdbg_event ev;
	int id, hits = 0;

	CHECK(cdbg_attach(p, t.pid) == 0, "%s: attach: %s", what, cdbg_errmsg(p));
	cdbg_set_signal_policy(p, SIGRTMIN + 1, CDBG_SIG_PASS);
	cdbg_set_signal_policy(p, SIGUSR1, CDBG_SIG_PASS);
	for (int v = queue_from; v < queue_from + queue_n; v++)
		queue_one(v);
	id = cdbg_bp_insert(p, hot, 0);
	CHECK(id > 0, "%s: break *hot: %s", what, cdbg_errmsg(p));
	while (hits < 3) {
		CHECK(cdbg_cont(p) == 0, "%s: cont: %s", what, cdbg_errmsg(p));
		for (;;) {
			u_wait(p, &ev, 10000);
			if (ev.kind == CDBG_EV_THREAD_NEW || ev.kind == CDBG_EV_THREAD_EXIT)
				continue;
			CHECK(ev.kind == CDBG_EV_BREAKPOINT, "%s: %s", what, u_ev(&ev));
			hits++;
			break;
		}
	}
	CHECK(cdbg_bp_remove(p, id) == 0, "%s: delete: %s", what, cdbg_errmsg(p));
	CHECK(cdbg_detach(p) == 0, "%s: detach: %s", what, cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "%s: threads left in tracing stop", what);
}

static void *sender_main(void *arg)
{
	struct timespec ts = { 0, 100000 };
	int v = (int)(long)arg;

	while (!atomic_load(&stop_sender)) {
		queue_one(v++);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int main(void)
{
	char line[256];
	cdbg_proc *p = u_new();
	const char *env = getenv("CDBG_TEST_STREAM_SESSIONS");
	int sessions = env && atoi(env) > 0 ? atoi(env) : 10;
	pthread_t sender;

	u_watchdog(60 + 3 * sessions);
	h_start(&t, "rtsig", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	hot = strtoull(strstr(line, "hot=") + 4, NULL, 16);

	/* A: queued while held, then a breakpoint is inserted (scratch memory mapped). */
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	for (int v = 1; v <= 20; v++)
		queue_one(v);
	CHECK(cdbg_bp_insert(p, hot, 0) > 0, "break *hot: %s", cdbg_errmsg(p));
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	expect_all(20, "A (queued while held, break, detach)");

	/* B: queued while held, three hits passed through, delete, detach. */
	session(p, 21, 20, "B (queued, 3 hits)");
	expect_all(40, "B (queued, 3 hits)");

	/* C: a stream while sessions come and go. */
	CHECK(pthread_create(&sender, NULL, sender_main, (void *)41L) == 0, "pthread_create");
	for (int i = 0; i < sessions; i++) {
		char what[64];
		snprintf(what, sizeof(what), "C (stream, session %d)", i);
		session(p, 0, 0, what);
		h_msleep(5);
	}
	atomic_store(&stop_sender, 1);
	pthread_join(sender, NULL);
	expect_all(atomic_load(&sent), "C (stream)");
	h_note("%d signals sent", atomic_load(&sent));

	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
	return h_pass();
}
