/*
 * cmd_macro.c - gdb's C preprocessor macro commands: info macro [-a|-all] [--] NAME,
 * info macros [LINESPEC], macro expand, macro expand-once, macro define, macro undef and
 * macro list, with gdb's words. The scope is gdb's default_macro_scope: the selected frame's
 * pc, else the place `list` showed last (core_macro.c).
 *
 * Owns: those commands' parsing and output. Must not: call anything but cdbg.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

static void put_pos(const struct cdbg_macro *m)
{
	printf("%s:%d\n", m->nfiles ? m->files[0] : "<user-defined>", m->line);
	for (int i = 1; i < m->nfiles; i++)
		printf("  included at %s:%d\n", m->files[i], m->at_lines[i - 1]);
}

static void put_params(const struct cdbg_macro *m)
{
	if (m->argc < 0)
		return;
	putchar('(');
	for (int i = 0; i < m->argc; i++)
		printf("%s%s", i ? ", " : "", m->argv[i]);
	putchar(')');
}

/* gdb's print_macro_definition. */
static int put_def(void *arg, const struct cdbg_macro *m)
{
	(void)arg;
	printf("Defined at ");
	put_pos(m);
	printf(m->line ? "#define %s" : "-D%s", m->name);
	put_params(m);
	printf(m->line ? " %s\n" : "=%s\n", m->body);
	return 0;
}

static int put_scope(void *arg, const struct cdbg_macro *m)
{
	printf("The symbol `%s' has no definition as a C/C++ preprocessor macro\nat ",
	       (const char *)arg);
	put_pos(m);
	return 0;
}

struct user_find {
	const char *name;
	bool found;
};

static int user_one(void *arg, const struct cdbg_macro *m)
{
	struct user_find *u = arg;

	if (strcmp(m->name, u->name))
		return 0;
	u->found = true;
	put_def(NULL, m);
	return 1;
}

static int info_macro(struct cli *c, char *args)
{
	struct cdbg_macro_where w;
	bool all = false;
	char *s = cli_skip_ws(args);

	while (*s == '-') {
		size_t n = strcspn(s, " \t");
		if (!strncmp(s, "-a", n) || !strncmp(s, "-all", n)) {
			all = true;
		} else if (!strncmp(s, "--", n)) {
			s = cli_skip_ws(s + n);
			break;
		} else {
			return cli_error(c,
					 "Unrecognized option '%.*s' to info macro command.  "
					 "Try \"help info macro\".",
					 (int)n, s);
		}
		s = cli_skip_ws(s + n);
	}
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	if (!*s)
		return cli_error(c, "You must follow the `info macro' command with the name of the "
				    "macro\nwhose definition you want to see.");
	bool have = cli_macro_where(c, &w);
	int r = have ? cdbg_macro_info(c->p, &w, all ? CDBG_MACRO_ALL_NAMED : CDBG_MACRO_LOOKUP, s,
				       put_def, NULL) :
		       -1;
	if (r >= 0) {
		if (r == 0 && !all &&
		    cdbg_macro_info(c->p, &w, CDBG_MACRO_SCOPE, NULL, put_scope, s) < 0)
			return cli_lib_error(c);
		return 0;
	}
	/* No macro information there: gdb's user_macro_scope, the user's macros alone. */
	struct user_find u = { s, false };
	cdbg_macro_list(c->p, user_one, &u);
	if (!u.found && !all)
		printf("The symbol `%s' has no definition as a C/C++ preprocessor macro\n"
		       "at <user-defined>:-1\n",
		       s);
	return 0;
}

static int info_macros(struct cli *c, char *args)
{
	struct cdbg_macro_where w;
	char *s = cli_skip_ws(args);
	bool have;

	if (*s) {
		uint64_t addr;
		if (cli_resolve_location(c, s, &addr) < 0)
			return -1;
		/* a function names its entry (gdb decodes it without skipping the prologue) */
		const char *colon = strrchr(s, ':');
		const char *line = colon ? colon + 1 : s;
		struct cdbg_range rg;
		uint64_t entry;
		if (*s != '*' && line[strspn(line, "0123456789 \t")] != '\0' &&
		    cdbg_func_ranges(c->p, addr, &rg, 1, &entry) > 0)
			addr = entry;
		memset(&w, 0, sizeof(w));
		w.use_pc = 1;
		w.pc = addr;
		have = true;
	} else {
		have = cli_macro_where(c, &w);
	}
	if (have && cdbg_macro_info(c->p, &w, CDBG_MACRO_IN_SCOPE, NULL, put_def, NULL) >= 0)
		return 0;
	/* Without a linespec gdb falls back on its user scope, where nothing is "before" the
	 * user's macros: it prints nothing. */
	if (*s)
		printf("GDB has no preprocessor macro information for that code.\n");
	return 0;
}

static int macro_expand(struct cli *c, char *args, const char *cmd)
{
	struct cdbg_macro_where w;
	char *out = NULL;

	if (!args || !*cli_skip_ws(args))
		return cli_error(c,
				 "You must follow the `%s' command with the expression you\n"
				 "want to expand.",
				 cmd);
	if (cdbg_macro_expand(c->p, cli_macro_where(c, &w) ? &w : NULL, args, &out) < 0)
		return cli_lib_error(c);
	printf("expands to: %s\n", out);
	free(out);
	return 0;
}

static int user_list(void *arg, const struct cdbg_macro *m)
{
	(void)arg;
	printf("macro define %s", m->name);
	put_params(m);
	printf(" %s\n", m->body);
	return 0;
}

static int cmd_macro(struct cli *c, char *args)
{
	char *s = cli_skip_ws(args);
	size_t n = strcspn(s, " \t");
	char *rest = cli_skip_ws(s + n);

	if (!n)
		return cli_error(c,
				 "\"macro\" must be followed by the name of a macro command.\n"
				 "List of macro subcommands:\n\n"
				 "macro define -- Define a new C/C++ preprocessor macro.\n"
				 "macro expand, macro exp -- Fully expand any C/C++ preprocessor "
				 "macro invocations in EXPRESSION.\n"
				 "macro expand-once, macro exp1 -- Expand C/C++ preprocessor "
				 "macro invocations appearing directly in EXPRESSION.\n"
				 "macro list -- List all the macros defined using the `macro "
				 "define' command.\n"
				 "macro undef -- Remove the definition of the C/C++ preprocessor "
				 "macro with the given name.\n\n"
				 "Type \"help macro\" followed by macro subcommand name for full "
				 "documentation.");
	if ((n == 3 && !strncmp(s, "exp", 3)) || (n >= 4 && !strncmp(s, "expand", n)))
		return macro_expand(c, rest, "macro expand");
	if ((n == 4 && !strncmp(s, "exp1", 4)) || (n >= 7 && !strncmp(s, "expand-once", n))) {
		if (!*rest)
			return cli_error(c,
					 "You must follow the `macro expand-once' command with the "
					 "expression you\nwant to expand.");
		return cli_error(c, "Expand-once not implemented yet.");
	}
	if (!strncmp(s, "define", n)) {
		if (!*rest)
			return cli_error(c, "usage: macro define NAME[(ARGUMENT-LIST)] "
					    "[REPLACEMENT-LIST]");
		return cdbg_macro_define(c->p, rest) < 0 ? cli_lib_error(c) : 0;
	}
	if (!strncmp(s, "undef", n)) {
		if (!*rest)
			return cli_error(c, "usage: macro undef NAME");
		rest[strcspn(rest, " \t")] = '\0';
		return cdbg_macro_undef(c->p, rest) < 0 ? cli_lib_error(c) : 0;
	}
	if (!strncmp(s, "list", n)) {
		cdbg_macro_list(c->p, user_list, NULL);
		return 0;
	}
	return cli_error(c, "Undefined macro command: \"%.*s\".  Try \"help macro\".", (int)n, s);
}

const struct cli_cmd cli_cmds_macro[] = {
	{ "macro",
	  { NULL },
	  cmd_macro,
	  0,
	  "Prefix for commands dealing with C preprocessor macros.\n"
	  "macro define NAME[(ARGS)] [BODY]: define a user macro (it hides the program's);\n"
	  "macro undef NAME: forget a user macro; macro list: the user macros;\n"
	  "macro expand EXPRESSION: expand every macro in EXPRESSION, in the scope of the\n"
	  "selected frame (else of the last line listed)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_macro[] = {
	{ "macro",
	  { NULL },
	  info_macro,
	  0,
	  "Show the definition of MACRO, and it's source location.\n"
	  "Usage: info macro [-a|-all] [--] MACRO\n"
	  "Options: \n"
	  "  -a, --all    Output all definitions of MACRO in the current compilation unit.\n"
	  "  --           Specify the end of arguments and the beginning of the MACRO." },
	{ "macros",
	  { NULL },
	  info_macros,
	  0,
	  "Show the definitions of all macros at LINESPEC, or the current source location.\n"
	  "Usage: info macros [LINESPEC]" },
	{ NULL, { NULL }, NULL, 0, NULL },
};
