/*
 * test_call_inject: loading a shared library into a running program through its own dlopen,
 * as `inject` does, with cdbg_call alone. call_basic runs with CDBG_INJECT_MARKER naming a
 * file; dlopen(inject_lib.so, RTLD_NOW) is called in its main thread (blocked in read()),
 * the path a string argument. Proves: dlopen returns a handle; the library's constructor ran
 * inside the program (the marker file names the program's pid, and the program's stdout has
 * the constructor's line); cdbg_modules lists the library; a function of the library is then
 * found by name and called; dlopen of a missing file returns NULL and the program's dlerror()
 * says why; the program then runs on to its normal end.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "unit_util.h"

static cdbg_proc *p;

static uint64_t sym(const char *name)
{
	struct cdbg_symbol s;

	CHECK(cdbg_sym_by_name(p, name, &s) == 0, "symbol %s: %s", name, cdbg_errmsg(p));
	return s.addr;
}

/* dlopen(path, RTLD_NOW) in tid; returns the handle. */
static uint64_t dlopen_in(pid_t tid, const char *path)
{
	struct cdbg_call c = { .func = sym("dlopen"),
			       .args = { 0, 2 /* RTLD_NOW */ },
			       .nargs = 2,
			       .data = { path },
			       .datalen = { strlen(path) + 1 } };

	CHECK(cdbg_call(p, tid, &c) == 0, "dlopen: %s", cdbg_errmsg(p));
	return c.ret;
}

/* The program's dlerror() text. */
static void dlerror_in(pid_t tid, char *buf, size_t len)
{
	struct cdbg_call c = { .func = sym("dlerror") };
	ssize_t n;

	CHECK(cdbg_call(p, tid, &c) == 0, "dlerror: %s", cdbg_errmsg(p));
	CHECK(c.ret, "dlerror() returned NULL");
	n = cdbg_mem_read(p, c.ret, buf, len - 1);
	CHECK(n > 0, "read the dlerror string: %s", cdbg_errmsg(p));
	buf[n] = '\0';
}

/* Is a module whose path is path mapped? */
static bool has_module(const char *path)
{
	struct cdbg_module mods[256];
	int n = cdbg_modules(p, mods, 256);

	CHECK(n > 0, "modules: %s", cdbg_errmsg(p));
	for (int i = 0; i < n && i < 256; i++)
		if (!strcmp(mods[i].path, path))
			return true;
	return false;
}

int main(void)
{
	struct tracee t;
	char line[512], lib[PATH_MAX], marker[64], want[64], msg[512];
	uint64_t handle;
	FILE *f;

	u_watchdog(50);
	CHECK(realpath(h_tracee_path("inject_lib.so"), lib), "%s: not built",
	      h_tracee_path("inject_lib.so"));
	snprintf(marker, sizeof(marker), "/tmp/cdbg-inject-%d.txt", (int)getpid());
	unlink(marker);
	setenv("CDBG_INJECT_MARKER", marker, 1);
	p = u_new();
	h_start(&t, "call_basic", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	CHECK(h_wait_in_syscall(t.pid, SYS_read, 20), "main is not blocked in read()");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(!has_module(lib), "%s is there before the inject", lib);

	handle = dlopen_in(t.pid, lib);
	CHECK(handle != 0, "dlopen(%s) returned NULL", lib);
	h_note("dlopen(%s) = %#llx", lib, (unsigned long long)handle);
	f = fopen(marker, "re");
	CHECK(f, "no marker file %s: the constructor did not run", marker);
	CHECK(fgets(line, sizeof(line), f), "empty marker file");
	fclose(f);
	unlink(marker);
	snprintf(want, sizeof(want), "injected pid=%d\n", (int)t.pid);
	CHECK(!strcmp(line, want), "marker file says %s", line);
	snprintf(want, sizeof(want), "inject_lib: constructor ran in pid %d", (int)t.pid);
	h_expect(&t, want, NULL, 0, 10);
	CHECK(has_module(lib), "cdbg_modules does not list %s after the inject", lib);

	struct cdbg_call c = { .func = sym("inject_lib_answer") };
	CHECK(cdbg_call(p, t.pid, &c) == 0, "inject_lib_answer: %s", cdbg_errmsg(p));
	CHECK_EQ((int)c.ret, 4242);

	/* The same library again: the same handle, and the constructor does not run twice. */
	CHECK(dlopen_in(t.pid, lib) == handle, "a second dlopen gave another handle");
	CHECK(access(marker, F_OK) < 0, "the constructor ran twice");

	CHECK(dlopen_in(t.pid, "/nonexistent/libnothing.so") == 0, "dlopen of a missing file");
	dlerror_in(t.pid, msg, sizeof(msg));
	h_note("dlerror: %s", msg);
	CHECK(strstr(msg, "/nonexistent/libnothing.so") && strstr(msg, "No such file"),
	      "dlerror: %s", msg);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	h_send(&t, "show");
	h_expect(&t, "counter=0", NULL, 0, 10);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done counter=0", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
