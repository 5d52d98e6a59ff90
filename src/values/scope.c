/*
 * values/scope.c - gdb's `info scope` as a library call (cdbg_scope_each): the variables and
 * arguments of the blocks at an address, each location described in gdb 13's words (a
 * register, frame base plus offset, static storage, a constant, a location list, and the
 * disassembly of any other DWARF expression).
 *
 * Owns: nothing kept. Must not: read tracee memory (locations are described, not evaluated),
 * print (the text goes to the caller's callback).
 */
#include <dwarf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "values/vars.h"

/* gdb's names of the x86-64 DWARF registers. */
static const char *regname(uint64_t r, char *buf, size_t len)
{
	static const char *const gp[] = { "rax", "rdx", "rcx", "rbx", "rsi", "rdi",
					  "rbp", "rsp", "r8",  "r9",  "r10", "r11",
					  "r12", "r13", "r14", "r15", "rip" };

	if (r < 17)
		snprintf(buf, len, "%s", gp[r]);
	else if (r < 33)
		snprintf(buf, len, "xmm%u", (unsigned)(r - 17));
	else if (r < 41)
		snprintf(buf, len, "st%u", (unsigned)(r - 33));
	else if (r < 49)
		snprintf(buf, len, "mm%u", (unsigned)(r - 41));
	else if (r == 49)
		snprintf(buf, len, "eflags");
	else
		snprintf(buf, len, "%llu", (unsigned long long)r);
	return buf;
}

struct op_name {
	unsigned atom;
	const char *name;
};
static const struct op_name op_names[] = {
	{ DW_OP_addr, "DW_OP_addr" },
	{ DW_OP_deref, "DW_OP_deref" },
	{ DW_OP_const1u, "DW_OP_const1u" },
	{ DW_OP_const1s, "DW_OP_const1s" },
	{ DW_OP_const2u, "DW_OP_const2u" },
	{ DW_OP_const2s, "DW_OP_const2s" },
	{ DW_OP_const4u, "DW_OP_const4u" },
	{ DW_OP_const4s, "DW_OP_const4s" },
	{ DW_OP_const8u, "DW_OP_const8u" },
	{ DW_OP_const8s, "DW_OP_const8s" },
	{ DW_OP_constu, "DW_OP_constu" },
	{ DW_OP_consts, "DW_OP_consts" },
	{ DW_OP_dup, "DW_OP_dup" },
	{ DW_OP_drop, "DW_OP_drop" },
	{ DW_OP_over, "DW_OP_over" },
	{ DW_OP_pick, "DW_OP_pick" },
	{ DW_OP_swap, "DW_OP_swap" },
	{ DW_OP_rot, "DW_OP_rot" },
	{ DW_OP_xderef, "DW_OP_xderef" },
	{ DW_OP_abs, "DW_OP_abs" },
	{ DW_OP_and, "DW_OP_and" },
	{ DW_OP_div, "DW_OP_div" },
	{ DW_OP_minus, "DW_OP_minus" },
	{ DW_OP_mod, "DW_OP_mod" },
	{ DW_OP_mul, "DW_OP_mul" },
	{ DW_OP_neg, "DW_OP_neg" },
	{ DW_OP_not, "DW_OP_not" },
	{ DW_OP_or, "DW_OP_or" },
	{ DW_OP_plus, "DW_OP_plus" },
	{ DW_OP_plus_uconst, "DW_OP_plus_uconst" },
	{ DW_OP_shl, "DW_OP_shl" },
	{ DW_OP_shr, "DW_OP_shr" },
	{ DW_OP_shra, "DW_OP_shra" },
	{ DW_OP_xor, "DW_OP_xor" },
	{ DW_OP_bra, "DW_OP_bra" },
	{ DW_OP_eq, "DW_OP_eq" },
	{ DW_OP_ge, "DW_OP_ge" },
	{ DW_OP_gt, "DW_OP_gt" },
	{ DW_OP_le, "DW_OP_le" },
	{ DW_OP_lt, "DW_OP_lt" },
	{ DW_OP_ne, "DW_OP_ne" },
	{ DW_OP_skip, "DW_OP_skip" },
	{ DW_OP_regx, "DW_OP_regx" },
	{ DW_OP_fbreg, "DW_OP_fbreg" },
	{ DW_OP_bregx, "DW_OP_bregx" },
	{ DW_OP_piece, "DW_OP_piece" },
	{ DW_OP_deref_size, "DW_OP_deref_size" },
	{ DW_OP_xderef_size, "DW_OP_xderef_size" },
	{ DW_OP_nop, "DW_OP_nop" },
	{ DW_OP_call2, "DW_OP_call2" },
	{ DW_OP_call4, "DW_OP_call4" },
	{ DW_OP_call_ref, "DW_OP_call_ref" },
	{ DW_OP_form_tls_address, "DW_OP_form_tls_address" },
	{ DW_OP_call_frame_cfa, "DW_OP_call_frame_cfa" },
	{ DW_OP_bit_piece, "DW_OP_bit_piece" },
	{ DW_OP_implicit_value, "DW_OP_implicit_value" },
	{ DW_OP_stack_value, "DW_OP_stack_value" },
	{ DW_OP_implicit_pointer, "DW_OP_implicit_pointer" },
	{ DW_OP_addrx, "DW_OP_addrx" },
	{ DW_OP_constx, "DW_OP_constx" },
	{ DW_OP_entry_value, "DW_OP_entry_value" },
	{ DW_OP_const_type, "DW_OP_const_type" },
	{ DW_OP_regval_type, "DW_OP_regval_type" },
	{ DW_OP_deref_type, "DW_OP_deref_type" },
	{ DW_OP_convert, "DW_OP_convert" },
	{ DW_OP_reinterpret, "DW_OP_reinterpret" },
	{ DW_OP_GNU_push_tls_address, "DW_OP_GNU_push_tls_address" },
	{ DW_OP_GNU_uninit, "DW_OP_GNU_uninit" },
	{ DW_OP_GNU_implicit_pointer, "DW_OP_GNU_implicit_pointer" },
	{ DW_OP_GNU_entry_value, "DW_OP_GNU_entry_value" },
	{ DW_OP_GNU_parameter_ref, "DW_OP_GNU_parameter_ref" },
};

/* The description being built. */
struct desc {
	char *buf;
	size_t len, cap;
	bool oom;
};

static void put(struct desc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct desc *d, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (d->oom)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(d->buf + d->len, d->cap - d->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && d->len + (size_t)n < d->cap) {
			d->len += (size_t)n;
			return;
		}
		size_t cap = d->cap * 2 + (size_t)(n > 0 ? n : 0) + 64;
		char *nb = realloc(d->buf, cap);
		if (!nb) {
			d->oom = true;
			return;
		}
		d->buf = nb;
		d->cap = cap;
	}
}

static unsigned uleb_len(uint64_t v)
{
	unsigned n = 1;

	while (v >>= 7)
		n++;
	return n;
}

/* gdb's disassemble_dwarf_expression of ops[from..] (all: also past a piece), offsets shown
 * plus base, indented by indent. Returns the index of the first op not shown. */
static size_t disasm(struct desc *d, Dwarf_Attribute *attr, const Dwarf_Op *ops, size_t n,
		     size_t from, uint64_t base, int indent, bool all, Dwarf_Addr bias)
{
	char r[16];
	size_t i;

	for (i = from;
	     i < n && (all || (ops[i].atom != DW_OP_piece && ops[i].atom != DW_OP_bit_piece));
	     i++) {
		const Dwarf_Op *o = &ops[i];
		unsigned a = o->atom;
		const char *name = NULL;
		char nb[32];

		for (size_t k = 0; k < sizeof(op_names) / sizeof(op_names[0]); k++)
			if (op_names[k].atom == a)
				name = op_names[k].name;
		if (!name && a >= DW_OP_lit0 && a <= DW_OP_lit31)
			snprintf(nb, sizeof(nb), "DW_OP_lit%u", a - DW_OP_lit0), name = nb;
		else if (!name && a >= DW_OP_reg0 && a <= DW_OP_reg31)
			snprintf(nb, sizeof(nb), "DW_OP_reg%u", a - DW_OP_reg0), name = nb;
		else if (!name && a >= DW_OP_breg0 && a <= DW_OP_breg31)
			snprintf(nb, sizeof(nb), "DW_OP_breg%u", a - DW_OP_breg0), name = nb;
		else if (!name)
			snprintf(nb, sizeof(nb), "0x%x", a), name = nb;
		put(d, "  %*lx: %s", indent + 4, (long)(base + o->offset), name);
		if (a >= DW_OP_reg0 && a <= DW_OP_reg31) {
			put(d, " [$%s]", regname(a - DW_OP_reg0, r, sizeof(r)));
		} else if (a >= DW_OP_breg0 && a <= DW_OP_breg31) {
			put(d, " %lld [$%s]", (long long)o->number,
			    regname(a - DW_OP_breg0, r, sizeof(r)));
		} else {
			switch (a) {
			case DW_OP_addr:
				put(d, " 0x%llx", (unsigned long long)(o->number + bias));
				break;
			case DW_OP_const1u:
			case DW_OP_const2u:
			case DW_OP_const4u:
			case DW_OP_const8u:
			case DW_OP_constu:
			case DW_OP_plus_uconst:
			case DW_OP_pick:
			case DW_OP_piece:
			case DW_OP_deref_size:
			case DW_OP_xderef_size:
			case DW_OP_addrx:
			case DW_OP_constx:
				put(d, " %llu", (unsigned long long)o->number);
				if (a == DW_OP_piece)
					put(d, " (bytes)");
				break;
			case DW_OP_const1s:
			case DW_OP_const2s:
			case DW_OP_const4s:
			case DW_OP_const8s:
			case DW_OP_consts:
			case DW_OP_fbreg:
				put(d, " %lld", (long long)o->number);
				break;
			case DW_OP_regx:
				put(d, " %llu [$%s]", (unsigned long long)o->number,
				    regname(o->number, r, sizeof(r)));
				break;
			case DW_OP_bregx:
				put(d, " register %llu [$%s] offset %lld",
				    (unsigned long long)o->number, regname(o->number, r, sizeof(r)),
				    (long long)o->number2);
				break;
			case DW_OP_bit_piece:
				put(d, " size %llu offset %llu (bits)",
				    (unsigned long long)o->number, (unsigned long long)o->number2);
				break;
			case DW_OP_skip:
			case DW_OP_bra:
				put(d, " to %lld", (long long)(o->offset + 3 + (int16_t)o->number));
				break;
			case DW_OP_entry_value:
			case DW_OP_GNU_entry_value: {
				Dwarf_Attribute sub;
				Dwarf_Op *sops;
				size_t sn;
				put(d, "\n");
				if (attr && dwarf_getlocation_attr(attr, o, &sub) == 0 &&
				    dwarf_getlocation(&sub, &sops, &sn) == 0)
					disasm(d, NULL, sops, sn, 0,
					       base + o->offset + 1 + uleb_len(o->number),
					       indent + 2, true, bias);
				continue;
			}
			default:
				break;
			}
		}
		put(d, "\n");
	}
	return i;
}

/* gdb's locexpr_describe_location_piece: a register or frame-base-relative slot in words;
 * how many ops it took (0: none). */
static size_t piece_words(struct desc *d, Dwarf_Die *func, const Dwarf_Op *ops, size_t n)
{
	char r[16];
	unsigned a = ops[0].atom;
	bool ends = n == 1 || ops[1].atom == DW_OP_piece || ops[1].atom == DW_OP_bit_piece;

	if (a >= DW_OP_reg0 && a <= DW_OP_reg31) {
		put(d, "a variable in $%s", regname(a - DW_OP_reg0, r, sizeof(r)));
		return 1;
	}
	if (a == DW_OP_regx) {
		put(d, "a variable in $%s", regname(ops[0].number, r, sizeof(r)));
		return 1;
	}
	if (a == DW_OP_fbreg && ends && func) {
		Dwarf_Attribute fa;
		Dwarf_Op *fb;
		size_t fn;
		if (!dwarf_attr(func, DW_AT_frame_base, &fa) ||
		    dwarf_getlocation(&fa, &fb, &fn) != 0 || fn != 1)
			return 0;
		if (fb[0].atom >= DW_OP_breg0 && fb[0].atom <= DW_OP_breg31)
			put(d, "a variable at frame base reg $%s offset %lld+%lld",
			    regname(fb[0].atom - DW_OP_breg0, r, sizeof(r)),
			    (long long)fb[0].number, (long long)ops[0].number);
		else if (fb[0].atom >= DW_OP_reg0 && fb[0].atom <= DW_OP_reg31)
			put(d, "a variable at frame base reg $%s offset 0+%lld",
			    regname(fb[0].atom - DW_OP_reg0, r, sizeof(r)),
			    (long long)ops[0].number);
		else
			return 0;
		return 1;
	}
	return 0;
}

/* gdb's locexpr_describe_location_1 over one expression. */
static void describe_expr(struct desc *d, Dwarf_Attribute *attr, Dwarf_Die *func,
			  const Dwarf_Op *ops, size_t n, Dwarf_Addr bias)
{
	size_t i = 0;
	bool first = true;

	while (i < n) {
		size_t here = i, took;
		bool dis = true;
		if (!first)
			put(d, ", and ");
		first = false;
		took = piece_words(d, func, ops + i, n - i);
		i += took;
		if (took || ops[here].atom == DW_OP_piece || ops[here].atom == DW_OP_bit_piece)
			dis = false;
		if (dis) {
			put(d, "a complex DWARF expression:\n");
			i = disasm(d, attr, ops, n, i, 0, 0, false, bias);
		}
		if (i < n) {
			if (dis)
				put(d, "   ");
			if (ops[i].atom == DW_OP_piece)
				put(d,
				    i == here ? "an empty %llu-byte piece" : " [%llu-byte piece]",
				    (unsigned long long)ops[i].number);
			else if (ops[i].atom == DW_OP_bit_piece)
				put(d,
				    i == here ? "an empty %llu-bit piece" :
						" [%llu-bit piece, offset %llu bits]",
				    (unsigned long long)ops[i].number,
				    (unsigned long long)ops[i].number2);
			else
				break;
			i++;
		}
	}
}

static bool single_expr(Dwarf_Attribute *a)
{
	switch (dwarf_whatform(a)) {
	case DW_FORM_exprloc:
	case DW_FORM_block:
	case DW_FORM_block1:
	case DW_FORM_block2:
	case DW_FORM_block4:
		return true;
	default:
		return false;
	}
}

static void describe_const(struct desc *d, Dwarf_Attribute *a, Dwarf_Die *type)
{
	Dwarf_Block b;
	Dwarf_Word u;
	Dwarf_Sword s;
	int form = dwarf_whatform(a);
	Dwarf_Die pt;
	Dwarf_Attribute ea;
	Dwarf_Word enc = 0;
	bool flt;

	if (type && vt_peel(type, &pt))
		dwarf_formudata(dwarf_attr(&pt, DW_AT_encoding, &ea), &enc);
	flt = enc == DW_ATE_float || enc == DW_ATE_complex_float;
	if ((form == DW_FORM_data8 && flt) || form == DW_FORM_data16 ||
	    dwarf_formblock(a, &b) == 0) {
		if (form == DW_FORM_data8 && dwarf_formudata(a, &u) == 0) {
			put(d, "constant bytes: ");
			for (int i = 0; i < 8; i++)
				put(d, " %02x", (unsigned)((u >> (8 * i)) & 0xff));
			return;
		}
		if (dwarf_formblock(a, &b) == 0) {
			put(d, "constant bytes: ");
			for (size_t i = 0; i < b.length; i++)
				put(d, " %02x", b.data[i]);
			return;
		}
	}
	if (form == DW_FORM_sdata && dwarf_formsdata(a, &s) == 0) {
		put(d, "a constant with value %lld (0x%llx)", (long long)s, (unsigned long long)s);
		return;
	}
	if (dwarf_formudata(a, &u) != 0) {
		put(d, "optimized out");
		return;
	}
	s = (Dwarf_Sword)u;
	/* data1/2/4 of a signed type: sign-extended */
	if (enc == DW_ATE_signed || enc == DW_ATE_signed_char) {
		unsigned bits = form == DW_FORM_data1 ? 8 :
				form == DW_FORM_data2 ? 16 :
				form == DW_FORM_data4 ? 32 :
							64;
		if (bits < 64 && (u >> (bits - 1)) & 1)
			s = (Dwarf_Sword)(u | (~0ull << bits));
	}
	put(d, "a constant with value %lld (0x%llx)", (long long)s, (unsigned long long)s);
}

/* Does DWARF 5 location list a (DW_FORM_sec_offset into .debug_loclists) start with a base
 * address entry? gdb names the base then ("Base address 0x..."); libdw applies it unseen. */
static bool starts_with_base(Dwarf_Attribute *a, Dwarf_Die *cu)
{
	Dwarf *dw = dwarf_cu_getdwarf(cu->cu);
	Elf *elf = dw ? dwarf_getelf(dw) : NULL;
	Dwarf_Word off;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;

	if (dwarf_whatform(a) != DW_FORM_sec_offset || dwarf_formudata(a, &off) != 0 || !elf ||
	    elf_getshdrstrndx(elf, &shstrndx) != 0)
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		Elf_Data *data;
		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name)) ||
		    strcmp(name, ".debug_loclists") != 0)
			continue;
		data = elf_getdata(scn, NULL);
		return data && off < data->d_size &&
		       (((unsigned char *)data->d_buf)[off] == DW_LLE_base_addressx ||
			((unsigned char *)data->d_buf)[off] == DW_LLE_base_address);
	}
	return false;
}

static void describe(struct desc *d, Dwarf_Die *var, Dwarf_Die *func, Dwarf_Die *cu,
		     Dwarf_Addr bias, Dwfl_Module *mod)
{
	Dwarf_Attribute a;
	Dwarf_Die t, *tp = vt_type_of(var, &t) ? &t : NULL;
	Dwarf_Op *ops;
	size_t n;

	if (dwarf_attr_integrate(var, DW_AT_const_value, &a)) {
		describe_const(d, &a, tp);
		return;
	}
	if (!dwarf_attr(var, DW_AT_location, &a)) {
		put(d, "optimized out");
		return;
	}
	if (single_expr(&a)) {
		if (dwarf_getlocation(&a, &ops, &n) != 0 || n == 0) {
			put(d, "optimized out");
			return;
		}
		if (n == 1 && (ops[0].atom == DW_OP_addr || ops[0].atom == DW_OP_addrx)) {
			Dwarf_Attribute aa;
			Dwarf_Addr addr = ops[0].number;
			if (ops[0].atom == DW_OP_addrx &&
			    (dwarf_getlocation_attr(&a, &ops[0], &aa) != 0 ||
			     dwarf_formaddr(&aa, &addr) != 0)) {
				put(d, "optimized out");
				return;
			}
			put(d, "static storage at address 0x%llx",
			    (unsigned long long)(addr + bias));
			return;
		}
		if (n == 2 && (ops[0].atom == DW_OP_const8u || ops[0].atom == DW_OP_addr) &&
		    (ops[1].atom == DW_OP_GNU_push_tls_address ||
		     ops[1].atom == DW_OP_form_tls_address)) {
			put(d,
			    "a thread-local variable at offset 0x%llx in the thread-local storage "
			    "for `%s'",
			    (unsigned long long)ops[0].number, sym_mod_path(mod));
			return;
		}
		describe_expr(d, &a, func, ops, n, bias);
		return;
	}
	/* a location list */
	Dwarf_Addr base, start, end;
	ptrdiff_t off = 0;
	Dwarf_Word ver = 0;
	int count = 0;
	bool v5, based = false;
	Dwarf_Half version = 0;

	if (dwarf_cu_info(cu->cu, &version, NULL, NULL, NULL, NULL, NULL, NULL) == 0)
		ver = version;
	v5 = ver >= 5;
	for (ptrdiff_t o = 0; (o = dwarf_getlocations(&a, o, &base, &start, &end, &ops, &n)) > 0;)
		count++;
	put(d, "multi-location:\n");
	while ((off = dwarf_getlocations(&a, off, &base, &start, &end, &ops, &n)) > 0) {
		/* a DWARF 5 list that starts from a base address entry: gdb says it */
		if (v5 && count > 0 && !based && starts_with_base(&a, cu))
			put(d, "  Base address 0x%llx",
			    (unsigned long long)start); /* gdb's: unrelocated */
		based = true;
		put(d, "  Range 0x%llx-0x%llx: ", (unsigned long long)(start + bias),
		    (unsigned long long)(end + bias));
		if (n)
			describe_expr(d, &a, func, ops, n, bias);
		put(d, "\n");
	}
}

int cdbg_scope_each(cdbg_proc *p, uint64_t addr, cdbg_scope_fn fn, void *data)
{
	struct sym_state *s;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Die cub, *cu, *scopes = NULL;
	struct desc d = { 0 };
	int n, rc = 0, count = 0;

	if ((rc = cdbg__check_owner(p, "describe a scope")) < 0)
		return rc;
	if (!(s = sym_session(p, "describe a scope")))
		return cdbg__base(p)->errcode;
	if (!(mod = sym_addr_module(p, s, addr)) || !(cu = sym_addr_cu(mod, addr, &bias, &cub)) ||
	    (n = dwarf_getscopes(cu, addr - bias, &scopes)) <= 0)
		return cdbg__fail(p, CDBG_ENOSYM, "no function with debug information at 0x%llx",
				  (unsigned long long)addr);
	for (int i = 0; i < n && !rc; i++) {
		Dwarf_Die c, *func = NULL;
		int tag = dwarf_tag(&scopes[i]);
		for (int k = i; k < n; k++)
			if (dwarf_tag(&scopes[k]) == DW_TAG_subprogram) {
				func = &scopes[k];
				break;
			}
		if (dwarf_child(&scopes[i], &c) == 0) {
			do {
				int ct = dwarf_tag(&c);
				struct cdbg_scope_entry e = { 0 };
				Dwarf_Die t;
				if ((ct != DW_TAG_variable && ct != DW_TAG_formal_parameter) ||
				    !(e.name = vt_die_name(&c)))
					continue;
				d.len = 0;
				put(&d, "%s", "");
				describe(&d, &c, func, cu, bias, mod);
				if (d.oom) {
					rc = cdbg__fail(p, -ENOMEM,
							"describe a scope: out of memory");
					break;
				}
				e.where = d.buf;
				if (vt_type_of(&c, &t)) {
					e.size = vt_size(&t);
					e.has_size = 1;
				}
				rc = fn(data, &e);
				count++;
			} while (!rc && dwarf_siblingof(&c, &c) == 0);
		}
		if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine)
			break;
	}
	free(scopes);
	free(d.buf);
	return rc ? rc : count;
}
