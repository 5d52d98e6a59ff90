/*
 * bp_floor: the least work that continues through every hit of a breakpoint, or single-steps a
 * thread, with raw ptrace. bench/breakpoint times it next to cdbg and gdb on the same tracee as
 * the floor no debugger can beat on this machine.
 *
 * Owns: its own ptrace calls and waitpid. It is a benchmark program, not part of libcdbg, so the
 * "only src/loop.c calls ptrace" rule does not reach here. Must not: do per-hit work a debugger
 * could skip (no thread table, no symbols, no all-stop: the hitting thread alone is handled).
 *
 * Usage: bp_floor [--jump | --step-over | --inline | --displaced] hits|cond TRACEE NTHREADS CALLS
 *        bp_floor steps TRACEE STEPS SPIN
 *
 * It starts TRACEE (bphit_tracee) under PTRACE_TRACEME with PTRACE_O_TRACECLONE, reads its
 * ready line, stops it, writes int3 at hit (steps: at spin_steps), sends "go" and then serves
 * each hit alone, the other threads running on: waitpid(-1, __WALL), PTRACE_GETREGS (is it our
 * int3?), the instruction under the int3 executed one of these ways, PTRACE_CONT.
 *   --jump       (default) rip = a copy of the instruction followed by a jump back, in a page
 *                mapped at start (an injected mmap); PTRACE_SETREGS. One stop per hit, as
 *                cdbg does it. The first hit learns the copy's length by a --displaced step.
 *   --inline     rip = hit, SETREGS, put the program's byte back, PTRACE_SINGLESTEP,
 *                waitpid(tid), int3 again: the textbook step-over, two stops per hit. Right
 *                with one thread only: while the byte is back another thread would run through
 *                the breakpoint unseen.
 *   --displaced  rip = the copy, SETREGS, PTRACE_SINGLESTEP, waitpid(tid), GETREGS,
 *                rip = hit + length, SETREGS: the step-over that is right with many threads.
 *   --step-over  --inline with one thread, --displaced with more.
 * The copy is run without decoding it, which is right for straight-line instructions that do
 * not address memory by rip; bphit_tracee's hit() starts with one, and a jump is caught.
 * cond also tests rdi == -1 from the registers it has (the condition the others evaluate) and
 * counts only the hits where it holds.
 * steps: at the hit on spin_steps it removes the breakpoint and single-steps the thread STEPS
 * times (PTRACE_SINGLESTEP + waitpid), reads its pc, and continues.
 *
 * Output: the tracee's lines as they came, then "hits=<reported> traps=<int3 traps>" or
 * "steps=<n> pc=<pc after the last step>". Exit 0 when the tracee exited 0; 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

enum mode { M_HITS, M_COND, M_STEPS };
/* How the instruction under the int3 gets executed. */
enum stepover {
	SO_JUMP,      /* from a copy that jumps back: no single-step (the default) */
	SO_STEP_OVER, /* SO_INLINE with one thread, SO_DISPLACED with more */
	SO_INLINE,    /* program's byte back, single-step, int3 again */
	SO_DISPLACED, /* single-step a copy, then move rip past the original */
};

/* The one tracee and what we know of it. */
struct floor {
	pid_t pid;        /* the tracee's pid */
	int in_fd;        /* write end of its stdin */
	int out_fd;       /* read end of its stdout */
	uint64_t hit;     /* address of hit() */
	uint64_t spin;    /* address of spin_steps() */
	uint64_t bp;      /* where the int3 is: hit or spin */
	long orig;        /* the program's word at bp */
	uint64_t slot;    /* the copy of the instruction at bp (16 bytes + jump), or 0 */
	int jump_ready;   /* SO_JUMP: the jump back is written after the copy */
	enum stepover so; /* how the instruction under the int3 is executed */
	long traps;       /* int3 traps seen */
	long hits;        /* traps that would be reported (cond: the condition held) */
	enum mode mode;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bp_floor: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static long pt(enum __ptrace_request req, pid_t tid, uint64_t addr, uint64_t data)
{
	long r;

	errno = 0;
	r = ptrace(req, tid, (void *)addr, (void *)data);
	if (r == -1 && errno)
		die("ptrace request %d on %d: %s", (int)req, tid, strerror(errno));
	return r;
}

/* Wait for a stop of tid (or any tracee for -1); dies on anything but a stop. */
static pid_t wait_stop(pid_t tid, int *sig)
{
	int st;
	pid_t r;

	do
		r = waitpid(tid, &st, __WALL);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		die("waitpid: %s", strerror(errno));
	if (!WIFSTOPPED(st))
		die("tracee %d ended (status %#x) where a stop was expected", r, st);
	*sig = WSTOPSIG(st);
	return r;
}

static void expect_trap(pid_t tid)
{
	int sig;

	wait_stop(tid, &sig);
	if (sig != SIGTRAP)
		die("thread %d stopped with signal %d where a single-step trap was expected", tid,
		    sig);
}

/*
 * At the exec stop: run mmap in the tracee for one page to hold the out-of-line copy. The
 * syscall instruction goes over the bytes at rip for one step, and everything is put back.
 */
static uint64_t map_scratch(pid_t pid)
{
	struct user_regs_struct saved, r;
	long word;

	pt(PTRACE_GETREGS, pid, 0, (uint64_t)&saved);
	r = saved;
	word = pt(PTRACE_PEEKTEXT, pid, saved.rip, 0);
	pt(PTRACE_POKETEXT, pid, saved.rip, (word & ~0xffffL) | 0x050f); /* syscall: 0f 05 */
	r.rax = SYS_mmap;
	r.orig_rax = -1;
	r.rdi = 0;
	r.rsi = 4096;
	r.rdx = PROT_READ | PROT_EXEC;
	r.r10 = MAP_PRIVATE | MAP_ANONYMOUS;
	r.r8 = -1;
	r.r9 = 0;
	pt(PTRACE_SETREGS, pid, 0, (uint64_t)&r);
	pt(PTRACE_SINGLESTEP, pid, 0, 0);
	expect_trap(pid);
	pt(PTRACE_GETREGS, pid, 0, (uint64_t)&r);
	pt(PTRACE_POKETEXT, pid, saved.rip, word);
	pt(PTRACE_SETREGS, pid, 0, (uint64_t)&saved);
	if (r.rax > -4096UL)
		die("mmap in the tracee failed: %s", strerror(-(long)r.rax));
	return r.rax;
}

static void launch(struct floor *f, char **argv, int need_slot)
{
	int in[2], out[2], sig;

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	f->pid = fork();
	if (f->pid < 0)
		die("fork: %s", strerror(errno));
	if (f->pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	f->in_fd = in[1];
	f->out_fd = out[0];
	wait_stop(f->pid, &sig);
	if (sig != SIGTRAP)
		die("%s did not stop at exec (signal %d)", argv[0], sig);
	pt(PTRACE_SETOPTIONS, f->pid, 0, PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL);
	if (need_slot)
		f->slot = map_scratch(f->pid);
	pt(PTRACE_CONT, f->pid, 0, 0);
}

/* Read the tracee's ready line and take the two addresses from it. */
static void read_ready(struct floor *f)
{
	char line[256];
	struct pollfd pfd = { .fd = f->out_fd, .events = POLLIN };
	size_t len = 0;
	ssize_t r;
	void *hit, *spin;

	line[0] = '\0';
	while (!memchr(line, '\n', len) && len < sizeof(line) - 1 && poll(&pfd, 1, 30000) > 0) {
		r = read(f->out_fd, line + len, sizeof(line) - 1 - len);
		if (r <= 0)
			break;
		len += r;
		line[len] = '\0';
	}
	if (sscanf(line, "ready pid=%*d hit=%p spin=%p", &hit, &spin) != 2)
		die("the tracee did not get ready (read \"%.*s\")", (int)strcspn(line, "\n"), line);
	fputs(line, stdout);
	f->hit = (uint64_t)hit;
	f->spin = (uint64_t)spin;
}

/* The tracee waits in read(stdin): stop it, write the int3 (and the copy), let it go. */
static void insert_and_go(struct floor *f)
{
	int sig, i;

	kill(f->pid, SIGSTOP);
	wait_stop(f->pid, &sig);
	if (sig != SIGSTOP)
		die("tracee stopped with signal %d, not the SIGSTOP we sent", sig);
	f->bp = f->mode == M_STEPS ? f->spin : f->hit;
	f->orig = pt(PTRACE_PEEKTEXT, f->pid, f->bp, 0);
	for (i = 0; f->slot && i < 16; i += 8)
		pt(PTRACE_POKETEXT, f->pid, f->slot + i, pt(PTRACE_PEEKTEXT, f->pid, f->bp + i, 0));
	pt(PTRACE_POKETEXT, f->pid, f->bp, (f->orig & ~0xffL) | 0xcc);
	pt(PTRACE_CONT, f->pid, 0, 0);
	if (write(f->in_fd, "go\n", 3) != 3)
		die("cannot write to the tracee: %s", strerror(errno));
}

/* Execute the instruction at bp from the slot by one single-step; returns its length. */
static uint64_t step_in_slot(struct floor *f, pid_t tid, struct user_regs_struct *r)
{
	uint64_t len;

	r->rip = f->slot;
	pt(PTRACE_SETREGS, tid, 0, (uint64_t)r);
	pt(PTRACE_SINGLESTEP, tid, 0, 0);
	expect_trap(tid);
	pt(PTRACE_GETREGS, tid, 0, (uint64_t)r);
	len = r->rip - f->slot;
	if (len < 1 || len > 15)
		die("the instruction at %#llx jumped (rip %#llx after the step); the floor only runs"
		    " straight-line instructions out of line",
		    (unsigned long long)f->bp, r->rip);
	r->rip = f->bp + len;
	pt(PTRACE_SETREGS, tid, 0, (uint64_t)r);
	return len;
}

/*
 * Jump: after the copy of the instruction, "jmp *0(%rip)" and the address of the instruction
 * after bp, so a thread sent to the slot runs it and comes back by itself. The copy's length
 * is learned by the first hit's step in the slot, which needs no decoder.
 */
static void write_jump_back(struct floor *f, pid_t tid, uint64_t len)
{
	unsigned char code[32];
	uint64_t back = f->bp + len;
	long w;
	int i;

	for (i = 0; i < 16; i += 8) {
		w = pt(PTRACE_PEEKTEXT, tid, f->slot + i, 0);
		memcpy(code + i, &w, 8);
	}
	memcpy(code + len, "\xff\x25\0\0\0\0", 6);
	memcpy(code + len + 6, &back, 8);
	for (i = 0; i < 32; i += 8) {
		memcpy(&w, code + i, 8);
		pt(PTRACE_POKETEXT, tid, f->slot + i, w);
	}
	f->jump_ready = 1;
}

/* Thread tid stopped at the int3: count it and have the instruction under it executed. */
static void on_trap(struct floor *f, pid_t tid)
{
	struct user_regs_struct r;

	pt(PTRACE_GETREGS, tid, 0, (uint64_t)&r);
	if (r.rip - 1 != f->bp)
		die("thread %d: SIGTRAP at %#llx, not at the breakpoint", tid, r.rip);
	f->traps++;
	if (f->mode != M_COND || r.rdi == -1UL)
		f->hits++;
	if (f->so == SO_JUMP && f->jump_ready) {
		r.rip = f->slot;
		pt(PTRACE_SETREGS, tid, 0, (uint64_t)&r);
	} else if (f->so == SO_JUMP) {
		write_jump_back(f, tid, step_in_slot(f, tid, &r));
	} else if (f->so == SO_DISPLACED) {
		step_in_slot(f, tid, &r);
	} else {
		r.rip = f->bp;
		pt(PTRACE_SETREGS, tid, 0, (uint64_t)&r);
		pt(PTRACE_POKETEXT, tid, f->bp, f->orig);
		pt(PTRACE_SINGLESTEP, tid, 0, 0);
		expect_trap(tid);
		pt(PTRACE_POKETEXT, tid, f->bp, (f->orig & ~0xffL) | 0xcc);
	}
	pt(PTRACE_CONT, tid, 0, 0);
}

/* The hit on spin_steps: take the breakpoint out for good and step the thread n times. */
static void do_steps(struct floor *f, pid_t tid, long n)
{
	struct user_regs_struct r;
	long i;

	pt(PTRACE_GETREGS, tid, 0, (uint64_t)&r);
	if (r.rip - 1 != f->bp)
		die("thread %d: SIGTRAP at %#llx, not at spin_steps", tid, r.rip);
	r.rip = f->bp;
	pt(PTRACE_SETREGS, tid, 0, (uint64_t)&r);
	pt(PTRACE_POKETEXT, tid, f->bp, f->orig);
	for (i = 0; i < n; i++) {
		pt(PTRACE_SINGLESTEP, tid, 0, 0);
		expect_trap(tid);
	}
	pt(PTRACE_GETREGS, tid, 0, (uint64_t)&r);
	printf("steps=%ld pc=%#llx\n", n, r.rip);
	pt(PTRACE_CONT, tid, 0, 0);
}

/* Serve every stop until the process is gone; returns its wait status. */
static int run(struct floor *f, long steps)
{
	int st, sig;
	pid_t tid;

	for (;;) {
		tid = waitpid(-1, &st, __WALL);
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			die("waitpid: %s", strerror(errno));
		if (!WIFSTOPPED(st)) {
			if (tid == f->pid)
				return st;
			continue;
		}
		sig = WSTOPSIG(st);
		if (sig == SIGTRAP && !(st >> 16) && f->mode == M_STEPS) {
			do_steps(f, tid, steps);
			continue;
		}
		if (sig == SIGTRAP && !(st >> 16)) {
			on_trap(f, tid);
			continue;
		}
		/* A clone event, or a new thread's first SIGSTOP: nothing to deliver. */
		if ((st >> 16) || sig == SIGSTOP)
			sig = 0;
		pt(PTRACE_CONT, tid, 0, sig);
	}
}

static long arg_long(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 0)
		die("%s: want a number >= 0, got \"%s\"", what, s);
	return v;
}

static void usage(void)
{
	fprintf(stderr, "usage: bp_floor [--jump | --step-over | --inline | --displaced] hits|cond"
			" TRACEE NTHREADS CALLS\n"
			"       bp_floor steps TRACEE STEPS SPIN\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct floor f = { 0 };
	char *targv[5], buf[4096];
	long steps = 0;
	ssize_t n;
	int st, a = 1;

	for (; a < argc && !strncmp(argv[a], "--", 2); a++)
		if (!strcmp(argv[a], "--jump"))
			f.so = SO_JUMP;
		else if (!strcmp(argv[a], "--step-over"))
			f.so = SO_STEP_OVER;
		else if (!strcmp(argv[a], "--inline"))
			f.so = SO_INLINE;
		else if (!strcmp(argv[a], "--displaced"))
			f.so = SO_DISPLACED;
		else
			usage();
	if (argc - a != 4)
		usage();
	if (!strcmp(argv[a], "hits"))
		f.mode = M_HITS;
	else if (!strcmp(argv[a], "cond"))
		f.mode = M_COND;
	else if (!strcmp(argv[a], "steps"))
		f.mode = M_STEPS;
	else
		usage();
	targv[0] = argv[a + 1];
	if (f.mode == M_STEPS) {
		steps = arg_long(argv[a + 2], "STEPS");
		targv[1] = "1";
		targv[2] = "0";
		targv[3] = argv[a + 3];
		targv[4] = NULL;
	} else {
		targv[1] = argv[a + 2];
		targv[2] = argv[a + 3];
		targv[3] = NULL;
		if (f.so == SO_STEP_OVER)
			f.so = arg_long(argv[a + 2], "NTHREADS") > 1 ? SO_DISPLACED : SO_INLINE;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	launch(&f, targv, f.mode != M_STEPS && f.so != SO_INLINE);
	read_ready(&f);
	insert_and_go(&f);
	st = run(&f, steps);
	while ((n = read(f.out_fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	if (f.mode != M_STEPS)
		printf("hits=%ld traps=%ld\n", f.hits, f.traps);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "bp_floor: the tracee ended with status %#x\n", st);
		return 1;
	}
	return 0;
}
