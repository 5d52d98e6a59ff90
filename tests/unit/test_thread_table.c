/*
 * test_thread_table: the thread table (src/target/thread.c) without a tracee: tid -> thread
 * lookups through the open-addressing hash, removal leaving tombstones that keep probe chains
 * intact, the dense array and each thread's index in it, rebuilding when tombstones pile up
 * (a thread storm: capacity stays bounded), creation order, and state changes forgetting the
 * cached registers. Checked against a plain array after every step of a random sequence.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "target/target.h" /* internal: the library does not export it */

#define MAXTID 4096

static struct thread *ref[MAXTID]; /* what the table must hold, by tid */

static unsigned long long rng = 0x9e3779b97f4a7c15ull;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

/* The table agrees with ref[]: every live tid found, every other one not, the dense array
 * holds each live thread once at its own index, the load stays under one half. */
static void check_table(cdbg_proc *p)
{
	struct thread_table *tt = &p->threads;
	size_t live = 0;

	for (pid_t tid = 1; tid < MAXTID; tid++) {
		struct thread *t = thread_find(tt, tid);
		CHECK(t == ref[tid], "tid %d: found %p, expected %p", (int)tid, (void *)t,
		      (void *)ref[tid]);
		live += ref[tid] != NULL;
	}
	CHECK_EQ(tt->count, live);
	for (size_t i = 0; i < tt->count; i++) {
		struct thread *t = tt->all[i];
		CHECK(t->idx == i, "thread %d at %zu has idx %zu", (int)t->tid, i, t->idx);
		CHECK(ref[t->tid] == t, "thread %d in all[] is not the live one", (int)t->tid);
	}
	CHECK((tt->capacity & (tt->capacity - 1)) == 0, "capacity %zu", tt->capacity);
	CHECK(tt->used * 2 <= tt->capacity, "load %zu of %zu", tt->used, tt->capacity);
	CHECK(tt->used >= tt->count, "used %zu < count %zu", tt->used, tt->count);
}

static void test_dense(cdbg_proc *p)
{
	for (pid_t tid = 1; tid < 1000; tid++) {
		ref[tid] = thread_add(p, tid, TS_RUNNING);
		CHECK(ref[tid] != NULL, "add %d", (int)tid);
	}
	check_table(p);
	/* Every other one gone: the rest are found across the tombstones. */
	for (pid_t tid = 1; tid < 1000; tid += 2) {
		thread_remove(p, ref[tid]);
		ref[tid] = NULL;
	}
	check_table(p);
	/* Back in, reusing the tombstones. */
	for (pid_t tid = 1; tid < 1000; tid += 2)
		ref[tid] = thread_add(p, tid, TS_NEW);
	check_table(p);
}

static void test_random(cdbg_proc *p)
{
	for (int step = 0; step < 20000; step++) {
		pid_t tid = (pid_t)(1 + next_rand() % (MAXTID - 1));
		if (ref[tid]) {
			thread_remove(p, ref[tid]);
			ref[tid] = NULL;
		} else {
			ref[tid] = thread_add(p, tid, TS_RUNNING);
			CHECK(ref[tid] != NULL, "add %d", (int)tid);
		}
		if (step % 997 == 0)
			check_table(p);
	}
	check_table(p);
}

/* Threads that live one at a time, each with a new tid (a program that starts short threads
 * forever): tombstones must not grow the table, nor make lookups run over a full one. */
static void test_storm(cdbg_proc *p)
{
	struct thread_table *tt = &p->threads;
	size_t cap;

	thread_table_free(tt);
	CHECK_EQ(thread_table_init(tt), 0);
	memset(ref, 0, sizeof(ref));
	cap = tt->capacity;
	for (pid_t tid = 100000; tid < 400000; tid++) {
		struct thread *t = thread_add(p, tid, TS_NEW);
		CHECK(t != NULL && thread_find(tt, tid) == t, "tid %d", (int)tid);
		thread_remove(p, t);
		CHECK(thread_find(tt, tid) == NULL, "tid %d still found", (int)tid);
	}
	CHECK(tt->capacity == cap, "capacity grew from %zu to %zu with no thread live", cap,
	      tt->capacity);
	CHECK_EQ(tt->count, 0);
}

static void test_state(cdbg_proc *p)
{
	struct thread_table *tt = &p->threads;
	struct thread *a = thread_add(p, 7, TS_STOPPED), *b = thread_add(p, 8, TS_NEW);

	CHECK(a && b, "add");
	CHECK(b->seq == a->seq + 1, "creation order %u, %u", a->seq, b->seq);
	a->stop = SK_BREAK;
	a->regs_valid = a->xstate_valid = true;
	thread_set_state(p, a, TS_STOPPED); /* no change: keeps what it knows */
	CHECK(a->stop == SK_BREAK && a->regs_valid, "a same-state change forgot the stop");
	thread_set_state(p, a, TS_RUNNING);
	CHECK(a->stop == SK_NONE && !a->regs_valid && !a->xstate_valid,
	      "a running thread kept its stop or registers");
	CHECK(!strcmp(thread_state_name(TS_ZOMBIE), "zombie"), "%s", thread_state_name(TS_ZOMBIE));
	CHECK(!strcmp(thread_state_name((enum thread_state)42), "?"), "out of range");
	thread_remove(p, a);
	CHECK(thread_find(tt, 8) == b && b->idx == 0 && tt->all[0] == b, "b moved to the hole");
}

int main(void)
{
	cdbg_proc *p = cdbg_new();

	CHECK(p != NULL, "cdbg_new");
	test_dense(p);
	test_random(p);
	test_storm(p);
	test_state(p);
	cdbg_free(p);
	return h_pass();
}
