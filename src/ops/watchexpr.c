/*
 * watchexpr.c - watchpoints on expressions, as gdb has them: the memory an expression depends
 * on (every place its evaluation reads, and the whole value when it lives in memory), and the
 * pieces of it that debug registers can watch.
 *
 * Owns: cdbg_watch_eval, watch_pieces and watch_locate. Must not: insert anything (session.c places the
 * pieces as a watchpoint's locations) or decide when a watchpoint reports (the front-end
 * compares the values).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ops/watchexpr.h"
#include "target/target.h"

#define WATCH_MAX_READS 64

struct seen {
	struct cdbg_watch_range r[WATCH_MAX_READS];
	int n;
	bool overflow;
};

/* Add [addr, addr + len) to s, merged with a range it overlaps or touches. */
static void seen_add(struct seen *s, uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (!len)
		return;
	for (int i = 0; i < s->n; i++) {
		uint64_t a = s->r[i].addr, e = a + s->r[i].len;
		if (addr > e || end < a)
			continue;
		/* Merged, then the union may touch others: take it out and add it again. */
		addr = addr < a ? addr : a;
		end = end > e ? end : e;
		s->r[i] = s->r[--s->n];
		seen_add(s, addr, end - addr);
		return;
	}
	if (s->n == WATCH_MAX_READS) {
		s->overflow = true;
		return;
	}
	s->r[s->n].addr = addr;
	s->r[s->n].len = (unsigned)len;
	s->n++;
}

static void on_seen(void *data, uint64_t addr, size_t len)
{
	seen_add(data, addr, len);
}

static int range_cmp(const void *a, const void *b)
{
	const struct cdbg_watch_range *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int cdbg_watch_eval(cdbg_proc *p, pid_t tid, int frame, const char *expr,
		    const struct cdbg_eval_env *env, struct cdbg_value *out,
		    struct cdbg_watch_range *r, size_t max)
{
	struct seen *s = calloc(1, sizeof(*s));
	int n;

	if (!s)
		return cdbg__fail(p, -ENOMEM, "cannot watch '%s': out of memory", expr);
	if ((n = eval_frame_seen(p, tid, frame, expr, env, out, on_seen, s)) < 0) {
		/* Memory that cannot be read (*p with p NULL): the places read up to it count. */
		if (n != CDBG_ENOMEM || !s->n) {
			free(s);
			return n;
		}
		memset(out, 0, sizeof(*out));
	} else if (out->lvalue && !out->reg[0] && out->size && !out->optimized_out &&
		   out->kind != CDBG_VAL_FUNCTION) {
		/* A struct or an array is not read to be evaluated: its bytes count all the
		 * same. */
		seen_add(s, out->addr, out->size);
	}
	if (s->overflow) {
		free(s);
		return cdbg__fail(p, CDBG_EBADEXPR,
				  "cannot watch '%s': it reads memory in more than %d places", expr,
				  WATCH_MAX_READS);
	}
	qsort(s->r, (size_t)s->n, sizeof(s->r[0]), range_cmp);
	for (int i = 0; i < s->n && (size_t)i < max; i++)
		r[i] = s->r[i];
	n = s->n;
	free(s);
	return n;
}

int watch_pieces(const struct cdbg_watch_range *r, int n, uint64_t *addrs, unsigned *lens, int max)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		uint64_t a = r[i].addr, end = r[i].addr + r[i].len;
		while (a < end) {
			unsigned len = 8;
			while (len > 1 && (a % len || a + len > end))
				len /= 2;
			if (k < max) {
				addrs[k] = a;
				lens[k] = len;
			}
			k++;
			a += len;
		}
	}
	return k;
}

int watch_locate(cdbg_proc *p, const char *expr, const struct cdbg_eval_env *env, uint64_t *addrs,
		 unsigned *lens, int max)
{
	struct cdbg_watch_range r[WATCH_MAX_READS];
	struct cdbg_value v;
	int n = cdbg_watch_eval(p, p->pid, 0, expr, env, &v, r, WATCH_MAX_READS);

	if (n < 0)
		return n;
	if (n == 0)
		return cdbg__fail(p, CDBG_EBADEXPR, "cannot watch '%s': it is not in memory", expr);
	if ((n = watch_pieces(r, n, addrs, lens, max)) > max)
		return cdbg__fail(p, CDBG_ENOSLOT, "cannot watch '%s': it takes %d debug registers",
				  expr, n);
	return n;
}
