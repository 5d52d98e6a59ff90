/*
 * cmd_break_catch.c - gdb's catch and tcatch (syscall, signal, fork, vfork, exec, throw,
 * catch, rethrow), their words in info breakpoints, and the report of a catchpoint's stop
 * ("Catchpoint 1 (call to syscall close), ...").
 *
 * Owns: the catchpoint texts. Must not: keep catchpoints (the library's session does, numbered
 * with the breakpoints; cdbg_catch_hit says which one an event stops at).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_break.h"
#include "groups.h"

static const struct {
	const char *word;
	int kind;
} kinds[] = {
	{ "syscall", CDBG_CATCH_SYSCALL }, { "signal", CDBG_CATCH_SIGNAL },
	{ "fork", CDBG_CATCH_FORK },       { "vfork", CDBG_CATCH_VFORK },
	{ "exec", CDBG_CATCH_EXEC },       { "throw", CDBG_CATCH_THROW },
	{ "catch", CDBG_CATCH_CATCH },     { "rethrow", CDBG_CATCH_RETHROW },
};

/* ---- texts ------------------------------------------------------------------------------------ */

/* The system calls of args, as gdb lists them: numbers in the order given, groups expanded. */
static int syscall_list(const char *args, long *nrs, int max)
{
	char *copy = strdup(args ? args : ""), *p = copy, *w;
	long g[512];
	int n = 0;

	while (copy && *(w = cli_next_word(&p))) {
		int k;
		if (!strncmp(w, "g:", 2) || !strncmp(w, "group:", 6)) {
			k = cdbg_syscall_group(strchr(w, ':') + 1, g, 512);
			for (int i = 0; i < k && i < 512 && n < max; i++)
				nrs[n++] = g[i];
		} else if (n < max) {
			nrs[n++] = strspn(w, "0123456789") == strlen(w) ? atol(w) :
									  cdbg_syscall_number(w);
		}
	}
	free(copy);
	return n;
}

/* The signals of args by gdb's names; 0 for the defaults, -1 for all. */
static int signal_list(const char *args, int *sigs, int max)
{
	char *copy = strdup(args ? args : ""), *p = copy, *w;
	int n = 0;

	while (copy && *(w = cli_next_word(&p))) {
		if (!strcmp(w, "all")) {
			n = -1;
			break;
		}
		if (n < max)
			sigs[n++] = strspn(w, "0123456789") == strlen(w) ? atoi(w) : cli_signum(w);
	}
	free(copy);
	return n;
}

static void put(char *buf, size_t len, const char *fmt, const char *s, long v)
{
	size_t used = strlen(buf);

	if (used < len)
		snprintf(buf + used, len - used, fmt, s, v);
}

/* How gdb names catchpoint i when it is set (announce 1) or in its What column (0). */
static void describe(const struct cdbg_break_info *i, bool announce, char *buf, size_t len)
{
	long nrs[512];
	int sigs[64], n;

	buf[0] = '\0';
	switch (i->catch_kind) {
	case CDBG_CATCH_SYSCALL:
		n = syscall_list(i->expr, nrs, 512);
		if (!n) {
			snprintf(buf, len, announce ? "any syscall" : "syscall \"<any syscall>\" ");
			break;
		}
		put(buf, len, "%s", n > 1 ? "syscalls" : "syscall", 0);
		put(buf, len, "%s", announce ? "" : " \"", 0);
		for (int k = 0; k < n; k++) {
			const char *name = cdbg_syscall_name(nrs[k]);
			if (announce && name)
				put(buf, len, " '%s' [%ld]", name, nrs[k]);
			else if (announce)
				put(buf, len, " %s%ld", "", nrs[k]);
			else if (name)
				put(buf, len, "%s", k ? ", " : "", 0), put(buf, len, "%s", name, 0);
			else
				put(buf, len, "%s%ld", k ? ", " : "", nrs[k]);
		}
		put(buf, len, "%s", announce ? "" : "\" ", 0);
		break;
	case CDBG_CATCH_SIGNAL:
		n = signal_list(i->expr, sigs, 64);
		if (n <= 0) {
			const char *w = n ? "any signal" : "standard signals";
			if (announce)
				snprintf(buf, len, "%s", w);
			else
				snprintf(buf, len, "signal \"<%s>\" ", w);
			break;
		}
		put(buf, len, "%s", n > 1 ? "signals" : "signal", 0);
		put(buf, len, "%s", announce ? " " : " \"", 0);
		for (int k = 0; k < n; k++)
			put(buf, len, k ? " %s" : "%s", cli_signame(sigs[k]), 0);
		put(buf, len, "%s", announce ? "" : "\" ", 0);
		break;
	case CDBG_CATCH_THROW:
	case CDBG_CATCH_CATCH:
	case CDBG_CATCH_RETHROW:
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (kinds[k].kind == i->catch_kind)
				snprintf(buf, len, "%s%s", announce ? "" : "exception ",
					 kinds[k].word);
		break;
	default:
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (kinds[k].kind == i->catch_kind)
				snprintf(buf, len, "%s", kinds[k].word);
		break;
	}
}

const char *cli_catch_what(struct cli *c, const struct cdbg_break_info *i)
{
	static char buf[4096];

	(void)c;
	describe(i, false, buf, sizeof(buf));
	return buf;
}

/* ---- commands --------------------------------------------------------------------------------- */

static int do_catch(struct cli *c, char *args, bool temporary)
{
	struct cdbg_break_spec spec = { 0 };
	struct cdbg_break_info info;
	char *w = cli_next_word(&args), buf[4096];
	int id;

	while (*args == ' ' || *args == '\t')
		args++;
	cli_bp_trim_end(args);
	if (!*w) { /* gdb's list of them (those cdbg has, with gdb's words) */
		static const char *const subs[][2] = {
			{ "catch", "Catch an exception, when caught." },
			{ "exec", "Catch calls to exec." },
			{ "fork", "Catch calls to fork." },
			{ "rethrow", "Catch an exception, when rethrown." },
			{ "signal", "Catch signals by their names and/or numbers." },
			{ "syscall", "Catch system calls by their names, groups and/or numbers." },
			{ "throw", "Catch an exception, when thrown." },
			{ "vfork", "Catch calls to vfork." },
		};
		const char *pre = temporary ? "tcatch" : "catch";
		printf("List of %s subcommands:\n\n", pre);
		for (size_t k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
			printf("%s %s -- %s\n", pre, subs[k][0], subs[k][1]);
		printf("\nType \"help %s\" followed by %s subcommand name for full "
		       "documentation.\n"
		       "Type \"apropos word\" to search for commands related to \"word\".\n"
		       "Type \"apropos -v word\" for full documentation of commands related to "
		       "\"word\".\n"
		       "Command name abbreviations are allowed if unambiguous.\n",
		       pre, pre);
		return 0;
	}
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (!strcmp(w, kinds[k].word))
			spec.catch_kind = kinds[k].kind;
	if (!strcmp(w, "load") || !strcmp(w, "unload") || !strcmp(w, "assert") ||
	    !strcmp(w, "exception") || !strcmp(w, "handlers"))
		return cli_error(c, "cdbg cannot catch %s events yet.", w);
	if (!spec.catch_kind)
		return cli_error(c, "Undefined catch command: \"%s\".  Try \"help catch\".", w);
	if (*args && spec.catch_kind >= CDBG_CATCH_FORK && spec.catch_kind <= CDBG_CATCH_EXEC)
		return cli_error(c, "Junk at end of arguments.");
	spec.kind = CDBG_BREAK_CATCH;
	spec.expr = *args ? args : NULL;
	spec.flags = temporary ? CDBG_BREAK_TEMPORARY : 0;
	if ((id = cli_bp_create(c, &spec, args)) < 0)
		return -1;
	if (cdbg_break_info(c->p, id, &info) == 0) {
		describe(&info, true, buf, sizeof(buf));
		/* gdb's words: tcatch says "Catchpoint" but for exceptions (two blanks and all). */
		printf("%s %d (%s)\n",
		       temporary && spec.catch_kind >= CDBG_CATCH_THROW ? "Temporary catchpoint " :
									  "Catchpoint",
		       id, buf);
	}
	return 0;
}

static int cmd_catch(struct cli *c, char *args)
{
	return do_catch(c, args, false);
}

static int cmd_tcatch(struct cli *c, char *args)
{
	return do_catch(c, args, true);
}

/* ---- the stop --------------------------------------------------------------------------------- */

/* A syscall, signal, fork, vfork or exec event: the catchpoint's report and commands. */
static int catch_report(struct cli *c, const struct cdbg_event *ev)
{
	struct cdbg_break_info info;
	struct cli_bp *b;
	char tp[64], path[4096];
	const char *name;
	int id, again;

	if (cdbg_catch_hit(c->p, ev, &id) <= 0)
		return -1;
	b = cli_bp_get(c, id, &info);
	c->cur_tid = ev->tid;
	c->stop_bp = 0;
	if (!b || !b->silent) {
		printf("\n%s%s%s %d (", cli_thread_prefix(c, ev->tid, tp, sizeof(tp)),
		       cli_many_threads(c) ? "hit " : "",
		       info.disp == CDBG_DISP_DELETE ? "Temporary catchpoint" : "Catchpoint", id);
		name = cdbg_syscall_name(ev->code);
		switch (ev->kind) {
		case CDBG_EV_SYSCALL_ENTRY:
		case CDBG_EV_SYSCALL_RETURN:
			printf("%s syscall ",
			       ev->kind == CDBG_EV_SYSCALL_ENTRY ? "call to" : "returned from");
			if (name)
				printf("%s", name);
			else
				printf("%d", ev->code);
			break;
		case CDBG_EV_SIGNAL:
			printf("signal %s", cli_signame(ev->signo));
			break;
		case CDBG_EV_FORK:
		case CDBG_EV_VFORK:
			printf("%s process %d", ev->kind == CDBG_EV_FORK ? "forked" : "vforked",
			       (int)ev->child);
			break;
		case CDBG_EV_EXEC:
			printf("exec'd %s", cli_exec_path(c, path, sizeof(path)) == 0 ? path : "?");
			break;
		default:
			break;
		}
		printf("), ");
		cli_show_stop(c, ev->tid, true);
	}
	again = b ? cli_bp_run_commands(c, b) : 0;
	cli_bp_hit(c, b);
	fflush(stdout);
	return again;
}

void cli_catch_init(void)
{
	cli_set_catch_report(catch_report);
}

const struct cli_cmd cli_cmds_catch[] = {
	{ "catch",
	  { NULL },
	  cmd_catch,
	  0,
	  "Set catchpoints to catch events.\n"
	  "catch syscall [NAME|NUMBER|g:GROUP ...]: entries and returns of system calls.\n"
	  "catch signal [SIGNAL ...|all]: signals delivered to the program.\n"
	  "catch fork | vfork | exec: the program forks, vforks, executes a new program.\n"
	  "catch throw | catch | rethrow: C++ exceptions thrown, caught, rethrown." },
	{ "tcatch",
	  { NULL },
	  cmd_tcatch,
	  0,
	  "Set temporary catchpoints: deleted when first hit. Arguments as for catch." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
