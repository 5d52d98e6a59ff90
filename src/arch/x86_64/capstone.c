/*
 * arch/x86_64/capstone.c - Capstone, loaded on first use. Linking its 6 MB of relocations into
 * every program that uses libcdbg would double the debugger's start-up time, and most sessions
 * need no disassembler before the first breakpoint.
 *
 * Owns: the dlopen of libcapstone and its function table (cs_api, arch_cs_load). Must not:
 * decode (insn_info.c, displaced.c and insn_text.c open their own handles).
 */
#include <dlfcn.h>

#include "capstone.h"

#define STR2(x) #x
#define STR(x) STR2(x)

struct cs_api cs_api;

bool arch_cs_load(void)
{
	static bool tried, ok;
	void *h;

	if (tried)
		return ok;
	tried = true;
	h = dlopen("libcapstone.so." STR(CS_API_MAJOR), RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libcapstone.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	*(void **)&cs_api.open = dlsym(h, "cs_open");
	*(void **)&cs_api.option = dlsym(h, "cs_option");
	*(void **)&cs_api.disasm = dlsym(h, "cs_disasm");
	*(void **)&cs_api.free = dlsym(h, "cs_free");
	ok = cs_api.open && cs_api.option && cs_api.disasm && cs_api.free;
	return ok;
}
