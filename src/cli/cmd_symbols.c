/*
 * cmd_symbols.c - the symbol listing commands: info functions, info variables, info types
 * ([-q] [-n] [REGEX]) and info scope LOCATION, in gdb's layout, over cdbg_symbols_each and
 * cdbg_scope_each.
 *
 * Owns: nothing kept between commands. Must not: call anything but cdbg.h and the CLI core.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

struct listing {
	struct cli *c;
	char header[4200]; /* printed before the first entry, or at the end (a bad regex: never) */
	const char *last_file; /* file of the last DWARF entry printed */
	char last[4096];
	bool nodebug_shown; /* "Non-debugging symbols:" printed (or not to be: -q) */
};

static int print_entry(void *data, const struct cdbg_symlist_entry *e)
{
	struct listing *l = data;

	if (cli_interrupted(l->c))
		return 1;
	if (l->header[0]) {
		fputs(l->header, stdout);
		l->header[0] = '\0';
	}
	if (!e->has_debug) {
		if (!l->nodebug_shown)
			printf("\nNon-debugging symbols:\n");
		l->nodebug_shown = true;
		printf("0x%016llx  %s\n", (unsigned long long)e->addr, e->decl);
		return 0;
	}
	if (!l->last_file || strcmp(l->last, e->file)) {
		printf("\nFile %s:\n", e->file);
		snprintf(l->last, sizeof(l->last), "%s", e->file);
		l->last_file = l->last;
	}
	if (e->line)
		printf("%d:\t%s\n", e->line, e->decl);
	else
		printf("\t%s\n", e->decl);
	return 0;
}

/* info functions|variables|types [-q] [-n] [--] [REGEX] */
static int list_symbols(struct cli *c, char *args, enum cdbg_symlist_kind kind)
{
	static const char *const what[] = { "function", "variable", "type" };
	struct listing l = { .c = c };
	bool quiet = false, nondebug = true;

	char *re;
	size_t n;
	int rc;

	for (;;) {
		args = cli_skip_ws(args);
		if (!strncmp(args, "-q", 2) && (!args[2] || args[2] == ' ')) {
			quiet = true;
			args += 2;
		} else if (kind != CDBG_LIST_TYPES && !strncmp(args, "-n", 2) &&
			   (!args[2] || args[2] == ' ')) {
			nondebug = false;
			args += 2;
		} else if (!strncmp(args, "--", 2) && (!args[2] || args[2] == ' ')) {
			args = cli_skip_ws(args + 2);
			break;
		} else {
			break;
		}
	}
	l.nodebug_shown = quiet; /* gdb's -q leaves out that header too */
	re = args;
	n = strlen(re);
	while (n && (re[n - 1] == ' ' || re[n - 1] == '\t'))
		re[--n] = '\0';
	if (!quiet) {
		if (*re)
			snprintf(l.header, sizeof(l.header),
				 "All %ss matching regular expression \"%s\":\n", what[kind], re);
		else
			snprintf(l.header, sizeof(l.header), "All defined %ss:\n", what[kind]);
	}
	rc = cdbg_symbols_each(c->p, kind, *re ? re : NULL, nondebug ? CDBG_LIST_NODEBUG : 0,
			       print_entry, &l);
	if (rc < 0 && cdbg_errcode(c->p) != CDBG_ENOPROC) {
		fflush(stdout);
		return cli_lib_error(c);
	}
	fputs(l.header, stdout); /* no program: gdb's header over nothing */
	return 0;
}

static int info_functions(struct cli *c, char *args)
{
	return list_symbols(c, args, CDBG_LIST_FUNCTIONS);
}

static int info_variables(struct cli *c, char *args)
{
	return list_symbols(c, args, CDBG_LIST_VARIABLES);
}

static int info_types(struct cli *c, char *args)
{
	return list_symbols(c, args, CDBG_LIST_TYPES);
}

/* ---- info scope */

struct scope_print {
	const char *spec;
	int count;
};

static int print_scope(void *data, const struct cdbg_scope_entry *e)
{
	struct scope_print *s = data;

	if (!s->count++)
		printf("Scope for %s:\n", s->spec);
	printf("Symbol %s is %s", e->name, e->where);
	if (e->has_size)
		printf(", length %llu.\n", (unsigned long long)e->size);
	else
		printf(".\n");
	return 0;
}

static int info_scope(struct cli *c, char *args)
{
	struct scope_print s = { .spec = args };
	uint64_t addr;
	size_t n = strlen(args);
	int rc;

	while (n && args[n - 1] == ' ')
		args[--n] = '\0';
	if (!*args)
		return cli_error(c, "requires an argument (function, line or *addr) to define a "
				    "scope");
	if (cli_resolve_location(c, args, &addr) < 0)
		return -1;
	rc = cdbg_scope_each(c->p, addr, print_scope, &s);
	if (rc < 0 && rc != CDBG_ENOSYM)
		return cli_lib_error(c);
	if (!s.count)
		printf("Scope for %s contains no locals or arguments.\n", args);
	return 0;
}

const struct cli_cmd cli_info_symbols[] = {
	{ "functions",
	  { NULL },
	  info_functions,
	  0,
	  "All function names or those matching REGEXP.\n"
	  "Usage: info functions [-q] [-n] [REGEXP]" },
	{ "variables",
	  { NULL },
	  info_variables,
	  0,
	  "All global and static variable names or those matching REGEXP.\n"
	  "Usage: info variables [-q] [-n] [REGEXP]" },
	{ "types",
	  { NULL },
	  info_types,
	  0,
	  "All type names, or those matching REGEXP.\nUsage: info types [-q] [REGEXP]" },
	{ "scope",
	  { NULL },
	  info_scope,
	  0,
	  "List the variables local to a scope.\nUsage: info scope LOCATION" },
	{ NULL, { NULL }, NULL, 0, NULL },
};
