/*
 * catch.c - catchpoints (gdb's catch and tcatch): the arguments of each kind read as gdb reads
 * them (system call names, numbers and groups; signal names, numbers and "all"), what the
 * enabled ones want from the target (cdbg__catch_set), and which catchpoint an event stops at
 * (cdbg_catch_hit).
 *
 * Owns: the meaning of a catchpoint's arguments. Must not: keep catchpoints (the session,
 * session.c, numbers and stores them with the breakpoints), or make ptrace requests.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "ops/catch.h"

#define CATCH_MAX_IDS 1024

/* What one catchpoint's arguments select. */
struct catch_sel {
	uint64_t sys[8];
	bool sys_all;
	uint64_t sigs;
};

const char *catch_function(int kind)
{
	switch (kind) {
	case CDBG_CATCH_THROW:
		return "__cxa_throw";
	case CDBG_CATCH_CATCH:
		return "__cxa_begin_catch";
	case CDBG_CATCH_RETHROW:
		return "__cxa_rethrow";
	default:
		return NULL;
	}
}

/* ---- arguments ------------------------------------------------------------------------------ */

static void sys_add(struct catch_sel *s, long nr)
{
	if (nr >= 0 && nr < 512)
		s->sys[nr / 64] |= 1ull << (nr % 64);
}

static bool all_digits(const char *w)
{
	if (!*w)
		return false;
	for (; *w; w++)
		if (!isdigit((unsigned char)*w))
			return false;
	return true;
}

static int syscall_word(cdbg_proc *p, const char *w, struct catch_sel *s)
{
	long nrs[512];
	int n;

	if (all_digits(w)) {
		sys_add(s, strtol(w, NULL, 10));
		return 0;
	}
	if (!strncmp(w, "g:", 2) || !strncmp(w, "group:", 6)) {
		const char *g = strchr(w, ':') + 1;
		if ((n = cdbg_syscall_group(g, nrs, 512)) < 0)
			return cdbg__fail(p, CDBG_EBADEXPR, "Unknown syscall group '%s'.", g);
		for (int i = 0; i < n && i < 512; i++)
			sys_add(s, nrs[i]);
		return 0;
	}
	if (cdbg_syscall_number(w) < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "Unknown syscall name '%s'.", w);
	sys_add(s, cdbg_syscall_number(w));
	return 0;
}

/* A signal's number from gdb's names (SIGUSR1, SIG40), 0 when none. */
static int signal_number(const char *w)
{
	const char *n = strncmp(w, "SIG", 3) ? w : w + 3;

	for (int i = 1; i < 32; i++) {
		const char *a = sigabbrev_np(i);
		if (a && !strcmp(a, n))
			return i;
	}
	if (n != w && all_digits(n) && atoi(n) >= 32 && atoi(n) <= 64)
		return atoi(n);
	if (!strcmp(n, "POLL"))
		return SIGIO;
	return 0;
}

static int signal_word(cdbg_proc *p, const char *w, struct catch_sel *s)
{
	int sig;

	if (!strcmp(w, "all")) {
		s->sigs = ~0ull;
		return 0;
	}
	if (all_digits(w)) {
		sig = atoi(w);
		if (sig < 1 || sig > 15)
			return cdbg__fail(p, CDBG_EBADEXPR,
					  "Only signals 1-15 are valid as numeric signals.\n"
					  "Use \"info signals\" for a list of symbolic signals.");
	} else if (!(sig = signal_number(w))) {
		return cdbg__fail(p, CDBG_EBADEXPR, "Unknown signal name '%s'.", w);
	}
	s->sigs |= 1ull << (sig - 1);
	return 0;
}

/* Read a catchpoint's arguments into *s. 0, or a failure with gdb's sentence. */
static int catch_parse(cdbg_proc *p, int kind, const char *args, struct catch_sel *s)
{
	char w[128];
	int r = 0, words = 0;

	memset(s, 0, sizeof(*s));
	if (kind != CDBG_CATCH_SYSCALL && kind != CDBG_CATCH_SIGNAL)
		return 0;
	while (args && *args && r == 0) {
		size_t n;
		while (isspace((unsigned char)*args))
			args++;
		n = strcspn(args, " \t");
		if (!n)
			break;
		if (n >= sizeof(w))
			n = sizeof(w) - 1;
		memcpy(w, args, n);
		w[n] = '\0';
		args += strcspn(args, " \t");
		r = kind == CDBG_CATCH_SYSCALL ? syscall_word(p, w, s) : signal_word(p, w, s);
		words++;
	}
	if (r == 0 && !words) {
		s->sys_all = true;
		/* gdb's plain catch signal: every signal but those the debugger uses. */
		s->sigs = ~0ull & ~(1ull << (SIGTRAP - 1)) & ~(1ull << (SIGINT - 1));
	}
	return r;
}

int catch_check(cdbg_proc *p, const struct cdbg_break_spec *sp)
{
	struct catch_sel s;

	if (sp->catch_kind <= CDBG_CATCH_NONE || sp->catch_kind > CDBG_CATCH_RETHROW)
		return cdbg__fail(p, -EINVAL, "cannot set a catchpoint: unknown kind %d",
				  sp->catch_kind);
	return catch_parse(p, sp->catch_kind, sp->expr, &s);
}

/* ---- the target's set ----------------------------------------------------------------------- */

/* The session's catchpoints, ascending; *n of them (0 when none). */
static int catch_ids(cdbg_proc *p, int *ids, int max)
{
	int n = cdbg_break_list(p, ids, (size_t)max);

	return n < max ? n : max;
}

void catch_sync(cdbg_proc *p)
{
	struct catch_set set = { 0 };
	struct cdbg_break_info bi;
	struct catch_sel s;
	int ids[CATCH_MAX_IDS], n = catch_ids(p, ids, CATCH_MAX_IDS);
	char saved[sizeof(cdbg__base(p)->errmsg)];
	int code = cdbg__base(p)->errcode;

	/* Called after a change succeeded or failed: its message stays the caller's. */
	memcpy(saved, cdbg__base(p)->errmsg, sizeof(saved));
	for (int i = 0; i < n; i++) {
		if (cdbg_break_info(p, ids[i], &bi) < 0 || bi.kind != CDBG_BREAK_CATCH ||
		    !bi.enabled || catch_parse(p, bi.catch_kind, bi.expr, &s) < 0)
			continue;
		switch (bi.catch_kind) {
		case CDBG_CATCH_SYSCALL:
			set.sys_on = true;
			set.sys_all |= s.sys_all;
			for (int k = 0; k < 8; k++)
				set.sys[k] |= s.sys[k];
			break;
		case CDBG_CATCH_SIGNAL:
			set.sigs |= s.sigs;
			break;
		case CDBG_CATCH_FORK:
			set.events |= 1u << CDBG_EV_FORK;
			break;
		case CDBG_CATCH_VFORK:
			set.events |= 1u << CDBG_EV_VFORK;
			break;
		case CDBG_CATCH_EXEC:
			set.events |= 1u << CDBG_EV_EXEC;
			break;
		default:
			break;
		}
	}
	cdbg__catch_set(p, &set);
	memcpy(cdbg__base(p)->errmsg, saved, sizeof(saved));
	cdbg__base(p)->errcode = code;
}

/* ---- hits ------------------------------------------------------------------------------------ */

static bool wants(cdbg_proc *p, const struct cdbg_break_info *bi, const struct cdbg_event *ev)
{
	struct catch_sel s;
	long nr = ev->code;

	switch (bi->catch_kind) {
	case CDBG_CATCH_SYSCALL:
		if (ev->kind != CDBG_EV_SYSCALL_ENTRY && ev->kind != CDBG_EV_SYSCALL_RETURN)
			return false;
		if (catch_parse(p, bi->catch_kind, bi->expr, &s) < 0)
			return false;
		return s.sys_all || (nr >= 0 && nr < 512 && ((s.sys[nr / 64] >> (nr % 64)) & 1));
	case CDBG_CATCH_SIGNAL:
		if (ev->kind != CDBG_EV_SIGNAL || ev->signo < 1 || ev->signo > 64)
			return false;
		if (catch_parse(p, bi->catch_kind, bi->expr, &s) < 0)
			return false;
		return (s.sigs >> (ev->signo - 1)) & 1;
	case CDBG_CATCH_FORK:
		return ev->kind == CDBG_EV_FORK;
	case CDBG_CATCH_VFORK:
		return ev->kind == CDBG_EV_VFORK;
	case CDBG_CATCH_EXEC:
		return ev->kind == CDBG_EV_EXEC;
	default:
		return false;
	}
}

/* Is catchpoint bi's condition true in ev's thread? One that cannot be evaluated stops, as
 * gdb's does. */
static bool cond_true(cdbg_proc *p, const struct cdbg_break_info *bi, pid_t tid)
{
	struct cdbg_value v;

	if (!bi->condition || !*bi->condition)
		return true;
	if (cdbg_eval(p, tid, bi->condition, NULL, &v) < 0)
		return true;
	return v.bits != 0;
}

int cdbg_catch_hit(cdbg_proc *p, const struct cdbg_event *ev, int *id)
{
	struct cdbg_break_info bi;
	int ids[CATCH_MAX_IDS], n, r, found = 0;

	if ((r = cdbg__check_owner(p, "look for a catchpoint")) < 0)
		return r;
	n = catch_ids(p, ids, CATCH_MAX_IDS);
	for (int i = 0; i < n; i++) {
		if (cdbg_break_info(p, ids[i], &bi) < 0 || bi.kind != CDBG_BREAK_CATCH ||
		    !bi.enabled || !wants(p, &bi, ev) || !cond_true(p, &bi, ev->tid))
			continue;
		if (sess_catch_count(p, ids[i]) && !found)
			found = ids[i];
	}
	if (found && id)
		*id = found;
	return found ? 1 : 0;
}
