/*
 * format.c - values as text, in gdb's shapes (see format.h): integers in every print/x
 * format, char and string literals with gdb's escapes and <repeats N times>, flag registers,
 * x87 and vector registers.
 *
 * Owns: the exact characters of a value. Must not: evaluate expressions or keep state; the
 * only tracee access is reading the bytes of a string being shown.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

bool fmt_is_letter(char fmt)
{
	return fmt && strchr("xduotcazfsi", fmt);
}

static uint64_t trunc_bits(uint64_t bits, unsigned size)
{
	return size >= 8 ? bits : bits & ((1ull << (8 * size)) - 1);
}

static int64_t sext(uint64_t bits, unsigned size)
{
	unsigned sh = size >= 8 ? 0 : 64 - 8 * size;

	return (int64_t)(bits << sh) >> sh;
}

/* " <main+4>" after an address, when a symbol covers it. */
static void put_sym(struct cli *c, FILE *f, uint64_t addr)
{
	char buf[256];
	const char *s = cli_symbolize(c, addr, buf, sizeof(buf));

	if (s)
		fprintf(f, " <%s>", s);
}

static void put_binary(FILE *f, uint64_t v, unsigned size, bool pad)
{
	int top = 8 * (int)size - 1;

	if (!pad)
		while (top > 0 && !((v >> top) & 1))
			top--;
	for (int i = top; i >= 0; i--)
		fputc((v >> i) & 1 ? '1' : '0', f);
}

/* /f: the bits as a float or double of the same size (as gdb 13 does), else an integer. */
static void put_float(FILE *f, uint64_t bits, unsigned size, bool is_signed)
{
	if (size == 4) {
		uint32_t u = (uint32_t)bits;
		float x;
		memcpy(&x, &u, sizeof(x));
		if (isnan(x))
			fprintf(f, "%snan(0x%" PRIx32 ")", u >> 31 ? "-" : "", u & 0x7fffff);
		else
			fprintf(f, "%.9g", (double)x);
	} else if (size == 8) {
		double x;
		memcpy(&x, &bits, sizeof(x));
		if (isnan(x))
			fprintf(f, "%snan(0x%" PRIx64 ")", bits >> 63 ? "-" : "",
				bits & (uint64_t)0xfffffffffffffull);
		else
			fprintf(f, "%.17g", x);
	} else if (is_signed) {
		fprintf(f, "%" PRId64, sext(bits, size));
	} else {
		fprintf(f, "%" PRIu64, trunc_bits(bits, size));
	}
}

void fmt_int(struct cli *c, FILE *f, uint64_t bits, unsigned size, bool is_signed, char fmt,
	     bool pad)
{
	uint64_t u = trunc_bits(bits, size);

	switch (fmt) {
	case 'x':
	case 'z':
		if (pad || fmt == 'z')
			fprintf(f, "0x%0*" PRIx64, (int)size * 2, u);
		else
			fprintf(f, "0x%" PRIx64, u);
		return;
	case 'o':
		fprintf(f, u ? "0%" PRIo64 : "%" PRIo64, u);
		return;
	case 't':
		put_binary(f, u, size, pad);
		return;
	case 'd':
		fprintf(f, "%" PRId64, sext(bits, size));
		return;
	case 'u':
		fprintf(f, "%" PRIu64, u);
		return;
	case 'c':
		/* A char keeps its own signedness; anything wider is cast to char. */
		fmt_char(f, bits & 0xff, size == 1 ? is_signed : true);
		return;
	case 'a':
		fprintf(f, "0x%" PRIx64, bits);
		put_sym(c, f, bits);
		return;
	case 'f':
		put_float(f, bits, size, is_signed);
		return;
	default:
		if (is_signed)
			fprintf(f, "%" PRId64, sext(bits, size));
		else
			fprintf(f, "%" PRIu64, u);
	}
}

void fmt_char(FILE *f, uint64_t bits, bool is_signed)
{
	unsigned char ch = (unsigned char)bits;
	char lit[8];

	if (cdbg_format_chars(&ch, 1, CDBG_CHARS_CHAR, lit, sizeof(lit)) < 0)
		lit[0] = '\0';
	fprintf(f, "%d %s", is_signed ? (int)(signed char)ch : (int)ch, lit);
}

/* The characters of s[0..len) in gdb's segments (cdbg_format_chars). */
static void put_segments(FILE *f, const unsigned char *s, size_t len)
{
	char small[1024], *buf = small;
	int n = cdbg_format_chars(s, len, 0, small, sizeof(small));

	if (n >= (int)sizeof(small) && (buf = malloc((size_t)n + 1)))
		n = cdbg_format_chars(s, len, 0, buf, (size_t)n + 1);
	if (n >= 0 && buf)
		fputs(buf, f);
	if (buf != small)
		free(buf);
}

int fmt_string(struct cli *c, FILE *f, uint64_t addr, uint64_t *next)
{
	unsigned char buf[FMT_PRINT_MAX];
	ssize_t n = c->live ? cdbg_mem_read(c->p, addr, buf, sizeof(buf)) : -1;
	unsigned char *nul;
	size_t len;

	if (next)
		*next = addr;
	if (n <= 0) {
		fprintf(f, "<error: Cannot access memory at address 0x%" PRIx64 ">", addr);
		return -1;
	}
	nul = memchr(buf, 0, (size_t)n);
	len = nul ? (size_t)(nul - buf) : (size_t)n;
	put_segments(f, buf, len);
	if (!nul && (size_t)n == sizeof(buf))
		fputs("...", f);
	else if (!nul)
		fprintf(f, "<error: Cannot access memory at address 0x%" PRIx64 ">",
			addr + (uint64_t)n);
	if (next)
		*next = addr + len + (nul ? 1 : 0);
	return 0;
}

static void put_flags(FILE *f, uint64_t v, const char *const *names, unsigned n)
{
	fputc('[', f);
	for (unsigned i = 0; i < n; i++)
		if (names[i] && (v >> i) & 1)
			fprintf(f, " %s", names[i]);
	fputs(" ]", f);
}

void fmt_eflags(FILE *f, uint64_t v)
{
	static const char *const names[] = {
		"CF", NULL, "PF", NULL, "AF", NULL, "ZF", "SF", "TF", "IF", "DF", "OF", NULL,
		NULL, "NT", NULL, "RF", "VM", "AC", "VIF", "VIP", "ID",
	};
	put_flags(f, v, names, sizeof(names) / sizeof(names[0]));
}

void fmt_mxcsr(FILE *f, uint64_t v)
{
	static const char *const names[] = {
		"IE", "DE", "ZE", "OE", "UE", "PE", "DAZ", "IM", "DM", "ZM", "OM", "UM", "PM",
		NULL, NULL, "FZ",
	};
	put_flags(f, v, names, sizeof(names) / sizeof(names[0]));
}

/* A pointer: "(int *) 0x404020 <glob>"; char * as "0x404030 <gstr> \"hello\"". */
static void put_pointer(struct cli *c, FILE *f, const struct cdbg_value *v)
{
	size_t tl = strlen(v->type);
	bool is_str = v->ptr_depth == 1 && v->pointee_size == 1 && tl >= 6 &&
		      !strcmp(v->type + tl - 6, "char *");

	if (!is_str || strcmp(v->type, "char *"))
		fprintf(f, "(%s) ", v->type[0] ? v->type : "void *");
	fprintf(f, "0x%" PRIx64, v->bits);
	put_sym(c, f, v->bits);
	if (is_str && v->bits) {
		fputc(' ', f);
		fmt_string(c, f, v->bits, NULL);
	}
}

/* A bare register, shaped as gdb's register types show it. */
static bool put_register(struct cli *c, FILE *f, const struct cdbg_value *v)
{
	if (!strcmp(v->reg, "rip")) {
		fprintf(f, "(void (*)()) 0x%" PRIx64, v->bits);
		put_sym(c, f, v->bits);
	} else if (!strcmp(v->reg, "rsp") || !strcmp(v->reg, "rbp")) {
		fprintf(f, "(void *) 0x%" PRIx64, v->bits);
		put_sym(c, f, v->bits);
	} else if (!strcmp(v->reg, "eflags")) {
		fmt_eflags(f, v->bits);
	} else if (!strcmp(v->reg, "mxcsr")) {
		fmt_mxcsr(f, v->bits);
	} else {
		return false;
	}
	return true;
}

char *fmt_typed(struct cli *c, const struct cdbg_value *v, char fmt, unsigned flags)
{
	int n = cdbg_value_format(c->p, v, fmt == 's' ? 0 : fmt, flags, NULL, 0);
	char *buf;

	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return NULL;
	if (cdbg_value_format(c->p, v, fmt == 's' ? 0 : fmt, flags, buf, (size_t)n + 1) < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void fmt_value(struct cli *c, FILE *f, const struct cdbg_value *v, char fmt)
{
	unsigned size = v->is_pointer ? 8 : v->size;

	if (v->is_float && !v->dtype) { /* gdb 13: /x and the like show the raw bits */
		fmt_int(c, f, v->bits, size, true, fmt && fmt != 's' ? fmt : 'f', false);
		return;
	}
	if (v->dtype) {
		char *s = fmt_typed(c, v, fmt, CDBG_FMT_TOP);

		if (s) {
			fputs(s, f);
			free(s);
		} else {
			fprintf(f, "<error: %s>", cdbg_errmsg(c->p));
		}
		return;
	}

	if (!size) {
		fputs("void", f);
		return;
	}
	if (fmt && fmt != 's') {
		fmt_int(c, f, v->bits, size, v->is_signed && !v->is_pointer, fmt, fmt == 'z');
		return;
	}
	if (v->reg[0] && put_register(c, f, v))
		return;
	if (v->is_pointer)
		put_pointer(c, f, v);
	else if (!strcmp(v->type, "_Bool") && v->bits <= 1)
		fputs(v->bits ? "true" : "false", f);
	else if (v->is_char && !v->reg[0])
		fmt_char(f, v->bits, v->is_signed);
	else
		fmt_int(c, f, v->bits, size, v->is_signed, 0, false);
}

/* ---- printf */

/* One piece of a printf format at *p: a literal character (returns 0, *lit set), a
 * conversion (returns 1 with its spec: "%-5" without length, the length and the letter), or
 * -1 with gdb's message in err. */
struct conv_spec {
	char spec[32]; /* "%" + flags, width, precision */
	char len;      /* 0, 'l' (l, ll, z: 64 bits), 'L' or 'h' */
	char conv;     /* d i o u x X c s p e E f g G a A */
};

static int next_piece(const char **pp, char *lit, struct conv_spec *cs, char *err, size_t errlen)
{
	const char *p = *pp, *start = p;

	if (*p != '%' || p[1] == '%') {
		*lit = *p;
		*pp = p + (*p == '%' ? 2 : 1);
		return 0;
	}
	p++;
	p += strspn(p, "-+ #0'");
	p += strspn(p, "0123456789");
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	if (*p == '*') {
		snprintf(err, errlen, "`*' not supported for precision or width in printf");
		return -1;
	}
	snprintf(cs->spec, sizeof(cs->spec), "%.*s", (int)(p - start), start);
	cs->len = 0;
	if (p[0] == 'l' && p[1] == 'l')
		cs->len = 'l', p += 2;
	else if (*p == 'l' || *p == 'z')
		cs->len = 'l', p++;
	else if (*p == 'L' || *p == 'h')
		cs->len = *p++;
	if (*p == 'n') {
		snprintf(err, errlen, "Format specifier `n' not supported in printf");
		return -1;
	}
	if (!*p || !strchr("diouxXcspeEfgGaA", *p)) {
		snprintf(err, errlen, "Unrecognized format specifier '%c' in printf", *p);
		return -1;
	}
	cs->conv = *p;
	*pp = p + 1;
	return 1;
}

int fmt_printf_parse(const char *fmt, char *convs, int max, char *err, size_t errlen)
{
	struct conv_spec cs;
	int n = 0, r;
	char lit;

	while (*fmt) {
		if ((r = next_piece(&fmt, &lit, &cs, err, errlen)) < 0)
			return -1;
		if (r && n < max)
			convs[n] = cs.conv;
		n += r;
	}
	return n;
}

static void put_conv(FILE *out, const struct conv_spec *cs, const struct fmt_arg *a)
{
	char hf[48];
	bool wide = cs->len == 'l' || cs->len == 'L';
	uint64_t u = wide ? a->bits : cs->len == 'h' ? (uint16_t)a->bits : (uint32_t)a->bits;
	int64_t d = wide ? (int64_t)a->bits : cs->len == 'h' ? (int16_t)a->bits : (int32_t)a->bits;

	switch (cs->conv) {
	case 'd':
	case 'i':
		snprintf(hf, sizeof(hf), "%sll%c", cs->spec, cs->conv);
		fprintf(out, hf, (long long)d);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		snprintf(hf, sizeof(hf), "%sll%c", cs->spec, cs->conv);
		fprintf(out, hf, (unsigned long long)u);
		break;
	case 'c':
		snprintf(hf, sizeof(hf), "%sc", cs->spec);
		fprintf(out, hf, (int)(unsigned char)a->bits);
		break;
	case 'p':
		snprintf(hf, sizeof(hf), a->bits ? "%s#llx" : "%ss", cs->spec);
		if (a->bits)
			fprintf(out, hf, (unsigned long long)a->bits);
		else
			fprintf(out, hf, "(nil)");
		break;
	case 's':
		snprintf(hf, sizeof(hf), "%ss", cs->spec);
		fprintf(out, hf, a->str ? a->str : "(null)");
		break;
	default: /* e f g E G a A: the integer as a double */
		snprintf(hf, sizeof(hf), "%s%c", cs->spec, cs->conv);
		fprintf(out, hf, a->is_signed ? (double)(int64_t)a->bits : (double)a->bits);
	}
}

void fmt_printf(FILE *out, const char *fmt, const struct fmt_arg *args)
{
	struct conv_spec cs;
	char lit, err[8];
	int r;

	while (*fmt && (r = next_piece(&fmt, &lit, &cs, err, sizeof(err))) >= 0) {
		if (r)
			put_conv(out, &cs, args++);
		else
			fputc(lit, out);
	}
}

/* ---- registers */

/* One lane of w bytes at b, in hex without leading zeros. */
static void put_lane(FILE *f, const unsigned char *b, unsigned w)
{
	uint64_t lo = 0, hi = 0;

	memcpy(&lo, b, w < 8 ? w : 8);
	if (w > 8)
		memcpy(&hi, b + 8, w - 8);
	if (hi)
		fprintf(f, "0x%" PRIx64 "%016" PRIx64, hi, lo);
	else
		fprintf(f, "0x%" PRIx64, lo);
}

/* "{0x0, 0xff, 0x0 <repeats 14 times>}": n lanes of w bytes. */
static void put_lanes(FILE *f, const unsigned char *b, unsigned n, unsigned w)
{
	unsigned i = 0, run;

	fputc('{', f);
	while (i < n) {
		for (run = 1; i + run < n && !memcmp(b + (i + run) * w, b + i * w, w); run++)
			;
		if (i)
			fputs(", ", f);
		put_lane(f, b + i * w, w);
		if (run > FMT_REPEATS) {
			fprintf(f, " <repeats %u times>", run);
			i += run;
		} else {
			i++;
		}
	}
	fputc('}', f);
}

void fmt_vector(FILE *f, const unsigned char *b, unsigned size)
{
	static const struct {
		const char *name;
		unsigned w;
	} lanes[] = { { "bfloat16", 2 }, { "half", 2 }, { "float", 4 }, { "double", 8 },
		      { "int8", 1 },     { "int16", 2 }, { "int32", 4 }, { "int64", 8 } };

	fputc('{', f);
	for (size_t i = 0; i < sizeof(lanes) / sizeof(lanes[0]); i++) {
		fprintf(f, "v%u_%s = ", size / lanes[i].w, lanes[i].name);
		put_lanes(f, b, size / lanes[i].w, lanes[i].w);
		fputs(", ", f);
	}
	if (size == 16) {
		fputs("uint128 = ", f);
		put_lane(f, b, 16);
	} else {
		fprintf(f, "v%u_int128 = ", size / 16);
		put_lanes(f, b, size / 16, 16);
	}
	fputc('}', f);
}

enum lane_kind { L_BF16, L_HALF, L_FLT, L_INT };

/* One lane's value: floats with the digits their type holds (%g as gdb), integers signed. */
static void put_lane_value(FILE *f, const unsigned char *b, unsigned w, enum lane_kind k)
{
	uint64_t u = 0;
	uint32_t x;
	float fl;

	memcpy(&u, b, w < 8 ? w : 8);
	switch (k) {
	case L_FLT:
		put_float(f, u, w, true);
		return;
	case L_BF16:
		x = (uint32_t)u << 16;
		memcpy(&fl, &x, sizeof(fl));
		fprintf(f, "%.4g", (double)fl);
		return;
	case L_HALF: {
		int e = (int)(u >> 10 & 0x1f);
		double m = (double)(u & 0x3ff), d;

		if (e == 31 && m != 0) {
			fprintf(f, "%snan(0x%" PRIx64 ")", u >> 15 ? "-" : "", u & 0x3ff);
			return;
		}
		d = e == 31 ? HUGE_VAL : e ? ldexp(1024 + m, e - 25) : ldexp(m, -24);
		fprintf(f, "%.5g", u >> 15 ? -d : d);
		return;
	}
	default:
		if (w == 16) {
			unsigned __int128 v;
			char dig[48];
			int n = 0;

			memcpy(&v, b, 16);
			do {
				dig[n++] = (char)('0' + (int)(v % 10));
				v /= 10;
			} while (v);
			while (n)
				fputc(dig[--n], f);
			return;
		}
		fprintf(f, "%" PRId64, sext(u, w));
	}
}

int fmt_vector_values(FILE *f, const unsigned char *b, unsigned size, const char *field,
		      int idx)
{
	static const struct {
		const char *name;
		unsigned w;
		enum lane_kind k;
	} views[] = { { "bfloat16", 2, L_BF16 }, { "half", 2, L_HALF }, { "float", 4, L_FLT },
		      { "double", 8, L_FLT },    { "int8", 1, L_INT },   { "int16", 2, L_INT },
		      { "int32", 4, L_INT },     { "int64", 8, L_INT },  { "int128", 16, L_INT } };
	size_t nv = sizeof(views) / sizeof(views[0]);
	char name[32];
	bool any = false;

	for (size_t i = 0; i < nv; i++) {
		unsigned n = size / views[i].w, at = 0, run;

		if (n == 1)
			snprintf(name, sizeof(name), "uint128");
		else
			snprintf(name, sizeof(name), "v%u_%s", n, views[i].name);
		if (field && strcmp(field, name))
			continue;
		if (field && (idx >= (int)n || (n == 1 && idx >= 0)))
			return -1;
		if (field && idx >= 0) {
			put_lane_value(f, b + (unsigned)idx * views[i].w, views[i].w, views[i].k);
			return 0;
		}
		fputs(field ? "" : any ? ", " : "{", f);
		if (!field)
			fprintf(f, "%s = ", name);
		any = true;
		if (n == 1) {
			put_lane_value(f, b, 16, L_INT);
			continue;
		}
		fputc('{', f);
		while (at < n) {
			const unsigned char *l = b + at * views[i].w;
			for (run = 1; at + run < n && !memcmp(l + run * views[i].w, l, views[i].w);
			     run++)
				;
			if (at)
				fputs(", ", f);
			put_lane_value(f, l, views[i].w, views[i].k);
			if (run > FMT_REPEATS) {
				fprintf(f, " <repeats %u times>", run);
				at += run;
			} else {
				at++;
			}
		}
		fputc('}', f);
	}
	if (!any)
		return -1;
	if (!field)
		fputc('}', f);
	return 0;
}

void fmt_insn(struct cli *c, FILE *f, const struct cdbg_insn *in)
{
	char small[512], *buf = small;
	int n;

	if (!c->live) {
		fputs(in->text, f);
		return;
	}
	n = cdbg_insn_format(c->p, in, small, sizeof(small));
	if (n >= (int)sizeof(small) && (buf = malloc((size_t)n + 1)))
		n = cdbg_insn_format(c->p, in, buf, (size_t)n + 1);
	fputs(n >= 0 && buf ? buf : in->text, f);
	if (buf != small)
		free(buf);
}

void fmt_x87(FILE *f, const unsigned char *b)
{
	unsigned char tmp[sizeof(long double)] = { 0 };
	long double x;

	memcpy(tmp, b, 10);
	memcpy(&x, tmp, sizeof(x));
	if (isnan(x)) {
		uint64_t m;
		memcpy(&m, b, sizeof(m));
		fprintf(f, "%snan(0x%" PRIx64 ")", b[9] & 0x80 ? "-" : "", m);
	} else {
		fprintf(f, "%.21Lg", x);
	}
}
