/*
 * core_skip.c - gdb's skip list: functions and files that `step` does not stop in (it steps
 * over a call into them), as cmd_skip.c's commands make it. An entry names a file (or a glob
 * of files), a function (or a regular expression of names), or both (then both must match).
 *
 * Owns: the entries. Must not: use a command group's files (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The file a location is in, as a skip entry names it: "skip1.c", "dir/skip1.c", the full path
 * (gdb's compare_filenames_for_search: the name matches whole trailing components). */
static bool file_is(const char *path, const char *name)
{
	size_t lp = strlen(path), ln = strlen(name);

	if (ln > lp || strcmp(path + lp - ln, name))
		return false;
	return ln == lp || name[0] == '/' || path[lp - ln - 1] == '/';
}

/* A glob against as many trailing components of path as it has (gdb's
 * compare_glob_filenames_for_search). */
static bool file_glob(const char *path, const char *glob)
{
	const char *tail = path + strlen(path);
	int comps = 1;

	if (fnmatch(glob, path, FNM_FILE_NAME | FNM_NOESCAPE) == 0)
		return true;
	if (glob[0] == '/')
		return false;
	for (const char *g = glob; *g; g++)
		comps += *g == '/';
	while (tail > path && comps > 0)
		if (*--tail == '/' && --comps == 0)
			tail++;
	return fnmatch(glob, tail, FNM_FILE_NAME | FNM_NOESCAPE) == 0;
}

/* gdb's strcmp_iw: the same name but for white space. */
static bool same_iw(const char *a, const char *b)
{
	for (;;) {
		while (isspace((unsigned char)*a))
			a++;
		while (isspace((unsigned char)*b))
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++, b++;
	}
}

static bool entry_matches(const struct cli_skip *e, const char *func, const char *file)
{
	bool by_file = e->file && file &&
		       (e->file_glob ? file_glob(file, e->file) : file_is(file, e->file));
	bool by_func = e->func && (e->func_regex ? regexec(&e->re, func, 0, NULL, 0) == 0 :
						   same_iw(func, e->func));

	return e->file && e->func ? by_file && by_func : by_file || by_func;
}

bool cli_skip_match(struct cli *c, uint64_t entry)
{
	struct cdbg_symbol fn;
	struct cdbg_line ln;
	const char *file;

	if (!c->nskips || cdbg_sym_by_addr(c->p, entry, &fn) < 0)
		return false;
	file = cdbg_line_by_addr(c->p, entry, &ln) == 0 && ln.line > 0 ? ln.file : NULL;
	for (int i = 0; i < c->nskips; i++)
		if (c->skips[i].enabled && entry_matches(&c->skips[i], fn.name, file))
			return true;
	return false;
}

int cli_skip_add(struct cli *c, const char *file, bool glob, const char *func, bool regex)
{
	struct cli_skip *n, e = { .enabled = true, .file_glob = glob, .func_regex = regex };

	if (regex && regcomp(&e.re, func, REG_NOSUB | REG_EXTENDED) != 0)
		return cli_error(c, "Invalid regexp: %s", func);
	if (!(n = realloc(c->skips, (size_t)(c->nskips + 1) * sizeof(*n)))) {
		if (regex)
			regfree(&e.re);
		return cli_error(c, "out of memory");
	}
	c->skips = n;
	e.file = file ? strdup(file) : NULL;
	e.func = func ? strdup(func) : NULL;
	e.num = ++c->skip_num;
	c->skips[c->nskips++] = e;
	return 0;
}

void cli_skip_remove(struct cli *c, int i)
{
	struct cli_skip *e = &c->skips[i];

	free(e->file);
	free(e->func);
	if (e->func_regex)
		regfree(&e->re);
	memmove(e, e + 1, (size_t)(c->nskips - i - 1) * sizeof(*e));
	c->nskips--;
}

void cli_skip_free_all(struct cli *c)
{
	while (c->nskips)
		cli_skip_remove(c, c->nskips - 1);
	free(c->skips);
	c->skips = NULL;
}
