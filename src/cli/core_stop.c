/*
 * core_stop.c - the program runs and stops: the wait for the next stop and how it is shown in
 * gdb's words (signals, exits, Ctrl-C, completed steps, notices), the process taken (launched
 * or attached) and gone, and the stop observers told of each (core_observe.c): a breakpoint's
 * report, displays, breakpoints re-inserted.
 *
 * Owns: the process's (or core's) lifetime as the CLI sees it (c->live, c->core, c->cur_tid,
 * c->stop_bp).
 * Must not: make ptrace requests (libcdbg does); name a command group (they subscribe).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The process is gone (exited, killed, detached): forget it, keep breakpoints for next time. */
/* Forget the libraries seen (stop-on-solib-events): a new process starts with none. */
static void solibs_forget(struct cli *c)
{
	for (int i = 0; i < c->nsolibs; i++)
		free(c->solibs[i]);
	free(c->solibs);
	c->solibs = NULL;
	c->nsolibs = 0;
}

/* The libraries mapped now (ELF files with code, not the executable), malloc'ed, *n of them. */
static char **solibs_now(struct cli *c, int *n)
{
	struct cdbg_module *m = calloc(512, sizeof(*m));
	int got = m ? cdbg_modules(c->p, m, 512) : 0, k = 0;
	char **now = calloc((size_t)(got > 0 ? got : 1), sizeof(*now));

	for (int i = 1; now && i < got && i < 512; i++) /* [0] is the executable */
		if (m[i].path[0] == '/' && m[i].text_start && (now[k] = strdup(m[i].path)))
			k++;
	free(m);
	*n = k;
	return now;
}

/* gdb's stop at a change of the libraries (set stop-on-solib-events): which came and went
 * since the last one (or the start: the dynamic linker is known from it), as the process's
 * maps name them. */
static void report_solibs(struct cli *c)
{
	int k = 0, said = 0;
	char **now = solibs_now(c, &k);

	for (int i = 0; i < k; i++) {
		bool seen = false;
		for (int j = 0; j < c->nsolibs && !seen; j++)
			seen = now[i] && !strcmp(now[i], c->solibs[j]);
		if (now[i] && !seen)
			printf("%s  Inferior loaded %s\n",
			       said++ ? "" : "Stopped due to shared library event:\n", now[i]);
	}
	for (int j = 0; j < c->nsolibs; j++) {
		bool kept = false;
		for (int i = 0; i < k && !kept; i++)
			kept = now[i] && !strcmp(now[i], c->solibs[j]);
		if (!kept)
			printf("%s  Inferior unloaded %s\n",
			       said++ ? "" : "Stopped due to shared library event:\n",
			       c->solibs[j]);
	}
	if (!said)
		printf("Stopped due to shared library event (no libraries added or removed)\n");
	solibs_forget(c);
	c->solibs = now;
	c->nsolibs = now ? k : 0;
}

void cli_process_gone(struct cli *c)
{
	solibs_forget(c);
	c->live = false;
	c->core = false;
	c->attached = false;
	c->cur_tid = 0;
	cli_thread_numbers_reset(c);
	cli_notify(c, CLI_OBS_GONE, NULL);
}

/* Threads are held: number them in the library's order; returns the first one (0: none). */
static pid_t number_threads(struct cli *c)
{
	int n = cdbg_threads(c->p, NULL, 0);
	pid_t *tids = calloc((size_t)(n > 0 ? n : 1), sizeof(*tids)), first = 0;

	c->live = true;
	c->nosyms_warned = false;
	cli_thread_numbers_reset(c);
	if (tids && n > 0) {
		n = cdbg_threads(c->p, tids, (size_t)n);
		for (int i = 0; i < n; i++)
			cli_thread_num(c, tids[i]);
		first = n > 0 ? tids[0] : 0;
	}
	free(tids);
	return first;
}

/* A core is held: nothing to insert or wait for; the thread that took the signal is selected. */
void cli_core_taken(struct cli *c)
{
	pid_t first = number_threads(c);

	c->core = true;
	c->core_nptl = -1;
	c->attached = false;
	c->stop_bp = 0;
	c->cur_tid = first ? first : cdbg_pid(c->p);
}

/* The process is held: number its threads, select one, insert breakpoints. */
void cli_process_taken(struct cli *c, bool attached)
{
	number_threads(c);
	c->core = false;
	c->attached = attached;
	c->cur_tid = cdbg_pid(c->p);
	cli_signals_sync(c);
	cli_notify(c, CLI_OBS_NEW_PROCESS, NULL);
	cli_go_process_taken(c);
	(void)cdbg_set_displaced_stepping(c->p, c->displaced != 2);
	solibs_forget(c);
	if (c->stop_on_solib) /* the dynamic linker is there already */
		c->solibs = solibs_now(c, &c->nsolibs);
	if (c->stop_on_solib && cdbg_libraries_report(c->p) < 0) {
		/* no dynamic linker (a static program): no library events to stop at */
	}
}

int cli_exec_path(struct cli *c, char *buf, size_t len)
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

/* Show where thread tid stopped: "0x... in func ()" or source; then the stop observers
 * (displays). */
void cli_show_stop(struct cli *c, pid_t tid, bool with_addr)
{
	uint64_t pc = 0;

	if (cdbg_pc_get(c->p, tid, &pc) == 0)
		cli_print_location(c, tid, pc, with_addr);
	cli_notify(c, CLI_OBS_STOPPED, NULL);
}

int cli_show_frame(struct cli *c)
{
	if (!cli_need_frames(c))
		return -1;
	cli_show_stop(c, c->cur_tid, true);
	return 0;
}

void cli_print_step_stop(struct cli *c, const struct cdbg_event *ev)
{
	if (ev->new_frame || ev->kind == CDBG_EV_FINISHED || cli_print_source_line(c, ev->addr) < 0)
		cli_print_location(c, ev->tid, ev->addr, true);
	cli_notify(c, CLI_OBS_STOPPED, ev);
}

static void print_exit(struct cli *c, const struct cdbg_event *ev, pid_t pid)
{
	if (ev->kind == CDBG_EV_KILLED) {
		printf("\nProgram terminated with signal %s, %s.\nThe program no longer exists.\n",
		       cli_signame(ev->signo), cli_sigdesc(ev->signo));
		c->exitcode = -1;
		c->exitsignal = ev->signo; /* gdb's $_exitsignal; $_exitcode is void */
	} else if (ev->code) {
		printf("[Inferior %d (process %d) exited with code %02o]\n",
		       c->inf_num ? c->inf_num : 1, (int)pid, ev->code);
		c->exitcode = ev->code;
		c->exitsignal = -1;
	} else {
		printf("[Inferior %d (process %d) exited normally]\n", c->inf_num ? c->inf_num : 1,
		       (int)pid);
		c->exitcode = 0;
		c->exitsignal = -1;
	}
}

/* One event in gdb's words (`cdbg exec` prints every event this way; the session prints
 * notices with it). Returns 1 when the process is gone. */
int cli_print_event(cdbg_proc *p, const struct cdbg_event *ev, const char *prog)
{
	pid_t pid = cdbg_pid(p);

	switch (ev->kind) {
	case CDBG_EV_THREAD_NEW:
		if (ev->tls)
			printf("[New Thread 0x%llx (LWP %d)]\n", (unsigned long long)ev->tls,
			       (int)ev->tid);
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
		printf("process %d is executing new program: %s\n", (int)ev->tid,
		       prog ? prog : "?");
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
			printf("[Inferior 1 (process %d) exited with code %02o]\n", (int)ev->tid,
			       ev->code);
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
	if (c->no_thread_events &&
	    (ev->kind == CDBG_EV_THREAD_NEW || ev->kind == CDBG_EV_THREAD_EXIT))
		return; /* set print thread-events off */
	cli_print_event(c->p, ev, c->prog);
}

/* follow-fork-mode child: the library now holds the child and let the parent go (gdb's four
 * lines; the child's thread pointer is the forking thread's, copied). */
static void follow_notice(struct cli *c, const struct cdbg_event *ev)
{
	uint64_t fsb = 0;
	int from = c->inf_num ? c->inf_num : 1;

	printf("[Attaching after ");
	if (cdbg_reg_get(c->p, ev->child, "fs_base", &fsb) == 0 && fsb)
		printf("Thread 0x%llx (LWP %d)", (unsigned long long)fsb, (int)ev->tid);
	else
		printf("LWP %d", (int)ev->tid);
	printf(" fork to child process %d]\n", (int)ev->child);
	c->inf_num = from + 1;
	if (!c->no_inferior_events)
		printf("[New inferior %d (process %d)]\n", c->inf_num, (int)ev->child);
	printf("[Detaching after fork from parent process %d]\n", (int)ev->tid);
	if (!c->no_inferior_events)
		printf("[Inferior %d (process %d) detached]\n", from, (int)ev->tid);
	/* The parent's threads are gone, the child's one is new; breakpoints are in again. */
	cli_notify(c, CLI_OBS_GONE, ev);
	cli_notify(c, CLI_OBS_NEW_PROCESS, ev);
}

static int on_signal_stop(struct cli *c, const struct cdbg_event *ev)
{
	int s = ev->signo;
	char tp[64];

	if (s > 0 && s <= 64 && !cli_signal_policy(s)->stop) {
		if (cli_signal_policy(s)->print)
			printf("\n%s received signal %s, %s.\n",
			       cli_many_threads(c) ? cli_thread_prefix(c, ev->tid, tp, sizeof(tp)) :
						     "Program",
			       cli_signame(s), cli_sigdesc(s));
		return 1; /* print, no stop: on it goes */
	}
	c->stop_why = CLI_STOP_SIGNAL;
	c->stop_sig = s;
	c->cur_tid = ev->tid;
	if (cli_many_threads(c))
		printf("\n%sreceived signal %s, %s.\n",
		       cli_thread_prefix(c, ev->tid, tp, sizeof(tp)), cli_signame(s),
		       cli_sigdesc(s));
	else
		printf("\nProgram received signal %s, %s.\n", cli_signame(s), cli_sigdesc(s));
	cli_show_stop(c, ev->tid, true);
	return 0;
}

/* The program is all-stopped for a SIGINT to cdbg (Ctrl-C): say so as gdb does, at thread
 * tid. */
static void report_sigint(struct cli *c, pid_t tid)
{
	char tp[64];

	c->cur_tid = tid;
	c->stop_bp = 0;
	c->stop_why = CLI_STOP_SIGNAL;
	c->stop_sig = SIGINT;
	c->sigint_stops++;
	/* gdb names the thread in a program of several: Thread 1 "prog" received signal... */
	printf("\n%sreceived signal SIGINT, Interrupt.\n",
	       cli_many_threads(c) ? cli_thread_prefix(c, tid, tp, sizeof(tp)) : "Program ");
	cli_show_stop(c, tid, true);
}

/* A breakpoint or watchpoint stop: the breakpoint group reports it (1: the program goes on),
 * or, without one, a plain notice. */
static int report_breakpoint(struct cli *c, const struct cdbg_event *ev)
{
	char tp[64], death[1200];
	if (cli_go_death(c, ev->bp_id, ev->tid, death, sizeof(death))) {
		/* a Go program about to die of a panic or a fatal error: stopped before it does */
		c->cur_tid = ev->tid;
		c->stop_bp = 0;
		printf("\n%sstopped: the Go program is about to die of\n%s\n",
		       cli_thread_prefix(c, ev->tid, tp, sizeof(tp)), death);
		cli_show_stop(c, ev->tid, true);
		return 0;
	}
	int r = cli_report_breakpoint(c, ev);

	if (r >= 0)
		return r;
	c->cur_tid = ev->tid;
	printf("\n%sstopped at breakpoint.\n", cli_thread_prefix(c, ev->tid, tp, sizeof(tp)));
	cli_show_stop(c, ev->tid, true);
	return 0;
}

/* Act on one event of a running or stepping process: print what the user must see. Returns 0
 * when the process stopped (or is gone) for the user, 1 for a step that completed (printed
 * unless quiet_step), 2 when the process should simply go on (resume it if ev->stopped), -1 on
 * error. */
static int on_event(struct cli *c, struct cdbg_event *ev, bool quiet_step)
{
	char path[4096];
	pid_t pid = cdbg_pid(c->p);
	int r;

	switch (ev->kind) {
	case CDBG_EV_EXITED:
	case CDBG_EV_KILLED:
		print_exit(c, ev, ev->tid); /* the process is gone: its pid is the tid */
		cli_process_gone(c);
		return 0;
	case CDBG_EV_EXEC:
		if (cli_exec_path(c, path, sizeof(path)) == 0)
			printf("process %d is executing new program: %s\n", (int)pid, path);
		/* The old image is gone and a new one is held (breakpoints go in again). */
		cli_notify(c, CLI_OBS_GONE, ev);
		cli_notify(c, CLI_OBS_NEW_PROCESS, ev);
		return cli_report_catch(c, ev) == 0 ? 0 : 2;
	case CDBG_EV_BREAKPOINT:
	case CDBG_EV_WATCHPOINT:
		c->stop_bp = ev->bp_id;
		c->stop_why = CLI_STOP_BREAKPOINT;
		cli_note_hit(c, ev->bp_id);
		return report_breakpoint(c, ev) == 0 ? 0 : 2;
	case CDBG_EV_SIGNAL:
		if (ev->signo == SIGTRAP && cdbg_call_dummy_pop(c->p, ev->tid, NULL) == 1) {
			/* A function called from cdbg that stopped inside returned: gdb stops
			 * silently, the thread as before the call. */
			c->cur_tid = ev->tid;
			c->stop_bp = 0;
			cli_notify(c, CLI_OBS_STOPPED, NULL);
			return 0;
		}
		if ((r = cli_report_catch(c, ev)) >= 0)
			return r == 0 ? 0 : 2;
		return on_signal_stop(c, ev) == 0 ? 0 : 2;
	case CDBG_EV_SYSCALL_ENTRY:
	case CDBG_EV_SYSCALL_RETURN:
	case CDBG_EV_FORK:
	case CDBG_EV_VFORK:
		if (ev->kind == CDBG_EV_FORK && ev->followed)
			follow_notice(c, ev);
		else if (ev->kind == CDBG_EV_FORK || ev->kind == CDBG_EV_VFORK)
			print_notice(c, ev);
		return cli_report_catch(c, ev) == 0 ? 0 : 2;
	case CDBG_EV_STOPPED:
		if (cli_got_signal && cli_got_signal != SIGINT)
			return -1; /* SIGTERM/SIGHUP stopped a step: the caller lets the program go */
		report_sigint(c, ev->tid ? ev->tid : c->cur_tid);
		return 0;
	case CDBG_EV_LIBRARIES:
		/* Libraries came or went: pending breakpoints may have their place now. As gdb
		 * (stop-on-solib-events off), say nothing and go on. */
		cli_notify(c, CLI_OBS_LIBRARIES, ev);
		if (!c->stop_on_solib)
			return 2;
		c->cur_tid = ev->tid;
		c->stop_bp = 0;
		c->stop_why = CLI_STOP_NONE;
		report_solibs(c);
		return 0;
	case CDBG_EV_STEP:
	case CDBG_EV_STEP_END:
	case CDBG_EV_FINISHED:
		c->cur_tid = ev->tid;
		c->stop_bp = 0;
		/* gdb: finish, until and advance stop at a breakpoint of their own, gone since */
		c->stop_why = ev->kind == CDBG_EV_FINISHED ? CLI_STOP_GONE_BP : CLI_STOP_STEPPED;
		if (!quiet_step)
			cli_print_step_stop(c, ev);
		return 1;
	default:
		print_notice(c, ev);
		return 2;
	}
}

void cli_report_call_stop(struct cli *c, const struct cdbg_call *call, const char *fname)
{
	struct cdbg_event ev = { 0 };

	ev.stopped = 1;
	ev.tid = c->cur_tid;
	if (call->end == CDBG_CALL_BREAKPOINT) {
		ev.kind = CDBG_EV_BREAKPOINT;
		ev.bp_id = call->bp_id;
		ev.addr = call->fault_addr;
	} else {
		ev.kind = CDBG_EV_SIGNAL;
		ev.signo = call->signo;
	}
	on_event(c, &ev, false);
	fflush(stdout);
	if (call->end == CDBG_CALL_BREAKPOINT)
		cli_error(c,
			  "The program being debugged stopped while in a function called from "
			  "GDB.\nEvaluation of the expression containing the function\n(%s) will be "
			  "abandoned.\nWhen the function is done executing, GDB will silently stop.",
			  fname);
	else if (!call->stayed) /* set unwindonsignal on */
		cli_error(c,
			  "The program being debugged was signaled while in a function called "
			  "from GDB.\nGDB has restored the context to what it was before the "
			  "call.\nTo change this behavior use \"set unwindonsignal off\".\n"
			  "Evaluation of the expression containing the function\n(%s) will be "
			  "abandoned.",
			  fname);
	else
		cli_error(c,
			  "The program being debugged was signaled while in a function called "
			  "from GDB.\nGDB remains in the frame where the signal was received.\nTo "
			  "change this behavior use \"set unwindonsignal on\".\nEvaluation of the "
			  "expression containing the function\n(%s) will be abandoned.\nWhen the "
			  "function is done executing, GDB will silently stop.",
			  fname);
}

/* The program exited (or its thread did) inside a call: let it end as gdb does, the exit
 * reported, then the call abandoned. */
static int wait_stop(struct cli *c, bool quiet_step);
void cli_report_call_exit(struct cli *c, const char *fname)
{
	fflush(stdout);
	cli_term_inferior(c);
	if (cdbg_cont(c->p) < 0) {
		cli_lib_error(c);
		return;
	}
	wait_stop(c, false);
	if (c->live)
		return; /* only the thread ended: the program goes on where the wait left it */
	cli_error(c,
		  "The program being debugged exited while in a function called from GDB.\n"
		  "Evaluation of the expression containing the function\n(%s) will be abandoned.",
		  fname);
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
	if (stopped)
		cli_term_inferior(c); /* before the program runs: a read of it would stop it */
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
		cli_term_inferior(c); /* kept while the program runs (core_term.c) */
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
		cli_notify(data, CLI_OBS_LIBRARIES, ev);
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

static int hook_skip(void *data, uint64_t entry)
{
	return cli_skip_match(data, entry);
}

void cli_step_hooks(struct cli *c, struct cdbg_step_hooks *h)
{
	memset(h, 0, sizeof(*h));
	cli_term_inferior(c); /* a step runs the program: it has the terminal (core_term.c) */
	h->skip = hook_skip;
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
	/* gdb's target_terminal::inferior, before the program runs (core_term.c) */
	cli_term_inferior(c);
	if ((step ? cdbg_step(c->p, tid) : cdbg_cont(c->p)) < 0)
		return cli_lib_error(c);
	return wait_stop(c, false) < 0 ? -1 : 0;
}
