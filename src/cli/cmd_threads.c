/*
 * cmd_threads.c - thread (select one), thread apply all|LIST [-c -s -q] CMD, taas, tfaas, info
 * threads.
 *
 * Owns: these commands' parsing. Must not: number threads itself (core_threads.c does).
 */
#include <ctype.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_options.h"
#include "groups.h"

static int thread_apply(struct cli *c, char *args);
static int thread_name(struct cli *c, char *args);
static int thread_find(struct cli *c, char *args);

/* thread name [NAME]: the selected thread's name in cdbg (none: the system's again). */
static int thread_name(struct cli *c, char *args)
{
	int num;

	if (!c->live)
		return cli_error(c, "No thread selected");
	num = cli_thread_num(c, c->cur_tid);
	if (num <= 0)
		return cli_error(c, "No thread selected");
	free(c->tnum_name[num]);
	c->tnum_name[num] = NULL;
	if (*args && !(c->tnum_name[num] = strdup(args)))
		return cli_error(c, "out of memory");
	return 0;
}

/* thread find REGEXP: the threads whose name (given or the system's) or target id match. */
static int thread_find(struct cli *c, char *args)
{
	pid_t *tids = NULL;
	int n, found = 0;
	regex_t re;

	if (!*args)
		return cli_error(c, "Command requires an argument.");
	if (regcomp(&re, args, REG_NOSUB) != 0)
		return cli_error(c, "Invalid regexp(%s): %s", args, args);
	n = c->live ? cli_thread_list(c, &tids) : 0;
	for (int i = 0; i < n; i++) {
		struct cdbg_thread_info ti;
		const char *user = cli_thread_user_name(c, tids[i]);
		char id[128];
		int num = cli_thread_num(c, tids[i]);
		if (user && regexec(&re, user, 0, NULL, 0) == 0) {
			printf("Thread %d has name '%s'\n", num, user);
			found++;
		}
		if (!c->core && cdbg_thread_info(c->p, tids[i], &ti) == 0 &&
		    regexec(&re, ti.name, 0, NULL, 0) == 0) {
			printf("Thread %d has target name '%s'\n", num, ti.name);
			found++;
		}
		cli_thread_name(c, tids[i], id, sizeof(id));
		if (regexec(&re, id, 0, NULL, 0) == 0) {
			printf("Thread %d has target id '%s'\n", num, id);
			found++;
		}
	}
	regfree(&re);
	free(tids);
	if (!found)
		printf("No threads match '%s'\n", args);
	return 0;
}

static int cmd_thread(struct cli *c, char *args)
{
	char name[64];
	pid_t tid;
	long n;

	if (!cli_need_frames(c))
		return -1;
	if (!*args) {
		printf("[Current thread is %d (%s)]\n", cli_thread_num(c, c->cur_tid),
		       cli_thread_name(c, c->cur_tid, name, sizeof(name)));
		return 0;
	}
	if (!strncmp(args, "apply", 5))
		return thread_apply(c, cli_skip_ws(args + 5));
	if (!strncmp(args, "name", 4) && (!args[4] || isspace((unsigned char)args[4])))
		return thread_name(c, cli_skip_ws(args + 4));
	if (!strncmp(args, "find", 4) && (!args[4] || isspace((unsigned char)args[4])))
		return thread_find(c, cli_skip_ws(args + 4));
	char *end;
	n = strtol(args, &end, 10);
	if (*cli_skip_ws(end) || n <= 0)
		return cli_error(c, "Invalid thread ID: %s", args);
	tid = cli_thread_tid(c, (int)n);
	struct cdbg_thread_info ti;
	if (!tid || cdbg_thread_info(c->p, tid, &ti) < 0)
		return cli_error(c, "Unknown thread %ld.", n);
	c->cur_tid = tid;
	printf("[Switching to thread %ld (%s)]\n", n, cli_thread_name(c, tid, name, sizeof(name)));
	printf("#0  ");
	cli_show_stop(c, tid, true);
	return 0;
}

/* The header thread apply prints before a thread's output. */
static void apply_header(struct cli *c, void *arg)
{
	pid_t tid = *(pid_t *)arg;
	struct cdbg_thread_info ti;
	char name[64];

	cli_thread_name(c, tid, name, sizeof(name));
	/* A core has no thread names (gdb shows none). */
	if (c->core || cdbg_thread_info(c->p, tid, &ti) < 0)
		printf("\nThread %d (%s):\n", cli_thread_num(c, tid), name);
	else
		printf("\nThread %d (%s \"%s\"):\n", cli_thread_num(c, tid), name, ti.name);
}

/* Run cmd in thread tid (if it is still there); -1 when the apply must stop. */
static int apply_in(struct cli *c, pid_t tid, const char *cmd, const struct cli_qcs *f)
{
	struct cdbg_thread_info ti;

	if (cdbg_thread_info(c->p, tid, &ti) < 0)
		return 0;
	c->cur_tid = tid;
	return cli_apply_one(c, cmd, f, apply_header, &tid);
}

/* A thread ID of gdb's list at *s: "N", "N-M", "1.N", "1.N-M", "1.*"; *lo, *hi (0 for "*").
 * Returns the characters read, 0 when s is not one (the command starts there), -1 (error). */
static int tid_range(struct cli *c, const char *s, long *lo, long *hi)
{
	const char *p = s;
	char *e;

	if (!isdigit((unsigned char)*p))
		return 0;
	*lo = strtol(p, &e, 10);
	if (*e == '.') { /* inferior-qualified: cdbg has one inferior, number 1 */
		if (*lo != 1)
			return 0;
		p = e + 1;
		if (*p == '*' && (!p[1] || p[1] == ' ' || p[1] == '\t')) {
			*lo = 1, *hi = 0;
			return (int)(p + 1 - s);
		}
		if (!isdigit((unsigned char)*p))
			return 0;
		*lo = strtol(p, &e, 10);
	}
	*hi = *lo;
	if (*e == '-') {
		if (!isdigit((unsigned char)e[1]))
			return cli_error(c, "inverted range"); /* gdb: "1-", "1-x", "1--2" */
		*hi = strtol(e + 1, &e, 10);
		if (*hi < *lo)
			return cli_error(c, "inverted range");
	}
	if (*e && *e != ' ' && *e != '\t')
		return 0;
	if (*lo == 0)
		return cli_error(c, "Invalid thread ID: 0");
	return (int)(e - s);
}

/* thread apply all [-ascending] [-c|-s] [-q] CMD */
static int thread_apply_all(struct cli *c, char *args)
{
	pid_t *tids = NULL, saved = c->cur_tid;
	int level = cli_selected_frame(c), n, r = 0;
	unsigned long stops = c->sigint_stops;
	bool asc = false;
	struct cli_qcs f;

	if (cli_qcs_parse(c, "thread apply all", &args, &f, &asc) < 0)
		return -1;
	if (!*args)
		return cli_error(c, "Please specify a command at the end of 'thread apply all'");
	n = cli_thread_list(c, &tids);
	/* gdb's output is every thread's stack; cdbg's `bt -group` shows identical ones once. */
	if (!strcmp(args, "bt -group") || !strcmp(args, "backtrace -group") ||
	    !strcmp(args, "where -group")) {
		r = cli_bt_all_grouped(c, tids, n);
		free(tids);
		return r;
	}
	for (int i = 0; i < n && r == 0; i++) {
		/* Ctrl-C ends the whole command (gdb's "Quit"), and so does a command that the
		 * user interrupted (thread apply all next) or that let cdbg leave. */
		if (c->sigint_stops != stops || cli_interrupted(c) || !c->live)
			break;
		r = apply_in(c, tids[asc ? i : n - 1 - i], args, &f);
	}
	c->cur_tid = saved;
	if (level)
		cli_select_frame(c, level);
	free(tids);
	return r;
}

static int thread_apply(struct cli *c, char *args)
{
	pid_t saved = c->cur_tid;
	int level = cli_selected_frame(c), r = 0, k;
	unsigned long stops = c->sigint_stops;
	char *cmd = args;
	long lo, hi;
	struct cli_qcs f;

	if (!*args)
		return cli_error(c, "Please specify a thread ID list");
	if (!strncmp(args, "all", 3) && (!args[3] || args[3] == ' ' || args[3] == '\t'))
		return thread_apply_all(c, cli_skip_ws(args + 3));
	while ((k = tid_range(c, cmd, &lo, &hi)) > 0)
		cmd = cli_skip_ws(cmd + k);
	if (k < 0)
		return -1;
	if (cli_qcs_parse(c, "thread apply", &cmd, &f, NULL) < 0)
		return -1;
	if (!*cmd)
		return cli_error(c, "Please specify a command following the thread ID list");
	if (cmd == args || isdigit((unsigned char)*cmd))
		return cli_error(c, "Invalid thread ID: %s", cmd);
	/* the list is the text before cmd: each entry in its order, each range ascending */
	for (char *p = args; r == 0 && (k = tid_range(c, p, &lo, &hi)) > 0;
	     p = cli_skip_ws(p + k)) {
		if (p >= cmd)
			break;
		bool star = hi == 0;
		if (star)
			hi = INT_MAX;
		for (long num = lo; num <= hi && r == 0; num++) {
			pid_t tid = cli_thread_tid(c, (int)num);
			struct cdbg_thread_info ti;
			if (c->sigint_stops != stops || cli_interrupted(c) || !c->live) {
				r = 1;
				break;
			}
			if (star && (size_t)num >= c->tnum_count)
				break;
			if (!tid || cdbg_thread_info(c->p, tid, &ti) < 0) {
				if (!star) {
					fflush(stdout);
					fprintf(stderr, "warning: Unknown thread %ld\n", num);
				}
				continue;
			}
			r = apply_in(c, tid, cmd, &f);
		}
	}
	c->cur_tid = saved;
	if (level)
		cli_select_frame(c, level);
	return r < 0 ? -1 : 0;
}

/* taas CMD: thread apply all -s CMD; tfaas CMD: thread apply all -s -- frame apply all -s CMD. */
static int cmd_taas(struct cli *c, char *args)
{
	char *line;
	int r;

	if (!*args)
		return cli_error(c, "Please specify a command to apply on all threads");
	if (asprintf(&line, "-s %s", args) < 0)
		return cli_error(c, "out of memory");
	r = thread_apply_all(c, line);
	free(line);
	return r;
}

static int cmd_tfaas(struct cli *c, char *args)
{
	char *line;
	int r;

	if (!*args)
		return cli_error(c,
				 "Please specify a command to apply on all frames of all threads");
	if (asprintf(&line, "-s -- frame apply all -s %s", args) < 0)
		return cli_error(c, "out of memory");
	r = thread_apply_all(c, line);
	free(line);
	return r;
}

/* A thread's "Target Id" column: its name, then its thread name in quotes (a live one). */
static void target_id(struct cli *c, pid_t tid, const struct cdbg_thread_info *ti, char *buf,
		      size_t len)
{
	char name[64];

	const char *user = cli_thread_user_name(c, tid);

	cli_thread_name(c, tid, name, sizeof(name));
	if (user)
		snprintf(buf, len, "%s \"%s\"", name, user);
	else if (c->core)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%s \"%s\"", name, ti->name);
}

static int info_threads(struct cli *c, char *args)
{
	pid_t *tids = NULL;
	int n, width = 17; /* gdb: the column is as wide as its widest entry, 17 at least */
	struct cli_opt_val gid = { 0 };
	const char *rest = args;

	/* -gid: the global ids too (with one inferior, the same numbers) */
	if (cli_opts_process(c, &rest, CLI_OPTS_UNKNOWN_IS_ERROR, cli_info_threads_opts, 1, &gid) <
	    0)
		return -1;
	args = cli_skip_ws((char *)rest);
	if (!c->live) {
		printf("No threads.\n");
		return 0;
	}
	n = cli_thread_list(c, &tids);
	if (*args) { /* info threads LIST: the threads it names (numbers, ranges) */
		int kept = 0;
		for (int i = 0; i < n; i++) {
			int num = cli_thread_num(c, tids[i]);
			bool in = false;
			long lo, hi;
			int k;
			for (char *p = args; !in && (k = tid_range(c, p, &lo, &hi)) > 0;
			     p = cli_skip_ws(p + k))
				in = num >= lo && (hi == 0 || num <= hi);
			if (k < 0) {
				free(tids);
				return -1;
			}
			if (in)
				tids[kept++] = tids[i];
		}
		n = kept;
		if (!n) {
			free(tids);
			printf("No threads match '%s'.\n", args);
			return 0;
		}
	}
	for (int i = 0; i < n; i++) {
		struct cdbg_thread_info ti;
		char tid_text[128];
		if (cdbg_thread_info(c->p, tids[i], &ti) < 0)
			continue;
		target_id(c, tids[i], &ti, tid_text, sizeof(tid_text));
		if ((int)strlen(tid_text) > width)
			width = (int)strlen(tid_text);
	}
	printf("  Id   %s%-*s Frame \n", gid.b ? "GId  " : "", width, "Target Id");
	for (int i = 0; i < n; i++) {
		struct cdbg_thread_info ti;
		char tid_text[128];
		struct cdbg_frame f;
		if (cdbg_thread_info(c->p, tids[i], &ti) < 0)
			continue;
		target_id(c, tids[i], &ti, tid_text, sizeof(tid_text));
		printf("%c %-4d ", tids[i] == c->cur_tid ? '*' : ' ', cli_thread_num(c, tids[i]));
		if (gid.b)
			printf("%-4d ", cli_thread_num(c, tids[i]));
		printf("%-*s ", width, tid_text);
		/* The frame line without its source line (gdb's Frame column). */
		if (ti.state == CDBG_THREAD_ZOMBIE || cdbg_backtrace(c->p, tids[i], &f, 1) < 1)
			printf("(exiting)\n");
		else
			cli_print_frame_text(c, tids[i], 0, &f);
	}
	free(tids);
	return 0;
}

const struct cli_cmd cli_cmds_threads[] = {
	{ "thread",
	  { "t" },
	  cmd_thread,
	  0,
	  "Use this command to switch between threads (thread N), or thread apply all|LIST CMD.\n"
	  "thread apply all bt -group shows threads whose stacks have the same pcs once (cdbg's\n"
	  "own option: the arguments shown are those of the last thread of each group)." },
	{ "taas",
	  { NULL },
	  cmd_taas,
	  0,
	  "Apply a command to all threads (ignoring errors and empty output).\n"
	  "Usage: taas [OPTION]... COMMAND\n"
	  "shortcut for 'thread apply all -s [OPTION]... COMMAND'" },
	{ "tfaas",
	  { NULL },
	  cmd_tfaas,
	  0,
	  "Apply a command to all frames of all threads (ignoring errors and empty output).\n"
	  "Usage: tfaas [OPTION]... COMMAND\n"
	  "shortcut for 'thread apply all -s -- frame apply all -s [OPTION]... COMMAND'" },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_threads[] = {
	{ "threads", { NULL }, info_threads, 0, "Display currently known threads." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
