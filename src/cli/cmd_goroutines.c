/*
 * cmd_goroutines.c - info goroutines and goroutine ID bt: the goroutines of a Go program as
 * delve lists them.
 *
 * Owns: these commands' output. Must not: know the Go runtime's layout (cdbg_goroutines).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

/* Where goroutines are, formatted once per pc: thousands of goroutines share a few places.
 * An open-addressed table of at least twice as many slots as goroutines: never full. */
struct loc_cache {
	size_t cap;
	uint64_t *pc;
	char **text;
};

static bool loc_cache_init(struct loc_cache *lc, int n)
{
	lc->cap = 64;
	while (lc->cap < 2 * (size_t)n + 16)
		lc->cap *= 2;
	lc->pc = calloc(lc->cap, sizeof(*lc->pc));
	lc->text = calloc(lc->cap, sizeof(*lc->text));
	return lc->pc && lc->text;
}

static void loc_cache_free(struct loc_cache *lc)
{
	for (size_t i = 0; lc->text && i < lc->cap; i++)
		free(lc->text[i]);
	free(lc->text);
	free(lc->pc);
}

/* "/path/main.go:23 main.main (0x4a1b2c)": where a goroutine is, as delve shows a location. A
 * return address is looked up one byte back (the call's line). */
static const char *go_location(struct cli *c, struct loc_cache *lc, uint64_t pc, bool is_return)
{
	struct cdbg_symbol s;
	struct cdbg_line ln;
	uint64_t key = pc ^ (is_return ? 1ull << 63 : 0);
	size_t h = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & (lc->cap - 1);
	while (lc->text[h] && lc->pc[h] != key)
		h = (h + 1) & (lc->cap - 1);
	if (lc->text[h])
		return lc->text[h];
	char *t = NULL;
	int r;
	if (cdbg_line_by_addr(c->p, is_return ? pc - 1 : pc, &ln) == 0 && ln.line)
		r = asprintf(&t, "%s:%d %s (0x%" PRIx64 ")", ln.file, ln.line,
			     cdbg_sym_by_addr(c->p, pc, &s) == 0 ? s.name : "?", pc);
	else
		r = asprintf(&t, "?:0 %s (0x%" PRIx64 ")",
			     cdbg_sym_by_addr(c->p, pc, &s) == 0 ? s.name : "?", pc);
	if (r < 0)
		return "?";
	lc->pc[h] = key;
	lc->text[h] = t;
	return t;
}

/* info goroutines [-group] [-with running|waiting [REASON]|user TEXT]: one line per live
 * goroutine, as delve's `goroutines`; '*' marks the one the selected thread runs. -group folds
 * goroutines at the same place waiting for the same reason into one line with their count
 * (delve's -group user); -with keeps those running on a thread, those waiting (for REASON,
 * a part of the runtime's words), or those whose user location contains TEXT. */
static int info_goroutines(struct cli *c, char *args)
{
	struct cdbg_goroutine *g = NULL;
	int n, max = 0;
	bool group = false;
	const char *with = NULL, *what = NULL;

	for (char *w; *(w = cli_next_word(&args));) {
		if (!strcmp(w, "-group") || !strcmp(w, "-g")) {
			group = true;
		} else if (!strcmp(w, "-with") || !strcmp(w, "-w")) {
			with = cli_next_word(&args);
			if (strcmp(with, "running") && strcmp(with, "waiting") &&
			    strcmp(with, "user"))
				return cli_error(c,
						 "info goroutines: -with takes running, waiting "
						 "[REASON] or user TEXT, not \"%s\"",
						 with);
			char *rest = cli_skip_ws(args);
			if (*rest && *rest != '-')
				what = cli_next_word(&args);
			if (!strcmp(with, "user") && !what)
				return cli_error(
					c, "info goroutines: -with user needs the text to look "
					   "for in the user location");
		} else {
			return cli_error(c,
					 "info goroutines: unknown argument \"%s\" (-group, "
					 "-with running|waiting [REASON]|user TEXT)",
					 w);
		}
	}
	if (!cli_need_frames(c))
		return -1;
	do {
		struct cdbg_goroutine *ng;
		max = n = max ? max * 2 : 256;
		if (!(ng = realloc(g, sizeof(*g) * (size_t)max))) {
			free(g);
			return cli_error(c, "out of memory");
		}
		g = ng;
		n = cdbg_goroutines(c->p, g, (size_t)max);
	} while (n > max);
	if (n < 0) {
		free(g);
		return cli_lib_error(c);
	}
	struct loc_cache lcs = { 0 }, *lc = &lcs;
	const char **where = calloc((size_t)(n ? n : 1), sizeof(*where));
	int *count = calloc((size_t)(n ? n : 1), sizeof(*count)), shown = 0;
	if (!loc_cache_init(lc, n) || !where || !count) {
		loc_cache_free(lc);
		free(where), free(count), free(g);
		return cli_error(c, "out of memory");
	}
	for (int i = 0; i < n; i++) {
		if (cli_interrupted(c))
			break;
		where[i] = go_location(c, lc, g[i].user_pc, g[i].user_pc != g[i].pc || !g[i].tid);
		if ((with && !strcmp(with, "running") && !g[i].tid) ||
		    (with && !strcmp(with, "waiting") &&
		     (!g[i].wait_reason[0] || (what && !strstr(g[i].wait_reason, what)))) ||
		    (with && !strcmp(with, "user") && !strstr(where[i], what))) {
			where[i] = NULL;
			continue;
		}
		shown++;
		if (group) {
			/* the first goroutine of a (place, reason) group counts the others */
			int j;
			for (j = 0; j < i; j++)
				if (where[j] == where[i] && count[j] &&
				    !strcmp(g[j].wait_reason, g[i].wait_reason))
					break;
			count[j < i ? j : i]++;
			continue;
		}
		printf("%c Goroutine %" PRId64 " - User: %s",
		       g[i].tid && g[i].tid == c->cur_tid ? '*' : ' ', g[i].id, where[i]);
		if (g[i].tid)
			printf(" (thread %d)", (int)g[i].tid);
		if (g[i].wait_reason[0])
			printf(" [%s]", g[i].wait_reason);
		putchar('\n');
	}
	if (group) { /* largest groups first */
		for (;;) {
			int best = -1;
			for (int i = 0; i < n; i++)
				if (count[i] > 0 && (best < 0 || count[i] > count[best]))
					best = i;
			if (best < 0)
				break;
			printf("%6d goroutine%s at %s", count[best], count[best] == 1 ? " " : "s",
			       where[best]);
			if (g[best].wait_reason[0])
				printf(" [%s]", g[best].wait_reason);
			putchar('\n');
			count[best] = 0;
		}
	}
	printf("[%d goroutines]\n", with ? shown : n);
	loc_cache_free(lc);
	free(where);
	free(count);
	free(g);
	return 0;
}

/* goroutine ID bt [COUNT]: the backtrace of a goroutine, parked or running (delve's
 * `goroutine ID bt`), in gdb's frame format. */
static int goroutine_bt(struct cli *c, long long id, char *args)
{
	struct cdbg_frame f[256];
	long max = 256;
	int n;

	if (*args && (cli_parse_count(c, args, &max) < 0))
		return -1;
	if ((n = cdbg_goroutine_backtrace(c->p, id, f, max < 256 ? (size_t)max : 256)) < 0)
		return cli_lib_error(c);
	for (int i = 0; i < n; i++) {
		printf("#%-2d 0x%016" PRIx64 " in %s ()", i, f[i].pc, cli_frame_func(c, &f[i]));
		if (f[i].line)
			printf(" at %s:%d", f[i].file, f[i].line);
		else if (f[i].module[0])
			printf(" from %s", f[i].module);
		putchar('\n');
	}
	return 0;
}

/* goroutine ID bt [COUNT], or goroutine ID COMMAND (frame N print x, info locals, ...): a
 * command run on the thread the goroutine runs on (delve's goroutine ID COMMAND); the selected
 * thread and frame come back after it. A parked goroutine has only its backtrace. */
static int cmd_goroutine(struct cli *c, char *args)
{
	char *idw = cli_next_word(&args), *e;
	long long id = strtoll(idw, &e, 10);
	char *rest = cli_skip_ws(args);

	if (!*idw || *e || !*rest)
		return cli_error(c, "usage: goroutine ID bt [COUNT], or goroutine ID COMMAND (see "
				    "info goroutines for the ids)");
	if (!cli_need_frames(c))
		return -1;
	char *line = strdup(rest); /* the command, before the words are cut out of args */
	char *word = cli_next_word(&args);
	if (!line)
		return cli_error(c, "out of memory");
	if (!strcmp(word, "bt") || !strcmp(word, "backtrace")) {
		free(line);
		return goroutine_bt(c, id, args);
	}
	int n = cdbg_goroutines(c->p, NULL, 0);
	struct cdbg_goroutine *g = n > 0 ? calloc((size_t)n + 16, sizeof(*g)) : NULL;
	if (n < 0)
		return cli_lib_error(c);
	if (g)
		n = cdbg_goroutines(c->p, g, (size_t)n + 16);
	pid_t tid = 0;
	bool found = false;
	for (int i = 0; g && i < n && i < n + 16; i++)
		if (g[i].id == id) {
			found = true;
			tid = g[i].tid;
		}
	free(g);
	if (!found || !tid) {
		free(line);
		if (!found)
			return cli_error(c, "no goroutine %lld: it does not exist or has ended",
					 id);
		return cli_error(c,
				 "goroutine %lld is parked (on no thread): cdbg shows its "
				 "backtrace (goroutine %lld bt) but reads the variables of a "
				 "goroutine only while it runs on a thread",
				 id, id);
	}
	pid_t saved = c->cur_tid;
	int level = cli_selected_frame(c), at = 0;
	char *run = line;
	/* delve's goroutine ID frame N COMMAND: COMMAND in frame N */
	if (!strncmp(run, "frame ", 6)) {
		char *num = cli_skip_ws(run + 6), *end;
		long f = strtol(num, &end, 10);
		if (end != num && f >= 0 && isspace((unsigned char)*end) && *cli_skip_ws(end)) {
			at = (int)f;
			run = cli_skip_ws(end);
		}
	}
	c->cur_tid = tid;
	cli_select_frame(c, at);
	int r = cli_execute(c, run);
	free(line);
	if (c->live && c->cur_tid == tid) { /* the command did not move the program: back */
		c->cur_tid = saved;
		cli_select_frame(c, level);
	}
	return r;
}

const struct cli_cmd cli_cmds_goroutines[] = {
	{ "goroutine",
	  { NULL },
	  cmd_goroutine,
	  0,
	  "One goroutine of a Go program: goroutine ID bt [COUNT], or goroutine ID COMMAND.\n"
	  "A parked goroutine is walked by frame pointers from where it parked; one running on a\n"
	  "thread is that thread's backtrace, and COMMAND (frame 1 print x, info locals) runs on\n"
	  "that thread." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_goroutines[] = {
	{ "goroutines",
	  { NULL },
	  info_goroutines,
	  0,
	  "The goroutines of a Go program, as delve lists them: id, innermost frame outside the\n"
	  "runtime, thread, and why it waits; '*' marks the selected thread's goroutine.\n"
	  "info goroutines -group: one line per place and reason, with the count, largest first.\n"
	  "info goroutines -with running|waiting [REASON]|user TEXT: only those." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
