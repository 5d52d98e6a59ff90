/*
 * core_macro.c - where the CLI's C preprocessor macros are looked up, as gdb's
 * default_macro_scope: the selected frame's pc, else gdb's current source line (the line after
 * the last one `list` showed, which cmd_source.c reports here); and the questions other files
 * ask about macros (print's "is f(x) a macro?", completion's names).
 *
 * Owns: the list position (for macros and info source) and cli_macro_*. Must not: call
 * anything but cdbg.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static struct {
	char file[512];
	int line;
} where;

void cli_set_list_where(struct cli *c, const char *file, int line)
{
	snprintf(where.file, sizeof(where.file), "%s", file);
	where.line = line;
	cdbg_macro_set_default(c->p, file, line); /* expressions without a frame */
}

bool cli_list_where(const char **file, int *line)
{
	if (!where.file[0])
		return false;
	*file = where.file;
	*line = where.line;
	return true;
}

bool cli_macro_where(struct cli *c, struct cdbg_macro_where *w)
{
	struct cdbg_frame *f = NULL;
	int n, sel;

	memset(w, 0, sizeof(*w));
	if (c->live && (n = cli_frames(c, c->cur_tid, &f)) > (sel = cli_selected_frame(c))) {
		w->use_pc = 1;
		w->pc = f[sel].is_caller ? f[sel].pc - 1 : f[sel].pc;
		free(f);
		return true;
	}
	free(f);
	return cli_list_where(&w->file, &w->line);
}

struct name_walk {
	void (*add)(void *arg, const char *name);
	void *arg;
	const char *want; /* cli_macro_defined: the name looked for */
	bool found;
};

static int name_one(void *arg, const struct cdbg_macro *m)
{
	struct name_walk *nw = arg;

	if (nw->want) {
		nw->found = !strcmp(m->name, nw->want);
		return nw->found;
	}
	nw->add(nw->arg, m->name);
	return 0;
}

bool cli_macro_defined(struct cli *c, const char *name)
{
	struct cdbg_macro_where w;
	struct name_walk nw = { .want = name };
	bool have = cli_macro_where(c, &w);

	if (have && !w.use_pc)
		w.line = 0; /* as expressions see it: the unit's entry */
	if (have && cdbg_macro_info(c->p, &w, CDBG_MACRO_LOOKUP, name, name_one, &nw) > 0)
		return true;
	cdbg_macro_list(c->p, name_one, &nw);
	return nw.found;
}

void cli_macro_names(struct cli *c, void (*add)(void *arg, const char *name), void *arg)
{
	struct cdbg_macro_where w;
	struct name_walk nw = { add, arg, NULL, false };

	cdbg_macro_list(c->p, name_one, &nw);
	if (cli_macro_where(c, &w) &&
	    cdbg_macro_info(c->p, &w, CDBG_MACRO_IN_SCOPE, NULL, name_one, &nw) < 0) {
		/* no macro information there: the user's alone */
	}
}
