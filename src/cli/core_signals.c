/*
 * core_signals.c - signal names for the front-end, the handlers that turn SIGINT, SIGTERM and
 * SIGHUP into a flag the main loop checks (so cdbg always lets the program go cleanly), and
 * what cdbg does when the program gets a signal (gdb's `handle` table, which cmd_signals.c
 * changes and the stop display reads).
 *
 * Owns: cli_got_signal and the handle table. Must not: use a command group's files
 * (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

volatile sig_atomic_t cli_got_signal;

const char *cli_signame(int sig)
{
	return cli_gsig(cli_gsig_of_host(sig))->name;
}

const char *cli_sigdesc(int sig)
{
	return cli_gsig(cli_gsig_of_host(sig))->desc;
}

int cli_signum(const char *name)
{
	char *end;
	long n;

	if (!name || !*name)
		return -1;
	if (isdigit((unsigned char)name[0])) {
		n = strtol(name, &end, 10);
		return (*end || n <= 0 || n > 64) ? -1 : (int)n;
	}
	if (!strncasecmp(name, "SIG", 3)) {
		name += 3;
		/* SIG35: how gdb (and cdbg) name the realtime signals. */
		if (isdigit((unsigned char)name[0])) {
			n = strtol(name, &end, 10);
			return (*end || n < 32 || n > 64) ? -1 : (int)n;
		}
	}
	for (int s = 1; s < 32; s++) {
		const char *a = sigabbrev_np(s);
		if (a && !strcasecmp(a, name))
			return s;
	}
	if (!strncasecmp(name, "RTMIN", 5))
		return SIGRTMIN + (name[5] == '+' ? atoi(name + 6) : 0);
	if (!strncasecmp(name, "RTMAX", 5))
		return SIGRTMAX - (name[5] == '-' ? atoi(name + 6) : 0);
	return -1;
}

static void on_signal(int sig)
{
	cli_got_signal = sig;
}

void cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking wait must return so the flag is seen. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A reader of our output that leaves (cdbg ... | head) must not kill cdbg with breakpoints
	 * still in the program: writes fail instead, and cdbg lets the program go as usual. The
	 * program itself starts with default dispositions (cdbg_launch resets them). */
	signal(SIGPIPE, SIG_IGN);
}

/* ---- the handle table ---------------------------------------------------------------------- */

/* gdb's signal table (gdb/signals.def) in gdb's order, which `info signals` shows and `handle
 * all` and `handle 1-15` count in. host: the Linux signal it is (0: none). A row without a name
 * stands for SIGlo..SIGhi, "Real-time event N". quiet: gdb neither stops nor prints. */
struct sig_def {
	const char *name, *desc;
	int host;
	bool quiet;
	int lo, hi;
};

static const struct sig_def sig_defs[] = {
	{ "SIGHUP", "Hangup", SIGHUP, false, 0, 0 },
	{ "SIGINT", "Interrupt", SIGINT, false, 0, 0 },
	{ "SIGQUIT", "Quit", SIGQUIT, false, 0, 0 },
	{ "SIGILL", "Illegal instruction", SIGILL, false, 0, 0 },
	{ "SIGTRAP", "Trace/breakpoint trap", SIGTRAP, false, 0, 0 },
	{ "SIGABRT", "Aborted", SIGABRT, false, 0, 0 },
	{ "SIGEMT", "Emulation trap", 0, false, 0, 0 },
	{ "SIGFPE", "Arithmetic exception", SIGFPE, false, 0, 0 },
	{ "SIGKILL", "Killed", SIGKILL, false, 0, 0 },
	{ "SIGBUS", "Bus error", SIGBUS, false, 0, 0 },
	{ "SIGSEGV", "Segmentation fault", SIGSEGV, false, 0, 0 },
	{ "SIGSYS", "Bad system call", SIGSYS, false, 0, 0 },
	{ "SIGPIPE", "Broken pipe", SIGPIPE, false, 0, 0 },
	{ "SIGALRM", "Alarm clock", SIGALRM, true, 0, 0 },
	{ "SIGTERM", "Terminated", SIGTERM, false, 0, 0 },
	{ "SIGURG", "Urgent I/O condition", SIGURG, true, 0, 0 },
	{ "SIGSTOP", "Stopped (signal)", SIGSTOP, false, 0, 0 },
	{ "SIGTSTP", "Stopped (user)", SIGTSTP, false, 0, 0 },
	{ "SIGCONT", "Continued", SIGCONT, false, 0, 0 },
	{ "SIGCHLD", "Child status changed", SIGCHLD, true, 0, 0 },
	{ "SIGTTIN", "Stopped (tty input)", SIGTTIN, false, 0, 0 },
	{ "SIGTTOU", "Stopped (tty output)", SIGTTOU, false, 0, 0 },
	{ "SIGIO", "I/O possible", SIGIO, true, 0, 0 },
	{ "SIGXCPU", "CPU time limit exceeded", SIGXCPU, false, 0, 0 },
	{ "SIGXFSZ", "File size limit exceeded", SIGXFSZ, false, 0, 0 },
	{ "SIGVTALRM", "Virtual timer expired", SIGVTALRM, true, 0, 0 },
	{ "SIGPROF", "Profiling timer expired", SIGPROF, true, 0, 0 },
	{ "SIGWINCH", "Window size changed", SIGWINCH, true, 0, 0 },
	{ "SIGLOST", "Resource lost", 0, false, 0, 0 },
	{ "SIGUSR1", "User defined signal 1", SIGUSR1, false, 0, 0 },
	{ "SIGUSR2", "User defined signal 2", SIGUSR2, false, 0, 0 },
	{ "SIGPWR", "Power fail/restart", SIGPWR, false, 0, 0 },
	/* Linux's SIGPOLL is SIGIO, which comes first: the host's 29 is gdb's SIGIO. */
	{ "SIGPOLL", "Pollable event occurred", SIGPOLL, true, 0, 0 },
	{ "SIGWIND", "SIGWIND", 0, false, 0, 0 },
	{ "SIGPHONE", "SIGPHONE", 0, false, 0, 0 },
	{ "SIGWAITING", "Process's LWPs are blocked", 0, true, 0, 0 },
	{ "SIGLWP", "Signal LWP", 0, true, 0, 0 },
	{ "SIGDANGER", "Swap space dangerously low", 0, false, 0, 0 },
	{ "SIGGRANT", "Monitor mode granted", 0, false, 0, 0 },
	{ "SIGRETRACT", "Need to relinquish monitor mode", 0, false, 0, 0 },
	{ "SIGMSG", "Monitor mode data available", 0, false, 0, 0 },
	{ "SIGSOUND", "Sound completed", 0, false, 0, 0 },
	{ "SIGSAK", "Secure attention", 0, false, 0, 0 },
	{ "SIGPRIO", "SIGPRIO", 0, true, 0, 0 },
	{ NULL, NULL, 0, false, 33, 63 },
	{ "SIGCANCEL", "LWP internal signal", 0, true, 0, 0 },
	{ NULL, NULL, 0, false, 32, 32 },
	{ NULL, NULL, 0, false, 64, 127 },
	{ "SIGINFO", "Information request", 0, false, 0, 0 },
	{ "EXC_BAD_ACCESS", "Could not access memory", 0, false, 0, 0 },
	{ "EXC_BAD_INSTRUCTION", "Illegal instruction/operand", 0, false, 0, 0 },
	{ "EXC_ARITHMETIC", "Arithmetic exception", 0, false, 0, 0 },
	{ "EXC_EMULATION", "Emulation instruction", 0, false, 0, 0 },
	{ "EXC_SOFTWARE", "Software generated exception", 0, false, 0, 0 },
	{ "EXC_BREAKPOINT", "Breakpoint", 0, false, 0, 0 },
	{ "SIGLIBRT", "librt internal signal", 0, true, 0, 0 },
};

/* The expanded table, and one more row after it: gdb's unknown signal ("?"), what a host
 * signal gdb has no name for (SIGSTKFLT) is. */
static struct cli_gsig gsigs[CLI_GSIG_COUNT + 1];
static int host_to_gsig[65];

static void gsig_expand(void)
{
	int n = 0;

	if (gsigs[0].name[0])
		return;
	for (size_t i = 0; i < sizeof(sig_defs) / sizeof(sig_defs[0]); i++) {
		const struct sig_def *d = &sig_defs[i];
		if (d->name) {
			snprintf(gsigs[n].name, sizeof(gsigs[n].name), "%s", d->name);
			snprintf(gsigs[n].desc, sizeof(gsigs[n].desc), "%s", d->desc);
			gsigs[n].host = d->host;
			gsigs[n++].quiet = d->quiet;
			continue;
		}
		for (int r = d->lo; r <= d->hi; r++, n++) {
			snprintf(gsigs[n].name, sizeof(gsigs[n].name), "SIG%d", r);
			snprintf(gsigs[n].desc, sizeof(gsigs[n].desc), "Real-time event %d", r);
			gsigs[n].host = r <= 64 ? r : 0;
		}
	}
	snprintf(gsigs[n].name, sizeof(gsigs[n].name), "?");
	snprintf(gsigs[n].desc, sizeof(gsigs[n].desc), "Unknown signal");
	for (int s = 1; s <= 64; s++)
		host_to_gsig[s] = CLI_GSIG_COUNT;
	for (int i = CLI_GSIG_COUNT - 1; i >= 0; i--) /* the first row of a host signal wins */
		if (gsigs[i].host > 0 && gsigs[i].host <= 64)
			host_to_gsig[gsigs[i].host] = i;
}

struct cli_gsig *cli_gsig(int i)
{
	gsig_expand();
	return &gsigs[i >= 0 && i < CLI_GSIG_COUNT ? i : CLI_GSIG_COUNT];
}

int cli_gsig_of_host(int sig)
{
	gsig_expand();
	return sig > 0 && sig <= 64 ? host_to_gsig[sig] : CLI_GSIG_COUNT;
}

int cli_gsig_by_name(const char *name)
{
	gsig_expand();
	for (int i = 0; i < CLI_GSIG_COUNT; i++)
		if (!strcmp(gsigs[i].name, name))
			return i;
	return -1;
}

struct cli_sig_policy *cli_signal_policy(int s)
{
	static struct cli_sig_policy none;

	if (s <= 0 || s > 64) {
		memset(&none, 0, sizeof(none));
		return &none;
	}
	return &cli_gsig(cli_gsig_of_host(s))->pol;
}

/* Tell the library which signals stop the program and which it gets. */
void cli_signals_sync(struct cli *c)
{
	for (int s = 1; s <= 64; s++) {
		if (s == SIGKILL || s == SIGSTOP)
			continue;
		const struct cli_sig_policy *p = cli_signal_policy(s);
		int pol = (p->stop || p->print ? CDBG_SIG_STOP : 0) | (p->pass ? CDBG_SIG_PASS : 0);
		if (cdbg_set_signal_policy(c->p, s, pol) < 0)
			continue;
	}
}

/* gdb's defaults for `handle` (infrun.c). */
void cli_signals_init(struct cli *c)
{
	(void)c;
	gsig_expand();
	for (int i = 0; i <= CLI_GSIG_COUNT; i++) {
		gsigs[i].pol.stop = gsigs[i].pol.print = !gsigs[i].quiet;
		gsigs[i].pol.pass = true;
	}
	cli_gsig(cli_gsig_by_name("SIGINT"))->pol.pass = false;
	cli_gsig(cli_gsig_by_name("SIGTRAP"))->pol.pass = false;
}
