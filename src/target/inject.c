/*
 * inject.c - code run in the tracee for cdbg: system calls (loop_syscall, cdbg_syscall), scratch
 * memory, debug registers, running one thread alone, signal masks.
 *
 * Owns: the registers and code borrowed while an injection runs, and giving them back. Must not:
 * leave a thread with registers or a mask that are not its own once a call returns.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target/loop.h"
#include "janitor/janitor.h"

/* ---- code in the tracee: system calls, scratch memory, debug registers ------------------------ */

/* A stopped thread that can run a system call for us: preferably one that is not inside a
 * system call's event stop (see loop_settle), and never a vfork parent (it would wait for the
 * child). */
struct thread *loop_injectable_thread(cdbg_proc *p)
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
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot run code in thread %d: it waits in "
				  "vfork for its child",
				  t->tid);
	if ((r = loop_step_raw(p, t)) < 0)
		return cdbg__fail(p, r, "cannot run code in thread %d: it %s", t->tid,
				  r == -ESRCH ? "exited" : "could not leave its system call");
	t->stop = SK_STEP;
	return 0;
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

	if (p->core)
		return loop_require_live(p, "run a system call");
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
		if (bp_code_borrow(p, at, arch_syscall_insn, saved_code, sizeof(saved_code)) < 0)
			return cdbg__fail(p, -EFAULT,
					  "cannot run a system call in thread %d: its code "
					  "at %#llx cannot be written",
					  t->tid, (unsigned long long)at);
		patched = true;
	}
	arch_setup_syscall(&t->regs, nr, args, at);
	t->regs_dirty = true;
	r = loop_step_raw(p, t);
	if (r == 0 && loop_regs_fetch(p, t) == 0)
		*ret = arch_syscall_result(&t->regs);
	if (patched)
		bp_code_return(p, at, saved_code, sizeof(saved_code));
	if (r < 0) {
		bp_parachute_inflight(p, 0, NULL, 0);
		return cdbg__fail(p, r, "cannot run a system call in thread %d: the thread %s",
				  t->tid, r == -ESRCH ? "exited" : "kept being interrupted");
	}
	t->regs = saved;
	t->regs_valid = true;
	t->regs_dirty = true;
	loop_flush_regs(p, t); /* its own registers in the kernel before the record goes */
	bp_parachute_inflight(p, 0, NULL, 0);
	if (t->pending_sig)
		t->si_restore = true;
	return 0;
}

int cdbg_syscall(cdbg_proc *p, pid_t tid, long nr, const uint64_t args[6], uint64_t *ret)
{
	struct thread *t = loop_stopped_thread(p, tid, "run a system call");

	if (!t || loop_require_live(p, "run a system call") < 0)
		return cdbg_errcode(p);
	if (t->stop == SK_GROUP || t->exit_stop)
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot run a system call in thread %d: it is %s", (int)tid,
				  t->exit_stop ? "exiting" : "stopped by job control");
	cdbg__clear_error(p);
	return loop_syscall(p, t, nr, args, ret);
}

/* Map size bytes of executable scratch memory within reach of near (for out-of-line copies);
 * it starts with a syscall instruction for later injections, then a trap instruction that
 * functions called in the tracee return to. */
int loop_scratch_map(cdbg_proc *p, uint64_t near, size_t size, uint64_t *base)
{
	struct thread *t = loop_injectable_thread(p);
	uint64_t ret = 0, hint = procfs_find_gap(p->pid, near, size, ARCH_SLOT_REACH);
	uint64_t args[6] = { hint,
			     size,
			     PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS | (hint ? MAP_FIXED_NOREPLACE : 0),
			     (uint64_t)-1,
			     0 };

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

void loop_apply_debugregs_one(cdbg_proc *p, struct thread *t)
{
	/* DR7 off first, so no half-written address is ever armed. */
	loop_pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(7), NULL);
	for (int i = 0; i < ARCH_NUM_HW; i++)
		if (p->bp.hw[i])
			loop_pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(i),
				(void *)p->bp.hw[i]->addr);
	if (p->bp.dr7)
		loop_pt(p, PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(7), (void *)p->bp.dr7);
}

/* Give every thread the debug registers (threads born later get them at their first stop). */
int loop_apply_debugregs(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_STOPPED && !t->exit_stop)
			loop_apply_debugregs_one(p, t);
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
	long deadline = loop_now_ms() + timeout_ms;
	bool timed_out = false;
	int status, fd;
	pid_t tid = t->tid, r;

	if (p->core)
		return loop_require_live(p, "run a thread");
	fd = loop_evpipe_fd(p);
	loop_flush_regs(p, t);
	thread_set_state(p, t, TS_RUNNING);
	if (loop_pt(p, PTRACE_CONT, tid, NULL, NULL) < 0)
		return -ESRCH;
	for (;;) {
		loop_evpipe_drain(p);
		r = loop_wait_any(&status, WNOHANG);
		if (r < 0 && errno != EINTR)
			return -ESRCH;
		if (r > 0) {
			loop_next_event(p, r, status, ev);
			if (r != tid || ev->kind == RAW_EXITED || ev->kind == RAW_KILLED) {
				loop_dispatch_event(p, ev, true);
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
					loop_dispatch_event(p, ev, true);
				if (!(t = thread_find(&p->threads, tid)))
					return -ESRCH;
				loop_flush_regs(p, t);
				thread_set_state(p, t, TS_RUNNING);
				if (loop_pt(p, PTRACE_CONT, tid, NULL, NULL) < 0)
					return -ESRCH;
				continue;
			}
			thread_set_state(p, t, TS_STOPPED);
			t->stop = ev->kind == RAW_SIGNAL ? SK_SIGNAL :
				  irq                    ? SK_INTERRUPT :
							   SK_EVENT;
			t->exit_stop = ev->kind == RAW_EXIT_STOP;
			return timed_out && irq ? -ETIMEDOUT : 0;
		}
		long left = deadline - loop_now_ms();
		if (left <= 0 && !timed_out) {
			timed_out = true;
			loop_pt(p, PTRACE_INTERRUPT, tid, NULL, NULL);
			deadline = loop_now_ms() + 5000;
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
		r = loop_pt(p, PTRACE_GETSIGMASK, t->tid, (void *)sizeof(*get), get);
	if (r == 0 && set)
		r = loop_pt(p, PTRACE_SETSIGMASK, t->tid, (void *)sizeof(*set), (void *)set);
	return (int)r;
}

int loop_siginfo(cdbg_proc *p, struct thread *t, siginfo_t *get, const siginfo_t *set)
{
	long r = 0;

	/* The signal cdbg holds the thread in has its siginfo kept here (a step over a
	 * breakpoint may have replaced the kernel's); a core's threads have only this. */
	if (get) {
		if (t->si_valid && t->pending_sig) {
			*get = t->si;
		} else if (p->core) {
			memset(get, 0, sizeof(*get));
			if (t->si_valid)
				*get = t->si;
		} else if (t->stop == SK_INTERRUPT) {
			/* cdbg's own stop (PTRACE_INTERRUPT): gdb stops threads with SIGSTOP and
			 * shows that, or a signal it saw arrive meanwhile: the signal queued for
			 * the thread next, else gdb's SIGSTOP (SI_TKILL from the debugger). */
			struct __ptrace_peeksiginfo_args a = { .off = 0, .flags = 0, .nr = 1 };
			if (loop_pt(p, PTRACE_PEEKSIGINFO, t->tid, &a, get) == 1 ||
			    (a.flags = PTRACE_PEEKSIGINFO_SHARED,
			     loop_pt(p, PTRACE_PEEKSIGINFO, t->tid, &a, get) == 1))
				return 0;
			memset(get, 0, sizeof(*get));
			get->si_signo = SIGSTOP;
			get->si_code = SI_TKILL;
			get->si_pid = getpid();
			get->si_uid = getuid();
		} else {
			r = loop_pt(p, PTRACE_GETSIGINFO, t->tid, NULL, get);
		}
	}
	if (r == 0 && set) {
		if (p->core)
			return loop_require_live(p, "write the siginfo");
		if (t->si_valid && t->pending_sig)
			t->si = *set;
		else
			r = loop_pt(p, PTRACE_SETSIGINFO, t->tid, NULL, (void *)set);
	}
	return (int)r;
}
