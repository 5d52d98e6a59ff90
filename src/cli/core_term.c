/*
 * core_term.c - the terminal between cdbg and the program it launched, as gdb's
 * target_terminal::inferior and target_terminal::ours: when cdbg's stdin is a terminal whose
 * foreground it has, `run` puts the program in a process group of its own; while the program
 * runs (continue, steps, calls) that group is the terminal's foreground and has the program's
 * terminal modes, so Ctrl-C and the terminal's SIGHUP go to the program (a Ctrl-C then stops
 * it with "Program received signal SIGINT") and it can read the terminal; when cdbg reads a
 * line (the prompt, a question) the terminal is cdbg's again, with cdbg's modes. A program
 * detached from keeps its own group: the terminal's closing (SIGHUP to the foreground group)
 * does not kill it. Without a terminal (pipes) nothing of this happens.
 *
 * Owns: the terminal's foreground group and modes while cdbg runs. Must not: touch the
 * process except through cdbg.h; change the terminal when stdin is not a terminal cdbg holds.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"

static struct {
	bool ok;                 /* stdin is a terminal and was cdbg's at the last launch */
	bool inferior;           /* the program's group is the foreground now */
	bool have_prog;          /* prog_mode holds the program's modes */
	bool exit_hook;          /* the at-exit hook is registered */
	pid_t pgrp;              /* the program's group (0: none of its own) */
	struct termios our_mode; /* cdbg's modes, kept while the program has the terminal */
	struct termios prog_mode;
} term;

/* tcsetpgrp and tcsetattr from a background group raise SIGTTOU unless it is blocked. */
static void ttou_block(sigset_t *old)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGTTOU);
	sigprocmask(SIG_BLOCK, &s, old);
}

static void set_mode(const struct termios *want)
{
	struct termios now;

	/* TCSADRAIN waits for the output: only when the modes differ */
	if (tcgetattr(STDIN_FILENO, &now) == 0 && memcmp(&now, want, sizeof(now)))
		tcsetattr(STDIN_FILENO, TCSADRAIN, want);
}

void cli_term_ours(void)
{
	sigset_t old;

	if (!term.inferior)
		return;
	ttou_block(&old);
	term.have_prog = tcgetattr(STDIN_FILENO, &term.prog_mode) == 0;
	tcsetpgrp(STDIN_FILENO, getpgrp());
	set_mode(&term.our_mode);
	term.inferior = false;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void cli_term_inferior(struct cli *c)
{
	sigset_t old;

	if (!term.pgrp || term.inferior || !c->live || c->core || c->attached ||
	    cdbg_pid(c->p) != term.pgrp)
		return;
	ttou_block(&old);
	if (tcgetattr(STDIN_FILENO, &term.our_mode) == 0) {
		if (term.have_prog)
			set_mode(&term.prog_mode);
		if (tcsetpgrp(STDIN_FILENO, term.pgrp) == 0)
			term.inferior = true;
		else
			set_mode(&term.our_mode);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void term_at_exit(void)
{
	cli_term_ours();
}

bool cli_term_launch_begin(void)
{
	cli_term_ours();
	term.pgrp = 0;
	/* gdb: a program starts with the modes cdbg's terminal had when it started it */
	term.ok = isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
	term.have_prog = term.ok && tcgetattr(STDIN_FILENO, &term.prog_mode) == 0;
	if (term.ok && !term.exit_hook)
		term.exit_hook = atexit(term_at_exit) == 0;
	return term.ok;
}

void cli_term_launched(pid_t pid)
{
	term.pgrp = term.ok && pid > 0 ? pid : 0;
}
