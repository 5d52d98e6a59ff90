/*
 * loop.c - the event loop: the only module that calls ptrace or waitpid.
 *
 * Owns: taking hold of a process (seize + interrupt every thread, or launch), turning wait
 * statuses into typed records (next_event), acting on them (dispatch_event), all-stop, resume,
 * single-step, detach and kill, and the register fetch/store requests other modules need.
 * Must not: parse /proc (procfs.c), touch memory contents (memory.c), or print.
 *
 * Threads are seized (PTRACE_SEIZE) and stopped with PTRACE_INTERRUPT: no SIGSTOP is ever sent,
 * so every SIGSTOP a tracee reports came from someone else and is honoured. Interrupts follow
 * the kernel's rule (ptrace_stop: "any trap clears pending STOP trap"): a thread that reports
 * another stop (a signal, a clone) has lost our interrupt, so a thread resumed while we gather
 * stops is interrupted again. An interrupt sent to a thread that was already sitting in an
 * unreported stop survives that stop and fires after the thread is resumed: an interrupt stop
 * that arrives while we want the thread running is absorbed by resuming it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <elf.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/internal.h"
#include "janitor/janitor.h"

#define TRACE_OPTS                                                                                 \
	(PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |      \
	 PTRACE_O_TRACEEXIT | PTRACE_O_TRACEVFORKDONE)
#define PF_KTHREAD 0x00200000UL
/* Events that always stop the process: the caller must look before anything runs on. */
#define ALWAYS_STOP                                                                                \
	((1u << CDBG_EV_STOPPED) | (1u << CDBG_EV_STEP) | (1u << CDBG_EV_SIGNAL) |                  \
	 (1u << CDBG_EV_BREAKPOINT) | (1u << CDBG_EV_WATCHPOINT) | (1u << CDBG_EV_LIBRARIES))

/* The handle this thread holds a process with: the kernel routes a thread's tracees' events to
 * any waitpid(-1) it makes, so one thread can drive one process at a time. */
static __thread cdbg_proc *owned_live;

/* ---- the one ptrace wrapper ------------------------------------------------------------------ */

static const char *req_name(int req)
{
	switch (req) {
	case PTRACE_SEIZE: return "SEIZE";
	case PTRACE_INTERRUPT: return "INTERRUPT";
	case PTRACE_CONT: return "CONT";
	case PTRACE_LISTEN: return "LISTEN";
	case PTRACE_DETACH: return "DETACH";
	case PTRACE_SINGLESTEP: return "SINGLESTEP";
	case PTRACE_GETEVENTMSG: return "GETEVENTMSG";
	case PTRACE_GETSIGINFO: return "GETSIGINFO";
	case PTRACE_GETREGSET: return "GETREGSET";
	case PTRACE_SETREGSET: return "SETREGSET";
	case PTRACE_PEEKUSER: return "PEEKUSER";
	case PTRACE_POKEUSER: return "POKEUSER";
	case PTRACE_SETSIGINFO: return "SETSIGINFO";
	case PTRACE_GETSIGMASK: return "GETSIGMASK";
	case PTRACE_SETSIGMASK: return "SETSIGMASK";
	default: return "?";
	}
}

/* Every ptrace request goes through here: refuse a caller that is not the owner before the
 * kernel sees it, log the request and its result, and return -errno on failure. */
static long pt(cdbg_proc *p, int req, pid_t tid, void *addr, void *data)
{
	long r;

	if (!pthread_equal(pthread_self(), p->owner))
		return CDBG_EWRONGTHREAD;
	errno = 0;
	r = ptrace((enum __ptrace_request)req, tid, addr, data);
	if (r == -1 && errno) {
		r = -errno;
		logt(p, "ptrace(%s, %d) = %s", req_name(req), (int)tid, cdbg_errname((int)r));
	} else {
		logt(p, "ptrace(%s, %d, %#lx) = %ld", req_name(req), (int)tid, (unsigned long)data, r);
	}
	return r;
}

/* waitpid for any tracee of this thread (__WNOTHREAD: not another thread's). */
static pid_t wait_any(int *status, int flags)
{
	return waitpid(-1, status, __WALL | __WNOTHREAD | flags);
}

static void apply_debugregs_one(cdbg_proc *p, struct thread *t);
static int step_raw(cdbg_proc *p, struct thread *t);
static void bp_return_note(cdbg_proc *p, uint64_t addr, uint64_t sp);
static bool bp_return_take(cdbg_proc *p, uint64_t addr, uint64_t sp);
static struct thread *injectable_thread(cdbg_proc *p);
static bool dispatch_event(cdbg_proc *p, const struct raw_event *ev, bool stopping);

/* ---- the event queue ------------------------------------------------------------------------ */

static void evq_push(cdbg_proc *p, enum cdbg_event_kind kind, pid_t tid, const struct cdbg_event *tmpl)
{
	struct cdbg_event ev;

	if (tmpl)
		ev = *tmpl;
	else
		memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.tid = tid;
	ev.stopped = kind != CDBG_EV_EXITED && kind != CDBG_EV_KILLED && (p->stop_mask & (1u << kind));
	if (p->evq_len == EVQ_MAX) {
		/* Only notices can pile up this far (stopping events stop the process). Keep the
		 * newest; a front-end that does not read notices loses the oldest ones. */
		logw(p, "event queue full: dropping a %s notice", cdbg_event_name(p->evq[p->evq_head].kind));
		p->evq_head = (p->evq_head + 1) % EVQ_MAX;
		p->evq_len--;
	}
	p->evq[(p->evq_head + p->evq_len) % EVQ_MAX] = ev;
	p->evq_len++;
}

/* Drop queued hits of breakpoints deleted or disabled since: their threads' pcs are back at
 * the breakpoint, so they simply run on (gdb's moribund locations). */
static void evq_purge_stale(cdbg_proc *p)
{
	size_t n = p->evq_len, kept = 0;

	for (size_t i = 0; i < n; i++) {
		struct cdbg_event ev = p->evq[(p->evq_head + i) % EVQ_MAX];
		if ((ev.kind == CDBG_EV_BREAKPOINT || ev.kind == CDBG_EV_WATCHPOINT ||
		     ev.kind == CDBG_EV_LIBRARIES) && !bp_still_there(p, ev.bp_id))
			continue;
		p->evq[(p->evq_head + kept++) % EVQ_MAX] = ev;
	}
	p->evq_len = kept;
}

static bool evq_has_stop(const cdbg_proc *p)
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
static int evpipe_fd(cdbg_proc *p)
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

static void evpipe_close(cdbg_proc *p)
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

static void evpipe_drain(cdbg_proc *p)
{
	char buf[64];

	if (p->evpipe[0] >= 0)
		while (read(p->evpipe[0], buf, sizeof(buf)) > 0)
			;
}

/* Make the event fd readable: events are queued that cdbg_wait() will hand out at once. */
static void evpipe_poke(cdbg_proc *p)
{
	char c = 0;

	if (p->evpipe[1] >= 0 && write(p->evpipe[1], &c, 1) < 0) {
		/* full: already readable */
	}
}

/* ---- turning a wait status into a record ----------------------------------------------------- */

/* next_event: one wait status of tid -> a typed record, fetching what the kernel keeps aside
 * (event message, siginfo) while the thread is still stopped. */
static void next_event(cdbg_proc *p, pid_t tid, int status, struct raw_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->tid = tid;
	ev->status = status;
	if (WIFEXITED(status)) {
		ev->kind = RAW_EXITED;
		ev->sig = 0;
		return;
	}
	if (WIFSIGNALED(status)) {
		ev->kind = RAW_KILLED;
		ev->sig = WTERMSIG(status);
		return;
	}
	ev->sig = WSTOPSIG(status);
	switch (status >> 16) {
	case 0:
		ev->kind = RAW_SIGNAL;
		if (pt(p, PTRACE_GETSIGINFO, tid, NULL, &ev->si) < 0) {
			/* Killed meanwhile (SIGKILL needs no stop); keep the signal number. */
			memset(&ev->si, 0, sizeof(ev->si));
			ev->si.si_signo = ev->sig;
		}
		return;
	case PTRACE_EVENT_STOP:
		ev->kind = (ev->sig == SIGSTOP || ev->sig == SIGTSTP || ev->sig == SIGTTIN ||
			    ev->sig == SIGTTOU) ? RAW_GROUP_STOP : RAW_INTERRUPT;
		return;
	case PTRACE_EVENT_CLONE: ev->kind = RAW_CLONE; break;
	case PTRACE_EVENT_FORK: ev->kind = RAW_FORK; break;
	case PTRACE_EVENT_VFORK: ev->kind = RAW_VFORK; break;
	case PTRACE_EVENT_EXEC: ev->kind = RAW_EXEC; break;
	case PTRACE_EVENT_EXIT: ev->kind = RAW_EXIT_STOP; break;
	case PTRACE_EVENT_VFORK_DONE: ev->kind = RAW_VFORK_DONE; break;
	default: ev->kind = RAW_OTHER_EVENT; return;
	}
	if (pt(p, PTRACE_GETEVENTMSG, tid, NULL, &ev->msg) < 0)
		ev->msg = 0;
}

/* ---- resuming and stopping single threads ----------------------------------------------------- */

/* Write back registers changed while the thread was stopped. */
static int flush_regs(cdbg_proc *p, struct thread *t)
{
	int r = 0;

	if (t->regs_dirty) {
		struct iovec iov = { &t->regs, sizeof(t->regs) };
		r = (int)pt(p, PTRACE_SETREGSET, t->tid, (void *)(long)NT_PRSTATUS, &iov);
		t->regs_dirty = false;
	}
	if (t->xstate_dirty && t->xstate) {
		/* Exactly the kernel's size: it refuses any other (EFAULT). */
		struct iovec iov = { t->xstate, p->xstate.size };
		int r2 = (int)pt(p, PTRACE_SETREGSET, t->tid, (void *)(long)p->xstate.note, &iov);
		t->xstate_dirty = false;
		if (r2 < 0)
			cdbg__log(p, CDBG_LOG_WARN, "thread %d: the kernel refused its extended "
				  "state (%zu bytes): %s", (int)t->tid, p->xstate.size,
				  cdbg__errstr(r2));
		if (r == 0)
			r = r2;
	}
	return r;
}

/* A thread about to run from a breakpoint it just reported (or being single-stepped from one)
 * goes to the out-of-line copy instead, so the int3 stays for every other thread. A thread
 * that arrived at a breakpoint otherwise (a step ended there, an interrupt caught it there)
 * has not hit it yet: it runs into the int3 and reports it. */
static void redirect_to_slot(cdbg_proc *p, struct thread *t)
{
	struct bp_site *s;
	uint64_t slot;

	if (!t->regs_valid || !p->bp.nsites || (t->stop != SK_BREAK && t->tid != p->step_tid))
		return;
	/* Inside an interrupted system call the instruction at pc has not run yet: the kernel
	 * moves pc back to restart the call, and the breakpoint is then hit for real. */
	if (arch_syscall_will_restart(&t->regs))
		return;
	s = bp_site_at(p, arch_gpr_pc(&t->regs));
	if (!s || !s->inserted || !(slot = bp_site_slot(p, s)))
		return;
	if (t->pending_sig) {
		/* A signal is delivered first: its handler's frame would save the slot's address,
		 * and the handler may still be running when the slot is unmapped (detach). Run the
		 * handler from the breakpoint instead; its return lands on the int3 with this stack
		 * pointer again, which is the same hit going on (on_bp_trap), not a new one. */
		bp_return_note(p, s->addr, arch_gpr_sp(&t->regs));
		return;
	}
	arch_gpr_set_pc(&t->regs, slot);
	t->regs_dirty = true;
	t->in_slot = true;
}

static void bp_return_note(cdbg_proc *p, uint64_t addr, uint64_t sp)
{
	p->bp_returns[p->bp_returns_next++ % 64] = (struct bp_return){ addr, sp };
}

static bool bp_return_take(cdbg_proc *p, uint64_t addr, uint64_t sp)
{
	for (int i = 0; i < 64; i++) {
		struct bp_return *r = &p->bp_returns[i];
		if (r->addr == addr && r->sp == sp) {
			r->addr = r->sp = 0;
			return true;
		}
	}
	return false;
}

/* A thread about to get a signal while its pc is inside an out-of-line copy (the signal
 * stopped it there): the handler's frame must not save a scratch address (the scratch memory
 * may be gone when the handler returns). A copy not started yet, or a system call in it that
 * the kernel will restart, goes back to the program's own code (the breakpoint address: the
 * handler's return is then the same hit going on, see redirect_to_slot); a copy half run is
 * stepped out of first, the signal kept for after. */
static void out_of_slot_for_signal(cdbg_proc *p, struct thread *t)
{
	struct bp_site *s;
	uint64_t pc;

	if (!p->bp.nscratch || loop_regs_fetch(p, t) < 0)
		return;
	for (int n = 0; n < 8 && (s = bp_slot_site(p, pc = arch_gpr_pc(&t->regs))); n++) {
		if (pc == s->slot || (arch_syscall_will_restart(&t->regs) && pc - s->slot <= s->insn_len)) {
			arch_gpr_set_pc(&t->regs, s->addr + (pc - s->slot));
			t->regs_dirty = true;
			bp_return_note(p, s->addr, arch_gpr_sp(&t->regs));
			break;
		}
		t->si_restore = true; /* the step's stop replaces the signal's siginfo */
		if (step_raw(p, t) < 0 || loop_regs_fetch(p, t) < 0)
			return;
	}
	t->in_slot = false;
}

/* Ask a running thread to stop (it will report PTRACE_EVENT_STOP) and count on it. */
static void interrupt_one(cdbg_proc *p, struct thread *t)
{
	long e = pt(p, PTRACE_INTERRUPT, t->tid, NULL, NULL);

	if (e < 0 && e != -ESRCH)
		logw(p, "thread %d: cannot interrupt: %s", t->tid, cdbg__errstr((int)e));
	t->interrupt_pending = e == 0;
	thread_set_state(p, t, TS_STOPPING);
}

/* Let a stopped thread run: single-stepping if it is the thread being stepped, staying in
 * group-stop (PTRACE_LISTEN) if job control stopped it, else PTRACE_CONT with its pending
 * signal. A thread in its exit stop goes on to die. */
static void resume_one(cdbg_proc *p, struct thread *t)
{
	long r;
	int sig = t->pending_sig;

	if (t->stop != SK_GROUP && !t->exit_stop) {
		if (t->pending_sig && t->in_slot)
			out_of_slot_for_signal(p, t);
		redirect_to_slot(p, t);
	}
	if (t->si_restore && t->pending_sig && t->si_valid) {
		pt(p, PTRACE_SETSIGINFO, t->tid, NULL, &t->si);
		t->si_restore = false;
	}
	flush_regs(p, t);
	t->vfork_parent = false;
	if (t->stop == SK_GROUP)
		r = pt(p, PTRACE_LISTEN, t->tid, NULL, NULL);
	else if (t->tid == p->step_tid)
		r = pt(p, PTRACE_SINGLESTEP, t->tid, NULL, (void *)(long)sig);
	else
		r = pt(p, PTRACE_CONT, t->tid, NULL, (void *)(long)sig);
	t->pending_sig = 0;
	if (r < 0 && r != -ESRCH)
		logw(p, "thread %d: cannot resume: %s", t->tid, cdbg__errstr((int)r));
	/* ESRCH: killed under us; its exit report will remove it. A leader that leaves before
	 * the other threads (pthread_exit) stays behind as a zombie until they are all gone. */
	if (t->exit_stop)
		thread_set_state(p, t, t->tid == p->pid && p->threads.count > 1 ? TS_ZOMBIE : TS_EXITING);
	else
		thread_set_state(p, t, TS_RUNNING);
	t->exit_stop = false;
}

/* A thread reported a stop of kind sk. Keep it stopped if an all-stop is under way (or it is a
 * new thread while one thread steps), else let it go on. */
static void stopped_or_resume(cdbg_proc *p, struct thread *t, enum stop_kind sk, bool stopping)
{
	thread_set_state(p, t, TS_STOPPED);
	t->stop = sk;
	if (!stopping)
		resume_one(p, t);
}

/* ---- dispatch: acting on one record --------------------------------------------------------- */

/* System calls run in a held fork child (for bp_parachute_clean_child). */
struct child_run {
	cdbg_proc *p;
	struct thread *c;
};

static int child_syscall(void *ctx, long nr, const uint64_t args[6], uint64_t *ret)
{
	struct child_run *cr = ctx;

	return loop_syscall(cr->p, cr->c, nr, args, ret);
}

/* A fork child gets nothing of cdbg's: its copy of the scratch memory is unmapped (with system
 * calls run in the child, from the syscall instruction at the start of area 0, so that one
 * goes last), and a child forked from inside an out-of-line copy goes to the same place in the
 * program's code first. */
static void scratch_clean_child(cdbg_proc *p, pid_t pid)
{
	struct thread c = { .tid = pid, .state = TS_STOPPED, .stop = SK_INTERRUPT };
	struct child_run cr = { p, &c };
	uint64_t base[16], ret, args[6] = { 0 };
	size_t size[16], n;
	struct bp_site *s;

	if (!p->bp.nscratch || loop_regs_fetch(p, &c) < 0)
		return;
	if ((s = bp_slot_site(p, arch_gpr_pc(&c.regs)))) {
		arch_gpr_set_pc(&c.regs, s->addr + (arch_gpr_pc(&c.regs) - s->slot));
		c.regs_dirty = true;
	}
	/* The SIGTRAP parachute lives in the scratch memory: the child's own action back first. */
	bp_parachute_clean_child(p, pid, ((arch_gpr_sp(&c.regs) - 128 - 64) & ~15ull),
				 child_syscall, &cr);
	n = bp_scratch_areas(p, base, size, 16);
	for (size_t i = n < 16 ? n : 16; i-- > 0;) {
		args[0] = base[i];
		args[1] = size[i];
		if (loop_syscall(p, &c, 11 /* munmap */, args, &ret) < 0 || ret) {
			logw(p, "fork child %d: cannot unmap the scratch memory at %#llx", (int)pid,
			     (unsigned long long)base[i]);
			break;
		}
	}
	flush_regs(p, &c);
	free(c.xstate);
}

static void forks_detach(cdbg_proc *p, pid_t pid, bool shares_mm)
{
	/* The child has a copy of the parent's memory, int3s and scratch memory included: a child
	 * must never die of SIGTRAP nor keep cdbg's mapping. A vfork child shares the memory
	 * (whose int3s were lifted already): nothing of it may be touched, the parent's scratch
	 * memory is there. */
	if (!shares_mm && !p->bp.vfork_out) {
		bp_clean_child(p, pid);
		scratch_clean_child(p, pid);
	}
	pt(p, PTRACE_DETACH, pid, NULL, NULL);
	logd(p, "fork child %d detached", (int)pid);
}

static struct fork_child *forks_find(cdbg_proc *p, pid_t pid)
{
	for (size_t i = 0; i < p->n_forks; i++)
		if (p->forks[i].pid == pid)
			return &p->forks[i];
	return NULL;
}

static void forks_drop(cdbg_proc *p, struct fork_child *f)
{
	*f = p->forks[--p->n_forks];
}

static void forks_add(cdbg_proc *p, pid_t pid, bool shares_mm)
{
	if (p->n_forks == p->alloc_forks) {
		size_t n = p->alloc_forks ? p->alloc_forks * 2 : 8;
		struct fork_child *f = realloc(p->forks, n * sizeof(*f));
		if (!f)
			return; /* the child stays traced until we exit; logged by caller */
		p->forks = f;
		p->alloc_forks = n;
	}
	p->forks[p->n_forks++] = (struct fork_child){ .pid = pid, .shares_mm = shares_mm };
}

/* The whole process is gone: report it and forget every thread. */
static void process_gone(cdbg_proc *p, const struct raw_event *ev)
{
	struct cdbg_event e = { 0 };

	if (ev->kind == RAW_KILLED)
		e.signo = ev->sig;
	else
		e.code = WEXITSTATUS(ev->status);
	evq_push(p, ev->kind == RAW_KILLED ? CDBG_EV_KILLED : CDBG_EV_EXITED, p->pid, &e);
	/* A leader we let go at its exit stop reports its death to its parent: when that is us
	 * (we launched it), reap it now, or it would stay a zombie. */
	if (p->launched && ev->tid != p->pid) {
		struct thread *l = thread_find(&p->threads, p->pid);
		int status;
		if (l && l->untraced)
			while (waitpid(p->pid, &status, __WALL) < 0 && errno == EINTR)
				;
	}
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	bp_drop_memory(p);
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	p->exited = true;
	p->all_stopped = false;
	p->step_tid = 0;
	mem_close(p);
	if (owned_live == p)
		owned_live = NULL;
}

/* Only a zombie leader we could not trace (found so at attach) is left: the process is over,
 * and its leader's final status goes to its real parent, not to us. A leader we traced reports
 * its own death to us. */
static bool only_untraced_left(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++)
		if (!p->threads.all[i]->untraced)
			return false;
	return true;
}

static void on_exit_report(cdbg_proc *p, struct thread *t, const struct raw_event *ev)
{
	bool stepping = t->tid == p->step_tid;

	if (t->tid == p->pid) {
		process_gone(p, ev);
		return;
	}
	if (t->state != TS_EXITING) {
		/* No exit stop was seen (SIGKILL, or exec killing the other threads). */
		struct cdbg_event e = { 0 };
		e.code = ev->kind == RAW_EXITED ? WEXITSTATUS(ev->status) : 0;
		e.signo = ev->kind == RAW_KILLED ? ev->sig : 0;
		evq_push(p, CDBG_EV_THREAD_EXIT, t->tid, &e);
	}
	thread_remove(p, t);
	if (stepping) {
		/* The thread we stepped is gone: hand control back with everyone else held. */
		p->step_tid = 0;
		p->all_stopped = true;
		evq_push(p, CDBG_EV_STOPPED, p->pid, NULL);
	}
	if (p->threads.count && only_untraced_left(p))
		process_gone(p, ev);
}

/* Are threads other than t still alive (not merely on their way out of an exit_group)? */
static bool live_others(cdbg_proc *p, struct thread *t)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *o = p->threads.all[i];
		if (o != t && o->state != TS_EXITING && o->state != TS_ZOMBIE && !o->exit_stop)
			return true;
	}
	return false;
}

static void on_exit_stop(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	t->exit_stop = true;
	t->interrupt_pending = false; /* an exiting task takes no more traps */
	if (t->tid == p->pid && live_others(p, t)) {
		/* The leader leaves before the other threads (pthread_exit, or first of an
		 * exit_group): it stays a zombie until they are gone, and a zombie is never in a
		 * ptrace-stop again, so this is the last chance to detach it. Let it go now: its
		 * final status then goes to its parent, and we learn of the end from the last
		 * thread. */
		pt(p, PTRACE_DETACH, t->tid, NULL, NULL);
		t->exit_stop = false;
		thread_set_state(p, t, TS_ZOMBIE);
		t->untraced = true;
		return;
	}
	if (t->tid != p->pid) {
		struct cdbg_event e = { 0 };
		int st = (int)ev->msg;
		e.code = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
		e.signo = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		evq_push(p, CDBG_EV_THREAD_EXIT, t->tid, &e);
	}
	stopped_or_resume(p, t, SK_EVENT, stopping);
}

/* A new task (thread or fork child) whose parent event we have not seen: hold it until its
 * parent tells which it is. */
static void on_unknown_stop(cdbg_proc *p, const struct raw_event *ev)
{
	struct fork_child *f = forks_find(p, ev->tid);
	struct thread *t;

	if (f) {
		forks_detach(p, f->pid, f->shares_mm);
		forks_drop(p, f);
		return;
	}
	if (ev->kind != RAW_INTERRUPT && ev->kind != RAW_GROUP_STOP) {
		/* Not a first stop: a task from before an exec, or a stray. Let it go on. */
		pt(p, PTRACE_CONT, ev->tid, NULL,
		   (void *)(long)(ev->kind == RAW_SIGNAL ? ev->sig : 0));
		return;
	}
	t = thread_add(p, ev->tid, TS_STOPPED);
	if (!t)
		return;
	t->stop = SK_INTERRUPT;
	t->unclaimed = true;
}

/* The new thread's TLS pointer, from the clone call its parent is in. */
static uint64_t clone_tls(cdbg_proc *p, struct thread *t)
{
	uint64_t tls = 0, mem;

	if (loop_regs_fetch(p, t) < 0)
		return 0;
	switch (arch_clone_tls(&t->regs, &tls, &mem)) {
	case 0:
		return tls;
	case 1:
		return mem_raw_read(p, mem, &tls, sizeof(tls)) == sizeof(tls) ? tls : 0;
	default:
		return 0;
	}
}

/* Parent t reported CLONE, FORK or VFORK for task `child`. */
static bool on_new_task(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	pid_t child = (pid_t)ev->msg;
	struct thread *c = child ? thread_find(&p->threads, child) : NULL;
	struct cdbg_event e = { 0 };
	enum cdbg_event_kind kind;

	if (ev->kind == RAW_CLONE) {
		kind = CDBG_EV_THREAD_NEW;
		e.parent = t->tid;
		e.tls = clone_tls(p, t);
		if (!c) {
			c = thread_add(p, child, TS_NEW);
		} else {
			/* Its first stop came before this event: it was held unclaimed, without the
			 * debug registers a new thread gets at its first stop (clone does not copy
			 * them). Give them now, before it runs a single instruction. */
			c->unclaimed = false;
			if (c->state == TS_STOPPED && p->bp.dr7)
				apply_debugregs_one(p, c);
			if (c->state == TS_STOPPED && !(stopping || p->step_tid))
				resume_one(p, c);
		}
	} else {
		kind = ev->kind == RAW_FORK ? CDBG_EV_FORK : CDBG_EV_VFORK;
		e.child = child;
		if (kind == CDBG_EV_VFORK && p->bp.nsites && !p->bp.vfork_out) {
			/* The child runs in our memory until it execs or exits: no int3 may be there
			 * (gdb does the same; other threads miss hits meanwhile). */
			bp_lift_all(p, true);
			p->bp.vfork_out = true;
		}
		if (c) {
			/* Its first stop came first: it was taken for a thread. */
			bool stopped = c->state == TS_STOPPED;
			thread_remove(p, c);
			if (stopped)
				forks_detach(p, child, kind == CDBG_EV_VFORK);
			else
				forks_add(p, child, kind == CDBG_EV_VFORK);
		} else if (child) {
			forks_add(p, child, kind == CDBG_EV_VFORK);
		}
	}
	evq_push(p, kind, kind == CDBG_EV_THREAD_NEW ? child : t->tid, &e);
	t->vfork_parent = kind == CDBG_EV_VFORK;
	/* The reporter of a stopping event stays where it is for the caller to look at. */
	stopped_or_resume(p, t, SK_EVENT, stopping || (p->stop_mask & (1u << kind)));
	return (p->stop_mask & (1u << kind)) != 0;
}

static bool on_exec(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	struct cdbg_event e = { 0 };
	bool irq = t->interrupt_pending;

	/* Every other thread is gone; the execing thread now has the leader's tid. The old
	 * address space went with its breakpoints and scratch memory. */
	bp_drop_memory(p);
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	t = thread_add(p, p->pid, TS_STOPPED);
	if (!t)
		return false;
	t->interrupt_pending = irq;
	t->stop = SK_EVENT;
	mem_close(p); /* /proc/PID/mem is bound to the old address space */
	e.parent = (pid_t)ev->msg;
	evq_push(p, CDBG_EV_EXEC, p->pid, &e);
	if (p->stop_mask & (1u << CDBG_EV_EXEC))
		return true;
	if (!stopping)
		resume_one(p, t);
	return false;
}

/* Thread t trapped on an int3 (registers not yet read). Returns -1 when the int3 is not ours
 * (the program's own: a SIGTRAP to report), 1 when a stop must be reported (or an in-place
 * step-over needs the other threads held), 0 when handled (the thread runs on, or stays held
 * by the all-stop under way). */
static int on_bp_trap(cdbg_proc *p, struct thread *t, bool stopping)
{
	struct cdbg_event e = { 0 };
	enum bp_action act;
	struct bp_site *s;
	uint64_t addr;

	if (loop_regs_fetch(p, t) < 0)
		return -1;
	addr = arch_gpr_pc(&t->regs) - ARCH_BP_PC_ADJUST;
	s = bp_site_at(p, addr);
	if (!s || !s->inserted) {
		if (!bp_is_moribund(p, addr))
			return -1;
		/* A trap from a breakpoint removed while this thread was on its way to report it. */
		s = NULL;
	}
	arch_gpr_set_pc(&t->regs, addr);
	t->regs_dirty = true;
	t->in_slot = false;
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_BREAK;
	t->pending_sig = 0;
	if (bp_return_take(p, addr, arch_gpr_sp(&t->regs))) {
		/* Back from the signal handler run from this breakpoint: the same hit goes on. */
		act = BP_RESUME;
	} else {
		act = s ? bp_decide(p, t, addr, &e) : BP_RESUME;
	}
	if (act == BP_STOP || stopping || (s && !bp_site_slot(p, s))) {
		/* The thread stays stopped for a while: give it the rewound pc now, so that if
		 * cdbg dies before resuming it the thread does not run on one byte past the int3. */
		flush_regs(p, t);
	}
	if (act == BP_STOP) {
		evq_push(p, bp_is_solib(p, e.bp_id) ? CDBG_EV_LIBRARIES : CDBG_EV_BREAKPOINT, t->tid,
			 &e);
		return 1;
	}
	if (act == BP_NOTICE) {
		/* Reported, but nobody waits for it: the thread runs on at once. */
		evq_push(p, CDBG_EV_BREAKPOINT, t->tid, &e);
		p->evq[(p->evq_head + p->evq_len - 1) % EVQ_MAX].stopped = 0;
	}
	if (stopping)
		return 0;
	if (s && !bp_site_slot(p, s)) {
		t->needs_inplace = true; /* resumed by resume_all once the others are held */
		return 1;
	}
	resume_one(p, t);
	return 0;
}

/* The debug-register slot whose condition fired in t's last trap (DR6), or -1; DR6 is cleared
 * for the next trap. A single-step trap can carry a watchpoint hit too (the stepped instruction
 * stored to the watched address): the kernel then says TRAP_TRACE and only DR6 tells. */
static int hw_slot_fired(cdbg_proc *p, struct thread *t)
{
	long dr6 = pt(p, PTRACE_PEEKUSER, t->tid, (void *)arch_dr_offset(6), NULL);

	if (dr6 < 0 && dr6 > -4096)
		return -1;
	pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(6), NULL);
	return arch_dr6_slot((uint64_t)dr6);
}

/* Thread t trapped on debug-register slot `slot`. Returns true when a stop was queued. A watch
 * trap comes after the storing instruction: the thread has not hit a breakpoint at its pc,
 * so it must run into it (SK_INTERRUPT), not be sent past it to the copy. */
static bool on_hw_trap(cdbg_proc *p, struct thread *t, int slot, bool stopping)
{
	struct cdbg_event e = { 0 };
	struct bp *b;

	if (bp_decide_hw(p, t, slot, &e) != BP_STOP)
		return false;
	b = bp_by_id(p, e.bp_id);
	thread_set_state(p, t, TS_STOPPED);
	t->stop = b && b->kind == CDBG_BP_WATCH ? SK_INTERRUPT : SK_BREAK;
	t->pending_sig = 0;
	if (t->tid == p->step_tid)
		p->step_tid = 0; /* the step ended too; the watchpoint is what gets reported */
	evq_push(p, b && b->kind == CDBG_BP_WATCH ? CDBG_EV_WATCHPOINT : CDBG_EV_BREAKPOINT, t->tid,
		 &e);
	(void)stopping;
	return true;
}

/* The SIGTRAP of the thread we single-step. A step that entered an out-of-line copy goes on
 * until it leaves it: one original instruction executed. */
static bool on_step_trap(cdbg_proc *p, struct thread *t)
{
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_STEP;
	t->pending_sig = 0;
	if (t->in_slot && loop_regs_fetch(p, t) == 0) {
		struct bp_site *s = bp_slot_site(p, arch_gpr_pc(&t->regs));
		if (s) {
			resume_one(p, t);
			return false;
		}
		t->in_slot = false;
	}
	p->step_tid = 0;
	evq_push(p, CDBG_EV_STEP, t->tid, NULL);
	return true;
}

static bool on_signal(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	int sig = ev->sig;
	int pol = sig > 0 && sig <= 64 ? p->sigpolicy[sig] : CDBG_SIG_STOP | CDBG_SIG_PASS;
	struct cdbg_event e = { 0 };

	if (sig == SIGTRAP) {
		if (arch_is_bp_trap(&ev->si) && (p->bp.nsites || p->bp.nmoribund)) {
			int r = on_bp_trap(p, t, stopping);
			if (r >= 0)
				return r == 1;
		}
		if (p->bp.dr7 && (arch_is_hw_trap(&ev->si) || t->tid == p->step_tid)) {
			int slot = hw_slot_fired(p, t);
			if (slot >= 0 && on_hw_trap(p, t, slot, stopping))
				return true;
			if (slot >= 0 && t->tid != p->step_tid) {
				/* A hit that does not stop (condition false, value unchanged). */
				thread_set_state(p, t, TS_STOPPED);
				t->stop = SK_INTERRUPT;
				t->pending_sig = 0;
				if (!stopping)
					resume_one(p, t);
				return false;
			}
		}
		if (t->tid == p->step_tid)
			return on_step_trap(p, t);
	}
	t->si = ev->si;
	t->si_valid = true;
	t->si_restore = false;
	if (!(pol & CDBG_SIG_STOP)) {
		/* Pass (or swallow) it at once. If an interrupt is pending, the thread stops again
		 * right after, at the handler's entry: the signal is not lost. */
		t->pending_sig = (pol & CDBG_SIG_PASS) ? sig : 0;
		thread_set_state(p, t, TS_STOPPED);
		t->stop = SK_SIGNAL;
		resume_one(p, t);
		/* This stop consumed the interrupt we are gathering for: ask again. The thread
		 * then stops at the handler's first instruction; the signal is not lost. */
		if (stopping)
			interrupt_one(p, t);
		return false;
	}
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_SIGNAL;
	t->pending_sig = (pol & CDBG_SIG_PASS) ? sig : 0;
	e.signo = sig;
	e.siginfo = ev->si;
	evq_push(p, CDBG_EV_SIGNAL, t->tid, &e);
	return true;
}

/* dispatch_event: act on one record. Returns true when it queued an event that stops the
 * process, so the caller must stop every other thread before handing it out. `stopping` is
 * true while an all-stop (or attach) gathers threads. */
static bool dispatch_event(cdbg_proc *p, const struct raw_event *ev, bool stopping)
{
	struct thread *t = thread_find(&p->threads, ev->tid);

	if (!t) {
		struct fork_child *f = forks_find(p, ev->tid);
		if (ev->kind == RAW_EXITED || ev->kind == RAW_KILLED) {
			if (f)
				forks_drop(p, f);
			return false;
		}
		on_unknown_stop(p, ev);
		return false;
	}
	switch (ev->kind) {
	case RAW_EXITED:
	case RAW_KILLED:
		on_exit_report(p, t, ev);
		return false;
	case RAW_EXIT_STOP:
		on_exit_stop(p, t, ev, stopping && t->state != TS_RUNNING);
		return false;
	case RAW_INTERRUPT:
	case RAW_GROUP_STOP: {
		bool ours = t->interrupt_pending;
		bool want = (stopping || p->step_tid) && (t->state == TS_STOPPING || t->state == TS_NEW);
		bool was_new = t->state == TS_NEW;
		t->interrupt_pending = false;
		if (ev->kind == RAW_GROUP_STOP && !want) {
			/* Job control stopped the process (someone's SIGSTOP): stay stopped, as an
			 * untraced process would, until SIGCONT. */
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_GROUP;
			resume_one(p, t);
			return false;
		}
		if (was_new && p->bp.dr7)
			apply_debugregs_one(p, t);
		if (t->unclaimed || (was_new && !want)) {
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_INTERRUPT;
			if (!t->unclaimed)
				resume_one(p, t);
			return false;
		}
		if (!want) {
			/* A stale interrupt, or a group-stop ending (SIGCONT): carry on. */
			logt(p, "thread %d: absorbing %s stop", t->tid, ours ? "stale interrupt" : "notify");
			thread_set_state(p, t, TS_STOPPED);
			t->stop = SK_INTERRUPT;
			resume_one(p, t);
			return false;
		}
		thread_set_state(p, t, TS_STOPPED);
		t->stop = ev->kind == RAW_GROUP_STOP ? SK_GROUP : SK_INTERRUPT;
		return false;
	}
	case RAW_SIGNAL:
		return on_signal(p, t, ev, stopping);
	case RAW_CLONE:
	case RAW_FORK:
	case RAW_VFORK:
		return on_new_task(p, t, ev, stopping && t->state == TS_STOPPING);
	case RAW_EXEC:
		return on_exec(p, t, ev, stopping);
	case RAW_VFORK_DONE:
		if (p->bp.vfork_out) {
			/* The child has exec'd or exited: our memory is ours again. */
			bp_lift_all(p, false);
			p->bp.vfork_out = false;
		}
		stopped_or_resume(p, t, SK_EVENT, stopping && t->state == TS_STOPPING);
		return false;
	case RAW_OTHER_EVENT:
		stopped_or_resume(p, t, SK_EVENT, stopping && t->state == TS_STOPPING);
		return false;
	}
	return false;
}

/* ---- internal single-steps (every other thread held) ---------------------------------------- */

/* While cdbg runs a thread for its own purposes (a step over an int3, an injected system call,
 * a call, a pending SIGTRAP taken), every signal but the synchronous ones stays blocked: a
 * signal the thread dequeued then could only be kept if it were the first, and queued realtime
 * signals would be lost. Synchronous signals stay open: the kernel forces them, and forcing a
 * blocked signal resets the program's handler to SIG_DFL. */
const uint64_t loop_quiet_mask = ~(LOOP_SIGBIT(SIGTRAP) | LOOP_SIGBIT(SIGSEGV) | LOOP_SIGBIT(SIGBUS) |
				   LOOP_SIGBIT(SIGILL) | LOOP_SIGBIT(SIGFPE) | LOOP_SIGBIT(SIGSYS));

/* Block the asynchronous signals in t; *saved gets its mask. False if that failed. */
static bool quiet_begin(cdbg_proc *p, struct thread *t, uint64_t *saved)
{
	return loop_sigmask(p, t, saved, &loop_quiet_mask) == 0;
}

static void quiet_end(cdbg_proc *p, struct thread *t, bool quiet, const uint64_t *saved)
{
	if (quiet && !t->exit_stop)
		loop_sigmask(p, t, NULL, saved);
}

/* Execute one instruction in t and wait for it, with asynchronous signals blocked. A signal
 * that stops it anyway (a synchronous one) is kept as the thread's pending signal (delivered
 * on resume). Returns 0, or < 0 if the thread died. */
static int step_raw(cdbg_proc *p, struct thread *t)
{
	struct raw_event ev;
	uint64_t mask;
	bool quiet = quiet_begin(p, t, &mask);
	int status, r = -EAGAIN;
	pid_t tid = t->tid;

	/* The step's stop replaces the siginfo the kernel keeps for the signal this thread holds:
	 * put it back before that signal is delivered (else the kernel makes up an SI_USER one). */
	if (t->pending_sig && t->si_valid && t->si.si_signo == t->pending_sig)
		t->si_restore = true;

	for (int tries = 0; tries < 16; tries++) {
		flush_regs(p, t);
		t->regs_valid = t->xstate_valid = false;
		if (pt(p, PTRACE_SINGLESTEP, tid, NULL, NULL) < 0)
			return -ESRCH;
		while (waitpid(tid, &status, __WALL) < 0)
			if (errno != EINTR)
				return -errno;
		next_event(p, tid, status, &ev);
		if (ev.kind == RAW_EXITED || ev.kind == RAW_KILLED) {
			dispatch_event(p, &ev, true);
			return -ESRCH;
		}
		if (ev.kind == RAW_SIGNAL && ev.sig == SIGTRAP) {
			r = 0;
			break;
		}
		if (ev.kind == RAW_SIGNAL && !t->pending_sig &&
		    (p->sigpolicy[ev.sig] & CDBG_SIG_PASS)) {
			t->pending_sig = ev.sig;
			t->si = ev.si;
			t->si_valid = true;
		} else if (ev.kind == RAW_SIGNAL) {
			logw(p, "thread %d: signal %d arrived during an internal step while signal "
			     "%d was pending; it is not delivered", tid, ev.sig, t->pending_sig);
		}
		if (ev.kind == RAW_EXIT_STOP) {
			t->exit_stop = true;
			return -ESRCH;
		}
		/* An interrupt or event stop: the instruction did not run yet; try again. */
	}
	quiet_end(p, t, quiet, &mask);
	return r;
}

/* t sits on a breakpoint whose instruction has no out-of-line copy: lift the int3, step the
 * instruction, put the int3 back. Every other thread is held meanwhile. */
static int step_in_place(cdbg_proc *p, struct thread *t, struct bp_site *s)
{
	int r;

	if (mem_raw_write(p, s->addr, &s->orig, 1) != 1)
		return -EFAULT;
	r = step_raw(p, t);
	if (mem_raw_write(p, s->addr, arch_bp_insn, ARCH_BP_LEN) != ARCH_BP_LEN)
		logw(p, "cannot put the breakpoint at %#llx back", (unsigned long long)s->addr);
	if (t->pending_sig)
		t->si_restore = true;
	t->needs_inplace = false;
	/* The stepped instruction may have stored to a watched address. */
	if (r == 0 && p->bp.dr7) {
		int slot = hw_slot_fired(p, t);
		if (slot >= 0 && on_hw_trap(p, t, slot, true))
			return 1;
	}
	return r;
}

/* The site without an out-of-line copy that t sits on, if any. */
static struct bp_site *needs_in_place(cdbg_proc *p, struct thread *t)
{
	struct bp_site *s;

	if (!p->bp.nsites || !(t->regs_valid || t->needs_inplace || t->stop == SK_STEP))
		return NULL;
	if (loop_regs_fetch(p, t) < 0 || arch_syscall_will_restart(&t->regs))
		return NULL;
	s = bp_site_at(p, arch_gpr_pc(&t->regs));
	return s && s->inserted && !bp_site_slot(p, s) ? s : NULL;
}

/* Resume every held thread (the process is all-stopped, nothing left to report). */
static void resume_all(cdbg_proc *p)
{
	bool reported = false;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		struct bp_site *s;
		if (t->state == TS_STOPPED && !t->unclaimed && (s = needs_in_place(p, t)))
			reported |= step_in_place(p, t, s) == 1;
	}
	if (reported) {
		evpipe_poke(p); /* a watchpoint fired in a step-over: everyone stays held */
		return;
	}
	p->all_stopped = false;
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_STOPPED && !t->unclaimed)
			resume_one(p, t);
	}
}

/* ---- all-stop ------------------------------------------------------------------------------- */

/* Threads we are waiting on: interrupted ones and new ones whose first stop is due. */
static size_t count_waiting(cdbg_proc *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->threads.count; i++) {
		enum thread_state s = p->threads.all[i]->state;
		n += s == TS_STOPPING || s == TS_NEW;
	}
	return n;
}

/* Block until every interrupted or new thread has reported its stop. Waits on each such thread
 * by tid: waitpid(-1) makes the kernel walk the tracer's whole list of tracees on every call,
 * which is quadratic over thousands of threads; waitpid(tid) looks at one. A thread's reports
 * other than its stop (a clone, an exit, a signal) are dispatched as they come. */
static int gather_stops(cdbg_proc *p)
{
	struct raw_event ev;
	int status;
	pid_t r;

	while (!p->exited && count_waiting(p) > 0) {
		bool leader_only = true;
		/* Fork children first: a vfork parent cannot stop until its child runs, and the
		 * child runs only once we took its first stop and let it go. */
		while (p->n_forks && !p->exited) {
			pid_t child = p->forks[0].pid;
			r = waitpid(child, &status, __WALL);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				forks_drop(p, &p->forks[0]);
				continue;
			}
			next_event(p, child, status, &ev);
			dispatch_event(p, &ev, true);
		}
		for (size_t i = 0; i < p->threads.count && !p->exited; i++) {
			struct thread *t = p->threads.all[i];
			pid_t tid = t->tid;
			if (t->state != TS_STOPPING && t->state != TS_NEW)
				continue;
			/* A leader that is exiting (pthread_exit) takes no more traps and will not be
			 * reported until the last thread is gone: never block on it. */
			bool leader = tid == p->pid && p->threads.count > 1;
			leader_only &= leader;
			r = waitpid(tid, &status, __WALL | (leader ? WNOHANG : 0));
			if (r == 0) {
				if (procfs_task_state(p->pid, tid) == 'Z') {
					t->interrupt_pending = false;
					thread_set_state(p, t, TS_ZOMBIE);
				}
				continue;
			}
			if (r < 0) {
				if (errno == EINTR) {
					i--;
					continue;
				}
				if (errno != ECHILD)
					return cdbg__fail(p, -errno, "cannot wait for thread %d to stop: %s",
							  (int)tid, cdbg__errstr(errno));
				/* Gone without a report we can collect (an exec took its tid). */
				thread_remove(p, t);
				continue;
			}
			next_event(p, tid, status, &ev);
			dispatch_event(p, &ev, true);
		}
		if (leader_only && count_waiting(p) > 0) {
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL); /* the leader is between its last trap and zombie */
		}
	}
	return 0;
}

/* Threads caught inside an out-of-line copy are brought back to the program's own code before
 * anyone looks at them: one that had not started the copied instruction goes back to the
 * breakpoint address; one in the middle of a rewritten sequence is stepped out of it. */
static void leave_slots(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		struct bp_site *s;
		if (!t->in_slot || t->state != TS_STOPPED)
			continue;
		for (int n = 0; n < 8 && loop_regs_fetch(p, t) == 0; n++) {
			s = bp_slot_site(p, arch_gpr_pc(&t->regs));
			if (!s)
				break;
			/* Blocked in a system call run from the copy: stepping would wait for the
			 * call; it restarts inside the copy and comes back on its own. */
			if (arch_syscall_will_restart(&t->regs))
				break;
			if (arch_gpr_pc(&t->regs) == s->slot) {
				/* Its hit was counted already: on resume it goes to the copy again. */
				arch_gpr_set_pc(&t->regs, s->addr);
				t->regs_dirty = true;
				t->stop = SK_BREAK;
				break;
			}
			if (step_raw(p, t) < 0)
				break;
			if (t->stop == SK_SIGNAL)
				t->si_restore = true; /* the step replaced its signal's siginfo */
		}
		t->in_slot = false;
	}
}

/* Interrupt every running thread, then wait until none runs. Threads born meanwhile are
 * stopped too (their parents are held in the clone event, they start stopped). */
static int stop_all(cdbg_proc *p)
{
	int r;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_RUNNING)
			continue;
		/* Always: a trap of any kind clears a pending interrupt in the kernel, so one sent
		 * before the thread's last stop is not to be counted on. */
		interrupt_one(p, t);
	}
	r = gather_stops(p);
	if (!p->exited) {
		p->all_stopped = true;
		p->step_tid = 0;
		leave_slots(p);
	}
	return r;
}

/* ---- attach ----------------------------------------------------------------------------------- */

struct attach_pass {
	cdbg_proc *p;
	size_t added; /* threads taken in this pass */
	size_t seized; /* threads seized in all passes */
	int err;      /* first hard failure */
	pid_t err_tid;
};

static int seize_one(void *data, pid_t tid)
{
	struct attach_pass *ap = data;
	cdbg_proc *p = ap->p;
	struct thread *t;
	long r;

	if (thread_find(&p->threads, tid))
		return 0;
	r = pt(p, PTRACE_SEIZE, tid, NULL, (void *)(long)TRACE_OPTS);
	if (r < 0) {
		char st = procfs_task_state(p->pid, tid);
		if (st == '?' || st == 'X')
			return 0; /* exited between listing and attach */
		if (st == 'Z') {
			/* A leader that called pthread_exit: listed, but cannot be traced. */
			t = thread_add(p, tid, TS_ZOMBIE);
			if (t)
				t->untraced = true;
			ap->added += t != NULL;
			return 0;
		}
		if (r == -EPERM && procfs_status_long(tid, "TracerPid") == gettid()) {
			/* Born meanwhile to a thread we hold: already ours, its first stop is due. */
			t = thread_add(p, tid, TS_NEW);
			if (t)
				t->unclaimed = true;
			ap->added += t != NULL;
			return 0;
		}
		ap->err = (int)r;
		ap->err_tid = tid;
		return 1;
	}
	t = thread_add(p, tid, TS_STOPPING);
	if (!t) {
		ap->err = -ENOMEM;
		ap->err_tid = tid;
		return 1;
	}
	t->interrupt_pending = pt(p, PTRACE_INTERRUPT, tid, NULL, NULL) == 0;
	ap->added++;
	ap->seized++;
	return 0;
}

static int diagnose_eperm(cdbg_proc *p, pid_t pid)
{
	char buf[128], tracer[32] = "?";
	long tracer_pid = procfs_status_long(pid, "TracerPid");
	long uid = -1;
	FILE *f;

	if (tracer_pid > 0) {
		procfs_comm((pid_t)tracer_pid, (pid_t)tracer_pid, tracer, sizeof(tracer));
		return cdbg__fail(p, CDBG_ETRACED,
				  "cannot attach to %d: it is already traced by process %ld (%s)",
				  (int)pid, tracer_pid, tracer);
	}
	if (procfs_status_field(pid, "Uid", buf, sizeof(buf)) == 0)
		uid = strtol(buf, NULL, 10);
	if (uid >= 0 && (uid_t)uid != geteuid() && geteuid() != 0)
		return cdbg__fail(p, -EPERM,
				  "cannot attach to %d: permission denied: it belongs to user %ld and "
				  "cdbg runs as user %d; run cdbg as that user or as root",
				  (int)pid, uid, (int)geteuid());
	f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	if (f) {
		int scope = 0;
		if (fscanf(f, "%d", &scope) != 1)
			scope = 0;
		fclose(f);
		if (scope > 0 && geteuid() != 0)
			return cdbg__fail(p, -EPERM,
					  "cannot attach to %d: permission denied: kernel.yama.ptrace_scope "
					  "is %d; run cdbg as root or set it to 0 with sysctl",
					  (int)pid, scope);
	}
	return cdbg__fail(p, -EPERM,
			  "cannot attach to %d: permission denied: the process is privileged or not "
			  "dumpable; run cdbg as root",
			  (int)pid);
}

/* A thread other than the first refused: most likely someone traces just that thread. */
static int diagnose_thread_eperm(cdbg_proc *p, pid_t tid)
{
	long tracer_pid = procfs_status_long(tid, "TracerPid");
	char tracer[32] = "?";

	if (tracer_pid > 0 && tracer_pid != getpid()) {
		procfs_comm((pid_t)tracer_pid, (pid_t)tracer_pid, tracer, sizeof(tracer));
		return cdbg__fail(p, CDBG_ETRACED,
				  "cannot attach to %d: its thread %d is already traced by process "
				  "%ld (%s); detach that debugger first",
				  (int)p->pid, (int)tid, tracer_pid, tracer);
	}
	return cdbg__fail(p, -EPERM, "cannot attach to thread %d of %d: permission denied; the "
			  "process was left as it was", (int)tid, (int)p->pid);
}

/* Detach every thread taken so far, after they all stopped: attach failed halfway. */
static void attach_undo(cdbg_proc *p)
{
	int saved = p->errcode;
	char msg[CDBG_ERRMSG_MAX];

	memcpy(msg, p->errmsg, sizeof(msg));
	if (gather_stops(p) == 0 && !p->exited) {
		for (size_t i = 0; i < p->threads.count; i++) {
			struct thread *t = p->threads.all[i];
			if (t->state == TS_STOPPED)
				pt(p, PTRACE_DETACH, t->tid, NULL, (void *)(long)t->pending_sig);
		}
	}
	thread_table_free(&p->threads);
	p->errcode = saved;
	memcpy(p->errmsg, msg, sizeof(msg));
}

static void handle_reset(cdbg_proc *p)
{
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	p->pid = 0;
	p->exited = false;
	p->all_stopped = false;
	p->launched = false;
	p->step_tid = 0;
	p->evq_head = p->evq_len = 0;
	p->n_forks = 0;
	memset(p->bp_returns, 0, sizeof(p->bp_returns));
}

/* Checks made before touching a process: it exists, is not us, not a kernel thread, not traced
 * already. Resolves a tid to its process. Returns the tgid or a failure. */
static int attach_precheck(cdbg_proc *p, pid_t pid)
{
	char tracer[32] = "?";
	long tgid, tracer_pid;

	if (pid <= 0)
		return cdbg__fail(p, -ESRCH, "cannot attach to %d: not a process id", (int)pid);
	tgid = procfs_status_long(pid, "Tgid");
	if (tgid <= 0)
		return cdbg__fail(p, -ESRCH,
				  "cannot attach to %d: no such process; check the pid with ps", (int)pid);
	if (tgid == getpid())
		return cdbg__fail(p, CDBG_ESELF,
				  "cannot attach to %d: it is cdbg's own process; a debugger cannot "
				  "trace itself",
				  (int)pid);
	if (procfs_stat_flags((pid_t)tgid) & PF_KTHREAD)
		return cdbg__fail(p, CDBG_EKTHREAD,
				  "cannot attach to %d: it is a kernel thread, which runs no user code "
				  "to debug",
				  (int)pid);
	tracer_pid = procfs_status_long((pid_t)tgid, "TracerPid");
	if (tracer_pid > 0) {
		procfs_comm((pid_t)tracer_pid, (pid_t)tracer_pid, tracer, sizeof(tracer));
		return cdbg__fail(p, CDBG_ETRACED,
				  "cannot attach to %d: it is already traced by process %ld (%s); "
				  "detach that debugger first",
				  (int)pid, tracer_pid, tracer);
	}
	return (int)tgid;
}

static int take_ownership(cdbg_proc *p, const char *what)
{
	int r = cdbg__check_owner(p, what);

	if (r < 0)
		return r;
	if (p->pid && !p->exited)
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot %s: this handle already debugs process %d; detach first", what,
				  (int)p->pid);
	if (owned_live && owned_live != p)
		return cdbg__fail(p, CDBG_EBUSY,
				  "cannot %s: this thread already debugs process %d through another "
				  "handle; use one thread per process",
				  what, (int)owned_live->pid);
	handle_reset(p);
	bp_forget_all(p);
	thread_table_free(&p->threads);
	return thread_table_init(&p->threads);
}

int cdbg_attach(cdbg_proc *p, pid_t pid)
{
	struct attach_pass ap = { .p = p };
	int tgid, r;

	cdbg__clear_error(p);
	if ((r = take_ownership(p, "attach")) < 0)
		return r;
	if ((tgid = attach_precheck(p, pid)) < 0)
		return tgid;
	p->pid = tgid;
	/* Seize and interrupt every listed thread; re-list until a pass finds no new one (threads
	 * may be created while we attach; those made by a thread we hold are ours already). */
	do {
		ap.added = 0;
		r = procfs_each_task(p->pid, seize_one, &ap);
		if (ap.err)
			break;
		if (r < 0 && p->threads.count == 0) {
			ap.err = -ESRCH;
			break;
		}
	} while (ap.added > 0);

	if (ap.err || ap.seized == 0) {
		if (ap.err == -EPERM && ap.seized == 0)
			diagnose_eperm(p, p->pid);
		else if (!ap.err && p->threads.count)
			cdbg__fail(p, -ESRCH, "cannot attach to %d: it is a zombie: it has exited and "
				   "waits for its parent to reap it", (int)p->pid);
		else if (ap.err == -EPERM)
			diagnose_thread_eperm(p, ap.err_tid);
		else if (ap.err == -ESRCH || p->threads.count == 0)
			cdbg__fail(p, -ESRCH, "cannot attach to %d: the process exited", (int)p->pid);
		else
			cdbg__fail(p, ap.err, "cannot attach to thread %d of %d: %s", (int)ap.err_tid,
				   (int)p->pid, cdbg__errstr(ap.err));
		r = p->errcode;
		attach_undo(p);
		handle_reset(p);
		return r;
	}
	owned_live = p;
	/* A thread seized inside clone() may have a child the kernel did not trace (the option
	 * was checked before the seize) and that /proc listed only after our last pass. Once every
	 * thread we hold is stopped no new clone can start: list again, until a pass made with
	 * everyone stopped finds nothing new and the kernel counts no thread we do not hold. The
	 * count matters: a listing of /proc/PID/task ends early when the thread it stands on dies
	 * meanwhile (next_tid stops at a dead task), so a pass can miss a live thread. */
	for (int settle = 0; (r = gather_stops(p)) == 0 && !p->exited;) {
		ap.added = 0;
		procfs_each_task(p->pid, seize_one, &ap);
		if (ap.err) {
			if (ap.err == -EPERM)
				diagnose_thread_eperm(p, ap.err_tid);
			else
				cdbg__fail(p, ap.err, "cannot attach to thread %d of %d: %s",
					   (int)ap.err_tid, (int)p->pid, cdbg__errstr(ap.err));
			r = p->errcode;
			break;
		}
		if (ap.added)
			continue;
		if (procfs_status_long(p->pid, "Threads") <= (long)p->threads.count ||
		    ++settle > 2000)
			break;
		/* A thread we do not hold: one that is dying untraced, or one the listing missed. */
		struct timespec ts = { 0, 500000 };
		nanosleep(&ts, NULL);
	}
	if (r < 0 || p->exited) {
		if (p->exited)
			cdbg__fail(p, -ESRCH, "cannot attach to %d: the process exited while cdbg "
				   "stopped it", (int)pid);
		r = p->errcode;
		attach_undo(p);
		handle_reset(p);
		owned_live = NULL;
		return r;
	}
	p->all_stopped = true;
	logd(p, "attached to %d: %zu threads", (int)p->pid, p->threads.count);
	cdbg__hooks_run(p, CDBG__HOOK_PROCESS_NEW);
	return 0;
}

/* ---- launch ----------------------------------------------------------------------------------- */

/* Find path in PATH when it has no '/', and check it can be executed. */
static int resolve_program(cdbg_proc *p, const char *path, char *out, size_t len)
{
	struct stat st;

	if (!path || !*path)
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run the program: no program was given");
	if (!strchr(path, '/')) {
		const char *env = getenv("PATH");
		char dirs[4096];
		snprintf(dirs, sizeof(dirs), "%s", env ? env : "/usr/local/bin:/usr/bin:/bin");
		for (char *save, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
			snprintf(out, len, "%s/%s", *d ? d : ".", path);
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
				return 0;
		}
		return cdbg__fail(p, CDBG_ENOEXEC,
				  "cannot run %s: no such program in PATH; give its path", path);
	}
	snprintf(out, len, "%s", path);
	if (stat(out, &st) < 0)
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: %s", path, cdbg__errstr(errno));
	if (S_ISDIR(st.st_mode))
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: it is a directory", path);
	if (!S_ISREG(st.st_mode) || access(out, X_OK) < 0)
		return cdbg__fail(p, CDBG_ENOEXEC,
				  "cannot run %s: permission denied: the file is not executable; "
				  "chmod +x it",
				  path);
	return 0;
}

/* In the child: become the program. Waits on `go` until the parent seized us; reports a
 * failure as errno through `err` (close-on-exec: EOF there means exec happened). */
static void __attribute__((noreturn))
launch_child(const char *path, char *const argv[], const struct cdbg_launch_opts *o, int go, int err)
{
	extern char **environ;
	struct sigaction dfl;
	sigset_t none;
	char c;
	int e;

	/* The debugger may ignore or block signals; the program must start with defaults. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		sigaction(s, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (o && o->stdin_fd >= 0)
		dup2(o->stdin_fd, 0);
	if (o && o->stdout_fd >= 0)
		dup2(o->stdout_fd, 1);
	if (o && o->stderr_fd >= 0)
		dup2(o->stderr_fd, 2);
	if (read(go, &c, 1) != 1)
		_exit(127); /* the debugger went away */
	if (o && o->cwd && chdir(o->cwd) < 0) {
		e = -errno;
		goto fail;
	}
	execve(path, argv, o && o->envp ? (char *const *)o->envp : environ);
	e = errno;
fail:
	if (write(err, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

/* Wait for the launched child to reach its exec stop. Returns 0, or a failure after reaping
 * the child (which then exited before exec). */
static int launch_wait_exec(cdbg_proc *p, pid_t pid, int errfd, const char *path,
			    const struct cdbg_launch_opts *o)
{
	struct raw_event ev;
	int status, e = 0;

	for (;;) {
		if (waitpid(pid, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: lost the child: %s", path,
					  cdbg__errstr(errno));
		}
		next_event(p, pid, status, &ev);
		if (ev.kind == RAW_EXEC)
			return 0;
		if (ev.kind == RAW_EXITED || ev.kind == RAW_KILLED)
			break;
		pt(p, PTRACE_CONT, pid, NULL, (void *)(long)(ev.kind == RAW_SIGNAL ? ev.sig : 0));
	}
	if (read(errfd, &e, sizeof(e)) != sizeof(e))
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: it exited before starting", path);
	if (e < 0)
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: cannot change to directory %s: %s",
				  path, o && o->cwd ? o->cwd : "?", cdbg__errstr(-e));
	char interp[512];
	if (e == ENOENT && procfs_exec_missing_interp(path, interp, sizeof(interp)))
		return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: its interpreter %s does not exist "
				  "(install it, or rebuild the program for this system)", path, interp);
	return cdbg__fail(p, CDBG_ENOEXEC, "cannot run %s: %s", path, cdbg__errstr(e));
}

int cdbg_launch(cdbg_proc *p, const char *path, char *const argv[],
		const struct cdbg_launch_opts *opts)
{
	char prog[PATH_MAX];
	int go[2], err[2], r;
	struct thread *t;
	pid_t pid;

	cdbg__clear_error(p);
	if ((r = take_ownership(p, "launch a program")) < 0)
		return r;
	if ((r = resolve_program(p, path, prog, sizeof(prog))) < 0)
		return r;
	if (pipe2(go, O_CLOEXEC) < 0)
		return cdbg__fail(p, -errno, "cannot run %s: %s", path, cdbg__errstr(errno));
	if (pipe2(err, O_CLOEXEC) < 0) {
		r = -errno;
		goto err_go;
	}
	pid = fork();
	if (pid < 0) {
		r = cdbg__fail(p, -errno, "cannot run %s: fork failed: %s", path, cdbg__errstr(errno));
		goto err_err;
	}
	if (pid == 0)
		launch_child(prog, argv, opts, go[0], err[1]);
	close(go[0]);
	close(err[1]);
	p->pid = pid;
	p->launched = true;
	r = (int)pt(p, PTRACE_SEIZE, pid, NULL, (void *)(long)(TRACE_OPTS | PTRACE_O_EXITKILL));
	if (r < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		cdbg__fail(p, r, "cannot run %s: cannot trace the child: %s", path, cdbg__errstr(r));
		goto err_child;
	}
	if (write(go[1], "g", 1) != 1) {
		r = cdbg__fail(p, -errno, "cannot run %s: %s", path, cdbg__errstr(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		goto err_child;
	}
	close(go[1]);
	r = launch_wait_exec(p, pid, err[0], path, opts);
	close(err[0]);
	if (r < 0) {
		handle_reset(p);
		return r;
	}
	t = thread_add(p, pid, TS_STOPPED);
	if (!t) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, __WALL);
		handle_reset(p);
		return cdbg__fail(p, -ENOMEM, "cannot run %s: out of memory", path);
	}
	t->stop = SK_EVENT;
	p->all_stopped = true;
	owned_live = p;
	logd(p, "launched %s as %d", prog, (int)pid);
	cdbg__hooks_run(p, CDBG__HOOK_PROCESS_NEW);
	return pid;

err_child:
	close(go[1]);
	close(err[0]);
	handle_reset(p);
	return r;
err_err:
	close(err[0]);
	close(err[1]);
err_go:
	close(go[0]);
	close(go[1]);
	return r;
}

/* ---- waiting ------------------------------------------------------------------------------ */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int require_proc(cdbg_proc *p, const char *what)
{
	int r = cdbg__check_owner(p, what);

	if (r < 0)
		return r;
	if (!p->pid)
		return cdbg__fail(p, CDBG_ENOPROC, "cannot %s: no process is being debugged", what);
	if (p->exited)
		return cdbg__fail(p, CDBG_EEXITED, "cannot %s: process %d has exited", what,
				  (int)p->pid);
	return 0;
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
	long deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	struct raw_event raw;
	int status, r;
	pid_t tid;

	if ((r = cdbg__check_owner(p, "wait for an event")) < 0)
		return r;
	if (!p->pid)
		return cdbg__fail(p, CDBG_ENOPROC, "cannot wait: no process is being debugged");
	if (timeout_ms > 0)
		evpipe_fd(p);
	for (;;) {
		if (evq_pop(p, ev)) {
			if (p->evq_len)
				evpipe_poke(p);
			return 1;
		}
		if (p->all_stopped)
			return cdbg__fail(p, CDBG_EBADSTATE,
					  "cannot wait: process %d is stopped and nothing will happen "
					  "until it is resumed; continue or step it first",
					  (int)p->pid);
		evpipe_drain(p);
		tid = wait_any(&status, timeout_ms < 0 ? 0 : WNOHANG);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			return cdbg__fail(p, -errno, "cannot wait for process %d: %s", (int)p->pid,
					  cdbg__errstr(errno));
		}
		if (tid == 0) {
			long left = deadline - now_ms();
			struct pollfd pfd = { p->evpipe[0], POLLIN, 0 };
			if (timeout_ms == 0 || left <= 0)
				return 0;
			poll(&pfd, 1, (int)(left > INT_MAX ? INT_MAX : left));
			continue;
		}
		next_event(p, tid, status, &raw);
		if (dispatch_event(p, &raw, false) && !p->exited) {
			r = stop_all(p);
			if (r < 0)
				return r;
			/* Held only to step a breakpoint in place: nothing to report, carry on. */
			if (!p->exited && !evq_has_stop(p))
				resume_all(p);
		}
		/* Events handled inside (hits of false conditions, signals passed silently) can come
		 * without pause: a timed wait still returns at its deadline, so that the caller can
		 * look at its terminal or a Ctrl-C. */
		if (timeout_ms > 0 && !p->evq_len && now_ms() >= deadline)
			return 0;
	}
}

int cdbg_event_fd(cdbg_proc *p)
{
	int r = cdbg__check_owner(p, "get the event descriptor");
	int fd;

	if (r < 0)
		return r;
	fd = evpipe_fd(p);
	if (fd < 0)
		return cdbg__fail(p, -EMFILE, "cannot create the event descriptor: out of descriptors");
	if (p->evq_len)
		evpipe_poke(p);
	return fd;
}

/* ---- resuming --------------------------------------------------------------------------------- */

int loop_require_stopped(cdbg_proc *p, const char *what)
{
	int r = require_proc(p, what);

	if (r < 0)
		return r;
	if (!p->all_stopped)
		return cdbg__fail(p, CDBG_ERUNNING, "cannot %s: process %d is running; interrupt it "
				  "first", what, (int)p->pid);
	return 0;
}

/* The stopped thread tid, or NULL with the failure recorded. */
struct thread *loop_stopped_thread(cdbg_proc *p, pid_t tid, const char *what)
{
	struct thread *t;

	if (loop_require_stopped(p, what) < 0)
		return NULL;
	t = thread_find(&p->threads, tid);
	if (!t || t->unclaimed) {
		cdbg__fail(p, CDBG_ENOTHREAD, "cannot %s: process %d has no thread %d", what,
			   (int)p->pid, (int)tid);
		return NULL;
	}
	if (t->state != TS_STOPPED) {
		cdbg__fail(p, CDBG_ENOTHREAD, "cannot %s: thread %d is %s", what, (int)tid,
			   thread_state_name(t->state));
		return NULL;
	}
	return t;
}

int cdbg_cont(cdbg_proc *p)
{
	int r = loop_require_stopped(p, "continue");

	if (r < 0)
		return r;
	cdbg__clear_error(p);
	evq_purge_stale(p);
	if (evq_has_stop(p)) {
		/* Another thread's stop is still to be reported: it comes next, nobody runs. */
		evpipe_poke(p);
		return 0;
	}
	resume_all(p);
	return 0;
}

int cdbg_step(cdbg_proc *p, pid_t tid)
{
	struct thread *t = loop_stopped_thread(p, tid, "step");
	struct bp_site *s;

	if (!t)
		return cdbg_errcode(p);
	if (t->stop == SK_GROUP || t->exit_stop)
		return cdbg__fail(p, CDBG_EBADSTATE, "cannot step thread %d: it is %s", (int)tid,
				  t->exit_stop ? "exiting" : "stopped by job control (SIGSTOP)");
	cdbg__clear_error(p);
	evq_purge_stale(p);
	if (evq_has_stop(p)) {
		/* Another thread's stop is still to be reported: it comes first. */
		evpipe_poke(p);
		return 0;
	}
	if ((s = needs_in_place(p, t))) {
		/* No out-of-line copy: the step is the in-place step-over itself. */
		int r2 = step_in_place(p, t, s);
		if ((r2 < 0 && p->exited) || r2 == 1)
			return 0; /* gone, or a watchpoint hit queued instead of the step */
		t->stop = SK_STEP;
		evq_push(p, CDBG_EV_STEP, tid, NULL);
		return 0;
	}
	if (p->bp.nsites && loop_regs_fetch(p, t) < 0)
		return cdbg_errcode(p);
	p->all_stopped = false;
	p->step_tid = tid;
	resume_one(p, t);
	return 0;
}

int cdbg_interrupt(cdbg_proc *p)
{
	int r = require_proc(p, "interrupt");

	if (r < 0)
		return r;
	if (p->all_stopped)
		return 0;
	r = stop_all(p);
	if (r < 0)
		return r;
	if (!p->exited)
		evq_push(p, CDBG_EV_STOPPED, p->pid, NULL);
	return 0;
}

/* ---- letting go ------------------------------------------------------------------------------ */

/* Fork children still held: wait for their first stop, then let them go. */
static void forks_release_all(cdbg_proc *p)
{
	int status;

	for (size_t i = 0; i < p->n_forks; i++) {
		if (!p->forks[i].stopped && waitpid(p->forks[i].pid, &status, __WALL) < 0)
			continue;
		forks_detach(p, p->forks[i].pid, p->forks[i].shares_mm);
	}
	p->n_forks = 0;
}

/* Reap threads that passed their exit stop: they cannot be detached, and a traced zombie would
 * linger until we exit. Leaders are left: they are reaped with the whole process. */
static void reap_exiting(cdbg_proc *p)
{
	int status;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_EXITING && t->tid != p->pid)
			waitpid(t->tid, &status, __WALL);
	}
}

/* A thread that executed an int3 just before the all-stop may still have the SIGTRAP queued
 * in the kernel (the interrupt is reported before signals). Once we are gone that SIGTRAP
 * would kill the program: let the thread take it now, and put its pc back. */
static void flush_sigtraps(cdbg_proc *p)
{
	struct raw_event ev;
	int status;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED || t->stop == SK_GROUP || t->exit_stop || t->unclaimed ||
		    loop_regs_fetch(p, t) < 0)
			continue;
		uint64_t addr = arch_gpr_pc(&t->regs) - ARCH_BP_PC_ADJUST;
		struct bp_site *s = bp_site_at(p, addr);
		if (!(s && s->inserted) && !bp_is_moribund(p, addr))
			continue;
		if (!procfs_sigtrap_pending(p->pid, t->tid))
			continue;
		if (t->pending_sig)
			t->si_restore = true;
		uint64_t mask;
		bool quiet = quiet_begin(p, t, &mask);
		for (int n = 0; n < 8; n++) {
			flush_regs(p, t);
			t->regs_valid = false;
			if (pt(p, PTRACE_CONT, t->tid, NULL, NULL) < 0)
				break;
			while (waitpid(t->tid, &status, __WALL) < 0 && errno == EINTR)
				;
			next_event(p, t->tid, status, &ev);
			if (ev.kind != RAW_SIGNAL && ev.kind != RAW_INTERRUPT)
				break;
			if (ev.kind == RAW_SIGNAL && ev.sig == SIGTRAP) {
				if (loop_regs_fetch(p, t) == 0 && arch_gpr_pc(&t->regs) == addr + ARCH_BP_PC_ADJUST) {
					arch_gpr_set_pc(&t->regs, addr);
					t->regs_dirty = true;
				}
				break;
			}
			if (ev.kind == RAW_SIGNAL && !t->pending_sig) {
				t->pending_sig = ev.sig;
				t->si = ev.si;
				t->si_valid = t->si_restore = true;
			}
		}
		quiet_end(p, t, quiet, &mask);
	}
}

/* Every thread out of the out-of-line copies before they are unmapped. One blocked in a system
 * call run from a copy goes to the same place in the program's own code (the kernel will
 * rewind it onto the syscall instruction there); others are stepped out. */
static void evacuate_slots(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		struct bp_site *s;
		if (t->state != TS_STOPPED || t->exit_stop || t->unclaimed)
			continue;
		for (int n = 0; n < 8 && loop_regs_fetch(p, t) == 0; n++) {
			uint64_t pc = arch_gpr_pc(&t->regs);
			if (!(s = bp_slot_site(p, pc)))
				break;
			if (pc == s->slot || (arch_syscall_will_restart(&t->regs) &&
					      pc - s->slot <= s->insn_len)) {
				arch_gpr_set_pc(&t->regs, s->addr + (pc - s->slot));
				t->regs_dirty = true;
				break;
			}
			if (step_raw(p, t) < 0)
				break;
			if (t->stop == SK_SIGNAL)
				t->si_restore = true; /* the step replaced its signal's siginfo */
		}
		t->in_slot = false;
	}
}

/* Every thread out of the SIGTRAP parachute's code (one ran it for a SIGTRAP of the program's
 * own that cdbg passed on) before it is unmapped: stepped out, through its loops. */
static void evacuate_parachute(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED || t->exit_stop || t->unclaimed)
			continue;
		for (int n = 0; n < (1 << 18) && loop_regs_fetch(p, t) == 0; n++)
			if (!bp_parachute_at(p, arch_gpr_pc(&t->regs)) || step_raw(p, t) < 0)
				break;
	}
}

/* Before detaching: no int3, no debug register, no scratch mapping of ours stays. */
static void remove_all_traces(cdbg_proc *p)
{
	uint64_t base[16], ret, args[6] = { 0 };
	size_t size[16], n;

	if (!p->bp.nsites && !p->bp.nmoribund && !p->bp.nscratch && !p->bp.dr7)
		return;
	flush_sigtraps(p);
	evacuate_slots(p);
	if (bp_lift_all(p, true) < 0)
		logw(p, "some breakpoints could not be removed from %d", (int)p->pid);
	if (p->bp.dr7) {
		p->bp.dr7 = 0;
		memset(p->bp.hw, 0, sizeof(p->bp.hw));
		loop_apply_debugregs(p);
	}
	evacuate_parachute(p);  /* janitor hook: the SIGTRAP parachute, */
	bp_parachute_remove(p); /* before the scratch area it lives in goes */
	n = bp_scratch_areas(p, base, size, 16);
	/* Each munmap runs from the syscall instruction at the start of area 0: unmap it last. */
	for (size_t i = n < 16 ? n : 16; i-- > 0;) {
		struct thread *t = injectable_thread(p);
		args[0] = base[i];
		args[1] = size[i];
		if (!t || loop_syscall(p, t, 11 /* munmap */, args, &ret) < 0 || ret)
			logw(p, "cannot unmap the scratch memory at %#llx", (unsigned long long)base[i]);
	}
	bp_drop_memory(p);
}

int cdbg_detach(cdbg_proc *p)
{
	int r = require_proc(p, "detach");

	if (r < 0)
		return r;
	if (!p->all_stopped && (r = stop_all(p)) < 0)
		return r;
	if (p->exited)
		return cdbg__fail(p, CDBG_EEXITED, "cannot detach: process exited");
	remove_all_traces(p);
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED)
			continue;
		if (t->si_restore && t->pending_sig && t->si_valid)
			pt(p, PTRACE_SETSIGINFO, t->tid, NULL, &t->si);
		flush_regs(p, t);
		/* A thread in group-stop goes back to it: the kernel re-instates job control. */
		r = (int)pt(p, PTRACE_DETACH, t->tid, NULL,
			    (void *)(long)(t->stop == SK_GROUP ? 0 : t->pending_sig));
		if (r < 0 && r != -ESRCH)
			logw(p, "thread %d: detach failed: %s", t->tid, cdbg__errstr(r));
	}
	reap_exiting(p);
	forks_release_all(p);
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	mem_close(p);
	logd(p, "detached from %d", (int)p->pid);
	janitor_release(p); /* janitor hook */
	handle_reset(p);
	if (owned_live == p)
		owned_live = NULL;
	return 0;
}

int cdbg_kill(cdbg_proc *p)
{
	int r = require_proc(p, "kill");
	int status;

	if (r < 0)
		return r;
	kill(p->pid, SIGKILL);
	/* Reap every thread until the leader's death is reported. */
	for (;;) {
		pid_t tid = wait_any(&status, 0);
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			break;
		if (tid == p->pid && (WIFEXITED(status) || WIFSIGNALED(status)))
			break;
		if (WIFSTOPPED(status))
			pt(p, PTRACE_CONT, tid, NULL, NULL); /* an exit stop racing with the kill */
	}
	forks_release_all(p);
	thread_table_free(&p->threads);
	thread_table_init(&p->threads);
	bp_drop_memory(p);
	janitor_release(p); /* janitor hook */
	mem_close(p);
	handle_reset(p);
	if (owned_live == p)
		owned_live = NULL;
	return 0;
}

/* ---- registers: the requests regs.c needs ---------------------------------------------------- */

int loop_regs_fetch(cdbg_proc *p, struct thread *t)
{
	struct iovec iov = { &t->regs, sizeof(t->regs) };
	long r;

	if (t->regs_valid)
		return 0;
	r = pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)NT_PRSTATUS, &iov);
	if (r < 0)
		return cdbg__fail(p, (int)r, "cannot read the registers of thread %d: %s", t->tid,
				  cdbg__errstr((int)r));
	t->regs_valid = true;
	return 0;
}

/* The first read in a process learns the kernel's block: GETREGSET with a larger buffer than
 * the CPU can need, which the kernel shortens to its regset's size (that size, not CPUID's, is
 * the one SETREGSET accepts); a kernel without XSAVE has only the 512-byte FXSAVE block. */
static int xstate_learn(cdbg_proc *p, struct thread *t)
{
	size_t cap = arch_xstate_probe_size();
	int note = arch_xstate_note();
	unsigned char *buf = NULL;
	struct iovec iov;
	long r;

	for (;;) {
		free(buf);
		if (!(buf = calloc(1, cap)))
			return cdbg__fail(p, -ENOMEM, "cannot read the extended state: out of "
					  "memory");
		iov.iov_base = buf;
		iov.iov_len = cap;
		r = pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)note, &iov);
		if (r < 0 || iov.iov_len < cap || cap >= (1u << 20))
			break;
		cap *= 2; /* filled: the kernel may have more */
	}
	if (r == -ENODEV || r == -EINVAL) {
		note = arch_fpregs_note();
		iov.iov_base = buf;
		iov.iov_len = arch_fpregs_size();
		r = pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)note, &iov);
	}
	if (r == 0 && iov.iov_len < arch_fpregs_size())
		r = -EIO;
	if (r < 0) {
		free(buf);
		return cdbg__fail(p, (int)r, "cannot read the extended state of thread %d: %s",
				  t->tid, cdbg__errstr((int)r));
	}
	arch_xstate_learn(&p->xstate, buf, iov.iov_len, note);
	cdbg__log(p, CDBG_LOG_DEBUG, "extended state: %zu bytes (regset %d), features %#llx",
		  p->xstate.size, note, (unsigned long long)p->xstate.xfeatures);
	free(t->xstate);
	t->xstate = buf;
	t->xstate_valid = true;
	return 0;
}

int loop_xstate_fetch(cdbg_proc *p, struct thread *t)
{
	struct iovec iov;
	long r;

	if (t->xstate_valid)
		return 0;
	if (!p->xstate.size)
		return xstate_learn(p, t);
	if (!t->xstate && !(t->xstate = calloc(1, p->xstate.size)))
		return cdbg__fail(p, -ENOMEM, "cannot read the extended state: out of memory");
	iov.iov_base = t->xstate;
	iov.iov_len = p->xstate.size;
	r = pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)p->xstate.note, &iov);
	if (r < 0)
		return cdbg__fail(p, (int)r, "cannot read the extended state of thread %d: %s",
				  t->tid, cdbg__errstr((int)r));
	t->xstate_valid = true;
	return 0;
}

/* ---- code in the tracee: system calls, scratch memory, debug registers ------------------------ */

/* A stopped thread that can run a system call for us: preferably one that is not inside a
 * system call's event stop (see loop_settle), and never a vfork parent (it would wait for the
 * child). */
static struct thread *injectable_thread(cdbg_proc *p)
{
	struct thread *in_event = NULL;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_STOPPED || t->stop == SK_GROUP || t->exit_stop || t->unclaimed)
			continue;
		if (t->stop != SK_EVENT)
			return t;
		if (!in_event && !t->vfork_parent)
			in_event = t;
	}
	return in_event;
}

/* A thread in an event stop (clone, fork, exec) is inside the system call: the call's result is
 * stored into rax only when the thread goes on, after any registers we set. Running code in it
 * then would make the injected code see that result as its own rax and the program see ours as
 * the call's result (a clone3 that "failed" after creating the thread: glibc starts the thread
 * a second time on the same stack). Let the call finish first: a single-step from the event
 * stop returns to user mode and traps before the next instruction. */
int loop_settle(cdbg_proc *p, struct thread *t)
{
	int r;

	if (t->stop != SK_EVENT || t->exit_stop)
		return 0;
	if (t->vfork_parent)
		return cdbg__fail(p, CDBG_EBADSTATE, "cannot run code in thread %d: it waits in "
				  "vfork for its child", t->tid);
	if ((r = step_raw(p, t)) < 0)
		return cdbg__fail(p, r, "cannot run code in thread %d: it %s", t->tid,
				  r == -ESRCH ? "exited" : "could not leave its system call");
	t->stop = SK_STEP;
	return 0;
}

struct thread *loop_injectable_thread(cdbg_proc *p)
{
	return injectable_thread(p);
}

/* Run system call nr in stopped thread t: its registers are saved, set up for the call at an
 * address holding a `syscall` instruction, single-stepped, and restored. The stop the thread
 * sat in may have been inside an interrupted system call of its own: with orig_rax -1 the
 * kernel leaves our registers alone, and once the saved ones (orig_rax included) are back it
 * restarts that call as it would have. */
int loop_syscall(cdbg_proc *p, struct thread *t, long nr, const uint64_t args[6], uint64_t *ret)
{
	unsigned char saved_code[sizeof(arch_syscall_insn)];
	struct arch_gpr saved;
	uint64_t at;
	bool patched = false;
	int r;

	if (loop_settle(p, t) < 0 || loop_regs_fetch(p, t) < 0)
		return cdbg_errcode(p);
	saved = t->regs;
	uint64_t mask = 0;
	if (loop_sigmask(p, t, &mask, NULL) == 0)
		bp_parachute_inflight(p, t->tid, &saved, mask); /* write-ahead, for cdbg's death */
	if (p->bp.nscratch) {
		at = p->bp.scratch[0].base; /* each scratch area starts with a syscall instruction */
	} else {
		at = arch_gpr_pc(&t->regs);
		if (mem_raw_read(p, at, saved_code, sizeof(saved_code)) != sizeof(saved_code) ||
		    (janitor_bytes(p, at, saved_code, sizeof(saved_code), false), 0) || /* janitor hook */
		    mem_raw_write(p, at, arch_syscall_insn, sizeof(arch_syscall_insn)) !=
			    sizeof(arch_syscall_insn))
			return cdbg__fail(p, -EFAULT, "cannot run a system call in thread %d: its code "
					  "at %#llx cannot be written", t->tid, (unsigned long long)at);
		patched = true;
	}
	arch_setup_syscall(&t->regs, nr, args, at);
	t->regs_dirty = true;
	r = step_raw(p, t);
	if (r == 0 && loop_regs_fetch(p, t) == 0)
		*ret = arch_syscall_result(&t->regs);
	if (patched && mem_raw_write(p, at, saved_code, sizeof(saved_code)) == sizeof(saved_code))
		janitor_bytes_done(p, at, false); /* janitor hook */
	if (r < 0) {
		bp_parachute_inflight(p, 0, NULL, 0);
		return cdbg__fail(p, r, "cannot run a system call in thread %d: the thread %s", t->tid,
				  r == -ESRCH ? "exited" : "kept being interrupted");
	}
	t->regs = saved;
	t->regs_valid = true;
	t->regs_dirty = true;
	flush_regs(p, t); /* its own registers in the kernel before the record goes */
	bp_parachute_inflight(p, 0, NULL, 0);
	if (t->pending_sig)
		t->si_restore = true;
	return 0;
}

int cdbg_syscall(cdbg_proc *p, pid_t tid, long nr, const uint64_t args[6], uint64_t *ret)
{
	struct thread *t = loop_stopped_thread(p, tid, "run a system call");

	if (!t)
		return cdbg_errcode(p);
	if (t->stop == SK_GROUP || t->exit_stop)
		return cdbg__fail(p, CDBG_EBADSTATE, "cannot run a system call in thread %d: it is %s",
				  (int)tid, t->exit_stop ? "exiting" : "stopped by job control");
	cdbg__clear_error(p);
	return loop_syscall(p, t, nr, args, ret);
}

/* Map size bytes of executable scratch memory within reach of near (for out-of-line copies);
 * it starts with a syscall instruction for later injections, then a trap instruction that
 * functions called in the tracee return to. */
int loop_scratch_map(cdbg_proc *p, uint64_t near, size_t size, uint64_t *base)
{
	struct thread *t = injectable_thread(p);
	uint64_t ret = 0, hint = procfs_find_gap(p->pid, near, size, ARCH_SLOT_REACH);
	uint64_t args[6] = { hint, size, PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS | (hint ? MAP_FIXED_NOREPLACE : 0),
			     (uint64_t)-1, 0 };

	if (!t || !hint)
		return -ENOMEM;
	janitor_scratch(p, hint, size); /* janitor hook: write-ahead */
	if (loop_syscall(p, t, 9 /* mmap */, args, &ret) < 0 || ret > (uint64_t)-4096)
		return janitor_scratch_done(p, hint), -ENOMEM; /* janitor hook */
	unsigned char head[sizeof(arch_syscall_insn) + ARCH_BP_LEN];
	memcpy(head, arch_syscall_insn, sizeof(arch_syscall_insn));
	memcpy(head + sizeof(arch_syscall_insn), arch_bp_insn, ARCH_BP_LEN);
	if (mem_raw_write(p, ret, head, sizeof(head)) != sizeof(head))
		return -EFAULT;
	logd(p, "scratch memory for out-of-line copies at %#llx", (unsigned long long)ret);
	*base = ret;
	return 0;
}

static void apply_debugregs_one(cdbg_proc *p, struct thread *t)
{
	/* DR7 off first, so no half-written address is ever armed. */
	pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(7), NULL);
	for (int i = 0; i < ARCH_NUM_HW; i++)
		if (p->bp.hw[i])
			pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(i),
			   (void *)p->bp.hw[i]->addr);
	if (p->bp.dr7)
		pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(7), (void *)p->bp.dr7);
}

/* Give every thread the debug registers (threads born later get them at their first stop). */
int loop_apply_debugregs(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_STOPPED && !t->exit_stop)
			apply_debugregs_one(p, t);
	}
	return 0;
}

/* Let stopped thread t run alone (no signal; every other thread stays stopped) until it stops
 * for a signal, at most timeout_ms (then it is interrupted). What else happens meanwhile is
 * handled as during an all-stop: a child it forks is let go, a thread it creates is held, its
 * own clone/fork/exec event stops are taken in stride. Returns 0 with the stop in *ev,
 * -ETIMEDOUT (t stopped again), or -ESRCH when t died. */
int loop_run_alone(cdbg_proc *p, struct thread *t, int timeout_ms, struct raw_event *ev)
{
	long deadline = now_ms() + timeout_ms;
	bool timed_out = false;
	int status, fd = evpipe_fd(p);
	pid_t tid = t->tid, r;

	flush_regs(p, t);
	thread_set_state(p, t, TS_RUNNING);
	if (pt(p, PTRACE_CONT, tid, NULL, NULL) < 0)
		return -ESRCH;
	for (;;) {
		evpipe_drain(p);
		r = wait_any(&status, WNOHANG);
		if (r < 0 && errno != EINTR)
			return -ESRCH;
		if (r > 0) {
			next_event(p, r, status, ev);
			if (r != tid || ev->kind == RAW_EXITED || ev->kind == RAW_KILLED) {
				dispatch_event(p, ev, true);
				if (r == tid || !(t = thread_find(&p->threads, tid)))
					return -ESRCH;
				continue;
			}
			bool irq = ev->kind == RAW_INTERRUPT || ev->kind == RAW_GROUP_STOP;
			if ((ev->kind != RAW_SIGNAL && !irq && ev->kind != RAW_EXIT_STOP) ||
			    (irq && !timed_out)) {
				/* An event of its own (or a stale interrupt): account for it, go on. */
				thread_set_state(p, t, TS_STOPPING);
				if (!irq)
					dispatch_event(p, ev, true);
				if (!(t = thread_find(&p->threads, tid)))
					return -ESRCH;
				flush_regs(p, t);
				thread_set_state(p, t, TS_RUNNING);
				if (pt(p, PTRACE_CONT, tid, NULL, NULL) < 0)
					return -ESRCH;
				continue;
			}
			thread_set_state(p, t, TS_STOPPED);
			t->stop = ev->kind == RAW_SIGNAL ? SK_SIGNAL : irq ? SK_INTERRUPT : SK_EVENT;
			t->exit_stop = ev->kind == RAW_EXIT_STOP;
			return timed_out && irq ? -ETIMEDOUT : 0;
		}
		long left = deadline - now_ms();
		if (left <= 0 && !timed_out) {
			timed_out = true;
			pt(p, PTRACE_INTERRUPT, tid, NULL, NULL);
			deadline = now_ms() + 5000;
			left = 100;
		} else if (left <= 0) {
			return -ESRCH;
		}
		struct pollfd pfd = { fd, POLLIN, 0 };
		poll(&pfd, 1, (int)(left > 100 ? 100 : left));
	}
}

/* The thread's blocked-signal mask (PTRACE_GETSIGMASK/SETSIGMASK). */
int loop_sigmask(cdbg_proc *p, struct thread *t, uint64_t *get, const uint64_t *set)
{
	long r = 0;

	if (get)
		r = pt(p, PTRACE_GETSIGMASK, t->tid, (void *)sizeof(*get), get);
	if (r == 0 && set)
		r = pt(p, PTRACE_SETSIGMASK, t->tid, (void *)sizeof(*set), (void *)set);
	return (int)r;
}

/* Write back t's registers now (they are needed by a request about to be made). */
int loop_flush_regs(cdbg_proc *p, struct thread *t)
{
	return flush_regs(p, t);
}

/* ---- handle lifetime -------------------------------------------------------------------------- */

static void default_policy(cdbg_proc *p)
{
	static const int quiet[] = { SIGALRM, SIGURG, SIGCHLD, SIGWINCH, SIGPROF, SIGVTALRM, SIGIO };

	for (int s = 1; s <= 64; s++)
		p->sigpolicy[s] = CDBG_SIG_STOP | CDBG_SIG_PASS;
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		p->sigpolicy[quiet[i]] = CDBG_SIG_PASS;
	p->sigpolicy[SIGINT] = CDBG_SIG_STOP;
	p->sigpolicy[SIGTRAP] = CDBG_SIG_STOP;
}

cdbg_proc *cdbg_new(void)
{
	cdbg_proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->owner = pthread_self();
	p->owner_tid = gettid();
	p->mem_fd = -1;
	p->evpipe[0] = p->evpipe[1] = -1;
	p->stop_mask = ALWAYS_STOP | (1u << CDBG_EV_EXEC);
	default_policy(p);
	if (thread_table_init(&p->threads) < 0) {
		free(p);
		return NULL;
	}
	return p;
}

int cdbg_free(cdbg_proc *p)
{
	if (!p)
		return 0;
	/* From another thread while a process is held: detaching is impossible there, freeing
	 * would leave the program stopped with our int3s in. Refuse, change nothing. */
	if (p->pid && !p->exited && cdbg__check_owner(p, "free the handle") < 0)
		return CDBG_EWRONGTHREAD;
	if (p->pid && !p->exited) {
		if (p->launched) {
			if (cdbg_kill(p) < 0)
				logw(p, "kill on free failed: %s", p->errmsg);
		} else if (cdbg_detach(p) < 0) {
			logw(p, "detach on free failed: %s", p->errmsg);
		}
	}
	if (owned_live == p)
		owned_live = NULL;
	mem_close(p);
	bp_forget_all(p);
	cdbg__hooks_run(p, CDBG__HOOK_FREE);
	thread_table_free(&p->threads);
	evpipe_close(p);
	free(p->forks);
	free(p);
	return 0;
}

int cdbg__hook_add(cdbg_proc *p, enum cdbg__hook_kind kind, cdbg__hook_fn fn, void *data)
{
	struct cdbg__hook *h = p->hooks[kind];

	for (int i = 0; i < CDBG__HOOKS_MAX; i++) {
		if (h[i].fn == fn)
			return 0;
		if (!h[i].fn) {
			h[i].fn = fn;
			h[i].data = data;
			return 0;
		}
	}
	return -ENOSPC;
}

void cdbg__hooks_run(cdbg_proc *p, enum cdbg__hook_kind kind)
{
	for (int i = 0; i < CDBG__HOOKS_MAX && p->hooks[kind][i].fn; i++)
		p->hooks[kind][i].fn(p, p->hooks[kind][i].data);
}

unsigned cdbg_set_stop_events(cdbg_proc *p, unsigned mask)
{
	unsigned old = p->stop_mask;

	if (cdbg__check_owner(p, "change which events stop the process") < 0)
		return ~0u;

	p->stop_mask = mask | ALWAYS_STOP;
	return old;
}

int cdbg_signal_policy(cdbg_proc *p, int signo, int policy)
{
	int old = cdbg__check_owner(p, "change the handling of a signal");

	if (old < 0)
		return old;
	if (signo <= 0 || signo > 64 || signo == SIGKILL || signo == SIGSTOP || policy < 0 ||
	    policy > (CDBG_SIG_STOP | CDBG_SIG_PASS))
		return cdbg__fail(p, -EINVAL, "cannot change the handling of signal %d", signo);
	old = p->sigpolicy[signo];
	p->sigpolicy[signo] = (unsigned char)policy;
	return old;
}

int cdbg_set_pending_signal(cdbg_proc *p, pid_t tid, int signo)
{
	struct thread *t = loop_stopped_thread(p, tid, "set the pending signal");

	if (!t)
		return cdbg_errcode(p);
	if (signo < 0 || signo > 64)
		return cdbg__fail(p, -EINVAL, "cannot deliver signal %d: no such signal", signo);
	/* The signal the thread stopped with keeps its siginfo (gdb's `signal SIG` after a stop
	 * for SIG); another gets the one the kernel makes (SI_USER from cdbg). */
	if (t->si_valid && t->si.si_signo == signo)
		t->si_restore = true;
	else
		t->si_valid = t->si_restore = false;
	t->pending_sig = signo;
	return 0;
}

int cdbg_pending_signal(cdbg_proc *p, pid_t tid)
{
	struct thread *t = loop_stopped_thread(p, tid, "read the pending signal");

	return t ? t->pending_sig : cdbg_errcode(p);
}

pid_t cdbg_pid(const cdbg_proc *p)
{
	return p && !p->exited ? p->pid : 0;
}

int cdbg_is_launched(const cdbg_proc *p)
{
	return p && p->launched;
}

static int by_seq(const void *a, const void *b)
{
	const struct thread *x = *(struct thread *const *)a, *y = *(struct thread *const *)b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int cdbg_threads(cdbg_proc *p, pid_t *tids, size_t max)
{
	struct thread **v;
	size_t n = 0;
	int r = require_proc(p, "list threads");

	if (r < 0)
		return r;
	v = malloc((p->threads.count + 1) * sizeof(*v));
	if (!v)
		return cdbg__fail(p, -ENOMEM, "cannot list threads: out of memory");
	for (size_t i = 0; i < p->threads.count; i++)
		if (!p->threads.all[i]->unclaimed)
			v[n++] = p->threads.all[i];
	qsort(v, n, sizeof(*v), by_seq);
	for (size_t i = 0; tids && i < n && i < max; i++)
		tids[i] = v[i]->tid;
	free(v);
	return (int)n;
}

int cdbg_thread_info(cdbg_proc *p, pid_t tid, struct cdbg_thread_info *info)
{
	struct thread *t;
	int r = require_proc(p, "describe a thread");

	if (r < 0)
		return r;
	t = thread_find(&p->threads, tid);
	if (!t || t->unclaimed)
		return cdbg__fail(p, CDBG_ENOTHREAD, "process %d has no thread %d", (int)p->pid,
				  (int)tid);
	memset(info, 0, sizeof(*info));
	info->tid = tid;
	switch (t->state) {
	case TS_STOPPED: info->state = CDBG_THREAD_STOPPED; break;
	case TS_EXITING: info->state = CDBG_THREAD_EXITING; break;
	case TS_ZOMBIE: info->state = CDBG_THREAD_ZOMBIE; break;
	default: info->state = CDBG_THREAD_RUNNING; break;
	}
	if (procfs_comm(p->pid, tid, info->name, sizeof(info->name)) < 0)
		snprintf(info->name, sizeof(info->name), "?");
	info->proc_state = procfs_task_state(p->pid, tid);
	return 0;
}

const char *cdbg_version(void)
{
	return CDBG_VERSION_STRING;
}

const char *cdbg_event_name(enum cdbg_event_kind kind)
{
	static const char *const names[] = { "none", "stopped", "signal", "thread-new",
					     "thread-exit", "exited", "killed", "exec", "fork",
					     "vfork", "step", "breakpoint", "watchpoint",
					     "libraries", "step-end", "finished" };
	return (unsigned)kind < CDBG_EV__COUNT ? names[kind] : "?";
}
