/*
 * run.c - running the program: run/start/attach/continue/signal/kill/detach/quit,
 * the wait for the next stop and how it is shown (gdb's words), threads (info threads, thread,
 * thread apply) and signal handling (handle, info signals).
 *
 * Owns: the process's lifetime as the CLI sees it. Must not: make ptrace requests (libcdbg does).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* ---- threads ------------------------------------------------------------------------------- */

int cli_thread_num(struct cli *c, pid_t tid)
{
	for (size_t i = 1; i < c->tnum_count; i++)
		if (c->tnum_tid[i] == tid)
			return (int)i;
	if (c->tnum_count == c->tnum_alloc) {
		size_t n = c->tnum_alloc ? c->tnum_alloc * 2 : 64;
		pid_t *v = realloc(c->tnum_tid, n * sizeof(*v));
		if (!v)
			return 0;
		c->tnum_tid = v;
		c->tnum_alloc = n;
	}
	if (c->tnum_count == 0)
		c->tnum_tid[c->tnum_count++] = 0; /* numbers start at 1 */
	c->tnum_tid[c->tnum_count] = tid;
	return (int)c->tnum_count++;
}

pid_t cli_thread_tid(struct cli *c, int num)
{
	return num > 0 && (size_t)num < c->tnum_count ? c->tnum_tid[num] : 0;
}

const char *cli_thread_name(struct cli *c, pid_t tid, char *buf, size_t len)
{
	uint64_t fsb = 0;

	/* glibc's pthread_t is the thread pointer, which is fs_base on x86-64. */
	if (cdbg_reg_get(c->p, tid, "fs_base", &fsb) == 0 && fsb)
		snprintf(buf, len, "Thread 0x%llx (LWP %d)", (unsigned long long)fsb, (int)tid);
	else
		snprintf(buf, len, "LWP %d", (int)tid);
	return buf;
}

static bool many_threads(struct cli *c)
{
	return cdbg_threads(c->p, NULL, 0) > 1;
}

/* "Thread 2 "worker" " for multi-threaded programs, "" otherwise (gdb's stop lines). */
static const char *thread_prefix(struct cli *c, pid_t tid, char *buf, size_t len)
{
	struct cdbg_thread_info ti;

	if (!many_threads(c)) {
		buf[0] = '\0';
		return buf;
	}
	if (cdbg_thread_info(c->p, tid, &ti) < 0)
		snprintf(ti.name, sizeof(ti.name), "?");
	snprintf(buf, len, "Thread %d \"%s\" ", cli_thread_num(c, tid), ti.name);
	return buf;
}

/* ---- the program's lifetime ---------------------------------------------------------------- */

static void sync_signal_policy(struct cli *c)
{
	for (int s = 1; s <= 64; s++) {
		if (s == SIGKILL || s == SIGSTOP)
			continue;
		int pol = (c->sig_stop[s] || c->sig_print[s] ? CDBG_SIG_STOP : 0) |
			  (c->sig_pass[s] ? CDBG_SIG_PASS : 0);
		if (cdbg_signal_policy(c->p, s, pol) < 0)
			continue;
	}
}

/* The process is gone (exited, killed, detached): forget it, keep breakpoints for next time. */
static void gone(struct cli *c)
{
	c->live = false;
	c->attached = false;
	c->cur_tid = 0;
	c->tnum_count = 0;
	cli_bp_process_gone(c);
}

/* The process is held: number its threads, select one, insert breakpoints. */
static void taken(struct cli *c, bool attached)
{
	int n = cdbg_threads(c->p, NULL, 0);
	pid_t *tids = calloc((size_t)(n > 0 ? n : 1), sizeof(*tids));

	c->live = true;
	c->attached = attached;
	c->nosyms_warned = false;
	c->tnum_count = 0;
	if (tids && n > 0) {
		n = cdbg_threads(c->p, tids, (size_t)n);
		for (int i = 0; i < n; i++)
			cli_thread_num(c, tids[i]);
	}
	free(tids);
	c->cur_tid = cdbg_pid(c->p);
	sync_signal_policy(c);
	cli_bp_insert_all(c);
}

static int prog_exec_path(struct cli *c, char *buf, size_t len)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)cdbg_pid(c->p));
	n = readlink(link, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* Show where thread tid stopped: "0x... in func ()" or source. */
static void show_stop_location(struct cli *c, pid_t tid, bool with_addr)
{
	uint64_t pc = 0;

	if (cdbg_get_pc(c->p, tid, &pc) == 0)
		cli_print_location(c, tid, pc, with_addr);
	cli_do_displays(c);
}

int cli_show_frame(struct cli *c)
{
	if (!cli_need_stopped(c))
		return -1;
	show_stop_location(c, c->cur_tid, true);
	return 0;
}

void cli_print_step_stop(struct cli *c, const struct cdbg_event *ev)
{
	if (ev->new_frame || ev->kind == CDBG_EV_FINISHED || cli_print_source_line(c, ev->addr) < 0)
		cli_print_location(c, ev->tid, ev->addr, true);
	cli_do_displays(c);
}

static void print_exit(struct cli *c, const struct cdbg_event *ev, pid_t pid)
{
	if (ev->kind == CDBG_EV_KILLED) {
		printf("\nProgram terminated with signal %s, %s.\nThe program no longer exists.\n",
		       cli_signame(ev->signo), cli_sigdesc(ev->signo));
		c->exitcode = -1;
	} else if (ev->code) {
		printf("[Inferior 1 (process %d) exited with code %02o]\n", (int)pid, ev->code);
		c->exitcode = ev->code;
	} else {
		printf("[Inferior 1 (process %d) exited normally]\n", (int)pid);
		c->exitcode = 0;
	}
}

static int run_bp_command(struct cli *c, char *text);

/* Run the `commands` of breakpoint b. Returns 1 if one of them was `continue` (the caller
 * resumes), 0 otherwise. A command may delete b or replace its commands: run a copy.
 * A signal to cdbg cuts the list short: one still pending gives 1, for the caller's check
 * before resuming to report it (go_on); one a command already reported (it stopped the
 * program for the user) gives 0. */
static int run_bp_commands(struct cli *c, struct cli_bp *b)
{
	int n = b->ncmds, again = 0;
	char **cmds = calloc((size_t)n + 1, sizeof(*cmds));
	unsigned long stops = c->sigint_stops;

	for (int i = 0; cmds && i < n; i++)
		cmds[i] = strdup(b->cmds[i]);
	for (int i = 0; cmds && i < n && c->live; i++) {
		if (cli_got_signal) {
			again = 1;
			break;
		}
		if (c->sigint_stops != stops)
			break;
		if (run_bp_command(c, cmds[i])) {
			again = c->sigint_stops == stops;
			break;
		}
	}
	for (int i = 0; cmds && i < n; i++)
		free(cmds[i]);
	free(cmds);
	return again;
}

/* One line of a breakpoint's commands; 1 when it is `continue`. */
static int run_bp_command(struct cli *c, char *text)
{
	char *line = cli_skip_ws(text), word[32];
	size_t n = strcspn(line, " \t");

	if (n >= sizeof(word))
		n = sizeof(word) - 1;
	memcpy(word, line, n);
	word[n] = '\0';
	if (!strcmp(word, "silent"))
		return 0;
	if (!strcmp(word, "c") || !strcmp(word, "cont") || !strcmp(word, "continue"))
		return 1;
	cli_execute(c, line);
	return 0;
}

/* One event in gdb's words (the seed's `exec` prints every event this way; the session prints
 * notices with it). Returns 1 when the process is gone. */
int cli_print_event(cdbg_proc *p, const struct cdbg_event *ev, const char *prog)
{
	pid_t pid = cdbg_pid(p);

	switch (ev->kind) {
	case CDBG_EV_THREAD_NEW:
		if (ev->tls)
			printf("[New Thread 0x%llx (LWP %d)]\n", (unsigned long long)ev->tls, (int)ev->tid);
		else
			printf("[New Thread (LWP %d)]\n", (int)ev->tid);
		break;
	case CDBG_EV_THREAD_EXIT:
		printf("[Thread (LWP %d) exited]\n", (int)ev->tid);
		break;
	case CDBG_EV_FORK:
	case CDBG_EV_VFORK:
		printf("[Detaching after %s from child process %d]\n",
		       ev->kind == CDBG_EV_FORK ? "fork" : "vfork", (int)ev->child);
		break;
	case CDBG_EV_EXEC:
		printf("process %d is executing new program: %s\n", (int)ev->tid, prog ? prog : "?");
		break;
	case CDBG_EV_SIGNAL:
		printf("\nThread (LWP %d) received signal %s, %s.\n", (int)ev->tid,
		       cli_signame(ev->signo), cli_sigdesc(ev->signo));
		break;
	case CDBG_EV_STOPPED:
		printf("\nProgram stopped.\n");
		break;
	case CDBG_EV_STEP:
		break;
	case CDBG_EV_EXITED:
		if (ev->code)
			printf("[Inferior 1 (process %d) exited with code %02o]\n", (int)ev->tid, ev->code);
		else
			printf("[Inferior 1 (process %d) exited normally]\n", (int)ev->tid);
		return 1;
	case CDBG_EV_KILLED:
		printf("\nProgram terminated with signal %s, %s.\n", cli_signame(ev->signo),
		       cli_sigdesc(ev->signo));
		printf("The program no longer exists.\n");
		return 1;
	default:
		break;
	}
	(void)pid;
	return 0;
}

static void print_notice(struct cli *c, const struct cdbg_event *ev)
{
	if (ev->kind == CDBG_EV_THREAD_NEW)
		cli_thread_num(c, ev->tid);
	cli_print_event(c->p, ev, c->prog);
}

static long long sign_extend(uint64_t v, unsigned len)
{
	if (len >= 8 || len == 0)
		return (long long)v;
	uint64_t m = 1ull << (8 * len - 1);
	v &= (m << 1) - 1;
	return (long long)((v ^ m) - m);
}

/* A breakpoint or watchpoint stop: print it as gdb does and run its commands. Returns 1 when
 * the process should simply go on (a `continue` in the commands). */
static int on_bp_stop(struct cli *c, const struct cdbg_event *ev)
{
	struct cli_bp *b = cli_bp_by_lib_id(c, ev->bp_id);
	char tp[64];
	int again;
	long long oldv, newv;

	c->cur_tid = ev->tid;
	if (!b) {
		printf("\n%sstopped at breakpoint.\n", thread_prefix(c, ev->tid, tp, sizeof(tp)));
		show_stop_location(c, ev->tid, true);
		return 0;
	}
	if (ev->message[0])
		printf("Error in testing condition for breakpoint %d:\n%s\n", b->num, ev->message);
	/* x86 has no read-only watch: an rwatch is a read/write one whose writes go unreported. */
	if (ev->kind == CDBG_EV_WATCHPOINT && b->watch == CLI_WATCH_READ &&
	    ev->old_value != ev->new_value)
		return 1;
	oldv = sign_extend(ev->old_value, b->len);
	newv = sign_extend(ev->new_value, b->len);
	if (!b->silent) {
		if (ev->kind == CDBG_EV_WATCHPOINT) {
			printf("\n%s%sHardware %swatchpoint %d: %s\n\n",
			       thread_prefix(c, ev->tid, tp, sizeof(tp)), many_threads(c) ? "hit " : "",
			       b->watch == CDBG_WATCH_RW ? "access (read/write) "
			       : b->watch == CLI_WATCH_READ ? "read " : "", b->num, b->spec);
			if ((ev->old_value != ev->new_value || b->watch == CDBG_WATCH_WRITE) &&
			    b->watch != CLI_WATCH_READ)
				printf("Old value = %lld\nNew value = %lld\n", oldv, newv);
			else
				printf("Value = %lld\n", newv);
			show_stop_location(c, ev->tid, true);
		} else {
			printf("\n%s%s%s %d, ", thread_prefix(c, ev->tid, tp, sizeof(tp)),
			       many_threads(c) ? "hit " : "",
			       b->temporary ? "Temporary breakpoint" : "Breakpoint", b->num);
			show_stop_location(c, ev->tid, false);
		}
	}
	again = run_bp_commands(c, b);
	cli_bp_hit(c, cli_bp_by_lib_id(c, ev->bp_id));
	fflush(stdout);
	return again;
}

static int on_signal_stop(struct cli *c, const struct cdbg_event *ev)
{
	int s = ev->signo;
	char tp[64];

	if (s > 0 && s <= 64 && !c->sig_stop[s]) {
		if (c->sig_print[s])
			printf("\n%s received signal %s, %s.\n",
			       many_threads(c) ? thread_prefix(c, ev->tid, tp, sizeof(tp)) : "Program",
			       cli_signame(s), cli_sigdesc(s));
		return 1; /* print, no stop: on it goes */
	}
	c->cur_tid = ev->tid;
	if (many_threads(c))
		printf("\n%sreceived signal %s, %s.\n", thread_prefix(c, ev->tid, tp, sizeof(tp)),
		       cli_signame(s), cli_sigdesc(s));
	else
		printf("\nProgram received signal %s, %s.\n", cli_signame(s), cli_sigdesc(s));
	show_stop_location(c, ev->tid, true);
	return 0;
}

/* The program is all-stopped for a SIGINT to cdbg (Ctrl-C): say so as gdb does, at thread
 * tid. */
static void report_sigint(struct cli *c, pid_t tid)
{
	c->cur_tid = tid;
	c->stop_bp = 0;
	c->sigint_stops++;
	printf("\nProgram received signal SIGINT, Interrupt.\n");
	show_stop_location(c, tid, true);
}

/* Act on one event of a running or stepping process: print what the user must see. Returns 0
 * when the process stopped (or is gone) for the user, 1 for a step that completed (printed
 * unless quiet_step), 2 when the process should simply go on (resume it if ev->stopped), -1 on
 * error. */
static int on_event(struct cli *c, struct cdbg_event *ev, bool quiet_step)
{
	char path[4096];
	pid_t pid = cdbg_pid(c->p);

	switch (ev->kind) {
	case CDBG_EV_EXITED:
	case CDBG_EV_KILLED:
		print_exit(c, ev, ev->tid); /* the process is gone: its pid is the tid */
		gone(c);
		return 0;
	case CDBG_EV_EXEC:
		if (prog_exec_path(c, path, sizeof(path)) == 0)
			printf("process %d is executing new program: %s\n", (int)pid, path);
		cli_bp_process_gone(c);
		cli_bp_insert_all(c);
		return 2;
	case CDBG_EV_BREAKPOINT:
	case CDBG_EV_WATCHPOINT:
		c->stop_bp = ev->bp_id;
		return on_bp_stop(c, ev) == 0 ? 0 : 2;
	case CDBG_EV_SIGNAL:
		return on_signal_stop(c, ev) == 0 ? 0 : 2;
	case CDBG_EV_STOPPED:
		if (cli_got_signal && cli_got_signal != SIGINT)
			return -1; /* SIGTERM/SIGHUP stopped a step: the caller lets the program go */
		report_sigint(c, ev->tid ? ev->tid : c->cur_tid);
		return 0;
	case CDBG_EV_LIBRARIES:
		/* Libraries came or went: pending breakpoints may have their place now. As gdb
		 * (stop-on-solib-events off), say nothing and go on. */
		cli_bp_libraries_changed(c);
		return 2;
	case CDBG_EV_STEP:
	case CDBG_EV_STEP_END:
	case CDBG_EV_FINISHED:
		c->cur_tid = ev->tid;
		c->stop_bp = 0;
		if (!quiet_step)
			cli_print_step_stop(c, ev);
		return 1;
	default:
		print_notice(c, ev);
		return 2;
	}
}

/* The program goes on after event ev (NULL: a wait timed out, it runs) unless a signal to
 * cdbg came: this is checked after every event, not only when a wait times out, since
 * breakpoints whose commands continue can bring an event every few microseconds and no
 * timeout ever. SIGINT stops every thread: at once when ev left them stopped (the rest of
 * the breakpoint's commands and their `continue` are abandoned), else through
 * cdbg_interrupt, whose CDBG_EV_STOPPED the wait reports next. Returns 2 when the program
 * goes (or keeps going), 0 when it is stopped for the user, -1 for SIGTERM/SIGHUP (the
 * caller lets it go) or a failure. */
static int go_on(struct cli *c, const struct cdbg_event *ev)
{
	bool stopped = ev && ev->stopped;

	if (cli_got_signal == SIGINT) {
		cli_got_signal = 0;
		if (stopped) {
			report_sigint(c, ev->tid ? ev->tid : c->cur_tid);
			return 0;
		}
		return cdbg_interrupt(c->p) < 0 ? cli_lib_error(c) : 2;
	}
	if (cli_got_signal)
		return -1;
	if (stopped && cdbg_cont(c->p) < 0)
		return cli_lib_error(c);
	return 2;
}

/* Wait until the process stops in a way the user must see; print it. quiet_step: a step
 * ending normally prints nothing. Returns 0 when stopped or gone, 1 when a step completed
 * quietly, -1 on error or when a SIGTERM/SIGHUP asks cdbg to leave. */
static int wait_stop(struct cli *c, bool quiet_step)
{
	struct cdbg_event ev;
	bool got;
	int r;

	for (;;) {
		fflush(stdout);
		r = cdbg_wait(c->p, &ev, 100);
		if (r < 0)
			return cli_lib_error(c);
		got = r > 0;
		if (got) {
			r = on_event(c, &ev, quiet_step);
			if (r == 1)
				return quiet_step ? 1 : 0;
			if (r != 2)
				return r;
		}
		r = go_on(c, got ? &ev : NULL);
		if (r != 2)
			return r;
	}
}

static void hook_notice(void *data, const struct cdbg_event *ev)
{
	if (ev->kind == CDBG_EV_LIBRARIES) {
		cli_bp_libraries_changed(data);
		return;
	}
	print_notice(data, ev);
	fflush(stdout);
}

static int hook_interrupt(void *data)
{
	(void)data;
	if (!cli_got_signal)
		return 0;
	if (cli_got_signal == SIGINT)
		cli_got_signal = 0; /* SIGTERM/SIGHUP stay set: the REPL then lets the process go */
	return 1;
}

void cli_step_hooks(struct cli *c, struct cdbg_step_hooks *h)
{
	h->notice = hook_notice;
	h->interrupt = hook_interrupt;
	h->data = c;
}

int cli_step_result(struct cli *c, int r, struct cdbg_event *ev)
{
	if (r < 0)
		return cli_lib_error(c);
	fflush(stdout);
	r = on_event(c, ev, true);
	if (r == 2) {
		if ((r = go_on(c, ev)) != 2)
			return r;
		return wait_stop(c, false) < 0 ? -1 : 0;
	}
	return r;
}

int cli_resume(struct cli *c, bool step, pid_t tid, int sig)
{
	if (!cli_need_live(c))
		return -1;
	c->stop_bp = step ? c->stop_bp : 0;
	if (sig >= 0 && tid && cdbg_set_pending_signal(c->p, tid, sig) < 0)
		return cli_lib_error(c);
	fflush(stdout); /* "Continuing." before anything the program prints */
	if ((step ? cdbg_step(c->p, tid) : cdbg_cont(c->p)) < 0)
		return cli_lib_error(c);
	return wait_stop(c, false) < 0 ? -1 : 0;
}

/* ---- commands ------------------------------------------------------------------------------ */

int cli_set_args(struct cli *c, const char *line)
{
	char *copy = strdup(line), *s = copy;
	size_t n = 0;

	for (size_t i = 0; c->args && c->args[i]; i++)
		free(c->args[i]);
	free(c->args);
	c->args = calloc(strlen(line) / 2 + 2, sizeof(char *));
	if (!c->args || !copy) {
		free(copy);
		return cli_error(c, "out of memory");
	}
	while (*(s = cli_skip_ws(s)))
		c->args[n++] = strdup(cli_next_word(&s));
	c->args[n] = NULL;
	free(copy);
	return 0;
}

static int kill_current(struct cli *c, bool say)
{
	pid_t pid = cdbg_pid(c->p);

	if (!c->live)
		return 0;
	if (cdbg_kill(c->p) < 0)
		return cli_lib_error(c);
	if (say)
		printf("[Inferior 1 (process %d) killed]\n", (int)pid);
	gone(c);
	return 0;
}

/* Launch the program; `< FILE` and `> FILE` in the arguments redirect its input/output. */
static int launch(struct cli *c, char *args)
{
	struct cdbg_launch_opts o = { .stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1 };
	char **argv;
	size_t n = 0;
	int r;

	if (!c->prog)
		return cli_error(c, "No executable file specified.\nUse the \"file\" or \"exec-file\" "
				 "command.");
	if (*args && cli_set_args(c, args) < 0)
		return -1;
	for (n = 0; c->args && c->args[n]; n++)
		;
	argv = calloc(n + 2, sizeof(*argv));
	if (!argv)
		return cli_error(c, "out of memory");
	argv[0] = c->prog;
	size_t k = 1;
	for (size_t i = 0; i < n; i++) {
		const char *a = c->args[i];
		if ((a[0] == '<' || a[0] == '>') && (a[1] || i + 1 < n)) {
			const char *f = a[1] ? a + 1 : c->args[++i];
			int fd = a[0] == '<' ? open(f, O_RDONLY | O_CLOEXEC)
					     : open(f, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
			if (fd < 0) {
				free(argv);
				return cli_error(c, "%s: %s.", f, strerror(errno));
			}
			*(a[0] == '<' ? &o.stdin_fd : &o.stdout_fd) = fd;
			continue;
		}
		argv[k++] = (char *)a;
	}
	argv[k] = NULL;
	printf("Starting program: %s", c->prog);
	for (size_t i = 1; i < k; i++)
		printf(" %s", argv[i]);
	printf("\n");
	fflush(stdout);
	r = cdbg_launch(c->p, c->prog, argv, &o);
	free(argv);
	if (o.stdin_fd >= 0)
		close(o.stdin_fd);
	if (o.stdout_fd >= 0)
		close(o.stdout_fd);
	if (r < 0)
		return cli_lib_error(c);
	taken(c, false);
	return 0;
}

static int cmd_run(struct cli *c, char *args)
{
	if (c->live && kill_current(c, false) < 0)
		return -1;
	if (launch(c, args) < 0)
		return -1;
	return cli_resume(c, false, 0, -1);
}

static int cmd_start(struct cli *c, char *args)
{
	char spec[] = "main";

	if (c->live && kill_current(c, false) < 0)
		return -1;
	if (launch(c, args) < 0)
		return -1;
	if (cli_execute(c, strcmp(spec, "main") ? spec : "tbreak main") < 0)
		return -1;
	return cli_resume(c, false, 0, -1);
}

static int cmd_continue(struct cli *c, char *args)
{
	long n = 1;

	if (!cli_need_live(c))
		return -1;
	if (*args && cli_parse_count(c, args, &n) < 0)
		return -1;
	if (n > 1 && c->stop_bp) {
		/* gdb: continue N ignores the breakpoint it stopped at N-1 more times. */
		struct cli_bp *b = cli_bp_by_lib_id(c, c->stop_bp);
		if (b && cdbg_bp_ignore(c->p, c->stop_bp, (unsigned)(n - 1)) == 0)
			printf("Will ignore next %ld crossings of breakpoint %d.  Continuing.\n", n - 1,
			       b->num);
	} else {
		printf("Continuing.\n");
	}
	c->stop_bp = 0;
	return cli_resume(c, false, 0, -1);
}

static int cmd_signal(struct cli *c, char *args)
{
	int s = strcmp(args, "0") ? cli_signum(args) : 0;

	if (!cli_need_live(c))
		return -1;
	if (s < 0)
		return cli_error(c, "Only signals 1-15 are valid as numeric signals.\nUse \"info "
				 "signals\" for a list of symbolic signals.");
	if (s)
		printf("Continuing with signal %s.\n", cli_signame(s));
	else
		printf("Continuing with no signal.\n");
	return cli_resume(c, false, c->cur_tid, s);
}

static int cmd_kill(struct cli *c, char *args)
{
	if (!cli_need_live(c))
		return -1;
	return kill_current(c, true);
}

static int detach_current(struct cli *c, bool say)
{
	pid_t pid = cdbg_pid(c->p);

	if (!c->live)
		return 0;
	if (say && c->prog)
		printf("Detaching from program: %s, process %d\n", c->prog, (int)pid);
	else if (say)
		printf("Detaching from process %d\n", (int)pid);
	if (cdbg_detach(c->p) < 0)
		return cli_lib_error(c);
	if (say)
		printf("[Inferior 1 (process %d) detached]\n", (int)pid);
	gone(c);
	return 0;
}

static int cmd_detach(struct cli *c, char *args)
{
	if (!cli_need_live(c))
		return -1;
	return detach_current(c, true);
}

/* Leave the program as cdbg found it: detach from an attached one, kill a launched one. */
int cli_let_go(struct cli *c)
{
	return c->attached ? detach_current(c, false) : kill_current(c, false);
}

static int cmd_quit(struct cli *c, char *args)
{
	if (*args) {
		struct cdbg_value v;
		if (cli_eval(c, args, &v) == 0)
			c->exitcode = (int)v.bits;
	}
	cli_let_go(c);
	c->quit = true;
	return 0;
}

int cli_attach(struct cli *c, pid_t pid)
{
	char path[4096];

	if (c->live && cli_let_go(c) < 0)
		return -1;
	printf("Attaching to process %d\n", (int)pid);
	fflush(stdout);
	if (cdbg_attach(c->p, pid) < 0)
		return cli_lib_error(c);
	taken(c, true);
	if (!c->prog && prog_exec_path(c, path, sizeof(path)) == 0)
		c->prog = strdup(path);
	show_stop_location(c, c->cur_tid, true);
	return 0;
}

static int cmd_attach(struct cli *c, char *args)
{
	char *end;
	long pid = strtol(args, &end, 10);

	if (!*args || *cli_skip_ws(end) || pid <= 0)
		return cli_error(c, "Illegal process-id: %s.", *args ? args : "(none)");
	return cli_attach(c, (pid_t)pid);
}

static int cmd_file(struct cli *c, char *args)
{
	if (!*args)
		return cli_error(c, "No executable file now.");
	if (access(args, F_OK) < 0)
		return cli_error(c, "%s: %s.", args, strerror(errno));
	free(c->prog);
	c->prog = realpath(args, NULL);
	if (!c->prog)
		c->prog = strdup(args);
	printf("Reading symbols from %s...\n", args);
	return 0;
}

/* ---- threads ------------------------------------------------------------------------------- */

static int cmd_thread(struct cli *c, char *args)
{
	char name[64];
	pid_t tid;
	long n;

	if (!cli_need_live(c))
		return -1;
	if (!*args) {
		printf("[Current thread is %d (%s)]\n", cli_thread_num(c, c->cur_tid),
		       cli_thread_name(c, c->cur_tid, name, sizeof(name)));
		return 0;
	}
	if (!strncmp(args, "apply", 5)) {
		extern int cli_thread_apply(struct cli *, char *);
		return cli_thread_apply(c, cli_skip_ws(args + 5));
	}
	char *end;
	n = strtol(args, &end, 10);
	if (*cli_skip_ws(end) || n <= 0)
		return cli_error(c, "Invalid thread ID: %s", args);
	tid = cli_thread_tid(c, (int)n);
	struct cdbg_thread_info ti;
	if (!tid || cdbg_thread_info(c->p, tid, &ti) < 0)
		return cli_error(c, "Unknown thread %ld.", n);
	c->cur_tid = tid;
	printf("[Switching to thread %ld (%s)]\n", n, cli_thread_name(c, tid, name, sizeof(name)));
	printf("#0  ");
	show_stop_location(c, tid, true);
	return 0;
}

/* The live threads in gdb's numbering, ascending. */
static int list_threads(struct cli *c, pid_t **out)
{
	int n = cdbg_threads(c->p, NULL, 0);
	pid_t *tids;

	if (n <= 0 || !(tids = calloc((size_t)n, sizeof(*tids))))
		return 0;
	n = cdbg_threads(c->p, tids, (size_t)n);
	for (int i = 0; i < n; i++)
		cli_thread_num(c, tids[i]);
	/* Sort by number (insertion: thread lists are short or already ordered). */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && cli_thread_num(c, tids[j]) < cli_thread_num(c, tids[j - 1]); j--) {
			pid_t t = tids[j];
			tids[j] = tids[j - 1];
			tids[j - 1] = t;
		}
	*out = tids;
	return n;
}

int cli_thread_apply(struct cli *c, char *args)
{
	char *which = cli_next_word(&args), name[64];
	pid_t *tids = NULL, saved = c->cur_tid;
	unsigned long stops = c->sigint_stops;
	int n;

	if (!*which)
		return cli_error(c, "Please specify a thread ID list");
	if (!*args)
		return cli_error(c, strcmp(which, "all") ? "Please specify a command following the "
				 "thread ID list" : "Please specify a command at the end of 'thread "
				 "apply all'");
	if (strcmp(which, "all")) {
		char list[256], *save, *tok; /* as the selection below reads it */
		snprintf(list, sizeof(list), "%s", which);
		for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			if (strchr(tok, '-') && atoi(strchr(tok, '-') + 1) < atoi(tok))
				return cli_error(c, "inverted range");
	}
	n = list_threads(c, &tids);
	if (!strcmp(which, "all") && n > 8 &&
	    (!strcmp(args, "bt") || !strcmp(args, "backtrace") || !strcmp(args, "where"))) {
		int r = cli_bt_all_grouped(c, tids, n);
		free(tids);
		return r;
	}
	for (int k = n - 1; k >= 0; k--) {
		int num = cli_thread_num(c, tids[k]);
		/* Ctrl-C ends the whole command (gdb's "Quit"), and so does a command that the
		 * user interrupted (thread apply all next) or that let cdbg leave. */
		if (c->sigint_stops != stops || cli_interrupted(c))
			break;
		if (strcmp(which, "all")) {
			bool want = false;
			char list[256], *save, *tok;
			snprintf(list, sizeof(list), "%s", which);
			for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				int lo = atoi(tok), hi = strchr(tok, '-') ? atoi(strchr(tok, '-') + 1) : lo;
				want |= num >= lo && num <= hi;
			}
			if (!want)
				continue;
		}
		struct cdbg_thread_info ti;
		if (cdbg_thread_info(c->p, tids[k], &ti) < 0)
			continue;
		printf("\nThread %d (%s \"%s\"):\n", num, cli_thread_name(c, tids[k], name, sizeof(name)),
		       ti.name);
		c->cur_tid = tids[k];
		cli_execute(c, args);
	}
	c->cur_tid = saved;
	free(tids);
	return 0;
}

static int info_threads(struct cli *c, char *args)
{
	pid_t *tids = NULL;
	char name[64];
	int n;

	if (!c->live) {
		printf("No threads.\n");
		return 0;
	}
	n = list_threads(c, &tids);
	printf("  Id   Target Id                                   Frame \n");
	for (int i = 0; i < n; i++) {
		struct cdbg_thread_info ti;
		char tid_text[128];
		uint64_t pc = 0;
		if (cdbg_thread_info(c->p, tids[i], &ti) < 0)
			continue;
		snprintf(tid_text, sizeof(tid_text), "%s \"%s\"",
			 cli_thread_name(c, tids[i], name, sizeof(name)), ti.name);
		printf("%c %-4d %-43s ", tids[i] == c->cur_tid ? '*' : ' ', cli_thread_num(c, tids[i]),
		       tid_text);
		if (ti.state == CDBG_THREAD_ZOMBIE || cdbg_get_pc(c->p, tids[i], &pc) < 0)
			printf("(exiting)\n");
		else
			cli_print_location(c, tids[i], pc, true);
	}
	free(tids);
	return 0;
}

static int info_inferiors(struct cli *c, char *args)
{
	printf("  Num  Description       Connection           Executable        \n");
	if (c->live) {
		char desc[32];
		snprintf(desc, sizeof(desc), "process %d", (int)cdbg_pid(c->p));
		printf("* 1    %-17s %-20s %s \n", desc, "1 (native)", c->prog ? c->prog : "");
	} else {
		printf("* 1    %-17s %-20s %s \n", "<null>", "", c->prog ? c->prog : "");
	}
	return 0;
}

static int info_proc(struct cli *c, char *args)
{
	char path[64], buf[4096];
	pid_t pid;
	ssize_t n;

	if (!cli_need_live(c))
		return -1;
	pid = cdbg_pid(c->p);
	printf("process %d\n", (int)pid);
	if (!strncmp(args, "map", 3)) {
		FILE *f;
		snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
		if (!(f = fopen(path, "re")))
			return cli_error(c, "cannot read %s: %s", path, strerror(errno));
		printf("Mapped address spaces:\n\n");
		printf("          Start Addr           End Addr       Size     Offset  Perms  objfile\n");
		while (fgets(buf, sizeof(buf), f)) {
			unsigned long lo, hi, off;
			char perms[8], file[4096] = "";
			if (sscanf(buf, "%lx-%lx %7s %lx %*s %*s %4095[^\n]", &lo, &hi, perms, &off, file) < 4)
				continue;
			printf("%#20lx %#18lx %#10lx %#10lx  %-5s  %s\n", lo, hi, hi - lo, off, perms,
			       cli_skip_ws(file));
		}
		fclose(f);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n > 0) {
		for (ssize_t i = 0; i < n - 1; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[n] = '\0';
		printf("cmdline = '%s'\n", buf);
	}
	const char *links[] = { "cwd", "exe" };
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, links[i]);
		n = readlink(path, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			printf("%s = '%s'\n", links[i], buf);
		}
	}
	return 0;
}

/* ---- signals ------------------------------------------------------------------------------- */

static void signal_row(struct cli *c, int s)
{
	printf("%-14s%s\t%s\t%s\t\t%s\n", cli_signame(s), c->sig_stop[s] ? "Yes" : "No",
	       c->sig_print[s] ? "Yes" : "No", c->sig_pass[s] ? "Yes" : "No", cli_sigdesc(s));
}

static void signal_header(void)
{
	printf("Signal        Stop\tPrint\tPass to program\tDescription\n");
}

static int info_signals(struct cli *c, char *args)
{
	if (*args) {
		int s = cli_signum(args);
		if (s <= 0)
			return cli_error(c, "Only signals 1-15 are valid as numeric signals.\nUse \"info "
					 "signals\" for a list of symbolic signals.");
		signal_header();
		signal_row(c, s);
		return 0;
	}
	signal_header();
	printf("\n");
	for (int s = 1; s < 32; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal_row(c, s);
	printf("\nUse the \"handle\" command to change these tables.\n");
	return 0;
}

static int cmd_handle(struct cli *c, char *args)
{
	char *w = cli_next_word(&args);
	int s = cli_signum(w);

	if (s <= 0 || s > 64)
		return cli_error(c, "Unrecognized or ambiguous flag word: \"%s\".", w);
	if (s == SIGKILL || s == SIGSTOP)
		return cli_error(c, "%s is used by the debugger.\nAre you sure you want to change it? "
				 "(y or n) [answered N; cannot be changed]", cli_signame(s));
	while (*(w = cli_next_word(&args))) {
		if (!strcmp(w, "stop"))
			c->sig_stop[s] = c->sig_print[s] = true;
		else if (!strcmp(w, "nostop"))
			c->sig_stop[s] = false;
		else if (!strcmp(w, "print"))
			c->sig_print[s] = true;
		else if (!strcmp(w, "noprint"))
			c->sig_print[s] = c->sig_stop[s] = false;
		else if (!strcmp(w, "pass") || !strcmp(w, "noignore"))
			c->sig_pass[s] = true;
		else if (!strcmp(w, "nopass") || !strcmp(w, "ignore"))
			c->sig_pass[s] = false;
		else
			return cli_error(c, "Unrecognized or ambiguous flag word: \"%s\".", w);
	}
	if (c->live)
		sync_signal_policy(c);
	signal_header();
	signal_row(c, s);
	return 0;
}

/* gdb's defaults for `handle`. */
void cli_signals_init(struct cli *c)
{
	static const int quiet[] = { SIGALRM, SIGURG, SIGCHLD, SIGWINCH, SIGPROF, SIGVTALRM, SIGIO,
				     SIGPOLL };
	for (int s = 1; s <= 64; s++)
		c->sig_stop[s] = c->sig_print[s] = c->sig_pass[s] = true;
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		c->sig_stop[quiet[i]] = c->sig_print[quiet[i]] = false;
	c->sig_pass[SIGINT] = c->sig_pass[SIGTRAP] = false;
}

const struct cli_cmd cli_cmds_run[] = {
	{ "run", { "r" }, cmd_run, 0, "Start the debugged program (arguments and < > redirections "
	  "allowed)." },
	{ "start", { NULL }, cmd_start, 0, "Start the program, stopping at the beginning of main." },
	{ "continue", { "c", "cont", "fg" }, cmd_continue, CLI_REPEAT,
	  "Continue the program being debugged (continue N: ignore this breakpoint N-1 times)." },
	{ "signal", { NULL }, cmd_signal, 0, "Continue the program, giving it signal SIG (0: none)." },
	{ "call", { NULL }, cli_cmd_call, 0,
	  "Call a function in the program: call FUNC(ARGS), call (TYPE)FUNC(ARGS). Arguments: "
	  "integers, characters, expressions, \"strings\" (copied into the program), doubles." },
	{ "inject", { NULL }, cli_cmd_inject, 0,
	  "Load a shared library into the program with its own dlopen: inject /path/lib.so" },
	{ "handle", { NULL }, cmd_handle, 0,
	  "Specify how to handle a signal: handle SIG stop|nostop|print|noprint|pass|nopass." },
	{ "thread", { "t" }, cmd_thread, 0,
	  "Use this command to switch between threads (thread N), or thread apply all|LIST CMD." },
	{ "kill", { "k" }, cmd_kill, 0, "Kill execution of the program being debugged." },
	{ "detach", { NULL }, cmd_detach, 0, "Detach the process: it continues where it was." },
	{ "attach", { NULL }, cmd_attach, 0, "Attach to a process (attach PID)." },
	{ "file", { "exec-file" }, cmd_file, 0, "Use FILE as the program to run." },
	{ "quit", { "q", "exit" }, cmd_quit, 0,
	  "Exit cdbg (an attached program is detached, a started one killed)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_run[] = {
	{ "threads", { NULL }, info_threads, 0, "Display currently known threads." },
	{ "inferiors", { NULL }, info_inferiors, 0, "Print a list of inferiors being managed." },
	{ "proc", { NULL }, info_proc, 0, "Show /proc information about the process (info proc mappings)." },
	{ "signals", { "handle" }, info_signals, 0, "What cdbg does when the program gets signals." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
