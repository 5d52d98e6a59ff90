/*
 * test_event_fd_two: two handles on two threads, each debugging its own process and waiting on
 * its own cdbg_event_fd with poll. SIGCHLD is one per process; each handle must still see its
 * own wake-ups: one handle's cdbg_wait draining its pipe must not eat the other's. Each of 40
 * rounds: one program (the victim's, alternating) gets a SIGUSR1 and stops in it; then the other
 * thread calls cdbg_wait(p, &ev, 0) (which drains its wake-up pipe and finds nothing); then the
 * victim's thread polls its event fd. Proves: the poll says readable (within a generous 10 s)
 * and cdbg_wait(0) hands out the SIGNAL event; at the end each program counted every SIGUSR1
 * once.
 */
#include <poll.h>
#include <pthread.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define ROUNDS 40

struct side {
	int me; /* 0 or 1: the victim in rounds i with i % 2 == me */
	struct tracee t;
	pthread_barrier_t *go;
	int rounds_done; /* rounds whose three barriers were passed */
	char fail[512];
};

/* Poll fd until readable; false after 10 s. The SIGCHLD handler may run on this thread. */
static bool readable(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int n;

	while ((n = poll(&pfd, 1, 10000)) < 0 && errno == EINTR)
		;
	return n == 1;
}

static void *side_main(void *arg)
{
	struct side *s = arg;
	struct cdbg_event ev;
	cdbg_proc *p = u_new();
	int fd, r;

	if (cdbg_attach(p, s->t.pid) < 0) {
		snprintf(s->fail, sizeof(s->fail), "attach: %s", cdbg_errmsg(p));
		goto out;
	}
	fd = cdbg_event_fd(p);
	if (fd < 0 || cdbg_cont(p) < 0) {
		snprintf(s->fail, sizeof(s->fail), "event fd/cont: %s", cdbg_errmsg(p));
		goto out_detach;
	}
	for (int i = 0; i < ROUNDS; i++) {
		pthread_barrier_wait(s->go); /* main sends the signal and sees it stop the victim */
		pthread_barrier_wait(s->go);
		if (i % 2 != s->me) {
			/* The bystander: drain (its own pipe) and find nothing. */
			r = cdbg_wait(p, &ev, 0);
			if (r != 0 && !(r == 1 && !ev.stopped))
				snprintf(s->fail, sizeof(s->fail),
					 "round %d: bystander got %d (%s)", i, r,
					 r == 1 ? u_ev(&ev) : cdbg_errmsg(p));
		}
		pthread_barrier_wait(s->go);
		s->rounds_done = i + 1;
		if (s->fail[0])
			goto out_detach;
		if (i % 2 != s->me)
			continue;
		for (;;) {
			if (!readable(fd)) {
				r = cdbg_wait(p, &ev, 0);
				snprintf(s->fail, sizeof(s->fail),
					 "round %d: the event fd did not become "
					 "readable, yet an event was %s",
					 i, r == 1 ? "there" : "not there");
				goto out_detach;
			}
			r = cdbg_wait(p, &ev, 0);
			if (r < 0) {
				snprintf(s->fail, sizeof(s->fail), "round %d: wait: %s", i,
					 cdbg_errmsg(p));
				goto out_detach;
			}
			if (r == 1 && ev.kind == CDBG_EV_SIGNAL)
				break;
			if (r == 1 && ev.stopped) {
				snprintf(s->fail, sizeof(s->fail), "round %d: unexpected %s", i,
					 u_ev(&ev));
				goto out_detach;
			}
		}
		if (cdbg_cont(p) < 0) {
			snprintf(s->fail, sizeof(s->fail), "round %d: cont: %s", i, cdbg_errmsg(p));
			goto out_detach;
		}
	}
out_detach:
	if (cdbg_detach(p) < 0 && !s->fail[0])
		snprintf(s->fail, sizeof(s->fail), "detach: %s", cdbg_errmsg(p));
out:
	/* After a failure, let the main thread's rounds go on to the end. */
	for (int i = s->rounds_done; i < ROUNDS; i++)
		for (int b = 0; b < 3; b++)
			pthread_barrier_wait(s->go);
	cdbg_free(p);
	return NULL;
}

int main(void)
{
	struct side sides[2] = { { .me = 0 }, { .me = 1 } };
	pthread_barrier_t go;
	pthread_t th[2];
	char line[256];

	u_watchdog(120);
	pthread_barrier_init(&go, NULL, 3);
	for (int k = 0; k < 2; k++) {
		h_start(&sides[k].t, "sigcount", NULL);
		h_expect(&sides[k].t, "ready", line, sizeof(line), 20);
		sides[k].go = &go;
	}
	for (int k = 0; k < 2; k++)
		CHECK(pthread_create(&th[k], NULL, side_main, &sides[k]) == 0, "pthread_create");
	for (int i = 0; i < ROUNDS; i++) {
		pid_t victim = sides[i % 2].t.pid;
		pthread_barrier_wait(&go);
		kill(victim, SIGUSR1);
		/* Until a thread of the victim sits in the signal's stop (its SIGCHLD was sent). */
		for (int n = 0; n < 2000 && h_count_states(victim, "t", NULL) == 0; n++)
			h_msleep(1);
		pthread_barrier_wait(&go);
		pthread_barrier_wait(&go);
	}
	for (int k = 0; k < 2; k++) {
		pthread_join(th[k], NULL);
		CHECK(!sides[k].fail[0], "handle %d: %s", k, sides[k].fail);
	}
	for (int k = 0; k < 2; k++) {
		h_send(&sides[k].t, "report");
		h_expect(&sides[k].t, "usr1 ", line, sizeof(line), 10);
		CHECK(atoi(line + 5) == ROUNDS / 2, "program %d: %s", k, line);
		CHECK_EQ(h_finish(&sides[k].t, 20), 0);
	}
	return h_pass();
}
