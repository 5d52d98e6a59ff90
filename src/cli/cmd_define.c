/*
 * cmd_define.c - gdb's user-defined commands: define (with define-prefix for commands of two
 * words), document, show user, calls with $argc and $arg0... replaced in the body as text
 * (gdb's rules), gdb's limit on nested calls; and the top-level `if` and `while`, which read
 * their block and run it through the core's control flow (core_script.c).
 *
 * Owns: the user-defined commands. Must not: run control flow itself (core_script.c does, for
 * breakpoint `commands` too); use another command group or the top (scripts/check-cli-cycles).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

/* A user-defined command, in a list sorted by name ("mypre sub" follows "mypre"). */
struct ucmd {
	char *name;
	struct cli_lines body;
	bool defined; /* `define` gave it a body (else only define-prefix made it) */
	bool prefix;
	bool builtin; /* a built-in prefix of gdb's (target) that user subcommands extend */
	char *doc;
	struct ucmd *next;
};

static struct ucmd *ucmds;
static int call_depth;
#define MAX_USER_CALL_DEPTH 1024 /* gdb's max-user-call-depth */

static struct ucmd *find(const char *name)
{
	for (struct ucmd *u = ucmds; u; u = u->next)
		if (!strcmp(u->name, name))
			return u;
	return NULL;
}

static struct ucmd *add(const char *name)
{
	struct ucmd *u = find(name), **pp = &ucmds;

	if (u)
		return u;
	if (!(u = calloc(1, sizeof(*u))) || !(u->name = strdup(name))) {
		free(u);
		return NULL;
	}
	while (*pp && strcmp((*pp)->name, name) < 0)
		pp = &(*pp)->next;
	u->next = *pp;
	*pp = u;
	return u;
}

/* The user command word names: exact, else (unless exact) the only one it begins. */
static struct ucmd *lookup(const char *word, const char *parent, bool exact)
{
	struct ucmd *found = NULL;
	size_t plen = parent ? strlen(parent) : 0, len = strlen(word);
	int n = 0;

	for (struct ucmd *u = ucmds; u; u = u->next) {
		const char *name = u->name;
		if (parent) {
			if (strncmp(name, parent, plen) || name[plen] != ' ')
				continue;
			name += plen + 1;
		}
		if (strchr(name, ' '))
			continue;
		if (!strcmp(name, word))
			return u;
		if (!exact && !strncmp(name, word, len))
			found = u, n++;
	}
	return n == 1 ? found : NULL;
}

void cli_define_each(const char *prefix, void (*fn)(void *, const char *), void *data)
{
	size_t len = strlen(prefix);

	for (struct ucmd *u = ucmds; u; u = u->next)
		if (!u->builtin && !strchr(u->name, ' ') && !strncmp(u->name, prefix, len))
			fn(data, u->name);
}

/* Is name a built-in command's own name? */
struct exact_probe {
	const char *name;
	bool found;
};

static void probe_fn(void *data, const char *name)
{
	struct exact_probe *p = data;

	if (!strcmp(p->name, name))
		p->found = true;
}

static bool builtin(const char *name)
{
	struct exact_probe p = { name, false };

	cli_each_command(name, probe_fn, &p);
	return p.found;
}

/* Blanks around name go; inner runs of blanks become one. */
static void normalize_name(char *s)
{
	char *o = s, *i = cli_skip_ws(s);

	while (*i) {
		if (*i == ' ' || *i == '\t') {
			i = cli_skip_ws(i);
			if (*i)
				*o++ = ' ';
			continue;
		}
		*o++ = *i++;
	}
	*o = '\0';
}

/* gdb's built-in prefix commands that cdbg has no subcommands of itself: `define target X`
 * extends them (the user's subcommands run; anything else is refused as before). */
static const char *const builtin_prefixes[] = { "target", "maintenance", "mt", NULL };

/* The prefix a two-word name needs ("mypre" of "mypre sub"), or 0 when it has it. */
static int check_prefix(struct cli *c, const char *name)
{
	const char *sp = strrchr(name, ' ');
	char parent[256];
	struct ucmd *p;

	if (!sp)
		return 0;
	snprintf(parent, sizeof(parent), "%.*s", (int)(sp - name), name);
	p = find(parent);
	if (!p) {
		for (int i = 0; builtin_prefixes[i]; i++)
			if (!strcmp(parent, builtin_prefixes[i]) && (p = add(parent))) {
				p->prefix = p->builtin = true;
				return 0;
			}
	}
	if (!p || !p->prefix)
		return cli_error(c, "Undefined command: \"%s\".  Try \"help\".", parent);
	return 0;
}

/* Does a command the hook name ("hook-X", "hookpost-X", "prefix hook-X") is for exist? */
static bool hook_target_exists(const char *name)
{
	const char *last = strrchr(name, ' '), *w = last ? last + 1 : name, *t;
	char full[256];

	if (!strncmp(w, "hook-", 5))
		t = w + 5;
	else if (!strncmp(w, "hookpost-", 9))
		t = w + 9;
	else
		return true;
	snprintf(full, sizeof(full), "%.*s%s", last ? (int)(last + 1 - name) : 0, name, t);
	if (find(full) || (!last && (builtin(t) || !strcmp(t, "stop"))))
		return true;
	if (!last) {
		bool amb;
		return cli_find_command(t, &amb) != NULL;
	}
	return false;
}

static int cmd_define(struct cli *c, char *args)
{
	struct cli_lines body = { NULL, 0, 0 };
	char q[512];
	struct ucmd *u;

	normalize_name(args);
	if (!*args)
		return cli_error(c, "Argument required (name of command to define).");
	if (check_prefix(c, args) < 0)
		return -1;
	u = find(args);
	if (u && u->defined) {
		snprintf(q, sizeof(q), "Redefine command \"%s\"? ", args);
		if (!cli_query(c, q))
			return cli_error(c, "Command \"%s\" not redefined.", args);
	} else if (!u && !strchr(args, ' ') && builtin(args)) {
		snprintf(q, sizeof(q), "Really redefine built-in command \"%s\"? ", args);
		if (!cli_query(c, q))
			return cli_error(c, "Command \"%s\" not redefined.", args);
	} else if (!hook_target_exists(args)) {
		const char *w = strrchr(args, ' ');
		fflush(stdout);
		fprintf(stderr,
			"warning: Your new `%s' command does not hook any existing command.\n",
			w ? w + 1 : args);
		if (!cli_query(c, "Proceed? "))
			return cli_error(c, "Not confirmed.");
	}
	if (c->interactive && !c->src)
		printf("Type commands for definition of \"%s\".\n"
		       "End with a line saying just \"end\".\n",
		       args);
	int rb = cli_read_block(c, 0, true, &body);
	if (rb < 0) {
		cli_lines_free(&body);
		return rb == -2 ? -1 : cli_error(c, "cannot define \"%s\": out of memory", args);
	}
	if (!(u = add(args))) {
		cli_lines_free(&body);
		return cli_error(c, "cannot define \"%s\": out of memory", args);
	}
	cli_lines_free(&u->body);
	u->body = body;
	u->defined = true;
	return 0;
}

static int cmd_define_prefix(struct cli *c, char *args)
{
	struct ucmd *u;

	normalize_name(args);
	if (!*args)
		return cli_error(c, "Argument required (name of command to define).");
	if (check_prefix(c, args) < 0)
		return -1;
	if (!(u = add(args)))
		return cli_error(c, "cannot define \"%s\": out of memory", args);
	u->prefix = true;
	return 0;
}

static int (*alias_doc)(const char *name, char *doc);

void cli_define_set_alias_doc(int (*fn)(const char *name, char *doc))
{
	alias_doc = fn;
}

/* The lines of a doc, joined; NULL when out of memory. */
static char *join_lines(const struct cli_lines *doc)
{
	size_t len = 1;
	char *text;

	for (int i = 0; i < doc->n; i++)
		len += strlen(doc->v[i]) + 1;
	if (!(text = malloc(len)))
		return NULL;
	*text = '\0';
	for (int i = 0; i < doc->n; i++) {
		strcat(text, doc->v[i]);
		if (i + 1 < doc->n)
			strcat(text, "\n");
	}
	return text;
}

static int document_alias(struct cli *c, const char *name)
{
	struct cli_lines doc = { NULL, 0, 0 };
	char *text;

	if (c->interactive && !c->src)
		printf("Type documentation for \"%s\".\n"
		       "End with a line saying just \"end\".\n",
		       name);
	if (cli_read_block(c, 0, false, &doc) < 0 || !(text = join_lines(&doc))) {
		cli_lines_free(&doc);
		return cli_error(c, "cannot document \"%s\": out of memory", name);
	}
	cli_lines_free(&doc);
	alias_doc(name, text);
	return 0;
}

void cli_define_each_doc(void (*fn)(void *, const char *, const char *), void *data)
{
	for (struct ucmd *u = ucmds; u; u = u->next)
		if (!u->builtin && !strchr(u->name, ' '))
			fn(data, u->name, u->doc);
}

static int cmd_document(struct cli *c, char *args)
{
	struct cli_lines doc = { NULL, 0, 0 };
	struct ucmd *u;
	size_t len = 1;
	char *text;

	normalize_name(args);
	if (!*args)
		return cli_error(c, "Argument required (name of command to define).");
	u = find(args);
	if (!u && alias_doc) {
		const struct cli_cmd *k;
		bool amb;
		if ((k = cli_find_command(args, &amb)) && strcmp(k->name, args)) {
			for (int a = 0; a < 3 && k->alias[a]; a++)
				if (!strcmp(k->alias[a], args))
					return cli_error(c, "Alias \"%s\" is built-in.", args);
		}
		if (alias_doc(args, NULL) == 0)
			return document_alias(c, args);
	}
	if (!u) {
		if (builtin(args))
			return cli_error(c, "Command \"%s\" is built-in.", args);
		return cli_error(c, "Undefined command: \"%s\".", args);
	}
	if (c->interactive && !c->src)
		printf("Type documentation for \"%s\".\n"
		       "End with a line saying just \"end\".\n",
		       args);
	if (cli_read_block(c, 0, false, &doc) < 0)
		goto oom;
	for (int i = 0; i < doc.n; i++)
		len += strlen(doc.v[i]) + 1;
	if (!(text = malloc(len)))
		goto oom;
	*text = '\0';
	for (int i = 0; i < doc.n; i++) {
		strcat(text, doc.v[i]);
		if (i + 1 < doc.n)
			strcat(text, "\n");
	}
	free(u->doc);
	u->doc = text;
	cli_lines_free(&doc);
	return 0;
oom:
	cli_lines_free(&doc);
	return cli_error(c, "cannot document \"%s\": out of memory", args);
}

/* ---- calls -------------------------------------------------------------------------------- */

/* The arguments of a call, split as gdb splits them (blanks outside quotes and \-escapes). */
struct uargs {
	const char *start[64];
	size_t len[64];
	int n;
};

static void split_args(const char *p, struct uargs *a)
{
	a->n = 0;
	while (*p) {
		bool sq = false, dq = false, bs = false;
		const char *s;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		s = p;
		while (*p) {
			if ((*p == ' ' || *p == '\t') && !sq && !dq && !bs)
				break;
			if (bs)
				bs = false;
			else if (*p == '\\')
				bs = true;
			else if (sq)
				sq = *p != '\'';
			else if (dq)
				dq = *p != '"';
			else if (*p == '\'')
				sq = true;
			else if (*p == '"')
				dq = true;
			p++;
		}
		if (a->n < 64) {
			a->start[a->n] = s;
			a->len[a->n++] = (size_t)(p - s);
		}
	}
}

/* A growing string. */
struct sbuf {
	char *s;
	size_t n, cap;
	bool oom;
};

static void put(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->oom = true;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* line with $argc and $argN replaced (malloc'd, NULL when out of memory); a missing argument
 * makes the line one that fails with gdb's message when it runs (CLI_LINE_ERROR). */
static char *insert_args(const char *line, const struct uargs *a)
{
	struct sbuf b = { NULL, 0, 0, false };
	const char *p;
	char num[80], *e;

	while ((p = strstr(line, "$arg"))) {
		if (p[4] == 'c') {
			put(&b, line, (size_t)(p - line));
			snprintf(num, sizeof(num), "%d", a->n);
			put(&b, num, strlen(num));
			line = p + 5;
		} else if (p[4] >= '0' && p[4] <= '9') {
			unsigned long i;
			errno = 0;
			i = strtoul(p + 4, &e, 10);
			if (errno || i >= (unsigned long)a->n) {
				b.n = 0;
				snprintf(num, sizeof(num),
					 "%cMissing argument %lu in user function.", CLI_LINE_ERROR,
					 i);
				put(&b, num, strlen(num));
				return b.oom ? NULL : b.s;
			}
			put(&b, line, (size_t)(p - line));
			put(&b, a->start[i], a->len[i]);
			line = e;
		} else {
			put(&b, line, (size_t)(p + 4 - line));
			line = p + 4;
		}
	}
	put(&b, line, strlen(line));
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

static void list_subs(const struct ucmd *p);
static int run_hook(struct cli *c, const char *name, bool post);

static int call(struct cli *c, struct ucmd *u, const char *args)
{
	struct cli_lines body = { NULL, 0, 0 };
	struct uargs a;
	int r = 0;

	if (call_depth >= MAX_USER_CALL_DEPTH)
		return cli_error(c, "Max user call depth exceeded -- command aborted.");
	split_args(args, &a);
	for (int i = 0; i < u->body.n && r == 0; i++) {
		char *l = insert_args(u->body.v[i], &a);
		r = l ? cli_lines_add(&body, l) : -1;
		free(l);
	}
	if (r < 0) {
		cli_lines_free(&body);
		return cli_error(c, "cannot run \"%s\": out of memory", u->name);
	}
	call_depth++;
	r = cli_run_lines(c, body.v, body.n, NULL, NULL, CLI_TOP_USER);
	call_depth--;
	cli_lines_free(&body);
	return r == CLI_RUN_ERROR ? -1 : 0;
}

int cli_define_call(struct cli *c, const char *word, char *args, bool exact)
{
	struct ucmd *u = lookup(word, NULL, exact), *sub;

	if (!u)
		return CLI_NOT_USER;
	while (u->prefix) {
		char *rest = args, *w;
		if (!*args)
			break;
		w = cli_next_word(&rest);
		sub = lookup(w, u->name, false);
		if (!sub) {
			/* not a subcommand: the words are the prefix's arguments */
			if (rest != args && w + strlen(w) < rest)
				w[strlen(w)] = ' ';
			break;
		}
		u = sub;
		args = rest;
	}
	if (!u->defined) {
		if (u->builtin)
			return CLI_NOT_USER; /* the built-in command takes it */
		cli_error(c, "\"%s\" must be followed by the name of a subcommand.", u->name);
		list_subs(u);
		return -1;
	}
	if (run_hook(c, u->name, false) < 0)
		return -1;
	if (call(c, u, args) < 0)
		return -1;
	return run_hook(c, u->name, true);
}

/* gdb's hooks: the user command "hook-NAME" runs before command NAME (its failure stops NAME),
 * "hookpost-NAME" after it; a hook does not run its own hooks again. For "pre sub" the hooks
 * are "pre hook-sub" and "pre hookpost-sub". */
static int run_hook(struct cli *c, const char *name, bool post)
{
	/* the commands whose hooks run now: a hook calling its own command does not rerun it */
	static const char *running[32];
	static int nrunning;
	const char *last = strrchr(name, ' ');
	char hook[300];
	struct ucmd *h;
	int r;

	if (!ucmds || nrunning == 32)
		return 0;
	for (int i = 0; i < nrunning; i++)
		if (!strcmp(running[i], name))
			return 0;
	snprintf(hook, sizeof(hook), "%.*s%s%s", last ? (int)(last + 1 - name) : 0, name,
		 post ? "hookpost-" : "hook-", last ? last + 1 : name);
	h = find(hook);
	if (!h || !h->defined)
		return 0;
	running[nrunning++] = name;
	r = call(c, h, "");
	nrunning--;
	return r;
}

int cli_define_hook(struct cli *c, const char *name, bool post)
{
	return run_hook(c, name, post);
}

/* A stop was shown: gdb runs the user's hook-stop. */
static void stop_hook(struct cli *c, const struct cdbg_event *ev)
{
	(void)ev;
	run_hook(c, "stop", false);
}

void cli_define_init(void)
{
	cli_observe(CLI_OBS_STOPPED, stop_hook);
}

/* gdb's list of a prefix command's subcommands. */
static void list_subs(const struct ucmd *p)
{
	size_t len = strlen(p->name);

	printf("List of %s subcommands:\n\n", p->name);
	for (const struct ucmd *u = ucmds; u; u = u->next) {
		const char *doc = u->doc ? u->doc : "User-defined.";
		if (strncmp(u->name, p->name, len) || u->name[len] != ' ' ||
		    strchr(u->name + len + 1, ' '))
			continue;
		printf("%s -- %.*s\n", u->name, (int)strcspn(doc, "\n"), doc);
	}
	printf("\nType \"help %s\" followed by %s subcommand name for full documentation.\n"
	       "Type \"apropos word\" to search for commands related to \"word\".\n"
	       "Type \"apropos -v word\" for full documentation of commands related to \"word\".\n"
	       "Command name abbreviations are allowed if unambiguous.\n",
	       p->name, p->name);
}

bool cli_define_help(const char *name)
{
	struct ucmd *u = find(name);

	if (!u)
		return false;
	if (!u->builtin || u->defined)
		printf("%s\n", u->doc ? u->doc : "User-defined.");
	if (u->prefix) {
		printf("\n");
		list_subs(u);
	}
	return true;
}

/* ---- show user ------------------------------------------------------------------------------ */

static void show_one(const struct ucmd *u)
{
	if (u->builtin && !u->defined)
		return;
	printf("User %scommand \"%s\":\n", u->prefix ? "prefix" : "", u->name);
	if (u->body.n) {
		cli_print_lines(u->body.v, u->body.n, 2);
		printf("\n");
	}
}

int cli_define_show_user(struct cli *c, char *args)
{
	size_t len;

	normalize_name(args);
	if (!*args) {
		for (const struct ucmd *u = ucmds; u; u = u->next)
			show_one(u);
		return 0;
	}
	if (!find(args)) {
		if (builtin(args))
			return cli_error(c, "Not a user command.");
		return cli_error(c, "Undefined command: \"%s\".  Try \"help\".", args);
	}
	len = strlen(args);
	for (const struct ucmd *u = ucmds; u; u = u->next)
		if (!strncmp(u->name, args, len) && (!u->name[len] || u->name[len] == ' '))
			show_one(u);
	return 0;
}

/* ---- if, while ------------------------------------------------------------------------------ */

static int control(struct cli *c, const char *word, char *args)
{
	struct cli_lines l = { NULL, 0, 0 };
	char *head;
	int r;

	if (!*args)
		return cli_error(c, "%s command requires an argument.", word);
	if (asprintf(&head, "%s %s", word, args) < 0)
		return cli_error(c, "out of memory");
	r = cli_lines_add(&l, head);
	free(head);
	int rb = cli_read_block(c, 1, true, &l);
	if (rb < 0 || r < 0 || cli_lines_add(&l, "end") < 0) {
		cli_lines_free(&l);
		return rb == -2 ? -1 :
				  cli_error(c, "cannot read the %s block: out of memory", word);
	}
	r = cli_run_lines(c, l.v, l.n, NULL, NULL, CLI_TOP_NONE);
	cli_lines_free(&l);
	return r == CLI_RUN_ERROR ? -1 : 0;
}

static int cmd_end(struct cli *c, char *args)
{
	(void)args;
	return cli_error(c, "This command cannot be used at the top level.");
}

static int cmd_if(struct cli *c, char *args)
{
	return control(c, "if", args);
}

static int cmd_while(struct cli *c, char *args)
{
	return control(c, "while", args);
}

const struct cli_cmd cli_cmds_define[] = {
	{ "define",
	  { NULL },
	  cmd_define,
	  0,
	  "Define a new command name.  Command name is argument.\n"
	  "Definition appears on following lines, one command per line.\n"
	  "End with a line of just \"end\".\n"
	  "Use the \"document\" command to give documentation for the new command.\n"
	  "Commands defined in this way may accept an unlimited number of arguments\n"
	  "accessed via $arg0 .. $argN.  $argc tells how many arguments have\n"
	  "been passed." },
	{ "define-prefix",
	  { NULL },
	  cmd_define_prefix,
	  0,
	  "Define or mark a command as a user-defined prefix command." },
	{ "document",
	  { NULL },
	  cmd_document,
	  0,
	  "Document a user-defined command.\n"
	  "Give command name as argument.  Give documentation on following lines.\n"
	  "End with a line of just \"end\"." },
	{ "end", { NULL }, cmd_end, 0, "End a block of commands (define, if, while, commands...)." },
	{ "if",
	  { NULL },
	  cmd_if,
	  0,
	  "Execute nested commands once IF the conditional expression is non zero.\n"
	  "The conditional expression must follow the word `if' and must in turn be\n"
	  "followed by a new line.  The nested commands must be entered one per line,\n"
	  "and should be terminated by the word 'else' or `end'.  If an else clause\n"
	  "is used, the same rules apply to its nested commands as to the first ones." },
	{ "while",
	  { NULL },
	  cmd_while,
	  0,
	  "Execute nested commands WHILE the conditional expression is non zero.\n"
	  "The conditional expression must follow the word `while' and must in turn be\n"
	  "followed by a new line.  The nested commands must be entered one per line,\n"
	  "and should be terminated by the word `end'." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
