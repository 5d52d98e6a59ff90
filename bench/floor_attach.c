/*
 * floor_attach: the least work that attaches to every thread of a process,
 * sees each one stopped, and detaches. bench/attach times it next to cdbg and
 * gdb as the floor no debugger can beat on this machine.
 *
 * Owns: its own ptrace calls and waitpid. It is a benchmark program, not part
 * of libcdbg, so the "only src/loop.c calls ptrace" rule does not reach here.
 * Must not: print anything except on error, read symbols or registers, or do
 * any per-thread work a debugger could skip.
 *
 * Usage: floor_attach PID
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* What we know of one tid; one byte per possible tid, indexed by tid. */
enum tid_state {
	TID_UNSEEN = 0, /* not listed yet */
	TID_SKIPPED,    /* listed, but gone or a zombie when we tried to seize it */
	TID_SEIZED,     /* seized and interrupted; its stop has not been reported */
	TID_STOPPED,    /* reported a stop; detach it at the end */
	TID_GONE,       /* seized, then exited before or instead of stopping */
};

struct floor {
	pid_t pid;      /* the process we attach to */
	long tid_max;   /* size of state[]: /proc/sys/kernel/pid_max */
	uint8_t *state; /* enum tid_state per tid */
	int *sig;       /* signal to hand back on detach, per tid, or NULL */
	pid_t *tids;    /* every seized tid, in seize order */
	long ntids;     /* entries used in tids[] */
	long cap;       /* entries allocated in tids[] */
};

static long read_pid_max(void)
{
	FILE *f = fopen("/proc/sys/kernel/pid_max", "r");
	long v = 0;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = 0;
		fclose(f);
	}
	/* PID_MAX_LIMIT on 64-bit is 4M; anything else is a bad read. */
	return (v > 0 && v <= 4 * 1024 * 1024) ? v : 4 * 1024 * 1024;
}

static int push_tid(struct floor *f, pid_t tid)
{
	if (f->ntids == f->cap) {
		long cap = f->cap ? f->cap * 2 : 1024;
		pid_t *n = realloc(f->tids, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		f->tids = n;
		f->cap = cap;
	}
	f->tids[f->ntids++] = tid;
	return 0;
}

/*
 * Seize and interrupt one newly listed tid. ESRCH: it exited since the
 * listing. EPERM: it is a zombie whose leader lives on (ptrace refuses
 * exiting tasks). Both are skipped for good so the next pass does not count
 * them as new.
 */
static int seize_one(struct floor *f, pid_t tid)
{
	int err;

	if (ptrace(PTRACE_SEIZE, tid, 0, 0) < 0) {
		if (errno == ESRCH || errno == EPERM) {
			f->state[tid] = TID_SKIPPED;
			return 0;
		}
		err = errno;
		fprintf(stderr, "floor_attach: cannot seize %d: %s\n", tid, strerror(err));
		return -err;
	}
	f->state[tid] = TID_SEIZED;
	if (push_tid(f, tid) < 0) {
		fprintf(stderr, "floor_attach: out of memory\n");
		return -ENOMEM;
	}
	/* ESRCH here means it died after the seize; waitpid reports the exit. */
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) < 0 && errno != ESRCH) {
		err = errno;
		fprintf(stderr, "floor_attach: cannot interrupt %d: %s\n", tid, strerror(err));
		return -err;
	}
	return 0;
}

/* One pass over /proc/PID/task: seize every tid not seen before. Returns how many were new. */
static long seize_pass(struct floor *f, int dirfd)
{
	char buf[64 * 1024];
	long nnew = 0, n, off;
	int err;

	if (lseek(dirfd, 0, SEEK_SET) < 0)
		goto err_list;
	while ((n = syscall(SYS_getdents64, dirfd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			long tid = strtol(d->d_name, NULL, 10);

			off += d->d_reclen;
			if (tid <= 0 || tid >= f->tid_max || f->state[tid] != TID_UNSEEN)
				continue;
			err = seize_one(f, tid);
			if (err < 0)
				return err;
			nnew++;
		}
	}
	if (n == 0)
		return nnew;
err_list:
	err = errno;
	fprintf(stderr, "floor_attach: cannot list the threads of %d: %s\n", f->pid, strerror(err));
	return -err;
}

/*
 * Wait for each seized tid in turn, by its own tid. Not waitpid(-1): for
 * that the kernel walks the tracer's whole list of tracees on every call,
 * past every tracee already reported, so n stops cost O(n^2): with 10,000
 * threads the waits took 3 s that way, 8 ms this way. A wait for one pid
 * goes straight to that task.
 *
 * Known gap: a leader that exits after its seize while other threads live is
 * never reported (the kernel holds its exit until the group is empty), so
 * the wait would block. sleepers never does that; a debugger must handle it.
 */
static int wait_all_stopped(struct floor *f)
{
	int st, sig, err;
	long i;
	pid_t tid;

	for (i = 0; i < f->ntids; i++) {
		tid = f->tids[i];
		if (f->state[tid] != TID_SEIZED)
			continue;
		if (waitpid(tid, &st, __WALL) < 0) {
			if (errno == EINTR) {
				i--;
				continue;
			}
			err = errno;
			fprintf(stderr, "floor_attach: waitpid %d: %s\n", tid, strerror(err));
			return -err;
		}
		if (!WIFSTOPPED(st)) {
			f->state[tid] = TID_GONE;
			continue;
		}
		f->state[tid] = TID_STOPPED;
		/*
		 * A signal that was pending when we interrupted shows as a
		 * signal-delivery-stop first; it counts as stopped, and the
		 * signal goes back on detach so the process does not lose it.
		 */
		sig = WSTOPSIG(st);
		if ((st >> 16) == 0 && sig != SIGTRAP && f->sig)
			f->sig[tid] = sig;
	}
	return 0;
}

static void detach_all(struct floor *f)
{
	long i;
	pid_t tid;

	for (i = 0; i < f->ntids; i++) {
		tid = f->tids[i];
		if (f->state[tid] != TID_STOPPED)
			continue;
		if (ptrace(PTRACE_DETACH, tid, 0, f->sig ? f->sig[tid] : 0) < 0 && errno != ESRCH)
			fprintf(stderr, "floor_attach: cannot detach %d: %s\n", tid,
				strerror(errno));
	}
}

int main(int argc, char **argv)
{
	struct floor f = { 0 };
	char path[64];
	int dirfd, ret = 1;
	long nnew;

	if (argc != 2 || (f.pid = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: floor_attach PID\n");
		return 2;
	}
	f.tid_max = read_pid_max();
	/* calloc of untouched pages costs nothing until a tid lands there. */
	f.state = calloc(f.tid_max, 1);
	f.sig = calloc(f.tid_max, sizeof(*f.sig));
	if (!f.state) {
		fprintf(stderr, "floor_attach: out of memory\n");
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/%d/task", f.pid);
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		fprintf(stderr, "floor_attach: cannot open %s: %s\n", path, strerror(errno));
		goto out_free;
	}
	/* Threads started by not-yet-stopped threads show up in the next pass. */
	do {
		nnew = seize_pass(&f, dirfd);
	} while (nnew > 0);
	close(dirfd);
	if (nnew < 0 || f.ntids == 0) {
		if (nnew == 0)
			fprintf(stderr, "floor_attach: no thread of %d could be seized\n", f.pid);
		goto out_detach;
	}
	if (wait_all_stopped(&f) < 0)
		goto out_detach;
	ret = 0;
out_detach:
	/*
	 * On failure, tids still in TID_SEIZED are left to the kernel: our
	 * exit detaches them and a pending interrupt dies with the tracer.
	 */
	detach_all(&f);
out_free:
	free(f.tids);
	free(f.sig);
	free(f.state);
	return ret;
}
