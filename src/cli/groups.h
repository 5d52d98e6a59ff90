/*
 * groups.h - the command groups (cmd_*.c) as the top of the CLI (dispatch.c, main.c) sees
 * them: their command tables, their start-up registration, and the few entry points dispatch
 * calls. A core file (core_*.c) must not include it.
 */
#ifndef CDBG_CLI_GROUPS_H
#define CDBG_CLI_GROUPS_H

#include "cli.h"

/* Command tables, each ended by an entry with name NULL; dispatch.c lists them in the order
 * `help` shows them. */
extern const struct cli_cmd cli_cmds_core[];       /* dispatch.c: help, info, set, show, echo... */
extern const struct cli_cmd cli_cmds_run[];        /* cmd_run.c: run, start, continue, signal */
extern const struct cli_cmd cli_cmds_run_tail[];   /* cmd_run.c: kill, detach, attach, file, quit */
extern const struct cli_cmd cli_cmds_call[];       /* cmd_call.c: call */
extern const struct cli_cmd cli_cmds_inject[];     /* cmd_inject.c: inject */
extern const struct cli_cmd cli_cmds_signals[];    /* cmd_signals.c: handle */
extern const struct cli_cmd cli_cmds_threads[];    /* cmd_threads.c: thread */
extern const struct cli_cmd cli_cmds_break[];      /* cmd_break.c: break, delete, watch... */
extern const struct cli_cmd cli_cmds_data[];       /* cmd_data.c: print, x, printf, display... */
extern const struct cli_cmd cli_cmds_stack[];      /* cmd_stack.c: backtrace, frame, up, down */
extern const struct cli_cmd cli_cmds_step[];       /* cmd_step.c: step, next, stepi, until... */
extern const struct cli_cmd cli_cmds_source[];     /* cmd_source.c: disassemble, list */
extern const struct cli_cmd cli_cmds_goroutines[]; /* cmd_goroutines.c: goroutine */
extern const struct cli_cmd cli_cmds_gcore[];      /* cmd_gcore.c: gcore */
/* Subcommands of `info` (info breakpoints, info registers...), merged from every group. */
extern const struct cli_cmd cli_info_core[];
extern const struct cli_cmd cli_info_threads[];
extern const struct cli_cmd cli_info_run[];
extern const struct cli_cmd cli_info_signals[];
extern const struct cli_cmd cli_info_break[];
extern const struct cli_cmd cli_info_data[];
extern const struct cli_cmd cli_info_where[]; /* where.c: sharedlibrary, symbol, address, line */
extern const struct cli_cmd cli_info_stack[];
extern const struct cli_cmd cli_info_goroutines[];
extern const struct cli_cmd cli_info_symbols[]; /* cmd_symbols.c: functions, variables, types, scope */

/* dispatch.c: start-up of a session (signal defaults; each group registers its observers). */
void cli_init(struct cli *c);
/* The command a word names (gdb's abbreviation rules), or NULL (*ambiguous says why). */
const struct cli_cmd *cli_lookup(const char *word, bool *ambiguous);

/* Start-up registration of the groups that observe the core's events. */
void cli_break_init(void);   /* cmd_break_stop.c: breakpoint reports, re-insertion */
void cli_display_init(void); /* cmd_data_display.c: displays after each stop */

/* cmd_run.c */
int cli_set_args(struct cli *c, const char *line); /* set args */
int cli_attach(struct cli *c, pid_t pid);
/* Leave the program as cdbg found it: detach from an attached one, kill a launched one. */
int cli_let_go(struct cli *c);
/* cmd_gcore.c: `cdbg gcore [-o PREFIX] PID...` (attach, write PREFIX.PID, detach). */
int cli_cmd_gcore(int argc, char **argv);
/* cmd_data.c: set var / set $x / set {T}ADDR / print X = V: an assignment. 0 or -1. */
int cli_set_assign(struct cli *c, char *args);
/* cmd_data_display.c: enable/disable display N... */
int cli_display_enable(struct cli *c, char *args, bool on);

#endif
