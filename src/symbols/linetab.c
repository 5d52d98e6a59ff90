/*
 * linetab.c - a compilation unit's line table as gdb sees it.
 *
 * Owns: struct sym_ltable, built from libdw's rows (dwarf_getsrclines) the first time a lookup
 * needs that unit, and kept per module; the builder itself works on plain rows (struct
 * sym_lrow, sym_ltable_fill), so that tests/unit/test_linetab.c drives it without libdw. gdb
 * does not use DWARF rows as they are: it splits them by source file ("subfiles"), drops a
 * repeated row of the same line when the line had a non-zero discriminator, drops the rows of a
 * file that end at the address where another file takes over, and marks the end of each run
 * with a line-0 entry (gdb/dwarf2/read.c lnp_state_machine::record_line, gdb/buildsym.c
 * record_line). Lookups done on the same view
 * give gdb's answers for optimized code too. Must not: call ptrace or waitpid.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf.h>

#include "symbols/symbols.h"

/* One subfile's entries while building. */
struct vec {
	struct sym_lentry *v;
	size_t n, cap;
	size_t first; /* order of first appearance, for gdb's search order */
	bool seen;
};

static int push(struct vec *s, uint64_t pc, int line, int col, unsigned sub, bool stmt, bool pend)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? 2 * s->cap : 16;
		struct sym_lentry *v = realloc(s->v, nc * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = nc;
	}
	s->v[s->n++] = (struct sym_lentry){
		.pc = pc, .line = line, .column = col, .sub = sub, .stmt = stmt, .prologue_end = pend
	};
	return 0;
}

/* gdb's end marker: drop the subfile's entries at addr, then a line-0 entry unless the
 * subfile is empty or already ends with one. */
static int finish(struct vec *subs, int sub, uint64_t addr)
{
	struct vec *s;
	int last = 0;
	bool any = false;

	if (sub < 0)
		return 0;
	s = &subs[sub];
	while (s->n) {
		last = s->v[s->n - 1].line;
		any = true;
		if (s->v[s->n - 1].pc != addr)
			break;
		s->n--;
	}
	if (!any || last == 0)
		return 0;
	return push(s, addr, 0, 0, (unsigned)sub, true, false);
}

/* Subfiles: one per distinct file name (DWARF 5 lists the primary file twice). */
static unsigned *map_files(Dwarf_Files *files, size_t nf, const char ***names, size_t *nsub)
{
	unsigned *map = malloc((nf ? nf : 1) * sizeof(*map));
	const char **nm = malloc((nf ? nf : 1) * sizeof(*nm));
	size_t i, k;

	*nsub = 0;
	if (!map || !nm) {
		free(map);
		free(nm);
		return NULL;
	}
	for (i = 0; i < nf; i++) {
		const char *f = dwarf_filesrc(files, i, NULL, NULL);
		if (!f)
			f = "";
		for (k = 0; k < *nsub && strcmp(nm[k], f) != 0; k++)
			;
		if (k == *nsub)
			nm[(*nsub)++] = f;
		map[i] = (unsigned)k;
	}
	*names = nm;
	return map;
}

/* Replay the rows through gdb's recording rules into per-subfile vectors. */
static int record(const struct sym_lrow *rows, size_t n, const unsigned *map, size_t nf,
		  struct vec *subs)
{
	int last_sub = -1, last_line = 0, prev_line = 1, r;
	bool in_seq = false, skip = false, flag = false, stmt_here = false;
	uint64_t last_addr = 0;
	size_t i, order = 0;

	for (i = 0; i < n; i++) {
		const struct sym_lrow *l = &rows[i];
		uint64_t addr = l->addr;
		int line = l->line, sub;
		bool stmt = l->stmt, changed, ignore;

		if (!in_seq) { /* gdb's state machine starts afresh for each sequence */
			in_seq = true;
			skip = addr == 0; /* code the linker dropped */
			last_sub = -1;
			last_line = 0;
			last_addr = 0;
			prev_line = 1;
			flag = false;
			stmt_here = false;
		}
		if (l->end_seq) {
			if (!skip && (r = finish(subs, last_sub, addr)) < 0)
				return r;
			in_seq = false;
			continue;
		}
		if (skip || l->file >= nf)
			continue;
		/* "this line has had a non-zero discriminator" (gdb's PR 17276 rule) */
		flag = line != prev_line ? l->disc != 0 : (flag || l->disc != 0);
		prev_line = line;
		sub = (int)map[l->file];
		if (!subs[sub].seen) {
			subs[sub].seen = true;
			subs[sub].first = order++;
		}
		changed = sub != last_sub;
		/* A non-statement row of another file at an address that already has a statement
		 * row is dropped (it would end the previous file's run there). */
		if (last_addr != addr)
			stmt_here = false;
		ignore = (changed && last_addr == addr && !stmt && stmt_here) || line == 0;
		if (changed && !ignore && (r = finish(subs, last_sub, addr)) < 0)
			return r;
		if (!ignore) {
			if ((changed || line != last_line || !flag) &&
			    (r = push(&subs[sub], addr, line, l->column, (unsigned)sub, stmt,
				      l->prologue_end)) < 0)
				return r;
			last_sub = sub;
			last_line = line;
		}
		last_addr = addr;
		stmt_here |= stmt;
	}
	return 0;
}

/* libdw's rows as plain rows (the fields libdw cannot give keep their zero values). */
static struct sym_lrow *rows_of(Dwarf_Lines *lines, size_t n)
{
	struct sym_lrow *rows = malloc((n ? n : 1) * sizeof(*rows));

	for (size_t i = 0; rows && i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		struct sym_lrow *r = &rows[i];
		Dwarf_Addr addr = 0;
		Dwarf_Files *f;
		size_t fi = 0;

		memset(r, 0, sizeof(*r));
		dwarf_lineaddr(l, &addr);
		r->addr = addr;
		dwarf_lineno(l, &r->line);
		dwarf_linecol(l, &r->column);
		dwarf_linebeginstatement(l, &r->stmt);
		dwarf_lineendsequence(l, &r->end_seq);
		dwarf_lineprologueend(l, &r->prologue_end);
		dwarf_linediscriminator(l, &r->disc);
		r->file = dwarf_line_file(l, &f, &fi) == 0 ? fi : SIZE_MAX;
	}
	return rows;
}

/* The unit's primary source file: DW_AT_name, made absolute with DW_AT_comp_dir. */
static const char *cu_name(Dwarf_Die *cu, char *buf, size_t len)
{
	Dwarf_Attribute a;
	const char *name = dwarf_diename(cu);
	const char *dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a));

	if (!name)
		return NULL;
	if (name[0] != '/' && dir)
		snprintf(buf, len, "%s/%s", dir, name);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

/* The CU's primary file among the subfiles. */
static int main_subfile(Dwarf_Die *cu, const char **names, size_t nsub)
{
	char full[4096];
	size_t k;

	if (!cu_name(cu, full, sizeof(full)))
		return -1;
	for (k = 0; k < nsub; k++)
		if (strcmp(names[k], full) == 0)
			return (int)k;
	return -1;
}

/* Lay the subfiles out in gdb's search order: the primary file first, then the others, the
 * most recently started first. */
static int assemble(struct sym_ltable *t, struct vec *subs, size_t nsub, int primary)
{
	size_t *order = malloc((nsub + 1) * sizeof(*order)), i, j, k = 0, total = 0;

	if (!order)
		return -ENOMEM;
	if (primary >= 0)
		order[k++] = (size_t)primary;
	for (i = nsub; i-- > 0;) { /* by first appearance, latest first */
		size_t best = nsub;
		for (j = 0; j < nsub; j++)
			if ((int)j != primary && subs[j].seen && subs[j].first == i)
				best = j;
		if (best < nsub)
			order[k++] = best;
	}
	for (i = 0; i < k; i++)
		total += subs[order[i]].n;
	t->e = malloc((total ? total : 1) * sizeof(*t->e));
	t->start = malloc((k + 1) * sizeof(*t->start));
	t->sub_of = malloc((k ? k : 1) * sizeof(*t->sub_of));
	if (!t->e || !t->start || !t->sub_of) {
		free(order);
		return -ENOMEM;
	}
	for (i = 0, t->n = 0; i < k; i++) {
		t->start[i] = t->n;
		t->sub_of[i] = (unsigned)order[i];
		if (subs[order[i]].n) /* an empty sequence (bad DWARF) may have no array */
			memcpy(t->e + t->n, subs[order[i]].v, subs[order[i]].n * sizeof(*t->e));
		t->n += subs[order[i]].n;
	}
	t->start[k] = t->n;
	t->ngroups = k;
	free(order);
	return 0;
}

static void ltable_free(struct sym_ltable *t)
{
	if (!t)
		return;
	free(t->e);
	free(t->start);
	free(t->sub_of);
	free(t->name);
	free(t);
}

int sym_ltable_fill(struct sym_ltable *t, const struct sym_lrow *rows, size_t n,
		    const unsigned *map, size_t nf, size_t nsub, int primary)
{
	struct vec *subs = calloc(nsub ? nsub : 1, sizeof(*subs));
	int r;

	if (!subs)
		return -ENOMEM;
	r = record(rows, n, map, nf, subs);
	if (r == 0)
		r = assemble(t, subs, nsub, primary);
	for (size_t i = 0; i < nsub; i++)
		free(subs[i].v);
	free(subs);
	return r;
}

static struct sym_ltable *ltable_build(Dwarf_Die *cu)
{
	struct sym_ltable *t = calloc(1, sizeof(*t));
	struct sym_lrow *rows = NULL;
	Dwarf_Lines *lines;
	Dwarf_Files *files;
	unsigned *map = NULL;
	size_t n, nf;
	int r = -1;

	if (!t || dwarf_getsrclines(cu, &lines, &n) != 0 || dwarf_getsrcfiles(cu, &files, &nf) != 0)
		goto out;
	t->cu = dwarf_dieoffset(cu);
	t->locs_valid = -1;
	map = map_files(files, nf, &t->name, &t->nsub);
	rows = rows_of(lines, n);
	if (!map || !rows)
		goto out;
	r = sym_ltable_fill(t, rows, n, map, nf, t->nsub, main_subfile(cu, t->name, t->nsub));
out:
	free(rows);
	free(map);
	if (r < 0) {
		ltable_free(t);
		return NULL;
	}
	return t;
}

struct sym_ltable *sym_ltable(Dwfl_Module *mod, Dwarf_Die *cu)
{
	struct sym_mod *m = sym_mod_of(mod);
	Dwarf_Off off = dwarf_dieoffset(cu);
	size_t lo = 0, hi, mid;
	struct sym_ltable *t, **v;

	if (!m)
		return NULL;
	for (hi = m->nltabs; lo < hi;) { /* kept sorted by CU offset */
		mid = lo + (hi - lo) / 2;
		if (m->ltabs[mid]->cu == off)
			return m->ltabs[mid];
		if (m->ltabs[mid]->cu < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!(t = ltable_build(cu)))
		return NULL;
	if (!(v = realloc(m->ltabs, (m->nltabs + 1) * sizeof(*v)))) {
		ltable_free(t);
		return NULL;
	}
	m->ltabs = v;
	memmove(v + lo + 1, v + lo, (m->nltabs - lo) * sizeof(*v));
	v[lo] = t;
	m->nltabs++;
	return t;
}

static int by_lo(const void *a, const void *b)
{
	const struct sym_curange *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Collect every unit's ranges once (DWARF without .debug_aranges: Go). */
static void curanges_build(Dwfl_Module *mod, struct sym_mod *m)
{
	Dwarf_Die *cu = NULL;
	Dwarf_Addr bias, base, lo, hi;
	size_t cap = 0;

	m->cur_built = true;
	while ((cu = dwfl_module_nextcu(mod, cu, &bias))) {
		ptrdiff_t off = 0;
		while ((off = dwarf_ranges(cu, off, &base, &lo, &hi)) > 0) {
			if (m->ncur == cap) {
				size_t nc = cap ? 2 * cap : 64;
				struct sym_curange *v = realloc(m->cur, nc * sizeof(*v));
				if (!v)
					return;
				m->cur = v;
				cap = nc;
			}
			m->cur[m->ncur++] = (struct sym_curange){ lo, hi, dwarf_dieoffset(cu) };
		}
	}
	if (m->ncur > 1) /* no unit with ranges (bad DWARF): m->cur stays NULL */
		qsort(m->cur, m->ncur, sizeof(*m->cur), by_lo);
}

Dwarf_Die *sym_addr_cu(Dwfl_Module *mod, uint64_t addr, Dwarf_Addr *bias, Dwarf_Die *buf)
{
	Dwarf_Die *cu = dwfl_module_addrdie(mod, addr, bias);
	struct sym_mod *m = sym_mod_of(mod);
	Dwarf_Aranges *ar;
	size_t n, lo = 0, hi;
	Dwarf *dw;

	if (cu || !m || !(dw = dwfl_module_getdwarf(mod, bias)))
		return cu;
	if (!m->cur_built) {
		if (dwarf_getaranges(dw, &ar, &n) == 0 && n > 0) {
			m->cur_built = true; /* libdwfl had the table: addr is in no unit */
			return NULL;
		}
		curanges_build(mod, m);
	}
	for (hi = m->ncur; lo < hi;) { /* last range starting at or before addr */
		size_t mid = lo + (hi - lo) / 2;
		if (m->cur[mid].lo <= addr - *bias)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0)
		if (m->cur[lo].lo <= addr - *bias && addr - *bias < m->cur[lo].hi)
			return dwarf_offdie(dw, m->cur[lo].cu, buf);
	return NULL;
}

void sym_ltables_free(struct sym_mod *m)
{
	free(m->cur);
	m->cur = NULL;
	m->ncur = 0;
	m->cur_built = false;
	for (size_t i = 0; i < m->nltabs; i++)
		ltable_free(m->ltabs[i]);
	free(m->ltabs);
	m->ltabs = NULL;
	m->nltabs = 0;
}

const struct sym_lentry *sym_ltable_find(const struct sym_ltable *t, uint64_t pc, uint64_t *end)
{
	const struct sym_lentry *best = NULL, *alt = NULL;
	uint64_t best_end = 0;

	/* gdb's find_pc_sect_line: the last entry at or before pc, over every subfile. */
	for (size_t g = 0; g < t->ngroups; g++) {
		const struct sym_lentry *first = t->e + t->start[g], *last = t->e + t->start[g + 1];
		const struct sym_lentry *item = first, *prev = NULL;
		size_t lo = 0, hi = (size_t)(last - first);

		if (first == last)
			continue;
		if (first->pc > pc && (!alt || first->pc < alt->pc))
			alt = first;
		while (lo < hi) { /* upper bound */
			size_t mid = lo + (hi - lo) / 2;
			if (first[mid].pc <= pc)
				lo = mid + 1;
			else
				hi = mid;
		}
		item = first + lo;
		if (item != first) {
			prev = item - 1;
			while (item != last && prev->line == item->line && !item->stmt)
				item++;
		}
		if (prev && prev->line && (!best || prev->pc > best->pc)) {
			best = prev;
			if (!best->stmt) {
				const struct sym_lentry *tmp = best;
				while (tmp > first && (tmp - 1)->pc == tmp->pc &&
				       (tmp - 1)->line != 0 && !tmp->stmt)
					--tmp;
				if (tmp->stmt)
					best = tmp;
			}
			if (best_end <= best->pc)
				best_end = 0;
		}
		if (best && item < last && item->pc > best->pc &&
		    (best_end == 0 || best_end > item->pc))
			best_end = item->pc;
	}
	if (!best || best->line == 0)
		return NULL;
	if (end)
		*end = best_end && (!alt || best_end < alt->pc) ? best_end : alt ? alt->pc : 0;
	return best;
}

size_t sym_ltable_group_of(const struct sym_ltable *t, const struct sym_lentry *e)
{
	size_t g = 0;

	while (g + 1 < t->ngroups && t->e + t->start[g + 1] <= e)
		g++;
	return g;
}
