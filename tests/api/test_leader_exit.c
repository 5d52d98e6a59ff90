/*
 * test_leader_exit: a process whose main thread called pthread_exit (leader_exit). Proves:
 * attaching after the leader is a zombie works: the leader stays 'Z' (listed as
 * CDBG_THREAD_ZOMBIE), every other thread is in tracing stop and still; memory and the
 * modules are read through a live thread (a missed symbol lookup keeps the modules); the zombie's registers are refused; after detach no thread is traced
 * (TracerPid 0 everywhere) and the program finishes. Attaching right after the ready line,
 * while the leader is on its way out, works as well: after a run and an interrupt the leader
 * is 'Z' (or, when its exit stop was not yet seen, held there in 't'), the others 't',
 * and detach lets the program finish (the leader may stay a traced zombie when the seize
 * fell in its exit window: see check_released).
 */
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define N 4

/* Start of the first mapping of the program's executable, read through a live thread. */
static unsigned long exe_base(pid_t pid, pid_t tid)
{
	char path[96], exe[4096], line[4352];
	unsigned long lo = 0;
	ssize_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/exe", (int)pid, (int)tid);
	n = readlink(path, exe, sizeof(exe) - 1);
	CHECK(n > 0, "readlink %s", path);
	exe[n] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/task/%d/maps", (int)pid, (int)tid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		size_t l = strlen(line), e = strlen(exe);
		if (l > e && !strcmp(line + l - e, exe)) {
			lo = strtoul(line, NULL, 16);
			break;
		}
	}
	fclose(f);
	CHECK(lo, "no mapping of %s", exe);
	return lo;
}

/* leader_held: the leader may also sit in its exit stop ('t'), reached while running and not
 * yet seen by cdbg when the interrupt came. */
static void check_held(cdbg_proc *p, struct tracee *t, bool leader_held)
{
	char lst = u_task_state(t->pid, t->pid);

	pid_t tids[N + 4];
	struct cdbg_thread_info info;
	int total, nt, k;
	uint64_t pc;
	char elf[4];

	CHECK(lst == 'Z' || (leader_held && lst == 't'), "leader is '%c'", lst);
	nt = h_count_states(t->pid, "t", &total);
	CHECK_EQ(total, N + 1);
	CHECK(nt == N + (lst == 't'), "%d of %d threads in tracing stop", nt, total);
	k = cdbg_threads(p, tids, N + 4);
	CHECK_EQ(k, N + 1);
	for (int i = 0; i < k; i++) {
		CHECK(cdbg_thread_info(p, tids[i], &info) == 0, "info %d: %s", (int)tids[i],
		      cdbg_errmsg(p));
		if (tids[i] == t->pid && lst == 't') {
			CHECK(info.state == CDBG_THREAD_STOPPED ||
				      info.state == CDBG_THREAD_EXITING,
			      "leader in its exit stop has state %d", (int)info.state);
			CHECK(info.proc_state == 't', "leader proc_state '%c'", info.proc_state);
		} else if (tids[i] == t->pid) {
			CHECK(info.state == CDBG_THREAD_ZOMBIE, "leader state %d", (int)info.state);
			CHECK(info.proc_state == 'Z', "leader proc_state '%c'", info.proc_state);
			CHECK(cdbg_pc_get(p, tids[i], &pc) < 0, "the zombie leader has a pc");
		} else {
			CHECK(info.state == CDBG_THREAD_STOPPED, "thread %d state %d", (int)tids[i],
			      (int)info.state);
			CHECK(info.proc_state == 't', "thread %d '%c'", (int)tids[i],
			      info.proc_state);
			CHECK(cdbg_pc_get(p, tids[i], &pc) == 0 && pc, "pc of %d: %s", (int)tids[i],
			      cdbg_errmsg(p));
		}
	}
	for (int i = 0; i < k; i++)
		if (tids[i] != t->pid) {
			unsigned long base = exe_base(t->pid, tids[i]);
			CHECK(cdbg_mem_read(p, base, elf, 4) == 4, "read %#lx: %s", base,
			      cdbg_errmsg(p));
			CHECK(!memcmp(elf, "\177ELF", 4), "no ELF header at %#lx", base);
			break;
		}
	/* Symbols are read through a live thread: a zombie leader's /proc/PID/maps is empty and
	 * its auxv gone. A lookup that misses (and so lists the modules again) keeps them. */
	static struct cdbg_module mods[128];
	struct cdbg_symbol sym;
	int nm = cdbg_modules(p, mods, 128);
	CHECK(nm > 0, "modules: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_addr(p, 1, &sym) < 0, "a symbol at address 1");
	CHECK(cdbg_modules(p, mods, 128) == nm, "modules after a missed lookup: %s",
	      cdbg_errmsg(p));
	long long c0 = h_cpu_ticks(t->pid);
	h_msleep(300);
	long long c1 = h_cpu_ticks(t->pid);
	CHECK(c0 == c1, "cpu moved while held: %lld -> %lld", c0, c1);
}

/* racing: the attach came while the leader was leaving. If it came in the kernel's window
 * between the leader's exit event and its PF_EXITING flag, the seize succeeded but no exit
 * stop follows: the leader turns into a traced zombie that no request can untrace (only a
 * reap, once the other threads are gone, or the tracer thread's exit). That one thread, a
 * zombie leader traced by us, is then allowed; the program must still finish normally. */
static void check_released(struct tracee *t, bool racing)
{
	pid_t tids[N + 4];
	int n;

	CHECK(h_wait_untraced(t->pid, 5), "threads still in tracing stop after detach");
	n = u_tasks(t->pid, tids, N + 4);
	for (int i = 0; i < n; i++) {
		long tracer = u_task_status(t->pid, tids[i], "TracerPid");
		if (racing && tids[i] == t->pid && tracer == getpid() &&
		    u_task_state(t->pid, tids[i]) == 'Z') {
			h_note("the leader was seized inside its exit window: a traced zombie");
			continue;
		}
		CHECK(tracer == 0, "thread %d ('%c') still traced by %ld after detach",
		      (int)tids[i], u_task_state(t->pid, tids[i]), tracer);
	}
}

int main(void)
{
	struct tracee t;
	char line[256], arg[16];
	cdbg_proc *p = u_new();
	long deadline;

	u_watchdog(45);
	snprintf(arg, sizeof(arg), "%d", N);

	/* 1: the leader is a zombie before we attach. */
	h_start(&t, "leader_exit", arg, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	deadline = u_now_ms() + 5000;
	while (u_task_state(t.pid, t.pid) != 'Z') {
		CHECK(u_now_ms() < deadline, "leader never became a zombie ('%c')",
		      u_task_state(t.pid, t.pid));
		h_msleep(5);
	}
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	check_held(p, &t, false);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	check_released(&t, false);
	CHECK(u_cpu_moves(t.pid), "workers do not run after detach");
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);

	/* 2: attach right after ready, while the leader is leaving; several times for the race. */
	static struct tracee us[5]; /* the harness keeps pointers to them until h_pass */
	for (int round = 0; round < 5; round++) {
		struct tracee *up = &us[round];
		h_note("round %d", round);
		h_start(up, "leader_exit", arg, NULL);
		h_expect(up, "ready", line, sizeof(line), 20);
		if (round % 2)
			h_msleep(round);
		CHECK(cdbg_attach(p, up->pid) == 0, "round %d: attach: %s", round, cdbg_errmsg(p));
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		if (round % 2 == 0) {
			/* As a debugger does: wait for events while the program runs. The leader's
			 * exit is no event (the process lives on); it must end up a zombie. Waited
			 * for until /proc says 'Z' (at least 150 ms): on a loaded machine the
			 * leader may take long to get through pthread_exit. */
			long start = u_now_ms(), end = start + 10000;
			struct cdbg_event ev;
			int r;
			while (u_now_ms() < start + 150 || u_task_state(up->pid, up->pid) != 'Z') {
				CHECK(u_now_ms() < end,
				      "round %d: leader never became a zombie "
				      "('%c')",
				      round, u_task_state(up->pid, up->pid));
				r = cdbg_wait(p, &ev, 20);
				CHECK(r >= 0, "wait: %s", cdbg_errmsg(p));
				CHECK(r == 0, "unexpected event %s", u_ev(&ev));
			}
		} else {
			h_msleep(100);
		}
		u_stop(p, NULL);
		check_held(p, up, round % 2 == 1);
		CHECK(cdbg_detach(p) == 0, "round %d: detach: %s", round, cdbg_errmsg(p));
		check_released(up, true);
		CHECK_EQ(h_finish(up, 20), 0);
		h_expect(up, "done", NULL, 0, 1);
	}
	cdbg_free(p);
	return h_pass();
}
