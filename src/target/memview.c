/*
 * memview.c - the program's memory as the program sees it: int3s hidden on reads, writes over
 * an int3 kept under it (the saved byte changes, the int3 stays). Sits above the raw access of
 * target/memory.c, with the site table that knows where the int3s are (lldb's
 * ReadMemoryWithoutTrap).
 *
 * Owns: cdbg_mem_read, cdbg_mem_write, mem_read_quiet, mem_read_many, and the filters over
 * the site table.
 * Must not: move bytes itself (target/memory.c does) or insert and remove int3s (breakpoint.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "janitor/janitor.h"

/* Show the program's own bytes where int3s sit. */
void bp_filter_read(cdbg_proc *p, uint64_t addr, unsigned char *buf, size_t len)
{
	struct bp_state *st = &p->bp;

	if (!st->nsites || addr > st->hi || addr + len <= st->lo)
		return; /* no int3 there: the heap, the stack */
	if (len <= 64) {
		for (size_t i = 0; i < len; i++) {
			struct bp_site *s = bp_site_at(p, addr + i);
			if (s && s->inserted)
				buf[i] = s->orig;
		}
		return;
	}
	for (size_t h = 0; h < BP_HASH; h++)
		for (struct bp_site *s = st->sites[h]; s; s = s->next)
			if (s->inserted && s->addr >= addr && s->addr - addr < len)
				buf[s->addr - addr] = s->orig;
}

/* A write over int3s updates the saved bytes and keeps the int3s; the out-of-line copies of
 * the instructions it changed are rebuilt. buf is the caller's copy and may be changed. */
void bp_filter_write(cdbg_proc *p, uint64_t addr, unsigned char *buf, size_t len)
{
	struct bp_state *st = &p->bp;

	if (!st->nsites)
		return;
	for (size_t h = 0; h < BP_HASH; h++) {
		for (struct bp_site *s = st->sites[h]; s; s = s->next) {
			if (!s->inserted || s->addr + ARCH_MAX_INSN <= addr ||
			    s->addr >= addr + len)
				continue;
			if (s->addr >= addr) {
				s->orig = buf[s->addr - addr];
				buf[s->addr - addr] = arch_bp_insn[0];
				janitor_bytes(p, s->addr, &s->orig, 1, true); /* janitor hook */
				bp_parachute_track(p, s);
			}
			s->slot_stale = true;
		}
	}
}

/* The program's bytes (int3s hidden), with no error recorded: for breakpoint conditions and
 * the layers above that read on their own (symbols, values). */
ssize_t mem_read_quiet(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	ssize_t n = mem_raw_read(p, addr, buf, len);

	if (n > 0)
		bp_filter_read(p, addr, buf, (size_t)n);
	return n;
}

size_t mem_read_many(cdbg_proc *p, const uint64_t *addrs, size_t n, size_t len, unsigned char *out,
		     bool *ok)
{
	size_t good = mem_raw_read_many(p, addrs, n, len, out, ok);

	for (size_t i = 0; i < n; i++)
		if (ok[i])
			bp_filter_read(p, addrs[i], out + i * len, len);
	return good;
}

ssize_t cdbg_mem_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	ssize_t n = mem_access(p, addr, buf, len, false);

	if (n > 0)
		bp_filter_read(p, addr, buf, (size_t)n);
	return n;
}

ssize_t cdbg_mem_write(cdbg_proc *p, uint64_t addr, const void *buf, size_t len)
{
	unsigned char small[256], *copy = len <= sizeof(small) ? small : malloc(len);
	ssize_t r;

	/* The owner thread and a live process first: the saved bytes below are the handle's. */
	if ((r = loop_require_proc(p, "write memory")) < 0 ||
	    (p->core && (r = loop_require_live(p, "write memory")) < 0)) {
		if (copy != small)
			free(copy);
		return r;
	}
	if (!copy)
		return cdbg__fail(p, -ENOMEM, "cannot write memory: out of memory");
	/* Writing over a breakpoint changes the saved byte; the int3 stays. */
	memcpy(copy, buf, len);
	bp_filter_write(p, addr, copy, len);
	r = mem_access(p, addr, copy, len, true);
	if (copy != small)
		free(copy);
	return r;
}
