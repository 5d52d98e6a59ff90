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
extern const struct cli_cmd cli_cmds_core[];       /* dispatch.c: help, info, echo... */
extern const struct cli_cmd cli_cmds_settings[];   /* cmd_settings.c: set, show */
extern const struct cli_cmd cli_cmds_run[];        /* cmd_run.c: run, start, continue, signal */
extern const struct cli_cmd cli_cmds_run_tail[];   /* cmd_run.c: kill, detach, attach, file, quit */
extern const struct cli_cmd cli_cmds_call[];       /* cmd_call.c: call */
extern const struct cli_cmd cli_cmds_inject[];     /* cmd_inject.c: inject */
extern const struct cli_cmd cli_cmds_signals[];    /* cmd_signals.c: handle */
extern const struct cli_cmd cli_cmds_threads[];    /* cmd_threads.c: thread */
extern const struct cli_cmd cli_cmds_catch[];      /* cmd_break_catch.c: catch, tcatch */
extern const struct cli_cmd cli_cmds_break[];      /* cmd_break.c: break, delete, watch... */
extern const struct cli_cmd cli_cmds_data[];       /* cmd_data.c: print, x, printf, display... */
extern const struct cli_cmd cli_cmds_stack[];      /* cmd_stack.c: backtrace, frame, up, down */
extern const struct cli_cmd cli_cmds_step[];       /* cmd_step.c: step, next, stepi, until... */
extern const struct cli_cmd cli_cmds_source[];     /* cmd_source.c: disassemble, list */
extern const struct cli_cmd cli_cmds_goroutines[]; /* cmd_goroutines.c: goroutine */
extern const struct cli_cmd cli_cmds_gcore[];      /* cmd_gcore.c: gcore */
extern const struct cli_cmd cli_cmds_misc[];       /* cmd_misc.c: cd, pwd, unset */
extern const struct cli_cmd cli_cmds_maint[];      /* cmd_settings_with.c: with, maintenance */
extern const struct cli_cmd cli_cmds_break_more[]; /* cmd_break_more.c: clear, rbreak */
extern const struct cli_cmd cli_cmds_define[];     /* cmd_define.c: define, document, if, while */
extern const struct cli_cmd cli_cmds_return[];     /* cmd_return.c: return */
extern const struct cli_cmd cli_cmds_find[];       /* cmd_find.c: find */
extern const struct cli_cmd cli_cmds_complete[];   /* cmd_complete.c: complete */
extern const struct cli_cmd cli_cmds_skip[];       /* cmd_skip.c: skip */
extern const struct cli_cmd cli_cmds_macro[];      /* cmd_macro.c: macro */
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
extern const struct cli_cmd cli_info_misc[];    /* cmd_misc.c: source */
extern const struct cli_cmd cli_info_symbols[]; /* cmd_symbols.c: functions, variables, types, scope */
extern const struct cli_cmd cli_info_skip[];    /* cmd_skip.c: skip */
extern const struct cli_cmd cli_info_macro[]; /* cmd_macro.c: macro, macros */

/* dispatch.c: start-up of a session (signal defaults; each group registers its observers). */
void cli_init(struct cli *c);
/* The command a word names (gdb's abbreviation rules), or NULL (*ambiguous says why). */
const struct cli_cmd *cli_lookup(const char *word, bool *ambiguous);

/* Start-up registration of the groups that observe the core's events. */
void cli_catch_init(void);   /* cmd_break_catch.c: catchpoint reports */
void cli_break_init(void);   /* cmd_break_stop.c: breakpoint reports, re-insertion */
void cli_display_init(void); /* cmd_data_display.c: displays after each stop */

/* cmd_settings.c: gdb's defaults of the settings in struct cli. */
struct cli_settings_hooks {
	int (*set_assign)(struct cli *c, char *args);     /* cmd_data.c: set var */
	int (*set_args)(struct cli *c, const char *line); /* cmd_run.c: set args */
	int (*set_sched)(struct cli *c, char *args);      /* cmd_step.c: set scheduler-locking */
	int (*show_sched)(struct cli *c);                 /* cmd_step.c: show scheduler-locking */
	int (*show_user)(struct cli *c, char *args);      /* cmd_define.c: show user [NAME] */
};
void cli_settings_init(struct cli *c, const struct cli_settings_hooks *h);
/* cmd_settings_more.c: set/show of the settings cmd_settings.c passes on (history, check,
 * environment, radix...): 0 or -1 when name is one of them, 1 when it is not. */
int cli_settings_more(struct cli *c, const char *name, char *rest, bool set);

/* cmd_run.c */
int cli_set_args(struct cli *c, const char *line); /* set args */
int cli_attach(struct cli *c, pid_t pid);
/* Leave the program as cdbg found it: detach from an attached one, kill a launched one. */
int cli_let_go(struct cli *c);
/* cmd_alias.c: the user's aliases. cli_alias_rewrite: line with its aliases expanded ("spe 5"
 * -> "set p elem 5"; a new string), or NULL when none applies. */
extern const struct cli_cmd cli_cmds_alias[];
char *cli_alias_rewrite(const char *line);
/* the top-level aliases of command k (newest first): name, default args, doc (NULL: none) */
void cli_alias_each_of(const struct cli_cmd *k,
		       void (*fn)(void *, const char *, const char *, const char *), void *data);
/* every listed (not -a) top-level alias: name, target, default args, doc */
void cli_alias_each_listed(void (*fn)(void *, const char *, const char *, const char *,
				      const char *),
			   void *data);
bool cli_alias_get(const char *name, const char **target, const char **defargs, const char **doc);
/* `document ALIAS`: doc (malloc'd, taken) becomes the alias's; -1 when name is no alias. */
int cli_alias_document(const char *name, char *doc);
/* cmd_help.c: help [CLASS|COMMAND|all], apropos [-v] REGEXP, over the tables and hooks of
 * dispatch.c. */
struct cli_help_ctx {
	const struct cli_cmd *const *tabs;
	size_t ntabs;
	const struct cli_cmd *const *info_tabs;
	size_t ninfo;
	const struct cli_cmd *(*find_info)(const char *word, bool *ambiguous);
	int (*info_list)(void); /* help info */
	bool (*define_help)(const char *name);
	void (*define_each_doc)(void (*fn)(void *, const char *, const char *), void *data);
	void (*alias_each_of)(const struct cli_cmd *k,
			      void (*fn)(void *, const char *, const char *, const char *),
			      void *data);
	void (*alias_each_listed)(void (*fn)(void *, const char *, const char *, const char *,
					     const char *),
				  void *data);
	bool (*alias_get)(const char *name, const char **target, const char **defargs,
			  const char **doc);
};
int cli_help(struct cli *c, char *args, const struct cli_help_ctx *h);
int cli_apropos(struct cli *c, char *args, const struct cli_help_ctx *h);
/* cmd_gcore.c: `cdbg gcore [-o PREFIX] PID...` (attach, write PREFIX.PID, detach). */
int cli_cmd_gcore(int argc, char **argv);
/* cmd_run_core.c: load core file path (gdb's words: "Core was generated by"...; the program
 * found from the core when none was given), or let the core go (say: "No core file now."). */
int cli_core_load(struct cli *c, const char *path);
int cli_core_drop(struct cli *c, bool say);
int cli_cmd_core_file(struct cli *c, char *args);
int cli_core_info_proc(struct cli *c, char *args);
/* cmd_define.c: run the user-defined command word names (exact: only its whole name, else
 * also a unique beginning) with args; CLI_NOT_USER when there is none, else 0 or -1. */
#define CLI_NOT_USER (-2)
int cli_define_call(struct cli *c, const char *word, char *args, bool exact);
/* help NAME of a user command: its documentation ("User-defined." without); false if none. */
bool cli_define_help(const char *name);
/* Run the user's hook of command name ("hook-NAME", or "hookpost-NAME" when post): 0, or -1
 * when it failed (a failing hook-NAME stops NAME). */
int cli_define_hook(struct cli *c, const char *name, bool post);
/* Start-up: the user's hook-stop runs at each stop. */
void cli_define_init(void);
/* show user [NAME] */
int cli_define_show_user(struct cli *c, char *args);
/* the user's top-level commands with their docs (NULL: none), for help user-defined */
void cli_define_each_doc(void (*fn)(void *, const char *, const char *), void *data);
/* `document NAME` of a name that is no user command: the user's alias (cmd_alias.c) */
void cli_define_set_alias_doc(int (*fn)(const char *name, char *doc));
/* cmd_complete.c: gdb's completion of line (cli_complete in cli.h says how). */
int cli_complete_line(struct cli *c, const char *line, char ***out, bool *truncated);
/* cmd_define.c, cmd_misc.c: the user's commands (top-level ones) and aliases beginning with
 * prefix, for completion. */
void cli_define_each(const char *prefix, void (*fn)(void *, const char *), void *data);
void cli_alias_each(const char *prefix, void (*fn)(void *, const char *), void *data);
/* cmd_complete.c: gdb's completion of line (cli_complete in cli.h says how). */
int cli_complete_line(struct cli *c, const char *line, char ***out, bool *truncated);
/* cmd_define.c, cmd_misc.c: the user's commands (top-level ones) and aliases beginning with
 * prefix, for completion. */
void cli_define_each(const char *prefix, void (*fn)(void *, const char *), void *data);
void cli_alias_each(const char *prefix, void (*fn)(void *, const char *), void *data);
/* cmd_data.c: set var / set $x / set {T}ADDR / print X = V: an assignment. 0 or -1. */
int cli_set_assign(struct cli *c, char *args);
/* cmd_step.c: set scheduler-locking MODE / show scheduler-locking. 0 or -1. */
int cli_set_scheduler_locking(struct cli *c, char *args);
int cli_show_scheduler_locking(struct cli *c);
/* cmd_data_display.c: enable/disable display N... */
int cli_display_enable(struct cli *c, char *args, bool on);

#endif
