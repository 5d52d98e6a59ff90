/*
 * core_threads.c - gdb's thread numbers (given in the order threads are first seen, from 1),
 * thread names as stop lines and `info threads` show them, and the live threads in that order.
 *
 * thread apply and frame apply run a command in each thread or frame with gdb's -c -s -q.
 *
 * Owns: the tid <-> number table in struct cli. Must not: use a command group's files
 * (scripts/check-cli-cycles).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core_options.h"

int cli_thread_num(struct cli *c, pid_t tid)
{
	for (size_t i = 1; i < c->tnum_count; i++)
		if (c->tnum_tid[i] == tid)
			return (int)i;
	if (c->tnum_count == c->tnum_alloc) {
		size_t n = c->tnum_alloc ? c->tnum_alloc * 2 : 64;
		pid_t *v = realloc(c->tnum_tid, n * sizeof(*v));
		if (!v)
			return 0;
		c->tnum_tid = v;
		char **names = realloc(c->tnum_name, n * sizeof(*names));
		if (!names)
			return 0;
		c->tnum_name = names;
		c->tnum_alloc = n;
	}
	if (c->tnum_count == 0) {
		c->tnum_name[0] = NULL;
		c->tnum_tid[c->tnum_count++] = 0; /* numbers start at 1 */
	}
	c->tnum_name[c->tnum_count] = NULL;
	c->tnum_tid[c->tnum_count] = tid;
	return (int)c->tnum_count++;
}

const char *cli_thread_user_name(struct cli *c, pid_t tid)
{
	for (size_t i = 1; i < c->tnum_count; i++)
		if (c->tnum_tid[i] == tid)
			return c->tnum_name[i];
	return NULL;
}

void cli_thread_numbers_reset(struct cli *c)
{
	for (size_t i = 0; i < c->tnum_count; i++) {
		free(c->tnum_name[i]);
		c->tnum_name[i] = NULL;
	}
	c->tnum_count = 0;
}

pid_t cli_thread_tid(struct cli *c, int num)
{
	return num > 0 && (size_t)num < c->tnum_count ? c->tnum_tid[num] : 0;
}

/* Does the core hold glibc's threads (gdb's libthread_db would name them)? */
static bool core_nptl(struct cli *c)
{
	struct cdbg_core_mapping *m;
	int n;

	if (c->core_nptl >= 0)
		return c->core_nptl;
	c->core_nptl = 0;
	n = cdbg_core_mappings(c->p, NULL, 0);
	if (n <= 0 || !(m = calloc((size_t)n, sizeof(*m))))
		return false;
	n = cdbg_core_mappings(c->p, m, (size_t)n);
	for (int i = 0; i < n && !c->core_nptl; i++) {
		const char *b = m[i].path ? strrchr(m[i].path, '/') : NULL;
		b = b ? b + 1 : m[i].path ? m[i].path : "";
		c->core_nptl = !strncmp(b, "libc.so", 7) || !strncmp(b, "libc-", 5) ||
			       !strncmp(b, "libpthread", 10);
	}
	free(m);
	return c->core_nptl;
}

const char *cli_thread_name(struct cli *c, pid_t tid, char *buf, size_t len)
{
	uint64_t fsb = 0;

	/* glibc's pthread_t is the thread pointer, which is fs_base on x86-64. */
	if ((!c->core || core_nptl(c)) && cdbg_reg_get(c->p, tid, "fs_base", &fsb) == 0 && fsb)
		snprintf(buf, len, "Thread 0x%llx (LWP %d)", (unsigned long long)fsb, (int)tid);
	else
		snprintf(buf, len, "LWP %d", (int)tid);
	return buf;
}

bool cli_many_threads(struct cli *c)
{
	return cdbg_threads(c->p, NULL, 0) > 1;
}

/* "Thread 2 "worker" " for multi-threaded programs, "" otherwise (gdb's stop lines). */
const char *cli_thread_prefix(struct cli *c, pid_t tid, char *buf, size_t len)
{
	struct cdbg_thread_info ti;

	if (!cli_many_threads(c)) {
		buf[0] = '\0';
		return buf;
	}
	if (cdbg_thread_info(c->p, tid, &ti) < 0)
		snprintf(ti.name, sizeof(ti.name), "?");
	const char *user = cli_thread_user_name(c, tid);
	snprintf(buf, len, "Thread %d \"%s\" ", cli_thread_num(c, tid), user ? user : ti.name);
	return buf;
}

/* The live threads in gdb's numbering, ascending. */
int cli_thread_list(struct cli *c, pid_t **out)
{
	int n = cdbg_threads(c->p, NULL, 0);
	pid_t *tids;

	if (n <= 0 || !(tids = calloc((size_t)n, sizeof(*tids))))
		return 0;
	n = cdbg_threads(c->p, tids, (size_t)n);
	for (int i = 0; i < n; i++)
		cli_thread_num(c, tids[i]);
	/* Sort by number (insertion: thread lists are short or already ordered). */
	for (int i = 1; i < n; i++)
		for (int j = i;
		     j > 0 && cli_thread_num(c, tids[j]) < cli_thread_num(c, tids[j - 1]); j--) {
			pid_t t = tids[j];
			tids[j] = tids[j - 1];
			tids[j - 1] = t;
		}
	*out = tids;
	return n;
}

/* ---- thread apply / frame apply: gdb's -c -s -q ---- */

/* gdb's options of frame apply (and faas), thread apply all (and taas, tfaas), thread apply
 * LIST: core_options.c's rules, an unknown -word starting the command. */
static const struct cli_opt_def frame_opts[] = {
	{ "c", CLI_OPT_FLAG, NULL },
	{ "past-entry", CLI_OPT_BOOLEAN, NULL },
	{ "past-main", CLI_OPT_BOOLEAN, NULL },
	{ "q", CLI_OPT_FLAG, NULL },
	{ "s", CLI_OPT_FLAG, NULL },
};
static const struct cli_opt_def thread_all_opts[] = {
	{ "ascending", CLI_OPT_FLAG, NULL },
	{ "c", CLI_OPT_FLAG, NULL },
	{ "q", CLI_OPT_FLAG, NULL },
	{ "s", CLI_OPT_FLAG, NULL },
};

const struct cli_opt_def *cli_apply_opts(enum cli_apply_kind kind, size_t *n)
{
	switch (kind) {
	case CLI_APPLY_FRAME:
		*n = sizeof(frame_opts) / sizeof(frame_opts[0]);
		return frame_opts;
	case CLI_APPLY_THREAD_ALL:
		*n = sizeof(thread_all_opts) / sizeof(thread_all_opts[0]);
		return thread_all_opts;
	case CLI_APPLY_THREAD:
		break;
	}
	*n = 3; /* -c -q -s */
	return thread_all_opts + 1;
}

int cli_qcs_parse(struct cli *c, const char *which, char **args, struct cli_qcs *f, bool *asc)
{
	enum cli_apply_kind kind = !strncmp(which, "frame", 5) ? CLI_APPLY_FRAME :
				   asc                         ? CLI_APPLY_THREAD_ALL :
								 CLI_APPLY_THREAD;
	struct cli_opt_val v[5] = { 0 };
	const char *a = cli_skip_ws(*args);
	size_t n;
	const struct cli_opt_def *defs = cli_apply_opts(kind, &n);

	memset(f, 0, sizeof(*f));
	if (cli_opts_process(c, &a, CLI_OPTS_UNKNOWN_IS_OPERAND, defs, n, v) < 0)
		return -1;
	*args = cli_skip_ws((char *)a);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(defs[i].name, "c"))
			f->cont = v[i].b;
		else if (!strcmp(defs[i].name, "s"))
			f->silent = v[i].b;
		else if (!strcmp(defs[i].name, "q"))
			f->quiet = v[i].b;
		else if (!strcmp(defs[i].name, "ascending"))
			*asc = v[i].b;
		else if (v[i].b) /* -past-main, -past-entry: cdbg's backtraces stop at main */
			return cli_error(c, "cdbg does not support %s -%s yet.", which,
					 defs[i].name);
	}
	if (f->cont && f->silent)
		return cli_error(c, "%s: -c and -s are mutually exclusive", which);
	return 0;
}

/* Run cmd with stdout going to a temporary file and stderr to nowhere; *out gets what it
 * printed (malloc'd, NUL-terminated), *len its length. Returns whether the command failed. */
static bool run_captured(struct cli *c, const char *cmd, char **out, size_t *len)
{
	int errors = c->errors, o1, o2, null;
	FILE *tmp = tmpfile();
	char *copy = strdup(cmd);

	*out = NULL;
	*len = 0;
	fflush(stdout);
	fflush(stderr);
	if (!tmp || !copy || (o1 = dup(1)) < 0) {
		if (tmp)
			fclose(tmp);
		free(copy);
		return cli_error(c, "out of memory") < 0;
	}
	o2 = dup(2);
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	dup2(fileno(tmp), 1);
	if (null >= 0)
		dup2(null, 2);
	cli_execute(c, copy);
	fflush(stdout);
	fflush(stderr);
	dup2(o1, 1);
	close(o1);
	if (o2 >= 0) {
		dup2(o2, 2);
		close(o2);
	}
	if (null >= 0)
		close(null);
	free(copy);
	long n = ftell(tmp);
	if (n > 0 && (*out = malloc((size_t)n + 1))) {
		rewind(tmp);
		*len = fread(*out, 1, (size_t)n, tmp);
		(*out)[*len] = '\0';
	}
	fclose(tmp);
	return c->errors != errors;
}

int cli_apply_one(struct cli *c, const char *cmd, const struct cli_qcs *f,
		  void (*header)(struct cli *c, void *arg), void *arg)
{
	int errors = c->errors;

	if (f->silent) {
		/* gdb: nothing at all when the command fails or prints nothing */
		char *text;
		size_t len;
		bool failed = run_captured(c, cmd, &text, &len);
		c->errors = errors;
		if (!failed && len) {
			if (!f->quiet)
				header(c, arg);
			fwrite(text, 1, len, stdout);
		}
		free(text);
		return 0;
	}
	char *copy = strdup(cmd);
	if (!copy)
		return cli_error(c, "out of memory");
	if (!f->quiet)
		header(c, arg);
	cli_execute(c, copy);
	free(copy);
	if (c->errors == errors)
		return 0;
	if (f->cont) {
		c->errors = errors; /* gdb: -c prints the error and goes on, as no error */
		return 0;
	}
	return -1;
}
