/*
 * janitor.c - the janitor: a small process that outlives cdbg and, if cdbg dies while it holds
 * an attached program (SIGKILL, a crash, the OOM killer), undoes what cdbg changed in it.
 *
 * Owns: the janitor process, from its double fork to its exit. It is the one file besides
 * src/target/ that calls ptrace and waitpid (scripts/check-tree allows exactly this file): it is a separate
 * process with its own tracees, after cdbg is gone. Must not: touch libcdbg's state. It runs in
 * a forked child of a process that may have other threads, so it uses only system calls and
 * async-signal-safe functions, its own static memory and the journal (journal.h), plus the
 * pure descriptions of arch.h.
 *
 * Life: it waits in poll() on the read end of a pipe whose write end only cdbg holds, and on a
 * pidfd of the program. The program exits: it exits. The pipe reports POLLHUP: cdbg closed it
 * (a clean detach: the journal says JR_CLEAN, it exits) or died. A dying process closes its
 * files in do_exit() (exit_files) before exit_notify() -> forget_original_parent() ->
 * exit_ptrace() releases its tracees, so the janitor wakes before the program's threads run
 * untraced. It then, at once:
 *   1. writes the program's bytes back over every int3 and patch through /proc/PID/mem (no
 *      tracer needed), so no thread can execute one of our int3s once released;
 *   2. seizes every thread (PTRACE_SEIZE fails with EPERM while the dying cdbg still traces it:
 *      it retries, for a few seconds at most) and interrupts it, re-listing /proc/PID/task
 *      until a pass finds no new thread;
 *   3. per thread: takes a SIGTRAP of ours it stopped for or has pending (suppressed, the pc
 *      moved back onto the int3's address), moves it out of the scratch memory (slot start ->
 *      the original address; a system call that restarts inside a slot -> the same offset in
 *      the original code; else single-steps it out, through cdbg's SIGTRAP parachute too);
 *   4. gives the program its SIGTRAP action back if cdbg's parachute is still the action
 *      (parachute.c: threads the dying cdbg released with its SIGTRAP ran it and wait on the
 *      breakpoint's address), unmaps the scratch areas (an injected munmap from the syscall
 *      instruction at the start of each), clears DR7, and detaches every thread with the signal
 *      it stopped with (a thread in group-stop goes back to it).
 * Every wait is bounded; it never leaves a thread stopped by itself.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch/arch.h"
#include "arch/x86_64/parachute.h"
#include "janitor/janitor.h"
#include "janitor/journal.h"

#define MAX_TASKS 4096
#define SEIZE_MS 5000 /* how long a thread may stay traced by the dying cdbg */
#define STOP_MS 3000  /* how long a seized thread may take to stop */
#define SIGTRAP_BIT (1ull << (SIGTRAP - 1))

/* One thread of the program, as the janitor holds it. */
struct task {
	pid_t tid;
	bool seized;      /* PTRACE_SEIZE succeeded */
	bool stopped;     /* in a ptrace-stop now */
	bool gone;        /* exited */
	bool group;       /* in group-stop (job control): detached with no signal, stays stopped */
	int sig;          /* signal to deliver at detach (the one it stopped with), 0 for none */
	bool trap_sdstop; /* stopped in the delivery of a SIGTRAP (checked at fix-up) */
	siginfo_t si;     /* its siginfo when trap_sdstop */
};

static struct task tasks[MAX_TASKS];
static int ntasks;
static struct jr_header *J;
static int mem_fd = -1;
static int log_fd = -1; /* CDBG_JANITOR_LOG names a file for a trace of what it did (fd 4) */

/* ---- small helpers (async-signal-safe) ---------------------------------------------------- */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap_us(long us)
{
	struct timespec ts = { 0, us * 1000 };

	nanosleep(&ts, NULL);
}

static char *fmt_int(char *out, long v)
{
	char tmp[24];
	int n = 0;

	if (v < 0) {
		*out++ = '-';
		v = -v;
	}
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 20);
	while (n)
		*out++ = tmp[--n];
	*out = 0;
	return out;
}

static void proc_path(char *buf, pid_t pid, pid_t tid, const char *leaf)
{
	char *e = buf;

	memcpy(e, "/proc/", 6);
	e = fmt_int(e + 6, pid);
	if (tid) {
		memcpy(e, "/task/", 6);
		e = fmt_int(e + 6, tid);
	}
	*e++ = '/';
	strcpy(e, leaf);
}

/* One line "janitor: what a b" in the log, if there is one. */
static void jlog(const char *what, long a, long b)
{
	char line[160], *e = line;
	size_t n = strlen(what);

	if (log_fd < 0)
		return;
	memcpy(e, "janitor: ", 9);
	e += 9;
	memcpy(e, what, n < 100 ? n : 100);
	e += n < 100 ? n : 100;
	*e++ = ' ';
	e = fmt_int(e, a);
	*e++ = ' ';
	e = fmt_int(e, b);
	*e++ = '\n';
	ssize_t w = write(log_fd, line, (size_t)(e - line));
	(void)w;
}

static long pt(int req, pid_t tid, void *addr, void *data)
{
	errno = 0;
	long r = ptrace((enum __ptrace_request)req, tid, addr, data);
	return r == -1 && errno ? -errno : r;
}

static struct task *task_find(pid_t tid)
{
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].tid == tid)
			return &tasks[i];
	return NULL;
}

/* ---- the journal ---------------------------------------------------------------------------- */

static uint32_t rec_kind(const struct jr_record *r)
{
	return __atomic_load_n(&r->kind, __ATOMIC_ACQUIRE);
}

static bool is_our_int3(uint64_t addr)
{
	for (uint32_t i = 0; i < J->nrec; i++)
		if (rec_kind(&J->rec[i]) == JR_INT3 && J->rec[i].addr == addr)
			return true;
	for (uint32_t i = 0; i < J->nmoribund && i < JR_MORIBUND; i++)
		if (J->moribund[i] == addr)
			return true;
	return false;
}

static const struct jr_record *scratch_at(uint64_t pc)
{
	for (uint32_t i = 0; i < J->nrec; i++) {
		const struct jr_record *r = &J->rec[i];
		if (rec_kind(r) == JR_SCRATCH && pc >= r->addr && pc - r->addr < r->aux)
			return r;
	}
	return NULL;
}

static const struct jr_record *slot_at(uint64_t pc)
{
	for (uint32_t i = 0; i < J->nrec; i++) {
		const struct jr_record *r = &J->rec[i];
		if (rec_kind(r) == JR_SLOT && pc >= r->addr && pc - r->addr < ARCH_SLOT_SIZE)
			return r;
	}
	return NULL;
}

/* Every int3 and patch back, newest first (a patch made over an int3 holds the int3 as its
 * original byte; the int3's record, older, then writes the program's byte). */
static void restore_bytes(void)
{
	uint64_t last = UINT64_MAX;

	for (;;) {
		const struct jr_record *best = NULL;
		for (uint32_t i = 0; i < J->nrec; i++) {
			const struct jr_record *r = &J->rec[i];
			uint32_t k = rec_kind(r);
			if ((k == JR_BYTES || k == JR_INT3) && r->seq < last &&
			    (!best || r->seq > best->seq))
				best = r;
		}
		if (!best)
			return;
		last = best->seq;
		pwrite(mem_fd, best->orig, best->len, (off_t)best->addr);
	}
}

/* ---- taking hold ---------------------------------------------------------------------------- */

/* One pass over /proc/PID/task: seize and interrupt every thread not held yet. Returns the
 * number of threads that still need a try (EPERM: still traced by the dying cdbg), or -1 when
 * the process is gone. *fresh counts threads taken in this pass. */
static int seize_pass(pid_t pid, int *fresh)
{
	char path[64], buf[4096];
	int fd, left = 0;
	long n;

	proc_path(path, pid, 0, "task");
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	*fresh = 0;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			off += d->d_reclen;
			if (d->d_name[0] < '0' || d->d_name[0] > '9')
				continue;
			pid_t tid = 0;
			for (const char *c = d->d_name; *c; c++)
				tid = tid * 10 + (*c - '0');
			struct task *t = task_find(tid);
			if (t && (t->seized || t->gone))
				continue;
			if (!t) {
				if (ntasks == MAX_TASKS)
					continue;
				t = &tasks[ntasks++];
				memset(t, 0, sizeof(*t));
				t->tid = tid;
			}
			long r = pt(PTRACE_SEIZE, tid, NULL, NULL);
			if (r == -EPERM) {
				left++;
				continue;
			}
			if (r < 0) {
				t->gone = true;
				continue;
			}
			t->seized = true;
			pt(PTRACE_INTERRUPT, tid, NULL, NULL);
			(*fresh)++;
		}
	}
	close(fd);
	return left;
}

/* Collect the stop of every seized thread that has not reported one. */
static void gather(long deadline)
{
	for (;;) {
		int waiting = 0;
		for (int i = 0; i < ntasks; i++) {
			struct task *t = &tasks[i];
			int st;
			if (!t->seized || t->stopped || t->gone)
				continue;
			pid_t r = waitpid(t->tid, &st, __WALL | WNOHANG);
			if (r == 0) {
				waiting++;
				continue;
			}
			if (r < 0 || WIFEXITED(st) || WIFSIGNALED(st)) {
				t->gone = true;
				continue;
			}
			t->stopped = true;
			int sig = WSTOPSIG(st), ev = st >> 16;
			if (ev == PTRACE_EVENT_STOP) {
				t->group = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
					   sig == SIGTTOU;
			} else if (ev == 0 && !t->sig) {
				/* A signal-delivery-stop: kept, unless it is a SIGTRAP of ours (below). */
				t->sig = sig;
				if (sig == SIGTRAP &&
				    pt(PTRACE_GETSIGINFO, t->tid, NULL, &t->si) == 0)
					t->trap_sdstop = true;
			}
		}
		if (!waiting || now_ms() > deadline)
			return;
		nap_us(200);
	}
}

/* Seize every thread, re-listing until a pass finds nothing new and nothing left to retry. */
static int take_hold(pid_t pid)
{
	long deadline = now_ms() + SEIZE_MS, t0 = now_ms();
	int fresh, left, passes = 0;

	for (;; passes++) {
		left = seize_pass(pid, &fresh);
		if (left < 0)
			return -1;
		if (left == 0 && fresh == 0)
			break;
		if (now_ms() > deadline)
			break;
		if (left)
			sched_yield();
	}
	jlog("seized after passes/ms", passes, now_ms() - t0);
	gather(now_ms() + STOP_MS);
	return 0;
}

/* ---- fixing threads ------------------------------------------------------------------------- */

static int regs_get(pid_t tid, struct arch_gpr *g)
{
	struct iovec iov = { g, sizeof(*g) };

	return (int)pt(PTRACE_GETREGSET, tid, (void *)(long)NT_PRSTATUS, &iov);
}

static int regs_set(pid_t tid, struct arch_gpr *g)
{
	struct iovec iov = { g, sizeof(*g) };

	return (int)pt(PTRACE_SETREGSET, tid, (void *)(long)NT_PRSTATUS, &iov);
}

/* Resume t (step or continue) with no signal and wait for its next stop, at most a few
 * seconds. A signal that stops it is kept for the detach when it has none yet. Returns the
 * stop's siginfo-bearing signal (SIGTRAP for the step or a trap), 0 for another stop, -1 when
 * it is gone or did not stop (then it was interrupted). */
static int run_until_stop(struct task *t, int req, siginfo_t *si)
{
	long deadline = now_ms() + STOP_MS;
	int st;

	if (pt(req, t->tid, NULL, NULL) < 0) {
		t->gone = true;
		return -1;
	}
	t->stopped = false;
	for (;;) {
		pid_t r = waitpid(t->tid, &st, __WALL | WNOHANG);
		if (r < 0 || (r > 0 && (WIFEXITED(st) || WIFSIGNALED(st)))) {
			t->gone = true;
			return -1;
		}
		if (r > 0)
			break;
		if (now_ms() > deadline) {
			/* Bounded here too: a thread in an uninterruptible sleep never stops; it is
			 * then left as not held (its scratch memory is then not unmapped). */
			pt(PTRACE_INTERRUPT, t->tid, NULL, NULL);
			deadline = now_ms() + STOP_MS;
			while ((r = waitpid(t->tid, &st, __WALL | WNOHANG)) == 0 &&
			       now_ms() < deadline)
				nap_us(1000);
			if (r < 0 || (r > 0 && (WIFEXITED(st) || WIFSIGNALED(st))))
				t->gone = true;
			else if (r > 0)
				t->stopped = true;
			return -1;
		}
		nap_us(100);
	}
	t->stopped = true;
	if ((st >> 16) != 0)
		return 0; /* an interrupt or group-stop */
	int sig = WSTOPSIG(st);
	if (sig == SIGTRAP) {
		pt(PTRACE_GETSIGINFO, t->tid, NULL, si);
		return SIGTRAP;
	}
	if (!t->sig)
		t->sig = sig;
	return 0;
}

/* Is this SIGTRAP (thread stopped at pc) one cdbg's breakpoints, steps or debug registers
 * caused? Then it is suppressed; *rewind says the pc must move back onto the int3. The same
 * rules as the parachute's (parachute.S). */
static bool trap_is_ours(const siginfo_t *si, uint64_t pc, bool *rewind)
{
	*rewind = false;
	if (arch_is_bp_trap(si)) {
		if (is_our_int3(pc - ARCH_BP_PC_ADJUST)) {
			*rewind = true;
			return true;
		}
		/* cdbg had moved the pc back onto its int3, or into an out-of-line copy (as the
		 * parachute decides: a 0xcc byte before a breakpoint is often padding or part of
		 * an instruction, never proof of a program int3) */
		return is_our_int3(pc) || scratch_at(pc) != NULL;
	}
	if (arch_is_step_trap(si) || si->si_code == TRAP_BRKPT)
		return true; /* cdbg was single-stepping it (TRAP_BRKPT: over a system call) */
	return arch_is_hw_trap(si) && J->dr7;
}

static bool sigtrap_pending(pid_t pid, pid_t tid)
{
	char path[80], buf[2048];
	int fd;
	ssize_t n;

	proc_path(path, pid, tid, "status");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = 0;
	char *s = strstr(buf, "\nSigPnd:");
	if (!s)
		return false;
	s += 8;
	while (*s == ' ' || *s == '\t')
		s++;
	uint64_t v = 0;
	for (; (*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'); s++)
		v = v * 16 + (uint64_t)(*s <= '9' ? *s - '0' : *s - 'a' + 10);
	return v & SIGTRAP_BIT;
}

/* A SIGTRAP of ours the thread stopped for or has pending is taken and suppressed, its pc
 * moved back onto the int3. (The program's action is still the parachute, which would take it
 * too; but the janitor gives the program its own action back before it lets go.) */
static void fix_sigtrap(pid_t pid, struct task *t)
{
	bool rewind;
	struct arch_gpr g;
	siginfo_t si;

	if (t->trap_sdstop && regs_get(t->tid, &g) == 0 &&
	    trap_is_ours(&t->si, arch_gpr_pc(&g), &rewind)) {
		jlog("sigtrap in delivery suppressed tid/rewind", t->tid, rewind);
		t->sig = 0;
		t->trap_sdstop = false;
		if (rewind) {
			arch_gpr_set_pc(&g, arch_gpr_pc(&g) - ARCH_BP_PC_ADJUST);
			regs_set(t->tid, &g);
		}
		return; /* one SIGTRAP at a time: a thread has at most one pending */
	}
	for (int n = 0; n < 8 && !t->gone && !t->group && sigtrap_pending(pid, t->tid); n++) {
		int sig = run_until_stop(t, PTRACE_CONT, &si);
		if (sig < 0)
			return;
		if (sig != SIGTRAP || regs_get(t->tid, &g) < 0)
			continue;
		jlog("pending sigtrap taken tid/code", t->tid, si.si_code);
		if (!trap_is_ours(&si, arch_gpr_pc(&g), &rewind)) {
			if (!t->sig)
				t->sig = SIGTRAP; /* the program's own: delivered at detach */
			return;
		}
		if (rewind) {
			arch_gpr_set_pc(&g, arch_gpr_pc(&g) - ARCH_BP_PC_ADJUST);
			regs_set(t->tid, &g);
		}
		return;
	}
}

/* Out of the scratch memory: a slot's start goes back to the original address; a system call
 * that will restart inside a slot to the same offset in the original code; else it steps (a
 * thread in the parachute's code through its table scans: many steps). */
static void leave_scratch(struct task *t)
{
	struct arch_gpr g;
	siginfo_t si;
	bool rewind;

	for (int n = 0; n < (1 << 18) && !t->gone && regs_get(t->tid, &g) == 0; n++) {
		uint64_t pc = arch_gpr_pc(&g);
		const struct jr_record *s;
		if (!scratch_at(pc))
			return;
		s = slot_at(pc);
		if (s &&
		    (pc == s->addr || (arch_syscall_will_restart(&g) && pc - s->addr <= s->len))) {
			arch_gpr_set_pc(&g, s->aux + (pc - s->addr));
			regs_set(t->tid, &g);
			jlog("moved out of a slot tid/pc", t->tid, (long)pc);
			return;
		}
		if (arch_syscall_will_restart(&g))
			return; /* cannot step it: it would block; nothing better to do */
		int sig = run_until_stop(t, PTRACE_SINGLESTEP, &si);
		if (sig < 0)
			return;
		/* The parachute re-raised a SIGTRAP of the program's own: kept for the detach. */
		if (sig == SIGTRAP && !t->sig && regs_get(t->tid, &g) == 0 &&
		    !trap_is_ours(&si, arch_gpr_pc(&g), &rewind))
			t->sig = SIGTRAP;
	}
}

/* System call nr(args) in stopped thread t, from the syscall instruction at `at`; its result
 * in *ret. 0, or -1 when it could not run. */
static int inject_syscall(struct task *t, long nr, const uint64_t args[6], uint64_t at,
			  uint64_t *ret)
{
	struct arch_gpr saved, g;
	siginfo_t si;
	int r = -1;

	if (regs_get(t->tid, &saved) < 0)
		return -1;
	for (int tries = 0; tries < 8 && !t->gone; tries++) {
		g = saved;
		arch_setup_syscall(&g, nr, args, at);
		if (regs_set(t->tid, &g) < 0)
			return -1;
		int sig = run_until_stop(t, PTRACE_SINGLESTEP, &si);
		if (sig < 0)
			break;
		if (sig == SIGTRAP && regs_get(t->tid, &g) == 0 && arch_gpr_pc(&g) != at) {
			*ret = arch_syscall_result(&g);
			r = 0;
			break;
		}
	}
	if (!t->gone)
		regs_set(t->tid, &saved);
	return r;
}

/* munmap(base, size) in stopped thread t, from the syscall instruction at base. */
static int inject_munmap(struct task *t, uint64_t base, uint64_t size)
{
	uint64_t args[6] = { base, size, 0, 0, 0, 0 }, ret = 1;

	return inject_syscall(t, 11 /* munmap */, args, base, &ret) == 0 && ret == 0 ? 0 : -1;
}

/* Is [base, base + size) exactly one mapping in the program (the scratch area we made)? */
static bool mapped_exactly(pid_t pid, uint64_t base, uint64_t size)
{
	char path[64], buf[8192];
	int fd;
	ssize_t n;
	uint64_t a, b;

	proc_path(path, pid, 0, "maps");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	/* Lines are "start-end perms ..."; a partial line at a buffer's end is re-read. */
	off_t off = 0;
	bool found = false;
	while (!found && (n = pread(fd, buf, sizeof(buf) - 1, off)) > 0) {
		buf[n] = 0;
		char *line = buf, *nl;
		while ((nl = strchr(line, '\n'))) {
			char *c = line;
			a = b = 0;
			for (; (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f'); c++)
				a = a * 16 + (uint64_t)(*c <= '9' ? *c - '0' : *c - 'a' + 10);
			if (*c == '-')
				for (c++; (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f'); c++)
					b = b * 16 +
					    (uint64_t)(*c <= '9' ? *c - '0' : *c - 'a' + 10);
			if (a == base && b == base + size)
				found = true;
			line = nl + 1;
		}
		if (line == buf)
			break;
		off += line - buf;
	}
	close(fd);
	return found;
}

/* A stopped thread to run system calls in, or NULL. */
static struct task *injectable(void)
{
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].stopped && !tasks[i].gone && !tasks[i].group)
			return &tasks[i];
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].stopped && !tasks[i].gone)
			return &tasks[i];
	return NULL;
}

/* cdbg's SIGTRAP parachute out: the program's own action back, from the journal's copy,
 * unless the program set one of its own meanwhile (then that one stays). Run from the syscall
 * instruction of a scratch area still mapped, with the structures on the stack of the thread
 * below its red zone. */
static void give_back_sigtrap(pid_t pid)
{
	struct task *inj = injectable();
	uint64_t para = __atomic_load_n(&J->para, __ATOMIC_ACQUIRE), at = 0, cur[4], ret = 1;
	unsigned char saved[64];
	struct arch_gpr g;

	if (!para || !inj || regs_get(inj->tid, &g) < 0)
		return;
	for (uint32_t i = 0; i < J->nrec && !at; i++) {
		const struct jr_record *r = &J->rec[i];
		if (rec_kind(r) == JR_SCRATCH && mapped_exactly(pid, r->addr, r->aux))
			at = r->addr;
	}
	uint64_t buf = (arch_gpr_sp(&g) - 128 - 64) & ~(uint64_t)15;
	uint64_t args[6] = { SIGTRAP, buf, buf + 32, 8, 0, 0 };
	if (!at || pread(mem_fd, saved, sizeof(saved), (off_t)buf) != sizeof(saved) ||
	    pwrite(mem_fd, J->para_orig, 32, (off_t)buf) != 32)
		return;
	if (inject_syscall(inj, 13 /* rt_sigaction */, args, at, &ret) == 0 && ret == 0 &&
	    pread(mem_fd, cur, sizeof(cur), (off_t)buf + 32) == sizeof(cur)) {
		jlog("sigtrap action back; it was", (long)cur[0], cur[0] == para);
		if (cur[0] != para) {
			/* The program's own, set while cdbg was attached: it stays. */
			args[1] = buf + 32;
			args[2] = 0;
			inject_syscall(inj, 13 /* rt_sigaction */, args, at, &ret);
		}
	}
	pwrite(mem_fd, saved, sizeof(saved), (off_t)buf);
}

static void unmap_scratch(pid_t pid)
{
	struct task *inj = injectable();

	if (!inj)
		return;
	for (uint32_t i = 0; i < J->nrec; i++) {
		const struct jr_record *r = &J->rec[i];
		if (rec_kind(r) == JR_SCRATCH && mapped_exactly(pid, r->addr, r->aux))
			jlog("munmap scratch at/result", (long)r->addr,
			     inject_munmap(inj, r->addr, r->aux));
	}
}

/* A thread cdbg had borrowed (a system call or a function run in it, PARA_INFLIGHT_* in the
 * parachute's table): while its pc is in the scratch memory it gets its own registers and mask
 * back. Returns false when such a thread is elsewhere (inside the function called): it will
 * come back to the scratch memory's trap, so the scratch memory and the parachute must stay. */
static bool mend_inflight(void)
{
	uint64_t para = __atomic_load_n(&J->para, __ATOMIC_ACQUIRE), tid = 0, mask;
	uint64_t w[ARCH_SIGCONTEXT_WORDS];
	struct arch_gpr g;

	if (!para || mem_fd < 0 || pread(mem_fd, &tid, 8, (off_t)(para + PARA_INFLIGHT_TID)) != 8 ||
	    !tid)
		return true;
	for (int i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		if (t->tid != (pid_t)tid || t->gone)
			continue;
		if (!t->stopped || regs_get(t->tid, &g) < 0)
			return false;
		if (!scratch_at(arch_gpr_pc(&g)))
			return false;
		if (pread(mem_fd, w, sizeof(w), (off_t)(para + PARA_INFLIGHT_REGS)) != sizeof(w) ||
		    pread(mem_fd, &mask, 8, (off_t)(para + PARA_INFLIGHT_MASK)) != 8)
			return false;
		arch_gpr_from_sigcontext(&g, w);
		regs_set(t->tid, &g);
		pt(PTRACE_SETSIGMASK, t->tid, (void *)sizeof(mask), &mask);
		jlog("borrowed thread given its registers back tid/pc", t->tid,
		     (long)arch_gpr_pc(&g));
	}
	return true;
}

static void cleanup(pid_t pid)
{
	char path[64];

	proc_path(path, pid, 0, "mem");
	mem_fd = open(path, O_RDWR | O_CLOEXEC);
	if (mem_fd >= 0)
		restore_bytes(); /* first: the program's threads may run untraced any moment */
	jlog("bytes restored; records", (long)J->nrec, mem_fd);
	if (take_hold(pid) < 0)
		return;
	for (int i = 0; i < ntasks; i++)
		jlog(tasks[i].stopped ? "stopped tid/sig" : "not stopped tid/gone", tasks[i].tid,
		     tasks[i].stopped ? tasks[i].sig : tasks[i].gone);
	bool inflight_done = mend_inflight();
	for (int i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		if (t->stopped && !t->gone)
			fix_sigtrap(pid, t);
	}
	for (int i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		if (t->stopped && !t->gone)
			leave_scratch(t);
	}
	if (mem_fd >= 0)
		restore_bytes(); /* again: nothing may have changed, but it costs nothing */
	/* The scratch memory (and the parachute in it) goes only if no thread can still need it:
	 * every thread held or gone, none with its pc inside it. Otherwise it stays: harmless once
	 * the bytes are back, fatal to a thread that returns into it. */
	bool all_clear = inflight_done;
	for (int i = 0; i < ntasks && all_clear; i++) {
		struct task *t = &tasks[i];
		struct arch_gpr g;
		if (t->gone)
			continue;
		if (!t->stopped || regs_get(t->tid, &g) < 0 || scratch_at(arch_gpr_pc(&g)))
			all_clear = false;
	}
	if (all_clear && mem_fd >= 0)
		give_back_sigtrap(pid); /* before the scratch area the parachute lives in goes */
	if (all_clear)
		unmap_scratch(pid);
	else
		jlog("scratch memory left mapped: a thread is not held or is inside it", 0, 0);
	for (int i = 0; i < ntasks; i++) {
		struct task *t = &tasks[i];
		if (!t->seized || t->gone)
			continue;
		if (!t->stopped)
			continue; /* never stopped: nothing to detach from (ptrace lets go at exit) */
		if (J->dr7)
			pt(PTRACE_POKEUSER, t->tid, (void *)arch_dr_offset(7), NULL);
		pt(PTRACE_DETACH, t->tid, NULL, (void *)(long)(t->group ? 0 : t->sig));
	}
}

/* ---- the process ---------------------------------------------------------------------------- */

static void settle(int rfd, int lfd, pid_t pid)
{
	char name[16] = "cdbgj-";
	struct sigaction sa;
	static const int ign[] = { SIGINT,  SIGQUIT, SIGHUP,  SIGPIPE, SIGTSTP,
				   SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2 };
	sigset_t none;

	/* Found by tests (and people) as "cdbgj-<program pid>". */
	fmt_int(name + 6, pid);
	prctl(PR_SET_NAME, name);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < sizeof(ign) / sizeof(ign[0]); i++)
		sigaction(ign[i], &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Nothing of cdbg's open files stays open here (a pipe a test reads must see EOF). */
	int null = open("/dev/null", O_RDWR);
	if (rfd != 3) {
		dup2(rfd, 3);
		close(rfd);
	}
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	if (lfd >= 0 && dup2(lfd, 4) == 4)
		log_fd = 4;
	if (syscall(SYS_close_range, log_fd < 0 ? 4u : 5u, ~0u, 0u) < 0) {
		/* Before Linux 5.9: close what could be open (other janitors' pipe ends among
		 * them, which would keep those janitors from waking). */
		for (int fd = log_fd < 0 ? 4 : 5; fd < 65536; fd++)
			close(fd);
	}
}

static void __attribute__((noreturn)) janitor_main(struct jr_header *jr, int rfd, int lfd)
{
	pid_t pid = jr->pid;
	struct pollfd pfd[2];
	int pidfd;

	J = jr;
	settle(rfd, lfd, pid);
	jlog("watching", pid, getpid());
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	pfd[0] = (struct pollfd){ 3, POLLIN, 0 };
	pfd[1] = (struct pollfd){ pidfd, POLLIN, 0 };
	for (;;) {
		int r = poll(pfd, pidfd >= 0 ? 2 : 1, pidfd >= 0 ? -1 : 1000);
		if (r < 0 && errno != EINTR)
			_exit(1);
		jlog("woken: pipe/pidfd", pfd[0].revents, pfd[1].revents);
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			break; /* checked first: cdbg's death releases (and may kill) the program */
		if (pidfd >= 0 && (pfd[1].revents & POLLIN))
			_exit(0); /* the program exited */
		if (pidfd < 0 && kill(pid, 0) < 0 && errno == ESRCH)
			_exit(0);
	}
	long woken = now_ms();
	jlog("pipe closed; state", pid, (long)jr->state);
	if (__atomic_load_n(&jr->state, __ATOMIC_ACQUIRE) == JR_ACTIVE)
		cleanup(pid);
	jlog("done; ms", pid, now_ms() - woken);
	_exit(0);
}

pid_t janitor_spawn(struct jr_header *jr, int rfd, int wfd, const char *log)
{
	int pp[2], st,
		lfd = log && *log ? open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644) : -1;
	pid_t mid, pid = 0;

	if (pipe2(pp, O_CLOEXEC) < 0) {
		int e = errno;
		if (lfd >= 0)
			close(lfd);
		return -e;
	}
	mid = fork();
	if (mid < 0) {
		int e = errno;
		close(pp[0]);
		close(pp[1]);
		if (lfd >= 0)
			close(lfd);
		return -e;
	}
	if (mid == 0) {
		/* The intermediate child: a new session (no terminal's SIGINT reaches the
		 * janitor), then the janitor, then it leaves so the janitor is nobody's child of
		 * ours (cdbg's waitpid(-1) would take its exit as an event). */
		close(pp[0]);
		close(wfd);
		setsid();
		pid_t j = fork();
		if (j == 0) {
			close(pp[1]);
			janitor_main(jr, rfd, lfd);
		}
		ssize_t w = write(pp[1], &j, sizeof(j));
		(void)w;
		_exit(j < 0);
	}
	close(pp[1]);
	if (lfd >= 0)
		close(lfd);
	ssize_t got;
	while ((got = read(pp[0], &pid, sizeof(pid))) < 0 && errno == EINTR)
		;
	if (got != sizeof(pid))
		pid = -1;
	close(pp[0]);
	while (waitpid(mid, &st, __WALL) < 0 && errno == EINTR)
		;
	return pid > 0 ? pid : -ECHILD;
}
