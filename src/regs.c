/*
 * regs.c - registers by name for a stopped thread: the general-purpose block and the
 * extended (XSAVE) state, each fetched once per stop and written back before the thread runs.
 *
 * Owns: mapping names to bytes in the cached blocks. Must not: make ptrace requests (loop.c
 * fetches and stores the blocks), nor know register layouts (src/arch/ describes them).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

#define XSTATE_BV_OFFSET 512
#define XFEATURE_X87 (1ull << 0)
#define XFEATURE_SSE (1ull << 1)
#define XFEATURE_AVX (1ull << 2)

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

size_t cdbg_xstate_size(void)
{
	return arch_xstate_size();
}

static const struct arch_reg *lookup(cdbg_proc *p, const char *name)
{
	const struct arch_reg *r = name ? arch_reg_by_name(name[0] == '$' ? name + 1 : name) : NULL;

	if (!r)
		cdbg__fail(p, CDBG_ENOREG, "no register named '%s'; 'info registers' lists them",
			   name ? name : "(null)");
	return r;
}

/* Bytes of register r in the cached blocks of t; for ymm the two halves are apart, so the
 * caller gets both pointers. */
static int locate(cdbg_proc *p, struct thread *t, const struct arch_reg *r, unsigned char **lo,
		  unsigned char **hi)
{
	long off;

	*hi = NULL;
	if (r->set == ARCH_SET_GPR) {
		if (loop_regs_fetch(p, t) < 0)
			return p->errcode;
		*lo = (unsigned char *)&t->regs + r->offset;
		return 0;
	}
	if (loop_xstate_fetch(p, t) < 0)
		return p->errcode;
	off = arch_xstate_offset(r);
	if (off < 0 || (size_t)off + 16 > arch_xstate_size())
		return cdbg__fail(p, CDBG_ENOREG, "register %s does not exist on this CPU",
				  r->desc.name);
	if (r->desc.size == 32) { /* ymm: xmm low half + AVX high half */
		const struct arch_reg *x = arch_reg_by_name((char[]){ 'x', 'm', 'm', r->desc.name[3],
								       r->desc.name[4], '\0' });
		*lo = t->xstate + x->offset;
		*hi = t->xstate + off;
		return 0;
	}
	*lo = t->xstate + off;
	return 0;
}

int cdbg_reg_read(cdbg_proc *p, pid_t tid, const char *name, void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "read registers");
	const struct arch_reg *r;
	unsigned char *lo, *hi;
	unsigned half;

	if (!t)
		return p->errcode;
	if (!(r = lookup(p, name)))
		return p->errcode;
	if (len < r->desc.size)
		return cdbg__fail(p, -EINVAL, "cannot read %s: it has %u bytes, the buffer %zu",
				  r->desc.name, r->desc.size, len);
	if (locate(p, t, r, &lo, &hi) < 0)
		return p->errcode;
	half = hi ? 16 : r->desc.size;
	memcpy(buf, lo, half);
	if (hi)
		memcpy((unsigned char *)buf + 16, hi, 16);
	return (int)r->desc.size;
}

static void mark_component(struct thread *t, const struct arch_reg *r)
{
	uint64_t bv;

	memcpy(&bv, t->xstate + XSTATE_BV_OFFSET, sizeof(bv));
	if (r->desc.kind == CDBG_REG_FP)
		bv |= XFEATURE_X87;
	else
		bv |= XFEATURE_SSE | (r->desc.size == 32 ? XFEATURE_AVX : 0);
	memcpy(t->xstate + XSTATE_BV_OFFSET, &bv, sizeof(bv));
	t->xstate_dirty = true;
}

int cdbg_reg_write(cdbg_proc *p, pid_t tid, const char *name, const void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "write registers");
	const struct arch_reg *r;
	unsigned char *lo, *hi, tmp[32] = { 0 };

	if (!t)
		return p->errcode;
	if (!(r = lookup(p, name)))
		return p->errcode;
	if (len != r->desc.size && !(len == 8 && r->desc.size < 8))
		return cdbg__fail(p, -EINVAL, "cannot write %s: it has %u bytes, not %zu",
				  r->desc.name, r->desc.size, len);
	memcpy(tmp, buf, len < sizeof(tmp) ? len : sizeof(tmp));
	if (locate(p, t, r, &lo, &hi) < 0)
		return p->errcode;
	memcpy(lo, tmp, hi ? 16 : r->desc.size);
	if (hi)
		memcpy(hi, tmp + 16, 16);
	if (r->set == ARCH_SET_GPR)
		t->regs_dirty = true;
	else
		mark_component(t, r);
	return 0;
}

int cdbg_reg_get(cdbg_proc *p, pid_t tid, const char *name, uint64_t *val)
{
	unsigned char buf[32] = { 0 };
	int n = cdbg_reg_read(p, tid, name, buf, sizeof(buf));

	if (n < 0)
		return n;
	if (n > 8)
		return cdbg__fail(p, -EINVAL, "register %s has %d bytes: read it with cdbg_reg_read",
				  name, n);
	*val = 0;
	memcpy(val, buf, (size_t)n);
	return 0;
}

int cdbg_reg_set(cdbg_proc *p, pid_t tid, const char *name, uint64_t val)
{
	return cdbg_reg_write(p, tid, name, &val, sizeof(val));
}

int cdbg_get_pc(cdbg_proc *p, pid_t tid, uint64_t *pc)
{
	struct thread *t = loop_stopped_thread(p, tid, "read the program counter");

	if (!t)
		return p->errcode;
	if (loop_regs_fetch(p, t) < 0)
		return p->errcode;
	*pc = arch_gpr_pc(&t->regs);
	return 0;
}

int cdbg_xstate_read(cdbg_proc *p, pid_t tid, void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "read the extended state");
	size_t n = arch_xstate_size();

	if (!t)
		return p->errcode;
	if (loop_xstate_fetch(p, t) < 0)
		return p->errcode;
	if (len < n)
		n = len;
	memcpy(buf, t->xstate, n);
	return (int)n;
}

int cdbg_xstate_write(cdbg_proc *p, pid_t tid, const void *buf, size_t len)
{
	struct thread *t = loop_stopped_thread(p, tid, "write the extended state");

	if (!t)
		return p->errcode;
	if (len != arch_xstate_size())
		return cdbg__fail(p, -EINVAL, "cannot write the extended state: it has %zu bytes, "
				  "not %zu", arch_xstate_size(), len);
	if (loop_xstate_fetch(p, t) < 0)
		return p->errcode;
	memcpy(t->xstate, buf, len);
	t->xstate_dirty = true;
	return 0;
}
