/*
 * values/typename.c - the program's types by name (vt_lookup: "struct rec", "rec_t", "unsigned
 * long *", as casts, sizeof and ptype write them) and functions by name (vt_lookup_func), over
 * every unit of every module, with the names found lately kept (a lookup walks every unit).
 *
 * Owns: nothing of its own (the cache is in struct vars_state). Must not: read tracee memory.
 */
#include <dwarf.h>
#include <string.h>

#include "values/vars.h"

struct tfind {
	const char *name;
	int tag; /* DW_TAG_* wanted; 0: typedef or base type */
	Dwarf_Die found;
	bool ok;
};

static bool is_tagged(int tag)
{
	return tag == DW_TAG_structure_type || tag == DW_TAG_class_type ||
	       tag == DW_TAG_union_type || tag == DW_TAG_enumeration_type;
}

/* Is c the type w wants, named name? In C++ a struct, class, union or enum is a type name of
 * its own (no keyword). */
static bool match(Dwarf_Die *c, const struct tfind *w, const char *name, bool cplus)
{
	const char *n;
	int tag = dwarf_tag(c);

	if (w->tag ? tag != w->tag :
		     (tag != DW_TAG_typedef && tag != DW_TAG_base_type &&
		      !(cplus && is_tagged(tag))))
		return false;
	if (dwarf_hasattr(c, DW_AT_declaration))
		return false;
	n = vt_die_name(c);
	return n && !strcmp(n, name);
}

/* name among the children of scope; "A::B::name" through the namespaces, classes, structs
 * and unions named A, then B. */
static bool type_in_scope(Dwarf_Die *scope, const char *name, struct tfind *w, bool cplus,
			  int depth)
{
	const char *sep = strstr(name, "::"), *n;
	Dwarf_Die c;

	if (depth > 16 || dwarf_child(scope, &c) != 0)
		return false;
	do {
		int tag = dwarf_tag(&c);

		if (!sep && match(&c, w, name, cplus)) {
			w->found = c;
			w->ok = true;
			return true;
		}
		if (sep && (tag == DW_TAG_namespace || is_tagged(tag)) && (n = vt_die_name(&c)) &&
		    strlen(n) == (size_t)(sep - name) && !strncmp(n, name, (size_t)(sep - name)) &&
		    type_in_scope(&c, sep + 2, w, cplus, depth + 1))
			return true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

static bool type_in(Dwarf_Die *cu, void *arg)
{
	struct tfind *w = arg;

	return type_in_scope(cu, w->name, w, sym_lang_cplus(cu), 0);
}

static int each_module(Dwfl_Module *mod, void **ud, const char *name, Dwarf_Addr start, void *arg)
{
	Dwarf_Addr bias;

	(void)ud, (void)name, (void)start;
	return sym_each_cu(dwfl_module_getdwarf(mod, &bias), type_in, arg) ? DWARF_CB_ABORT :
									     DWARF_CB_OK;
}

/* "unsigned int" and friends: gcc names base types "unsigned int", "long int" */
static const char *const alias[][2] = {
	{ "unsigned", "unsigned int" },
	{ "long", "long int" },
	{ "unsigned long", "long unsigned int" },
	{ "short", "short int" },
	{ "unsigned short", "short unsigned int" },
	{ "long long", "long long int" },
	{ "unsigned long long", "long long unsigned int" },
	{ "bool", "_Bool" },
	{ "signed char", "signed char" },
	{ "signed", "int" },
};

/* gdb's built-in type called name (its C spellings), when the program has none. */
static uint32_t builtin(cdbg_proc *p, const char *name, unsigned ptrs)
{
	Dwarf_Die die;
	bool ok = vars_builtin_die(name, &die);

	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]) && !ok; i++)
		if (!strcmp(name, alias[i][0]))
			ok = vars_builtin_die(alias[i][1], &die);
	return ok ? vt_intern(p, &die, ptrs) : 0;
}

uint32_t vt_lookup(cdbg_proc *p, const char *text)
{
	struct tfind w = { 0 };
	char name[256];
	size_t n;
	unsigned ptrs = 0;
	struct sym_state *s;

	while (*text == ' ')
		text++;
	if (!strncmp(text, "struct ", 7))
		w.tag = DW_TAG_structure_type, text += 7;
	else if (!strncmp(text, "union ", 6))
		w.tag = DW_TAG_union_type, text += 6;
	else if (!strncmp(text, "enum ", 5))
		w.tag = DW_TAG_enumeration_type, text += 5;
	while (*text == ' ')
		text++;
	snprintf(name, sizeof(name), "%s", text);
	n = strlen(name);
	while (n && (name[n - 1] == ' ' || name[n - 1] == '*')) {
		ptrs += name[n - 1] == '*';
		name[--n] = '\0';
	}
	if (!w.tag && !strcmp(name, "void") && n)
		return ptrs ? vt_intern(p, NULL, ptrs) : 0;
	if (n && !w.tag && !sym_readable(p))
		return builtin(p, name, ptrs);
	if (!n || !(s = sym_session(p, "look up a type")))
		return 0;
	struct vars_state *t = vt_state(p);
	for (int i = 0; t && i < VARS_NAMED_CACHE; i++) {
		const struct vt_named *c = &t->named[i];

		if (c->tag != w.tag || strcmp(c->name, name) || (!c->die.addr && !c->miss))
			continue;
		if (c->miss && c->gen == s->gen)
			return c->tag ? 0 : builtin(p, name, ptrs);
		if (!c->miss)
			return vt_intern(p, (Dwarf_Die *)&c->die, ptrs);
	}
	w.name = name;
	dwfl_getmodules(s->dwfl, each_module, &w, 0);
	if (!w.ok && !w.tag) {
		for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]) && !w.ok; i++) {
			if (strcmp(name, alias[i][0]))
				continue;
			w.name = alias[i][1];
			dwfl_getmodules(s->dwfl, each_module, &w, 0);
		}
	}
	if (t && strlen(name) < sizeof(t->named[0].name)) {
		struct vt_named *c = &t->named[t->named_next++ % VARS_NAMED_CACHE];

		snprintf(c->name, sizeof(c->name), "%s", name);
		c->tag = w.tag;
		c->miss = !w.ok;
		c->gen = s->gen;
		if (w.ok)
			c->die = w.found;
		else
			memset(&c->die, 0, sizeof(c->die));
	}
	if (!w.ok && !w.tag)
		return builtin(p, name, ptrs);
	return w.ok ? vt_intern(p, &w.found, ptrs) : 0;
}

uint32_t vt_lookup_func(cdbg_proc *p, const char *name)
{
	struct tfind w = { .name = name, .tag = DW_TAG_subprogram };
	struct sym_state *s = sym_session(p, "look up a function");

	for (const char *c = name; *c; c++)
		if (!(*c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			return 0;
	if (!s)
		return 0;
	dwfl_getmodules(s->dwfl, each_module, &w, 0);
	return w.ok ? vt_intern(p, &w.found, 0) : 0;
}
