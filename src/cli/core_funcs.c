/*
 * core_funcs.c - gdb's convenience functions, called in expressions as $name(args) (the
 * library asks through cdbg_eval_env.func): $_isvoid, $_strlen, $_streq, $_memeq, $_regex,
 * $_as_string, $_caller_is, $_caller_matches, $_any_caller_is, $_any_caller_matches,
 * $_gdb_setting, $_gdb_setting_str, $_gdb_maint_setting and $_gdb_maint_setting_str.
 *
 * Owns: the functions' names (cli_func_name) and their results. Must not: know a setting
 * itself (a setting's value is what `show NAME` says, read back from its text); use a command
 * group's files (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core_setvar.h"
#include "format.h"

static const char *const func_names[] = { "_any_caller_is",
					  "_any_caller_matches",
					  "_as_string",
					  "_caller_is",
					  "_caller_matches",
					  "_cimag",
					  "_creal",
					  "_gdb_maint_setting",
					  "_gdb_maint_setting_str",
					  "_gdb_setting",
					  "_gdb_setting_str",
					  "_isvoid",
					  "_memeq",
					  "_regex",
					  "_streq",
					  "_strlen",
					  NULL };

bool cli_func_name(const char *name)
{
	for (int i = 0; func_names[i]; i++)
		if (!strcmp(func_names[i], name))
			return true;
	return false;
}

void cli_func_each(void (*fn)(void *data, const char *name), void *data)
{
	for (int i = 0; func_names[i]; i++)
		fn(data, func_names[i]);
}

/* The text of a string argument: a char array (the debugger's or the program's) or a char *.
 * Returns a malloc'ed NUL-terminated string (*len its bytes), or NULL with err filled. */
static char *arg_string(struct cli *c, const struct cdbg_value *v, size_t *len, char *err,
			size_t errlen)
{
	size_t cap = 256, n = 0;
	uint64_t addr;
	size_t max;
	char *buf;

	if (v->is_pointer) {
		addr = v->bits;
		max = 1u << 20;
	} else if (v->lvalue && (v->kind == CDBG_VAL_ARRAY || (v->is_aggregate && !v->is_float))) {
		addr = v->addr;
		max = v->size;
	} else {
		snprintf(err, errlen, "Trying to read string with inappropriate type `%s'.",
			 v->type[0] ? v->type : "void");
		return NULL;
	}
	if (!(buf = malloc(cap)))
		return NULL;
	while (n < max) {
		char ch;
		if (cdbg_value_read(c->p, addr + n, &ch, 1) != 1) {
			snprintf(err, errlen, "Cannot access memory at address 0x%llx",
				 (unsigned long long)(addr + n));
			free(buf);
			return NULL;
		}
		if (!ch)
			break;
		if (n + 1 >= cap) {
			char *m = realloc(buf, cap *= 2);
			if (!m) {
				free(buf);
				return NULL;
			}
			buf = m;
		}
		buf[n++] = ch;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int int_result(struct cdbg_value *out, long v)
{
	cdbg_value_int(out, (uint64_t)v, 4, 1);
	return 0;
}

/* A string result: char [len + 1] with its NUL, or (chars: a setting's text, as gdb's)
 * char [len]. */
static int str_result(struct cli *c, struct cdbg_value *out, const char *s, size_t len, char *err,
		      size_t errlen, bool chars)
{
	if ((chars ? cdbg_value_chars(c->p, s, len, out) : cdbg_value_string(c->p, s, len, out)) <
	    0) {
		snprintf(err, errlen, "out of memory for a string value");
		return -1;
	}
	return 0;
}

/* ---- $_gdb_setting: what `show NAME` says ---- */

/* Run `show NAME` (maint: `maintenance show NAME`) with its output caught: a malloc'ed text,
 * or NULL when the command failed. */
static char *show_text(struct cli *c, const char *name, bool maint)
{
	const struct cli_src_file *src = c->src_file;
	int line = c->src_line, errors = c->errors, r;
	FILE *out = tmpfile();
	int saved_out, saved_err;
	char *cmd = NULL, *text = NULL;
	long size;

	if (!out)
		return NULL;
	if (asprintf(&cmd, "%s %s", maint ? "maintenance show" : "show", name) < 0) {
		fclose(out);
		return NULL;
	}
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(out), 1);
	dup2(fileno(out), 2);
	r = cli_execute(c, cmd);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	free(cmd);
	c->src_file = src; /* its failure is ours to report */
	c->src_line = line;
	c->errors = errors;
	size = ftell(out);
	if (r == 0 && size > 0 && (text = calloc(1, (size_t)size + 1))) {
		rewind(out);
		if (fread(text, 1, (size_t)size, out) != (size_t)size) {
			free(text);
			text = NULL;
		}
	}
	fclose(out);
	return text;
}

/* The value in a show sentence, in place: `... is "VALUE".` (*quoted) or `... is VALUE.`. */
static char *show_value(char *text, bool *quoted)
{
	size_t n = strlen(text);
	char *v;

	while (n && isspace((unsigned char)text[n - 1]))
		text[--n] = '\0';
	if (strchr(text, '\n') || n < 2 || text[n - 1] != '.')
		return NULL; /* a prefix command's list, or no sentence */
	text[--n] = '\0';
	*quoted = n && text[n - 1] == '"' && (v = strstr(text, " is \"")) != NULL;
	if (*quoted) {
		text[--n] = '\0';
		v += 5;
		/* gdb's "auto; currently c" is the setting auto */
		if (!strncmp(v, "auto; currently ", 16))
			v[4] = '\0';
		return v;
	}
	if (!(v = strrchr(text, ' ')))
		return NULL;
	return v + 1;
}

char *cli_setting_value(struct cli *c, const char *name)
{
	char *text = show_text(c, name, false), *v, *r = NULL;
	bool quoted;

	if (text && (v = show_value(text, &quoted)))
		r = strdup(v);
	free(text);
	return r;
}

/* Settings whose values look like booleans but are enums (their value is a string). */
static bool is_enum(const char *name)
{
	static const char *const enums[] = { "check range", "check case", "scheduler-locking",
					     NULL };

	for (int i = 0; enums[i]; i++)
		if (!strcmp(enums[i], name))
			return true;
	return false;
}

static int gdb_setting(struct cli *c, const char *fname, const struct cdbg_value *args, int nargs,
		       struct cdbg_value *out, char *err, size_t errlen)
{
	bool maint = strstr(fname, "maint") != NULL, str = strstr(fname, "_str") != NULL, quoted;
	char *name, *text = NULL, *v;
	size_t len;
	int r = -1;

	if (nargs != 1) {
		snprintf(err, errlen, "You must provide an argument to $%s", fname);
		return -1;
	}
	if (!(name = arg_string(c, &args[0], &len, err, errlen)))
		return -1;
	for (char *s = name; *s; s++) /* gdb looks the name up as words */
		if (*s == '\t')
			*s = ' ';
	if (maint && !strncmp(name, "test-settings ", 14) && *cli_skip_ws(name + 14)) {
		/* typed: core_setvar.c */
		const char *after;
		struct cli_setvar *var;
		if (cli_test_setting_find(cli_skip_ws(name + 14), "show", &var, &after, err,
					  errlen) == 0)
			r = cli_setvar_value(c, var, str, out, err, errlen);
		goto out;
	}
	if (!*name || !(text = show_text(c, name, maint)) || !(v = show_value(text, &quoted))) {
		snprintf(err, errlen,
			 "First argument of $%s must be a valid setting of the 'show' command.",
			 fname);
		goto out;
	}
	if (str || quoted || is_enum(name)) {
		r = str_result(c, out, v, strlen(v), err, errlen, true);
		goto out;
	}
	if (!strcmp(v, "on") || !strcmp(v, "off") || !strcmp(v, "auto"))
		r = int_result(out, !strcmp(v, "on") ? 1 : !strcmp(v, "off") ? 0 : -1);
	else if (!strcmp(v, "unlimited"))
		r = int_result(out, 0);
	else if ((isdigit((unsigned char)v[0]) || v[0] == '-') &&
		 strspn(v + 1, "0123456789") == strlen(v + 1))
		r = int_result(out, strtol(v, NULL, 10));
	else
		r = str_result(c, out, v, strlen(v), err, errlen, true);
out:
	free(text);
	free(name);
	return r;
}

/* ---- frames: $_caller_is and friends ---- */

static int caller_func(struct cli *c, const char *fname, const struct cdbg_value *args, int nargs,
		       struct cdbg_value *out, char *err, size_t errlen)
{
	bool any = !strncmp(fname, "_any", 4), match = strstr(fname, "matches") != NULL;
	long nframes = nargs > 1 ? (long)args[1].bits : 1;
	int sel = c->live ? cli_selected_frame(c) : 0, n, found = 0;
	struct cdbg_frame *frames;
	regex_t re;
	char *name;
	size_t len;

	if (nargs < 1 || nargs > 2) {
		snprintf(err, errlen, "$%s takes one or two arguments", fname);
		return -1;
	}
	if (nframes < 0) {
		snprintf(err, errlen, "nframes must be >= 0");
		return -1;
	}
	if (!c->live) {
		snprintf(err, errlen, "No stack.");
		return -1;
	}
	if (!(name = arg_string(c, &args[0], &len, err, errlen)))
		return -1;
	if (match && regcomp(&re, name, REG_EXTENDED) != 0) {
		snprintf(err, errlen, "Invalid regular expression: %s", name);
		free(name);
		return -1;
	}
	size_t want = (size_t)sel + (size_t)nframes + 1;
	int r = -1;
	if (!(frames = calloc(want, sizeof(*frames))) ||
	    (n = cdbg_backtrace(c->p, c->cur_tid, frames, want)) < 0) {
		snprintf(err, errlen, "%s", frames ? cdbg_errmsg(c->p) : "out of memory");
		goto out;
	}
	r = 0;
	for (long k = any ? 0 : nframes; k <= nframes; k++) {
		long i = sel + k;
		if (i >= n)
			break;
		const char *f = frames[i].func;
		regmatch_t m;
		bool hit = match ? regexec(&re, f, 1, &m, 0) == 0 && m.rm_so == 0 :
				   !strcmp(f, name);
		if (hit) {
			found = 1;
			break;
		}
	}
	int_result(out, found);
out:
	if (match)
		regfree(&re);
	free(frames);
	free(name);
	return r;
}

/* The library's question: is $name(args) one of ours? 1 when not. */
/* $_creal(Z), $_cimag(Z): a part of a complex float or double, as a float or double. */
static int complex_part(struct cli *c, const char *name, const struct cdbg_value *args, int nargs,
			struct cdbg_value *out, char *err, size_t errlen)
{
	unsigned char b[16];
	unsigned half;

	if (nargs != 1) {
		snprintf(err, errlen, "You must provide one argument for $%s.", name);
		return -1;
	}
	if (!strstr(args[0].type, "complex") || args[0].kind != CDBG_VAL_FLOAT) {
		snprintf(err, errlen, "expected a complex number");
		return -1;
	}
	half = args[0].size / 2;
	if ((half != 4 && half != 8) || !args[0].lvalue) {
		snprintf(err, errlen, "$%s of a %s is not supported yet", name, args[0].type);
		return -1;
	}
	if (cdbg_value_read(c->p, args[0].addr, b, 2 * half) != (ssize_t)(2 * half)) {
		snprintf(err, errlen, "Cannot access memory at address 0x%llx",
			 (unsigned long long)args[0].addr);
		return -1;
	}
	uint64_t bits = 0;
	memcpy(&bits, b + (strcmp(name, "_cimag") ? 0 : half), half);
	cdbg_value_int(out, bits, half, 1);
	out->is_float = 1;
	out->kind = CDBG_VAL_FLOAT;
	snprintf(out->type, sizeof(out->type), "%s", half == 4 ? "float" : "double");
	return 0;
}

int cli_func_call(struct cli *c, const char *name, const struct cdbg_value *args, int nargs,
		  struct cdbg_value *out, char *err, size_t errlen)
{
	char *a = NULL, *b = NULL;
	size_t la, lb;
	int r = -1;

	if (!cli_func_name(name))
		return 1;
	if (c->types_only)
		return int_result(out, 0);
	if (!strncmp(name, "_gdb_", 5))
		return gdb_setting(c, name, args, nargs, out, err, errlen);
	if (strstr(name, "caller"))
		return caller_func(c, name, args, nargs, out, err, errlen);
	if (!strcmp(name, "_creal") || !strcmp(name, "_cimag"))
		return complex_part(c, name, args, nargs, out, err, errlen);
	if (!strcmp(name, "_isvoid")) {
		if (nargs != 1) {
			snprintf(err, errlen, "You must provide one argument for $_isvoid.");
			return -1;
		}
		return int_result(out, args[0].kind == CDBG_VAL_VOID && !args[0].size);
	}
	if (!strcmp(name, "_as_string")) {
		char *text = NULL;
		size_t size = 0;
		FILE *f;
		if (nargs != 1) {
			snprintf(err, errlen, "$_as_string takes one argument");
			return -1;
		}
		int styled = c->print.styled;
		c->print.styled = 0; /* a string of the program's text: no escapes in it */
		if (args[0].dtype) {
			text = fmt_typed(c, &args[0], 0, CDBG_FMT_TOP);
		} else if ((f = open_memstream(&text, &size))) {
			fmt_value(c, f, &args[0], 0);
			fclose(f);
		}
		c->print.styled = styled;
		if (args[0].dtype && !text) {
			snprintf(err, errlen, "%s", cdbg_errmsg(c->p));
			return -1;
		}
		if (args[0].dtype)
			size = strlen(text);
		r = text ? str_result(c, out, text, size, err, errlen, false) : -1;
		free(text);
		return r;
	}
	int want = !strcmp(name, "_strlen") ? 1 : !strcmp(name, "_memeq") ? 3 : 2;
	if (nargs != want) {
		snprintf(err, errlen, "$%s takes %d argument%s", name, want, want > 1 ? "s" : "");
		return -1;
	}
	if (!strcmp(name, "_memeq")) {
		long n = (long)args[2].bits;
		unsigned char x, y;
		if (n < 0) {
			snprintf(err, errlen, "length must be non-negative");
			return -1;
		}
		uint64_t pa = args[0].is_pointer ? args[0].bits : args[0].addr;
		uint64_t pb = args[1].is_pointer ? args[1].bits : args[1].addr;
		for (long i = 0; i < n; i++) {
			if (cdbg_value_read(c->p, pa + (uint64_t)i, &x, 1) != 1 ||
			    cdbg_value_read(c->p, pb + (uint64_t)i, &y, 1) != 1) {
				snprintf(err, errlen, "Cannot access memory at address 0x%llx",
					 (unsigned long long)pa + (unsigned long long)i);
				return -1;
			}
			if (x != y)
				return int_result(out, 0);
		}
		return int_result(out, 1);
	}
	if (!(a = arg_string(c, &args[0], &la, err, errlen)))
		return -1;
	if (!strcmp(name, "_strlen")) {
		r = int_result(out, (long)la);
	} else if ((b = arg_string(c, &args[1], &lb, err, errlen))) {
		if (!strcmp(name, "_streq")) {
			r = int_result(out, la == lb && !memcmp(a, b, la));
		} else { /* _regex: Python's re.match, anchored at the start */
			regex_t re;
			regmatch_t m;
			if (regcomp(&re, b, REG_EXTENDED) != 0) {
				snprintf(err, errlen, "Invalid regular expression: %s", b);
			} else {
				r = int_result(out, regexec(&re, a, 1, &m, 0) == 0 && m.rm_so == 0);
				regfree(&re);
			}
		}
	}
	free(a);
	free(b);
	return r;
}
