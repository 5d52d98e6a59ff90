/*
 * cmd_return.c - gdb's `return [EXPR]`: pop the selected frame (cdbg_frame_pop), asking a
 * person at the terminal first, then show the frame the thread is in, as `frame` does.
 *
 * Owns: the return command. Must not: change registers itself (the library pops) or call
 * another command group.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

/* gdb asks only when the command is from_tty (typed or piped, or -ex outside batch mode);
 * -x and sourced lines, and batch mode, pop without a word. */
static bool return_confirmed(struct cli *c, const char *question)
{
	return !cli_from_tty(c) || cli_query(c, question);
}

/* "#0  0x... in main () at x.c:12" and the source line, as `frame` prints frame 0. */
static void show_frame0(struct cli *c)
{
	struct cdbg_frame *f;
	const char *line;
	int n;

	if ((n = cli_frames(c, c->cur_tid, &f)) <= 0)
		return;
	cli_print_frame_line(c, c->cur_tid, 0, &f[0]);
	if (f[0].line && (line = cli_source_line(f[0].file, f[0].line)))
		printf("%d\t%s\n", f[0].line, line);
	free(f);
}

/* Is expr's outermost operation a cast, "(TYPE) OPERAND" (gdb's UNOP_CAST: what gives the value
 * of a function without debug information its type)? OPERAND is one unary operand: a name, a
 * number, members, subscripts, calls, after unary operators; "(int) x + 1" is an addition. */
static bool is_cast(struct cli *c, const char *expr)
{
	const char *s = cli_skip_ws((char *)expr), *e;
	struct cdbg_value v;
	char probe[512];
	int depth = 0;

	if (*s != '(')
		return false;
	for (e = s; *e; e++) {
		depth += *e == '(' ? 1 : *e == ')' ? -1 : 0;
		if (!depth)
			break;
	}
	if (!*e || e - s > 400)
		return false;
	snprintf(probe, sizeof(probe), "%.*s 0", (int)(e - s + 1), s); /* (TYPE) 0 parses */
	if (cdbg_eval_frame(c->p, c->cur_tid, cli_selected_frame(c), probe, cli_eval_env(c), &v) < 0)
		return false;
	for (s = e + 1; *s && strchr("-+!~*& \t", *s); s++)
		;
	for (depth = 0; *s; s++) {
		if (strchr("([", *s))
			depth++;
		else if (strchr(")]", *s))
			depth--;
		else if (!depth && !isalnum((unsigned char)*s) && !strchr("_.$'\" ", *s) &&
			 !(s[0] == '-' && s[1] == '>' && s++))
			return false;
	}
	return depth == 0;
}

static int cmd_return(struct cli *c, char *args)
{
	struct cdbg_value v, *vp = NULL;
	struct cdbg_frame *f;
	char question[400];
	bool tty = cli_from_tty(c);
	int level, n;

	if (!c->live || c->core)
		return cli_error(c, c->core ? "Can not force return with a core file." :
					      "No selected frame.");
	if (!cli_need_frames(c))
		return -1;
	args = cli_skip_ws(args);
	level = cli_selected_frame(c);
	if ((n = cli_frames(c, c->cur_tid, &f)) < 0)
		return -1;
	if (level >= n) {
		free(f);
		return cli_error(c, "No selected frame.");
	}
	/* gdb's thisfun: the function's debug information (its lines tell it is there) */
	bool debug = f[level].func[0] && f[level].file[0] && !f[level].is_sigtramp;
	if (*args) {
		if (cli_eval(c, args, &v) < 0) {
			free(f);
			return -1;
		}
		if (!debug && !is_cast(c, args)) {
			free(f);
			return cli_error(c, "Return value type not available for selected stack "
					    "frame.\nPlease use an explicit cast of the value to "
					    "return.");
		}
		vp = &v;
	}
	if (debug)
		snprintf(question, sizeof(question), "Make %s return now? ",
			 cli_frame_func(c, &f[level]));
	else
		snprintf(question, sizeof(question), "Make selected stack frame return now? ");
	/* Returning into a function called from cdbg (gdb's dummy frame) ends that call: the
	 * thread as it was before it. */
	bool to_dummy = level + 1 < n && f[level + 1].is_dummy;
	free(f);
	if (!return_confirmed(c, question))
		return cli_error(c, "Not confirmed");
	int r = to_dummy ? cdbg_call_unwind(c->p, c->cur_tid, 0) :
			   cdbg_frame_pop(c->p, c->cur_tid, level, vp);
	if (to_dummy ? r <= 0 : r < 0)
		return cli_lib_error(c);
	if (!to_dummy && r == 1 && tty) /* gdb asks with these words first */
		printf("The location at which to store the function's return value is unknown.\n"
		       "If you continue, the return value that you specified will be ignored.\n");
	cli_select_frame(c, 0);
	if (tty)
		show_frame0(c);
	return 0;
}

const struct cli_cmd cli_cmds_return[] = {
	{ "return",
	  { NULL },
	  cmd_return,
	  0,
	  "Make selected stack frame return to its caller (return [EXPR]: with that value)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
