/*
 * core_setparse.c - gdb 13's parse rules and error sentences of `set` for each kind of
 * setting value (cli/cli-setshow.c, cli/cli-decode.c): booleans, auto-booleans, the integer
 * kinds with "unlimited", enums, strings with escapes, file names.
 *
 * Owns: nothing kept. Must not: know a setting (their groups keep them and call the parsers
 * here); use a command group's files (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_options.h"
#include "core_setvar.h"

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static size_t word_len(const char *s)
{
	return strcspn(s, " \t");
}

/* ---- booleans ---- */

int cli_parse_boolean(struct cli *c, const char *arg, bool *out)
{
	int b = 1;

	arg = skip_blanks(arg);
	if (*arg && ((b = cli_bool_word(&arg)) < 0 || *arg))
		return cli_error(c, "\"on\" or \"off\" expected.");
	*out = b == 1;
	return 0;
}

int cli_parse_auto_boolean(struct cli *c, const char *arg, int *out)
{
	size_t len;

	arg = skip_blanks(arg);
	len = strlen(arg);
	while (len && (arg[len - 1] == ' ' || arg[len - 1] == '\t'))
		len--;
	if (len) {
		if ((len == 2 && !strncmp(arg, "on", len)) || !strncmp(arg, "1", len) ||
		    !strncmp(arg, "yes", len) || !strncmp(arg, "enable", len))
			return *out = 1, 0;
		if ((len >= 2 && !strncmp(arg, "off", len)) || !strncmp(arg, "0", len) ||
		    !strncmp(arg, "no", len) || !strncmp(arg, "disable", len))
			return *out = 0, 0;
		if (!strncmp(arg, "auto", len) || (len > 1 && !strncmp(arg, "-1", len)))
			return *out = -1, 0;
	}
	return cli_error(c, "\"on\", \"off\" or \"auto\" expected.");
}

/* ---- integers ---- */

/* gdb's is_unlimited_literal for `set`: a prefix of "unlimited" as the word at *arg, and
 * nothing after it (else gdb's "Junk after" error: -1). 1 when it is, 0 when not. */
static int unlimited_word(struct cli *c, const char *arg)
{
	size_t len = word_len(arg);
	const char *after;

	if (!len || strncmp("unlimited", arg, len))
		return 0;
	after = skip_blanks(arg + len);
	if (*after)
		return cli_error(c, "Junk after \"%.*s\": %s", (int)len, arg, after);
	return 1;
}

/* gdb's parse_and_eval_long: the value of the expression arg as an integer (a float's
 * truncated, an array's address). */
static int eval_long(struct cli *c, const char *arg, long long *out)
{
	struct cdbg_value v;

	if (cli_eval(c, arg, &v) < 0)
		return -1;
	switch (v.kind) {
	case CDBG_VAL_FLOAT:
		if (v.size == 4) {
			float f;
			uint32_t b = (uint32_t)v.bits;
			memcpy(&f, &b, sizeof(f));
			*out = (long long)f;
		} else if (v.size == 8) {
			double d;
			memcpy(&d, &v.bits, sizeof(d));
			*out = (long long)d;
		} else {
			return cli_error(c, "cdbg cannot use a %s as an integer setting yet.",
					 v.type);
		}
		return 0;
	case CDBG_VAL_ARRAY:
		/* gdb takes the address, which a value the debugger holds ("abc") gets only
		 * once the program runs */
		if (!v.lvalue || v.addr >= CDBG_VALUE_HELD_BASE)
			return cli_error(c, c->live ? "cdbg cannot use a string as an integer." :
						      "evaluation of this expression requires the "
						      "target program to be active");
		*out = (long long)v.addr;
		return 0;
	case CDBG_VAL_STRUCT:
	case CDBG_VAL_UNION:
	case CDBG_VAL_VOID:
		return cli_error(c, "Value can't be converted to integer.");
	default:
		break;
	}
	*out = (long long)v.bits;
	if (!v.is_signed && v.size < 8)
		*out = (long long)(v.bits & ((1ull << (8 * v.size)) - 1));
	return 0;
}

int cli_parse_uinteger(struct cli *c, enum cli_setvar_type type, const char *arg, unsigned *out)
{
	long long val;
	int u;

	arg = skip_blanks(arg);
	if (!*arg)
		return cli_error(
			c, type == CLI_SV_UINTEGER ?
				   "Argument required (integer to set it to, or \"unlimited\")." :
				   "Argument required (integer to set it to).");
	if (type == CLI_SV_UINTEGER && (u = unlimited_word(c, arg)) != 0) {
		if (u < 0)
			return -1;
		val = 0;
	} else if (eval_long(c, arg, &val) < 0) {
		return -1;
	}
	if (type == CLI_SV_UINTEGER && val == 0)
		val = UINT_MAX;
	else if (val < 0 || (type == CLI_SV_UINTEGER && val >= UINT_MAX) || val > UINT_MAX)
		return cli_error(c, "integer %lld out of range", val);
	*out = (unsigned)val;
	return 0;
}

int cli_parse_integer(struct cli *c, enum cli_setvar_type type, const char *arg, int *out)
{
	bool unl_ok = type != CLI_SV_ZINTEGER;
	long long val;
	int u;

	arg = skip_blanks(arg);
	if (!*arg)
		return cli_error(
			c, unl_ok ? "Argument required (integer to set it to, or \"unlimited\")." :
				    "Argument required (integer to set it to).");
	if (unl_ok && (u = unlimited_word(c, arg)) != 0) {
		if (u < 0)
			return -1;
		*out = type == CLI_SV_INTEGER ? INT_MAX : -1;
		return 0;
	}
	if (eval_long(c, arg, &val) < 0)
		return -1;
	if (type == CLI_SV_ZUINTEGER_UNLIMITED) {
		if (val > INT_MAX)
			return cli_error(c, "integer %lld out of range", val);
		if (val < -1)
			return cli_error(c, "only -1 is allowed to set as unlimited");
	} else if (type == CLI_SV_INTEGER && val == 0) {
		val = INT_MAX;
	} else if (val < INT_MIN || (type == CLI_SV_INTEGER && val >= INT_MAX) || val > INT_MAX) {
		return cli_error(c, "integer %lld out of range", val);
	}
	*out = (int)val;
	return 0;
}

/* ---- enums and strings ---- */

int cli_parse_enum(struct cli *c, const char *arg, const char *const *names, const char **out)
{
	const char *match = NULL, *after;
	size_t len;
	int n = 0;

	arg = skip_blanks(arg);
	if (!*arg) {
		char msg[256] = "";
		for (size_t i = 0; names[i]; i++) {
			size_t at = strlen(msg);
			snprintf(msg + at, sizeof(msg) - at, "%s%s", i ? ", " : "", names[i]);
		}
		return cli_error(c, "Requires an argument. Valid arguments are %s.", msg);
	}
	len = word_len(arg);
	for (size_t i = 0; names[i]; i++) {
		if (strncmp(arg, names[i], len))
			continue;
		match = names[i];
		if (!names[i][len]) {
			n = 1;
			break;
		}
		n++;
	}
	if (!n)
		return cli_error(c, "Undefined item: \"%.*s\".", (int)len, arg);
	if (n > 1)
		return cli_error(c, "Ambiguous item \"%.*s\".", (int)len, arg);
	after = skip_blanks(arg + len);
	if (*after)
		return cli_error(c, "Junk after item \"%.*s\": %s", (int)len, arg, after);
	*out = match;
	return 0;
}

/* gdb's parse_escape after a backslash at *p: the character (*p moved past its text). */
static int escape(const char **p)
{
	int ch = (unsigned char)*(*p)++, n = 0, v = 0;

	switch (ch) {
	case 'a':
		return '\a';
	case 'b':
		return '\b';
	case 'e':
		return 033;
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	case 'v':
		return '\v';
	case '^': /* \^c: control-c; \^? is DEL */
		ch = (unsigned char)*(*p)++;
		return ch == '?' ? 0177 : ch ? (ch & 037) : 0;
	case 'x':
		while (isxdigit((unsigned char)**p)) {
			int d = (unsigned char)*(*p)++;
			v = v * 16 + (isdigit(d) ? d - '0' : tolower(d) - 'a' + 10);
		}
		return v & 0xff;
	default:
		if (ch >= '0' && ch <= '7') {
			v = ch - '0';
			while (++n < 3 && **p >= '0' && **p <= '7')
				v = v * 8 + (*(*p)++ - '0');
			return v & 0xff;
		}
		return ch;
	}
}

/* A file name as gdb keeps it: trailing blanks dropped, a leading ~ or ~/ expanded. */
static char *filename(const char *arg)
{
	size_t len = strlen(arg);
	const char *home;
	char *r = NULL;

	while (len && (arg[len - 1] == ' ' || arg[len - 1] == '\t'))
		len--;
	if (arg[0] == '~' && (len == 1 || arg[1] == '/') && (home = getenv("HOME")) &&
	    asprintf(&r, "%s%.*s", home, (int)len - 1, arg + 1) >= 0)
		return r;
	return strndup(arg, len);
}

int cli_setvar_parse(struct cli *c, const struct cli_setvar *var, const char *arg,
		     struct cli_setvar_val *out)
{
	bool b;

	memset(out, 0, sizeof(*out));
	arg = skip_blanks(arg);
	switch (var->type) {
	case CLI_SV_BOOLEAN:
		if (cli_parse_boolean(c, arg, &b) < 0)
			return -1;
		out->i = b;
		return 0;
	case CLI_SV_AUTO_BOOLEAN:
		return cli_parse_auto_boolean(c, arg, &out->i);
	case CLI_SV_UINTEGER:
	case CLI_SV_ZUINTEGER:
		return cli_parse_uinteger(c, var->type, arg, &out->u);
	case CLI_SV_INTEGER:
	case CLI_SV_ZINTEGER:
	case CLI_SV_ZUINTEGER_UNLIMITED:
		return cli_parse_integer(c, var->type, arg, &out->i);
	case CLI_SV_ENUM:
		return cli_parse_enum(c, arg, var->enums, &out->e);
	case CLI_SV_STRING: {
		char *q = out->s = malloc(strlen(arg) + 1);
		if (!q)
			return cli_error(c, "out of memory");
		while (*arg) {
			int ch = (unsigned char)*arg++;
			if (ch == '\\') {
				if (!*arg)
					break; /* a backslash at the end is dropped */
				if (!(ch = escape(&arg)))
					break; /* \0 ends the string, as in gdb */
			}
			*q++ = (char)ch;
		}
		*q = '\0';
		return 0;
	}
	case CLI_SV_STRING_NOESCAPE:
		out->s = strdup(arg);
		break;
	case CLI_SV_FILENAME:
	case CLI_SV_OPTIONAL_FILENAME:
		if (var->type == CLI_SV_FILENAME && !*arg)
			return cli_error(c, "Argument required (filename to set it to.).");
		out->s = filename(arg);
		break;
	}
	return out->s ? 0 : cli_error(c, "out of memory");
}
