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
	char *data;   /* the file, lines NUL-terminated in place */
	char **lines; /* lines[0] is line 1 */
	int nlines;
	struct stat st;
	struct src_file *next;
};
static struct src_file *src_files;

static void src_free(struct src_file *f)
{
	free(f->path);
	free(f->data);
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

/* path, or a file of its base name in one of the source path's directories. */
static const char *src_find(const char *path, char *buf, size_t len, struct stat *st)
{
	const char *base = strrchr(path, '/'), *d = cli_source_dirs();

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
	for (char *s = f->data; *s;) {
		char *nl = strchr(s, '\n');
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
		s = nl + 1;
	}
	f->st = st;
	f->next = src_files;
	src_files = f;
	return f;
}

const char *cli_source_line(const char *path, int line)
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
	while (src_files) {
		struct src_file *f = src_files;
		src_files = f->next;
		src_free(f);
	}
}
