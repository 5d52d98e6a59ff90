/*
 * cxxnames.c - C++ functions by their demangled names: `break ns::Class::method`,
 * `break Class::method(int)`, `break area_of` for a static C++ function, as gdb finds them.
 *
 * Owns: the per-module index of demangled names (struct sym_dindex), built on the first lookup
 * by name that misses every module's plain index, and only for modules whose symbol table has
 * mangled ("_Z") names: a C program never pays for it. Each function is hashed under its
 * qualified name without parameters and return type ("geo::twice<long>") and under every
 * suffix of it that starts after a "::" ("Counter::method", "method"), as gdb's wild matching
 * does; a query with a parameter list also compares that list (spaces ignored). Must not: call
 * ptrace or waitpid, print, exit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"

void sym_dindex_free(struct sym_dindex *ix)
{
	sym_inl_free(&ix->inl);
	free(ix->heads);
	free(ix->e);
	free(ix->text);
	memset(ix, 0, sizeof(*ix));
}

static uint32_t hash_n(const char *s, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Where the qualified name of a demangled function starts and ends: after a return type
 * ("long geo::twice<long>(long)"), before the parameter list. Returns false when the name has
 * no parameter list at top level (a variable, a special name). */
bool sym_cxx_base(const char *d, size_t *start, size_t *end)
{
	int depth = 0;
	size_t i;

	*start = 0;
	for (i = 0; d[i]; i++) {
		if (strncmp(d + i, "(anonymous namespace)", 21) == 0) {
			i += 20;
			continue;
		}
		if (depth == 0 && strncmp(d + i, "operator", 8) == 0)
			return false; /* operators are looked up by their mangled names only */
		switch (d[i]) {
		case '<':
			depth++;
			break;
		case '>':
			depth--;
			break;
		case ' ':
			if (depth == 0)
				*start = i + 1;
			break;
		case '(':
			if (depth == 0) {
				*end = i;
				return i > *start;
			}
			break;
		}
	}
	return false;
}

static int dindex_add1(struct sym_dindex *ix, uint32_t ndx, uint32_t name, uint32_t key,
		       uint32_t keylen, size_t *cap)
{
	if (ix->count == *cap) {
		size_t ncap = *cap ? 2 * *cap : 256;
		struct sym_dent *e = realloc(ix->e, ncap * sizeof(*e));
		if (!e)
			return -ENOMEM;
		ix->e = e;
		*cap = ncap;
	}
	ix->e[ix->count++] = (struct sym_dent){
		.ndx = ndx, .name = name, .key = key, .keylen = keylen
	};
	return 0;
}

/* Enter one key; one that ends in template arguments ("geo::twice<long>") also without them
 * ("geo::twice"), marked stripped. */
static int dindex_add(struct sym_dindex *ix, uint32_t ndx, uint32_t name, uint32_t key,
		      uint32_t keylen, size_t *cap)
{
	const char *k = ix->text + name + key;
	uint32_t i = keylen;
	int depth = 0;

	if (keylen > 1 && k[keylen - 1] == '>') {
		while (i-- > 0) {
			depth += k[i] == '>' ? 1 : k[i] == '<' ? -1 : 0;
			if (depth == 0)
				break;
		}
		if (depth == 0 && i > 0 && i < keylen && k[i - 1] != ':') {
			if (dindex_add1(ix, ndx, name, key, i, cap) < 0)
				return -ENOMEM;
			ix->e[ix->count - 1].stripped = true;
		}
	}
	return dindex_add1(ix, ndx, name, key, keylen, cap);
}

/* Append d to the text arena; its offset, or -1. */
static long text_add(struct sym_dindex *ix, const char *d, size_t *cap)
{
	size_t n = strlen(d) + 1;
	long off = (long)ix->textlen;

	if (ix->textlen + n > *cap) {
		size_t ncap = *cap ? 2 * *cap : 1 << 14;
		char *t;
		while (ncap < ix->textlen + n)
			ncap *= 2;
		if (!(t = realloc(ix->text, ncap)))
			return -1;
		ix->text = t;
		*cap = ncap;
	}
	memcpy(ix->text + ix->textlen, d, n);
	ix->textlen += n;
	return off;
}

/* Demangle and enter one function symbol under its name and each "::" suffix of it. */
static int enter(struct sym_dindex *ix, uint32_t ndx, const char *mangled, size_t *ecap,
		 size_t *tcap)
{
	char d[1024];
	size_t start, end, i;
	int depth = 0;
	long off;

	sym_demangle(mangled, d, sizeof(d));
	if (d[0] == '_' || !sym_cxx_base(d, &start, &end) || end - start > 0xffff)
		return 0;
	if ((off = text_add(ix, d, tcap)) < 0)
		return -ENOMEM;
	if (dindex_add(ix, ndx, (uint32_t)off, (uint32_t)start, (uint32_t)(end - start), ecap))
		return -ENOMEM;
	for (i = start; i + 2 < end; i++) {
		if (d[i] == '<' || d[i] == '(')
			depth++;
		else if (d[i] == '>' || d[i] == ')')
			depth--;
		else if (depth == 0 && d[i] == ':' && d[i + 1] == ':' &&
			 dindex_add(ix, ndx, (uint32_t)off, (uint32_t)(i + 2),
				    (uint32_t)(end - i - 2), ecap))
			return -ENOMEM;
	}
	return 0;
}

/* Build mod's index of demangled function names (empty for a module without "_Z" names). */
static int dindex_build(Dwfl_Module *mod, struct sym_dindex *ix)
{
	int n = dwfl_module_getsymtab(mod), i;
	size_t ecap = 0, tcap = 0;
	uint32_t nb = 16, k;

	ix->built = true;
	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, NULL, NULL, NULL);
		int type = GELF_ST_TYPE(sym.st_info);

		if (!name || name[0] != '_' || name[1] != 'Z' || sym.st_shndx == SHN_UNDEF ||
		    (type != STT_FUNC && type != STT_GNU_IFUNC))
			continue;
		if (enter(ix, (uint32_t)i, name, &ecap, &tcap) < 0)
			goto oom;
	}
	if (!ix->count)
		return 0;
	while (nb < ix->count)
		nb <<= 1;
	if (!(ix->heads = calloc(nb, sizeof(*ix->heads))))
		goto oom;
	ix->nbuckets = nb;
	for (k = 0; k < ix->count; k++) {
		struct sym_dent *e = &ix->e[k];
		uint32_t b = hash_n(ix->text + e->name + e->key, e->keylen) & (nb - 1);
		e->next = ix->heads[b];
		ix->heads[b] = k + 1;
	}
	return 0;
oom:
	sym_dindex_free(ix);
	ix->built = true;
	return -ENOMEM;
}

/* Do two parameter lists say the same, spaces aside? */
static bool same_params(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

int sym_cxx_find(Dwfl_Module *mod, struct sym_mod *m, const char *query, bool funcs_only,
		 int *best_rank)
{
	struct sym_dindex *ix = &m->dnames;
	const char *params = NULL;
	size_t qlen, start = 0, end;
	int best = -1;
	uint32_t e;

	if (!ix->built && dindex_build(mod, ix) < 0)
		return -ENOMEM;
	if (!ix->nbuckets)
		return -1;
	/* "ns::f(int)": the name, then its parameters; "ns::f": the name alone. */
	if (strchr(query, '(') && sym_cxx_base(query, &start, &end))
		params = query + end;
	else
		end = strlen(query);
	query += start;
	qlen = end - start;
	for (e = ix->heads[hash_n(query, qlen) & (ix->nbuckets - 1)]; e; e = ix->e[e - 1].next) {
		const struct sym_dent *d = &ix->e[e - 1];
		const char *key = ix->text + d->name + d->key;
		GElf_Sym sym;
		GElf_Addr addr;
		const char *n;
		int r;

		if (d->stripped || d->keylen != qlen || memcmp(key, query, qlen) != 0 ||
		    (params && !same_params(key + qlen, params)))
			continue;
		n = dwfl_module_getsym_info(mod, (int)d->ndx, &sym, &addr, NULL, NULL, NULL);
		if (!n || (r = sym_rank(&sym, n, strlen(n), funcs_only)) < 0)
			continue;
		if (d->key)
			r += 50; /* a suffix match ("method" for geo::Counter::method) */
		if (best < 0 || r < *best_rank) {
			best = (int)d->ndx;
			*best_rank = r;
		}
	}
	return best;
}

int sym_cxx_all(Dwfl_Module *mod, struct sym_mod *m, const char *query, sym_func_fn fn, void *arg)
{
	struct sym_dindex *ix = &m->dnames;
	const char *params = NULL;
	size_t qlen, start = 0, end;
	int n = 0;

	if (!ix->built && dindex_build(mod, ix) < 0)
		return -ENOMEM;
	if (!ix->nbuckets)
		return 0;
	if (strchr(query, '(') && sym_cxx_base(query, &start, &end))
		params = query + end;
	else
		end = strlen(query);
	query += start;
	qlen = end - start;
	for (uint32_t e = ix->heads[hash_n(query, qlen) & (ix->nbuckets - 1)]; e;
	     e = ix->e[e - 1].next) {
		const struct sym_dent *d = &ix->e[e - 1];
		const char *name = ix->text + d->name;
		size_t ns, ne;
		GElf_Sym sym;
		GElf_Addr addr;
		const char *sn;

		if (d->keylen != qlen || memcmp(name + d->key, query, qlen) != 0)
			continue;
		/* The parameters follow the whole name, template arguments included. */
		if (params && (!sym_cxx_base(name, &ns, &ne) || !same_params(name + ne, params)))
			continue;
		sn = dwfl_module_getsym_info(mod, (int)d->ndx, &sym, &addr, NULL, NULL, NULL);
		if (!sn || sym_rank(&sym, sn, strlen(sn), true) < 0)
			continue;
		if (fn(arg, mod, (int)d->ndx) < 0)
			return -ENOMEM;
		n++;
	}
	return n;
}

void cdbg_func_name(const char *name, char *buf, size_t len)
{
	size_t start = 0, end = strlen(name);

	if (!len)
		return;
	if (strchr(name, '(') && !sym_cxx_base(name, &start, &end)) {
		start = 0;
		end = strlen(name);
	}
	if (end - start > len - 1)
		end = start + len - 1;
	memmove(buf, name + start, end - start); /* buf may be name itself */
	buf[end - start] = '\0';
}
