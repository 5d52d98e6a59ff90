/*
 * cmd_complete.c - gdb's `complete LINE`: every completion of the line's last word, one per
 * line, each with the text before that word, sorted and without repeats (what a script and
 * gdb's testsuite read). cdbg completes built-in command names (not yet user-defined ones); a line
 * past the command word is refused in one sentence rather than answered wrongly.
 *
 * Owns: the completion list of one `complete`. Must not: use another command group; run
 * anything.
 */
#include <stdlib.h>
#include <string.h>

#include "groups.h"

struct names {
	char **v;
	size_t n, alloc;
	bool oom;
};

static void add_name(void *data, const char *name)
{
	struct names *l = data;

	if (l->oom)
		return;
	if (l->n == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 64;
		char **v = realloc(l->v, na * sizeof(*v));
		if (!v) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->alloc = na;
	}
	if (!(l->v[l->n] = strdup(name))) {
		l->oom = true;
		return;
	}
	l->n++;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmd_complete(struct cli *c, char *args)
{
	struct names l = { NULL, 0, 0, false };
	char *word = args;

	/* gdb: the line as typed; only its first word is a command name */
	if (strpbrk(args, " \t"))
		return cli_error(c, "cdbg completes only command names yet (\"%s\" has more).",
				 args);
	cli_each_command(word, add_name, &l);
	if (l.oom) {
		for (size_t i = 0; i < l.n; i++)
			free(l.v[i]);
		free(l.v);
		return cli_error(c, "out of memory");
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), cmp);
	for (size_t i = 0; i < l.n; i++) {
		if (!i || strcmp(l.v[i], l.v[i - 1]))
			printf("%s\n", l.v[i]);
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	return 0;
}

const struct cli_cmd cli_cmds_complete[] = {
	{ "complete",
	  { NULL },
	  cmd_complete,
	  0,
	  "List the completions for the rest of the line as a command." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
