/*
 * cmd_complete_gdb.c - completion of gdb's settings: the words after set, show and with
 * (the setting, its subcommand, its value), from gdb 13's own lists (`complete set NAME ` in
 * gdb: on/off, auto, enumerations, NUMBER and unlimited; "@prefix" marks a prefix whose
 * subcommands follow as "NAME SUB" rows, "@file" a file name, "@expr" an expression). For set,
 * the first word also completes as an expression (gdb's `set VAR = VALUE`).
 *
 * Owns: the table of gdb's settings for completion. Must not: set or show anything.
 */
#include <string.h>

#include "cmd_complete.h"

static const struct {
	const char *path, *values;
} settings[] = {
	{ "ada", "@prefix" },
	{ "agent", "off on" },
	{ "annotate", "" },
	{ "architecture",
	  "auto i386 i386:intel i386:x64-32 i386:x64-32:intel i386:x86-64 i386:x86-64:intel i8086" },
	{ "args", "@file" },
	{ "auto-connect-native-target", "off on" },
	{ "auto-load", "@prefix" },
	{ "auto-solib-add", "off on" },
	{ "backtrace", "@prefix" },
	{ "basenames-may-differ", "off on" },
	{ "breakpoint", "@prefix" },
	{ "can-use-hw-watchpoints", "" },
	{ "case-sensitive", "auto off on" },
	{ "charset", "" },
	{ "check", "@prefix" },
	{ "circular-trace-buffer", "off on" },
	{ "code-cache", "off on" },
	{ "coerce-float-to-double", "off on" },
	{ "compile-args", "" },
	{ "compile-gcc", "@file" },
	{ "complaints", "" },
	{ "confirm", "off on" },
	{ "cp-abi", "auto gnu-v2 gnu-v3" },
	{ "cwd", "@file" },
	{ "data-directory", "@file" },
	{ "dcache", "@prefix" },
	{ "debug", "@file" },
	{ "debug-file-directory", "@file" },
	{ "debuginfod", "@prefix" },
	{ "default-collect", "" },
	{ "demangle-style", "auto dlang gnat gnu-v3 java none rust" },
	{ "detach-on-fork", "off on" },
	{ "directories", "@file" },
	{ "disable-randomization", "off on" },
	{ "disassemble-next-line", "auto off on" },
	{ "disassembler-options", "" },
	{ "disassembly-flavor", "att intel" },
	{ "disconnected-dprintf", "off on" },
	{ "disconnected-tracing", "off on" },
	{ "displaced-stepping", "auto off on" },
	{ "dprintf-channel", "" },
	{ "dprintf-function", "" },
	{ "dprintf-style", "agent call gdb" },
	{ "dump-excluded-mappings", "off on" },
	{ "editing", "off on" },
	{ "endian", "auto big little" },
	{ "environment", "" },
	{ "exec-direction", "forward reverse" },
	{ "exec-done-display", "off on" },
	{ "exec-file-mismatch", "ask off warn" },
	{ "exec-wrapper", "@file" },
	{ "extended-prompt", "" },
	{ "extension-language", "" },
	{ "filename-display", "absolute basename relative" },
	{ "follow-exec-mode", "new same" },
	{ "follow-fork-mode", "child parent" },
	{ "fortran", "@prefix" },
	{ "frame-filter", "@prefix" },
	{ "gnutarget",
	  "auto binary elf32-big elf32-i386 elf32-iamcu elf32-little elf32-x86-64 elf64-big elf64-little elf64-x86-64 ihex pe-x86-64 pei-i386 pei-x86-64 plugin srec symbolsrec tekhex verilog" },
	{ "guile", "@prefix" },
	{ "height", "NUMBER unlimited" },
	{ "history", "@prefix" },
	{ "host-charset", "" },
	{ "index-cache", "@prefix" },
	{ "inferior-tty", "@file" },
	{ "input-radix", "" },
	{ "interactive-mode", "auto off on" },
	{ "language",
	  "ada asm auto c c++ d fortran go local minimal modula-2 objective-c opencl pascal rust unknown" },
	{ "libthread-db-search-path", "@file" },
	{ "listsize", "NUMBER unlimited" },
	{ "logging", "@prefix" },
	{ "max-completions", "NUMBER unlimited" },
	{ "max-user-call-depth", "NUMBER unlimited" },
	{ "max-value-size", "NUMBER unlimited" },
	{ "may-call-functions", "off on" },
	{ "may-insert-breakpoints", "off on" },
	{ "may-insert-fast-tracepoints", "off on" },
	{ "may-insert-tracepoints", "off on" },
	{ "may-interrupt", "off on" },
	{ "may-write-memory", "off on" },
	{ "may-write-registers", "off on" },
	{ "mem", "@prefix" },
	{ "mi-async", "off on" },
	{ "mpx", "@prefix" },
	{ "multiple-symbols", "all ask cancel" },
	{ "non-stop", "off on" },
	{ "observer", "off on" },
	{ "opaque-type-resolution", "off on" },
	{ "osabi", "GNU/Linux SVR4 auto default none" },
	{ "output-radix", "" },
	{ "overload-resolution", "off on" },
	{ "pagination", "off on" },
	{ "print", "@prefix" },
	{ "prompt", "" },
	{ "python", "@prefix" },
	{ "radix", "" },
	{ "range-stepping", "off on" },
	{ "ravenscar", "@prefix" },
	{ "record", "@prefix" },
	{ "remote", "@file" },
	{ "remoteaddresssize", "" },
	{ "remotecache", "off on" },
	{ "remoteflow", "off on" },
	{ "remotelogbase", "ascii hex octal" },
	{ "remotelogfile", "@file" },
	{ "remotetimeout", "NUMBER unlimited" },
	{ "remotewritesize", "" },
	{ "schedule-multiple", "off on" },
	{ "scheduler-locking", "off on replay step" },
	{ "script-extension", "off soft strict" },
	{ "serial", "@prefix" },
	{ "solib-absolute-prefix", "@file" },
	{ "solib-search-path", "@file" },
	{ "source", "@prefix" },
	{ "stack-cache", "off on" },
	{ "startup-quietly", "off on" },
	{ "startup-with-shell", "off on" },
	{ "step-mode", "off on" },
	{ "stop-on-solib-events", "" },
	{ "struct-convention", "default pcc reg" },
	{ "style", "@prefix" },
	{ "substitute-path", "" },
	{ "suppress-cli-notifications", "off on" },
	{ "sysroot", "@file" },
	{ "target-charset", "" },
	{ "target-file-system-kind", "auto dos-based unix" },
	{ "target-wide-charset", "" },
	{ "tcp", "@prefix" },
	{ "tdesc", "@prefix" },
	{ "trace-buffer-size", "NUMBER unlimited" },
	{ "trace-commands", "off on" },
	{ "trace-notes", "" },
	{ "trace-stop-notes", "" },
	{ "trace-user", "" },
	{ "trust-readonly-sections", "off on" },
	{ "tui", "@prefix" },
	{ "unwind-on-terminating-exception", "off on" },
	{ "unwindonsignal", "off on" },
	{ "use-coredump-filter", "off on" },
	{ "use-deprecated-index-sections", "off on" },
	{ "var", "@expr" },
	{ "variable", "@expr" },
	{ "verbose", "off on" },
	{ "watchdog", "" },
	{ "width", "NUMBER unlimited" },
	{ "write", "off on" },
	{ "ada print-signatures", "off on" },
	{ "ada source-charset",
	  "CP437 CP850 ISO-8859-1 ISO-8859-15 ISO-8859-2 ISO-8859-3 ISO-8859-4 ISO-8859-5 UTF-8" },
	{ "ada trust-PAD-over-XVS", "off on" },
	{ "auto-load gdb-scripts", "off on" },
	{ "auto-load libthread-db", "off on" },
	{ "auto-load local-gdbinit", "off on" },
	{ "auto-load python-scripts", "off on" },
	{ "auto-load safe-path", "@file" },
	{ "auto-load scripts-directory", "@file" },
	{ "backtrace limit", "NUMBER unlimited" },
	{ "backtrace past-entry", "off on" },
	{ "backtrace past-main", "off on" },
	{ "breakpoint always-inserted", "off on" },
	{ "breakpoint auto-hw", "off on" },
	{ "breakpoint condition-evaluation", "auto host target" },
	{ "breakpoint pending", "auto off on" },
	{ "check range", "auto off on warn" },
	{ "check type", "off on" },
	{ "dcache line-size", "" },
	{ "dcache size", "" },
	{ "debuginfod enabled", "ask off on" },
	{ "debuginfod urls", "" },
	{ "debuginfod verbose", "" },
	{ "fortran repack-array-slices", "off on" },
	{ "frame-filter priority", "global progspace" },
	{ "guile print-stack", "full message none" },
	{ "history expansion", "off on" },
	{ "history filename", "@file" },
	{ "history remove-duplicates", "NUMBER unlimited" },
	{ "history save", "off on" },
	{ "history size", "NUMBER unlimited" },
	{ "index-cache directory", "@file" },
	{ "index-cache enabled", "off on" },
	{ "logging debugredirect", "off on" },
	{ "logging enabled", "off on" },
	{ "logging file", "@file" },
	{ "logging overwrite", "off on" },
	{ "logging redirect", "off on" },
	{ "mem inaccessible-by-default", "off on" },
	{ "mpx bound", "" },
	{ "print address", "off on" },
	{ "print array", "off on" },
	{ "print array-indexes", "off on" },
	{ "print asm-demangle", "off on" },
	{ "print demangle", "off on" },
	{ "print elements", "NUMBER unlimited" },
	{ "print entry-values", "both compact default if-needed no only preferred" },
	{ "print finish", "off on" },
	{ "print frame-arguments", "all none presence scalars" },
	{ "print frame-info",
	  "auto location location-and-address short-location source-and-location source-line" },
	{ "print inferior-events", "off on" },
	{ "print max-depth", "NUMBER unlimited" },
	{ "print max-symbolic-offset", "NUMBER unlimited" },
	{ "print memory-tag-violations", "off on" },
	{ "print nibbles", "off on" },
	{ "print null-stop", "off on" },
	{ "print object", "off on" },
	{ "print pascal_static-members", "off on" },
	{ "print pretty", "off on" },
	{ "print raw-frame-arguments", "off on" },
	{ "print raw-values", "off on" },
	{ "print repeats", "NUMBER unlimited" },
	{ "print sevenbit-strings", "off on" },
	{ "print static-members", "off on" },
	{ "print symbol", "off on" },
	{ "print symbol-filename", "off on" },
	{ "print symbol-loading", "brief full off" },
	{ "print thread-events", "off on" },
	{ "print type", "hex methods nested-type-limit typedefs" },
	{ "print union", "off on" },
	{ "print vtbl", "off on" },
	{ "python dont-write-bytecode", "auto off on" },
	{ "python ignore-environment", "off on" },
	{ "python print-stack", "full message none" },
	{ "ravenscar task-switching", "off on" },
	{ "record btrace", "bts cpu pt replay-memory-access" },
	{ "record full", "insn-number-max memory-query stop-at-limit" },
	{ "record function-call-history-size", "NUMBER unlimited" },
	{ "record instruction-history-size", "NUMBER unlimited" },
	{ "serial baud", "" },
	{ "serial parity", "even none odd" },
	{ "source open", "off on" },
	{ "style address", "background foreground intensity" },
	{ "style disassembler", "address comment enabled immediate mnemonic register symbol" },
	{ "style enabled", "off on" },
	{ "style filename", "background foreground intensity" },
	{ "style function", "background foreground intensity" },
	{ "style highlight", "background foreground intensity" },
	{ "style metadata", "background foreground intensity" },
	{ "style sources", "off on" },
	{ "style title", "background foreground intensity" },
	{ "style tui-active-border", "background foreground" },
	{ "style tui-border", "background foreground" },
	{ "style tui-current-position", "off on" },
	{ "style variable", "background foreground intensity" },
	{ "style version", "background foreground intensity" },
	{ "tcp auto-retry", "off on" },
	{ "tcp connect-timeout", "NUMBER unlimited" },
	{ "tdesc filename", "@file" },
	{ "tui active-border-mode",
	  "bold bold-standout half half-standout normal reverse standout" },
	{ "tui border-kind", "acs ascii space" },
	{ "tui border-mode", "bold bold-standout half half-standout normal reverse standout" },
	{ "tui compact-source", "off on" },
	{ "tui tab-width", "" },
};

/* The settings of maintenance set, show and with (gdb's test bed, core_setvar.c). */
static const struct {
	const char *path, *values;
} maint_settings[] = {
	{ "test-settings", "@prefix" },
	{ "test-settings auto-boolean", "auto off on" },
	{ "test-settings boolean", "off on" },
	{ "test-settings enum", "xxx yyy zzz" },
	{ "test-settings filename", "@file" },
	{ "test-settings integer", "NUMBER unlimited" },
	{ "test-settings optional-filename", "@file" },
	{ "test-settings string", "" },
	{ "test-settings string-noescape", "" },
	{ "test-settings uinteger", "NUMBER unlimited" },
	{ "test-settings zinteger", "@expr" },
	{ "test-settings zuinteger", "@expr" },
	{ "test-settings zuinteger-unlimited", "NUMBER unlimited" },
};

/* show's own words beside the settings */
static const char *const show_only[] = { "commands", "configuration", "convenience",
					 "copying",  "paths",         "user",
					 "values",   "version",       "warranty",
					 NULL };

#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))
#define NMAINT (sizeof(maint_settings) / sizeof(maint_settings[0]))

/* Row i of the table completion walks (maint: maintenance's), NULL past its end. */
static const char *row_path(bool maint, size_t i)
{
	if (maint)
		return i < NMAINT ? maint_settings[i].path : NULL;
	return i < NSETTINGS ? settings[i].path : NULL;
}

static const char *row_values(bool maint, size_t i)
{
	return maint ? maint_settings[i].values : settings[i].values;
}

/* Add each word of a blank-separated list. */
static void add_words(struct cpl *l, const char *list)
{
	char buf[64];

	while (*list) {
		size_t n = strcspn(list, " ");
		if (n && n < sizeof(buf) && *list != '@') {
			memcpy(buf, list, n);
			buf[n] = '\0';
			cpl_add(l, buf);
		}
		list += n;
		while (*list == ' ')
			list++;
	}
}

/* The rows under parent ("" for the top) whose next word begins with the word. */
static void add_children(struct cpl *l, const char *parent, bool maint)
{
	size_t pl = strlen(parent);
	const char *p;

	for (size_t i = 0; (p = row_path(maint, i)); i++) {
		if (pl) {
			if (strncmp(p, parent, pl) || p[pl] != ' ')
				continue;
			p += pl + 1;
		}
		if (!strchr(p, ' '))
			cpl_add(l, p);
	}
}

/* The row a word names under parent: exactly, else as the only one it begins. */
static int find(const char *parent, const char *word, size_t wl, bool maint)
{
	size_t pl = strlen(parent);
	int found = -1, n = 0;
	const char *p;

	for (size_t i = 0; (p = row_path(maint, i)); i++) {
		if (pl) {
			if (strncmp(p, parent, pl) || p[pl] != ' ')
				continue;
			p += pl + 1;
		}
		if (strchr(p, ' ') || strncmp(p, word, wl))
			continue;
		if (!p[wl])
			return (int)i;
		found = (int)i;
		n++;
	}
	if (!maint && !pl && (!strncmp(word, "p", wl) || !strncmp(word, "pr", wl)) &&
	    (wl == 1 || wl == 2))
		return find("", "print", 5, false); /* gdb's abbreviations of set print */
	return n == 1 ? found : -1;
}

void cpl_setting(struct cpl *l, size_t at, bool show, bool maint)
{
	const char *s = l->line;
	char parent[128] = "";
	size_t i = at;

	for (int depth = 0; depth < 3; depth++) {
		size_t e;
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		e = i;
		while (s[e] && s[e] != ' ' && s[e] != '\t')
			e++;
		if (!s[e]) { /* the word being completed */
			cpl_word_at(l, i);
			add_children(l, parent, maint);
			if (maint)
				return;
			if (!*parent && show)
				for (const char *const *w = show_only; *w; w++)
					cpl_add(l, *w);
			if (!*parent && !show)
				cpl_expression(l, i);
			return;
		}
		int k = find(parent, s + i, e - i, maint);
		if (k < 0) {
			if (!*parent && !show && !maint)
				cpl_expression(l, i); /* set VAR = VALUE */
			return;
		}
		const char *v = row_values(maint, (size_t)k);
		if (!strcmp(v, "@prefix")) {
			snprintf(parent, sizeof(parent), "%s", row_path(maint, (size_t)k));
			i = e;
			continue;
		}
		if (show)
			return;
		i = e;
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		if (!strcmp(v, "@expr")) {
			cpl_expression(l, i);
		} else if (!strcmp(v, "@file")) {
			size_t w = i;
			for (size_t j = i; s[j]; j++)
				if (s[j] == ' ')
					w = j + 1;
			cpl_filename(l, w);
		} else if (!strchr(s + i, ' ')) {
			cpl_word_at(l, i);
			add_words(l, v);
		}
		return;
	}
}
