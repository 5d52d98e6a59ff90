/*
 * dwfl_threads.c - the process state libdwfl's unwinder needs, given through our own
 * Dwfl_Thread_Callbacks (dwfl_attach_state).
 *
 * Owns: sym_dwfl. Threads come from the handle's thread table, registers from
 * loop_regs_fetch (the loop makes the ptrace call), memory from mem_read_quiet (breakpoint
 * bytes hidden). Must not: call dwfl_linux_proc_attach, which would PTRACE_ATTACH and waitpid
 * on its own (elfutils libdwfl/linux-pid-attach.c), nor ptrace or waitpid directly.
 */
#include <string.h>

#include "symbols/symbols.h"

static pid_t next_thread(Dwfl *dwfl, void *arg, void **thread_argp)
{
	cdbg_proc *p = arg;
	size_t i = (size_t)(uintptr_t)*thread_argp;

	/* *thread_argp counts the threads handed out so far. */
	for (; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (!t->unclaimed && !t->untraced) {
			*thread_argp = (void *)(uintptr_t)(i + 1);
			return t->tid;
		}
	}
	return 0;
}

static bool get_thread(Dwfl *dwfl, pid_t tid, void *arg, void **thread_argp)
{
	cdbg_proc *p = arg;
	struct thread *t = thread_find(&p->threads, tid);

	*thread_argp = NULL;
	return t && !t->unclaimed && !t->untraced;
}

static bool memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *arg)
{
	uint64_t w;

	if (mem_read_quiet(arg, addr, &w, sizeof(w)) != (ssize_t)sizeof(w))
		return false;
	*result = w;
	return true;
}

static int first_module(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr start,
			void *arg)
{
	*(struct sym_mod **)arg = *userdata;
	return *userdata ? DWARF_CB_ABORT : DWARF_CB_OK;
}

/* The handle a Dwfl belongs to: every module carries our extras, which point back to it. */
static cdbg_proc *proc_of(Dwfl *dwfl)
{
	struct sym_mod *m = NULL;

	dwfl_getmodules(dwfl, first_module, &m, 0);
	return m ? m->s->p : NULL;
}

/* The registers of a stopped thread, by DWARF number, from the arch register table. */
static bool set_initial_registers(Dwfl_Thread *thread, void *thread_arg)
{
	cdbg_proc *p = proc_of(dwfl_thread_dwfl(thread));
	struct thread *t;
	size_t i;

	(void)thread_arg;
	t = p ? thread_find(&p->threads, dwfl_thread_tid(thread)) : NULL;
	if (!t || t->state != TS_STOPPED || loop_regs_fetch(p, t) < 0)
		return false;
	/* Past a dummy frame (unwind.c): the registers from before the call. */
	struct sym_state *ss = *cdbg__layer(p, CDBG__LAYER_SYM);
	const struct arch_gpr *g = ss && ss->initial ? ss->initial : &t->regs;
	for (i = 0; i < arch_reg_count(); i++) {
		const struct arch_reg *r = arch_reg_at(i);
		Dwarf_Word v = 0;

		if (r->set != ARCH_SET_GPR || r->desc.dwarf < 0 || r->desc.size > sizeof(v))
			continue;
		memcpy(&v, (const char *)g + r->offset, r->desc.size);
		/* libdwfl takes only the registers its frame model has; others fail: fine. */
		dwfl_thread_state_registers(thread, r->desc.dwarf, 1, &v);
	}
	dwfl_thread_state_register_pc(thread, arch_gpr_pc(g));
	return true;
}

static void detach(Dwfl *dwfl, void *arg)
{
	(void)dwfl;
	(void)arg; /* the loop owns the process; nothing was taken here */
}

static const Dwfl_Thread_Callbacks callbacks = {
	.next_thread = next_thread,
	.get_thread = get_thread,
	.memory_read = memory_read,
	.set_initial_registers = set_initial_registers,
	.detach = detach,
};

Dwfl *sym_dwfl(cdbg_proc *p)
{
	struct sym_state *s = sym_session(p, "unwind the stack");

	if (!s)
		return NULL;
	if (!s->attached) {
		if (!dwfl_attach_state(s->dwfl, NULL, s->pid, &callbacks, p)) {
			cdbg__fail(p, CDBG_ENOSYM, "cannot unwind the stack of process %d: %s",
				   (int)s->pid, sym_dwfl_error());
			return NULL;
		}
		s->attached = true;
	}
	return s->dwfl;
}
