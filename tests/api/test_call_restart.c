/*
 * test_call_restart: a call that times out inside a sleep, made in a thread that was itself
 * sleeping (call_block's sleeper in nanosleep, which the kernel restarts through the thread's
 * restart block: -ERESTART_RESTARTBLOCK). The callee, usleep(6 s), is interrupted at the
 * call's 300 ms timeout in the same kind of sleep, and the kernel overwrites the thread's one
 * restart block with the callee's. Proves: after the detach the program's own sleep still
 * ends about when it should (requested 1.5 s: at most 1 s late), not when the abandoned
 * callee's sleep would have (6 s). Restoring the registers alone restarts the callee's sleep;
 * the thread's own call must be re-issued instead (rax = orig_rax, rip back over the syscall
 * instruction), since the kernel's restart block cannot be saved from user space.
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

#define SLEEP_MS 1500

int main(void)
{
	struct tracee t;
	struct cdbg_symbol us;
	char line[256], ms[16];
	cdbg_proc *p;
	pid_t sleeper;
	long end;

	u_watchdog(50);
	p = u_new();
	snprintf(ms, sizeof(ms), "%d", SLEEP_MS);
	h_start(&t, "call_block", ms, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	sleeper = (pid_t)h_field(line, "sleeper");
	end = u_now_ms() + 10000;
	while (h_syscall(sleeper, NULL, NULL) != 230 && u_now_ms() < end)
		h_msleep(5);
	CHECK_EQ(h_syscall(sleeper, NULL, NULL), 230);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "usleep", &us) == 0, "usleep: %s", cdbg_errmsg(p));
	struct cdbg_call c = { .func = us.addr, .args = { 6000000 }, .nargs = 1, .timeout_ms = 300 };
	CHECK_EQ(cdbg_call(p, sleeper, &c), CDBG_ECALLFAIL);
	CHECK_EQ(c.end, CDBG_CALL_TIMEOUT);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_expect(&t, "sle", line, sizeof(line), 20); /* slept ok, or sleep failed */
	h_note("%s", line);
	CHECK(!strncmp(line, "slept ok", 8), "%s", line);
	CHECK(h_field(line, "elapsed") >= SLEEP_MS, "%s", line);
	CHECK(h_field(line, "elapsed") < SLEEP_MS + 1000,
	      "the program's sleep of %d ms lasted "
	      "%lld ms: it was restarted with the abandoned callee's restart block",
	      SLEEP_MS, h_field(line, "elapsed"));
	h_send(&t, "write x");
	h_send(&t, "usr1");
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
