/*
 * values/typetext.c - gdb's text of the program's types: names as whatis and values show them
 * ("const char * volatile", "int (*)(int)", "struct s [3]") and ptype's expanded form (typedefs
 * followed, struct, union and enum bodies), split from types.c, whose handles they name.
 *
 * Owns: nothing. Must not: read tracee memory, or parse DWARF other than through libdw.
 */
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "values/vars.h"

/* ---- names */

static void cat(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	if (n + 1 < len)
		snprintf(buf + n, len - n, "%s", s);
}

/* Is die in a C++ unit (gdb names its types the C++ way)? */
static bool cplus_die(Dwarf_Die *die)
{
	Dwarf_Die cu;

	return dwarf_diecu(die, &cu, NULL, NULL) && sym_lang_cplus(&cu);
}

/* C++'s name of a named die: qualified by the namespaces, classes and structs around it
 * ("ns::Struct"). */
static void cplus_name(Dwarf_Die *die, const char *n, char *buf, size_t len)
{
	Dwarf_Die *scopes = NULL;
	int ns = dwarf_getscopes_die(die, &scopes);

	buf[0] = '\0';
	for (int i = ns - 1; i >= 1; i--) { /* scopes[0] is die itself, the last its unit */
		int tag = dwarf_tag(&scopes[i]);
		const char *sn = vt_die_name(&scopes[i]);

		if ((tag == DW_TAG_namespace || tag == DW_TAG_structure_type ||
		     tag == DW_TAG_class_type || tag == DW_TAG_union_type) &&
		    sn) {
			cat(buf, len, sn);
			cat(buf, len, "::");
		}
	}
	free(scopes);
	cat(buf, len, n);
}

/* The parameter list of a subroutine type: "(int, char *)", "(void)". */
static void params(Dwarf_Die *fn, char *buf, size_t len)
{
	Dwarf_Die c, t;
	bool any = false, proto = dwarf_hasattr(fn, DW_AT_prototyped) || cplus_die(fn);
	char one[256];

	snprintf(buf, len, "(");
	if (dwarf_child(fn, &c) == 0) {
		do {
			/* gdb: "..." of a prototyped function; an unprototyped one's () */
			if (dwarf_tag(&c) == DW_TAG_unspecified_parameters && proto) {
				cat(buf, len, any ? ", ..." : "...");
				any = true;
			}
			if (dwarf_tag(&c) != DW_TAG_formal_parameter)
				continue;
			struct vt_entry e = { .ptrs = 0 };
			if (vt_type_of(&c, &t))
				e.die = t;
			vt_name(&e, "", one, sizeof(one));
			/* C++'s this: gdb shows it as the const pointer it is */
			if (e.die.addr && dwarf_tag(&e.die) == DW_TAG_pointer_type &&
			    dwarf_hasattr(&c, DW_AT_artificial))
				cat(one, sizeof(one), " const");
			if (any)
				cat(buf, len, ", ");
			cat(buf, len, one);
			any = true;
		} while (dwarf_siblingof(&c, &c) == 0);
	}
	if (!any && proto)
		cat(buf, len, "void");
	cat(buf, len, ")");
}

/* gdb's spelling of GCC's base type names: "long unsigned int" is "unsigned long". */
static const char *base_name(const char *n)
{
	static const char *const map[][2] = {
		{ "short int", "short" },
		{ "short unsigned int", "unsigned short" },
		{ "long int", "long" },
		{ "long unsigned int", "unsigned long" },
		{ "long long int", "long long" },
		{ "long long unsigned int", "unsigned long long" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(n, map[i][0]))
			return map[i][1];
	return n;
}

static bool is_qual_tag(int tag)
{
	return tag == DW_TAG_const_type || tag == DW_TAG_volatile_type ||
	       tag == DW_TAG_restrict_type || tag == DW_TAG_atomic_type;
}

/* How name_of spells a type: ptype's expanded form (typedefs followed at every level of the
 * declarator, the struct, union or enum at its base shown as NAME_BASE, its die kept in base
 * for the caller to print as a body) or whatis's (names as written). */
struct name_ctx {
	bool expand;
	bool have_base;
	Dwarf_Die base;
};

#define NAME_BASE "\001"

/* Name of die (NULL: void) with declarator decl, depth types down from the first (a type
 * that refers to itself is not valid DWARF but must not recurse forever). pending: qualifiers
 * (1 const, 2 volatile, 4 restrict, 8 _Atomic) an array above passed on to its elements (C
 * and gdb: a qualified array is an array of qualified elements). */
static void name_of(struct name_ctx *cx, unsigned depth, Dwarf_Die *die, const char *decl,
		    unsigned skip, unsigned pending, char *buf, size_t len)
{
	char inner[512], sub[512];
	const char *n;
	Dwarf_Die t, *tp = NULL;
	bool paren = decl[0] == '*';

	if (depth > VT_MAX_DEPTH) {
		snprintf(buf, len, "?");
		return;
	}
	if (die && die->addr && vt_type_of(die, &t))
		tp = &t;
	if (!die || !die->addr) {
		snprintf(buf, len, decl[0] ? "void %s" : "void", decl);
		return;
	}
	n = vt_die_name(die);
	if (pending && dwarf_tag(die) != DW_TAG_array_type)
		goto qualified;
	switch (dwarf_tag(die)) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		snprintf(inner, sizeof(inner), "%s%s",
			 dwarf_tag(die) == DW_TAG_pointer_type ? "*" : "&", decl);
		name_of(cx, depth + 1, tp, inner, 0, 0, buf, len);
		return;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
	qualified : {
		/* A run of qualifiers, in gdb's order whatever their nesting: "const volatile
		 * int", "_Atomic int", and after the star for a pointer: "int * const p"; for
		 * ptype through typedefs too ("const int" of a const myint). */
		unsigned quals = pending, k = 0;
		Dwarf_Die cur = *die, next, *cp = &cur;
		char q[64] = "";
		while (cp && k++ < VT_MAX_DEPTH &&
		       (is_qual_tag(dwarf_tag(cp)) ||
			(cx->expand && dwarf_tag(cp) == DW_TAG_typedef))) {
			quals |= dwarf_tag(cp) == DW_TAG_const_type    ? 1u :
				 dwarf_tag(cp) == DW_TAG_volatile_type ? 2u :
				 dwarf_tag(cp) == DW_TAG_restrict_type ? 4u :
				 dwarf_tag(cp) == DW_TAG_atomic_type   ? 8u :
									 0u;
			cp = vt_type_of(cp, &next) ? (cur = next, &cur) : NULL;
		}
		if (cp && dwarf_tag(cp) == DW_TAG_array_type) {
			name_of(cx, depth + 1, cp, decl, skip, quals, buf, len);
			return;
		}
		static const char *const names[] = { "const", "volatile", "restrict", "_Atomic" };
		for (unsigned i = 0; i < 4; i++)
			if (quals & (1u << i)) {
				cat(q, sizeof(q), q[0] ? " " : "");
				cat(q, sizeof(q), names[i]);
			}
		if (!q[0]) {
			name_of(cx, depth + 1, cp, decl, 0, 0, buf, len);
			return;
		}
		if (cp && dwarf_tag(cp) == DW_TAG_pointer_type) {
			snprintf(inner, sizeof(inner), " %s%s%s", q, decl[0] ? " " : "", decl);
			name_of(cx, depth + 1, cp, inner, 0, 0, buf, len);
			return;
		}
		name_of(cx, depth + 1, cp, decl, 0, 0, sub, sizeof(sub));
		snprintf(buf, len, "%s %s", q, sub);
		return;
	}
	case DW_TAG_array_type: {
		Dwarf_Die c;
		unsigned k = 0;
		uint64_t vn[8];
		if (vt_is_vector(die) && vt_dims(die, vn) == 1) { /* gdb's words for a vector */
			snprintf(inner, sizeof(inner), "%s%s__attribute__ ((vector_size(%llu)))",
				 decl, decl[0] ? " " : "", (unsigned long long)vn[0]);
			name_of(cx, depth + 1, tp, inner, 0, pending, buf, len);
			return;
		}
		snprintf(inner, sizeof(inner), paren ? "(%s)" : "%s", decl);
		if (dwarf_child(die, &c) == 0) {
			do {
				Dwarf_Word ub;
				Dwarf_Attribute a;
				if (dwarf_tag(&c) != DW_TAG_subrange_type || k++ < skip)
					continue;
				if (dwarf_formudata(dwarf_attr(&c, DW_AT_count, &a), &ub) == 0)
					snprintf(sub, sizeof(sub), "[%llu]",
						 (unsigned long long)ub);
				else if (dwarf_formudata(dwarf_attr(&c, DW_AT_upper_bound, &a),
							 &ub) == 0)
					snprintf(sub, sizeof(sub), "[%llu]",
						 (unsigned long long)ub + 1);
				else
					snprintf(sub, sizeof(sub), "[]");
				cat(inner, sizeof(inner), sub);
			} while (dwarf_siblingof(&c, &c) == 0);
		}
		name_of(cx, depth + 1, tp, inner, 0, pending, sub, sizeof(sub));
		/* "int [3]": gdb puts a space between the element type and the brackets */
		snprintf(buf, len, "%s", sub);
		return;
	}
	case DW_TAG_ptr_to_member_type: { /* C++: "void (ns::Struct::*)(ns::Struct * const)" */
		Dwarf_Attribute a;
		Dwarf_Die cls;
		const char *cn;

		if (!dwarf_formref_die(dwarf_attr(die, DW_AT_containing_type, &a), &cls) ||
		    !(cn = vt_die_name(&cls))) {
			snprintf(buf, len, "?");
			return;
		}
		cplus_name(&cls, cn, sub, sizeof(sub));
		snprintf(inner, sizeof(inner), "%s::*%s", sub, decl);
		name_of(cx, depth + 1, tp, inner, 0, 0, buf, len);
		return;
	}
	case DW_TAG_subroutine_type:
	case DW_TAG_subprogram:
		params(die, sub, sizeof(sub));
		paren = paren || strstr(decl, "::*");
		snprintf(inner, sizeof(inner), paren ? "(%s)%s" : "%s%s", decl, sub);
		name_of(cx, depth + 1, tp, inner, 0, 0, buf, len);
		return;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type: {
		const char *kw = dwarf_tag(die) == DW_TAG_structure_type ? "struct" :
				 dwarf_tag(die) == DW_TAG_class_type     ? "class" :
				 dwarf_tag(die) == DW_TAG_union_type     ? "union" :
									   "enum";
		if (cx->expand && !cx->have_base) { /* ptype: the body, printed by the caller */
			cx->base = *die;
			cx->have_base = true;
			snprintf(sub, sizeof(sub), NAME_BASE);
		} else if (n && cplus_die(die)) /* C++ names the type without the keyword */
			cplus_name(die, n, sub, sizeof(sub));
		else
			snprintf(sub, sizeof(sub), "%s %s", kw, n ? n : "{...}");
		break;
	}
	case DW_TAG_typedef:
		if (cx->expand) { /* ptype: what it names; a typedef of nothing is void */
			name_of(cx, depth + 1, tp, decl, 0, 0, buf, len);
			return;
		}
		if (n && cplus_die(die))
			cplus_name(die, n, sub, sizeof(sub));
		else
			snprintf(sub, sizeof(sub), "%s", n ? n : "?");
		break;
	default:
		snprintf(sub, sizeof(sub), "%s", n ? base_name(n) : "?");
		break;
	}
	snprintf(buf, len, decl[0] ? "%s %s" : "%s", sub, decl);
}

static void name_entry(struct name_ctx *cx, const struct vt_entry *e, const char *decl, char *buf,
		       size_t len)
{
	char stars[300];
	Dwarf_Die d;
	unsigned i;

	for (i = 0; i < e->ptrs && i < 255; i++)
		stars[i] = '*';
	if (e->count && e->inner) /* an array of artificial arrays: "int [2][3]" */
		snprintf(stars + i, sizeof(stars) - i, "%s[%llu][%llu]", decl,
			 (unsigned long long)e->count, (unsigned long long)e->inner);
	else if (e->count) /* an artificial array: "int [3]", "char *[2]", "int [2][3]" */
		snprintf(stars + i, sizeof(stars) - i, "%s[%llu]", decl,
			 (unsigned long long)e->count);
	else
		snprintf(stars + i, sizeof(stars) - i, "%s", decl);
	d = e->die;
	if (e->skip && d.addr)
		vt_peel(&d, &d);
	name_of(cx, 0, d.addr ? &d : NULL, stars, e->skip, 0, buf, len);
}

void vt_name(const struct vt_entry *e, const char *decl, char *buf, size_t len)
{
	struct name_ctx cx = { .expand = false };
	Dwarf_Die d = e->die, cu;
	const char *gn;

	if (!e->ptrs && !e->count && !e->skip && !*decl && d.addr && (gn = dwarf_diename(&d)) &&
	    dwarf_diecu(&d, &cu, NULL, NULL) && dwarf_srclang(&cu) == DW_LANG_Go) {
		snprintf(buf, len, "%s", gn); /* Go's types by Go's names: []int, *main.Point */
		return;
	}

	name_entry(&cx, e, decl, buf, len);
}

/* ---- ptype */

static void indent(FILE *f, int n)
{
	fprintf(f, "%*s", n, "");
}

static void body(Dwarf_Die *d, int level, FILE *f);

/* One member line of a struct or union body. */
bool vt_is_static_member(Dwarf_Die *m)
{
	/* DWARF 5: a variable in the class; before: a member that is external and declared */
	return dwarf_tag(m) == DW_TAG_variable ||
	       (dwarf_tag(m) == DW_TAG_member && dwarf_hasattr(m, DW_AT_external) &&
		dwarf_hasattr(m, DW_AT_declaration));
}

static void member_line(Dwarf_Die *m, int level, FILE *f)
{
	const char *n = vt_die_name(m);
	struct vt_entry e = { .ptrs = 0 };
	Dwarf_Attribute a;
	Dwarf_Word bits;
	Dwarf_Die t, u;
	char buf[1024];

	indent(f, level * 4);
	if (vt_type_of(m, &t))
		e.die = t;
	if (e.die.addr && vt_peel(&t, &u) && level < VT_MAX_DEPTH &&
	    (dwarf_tag(&u) == DW_TAG_structure_type || dwarf_tag(&u) == DW_TAG_union_type ||
	     dwarf_tag(&u) == DW_TAG_enumeration_type) &&
	    !vt_die_name(&u)) {
		body(&u, level, f);
		if (n)
			fprintf(f, " %s", n);
	} else {
		vt_name(&e, n ? n : "", buf, sizeof(buf));
		fputs(buf, f);
	}
	if (dwarf_formudata(dwarf_attr(m, DW_AT_bit_size, &a), &bits) == 0)
		fprintf(f, " : %llu", (unsigned long long)bits);
	fputs(";\n", f);
}

/* "struct point {\n    int x;\n} " or "enum color {RED, GREEN}". */
static void body(Dwarf_Die *d, int level, FILE *f)
{
	const char *n = vt_die_name(d);
	int tag = dwarf_tag(d);
	Dwarf_Die c;
	bool any = false;

	char qn[512];
	Dwarf_Die under;

	if (n && cplus_die(d))
		cplus_name(d, n, qn, sizeof(qn));
	fprintf(f, "%s %s%s",
		tag == DW_TAG_structure_type ? "struct" :
		tag == DW_TAG_class_type     ? "class" :
		tag == DW_TAG_union_type     ? "union" :
					       "enum",
		n && cplus_die(d) ? qn :
		n                 ? n :
				    "",
		n ? " " : "");
	/* gdb in C++: the enum's underlying type, when DWARF names one */
	if (tag == DW_TAG_enumeration_type && cplus_die(d) && vt_type_of(d, &under) &&
	    vt_peel(&under, &under) && vt_die_name(&under))
		fprintf(f, ": %s ", base_name(vt_die_name(&under)));
	fputc('{', f);
	if (tag == DW_TAG_enumeration_type) {
		Dwarf_Sword next = 0, v;
		Dwarf_Attribute a;

		if (dwarf_child(d, &c) == 0) {
			do {
				const char *en = vt_die_name(&c);
				if (dwarf_tag(&c) != DW_TAG_enumerator)
					continue;
				v = next;
				dwarf_formsdata(dwarf_attr(&c, DW_AT_const_value, &a), &v);
				fprintf(f, "%s%s", any ? ", " : "", en ? en : "?");
				if (v != next)
					fprintf(f, " = %lld", (long long)v);
				next = (Dwarf_Sword)((uint64_t)v + 1);
				any = true;
			} while (dwarf_siblingof(&c, &c) == 0);
		}
		fputc('}', f);
		return;
	}
	fputc('\n', f);
	if (dwarf_child(d, &c) == 0) {
		do {
			if (vt_is_static_member(&c)) { /* C++: "static int a;" */
				indent(f, (level + 1) * 4);
				fputs("static ", f);
				member_line(&c, 0, f);
			} else if (dwarf_tag(&c) == DW_TAG_member) {
				member_line(&c, level + 1, f);
			}
		} while (dwarf_siblingof(&c, &c) == 0);
	}
	indent(f, level * 4);
	fputc('}', f);
}

void vt_ptype(const struct vt_entry *e, bool expand, FILE *f)
{
	struct name_ctx cx = { .expand = expand };
	char buf[1024], *mark;
	/* whatis of a typedef name: one level down is done by the caller. ptype: typedefs
	 * followed all the way down, qualifiers kept ("volatile char * volatile"), the struct,
	 * union or enum at the base shown with its body ("const struct s {...} *"). */
	name_entry(&cx, e, "", buf, sizeof(buf));
	if (!cx.have_base || !(mark = strstr(buf, NAME_BASE))) {
		fputs(buf, f);
		return;
	}
	fwrite(buf, 1, (size_t)(mark - buf), f);
	body(&cx.base, 0, f);
	fputs(mark + strlen(NAME_BASE), f);
}
