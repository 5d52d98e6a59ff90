/*
 * symtab.c - ELF symbols: the symbol containing an address, the address of a name.
 *
 * Owns: cdbg_sym_by_addr, cdbg_sym_by_name, the per-module indexes, demangling. The symbols
 * are libdwfl's (dwfl_module_getsym_info: .symtab from the file or its debug file, else
 * .dynsym, plus .gnu_debugdata); it looks them up only by a scan of the whole table
 * (dwfl_module_addrinfo) and not by name at all. So a module's table is sorted by address the
 * first time a lookup by address lands in it, and hashed by name the first time a lookup by
 * name reaches it: the executable first, libraries only when the name is not in it. Must not:
 * call ptrace or waitpid, print, exit.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"

void sym_index_free(struct sym_index *ix)
{
	free(ix->heads);
	free(ix->next);
	free(ix->ndx);
	memset(ix, 0, sizeof(*ix));
}

/* Length of a symbol name as the program knows it: without an ELF version ("@VERSION",
 * "@@VERSION"), and without the ".abi0" Go's linker gives assembly functions
 * (runtime.goexit.abi0 is runtime.goexit to Go, and to gdb). */
static size_t shown_len(const char *name)
{
	const char *at = strchr(name, '@');
	size_t n = at ? (size_t)(at - name) : strlen(name);

	if (n > 5 && memcmp(name + n - 5, ".abi0", 5) == 0)
		n -= 5;
	return n;
}

/* The same, also without the type arguments of an instantiated Go generic function: the
 * length lookups compare. */
static size_t base_len(const char *name)
{
	size_t n = shown_len(name);

	/* Go's generic functions, instantiated: "main.Sum[go.shape.int_0]" is one of main.Sum's
	 * (a name without the list designates them all, as delve's linespecs do) */
	if (n > 2 && name[n - 1] == ']') {
		int depth = 0;
		for (size_t k = n; k-- > 1;) {
			depth += name[k] == ']' ? 1 : name[k] == '[' ? -1 : 0;
			if (!depth) {
				n = k;
				break;
			}
		}
	}
	return n;
}

static uint32_t name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Is this symbol something a name can designate (defined, not a section or file)? */
static bool is_named_thing(const GElf_Sym *sym, const char *name)
{
	int type = GELF_ST_TYPE(sym->st_info);

	return name && name[0] && sym->st_shndx != SHN_UNDEF && type != STT_SECTION &&
	       type != STT_FILE;
}

/* Hash the names of mod's symbol table. Returns 0 or -ENOMEM. */
static int index_build(Dwfl_Module *mod, struct sym_index *ix)
{
	int n = dwfl_module_getsymtab(mod), i;
	uint32_t nb = 16;

	ix->built = true;
	if (n <= 1)
		return 0;
	while (nb < (uint32_t)n)
		nb <<= 1;
	ix->heads = calloc(nb, sizeof(*ix->heads));
	ix->next = malloc((size_t)n * sizeof(*ix->next));
	ix->ndx = malloc((size_t)n * sizeof(*ix->ndx));
	if (!ix->heads || !ix->next || !ix->ndx) {
		sym_index_free(ix);
		return -ENOMEM;
	}
	ix->nbuckets = nb;
	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL, NULL, NULL);
		uint32_t b;

		if (!is_named_thing(&sym, name))
			continue;
		b = name_hash(name, base_len(name)) & (nb - 1);
		ix->ndx[ix->count] = (uint32_t)i;
		ix->next[ix->count] = ix->heads[b];
		ix->heads[b] = ++ix->count;
	}
	return 0;
}

/* How good a match a symbol is; lower is better, -1 for not acceptable. Functions before
 * objects, global before weak before local, the default version before older ones. */
int sym_rank(const GElf_Sym *sym, const char *name, size_t len, bool funcs_only)
{
	int type = GELF_ST_TYPE(sym->st_info), bind = GELF_ST_BIND(sym->st_info), r;

	if (type == STT_FUNC || type == STT_GNU_IFUNC)
		r = 0;
	else if (funcs_only)
		return -1;
	else if (type == STT_OBJECT || type == STT_TLS || type == STT_COMMON)
		r = 100;
	else
		r = 200;
	r += bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 10 : 20;
	if (name[len] == '@' && name[len + 1] != '@')
		r += 1; /* "foo@VER": a compatibility version */
	if (name[len] == '.')
		r += 2; /* "foo.abi0": Go's wrapper, when foo itself exists */
	return r;
}

/* The best symbol of mod named name; its index, or -1. *best_rank gets its rank. A name with
 * a suffix ("memcpy@GLIBC_2.2.5", "runtime.goexit.abi0") designates exactly that symbol. */
static int index_find(Dwfl_Module *mod, struct sym_index *ix, const char *name, bool funcs_only,
		      int *best_rank)
{
	size_t len = base_len(name);
	uint32_t e;
	int best = -1;

	if (!ix->nbuckets)
		return -1;
	for (e = ix->heads[name_hash(name, len) & (ix->nbuckets - 1)]; e; e = ix->next[e - 1]) {
		GElf_Sym sym;
		GElf_Addr addr;
		int i = (int)ix->ndx[e - 1], r;
		const char *n = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL, NULL, NULL);

		if (!n || base_len(n) != len || strncmp(n, name, len) != 0 ||
		    (name[len] && strcmp(n, name) != 0))
			continue;
		r = sym_rank(&sym, n, len, funcs_only);
		if (r >= 0 && (best < 0 || r < *best_rank)) {
			best = i;
			*best_rank = r;
		}
	}
	return best;
}

/* The name of symbol ndx of mod as cdbg_symbol names it (demangled, no version suffix) into
 * buf (len bytes, cut if short). Returns the length of the whole name, -ENOMEM. */
static int symbol_name(Dwfl_Module *mod, int ndx, GElf_Sym *sym, GElf_Addr *addr, char *buf,
		       size_t len)
{
	const char *name = dwfl_module_getsym_info(mod, ndx, sym, addr, NULL, NULL, NULL);
	char *plain = strndup(name ? name : "", name ? shown_len(name) : 0);
	int n;

	if (!plain)
		return -ENOMEM;
	n = sym_demangle(plain, buf, len);
	free(plain);
	return n;
}

static void fill_symbol(Dwfl_Module *mod, int ndx, struct cdbg_symbol *out)
{
	GElf_Sym sym;
	GElf_Addr addr = 0;
	int n;

	memset(out, 0, sizeof(*out));
	n = symbol_name(mod, ndx, &sym, &addr, out->name, sizeof(out->name));
	out->name_cut = n < 0 || n >= (int)sizeof(out->name);
	out->addr = addr;
	out->size = sym.st_size;
	n = snprintf(out->module, sizeof(out->module), "%s", sym_mod_path(mod));
	out->module_cut = n >= (int)sizeof(out->module);
	switch (GELF_ST_TYPE(sym.st_info)) {
	case STT_FUNC:
		out->kind = CDBG_SYM_FUNC;
		break;
	case STT_GNU_IFUNC:
		out->kind = CDBG_SYM_IFUNC;
		break;
	case STT_TLS: /* its st_value is the offset in the TLS block: no bias */
		out->kind = CDBG_SYM_TLS;
		out->addr = sym.st_value;
		break;
	case STT_OBJECT:
	case STT_COMMON:
		out->kind = CDBG_SYM_OBJECT;
		break;
	default:
		out->kind = CDBG_SYM_OTHER;
		break;
	}
}

/* Search the modules in order, indexing those not yet indexed; only modules of generation
 * >= min_gen (a retry after re-reading the maps looks only at new ones). With cxx, by the
 * demangled names of C++ functions instead of the symbol table's names. */
static int search_by(cdbg_proc *p, struct sym_state *s, const char *mod_name, const char *name,
		     bool funcs_only, unsigned min_gen, bool cxx, struct cdbg_symbol *out)
{
	size_t n, i;
	Dwfl_Module **mods = sym_modules_sorted(s, &n), *best_mod = NULL;
	int best = -1, best_rank = 0;

	for (i = 0; i < n; i++) {
		struct sym_mod *m = sym_mod_of(mods[i]);
		int r = 0, ndx;

		if (!m || m->gen < min_gen)
			continue;
		if (mod_name && !strstr(sym_mod_path(mods[i]), mod_name))
			continue;
		if (!cxx && !m->names.built && index_build(mods[i], &m->names) < 0)
			ndx = -ENOMEM;
		else if (cxx)
			ndx = sym_cxx_find(mods[i], m, name, funcs_only, &r);
		else
			ndx = index_find(mods[i], &m->names, name, funcs_only, &r);
		if (ndx == -ENOMEM) {
			free(mods);
			return cdbg__fail(p, -ENOMEM, "cannot look up '%s': out of memory", name);
		}
		/* The first module with a function wins; an object only if no module has a
		 * function of that name. */
		if (ndx >= 0 && (best < 0 || r / 100 < best_rank / 100)) {
			best = ndx;
			best_rank = r;
			best_mod = mods[i];
			if (r < 100)
				break;
		}
	}
	if (best >= 0)
		fill_symbol(best_mod, best, out);
	free(mods);
	return best >= 0 ? 0 : CDBG_ENOSYM;
}

/* The symbol table's names first, in every module; then C++ functions by demangled name (only
 * for a name that could be one: a C program's lookups never demangle anything). */
static int search(cdbg_proc *p, struct sym_state *s, const char *mod_name, const char *name,
		  bool funcs_only, unsigned min_gen, struct cdbg_symbol *out)
{
	int r = search_by(p, s, mod_name, name, funcs_only, min_gen, false, out);

	if (r != CDBG_ENOSYM || (name[0] == '_' && name[1] == 'Z'))
		return r;
	return search_by(p, s, mod_name, name, funcs_only, min_gen, true, out);
}

const char *sym_split_module(const char *spec, char *mod, size_t len)
{
	const char *c = spec;

	while ((c = strchr(c, ':'))) {
		if (c[1] == ':') {
			c += 2;
			continue;
		}
		if (c > spec && (size_t)(c - spec) < len && c[1]) {
			snprintf(mod, len, "%.*s", (int)(c - spec), spec);
			return c + 1;
		}
		break;
	}
	mod[0] = '\0';
	return spec;
}

int sym_lookup_name(cdbg_proc *p, struct sym_state *s, const char *spec, bool funcs_only,
		    struct cdbg_symbol *out)
{
	char mod[256];
	const char *name = sym_split_module(spec, mod, sizeof(mod));
	const char *m = mod[0] ? mod : NULL;
	unsigned gen = s->gen;
	int r = search(p, s, m, name, funcs_only, 0, out);

	if (r == CDBG_ENOSYM && m) /* "a:b" that is not module:name */
		r = search(p, s, NULL, spec, funcs_only, 0, out);
	if (r != CDBG_ENOSYM)
		return r;
	/* Not there: perhaps in a library loaded since the modules were listed. */
	if (sym_rereport(p, s, "look up a symbol") < 0)
		return cdbg_errcode(p);
	if (s->gen == gen)
		return CDBG_ENOSYM;
	r = search(p, s, m, name, funcs_only, s->gen, out);
	if (r == CDBG_ENOSYM && m)
		r = search(p, s, NULL, spec, funcs_only, s->gen, out);
	return r;
}

/* ---- every function of a name ------------------------------------------------------------ */

/* fn for every function of mod named name (see sym_lookup_funcs); how many, or -ENOMEM. */
static int index_all(Dwfl_Module *mod, struct sym_index *ix, const char *name, sym_func_fn fn,
		     void *arg)
{
	size_t len = base_len(name);
	bool any_plain = false;
	int n = 0;

	if (!ix->nbuckets)
		return 0;
	/* Twice: is there a plain one (not "@VERSION", not ".abi0")? Then only plain ones. */
	for (int pass = 0; pass < 2; pass++) {
		uint32_t e = ix->heads[name_hash(name, len) & (ix->nbuckets - 1)];
		for (; e; e = ix->next[e - 1]) {
			GElf_Sym sym;
			GElf_Addr addr;
			int i = (int)ix->ndx[e - 1], r;
			const char *sn = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL, NULL,
								 NULL);

			if (!sn || base_len(sn) != len || strncmp(sn, name, len) != 0 ||
			    (name[len] && strcmp(sn, name) != 0))
				continue;
			if ((r = sym_rank(&sym, sn, len, true)) < 0)
				continue;
			if (pass == 0) {
				any_plain |= r % 10 == 0;
				continue;
			}
			if (any_plain && r % 10 != 0)
				continue;
			if (fn(arg, mod, i) < 0)
				return -ENOMEM;
			n++;
		}
	}
	return n;
}

/* fn for every function named name in the modules (of generation >= min_gen, whose path has
 * mod_name if given); by demangled names with cxx. How many, CDBG_ENOSYM, or a failure. */
static int search_all(cdbg_proc *p, struct sym_state *s, const char *mod_name, const char *name,
		      unsigned min_gen, bool cxx, sym_func_fn fn, void *arg)
{
	size_t n, i;
	Dwfl_Module **mods = sym_modules_sorted(s, &n);
	int total = 0, k;

	for (i = 0; i < n; i++) {
		struct sym_mod *m = sym_mod_of(mods[i]);

		if (!m || m->gen < min_gen)
			continue;
		if (mod_name && !strstr(sym_mod_path(mods[i]), mod_name))
			continue;
		if (!cxx && !m->names.built && index_build(mods[i], &m->names) < 0)
			k = -ENOMEM;
		else if (cxx)
			k = sym_cxx_all(mods[i], m, name, fn, arg);
		else
			k = index_all(mods[i], &m->names, name, fn, arg);
		if (k < 0) {
			free(mods);
			return cdbg__fail(p, -ENOMEM, "cannot look up '%s': out of memory", name);
		}
		total += k;
	}
	free(mods);
	return total > 0 ? total : CDBG_ENOSYM;
}

static int search_funcs(cdbg_proc *p, struct sym_state *s, const char *mod_name, const char *name,
			unsigned min_gen, sym_func_fn fn, void *arg)
{
	int r = search_all(p, s, mod_name, name, min_gen, false, fn, arg);

	if (r != CDBG_ENOSYM || (name[0] == '_' && name[1] == 'Z'))
		return r;
	return search_all(p, s, mod_name, name, min_gen, true, fn, arg);
}

int sym_lookup_funcs(cdbg_proc *p, struct sym_state *s, const char *spec, sym_func_fn fn, void *arg)
{
	char mod[256];
	const char *name = sym_split_module(spec, mod, sizeof(mod));
	const char *m = mod[0] ? mod : NULL;
	unsigned gen = s->gen;
	int r = search_funcs(p, s, m, name, 0, fn, arg);

	if (r == CDBG_ENOSYM && m) /* "a:b" that is not module:name */
		r = search_funcs(p, s, NULL, spec, 0, fn, arg);
	if (r != CDBG_ENOSYM)
		return r;
	if (sym_rereport(p, s, "look up a symbol") < 0)
		return cdbg_errcode(p);
	if (s->gen == gen)
		return CDBG_ENOSYM;
	r = search_funcs(p, s, m, name, s->gen, fn, arg);
	if (r == CDBG_ENOSYM && m)
		r = search_funcs(p, s, NULL, spec, s->gen, fn, arg);
	return r;
}

int cdbg_sym_by_name(cdbg_proc *p, const char *name, struct cdbg_symbol *sym)
{
	struct sym_state *s = sym_session(p, "look up a symbol");
	int r;

	if (!s)
		return cdbg_errcode(p);
	if (!name || !name[0])
		return cdbg__fail(p, -EINVAL, "cannot look up a symbol: the name is empty");
	r = sym_lookup_name(p, s, name, false, sym);
	if (r == CDBG_ENOSYM)
		return cdbg__fail(p, r, "no symbol '%s' in the program or its libraries", name);
	if (r == 0)
		cdbg__clear_error(p);
	return r;
}

void sym_addrix_free(struct sym_addrix *ix)
{
	free(ix->e);
	memset(ix, 0, sizeof(*ix));
}

static int by_addr_pref(const void *a, const void *b)
{
	const struct sym_addrent *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->pref < y->pref ? -1 : x->pref > y->pref;
}

/* Sort mod's functions and objects by address. Returns 0 or -ENOMEM. */
static int addrix_build(Dwfl_Module *mod, struct sym_addrix *ix)
{
	int n = dwfl_module_getsymtab(mod), i;

	ix->built = true;
	if (n <= 1)
		return 0;
	if (!(ix->e = malloc((size_t)n * sizeof(*ix->e))))
		return -ENOMEM;
	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL, NULL, NULL);
		int type = GELF_ST_TYPE(sym.st_info), bind = GELF_ST_BIND(sym.st_info);

		if (!is_named_thing(&sym, name) || type == STT_TLS || sym.st_shndx == SHN_ABS)
			continue;
		ix->e[ix->n++] = (struct sym_addrent){
			.addr = addr,
			.size = sym.st_size,
			.ndx = (uint32_t)i,
			/* sized, then global, weak, local, then typed before untyped */
			.pref = (sym.st_size ? 0 : 8) +
				(bind == STB_GLOBAL ? 0 :
				 bind == STB_WEAK   ? 2 :
						      4) +
				(type == STT_NOTYPE),
		};
		if (sym.st_size > ix->max_size)
			ix->max_size = sym.st_size;
	}
	qsort(ix->e, ix->n, sizeof(*ix->e), by_addr_pref);
	return 0;
}

/* Is label in the same section of the module's file as addr? */
static bool same_section(Dwfl_Module *mod, uint64_t label, uint64_t addr)
{
	Dwarf_Addr a = addr, bias = 0;
	Elf_Scn *scn = dwfl_module_address_section(mod, &a, &bias);
	GElf_Shdr sh;

	return scn && gelf_getshdr(scn, &sh) && label >= sh.sh_addr + bias &&
	       label < sh.sh_addr + bias + sh.sh_size;
}

/* The symbol containing addr: the nearest sized one that spans it; else the nearest sizeless
 * one (an assembly label) of addr's section, with nothing sized between it and addr, as
 * libdwfl's dwfl_module_addrinfo decides. -1 when none. */
static int addrix_find(Dwfl_Module *mod, const struct sym_addrix *ix, uint64_t addr)
{
	size_t lo = 0, hi = ix->n, j;
	uint64_t max_end = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->e[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* e[lo - 1] is the last symbol starting at or before addr. */
	for (j = lo; j-- > 0;) {
		const struct sym_addrent *e = &ix->e[j];
		if (e->size && addr - e->addr < e->size) {
			while (j > 0 && ix->e[j - 1].addr == e->addr)
				e = &ix->e[--j]; /* the preferred one at that address */
			return (int)e->ndx;
		}
		if (e->size && e->addr + e->size > max_end)
			max_end = e->addr + e->size;
		if (addr - e->addr >= ix->max_size)
			break; /* nothing further back is that large */
	}
	/* No sized symbol spans addr: the symbols at the nearest address below it, if they are
	 * only labels. */
	if (lo == 0)
		return -1;
	for (j = lo - 1; j > 0 && ix->e[j - 1].addr == ix->e[lo - 1].addr; j--)
		;
	if (ix->e[j].size || max_end > ix->e[j].addr || !same_section(mod, ix->e[j].addr, addr))
		return -1;
	return (int)ix->e[j].ndx;
}

int cdbg_sym_by_addr(cdbg_proc *p, uint64_t addr, struct cdbg_symbol *out)
{
	struct sym_state *s = sym_session(p, "look up an address");
	Dwfl_Module *mod;
	struct sym_mod *m;
	int ndx = -1;

	if (!s)
		return cdbg_errcode(p);
	mod = sym_addr_module(p, s, addr);
	if (!mod)
		return cdbg_errcode(p) ? cdbg_errcode(p) :
					 cdbg__fail(p, CDBG_ENOSYM,
						    "no symbol at %#llx: no file is mapped "
						    "there",
						    (unsigned long long)addr);
	m = sym_mod_of(mod);
	if (m && !m->addrs.built && addrix_build(mod, &m->addrs) < 0)
		return cdbg__fail(p, -ENOMEM, "cannot look up %#llx: out of memory",
				  (unsigned long long)addr);
	if (m)
		ndx = addrix_find(mod, &m->addrs, addr);
	if (ndx < 0)
		return cdbg__fail(p, CDBG_ENOSYM, "no symbol contains %#llx in %s",
				  (unsigned long long)addr, sym_mod_path(mod));
	fill_symbol(mod, ndx, out);
	out->offset = addr - out->addr;
	cdbg__clear_error(p);
	return 0;
}

/* ---- demangling ------------------------------------------------------------------------ */

typedef char *(*cxa_demangle_fn)(const char *, char *, size_t *, int *);
static cxa_demangle_fn cxa_demangle;
static pthread_once_t demangle_once = PTHREAD_ONCE_INIT;

/* elfutils has no demangler; use libstdc++'s: the one the program using us has loaded, else
 * libstdc++.so.6 loaded privately (RTLD_LOCAL) the first time a mangled name is met, so that a
 * C program debugging C programs never loads it. */
static void demangle_init(void)
{
	void *h, *f = dlsym(RTLD_DEFAULT, "__cxa_demangle");

	if (!f && (h = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL)))
		f = dlsym(h, "__cxa_demangle");
	cxa_demangle = (cxa_demangle_fn)f;
}

int sym_demangle(const char *name, char *buf, size_t len)
{
	char *d = NULL;
	int status = -1;

	if (name[0] == '_' && name[1] == 'Z') {
		pthread_once(&demangle_once, demangle_init);
		if (cxa_demangle)
			d = cxa_demangle(name, NULL, NULL, &status);
	}
	int n = snprintf(buf, len, "%s", d && status == 0 ? d : name);

	free(d);
	return n;
}

/* Does text begin with the (size - 1)-byte start that a cut field holds, or equal a whole one? */
static bool text_is(const char *text, const char *field, bool cut)
{
	return cut ? strncmp(text, field, strlen(field)) == 0 : strcmp(text, field) == 0;
}

char *sym_whole_text(cdbg_proc *p, const struct cdbg_symbol *sym, bool module)
{
	struct sym_state *s = sym_session(p, "find a symbol's name");
	Dwfl_Module **mods;
	size_t n, i;
	char *found = NULL;

	if (!s || !(mods = sym_modules_sorted(s, &n)))
		return NULL;
	for (i = 0; i < n && !found; i++) {
		int count = dwfl_module_getsymtab(mods[i]), k;

		if (!text_is(sym_mod_path(mods[i]), sym->module, sym->module_cut))
			continue;
		for (k = 1; k < count && !found; k++) {
			GElf_Sym es;
			GElf_Addr addr = 0;
			int len;
			char *name;

			if (!dwfl_module_getsym_info(mods[i], k, &es, &addr, NULL, NULL, NULL) ||
			    addr != sym->addr)
				continue;
			len = symbol_name(mods[i], k, &es, &addr, NULL, 0);
			if (len < 0 || !(name = malloc((size_t)len + 1)))
				continue;
			symbol_name(mods[i], k, &es, &addr, name, (size_t)len + 1);
			if (text_is(name, sym->name, sym->name_cut))
				found = module ? strdup(sym_mod_path(mods[i])) : name;
			if (found != name)
				free(name);
		}
	}
	free(mods);
	return found;
}
