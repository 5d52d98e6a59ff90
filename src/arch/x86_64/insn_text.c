/*
 * arch/x86_64/insn_text.c - instructions as text for people, as gdb shows them (binutils'
 * AT&T spelling: "mov    %rax,%rsi", "call   0x401030", "lea    0x2eef(%rip),%rax        #
 * 0x404020"), with what a stepper needs to know: length, call, return, branch target.
 * Capstone decodes; the rest of this file rewrites its AT&T text the way binutils writes it.
 *
 * Owns: the text of an instruction, but for the symbol gdb names after its address (ops and
 * present add that: cdbg_insn_format). Must not: read the tracee or look up symbols.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "capstone.h"

#define CS_TEXT_MAX 200 /* Capstone's mnemonic (32) and operands (160) */

static csh att;
static bool att_ready;

/* The text being written into an instruction's text (cut if long, always NUL-terminated). */
struct out {
	char *buf;
	size_t max, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len + 1 >= o->max)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->max - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = o->len + (size_t)n < o->max ? o->len + (size_t)n : o->max - 1;
}

/* Capstone writes a size suffix on BMI/ABM instructions ("tzcntl", "sarxl") that binutils
 * leaves off: a register operand always gives their size. */
static void bmi_suffix(char *mnem)
{
	static const char *const bases[] = { "tzcnt",  "lzcnt", "popcnt", "andn", "bextr", "blsi",
					     "blsmsk", "blsr",  "bzhi",   "mulx", "pdep",  "pext",
					     "rorx",   "sarx",  "shlx",   "shrx", NULL };
	size_t n = strlen(mnem);

	if (n < 2 || !strchr("wlq", mnem[n - 1]))
		return;
	for (int i = 0; bases[i]; i++)
		if (strlen(bases[i]) == n - 1 && !strncmp(mnem, bases[i], n - 1)) {
			mnem[n - 1] = '\0';
			return;
		}
}

/* Width in bytes of register operand r ("%rax" 8, "%eax" 4, "%ax" 2, "%al" 1, "%r8d" 4),
 * 0 for other registers (xmm, segment...). */
static unsigned reg_width(const char *r, size_t n)
{
	if (n < 3 || r[0] != '%')
		return 0;
	if (r[1] == 'r' && isdigit((unsigned char)r[2]))
		return r[n - 1] == 'd' ? 4 : r[n - 1] == 'w' ? 2 : r[n - 1] == 'b' ? 1 : 8;
	if (n == 4 && (r[1] == 'r' || r[1] == 'e') && strchr("abcds", r[2]))
		return r[1] == 'r' ? 8 : 4;
	if (n == 4 && (r[1] == 'r' || r[1] == 'e') && r[2] == 'i' && r[3] == 'p')
		return r[1] == 'r' ? 8 : 4;
	if (n == 3 && strchr("sdb", r[1]) && strchr("ip", r[2]))
		return 2;
	if (n == 3 && strchr("abcd", r[1]))
		return r[2] == 'l' || r[2] == 'h' ? 1 : r[2] == 'x' ? 2 : 0;
	if (n == 4 && strchr("sdb", r[1]) && strchr("ip", r[2]) && r[3] == 'l')
		return 1;
	return 0;
}

/* The width of the first general register among the operands outside parentheses, 0 if
 * none. */
static unsigned first_reg_width(const char *ops)
{
	int depth = 0;

	for (const char *p = ops; *p; p++) {
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (*p == '%' && !depth) {
			size_t n = 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
			unsigned w = reg_width(p, n);
			if (w)
				return w;
		}
	}
	return 0;
}

/*
 * Capstone's AT&T mnemonic as binutils (gdb) writes it: the size suffix only where no register
 * operand tells the size ("movl %eax,%ebx" -> "mov", "movl $0x0,-0x4(%rbp)" stays), never on
 * call, ret, push, pop, jmp, leave. *width gets the operand size the suffix or a register
 * gives (for negative immediates), 8 if unknown.
 */
static void mnemonic(const char *m, size_t n, const char *ops, char *out, size_t outlen,
		     unsigned *width)
{
	static const char *const bases[] = {
		"mov", "add", "sub",   "cmp",    "and", "or",   "xor",     "test", "lea",  "inc",
		"dec", "neg", "not",   "adc",    "sbb", "xchg", "shl",     "shr",  "sar",  "sal",
		"rol", "ror", "imul",  "mul",    "div", "idiv", "cmpxchg", "xadd", "bt",   "bts",
		"btr", "btc", "bswap", "movabs", "bsr", "bsf",  "stos",    "lods", "scas", NULL
	};
	static const char *const always[] = { "call", "ret", "push", "pop", "jmp", "leave", NULL };
	char last = n > 1 ? m[n - 1] : 0;
	const char *sfx = last ? strchr("bwlq", last) : NULL;
	unsigned regw = first_reg_width(ops);
	bool strip = false;

	*width = regw ? regw : 8;
	if (sfx && n >= 6 && !strncmp(m, "cmov", 4)) { /* cmoveq -> cmove, not cmovl -> cmov */
		*width = last == 'w' ? 2 : last == 'l' ? 4 : 8;
		strip = regw;
	} else if (sfx) {
		for (int i = 0; always[i]; i++)
			if (strlen(always[i]) == n - 1 && !strncmp(m, always[i], n - 1))
				strip = last == 'q';
		for (int i = 0; bases[i]; i++)
			if (strlen(bases[i]) == n - 1 && !strncmp(m, bases[i], n - 1)) {
				*width = last == 'b' ? 1 : last == 'w' ? 2 : last == 'l' ? 4 : 8;
				strip = strip || regw;
			}
	}
	if (n == 4 && !strncmp(m, "movd", 4) && regw == 8)
		m = "movq"; /* Capstone says movd for the 64-bit form */
	snprintf(out, outlen, "%.*s", (int)(strip ? n - 1 : n), m);
}

/* Capstone's AT&T operands in binutils' spelling: no blank after commas, numbers outside
 * parentheses in hex ("$0" -> "$0x0", "-8(%rbp)" -> "-0x8(%rbp)"), negative immediates as
 * the operand size's two's complement ("$-0x1000" -> "$0xfffffffffffff000"); scales and
 * %st(1) stay. */
static void put_operands(struct out *f, const char *s, unsigned width)
{
	int depth = 0;
	char prev = ',';

	while (*s) {
		if (*s == ',' && s[1] == ' ') {
			put(f, ",");
			prev = ',';
			s += 2;
			continue;
		}
		if (*s == '$' && s[1] == '-' && isdigit((unsigned char)s[2])) {
			char *e;
			uint64_t v = -(uint64_t)strtoull(s + 2, &e, 0);
			put(f, "$0x%" PRIx64,
			    width >= 8 ? v : v & (((uint64_t)1 << (8 * width)) - 1));
			prev = e[-1];
			s = e;
			continue;
		}
		if (isdigit((unsigned char)*s) && !depth && strchr("$-,:", prev) &&
		    !(s[0] == '0' && s[1] == 'x')) {
			char *e;
			unsigned long long v = strtoull(s, &e, 10);
			put(f, "0x%llx", v);
			prev = e[-1];
			s = e;
			continue;
		}
		if (*s == '(' && strchr(",:", prev) &&
		    (!strncmp(s, "(%rbp", 5) || !strncmp(s, "(%r13", 5) || s[1] == ','))
			put(f, "0x0"); /* these bases, and no base, always carry a displacement */
		if (*s == ')' && depth == 1) {
			/* binutils writes the scale of an index: (%rax,%rbx,1) */
			const char *open = s;
			int commas = 0;
			while (open[-1] != '(')
				commas += *--open == ',';
			const char *idx = commas == 1 ? strchr(open, ',') + 1 : "";
			while (*idx == ' ')
				idx++;
			if (*idx == '%')
				put(f, ",1");
		}
		depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
		prev = *s;
		put(f, "%c", *s++);
	}
}

/* Multi-byte nops (0f 1f /0) and 66 90 as binutils writes them, from the bytes: Capstone
 * drops zero displacements and writes segment prefixes as operands. */
static bool put_nop(struct out *f, const struct cdbg_insn *in)
{
	static const char *const regs[] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi" };
	const unsigned char *b = in->bytes;
	unsigned n = in->size, i = 0, n66 = 0, at, mod, rm;
	char pfx[64] = "", *p = pfx;
	uint32_t disp = 0;

	if (n == 2 && b[0] == 0x66 && b[1] == 0x90) {
		put(f, "xchg   %%ax,%%ax");
		return true;
	}
	while (i < n && (b[i] == 0x66 || b[i] == 0x2e))
		n66 += b[i++] == 0x66;
	if (i + 3 > n || b[i] != 0x0f || b[i + 1] != 0x1f || i > 8)
		return false;
	for (unsigned k = 0, seen = 0; k < i; k++) {
		if (b[k] == 0x2e)
			p += sprintf(p, "cs ");
		else if (++seen < n66)
			p += sprintf(p, "data16 ");
	}
	mod = b[i + 2] >> 6;
	rm = b[i + 2] & 7;
	at = i + 3 + (rm == 4 && mod != 3);
	if (mod == 3 || (mod == 0 && rm == 5))
		return false;
	if (mod == 1 && at < n)
		disp = (uint32_t)(int32_t)(int8_t)b[at];
	else if (mod == 2 && at + 4 <= n)
		memcpy(&disp, b + at, 4);
	sprintf(p, "nop%c", n66 ? 'w' : 'l');
	put(f, "%-6s ", pfx);
	if (mod)
		put(f, "0x%" PRIx32, disp);
	if (rm == 4) {
		unsigned sib = b[i + 3];
		put(f, "(%%%s,%%%s,%u)", regs[sib & 7], regs[(sib >> 3) & 7], 1u << (sib >> 6));
	} else {
		put(f, "(%%%s)", regs[rm]);
	}
	return true;
}

static bool is_one_of(const char *m, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(m, list[i]))
			return true;
	return false;
}

/* Operands binutils spells differently from Capstone (ops as Capstone gives them, m the
 * mnemonic already fixed): x87 arithmetic with its implicit %st, string instructions with
 * their segments, shifts by one (opcode d0/d1) without the count. Returns ops or out. */
static const char *binutils_operands(const struct cdbg_insn *in, const char *m, const char *ops,
				     char *out, size_t len)
{
	static const char *const st_after[] = { "fadd",   "fsub",    "fsubr", "fmul",
						"fdiv",   "fdivr",   "fcomi", "fcomip",
						"fucomi", "fucomip", NULL };
	static const char *const st_before[] = { "faddp", "fsubp",  "fsubrp", "fmulp",
						 "fdivp", "fdivrp", NULL };
	static const char *const shifts[] = { "shl", "shr", "sar", "sal", "rol",
					      "ror", "rcl", "rcr", NULL };
	static const char *const strs[] = { "movs", "stos", "lods", "cmps", "scas", NULL };
	char base[16];
	unsigned i = 0;

	if (!strncmp(ops, "%st(", 4) && !strchr(ops, ',')) {
		if (is_one_of(m, st_after))
			snprintf(out, len, "%s, %%st", ops);
		else if (is_one_of(m, st_before))
			snprintf(out, len, "%%st, %s", ops);
		else
			return ops;
		return out;
	}
	snprintf(base, sizeof(base), "%.*s", (int)(strlen(m) > 1 ? strlen(m) - 1 : 0), m);
	if ((is_one_of(m, shifts) || is_one_of(base, shifts)) && !strncmp(ops, "$1, ", 4)) {
		while (i < in->size &&
		       (strchr("\x66\xf2\xf3\x2e\x3e\x26\x64\x65\x36", in->bytes[i]) ||
			(in->bytes[i] & 0xf0) == 0x40))
			i++;
		return i < in->size && (in->bytes[i] == 0xd0 || in->bytes[i] == 0xd1) ? ops + 4 :
											ops;
	}
	if ((is_one_of(base, strs) && strchr("bwlq", m[strlen(m) - 1])) || is_one_of(m, strs)) {
		const char *rsi = strstr(ops, "(%rsi)"), *rdi = strstr(ops, "(%rdi)");
		char *o = out;
		for (const char *p = ops; *p && o + 8 < out + len; p++) {
			if (p == rsi && (p == ops || p[-1] == ' '))
				o += sprintf(o, "%%ds:");
			if (p == rdi && (p == ops || p[-1] == ' '))
				o += sprintf(o, "%%es:");
			*o++ = *p;
		}
		*o = '\0';
		return out;
	}
	return ops;
}

/* Capstone's AT&T text t of instruction in, as binutils (gdb) writes it, into in->text; in->ref
 * gets the address gdb names a symbol after (a direct call or jump's target, the address of a
 * rip-relative operand in gdb's "# 0x..." comment), 0 if none. */
static void gdb_text(struct cdbg_insn *in, const char *t)
{
	static const char *const prefixes[] = { "rep ",  "repe ",    "repne ", "repz ", "repnz ",
						"lock ", "notrack ", "bnd ",   NULL };
	struct out o = { in->text, sizeof(in->text), 0 };
	struct out *f = &o;
	const char *ops, *rip;
	size_t plen = 0, mlen;
	char m[64], full[96], fixed[CS_TEXT_MAX + 32];
	unsigned width;

	in->text[0] = '\0';
	in->ref = 0;
	for (int i = 0; prefixes[i]; i++)
		if (!strncmp(t, prefixes[i], strlen(prefixes[i])))
			plen = strlen(prefixes[i]);
	mlen = strcspn(t + plen, " ");
	ops = t[plen + mlen] ? t + plen + mlen + 1 : "";
	if (!strncmp(t, "nop", 3) && put_nop(f, in))
		return;
	mnemonic(t + plen, mlen, ops, m, sizeof(m), &width);
	if (!*ops) {
		put(f, "%.*s%s", (int)plen, t, m);
		return;
	}
	snprintf(full, sizeof(full), "%.*s%s", (int)plen, t, m);
	put(f, "%-6s ", full);
	ops = binutils_operands(in, m, ops, fixed, sizeof(fixed));
	put_operands(f, ops, width);
	if (in->target && (in->is_call || in->is_jump)) {
		in->ref = in->target;
	} else if ((rip = strstr(ops, "(%rip)"))) {
		/* gdb's comment with the address a rip-relative operand names. */
		const char *d = rip;
		while (d > ops && (isxdigit((unsigned char)d[-1]) || d[-1] == 'x' || d[-1] == '-'))
			d--;
		int64_t disp = strtoll(d, NULL, 0);
		uint64_t a = in->addr + in->size + (uint64_t)disp;
		put(f, "        # 0x%" PRIx64, a);
		in->ref = a;
	}
}

int arch_disasm(uint64_t addr, const unsigned char *code, size_t len, struct cdbg_insn *out,
		size_t max)
{
	cs_insn *in = NULL;
	size_t n;

	if (!att_ready) {
		if (!arch_cs_load() || cs_api.open(CS_ARCH_X86, CS_MODE_64, &att) != CS_ERR_OK)
			return -1;
		cs_api.option(att, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
		cs_api.option(att, CS_OPT_DETAIL, CS_OPT_ON);
		att_ready = true;
	}
	n = cs_api.disasm(att, code, len, addr, max, &in);
	for (size_t i = 0; i < n; i++) {
		struct cdbg_insn *o = &out[i];
		const cs_insn *x = &in[i];
		memset(o, 0, sizeof(*o));
		o->addr = x->address;
		o->size = x->size;
		memcpy(o->bytes, x->bytes, x->size < sizeof(o->bytes) ? x->size : sizeof(o->bytes));
		char mnem[sizeof(x->mnemonic)], text[CS_TEXT_MAX];
		snprintf(mnem, sizeof(mnem), "%s", x->mnemonic);
		bmi_suffix(mnem);
		snprintf(text, sizeof(text), "%s%s%s", mnem, x->op_str[0] ? " " : "", x->op_str);
		for (unsigned g = 0; g < x->detail->groups_count; g++) {
			o->is_call |= x->detail->groups[g] == CS_GRP_CALL;
			o->is_ret |= x->detail->groups[g] == CS_GRP_RET;
			o->is_jump |= x->detail->groups[g] == CS_GRP_JUMP;
		}
		if ((o->is_call || o->is_jump) && x->detail->x86.op_count == 1 &&
		    x->detail->x86.operands[0].type == X86_OP_IMM)
			o->target = (uint64_t)x->detail->x86.operands[0].imm;
		gdb_text(o, text);
	}
	cs_api.free(in, n);
	return (int)n;
}
