/*
 * siginfo.c - gdb's $_siginfo: the siginfo of a stopped thread (or of a core's thread) as a
 * value of gdb's own type, struct siginfo, whatever the program declares. The type's DWARF
 * comes from siginfo_gdb.c, compiled and embedded by the build (siginfo_blob.S), so that
 * printing, ptype, member access and conditions treat it as any program type.
 *
 * The same DWARF holds gdb's built-in C types (vars_builtin_type), for values made without
 * the program's types.
 *
 * Owns: reading that embedded DWARF once, the value, and the built-in types. Must not: make ptrace requests
 * (target's loop_siginfo reads and writes the siginfo).
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "values/vars.h"

extern const unsigned char cdbg__siginfo_elf[], cdbg__siginfo_elf_end[];

static struct {
	pthread_once_t once;
	bool ok;
	Dwarf_Die die; /* struct siginfo */
	bool builtin_ok;
	Dwarf_Die builtin; /* struct cdbg_builtin_types */
} si_type = { PTHREAD_ONCE_INIT, false, { 0 }, false, { 0 } };

static void si_load(void)
{
	size_t len = (size_t)(cdbg__siginfo_elf_end - cdbg__siginfo_elf);
	char *img = malloc(len); /* libelf wants it writable; kept for the process's life */
	Dwarf_Off off = 0, next;
	size_t hsize;
	Elf *elf;
	Dwarf *dw;

	if (!img)
		return;
	memcpy(img, cdbg__siginfo_elf, len);
	elf_version(EV_CURRENT);
	if (!(elf = elf_memory(img, len)) || !(dw = dwarf_begin_elf(elf, DWARF_C_READ, NULL)))
		return;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, kid;
		if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &kid) == 0) {
			do {
				const char *n = dwarf_diename(&kid);
				if (dwarf_tag(&kid) != DW_TAG_structure_type || !n)
					continue;
				if (!strcmp(n, "siginfo")) {
					si_type.die = kid;
					si_type.ok = true;
				} else if (!strcmp(n, "cdbg_builtin_types")) {
					si_type.builtin = kid;
					si_type.builtin_ok = true;
				}
			} while (dwarf_siblingof(&kid, &kid) == 0);
		}
		off = next;
	}
}

int vars_siginfo(cdbg_proc *p, struct thread *t, struct expr_value *out)
{
	siginfo_t si;
	uint64_t addr;
	int r;

	pthread_once(&si_type.once, si_load);
	if (!si_type.ok)
		return cdbg__fail(p, CDBG_EBADEXPR, "cdbg has no siginfo type");
	if ((r = loop_siginfo(p, t, &si, NULL)) < 0)
		return cdbg__fail(p, r, "Unable to read siginfo");
	if (!(addr = vars_hold(p, &si, sizeof(si))))
		return cdbg__fail(p, CDBG_ENOMEM, "no room for the siginfo");
	memset(out, 0, sizeof(*out));
	out->type.dtype = vt_intern(p, &si_type.die, 0);
	out->type.kind = EXPR_AGG;
	out->type.size = sizeof(si);
	out->lvalue = true;
	out->addr = addr;
	return out->type.dtype ? 0 : cdbg__fail(p, CDBG_ENOMEM, "no room for the siginfo");
}

bool vars_builtin_die(const char *name, Dwarf_Die *out)
{
	Dwarf_Die m;

	pthread_once(&si_type.once, si_load);
	if (!si_type.builtin_ok || dwarf_child(&si_type.builtin, &m) != 0)
		return false;
	do {
		const char *n;
		if (dwarf_tag(&m) == DW_TAG_member && vt_type_of(&m, out) &&
		    (n = dwarf_diename(out)) && !strcmp(n, name))
			return true;
	} while (dwarf_siblingof(&m, &m) == 0);
	return false;
}

uint32_t vars_builtin_type(cdbg_proc *p, const char *name)
{
	Dwarf_Die t;

	return vars_builtin_die(name, &t) ? vt_intern(p, &t, 0) : 0;
}

uint32_t vars_char_type(cdbg_proc *p)
{
	return vt_lookup(p, "char");
}
