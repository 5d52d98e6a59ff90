/*
 * test_sym_lookup: symbols of a live PIE program and of its libraries, checked against the
 * addresses the program prints of itself (sym_basic, -O0 -g, PIE). Proves:
 *   - nothing is read at attach (no file of the program is open or mapped in this process);
 *     the first lookup reads the symbols;
 *   - cdbg_sym_by_name finds main and hit (functions), sym_counter (global) and sym_table
 *     (file-local) at the printed addresses, in the executable; cdbg_sym_by_addr(hit + 3) is
 *     hit with offset 3, and inside sym_counter is sym_counter;
 *   - getpid and malloc are libc's, at the printed addresses, also as "libc.so.6:getpid";
 *     strlen is reported as a GNU indirect function (its address is the resolver's);
 *   - the vDSO, which has no file, is read from memory: __vdso_clock_gettime is in "[vdso]";
 *   - cdbg_modules lists the executable first (the file /proc/PID/exe names), then libc,
 *     ld.so and the vDSO, with has_dwarf / has_symtab as the files and their debug files
 *     (/usr/lib/debug/.build-id) say, and the PIE's load bias;
 *   - cdbg_line_by_addr(hit) is sym_basic.c at the line of hit's name;
 *   - an unknown name fails with CDBG_ENOSYM and the exact sentence, for both lookups;
 *   - a library loaded after the first lookup (dlopen of libm while the program runs) is
 *     found by the next lookup: cbrt at the address dlsym gave the program;
 *   - unwinding through our dwfl_attach_state callbacks (cdbg_backtrace): the stopped main
 *     thread's frames pass through tracee_read_line and main;
 *   - the same handle then attached to sym_nodebug (no -g) starts a new session: hit found
 *     at its printed address, cdbg_func_break_addr(hit) is hit itself, no line information,
 *     has_dwarf 0 and has_symtab 1.
 */
#include <elfutils/libdwelf.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static uint64_t field(const char *line, const char *key)
{
	return (uint64_t)h_field(line, key);
}

/* What a file holds: .debug_info, a SYMTAB section; and its build-id debug file's path. */
static void file_facts(const char *path, bool *dwarf, bool *symtab, char *debug, size_t len)
{
	int fd = open(path, O_RDONLY);
	Elf *e;
	Elf_Scn *scn = NULL;
	size_t shstr;
	const void *id;
	ssize_t n;

	*dwarf = *symtab = false;
	if (debug)
		debug[0] = '\0';
	if (fd < 0)
		return;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	CHECK(e && elf_getshdrstrndx(e, &shstr) == 0, "%s is not ELF", path);
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;
		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstr, sh.sh_name);
		*symtab |= sh.sh_type == SHT_SYMTAB;
		*dwarf |= name && sh.sh_type != SHT_NOBITS &&
			  (!strcmp(name, ".debug_info") || !strcmp(name, ".zdebug_info"));
	}
	if (debug && (n = dwelf_elf_gnu_build_id(e, &id)) > 1) {
		const unsigned char *b = id;
		int k = snprintf(debug, len, "/usr/lib/debug/.build-id/%02x/", b[0]);
		for (ssize_t i = 1; i < n; i++)
			k += snprintf(debug + k, len - (size_t)k, "%02x", b[i]);
		snprintf(debug + k, len - (size_t)k, ".debug");
	}
	elf_end(e);
	close(fd);
}

static void check_module_facts(const struct cdbg_module *m)
{
	bool dw, st, ddw = false, dst = false;
	char debug[512];

	file_facts(m->path, &dw, &st, debug, sizeof(debug));
	if (debug[0] && access(debug, R_OK) == 0)
		file_facts(debug, &ddw, &dst, NULL, 0);
	CHECK_EQ(m->has_dwarf, dw || ddw);
	CHECK_EQ(m->has_symtab, st || dst);
	h_note("module %s: dwarf %d symtab %d (debug file %s)", m->path, m->has_dwarf,
	       m->has_symtab, debug[0] && access(debug, R_OK) == 0 ? debug : "none");
}

/* Whether this process has the file open or mapped: libdwfl reads a module's file (ELF
 * symbols, DWARF) through a descriptor and maps of it, so neither exists before a lookup. */
static bool file_in_use(const char *path)
{
	char buf[4096], link[512];
	FILE *f = fopen("/proc/self/maps", "r");
	bool found = false;
	DIR *d;
	struct dirent *de;

	CHECK(f, "/proc/self/maps: %s", strerror(errno));
	while (!found && fgets(buf, sizeof(buf), f)) {
		char *nl = strchr(buf, '\n'), *slash = strchr(buf, '/');
		if (nl)
			*nl = 0;
		found = slash && !strcmp(slash, path);
	}
	fclose(f);
	d = opendir("/proc/self/fd");
	CHECK(d, "/proc/self/fd: %s", strerror(errno));
	while (!found && (de = readdir(d))) {
		ssize_t n;
		snprintf(buf, sizeof(buf), "/proc/self/fd/%s", de->d_name);
		n = readlink(buf, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = 0;
			found = !strcmp(link, path);
		}
	}
	closedir(d);
	return found;
}

static void check_unwind(cdbg_proc *p, pid_t tid)
{
	struct cdbg_frame fr[64];
	int n = cdbg_backtrace(p, tid, fr, 64);
	bool reader = false, main_seen = false;
	char trace[1024] = "";
	size_t k = 0;

	CHECK(n > 0, "cdbg_backtrace: %s", cdbg_errmsg(p));
	for (int i = 0; i < n; i++) {
		struct cdbg_symbol s;
		/* a return address: look up the call */
		uint64_t pc = fr[i].is_caller ? fr[i].pc - 1 : fr[i].pc;
		if (cdbg_sym_by_addr(p, pc, &s) != 0)
			snprintf(s.name, sizeof(s.name), "?");
		k += (size_t)snprintf(trace + k, sizeof(trace) - k, " %s", s.name);
		reader |= strcmp(s.name, "tracee_read_line") == 0;
		main_seen |= strcmp(s.name, "main") == 0;
		if (k >= sizeof(trace))
			break;
	}
	h_note("frames:%s", trace);
	CHECK(reader && main_seen,
	      "the stack of %d should pass through tracee_read_line and main:%s", (int)tid, trace);
}

/* Wait until the program sits in read(2) (waiting for a command), so that its stack is known. */
static void wait_in_read(pid_t pid)
{
	CHECK(h_wait_in_syscall(pid, 0, 10), "%d is not reading its input", (int)pid);
}

static void check_basic(cdbg_proc *p)
{
	struct tracee t;
	struct cdbg_symbol s;
	struct cdbg_module mods[64];
	struct cdbg_line ln;
	char line[512], exe[512], src[512];
	uint64_t mainp, hit, counter, table, getpid_a, malloc_a, cbrt, a;
	int n, i, libc = -1, ld = -1, vdso = -1;
	ssize_t len;

	h_start(&t, "sym_basic", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	mainp = field(line, "main");
	hit = field(line, "hit");
	counter = field(line, "counter");
	table = field(line, "table");
	getpid_a = field(line, "getpid");
	malloc_a = field(line, "malloc");
	h_expect(&t, "file=", line, sizeof(line), 20);
	snprintf(src, sizeof(src), "%s", line + 5);
	wait_in_read(t.pid);
	snprintf(line, sizeof(line), "/proc/%d/exe", (int)t.pid);
	len = readlink(line, exe, sizeof(exe) - 1);
	CHECK(len > 0, "readlink");
	exe[len] = '\0';
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(!file_in_use(exe), "symbols read at attach: %s is open or mapped", exe);

	/* The program's own symbols. */
	CHECK(cdbg_sym_by_name(p, "main", &s) == 0, "main: %s", cdbg_errmsg(p));
	CHECK(file_in_use(exe), "no symbols read after a lookup: %s is neither open nor mapped",
	      exe);
	CHECK(s.addr == mainp && !strcmp(s.name, "main") && !strcmp(s.module, exe) && s.size > 0,
	      "main: %s %#llx in %s, printed %#llx", s.name, (unsigned long long)s.addr, s.module,
	      (unsigned long long)mainp);
	CHECK(cdbg_sym_by_name(p, "hit", &s) == 0 && s.addr == hit, "hit: %#llx, printed %#llx",
	      (unsigned long long)s.addr, (unsigned long long)hit);
	CHECK(cdbg_sym_by_name(p, "sym_counter", &s) == 0 && s.addr == counter && s.size == 4 &&
		      s.kind == CDBG_SYM_OBJECT,
	      "sym_counter: %#llx size %llu", (unsigned long long)s.addr,
	      (unsigned long long)s.size);
	CHECK(cdbg_sym_by_name(p, "sym_table", &s) == 0 && s.addr == table && s.size == 64,
	      "sym_table: %#llx", (unsigned long long)s.addr);
	CHECK(cdbg_sym_by_addr(p, hit + 3, &s) == 0, "by_addr: %s", cdbg_errmsg(p));
	CHECK(!strcmp(s.name, "hit") && s.addr == hit && s.offset == 3, "hit+3 is %s+%llu", s.name,
	      (unsigned long long)s.offset);
	CHECK(cdbg_sym_by_addr(p, counter + 2, &s) == 0 && !strcmp(s.name, "sym_counter") &&
		      s.offset == 2,
	      "counter+2 is %s+%llu", s.name, (unsigned long long)s.offset);

	/* libc's. */
	CHECK(cdbg_sym_by_name(p, "getpid", &s) == 0 && s.addr == getpid_a,
	      "getpid %#llx, "
	      "printed %#llx",
	      (unsigned long long)s.addr, (unsigned long long)getpid_a);
	CHECK(strstr(base(s.module), "libc.so"), "getpid in %s", s.module);
	CHECK(cdbg_sym_by_name(p, "malloc", &s) == 0 && s.addr == malloc_a &&
		      strstr(base(s.module), "libc.so"),
	      "malloc %#llx in %s, printed %#llx", (unsigned long long)s.addr, s.module,
	      (unsigned long long)malloc_a);
	CHECK(cdbg_sym_by_name(p, "libc.so.6:getpid", &s) == 0 && s.addr == getpid_a,
	      "libc.so.6:getpid: %s", cdbg_errmsg(p));
	CHECK(s.kind == CDBG_SYM_FUNC, "getpid kind %d", s.kind);
	/* strlen is a GNU indirect function in glibc on x86-64: its symbol is the resolver. */
	CHECK(cdbg_sym_by_name(p, "strlen", &s) == 0 && s.kind == CDBG_SYM_IFUNC,
	      "strlen: %s kind %d", cdbg_errmsg(p), s.kind);
	CHECK(cdbg_sym_by_addr(p, malloc_a + 1, &s) == 0 && s.offset == 1 && s.addr == malloc_a,
	      "malloc+1: %s+%llu", s.name, (unsigned long long)s.offset);
	CHECK(cdbg_sym_by_name(p, "__vdso_clock_gettime", &s) == 0 && !strcmp(s.module, "[vdso]"),
	      "__vdso_clock_gettime: %s in %s", cdbg_errmsg(p), s.module);

	/* Modules. */
	n = cdbg_modules(p, mods, 64);
	CHECK(n >= 4 && n <= 64, "%d modules: %s", n, cdbg_errmsg(p));
	CHECK(!strcmp(mods[0].path, exe), "first module %s, exe %s", mods[0].path, exe);
	CHECK(mods[0].has_dwarf && mods[0].has_symtab, "exe dwarf %d symtab %d", mods[0].has_dwarf,
	      mods[0].has_symtab);
	CHECK(mods[0].start <= mainp && mainp < mods[0].end && mods[0].bias == mods[0].start,
	      "exe %#llx-%#llx bias %#llx", (unsigned long long)mods[0].start,
	      (unsigned long long)mods[0].end, (unsigned long long)mods[0].bias);
	for (i = 1; i < n; i++) {
		if (strstr(base(mods[i].path), "libc.so"))
			libc = i;
		else if (strstr(base(mods[i].path), "ld-linux"))
			ld = i;
		else if (!strcmp(mods[i].path, "[vdso]"))
			vdso = i;
		CHECK(mods[i].start < mods[i].end && mods[i - 1].start != mods[i].start, "%s",
		      mods[i].path);
	}
	CHECK(libc > 0 && ld > 0 && vdso > 0, "libc %d ld.so %d vdso %d", libc, ld, vdso);
	CHECK(mods[libc].start <= getpid_a && getpid_a < mods[libc].end, "getpid outside libc");
	check_module_facts(&mods[0]);
	check_module_facts(&mods[libc]);
	CHECK(!mods[vdso].has_dwarf && !mods[vdso].has_symtab, "vdso dwarf %d symtab %d",
	      mods[vdso].has_dwarf, mods[vdso].has_symtab);

	/* Lines. */
	CHECK(cdbg_line_by_addr(p, hit, &ln) == 0, "line of hit: %s", cdbg_errmsg(p));
	CHECK(!strcmp(ln.file, src) && ln.addr == hit && ln.is_stmt, "hit at %s:%d %#llx", ln.file,
	      ln.line, (unsigned long long)ln.addr);
	CHECK(cdbg_func_break_addr(p, "hit", &a) == 0 && a > hit && a < hit + 32,
	      "break hit: %#llx (hit %#llx)", (unsigned long long)a, (unsigned long long)hit);

	/* Unknown names. */
	CHECK_EQ(cdbg_sym_by_name(p, "no_such_symbol_xyz", &s), CDBG_ENOSYM);
	CHECK(!strcmp(cdbg_errmsg(p), "no symbol 'no_such_symbol_xyz' in the program or its "
				      "libraries"),
	      "message '%s'", cdbg_errmsg(p));
	CHECK_EQ(cdbg_func_break_addr(p, "sym_counter", &a), CDBG_ENOSYM);
	CHECK(!strcmp(cdbg_errmsg(p), "no function 'sym_counter' in the program or its "
				      "libraries"),
	      "message '%s'", cdbg_errmsg(p));
	CHECK_EQ(cdbg_sym_by_name(p, "cbrt", &s), CDBG_ENOSYM);

	check_unwind(p, t.pid);

	/* A library loaded later, looked up while the program runs. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "dlopen");
	h_expect(&t, "dlopen", line, sizeof(line), 20);
	cbrt = field(line, "cbrt");
	CHECK(cdbg_sym_by_name(p, "cbrt", &s) == 0 && s.addr == cbrt &&
		      strstr(base(s.module), "libm.so"),
	      "cbrt %#llx in %s, dlsym %#llx: %s", (unsigned long long)s.addr, s.module,
	      (unsigned long long)cbrt, cdbg_errmsg(p));
	u_stop(p, NULL);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
}

static void check_nodebug(cdbg_proc *p)
{
	struct tracee t;
	struct cdbg_symbol s;
	struct cdbg_module mods[64];
	struct cdbg_line ln;
	char line[512];
	uint64_t hit, a;
	int n;

	h_start(&t, "sym_nodebug", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	hit = field(line, "hit");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_sym_by_name(p, "hit", &s) == 0 && s.addr == hit, "hit %#llx, printed %#llx: %s",
	      (unsigned long long)s.addr, (unsigned long long)hit, cdbg_errmsg(p));
	CHECK(cdbg_func_break_addr(p, "hit", &a) == 0 && a == hit, "break hit %#llx",
	      (unsigned long long)a);
	CHECK(cdbg_sym_by_addr(p, hit + 5, &s) == 0 && !strcmp(s.name, "hit") && s.offset == 5,
	      "hit+5: %s", cdbg_errmsg(p));
	CHECK_EQ(cdbg_line_by_addr(p, hit, &ln), CDBG_ENOLINE);
	CHECK(strstr(cdbg_errmsg(p), "has no debug info"), "message '%s'", cdbg_errmsg(p));
	n = cdbg_modules(p, mods, 64);
	CHECK(n > 0 && !strcmp(base(mods[0].path), "sym_nodebug") && !mods[0].has_dwarf &&
		      mods[0].has_symtab,
	      "%d modules, first %s dwarf %d symtab %d", n, mods[0].path, mods[0].has_dwarf,
	      mods[0].has_symtab);
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK_EQ(h_finish(&t, 20), 0);
}

int main(void)
{
	cdbg_proc *p = cdbg_new();

	check_basic(p);
	check_nodebug(p); /* the same handle: a new process means a new session */
	cdbg_free(p);
	return h_pass();
}
