/*
 * test_go_goroutines: cdbg_goroutines and cdbg_goroutine_backtrace on gogoroutines (skipped
 * when Go is not installed). The tracee prints the runtime's id of each goroutine it starts
 * and the function it parks in. Proves: every one of them is listed once, with that id,
 * waiting (chan receive / the mutex's semaphore), started at that function (g.startpc), created
 * by a go statement in main.main (g.gopc), its innermost non-runtime frame main.blockRecv
 * (frame-pointer walk), and its backtrace passes through its function; the main goroutine is
 * listed; no dead goroutine is; ids are unique; an unknown id fails with CDBG_ENOGOROUTINE; a C
 * program is refused with CDBG_ENOSYM; the program runs on after detach and exits 0.
 */
#include <stdlib.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define NG 5

/* The function containing a return address (or pc, when not a return address). */
static const char *func_of(cdbg_proc *p, uint64_t pc, struct cdbg_symbol *s)
{
	return cdbg_sym_by_addr(p, pc, s) == 0 ? s->name : "?";
}

static void c_program_refused(void)
{
	struct tracee t;
	struct cdbg_goroutine g[4];
	cdbg_proc *p = u_new();

	h_start(&t, "sym_basic", NULL);
	h_expect(&t, "ready", NULL, 0, 20);
	CHECK(cdbg_attach(p, t.pid) == 0, "attach sym_basic: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_goroutines(p, g, 4), CDBG_ENOSYM);
	CHECK(strstr(cdbg_errmsg(p), "runtime.g"), "message: %s", cdbg_errmsg(p));
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
	cdbg_free(p);
}

int main(void)
{
	struct tracee t;
	struct cdbg_goroutine g[256];
	struct cdbg_frame f[64];
	struct cdbg_symbol s, fs;
	char line[256], func[NG][64];
	long long id[NG], main_id;
	cdbg_proc *p = u_new();
	int n;

	u_watchdog(45);
	h_start(&t, "gogoroutines", NULL); /* skips when not built */
	for (int i = 0; i < NG; i++) {
		h_expect(&t, "started", line, sizeof(line), 20);
		id[i] = h_field(line, "id");
		CHECK(sscanf(strstr(line, "func=") + 5, "%63s", func[i]) == 1, "line '%s'", line);
	}
	h_expect(&t, "ready", line, sizeof(line), 20);
	main_id = h_field(line, "main");

	/* A goroutine announces itself just before it blocks: attach until all five are parked
	 * (they stay parked once they are). */
	for (int tries = 0;; tries++) {
		int parked = 0;
		CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
		n = cdbg_goroutines(p, g, 256);
		CHECK(n >= NG + 1 && n <= 256, "%d goroutines: %s", n, cdbg_errmsg(p));
		for (int i = 0; i < n; i++)
			for (int k = 0; k < NG; k++)
				parked += g[i].id == id[k] && g[i].status == 4;
		if (parked == NG || tries == 100)
			break;
		CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
		h_msleep(50);
	}
	CHECK_EQ(cdbg_goroutines(p, g, 2), n); /* the count, whatever fits */
	n = cdbg_goroutines(p, g, 256);
	for (int i = 0; i < n; i++) {
		CHECK(g[i].status != 6 && g[i].status != 0, "goroutine %lld is %s",
		      (long long)g[i].id, g[i].status_name);
		for (int j = 0; j < i; j++)
			CHECK(g[i].id != g[j].id, "goroutine %lld listed twice",
			      (long long)g[i].id);
		h_note("goroutine %lld %s [%s] user %s tid %d", (long long)g[i].id,
		       g[i].status_name, g[i].wait_reason, func_of(p, g[i].user_pc - 1, &s),
		       (int)g[i].tid);
	}
	bool main_seen = false;
	for (int i = 0; i < n; i++)
		main_seen |= g[i].id == main_id;
	CHECK(main_seen, "main goroutine %lld not listed", main_id);

	for (int k = 0; k < NG; k++) {
		struct cdbg_goroutine *x = NULL;
		for (int i = 0; i < n; i++)
			if (g[i].id == id[k])
				x = &g[i];
		CHECK(x, "goroutine %lld (%s) not listed", id[k], func[k]);
		CHECK(x->status == 4 && !strcmp(x->status_name, "waiting"), "goroutine %lld: %s",
		      id[k], x->status_name);
		CHECK_EQ(x->tid, 0);
		CHECK(cdbg_sym_by_name(p, func[k], &fs) == 0, "%s: %s", func[k], cdbg_errmsg(p));
		CHECK(x->start_pc == fs.addr, "goroutine %lld startpc %#llx, %s at %#llx", id[k],
		      (unsigned long long)x->start_pc, func[k], (unsigned long long)fs.addr);
		CHECK(!strcmp(func_of(p, x->go_pc, &s), "main.main"), "gopc in %s", s.name);
		bool recv = !strcmp(func[k], "main.blockRecv");
		if (recv) {
			CHECK(!strcmp(x->wait_reason, "chan receive"), "reason '%s'",
			      x->wait_reason);
			CHECK(!strcmp(func_of(p, x->user_pc - 1, &s), "main.blockRecv"),
			      "user frame in %s", s.name);
		} else {
			CHECK(!strcmp(x->wait_reason, "semacquire") ||
				      !strcmp(x->wait_reason, "sync.Mutex.Lock"),
			      "reason '%s'", x->wait_reason);
		}
		int nf = cdbg_goroutine_backtrace(p, id[k], f, 64);
		CHECK(nf >= 3, "backtrace of %lld: %d: %s", id[k], nf, cdbg_errmsg(p));
		CHECK(!strcmp(f[0].func, "runtime.gopark"), "frame 0 in %s", f[0].func);
		bool through = false;
		for (int i = 0; i < nf; i++)
			through |= !strcmp(f[i].func, func[k]);
		CHECK(through, "backtrace of %lld does not pass through %s", id[k], func[k]);
		CHECK(!strcmp(f[nf - 1].func, "runtime.goexit"), "outermost frame %s",
		      f[nf - 1].func);
	}
	CHECK_EQ(cdbg_goroutine_backtrace(p, 1ll << 40, f, 64), CDBG_ENOGOROUTINE);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	h_send(&t, "hello");
	h_expect(&t, "error: unknown command 'hello'", NULL, 0, 10);
	h_send(&t, "quit");
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done", NULL, 0, 1);
	cdbg_free(p);
	c_program_refused();
	return h_pass();
}
