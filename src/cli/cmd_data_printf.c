/*
 * cmd_data_printf.c - printf "FORMAT", ARGS (C's conversions; %s reads the program's memory) and
 * dump/append [binary] memory|value FILE ... (the program's bytes into a file).
 *
 * Owns: these commands' argument parsing. Must not: format values itself (format.c does).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "cmd_data.h"
#include "format.h"

#define DUMP_MAX (1ull << 30)     /* largest range dump copies (it is held in memory first) */
#define PRINTF_STR_MAX (1u << 20) /* longest string printf's %s reads from the tracee */

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

	while (buf && (c->live || addr >= CDBG_VALUE_HELD_BASE)) {
		n = cdbg_value_mem(c->p, addr + len, buf + len, cap - len);
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
	data_no_memory(c, addr + len);
	return NULL;
}

/* The wide string (wchar_t units) at addr for %ls, as far as it is ASCII; malloc'd. */
static char *read_wstring(struct cli *c, uint64_t addr)
{
	char *buf = malloc(PRINTF_STR_MAX / 4 + 1);
	size_t n = 0;
	uint32_t w;

	while (buf && n < PRINTF_STR_MAX / 4) {
		if (!c->live || cdbg_value_mem(c->p, addr + 4 * n, &w, 4) != 4) {
			free(buf);
			data_no_memory(c, addr + 4 * n);
			return NULL;
		}
		if (!w || w > 0x7f)
			break;
		buf[n++] = (char)w;
	}
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* The value of printf argument arg for conversion conv into *out, converted as gdb's printf
 * converts it (present/printf.c): %s takes a "literal" or reads the string the value points
 * to; a float's bits and size are passed for %f and truncated for %d. */
static int printf_arg(struct cli *c, char *arg, char conv, struct fmt_arg *out,
		      struct cdbg_printf_arg *pa)
{
	struct cdbg_value v;
	size_t n = strlen(arg);
	bool flt;

	if ((conv == 's' || conv == 'S') && n >= 2 && arg[0] == '"' && arg[n - 1] == '"') {
		arg[n - 1] = '\0';
		cli_unescape(arg + 1);
		out->str = strdup(arg + 1);
		pa->str = out->str;
		return out->str ? 0 : cli_error(c, "out of memory");
	}
	if (cli_eval(c, arg, &v) < 0)
		return -1;
	out->bits = data_value_addr(&v);
	out->is_signed = v.is_signed && !v.is_pointer;
	flt = v.is_float || (v.kind == CDBG_VAL_FLOAT && (v.size == 10 || v.size == 16));
	*pa = (struct cdbg_printf_arg){ out->bits, out->is_signed, NULL, v.size, flt, 0 };
	if (flt && v.size > 8 && v.lvalue) {
		unsigned char b[16] = { 0 };
		if (cdbg_mem_read(c->p, v.addr, b, 10) == 10)
			memcpy(&pa->ld, b, 10);
	}
	if (v.is_pointer || (v.is_aggregate && !flt)) /* an array's address, as gdb's */
		pa->size = 8;
	if (!strchr("sSeEfgGp", conv) && !flt &&
	    (v.kind == CDBG_VAL_STRUCT || v.kind == CDBG_VAL_UNION))
		return cli_error(c, "Value can't be converted to integer.");
	if (conv == 'C' && strcmp(v.type, "wchar_t"))
		return cli_error(c, "expected wchar_t argument for %%lc");
	if (flt && (conv == 's' || conv == 'S')) { /* gdb's value_as_long: truncated */
		char num[512];
		if (cdbg_format_printf("%Lf", (struct cdbg_printf_arg[]){ *pa }, 1, num,
				       sizeof(num)) > 0)
			pa->bits = out->bits = (uint64_t)strtoll(num, NULL, 10);
	}
	if (v.kind == CDBG_VAL_FLOAT && !v.is_float && v.size <= 16 && strchr("eEfgG", conv)) {
		char num[128]; /* a decimal float: its text, for %Hf %Df %DDf */

		if (cdbg_value_format(c->p, &v, 0, 0, num, sizeof(num)) < 0)
			return cli_lib_error(c);
		if (!(out->str = strdup(num)))
			return cli_error(c, "out of memory");
		pa->str = out->str;
		return 0;
	}
	if (conv == 's' && out->bits && !(out->str = read_cstring(c, out->bits)))
		return -1;
	if (conv == 'S' && out->bits && !(out->str = read_wstring(c, out->bits)))
		return -1;
	pa->str = out->str;
	return 0;
}

/* printf "FMT", ARGS...: C's printf over expression values; %s reads tracee memory. Every
 * argument is evaluated before anything is printed. */
int data_cmd_printf(struct cli *c, char *args)
{
	char *s = cli_skip_ws(args), *fmt, *part[128], convs[128], err[128], *buf = NULL;
	struct fmt_arg vals[128] = { { 0 } };
	struct cdbg_printf_arg pargs[128] = { { 0 } };
	int n = 0, nconv, ret = -1, len;

	if (!*s)
		return cli_error(c, "Argument required (format-control string and values to "
				    "print).");
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
		if (printf_arg(c, part[i], convs[i], &vals[i], &pargs[i]) < 0)
			goto out_vals;
	if ((len = cdbg_format_printf(fmt, pargs, (size_t)n, NULL, 0)) < 0 ||
	    !(buf = malloc((size_t)len + 1))) {
		cli_error(c, "out of memory");
		goto out_vals;
	}
	cdbg_format_printf(fmt, pargs, (size_t)n, buf, (size_t)len + 1);
	fwrite(buf, 1, (size_t)len, stdout);
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

/* ---- dump --------------------------------------------------------------------------------- */

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

/* The bytes of [start, end) into path, in format fmt (NULL: binary). */
static int dump_memory(struct cli *c, const char *path, char *args, const char *mode,
		       const char *fmt)
{
	char *lo = next_arg(&args), *hi;
	uint64_t start, end, got = 0;
	unsigned char *buf;
	ssize_t n;
	int ret;

	if (!lo)
		return cli_error(c, "Missing start address.");
	/* gdb: START is one word, END the rest of the line */
	hi = cli_skip_ws(args);
	rtrim(hi);
	if (!*hi)
		return cli_error(c, "Missing stop address.");
	if (cli_eval_u64(c, lo, &start) < 0 || cli_eval_u64(c, hi, &end) < 0)
		return -1;
	if (start >= end)
		return cli_error(c, "Invalid memory address range (start >= end).");
	if (end - start > DUMP_MAX)
		return cli_error(c,
				 "cannot dump %" PRIu64 " bytes: at most 1 GiB at a time; "
				 "split the range",
				 end - start);
	if (!(buf = malloc(end - start)))
		return cli_error(c, "out of memory");
	while (got < end - start) {
		n = cli_symbols(c) ?
			    cdbg_mem_read(c->p, start + got, buf + got, end - start - got) :
			    -1;
		if (n <= 0) {
			free(buf);
			return data_no_memory(c, start + got);
		}
		got += (uint64_t)n;
	}
	ret = fmt ? data_dump_format(c, path, fmt, buf, end - start, start) :
		    write_file(c, path, buf, end - start, mode);
	free(buf);
	return ret;
}

/* dump|append [binary] memory FILE START END, dump|append [binary] value FILE EXPR. */
static int dump_or_append(struct cli *c, char *args, const char *cmd, const char *mode)
{
	char *what = next_arg(&args), *path;
	const char *fmt = NULL;
	struct cdbg_value v;
	uint64_t bits;

	if (what && strlen(what) >= 3 && !strncmp(what, "binary", strlen(what)))
		what = next_arg(&args);
	else if (what && *mode == 'w' &&
		 (!strcmp(what, "ihex") || !strcmp(what, "srec") || !strcmp(what, "tekhex") ||
		  !strcmp(what, "verilog"))) {
		fmt = what;
		what = next_arg(&args);
	}
	if (!what)
		return cli_error(c,
				 "\"%s\" must be followed by a subcommand: %s [binary] memory "
				 "FILE START END, or %s [binary] value FILE EXPR",
				 cmd, cmd, cmd);
	/* gdb's abbreviations: mem, val */
	if (strlen(what) >= 3 && !strncmp(what, "memory", strlen(what)))
		what = "memory";
	else if (strlen(what) >= 3 && !strncmp(what, "value", strlen(what)))
		what = "value";
	if (strcmp(what, "memory") && strcmp(what, "value"))
		return cli_error(c, "Undefined %s command: \"%s\".  Try \"help %s\".", cmd, what,
				 cmd);
	if (!(path = next_arg(&args)))
		return cli_error(c, "Missing filename.");
	if (!strcmp(what, "memory"))
		return dump_memory(c, path, args, mode, fmt);
	args = cli_skip_ws(args);
	rtrim(args);
	if (!*args)
		return cli_error(c, "No value to %s.", cmd);
	if (cli_eval(c, args, &v) < 0)
		return -1;
	size_t size = v.is_pointer ? 8 : v.size;
	unsigned char *buf = NULL;
	const void *bytes = &bits;
	int r;
	bits = v.bits;
	if (size > sizeof(bits) || (v.lvalue && v.is_aggregate)) { /* its bytes are in memory */
		if (!v.lvalue)
			return cli_error(c, "cannot %s a value of %zu bytes that is not in memory",
					 cmd, size);
		if (!(buf = malloc(size ? size : 1)))
			return cli_error(c, "out of memory");
		if (cdbg_mem_read(c->p, v.addr, buf, size) != (ssize_t)size) {
			free(buf);
			return data_no_memory(c, v.addr);
		}
		bytes = buf;
	}
	if (fmt && !v.lvalue)
		fprintf(stderr, "warning: value is not an lval: address assumed to be zero\n");
	r = fmt ? data_dump_format(c, path, fmt, bytes, size, v.lvalue ? v.addr : 0) :
		  write_file(c, path, bytes, size, mode);
	free(buf);
	return r;
}

int data_cmd_dump(struct cli *c, char *args)
{
	return dump_or_append(c, args, "dump", "wb");
}

int data_cmd_append(struct cli *c, char *args)
{
	return dump_or_append(c, args, "append", "ab");
}
