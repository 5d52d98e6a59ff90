/*
 * values/symlist_elf.c - the "Non-debugging symbols" of a listing: a module's ELF symbols that
 * its DWARF does not describe (functions outside every unit's code, variables DWARF does not
 * name), and the "NAME@plt" entries of its PLT that BFD synthesizes for gdb, found by decoding
 * each entry's `jmp *GOT(%rip)` and the relocation of that GOT slot.
 *
 * Owns: nothing kept. Must not: read tracee memory (the PLT bytes come from the file), print.
 */
#include <dwarf.h>
#include <errno.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "values/symlist.h"

/* ---- names of DWARF variables */

int sl_names_add(struct sl_names *s, const char *name)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		const char **nv = realloc(s->v, cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = name;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void sl_names_sort(struct sl_names *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

void sl_names_free(struct sl_names *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static bool names_has(const struct sl_names *s, const char *name)
{
	return s && s->n && bsearch(&name, s->v, s->n, sizeof(*s->v), cmp_str);
}

/* ---- the PLT */

struct got_rel {
	uint64_t off; /* file address of the GOT slot */
	const char *name;
};

static int cmp_rel(const void *a, const void *b)
{
	const struct got_rel *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The GOT slots that JUMP_SLOT and GLOB_DAT relocations fill, with their symbols' names. */
static int got_relocs(Elf *elf, struct got_rel **out, size_t *n)
{
	Elf_Scn *scn = NULL;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh, lsh;
		Elf_Data *d, *syms;
		Elf_Scn *ls;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA || !(sh.sh_flags & SHF_ALLOC))
			continue;
		if (!(ls = elf_getscn(elf, sh.sh_link)) || !gelf_getshdr(ls, &lsh) ||
		    !(syms = elf_getdata(ls, NULL)) || !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Rela r;
			GElf_Sym sym;
			const char *name;
			unsigned type;
			if (!gelf_getrela(d, (int)i, &r))
				break;
			type = GELF_R_TYPE(r.r_info);
			if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT)
				continue;
			if (!gelf_getsym(syms, (int)GELF_R_SYM(r.r_info), &sym) ||
			    !(name = elf_strptr(elf, lsh.sh_link, sym.st_name)) || !*name)
				continue;
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				struct got_rel *nr = realloc(*out, cap * sizeof(*nr));
				if (!nr)
					return -ENOMEM;
				*out = nr;
			}
			(*out)[(*n)++] = (struct got_rel){ r.r_offset, name };
		}
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_rel);
	return 0;
}

static int plt_entries(struct sl_walk *w, Elf *elf, Dwarf_Addr bias)
{
	struct got_rel *rels;
	size_t nrels, shstr;
	Elf_Scn *scn = NULL;
	int rc;

	if (elf_getshdrstrndx(elf, &shstr) != 0 || (rc = got_relocs(elf, &rels, &nrels)) < 0)
		return 0;
	while (nrels && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		const char *sn;
		uint64_t ent, off;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    !(sn = elf_strptr(elf, shstr, sh.sh_name)))
			continue;
		if (!strcmp(sn, ".plt") || !strcmp(sn, ".plt.sec"))
			ent = 16;
		else if (!strcmp(sn, ".plt.got"))
			ent = sh.sh_entsize == 16 ? 16 : 8;
		else
			continue;
		if (!(d = elf_getdata(scn, NULL)) || !d->d_buf)
			continue;
		for (off = strcmp(sn, ".plt") ? 0 : 16; off + ent <= d->d_size; off += ent) {
			const unsigned char *b = (const unsigned char *)d->d_buf + off;
			for (unsigned j = 0; j + 6 <= ent; j++) {
				int32_t disp;
				struct got_rel key, *hit;
				char name[1024];
				if (b[j] != 0xff || b[j + 1] != 0x25)
					continue;
				memcpy(&disp, b + j + 2, 4);
				key.off = sh.sh_addr + off + j + 6 + (int64_t)disp;
				hit = bsearch(&key, rels, nrels, sizeof(*rels), cmp_rel);
				if (!hit)
					break;
				snprintf(name, sizeof(name), "%s@plt", hit->name);
				if (sl_match(w, name)) {
					struct sl_ent e = { .addr = sh.sh_addr + off + bias,
							    .module = w->module,
							    .is_static = true };
					if (!(e.name = e.decl = sl_strdup(w->l, name)) ||
					    sl_add(w->l, &e) < 0) {
						free(rels);
						return -ENOMEM;
					}
				}
				break;
			}
		}
	}
	free(rels);
	return 0;
}

/* ---- the symbol table */

static int cmp_addr(const void *a, const void *b)
{
	const struct sl_ent *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Is symbol sym (in section shndx of elf) one gdb lists as a function (code) or a variable
 * (allocated data)? */
static bool wanted(struct sl_walk *w, Elf *elf, const GElf_Sym *sym, GElf_Word shndx)
{
	int type = GELF_ST_TYPE(sym->st_info);
	Elf_Scn *scn;
	GElf_Shdr sh;
	bool code;

	if (type == STT_SECTION || type == STT_FILE || type == STT_TLS)
		return false;
	if (shndx == SHN_UNDEF || shndx == SHN_ABS || shndx == SHN_COMMON)
		return false;
	if (!(scn = elf_getscn(elf, shndx)) || !gelf_getshdr(scn, &sh) ||
	    !(sh.sh_flags & SHF_ALLOC))
		return false;
	code = sh.sh_flags & SHF_EXECINSTR;
	return w->kind == CDBG_LIST_FUNCTIONS ? code : !code;
}

int sl_elf_module(struct sl_walk *w, Dwfl_Module *mod, const struct sl_names *varnames)
{
	int n = dwfl_module_getsymtab(mod);
	size_t first = w->l->n, kept;
	Dwarf_Addr bias;
	Elf *main_elf;
	char dem[1024];

	w->module = sym_mod_path(mod);
	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		Elf *elf;
		Dwarf_Addr sbias;
		Dwarf_Die cub;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, &elf,
							   &sbias);
		if (!name || !*name || (name[0] == '.' && name[1] == 'L') || !elf ||
		    !wanted(w, elf, &sym, shndx))
			continue;
		if (!strncmp(name, "_Z", 2) && sym_demangle(name, dem, sizeof(dem)) > 0)
			name = dem;
		if (!sl_match(w, name))
			continue;
		if (w->kind == CDBG_LIST_FUNCTIONS ? sym_addr_cu(mod, addr, &bias, &cub) != NULL :
						     names_has(varnames, name))
			continue;
		struct sl_ent e = { .addr = addr, .module = w->module, .is_static = true };
		if (!(e.name = e.decl = sl_strdup(w->l, name)) || sl_add(w->l, &e) < 0)
			return -ENOMEM;
	}
	if (w->kind == CDBG_LIST_FUNCTIONS && (main_elf = dwfl_module_getelf(mod, &bias)) &&
	    plt_entries(w, main_elf, bias) < 0)
		return -ENOMEM;
	if (w->l->n > first)
		qsort(w->l->e + first, w->l->n - first, sizeof(*w->l->e), cmp_addr);
	/* one symbol at one address with one name, as gdb compacts its minimal symbols */
	kept = first;
	for (size_t i = first; i < w->l->n; i++) {
		if (kept > first && w->l->e[kept - 1].addr == w->l->e[i].addr &&
		    !strcmp(w->l->e[kept - 1].name, w->l->e[i].name))
			continue;
		w->l->e[kept++] = w->l->e[i];
	}
	w->l->n = kept;
	return 0;
}
