/*
 * step.c - source-level stepping: gdb's step, next, until, stepi, nexti, finish and
 * until/advance LOCATION as synchronous operations on one thread.
 *
 * Built on the public primitives (cdbg_step, cdbg_cont, cdbg_wait, cdbg_mem_read, the symbol
 * and line lookups, cdbg_backtrace for frames), the arch's instruction facts (arch_insn_info:
 * length, is it a call) and on internal breakpoints
 * (bp_insert_internal: only the stepping thread, in the expected frame, stops there). A line
 * is stepped one instruction at a time with the other threads held; a call stepped over, a
 * system call, a function without line information stepped out of, a prologue skipped, a
 * finish: those run to an internal breakpoint, every thread or the stepping one alone as the
 * scheduler-locking mode says (cdbg_set_scheduler_locking, gdb's). The stop rules follow gdb's infrun.c
 * (process_event_stop_test): stop at the start of an is_stmt row of another line; landing in
 * the middle of another line (a return into the caller) makes that line the current one.
 *
 * Owns: cdbg_step_line, cdbg_finish, cdbg_run_until(_frame), the scheduler-locking mode. Must not: make ptrace or waitpid calls
 * (the loop does), print, exit, or leave an internal breakpoint behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "symbols/symbols.h"
#include "values/vars.h"

/* One stepping operation in progress. */
struct stepper {
	cdbg_proc *p;
	pid_t tid;                           /* the stepping thread */
	const struct cdbg_step_hooks *hooks; /* may be NULL */
	struct cdbg_event *ev;               /* the last event; the result */
	bool running;                        /* the thread runs (not a single-step) */
	bool hold;                           /* the other threads stay stopped throughout */
	uint64_t goid;                       /* Go: the goroutine stepped, 0 if none */
};

/* In a Go program an internal breakpoint is the goroutine's, not a thread's: the goroutine may
 * come back on another thread (from a blocking call, a preemption), and other goroutines
 * running the same code pass it by. Its frame is told by its depth below the top of the
 * goroutine's stack, which the runtime keeps when it moves the stack to grow or shrink it. */
struct go_cond {
	uint64_t goid;
	uint64_t depth; /* the frame's stack pointer this far below g.stack.hi or less; 0: any */
};

/* A frame's identity: the function it runs and its activation. */
struct frame_key {
	uint64_t func; /* the function's start, 0 if unknown */
	uint64_t cfa;  /* 0 if unknown */
};

/* ---- waiting ------------------------------------------------------------------------------ */

/* Let the stepping thread run: alone, or with every other thread. */
static int resume(struct stepper *s)
{
	return s->hold ? cdbg_cont_thread(s->p, s->tid) : cdbg_cont(s->p);
}

/* The next stopping event into s->ev, notices passed to the hook. Returns 0 or a failure. */
static int wait_stop(struct stepper *s)
{
	const struct cdbg_step_hooks *h = s->hooks;
	int r;

	for (;;) {
		r = cdbg_wait(s->p, s->ev, 100);
		if (r < 0)
			return r;
		if (r == 0) {
			if (h && h->interrupt && h->interrupt(h->data) &&
			    (r = cdbg_interrupt(s->p)) < 0)
				return r;
			continue;
		}
		if (s->ev->kind == CDBG_EV_LIBRARIES && s->running) {
			/* The dynamic linker's report (cdbg_libraries_report): the front-end places
			 * its pending breakpoints from the hook; the step goes on. */
			if (h && h->notice)
				h->notice(h->data, s->ev);
			if ((r = resume(s)) < 0)
				return r;
			continue;
		}
		if (s->ev->stopped || s->ev->kind == CDBG_EV_EXITED ||
		    s->ev->kind == CDBG_EV_KILLED)
			return 0;
		if (h && h->notice)
			h->notice(h->data, s->ev);
	}
}

/* Between single-steps (the process is stopped): did the front-end ask to stop? Then s->ev
 * is CDBG_EV_STOPPED, as after cdbg_interrupt, and 1 is returned. A line that loops forever
 * stays interruptible. */
static int interrupted(struct stepper *s)
{
	const struct cdbg_step_hooks *h = s->hooks;

	if (!h || !h->interrupt || !h->interrupt(h->data))
		return 0;
	memset(s->ev, 0, sizeof(*s->ev));
	s->ev->kind = CDBG_EV_STOPPED;
	s->ev->stopped = 1;
	s->ev->tid = s->tid;
	return 1;
}

static int go_cond_holds(void *ctx, cdbg_proc *p, struct thread *t, char *msg, size_t len)
{
	const struct go_cond *c = ctx;
	uint64_t id = 0, hi = 0, sp = arch_gpr_sp(&t->regs);

	(void)msg;
	(void)len;
	if (vt_go_gstate(p, arch_gpr_thread_pointer(&t->regs), &id, &hi) < 0 || id != c->goid)
		return 0;
	return !c->depth || !hi || (sp <= hi && hi - sp <= c->depth);
}

/* The goroutine thread tid runs, 0 when none or the program is not Go. */
static uint64_t goid_of(cdbg_proc *p, pid_t tid, uint64_t *stack_hi)
{
	struct cdbg_symbol sym;
	uint64_t fs = 0, id = 0;

	*stack_hi = 0;
	if (cdbg_sym_by_name(p, "runtime.goexit", &sym) < 0) {
		cdbg__clear_error(p);
		return 0;
	}
	if (cdbg_reg_get(p, tid, "fs_base", &fs) < 0 || vt_go_gstate(p, fs, &id, stack_hi) < 0)
		id = 0;
	cdbg__clear_error(p);
	return id;
}

/* An internal breakpoint at addr where the stepping thread stops, in the frame whose stack
 * pointer is min_sp or an outer one (0: in any); in a Go program the stepping goroutine's, on
 * whichever thread runs it then. Returns its id or a failure. */
static int insert_at(struct stepper *s, cdbg_proc *p, uint64_t addr, uint64_t min_sp)
{
	struct go_cond *c;
	uint64_t id, hi = 0;
	int bp;

	if (s->goid && ((id = goid_of(p, s->tid, &hi)) != s->goid || (min_sp && min_sp > hi)))
		hi = 0; /* not on the goroutine's own stack (the runtime's): the thread's then */
	if (!s->goid || (min_sp && !hi))
		return bp_insert_internal(p, addr, s->tid, min_sp);
	if (!(c = calloc(1, sizeof(*c))))
		return cdbg__fail(p, -ENOMEM, "cannot step: out of memory");
	c->goid = s->goid;
	c->depth = min_sp ? hi - min_sp : 0;
	if ((bp = bp_insert_internal(p, addr, 0, 0)) < 0) {
		free(c);
		return bp;
	}
	if (bp_set_condition(p, bp, "goroutine", go_cond_holds, free, c) < 0) {
		int r = cdbg_errcode(p);
		if (cdbg_bp_remove(p, bp) < 0)
			return cdbg_errcode(p);
		return r;
	}
	return bp;
}

/* Run every thread until the stepping thread reaches addr with its stack pointer >= min_sp.
 * Returns 0 when it did, 1 when another event (in s->ev) must be reported, or a failure. A
 * Go goroutine may have moved to another thread meanwhile: that one is stepped on. */
static int run_to(struct stepper *s, uint64_t addr, uint64_t min_sp)
{
	int id = insert_at(s, s->p, addr, min_sp), r;

	if (id < 0)
		return id;
	r = resume(s);
	s->running = true;
	if (r == 0)
		r = wait_stop(s);
	if (cdbg_pid(s->p) && cdbg_bp_remove(s->p, id) < 0 && r == 0)
		r = cdbg_errcode(s->p);
	if (r < 0)
		return r;
	if (s->ev->kind != CDBG_EV_BREAKPOINT || s->ev->bp_id != id)
		return 1;
	s->tid = s->ev->tid;
	return 0;
}

/* Where the stepping thread comes back from the system call it is in (pc: the kernel restarts
 * it there) or is about to make (past the instruction), 0 when neither or when the call does
 * not come back there (rt_sigreturn). Such a call may wait for another thread. */
static uint64_t syscall_return(struct stepper *s, uint64_t *sp)
{
	struct thread *t = loop_stopped_thread(s->p, s->tid, "step");
	unsigned char code[ARCH_MAX_INSN];
	struct arch_insn in;
	uint64_t pc, nr;
	ssize_t n;

	if (!t || loop_regs_fetch(s->p, t) < 0)
		return 0;
	pc = arch_gpr_pc(&t->regs);
	*sp = arch_gpr_sp(&t->regs);
	if (arch_syscall_will_restart(&t->regs))
		return pc;
	n = cdbg_mem_read(s->p, pc, code, sizeof(code));
	if (n <= 0 || arch_insn_info(code, (size_t)n, pc, &in) < 0 || !in.is_syscall)
		return 0;
	/* rt_sigreturn (15) goes wherever the signal frame says. */
	return cdbg_reg_get(s->p, s->tid, "rax", &nr) == 0 && nr == 15 ? 0 : pc + in.len;
}

static uint64_t pc_of(struct stepper *s);
static uint64_t sp_of(struct stepper *s);

/* One instruction of the stepping thread. Returns 0 when it completed, 1 when another event
 * (in s->ev) must be reported (arriving at a breakpoint that counts is one), or a failure. A
 * signal that arrives meanwhile (nostop, pass) runs its handler (every thread runs, unless
 * held) back to the point it interrupts, as gdb's steps do: the step then goes on there. */
static int single(struct stepper *s)
{
	uint64_t ret, sp, pc0, pc;
	int r;

	for (;;) {
		/* With the others free to run, a system call that waits for one of them (a join,
		 * a lock) must not be single-stepped with them held: it would never return. */
		if (!s->hold && (ret = syscall_return(s, &sp)))
			return run_to(s, ret, sp);
		/* A signal pending from a stop the user saw is delivered: the step goes into its
		 * handler, as gdb's does. */
		pc0 = pc_of(s);
		r = loop_step_sigstop(s->p, s->tid);
		s->running = false;
		if (r < 0 || (r = wait_stop(s)) < 0)
			return r;
		if (s->ev->kind != CDBG_EV_STEP || s->ev->tid != s->tid)
			return 1;
		if (!s->ev->signo)
			return bp_stepped_onto(s->p, s->tid, s->ev);
		/* One that came meanwhile is about to be delivered: its handler runs back to here.
		 * If the instruction ran first (an out-of-line copy finished before the signal),
		 * the step is done then; else it is taken again. */
		pc = pc_of(s);
		if ((r = run_to(s, pc, sp_of(s))) != 0)
			return r;
		if (pc != pc0)
			return 0;
		if (interrupted(s))
			return 1;
	}
}

/* ---- frames -------------------------------------------------------------------------------- */

static uint64_t pc_of(struct stepper *s)
{
	uint64_t v = 0;

	return cdbg_pc_get(s->p, s->tid, &v) == 0 ? v : 0;
}

static uint64_t sp_of(struct stepper *s)
{
	struct thread *t = loop_stopped_thread(s->p, s->tid, "read the stack pointer");

	return t && loop_regs_fetch(s->p, t) == 0 ? arch_gpr_sp(&t->regs) : 0;
}

/* The facts of the instruction at pc (the program's bytes, breakpoints hidden). false when it
 * cannot be read or decoded. */
static bool insn_at(struct stepper *s, uint64_t pc, struct arch_insn *in)
{
	unsigned char code[ARCH_MAX_INSN];
	ssize_t n = cdbg_mem_read(s->p, pc, code, sizeof(code));

	return n > 0 && arch_insn_info(code, (size_t)n, pc, in) == 0;
}

/* The innermost n frames of the stepping thread. Returns how many or a failure. */
static int frames(struct stepper *s, struct cdbg_frame *f, size_t n)
{
	return cdbg_backtrace(s->p, s->tid, f, n);
}

static void frame_key(struct stepper *s, struct frame_key *k)
{
	struct cdbg_frame f;
	uint64_t hi;

	memset(k, 0, sizeof(*k));
	if (frames(s, &f, 1) == 1) {
		k->func = f.func[0] ? f.pc - f.func_offset : 0;
		k->cfa = f.cfa;
		/* A goroutine's frame keeps its depth when the runtime moves the stack. */
		if (s->goid && f.cfa && goid_of(s->p, s->tid, &hi) == s->goid && f.cfa <= hi)
			k->cfa = hi - f.cfa;
	}
}

/* Fill s->ev for a step that ended where the thread is now. */
static void ended(struct stepper *s, enum cdbg_event_kind kind, const struct frame_key *start)
{
	struct frame_key now;
	struct cdbg_event *ev = s->ev;

	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->stopped = 1;
	ev->tid = s->tid;
	ev->addr = pc_of(s);
	frame_key(s, &now);
	ev->new_frame = now.func != start->func || now.cfa != start->cfa;
}

/* Run the stepping thread out of its innermost frame (its return address, reached with the
 * frame's CFA as stack pointer). Returns as run_to, CDBG_EBADSTATE when nothing is known of
 * a caller. */
static int step_out(struct stepper *s)
{
	struct cdbg_frame f[2];
	int n = frames(s, f, 2);

	if (n < 0)
		return n;
	if (n < 2 || !f[0].cfa)
		return cdbg__fail(s->p, CDBG_EBADSTATE,
				  "cannot step out of the function at %#llx: "
				  "its caller is unknown",
				  (unsigned long long)f[0].pc);
	return run_to(s, f[1].pc, f[0].cfa);
}

/* ---- stepping a line ---------------------------------------------------------------------- */

/* The thread just executed a call into `entry` (step). Returns 2 when the step ends (the
 * function has line information: stopped past its prologue), 0 when the thread came back to
 * the caller (no line information, or the skip hook says so: stepped out), 1 to report s->ev,
 * or a failure. */
static int entered(struct stepper *s, uint64_t entry)
{
	const struct cdbg_step_hooks *h = s->hooks;
	struct cdbg_line ln;
	uint64_t body, sp, ret;
	int r;

	if (!(h && h->skip && h->skip(h->data, entry)) &&
	    cdbg_line_by_addr(s->p, entry, &ln) == 0 && ln.line > 0) {
		body = sym_func_body(s->p, entry);
		if (body == entry)
			return 2;
		return (r = run_to(s, body, 0)) == 0 ? 2 : r;
	}
	sp = sp_of(s);
	if (cdbg_mem_read(s->p, sp, &ret, sizeof(ret)) != (ssize_t)sizeof(ret))
		return cdbg_errcode(s->p) ? cdbg_errcode(s->p) : -EIO;
	return run_to(s, ret, sp + sizeof(ret));
}

/* The end of the run of line-table rows of line `ln` that starts at or covers ln->addr: the
 * first address after it that belongs to another line (or has none). */
static uint64_t line_end(struct stepper *s, const struct cdbg_line *ln)
{
	struct arch_insn in;
	struct cdbg_line x;
	uint64_t a = ln->addr;

	/* Walk instruction by instruction: the line table has no "next row" in the public API,
	 * and a line is a handful of instructions. */
	for (int i = 0; i < 4096; i++) {
		if (!insn_at(s, a, &in))
			return a;
		a += in.len;
		if (cdbg_line_by_addr(s->p, a, &x) < 0 || x.line != ln->line ||
		    strcmp(x.file, ln->file))
			return a;
	}
	return a;
}

/* Step a line as kind says, starting in the line `start`. Returns 0 when the step ended, 1 to
 * report s->ev, or a failure. */
static int step_range(struct stepper *s, enum cdbg_step_kind kind, const struct cdbg_line *start)
{
	struct cdbg_line cur = *start, ln;
	struct arch_insn in;
	struct cdbg_symbol fn;
	uint64_t pc, lo = 0, hi = 0;
	int r;

	if (kind == CDBG_STEP_UNTIL && cdbg_sym_by_addr(s->p, pc_of(s), &fn) == 0) {
		lo = fn.addr; /* gdb's until: the range runs from the function's start */
		hi = line_end(s, start);
	}
	for (;;) {
		if (interrupted(s))
			return 1;
		pc = pc_of(s);
		if (insn_at(s, pc, &in) && in.is_call) {
			if (kind != CDBG_STEP_LINE) {
				r = run_to(s, pc + in.len, sp_of(s));
			} else if ((r = single(s)) == 0) {
				r = entered(s, pc_of(s));
				if (r == 2)
					return 0;
			}
		} else {
			r = single(s);
		}
		if (r)
			return r;
		pc = pc_of(s);
		if (sym_pc_is_sigtramp(s->p, pc))
			continue; /* a handler returned: through sigreturn to the interrupted code */
		if (cdbg_line_by_addr(s->p, pc, &ln) < 0 || ln.line == 0)
			return 0; /* returned into code without line information */
		if (pc >= lo && pc < hi)
			continue;
		if (ln.line == cur.line && !strcmp(ln.file, cur.file))
			continue;
		if (ln.addr == pc) {
			if (ln.is_stmt)
				return 0;
			continue; /* not a statement start: look further */
		}
		cur = ln; /* into the middle of another line (back in the caller): go on in it */
	}
}

/* stepi/nexti. Returns as step_range. */
static int step_insn(struct stepper *s, bool over)
{
	struct arch_insn in;
	uint64_t pc = pc_of(s);

	if (over && insn_at(s, pc, &in) && in.is_call)
		return run_to(s, pc + in.len, sp_of(s));
	return single(s);
}

/* Set up s; `stepping` for gdb's stepping commands (step, next, stepi, nexti), which the
 * scheduler-locking mode "step" locks. */
static int begin(struct stepper *s, cdbg_proc *p, pid_t tid, const struct cdbg_step_hooks *h,
		 struct cdbg_event *ev, const char *what, bool stepping)
{
	memset(s, 0, sizeof(*s));
	s->p = p;
	s->tid = tid;
	s->hooks = h;
	s->ev = ev;
	s->hold = p->sched_lock == CDBG_SCHED_ON || (p->sched_lock == CDBG_SCHED_STEP && stepping);
	if (!loop_stopped_thread(p, tid, what))
		return cdbg_errcode(p);
	uint64_t hi;
	s->goid = goid_of(p, tid, &hi);
	return 0;
}

int cdbg_step_line(cdbg_proc *p, pid_t tid, enum cdbg_step_kind kind,
		   const struct cdbg_step_hooks *hooks, struct cdbg_event *ev)
{
	struct stepper s;
	struct frame_key start;
	struct cdbg_line ln;
	int r;

	if ((r = begin(&s, p, tid, hooks, ev, "step", kind != CDBG_STEP_UNTIL)) < 0)
		return r;
	frame_key(&s, &start);
	if (kind == CDBG_STEP_INSN || kind == CDBG_STEP_INSN_NEXT)
		r = step_insn(&s, kind == CDBG_STEP_INSN_NEXT);
	else if (cdbg_line_by_addr(p, pc_of(&s), &ln) < 0 || ln.line == 0)
		r = step_out(&s);
	else
		r = step_range(&s, kind, &ln);
	if (r < 0)
		return r;
	if (r == 0)
		ended(&s, CDBG_EV_STEP_END, &start);
	cdbg__clear_error(p);
	return 0;
}

/* gdb hides what is past main: main's frame is the outermost one. */
static bool is_outermost(const struct cdbg_frame *f, int n, int k)
{
	return k + 1 >= n || !strcmp(f[k].func, "main") || !f[k].cfa;
}

int cdbg_finish(cdbg_proc *p, pid_t tid, int frame, const struct cdbg_step_hooks *hooks,
		struct cdbg_event *ev)
{
	struct stepper s;
	struct cdbg_frame *f;
	struct frame_key start = { 0, 0 };
	uint64_t ret, cfa;
	int n, r;

	if ((r = begin(&s, p, tid, hooks, ev, "finish", false)) < 0)
		return r;
	if (frame < 0 || frame > 1000000)
		return cdbg__fail(p, -EINVAL, "cannot finish frame %d: no such frame", frame);
	if (!(f = malloc(((size_t)frame + 2) * sizeof(*f))))
		return cdbg__fail(p, -ENOMEM, "cannot finish frame %d: out of memory", frame);
	if ((n = frames(&s, f, (size_t)frame + 2)) < 0) {
		free(f);
		return n;
	}
	if (frame >= n || is_outermost(f, n, frame)) {
		free(f);
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "\"finish\" not meaningful in the outermost "
				  "frame.");
	}
	ret = f[frame + 1].pc;
	cfa = f[frame].cfa;
	free(f);
	r = run_to(&s, ret, cfa);
	if (r < 0)
		return r;
	if (r == 0)
		ended(&s, CDBG_EV_FINISHED, &start);
	cdbg__clear_error(p);
	return 0;
}

int cdbg_run_until(cdbg_proc *p, pid_t tid, uint64_t addr, unsigned flags,
		   const struct cdbg_step_hooks *hooks, struct cdbg_event *ev)
{
	return cdbg_run_until_frame(p, tid, 0, addr, flags, hooks, ev);
}

int cdbg_run_until_frame(cdbg_proc *p, pid_t tid, int frame, uint64_t addr, unsigned flags,
			 const struct cdbg_step_hooks *hooks, struct cdbg_event *ev)
{
	struct stepper s;
	struct cdbg_frame *f;
	struct frame_key start;
	uint64_t ret = 0, cfa = 0, sp;
	int n, r, at = 0, up = 0;

	if ((r = begin(&s, p, tid, hooks, ev, "run until a location", false)) < 0)
		return r;
	if (frame < 0 || frame > 1000000)
		return cdbg__fail(p, CDBG_ENOFRAME, "no frame at level %d", frame);
	if (!(f = malloc(((size_t)frame + 2) * sizeof(*f))))
		return cdbg__fail(p, -ENOMEM, "cannot run until a location: out of memory");
	frame_key(&s, &start);
	n = frames(&s, f, (size_t)frame + 2);
	if (n >= 0 && frame >= n) {
		free(f);
		return cdbg__fail(p, CDBG_ENOFRAME, "no frame at level %d", frame);
	}
	sp = frame == 0 ? sp_of(&s) : n > frame ? f[frame].sp : 0;
	if (n >= frame + 2 && f[frame].cfa) {
		ret = f[frame + 1].pc;
		cfa = f[frame].cfa;
	}
	free(f);
	at = insert_at(&s, p, addr, flags & CDBG_UNTIL_FRAME ? sp : 0);
	if (at < 0)
		return at;
	/* gdb stops where main returns too: past-main frames are hidden only from finish. */
	if (cfa && (up = insert_at(&s, p, ret, cfa)) < 0) {
		r = up;
		goto out_remove;
	}
	s.running = true;
	if ((r = resume(&s)) == 0)
		r = wait_stop(&s);
	if (r == 0 && ev->kind == CDBG_EV_BREAKPOINT && (ev->bp_id == at || ev->bp_id == up)) {
		s.tid = ev->tid; /* a Go goroutine may come back on another thread */
		ended(&s, ev->bp_id == at ? CDBG_EV_STEP_END : CDBG_EV_FINISHED, &start);
	}
	if (up && cdbg_pid(p) && cdbg_bp_remove(p, up) < 0 && r == 0)
		r = cdbg_errcode(p);
out_remove:
	if (cdbg_pid(p) && cdbg_bp_remove(p, at) < 0 && r == 0)
		r = cdbg_errcode(p);
	if (r < 0)
		return r;
	cdbg__clear_error(p);
	return 0;
}

int cdbg_set_scheduler_locking(cdbg_proc *p, enum cdbg_sched_lock mode)
{
	int old = p->sched_lock;

	if ((unsigned)mode > CDBG_SCHED_ON)
		return -EINVAL;
	p->sched_lock = (unsigned char)mode;
	return old;
}

enum cdbg_sched_lock cdbg_scheduler_locking(cdbg_proc *p)
{
	return (enum cdbg_sched_lock)p->sched_lock;
}
