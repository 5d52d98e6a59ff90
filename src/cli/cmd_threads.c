/*
 * cmd_threads.c - thread (select one), thread apply all|LIST CMD, info threads.
 *
 * Owns: these commands' parsing. Must not: number threads itself (core_threads.c does).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

static int thread_apply(struct cli *c, char *args);

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

static int thread_apply(struct cli *c, char *args)
{
	char *which = cli_next_word(&args), name[64];
	pid_t *tids = NULL, saved = c->cur_tid;
	unsigned long stops = c->sigint_stops;
	int n;

	if (!*which)
		return cli_error(c, "Please specify a thread ID list");
	if (!*args)
		return cli_error(c, strcmp(which, "all") ?
					    "Please specify a command following the "
					    "thread ID list" :
					    "Please specify a command at the end of 'thread "
					    "apply all'");
	if (strcmp(which, "all")) {
		char list[256], *save, *tok; /* as the selection below reads it */
		snprintf(list, sizeof(list), "%s", which);
		for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			if (strchr(tok, '-') && atoi(strchr(tok, '-') + 1) < atoi(tok))
				return cli_error(c, "inverted range");
	}
	n = cli_thread_list(c, &tids);
	/* gdb's output is every thread's stack; cdbg's `bt -group` shows identical ones once. */
	if (!strcmp(which, "all") &&
	    (!strcmp(args, "bt -group") || !strcmp(args, "backtrace -group") ||
	     !strcmp(args, "where -group"))) {
		int r = cli_bt_all_grouped(c, tids, n);
		free(tids);
		return r;
	}
	for (int k = n - 1; k >= 0; k--) {
		int num = cli_thread_num(c, tids[k]);
		/* Ctrl-C ends the whole command (gdb's "Quit"), and so does a command that the
		 * user interrupted (thread apply all next) or that let cdbg leave. */
		if (c->sigint_stops != stops || cli_interrupted(c))
			break;
		if (strcmp(which, "all")) {
			bool want = false;
			char list[256], *save, *tok;
			snprintf(list, sizeof(list), "%s", which);
			for (tok = strtok_r(list, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				int lo = atoi(tok),
				    hi = strchr(tok, '-') ? atoi(strchr(tok, '-') + 1) : lo;
				want |= num >= lo && num <= hi;
			}
			if (!want)
				continue;
		}
		struct cdbg_thread_info ti;
		if (cdbg_thread_info(c->p, tids[k], &ti) < 0)
			continue;
		/* A core has no thread names (gdb shows none). */
		if (c->core)
			printf("\nThread %d (%s):\n", num,
			       cli_thread_name(c, tids[k], name, sizeof(name)));
		else
			printf("\nThread %d (%s \"%s\"):\n", num,
			       cli_thread_name(c, tids[k], name, sizeof(name)), ti.name);
		c->cur_tid = tids[k];
		cli_execute(c, args);
	}
	c->cur_tid = saved;
	free(tids);
	return 0;
}

/* A thread's "Target Id" column: its name, then its thread name in quotes (a live one). */
static void target_id(struct cli *c, pid_t tid, const struct cdbg_thread_info *ti, char *buf,
		      size_t len)
{
	char name[64];

	cli_thread_name(c, tid, name, sizeof(name));
	if (c->core)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%s \"%s\"", name, ti->name);
}

static int info_threads(struct cli *c, char *args)
{
	pid_t *tids = NULL;
	int n, width = 17; /* gdb: the column is as wide as its widest entry, 17 at least */

	if (!c->live) {
		printf("No threads.\n");
		return 0;
	}
	n = cli_thread_list(c, &tids);
	for (int i = 0; i < n; i++) {
		struct cdbg_thread_info ti;
		char tid_text[128];
		if (cdbg_thread_info(c->p, tids[i], &ti) < 0)
			continue;
		target_id(c, tids[i], &ti, tid_text, sizeof(tid_text));
		if ((int)strlen(tid_text) > width)
			width = (int)strlen(tid_text);
	}
	printf("  Id   %-*s Frame \n", width, "Target Id");
	for (int i = 0; i < n; i++) {
		struct cdbg_thread_info ti;
		char tid_text[128];
		struct cdbg_frame f;
		if (cdbg_thread_info(c->p, tids[i], &ti) < 0)
			continue;
		target_id(c, tids[i], &ti, tid_text, sizeof(tid_text));
		printf("%c %-4d %-*s ", tids[i] == c->cur_tid ? '*' : ' ',
		       cli_thread_num(c, tids[i]), width, tid_text);
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
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_threads[] = {
	{ "threads", { NULL }, info_threads, 0, "Display currently known threads." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
