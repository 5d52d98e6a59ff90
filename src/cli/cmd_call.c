/*
 * cmd_call.c - call EXPR: like print, but a void result prints nothing.
 *
 * Owns: the command. Must not: make the call itself (core_call.c does).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "groups.h"

static int cmd_call(struct cli *c, char *args)
{
	struct cdbg_value v;
	char line[4096];
	int r = cli_try_call(c, args, &v), n;

	if (r < 0)
		return -1;
	if (r == 0) {
		snprintf(line, sizeof(line), "print %s", args);
		return cli_execute(c, line);
	}
	if (!v.size)
		return 0;
	if (v.dtype) {
		char *text = fmt_typed(c, &v, 0, CDBG_FMT_TOP);
		if (!text)
			return cli_lib_error(c);
		n = cli_hist_push(c, &v);
		printf("$%d = %s\n", n, text);
		free(text);
		return 0;
	}
	n = cli_hist_push(c, &v);
	printf("$%d = ", n);
	if (!strcmp(v.type, "double")) {
		union {
			uint64_t u;
			double d;
		} u = { .u = v.bits };
		printf("%g\n", u.d);
		return 0;
	}
	fmt_value(c, stdout, &v, 0);
	putchar('\n');
	return 0;
}

const struct cli_cmd cli_cmds_call[] = {
	{ "call",
	  { NULL },
	  cmd_call,
	  0,
	  "Call a function in the program: call FUNC(ARGS), call (TYPE)FUNC(ARGS). Arguments: "
	  "integers, characters, expressions, \"strings\" (copied into the program), doubles." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
