/*
 * test_cli_pty - cdbg at a real terminal: a pseudo-terminal (posix_openpt, a new session
 * whose controlling terminal is the pty's slave) with HOME in a temporary directory and
 * TERM=dumb, attached to a spin tracee (cdbg -q -p PID).
 *
 * Checks, in order: the "(cdbg) " prompt comes; "info threads" lists the 3 threads; "hel" TAB
 * completes to "help" (the only command starting with "hel") and Enter prints the help; after
 * "thread 2" (a worker: the main thread blocks in read()), "stepi" and then an empty line
 * each print a location (the empty line repeats stepi); "continue" lets every thread run and
 * Ctrl-C (0x03, SIGINT from the terminal) stops them all and gives the prompt back; Ctrl-D
 * (0x04) at the prompt makes cdbg leave with status 0, detached: no thread of spin is left in
 * tracing stop and spin ends normally; the history file ($HOME/.cdbg_history) holds "info
 * threads". A second session: Ctrl-C at the prompt over a half-typed line drops the line and
 * gives a new prompt (gdb's "Quit"), the program stays stopped, the next command runs. A third:
 * the terminal is closed (SIGHUP) while the workers run through a breakpoint whose condition
 * never holds; cdbg leaves on its own (exit, not a signal), and spin, freed with no int3 left
 * in its loop, ends normally. A fourth (cdbg -q) and a fifth (gdb, where installed): typeahead as
 * gdb's testsuite types through expect, each line the moment the prompt shows: each line is echoed
 * once, and with libedit the terminal's echo is already off when the prompt shows. Keys are typed once cdbg is blocked reading the terminal
 * (/proc/PID/syscall), so none reaches it before libedit has put the terminal in raw mode.
 * cdbg loads libedit with dlopen: when this test cannot load it either, the prompt is read
 * without it and only the completion and history checks are skipped (and said so).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "harness.h"

#define PROMPT "(cdbg) "

static pid_t cdbg_pid;       /* cdbg on the pty, 0 once reaped */
static int master = -1;      /* the pty's master side */
static char out[1 << 20];    /* everything cdbg wrote to the terminal */
static size_t out_len, seen; /* its length; how far the checks have read */
static char home[64];        /* the temporary HOME, "" once removed */
static char hist_path[128];  /* the history file in it */

/* No cdbg left behind. Done before h_fail kills the tracees: a traced tracee's death reaches
 * this process (its parent) only once its tracer has waited for it. */
static void stop_cdbg(void)
{
	int st;

	if (cdbg_pid > 0 && waitpid(cdbg_pid, &st, WNOHANG) == 0) {
		kill(cdbg_pid, SIGKILL);
		waitpid(cdbg_pid, &st, 0);
	}
	cdbg_pid = 0;
}

#undef CHECK
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			stop_cdbg();                                                               \
			h_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                            \
		}                                                                                  \
	} while (0)
#undef CHECK_EQ
#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long long a_ = (long long)(a), b_ = (long long)(b);                                \
		if (a_ != b_) {                                                                    \
			stop_cdbg();                                                               \
			h_fail(__FILE__, __LINE__, #a " == " #b, "%lld != %lld", a_, b_);          \
		}                                                                                  \
	} while (0)

/* At exit (a pass or h_fail): no cdbg left behind, no temporary directory. */
static void cleanup(void)
{
	stop_cdbg();
	if (home[0]) {
		unlink(hist_path);
		rmdir(home);
		home[0] = '\0';
	}
}

/* Read what the terminal shows, waiting up to ms. Returns false at the end (EIO: every
 * slave descriptor closed, cdbg has left). */
static bool pty_read(int ms)
{
	struct pollfd pfd = { master, POLLIN, 0 };
	ssize_t n;

	if (poll(&pfd, 1, ms) <= 0)
		return true;
	n = read(master, out + out_len, sizeof(out) - 1 - out_len);
	if (n <= 0)
		return n < 0 && errno == EINTR;
	out_len += (size_t)n;
	out[out_len] = '\0';
	CHECK(out_len < sizeof(out) - 1, "cdbg wrote more than %zu bytes", sizeof(out));
	return true;
}

/* Wait for text in the output after what was seen; returns where it starts, and marks
 * everything up to its end as seen. Fails after timeout_s seconds or at the end. */
static const char *expect(const char *text, int timeout_s)
{
	int st;

	for (int i = 0; i < timeout_s * 20; i++) {
		char *at = memmem(out + seen, out_len - seen, text, strlen(text));
		if (at) {
			seen = (size_t)(at - out) + strlen(text);
			return at;
		}
		if (!pty_read(50))
			break;
	}
	if (cdbg_pid > 0 && waitpid(cdbg_pid, &st, WNOHANG) == cdbg_pid) {
		cdbg_pid = 0;
		h_fail(__FILE__, __LINE__, "expect",
		       "cdbg left (wait status %#x) before printing "
		       "'%s'; the terminal shows after what was seen:\n%s",
		       st, text, out + seen);
	}
	stop_cdbg();
	h_fail(__FILE__, __LINE__, "expect",
	       "no '%s' from cdbg; the terminal shows after what "
	       "was seen:\n%s",
	       text, out + seen);
}

/* Type text at the terminal. */
static void type(const char *text)
{
	size_t len = strlen(text);

	CHECK(write(master, text, len) == (ssize_t)len, "write to the pty: %s", strerror(errno));
}

/* Wait until cdbg is blocked reading its terminal (/proc/PID/syscall: "0 0x0 ...", read on
 * fd 0), so a key typed now reaches a prompt that is waiting for it. Where the file cannot
 * be read, let it get there. */
static void wait_reading(void)
{
	uint64_t fd = 1;
	long nr = -1;

	for (int i = 0; i < 20 * 200; i++) {
		if ((nr = h_syscall(cdbg_pid, &fd, NULL)) == -2) {
			h_msleep(200);
			return;
		}
		if (nr == 0 && fd == 0)
			return;
		h_msleep(5);
	}
	CHECK(false, "cdbg never waited on its terminal: system call %ld", nr);
}

/* Type a command line and wait for the next prompt; returns the output in between (in a
 * static buffer: valid until the next call). */
static const char *command(const char *line)
{
	static char region[1 << 16];
	size_t from = seen;
	const char *end;

	wait_reading();
	type(line);
	type("\r");
	end = expect(PROMPT, 20);
	snprintf(region, sizeof(region), "%.*s", (int)(end - (out + from)), out + from);
	return region;
}

/* Location lines in text, as a stop prints them: "0x... in func () ..." or "func (...) at
 * file:line" (gdb leaves the address out at the start of a line). */
static int locations(const char *text)
{
	char line[512];
	int n = 0, src = 0;

	while (*text) {
		size_t k = strcspn(text, "\r\n");
		snprintf(line, sizeof(line), "%.*s", (int)k, text);
		n += (!strncmp(line, "0x", 2) && strstr(line, " in ")) || strstr(line, ") at ");
		/* A step within a function shows only the source line: "40\t..." at a line's
		 * start, "0x...\t40\t..." in its middle (as gdb). */
		src += (line[0] >= '0' && line[0] <= '9' && strchr(line, '\t'));
		text += k;
		text += strspn(text, "\r\n");
	}
	return n ? n : src;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Start argv on a new pty, in its own session with the pty as its terminal. */
static void start_on_pty(char *const argv[])
{
	struct winsize ws = { .ws_row = 50, .ws_col = 200 };
	char *slave;

	if (master >= 0)
		close(master);
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	CHECK(master >= 0, "posix_openpt: %s", strerror(errno));
	CHECK(grantpt(master) == 0 && unlockpt(master) == 0, "grantpt/unlockpt: %s",
	      strerror(errno));
	slave = ptsname(master);
	CHECK(slave != NULL, "ptsname: %s", strerror(errno));
	ioctl(master, TIOCSWINSZ, &ws);
	cdbg_pid = fork();
	CHECK(cdbg_pid >= 0, "fork: %s", strerror(errno));
	if (cdbg_pid == 0) {
		int fd;
		setsid();
		fd = open(slave, O_RDWR);
		if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
			_exit(126);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
		setenv("HOME", home, 1);
		setenv("TERM", "dumb", 1);
		unsetenv("CDBG_HISTORY");
		execvp(argv[0], argv);
		_exit(127);
	}
}

/* Start cdbg -q -p pid on a new pty. */
static void start_cdbg(pid_t pid)
{
	const char *bin = getenv("CDBG_BIN");
	char pidtext[16];

	if (!bin)
		h_skip("CDBG_BIN is not set (run through ctest)");
	snprintf(pidtext, sizeof(pidtext), "%d", (int)pid);
	start_on_pty((char *const[]){ (char *)bin, "-q", "-p", pidtext, NULL });
}

/*
 * Typeahead, as gdb's testsuite types through expect: each line is typed the moment the prompt
 * shows, without waiting for the debugger to read. The line must be echoed once (the debugger's
 * line editor echoes it; the terminal must not as well). With a line editor, the terminal's echo
 * must already be off when the prompt shows (else a line typed then is echoed twice: libedit
 * writes the prompt before it takes the terminal out of cooked mode). Then two lines typed at
 * once: each is echoed once and both run. Run on cdbg and, where it is installed, on gdb, which
 * shows that this is gdb's transcript.
 */
static void typeahead(const char *prompt, bool check_termios)
{
	char line[64], value[64];
	const char *from;

	expect(prompt, 20);
	for (int i = 0; i < 40; i++) {
		struct termios t;
		if (check_termios) {
			CHECK(tcgetattr(master, &t) == 0, "tcgetattr: %s", strerror(errno));
			CHECK(!(t.c_lflag & ECHO), "the terminal echoes at prompt %d", i);
		}
		snprintf(line, sizeof(line), "print %d+1", 1000 + i);
		snprintf(value, sizeof(value), " = %d", 1001 + i);
		from = out + seen;
		type(line);
		type("\r");
		expect(value, 20);
		CHECK(count(from, line) == 1, "'%s' echoed %d times:\n%s", line, count(from, line),
		      from);
		CHECK(strstr(from, line) < strstr(from, value), "no echo before the value:\n%s",
		      from);
		expect(prompt, 20);
	}
	from = out + seen;
	type("print 7*6\rprint 8*6\r");
	expect(" = 48", 20);
	expect(prompt, 20);
	CHECK(count(from, "print 7*6") == 1 && count(from, "print 8*6") == 1,
	      "two lines typed at once are not each echoed once:\n%s", from);
	CHECK(strstr(from, " = 42") && strstr(from, " = 42") < strstr(from, " = 48"),
	      "two lines typed at once: not both run, in order:\n%s", from);
	type("quit\r");
	while (pty_read(50))
		;
	stop_cdbg();
}

/* Is there a gdb on PATH to hold the transcripts against? */
static bool have_gdb(void)
{
	return system("gdb --version >/dev/null 2>&1") == 0;
}

/* The first line of /proc/PID/NAME, for a failure message. */
static void proc_text(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* The pc of stopped thread tid (/proc/TID/syscall gives it, in a system call or not). */
static unsigned long long thread_pc(pid_t tid)
{
	uint64_t pc = 0;

	h_syscall(tid, NULL, &pc);
	CHECK(pc, "thread %d: no pc in /proc/%d/syscall", (int)tid, (int)tid);
	return pc;
}

/* Ctrl-D at the prompt: cdbg says "quit" and leaves with status 0, the program goes on. */
static void ctrl_d(pid_t pid)
{
	size_t from = seen;
	int st, total;
	pid_t r = 0;

	wait_reading(); /* typed earlier, ^D could reach a terminal still in cooked mode */
	type("\x04");
	for (int i = 0; i < 20 * 100 && !r; i++) {
		if (!pty_read(10))
			h_msleep(10); /* the terminal is closed: cdbg is on its way out */
		r = waitpid(cdbg_pid, &st, WNOHANG);
	}
	if (r != cdbg_pid) {
		char what[256];
		int t = h_count_states(pid, "t", &total);
		proc_text(cdbg_pid, "syscall", what, sizeof(what));
		CHECK(false,
		      "cdbg did not leave at Ctrl-D (it is in system call %s; the program has "
		      "%d of %d threads in t); the terminal shows:\n%s",
		      what, t, total, out + from);
	}
	cdbg_pid = 0;
	while (pty_read(50))
		; /* the rest, up to the end (EIO) */
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "cdbg ended with status %#x:\n%s", st,
	      out + seen);
	CHECK(strstr(out + seen, "quit"), "no 'quit' echoed at Ctrl-D: %s", out + seen);
	CHECK(!strstr(out, "Sanitizer") && !strstr(out, "runtime error"), "sanitizer report:\n%s",
	      out);
	CHECK(h_wait_untraced(pid, 20), "threads left in tracing stop after Ctrl-D");
}

/* Does this system have the libedit cdbg would load (the same names repl.c tries)? */
static bool have_libedit(void)
{
	void *h = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);

	if (!h)
		h = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
	if (h)
		dlclose(h);
	return h != NULL;
}

int main(void)
{
	struct tracee spin;
	unsigned long long pc0, pc1, pc2;
	pid_t worker, gone = 0;
	const char *r, *at;
	char line[64];
	int total, st;
	bool hit = false;
	bool edit = have_libedit();

	atexit(cleanup);
	snprintf(home, sizeof(home), "/tmp/cdbg-pty.XXXXXX");
	CHECK(mkdtemp(home) != NULL, "mkdtemp: %s", strerror(errno));
	snprintf(hist_path, sizeof(hist_path), "%s/.cdbg_history", home);
	h_start(&spin, "spin", "2", NULL);
	h_expect(&spin, "ready", NULL, 0, 20);
	start_cdbg(spin.pid);

	/* The prompt, after the attach. */
	expect(PROMPT, 20);
	CHECK(strstr(out, "Attaching to process"), "no attach line: %s", out);
	CHECK_EQ(h_count_states(spin.pid, "t", &total), 3);

	r = command("info threads");
	CHECK_EQ(count(r, "(LWP "), 3);
	CHECK(strstr(r, "Target Id"), "no info threads header: %s", r);

	/* Completion of the first word: "hel" is only "help". */
	if (edit) {
		wait_reading();
		type("hel\t");
		expect("help", 20);
		r = command("");
	} else {
		h_note("SKIP completion check: libedit cannot be loaded; the prompt reads lines "
		       "without it");
		r = command("hel");
	}
	CHECK(strstr(r, "List of classes of commands:"), "no help output: %s", r);
	CHECK(strstr(r, "running -- Running the program."), "help does not list running: %s", r);

	r = command("thread 2");
	CHECK(strstr(r, "[Switching to thread 2 "), "thread 2: %s", r);
	CHECK(strstr(r, "(LWP "), "thread 2: no LWP: %s", r);
	worker = (pid_t)atoi(strstr(r, "(LWP ") + 5);
	pc0 = thread_pc(worker);
	r = command("stepi");
	CHECK(locations(r) == 1, "stepi: not one location line:\n%s", r);
	pc1 = thread_pc(worker);
	r = command(""); /* an empty line repeats stepi: one instruction further */
	CHECK(locations(r) == 1, "empty line: not one location line:\n%s", r);
	pc2 = thread_pc(worker);
	CHECK(pc0 != pc1 && pc1 != pc2,
	      "thread 2's pc: %#llx, after stepi %#llx, after the "
	      "empty line %#llx",
	      pc0, pc1, pc2);

	/* continue, then Ctrl-C from the terminal. */
	wait_reading();
	type("continue\r");
	expect("Continuing.", 20);
	CHECK(h_wait_untraced(spin.pid, 20), "threads still stopped after continue");
	type("\x03");
	expect("received signal SIGINT", 20);
	expect(PROMPT, 20);
	CHECK_EQ(h_count_states(spin.pid, "t", &total), total);
	CHECK_EQ(total, 3);

	ctrl_d(spin.pid);

	if (edit) {
		char hist[4096] = "";
		int fd = open(hist_path, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd >= 0 ? read(fd, hist, sizeof(hist) - 1) : -1;
		if (fd >= 0)
			close(fd);
		CHECK(n > 0, "no history file %s", hist_path);
		hist[n] = '\0';
		/* libedit writes a blank as \040 */
		CHECK(strstr(hist, "info threads") || strstr(hist, "info\\040threads"),
		      "history has no 'info threads': %s", hist);
	} else {
		h_note("SKIP history check: libedit cannot be loaded");
	}

	/* A second session: Ctrl-C at the prompt, over a half-typed line, interrupts nothing
	 * (gdb says "Quit"): the line is dropped, the prompt comes back, the program stays
	 * stopped and the session goes on. */
	start_cdbg(spin.pid);
	expect(PROMPT, 20);
	wait_reading();
	type("info thr");
	expect("info thr", 20);
	wait_reading();
	type("\x03");
	expect(PROMPT, 20);
	CHECK_EQ(h_count_states(spin.pid, "t", &total), total);
	r = command("info threads");
	CHECK_EQ(count(r, "(LWP "), 3);
	ctrl_d(spin.pid);

	/* A third session: the terminal goes away (SIGHUP) while the workers run through a
	 * breakpoint whose condition never holds. cdbg must leave on its own and let the program
	 * go with its code as it was: the workers run over that address all the time, so an
	 * int3 left there would kill spin (SIGTRAP) before it can end normally below. */
	start_cdbg(spin.pid);
	expect(PROMPT, 20);
	command("thread 2");
	r = command("print $pc"); /* "$1 = (void (*)()) 0x55d7ce09e2cf <worker_main+22>" */
	at = strstr(r, " <worker_main");
	CHECK(at, "thread 2 is not in worker_main: %s", r);
	while (at > r && at[-1] != ' ')
		at--;
	snprintf(line, sizeof(line), "break *%#llx if 1 == 2", strtoull(at, NULL, 16));
	r = command(line);
	CHECK(strstr(r, "Breakpoint 1 at "), "%s: %s", line, r);
	wait_reading();
	type("continue\r");
	expect("Continuing.", 20);
	/* Each pass through the breakpoint is a trap: the workers are seen in t now and then. */
	for (int i = 0; i < 20 * 200 && !hit; i++) {
		hit = h_count_states(spin.pid, "t", NULL) > 0;
		if (!hit)
			h_msleep(5);
	}
	CHECK(hit, "no worker was ever seen stopped at the breakpoint (%s)", line);
	h_msleep(300); /* let them run through it a while */
	close(master);
	master = -1;
	for (int i = 0; i < 20 * 100 && !gone; i++) {
		gone = waitpid(cdbg_pid, &st, WNOHANG);
		if (!gone)
			h_msleep(10);
	}
	CHECK(gone == cdbg_pid, "cdbg did not leave when its terminal went away (SIGHUP)");
	cdbg_pid = 0;
	CHECK(WIFEXITED(st), "cdbg was killed at SIGHUP: wait status %#x", st);
	CHECK(h_wait_untraced(spin.pid, 20), "threads left in tracing stop after SIGHUP");

	/* A fourth and fifth: typeahead, on cdbg and on gdb. */
	start_on_pty((char *const[]){ (char *)getenv("CDBG_BIN"), "-q", NULL });
	typeahead(PROMPT, edit);
	if (have_gdb()) {
		start_on_pty((char *const[]){ "gdb", "-q", "-nx", "-nw", NULL });
		typeahead("(gdb) ", false);
	} else {
		h_note("SKIP the typeahead transcript on gdb: no gdb");
	}

	CHECK_EQ(h_finish(&spin, 20), 0);
	CHECK(h_try_expect(&spin, "done total=", NULL, 0, 1), "spin printed no total");
	return h_pass();
}
