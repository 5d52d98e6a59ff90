/*
 * ifunc.c - where a GNU indirect function (STT_GNU_IFUNC) went: the implementation its
 * resolver picked, as the program's own GOT slot for it says once the dynamic linker (or, in a
 * static program, the startup code) has run the resolver. gdb's elf_gnu_ifunc_resolve_by_got:
 * a JUMP_SLOT or GLOB_DAT relocation naming the function, or an IRELATIVE one whose addend is
 * the resolver, in any module; the slot counts when it no longer points back into its module's
 * PLT (lazy binding not done yet), at the resolver or at nothing.
 *
 * Owns: cdbg_sym_ifunc_target. Must not: call the resolver (ops/ and the CLI do, when the slot
 * says nothing), touch the process but to read its memory (mem_read_quiet), print, exit.
 */
#include <elf.h>
#include <errno.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"
#include "target/breakpoint.h"

/* Is v in one of mod's PLT sections (.plt, .plt.sec, .iplt: a lazy slot not yet bound)? */
static bool in_plt(Elf *elf, GElf_Addr bias, uint64_t v)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(elf, &shstrndx) < 0)
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name)) ||
		    strncmp(name, ".plt", 4) != 0)
			continue;
		if (v >= sh.sh_addr + bias && v < sh.sh_addr + bias + sh.sh_size)
			return true;
	}
	return false;
}

/* Does relocation r of section sh (of elf) designate the indirect function sym? */
static bool names_ifunc(Elf *elf, const GElf_Shdr *sh, const GElf_Rela *r, GElf_Addr bias,
			const struct cdbg_symbol *sym)
{
	unsigned type = (unsigned)GELF_R_TYPE(r->r_info);
	size_t ndx = GELF_R_SYM(r->r_info);
	Elf_Scn *symscn;
	Elf_Data *d;
	GElf_Sym es;
	const char *name;
	size_t len = strlen(sym->name);

	if (type == R_X86_64_IRELATIVE)
		return (uint64_t)r->r_addend + bias == sym->addr;
	if ((type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) || !ndx ||
	    !(symscn = elf_getscn(elf, sh->sh_link)) || !(d = elf_getdata(symscn, NULL)) ||
	    !gelf_getsym(d, (int)ndx, &es))
		return false;
	GElf_Shdr ssh;
	if (!gelf_getshdr(symscn, &ssh) || !(name = elf_strptr(elf, ssh.sh_link, es.st_name)))
		return false;
	return !strncmp(name, sym->name, len) && (name[len] == '\0' || name[len] == '@');
}

/* The value of a slot of mod that designates sym and holds a resolved address: 0 with *target,
 * or -1. */
static int module_slot(cdbg_proc *p, Dwfl_Module *mod, const struct cdbg_symbol *sym,
		       uint64_t *target)
{
	GElf_Addr bias = 0;
	Elf *elf = dwfl_module_getelf(mod, &bias);
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (!elf)
		return -1;
	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA || !sh.sh_entsize ||
		    !(d = elf_getdata(scn, NULL)))
			continue;
		size_t n = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; i < n; i++) {
			GElf_Rela r;
			uint64_t v = 0;
			if (!gelf_getrela(d, (int)i, &r) || !names_ifunc(elf, &sh, &r, bias, sym))
				continue;
			if (mem_read_quiet(p, r.r_offset + bias, &v, sizeof(v)) != sizeof(v) ||
			    !v || v == sym->addr || in_plt(elf, bias, v))
				continue;
			*target = v;
			return 0;
		}
	}
	return -1;
}

int cdbg_sym_ifunc_target(cdbg_proc *p, const struct cdbg_symbol *sym, uint64_t *target)
{
	struct sym_state *s = sym_session(p, "resolve an indirect function");
	Dwfl_Module **mods;
	size_t n;
	int r = CDBG_ENOSYM;

	if (!s)
		return cdbg_errcode(p);
	if (sym->kind != CDBG_SYM_IFUNC || sym->name_cut)
		return cdbg__fail(p, -EINVAL, "%s is not a GNU indirect function", sym->name);
	mods = sym_modules_sorted(s, &n);
	if (!mods && n)
		return cdbg__fail(p, -ENOMEM, "cannot list the modules: out of memory");
	for (size_t i = 0; i < n && r; i++)
		if (module_slot(p, mods[i], sym, target) == 0)
			r = 0;
	free(mods);
	if (r)
		return cdbg__fail(p, r, "the indirect function %s is not resolved yet", sym->name);
	cdbg__clear_error(p);
	return 0;
}
