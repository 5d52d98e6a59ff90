/*
 * present/rawtext.c - raw bits as gdb 13 shows them: integers in print's formats (/x /z /o /t
 * /d /u /c /f /a) by the one formatter of them (cdbg__text_int, valfmt.c's too), floats, flags
 * registers ("[ PF ZF IF ]"), x87 registers and the lanes of vector registers ({v4_float =
 * {...}, ..., uint128 = 0x0}); offered as cdbg_format_int, cdbg_format_flags, cdbg_format_x87
 * and cdbg_format_vector.
 *
 * Owns: the exact characters of an integer, and of a value that has no program type. Must not:
 * read the tracee or look up symbols (the symbol after /a is cdbg__text_sym's).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "cdbg.h"
#include "present/present.h"

static uint64_t trunc_bits(uint64_t bits, unsigned size)
{
	return size >= 8 ? bits : bits & ((1ull << (8 * size)) - 1);
}

static int64_t sext(uint64_t bits, unsigned size)
{
	unsigned sh = size >= 8 || !size ? 0 : 64 - 8 * size;

	return (int64_t)(bits << sh) >> sh;
}

/* /t: binary digits; sep (gdb's print nibbles: ' ', Rust's '_', C++'s '\'') groups them by
 * four, the top group padded with zeros (0x30 is 0011 0000, 1 is 0001; 0 stays 0). */
static void put_binary(struct cdbg__text *f, uint64_t v, unsigned size, bool pad, char sep)
{
	int top = 8 * (int)size - 1;

	if (!pad)
		while (top > 0 && !((v >> top) & 1))
			top--;
	if (sep && v)
		top |= 3;
	for (int i = top; i >= 0; i--) {
		cdbg__text_printf(f, "%c", (v >> i) & 1 ? '1' : '0');
		if (sep && i && i % 4 == 0)
			cdbg__text_printf(f, "%c", sep);
	}
}

/* /f: the bits as a float or double of the same size (as gdb 13 does), else an integer. */
static void put_float(struct cdbg__text *f, uint64_t bits, unsigned size, bool is_signed)
{
	if (size == 4) {
		uint32_t u = (uint32_t)bits;
		float x;
		memcpy(&x, &u, sizeof(x));
		if (isnan(x))
			cdbg__text_printf(f, "%snan(0x%" PRIx32 ")", u >> 31 ? "-" : "",
					  u & 0x7fffff);
		else
			cdbg__text_printf(f, "%.9g", (double)x);
	} else if (size == 8) {
		double x;
		memcpy(&x, &bits, sizeof(x));
		if (isnan(x))
			cdbg__text_printf(f, "%snan(0x%" PRIx64 ")", bits >> 63 ? "-" : "",
					  bits & (uint64_t)0xfffffffffffffull);
		else
			cdbg__text_printf(f, "%.17g", x);
	} else if (is_signed) {
		cdbg__text_printf(f, "%" PRId64, sext(bits, size));
	} else {
		cdbg__text_printf(f, "%" PRIu64, trunc_bits(bits, size));
	}
}

static void put_flags(struct cdbg__text *f, uint64_t v, const char *const *names, unsigned n)
{
	cdbg__text_printf(f, "%c", '[');
	for (unsigned i = 0; i < n; i++)
		if (names[i] && (v >> i) & 1)
			cdbg__text_printf(f, " %s", names[i]);
	cdbg__text_puts(f, " ]");
}

static void eflags(struct cdbg__text *f, uint64_t v)
{
	static const char *const names[] = {
		"CF", NULL, "PF", NULL, "AF", NULL, "ZF", "SF", "TF",  "IF",  "DF",
		"OF", NULL, NULL, "NT", NULL, "RF", "VM", "AC", "VIF", "VIP", "ID",
	};
	put_flags(f, v, names, sizeof(names) / sizeof(names[0]));
}

static void mxcsr(struct cdbg__text *f, uint64_t v)
{
	static const char *const names[] = {
		"IE", "DE", "ZE", "OE", "UE", "PE", "DAZ", "IM",
		"DM", "ZM", "OM", "UM", "PM", NULL, NULL,  "FZ",
	};
	put_flags(f, v, names, sizeof(names) / sizeof(names[0]));
}

/* One lane of w bytes at b, in hex without leading zeros. */
static void put_lane(struct cdbg__text *f, const unsigned char *b, unsigned w)
{
	uint64_t lo = 0, hi = 0;

	memcpy(&lo, b, w < 8 ? w : 8);
	if (w > 8)
		memcpy(&hi, b + 8, w - 8);
	if (hi)
		cdbg__text_printf(f, "0x%" PRIx64 "%016" PRIx64, hi, lo);
	else
		cdbg__text_printf(f, "0x%" PRIx64, lo);
}

/* "{0x0, 0xff, 0x0 <repeats 14 times>}": n lanes of w bytes. */
static void put_lanes(struct cdbg__text *f, const unsigned char *b, unsigned n, unsigned w)
{
	unsigned i = 0, run;

	cdbg__text_printf(f, "%c", '{');
	while (i < n) {
		for (run = 1; i + run < n && !memcmp(b + (i + run) * w, b + i * w, w); run++)
			;
		if (i)
			cdbg__text_puts(f, ", ");
		put_lane(f, b + i * w, w);
		if (run > CDBG__REPEATS) {
			cdbg__text_printf(f, " <repeats %u times>", run);
			i += run;
		} else {
			i++;
		}
	}
	cdbg__text_printf(f, "%c", '}');
}

static void vector_raw(struct cdbg__text *f, const unsigned char *b, unsigned size)
{
	static const struct {
		const char *name;
		unsigned w;
	} lanes[] = { { "bfloat16", 2 }, { "half", 2 },  { "float", 4 }, { "double", 8 },
		      { "int8", 1 },     { "int16", 2 }, { "int32", 4 }, { "int64", 8 } };

	cdbg__text_printf(f, "%c", '{');
	for (size_t i = 0; i < sizeof(lanes) / sizeof(lanes[0]); i++) {
		cdbg__text_printf(f, "v%u_%s = ", size / lanes[i].w, lanes[i].name);
		put_lanes(f, b, size / lanes[i].w, lanes[i].w);
		cdbg__text_puts(f, ", ");
	}
	if (size == 16) {
		cdbg__text_puts(f, "uint128 = ");
		put_lane(f, b, 16);
	} else {
		cdbg__text_printf(f, "v%u_int128 = ", size / 16);
		put_lanes(f, b, size / 16, 16);
	}
	cdbg__text_printf(f, "%c", '}');
}

enum lane_kind { L_BF16, L_HALF, L_FLT, L_INT };

/* One lane's value: floats with the digits their type holds (%g as gdb), integers signed. */
static void put_lane_value(struct cdbg__text *f, const unsigned char *b, unsigned w,
			   enum lane_kind k)
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
		cdbg__text_printf(f, "%.4g", (double)fl);
		return;
	case L_HALF: {
		int e = (int)(u >> 10 & 0x1f);
		double m = (double)(u & 0x3ff), d;

		if (e == 31 && m != 0) {
			cdbg__text_printf(f, "%snan(0x%" PRIx64 ")", u >> 15 ? "-" : "", u & 0x3ff);
			return;
		}
		d = e == 31 ? HUGE_VAL : e ? ldexp(1024 + m, e - 25) : ldexp(m, -24);
		cdbg__text_printf(f, "%.5g", u >> 15 ? -d : d);
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
				cdbg__text_printf(f, "%c", dig[--n]);
			return;
		}
		cdbg__text_printf(f, "%" PRId64, sext(u, w));
	}
}

static int vector_values(struct cdbg__text *f, const unsigned char *b, unsigned size,
			 const char *field, int idx)
{
	static const struct {
		const char *name;
		unsigned w;
		enum lane_kind k;
	} views[] = { { "bfloat16", 2, L_BF16 }, { "half", 2, L_HALF }, { "float", 4, L_FLT },
		      { "double", 8, L_FLT },    { "int8", 1, L_INT },  { "int16", 2, L_INT },
		      { "int32", 4, L_INT },     { "int64", 8, L_INT }, { "int128", 16, L_INT } };
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
		cdbg__text_puts(f, field ? "" : any ? ", " : "{");
		if (!field)
			cdbg__text_printf(f, "%s = ", name);
		any = true;
		if (n == 1) {
			put_lane_value(f, b, 16, L_INT);
			continue;
		}
		cdbg__text_printf(f, "%c", '{');
		while (at < n) {
			const unsigned char *l = b + at * views[i].w;
			for (run = 1; at + run < n && !memcmp(l + run * views[i].w, l, views[i].w);
			     run++)
				;
			if (at)
				cdbg__text_puts(f, ", ");
			put_lane_value(f, l, views[i].w, views[i].k);
			if (run > CDBG__REPEATS) {
				cdbg__text_printf(f, " <repeats %u times>", run);
				at += run;
			} else {
				at++;
			}
		}
		cdbg__text_printf(f, "%c", '}');
	}
	if (!any)
		return -1;
	if (!field)
		cdbg__text_printf(f, "%c", '}');
	return 0;
}

static void x87(struct cdbg__text *f, const unsigned char *b)
{
	unsigned char tmp[sizeof(long double)] = { 0 };
	long double x;

	memcpy(tmp, b, 10);
	memcpy(&x, tmp, sizeof(x));
	if (isnan(x)) {
		uint64_t m;
		memcpy(&m, b, sizeof(m));
		cdbg__text_printf(f, "%snan(0x%" PRIx64 ")", b[9] & 0x80 ? "-" : "", m);
	} else {
		cdbg__text_printf(f, "%.21Lg", x);
	}
}

static int text_end(const struct cdbg__text *t)
{
	return t->len > INT_MAX ? -EOVERFLOW : (int)t->len;
}

static struct cdbg__text text_start(char *out, size_t max)
{
	if (max)
		out[0] = '\0';
	return (struct cdbg__text){ out, max, 0 };
}

/* The separator of /t's groups of four the flags ask for, 0 for none. */
static char nibble_sep(unsigned flags)
{
	if ((flags & CDBG_INT_NIBBLES) && (flags & CDBG_INT_NIBBLES_US))
		return '\'';
	return flags & CDBG_INT_NIBBLES_US ? '_' : flags & CDBG_INT_NIBBLES ? ' ' : 0;
}

void cdbg__text_int(struct cdbg__text *f, uint64_t bits, unsigned size, int fmt, unsigned flags)
{
	bool is_signed = flags & CDBG_INT_SIGNED, pad = flags & CDBG_INT_PAD;
	uint64_t u = trunc_bits(bits, size);

	if (fmt == 'f' && flags & CDBG__INT_F_DECIMAL)
		fmt = 0;
	switch (fmt) {
	case 'x':
	case 'z':
		if (pad || fmt == 'z')
			cdbg__text_printf(f, "0x%0*" PRIx64, (int)size * 2, u);
		else
			cdbg__text_printf(f, "0x%" PRIx64, u);
		break;
	case 'a':
		cdbg__text_printf(f, "0x%" PRIx64, u);
		break;
	case 'o':
		cdbg__text_printf(f, u ? "0%" PRIo64 : "%" PRIo64, u);
		break;
	case 't':
		put_binary(f, u, size > 8 ? 8 : size ? size : 1, pad, nibble_sep(flags));
		break;
	case 'd':
		cdbg__text_printf(f, "%" PRId64, sext(u, size));
		break;
	case 'u':
		cdbg__text_printf(f, "%" PRIu64, u);
		break;
	case 'c': {
		/* A char keeps its own signedness; anything wider is cast to char. */
		unsigned char ch = (unsigned char)bits;
		bool as_signed = is_signed || size != 1 || flags & CDBG__INT_C_SIGNED;

		cdbg__text_printf(f, "%d '", as_signed ? (int)(signed char)ch : (int)ch);
		cdbg__text_char(f, ch, '\'');
		cdbg__text_puts(f, "'");
		break;
	}
	case 'f':
		put_float(f, bits, size, is_signed);
		break;
	default:
		if (is_signed)
			cdbg__text_printf(f, "%" PRId64, sext(u, size));
		else
			cdbg__text_printf(f, "%" PRIu64, u);
	}
}

int cdbg_format_int(uint64_t bits, unsigned size, int fmt, unsigned flags, char *out, size_t max)
{
	struct cdbg__text t = text_start(out, max);

	if (flags & ~(CDBG_INT_SIGNED | CDBG_INT_PAD | CDBG_INT_NIBBLES | CDBG_INT_NIBBLES_US))
		return -EINVAL;
	cdbg__text_int(&t, bits, size, fmt, flags);
	return text_end(&t);
}

int cdbg_format_flags(uint64_t v, int reg, char *out, size_t max)
{
	struct cdbg__text t = text_start(out, max);

	if (reg == CDBG_FLAGS_EFLAGS)
		eflags(&t, v);
	else if (reg == CDBG_FLAGS_MXCSR)
		mxcsr(&t, v);
	else
		return -EINVAL;
	return text_end(&t);
}

int cdbg_format_x87(const void *bytes, char *out, size_t max)
{
	struct cdbg__text t = text_start(out, max);

	x87(&t, bytes);
	return text_end(&t);
}

int cdbg_format_vector(const void *bytes, unsigned size, const char *field, int idx, unsigned flags,
		       char *out, size_t max)
{
	struct cdbg__text t = text_start(out, max);

	if ((size != 16 && size != 32) || flags & ~CDBG_VEC_RAW)
		return -EINVAL;
	if (flags & CDBG_VEC_RAW) {
		if (field)
			return -EINVAL;
		vector_raw(&t, bytes, size);
	} else if (vector_values(&t, bytes, size, field, idx) < 0) {
		if (max)
			out[0] = '\0';
		return -EINVAL;
	}
	return text_end(&t);
}
