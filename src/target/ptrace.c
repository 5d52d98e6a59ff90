/*
 * ptrace.c - the one ptrace wrapper, the wait for any tracee, and the register requests.
 *
 * Owns: every ptrace request the library makes (loop_pt: owner check, log, -errno) and reading
 * the registers and extended state of a stopped thread. Must not: decide anything about a stop
 * (event.c, trap.c) or cache more than struct thread holds.
 */
#include <errno.h>
#include <elf.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "target/loop.h"

/* ---- the one ptrace wrapper ------------------------------------------------------------------ */

static const char *req_name(int req)
{
	switch (req) {
	case PTRACE_SEIZE:
		return "SEIZE";
	case PTRACE_INTERRUPT:
		return "INTERRUPT";
	case PTRACE_CONT:
		return "CONT";
	case PTRACE_LISTEN:
		return "LISTEN";
	case PTRACE_SYSCALL:
		return "SYSCALL";
	case PTRACE_DETACH:
		return "DETACH";
	case PTRACE_SINGLESTEP:
		return "SINGLESTEP";
	case PTRACE_GETEVENTMSG:
		return "GETEVENTMSG";
	case PTRACE_GETSIGINFO:
		return "GETSIGINFO";
	case PTRACE_GETREGSET:
		return "GETREGSET";
	case PTRACE_SETREGSET:
		return "SETREGSET";
	case PTRACE_PEEKUSER:
		return "PEEKUSER";
	case PTRACE_POKEUSER:
		return "POKEUSER";
	case PTRACE_SETSIGINFO:
		return "SETSIGINFO";
	case PTRACE_GETSIGMASK:
		return "GETSIGMASK";
	case PTRACE_SETSIGMASK:
		return "SETSIGMASK";
	default:
		return "?";
	}
}

/* Every ptrace request goes through here: refuse a caller that is not the owner before the
 * kernel sees it, log the request and its result, and return -errno on failure. */
long loop_pt(cdbg_proc *p, int req, pid_t tid, void *addr, void *data)
{
	long r;

	if (!pthread_equal(pthread_self(), p->base.owner))
		return CDBG_EWRONGTHREAD;
	errno = 0;
	r = ptrace((enum __ptrace_request)req, tid, addr, data);
	if (r == -1 && errno) {
		r = -errno;
		logt(p, "ptrace(%s, %d) = %s", req_name(req), (int)tid, cdbg_errname((int)r));
	} else {
		logt(p, "ptrace(%s, %d, %#lx) = %ld", req_name(req), (int)tid, (unsigned long)data,
		     r);
	}
	return r;
}

/* waitpid for any tracee of this thread (__WNOTHREAD: not another thread's). */
pid_t loop_wait_any(int *status, int flags)
{
	return waitpid(-1, status, __WALL | __WNOTHREAD | flags);
}
/* ---- registers: the requests regs.c needs ---------------------------------------------------- */

int loop_regs_fetch(cdbg_proc *p, struct thread *t)
{
	struct iovec iov = { &t->regs, sizeof(t->regs) };
	long r;

	if (t->regs_valid)
		return 0;
	if (p->core)
		return cdbg__fail(p, CDBG_ENOREG, "the core holds no registers of thread %d",
				  t->tid);
	r = loop_pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)NT_PRSTATUS, &iov);
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
			return cdbg__fail(p, -ENOMEM,
					  "cannot read the extended state: out of "
					  "memory");
		iov.iov_base = buf;
		iov.iov_len = cap;
		r = loop_pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)note, &iov);
		if (r < 0 || iov.iov_len < cap || cap >= (1u << 20))
			break;
		cap *= 2; /* filled: the kernel may have more */
	}
	if (r == -ENODEV || r == -EINVAL) {
		note = arch_fpregs_note();
		iov.iov_base = buf;
		iov.iov_len = arch_fpregs_size();
		r = loop_pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)note, &iov);
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
	if (p->core)
		return cdbg__fail(p, CDBG_ENOREG, "the core holds no extended state of thread %d",
				  t->tid);
	if (!p->xstate.size)
		return xstate_learn(p, t);
	if (!t->xstate && !(t->xstate = calloc(1, p->xstate.size)))
		return cdbg__fail(p, -ENOMEM, "cannot read the extended state: out of memory");
	iov.iov_base = t->xstate;
	iov.iov_len = p->xstate.size;
	r = loop_pt(p, PTRACE_GETREGSET, t->tid, (void *)(long)p->xstate.note, &iov);
	if (r < 0)
		return cdbg__fail(p, (int)r, "cannot read the extended state of thread %d: %s",
				  t->tid, cdbg__errstr((int)r));
	t->xstate_valid = true;
	return 0;
}
