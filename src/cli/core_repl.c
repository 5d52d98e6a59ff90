/*
 * core_repl.c - where commands come from: -iex/-ex/-x in order, `source` files, then standard
 * input (a pipe or file, read as gdb reads it) or the interactive prompt (libedit: history
 * across runs, tab completion, an empty line repeats the last command, Ctrl-D quits); gdb's
 * yes-or-no questions (cli_query), answered from the same input.
 *
 * Owns: the queue of pending command lines and the prompt. Must not: interpret commands
 * (dispatch.c does, through cli_execute); use a command group's files
 * (scripts/check-cli-cycles).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

/* A queued command line; its command file and line when it comes from one. */
struct cli_source {
	char *line;
	const struct cli_src_file *file;
	int lineno;
	struct cli_source *next;
};

static struct cli_src_file *all_files; /* every command file read, until cli_queue_free */

static struct cli_source **queue_tail(struct cli *c)
{
	struct cli_source **pp = &c->src;

	while (*pp)
		pp = &(*pp)->next;
	return pp;
}

/* Append a command line to the queue (at the end, or at the front for `source`). */
int cli_queue_line(struct cli *c, const char *line, bool front)
{
	struct cli_source *s = calloc(1, sizeof(*s));

	if (!s || !(s->line = strdup(line))) {
		free(s);
		return -1;
	}
	if (front) {
		s->next = c->src;
		c->src = s;
	} else {
		*queue_tail(c) = s;
	}
	return 0;
}

/* Queue every line of a command file. */
int cli_queue_file(struct cli *c, const char *path, bool front)
{
	struct cli_source *head = NULL, **tail = &head;
	char *line = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return cli_error(c, "%s: %s.", path, strerror(errno));
	struct cli_src_file *info = calloc(1, sizeof(*info));
	int no = 0;

	if (info && !(info->name = strdup(path))) {
		free(info);
		info = NULL;
	}
	if (info) {
		/* Sourced by a line of another file: an error here ends that one too. */
		info->parent = c->src_file;
		info->parent_line = c->src_line;
		info->next_all = all_files;
		all_files = info;
	}
	char *held = NULL; /* lines ending with a backslash, which go on in the next one */
	while (getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		size_t n = strlen(line), h = held ? strlen(held) : 0;
		char *whole = malloc(h + n + 1);
		if (!whole)
			break;
		memcpy(whole, held ? held : "", h);
		memcpy(whole + h, line, n + 1);
		free(held);
		held = NULL;
		++no;
		if (n && line[n - 1] == '\\') {
			whole[h + n - 1] = '\0';
			held = whole;
			continue;
		}
		struct cli_source *s = calloc(1, sizeof(*s));
		if (!s) {
			free(whole);
			break;
		}
		s->line = whole;
		s->file = info;
		s->lineno = no;
		*tail = s;
		tail = &s->next;
	}
	free(held);
	free(line);
	fclose(f);
	if (front) {
		*tail = c->src;
		c->src = head;
	} else {
		*queue_tail(c) = head;
	}
	return 0;
}

int cli_source_file(struct cli *c, const char *path)
{
	return cli_queue_file(c, path, true);
}

/* ---- libedit, loaded only when a person is at a terminal ----------------------------------- */

/*
 * libedit's own interface (histedit.h, declared here so that building needs no libedit
 * headers): its readline emulation completes with a bell and a redraw of the whole line, where
 * gdb's readline prints only what it adds; so TAB is a function of our own.
 */
typedef struct editline EditLine;
typedef struct history History;
typedef struct {
	const char *buffer, *cursor, *lastchar;
} ed_line_info;
typedef struct {
	int num;
	const char *str;
} ed_hist_event;
enum { ED_PROMPT = 0, ED_EDITOR = 2, ED_SIGNAL = 3, ED_BIND = 4, ED_ADDFN = 9, ED_HIST = 10 };
enum { ED_CC_NORM = 0, ED_CC_REFRESH = 4, ED_CC_ERROR = 6 };
enum { ED_H_SETSIZE = 1, ED_H_ENTER = 10, ED_H_LOAD = 17, ED_H_SAVE = 18 };

static struct {
	bool loaded, failed;
	EditLine *el;
	History *hist;
	EditLine *(*init)(const char *, FILE *, FILE *, FILE *);
	const char *(*gets)(EditLine *, int *);
	int (*set)(EditLine *, int, ...);
	const ed_line_info *(*line)(EditLine *);
	int (*insertstr)(EditLine *, const char *);
	void (*deletestr)(EditLine *, int);
	void (*push)(EditLine *, const char *);
	int (*source)(EditLine *, const char *);
	History *(*history_init)(void);
	int (*history)(History *, ed_hist_event *, int, ...);
} ed;

static const char *ed_prompt = "";

static char *edit_prompt(EditLine *el)
{
	(void)el;
	return (char *)ed_prompt;
}

static unsigned char edit_complete(EditLine *el, int ch);

static bool edit_load(void)
{
	void *h;

	if (ed.loaded || ed.failed)
		return ed.loaded;
	ed.failed = true;
	h = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	*(void **)&ed.init = dlsym(h, "el_init");
	*(void **)&ed.gets = dlsym(h, "el_gets");
	*(void **)&ed.set = dlsym(h, "el_set");
	*(void **)&ed.line = dlsym(h, "el_line");
	*(void **)&ed.insertstr = dlsym(h, "el_insertstr");
	*(void **)&ed.deletestr = dlsym(h, "el_deletestr");
	*(void **)&ed.source = dlsym(h, "el_source");
	*(void **)&ed.push = dlsym(h, "el_push");
	*(void **)&ed.history_init = dlsym(h, "history_init");
	*(void **)&ed.history = dlsym(h, "history");
	if (!ed.init || !ed.gets || !ed.set || !ed.line || !ed.insertstr || !ed.deletestr ||
	    !ed.push || !ed.history_init || !ed.history)
		return false;
	ed.el = ed.init("cdbg", stdin, stdout, stderr);
	ed.hist = ed.history_init();
	if (!ed.el || !ed.hist)
		return false;
	ed_hist_event ev;
	ed.history(ed.hist, &ev, ED_H_SETSIZE, 1 << 30);
	/* what libedit's readline emulation sets, TAB aside */
	ed.set(ed.el, ED_HIST, ed.history, ed.hist);
	ed.set(ed.el, ED_PROMPT, edit_prompt);
	ed.set(ed.el, ED_SIGNAL, 1);
	ed.set(ed.el, ED_EDITOR, "emacs");
	ed.set(ed.el, ED_ADDFN, "cdbg-complete", "gdb's completion", edit_complete);
	ed.set(ed.el, ED_BIND, "^I", "cdbg-complete", NULL);
	ed.set(ed.el, ED_BIND, "^R", "em-inc-search-prev", NULL);
	ed.set(ed.el, ED_BIND, "\\e[1~", "ed-move-to-beg", NULL);
	ed.set(ed.el, ED_BIND, "\\e[4~", "ed-move-to-end", NULL);
	ed.set(ed.el, ED_BIND, "\\e[H", "ed-move-to-beg", NULL);
	ed.set(ed.el, ED_BIND, "\\e[F", "ed-move-to-end", NULL);
	ed.set(ed.el, ED_BIND, "\\e[3~", "ed-delete-next-char", NULL);
	ed.set(ed.el, ED_BIND, "\\e[1;5C", "em-next-word", NULL);
	ed.set(ed.el, ED_BIND, "\\e[1;5D", "ed-prev-word", NULL);
	if (ed.source)
		ed.source(ed.el, NULL);
	ed.loaded = true;
	ed.failed = false;
	return true;
}

static const char *history_path(void)
{
	static char path[4096];
	const char *env = getenv("CDBG_HISTORY"), *home = getenv("HOME");

	if (env)
		return env;
	snprintf(path, sizeof(path), "%s/.cdbg_history", home ? home : ".");
	return path;
}

/*
 * TAB, as gdb's readline does it: gdb's completion of the line up to the cursor (cli_complete).
 * The word is what follows the last of gdb's word-break characters shared by every completed
 * line. One candidate: the rest of it and a blank are inserted and only they are printed.
 * Several: their common part is inserted and the bell rung; a TAB that changes nothing right
 * after a TAB lists them (the words only, in columns, asking first when there are 100 or
 * more), then prints the prompt and the line again. Nothing completes: the bell.
 */
static struct cli *comp_cli;
static bool comp_last_tab_idle; /* the last key was a TAB that changed nothing */
static char *comp_last_line;    /* the line then */
static const char comp_breaks[] = " \t\n!@#$%^&*()+=|~`}{[]\"';:?/>.<,";

static size_t comp_common(char **v, int n, size_t from)
{
	size_t k = strlen(v[0]);

	for (int i = 1; i < n; i++) {
		size_t j = from;
		while (j < k && v[i][j] == v[0][j])
			j++;
		k = j;
	}
	return k;
}

static int comp_width(void)
{
	struct winsize ws;

	if (comp_cli && comp_cli->width > 0)
		return comp_cli->width;
	if (comp_cli && comp_cli->width_unlimited)
		return 46340; /* gdb gives readline sqrt(INT_MAX) columns for width 0 */
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	return 80;
}

/* readline's rl_display_match_list: down the columns, the last column unpadded */
static void comp_list(char **v, int n, size_t word, const char *line)
{
	size_t max = 0;
	int cols = comp_width(), limit, rows;

	if (n >= 100) {
		printf("\nDisplay all %d possibilities? (y or n)", n);
		fflush(stdout);
		for (;;) {
			char ch;
			if (read(0, &ch, 1) != 1 || ch == 'n' || ch == 'N' || ch == 0x7f) {
				printf("\n");
				goto redraw;
			}
			if (ch == 'y' || ch == 'Y' || ch == ' ')
				break;
			fputs("\a", stdout);
			fflush(stdout);
		}
	}
	for (int i = 0; i < n; i++)
		if (strlen(v[i] + word) > max)
			max = strlen(v[i] + word);
	max += 2;
	limit = cols / (int)max;
	if (limit != 1 && limit * (int)max == cols)
		limit--;
	if (limit <= 0)
		limit = 1;
	rows = (n + limit - 1) / limit;
	printf("\n");
	for (int r = 0; r < rows; r++) {
		for (int k = 0; k < limit; k++) {
			int i = r + k * rows;
			if (i >= n)
				break;
			fputs(v[i] + word, stdout);
			if (k + 1 < limit)
				printf("%*s", (int)(max - strlen(v[i] + word)), "");
		}
		printf("\n");
	}
redraw:
	/* the prompt and the line again; the cursor back where it was */
	printf("%s%s", ed_prompt, line);
	const ed_line_info *li = ed.line(ed.el);
	for (const char *p = li->cursor; p < li->lastchar; p++)
		putchar('\b');
	fflush(stdout);
}

static unsigned char edit_complete(EditLine *el, int ch)
{
	const ed_line_info *li = ed.line(el);
	size_t end = (size_t)(li->cursor - li->buffer), word = 0, typed, common;
	char *line, **v = NULL;
	bool trunc, pushed = false,
		    idle = comp_last_tab_idle && comp_last_line &&
			   !strncmp(comp_last_line, li->buffer, end) && !comp_last_line[end];
	int n;

	(void)ch;
	comp_last_tab_idle = false;
	if (!comp_cli || !comp_cli->max_completions || !(line = strndup(li->buffer, end)))
		return ED_CC_ERROR;
	n = cli_complete(comp_cli, line, &v, &trunc);
	if (n <= 0) {
		free(line);
		free(v);
		fputs("\a", stdout);
		fflush(stdout);
		comp_last_tab_idle = true;
		return ED_CC_NORM;
	}
	/* the word: after the last break character of what every line shares with the typed one */
	typed = 0;
	while (typed < end && line[typed] == v[0][typed])
		typed++;
	for (int i = 1; i < n; i++)
		while (typed && strncmp(v[i], line, typed))
			typed--;
	for (size_t i = 0; i < typed; i++)
		if (strchr(comp_breaks, line[i]))
			word = i + 1;
	common = comp_common(v, n, word);
	if (common < end || strncmp(v[0], line, end)) {
		/* the typed word is not a prefix (case, or another spelling): replace it */
		if (common > word) {
			ed.deletestr(el, (int)(end - word));
			char *ins = strndup(v[0] + word, common - word);
			if (ins)
				ed.insertstr(el, ins);
			free(ins);
		}
	} else if (common > end || n == 1) {
		/* typed as if by the user: libedit then prints only these characters */
		char *ins = malloc(common - end + 2);
		if (ins) {
			memcpy(ins, v[0] + end, common - end);
			/* a directory ("dir/") goes on being typed: no blank after it */
			strcpy(ins + (common - end),
			       n == 1 && !(common > 0 && v[0][common - 1] == '/') ? " " : "");
			ed.push(el, ins);
		}
		free(ins);
		pushed = true;
	}
	bool changed = common != end || strncmp(v[0], line, end) || n == 1;
	if (n > 1) {
		if (changed || !idle) {
			fputs("\a", stdout); /* rung before what is inserted shows */
			fflush(stdout);
		} else {
			li = ed.line(el);
			char *all = strndup(li->buffer, (size_t)(li->lastchar - li->buffer));
			if (all)
				comp_list(v, n, word, all);
			free(all);
		}
		comp_last_tab_idle = !changed;
	}
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
	free(line);
	free(comp_last_line);
	comp_last_line = comp_last_tab_idle ? strndup(li->buffer, end) : NULL;
	return changed && !pushed ? ED_CC_REFRESH : ED_CC_NORM;
}

void cli_prompt_init(struct cli *c)
{
	if (!c->interactive || !edit_load())
		return;
	comp_cli = c;
	ed_hist_event ev;
	ed.history(ed.hist, &ev, ED_H_LOAD, history_path());
}

void cli_prompt_done(struct cli *c)
{
	ed_hist_event ev;

	if (c->interactive && ed.loaded)
		ed.history(ed.hist, &ev, ED_H_SAVE, history_path());
}

/*
 * libedit writes the prompt while the terminal is still in cooked mode and only then puts it in
 * raw mode: a line typed as soon as the prompt shows (as gdb's testsuite does through expect)
 * was echoed by the terminal and then again by libedit. gdb's readline echoes such a line once.
 * So the terminal's own echo is off for the whole of the read (canonical mode stays on: what
 * was typed before is kept) and the terminal is put back as it was afterwards. A line typed
 * while a command ran is echoed by the terminal when typed and by libedit after the prompt, as
 * gdb's readline does.
 */
static bool edit_echo_off(struct termios *saved)
{
	struct termios t;

	if (tcgetattr(0, saved) < 0 || !(saved->c_lflag & ECHO))
		return false;
	t = *saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	return tcsetattr(0, TCSANOW, &t) == 0;
}

static char *edit_readline(const char *prompt)
{
	struct termios saved;
	bool restore = edit_echo_off(&saved);
	const char *got;
	char *line = NULL;
	int count = 0;

	ed_prompt = prompt;
	comp_last_tab_idle = false;
	got = ed.gets(ed.el, &count);
	if (got && count > 0 && (line = strdup(got)))
		line[strcspn(line, "\n")] = '\0';
	if (restore)
		tcsetattr(0, TCSANOW, &saved);
	return line;
}

static void edit_add_history(const char *line)
{
	ed_hist_event ev;

	ed.history(ed.hist, &ev, ED_H_ENTER, line);
}

/* ---- reading ------------------------------------------------------------------------------ */

/* set prompt, set editing */
static char prompt_text[256] = "(cdbg) ";
static bool editing_off;

const char *cli_prompt(void)
{
	return prompt_text;
}

void cli_set_prompt(const char *text)
{
	snprintf(prompt_text, sizeof(prompt_text), "%s", text);
}

bool cli_editing(struct cli *c)
{
	return c->interactive && ed.loaded && !editing_off;
}

void cli_set_editing(bool on)
{
	editing_off = !on;
}

static char *read_stdin(struct cli *c, const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;

	cli_term_ours(); /* gdb's target_terminal::ours: the prompt and questions are cdbg's */
	if (cli_editing(c)) {
		for (;;) {
			line = edit_readline(prompt);
			if (line || cli_got_signal != SIGINT)
				break;
			cli_got_signal = 0; /* Ctrl-C at the prompt: a fresh line */
			printf("Quit\n");
		}
		if (line && *line)
			edit_add_history(line);
		return line;
	}
	if (c->interactive) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	for (;;) {
		errno = 0;
		if (getline(&line, &cap, stdin) >= 0) {
			line[strcspn(line, "\r\n")] = '\0';
			return line;
		}
		if (errno == EINTR && (!cli_got_signal || cli_got_signal == SIGINT)) {
			/* Ctrl-C at the prompt: gdb says "Quit" and reads on. */
			if (cli_got_signal == SIGINT) {
				cli_got_signal = 0;
				printf("Quit\n");
				if (c->interactive)
					fputs(prompt, stdout);
				fflush(stdout);
			}
			clearerr(stdin);
			continue;
		}
		free(line);
		return NULL;
	}
}

char *cli_read_line(struct cli *c, const char *prompt)
{
	struct cli_source *s = c->src;
	char *line;

	if (s) {
		c->src = s->next;
		line = s->line;
		c->src_file = s->file;
		c->src_line = s->lineno;
		free(s);
		return line;
	}
	c->src_file = NULL;
	if (c->batch || (cli_got_signal && cli_got_signal != SIGINT))
		return NULL;
	line = read_stdin(c, prompt);
	/* gdb: a line that ends with a backslash goes on in the next one, read with no prompt */
	for (size_t n; line && (n = strlen(line)) && line[n - 1] == '\\';) {
		char *more = read_stdin(c, ""), *joined;

		line[n - 1] = '\0';
		if (!more)
			break;
		joined = malloc(n + strlen(more));
		if (joined) {
			memcpy(joined, line, n - 1);
			strcpy(joined + n - 1, more);
		}
		free(line);
		free(more);
		line = joined;
	}
	return line;
}

bool cli_query(struct cli *c, const char *question)
{
	char prompt[512];

	if (!c->confirm)
		return true;
	if (!c->interactive || c->src) {
		printf("%s(y or n) [answered Y; input not from terminal]\n", question);
		fflush(stdout);
		return true;
	}
	snprintf(prompt, sizeof(prompt), "%s(y or n) ", question);
	for (;;) {
		char *ans = cli_read_line(c, prompt), *a;
		bool yes, no;
		if (!ans)
			return true; /* EOF: gdb answers y */
		a = cli_skip_ws(ans);
		yes = *a == 'y' || *a == 'Y';
		no = *a == 'n' || *a == 'N';
		free(ans);
		if (yes || no)
			return yes;
		printf("Please answer y or n.\n");
	}
}

bool cli_from_tty(struct cli *c)
{
	/* gdb: from_tty = !batch_flag for -ex lines, 0 for lines of a command file (-x, source:
	 * c->src_file), 1 at the prompt. */
	return !c->batch && !c->src_file;
}

/* SIGTERM or SIGHUP asks cdbg to leave; SIGINT only interrupts (the program, or the prompt). */
static bool leaving(void)
{
	if (cli_got_signal == SIGINT)
		cli_got_signal = 0;
	return cli_got_signal != 0;
}

/* Is file f, or a file that sourced it, `top`? */
static bool sourced_from(const struct cli_src_file *f, const struct cli_src_file *top)
{
	for (; f; f = f->parent)
		if (f == top)
			return true;
	return false;
}

/* After an error in command file `at`: drop the queued lines of the outermost file that led to
 * it and of every file it sourced (gdb ends them all). */
static void drop_file(struct cli *c, const struct cli_src_file *at)
{
	struct cli_source **pp = &c->src;

	while (at->parent)
		at = at->parent;
	while (*pp) {
		struct cli_source *s = *pp;
		if (!sourced_from(s->file, at)) {
			pp = &s->next;
			continue;
		}
		*pp = s->next;
		free(s->line);
		free(s);
	}
}

/* Read and execute commands until input ends, `quit`, or a signal asks cdbg to leave. */
void cli_loop(struct cli *c)
{
	char *line, *typed = NULL; /* the last line read from the input (not -ex, -x, source) */
	bool queued = c->src != NULL;

	while (!c->quit && !leaving() && (line = cli_read_line(c, prompt_text))) {
		char *s = cli_skip_ws(line);
		if (!*s && c->interactive && c->last_cmd && cli_last_repeats()) {
			/* gdb repeats `x` as a plain x: it goes on after the last unit shown. */
			bool is_x = c->last_cmd[0] == 'x' &&
				    (c->last_cmd[1] == '/' || c->last_cmd[1] == ' ' ||
				     !c->last_cmd[1]);
			cli_execute(c, is_x ? "x" : c->last_cmd);
		} else if (*s) {
			int errors = c->errors;
			const struct cli_src_file *from = c->src_file;
			free(c->last_cmd);
			c->last_cmd = strdup(s);
			c->prev_cmd = typed; /* gdb's with repeats the line typed before */
			c->relaunched = false;
			cli_execute(c, s);
			c->prev_cmd = NULL;
			if (!queued && !c->relaunched) { /* a relaunch leaves it the line before */
				free(typed);
				typed = cli_last_flags() & CLI_NO_REPEAT ? NULL : strdup(s);
			}
			if (from && c->errors != errors)
				drop_file(c, from); /* gdb: an error ends the command file */
			c->src_file = NULL;
		}
		free(line);
		fflush(stdout);
		queued = c->src != NULL;
	}
	free(typed);
	if (!line && c->interactive && !c->quit && !leaving())
		printf("quit\n"); /* Ctrl-D, as gdb echoes it */
}

/* Free the queue of pending lines. */
void cli_queue_free(struct cli *c)
{
	while (c->src) {
		struct cli_source *s = c->src;
		c->src = s->next;
		free(s->line);
		free(s);
	}
	while (all_files) {
		struct cli_src_file *f = all_files;
		all_files = f->next_all;
		free(f->name);
		free(f);
	}
	c->src_file = NULL;
}
