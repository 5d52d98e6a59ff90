/*
 * error.c - error codes, their names and texts, and the handle's last-failure sentence.
 *
 * Owns: cdbg_strerror, cdbg_errname, cdbg_errmsg and the owner-thread check every public call
 * makes first. Must not: print or exit.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"

const char *cdbg_strerror(int code)
{
	switch (code) {
#define XX(name, val, text)                                                                        \
	case CDBG_E##name:                                                                         \
		return text;
		CDBG_ERRNO_MAP(XX)
#undef XX
	}
	if (code < 0 && code > -4096)
		return strerrordesc_np(-code) ? strerrordesc_np(-code) : "unknown error";
	return code == 0 ? "success" : "unknown error";
}

const char *cdbg_errname(int code)
{
	switch (code) {
#define XX(name, val, text)                                                                        \
	case CDBG_E##name:                                                                         \
		return "CDBG_E" #name;
		CDBG_ERRNO_MAP(XX)
#undef XX
	}
	if (code < 0 && code > -4096 && strerrorname_np(-code))
		return strerrorname_np(-code);
	return code == 0 ? "OK" : "UNKNOWN";
}

/* strerror() for use inside our sentences: lowercase first letter ("no such file or
 * directory"). Thread-local buffer. */
const char *cdbg__errstr(int errnum)
{
	static __thread char buf[128];
	const char *d = strerrordesc_np(errnum < 0 ? -errnum : errnum);

	snprintf(buf, sizeof(buf), "%s", d ? d : "unknown error");
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* A call refused because it came from a thread other than the handle's owner must change
 * nothing in the handle, not even its last error (the owner may be writing it at that very
 * moment): the refusal is kept per thread, and cdbg_errmsg/cdbg_errcode called from that
 * thread about that handle report it. */
static __thread struct {
	const cdbg_proc *p;
	int code;
	char msg[CDBG_ERRMSG_MAX];
} misuse;

static bool misused_here(const cdbg_proc *p)
{
	return misuse.p == p && !pthread_equal(pthread_self(), cdbg__base(p)->owner);
}

const char *cdbg_errmsg(const cdbg_proc *p)
{
	if (!p)
		return "no handle";
	return misused_here(p) ? misuse.msg : cdbg__base(p)->errmsg;
}

int cdbg_errcode(const cdbg_proc *p)
{
	if (!p)
		return CDBG_EBADSTATE;
	return misused_here(p) ? misuse.code : cdbg__base(p)->errcode;
}

uint64_t cdbg_erraddr(const cdbg_proc *p)
{
	if (!p || misused_here(p) || cdbg__base(p)->errcode != CDBG_ENOMEM)
		return 0;
	return cdbg__base(p)->erraddr;
}

/* Record a failure at addr: CDBG_ENOMEM with the address cdbg_erraddr reports. */
int cdbg__fail_mem(cdbg_proc *p, uint64_t addr, const char *fmt, ...)
{
	va_list ap;
	char msg[CDBG_ERRMSG_MAX];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (pthread_equal(pthread_self(), cdbg__base(p)->owner))
		cdbg__base(p)->erraddr = addr;
	return cdbg__fail(p, CDBG_ENOMEM, "%s", msg);
}

/* Record a failure: its code and its one-sentence message. Returns code, so callers can write
 * `return cdbg__fail(p, -ESRCH, "...")`. */
int cdbg__fail(cdbg_proc *p, int code, const char *fmt, ...)
{
	va_list ap;

	if (!pthread_equal(pthread_self(), cdbg__base(p)->owner)) {
		/* Not the owner's: never written into the handle (see misuse above). */
		misuse.p = p;
		misuse.code = code;
		va_start(ap, fmt);
		vsnprintf(misuse.msg, sizeof(misuse.msg), fmt, ap);
		va_end(ap);
		return code;
	}
	cdbg__base(p)->errcode = code;
	va_start(ap, fmt);
	vsnprintf(cdbg__base(p)->errmsg, sizeof(cdbg__base(p)->errmsg), fmt, ap);
	va_end(ap);
	if (LOG_ON(p, CDBG_LOG_INFO))
		cdbg__log(p, CDBG_LOG_INFO, "error %s: %s", cdbg_errname(code),
			  cdbg__base(p)->errmsg);
	return code;
}

void cdbg__clear_error(cdbg_proc *p)
{
	if (!pthread_equal(pthread_self(), cdbg__base(p)->owner))
		return;
	cdbg__base(p)->errcode = 0;
	cdbg__base(p)->errmsg[0] = '\0';
}

/* Every public entry point calls this before touching the tracee: ptrace requests from any
 * thread but the one that attached fail in the kernel with ESRCH, which would be taken for a
 * vanished thread. Refuse the call up front with a message that states the rule. */
int cdbg__check_owner(cdbg_proc *p, const char *what)
{
	if (pthread_equal(pthread_self(), cdbg__base(p)->owner))
		return 0;
	misuse.p = p;
	misuse.code = CDBG_EWRONGTHREAD;
	snprintf(misuse.msg, sizeof(misuse.msg),
		 "cannot %s: this handle belongs to thread %d and the kernel accepts ptrace "
		 "requests only from the thread that attached; call it from that thread",
		 what, (int)cdbg__base(p)->owner_tid);
	return CDBG_EWRONGTHREAD;
}
