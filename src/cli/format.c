/*
 * format.c - values as the CLI prints them, in gdb's shapes (see format.h): which of the
 * library's texts a value gets (cdbg_format_int, cdbg_format_sym, cdbg_format_chars,
 * cdbg_format_flags, cdbg_format_vector, cdbg_format_x87, cdbg_format_printf, cdbg_insn_format,
 * cdbg_value_format), strings read from the tracee.
 *
 * Owns: choosing the shape of a value the CLI prints. Must not: spell a value's characters
 * itself (the library does), evaluate expressions or keep state; the only tracee access is
 * reading the bytes of a string being shown.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

bool fmt_is_letter(char fmt)
{
	return fmt && strchr("xduotcazfsi", fmt);
}

/* " <main+4>" after an address: any symbol the library finds (CDBG_FMTSYM_ANY). */
/* cdbg_format_sym's " <main+4>" (or "<main>") with the name in the function style. */
static void put_sym_text(struct cli *c, FILE *f, const char *s)
{
	const char *lt = strchr(s, '<'), *end = s + strlen(s), *plus;
	size_t n;

	if (!c->print.styled || !lt || end[-1] != '>') {
		fputs(s, f);
		return;
	}
	n = (size_t)(end - 1 - (lt + 1));
	plus = memrchr(lt + 1, '+', n);
	if (plus && plus[1] >= '0' && plus[1] <= '9')
		n = (size_t)(plus - (lt + 1));
	fprintf(f, "%.*s%s%.*s%s%s", (int)(lt + 1 - s), s, cli_st(c, CDBG_STYLE_FUNCTION), (int)n,
		lt + 1, cli_st_end(c, CDBG_STYLE_FUNCTION), lt + 1 + n);
}

static void put_sym(struct cli *c, FILE *f, uint64_t addr)
{
	char buf[320];

	if (cli_symbols(c) && cdbg_format_sym(c->p, addr, CDBG_FMTSYM_ANY, buf, sizeof(buf)) > 0)
		put_sym_text(c, f, buf);
}

/* "0x401136" in the address style. */
static void put_addr(struct cli *c, FILE *f, uint64_t addr)
{
	fprintf(f, "%s0x%" PRIx64 "%s", cli_st(c, CDBG_STYLE_ADDRESS), addr,
		cli_st_end(c, CDBG_STYLE_ADDRESS));
}

void fmt_int(struct cli *c, FILE *f, uint64_t bits, unsigned size, bool is_signed, char fmt,
	     bool pad)
{
	char buf[160]; /* the longest: 64 binary digits (and 15 nibble separators) */
	unsigned flags = (is_signed ? CDBG_INT_SIGNED : 0) | (pad ? CDBG_INT_PAD : 0);

	if (fmt == 't' && c->print.nibbles) /* set print nibbles on */
		flags |= c->print.nibbles == '_'  ? CDBG_INT_NIBBLES_US :
			 c->print.nibbles == '\'' ? CDBG_INT_NIBBLES | CDBG_INT_NIBBLES_US :
						    CDBG_INT_NIBBLES;
	if (fmt == 'a') /* the address is all 64 bits (sign-extended as gdb does) */
		size = 8;
	if (cdbg_format_int(bits, size, fmt, flags, buf, sizeof(buf)) >= 0)
		fputs(buf, f);
	if (fmt == 'a')
		put_sym(c, f, bits);
}

void fmt_char(FILE *f, uint64_t bits, bool is_signed)
{
	char buf[16];

	if (cdbg_format_int(bits & 0xff, 1, 'c', is_signed ? CDBG_INT_SIGNED : 0, buf,
			    sizeof(buf)) >= 0)
		fputs(buf, f);
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
	/* gdb's print elements: at most that many characters (unlimited: to the NUL) */
	size_t limit = c->print.elements ? c->print.elements : (size_t)1 << 20, len = 0;
	size_t cap = limit < 4096 ? limit : 4096;
	unsigned char *buf = malloc(cap + 1);
	bool nul = false, fault = false;

	if (next)
		*next = addr;
	if (!buf)
		return -1;
	while (len < limit && !nul && !fault) {
		size_t want = limit - len < 256 ? limit - len : 256;
		if (len + want > cap) {
			size_t ncap = cap * 2 < limit ? cap * 2 : limit;
			unsigned char *nb = realloc(buf, ncap + 1);
			if (!nb)
				break;
			buf = nb;
			cap = ncap;
		}
		ssize_t n = cli_symbols(c) ? cdbg_value_mem(c->p, addr + len, buf + len, want) : -1;
		if (n <= 0) {
			fault = true;
			break;
		}
		unsigned char *z = memchr(buf + len, 0, (size_t)n);
		if (z) {
			len = (size_t)(z - buf);
			nul = true;
		} else {
			len += (size_t)n;
			fault = (size_t)n < want;
		}
	}
	if (!len && fault) {
		fprintf(f, "<error: Cannot access memory at address 0x%" PRIx64 ">", addr);
		free(buf);
		return -1;
	}
	put_segments(f, buf, len);
	if (!nul && !fault)
		fputs("...", f);
	else if (fault)
		fprintf(f, "<error: Cannot access memory at address 0x%" PRIx64 ">",
			addr + (uint64_t)len);
	if (next)
		*next = addr + len + (nul ? 1 : 0);
	free(buf);
	return 0;
}

void fmt_eflags(FILE *f, uint64_t v)
{
	char buf[128];

	if (cdbg_format_flags(v, CDBG_FLAGS_EFLAGS, buf, sizeof(buf)) >= 0)
		fputs(buf, f);
}

void fmt_mxcsr(FILE *f, uint64_t v)
{
	char buf[128];

	if (cdbg_format_flags(v, CDBG_FLAGS_MXCSR, buf, sizeof(buf)) >= 0)
		fputs(buf, f);
}

/* A pointer: "(int *) 0x404020 <glob>"; char * as "0x404030 <gstr> \"hello\"". */
static void put_pointer(struct cli *c, FILE *f, const struct cdbg_value *v)
{
	size_t tl = strlen(v->type);
	bool is_str = v->ptr_depth == 1 && v->pointee_size == 1 && tl >= 6 &&
		      !strcmp(v->type + tl - 6, "char *");

	bool any = false;

	if (!is_str || (strcmp(v->type, "char *") && strcmp(v->type, "const char *")))
		fprintf(f, "(%s) ", v->type[0] ? v->type : "void *");
	/* set print address off leaves the symbol; set print symbol off the address */
	if (!c->print.no_address) {
		put_addr(c, f, v->bits);
		any = true;
		if (!c->print.no_symbol)
			put_sym(c, f, v->bits);
	} else if (!c->print.no_symbol) {
		char buf[320];

		if (cli_symbols(c) &&
		    cdbg_format_sym(c->p, v->bits, CDBG_FMTSYM_ANY, buf, sizeof(buf)) > 0) {
			put_sym_text(c, f, buf[0] == ' ' ? buf + 1 : buf);
			any = true;
		}
	}
	if (is_str && v->bits) {
		if (any)
			fputc(' ', f);
		fmt_string(c, f, v->bits, NULL);
	}
}

/* A bare register, shaped as gdb's register types show it. */
static bool put_register(struct cli *c, FILE *f, const struct cdbg_value *v)
{
	if (!strcmp(v->reg, "rip")) {
		/* gdb's type printer: the pointer's (empty) name in the variable style */
		fprintf(f, "(void (*%s%s)()) ", cli_st(c, CDBG_STYLE_VARIABLE),
			cli_st_end(c, CDBG_STYLE_VARIABLE));
		put_addr(c, f, v->bits);
		put_sym(c, f, v->bits);
	} else if (!strcmp(v->reg, "rsp") || !strcmp(v->reg, "rbp")) {
		fprintf(f, "(void *) ");
		put_addr(c, f, v->bits);
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
	int n = cdbg_value_format_opts(c->p, v, fmt == 's' ? 0 : fmt, flags, &c->print, NULL, 0);
	char *buf;

	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return NULL;
	if (cdbg_value_format_opts(c->p, v, fmt == 's' ? 0 : fmt, flags, &c->print, buf,
				   (size_t)n + 1) < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void fmt_value(struct cli *c, FILE *f, const struct cdbg_value *v, char fmt)
{
	unsigned size = v->is_pointer ? 8 : v->size;

	if (v->kind == CDBG_VAL_FLOAT && !v->is_float && !v->dtype) { /* a decimal float */
		char *s = fmt_typed(c, v, fmt, CDBG_FMT_TOP);

		fputs(s ? s : "<error>", f);
		free(s);
		return;
	}
	if (v->is_float && !v->dtype) { /* gdb 13: /x and the like show the raw bits */
		fmt_int(c, f, v->bits, size, true, fmt && fmt != 's' ? fmt : 'f', false);
		return;
	}
	if (!fmt && !v->is_pointer && !v->reg[0] && !v->dtype)
		fmt = c->print.output_format; /* set output-radix 16|8 */
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
	if (!v->is_pointer && (!strcmp(v->type, "wchar_t") || !strcmp(v->type, "char16_t") ||
			       !strcmp(v->type, "char32_t"))) { /* L'a': the library's text */
		char *s = fmt_typed(c, v, 0, 0);
		if (s) {
			fputs(s, f);
			free(s);
			return;
		}
	}
	if (v->is_pointer)
		put_pointer(c, f, v);
	else if (!strcmp(v->type, "_Bool") && v->bits <= 1)
		fputs(v->bits ? "true" : "false", f);
	else if (v->is_char && !v->reg[0])
		fmt_char(f, v->bits, v->is_signed);
	else
		fmt_int(c, f, v->bits, size, v->is_signed, 0, false);
}

/* ---- printf (the library's cdbg_format_printf) */

int fmt_printf_parse(const char *fmt, char *convs, int max, char *err, size_t errlen)
{
	return cdbg_format_printf_check(fmt, convs, max, err, errlen);
}

void fmt_printf(FILE *out, const char *fmt, const struct fmt_arg *args)
{
	char err[8], small[1024], *buf = small;
	int nargs = cdbg_format_printf_check(fmt, NULL, 0, err, sizeof(err)), n;
	struct cdbg_printf_arg *a;

	if (nargs < 0 || !(a = calloc(nargs ? (size_t)nargs : 1, sizeof(*a))))
		return;
	for (int i = 0; i < nargs; i++)
		a[i] = (struct cdbg_printf_arg){ .bits = args[i].bits,
						 .is_signed = args[i].is_signed,
						 .str = args[i].str };
	n = cdbg_format_printf(fmt, a, (size_t)nargs, small, sizeof(small));
	if (n >= (int)sizeof(small) && (buf = malloc((size_t)n + 1)))
		n = cdbg_format_printf(fmt, a, (size_t)nargs, buf, (size_t)n + 1);
	free(a);
	if (n > 0 && buf)
		fwrite(buf, 1, (size_t)n, out);
	if (buf != small)
		free(buf);
}

/* ---- registers */

/* A vector register's text is bounded: 32 bytes in nine views fit. */
#define FMT_VECTOR_MAX 4096

void fmt_vector(FILE *f, const unsigned char *b, unsigned size)
{
	char buf[FMT_VECTOR_MAX];

	if (cdbg_format_vector(b, size, NULL, -1, CDBG_VEC_RAW, buf, sizeof(buf)) >= 0)
		fputs(buf, f);
}

int fmt_vector_values(FILE *f, const unsigned char *b, unsigned size, const char *field, int idx)
{
	char buf[FMT_VECTOR_MAX];

	if (cdbg_format_vector(b, size, field, idx, 0, buf, sizeof(buf)) < 0)
		return -1;
	fputs(buf, f);
	return 0;
}

void fmt_insn(struct cli *c, FILE *f, const struct cdbg_insn *in)
{
	char small[512], *buf = small;
	int n;

	if (!cli_symbols(c)) {
		fputs(in->text, f);
		return;
	}
	n = cdbg_insn_format(c->p, in, small, sizeof(small));
	if (n >= (int)sizeof(small) && (buf = malloc((size_t)n + 1)))
		n = cdbg_insn_format(c->p, in, buf, (size_t)n + 1);
	if (c->print.styled && c->style_disasm && c->style_libopcodes && n >= 0 && buf) {
		/* gdb's libopcodes styling: mnemonic, registers, immediates, comments */
		int m = cdbg_insn_style(buf, NULL, 0);
		char *st = m >= 0 ? malloc((size_t)m + 1) : NULL;
		if (st && cdbg_insn_style(buf, st, (size_t)m + 1) >= 0)
			fputs(st, f);
		else
			fputs(buf, f);
		free(st);
	} else
		fputs(n >= 0 && buf ? buf : in->text, f);
	if (buf != small)
		free(buf);
}

void fmt_x87(FILE *f, const unsigned char *b)
{
	char buf[64];

	if (cdbg_format_x87(b, buf, sizeof(buf)) >= 0)
		fputs(buf, f);
}
