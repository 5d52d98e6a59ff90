/*
 * dap.h - cdbg's Debug Adapter Protocol server (`cdbg dap`): the protocol editors speak, over
 * the library's public API (cdbg.h). The CLI's core (cli.h) serves the debug console: a line
 * typed there runs as a cdbg command, with the CLI's settings, variables and history, on the
 * same handle.
 *
 * One thread does everything (the handle's owner): a poll loop over the client's input, the
 * library's event descriptor and the launched program's stdout and stderr. Requests are
 * answered in order; a request that resumes the program (continue, next...) is answered at
 * once and its stop reported later as an event. Every value handed to the client (frame ids,
 * variable references) lives until the program resumes, as the protocol says.
 */
#ifndef CDBG_DAP_H
#define CDBG_DAP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cdbg.h"

struct cli;

/* ---- dap_io.c: messages on the wire (Content-Length framing) ---- */

/* The largest message accepted (bytes of its JSON body). */
#define DAP_MAX_MESSAGE (64u << 20)

struct dap_reader {
	char *buf;
	size_t len, cap;
	bool eof;
};
/* Read what fd has now (it is readable) into r. 1 when data came, 0 at end of input, -1 on
 * an error (errno). */
int dap_read_some(struct dap_reader *r, int fd);
/* The next whole message of r: 1 with *msg (a JSON object; its reference is the caller's),
 * 0 when more input is needed, -1 when the stream cannot be read further (a header without
 * Content-Length, a length over DAP_MAX_MESSAGE: *why says so; the bytes are dropped). A
 * body that is not a JSON object gives 2 with *why (the message is dropped, the stream goes
 * on). */
int dap_next_message(struct dap_reader *r, json_t **msg, const char **why, char *whybuf,
		     size_t whylen);
void dap_reader_free(struct dap_reader *r);

/* ---- the server's state ---- */

enum dap_state {
	DAP_NONE,    /* no program yet (before launch/attach, or after it ended) */
	DAP_STOPPED, /* all-stopped; the client has been told */
	DAP_RUNNING,
};

/* A breakpoint of ours over one of the session's (cdbg_break_*). */
enum dap_bp_kind { DAP_BP_SOURCE, DAP_BP_FUNCTION, DAP_BP_INSTRUCTION, DAP_BP_DATA };
struct dap_bp {
	int id; /* the session's number, which the client sees */
	enum dap_bp_kind kind;
	char *source;    /* DAP_BP_SOURCE: the path the client gave */
	int line;        /* ... the line it asked for */
	char *key;       /* function name, instruction reference, data id */
	char *condition; /* as given (the library evaluates it) */
	char *hit_condition;
	char *log_message;
	unsigned long hits; /* stops that counted, for hitCondition */
	bool verified;      /* what the client was last told */
	struct dap_bp *next;
};

/* What a variablesReference names. */
enum dap_ref_kind { DAP_REF_LOCALS, DAP_REF_ARGS, DAP_REF_REGS, DAP_REF_VALUE };
struct dap_ref {
	enum dap_ref_kind kind;
	pid_t tid;
	int frame;
	struct cdbg_value value; /* DAP_REF_VALUE */
	char *expr;              /* DAP_REF_VALUE: how to name it again (evaluateName), or NULL */
};

struct dap_frame_ref {
	pid_t tid; /* 0: a goroutine parked on no thread (goid) */
	int level;
	int64_t goid; /* Go: the goroutine, 0 else */
};

/* Go programs: the client's id of an OS thread that runs no goroutine (goroutines keep their
 * goid). */
#define DAP_GO_TID_BASE (1ll << 40)

struct dap_msg_queue {
	json_t **v;
	size_t head, n, cap;
};

struct dap {
	struct cli *c;
	cdbg_proc *p;
	int in_fd, out_fd;
	struct dap_reader rd;
	struct dap_msg_queue queue; /* requests read while a step ran */
	int seq;                    /* of our next message */
	enum dap_state state;
	bool initialized, configured, launched, attached, terminated_sent, quit;
	bool lines_start_at1, columns_start_at1;
	bool stop_on_entry;
	int entry_bp;   /* the session breakpoint at main for stopOnEntry, 0 if none */
	pid_t stop_tid; /* the thread of the last stop */
	int stop_signo; /* its signal, for exceptionInfo (0: none) */
	char stop_desc[160];
	bool stop_signals;     /* the "signals" exception filter */
	bool stop_panics;      /* the "panics" exception filter (Go) */
	char stop_death[1200]; /* the Go panic or fatal error the program stopped at, else "" */
	struct dap_bp *bps;
	/* handles of the current stop */
	struct dap_ref *refs;
	size_t nrefs, cap_refs;
	struct dap_frame_ref *frames;
	size_t nframes, cap_frames;
	/* the launched program's output */
	int prog_out, prog_err;
	/* threads the client was told about (sorted tids), to say which exited */
	char **thread_names; /* by index in known_tids */
	pid_t *known_tids;
	size_t nknown;
	/* events of the last all-stop read while holding the program for a change (dap_hold) */
	struct cdbg_event *deferred;
	size_t ndeferred, cap_deferred;
	/* where the CLI's output goes (stdout and stderr are redirected there) */
	int capture_fd;
	/* modules the client was told about */
	char **modules;
	size_t nmodules;
	bool pause_asked;
	/* Go (dap_go.c) */
	int go; /* 1: a Go program, -1: not, 0: not known yet */
	struct cdbg_goroutine *gs;
	size_t ngs;
	bool gs_valid;
};

/* ---- dap_main.c: sending ---- */
void dap_send(struct dap *d, json_t *msg); /* takes msg's reference */
void dap_event(struct dap *d, const char *event, json_t *body);
void dap_output(struct dap *d, const char *category, const char *text);
/* The CLI's output since the last call (stdout and stderr), malloc'd ("" when none). */
char *dap_captured(struct dap *d);

/* ---- handlers (dap_run.c, dap_bp.c, dap_vars.c, dap_misc.c): each answers req ---- */
typedef void (*dap_handler)(struct dap *d, json_t *req, json_t *args);
/* Answer req: success with body (NULL: none; the reference is taken), or failure with the
 * sentence msg (printf-style). */
void dap_ok(struct dap *d, json_t *req, json_t *body);
void dap_fail(struct dap *d, json_t *req, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The library's last failure as the sentence of a failed answer. */
void dap_fail_lib(struct dap *d, json_t *req, const char *what);

/* dap_run.c */
void dap_launch(struct dap *d, json_t *req, json_t *args);
void dap_attach(struct dap *d, json_t *req, json_t *args);
void dap_configuration_done(struct dap *d, json_t *req, json_t *args);
void dap_continue(struct dap *d, json_t *req, json_t *args);
void dap_next(struct dap *d, json_t *req, json_t *args);
void dap_step_in(struct dap *d, json_t *req, json_t *args);
void dap_step_out(struct dap *d, json_t *req, json_t *args);
void dap_pause(struct dap *d, json_t *req, json_t *args);
void dap_disconnect(struct dap *d, json_t *req, json_t *args);
void dap_terminate(struct dap *d, json_t *req, json_t *args);
void dap_threads(struct dap *d, json_t *req, json_t *args);
void dap_exception_info(struct dap *d, json_t *req, json_t *args);
/* The console's continue, next, step, finish, stepi, nexti: as the requests do them, without
 * an answer of their own. op: 0 next, 1 step in, 2 step out. */
void dap_resume_all(struct dap *d);
void dap_step_thread(struct dap *d, pid_t tid, int op, bool insn, const char *what);
/* What an event asks of us (dap_on_event). */
enum act {
	ACT_RUNNING, /* a notice: the program runs on */
	ACT_RESUME,  /* all-stopped for nothing the client must see: resume it */
	ACT_STOP,    /* a stop was reported */
	ACT_GONE,    /* the process is gone (reported) */
};
/* One event of the library: what the client is told; an enum act. */
int dap_on_event(struct dap *d, struct cdbg_event *ev);
/* The thread a request names (threadId; the stop's when none), -1 when answered with a
 * failure (no program, running, no such thread, a goroutine on no thread). */
pid_t dap_thread_arg(struct dap *d, json_t *req, json_t *args, const char *what);
/* The library's events while the program runs (its descriptor turned readable). */
void dap_pump(struct dap *d);
/* Hold a running program for a change (breakpoints): true when it was running and is now
 * stopped for us; dap_release resumes it (or reports a stop that came meanwhile). */
bool dap_hold(struct dap *d);
void dap_release(struct dap *d, bool held);
/* The process is gone: tell the client (exited, terminated). */
void dap_gone(struct dap *d, int code);
/* The program stopped where the client should look (a repl command moved it). */
void dap_report_stop(struct dap *d, pid_t tid, const char *reason, const char *desc,
		     json_t *hit_ids);
/* Forget the handles of the last stop (the program resumes). */
void dap_forget_handles(struct dap *d);
/* Tell the client of threads born or gone since the last look. */
void dap_sync_threads(struct dap *d);

/* dap_bp.c */
void dap_set_breakpoints(struct dap *d, json_t *req, json_t *args);
void dap_set_function_breakpoints(struct dap *d, json_t *req, json_t *args);
void dap_set_instruction_breakpoints(struct dap *d, json_t *req, json_t *args);
void dap_data_breakpoint_info(struct dap *d, json_t *req, json_t *args);
void dap_set_data_breakpoints(struct dap *d, json_t *req, json_t *args);
void dap_set_exception_breakpoints(struct dap *d, json_t *req, json_t *args);
void dap_breakpoint_locations(struct dap *d, json_t *req, json_t *args);
/* Our breakpoint of session breakpoint id, or NULL. */
struct dap_bp *dap_bp_find(struct dap *d, int id);
/* A stop at bp: should it be reported (hitCondition met; not a logpoint, whose message is
 * written here)? */
bool dap_bp_should_stop(struct dap *d, struct dap_bp *bp, pid_t tid);
/* Breakpoints whose verification changed (a library loaded): breakpoint events. */
void dap_bp_recheck(struct dap *d);
json_t *dap_bp_json(struct dap *d, struct dap_bp *bp);
void dap_bp_free_all(struct dap *d);

/* dap_vars.c */
void dap_stack_trace(struct dap *d, json_t *req, json_t *args);
void dap_scopes(struct dap *d, json_t *req, json_t *args);
void dap_variables(struct dap *d, json_t *req, json_t *args);
void dap_set_variable(struct dap *d, json_t *req, json_t *args);
void dap_evaluate(struct dap *d, json_t *req, json_t *args);
void dap_set_expression(struct dap *d, json_t *req, json_t *args);
void dap_completions(struct dap *d, json_t *req, json_t *args);
/* The frame an id names: 0 with *tid and *level, -1 when none. */
int dap_frame_of(struct dap *d, int64_t id, pid_t *tid, int *level);

/* dap_go.c: goroutines as the client's threads */
bool dap_is_go(struct dap *d);
void dap_go_forget(struct dap *d);
/* The client's id of OS thread tid (Go: its goroutine's goid). */
int64_t dap_thread_id(struct dap *d, pid_t tid);
/* The thread (and goroutine) of a client's id: 0 with *tid (0 for a goroutine that runs on no
 * thread now) and *goid (0 outside Go), or -1 when it names nothing. */
int dap_thread_of(struct dap *d, int64_t id, pid_t *tid, int64_t *goid);
json_t *dap_go_threads(struct dap *d);

/* dap_misc.c */
void dap_modules(struct dap *d, json_t *req, json_t *args);
void dap_loaded_sources(struct dap *d, json_t *req, json_t *args);
void dap_disassemble(struct dap *d, json_t *req, json_t *args);
void dap_read_memory(struct dap *d, json_t *req, json_t *args);
void dap_write_memory(struct dap *d, json_t *req, json_t *args);
void dap_source(struct dap *d, json_t *req, json_t *args);
/* module events for modules loaded or unloaded since the last call */
void dap_sync_modules(struct dap *d);
/* "0x401136" */
json_t *dap_addr_json(uint64_t addr);
/* An address the client wrote ("0x401136", "4198710"): 0, or -1 when it is none. */
int dap_parse_addr(const char *s, uint64_t *out);

/* Entry (main.c: `cdbg dap [--listen HOST:PORT]`): serve one client on c. Returns the exit
 * status. */
int dap_main(struct cli *c, int argc, char **argv);

#endif
