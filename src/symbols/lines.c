/*
 * lines.c - DWARF line tables: the line of an address, the addresses of a line, and where a
 * breakpoint on a function goes.
 *
 * Owns: cdbg_line_by_addr, cdbg_addrs_for_line, and the prologue rules: where a function's body
 * starts, for `break FUNC` (cdbg_func_break_addr, and cdbg_func_break_addrs for all of a name's
 * functions and inlined copies, with the index of inlined functions by name, sym_inl_*) and for
 * `step` into it (sym_func_body).
 * They follow gdb's (symtab.c find_pc_sect_line, skip_prologue_sal, find_function_start_sal;
 * linespec.c create_sals_line_offset) so that cdbg and gdb agree on addresses:
 *   - a line's address is that of an is_stmt row; of several rows of one line in one block
 *     (a `for` header) only the lowest counts, but each inlined copy counts;
 *   - a line with no code means the next line that has code;
 *   - a breakpoint at a function's entry moves past its prologue: to the row flagged
 *     prologue_end if any; else, for GCC code whose variable locations are exact (location
 *     lists, GCC >= 4.5, i.e. optimized code), nowhere; else past the frame set-up
 *     instructions and on to the start of the next row.
 * Only the compilation unit of an address is read (libdw finds it through .debug_aranges).
 * Lookups by file read the file tables of the executable's units, and the line tables of
 * those that have the file; the libraries' only when the executable has no such file.
 * Must not: call ptrace or waitpid, print, exit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf.h>

#include "symbols/symbols.h"

/* ---- prologues ---------------------------------------------------------------------------- */

/* gdb's producer_is_gcc_ge_4 >= 5: "GNU C17 12.2.0 ..." is GCC 12.2. */
static bool producer_gcc_ge_4_5(Dwarf_Die *cu)
{
	Dwarf_Attribute a;
	const char *s = dwarf_formstring(dwarf_attr(cu, DW_AT_producer, &a));
	int major, minor;

	if (!s || strncmp(s, "GNU ", 4) != 0)
		return false;
	s += 4;
	s += strcspn(s, " \t");
	if (sscanf(s, " %d.%d", &major, &minor) != 2)
		return false;
	return major > 4 || (major == 4 && minor >= 5);
}

/* Does a variable or parameter under die have a location list? */
static bool has_loclist(Dwarf_Die *die)
{
	Dwarf_Die c;

	if (dwarf_child(die, &c) != 0)
		return false;
	do {
		int tag = dwarf_tag(&c);
		Dwarf_Attribute a;

		if ((tag == DW_TAG_variable || tag == DW_TAG_formal_parameter) &&
		    dwarf_attr(&c, DW_AT_location, &a)) {
			unsigned f = dwarf_whatform(&a);
			if (f == DW_FORM_sec_offset || f == DW_FORM_loclistx ||
			    f == DW_FORM_data4 || f == DW_FORM_data8)
				return true;
		}
		if (dwarf_haschildren(&c) > 0 && has_loclist(&c))
			return true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

/* gdb's compunit "locations_valid": GCC >= 4.5 code whose variables use location lists
 * (optimized code). gdb then puts function breakpoints on the first instruction. */
static bool locations_valid(struct sym_ltable *t, Dwarf_Die *cu)
{
	if (t->locs_valid < 0)
		t->locs_valid = producer_gcc_ge_4_5(cu) && has_loclist(cu);
	return t->locs_valid;
}

/* The function (not an inlined copy) whose code holds rel: a subprogram among the unit's
 * children (or inside its namespaces and classes). */
static bool find_function(Dwarf_Die *parent, Dwarf_Addr rel, Dwarf_Die *func)
{
	Dwarf_Die c;

	if (dwarf_child(parent, &c) != 0)
		return false;
	do {
		int tag = dwarf_tag(&c);
		if (tag == DW_TAG_subprogram && dwarf_haspc(&c, rel) > 0) {
			*func = c;
			return true;
		}
		if ((tag == DW_TAG_namespace || tag == DW_TAG_class_type ||
		     tag == DW_TAG_structure_type || tag == DW_TAG_module) &&
		    find_function(&c, rel, func))
			return true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

/* The function containing rel, and (if block) the innermost block gdb would give rel: an
 * inlined call, a lexical block that declares variables, or the function. */
static bool pc_function(Dwarf_Die *cu, Dwarf_Addr rel, Dwarf_Die *func, Dwarf_Off *block)
{
	Dwarf_Die *scopes = NULL;
	int n, i;

	if (!find_function(cu, rel, func))
		return false;
	if (!block)
		return true;
	*block = dwarf_dieoffset(func);
	n = dwarf_getscopes(cu, rel, &scopes);
	for (i = 0; i < n; i++) {
		int tag = dwarf_tag(&scopes[i]);
		Dwarf_Die c;
		bool is_block = tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;

		if (tag == DW_TAG_lexical_block && dwarf_child(&scopes[i], &c) == 0) {
			do
				is_block |= dwarf_tag(&c) == DW_TAG_variable;
			while (!is_block && dwarf_siblingof(&c, &c) == 0);
		}
		if (is_block) {
			*block = dwarf_dieoffset(&scopes[i]);
			break;
		}
	}
	free(scopes);
	return true;
}

/* A function's entry and end (file addresses), from its DIE. */
static bool func_range(Dwarf_Die *func, Dwarf_Addr *lo, Dwarf_Addr *hi)
{
	Dwarf_Addr base, start, end;
	ptrdiff_t off = 0;
	bool first = true;

	*lo = *hi = 0;
	while ((off = dwarf_ranges(func, off, &base, &start, &end)) > 0) {
		if (first)
			*lo = start; /* gdb's entry pc of a non-contiguous block: its first range */
		if (end > *hi)
			*hi = end;
		first = false;
	}
	if (dwarf_entrypc(func, &start) == 0 && !first)
		*lo = start;
	return !first;
}

/* Past the prologue of the function [lo, hi) (process addresses): gdb's skip_prologue_sal.
 * for_line: for a line breakpoint, which honours prologue_end even in optimized code. */
static uint64_t skip_prologue(cdbg_proc *p, Dwfl_Module *mod, Dwarf_Die *cu, Dwarf_Addr bias,
			      uint64_t lo, uint64_t hi, bool for_line)
{
	unsigned char code[SYM_ARCH_PROLOGUE_MAX];
	struct sym_ltable *t = sym_ltable(mod, cu);
	const struct sym_lentry *sal, *it, *last;
	uint64_t pc, end = 0;
	ssize_t got;
	size_t g;

	if (!t)
		return lo;
	if (!for_line && locations_valid(t, cu))
		return lo;
	/* The compiler said where the prologue ends: the first prologue_end entry of the
	 * function in the file of its first line. */
	if ((sal = sym_ltable_find(t, lo - bias, NULL))) {
		g = sym_ltable_group_of(t, sal);
		it = t->e + t->start[g];
		last = t->e + t->start[g + 1];
		while (it < last && it->pc < lo - bias)
			it++;
		for (; it < last && it->pc < hi - bias; it++)
			if (it->prologue_end)
				return it->pc + bias;
	}
	if (locations_valid(t, cu))
		return lo;
	/* Past the frame set-up, and on to the start of the next row if that is mid-row. */
	got = mem_read_quiet(p, lo, code, sizeof(code));
	if (got <= 0)
		return lo;
	pc = lo + sym_arch_frame_setup_len(code, (size_t)got);
	if (pc == lo)
		return lo;
	sal = sym_ltable_find(t, pc - bias, &end);
	if (sal && sal->pc + bias != pc && end && lo <= end + bias && end + bias < hi)
		pc = end + bias;
	return pc;
}

/* Past the prologue of the function at entry (size bytes by its symbol, 0 if unknown) in mod:
 * where `break FUNC` and `step` into it stop. entry when mod is NULL or has no DWARF there.
 * *origin (if origin) gets the DIE of the function's abstract instance when it has one (it is
 * inlined somewhere too), else 0. */
static uint64_t body_addr(cdbg_proc *p, Dwfl_Module *mod, uint64_t entry, uint64_t size,
			  Dwarf_Off *origin)
{
	Dwarf_Addr bias, lo, hi;
	Dwarf_Die buf, func, *cu, ab;
	Dwarf_Attribute a;

	if (origin)
		*origin = 0;
	if (!mod || !(cu = sym_addr_cu(mod, entry, &bias, &buf)))
		return entry; /* no DWARF: the symbol's address */
	if (pc_function(cu, entry - bias, &func, NULL) && func_range(&func, &lo, &hi) &&
	    lo + bias == entry) {
		hi += bias;
		if (origin && dwarf_formref_die(dwarf_attr(&func, DW_AT_abstract_origin, &a), &ab))
			*origin = dwarf_dieoffset(&ab);
	} else {
		hi = size ? entry + size : entry + 1;
	}
	return skip_prologue(p, mod, cu, bias, entry, hi, false);
}

int cdbg_func_break_addr(cdbg_proc *p, const char *func, uint64_t *addr)
{
	struct sym_state *s = sym_session(p, "find a function");
	struct cdbg_symbol sym;
	Dwfl_Module *mod;
	int r;

	if (!s)
		return cdbg_errcode(p);
	if (!func || !func[0])
		return cdbg__fail(p, -EINVAL, "cannot find a function: the name is empty");
	r = sym_lookup_name(p, s, func, true, &sym);
	if (r == CDBG_ENOSYM)
		return cdbg__fail(p, r, "no function '%s' in the program or its libraries", func);
	if (r < 0)
		return r;
	mod = dwfl_addrmodule(s->dwfl, sym.addr);
	*addr = body_addr(p, mod, sym.addr, sym.size, NULL);
	cdbg__clear_error(p);
	return 0;
}

/* ---- every location of a function ------------------------------------------------------- */

/* What cdbg_func_break_addrs gathers. */
struct fa {
	cdbg_proc *p;
	uint64_t *a; /* addresses, in the order found */
	size_t n, cap;
	struct fa_origin {
		Dwfl_Module *mod;
		Dwarf_Off off; /* an abstract instance whose inlined copies count */
	} * o;
	size_t no, ocap;
};

static int fa_grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *nv;

	if (n < *cap)
		return 0;
	if (!(nv = realloc(*v, (*cap ? 2 * *cap : 16) * size)))
		return -ENOMEM;
	*v = nv;
	*cap = *cap ? 2 * *cap : 16;
	return 0;
}

static int fa_add(struct fa *f, uint64_t addr)
{
	if (fa_grow((void **)&f->a, &f->cap, f->n, sizeof(*f->a)) < 0)
		return -ENOMEM;
	f->a[f->n++] = addr;
	return 0;
}

static int fa_origin(struct fa *f, Dwfl_Module *mod, Dwarf_Off off)
{
	for (size_t i = 0; i < f->no; i++)
		if (f->o[i].mod == mod && f->o[i].off == off)
			return 0;
	if (fa_grow((void **)&f->o, &f->ocap, f->no, sizeof(*f->o)) < 0)
		return -ENOMEM;
	f->o[f->no++] = (struct fa_origin){ mod, off };
	return 0;
}

/* sym_lookup_funcs's callback: the function's body, and its abstract instance if any. */
/* A GNU indirect function the program has bound (its GOT slot says where the resolver sent
 * it): a breakpoint goes to that implementation, as gdb puts it; *mod, *addr, *size its module,
 * entry and size. Unbound (or no process): left at the resolver. */
static void fa_ifunc_target(cdbg_proc *p, const char *name, Dwfl_Module **mod, GElf_Addr *addr,
			    GElf_Xword *size)
{
	struct sym_state *s = sym_session(p, "find a function");
	struct cdbg_symbol ifn = { .addr = *addr, .kind = CDBG_SYM_IFUNC }, tsym;
	Dwfl_Module *tmod;
	uint64_t target;
	size_t len = strcspn(name, "@");

	if (!s || len >= sizeof(ifn.name))
		return;
	memcpy(ifn.name, name, len);
	if (cdbg_sym_ifunc_target(p, &ifn, &target) == 0 && (tmod = sym_addr_module(p, s, target))) {
		*mod = tmod;
		*addr = target;
		*size = cdbg_sym_by_addr(p, target, &tsym) == 0 && tsym.addr == target ? tsym.size :
											 0;
	}
	cdbg__clear_error(p);
}

static int fa_symbol(void *arg, Dwfl_Module *mod, int ndx)
{
	struct fa *f = arg;
	GElf_Sym sym;
	GElf_Addr addr = 0;
	Dwarf_Off origin;

	const char *name = dwfl_module_getsym_info(mod, ndx, &sym, &addr, NULL, NULL, NULL);
	if (!name)
		return 0;
	if (GELF_ST_TYPE(sym.st_info) == STT_GNU_IFUNC)
		fa_ifunc_target(f->p, name, &mod, &addr, &sym.st_size);
	if (fa_add(f, body_addr(f->p, mod, addr, sym.st_size, &origin)) < 0)
		return -ENOMEM;
	return origin ? fa_origin(f, mod, origin) : 0;
}

/* Where a breakpoint on an inlined copy starting at entry (a process address) in cu goes, as
 * gdb's find_function_start_sal and skip_prologue_sal put it: the copy's entry, unless that is
 * inside the prologue of the function it is inlined into (then past that prologue); optimized
 * GCC code: the entry. */
static uint64_t inline_addr(cdbg_proc *p, Dwfl_Module *mod, Dwarf_Die *cu, Dwarf_Addr bias,
			    uint64_t entry)
{
	struct sym_ltable *t = sym_ltable(mod, cu);
	Dwarf_Addr lo, hi;
	Dwarf_Die func;
	uint64_t body;

	if (!t || locations_valid(t, cu) || !find_function(cu, entry - bias, &func) ||
	    !func_range(&func, &lo, &hi))
		return entry;
	body = skip_prologue(p, mod, cu, bias, lo + bias, hi + bias, false);
	return entry > body ? entry : body;
}

/* A walk of a unit for the inlined copies of f's abstract instances in module mod. */
struct fa_walk {
	struct fa *f;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Die *cu;
	int err;
};

static bool is_wanted(const struct fa *f, Dwfl_Module *mod, Dwarf_Off off)
{
	for (size_t i = 0; i < f->no; i++)
		if (f->o[i].mod == mod && f->o[i].off == off)
			return true;
	return false;
}

static void walk_inlined(struct fa_walk *w, Dwarf_Die *parent)
{
	Dwarf_Die c, ab;
	Dwarf_Attribute a;
	Dwarf_Addr base, start, end;

	if (dwarf_child(parent, &c) != 0)
		return;
	do {
		/* gdb 13's entry of a block: its first range as the DWARF lists it. */
		if (dwarf_tag(&c) == DW_TAG_inlined_subroutine &&
		    dwarf_formref_die(dwarf_attr(&c, DW_AT_abstract_origin, &a), &ab) &&
		    is_wanted(w->f, w->mod, dwarf_dieoffset(&ab)) &&
		    dwarf_ranges(&c, 0, &base, &start, &end) > 0 &&
		    fa_add(w->f, inline_addr(w->f->p, w->mod, w->cu, w->bias, start + w->bias)) < 0)
			w->err = -ENOMEM;
		if (dwarf_haschildren(&c) > 0)
			walk_inlined(w, &c);
	} while (!w->err && dwarf_siblingof(&c, &c) == 0);
}

static bool walk_cu(Dwarf_Die *cu, void *arg)
{
	struct fa_walk *w = arg;

	w->cu = cu;
	walk_inlined(w, cu);
	return w->err < 0;
}

/* Add the inlined copies of every abstract instance gathered. 0 or -ENOMEM. */
static int fa_inlined(struct fa *f)
{
	for (size_t i = 0; i < f->no; i++) {
		struct fa_walk w = { .f = f, .mod = f->o[i].mod };
		Dwarf *dw;
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= f->o[j].mod == f->o[i].mod;
		if (seen || !(dw = dwfl_module_getdwarf(w.mod, &w.bias)))
			continue; /* one walk of each module finds them all */
		sym_each_cu(dw, walk_cu, &w);
		if (w.err < 0)
			return w.err;
	}
	return 0;
}

void sym_inl_free(struct sym_inl_index *ix)
{
	for (size_t i = 0; i < ix->n; i++)
		free(ix->e[i].name);
	free(ix->e);
	memset(ix, 0, sizeof(*ix));
}

/* Enter the abstract instances under parent (a unit, a namespace, a class) into ix, their
 * names qualified by prefix. 0 or -ENOMEM. */
static int inl_scan(struct sym_inl_index *ix, size_t *cap, Dwarf_Die *parent, const char *prefix)
{
	Dwarf_Die c;
	Dwarf_Attribute a;

	if (dwarf_child(parent, &c) != 0)
		return 0;
	do {
		int tag = dwarf_tag(&c);
		const char *name = dwarf_diename(&c);
		char q[1024];

		if (!name)
			continue;
		snprintf(q, sizeof(q), "%s%s%s", prefix, prefix[0] ? "::" : "", name);
		if (tag == DW_TAG_subprogram && dwarf_attr(&c, DW_AT_inline, &a)) {
			if (fa_grow((void **)&ix->e, cap, ix->n, sizeof(*ix->e)) < 0 ||
			    !(ix->e[ix->n].name = strdup(q)))
				return -ENOMEM;
			ix->e[ix->n++].off = dwarf_dieoffset(&c);
		} else if ((tag == DW_TAG_namespace || tag == DW_TAG_class_type ||
			    tag == DW_TAG_structure_type) &&
			   inl_scan(ix, cap, &c, q) < 0) {
			return -ENOMEM;
		}
	} while (dwarf_siblingof(&c, &c) == 0);
	return 0;
}

struct inl_build {
	struct sym_inl_index *ix;
	size_t cap;
	int err;
};

static bool inl_scan_cu(Dwarf_Die *cu, void *arg)
{
	struct inl_build *b = arg;

	b->err = inl_scan(b->ix, &b->cap, cu, "");
	return b->err < 0;
}

/* Does the qualified name q designate what query (no parameters) names: q itself, a "::"
 * suffix of it, or either without q's template arguments? */
static bool inl_matches(const char *q, const char *query, size_t qlen)
{
	size_t n = strlen(q);

	if (!strchr(query, '<') && n && q[n - 1] == '>' && strchr(q, '<'))
		n = (size_t)(strrchr(q, '<') - q);
	return n >= qlen && !memcmp(q + n - qlen, query, qlen) &&
	       (n == qlen || (n > qlen + 1 && q[n - qlen - 1] == ':' && q[n - qlen - 2] == ':'));
}

/* No symbol has the name: a function that exists only as inlined copies (a static inline
 * one). Gather the abstract instances of that name from each module's index. */
static int fa_inline_only(struct fa *f, struct sym_state *s, const char *spec)
{
	char modname[256];
	const char *name = sym_split_module(spec, modname, sizeof(modname));
	size_t n, qlen, start = 0, end;
	Dwfl_Module **mods = sym_modules_sorted(s, &n);
	int r = 0;

	if (strchr(name, '(') && sym_cxx_base(name, &start, &end))
		qlen = end - start;
	else
		qlen = strlen(name);
	name += start;
	for (size_t i = 0; i < n && r == 0; i++) {
		struct sym_mod *m = sym_mod_of(mods[i]);
		struct sym_inl_index *ix = m ? &m->dnames.inl : NULL;
		Dwarf_Addr bias;
		Dwarf *dw;

		if (!ix || (modname[0] && !strstr(sym_mod_path(mods[i]), modname)))
			continue;
		if (!ix->built && (dw = dwfl_module_getdwarf(mods[i], &bias))) {
			struct inl_build b = { .ix = ix };
			sym_each_cu(dw, inl_scan_cu, &b);
			if ((r = b.err) < 0)
				sym_inl_free(ix);
		}
		ix->built = true;
		for (size_t k = 0; k < ix->n && r == 0; k++)
			if (inl_matches(ix->e[k].name, name, qlen))
				r = fa_origin(f, mods[i], ix->e[k].off);
	}
	free(mods);
	return r;
}

static int by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Gather into f every location of func (a name, or module:name). 0 or a failure code. */
static int fa_gather(cdbg_proc *p, struct sym_state *s, const char *func, struct fa *f)
{
	int r = sym_lookup_funcs(p, s, func, fa_symbol, f);

	if (r == CDBG_ENOSYM)
		r = fa_inline_only(f, s, func);
	if (r >= 0)
		r = fa_inlined(f);
	return r;
}

/* gdb's FILE:FUNC: the locations of FUNC in source file FILE (the file of the location's line,
 * or of its unit; any suffix of the path after a '/'). Tried before cdbg's module:FUNC. */
static int fa_in_file(cdbg_proc *p, struct sym_state *s, const char *file, const char *func,
		      struct fa *f)
{
	size_t k = 0;
	int r = fa_gather(p, s, func, f);

	for (size_t i = 0; r >= 0 && i < f->n; i++)
		if (sym_addr_in_file(p, f->a[i], file))
			f->a[k++] = f->a[i];
	f->n = r >= 0 ? k : 0;
	f->no = 0;
	return r == -ENOMEM ? r : 0;
}

/* The label called name in function die parent or its blocks: its address (unit-relative). */
static bool find_label(Dwarf_Die *parent, const char *name, Dwarf_Addr *lo)
{
	Dwarf_Die c;

	if (dwarf_child(parent, &c) != 0)
		return false;
	do {
		int tag = dwarf_tag(&c);
		const char *n = dwarf_diename(&c);
		if (tag == DW_TAG_label && n && !strcmp(n, name) && dwarf_lowpc(&c, lo) == 0)
			return true;
		if (tag == DW_TAG_lexical_block && find_label(&c, name, lo))
			return true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

/* gdb's FUNCTION:LABEL: the label's own address (no prologue to skip), when func has one. */
static int fa_label(cdbg_proc *p, struct sym_state *s, const char *func, const char *label,
		    struct fa *f)
{
	struct cdbg_symbol sym;
	Dwfl_Module *mod;
	Dwarf_Die buf, fn, *cu;
	Dwarf_Addr bias, lo;
	bool found = cdbg_sym_by_name(p, func, &sym) == 0 &&
		     (mod = sym_addr_module(p, s, sym.addr)) &&
		     (cu = sym_addr_cu(mod, sym.addr, &bias, &buf)) &&
		     find_function(cu, sym.addr - bias, &fn) && find_label(&fn, label, &lo);

	cdbg__clear_error(p);
	return found ? fa_add(f, lo + bias) : 0;
}

int cdbg_func_break_addrs(cdbg_proc *p, const char *func, uint64_t *addrs, size_t max)
{
	struct sym_state *s = sym_session(p, "find a function");
	struct fa f = { .p = p };
	char file[256];
	size_t n = 0;
	int r = 0;

	if (!s)
		return cdbg_errcode(p);
	if (!func || !func[0])
		return cdbg__fail(p, -EINVAL, "cannot find a function: the name is empty");
	const char *name = sym_split_module(func, file, sizeof(file));
	if (name != func)
		r = fa_in_file(p, s, file, name, &f);
	if (name != func && r >= 0 && f.n == 0)
		r = fa_label(p, s, file, name, &f);
	if (r >= 0 && f.n == 0)
		r = fa_gather(p, s, func, &f);
	if (r == -ENOMEM)
		r = cdbg__fail(p, -ENOMEM, "cannot find function '%s': out of memory", func);
	if (r >= 0 && f.n == 0)
		r = cdbg__fail(p, CDBG_ENOSYM, "no function '%s' in the program or its libraries",
			       func);
	if (r >= 0) {
		qsort(f.a, f.n, sizeof(*f.a), by_u64);
		for (size_t i = 0; i < f.n; i++)
			if (i == 0 || f.a[i] != f.a[i - 1]) {
				if (n < max)
					addrs[n] = f.a[i];
				n++;
			}
		r = n > INT32_MAX ? INT32_MAX : (int)n;
		cdbg__clear_error(p);
	}
	free(f.a);
	free(f.o);
	return r;
}

uint64_t sym_func_body(cdbg_proc *p, uint64_t entry)
{
	struct sym_state *s = sym_session(p, "step into a function");
	struct cdbg_symbol sym;

	if (!s || cdbg_sym_by_addr(p, entry, &sym) < 0 || sym.addr != entry)
		return entry;
	return body_addr(p, sym_addr_module(p, s, entry), entry, sym.size, NULL);
}

/* ---- the line of an address ------------------------------------------------------------- */

int cdbg_line_by_addr(cdbg_proc *p, uint64_t addr, struct cdbg_line *out)
{
	struct sym_state *s = sym_session(p, "find the line of an address");
	const struct sym_lentry *e = NULL;
	struct sym_ltable *t = NULL;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Die *cu, buf;

	if (!s)
		return cdbg_errcode(p);
	mod = sym_addr_module(p, s, addr);
	if (!mod)
		return cdbg_errcode(p) ? cdbg_errcode(p) :
					 cdbg__fail(p, CDBG_ENOLINE,
						    "no line information for %#llx: no "
						    "file is mapped there",
						    (unsigned long long)addr);
	if ((cu = sym_addr_cu(mod, addr, &bias, &buf)) && (t = sym_ltable(mod, cu)))
		e = sym_ltable_find(t, addr - bias, NULL);
	if (!e)
		return cdbg__fail(p, CDBG_ENOLINE, "no line information for %#llx in %s%s",
				  (unsigned long long)addr, sym_mod_path(mod),
				  dwfl_module_getdwarf(mod, &bias) ? "" :
								     " (it has no debug info)");
	memset(out, 0, sizeof(*out));
	out->file_cut = snprintf(out->file, sizeof(out->file), "%s", t->name[e->sub]) >=
			(int)sizeof(out->file);
	out->line = e->line;
	out->column = e->column;
	out->addr = e->pc + bias;
	out->is_stmt = e->stmt;
	cdbg__clear_error(p);
	return 0;
}

/* ---- the addresses of a line ------------------------------------------------------------ */

/* Does a DWARF file name designate the user's file: the same path, or a path ending in it at
 * a '/' (so "sym_basic.c" and "tracees/sym_basic.c" both name /src/tracees/sym_basic.c)? */
static bool file_matches(const char *path, const char *want)
{
	size_t lp = strlen(path), lw = strlen(want);

	if (lw > lp)
		return false;
	if (want[0] == '/')
		return strcmp(path, want) == 0;
	return strcmp(path + lp - lw, want) == 0 && (lp == lw || path[lp - lw - 1] == '/');
}

/* One address found for the line. */
struct hit {
	Dwfl_Module *mod;
	Dwarf_Die cu;
	Dwarf_Addr bias;
	Dwarf_Addr rel;  /* file address of the row */
	Dwarf_Off block; /* gdb's innermost block of it */
	uint64_t addr;   /* process address, after prologue skipping */
};

struct line_query {
	const char *file;
	int line;       /* the line looked for this pass */
	int best;       /* smallest line > line seen with code, 0 if none */
	bool file_seen; /* some compilation unit has the file */
	struct hit *hits;
	size_t n, alloc;
};

static int add_hit(struct line_query *q, Dwfl_Module *mod, Dwarf_Die *cu, Dwarf_Addr bias,
		   Dwarf_Addr rel)
{
	if (q->n == q->alloc) {
		size_t na = q->alloc ? 2 * q->alloc : 16;
		struct hit *h = realloc(q->hits, na * sizeof(*h));
		if (!h)
			return -ENOMEM;
		q->hits = h;
		q->alloc = na;
	}
	q->hits[q->n++] = (struct hit){ .mod = mod, .cu = *cu, .bias = bias, .rel = rel };
	return 0;
}

/* Collect the is_stmt entries of q->line in the files matching q->file, in one CU. */
static int scan_cu(struct line_query *q, Dwfl_Module *mod, Dwarf_Die *cu, Dwarf_Addr bias)
{
	struct sym_ltable *t;
	Dwarf_Files *files;
	size_t nf, i, g;
	bool any = false;
	int r;

	/* The file table alone tells whether the unit is of interest. */
	if (dwarf_getsrcfiles(cu, &files, &nf) != 0)
		return 0;
	for (i = 0; i < nf && !any; i++)
		any = file_matches(dwarf_filesrc(files, i, NULL, NULL) ?: "", q->file);
	if (!any || !(t = sym_ltable(mod, cu)))
		return 0;
	q->file_seen = true;
	for (g = 0; g < t->ngroups; g++) {
		if (!file_matches(t->name[t->sub_of[g]], q->file))
			continue;
		for (i = t->start[g]; i < t->start[g + 1]; i++) {
			const struct sym_lentry *e = &t->e[i];
			if (!e->stmt || e->line < q->line)
				continue;
			if (e->line > q->line) {
				if (!q->best || e->line < q->best)
					q->best = e->line;
				continue;
			}
			if ((r = add_hit(q, mod, cu, bias, e->pc)) < 0)
				return r;
		}
	}
	return 0;
}

/* The units of a module that have the file: every unit's file table is looked at, since a
 * file may be included into several units (glibc includes vfprintf-internal.c in two). */
static int scan_module(struct line_query *q, Dwfl_Module *mod)
{
	Dwarf_Die *cu = NULL;
	Dwarf_Addr bias;
	int r;

	while ((cu = dwfl_module_nextcu(mod, cu, &bias)))
		if ((r = scan_cu(q, mod, cu, bias)) < 0)
			return r;
	return 0;
}

/* Scan the executable, then (when it has no such file) the libraries with DWARF. */
static int scan_modules(cdbg_proc *p, struct sym_state *s, struct line_query *q)
{
	size_t n, i;
	Dwfl_Module **mods = sym_modules_sorted(s, &n);
	Dwarf_Addr bias;
	int r = 0;

	for (i = 0; i < n && r == 0; i++) {
		bool seen = q->file_seen;

		q->file_seen = false;
		if (dwfl_module_getdwarf(mods[i], &bias))
			r = scan_module(q, mods[i]);
		if (i == 0 && q->file_seen && s->exe[0])
			break; /* the executable has the file: its libraries are not searched */
		q->file_seen |= seen;
	}
	free(mods);
	return r;
}

static int by_block(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	return x->rel < y->rel ? -1 : x->rel > y->rel;
}

static int by_addr(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* gdb's filtering of the rows found: one per block, moved past the prologue when at or before
 * it, duplicates dropped. Returns the number left (at the front of q->hits). */
static size_t settle(cdbg_proc *p, struct line_query *q)
{
	size_t i, k = 0;

	if (q->n == 0)
		return 0;
	for (i = 0; i < q->n; i++) {
		Dwarf_Die func;
		struct hit *h = &q->hits[i];
		/* Code in no function (padding after one) is in the unit's static block. */
		if (!pc_function(&h->cu, h->rel, &func, &h->block))
			h->block = dwarf_dieoffset(&h->cu);
	}
	qsort(q->hits, q->n, sizeof(*q->hits), by_block);
	for (i = 0; i < q->n; i++) {
		struct hit *h = &q->hits[i];
		Dwarf_Addr lo, hi;
		Dwarf_Die func;

		if (k > 0 && q->hits[k - 1].mod == h->mod && q->hits[k - 1].block == h->block)
			continue; /* same block: the lowest address stands for it */
		h->addr = h->rel + h->bias;
		if (pc_function(&h->cu, h->rel, &func, NULL) && func_range(&func, &lo, &hi)) {
			uint64_t body = skip_prologue(p, h->mod, &h->cu, h->bias, lo + h->bias,
						      hi + h->bias, true);
			if (h->addr < body)
				h->addr = body;
		}
		q->hits[k++] = *h;
	}
	qsort(q->hits, k, sizeof(*q->hits), by_addr);
	for (i = 0, q->n = k, k = 0; i < q->n; i++)
		if (k == 0 || q->hits[k - 1].addr != q->hits[i].addr)
			q->hits[k++] = q->hits[i];
	return k;
}

static int find_line(cdbg_proc *p, struct sym_state *s, struct line_query *q, int line)
{
	int r;

	q->line = line;
	q->best = 0;
	q->n = 0;
	q->file_seen = false;
	if ((r = scan_modules(p, s, q)) < 0)
		return r;
	if (q->n == 0 && q->best) { /* no code on that line: the next line that has some */
		q->line = q->best;
		if ((r = scan_modules(p, s, q)) < 0)
			return r;
	}
	return 0;
}

int cdbg_addrs_for_line(cdbg_proc *p, const char *file, int line, uint64_t *addrs, size_t max)
{
	struct sym_state *s = sym_session(p, "find the code of a line");
	struct line_query q = { .file = file };
	unsigned gen;
	size_t n, i;
	int r;

	if (!s)
		return cdbg_errcode(p);
	if (!file || !file[0] || line <= 0)
		return cdbg__fail(p, -EINVAL,
				  "cannot find the code of line %d of '%s': give a file "
				  "name and a line number from 1",
				  line, file ? file : "");
	gen = s->gen;
	r = find_line(p, s, &q, line);
	if (r == 0 && q.n == 0 && sym_rereport(p, s, "find the code of a line") == 0 &&
	    s->gen != gen)
		r = find_line(p, s, &q, line); /* perhaps in a library loaded since */
	if (r < 0) {
		free(q.hits);
		return cdbg__fail(p, r, "cannot find the code of %s:%d: out of memory", file, line);
	}
	n = settle(p, &q);
	for (i = 0; i < n && i < max; i++)
		addrs[i] = q.hits[i].addr;
	free(q.hits);
	if (n == 0)
		return q.file_seen ?
			       cdbg__fail(p, CDBG_ENOLINE, "no line %d in file '%s'", line, file) :
			       cdbg__fail(p, CDBG_ENONAME, "no source file named %s", file);
	cdbg__clear_error(p);
	return (int)n;
}
