/*
 * test_call_block: calls made in threads that were blocked in a system call (call_block).
 * Attached while its sleeper is in nanosleep (the kernel reports -ERESTART_RESTARTBLOCK), its
 * reader in read() on a pipe (-ERESTARTSYS), its pauser in pause() (-ERESTARTNOHAND) and main
 * in read() on stdin, each thread gets three calls (getpid, atoi of a string argument, abs
 * of a negative int). Proves: rax and
 * orig_rax show the interrupted call before and after every call; after the detach each call
 * resumes as if nothing happened: the sleep lasts at least what was asked and ends with 0,
 * the read returns the bytes written later, pause() ends only with the SIGUSR1 sent later;
 * the program exits 0.
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

#define SLEEP_MS 1500

static cdbg_proc *p;

/* Wait until tid sleeps in system call nr. */
static void wait_blocked(pid_t tid, long nr)
{
	CHECK(h_wait_in_syscall(tid, nr, 10),
	      "thread %d is not blocked in system call %ld (%ld, %c)", (int)tid, nr,
	      h_syscall(tid, NULL, NULL), h_proc_state(tid));
}

static uint64_t sym(const char *name)
{
	struct cdbg_symbol s;

	CHECK(cdbg_sym_by_name(p, name, &s) == 0, "symbol %s: %s", name, cdbg_errmsg(p));
	return s.addr;
}

/* rax and orig_rax of tid are the interrupted call nr with restart code code. */
static void check_interrupted(pid_t tid, long nr, long code, const char *when)
{
	uint64_t rax, orig;

	CHECK(cdbg_reg_get(p, tid, "rax", &rax) == 0, "rax: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_get(p, tid, "orig_rax", &orig) == 0, "orig_rax: %s", cdbg_errmsg(p));
	CHECK((long)orig == nr && (long)rax == code,
	      "%s, thread %d: orig_rax %ld rax %ld, want "
	      "%ld and %ld",
	      when, (int)tid, (long)orig, (long)rax, nr, code);
}

/* A few calls in tid, each checked. */
static void calls(pid_t pid, pid_t tid)
{
	struct cdbg_call c = { .func = sym("getpid") };
	static const char s[] = "-4242";

	CHECK(cdbg_call(p, tid, &c) == 0, "getpid in %d: %s", (int)tid, cdbg_errmsg(p));
	CHECK_EQ(c.ret, pid);
	/* atoi, not strlen: glibc's strlen is an IFUNC, whose symbol is its resolver. */
	c = (struct cdbg_call){
		.func = sym("atoi"), .nargs = 1, .data = { s }, .datalen = { sizeof(s) }
	};
	CHECK(cdbg_call(p, tid, &c) == 0, "atoi in %d: %s", (int)tid, cdbg_errmsg(p));
	CHECK_EQ((int)c.ret, -4242);
	c = (struct cdbg_call){ .func = sym("abs"), .args = { (uint64_t)-77 }, .nargs = 1 };
	CHECK(cdbg_call(p, tid, &c) == 0, "abs in %d: %s", (int)tid, cdbg_errmsg(p));
	CHECK_EQ((int)c.ret, 77);
}

int main(void)
{
	struct tracee t;
	char line[256], ms[16];
	pid_t pid, sleeper, reader, pauser, mainth;
	struct {
		pid_t *tid;
		long nr, code;
	} th[] = { { &sleeper, 230, -516 },
		   { &reader, 0, -512 },
		   { &pauser, 34, -514 },
		   { &mainth, 0, -512 } };

	u_watchdog(50);
	p = u_new();
	snprintf(ms, sizeof(ms), "%d", SLEEP_MS);
	h_start(&t, "call_block", ms, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	pid = t.pid;
	sleeper = (pid_t)h_field(line, "sleeper");
	reader = (pid_t)h_field(line, "reader");
	pauser = (pid_t)h_field(line, "pauser");
	mainth = (pid_t)h_field(line, "main");
	for (size_t i = 0; i < 4; i++)
		wait_blocked(*th[i].tid, th[i].nr);

	CHECK(cdbg_attach(p, pid) == 0, "attach: %s", cdbg_errmsg(p));
	for (size_t i = 0; i < 4; i++) {
		check_interrupted(*th[i].tid, th[i].nr, th[i].code, "after attach");
		calls(pid, *th[i].tid);
		check_interrupted(*th[i].tid, th[i].nr, th[i].code, "after the calls");
	}
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(pid, 5), "threads left in tracing stop");

	/* Every thread went back into its call: nothing printed until we give each its cause. */
	h_send(&t, "ping");
	h_expect(&t, "pong", NULL, 0, 10);
	for (size_t i = 1; i < 4; i++)
		wait_blocked(*th[i].tid, th[i].nr);
	CHECK(!h_try_expect(&t, "pause returned", line, sizeof(line), 0),
	      "pause() ended by "
	      "itself after the calls: %s",
	      line);
	CHECK(!h_try_expect(&t, "read ", line, sizeof(line), 0), "read() ended by itself: %s",
	      line);
	h_send(&t, "write hello");
	h_expect(&t, "read ", line, sizeof(line), 10);
	CHECK(!strcmp(line, "read ok n=5 bytes=hello"), "%s", line);
	h_send(&t, "usr1");
	h_expect(&t, "pause returned", line, sizeof(line), 10);
	CHECK(!strcmp(line, "pause returned errno=4 usr1=1"), "%s", line);
	h_expect(&t, "sle", line, sizeof(line), 10); /* slept ok, or sleep failed */
	CHECK(!strncmp(line, "slept ok", 8), "%s", line);
	CHECK(h_field(line, "elapsed") >= SLEEP_MS, "%s", line);
	/* The restarted sleep keeps its first deadline (the kernel's restart block). */
	CHECK(h_field(line, "elapsed") < SLEEP_MS + 3000, "%s", line);
	h_note("%s", line);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
