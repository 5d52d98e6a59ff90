/*
 * values/tls.c - the address of a thread-local variable (DW_OP_form_tls_address) in a thread:
 * its offset in its module's TLS block, the block found through the thread's dtv (glibc's
 * dynamic thread vector: the thread pointer's TCB holds it; entry N, 16 bytes each, points to
 * module N's block). The program's own variables (module 1, which glibc gives the executable
 * when it has TLS) are found so; a library's need its module number from the dynamic linker's
 * link_map (libthread_db's way), which cdbg does not read yet: they stay unavailable.
 *
 * Owns: vars_tls_address. Must not: make ptrace requests (the loop's register cache and
 * memory reads do).
 */
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "values/vars.h"

/* The module whose DWARF holds attr's unit, NULL when none. */
static Dwfl_Module *module_of(struct sym_state *s, Dwarf_Attribute *attr)
{
	Dwarf *dw = attr && attr->cu ? dwarf_cu_getdwarf(attr->cu) : NULL;
	Dwfl_Module **mods;
	size_t n;

	if (!dw || !(mods = sym_modules_sorted(s, &n)))
		return NULL;
	Dwfl_Module *found = NULL;
	for (size_t i = 0; i < n && !found; i++) {
		Dwarf_Addr bias;
		if (dwfl_module_getdwarf(mods[i], &bias) == dw)
			found = mods[i];
	}
	free(mods);
	return found;
}

bool vars_tls_address(cdbg_proc *p, struct vframe *f, Dwarf_Attribute *attr, uint64_t offset,
		      uint64_t *addr)
{
	struct sym_state *s;
	Dwfl_Module *mod;
	const char *path;
	uint64_t dtv = 0, block = 0;

	if (!f && VARS(p))
		f = VARS(p)->tls_frame; /* a global found outside the frame's unit */
	if (!f || !f->t || !(s = sym_session(p, "read a thread-local variable")) ||
	    !(mod = module_of(s, attr)) || !(path = sym_mod_path(mod)) || strcmp(path, s->exe))
		return false;
	if (loop_regs_fetch(p, f->t) < 0)
		return false;
	uint64_t tp = arch_gpr_thread_pointer(&f->t->regs);
	if (!tp || mem_read_quiet(p, tp + ARCH_TCB_DTV_OFFSET, &dtv, 8) != 8 || !dtv ||
	    mem_read_quiet(p, dtv + 16 * 1, &block, 8) != 8 || !block || block == UINT64_MAX)
		return false; /* not allocated in this thread (yet) */
	*addr = block + offset;
	return true;
}
