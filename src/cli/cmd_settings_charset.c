/*
 * cmd_settings_charset.c - `set|show charset`, `host-charset`, `target-charset`, `target-wide-charset`
 * as gdb 13 has them: the names iconv(3) knows (`iconv -l`, as gdb lists them, "auto" first),
 * chosen by gdb's rules for an enum (a unique prefix; "Undefined item", "Ambiguous item"),
 * and set in the library (cdbg_charset_set), which converts the program's characters.
 *
 * Owns: the list of names. Must not: convert characters (the library does).
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_settings.h"

static char **cs_list; /* "auto" and iconv -l's names, NULL-terminated; read once */
static size_t cs_count;

static void add_name(const char *s, size_t n, size_t *cap)
{
	while (n && s[n - 1] == '/') /* "8859_7//", "10646-1:1993/UCS4/" */
		n--;
	if (!n)
		return;
	if (cs_count + 2 > *cap) {
		char **l = realloc(cs_list, (*cap = *cap * 2 + 64) * sizeof(*l));
		if (!l)
			return;
		cs_list = l;
	}
	if ((cs_list[cs_count] = strndup(s, n)))
		cs_count++;
	cs_list[cs_count] = NULL;
}

/* gdb's find_charset_names: "auto", then what `iconv -l` prints, in its order. */
static char **charset_names(void)
{
	static const char *const fallback[] = { "ASCII", "ISO-8859-1", "EBCDIC-US", "IBM1047",
						"UTF-8", "UTF-16",     "UTF-32",    NULL };
	size_t cap = 0;
	char line[4096];
	FILE *f;

	if (cs_list)
		return cs_list;
	add_name("auto", 4, &cap);
	if ((f = popen("iconv -l 2>/dev/null", "r"))) {
		while (fgets(line, sizeof(line), f))
			for (char *s = line, *e; *s; s = e) {
				s += strspn(s, ", \t\r\n");
				e = s + strcspn(s, ", \t\r\n");
				add_name(s, (size_t)(e - s), &cap);
			}
		pclose(f);
	}
	for (size_t i = 0; cs_count <= 1 && fallback[i]; i++)
		add_name(fallback[i], strlen(fallback[i]), &cap);
	return cs_list ? cs_list : (char **)fallback;
}

/* What gdb's "auto" is: the locale's charset (LC_ALL, LC_CTYPE, LANG), as gdb reads it. */
static const char *auto_charset(void)
{
	static char buf[64];
	const char *cur = setlocale(LC_CTYPE, NULL);
	char *saved = cur ? strdup(cur) : NULL;

	if (setlocale(LC_CTYPE, ""))
		snprintf(buf, sizeof(buf), "%s", nl_langinfo(CODESET));
	else
		snprintf(buf, sizeof(buf), "ANSI_X3.4-1968");
	setlocale(LC_CTYPE, saved ? saved : "C");
	free(saved);
	return buf;
}

static void show_one(const char *what, int which, const char *autoname)
{
	char cur[64];

	cdbg_charset_get(which, cur, sizeof(cur));
	if (*cur)
		printf("The %s character set is \"%s\".\n", what, cur);
	else
		printf("The %s character set is \"auto; currently %s\".\n", what, autoname);
}

int cli_charset_setting(struct cli *c, const char *name, const char *rest, bool set)
{
	bool wide = !strcmp(name, "target-wide-charset"), both = !strcmp(name, "charset");
	bool host = !strcmp(name, "host-charset");
	char **names = charset_names();
	const char *found = NULL;
	size_t len = strlen(rest);
	int matches = 0;

	if (!set) {
		if (both || host)
			show_one("host", CDBG_CHARSET_HOST, auto_charset());
		if (both || (!host && !wide))
			show_one("target", CDBG_CHARSET_TARGET, auto_charset());
		if (both || wide)
			show_one("target wide", CDBG_CHARSET_WIDE, "UTF-32");
		return 0;
	}
	if (!len) {
		char *all = NULL;
		size_t n = 0;
		FILE *m = open_memstream(&all, &n);
		int r;
		for (size_t i = 0; m && names[i]; i++)
			fprintf(m, "%s%s", i ? ", " : "", names[i]);
		if (m)
			fclose(m);
		r = cli_error(c, "Requires an argument. Valid arguments are %s.",
			      all ? all : "auto");
		free(all);
		return r;
	}
	for (size_t i = 0; names[i]; i++) {
		if (strncmp(names[i], rest, len))
			continue;
		if (!names[i][len]) { /* an exact match wins */
			found = names[i];
			matches = 1;
			break;
		}
		found = names[i];
		matches++;
	}
	if (matches > 1)
		return cli_error(c, "Ambiguous item \"%s\".", rest);
	if (!found)
		return cli_error(c, "Undefined item: \"%s\".", rest);
	if (both || host) {
		if (cdbg_charset_set(CDBG_CHARSET_HOST, found) < 0)
			return cli_error(c, "GDB can't use `%s' as its host character set.", found);
	}
	if (!host && cdbg_charset_set(wide ? CDBG_CHARSET_WIDE : CDBG_CHARSET_TARGET, found) < 0)
		return cli_error(c, "Cannot convert between character sets `UTF-32' and `%s'",
				 found);
	return 0;
}
