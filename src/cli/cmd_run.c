/*
 * cmd_run.c - the program's lifetime as commands: run/start/continue/signal/kill/detach/quit,
 * attach, file and core-file (cmd_run_core.c), the program's arguments (set args), info inferiors and info proc.
 *
 * Owns: launching (with < and > redirections) and letting the program go. Must not: make
 * ptrace requests (libcdbg does); show stops itself (core_stop.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "groups.h"

int cli_set_args(struct cli *c, const char *line)
{
	char *copy = strdup(line), *s = copy;
	size_t n = 0;

	for (size_t i = 0; c->args && c->args[i]; i++)
		free(c->args[i]);
	free(c->args);
	c->args = calloc(strlen(line) / 2 + 2, sizeof(char *));
	if (!c->args || !copy) {
		free(copy);
		return cli_error(c, "out of memory");
	}
	while (*(s = cli_skip_ws(s)))
		c->args[n++] = strdup(cli_next_word(&s));
	c->args[n] = NULL;
	free(copy);
	return 0;
}

static int kill_current(struct cli *c, bool say)
{
	pid_t pid = cdbg_pid(c->p);

	if (c->core)
		return cli_core_drop(c, false);
	if (!c->live)
		return 0;
	if (cdbg_kill(c->p) < 0)
		return cli_lib_error(c);
	if (say && !c->no_inferior_events)
		printf("[Inferior 1 (process %d) killed]\n", (int)pid);
	cli_process_gone(c);
	return 0;
}

/* Launch the program; `< FILE` and `> FILE` in the arguments redirect its input/output. */
static int launch(struct cli *c, char *args)
{
	struct cdbg_launch_opts o = {
		.stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1, .no_aslr = c->no_aslr
	};
	char **argv, *cwd = NULL;
	size_t n = 0;
	int r;

	if (!c->prog)
		return cli_error(c,
				 "No executable file specified.\nUse the \"file\" or \"exec-file\" "
				 "command.");
	if (*args && cli_set_args(c, args) < 0)
		return -1;
	for (n = 0; c->args && c->args[n]; n++)
		;
	argv = calloc(n + 2, sizeof(*argv));
	if (!argv)
		return cli_error(c, "out of memory");
	argv[0] = c->prog;
	size_t k = 1;
	for (size_t i = 0; i < n; i++) {
		const char *a = c->args[i];
		if ((a[0] == '<' || a[0] == '>') && (a[1] || i + 1 < n)) {
			const char *f = a[1] ? a + 1 : c->args[++i];
			int fd = a[0] == '<' ?
					 open(f, O_RDONLY | O_CLOEXEC) :
					 open(f, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
			if (fd < 0) {
				free(argv);
				return cli_error(c, "%s: %s.", f, strerror(errno));
			}
			*(a[0] == '<' ? &o.stdin_fd : &o.stdout_fd) = fd;
			continue;
		}
		argv[k++] = (char *)a;
	}
	argv[k] = NULL;
	printf("Starting program: %s%s%s", cli_st(c, CDBG_STYLE_FILENAME), c->prog,
	       cli_st_end(c, CDBG_STYLE_FILENAME));
	for (size_t i = 1; i < k; i++)
		printf(" %s", argv[i]);
	printf("\n");
	fflush(stdout);
	if (c->inferior_cwd) { /* set cwd: gdb expands a leading ~ */
		const char *home = getenv("HOME");
		if (c->inferior_cwd[0] == '~' && home &&
		    (c->inferior_cwd[1] == '/' || !c->inferior_cwd[1])) {
			if (asprintf(&cwd, "%s%s", home, c->inferior_cwd + 1) < 0)
				cwd = NULL;
		}
		o.cwd = cwd ? cwd : c->inferior_cwd;
	}
	if (cdbg_break_clear_hits(c->p) < 0) { /* gdb's run starts every count at 0 */
					       /* a process still held: its counts stay */
	}
	o.own_pgrp = cli_term_launch_begin();
	r = cdbg_launch(c->p, c->prog, argv, &o);
	cli_term_launched(r);
	free(cwd);
	free(argv);
	if (o.stdin_fd >= 0)
		close(o.stdin_fd);
	if (o.stdout_fd >= 0)
		close(o.stdout_fd);
	if (r < 0)
		return cli_lib_error(c);
	cli_process_taken(c, false);
	return 0;
}

static int cmd_run(struct cli *c, char *args)
{
	if (c->live && kill_current(c, false) < 0)
		return -1;
	if (launch(c, args) < 0)
		return -1;
	return cli_resume(c, false, 0, -1);
}

static int cmd_start(struct cli *c, char *args)
{
	char spec[] = "main";

	if (c->live && kill_current(c, false) < 0)
		return -1;
	if (launch(c, args) < 0)
		return -1;
	if (cli_execute(c, strcmp(spec, "main") ? spec : "tbreak main") < 0)
		return -1;
	return cli_resume(c, false, 0, -1);
}

static int cmd_continue(struct cli *c, char *args)
{
	long n = 1;

	if (!cli_need_live(c))
		return -1;
	if (*args && cli_parse_count(c, args, &n) < 0)
		return -1;
	if (*args && c->stop_bp) {
		/* gdb: continue N ignores the breakpoint it stopped at N-1 more times, in
		 * set_ignore_count's words. */
		int num = cli_bp_number(c, c->stop_bp);
		/* said only to a terminal (from_tty), as gdb's set_ignore_count does */
		if (num && cdbg_bp_ignore(c->p, c->stop_bp, (unsigned)(n - 1)) == 0 && !c->batch) {
			if (n == 1)
				printf("Will stop next time breakpoint %d is reached.", num);
			else if (n == 2)
				printf("Will ignore next crossing of breakpoint %d.", num);
			else
				printf("Will ignore next %ld crossings of breakpoint %d.", n - 1,
				       num);
			printf("  ");
		}
	} else if (*args && !c->batch) {
		printf("Not stopped at any breakpoint; argument ignored.\n");
	}
	printf("Continuing.\n");
	c->stop_bp = 0;
	return cli_resume(c, false, 0, -1);
}

static int cmd_signal(struct cli *c, char *args)
{
	int s = strcmp(args, "0") ? cli_signum(args) : 0;

	if (!cli_need_live(c))
		return -1;
	if (s < 0)
		return cli_error(c, "Only signals 1-15 are valid as numeric signals.\nUse \"info "
				    "signals\" for a list of symbolic signals.");
	if (s)
		printf("Continuing with signal %s.\n", cli_signame(s));
	else
		printf("Continuing with no signal.\n");
	return cli_resume(c, false, c->cur_tid, s);
}

static int cmd_kill(struct cli *c, char *args)
{
	if (c->core) /* gdb: a core target cannot be killed, it stays */
		return cli_error(c, "You can't do that without a process to debug.");
	if (!cli_need_live(c))
		return -1;
	if (!cli_query(c, "Kill the program being debugged? "))
		return cli_error(c, "Not confirmed.");
	return kill_current(c, true);
}

static int detach_current(struct cli *c, bool say)
{
	pid_t pid = cdbg_pid(c->p);

	if (c->core)
		return cli_core_drop(c, say);
	if (!c->live)
		return 0;
	if (say && c->prog && cli_from_tty(c)) /* gdb's target_announce_detach: from_tty */
		printf("Detaching from program: %s, process %d\n", c->prog, (int)pid);
	else if (say && cli_from_tty(c))
		printf("Detaching from process %d\n", (int)pid);
	/* Calls stopped inside are abandoned: the program goes on as before them. */
	cdbg_call_unwind(c->p, 0, 1);
	if (cdbg_detach(c->p) < 0)
		return cli_lib_error(c);
	if (say && !c->no_inferior_events)
		printf("[Inferior 1 (process %d) detached]\n", (int)pid);
	cli_process_gone(c);
	return 0;
}

static int cmd_detach(struct cli *c, char *args)
{
	if (!c->core && !cli_need_live(c))
		return -1;
	return detach_current(c, true);
}

/* Leave the program as cdbg found it: detach from an attached one, kill a launched one. */
int cli_let_go(struct cli *c)
{
	return c->attached ? detach_current(c, false) : kill_current(c, false);
}

static int cmd_quit(struct cli *c, char *args)
{
	if (*args) {
		struct cdbg_value v;
		if (cli_eval(c, args, &v) == 0)
			c->exitcode = (int)v.bits;
	}
	cli_let_go(c);
	c->quit = true;
	return 0;
}

int cli_attach(struct cli *c, pid_t pid)
{
	char path[4096];

	if (c->live && cli_let_go(c) < 0)
		return -1;
	/* gdb's target_announce_attach: only from_tty, naming the program file if one is known */
	if (cli_from_tty(c) && c->prog)
		printf("Attaching to program: %s, process %d\n", c->prog, (int)pid);
	else if (cli_from_tty(c))
		printf("Attaching to process %d\n", (int)pid);
	fflush(stdout);
	if (cdbg_attach(c->p, pid) < 0)
		return cli_lib_error(c);
	cli_process_taken(c, true);
	if (!c->prog && cli_exec_path(c, path, sizeof(path)) == 0)
		c->prog = strdup(path);
	cli_show_stop(c, c->cur_tid, true);
	return 0;
}

static int cmd_attach(struct cli *c, char *args)
{
	char *end;
	long pid = strtol(args, &end, 10);

	if (!*args)
		return cli_error(c, "Argument required (process-id to attach).");
	if (*cli_skip_ws(end) || pid <= 0)
		return cli_error(c, "Illegal process-id: %s.", args);
	return cli_attach(c, (pid_t)pid);
}

int cli_set_program(struct cli *c, const char *path, bool say)
{
	char *abs;

	if (access(path, F_OK) < 0)
		return cli_error(c, "%s: %s.", path, strerror(errno));
	abs = realpath(path, NULL);
	if (!abs && !(abs = strdup(path)))
		return cli_error(c, "out of memory");
	free(c->prog);
	c->prog = abs;
	if (say)
		printf("Reading symbols from %s%s%s...\n", cli_st(c, CDBG_STYLE_FILENAME), path,
		       cli_st_end(c, CDBG_STYLE_FILENAME));
	if (cdbg_file_open(c->p, abs) < 0) {
		/* Kept for `run` (a script the kernel can start), as gdb keeps it. */
		char magic[2] = { 0 };
		FILE *f;
		if (cdbg_errcode(c->p) == CDBG_EBADFILE && (f = fopen(abs, "r"))) {
			size_t n = fread(magic, 1, 2, f);
			fclose(f);
			if (n == 2 && magic[0] == '#' && magic[1] == '!')
				return 0; /* a script: `run` starts it, nothing to read before */
		}
		if (cdbg_errcode(c->p) == CDBG_EBADFILE)
			return cli_error(c, "\"%s\": not in executable format: %s", abs,
					 cdbg_errmsg(c->p));
		return cli_lib_error(c);
	}
	return 0;
}

static int cmd_file(struct cli *c, char *args)
{
	if (!*args)
		return cli_error(c, "No executable file now.");
	return cli_set_program(c, args, true);
}

static int cmd_symbol_file(struct cli *c, char *args)
{
	if (!*args)
		return cli_error(c, "No symbol file now.");
	return cli_set_program(c, args, true);
}

static int info_inferiors(struct cli *c, char *args)
{
	int cur = c->inf_num ? c->inf_num : 1;

	printf("  Num  Description       Connection           Executable        \n");
	/* The parents a followed fork child left (follow-fork-mode child) stay listed, empty. */
	for (int i = 1; i < cur; i++)
		printf("  %-4d %-17s %-20s %s \n", i, "<null>", "", c->prog ? c->prog : "");
	if (c->live) {
		char desc[32];
		snprintf(desc, sizeof(desc), "process %d", (int)cdbg_pid(c->p));
		printf("* %-4d %-17s %-20s %s \n", cur, desc, c->core ? "1 (core)" : "1 (native)",
		       c->prog ? c->prog : "");
	} else {
		printf("* %-4d %-17s %-20s %s \n", cur, "<null>", "", c->prog ? c->prog : "");
	}
	return 0;
}

static int info_proc(struct cli *c, char *args)
{
	char path[64], buf[4096];
	pid_t pid;
	ssize_t n;

	if (c->core)
		return cli_core_info_proc(c, args);
	if (!cli_need_live(c))
		return -1;
	pid = cdbg_pid(c->p);
	printf("process %d\n", (int)pid);
	if (!strncmp(args, "map", 3)) {
		FILE *f;
		snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
		if (!(f = fopen(path, "re")))
			return cli_error(c, "cannot read %s: %s", path, strerror(errno));
		printf("Mapped address spaces:\n\n");
		printf("          Start Addr           End Addr       Size     Offset  Perms  objfile\n");
		while (fgets(buf, sizeof(buf), f)) {
			unsigned long lo, hi, off;
			char perms[8], file[4096] = "";
			if (sscanf(buf, "%lx-%lx %7s %lx %*s %*s %4095[^\n]", &lo, &hi, perms, &off,
				   file) < 4)
				continue;
			printf("%#20lx %#18lx %#10lx %#10lx  %-5s  %s\n", lo, hi, hi - lo, off,
			       perms, cli_skip_ws(file));
		}
		fclose(f);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n > 0) {
		for (ssize_t i = 0; i < n - 1; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[n] = '\0';
		printf("cmdline = '%s'\n", buf);
	}
	const char *links[] = { "cwd", "exe" };
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, links[i]);
		n = readlink(path, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			printf("%s = '%s'\n", links[i], buf);
		}
	}
	return 0;
}

const struct cli_cmd cli_cmds_run[] = {
	{ "run",
	  { "r" },
	  cmd_run,
	  CLI_NO_REPEAT,
	  "Start the debugged program (arguments and < > redirections "
	  "allowed)." },
	{ "start",
	  { NULL },
	  cmd_start,
	  CLI_NO_REPEAT,
	  "Start the program, stopping at the beginning of main." },
	{ "continue",
	  { "c", "cont", "fg" },
	  cmd_continue,
	  CLI_REPEAT,
	  "Continue the program being debugged (continue N: ignore this breakpoint N-1 times)." },
	{ "signal",
	  { NULL },
	  cmd_signal,
	  0,
	  "Continue the program, giving it signal SIG (0: none)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

/* The rest of the group's commands, listed after call, inject, handle and thread by `help`. */
const struct cli_cmd cli_cmds_run_tail[] = {
	{ "kill", { "k" }, cmd_kill, CLI_NO_REPEAT, "Kill execution of the program being debugged." },
	{ "detach",
	  { NULL },
	  cmd_detach,
	  CLI_NO_REPEAT,
	  "Detach the process: it continues where it was." },
	{ "attach", { NULL }, cmd_attach, CLI_NO_REPEAT, "Attach to a process (attach PID)." },
	{ "file", { "exec-file" }, cmd_file, CLI_NO_REPEAT, "Use FILE as the program to run." },
	{ "symbol-file",
	  { NULL },
	  cmd_symbol_file,
	  CLI_NO_REPEAT,
	  "Load symbol table from executable file FILE." },
	{ "core-file",
	  { "core" },
	  cli_cmd_core_file,
	  CLI_NO_REPEAT,
	  "Use FILE as a core dump: the program as it was when it died (no FILE: let it go)." },
	{ "quit",
	  { "q", "exit" },
	  cmd_quit,
	  0,
	  "Exit cdbg (an attached program is detached, a started one killed)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_run[] = {
	{ "inferiors", { NULL }, info_inferiors, 0, "Print a list of inferiors being managed." },
	{ "proc",
	  { NULL },
	  info_proc,
	  0,
	  "Show /proc information about the process (info proc mappings)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
