/*
 * cmd_break_more.c - gdb's clear (delete the breakpoints at a location) and rbreak (a
 * breakpoint on every function whose name matches a regular expression).
 *
 * Owns: these two commands. Must not: keep breakpoints of its own (the library's session
 * has them; cmd_break.c creates them).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_break.h"

/* ---- clear --------------------------------------------------------------------------------- */

/* Does path name the file want: the same, or ending in "/want"? */
static bool same_file(const char *path, const char *want)
{
	size_t lp = strlen(path), lw = strlen(want);

	if (!strcmp(path, want))
		return true;
	return lp > lw && path[lp - lw - 1] == '/' && !strcmp(path + lp - lw, want);
}

/* What clear matches: addresses (a function, *ADDR, the default's pc), and for a line spec
 * or the default a file and line. */
struct clear_at {
	uint64_t addrs[64];
	int naddrs;
	char file[512];
	int line;
};

static bool loc_matches(const struct clear_at *at, const struct cdbg_break_loc *l)
{
	for (int i = 0; i < at->naddrs; i++)
		if (l->addr == at->addrs[i])
			return true;
	return at->line > 0 && l->file && l->line == at->line &&
	       (!at->file[0] || same_file(l->file, at->file));
}

/* Is spec a FILE:LINE or a LINE (gdb matches those by line, never by pc)? */
static bool line_spec(const char *spec, char *file, size_t len, int *line)
{
	const char *colon = strrchr(spec, ':'), *num = colon ? colon + 1 : spec;
	char *end;
	long n;

	if (!*num)
		return false;
	n = strtol(num, &end, 10);
	if (*end || n <= 0 || (colon && colon == spec))
		return false;
	*line = (int)n;
	if (colon)
		snprintf(file, len, "%.*s", (int)(colon - spec), spec);
	else
		file[0] = '\0';
	return true;
}

static int where_default(struct cli *c, struct clear_at *at)
{
	struct cdbg_frame *f = NULL;
	struct cdbg_line ln;
	int n, sel;

	if (!c->live || (n = cli_frames(c, c->cur_tid, &f)) <= (sel = cli_selected_frame(c))) {
		free(f);
		return cli_error(c, "No source file specified.");
	}
	at->addrs[at->naddrs++] = f[sel].pc;
	if (cdbg_line_by_addr(c->p, f[sel].is_caller ? f[sel].pc - 1 : f[sel].pc, &ln) == 0 &&
	    ln.line) {
		snprintf(at->file, sizeof(at->file), "%s", ln.file);
		at->line = ln.line;
	}
	free(f);
	return 0;
}

static int cmd_clear(struct cli *c, char *args)
{
	struct clear_at at = { .naddrs = 0 };
	int *ids, nids, found = 0, *hit;

	cli_bp_trim_end(args);
	if (!*args) {
		if (where_default(c, &at) < 0)
			return -1;
	} else if (line_spec(args, at.file, sizeof(at.file), &at.line)) {
		if (!at.file[0]) {
			/* LINE: in the default file (the selected frame's). */
			struct clear_at d = { .naddrs = 0 };
			if (c->live && where_default(c, &d) == 0)
				snprintf(at.file, sizeof(at.file), "%s", d.file);
		}
		/* gdb: a line given is matched by line only. */
	} else if ((at.naddrs = cli_locate_all(c, args, at.addrs, 64, false)) < 0) {
		return -1;
	} else if (at.naddrs > 64) {
		at.naddrs = 64;
	}
	ids = cli_bp_ids(c, &nids);
	hit = calloc(nids ? (size_t)nids : 1, sizeof(*hit));
	for (int i = 0; ids && hit && i < nids; i++) {
		struct cdbg_break_info info;
		struct cdbg_break_loc locs[64];
		int nl;
		if (cdbg_break_info(c->p, ids[i], &info) < 0 || info.kind >= CDBG_BREAK_WATCH_WRITE)
			continue;
		nl = cdbg_break_locations(c->p, ids[i], locs, 64);
		for (int l = 0; l < nl && l < 64; l++) {
			if (loc_matches(&at, &locs[l])) {
				hit[found++] = ids[i];
				break;
			}
		}
	}
	if (!found) {
		free(ids);
		free(hit);
		if (*args)
			return cli_error(c, "No breakpoint at %s.", args);
		return cli_error(c, "No breakpoint at this line.");
	}
	/* gdb reports always when it deleted more than one, else only to a terminal. */
	bool say = found > 1 || cli_bp_from_tty(c);
	if (say)
		printf("Deleted breakpoint%s ", found > 1 ? "s" : "");
	for (int i = 0; i < found; i++) {
		if (say)
			printf("%d ", hit[i]);
		cli_bp_delete(c, hit[i]);
	}
	if (say)
		printf("\n");
	free(ids);
	free(hit);
	return 0;
}

/* ---- rbreak -------------------------------------------------------------------------------- */

static int on_func(void *data, const struct cdbg_symlist_entry *e)
{
	struct cli *c = data;
	char *line;

	if (cli_interrupted(c))
		return 1;
	if (asprintf(&line, "break '%s'", e->name) < 0)
		return 1;
	if (cli_execute(c, line) == 0) {
		if (e->has_debug)
			printf("%s\n", e->decl);
		else
			printf("<function, no debug info> %s;\n", e->name);
	}
	free(line);
	return 0;
}

static int cmd_rbreak(struct cli *c, char *args)
{
	int r;

	cli_bp_trim_end(args);
	if (!cli_need_symbols(c))
		return -1;
	r = cdbg_symbols_each(c->p, CDBG_LIST_FUNCTIONS, args, CDBG_LIST_NODEBUG, on_func, c);
	if (r < 0)
		return cli_lib_error(c);
	return 0;
}

const struct cli_cmd cli_cmds_break_more[] = {
	{ "clear",
	  { NULL },
	  cmd_clear,
	  0,
	  "Clear breakpoint at specified location.\n"
	  "clear [LOCATION]: delete the breakpoints at a function, line or *ADDRESS, or at the\n"
	  "selected frame's line." },
	{ "rbreak", { NULL }, cmd_rbreak, 0, "Set a breakpoint for all functions matching REGEXP." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
