/*
 * expr_dfp.c - decimal floating point in the BID encoding (see expr_dfp.h): the codec, the
 * rounding of IEEE 754-2008 (half-even, the result's exponent clamped into the format as
 * decNumber does with clamp 1), text in and out, + - * / and comparison.
 *
 * Owns: expr_dec_*. Must not: allocate, print, or reach the tracee.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "expr/expr_dfp.h"

typedef expr_u128 u128;

#define DIGITS_MAX 38 /* 10^38 < 2^127 */

struct dfmt {
	unsigned bits, prec, ebits;
	int bias, qmax; /* exponents of the coefficient's last digit: -bias .. qmax */
};

static const struct dfmt F32 = { 32, 7, 8, 101, 90 };
static const struct dfmt F64 = { 64, 16, 10, 398, 369 };
static const struct dfmt F128 = { 128, 34, 14, 6176, 6111 };

static const struct dfmt *fmt_of(unsigned size)
{
	return size == 4 ? &F32 : size == 8 ? &F64 : &F128;
}

unsigned expr_dec_prec(unsigned size)
{
	return fmt_of(size)->prec;
}

static u128 pow10u(unsigned n)
{
	u128 x = 1;

	while (n--)
		x *= 10;
	return x;
}

static unsigned ndigits(u128 x)
{
	unsigned n = 1;

	while (x >= 10) {
		x /= 10;
		n++;
	}
	return n;
}

static u128 mask(unsigned n)
{
	return n >= 128 ? ~(u128)0 : ((u128)1 << n) - 1;
}

struct expr_dnum expr_dec_decode(expr_u128 x, unsigned size)
{
	const struct dfmt *f = fmt_of(size);
	unsigned n = f->bits, t = n - 1 - f->ebits;
	struct expr_dnum d = { 0 };
	unsigned g;

	x &= mask(n);
	d.neg = (x >> (n - 1)) & 1;
	g = (unsigned)(x >> (n - 6)) & 0x1f;
	if ((g & 0x1e) == 0x1e) {
		d.cls = !(g & 1) ? EXPR_DEC_INF : (x >> (n - 7)) & 1 ? EXPR_DEC_SNAN : EXPR_DEC_NAN;
		return d;
	}
	if ((g >> 3) == 3) {
		d.exp = (int)((x >> (t - 2)) & mask(f->ebits));
		d.coef = ((u128)1 << t) | (x & mask(t - 2));
	} else {
		d.exp = (int)((x >> t) & mask(f->ebits));
		d.coef = x & mask(t);
	}
	d.exp -= f->bias;
	if (d.coef >= pow10u(f->prec))
		d.coef = 0; /* non-canonical */
	return d;
}

expr_u128 expr_dec_encode(struct expr_dnum d, bool sticky, unsigned size)
{
	const struct dfmt *f = fmt_of(size);
	unsigned n = f->bits, t = n - 1 - f->ebits, nd, drop = 0;
	u128 sign = (u128)d.neg << (n - 1), top = pow10u(f->prec), e;
	int qmin = -f->bias;

	if (d.cls == EXPR_DEC_INF)
		return sign | (u128)0x1e << (n - 6);
	if (d.cls == EXPR_DEC_NAN || d.cls == EXPR_DEC_SNAN)
		return sign | (u128)0x1f << (n - 6) | (u128)(d.cls == EXPR_DEC_SNAN) << (n - 7);
	nd = ndigits(d.coef);
	if (nd > f->prec)
		drop = nd - f->prec;
	if ((long)d.exp + drop < qmin) /* subnormal: fewer digits */
		drop = (unsigned)(qmin - d.exp);
	if (drop) {
		unsigned first = 0;

		if (drop > DIGITS_MAX) {
			sticky |= d.coef != 0;
			d.coef = 0;
		} else {
			u128 p = pow10u(drop - 1);

			sticky |= d.coef % p != 0;
			d.coef /= p;
			first = (unsigned)(d.coef % 10);
			d.coef /= 10;
		}
		if (first > 5 || (first == 5 && (sticky || (d.coef & 1))))
			d.coef++;
		d.exp += (int)drop;
		if (d.coef == top) {
			d.coef /= 10;
			d.exp++;
		}
	}
	if (d.exp < qmin) /* 0 with a tiny exponent */
		d.exp = qmin;
	if (d.exp > f->qmax && !d.coef)
		d.exp = f->qmax;
	while (d.exp > f->qmax && d.coef * 10 < top) { /* clamped: zeros added */
		d.coef *= 10;
		d.exp--;
	}
	if (d.exp > f->qmax)
		return sign | (u128)0x1e << (n - 6);
	e = (u128)(d.exp + f->bias);
	if (d.coef < ((u128)1 << t))
		return sign | e << t | d.coef;
	return sign | (u128)3 << (n - 3) | e << (t - 2) | (d.coef & mask(t - 2));
}

static bool word(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !strncasecmp(s, w, n);
}

int expr_dec_parse(const char *s, size_t n, struct expr_dnum *out, bool *sticky)
{
	struct expr_dnum d = { 0 };
	size_t i = 0;
	bool point = false, any = false;

	*sticky = false;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		d.neg = s[i++] == '-';
	if (word(s + i, n - i, "inf") || word(s + i, n - i, "infinity")) {
		d.cls = EXPR_DEC_INF;
		*out = d;
		return 0;
	}
	if (word(s + i, n - i, "nan") || word(s + i, n - i, "-nan")) {
		d.cls = EXPR_DEC_NAN;
		*out = d;
		return 0;
	}
	for (; i < n; i++) {
		if (s[i] == '.' && !point) {
			point = true;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			break;
		any = true;
		if (d.coef < pow10u(DIGITS_MAX - 1)) {
			d.coef = d.coef * 10 + (unsigned)(s[i] - '0');
			d.exp -= point;
		} else { /* past what is kept: only whether it is 0 matters */
			*sticky |= s[i] != '0';
			d.exp += !point;
		}
	}
	if (!any)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		bool eneg = false, edig = false;
		long e = 0;

		if (++i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			edig = true;
			if (e < 100000000)
				e = e * 10 + (s[i] - '0');
		}
		if (!edig)
			return -1;
		d.exp += (int)(eneg ? -e : e);
	}
	if (i != n)
		return -1;
	*out = d;
	return 0;
}

void expr_dec_text(const struct expr_dnum *d, char *buf, size_t len)
{
	char dig[48];
	int nd, exp = d->exp, adj;
	size_t k = 0;

#define PUT(...)                                                                                   \
	(k += (size_t)snprintf(buf + (k < len ? k : len), k < len ? len - k : 0, __VA_ARGS__))
	if (!len)
		return;
	buf[0] = '\0';
	if (d->neg)
		PUT("-");
	if (d->cls == EXPR_DEC_INF) {
		PUT("Infinity");
		return;
	}
	if (d->cls != EXPR_DEC_FINITE) {
		PUT("%s", d->cls == EXPR_DEC_SNAN ? "sNaN" : "NaN");
		return;
	}
	nd = 0;
	for (u128 c = d->coef; nd == 0 || c; c /= 10)
		dig[nd++] = (char)('0' + (unsigned)(c % 10));
	for (int i = 0; i < nd / 2; i++) {
		char t = dig[i];
		dig[i] = dig[nd - 1 - i];
		dig[nd - 1 - i] = t;
	}
	dig[nd] = '\0';
	adj = exp + nd - 1;
	if (exp <= 0 && adj >= -6) {
		if (exp == 0)
			PUT("%s", dig);
		else if (nd + exp > 0)
			PUT("%.*s.%s", nd + exp, dig, dig + nd + exp);
		else
			PUT("0.%.*s%s", -(nd + exp), "000000", dig); /* adj >= -6: at most 6 */
		return;
	}
	PUT("%c%s%sE%c%d", dig[0], nd > 1 ? "." : "", dig + 1, adj < 0 ? '-' : '+',
	    adj < 0 ? -adj : adj);
#undef PUT
}

void expr_dec_format(expr_u128 x, unsigned size, char *buf, size_t len)
{
	struct expr_dnum d = expr_dec_decode(x, size);

	expr_dec_text(&d, buf, len);
}

/* NaN operands give a quiet NaN (a signalling one is an invalid operation): 1 then, else 0. */
static int nan_operands(const struct expr_dnum *a, const struct expr_dnum *b, struct expr_dnum *out,
			const char **why)
{
	if (a->cls == EXPR_DEC_SNAN || b->cls == EXPR_DEC_SNAN) {
		*why = EXPR_DEC_ERR_INVALID;
		return -1;
	}
	if (a->cls == EXPR_DEC_NAN || b->cls == EXPR_DEC_NAN) {
		*out = a->cls == EXPR_DEC_NAN ? *a : *b;
		return 1;
	}
	return 0;
}

#define KEEP_LIMIT (pow10u(DIGITS_MAX - 1)) /* coefficients stay below 10^37 */

int expr_dec_add(struct expr_dnum a, struct expr_dnum b, bool sub, struct expr_dnum *out,
		 bool *sticky, const char **why)
{
	struct expr_dnum r = { 0 };
	int k;

	*sticky = false;
	b.neg ^= sub;
	if ((k = nan_operands(&a, &b, out, why)) != 0)
		return k < 0 ? -1 : 0;
	if (a.cls == EXPR_DEC_INF || b.cls == EXPR_DEC_INF) {
		if (a.cls == EXPR_DEC_INF && b.cls == EXPR_DEC_INF && a.neg != b.neg) {
			*why = EXPR_DEC_ERR_INVALID;
			return -1;
		}
		*out = a.cls == EXPR_DEC_INF ? a : b;
		return 0;
	}
	if (a.exp < b.exp) { /* a has the larger exponent */
		struct expr_dnum t = a;
		a = b;
		b = t;
	}
	while (a.exp > b.exp && a.coef * 10 < KEEP_LIMIT) {
		a.coef *= 10;
		a.exp--;
	}
	if (a.exp > b.exp) { /* b's lowest digits only decide the rounding */
		unsigned dd = (unsigned)(a.exp - b.exp);

		if (dd > DIGITS_MAX) {
			*sticky = b.coef != 0;
			b.coef = 0;
		} else {
			u128 p = pow10u(dd);

			*sticky = b.coef % p != 0;
			b.coef /= p;
		}
		b.exp = a.exp;
	}
	r.exp = a.exp;
	if (a.neg == b.neg) {
		r.neg = a.neg;
		r.coef = a.coef + b.coef;
	} else if (a.coef >= b.coef) {
		r.neg = a.neg;
		r.coef = a.coef - b.coef - *sticky; /* a - (b + a fraction) */
	} else {
		r.neg = b.neg;
		r.coef = b.coef - a.coef;
	}
	if (!r.coef && !*sticky)
		r.neg = a.neg && b.neg; /* x - x is +0 */
	*out = r;
	return 0;
}

/* The 256-bit product of a and b, in 64-bit limbs (least significant first). */
static void mul256(u128 a, u128 b, uint64_t p[4])
{
	uint64_t x[2] = { (uint64_t)a, (uint64_t)(a >> 64) },
		 y[2] = { (uint64_t)b, (uint64_t)(b >> 64) };

	memset(p, 0, 4 * sizeof(p[0]));
	for (int i = 0; i < 2; i++) {
		u128 carry = 0;

		for (int j = 0; j < 2; j++) {
			u128 t = (u128)x[i] * y[j] + p[i + j] + carry;

			p[i + j] = (uint64_t)t;
			carry = t >> 64;
		}
		p[i + 2] = (uint64_t)carry;
	}
}

/* p /= 10, the remainder returned. */
static unsigned div10_256(uint64_t p[4])
{
	u128 r = 0;

	for (int i = 3; i >= 0; i--) {
		u128 cur = r << 64 | p[i];

		p[i] = (uint64_t)(cur / 10);
		r = cur % 10;
	}
	return (unsigned)r;
}

int expr_dec_mul(struct expr_dnum a, struct expr_dnum b, struct expr_dnum *out, bool *sticky,
		 const char **why)
{
	struct expr_dnum r = { 0 };
	uint64_t p[4];
	int k;

	*sticky = false;
	if ((k = nan_operands(&a, &b, out, why)) != 0)
		return k < 0 ? -1 : 0;
	r.neg = a.neg != b.neg;
	if (a.cls == EXPR_DEC_INF || b.cls == EXPR_DEC_INF) {
		if ((a.cls == EXPR_DEC_FINITE && !a.coef) ||
		    (b.cls == EXPR_DEC_FINITE && !b.coef)) {
			*why = EXPR_DEC_ERR_INVALID;
			return -1;
		}
		r.cls = EXPR_DEC_INF;
		*out = r;
		return 0;
	}
	r.exp = a.exp + b.exp;
	mul256(a.coef, b.coef, p);
	while (p[3] || p[2] || (((u128)p[1] << 64) | p[0]) >= KEEP_LIMIT) {
		*sticky |= div10_256(p) != 0;
		r.exp++;
	}
	r.coef = ((u128)p[1] << 64) | p[0];
	*out = r;
	return 0;
}

int expr_dec_div(struct expr_dnum a, struct expr_dnum b, struct expr_dnum *out, bool *sticky,
		 const char **why)
{
	struct expr_dnum r = { 0 };
	u128 q, rem, lim = pow10u(DIGITS_MAX - 2);
	int k;

	*sticky = false;
	if ((k = nan_operands(&a, &b, out, why)) != 0)
		return k < 0 ? -1 : 0;
	r.neg = a.neg != b.neg;
	if (a.cls == EXPR_DEC_INF && b.cls == EXPR_DEC_INF) {
		*why = EXPR_DEC_ERR_INVALID;
		return -1;
	}
	if (a.cls == EXPR_DEC_INF) {
		r.cls = EXPR_DEC_INF;
		*out = r;
		return 0;
	}
	if (b.cls == EXPR_DEC_INF) { /* 0, with the smallest exponent */
		r.exp = -100000;
		*out = r;
		return 0;
	}
	if (!b.coef) {
		if (!a.coef) {
			*why = EXPR_DEC_ERR_DIVUNDEF;
			return -1;
		}
		r.cls = EXPR_DEC_INF; /* gdb does not complain of a division by zero */
		*out = r;
		return 0;
	}
	r.exp = a.exp - b.exp;
	q = a.coef / b.coef;
	rem = a.coef % b.coef;
	while (rem && q < lim) {
		rem *= 10;
		q = q * 10 + rem / b.coef;
		rem %= b.coef;
		r.exp--;
	}
	*sticky = rem != 0;
	r.coef = q;
	*out = r;
	return 0;
}

int expr_dec_cmp(const struct expr_dnum *a, const struct expr_dnum *b)
{
	int sa, sb, ma;
	u128 ca = a->coef, cb = b->coef;
	int ea, eb;

	if (a->cls == EXPR_DEC_NAN || a->cls == EXPR_DEC_SNAN || b->cls == EXPR_DEC_NAN ||
	    b->cls == EXPR_DEC_SNAN)
		return 2;
	sa = a->cls == EXPR_DEC_FINITE && !ca ? 0 : a->neg ? -1 : 1;
	sb = b->cls == EXPR_DEC_FINITE && !cb ? 0 : b->neg ? -1 : 1;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (!sa)
		return 0;
	/* same sign: compare magnitudes, then flip for negatives */
	if (a->cls == EXPR_DEC_INF || b->cls == EXPR_DEC_INF)
		ma = (a->cls == EXPR_DEC_INF) - (b->cls == EXPR_DEC_INF);
	else {
		ea = a->exp + (int)ndigits(ca);
		eb = b->exp + (int)ndigits(cb);
		if (ea != eb) {
			ma = ea < eb ? -1 : 1;
		} else {
			unsigned na = ndigits(ca), nb = ndigits(cb);

			if (na < nb)
				ca *= pow10u(nb - na);
			else
				cb *= pow10u(na - nb);
			ma = ca < cb ? -1 : ca > cb;
		}
	}
	return sa < 0 ? -ma : ma;
}
