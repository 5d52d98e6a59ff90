/*
 * signals.c - signal names for the front-end, and the handlers that turn SIGINT, SIGTERM and
 * SIGHUP into a flag the main loop checks (so cdbg always lets the program go cleanly).
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
