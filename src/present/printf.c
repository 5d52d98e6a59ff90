/*
 * present/printf.c - gdb's printf command's text: its format string checked as gdb 13 checks it
 * ("Unrecognized format specifier 'y' in printf", "Inappropriate modifiers to format specifier
 * 'f' in printf", no `*' width, no %n) and written with C's conversions, each argument converted
 * as gdb converts it (cdbg_format_printf_check, cdbg_format_printf).
 *
 * Owns: printf's conversions, gdb's argument conversions (a 4- or 8-byte integer given to %f is
 * read as a float or a double of the same bytes; a float given to %d is truncated) and the text
 * of the decimal-float conversions %Hf %Df %DDf. Must not: evaluate the arguments or read the
 * tracee (the caller passes the values and the strings of %s).
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "present/present.h"

/* What a conversion takes, as gdb's format_pieces classes it. */
enum pf_class {
	PF_INT,    /* d i o u x X c: an int (h: passed to C's printf, which makes it a short) */
	PF_LONG,   /* l */
	PF_LLONG,  /* ll */
	PF_SIZE,   /* z */
	PF_WCHAR,  /* %lc */
	PF_PTR,    /* %p */
	PF_STR,    /* %s */
	PF_WSTR,   /* %ls */
	PF_DBL,    /* e f g E G */
	PF_LDBL,   /* L */
	PF_DEC32,  /* H */
	PF_DEC64,  /* D */
	PF_DEC128, /* DD */
};

/* One conversion: its spec ("%-5.2" : flags, width and precision), class and letter. */
struct conv_spec {
	char spec[32];
	bool h;            /* the 'h' length */
	enum pf_class cls; /* see enum pf_class */
	char conv;         /* d i o u x X c s p e E f g G */
};

/* One piece of a printf format at *pp: a literal character (returns 0, *lit set), a
 * conversion (returns 1, *cs filled), or -1 with gdb's message in err. */
static int next_piece(const char **pp, char *lit, struct conv_spec *cs, char *err, size_t errlen)
{
	const char *p = *pp, *start = p;
	bool hash = false, zero = false, space = false, plus = false, prec = false;
	bool h = false, big_l = false, big_h = false, big_d = false, dbl_d = false, z = false;
	bool bad = false;
	int lcount = 0;

	if (*p != '%' || p[1] == '%') {
		*lit = *p;
		*pp = p + (*p == '%' ? 2 : 1);
		return 0;
	}
	for (p++; *p && strchr("0-+ #", *p); p++) {
		hash |= *p == '#';
		zero |= *p == '0';
		space |= *p == ' ';
		plus |= *p == '+';
	}
	p += strspn(p, "0123456789");
	if (*p == '.') {
		prec = true;
		p += 1 + strspn(p + 1, "0123456789");
	}
	if ((size_t)(p - start) >= sizeof(cs->spec)) {
		snprintf(err, errlen, "printf conversion %.*s... is too long", 8, start);
		return -1;
	}
	snprintf(cs->spec, sizeof(cs->spec), "%.*s", (int)(p - start), start);
	switch (*p) {
	case 'h':
		h = true, p++;
		break;
	case 'l':
		lcount = p[1] == 'l' ? 2 : 1;
		p += lcount;
		break;
	case 'L':
		big_l = true, p++;
		break;
	case 'H':
		big_h = true, p++;
		break;
	case 'D':
		if (p[1] == 'D')
			dbl_d = true, p += 2;
		else
			big_d = true, p++;
		break;
	case 'z':
		z = true, p++;
		break;
	}
	cs->h = h;
	switch (*p) {
	case 'u':
		bad |= hash;
		/* fall through */
	case 'o':
	case 'x':
	case 'X':
		bad |= space || plus;
		/* fall through */
	case 'd':
	case 'i':
		cs->cls = z ? PF_SIZE : lcount == 0 ? PF_INT : lcount == 1 ? PF_LONG : PF_LLONG;
		bad |= big_l;
		break;
	case 'c':
		cs->cls = lcount ? PF_WCHAR : PF_INT;
		bad |= lcount > 1 || h || big_l || prec || zero || space || plus;
		break;
	case 'p':
		cs->cls = PF_PTR;
		bad |= lcount || h || big_l || prec || hash || zero || space || plus;
		break;
	case 's':
		cs->cls = lcount ? PF_WSTR : PF_STR;
		bad |= lcount > 1 || h || big_l || zero || space || plus;
		break;
	case 'e':
	case 'f':
	case 'g':
	case 'E':
	case 'G':
		cs->cls = dbl_d ? PF_DEC128 :
			  big_d ? PF_DEC64 :
			  big_h ? PF_DEC32 :
			  big_l ? PF_LDBL :
				  PF_DBL;
		bad |= lcount || h;
		break;
	case '*':
		snprintf(err, errlen, "`*' not supported for precision or width in printf");
		return -1;
	case 'n':
		snprintf(err, errlen, "Format specifier `n' not supported in printf");
		return -1;
	case '\0':
		snprintf(err, errlen, "Incomplete format specifier at end of format string");
		return -1;
	default:
		snprintf(err, errlen, "Unrecognized format specifier '%c' in printf", *p);
		return -1;
	}
	if (bad) {
		snprintf(err, errlen, "Inappropriate modifiers to format specifier '%c' in printf",
			 *p);
		return -1;
	}
	cs->conv = *p;
	*pp = p + 1;
	return 1;
}

int cdbg_format_printf_check(const char *fmt, char *convs, int max, char *err, size_t errlen)
{
	struct conv_spec cs;
	int n = 0, r;
	char lit;

	while (*fmt) {
		if ((r = next_piece(&fmt, &lit, &cs, err, errlen)) < 0)
			return -1;
		if (r && n < max)
			convs[n] = cs.cls == PF_WCHAR ? 'C' : cs.cls == PF_WSTR ? 'S' : cs.conv;
		n += r;
	}
	return n;
}

/* a as a long double, as gdb converts a printf argument for a floating conversion: a float
 * by its value, an integer of 4 or 8 bytes read as a float or double of the same bytes (gdb's
 * float_type_from_length), another integer by its value. */
static long double arg_float(const struct cdbg_printf_arg *a)
{
	uint32_t u32 = (uint32_t)a->bits;
	float f;
	double d;

	if (a->is_float && (a->size == 10 || a->size == 16))
		return a->ld;
	if (a->size == 4 || (a->is_float && a->size != 8)) {
		memcpy(&f, &u32, sizeof(f));
		return f;
	}
	if (a->size == 8) {
		memcpy(&d, &a->bits, sizeof(d));
		return d;
	}
	if (a->size == 10 || a->size == 16)
		return 0; /* an integer read as a long double: gdb's bytes are out of reach */
	return a->is_signed ? (long double)(int64_t)a->bits : (long double)a->bits;
}

/* a as an integer, as gdb's value_as_long: a float is truncated toward zero. */
static uint64_t arg_int(const struct cdbg_printf_arg *a)
{
	long double v;

	if (!a->is_float)
		return a->bits;
	v = arg_float(a);
	if (isnan(v))
		return 0;
	if (v >= 9223372036854775807.0L)
		return (uint64_t)INT64_MAX;
	if (v <= -9223372036854775808.0L)
		return (uint64_t)INT64_MIN;
	return (uint64_t)(int64_t)v;
}

/* ---- decimal floats: gdb converts the value to _Decimal32/64/128 and prints that */

/* The decimal text of sign, the coefficient's digits dig (no leading zeros) and exponent exp,
 * as decNumber's to-scientific-string writes it. */
static void dec_text(struct cdbg__text *out, bool neg, const char *dig, int exp)
{
	int nd = (int)strlen(dig), adj = exp + nd - 1;

	if (neg)
		cdbg__text_puts(out, "-");
	if (exp <= 0 && adj >= -6) {
		if (exp == 0) {
			cdbg__text_puts(out, dig);
		} else if (nd + exp > 0) {
			cdbg__text_printf(out, "%.*s.%s", nd + exp, dig, dig + nd + exp);
		} else {
			cdbg__text_puts(out, "0.");
			for (int i = 0; i < -(nd + exp); i++)
				cdbg__text_puts(out, "0");
			cdbg__text_puts(out, dig);
		}
		return;
	}
	cdbg__text_printf(out, "%c%s%sE%c%d", dig[0], nd > 1 ? "." : "", dig + 1,
			  adj < 0 ? '-' : '+', adj < 0 ? -adj : adj);
}

/* s (a number as %g or %d writes it) rounded half-even to prec digits, into out. */
static void dec_from_string(struct cdbg__text *out, const char *s, int prec)
{
	char dig[64] = "";
	int nd = 0, exp = 0;
	bool neg = *s == '-', point = false;

	s += neg || *s == '+';
	if (!strcmp(s, "inf") || !strcmp(s, "nan") || !strcmp(s, "-nan") ||
	    !strcmp(s, "Infinity") || !strcmp(s, "NaN")) {
		cdbg__text_printf(out, "%s%s", neg ? "-" : "",
				  (*s == 'i' || *s == 'I') ? "Infinity" : "NaN");
		return;
	}
	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (*s == '.') {
			point = true;
			continue;
		}
		if (nd || *s != '0') {
			if (nd < (int)sizeof(dig) - 2)
				dig[nd++] = *s;
			else if (!point)
				exp++;
		}
		if (point)
			exp--;
	}
	if (*s == 'e' || *s == 'E')
		exp += atoi(s + 1);
	if (!nd) {
		cdbg__text_puts(out, neg ? "-0" : "0");
		return;
	}
	if (nd > prec) {
		int drop = nd - prec;
		char first = dig[prec];
		bool rest = strspn(dig + prec + 1, "0") < (size_t)(drop - 1);
		bool up = first > '5' || (first == '5' && (rest || (dig[prec - 1] - '0') % 2));

		dig[prec] = '\0';
		exp += drop;
		nd = prec;
		for (int i = prec - 1; up && i >= 0; i--) {
			up = dig[i] == '9';
			dig[i] = up ? '0' : (char)(dig[i] + 1);
		}
		if (up) { /* 999 -> 1000: one digit more, dropped */
			memmove(dig + 1, dig, (size_t)nd);
			dig[0] = '1';
			dig[nd] = '\0';
			exp++;
		}
	}
	dig[nd] = '\0';
	dec_text(out, neg, dig, exp);
}

static void put_decimal(struct cdbg__text *out, const struct conv_spec *cs,
			const struct cdbg_printf_arg *a)
{
	int prec = cs->cls == PF_DEC32 ? 7 : cs->cls == PF_DEC64 ? 16 : 34;
	char s[80];

	if (a->str && strlen(a->str) < sizeof(s)) /* a decimal float's own text */
		snprintf(s, sizeof(s), "%s", a->str);
	else if (!a->is_float)
		snprintf(s, sizeof(s), a->is_signed ? "%" PRId64 : "%" PRIu64, a->bits);
	else if (a->size == 4)
		snprintf(s, sizeof(s), "%.9g", (double)arg_float(a));
	else if (a->size == 8)
		snprintf(s, sizeof(s), "%.17g", (double)arg_float(a));
	else
		snprintf(s, sizeof(s), "%.21Lg", arg_float(a));
	dec_from_string(out, s, prec);
}

static void put_conv(struct cdbg__text *out, const struct conv_spec *cs,
		     const struct cdbg_printf_arg *a)
{
	char hf[48];
	uint64_t bits = arg_int(a);
	bool wide = cs->cls == PF_LONG || cs->cls == PF_LLONG || cs->cls == PF_SIZE;
	uint64_t u = wide ? bits : cs->h ? (uint16_t)bits : (uint32_t)bits;
	int64_t d = wide ? (int64_t)bits : cs->h ? (int16_t)bits : (int32_t)bits;

	switch (cs->cls) {
	case PF_PTR:
		/* gdb: only '-' and a width; "%#llx" or "(nil)" */
		snprintf(hf, sizeof(hf), "%%%s%s%s", a->bits ? "#" : "", cs->spec + 1,
			 a->bits ? "llx" : "s");
		if (a->bits)
			cdbg__text_printf(out, hf, (unsigned long long)a->bits);
		else
			cdbg__text_printf(out, hf, "(nil)");
		return;
	case PF_STR:
	case PF_WSTR:
		snprintf(hf, sizeof(hf), "%ss", cs->spec);
		cdbg__text_printf(out, hf, a->str ? a->str : "(null)");
		return;
	case PF_DBL:
		snprintf(hf, sizeof(hf), "%s%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf, (double)arg_float(a));
		return;
	case PF_LDBL:
		snprintf(hf, sizeof(hf), "%sL%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf, arg_float(a));
		return;
	case PF_DEC32:
	case PF_DEC64:
	case PF_DEC128:
		put_decimal(out, cs, a);
		return;
	default:
		break;
	}
	switch (cs->conv) {
	case 'd':
	case 'i':
		snprintf(hf, sizeof(hf), "%sll%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf, (long long)d);
		break;
	case 'c':
		snprintf(hf, sizeof(hf), "%sc", cs->spec);
		cdbg__text_printf(out, hf, (int)(unsigned char)bits);
		break;
	default: /* u o x X */
		snprintf(hf, sizeof(hf), "%sll%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf, (unsigned long long)u);
	}
}

int cdbg_format_printf(const char *fmt, const struct cdbg_printf_arg *args, size_t nargs, char *out,
		       size_t max)
{
	struct cdbg__text t = { out, max, 0 };
	struct conv_spec cs;
	char lit, err[8], ch[2] = "";
	size_t used = 0;
	int r;

	if (max)
		out[0] = '\0';
	if (!fmt || (nargs && !args))
		return -EINVAL;
	while (*fmt) {
		if ((r = next_piece(&fmt, &lit, &cs, err, sizeof(err))) < 0)
			return -EINVAL;
		if (!r) {
			ch[0] = lit;
			cdbg__text_puts(&t, ch);
		} else if (used < nargs) {
			put_conv(&t, &cs, &args[used++]);
		} else {
			return -EINVAL;
		}
	}
	return t.len > INT_MAX ? -EOVERFLOW : (int)t.len;
}
