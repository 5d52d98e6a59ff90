/*
 * thread.c - the thread table: tid -> thread in O(1), iteration, and the one place a thread's
 * state changes (logged, as lldb's MaybeLogStateChange does).
 *
 * Owns: allocation and lookup of struct thread. Must not: call ptrace or waitpid; decide when a
 * thread stops or runs (the loop decides, then calls thread_set_state).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"

#define TOMB ((struct thread *)1)

static size_t slot_of(pid_t tid, size_t cap)
{
	/* Fibonacci hashing: tids are dense, so spread them. */
	return (size_t)(((uint64_t)(uint32_t)tid * 11400714819323198485ull) >> 20) & (cap - 1);
}

int thread_table_init(struct thread_table *tt)
{
	memset(tt, 0, sizeof(*tt));
	tt->capacity = 64;
	tt->slots = calloc(tt->capacity, sizeof(*tt->slots));
	return tt->slots ? 0 : -ENOMEM;
}

void thread_table_free(struct thread_table *tt)
{
	for (size_t i = 0; i < tt->count; i++) {
		free(tt->all[i]->xstate);
		free(tt->all[i]);
	}
	free(tt->slots);
	free(tt->all);
	memset(tt, 0, sizeof(*tt));
}

struct thread *thread_find(struct thread_table *tt, pid_t tid)
{
	size_t mask = tt->capacity - 1;

	for (size_t i = slot_of(tid, tt->capacity);; i = (i + 1) & mask) {
		struct thread *t = tt->slots[i];
		if (!t)
			return NULL;
		if (t != TOMB && t->tid == tid)
			return t;
	}
}

static void slot_insert(struct thread **slots, size_t cap, struct thread *t)
{
	size_t i = slot_of(t->tid, cap);

	while (slots[i] && slots[i] != TOMB)
		i = (i + 1) & (cap - 1);
	slots[i] = t;
}

/* Keep the load (live + tombstones) under one half: rebuild at double size, or same size when
 * most of the load is tombstones left by a thread storm. */
static int table_grow(struct thread_table *tt)
{
	size_t cap = tt->count * 4 > tt->capacity ? tt->capacity * 2 : tt->capacity;
	struct thread **slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < tt->count; i++)
		slot_insert(slots, cap, tt->all[i]);
	free(tt->slots);
	tt->slots = slots;
	tt->capacity = cap;
	tt->used = tt->count;
	return 0;
}

/* A new thread in state st; NULL when out of memory. The tid must not be in the table. */
struct thread *thread_add(cdbg_proc *p, pid_t tid, enum thread_state st)
{
	struct thread_table *tt = &p->threads;
	struct thread *t;

	if ((tt->used + 1) * 2 > tt->capacity && table_grow(tt) < 0)
		return NULL;
	if (tt->count == tt->alloc) {
		size_t n = tt->alloc ? tt->alloc * 2 : 64;
		struct thread **all = realloc(tt->all, n * sizeof(*all));
		if (!all)
			return NULL;
		tt->all = all;
		tt->alloc = n;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	t->state = st;
	t->seq = tt->next_seq++;
	slot_insert(tt->slots, tt->capacity, t);
	tt->used++;
	t->idx = tt->count;
	tt->all[tt->count++] = t;
	logt(p, "thread %d: new, %s", tid, thread_state_name(st));
	return t;
}

void thread_remove(cdbg_proc *p, struct thread *t)
{
	struct thread_table *tt = &p->threads;
	size_t mask = tt->capacity - 1;

	for (size_t i = slot_of(t->tid, tt->capacity);; i = (i + 1) & mask) {
		if (tt->slots[i] == t) {
			tt->slots[i] = TOMB;
			break;
		}
	}
	tt->all[t->idx] = tt->all[--tt->count];
	tt->all[t->idx]->idx = t->idx;
	logt(p, "thread %d: removed", t->tid);
	free(t->xstate);
	free(t);
}

void thread_set_state(cdbg_proc *p, struct thread *t, enum thread_state st)
{
	if (t->state == st)
		return;
	logt(p, "thread %d: %s -> %s", t->tid, thread_state_name(t->state), thread_state_name(st));
	t->state = st;
	if (st != TS_STOPPED) {
		t->stop = SK_NONE;
		t->regs_valid = false;
		t->xstate_valid = false;
	}
}

const char *thread_state_name(enum thread_state st)
{
	static const char *const names[] = { "running", "stopping", "new",
					     "stopped", "exiting",  "zombie" };
	return (unsigned)st < sizeof(names) / sizeof(names[0]) ? names[st] : "?";
}
