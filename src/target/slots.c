/*
 * slots.c - out-of-line copies: the scratch areas cdbg maps in the program (bump allocation,
 * slots given back and reused), and the copy of the instruction under each int3 site, which a
 * thread leaving a breakpoint runs instead of the program's own (so the int3 stays for the
 * other threads).
 *
 * Owns: struct scratch and the slots' bytes. Must not: map memory itself (loop_scratch_map
 * runs the mmap in the tracee) or move threads (the loop sends them to and out of slots).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "janitor/janitor.h"

#define SCRATCH_SIZE (64 * 1024)

static struct bp_state *bps(cdbg_proc *p)
{
	return &p->bp;
}

/* Is pc inside an out-of-line slot? Returns its site. */
struct bp_site *bp_slot_site(cdbg_proc *p, uint64_t pc)
{
	struct bp_state *st = bps(p);

	for (size_t i = 0; i < st->nscratch; i++) {
		if (pc < st->scratch[i].base || pc >= st->scratch[i].base + st->scratch[i].used)
			continue;
		for (size_t h = 0; h < BP_HASH; h++)
			for (struct bp_site *s = st->sites[h]; s; s = s->next)
				if (s->slot && pc >= s->slot && pc < s->slot + ARCH_SLOT_SIZE)
					return s;
		return NULL;
	}
	return NULL;
}

bool bp_any_slots(cdbg_proc *p)
{
	return bps(p)->nscratch > 0;
}

/* ---- out-of-line slots ------------------------------------------------------------------ */

static uint64_t slot_take(cdbg_proc *p, uint64_t near)
{
	struct bp_state *st = bps(p);
	uint64_t base;

	for (size_t i = 0; i < st->nfree; i++) {
		int64_t d = (int64_t)(st->free_slots[i] - near);
		if (d > -ARCH_SLOT_REACH && d < ARCH_SLOT_REACH) {
			uint64_t s = st->free_slots[i];
			st->free_slots[i] = st->free_slots[--st->nfree];
			return s;
		}
	}
	for (size_t i = 0; i < st->nscratch; i++) {
		struct scratch *a = &st->scratch[i];
		int64_t d = (int64_t)(a->base - near);
		if (d > -ARCH_SLOT_REACH + SCRATCH_SIZE && d < ARCH_SLOT_REACH - SCRATCH_SIZE &&
		    a->used + ARCH_SLOT_SIZE <= a->size - a->reserved) {
			a->used += ARCH_SLOT_SIZE;
			return a->base + a->used - ARCH_SLOT_SIZE;
		}
	}
	struct scratch *ns = realloc(st->scratch, (st->nscratch + 1) * sizeof(*ns));
	if (!ns)
		return 0;
	st->scratch = ns;
	if (loop_scratch_map(p, near, SCRATCH_SIZE, &base) < 0)
		return 0;
	/* Slot 0 holds the syscall instruction injections use (loop_scratch_map wrote it). */
	st->scratch[st->nscratch++] = (struct scratch){ base, SCRATCH_SIZE, 2 * ARCH_SLOT_SIZE, 0 };
	/* The first area's end holds the SIGTRAP parachute (its install runs from the area). */
	if (st->nscratch == 1)
		st->scratch[0].reserved = bp_parachute_make(p, base, SCRATCH_SIZE);
	else
		bp_parachute_scratch(p, base, SCRATCH_SIZE);
	return base + ARCH_SLOT_SIZE;
}

void bp_slot_give_back(cdbg_proc *p, uint64_t slot)
{
	struct bp_state *st = bps(p);

	if (!slot)
		return;
	janitor_slot_done(p, slot); /* janitor hook */
	if (st->nfree == st->allocfree) {
		size_t n = st->allocfree ? st->allocfree * 2 : 16;
		uint64_t *f = realloc(st->free_slots, n * sizeof(*f));
		if (!f)
			return; /* leaks one slot of tracee memory */
		st->free_slots = f;
		st->allocfree = n;
	}
	st->free_slots[st->nfree++] = slot;
}

/* Build (or rebuild) the out-of-line copy of the instruction at the site. Without one, the
 * loop steps the instruction in place with the other threads held. */
void bp_site_build_slot(cdbg_proc *p, struct bp_site *s)
{
	unsigned char insn[ARCH_MAX_INSN], out[ARCH_SLOT_SIZE];
	ssize_t n = mem_raw_read(p, s->addr, insn, sizeof(insn));
	int len;

	s->slot_stale = false;
	if (n <= 0)
		goto no_slot;
	bp_filter_read(p, s->addr, insn, (size_t)n);
	if (!s->slot && !(s->slot = slot_take(p, s->addr)))
		goto no_slot;
	memset(out, 0xcc, sizeof(out));
	len = arch_build_slot(s->addr, insn, (size_t)n, s->slot, out, sizeof(out), &s->insn_len);
	if (len < 0 || mem_raw_write(p, s->slot, out, sizeof(out)) != sizeof(out))
		goto no_slot;
	janitor_slot(p, s->slot, s->addr, s->insn_len); /* janitor hook */
	return;
no_slot:
	logd(p, "breakpoint at %#llx: the instruction will be stepped in place",
	     (unsigned long long)s->addr);
	bp_slot_give_back(p, s->slot);
	s->slot = 0;
}

uint64_t bp_site_slot(cdbg_proc *p, struct bp_site *s)
{
	if (bps(p)->no_displaced)
		return 0; /* stepped over in place, the other threads held */
	if (s->slot_stale)
		bp_site_build_slot(p, s);
	return s->slot;
}

/* The base of a scratch area, made near `near` if there is none yet (calls return to the trap
 * at its start). */
int bp_scratch_any(cdbg_proc *p, uint64_t near, uint64_t *base)
{
	struct bp_state *st = bps(p);
	uint64_t slot;

	if (!st->nscratch) {
		slot = slot_take(p, near); /* creates the area; give the slot back */
		if (!slot)
			return -ENOMEM;
		bp_slot_give_back(p, slot);
	}
	*base = st->scratch[0].base;
	return 0;
}

/* The scratch areas to unmap before detaching. */
size_t bp_scratch_areas(cdbg_proc *p, uint64_t *base, size_t *size, size_t max)
{
	struct bp_state *st = bps(p);

	for (size_t i = 0; i < st->nscratch && i < max; i++) {
		base[i] = st->scratch[i].base;
		size[i] = st->scratch[i].size;
	}
	return st->nscratch;
}

int cdbg_set_displaced_stepping(cdbg_proc *p, int on)
{
	int was;

	if (!p)
		return -EINVAL;
	was = !bps(p)->no_displaced;
	bps(p)->no_displaced = !on;
	return was;
}
