/*
 * syscall.c - system call stops for catchpoints: the threads of a process with a syscall
 * catchpoint run under PTRACE_SYSCALL; each entry and return stop is either a catchpoint's
 * (an event that stops the process, all-stop as any) or let go at once. Also the names,
 * numbers and groups of x86-64's system calls (syscall_tab.c), and what catchpoints want
 * stopped (cdbg__catch_set: system calls, signals, fork/vfork/exec events).
 *
 * Owns: struct catch_set in the handle. Must not: decide which catchpoint an event is for
 * (ops/catch.c does), or resume a thread other than through loop_resume_one (which chooses
 * PTRACE_SYSCALL or PTRACE_CONT).
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "target/loop.h"
#include "target/syscall.h"

/* ---- names ----------------------------------------------------------------------------------- */

const char *cdbg_syscall_name(long nr)
{
	size_t lo = 0, hi = sc_table_len;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (sc_table[mid].nr == nr)
			return sc_table[mid].name;
		if (sc_table[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

long cdbg_syscall_number(const char *name)
{
	for (size_t i = 0; name && i < sc_table_len; i++)
		if (!strcmp(sc_table[i].name, name))
			return sc_table[i].nr;
	return -1;
}

int cdbg_syscall_group(const char *group, long *nrs, size_t max)
{
	static const char *const names[] = { "descriptor", "file",    "ipc",   "memory",
					     "network",    "process", "signal" };
	unsigned bit = 0;
	int n = 0;

	for (size_t i = 0; group && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i], group))
			bit = 1u << i;
	if (!bit)
		return -1;
	for (size_t i = 0; i < sc_table_len; i++) {
		if (!(sc_table[i].groups & bit))
			continue;
		if ((size_t)n < max)
			nrs[n] = sc_table[i].nr;
		n++;
	}
	return n;
}

/* ---- the stops ------------------------------------------------------------------------------- */

void cdbg__catch_set(cdbg_proc *p, const struct catch_set *set)
{
	p->catches = *set;
}

/* Which call, entry or return, read while the thread is in its syscall stop. */
void loop_syscall_info(cdbg_proc *p, pid_t tid, struct raw_event *ev)
{
	struct __ptrace_syscall_info si;
	long r;

	memset(&si, 0, sizeof(si));
	ev->sc_nr = -1;
	r = loop_pt(p, PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof(si), &si);
	if (r <= 0)
		return;
	if (si.op == PTRACE_SYSCALL_INFO_ENTRY) {
		ev->sc_nr = (long)si.entry.nr;
	} else if (si.op == PTRACE_SYSCALL_INFO_EXIT) {
		ev->sc_exit = true;
		ev->sc_ret = si.exit.rval;
		r = loop_pt(p, PTRACE_PEEKUSER, tid,
			    (void *)offsetof(struct user_regs_struct, orig_rax), NULL);
		ev->sc_nr = r < 0 && r > -4096 ? -1 : r;
	}
}

static bool caught(const cdbg_proc *p, long nr)
{
	if (!p->catches.sys_on || nr < 0)
		return false;
	if (p->catches.sys_all)
		return true;
	return nr < 512 && ((p->catches.sys[nr / 64] >> (nr % 64)) & 1);
}

/* Thread t is in a syscall-enter or -exit stop. Returns true when it queued a stopping event
 * (a catchpoint's call), false when the thread went on (or is held by the all-stop under
 * way). Such a stop carries no signal: none is lost by resuming it without one. */
bool loop_on_syscall(cdbg_proc *p, struct thread *t, const struct raw_event *ev, bool stopping)
{
	struct cdbg_event e = { 0 };

	t->pending_sig = 0;
	if (!caught(p, ev->sc_nr)) {
		loop_stopped_or_resume(p, t, SK_EVENT, stopping && t->state == TS_STOPPING);
		return false;
	}
	thread_set_state(p, t, TS_STOPPED);
	t->stop = SK_EVENT;
	e.code = (int)ev->sc_nr;
	e.new_value = (uint64_t)ev->sc_ret;
	loop_evq_push(p, ev->sc_exit ? CDBG_EV_SYSCALL_RETURN : CDBG_EV_SYSCALL_ENTRY, t->tid, &e);
	return true;
}
