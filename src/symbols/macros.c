/*
 * macros.c - the C preprocessor macros of a compilation unit built with -g3, read from
 * .debug_macro (DWARF 5 and GNU, imports followed) or .debug_macinfo through libdw's
 * dwarf_getmacros, and which of them are in scope at a source position, as gdb's macrotab.c
 * decides it: a definition is seen from its line on (a position inside a file #included at
 * line L comes after L's own text), until an #undef of it; #include nesting is kept so each
 * definition can say where it is and through which inclusions.
 *
 * Owns: struct sym_mtab (one unit's table, cached per module, freed with it) and the scope
 * queries (sym_macro_*). Must not: expand macros (expr/macroexp.c) or print.
 */
#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "expr/macroexp.h"
#include "symbols/symbols.h"

enum { MEV_DEF = 1, MEV_UNDEF, MEV_START, MEV_END };

struct sym_mev {
	int kind;
	int node; /* the file (inclusion) it is in; for MEV_START the file it opens */
	int line;
	int def; /* MEV_DEF: index in defs; MEV_UNDEF: index in unames */
};

struct sym_mtab {
	Dwarf_Off cu;
	struct sym_mnode *nodes;
	int nnodes;
	struct sym_mev *ev;
	size_t nev;
	struct mx_def *defs;
	size_t ndefs;
	char **unames; /* the names #undef'd */
	size_t nunames;
	uint32_t *byname; /* the MEV_DEF and MEV_UNDEF events by (name, position) */
	size_t nbyname;
	char *comp_dir;
};

struct mread {
	struct sym_mtab *t;
	Dwarf *dbg;
	int cur; /* the file being read, -1 before the first start_file */
	int depth;
	bool failed;
};

static bool grow(void **p, size_t n, size_t size)
{
	void *np;

	if (n & (n - 1) && n > 16)
		return true; /* capacity doubles: only at powers of two */
	if (!(np = realloc(*p, (n < 16 ? 16 : n * 2) * size)))
		return false;
	*p = np;
	return true;
}

static int add_ev(struct mread *r, int kind, int node, int line, int def)
{
	struct sym_mtab *t = r->t;

	if (!grow((void **)&t->ev, t->nev, sizeof(*t->ev))) {
		r->failed = true;
		return -1;
	}
	t->ev[t->nev++] = (struct sym_mev){ kind, node, line, def };
	return 0;
}

static char *full_name(const struct sym_mtab *t, const char *name)
{
	char *s;

	if (name[0] == '/' || !t->comp_dir || !t->comp_dir[0])
		return strdup(name);
	if (asprintf(&s, "%s/%s", t->comp_dir, name) < 0)
		return NULL;
	return s;
}

static int on_macro(Dwarf_Macro *m, void *arg);

static void read_import(struct mread *r, Dwarf_Word off)
{
	ptrdiff_t tok = DWARF_GETMACROS_START;

	if (++r->depth > 32) { /* an import cycle */
		r->depth--;
		return;
	}
	while ((tok = dwarf_getmacros_off(r->dbg, off, on_macro, r, tok)) > 0)
		;
	r->depth--;
}

static int on_macro(Dwarf_Macro *m, void *arg)
{
	struct mread *r = arg;
	struct sym_mtab *t = r->t;
	unsigned op = 0;
	Dwarf_Word line = 0, idx = 0;
	const char *str = NULL;
	Dwarf_Files *files;
	size_t nfiles;

	if (dwarf_macro_opcode(m, &op) != 0)
		return DWARF_CB_OK;
	switch (op) {
	case DW_MACRO_define:
	case DW_MACRO_define_strp:
	case DW_MACRO_define_strx:
	case DW_MACRO_define_sup: {
		struct mx_def d;
		if (dwarf_macro_param1(m, &line) != 0 || dwarf_macro_param2(m, NULL, &str) != 0 ||
		    !str || mx_def_parse(str, &d, NULL, 0) < 0)
			return DWARF_CB_OK;
		if (!grow((void **)&t->defs, t->ndefs, sizeof(*t->defs))) {
			mx_def_free(&d);
			r->failed = true;
			return DWARF_CB_ABORT;
		}
		t->defs[t->ndefs++] = d;
		add_ev(r, MEV_DEF, r->cur < 0 ? 0 : r->cur, (int)line, (int)t->ndefs - 1);
		break;
	}
	case DW_MACRO_undef:
	case DW_MACRO_undef_strp:
	case DW_MACRO_undef_strx:
	case DW_MACRO_undef_sup: {
		size_t n;
		if (dwarf_macro_param1(m, &line) != 0 || dwarf_macro_param2(m, NULL, &str) != 0 ||
		    !str || !(n = mx_ident_len(str)))
			return DWARF_CB_OK;
		if (!grow((void **)&t->unames, t->nunames, sizeof(char *)) ||
		    !(t->unames[t->nunames] = strndup(str, n))) {
			r->failed = true;
			return DWARF_CB_ABORT;
		}
		t->nunames++;
		add_ev(r, MEV_UNDEF, r->cur < 0 ? 0 : r->cur, (int)line, (int)t->nunames - 1);
		break;
	}
	case DW_MACRO_start_file: {
		const char *name = NULL;
		if (dwarf_macro_param1(m, &line) != 0 || dwarf_macro_param2(m, &idx, NULL) != 0)
			return DWARF_CB_OK;
		if (dwarf_macro_getsrcfiles(r->dbg, m, &files, &nfiles) == 0 && idx < nfiles)
			name = dwarf_filesrc(files, idx, NULL, NULL);
		char *full = full_name(t, name ? name : "");
		if (!full) {
			r->failed = true;
			return DWARF_CB_ABORT;
		}
		if (r->cur < 0) { /* the unit's main file */
			free(t->nodes[0].file);
			t->nodes[0].file = full;
			r->cur = 0;
			break;
		}
		if (!grow((void **)&t->nodes, (size_t)t->nnodes, sizeof(*t->nodes))) {
			free(full);
			r->failed = true;
			return DWARF_CB_ABORT;
		}
		t->nodes[t->nnodes] = (struct sym_mnode){ .file = full,
							  .parent = r->cur,
							  .at_line = (int)line,
							  .first = t->nev,
							  .end = (size_t)-1 };
		r->cur = t->nnodes++;
		add_ev(r, MEV_START, r->cur, (int)line, 0);
		break;
	}
	case DW_MACRO_end_file:
		if (r->cur > 0) {
			t->nodes[r->cur].end = t->nev;
			add_ev(r, MEV_END, r->cur, 0, 0);
			r->cur = t->nodes[r->cur].parent;
		}
		break;
	case DW_MACRO_import:
		if (dwarf_macro_param1(m, &idx) == 0)
			read_import(r, idx);
		break;
	default:
		break;
	}
	return r->failed ? DWARF_CB_ABORT : DWARF_CB_OK;
}

static const char *ev_name(const struct sym_mtab *t, uint32_t i)
{
	const struct sym_mev *e = &t->ev[i];

	return e->kind == MEV_DEF ? t->defs[e->def].name : t->unames[e->def];
}

static int by_name(const void *a, const void *b, void *tab)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(ev_name(tab, x), ev_name(tab, y));

	return c ? c : (x > y) - (x < y);
}

void sym_mtab_free(struct sym_mtab *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nnodes; i++)
		free(t->nodes[i].file);
	for (size_t i = 0; i < t->ndefs; i++)
		mx_def_free(&t->defs[i]);
	for (size_t i = 0; i < t->nunames; i++)
		free(t->unames[i]);
	free(t->nodes);
	free(t->ev);
	free(t->defs);
	free(t->unames);
	free(t->byname);
	free(t->comp_dir);
	free(t);
}

static struct sym_mtab *mtab_read(Dwarf_Die *cu)
{
	struct sym_mtab *t = calloc(1, sizeof(*t));
	Dwarf_Attribute a;
	const char *s;
	struct mread r = { .t = t, .dbg = dwarf_cu_getdwarf(cu->cu), .cur = -1 };
	ptrdiff_t tok = DWARF_GETMACROS_START;

	if (!t)
		return NULL;
	t->cu = dwarf_dieoffset(cu);
	if ((s = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a))))
		t->comp_dir = strdup(s);
	s = dwarf_formstring(dwarf_attr(cu, DW_AT_name, &a));
	if (!(t->nodes = calloc(16, sizeof(*t->nodes))) ||
	    !(t->nodes[0].file = full_name(t, s ? s : ""))) {
		sym_mtab_free(t);
		return NULL;
	}
	t->nodes[0].parent = -1;
	t->nnodes = 1;
	while ((tok = dwarf_getmacros(cu, on_macro, &r, tok)) > 0)
		;
	t->nodes[0].end = t->nev;
	for (int i = 1; i < t->nnodes; i++)
		if (t->nodes[i].end == (size_t)-1)
			t->nodes[i].end = t->nev;
	if (!(t->byname = malloc((t->nev + 1) * sizeof(*t->byname)))) {
		sym_mtab_free(t);
		return NULL;
	}
	for (size_t i = 0; i < t->nev; i++)
		if (t->ev[i].kind == MEV_DEF || t->ev[i].kind == MEV_UNDEF)
			t->byname[t->nbyname++] = (uint32_t)i;
	qsort_r(t->byname, t->nbyname, sizeof(*t->byname), by_name, t);
	return t;
}

/* The table of the unit cu of mod (cached), or NULL when it has no macro information. */
static const struct sym_mtab *mtab_of(Dwfl_Module *mod, Dwarf_Die *cu)
{
	struct sym_mod *m = sym_mod_of(mod);
	Dwarf_Off off = dwarf_dieoffset(cu);
	struct sym_mtab *t;

	if (!dwarf_hasattr(cu, DW_AT_macros) && !dwarf_hasattr(cu, DW_AT_macro_info) &&
	    !dwarf_hasattr(cu, DW_AT_GNU_macros))
		return NULL;
	if (!m)
		return NULL;
	for (size_t i = 0; i < m->nmtabs; i++)
		if (m->mtabs[i]->cu == off)
			return m->mtabs[i];
	if (!grow((void **)&m->mtabs, m->nmtabs, sizeof(*m->mtabs)) || !(t = mtab_read(cu)))
		return NULL;
	m->mtabs[m->nmtabs++] = t;
	return t;
}

void sym_mtabs_free(struct sym_mod *m)
{
	for (size_t i = 0; i < m->nmtabs; i++)
		sym_mtab_free(m->mtabs[i]);
	free(m->mtabs);
	m->mtabs = NULL;
	m->nmtabs = 0;
}

static bool name_is(const char *path, const char *spec)
{
	size_t pl = strlen(path), sl = strlen(spec);

	if (!sl || pl < sl || strcmp(path + pl - sl, spec) != 0)
		return false;
	return pl == sl || path[pl - sl - 1] == '/' || spec[0] == '/';
}

static int depth_of(const struct sym_mtab *t, int n)
{
	int d = 0;

	for (; n > 0; n = t->nodes[n].parent)
		d++;
	return d;
}

/* gdb's macro_lookup_inclusion: the shallowest inclusion of file, or -1. */
static int node_of(const struct sym_mtab *t, const char *file)
{
	int best = -1, bd = 0;

	for (int i = 0; i < t->nnodes; i++) {
		if (!name_is(t->nodes[i].file, file) && !name_is(file, t->nodes[i].file))
			continue;
		int d = depth_of(t, i);
		if (best < 0 || d < bd) {
			best = i;
			bd = d;
		}
	}
	return best;
}

/* The events before line of node n are in scope: how many. */
static size_t scope_pos(const struct sym_mtab *t, int n, int line)
{
	size_t i = n ? t->nodes[n].first + 1 : 0, end = t->nodes[n].end;

	while (i < end) {
		const struct sym_mev *e = &t->ev[i];
		if (e->kind == MEV_START) {
			if (e->line >= line)
				return i;
			i = t->nodes[e->node].end + 1;
			continue;
		}
		if (e->line > line)
			return i;
		i++;
	}
	return end;
}

static void scope_set(struct sym_mscope *sc, const struct sym_mtab *t, const char *file, int line)
{
	memset(sc, 0, sizeof(*sc));
	sc->t = t;
	sc->node = file ? node_of(t, file) : -1;
	sc->line = line;
	if (sc->node < 0) { /* a file the table does not know: gdb's main file, line -1 */
		sc->node = 0;
		sc->line = -1;
	}
	sc->pos = scope_pos(t, sc->node, sc->line);
}

int sym_macro_scope_pc(cdbg_proc *p, uint64_t pc, struct sym_mscope *sc)
{
	struct sym_state *s = sym_session(p, "read macros");
	Dwfl_Module *mod;
	Dwarf_Die *cu, buf;
	Dwarf_Addr bias;
	const struct sym_mtab *t;
	struct cdbg_line ln;

	if (!s || !(mod = sym_addr_module(p, s, pc)) || !(cu = sym_addr_cu(mod, pc, &bias, &buf)) ||
	    !(t = mtab_of(mod, cu)))
		return -1;
	if (cdbg_line_by_addr(p, pc, &ln) < 0)
		scope_set(sc, t, NULL, -1);
	else
		scope_set(sc, t, ln.file, ln.line);
	return 0;
}

struct file_find {
	const char *file;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	const struct sym_mtab *t;
	uint64_t low; /* the unit's lowest address (process's), 0 if none */
};

static bool cu_has_file(Dwarf_Die *cu, void *arg)
{
	struct file_find *f = arg;
	const struct sym_mtab *t = mtab_of(f->mod, cu);

	if (t && node_of(t, f->file) >= 0) {
		Dwarf_Addr base, lo, hi, low = (Dwarf_Addr)-1;
		ptrdiff_t off = 0;
		while ((off = dwarf_ranges(cu, off, &base, &lo, &hi)) > 0)
			if (lo < low && hi > lo)
				low = lo;
		f->t = t;
		f->low = low != (Dwarf_Addr)-1 ? low + f->bias : 0;
		return false;
	}
	return true;
}

static int mod_has_file(Dwfl_Module *mod, void **ud, const char *name, Dwarf_Addr start, void *arg)
{
	struct file_find *f = arg;
	Dwarf_Addr bias;
	Dwarf *dw = dwfl_module_getdwarf(mod, &bias);

	(void)ud, (void)name, (void)start;
	if (!dw)
		return DWARF_CB_OK;
	f->mod = mod;
	f->bias = bias;
	sym_each_cu(dw, cu_has_file, f);
	return f->t ? DWARF_CB_ABORT : DWARF_CB_OK;
}

int sym_macro_scope_file(cdbg_proc *p, const char *file, int line, struct sym_mscope *sc)
{
	struct sym_state *s = sym_session(p, "read macros");
	struct file_find f = { .file = file };

	if (!s || !s->dwfl || !file || !*file)
		return -1;
	dwfl_getmodules(s->dwfl, mod_has_file, &f, 0);
	if (!f.t)
		return -1;
	if (line == 0) /* gdb's expression scope: the unit's static block, at its entry */
		return f.low && sym_macro_scope_pc(p, f.low, sc) == 0 ? 0 : -1;
	scope_set(sc, f.t, file, line);
	return 0;
}

/* The first entry of byname for name (or where it would be). */
static size_t first_named(const struct sym_mtab *t, const char *name, size_t len)
{
	size_t lo = 0, hi = t->nbyname;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *s = ev_name(t, t->byname[mid]);
		int c = strncmp(s, name, len);
		if (c == 0 && s[len] != '\0')
			c = 1; /* s is longer: after name */
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool named(const struct sym_mtab *t, size_t k, const char *name, size_t len)
{
	const char *s;

	if (k >= t->nbyname)
		return false;
	s = ev_name(t, t->byname[k]);
	return !strncmp(s, name, len) && s[len] == '\0';
}

/* The special __FILE__ and __LINE__ of the scope. */
static const struct mx_def *special(struct sym_mscope *sc, const char *name, size_t len)
{
	bool file = len == 8 && !memcmp(name, "__FILE__", 8);

	if (!file && !(len == 8 && !memcmp(name, "__LINE__", 8)))
		return NULL;
	if (file)
		snprintf(sc->spec_body, sizeof(sc->spec_body), "\"%s\"",
			 sc->t->nodes[sc->node].file);
	else
		snprintf(sc->spec_body, sizeof(sc->spec_body), "%d", sc->line);
	snprintf(sc->spec_name, sizeof(sc->spec_name), "%s", file ? "__FILE__" : "__LINE__");
	sc->spec = (struct mx_def){ .name = sc->spec_name, .argc = -1, .body = sc->spec_body };
	return &sc->spec;
}

const struct mx_def *sym_macro_lookup(struct sym_mscope *sc, const char *name, size_t len,
				      struct sym_mloc *loc)
{
	const struct sym_mtab *t = sc->t;
	size_t k = first_named(t, name, len);
	const struct sym_mev *last = NULL;

	for (; named(t, k, name, len) && t->byname[k] < sc->pos; k++)
		last = &t->ev[t->byname[k]];
	if (!last || last->kind != MEV_DEF) {
		const struct mx_def *d = last ? NULL : special(sc, name, len);
		if (d && loc)
			*loc = (struct sym_mloc){ 0, -1 };
		return d;
	}
	if (loc)
		*loc = (struct sym_mloc){ last->node, last->line };
	return &t->defs[last->def];
}

int sym_macro_each(struct sym_mscope *sc, const char *name, sym_macro_fn fn, void *arg)
{
	const struct sym_mtab *t = sc->t;
	int n = 0;

	if (name) { /* every definition of name in the unit */
		size_t len = strlen(name);
		for (size_t k = first_named(t, name, len); named(t, k, name, len); k++) {
			const struct sym_mev *e = &t->ev[t->byname[k]];
			if (e->kind == MEV_DEF) {
				n++;
				if (fn(arg, &t->defs[e->def], (struct sym_mloc){ e->node, e->line }))
					break;
			}
		}
		return n;
	}
	/* gdb's macro_for_each_in_scope: every definition whose range holds the position. A
	 * redefinition leaves the one before it in the table, and an #undef ends only the latest
	 * definition; gdb's __FILE__ and __LINE__ take their places by name. */
	static const char *const specials[] = { "__FILE__", "__LINE__" };
	size_t sp = 0;
	int *live = NULL;
	size_t nlive = 0, cap = 0;
	for (size_t k = 0; k <= t->nbyname;) {
		const char *nm = k < t->nbyname ? ev_name(t, t->byname[k]) : NULL;
		while (sp < 2 && (!nm || strcmp(specials[sp], nm) < 0)) {
			const struct mx_def *d = special(sc, specials[sp], 8);
			sp++;
			n++;
			if (fn(arg, d, (struct sym_mloc){ 0, -1 }))
				goto out;
		}
		if (!nm)
			break;
		nlive = 0;
		bool ended_last = false;
		for (; k < t->nbyname && !strcmp(ev_name(t, t->byname[k]), nm); k++) {
			const struct sym_mev *e = &t->ev[t->byname[k]];
			if (t->byname[k] >= sc->pos)
				continue;
			if (e->kind == MEV_UNDEF) {
				if (nlive && !ended_last)
					nlive--; /* the latest definition ends here */
				ended_last = true;
				continue;
			}
			if (nlive == cap) {
				int *nl = realloc(live, (cap = cap ? cap * 2 : 8) * sizeof(*nl));
				if (!nl)
					goto out;
				live = nl;
			}
			live[nlive++] = (int)t->byname[k];
			ended_last = false;
		}
		for (size_t i = 0; i < nlive; i++) {
			const struct sym_mev *e = &t->ev[live[i]];
			n++;
			if (fn(arg, &t->defs[e->def], (struct sym_mloc){ e->node, e->line }))
				goto out;
		}
	}
out:
	free(live);
	return n;
}

const char *sym_macro_file(const struct sym_mscope *sc, int node, int *parent, int *at_line)
{
	const struct sym_mnode *nd = &sc->t->nodes[node];

	*parent = nd->parent;
	*at_line = nd->at_line;
	return nd->file;
}
