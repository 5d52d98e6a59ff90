/*
 * cmd_settings.c - `set` and `show`: gdb's settings, resolved by gdb's rules (the first word
 * against gdb's own list of settings, abbreviations allowed; a word that names none is an
 * expression, gdb's shorthand for `set var`), each one implemented or refused in one
 * sentence, never accepted and ignored.
 *
 * Owns: the settings' values in struct cli (their defaults: cli_settings_init) and their
 * texts in `show`. Must not: touch the process (settings take effect where the commands that
 * use them read them: print, list, run, frame lines).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_settings.h"
#include "core_setvar.h"
#include "groups.h"

/* gdb 13's `set` subcommands with their aliases (c, ch: check; p, pr: print; var: variable)
 * and its deprecated varsize-limit, in the order it lists them in an ambiguity message. */
static const char *const set_names[] = { "ada",
					 "agent",
					 "annotate",
					 "architecture",
					 "args",
					 "auto-connect-native-target",
					 "auto-load",
					 "auto-solib-add",
					 "backtrace",
					 "basenames-may-differ",
					 "breakpoint",
					 "c",
					 "can-use-hw-watchpoints",
					 "case-sensitive",
					 "ch",
					 "charset",
					 "check",
					 "circular-trace-buffer",
					 "code-cache",
					 "coerce-float-to-double",
					 "compile-args",
					 "compile-gcc",
					 "complaints",
					 "confirm",
					 "cp-abi",
					 "cwd",
					 "data-directory",
					 "dcache",
					 "debug",
					 "debug-file-directory",
					 "debuginfod",
					 "default-collect",
					 "demangle-style",
					 "detach-on-fork",
					 "directories",
					 "disable-randomization",
					 "disassemble-next-line",
					 "disassembler-options",
					 "disassembly-flavor",
					 "disconnected-dprintf",
					 "disconnected-tracing",
					 "displaced-stepping",
					 "dprintf-channel",
					 "dprintf-function",
					 "dprintf-style",
					 "dump-excluded-mappings",
					 "editing",
					 "endian",
					 "environment",
					 "exec-direction",
					 "exec-done-display",
					 "exec-file-mismatch",
					 "exec-wrapper",
					 "extended-prompt",
					 "extension-language",
					 "filename-display",
					 "follow-exec-mode",
					 "follow-fork-mode",
					 "fortran",
					 "frame-filter",
					 "gnutarget",
					 "guile",
					 "height",
					 "history",
					 "host-charset",
					 "index-cache",
					 "inferior-tty",
					 "input-radix",
					 "interactive-mode",
					 "language",
					 "libthread-db-search-path",
					 "listsize",
					 "logging",
					 "max-completions",
					 "max-user-call-depth",
					 "max-value-size",
					 "may-call-functions",
					 "may-insert-breakpoints",
					 "may-insert-fast-tracepoints",
					 "may-insert-tracepoints",
					 "may-interrupt",
					 "may-write-memory",
					 "may-write-registers",
					 "mem",
					 "mi-async",
					 "mpx",
					 "multiple-symbols",
					 "non-stop",
					 "observer",
					 "opaque-type-resolution",
					 "osabi",
					 "output-radix",
					 "overload-resolution",
					 "p",
					 "pagination",
					 "pr",
					 "print",
					 "prompt",
					 "python",
					 "radix",
					 "range-stepping",
					 "ravenscar",
					 "record",
					 "remote",
					 "remoteaddresssize",
					 "remotecache",
					 "remoteflow",
					 "remotelogbase",
					 "remotelogfile",
					 "remotetimeout",
					 "remotewritesize",
					 "schedule-multiple",
					 "scheduler-locking",
					 "script-extension",
					 "serial",
					 "solib-absolute-prefix",
					 "solib-search-path",
					 "source",
					 "stack-cache",
					 "startup-quietly",
					 "startup-with-shell",
					 "step-mode",
					 "stop-on-solib-events",
					 "struct-convention",
					 "style",
					 "substitute-path",
					 "suppress-cli-notifications",
					 "sysroot",
					 "target-charset",
					 "target-file-system-kind",
					 "target-wide-charset",
					 "tcp",
					 "tdesc",
					 "trace-buffer-size",
					 "trace-commands",
					 "trace-notes",
					 "trace-stop-notes",
					 "trace-user",
					 "trust-readonly-sections",
					 "tui",
					 "unwind-on-terminating-exception",
					 "unwindonsignal",
					 "use-coredump-filter",
					 "use-deprecated-index-sections",
					 "var",
					 "variable",
					 "varsize-limit",
					 "verbose",
					 "watchdog",
					 "width",
					 "write",
					 NULL };

static const char *const print_names[] = { "address",
					   "array",
					   "array-indexes",
					   "asm-demangle",
					   "demangle",
					   "elements",
					   "entry-values",
					   "finish",
					   "frame-arguments",
					   "frame-info",
					   "inferior-events",
					   "max-depth",
					   "max-symbolic-offset",
					   "memory-tag-violations",
					   "nibbles",
					   "null-stop",
					   "object",
					   "pascal_static-members",
					   "pretty",
					   "raw-frame-arguments",
					   "raw-values",
					   "repeats",
					   "sevenbit-strings",
					   "static-members",
					   "symbol",
					   "symbol-filename",
					   "symbol-loading",
					   "thread-events",
					   "type",
					   "union",
					   "vtbl",
					   NULL };

/* What other groups own (set var, set args, scheduler-locking), given by the top at init: a
 * group calls no other group (scripts/check-cli-cycles). */
static struct cli_settings_hooks hooks;

void cli_settings_init(struct cli *c, const struct cli_settings_hooks *h)
{
	hooks = *h;
	c->print = (struct cdbg_print_opts){ .elements = 200, .repeats = 10, .no_address = 0 };
	c->frame_args = CLI_FRAME_ARGS_SCALARS;
	c->listsize = 10;
	c->pagination = true;
	c->no_aslr = true;
	/* gdb: styled unless TERM is dumb, shown only on a terminal */
	const char *term = getenv("TERM");
	c->style_enabled = !term || strcmp(term, "dumb");
	c->style_tty = isatty(STDOUT_FILENO);
	c->style_sources = true;
	c->style_disasm = true;
	c->style_libopcodes = true;
	cli_style_update(c);
}

/* The length of the command word at s, gdb's find_command_name_length: letters, digits, '-'
 * and '_' (and '.' inside a word, which no setting has). */
static size_t word_len(const char *s)
{
	size_t n = 0;

	while (s[n] && (strchr("-_", s[n]) || (s[n] >= 'a' && s[n] <= 'z') ||
			(s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')))
		n++;
	return n;
}

enum { NAME_NONE = -1, NAME_AMBIGUOUS = -2 };

/* gdb's lookup of the word at *line in names: an exact name, else a unique prefix. Returns
 * its index (and *line after it and its blanks), NAME_NONE, or NAME_AMBIGUOUS after printing
 * gdb's "Ambiguous set command" error (cmdtype: "set " or "set print "). */
static int resolve(struct cli *c, char **line, const char *const *names, const char *cmdtype)
{
	size_t len = word_len(*line);
	int found = NAME_NONE, n = 0;

	if (!len)
		return NAME_NONE;
	for (int i = 0; names[i]; i++) {
		if (strncmp(names[i], *line, len))
			continue;
		if (strlen(names[i]) == len) {
			found = i;
			n = 1;
			break;
		}
		found = i;
		n++;
	}
	if (n > 1) {
		/* gdb names the candidates of everything up to the first blank, in 100 bytes */
		size_t amb = strcspn(*line, " \t");
		char buf[100] = "";
		for (int i = 0; names[i]; i++) {
			if (strncmp(*line, names[i], amb))
				continue;
			if (strlen(buf) + strlen(names[i]) + 6 < sizeof(buf)) {
				if (buf[0])
					strcat(buf, ", ");
				strcat(buf, names[i]);
			} else {
				strcat(buf, "..");
				break;
			}
		}
		cli_error(c, "Ambiguous %scommand \"%s\": %s.", cmdtype, *line, buf);
		return NAME_AMBIGUOUS;
	}
	if (found >= 0)
		*line = cli_skip_ws(*line + len);
	return found;
}

/* ---- values: gdb's parse rules for booleans, integers and enums ---- */

static int parse_bool(struct cli *c, const char *v, bool *out)
{
	return cli_parse_boolean(c, v, out);
}

/* gdb's zuinteger-unlimited (print max-depth): N >= 0, or "unlimited" or -1; into *out as
 * cdbg_print_opts.max_depth keeps it (N + 1, -1 unlimited). */
static int parse_zuint_unlimited(struct cli *c, char *v, int *out)
{
	int n;

	if (cli_parse_integer(c, CLI_SV_ZUINTEGER_UNLIMITED, v, &n) < 0)
		return -1;
	*out = n < 0 ? -1 : n + 1;
	return 0;
}

/* gdb's uinteger, with cdbg's unlimited: 0. */
static int parse_uint(struct cli *c, char *v, unsigned *out)
{
	if (cli_parse_uinteger(c, CLI_SV_UINTEGER, v, out) < 0)
		return -1;
	if (*out == UINT_MAX)
		*out = 0;
	return 0;
}

static void show_uint(const char *what, unsigned v)
{
	if (v)
		printf("%s is %u.\n", what, v);
	else
		printf("%s is unlimited.\n", what);
}

static const char *const frame_args_names[] = { "all", "scalars", "none", "presence", NULL };

/* ---- the settings cdbg implements ---- */

static int refuse(struct cli *c, const char *verb, const char *name)
{
	return cli_error(c, "cdbg does not support `%s %s` yet.", verb, name);
}

/* gdb 13's languages, as `set language` lists them. cdbg evaluates them all by C's rules
 * (gdb prints what the tests of each compare the same way: integers, /t, characters). */
static const char *const lang_names[] = { "auto",    "local",    "unknown",     "ada",     "asm",
					  "c",       "c++",      "d",           "fortran", "go",
					  "minimal", "modula-2", "objective-c", "opencl",  "pascal",
					  "rust",    NULL };

/* print nibbles' separator: '_' in Rust, '\'' in C++, as gdb. */
static void lang_nibbles(struct cli *c)
{
	c->print.nibbles = !c->print_nibbles ? 0 :
			   c->language == 15 ? '_' :
			   c->language == 6  ? '\'' :
					       ' ';
}

/* gdb's warning when a language was set and the selected frame's is another. */
static void lang_warn(struct cli *c)
{
	struct cdbg_cu_info cu;
	struct cdbg_frame *f = NULL;
	uint64_t pc;
	int n, sel;

	if (c->language <= 1 || !c->live)
		return;
	if ((n = cli_frames(c, c->cur_tid, &f)) <= (sel = cli_selected_frame(c))) {
		free(f);
		return;
	}
	pc = f[sel].is_caller ? f[sel].pc - 1 : f[sel].pc;
	free(f);
	if (cdbg_cu_info(c->p, pc, &cu) == 0 && strcmp(cu.language, "unknown") &&
	    strcmp(cu.language, lang_names[c->language]))
		printf("Warning: the current language does not match this frame.\n");
}

/* set/show language */
static int language_setting(struct cli *c, char *rest, bool set)
{
	size_t len = strlen(rest);
	int found = -1;

	if (!set) {
		if (c->language <= 1) /* auto and local: the frame's, C or Go */
			printf("The current source language is \"auto; currently c\".\n");
		else
			printf("The current source language is \"%s\".\n", lang_names[c->language]);
		lang_warn(c);
		return 0;
	}
	if (!len)
		return cli_error(c,
				 "Requires an argument. Valid arguments are auto, local, unknown, "
				 "ada, asm, c, c++, d, fortran, go, minimal, modula-2, objective-c, "
				 "opencl, pascal, rust.");
	for (int i = 0; lang_names[i]; i++) {
		if (strncmp(lang_names[i], rest, len))
			continue;
		if (strlen(lang_names[i]) == len) {
			found = i;
			break;
		}
		found = found < 0 ? i : -2;
	}
	if (found == -2)
		return cli_error(c, "Ambiguous item \"%s\".", rest);
	if (found < 0)
		return cli_error(c, "Undefined item: \"%s\".", rest);
	c->language = found;
	lang_nibbles(c);
	return 0;
}

/* set/show print SUB */
static int print_setting(struct cli *c, char *args, bool set)
{
	const char *verb = set ? "set" : "show";
	char *rest = args;
	int k;
	bool b;

	if (!*args)
		return cli_error(c,
				 "\"%s print\" must be followed by the name of a print "
				 "subcommand.",
				 verb);
	k = resolve(c, &rest, print_names, set ? "set print " : "show print ");
	if (k == NAME_AMBIGUOUS)
		return -1;
	if (k == NAME_NONE)
		return cli_error(c, "Undefined %s print command: \"%s\".  Try \"help %s print\".",
				 verb, args, verb);
	const char *name = print_names[k];
	if (!strcmp(name, "elements")) {
		if (set)
			return parse_uint(c, rest, &c->print.elements);
		show_uint("Limit on string chars or array elements to print", c->print.elements);
	} else if (!strcmp(name, "max-depth")) {
		if (set)
			return parse_zuint_unlimited(c, rest, &c->print.max_depth);
		if (c->print.max_depth < 0)
			printf("Maximum print depth is unlimited.\n");
		else
			printf("Maximum print depth is %d.\n",
			       c->print.max_depth ? c->print.max_depth - 1 : 20);
	} else if (!strcmp(name, "repeats")) {
		if (set)
			return parse_uint(c, rest, &c->print.repeats);
		show_uint("Threshold for repeated print elements", c->print.repeats);
	} else if (!strcmp(name, "address")) {
		if (set) {
			if (parse_bool(c, rest, &b) < 0)
				return -1;
			c->print.no_address = !b;
			return 0;
		}
		printf("Printing of addresses is %s.\n", c->print.no_address ? "off" : "on");
	} else if (!strcmp(name, "symbol")) {
		if (set) {
			if (parse_bool(c, rest, &b) < 0)
				return -1;
			c->print.no_symbol = !b;
			return 0;
		}
		printf("Printing of symbols when printing pointers is %s.\n",
		       c->print.no_symbol ? "off" : "on");
	} else if (!strcmp(name, "nibbles") || !strcmp(name, "null-stop") ||
		   !strcmp(name, "sevenbit-strings")) {
		bool *flag = !strcmp(name, "nibbles")          ? &c->print_nibbles :
			     !strcmp(name, "sevenbit-strings") ? &c->sevenbit :
								 NULL;
		bool cur = flag ? *flag : c->print.null_stop;
		if (!set) {
			printf("%s is %s.\n",
			       !strcmp(name, "nibbles") ? "Printing binary values in groups" :
			       flag ? "Printing of 8-bit characters in strings as \\nnn" :
				      "Printing of char arrays to stop at first null char",
			       cur ? "on" : "off");
			return 0;
		}
		if (parse_bool(c, rest, &b) < 0)
			return -1;
		if (flag)
			*flag = b;
		else
			c->print.null_stop = b;
		lang_nibbles(c);
	} else if (!strcmp(name, "frame-arguments")) {
		if (set) {
			size_t len = strlen(rest);
			int found = -1;
			if (!len)
				return cli_error(c,
						 "Requires an argument. Valid arguments are all, "
						 "scalars, none, presence.");
			for (int i = 0; frame_args_names[i]; i++)
				if (!strncmp(frame_args_names[i], rest, len))
					found = found < 0 ? i : -2;
			if (found == -2)
				return cli_error(c, "Ambiguous item \"%s\".", rest);
			if (found < 0)
				return cli_error(c, "Undefined item: \"%s\".", rest);
			c->frame_args = found;
			return 0;
		}
		printf("Printing of non-scalar frame arguments is \"%s\".\n",
		       frame_args_names[c->frame_args]);
	} else if (!strcmp(name, "inferior-events")) {
		if (set) {
			if (parse_bool(c, rest, &b) < 0)
				return -1;
			c->no_inferior_events = !b;
			return 0;
		}
		printf("Printing of inferior events is %s.\n",
		       c->no_inferior_events ? "off" : "on");
	} else if (!strcmp(name, "thread-events")) {
		if (set) {
			if (parse_bool(c, rest, &b) < 0)
				return -1;
			c->no_thread_events = !b;
			return 0;
		}
		printf("Printing of thread events is %s.\n", c->no_thread_events ? "off" : "on");
	} else if (!strcmp(name, "pretty") || !strcmp(name, "array-indexes")) {
		bool pretty = !strcmp(name, "pretty");
		int *flag = pretty ? &c->print.pretty : &c->print.array_indexes;
		if (set) {
			if (parse_bool(c, rest, &b) < 0)
				return -1;
			*flag = b;
			return 0;
		}
		printf("%s is %s.\n",
		       pretty ? "Pretty formatting of structures" : "Printing of array indexes",
		       *flag ? "on" : "off");
	} else {
		char full[64];
		snprintf(full, sizeof(full), "print %s", name);
		return refuse(c, verb, full);
	}
	return 0;
}

int settings_with_check(struct cli *c, const char *text)
{
	char *rest = (char *)text;
	int k = resolve(c, &rest, set_names, "set ");

	if (k == NAME_AMBIGUOUS)
		return -1;
	if (k == NAME_NONE)
		return cli_error(c, "Undefined set command: \"%.*s\".  Try \"help set\".",
				 (int)strcspn(text, " \t"), text);
	if (!strcmp(set_names[k], "var") || !strcmp(set_names[k], "variable"))
		return cli_error(c, "Cannot use this setting with the \"with\" command");
	return 0;
}

static int cmd_set(struct cli *c, char *args)
{
	char *rest = args;
	const char *name;
	bool b;
	int k;

	if (!*args)
		return cli_error(c, "Argument required (expression to compute).");
	k = resolve(c, &rest, set_names, "set ");
	if (k == NAME_AMBIGUOUS)
		return -1;
	if (k == NAME_NONE) /* gdb: `set EXPR` is `set var EXPR` */
		return hooks.set_assign(c, args);
	name = set_names[k];
	if (!strcmp(name, "var") || !strcmp(name, "variable"))
		return hooks.set_assign(c, rest);
	if (!strcmp(name, "print") || !strcmp(name, "p") || !strcmp(name, "pr"))
		return print_setting(c, rest, true);
	if (!strcmp(name, "style"))
		return cli_style_setting(c, rest, true);
	if (!strcmp(name, "language"))
		return language_setting(c, rest, true);
	if (!strcmp(name, "target-charset") || !strcmp(name, "charset") ||
	    !strcmp(name, "host-charset") || !strcmp(name, "target-wide-charset"))
		return cli_charset_setting(c, name, rest, true);
	if (!strcmp(name, "args"))
		return hooks.set_args(c, rest);
	if (!strcmp(name, "scheduler-locking"))
		return hooks.set_sched(c, rest);
	if (!strcmp(name, "debuginfod") && !strncmp(rest, "enabled", 7) &&
	    (!rest[7] || rest[7] == ' ')) {
		/* The library asks debuginfod servers only when DEBUGINFOD_URLS names some. */
		const char *v = cli_skip_ws(rest + 7);
		if (!strcmp(v, "off")) {
			unsetenv("DEBUGINFOD_URLS");
			return 0;
		}
		if (!strcmp(v, "ask"))
			return 0;
		if (!strcmp(v, "on"))
			return getenv("DEBUGINFOD_URLS") ?
				       0 :
				       cli_error(c,
						 "cannot enable debuginfod: DEBUGINFOD_URLS is not "
						 "set; set it before starting cdbg");
		return cli_error(c, "\"on\", \"off\" or \"ask\" expected.");
	}
	if (!strcmp(name, "confirm") || !strcmp(name, "pagination") ||
	    !strcmp(name, "disable-randomization")) {
		if (parse_bool(c, rest, &b) < 0)
			return -1;
		if (!strcmp(name, "confirm"))
			c->confirm = b;
		else if (!strcmp(name, "pagination"))
			c->pagination = b;
		else
			c->no_aslr = b;
		return 0;
	}
	if (!strcmp(name, "width") || !strcmp(name, "height")) {
		unsigned v;
		if (parse_uint(c, rest, &v) < 0)
			return -1;
		*(!strcmp(name, "width") ? &c->width : &c->height) = (int)v;
		if (!strcmp(name, "width"))
			c->width_unlimited = v == 0;
		return 0;
	}
	if (!strcmp(name, "can-use-hw-watchpoints")) {
		unsigned v;
		if (parse_uint(c, rest, &v) < 0)
			return -1;
		c->no_hw_watch = v == 0;
		return 0;
	}
	if (!strcmp(name, "listsize")) {
		unsigned v;
		if (parse_uint(c, rest, &v) < 0)
			return -1;
		c->listsize = (int)v;
		return 0;
	}
	if (!strcmp(name, "breakpoint")) {
		if (!strncmp(rest, "always-inserted", 15) && (!rest[15] || rest[15] == ' ')) {
			if (parse_bool(c, cli_skip_ws(rest + 15), &b) < 0)
				return -1;
			c->bp_always_inserted = b;
			return 0;
		}
		if (strncmp(rest, "pending", 7) || (rest[7] && rest[7] != ' '))
			return refuse(c, "set breakpoint", rest);
		const char *v = cli_skip_ws(rest + 7);
		if (strcmp(v, "on") && strcmp(v, "off") && strcmp(v, "auto"))
			return cli_error(c, "\"on\", \"off\" or \"auto\" expected.");
		c->bp_pending = !strcmp(v, "on") ? 1 : !strcmp(v, "off") ? -1 : 0;
		return 0;
	}
	if ((k = cli_settings_more(c, name, rest, true)) <= 0) /* cmd_settings_more.c */
		return k;
	if (!strcmp(name, "c") || !strcmp(name, "ch"))
		name = "check";
	return refuse(c, "set", name);
}

static int cmd_show(struct cli *c, char *args)
{
	char *rest = args;
	const char *name;
	int k;

	if (!strncmp(args, "user", 4) && (!args[4] || args[4] == ' '))
		return hooks.show_user(c, args + 4);
	if (!strcmp(args, "version")) {
		printf("cdbg %s\n", cdbg_version());
		return 0;
	}
	if (!*args)
		return cli_error(c, "cdbg does not support `show` without a setting yet.");
	k = resolve(c, &rest, set_names, "show ");
	if (k == NAME_AMBIGUOUS)
		return -1;
	if (k == NAME_NONE)
		return cli_error(c, "Undefined show command: \"%s\".  Try \"help show\".", args);
	name = set_names[k];
	if (!strcmp(name, "print") || !strcmp(name, "p") || !strcmp(name, "pr"))
		return print_setting(c, rest, false);
	if (!strcmp(name, "style"))
		return cli_style_setting(c, rest, false);
	if (!strcmp(name, "language"))
		return language_setting(c, rest, false);
	if (!strcmp(name, "target-charset") || !strcmp(name, "charset") ||
	    !strcmp(name, "host-charset") || !strcmp(name, "target-wide-charset"))
		return cli_charset_setting(c, name, rest, false);
	if (!strcmp(name, "confirm"))
		printf("Whether to confirm potentially dangerous operations is %s.\n",
		       c->confirm ? "on" : "off");
	else if (!strcmp(name, "pagination"))
		printf("State of pagination is %s.\n", c->pagination ? "on" : "off");
	else if (!strcmp(name, "disable-randomization"))
		printf("Disabling randomization of debuggee's virtual address space is %s.\n",
		       c->no_aslr ? "on" : "off");
	else if (!strcmp(name, "height"))
		show_uint("Number of lines gdb thinks are in a page", (unsigned)c->height);
	else if (!strcmp(name, "width"))
		show_uint("Number of characters gdb thinks are in a line", (unsigned)c->width);
	else if (!strcmp(name, "can-use-hw-watchpoints"))
		printf("Debugger's willingness to use watchpoint hardware is %d.\n",
		       !c->no_hw_watch);
	else if (!strcmp(name, "listsize"))
		show_uint("Number of source lines gdb will list by default", (unsigned)c->listsize);
	else if (!strcmp(name, "args")) {
		printf("Argument list to give program being debugged when it is started is \"");
		for (size_t i = 0; c->args && c->args[i]; i++)
			printf("%s%s", i ? " " : "", c->args[i]);
		printf("\".\n");
	} else if (!strcmp(name, "scheduler-locking"))
		return hooks.show_sched(c);
	else if (!strcmp(name, "directories"))
		printf("Source directories searched: %s\n", cli_source_dirs());
	else if ((k = cli_settings_more(c, name, rest, false)) <= 0) /* cmd_settings_more.c */
		return k;
	else
		return refuse(c, "show", name);
	return 0;
}

const struct cli_cmd cli_cmds_settings[] = {
	{ "set",
	  { NULL },
	  cmd_set,
	  0,
	  "Evaluate an assignment (set var X = V, set X = V when X names no setting, set $reg = V, "
	  "set {int}ADDR = V) or change a setting.\n"
	  "Settings: confirm, pagination, height, width, listsize, disable-randomization, args,\n"
	  "print elements|repeats N|unlimited, print address on|off,\n"
	  "print frame-arguments all|scalars|none|presence,\n"
	  "breakpoint pending on|off|auto: may `break` on a function or file not loaded yet\n"
	  "wait for a library that has it (auto: ask; no when the input is not a terminal).\n"
	  "Other gdb settings are refused with a sentence." },
	{ "show",
	  { NULL },
	  cmd_show,
	  0,
	  "Show a setting (version, confirm, pagination, height, width, listsize, print ...)." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
