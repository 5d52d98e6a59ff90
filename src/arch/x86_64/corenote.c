/*
 * corenote.c - the kernel's x86-64 layouts of a core file's process and thread notes
 * (NT_PRSTATUS, NT_PRPSINFO), decoded into the arch layer's types.
 *
 * Owns: arch_core_prstatus, arch_core_prpsinfo. Must not: trust the note: a descriptor of the
 * wrong size is refused, strings are cut and terminated.
 */
#include <string.h>
#include <sys/procfs.h>

#include "arch/arch.h"

_Static_assert(sizeof(elf_gregset_t) == sizeof(struct arch_gpr),
	       "pr_reg is the user_regs_struct the registers are kept in");

int arch_core_prstatus(const void *desc, size_t len, struct arch_core_thread *out)
{
	struct elf_prstatus st;

	if (len < sizeof(st))
		return -1;
	memcpy(&st, desc, sizeof(st));
	memset(out, 0, sizeof(*out));
	out->tid = st.pr_pid;
	out->cursig = st.pr_cursig;
	memcpy(&out->regs, &st.pr_reg, sizeof(out->regs));
	return 0;
}

int arch_core_prpsinfo(const void *desc, size_t len, struct arch_core_proc *out)
{
	struct elf_prpsinfo ps;

	if (len < sizeof(ps))
		return -1;
	memcpy(&ps, desc, sizeof(ps));
	memset(out, 0, sizeof(*out));
	out->pid = ps.pr_pid;
	memcpy(out->fname, ps.pr_fname, sizeof(ps.pr_fname));
	memcpy(out->psargs, ps.pr_psargs, sizeof(ps.pr_psargs));
	return 0;
}
