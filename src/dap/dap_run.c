/*
 * dap_run.c - the program's life as the client sees it: launch and attach, the start after
 * configurationDone, continue, the steps, pause, the library's events turned into stopped,
 * thread, output, exited and terminated events, and the end (disconnect, terminate).
 *
 * Owns: d->state and the stop (d->stop_tid, d->stop_signo, d->stop_desc).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dap.h"

extern char **environ;
bool dap_poll_client(struct dap *d);
void dap_drain_output(struct dap *d);

/* ---- handles ---- */

void dap_forget_handles(struct dap *d)
{
	dap_go_forget(d);
	for (size_t i = 0; i < d->nrefs; i++)
		free(d->refs[i].expr);
	d->nrefs = 0;
	d->nframes = 0;
}

/* ---- threads ---- */

static int tid_cmp(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return x < y ? -1 : x > y;
}

static void thread_event(struct dap *d, const char *reason, pid_t tid)
{
	dap_event(d, "thread", json_pack("{s:s, s:i}", "reason", reason, "threadId", (int)tid));
}

/* The threads now against those the client knows: events for the difference. */
void dap_sync_threads(struct dap *d)
{
	int n = cdbg_pid(d->p) > 0 ? cdbg_threads(d->p, NULL, 0) : 0;
	pid_t *now = calloc((size_t)(n > 0 ? n : 1), sizeof(*now));
	if (!now)
		return;
	if (n > 0)
		n = cdbg_threads(d->p, now, (size_t)n);
	if (n < 0)
		n = 0;
	qsort(now, (size_t)n, sizeof(*now), tid_cmp);
	bool quiet = d->go > 0; /* Go: the client's threads are goroutines, not these */
	char **names = calloc((size_t)(n > 0 ? n : 1), sizeof(*names));
	size_t i = 0, j = 0;
	while (i < d->nknown || j < (size_t)n) {
		if (j == (size_t)n || (i < d->nknown && d->known_tids[i] < now[j])) {
			if (!quiet)
				thread_event(d, "exited", d->known_tids[i]);
			free(d->thread_names[i]);
			i++;
		} else if (i == d->nknown || now[j] < d->known_tids[i]) {
			if (!quiet)
				thread_event(d, "started", now[j]);
			j++;
		} else {
			if (names)
				names[j] = d->thread_names[i];
			i++, j++;
		}
	}
	free(d->known_tids);
	free(d->thread_names);
	d->known_tids = now;
	d->thread_names = names;
	d->nknown = (size_t)n;
}

static void forget_threads(struct dap *d)
{
	for (size_t i = 0; i < d->nknown; i++) {
		thread_event(d, "exited", d->known_tids[i]);
		free(d->thread_names[i]);
	}
	free(d->known_tids);
	free(d->thread_names);
	d->known_tids = NULL;
	d->thread_names = NULL;
	d->nknown = 0;
}

void dap_threads(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	json_t *list = json_array();
	if (cdbg_pid(d->p) > 0 && cdbg_target(d->p) == CDBG_TARGET_PROCESS && dap_is_go(d)) {
		json_decref(list);
		list = dap_go_threads(d);
	} else if (cdbg_pid(d->p) > 0 && cdbg_target(d->p) == CDBG_TARGET_PROCESS) {
		dap_sync_threads(d);
		for (size_t i = 0; i < d->nknown; i++) {
			pid_t tid = d->known_tids[i];
			if (!d->thread_names[i]) { /* read once: /proc costs at 1,000 threads */
				struct cdbg_thread_info ti;
				char buf[64];
				if (cdbg_thread_info(d->p, tid, &ti) < 0)
					snprintf(ti.name, sizeof(ti.name), "?");
				snprintf(buf, sizeof(buf), "%s (LWP %d)", ti.name, (int)tid);
				d->thread_names[i] = strdup(buf);
			}
			json_array_append_new(list,
					      json_pack("{s:i, s:s}", "id", (int)tid, "name",
							d->thread_names[i] ? d->thread_names[i] :
									     "?"));
		}
	}
	dap_ok(d, req, json_pack("{s:o}", "threads", list));
}

/* ---- stops ---- */

void dap_report_stop(struct dap *d, pid_t tid, const char *reason, const char *desc,
		     json_t *hit_ids)
{
	d->state = DAP_STOPPED;
	d->stop_tid = tid;
	if (tid > 0)
		d->c->cur_tid = tid;
	cli_select_frame(d->c, 0);
	snprintf(d->stop_desc, sizeof(d->stop_desc), "%s", desc ? desc : "");
	dap_drain_output(d);
	json_t *b = json_pack("{s:s, s:I, s:b}", "reason", reason, "threadId",
			      (json_int_t)(tid > 0 ? dap_thread_id(d, tid) : 0),
			      "allThreadsStopped", 1);
	if (desc && *desc) {
		json_object_set_new(b, "description", json_string(desc));
		json_object_set_new(b, "text", json_string(desc));
	}
	if (hit_ids)
		json_object_set_new(b, "hitBreakpointIds", hit_ids);
	dap_event(d, "stopped", b);
}

/* The process is gone for the client's own reasons (disconnect): nothing to tell. */
static void gone_quietly(struct dap *d)
{
	d->terminated_sent = true;
	dap_forget_handles(d);
	free(d->known_tids);
	for (size_t i = 0; i < d->nknown; i++)
		free(d->thread_names[i]);
	free(d->thread_names);
	d->known_tids = NULL;
	d->thread_names = NULL;
	d->nknown = 0;
	cli_process_gone(d->c);
	d->state = DAP_NONE;
	d->ndeferred = 0;
	d->entry_bp = 0;
	d->go = 0;
}

void dap_gone(struct dap *d, int code)
{
	dap_forget_handles(d);
	dap_drain_output(d);
	forget_threads(d);
	cli_process_gone(d->c);
	d->state = DAP_NONE;
	d->ndeferred = 0;
	d->go = 0;
	if (d->entry_bp)
		d->entry_bp = 0;
	if (!d->terminated_sent) {
		dap_event(d, "exited", json_pack("{s:i}", "exitCode", code));
		dap_event(d, "terminated", NULL);
		d->terminated_sent = true;
	}
}

static const char *signame(int sig, char *buf, size_t len)
{
	const char *a = sigabbrev_np(sig);
	if (a)
		snprintf(buf, len, "SIG%s", a);
	else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buf, len, "SIG%d", sig);
	else
		snprintf(buf, len, "signal %d", sig);
	return buf;
}

static enum act on_breakpoint(struct dap *d, const struct cdbg_event *ev)
{
	int id = 0, loc = 0;
	if (d->entry_bp && ev->bp_id == d->entry_bp) {
		if (cdbg_bp_remove(d->p, d->entry_bp) < 0) {
			/* a temporary one goes by itself */
		}
		d->entry_bp = 0;
		dap_report_stop(d, ev->tid, "entry", "Stopped at the program's entry (main)", NULL);
		return ACT_STOP;
	}
	if (cli_go_death(d->c, ev->bp_id, ev->tid, d->stop_death, sizeof(d->stop_death))) {
		if (!d->stop_panics) { /* the filter is off: let it die */
			d->stop_death[0] = '\0';
			return ACT_RESUME;
		}
		dap_report_stop(d, ev->tid, "exception", d->stop_death, NULL);
		return ACT_STOP;
	}
	if (cdbg_break_of_hit(d->p, ev->bp_id, &id, &loc) < 0) {
		dap_report_stop(d, ev->tid, "breakpoint", "Breakpoint", NULL);
		return ACT_STOP;
	}
	struct dap_bp *bp = dap_bp_find(d, id);
	if (bp && !dap_bp_should_stop(d, bp, ev->tid))
		return ACT_RESUME;
	char desc[160];
	const char *reason = "breakpoint";
	if (bp && bp->kind == DAP_BP_FUNCTION)
		reason = "function breakpoint";
	else if (bp && bp->kind == DAP_BP_INSTRUCTION)
		reason = "instruction breakpoint";
	snprintf(desc, sizeof(desc), "Breakpoint %d", id);
	if (ev->message[0]) /* its condition could not be evaluated: say why it stopped */
		dap_output(d, "console", ev->message);
	int gone = cdbg_break_hit_done(d->p, id);
	if (gone == 1 && bp) {
		/* a temporary one (from the console): forget ours too */
	}
	dap_report_stop(d, ev->tid, reason, desc, json_pack("[i]", id));
	return ACT_STOP;
}

static enum act on_watchpoint(struct dap *d, const struct cdbg_event *ev)
{
	int id = 0, loc = 0;
	struct cdbg_break_info bi;
	char desc[160];
	if (cdbg_break_of_hit(d->p, ev->bp_id, &id, &loc) == 0 &&
	    cdbg_break_info(d->p, id, &bi) == 0) {
		if (bi.kind == CDBG_BREAK_WATCH_READ && ev->old_value != ev->new_value)
			return ACT_RESUME; /* a write, which a read watchpoint does not want */
		if (bi.kind == CDBG_BREAK_WATCH_WRITE && ev->old_value == ev->new_value)
			return ACT_RESUME; /* gdb: a write of the same value is no change */
		if (cdbg_break_hit_done(d->p, id) < 0) {
			/* removed meanwhile */
		}
		snprintf(desc, sizeof(desc),
			 "Data breakpoint %d: %s (old value %#llx, new value %#llx)", id,
			 bi.expr ? bi.expr : "", (unsigned long long)ev->old_value,
			 (unsigned long long)ev->new_value);
		dap_report_stop(d, ev->tid, "data breakpoint", desc, json_pack("[i]", id));
		return ACT_STOP;
	}
	dap_report_stop(d, ev->tid, "data breakpoint", "Watchpoint", NULL);
	return ACT_STOP;
}

/* One event of the library: what the client is told, and what happens next. */
int dap_on_event(struct dap *d, struct cdbg_event *ev)
{
	char name[32], desc[160];
	switch (ev->kind) {
	case CDBG_EV_THREAD_NEW:
	case CDBG_EV_THREAD_EXIT:
		dap_sync_threads(d);
		return ev->stopped ? ACT_RESUME : ACT_RUNNING;
	case CDBG_EV_FORK:
	case CDBG_EV_VFORK:
		if (ev->followed) {
			snprintf(desc, sizeof(desc), "[Attaching after fork to child process %d]\n",
				 (int)ev->child);
			dap_output(d, "console", desc);
		}
		return ev->stopped ? ACT_RESUME : ACT_RUNNING;
	case CDBG_EV_EXITED:
		snprintf(desc, sizeof(desc), "[process %d exited with code %d]\n",
			 (int)cdbg_pid(d->p) ?: (int)ev->tid, ev->code);
		dap_output(d, "console", desc);
		dap_gone(d, ev->code);
		return ACT_GONE;
	case CDBG_EV_KILLED:
		snprintf(desc, sizeof(desc), "[program terminated with signal %s, %s]\n",
			 signame(ev->signo, name, sizeof(name)), strsignal(ev->signo));
		dap_output(d, "console", desc);
		dap_gone(d, 128 + ev->signo);
		return ACT_GONE;
	case CDBG_EV_EXEC:
		if (cdbg_break_resolve(d->p) < 0) {
			/* nothing held any more: the exit comes next */
		}
		dap_sync_threads(d);
		dap_sync_modules(d);
		dap_bp_recheck(d);
		return ACT_RESUME;
	case CDBG_EV_LIBRARIES:
		dap_sync_modules(d);
		dap_bp_recheck(d);
		return ACT_RESUME;
	case CDBG_EV_BREAKPOINT:
		return on_breakpoint(d, ev);
	case CDBG_EV_WATCHPOINT:
		return on_watchpoint(d, ev);
	case CDBG_EV_SIGNAL:
		if (!d->stop_signals)
			return ACT_RESUME; /* the signal stays pending: delivered on resume */
		d->stop_signo = ev->signo;
		snprintf(desc, sizeof(desc), "Signal %s (%s)",
			 signame(ev->signo, name, sizeof(name)), strsignal(ev->signo));
		dap_report_stop(d, ev->tid, "exception", desc, NULL);
		return ACT_STOP;
	case CDBG_EV_SYSCALL_ENTRY:
	case CDBG_EV_SYSCALL_RETURN: {
		int id;
		if (cdbg_catch_hit(d->p, ev, &id) == 1) {
			snprintf(desc, sizeof(desc), "Catchpoint %d (system call %ld)", id,
				 (long)ev->code);
			dap_report_stop(d, ev->tid, "breakpoint", desc, json_pack("[i]", id));
			return ACT_STOP;
		}
		return ACT_RESUME;
	}
	case CDBG_EV_STOPPED:
		dap_report_stop(d, ev->tid, "pause", "Paused", NULL);
		return ACT_STOP;
	case CDBG_EV_STEP:
	case CDBG_EV_STEP_END:
	case CDBG_EV_FINISHED:
		dap_report_stop(d, ev->tid, "step", NULL, NULL);
		return ACT_STOP;
	default:
		return ev->stopped ? ACT_RESUME : ACT_RUNNING;
	}
}

/* The next event: one held back by dap_hold first, else the library's. */
static int next_event(struct dap *d, struct cdbg_event *ev)
{
	if (d->ndeferred) {
		*ev = d->deferred[0];
		memmove(d->deferred, d->deferred + 1, --d->ndeferred * sizeof(*ev));
		return 1;
	}
	return cdbg_wait(d->p, ev, 0);
}

static int resume(struct dap *d)
{
	dap_forget_handles(d);
	d->state = DAP_RUNNING;
	d->stop_signo = 0;
	d->stop_death[0] = '\0';
	int r = cdbg_cont(d->p);
	if (r < 0) {
		char msg[512];
		snprintf(msg, sizeof(msg), "cdbg: cannot resume the program: %s\n",
			 cdbg_errmsg(d->p));
		dap_output(d, "console", msg);
		d->state = cdbg_pid(d->p) > 0 ? DAP_STOPPED : DAP_NONE;
	}
	return r;
}

void dap_pump(struct dap *d)
{
	struct cdbg_event ev;
	while (d->state == DAP_RUNNING) {
		int r = next_event(d, &ev);
		if (r == 0)
			break;
		if (r < 0) {
			if (cdbg_pid(d->p) <= 0)
				dap_gone(d, 0);
			break;
		}
		enum act a = (enum act)dap_on_event(d, &ev);
		if (a == ACT_RESUME && !d->ndeferred && resume(d) < 0)
			break;
	}
}

bool dap_hold(struct dap *d)
{
	if (d->state != DAP_RUNNING)
		return false;
	if (cdbg_interrupt(d->p) < 0)
		return false;
	struct cdbg_event ev;
	for (;;) {
		int r = cdbg_wait(d->p, &ev, 5000);
		if (r <= 0)
			return false;
		if (ev.kind == CDBG_EV_STOPPED)
			return true;
		if (!ev.stopped && ev.kind != CDBG_EV_EXITED && ev.kind != CDBG_EV_KILLED) {
			dap_on_event(d, &ev); /* a notice: tell it now */
			continue;
		}
		if (d->ndeferred == d->cap_deferred) {
			size_t cap = d->cap_deferred ? d->cap_deferred * 2 : 8;
			struct cdbg_event *v = realloc(d->deferred, cap * sizeof(*v));
			if (!v)
				return false;
			d->deferred = v;
			d->cap_deferred = cap;
		}
		d->deferred[d->ndeferred++] = ev;
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			return true;
	}
}

void dap_release(struct dap *d, bool held)
{
	if (!held)
		return;
	if (d->ndeferred)
		dap_pump(d); /* what came meanwhile is reported now */
	else
		resume(d);
}

/* ---- launch and attach ---- */

static char **make_env(json_t *env, char **err)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	size_t extra = json_is_object(env) ? json_object_size(env) :
		       json_is_array(env)  ? json_array_size(env) :
					     0;
	char **out = calloc(n + extra + 1, sizeof(*out));
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[k++] = strdup(environ[i]);
	const char *key;
	json_t *val;
	size_t idx;
	char *kv = NULL;
	/* each "NAME=VALUE" replaces the variable NAME */
#define PUT(kv_)                                                                                   \
	do {                                                                                       \
		char *s_ = (kv_);                                                                  \
		size_t nl_ = strcspn(s_, "=");                                                     \
		size_t j_;                                                                         \
		for (j_ = 0; j_ < k; j_++)                                                         \
			if (out[j_] && !strncmp(out[j_], s_, nl_) && out[j_][nl_] == '=')          \
				break;                                                             \
		if (j_ < k) {                                                                      \
			free(out[j_]);                                                             \
			out[j_] = s_;                                                              \
		} else {                                                                           \
			out[k++] = s_;                                                             \
		}                                                                                  \
	} while (0)
	if (json_is_object(env)) {
		json_object_foreach(env, key, val)
		{
			if (!json_is_string(val) && !json_is_null(val)) {
				*err = "launch: every value of \"env\" must be a string";
				goto bad;
			}
			if (asprintf(&kv, "%s=%s", key,
				     json_is_string(val) ? json_string_value(val) : "") < 0)
				goto bad;
			PUT(kv);
		}
	} else if (json_is_array(env)) {
		json_array_foreach(env, idx, val)
		{
			if (!json_is_string(val) || !strchr(json_string_value(val), '=')) {
				*err = "launch: \"env\" as an array holds \"NAME=VALUE\" strings";
				goto bad;
			}
			PUT(strdup(json_string_value(val)));
		}
	} else if (env && !json_is_null(env)) {
		*err = "launch: \"env\" must be an object of strings (or an array of NAME=VALUE)";
		goto bad;
	}
#undef PUT
	return out;
bad:
	for (size_t i = 0; i < k; i++)
		free(out[i]);
	free(out);
	return NULL;
}

static void free_strv(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* After launch or attach: the client learns of threads and modules; breakpoints set before
 * are checked again. */
static void taken(struct dap *d, bool attached)
{
	cli_process_taken(d->c, attached);
	d->state = DAP_STOPPED;
	d->terminated_sent = false;
	d->stop_tid = cdbg_pid(d->p);
	char exe[4096] = "program", link[64];
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)cdbg_pid(d->p));
	ssize_t n = readlink(link, exe, sizeof(exe) - 1);
	if (n > 0)
		exe[n] = '\0';
	dap_event(d, "process",
		  json_pack("{s:s, s:i, s:b, s:s}", "name", exe, "systemProcessId",
			    (int)cdbg_pid(d->p), "isLocalProcess", 1, "startMethod",
			    attached ? "attach" : "launch"));
	if (dap_is_go(d)) {
		/* goroutines are the client's threads: no thread events for the OS's */
	}
	dap_sync_threads(d);
	dap_sync_modules(d);
	if (cdbg_libraries_report(d->p) < 0) {
		/* a static program: no libraries come and go */
	}
	dap_bp_recheck(d);
}

/* Start the program running (configurationDone after launch or attach). */
static void start(struct dap *d)
{
	if (d->state != DAP_STOPPED)
		return;
	if (d->stop_on_entry) {
		uint64_t addr;
		if (d->attached) {
			dap_report_stop(d, cdbg_pid(d->p), "entry", "Attached", NULL);
			return;
		}
		if (cdbg_func_break_addr(d->p, "main", &addr) == 0) {
			int id = cdbg_bp_insert(d->p, addr, CDBG_BP_TEMPORARY);
			if (id > 0)
				d->entry_bp = id;
		}
		if (!d->entry_bp) { /* no main: the first instruction is the entry */
			dap_report_stop(d, cdbg_pid(d->p), "entry",
					"Stopped at the program's entry", NULL);
			return;
		}
	}
	resume(d);
}

static int want_string(json_t *args, const char *key, const char **out)
{
	json_t *v = json_object_get(args, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = json_string_value(v);
	return 0;
}

void dap_launch(struct dap *d, json_t *req, json_t *args)
{
	const char *prog, *cwd;
	if (d->launched || d->attached || cdbg_pid(d->p) > 0) {
		dap_fail(d, req, "launch: a program is already being debugged in this session");
		return;
	}
	if (want_string(args, "program", &prog) < 0 || !prog || !*prog) {
		dap_fail(d, req, "launch needs \"program\": the path of the executable to debug");
		return;
	}
	if (want_string(args, "cwd", &cwd) < 0) {
		dap_fail(d, req, "launch: \"cwd\" must be a string");
		return;
	}
	json_t *jargs = json_object_get(args, "args");
	if (jargs && !json_is_null(jargs) && !json_is_array(jargs)) {
		dap_fail(d, req, "launch: \"args\" must be an array of strings");
		return;
	}
	size_t na = json_is_array(jargs) ? json_array_size(jargs) : 0;
	for (size_t i = 0; i < na; i++)
		if (!json_is_string(json_array_get(jargs, i))) {
			dap_fail(d, req, "launch: \"args\" must be an array of strings");
			return;
		}
	char *err = NULL;
	char **envp = make_env(json_object_get(args, "env"), &err);
	if (!envp) {
		dap_fail(d, req, "%s", err ? err : "launch: out of memory");
		return;
	}
	json_t *soe = json_object_get(args, "stopOnEntry");
	d->stop_on_entry = json_is_true(soe);
	/* The CLI knows the program too: `run` from the console, `info files`. */
	if (cli_set_program(d->c, prog, false) < 0 && cdbg_file_path(d->p) == NULL) {
		char *why = dap_captured(d);
		why[strcspn(why, "\n")] = '\0';
		dap_fail(d, req, "launch: cannot debug '%s': %s", prog,
			 *why ? why : "not an executable file");
		free(why);
		free_strv(envp);
		return;
	}
	free(dap_captured(d));
	char **argv = calloc(na + 2, sizeof(*argv));
	argv[0] = (char *)prog;
	for (size_t i = 0; i < na; i++)
		argv[i + 1] = (char *)json_string_value(json_array_get(jargs, i));
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		dap_fail(d, req, "launch: cannot make pipes for the program's output: %s",
			 strerror(errno));
		free(argv);
		free_strv(envp);
		return;
	}
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct cdbg_launch_opts o = { .envp = (const char *const *)envp,
				      .cwd = cwd && *cwd ? cwd : NULL,
				      .stdin_fd = null,
				      .stdout_fd = outp[1],
				      .stderr_fd = errp[1],
				      .no_aslr = d->c->no_aslr };
	int r = cdbg_launch(d->p, d->c->prog ? d->c->prog : prog, argv, &o);
	close(outp[1]);
	close(errp[1]);
	if (null >= 0)
		close(null);
	free(argv);
	free_strv(envp);
	if (r < 0) {
		close(outp[0]);
		close(errp[0]);
		dap_fail_lib(d, req, "launch");
		return;
	}
	fcntl(outp[0], F_SETFL, O_NONBLOCK);
	fcntl(errp[0], F_SETFL, O_NONBLOCK);
	d->prog_out = outp[0];
	d->prog_err = errp[0];
	d->launched = true;
	taken(d, false);
	dap_ok(d, req, NULL);
	if (d->configured)
		start(d);
}

void dap_attach(struct dap *d, json_t *req, json_t *args)
{
	json_t *jp = json_object_get(args, "pid");
	if (!jp)
		jp = json_object_get(args, "processId");
	long pid = 0;
	if (json_is_integer(jp))
		pid = (long)json_integer_value(jp);
	else if (json_is_string(jp))
		pid = strtol(json_string_value(jp), NULL, 10);
	if (d->launched || d->attached || cdbg_pid(d->p) > 0) {
		dap_fail(d, req, "attach: a program is already being debugged in this session");
		return;
	}
	if (pid <= 0 || pid > 0x7fffffff) {
		dap_fail(d, req, "attach needs \"pid\": the process id of the program to debug");
		return;
	}
	const char *prog;
	if (want_string(args, "program", &prog) == 0 && prog && *prog) {
		if (cli_set_program(d->c, prog, false) < 0) {
			/* the process's own file serves */
		}
		free(dap_captured(d));
	}
	d->stop_on_entry = json_is_true(json_object_get(args, "stopOnEntry"));
	if (cdbg_attach(d->p, (pid_t)pid) < 0) {
		dap_fail_lib(d, req, "attach");
		return;
	}
	d->attached = true;
	taken(d, true);
	dap_ok(d, req, NULL);
	if (d->configured)
		start(d);
}

void dap_configuration_done(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	dap_ok(d, req, NULL);
	if (d->configured)
		return;
	d->configured = true;
	start(d);
}

/* ---- running ---- */

pid_t dap_thread_arg(struct dap *d, json_t *req, json_t *args, const char *what)
{
	json_t *t = json_object_get(args, "threadId");
	if (d->state == DAP_NONE) {
		dap_fail(d, req, "%s: no program is being debugged", what);
		return -1;
	}
	if (d->state == DAP_RUNNING) {
		dap_fail(d, req, "%s: the program is running; pause it first", what);
		return -1;
	}
	if (!json_is_integer(t))
		return d->stop_tid;
	pid_t tid;
	int64_t goid;
	if (dap_thread_of(d, json_integer_value(t), &tid, &goid) < 0) {
		dap_fail(d, req, "%s: no thread %lld in the program", what,
			 (long long)json_integer_value(t));
		return -1;
	}
	if (!tid) {
		dap_fail(d, req,
			 "%s: goroutine %lld runs on no thread now: step the goroutine that stopped",
			 what, (long long)goid);
		return -1;
	}
	return tid;
}

void dap_resume_all(struct dap *d)
{
	if (d->ndeferred) {
		d->state = DAP_RUNNING;
		dap_forget_handles(d);
		dap_pump(d);
		return;
	}
	resume(d);
}

void dap_continue(struct dap *d, json_t *req, json_t *args)
{
	(void)args; /* every thread goes on, whichever the client names */
	if (d->state != DAP_STOPPED) {
		dap_fail(d, req, "continue: %s",
			 d->state == DAP_RUNNING ? "the program is running already" :
						   "no program is being debugged");
		return;
	}
	dap_ok(d, req, json_pack("{s:b}", "allThreadsContinued", 1));
	dap_resume_all(d);
}

void dap_pause(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	if (d->state == DAP_NONE) {
		dap_fail(d, req, "pause: no program is being debugged");
		return;
	}
	if (d->state == DAP_STOPPED) {
		dap_ok(d, req, NULL); /* stopped already */
		return;
	}
	if (cdbg_interrupt(d->p) < 0) {
		dap_fail_lib(d, req, "pause");
		return;
	}
	dap_ok(d, req, NULL);
}

void dap_exception_info(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	if (d->state == DAP_STOPPED && d->stop_death[0]) {
		const char *colon = strchr(d->stop_death, ':');
		char id[32];
		snprintf(id, sizeof(id), "%.*s", colon ? (int)(colon - d->stop_death) : 5,
			 d->stop_death);
		dap_ok(d, req,
		       json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "exceptionId", id, "description",
				 d->stop_death, "breakMode", "unhandled", "details", "message",
				 d->stop_death, "typeName", "Go runtime"));
		return;
	}
	if (d->state != DAP_STOPPED || !d->stop_signo) {
		dap_fail(d, req, "exceptionInfo: the program did not stop for a signal");
		return;
	}
	char name[32];
	signame(d->stop_signo, name, sizeof(name));
	dap_ok(d, req,
	       json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "exceptionId", name, "description",
			 strsignal(d->stop_signo), "breakMode", "always", "details", "message",
			 d->stop_desc, "typeName", "signal"));
}

/* ---- the end ---- */

static void let_go(struct dap *d, bool kill_it)
{
	if (cdbg_pid(d->p) <= 0 || cdbg_target(d->p) != CDBG_TARGET_PROCESS)
		return;
	if (d->entry_bp) {
		if (cdbg_bp_remove(d->p, d->entry_bp) < 0) {
			/* running: detach removes it with the rest */
		}
		d->entry_bp = 0;
	}
	int r = kill_it ? cdbg_kill(d->p) : cdbg_detach(d->p);
	if (r < 0 && !kill_it) /* could not let it go whole: never leave it held */
		r = cdbg_kill(d->p);
	(void)r;
}

void dap_disconnect(struct dap *d, json_t *req, json_t *args)
{
	json_t *t = json_object_get(args, "terminateDebuggee");
	bool kill_it = t ? json_is_true(t) : d->launched;
	if (cdbg_pid(d->p) > 0) {
		let_go(d, kill_it);
		gone_quietly(d);
	}
	dap_ok(d, req, NULL);
	d->quit = true;
}

void dap_terminate(struct dap *d, json_t *req, json_t *args)
{
	(void)args;
	if (cdbg_pid(d->p) <= 0) {
		dap_ok(d, req, NULL);
		if (!d->terminated_sent) {
			dap_event(d, "terminated", NULL);
			d->terminated_sent = true;
		}
		return;
	}
	let_go(d, d->launched);
	dap_ok(d, req, NULL);
	dap_gone(d, d->launched ? 128 + SIGKILL : 0);
}

void dap_free_all(struct dap *d);
void dap_free_all(struct dap *d)
{
	let_go(d, d->launched);
	dap_forget_handles(d);
	free(d->refs);
	free(d->frames);
	for (size_t i = 0; i < d->nknown; i++)
		free(d->thread_names[i]);
	free(d->thread_names);
	free(d->known_tids);
	free(d->deferred);
	free(d->gs);
	for (size_t i = 0; i < d->nmodules; i++)
		free(d->modules[i]);
	free(d->modules);
	dap_bp_free_all(d);
	json_t *m;
	while ((m = NULL, d->queue.n) && (m = d->queue.v[d->queue.head])) {
		d->queue.head = (d->queue.head + 1) % d->queue.cap;
		d->queue.n--;
		json_decref(m);
	}
	free(d->queue.v);
	dap_reader_free(&d->rd);
	if (d->prog_out >= 0)
		close(d->prog_out);
	if (d->prog_err >= 0)
		close(d->prog_err);
}
