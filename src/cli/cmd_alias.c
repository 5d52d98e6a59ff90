/*
 * cmd_alias.c - gdb's `alias [-a] [--] ALIAS = COMMAND [DEFAULT-ARGS...]`: aliases of commands
 * and of subcommands (`alias set pr elms = set p elem`), with their documentation (`document
 * ALIAS`) and what `help` shows of them.
 *
 * Owns: the aliases the user defined. dispatch.c rewrites each line through cli_alias_rewrite
 * before looking its command up; `help` (cmd_help.c) reaches the aliases through the hooks
 * dispatch.c gives it. Must not: touch the process (an alias is text).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

#define ALIAS_WORDS 8

/* An alias: the words before its name (the prefix command, expanded: "set print"), its name,
 * the command it stands for (expanded, with the default arguments after it) and its doc. */
struct alias {
	char *prefix; /* "" for a top-level alias */
	char *name;
	char *target;  /* "set print elements", "backtrace" */
	char *defargs; /* "10" or "" */
	char *doc;     /* `document ALIAS`, or NULL */
	bool abbrev;   /* -a: not listed by `help` */
	struct alias *next;
};
static struct alias *aliases;

/* Do two command words name one command? Exactly, or one abbreviates the other ("p" and
 * "print"); an alias is compared once expanded. */
static bool same_word(const char *a, size_t na, const char *b, size_t nb)
{
	size_t n = na < nb ? na : nb;

	return n && !strncmp(a, b, n);
}

/* Do two blank-separated word lists name the same command path? */
static bool same_path(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		size_t na = strcspn(a, " "), nb = strcspn(b, " ");
		if (!same_word(a, na, b, nb))
			return false;
		a += na;
		b += nb;
	}
}

static struct alias *find(const char *prefix, const char *name, size_t len)
{
	for (struct alias *a = aliases; a; a = a->next)
		if (strlen(a->name) == len && !strncmp(a->name, name, len) &&
		    ((!*a->prefix && !*prefix) ||
		     (*a->prefix && *prefix && same_path(a->prefix, prefix))))
			return a;
	return NULL;
}

/* Expands the aliases of a line's command words: "assigne imprime elements 5" -> "set print
 * elements 5". Stops at the first word that is not a command word (digits, '/', quotes...).
 * Returns a new line, or NULL when no alias applies (or out of memory). */
static char *expand(const char *line, int maxwords, const char **restp)
{
	char path[1024] = "";
	const char *p = line;
	bool changed = false;

	for (int i = 0; i < maxwords; i++) {
		const char *w = p;
		while (*w == ' ' || *w == '\t')
			w++;
		size_t n = 0;
		while (w[n] && (isalnum((unsigned char)w[n]) || w[n] == '-' || w[n] == '_'))
			n++;
		if (!n || (w[n] && w[n] != ' ' && w[n] != '\t' && w[n] != '/'))
			break; /* the rest keeps its blanks: "zz 1+1" -> "print 1+1" */
		p = w;
		bool last = w[n] == '/'; /* "zz/x 255" */
		struct alias *a = find(path, p, n);
		if (a) {
			snprintf(path, sizeof(path), "%s%s%s", a->target, *a->defargs ? " " : "",
				 a->defargs);
			changed = true;
		} else {
			size_t l = strlen(path);
			snprintf(path + l, sizeof(path) - l, "%s%.*s", l ? " " : "", (int)n, p);
		}
		p += n;
		if (last)
			break;
	}
	if (restp)
		*restp = p;
	if (!changed)
		return NULL;
	char *out;
	if (asprintf(&out, "%s%s", path, p) < 0)
		return NULL;
	return out;
}

char *cli_alias_rewrite(const char *line)
{
	return aliases ? expand(line, ALIAS_WORDS, NULL) : NULL;
}

void cli_alias_each(const char *prefix, void (*fn)(void *, const char *), void *data)
{
	size_t len = strlen(prefix);

	for (struct alias *a = aliases; a; a = a->next)
		if (!*a->prefix && !strncmp(a->name, prefix, len))
			fn(data, a->name);
}

void cli_alias_each_of(const struct cli_cmd *k,
		       void (*fn)(void *, const char *, const char *, const char *), void *data)
{
	bool amb;

	for (struct alias *a = aliases; a; a = a->next) {
		char w[64];
		/* a top-level alias of a command (not of a subcommand), not an abbreviation */
		if (*a->prefix || a->abbrev || strchr(a->target, ' '))
			continue;
		snprintf(w, sizeof(w), "%s", a->target);
		if (cli_find_command(w, &amb) == k)
			fn(data, a->name, a->defargs, a->doc);
	}
}

void cli_alias_each_listed(void (*fn)(void *, const char *, const char *, const char *,
				      const char *),
			   void *data)
{
	for (struct alias *a = aliases; a; a = a->next)
		if (!a->abbrev && !*a->prefix)
			fn(data, a->name, a->target, a->defargs, a->doc);
}

bool cli_alias_get(const char *name, const char **target, const char **defargs, const char **doc)
{
	struct alias *a = find("", name, strlen(name));

	if (!a)
		return false;
	*target = a->target;
	*defargs = a->defargs;
	*doc = a->doc;
	return true;
}

int cli_alias_document(const char *name, char *doc)
{
	struct alias *a = find("", name, strlen(name));

	if (!a)
		return -1;
	free(a->doc);
	a->doc = doc;
	return 0;
}

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static int count_words(const char *s)
{
	int n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		n++;
		s += strcspn(s, " \t");
	}
}

/* The first n words of s, blank-separated, into buf. */
static void first_words(const char *s, int n, char *buf, size_t size)
{
	size_t l = 0;

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		while (*s == ' ' || *s == '\t')
			s++;
		size_t w = strcspn(s, " \t");
		l += (size_t)snprintf(buf + l, l < size ? size - l : 0, "%s%.*s", i ? " " : "",
				      (int)w, s);
		s += w;
	}
}

/* alias [-a] [--] ALIAS = COMMAND [DEFAULT-ARGS...] */
static int cmd_alias(struct cli *c, char *args)
{
	static const char usage[] = "Usage: alias [-a] [--] ALIAS = COMMAND [DEFAULT-ARGS...]";
	char *eq, *name, *cmd, *exp, *rest_of;
	const char *rest;
	bool abbrev = false, amb;
	struct alias *a;
	int nw;

	args = cli_skip_ws(args);
	for (;;) {
		if (!strncmp(args, "-a", 2) && (isspace((unsigned char)args[2]) || !args[2])) {
			abbrev = true;
			args = cli_skip_ws(args + 2);
		} else if (!strncmp(args, "--", 2) &&
			   (isspace((unsigned char)args[2]) || !args[2])) {
			args = cli_skip_ws(args + 2);
			break;
		} else {
			break;
		}
	}
	eq = strchr(args, '=');
	if (!eq)
		return cli_error(c, "%s", usage);
	*eq = '\0';
	name = args;
	trim(name);
	cmd = cli_skip_ws(eq + 1);
	trim(cmd);
	if (!*name || !*cmd)
		return cli_error(c, "%s", usage);
	for (const char *s = name; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != ' ' && *s != '\t')
			return cli_error(c, "Invalid command name: %s", name);
	/* COMMAND: its command words expanded (aliases) and checked, then the default args */
	nw = count_words(name);
	exp = expand(cmd, nw, &rest);
	if (!exp) {
		if (!(exp = strdup(cmd)))
			return cli_error(c, "out of memory");
		rest = cmd;
		for (int i = 0; i < nw; i++) {
			while (*rest == ' ' || *rest == '\t')
				rest++;
			rest += strcspn(rest, " \t");
		}
		rest_of = exp + (rest - cmd);
	} else {
		rest_of = exp + strlen(exp) - strlen(rest);
	}
	char target[512], first[64], aprefix[512], cprefix[512], *defargs;
	size_t tl = (size_t)(rest_of - exp);
	snprintf(target, sizeof(target), "%.*s", (int)tl, exp);
	trim(target);
	defargs = cli_skip_ws(rest_of);
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(target, " "), target);
	if (!cli_find_command(first, &amb)) {
		free(exp);
		return cli_error(c, "Undefined command: \"%s\".  Try \"help\".", first);
	}
	/* a word of letters after a subcommand's words is one more subcommand ("set print
	 * elements" for a 2-word alias), not a default argument */
	bool longer = nw > 1 && *defargs &&
		      strspn(defargs, "abcdefghijklmnopqrstuvwxyz-") == strcspn(defargs, " \t");
	if (count_words(target) != nw || longer) {
		free(exp);
		return cli_error(c, "Mismatched command length between ALIAS and COMMAND.");
	}
	/* ALIAS's prefix (expanded) must be COMMAND's: `alias set pr elms = set p elem` */
	first_words(name, nw - 1, aprefix, sizeof(aprefix));
	first_words(target, nw - 1, cprefix, sizeof(cprefix));
	if (nw > 1) {
		char *e = expand(aprefix, nw - 1, NULL);
		bool ok = same_path(e ? e : aprefix, cprefix);
		free(e);
		if (!ok) {
			free(exp);
			return cli_error(c, "ALIAS and COMMAND prefixes do not match.");
		}
	}
	const char *last = name + strlen(name);
	while (last > name && last[-1] != ' ' && last[-1] != '\t')
		last--;
	if (find(cprefix, last, strlen(last))) {
		free(exp);
		return cli_error(c, "Alias already exists: %s", last);
	}
	const struct cli_cmd *k;
	if (nw == 1 && (k = cli_find_command(last, &amb)) && !strcmp(k->name, last)) {
		free(exp);
		return cli_error(c, "Alias %s is the name of an existing command", last);
	}
	a = calloc(1, sizeof(*a));
	if (!a || !(a->prefix = strdup(cprefix)) || !(a->name = strdup(last)) ||
	    !(a->target = strdup(target)) || !(a->defargs = strdup(defargs))) {
		if (a) {
			free(a->prefix);
			free(a->name);
			free(a->target);
		}
		free(a);
		free(exp);
		return cli_error(c, "out of memory");
	}
	free(exp);
	a->abbrev = abbrev;
	a->next = aliases;
	aliases = a;
	return 0;
}

const struct cli_cmd cli_cmds_alias[] = {
	{ "alias",
	  { NULL },
	  cmd_alias,
	  0,
	  "Define a new command that is an alias of an existing command.\n"
	  "Usage: alias [-a] [--] ALIAS = COMMAND [DEFAULT-ARGS...]\n"
	  "ALIAS is the name of the alias command to create.\n"
	  "COMMAND is the command being aliased to.\n"
	  "\n"
	  "Options:\n"
	  "  -a\n"
	  "    Specify that ALIAS is an abbreviation of COMMAND.\n"
	  "    Abbreviations are not used in command completion.\n"
	  "\n"
	  "GDB will automatically prepend the provided DEFAULT-ARGS to the list\n"
	  "of arguments explicitly provided when using ALIAS.\n"
	  "Use \"help aliases\" to list all user defined aliases and their default args.\n"
	  "\n"
	  "Examples:\n"
	  "Make \"spe\" an alias of \"set print elements\":\n"
	  "  alias spe = set print elements\n"
	  "Make \"elms\" an alias of \"elements\" in the \"set print\" command:\n"
	  "  alias -a set print elms = set print elements\n"
	  "Make \"btf\" an alias of \"backtrace -full -past-entry -past-main\" :\n"
	  "  alias btf = backtrace -full -past-entry -past-main\n"
	  "Make \"wLapPeu\" an alias of 2 nested \"with\":\n"
	  "  alias wLapPeu = with language pascal -- with print elements unlimited --" },
	{ NULL, { NULL }, NULL, 0, NULL },
};
