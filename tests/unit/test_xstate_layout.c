/*
 * test_xstate_layout: the extended-state layout of src/arch/x86_64/arch.c for machines this
 * one is not: a CPU's component offsets (CPUID leaf 0xD) with a kernel that saves fewer bytes
 * or fewer components than the CPU has. The cases are real ones: an Intel CPU with AMX whose
 * CPUID says 11008 bytes under a kernel whose regset has 2688 (issue 10, failure 7), the same
 * CPU under a kernel that saves AMX (11008), an AVX-only one (832), an AMD EPYC with AVX-512
 * and no MPX (2432: its AVX-512 components sit elsewhere), and a kernel without XSAVE (the
 * 512-byte NT_PRFPREG block). Proves: the layout's size is the kernel's, a component is there
 * only when the kernel saves it and it lies inside the block, ymm/zmm/k bytes are found where
 * each CPU puts them, registers of missing components say which state is missing, and
 * XSTATE_BV is marked only where there is a header. Needs no tracee.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h" /* internal: the library does not export it */
#include "harness.h"

/* Intel Sapphire Rapids (CPUID leaf 0xD sub-leaves 2..18, standard format). */
static const struct arch_xstate_cpu spr = {
	.off = { [2] = 576,
		 [3] = 960,
		 [4] = 1024,
		 [5] = 1088,
		 [6] = 1152,
		 [7] = 1664,
		 [9] = 2688,
		 [17] = 2752,
		 [18] = 2816 },
	.len = { [2] = 256, [3] = 64, [4] = 64, [5] = 64, [6] = 512, [7] = 1024, [9] = 8, [17] = 64, [18] = 8192 },
};
/* AMD EPYC (Zen 4) as seen by this project's test machines: no MPX, AVX-512 right after AVX. */
static const struct arch_xstate_cpu epyc = {
	.off = { [2] = 576, [5] = 832, [6] = 896, [7] = 1408 },
	.len = { [2] = 256, [5] = 64, [6] = 512, [7] = 1024 },
};
/* Intel Haswell: AVX only. */
static const struct arch_xstate_cpu hsw = {
	.off = { [2] = 576 },
	.len = { [2] = 256 },
};

#define X87_SSE 0x3ull
#define AVX 0x4ull
#define AVX512 0xe0ull
#define PKRU 0x200ull
#define AMX 0x60000ull

/* The pieces of register name in x as "off+len off+len ...", or the missing state's name. */
static const char *where(const struct arch_xstate *x, const char *name, uint64_t *comps)
{
	static char buf[128];
	struct arch_piece pc[ARCH_XSTATE_MAX_PIECES];
	const struct arch_reg *r = arch_reg_by_name(name);
	const char *why;
	uint64_t c;
	int n, len = 0;

	CHECK(r, "no register %s", name);
	n = arch_xstate_pieces(x, r, pc, comps ? comps : &c, &why);
	if (n <= 0) {
		CHECK(why, "%s: no pieces and no reason", name);
		snprintf(buf, sizeof(buf), "no %s", why);
		return buf;
	}
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		CHECK(pc[i].off + pc[i].len <= x->size, "%s piece %d at %u+%u beyond %zu bytes",
		      name, i, pc[i].off, pc[i].len, x->size);
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "%s%u+%u", i ? " " : "",
				pc[i].off, pc[i].len);
	}
	return buf;
}

#define WHERE(x, name, want)                                                                       \
	do {                                                                                       \
		const char *got_ = where(x, name, NULL);                                           \
		CHECK(!strcmp(got_, want), "%s: %s, want %s", name, got_, want);                   \
	} while (0)

/* Issue 10, failure 7: CPUID says 11008 (AMX), the kernel's regset has 2688 bytes. */
static void amx_cpu_avx512_kernel(void)
{
	struct arch_xstate x;

	arch_xstate_layout(&x, 2688, X87_SSE | AVX | AVX512, NT_X86_XSTATE, &spr);
	CHECK_EQ(x.size, 2688);
	CHECK_EQ(x.xfeatures, X87_SSE | AVX | AVX512);
	WHERE(&x, "xmm1", "176+16");
	WHERE(&x, "ymm1", "176+16 592+16");
	WHERE(&x, "zmm1", "176+16 592+16 1184+32");
	WHERE(&x, "zmm31", "2624+64");
	WHERE(&x, "k7", "1144+8");
	WHERE(&x, "st0", "32+10");
	WHERE(&x, "mxcsr", "24+4");
	CHECK(!x.len[18] && !x.len[17], "AMX in a 2688-byte block");

	/* A kernel mask that claims PKRU and AMX while its block ends at 2688: not available. */
	arch_xstate_layout(&x, 2688, X87_SSE | AVX | AVX512 | PKRU | AMX, NT_X86_XSTATE, &spr);
	CHECK_EQ(x.xfeatures, X87_SSE | AVX | AVX512);
	CHECK(!x.len[9] && !x.len[18], "PKRU or AMX beyond the block");
}

static void amx_kernel(void)
{
	struct arch_xstate x;

	arch_xstate_layout(&x, 11008, X87_SSE | AVX | AVX512 | PKRU | AMX, NT_X86_XSTATE, &spr);
	CHECK_EQ(x.size, 11008);
	CHECK(x.off[18] == 2816 && x.len[18] == 8192, "tile data %u+%u", x.off[18], x.len[18]);
	CHECK(x.off[17] == 2752 && x.len[17] == 64, "tile config %u+%u", x.off[17], x.len[17]);
	CHECK(x.off[9] == 2688 && x.len[9] == 8, "PKRU %u+%u", x.off[9], x.len[9]);
	WHERE(&x, "zmm0", "160+16 576+16 1152+32");

	/* The same block size, but a kernel that does not save AMX (its mask says so). */
	arch_xstate_layout(&x, 11008, X87_SSE | AVX | AVX512 | PKRU, NT_X86_XSTATE, &spr);
	CHECK(!x.len[17] && !x.len[18], "AMX not in the kernel's mask, yet available");
	CHECK_EQ(x.xfeatures, X87_SSE | AVX | AVX512 | PKRU);

	/* A kernel without AVX-512 on that CPU: zmm and k are not available. */
	arch_xstate_layout(&x, 11008, X87_SSE | AVX | PKRU | AMX, NT_X86_XSTATE, &spr);
	WHERE(&x, "ymm15", "400+16 816+16");
	WHERE(&x, "zmm0", "no AVX-512");
	WHERE(&x, "zmm16", "no AVX-512");
	WHERE(&x, "k0", "no AVX-512");
}

static void avx_only(void)
{
	struct arch_xstate x;

	/* An AVX-only kernel block on the AMX CPU, and on an AVX-only CPU. */
	arch_xstate_layout(&x, 832, X87_SSE | AVX, NT_X86_XSTATE, &spr);
	CHECK_EQ(x.size, 832);
	WHERE(&x, "ymm15", "400+16 816+16");
	WHERE(&x, "zmm0", "no AVX-512");
	WHERE(&x, "zmm31", "no AVX-512");
	arch_xstate_layout(&x, 832, X87_SSE | AVX | AVX512, NT_X86_XSTATE, &spr);
	CHECK_EQ(x.xfeatures, X87_SSE | AVX);
	WHERE(&x, "k1", "no AVX-512");
	arch_xstate_layout(&x, 832, X87_SSE | AVX, NT_X86_XSTATE, &hsw);
	WHERE(&x, "ymm0", "160+16 576+16");
	/* A block that ends before the AVX component. */
	arch_xstate_layout(&x, 576, X87_SSE | AVX, NT_X86_XSTATE, &hsw);
	WHERE(&x, "ymm0", "no AVX");
	WHERE(&x, "xmm0", "160+16");
}

static void epyc_avx512(void)
{
	struct arch_xstate x;

	arch_xstate_layout(&x, 2432, X87_SSE | AVX | AVX512, NT_X86_XSTATE, &epyc);
	WHERE(&x, "zmm2", "192+16 608+16 960+32");
	WHERE(&x, "zmm16", "1408+64");
	WHERE(&x, "zmm31", "2368+64");
	WHERE(&x, "k0", "832+8");
	/* The Intel offsets would put zmm31 past this block. */
	arch_xstate_layout(&x, 2432, X87_SSE | AVX | AVX512, NT_X86_XSTATE, &spr);
	WHERE(&x, "zmm31", "no AVX-512");
	WHERE(&x, "k0", "1088+8");
}

static void no_xsave(void)
{
	struct arch_xstate x;
	uint64_t comps;
	/* Exactly 512 bytes on the heap: a write at XSTATE_BV (512) would be caught by ASan. */
	unsigned char *blk = calloc(1, 512), zero[512] = { 0 };

	CHECK(blk, "calloc");
	arch_xstate_layout(&x, 512, X87_SSE, NT_PRFPREG, &spr);
	CHECK_EQ(x.size, 512);
	CHECK_EQ(x.xfeatures, X87_SSE);
	WHERE(&x, "xmm15", "400+16");
	WHERE(&x, "ymm0", "no AVX");
	WHERE(&x, "zmm0", "no AVX");
	CHECK(!strcmp(where(&x, "xmm3", &comps), "208+16") && comps == 2, "xmm3 comps %#llx",
	      (unsigned long long)comps);
	arch_xstate_mark(&x, blk, comps);
	CHECK(!memcmp(blk, zero, 512), "an FXSAVE block was marked");
	/* The fallback as the target layer learns it. */
	arch_xstate_learn(&x, blk, 512, NT_PRFPREG);
	CHECK(x.size == 512 && x.xfeatures == X87_SSE && x.note == NT_PRFPREG, "learn: %zu %#llx",
	      x.size, (unsigned long long)x.xfeatures);
	free(blk);
}

static void mark(void)
{
	struct arch_xstate x;
	unsigned char *blk = calloc(1, 2688);
	uint64_t comps, bv;

	CHECK(blk, "calloc");
	arch_xstate_layout(&x, 2688, X87_SSE | AVX | AVX512, NT_X86_XSTATE, &spr);
	where(&x, "ymm3", &comps);
	arch_xstate_mark(&x, blk, comps);
	memcpy(&bv, blk + 512, 8);
	CHECK_EQ(bv, 0x6);
	where(&x, "zmm20", &comps);
	arch_xstate_mark(&x, blk, comps | AMX); /* never a bit the kernel does not save */
	memcpy(&bv, blk + 512, 8);
	CHECK_EQ(bv, 0x86);
	where(&x, "st2", &comps);
	arch_xstate_mark(&x, blk, comps);
	memcpy(&bv, blk + 512, 8);
	CHECK_EQ(bv, 0x87);
	free(blk);
}

/* This machine: the probe buffer must be larger than anything CPUID says. */
static void this_cpu(void)
{
	struct arch_xstate_cpu cpu;
	size_t probe = arch_xstate_probe_size();

	arch_xstate_cpu_read(&cpu);
	for (int i = 2; i < ARCH_XSTATE_NCOMP; i++)
		CHECK((size_t)cpu.off[i] + cpu.len[i] < probe, "component %d at %u+%u, probe %zu",
		      i, cpu.off[i], cpu.len[i], probe);
	h_note("probe buffer %zu bytes; AVX at %u, AVX-512 at %u/%u/%u, AMX tiles at %u", probe,
	       cpu.off[2], cpu.off[5], cpu.off[6], cpu.off[7], cpu.off[18]);
}

int main(void)
{
	amx_cpu_avx512_kernel();
	amx_kernel();
	avx_only();
	epyc_avx512();
	no_xsave();
	mark();
	this_cpu();
	return 0;
}
