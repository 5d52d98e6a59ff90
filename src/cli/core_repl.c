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
	while (getline(&line, &cap, f) >= 0) {
		struct cli_source *s = calloc(1, sizeof(*s));
		if (!s)
			break;
		line[strcspn(line, "\r\n")] = '\0';
		s->line = strdup(line);
		s->file = info;
		s->lineno = ++no;
		*tail = s;
		tail = &s->next;
	}
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

typedef char **(*completion_fn)(const char *, int, int);
static struct {
	bool loaded, failed;
	char *(*readline)(const char *);
	int (*add_history)(const char *);
	int (*read_history)(const char *);
	int (*write_history)(const char *);
	char **(*completion_matches)(const char *, char *(*)(const char *, int));
	completion_fn *attempted; /* rl_attempted_completion_function */
	int *over;                /* rl_attempted_completion_over */
	char **line_buffer;       /* rl_line_buffer */
	const char **name;        /* rl_readline_name */
} ed;

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
	*(void **)&ed.readline = dlsym(h, "readline");
	*(void **)&ed.add_history = dlsym(h, "add_history");
	*(void **)&ed.read_history = dlsym(h, "read_history");
	*(void **)&ed.write_history = dlsym(h, "write_history");
	*(void **)&ed.completion_matches = dlsym(h, "rl_completion_matches");
	ed.attempted = dlsym(h, "rl_attempted_completion_function");
	ed.name = dlsym(h, "rl_readline_name");
	ed.over = dlsym(h, "rl_attempted_completion_over");
	ed.line_buffer = dlsym(h, "rl_line_buffer");
	if (!ed.readline || !ed.add_history)
		return false;
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
 * TAB: gdb's completion of the line up to the cursor (cli_complete), each completed line cut
 * where libedit's word starts. libedit completes the common part and beeps; a second TAB lists
 * the candidates, as gdb's readline does. Nothing else is tried (no file names by default).
 */
static struct cli *comp_cli;
static struct {
	char **v;
	size_t n, next, start;
} comp;

static void comp_free(void)
{
	for (size_t i = 0; i < comp.n; i++)
		free(comp.v[i]);
	free(comp.v);
	comp.v = NULL;
	comp.n = comp.next = 0;
}

static char *comp_generator(const char *text, int state)
{
	(void)text;
	(void)state;
	while (comp.next < comp.n) {
		const char *s = comp.v[comp.next++];
		if (strlen(s) >= comp.start)
			return strdup(s + comp.start);
	}
	return NULL;
}

static char **comp_attempt(const char *text, int start, int end)
{
	char *line, **v;
	bool trunc;
	int n;

	if (ed.over)
		*ed.over = 1;
	if (!ed.completion_matches || !ed.line_buffer || !*ed.line_buffer || start < 0 ||
	    end < start || !comp_cli || !comp_cli->max_completions)
		return NULL;
	if (!(line = strndup(*ed.line_buffer, (size_t)end)))
		return NULL;
	comp_free();
	n = cli_complete(comp_cli, line, &v, &trunc);
	for (int i = 0; i < n; i++) {
		/* only the lines that keep what is typed before libedit's word */
		if (strncmp(v[i], line, (size_t)start)) {
			free(v[i]);
			continue;
		}
		v[comp.n++] = v[i];
	}
	comp.v = n > 0 ? v : (free(v), NULL);
	comp.start = (size_t)start;
	free(line);
	if (!comp.n) { /* readline rings the bell when nothing completes; libedit says nothing */
		fputs("\a", stdout);
		fflush(stdout);
		return NULL;
	}
	return ed.completion_matches(text, comp_generator);
}

void cli_prompt_init(struct cli *c)
{
	if (!c->interactive || !edit_load())
		return;
	if (ed.name)
		*ed.name = "cdbg";
	comp_cli = c;
	if (ed.attempted)
		*ed.attempted = comp_attempt;
	if (ed.read_history)
		ed.read_history(history_path());
}

void cli_prompt_done(struct cli *c)
{
	if (c->interactive && ed.loaded && ed.write_history)
		ed.write_history(history_path());
	comp_free();
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
	char *line = ed.readline(prompt);

	if (restore)
		tcsetattr(0, TCSANOW, &saved);
	return line;
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

	if (cli_editing(c)) {
		for (;;) {
			line = edit_readline(prompt);
			if (line || cli_got_signal != SIGINT)
				break;
			cli_got_signal = 0; /* Ctrl-C at the prompt: a fresh line */
			printf("Quit\n");
		}
		if (line && *line && ed.add_history)
			ed.add_history(line);
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
	return read_stdin(c, prompt);
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
	char *line;

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
			cli_execute(c, s);
			if (from && c->errors != errors)
				drop_file(c, from); /* gdb: an error ends the command file */
			c->src_file = NULL;
		}
		free(line);
		fflush(stdout);
	}
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
