/*
 * fuzz_core: libFuzzer target for the core-file reader (src/target/core.c, image.c, and what
 * reads a core through them: libdwfl's module report, the unwinder, memory, registers). The
 * input is a core file's bytes, written to a memfd and opened by its /proc/self/fd path. The
 * seed corpus (corpus_core/) holds the head of real cores: the ELF header, the program headers
 * and the notes, without the memory they describe, so every seed is also a truncated core.
 *
 * Checks, beyond the sanitizers: a core that does not open leaves a one-line sentence; one that
 * opens answers every read (threads, registers, extended state, memory, a short backtrace of
 * each of the first threads, the modules, the mappings) with data or a failure, and every
 * attempt to run or change it fails with CDBG_ENOTLIVE.
 * Must not: keep state between inputs (one handle per input, freed after it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cdbg.h"

static int core_fd = -1;
static char core_path[64];

static void check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_core: %s\n", what);
		abort();
	}
}

static void sentence(cdbg_proc *p)
{
	const char *m = cdbg_errmsg(p);

	check(m && m[0] && !strchr(m, '\n'), "a failure without a one-line sentence");
}

static void read_thread(cdbg_proc *p, pid_t tid, int deep)
{
	unsigned char buf[256];
	uint64_t pc = 0, sp = 0;
	struct cdbg_frame fr[8];
	ssize_t xs;
	unsigned char *x;

	if (cdbg_reg_get(p, tid, "rip", &pc) < 0)
		sentence(p);
	if (cdbg_reg_get(p, tid, "rsp", &sp) < 0)
		sentence(p);
	if (cdbg_reg_read(p, tid, "xmm0", buf, sizeof(buf)) < 0)
		sentence(p);
	xs = cdbg_xstate_size(p);
	if (xs > 0 && xs < (1 << 20) && (x = malloc((size_t)xs))) {
		if (cdbg_xstate_read(p, tid, x, (size_t)xs) < 0)
			sentence(p);
		free(x);
	}
	if (cdbg_mem_read(p, pc, buf, sizeof(buf)) < 0)
		sentence(p);
	if (cdbg_mem_read(p, sp, buf, sizeof(buf)) < 0)
		sentence(p);
	if (deep && cdbg_backtrace(p, tid, fr, 8) < 0)
		sentence(p);
	check(cdbg_reg_set(p, tid, "rip", 0) == CDBG_ENOTLIVE, "a register written in a core");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cdbg_core_info info;
	struct cdbg_core_mapping maps[16];
	struct cdbg_module mods[8];
	pid_t tids[16];
	cdbg_proc *p;
	int n;

	if (core_fd < 0) {
		core_fd = memfd_create("fuzz_core", MFD_CLOEXEC);
		check(core_fd >= 0, "memfd_create failed");
		snprintf(core_path, sizeof(core_path), "/proc/self/fd/%d", core_fd);
	}
	check(ftruncate(core_fd, 0) == 0, "ftruncate failed");
	check(pwrite(core_fd, data, size, 0) == (ssize_t)size, "pwrite failed");
	p = cdbg_new();
	check(p != NULL, "cdbg_new failed");
	if (cdbg_core_open(p, core_path, NULL) < 0) {
		sentence(p);
		check(cdbg_target(p) != CDBG_TARGET_CORE, "a failed open left a core held");
		cdbg_free(p);
		return 0;
	}
	check(cdbg_target(p) == CDBG_TARGET_CORE, "an open core is not held");
	check(cdbg_core_info(p, &info) == 0, "no information about an open core");
	check(info.nthreads > 0, "a core open without threads");
	if (cdbg_core_mappings(p, maps, 16) < 0)
		sentence(p);
	n = cdbg_threads(p, tids, 16);
	check(n > 0, "an open core lists no thread");
	for (int i = 0; i < n && i < 16; i++)
		read_thread(p, tids[i], i < 2);
	if (cdbg_modules(p, mods, 8) < 0)
		sentence(p);
	check(cdbg_cont(p) == CDBG_ENOTLIVE, "a core continued");
	check(cdbg_step(p, tids[0]) == CDBG_ENOTLIVE, "a core stepped");
	check(cdbg_bp_insert(p, 0x1000, 0) == CDBG_ENOTLIVE, "a breakpoint inserted in a core");
	check(cdbg_mem_write(p, 0x1000, "x", 1) == CDBG_ENOTLIVE, "memory written in a core");
	check(cdbg_detach(p) == 0, "a core could not be let go");
	check(cdbg_target(p) != CDBG_TARGET_CORE, "a core still held after detach");
	cdbg_free(p);
	return 0;
}
