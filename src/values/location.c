/*
 * values/location.c - DWARF location expressions (the operations libdw decodes for us)
 * evaluated against a frame: registers, the frame base (DW_AT_frame_base), the canonical
 * frame address from CFI, memory, constants and DW_OP_stack_value / implicit values.
 *
 * Also where a frame's CFI saves its caller's registers (cdbg_frame_saved_regs).
 *
 * Owns: loc_eval, loc_reg, cdbg_frame_saved_regs. Must not: decode DWARF bytes itself (dwarf_getlocation* does), or
 * touch registers other than those struct vframe holds (frame 0: the loop's cache).
 */
#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "values/vars.h"

#define LOC_STACK 64

bool loc_reg(cdbg_proc *p, struct vframe *f, unsigned regno, uint64_t *v)
{
	if (!f)
		return false;
	if (regno < 17 && (f->regmask >> regno) & 1) {
		*v = f->regs[regno];
		return true;
	}
	if (f->level != 0)
		return false;
	/* Innermost frame: any register the arch table numbers (xmm0-15 are 17-32). */
	for (size_t i = 0; f->t && i < arch_reg_count(); i++) {
		const struct arch_reg *r = arch_reg_at(i);
		long off;

		if (r->desc.dwarf != (int)regno || r->set == ARCH_SET_GPR)
			continue;
		off = arch_xstate_offset(r);
		if (off < 0 || r->desc.size < 8 || loop_xstate_fetch(p, f->t) < 0)
			return false;
		memcpy(v, f->t->xstate + off, 8);
		return true;
	}
	return false;
}

/* The canonical frame address of f, from .eh_frame or .debug_frame. */
static bool frame_cfa(cdbg_proc *p, struct vframe *f, uint64_t *cfa)
{
	Dwarf_Addr cbias;
	Dwarf_CFI *cfi;
	Dwarf_Frame *fr = NULL;
	Dwarf_Op *ops;
	size_t nops;
	struct loc l;

	if (f->have_cfa) {
		*cfa = f->cfa;
		return true;
	}
	if (!f->mod)
		return false;
	cfi = dwfl_module_eh_cfi(f->mod, &cbias);
	if (!cfi || dwarf_cfi_addrframe(cfi, f->lookup_pc - cbias, &fr) != 0) {
		cfi = dwfl_module_dwarf_cfi(f->mod, &cbias);
		if (!cfi || dwarf_cfi_addrframe(cfi, f->lookup_pc - cbias, &fr) != 0)
			return false;
	}
	if (dwarf_frame_cfa(fr, &ops, &nops) != 0 || !ops) {
		free(fr);
		return false;
	}
	/* A CFA rule is an address expression (DW_OP_bregN off): no frame base, no CFA. */
	loc_eval(p, f, cbias, NULL, NULL, ops, nops, &l);
	free(fr);
	if (l.kind != LOC_MEM)
		return false;
	f->cfa = *cfa = l.v;
	f->have_cfa = true;
	return true;
}

/* Go writes locations as DWARF 2 blocks (DW_FORM_block1) in DWARF 4 units, where libdw takes
 * only exprloc and refuses them: the operations Go writes there (a global's DW_OP_addr, a
 * local's DW_OP_fbreg or DW_OP_call_frame_cfa arithmetic, registers, pieces) are decoded
 * here, for loc_eval (see vars.h). */
static size_t uleb(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;
	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char b = *(*p)++;
		*v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			return 1;
	}
	return 0;
}

static size_t sleb(const unsigned char **p, const unsigned char *end, int64_t *v)
{
	unsigned shift = 0;
	uint64_t r = 0;
	unsigned char b = 0;
	while (*p < end && shift < 64) {
		b = *(*p)++;
		r |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80)) {
			if (shift < 64 && (b & 0x40))
				r |= ~0ull << shift;
			*v = (int64_t)r;
			return 1;
		}
	}
	return 0;
}

size_t loc_block_ops(Dwarf_Attribute *a, Dwarf_Op *ops, size_t max)
{
	Dwarf_Block b;
	unsigned form = dwarf_whatform(a);
	size_t n = 0;
	if ((form != DW_FORM_block1 && form != DW_FORM_block2 && form != DW_FORM_block4 &&
	     form != DW_FORM_block) ||
	    dwarf_formblock(a, &b) != 0)
		return 0;
	const unsigned char *p = b.data, *end = b.data + b.length;
	while (p < end && n < max) {
		Dwarf_Op *o = &ops[n];
		memset(o, 0, sizeof(*o));
		o->offset = (Dwarf_Word)(p - b.data);
		o->atom = *p++;
		int64_t sv;
		uint64_t uv;
		if (o->atom == DW_OP_addr) {
			if (end - p < 8)
				return 0;
			memcpy(&uv, p, 8);
			p += 8;
			o->number = uv;
		} else if (o->atom == DW_OP_fbreg || o->atom == DW_OP_consts ||
			   (o->atom >= DW_OP_breg0 && o->atom <= DW_OP_breg31)) {
			if (!sleb(&p, end, &sv))
				return 0;
			o->number = (Dwarf_Word)sv;
		} else if (o->atom == DW_OP_plus_uconst || o->atom == DW_OP_piece ||
			   o->atom == DW_OP_constu || o->atom == DW_OP_regx) {
			if (!uleb(&p, end, &uv))
				return 0;
			o->number = uv;
		} else if (!(o->atom == DW_OP_call_frame_cfa || o->atom == DW_OP_plus ||
			     o->atom == DW_OP_minus || o->atom == DW_OP_deref ||
			     o->atom == DW_OP_stack_value ||
			     (o->atom >= DW_OP_lit0 && o->atom <= DW_OP_lit31) ||
			     (o->atom >= DW_OP_reg0 && o->atom <= DW_OP_reg31))) {
			return 0;
		}
		n++;
	}
	return p == end ? n : 0;
}

/* The frame base of function func (DW_AT_frame_base) in f. */
static bool frame_base(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
		       uint64_t *out)
{
	Dwarf_Attribute a;
	Dwarf_Op *ops;
	size_t n;
	struct loc l;

	Dwarf_Op block[8];
	if (!func || !dwarf_attr_integrate(func, DW_AT_frame_base, &a))
		return false;
	if ((n = loc_block_ops(&a, block, 8)))
		ops = block;
	else if (dwarf_getlocation_addr(&a, f->lookup_pc - bias, &ops, &n, 1) != 1)
		return false;
	loc_eval(p, f, bias, NULL, &a, ops, n, &l);
	if (l.kind == LOC_MEM)
		*out = l.v;
	else if (l.kind != LOC_REG || !loc_reg(p, f, (unsigned)l.v, out))
		return false;
	return true;
}

static bool addrx(Dwarf_Attribute *attr, const Dwarf_Op *op, uint64_t *v)
{
	Dwarf_Attribute r;
	Dwarf_Addr a;

	if (!attr || dwarf_getlocation_attr(attr, op, &r) != 0 || dwarf_formaddr(&r, &a) != 0)
		return false;
	*v = a;
	return true;
}

/* Operations on the stack: false when one is not known or the stack is wrong. */
static bool arith(const Dwarf_Op *op, uint64_t *st, size_t *sp)
{
	uint64_t a, b;

	if (op->atom == DW_OP_neg || op->atom == DW_OP_not || op->atom == DW_OP_plus_uconst) {
		if (*sp < 1)
			return false;
		a = st[*sp - 1];
		st[*sp - 1] = op->atom == DW_OP_neg ? 0 - a :
			      op->atom == DW_OP_not ? ~a :
						      a + op->number;
		return true;
	}
	if (*sp < 2)
		return false;
	b = st[--*sp];
	a = st[*sp - 1];
	switch (op->atom) {
	case DW_OP_plus:
		a += b;
		break;
	case DW_OP_minus:
		a -= b;
		break;
	case DW_OP_mul:
		a *= b;
		break;
	case DW_OP_and:
		a &= b;
		break;
	case DW_OP_or:
		a |= b;
		break;
	case DW_OP_xor:
		a ^= b;
		break;
	case DW_OP_shl:
		a = b < 64 ? a << b : 0;
		break;
	case DW_OP_shr:
		a = b < 64 ? a >> b : 0;
		break;
	case DW_OP_shra:
		a = b < 64 ? (uint64_t)((int64_t)a >> b) : 0;
		break;
	case DW_OP_div:
		if (!b)
			return false;
		/* INT64_MIN / -1 traps on x86-64: its quotient wraps to INT64_MIN, as 0 - a does */
		a = (int64_t)b == -1 ? 0 - a : (uint64_t)((int64_t)a / (int64_t)b);
		break;
	case DW_OP_mod:
		if (!b)
			return false;
		a %= b;
		break;
	default:
		return false;
	}
	st[*sp - 1] = a;
	return true;
}

/* One operation; false when evaluation must stop (out says how). */
static bool step(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
		 Dwarf_Attribute *attr, const Dwarf_Op *op, uint64_t *st, size_t *sp,
		 struct loc *out)
{
	uint8_t at = op->atom;
	uint64_t v;

	if (*sp >= LOC_STACK - 1)
		return false;
	if (at >= DW_OP_lit0 && at <= DW_OP_lit31) {
		st[(*sp)++] = at - DW_OP_lit0;
		return true;
	}
	if (at >= DW_OP_breg0 && at <= DW_OP_breg31) {
		if (!loc_reg(p, f, at - DW_OP_breg0, &v))
			return false;
		st[(*sp)++] = v + op->number;
		return true;
	}
	if ((at >= DW_OP_reg0 && at <= DW_OP_reg31) || at == DW_OP_regx) {
		out->kind = LOC_REG;
		out->v = at == DW_OP_regx ? op->number : (uint64_t)(at - DW_OP_reg0);
		return false;
	}
	switch (at) {
	case DW_OP_addr:
		st[(*sp)++] = op->number + bias;
		return true;
	case DW_OP_addrx:
	case DW_OP_GNU_addr_index:
		if (!addrx(attr, op, &v))
			return false;
		st[(*sp)++] = v + bias;
		return true;
	case DW_OP_const1u:
	case DW_OP_const2u:
	case DW_OP_const4u:
	case DW_OP_const8u:
	case DW_OP_const1s:
	case DW_OP_const2s:
	case DW_OP_const4s:
	case DW_OP_const8s:
	case DW_OP_constu:
	case DW_OP_consts:
		st[(*sp)++] = op->number;
		return true;
	case DW_OP_bregx:
		if (!loc_reg(p, f, (unsigned)op->number, &v))
			return false;
		st[(*sp)++] = v + op->number2;
		return true;
	case DW_OP_fbreg:
		if (!f || !frame_base(p, f, bias, func, &v))
			return false;
		st[(*sp)++] = v + op->number;
		return true;
	case DW_OP_call_frame_cfa:
		if (!f || !frame_cfa(p, f, &v))
			return false;
		st[(*sp)++] = v;
		return true;
	case DW_OP_dup:
		if (!*sp)
			return false;
		st[*sp] = st[*sp - 1];
		(*sp)++;
		return true;
	case DW_OP_drop:
		return *sp ? ((*sp)--, true) : false;
	case DW_OP_deref:
	case DW_OP_deref_size: {
		unsigned n = at == DW_OP_deref ? 8 : (unsigned)op->number;
		v = 0;
		if (!*sp || n > 8 || mem_read_quiet(p, st[*sp - 1], &v, n) != (ssize_t)n)
			return false;
		st[*sp - 1] = v;
		return true;
	}
	case DW_OP_stack_value:
		if (!*sp)
			return false;
		out->kind = LOC_VALUE;
		out->v = st[*sp - 1];
		return false;
	case DW_OP_implicit_value:
		out->kind = LOC_BYTES;
		out->nbytes = (size_t)op->number;
		out->bytes = (const unsigned char *)(uintptr_t)op->number2;
		return false;
	case DW_OP_nop:
		return true;
	case DW_OP_form_tls_address:
	case DW_OP_GNU_push_tls_address: /* an offset in the module's TLS block: its address */
		if (!*sp || !vars_tls_address(p, f, attr, st[*sp - 1], &v))
			return false;
		st[*sp - 1] = v;
		return true;
	default:
		return arith(op, st, sp);
	}
}

/* One expression without pieces. */
static void eval_one(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
		     Dwarf_Attribute *attr, const Dwarf_Op *ops, size_t n, struct loc *out)
{
	uint64_t st[LOC_STACK];
	size_t sp = 0, i;

	memset(out, 0, sizeof(*out));
	out->kind = LOC_OPT;
	for (i = 0; i < n; i++)
		if (!step(p, f, bias, func, attr, &ops[i], st, &sp, out))
			return; /* a register or a value ends it; else it could not go on */
	if (sp) {
		out->kind = LOC_MEM;
		out->v = st[sp - 1];
	}
}

/* Append piece seg of size bytes to out->buf at *filled: false when it has no value. */
static bool add_piece(cdbg_proc *p, struct vframe *f, const struct loc *seg, size_t size,
		      struct loc *out, size_t *filled)
{
	uint64_t v;

	switch (seg->kind) {
	case LOC_MEM:
		return mem_read_quiet(p, seg->v, out->buf + *filled, size) == (ssize_t)size &&
		       (*filled += size, true);
	case LOC_REG:
		if (!loc_reg(p, f, (unsigned)seg->v, &v))
			return false;
		memcpy(out->buf + *filled, &v, size);
		break;
	case LOC_VALUE:
		memcpy(out->buf + *filled, &seg->v, size);
		break;
	case LOC_BYTES:
		if (seg->nbytes < size)
			return false;
		memcpy(out->buf + *filled, seg->bytes, size);
		break;
	case LOC_OPT:
		return false;
	}
	*filled += size;
	return true;
}

void loc_eval(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
	      Dwarf_Attribute *attr, const Dwarf_Op *ops, size_t n, struct loc *out)
{
	size_t start = 0, filled = 0, i;
	struct loc seg;

	for (i = 0; i < n && ops[i].atom != DW_OP_piece; i++)
		;
	if (i + 1 >= n) {
		/* no piece, or one piece that is the whole object */
		eval_one(p, f, bias, func, attr, ops, i, out);
		return;
	}
	/* Pieces (an object split between registers and memory): assembled when every piece
	 * has a value and the whole fits out->buf. */
	memset(out, 0, sizeof(*out));
	out->kind = LOC_OPT;
	for (i = 0; i < n; i++) {
		if (ops[i].atom != DW_OP_piece)
			continue;
		if (i == start || ops[i].number > sizeof(out->buf) - filled)
			return;
		eval_one(p, f, bias, func, attr, ops + start, i - start, &seg);
		if (!add_piece(p, f, &seg, (size_t)ops[i].number, out, &filled))
			return;
		start = i + 1;
	}
	if (start != n)
		return; /* operations after the last piece */
	out->kind = LOC_BYTES;
	out->bytes = out->buf;
	out->nbytes = filled;
}

/* The CFI row of f's pc (.eh_frame, else .debug_frame): malloc'ed, NULL when none. */
static Dwarf_Frame *cfi_row(struct vframe *f, Dwarf_Addr *cbias)
{
	Dwarf_CFI *cfi;
	Dwarf_Frame *fr = NULL;

	if (!f->mod)
		return NULL;
	cfi = dwfl_module_eh_cfi(f->mod, cbias);
	if (cfi && dwarf_cfi_addrframe(cfi, f->lookup_pc - *cbias, &fr) == 0)
		return fr;
	cfi = dwfl_module_dwarf_cfi(f->mod, cbias);
	if (cfi && dwarf_cfi_addrframe(cfi, f->lookup_pc - *cbias, &fr) == 0)
		return fr;
	return NULL;
}

int cdbg_frame_saved_regs(cdbg_proc *p, pid_t tid, int frame, struct cdbg_saved_reg *out,
			  size_t max)
{
	struct vframe f;
	Dwarf_Frame *fr;
	Dwarf_Addr cbias = 0;
	size_t n = 0;
	int r;

	if ((r = vframe_open(p, tid, frame, &f)) < 0)
		return r;
	if (!(fr = cfi_row(&f, &cbias))) {
		vframe_close(&f);
		return 0;
	}
	for (size_t i = 0; i < arch_reg_count(); i++) {
		const struct arch_reg *a = arch_reg_at(i);
		Dwarf_Op mem[3], *ops = NULL;
		size_t nops = 0;
		struct loc l;

		if (a->set != ARCH_SET_GPR || a->desc.size != 8 || a->desc.dwarf < 0 ||
		    a->desc.dwarf > 16 || !strcmp(a->desc.name, arch_reg_role_name(ARCH_ROLE_SP)))
			continue;
		if (dwarf_frame_register(fr, a->desc.dwarf, mem, &ops, &nops) != 0 || !ops || !nops)
			continue; /* undefined, or the same value: not in memory */
		loc_eval(p, &f, cbias, NULL, NULL, ops, nops, &l);
		if (l.kind != LOC_MEM)
			continue; /* a value the rule computes */
		if (n < max)
			out[n] = (struct cdbg_saved_reg){ .name = a->desc.name, .addr = l.v };
		n++;
	}
	free(fr);
	vframe_close(&f);
	cdbg__clear_error(p);
	return (int)n;
}
