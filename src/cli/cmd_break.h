/*
 * cmd_break.h - what the breakpoint command files (cmd_break.c, cmd_break_edit.c) share.
 *
 * Owns: nothing of its own: the breakpoints are the library's session (cdbg_break_*); the
 * CLI keeps beside each one only its struct cli_bp (the text typed, the `commands`), as the
 * breakpoint's user data. Must not: be included outside those files.
 */
#ifndef CDBG_CLI_CMD_BREAK_H
#define CDBG_CLI_CMD_BREAK_H

#include "cli.h"

/* The CLI's record of breakpoint id, its view fields (num, watch, len, temporary) refreshed
 * from the session; *info (may be NULL) gets the session's. NULL when there is no such
 * breakpoint. */
struct cli_bp *cli_bp_get(struct cli *c, int id, struct cdbg_break_info *info);
/* Delete breakpoint id and its record. */
void cli_bp_delete(struct cli *c, int id);
/* Enable or disable breakpoint id (loc 0) or its location loc; errors printed. */
void cli_bp_set_enabled(struct cli *c, int id, int loc, bool on);
/* The session's breakpoint numbers, ascending, into a malloc'd array (*n of them); NULL when
 * there are none (or no memory). */
int *cli_bp_ids(struct cli *c, int *n);
/* Cut trailing blanks. */
void cli_bp_trim_end(char *s);
/* Does this command line open a block closed by its own "end" (if, while, commands...)? */
bool cli_bp_opens_block(const char *line);
/* gdb prints confirmations only for commands typed at it, not for -ex lines in batch mode. */
bool cli_bp_from_tty(struct cli *c);

/* cmd_break.c: a new breakpoint of spec (text: what the user typed); its number, or -1 with
 * the error printed. */
int cli_bp_create(struct cli *c, struct cdbg_break_spec *spec, const char *text);
/* cmd_break_stop.c: run breakpoint b's commands; 1 when one of them was `continue`. */
int cli_bp_run_commands(struct cli *c, struct cli_bp *b);
/* cmd_break_catch.c: the What column of catchpoint i in info breakpoints. */
const char *cli_catch_what(struct cli *c, const struct cdbg_break_info *i);

/* cmd_break_edit.c's commands, listed in cmd_break.c's tables. */
int cli_bp_cmd_delete(struct cli *c, char *args);
int cli_bp_cmd_disable(struct cli *c, char *args);
int cli_bp_cmd_enable(struct cli *c, char *args);
int cli_bp_cmd_condition(struct cli *c, char *args);
int cli_bp_cmd_ignore(struct cli *c, char *args);
int cli_bp_cmd_commands(struct cli *c, char *args);
int cli_bp_info_breakpoints(struct cli *c, char *args);
int cli_bp_info_watchpoints(struct cli *c, char *args);

#endif
