/*
 * values/vars.c - program variables from DWARF: a frame's registers (frame 0 from the loop's
 * cache, outer frames from libdwfl's unwinder), its lexical scopes (dwarf_getscopes), lookup
 * of a name from the innermost block out to every module's globals, variable values through
 * their location expressions, and cdbg_frame_vars / cdbg_return_value.
 *
 * Owns: struct vframe. Must not: call ptrace or waitpid, or format values (valfmt.c).
 */
#include <dwarf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "values/vars.h"

/* ---- frames */

/* dwarf_getscopes continues an inlined subroutine's chain with the scopes of its abstract
 * definition; a frame also sees its caller's blocks: replace what follows the outermost
 * inlined subroutine by the concrete tree's parents of it (dwarf_getscopes_die). */
static int with_callers(Dwarf_Die **scopes, int n)
{
	Dwarf_Die *outer = NULL, *all;
	int j, m;

	for (j = n - 1; j >= 0 && dwarf_tag(&(*scopes)[j]) != DW_TAG_inlined_subroutine; j--)
		;
	if (j < 0 || (m = dwarf_getscopes_die(&(*scopes)[j], &outer)) < 1)
		return n;
	if (!(all = malloc(((size_t)j + (size_t)m) * sizeof(*all)))) {
		free(outer);
		return n;
	}
	memcpy(all, *scopes, ((size_t)j + 1) * sizeof(*all));
	memcpy(all + j + 1, outer + 1, ((size_t)m - 1) * sizeof(*all));
	free(outer);
	free(*scopes);
	*scopes = all;
	return j + m;
}

static void frame_scopes(cdbg_proc *p, struct vframe *f)
{
	struct sym_state *s = sym_session(p, "look up variables");
	struct vscope *c;
	Dwarf_Die buf, *cu;
	bool hit;

	if (!s || !(c = vt_scope_slot(p, f->lookup_pc, &hit)))
		return;
	if (!hit) {
		c->pc = f->lookup_pc;
		if ((c->mod = sym_addr_module(p, s, f->lookup_pc)) &&
		    (cu = sym_addr_cu(c->mod, f->lookup_pc, &c->bias, &buf))) {
			c->cu = *cu;
			c->has_cu = true;
			c->nscopes = dwarf_getscopes(&c->cu, f->lookup_pc - c->bias, &c->scopes);
			if (c->nscopes < 0) {
				c->nscopes = 0;
				c->scopes = NULL;
			} else {
				c->nscopes = with_callers(&c->scopes, c->nscopes);
			}
		}
	}
	f->mod = c->mod;
	f->bias = c->bias;
	f->cu = c->cu;
	f->has_cu = c->has_cu;
	f->scopes = c->scopes;
	f->nscopes = c->nscopes;
}

int vframe_open_thread(cdbg_proc *p, struct thread *t, struct vframe *f)
{
	memset(f, 0, sizeof(*f));
	f->p = p;
	f->t = t;
	f->tid = t->tid;
	if (loop_regs_fetch(p, t) < 0)
		return -1;
	for (size_t i = 0; i < arch_reg_count(); i++) {
		const struct arch_reg *r = arch_reg_at(i);
		uint64_t v = 0;

		if (r->set != ARCH_SET_GPR || r->desc.dwarf < 0 || r->desc.dwarf > 16 ||
		    r->desc.size != 8)
			continue;
		memcpy(&v, (const char *)&t->regs + r->offset, 8);
		f->regs[r->desc.dwarf] = v;
		f->regmask |= 1u << r->desc.dwarf;
	}
	f->pc = f->lookup_pc = arch_gpr_pc(&t->regs);
	frame_scopes(p, f);
	return 0;
}

struct unwind_to {
	struct vframe *f;
	int n;
	bool found;
};

static int at_frame(Dwfl_Frame *fr, void *arg)
{
	struct unwind_to *u = arg;
	struct vframe *f = u->f;
	Dwarf_Addr pc;
	bool act;

	if (u->n++ < f->level)
		return DWARF_CB_OK;
	if (!dwfl_frame_pc(fr, &pc, &act))
		return DWARF_CB_ABORT;
	f->pc = pc;
	f->lookup_pc = act ? pc : pc - 1;
	for (unsigned r = 0; r < 17; r++) {
		Dwarf_Word v;

		if (dwfl_frame_reg(fr, r, &v) == 0) {
			f->regs[r] = v;
			f->regmask |= 1u << r;
		}
	}
	u->found = true;
	return DWARF_CB_ABORT;
}

int vframe_open(cdbg_proc *p, pid_t tid, int level, struct vframe *f)
{
	struct thread *t = loop_stopped_thread(p, tid, "read variables");
	struct unwind_to u = { f, 0, false };
	Dwfl *dwfl;

	if (!t)
		return cdbg_errcode(p);
	if (level <= 0)
		return vframe_open_thread(p, t, f) < 0 ? cdbg_errcode(p) : 0;
	memset(f, 0, sizeof(*f));
	f->p = p;
	f->t = t;
	f->tid = tid;
	f->level = level;
	if (!(dwfl = sym_dwfl(p)))
		return cdbg_errcode(p);
	sym_getthread_frames(p, dwfl, tid, at_frame, &u); /* through dummy frames */
	if (!u.found)
		return cdbg__fail(p, CDBG_ENOFRAME, "no frame at level %d", level);
	frame_scopes(p, f);
	return 0;
}

void vframe_close(struct vframe *f)
{
	f->scopes = NULL; /* the scope cache keeps them */
	f->nscopes = 0;
}

/* ---- values */

/* The subprogram scope f executes in (not an inlined copy): the frame base's owner. */
static Dwarf_Die *frame_func(struct vframe *f)
{
	for (int i = 0; f && i < f->nscopes; i++)
		if (dwarf_tag(&f->scopes[i]) == DW_TAG_subprogram)
			return &f->scopes[i];
	return NULL;
}

static void const_value(Dwarf_Attribute *a, struct expr_value *out)
{
	Dwarf_Block b;
	Dwarf_Sword sv;

	if (dwarf_formblock(a, &b) == 0) {
		memcpy(&out->bits, b.data, b.length < 8 ? b.length : 8);
		return;
	}
	unsigned form = dwarf_whatform(a), w = out->type.size * 8;
	Dwarf_Word uv;

	/* DW_FORM_data1/2/4 hold the value's bits, not a signed number: 203 in a data1 of a
	 * const int is 203 (gdb zero-extends them), and a signed type sign-extends its own size */
	if ((form == DW_FORM_data1 || form == DW_FORM_data2 || form == DW_FORM_data4) &&
	    dwarf_formudata(a, &uv) == 0) {
		out->bits = uv;
		if (out->type.kind == EXPR_INT && w && w < 64) {
			out->bits &= (1ull << w) - 1;
			if (out->type.is_signed && (out->bits >> (w - 1)) & 1)
				out->bits |= ~((1ull << w) - 1);
		}
		return;
	}
	if (dwarf_formsdata(a, &sv) == 0)
		out->bits = (uint64_t)sv;
}

/* A bound of a variable-length array: an expression ("fbreg -80; deref") or a variable the
 * compiler made, evaluated in frame f. */
static bool dyn_bound(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
		      Dwarf_Attribute *a, uint64_t *v)
{
	Dwarf_Op *ops;
	size_t n;
	struct loc l;
	Dwarf_Die d;
	struct expr_value ev;

	if (dwarf_formref_die(a, &d)) {
		vars_value(p, f, bias, func, &d, &ev);
		*v = ev.bits;
		return !ev.optimized_out && ev.type.size <= 8 &&
		       (!ev.lvalue || (*v = 0, mem_read_quiet(p, ev.addr, v, ev.type.size) ==
						       (ssize_t)ev.type.size));
	}
	if (dwarf_getlocation(a, &ops, &n) != 0)
		return false;
	loc_eval(p, f, bias, func, a, ops, n, &l);
	*v = l.v;
	return l.kind == LOC_MEM || l.kind == LOC_VALUE;
}

/* The type of a variable-length array (int a[n], int a[n][m]) in frame f: an array of the
 * lengths the frame has now, as gdb resolves it when it reads the variable; 0 if the type
 * is not one, or has more dimensions than an artificial array holds. */
static uint32_t vla_type(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
			 Dwarf_Die *type)
{
	Dwarf_Die arr, c, elem;
	Dwarf_Attribute a;
	Dwarf_Word w;
	uint64_t dims[2], v;
	bool dynamic = false;
	int n = 0;

	if (!vt_peel(type, &arr) || dwarf_tag(&arr) != DW_TAG_array_type ||
	    dwarf_child(&arr, &c) != 0 || !vt_type_of(&arr, &elem))
		return 0;
	do {
		if (dwarf_tag(&c) != DW_TAG_subrange_type)
			continue;
		bool count = dwarf_attr(&c, DW_AT_count, &a) != NULL;
		if (!count && !dwarf_attr(&c, DW_AT_upper_bound, &a))
			return 0;
		if (n == 2)
			return 0;
		Dwarf_Die ref;
		if (!dwarf_formref_die(&a, &ref) && dwarf_whatform(&a) != DW_FORM_exprloc &&
		    dwarf_formudata(&a, &w) == 0) {
			v = w;
		} else if (dyn_bound(p, f, bias, func, &a, &v)) {
			dynamic = true;
		} else {
			return 0;
		}
		dims[n++] = count ? v : v + 1;
	} while (dwarf_siblingof(&c, &c) == 0);
	if (!dynamic || !n || !dims[n - 1] || (n == 2 && !dims[0]))
		return 0;
	uint32_t t = vt_intern_array(p, vt_intern(p, &elem, 0), dims[n - 1]);
	return n == 2 ? vt_intern_array(p, t, dims[0]) : t;
}

void vars_value(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func, Dwarf_Die *die,
		struct expr_value *out)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	Dwarf_Die t;
	size_t n;
	struct loc l;
	uint64_t pc = f ? f->lookup_pc : 0;
	bool typed = vt_type_of(die, &t);

	memset(out, 0, sizeof(*out));
	out->type = vt_view(p, vt_intern(p, typed ? &t : NULL, 0));
	uint32_t vla = f && typed ? vla_type(p, f, bias, func, &t) : 0;
	if (vla)
		out->type = vt_view(p, vla);
	if (out->type.kind == EXPR_VOID)
		out->type = expr_int_type(4,
					  true); /* no type: gdb's <data variable, no debug info> */
	if (dwarf_attr_integrate(die, DW_AT_const_value, &a)) {
		const_value(&a, out);
		return;
	}
	Dwarf_Op block[32];
	if (dwarf_attr_integrate(die, DW_AT_location, &a) && (n = loc_block_ops(&a, block, 32))) {
		ops = block;
	} else if (!dwarf_attr_integrate(die, DW_AT_location, &a) ||
		   dwarf_getlocation_addr(&a, pc - bias, &ops, &n, 1) != 1) {
		out->optimized_out = true;
		return;
	}
	loc_eval(p, f, bias, func, &a, ops, n, &l);
	switch (l.kind) {
	case LOC_MEM:
		out->lvalue = true;
		out->addr = l.v;
		return;
	case LOC_REG:
		if (out->type.size > 8 || !loc_reg(p, f, (unsigned)l.v, &out->bits))
			out->optimized_out = true;
		else if (f && f->level == 0 && l.v < 17 && out->type.kind != EXPR_AGG)
			out->dwreg = (uint16_t)(l.v + 1);
		return;
	case LOC_VALUE:
		out->bits = l.v;
		return;
	case LOC_BYTES:
		if (l.nbytes > 8 || out->type.kind == EXPR_AGG) {
			/* an object of more than 8 bytes assembled from pieces (registers): its
			 * bytes are kept by the debugger, where the value reads them */
			uint64_t at = l.nbytes >= out->type.size ? vars_hold(p, l.bytes, l.nbytes) :
								   0;
			if (!at) {
				out->optimized_out = true;
				return;
			}
			out->lvalue = true;
			out->addr = at;
			return;
		}
		memcpy(&out->bits, l.bytes, l.nbytes < 8 ? l.nbytes : 8);
		return;
	case LOC_OPT:
		out->optimized_out = true;
		return;
	}
}

/* ---- lookup */

static bool is_var(Dwarf_Die *c)
{
	int tag = dwarf_tag(c);

	return tag == DW_TAG_variable || tag == DW_TAG_formal_parameter;
}

static bool named(Dwarf_Die *c, const char *name)
{
	const char *n = vt_die_name(c);

	return n && !strcmp(n, name);
}

/* A child of scope called name that is a variable (or, at CU level, an enumerator). */
static bool find_in(Dwarf_Die *scope, const char *name, bool cu_level, Dwarf_Die *out,
		    Dwarf_Die *parent)
{
	Dwarf_Die c, e;

	if (dwarf_child(scope, &c) != 0)
		return false;
	do {
		if (is_var(&c) && named(&c, name)) {
			if (cu_level && !dwarf_hasattr_integrate(&c, DW_AT_location) &&
			    !dwarf_hasattr_integrate(&c, DW_AT_const_value))
				continue; /* a declaration: the definition may follow */
			*out = c;
			return true;
		}
		if (cu_level && dwarf_tag(&c) == DW_TAG_enumeration_type &&
		    dwarf_child(&c, &e) == 0) {
			do {
				if (dwarf_tag(&e) == DW_TAG_enumerator && named(&e, name)) {
					*out = e;
					*parent = c;
					return true;
				}
			} while (dwarf_siblingof(&e, &e) == 0);
		}
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

static void enumerator(cdbg_proc *p, Dwarf_Die *e, Dwarf_Die *parent, struct expr_value *out)
{
	Dwarf_Attribute a;

	memset(out, 0, sizeof(*out));
	out->type = vt_view(p, vt_intern(p, parent, 0));
	if (out->type.kind != EXPR_INT)
		out->type = expr_int_type(4, true);
	if (dwarf_attr(e, DW_AT_const_value, &a))
		const_value(&a, out);
}

struct gfind {
	cdbg_proc *p;
	const char *name;
	Dwarf_Die skip_cu; /* searched already */
	bool has_skip;
	struct expr_value *out;
	bool found;
	Dwarf_Addr bias;  /* of the module being searched */
	const char *file; /* only the units of this source file ('file.c'::var), or NULL */
	size_t flen;
};

/* Is cu a unit of source file file (flen bytes): its name, or its name's last components? */
static bool cu_is_file(Dwarf_Die *cu, const char *file, size_t flen)
{
	const char *n = dwarf_diename(cu);
	size_t len = n ? strlen(n) : 0;

	if (!file)
		return true;
	if (!n || len < flen || memcmp(n + len - flen, file, flen))
		return false;
	return len == flen || n[len - flen - 1] == '/' || file[0] == '/';
}

static bool global_in_cu(Dwarf_Die *cu, void *arg)
{
	struct gfind *g = arg;
	Dwarf_Die v, parent;

	if ((g->has_skip && cu->addr == g->skip_cu.addr) || !cu_is_file(cu, g->file, g->flen) ||
	    !find_in(cu, g->name, true, &v, &parent))
		return false;
	if (dwarf_tag(&v) == DW_TAG_enumerator)
		enumerator(g->p, &v, &parent, g->out);
	else
		vars_value(g->p, NULL, g->bias, NULL, &v, g->out);
	g->found = true;
	return true;
}

static int global_in(Dwfl_Module *mod, void **ud, const char *mname, Dwarf_Addr start, void *arg)
{
	struct gfind *g = arg;
	Dwarf *dbg = dwfl_module_getdwarf(mod, &g->bias);

	(void)ud, (void)mname, (void)start;
	return sym_each_cu(dbg, global_in_cu, g) ? DWARF_CB_ABORT : DWARF_CB_OK;
}

/* gdb's FUNC::var: var declared at the top of function FUNC (its statics; its locals when the
 * frame is FUNC's), looked for in each unit's functions of that name. */
struct ffind {
	struct gfind g;
	struct vframe *f;
	const char *func;
};

static bool func_var_in_cu(Dwarf_Die *cu, void *arg)
{
	struct ffind *ff = arg;
	Dwarf_Die c, v, parent;
	Dwarf_Die *fr = frame_func(ff->f);

	if (!cu_is_file(cu, ff->g.file, ff->g.flen) || dwarf_child(cu, &c) != 0)
		return false;
	do {
		if (dwarf_tag(&c) != DW_TAG_subprogram || !named(&c, ff->func) ||
		    !find_in(&c, ff->g.name, false, &v, &parent))
			continue;
		if (fr && fr->addr == c.addr)
			vars_value(ff->g.p, ff->f, ff->f->bias, fr, &v, ff->g.out);
		else
			vars_value(ff->g.p, NULL, ff->g.bias, &c, &v, ff->g.out);
		return ff->g.found = true;
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

static int func_var_in(Dwfl_Module *mod, void **ud, const char *mname, Dwarf_Addr start, void *arg)
{
	struct ffind *ff = arg;
	Dwarf *dbg = dwfl_module_getdwarf(mod, &ff->g.bias);

	(void)ud, (void)mname, (void)start;
	return sym_each_cu(dbg, func_var_in_cu, ff) ? DWARF_CB_ABORT : DWARF_CB_OK;
}

static int func_var(cdbg_proc *p, struct vframe *f, const char *name, const char *file, size_t flen,
		    struct expr_value *out)
{
	const char *sep = strstr(name, "::");
	char func[256];
	struct ffind ff = { { p, sep ? sep + 2 : name, { 0 }, false, out, false, 0, file, flen },
			    f,
			    func };
	struct sym_state *s;

	if (!sep || (size_t)(sep - name) >= sizeof(func) || strstr(sep + 2, "::") ||
	    !sym_readable(p) || !(s = sym_session(p, "look up a variable")))
		return -1;
	snprintf(func, sizeof(func), "%.*s", (int)(sep - name), name);
	dwfl_getmodules(s->dwfl, func_var_in, &ff, 0);
	return ff.g.found ? 0 : -1;
}

/* C++'s CLASS::member for a static data member: the object its linkage name names, or its
 * constant value. */
static int class_static(cdbg_proc *p, const char *name, struct expr_value *out)
{
	const char *sep = NULL, *link;
	const struct vt_entry *e;
	struct cdbg_symbol s;
	Dwarf_Attribute a;
	Dwarf_Die d, c, mt;
	Dwarf_Sword cv;
	char cls[256];
	uint32_t dt;

	for (const char *q = strstr(name, "::"); q; q = strstr(q + 2, "::"))
		sep = q;
	if (!sep || (size_t)(sep - name) >= sizeof(cls))
		return -1;
	snprintf(cls, sizeof(cls), "%.*s", (int)(sep - name), name);
	if (!(dt = vt_lookup(p, cls)) || !(e = vt_get(p, dt)) || e->ptrs || !e->die.addr)
		return -1;
	d = e->die;
	if (!vt_peel(&d, &d) || dwarf_child(&d, &c) != 0)
		return -1;
	do {
		if (!vt_is_static_member(&c) || !named(&c, sep + 2) || !vt_type_of(&c, &mt))
			continue;
		memset(out, 0, sizeof(*out));
		out->type = vt_view(p, vt_intern(p, &mt, 0));
		link = dwarf_formstring(dwarf_attr_integrate(&c, DW_AT_linkage_name, &a));
		if (link && cdbg_sym_by_name(p, link, &s) == 0) {
			/* a thread_local member: its symbol is an offset in the TLS block */
			if (s.kind == CDBG_SYM_TLS &&
			    (!dwarf_attr(&c, DW_AT_name, &a) ||
			     !vars_tls_address(p, NULL, &a, s.addr, &s.addr))) {
				out->optimized_out = true;
				return 0;
			}
			out->lvalue = true;
			out->addr = s.addr;
			return 0;
		}
		if (dwarf_formsdata(dwarf_attr(&c, DW_AT_const_value, &a), &cv) == 0) {
			out->bits = (uint64_t)cv;
			return 0;
		}
		out->optimized_out = true;
		return 0;
	} while (dwarf_siblingof(&c, &c) == 0);
	return -1;
}

int vars_lookup_scoped(cdbg_proc *p, struct vframe *f, const char *name, struct expr_value *out)
{
	Dwarf_Die v, parent;

	for (int i = 0; f && i < f->nscopes; i++) {
		bool cu = dwarf_tag(&f->scopes[i]) == DW_TAG_compile_unit ||
			  dwarf_tag(&f->scopes[i]) == DW_TAG_partial_unit;
		if (!find_in(&f->scopes[i], name, cu, &v, &parent))
			continue;
		if (dwarf_tag(&v) == DW_TAG_enumerator)
			enumerator(p, &v, &parent, out);
		else
			vars_value(p, f, f->bias, frame_func(f), &v, out);
		return 0;
	}
	return -1;
}

/* Go's closures name a variable captured by reference "&x" (a pointer to it): x is what it
 * points to, as delve shows it. e: the "&x" variable's value; 0 with e now x, or -1. */
static int go_captured(cdbg_proc *p, struct expr_value *e)
{
	struct expr_value d;
	uint64_t at;

	if (vars_load(p, e) < 0 || e->optimized_out || !e->bits ||
	    vt_dop(p, EXPR_DOP_DEREF, e, NULL, &d, NULL, 0) != 0)
		return -1;
	at = e->bits;
	memset(e, 0, sizeof(*e));
	e->type = d.type;
	e->lvalue = true;
	e->addr = at;
	return 0;
}

/* gdb's 'file.c'::var (a global or file-static of that file's units) and 'file.c'::func::var
 * (func's static, or its local in a frame of it). */
static int file_var(cdbg_proc *p, struct vframe *f, const char *name, struct expr_value *out)
{
	const char *close = strstr(name, "'::"), *var = close ? close + 3 : NULL;
	struct gfind g = { p, var, { 0 }, false, out, false, 0, name + 1, 0 };
	struct sym_state *s;

	if (!close || !sym_readable(p) || !(s = sym_session(p, "look up a variable")))
		return -1;
	g.flen = (size_t)(close - name - 1);
	if (strstr(var, "::")) /* a global function is found from any file, as gdb does */
		return func_var(p, f, var, g.file, g.flen, out) == 0 ?
			       0 :
			       func_var(p, f, var, NULL, 0, out);
	dwfl_getmodules(s->dwfl, global_in, &g, 0);
	return g.found ? 0 : -1;
}

int vars_lookup(cdbg_proc *p, struct vframe *f, const char *name, struct expr_value *out)
{
	struct gfind g = { p, name, { 0 }, false, out, false, 0, NULL, 0 };
	struct sym_state *s;
	char amp[256];

	if (name[0] == '\'')
		return file_var(p, f, name, out);

	if (vars_lookup_scoped(p, f, name, out) == 0)
		return 0;
	if (f && f->has_cu && dwarf_srclang(&f->cu) == DW_LANG_Go && name[0] != '&' &&
	    snprintf(amp, sizeof(amp), "&%s", name) < (int)sizeof(amp) &&
	    vars_lookup_scoped(p, f, amp, out) == 0 && go_captured(p, out) == 0)
		return 0;
	if (f && f->has_cu) {
		g.skip_cu = f->cu;
		g.has_skip = true;
	}
	if (!sym_readable(p) || !(s = sym_session(p, "look up a variable")))
		return -1;
	struct vars_state *t = vt_state(p);
	int r = 0;
	if (t)
		t->tls_frame = f; /* a global's thread-local location needs the thread */
	dwfl_getmodules(s->dwfl, global_in, &g, 0);
	if (!g.found && func_var(p, f, name, NULL, 0, out) != 0)
		r = strstr(name, "::") ? class_static(p, name, out) : -1;
	if (t)
		t->tls_frame = NULL;
	return r;
}

/* ---- frame variables */

struct vlist {
	cdbg_proc *p;
	struct vframe *f;
	struct cdbg_var *out;
	size_t max, n;
};

static void add_var(struct vlist *l, Dwarf_Die *d, bool is_arg)
{
	struct expr_value e;
	const char *name = vt_die_name(d);

	if (!name)
		return;
	if (l->n < l->max) {
		struct cdbg_var *v = &l->out[l->n];
		bool captured = name[0] == '&' && name[1] && l->f->has_cu &&
				dwarf_srclang(&l->f->cu) == DW_LANG_Go;

		memset(v, 0, sizeof(*v));
		snprintf(v->name, sizeof(v->name), "%s", name + captured);
		vars_value(l->p, l->f, l->f->bias, frame_func(l->f), d, &e);
		if (captured && go_captured(l->p, &e) < 0)
			snprintf(v->name, sizeof(v->name), "%s", name); /* the pointer, as it is */
		vars_load(l->p, &e); /* unreadable: the value shows it when formatted */
		vars_export(l->p, &e, &v->value);
		v->is_arg = is_arg;
	}
	l->n++;
}

int cdbg_frame_vars(cdbg_proc *p, pid_t tid, int frame, unsigned which, struct cdbg_var *vars,
		    size_t max)
{
	struct vframe f;
	struct vlist l = { p, &f, vars, max, 0 };
	int r;

	if ((r = vframe_open(p, tid, frame, &f)) < 0)
		return r;
	if (!f.nscopes) {
		vframe_close(&f);
		return cdbg__fail(p, CDBG_ENOSYM, "no symbol table info available");
	}
	/* The frame is named by its function (symbol): its arguments, and the locals of its
	 * own blocks; code inlined into it at the pc is left out, as gdb shows that in frames
	 * of its own. */
	int first = 0, fn = -1;
	for (int i = 0; i < f.nscopes && fn < 0; i++) {
		int tag = dwarf_tag(&f.scopes[i]);
		if (tag == DW_TAG_inlined_subroutine)
			first = i + 1;
		else if (tag == DW_TAG_subprogram)
			fn = i;
	}
	for (int i = first; i <= fn; i++) {
		bool func = i == fn;
		Dwarf_Die c;

		if (dwarf_child(&f.scopes[i], &c) == 0) {
			do {
				int ct = dwarf_tag(&c);
				if ((which & CDBG_VARS_LOCALS) && ct == DW_TAG_variable)
					add_var(&l, &c, false);
				if ((which & CDBG_VARS_ARGS) && func &&
				    ct == DW_TAG_formal_parameter)
					add_var(&l, &c, true);
			} while (dwarf_siblingof(&c, &c) == 0);
		}
	}
	vframe_close(&f);
	cdbg__clear_error(p);
	return (int)l.n;
}

/* ---- return values */

int cdbg_return_value(cdbg_proc *p, pid_t tid, uint64_t func_addr, struct cdbg_value *out)
{
	struct thread *t = loop_stopped_thread(p, tid, "read a return value");
	struct sym_state *s;
	struct vframe f;
	Dwfl_Module *mod;
	Dwarf_Die buf, *cu, *scopes = NULL, fn, rt;
	Dwarf_Addr bias;
	struct expr_value e;
	int n, i;

	if (!t)
		return cdbg_errcode(p);
	if (!(s = sym_session(p, "read a return value")))
		return cdbg_errcode(p);
	if (!(mod = sym_addr_module(p, s, func_addr)) ||
	    !(cu = sym_addr_cu(mod, func_addr, &bias, &buf)))
		return cdbg__fail(p, CDBG_ENOSYM, "no debug information for the function at 0x%llx",
				  (unsigned long long)func_addr);
	n = dwarf_getscopes(cu, func_addr - bias, &scopes);
	for (i = 0; i < n && dwarf_tag(&scopes[i]) != DW_TAG_subprogram; i++)
		;
	if (i >= n) {
		free(scopes);
		return cdbg__fail(p, CDBG_ENOSYM, "no function at 0x%llx in the debug information",
				  (unsigned long long)func_addr);
	}
	fn = scopes[i];
	free(scopes);
	if (!vt_type_of(&fn, &rt) || !vt_peel(&rt, &buf))
		return 1; /* void */
	if (vframe_open_thread(p, t, &f) < 0)
		return cdbg_errcode(p);
	memset(&e, 0, sizeof(e));
	e.type = vt_view(p, vt_intern(p, &rt, 0));
	Dwarf_Word enc = 0;
	Dwarf_Attribute a;
	unsigned reg;
	bool indirect;
	uint64_t where = 0;
	if (dwarf_tag(&buf) == DW_TAG_base_type)
		dwarf_formudata(dwarf_attr(&buf, DW_AT_encoding, &a), &enc);
	if (!sym_arch_return_loc(enc == DW_ATE_float, e.type.size, &reg, &indirect)) {
		vframe_close(&f);
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot read a %u-byte value returned in "
				  "registers: only values in one register or in memory are read",
				  e.type.size);
	}
	if (!loc_reg(p, &f, reg, &where))
		e.optimized_out = true;
	else if (indirect) {
		e.lvalue = true;
		e.addr = where;
	} else {
		e.bits = where;
	}
	vframe_close(&f);
	vars_load(p, &e);
	vars_export(p, &e, out);
	cdbg__clear_error(p);
	return 0;
}
