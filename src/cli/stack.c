/*
 * stack.c - backtrace/bt/where, frame/f, up, down, info frame, and the grouped form of
 * `thread apply all bt` for programs with hundreds of threads.
 *
 * Owns: the selected frame and how frames are shown (gdb's "#1  0x... in f () at x.c:3").
 * Must not: unwind by itself (cdbg_backtrace does).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"

#define MAX_FRAMES 256

static int selected; /* the selected frame of the selected thread */
static pid_t selected_tid;
static uint64_t selected_pc0; /* the thread's pc when the frame was selected */

#define MAX_VARS 512

static uint64_t pc_of(struct cli *c, pid_t tid)
{
	uint64_t pc = 0;

	return cdbg_get_pc(c->p, tid, &pc) < 0 ? 0 : pc;
}

int cli_selected_frame(struct cli *c)
{
	if (selected_tid != c->cur_tid || !selected || pc_of(c, c->cur_tid) != selected_pc0)
		return 0;
	return selected;
}

/* "n=3, tag=0x... \"three\", r=..." as gdb's frame lines show arguments (scalars only). */
void cli_print_frame_args(struct cli *c, pid_t tid, int level)
{
	struct cdbg_var *v = calloc(MAX_VARS, sizeof(*v));
	int n = v ? cdbg_frame_vars(c->p, tid, level, CDBG_VARS_ARGS, v, MAX_VARS) : -1;

	for (int i = 0; i < n && i < MAX_VARS; i++) {
		char *text = NULL;
		bool agg = v[i].value.dtype && !v[i].value.is_pointer && v[i].value.size > 8;

		printf("%s%s=", i ? ", " : "", v[i].name);
		if (!agg && !strchr(v[i].value.type, '{') && !strchr(v[i].value.type, '['))
			text = fmt_typed(c, &v[i].value, 0, 0);
		if (text && text[0] == '{') {
			free(text);
			text = NULL;
			agg = true;
		}
		if (text)
			printf("%s", text);
		else
			printf(agg || v[i].value.dtype ? "..." : "<error>");
		free(text);
	}
	free(v);
}

static void print_frame_of(struct cli *c, pid_t tid, int i, const struct cdbg_frame *f)
{
	printf("#%-2d ", i);
	/* gdb leaves the address out of frame 0 when it sits at the start of a line. */
	struct cdbg_line ln;
	bool at_line_start = !f->is_caller && f->line && cdbg_line_by_addr(c->p, f->pc, &ln) == 0 &&
			     ln.addr == f->pc;
	if (!at_line_start)
		printf("0x%016llx in ", (unsigned long long)f->pc);
	printf("%s (", f->func[0] ? f->func : "??");
	if (f->line && tid)
		cli_print_frame_args(c, tid, i);
	printf(")");
	if (f->line) {
		const char *b = strrchr(f->file, '/');
		printf(" at %s:%d", b ? b + 1 : f->file, f->line);
	} else if (f->module[0] && (!c->prog || strcmp(f->module, c->prog))) {
		printf(" from %s", f->module);
	}
	printf("\n");
}

static void print_frame(struct cli *c, int i, const struct cdbg_frame *f)
{
	print_frame_of(c, c->cur_tid, i, f);
}

static int frames_of(struct cli *c, pid_t tid, struct cdbg_frame **out)
{
	struct cdbg_frame *f = calloc(MAX_FRAMES, sizeof(*f));
	int n;

	if (!f)
		return cli_error(c, "out of memory");
	n = cdbg_backtrace(c->p, tid, f, MAX_FRAMES);
	if (n < 0) {
		free(f);
		return cli_lib_error(c);
	}
	/* gdb's "backtrace past-main off": main's frame is the outermost one shown. */
	for (int i = 0; i < n; i++)
		if (!strcmp(f[i].func, "main"))
			n = i + 1;
	*out = f;
	return n;
}

static int show_vars_of(struct cli *c, int level, unsigned which, const char *indent);

static int cmd_backtrace(struct cli *c, char *args)
{
	struct cdbg_frame *f;
	long limit = MAX_FRAMES;
	bool full = false;
	int n, first = 0;

	if (!cli_need_stopped(c))
		return -1;
	if (!strncmp(args, "full", 4) || !strncmp(args, "-full", 5)) {
		args = cli_skip_ws(args + (args[0] == '-' ? 5 : 4));
		full = true;
	}
	if (*args && cli_parse_count(c, args, &limit) < 0)
		return -1;
	if ((n = frames_of(c, c->cur_tid, &f)) < 0)
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
	if (limit < n)
		printf("(More stack frames follow...)\n");
	free(f);
	return 0;
}

/* How `want` was asked for: by level (frame N), by up/down with a count (gdb stops at the
 * outermost or innermost frame), or by a plain up/down (an error there). */
enum sel_how { SEL_LEVEL, SEL_COUNT, SEL_ONE };

static int select_frame(struct cli *c, long want, enum sel_how how)
{
	struct cdbg_frame *f;
	int n;

	if ((n = frames_of(c, c->cur_tid, &f)) < 0)
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
	selected = (int)want;
	selected_tid = c->cur_tid;
	selected_pc0 = pc_of(c, c->cur_tid);
	print_frame(c, selected, &f[selected]);
	if (f[selected].line) {
		FILE *src = fopen(f[selected].file, "re");
		char line[1024];
		for (int k = 1; src && fgets(line, sizeof(line), src); k++)
			if (k == f[selected].line) {
				printf("%d\t%s", k, line);
				break;
			}
		if (src)
			fclose(src);
	}
	free(f);
	return 0;
}

static int current(struct cli *c)
{
	return cli_selected_frame(c);
}

static int cmd_frame(struct cli *c, char *args)
{
	long n = current(c);

	if (!cli_need_stopped(c))
		return -1;
	if (*args && cli_parse_count(c, args, &n) < 0)
		return -1;
	return select_frame(c, n, SEL_LEVEL);
}

static int cmd_up(struct cli *c, char *args)
{
	long n = 1;

	if (!cli_need_stopped(c) || (*args && cli_parse_count(c, args, &n) < 0))
		return -1;
	return select_frame(c, current(c) + n, *args ? SEL_COUNT : SEL_ONE);
}

static int cmd_down(struct cli *c, char *args)
{
	long n = 1;

	if (!cli_need_stopped(c) || (*args && cli_parse_count(c, args, &n) < 0))
		return -1;
	return select_frame(c, current(c) - n, *args ? SEL_COUNT : SEL_ONE);
}

static int info_frame(struct cli *c, char *args)
{
	struct cdbg_frame *f;
	int n, i = current(c);

	if (!cli_need_stopped(c) || (n = frames_of(c, c->cur_tid, &f)) < 0)
		return -1;
	if (i >= n) {
		free(f);
		return cli_error(c, "No stack.");
	}
	printf("Stack level %d, frame at pc = 0x%llx", i, (unsigned long long)f[i].pc);
	printf(":\n rip = 0x%llx in %s", (unsigned long long)f[i].pc, f[i].func[0] ? f[i].func : "??");
	if (f[i].line)
		printf(" (%s:%d)", f[i].file, f[i].line);
	printf("; saved rip = 0x%llx\n", i + 1 < n ? (unsigned long long)f[i + 1].pc : 0ull);
	if (i + 1 < n)
		printf(" called by frame at level %d\n", i + 1);
	if (i > 0)
		printf(" caller of frame at level %d\n", i - 1);
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
	if (!cli_need_stopped(c))
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

/* ---- thread apply all bt, grouped ---------------------------------------------------------- */

struct stack {
	pid_t tid;
	int n;
	struct cdbg_frame *f;
};

static int same_stack(const struct stack *a, const struct stack *b)
{
	if (a->n != b->n)
		return 0;
	for (int i = 0; i < a->n; i++)
		if (a->f[i].pc != b->f[i].pc)
			return 0;
	return 1;
}

/* Threads whose stacks are identical are shown once: "412 threads (3-414) in:". */
int cli_bt_all_grouped(struct cli *c, pid_t *tids, int nt)
{
	struct stack *s = calloc((size_t)nt, sizeof(*s));
	bool *done = calloc((size_t)nt, sizeof(*done));
	char name[64];

	if (!s || !done) {
		free(s);
		free(done);
		return cli_error(c, "out of memory");
	}
	for (int i = 0; i < nt; i++) {
		s[i].tid = tids[i];
		s[i].f = calloc(MAX_FRAMES, sizeof(struct cdbg_frame));
		s[i].n = s[i].f ? cdbg_backtrace(c->p, tids[i], s[i].f, MAX_FRAMES) : -1;
	}
	for (int i = nt - 1; i >= 0; i--) {
		if (done[i])
			continue;
		int count = 0;
		for (int j = i; j >= 0; j--)
			if (!done[j] && same_stack(&s[i], &s[j]))
				count++;
		if (count == 1) {
			printf("\nThread %d (%s):\n", cli_thread_num(c, tids[i]),
			       cli_thread_name(c, tids[i], name, sizeof(name)));
			done[i] = true;
		} else {
			printf("\n%d threads in:", count);
			for (int j = i; j >= 0; j--)
				if (!done[j] && same_stack(&s[i], &s[j])) {
					printf(" %d", cli_thread_num(c, tids[j]));
					done[j] = true;
				}
			printf("\n");
		}
		for (int k = 0; k < s[i].n; k++)
			print_frame_of(c, s[i].tid, k, &s[i].f[k]);
	}
	for (int i = 0; i < nt; i++)
		free(s[i].f);
	free(s);
	free(done);
	return 0;
}

const struct cli_cmd cli_cmds_stack[] = {
	{ "backtrace", { "bt", "where" }, cmd_backtrace, 0,
	  "Print backtrace of all stack frames, or innermost N frames (bt N); bt full N also\n"
	  "prints each frame's local variables." },
	{ "frame", { "f" }, cmd_frame, 0, "Select and print a stack frame (frame N)." },
	{ "up", { NULL }, cmd_up, 0, "Select and print the stack frame that called this one." },
	{ "down", { "do" }, cmd_down, 0, "Select and print the stack frame called by this one." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_stack[] = {
	{ "frame", { "f" }, info_frame, 0, "All about the selected stack frame." },
	{ "stack", { "s" }, cmd_backtrace, 0, "Backtrace of the stack." },
	{ "locals", { 0 }, info_locals, 0,
	  "Local variables of the selected frame, innermost block first." },
	{ "args", { 0 }, info_args, 0, "Arguments of the selected frame." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
