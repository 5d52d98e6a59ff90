/*
 * cli.h - the cdbg front-end: a gdb-compatible command line over libcdbg. Everything it does
 * to a process goes through cdbg.h; this header is the CLI's core (the core_*.c files, with
 * where.c and format.c), which every command group (cmd_*.c) may use. Group entry points the
 * top (dispatch.c) calls are in groups.h. scripts/check-cli-cycles keeps the direction: the
 * core uses no command group, a group no top file.
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

#include <regex.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "cdbg.h"

struct cli;
typedef int (*cli_fn)(struct cli *c, char *args);

/* A command: its full name, up to 3 extra names (abbreviations gdb defines, e.g. "b" for
 * break), its handler, and one line of help (first line) plus optional details. */
#define CLI_REPEAT 1u    /* an empty line repeats it (stepi, continue, x...) */
#define CLI_NO_REPEAT 2u /* gdb's dont_repeat: `with` without a command does not run it again */
struct cli_cmd {
	const char *name;
	const char *alias[3];
	cli_fn fn;
	unsigned flags;
	const char *help;
};

/* Command tables (each ended by an entry with name NULL) are declared in groups.h. */

/* What the CLI keeps beside each breakpoint of the library's session (cdbg_break_*), as its
 * user data: the text typed and the `commands`; num, watch, len and temporary are copied
 * from the session by cli_bp_by_lib_id for the stop report. */
struct cli_bp {
	int num;      /* the session's number, shown to the user */
	int watch;    /* CDBG_WATCH_* of a hardware kind, CLI_WATCH_READ for rwatch */
	unsigned len; /* bytes watched (1 for breakpoints) */
	bool temporary;
	char *spec;  /* what the user typed (*0x401136, hit, file.c:12, an expression) */
	char **cmds; /* `commands` lines */
	int ncmds;
	bool silent;    /* first command line was `silent` */
	char *dprintf;  /* a dprintf's "FORMAT",ARGS (its command: cli_bp_dprintf_line), else
			 * NULL */
	int thread_num; /* thread-specific: gdb's number of its thread (for the message when the
			 * thread goes), else 0 */
	/* A watchpoint on the locals of a frame (cmd_break_scope.c): the breakpoint of the
	 * library's lower layer at the frame's return address (0: none), the frame's CFA and
	 * thread. */
	int scope_id;
	uint64_t scope_cfa;
	pid_t scope_tid;
	char *old_text;  /* a watchpoint: its value when last seen, as print shows it (malloc'ed) */
	char *cond_func; /* a watchpoint's condition names the locals of this function */
	struct cdbg_watch_range *ranges; /* a watchpoint: the memory it watches now (malloc'ed) */
	int nranges;
};

/* A convenience variable ($foo). */
struct cli_var {
	char *name;
	struct cdbg_value v;
	struct cli_var *next;
};

struct cli_source;

/* set print frame-arguments (the order of gdb's names) */
enum { CLI_FRAME_ARGS_ALL, CLI_FRAME_ARGS_SCALARS, CLI_FRAME_ARGS_NONE, CLI_FRAME_ARGS_PRESENCE };

enum cli_stop_why {
	CLI_STOP_NONE,
	CLI_STOP_BREAKPOINT, /* stop_bp */
	CLI_STOP_STEPPED,
	CLI_STOP_GONE_BP, /* a breakpoint of finish/until/advance, deleted since */
	CLI_STOP_SIGNAL,  /* stop_sig */
};

struct cli {
	cdbg_proc *p; /* the library handle (always there) */
	/* What is held (cdbg_target): nothing or the program's file alone (live false), a process
	 * (live), or a core file (live and core). live means "threads, registers and memory can be
	 * read"; core that nothing may run or change them: cli_need_live and cli_need_stopped
	 * refuse a core, cli_need_frames accepts it. */
	bool live;
	bool core;
	/* A core's threads are glibc's (libc.so or libpthread mapped): gdb names them "Thread
	 * 0x... (LWP n)" from libthread_db, else "LWP n". -1: not looked yet. */
	signed char core_nptl;
	bool nosyms_warned;   /* said that the program's symbols cannot be read */
	bool attached;        /* ... and was attached (detach at the end), not launched */
	char *prog;           /* program file for `run` (cdbg PROG, --args, `file`) */
	char **args;          /* its arguments (NULL-terminated), from --args or `run ARGS` */
	pid_t cur_tid;        /* the selected thread */
	int inf_num;          /* gdb's number of the current inferior (0: 1); a followed fork child
			     * gets the next one */
	bool follow_child;    /* set follow-fork-mode child */
	bool follow_exec_new; /* set follow-exec-mode new */
	/* gdb thread numbers: tid -> number, given in the order threads are first seen. */
	pid_t *tnum_tid;  /* index = number */
	char **tnum_name; /* the name `thread name` gave, by number (NULL: none) */
	size_t tnum_count, tnum_alloc;
	/* Value history ($1, $2 ...) and convenience variables. */
	struct cdbg_value *hist;
	size_t nhist, alloc_hist;
	struct cli_var *vars;
	/* Breakpoints: the library's session has them; the number the next one gets. */
	int next_bp_num;
	/* Settings carried by scripts (cmd_settings.c; gdb's defaults: cli_settings_init). */
	bool confirm;
	int bp_pending;          /* set breakpoint pending: 0 auto (ask), 1 on, -1 off */
	bool bp_always_inserted; /* set breakpoint always-inserted: what show says. cdbg keeps
				  * the int3s in while stopped either way and hides them from
				  * every read, so both modes look alike (gdb's "on") */
	int dprintf_style;       /* set dprintf-style: 0 gdb, 1 call, 2 agent (as gdb) */
	char *dprintf_function;  /* set dprintf-function (NULL: printf) */
	char *dprintf_channel;   /* set dprintf-channel (NULL: none) */
	bool no_dd_dprintf;      /* set disconnected-dprintf off: only shown. Only an agent keeps
				  * dprintfs in a process gdb left; a native detach takes every
				  * int3 out with either value, as gdb's */
	bool no_thread_events;   /* set print thread-events off: no [New Thread ...] notices */
	int width, height;
	bool width_unlimited;         /* set width 0|unlimited (width 0 is also "not set") */
	struct cdbg_print_opts print; /* set print elements, repeats, address; print.styled:
				       * style_enabled on a terminal (cli_style_update) */
	bool style_enabled;    /* set style enabled (on unless TERM is dumb, off in -batch) */
	bool style_tty;        /* standard output is a terminal: styles can be shown */
	bool style_sources;    /* set style sources */
	bool style_disasm;     /* set style disassembler enabled */
	bool style_libopcodes; /* maintenance set libopcodes-styling enabled */
	bool print_nibbles;    /* set print nibbles (print.nibbles: its separator) */
	bool sevenbit;         /* set print sevenbit-strings */
	int language;          /* set language: an index in cmd_settings.c's list, 0 auto */
	int frame_args;        /* set print frame-arguments: CLI_FRAME_ARGS_* */
	int listsize;          /* set listsize: 0 unlimited */
	unsigned input_radix;  /* set input-radix (the library's too): 0 is 10 */
	int max_completions;   /* set max-completions: -1 unlimited */
	bool pagination;
	bool no_hw_watch;      /* set can-use-hw-watchpoints 0: watchpoints by single-stepping */
	bool no_aslr;          /* set disable-randomization */
	bool no_calls;         /* set may-call-functions off: calls are refused */
	bool unwind_on_signal; /* set unwindonsignal on: a signal in a called function restores
				* the thread (gdb's default, off, leaves it there) */
	/* Input. */
	struct cli_source *src; /* stack of input sources, innermost first */
	/* The command file the line being run came from (-x, source), its line; NULL when the
	 * line came from elsewhere. An error there names it (and the files that sourced it) and
	 * ends those files, as in gdb. */
	const struct cli_src_file *src_file;
	int src_line;
	char *last_cmd;          /* the last command line, for repeating on an empty line */
	char *inferior_cwd;      /* set cwd: the program's working directory when run, NULL: ours */
	bool no_inferior_events; /* set print inferior-events off: no [Inferior N ... killed],
				  * detached, [New inferior] lines */
	int stop_on_solib;       /* set stop-on-solib-events: stop when libraries change */
	int displaced;           /* set displaced-stepping: 0 auto (on), 1 on, 2 off */
	char **solibs;           /* the libraries the last such stop saw (core_stop.c) */
	int nsolibs;
	char *prev_cmd;        /* while a command runs: the line read from the input before it
			   * (not from -ex, -x or source), which gdb's with repeats; not owned */
	bool relaunched;       /* the command ran prev_cmd again (it stays the line before) */
	char *opts_cpl_result; /* what completing `maintenance test-options` concluded (gdb's
				* test of its option completion): "1 OPTIONS -- TEXT" or "0 TEXT" */
	bool types_only;  /* ptype/whatis evaluates: $_functions are not run, they are int (gdb's
			   * EVAL_AVOID_SIDE_EFFECTS of an internal function) */
	bool interactive; /* the prompt runs on a terminal */
	bool batch, quiet;
	int errors; /* commands that failed */
	bool quit;  /* leave after this command */
	/* $_exitcode of the last run, -1 if none; $_exitsignal, the signal that killed it. */
	int exitcode, exitsignal;
	/* The library id of the breakpoint the program last stopped at, 0 if none. */
	int stop_bp;
	/* Why it last stopped, for info program (enum cli_stop_why), and the signal. */
	int stop_why, stop_sig;
	/* Go programs: the library breakpoints (cdbg_bp_insert) at runtime.fatalpanic,
	 * runtime.throw and runtime.fatal that stop an unrecovered panic or a fatal error before
	 * the program dies (core_golang.c), 0 when none. */
	int go_panic_bp, go_throw_bp, go_fatal_bp;
	/* Stops reported for a SIGINT (Ctrl-C) so far: a loop that runs commands one after
	 * another (a breakpoint's `commands`, thread apply) and sees it change was interrupted. */
	unsigned long sigint_stops;
	/* gdb's skip list (core_skip.c), and the number the last entry got. */
	struct cli_skip *skips;
	int nskips, skip_num;
};

/* ---- core_skip.c: the functions and files step steps over (gdb's skip) ---- */
struct cli_skip {
	int num;
	bool enabled;
	char *file; /* a file name, or a glob (file_glob); NULL: any file */
	bool file_glob;
	char *func; /* a function name, or an extended regular expression (func_regex); NULL: any */
	bool func_regex;
	regex_t re; /* func compiled when func_regex */
};
/* Does the function at entry match an enabled entry? */
bool cli_skip_match(struct cli *c, uint64_t entry);
/* A new entry (a copy of file and func, either may be NULL): 0, or -1 with the error printed. */
int cli_skip_add(struct cli *c, const char *file, bool glob, const char *func, bool regex);
/* Delete entry i of c->skips; free them all at exit. */
void cli_skip_remove(struct cli *c, int i);
void cli_skip_free_all(struct cli *c);

/* ---- core_util.c: output, errors, words ---- */
/* Print one line to stderr (a newline is added) and count the failure; returns -1. */
int cli_error(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The library's last failure for a command that failed: prints cdbg_errmsg, returns -1. */
int cli_lib_error(struct cli *c);
/* Is a process held and stopped? If not, print gdb's message and return false. */
bool cli_need_stopped(struct cli *c);
/* Is a process held (running or stopped)? If not (nothing, or a core), print "The program is
 * not being run.". */
bool cli_need_live(struct cli *c);
/* Are threads, registers and memory there to read: a stopped process or a core? If not, print
 * gdb's message and return false. */
bool cli_need_frames(struct cli *c);
/* cli_need_frames, with gdb's sentence none ("No stack.") when there is no process or core. */
bool cli_need_stack(struct cli *c, const char *none);
/* The names cli_eval knows beyond the program's ($vars, symbols without DWARF), for an
 * expression the library keeps (break *EXPR); lives as long as the CLI. (core_values.c) */
const struct cdbg_eval_env *cli_eval_env(struct cli *c);
/* ---- core_funcs.c: gdb's convenience functions ($_strlen, $_gdb_setting ...) ---- */
/* Is name (without '$') one of them? */
bool cli_func_name(const char *name);
/* Each one's name (without '$'), in order. */
void cli_func_each(void (*fn)(void *data, const char *name), void *data);
/* The value of setting name ("print pretty") as `show` says it ("on", "auto", the text of a
 * string), malloc'ed; NULL when name is no setting that shows one value. */
char *cli_setting_value(struct cli *c, const char *name);
/* $name(args) for cdbg_eval_env.func: 0 with *out, -1 with a sentence in err, 1 when name is
 * none of them. */
int cli_func_call(struct cli *c, const char *name, const struct cdbg_value *args, int nargs,
		  struct cdbg_value *out, char *err, size_t errlen);
/* ---- core_target.c ---- */
/* Can symbols, lines, types and memory be read: a process, a core, or the program's file
 * (before it runs, at the file's addresses)? */
bool cli_symbols(struct cli *c);
/* cli_symbols, or gdb's "No symbol table is loaded.  Use the \"file\" command." */
bool cli_need_symbols(struct cli *c);
/* A long command checks this in its loop: true (and "Quit" for Ctrl-C) when a signal asks it
 * to stop. */
bool cli_interrupted(struct cli *c);
/* Parse a plain decimal count argument ("3"); fills *n, or prints gdb-style error. */
int cli_parse_count(struct cli *c, const char *arg, long *n);
char *cli_skip_ws(char *s);
/* The escape that starts (cli_st) or ends (cli_st_end) style s when output is styled, else ""
 * (core_util.c). */
const char *cli_st(const struct cli *c, enum cdbg_style s);
const char *cli_st_end(const struct cli *c, enum cdbg_style s);
/* str on standard output in style s (cli_st). */
void cli_puts_st(const struct cli *c, enum cdbg_style s, const char *str);
/* print.styled from the style settings and the terminal. */
void cli_style_update(struct cli *c);
/* gdb's buildargv: s split in place into words at blanks, quotes ('', "") and backslashes
 * taken away; up to max words in argv. Returns how many (max + 1: more). */
int cli_buildargv(char *s, char **argv, int max);
/* Split off the first word of *s (blank-separated); returns it (NUL-terminated), advances *s. */
char *cli_next_word(char **s);
/* Unescape C escapes (\n \t \\ \" \e \a \NNN) in place; returns the new length. */
size_t cli_unescape(char *s);

/* ---- core_util.c: the command interpreter (dispatch.c registers it in cli_init) ---- */
struct cli_interp {
	int (*execute)(struct cli *c, const char *line);
	unsigned (*last_flags)(void); /* the CLI_* flags of the command last executed */
	void (*each_command)(const char *prefix, void (*fn)(void *, const char *), void *data);
	const struct cli_cmd *(*lookup)(const char *word, bool *ambiguous);
	/* completion (cmd_complete.c): the words of a kind, the command a word names */
	void (*each_word)(int what, const char *prefix, void (*fn)(void *, const char *),
			  void *data);
	const struct cli_cmd *(*find_word)(int what, const char *word, bool *ambiguous);
	int (*complete)(struct cli *c, const char *line, char ***out, bool *truncated);
};
void cli_set_interp(const struct cli_interp *i);
/* Execute one command line (as typed: "break hit", "info registers rip"). Returns 0 or -1. */
int cli_execute(struct cli *c, const char *line);
/* The command a word names (gdb's abbreviation rules), or NULL (*ambiguous says why). */
const struct cli_cmd *cli_find_command(const char *word, bool *ambiguous);
/* Does the command last executed repeat on an empty line (CLI_REPEAT)? */
bool cli_last_repeats(void);
/* Its CLI_* flags (0 when none ran). */
unsigned cli_last_flags(void);
/* Names for tab completion: calls fn for every command name starting with prefix. */
void cli_each_command(const char *prefix, void (*fn)(void *, const char *), void *data);
/* Words for completion: CLI_WORDS_COMMANDS, the commands a line may begin with (built-in names
 * and the aliases gdb lists, the user's commands and aliases); CLI_WORDS_INFO, info's
 * subcommands. cli_find_word: the built-in command of that kind a word names, or NULL. */
#define CLI_WORDS_COMMANDS 0
#define CLI_WORDS_INFO 1
void cli_each_word(int what, const char *prefix, void (*fn)(void *, const char *), void *data);
const struct cli_cmd *cli_find_word(int what, const char *word, bool *ambiguous);
/* gdb's completion of line (cmd_complete.c): the completed lines, sorted, unique, at most
 * max-completions (*truncated when it was reached), in *out (each and the array malloc'd).
 * Returns how many, or -1 (out of memory). */
int cli_complete(struct cli *c, const char *line, char ***out, bool *truncated);

/* ---- core_repl.c: where command lines come from ---- */
/* Read the next line from the current input source (for `commands ... end`, `if`...);
 * prompt is shown on a terminal. Returns a malloc'd line without newline, or NULL at EOF. */
char *cli_read_line(struct cli *c, const char *prompt);
/* Queue a line or a file's lines (in front of the queue, or at its end). 0 or -1. */
int cli_queue_line(struct cli *c, const char *line, bool front);
int cli_queue_file(struct cli *c, const char *path, bool front);
/* `source FILE`: its commands run next. */
int cli_source_file(struct cli *c, const char *path);
/* gdb's query(): with `set confirm off`, yes without a word; a person at the terminal answers
 * "QUESTION(y or n) "; other input (batch, a pipe, a script) prints the question with
 * "[answered Y; input not from terminal]" and gets yes. */
bool cli_query(struct cli *c, const char *question);
/* gdb's from_tty: the command was typed (or piped) at the prompt or given by -ex, not in batch
 * mode. (Lines of a script are taken as typed: cdbg does not tell them apart yet.) */
bool cli_from_tty(struct cli *c);
/* The prompt (libedit on a terminal: history, completion), and the command loop. */
void cli_prompt_init(struct cli *c);
void cli_prompt_done(struct cli *c);
void cli_loop(struct cli *c);
/* set prompt (the prompt of the command loop, "(cdbg) " at first) and set editing (libedit at
 * a terminal; off: lines are read as from a pipe). */
const char *cli_prompt(void);
void cli_set_prompt(const char *text);
bool cli_editing(struct cli *c);
void cli_set_editing(bool on);
/* Free the queue of pending lines. */
void cli_queue_free(struct cli *c);
/* A command file being read: its name, and the file and line that sourced it (NULL at the top). */
struct cli_src_file {
	char *name;
	const struct cli_src_file *parent;
	int parent_line;
	struct cli_src_file *next_all; /* every reading, freed by cli_queue_free */
};

/* ---- core_script.c: blocks of command lines and gdb's control flow ---- */
struct cli_lines {
	char **v;
	int n, alloc;
};
int cli_lines_add(struct cli_lines *l, const char *line);
void cli_lines_free(struct cli_lines *l);
/* Does line (blanks skipped) open a block closed by "end" (if, while, define, commands...)? */
bool cli_opens_block(const char *line);
/* Read lines from the input up to the "end" closing the block (not kept), prompting with
 * level blanks and ">" on a terminal. parse: gdb's command lines (blanks around each line,
 * empty and comment lines go; blocks nest); else every line as typed, up to a line "end"
 * (`document`). 0, -1 when out of memory (the block is read all the same), -2 after gdb's
 * error for an if, while or define with no argument (printed; the rest is left unread). */
int cli_read_block(struct cli *c, int level, bool parse, struct cli_lines *out);
/* Results of running lines: an error aborted them, the line function asked to stop (a
 * breakpoint's `continue`), or a loop_break / loop_continue no loop took. */
enum { CLI_RUN_ERROR = -1, CLI_RUN_OK, CLI_RUN_STOP, CLI_RUN_BREAK, CLI_RUN_CONTINUE };
/* Runs one simple line (not if/while/loop_*): a CLI_RUN_* result. */
typedef int (*cli_line_fn)(struct cli *c, char *line, void *data);
/* Run lines with if/else/while/loop_break/loop_continue; the other lines through fn (NULL:
 * cli_execute, whose failure aborts the rest). Other blocks (define, commands) read their
 * lines from the input, where they are put first. top: what the lines are, for a
 * loop_break/loop_continue outside any loop (gdb: ignored in breakpoint commands; in a user
 * command loop_continue ends it with a warning). A CLI_RUN_* result. */
enum { CLI_TOP_NONE, CLI_TOP_USER, CLI_TOP_BP };
int cli_run_lines(struct cli *c, char *const *lines, int n, cli_line_fn fn, void *data, int top);
/* A line beginning with this character is an error message: running it prints the message
 * and fails (a user command's line that names a missing $argN). */
#define CLI_LINE_ERROR '\001'
/* Is expr true (nonzero)? 0, or -1 (error printed). */
int cli_truth(struct cli *c, const char *expr, bool *out);
/* Print lines indented by indent blanks plus two per block level (show user). */
void cli_print_lines(char *const *lines, int n, int indent);

/* ---- cmd_run.c: the program's file ---- */
/* Use path as the program (gdb's `file`): kept for `run`, its symbols read by the library
 * (cdbg_file_open) until a process starts; say: print gdb's "Reading symbols from". 0 or -1
 * (error printed; a file that is not ELF is still kept for `run`). */
int cli_set_program(struct cli *c, const char *path, bool say);

/* ---- core_values.c: expressions and values ---- */
/* Evaluate expr in the selected thread with the CLI's variables and symbols. 0 or -1 (error
 * printed). */
int cli_eval(struct cli *c, const char *expr, struct cdbg_value *out);
/* Record v in the value history; returns its number ($N). */
int cli_hist_push(struct cli *c, const struct cdbg_value *v);
/* Set convenience variable $name (without '$'). */
void cli_var_set(struct cli *c, const char *name, const struct cdbg_value *v);
/* A stop at library breakpoint bp_id: $_hit_bpnum and $_hit_locno. */
void cli_note_hit(struct cli *c, int bp_id);
/* Parse an integer expression (evaluates it): 0 or -1 (error printed). */
int cli_eval_u64(struct cli *c, const char *expr, uint64_t *out);

/* ---- core_call.c: function calls in expressions ---- */
/* Is expr a function call "[(TYPE)] NAME(ARGS)"? 1: made (*out, size 0 when void), -1: it was
 * one and failed (error printed), 0: not a call. */
int cli_try_call(struct cli *c, const char *expr, struct cdbg_value *out);

/* ---- core_threads.c ---- */
/* gdb's thread number of tid (given on first sight), and back (0 if unknown). */
int cli_thread_num(struct cli *c, pid_t tid);
pid_t cli_thread_tid(struct cli *c, int num);
/* "Thread 0x7ffff7d86640 (LWP 1234)" for tid, into buf. */
const char *cli_thread_name(struct cli *c, pid_t tid, char *buf, size_t len);
/* Has the program more than one thread? */
bool cli_many_threads(struct cli *c);
/* "Thread 2 "worker" " for a multi-threaded program, "" otherwise (gdb's stop lines). */
const char *cli_thread_prefix(struct cli *c, pid_t tid, char *buf, size_t len);
/* The name `thread name` gave thread tid, else NULL. */
const char *cli_thread_user_name(struct cli *c, pid_t tid);
/* Forget the numbers and the names given (a new process). */
void cli_thread_numbers_reset(struct cli *c);
/* The live threads in gdb's numbering, ascending, into *out (malloc'd). Returns the count. */
int cli_thread_list(struct cli *c, pid_t **out);
/* gdb's flags of thread apply and frame apply: -c (go on after an error, printed), -s (say
 * nothing for a failing or silent command), -q (no thread or frame header). */
struct cli_qcs {
	bool cont, silent, quiet;
};
/* Parse the flags (and -ascending when asc is not NULL) at *args, moving it past them; gdb's
 * "WHICH: -c and -s are mutually exclusive". 0 or -1 (error printed). */
int cli_qcs_parse(struct cli *c, const char *which, char **args, struct cli_qcs *f, bool *asc);
/* The option definitions (core_options.h) of frame apply, thread apply all, thread apply
 * LIST, for their completion: *n of them. */
enum cli_apply_kind { CLI_APPLY_FRAME, CLI_APPLY_THREAD_ALL, CLI_APPLY_THREAD };
struct cli_opt_def;
const struct cli_opt_def *cli_apply_opts(enum cli_apply_kind kind, size_t *n);
/* Run cmd as thread/frame apply runs it for one thread or frame, header() printing the
 * header before its output. 0, or -1 when it failed and the apply must stop (no -c, -s). */
int cli_apply_one(struct cli *c, const char *cmd, const struct cli_qcs *f,
		  void (*header)(struct cli *c, void *arg), void *arg);

/* ---- core_frame.c: frames as shown ---- */
#define CLI_MAX_FRAMES 256
/* The selected frame of the selected thread (0: innermost; back to 0 once the thread has
 * moved since `frame`/`up`/`down` chose it), and choosing one. */
int cli_selected_frame(struct cli *c);
void cli_select_frame(struct cli *c, int level);
/* The arguments of frame level of tid as gdb's frame lines show them, "n=3, s=...", nothing
 * when the frame has no DWARF (or tid is not stopped). */
void cli_print_frame_args(struct cli *c, pid_t tid, int level);
/* gdb's wrapping of a frame line at `set width N` (core_frame.c): cli_wrap_begin returns where
 * to write the line (kept when a width is set, else stdout), cli_wrap_hint marks gdb's
 * wrap_here (indent) points, cli_wrap_end writes the kept line wrapped (col: its start). */
FILE *cli_wrap_begin(struct cli *c);
void cli_wrap_hint(int indent);
void cli_wrap_end(struct cli *c, int col);
/* "#1  0x... in f (n=3) at x.c:3" for frame i of tid. */
void cli_print_frame_line(struct cli *c, pid_t tid, int i, const struct cdbg_frame *f);
/* The same without "#1  ": "0x... in f (n=3) at x.c:3" (info threads' Frame column). */
void cli_print_frame_text(struct cli *c, pid_t tid, int i, const struct cdbg_frame *f);
/* f's function name to print: the whole name when the frame holds only its start (func_cut),
 * "??" when it has none. Valid until the next call. */
const char *cli_frame_func(struct cli *c, const struct cdbg_frame *f);
/* The backtrace of tid (up to main) into *out (malloc'd): the count, or -1 (error printed). */
int cli_frames(struct cli *c, pid_t tid, struct cdbg_frame **out);
/* thread apply all bt, threads with identical stacks shown once. */
int cli_bt_all_grouped(struct cli *c, pid_t *tids, int n);
/* The start of an instruction line as x/i and disassemble print it: "=> " when is_pc, else
 * three blanks; then "0x401136 <hit+4>:" (x/i: func NULL, range false), "0x0000000000401136
 * <+4>:" (disassemble of function func) or "0x0000000000401136 <hit+4>:" (range). */
void cli_insn_addr(struct cli *c, uint64_t addr, bool is_pc, const struct cdbg_symbol *func,
		   bool range);

/* ---- core_srccache.c ---- */
/* Line `line` (from 1) of source file path as gdb shows it (control characters as ^X, cut at a
 * '\r'), without its newline, or NULL (no such file or line). Files are read once and cached
 * until they change. */
const char *cli_source_line(const char *path, int line);
/* The same as gdb shows it with set style sources on (C files) when output is styled. */
const char *cli_source_line_st(struct cli *c, const char *path, int line);
/* How many lines path has, or -1 when it cannot be read. */
int cli_source_nlines(const char *path);
/* Line `line` of the file as it is (no control characters shown as ^X), for searches. */
const char *cli_source_raw_line(const char *path, int line);
/* At exit: forget the cached files. */
void cli_source_free_all(void);
/* gdb's default source file for a bare LINE (break 60, info line 60) while no stop gives one:
 * the file `list` showed last; NULL until then. */
void cli_set_default_source(const char *path);
/* gdb's current source position (core_macro.c): the file `list` showed last and the line after
 * the last it showed (cli_set_list_where, by list); false until something was listed. */
void cli_set_list_where(struct cli *c, const char *file, int line);
bool cli_list_where(const char **file, int *line);
/* gdb's default_macro_scope: the selected frame's pc, else the list position; false when
 * there is neither. */
bool cli_macro_where(struct cli *c, struct cdbg_macro_where *w);
/* Is name a macro in scope (the user's or the program's), as print would expand it? */
bool cli_macro_defined(struct cli *c, const char *name);
/* add(arg, name) for each macro in scope and each user macro (completion). */
void cli_macro_names(struct cli *c, void (*add)(void *arg, const char *name), void *arg);
/* gdb's source path, "DIR:DIR:$cdir:$cwd"; set it (NULL: the default). 0 or -1. */
const char *cli_source_dirs(void);
int cli_set_source_dirs(const char *dirs);
/* gdb's substitute-path: add rule FROM -> TO (replacing one of the same FROM; 0 or -1), delete
 * FROM's rule or every rule (NULL; true when one went), the i-th rule that applies to match
 * (NULL: of all), its TO in *to, or NULL. */
int cli_subst_set(const char *from, const char *to);
bool cli_subst_unset(const char *from);
const char *cli_subst_rule(int i, const char *match, const char **to);
const char *cli_default_source(void);

/* ---- where.c: locations and symbols ---- */
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
/* The source line of pc ("12\t  x++;", with "0x...\t" first when pc is not at the line's
 * start). 0, or -1 when pc has no line or the file cannot be read (nothing printed). */
int cli_print_source_line(struct cli *c, uint64_t pc);

/* ---- core_observe.c: what the core tells the command groups ---- */
enum cli_obs_kind {
	CLI_OBS_STOPPED,     /* a stop's location was shown (ev: the step's event, or NULL) */
	CLI_OBS_GONE,        /* the process is gone (exit, kill, detach), or its image (exec) */
	CLI_OBS_LIBRARIES,   /* the dynamic linker loaded or unloaded libraries */
	CLI_OBS_NEW_PROCESS, /* a process is held: launched, attached, or a new image (exec) */
	CLI_OBS_COUNT
};
typedef void (*cli_observer)(struct cli *c, const struct cdbg_event *ev);
/* Subscribe fn to kind (at start-up); observers of one kind run in subscription order. */
void cli_observe(enum cli_obs_kind kind, cli_observer fn);
void cli_notify(struct cli *c, enum cli_obs_kind kind, const struct cdbg_event *ev);
/* The breakpoint group: report (a stop at a breakpoint or watchpoint, printed as gdb does;
 * returns 1 when the program should go on) and number (the user's number of a library
 * breakpoint id, 0 if none). */
void cli_set_breakpoints(int (*report)(struct cli *c, const struct cdbg_event *ev),
			 int (*number)(struct cli *c, int lib_id));
/* The display group's enable/disable display N... (the breakpoint group's enable and disable
 * take gdb's "display" subcommand), and the call that reaches it. */
void cli_set_display_switch(int (*fn)(struct cli *c, char *args, bool on));
int cli_display_switch(struct cli *c, char *args, bool on);
/* The report's result, or -1 when no group reports breakpoints. */
int cli_report_breakpoint(struct cli *c, const struct cdbg_event *ev);
/* The stop of a catchpoint (syscall, signal, fork, vfork, exec events), as the breakpoint
 * group reports it: -1 when no catchpoint wants ev, 0 when stopped, 1 to go on. */
void cli_set_catch_report(int (*report)(struct cli *c, const struct cdbg_event *ev));
int cli_report_catch(struct cli *c, const struct cdbg_event *ev);
int cli_bp_number(struct cli *c, int lib_id);

/* ---- core_golang.c: Go programs ---- */
/* A process is held: in a Go program, stop unrecovered panics and fatal errors (delve's
 * unrecovered-panic and runtime-fatal-throw). */
void cli_go_process_taken(struct cli *c);
/* Is library breakpoint bp_id one of those? Then what the program is dying of, as the runtime
 * will print it ("panic: ..." with the value as delve shows it, "fatal error: ..."), into buf:
 * 1. 0 when bp_id is none of them. */
int cli_go_death(struct cli *c, int bp_id, pid_t tid, char *buf, size_t len);

/* ---- core_stop.c: the program runs and stops ---- */
/* Resume the process (continue, or step tid if step) and wait until something the user must
 * see: prints it. Returns 0, or -1 on error. */
int cli_resume(struct cli *c, bool step, pid_t tid, int sig);
/* Stepping over libcdbg's cdbg_step_line/cdbg_finish/cdbg_run_until: the hooks that print
 * notices and let Ctrl-C interrupt; then the result r and *ev of the call: a completed
 * step returns 1 (printed by the caller, cli_print_step_stop), anything else is reported as
 * `continue` reports it (and the process goes on if it should), 0; -1 on error. */
struct cdbg_step_hooks;
void cli_step_hooks(struct cli *c, struct cdbg_step_hooks *h);

/* core_term.c: the terminal between cdbg and the program (gdb's target_terminal). Before a
 * launch: true when the program gets a process group of its own (stdin is cdbg's terminal);
 * after it, the pid. inferior: the program's group gets the terminal while it runs (a no-op
 * without one); ours: cdbg takes it back (before reading a line). */
bool cli_term_launch_begin(void);
void cli_term_launched(pid_t pid);
void cli_term_inferior(struct cli *c);
void cli_term_ours(void);
int cli_step_result(struct cli *c, int r, struct cdbg_event *ev);
/* A completed step's stop as gdb prints it: the source line ("0x...\t12\t..." when mid-line)
 * in the same frame, else the frame's location and line; then the stop observers. */
void cli_print_step_stop(struct cli *c, const struct cdbg_event *ev);
/* Where thread tid stopped ("0x... in func ()" or source), then the stop observers. */
void cli_show_stop(struct cli *c, pid_t tid, bool with_addr);
/* A function called from cdbg stopped inside (a breakpoint, a signal): the stop as any, then
 * gdb's words on the abandoned expression. */
void cli_report_call_stop(struct cli *c, const struct cdbg_call *call, const char *fname);
/* The program exited during a call to fname: report its exit, then the abandoned call. */
void cli_report_call_exit(struct cli *c, const char *fname);
/* The selected thread's location as a stop shows it (step 0). 0, or -1 when not stopped. */
int cli_show_frame(struct cli *c);
/* where.c: the source line of pc ("12\t  x++;", with "0x...\t" first when pc is not at the
 * line's start). 0, or -1 when pc has no line or the file cannot be read (nothing printed). */
int cli_print_source_line(struct cli *c, uint64_t pc);
/* Breakpoint commands (cmd_break.c) over the library's session: after a process is started
 * or attached (or exec'd), place what the session could not and print why not. */
/* The process was launched or attached: number its threads, select one, tell observers. */
void cli_process_taken(struct cli *c, bool attached);
/* The process is gone (exited, killed, detached), or the core let go: forget it, tell
 * observers. */
void cli_process_gone(struct cli *c);
/* A core file is held (cdbg_core_open): number its threads in the core's order (the one that
 * took the signal first), select that one. */
void cli_core_taken(struct cli *c);
/* The program file of the process (/proc/PID/exe) into buf. 0 or -1. */
int cli_exec_path(struct cli *c, char *buf, size_t len);
/* One event in gdb's words (cdbg exec prints every event this way). 1 when the process is
 * gone. */
int cli_print_event(cdbg_proc *p, const struct cdbg_event *ev, const char *prog);

/* ---- core_signals.c ---- */
const char *cli_signame(int sig);
const char *cli_sigdesc(int sig);
int cli_signum(const char *name);
extern volatile sig_atomic_t cli_got_signal;
void cli_catch_signals(void);
/* What cdbg does when the program gets signal s (gdb's `handle`); s outside 1..64 gives a
 * policy of all false. */
struct cli_sig_policy {
	bool stop, print, pass;
};
struct cli_sig_policy *cli_signal_policy(int s);
/* gdb's own signal table (gdb/signals.def), in its order: what `handle` and `info signals`
 * name and show. Row CLI_GSIG_COUNT is gdb's unknown signal ("?", "Unknown signal"). */
#define CLI_GSIG_COUNT 149
struct cli_gsig {
	char name[24], desc[40];
	int host; /* the Linux signal, 0 for none */
	bool quiet;
	struct cli_sig_policy pol;
};
/* Row i (out of range: the unknown row). */
struct cli_gsig *cli_gsig(int i);
/* The row of a Linux signal (the unknown row for one gdb does not know); of a name as gdb
 * spells it (case matters), or -1. */
int cli_gsig_of_host(int sig);
int cli_gsig_by_name(const char *name);
/* Tell the library the policy (at start of a process and after `handle`). */
void cli_signals_sync(struct cli *c);
/* gdb's defaults. */
void cli_signals_init(struct cli *c);

/* ---- the breakpoint group (cmd_break.c), declared here for cmd_break.c ---- */
/* After a process is started or attached, insert every enabled CLI breakpoint into it. */
int cli_bp_insert_all(struct cli *c);
/* The dynamic linker loaded or unloaded libraries (CDBG_EV_LIBRARIES): breakpoints by name in
 * unloaded ones become pending again, pending ones that can be placed now are inserted. */
void cli_bp_libraries_changed(struct cli *c);
/* The stop report calls this after it printed a reported hit of b (deletes a temporary one). */
void cli_bp_hit(struct cli *c, struct cli_bp *b);
/* The command a dprintf runs at each hit, as set dprintf-style makes it: "printf ARGS", or
 * "call (void) FUNCTION ([CHANNEL,]ARGS)". */
void cli_bp_dprintf_line(struct cli *c, const struct cli_bp *b, char *buf, size_t len);
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
/* Find a CLI breakpoint by library id. */
struct cli_bp *cli_bp_by_lib_id(struct cli *c, int lib_id);
/* After the process is gone (the session keeps the hit counts; thread-specific breakpoints
 * are deleted, watchpoint scopes go). */
void cli_bp_process_gone(struct cli *c);
/* Delete the thread-specific breakpoints whose thread is gone, with gdb's message. */
void cli_bp_prune_threads(struct cli *c);
/* cmd_break_scope.c: give watchpoint b, just set on expr, the scope of the selected frame
 * when expr names its locals or arguments; drop b's scope (remove: from the process too);
 * a stop at a scope breakpoint: -1 when ev is not one, 1 when the program goes on (another
 * thread, a deeper activation), 0 when the watchpoint was deleted and the stop shown. */
void cli_watch_scope_set(struct cli *c, struct cli_bp *b, const char *expr);
void cli_watch_scope_drop(struct cli *c, struct cli_bp *b, bool remove);
int cli_watch_scope_hit(struct cli *c, const struct cdbg_event *ev);
/* cmd_break_watch.c: watchpoint b (session id) was just set on expr, evaluated in frame
 * level of tid: note its value and watch every place it reads (0, or -1 with the error
 * printed); evaluate b again after a change elsewhere (a call) and watch the places anew;
 * a trigger of b (ev): 1 when the program goes on (the value is the same), 0 when it stops,
 * the report printed when show. */
int cli_watch_start(struct cli *c, struct cli_bp *b, int id, const char *expr, pid_t tid,
		    int level);
void cli_watch_rearm(struct cli *c, struct cli_bp *b);
/* Watchpoint b's condition cond was just set in the selected frame: note the function whose
 * locals it names (cmd_break_scope.c). At a trigger in thread tid: 1 when the condition says
 * go on, 0 to stop (true, or it could not be tested: gdb's words printed). */
void cli_watch_cond_scope(struct cli *c, struct cli_bp *b, const char *cond);
int cli_watch_cond(struct cli *c, struct cli_bp *b, pid_t tid);
/* Is watchpoint num watched in software ("Watchpoint N", not "Hardware watchpoint N")? */
bool cli_watch_soft(struct cli *c, int num);
int cli_watch_report(struct cli *c, struct cli_bp *b, const struct cdbg_event *ev, bool show);
/* At a trigger of b that does not stop: a write watchpoint other than b whose value changed
 * (reported), or NULL. */
struct cli_bp *cli_watch_other(struct cli *c, struct cli_bp *b, const struct cdbg_event *ev);

/* ---- cmd_attach.c: cdbg attach PID / cdbg exec PROGRAM (no prompt: print events until the end) ---- */
int cli_cmd_attach(int argc, char **argv);
int cli_cmd_exec(int argc, char **argv);

#endif
