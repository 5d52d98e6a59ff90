/*
 * cmd_step.c - stepping commands: step/s, next/n, stepi/si, nexti/ni, until/u, advance,
 * finish/fin, over libcdbg's cdbg_step_line, cdbg_run_until and cdbg_finish, printed as gdb 13
 * prints them.
 *
 * Owns: the commands' arguments and output. Must not: decide how a step runs (the library
 * does, for every front-end), call ptrace or waitpid.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"

/* gdb's notice for step/next/until where pc has no line information. */
static void say_no_lines(struct cli *c)
{
	struct cdbg_symbol s;
	struct cdbg_line ln;
	uint64_t pc;

	if (cdbg_pc_get(c->p, c->cur_tid, &pc) < 0 || cdbg_line_by_addr(c->p, pc, &ln) == 0)
		return;
	printf("Single stepping until exit from function %s,\nwhich has no line number "
	       "information.\n",
	       cdbg_sym_by_addr(c->p, pc, &s) == 0 ? s.name : "??");
}

static int step_lines(struct cli *c, char *args, enum cdbg_step_kind kind)
{
	struct cdbg_step_hooks h;
	struct cdbg_event ev;
	long n = 1;
	int r = 1;

	if (!cli_need_stopped(c))
		return -1;
	if (*args && cli_parse_count(c, args, &n) < 0)
		return -1;
	if (n <= 0)
		return cli_show_frame(c); /* gdb: no step, the frame shown as after a stop */
	cli_step_hooks(c, &h);
	for (long i = 0; i < n && r == 1 && c->live; i++) {
		if (kind != CDBG_STEP_INSN && kind != CDBG_STEP_INSN_NEXT)
			say_no_lines(c);
		fflush(stdout);
		r = cdbg_step_line(c->p, c->cur_tid, kind, &h, &ev);
		r = cli_step_result(c, r, &ev);
	}
	/* step N prints only where the last step ended, relative to where that one began. */
	if (r == 1)
		cli_print_step_stop(c, &ev);
	return r < 0 ? -1 : 0;
}

static int cmd_step(struct cli *c, char *args)
{
	return step_lines(c, args, CDBG_STEP_LINE);
}

static int cmd_next(struct cli *c, char *args)
{
	return step_lines(c, args, CDBG_STEP_NEXT);
}

static int cmd_stepi(struct cli *c, char *args)
{
	return step_lines(c, args, CDBG_STEP_INSN);
}

static int cmd_nexti(struct cli *c, char *args)
{
	return step_lines(c, args, CDBG_STEP_INSN_NEXT);
}

/* The pc of frame lvl of the current thread (callers: the call, not the return address). */
static int frame_pc(struct cli *c, int lvl, uint64_t *pc)
{
	struct cdbg_frame *f;
	int n;

	if (lvl == 0)
		return cdbg_pc_get(c->p, c->cur_tid, pc);
	if (!(f = calloc((size_t)lvl + 1, sizeof(*f))))
		return -1;
	n = cdbg_backtrace(c->p, c->cur_tid, f, (size_t)lvl + 1);
	if (n > lvl)
		*pc = f[lvl].is_caller ? f[lvl].pc - 1 : f[lvl].pc;
	free(f);
	return n > lvl ? 0 : -1;
}

/* until LOCATION / advance LOCATION: the location counts only in the current frame for until
 * when it is in the current function (gdb 13's until_break_command). */
static int run_until(struct cli *c, char *args, bool anywhere)
{
	struct cdbg_step_hooks h;
	struct cdbg_symbol here, there;
	struct cdbg_event ev;
	uint64_t addr, pc;
	unsigned flags = 0;
	int r, lvl = cli_selected_frame(c);

	if (cli_resolve_location(c, args, &addr) < 0)
		return -1;
	/* The selected frame (gdb: until/advance after `up` run until that frame returns). */
	if (!anywhere && frame_pc(c, lvl, &pc) == 0 && cdbg_sym_by_addr(c->p, pc, &here) == 0 &&
	    cdbg_sym_by_addr(c->p, addr, &there) == 0 && here.addr == there.addr)
		flags = CDBG_UNTIL_FRAME;
	cli_step_hooks(c, &h);
	fflush(stdout);
	r = cdbg_run_until_frame(c->p, c->cur_tid, lvl, addr, flags, &h, &ev);
	if (r == CDBG_EBADADDR)
		return cli_error(c,
				 "Warning:\nCannot insert breakpoint 0.\nCannot access memory at "
				 "address 0x%llx\n\nCommand aborted.",
				 (unsigned long long)addr);
	if ((r = cli_step_result(c, r, &ev)) == 1)
		cli_print_location(c, ev.tid, ev.addr, true);
	return r < 0 ? -1 : 0;
}

static int cmd_until(struct cli *c, char *args)
{
	if (!cli_need_stopped(c))
		return -1;
	args = cli_skip_ws(args);
	return *args ? run_until(c, args, false) : step_lines(c, args, CDBG_STEP_UNTIL);
}

static int cmd_advance(struct cli *c, char *args)
{
	if (!cli_need_stopped(c))
		return -1;
	args = cli_skip_ws(args);
	if (!*args)
		return cli_error(c, "Argument required (a location).");
	return run_until(c, args, true);
}

/* "Value returned is $N = VALUE" for the function at func_pc that just returned, shaped by its
 * DWARF return type (cdbg_return_value); nothing is shown for void, as gdb does, nor without
 * debug information. */
static void print_return_value(struct cli *c, pid_t tid, uint64_t func_pc)
{
	struct cdbg_value v;
	uint64_t pc;

	if (cdbg_return_value(c->p, tid, func_pc, &v) != 0) {
		if (cdbg_call_dummy_pop(c->p, tid, NULL) == 1 && cdbg_pc_get(c->p, tid, &pc) == 0)
			cli_print_location(c, tid, pc, true);
		return;
	}
	/* Back in a dummy frame: the call that stopped inside is over, the thread as before
	 * it (gdb shows where it is then, and the value). */
	if (cdbg_call_dummy_pop(c->p, tid, NULL) == 1 && cdbg_pc_get(c->p, tid, &pc) == 0)
		cli_print_location(c, tid, pc, true);
	printf("Value returned is $%d = ", cli_hist_push(c, &v));
	fmt_value(c, stdout, &v, 0);
	putchar('\n');
}

/* gdb's finish: the selected frame (frame 0 unless `up`/`frame` chose another) runs until it
 * returns. */
static int cmd_finish(struct cli *c, char *args)
{
	struct cdbg_step_hooks h;
	struct cdbg_frame *f;
	struct cdbg_line ln;
	struct cdbg_event ev;
	uint64_t func_pc;
	int n, r, lvl;

	if (!cli_need_stopped(c))
		return -1;
	if (*cli_skip_ws(args))
		return cli_error(c, "The \"finish\" command does not take any arguments.");
	lvl = cli_selected_frame(c);
	if (!(f = calloc((size_t)lvl + 2, sizeof(*f))))
		return cli_error(c, "out of memory");
	n = cdbg_backtrace(c->p, c->cur_tid, f, (size_t)lvl + 2);
	if (n < 0) {
		free(f);
		return cli_lib_error(c);
	}
	if (n < lvl + 2 || !strcmp(f[lvl].func, "main")) {
		free(f);
		return cli_error(c, "\"finish\" not meaningful in the outermost frame.");
	}
	func_pc = f[lvl].pc;
	bool to_dummy = f[lvl + 1].is_dummy; /* print_return_value shows where it ends */
	if (!c->batch) {
		/* gdb says it only when the command comes from a terminal or -ex; the frame as
		 * `frame` heads it, without the source line. */
		const char *file = strrchr(f[lvl].file, '/');
		printf("Run till exit from #%d  ", lvl);
		bool mid = lvl > 0 || (cdbg_line_by_addr(c->p, f[lvl].pc, &ln) == 0 &&
				       (ln.addr != f[lvl].pc || !ln.is_stmt));
		if (!f[lvl].line || mid)
			printf("%s0x%016llx%s in ", cli_st(c, CDBG_STYLE_ADDRESS),
			       (unsigned long long)f[lvl].pc, cli_st_end(c, CDBG_STYLE_ADDRESS));
		cli_puts_st(c, CDBG_STYLE_FUNCTION, cli_frame_func(c, &f[lvl]));
		printf(" (");
		cli_print_frame_args(c, c->cur_tid, lvl);
		printf(")");
		if (f[lvl].line) {
			printf(" at ");
			cli_puts_st(c, CDBG_STYLE_FILENAME, file ? file + 1 : f[lvl].file);
			printf(":%d", f[lvl].line);
		}
		printf("\n");
	}
	free(f);
	cli_step_hooks(c, &h);
	fflush(stdout);
	r = cdbg_finish(c->p, c->cur_tid, lvl, &h, &ev);
	if ((r = cli_step_result(c, r, &ev)) == 1) {
		if (!to_dummy)
			cli_print_location(c, ev.tid, ev.addr, true);
		print_return_value(c, ev.tid, func_pc);
	}
	return r < 0 ? -1 : 0;
}

/* gdb's words for the modes, in enum cdbg_sched_lock's order. */
static const char *const sched_modes[] = { "replay", "off", "step", "on" };

int cli_set_scheduler_locking(struct cli *c, char *args)
{
	const char *v = cli_skip_ws(args);
	size_t len = strlen(v);
	int found = -1, n = 0;

	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (!len)
		return cli_error(c, "Requires an argument. Valid arguments are off, on, step, "
				    "replay.");
	for (int i = 0; i < 4; i++)
		if (!strncmp(sched_modes[i], v, len)) {
			n++;
			found = strlen(sched_modes[i]) == len || found < 0 ? i : found;
		}
	if (n > 1 && strlen(sched_modes[found]) != len)
		return cli_error(c, "Ambiguous item \"%.*s\".", (int)len, v);
	if (found < 0)
		return cli_error(c, "Undefined item: \"%.*s\".", (int)len, v);
	if (cdbg_set_scheduler_locking(c->p, (enum cdbg_sched_lock)found) < 0)
		return cli_lib_error(c);
	return 0;
}

int cli_show_scheduler_locking(struct cli *c)
{
	printf("Mode for locking scheduler during execution is \"%s\".\n",
	       sched_modes[cdbg_scheduler_locking(c->p)]);
	return 0;
}

const struct cli_cmd cli_cmds_step[] = {
	{ "step",
	  { "s" },
	  cmd_step,
	  CLI_REPEAT,
	  "Step program until it reaches a different source line (step N: N times), entering "
	  "functions that have line information." },
	{ "next",
	  { "n" },
	  cmd_next,
	  CLI_REPEAT,
	  "Step program, proceeding through subroutine calls (next N: N times)." },
	{ "until",
	  { "u" },
	  cmd_until,
	  CLI_REPEAT,
	  "Execute until past the current line or a loop's end (until LOCATION: until it is "
	  "reached or the current frame returns)." },
	{ "stepi", { "si" }, cmd_stepi, CLI_REPEAT, "Step one instruction exactly (stepi N: N)." },
	{ "nexti",
	  { "ni" },
	  cmd_nexti,
	  CLI_REPEAT,
	  "Step one instruction, but proceed through subroutine calls." },
	{ "advance",
	  { NULL },
	  cmd_advance,
	  0,
	  "Continue the program up to the given location (or until the current frame returns)." },
	{ "finish",
	  { "fin" },
	  cmd_finish,
	  0,
	  "Execute until the selected stack frame returns, and print the value returned." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
