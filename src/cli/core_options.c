/*
 * core_options.c - gdb 13's command options: which words before a command's operands are
 * options, their values, "--", the error sentences, and what TAB offers for them (gdb's
 * cli/cli-option.c rules, written for cdbg's tables: one definition per option serves the
 * command and its completion). Also gdb's `maintenance test-options` definitions, with which
 * gdb tests exactly these rules.
 *
 * Owns: nothing kept (the callers keep the values). Must not: evaluate expressions (an
 * option's number is a literal, as gdb's); use a command group's files
 * (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_options.h"

/* One parse of options: the definitions, the values, and (when add is set) completion. */
struct octx {
	const struct cli_opt_def *defs;
	size_t n;
	struct cli_opt_val *vals;
	enum cli_opts_mode mode;
	bool have_delim;
	const char *text; /* where the arguments start (completion positions count from it) */
	void (*add)(void *data, size_t at, const char *cand);
	void *data;
	size_t added;
	char *err;
	size_t errlen;
};

enum po { PO_NONE, PO_OPT, PO_ERR };

static const char *skip_blanks(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

static const char *skip_word(const char *s)
{
	while (*s && !isspace((unsigned char)*s))
		s++;
	return s;
}

static void cand(struct octx *o, const char *at, const char *s)
{
	o->add(o->data, (size_t)(at - o->text), s);
	o->added++;
}

static enum po fail(struct octx *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static enum po fail(struct octx *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (o->errlen)
		vsnprintf(o->err, o->errlen, fmt, ap);
	va_end(ap);
	return PO_ERR;
}

/* gdb's parse_cli_boolean_value on the word at *arg: 1, 0, or -1; *arg after it and its
 * blanks. "o" is ambiguous. */
int cli_bool_word(const char **arg)
{
	const char *a = *arg;
	size_t len = (size_t)(skip_word(a) - a);
	int r = -1;

	if ((len == 2 && !strncmp(a, "on", len)) || !strncmp(a, "1", len) ||
	    !strncmp(a, "yes", len) || !strncmp(a, "enable", len))
		r = 1;
	else if ((len >= 2 && !strncmp(a, "off", len)) || !strncmp(a, "0", len) ||
		 !strncmp(a, "no", len) || !strncmp(a, "disable", len))
		r = 0;
	if (r >= 0)
		*arg = skip_blanks(a + len);
	return r;
}

/* gdb's check_for_argument(p, "--"): "--" alone as a word, then *p after it and its blanks. */
static bool take_delim(const char **p)
{
	if ((*p)[0] != '-' || (*p)[1] != '-' || ((*p)[2] && !isspace((unsigned char)(*p)[2])))
		return false;
	*p = skip_blanks(*p + 2);
	return true;
}

/* Where the operands start after a "--" word, when args starts with '-'; NULL when none. */
static const char *find_delim(const char *args)
{
	const char *p = args;

	if (args[0] != '-')
		return NULL;
	p = skip_blanks(p);
	while (*p) {
		if (take_delim(&p))
			return p;
		p = skip_blanks(skip_word(p));
	}
	return NULL;
}

/* Each option whose name begins with text, as "-NAME" at the word at. */
static void complete_names(struct octx *o, const char *text, size_t len, const char *at)
{
	char buf[128];

	for (size_t i = 0; i < o->n; i++)
		if (!strncmp(o->defs[i].name, text, len)) {
			snprintf(buf, sizeof(buf), "-%s", o->defs[i].name);
			cand(o, at, buf);
		}
}

/* Each word of list that begins with the text at at (to the end: "off " offers nothing). */
static void complete_list(struct octx *o, const char *const *list, const char *at)
{
	for (size_t i = 0; list[i]; i++)
		if (!strncmp(list[i], at, strlen(at)))
			cand(o, at, list[i]);
}

/* gdb's get_ulongest without history values: a number (0x, 0 octal, a '-' negates), then a
 * blank or the end. */
static enum po take_number(struct octx *o, const char **args, long long *out)
{
	const char *p = *args;
	bool neg = *p == '-';
	char *end;
	unsigned long long v;

	v = strtoull(p + neg, &end, 0);
	if (neg && !isdigit((unsigned char)p[1]))
		end = (char *)p + 1; /* gdb's strtoulst takes the sign alone: "-- 1" is junk */
	else if (end == p + neg)
		return fail(o, "Expected integer at: %s", p);
	if (*end && !isspace((unsigned char)*end))
		return fail(o, "Trailing junk at: %s", end);
	*out = neg ? -(long long)v : (long long)v;
	*args = skip_blanks(end);
	return PO_OPT;
}

/* A prefix of "unlimited" as the word at *args (gdb's is_unlimited_literal for options: what
 * follows is not checked). */
static bool take_unlimited(const char **args)
{
	const char *p = skip_blanks(*args);
	size_t len = (size_t)(skip_word(p) - p);

	if (!len || strncmp("unlimited", p, len))
		return false;
	*args = p + len;
	return true;
}

/* gdb's extract_string_maybe_quoted: a word, where quotes group blanks and \ escapes. */
static char *take_string(const char **args)
{
	const char *p = skip_blanks(*args);
	char *r = malloc(strlen(p) + 1), *q = r;
	bool sq = false, dq = false, bs = false;

	if (!r)
		return NULL;
	for (; *p; p++) {
		if (isspace((unsigned char)*p) && !sq && !dq && !bs)
			break;
		if (bs) {
			bs = false;
			*q++ = *p;
		} else if (*p == '\\') {
			bs = true;
		} else if (sq) {
			if (*p == '\'')
				sq = false;
			else
				*q++ = *p;
		} else if (dq) {
			if (*p == '"')
				dq = false;
			else
				*q++ = *p;
		} else if (*p == '\'') {
			sq = true;
		} else if (*p == '"') {
			dq = true;
		} else {
			*q++ = *p;
		}
	}
	*q = '\0';
	*args = p;
	return r;
}

/* gdb's parse_option: the option at *args. PO_NONE: no option here (the operands, or "--"
 * taken); PO_OPT with *which and *has_value; PO_ERR. In completion, what it offered counts in
 * o->added, and *word is where the word being completed starts. */
static enum po parse_option(struct octx *o, const char **args, size_t *which, bool *has_value,
			    struct cli_opt_val *val, const char **word)
{
	static const char *const bool_words[] = { "off", "on", NULL };
	static const char *const all_bool_words[] = { "on",      "off", "yes", "no", "enable",
						      "disable", "0",   "1",   NULL };
	const struct cli_opt_def *match = NULL;
	const char *arg, *after;
	size_t len;

	*has_value = false;
	memset(val, 0, sizeof(*val));
	if (**args != '-') {
		if (o->have_delim)
			return fail(o, "Unrecognized option at: %s", *args);
		return PO_NONE;
	}
	if (take_delim(args))
		return PO_NONE;
	arg = *args + 1;
	after = skip_word(arg);
	len = (size_t)(after - arg);
	for (size_t i = 0; i < o->n; i++) {
		if (strncmp(o->defs[i].name, arg, len))
			continue;
		if (match) {
			if (o->add && !arg[len]) {
				complete_names(o, arg, len, *word);
				return PO_NONE;
			}
			return fail(o, "Ambiguous option at: -%s", arg);
		}
		match = &o->defs[i];
		*which = i;
		if (!o->defs[i].name[len])
			break; /* exact */
	}
	if (!match) {
		if (o->have_delim || o->mode != CLI_OPTS_UNKNOWN_IS_OPERAND)
			return fail(o, "Unrecognized option at: %s", *args);
		return PO_NONE;
	}
	if (o->add && !arg[len]) {
		complete_names(o, arg, len, *word);
		return PO_NONE;
	}
	*args = skip_blanks(arg + len);
	if (o->add)
		*word = *args;
	switch (match->type) {
	case CLI_OPT_FLAG:
		*has_value = val->b = true;
		return PO_OPT;
	case CLI_OPT_BOOLEAN: {
		const char *v = *args;
		int res;
		if (!**args && o->add) {
			if (o->mode == CLI_OPTS_REQUIRE_DELIMITER) {
				complete_list(o, bool_words, v);
				complete_names(o, "", 0, v);
			}
			return PO_OPT;
		}
		if (**args == '-' || !**args) {
			res = 1; /* "-bool -other", "-bool": on */
		} else {
			res = cli_bool_word(args);
			if (res < 0) {
				const char *end = skip_word(*args);
				if (o->add && !*end) {
					complete_list(o, bool_words, v);
					return PO_OPT;
				}
				if (o->have_delim)
					return fail(o,
						    "Value given for `-%s' is not a boolean: %.*s",
						    match->name, (int)(end - v), v);
				return PO_OPT; /* the operands start at the value */
			}
			if (o->add && !**args) {
				complete_list(o, all_bool_words, v);
				return PO_NONE;
			}
		}
		*has_value = true;
		val->b = res == 1;
		return PO_OPT;
	}
	case CLI_OPT_UINTEGER:
	case CLI_OPT_ZUINTEGER_UNLIMITED: {
		long long v = 0;
		if (o->add) {
			if (!**args) {
				cand(o, *args, "NUMBER");
				cand(o, *args, "unlimited");
				return PO_NONE;
			}
			if (!strncmp("unlimited", *args, strlen(*args))) {
				cand(o, *args, "unlimited");
				return PO_NONE;
			}
		}
		if (!**args)
			return fail(o,
				    "Argument required (integer to set it to, or \"unlimited\").");
		if (take_unlimited(args))
			v = match->type == CLI_OPT_UINTEGER ? 0 : -1;
		else if (take_number(o, args, &v) == PO_ERR)
			return PO_ERR;
		if (match->type == CLI_OPT_ZUINTEGER_UNLIMITED) {
			if (v > INT_MAX)
				return fail(o, "integer %lld out of range", v);
			if (v < -1)
				return fail(o, "only -1 is allowed to set as unlimited");
			val->i = (int)v;
		} else {
			if (v == 0)
				v = UINT_MAX;
			else if (v < 0 || v >= UINT_MAX)
				return fail(o, "integer %lld out of range", v);
			val->u = (unsigned)v;
		}
		*has_value = true;
		return PO_OPT;
	}
	case CLI_OPT_ENUM: {
		const char *end, *found = NULL;
		size_t k = 0;
		if (o->add && !*skip_word(*args)) {
			size_t before = o->added, wl = strlen(*args);
			for (size_t i = 0; match->enums[i]; i++)
				if (!strncmp(match->enums[i], *args, wl))
					cand(o, *args, match->enums[i]);
			if (o->added != before)
				return PO_NONE;
		}
		if (!**args || take_delim(args)) {
			char msg[256] = "";
			for (size_t i = 0; match->enums[i]; i++) {
				size_t at = strlen(msg);
				snprintf(msg + at, sizeof(msg) - at, "%s%s", i ? ", " : "",
					 match->enums[i]);
			}
			return fail(o, "Requires an argument. Valid arguments are %s.", msg);
		}
		end = skip_word(*args);
		len = (size_t)(end - *args);
		for (size_t i = 0; match->enums[i]; i++) {
			if (strncmp(*args, match->enums[i], len))
				continue;
			found = match->enums[i];
			if (!match->enums[i][len]) {
				k = 1;
				break;
			}
			k++;
		}
		if (!k)
			return fail(o, "Undefined item: \"%.*s\".", (int)len, *args);
		if (k > 1)
			return fail(o, "Ambiguous item \"%.*s\".", (int)len, *args);
		*args = end;
		*has_value = true;
		val->e = found;
		return PO_OPT;
	}
	case CLI_OPT_STRING: {
		const char *start;
		if (take_delim(args))
			return fail(o, "-%s requires an argument", match->name);
		start = *args;
		if (!(val->s = take_string(args)))
			return fail(o, "out of memory");
		if (*args == start) {
			free(val->s);
			val->s = NULL;
			return fail(o, "-%s requires an argument", match->name);
		}
		*has_value = true;
		return PO_OPT;
	}
	}
	return PO_NONE;
}

/* Keep an option's value (a boolean given no value is on). */
static void save(struct octx *o, size_t k, bool has_value, struct cli_opt_val *v)
{
	struct cli_opt_val *to = &o->vals[k];

	switch (o->defs[k].type) {
	case CLI_OPT_FLAG:
	case CLI_OPT_BOOLEAN:
		to->b = has_value ? v->b : true;
		break;
	case CLI_OPT_UINTEGER:
		to->u = v->u;
		break;
	case CLI_OPT_ZUINTEGER_UNLIMITED:
		to->i = v->i;
		break;
	case CLI_OPT_ENUM:
		to->e = v->e;
		break;
	case CLI_OPT_STRING:
		free(to->s);
		to->s = v->s;
		v->s = NULL;
		break;
	}
}

int cli_opts_process(struct cli *c, const char **args, enum cli_opts_mode mode,
		     const struct cli_opt_def *defs, size_t n, struct cli_opt_val *vals)
{
	char err[512] = "";
	struct octx o = { defs, n, vals, mode, false, *args, NULL, NULL, 0, err, sizeof(err) };
	bool any = false;

	o.have_delim = find_delim(*args) != NULL;
	if (mode == CLI_OPTS_REQUIRE_DELIMITER && !o.have_delim)
		return 0;
	for (;;) {
		struct cli_opt_val v;
		size_t k = 0;
		bool has;
		const char *word = NULL;
		*args = skip_blanks(*args);
		enum po r = parse_option(&o, args, &k, &has, &v, &word);
		if (r == PO_ERR)
			return cli_error(c, "%s", err);
		if (r == PO_NONE)
			return any;
		any = true;
		save(&o, k, has, &v);
	}
}

bool cli_opts_complete(const char *text, enum cli_opts_mode mode, const struct cli_opt_def *defs,
		       size_t n, struct cli_opt_val *vals, const char **operands,
		       void (*add)(void *data, size_t at, const char *cand), void *data, char *err,
		       size_t errlen)
{
	struct octx o = { defs, n, vals, mode, false, text, add, data, 0, err, errlen };
	const char *delim = find_delim(text), *args = text;

	o.have_delim = delim != NULL;
	*operands = text;
	if (errlen)
		err[0] = '\0';
	if (text[0] == '-' && (!delim || !*delim)) {
		for (;;) {
			const char *word;
			args = skip_blanks(args);
			word = args;
			*operands = args;
			if (!strcmp(args, "-")) {
				complete_names(&o, "", 0, word);
			} else if (!strcmp(args, "--")) {
				cand(&o, word, "--");
			} else if (*args == '-') {
				struct cli_opt_val v;
				size_t k = 0;
				bool has;
				enum po r = parse_option(&o, &args, &k, &has, &v, &word);
				*operands = args;
				if (r == PO_ERR)
					return true;
				if (r == PO_NONE && !o.added)
					return mode == CLI_OPTS_REQUIRE_DELIMITER;
				if (r == PO_OPT && defs[k].type == CLI_OPT_BOOLEAN && !has) {
					/* a boolean whose value did not parse: the operands' start,
					 * unless the command wants a "--" */
					return mode == CLI_OPTS_REQUIRE_DELIMITER;
				}
				if (r == PO_OPT && !o.added && !*args && args > text &&
				    !isspace((unsigned char)args[-1])) {
					free(v.s);
					return true; /* "-uinteger 10": nothing more to offer */
				}
				if (r == PO_OPT)
					save(&o, k, has, &v);
			} else {
				if (mode == CLI_OPTS_REQUIRE_DELIMITER && !o.have_delim) {
					if (!*word)
						complete_names(&o, "", 0, word);
					return true;
				}
				return false;
			}
			if (o.added)
				return true;
		}
	}
	if (delim) {
		*operands = delim;
		return false;
	}
	return false;
}

/* ---- print's options (gdb's value_print_option_defs) ---- */

const struct cli_opt_def cli_print_opt_defs[] = {
	{ "address", CLI_OPT_BOOLEAN, NULL },
	{ "array", CLI_OPT_BOOLEAN, NULL },
	{ "array-indexes", CLI_OPT_BOOLEAN, NULL },
	{ "elements", CLI_OPT_UINTEGER, NULL },
	{ "max-depth", CLI_OPT_ZUINTEGER_UNLIMITED, NULL },
	{ "memory-tag-violations", CLI_OPT_BOOLEAN, NULL },
	{ "nibbles", CLI_OPT_BOOLEAN, NULL },
	{ "null-stop", CLI_OPT_BOOLEAN, NULL },
	{ "object", CLI_OPT_BOOLEAN, NULL },
	{ "pretty", CLI_OPT_BOOLEAN, NULL },
	{ "raw-values", CLI_OPT_BOOLEAN, NULL },
	{ "repeats", CLI_OPT_UINTEGER, NULL },
	{ "static-members", CLI_OPT_BOOLEAN, NULL },
	{ "symbol", CLI_OPT_BOOLEAN, NULL },
	{ "union", CLI_OPT_BOOLEAN, NULL },
	{ "vtbl", CLI_OPT_BOOLEAN, NULL },
};
const size_t cli_print_opt_count = sizeof(cli_print_opt_defs) / sizeof(cli_print_opt_defs[0]);

/* ---- info threads' option ---- */

const struct cli_opt_def cli_info_threads_opts[] = { { "gid", CLI_OPT_FLAG, NULL } };

/* ---- backtrace's options (gdb's backtrace_command_option_defs) ---- */

static const char *const entry_values[] = { "no",   "only",    "preferred", "if-needed",
					    "both", "compact", "default",   NULL };
static const char *const frame_arguments[] = { "all", "scalars", "none", "presence", NULL };
static const char *const frame_info[] = {
	"auto",           "source-line", "location", "source-and-location", "location-and-address",
	"short-location", NULL
};

const struct cli_opt_def cli_bt_opt_defs[] = {
	{ "entry-values", CLI_OPT_ENUM, entry_values },
	{ "frame-arguments", CLI_OPT_ENUM, frame_arguments },
	{ "raw-frame-arguments", CLI_OPT_BOOLEAN, NULL },
	{ "frame-info", CLI_OPT_ENUM, frame_info },
	{ "past-main", CLI_OPT_BOOLEAN, NULL },
	{ "past-entry", CLI_OPT_BOOLEAN, NULL },
	{ "full", CLI_OPT_FLAG, NULL },
	{ "no-filters", CLI_OPT_FLAG, NULL },
	{ "hide", CLI_OPT_FLAG, NULL },
};
const size_t cli_bt_opt_count = sizeof(cli_bt_opt_defs) / sizeof(cli_bt_opt_defs[0]);

/* ---- maintenance test-options ---- */

static const char *const test_enums[] = { "xxx", "yyy", "zzz", NULL };

const struct cli_opt_def cli_test_opt_defs[] = {
	{ "flag", CLI_OPT_FLAG, NULL },
	{ "xx1", CLI_OPT_FLAG, NULL },
	{ "xx2", CLI_OPT_FLAG, NULL },
	{ "bool", CLI_OPT_BOOLEAN, NULL },
	{ "enum", CLI_OPT_ENUM, test_enums },
	{ "uinteger", CLI_OPT_UINTEGER, NULL },
	{ "zuinteger-unlimited", CLI_OPT_ZUINTEGER_UNLIMITED, NULL },
	{ "string", CLI_OPT_STRING, NULL },
};
const size_t cli_test_opt_count = sizeof(cli_test_opt_defs) / sizeof(cli_test_opt_defs[0]);

void cli_test_opts_init(struct cli_opt_val *vals)
{
	memset(vals, 0, cli_test_opt_count * sizeof(*vals));
	vals[4].e = test_enums[0];
}

char *cli_test_opts_dump(const struct cli_opt_val *v, const char *operands)
{
	char uint_s[16], zu_s[16], *r = NULL;

	if (v[5].u == UINT_MAX)
		snprintf(uint_s, sizeof(uint_s), "unlimited");
	else
		snprintf(uint_s, sizeof(uint_s), "%u", v[5].u);
	if (v[6].i == -1)
		snprintf(zu_s, sizeof(zu_s), "unlimited");
	else
		snprintf(zu_s, sizeof(zu_s), "%d", v[6].i);
	if (asprintf(&r,
		     "-flag %d -xx1 %d -xx2 %d -bool %d -enum %s -uint %s -zuint-unl %s -string '%s' "
		     "-- %s\n",
		     v[0].b, v[1].b, v[2].b, v[3].b, v[4].e, uint_s, zu_s, v[7].s ? v[7].s : "",
		     operands) < 0)
		return NULL;
	return r;
}
