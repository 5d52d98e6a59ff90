/*
 * cmd_break_stop.c - the breakpoint group's part of a stop: a stop at a breakpoint or
 * watchpoint reported as gdb does ("Breakpoint 1, ...", "Hardware watchpoint 2: x", Old/New
 * value), the breakpoint's `commands` run, and the group's subscriptions to the core's
 * events (cli_break_init: report breakpoints; insert them into a new process, re-resolve
 * them when libraries change, forget library ids when the process is gone).
 *
 * Owns: the report of a breakpoint stop. Must not: keep breakpoints (cmd_break.c does).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_break.h"
#include "groups.h"

/* The state of one run of a breakpoint's commands. */
struct bp_run {
	unsigned long stops; /* c->sigint_stops when they began */
	int again;
};

/* One simple line of a breakpoint's commands (the core runs if/while): CLI_RUN_STOP ends the
 * list (`continue`, a signal, the process gone). */
static int run_bp_command(struct cli *c, char *line, void *data)
{
	struct bp_run *br = data;
	char word[32];
	size_t n = strcspn(line, " \t");

	if (!c->live)
		return CLI_RUN_STOP;
	if (cli_got_signal) {
		br->again = 1;
		return CLI_RUN_STOP;
	}
	if (c->sigint_stops != br->stops)
		return CLI_RUN_STOP;
	if (n >= sizeof(word))
		n = sizeof(word) - 1;
	memcpy(word, line, n);
	word[n] = '\0';
	if (!strcmp(word, "silent"))
		return CLI_RUN_OK;
	if (!strcmp(word, "c") || !strcmp(word, "cont") || !strcmp(word, "continue")) {
		br->again = 1;
		return CLI_RUN_STOP;
	}
	return cli_execute(c, line) < 0 ? CLI_RUN_ERROR : CLI_RUN_OK;
}

/* Run the `commands` of breakpoint b. Returns 1 if one of them was `continue` (the caller
 * resumes), 0 otherwise. A command may delete b or replace its commands: run a copy.
 * A signal to cdbg cuts the list short: one still pending gives 1, for the caller's check
 * before resuming to report it (go_on); one a command already reported (it stopped the
 * program for the user) gives 0. An error ends the list, as in gdb. */
static int run_bp_commands(struct cli *c, struct cli_bp *b)
{
	struct cli_lines l = { NULL, 0, 0 };
	struct bp_run br = { c->sigint_stops, 0 };

	for (int i = 0; i < b->ncmds; i++)
		if (cli_lines_add(&l, b->cmds[i]) < 0) {
			cli_lines_free(&l);
			return 0;
		}
	cli_run_lines(c, l.v, l.n, run_bp_command, &br, CLI_TOP_BP);
	cli_lines_free(&l);
	return br.again;
}

int cli_bp_run_commands(struct cli *c, struct cli_bp *b)
{
	return run_bp_commands(c, b);
}

static long long sign_extend(uint64_t v, unsigned len)
{
	if (len >= 8 || len == 0)
		return (long long)v;
	uint64_t m = 1ull << (8 * len - 1);
	v &= (m << 1) - 1;
	return (long long)((v ^ m) - m);
}

/* gdb's $_hit_bpnum and $_hit_locno: the breakpoint and location of the last stop. */
static void hit_vars(struct cli *c, int bp_id, int num)
{
	struct cdbg_value v;
	int id, loc = 1;

	if (cdbg_break_of_hit(c->p, bp_id, &id, &loc) < 0 || loc <= 0)
		loc = 1;
	cdbg_value_int(&v, (uint64_t)num, 4, 1);
	cli_var_set(c, "_hit_bpnum", &v);
	cdbg_value_int(&v, (uint64_t)loc, 4, 1);
	cli_var_set(c, "_hit_locno", &v);
}

/* A breakpoint or watchpoint stop: print it as gdb does and run its commands. Returns 1 when
 * the process should simply go on (a `continue` in the commands). */
static int on_bp_stop(struct cli *c, const struct cdbg_event *ev)
{
	struct cli_bp *b = cli_bp_by_lib_id(c, ev->bp_id);
	char tp[64];
	int again, bpnum;
	long long oldv, newv;

	if (!b && (again = cli_watch_scope_hit(c, ev)) >= 0)
		return again;
	c->cur_tid = ev->tid;
	if (!b) {
		printf("\n%sstopped at breakpoint.\n",
		       cli_thread_prefix(c, ev->tid, tp, sizeof(tp)));
		cli_show_stop(c, ev->tid, true);
		return 0;
	}
	if (ev->message[0])
		printf("Error in testing condition for breakpoint %d:\n%s\n", b->num, ev->message);
	/* A watchpoint on an expression: its value now, against the one it last saw. */
	if (ev->kind == CDBG_EV_WATCHPOINT && b->old_text) {
		/* The debug register of one watchpoint fired: another one on the same memory (a
		 * watch beside an rwatch) may be the one whose value changed. */
		if (cli_watch_report(c, b, ev, !b->silent) && !(b = cli_watch_other(c, b, ev)))
			return 1;
		cli_show_stop(c, ev->tid, true);
		goto commands;
	}
	/* gdb's watch stops only when the value changes: a write of the same value goes on. */
	if (ev->kind == CDBG_EV_WATCHPOINT && b->watch == CDBG_WATCH_WRITE &&
	    ev->old_value == ev->new_value)
		return 1;
	/* x86 has no read-only watch: an rwatch is a read/write one whose writes go unreported. */
	if (ev->kind == CDBG_EV_WATCHPOINT && b->watch == CLI_WATCH_READ &&
	    ev->old_value != ev->new_value)
		return 1;
	if (ev->kind == CDBG_EV_WATCHPOINT && cli_watch_cond(c, b, ev->tid))
		return 1;
	if (b->dprintf) {
		/* gdb's dprintf: its printf, then on, with nothing else said */
		char line[1200];
		hit_vars(c, ev->bp_id, b->num);
		cli_bp_dprintf_line(c, b, line, sizeof(line));
		(void)cli_execute(c, line);
		fflush(stdout);
		cli_bp_hit(c, cli_bp_by_lib_id(c, ev->bp_id));
		return c->live;
	}
	oldv = sign_extend(ev->old_value, b->len);
	newv = sign_extend(ev->new_value, b->len);
	if (!b->silent) {
		if (ev->kind == CDBG_EV_WATCHPOINT) {
			printf("\n%s%s%s%satchpoint %d: %s\n\n",
			       cli_thread_prefix(c, ev->tid, tp, sizeof(tp)),
			       cli_many_threads(c) ? "hit " : "",
			       cli_watch_soft(c, b->num) ? "" : "Hardware ",
			       b->watch == CDBG_WATCH_RW  ? "access (read/write) w" :
			       b->watch == CLI_WATCH_READ ? "read w" :
			       cli_watch_soft(c, b->num)  ? "W" :
							    "w",
			       b->num, b->spec);
			if ((ev->old_value != ev->new_value || b->watch == CDBG_WATCH_WRITE) &&
			    b->watch != CLI_WATCH_READ)
				printf("Old value = %lld\nNew value = %lld\n", oldv, newv);
			else
				printf("Value = %lld\n", newv);
			cli_show_stop(c, ev->tid, true);
		} else {
			/* gdb names the location of a breakpoint that has several: 1.2 */
			struct cdbg_break_info bi = { 0 };
			int id, loc = 0;
			char num[32];
			snprintf(num, sizeof(num), "%d", b->num);
			if (cdbg_break_of_hit(c->p, ev->bp_id, &id, &loc) == 0 &&
			    cdbg_break_info(c->p, id, &bi) == 0 && bi.kind == CDBG_BREAK_CATCH) {
				printf("\n%s%s%s %d (exception %s), ",
				       cli_thread_prefix(c, ev->tid, tp, sizeof(tp)),
				       cli_many_threads(c) ? "hit " : "",
				       b->temporary ? "Temporary catchpoint" : "Catchpoint", b->num,
				       bi.catch_kind == CDBG_CATCH_THROW ? "thrown" :
				       bi.catch_kind == CDBG_CATCH_CATCH ? "caught" :
									   "rethrown");
				cli_show_stop(c, ev->tid, true);
				goto shown;
			}
			if (bi.nlocs > 1)
				snprintf(num, sizeof(num), "%d.%d", b->num, loc);
			printf("\n%s%s%s %s, ", cli_thread_prefix(c, ev->tid, tp, sizeof(tp)),
			       cli_many_threads(c) ? "hit " : "",
			       b->temporary ? "Temporary breakpoint" : "Breakpoint", num);
			cli_show_stop(c, ev->tid, false);
		}
	}
shown:
commands:
	hit_vars(c, ev->bp_id, b->num);
	bpnum = b->num;
	again = run_bp_commands(c, b);
	cli_bp_hit(c, cli_bp_get(c, bpnum, NULL)); /* unless its commands deleted it */
	fflush(stdout);
	return again;
}

static void on_gone(struct cli *c, const struct cdbg_event *ev)
{
	(void)ev;
	cli_bp_process_gone(c);
}

static void on_stopped(struct cli *c, const struct cdbg_event *ev)
{
	(void)ev;
	cli_bp_prune_threads(c);
}

static void on_new_process(struct cli *c, const struct cdbg_event *ev)
{
	int n, *ids;

	(void)ev;
	cli_bp_insert_all(c);
	/* Watched expressions: their values and places in this process. */
	ids = cli_bp_ids(c, &n);
	for (int i = 0; i < n; i++) {
		struct cdbg_break_info info;
		struct cli_bp *b = cli_bp_get(c, ids[i], &info);
		if (b && info.kind >= CDBG_BREAK_WATCH_WRITE && info.enabled)
			cli_watch_rearm(c, b);
	}
	free(ids);
}

static void on_libraries(struct cli *c, const struct cdbg_event *ev)
{
	(void)ev;
	cli_bp_libraries_changed(c);
}

static int bp_number(struct cli *c, int lib_id)
{
	struct cli_bp *b = cli_bp_by_lib_id(c, lib_id);

	return b ? b->num : 0;
}

void cli_break_init(void)
{
	cli_set_breakpoints(on_bp_stop, bp_number);
	cli_catch_init();
	cli_observe(CLI_OBS_GONE, on_gone);
	cli_observe(CLI_OBS_STOPPED, on_stopped);
	cli_observe(CLI_OBS_NEW_PROCESS, on_new_process);
	cli_observe(CLI_OBS_LIBRARIES, on_libraries);
}
