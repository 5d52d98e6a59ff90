/*
 * dap_go.c - Go programs: the client's threads are the goroutines (as delve's `dlv dap` shows
 * them), numbered by their goid, each with its own stack. An OS thread that runs no goroutine
 * at a stop (the runtime's own, a cgo thread) is listed too, under DAP_GO_TID_BASE + its tid so
 * that the two kinds of id never meet. Other programs keep the kernel's tids.
 *
 * Owns: d->go (is it a Go program) and the goroutines of the current stop (d->gs).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dap.h"

/* Read the goroutines now into d->gs. 0, or -1 (not a Go program, or unreadable). */
static int read_goroutines(struct dap *d)
{
	int n = cdbg_goroutines(d->p, NULL, 0);
	if (n < 0)
		return -1;
	struct cdbg_goroutine *g = calloc((size_t)(n ? n : 1) + 64, sizeof(*g));
	if (!g)
		return -1;
	int m = cdbg_goroutines(d->p, g, (size_t)n + 64); /* a few may be born meanwhile */
	if (m < 0) {
		free(g);
		return -1;
	}
	free(d->gs);
	d->gs = g;
	d->ngs = (size_t)(m < n + 64 ? m : n + 64);
	d->gs_valid = true;
	return 0;
}

bool dap_is_go(struct dap *d)
{
	if (d->go == 0 && cdbg_pid(d->p) > 0) {
		int n = cdbg_goroutines(d->p, NULL, 0);
		d->go = n >= 0 ? 1 : n == CDBG_ENOSYM ? -1 : 0;
	}
	return d->go > 0;
}

void dap_go_forget(struct dap *d)
{
	d->gs_valid = false;
}

static const struct cdbg_goroutine *goroutines(struct dap *d, size_t *n)
{
	if (!d->gs_valid || d->state != DAP_STOPPED)
		if (read_goroutines(d) < 0)
			d->ngs = 0;
	if (d->state != DAP_STOPPED)
		d->gs_valid = false; /* running: read again next time */
	*n = d->ngs;
	return d->gs;
}

int64_t dap_thread_id(struct dap *d, pid_t tid)
{
	if (!dap_is_go(d))
		return tid;
	size_t n;
	const struct cdbg_goroutine *g = goroutines(d, &n);
	for (size_t i = 0; i < n; i++)
		if (g[i].tid == tid)
			return g[i].id;
	return DAP_GO_TID_BASE + tid;
}

int dap_thread_of(struct dap *d, int64_t id, pid_t *tid, int64_t *goid)
{
	*goid = 0;
	*tid = 0;
	if (!dap_is_go(d) || id >= DAP_GO_TID_BASE) {
		*tid = (pid_t)(id >= DAP_GO_TID_BASE ? id - DAP_GO_TID_BASE : id);
		struct cdbg_thread_info ti;
		return *tid > 0 && cdbg_thread_info(d->p, *tid, &ti) == 0 ? 0 : -1;
	}
	size_t n;
	const struct cdbg_goroutine *g = goroutines(d, &n);
	for (size_t i = 0; i < n; i++)
		if (g[i].id == id) {
			*goid = id;
			*tid = g[i].tid;
			return 0;
		}
	return -1;
}

json_t *dap_go_threads(struct dap *d)
{
	size_t n;
	const struct cdbg_goroutine *g = goroutines(d, &n);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		struct cdbg_symbol s;
		char fn[256] = "?", name[512];
		if (cdbg_sym_by_addr(d->p, g[i].user_pc, &s) == 0)
			cdbg_func_name(s.name, fn, sizeof(fn));
		if (g[i].wait_reason[0])
			snprintf(name, sizeof(name), "Goroutine %" PRId64 " [%s: %s] %s", g[i].id,
				 g[i].status_name, g[i].wait_reason, fn);
		else
			snprintf(name, sizeof(name), "Goroutine %" PRId64 " [%s] %s", g[i].id,
				 g[i].status_name, fn);
		json_array_append_new(list, json_pack("{s:I, s:s}", "id", (json_int_t)g[i].id,
						      "name", name));
	}
	/* threads that run no goroutine now */
	int nt = cdbg_threads(d->p, NULL, 0);
	pid_t *tids = nt > 0 ? calloc((size_t)nt, sizeof(*tids)) : NULL;
	if (tids)
		nt = cdbg_threads(d->p, tids, (size_t)nt);
	for (int k = 0; tids && k < nt; k++) {
		bool busy = false;
		for (size_t i = 0; i < n && !busy; i++)
			busy = g[i].tid == tids[k];
		if (busy)
			continue;
		char name[64];
		snprintf(name, sizeof(name), "Thread %d (no goroutine)", (int)tids[k]);
		json_array_append_new(list, json_pack("{s:I, s:s}", "id",
						      (json_int_t)(DAP_GO_TID_BASE + tids[k]),
						      "name", name));
	}
	free(tids);
	return list;
}
