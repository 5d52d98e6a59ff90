/*
 * core_observe.c - what the core tells the command groups: a stop was shown, the process is
 * gone, libraries changed, a new process is held (gdb's observers: normal_stop ->
 * displays). Groups subscribe at start-up (cli_init in dispatch.c calls each group's init);
 * observers of one event run in the order they subscribed. The breakpoint group also gives
 * the core two functions: the report of a stop at a breakpoint, and a breakpoint's number.
 *
 * Owns: the subscriptions. Must not: use a command group's files (scripts/check-cli-cycles).
 */
#include <stdlib.h>

#include "cli.h"

#define MAX_OBSERVERS 8

static cli_observer observers[CLI_OBS_COUNT][MAX_OBSERVERS];
static int (*bp_report)(struct cli *c, const struct cdbg_event *ev);
static int (*bp_number)(struct cli *c, int lib_id);

void cli_observe(enum cli_obs_kind kind, cli_observer fn)
{
	for (int i = 0; i < MAX_OBSERVERS; i++) {
		if (!observers[kind][i]) {
			observers[kind][i] = fn;
			return;
		}
	}
	abort(); /* a fixed set of groups subscribes: more is a programming error */
}

void cli_notify(struct cli *c, enum cli_obs_kind kind, const struct cdbg_event *ev)
{
	for (int i = 0; i < MAX_OBSERVERS && observers[kind][i]; i++)
		observers[kind][i](c, ev);
}

void cli_set_breakpoints(int (*report)(struct cli *, const struct cdbg_event *),
			 int (*number)(struct cli *, int))
{
	bp_report = report;
	bp_number = number;
}

static int (*display_switch)(struct cli *, char *, bool);

void cli_set_display_switch(int (*fn)(struct cli *c, char *args, bool on))
{
	display_switch = fn;
}

int cli_display_switch(struct cli *c, char *args, bool on)
{
	return display_switch ?
		       display_switch(c, args, on) :
		       cli_error(c, "cdbg has no displays to %s.", on ? "enable" : "disable");
}

int cli_report_breakpoint(struct cli *c, const struct cdbg_event *ev)
{
	return bp_report ? bp_report(c, ev) : -1;
}

static int (*catch_report)(struct cli *c, const struct cdbg_event *ev);

void cli_set_catch_report(int (*report)(struct cli *c, const struct cdbg_event *ev))
{
	catch_report = report;
}

int cli_report_catch(struct cli *c, const struct cdbg_event *ev)
{
	return catch_report ? catch_report(c, ev) : -1;
}

int cli_bp_number(struct cli *c, int lib_id)
{
	return bp_number ? bp_number(c, lib_id) : 0;
}
