/*
 * cmd_goroutines.c - info goroutines and goroutine ID bt: the goroutines of a Go program as
 * delve lists them.
 *
 * Owns: these commands' output. Must not: know the Go runtime's layout (cdbg_goroutines).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

/* "/path/main.go:23 main.main (0x4a1b2c)": where a goroutine is, as delve shows a location. A
 * return address is looked up one byte back (the call's line). */
static void put_go_location(struct cli *c, uint64_t pc, bool is_return)
{
	struct cdbg_symbol s;
	struct cdbg_line ln;

	if (cdbg_line_by_addr(c->p, is_return ? pc - 1 : pc, &ln) == 0 && ln.line)
		printf("%s:%d ", ln.file, ln.line);
	else
		printf("?:0 ");
	printf("%s (0x%" PRIx64 ")", cdbg_sym_by_addr(c->p, pc, &s) == 0 ? s.name : "?", pc);
}

/* info goroutines: one line per live goroutine, as delve's `goroutines`; '*' marks the one
 * the selected thread runs. */
static int info_goroutines(struct cli *c, char *args)
{
	struct cdbg_goroutine *g = NULL;
	int n, max = 0;

	(void)args;
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
	for (int i = 0; i < n; i++) {
		if (cli_interrupted(c))
			break;
		printf("%c Goroutine %" PRId64 " - User: ",
		       g[i].tid && g[i].tid == c->cur_tid ? '*' : ' ', g[i].id);
		put_go_location(c, g[i].user_pc, g[i].user_pc != g[i].pc || !g[i].tid);
		if (g[i].tid)
			printf(" (thread %d)", (int)g[i].tid);
		if (g[i].wait_reason[0])
			printf(" [%s]", g[i].wait_reason);
		putchar('\n');
	}
	printf("[%d goroutines]\n", n);
	free(g);
	return 0;
}

/* goroutine ID bt [N]: the backtrace of a goroutine, parked or running (delve's `goroutine ID
 * bt`), in gdb's frame format. */
static int cmd_goroutine(struct cli *c, char *args)
{
	struct cdbg_frame f[256];
	char *idw = cli_next_word(&args), *cmd = cli_next_word(&args), *e;
	long long id = strtoll(idw, &e, 10);
	long max = 256;
	int n;

	if (!*idw || *e || (strcmp(cmd, "bt") && strcmp(cmd, "backtrace")))
		return cli_error(c, "usage: goroutine ID bt [COUNT] (see info goroutines for the "
				    "ids)");
	if (*args && (cli_parse_count(c, args, &max) < 0))
		return -1;
	if (!cli_need_frames(c))
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

const struct cli_cmd cli_cmds_goroutines[] = {
	{ "goroutine",
	  { NULL },
	  cmd_goroutine,
	  0,
	  "Backtrace of one goroutine of a Go program: goroutine ID bt [COUNT].\n"
	  "A parked goroutine is walked by frame pointers from where it parked; one running on a\n"
	  "thread is that thread's backtrace." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_goroutines[] = {
	{ "goroutines",
	  { NULL },
	  info_goroutines,
	  0,
	  "The goroutines of a Go program, as delve lists them: id, innermost frame outside the\n"
	  "runtime, thread, and why it waits; '*' marks the selected thread's goroutine." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
