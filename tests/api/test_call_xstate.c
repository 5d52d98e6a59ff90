/*
 * test_call_xstate: the whole extended state survives a call. Known values go into every
 * ymm (so xmm too), x87 and MXCSR register of call_basic's main thread with cdbg_reg_write;
 * the thread then gets calls that clobber them (memset and strlen, which glibc runs on the
 * widest vector registers the CPU has; printf of a double; double arguments and results).
 * Where the kernel saves AVX-512, zmm0-31 and k0-7 get known values too, and read back after a
 * new attach (their bytes sit in three XSAVE components). The state is read as the kernel
 * holds it, after a detach and a new attach, before and after the calls. Proves: the full
 * cdbg_xstate_size() bytes are identical (the size being the kernel's regset size, whatever
 * the CPU: 512, 832, 2432, 2688, 11008...), the general registers too, and the program runs on
 * to its normal end.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>

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

static unsigned char known(int r, int i)
{
	return (unsigned char)(0x11 * (r + 1) + 3 * i);
}

/* Put recognisable bytes into every vector, x87 and control register of the state: zmm0-31
 * and k0-7 where the kernel saves AVX-512, else ymm0-15 where it saves AVX, else xmm0-15.
 * Returns the width of the vector registers written. */
static int set_known_values(pid_t tid)
{
	unsigned char v[64];
	char name[16];
	uint32_t mxcsr = 0x1f80 | 0x20; /* default masks, plus the sticky precision flag */
	int width = 64;

	for (int r = 0; r < 32; r++) {
		if (r >= 16 && width < 64)
			break;
		for (int i = 0; i < 64; i++)
			v[i] = known(r, i);
		for (;;) {
			snprintf(name, sizeof(name), "%s%d",
				 width == 64 ? "zmm" :
				 width == 32 ? "ymm" :
					       "xmm",
				 r);
			int rc = cdbg_reg_write(p, tid, name, v, (size_t)width);
			if (rc == 0)
				break;
			CHECK(rc == CDBG_ENOREG && width > 16 && r == 0, "%s: %s", name,
			      cdbg_errmsg(p));
			h_note("%s", cdbg_errmsg(p));
			width /= 2;
		}
	}
	for (int k = 0; width == 64 && k < 8; k++) {
		uint64_t kv = 0x0101010101010101ull * (uint64_t)(k + 1);
		snprintf(name, sizeof(name), "k%d", k);
		CHECK(cdbg_reg_set(p, tid, name, kv) == 0, "%s: %s", name, cdbg_errmsg(p));
	}
	for (int r = 0; r < 8; r++) {
		for (int i = 0; i < 10; i++)
			v[i] = (unsigned char)(0xa0 + 7 * r + i);
		v[9] = 0x40; /* a plain exponent: a normal number */
		snprintf(name, sizeof(name), "st%d", r);
		CHECK(cdbg_reg_write(p, tid, name, v, 10) == 0, "%s: %s", name, cdbg_errmsg(p));
	}
	CHECK(cdbg_reg_write(p, tid, "mxcsr", &mxcsr, 4) == 0, "mxcsr: %s", cdbg_errmsg(p));
	return width;
}

/* After a new attach (the bytes come from the kernel), the registers hold what was written. */
static void check_known_values(pid_t tid, int width)
{
	unsigned char v[64];
	char name[16];
	uint64_t kv;

	for (int r = 0; r < (width == 64 ? 32 : 16); r++) {
		snprintf(name, sizeof(name), "%s%d",
			 width == 64 ? "zmm" :
			 width == 32 ? "ymm" :
				       "xmm",
			 r);
		CHECK(cdbg_reg_read(p, tid, name, v, sizeof(v)) == width, "%s: %s", name,
		      cdbg_errmsg(p));
		for (int i = 0; i < width; i++)
			CHECK(v[i] == known(r, i), "%s byte %d: %#x, wrote %#x", name, i, v[i],
			      known(r, i));
	}
	for (int k = 0; width == 64 && k < 8; k++) {
		snprintf(name, sizeof(name), "k%d", k);
		CHECK(cdbg_reg_get(p, tid, name, &kv) == 0 &&
			      kv == 0x0101010101010101ull * (uint64_t)(k + 1),
		      "%s: %#llx", name, (unsigned long long)kv);
	}
}

static void clobbering_calls(pid_t tid)
{
	struct cdbg_call c = { .func = sym("clobber"), .args = { 4000 }, .nargs = 1 };

	CHECK(cdbg_call(p, tid, &c) == 0, "clobber: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, 4000);
	c = (struct cdbg_call){ .func = sym("fmt_double"), .fargs = { -1.25 }, .nfargs = 1 };
	CHECK(cdbg_call(p, tid, &c) == 0, "fmt_double: %s", cdbg_errmsg(p));
	CHECK_EQ(c.ret, 6);
	c = (struct cdbg_call){ .func = sym("mix8"),
				.fargs = { 8, 7, 6, 5, 4, 3, 2, 1 },
				.nfargs = 8 };
	CHECK(cdbg_call(p, tid, &c) == 0, "mix8: %s", cdbg_errmsg(p));
	CHECK(c.fret == 120.0, "mix8 = %g", c.fret);
}

int main(void)
{
	struct tracee t;
	char line[256];
	ssize_t size;
	uint64_t gpr0[27], gpr1[27], bv;
	unsigned char *x0, *x1, *k;
	int width;

	u_watchdog(50);
	h_start(&t, "call_basic", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	wait_in_read(t.pid);
	attach(t.pid);
	/* The size is the kernel's for this thread (we are its tracer), whatever CPUID says. */
	size = cdbg_xstate_size(p);
	CHECK(size >= 512, "cdbg_xstate_size: %zd: %s", size, cdbg_errmsg(p));
	k = calloc(1, (size_t)size + 65536);
	CHECK(k, "calloc");
	struct iovec iov = { k, (size_t)size + 65536 };
	if (ptrace(PTRACE_GETREGSET, t.pid, (void *)NT_X86_XSTATE, &iov) < 0) {
		iov.iov_len = (size_t)size + 65536;
		CHECK(ptrace(PTRACE_GETREGSET, t.pid, (void *)NT_PRFPREG, &iov) == 0,
		      "GETREGSET: %s", strerror(errno));
	}
	CHECK(iov.iov_len == (size_t)size, "the kernel's regset has %zu bytes, cdbg says %zd",
	      iov.iov_len, size);
	free(k);
	x0 = malloc((size_t)size);
	x1 = malloc((size_t)size);
	CHECK(x0 && x1, "malloc");
	width = set_known_values(t.pid);
	reattach(t.pid);
	check_known_values(t.pid, width);
	read_state(t.pid, gpr0, 27, x0, (size_t)size);
	if (size >= 576) {
		memcpy(&bv, x0 + 512, 8);
		uint64_t want = width == 64 ? 0xe7 : width == 32 ? 7 : 3;
		CHECK((bv & want) == want, "XSTATE_BV %#llx: x87, SSE%s should be in use",
		      (unsigned long long)bv,
		      width == 64 ? ", AVX and AVX-512" :
		      width == 32 ? " and AVX" :
				    "");
		h_note("xstate: %zd bytes, XSTATE_BV %#llx, vectors of %d bytes", size,
		       (unsigned long long)bv, width);
	}

	clobbering_calls(t.pid);
	reattach(t.pid);
	read_state(t.pid, gpr1, 27, x1, (size_t)size);
	for (int i = 0; i < 27; i++)
		CHECK(gpr0[i] == gpr1[i], "general register %d: %#llx, was %#llx", i,
		      (unsigned long long)gpr1[i], (unsigned long long)gpr0[i]);
	for (size_t i = 0; i < (size_t)size; i++)
		CHECK(x0[i] == x1[i], "xstate byte %zu (of %zd): %#x, was %#x", i, size, x1[i],
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
