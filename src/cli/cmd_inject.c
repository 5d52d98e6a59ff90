/*
 * cmd_inject.c - `inject /path/lib.so`: load a shared library into the running program through
 * the program's own dlopen, so the library's constructors run inside it.
 *
 * Owns: finding dlopen (libc's since glibc 2.34, else libdl's, else glibc's private
 * __libc_dlopen_mode), choosing a thread where calling it cannot hang on the allocator's lock,
 * and turning a failure into one sentence (dlerror() read back from the program). Must not:
 * run code in the program itself (cdbg_call does, copying the path onto the thread's stack).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "groups.h"

#define INJECT_RTLD_NOW 2
#define INJECT_RTLD_DLOPEN 0x80000000u /* glibc's __RTLD_DLOPEN, for __libc_dlopen_mode */
#define INJECT_MAX_THREADS 4096

/* Functions a thread may be stopped in while it holds (or waits for) a lock dlopen needs:
 * the allocator's arena locks, libc's internal locks, the dynamic loader's lock. dlopen in
 * such a thread would wait for itself. Matched as whole names or, ending in '*', prefixes. */
static const char *const unsafe[] = {
	"malloc",
	"free",
	"realloc",
	"calloc",
	"cfree",
	"memalign",
	"posix_memalign",
	"aligned_alloc",
	"valloc",
	"pvalloc",
	"reallocarray",
	"malloc_trim",
	"malloc_usable_size",
	"malloc_consolidate",
	"sysmalloc",
	"systrim",
	"__libc_malloc*",
	"__libc_free",
	"__libc_realloc*",
	"__libc_calloc",
	"__libc_memalign",
	"__libc_valloc",
	"__libc_pvalloc",
	"_int_*",
	"__malloc_*",
	"_mid_memalign",
	"tcache_*",
	"arena_*",
	"__lll_lock_wait_private",
	"_dl_open",
	"dl_open_worker*",
	"_dl_map_object*",
	"_dl_close*",
	"__libc_dlopen_mode",
	"dlopen*",
	"dlclose*",
	"___dlopen",
	"__dlopen",
	NULL,
};

static bool is_unsafe(const char *name)
{
	for (int i = 0; unsafe[i]; i++) {
		size_t n = strlen(unsafe[i]);
		if (unsafe[i][n - 1] == '*' ? !strncmp(name, unsafe[i], n - 1) :
					      !strcmp(name, unsafe[i]))
			return true;
	}
	return false;
}

/* The program's dlopen: *mode gets the flags to pass. 0, or -1 with nothing found. */
static int find_dlopen(struct cli *c, uint64_t *addr, uint64_t *mode)
{
	struct cdbg_symbol s;

	if (cdbg_sym_by_name(c->p, "dlopen", &s) == 0) {
		*addr = s.addr;
		*mode = INJECT_RTLD_NOW;
		return 0;
	}
	if (cdbg_sym_by_name(c->p, "__libc_dlopen_mode", &s) == 0) {
		*addr = s.addr;
		*mode = INJECT_RTLD_NOW | INJECT_RTLD_DLOPEN;
		return 0;
	}
	return -1;
}

/* Read the C string at addr in the program into buf. */
static void read_cstring(struct cli *c, uint64_t addr, char *buf, size_t len)
{
	ssize_t n = addr ? cdbg_mem_read(c->p, addr, buf, len - 1) : -1;

	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* Why dlopen failed, as the program's dlerror() says it; "" if it cannot. */
static void program_dlerror(struct cli *c, pid_t tid, char *buf, size_t len)
{
	struct cdbg_symbol s;
	struct cdbg_call call = { 0 };

	buf[0] = '\0';
	if (cdbg_sym_by_name(c->p, "dlerror", &s) < 0)
		return;
	call.func = s.addr;
	if (cdbg_call(c->p, tid, &call) == 0)
		read_cstring(c, call.ret, buf, len);
}

/* The thread to call dlopen in: the selected one, else the first other one, that is not
 * stopped inside the allocator or the loader. 0 when none; why gets the reason. */
static pid_t pick_thread(struct cli *c, char *why, size_t len)
{
	static pid_t tids[INJECT_MAX_THREADS];
	int n = cdbg_threads(c->p, tids, INJECT_MAX_THREADS);
	size_t used = 0;

	why[0] = '\0';
	for (int i = -1; i < n && i < INJECT_MAX_THREADS; i++) {
		pid_t tid = i < 0 ? c->cur_tid : tids[i];
		struct cdbg_symbol s;
		uint64_t pc;

		if (!tid || (i >= 0 && tid == c->cur_tid) || cdbg_pc_get(c->p, tid, &pc) < 0)
			continue;
		if (cdbg_sym_by_addr(c->p, pc, &s) < 0 || !is_unsafe(s.name))
			return tid;
		if (used < len)
			used += (size_t)snprintf(why + used, len - used, "%sthread %d is in %s",
						 used ? ", " : "", cli_thread_num(c, tid), s.name);
	}
	return 0;
}

/* Is a module whose path is path mapped now? */
static bool is_loaded(struct cli *c, const char *path)
{
	static struct cdbg_module mods[1024];
	int n = cdbg_modules(c->p, mods, 1024);

	for (int i = 0; i < n && i < 1024; i++)
		if (!strcmp(mods[i].path, path))
			return true;
	return false;
}

/* strerror with a lowercase start, as our sentences have. */
static const char *errtext(int err)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s", strerror(err));
	buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

static int cmd_inject(struct cli *c, char *args)
{
	char path[PATH_MAX], why[512], msg[512], *arg = cli_skip_ws(args);
	struct cdbg_call call = { 0 };
	uint64_t dlopen_addr, mode;
	struct stat st;
	size_t len = strlen(arg);
	bool again;
	pid_t tid;

	while (len && isspace((unsigned char)arg[len - 1]))
		arg[--len] = '\0';
	if (len >= 2 && arg[0] == '"' && arg[len - 1] == '"') {
		arg[len - 1] = '\0';
		arg++;
	}
	if (!*arg)
		return cli_error(c, "Argument required (shared library file name).");
	if (!cli_need_stopped(c))
		return -1;
	if (!realpath(arg, path) || stat(path, &st) < 0)
		return cli_error(c, "cannot inject %s: %s", arg, errtext(errno));
	if (!S_ISREG(st.st_mode))
		return cli_error(c, "cannot inject %s: it is not a regular file", arg);
	if (find_dlopen(c, &dlopen_addr, &mode) < 0)
		return cli_error(c,
				 "cannot inject %s: the program has no dlopen (none in its "
				 "libc, which has one from glibc 2.34, nor a libdl loaded); a "
				 "statically linked program cannot load libraries",
				 arg);
	if (!(tid = pick_thread(c, why, sizeof(why))))
		return cli_error(c,
				 "cannot inject %s: every thread is stopped where dlopen could "
				 "wait for a lock it holds (%s); continue the program a little and "
				 "try again",
				 arg, why);
	again = is_loaded(c, path);
	call.func = dlopen_addr;
	call.args[1] = mode;
	call.nargs = 2;
	call.data[0] = path;
	call.datalen[0] = strlen(path) + 1;
	if (cdbg_call(c->p, tid, &call) < 0)
		return cli_error(c, "cannot inject %s: %s", path, cdbg_errmsg(c->p));
	if (!call.ret) {
		program_dlerror(c, tid, msg, sizeof(msg));
		return cli_error(c, "cannot inject %s: dlopen failed: %s", path,
				 msg[0] ? msg : "the program gives no reason (no dlerror)");
	}
	printf("Injected %s: handle %#llx\n", path, (unsigned long long)call.ret);
	if (why[0])
		printf("dlopen ran in thread %d, as %s.\n", cli_thread_num(c, tid), why);
	if (again)
		printf("It was loaded already: its constructors did not run again.\n");
	return 0;
}

const struct cli_cmd cli_cmds_inject[] = {
	{ "inject",
	  { NULL },
	  cmd_inject,
	  0,
	  "Load a shared library into the program with its own dlopen: inject /path/lib.so" },
	{ NULL, { NULL }, NULL, 0, NULL },
};
