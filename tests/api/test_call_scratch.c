/*
 * test_call_scratch: detach after a call made in libc and a breakpoint in the executable. A
 * call returns onto a trap in a scratch area mapped near the thread's pc (here in libc's
 * read()); a breakpoint in the executable, more than 2 GiB away, needs a second area near
 * itself. Proves: detach unmaps both and the program runs on to its normal end (exit 0 with
 * its own output), with no signal left for it. Also: the same with two breakpoints and no
 * call (the areas come from the breakpoints alone), and the maps show no area of cdbg's after
 * the detach.
 */
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

/* Executable anonymous mappings of pid that no file backs: cdbg's scratch areas. */
static int anon_exec_maps(pid_t pid)
{
	char path[64], line[512];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof(line), f)) {
		char perms[8] = "";
		unsigned long long ino = 1;
		if (sscanf(line, "%*x-%*x %7s %*x %*s %llu", perms, &ino) == 2 && perms[2] == 'x' &&
		    ino == 0 && !strstr(line, "[v"))
			n++;
	}
	fclose(f);
	return n;
}

static void run(bool with_call)
{
	struct tracee t;
	struct cdbg_symbol s;
	char line[256];
	cdbg_proc *p = u_new();
	int before;

	h_start(&t, "call_basic", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	before = anon_exec_maps(t.pid);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "getpid", &s) == 0, "getpid: %s", cdbg_errmsg(p));
	if (with_call) {
		struct cdbg_call c = { .func = s.addr };
		CHECK(cdbg_call(p, t.pid, &c) == 0, "call: %s", cdbg_errmsg(p));
		CHECK_EQ(c.ret, t.pid);
	} else {
		CHECK(cdbg_bp_insert(p, s.addr, 0) > 0, "break in libc: %s", cdbg_errmsg(p));
	}
	CHECK(cdbg_bp_insert(p, (uint64_t)h_field(line, "stop_here"), 0) > 0,
	      "break in the executable: %s", cdbg_errmsg(p));
	CHECK_EQ(anon_exec_maps(t.pid), before + 2);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still traced");
	CHECK(write(t.in, "stop\n", 5) == 5 && h_try_expect(&t, "stop_here returned", NULL, 0, 10),
	      "%s: the program did not run on after the detach (exit status %d)",
	      with_call ? "call + breakpoint" : "two breakpoints", h_finish(&t, 20));
	CHECK_EQ(anon_exec_maps(t.pid), before);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done counter=0", NULL, 0, 1);
	cdbg_free(p);
}

int main(void)
{
	u_watchdog(50);
	signal(SIGPIPE, SIG_IGN); /* a dead tracee's stdin: a failed write, said below */
	run(true);
	run(false);
	return h_pass();
}
