/*
 * core_values.c - the values the CLI keeps and its expression environment: the value history
 * ($1, $, $$2), convenience variables ($foo, $_exitcode) and cli_eval, which evaluates in the
 * selected thread and frame with them and the program's symbols.
 *
 * Owns: the history and the variables. Must not: use a command group's files
 * (scripts/check-cli-cycles); evaluate anything itself (cdbg_eval_frame does).
 */
#include <ctype.h>
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

	if (!cli_symbols(c) || cdbg_sym_by_name(c->p, name, &s) < 0)
		return -1;
	if (s.kind == CDBG_SYM_FUNC || s.kind == CDBG_SYM_IFUNC ||
	    (s.kind == CDBG_SYM_OTHER && is_code(c, s.addr))) {
		cdbg_value_int(out, s.addr, 8, 0);
		out->is_pointer = 1; /* shown as (void *) 0x... <func> */
		out->ptr_depth = 1;
		out->pointee_size = 0;
		return 0;
	}
	unsigned size = s.size == 1 || s.size == 2 || s.size == 4 ? (unsigned)s.size : 8;
	cdbg_value_int(out, 0, size, 1);
	out->lvalue = 1;
	out->addr = s.addr;
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
			return cli_error(c, "No symbol \"%s\" in current context.",
					 cdbg_errsubject(c->p));
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
