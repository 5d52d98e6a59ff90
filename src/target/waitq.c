/*
 * waitq.c - the events handed to the caller: the queue, the SIGCHLD self-pipes that wake timed
 * waits and cdbg_event_fd, and cdbg_wait itself.
 *
 * Owns: p->evq, the wake-up pipes and the process-wide SIGCHLD handler. Must not: act on a wait
 * status (event.c dispatches it) or stop and resume threads (allstop.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/loop.h"

/* ---- the event queue ------------------------------------------------------------------------ */

void loop_evq_push(cdbg_proc *p, enum cdbg_event_kind kind, pid_t tid,
		   const struct cdbg_event *tmpl)
{
	struct cdbg_event ev;

	if (tmpl)
		ev = *tmpl;
	else
		memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.tid = tid;
	ev.stopped = kind != CDBG_EV_EXITED && kind != CDBG_EV_KILLED && loop_stops(p, kind);
	if (p->evq_len == EVQ_MAX) {
		/* Only notices can pile up this far (stopping events stop the process). Keep the
		 * newest; a front-end that does not read notices loses the oldest ones. */
		logw(p, "event queue full: dropping a %s notice",
		     cdbg_event_name(p->evq[p->evq_head].kind));
		p->evq_head = (p->evq_head + 1) % EVQ_MAX;
		p->evq_len--;
	}
	p->evq[(p->evq_head + p->evq_len) % EVQ_MAX] = ev;
	p->evq_len++;
}

/* Drop queued hits of breakpoints deleted or disabled since: their threads' pcs are back at
 * the breakpoint, so they simply run on (gdb's moribund locations). */
void loop_evq_purge_stale(cdbg_proc *p)
{
	size_t n = p->evq_len, kept = 0;

	for (size_t i = 0; i < n; i++) {
		struct cdbg_event ev = p->evq[(p->evq_head + i) % EVQ_MAX];
		if ((ev.kind == CDBG_EV_BREAKPOINT || ev.kind == CDBG_EV_WATCHPOINT ||
		     ev.kind == CDBG_EV_LIBRARIES) &&
		    !bp_still_there(p, ev.bp_id))
			continue;
		p->evq[(p->evq_head + kept++) % EVQ_MAX] = ev;
	}
	p->evq_len = kept;
}

bool loop_evq_has_stop(const cdbg_proc *p)
{
	for (size_t i = 0; i < p->evq_len; i++)
		if (p->evq[(p->evq_head + i) % EVQ_MAX].stopped)
			return true;
	return false;
}

/* ---- SIGCHLD self-pipes, for timed waits and cdbg_event_fd ---------------------------------- */

/* SIGCHLD is one per process, but each handle (one per thread) has its own pipe: the handler
 * writes a byte to every registered pipe, so one handle's drain never eats another's wake-up.
 * A spurious wake-up costs a WNOHANG waitpid that finds nothing. Slots hold write end + 1
 * (0: free); `evpipe_busy` counts handlers running, so a pipe is closed only once no handler
 * can still be writing to its descriptor number. */
#define EVPIPE_MAX 256
static atomic_int evpipe_w[EVPIPE_MAX];
static atomic_int evpipe_busy;
static struct sigaction old_sigchld;
static pthread_once_t sigchld_once = PTHREAD_ONCE_INIT;
static bool sigchld_ok;

static void on_sigchld(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;
	char c = 0;

	atomic_fetch_add(&evpipe_busy, 1);
	for (int i = 0; i < EVPIPE_MAX; i++) {
		int w = atomic_load_explicit(&evpipe_w[i], memory_order_acquire);
		if (w && write(w - 1, &c, 1) < 0) {
			/* Full pipe: a wake-up is already pending. */
		}
	}
	atomic_fetch_sub(&evpipe_busy, 1);
	errno = saved;
	if (old_sigchld.sa_flags & SA_SIGINFO) {
		if (old_sigchld.sa_sigaction)
			old_sigchld.sa_sigaction(sig, si, uc);
	} else if (old_sigchld.sa_handler != SIG_DFL && old_sigchld.sa_handler != SIG_IGN) {
		old_sigchld.sa_handler(sig);
	}
}

static void sigchld_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigchld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART; /* not SA_NOCLDSTOP: ptrace stops must wake us */
	sigemptyset(&sa.sa_mask);
	sigchld_ok = sigaction(SIGCHLD, &sa, &old_sigchld) == 0;
}

/* The handle's wake-up pipe, made and registered on first use; -1 if that failed. */
int loop_evpipe_fd(cdbg_proc *p)
{
	int fds[2];

	pthread_once(&sigchld_once, sigchld_install);
	if (p->evpipe[0] >= 0 || !sigchld_ok)
		return p->evpipe[0];
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	for (int i = 0; i < EVPIPE_MAX; i++) {
		int free_slot = 0;
		if (atomic_compare_exchange_strong(&evpipe_w[i], &free_slot, fds[1] + 1)) {
			p->evpipe[0] = fds[0];
			p->evpipe[1] = fds[1];
			p->evpipe_slot = i;
			return fds[0];
		}
	}
	close(fds[0]);
	close(fds[1]);
	return -1;
}

void loop_evpipe_close(cdbg_proc *p)
{
	if (p->evpipe[0] < 0)
		return;
	atomic_store(&evpipe_w[p->evpipe_slot], 0);
	while (atomic_load(&evpipe_busy))
		sched_yield();
	close(p->evpipe[0]);
	close(p->evpipe[1]);
	p->evpipe[0] = p->evpipe[1] = -1;
}

void loop_evpipe_drain(cdbg_proc *p)
{
	char buf[64];

	if (p->evpipe[0] >= 0)
		while (read(p->evpipe[0], buf, sizeof(buf)) > 0)
			;
}

/* Make the event fd readable: events are queued that cdbg_wait() will hand out at once. */
void loop_evpipe_poke(cdbg_proc *p)
{
	char c = 0;

	if (p->evpipe[1] >= 0 && write(p->evpipe[1], &c, 1) < 0) {
		/* full: already readable */
	}
}

/* ---- waiting ------------------------------------------------------------------------------ */

long loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Pop the next event the caller may have now: notices always, stopping events once every
 * thread is held. */
static bool evq_pop(cdbg_proc *p, struct cdbg_event *ev)
{
again:
	if (!p->evq_len)
		return false;
	*ev = p->evq[p->evq_head];
	p->evq_head = (p->evq_head + 1) % EVQ_MAX;
	p->evq_len--;
	if (ev->kind == CDBG_EV_LIBRARIES) {
		if (!bp_still_there(p, ev->bp_id))
			goto again;
		cdbg__hooks_run(p, CDBG__HOOK_LIBRARIES);
	}
	if (ev->kind == CDBG_EV_BREAKPOINT || ev->kind == CDBG_EV_WATCHPOINT) {
		/* Deleted or disabled since the hit was queued: the thread's pc is already back at
		 * the breakpoint, so it simply runs on (gdb's moribund locations). */
		if (!bp_still_there(p, ev->bp_id))
			goto again;
		if (ev->stopped) /* a notice's thread may still be inside the breakpoint's copy */
			bp_after_report(p, ev->bp_id);
	}
	if (ev->kind == CDBG_EV_EXITED || ev->kind == CDBG_EV_KILLED)
		p->pid = 0;
	return true;
}

int cdbg_wait(cdbg_proc *p, struct cdbg_event *ev, int timeout_ms)
{
	long deadline = timeout_ms > 0 ? loop_now_ms() + timeout_ms : 0;
	struct raw_event raw;
	int status, r;
	pid_t tid;

	if ((r = cdbg__check_owner(p, "wait for an event")) < 0)
		return r;
	if (!p->pid)
		return cdbg__fail(p, CDBG_ENOPROC, "cannot wait: no process is being debugged");
	if (p->core)
		return loop_require_live(p, "wait for an event");
	if (timeout_ms > 0)
		loop_evpipe_fd(p);
	for (;;) {
		if (p->follow_pid && p->all_stopped && !p->exited)
			loop_follow_child(p); /* follow.c: the fork came during an all-stop */
		if (evq_pop(p, ev)) {
			if (p->evq_len)
				loop_evpipe_poke(p);
			return 1;
		}
		if (p->all_stopped)
			return cdbg__fail(
				p, CDBG_EBADSTATE,
				"cannot wait: process %d is stopped and nothing will happen "
				"until it is resumed; continue or step it first",
				(int)p->pid);
		loop_evpipe_drain(p);
		tid = loop_wait_any(&status, timeout_ms < 0 ? 0 : WNOHANG);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			return cdbg__fail(p, -errno, "cannot wait for process %d: %s", (int)p->pid,
					  cdbg__errstr(errno));
		}
		if (tid == 0) {
			long left = deadline - loop_now_ms();
			struct pollfd pfd = { p->evpipe[0], POLLIN, 0 };
			if (timeout_ms == 0 || left <= 0)
				return 0;
			poll(&pfd, 1, (int)(left > INT_MAX ? INT_MAX : left));
			continue;
		}
		loop_next_event(p, tid, status, &raw);
		if (loop_dispatch_event(p, &raw, false) && !p->exited) {
			r = loop_stop_all(p);
			if (r < 0)
				return r;
			if (p->follow_pid && !p->exited)
				loop_follow_child(p); /* follow.c: a fork handed over to its child */
			/* Held only to step a breakpoint in place: nothing to report, carry on. */
			if (!p->exited && !loop_evq_has_stop(p))
				loop_resume_all(p);
		}
		/* Events handled inside (hits of false conditions, signals passed silently) can come
		 * without pause: a timed wait still returns at its deadline, so that the caller can
		 * look at its terminal or a Ctrl-C. */
		if (timeout_ms > 0 && !p->evq_len && loop_now_ms() >= deadline)
			return 0;
	}
}

int cdbg_event_fd(cdbg_proc *p)
{
	int r = cdbg__check_owner(p, "get the event descriptor");
	int fd;

	if (r < 0)
		return r;
	fd = loop_evpipe_fd(p);
	if (fd < 0)
		return cdbg__fail(p, -EMFILE,
				  "cannot create the event descriptor: out of descriptors");
	if (p->evq_len)
		loop_evpipe_poke(p);
	return fd;
}
