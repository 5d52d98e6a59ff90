/*
 * present/printf.c - gdb's printf command's text: its format string checked as gdb checks it
 * ("Unrecognized format specifier 'y' in printf", no `*' width, no %n) and written with C's
 * conversions over integer arguments (cdbg_format_printf_check, cdbg_format_printf).
 *
 * Owns: printf's conversions. Must not: evaluate the arguments or read the tracee (the caller
 * passes the integers and the strings of %s).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "cdbg.h"
#include "present/present.h"

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

int cdbg_format_printf_check(const char *fmt, char *convs, int max, char *err, size_t errlen)
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

static void put_conv(struct cdbg__text *out, const struct conv_spec *cs,
		     const struct cdbg_printf_arg *a)
{
	char hf[48];
	bool wide = cs->len == 'l' || cs->len == 'L';
	uint64_t u = wide ? a->bits : cs->len == 'h' ? (uint16_t)a->bits : (uint32_t)a->bits;
	int64_t d = wide ? (int64_t)a->bits : cs->len == 'h' ? (int16_t)a->bits : (int32_t)a->bits;

	switch (cs->conv) {
	case 'd':
	case 'i':
		snprintf(hf, sizeof(hf), "%sll%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf, (long long)d);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		snprintf(hf, sizeof(hf), "%sll%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf, (unsigned long long)u);
		break;
	case 'c':
		snprintf(hf, sizeof(hf), "%sc", cs->spec);
		cdbg__text_printf(out, hf, (int)(unsigned char)a->bits);
		break;
	case 'p':
		snprintf(hf, sizeof(hf), a->bits ? "%s#llx" : "%ss", cs->spec);
		if (a->bits)
			cdbg__text_printf(out, hf, (unsigned long long)a->bits);
		else
			cdbg__text_printf(out, hf, "(nil)");
		break;
	case 's':
		snprintf(hf, sizeof(hf), "%ss", cs->spec);
		cdbg__text_printf(out, hf, a->str ? a->str : "(null)");
		break;
	default: /* e f g E G a A: the integer as a double */
		snprintf(hf, sizeof(hf), "%s%c", cs->spec, cs->conv);
		cdbg__text_printf(out, hf,
				  a->is_signed ? (double)(int64_t)a->bits : (double)a->bits);
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
