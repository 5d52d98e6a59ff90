/*
 * cmd_data.c - the CLI's data commands, as gdb spells them: print (p, inspect) and output,
 * x, assignment (set var, print $rax = 5), printf, dump/append binary memory/value, info
 * registers / info all-registers, and display (shown after each stop by cli_do_displays).
 *
 * Owns: parsing these commands' arguments (/FMT letters, the assignment '=', printf's format
 * string), the value history pushes they make, x's remembered format and the display list.
 * Must not: format values itself (format.c does), evaluate expressions other than through
 * cli_eval, or resume the process.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"

#define DUMP_MAX (1ull << 30) /* largest range dump copies (it is held in memory first) */
#define PRINTF_STR_MAX (1u << 20) /* longest string printf's %s reads from the tracee */

/* A parsed /FMT: gdb's /[-]COUNT LETTERS. */
struct xfmt {
	long count;     /* item count (x), 1 if none */
	char fmt;       /* format letter, 0 if none */
	unsigned size;  /* unit size from b h w g, 0 if none */
	bool has_count; /* a count was given */
	bool has_fmt;   /* anything followed the '/' */
};

/* x's count when repeated with no argument (gdb's last_count); the rest of x's state is in
 * struct cli (x_fmt, x_size, x_next). */
static long x_last_count = 1;

/* ---------------------------------------------------------------- small helpers */

static void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/* Parse "/[-]N LETTERS" at *sp (which points at '/'); advance *sp past it. */
static int parse_fmt(struct cli *c, char **sp, struct xfmt *xf)
{
	char *s = *sp + 1;
	bool neg = false;

	memset(xf, 0, sizeof(*xf));
	xf->count = 1;
	xf->has_fmt = true;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (isdigit((unsigned char)*s)) {
		xf->count = strtol(s, &s, 10);
		xf->has_count = true;
	}
	if (neg) {
		xf->count = -xf->count;
		xf->has_count = true;
	}
	for (; *s >= 'a' && *s <= 'z'; s++) {
		switch (*s) {
		case 'b': xf->size = 1; break;
		case 'h': xf->size = 2; break;
		case 'w': xf->size = 4; break;
		case 'g': xf->size = 8; break;
		default:
			if (!fmt_is_letter(*s))
				return cli_error(c, "Undefined output format \"%c\".", *s);
			xf->fmt = *s;
		}
	}
	*sp = cli_skip_ws(s);
	return 0;
}

/* Read size bytes (1..8) at addr into *v; -1 when the process cannot give them. */
static int read_unit(struct cli *c, uint64_t addr, unsigned size, uint64_t *v)
{
	*v = 0;
	if (!c->live)
		return -1;
	return cdbg_mem_read(c->p, addr, v, size) == (ssize_t)size ? 0 : -1;
}

/* The register gdb calls name (its aliases, pseudo registers and fiseg/foseg included), or
 * NULL. */
static const struct cdbg_reg_desc *reg_find(const char *name)
{
	if (!strcmp(name, "fiseg"))
		name = "fioff";
	else if (!strcmp(name, "foseg"))
		name = "fooff";
	return cdbg_reg_lookup(name);
}

/* The address x, display/FMT and printf's %s take from v: an array, struct or union of the
 * program stands for its own address, as in gdb (x/3dw arr, printf "%s", buf). */
static uint64_t value_addr(const struct cdbg_value *v)
{
	bool agg = strchr(v->type, '[') || !strncmp(v->type, "struct ", 7) ||
		   !strncmp(v->type, "union ", 6) || v->size > 8;

	return v->dtype && v->lvalue && !v->is_pointer && agg ? v->addr : v->bits;
}

static int no_memory(struct cli *c, uint64_t addr)
{
	fflush(stdout);
	return cli_error(c, "Cannot access memory at address 0x%" PRIx64, addr);
}

/* ---------------------------------------------------------------- assignment */

/*
 * Where the assignment '=' of s is: outside parentheses, brackets, braces and quotes, and
 * not part of == != <= >=. Returns its index or -1; *oplen gets the length of a compound
 * operator just before it (1 for += -= *= /= %= &= |= ^=, 2 for <<= >>=), 0 for a plain =.
 */
static long find_assign(const char *s, int *oplen)
{
	int depth = 0;
	char quote = 0;

	*oplen = 0;
	for (long i = 0; s[i]; i++) {
		char ch = s[i], prev = i ? s[i - 1] : 0;

		if (quote) {
			if (ch == '\\' && s[i + 1])
				i++;
			else if (ch == quote)
				quote = 0;
			continue;
		}
		if (ch == '\'' || ch == '"')
			quote = ch;
		else if (ch == '(' || ch == '[' || ch == '{')
			depth++;
		else if (ch == ')' || ch == ']' || ch == '}')
			depth--;
		if (ch != '=' || depth)
			continue;
		if (s[i + 1] == '=') {
			i++;
			continue;
		}
		if (prev == '=' || prev == '!')
			continue;
		if (prev == '<' || prev == '>') {
			if (i >= 2 && s[i - 2] == prev) {
				*oplen = 2;
				return i;
			}
			continue;
		}
		if (prev && strchr("+-*/%&|^", prev))
			*oplen = 1;
		return i;
	}
	return -1;
}

static bool is_reg_name(const char *name)
{
	return reg_find(name) != NULL;
}

/* Is s (trimmed) "$name" naming a convenience variable (not a register, not history)? */
static bool is_conv_var(const char *s)
{
	if (s[0] != '$' || !(isalpha((unsigned char)s[1]) || s[1] == '_'))
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	return !is_reg_name(s + 1);
}

/* Store r into the lvalue lhs (a register, memory, or a convenience variable); *out gets
 * the value lhs then has. */
static int store(struct cli *c, const char *lhs, struct cdbg_value *r, struct cdbg_value *out)
{
	struct cdbg_value l;
	unsigned size;

	if (is_conv_var(lhs)) {
		r->reg[0] = '\0';
		r->lvalue = 0;
		cli_var_set(c, lhs + 1, r);
		*out = *r;
		return 0;
	}
	if (lhs[0] == '$' && !is_reg_name(lhs + 1) && !strpbrk(lhs, "+-*/%&|^!~<>()[]?:,{} \t"))
		return cli_error(c, "Left operand of assignment is not a modifiable lvalue.");
	if (cli_eval(c, lhs, &l) < 0)
		return -1;
	if ((l.is_aggregate && !l.is_float) || (r->is_aggregate && !r->is_float))
		return cli_error(c, "Invalid cast."); /* structs, arrays: not from integers */
	r->bits = cdbg_value_convert(c->p, r, &l);
	if (l.reg[0]) {
		if (!cli_need_stopped(c))
			return -1;
		if (cdbg_reg_set(c->p, c->cur_tid, l.reg, r->bits) < 0)
			return cli_lib_error(c);
	} else if (l.lvalue) {
		size = l.is_pointer ? 8 : l.size;
		if (!c->live || cdbg_mem_write(c->p, l.addr, &r->bits, size) != (ssize_t)size)
			return no_memory(c, l.addr);
	} else {
		return cli_error(c, "Left operand of assignment is not an lvalue.");
	}
	return cli_eval(c, lhs, out);
}

/* Evaluate text, which may be an assignment (LHS = VALUE, LHS op= VALUE, chained). */
static int eval_assign(struct cli *c, char *text, struct cdbg_value *out)
{
	struct cdbg_value r;
	int oplen;
	long at = find_assign(text, &oplen);
	char *start = cli_skip_ws(text), *lhs, *expr;
	int ret;

	if (at < 0)
		return cli_eval(c, text, out);
	if (eval_assign(c, text + at + 1, &r) < 0)
		return -1;
	if (!(lhs = strndup(start, text + at - oplen > start ? (size_t)(text + at - oplen - start) : 0)))
		return cli_error(c, "out of memory");
	rtrim(lhs);
	if (!*lhs) {
		free(lhs);
		return cli_error(c, "A syntax error in expression, near `%s'.", text + at - oplen);
	}
	if (oplen) { /* LHS op= R is LHS = (LHS) op (R) */
		if (asprintf(&expr, "(%s) %.*s ((%s)%" PRIu64 ")", lhs, oplen, text + at - oplen,
			     r.type[0] ? r.type : "long", r.bits) < 0) {
			free(lhs);
			return cli_error(c, "out of memory");
		}
		ret = cli_eval(c, expr, &r);
		free(expr);
		if (ret < 0) {
			free(lhs);
			return -1;
		}
	}
	ret = store(c, lhs, &r, out);
	free(lhs);
	return ret;
}

/* `set var EXPR = VALUE`, `set variable ...`, `set {TYPE}ADDR = V`, `set $reg = V`,
 * `set $conv = V`, `set *(long *)ADDR = V`: args with or without the leading var/variable. */
int cli_set_assign(struct cli *c, char *args)
{
	struct cdbg_value v;
	char *s = cli_skip_ws(args);
	size_t n = strcspn(s, " \t");

	if ((n == 3 && !strncmp(s, "var", 3)) || (n == 8 && !strncmp(s, "variable", 8)))
		s = cli_skip_ws(s + n);
	rtrim(s);
	if (!*s)
		return cli_error(c, "Argument required (expression to compute).");
	return eval_assign(c, s, &v);
}

/* ---------------------------------------------------------------- print, output */

/* The /FMT of print or output, checked as gdb does; *fmt gets the letter or 0. */
static int print_fmt(struct cli *c, char **args, const char *cmd, char *fmt)
{
	struct xfmt xf;

	*fmt = 0;
	if (**args != '/')
		return 0;
	if (parse_fmt(c, args, &xf) < 0)
		return -1;
	if (xf.fmt == 'i')
		return cli_error(c, "Format letter \"i\" is meaningless in \"%s\" command.", cmd);
	if (xf.size)
		return cli_error(c, "Size letters are meaningless in \"%s\" command.", cmd);
	if (xf.has_count && xf.count != 1)
		return cli_error(c, "Item count other than 1 is meaningless in \"%s\" command.", cmd);
	*fmt = xf.fmt;
	return 0;
}

/* print [/FMT] [EXPR]: "$N = VALUE"; no EXPR shows the last value again. */
/* print FUNC, print *FUNC, print &FUNC as gdb shows a function: {int (int)} 0x401136 <f>,
 * (int (*)(int)) 0x401136 <f>; without debug info {<text variable, no debug info>} ...
 * output: as the output command (no $N, no newline). Returns 1 when args is such a name and
 * was printed, 0 when it is not. */
static int print_func(struct cli *c, const char *args, bool output)
{
	const char *s = args, *name;
	char op = 0, ty[256], sym[256], *paren;
	struct cdbg_symbol fs;
	struct cdbg_value v;
	size_t n;
	int h;

	if (*s == '&' || *s == '*')
		op = *s++;
	s = cli_skip_ws((char *)s);
	name = s;
	while (isalnum((unsigned char)*s) || *s == '_')
		s++;
	n = (size_t)(s - name);
	if (!n || *s || isdigit((unsigned char)name[0]) || !c->live || n >= sizeof(sym))
		return 0;
	memcpy(sym, name, n);
	sym[n] = '\0';
	if (cdbg_sym_by_name(c->p, sym, &fs) < 0 ||
	    (fs.kind != CDBG_SYM_FUNC && fs.kind != CDBG_SYM_IFUNC))
		return 0;
	if (cli_eval(c, sym, &v) < 0 || !v.is_pointer || v.pointee_size || v.lvalue ||
	    v.bits != fs.addr)
		return 0; /* a variable of that name hides the function */
	if (cdbg_ptype(c->p, c->cur_tid, cli_selected_frame(c), sym, 0, ty, sizeof(ty)) < 0)
		snprintf(ty, sizeof(ty), "<text variable, no debug info>");
	if (!output) {
		h = cli_hist_push(c, &v);
		printf("$%d = ", h);
	}
	if (op != '&') {
		printf("{%s} 0x%" PRIx64, ty, v.bits);
	} else if (ty[0] != '<' && (paren = strstr(ty, " ("))) {
		*paren = '\0';
		printf("(%s (*)%s) 0x%" PRIx64, ty, paren + 1, v.bits);
	} else {
		printf("(%s *) 0x%" PRIx64, ty, v.bits);
	}
	if ((name = cli_symbolize(c, v.bits, sym, sizeof(sym))))
		printf(" <%s>", name);
	if (output)
		fflush(stdout);
	else
		putchar('\n');
	return 1;
}

/* print $xmm0, $ymm1.v8_int32, $xmm0.v4_int32[1]: a vector register as gdb shows its union
 * type. Returns 1 when args names a vector register and was printed (or failed with a
 * message: -1), 0 when it is not one. The history gets a void placeholder. */
static int print_vector(struct cli *c, const char *args, bool output)
{
	char reg[16], field[32] = "";
	unsigned char b[64] = { 0 };
	const struct cdbg_reg_desc *d;
	struct cdbg_value v = { 0 };
	int n = 0, idx = -1, end = 0;
	char *text = NULL;
	size_t len = 0;
	FILE *mf;
	bool ok;

	if (sscanf(args, "$%15[a-z0-9]%n", reg, &n) != 1 || !(d = cdbg_reg_lookup(reg)) ||
	    d->size < 16 || d->size > 32)
		return 0;
	if (args[n] == '.' && sscanf(args + n, ".%31[a-z0-9_]%n", field, &end) == 1)
		n += end;
	end = 0;
	if (field[0] && args[n] == '[' && sscanf(args + n, "[%d]%n", &idx, &end) == 1 && end)
		n += end;
	if (args[n] || idx < -1)
		return 0; /* an expression around it: the evaluator says what is wrong */
	if (!cli_need_stopped(c))
		return -1;
	if (cdbg_reg_read(c->p, c->cur_tid, d->name, b, sizeof(b)) < 0)
		return cli_lib_error(c), -1;
	if (!(mf = open_memstream(&text, &len)))
		return cli_error(c, "out of memory"), -1;
	ok = fmt_vector_values(mf, b, d->size, field[0] ? field : NULL, idx) == 0;
	fclose(mf);
	if (!ok) {
		free(text);
		if (idx >= 0)
			return cli_error(c, "no such vector element"), -1;
		return cli_error(c, "There is no member named %s.", field), -1;
	}
	if (output)
		printf("%s", text);
	else
		printf("$%d = %s\n", cli_hist_push(c, &v), text);
	fflush(stdout);
	free(text);
	return 1;
}

static int cmd_print(struct cli *c, char *args)
{
	struct cdbg_value v;
	char fmt;
	int n;

	args = cli_skip_ws(args);
	if (print_fmt(c, &args, "print", &fmt) < 0)
		return -1;
	rtrim(args);
	if (!*args) {
		if (!c->nhist)
			return cli_error(c, "The history is empty.");
		v = c->hist[c->nhist - 1];
	} else {
		/* print FUNC(ARGS) calls it, as gdb does; a void result prints nothing. */
		int call = cli_try_call(c, args, &v);
		if (call < 0)
			return -1;
		if (call > 0 && !v.size)
			return 0;
		if (call == 0 && !fmt && print_func(c, args, false))
			return 0;
		if (call == 0 && !fmt && (call = print_vector(c, args, false)) != 0)
			return call < 0 ? -1 : 0;
		if (call == 0 && eval_assign(c, args, &v) < 0)
			return -1;
	}
	if (v.dtype) {
		/* gdb fails before giving a number when the value cannot be read */
		char *text = fmt_typed(c, &v, fmt, CDBG_FMT_TOP);
		if (!text) {
			if (cdbg_errcode(c->p) == CDBG_ENOMEM)
				return cli_error(c, "Cannot access memory at address 0x%" PRIx64,
						 cdbg_erraddr(c->p));
			return cli_lib_error(c);
		}
		n = cli_hist_push(c, &v);
		printf("$%d = %s\n", n, text);
		free(text);
		return 0;
	}
	n = cli_hist_push(c, &v);
	printf("$%d = ", n);
	fmt_value(c, stdout, &v, fmt);
	putchar('\n');
	return 0;
}

/* output [/FMT] EXPR: the value alone, no history, no newline. */
static int cmd_output(struct cli *c, char *args)
{
	struct cdbg_value v;
	char fmt;
	int n;

	args = cli_skip_ws(args);
	if (print_fmt(c, &args, "output", &fmt) < 0)
		return -1;
	rtrim(args);
	if (!*args)
		return cli_error(c, "Argument required (expression to compute).");
	if (!fmt && print_func(c, args, true))
		return 0;
	n = fmt ? 0 : print_vector(c, args, true);
	if (n)
		return n < 0 ? -1 : 0;
	if (eval_assign(c, args, &v) < 0)
		return -1;
	fmt_value(c, stdout, &v, fmt);
	fflush(stdout);
	return 0;
}

/* ---------------------------------------------------------------- x */

static void x_label(struct cli *c, uint64_t addr)
{
	char buf[256];
	const char *s = cli_symbolize(c, addr, buf, sizeof(buf));

	if (s)
		printf("0x%" PRIx64 " <%s>:", addr, s);
	else
		printf("0x%" PRIx64 ":", addr);
}

/* Set $_ to (intN_t *) last and $__ to its contents, as gdb does after x. */
static void x_set_vars(struct cli *c, uint64_t last, unsigned size, uint64_t val, bool has_val)
{
	struct cdbg_value v;

	cdbg_value_int(&v, last, 8, 0);
	v.is_pointer = 1;
	v.is_char = 0;
	v.ptr_depth = 1;
	v.pointee_size = size;
	v.pointee_signed = 1;
	snprintf(v.type, sizeof(v.type), "int%u_t *", size * 8);
	cli_var_set(c, "_", &v);
	if (!has_val)
		return;
	cdbg_value_int(&v, val, size, 1);
	v.is_char = 0;
	snprintf(v.type, sizeof(v.type), "int%u_t", size * 8);
	cli_var_set(c, "__", &v);
}

/* Examine count units of x's format from addr (count > 0): lines of 8, 8, 4 or 2 units. */
static int x_examine(struct cli *c, uint64_t addr, long count, char fmt, unsigned size)
{
	unsigned per_line = fmt == 's' ? 1 : size <= 2 ? 8 : size == 4 ? 4 : 2;
	uint64_t last = addr, val = 0, next;

	for (long i = 0; i < count; i++) {
		if (cli_interrupted(c))
			return -1;
		if (i % per_line == 0) {
			if (i)
				putchar('\n');
			x_label(c, addr);
		}
		putchar('\t');
		if (fmt == 's') {
			last = addr;
			if (fmt_string(c, stdout, addr, &next) == 0)
				addr = next;
			continue;
		}
		if (read_unit(c, addr, size, &val) < 0) {
			c->x_next = addr;
			return no_memory(c, addr);
		}
		fmt_int(c, stdout, val, size, fmt == 'd' || fmt == 'c', fmt, true);
		last = addr;
		addr += size;
	}
	putchar('\n');
	c->x_next = addr;
	c->x_valid = true;
	x_set_vars(c, last, size, val, fmt != 's');
	return 0;
}

/* x/Ni: count instructions from addr, "=> " marking the selected thread's pc. */
static int x_insns(struct cli *c, uint64_t addr, long count)
{
	struct cdbg_insn in;
	uint64_t pc = 0, last = addr;
	bool have_pc = c->live && cdbg_get_pc(c->p, c->cur_tid, &pc) == 0;

	for (long i = 0; i < count; i++) {
		if (cli_interrupted(c))
			return -1;
		cli_insn_addr(c, addr, have_pc && addr == pc, NULL, false); /* as disassemble */
		putchar('\t');
		if (!c->live || cdbg_disasm(c->p, addr, &in, 1) != 1) {
			c->x_next = addr;
			return c->live && cdbg_errcode(c->p) != CDBG_ENOMEM ? cli_lib_error(c)
								       : no_memory(c, addr);
		}
		fmt_insn(c, stdout, &in);
		putchar('\n');
		last = addr;
		addr += in.size;
	}
	c->x_next = addr;
	c->x_valid = true;
	x_set_vars(c, last, 1, 0, false);
	return 0;
}

/* The unit size x uses for fmt: what was given, else gdb's default for the letter. */
static unsigned x_unit(struct cli *c, char fmt, unsigned given)
{
	unsigned last = c->x_size ? c->x_size : 4;

	switch (fmt) {
	case 'a':
		return 8;
	case 's':
	case 'i':
		return 1;
	case 'c':
		return given ? given : 1;
	case 'f':
		return given ? given : (last == 4 || last == 8) ? last : 8;
	default:
		return given ? given : last;
	}
}

/* x[/NFU] [ADDR]: examine memory. No ADDR: go on where the last x stopped. */
static int cmd_x(struct cli *c, char *args)
{
	struct xfmt xf = { .count = 1 };
	struct cdbg_value v;
	uint64_t addr;
	unsigned size;
	char fmt;

	args = cli_skip_ws(args);
	if (*args == '/' && parse_fmt(c, &args, &xf) < 0)
		return -1;
	rtrim(args);
	if (*args) {
		if (cli_eval(c, args, &v) < 0)
			return -1;
		addr = value_addr(&v);
	} else {
		if (!c->x_valid)
			return cli_error(c, "Argument required (starting display address).");
		addr = c->x_next;
		if (!xf.has_fmt)
			xf.count = x_last_count;
	}
	fmt = xf.fmt ? xf.fmt : c->x_fmt ? c->x_fmt : 'x';
	size = x_unit(c, fmt, xf.size);
	c->x_fmt = fmt;
	c->x_size = size;
	x_last_count = xf.count;
	if (fmt == 'i' && xf.count > 0)
		return x_insns(c, addr, xf.count);
	if (xf.count < 0) { /* x/-N: the N units before addr */
		if (fmt == 's' || fmt == 'i')
			return cli_error(c, "cannot examine strings backwards: give a start address");
		addr -= (uint64_t)(-xf.count) * size;
		if (x_examine(c, addr, -xf.count, fmt, size) < 0)
			return -1;
		c->x_next = addr;
		return 0;
	}
	if (xf.count == 0) {
		c->x_next = addr;
		c->x_valid = true;
		return 0;
	}
	return x_examine(c, addr, xf.count, fmt, size);
}

/* ---------------------------------------------------------------- printf */

/* Split s at its top-level commas (outside parentheses and quotes) into at most max parts,
 * NUL-terminating each in place. Returns the count, -1 when there are more. */
static int split_args(char *s, char **part, int max)
{
	int n = 0, depth = 0;
	char quote = 0;

	if (!*cli_skip_ws(s))
		return 0;
	part[n++] = s;
	for (; *s; s++) {
		if (quote) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == quote)
				quote = 0;
		} else if (*s == '"' || *s == '\'') {
			quote = *s;
		} else if (*s == '(' || *s == '[' || *s == '{') {
			depth++;
		} else if (*s == ')' || *s == ']' || *s == '}') {
			depth--;
		} else if (*s == ',' && !depth) {
			if (n == max)
				return -1;
			*s = '\0';
			part[n++] = s + 1;
		}
	}
	for (int i = 0; i < n; i++) {
		part[i] = cli_skip_ws(part[i]);
		rtrim(part[i]);
	}
	return n;
}

/* The format string at *sp (just after its opening quote) with printf's escapes done, into
 * out; *sp moves past the closing quote. */
static int printf_string(struct cli *c, char **sp, char *out)
{
	static const char from[] = "\\abefnrtv\"", to[] = "\\\a\b\033\f\n\r\t\v\"";
	char *s = *sp;

	for (; *s && *s != '"'; s++) {
		if (*s != '\\') {
			*out++ = *s;
			continue;
		}
		const char *e = s[1] ? strchr(from, s[1]) : NULL;
		if (!e)
			return cli_error(c, "Unrecognized escape character \\%c in format string.",
					 s[1]);
		*out++ = to[e - from];
		s++;
	}
	if (*s != '"')
		return cli_error(c, "Bad format string, non-terminated '\"'");
	*out = '\0';
	*sp = s + 1;
	return 0;
}

/* Read the NUL-terminated string at addr (at most PRINTF_STR_MAX bytes); malloc'd. */
static char *read_cstring(struct cli *c, uint64_t addr)
{
	size_t len = 0, cap = 256;
	char *buf = malloc(cap);
	ssize_t n;

	while (buf && c->live) {
		n = cdbg_mem_read(c->p, addr + len, buf + len, cap - len);
		if (n <= 0)
			break;
		char *nul = memchr(buf + len, 0, (size_t)n);
		if (nul)
			return buf;
		len += (size_t)n;
		if (len >= PRINTF_STR_MAX) {
			buf[len - 1] = '\0';
			return buf;
		}
		if (len == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb)
				break;
			buf = nb;
		}
	}
	free(buf);
	no_memory(c, addr + len);
	return NULL;
}

/* The value of printf argument arg for conversion conv into *out; %s takes a "literal" or
 * reads the string the value points to. */
static int printf_arg(struct cli *c, char *arg, char conv, struct fmt_arg *out)
{
	struct cdbg_value v;
	size_t n = strlen(arg);

	if (conv == 's' && n >= 2 && arg[0] == '"' && arg[n - 1] == '"') {
		arg[n - 1] = '\0';
		cli_unescape(arg + 1);
		out->str = strdup(arg + 1);
		return out->str ? 0 : cli_error(c, "out of memory");
	}
	if (cli_eval(c, arg, &v) < 0)
		return -1;
	out->bits = value_addr(&v);
	out->is_signed = v.is_signed && !v.is_pointer;
	if (conv == 's' && out->bits && !(out->str = read_cstring(c, out->bits)))
		return -1;
	return 0;
}

/* printf "FMT", ARGS...: C's printf over expression values; %s reads tracee memory. Every
 * argument is evaluated before anything is printed. */
static int cmd_printf(struct cli *c, char *args)
{
	char *s = cli_skip_ws(args), *fmt, *part[128], convs[128], err[128], *buf = NULL;
	struct fmt_arg vals[128] = { { 0 } };
	size_t blen = 0;
	int n = 0, nconv, ret = -1;
	FILE *out;

	if (*s != '"')
		return cli_error(c, "Bad format string, missing '\"'.");
	s++;
	if (!(fmt = malloc(strlen(s) + 1)))
		return cli_error(c, "out of memory");
	if (printf_string(c, &s, fmt) < 0)
		goto out_fmt;
	s = cli_skip_ws(s);
	if (*s && *s != ',') {
		cli_error(c, "Invalid argument syntax");
		goto out_fmt;
	}
	if ((nconv = fmt_printf_parse(fmt, convs, 128, err, sizeof(err))) < 0) {
		cli_error(c, "%s", err);
		goto out_fmt;
	}
	if ((n = *s ? split_args(s + 1, part, 128) : 0) != nconv) {
		cli_error(c, "Wrong number of arguments for specified format-string");
		goto out_vals;
	}
	for (int i = 0; i < n; i++)
		if (printf_arg(c, part[i], convs[i], &vals[i]) < 0)
			goto out_vals;
	if (!(out = open_memstream(&buf, &blen))) {
		cli_error(c, "out of memory");
		goto out_vals;
	}
	fmt_printf(out, fmt, vals);
	fclose(out);
	fwrite(buf, 1, blen, stdout);
	fflush(stdout);
	free(buf);
	ret = 0;
out_vals:
	for (int i = 0; i < n && i < 128; i++)
		free(vals[i].str);
out_fmt:
	free(fmt);
	return ret;
}

/* ---------------------------------------------------------------- dump */

/* The next word of *s, which may be "quoted"; NULL when none. */
static char *next_arg(char **s)
{
	char *p = cli_skip_ws(*s), *w;

	if (*p != '"') {
		w = cli_next_word(s);
		return w && *w ? w : NULL;
	}
	w = ++p;
	while (*p && *p != '"')
		p++;
	if (*p)
		*p++ = '\0';
	*s = p;
	return w;
}

static int write_file(struct cli *c, const char *path, const void *buf, size_t len,
		      const char *mode)
{
	FILE *f = fopen(path, mode);

	if (!f)
		return cli_error(c, "%s: %s.", path, strerror(errno));
	if (fwrite(buf, 1, len, f) != len || fclose(f)) {
		int e = errno;
		return cli_error(c, "cannot write %s: %s", path, strerror(e));
	}
	return 0;
}

/* The bytes of [start, end) into path. */
static int dump_memory(struct cli *c, const char *path, char *args, const char *mode)
{
	char *lo = next_arg(&args), *hi;
	uint64_t start, end, got = 0;
	unsigned char *buf;
	ssize_t n;
	int ret;

	if (!lo)
		return cli_error(c, "Missing start address.");
	if (!(hi = next_arg(&args)))
		return cli_error(c, "Missing stop address.");
	if (cli_eval_u64(c, lo, &start) < 0 || cli_eval_u64(c, hi, &end) < 0)
		return -1;
	if (start >= end)
		return cli_error(c, "Invalid memory address range (start >= end).");
	if (end - start > DUMP_MAX)
		return cli_error(c, "cannot dump %" PRIu64 " bytes: at most 1 GiB at a time; "
				 "split the range", end - start);
	if (!(buf = malloc(end - start)))
		return cli_error(c, "out of memory");
	while (got < end - start) {
		n = c->live ? cdbg_mem_read(c->p, start + got, buf + got, end - start - got) : -1;
		if (n <= 0) {
			free(buf);
			return no_memory(c, start + got);
		}
		got += (uint64_t)n;
	}
	ret = write_file(c, path, buf, end - start, mode);
	free(buf);
	return ret;
}

/* dump|append [binary] memory FILE START END, dump|append [binary] value FILE EXPR. */
static int dump_or_append(struct cli *c, char *args, const char *cmd, const char *mode)
{
	char *what = next_arg(&args), *path;
	struct cdbg_value v;
	uint64_t bits;

	if (what && !strcmp(what, "binary"))
		what = next_arg(&args);
	if (!what)
		return cli_error(c, "\"%s\" must be followed by a subcommand: %s [binary] memory "
				 "FILE START END, or %s [binary] value FILE EXPR", cmd, cmd, cmd);
	if (!strcmp(what, "ihex") || !strcmp(what, "srec") || !strcmp(what, "tekhex") ||
	    !strcmp(what, "verilog"))
		return cli_error(c, "cannot %s in %s format: only binary is supported", cmd, what);
	if (strcmp(what, "memory") && strcmp(what, "value"))
		return cli_error(c, "Undefined %s command: \"%s\".  Try \"help %s\".", cmd, what,
				 cmd);
	if (!(path = next_arg(&args)))
		return cli_error(c, "Missing filename.");
	if (!strcmp(what, "memory"))
		return dump_memory(c, path, args, mode);
	args = cli_skip_ws(args);
	rtrim(args);
	if (!*args)
		return cli_error(c, "No value to %s.", cmd);
	if (cli_eval(c, args, &v) < 0)
		return -1;
	bits = v.bits;
	return write_file(c, path, &bits, v.is_pointer ? 8 : v.size, mode);
}

static int cmd_dump(struct cli *c, char *args)
{
	return dump_or_append(c, args, "dump", "wb");
}

static int cmd_append(struct cli *c, char *args)
{
	return dump_or_append(c, args, "append", "ab");
}

/* ---------------------------------------------------------------- info registers */

/* gdb's full x87 tag word (2 bits per physical register: 0 valid, 1 zero, 2 special,
 * 3 empty) from FXSAVE's abridged one (1 bit: not empty). */
static uint64_t full_ftag(struct cli *c, uint64_t abridged)
{
	uint64_t fstat = 0, tag = 0;
	unsigned char st[16];
	char name[8];

	if (cdbg_reg_get(c->p, c->cur_tid, "fstat", &fstat) < 0)
		return abridged;
	for (unsigned phys = 0; phys < 8; phys++) {
		unsigned t = 3;
		if ((abridged >> phys) & 1) {
			snprintf(name, sizeof(name), "st%u", (phys - (unsigned)(fstat >> 11)) & 7);
			if (cdbg_reg_read(c->p, c->cur_tid, name, st, sizeof(st)) < 0)
				return abridged;
			unsigned exp = (st[9] & 0x7fu) << 8 | st[8];
			uint64_t man;
			memcpy(&man, st, sizeof(man));
			if (exp == 0x7fff)
				t = 2;
			else if (exp == 0)
				t = man ? 2 : 1;
			else
				t = man >> 63 ? 0 : 2;
		}
		tag |= (uint64_t)t << (2 * phys);
	}
	return tag;
}

/* One `info registers` line for register d, shown under the name the user gave. Returns
 * 0, or -1 when it cannot be read (quiet: no message, for registers this CPU lacks). */
static int show_reg(struct cli *c, const char *shown, const struct cdbg_reg_desc *d, bool quiet)
{
	unsigned char b[64] = { 0 };
	char hex[40];
	uint64_t v = 0;
	unsigned size = d->size;

	if (cdbg_reg_read(c->p, c->cur_tid, d->name, b, sizeof(b)) < 0)
		return quiet ? -1 : cli_lib_error(c);
	printf(strlen(shown) < 15 ? "%-15s" : "%s ", shown);
	if (d->size > 10) {
		fmt_vector(stdout, b, d->size);
		putchar('\n');
		return 0;
	}
	if (d->size == 10) {
		char *val = NULL;
		size_t vl = 0;
		FILE *m = open_memstream(&val, &vl);
		if (m) {
			fmt_x87(m, b);
			fclose(m);
		}
		printf("%-19s (raw 0x", val ? val : "?");
		free(val);
		for (int i = 9; i >= 0; i--)
			printf("%02x", b[i]);
		puts(")");
		return 0;
	}
	memcpy(&v, b, d->size < 8 ? d->size : 8);
	if (!strcmp(d->name, "ftag")) {
		v = full_ftag(c, v);
		size = 2;
	} else if (!strcmp(d->name, "fioff") || !strcmp(d->name, "fooff")) {
		/* gdb splits the FXSAVE pointer: offset in the low 32 bits, selector above. */
		bool seg = !strcmp(shown, "fiseg") || !strcmp(shown, "foseg");
		v = seg ? (v >> 32) & 0xffff : v & 0xffffffff;
		size = 4;
	}
	snprintf(hex, sizeof(hex), "0x%" PRIx64, v);
	printf("%-19s ", hex);
	if (!strcmp(d->name, "rip"))
		fmt_int(c, stdout, v, 8, false, 'a', false);
	else if (!strcmp(d->name, "rsp") || !strcmp(d->name, "rbp"))
		fputs(hex, stdout);
	else if (!strcmp(d->name, "eflags"))
		fmt_eflags(stdout, v);
	else if (!strcmp(d->name, "mxcsr"))
		fmt_mxcsr(stdout, v);
	else
		fmt_int(c, stdout, v, size, d->kind == CDBG_REG_GPR, 0, false);
	putchar('\n');
	return 0;
}

/* Is register name in the group gdb's `info registers GROUP` names? */
static bool in_group(const struct cdbg_reg_desc *d, const char *group)
{
	bool sys = !strcmp(d->name, "fs_base") || !strcmp(d->name, "gs_base") ||
		   !strcmp(d->name, "orig_rax");

	if (!strcmp(group, "general"))
		return d->kind == CDBG_REG_GPR && !sys;
	if (!strcmp(group, "system"))
		return sys;
	if (!strcmp(group, "float"))
		return d->kind == CDBG_REG_FP;
	if (!strcmp(group, "sse"))
		return !strncmp(d->name, "xmm", 3) || !strcmp(d->name, "mxcsr");
	if (!strcmp(group, "vector"))
		return d->kind == CDBG_REG_VECTOR;
	return false;
}

/* Every register of a group, in table order (float: gdb's order of the x87 control words). */
static void show_group(struct cli *c, const char *group)
{
	static const char *const fpu[] = { "fctrl", "fstat", "ftag", "fiseg", "fioff",
					   "foseg", "fooff", "fop" };
	const struct cdbg_reg_desc *t;
	size_t n = cdbg_reg_table(&t);

	for (size_t i = 0; i < n; i++) {
		bool fpu_word = t[i].kind == CDBG_REG_FP && t[i].name[0] == 'f'; /* shown below */
		if (in_group(&t[i], group) && !fpu_word)
			show_reg(c, t[i].name, &t[i], true);
	}
	if (!strcmp(group, "float"))
		for (size_t i = 0; i < sizeof(fpu) / sizeof(fpu[0]); i++)
			show_reg(c, fpu[i], reg_find(fpu[i]), true);
}

/* gdb's `info all-registers`: general and system registers but orig_rax, x87, mxcsr, then
 * ymm0-15 where the CPU has AVX, else xmm0-15. */
static void show_all(struct cli *c)
{
	unsigned char b[64];
	bool avx = cdbg_reg_read(c->p, c->cur_tid, "ymm0", b, sizeof(b)) > 0;
	const struct cdbg_reg_desc *t;
	size_t n = cdbg_reg_table(&t);

	for (size_t i = 0; i < n; i++)
		if (t[i].kind == CDBG_REG_GPR && strcmp(t[i].name, "orig_rax"))
			show_reg(c, t[i].name, &t[i], true);
	show_group(c, "float");
	show_reg(c, "mxcsr", reg_find("mxcsr"), true);
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == CDBG_REG_VECTOR && t[i].size == (avx ? 32u : 16u))
			show_reg(c, t[i].name, &t[i], true);
}

static bool regs_ready(struct cli *c)
{
	if (!c->live) {
		cli_error(c, "The program has no registers now.");
		return false;
	}
	return cli_need_stopped(c);
}

/* info registers [REG|GROUP ...]: registers of the selected thread. */
static int info_registers(struct cli *c, char *args)
{
	const struct cdbg_reg_desc *d;
	char *w;

	if (!regs_ready(c))
		return -1;
	if (!*cli_skip_ws(args)) {
		show_group(c, "general");
		return 0;
	}
	while ((w = cli_next_word(&args)) && *w) {
		if (*w == '$')
			w++;
		if (!strcmp(w, "all")) {
			show_all(c);
		} else if (!strcmp(w, "general") || !strcmp(w, "float") || !strcmp(w, "sse") ||
			   !strcmp(w, "vector") || !strcmp(w, "system")) {
			show_group(c, w);
		} else if (!(d = reg_find(w))) {
			fflush(stdout);
			return cli_error(c, "Invalid register `%s'", w);
		} else if (show_reg(c, w, d, false) < 0) {
			return -1;
		}
	}
	return 0;
}

/* info all-registers: every register, vector and x87 ones included. */
static int info_all_registers(struct cli *c, char *args)
{
	if (*cli_skip_ws(args))
		return info_registers(c, args);
	if (!regs_ready(c))
		return -1;
	show_all(c);
	return 0;
}

/* ---------------------------------------------------------------- display */

/* An auto-display expression, shown after every stop (gdb's display). */
struct display {
	int num;              /* gdb's display number */
	char *expr;           /* the expression text */
	struct xfmt xf;       /* its /FMT: count, letter, unit size */
	bool examine;         /* shown as x shows memory (i, s, or a unit size), else as print */
	bool enabled;
	struct display *next;
};

static struct display *displays;
static int next_display = 1;

/* "/1bi " or "/x " as info display shows the format; "" when none. */
static void display_fmt(const struct display *d, char *buf, size_t len)
{
	static const char units[] = { 0, 'b', 'h', 0, 'w', 0, 0, 0, 'g' };

	if (d->examine)
		snprintf(buf, len, "/%ld%c%c ", d->xf.count, units[d->xf.size], d->xf.fmt);
	else if (d->xf.fmt)
		snprintf(buf, len, "/%c ", d->xf.fmt);
	else
		buf[0] = '\0';
}

/* Show one display now. A failure does not count as a failed command: gdb shows
 * <error: ...> in place of the value and goes on (cli_eval has said why on stderr too). */
static void display_one(struct cli *c, struct display *d)
{
	static const char units[] = { 0, 'b', 'h', 0, 'w', 0, 0, 0, 'g' };
	int errors = c->errors;
	struct cdbg_value v;
	bool ok = cli_eval(c, d->expr, &v) == 0;
	char fmt = c->x_fmt;
	unsigned size = c->x_size;

	printf("%d: ", d->num);
	if (!d->examine) {
		if (d->xf.fmt)
			printf("/%c ", d->xf.fmt);
		printf("%s = ", d->expr);
		if (ok)
			fmt_value(c, stdout, &v, d->xf.fmt);
		else
			printf("<error: %s>", cdbg_errmsg(c->p));
		putchar('\n');
	} else {
		printf("x/");
		if (d->xf.count != 1)
			printf("%ld", d->xf.count);
		printf("%c", d->xf.fmt);
		if (d->xf.fmt != 'i' && d->xf.fmt != 's')
			printf("%c", units[d->xf.size]);
		printf(" %s%s", d->expr, d->xf.count != 1 || d->xf.fmt == 'i' ? "\n" : "  ");
		if (!ok)
			printf("<error: %s>\n", cdbg_errmsg(c->p));
		else if ((d->xf.fmt == 'i' ? x_insns(c, value_addr(&v), d->xf.count)
					   : x_examine(c, value_addr(&v), d->xf.count, d->xf.fmt,
						       d->xf.size)) < 0)
			putchar('\n'); /* what could be read stays; the next display starts afresh */
		c->x_fmt = fmt;
		c->x_size = size;
	}
	c->errors = errors;
	fflush(stdout);
}

void cli_do_displays(struct cli *c)
{
	for (struct display *d = displays; d; d = d->next)
		if (d->enabled)
			display_one(c, d);
}

/* display [/FMT] [EXPR]: show EXPR after every stop; no EXPR shows them all now. */
static int cmd_display(struct cli *c, char *args)
{
	struct display *d, **tail;
	struct xfmt xf = { .count = 1 };

	args = cli_skip_ws(args);
	if (!*args) {
		cli_do_displays(c);
		return 0;
	}
	if (*args == '/' && parse_fmt(c, &args, &xf) < 0)
		return -1;
	rtrim(args);
	if (!*args)
		return cli_error(c, "Argument required (expression to compute).");
	if (!(d = calloc(1, sizeof(*d))) || !(d->expr = strdup(args))) {
		free(d);
		return cli_error(c, "out of memory");
	}
	if (xf.size && !xf.fmt)
		xf.fmt = 'x';
	if (xf.fmt == 'i' || xf.fmt == 's')
		xf.size = 1;
	if (xf.count < 1)
		xf.count = 1;
	d->xf = xf;
	d->examine = xf.size != 0;
	d->enabled = true;
	d->num = next_display++;
	for (tail = &displays; *tail; tail = &(*tail)->next)
		;
	*tail = d;
	/* gdb shows it at once, except for commands given with -batch. */
	if (c->live && !c->batch)
		display_one(c, d);
	return 0;
}

static void display_free(struct display *d)
{
	free(d->expr);
	free(d);
}

/* Each display number in args through fn; "No display number N." for unknown ones. */
static int each_display(struct cli *c, char *args, void (*fn)(struct display **))
{
	char *w, *end;
	int ret = 0;

	while ((w = cli_next_word(&args)) && *w) {
		long n = strtol(w, &end, 10);
		struct display **dp = &displays;
		if (*end || n <= 0) {
			ret = cli_error(c, "Arguments must be display numbers.");
			continue;
		}
		while (*dp && (*dp)->num != n)
			dp = &(*dp)->next;
		if (*dp)
			fn(dp);
		else
			ret = cli_error(c, "No display number %ld.", n);
	}
	return ret;
}

static void delete_display(struct display **dp)
{
	struct display *d = *dp;

	*dp = d->next;
	display_free(d);
}

static void enable_display(struct display **dp)
{
	(*dp)->enabled = true;
}

static void disable_display(struct display **dp)
{
	(*dp)->enabled = false;
}

/* undisplay [N...] (also delete display): forget displays, all of them with no argument. */
static int cmd_undisplay(struct cli *c, char *args)
{
	if (*cli_skip_ws(args))
		return each_display(c, args, delete_display);
	while (displays)
		delete_display(&displays);
	return 0;
}

/* enable display [N...] / disable display [N...]: for the breakpoint commands to call. */
int cli_display_enable(struct cli *c, char *args, bool on)
{
	if (*cli_skip_ws(args))
		return each_display(c, args, on ? enable_display : disable_display);
	for (struct display *d = displays; d; d = d->next)
		d->enabled = on;
	return 0;
}

static int info_display(struct cli *c, char *args)
{
	char f[32];

	if (!displays) {
		printf("There are no auto-display expressions now.\n");
		return 0;
	}
	printf("Auto-display expressions now in effect:\nNum Enb Expression\n");
	for (struct display *d = displays; d; d = d->next) {
		display_fmt(d, f, sizeof(f));
		printf("%d:   %c  %s%s\n", d->num, d->enabled ? 'y' : 'n', f, d->expr);
	}
	return 0;
}

/* ---------------------------------------------------------------- ptype, whatis */

static int show_type(struct cli *c, char *args, unsigned flags)
{
	pid_t tid = c->live ? c->cur_tid : 0;
	char *buf;
	int n;

	args = cli_skip_ws(args);
	rtrim(args);
	if (!*args)
		return cli_error(c, "Argument required (one or more choice items).");
	if (!c->live)
		return cli_error(c, "No symbol table is loaded.  Use the \"file\" command.");
	n = cdbg_ptype(c->p, tid, c->live ? cli_selected_frame(c) : 0, args, flags, NULL, 0);
	const char *what = cdbg_errsubject(c->p); /* "struct x" names no type */
	if (n < 0 && cdbg_errcode(c->p) == CDBG_ENONAME && strchr(what, ' '))
		return cli_error(c, "No %.*s type named %s.", (int)strcspn(what, " "), what,
				 strchr(what, ' ') + 1);
	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return cli_lib_error(c);
	if (cdbg_ptype(c->p, tid, cli_selected_frame(c), args, flags, buf, (size_t)n + 1) < 0) {
		free(buf);
		return cli_lib_error(c);
	}
	printf("type = %s\n", buf);
	free(buf);
	return 0;
}

static int cmd_ptype(struct cli *c, char *args)
{
	return show_type(c, args, CDBG_PTYPE_EXPAND);
}

static int cmd_whatis(struct cli *c, char *args)
{
	return show_type(c, args, 0);
}

/* ---------------------------------------------------------------- tables */

const struct cli_cmd cli_cmds_data[] = {
	{ "print", { "p", "inspect" }, cmd_print, 0,
	  "Print the value of an expression: print [/FMT] [EXPR]\n"
	  "FMT is one letter: x (hex), d (signed decimal), u (unsigned), o (octal), t (binary),\n"
	  "c (char), a (address with <symbol+offset>), z (zero-padded hex), f (float).\n"
	  "Each value goes into the history as $N; print with no EXPR shows the last one.\n"
	  "EXPR may be an assignment: print $rax = 5, print *(int *)0x404020 = 7.\n"
	  "Floating point as C: print d * 2, print 1.5f, print (int)d; print FUNC shows its type\n"
	  "and address; print $xmm0 (or $xmm0.v4_int32[1]) a vector register's views." },
	{ "output", { 0 }, cmd_output, 0,
	  "Print an expression's value alone (no $N, no newline): output [/FMT] EXPR" },
	{ "x", { 0 }, cmd_x, CLI_REPEAT,
	  "Examine memory: x/NFU ADDR\n"
	  "N is a count, F a format (x d u o t c a z f s i; default x, then the last one), U a unit\n"
	  "size (b 1, h 2, w 4, g 8 bytes; default w, then the last one). With no ADDR, x goes\n"
	  "on after the last unit shown. Sets $_ to the last address examined, $__ to its contents." },
	{ "printf", { 0 }, cmd_printf, 0,
	  "Formatted output: printf \"FORMAT\", ARG...\n"
	  "Conversions as C's: %d %i %u %x %X %o %c %s %p %e %f %g with flags, width, precision\n"
	  "and l, ll, z; %s reads a NUL-terminated string from the program's memory." },
	{ "dump", { 0 }, cmd_dump, 0,
	  "Write memory to a file: dump [binary] memory FILE START END, or\n"
	  "dump [binary] value FILE EXPR (the value's bytes)." },
	{ "append", { 0 }, cmd_append, 0,
	  "Append memory to a file: append [binary] memory FILE START END, or\n"
	  "append [binary] value FILE EXPR." },
	{ "display", { 0 }, cmd_display, 0,
	  "Print an expression after every stop: display [/FMT] EXPR\n"
	  "/i, /s or a unit size show memory as x does (display/i $pc); other formats as print.\n"
	  "With no EXPR, show every display now. See undisplay, info display." },
	{ "ptype", { 0 }, cmd_ptype, 0,
	  "Print the definition of a type or of an expression's type: ptype EXPR,\n"
	  "ptype struct NAME, ptype TYPENAME (typedefs expanded, struct members listed)." },
	{ "whatis", { 0 }, cmd_whatis, 0,
	  "Print the type of an expression (whatis EXPR), or what a typedef names." },
	{ "undisplay", { 0 }, cmd_undisplay, 0,
	  "Cancel auto-display expressions: undisplay [NUM...] (all of them with no NUM)." },
	{ NULL, { 0 }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_data[] = {
	{ "registers", { "r" }, info_registers, 0,
	  "Registers of the selected thread: info registers [REG|GROUP...]\n"
	  "REG as rax, $rip, pc, eflags, xmm0; GROUP: general, float, sse, vector, system, all." },
	{ "all-registers", { 0 }, info_all_registers, 0,
	  "Every register of the selected thread: general, x87, SSE/AVX." },
	{ "display", { 0 }, info_display, 0, "Expressions to display after every stop." },
	{ NULL, { 0 }, NULL, 0, NULL },
};
