/*
 * core_srccache.c - the source files the CLI shows lines of (stops, list, disassemble /s,
 * frame): each read once and kept until it changes on disk.
 *
 * Owns: the cached files. Must not: use a command group's files (scripts/check-cli-cycles).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* A source file read once and kept (re-read when its size or time changes). */
struct src_file {
	char *path;
	char *data;        /* the file, lines NUL-terminated in place */
	char **lines;      /* lines[0] is line 1, as in the file ('\r' before '\n' dropped) */
	char **shown;      /* as gdb shows them, NULL where that is lines[i] */
	char *styled_data; /* the file styled as gdb's set style sources (C files), made once */
	char **styled;     /* its lines, in styled_data */
	int nlines;
	struct stat st;
	struct src_file *next;
};
static struct src_file *src_files;

static void src_free(struct src_file *f)
{
	free(f->path);
	free(f->data);
	for (int i = 0; f->shown && i < f->nlines; i++)
		free(f->shown[i]);
	free(f->shown);
	free(f->styled_data);
	free(f->styled);
	free(f->lines);
	free(f);
}

/* gdb's source path ("directory"): the directories searched, by base name, for a file the
 * debug info names but that is not where it says ($cdir and $cwd stand for themselves). */
static char *src_dirs; /* NULL: gdb's default "$cdir:$cwd" */

const char *cli_source_dirs(void)
{
	return src_dirs ? src_dirs : "$cdir:$cwd";
}

int cli_set_source_dirs(const char *dirs)
{
	char *copy = dirs ? strdup(dirs) : NULL;

	if (dirs && !copy)
		return -1;
	free(src_dirs);
	src_dirs = copy;
	return 0;
}

/* gdb's substitute-path rules, in the order they were set. */
struct subst {
	char *from, *to;
	struct subst *next;
};
static struct subst *substs;

/* Does rule from apply to path: path starts with it, then a '/' or its end? */
static bool subst_matches(const char *from, const char *path)
{
	size_t n = strlen(from);

	return !strncmp(path, from, n) && (path[n] == '\0' || path[n] == '/');
}

int cli_subst_set(const char *from, const char *to)
{
	struct subst *s = calloc(1, sizeof(*s)), **pp;

	if (!s || !(s->from = strdup(from)) || !(s->to = strdup(to))) {
		if (s)
			free(s->from);
		free(s);
		return -1;
	}
	cli_subst_unset(from);
	for (pp = &substs; *pp; pp = &(*pp)->next)
		;
	*pp = s;
	return 0;
}

bool cli_subst_unset(const char *from)
{
	bool found = false;

	for (struct subst **pp = &substs, *s; (s = *pp);) {
		if (from && strcmp(s->from, from)) {
			pp = &s->next;
			continue;
		}
		*pp = s->next;
		free(s->from);
		free(s->to);
		free(s);
		found = true;
	}
	return found;
}

const char *cli_subst_rule(int i, const char *match, const char **to)
{
	for (const struct subst *s = substs; s; s = s->next)
		if ((!match || subst_matches(s->from, match)) && i-- == 0) {
			*to = s->to;
			return s->from;
		}
	return NULL;
}

/* path, its rewriting by the first substitute-path rule that applies to it, or a file of its
 * base name in one of the source path's directories. */
static const char *src_find(const char *path, char *buf, size_t len, struct stat *st)
{
	const char *base = strrchr(path, '/'), *d = cli_source_dirs(), *to, *from;

	if ((from = cli_subst_rule(0, path, &to)) &&
	    (size_t)snprintf(buf, len, "%s%s", to, path + strlen(from)) < len && stat(buf, st) == 0)
		return buf;
	if (stat(path, st) == 0)
		return path;
	base = base ? base + 1 : path;
	while (*d) {
		size_t n = strcspn(d, ":");
		if (n && d[0] != '$' &&
		    (size_t)snprintf(buf, len, "%.*s/%s", (int)n, d, base) < len &&
		    stat(buf, st) == 0)
			return buf;
		d += n + (d[n] == ':');
	}
	return NULL;
}

/* An ANSI SGR sequence at s ("\033[1;31m"): its length, else 0 (gdb's skip_ansi_escape). */
static size_t src_ansi(const char *s)
{
	size_t k = 2;

	if (s[0] != '\033' || s[1] != '[')
		return 0;
	while ((s[k] >= '0' && s[k] <= '9') || s[k] == ';')
		k++;
	return s[k] == 'm' ? k + 1 : 0;
}

/* The line as gdb 13 prints it (print_source_lines_base): a '\r' ends it, other control
 * characters but tab and SGR escapes as ^X, DEL as ^?. NULL when that is the line itself (or
 * out of memory: the line is then shown as it is). */
static char *src_shown(const char *l)
{
	const char *p;
	char *out, *o;

	for (p = l; *p; p++)
		if ((unsigned char)*p < 040 && *p != '\t' && !src_ansi(p))
			break;
		else if (*p == 0177)
			break;
	if (!*p || !(out = malloc(strlen(l) * 2 + 1)))
		return NULL;
	for (p = l, o = out; *p && *p != '\r'; p++) {
		size_t k = src_ansi(p);
		if (k) {
			memcpy(o, p, k);
			o += k;
			p += k - 1;
		} else if (*p == 0177) {
			*o++ = '^', *o++ = '?';
		} else if ((unsigned char)*p < 040 && *p != '\t') {
			*o++ = '^', *o++ = (char)(*p + 0100);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static struct src_file *src_load(const char *path)
{
	struct src_file *f, **pp;
	struct stat st;
	FILE *in;
	long len;
	int cap = 0;
	char found[4096];
	const char *real = src_find(path, found, sizeof(found), &st);

	if (!real)
		return NULL;
	for (pp = &src_files; (f = *pp); pp = &f->next)
		if (!strcmp(f->path, path)) {
			if (f->st.st_size == st.st_size &&
			    f->st.st_mtim.tv_sec == st.st_mtim.tv_sec &&
			    f->st.st_mtim.tv_nsec == st.st_mtim.tv_nsec)
				return f;
			*pp = f->next;
			src_free(f);
			break;
		}
	if (!(in = fopen(real, "re")))
		return NULL;
	f = calloc(1, sizeof(*f));
	len = st.st_size;
	if (!f || !(f->path = strdup(path)) || !(f->data = malloc((size_t)len + 1)) ||
	    fread(f->data, 1, (size_t)len, in) != (size_t)len) {
		fclose(in);
		if (f)
			src_free(f);
		return NULL;
	}
	fclose(in);
	f->data[len] = '\0';
	for (char *s = f->data, *end = f->data + len; s < end;) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		if (f->nlines == cap) {
			char **n;
			cap = cap ? cap * 2 : 256;
			n = realloc(f->lines, sizeof(*n) * (size_t)cap);
			if (!n) {
				src_free(f);
				return NULL;
			}
			f->lines = n;
		}
		f->lines[f->nlines++] = s;
		if (!nl)
			break;
		*nl = '\0';
		if (nl > s && nl[-1] == '\r')
			nl[-1] = '\0';
		s = nl + 1;
	}
	if (!(f->shown = calloc((size_t)f->nlines + 1, sizeof(*f->shown)))) {
		src_free(f);
		return NULL;
	}
	for (int i = 0; i < f->nlines; i++)
		f->shown[i] = src_shown(f->lines[i]);
	f->st = st;
	f->next = src_files;
	src_files = f;
	return f;
}

const char *cli_source_line(const char *path, int line)
{
	struct src_file *f = src_load(path);

	if (!f || line < 1 || line > f->nlines)
		return NULL;
	return f->shown[line - 1] ? f->shown[line - 1] : f->lines[line - 1];
}

/* A C file (by its name's end), the only language cdbg styles as gdb's source-highlight. */
static bool src_is_c(const char *path)
{
	size_t n = strlen(path);

	return n > 2 && path[n - 2] == '.' && (path[n - 1] == 'c' || path[n - 1] == 'h');
}

/* f's lines styled, made on first use: NULL when they cannot be. */
static char **src_styled(struct src_file *f)
{
	size_t len = 0, n;
	char *whole, *p;
	int k;

	if (f->styled || !src_is_c(f->path))
		return f->styled;
	for (int i = 0; i < f->nlines; i++)
		len += strlen(f->lines[i]) + 1;
	if (!(whole = malloc(len + 1)))
		return NULL;
	for (int i = 0, o = 0; i < f->nlines; i++) {
		n = strlen(f->lines[i]);
		memcpy(whole + o, f->lines[i], n);
		whole[o + (int)n] = '\n';
		o += (int)n + 1;
	}
	k = cdbg_source_style(whole, len, NULL, 0);
	if (k < 0 || !(f->styled_data = malloc((size_t)k + 1)) ||
	    !(f->styled = calloc((size_t)f->nlines + 1, sizeof(*f->styled))) ||
	    cdbg_source_style(whole, len, f->styled_data, (size_t)k + 1) < 0) {
		free(whole);
		free(f->styled_data);
		free(f->styled);
		f->styled_data = NULL;
		f->styled = NULL;
		return NULL;
	}
	free(whole);
	p = f->styled_data;
	for (int i = 0; i < f->nlines && p; i++) {
		char *nl = strchr(p, '\n');
		f->styled[i] = p;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : NULL;
	}
	return f->styled;
}

const char *cli_source_line_st(struct cli *c, const char *path, int line)
{
	struct src_file *f;

	if (!c->print.styled || !c->style_sources)
		return cli_source_line(path, line);
	if (!(f = src_load(path)) || line < 1 || line > f->nlines)
		return NULL;
	if (f->shown[line - 1] || !src_styled(f) || !f->styled[line - 1])
		return cli_source_line(path, line);
	return f->styled[line - 1];
}

const char *cli_source_raw_line(const char *path, int line)
{
	struct src_file *f = src_load(path);

	return f && line >= 1 && line <= f->nlines ? f->lines[line - 1] : NULL;
}

int cli_source_nlines(const char *path)
{
	struct src_file *f = src_load(path);

	return f ? f->nlines : -1;
}

static char *default_source;

void cli_set_default_source(const char *path)
{
	if (default_source && path && !strcmp(default_source, path))
		return;
	free(default_source);
	default_source = path ? strdup(path) : NULL;
}

const char *cli_default_source(void)
{
	return default_source;
}

void cli_source_free_all(void)
{
	cli_set_source_dirs(NULL);
	cli_set_default_source(NULL);
	cli_subst_unset(NULL);
	while (src_files) {
		struct src_file *f = src_files;
		src_files = f->next;
		src_free(f);
	}
}
