/*
 * gcore_maps.c - the mappings a core file describes and how much of each it holds: read from
 * /proc/PID/smaps and /proc/PID/coredump_filter, decided by the kernel's own rules
 * (fs/binfmt_elf.c: vma_dump_size), with cdbg's scratch areas (out-of-line slots and the
 * parachute: cdbg's memory, not the program's) left out of the list.
 *
 * Owns: parsing smaps and the dump rules. Must not: read the program's memory (gcore.c
 * does, for the ELF header check) or call ptrace.
 */
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/gcore.h"

/* coredump_filter bits (Documentation/filesystems/proc.rst, "coredump_filter"). */
#define GC_ANON_PRIVATE (1UL << 0)
#define GC_ANON_SHARED (1UL << 1)
#define GC_MAPPED_PRIVATE (1UL << 2)
#define GC_MAPPED_SHARED (1UL << 3)
#define GC_ELF_HEADERS (1UL << 4)
#define GC_HUGETLB_PRIVATE (1UL << 5)
#define GC_HUGETLB_SHARED (1UL << 6)
#define GC_FILTER_DEFAULT 0x33UL

uint64_t gc_dump_size(const struct gc_facts *f, unsigned long filter)
{
	/* Always the vDSO, the vsyscall page and the other named kernel mappings. */
	if (f->special)
		return f->size;
	if (f->dontdump)
		return 0;
	if (f->hugetlb) {
		if (filter & (f->shared ? GC_HUGETLB_SHARED : GC_HUGETLB_PRIVATE))
			return f->size;
		return 0;
	}
	if (f->io)
		return 0;
	if (f->shared)
		return filter & (f->file_gone || !f->file ? GC_ANON_SHARED : GC_MAPPED_SHARED) ?
			       f->size :
			       0;
	/* Private: what was written to (it has anonymous pages), then the file's pages. */
	if (f->anon && (filter & GC_ANON_PRIVATE))
		return f->size;
	if (!f->file)
		return 0;
	if (filter & GC_MAPPED_PRIVATE)
		return f->size;
	if ((filter & GC_ELF_HEADERS) && f->pgoff == 0 && f->readable)
		return f->file_exec ? f->pagesize : GC_DUMP_MAYBE_ELFHDR;
	return 0;
}

/* The whole of a /proc file (NUL-terminated) in *out; its length, or -errno. */
ssize_t gc_slurp(const char *path, char **out)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap), *nb;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !buf) {
		n = fd < 0 ? -errno : -ENOMEM;
		free(buf);
		if (fd >= 0)
			close(fd);
		return n;
	}
	for (;;) {
		if (cap - len < 4096) {
			if (!(nb = realloc(buf, cap * 2))) {
				n = -ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			n = n < 0 ? -errno : 0;
			break;
		}
		len += (size_t)n;
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return n;
	}
	buf[len] = 0;
	*out = buf;
	return (ssize_t)len;
}

/* Does VmFlags list `flag` (two letters)? */
static bool vmflag(const char *flags, const char *flag)
{
	for (const char *s = flags; *s && *s != '\n'; s++)
		if (s[0] == flag[0] && s[1] == flag[1] && (s == flags || s[-1] == ' ') &&
		    (s[2] == ' ' || s[2] == '\n' || !s[2]))
			return true;
	return false;
}

/* A kernel mapping with a name of its own (always dumped), not a name /proc gives by address
 * ([heap], [stack]) or the program gave (prctl PR_SET_VMA_ANON_NAME: [anon:...]). */
static bool special_name(const char *name)
{
	return name[0] == '[' && strcmp(name, "[heap]") && strncmp(name, "[stack", 6) &&
	       strncmp(name, "[anon:", 6) && strncmp(name, "[anon_shmem:", 12);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/* Is a mapping's file gone, so the kernel counts it as anonymous shared memory (no link
 * left: a deleted file, shared anonymous memory, SysV shm, memfd)? */
static bool file_gone(const char *name)
{
	return ends_with(name, " (deleted)") || !strncmp(name, "/SYSV", 5) ||
	       !strncmp(name, "[anon_shmem:", 12);
}

static unsigned long read_filter(pid_t pid)
{
	char path[64], buf[32];
	unsigned long v = GC_FILTER_DEFAULT;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/coredump_filter", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return v;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = 0;
		v = strtoul(buf, NULL, 16);
	}
	return v;
}

/* Append [start, end) of map m (its dump size cut to the part) unless it is empty. */
static int push(struct gc_map **v, size_t *n, size_t *cap, const struct gc_map *m, uint64_t start,
		uint64_t end)
{
	struct gc_map *nv, c = *m;
	uint64_t dumped_end;

	if (start >= end)
		return 0;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		if (!(nv = realloc(*v, nc * sizeof(*nv))))
			return -ENOMEM;
		*v = nv;
		*cap = nc;
	}
	if (c.dump != GC_DUMP_MAYBE_ELFHDR) {
		dumped_end = m->start + m->dump;
		c.dump = dumped_end > start ? (dumped_end < end ? dumped_end : end) - start : 0;
	} else if (start != m->start) {
		c.dump = 0;
	}
	c.pgoff = m->pgoff + (start - m->start);
	c.start = start;
	c.end = end;
	if (!(c.name = strdup(m->name)))
		return -ENOMEM;
	(*v)[(*n)++] = c;
	return 0;
}

/* Map m, without the parts in cdbg's scratch areas. */
static int push_outside(cdbg_proc *p, struct gc_map **v, size_t *n, size_t *cap,
			const struct gc_map *m)
{
	uint64_t cur = m->start;
	int r;

	for (;;) {
		uint64_t b = UINT64_MAX, e = 0;
		/* The lowest scratch area that overlaps [cur, end). */
		for (size_t i = 0; i < p->bp.nscratch; i++) {
			uint64_t ab = p->bp.scratch[i].base, ae = ab + p->bp.scratch[i].size;
			if (ae > cur && ab < m->end && ab < b) {
				b = ab;
				e = ae;
			}
		}
		if (b == UINT64_MAX)
			return push(v, n, cap, m, cur, m->end);
		if (b > cur && (r = push(v, n, cap, m, cur, b)) < 0)
			return r;
		if (e >= m->end)
			return 0;
		cur = e;
	}
}

void gc_maps_free(struct gc_map *maps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(maps[i].name);
	free(maps);
}

/* One mapping's header line of smaps, then its fields up to VmFlags: its facts. Returns the
 * text after it, or NULL at the end. */
static char *parse_one(char *s, struct gc_map *m, struct gc_facts *f, uint64_t pagesize)
{
	unsigned long long start, end, off, inode;
	char perms[8];
	int name_at = 0;
	char *eol, *name;

	memset(f, 0, sizeof(*f));
	if (sscanf(s, "%llx-%llx %7s %llx %*x:%*x %llu %n", &start, &end, perms, &off, &inode,
		   &name_at) < 5)
		return NULL;
	eol = strchr(s, '\n');
	if (eol)
		*eol = 0;
	name = name_at ? s + name_at : (char *)"";
	*m = (struct gc_map){ .start = start, .end = end, .pgoff = off, .name = name };
	m->pflags = (perms[0] == 'r' ? PF_R : 0) | (perms[1] == 'w' ? PF_W : 0) |
		    (perms[2] == 'x' ? PF_X : 0);
	m->file = inode != 0 || name[0] == '/';
	f->readable = perms[0] == 'r';
	f->shared = perms[3] == 's'; /* until VmFlags says (VM_MAYSHARE is not VM_SHARED) */
	f->file = m->file;
	f->file_gone = m->file && file_gone(name);
	f->special = !m->file && special_name(name);
	f->pgoff = off;
	f->size = end - start;
	f->pagesize = pagesize;
	s = eol ? eol + 1 : s + strlen(s);
	/* Its fields, up to the next header (which starts with a lowercase hex digit). */
	while (*s && !(isxdigit((unsigned char)*s) && !isupper((unsigned char)*s))) {
		eol = strchr(s, '\n');
		if (!strncmp(s, "Anonymous:", 10) || !strncmp(s, "Swap:", 5) ||
		    !strncmp(s, "AnonHugePages:", 14)) {
			if (strtoull(strchr(s, ':') + 1, NULL, 10) > 0)
				f->anon = true;
		} else if (!strncmp(s, "VmFlags:", 8)) {
			const char *fl = s + 8;
			while (*fl == ' ')
				fl++;
			f->shared = vmflag(fl, "sh");
			f->dontdump = vmflag(fl, "dd");
			f->io = vmflag(fl, "io");
			f->hugetlb = vmflag(fl, "ht");
		}
		s = eol ? eol + 1 : s + strlen(s);
	}
	if (m->file && !f->file_gone && !f->shared && off == 0) {
		struct stat st;
		f->file_exec = stat(name, &st) == 0 && (st.st_mode & 0111);
	}
	return s;
}

int gc_maps_read(cdbg_proc *p, struct gc_map **maps, size_t *nmaps)
{
	pid_t pid = mem_live_tid(p);
	uint64_t pagesize = (uint64_t)sysconf(_SC_PAGESIZE);
	unsigned long filter = read_filter(pid);
	struct gc_map *v = NULL, m;
	struct gc_facts f;
	size_t n = 0, cap = 0;
	char path[64], *text, *s;
	ssize_t len;
	int r = 0;

	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	if ((len = gc_slurp(path, &text)) < 0)
		return cdbg__fail(p, (int)len, "cannot read %s: %s", path, cdbg__errstr((int)len));
	for (s = text; *s && r == 0;) {
		char *next = parse_one(s, &m, &f, pagesize);
		if (!next)
			break;
		m.dump = gc_dump_size(&f, filter);
		r = push_outside(p, &v, &n, &cap, &m);
		s = next;
	}
	free(text);
	if (r < 0) {
		gc_maps_free(v, n);
		return cdbg__fail(p, r, "cannot list the mappings of process %d: out of memory",
				  (int)p->pid);
	}
	*maps = v;
	*nmaps = n;
	return 0;
}
