/*
 * dap_step.c - next, stepIn and stepOut (and the console's step commands): the library's
 * source-level steps of one thread, with the client's input read while they run (a pause
 * stops them), and a step taken up again when something the client does not see (a logpoint,
 * libraries, an exec) ended the library's.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dap.h"

bool dap_poll_client(struct dap *d);
void dap_drain_output(struct dap *d);

static void hook_notice(void *data, const struct cdbg_event *ev)
{
	struct dap *d = data;
	if (ev->kind == CDBG_EV_THREAD_NEW || ev->kind == CDBG_EV_THREAD_EXIT)
		dap_sync_threads(d);
	else if (ev->kind == CDBG_EV_LIBRARIES) {
		dap_sync_modules(d);
		dap_bp_recheck(d);
	}
}

static int hook_interrupt(void *data)
{
	struct dap *d = data;
	dap_drain_output(d);
	return dap_poll_client(d) ? 1 : 0;
}

/* The CFA of frame level of tid, 0 when unknown. */
static uint64_t frame_cfa(struct dap *d, pid_t tid, int level)
{
	struct cdbg_frame f[64];
	int n = cdbg_backtrace(d->p, tid, f, level + 1 <= 64 ? (size_t)level + 1 : 64);
	return n > level ? f[level].cfa : 0;
}

/* The level of the frame of tid whose CFA is cfa, -1 when it is gone. */
static int frame_with_cfa(struct dap *d, pid_t tid, uint64_t cfa)
{
	struct cdbg_frame f[64];
	int n = cdbg_backtrace(d->p, tid, f, 64);
	for (int i = 0; i < n; i++)
		if (f[i].cfa == cfa)
			return i;
	return -1;
}

enum step_op { OP_NEXT, OP_IN, OP_OUT };

static void step(struct dap *d, json_t *req, json_t *args, enum step_op op, const char *what)
{
	pid_t tid = dap_thread_arg(d, req, args, what);
	if (tid < 0)
		return;
	const char *gran = json_string_value(json_object_get(args, "granularity"));
	bool insn = gran && !strcmp(gran, "instruction");
	dap_ok(d, req, NULL);
	dap_step_thread(d, tid, (int)op, insn, what);
}

void dap_step_thread(struct dap *d, pid_t tid, int op_, bool insn, const char *what)
{
	enum step_op op = (enum step_op)op_;
	uint64_t cfa = frame_cfa(d, tid, 0);
	struct cdbg_step_hooks hooks = { .notice = hook_notice,
					 .interrupt = hook_interrupt,
					 .data = d };
	dap_forget_handles(d);
	d->state = DAP_RUNNING;
	d->stop_signo = 0;
	/* A stop the client does not see (a logpoint, an exec, libraries) abandons the
	 * library's step: it is taken up again from where the thread is, out of any frame it
	 * entered since, so that the client's step ends where it would have. */
	for (int round = 0; round < 100000; round++) {
		struct cdbg_event ev;
		int r;
		int level = cfa ? frame_with_cfa(d, tid, cfa) : 0;
		if (round > 0 && level > 0 && op != OP_IN)
			r = cdbg_finish(d->p, tid, level - 1, &hooks, &ev);
		else if (op == OP_OUT && level >= 0)
			r = cdbg_finish(d->p, tid, level, &hooks, &ev);
		else if (op == OP_OUT)
			r = cdbg_step_line(d->p, tid, CDBG_STEP_NEXT, &hooks, &ev);
		else
			r = cdbg_step_line(d->p, tid,
					   op == OP_IN ? (insn ? CDBG_STEP_INSN : CDBG_STEP_LINE) :
					   insn        ? CDBG_STEP_INSN_NEXT :
							 CDBG_STEP_NEXT,
					   &hooks, &ev);
		if (r < 0) {
			char msg[512];
			snprintf(msg, sizeof(msg), "cdbg: %s failed: %s\n", what,
				 cdbg_errmsg(d->p));
			dap_output(d, "console", msg);
			if (cdbg_pid(d->p) > 0)
				dap_report_stop(d, tid, "step", NULL, NULL);
			else
				dap_gone(d, 0);
			return;
		}
		bool finished_inner = round > 0 && level > 0 && op != OP_IN &&
				      ev.kind == CDBG_EV_FINISHED && ev.tid == tid;
		if (finished_inner)
			continue; /* back in the step's frame: step on from there */
		enum act a = (enum act)dap_on_event(d, &ev);
		if (a != ACT_RESUME)
			return;
		if (op == OP_OUT && frame_with_cfa(d, tid, cfa) < 0) {
			dap_report_stop(d, tid, "step", NULL, NULL);
			return;
		}
		d->state = DAP_RUNNING;
	}
}

void dap_next(struct dap *d, json_t *req, json_t *args)
{
	step(d, req, args, OP_NEXT, "next");
}

void dap_step_in(struct dap *d, json_t *req, json_t *args)
{
	step(d, req, args, OP_IN, "stepIn");
}

void dap_step_out(struct dap *d, json_t *req, json_t *args)
{
	step(d, req, args, OP_OUT, "stepOut");
}
