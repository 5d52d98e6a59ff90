/*
 * cli.h - the cdbg front-end: a gdb-compatible command line over libcdbg. Everything it does
 * to a process goes through cdbg.h; this header is what the front-end's files share.
 *
 * Conventions for command handlers (int fn(struct cli *c, char *args)):
 *   - args is the rest of the line after the command name, leading blanks skipped, never NULL
 *     (may be ""); the handler may modify it.
 *   - results go to stdout in gdb's shapes; a failure prints ONE line through cli_error()
 *     (what failed, why, what to do; lowercase start, no final period... except where gdb's
 *     exact text is kept for scripts, e.g. "The program is not being run.") and returns -1.
 *   - handlers never exit and never leave the process running unless they are resuming it.
 */
#ifndef CDBG_CLI_H
#define CDBG_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "cdbg.h"

struct cli;
typedef int (*cli_fn)(struct cli *c, char *args);

/* A command: its full name, up to 3 extra names (abbreviations gdb defines, e.g. "b" for
 * break), its handler, and one line of help (first line) plus optional details. */
#define CLI_REPEAT 1u   /* an empty line repeats it (stepi, continue, x...) */
struct cli_cmd {
	const char *name;
	const char *alias[3];
	cli_fn fn;
	unsigned flags;
	const char *help;
};

/* Command tables, each ended by an entry with name NULL. Every file adds its own. */
extern const struct cli_cmd cli_cmds_core[];  /* commands.c: help, info, set, show, echo... */
extern const struct cli_cmd cli_cmds_run[];   /* run.c: run, continue, thread, signal... */
extern const struct cli_cmd cli_cmds_break[]; /* cmd_break.c: break, delete, watch... */
extern const struct cli_cmd cli_cmds_data[];  /* cmd_data.c: print, x, set var, printf... */
/* Subcommands of `info` (info breakpoints, info registers...), merged from every file. */
extern const struct cli_cmd cli_info_core[];
extern const struct cli_cmd cli_info_run[];
extern const struct cli_cmd cli_info_break[];
extern const struct cli_cmd cli_info_data[];
extern const struct cli_cmd cli_info_where[]; /* where.c: sharedlibrary, symbol, address, line */
extern const struct cli_cmd cli_cmds_stack[];  /* stack.c: backtrace, frame, up, down */
extern const struct cli_cmd cli_cmds_step[];   /* cmd_step.c: step, next, stepi, until, finish */
extern const struct cli_cmd cli_info_stack[];
extern const struct cli_cmd cli_cmds_source[]; /* cmd_source.c: disassemble, list */
extern const struct cli_cmd cli_info_source[]; /* cmd_source.c: goroutines */
/* thread apply all bt, threads with identical stacks shown once. */
int cli_bt_all_grouped(struct cli *c, pid_t *tids, int n);

/* What the CLI keeps beside each breakpoint of the library's session (cdbg_break_*), as its
 * user data: the text typed and the `commands`; num, watch, len and temporary are copied
 * from the session by cli_bp_by_lib_id for the stop report. */
struct cli_bp {
	int num;                /* the session's number, shown to the user */
	int watch;              /* CDBG_WATCH_* of a hardware kind, CLI_WATCH_READ for rwatch */
	unsigned len;           /* bytes watched (1 for breakpoints) */
	bool temporary;
	char *spec;             /* what the user typed (*0x401136, hit, file.c:12, an expression) */
	char **cmds;            /* `commands` lines */
	int ncmds;
	bool silent;            /* first command line was `silent` */
};

/* A convenience variable ($foo). */
struct cli_var {
	char *name;
	struct cdbg_value v;
	struct cli_var *next;
};

struct cli_source;

struct cli {
	cdbg_proc *p;              /* the library handle (always there) */
	bool live;                 /* a process is held */
	bool nosyms_warned;        /* said that the program's symbols cannot be read */
	bool attached;             /* ... and was attached (detach at the end), not launched */
	char *prog;                /* program file for `run` (cdbg PROG, --args, `file`) */
	char **args;               /* its arguments (NULL-terminated), from --args or `run ARGS` */
	pid_t cur_tid;             /* the selected thread */
	/* gdb thread numbers: tid -> number, given in the order threads are first seen. */
	pid_t *tnum_tid;           /* index = number */
	size_t tnum_count, tnum_alloc;
	/* Value history ($1, $2 ...) and convenience variables. */
	struct cdbg_value *hist;
	size_t nhist, alloc_hist;
	struct cli_var *vars;
	/* Breakpoints: the library's session has them; the number the next one gets. */
	int next_bp_num;
	/* Settings carried by scripts. */
	bool confirm;
	int bp_pending;            /* set breakpoint pending: 0 auto (ask), 1 on, -1 off */
	int width, height;
	/* Signal handling (gdb's `handle`), indexed by signal number. */
	bool sig_stop[65], sig_print[65], sig_pass[65];
	/* Input. */
	struct cli_source *src;    /* stack of input sources, innermost first */
	char *last_cmd;            /* the last command line, for repeating on an empty line */
	bool interactive;          /* the prompt runs on a terminal */
	bool batch, quiet;
	int errors;                /* commands that failed */
	bool quit;                 /* leave after this command */
	/* State of `x` between calls. */
	char x_fmt;
	unsigned x_size;
	uint64_t x_next;
	bool x_valid;
	/* $_exitcode of the last run, -1 if none. */
	int exitcode;
	/* The library id of the breakpoint the program last stopped at, 0 if none. */
	int stop_bp;
	/* Stops reported for a SIGINT (Ctrl-C) so far: a loop that runs commands one after
	 * another (a breakpoint's `commands`, thread apply) and sees it change was interrupted. */
	unsigned long sigint_stops;
};

/* ---- output and errors ---- */
/* Print one line to stderr (a newline is added) and count the failure; returns -1. */
int cli_error(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The library's last failure for a command that failed: prints cdbg_errmsg, returns -1. */
int cli_lib_error(struct cli *c);
/* Is a process held and stopped? If not, print gdb's message and return false. */
bool cli_need_stopped(struct cli *c);
/* Is a process held (running or stopped)? If not, print "The program is not being run.". */
bool cli_need_live(struct cli *c);

/* ---- threads ---- */
/* gdb's thread number of tid (given on first sight), and back (0 if unknown). */
int cli_thread_num(struct cli *c, pid_t tid);
pid_t cli_thread_tid(struct cli *c, int num);
/* "Thread 0x7ffff7d86640 (LWP 1234)" for tid, into buf. */
const char *cli_thread_name(struct cli *c, pid_t tid, char *buf, size_t len);

/* ---- locations and symbols ---- */
/* "hit", "hit+4", or NULL when no symbol covers addr. */
const char *cli_symbolize(struct cli *c, uint64_t addr, char *buf, size_t len);
/* Print "0x... in func ()" / "func () at file.c:12" + the source line, as gdb shows a frame
 * after a stop, for thread tid at pc. */
void cli_print_location(struct cli *c, pid_t tid, uint64_t pc, bool with_addr);
/* Resolve a location spec as gdb's break accepts it: "*EXPR", "FUNC", "FILE:LINE", "LINE".
 * Returns 0 with *addr, or prints an error and returns -1. */
int cli_resolve_location(struct cli *c, const char *spec, uint64_t *addr);
/* As cli_resolve_location, but returns -2 when the function, source file or line is not
 * (yet) in the program (a breakpoint there may be pending), with gdb's sentence printed unless quiet
 * and not counted as a failure; other errors print and return -1. */
int cli_locate(struct cli *c, const char *spec, uint64_t *addr, bool quiet);
/* As cli_locate, with every address the spec has (a line in two copies): how many (> 0, at
 * most max filled), or -1 / -2 as cli_locate. */
int cli_locate_all(struct cli *c, const char *spec, uint64_t *addrs, size_t max, bool quiet);
/* A location spec other than "*EXPR" as the session takes it: spec->function, or spec->file
 * (into file; the current file for "LINE") and spec->line. */
void cli_location_spec(struct cli *c, const char *text, struct cdbg_break_spec *spec, char *file,
		       size_t len);

/* ---- source and instructions (cmd_source.c) ---- */
/* Line `line` (from 1) of source file path, without its newline, or NULL (no such file or
 * line). Files are read once and cached until they change. */
const char *cli_source_line(const char *path, int line);
/* How many lines path has, or -1 when it cannot be read. */
int cli_source_nlines(const char *path);
/* At exit: forget the cached files. */
void cli_source_free_all(void);
/* The start of an instruction line as x/i and disassemble print it: "=> " when is_pc, else
 * three blanks; then "0x401136 <hit+4>:" (x/i: func NULL, range false), "0x0000000000401136
 * <+4>:" (disassemble of function func) or "0x0000000000401136 <hit+4>:" (range). */
void cli_insn_addr(struct cli *c, uint64_t addr, bool is_pc, const struct cdbg_symbol *func,
		   bool range);

/* ---- expressions and values ---- */
/* Evaluate expr in the selected thread with the CLI's variables and symbols. 0 or -1 (error
 * printed). */
int cli_eval(struct cli *c, const char *expr, struct cdbg_value *out);
/* Record v in the value history; returns its number ($N). */
int cli_hist_push(struct cli *c, const struct cdbg_value *v);
/* Set convenience variable $name (without '$'). */
void cli_var_set(struct cli *c, const char *name, const struct cdbg_value *v);
/* Parse an integer expression (evaluates it): 0 or -1 (error printed). */
int cli_eval_u64(struct cli *c, const char *expr, uint64_t *out);
/* Parse a plain decimal count argument ("3"); fills *n, or prints gdb-style error. */
int cli_parse_count(struct cli *c, const char *arg, long *n);
/* stack.c: the selected frame of the selected thread (0: innermost; back to 0 once the
 * thread has moved since `frame`/`up`/`down` chose it). */
int cli_selected_frame(struct cli *c);
/* stack.c: the arguments of frame level of tid as gdb's frame lines show them, "n=3, s=...",
 * nothing when the frame has no DWARF (or tid is not stopped). */
void cli_print_frame_args(struct cli *c, pid_t tid, int level);
/* A long command checks this in its loop: true (and "Quit" for Ctrl-C) when a signal asks it
 * to stop. */
bool cli_interrupted(struct cli *c);

/* ---- running ---- */
/* Execute one command line (as typed: "break hit", "info registers rip"). Returns 0 or -1. */
int cli_execute(struct cli *c, const char *line);
/* Read the next line from the current input source (for `commands ... end`, `if`...);
 * prompt is shown on a terminal. Returns a malloc'd line without newline, or NULL at EOF. */
char *cli_read_line(struct cli *c, const char *prompt);
/* Resume the process (continue, or step tid if step) and wait until something the user must
 * see: prints it. Returns 0, or -1 on error. */
int cli_resume(struct cli *c, bool step, pid_t tid, int sig);
/* Stepping over libcdbg's cdbg_step_line/cdbg_finish/cdbg_run_until (run.c): the hooks that
 * print notices and let Ctrl-C interrupt; then the result r and *ev of the call: a completed
 * step returns 1 (printed by the caller, cli_print_step_stop), anything else is reported as
 * `continue` reports it (and the process goes on if it should), 0; -1 on error. */
struct cdbg_step_hooks;
void cli_step_hooks(struct cli *c, struct cdbg_step_hooks *h);
int cli_step_result(struct cli *c, int r, struct cdbg_event *ev);
/* A completed step's stop as gdb prints it: the source line ("0x...\t12\t..." when mid-line)
 * in the same frame, else the frame's location and line; then the displays. */
void cli_print_step_stop(struct cli *c, const struct cdbg_event *ev);
/* The selected thread's location as a stop shows it (step 0). 0, or -1 when not stopped. */
int cli_show_frame(struct cli *c);
/* where.c: the source line of pc ("12\t  x++;", with "0x...\t" first when pc is not at the
 * line's start). 0, or -1 when pc has no line or the file cannot be read (nothing printed). */
int cli_print_source_line(struct cli *c, uint64_t pc);
/* Breakpoint commands (cmd_break.c) over the library's session: after a process is started
 * or attached (or exec'd), place what the session could not and print why not. */
int cli_bp_insert_all(struct cli *c);
/* The dynamic linker loaded or unloaded libraries (CDBG_EV_LIBRARIES): breakpoints by name in
 * unloaded ones become pending again, pending ones that can be placed now are inserted. */
void cli_bp_libraries_changed(struct cli *c);
/* run.c calls this after it printed a reported hit of b (deletes a temporary one). */
void cli_bp_hit(struct cli *c, struct cli_bp *b);
/* cli_bp.watch of an rwatch: inserted as CDBG_WATCH_RW; only accesses that left the value
 * unchanged are reads. */
#define CLI_WATCH_READ 4
/* At exit: free every breakpoint. */
void cli_bp_free_all(struct cli *c);

/* ---- data (cmd_data.c) ---- */
/* set var / set $x / set {T}ADDR / print X = V: an assignment. 0 or -1 (error printed). */
int cli_set_assign(struct cli *c, char *args);
/* Show the `display` expressions (after each stop). */
void cli_do_displays(struct cli *c);
/* enable/disable display N... */
int cli_display_enable(struct cli *c, char *args, bool on);
/* The CLI record of the session breakpoint whose location has library id lib_id, or NULL. */
struct cli_bp *cli_bp_by_lib_id(struct cli *c, int lib_id);
/* After the process is gone (the session keeps the hit counts itself: nothing to do). */
void cli_bp_process_gone(struct cli *c);

/* ---- calls (call.c) ---- */
/* Is expr a function call "[(TYPE)] NAME(ARGS)"? 1: made (*out, size 0 when void), -1: it was
 * one and failed (error printed), 0: not a call. */
int cli_try_call(struct cli *c, const char *expr, struct cdbg_value *out);
int cli_cmd_call(struct cli *c, char *args);
/* inject /path/lib.so (inject.c): load a library with the program's own dlopen. */
int cli_cmd_inject(struct cli *c, char *args);

/* ---- signals ---- */
const char *cli_signame(int sig);
const char *cli_sigdesc(int sig);
int cli_signum(const char *name);
extern volatile sig_atomic_t cli_got_signal;
void cli_catch_signals(void);

/* ---- the seed's commands ---- */
int cli_cmd_attach(int argc, char **argv);
int cli_cmd_exec(int argc, char **argv);
int cli_print_event(cdbg_proc *p, const struct cdbg_event *ev, const char *prog);

/* ---- small helpers ---- */
char *cli_skip_ws(char *s);
/* Split off the first word of *s (blank-separated); returns it (NUL-terminated), advances *s. */
char *cli_next_word(char **s);
/* Unescape C escapes (\n \t \\ \" \e \a \NNN) in place; returns the new length. */
size_t cli_unescape(char *s);

#endif
