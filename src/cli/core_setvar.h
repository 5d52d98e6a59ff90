/*
 * core_setvar.h - gdb's kinds of setting values (cli/cli-setshow.c's var_types): how `set`
 * parses each, what `show` prints of it, what $_gdb_setting and $_gdb_setting_str give; and
 * the settings no command group owns (`maintenance set test-settings`, gdb's test bed for
 * the framework).
 */
#ifndef CDBG_CLI_CORE_SETVAR_H
#define CDBG_CLI_CORE_SETVAR_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

enum cli_setvar_type {
	CLI_SV_BOOLEAN,
	CLI_SV_AUTO_BOOLEAN,
	CLI_SV_UINTEGER,            /* N > 0, or 0 / "unlimited": UINT_MAX */
	CLI_SV_INTEGER,             /* N (INT_MIN..INT_MAX-1), or 0 / "unlimited": INT_MAX */
	CLI_SV_ZINTEGER,            /* any int */
	CLI_SV_ZUINTEGER,           /* any unsigned int */
	CLI_SV_ZUINTEGER_UNLIMITED, /* N >= 0, or -1 / "unlimited": -1 */
	CLI_SV_STRING,              /* escapes (\t, \101) processed; shown quoted */
	CLI_SV_STRING_NOESCAPE,
	CLI_SV_OPTIONAL_FILENAME, /* ~ expanded, trailing blanks dropped */
	CLI_SV_FILENAME,          /* the same, and not empty */
	CLI_SV_ENUM,
};

/* A value of a setting, as gdb keeps it: i for booleans (0, 1; auto-boolean -1 for auto) and
 * the signed kinds, u for the unsigned kinds, s (malloc'ed) for strings, e for an enum (one
 * of the setting's names). */
struct cli_setvar_val {
	int i;
	unsigned u;
	char *s;
	const char *e;
};

struct cli_setvar {
	const char *name;
	enum cli_setvar_type type;
	const char *const *enums; /* CLI_SV_ENUM: its names, NULL-terminated */
	struct cli_setvar_val v;
};

/* Parse arg (the text after the setting's name) as gdb's `set` does for var's kind, into
 * *out (its s malloc'ed for the string kinds). 0, or -1 with gdb's sentence printed ("\"on\"
 * or \"off\" expected.", "integer 5000000000 out of range", "Junk after item ..."). */
int cli_setvar_parse(struct cli *c, const struct cli_setvar *var, const char *arg,
		     struct cli_setvar_val *out);
/* Make val var's value (var takes val's string); the old one is freed. */
void cli_setvar_assign(struct cli_setvar *var, struct cli_setvar_val *val);
/* The text `show` gives of var's value (a string's quotes escaped): malloc'ed, NULL when
 * out of memory. */
char *cli_setvar_text(const struct cli_setvar *var);
/* $_gdb_setting (str false: an int, unsigned int or char array by var's kind) or
 * $_gdb_setting_str (str: the text as a char array) of var into *out. */
int cli_setvar_value(struct cli *c, const struct cli_setvar *var, bool str, struct cdbg_value *out,
		     char *err, size_t errlen);

/* The parsers by kind, for settings kept elsewhere (cdbg_print_opts, struct cli): each takes
 * the value's text (whitespace around it allowed) and prints gdb's sentence on error. */
int cli_parse_boolean(struct cli *c, const char *arg, bool *out);
int cli_parse_auto_boolean(struct cli *c, const char *arg, int *out); /* 1, 0, -1 (auto) */
/* uinteger and zuinteger: *out as gdb keeps it (uinteger's unlimited: UINT_MAX). */
int cli_parse_uinteger(struct cli *c, enum cli_setvar_type type, const char *arg, unsigned *out);
/* integer, zinteger and zuinteger-unlimited (integer's unlimited: INT_MAX). */
int cli_parse_integer(struct cli *c, enum cli_setvar_type type, const char *arg, int *out);
/* One of names (a unique prefix will do): *out points into names. */
int cli_parse_enum(struct cli *c, const char *arg, const char *const *names, const char **out);

/* The setting of `maintenance set|show|with test-settings NAME` named at the start of text
 * (a unique prefix will do): 0 with *out, *after past its name and blanks; or -1 with gdb's
 * sentence in err (verb "set" or "show"; gdb quotes the whole text: "Ambiguous maintenance
 * show test-settings command \"z 1\": zinteger, zuinteger, zuinteger-unlimited."). */
int cli_test_setting_find(const char *text, const char *verb, struct cli_setvar **out,
			  const char **after, char *err, size_t errlen);
/* Each test setting, in gdb's (alphabetical) order. */
struct cli_setvar *cli_test_settings(size_t *n);

#endif
