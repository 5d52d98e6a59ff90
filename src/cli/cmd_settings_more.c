/*
 * cmd_settings_more.c - the rest of gdb's settings that `set` and `show` (cmd_settings.c) pass
 * on: annotate, check range|type, complaints, editing, environment, history, radix, write,
 * verbose, prompt, breakpoint pending (show), solib-search-path, data-directory, endian, cwd,
 * may-call-functions, unwindonsignal. Each one is
 * implemented, or refused in one sentence; none is accepted and ignored.
 *
 * Owns: these settings' values and texts. Must not: touch the process; use another group.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_setvar.h"
#include "groups.h"

static struct {
	int range_check; /* set check range: 0 auto, 1 on, 2 warn, 3 off */
	bool type_check; /* set check type */
	int complaints;  /* gdb's zinteger: any int */
	bool verbose;
	char *hist_file;    /* NULL: gdb's default, $PWD/.gdb_history */
	unsigned hist_size; /* 0: unlimited */
	bool hist_size_set;
	unsigned hist_dups;
	bool endian_little; /* set endian little (else auto) */
} st = { 0, true, 0, false, NULL, 256, false, 0, false };

static const char *const range_names[] = { "auto", "on", "warn", "off", NULL };

static int bool_arg(struct cli *c, const char *v, bool *out)
{
	return cli_parse_boolean(c, v, out);
}

/* An unsigned setting: N, or "unlimited" (0) when unlimited is allowed (gdb's uinteger; else
 * its zuinteger). */
static int uint_arg(struct cli *c, const char *v, bool unlimited, unsigned *out)
{
	if (cli_parse_uinteger(c, unlimited ? CLI_SV_UINTEGER : CLI_SV_ZUINTEGER, v, out) < 0)
		return -1;
	if (unlimited && *out == UINT_MAX)
		*out = 0;
	return 0;
}

/* The words after a setting of two words ("check range", "history size"). */
static int sub_word(struct cli *c, char **rest, const char *const *names, const char *prefix)
{
	size_t len = strcspn(*rest, " \t");
	int found = -1, n = 0;

	if (!len) {
		cli_error(c, "\"%s\" must be followed by the name of a subcommand.", prefix);
		return -1;
	}
	for (int i = 0; names[i]; i++) {
		if (strncmp(names[i], *rest, len))
			continue;
		if (strlen(names[i]) == len)
			return *rest = cli_skip_ws(*rest + len), i;
		found = i;
		n++;
	}
	if (n != 1) {
		if (n)
			cli_error(c, "Ambiguous %s command \"%s\".", prefix, *rest);
		else
			cli_error(c, "Undefined %s command: \"%s\".  Try \"help %s\".", prefix,
				  *rest, prefix);
		return -1;
	}
	*rest = cli_skip_ws(*rest + len);
	return found;
}

/* gdb's filename settings: the file name must follow a blank ("set history file/x" is an
 * error), "~" is $HOME and a relative name is taken from the current directory. */
static char *filename_arg(struct cli *c, const char *rest, bool preceded)
{
	char cwd[PATH_MAX];
	const char *home = getenv("HOME");
	char *out = NULL;

	if (!preceded && *rest) {
		cli_error(c, "Argument must be preceded by space.");
		return NULL;
	}
	if (!*rest) {
		cli_error(c, "Argument required (filename to set it to.).");
		return NULL;
	}
	if (rest[0] == '~' && (!rest[1] || rest[1] == '/') && home) {
		if (asprintf(&out, "%s%s", home, rest + 1) < 0)
			out = NULL;
	} else if (rest[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		if (asprintf(&out, "%s/%s", cwd, rest) < 0)
			out = NULL;
	} else {
		out = strdup(rest);
	}
	if (!out)
		cli_error(c, "out of memory");
	return out;
}

static const char *hist_file(void)
{
	static char def[PATH_MAX + 16];
	char cwd[PATH_MAX];

	if (st.hist_file)
		return st.hist_file;
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, ".");
	snprintf(def, sizeof(def), "%s/.gdb_history", cwd);
	return def;
}

static void show_unlimited(const char *what, unsigned v)
{
	if (v)
		printf("%s is %u.\n", what, v);
	else
		printf("%s is unlimited.\n", what);
}

/* ---- the settings -------------------------------------------------------------------------- */

static int history(struct cli *c, char *rest, bool set)
{
	static const char *const names[] = { "expansion", "filename", "remove-duplicates",
					     "save",      "size",     NULL };
	char *word = rest;
	bool b;
	int k;

	if (!*rest && !set) {
		printf("history expansion:  History expansion on command input is off.\n"
		       "history filename:  The filename in which to record the command history "
		       "is \"%s\".\n",
		       hist_file());
		printf("history remove-duplicates:  The number of history entries to look back at "
		       "for duplicates is %u.\n",
		       st.hist_dups);
		printf("history save:  Saving of the history record on exit is off.\n");
		printf("history size:  ");
		show_unlimited("The size of the command history", st.hist_size);
		return 0;
	}
	/* "set history file/x": the name ends at a character no setting name has */
	size_t wl = strspn(rest, "abcdefghijklmnopqrstuvwxyz-");
	char save = rest[wl];
	bool preceded = !save || save == ' ' || save == '\t';
	if (!preceded && strchr("/~=", save)) {
		rest[wl] = '\0';
		k = sub_word(c, &word, names, set ? "set history" : "show history");
		rest[wl] = save;
		word = rest + wl;
	} else {
		k = sub_word(c, &word, names, set ? "set history" : "show history");
	}
	if (k < 0)
		return -1;
	const char *name = names[k];
	if (!strcmp(name, "expansion")) {
		if (!set)
			return printf("History expansion on command input is off.\n"), 0;
		if (bool_arg(c, word, &b) < 0)
			return -1;
		return b ? cli_error(c, "cdbg does not support history expansion (`!` on command "
					"lines) yet.") :
			   0;
	}
	if (!strcmp(name, "save")) {
		if (!set)
			return printf("Saving of the history record on exit is off.\n"), 0;
		if (bool_arg(c, word, &b) < 0)
			return -1;
		return b ? cli_error(c, "cdbg does not support `set history save on` yet (its own "
					"prompt keeps ~/.cdbg_history).") :
			   0;
	}
	if (!strcmp(name, "filename")) {
		if (!set)
			return printf("The filename in which to record the command history is "
				      "\"%s\".\n",
				      hist_file()),
			       0;
		char *f = filename_arg(c, word, preceded);
		if (!f)
			return -1;
		free(st.hist_file);
		st.hist_file = f;
		return 0;
	}
	if (!strcmp(name, "size")) {
		if (!set) {
			show_unlimited("The size of the command history", st.hist_size);
			return 0;
		}
		return uint_arg(c, word, true, &st.hist_size);
	}
	if (!set)
		return printf("The number of history entries to look back at for duplicates is "
			      "%u.\n",
			      st.hist_dups),
		       0;
	return uint_arg(c, word, true, &st.hist_dups);
}

static int check(struct cli *c, char *rest, bool set)
{
	static const char *const names[] = { "range", "type", NULL };
	int k;
	bool b;

	if (!*rest && !set) {
		printf("check range:  Range checking is \"%s%s\".\n", range_names[st.range_check],
		       st.range_check ? "" : "; currently off");
		printf("check type:  Strict type checking is %s.\n", st.type_check ? "on" : "off");
		return 0;
	}
	k = sub_word(c, &rest, names, set ? "set check" : "show check");
	if (k < 0)
		return -1;
	if (k == 0) {
		if (set) {
			size_t len = strlen(rest);
			int found = -1;
			for (int i = 0; range_names[i]; i++)
				if (len && !strncmp(range_names[i], rest, len))
					found = found < 0 ? i : -2;
			if (found == -2)
				return cli_error(c, "Ambiguous item \"%s\".", rest);
			if (found < 0)
				return cli_error(c, "Undefined item: \"%s\".", rest);
			st.range_check = found;
			/* C has no range checks: gdb's auto is off, and warns on a mismatch */
			if (found == 1 || found == 2) {
				fflush(stdout);
				fprintf(stderr, "warning: the current range check setting does not "
						"match the language.\n\n");
			}
			return 0;
		}
		printf("Range checking is \"%s%s\".\n", range_names[st.range_check],
		       st.range_check ? "" : "; currently off");
		if (st.range_check == 1 || st.range_check == 2) {
			fflush(stdout);
			fprintf(stderr, "warning: the current range check setting does not match "
					"the language.\n\n");
		}
		return 0;
	}
	if (!set)
		return printf("Strict type checking is %s.\n", st.type_check ? "on" : "off"), 0;
	if (bool_arg(c, rest, &b) < 0)
		return -1;
	st.type_check = b;
	return 0;
}

static int environment(struct cli *c, char *rest, bool set)
{
	extern char **environ;

	if (!set) {
		if (!*rest) {
			for (char **e = environ; e && *e; e++)
				printf("%s\n", *e);
			return 0;
		}
		const char *v = getenv(rest);
		if (!v)
			printf("Environment variable \"%s\" not defined.\n", rest);
		else
			printf("%s = %s\n", rest, v);
		return 0;
	}
	if (!*rest)
		return cli_error(c, "Argument required (environment variable and value).");
	/* gdb: NAME VALUE, NAME = VALUE or NAME=VALUE; blanks around the = go */
	size_t n = strcspn(rest, " \t=");
	char *val = cli_skip_ws(rest + n);
	if (*val == '=')
		val = cli_skip_ws(val + 1);
	if (n == 0)
		return cli_error(c, "Argument required (environment variable to set).");
	rest[n] = '\0';
	if (!*val)
		printf("Setting environment variable \"%s\" to null value.\n", rest);
	/* the program inherits cdbg's environment when `run` starts it */
	if (setenv(rest, val, 1) < 0)
		return cli_error(c, "cannot set environment variable \"%s\"", rest);
	return 0;
}

static void radix_text(const char *what, unsigned r)
{
	printf("%s decimal %u, hex %x, octal %o.\n", what, r, r, r);
}

static unsigned output_radix(const struct cli *c)
{
	return c->print.output_format == 'x' ? 16 : c->print.output_format == 'o' ? 8 : 10;
}

static int set_output_radix(struct cli *c, unsigned r)
{
	if (r != 8 && r != 10 && r != 16)
		return cli_error(c,
				 "Unsupported output radix ``decimal %u''; output radix unchanged.",
				 r);
	c->print.output_format = r == 16 ? 'x' : r == 8 ? 'o' : 0;
	return 0;
}

static int set_input_radix(struct cli *c, unsigned r)
{
	if (r < 2 || cdbg_set_input_radix(c->p, r) < 0)
		return cli_error(c, "Nonsense input radix ``decimal %u''; input radix unchanged.",
				 r);
	c->input_radix = r;
	return 0;
}

/* gdb's set|show radix, input-radix, output-radix (valprint.c). */
static int radix(struct cli *c, const char *name, char *rest, bool set)
{
	unsigned r = 10, in = c->input_radix ? c->input_radix : 10, out = output_radix(c);

	if (!set) {
		if (!strcmp(name, "input-radix"))
			printf("Default input radix for entering numbers is %u.\n", in);
		else if (!strcmp(name, "output-radix"))
			printf("Default output radix for printing of values is %u.\n", out);
		else if (cli_from_tty(c) && in == out) /* gdb: only to a person */
			radix_text("Input and output radices set to", in);
		else if (cli_from_tty(c)) {
			radix_text("Input radix set to", in);
			radix_text("Output radix set to", out);
		}
		return 0;
	}
	if (*rest && uint_arg(c, rest, false, &r) < 0)
		return -1;
	if (!strcmp(name, "input-radix")) {
		if (set_input_radix(c, r) < 0)
			return -1;
		if (cli_from_tty(c))
			radix_text("Input radix now set to", r);
		return 0;
	}
	if (set_output_radix(c, r) < 0)
		return -1;
	if (!strcmp(name, "output-radix")) {
		if (cli_from_tty(c))
			radix_text("Output radix now set to", r);
		return 0;
	}
	if (set_input_radix(c, r) < 0)
		return -1;
	if (cli_from_tty(c))
		radix_text("Input and output radices now set to", r);
	return 0;
}

/* gdb's set|show substitute-path FROM TO (source.c). */
static int substitute_path(struct cli *c, char *rest, bool set)
{
	char *argv[3];
	const char *from, *to;
	int n = cli_buildargv(rest, argv, 3);

	if (!set) {
		if (n > 1)
			return cli_error(c, "Too many arguments in command");
		if (n)
			printf("Source path substitution rule matching `%s':\n", argv[0]);
		else
			printf("List of all source path substitution rules:\n");
		for (int i = 0; (from = cli_subst_rule(i, n ? argv[0] : NULL, &to)); i++)
			printf("  `%s' -> `%s'.\n", from, to);
		return 0;
	}
	if (n < 2)
		return cli_error(c, "Incorrect usage, too few arguments in command");
	if (n > 2)
		return cli_error(c, "Incorrect usage, too many arguments in command");
	if (!*argv[0])
		return cli_error(c, "First argument must be at least one character long");
	for (int i = 0; i < 2; i++) { /* a trailing '/' is implied */
		size_t k = strlen(argv[i]);
		if (k > 1 && argv[i][k - 1] == '/')
			argv[i][k - 1] = '\0';
	}
	if (cli_subst_set(argv[0], argv[1]) < 0)
		return cli_error(c, "out of memory");
	return 0;
}

/* gdb's follow-fork-mode parent|child and follow-exec-mode same|new (enums: a prefix will do). */
static int follow_setting(struct cli *c, const char *name, const char *rest, bool set)
{
	bool fork = !strcmp(name, "follow-fork-mode");
	const char *a = fork ? "child" : "new", *b = fork ? "parent" : "same";
	size_t n = strlen(rest);

	if (!set) {
		if (fork)
			printf("Debugger response to a program call of fork or vfork is \"%s\".\n",
			       c->follow_child ? a : b);
		else
			printf("Follow exec mode is \"%s\".\n", b);
		return 0;
	}
	if (!n)
		return cli_error(c, "Requires an argument. Valid arguments are %s, %s.",
				 fork ? a : b, fork ? b : a);
	if (!strncmp(rest, a, n) && n <= strlen(a)) {
		if (!fork)
			return cli_error(c,
					 "cdbg cannot follow an exec into a new inferior "
					 "(follow-exec-mode new): it debugs one inferior at a "
					 "time; the exec'd program replaces the old one (same).");
		c->follow_child = true;
		return cdbg_set_follow_fork(c->p, 1) < 0 ? -1 : 0;
	}
	if (!strncmp(rest, b, n) && n <= strlen(b)) {
		if (fork) {
			c->follow_child = false;
			return cdbg_set_follow_fork(c->p, 0) < 0 ? -1 : 0;
		}
		return 0;
	}
	return cli_error(c, "Undefined item: \"%s\".", rest);
}

int cli_settings_more(struct cli *c, const char *name, char *rest, bool set)
{
	/* did a blank follow the setting's name (gdb's filename settings insist)? */
	bool preceded = !*rest || rest[-1] == ' ' || rest[-1] == '\t';
	bool b;

	/* gdb keeps the blanks at the end only for strings (the prompt) */
	if (strcmp(name, "prompt")) {
		size_t n = strlen(rest);
		while (n && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
			rest[--n] = '\0';
	}
	if (!strcmp(name, "follow-fork-mode") || !strcmp(name, "follow-exec-mode"))
		return follow_setting(c, name, rest, set);
	if (!strcmp(name, "displaced-stepping")) { /* gdb's auto-boolean */
		static const char *const v[] = { "auto", "on", "off" };
		int k;
		if (!set) {
			printf("Debugger's willingness to use displaced stepping to step over "
			       "breakpoints is %s.\n",
			       c->displaced ? v[c->displaced] : "auto (currently on)");
			return 0;
		}
		if (cli_parse_auto_boolean(c, rest, &k) < 0)
			return -1;
		k = k < 0 ? 0 : k ? 1 : 2;
		c->displaced = k;
		(void)cdbg_set_displaced_stepping(c->p, k != 2);
		return 0;
	}
	if (!strcmp(name, "stop-on-solib-events")) { /* gdb's zinteger */
		int v;
		if (!set)
			return printf("Stopping for shared library events is %d.\n",
				      c->stop_on_solib),
			       0;
		if (cli_parse_integer(c, CLI_SV_ZINTEGER, rest, &v) < 0)
			return -1;
		c->stop_on_solib = v;
		if (v && c->live && !c->core && cdbg_libraries_report(c->p) < 0) {
			/* no dynamic linker: no library events to stop at */
		}
		return 0;
	}
	if (!strcmp(name, "cwd")) { /* the program's working directory at run: ~ is $HOME */
		if (!set) {
			if (!c->inferior_cwd)
				printf("You have not set the inferior's current working directory.\n"
				       "The inferior will inherit GDB's cwd if native debugging, or "
				       "the remote\nserver's cwd if remote debugging.\n");
			else
				printf("Current working directory that will be used when starting "
				       "the inferior is \"%s\".\n",
				       c->inferior_cwd);
			return 0;
		}
		free(c->inferior_cwd);
		c->inferior_cwd = *rest ? strdup(rest) : NULL;
		return 0;
	}
	if (!strcmp(name, "detach-on-fork")) {
		if (!set)
			return printf("Whether gdb will detach the child of a fork is on.\n"), 0;
		if (bool_arg(c, rest, &b) < 0)
			return -1;
		return b ? 0 :
			   cli_error(c, "cdbg cannot keep both processes of a fork under control "
					"(detach-on-fork off): it debugs one inferior at a time.");
	}
	if (!strcmp(name, "annotate")) { /* gdb's zinteger */
		int v;
		if (!set)
			return printf("Annotation_level is 0.\n"), 0;
		if (cli_parse_integer(c, CLI_SV_ZINTEGER, rest, &v) < 0)
			return -1;
		return v ? cli_error(c, "cdbg does not support annotations (annotate %d) yet.", v) :
			   0;
	}
	if (!strcmp(name, "max-completions")) { /* gdb's zuinteger_unlimited: -1 is unlimited */
		if (!set) {
			if (c->max_completions < 0)
				printf("Maximum number of completion candidates is unlimited.\n");
			else
				printf("Maximum number of completion candidates is %d.\n",
				       c->max_completions);
			return 0;
		}
		return cli_parse_integer(c, CLI_SV_ZUINTEGER_UNLIMITED, rest, &c->max_completions);
	}
	if (!strcmp(name, "check") || !strcmp(name, "c") || !strcmp(name, "ch"))
		return check(c, rest, set);
	if (!strcmp(name, "history"))
		return history(c, rest, set);
	if (!strcmp(name, "substitute-path"))
		return substitute_path(c, rest, set);
	if (!strcmp(name, "environment"))
		return environment(c, rest, set);
	if (!strcmp(name, "radix") || !strcmp(name, "input-radix") || !strcmp(name, "output-radix"))
		return radix(c, name, rest, set);
	if (!strcmp(name, "complaints")) {
		/* cdbg prints no complaints about debug info: any limit holds */
		if (!set)
			return printf("Max number of complaints about incorrect symbols is %d.\n",
				      st.complaints),
			       0;
		return cli_parse_integer(c, CLI_SV_ZINTEGER, rest, &st.complaints);
	}
	if (!strcmp(name, "editing")) {
		if (!set)
			return printf("Editing of command lines as they are typed is %s.\n",
				      cli_editing(c) ? "on" : "off"),
			       0;
		if (bool_arg(c, rest, &b) < 0)
			return -1;
		cli_set_editing(b);
		return 0;
	}
	if (!strcmp(name, "verbose")) {
		/* cdbg has no extra messages to give: verbose changes only what show says */
		if (!set)
			return printf(st.verbose ? "Verbose printing of informational messages is "
						   "on.\n" :
						   "Verbosity is off.\n"),
			       0;
		if (bool_arg(c, rest, &b) < 0)
			return -1;
		st.verbose = b;
		return 0;
	}
	if (!strcmp(name, "may-call-functions") || !strcmp(name, "unwindonsignal")) {
		bool calls = !strcmp(name, "may-call-functions");
		if (!set) {
			if (calls)
				printf("Permission to call functions in the program is %s.\n",
				       c->no_calls ? "off" : "on");
			else
				printf("Unwinding of stack if a signal is received while in a call "
				       "dummy is %s.\n",
				       c->unwind_on_signal ? "on" : "off");
			return 0;
		}
		if (bool_arg(c, rest, &b) < 0)
			return -1;
		if (calls)
			c->no_calls = !b;
		else
			c->unwind_on_signal = b;
		return 0;
	}
	if (!strcmp(name, "endian")) {
		/* cdbg debugs x86-64 programs only: little endian is all there is */
		if (set && !*rest)
			return cli_error(c,
					 "Requires an argument. Valid arguments are big, little, "
					 "auto.");
		if (set && strncmp("auto", rest, strlen(rest)) &&
		    strncmp("little", rest, strlen(rest)))
			return strncmp("big", rest, strlen(rest)) ?
				       cli_error(c, "Undefined item: \"%s\".", rest) :
				       cli_error(c, "cdbg debugs little-endian (x86-64) programs "
						    "only: `set endian big` is not supported.");
		if (set) /* gdb says what it is set to, set or show */
			st.endian_little = !strncmp("little", rest, strlen(rest));
		if (st.endian_little)
			printf("The target is set to little endian.\n");
		else
			printf("The target endianness is set automatically (currently little "
			       "endian).\n");
		return 0;
	}
	if (!strcmp(name, "write")) {
		if (!set)
			return printf("Writing into executable and core files is off.\n"), 0;
		if (bool_arg(c, rest, &b) < 0)
			return -1;
		return b ? cli_error(c, "cdbg does not write into executable and core files.") : 0;
	}
	if (!strcmp(name, "prompt")) {
		if (!set)
			return printf("Gdb's prompt is \"%s\".\n", cli_prompt()), 0;
		/* gdb keeps the blanks at the end and reads C escapes ("\(" is "(") */
		cli_unescape(rest);
		cli_set_prompt(rest);
		return 0;
	}
	if (!strcmp(name, "dprintf-style")) {
		static const char *const styles[] = { "gdb", "call", "agent" };
		int k = -1;
		if (!set)
			return printf("The style of usage for dynamic printf is \"%s\".\n",
				      styles[c->dprintf_style]),
			       0;
		for (int i = 0; i < 3 && *rest; i++)
			if (!strncmp(styles[i], rest, strlen(rest)))
				k = i;
		if (!*rest)
			return cli_error(c, "Requires an argument. Valid arguments are gdb, call, "
					    "agent.");
		if (k < 0)
			return cli_error(c, "Undefined item: \"%s\".", rest);
		c->dprintf_style = k;
		/* no agent runs commands in a native process: gdb's fallback, said per dprintf */
		int ids[256], n = k == 2 ? cdbg_break_list(c->p, ids, 256) : 0;
		for (int i = 0; i < n && i < 256; i++) {
			struct cdbg_break_info bi;
			if (cdbg_break_info(c->p, ids[i], &bi) < 0 || !bi.user ||
			    !((struct cli_bp *)bi.user)->dprintf)
				continue;
			fflush(stdout);
			fprintf(stderr, "warning: Target cannot run dprintf commands, falling back "
					"to GDB printf\n");
		}
		return 0;
	}
	if (!strcmp(name, "disconnected-dprintf")) {
		if (!set)
			return printf("Whether dprintf continues after GDB disconnects is %s.\n",
				      c->no_dd_dprintf ? "off" : "on"),
			       0;
		if (bool_arg(c, rest, &b) < 0)
			return -1;
		c->no_dd_dprintf = !b;
		return 0;
	}
	if (!strcmp(name, "dprintf-function") || !strcmp(name, "dprintf-channel")) {
		bool fn = !strcmp(name, "dprintf-function");
		char **v = fn ? &c->dprintf_function : &c->dprintf_channel, *nv;
		if (!set)
			return printf("The %s to use for dynamic printf is \"%s\".\n",
				      fn ? "function" : "channel",
				      *v ? *v :
				      fn ? "printf" :
					   ""),
			       0;
		if (!(nv = strdup(rest)))
			return cli_error(c, "cannot set %s: out of memory", name);
		free(*v);
		*v = nv;
		return 0;
	}
	if (!strcmp(name, "breakpoint") && !set) {
		if (*rest && !strncmp(rest, "always-inserted", strlen(rest)))
			return printf("Always inserted breakpoint mode is %s.\n",
				      c->bp_always_inserted ? "on" : "off"),
			       0;
		if (strncmp(rest, "pending", strlen(rest)))
			return cli_error(c,
					 "Undefined show breakpoint command: \"%s\".  Try \"help "
					 "show breakpoint\".",
					 rest);
		printf("Debugger's behavior regarding pending breakpoints is %s.\n",
		       c->bp_pending > 0 ? "on" :
		       c->bp_pending < 0 ? "off" :
					   "auto");
		return 0;
	}
	if (!strcmp(name, "solib-search-path") || !strcmp(name, "data-directory")) {
		if (!set)
			return !strcmp(name, "data-directory") ?
				       printf("GDB's data directory is \"%s%s\".\n",
					      cli_st(c, CDBG_STYLE_FILENAME),
					      cli_st_end(c, CDBG_STYLE_FILENAME)) :
				       printf("The search path for loading non-absolute shared "
					      "library symbol files is .\n"),
			       0;
		if (!preceded)
			return cli_error(c, "Argument must be preceded by space.");
		return cli_error(c, "cdbg does not support `set %s` yet.", name);
	}
	return 1;
}
