/*
 * cmd_help.c - gdb's `help` and `apropos`: the classes of commands (`help` alone), the commands
 * of a class (`help stack`), a command's documentation with its aliases (`help bt`), and
 * `apropos [-v] REGEXP` over every command's name and documentation.
 *
 * Owns: which class each command belongs to (gdb 13's classes) and gdb's one-line docs of the
 * commands cdbg shares with gdb. dispatch.c hands it the command tables and the hooks to the
 * user's aliases and commands (struct cli_help_ctx). Must not: run commands or touch the process.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

enum help_class {
	CLS_NONE,
	CLS_ALIASES,
	CLS_BREAKPOINTS,
	CLS_DATA,
	CLS_FILES,
	CLS_INTERNALS,
	CLS_OBSCURE,
	CLS_RUNNING,
	CLS_STACK,
	CLS_STATUS,
	CLS_SUPPORT,
	CLS_TEXT_USER_INTERFACE,
	CLS_TRACEPOINTS,
	CLS_USER_DEFINED,
	CLS_COUNT
};

/* gdb 13's classes: name, one-line doc, the rest of the doc. */
static const struct {
	const char *name, *doc, *more;
} classes[CLS_COUNT] = {
	[CLS_ALIASES] = { "aliases", "User-defined aliases of other commands.", NULL },
	[CLS_BREAKPOINTS] = { "breakpoints", "Making program stop at certain points.", NULL },
	[CLS_DATA] = { "data", "Examining data.", NULL },
	[CLS_FILES] = { "files", "Specifying and examining files.", NULL },
	[CLS_INTERNALS] = { "internals", "Maintenance commands.",
			    "Some gdb commands are provided just for use by gdb maintainers.\n"
			    "These commands are subject to frequent change, and may not be as\n"
			    "well documented as user commands.\n" },
	[CLS_OBSCURE] = { "obscure", "Obscure features.", NULL },
	[CLS_RUNNING] = { "running", "Running the program.", NULL },
	[CLS_STACK] = { "stack", "Examining the stack.",
			"The stack is made up of stack frames.  Gdb assigns numbers to stack "
			"frames\n"
			"counting from zero for the innermost (currently executing) frame.\n\n"
			"At any time gdb identifies one frame as the \"selected\" frame.\n"
			"Variable lookups are done with respect to the selected frame.\n"
			"When the program being debugged stops, gdb selects the innermost frame.\n"
			"The commands below can be used to select other frames by number or "
			"address.\n" },
	[CLS_STATUS] = { "status", "Status inquiries.", NULL },
	[CLS_SUPPORT] = { "support", "Support facilities.", NULL },
	[CLS_TEXT_USER_INTERFACE] = { "text-user-interface", "TUI is the GDB text based interface.",
				      "In TUI mode, GDB can display several text windows showing\n"
				      "the source file, the processor registers, the program "
				      "disassembly, ...\n" },
	[CLS_TRACEPOINTS] = { "tracepoints",
			      "Tracing of program execution without stopping the program.", NULL },
	[CLS_USER_DEFINED] = { "user-defined", "User-defined commands.",
			       "The commands in this class are those defined by the user.\n"
			       "Use the \"define\" command to define a command.\n" },
};

/* Each command's class, the aliases gdb lists for it and gdb's doc (its first line is the
 * one-line doc; a doc of one line replaces only the first line of cdbg's own help). */
static const struct gdb_cmd {
	const char *name;
	enum help_class cls;
	const char *aliases, *doc;
} gdb_cmds[] = {
	{ "help", CLS_SUPPORT, "h", "Print list of commands." },
	{ "info", CLS_STATUS, "inf, i",
	  "Generic command for showing things about the program being debugged." },
	{ "echo", CLS_SUPPORT, NULL, "Print a constant string.  Give string as argument." },
	{ "shell", CLS_SUPPORT, "!", "Execute the rest of the line as a shell command." },
	{ "source", CLS_SUPPORT, NULL, "Read commands from a file named FILE." },
	{ "set", CLS_DATA, NULL, "Evaluate expression EXP and assign result to variable VAR." },
	{ "show", CLS_STATUS, "info set", "Generic command for showing things about the debugger." },
	{ "run", CLS_RUNNING, "r", "Start debugged program." },
	{ "start", CLS_RUNNING, NULL,
	  "Start the debugged program stopping at the beginning of the main procedure." },
	{ "continue", CLS_RUNNING, "fg, c",
	  "Continue program being debugged, after signal or breakpoint." },
	{ "signal", CLS_RUNNING, NULL, "Continue program with the specified signal." },
	{ "call", CLS_DATA, NULL, "Call a function in the program." },
	{ "inject", CLS_RUNNING, NULL, NULL },
	{ "handle", CLS_RUNNING, NULL, "Specify how to handle signals." },
	{ "thread", CLS_RUNNING, "t", "Use this command to switch between threads." },
	{ "taas", CLS_RUNNING, NULL,
	  "Apply a command to all threads (ignoring errors and empty output)." },
	{ "tfaas", CLS_RUNNING, NULL,
	  "Apply a command to all frames of all threads (ignoring errors and empty output)." },
	{ "kill", CLS_RUNNING, NULL, "Kill execution of program being debugged." },
	{ "detach", CLS_RUNNING, NULL, "Detach a process or file previously attached." },
	{ "attach", CLS_RUNNING, NULL, "Attach to a process or file outside of GDB." },
	{ "file", CLS_FILES, NULL, "Use FILE as program to be debugged." },
	{ "symbol-file", CLS_FILES, NULL, "Load symbol table from executable file FILE." },
	{ "core-file", CLS_FILES, NULL,
	  "Use FILE as core dump for examining memory and registers." },
	{ "quit", CLS_SUPPORT, "exit, q", "Exit gdb." },
	{ "break", CLS_BREAKPOINTS, "brea, bre, br, b", "Set breakpoint at specified location." },
	{ "tbreak", CLS_BREAKPOINTS, NULL, "Set a temporary breakpoint." },
	{ "hbreak", CLS_BREAKPOINTS, NULL, "Set a hardware assisted breakpoint." },
	{ "thbreak", CLS_BREAKPOINTS, NULL, "Set a temporary hardware assisted breakpoint." },
	{ "dprintf", CLS_BREAKPOINTS, NULL, "Set a dynamic printf at specified location." },
	{ "watch", CLS_BREAKPOINTS, NULL, "Set a watchpoint for EXPRESSION." },
	{ "rwatch", CLS_BREAKPOINTS, NULL, "Set a read watchpoint for EXPRESSION." },
	{ "awatch", CLS_BREAKPOINTS, NULL, "Set an access watchpoint for EXPRESSION." },
	{ "delete", CLS_BREAKPOINTS, "del, d",
	  "Delete all or some breakpoints.\n"
	  "Usage: delete [BREAKPOINTNUM]...\n"
	  "Arguments are breakpoint numbers with spaces in between.\n"
	  "To delete all breakpoints, give no argument.\n\n"
	  "Also a prefix command for deletion of other GDB objects.\n\n"
	  "List of delete subcommands:\n\n"
	  "delete breakpoints -- Delete all or some breakpoints or auto-display expressions.\n"
	  "delete display -- Cancel some expressions to be displayed when program stops.\n\n"
	  "Type \"help delete\" followed by delete subcommand name for full documentation.\n"
	  "Type \"apropos word\" to search for commands related to \"word\".\n"
	  "Type \"apropos -v word\" for full documentation of commands related to \"word\".\n"
	  "Command name abbreviations are allowed if unambiguous." },
	{ "disable", CLS_BREAKPOINTS, "disa, dis", "Disable all or some breakpoints." },
	{ "enable", CLS_BREAKPOINTS, "en", "Enable all or some breakpoints." },
	{ "condition", CLS_BREAKPOINTS, NULL,
	  "Specify breakpoint number N to break only if COND is true." },
	{ "ignore", CLS_BREAKPOINTS, NULL, "Set ignore-count of breakpoint number N to COUNT." },
	{ "commands", CLS_BREAKPOINTS, NULL,
	  "Set commands to be executed when the given breakpoints are hit.\n"
	  "Give a space-separated breakpoint list as argument after \"commands\".\n"
	  "A list element can be a breakpoint number (e.g. `5') or a range of numbers\n"
	  "(e.g. `5-7').\n"
	  "With no argument, the targeted breakpoint is the last one set.\n"
	  "The commands themselves follow starting on the next line.\n"
	  "Type a line containing \"end\" to indicate the end of them.\n"
	  "Give \"silent\" as the first line to make the breakpoint silent;\n"
	  "then no output is printed when it is hit, except what the commands print." },
	{ "catch", CLS_BREAKPOINTS, NULL, "Set catchpoints to catch events." },
	{ "tcatch", CLS_BREAKPOINTS, NULL, "Set temporary catchpoints to catch events." },
	{ "print", CLS_DATA, "inspect, p", "Print value of expression EXP." },
	{ "output", CLS_DATA, NULL,
	  "Like \"print\" but don't put in value history and don't print newline." },
	{ "x", CLS_DATA, NULL, "Examine memory: x/FMT ADDRESS." },
	{ "printf", CLS_DATA, NULL, "Formatted printing, like the C \"printf\" function." },
	{ "dump", CLS_DATA, NULL, "Dump target code/data to a local file." },
	{ "append", CLS_DATA, NULL, "Append target code/data to a local file." },
	{ "restore", CLS_DATA, NULL, "Restore the contents of FILE to target memory." },
	{ "display", CLS_DATA, NULL, "Print value of expression EXP each time the program stops." },
	{ "ptype", CLS_DATA, NULL, "Print definition of type TYPE." },
	{ "whatis", CLS_DATA, NULL, "Print data type of expression EXP." },
	{ "undisplay", CLS_DATA, NULL,
	  "Cancel some expressions to be displayed when program stops." },
	{ "backtrace", CLS_STACK, "where, bt",
	  "Print backtrace of all stack frames, or innermost COUNT frames." },
	{ "frame", CLS_STACK, "f", "Select and print a stack frame." },
	{ "faas", CLS_STACK, NULL,
	  "Apply a command to all frames (ignoring errors and empty output)." },
	{ "select-frame", CLS_STACK, NULL, "Select a stack frame without printing anything." },
	{ "up", CLS_STACK, NULL, "Select and print stack frame that called this one." },
	{ "down", CLS_STACK, "dow, do", "Select and print stack frame called by this one." },
	{ "up-silently", CLS_SUPPORT, NULL,
	  "Same as the `up' command, but does not print anything." },
	{ "down-silently", CLS_SUPPORT, NULL,
	  "Same as the `down' command, but does not print anything." },
	{ "step", CLS_RUNNING, "s", "Step program until it reaches a different source line." },
	{ "next", CLS_RUNNING, "n", "Step program, proceeding through subroutine calls." },
	{ "until", CLS_RUNNING, "u", "Execute until past the current line or past a LOCATION." },
	{ "stepi", CLS_RUNNING, "si", "Step one instruction exactly." },
	{ "nexti", CLS_RUNNING, "ni",
	  "Step one instruction, but proceed through subroutine calls." },
	{ "advance", CLS_RUNNING, NULL,
	  "Continue the program up to the given location (same form as args for break command)." },
	{ "finish", CLS_RUNNING, "fin", "Execute until selected stack frame returns." },
	{ "directory", CLS_FILES, NULL,
	  "Add directory DIR to beginning of search path for source files." },
	{ "disassemble", CLS_DATA, NULL, "Disassemble a specified section of memory." },
	{ "list", CLS_FILES, "l", "List specified function or line." },
	{ "forward-search", CLS_FILES, "fo, search",
	  "Search for regular expression (see regex(3)) from last line listed." },
	{ "reverse-search", CLS_FILES, "rev",
	  "Search backward for regular expression (see regex(3)) from last line listed." },
	{ "goroutine", CLS_RUNNING, NULL, NULL },
	{ "gcore", CLS_FILES, "generate-core-file",
	  "Save a core file with the current state of the debugged process." },
	{ "unset", CLS_NONE, NULL, "Complement to certain \"set\" commands." },
	{ "cd", CLS_FILES, NULL, "Set working directory to DIR for debugger." },
	{ "pwd", CLS_FILES, NULL, "Print working directory." },
	{ "alias", CLS_SUPPORT, NULL,
	  "Define a new command that is an alias of an existing command." },
	{ "with", CLS_DATA, "w",
	  "Temporarily set SETTING to VALUE, run COMMAND, and restore SETTING." },
	{ "maintenance", CLS_INTERNALS, "mt", "Commands for use by GDB maintainers." },
	{ "clear", CLS_BREAKPOINTS, "cl", "Clear breakpoint at specified location." },
	{ "rbreak", CLS_BREAKPOINTS, NULL, "Set a breakpoint for all functions matching REGEXP." },
	{ "define", CLS_SUPPORT, NULL, "Define a new command name.  Command name is argument." },
	{ "define-prefix", CLS_SUPPORT, NULL,
	  "Define or mark a command as a user-defined prefix command." },
	{ "document", CLS_SUPPORT, NULL, "Document a user-defined command or user-defined alias." },
	{ "end", CLS_TRACEPOINTS, NULL, "Ends a list of commands or actions." },
	{ "if", CLS_SUPPORT, NULL,
	  "Execute nested commands once IF the conditional expression is non zero." },
	{ "while", CLS_SUPPORT, NULL,
	  "Execute nested commands WHILE the conditional expression is non zero." },
	{ "return", CLS_STACK, NULL, "Make selected stack frame return to its caller." },
	{ "complete", CLS_OBSCURE, NULL,
	  "List the completions for the rest of the line as a command." },
	{ "find", CLS_DATA, NULL, "Search memory for a sequence of bytes." },
	{ "skip", CLS_BREAKPOINTS, NULL, "Ignore a function while stepping." },
	{ "macro", CLS_STATUS, NULL, "Prefix for commands dealing with C preprocessor macros." },
	{ "apropos", CLS_SUPPORT, NULL, "Search for commands matching a REGEXP." },
};

static const struct gdb_cmd *gdb_of(const char *name)
{
	for (size_t i = 0; i < sizeof(gdb_cmds) / sizeof(gdb_cmds[0]); i++)
		if (!strcmp(gdb_cmds[i].name, name))
			return &gdb_cmds[i];
	return NULL;
}

static const char trailer[] =
	"Type \"apropos word\" to search for commands related to \"word\".\n"
	"Type \"apropos -v word\" for full documentation of commands related to \"word\".\n"
	"Command name abbreviations are allowed if unambiguous.\n";

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct cli_cmd *const *)a)->name,
		      (*(const struct cli_cmd *const *)b)->name);
}

/* Every top-level command once, sorted by name. */
static size_t all_sorted(const struct cli_help_ctx *h, const struct cli_cmd **all, size_t max)
{
	size_t n = 0;

	for (size_t t = 0; t < h->ntabs; t++)
		for (const struct cli_cmd *k = h->tabs[t]; k->name && n < max; k++)
			all[n++] = k;
	qsort(all, n, sizeof(all[0]), by_name);
	return n;
}

static enum help_class class_of(const struct cli_cmd *k)
{
	const struct gdb_cmd *g = gdb_of(k->name);

	return g ? g->cls : CLS_OBSCURE;
}

/* The one-line doc of a command: gdb's where cdbg shares the command, else cdbg's first line. */
static void one_line(const struct cli_cmd *k, bool full)
{
	const struct gdb_cmd *g = gdb_of(k->name);
	const char *d = g && g->doc ? g->doc : k->help;
	int n = (int)strcspn(d, "\n");

	if (!full) {
		printf("%.*s\n", n, d);
		return;
	}
	if (g && g->doc && d[n]) { /* gdb's whole doc */
		printf("%s\n", d);
		return;
	}
	printf("%.*s\n", n, d);
	if (d != k->help && (strncmp(d, k->help, (size_t)n) || (k->help[n] && k->help[n] != '\n')))
		printf("\n%s\n", k->help); /* then cdbg's own words */
	else if (k->help[n])
		printf("%s\n", k->help + n + 1);
}

/* "backtrace, mybt10, mybt, where, bt": the user's aliases (newest first, those without
 * their own doc), then gdb's. */
struct names {
	char text[512];
	char defs[1024];
	const char *cmd;
	bool any;
};

static void add_user_alias(void *data, const char *name, const char *defargs, const char *doc)
{
	struct names *nm = data;
	size_t l = strlen(nm->text), d = strlen(nm->defs);

	if (doc)
		return;
	snprintf(nm->text + l, sizeof(nm->text) - l, ", %s", name);
	if (*defargs)
		snprintf(nm->defs + d, sizeof(nm->defs) - d, "  alias %s = %s %s\n", name, nm->cmd,
			 defargs);
	nm->any = true;
}

static void names_of(const struct cli_help_ctx *h, const struct cli_cmd *k, struct names *nm)
{
	const struct gdb_cmd *g = gdb_of(k->name);
	bool amb;

	snprintf(nm->text, sizeof(nm->text), "%s", k->name);
	nm->defs[0] = '\0';
	nm->cmd = k->name;
	nm->any = false;
	h->alias_each_of(k, add_user_alias, nm);
	if (g && g->aliases) {
		const char *p = g->aliases;
		while (*p) {
			char w[64];
			size_t n = strcspn(p, ",");
			snprintf(w, sizeof(w), "%.*s", (int)n, p);
			if (cli_find_command(w, &amb) == k) {
				size_t l = strlen(nm->text);
				snprintf(nm->text + l, sizeof(nm->text) - l, ", %s", w);
				nm->any = true;
			}
			p += n;
			while (*p == ',' || *p == ' ')
				p++;
		}
	}
}

static void list_line(const struct cli_help_ctx *h, const struct cli_cmd *k, bool full)
{
	struct names nm;

	names_of(h, k, &nm);
	printf("%s -- ", nm.text);
	one_line(k, false);
	printf("%s", nm.defs);
	if (full) {
		one_line(k, true);
		printf("\n");
	}
}

/* ---- help CLASS ---------------------------------------------------------------------------- */

struct alias_list {
	const struct cli_help_ctx *h;
	regex_t *re;
	bool full;
};

static void alias_line(void *data, const char *name, const char *target, const char *defargs,
		       const char *doc)
{
	struct alias_list *al = data;
	const struct cli_cmd *k;
	bool amb;
	char w[64];

	snprintf(w, sizeof(w), "%.*s", (int)strcspn(target, " "), target);
	k = cli_find_command(w, &amb);
	if (al->re) { /* apropos: the documented aliases, by their own doc */
		if (!doc || (regexec(al->re, name, 0, NULL, 0) && regexec(al->re, doc, 0, NULL, 0)))
			return;
		printf("%s -- %.*s\n", name, (int)strcspn(doc, "\n"), doc);
		if (al->full)
			printf("%s\n\n", doc);
		return;
	}
	printf("%s -- ", name);
	if (doc)
		printf("%.*s\n", (int)strcspn(doc, "\n"), doc);
	else if (k)
		one_line(k, false);
	else
		printf("\n");
	if (*defargs)
		printf("  alias %s = %s %s\n", name, target, defargs);
}

static void user_line(void *data, const char *name, const char *doc)
{
	(void)data;
	printf("%s -- %.*s\n", name, doc ? (int)strcspn(doc, "\n") : 12,
	       doc ? doc : "User-defined.");
}

struct doc_aliases {
	const char *name[256];
	size_t n;
	bool all; /* every listed alias, else the documented ones */
};

static void collect_alias(void *data, const char *name, const char *target, const char *defargs,
			  const char *doc)
{
	struct doc_aliases *da = data;

	(void)target;
	(void)defargs;
	if ((doc || da->all) && da->n < 256)
		da->name[da->n++] = name;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The user's aliases (all listed ones, or the documented ones), sorted by name. */
static void sorted_aliases(const struct cli_help_ctx *h, struct doc_aliases *da, bool all)
{
	da->n = 0;
	da->all = all;
	h->alias_each_listed(collect_alias, da);
	qsort(da->name, da->n, sizeof(da->name[0]), by_str);
}

static void list_aliases(const struct cli_help_ctx *h)
{
	struct alias_list al = { h, NULL, false };
	struct doc_aliases da;
	const char *target, *defargs, *doc;

	sorted_aliases(h, &da, true);
	for (size_t i = 0; i < da.n; i++)
		if (h->alias_get(da.name[i], &target, &defargs, &doc))
			alias_line(&al, da.name[i], target, defargs, doc);
}

static void class_help(const struct cli_help_ctx *h, enum help_class cls)
{
	const struct cli_cmd *all[512];
	size_t n = all_sorted(h, all, 512);

	printf("%s\n", classes[cls].doc);
	if (classes[cls].more)
		printf("%s", classes[cls].more);
	printf("\nList of commands:\n\n");
	if (cls == CLS_ALIASES) {
		list_aliases(h);
	} else if (cls == CLS_USER_DEFINED) {
		h->define_each_doc(user_line, NULL);
	}
	for (size_t i = 0; i < n; i++)
		if ((!i || strcmp(all[i]->name, all[i - 1]->name)) && class_of(all[i]) == cls)
			list_line(h, all[i], false);
	printf("\nType \"help\" followed by command name for full documentation.\n%s", trailer);
}

static void classes_list(void)
{
	printf("List of classes of commands:\n\n");
	for (int i = CLS_ALIASES; i < CLS_COUNT; i++)
		printf("%s -- %s\n", classes[i].name, classes[i].doc);
	printf("\nType \"help\" followed by a class name for a list of commands in that class.\n"
	       "Type \"help all\" for the list of all commands.\n"
	       "Type \"help\" followed by command name for full documentation.\n%s",
	       trailer);
}

static void help_all(const struct cli_help_ctx *h)
{
	const struct cli_cmd *all[512];
	size_t n = all_sorted(h, all, 512);

	for (enum help_class cls = CLS_ALIASES; cls < CLS_COUNT; cls++) {
		printf("\nCommand class: %s\n\n", classes[cls].name);
		if (cls == CLS_ALIASES) {
			list_aliases(h);
		} else if (cls == CLS_USER_DEFINED) {
			h->define_each_doc(user_line, NULL);
		}
		for (size_t i = 0; i < n; i++)
			if ((!i || strcmp(all[i]->name, all[i - 1]->name)) &&
			    class_of(all[i]) == cls)
				list_line(h, all[i], false);
	}
	/* gdb ends with the commands of no class (unset) */
	printf("\n\nUnclassified commands\n\n");
	for (size_t i = 0; i < n; i++)
		if ((!i || strcmp(all[i]->name, all[i - 1]->name)) && class_of(all[i]) == CLS_NONE)
			list_line(h, all[i], false);
}

/* ---- help COMMAND ----------------------------------------------------------------------- */

int cli_help(struct cli *c, char *args, const struct cli_help_ctx *h)
{
	const struct cli_cmd *k;
	const char *target, *defargs, *doc;
	bool amb;
	char *w;

	args = cli_skip_ws(args);
	if (!*args) {
		classes_list();
		return 0;
	}
	if (!strcmp(args, "all")) {
		help_all(h);
		return 0;
	}
	for (int i = CLS_ALIASES; i < CLS_COUNT; i++)
		if (!strcmp(args, classes[i].name)) {
			class_help(h, (enum help_class)i);
			return 0;
		}
	w = cli_next_word(&args);
	if (!strcmp(w, "info") && *args) {
		char *sub = cli_next_word(&args);
		k = h->find_info(sub, &amb);
		if (!k)
			return amb ? cli_error(c, "Ambiguous info command \"%s\".", sub) :
				     cli_error(c,
					       "Undefined info command: \"%s\".  Try \"help info\".",
					       sub);
		printf("%s\n", k->help);
		return 0;
	}
	if (h->define_help(w))
		return 0;
	if (h->alias_get(w, &target, &defargs, &doc)) {
		if (doc) {
			printf("  alias %s = %s %s\n%s\n", w, target, defargs, doc);
			return 0;
		}
		char t[64];
		snprintf(t, sizeof(t), "%.*s", (int)strcspn(target, " "), target);
		w = t;
		if (!(k = cli_find_command(t, &amb)))
			return cli_error(c, "Undefined command: \"%s\".  Try \"help\".", t);
	} else if (!(k = cli_find_command(w, &amb))) {
		return cli_error(c, "Undefined command: \"%s\".  Try \"help\".", w);
	}
	if (!strcmp(k->name, "info"))
		return h->info_list();
	struct names nm;
	names_of(h, k, &nm);
	if (nm.any)
		printf("%s\n%s", nm.text, nm.defs);
	one_line(k, true);
	return 0;
}

/* ---- apropos ------------------------------------------------------------------------------- */

static bool matches(const struct cli_help_ctx *h, regex_t *re, const struct cli_cmd *k)
{
	const struct gdb_cmd *g = gdb_of(k->name);
	struct names nm;

	if (h) {
		names_of(h, k, &nm);
		for (char *w = strtok(nm.text, ","); w; w = strtok(NULL, ","))
			if (!regexec(re, w + (*w == ' '), 0, NULL, 0))
				return true;
	}
	/* gdb's doc where cdbg shares the command (apropos finds what gdb's finds) */
	return !regexec(re, k->name, 0, NULL, 0) ||
	       !regexec(re, g && g->doc ? g->doc : k->help, 0, NULL, 0);
}

int cli_apropos(struct cli *c, char *args, const struct cli_help_ctx *h)
{
	const struct cli_cmd *all[512];
	bool full = false;
	regex_t re;
	size_t n;
	int r;

	args = cli_skip_ws(args);
	if (!strncmp(args, "-v", 2) && (!args[2] || args[2] == ' ')) {
		full = true;
		args = cli_skip_ws(args + 2);
	}
	if (!*args)
		return cli_error(c, "REGEXP string is empty");
	if ((r = regcomp(&re, args, REG_ICASE | REG_NOSUB))) {
		char msg[128];
		regerror(r, &re, msg, sizeof(msg));
		return cli_error(c, "Invalid regexp(%s): %s", msg, args);
	}
	/* commands and documented aliases, in name order */
	struct alias_list al = { h, &re, full };
	struct doc_aliases da;
	sorted_aliases(h, &da, false);
	n = all_sorted(h, all, 512);
	size_t j = 0;
	for (size_t i = 0; i <= n; i++) {
		for (; j < da.n && (i == n || strcmp(da.name[j], all[i]->name) < 0); j++) {
			const char *target, *defargs, *doc;
			if (h->alias_get(da.name[j], &target, &defargs, &doc))
				alias_line(&al, da.name[j], target, defargs, doc);
		}
		if (i < n && (!i || strcmp(all[i]->name, all[i - 1]->name)) &&
		    matches(h, &re, all[i]))
			list_line(h, all[i], full);
	}
	for (size_t t = 0; t < h->ninfo; t++)
		for (const struct cli_cmd *k = h->info_tabs[t]; k->name; k++)
			if (matches(NULL, &re, k)) {
				printf("info %s -- %.*s\n", k->name, (int)strcspn(k->help, "\n"),
				       k->help);
				if (full)
					printf("%s\n\n", k->help);
			}
	regfree(&re);
	return 0;
}
