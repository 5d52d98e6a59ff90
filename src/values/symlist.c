/*
 * values/symlist.c - gdb's `info functions|variables|types [REGEX]` as a library call
 * (cdbg_symbols_each): the DWARF declarations of every unit of every module, printed with
 * types.c's names, sorted as gdb sorts its symbol search results; then the ELF symbols DWARF
 * does not describe (symlist_elf.c), as gdb's "Non-debugging symbols".
 *
 * Owns: the listing's entries while a call runs. Must not: read tracee memory, print, or
 * keep anything across calls.
 */
#include <dwarf.h>
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "values/symlist.h"

/* ---- entries */

int sl_add(struct sl_list *l, const struct sl_ent *e)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct sl_ent *ne = realloc(l->e, cap * sizeof(*ne));
		if (!ne)
			return -ENOMEM;
		l->e = ne;
		l->cap = cap;
	}
	l->e[l->n++] = *e;
	return 0;
}

/* Text kept for the call: one allocation per string, freed with the list. */
char *sl_strdup(struct sl_list *l, const char *s)
{
	char *d = strdup(s);

	if (!d)
		return NULL;
	if (l->nstr == l->capstr) {
		size_t cap = l->capstr ? l->capstr * 2 : 256;
		char **ns = realloc(l->str, cap * sizeof(*ns));
		if (!ns) {
			free(d);
			return NULL;
		}
		l->str = ns;
		l->capstr = cap;
	}
	l->str[l->nstr++] = d;
	return d;
}

void sl_free(struct sl_list *l)
{
	for (size_t i = 0; i < l->nstr; i++)
		free(l->str[i]);
	free(l->str);
	free(l->e);
	memset(l, 0, sizeof(*l));
}

bool sl_match(const struct sl_walk *w, const char *name)
{
	return !w->re || regexec(w->re, name, 0, NULL, 0) == 0;
}

/* ---- DWARF declarations */

static bool has_code(Dwarf_Die *d)
{
	return dwarf_hasattr(d, DW_AT_low_pc) || dwarf_hasattr(d, DW_AT_ranges) ||
	       dwarf_hasattr(d, DW_AT_entry_pc);
}

static bool flag(Dwarf_Die *d, int at)
{
	Dwarf_Attribute a;
	bool v = false;

	return dwarf_attr_integrate(d, at, &a) && dwarf_formflag(&a, &v) == 0 && v;
}

/* gdb's name of d's declaring file (the line table's); the unit's for what has none. */
static const char *file_of(struct sl_walk *w, Dwarf_Die *d)
{
	const char *f = dwarf_decl_file(d);

	return f ? f : w->cu_name;
}

/* Has the partial unit at off (of dw) been walked already? Marks it. */
static int seen_unit(struct sl_walk *w, uintptr_t key)
{
	if (w->nseen * 2 >= w->capseen) {
		size_t cap = w->capseen ? w->capseen * 2 : 256;
		uintptr_t *ns = calloc(cap, sizeof(*ns));
		if (!ns)
			return -ENOMEM;
		for (size_t i = 0; i < w->capseen; i++) {
			if (!w->seen[i])
				continue;
			size_t h = (w->seen[i] * 0x9e3779b97f4a7c15ull) & (cap - 1);
			while (ns[h])
				h = (h + 1) & (cap - 1);
			ns[h] = w->seen[i];
		}
		free(w->seen);
		w->seen = ns;
		w->capseen = cap;
	}
	size_t h = (key * 0x9e3779b97f4a7c15ull) & (w->capseen - 1);
	while (w->seen[h]) {
		if (w->seen[h] == key)
			return 1;
		h = (h + 1) & (w->capseen - 1);
	}
	w->seen[h] = key;
	w->nseen++;
	return 0;
}

/* C++: the demangled linkage name, or the name qualified by the enclosing namespaces. */
static void cxx_name(struct sl_walk *w, Dwarf_Die *d, const char *plain, char *buf, size_t len)
{
	Dwarf_Attribute a;
	const char *ln = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_linkage_name, &a));

	if (!ln)
		ln = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_MIPS_linkage_name, &a));
	if (ln && !strncmp(ln, "_Z", 2) && sym_demangle(ln, buf, len) > 0 && strcmp(buf, ln))
		return;
	snprintf(buf, len, "%s%s", w->ns, plain);
}

static int add_decl(struct sl_walk *w, Dwarf_Die *d, const char *name, const char *decl,
		    bool is_static, uint64_t addr)
{
	struct sl_ent e = { .has_debug = true, .is_static = is_static, .addr = addr };
	int line = 0;

	if (!sl_match(w, name))
		return 0;
	dwarf_decl_line(d, &line);
	e.line = line;
	e.file = file_of(w, d);
	e.module = w->module;
	if (!(e.name = sl_strdup(w->l, name)) || !(e.decl = sl_strdup(w->l, decl)))
		return -ENOMEM;
	return sl_add(w->l, &e);
}

static uint64_t low_pc(struct sl_walk *w, Dwarf_Die *d)
{
	Dwarf_Addr a;

	if (dwarf_entrypc(d, &a) == 0 || dwarf_lowpc(d, &a) == 0)
		return a + w->bias;
	return 0;
}

static int one_function(struct sl_walk *w, Dwarf_Die *d)
{
	char name[1024], decl[2048];
	const char *plain = vt_die_name(d);
	struct vt_entry e = { .ptrs = 0 };
	Dwarf_Die t;
	bool st;

	if (!plain || !has_code(d) || dwarf_hasattr(d, DW_AT_declaration))
		return 0;
	st = !flag(d, DW_AT_external);
	if (w->cxx) {
		cxx_name(w, d, plain, name, sizeof(name));
		if (strchr(name, '(')) {
			/* gdb prints the demangled parameters, not the DWARF ones */
			if (vt_type_of(d, &t))
				e.die = t;
			vt_name(&e, name, decl, sizeof(decl) - 16);
		} else {
			e.die = *d;
			vt_name(&e, name, decl, sizeof(decl) - 16);
		}
	} else {
		snprintf(name, sizeof(name), "%s", plain);
		e.die = *d;
		vt_name(&e, name, decl, sizeof(decl) - 16);
	}
	if (st) {
		memmove(decl + 7, decl, strlen(decl) + 1);
		memcpy(decl, "static ", 7);
	}
	strcat(decl, ";");
	return add_decl(w, d, name, decl, st, low_pc(w, d));
}

static uint64_t var_addr(struct sl_walk *w, Dwarf_Die *d)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	size_t n;

	if (dwarf_attr(d, DW_AT_location, &a) && dwarf_getlocation(&a, &ops, &n) == 0 && n == 1 &&
	    ops[0].atom == DW_OP_addr)
		return ops[0].number + w->bias;
	return 0;
}

static int one_variable(struct sl_walk *w, Dwarf_Die *d)
{
	char name[1024], decl[2048];
	const char *plain = vt_die_name(d);
	struct vt_entry e = { .ptrs = 0 };
	Dwarf_Die t;
	bool st;

	if (!plain || dwarf_hasattr(d, DW_AT_declaration))
		return 0;
	if (w->varnames && sl_names_add(w->varnames, plain) < 0)
		return -ENOMEM;
	st = !flag(d, DW_AT_external);
	if (w->cxx)
		cxx_name(w, d, plain, name, sizeof(name));
	else
		snprintf(name, sizeof(name), "%s", plain);
	if (vt_type_of(d, &t))
		e.die = t;
	vt_name(&e, name, decl, sizeof(decl) - 16);
	if (st) {
		memmove(decl + 7, decl, strlen(decl) + 1);
		memcpy(decl, "static ", 7);
	}
	strcat(decl, ";");
	return add_decl(w, d, name, decl, st, var_addr(w, d));
}

/* C++ prints class, struct, union and enum names without their keyword. */
static void drop_keyword(char *s)
{
	static const char *const kw[] = { "struct ", "union ", "enum ", "class " };

	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		size_t n = strlen(kw[i]);
		if (!strncmp(s, kw[i], n) && strncmp(s + n, "{...}", 5)) {
			memmove(s, s + n, strlen(s + n) + 1);
			return;
		}
	}
}

static int one_type(struct sl_walk *w, Dwarf_Die *d)
{
	char name[1024], decl[2048], tn[1024];
	const char *plain = vt_die_name(d);
	struct vt_entry e = { .ptrs = 0 };
	Dwarf_Die t;
	int tag = dwarf_tag(d);

	if (!plain || dwarf_hasattr(d, DW_AT_declaration))
		return 0;
	e.die = *d;
	switch (tag) {
	case DW_TAG_base_type:
		vt_name(&e, "", name, sizeof(name));
		snprintf(decl, sizeof(decl), "%s", name);
		return add_decl(w, d, name, decl, true, 0);
	case DW_TAG_typedef: {
		struct vt_entry te = { .ptrs = 0 };
		if (vt_type_of(d, &t))
			te.die = t;
		vt_name(&te, "", tn, sizeof(tn));
		if (w->cxx)
			drop_keyword(tn);
		snprintf(name, sizeof(name), "%s%s", w->cxx ? w->ns : "", plain);
		snprintf(decl, sizeof(decl), "typedef %s %s;", tn, name);
		return add_decl(w, d, name, decl, true, 0);
	}
	default:
		if (w->cxx) {
			snprintf(name, sizeof(name), "%s%s", w->ns, plain);
			snprintf(decl, sizeof(decl), "%s;", name);
			return add_decl(w, d, name, decl, false, 0);
		}
		vt_name(&e, "", tn, sizeof(tn));
		snprintf(decl, sizeof(decl), "%s;", tn);
		return add_decl(w, d, plain, decl, true, 0);
	}
}

/* The children of d (a unit or a namespace): the declarations of w->kind. */
static int walk_scope(struct sl_walk *w, Dwarf_Die *d, unsigned depth)
{
	Dwarf_Die c;
	int rc = 0;

	if (depth > 16 || dwarf_child(d, &c) != 0)
		return 0;
	do {
		int tag = dwarf_tag(&c);
		switch (tag) {
		case DW_TAG_subprogram:
			if (w->kind == CDBG_LIST_FUNCTIONS)
				rc = one_function(w, &c);
			break;
		case DW_TAG_variable:
			if (w->kind == CDBG_LIST_VARIABLES)
				rc = one_variable(w, &c);
			break;
		case DW_TAG_base_type:
		case DW_TAG_typedef:
		case DW_TAG_structure_type:
		case DW_TAG_class_type:
		case DW_TAG_union_type:
		case DW_TAG_enumeration_type:
			if (w->kind == CDBG_LIST_TYPES)
				rc = one_type(w, &c);
			break;
		case DW_TAG_imported_unit: {
			/* dwz: declarations shared by several units (perhaps in the .dwz file) */
			Dwarf_Attribute a;
			Dwarf_Die pu;
			if (!dwarf_formref_die(dwarf_attr(&c, DW_AT_import, &a), &pu))
				break;
			uintptr_t key = (uintptr_t)pu.addr;
			rc = seen_unit(w, key);
			if (rc == 0)
				rc = walk_scope(w, &pu, depth + 1);
			else if (rc == 1)
				rc = 0;
			break;
		}
		case DW_TAG_namespace: {
			const char *n = vt_die_name(&c);
			size_t old = strlen(w->ns);
			snprintf(w->ns + old, sizeof(w->ns) - old,
				 "%s::", n ? n : "(anonymous namespace)");
			rc = walk_scope(w, &c, depth + 1);
			w->ns[old] = '\0';
			break;
		}
		default:
			break;
		}
	} while (rc == 0 && dwarf_siblingof(&c, &c) == 0);
	return rc;
}

static bool walk_cu(Dwarf_Die *cu, void *arg)
{
	struct sl_walk *w = arg;
	Dwarf_Attribute a;
	const char *dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a));

	if (dwarf_tag(cu) == DW_TAG_partial_unit)
		return false; /* walked where a unit imports it */
	w->cu_name = dwarf_diename(cu);
	if (!w->cu_name)
		w->cu_name = "??";
	w->cu_full = NULL;
	if (w->cu_name[0] == '/' || !dir) {
		w->cu_full = w->cu_name;
	} else {
		snprintf(w->full, sizeof(w->full), "%s/%s", dir, w->cu_name);
		w->cu_full = w->full;
	}
	w->cxx = sym_lang_cplus(cu);
	w->ns[0] = '\0';
	w->rc = walk_scope(w, cu, 0);
	return w->rc != 0;
}

/* gdb's order of symbols: file name, global block before static, name. */
static int cmp_debug(const void *a, const void *b)
{
	const struct sl_ent *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->is_static != y->is_static)
		return x->is_static - y->is_static;
	c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- the call */

/* libiberty's sentences, which gdb prints (glibc words some differently). */
static const char *re_error(int code, const char *re)
{
	static const char *const msg[] = {
		"Success",
		"No match",
		"Invalid regular expression",
		"Invalid collation character",
		"Invalid character class name",
		"Trailing backslash",
		"Invalid back reference",
		"Unmatched [ or [^",
		"Unmatched ( or \\(",
		"Unmatched \\{",
		"Invalid content of \\{\\}",
		"Invalid range end",
		"Memory exhausted",
		"Invalid preceding regular expression",
		"Premature end of regular expression",
		"Regular expression too big",
		"Unmatched ) or \\)",
	};
	const char *open = strrchr(re, '[');

	/* glibc calls an open bracket expression a bad pattern */
	if (code == REG_BADPAT && open && !strchr(open, ']'))
		code = REG_EBRACK;
	if (code == REG_EBRACK || code == REG_ECTYPE)
		return msg[code];
	return code >= 0 && code < (int)(sizeof(msg) / sizeof(msg[0])) ? msg[code] : "Error";
}

static int emit(struct sl_list *l, size_t from, cdbg_symlist_fn fn, void *data, int *count)
{
	for (size_t i = from; i < l->n; i++) {
		const struct sl_ent *s = &l->e[i];
		struct cdbg_symlist_entry e = {
			.name = s->name,
			.decl = s->decl,
			.file = s->file,
			.line = s->line,
			.has_debug = s->has_debug,
			.is_static = s->is_static,
			.addr = s->addr,
			.module = s->module,
		};
		int rc = fn(data, &e);
		if (rc)
			return rc;
		++*count;
	}
	return 0;
}

int cdbg_symbols_each(cdbg_proc *p, enum cdbg_symlist_kind kind, const char *regex, unsigned flags,
		      cdbg_symlist_fn fn, void *data)
{
	struct sl_list l = { 0 };
	struct sl_names names = { 0 };
	struct sl_walk w = { .l = &l, .kind = kind };
	struct sym_state *s;
	Dwfl_Module **mods;
	size_t nmods, ndebug, kept;
	regex_t re;
	int rc = 0, count = 0;

	if ((rc = cdbg__check_owner(p, "list symbols")) < 0)
		return rc;
	if (kind > CDBG_LIST_TYPES || !fn)
		return cdbg__fail(p, -EINVAL, "list symbols: bad arguments");
	if (regex && *regex) {
		int e = regcomp(&re, regex, REG_NOSUB);
		if (e)
			return cdbg__fail(p, -EINVAL, "Invalid regexp: %s", re_error(e, regex));
		w.re = &re;
	}
	if (!(s = sym_session(p, "list symbols"))) {
		rc = cdbg__base(p)->errcode;
		goto out;
	}
	if (!(mods = sym_modules_sorted(s, &nmods)) && nmods) {
		rc = -ENOMEM;
		goto out;
	}
	w.varnames = kind == CDBG_LIST_VARIABLES && (flags & CDBG_LIST_NODEBUG) ? &names : NULL;
	for (size_t i = 0; i < nmods && !rc; i++) {
		Dwarf *dw = dwfl_module_getdwarf(mods[i], &w.bias);
		w.module = sym_mod_path(mods[i]);
		sym_each_cu(dw, walk_cu, &w);
		rc = w.rc;
	}
	ndebug = l.n;
	for (size_t i = 0; i < ndebug; i++)
		l.e[i].seq = i;
	if (ndebug)
		qsort(l.e, ndebug, sizeof(*l.e), cmp_debug);
	/* gdb gives a symbol of one file, block and name once */
	kept = 0;
	for (size_t i = 0; i < ndebug; i++) {
		if (kept && !strcmp(l.e[kept - 1].file, l.e[i].file) &&
		    l.e[kept - 1].is_static == l.e[i].is_static &&
		    !strcmp(l.e[kept - 1].name, l.e[i].name))
			continue;
		l.e[kept++] = l.e[i];
	}
	l.n = kept;
	if (!rc && (flags & CDBG_LIST_NODEBUG) && kind != CDBG_LIST_TYPES) {
		sl_names_sort(&names);
		for (size_t i = 0; i < nmods && !rc; i++)
			rc = sl_elf_module(&w, mods[i], &names);
	}
	free(mods);
	if (!rc)
		rc = emit(&l, 0, fn, data, &count);
	if (rc == -ENOMEM)
		rc = cdbg__fail(p, -ENOMEM, "list symbols: out of memory");
out:
	if (w.re)
		regfree(&re);
	sl_names_free(&names);
	free(w.seen);
	sl_free(&l);
	return rc ? rc : count;
}
