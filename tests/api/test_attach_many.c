/*
 * test_attach_many: attach to spin with 64 busy threads. Proves: every thread is in tracing
 * stop and burns no CPU while held; cdbg_threads lists exactly the tids /proc lists;
 * cdbg_thread_info gives each thread's name, STOPPED and 't'; an unknown tid is
 * CDBG_ENOTHREAD; attaching by a non-leader tid takes the whole process; after detach the
 * threads run again and the program finishes with its own correct output.
 */
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define N 64

static void read_comm(pid_t pid, pid_t tid, char *buf, size_t len)
{
	char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid, (int)tid);
	f = fopen(path, "re");
	CHECK(f, "cannot open %s", path);
	CHECK(fgets(buf, (int)len, f), "cannot read %s", path);
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

/* Attach (by `by`), check every thread, detach. */
static void hold_and_check(cdbg_proc *p, struct tracee *t, pid_t by)
{
	pid_t ours[N + 8], procs[N + 8];
	struct cdbg_thread_info info;
	char comm[32];
	int total, n, k;
	long long cpu0, cpu1;

	CHECK(cdbg_attach(p, by) == 0, "attach %d: %s", (int)by, cdbg_errmsg(p));
	CHECK_EQ(cdbg_pid(p), t->pid);
	CHECK_EQ(cdbg_is_launched(p), 0);

	n = h_count_states(t->pid, "t", &total);
	CHECK_EQ(total, N + 1);
	CHECK(n == total, "%d of %d threads in tracing stop", n, total);

	k = cdbg_threads(p, ours, N + 8);
	CHECK_EQ(k, total);
	CHECK_EQ(cdbg_threads(p, NULL, 0), total);
	CHECK_EQ(u_tasks(t->pid, procs, N + 8), total);
	qsort(ours, (size_t)k, sizeof(pid_t), cmp_pid);
	qsort(procs, (size_t)k, sizeof(pid_t), cmp_pid);
	for (int i = 0; i < k; i++)
		CHECK(ours[i] == procs[i], "cdbg lists %d where /proc lists %d", (int)ours[i],
		      (int)procs[i]);

	for (int i = 0; i < k; i++) {
		CHECK(cdbg_thread_info(p, ours[i], &info) == 0, "thread_info %d: %s", (int)ours[i],
		      cdbg_errmsg(p));
		CHECK_EQ(info.tid, ours[i]);
		CHECK(info.state == CDBG_THREAD_STOPPED, "thread %d state %d", (int)ours[i],
		      (int)info.state);
		CHECK(info.proc_state == 't', "thread %d proc_state '%c'", (int)ours[i],
		      info.proc_state);
		read_comm(t->pid, ours[i], comm, sizeof(comm));
		CHECK(strcmp(info.name, comm) == 0, "thread %d name '%s', /proc says '%s'",
		      (int)ours[i], info.name, comm);
	}
	/* A tid that is not one of its threads. */
	CHECK_EQ(cdbg_thread_info(p, 0x7ffffff0, &info), CDBG_ENOTHREAD);
	CHECK(cdbg_errmsg(p)[0] != '\0', "no message for ENOTHREAD");

	cpu0 = h_cpu_ticks(t->pid);
	h_msleep(300);
	cpu1 = h_cpu_ticks(t->pid);
	CHECK(cpu0 == cpu1, "cpu time moved while held: %lld -> %lld ticks", cpu0, cpu1);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_pid(p), 0);
	CHECK(h_wait_untraced(t->pid, 5), "threads still in tracing stop after detach");
	for (int i = 0; i < k; i++)
		CHECK_EQ(u_task_status(t->pid, ours[i], "TracerPid"), 0);
	CHECK(u_cpu_moves(t->pid), "no cpu time used after detach");
}

int main(void)
{
	struct tracee t;
	char line[256], arg[16];
	pid_t procs[N + 8];
	cdbg_proc *p = u_new();
	int n;

	u_watchdog(45);
	snprintf(arg, sizeof(arg), "%d", N);
	h_start(&t, "spin", arg, NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK_EQ(h_field(line, "pid"), t.pid);

	hold_and_check(p, &t, t.pid);

	/* Again, naming a worker thread instead of the process. */
	n = u_tasks(t.pid, procs, N + 8);
	CHECK_EQ(n, N + 1);
	for (int i = 0; i < n; i++)
		if (procs[i] != t.pid) {
			h_note("attaching by thread %d", (int)procs[i]);
			hold_and_check(p, &t, procs[i]);
			break;
		}

	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done total=", line, sizeof(line), 1);
	CHECK(h_field(line, "total") > 0, "%s", line);
	cdbg_free(p);
	return h_pass();
}
