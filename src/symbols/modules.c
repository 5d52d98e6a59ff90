/*
 * modules.c - the handle's libdwfl session: which ELF files the process has mapped, where, and
 * how their debug information is found.
 *
 * Owns: struct sym_state (created at the first lookup, dropped on exec, exit, detach or a new
 * pid), module reporting from /proc/PID/maps (dwfl_linux_proc_report, which reads only
 * /proc/PID/maps and /proc/PID/auxv), our find_elf callback, cdbg_modules. Debug files are found
 * by libdwfl's standard search (build-id under /usr/lib/debug/.build-id, .gnu_debuglink next to
 * the file, in .debug/ and under /usr/lib/debug, or the directories CDBG_DEBUGINFO_PATH lists;
 * debuginfod only when DEBUGINFOD_URLS is set).
 * Must not: call ptrace or waitpid. The vDSO, which has no file, is copied out of the process
 * with mem_read_quiet; libdwfl's own callback would open /proc/PID/mem itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symbols/symbols.h"

/* This layer's state in the handle (a slot the target layer does not type). */
#define SYM(p) ((struct sym_state *)*cdbg__layer(p, CDBG__LAYER_SYM))

const char *sym_dwfl_error(void)
{
	const char *m = dwfl_errmsg(-1);

	return m ? m : "unknown libdwfl error";
}

int sym_check(cdbg_proc *p, const char *what)
{
	if (cdbg_target(p) == CDBG_TARGET_FILE)
		return cdbg__check_owner(p, what);
	return loop_require_proc(p, what);
}

bool sym_readable(const cdbg_proc *p)
{
	return cdbg_target(p) != CDBG_TARGET_NONE;
}

struct sym_mod *sym_mod_of(Dwfl_Module *mod)
{
	void **ud = NULL;

	dwfl_module_info(mod, &ud, NULL, NULL, NULL, NULL, NULL, NULL);
	return ud ? *ud : NULL;
}

bool sym_each_cu(Dwarf *dw, bool (*fn)(Dwarf_Die *cu, void *arg), void *arg)
{
	Dwarf_Off off = 0, next;
	size_t hsize;
	Dwarf_Die cu;

	while (dw && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		if (dwarf_offdie(dw, off + hsize, &cu) && fn(&cu, arg))
			return true;
		off = next;
	}
	return false;
}

const char *sym_mod_path(Dwfl_Module *mod)
{
	const char *name = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

	if (!name)
		return "?";
	/* A live process's vDSO is "[vdso: PID]"; a core's is named by its soname. */
	if (strncmp(name, "[vdso: ", 7) == 0 || strncmp(name, "linux-vdso.so.", 14) == 0)
		return "[vdso]";
	return name;
}

uint64_t sym_epoch(cdbg_proc *p)
{
	return SYM(p) ? SYM(p)->epoch : 0;
}

static void mod_free(struct sym_state *s, struct sym_mod *m)
{
	s->epoch++; /* its Dwarf goes with it (libdwfl frees the module after this) */
	if (!m)
		return;
	sym_index_free(&m->names);
	sym_dindex_free(&m->dnames);
	sym_addrix_free(&m->addrs);
	sym_ltables_free(m);
	sym_mtabs_free(m);
	/* The module's Elf may still point into the image until libdwfl ends it: keep the
	 * bytes until the session goes. */
	if (m->image) {
		void **r = realloc(s->retired, (s->n_retired + 1) * sizeof(*r));
		if (r) {
			s->retired = r;
			s->retired[s->n_retired++] = m->image;
		}
		/* else: leak the few pages rather than risk a use after free */
	}
	free(m);
}

/* The vDSO has no file: copy its pages out of the process and read them as an ELF image. */
static int vdso_elf(struct sym_mod *m, Dwfl_Module *mod, char **file_name, Elf **elfp)
{
	Dwarf_Addr lo = 0, hi = 0;
	unsigned char *buf;
	Elf *elf;
	size_t len;

	dwfl_module_info(mod, NULL, &lo, &hi, NULL, NULL, NULL, NULL);
	len = (size_t)(hi - lo);
	if (!m || hi <= lo || len > (64u << 20))
		return -1;
	buf = malloc(len);
	if (!buf)
		return -1;
	if (mem_read_quiet(m->s->p, lo, buf, len) != (ssize_t)len ||
	    !(elf = elf_memory((char *)buf, len))) {
		free(buf);
		return -1;
	}
	free(m->image);
	m->image = buf;
	*file_name = NULL;
	*elfp = elf;
	return -1;
}

/* Dwfl_Callbacks.find_elf: files through libdwfl's standard callback, which opens only regular
 * files; the vDSO from process memory; a deleted file not at all (its bytes are gone). */
static int find_elf(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr base,
		    char **file_name, Elf **elfp)
{
	size_t n = strlen(name);
	struct stat st;

	if (strncmp(name, "[vdso: ", 7) == 0)
		return vdso_elf(userdata ? *userdata : NULL, mod, file_name, elfp);
	if (n > 10 && strcmp(name + n - 10, " (deleted)") == 0)
		return -1;
	if (name[0] == '/' && (stat(name, &st) < 0 || !S_ISREG(st.st_mode)))
		return -1; /* a name from a core may be a FIFO (its open would block) or a device */
	if (userdata && *userdata && ((struct sym_mod *)*userdata)->s->p->core) {
		/* A core's module: by the build-id the core recorded, else by its path. */
		int fd = dwfl_build_id_find_elf(mod, userdata, name, base, file_name, elfp);
		if (fd >= 0 || *elfp)
			return fd;
	}
	return dwfl_linux_proc_find_elf(mod, userdata, name, base, file_name, elfp);
}

/* Dwfl_Callbacks.find_debuginfo: libdwfl's standard search, except for the vDSO, whose debug
 * file (linux-image-*-dbg) is looked for by build-id in the local debug directories only. The
 * standard search would go on to debuginfod, and the vDSO is in every process: the first
 * lookup over all modules (break FUNC) would load libdebuginfod and its thirty libraries (8 MB
 * of cdbg's memory), or ask a server over the network when DEBUGINFOD_URLS is set, for a file
 * that is almost never there. */
static int find_debuginfo(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr base,
			  const char *file_name, const char *debuglink_file,
			  GElf_Word debuglink_crc, char **debuginfo_file_name)
{
	if (name && strncmp(name, "[vdso: ", 7) == 0)
		return dwfl_build_id_find_debuginfo(mod, userdata, name, base, file_name,
						    debuglink_file, debuglink_crc,
						    debuginfo_file_name);
	return dwfl_standard_find_debuginfo(mod, userdata, name, base, file_name, debuglink_file,
					    debuglink_crc, debuginfo_file_name);
}

static int on_removed(Dwfl_Module *mod, void *userdata, const char *name, Dwarf_Addr base,
		      void *arg)
{
	struct sym_state *s = arg;
	void **ud = NULL;

	dwfl_module_info(mod, &ud, NULL, NULL, NULL, NULL, NULL, NULL);
	if (ud) {
		mod_free(s, *ud);
		*ud = NULL;
	}
	return 0;
}

struct tagging {
	struct sym_state *s;
	unsigned gen; /* generation for modules met now for the first time */
	size_t added; /* how many */
};

/* Give every module that has none our per-module extras, stamped with this generation. */
static int tag_module(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr start,
		      void *arg)
{
	struct tagging *tg = arg;
	struct sym_mod *m;

	if (*userdata)
		return DWARF_CB_OK;
	m = calloc(1, sizeof(*m));
	if (!m)
		return DWARF_CB_ABORT;
	m->s = tg->s;
	m->gen = tg->gen;
	*userdata = m;
	tg->added++;
	return DWARF_CB_OK;
}

/* Can /proc/TID/maps be read, and does it list anything? 0, or a positive errno (ESRCH for an
 * empty map: the task has no address space left). */
static int maps_readable(pid_t tid)
{
	char path[64], c;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = read(fd, &c, 1);
	close(fd);
	return n < 0 ? errno : n == 0 ? ESRCH : 0;
}

/* List the modules again. The address space is read through a live thread: a leader that
 * called pthread_exit is a zombie whose /proc/PID/maps is empty and whose auxv is gone (ESRCH),
 * and a listing from there would report no module at all. A listing that cannot be read
 * changes nothing: dwfl_report_end would free every module not reported, with the DIEs that
 * callers hold. */
/* A core's modules: libdwfl finds them in the core's link map and file notes. */
static int report_core(cdbg_proc *p, struct sym_state *s, const char *what)
{
	struct tagging tg = { s, s->gen + 1, 0 };
	const char *exe = core_exe(p);
	int r, e;

	dwfl_report_begin(s->dwfl);
	r = dwfl_core_file_report(s->dwfl, core_elf(p), exe && exe[0] ? exe : NULL);
	e = dwfl_report_end(s->dwfl, on_removed, s);
	if (r < 0 || e != 0)
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot %s: cannot list the modules of the core: %s", what,
				  sym_dwfl_error());
	if (dwfl_getmodules(s->dwfl, tag_module, &tg, 0) != 0)
		return cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", what);
	if (tg.added)
		s->gen = tg.gen;
	snprintf(s->exe, sizeof(s->exe), "%s", exe ? exe : "");
	logd(p, "symbols: %d modules of the core reported", r);
	return 0;
}

static int report(cdbg_proc *p, struct sym_state *s, const char *what)
{
	struct tagging tg = { s, s->gen + 1, 0 };
	pid_t tid = mem_live_tid(p);
	char link[64];
	ssize_t n;
	int r, e;

	if (p->core)
		return report_core(p, s, what);
	r = maps_readable(tid);
	if (r > 0)
		return cdbg__fail(p, -r, "cannot %s: cannot read the memory map of process %d: %s",
				  what, (int)s->pid, cdbg__errstr(-r));
	dwfl_report_begin(s->dwfl);
	r = dwfl_linux_proc_report(s->dwfl, tid);
	e = dwfl_report_end(s->dwfl, on_removed, s);
	if (r > 0)
		return cdbg__fail(p, -r, "cannot %s: cannot read the memory map of process %d: %s",
				  what, (int)s->pid, cdbg__errstr(-r));
	if (r < 0 || e != 0)
		return cdbg__fail(p, CDBG_ENOSYM,
				  "cannot %s: cannot list the modules of process "
				  "%d: %s",
				  what, (int)s->pid, sym_dwfl_error());
	if (dwfl_getmodules(s->dwfl, tag_module, &tg, 0) != 0)
		return cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", what);
	if (tg.added)
		s->gen = tg.gen; /* new modules: a lookup that missed may look at them */
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)tid);
	n = readlink(link, s->exe, sizeof(s->exe) - 1);
	s->exe[n > 0 ? n : 0] = '\0';
	logd(p, "symbols: modules of process %d reported, %zu new (generation %u)", (int)s->pid,
	     tg.added, s->gen);
	return 0;
}

/* The program's file alone, before it runs (or after): the one module, at the file's own
 * addresses (a PIE's from 0, as gdb shows them before `run`; an ET_EXEC's where it is linked).
 * Only the ELF headers are read here; symbols and DWARF wait for the first lookup that reaches
 * the module, as a process's modules do. */
static int report_file(cdbg_proc *p, struct sym_state *s, const char *what)
{
	struct tagging tg = { s, s->gen + 1, 0 };
	const char *path = p->file_path;
	Dwfl_Module *mod;
	int e;

	dwfl_report_begin(s->dwfl);
	mod = dwfl_report_elf(s->dwfl, path, path, -1, 0, true);
	e = dwfl_report_end(s->dwfl, on_removed, s);
	if (!mod || e != 0)
		return cdbg__fail(p, CDBG_ENOSYM, "cannot %s: cannot read the symbols of %s: %s",
				  what, path, sym_dwfl_error());
	if (dwfl_getmodules(s->dwfl, tag_module, &tg, 0) != 0)
		return cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", what);
	if (tg.added)
		s->gen = tg.gen;
	snprintf(s->exe, sizeof(s->exe), "%s", path);
	logd(p, "symbols: the program's file %s reported", path);
	return 0;
}

int sym_rereport(cdbg_proc *p, struct sym_state *s, const char *what)
{
	if (s->kind != CDBG_TARGET_PROCESS)
		return 0; /* a core's modules do not change; libdwfl reports a core once; a file
			   * is one module */
	return report(p, s, what);
}

static int untag_module(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr start,
			void *arg)
{
	mod_free(arg, *userdata);
	*userdata = NULL;
	return DWARF_CB_OK;
}

/* Drop the libdwfl session (modules, files, indexes); keep the state block. */
static void session_end(struct sym_state *s)
{
	size_t i;

	if (!s->dwfl)
		return;
	s->epoch++;
	dwfl_getmodules(s->dwfl, untag_module, s, 0);
	dwfl_end(s->dwfl); /* calls our detach callback when state was attached: nothing to do */
	s->dwfl = NULL;
	s->attached = false;
	for (i = 0; i < s->n_retired; i++)
		free(s->retired[i]);
	free(s->retired);
	s->retired = NULL;
	s->n_retired = 0;
	s->pid = 0;
	s->kind = CDBG_TARGET_NONE;
	s->exe[0] = '\0';
}

/* CDBG__HOOK_SPACE_GONE: forget the process's modules (exec, exit, a reset: the next lookup
 * reads /proc/PID/maps again). */
static void sym_invalidate(cdbg_proc *p, void *data)
{
	(void)data;
	if (SYM(p) && SYM(p)->dwfl) {
		logd(p, "symbols: forgetting the modules of process %d", (int)SYM(p)->pid);
		session_end(SYM(p));
	}
}

/* CDBG__HOOK_FREE: the handle goes; so does the symbol state. */
static void sym_free(cdbg_proc *p, void *data)
{
	(void)data;
	if (!SYM(p))
		return;
	session_end(SYM(p));
	free(SYM(p)->debuginfo_path);
	free(SYM(p));
	*cdbg__layer(p, CDBG__LAYER_SYM) = NULL;
}

struct sym_state *sym_session(cdbg_proc *p, const char *what)
{
	struct sym_state *s = SYM(p);
	enum cdbg_target_kind kind = cdbg_target(p);

	if (sym_check(p, what) < 0)
		return NULL;
	/* The session describes what is held now: the process (by pid), the core, or the
	 * program's file; anything else (a process launched or attached where the file was read,
	 * the file again once it is gone) starts a new one. */
	if (s && s->dwfl && s->kind == kind &&
	    (kind == CDBG_TARGET_FILE ? strcmp(s->exe, p->file_path) == 0 : s->pid == p->pid))
		return s;
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s) {
			cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", what);
			return NULL;
		}
		if (cdbg__hook_add(p, CDBG__HOOK_SPACE_GONE, sym_invalidate, NULL) < 0 ||
		    cdbg__hook_add(p, CDBG__HOOK_LIBRARIES, sym_libraries_changed, NULL) < 0 ||
		    cdbg__hook_add(p, CDBG__HOOK_FREE, sym_free, NULL) < 0) {
			free(s);
			cdbg__fail(p, -ENOMEM, "cannot %s: the handle's hook table is full", what);
			return NULL;
		}
		*cdbg__layer(p, CDBG__LAYER_SYM) = s;
	}
	session_end(s); /* a session of an earlier process */
	s->p = p;
	s->cb.find_elf = find_elf;
	s->cb.find_debuginfo = find_debuginfo;
	s->cb.section_address = dwfl_offline_section_address;
	s->cb.debuginfo_path = &s->debuginfo_path;
	if (!s->debuginfo_path && getenv("CDBG_DEBUGINFO_PATH")) {
		/* libdwfl's own syntax: "+:.debug:/usr/lib/debug", see cdbg.h */
		s->debuginfo_path = strdup(getenv("CDBG_DEBUGINFO_PATH"));
	}
	s->dwfl = dwfl_begin(&s->cb);
	s->epoch++; /* a new Dwfl may have the address of a freed one */
	if (!s->dwfl) {
		cdbg__fail(p, -ENOMEM, "cannot %s: %s", what, sym_dwfl_error());
		return NULL;
	}
	s->kind = kind;
	s->pid = kind == CDBG_TARGET_FILE ? 0 : p->pid;
	if ((kind == CDBG_TARGET_FILE ? report_file(p, s, what) : report(p, s, what)) < 0) {
		session_end(s);
		return NULL;
	}
	return s;
}

struct mod_list {
	Dwfl_Module **mods; /* NULL: count only */
	size_t n, max;
};

static int collect(Dwfl_Module *mod, void **userdata, const char *name, Dwarf_Addr start, void *arg)
{
	struct mod_list *l = arg;

	if (l->mods && l->n < l->max)
		l->mods[l->n] = mod;
	l->n++;
	return DWARF_CB_OK;
}

static int by_start(const void *a, const void *b)
{
	Dwarf_Addr sa = 0, sb = 0;

	dwfl_module_info(*(Dwfl_Module *const *)a, NULL, &sa, NULL, NULL, NULL, NULL, NULL);
	dwfl_module_info(*(Dwfl_Module *const *)b, NULL, &sb, NULL, NULL, NULL, NULL, NULL);
	return sa < sb ? -1 : sa > sb;
}

Dwfl_Module **sym_modules_sorted(struct sym_state *s, size_t *count)
{
	struct mod_list l = { NULL, 0, 0 };
	size_t i;

	*count = 0;
	dwfl_getmodules(s->dwfl, collect, &l, 0);
	if (l.n == 0 || !(l.mods = malloc(l.n * sizeof(*l.mods))))
		return NULL;
	l.max = l.n;
	l.n = 0;
	dwfl_getmodules(s->dwfl, collect, &l, 0);
	*count = l.n < l.max ? l.n : l.max;
	qsort(l.mods, *count, sizeof(*l.mods), by_start);
	for (i = 1; i < *count && s->exe[0]; i++) {
		const char *name = dwfl_module_info(l.mods[i], NULL, NULL, NULL, NULL, NULL, NULL,
						    NULL);
		if (name && strcmp(name, s->exe) == 0) {
			Dwfl_Module *exe = l.mods[i];
			memmove(l.mods + 1, l.mods, i * sizeof(*l.mods));
			l.mods[0] = exe;
			break;
		}
	}
	return l.mods;
}

Dwfl_Module *sym_addr_module(cdbg_proc *p, struct sym_state *s, uint64_t addr)
{
	Dwfl_Module *mod = dwfl_addrmodule(s->dwfl, addr);

	if (mod)
		return mod;
	/* Perhaps mapped since the last look (dlopen). */
	if (sym_rereport(p, s, "find the module of an address") < 0)
		return NULL;
	return dwfl_addrmodule(s->dwfl, addr);
}

/* Does this ELF file have a full symbol table (not only .dynsym)? */
static bool has_symtab(Elf *elf)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while (elf && (scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			return true;
	return false;
}

/* The module's .text in the process (its section header and the load bias). */
static void text_range(Elf *elf, struct cdbg_module *out)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;

	if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_PROGBITS &&
		    (name = elf_strptr(elf, shstrndx, sh.sh_name)) && !strcmp(name, ".text")) {
			out->text_start = sh.sh_addr + out->bias;
			out->text_end = out->text_start + sh.sh_size;
			return;
		}
	}
}

static void module_info(Dwfl_Module *mod, struct cdbg_module *out)
{
	Dwarf_Addr lo = 0, hi = 0, bias = 0, dwbias = 0;
	Dwarf *dw;
	Elf *elf;

	memset(out, 0, sizeof(*out));
	dwfl_module_info(mod, NULL, &lo, &hi, NULL, NULL, NULL, NULL);
	out->path_cut = snprintf(out->path, sizeof(out->path), "%s", sym_mod_path(mod)) >=
			(int)sizeof(out->path);
	out->start = lo;
	out->end = hi;
	elf = dwfl_module_getelf(mod, &bias);
	out->bias = elf ? bias : 0;
	if (out->path[0] != '/' && out->path[0] != '[') {
		/* A core's modules are named by soname ("libc.so.6"): the file found is better. */
		const char *file = NULL;
		dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, &file, NULL);
		if (file && file[0] == '/')
			out->path_cut = snprintf(out->path, sizeof(out->path), "%s", file) >=
					(int)sizeof(out->path);
	}
	text_range(elf, out);
	dw = dwfl_module_getdwarf(mod, &dwbias);
	out->has_dwarf = dw != NULL;
	out->has_symtab = has_symtab(elf) || (dw && has_symtab(dwarf_getelf(dw)));
}

/* Is mod a file that exists and is no ELF file? (A file that cannot be read is kept.) */
static bool not_elf(Dwfl_Module *mod)
{
	const char *name = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	unsigned char magic[4];
	int fd;
	bool no;

	if (!name || name[0] != '/' || (fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	no = read(fd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) != 0;
	close(fd);
	return no;
}

int cdbg_modules(cdbg_proc *p, struct cdbg_module *mods, size_t max)
{
	struct sym_state *s = sym_session(p, "list the modules");
	Dwfl_Module **list;
	size_t n, i;

	if (!s)
		return cdbg_errcode(p);
	/* A listing is a moment to catch up with dlopen and dlclose. */
	if (sym_rereport(p, s, "list the modules") < 0)
		return cdbg_errcode(p);
	list = sym_modules_sorted(s, &n);
	if (!list && n)
		return cdbg__fail(p, -ENOMEM, "cannot list the modules: out of memory");
	size_t k = 0;
	for (i = 0; i < n; i++) {
		/* a mapped file that is no ELF (ld.so.cache while the dynamic linker reads it) */
		if (not_elf(list[i]))
			continue;
		if (k < max)
			module_info(list[i], &mods[k]);
		k++;
	}
	free(list);
	cdbg__clear_error(p);
	return (int)k;
}
