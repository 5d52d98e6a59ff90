/*
 * cmd_stack.c - backtrace/bt/where, frame/f, frame apply, faas, up, down, info frame, info
 * locals, info args.
 *
 * Owns: these commands' parsing. Must not: unwind by itself (cdbg_backtrace does); keep the
 * selected frame (core_frame.c does).
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_options.h"
#include "format.h"
#include "groups.h"

#define MAX_VARS 512

static void print_frame(struct cli *c, int i, const struct cdbg_frame *f)
{
	cli_print_frame_line(c, c->cur_tid, i, f);
}

static int show_vars_of(struct cli *c, int level, unsigned which, const char *indent);
static int backtrace_with(struct cli *c, char *args, int *saved_args);

/* backtrace's options (core_options.c, gdb's rules) and its qualifiers full, no-filters and
 * hide: *full set, c->frame_args changed for this command (*saved_args to restore). Options
 * cdbg cannot honour (entry values, frame-info other than auto, past main or entry) are
 * refused with a sentence. 0, or -1 with the error printed. */
static int bt_options(struct cli *c, char **args, bool *full, int *saved_args)
{
	struct cli_opt_val v[CLI_BTOPT_COUNT] = { 0 };
	const char *a = *args;
	static const char *const fa[] = { "all", "scalars", "none", "presence" };

	v[CLI_BTOPT_ENTRY_VALUES].e = "default";
	v[CLI_BTOPT_FRAME_ARGUMENTS].e = fa[c->frame_args];
	v[CLI_BTOPT_FRAME_INFO].e = "auto";
	if (cli_opts_process(c, &a, CLI_OPTS_UNKNOWN_IS_OPERAND, cli_bt_opt_defs, cli_bt_opt_count,
			     v) < 0)
		return -1;
	*args = cli_skip_ws((char *)a);
	if (strcmp(v[CLI_BTOPT_ENTRY_VALUES].e, "default") &&
	    strcmp(v[CLI_BTOPT_ENTRY_VALUES].e, "no"))
		return cli_error(c, "cdbg does not support backtrace -entry-values %s yet.",
				 v[CLI_BTOPT_ENTRY_VALUES].e);
	if (strcmp(v[CLI_BTOPT_FRAME_INFO].e, "auto"))
		return cli_error(c, "cdbg does not support backtrace -frame-info %s yet.",
				 v[CLI_BTOPT_FRAME_INFO].e);
	if (v[CLI_BTOPT_PAST_MAIN].b || v[CLI_BTOPT_PAST_ENTRY].b)
		return cli_error(c, "cdbg does not support backtrace -%s yet.",
				 v[CLI_BTOPT_PAST_MAIN].b ? "past-main" : "past-entry");
	*full = v[CLI_BTOPT_FULL].b;
	/* -no-filters, -hide, -raw-frame-arguments: cdbg has no frame filters and no
	 * pretty-printers, so its backtrace is always what these ask for */
	for (int i = 0; i < 4; i++)
		if (!strcmp(v[CLI_BTOPT_FRAME_ARGUMENTS].e, fa[i])) {
			*saved_args = c->frame_args;
			c->frame_args = i;
		}
	/* the qualifiers gdb takes before the count */
	for (;;) {
		size_t n = strcspn(*args, " \t");
		if (n == 4 && !strncmp(*args, "full", 4))
			*full = true;
		else if (!(n == 10 && !strncmp(*args, "no-filters", 10)) &&
			 !(n == 4 && !strncmp(*args, "hide", 4)))
			break;
		*args = cli_skip_ws(*args + n);
	}
	return 0;
}

static int cmd_backtrace(struct cli *c, char *args)
{
	int saved_args = c->frame_args, r;

	r = backtrace_with(c, args, &saved_args);
	c->frame_args = saved_args;
	return r;
}

static int backtrace_with(struct cli *c, char *args, int *saved_args)
{
	struct cdbg_frame *f;
	long limit = CLI_MAX_FRAMES;
	bool full = false;
	int n, first = 0;

	if (bt_options(c, &args, &full, saved_args) < 0)
		return -1;
	if (!c->live && cdbg_target(c->p) == CDBG_TARGET_FILE)
		return cli_error(c, "No stack."); /* gdb's words before the program runs */
	if (!cli_need_stack(c, "No stack."))
		return -1;
	if (*args && cli_parse_count(c, args, &limit) < 0)
		return -1;
	if ((n = cli_frames(c, c->cur_tid, &f)) < 0)
		return -1;
	if (limit < 0) { /* bt -N: the outermost N frames */
		first = -limit < n ? n + (int)limit : 0;
		limit = n;
	}
	for (int i = first; i < n && i < limit; i++) {
		print_frame(c, i, &f[i]);
		if (full && show_vars_of(c, i, CDBG_VARS_LOCALS, "        ") < 0)
			printf("No symbol table info available.\n");
	}
	if (limit < n && cli_from_tty(c)) /* gdb: only for a person (from_tty) */
		printf("(More stack frames follow...)\n");
	free(f);
	return 0;
}

/* How `want` was asked for: by level (frame N), by up/down with a count (gdb stops at the
 * outermost or innermost frame), or by a plain up/down (an error there). */
enum sel_how { SEL_LEVEL, SEL_COUNT, SEL_ONE };

static bool sel_silent; /* up-silently, down-silently: select without showing */

static int select_frame(struct cli *c, long want, enum sel_how how)
{
	struct cdbg_frame *f;
	int n;

	if ((n = cli_frames(c, c->cur_tid, &f)) < 0)
		return -1;
	if (how == SEL_COUNT && n > 0)
		want = want >= n ? n - 1 : want < 0 ? 0 : want;
	if (want >= n) {
		free(f);
		if (how == SEL_ONE)
			return cli_error(c, "Initial frame selected; you cannot go up.");
		return cli_error(c, "No frame at level %ld.", want);
	}
	if (want < 0) {
		free(f);
		return cli_error(c, "Bottom (innermost) frame selected; you cannot go down.");
	}
	int selected = (int)want;
	cli_select_frame(c, selected);
	if (sel_silent) {
		free(f);
		return 0;
	}
	print_frame(c, selected, &f[selected]);
	const char *text = f[selected].line ?
				   cli_source_line_st(c, f[selected].file, f[selected].line) :
				   NULL;
	if (text)
		printf("%d\t%s\n", f[selected].line, text);
	free(f);
	return 0;
}

static int current(struct cli *c)
{
	return cli_selected_frame(c);
}

/* The header frame apply prints: the frame's line, as bt shows it. */
struct apply_at {
	const struct cdbg_frame *f;
	int level;
};

static void apply_header(struct cli *c, void *arg)
{
	const struct apply_at *a = arg;

	print_frame(c, a->level, a->f);
}

/* frame apply level LEVEL... [-c|-s] [-q] CMD: CMD in each frame of the list (N or N-M, in
 * the order given), as gdb 13. */
static int frame_apply_level(struct cli *c, char *args)
{
	int n, saved = cli_selected_frame(c), r = 0;
	struct cdbg_frame *f;
	struct cli_qcs q;
	char *p = args, *cmd;

	/* the list: numbers and ranges up to the first word that is neither */
	while (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p) || *p == '-')
			p++;
		if (*p && *p != ' ' && *p != '\t')
			break;
		p = cli_skip_ws(p);
	}
	if (p == args)
		return cli_error(c, "Missing or invalid LEVEL... argument");
	cmd = p;
	if (cli_qcs_parse(c, "frame apply level", &cmd, &q, NULL) < 0)
		return -1;
	if (!*cmd)
		return cli_error(c, "Please specify a command to apply on the selected frames");
	if (!cli_need_frames(c) || (n = cli_frames(c, c->cur_tid, &f)) < 0)
		return -1;
	for (char *e, *s = args; r == 0 && s < p && isdigit((unsigned char)*s);) {
		long lo = strtol(s, &e, 10), hi = lo;
		if (*e == '-' && isdigit((unsigned char)e[1]))
			hi = strtol(e + 1, &e, 10);
		else if (*e == '-')
			e++;
		if (hi < lo) {
			r = cli_error(c, "inverted range");
			break;
		}
		for (long i = lo; i <= hi && r == 0; i++) {
			if (i >= n) {
				r = cli_error(c, "No frame at level %ld.", i);
				break;
			}
			struct apply_at at = { &f[i], (int)i };
			if (cli_interrupted(c))
				break;
			cli_select_frame(c, (int)i);
			r = cli_apply_one(c, cmd, &q, apply_header, &at);
		}
		s = cli_skip_ws(e);
	}
	cli_select_frame(c, saved);
	free(f);
	return r;
}

/* frame apply all|COUNT|-COUNT [-c|-s] [-q] CMD: CMD in each of those frames, innermost
 * first (-COUNT: the outermost COUNT), as gdb 13. */
static int frame_apply(struct cli *c, char *args)
{
	const char *which = "frame apply";
	int n, first = 0, last, saved = cli_selected_frame(c), r = 0;
	struct cdbg_frame *f;
	struct cli_qcs q;
	long count;

	if (!c->live)
		return cli_error(c, "No stack.");
	if (!strncmp(args, "level", 5) && (!args[5] || args[5] == ' ' || args[5] == '\t'))
		return frame_apply_level(c, cli_skip_ws(args + 5));
	if (!strncmp(args, "all", 3) && (!args[3] || args[3] == ' ' || args[3] == '\t')) {
		which = "frame apply all";
		args = cli_skip_ws(args + 3);
		count = LONG_MAX;
	} else {
		char *e;
		if (!*args)
			return cli_error(c, "Missing COUNT argument.");
		count = strtol(args, &e, 10);
		if (e == args || (*e && *e != ' ' && *e != '\t') || count == 0)
			return cli_error(c, "Invalid COUNT argument.");
		args = cli_skip_ws(e);
	}
	if (cli_qcs_parse(c, which, &args, &q, NULL) < 0)
		return -1;
	if (!*args)
		return cli_error(c, "Please specify a command to apply on the selected frames");
	if (!cli_need_frames(c) || (n = cli_frames(c, c->cur_tid, &f)) < 0)
		return -1;
	last = count > 0 && count < n ? (int)count : n;
	if (count < 0)
		first = -count < n ? n + (int)count : 0;
	for (int i = first; i < last && r == 0; i++) {
		struct apply_at at = { &f[i], i };
		if (cli_interrupted(c))
			break;
		cli_select_frame(c, i);
		r = cli_apply_one(c, args, &q, apply_header, &at);
	}
	cli_select_frame(c, saved);
	free(f);
	return r;
}

/* faas CMD: frame apply all -s CMD. */
static int cmd_faas(struct cli *c, char *args)
{
	char *line;
	int r;

	if (!*args)
		return cli_error(c, "Please specify a command to apply on all frames");
	if (asprintf(&line, "all -s %s", args) < 0)
		return cli_error(c, "out of memory");
	r = frame_apply(c, line);
	free(line);
	return r;
}

/* Is args subcommand word (a prefix of it at least min long)? Then *rest is what follows. */
static bool sub_word(char *args, const char *word, size_t min, char **rest)
{
	size_t n = strcspn(args, " \t");

	if (n < min || n > strlen(word) || strncmp(args, word, n))
		return false;
	*rest = cli_skip_ws(args + n);
	return true;
}

/* The level frame's and select-frame's arguments name: N, level N, address ADDR (a frame's
 * CFA, as info frame shows it), function NAME (its innermost frame). 0 with *level, or -1. */
static int frame_spec(struct cli *c, char *args, long *level)
{
	struct cdbg_frame *f;
	struct cdbg_symbol sym;
	char *rest;
	uint64_t addr;
	int n;

	*level = current(c);
	if (sub_word(args, "level", 1, &rest)) {
		if (!*rest)
			return cli_error(c, "Argument required (expression to compute).");
		return cli_parse_count(c, rest, level);
	}
	if (sub_word(args, "address", 1, &rest)) {
		if (!*rest)
			return cli_error(c, "Argument required (expression to compute).");
		if (cli_eval_u64(c, rest, &addr) < 0 || (n = cli_frames(c, c->cur_tid, &f)) < 0)
			return -1;
		for (int i = 0; i < n; i++)
			if (f[i].cfa == addr) {
				free(f);
				*level = i;
				return 0;
			}
		free(f);
		return cli_error(c, "No frame at address 0x%llx.", (unsigned long long)addr);
	}
	if (sub_word(args, "function", 1, &rest)) {
		if (!*rest)
			return cli_error(c, "Missing function name argument");
		if (cdbg_sym_by_name(c->p, rest, &sym) < 0 ||
		    (sym.kind != CDBG_SYM_FUNC && sym.kind != CDBG_SYM_IFUNC))
			return cli_error(c, "Function \"%s\" not defined.", rest);
		if ((n = cli_frames(c, c->cur_tid, &f)) < 0)
			return -1;
		for (int i = 0; i < n; i++)
			if (!strcmp(cli_frame_func(c, &f[i]), rest)) {
				free(f);
				*level = i;
				return 0;
			}
		free(f);
		return cli_error(c, "No frame for function \"%s\".", rest);
	}
	return *args ? cli_parse_count(c, args, level) : 0;
}

static int cmd_frame(struct cli *c, char *args)
{
	long n;

	if (!strncmp(args, "apply", 5) && (!args[5] || args[5] == ' ' || args[5] == '\t'))
		return frame_apply(c, cli_skip_ws(args + 5));
	/* gdb: "No registers." when a frame is named, "No stack." for the selected one */
	if (!cli_need_stack(c, *args ? "No registers." : "No stack.") ||
	    frame_spec(c, args, &n) < 0)
		return -1;
	return select_frame(c, n, SEL_LEVEL);
}

/* select-frame: frame without showing it. */
static int cmd_select_frame(struct cli *c, char *args)
{
	long n;
	int r;

	if (!cli_need_stack(c, *args ? "No registers." : "No stack.") ||
	    frame_spec(c, args, &n) < 0)
		return -1;
	sel_silent = true;
	r = select_frame(c, n, SEL_LEVEL);
	sel_silent = false;
	return r;
}

static int cmd_up(struct cli *c, char *args)
{
	long n = 1;

	if (!cli_need_stack(c, "No stack.") || (*args && cli_parse_count(c, args, &n) < 0))
		return -1;
	return select_frame(c, current(c) + n, *args ? SEL_COUNT : SEL_ONE);
}

static int cmd_down(struct cli *c, char *args)
{
	long n = 1;

	if (!cli_need_stack(c, "No stack.") || (*args && cli_parse_count(c, args, &n) < 0))
		return -1;
	return select_frame(c, current(c) - n, *args ? SEL_COUNT : SEL_ONE);
}

/* gdb's up-silently and down-silently: up and down for scripts, showing nothing. */
static int cmd_up_silently(struct cli *c, char *args)
{
	int r;

	sel_silent = true;
	r = cmd_up(c, args);
	sel_silent = false;
	return r;
}

static int cmd_down_silently(struct cli *c, char *args)
{
	int r;

	sel_silent = true;
	r = cmd_down(c, args);
	sel_silent = false;
	return r;
}

/* gdb's info frame of frame i of f (n frames): its CFA, pc, the return address, its
 * neighbours' CFAs, the language, the arguments, and where its caller's registers are saved. */
static int info_frame(struct cli *c, char *args)
{
	struct cdbg_frame *f;
	struct cdbg_saved_reg saved[32];
	struct cdbg_cu_info cu;
	uint64_t ret = 0;
	int n, ns, i = current(c);

	(void)args;
	if (!c->live && cdbg_target(c->p) == CDBG_TARGET_FILE)
		return cli_error(c, "No stack."); /* gdb's words before the program runs */
	if (!cli_need_stack(c, "No stack.") || (n = cli_frames(c, c->cur_tid, &f)) < 0)
		return -1;
	if (i >= n) {
		free(f);
		return cli_error(c, "No stack.");
	}
	ns = cdbg_frame_saved_regs(c->p, c->cur_tid, i, saved, 32);
	for (int k = 0; k < ns && k < 32; k++)
		if (!strcmp(saved[k].name, "rip") &&
		    cdbg_mem_read(c->p, saved[k].addr, &ret, sizeof(ret)) != (ssize_t)sizeof(ret))
			ret = 0;
	printf("Stack level %d, frame at 0x%llx:\n", i, (unsigned long long)f[i].cfa);
	printf(" rip = 0x%llx in %s", (unsigned long long)f[i].pc, cli_frame_func(c, &f[i]));
	if (f[i].line)
		printf(" (%s:%d)", f[i].file, f[i].line);
	printf("; saved rip = 0x%llx\n", (unsigned long long)ret);
	if (i + 1 < n)
		printf(" called by frame at 0x%llx", (unsigned long long)f[i + 1].cfa);
	if (i > 0)
		printf("%s caller of frame at 0x%llx", i + 1 < n ? "," : "",
		       (unsigned long long)f[i - 1].cfa);
	if (i > 0 || i + 1 < n)
		printf("\n");
	if (f[i].line && cdbg_cu_info(c->p, f[i].pc - (f[i].is_caller ? 1 : 0), &cu) == 0)
		printf(" source language %s.\n", cu.language);
	if (f[i].cfa) { /* amd64's frame base: where the frame pointer points, CFA - 16 */
		printf(" Arglist at 0x%llx, args: ", (unsigned long long)f[i].cfa - 16);
		cli_print_frame_args(c, c->cur_tid, i);
		printf("\n Locals at 0x%llx, Previous frame's sp is 0x%llx\n",
		       (unsigned long long)f[i].cfa - 16, (unsigned long long)f[i].cfa);
	}
	for (int k = 0; k < ns && k < 32; k++)
		printf("%s %s at 0x%llx", k ? "," : " Saved registers:\n ", saved[k].name,
		       (unsigned long long)saved[k].addr);
	if (ns > 0)
		printf("\n");
	free(f);
	return 0;
}

/* "name = value" lines of frame level, in gdb's order, each after indent; -1 when the frame
 * has no DWARF (nothing printed). */
static int show_vars_of(struct cli *c, int level, unsigned which, const char *indent)
{
	struct cdbg_var *v = calloc(MAX_VARS, sizeof(*v));
	int n = v ? cdbg_frame_vars(c->p, c->cur_tid, level, which, v, MAX_VARS) : -1;

	if (n == 0)
		printf(which == CDBG_VARS_ARGS ? "No arguments.\n" : "No locals.\n");
	for (int i = 0; i < n && i < MAX_VARS; i++) {
		char *text = fmt_typed(c, &v[i].value, 0, 0);

		printf("%s%s = %s\n", indent, v[i].name, text ? text : "<error>");
		free(text);
	}
	free(v);
	return n < 0 ? -1 : 0;
}

/* info locals / info args. */
static int show_vars(struct cli *c, unsigned which)
{
	if (!cli_need_stack(c, "No frame selected."))
		return -1;
	if (show_vars_of(c, cli_selected_frame(c), which, "") < 0)
		return cli_error(c, "No symbol table info available.");
	return 0;
}

static int info_locals(struct cli *c, char *args)
{
	(void)args;
	return show_vars(c, CDBG_VARS_LOCALS);
}

static int info_args(struct cli *c, char *args)
{
	(void)args;
	return show_vars(c, CDBG_VARS_ARGS);
}

const struct cli_cmd cli_cmds_stack[] = {
	{ "backtrace",
	  { "bt", "where" },
	  cmd_backtrace,
	  0,
	  "Print backtrace of all stack frames, or innermost N frames (bt N); bt full N also\n"
	  "prints each frame's local variables." },
	{ "frame",
	  { "f" },
	  cmd_frame,
	  0,
	  "Select and print a stack frame (frame N), or frame apply all|COUNT|-COUNT [-c|-s] [-q]\n"
	  "CMD: run CMD in each of those frames." },
	{ "faas",
	  { NULL },
	  cmd_faas,
	  0,
	  "Apply a command to all frames (ignoring errors and empty output).\n"
	  "Usage: faas [OPTION]... COMMAND\n"
	  "shortcut for 'frame apply all -s [OPTION]... COMMAND'" },
	{ "select-frame",
	  { NULL },
	  cmd_select_frame,
	  0,
	  "Select a stack frame without printing anything: select-frame [level] N,\n"
	  "select-frame address STACK-ADDRESS, select-frame function NAME." },
	{ "up", { NULL }, cmd_up, 0, "Select and print the stack frame that called this one." },
	{ "down", { "do" }, cmd_down, 0, "Select and print the stack frame called by this one." },
	{ "up-silently",
	  { NULL },
	  cmd_up_silently,
	  0,
	  "Same as the `up' command, but does not print anything (for scripts)." },
	{ "down-silently",
	  { NULL },
	  cmd_down_silently,
	  0,
	  "Same as the `down' command, but does not print anything (for scripts)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_stack[] = {
	{ "frame", { "f" }, info_frame, 0, "All about the selected stack frame." },
	{ "stack", { "s" }, cmd_backtrace, 0, "Backtrace of the stack." },
	{ "locals",
	  { 0 },
	  info_locals,
	  0,
	  "Local variables of the selected frame, innermost block first." },
	{ "args", { 0 }, info_args, 0, "Arguments of the selected frame." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
