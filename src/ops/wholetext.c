/*
 * ops/wholetext.c - cdbg_text: the whole text of a field the library cut to fit a public
 * struct's fixed array (symbol and module names, source files, a breakpoint's condition, an
 * event's message), found again where the library took it from.
 *
 * Owns: cdbg_text. Must not: keep texts of its own (each layer keeps the whole text it cut:
 * symbols in libdwfl's tables, conditions and their failures in the breakpoint).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbols/symbols.h"
#include "target/breakpoint.h"

/* s, malloc'ed and whole, for each field of `from`; NULL when it is not there any more. */
static char *whole_text(cdbg_proc *p, const void *from, enum cdbg_text_field field)
{
	const struct cdbg_symbol *sym = from;
	const struct cdbg_frame *f = from;
	const struct cdbg_bp_info *info = from;
	const struct cdbg_event *ev = from;
	struct cdbg_symbol s;
	struct cdbg_line ln;
	struct bp *b;

	switch (field) {
	case CDBG_TEXT_SYMBOL_NAME:
		return sym->name_cut ? sym_whole_text(p, sym, false) : strdup(sym->name);
	case CDBG_TEXT_SYMBOL_MODULE:
		return sym->module_cut ? sym_whole_text(p, sym, true) : strdup(sym->module);
	case CDBG_TEXT_FRAME_FUNC:
		if (!f->func_cut)
			return strdup(f->func);
		if (cdbg_sym_by_addr(p, sym_frame_lookup_pc(f), &s) < 0)
			return NULL;
		return sym_frame_func(p, &s);
	case CDBG_TEXT_FRAME_MODULE:
		if (!f->module_cut)
			return strdup(f->module);
		if (cdbg_sym_by_addr(p, sym_frame_lookup_pc(f), &s) < 0)
			return NULL;
		return sym_whole_text(p, &s, true);
	case CDBG_TEXT_FRAME_FILE:
		if (!f->file_cut)
			return strdup(f->file);
		if (cdbg_line_by_addr(p, sym_frame_lookup_pc(f), &ln) < 0)
			return NULL;
		return sym_line_file(p, &ln);
	case CDBG_TEXT_LINE_FILE:
		return sym_line_file(p, from);
	case CDBG_TEXT_MODULE_PATH: {
		const struct cdbg_module *m = from;
		struct sym_state *st;
		Dwfl_Module *mod;

		if (!m->path_cut)
			return strdup(m->path);
		if (!(st = sym_session(p, "find a module's path")) ||
		    !(mod = sym_addr_module(p, st, m->start)) ||
		    strncmp(sym_mod_path(mod), m->path, strlen(m->path)) != 0)
			return NULL;
		return strdup(sym_mod_path(mod));
	}
	case CDBG_TEXT_BP_CONDITION:
		if (!info->condition_cut)
			return strdup(info->condition);
		b = bp_by_id(p, info->id);
		return b && b->cond_src ? strdup(b->cond_src) : NULL;
	case CDBG_TEXT_EVENT_MESSAGE:
		if (!ev->message_cut)
			return strdup(ev->message);
		b = bp_by_id(p, ev->bp_id);
		return b && b->cond_err ? strdup(b->cond_err) : NULL;
	}
	return NULL;
}

int cdbg_text(cdbg_proc *p, const void *from, enum cdbg_text_field field, char *buf, size_t len)
{
	char *text;
	int n;

	if (cdbg__check_owner(p, "find a whole text") < 0)
		return cdbg_errcode(p);
	if (!from || (unsigned)field > CDBG_TEXT_EVENT_MESSAGE || (!buf && len))
		return cdbg__fail(p, -EINVAL,
				  "cannot find a whole text: no struct, or no such field");
	cdbg__clear_error(p);
	errno = 0;
	if (!(text = whole_text(p, from, field)) && errno == ENOMEM)
		return cdbg__fail(p, -ENOMEM, "cannot find a whole text: out of memory");
	if (!text)
		return cdbg_errcode(p) ?
			       cdbg_errcode(p) :
			       cdbg__fail(p, CDBG_ENOSYM,
					  "cannot find the whole text: what it named is gone");
	n = snprintf(buf, len, "%s", text);
	free(text);
	cdbg__clear_error(p);
	return n;
}
