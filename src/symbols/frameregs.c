/*
 * symbols/frameregs.c - the registers of an outer frame as CFI unwinding (libdwfl) recovers
 * them: the pc, the stack pointer (the CFA) and the registers the frame's CFI saves.
 *
 * Owns: cdbg_frame_reg. Must not: read registers or memory other than through the callbacks
 * of threads.c (which go through the loop), nor write registers.
 */
#include <errno.h>
#include <string.h>

#include "symbols/symbols.h"

struct reg_walk {
	cdbg_proc *p;
	pid_t tid;
	int dummies;          /* dummy frames met */
	bool past;            /* stopped at one: go on from regs */
	struct arch_gpr regs; /* the registers from before that call */
	int level, n;
	int dwarf; /* the DWARF number wanted; -1: the pc */
	uint64_t val;
	int found; /* 1: the frame was reached; 2: and the register recovered */
};

static int at_level(Dwfl_Frame *fr, void *arg)
{
	struct reg_walk *w = arg;
	Dwarf_Addr pc;
	Dwarf_Word v;
	bool act;

	if (dwfl_frame_pc(fr, &pc, &act) &&
	    sym_at_dummy(w->p, w->tid, pc, act, w->dummies, &w->regs)) {
		/* A call stopped inside: the dummy frame saves nothing; past it, the thread's
		 * registers from before the call. */
		w->dummies++;
		if (w->n++ == w->level) {
			w->found = 1;
			return DWARF_CB_ABORT;
		}
		w->past = true;
		return DWARF_CB_ABORT;
	}
	if (w->n++ < w->level)
		return DWARF_CB_OK;
	w->found = 1;
	if (w->dwarf < 0) {
		if (dwfl_frame_pc(fr, &pc, &act)) {
			w->val = pc;
			w->found = 2;
		}
	} else if (dwfl_frame_reg(fr, (unsigned)w->dwarf, &v) == 0) {
		w->val = v;
		w->found = 2;
	}
	return DWARF_CB_ABORT;
}

int cdbg_frame_reg(cdbg_proc *p, pid_t tid, int frame, const char *name, uint64_t *val)
{
	const char *role, *shown = name && *name == '$' ? name + 1 : name;
	const struct arch_reg *r;
	struct reg_walk w = { .p = p, .tid = tid, .level = frame, .dwarf = -1 };
	Dwfl *dwfl;

	if (!shown || !val)
		return cdbg__fail(p, -EINVAL, "no register or no place for its value");
	if (frame <= 0)
		return cdbg_reg_get(p, tid, shown, val);
	if (!loop_stopped_thread(p, tid, "read the registers of a frame"))
		return cdbg_errcode(p);
	role = arch_reg_role_alias(shown);
	r = arch_reg_by_name(role ? role : shown);
	if (!r && !cdbg_reg_lookup(shown))
		return cdbg__fail(p, CDBG_ENOREG, "no register named '%s'", shown);
	if (!r || r->set != ARCH_SET_GPR || r->desc.size != 8 ||
	    (strcmp(r->desc.name, arch_reg_role_name(ARCH_ROLE_PC)) &&
	     (r->desc.dwarf < 0 || r->desc.dwarf > 16)))
		return cdbg__fail(p, CDBG_ENOREG, "register %s of frame %d is not saved", shown,
				  frame);
	if (strcmp(r->desc.name, arch_reg_role_name(ARCH_ROLE_PC)))
		w.dwarf = r->desc.dwarf;
	if (!(dwfl = sym_dwfl(p)))
		return cdbg_errcode(p);
	dwfl_getthread_frames(dwfl, tid, at_level, &w);
	while (w.past && !w.found) {
		struct arch_gpr g = w.regs;

		w.past = false;
		sym_walk_frames(p, dwfl, tid, &g, at_level, &w);
	}
	if (!w.found)
		return cdbg__fail(p, CDBG_ENOFRAME, "no frame at level %d", frame);
	if (w.found < 2)
		return cdbg__fail(p, CDBG_ENOREG, "register %s of frame %d is not saved", shown,
				  frame);
	*val = w.val;
	cdbg__clear_error(p);
	return 0;
}
