/*
 * symbols/unwind.c - backtraces: CFI unwinding by libdwfl (dwfl_getthread_frames) over the
 * thread state threads.c attaches, each frame named by the symbol and line lookups.
 *
 * Owns: cdbg_backtrace. Must not: read registers or memory other than through the callbacks
 * of threads.c (which go through the loop), nor call ptrace.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"

struct walk {
	cdbg_proc *p;
	struct cdbg_frame *out;
	size_t max, n;
	uint64_t next_sp; /* the sp of the first frame past max: the last one's cfa */
	pid_t tid;
	int dummies;          /* dummy frames met so far */
	bool past;            /* the walk stopped at a dummy frame: go on from regs */
	struct arch_gpr regs; /* the registers from before that call */
	bool sigtramp;        /* a signal trampoline frame was met */
};

int sym_dummy_hook(cdbg_proc *p, sym_dummy_fn fn)
{
	struct sym_state *s = sym_session(p, "unwind the stack");

	if (!s)
		return cdbg_errcode(p);
	s->dummy = fn;
	return 0;
}

bool sym_at_dummy(cdbg_proc *p, pid_t tid, uint64_t pc, bool activation, int nth,
		  struct arch_gpr *regs)
{
	struct sym_state *s = *cdbg__layer(p, CDBG__LAYER_SYM);

	return !activation && s && s->dummy && s->dummy(p, tid, pc, nth, regs);
}

static bool at_dummy(struct walk *w, uint64_t pc, bool activation)
{
	return sym_at_dummy(w->p, w->tid, pc, activation, w->dummies, &w->regs);
}

struct thru {
	cdbg_proc *p;
	pid_t tid;
	int (*fn)(Dwfl_Frame *, void *);
	void *arg;
	int dummies;
	bool past, done;
	struct arch_gpr regs;
};

static int thru_frame(Dwfl_Frame *frame, void *arg)
{
	struct thru *t = arg;
	Dwarf_Addr pc;
	bool act;
	int r;

	bool dummy = dwfl_frame_pc(frame, &pc, &act) &&
		     sym_at_dummy(t->p, t->tid, pc, act, t->dummies, &t->regs);
	r = t->fn(frame, t->arg);
	if (r != DWARF_CB_OK) {
		t->done = true;
		return r;
	}
	if (dummy) {
		t->dummies++;
		t->past = true;
		return DWARF_CB_ABORT;
	}
	return DWARF_CB_OK;
}

int sym_getthread_frames(cdbg_proc *p, Dwfl *dwfl, pid_t tid, int (*fn)(Dwfl_Frame *, void *),
			 void *arg)
{
	struct thru t = { .p = p, .tid = tid, .fn = fn, .arg = arg };
	int r = dwfl_getthread_frames(dwfl, tid, thru_frame, &t);

	for (int i = 0; t.past && !t.done && i < 64; i++) {
		struct arch_gpr g = t.regs;

		t.past = false;
		r = sym_walk_frames(p, dwfl, tid, &g, thru_frame, &t);
	}
	return r;
}

int sym_walk_frames(cdbg_proc *p, Dwfl *dwfl, pid_t tid, const struct arch_gpr *initial,
		    int (*fn)(Dwfl_Frame *, void *), void *arg)
{
	struct sym_state *s = *cdbg__layer(p, CDBG__LAYER_SYM);
	int r;

	s->initial = initial;
	r = dwfl_getthread_frames(dwfl, tid, fn, arg);
	s->initial = NULL;
	return r;
}

/* The stack pointer of a frame (DWARF register 7 on x86-64, as libdwfl's backend has it). */
static uint64_t frame_sp(Dwfl_Frame *frame)
{
	Dwarf_Word v;

	return dwfl_frame_reg(frame, sym_arch_dwarf_sp(), &v) == 0 ? v : 0;
}

static int on_frame(Dwfl_Frame *frame, void *arg)
{
	struct walk *w = arg;
	struct cdbg_frame *f;
	Dwarf_Addr pc;
	bool activation;

	if (!dwfl_frame_pc(frame, &pc, &activation))
		return DWARF_CB_ABORT;
	if (at_dummy(w, pc, activation)) {
		w->dummies++;
		w->past = true;
		if (w->n < w->max) {
			f = &w->out[w->n];
			memset(f, 0, sizeof(*f));
			f->pc = pc;
			f->is_caller = 1;
			f->is_dummy = 1;
			f->sp = frame_sp(frame);
			if (w->n >= 1)
				w->out[w->n - 1].cfa = f->sp;
		}
		w->n++;
		return DWARF_CB_ABORT;
	}
	if (w->n >= w->max) {
		if (w->n == w->max)
			w->next_sp = frame_sp(frame);
		w->n++;
		return w->n > w->max + 4096 ? DWARF_CB_ABORT : DWARF_CB_OK; /* count the rest */
	}
	f = &w->out[w->n++];
	sym_fill_frame(w->p, f, pc, !activation);
	w->sigtramp |= f->is_sigtramp;
	f->sp = frame_sp(frame);
	if (w->n >= 2)
		w->out[w->n - 2].cfa = f->sp;
	return DWARF_CB_OK;
}

char *sym_frame_func(cdbg_proc *p, const struct cdbg_symbol *s)
{
	char *name = s->name_cut ? sym_whole_text(p, s, false) : strdup(s->name);

	if (name)
		cdbg_func_name(name, name, strlen(name) + 1); /* shorter: in place */
	return name;
}

/* Copy text into a field of size bytes; true when it had to be cut. */
static bool put_text(char *field, size_t size, const char *text)
{
	return snprintf(field, size, "%s", text) >= (int)size;
}

uint64_t sym_frame_lookup_pc(const struct cdbg_frame *f)
{
	/* A caller's pc is its return address: the call is the instruction before it. */
	return f->is_caller ? f->pc - 1 : f->pc;
}

bool sym_pc_is_sigtramp(cdbg_proc *p, uint64_t pc)
{
	uint8_t code[ARCH_SIGTRAMP_BEFORE + ARCH_SIGTRAMP_AFTER];
	struct cdbg_symbol s;

	/* gdb's test (amd64_linux_sigtramp_p): glibc's __restore_rt, code of no function, or
	 * what looks like sigaction (the trampoline is not exported); not Go's runtime, whose
	 * own CFI unwinds its signal frames */
	if (cdbg_sym_by_addr(p, pc, &s) == 0 && strcmp(s.name, "__restore_rt") &&
	    (!strstr(s.name, "sigaction") || !strncmp(s.name, "runtime.", 8)))
		return false;
	return pc > ARCH_SIGTRAMP_BEFORE &&
	       mem_read_quiet(p, pc - ARCH_SIGTRAMP_BEFORE, code, sizeof(code)) ==
		       (ssize_t)sizeof(code) &&
	       arch_is_sigtramp(code, sizeof(code));
}

int cdbg_pc_is_sigtramp(cdbg_proc *p, uint64_t pc)
{
	return p && cdbg_target(p) != CDBG_TARGET_NONE && sym_pc_is_sigtramp(p, pc);
}

void sym_fill_frame(cdbg_proc *p, struct cdbg_frame *f, uint64_t pc, bool is_caller)
{
	struct cdbg_symbol s;
	struct cdbg_line ln;
	uint64_t look;

	memset(f, 0, sizeof(*f));
	f->pc = pc;
	f->is_caller = is_caller;
	f->is_sigtramp = sym_pc_is_sigtramp(p, pc);
	look = sym_frame_lookup_pc(f);
	if (cdbg_sym_by_addr(p, look, &s) == 0) {
		char *func = s.name_cut ? sym_frame_func(p, &s) : NULL;

		if (func)
			f->func_cut = put_text(f->func, sizeof(f->func), func);
		else
			cdbg_func_name(s.name, f->func, sizeof(f->func));
		f->func_cut |= s.name_cut &&
			       !func; /* the start of a name we could not find again */
		free(func);
		f->func_offset = pc - s.addr;
		f->module_cut = put_text(f->module, sizeof(f->module), s.module) || s.module_cut;
	}
	if (cdbg_line_by_addr(p, look, &ln) == 0) {
		f->file_cut = put_text(f->file, sizeof(f->file), ln.file) || ln.file_cut;
		f->line = ln.line;
	}
}

int cdbg_backtrace(cdbg_proc *p, pid_t tid, struct cdbg_frame *frames, size_t max)
{
	struct walk w = { .p = p, .out = frames, .max = max, .tid = tid };
	struct sym_state *s;
	Dwfl *dwfl;
	int r;

	if (!loop_stopped_thread(p, tid, "unwind the stack"))
		return cdbg_errcode(p);
	if (!(dwfl = sym_dwfl(p)))
		return cdbg_errcode(p);
	r = dwfl_getthread_frames(dwfl, tid, on_frame, &w);
	if (w.sigtramp) {
		/* Through a signal frame the first walk after a stop can go wrong in libdwfl (the
		 * interrupted frame is lost: the walk goes on from the handler's caller's frame
		 * pointer); the second is right. Walk again: such stacks are rare. */
		w = (struct walk){ .p = p, .out = frames, .max = max, .tid = tid };
		r = dwfl_getthread_frames(dwfl, tid, on_frame, &w);
	}
	/* Past each dummy frame, the frames the thread had before that call. */
	s = *cdbg__layer(p, CDBG__LAYER_SYM);
	while (w.past && s && w.n <= max + 4096) {
		struct arch_gpr g = w.regs;

		w.past = false;
		r = sym_walk_frames(p, dwfl, tid, &g, on_frame, &w);
	}
	/* Running out of CFI at the outermost frame is the normal end of a walk. */
	if (r != 0 && w.n == 0)
		return cdbg__fail(p, CDBG_ENOSYM, "cannot unwind the stack of thread %d: %s",
				  (int)tid, sym_dwfl_error());
	if (w.n > max && max)
		frames[max - 1].cfa = w.next_sp;
	cdbg__clear_error(p);
	return (int)(w.n > max ? max : w.n);
}
