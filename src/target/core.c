/*
 * core.c - a core file held instead of a process: its threads, registers, extended state and
 * memory, read-only, served through the same thread table and readers a live process uses, so
 * that the layers above (symbols, unwinding, values, goroutines) read a core as they read a
 * stopped process.
 *
 * Owns: struct target_core, cdbg_core_open, cdbg_core_info, core_read. Must not: call ptrace
 * or waitpid (a core has no process), read anything of /proc (the pid in a core names some
 * other process now, or none), or trust the file: notes and program headers are checked
 * against the file's size, a truncated core opens with what it holds.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/target.h"

#ifndef NT_FILE
#define NT_FILE 0x46494c45
#endif
#ifndef NT_SIGINFO
#define NT_SIGINFO 0x53494749
#endif
#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

struct target_core {
	int fd;
	Elf *elf;
	struct image mem;   /* the core's own bytes (PT_LOAD, filesz only) */
	struct image files; /* the files it names (NT_FILE), for what it left out */
	struct image segs;  /* every PT_LOAD, bytes or not: flags only (no fd) */
	struct cdbg_core_info info;
	unsigned char *notes; /* the note segments as read (for the auxv copy) */
	uint64_t at_entry, at_phdr;
	struct cdbg_core_mapping *maps; /* NT_FILE entries, paths into names */
	size_t nmaps;
	bool maps_sorted;
	char *names;
	char exe_named[4096]; /* the executable the core's file notes name, "" if none */
};

static const char *core_path_what = "read the core file";

ssize_t core_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	struct target_core *c = p->core;
	size_t done = 0;

	while (c && done < len) {
		uint64_t at = addr + done;
		size_t want = len - done;
		ssize_t n = image_read(&c->mem, at, (char *)buf + done, want);

		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		/* Not in the core: the file, but only up to where the core has bytes again. */
		for (size_t i = 0; i < c->mem.nregions; i++) {
			const struct image_region *r = &c->mem.regions[i];
			if (r->lo > at && r->lo - at < want)
				want = (size_t)(r->lo - at);
		}
		n = image_read(&c->files, at, (char *)buf + done, want);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

unsigned core_flags(cdbg_proc *p, uint64_t addr)
{
	const struct image_region *r = p->core ? image_find(&p->core->segs, addr) : NULL;

	return r ? r->flags : 0;
}

struct Elf *core_elf(cdbg_proc *p)
{
	return p->core ? p->core->elf : NULL;
}

const char *core_exe(cdbg_proc *p)
{
	return p->core ? p->core->info.exe : NULL;
}

static void core_free(struct target_core *c)
{
	if (!c)
		return;
	image_free(&c->mem);
	image_free(&c->files);
	image_free(&c->segs);
	if (c->elf)
		elf_end(c->elf);
	if (c->fd >= 0)
		close(c->fd);
	free(c->notes);
	free(c->maps);
	free(c->names);
	free(c);
}

void core_close(cdbg_proc *p)
{
	if (!p->core)
		return;
	logd(p, "core: letting go of the core of process %d", (int)p->pid);
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
	while (p->threads.count)
		thread_remove(p, p->threads.all[p->threads.count - 1]);
	core_free(p->core);
	p->core = NULL;
	p->pid = 0;
	p->all_stopped = false;
	memset(&p->xstate, 0, sizeof(p->xstate));
}

/* ---- notes -------------------------------------------------------------------------------- */

struct parse {
	cdbg_proc *p;
	struct target_core *c;
	struct thread *cur; /* the thread whose notes follow its NT_PRSTATUS */
	size_t xsize;       /* extended state size of the first thread that had one */
	int xnote;
	const unsigned char *file_note;
	size_t file_len;
	struct file_slot *slots; /* core_files: the files opened, by path */
	size_t nslots, nfiles;
};

/* Files of a core opened at most: each holds a descriptor while the core is held. */
#define CORE_MAX_FILES 512

static int add_thread(struct parse *ps, const void *desc, size_t len)
{
	struct arch_core_thread th;
	struct thread *t;

	ps->cur = NULL; /* the notes that follow belong to this record, kept or not */
	if (arch_core_prstatus(desc, len, &th) < 0 || th.tid <= 0)
		return 0; /* a damaged record: skip it */
	if (thread_find(&ps->p->threads, th.tid))
		return 0;
	if (!(t = thread_add(ps->p, th.tid, TS_STOPPED)))
		return -ENOMEM;
	t->stop = SK_INTERRUPT;
	t->regs = th.regs;
	t->regs_valid = true;
	if (!ps->c->info.nthreads++) {
		ps->c->info.tid = th.tid;
		ps->c->info.signo = th.cursig;
	}
	ps->cur = t;
	return 0;
}

static int add_xstate(struct parse *ps, const void *desc, size_t len, int type)
{
	struct thread *t = ps->cur;

	if (!t || len < arch_fpregs_size() || len > (1u << 20))
		return 0;
	/* NT_X86_XSTATE wins over the FXSAVE block every thread also has. */
	if (ps->xsize && (ps->xnote == NT_X86_XSTATE) && type != NT_X86_XSTATE)
		return 0;
	if (!ps->xsize || (type == NT_X86_XSTATE && ps->xnote != NT_X86_XSTATE)) {
		/* A new block format: blocks kept in the old one no longer fit it. */
		for (size_t i = 0; i < ps->p->threads.count; i++) {
			struct thread *o = ps->p->threads.all[i];
			free(o->xstate);
			o->xstate = NULL;
			o->xstate_valid = false;
		}
		ps->xsize = len;
		ps->xnote = type;
		arch_xstate_learn(&ps->p->xstate, desc, len, type);
	}
	if (len != ps->xsize)
		return 0; /* threads disagree: leave this one without */
	free(t->xstate);
	if (!(t->xstate = malloc(len)))
		return -ENOMEM;
	memcpy(t->xstate, desc, len);
	t->xstate_valid = true;
	return 0;
}

static void take_siginfo(struct parse *ps, const unsigned char *desc, size_t len)
{
	siginfo_t si;

	if (!ps->cur || len < sizeof(si))
		return;
	memcpy(&si, desc, sizeof(si));
	ps->cur->si = si;
	ps->cur->si_valid = si.si_signo != 0;
	if (ps->cur->tid == ps->c->info.tid && si.si_signo) {
		ps->c->info.signo = si.si_signo;
		ps->c->info.si_code = si.si_code;
		if (si.si_signo == SIGSEGV || si.si_signo == SIGBUS || si.si_signo == SIGILL ||
		    si.si_signo == SIGFPE)
			ps->c->info.fault_addr = (uint64_t)(uintptr_t)si.si_addr;
	}
}

static void take_auxv(struct parse *ps, const unsigned char *desc, size_t len)
{
	for (size_t i = 0; i + 16 <= len; i += 16) {
		uint64_t k, v;
		memcpy(&k, desc + i, 8);
		memcpy(&v, desc + i + 8, 8);
		if (k == 9 /* AT_ENTRY */)
			ps->c->at_entry = v;
		else if (k == 3 /* AT_PHDR */)
			ps->c->at_phdr = v;
	}
}

static int one_note(struct parse *ps, const GElf_Nhdr *nh, const char *name,
		    const unsigned char *desc)
{
	size_t len = nh->n_descsz;
	struct arch_core_proc pr;

	if (strcmp(name, "CORE") != 0 && strcmp(name, "LINUX") != 0)
		return 0;
	switch (nh->n_type) {
	case NT_PRSTATUS:
		return add_thread(ps, desc, len);
	case NT_PRFPREG:
	case NT_X86_XSTATE:
		return add_xstate(ps, desc, len, (int)nh->n_type);
	case NT_SIGINFO:
		take_siginfo(ps, desc, len);
		return 0;
	case NT_PRPSINFO:
		if (arch_core_prpsinfo(desc, len, &pr) == 0) {
			char *cmd = ps->c->info.command;
			size_t n;
			snprintf(cmd, sizeof(ps->c->info.command), "%s", pr.psargs);
			/* The kernel ends the arguments with a blank (gdb drops it). */
			n = strlen(cmd);
			while (n && cmd[n - 1] == ' ')
				cmd[--n] = '\0';
			ps->c->info.pid = pr.pid;
		}
		return 0;
	case NT_AUXV:
		take_auxv(ps, desc, len);
		return 0;
	case NT_FILE:
		ps->file_note = desc;
		ps->file_len = len;
		return 0;
	}
	return 0;
}

/* Every note of every PT_NOTE segment the file really holds. */
static int read_notes(struct parse *ps, size_t nph, uint64_t fsize)
{
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, noff, doff;
		int r;

		if (!gelf_getphdr(ps->c->elf, (int)i, &ph) || ph.p_type != PT_NOTE)
			continue;
		if (ph.p_offset >= fsize || ph.p_filesz > fsize - ph.p_offset)
			continue; /* cut off: notes only count whole */
		d = elf_getdata_rawchunk(ps->c->elf, (int64_t)ph.p_offset, ph.p_filesz, ELF_T_NHDR);
		if (!d)
			continue;
		while ((noff = 0, off < d->d_size) &&
		       (off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
			const char *name = (const char *)d->d_buf + noff;
			if (nh.n_namesz == 0 || name[nh.n_namesz - 1] != '\0')
				continue;
			if ((r = one_note(ps, &nh, name, (const unsigned char *)d->d_buf + doff)) <
			    0)
				return r;
		}
	}
	return 0;
}

/* ---- memory: the core's segments, the files of NT_FILE ------------------------------------- */

static int core_segments(struct target_core *c, size_t nph, uint64_t fsize)
{
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		struct image_region r;
		if (!gelf_getphdr(c->elf, (int)i, &ph))
			continue;
		if (ph.p_offset + ph.p_filesz > c->info.core_needed &&
		    ph.p_offset + ph.p_filesz >= ph.p_offset)
			c->info.core_needed = ph.p_offset + ph.p_filesz;
		if (ph.p_type == PT_LOAD && ph.p_memsz && ph.p_vaddr + ph.p_memsz > ph.p_vaddr) {
			/* Every segment, dumped or not, for what the addresses are (code or
			 * data); its bytes only when the core holds them. */
			r = (struct image_region){ ph.p_vaddr, ph.p_vaddr + ph.p_memsz, 0, 0, -1,
						   ph.p_flags };
			if (image_add(&c->segs, &r) < 0)
				return -ENOMEM;
		}
		if (ph.p_type != PT_LOAD || !ph.p_filesz || ph.p_vaddr + ph.p_filesz < ph.p_vaddr)
			continue;
		r = (struct image_region){ ph.p_vaddr,  ph.p_vaddr + ph.p_filesz,
					   ph.p_offset, ph.p_filesz,
					   0,           ph.p_flags };
		if (image_add(&c->mem, &r) < 0)
			return -ENOMEM;
	}
	(void)fsize;
	image_sort(&c->mem);
	image_sort(&c->segs);
	return 0;
}

/* The files a core names, each opened once: a hash of paths to the image's fd index (-1: the
 * file could not be opened; it is not tried again). */
struct file_slot {
	const char *path;
	int idx;
	struct stat st;
};

static uint64_t path_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* The fd index of path in the files image (opened now if new), -1 when it cannot be read,
 * -ENOMEM. */
static int file_index(struct parse *ps, const char *path, struct stat *st)
{
	size_t mask = ps->nslots - 1, i;
	struct file_slot *s;
	int fd;

	for (i = path_hash(path) & mask; ps->slots[i].path; i = (i + 1) & mask)
		if (strcmp(ps->slots[i].path, path) == 0) {
			*st = ps->slots[i].st;
			return ps->slots[i].idx;
		}
	s = &ps->slots[i];
	s->path = path;
	s->idx = -1;
	fd = ps->nfiles < CORE_MAX_FILES ? image_open_regular(path, &s->st) : -EMFILE;
	if (fd >= 0) {
		ps->nfiles++;
		if ((s->idx = image_own_fd(&ps->c->files, fd)) < 0)
			return -ENOMEM;
	}
	*st = s->st;
	return s->idx;
}

/* The NT_FILE note: count, page size, count (start, end, page offset) triples, the names. For
 * each mapping the core left out, the file's bytes (exe_as: the executable given in place of
 * the one the core names). */
static int core_files(struct parse *ps, const char *exe_as)
{
	const unsigned char *d = ps->file_note;
	size_t len = ps->file_len, pos;
	uint64_t count, page;

	if (!d || len < 16)
		return 0;
	memcpy(&count, d, 8);
	memcpy(&page, d + 8, 8);
	if (count > (len - 16) / 24 || !page || (page & (page - 1)))
		return 0;
	/* The names, kept for cdbg_core_mappings. */
	if (!(ps->c->names = malloc(len)) ||
	    !(ps->c->maps = calloc(count + 1, sizeof(*ps->c->maps))))
		return -ENOMEM;
	for (ps->nslots = 16; ps->nslots < 2 * count + 2; ps->nslots *= 2)
		;
	if (!(ps->slots = calloc(ps->nslots, sizeof(*ps->slots))))
		return -ENOMEM;
	memcpy(ps->c->names, d, len);
	/* First the executable's name: the mapping of the entry point. */
	pos = 16 + count * 24;
	for (uint64_t i = 0; i < count && pos < len && !ps->c->exe_named[0]; i++) {
		const char *nm = (const char *)d + pos;
		size_t nlen = strnlen(nm, len - pos);
		uint64_t v[2];
		if (pos + nlen >= len)
			break;
		pos += nlen + 1;
		memcpy(v, d + 16 + i * 24, sizeof(v));
		if (ps->c->at_entry >= v[0] && ps->c->at_entry < v[1])
			snprintf(ps->c->exe_named, sizeof(ps->c->exe_named), "%s", nm);
	}
	pos = 16 + count * 24;
	for (uint64_t i = 0; i < count && pos < len; i++) {
		uint64_t v[3];
		const char *nm = (const char *)d + pos, *path = nm;
		size_t nlen = strnlen(nm, len - pos);
		struct image_region r;
		struct stat st;
		int idx;

		if (pos + nlen >= len)
			break; /* the last name is not terminated */
		pos += nlen + 1;
		memcpy(v, d + 16 + i * 24, sizeof(v));
		if (v[1] <= v[0] || v[2] > UINT64_MAX / page)
			continue;
		ps->c->maps[ps->c->nmaps++] = (struct cdbg_core_mapping){
			.start = v[0],
			.end = v[1],
			.offset = v[2] * page,
			.path = ps->c->names + (nm - (const char *)d),
		};
		if (exe_as && ps->c->exe_named[0] && strcmp(nm, ps->c->exe_named) == 0)
			path = exe_as;
		/* One descriptor per file, not per mapping (a program with two hundred libraries
		 * has a thousand mappings); a file that cannot be opened is tried once. */
		if ((idx = file_index(ps, path, &st)) == -ENOMEM)
			return -ENOMEM;
		if (idx < 0 || (uint64_t)st.st_size <= v[2] * page)
			continue;
		ps->c->maps[ps->c->nmaps - 1].file_found = 1;
		r = (struct image_region){ v[0], v[1], v[2] * page, v[1] - v[0], idx, 0 };
		if (r.filesz > (uint64_t)st.st_size - r.off)
			r.filesz = (uint64_t)st.st_size - r.off;
		r.hi = r.lo + r.filesz; /* past the file's end a mapping reads SIGBUS: nothing */
		if (image_add(&ps->c->files, &r) < 0)
			return -ENOMEM;
	}
	image_sort(&ps->c->files);
	return 0;
}

/* The first note of type NT_GNU_BUILD_ID in the ELF file at path: its length, 0 if none. */
static size_t file_build_id(const char *path, unsigned char *id, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0, nph = 0;
	Elf *elf;

	if (fd < 0)
		return 0;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (elf && elf_getphdrnum(elf, &nph) == 0) {
		for (size_t i = 0; i < nph && !n; i++) {
			GElf_Phdr ph;
			Elf_Data *d;
			GElf_Nhdr nh;
			size_t off = 0, noff, doff;
			if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_NOTE)
				continue;
			d = elf_getdata_rawchunk(elf, (int64_t)ph.p_offset, ph.p_filesz,
						 ELF_T_NHDR);
			while (d && !n && (off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
				if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
				    memcmp((char *)d->d_buf + noff, "GNU", 4) == 0 &&
				    nh.n_descsz <= max && nh.n_descsz) {
					memcpy(id, (char *)d->d_buf + doff, nh.n_descsz);
					n = nh.n_descsz;
				}
			}
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return n;
}

/* Does the executable match what ran? Its build-id must be in the first page of its mapping
 * the core holds (the kernel dumps an ELF file's first page: its headers and notes). Unknown
 * (no build-id, the page not dumped) counts as a match. */
static bool exe_mismatch(struct target_core *c, const char *exe)
{
	unsigned char id[64], page[4096];
	size_t n = file_build_id(exe, id, sizeof(id));
	uint64_t base = 0;
	ssize_t got;

	if (!n || !c->at_phdr)
		return false;
	/* The headers' page: AT_PHDR's page holds the ELF header too in every usual layout. */
	base = c->at_phdr & ~(uint64_t)4095;
	got = image_read(&c->mem, base, page, sizeof(page));
	if (got < (ssize_t)sizeof(page))
		return false;
	return memmem(page, sizeof(page), id, n) == NULL;
}

/* "52 MB", "12 kB", "300 bytes": a file size as the truncation sentence gives it. */
static const char *core_size_text(uint64_t n, char *buf, size_t len)
{
	if (n >= 10u << 20)
		snprintf(buf, len, "%llu MB", (unsigned long long)(n >> 20));
	else if (n >= 10u << 10)
		snprintf(buf, len, "%llu kB", (unsigned long long)(n >> 10));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)n);
	return buf;
}

/* ---- opening ------------------------------------------------------------------------------- */

static int open_elf(cdbg_proc *p, struct target_core *c, const char *core, size_t *nph,
		    struct stat *st)
{
	GElf_Ehdr eh;

	elf_version(EV_CURRENT);
	c->fd = image_open_regular(core, st);
	if (c->fd == -EINVAL)
		return cdbg__fail(p, CDBG_EBADFILE, "cannot %s: %s is not a regular file",
				  core_path_what, core);
	if (c->fd < 0)
		return cdbg__fail(p, c->fd, "cannot %s: cannot open %s: %s", core_path_what, core,
				  cdbg__errstr(c->fd));
	/* Read, not mapped: libdwfl reads the core's segments through it, and a mapping would
	 * leave every page it touched in cdbg's memory (89 MB for a 1,000-thread core; 27 MB
	 * read). */
	c->elf = elf_begin(c->fd, ELF_C_READ, NULL);
	if (!c->elf || elf_kind(c->elf) != ELF_K_ELF || !gelf_getehdr(c->elf, &eh))
		return cdbg__fail(p, CDBG_EBADFILE, "cannot %s: %s is not an ELF file%s",
				  core_path_what, core,
				  (uint64_t)st->st_size < 64 ?
					  " (it is shorter than an ELF header)" :
					  "");
	if (eh.e_type != ET_CORE)
		return cdbg__fail(p, CDBG_EBADFILE,
				  "cannot %s: %s is not a core file (ELF type %u%s)",
				  core_path_what, core, (unsigned)eh.e_type,
				  eh.e_type == ET_EXEC || eh.e_type == ET_DYN ?
					  ", a program: give it first, the core second" :
					  "");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
		return cdbg__fail(p, CDBG_EBADFILE,
				  "cannot %s: %s is the core of a program for another machine "
				  "(ELF machine %u); cdbg reads x86-64 cores",
				  core_path_what, core, (unsigned)eh.e_machine);
	if (elf_getphdrnum(c->elf, nph) < 0)
		return cdbg__fail(p, CDBG_EBADFILE,
				  "cannot %s: the program headers of %s cannot be read (the file "
				  "is damaged or truncated)",
				  core_path_what, core);
	return 0;
}

/* The executable for symbols: the one given, else the program's file, else the one the core
 * names when it is still there. */
static void choose_exe(cdbg_proc *p, struct target_core *c, const char *exe)
{
	const char *pick = exe ? exe : p->file_path ? p->file_path : c->exe_named;

	struct stat st;

	/* A regular file only: the name may come from the core (a FIFO would block, a device
	 * is no program). */
	if (pick && pick[0] && stat(pick, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(pick, R_OK) == 0) {
		char *real = realpath(pick, NULL);
		snprintf(c->info.exe, sizeof(c->info.exe), "%s", real ? real : pick);
		free(real);
	}
}

int cdbg_core_open(cdbg_proc *p, const char *core, const char *exe)
{
	struct target_core *c;
	struct parse ps = { 0 };
	struct stat st;
	size_t nph = 0;
	int r;

	if ((r = cdbg__check_owner(p, core_path_what)) < 0)
		return r;
	if (p->pid && !p->exited && !p->core)
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot %s: process %d is being debugged; detach or kill it "
				  "first",
				  core_path_what, (int)p->pid);
	if (p->pid && p->exited)
		return cdbg__fail(p, CDBG_EBADSTATE,
				  "cannot %s: the exit of process %d has not been taken with "
				  "cdbg_wait yet",
				  core_path_what, (int)p->pid);
	if (!core)
		return cdbg__fail(p, -EINVAL, "cannot %s: no file named", core_path_what);
	if (!(c = calloc(1, sizeof(*c))))
		return cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", core_path_what);
	c->fd = -1;
	image_init(&c->mem);
	image_init(&c->files);
	image_init(&c->segs);
	if ((r = open_elf(p, c, core, &nph, &st)) < 0) {
		core_free(c);
		return r;
	}
	c->info.core_size = (uint64_t)st.st_size;
	if (image_own_fd(&c->mem, dup(c->fd)) < 0) {
		core_free(c);
		return cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", core_path_what);
	}
	core_close(p); /* an earlier core */
	ps.p = p;
	ps.c = c;
	memset(&p->xstate, 0, sizeof(p->xstate));
	r = read_notes(&ps, nph, c->info.core_size);
	if (r == 0)
		r = core_segments(c, nph, 0);
	if (r == 0)
		r = core_files(&ps, exe);
	free(ps.slots);
	if (r < 0 || !c->info.nthreads) {
		/* Nothing of the rejected core stays: its threads, its register layout. */
		while (p->threads.count)
			thread_remove(p, p->threads.all[p->threads.count - 1]);
		memset(&p->xstate, 0, sizeof(p->xstate));
	}
	if (r < 0) {
		core_free(c);
		return cdbg__fail(p, r, "cannot %s: %s", core_path_what, cdbg__errstr(r));
	}
	if (!c->info.nthreads) {
		char why[128] = "its notes are missing or damaged";
		if (c->info.core_needed > c->info.core_size)
			snprintf(why, sizeof(why), "it is truncated: expected %s, found %s",
				 core_size_text(c->info.core_needed, (char[32]){ 0 }, 32),
				 core_size_text(c->info.core_size, (char[32]){ 0 }, 32));
		core_free(c);
		return cdbg__fail(p, CDBG_EBADFILE, "cannot %s: %s holds no thread: %s",
				  core_path_what, core, why);
	}
	choose_exe(p, c, exe);
	if (c->info.exe[0])
		c->info.exe_mismatch = exe_mismatch(c, c->info.exe);
	if (!c->info.pid)
		c->info.pid = c->info.tid;
	p->core = c;
	p->pid = c->info.pid;
	p->exited = false;
	p->launched = false;
	p->all_stopped = true;
	cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE); /* what was read of the program's file */
	logd(p, "core: %s, process %d, %d threads, %zu segments, %zu file mappings, exe %s", core,
	     (int)p->pid, c->info.nthreads, c->mem.nregions, c->files.nregions,
	     c->info.exe[0] ? c->info.exe : "(none)");
	cdbg__clear_error(p);
	return 0;
}

int cdbg_core_info(cdbg_proc *p, struct cdbg_core_info *info)
{
	if (!p->core)
		return cdbg__fail(p, CDBG_ENOPROC, "no core file is held");
	*info = p->core->info;
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct cdbg_core_mapping *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int cdbg_core_mappings(cdbg_proc *p, struct cdbg_core_mapping *out, size_t max)
{
	struct target_core *c = p->core;

	if (!c)
		return cdbg__fail(p, CDBG_ENOPROC, "no core file is held");
	if (c->nmaps > 1 && !c->maps_sorted) {
		qsort(c->maps, c->nmaps, sizeof(*c->maps), by_start);
		c->maps_sorted = true;
	}
	for (size_t i = 0; i < c->nmaps && i < max; i++) {
		struct cdbg_core_mapping *m = &c->maps[i];
		uint8_t b;
		m->in_core = image_read(&c->mem, m->start, &b, 1) == 1;
		out[i] = *m;
	}
	return (int)c->nmaps;
}

int loop_require_live(cdbg_proc *p, const char *what)
{
	int r = loop_require_stopped(p, what);

	if (r < 0)
		return r;
	if (p->core)
		return cdbg__fail(p, CDBG_ENOTLIVE,
				  "cannot %s: the program is not running (a core file is held)",
				  what);
	return 0;
}
