/*
 * test_core_read: cores read back exactly, and damaged cores never hurt the reader.
 *
 * 1. crasher is launched under cdbg and runs into its SIGSEGV; at that stop the live threads,
 *    registers (every general register), backtraces, globals, a local and the text at main are
 *    recorded, and cdbg_gcore writes a core. The process is killed.
 * 2. That core is opened: the same threads (the faulting one first), the same registers bit for
 *    bit, the same backtraces and values, the same text, SIGSEGV at address 0 in core_info; every
 *    attempt to run or change it fails with CDBG_ENOTLIVE; cdbg_detach lets it go.
 * 3. When the kernel writes cores into the working directory (core_pattern a plain name; never
 *    changed here), crasher crashes on its own and the kernel's core must read the same shape:
 *    4 threads, the faulting one first in dive() six frames deep, the same globals.
 * 4. A core whose file note names a FIFO (a copy of the core with libc's path, in the note,
 *    replaced by a FIFO's of the same length) opens and reads in a child under an alarm: the
 *    FIFO is never opened (its open would block for good).
 * 5. Damaged copies of a core (the kernel's, else cdbg's), seeded: cut at a random length
 *    (half of the cuts inside the headers and notes), or bytes changed in the notes or
 *    anywhere. Each is read in a child process (open, threads, registers, memory, backtraces,
 *    modules, mappings) under a 30 s alarm, and every fourth one also by the cdbg command
 *    (CDBG_BIN: PROG CORE with the reading commands of a post-mortem session) under the same
 *    alarm: a crash or a hang fails with the seed to replay: CDBG_CORE_SEEDS=N-N
 *    test_core_read. Default seeds 1-120; a failed open must give a one-line sentence.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define MAXT 16
#define MAXF 32

static const char *const gprs[] = { "rax", "rbx", "rcx", "rdx",    "rsi",    "rdi", "rbp",
				    "rsp", "r8",  "r9",  "r10",    "r11",    "r12", "r13",
				    "r14", "r15", "rip", "eflags", "fs_base" };
#define NGPR (sizeof(gprs) / sizeof(gprs[0]))
static const char *const globals[] = { "g_counter", "g_point.y", "g_table[3]", "g_bss[0]",
				       "g_name[1]" };
#define NGLOB (sizeof(globals) / sizeof(globals[0]))

struct picture {
	int n;
	pid_t tids[MAXT];
	uint64_t regs[MAXT][NGPR];
	int nframes[MAXT];
	char funcs[MAXT][MAXF][64];
	char values[NGLOB][64];
	char level[64]; /* `local` in the faulting thread's frame 1 (dive(1)) */
	unsigned char text[64];
	uint64_t main_addr;
};

static void value_of(cdbg_proc *p, pid_t tid, int frame, const char *expr, char *out, size_t len)
{
	struct cdbg_value v;

	CHECK(cdbg_eval_frame(p, tid, frame, expr, NULL, &v) == 0, "%s: %s", expr, cdbg_errmsg(p));
	CHECK(cdbg_value_format(p, &v, 0, 0, out, len) >= 0, "format %s: %s", expr, cdbg_errmsg(p));
}

static void take(cdbg_proc *p, struct picture *pic, bool regs)
{
	struct cdbg_frame fr[MAXF];
	struct cdbg_symbol sym;

	memset(pic, 0, sizeof(*pic));
	pic->n = cdbg_threads(p, pic->tids, MAXT);
	CHECK(pic->n > 0 && pic->n <= MAXT, "threads: %d (%s)", pic->n, cdbg_errmsg(p));
	for (int i = 0; i < pic->n; i++) {
		for (size_t r = 0; regs && r < NGPR; r++)
			CHECK(cdbg_reg_get(p, pic->tids[i], gprs[r], &pic->regs[i][r]) == 0,
			      "%s of %d: %s", gprs[r], (int)pic->tids[i], cdbg_errmsg(p));
		pic->nframes[i] = cdbg_backtrace(p, pic->tids[i], fr, MAXF);
		CHECK(pic->nframes[i] > 0, "backtrace of %d: %s", (int)pic->tids[i],
		      cdbg_errmsg(p));
		for (int f = 0; f < pic->nframes[i]; f++)
			snprintf(pic->funcs[i][f], 64, "%s", fr[f].func);
	}
	for (size_t g = 0; g < NGLOB; g++)
		value_of(p, pic->tids[0], 0, globals[g], pic->values[g], 64);
	value_of(p, pic->tids[0], 1, "local", pic->level, sizeof(pic->level));
	CHECK(cdbg_sym_by_name(p, "main", &sym) == 0, "main: %s", cdbg_errmsg(p));
	pic->main_addr = sym.addr;
	CHECK(cdbg_mem_read(p, sym.addr, pic->text, sizeof(pic->text)) == sizeof(pic->text),
	      "text at main: %s", cdbg_errmsg(p));
}

/* The faulting thread is in dive() six deep under main; the others in parked() under worker. */
static void check_shape(const struct picture *pic)
{
	CHECK_EQ(pic->n, 4);
	CHECK(strcmp(pic->funcs[0][0], "dive") == 0, "frame 0 of the faulting thread: %s",
	      pic->funcs[0][0]);
	for (int f = 0; f < 6; f++)
		CHECK(strcmp(pic->funcs[0][f], "dive") == 0, "frame %d: %s", f, pic->funcs[0][f]);
	CHECK(strcmp(pic->funcs[0][6], "main") == 0, "frame 6: %s", pic->funcs[0][6]);
	for (int i = 1; i < pic->n; i++) {
		bool parked = false, worker = false;
		for (int f = 0; f < pic->nframes[i]; f++) {
			parked = parked || strcmp(pic->funcs[i][f], "parked") == 0;
			worker = worker || strcmp(pic->funcs[i][f], "worker") == 0;
		}
		CHECK(parked && worker, "thread %d is not parked under worker", (int)pic->tids[i]);
	}
	CHECK(strcmp(pic->values[0], "43") == 0, "g_counter = %s", pic->values[0]);
	CHECK(strcmp(pic->values[1], "-4") == 0, "g_point.y = %s", pic->values[1]);
	CHECK(strcmp(pic->values[2], "40") == 0, "g_table[3] = %s", pic->values[2]);
	CHECK(strcmp(pic->values[3], "43") == 0, "g_bss[0] = %s", pic->values[3]);
	CHECK(strcmp(pic->level, "7") == 0, "local in frame 1 = %s", pic->level);
}

/* exact: the same process (tids, registers, addresses); else another run of the program: the
 * faulting thread's frames, the values and the text's bytes. */
static void same(const struct picture *a, const struct picture *b, bool exact)
{
	CHECK_EQ(a->n, b->n);
	for (int i = 0; i < (exact ? a->n : 1); i++) {
		int j = 0;
		while (exact && j < b->n && b->tids[j] != a->tids[i])
			j++;
		CHECK(j < b->n, "thread %d is not in the core", (int)a->tids[i]);
		for (size_t r = 0; exact && r < NGPR; r++)
			CHECK(a->regs[i][r] == b->regs[j][r],
			      "%s of %d: %#llx live, %#llx in the core", gprs[r], (int)a->tids[i],
			      (unsigned long long)a->regs[i][r], (unsigned long long)b->regs[j][r]);
		CHECK_EQ(a->nframes[i], b->nframes[j]);
		for (int f = 0; f < a->nframes[i]; f++)
			CHECK(strcmp(a->funcs[i][f], b->funcs[j][f]) == 0,
			      "thread %d frame %d: %s, %s", (int)a->tids[i], f, a->funcs[i][f],
			      b->funcs[j][f]);
	}
	for (size_t g = 0; g < NGLOB; g++)
		CHECK(strcmp(a->values[g], b->values[g]) == 0, "%s: %s, %s", globals[g],
		      a->values[g], b->values[g]);
	CHECK(strcmp(a->level, b->level) == 0, "local: %s, %s", a->level, b->level);
	CHECK(!exact || a->main_addr == b->main_addr, "main moved");
	CHECK(memcmp(a->text, b->text, sizeof(a->text)) == 0, "the text at main differs");
}

static void refuses(cdbg_proc *p, pid_t tid)
{
	struct cdbg_event ev;

	CHECK_EQ(cdbg_cont(p), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_step(p, tid), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_interrupt(p), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_wait(p, &ev, 0), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_bp_insert(p, 0x1000, 0), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_mem_write(p, 0x1000, "x", 1), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_reg_set(p, tid, "rax", 1), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_set_pending_signal(p, tid, 0), CDBG_ENOTLIVE);
	CHECK_EQ(cdbg_gcore(p, "/dev/null"), CDBG_ENOTLIVE);
	CHECK(strchr(cdbg_errmsg(p), '\n') == NULL, "a sentence of more than one line");
}

/* 1: the live picture at the SIGSEGV, and cdbg's core of it. */
static void live_and_gcore(const char *prog, const char *core, struct picture *live)
{
	char *argv[] = { (char *)prog, NULL };
	struct cdbg_event ev;
	cdbg_proc *p = cdbg_new();

	CHECK(p, "cdbg_new");
	{
		int lr = cdbg_launch(p, prog, argv, NULL);
		CHECK(lr > 0, "launch %s: %s", prog, cdbg_errmsg(p));
	}
	for (;;) {
		CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
		do
			u_wait(p, &ev, 30000);
		while (!ev.stopped);
		CHECK(ev.kind == CDBG_EV_SIGNAL, "unexpected %s", u_ev(&ev));
		if (ev.signo == SIGSEGV)
			break;
	}
	take(p, live, true);
	check_shape(live);
	CHECK(cdbg_gcore(p, core) == 0, "gcore: %s", cdbg_errmsg(p));
	CHECK(cdbg_kill(p) == 0, "kill: %s", cdbg_errmsg(p));
	cdbg_free(p);
}

static void read_core(const char *core, const char *prog, struct picture *pic,
		      struct cdbg_core_info *ci)
{
	cdbg_proc *p = cdbg_new();

	CHECK(cdbg_core_open(p, core, prog) == 0, "open %s: %s", core, cdbg_errmsg(p));
	CHECK_EQ(cdbg_target(p), CDBG_TARGET_CORE);
	CHECK(cdbg_core_info(p, ci) == 0, "core_info: %s", cdbg_errmsg(p));
	take(p, pic, true);
	refuses(p, pic->tids[0]);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(cdbg_target(p) != CDBG_TARGET_CORE, "the core is still held");
	cdbg_free(p);
}

/* 3: the kernel's core of crasher, if the kernel writes one where we can find it. */
static bool kernel_core(const char *prog, const char *dir, char *out, size_t len)
{
	char pat[256] = "";
	FILE *f = fopen("/proc/sys/kernel/core_pattern", "re");
	int st;
	pid_t pid;

	if (f) {
		if (!fgets(pat, sizeof(pat), f))
			pat[0] = '\0';
		fclose(f);
	}
	pat[strcspn(pat, "\n")] = '\0';
	if (!pat[0] || strchr(pat, '/') || strchr(pat, '|') || strchr(pat, '%'))
		return false; /* not a plain name in the working directory */
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
		if (setrlimit(RLIMIT_CORE, &rl) < 0 || chdir(dir) < 0)
			_exit(126);
		execl(prog, prog, (char *)NULL);
		_exit(127);
	}
	CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
	if (!WIFSIGNALED(st) || !WCOREDUMP(st))
		return false;
	snprintf(out, len, "%s/%s", dir, pat);
	if (access(out, R_OK) == 0)
		return true;
	snprintf(out, len, "%s/%s.%d", dir, pat, (int)pid);
	return access(out, R_OK) == 0;
}

/* ---- 4: damaged cores ----------------------------------------------------------------------- */

static unsigned long long rng;
static unsigned long next_rand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rng >> 33);
}

static void copy_head(const char *from, const char *to, off_t len)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	char buf[1 << 16];
	off_t done = 0;

	CHECK(in >= 0, "open %s", from);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(out >= 0, "create %s", to);
	while (done < len) {
		size_t want = (size_t)(len - done) < sizeof(buf) ? (size_t)(len - done) :
								   sizeof(buf);
		ssize_t n = read(in, buf, want);
		CHECK(n > 0, "read %s", from);
		CHECK(write(out, buf, (size_t)n) == n, "write %s", to);
		done += n;
	}
	close(in);
	close(out);
}

/* Everything a reader would do; exits 0 unless something crashes. */
static void read_everything(const char *core, const char *prog)
{
	cdbg_proc *p = cdbg_new();
	pid_t tids[64];
	struct cdbg_core_info ci;
	struct cdbg_core_mapping maps[64];
	struct cdbg_module mods[16];
	int n;

	if (cdbg_core_open(p, core, prog) < 0) {
		const char *m = cdbg_errmsg(p);
		if (!m[0] || strchr(m, '\n'))
			_exit(3);
		cdbg_free(p);
		_exit(0);
	}
	if (cdbg_core_info(p, &ci) < 0)
		_exit(4);
	if (cdbg_core_mappings(p, maps, 64) < 0)
		_exit(5);
	n = cdbg_threads(p, tids, 64);
	for (int i = 0; i < n && i < 64; i++) {
		struct cdbg_frame fr[24];
		uint64_t pc = 0, sp = 0;
		unsigned char buf[512];
		struct cdbg_value v;
		if (cdbg_reg_get(p, tids[i], "rip", &pc) == 0)
			(void)!cdbg_mem_read(p, pc, buf, sizeof(buf));
		if (cdbg_reg_get(p, tids[i], "rsp", &sp) == 0)
			(void)!cdbg_mem_read(p, sp, buf, sizeof(buf));
		(void)!cdbg_reg_read(p, tids[i], "ymm3", buf, sizeof(buf));
		if (i < 4) {
			(void)!cdbg_backtrace(p, tids[i], fr, 24);
			(void)!cdbg_eval(p, tids[i], "g_table[1] + g_point.x", NULL, &v);
		}
	}
	(void)!cdbg_modules(p, mods, 16);
	if (cdbg_cont(p) != CDBG_ENOTLIVE)
		_exit(6);
	cdbg_free(p);
	_exit(0);
}

/* The cdbg command on core: exits by itself (0 or 1), whatever the core holds. */
static void cli_everything(const char *core, const char *prog)
{
	const char *bin = getenv("CDBG_BIN");
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (!bin)
		_exit(0);
	if (null >= 0) {
		dup2(null, 1);
		dup2(null, 2);
	}
	execl(bin, bin, "-batch", "-ex", "info threads", "-ex", "thread apply all bt full", "-ex",
	      "info registers", "-ex", "info all-registers", "-ex", "p g_counter", "-ex",
	      "x/8xg $sp", "-ex", "info sharedlibrary", "-ex", "info proc mappings", "-ex",
	      "disassemble", "-ex", "list", "-ex", "continue", prog, core, (char *)NULL);
	_exit(9);
}

static void damage_loop(const char *core, const char *prog, const char *dir)
{
	const char *seeds = getenv("CDBG_CORE_SEEDS");
	long first = 1, last = 120;
	struct stat st;
	char bad[4096];

	if (seeds && sscanf(seeds, "%ld-%ld", &first, &last) != 2)
		first = last = atol(seeds);
	CHECK(stat(core, &st) == 0, "stat %s", core);
	snprintf(bad, sizeof(bad), "%s/damaged", dir);
	for (long seed = first; seed <= last; seed++) {
		int kind, status;
		off_t cut;
		pid_t pid;

		rng = (unsigned long long)seed * 0x9E3779B97F4A7C15ULL;
		kind = (int)(next_rand() % 3);
		if (kind == 0) {
			/* Cut: half inside the first 64 kB (headers, notes), half anywhere. */
			cut = next_rand() % 2 ? (off_t)(next_rand() % 65536) :
						(off_t)(next_rand() % (unsigned long)st.st_size);
			if (cut > st.st_size)
				cut = st.st_size;
			copy_head(core, bad, cut);
		} else {
			int fd;
			copy_head(core, bad, st.st_size);
			fd = open(bad, O_RDWR | O_CLOEXEC);
			CHECK(fd >= 0, "open %s", bad);
			for (int k = 0; k < 8; k++) {
				unsigned long span = kind == 1 && st.st_size > 65536 ?
							     65536 :
							     (unsigned long)st.st_size;
				off_t at = (off_t)(next_rand() % span);
				unsigned char b;
				CHECK(pread(fd, &b, 1, at) == 1, "pread");
				b ^= (unsigned char)(1 + next_rand() % 255);
				CHECK(pwrite(fd, &b, 1, at) == 1, "pwrite");
			}
			close(fd);
		}
		pid = fork();
		CHECK(pid >= 0, "fork");
		if (pid == 0) {
			alarm(30);
			if (seed % 4 == 0)
				cli_everything(bad, prog);
			read_everything(bad, prog);
		}
		CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) > (seed % 4 == 0 ? 1 : 0)) {
			char keep[4200];
			snprintf(keep, sizeof(keep), "%s.%ld", bad, seed);
			if (getenv("CDBG_CORRUPT_KEEP") && rename(bad, keep) == 0)
				h_note("kept %s", keep);
			h_fail(__FILE__, __LINE__, "damaged core",
			       "seed %ld (%s) %s %d; replay: CDBG_CORE_SEEDS=%ld-%ld test_core_read",
			       seed,
			       kind == 0 ? "cut" :
			       kind == 1 ? "notes changed" :
					   "bytes changed",
			       WIFSIGNALED(status) ? "killed by signal" : "exit",
			       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), seed,
			       seed);
		}
	}
	h_note("%ld damaged cores read without a crash or a hang", last - first + 1);
	unlink(bad);
}

/* 4: libc's name in the core's file note replaced by a FIFO's. */
static void fifo_case(const char *core, const char *prog, const char *dir)
{
	static const char libc[] = "/usr/lib/x86_64-linux-gnu/libc.so.6";
	char fifo[sizeof(libc)], copy[4096];
	struct stat st;
	unsigned char *buf;
	size_t n = 0, len;
	int fd, status, hits = 0;
	pid_t pid;

	len = (size_t)snprintf(fifo, sizeof(fifo), "%s/", dir);
	if (len >= sizeof(libc) - 2) {
		h_note("the temporary directory's name is too long for the FIFO case: skipped");
		return;
	}
	memset(fifo + len, 'f', sizeof(libc) - 1 - len);
	fifo[sizeof(libc) - 1] = '\0';
	CHECK(mkfifo(fifo, 0600) == 0, "mkfifo %s: %s", fifo, strerror(errno));
	CHECK(stat(core, &st) == 0, "stat %s", core);
	buf = malloc((size_t)st.st_size);
	CHECK(buf, "out of memory");
	fd = open(core, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0 && read(fd, buf, (size_t)st.st_size) == st.st_size, "read %s", core);
	close(fd);
	for (unsigned char *at = buf;
	     (at = memmem(at, (size_t)st.st_size - (size_t)(at - buf), libc, sizeof(libc)));
	     at += sizeof(libc), hits++)
		memcpy(at, fifo, sizeof(libc));
	snprintf(copy, sizeof(copy), "%s/fifo.core", dir);
	fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(fd >= 0 && write(fd, buf, (size_t)st.st_size) == st.st_size, "write %s", copy);
	close(fd);
	free(buf);
	if (!hits) {
		h_note("libc is not %s here: the FIFO case skipped", libc);
		unlink(fifo);
		unlink(copy);
		return;
	}
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		alarm(30);
		read_everything(copy, prog);
	}
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a core naming a FIFO: %s %d (SIGALRM %d: it hung)",
	      WIFSIGNALED(status) ? "killed by signal" : "exit",
	      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), SIGALRM);
	n = (size_t)hits;
	h_note("a core naming a FIFO %zu times reads without opening it", n);
	unlink(fifo);
	unlink(copy);
}

int main(void)
{
	const char *prog = h_tracee_path("crasher");
	char dir[] = "/tmp/cdbg-core.XXXXXX", gcore[4096], kcore[4096];
	struct picture live, fromcore, fromkernel;
	struct cdbg_core_info ci;
	bool have_kernel;

	CHECK(mkdtemp(dir), "mkdtemp");
	snprintf(gcore, sizeof(gcore), "%s/gcore", dir);
	live_and_gcore(prog, gcore, &live);
	h_note("live: %d threads, faulting thread %d, %d frames", live.n, (int)live.tids[0],
	       live.nframes[0]);

	read_core(gcore, prog, &fromcore, &ci);
	same(&live, &fromcore, true);
	CHECK_EQ(ci.signo, SIGSEGV);
	CHECK_EQ(ci.fault_addr, 0);
	CHECK_EQ(ci.nthreads, 4);
	CHECK(!ci.exe_mismatch, "the program does not match its own core");
	h_note("cdbg's core reads back as the live process: registers, frames, values, text");

	have_kernel = kernel_core(prog, dir, kcore, sizeof(kcore));
	if (have_kernel) {
		read_core(kcore, NULL, &fromkernel, &ci);
		check_shape(&fromkernel);
		same(&live, &fromkernel, false);
		CHECK_EQ(ci.signo, SIGSEGV);
		CHECK_EQ(ci.si_code, SEGV_MAPERR);
		CHECK_EQ(ci.fault_addr, 0);
		CHECK(strstr(ci.exe, "crasher") != NULL, "the executable found: '%s'", ci.exe);
		CHECK(!ci.exe_mismatch, "the program does not match its kernel core");
		h_note("the kernel's core (%s) reads the same shape", kcore);
	} else {
		h_note("the kernel writes no core in the working directory here: its core skipped");
	}
	fifo_case(have_kernel ? kcore : gcore, prog, dir);
	damage_loop(have_kernel ? kcore : gcore, prog, dir);
	unlink(gcore);
	if (have_kernel)
		unlink(kcore);
	rmdir(dir);
	return h_pass();
}
