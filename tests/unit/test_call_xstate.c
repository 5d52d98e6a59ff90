/*
 * test_call_xstate: the whole extended state survives a call. Known values go into every
 * ymm (so xmm too), x87 and MXCSR register of call_basic's main thread with cdbg_reg_write;
 * the thread then gets calls that clobber them (memset and strlen, which glibc runs on the
 * widest vector registers the CPU has; printf of a double; double arguments and results).
 * The state is read as the kernel holds it, after a detach and a new attach, before and after
 * the calls. Proves: the full cdbg_xstate_size() bytes are identical (the size being the
 * largest CPUID leaf 0xD gives, never assumed), the general registers too, and the program
 * runs on to its normal end.
 */
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "unit_util.h"

static cdbg_proc *p;

static uint64_t sym(const char *name)
{
	struct cdbg_symbol s;

	CHECK(cdbg_sym_by_name(p, name, &s) == 0, "symbol %s: %s", name, cdbg_errmsg(p));
	return s.addr;
}

/* A new handle attached to pid. */
static void attach(pid_t pid)
{
	p = u_new();
	CHECK(cdbg_attach(p, pid) == 0, "attach: %s", cdbg_errmsg(p));
}

/* Wait until the program sleeps in read() again (its registers are then the same at every
 * attach: before it gets there, rax and rip change under us). */
static void wait_in_read(pid_t pid)
{
	CHECK(h_wait_in_syscall(pid, SYS_read, 10), "%d never went back to sleep in read()",
	      (int)pid);
}

/* Let go of pid and take it again: what is read next comes from the kernel. */
static void reattach(pid_t pid)
{
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	cdbg_free(p);
	wait_in_read(pid);
	attach(pid);
}

/* The general registers (the first 27 of the table: rax .. orig_rax) and the xstate. */
static void read_state(pid_t tid, uint64_t *gpr, size_t ngpr, unsigned char *xs, size_t size)
{
	const struct cdbg_reg_desc *tab;

	CHECK(cdbg_reg_table(&tab) >= ngpr, "register table");
	for (size_t i = 0; i < ngpr; i++)
		CHECK(cdbg_reg_get(p, tid, tab[i].name, &gpr[i]) == 0, "%s: %s", tab[i].name,
		      cdbg_errmsg(p));
	memset(xs, 0xee, size);
	CHECK(cdbg_xstate_read(p, tid, xs, size) == (int)size, "xstate: %s", cdbg_errmsg(p));
}

/* Put recognisable bytes into every vector, x87 and control register of the state. */
static void set_known_values(pid_t tid)
{
	unsigned char v[32];
	char name[16];
	uint32_t mxcsr = 0x1f80 | 0x20; /* default masks, plus the sticky precision flag */

	for (int r = 0; r < 16; r++) {
		for (int i = 0; i < 32; i++)
			v[i] = (unsigned char)(0x11 * (r + 1) + 3 * i);
		snprintf(name, sizeof(name), "ymm%d", r);
		CHECK(cdbg_reg_write(p, tid, name, v, 32) == 0, "%s: %s", name, cdbg_errmsg(p));
	}
	for (int r = 0; r < 8; r++) {
		for (int i = 0; i < 10; i++)
			v[i] = (unsigned char)(0xa0 + 7 * r + i);
		v[9] = 0x40; /* a plain exponent: a normal number */
		snprintf(name, sizeof(name), "st%d", r);
		CHECK(cdbg_reg_write(p, tid, name, v, 10) == 0, "%s: %s", name, cdbg_errmsg(p));
	}
	CHECK(cdbg_reg_write(p, tid, "mxcsr", &mxcsr, 4) == 0, "mxcsr: %s", cdbg_errmsg(p));
}

static void clobbering_calls(pid_t tid)
{
	struct cdbg_call c = { .func = sym("clobber"), .args = { 4000 }, .nargs = 1 };

	CHECK(cdbg_call(p, tid, &c) == 0, "clobber: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, 4000);
	c = (struct cdbg_call){ .func = sym("fmt_double"), .fargs = { -1.25 }, .nfargs = 1 };
	CHECK(cdbg_call(p, tid, &c) == 0, "fmt_double: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, 6);
	c = (struct cdbg_call){ .func = sym("mix8"), .fargs = { 8, 7, 6, 5, 4, 3, 2, 1 },
				.nfargs = 8 };
	CHECK(cdbg_call(p, tid, &c) == 0, "mix8: %s", cdbg_errmsg(p));
	CHECK(c.fret == 120.0, "mix8 = %g", c.fret);
}

int main(void)
{
	struct tracee t;
	char line[256];
	unsigned a, b, c, d;
	size_t size = cdbg_xstate_size(), want = 0;
	uint64_t gpr0[27], gpr1[27], bv;
	unsigned char *x0, *x1;

	u_watchdog(50);
	if (__get_cpuid_count(0xd, 0, &a, &b, &c, &d))
		want = b > c ? b : c;
	CHECK(want >= 576 && size == want, "cdbg_xstate_size() %zu, CPUID leaf 0xD says %zu",
	      size, want);
	x0 = malloc(size);
	x1 = malloc(size);
	CHECK(x0 && x1, "malloc");
	h_start(&t, "call_basic", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	wait_in_read(t.pid);
	attach(t.pid);
	set_known_values(t.pid);
	reattach(t.pid);
	read_state(t.pid, gpr0, 27, x0, size);
	memcpy(&bv, x0 + 512, 8);
	CHECK((bv & 7) == 7, "XSTATE_BV %#llx: x87, SSE and AVX should be in use",
	      (unsigned long long)bv);
	h_note("xstate: %zu bytes, XSTATE_BV %#llx", size, (unsigned long long)bv);

	clobbering_calls(t.pid);
	reattach(t.pid);
	read_state(t.pid, gpr1, 27, x1, size);
	for (int i = 0; i < 27; i++)
		CHECK(gpr0[i] == gpr1[i], "general register %d: %#llx, was %#llx", i,
		      (unsigned long long)gpr1[i], (unsigned long long)gpr0[i]);
	for (size_t i = 0; i < size; i++)
		CHECK(x0[i] == x1[i], "xstate byte %zu (of %zu): %#x, was %#x", i, size, x1[i],
		      x0[i]);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "show");
	h_expect(&t, "counter=", line, sizeof(line), 10);
	CHECK(!strcmp(line, "counter=0 text=-1.250"), "%s", line);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done counter=0", NULL, 0, 1);
	cdbg_free(p);
	free(x0);
	free(x1);
	return h_pass();
}
