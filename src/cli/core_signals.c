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
	static char buf[16];
	const char *abbrev = sigabbrev_np(sig);

	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		snprintf(buf, sizeof(buf), "SIG%d", sig);
		return buf;
	}
	if (!abbrev) {
		snprintf(buf, sizeof(buf), "SIG%d", sig);
		return buf;
	}
	snprintf(buf, sizeof(buf), "SIG%s", abbrev);
	return buf;
}

const char *cli_sigdesc(int sig)
{
	const char *d = sigdescr_np(sig);

	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return "Real-time event";
	return d ? d : "Unknown signal";
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

static struct cli_sig_policy policy[65];

struct cli_sig_policy *cli_signal_policy(int s)
{
	static struct cli_sig_policy none;

	if (s <= 0 || s > 64) {
		memset(&none, 0, sizeof(none));
		return &none;
	}
	return &policy[s];
}

/* Tell the library which signals stop the program and which it gets. */
void cli_signals_sync(struct cli *c)
{
	for (int s = 1; s <= 64; s++) {
		if (s == SIGKILL || s == SIGSTOP)
			continue;
		int pol = (policy[s].stop || policy[s].print ? CDBG_SIG_STOP : 0) |
			  (policy[s].pass ? CDBG_SIG_PASS : 0);
		if (cdbg_set_signal_policy(c->p, s, pol) < 0)
			continue;
	}
}

/* gdb's defaults for `handle`. */
void cli_signals_init(struct cli *c)
{
	static const int quiet[] = { SIGALRM, SIGURG,    SIGCHLD, SIGWINCH,
				     SIGPROF, SIGVTALRM, SIGIO,   SIGPOLL };
	(void)c;
	for (int s = 1; s <= 64; s++)
		policy[s].stop = policy[s].print = policy[s].pass = true;
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		policy[quiet[i]].stop = policy[quiet[i]].print = false;
	policy[SIGINT].pass = policy[SIGTRAP].pass = false;
}
