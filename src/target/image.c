/*
 * image.c - memory read from files instead of a process: the program's file before it runs
 * (its PT_LOAD segments at the file's addresses) and a core file with the files it names.
 *
 * Owns: struct image (regions of an address space, each backed by a byte range of an open
 * file, zeros after it or nothing) and image_read; the program's file (cdbg_file_open,
 * cdbg_file_path, cdbg_target). Must not: call ptrace, or trust a file: every offset and size
 * in it is checked against the file before it is used (a corrupted file reads as unreadable
 * memory, never as a crash).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/target.h"

void image_init(struct image *im)
{
	memset(im, 0, sizeof(*im));
}

void image_free(struct image *im)
{
	for (size_t i = 0; i < im->nfds; i++)
		close(im->fds[i]);
	free(im->fds);
	free(im->regions);
	free(im->cache);
	image_init(im);
}

/* Small reads (an unwinder reads a word at a time) go through a cache of file pages: one
 * pread per page instead of one per word. Direct-mapped by file and page. */
#define IMAGE_PAGE 4096u
#define IMAGE_CACHE 128u
struct image_page {
	int fd; /* index into fds, -1: empty */
	unsigned len;
	uint64_t off;
	unsigned char data[IMAGE_PAGE];
};

static ssize_t cached_pread(struct image *im, int fd, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	if (len > 2 * IMAGE_PAGE)
		return pread(im->fds[fd], buf, len, (off_t)off);
	if (!im->cache) {
		if (!(im->cache = malloc(IMAGE_CACHE * sizeof(*im->cache))))
			return pread(im->fds[fd], buf, len, (off_t)off);
		for (unsigned i = 0; i < IMAGE_CACHE; i++)
			im->cache[i].fd = -1;
	}
	while (done < len) {
		uint64_t at = off + done, page = at & ~(uint64_t)(IMAGE_PAGE - 1);
		struct image_page *c =
			&im->cache[((page / IMAGE_PAGE) * 31 + (unsigned)fd) % IMAGE_CACHE];
		size_t in, n;

		if (c->fd != fd || c->off != page) {
			ssize_t got = pread(im->fds[fd], c->data, IMAGE_PAGE, (off_t)page);
			c->fd = got > 0 ? fd : -1;
			c->off = page;
			c->len = got > 0 ? (unsigned)got : 0;
			if (got <= 0)
				break;
		}
		in = (size_t)(at - page);
		if (in >= c->len)
			break; /* past the file's end */
		n = c->len - in < len - done ? c->len - in : len - done;
		memcpy((char *)buf + done, c->data + in, n);
		done += n;
	}
	return done ? (ssize_t)done : -1;
}

/* Keep fd open for as long as the image lives; its index, or -1 (fd closed) out of memory. */
int image_own_fd(struct image *im, int fd)
{
	int *v = realloc(im->fds, (im->nfds + 1) * sizeof(*v));

	if (!v) {
		close(fd);
		return -1;
	}
	im->fds = v;
	im->fds[im->nfds] = fd;
	return (int)im->nfds++;
}

int image_add(struct image *im, const struct image_region *r)
{
	struct image_region *v;

	if (r->hi <= r->lo)
		return 0;
	if (im->nregions == im->alloc) {
		size_t n = im->alloc ? im->alloc * 2 : 16;
		if (!(v = realloc(im->regions, n * sizeof(*v))))
			return -ENOMEM;
		im->regions = v;
		im->alloc = n;
	}
	im->regions[im->nregions++] = *r;
	return 0;
}

static int by_lo(const void *a, const void *b)
{
	const struct image_region *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void image_sort(struct image *im)
{
	if (im->nregions)
		qsort(im->regions, im->nregions, sizeof(*im->regions), by_lo);
}

/* The region holding addr: the last one starting at or below it (regions may overlap; the
 * first added of equal starts wins, as qsort keeps no order: callers add one image per kind). */
const struct image_region *image_find(const struct image *im, uint64_t addr)
{
	size_t lo = 0, hi = im->nregions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (im->regions[mid].lo <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* regions[lo - 1] starts at or below addr; an earlier one may reach further. */
	for (size_t i = lo; i-- > 0;) {
		if (addr < im->regions[i].hi)
			return &im->regions[i];
		if (lo - i > 64)
			break; /* overlaps are few: do not scan a whole core for a miss */
	}
	return NULL;
}

ssize_t image_read(struct image *im, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint64_t at = addr + done;
		const struct image_region *r = image_find(im, at);
		size_t n = len - done, from_file;
		ssize_t got;

		if (!r)
			break;
		if (n > r->hi - at)
			n = (size_t)(r->hi - at);
		if (at < r->lo + r->filesz) {
			from_file = n;
			if (from_file > r->lo + r->filesz - at)
				from_file = (size_t)(r->lo + r->filesz - at);
			got = cached_pread(im, r->fd, (char *)buf + done, from_file,
					   r->off + (at - r->lo));
			if (got <= 0)
				break; /* a truncated file: what it lacks is not readable */
			done += (size_t)got;
			if ((size_t)got < from_file)
				break;
			continue;
		}
		memset((char *)buf + done, 0, n); /* .bss: zeros past the file's bytes */
		done += n;
	}
	return (ssize_t)done;
}

/* Open path for reading only if it is a regular file: a path from an untrusted file (a core's
 * file note) may name a FIFO, whose open would block for good, or a device. The fd, or -errno
 * (-EINVAL for a file that is not regular); *st gets its status. */
int image_open_regular(const char *path, struct stat *st)
{
	struct stat before;
	int fd;

	if (stat(path, &before) < 0)
		return -errno;
	if (!S_ISREG(before.st_mode))
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_ino != before.st_ino ||
	    st->st_dev != before.st_dev) {
		close(fd);
		return -EINVAL; /* replaced between the two looks */
	}
	return fd;
}

/* ---- the program's file ------------------------------------------------------------------ */

/* Check path is an x86-64 ELF program and list its PT_LOAD segments into im. 0 or a failure
 * recorded with verb ("read the program file"). */
int image_of_elf(cdbg_proc *p, struct image *im, const char *path, const char *what)
{
	GElf_Ehdr eh;
	struct stat st;
	size_t nph;
	Elf *elf;
	int fd, idx, r = 0;

	elf_version(EV_CURRENT);
	fd = image_open_regular(path, &st);
	if (fd == -EINVAL)
		return cdbg__fail(p, CDBG_EBADFILE, "cannot %s: %s is not a regular file", what,
				  path);
	if (fd < 0)
		return cdbg__fail(p, fd, "cannot %s: cannot open %s: %s", what, path,
				  cdbg__errstr(fd));
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		r = cdbg__fail(p, CDBG_EBADFILE, "cannot %s: %s is not an ELF file", what, path);
	} else if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64) {
		r = cdbg__fail(p, CDBG_EBADFILE,
			       "cannot %s: %s is not an x86-64 program (ELF machine %u)", what,
			       path, (unsigned)eh.e_machine);
	} else if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		r = cdbg__fail(p, CDBG_EBADFILE,
			       "cannot %s: %s is not an executable (ELF type %u%s)", what, path,
			       (unsigned)eh.e_type, eh.e_type == ET_CORE ? ", a core file" : "");
	} else if (elf_getphdrnum(elf, &nph) < 0) {
		r = cdbg__fail(p, CDBG_EBADFILE, "cannot %s: %s has no readable program headers",
			       what, path);
	}
	if (r < 0) {
		if (elf)
			elf_end(elf);
		close(fd);
		return r;
	}
	idx = image_own_fd(im, fd);
	for (size_t i = 0; idx >= 0 && i < nph; i++) {
		GElf_Phdr ph;
		struct image_region reg;
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr || ph.p_filesz > ph.p_memsz ||
		    ph.p_offset > (uint64_t)st.st_size)
			continue; /* nonsense: leave it unreadable */
		reg = (struct image_region){ .lo = ph.p_vaddr,
					     .hi = ph.p_vaddr + ph.p_memsz,
					     .off = ph.p_offset,
					     .filesz = ph.p_filesz,
					     .fd = idx,
					     .flags = ph.p_flags };
		if (image_add(im, &reg) < 0)
			idx = -1;
	}
	elf_end(elf);
	if (idx < 0)
		return cdbg__fail(p, -ENOMEM, "cannot %s: out of memory", what);
	image_sort(im);
	return 0;
}

/* Without a process or a core the layers above see the file: what they read of the old one
 * goes. */
static void file_changed(cdbg_proc *p)
{
	if (cdbg_target(p) == CDBG_TARGET_FILE || cdbg_target(p) == CDBG_TARGET_NONE)
		cdbg__hooks_run(p, CDBG__HOOK_SPACE_GONE);
}

int cdbg_file_open(cdbg_proc *p, const char *path)
{
	struct image im;
	char *copy;
	int r;

	if ((r = cdbg__check_owner(p, "set the program file")) < 0)
		return r;
	if (!path) {
		image_free(&p->file);
		free(p->file_path);
		p->file_path = NULL;
		file_changed(p);
		return 0;
	}
	image_init(&im);
	if ((r = image_of_elf(p, &im, path, "read the program file")) < 0)
		return r;
	copy = realpath(path, NULL);
	if (!copy && !(copy = strdup(path))) {
		image_free(&im);
		return cdbg__fail(p, -ENOMEM, "cannot read the program file: out of memory");
	}
	image_free(&p->file);
	free(p->file_path);
	p->file = im;
	p->file_path = copy;
	file_changed(p);
	cdbg__clear_error(p);
	return 0;
}

const char *cdbg_file_path(const cdbg_proc *p)
{
	return p ? p->file_path : NULL;
}

enum cdbg_target_kind cdbg_target(const cdbg_proc *p)
{
	if (!p)
		return CDBG_TARGET_NONE;
	if (p->core)
		return CDBG_TARGET_CORE;
	if (p->pid && !p->exited)
		return CDBG_TARGET_PROCESS;
	return p->file_path ? CDBG_TARGET_FILE : CDBG_TARGET_NONE;
}
