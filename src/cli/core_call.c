/*
 * core_call.c - function calls in expressions (`call`, `print f(1)`): parse the call, turn
 * its arguments into values (string literals are copied into the program), call through
 * libcdbg and type the result as gdb would (a cast says the return type; without one, int).
 *
 * Owns: the syntax "[(TYPE)] NAME(ARG, ...)". Must not: run code in the program itself
 * (cdbg_call does); use a command group's files (scripts/check-cli-cycles).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The return types a cast may name. */
struct rtype {
	const char *name;
	unsigned size;
	bool is_signed, is_pointer, is_void, is_double;
};

static const struct rtype rtypes[] = {
	{ "void", 0, false, false, true, false },
	{ "int", 4, true, false, false, false },
	{ "unsigned int", 4, false, false, false, false },
	{ "unsigned", 4, false, false, false, false },
	{ "long", 8, true, false, false, false },
	{ "unsigned long", 8, false, false, false, false },
	{ "long long", 8, true, false, false, false },
	{ "size_t", 8, false, false, false, false },
	{ "char", 1, true, false, false, false },
	{ "short", 2, true, false, false, false },
	{ "double", 8, true, false, false, true },
	{ NULL, 0, false, false, false, false },
};

/* Parse "(TYPE)" at *s; TYPE may end with '*'. Returns the type or NULL (s unchanged). */
static const struct rtype *parse_cast(const char **s, struct rtype *ptr)
{
	const char *p = *s, *close;
	char name[64];
	size_t n;

	if (*p != '(' || !(close = strchr(p, ')')))
		return NULL;
	n = (size_t)(close - p - 1);
	if (n == 0 || n >= sizeof(name))
		return NULL;
	memcpy(name, p + 1, n);
	name[n] = '\0';
	while (n && name[n - 1] == ' ')
		name[--n] = '\0';
	if (n && name[n - 1] == '*') {
		*ptr = (struct rtype){ "pointer", 8, false, true, false, false };
		*s = cli_skip_ws((char *)close + 1);
		return ptr;
	}
	for (const struct rtype *t = rtypes; t->name; t++) {
		if (!strcmp(t->name, name)) {
			*s = cli_skip_ws((char *)close + 1);
			return t;
		}
	}
	return NULL;
}

/* Split "a, "x,y", (b, c), {d, e}" at top-level commas, in place. Returns the count. */
static int split_args(char *s, char **out, int max)
{
	int n = 0, depth = 0;
	char quote = 0, *start = s;

	if (!*cli_skip_ws(s))
		return 0;
	for (char *p = s;; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			else if (!*p)
				return -1;
			continue;
		}
		if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '(' || *p == '{' || *p == '[')
			depth++;
		else if (*p == ')' || *p == '}' || *p == ']')
			depth--;
		else if ((*p == ',' && depth == 0) || !*p) {
			if (n == max)
				return -1;
			bool end = !*p;
			*p = '\0';
			out[n++] = cli_skip_ws(start);
			start = p + 1;
			if (end)
				return n;
		}
	}
}

/* Fill argument i of call from text a: a string literal in call->data, else its value in
 * vals[i] (for cdbg_call_typed) and, for cdbg_call, in args or fargs. */
static int set_arg(struct cli *c, struct cdbg_call *call, int i, const char *a, char **owned,
		   struct cdbg_value *vals)
{
	size_t len = strlen(a);

	if (len >= 2 && a[0] == '"' && a[len - 1] == '"') {
		char *str = strndup(a + 1, len - 2);
		if (!str)
			return cli_error(c, "out of memory");
		size_t n = cli_unescape(str);
		*owned = str;
		call->data[i] = str;
		call->datalen[i] = n + 1;
		call->nargs++;
		return 0;
	}
	struct cdbg_value *v = &vals[i];
	if (cli_eval(c, a, v) < 0)
		return -1;
	call->nargs++;
	if (v->is_float && !v->is_aggregate && call->nfargs < 8) {
		union {
			uint64_t u;
			double d;
			float f;
		} u = { .u = v->bits };
		call->fargs[call->nfargs++] = v->size == 4 ? (double)u.f : u.d;
		return 0;
	}
	call->args[i] = v->bits;
	return 0;
}

/* The untyped call's arguments: the integer ones packed (doubles went to fargs). */
static void pack_untyped(struct cdbg_call *call, int n, const struct cdbg_value *vals)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (vals[i].is_float && !vals[i].is_aggregate && !call->data[i])
			continue;
		call->args[k] = call->args[i];
		call->data[k] = call->data[i];
		call->datalen[k] = call->datalen[i];
		k++;
	}
	for (int i = k; i < n; i++)
		call->data[i] = NULL;
	call->nargs = k;
}

/* The index of the ')' that closes the '(' at s[0] (strings and characters skipped), or -1. */
static size_t close_paren(const char *s)
{
	int depth = 0;
	char quote = 0;

	for (size_t i = 0; s[i]; i++) {
		if (quote) {
			if (s[i] == '\\' && s[i + 1])
				i++;
			else if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '(') {
			depth++;
		} else if (s[i] == ')' && --depth == 0) {
			return i;
		}
	}
	return (size_t)-1;
}

/* Say why a call failed. */
static void call_failed(struct cli *c, const struct cdbg_call *call, const char *fname)
{
	if (call->stayed && call->end == CDBG_CALL_SIGNAL && c->unwind_on_signal) {
		/* set unwindonsignal on: gdb shows the stop, then restores the thread */
		struct cdbg_call shown = *call;
		if (cdbg_call_unwind(c->p, c->cur_tid, 0) > 0)
			shown.stayed = 0;
		cli_report_call_stop(c, &shown, fname);
		return;
	}
	if (call->stayed) {
		cli_report_call_stop(c, call, fname);
		return;
	}
	if (call->end == CDBG_CALL_EXITED) {
		cli_report_call_exit(c, fname);
		return;
	}
	int num = call->end == CDBG_CALL_BREAKPOINT ? cli_bp_number(c, call->bp_id) : 0;

	if (num)
		cli_error(c,
			  "the called function reached breakpoint %d at %#llx; the call "
			  "was abandoned and thread %d restored",
			  num, (unsigned long long)call->fault_addr, (int)c->cur_tid);
	else
		cli_lib_error(c);
}

/* Is expr a call "[(TYPE)] NAME(ARGS)"? If so, make it and fill *out (out->size 0: void).
 * Returns 1 when it was a call (made, or failed with an error printed: then -1), 0 when
 * expr is not a call. */
static int try_call(struct cli *c, const char *expr, struct cdbg_value *out);

/* gdb's call through a cast of the function, "((TYPE (*) (PARAMS)) NAME) (ARGS)", as the
 * "(TYPE) NAME(ARGS)" it means (a malloc'd copy), or NULL when expr has another shape. */
static char *fnptr_call(const char *expr)
{
	const char *s = cli_skip_ws((char *)expr), *type, *star, *name, *end;
	char *out = NULL;
	size_t k;

	if (*s != '(')
		return NULL;
	s = cli_skip_ws((char *)s + 1);
	if (*s != '(')
		return NULL;
	type = s + 1;
	if (!(star = strstr(type, "(*")))
		return NULL;
	s = cli_skip_ws((char *)star + 2);
	if (*s != ')')
		return NULL;
	s = cli_skip_ws((char *)s + 1);
	if (*s != '(' || (k = close_paren(s)) == (size_t)-1)
		return NULL;
	s = cli_skip_ws((char *)s + k + 1);
	if (*s != ')')
		return NULL;
	name = cli_skip_ws((char *)s + 1);
	for (end = name; isalnum((unsigned char)*end) || *end == '_';)
		end++;
	s = cli_skip_ws((char *)end);
	if (end == name || *s != ')')
		return NULL;
	s = cli_skip_ws((char *)s + 1);
	if (*s != '(')
		return NULL;
	if (asprintf(&out, "(%.*s) %.*s%s", (int)(star - type), type, (int)(end - name), name, s) <
	    0)
		return NULL;
	return out;
}

int cli_try_call(struct cli *c, const char *expr, struct cdbg_value *out)
{
	char *as_cast = fnptr_call(expr);

	if (as_cast) {
		int r = cli_try_call(c, as_cast, out);
		free(as_cast);
		return r;
	}
	return try_call(c, expr, out);
}

static int try_call(struct cli *c, const char *expr, struct cdbg_value *out)
{
	struct rtype ptr;
	const char *s = cli_skip_ws((char *)expr), *name, *open;
	const struct rtype *rt = parse_cast(&s, &ptr);
	struct cdbg_call call = { 0 };
	struct cdbg_symbol sym;
	char fname[128], *args, *argv[CDBG_CALL_MAX_ARGS + 8], *owned[CDBG_CALL_MAX_ARGS] = { 0 };
	struct cdbg_value vals[CDBG_CALL_MAX_ARGS] = { 0 };
	int n, r = -1;

	name = s;
	while (isalnum((unsigned char)*s) || *s == '_' || *s == '.')
		s++;
	open = cli_skip_ws((char *)s);
	if (s == name || *open != '(' || s - name >= (long)sizeof(fname))
		return 0;
	size_t len = strlen(open);
	while (len && isspace((unsigned char)open[len - 1]))
		len--;
	if (open[len - 1] != ')' || close_paren(open) != len - 1)
		return 0; /* f(1) + g(2): the expression evaluator calls */
	memcpy(fname, name, (size_t)(s - name));
	fname[s - name] = '\0';
	if (!strcmp(fname, "sizeof") || !strcmp(fname, "alignof") || !strcmp(fname, "_Alignof"))
		return 0; /* an operator, not a function */
	if (cli_macro_defined(c, fname))
		return 0; /* a macro: the evaluator expands it */
	if (c->core || !c->live)
		return cli_error(c, "You can't do that without a process to debug."), -1;
	if (c->no_calls)
		return cli_error(c, "Cannot call functions in the program: may-call-functions is "
				    "off."),
		       -1;
	if (!cli_need_stopped(c))
		return -1;
	if (cdbg_sym_by_name(c->p, fname, &sym) < 0)
		return 0; /* no such function: the evaluator knows s.fptr(5) (a member it calls
			   * through), Go's len(x), cap(x) and conversions int64(x), or says so */
	if (!(args = strndup(open + 1, len - 2)))
		return -1;
	n = split_args(args, argv, CDBG_CALL_MAX_ARGS + 8);
	if (n < 0 || n > CDBG_CALL_MAX_ARGS) {
		cli_error(c, "cannot call %s: too many arguments or an unterminated string", fname);
		goto out;
	}
	call.func = sym.addr;
	cli_term_inferior(c); /* the called function has the terminal, as in gdb */
	if (sym.kind == CDBG_SYM_IFUNC) {
		/* A GNU indirect function: its resolver returns the implementation for this CPU.
		 * Its bound GOT slot first, else the resolver's answer (gdb's order). */
		struct cdbg_call res = { .func = sym.addr };
		struct cdbg_symbol target;
		if (cdbg_sym_ifunc_target(c->p, &sym, &call.func) < 0) {
			if (cdbg_call(c->p, c->cur_tid, &res) < 0) {
				cli_lib_error(c);
				goto out;
			}
			call.func = res.ret;
		}
		/* gdb names the implementation in what it says about the call */
		if (cdbg_sym_by_addr(c->p, call.func, &target) == 0 && target.addr == call.func)
			snprintf(fname, sizeof(fname), "%s", target.name);
	}
	for (int i = 0; i < n; i++)
		if (set_arg(c, &call, i, argv[i], &owned[i], vals) < 0)
			goto out;
	/* As gdb: a breakpoint or a signal in the function leaves the thread there. */
	call.stay = CDBG_CALL_STAY_BREAK | CDBG_CALL_STAY_SIGNAL;
	/* With debug information the function's own types say everything (gdb's way); a cast
	 * then only says whether the result is shown. */
	int typed = cdbg_call_typed(c->p, c->cur_tid, &call, vals, n, out);
	if (typed >= 0 && (!rt || rt->is_void || typed == 1)) {
		if (typed == 1 || (rt && rt->is_void))
			memset(out, 0, sizeof(*out));
		r = 1;
		goto out;
	}
	if (typed >= 0) {
		/* (TYPE) f(): the result converted to TYPE */
		struct cdbg_value like;
		cdbg_value_int(&like, 0, rt->is_double ? 8 : rt->size, rt->is_signed);
		if (rt->is_double) {
			like.is_float = 1;
			snprintf(like.type, sizeof(like.type), "double");
		}
		uint64_t bits = cdbg_value_convert(c->p, out, &like);
		memcpy(&call.fret, &bits, sizeof(bits));
		call.ret = bits;
	} else if (typed != CDBG_ENOSYM) {
		call_failed(c, &call, fname);
		goto out;
	}
	if (typed >= 0)
		goto result;
	pack_untyped(&call, n, vals);
	if (!rt) { /* gdb 13 refuses to guess what a function without debug info returns */
		cli_error(c,
			  "'%s' has unknown return type; cast the call to its declared return type",
			  fname);
		goto out;
	}
	if (cdbg_call(c->p, c->cur_tid, &call) < 0) {
		call_failed(c, &call, fname);
		goto out;
	}
result:
	memset(out, 0, sizeof(*out));
	if (rt->is_void) {
		r = 1;
	} else if (rt->is_double) {
		union {
			double d;
			uint64_t u;
		} u = { .d = call.fret };
		cdbg_value_int(out, u.u, 8, 1);
		out->is_float = 1;
		out->kind = CDBG_VAL_FLOAT;
		snprintf(out->type, sizeof(out->type), "double");
		r = 1;
	} else {
		cdbg_value_int(out, call.ret, rt->size, rt->is_signed);
		if (rt->is_pointer) {
			out->is_pointer = 1;
			out->ptr_depth = 1;
		}
		r = 1;
	}
out:
	for (int i = 0; i < CDBG_CALL_MAX_ARGS; i++)
		free(owned[i]);
	free(args);
	return r;
}
