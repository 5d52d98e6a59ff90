/*
 * cuinfo.c - what gdb's `info source` says about a compilation unit: its name, compilation
 * directory, producer, language, DWARF version and whether it has macro information.
 *
 * Owns: cdbg_cu_info, and gdb's test of a linespec's FILE against a unit (sym_addr_in_file, for
 * `break FILE:FUNC`). Must not: build line tables (linetab.c does) or read the process.
 */
#include <dwarf.h>
#include <string.h>

#include "symbols/symbols.h"

/* gdb's name of a DW_AT_language (language_str), "unknown" for the rest. */
static const char *lang_name(Dwarf_Word lang)
{
	switch (lang) {
	case DW_LANG_C89:
	case DW_LANG_C:
	case DW_LANG_C99:
	case DW_LANG_C11:
		return "c";
	case DW_LANG_C_plus_plus:
	case DW_LANG_C_plus_plus_03:
	case DW_LANG_C_plus_plus_11:
	case DW_LANG_C_plus_plus_14:
		return "c++";
	case DW_LANG_Mips_Assembler:
		return "asm";
	case DW_LANG_Go:
		return "go";
	case DW_LANG_Rust:
		return "rust";
	case DW_LANG_Fortran77:
	case DW_LANG_Fortran90:
	case DW_LANG_Fortran95:
	case DW_LANG_Fortran03:
	case DW_LANG_Fortran08:
		return "fortran";
	case DW_LANG_D:
		return "d";
	case DW_LANG_ObjC:
		return "objective-c";
	case DW_LANG_Ada83:
	case DW_LANG_Ada95:
		return "ada";
	case DW_LANG_Pascal83:
		return "pascal";
	case DW_LANG_Modula2:
		return "modula-2";
	default:
		return "unknown";
	}
}

bool sym_lang_cplus(Dwarf_Die *cu)
{
	return !strcmp(lang_name((Dwarf_Word)dwarf_srclang(cu)), "c++");
}

static void put_str(Dwarf_Die *cu, unsigned at, char *buf, size_t len)
{
	Dwarf_Attribute a;
	const char *s = dwarf_formstring(dwarf_attr(cu, at, &a));

	snprintf(buf, len, "%s", s ? s : "");
}

int cdbg_cu_info(cdbg_proc *p, uint64_t addr, struct cdbg_cu_info *out)
{
	struct sym_state *s = sym_session(p, "describe a compilation unit");
	Dwarf_Die *cu, buf;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Attribute a;
	Dwarf_Word lang;
	Dwarf_Half version = 0;
	uint8_t unit_type;

	if (!s)
		return cdbg_errcode(p);
	if (!(mod = sym_addr_module(p, s, addr)) || !(cu = sym_addr_cu(mod, addr, &bias, &buf)))
		return cdbg__fail(p, CDBG_ENOSYM, "no debug information for %#llx",
				  (unsigned long long)addr);
	memset(out, 0, sizeof(*out));
	put_str(cu, DW_AT_name, out->name, sizeof(out->name));
	put_str(cu, DW_AT_comp_dir, out->comp_dir, sizeof(out->comp_dir));
	put_str(cu, DW_AT_producer, out->producer, sizeof(out->producer));
	snprintf(out->language, sizeof(out->language), "%s",
		 dwarf_formudata(dwarf_attr(cu, DW_AT_language, &a), &lang) == 0 ? lang_name(lang) :
										   "unknown");
	if (dwarf_cu_info(cu->cu, &version, &unit_type, NULL, NULL, NULL, NULL, NULL) == 0)
		out->dwarf_version = version;
	out->has_macros = dwarf_hasattr(cu, DW_AT_macros) || dwarf_hasattr(cu, DW_AT_macro_info) ||
			  dwarf_hasattr(cu, DW_AT_GNU_macros);
	cdbg__clear_error(p);
	return 0;
}

/* gdb's compare_filenames_for_search: is spec path itself, or a suffix of it that starts
 * after a '/'? ("break.c" and "gdb.base/break.c" name /src/gdb.base/break.c.) */
static bool file_is(const char *path, const char *spec)
{
	size_t pl = strlen(path), sl = strlen(spec);

	if (!sl || pl < sl || strcmp(path + pl - sl, spec) != 0)
		return false;
	return pl == sl || path[pl - sl - 1] == '/' || spec[0] == '/';
}

bool sym_addr_in_file(cdbg_proc *p, uint64_t addr, const char *file)
{
	struct cdbg_cu_info cu;
	struct cdbg_line ln;
	char whole[1100];
	bool in = false;

	if (cdbg_line_by_addr(p, addr, &ln) == 0 && !ln.file_cut && file_is(ln.file, file))
		in = true;
	else if (cdbg_cu_info(p, addr, &cu) == 0) {
		snprintf(whole, sizeof(whole), "%s/%s", cu.comp_dir, cu.name);
		in = file_is(cu.name, file) || (cu.name[0] != '/' && file_is(whole, file));
	}
	cdbg__clear_error(p);
	return in;
}
