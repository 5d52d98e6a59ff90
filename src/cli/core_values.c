/*
 * core_values.c - the values the CLI keeps and its expression environment: the value history
 * ($1, $, $$2), convenience variables ($foo, $_exitcode) and cli_eval, which evaluates in the
 * selected thread and frame with them and the program's symbols.
 *
 * Owns: the history and the variables. Must not: use a command group's files
 * (scripts/check-cli-cycles); evaluate anything itself (cdbg_eval_frame does).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_hist_push(struct cli *c, const struct cdbg_value *v)
{
	if (c->nhist == c->alloc_hist) {
		size_t n = c->alloc_hist ? c->alloc_hist * 2 : 32;
		struct cdbg_value *h = realloc(c->hist, n * sizeof(*h));
		if (!h)
			return 0;
		c->hist = h;
		c->alloc_hist = n;
	}
	c->hist[c->nhist] = *v;
	c->hist[c->nhist].reg[0] = '\0';
	return (int)++c->nhist;
}

void cli_var_set(struct cli *c, const char *name, const struct cdbg_value *v)
{
	struct cli_var *x;

	for (x = c->vars; x; x = x->next)
		if (!strcmp(x->name, name))
			break;
	if (!x) {
		x = calloc(1, sizeof(*x));
		if (!x || !(x->name = strdup(name))) {
			free(x);
			return;
		}
		x->next = c->vars;
		c->vars = x;
	}
	x->v = *v;
	x->v.reg[0] = '\0';
}

void cli_note_hit(struct cli *c, int bp_id)
{
	struct cdbg_value v;
	int id, loc = 1;

	if (cdbg_break_of_hit(c->p, bp_id, &id, &loc) < 0)
		return;
	cdbg_value_int(&v, (uint64_t)id, 4, 1);
	cli_var_set(c, "_hit_bpnum", &v);
	cdbg_value_int(&v, (uint64_t)loc, 4, 1);
	cli_var_set(c, "_hit_locno", &v);
}

/* $N, $, $$, $$N, $_exitcode, $_thread, $foo: what the library does not know itself. */
static int var_lookup(void *data, const char *name, struct cdbg_value *out)
{
	struct cli *c = data;
	char *end;

	if (!*name || name[0] == '$' || isdigit((unsigned char)name[0])) {
		long back = 0, idx;
		if (!*name)
			idx = (long)c->nhist;
		else if (name[0] == '$')
			back = name[1] ? strtol(name + 1, &end, 10) : 1,
			idx = (long)c->nhist - back;
		else
			idx = strtol(name, &end, 10);
		if (idx < 1 || idx > (long)c->nhist)
			return -1;
		*out = c->hist[idx - 1];
		return 0;
	}
	if (!strcmp(name, "_exitcode") && c->exitcode >= 0) {
		cdbg_value_int(out, (uint64_t)c->exitcode, 4, 1);
		return 0;
	}
	if (!strcmp(name, "_exitsignal") && c->exitsignal > 0) {
		cdbg_value_int(out, (uint64_t)c->exitsignal, 4, 1);
		return 0;
	}
	if (!strcmp(name, "_thread") || !strcmp(name, "_gthread")) {
		cdbg_value_int(out, c->live ? (uint64_t)cli_thread_num(c, c->cur_tid) : 0, 4, 1);
		return 0;
	}
	if (!strcmp(name, "_inferior")) {
		cdbg_value_int(out, 1, 4, 1);
		return 0;
	}
	for (struct cli_var *x = c->vars; x; x = x->next) {
		if (!strcmp(x->name, name)) {
			*out = x->v;
			return 0;
		}
	}
	return -1;
}

/* Is addr in executable memory (code rather than data)? The library asks the process's map, a
 * core's segments or the program's file. */
static bool is_code(struct cli *c, uint64_t addr)
{
	return cdbg_mem_is_code(c->p, addr) > 0;
}

/* A program symbol as a value: a function as its address ((void *) 0x... <func>), a variable
 * as an lvalue of its size. */
static int sym_lookup(void *data, const char *name, struct cdbg_value *out)
{
	struct cli *c = data;
	struct cdbg_symbol s;

	if (!cli_symbols(c) || cdbg_sym_by_name(c->p, name, &s) < 0 || s.kind == CDBG_SYM_TLS)
		return -1; /* (a thread-local one without debug info: its address is per thread) */
	if (s.kind == CDBG_SYM_FUNC || s.kind == CDBG_SYM_IFUNC ||
	    (s.kind == CDBG_SYM_OTHER && is_code(c, s.addr))) {
		cdbg_value_int(out, s.addr, 8, 0);
		out->is_pointer = 1; /* shown as (void *) 0x... <func> */
		out->ptr_depth = 1;
		out->pointee_size = 0;
		out->nodebug = 1; /* ptype: gdb's <text variable, no debug info> */
		return 0;
	}
	unsigned size = s.size == 1 || s.size == 2 || s.size == 4 ? (unsigned)s.size : 8;
	cdbg_value_int(out, 0, size, 1);
	out->lvalue = 1;
	out->addr = s.addr;
	out->nodebug = 1; /* no type: a cast says how to read it (gdb's rule) */
	return 0;
}

static int func_call(void *data, const char *name, const struct cdbg_value *args, int nargs,
		     struct cdbg_value *out, char *err, size_t errlen)
{
	return cli_func_call(data, name, args, nargs, out, err, errlen);
}

const struct cdbg_eval_env *cli_eval_env(struct cli *c)
{
	static struct cdbg_eval_env env; /* one CLI per process: it lives as long */

	env = (struct cdbg_eval_env){ var_lookup, sym_lookup, c, func_call };
	return &env;
}

/* The first identifier at or after expr[*from] that gdb's parser would look up as a symbol
 * (not a keyword, not a member after . or ->, not a $name) and that starts before expr[end]:
 * true with [*start, *from) its bytes. */
static bool next_name(const char *expr, size_t end, size_t *from, size_t *start)
{
	static const char *const kw[] = { "sizeof", "alignof",  "_Alignof", "unsigned", "signed",
					  "int",    "char",     "long",     "short",    "float",
					  "double", "void",     "struct",   "union",    "enum",
					  "const",  "volatile", "_Bool",    "true",     "false",
					  NULL };
	size_t i = *from;

	while (i < end && expr[i]) {
		unsigned char ch = (unsigned char)expr[i];
		if (ch == '"' || ch == '\'') { /* a literal: to its closing quote */
			for (i++; expr[i] && expr[i] != (char)ch; i++)
				if (expr[i] == '\\' && expr[i + 1])
					i++;
			i += expr[i] != '\0';
			continue;
		}
		if (!isalnum(ch) && ch != '_' && ch != '$') {
			i++;
			continue;
		}
		size_t s = i;
		while (expr[i] &&
		       (isalnum((unsigned char)expr[i]) || expr[i] == '_' || expr[i] == '$'))
			i++;
		if (isdigit(ch) || ch == '$')
			continue; /* a number, a $name */
		size_t b = s;
		while (b && isspace((unsigned char)expr[b - 1]))
			b--;
		if (b && (expr[b - 1] == '.' || (expr[b - 1] == '>' && b > 1 && expr[b - 2] == '-')))
			continue;
		bool is_kw = false;
		for (int k = 0; kw[k] && !is_kw; k++)
			is_kw = strlen(kw[k]) == i - s && !strncmp(kw[k], expr + s, i - s);
		if (!is_kw) {
			*start = s;
			*from = i;
			return true;
		}
	}
	return false;
}

/* gdb's parser reduces a name to a variable, looking it up, before it reads what follows:
 * when the parse of expr failed at expr[at], the first name before that which names nothing
 * is the error ("x y": No symbol "x"; with no symbols at all, "No symbol table is loaded").
 * Returns -1 with that error printed, 0 when no such name. */
static int unknown_before(struct cli *c, const char *expr, size_t at)
{
	size_t from = 0, start;
	struct cdbg_value v;
	char name[256];

	while (next_name(expr, at, &from, &start)) {
		if (!cli_symbols(c))
			return cli_need_symbols(c) ? 0 : -1;
		if (from - start >= sizeof(name))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(from - start), expr + start);
		struct cdbg_eval_env env = { var_lookup, sym_lookup, c, func_call };
		if (cdbg_eval_frame(c->p, c->live ? c->cur_tid : 0,
				    c->live ? cli_selected_frame(c) : 0, name, &env, &v) < 0 &&
		    cdbg_errcode(c->p) == CDBG_ENONAME)
			return cli_error(c, "No symbol \"%s\" in current context.", name);
	}
	return 0;
}

int cli_eval(struct cli *c, const char *expr, struct cdbg_value *out)
{
	struct cdbg_eval_env env = { var_lookup, sym_lookup, c, func_call };

	if (cdbg_eval_frame(c->p, c->live ? c->cur_tid : 0, c->live ? cli_selected_frame(c) : 0,
			    expr, &env, out) < 0) {
		/* Scripts grep gdb's words for these. */
		switch (cdbg_errcode(c->p)) {
		case CDBG_EDIVZERO:
			return cli_error(c, "Division by zero");
		case CDBG_ENOMEM:
			return cli_error(c, "Cannot access memory at address 0x%llx",
					 (unsigned long long)cdbg_erraddr(c->p));
		case CDBG_ENONAME:
			if (!cli_need_symbols(c)) /* gdb's words for any name, with no program */
				return -1;
			return cli_error(c, "No symbol \"%s\" in current context.",
					 cdbg_errsubject(c->p));
		}
		/* where the parse failed: gdb's lexer and parser look a name up before that */
		const char *msg = cdbg_errmsg(c->p), *near, *bad;
		size_t at = SIZE_MAX;
		if ((near = strstr(msg, "A syntax error in expression, near `")) &&
		    strlen(near + 36) >= 2 && strlen(near + 36) - 2 <= strlen(expr))
			at = strlen(expr) - (strlen(near + 36) - 2);
		else if (!strncmp(msg, "'++' and '--' are not supported", 31))
			at = strlen(expr); /* gdb would look every name up first */
		else if (!strncmp(msg, "Invalid character '", 19) && msg[19] && msg[20] == '\'' &&
			 (bad = strchr(expr, msg[19]))) {
			/* the lexer fails reading the token after a name: before it is reduced */
			at = (size_t)(bad - expr);
			while (at && isspace((unsigned char)expr[at - 1]))
				at--;
			while (at && (isalnum((unsigned char)expr[at - 1]) || expr[at - 1] == '_'))
				at--;
		}
		if (at != SIZE_MAX) {
			char *msg_copy = strdup(msg); /* the lookups below replace it */
			int r = unknown_before(c, expr, at);
			if (r < 0 || !msg_copy) {
				free(msg_copy);
				return -1;
			}
			r = cli_error(c, "%s", msg_copy);
			free(msg_copy);
			return r;
		}
		return cli_lib_error(c);
	}
	return 0;
}

int cli_eval_u64(struct cli *c, const char *expr, uint64_t *out)
{
	struct cdbg_value v;

	if (cli_eval(c, expr, &v) < 0)
		return -1;
	*out = v.bits;
	return 0;
}

int cli_parse_count(struct cli *c, const char *arg, long *n)
{
	struct cdbg_value v;

	if (!*arg) {
		*n = 1;
		return 0;
	}
	if (cli_eval(c, arg, &v) < 0)
		return -1;
	*n = (long)v.bits;
	return 0;
}
