/*
 * core_setvar.c - gdb's kinds of setting values: the text `show` prints of each kind and the
 * values of $_gdb_setting / $_gdb_setting_str (their parse rules are in core_setparse.c); and
 * `maintenance set test-settings`, one setting of each kind, which gdb keeps to test exactly
 * these rules.
 *
 * Owns: the test settings' values (process-wide, as gdb's are). Must not: evaluate (the
 * parsers do; $_gdb_setting calls here from the evaluator); know another setting (their
 * groups keep them); use a command group's files (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core_setvar.h"

void cli_setvar_assign(struct cli_setvar *var, struct cli_setvar_val *val)
{
	free(var->v.s);
	var->v = *val;
	val->s = NULL;
}

/* gdb's putstr with quoter '"': \ and " escaped, control characters as \n, \t, \e, \ooo. */
static void put_escaped(FILE *f, const char *s)
{
	static const char from[] = "\n\b\t\f\r\033\a", to[] = "nbtfrea";

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		const char *k = ch ? strchr(from, ch) : NULL;
		if (ch == '\\' || ch == '"')
			fprintf(f, "\\%c", ch);
		else if (k)
			fprintf(f, "\\%c", to[k - from]);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\%03o", ch);
		else
			fputc(ch, f);
	}
}

char *cli_setvar_text(const struct cli_setvar *var)
{
	const struct cli_setvar_val *v = &var->v;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	switch (var->type) {
	case CLI_SV_BOOLEAN:
		fputs(v->i ? "on" : "off", f);
		break;
	case CLI_SV_AUTO_BOOLEAN:
		fputs(v->i > 0 ? "on" : v->i == 0 ? "off" : "auto", f);
		break;
	case CLI_SV_UINTEGER:
	case CLI_SV_ZUINTEGER:
		if (var->type == CLI_SV_UINTEGER && v->u == UINT_MAX)
			fputs("unlimited", f);
		else
			fprintf(f, "%u", v->u);
		break;
	case CLI_SV_INTEGER:
	case CLI_SV_ZINTEGER:
	case CLI_SV_ZUINTEGER_UNLIMITED:
		if ((var->type == CLI_SV_INTEGER && v->i == INT_MAX) ||
		    (var->type == CLI_SV_ZUINTEGER_UNLIMITED && v->i == -1))
			fputs("unlimited", f);
		else
			fprintf(f, "%d", v->i);
		break;
	case CLI_SV_ENUM:
		fputs(v->e ? v->e : "", f);
		break;
	case CLI_SV_STRING:
		put_escaped(f, v->s ? v->s : "");
		break;
	case CLI_SV_STRING_NOESCAPE:
	case CLI_SV_FILENAME:
	case CLI_SV_OPTIONAL_FILENAME:
		fputs(v->s ? v->s : "", f);
		break;
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int cli_setvar_value(struct cli *c, const struct cli_setvar *var, bool str, struct cdbg_value *out,
		     char *err, size_t errlen)
{
	const struct cli_setvar_val *v = &var->v;
	const char *s = NULL;
	char *text = NULL;
	int r;

	switch (var->type) {
	case CLI_SV_ENUM:
		s = v->e ? v->e : "";
		break;
	case CLI_SV_STRING:
	case CLI_SV_STRING_NOESCAPE:
	case CLI_SV_FILENAME:
	case CLI_SV_OPTIONAL_FILENAME:
		s = v->s ? v->s : "";
		break;
	default:
		if (str) {
			if (!(s = text = cli_setvar_text(var))) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			break;
		}
		/* gdb's value_from_setting: unlimited is 0; unsigned kinds are unsigned int */
		if (var->type == CLI_SV_UINTEGER || var->type == CLI_SV_ZUINTEGER)
			cdbg_value_int(out,
				       var->type == CLI_SV_UINTEGER && v->u == UINT_MAX ? 0 : v->u,
				       4, 0);
		else
			cdbg_value_int(out,
				       (uint64_t)(int64_t)(var->type == CLI_SV_INTEGER &&
									   v->i == INT_MAX ?
								   0 :
								   v->i),
				       4, 1);
		return 0;
	}
	r = cdbg_value_chars(c->p, s, strlen(s), out);
	free(text);
	if (r < 0)
		snprintf(err, errlen, "out of memory for a string value");
	return r < 0 ? -1 : 0;
}

/* ---- maintenance set test-settings ---- */

static const char *const test_enums[] = { "xxx", "yyy", "zzz", NULL };

static struct cli_setvar test_vars[] = {
	{ "auto-boolean", CLI_SV_AUTO_BOOLEAN, NULL, { .i = -1 } },
	{ "boolean", CLI_SV_BOOLEAN, NULL, { .i = 0 } },
	{ "enum", CLI_SV_ENUM, test_enums, { .e = "xxx" } },
	{ "filename", CLI_SV_FILENAME, NULL, { .s = NULL } }, /* "/foo/bar": test_init */
	{ "integer", CLI_SV_INTEGER, NULL, { .i = 0 } },
	{ "optional-filename", CLI_SV_OPTIONAL_FILENAME, NULL, { .s = NULL } },
	{ "string", CLI_SV_STRING, NULL, { .s = NULL } },
	{ "string-noescape", CLI_SV_STRING_NOESCAPE, NULL, { .s = NULL } },
	{ "uinteger", CLI_SV_UINTEGER, NULL, { .u = 0 } },
	{ "zinteger", CLI_SV_ZINTEGER, NULL, { .i = 0 } },
	{ "zuinteger", CLI_SV_ZUINTEGER, NULL, { .u = 0 } },
	{ "zuinteger-unlimited", CLI_SV_ZUINTEGER_UNLIMITED, NULL, { .i = 0 } },
};
#define NTEST (sizeof(test_vars) / sizeof(test_vars[0]))

static void test_init(void)
{
	static bool done;

	if (!done) { /* gdb's default of its filename test setting */
		done = true;
		test_vars[3].v.s = strdup("/foo/bar");
	}
}

int cli_test_setting_find(const char *text, const char *verb, struct cli_setvar **out,
			  const char **after, char *err, size_t errlen)
{
	size_t len = 0, n = 0;
	char names[100] = "";

	/* gdb's command words: letters, digits, - and _ */
	while (isalnum((unsigned char)text[len]) || text[len] == '-' || text[len] == '_')
		len++;

	test_init();
	*out = NULL;
	for (size_t i = 0; len && i < NTEST; i++) {
		if (strncmp(test_vars[i].name, text, len))
			continue;
		if (!test_vars[i].name[len]) {
			*out = &test_vars[i];
			n = 1;
			break;
		}
		*out = &test_vars[i];
		n++;
		size_t at = strlen(names);
		snprintf(names + at, sizeof(names) - at, "%s%s", at ? ", " : "", test_vars[i].name);
	}
	if (n == 1 && text[len] && text[len] != ' ' && text[len] != '\t') {
		snprintf(err, errlen, "Argument must be preceded by space.");
		return -1;
	}
	if (n == 1) {
		text += len;
		while (*text == ' ' || *text == '\t')
			text++;
		*after = text;
		return 0;
	}
	*out = NULL;
	if (n > 1)
		snprintf(err, errlen, "Ambiguous maintenance %s test-settings command \"%s\": %s.",
			 verb, text, names);
	else
		snprintf(err, errlen,
			 "Undefined maintenance %s test-settings command: \"%s\".  Try \"help "
			 "maintenance %s test-settings\".",
			 verb, text, verb);
	return -1;
}

struct cli_setvar *cli_test_settings(size_t *n)
{
	test_init();
	*n = NTEST;
	return test_vars;
}
