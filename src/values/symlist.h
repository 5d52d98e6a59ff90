/*
 * values/symlist.h - what the symbol listing's files share (symlist.c: DWARF declarations and
 * the call; symlist_elf.c: ELF symbols without DWARF, the PLT's "NAME@plt"; scope.c is apart).
 *
 * Owns: nothing outside these files. Must not: print, read tracee memory.
 */
#ifndef CDBG_VALUES_SYMLIST_H
#define CDBG_VALUES_SYMLIST_H

#include <regex.h>

#include "values/vars.h"

/* One listed symbol; the strings belong to the list (sl_strdup) or to libdw/libdwfl. */
struct sl_ent {
	const char *name, *decl, *file, *module;
	int line;
	bool has_debug, is_static;
	uint64_t addr;
	size_t seq; /* order of discovery: ties keep it */
};
struct sl_list {
	struct sl_ent *e;
	size_t n, cap;
	char **str; /* sl_strdup's copies */
	size_t nstr, capstr;
};
/* Names of DWARF variables (a symbol of that name is not "non-debugging"): sorted once. */
struct sl_names {
	const char **v;
	size_t n, cap;
};

/* The state of one listing. */
struct sl_walk {
	struct sl_list *l;
	enum cdbg_symlist_kind kind;
	regex_t *re;               /* NULL: everything */
	struct sl_names *varnames; /* DWARF variable names are collected here when not NULL */
	const char *module;        /* the module walked */
	Dwarf_Addr bias;
	const char *cu_name; /* DW_AT_name of the unit walked */
	const char *cu_full; /* and its full path (cu_name or comp_dir/cu_name) */
	char full[4096];
	bool cxx;        /* the unit is C++ */
	char ns[512];    /* enclosing namespaces, "a::b::" */
	int rc;          /* 0, or the failure that stopped the walk */
	uintptr_t *seen; /* partial units walked (their DIEs' addresses), open addressing */
	size_t nseen, capseen;
};

/* symlist.c */
int sl_add(struct sl_list *l, const struct sl_ent *e);
char *sl_strdup(struct sl_list *l, const char *s);
void sl_free(struct sl_list *l);
/* Does name match the listing's regex? */
bool sl_match(const struct sl_walk *w, const char *name);

/* symlist_elf.c */
int sl_names_add(struct sl_names *s, const char *name);
void sl_names_sort(struct sl_names *s);
void sl_names_free(struct sl_names *s);
/* Append mod's ELF symbols of w->kind that DWARF does not describe, sorted by address then
 * name: 0 or -ENOMEM. */
int sl_elf_module(struct sl_walk *w, Dwfl_Module *mod, const struct sl_names *varnames);

#endif
