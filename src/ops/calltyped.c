/*
 * calltyped.c - cdbg_call_typed: a call that uses the function's debug information, as gdb's
 * call_function_by_hand does: each argument converted to its parameter's type (or promoted as
 * C does for a function without a prototype and for variadic arguments), arrays passed as a
 * pointer to the object (or to a copy in the program), structs, unions, _Complex and long
 * double by value, and the result typed by the function's DWARF return type (a struct through
 * the hidden pointer when the ABI says so).
 *
 * Owns: the call's value area in the program (a mapping of its own, values of more than 8
 * bytes live there: a returned struct, a copy of a string argument) and the DWARF side of a
 * call. Must not: run the thread (call.c does), classify by the ABI (arch: struct arch_arg
 * describes each object as its scalar leaves), or make ptrace requests.
 */
#include <dwarf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr_flt.h"
#include "ops/call.h"
#include "target/target.h"
#include "values/vars.h"

#define AREA_SIZE (256 * 1024)

/* The value area, per handle (CDBG__LAYER_CALL); forgotten with the address space. */
static void area_gone(cdbg_proc *p, void *data)
{
	struct call_area *a = data;

	a->base = a->used = 0;
	call_dummies_forget(p, a);
}

static void area_free(cdbg_proc *p, void *data)
{
	call_dummies_forget(p, data);
	*cdbg__layer(p, CDBG__LAYER_CALL) = NULL;
	free(data);
}

struct call_area *call_area_get(cdbg_proc *p)
{
	struct call_area *a = *cdbg__layer(p, CDBG__LAYER_CALL);

	if (a)
		return a;
	if (!(a = calloc(1, sizeof(*a))))
		return cdbg__fail(p, -ENOMEM, "out of memory"), NULL;
	if (cdbg__hook_add(p, CDBG__HOOK_FREE, area_free, a) < 0 ||
	    cdbg__hook_add(p, CDBG__HOOK_SPACE_GONE, area_gone, a) < 0) {
		free(a);
		return cdbg__fail(p, -ENOMEM, "out of memory"), NULL;
	}
	*cdbg__layer(p, CDBG__LAYER_CALL) = a;
	return a;
}

/* len bytes (16-aligned) of the value area, written with bytes when not NULL: the address,
 * or 0 with a failure recorded. The area is reused from its start when full: the oldest
 * values there then show newer bytes. */
static uint64_t area_put(cdbg_proc *p, pid_t tid, const void *bytes, size_t len)
{
	struct call_area *a = call_area_get(p);
	uint64_t at;

	if (!a)
		return 0;
	if (len > AREA_SIZE)
		return cdbg__fail(p, -E2BIG, "a value of %zu bytes is too large to pass", len), 0;
	if (!a->base) {
		struct thread *t = loop_stopped_thread(p, tid, "call a function");
		uint64_t args[6] = { 0, AREA_SIZE, 3 /* PROT_READ | PROT_WRITE */ }, ret = 0;

		if (!t || loop_regs_fetch(p, t) < 0 ||
		    loop_scratch_map(p, arch_gpr_pc(&t->regs), AREA_SIZE, &args[0]) < 0 ||
		    cdbg_syscall(p, tid, 10 /* mprotect */, args, &ret) < 0 || ret)
			return cdbg__fail(p, -ENOMEM,
					  "cannot call a function: no memory for its values "
					  "could be mapped in the process"),
			       0;
		a->base = args[0];
		a->used = 64; /* the area starts with cdbg's syscall and trap instructions */
	}
	size_t room = (len + 15) & ~15ul; /* the next value 16-byte aligned; bytes has len */
	if (a->used + room > AREA_SIZE)
		a->used = 64;
	at = a->base + a->used;
	a->used += room;
	if (bytes && len && cdbg_mem_write(p, at, bytes, len) != (ssize_t)len)
		return cdbg_errcode(p), 0;
	return at;
}

/* ---- types as leaves */

static Dwarf_Word attr_u(Dwarf_Die *d, int name, Dwarf_Word dflt)
{
	Dwarf_Attribute a;
	Dwarf_Word w;

	return dwarf_attr_integrate(d, name, &a) && dwarf_formudata(&a, &w) == 0 ? w : dflt;
}

static void leaf(struct arch_arg *a, uint32_t off, uint32_t size, int kind)
{
	if (a->nleaves < 0)
		return;
	if (a->nleaves == ARCH_ARG_MAX_LEAVES) {
		a->nleaves = -1;
		return;
	}
	a->leaf[a->nleaves++] = (struct arch_leaf){ off, size, (uint8_t)kind };
}

static void leaves(Dwarf_Die *type, uint32_t off, struct arch_arg *a, int depth);

void call_describe(Dwarf_Die *type, struct arch_arg *a)
{
	memset(a, 0, sizeof(*a));
	a->size = vt_size(type);
	leaves(type, 0, a, 0);
}

/* The scalar leaves of type die at offset off, into a. */
static void leaves(Dwarf_Die *type, uint32_t off, struct arch_arg *a, int depth)
{
	Dwarf_Die d, c;
	uint32_t size;

	if (depth > VT_MAX_DEPTH || a->nleaves < 0 || !vt_peel(type, &d))
		return;
	size = (uint32_t)vt_size(&d);
	if (!depth)
		a->aggregate = dwarf_tag(&d) != DW_TAG_base_type;
	switch (dwarf_tag(&d)) {
	case DW_TAG_base_type: {
		Dwarf_Word enc = attr_u(&d, DW_AT_encoding, 0);
		if (enc == DW_ATE_float) {
			leaf(a, off, size, size > 8 ? ARCH_LEAF_X87 : ARCH_LEAF_SSE);
		} else if (enc == DW_ATE_complex_float) {
			leaf(a, off, size / 2, size > 16 ? ARCH_LEAF_X87 : ARCH_LEAF_SSE);
			leaf(a, off + size / 2, size / 2,
			     size > 16 ? ARCH_LEAF_X87 : ARCH_LEAF_SSE);
		} else if (size > 8) {
			leaf(a, off, 8, ARCH_LEAF_INT);
			leaf(a, off + 8, size - 8, ARCH_LEAF_INT);
		} else {
			leaf(a, off, size, ARCH_LEAF_INT);
		}
		return;
	}
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_class_type:
		if (dwarf_child(&d, &c) != 0)
			return;
		do {
			int t = dwarf_tag(&c);
			Dwarf_Die mt;

			if ((t != DW_TAG_member && t != DW_TAG_inheritance) ||
			    dwarf_hasattr(&c, DW_AT_external) || !vt_type_of(&c, &mt))
				continue;
			uint32_t mo = (uint32_t)attr_u(&c, DW_AT_data_member_location, 0);
			if (dwarf_hasattr(&c, DW_AT_bit_size)) {
				uint32_t bit = (uint32_t)attr_u(&c, DW_AT_data_bit_offset, 0);
				uint32_t bits = (uint32_t)attr_u(&c, DW_AT_bit_size, 1);
				for (uint32_t b = bit / 8; b * 8 < bit + bits; b++)
					leaf(a, off + b, 1, ARCH_LEAF_INT);
				continue;
			}
			leaves(&mt, off + mo, a, depth + 1);
		} while (dwarf_siblingof(&c, &c) == 0);
		return;
	case DW_TAG_array_type: {
		uint64_t counts[8], n = 1, esize;
		int nd = vt_dims(&d, counts);
		Dwarf_Die et;

		for (int i = 0; i < nd; i++)
			n *= counts[i];
		if (!vt_type_of(&d, &et) || !(esize = vt_size(&et)))
			return;
		for (uint64_t i = 0; i < n && a->nleaves >= 0; i++)
			leaves(&et, off + (uint32_t)(i * esize), a, depth + 1);
		return;
	}
	default:
		leaf(a, off, size ? size : 8, ARCH_LEAF_INT);
	}
}

/* The kind of scalar a peeled type is: 'i' integer or pointer, 'f' floating (*size its
 * bytes), 'c' complex, 's' struct, union or class, 'a' array. */
static int kind_of(Dwarf_Die *d, uint32_t *size)
{
	*size = (uint32_t)vt_size(d);
	switch (dwarf_tag(d)) {
	case DW_TAG_base_type: {
		Dwarf_Word enc = attr_u(d, DW_AT_encoding, 0);
		return enc == DW_ATE_float ? 'f' : enc == DW_ATE_complex_float ? 'c' : 'i';
	}
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_class_type:
		return 's';
	case DW_TAG_array_type:
		return 'a';
	default:
		return 'i';
	}
}

/* ---- arguments */

/* The peeled DWARF type of x (its dtype, pointers aside), or false. */
static bool value_die(cdbg_proc *p, const struct expr_value *x, Dwarf_Die *out)
{
	const struct vt_entry *e = x->type.dtype ? vt_get(p, x->type.dtype) : NULL;

	if (!e || e->ptrs || e->count || !e->die.addr)
		return false;
	Dwarf_Die d = e->die;
	if (!vt_peel(&d, out))
		return false;
	return !(e->skip && dwarf_tag(out) == DW_TAG_array_type); /* a sub-array: no DIE */
}

/* x as a floating number, long double wide. */
static int value_float(cdbg_proc *p, const struct expr_value *x, long double *out)
{
	if (x->type.kind == EXPR_AGG && x->type.size == 16 && x->lvalue) {
		if (cdbg_mem_read(p, x->addr, out, 16) != 16)
			return cdbg_errcode(p);
		return 0;
	}
	if (x->type.kind == EXPR_AGG)
		return cdbg__fail(p, CDBG_EBADEXPR, "Invalid cast.");
	if (x->type.kind == EXPR_INT && x->type.size == 8 && !x->type.is_signed)
		*out = (long double)x->bits;
	else if (x->type.kind == EXPR_INT)
		*out = (long double)(int64_t)x->bits;
	else
		*out = expr_flt_get(x);
	return 0;
}

/* A floating value of size bytes into buf. */
static void put_float(long double v, uint32_t size, unsigned char *buf)
{
	float f = (float)v;
	double d = (double)v;

	memset(buf, 0, 16);
	if (size == 4)
		memcpy(buf, &f, 4);
	else if (size == 8)
		memcpy(buf, &d, 8);
	else
		memcpy(buf, &v, 10);
}

/* The bytes of aggregate x (size of them) into buf. */
static int value_bytes(cdbg_proc *p, const struct expr_value *x, unsigned char *buf, size_t size)
{
	memset(buf, 0, size);
	if (x->lvalue)
		return cdbg_mem_read(p, x->addr, buf, size) == (ssize_t)size ? 0 : cdbg_errcode(p);
	memcpy(buf, &x->bits, size < 8 ? size : 8);
	return 0;
}

/* Argument x for a parameter of type pt (NULL: promoted as C does without a prototype) into
 * a (its bytes in *owned, malloc'ed). */
static int make_arg(cdbg_proc *p, pid_t tid, const struct expr_value *x, Dwarf_Die *pt,
		    bool promote, struct arch_arg *a, unsigned char **owned)
{
	Dwarf_Die xd, d;
	bool has_xd = value_die(p, x, &xd);
	uint32_t size = 8, xsize;
	int k = 'i', xk = has_xd ? kind_of(&xd, &xsize) : 0;
	unsigned char *buf;
	int r;

	if (pt && vt_peel(pt, &d))
		k = kind_of(&d, &size);
	else if (has_xd && xk != 'a')
		d = xd, k = xk, size = xsize; /* no parameter type: the argument's own */
	else if (x->type.kind == EXPR_FLT)
		k = 'f', size = x->type.size;
	else
		pt = NULL;
	if (promote && k == 'f' && size == 4)
		size = 8; /* float to double */
	if (!(buf = calloc(1, size < 16 ? 16 : size)))
		return cdbg__fail(p, -ENOMEM, "out of memory");
	*owned = buf;
	a->bytes = buf;
	a->size = size;
	a->align = size >= 16 && k != 's' ? 16 : 8;
	a->nleaves = 0;
	if (k == 'f') {
		long double v;
		if ((r = value_float(p, x, &v)) < 0)
			return r;
		put_float(v, size, buf);
		leaf(a, 0, size, size > 8 ? ARCH_LEAF_X87 : ARCH_LEAF_SSE);
		return 0;
	}
	if (k == 'c' || k == 's') {
		bool same = (has_xd && xk == k && xsize == size) ||
			    (x->type.kind == EXPR_AGG && x->type.size == size);
		if (!same) {
			if (k == 's')
				return cdbg__fail(p, CDBG_EBADEXPR,
						  "Cannot convert the argument to a structure of "
						  "%u bytes.",
						  size);
			long double v; /* a real number as a complex one */
			if ((r = value_float(p, x, &v)) < 0)
				return r;
			put_float(v, size / 2, buf);
		} else if ((r = value_bytes(p, x, buf, size)) < 0) {
			return r;
		}
		leaves(&d, 0, a, 0);
		a->align = 8;
		for (int i = 0; i < a->nleaves; i++)
			if (a->leaf[i].size >= 16)
				a->align = 16;
		return 0;
	}
	/* An integer or a pointer: an array decays to a pointer to it (to a copy in the
	 * program when it is not there already: a string literal). */
	uint64_t v = x->bits;
	a->size = 8;
	if (x->type.kind == EXPR_AGG && x->lvalue && !has_xd && vars_held(x->addr)) {
		/* an array the debugger holds ({1, 2}, "abc"): a copy in the program */
		unsigned char *tmp = malloc(x->type.size ? x->type.size : 1);
		ssize_t n = tmp ? vars_read(p, x->addr, tmp, x->type.size) : -1;
		v = n == (ssize_t)x->type.size ? area_put(p, tid, tmp, x->type.size) : 0;
		free(tmp);
		if (!v)
			return n < 0 ? cdbg__fail(p, -ENOMEM, "out of memory") : cdbg_errcode(p);
	} else if (x->type.kind == EXPR_AGG && x->lvalue && !has_xd) {
		v = x->addr; /* an artificial array (x@N) decays to its address */
	} else if (has_xd && xk == 'a') {
		if (x->lvalue) {
			v = x->addr;
		} else {
			unsigned char tmp[8];
			memcpy(tmp, &x->bits, 8);
			if (!(v = area_put(p, tid, tmp, x->type.size)))
				return cdbg_errcode(p);
		}
	} else if (x->type.kind == EXPR_FLT) {
		v = expr_flt_put(expr_flt_get(x), expr_int_type(8, true));
	} else if (x->type.kind == EXPR_AGG) {
		return cdbg__fail(p, CDBG_EBADEXPR, "Invalid cast.");
	}
	if (pt && size < 8 && !promote)
		v &= (1ull << (8 * size)) - 1;
	memcpy(buf, &v, 8);
	leaf(a, 0, 8, ARCH_LEAF_INT);
	return 0;
}

/* ---- the call */

/* The subprogram at func: true with *fn. */
static bool func_die(cdbg_proc *p, uint64_t func, Dwarf_Die *fn)
{
	struct sym_state *s = sym_session(p, "call a function");
	Dwarf_Die buf, *cu, *scopes = NULL;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	int n, i;

	if (!s || !(mod = sym_addr_module(p, s, func)) ||
	    !(cu = sym_addr_cu(mod, func, &bias, &buf)))
		return false;
	n = dwarf_getscopes(cu, func - bias, &scopes);
	for (i = 0; i < n && dwarf_tag(&scopes[i]) != DW_TAG_subprogram; i++)
		;
	if (i < n)
		*fn = scopes[i];
	free(scopes);
	/* Assembly (a system call stub such as getpid) says nothing true of its result: gdb's
	 * "unknown return type". */
	return i < n && dwarf_srclang(cu) != DW_LANG_Mips_Assembler;
}

/* The result: bytes as a value of type rt (peeled prt). */
static int make_result(cdbg_proc *p, pid_t tid, Dwarf_Die *rt, Dwarf_Die *prt, uint64_t in_mem,
		       const unsigned char *bytes, size_t size, struct expr_value *out)
{
	struct expr_value e;
	uint32_t sz;
	int k = kind_of(prt, &sz);

	memset(&e, 0, sizeof(e));
	e.type = vt_view(p, vt_intern(p, rt, 0));
	if (e.type.kind == EXPR_AGG && size > 8) {
		e.lvalue = true;
		e.addr = in_mem ? in_mem : area_put(p, tid, bytes, size);
		if (!e.addr)
			return cdbg_errcode(p);
	} else {
		memcpy(&e.bits, bytes, size < 8 ? size : 8);
		if (k == 'i' && e.type.kind == EXPR_INT && size < 8 && e.type.is_signed &&
		    (e.bits >> (8 * size - 1)) & 1)
			e.bits |= ~((1ull << (8 * size)) - 1);
	}
	*out = e;
	return 0;
}

int cdbg_call_typed(cdbg_proc *p, pid_t tid, struct cdbg_call *c, const struct cdbg_value *args,
		    int nargs, struct cdbg_value *out)
{
	struct expr_value xs[CDBG_CALL_MAX_ARGS], x;
	int r;

	if (nargs < 0 || nargs > CDBG_CALL_MAX_ARGS)
		return cdbg__fail(p, -EINVAL, "cannot call a function with %d arguments", nargs);
	for (int i = 0; i < nargs; i++)
		if (!c->data[i])
			vars_import(p, &args[i], &xs[i]);
	r = call_typed(p, tid, c, xs, nargs, &x);
	if (r == 0)
		vars_export(p, &x, out);
	return r;
}

int call_typed(cdbg_proc *p, pid_t tid, struct cdbg_call *c, const struct expr_value *xs, int nargs,
	       struct expr_value *out)
{
	struct arch_arg *av = NULL, ret = { 0 };
	struct arch_call_regs regs = { 0 };
	unsigned char *owned[CDBG_CALL_MAX_ARGS] = { 0 }, *rbytes = NULL;
	Dwarf_Die fn, child, params[CDBG_CALL_MAX_ARGS], rt, prt;
	int np = 0, r = -ENOMEM;
	bool proto, has_rt, varargs = false;
	uint64_t rmem = 0;

	if (!loop_stopped_thread(p, tid, "call a function"))
		return cdbg_errcode(p);
	if (nargs < 0 || nargs > CDBG_CALL_MAX_ARGS)
		return cdbg__fail(p, -EINVAL, "cannot call a function with %d arguments", nargs);
	if (!func_die(p, c->func, &fn))
		return cdbg__fail(p, CDBG_ENOSYM, "no debug information for the function at %#llx",
				  (unsigned long long)c->func);
	Dwarf_Attribute pa;
	bool flag = false;
	proto = dwarf_attr_integrate(&fn, DW_AT_prototyped, &pa) &&
		dwarf_formflag(&pa, &flag) == 0 && flag;
	if (dwarf_child(&fn, &child) == 0) {
		do {
			if (dwarf_tag(&child) == DW_TAG_formal_parameter &&
			    np < CDBG_CALL_MAX_ARGS && vt_type_of(&child, &params[np]))
				np++;
			else if (dwarf_tag(&child) == DW_TAG_unspecified_parameters)
				varargs = true;
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	if (proto && !varargs && nargs < np)
		return cdbg__fail(p, CDBG_EBADEXPR, "Too few arguments in function call.");
	has_rt = vt_type_of(&fn, &rt) && vt_peel(&rt, &prt);
	if (!(av = calloc((size_t)nargs + 1, sizeof(*av))))
		return cdbg__fail(p, -ENOMEM, "out of memory");
	for (int i = 0; i < nargs; i++) {
		struct expr_value x;

		if (c->data[i]) { /* a string literal: a copy in the program, as char * */
			memset(&x, 0, sizeof(x));
			x.type = expr_ptr_type(expr_int_type(1, true));
			if (!(x.bits = area_put(p, tid, c->data[i], c->datalen[i]))) {
				r = cdbg_errcode(p);
				goto out;
			}
		} else {
			x = xs[i];
		}
		if ((r = make_arg(p, tid, &x, i < np ? &params[i] : NULL, !proto || i >= np, &av[i],
				  &owned[i])) < 0)
			goto out;
	}
	if (has_rt) {
		ret.size = vt_size(&prt);
		leaves(&prt, 0, &ret, 0);
		if (!(rbytes = calloc(1, ret.size + 16))) {
			r = cdbg__fail(p, -ENOMEM, "out of memory");
			goto out;
		}
		if (arch_call_ret_memory(&ret) && !(rmem = area_put(p, tid, NULL, ret.size))) {
			r = cdbg_errcode(p);
			goto out;
		}
	}
	if ((r = arch_call_plan(av, nargs, rmem != 0, &regs)) < 0) {
		r = cdbg__fail(p, -ENOMEM, "out of memory");
		goto out;
	}
	regs.gpr[0] = rmem ? rmem : regs.gpr[0];
	c->nargs = c->nfargs = 0;
	if ((r = call_run(p, tid, c, &regs)) < 0)
		goto out;
	if (!has_rt) {
		memset(out, 0, sizeof(*out));
		out->type.kind = EXPR_VOID;
		r = 1;
		goto out;
	}
	if (!rmem)
		arch_call_ret_bytes(&ret, &regs, rbytes);
	r = make_result(p, tid, &rt, &prt, rmem, rbytes, ret.size, out);
	if (r == 0)
		cdbg__clear_error(p);
out:
	arch_call_plan_free(&regs);
	for (int i = 0; i < nargs; i++)
		free(owned[i]);
	free(av);
	free(rbytes);
	return r;
}
