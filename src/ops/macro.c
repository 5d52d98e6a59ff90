/*
 * macro.c - C preprocessor macros for the API: the program's (symbols/macros.c, in scope at
 * a pc or a file:line) with the user's (`macro define`) over them, expanded by
 * expr/macroexp.c, for `info macro`, `macro expand` and the expressions eval.c compiles.
 *
 * Owns: cdbg_macro_*, the user's macro table and the default scope (both process-wide, as in
 * gdb: one table whatever program is loaded), macro_expand_at (eval.c's hook). Must not: print.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "expr/macroexp.h"
#include "ops/macro.h"
#include "symbols/symbols.h"

static struct {
	struct mx_def *defs; /* oldest first */
	size_t n;
	char *def_file; /* cdbg_macro_set_default */
	int def_line;
} um;

static const struct mx_def *user_lookup(const char *name, size_t len)
{
	for (size_t i = um.n; i-- > 0;)
		if (strlen(um.defs[i].name) == len && !memcmp(um.defs[i].name, name, len))
			return &um.defs[i];
	return NULL;
}

struct lk {
	struct sym_mscope sc;
	bool have;
};

static const struct mx_def *both_lookup(void *arg, const char *name, size_t len)
{
	struct lk *l = arg;
	const struct mx_def *d = user_lookup(name, len);

	if (d || !l->have)
		return d;
	return sym_macro_lookup(&l->sc, name, len, NULL);
}

static bool scope_of(cdbg_proc *p, const struct cdbg_macro_where *w, struct sym_mscope *sc)
{
	if (!w)
		return false;
	if (w->use_pc)
		return sym_macro_scope_pc(p, w->pc, sc) == 0;
	return sym_macro_scope_file(p, w->file, w->line, sc) == 0;
}

/* The files of loc, into the caller's arrays (depth at most max). */
static int chain(const struct sym_mscope *sc, int node, const char **files, int *lines, int max)
{
	int n = 0, parent, at;

	while (node >= 0 && n < max) {
		files[n] = sym_macro_file(sc, node, &parent, &at);
		lines[n] = at; /* where files[n] is included in files[n + 1] */
		node = parent;
		n++;
	}
	return n;
}

#define MAX_DEPTH 64

struct info_ctx {
	struct sym_mscope *sc;
	cdbg_macro_fn fn;
	void *arg;
};

static int report(struct info_ctx *ic, const struct mx_def *d, const char *name,
		  struct sym_mloc loc)
{
	const char *files[MAX_DEPTH];
	int lines[MAX_DEPTH];
	struct cdbg_macro m = { .name = name,
				.argc = d ? d->argc : -1,
				.argv = d ? (const char *const *)d->argv : NULL,
				.body = d ? d->body : "",
				.line = loc.line,
				.files = files,
				.at_lines = lines };

	m.nfiles = chain(ic->sc, loc.node, files, lines, MAX_DEPTH);
	return ic->fn(ic->arg, &m);
}

static int on_def(void *arg, const struct mx_def *d, struct sym_mloc loc)
{
	return report(arg, d, d->name, loc);
}

int cdbg_macro_info(cdbg_proc *p, const struct cdbg_macro_where *w, enum cdbg_macro_query q,
		    const char *name, cdbg_macro_fn fn, void *arg)
{
	struct sym_mscope *sc = calloc(1, sizeof(*sc));
	struct info_ctx ic = { sc, fn, arg };
	struct sym_mloc loc;
	const struct mx_def *d;
	int r = 0;

	if (!sc)
		return cdbg__fail(p, -ENOMEM, "out of memory");
	if (!scope_of(p, w, sc)) {
		free(sc);
		return cdbg__fail(p, CDBG_ENOSYM,
				  "GDB has no preprocessor macro information for "
				  "that code.");
	}
	switch (q) {
	case CDBG_MACRO_LOOKUP:
		if (name && (d = sym_macro_lookup(sc, name, strlen(name), &loc))) {
			report(&ic, d, name, loc);
			r = 1;
		}
		break;
	case CDBG_MACRO_ALL_NAMED:
		r = name ? sym_macro_each(sc, name, on_def, &ic) : 0;
		break;
	case CDBG_MACRO_IN_SCOPE:
		r = sym_macro_each(sc, NULL, on_def, &ic);
		break;
	case CDBG_MACRO_SCOPE:
		report(&ic, NULL, "", (struct sym_mloc){ sc->node, sc->line });
		r = 1;
		break;
	}
	free(sc);
	cdbg__clear_error(p);
	return r;
}

int cdbg_macro_expand(cdbg_proc *p, const struct cdbg_macro_where *w, const char *text, char **out)
{
	struct lk *l = calloc(1, sizeof(*l));
	char err[256];
	int r;

	*out = NULL;
	if (!l)
		return cdbg__fail(p, -ENOMEM, "out of memory");
	l->have = scope_of(p, w, &l->sc);
	r = mx_expand(text ? text : "", both_lookup, l, out, err, sizeof(err));
	free(l);
	if (r < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	cdbg__clear_error(p);
	return 0;
}

int macro_expand_at(cdbg_proc *p, bool have_pc, uint64_t pc, const char *src, char **out, char *err,
		    size_t errlen)
{
	struct cdbg_macro_where w = { .use_pc = have_pc, .pc = pc };
	struct lk *l;
	int r = 0;

	*out = NULL;
	if (!have_pc) { /* gdb: the static block of the list's unit, at its entry */
		w.file = um.def_file;
		w.line = 0;
	}
	if (!um.n && !have_pc && !um.def_file)
		return 0;
	if (!(l = calloc(1, sizeof(*l))))
		return 0;
	l->have = scope_of(p, &w, &l->sc);
	if ((l->have || um.n) && mx_mentions_macro(src, both_lookup, l))
		r = mx_expand(src, both_lookup, l, out, err, errlen);
	free(l);
	return r;
}

int cdbg_macro_define(cdbg_proc *p, const char *text)
{
	struct mx_def d, *nd;
	char err[160];

	if (mx_def_parse(text ? text : "", &d, err, sizeof(err)) < 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "%s", err);
	for (size_t i = 0; i < um.n; i++) /* a new definition replaces the old */
		if (!strcmp(um.defs[i].name, d.name)) {
			mx_def_free(&um.defs[i]);
			memmove(&um.defs[i], &um.defs[i + 1], (um.n - i - 1) * sizeof(*um.defs));
			um.n--;
			break;
		}
	if (!(nd = realloc(um.defs, (um.n + 1) * sizeof(*nd)))) {
		mx_def_free(&d);
		return cdbg__fail(p, -ENOMEM, "out of memory");
	}
	um.defs = nd;
	um.defs[um.n++] = d;
	cdbg__clear_error(p);
	return 0;
}

int cdbg_macro_undef(cdbg_proc *p, const char *name)
{
	size_t len = name ? mx_ident_len(name) : 0;

	if (!len || name[len])
		return cdbg__fail(p, CDBG_EBADEXPR, "Invalid macro name.");
	for (size_t i = 0; i < um.n; i++)
		if (!strcmp(um.defs[i].name, name)) {
			mx_def_free(&um.defs[i]);
			memmove(&um.defs[i], &um.defs[i + 1], (um.n - i - 1) * sizeof(*um.defs));
			um.n--;
			break;
		}
	cdbg__clear_error(p);
	return 0;
}

int cdbg_macro_list(cdbg_proc *p, cdbg_macro_fn fn, void *arg)
{
	size_t i;

	(void)p;
	for (i = 0; i < um.n; i++) {
		struct cdbg_macro m = { .name = um.defs[i].name,
					.argc = um.defs[i].argc,
					.argv = (const char *const *)um.defs[i].argv,
					.body = um.defs[i].body,
					.line = -1 };
		if (fn(arg, &m))
			return (int)i + 1;
	}
	return (int)i;
}

void cdbg_macro_set_default(cdbg_proc *p, const char *file, int line)
{
	(void)p;
	free(um.def_file);
	um.def_file = file ? strdup(file) : NULL;
	um.def_line = line;
}
