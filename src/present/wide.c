/*
 * present/wide.c - the program's wchar_t, char16_t and char32_t as gdb 13 prints them: which
 * DWARF types they are (by the names wchar_t, char16_t, char32_t through typedefs, or
 * DW_ATE_UTF), a value as 97 L'a', a string as L"abc" (charset.c's text) onto a stream.
 *
 * Owns: recognising wide character types. Must not: read the tracee (callers pass bytes).
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "present/present.h"

int cdbg__wide_kind(void *die)
{
	Dwarf_Die d, *type = die;
	Dwarf_Attribute a;
	Dwarf_Word enc = 0, size = 0;

	if (!type)
		return 0;
	d = *type;
	for (int i = 0; i < 16; i++) {
		int tag = dwarf_tag(&d);
		const char *n = dwarf_diename(&d);
		if (n && (tag == DW_TAG_typedef || tag == DW_TAG_base_type)) {
			if (!strcmp(n, "wchar_t"))
				return EXPR_CS_WCHAR;
			if (!strcmp(n, "char16_t"))
				return EXPR_CS_U16;
			if (!strcmp(n, "char32_t"))
				return EXPR_CS_U32;
		}
		if (tag == DW_TAG_base_type) {
			dwarf_formudata(dwarf_attr(&d, DW_AT_encoding, &a), &enc);
			dwarf_formudata(dwarf_attr(&d, DW_AT_byte_size, &a), &size);
			if (enc == DW_ATE_UTF && (size == 2 || size == 4))
				return size == 2 ? EXPR_CS_U16 : EXPR_CS_U32;
			return 0;
		}
		if (tag != DW_TAG_typedef && tag != DW_TAG_const_type &&
		    tag != DW_TAG_volatile_type && tag != DW_TAG_atomic_type)
			return 0;
		if (!dwarf_formref_die(dwarf_attr(&d, DW_AT_type, &a), &d))
			return 0;
	}
	return 0;
}

int cdbg__wide_kind_named(const char *type)
{
	if (!strcmp(type, "wchar_t"))
		return EXPR_CS_WCHAR;
	if (!strcmp(type, "char16_t"))
		return EXPR_CS_U16;
	if (!strcmp(type, "char32_t"))
		return EXPR_CS_U32;
	return 0;
}

void cdbg__fput_wchar_value(FILE *f, int kind, const unsigned char *b, bool is_signed)
{
	unsigned width = cdbg__expr_cs_width(kind);
	char buf[96];
	struct cdbg__text t = { buf, sizeof(buf), 0 };
	uint32_t v = 0;

	for (unsigned k = width; k-- > 0;)
		v = v << 8 | b[k];
	if (is_signed && width == 4)
		fprintf(f, "%" PRId32 " ", (int32_t)v);
	else if (is_signed && width == 2)
		fprintf(f, "%d ", (int16_t)v);
	else
		fprintf(f, "%" PRIu32 " ", v);
	cdbg__text_wchar(&t, kind, b, width);
	fputs(buf, f);
}

void cdbg__fput_wchars_lim(FILE *f, int kind, const unsigned char *s, size_t n, unsigned repeats,
			   size_t elements, bool dots)
{
	char small[1024], *buf = small;
	struct cdbg__text t = { small, sizeof(small), 0 };
	size_t taken = cdbg__text_wchars_lim(&t, kind, s, n, repeats, elements);

	if (t.len >= sizeof(small)) {
		if (!(buf = malloc(t.len + 1))) {
			fputs("<error: out of memory>", f);
			return;
		}
		t = (struct cdbg__text){ buf, t.len + 1, 0 };
		cdbg__text_wchars_lim(&t, kind, s, n, repeats, elements);
	}
	fputs(buf, f);
	if (taken < n || dots)
		fputs("...", f);
	if (buf != small)
		free(buf);
}
