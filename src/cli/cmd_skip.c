/*
 * cmd_skip.c - gdb's skip commands: the functions and files `step` steps over.
 *
 *   skip [FUNCTION-NAME]          skip -fi|-file FILE  -gfi|-gfile GLOB
 *   skip file [FILE]              skip -fu|-function NAME  -rfu|-rfunction REGEX
 *   skip function [NAME]          skip enable|disable|delete [NUMBER | RANGE]...
 *   info skip [NUMBER | RANGE]...
 *
 * With no name, the selected frame's function or file. Sentences and the table as gdb 13's.
 *
 * Owns: the skip commands (the list itself is core_skip.c's). Must not: call another command
 * group.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

/* The selected frame (gdb's "No default function now." when there is none). */
static bool selected(struct cli *c, struct cdbg_frame *f)
{
	struct cdbg_frame fr[64];
	int sel, n;

	if (!c->live || !cli_need_frames(c))
		return false;
	sel = cli_selected_frame(c);
	n = cdbg_backtrace(c->p, c->cur_tid, fr, sel < 63 ? (size_t)sel + 1 : 64);
	if (n <= sel || n <= 0)
		return false;
	*f = fr[sel];
	return true;
}

static int skip_function(struct cli *c, const char *name)
{
	struct cdbg_frame f;

	if (!name) {
		if (!c->live || !selected(c, &f))
			return cli_error(c, "No default function now.");
		if (!f.func[0])
			return cli_error(
				c, "No function found containing current program point 0x%llx.",
				(unsigned long long)f.pc);
		name = f.func;
	}
	if (cli_skip_add(c, NULL, false, name, false) < 0)
		return -1;
	printf("Function %s will be skipped when stepping.\n", name);
	return 0;
}

static int skip_file(struct cli *c, const char *name)
{
	struct cdbg_frame f;

	if (!name) {
		if (!c->live || !selected(c, &f) || !f.file[0])
			return cli_error(c, "No default file now.");
		name = f.file;
	}
	if (cli_skip_add(c, name, false, NULL, false) < 0)
		return -1;
	printf("File %s will be skipped when stepping.\n", name);
	return 0;
}

/* gdb's number_is_in_list: an empty list holds every number; else numbers and ranges N-M. */
static int in_list(struct cli *c, const char *list, int num, bool *in)
{
	const char *s = list;

	*in = !*list;
	while (*s) {
		char *end;
		long lo, hi;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		lo = strtol(s, &end, 10);
		hi = lo;
		if (end != s && *end == '-') {
			const char *h = end + 1;
			hi = strtol(h, &end, 10);
			if (end == h)
				lo = 0;
		}
		if (end == s || lo <= 0 || (*end && !isspace((unsigned char)*end)))
			return cli_error(c, "Arguments must be numbers or '$' variables.");
		*in = *in || (num >= lo && num <= hi);
		s = end;
	}
	return 0;
}

/* skip enable|disable|delete: what 0, 1, 2. */
static int skip_each(struct cli *c, char *args, int what)
{
	bool found = false, in;

	for (int i = 0; i < c->nskips; i++) {
		if (in_list(c, args, c->skips[i].num, &in) < 0)
			return -1;
		if (!in)
			continue;
		found = true;
		if (what == 2)
			cli_skip_remove(c, i--);
		else
			c->skips[i].enabled = what == 0;
	}
	if (!found)
		return cli_error(c, "No skiplist entries found with number %s.", args);
	return 0;
}

/* skip SUBCOMMAND ...: 1 when args names none (a unique prefix of one, as gdb's lookup). */
static int skip_sub(struct cli *c, char *args)
{
	static const char *const subs[] = { "enable", "disable", "delete", "file", "function" };
	size_t n = strcspn(args, " \t");
	char *rest = cli_skip_ws(args + n);
	int hit = -1, hits = 0;

	for (int i = 0; i < 5 && n; i++)
		if (!strncmp(args, subs[i], n)) {
			hits++;
			hit = i;
			if (strlen(subs[i]) == n) {
				hits = 1;
				break;
			}
		}
	if (hits != 1)
		return 1;
	if (hit < 3)
		return skip_each(c, rest, hit);
	if (hit == 3)
		return skip_file(c, *rest ? rest : NULL);
	return skip_function(c, *rest ? rest : NULL);
}

static int cmd_skip(struct cli *c, char *args)
{
	const char *file = NULL, *gfile = NULL, *func = NULL, *rfunc = NULL;
	char *words[16], *s = args;
	int nw = 0, r;

	args = cli_skip_ws(args);
	if (!*args)
		return skip_function(c, NULL);
	if ((r = skip_sub(c, args)) <= 0)
		return r;
	if (*args != '-') /* skip FUNCTION-NAME, the whole line ("foo (int)") */
		return skip_function(c, args);
	for (s = args; *s && nw < 16;) {
		words[nw++] = s;
		s += strcspn(s, " \t");
		if (*s)
			*s++ = '\0';
		s = cli_skip_ws(s);
	}
	for (int i = 0; i < nw; i += 2) {
		const char *w = words[i], *v = i + 1 < nw ? words[i + 1] : NULL, **to = NULL;

		if (!strcmp(w, "-fi") || !strcmp(w, "-file"))
			to = &file;
		else if (!strcmp(w, "-gfi") || !strcmp(w, "-gfile"))
			to = &gfile;
		else if (!strcmp(w, "-fu") || !strcmp(w, "-function"))
			to = &func;
		else if (!strcmp(w, "-rfu") || !strcmp(w, "-rfunction"))
			to = &rfunc;
		else if (*w == '-')
			return cli_error(c, "Invalid skip option: %s", w);
		else
			return cli_error(c, "Invalid argument: %s", w);
		if (!v)
			return cli_error(c, "Missing value for %s option.", w);
		*to = v;
	}
	if (file && gfile)
		return cli_error(c, "Cannot specify both -file and -gfile.");
	if (func && rfunc)
		return cli_error(c, "Cannot specify both -function and -rfunction.");
	const char *fp = file ? file : gfile, *fn = func ? func : rfunc;
	if (cli_skip_add(c, fp, gfile != NULL, fn, rfunc != NULL) < 0)
		return -1;
	if (!fn)
		printf("%s %s will be skipped when stepping.\n", gfile ? "File(s)" : "File", fp);
	else if (!fp)
		printf("%s %s will be skipped when stepping.\n", rfunc ? "Function(s)" : "Function",
		       fn);
	else
		printf("%s %s in %s %s will be skipped when stepping.\n",
		       rfunc ? "Function(s)" : "Function", fn, gfile ? "file(s)" : "file", fp);
	return 0;
}

static int info_skip(struct cli *c, char *args)
{
	int shown = 0;
	bool in;

	args = cli_skip_ws(args);
	for (int i = 0; i < c->nskips; i++) {
		if (in_list(c, args, c->skips[i].num, &in) < 0)
			return -1;
		shown += in;
	}
	if (!shown) {
		if (*args)
			printf("No skiplist entries found with number %s.\n", args);
		else
			printf("Not skipping any files or functions.\n");
		return 0;
	}
	printf("Num   Enb Glob File                 RE Function\n");
	for (int i = 0; i < c->nskips; i++) {
		const struct cli_skip *e = &c->skips[i];

		if (in_list(c, args, e->num, &in) < 0 || !in)
			continue;
		printf("%-5d %-3s %4s %-20s %2s %s\n", e->num, e->enabled ? "y" : "n",
		       e->file_glob ? "y" : "n", e->file ? e->file : "<none>",
		       e->func_regex ? "y" : "n", e->func ? e->func : "<none>");
	}
	return 0;
}

const struct cli_cmd cli_cmds_skip[] = {
	{ "skip",
	  { NULL },
	  cmd_skip,
	  0,
	  "Ignore a function while stepping.\n"
	  "\n"
	  "Usage: skip [FUNCTION-NAME]\n"
	  "       skip [FILE-SPEC] [FUNCTION-SPEC]\n"
	  "If no arguments are given, ignore the current function.\n"
	  "\n"
	  "FILE-SPEC is one of:\n"
	  "       -fi|-file FILE-NAME\n"
	  "       -gfi|-gfile GLOB-FILE-PATTERN\n"
	  "FUNCTION-SPEC is one of:\n"
	  "       -fu|-function FUNCTION-NAME\n"
	  "       -rfu|-rfunction FUNCTION-NAME-REGULAR-EXPRESSION" },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_skip[] = {
	{ "skip",
	  { NULL },
	  info_skip,
	  0,
	  "Display the status of skips.\n"
	  "Usage: info skip [NUMBER | RANGES]...\n"
	  "You can specify numbers (e.g. \"info skip 1 3\"), \n"
	  "ranges (e.g. \"info skip 4-8\"), or both (e.g. \"info skip 1 3 4-8\").\n\n"
	  "If you don't specify any numbers or ranges, we'll show all skips." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
