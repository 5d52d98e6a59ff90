/*
 * cmd_data.c - the CLI's data commands, as gdb spells them: print (p, inspect) and output,
 * assignment (set var, print $rax = 5), ptype and whatis here; and the tables of the whole
 * data group, whose other commands have their own files: x (cmd_data_x.c), printf and
 * dump/append (cmd_data_printf.c), info registers (cmd_data_regs.c), display (cmd_data_display.c).
 *
 * Owns: parsing these commands' arguments (the assignment '=', /FMT), the value history
 * pushes they make. Must not: format values itself (format.c does), evaluate expressions
 * other than through cli_eval, or resume the process.
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

#include "cmd_data.h"
#include "core_options.h"
#include "format.h"
#include "groups.h"

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
	return data_reg_find(name) != NULL;
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

/* A struct, union or array l (lhs) = r, as gdb: r's bytes when it has as many as l (in memory,
 * held by the debugger, or its bits), or, when r is no array and lives in the program's memory,
 * as many bytes as l has from there; an array literal fills an array from its start, zeros
 * after it; *out gets l's new value. */
static int store_bytes(struct cli *c, const char *lhs, const struct cdbg_value *l,
		       const struct cdbg_value *r, struct cdbg_value *out)
{
	unsigned char *buf;
	ssize_t n;

	if (!l->lvalue)
		return cli_error(c, "Left operand of assignment is not an lvalue.");
	if (!l->size || l->size > (1u << 20))
		return cli_error(c, "cannot assign to an object of %u bytes", (unsigned)l->size);
	/* an array literal into an array: its elements, the rest zeros (gdb 13) */
	bool literal = r->kind == CDBG_VAL_ARRAY && l->kind == CDBG_VAL_ARRAY && r->lvalue &&
		       r->addr >= CDBG_VALUE_HELD_BASE;
	size_t take = literal && r->size < l->size ? r->size : l->size;

	if (r->size != l->size && !literal &&
	    (!r->lvalue || r->kind == CDBG_VAL_ARRAY || r->addr >= CDBG_VALUE_HELD_BASE))
		return cli_error(c, "Invalid cast.");
	if (!r->lvalue && l->size > 8)
		return cli_error(c, "Invalid cast.");
	if (!(buf = calloc(1, l->size)))
		return cli_error(c, "out of memory");
	if (!r->lvalue)
		memcpy(buf, &r->bits, l->size);
	else if ((n = cdbg_value_read(c->p, r->addr, buf, take)) != (ssize_t)take) {
		free(buf);
		return data_no_memory(c, r->addr + (n > 0 ? (uint64_t)n : 0));
	}
	n = c->live ? cdbg_mem_write(c->p, l->addr, buf, l->size) : -1;
	free(buf);
	if (n != (ssize_t)l->size)
		return data_no_memory(c, l->addr);
	return cli_eval(c, lhs, out);
}

/* An array the debugger holds (a string literal, {1, 2}) stored into the program through a
 * pointer must live in the program: gdb's way, memory from the program's malloc, the bytes
 * copied there; r then is that array in the program. 0, or -1 with the error said. */
static int to_program(struct cli *c, struct cdbg_value *r)
{
	struct cdbg_value m;
	unsigned char *buf;
	char call[64];
	ssize_t n;

	if (!c->live || c->core)
		return cli_error(c, "evaluation of this expression requires the target program to "
				    "be active");
	if (!r->size || r->size > (1u << 20))
		return cli_error(c, "cannot copy a value of %u bytes into the program",
				 (unsigned)r->size);
	snprintf(call, sizeof(call), "(void *) malloc(%u)", (unsigned)r->size);
	if (cli_eval(c, call, &m) < 0)
		return -1;
	if (!m.bits)
		return cli_error(c, "the program's malloc(%u) failed: the value is not copied",
				 (unsigned)r->size);
	if (!(buf = malloc(r->size)))
		return cli_error(c, "out of memory");
	n = cdbg_value_read(c->p, r->addr, buf, r->size);
	if (n == (ssize_t)r->size)
		n = cdbg_mem_write(c->p, m.bits, buf, r->size);
	free(buf);
	if (n != (ssize_t)r->size)
		return data_no_memory(c, m.bits);
	r->addr = m.bits;
	return 0;
}

/* Store bits into the bit-field l in memory, as gdb's modify_field: a negative value that
 * fits loses its sign extension, a value too wide is cut with gdb's warning; the bits around
 * the field are kept. 0, or -1 with the error said. */
static int store_bits(struct cli *c, const struct cdbg_value *l, uint64_t bits)
{
	uint64_t mask = l->bitsize >= 64 ? ~0ull : (1ull << l->bitsize) - 1, word = 0;
	size_t n = (l->bitpos + l->bitsize + 7) / 8;

	if (n > sizeof(word))
		return cli_error(c, "cannot assign to a bit-field of %u bits at bit %u", l->bitsize,
				 l->bitpos);
	if (!l->is_signed && l->size && l->size < 8) /* gdb's LONGEST of the field's type */
		bits &= (1ull << (l->size * 8)) - 1;
	if ((~bits & ~(mask >> 1)) == 0)
		bits &= mask;
	if (bits & ~mask) {
		fflush(stdout);
		fprintf(stderr, "warning: Value does not fit in %u bits.\n", l->bitsize);
		bits &= mask;
	}
	if (!c->live || cdbg_value_read(c->p, l->addr, &word, n) != (ssize_t)n)
		return data_no_memory(c, l->addr);
	word = (word & ~(mask << l->bitpos)) | bits << l->bitpos; /* little-endian */
	if (cdbg_mem_write(c->p, l->addr, &word, n) != (ssize_t)n)
		return data_no_memory(c, l->addr);
	return 0;
}

/* Store r into the lvalue lhs (a register, memory, or a convenience variable); *out gets
 * the value lhs then has. */
static int store(struct cli *c, const char *lhs, struct cdbg_value *r, struct cdbg_value *out)
{
	struct cdbg_value l;
	unsigned size;

	if (is_conv_var(lhs)) {
		r->reg[0] = '\0';
		/* an array or struct stays where it is (a string literal: in the debugger) */
		if (!(r->is_aggregate && !r->is_float && r->lvalue && r->dtype))
			r->lvalue = 0;
		cli_var_set(c, lhs + 1, r);
		*out = *r;
		return 0;
	}
	if (lhs[0] == '$' && !is_reg_name(lhs + 1) && !strpbrk(lhs, "+-*/%&|^!~<>()[]?:,{} \t"))
		return cli_error(c, "Left operand of assignment is not a modifiable lvalue.");
	if (cli_eval(c, lhs, &l) < 0)
		return -1;
	if (l.is_pointer && r->kind == CDBG_VAL_ARRAY && r->lvalue &&
	    r->addr >= CDBG_VALUE_HELD_BASE && to_program(c, r) < 0)
		return -1;
	if (l.is_pointer && r->kind == CDBG_VAL_ARRAY && r->lvalue) {
		/* C: an array assigned to a pointer is the address of its first element */
		r->bits = r->addr;
		r->is_aggregate = 0;
		r->is_pointer = 1;
		r->size = 8;
		r->lvalue = 0;
		r->dtype = 0;
		r->kind = CDBG_VAL_POINTER;
	}
	bool ldec = l.kind == CDBG_VAL_FLOAT && !l.is_float && l.size <= 16;
	bool rdec = r->kind == CDBG_VAL_FLOAT && !r->is_float && r->size <= 16;

	if ((ldec || rdec) && l.size == 16 && (!rdec || r->size != 16))
		return cli_error(c, "Invalid cast."); /* TODO: a conversion to _Decimal128 */
	if (l.is_vector && r->size != l.size) {       /* gdb's value_cast to a vector */
		if (r->is_vector)
			return cli_error(c, "Cannot convert between vector values of different "
					    "sizes");
		if (!r->is_pointer &&
		    (!r->is_aggregate || r->kind == CDBG_VAL_FLOAT || r->kind == CDBG_VAL_ENUM))
			return cli_error(c, "can only cast scalar to vector of same size");
	}
	if (l.is_aggregate && !l.is_float && !ldec)
		return store_bytes(c, lhs, &l, r, out);
	if (r->is_aggregate && !r->is_float && !rdec)
		return cli_error(c, "Invalid cast."); /* a struct or array into a scalar */
	r->bits = cdbg_value_convert(c->p, r, &l);
	if (l.bitsize) {
		if (store_bits(c, &l, r->bits) < 0)
			return -1;
	} else if (l.reg[0]) {
		if (!cli_need_stopped(c))
			return -1;
		if (cdbg_reg_set(c->p, c->cur_tid, l.reg, r->bits) < 0)
			return cli_lib_error(c);
	} else if (l.lvalue) {
		uint64_t b[2] = { r->bits, r->bits_hi }; /* a _Decimal128 has 16 bytes */

		size = l.is_pointer ? 8 : l.size > 16 ? 16 : l.size;
		if (!c->live || cdbg_mem_write(c->p, l.addr, b, size) != (ssize_t)size)
			return data_no_memory(c, l.addr);
	} else {
		return cli_error(c, "Left operand of assignment is not an lvalue.");
	}
	return cli_eval(c, lhs, out);
}

/* Is s[0..n) one operand that ++ or -- may apply to as a whole: a name, a number, members,
 * subscripts, a dereference ("x", "p->a[i].b", "*p", "1"), no other operator? */
static bool simple_operand(const char *s, size_t n)
{
	size_t first = 0;

	while (first < n && isspace((unsigned char)s[first]))
		first++;
	for (size_t i = first; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (i == first && (ch == '-' || ch == '+') && i + 1 < n && s[i + 1] != ch)
			continue; /* -- -1: a negated operand (gdb: not an lvalue) */
		if (isalnum(ch) || strchr("_$.[]*() \t", ch))
			continue;
		if (ch == '-' && i + 1 < n && s[i + 1] == '>') {
			i++;
			continue;
		}
		return false;
	}
	return true;
}

/* The first ',' of s outside parentheses, brackets, braces and quotes (C's comma operator),
 * or -1. */
static long find_comma(const char *s)
{
	int depth = 0;
	char quote = 0;

	for (long i = 0; s[i]; i++) {
		char ch = s[i];
		if (quote) {
			if (ch == '\\' && s[i + 1])
				i++;
			else if (ch == quote)
				quote = 0;
		} else if (ch == '\'' || ch == '"') {
			quote = ch;
		} else if (strchr("([{", ch)) {
			depth++;
		} else if (strchr(")]}", ch)) {
			depth--;
		} else if (ch == ',' && depth == 0) {
			return i;
		}
	}
	return -1;
}

/* Evaluate text, which may be an assignment (LHS = VALUE, LHS op= VALUE, chained), or
 * several expressions joined by C's comma operator (each in turn, the last one's value). */
static int eval_assign(struct cli *c, char *text, struct cdbg_value *out)
{
	long comma = find_comma(text);
	char *t = cli_skip_ws(text);

	/* a C++ template's arguments (ns::pair<int, char>::x) are no comma operator */
	if (comma >= 0 && memchr(text, '<', (size_t)comma) && strchr(text + comma, '>'))
		comma = -1;
	size_t tn = strlen(t);

	while (tn && isspace((unsigned char)t[tn - 1]))
		tn--;
	if (comma < 0 && tn > 2 && t[0] == '(' && t[tn - 1] == ')') {
		/* (a, b): the comma operator inside parentheses that enclose the whole text */
		int depth = 0;
		bool whole = true;
		for (size_t i = 0; i + 1 < tn && whole; i++) {
			depth += t[i] == '(' ? 1 : t[i] == ')' ? -1 : 0;
			whole = depth > 0;
		}
		char *inner = whole ? strndup(t + 1, tn - 2) : NULL;
		if (inner && find_comma(inner) >= 0) {
			int r = eval_assign(c, inner, out);
			free(inner);
			return r;
		}
		free(inner);
	}
	if (comma >= 0) {
		bool no_left = !*cli_skip_ws(text) || cli_skip_ws(text) == text + comma;
		if (no_left || !*cli_skip_ws(text + comma + 1))
			return cli_error(c, "A syntax error in expression, near `%s'.",
					 no_left ? text + comma : "");
		char *left = strndup(text, (size_t)comma);
		int r;
		if (!left)
			return cli_error(c, "out of memory");
		r = eval_assign(c, left, out);
		free(left);
		return r < 0 ? -1 : eval_assign(c, text + comma + 1, out);
	}

	struct cdbg_value r;
	int oplen;
	long at = find_assign(text, &oplen);
	char *start = cli_skip_ws(text), *lhs, *expr;
	int ret;

	if (at < 0) {
		/* ++X, --X: X op= 1; X++, X--: X's value, then X op= 1 */
		size_t n = strlen(start);
		while (n && isspace((unsigned char)start[n - 1]))
			n--;
		bool pre = n > 2 && (!strncmp(start, "++", 2) || !strncmp(start, "--", 2)) &&
			   simple_operand(start + 2, n - 2);
		bool post = !pre && n > 2 &&
			    (!strncmp(start + n - 2, "++", 2) ||
			     !strncmp(start + n - 2, "--", 2)) &&
			    simple_operand(start, n - 2) && !memchr(start, '*', n - 2) &&
			    *start != '-' && *start != '+';
		/* (*p++ is *(p++): not the operand *p; it is refused rather than done wrong) */
		if (pre || post) {
			char op = pre ? start[0] : start[n - 1], *line;
			expr = strndup(start + (pre ? 2 : 0), n - 2);
			if (cli_eval(c, expr ? expr : "", &r) < 0) {
				free(expr);
				return -1;
			}
			if (post && r.is_vector && r.lvalue) { /* its value before, as a copy */
				char *copy = NULL;
				if (asprintf(&copy, "+(%s)", expr) < 0 ||
				    cli_eval(c, copy, &r) < 0) {
					free(copy);
					free(expr);
					return -1;
				}
				free(copy);
			}
			free(expr);
			if (r.kind == CDBG_VAL_STRUCT || r.kind == CDBG_VAL_UNION)
				return cli_error(c,
						 "Structure has no component named operator%c%c.",
						 op, op);
			if (asprintf(&line, "%.*s %c= 1", (int)(n - 2), start + (pre ? 2 : 0), op) <
			    0)
				return cli_error(c, "out of memory");
			ret = eval_assign(c, line, out);
			free(line);
			if (ret == 0 && post)
				*out = r;
			return ret;
		}
		return cli_eval(c, text, out);
	}
	if (eval_assign(c, text + at + 1, &r) < 0)
		return -1;
	if (!(lhs = strndup(start,
			    text + at - oplen > start ? (size_t)(text + at - oplen - start) : 0)))
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
	static char last; /* gdb's last_format: a /FMT with no letter ("/r") takes it */
	struct xfmt xf;

	*fmt = 0;
	if (**args != '/')
		return 0;
	if (data_parse_fmt(c, args, &xf) < 0)
		return -1;
	if (!xf.fmt)
		xf.fmt = last;
	if (xf.fmt == 'i')
		return cli_error(c, "Format letter \"i\" is meaningless in \"%s\" command.", cmd);
	if (xf.size)
		return cli_error(c, "Size letters are meaningless in \"%s\" command.", cmd);
	if (xf.has_count && xf.count != 1)
		return cli_error(c, "Item count other than 1 is meaningless in \"%s\" command.",
				 cmd);
	*fmt = last = xf.fmt;
	return 0;
}

/* A function type's "(int, char **)" as gdb's type printer writes it when styled: each
 * parameter followed by its (empty) name in the variable style; "(void)" as it is. */
static void put_params(struct cli *c, const char *params)
{
	const char *vb = cli_st(c, CDBG_STYLE_VARIABLE), *ve = cli_st_end(c, CDBG_STYLE_VARIABLE);
	int depth = 0;

	if (!c->print.styled || !strcmp(params, "(void)") || !strcmp(params, "()")) {
		fputs(params, stdout);
		return;
	}
	for (const char *p = params; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if ((depth == 0 && *p == ')') || (depth == 1 && *p == ','))
			printf("%s%s", vb, ve);
		putchar(*p);
	}
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
	if (!n || *s || isdigit((unsigned char)name[0]) || !cli_symbols(c) || n >= sizeof(sym))
		return 0;
	memcpy(sym, name, n);
	sym[n] = '\0';
	if (cdbg_sym_by_name(c->p, sym, &fs) < 0 ||
	    (fs.kind != CDBG_SYM_FUNC && fs.kind != CDBG_SYM_IFUNC))
		return 0;
	if (cli_eval(c, sym, &v) < 0 || !v.is_pointer || v.pointee_size || v.lvalue ||
	    v.bits != fs.addr)
		return 0;              /* a variable of that name hides the function */
	if (fs.kind == CDBG_SYM_IFUNC) /* gdb: the ELF symbol's kind, whatever DWARF says */
		snprintf(ty, sizeof(ty), "<text gnu-indirect-function variable, no debug info>");
	else if (cdbg_ptype(c->p, c->cur_tid, cli_selected_frame(c), sym, 0, ty, sizeof(ty)) < 0)
		snprintf(ty, sizeof(ty), "<text variable, no debug info>");
	if (!output) {
		h = cli_hist_push(c, &v);
		printf("$%d = ", h);
	}
	if (ty[0] != '<' && (paren = strstr(ty, " ("))) {
		*paren = '\0';
		/* gdb's type printer: the function's (empty) name in its style, when styled */
		printf(op != '&' ? "{%s %s%s" : "(%s (*%s%s)", ty,
		       cli_st(c, op != '&' ? CDBG_STYLE_FUNCTION : CDBG_STYLE_VARIABLE),
		       cli_st_end(c, op != '&' ? CDBG_STYLE_FUNCTION : CDBG_STYLE_VARIABLE));
		put_params(c, paren + 1);
		putchar(op != '&' ? '}' : ')');
	} else if (op != '&') {
		printf("{%s}", ty);
	} else {
		printf("(%s *)", ty);
	}
	if (!c->print.no_address) { /* set print address off: the symbol alone */
		printf(" %s0x%" PRIx64 "%s", cli_st(c, CDBG_STYLE_ADDRESS), v.bits,
		       cli_st_end(c, CDBG_STYLE_ADDRESS));
	}
	if ((name = cli_symbolize(c, v.bits, sym, sizeof(sym)))) {
		const char *plus = strrchr(name, '+');
		int nl = plus ? (int)(plus - name) : (int)strlen(name);
		printf(" <%s%.*s%s%s>", cli_st(c, CDBG_STYLE_FUNCTION), nl, name,
		       cli_st_end(c, CDBG_STYLE_FUNCTION), name + nl);
	}
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
	if (!cli_need_frames(c))
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

/* gdb's print options before the expression, ended by "--" (without it, "-x" is the
 * expression; core_options.c has gdb's rules): they change c->print for this command (the
 * caller restores it). An option cdbg cannot honour is refused with a sentence. */
static int print_options(struct cli *c, char **args)
{
	struct cli_opt_val v[CLI_POPT_COUNT] = { 0 };
	const char *s = cli_skip_ws(*args);
	int r;

	v[CLI_POPT_ADDRESS].b = !c->print.no_address;
	v[CLI_POPT_ARRAY_INDEXES].b = c->print.array_indexes;
	v[CLI_POPT_ELEMENTS].u = c->print.elements ? c->print.elements : UINT_MAX;
	v[CLI_POPT_REPEATS].u = c->print.repeats ? c->print.repeats : UINT_MAX;
	v[CLI_POPT_MAX_DEPTH].i = c->print.max_depth < 0 ? -1 :
				  c->print.max_depth     ? c->print.max_depth - 1 :
							   20;
	v[CLI_POPT_NIBBLES].b = c->print.nibbles != 0;
	v[CLI_POPT_NULL_STOP].b = c->print.null_stop;
	v[CLI_POPT_PRETTY].b = c->print.pretty;
	v[CLI_POPT_SYMBOL].b = !c->print.no_symbol;
	v[CLI_POPT_STATIC_MEMBERS].b = v[CLI_POPT_UNION].b = true;
	if ((r = cli_opts_process(c, &s, CLI_OPTS_REQUIRE_DELIMITER, cli_print_opt_defs,
				  cli_print_opt_count, v)) <= 0) {
		*args = (char *)s;
		return r;
	}
	/* what cdbg does not do (C++ dynamic types and vtables, array layout, leaving out
	 * unions or static members) is refused rather than ignored */
	if (v[CLI_POPT_OBJECT].b || v[CLI_POPT_VTBL].b || v[CLI_POPT_ARRAY].b ||
	    !v[CLI_POPT_STATIC_MEMBERS].b || !v[CLI_POPT_UNION].b)
		return cli_error(c, "cdbg does not support print -%s yet.",
				 v[CLI_POPT_OBJECT].b          ? "object" :
				 v[CLI_POPT_VTBL].b            ? "vtbl" :
				 v[CLI_POPT_ARRAY].b           ? "array" :
				 !v[CLI_POPT_STATIC_MEMBERS].b ? "static-members off" :
								 "union off");
	c->print.no_address = !v[CLI_POPT_ADDRESS].b;
	c->print.array_indexes = v[CLI_POPT_ARRAY_INDEXES].b;
	c->print.elements = v[CLI_POPT_ELEMENTS].u == UINT_MAX ? 0 : v[CLI_POPT_ELEMENTS].u;
	c->print.repeats = v[CLI_POPT_REPEATS].u == UINT_MAX ? 0 : v[CLI_POPT_REPEATS].u;
	c->print.max_depth = v[CLI_POPT_MAX_DEPTH].i < 0 ? -1 : v[CLI_POPT_MAX_DEPTH].i + 1;
	c->print.nibbles = !v[CLI_POPT_NIBBLES].b ? 0 : c->print.nibbles ? c->print.nibbles : ' ';
	c->print.null_stop = v[CLI_POPT_NULL_STOP].b;
	c->print.pretty = v[CLI_POPT_PRETTY].b;
	c->print.no_symbol = !v[CLI_POPT_SYMBOL].b;
	*args = (char *)s;
	return 0;
}

static int print_cmd(struct cli *c, char *args);

static int cmd_print(struct cli *c, char *args)
{
	struct cdbg_print_opts saved = c->print;
	int r;

	args = cli_skip_ws(args);
	r = print_options(c, &args);
	if (r == 0)
		r = print_cmd(c, args);
	c->print = saved;
	return r;
}

static int print_cmd(struct cli *c, char *args)
{
	struct cdbg_value v;
	char fmt;
	int n;

	if (print_fmt(c, &args, "print", &fmt) < 0)
		return -1;
	rtrim(args);
	if (!*args) {
		if (!c->nhist)
			return cli_error(c, "The history is empty.");
		v = c->hist[c->nhist - 1];
	} else {
		/* print FUNC(ARGS) calls it, as gdb does; a void result is "$N = void". */
		int call = cli_try_call(c, args, &v);
		if (call < 0)
			return -1;
		if (call > 0 && !v.size) {
			cdbg_value_int(&v, 0, 4, 1);
			v.size = 0;
			v.kind = CDBG_VAL_VOID;
			snprintf(v.type, sizeof(v.type), "void");
			printf("$%d = void\n", cli_hist_push(c, &v));
			return 0;
		}
		if (call == 0 && !fmt && print_func(c, args, false))
			return 0;
		if (call == 0 && args[0] == '$' && cli_func_name(args + 1)) {
			/* gdb's convenience functions are values of their own */
			cdbg_value_int(&v, 0, 4, 1);
			v.size = 0;
			v.kind = CDBG_VAL_VOID;
			v.type[0] = '\0';
			printf("$%d = <internal function %s>\n", cli_hist_push(c, &v), args + 1);
			return 0;
		}
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

/* ---------------------------------------------------------------- ptype, whatis */

static int show_type(struct cli *c, char *args, unsigned flags)
{
	pid_t tid = c->live ? c->cur_tid : 0;
	char *buf;
	int n;

	args = cli_skip_ws(args);
	rtrim(args);
	/* gdb's /FLAGS: r (no pretty-printers: cdbg has none for types), m (no methods) and t
	 * (no typedefs: cdbg shows neither) change nothing; the others are not there yet */
	if (*args == '/') {
		for (args++; *args && !isspace((unsigned char)*args); args++) {
			if (strchr("rmt", *args))
				continue;
			if (strchr("MToxd", *args))
				return cli_error(c, "cdbg does not support ptype/%c yet.", *args);
			return cli_error(c, "unrecognized flag '%c'", *args);
		}
		args = cli_skip_ws(args);
	}
	if (!*args)
		return cli_error(c, "Argument required (one or more choice items).");
	c->types_only = true;
	n = cdbg_ptype_env(c->p, tid, c->live ? cli_selected_frame(c) : 0, args, cli_eval_env(c),
			   flags, NULL, 0);
	c->types_only = false;
	const char *what = cdbg_errsubject(c->p); /* "struct x" names no type */
	if (n < 0 && cdbg_errcode(c->p) == CDBG_ENONAME && strchr(what, ' '))
		return cli_error(c, "No %.*s type named %s.", (int)strcspn(what, " "), what,
				 strchr(what, ' ') + 1);
	/* a variable with no debug info: gdb names what it is */
	char unknown[300];
	snprintf(unknown, sizeof(unknown), "'%s' has unknown type; cast it to its declared type",
		 args);
	if (n < 0 && !strcmp(cdbg_errmsg(c->p), unknown)) {
		printf("type = <data variable, no debug info>\n");
		return 0;
	}
	if (n < 0 && cdbg_errcode(c->p) == CDBG_ENONAME && *what && !cli_need_symbols(c))
		return -1; /* no program: gdb says so for any name */
	if (n < 0 && cdbg_errcode(c->p) == CDBG_ENONAME && *what)
		return cli_error(c, "No symbol \"%s\" in current context.", what);
	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return cli_lib_error(c);
	c->types_only = true;
	n = cdbg_ptype_env(c->p, tid, cli_selected_frame(c), args, cli_eval_env(c), flags, buf,
			   (size_t)n + 1);
	c->types_only = false;
	if (n < 0) {
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
	{ "print",
	  { "p", "inspect" },
	  cmd_print,
	  0,
	  "Print the value of an expression: print [/FMT] [EXPR]\n"
	  "FMT is one letter: x (hex), d (signed decimal), u (unsigned), o (octal), t (binary),\n"
	  "c (char), a (address with <symbol+offset>), z (zero-padded hex), f (float).\n"
	  "Each value goes into the history as $N; print with no EXPR shows the last one.\n"
	  "EXPR may be an assignment: print $rax = 5, print *(int *)0x404020 = 7.\n"
	  "Floating point as C: print d * 2, print 1.5f, print (int)d; print FUNC shows its type\n"
	  "and address; print $xmm0 (or $xmm0.v4_int32[1]) a vector register's views." },
	{ "output",
	  { 0 },
	  cmd_output,
	  0,
	  "Print an expression's value alone (no $N, no newline): output [/FMT] EXPR" },
	{ "x",
	  { 0 },
	  data_cmd_x,
	  CLI_REPEAT,
	  "Examine memory: x/NFU ADDR\n"
	  "N is a count, F a format (x d u o t c a z f s i; default x, then the last one), U a unit\n"
	  "size (b 1, h 2, w 4, g 8 bytes; default w, then the last one). With no ADDR, x goes\n"
	  "on after the last unit shown. Sets $_ to the last address examined, $__ to its contents." },
	{ "printf",
	  { 0 },
	  data_cmd_printf,
	  0,
	  "Formatted output: printf \"FORMAT\", ARG...\n"
	  "Conversions as C's: %d %i %u %x %X %o %c %s %p %e %f %g with flags, width, precision\n"
	  "and l, ll, z; %s reads a NUL-terminated string from the program's memory." },
	{ "dump",
	  { 0 },
	  data_cmd_dump,
	  0,
	  "Write memory to a file: dump [binary] memory FILE START END, or\n"
	  "dump [binary] value FILE EXPR (the value's bytes)." },
	{ "append",
	  { 0 },
	  data_cmd_append,
	  0,
	  "Append memory to a file: append [binary] memory FILE START END, or\n"
	  "append [binary] value FILE EXPR." },
	{ "restore",
	  { 0 },
	  data_cmd_restore,
	  0,
	  "Restore the contents of FILE to target memory.\n"
	  "Usage: restore FILE [binary] [OFFSET [START [END]]]\n"
	  "Arguments are FILE OFFSET START END where all except FILE are optional.\n"
	  "OFFSET will be added to the base address of the file (default zero).\n"
	  "If START and END are given, only the file contents within that range\n"
	  "(file relative) will be restored to target memory." },
	{ "display",
	  { 0 },
	  data_cmd_display,
	  0,
	  "Print an expression after every stop: display [/FMT] EXPR\n"
	  "/i, /s or a unit size show memory as x does (display/i $pc); other formats as print.\n"
	  "With no EXPR, show every display now. See undisplay, info display." },
	{ "ptype",
	  { 0 },
	  cmd_ptype,
	  0,
	  "Print the definition of a type or of an expression's type: ptype EXPR,\n"
	  "ptype struct NAME, ptype TYPENAME (typedefs expanded, struct members listed)." },
	{ "whatis",
	  { 0 },
	  cmd_whatis,
	  0,
	  "Print the type of an expression (whatis EXPR), or what a typedef names." },
	{ "undisplay",
	  { 0 },
	  data_cmd_undisplay,
	  0,
	  "Cancel auto-display expressions: undisplay [NUM...] (all of them with no NUM)." },
	{ NULL, { 0 }, NULL, 0, NULL },
};

const struct cli_cmd cli_info_data[] = {
	{ "registers",
	  { "r" },
	  data_info_registers,
	  0,
	  "Registers of the selected thread: info registers [REG|GROUP...]\n"
	  "REG as rax, $rip, pc, eflags, xmm0; GROUP: general, float, sse, vector, system, all." },
	{ "all-registers",
	  { 0 },
	  data_info_all_registers,
	  0,
	  "Every register of the selected thread: general, x87, SSE/AVX." },
	{ "display", { 0 }, data_info_display, 0, "Expressions to display after every stop." },
	{ NULL, { 0 }, NULL, 0, NULL },
};
