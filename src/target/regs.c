/*
 * regs.c - registers by name for a stopped thread: the general-purpose block and the
 * extended (XSAVE) state, each fetched once per stop and written back before the thread runs.
 *
 * Owns: mapping names to bytes in the cached blocks. Must not: make ptrace requests (ptrace.c
 * fetches and stores the blocks), nor know register layouts (src/arch/ describes them).
 */
#include <errno.h>
#include <string.h>

#include "target/target.h"

size_t cdbg_reg_table(const struct cdbg_reg_desc **table)
{
	*table = arch_reg_descs();
	return arch_reg_count();
}

const struct cdbg_reg_desc *cdbg_reg_lookup(const char *name)
{
	const struct arch_reg *r = name ? arch_reg_by_name(name[0] == '$' ? name + 1 : name) : NULL;

	return r ? &r->desc : NULL;
}

ssize_t cdbg_xstate_size(cdbg_proc *p)
{
	int r;

	if (!p->xstate.size) {
		/* Not learned yet: any stopped thread's block tells it. */
		if ((r = loop_require_stopped(p, "read the extended state")) < 0)
			return r;
		for (size_t i = 0; i < p->threads.count && !p->xstate.size; i++) {
			struct thread *t = p->threads.all[i];
			if (t->state == TS_STOPPED && !t->unclaimed && loop_xstate_fetch(p, t) < 0)
				return cdbg_errcode(p);
		}
		if (!p->xstate.size)
			return cdbg__fail(p, CDBG_ENOTHREAD,
					  "cannot read the extended state: no "
					  "thread of process %d is stopped",
					  (int)p->pid);
	}
	return (ssize_t)p->xstate.size;
}

static const struct arch_reg *lookup(cdbg_proc *p, const char *name)
{
	const struct arch_reg *r = name ? arch_reg_by_name(name[0] == '$' ? name + 1 : name) : NULL;

	if (!r)
		cdbg__fail(p, CDBG_ENOREG, "no register named '%s'; 'info registers' lists them",
			   name ? name : "(null)");
	return r;
}

/* Bytes of register r in the cached blocks of t, in pieces (ymm and zmm are spread over
 * several XSAVE components); *components gets the XSAVE features they belong to. */
static int locate(cdbg_proc *p, struct thread *t, const struct arch_reg *r,
		  unsigned char *at[ARCH_XSTATE_MAX_PIECES], unsigned len[ARCH_XSTATE_MAX_PIECES],
		  uint64_t *components)
{
	struct arch_piece pc[ARCH_XSTATE_MAX_PIECES];
	const char *why;
	int n;

	if (r->set == ARCH_SET_GPR) {
		if (loop_regs_fetch(p, t) < 0)
			return cdbg_errcode(p);
		at[0] = (unsigned char *)&t->regs + r->offset;
		len[0] = r->desc.size;
		return 1;
	}
	if (loop_xstate_fetch(p, t) < 0)
		return cdbg_errcode(p);
	n = arch_xstate_pieces(&p->xstate, r, pc, components, &why);
	if (n <= 0)
		return cdbg__fail(p, CDBG_ENOREG,
				  "register %s is not available on this machine: "
				  "the kernel does not save the %s state of its threads (%zu "
				  "bytes, features %#llx)",
				  r->desc.name, why ? why : "extended", p->xstate.size,
				  (unsigned long long)p->xstate.xfeatures);
	for (int i = 0; i < n; i++) {
		at[i] = t->xstate + pc[i].off;
		len[i] = pc[i].len;
	}
	return n;
}

int cdbg_reg_read(cdbg_proc *p, pid_t tid, const char *name, void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "read registers");
	const struct arch_reg *r;
	unsigned char *at[ARCH_XSTATE_MAX_PIECES];
	unsigned plen[ARCH_XSTATE_MAX_PIECES];
	uint64_t comps = 0;
	size_t pos = 0;
	int n;

	if (!t)
		return cdbg_errcode(p);
	if (!(r = lookup(p, name)))
		return cdbg_errcode(p);
	if (len < r->desc.size)
		return cdbg__fail(p, -EINVAL, "cannot read %s: it has %u bytes, the buffer %zu",
				  r->desc.name, r->desc.size, len);
	if ((n = locate(p, t, r, at, plen, &comps)) < 0)
		return cdbg_errcode(p);
	for (int i = 0; i < n; i++) {
		memcpy((unsigned char *)buf + pos, at[i], plen[i]);
		pos += plen[i];
	}
	return (int)r->desc.size;
}

int cdbg_reg_write(cdbg_proc *p, pid_t tid, const char *name, const void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "write registers");

	if (t && p->core && loop_require_live(p, "write registers") < 0)
		return cdbg_errcode(p);
	const struct arch_reg *r;
	unsigned char *at[ARCH_XSTATE_MAX_PIECES], tmp[64] = { 0 };
	unsigned plen[ARCH_XSTATE_MAX_PIECES];
	uint64_t comps = 0;
	size_t pos = 0;
	int n;

	if (!t)
		return cdbg_errcode(p);
	if (!(r = lookup(p, name)))
		return cdbg_errcode(p);
	if (len != r->desc.size && !(len == 8 && r->desc.size < 8))
		return cdbg__fail(p, -EINVAL, "cannot write %s: it has %u bytes, not %zu",
				  r->desc.name, r->desc.size, len);
	memcpy(tmp, buf, len < sizeof(tmp) ? len : sizeof(tmp));
	if ((n = locate(p, t, r, at, plen, &comps)) < 0)
		return cdbg_errcode(p);
	for (int i = 0; i < n; i++) {
		memcpy(at[i], tmp + pos, plen[i]);
		pos += plen[i];
	}
	if (r->set == ARCH_SET_GPR) {
		t->regs_dirty = true;
	} else {
		arch_xstate_mark(&p->xstate, t->xstate, comps);
		t->xstate_dirty = true;
	}
	return 0;
}

int cdbg_reg_get(cdbg_proc *p, pid_t tid, const char *name, uint64_t *val)
{
	unsigned char buf[64] = { 0 };
	int n = cdbg_reg_read(p, tid, name, buf, sizeof(buf));

	if (n < 0)
		return n;
	if (n > 8)
		return cdbg__fail(p, -EINVAL,
				  "register %s has %d bytes: read it with cdbg_reg_read", name, n);
	*val = 0;
	memcpy(val, buf, (size_t)n);
	return 0;
}

int cdbg_reg_set(cdbg_proc *p, pid_t tid, const char *name, uint64_t val)
{
	return cdbg_reg_write(p, tid, name, &val, sizeof(val));
}

int cdbg_pc_get(cdbg_proc *p, pid_t tid, uint64_t *pc)
{
	struct thread *t = loop_stopped_thread(p, tid, "read the program counter");

	if (!t)
		return cdbg_errcode(p);
	if (loop_regs_fetch(p, t) < 0)
		return cdbg_errcode(p);
	*pc = arch_gpr_pc(&t->regs);
	return 0;
}

int cdbg_xstate_read(cdbg_proc *p, pid_t tid, void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "read the extended state");
	size_t n;

	if (!t)
		return cdbg_errcode(p);
	if (loop_xstate_fetch(p, t) < 0)
		return cdbg_errcode(p);
	n = len < p->xstate.size ? len : p->xstate.size;
	memcpy(buf, t->xstate, n);
	return (int)n;
}

int cdbg_xstate_write(cdbg_proc *p, pid_t tid, const void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "write the extended state");

	if (t && p->core && loop_require_live(p, "write the extended state") < 0)
		return cdbg_errcode(p);

	if (!t)
		return cdbg_errcode(p);
	if (loop_xstate_fetch(p, t) < 0)
		return cdbg_errcode(p);
	if (len != p->xstate.size)
		return cdbg__fail(p, -EINVAL,
				  "cannot write the extended state: the kernel's has "
				  "%zu bytes, not %zu",
				  p->xstate.size, len);
	memcpy(t->xstate, buf, len);
	t->xstate_dirty = true;
	return 0;
}
