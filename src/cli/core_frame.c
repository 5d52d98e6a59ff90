/*
 * core_frame.c - frames as every part of the CLI shows them: the selected frame of the
 * selected thread, gdb's frame line ("#1  0x... in f (n=3) at x.c:3") with the arguments,
 * and the grouped form of `thread apply all bt` for programs with hundreds of threads.
 *
 * Owns: the selected frame. Must not: unwind by itself (cdbg_backtrace does); use a command
 * group's files (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int selected; /* the selected frame of the selected thread */
static pid_t selected_tid;
static uint64_t selected_pc0; /* the thread's pc when the frame was selected */

#define MAX_VARS 512

static uint64_t pc_of(struct cli *c, pid_t tid)
{
	uint64_t pc = 0;

	return cdbg_pc_get(c->p, tid, &pc) < 0 ? 0 : pc;
}

int cli_selected_frame(struct cli *c)
{
	if (selected_tid != c->cur_tid || !selected || pc_of(c, c->cur_tid) != selected_pc0)
		return 0;
	return selected;
}

/* v as the library formats it for a frame line (malloc'd), or NULL. */
static char *frame_arg_text(struct cli *c, const struct cdbg_value *v)
{
	struct cdbg_print_opts o = c->print;
	int n;
	char *buf;

	o.styled = 0; /* gdb styles the argument's name, not its value */
	n = cdbg_value_format_opts(c->p, v, 0, 0, &o, NULL, 0);
	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return NULL;
	if (cdbg_value_format_opts(c->p, v, 0, 0, &o, buf, (size_t)n + 1) < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

const char *cli_frame_func(struct cli *c, const struct cdbg_frame *f)
{
	static char *whole;
	int n;

	if (!f->func[0])
		return "??";
	if (!f->func_cut || (n = cdbg_text(c->p, f, CDBG_TEXT_FRAME_FUNC, NULL, 0)) < 0)
		return f->func;
	free(whole);
	if (!(whole = malloc((size_t)n + 1)) ||
	    cdbg_text(c->p, f, CDBG_TEXT_FRAME_FUNC, whole, (size_t)n + 1) < 0)
		return f->func;
	return whole;
}

/* "n=3, tag=0x... \"three\", r=..." as gdb's frame lines show arguments (scalars only). */
/* ---- gdb's wrap hints (set width N): a frame line is kept here, then written wrapped ---- */

static FILE *wrap_f; /* the line being kept, NULL when none */
static char *wrap_buf;
static size_t wrap_len;
#define OUT (wrap_f ? wrap_f : stdout)
#define WRAP_MARK '\001' /* then the indent as a digit: gdb's wrap_here (indent) */

FILE *cli_wrap_begin(struct cli *c)
{
	/* gdb -batch writes every line whole, whatever the width */
	if (!wrap_f && c->width > 0 && !c->width_unlimited && !c->batch)
		wrap_f = open_memstream(&wrap_buf, &wrap_len);
	return OUT;
}

void cli_wrap_hint(int indent)
{
	if (wrap_f)
		fprintf(wrap_f, "%c%c", WRAP_MARK, '0' + indent);
}

/* An SGR escape at s: its length (it takes no column), else 0. */
static size_t sgr_len(const char *s)
{
	size_t k = 2;

	if (s[0] != '\033' || s[1] != '[')
		return 0;
	while (s[k] && (isdigit((unsigned char)s[k]) || s[k] == ';'))
		k++;
	return s[k] == 'm' ? k + 1 : 0;
}

/* s written as gdb's pager writes it (utils.c): the text after a wrap hint is held; when the
 * line reaches the width, a newline and the hint's indent go where the hint was; with no hint
 * the line just goes on. col: where the line already is. Escapes take no column. */
static void put_wrapped(int width, const char *s, int col)
{
	char *held = malloc(strlen(s) + 1);
	size_t nheld = 0;
	int wrap = -1, indent = 0, chars = col;

	if (!held) {
		for (; *s; s++)
			if (*s != WRAP_MARK)
				putchar(*s);
			else if (s[1])
				s++;
		return;
	}
	for (; *s; s++) {
		size_t k;
		if (*s == WRAP_MARK && s[1]) {
			fwrite(held, 1, nheld, stdout);
			nheld = 0;
			s++;
			if (chars >= width) {
				printf("\n%*s", *s - '0', "");
				chars = *s - '0';
				wrap = -1;
			} else {
				wrap = chars;
				indent = *s - '0';
			}
			continue;
		}
		if ((k = sgr_len(s))) {
			memcpy(held + nheld, s, k);
			nheld += k;
			s += k - 1;
			continue;
		}
		if (*s == '\n') {
			fwrite(held, 1, nheld, stdout);
			nheld = 0;
			putchar('\n');
			chars = 0;
			wrap = -1;
			continue;
		}
		held[nheld++] = *s;
		if (wrap < 0) {
			fwrite(held, 1, nheld, stdout);
			nheld = 0;
		}
		if (++chars < width)
			continue;
		if (wrap >= 0) {
			int visible = 0;
			for (size_t i = 0; i < nheld; i++) {
				size_t e = sgr_len(held + i);
				if (e)
					i += e - 1;
				else
					visible++;
			}
			printf("\n%*s", indent, "");
			fwrite(held, 1, nheld, stdout);
			nheld = 0;
			chars = indent + visible;
			wrap = -1;
		} else {
			chars = 0;
		}
	}
	fwrite(held, 1, nheld, stdout);
	free(held);
}

void cli_wrap_end(struct cli *c, int col)
{
	if (!wrap_f)
		return;
	fclose(wrap_f);
	wrap_f = NULL;
	if (wrap_buf)
		put_wrapped(c->width, wrap_buf, col);
	free(wrap_buf);
	wrap_buf = NULL;
}

void cli_print_frame_args(struct cli *c, pid_t tid, int level)
{
	/* A few first (every frame line of a thousand-thread `bt` comes here), all when more. */
	int max = 8;
	struct cdbg_var *v = malloc((size_t)max * sizeof(*v));
	int n = v ? cdbg_frame_vars(c->p, tid, level, CDBG_VARS_ARGS, v, (size_t)max) : -1;

	if (n > max) {
		struct cdbg_var *w = realloc(v, (size_t)(n < MAX_VARS ? n : MAX_VARS) * sizeof(*v));
		max = n < MAX_VARS ? n : MAX_VARS;
		if (w) {
			v = w;
			n = cdbg_frame_vars(c->p, tid, level, CDBG_VARS_ARGS, v, (size_t)max);
		} else {
			n = max = 8; /* the first ones, at least */
		}
	}
	if (n > max)
		n = max;
	if (c->frame_args == CLI_FRAME_ARGS_PRESENCE) { /* gdb: "..." for any arguments */
		if (n > 0)
			fputs("...", OUT);
		free(v);
		return;
	}

	for (int i = 0; i < n && i < MAX_VARS; i++) {
		char *text = NULL;
		bool agg = v[i].value.dtype && !v[i].value.is_pointer && v[i].value.size > 8;
		bool all = c->frame_args == CLI_FRAME_ARGS_ALL;

		fputs(i ? ", " : "", OUT);
		cli_wrap_hint(4);
		fprintf(OUT, "%s%s%s=", cli_st(c, CDBG_STYLE_VARIABLE), v[i].name,
			cli_st_end(c, CDBG_STYLE_VARIABLE));
		if (c->frame_args == CLI_FRAME_ARGS_NONE) {
			fputs("...", OUT);
			continue;
		}
		if (all || (!agg && !strchr(v[i].value.type, '{') && !strchr(v[i].value.type, '[')))
			text = frame_arg_text(c, &v[i].value);
		if (text && text[0] == '{' && !all) {
			free(text);
			text = NULL;
			agg = true;
		}
		if (text)
			fputs(text, OUT);
		else
			fputs(agg || v[i].value.dtype ? "..." : "<error>", OUT);
		free(text);
	}
	free(v);
}

void cli_select_frame(struct cli *c, int level)
{
	selected = level;
	selected_tid = c->cur_tid;
	selected_pc0 = pc_of(c, c->cur_tid);
}

void cli_print_frame_line(struct cli *c, pid_t tid, int i, const struct cdbg_frame *f)
{
	FILE *o = cli_wrap_begin(c);

	fprintf(o, "#%-2d ", i);
	cli_print_frame_text(c, tid, i, f);
	cli_wrap_end(c, 0);
}

void cli_print_frame_text(struct cli *c, pid_t tid, int i, const struct cdbg_frame *f)
{
	/* gdb leaves the address out of frame 0 when it sits at the start of a line: of a
	 * statement row (a row that is not one continues the line before it, for gdb). */
	struct cdbg_line ln;
	if (f->is_dummy) { /* a function called from cdbg stopped inside: its caller */
		fprintf(OUT, "<function called from gdb>\n");
		return;
	}
	if (f->is_sigtramp) { /* below it: the code the signal interrupted */
		fprintf(OUT, "<signal handler called>\n");
		return;
	}
	bool at_line_start = !f->is_caller && f->line && cdbg_line_by_addr(c->p, f->pc, &ln) == 0 &&
			     ln.addr == f->pc && ln.is_stmt;
	FILE *o = cli_wrap_begin(c);
	if (!at_line_start && !c->print.no_address) /* set print address off: none */
		fprintf(o, "%s0x%016llx%s in ", cli_st(c, CDBG_STYLE_ADDRESS),
			(unsigned long long)f->pc, cli_st_end(c, CDBG_STYLE_ADDRESS));
	fprintf(o, "%s%s%s", cli_st(c, CDBG_STYLE_FUNCTION), cli_frame_func(c, f),
		cli_st_end(c, CDBG_STYLE_FUNCTION));
	cli_wrap_hint(3);
	fputs(" (", o);
	if (f->line && tid)
		cli_print_frame_args(c, tid, i);
	fputs(")", o);
	if (f->line) {
		const char *b = strrchr(f->file, '/');
		cli_wrap_hint(3);
		fprintf(o, " at %s%s%s:%d", cli_st(c, CDBG_STYLE_FILENAME), b ? b + 1 : f->file,
			cli_st_end(c, CDBG_STYLE_FILENAME), f->line);
	} else if (f->module[0] && (!c->prog || strcmp(f->module, c->prog))) {
		cli_wrap_hint(2);
		fprintf(o, " from %s%s%s", cli_st(c, CDBG_STYLE_FILENAME), f->module,
			cli_st_end(c, CDBG_STYLE_FILENAME));
	}
	fputs("\n", o);
	cli_wrap_end(c, 0);
}

int cli_frames(struct cli *c, pid_t tid, struct cdbg_frame **out)
{
	/* Most stacks are short: a small array first (a thousand threads' `bt` would otherwise
	 * clear a quarter of a megabyte each), the whole depth when it filled. */
	size_t max = 32;
	struct cdbg_frame *f = malloc(max * sizeof(*f));
	int n;

	if (!f)
		return cli_error(c, "out of memory");
	n = cdbg_backtrace(c->p, tid, f, max);
	if (n == (int)max) {
		struct cdbg_frame *g = realloc(f, CLI_MAX_FRAMES * sizeof(*f));
		if (!g) {
			free(f);
			return cli_error(c, "out of memory");
		}
		f = g;
		n = cdbg_backtrace(c->p, tid, f, CLI_MAX_FRAMES);
	}
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

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Threads whose stacks are identical are shown once: "412 threads (3-414) at f <- g:". */
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
		/* most stacks are short: 32 frames first, all of them only for a deeper one (a
		 * thousand threads times CLI_MAX_FRAMES frames would be hundreds of megabytes) */
		s[i].tid = tids[i];
		s[i].f = calloc(32, sizeof(struct cdbg_frame));
		s[i].n = s[i].f ? cdbg_backtrace(c->p, tids[i], s[i].f, 32) : -1;
		if (s[i].n == 32) {
			struct cdbg_frame *f = realloc(s[i].f, CLI_MAX_FRAMES * sizeof(*f));
			if (f) {
				s[i].f = f;
				s[i].n = cdbg_backtrace(c->p, tids[i], f, CLI_MAX_FRAMES);
			}
		}
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
			/* "412 threads (3-414) at futex_wait <- pool_worker <- start_thread:" */
			int *nums = malloc((size_t)count * sizeof(*nums)), k = 0;
			for (int j = i; j >= 0; j--)
				if (!done[j] && same_stack(&s[i], &s[j])) {
					if (nums)
						nums[k++] = cli_thread_num(c, tids[j]);
					done[j] = true;
				}
			printf("\n%d threads (", count);
			if (nums)
				qsort(nums, (size_t)k, sizeof(*nums), int_cmp);
			for (int a = 0; a < k;) {
				int b = a;
				while (b + 1 < k && nums[b + 1] == nums[b] + 1)
					b++;
				printf(a ? ", %d" : "%d", nums[a]);
				if (b > a)
					printf("-%d", nums[b]);
				a = b + 1;
			}
			free(nums);
			printf(")");
			for (int f = 0; f < s[i].n && f < 4; f++)
				printf(" %s %s", f ? "<-" : "at", cli_frame_func(c, &s[i].f[f]));
			printf("%s:\n", s[i].n > 4 ? " <- ..." : "");
		}
		for (int k = 0; k < s[i].n; k++)
			cli_print_frame_line(c, s[i].tid, k, &s[i].f[k]);
	}
	for (int i = 0; i < nt; i++)
		free(s[i].f);
	free(s);
	free(done);
	return 0;
}
