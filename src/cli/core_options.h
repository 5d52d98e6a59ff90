/*
 * core_options.h - gdb's command options (cli/cli-option.c's rules): "-NAME [VALUE]" words
 * before a command's operands, "--" ending them, with gdb's three ways of telling options
 * from operands, its error sentences, and its completion of them. One table of definitions
 * serves both the command (cli_opts_process) and TAB (cli_opts_complete).
 */
#ifndef CDBG_CLI_CORE_OPTIONS_H
#define CDBG_CLI_CORE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

enum cli_opt_type {
	CLI_OPT_FLAG,                /* -NAME: on */
	CLI_OPT_BOOLEAN,             /* -NAME [on|off|yes|no|1|0|enable|disable] */
	CLI_OPT_UINTEGER,            /* -NAME N|unlimited (0 is unlimited: UINT_MAX) */
	CLI_OPT_ZUINTEGER_UNLIMITED, /* -NAME N|unlimited|-1 (unlimited: -1) */
	CLI_OPT_ENUM,                /* -NAME one of enums */
	CLI_OPT_STRING,              /* -NAME WORD, or a quoted string */
};

enum cli_opts_mode {
	CLI_OPTS_REQUIRE_DELIMITER, /* options only when a "--" follows them (print) */
	CLI_OPTS_UNKNOWN_IS_ERROR,  /* a word starting with - must be an option */
	CLI_OPTS_UNKNOWN_IS_OPERAND /* an unknown -word starts the operands (frame apply) */
};

struct cli_opt_def {
	const char *name; /* without its '-' */
	enum cli_opt_type type;
	const char *const *enums; /* CLI_OPT_ENUM: the values, NULL-terminated */
};

/* The value of each option, vals[i] for defs[i]; the caller sets the defaults. */
struct cli_opt_val {
	bool b;        /* FLAG, BOOLEAN */
	unsigned u;    /* UINTEGER */
	int i;         /* ZUINTEGER_UNLIMITED */
	const char *e; /* ENUM: one of its enums */
	char *s;       /* STRING: malloc'ed (the caller frees it) */
};

/* Process the options at the start of *args (defs has n of them) into vals: *args is left at
 * the operands. 1 when some option was given, 0 when none, -1 with gdb's error printed
 * ("Unrecognized option at: ...", "Ambiguous option at: -x", "Value given for `-bool' is not
 * a boolean: xxx", "Expected integer at: ..."). */
int cli_opts_process(struct cli *c, const char **args, enum cli_opts_mode mode,
		     const struct cli_opt_def *defs, size_t n, struct cli_opt_val *vals);

/* Completion of the options at the start of text: add(data, at, cand) offers cand for the
 * word that starts at text + at. Returns true when the options took the completion (the
 * caller completes nothing else), false when the caller completes the operands, which start
 * at *operands (a pointer into text). vals as cli_opts_process leaves them. A parse error
 * ends it: true, err filled (when errlen). */
bool cli_opts_complete(const char *text, enum cli_opts_mode mode, const struct cli_opt_def *defs,
		       size_t n, struct cli_opt_val *vals, const char **operands,
		       void (*add)(void *data, size_t at, const char *cand), void *data, char *err,
		       size_t errlen);

/* print's options, in gdb's order (address, array, array-indexes, elements, max-depth,
 * memory-tag-violations, nibbles, null-stop, object, pretty, raw-values, repeats,
 * static-members, symbol, union, vtbl); print takes them before a "--" only. */
extern const struct cli_opt_def cli_print_opt_defs[];
extern const size_t cli_print_opt_count;
enum {
	CLI_POPT_ADDRESS,
	CLI_POPT_ARRAY,
	CLI_POPT_ARRAY_INDEXES,
	CLI_POPT_ELEMENTS,
	CLI_POPT_MAX_DEPTH,
	CLI_POPT_MEMTAG,
	CLI_POPT_NIBBLES,
	CLI_POPT_NULL_STOP,
	CLI_POPT_OBJECT,
	CLI_POPT_PRETTY,
	CLI_POPT_RAW_VALUES,
	CLI_POPT_REPEATS,
	CLI_POPT_STATIC_MEMBERS,
	CLI_POPT_SYMBOL,
	CLI_POPT_UNION,
	CLI_POPT_VTBL,
	CLI_POPT_COUNT
};

/* info threads' option (-gid); an unknown -word is an error. */
extern const struct cli_opt_def cli_info_threads_opts[];

/* backtrace's options: an unknown -word is the operand (a count such as -3). */
extern const struct cli_opt_def cli_bt_opt_defs[];
extern const size_t cli_bt_opt_count;
enum {
	CLI_BTOPT_ENTRY_VALUES,
	CLI_BTOPT_FRAME_ARGUMENTS,
	CLI_BTOPT_RAW_FRAME_ARGUMENTS,
	CLI_BTOPT_FRAME_INFO,
	CLI_BTOPT_PAST_MAIN,
	CLI_BTOPT_PAST_ENTRY,
	CLI_BTOPT_FULL,
	CLI_BTOPT_NO_FILTERS,
	CLI_BTOPT_HIDE,
	CLI_BTOPT_COUNT
};

/* gdb's boolean word at *arg (on, 1, yes, enable; off, 0, no, disable; "o" is neither):
 * 1 or 0 with *arg past it and its blanks, -1 when it is none. */
int cli_bool_word(const char **arg);

/* gdb's `maintenance test-options` options (-flag, -xx1, -xx2, -bool, -enum, -uinteger,
 * -zuinteger-unlimited, -string) and their defaults. */
extern const struct cli_opt_def cli_test_opt_defs[];
extern const size_t cli_test_opt_count;
void cli_test_opts_init(struct cli_opt_val *vals);
/* Their values as gdb's test command prints them, with the operands after "--": malloc'ed. */
char *cli_test_opts_dump(const struct cli_opt_val *vals, const char *operands);

#endif
