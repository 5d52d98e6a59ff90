/*
 * arch/x86_64/capstone.h - Capstone, loaded on first use (see capstone.c).
 */
#ifndef CDBG_ARCH_CAPSTONE_H
#define CDBG_ARCH_CAPSTONE_H

#include <capstone/capstone.h>
#include <stdbool.h>

struct cs_api {
	cs_err (*open)(cs_arch, cs_mode, csh *);
	cs_err (*option)(csh, cs_opt_type, size_t);
	size_t (*disasm)(csh, const uint8_t *, size_t, uint64_t, size_t, cs_insn **);
	void (*free)(cs_insn *, size_t);
};
extern struct cs_api cs_api;

/* Load libcapstone once (later calls give the first answer): true when cs_api is usable, false
 * when the library is not installed. */
bool arch_cs_load(void);

#endif
