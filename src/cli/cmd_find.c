/*
 * cmd_find.c - gdb's find: search the program's memory for a sequence of values.
 *
 *   find [/SIZE-CHAR] [/MAX-COUNT] START, +LENGTH|END, VALUE1 [, VALUE2 ...]
 *
 * Values are expressions: a string literal is its characters (no NUL), any other value its
 * bytes, as many as its type has, or as many as the size letter (b, h, w, g) says. Matches
 * are printed as addresses with <symbol+offset>, at most MAX-COUNT of them; $_ is the last
 * one and $numfound the count, as gdb sets them.
 *
 * Owns: the find command. Must not: read memory except through cdbg_mem_read (breakpoints
 * hidden), call another command group.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "groups.h"

#define FIND_CHUNK 16000u      /* memory read at a time (the pattern's length more overlaps) */
#define FIND_MAX_PATTERN 4096u /* bytes the values may make */

/* The next top-level comma of s (outside quotes, parentheses, brackets and braces), or its
 * end. */
static char *next_comma(char *s)
{
	int depth = 0;
	char quote = 0;

	for (; *s; s++) {
		if (quote) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == quote)
				quote = 0;
		} else if (*s == '"' || *s == '\'') {
			quote = *s;
		} else if (strchr("([{", *s)) {
			depth++;
		} else if (strchr(")]}", *s) && depth) {
			depth--;
		} else if (*s == ',' && !depth) {
			return s;
		}
	}
	return s;
}

/* "/b /1", "/1b", "/b1": the size letter (0 when none) and the count (0: no limit). */
static int find_options(struct cli *c, char **args, unsigned *size, unsigned long *max)
{
	char *s = cli_skip_ws(*args);

	while (*s == '/') {
		for (s++; *s && !isspace((unsigned char)*s) && *s != '/';) {
			if (isdigit((unsigned char)*s)) {
				char *end;
				*max = strtoul(s, &end, 10);
				if (!*max)
					return cli_error(c, "Invalid count.");
				s = end;
				continue;
			}
			switch (*s++) {
			case 'b':
				*size = 1;
				break;
			case 'h':
				*size = 2;
				break;
			case 'w':
				*size = 4;
				break;
			case 'g':
				*size = 8;
				break;
			default:
				return cli_error(c, "Invalid size granularity.");
			}
		}
		s = cli_skip_ws(s);
	}
	*args = s;
	return 0;
}

/* Append value text's bytes to pat (*n so far): a string literal's characters, else the
 * value's bytes, size of them when size is given. */
static int add_value(struct cli *c, char *text, unsigned size, unsigned char *pat, size_t *n)
{
	struct cdbg_value v;
	size_t len;

	text = cli_skip_ws(text);
	if (cli_eval(c, text, &v) < 0)
		return -1;
	if (v.kind == CDBG_VAL_ARRAY && text[0] == '"') {
		len = v.size ? v.size - 1 : 0; /* gdb: a string without its NUL */
		if (*n + len > FIND_MAX_PATTERN)
			return cli_error(c, "Search pattern is too long.");
		if (len && cdbg_value_read(c->p, v.addr, pat + *n, len) != (ssize_t)len)
			return cli_error(c, "cannot read the string's bytes");
		*n += len;
		return 0;
	}
	if (v.is_aggregate && !v.is_float && !size) { /* a struct or array: all its bytes */
		len = v.size;
		if (!v.lvalue || !len || *n + len > FIND_MAX_PATTERN)
			return cli_error(c, "Search pattern is too long.");
		if (cdbg_value_read(c->p, v.addr, pat + *n, len) != (ssize_t)len)
			return cli_error(c, "cannot read the value's bytes");
		*n += len;
		return 0;
	}
	len = size ? size : v.is_pointer ? 8 : v.size;
	if (!len || len > 8 || *n + len > FIND_MAX_PATTERN)
		return cli_error(c, "Search pattern is too long.");
	memcpy(pat + *n, &v.bits, len); /* the program is little-endian */
	*n += len;
	return 0;
}

/* An address or length expression: an array is its address, as C decays it. */
static int eval_addr(struct cli *c, const char *text, uint64_t *out)
{
	struct cdbg_value v;

	if (cli_eval(c, text, &v) < 0)
		return -1;
	*out = v.kind == CDBG_VAL_ARRAY && v.lvalue ? v.addr : v.bits;
	return 0;
}

static void set_results(struct cli *c, uint64_t last, unsigned long found)
{
	struct cdbg_value v;

	if (found) {
		cdbg_value_int(&v, last, 8, 0);
		v.is_pointer = 1;
		v.ptr_depth = 1;
		v.pointee_size = 0;
		v.kind = CDBG_VAL_POINTER;
		snprintf(v.type, sizeof(v.type), "void *");
		cli_var_set(c, "_", &v);
	}
	cdbg_value_int(&v, found, 4, 1);
	cli_var_set(c, "numfound", &v);
}

static int cmd_find(struct cli *c, char *args)
{
	unsigned char pat[FIND_MAX_PATTERN], *buf = NULL;
	unsigned long max = 0, found = 0;
	uint64_t start, end, len, at, last = 0;
	unsigned size = 0;
	size_t plen = 0;
	char *p, *comma;
	int r = -1;

	if (find_options(c, &args, &size, &max) < 0)
		return -1;
	if (!*args)
		return cli_error(c, "Missing search parameters.");
	if (!cli_need_live(c))
		return -1;
	comma = next_comma(args);
	bool more = *comma != '\0';
	*comma = '\0';
	if (eval_addr(c, args, &start) < 0)
		return -1;
	p = more ? cli_skip_ws(comma + 1) : comma;
	if (!*p) /* gdb evaluates the missing length */
		return cli_error(c, "Argument required (expression to compute).");
	comma = next_comma(p);
	if (!*comma)
		return cli_error(c, "Missing search pattern.");
	*comma = '\0';
	if (*p == '+') {
		if (eval_addr(c, p + 1, &len) < 0)
			return -1;
		if (!len) /* gdb says so, and finds nothing */
			printf("Empty search range.\n");
		end = start + len - 1;
	} else {
		if (eval_addr(c, p, &end) < 0)
			return -1;
		if (end < start)
			return cli_error(c, "Invalid search space, end precedes start.");
		len = end - start + 1;
		if (!len)
			return cli_error(c, "Overflow in address range computation, choose smaller "
					    "range.");
	}
	for (p = comma + 1; *p || p == comma + 1;) {
		char *v = p;

		comma = next_comma(p);
		p = *comma ? comma + 1 : comma;
		*comma = '\0';
		if (!*cli_skip_ws(v))
			return cli_error(c, "Missing search pattern.");
		if (add_value(c, v, size, pat, &plen) < 0)
			return -1;
		if (!*p)
			break;
	}
	if (!plen)
		return cli_error(c, "Missing search pattern.");
	if (len && len < plen)
		return cli_error(c, "Search space too small to contain pattern.");
	if (len < plen) {
		printf("Pattern not found.\n");
		set_results(c, 0, 0);
		return 0;
	}
	if (!(buf = malloc(FIND_CHUNK + plen)))
		return cli_error(c, "out of memory");
	/* Chunks overlap by the pattern's length less one: a match across a boundary is seen. */
	for (at = start; at + plen - 1 <= end && (!max || found < max);) {
		uint64_t want = end - at + 1 < FIND_CHUNK + plen - 1 ? end - at + 1 :
								       FIND_CHUNK + plen - 1;
		ssize_t got = cdbg_mem_read(c->p, at, buf, (size_t)want);

		if (got < (ssize_t)plen) {
			printf("Unable to access %zu bytes of target memory at 0x%" PRIx64
			       ", halting search.\n",
			       (size_t)want, at);
			goto done;
		}
		for (size_t i = 0; i + plen <= (size_t)got && (!max || found < max); i++) {
			char sym[300];

			if (memcmp(buf + i, pat, plen))
				continue;
			last = at + i;
			found++;
			if (cli_symbolize(c, last, sym, sizeof(sym)))
				printf("0x%" PRIx64 " <%s>\n", last, sym);
			else
				printf("0x%" PRIx64 "\n", last);
		}
		if ((uint64_t)got < want)
			break; /* the readable end */
		at += (uint64_t)got - (plen - 1);
	}
done:
	if (found)
		printf("%lu pattern%s found.\n", found, found == 1 ? "" : "s");
	else
		printf("Pattern not found.\n");
	set_results(c, last, found);
	r = 0;
	free(buf);
	return r;
}

const struct cli_cmd cli_cmds_find[] = {
	{ "find",
	  { NULL },
	  cmd_find,
	  0,
	  "Search memory for a sequence of bytes.\n"
	  "Usage: find [/SIZE-CHAR] [/MAX-COUNT] START-ADDRESS, +LENGTH, EXPR1 [, EXPR2 ...]\n"
	  "       find [/SIZE-CHAR] [/MAX-COUNT] START-ADDRESS, END-ADDRESS, EXPR1 [, EXPR2 ...]\n"
	  "SIZE-CHAR is one of b,h,w,g for 8,16,32,64 bit values; string literals are their\n"
	  "characters without the NUL. The matches' addresses are printed; $_ is the last one\n"
	  "and $numfound their count." },
	{ NULL, { NULL }, NULL, 0, NULL },
};
