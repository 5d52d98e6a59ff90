/*
 * gcore.c - cdbg_gcore: an ELF core file of the live, all-stopped process, as the kernel and
 * gdb's gcore write one: a PT_NOTE (the process's NT_PRPSINFO; per thread NT_PRSTATUS,
 * NT_PRFPREG, NT_X86_XSTATE and NT_SIGINFO; NT_AUXV and NT_FILE), then one PT_LOAD per mapping
 * with the bytes /proc/PID/coredump_filter asks for (gcore_maps.c decides which).
 *
 * The program's bytes are the program's own: cdbg's int3s are hidden as memview.c hides them,
 * and cdbg's scratch areas (out-of-line slots, the parachute) are left out of the core. The
 * file is written under a temporary name next to the path and renamed at the end.
 *
 * Owns: the core's layout and notes. Must not: change the program (registers, memory,
 * signals), call ptrace itself (loop_regs_fetch and loop_xstate_fetch do), or leave a partial
 * file at the path.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/gcore.h"

_Static_assert(sizeof(elf_gregset_t) == sizeof(struct arch_gpr),
	       "struct arch_gpr is the NT_PRSTATUS register block");

/* Bytes read and written at a time: a chunk that stays in the CPU's cache (8 MiB chunks went
 * through memory twice, and the write took twice as long). */
#define GC_CHUNK (1u << 20)

/* A growing byte buffer for the notes. */
struct gc_buf {
	unsigned char *d;
	size_t len, cap;
	bool oom;
};

static void buf_put(struct gc_buf *b, const void *src, size_t len)
{
	size_t pad = (4 - len % 4) % 4;

	if (b->oom)
		return;
	if (b->len + len + pad > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		while (nc < b->len + len + pad)
			nc *= 2;
		unsigned char *nd = realloc(b->d, nc);
		if (!nd) {
			b->oom = true;
			return;
		}
		b->d = nd;
		b->cap = nc;
	}
	memcpy(b->d + b->len, src, len);
	memset(b->d + b->len + len, 0, pad);
	b->len += len + pad;
}

static void note_add(struct gc_buf *b, const char *name, uint32_t type, const void *desc,
		     size_t len)
{
	Elf64_Nhdr h = { (Elf64_Word)strlen(name) + 1, (Elf64_Word)len, type };

	buf_put(b, &h, sizeof(h));
	buf_put(b, name, h.n_namesz);
	buf_put(b, desc, len);
}

/* ---- facts from /proc ------------------------------------------------------------------- */

/* Fields of /proc/PID/stat (tid 0) or /proc/PID/task/TID/stat, numbered as proc(5) numbers
 * them (3: state, 4: ppid, ... 19: nice); f[3] is the state letter. 0, or -1. */
#define GC_STAT_FIELDS 20
static int read_stat(pid_t pid, pid_t tid, long long f[GC_STAT_FIELDS], char comm[16])
{
	char path[64], buf[1024], *s, *open_paren, *end;
	ssize_t n;
	int fd;

	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid, (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	memset(f, 0, GC_STAT_FIELDS * sizeof(f[0]));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	open_paren = strchr(buf, '(');
	if (!(s = strrchr(buf, ')')) || !open_paren || s[1] != ' ')
		return -1;
	if (comm) {
		size_t l = (size_t)(s - open_paren - 1);
		memset(comm, 0, 16);
		memcpy(comm, open_paren + 1, l < 15 ? l : 15);
	}
	f[3] = (unsigned char)s[2];
	s += 3;
	for (int i = 4; i < GC_STAT_FIELDS; i++) {
		f[i] = strtoll(s, &end, 10);
		if (end == s)
			return -1;
		s = end;
	}
	return 0;
}

/* The first number of a field of /proc/PID/task/TID/status ("SigPnd:", "Uid:"), in base. */
static unsigned long long status_num(pid_t pid, pid_t tid, const char *field, int base)
{
	char path[64], buf[4096], *s;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	for (s = buf; s; s = strchr(s, '\n'), s = s ? s + 1 : NULL)
		if (!strncmp(s, field, strlen(field)))
			return strtoull(s + strlen(field), NULL, base);
	return 0;
}

static struct timeval ticks_tv(long long ticks)
{
	long hz = sysconf(_SC_CLK_TCK);
	struct timeval tv;

	if (hz <= 0)
		hz = 100;
	tv.tv_sec = ticks / hz;
	tv.tv_usec = (ticks % hz) * (1000000 / hz);
	return tv;
}

/* ---- notes ------------------------------------------------------------------------------ */

/* The signal thread t reported its stop with, and its siginfo: the signal cdbg holds it in,
 * or the SIGTRAP of a breakpoint it hit (as the kernel sent it: SI_KERNEL); 0 otherwise. */
static int thread_signal(const struct thread *t, siginfo_t *si)
{
	memset(si, 0, sizeof(*si));
	if (t->stop == SK_SIGNAL && t->pending_sig) {
		if (t->si_valid)
			*si = t->si;
		si->si_signo = t->pending_sig;
		return t->pending_sig;
	}
	if (t->stop == SK_BREAK) {
		si->si_signo = SIGTRAP;
		si->si_code = SI_KERNEL;
		return SIGTRAP;
	}
	return 0;
}

static int thread_notes(cdbg_proc *p, struct thread *t, struct gc_buf *b)
{
	struct elf_prstatus pr;
	long long f[GC_STAT_FIELDS];
	siginfo_t si;
	int sig = thread_signal(t, &si);

	if (loop_regs_fetch(p, t) < 0 || loop_xstate_fetch(p, t) < 0)
		return -1;
	memset(&pr, 0, sizeof(pr));
	pr.pr_info.si_signo = sig;
	pr.pr_cursig = (short)sig;
	pr.pr_sigpend = status_num(p->pid, t->tid, "SigPnd:", 16);
	pr.pr_sighold = status_num(p->pid, t->tid, "SigBlk:", 16);
	pr.pr_pid = t->tid;
	/* The leader's times are the whole group's, as the kernel writes them. */
	if (read_stat(p->pid, t->tid == p->pid ? 0 : t->tid, f, NULL) == 0) {
		pr.pr_ppid = (pid_t)f[4];
		pr.pr_pgrp = (pid_t)f[5];
		pr.pr_sid = (pid_t)f[6];
		pr.pr_utime = ticks_tv(f[14]);
		pr.pr_stime = ticks_tv(f[15]);
		pr.pr_cutime = ticks_tv(f[16]);
		pr.pr_cstime = ticks_tv(f[17]);
	}
	memcpy(&pr.pr_reg, &t->regs, sizeof(pr.pr_reg));
	pr.pr_fpvalid = 1;
	note_add(b, "CORE", NT_PRSTATUS, &pr, sizeof(pr));
	note_add(b, "CORE", NT_PRFPREG, t->xstate, arch_fpregs_size());
	if (p->xstate.note != arch_fpregs_note())
		note_add(b, "LINUX", (uint32_t)p->xstate.note, t->xstate, p->xstate.size);
	note_add(b, "CORE", NT_SIGINFO, &si, sizeof(si));
	return 0;
}

static void psinfo_note(cdbg_proc *p, pid_t live, struct gc_buf *b)
{
	static const char states[] = "RSDTZW";
	struct elf_prpsinfo ps;
	long long f[GC_STAT_FIELDS];
	char path[64], *args = NULL;
	const char *at;
	ssize_t n;

	memset(&ps, 0, sizeof(ps));
	if (read_stat(p->pid, 0, f, ps.pr_fname) == 0) {
		ps.pr_sname = (char)f[3];
		at = strchr(states, ps.pr_sname == 't' ? 'T' : ps.pr_sname);
		ps.pr_state = (char)(at && *at ? at - states : 0);
		ps.pr_zomb = ps.pr_sname == 'Z';
		ps.pr_nice = (char)f[19];
		ps.pr_flag = (unsigned long)f[9];
		ps.pr_ppid = (pid_t)f[4];
		ps.pr_pgrp = (pid_t)f[5];
		ps.pr_sid = (pid_t)f[6];
	}
	ps.pr_pid = p->pid;
	ps.pr_uid = (unsigned)status_num(p->pid, live, "Uid:", 10);
	ps.pr_gid = (unsigned)status_num(p->pid, live, "Gid:", 10);
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)p->pid);
	if ((n = gc_slurp(path, &args)) > 0) {
		size_t len = (size_t)n < sizeof(ps.pr_psargs) - 1 ? (size_t)n :
								    sizeof(ps.pr_psargs) - 1;
		for (size_t i = 0; i < len; i++)
			ps.pr_psargs[i] = args[i] ? args[i] : ' ';
		while (len && ps.pr_psargs[len - 1] == ' ')
			ps.pr_psargs[--len] = 0;
	}
	free(args);
	note_add(b, "CORE", NT_PRPSINFO, &ps, sizeof(ps));
}

/* NT_FILE: count, page size, then (start, end, file offset in pages) per file-backed mapping,
 * then their names, as the kernel lays it out. */
static void file_note(const struct gc_map *maps, size_t n, uint64_t pagesize, struct gc_buf *b)
{
	struct gc_buf d = { 0 };
	uint64_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += maps[i].file;
	uint64_t *head = calloc(2 + 3 * count, sizeof(*head));
	if (!head) {
		b->oom = true;
		return;
	}
	head[0] = count;
	head[1] = pagesize;
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!maps[i].file)
			continue;
		head[2 + 3 * k] = maps[i].start;
		head[3 + 3 * k] = maps[i].end;
		head[4 + 3 * k] = maps[i].pgoff / pagesize;
		k++;
	}
	/* One buffer: header and names, unpadded between names. */
	size_t hl = (2 + 3 * count) * sizeof(*head), nl = 0;
	for (size_t i = 0; i < n; i++)
		nl += maps[i].file ? strlen(maps[i].name) + 1 : 0;
	d.d = malloc(hl + nl + 1);
	if (!d.d) {
		free(head);
		b->oom = true;
		return;
	}
	memcpy(d.d, head, hl);
	d.len = hl;
	for (size_t i = 0; i < n; i++) {
		if (!maps[i].file)
			continue;
		size_t l = strlen(maps[i].name) + 1;
		memcpy(d.d + d.len, maps[i].name, l);
		d.len += l;
	}
	note_add(b, "CORE", NT_FILE, d.d, d.len);
	free(d.d);
	free(head);
}

/* The threads to write, the first one first: the one that reported a stop of its own (a
 * breakpoint, a signal, a step; the earliest created of those), else the leader, else the
 * earliest created; then the others in creation order. */
static size_t order_threads(cdbg_proc *p, struct thread **out)
{
	size_t n = 0, first = 0;
	int best = 3;

	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state == TS_STOPPED && !t->unclaimed && !t->untraced)
			out[n++] = t;
	}
	for (size_t i = 1; i < n; i++) /* insertion sort by creation order */
		for (size_t j = i; j > 0 && out[j - 1]->seq > out[j]->seq; j--) {
			struct thread *x = out[j];
			out[j] = out[j - 1];
			out[j - 1] = x;
		}
	for (size_t i = 0; i < n; i++) {
		const struct thread *t = out[i];
		int rank = t->stop == SK_BREAK || t->stop == SK_SIGNAL || t->stop == SK_STEP ? 0 :
			   t->tid == p->pid                                                  ? 1 :
											       2;
		if (rank < best) {
			best = rank;
			first = i;
		}
	}
	for (size_t i = first; i > 0; i--) {
		struct thread *x = out[i];
		out[i] = out[i - 1];
		out[i - 1] = x;
	}
	return n;
}

static int make_notes(cdbg_proc *p, const struct gc_map *maps, size_t nmaps, uint64_t pagesize,
		      struct gc_buf *b)
{
	struct thread **ts = calloc(p->threads.count + 1, sizeof(*ts));
	pid_t live = mem_live_tid(p);
	char path[64], *auxv = NULL;
	ssize_t n;
	size_t nt;

	if (!ts)
		return cdbg__fail(p, -ENOMEM, "cannot write a core file: out of memory");
	nt = order_threads(p, ts);
	if (!nt) {
		free(ts);
		return cdbg__fail(p, CDBG_ENOTHREAD,
				  "cannot write a core file: no thread of process %d is stopped",
				  (int)p->pid);
	}
	psinfo_note(p, live, b);
	for (size_t i = 0; i < nt; i++) {
		if (thread_notes(p, ts[i], b) < 0) {
			free(ts);
			return cdbg_errcode(p);
		}
	}
	free(ts);
	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)live);
	if ((n = gc_slurp(path, &auxv)) > 0)
		note_add(b, "CORE", NT_AUXV, auxv, (size_t)n);
	free(auxv);
	file_note(maps, nmaps, pagesize, b);
	if (b->oom)
		return cdbg__fail(p, -ENOMEM, "cannot write a core file: out of memory");
	return 0;
}

/* ---- writing ---------------------------------------------------------------------------- */

static int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t n = pwrite(fd, buf, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENOSPC;
		buf = (const char *)buf + n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

static bool all_zero(const unsigned char *b, size_t len)
{
	return len == 0 || (b[0] == 0 && memcmp(b, b + 1, len - 1) == 0);
}

/* Write buf at off, leaving holes (which read as zeros) where whole pages are zero. */
static int write_sparse(int fd, const unsigned char *buf, size_t len, off_t off, size_t pg)
{
	size_t i = 0, j;
	int r;

	while (i < len) {
		while (i < len && all_zero(buf + i, len - i < pg ? len - i : pg))
			i += pg;
		if (i >= len)
			break;
		for (j = i; j < len && !all_zero(buf + j, len - j < pg ? len - j : pg); j += pg)
			;
		if (j > len)
			j = len;
		if ((r = pwrite_all(fd, buf + i, j - i, off + (off_t)i)) < 0)
			return r;
		i = j;
	}
	return 0;
}

/* The held bytes of mapping m at file offset off, int3s hidden; a page that cannot be read
 * is left zero. 0 or -errno of the write. */
static int write_mapping(cdbg_proc *p, int fd, const struct gc_map *m, off_t off,
			 unsigned char *buf, size_t pg)
{
	uint64_t addr = m->start, left = m->dump;
	int r;

	while (left) {
		size_t want = left < GC_CHUNK ? (size_t)left : GC_CHUNK, got;
		ssize_t n = mem_raw_read(p, addr, buf, want);
		got = n > 0 ? (size_t)n : 0;
		if (got < want) {
			/* Unreadable from addr + got: zeros to the end of that page. */
			size_t upto = (size_t)(((addr + got) | (pg - 1)) + 1 - addr);
			if (upto > want)
				upto = want;
			memset(buf + got, 0, upto - got);
			got = upto;
		}
		bp_filter_read(p, addr, buf, got);
		if ((r = write_sparse(fd, buf, got, off, pg)) < 0)
			return r;
		addr += got;
		off += (off_t)got;
		left -= got;
	}
	return 0;
}

/* The ELF header, the program headers (PT_NOTE first) and the notes; the offset of the first
 * mapping's bytes in *data. */
static int write_headers(int fd, const struct gc_map *maps, size_t n, const struct gc_buf *notes,
			 uint64_t pg, uint64_t *data)
{
	size_t nph = n + 1, hl = sizeof(Elf64_Ehdr) + nph * sizeof(Elf64_Phdr);
	bool xnum = nph >= PN_XNUM;
	uint64_t noff = hl + (xnum ? sizeof(Elf64_Shdr) : 0), off;
	unsigned char *h = calloc(1, noff);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)h;
	Elf64_Phdr *ph = (Elf64_Phdr *)(h + sizeof(*eh));
	int r;

	if (!h)
		return -ENOMEM;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_CORE;
	eh->e_machine = (Elf64_Half)arch_elf_machine();
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = xnum ? PN_XNUM : (Elf64_Half)nph;
	if (xnum) {
		/* More than 65534 headers: the count goes in section 0's sh_info. */
		Elf64_Shdr *sh = (Elf64_Shdr *)(h + hl);
		eh->e_shoff = hl;
		eh->e_shentsize = sizeof(Elf64_Shdr);
		eh->e_shnum = 1;
		sh->sh_info = (Elf64_Word)nph;
	}
	ph[0] = (Elf64_Phdr){
		.p_type = PT_NOTE, .p_offset = noff, .p_filesz = notes->len, .p_align = 4
	};
	off = (noff + notes->len + pg - 1) / pg * pg;
	*data = off;
	for (size_t i = 0; i < n; i++) {
		ph[i + 1] = (Elf64_Phdr){ .p_type = PT_LOAD,
					  .p_flags = maps[i].pflags,
					  .p_offset = off,
					  .p_vaddr = maps[i].start,
					  .p_filesz = maps[i].dump,
					  .p_memsz = maps[i].end - maps[i].start,
					  .p_align = pg };
		off += maps[i].dump;
	}
	r = pwrite_all(fd, h, noff, 0);
	if (r == 0)
		r = pwrite_all(fd, notes->d, notes->len, (off_t)noff);
	free(h);
	return r;
}

/* The whole core into fd; 0 or -errno (the reason is the file's: ENOSPC, EIO...). */
static int write_core(cdbg_proc *p, int fd, const struct gc_map *maps, size_t n,
		      const struct gc_buf *notes, uint64_t pg)
{
	unsigned char *buf = malloc(GC_CHUNK);
	uint64_t off;
	int r;

	if (!buf)
		return -ENOMEM;
	r = write_headers(fd, maps, n, notes, pg, &off);
	for (size_t i = 0; i < n && r == 0; i++) {
		r = write_mapping(p, fd, &maps[i], (off_t)off, buf, pg);
		off += maps[i].dump;
	}
	free(buf);
	if (r == 0 && ftruncate(fd, (off_t)off) < 0)
		r = -errno;
	return r;
}

/* The first page of a mapping is held only if it starts with an ELF header (the kernel's
 * check for a library file without an execute bit). */
static void resolve_elf_headers(cdbg_proc *p, struct gc_map *maps, size_t n, uint64_t pg)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char mag[SELFMAG];
		if (maps[i].dump != GC_DUMP_MAYBE_ELFHDR)
			continue;
		maps[i].dump = mem_raw_read(p, maps[i].start, mag, SELFMAG) == SELFMAG &&
					       !memcmp(mag, ELFMAG, SELFMAG) ?
				       pg :
				       0;
	}
}

int cdbg_gcore(cdbg_proc *p, const char *path)
{
	uint64_t pg = (uint64_t)sysconf(_SC_PAGESIZE);
	struct gc_buf notes = { 0 };
	struct gc_map *maps = NULL;
	size_t nmaps = 0;
	char *tmp = NULL;
	int r, fd = -1;

	if ((r = loop_require_live(p, "write a core file")) < 0)
		return r;
	if (!path || !*path)
		return cdbg__fail(p, -EINVAL, "cannot write a core file: no file name given");
	if ((r = gc_maps_read(p, &maps, &nmaps)) < 0)
		return r;
	resolve_elf_headers(p, maps, nmaps, pg);
	if ((r = make_notes(p, maps, nmaps, pg, &notes)) < 0)
		goto out;
	if (!(tmp = malloc(strlen(path) + 16))) {
		r = cdbg__fail(p, -ENOMEM, "cannot write the core file %s: out of memory", path);
		goto out;
	}
	sprintf(tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		r = cdbg__fail(p, -errno, "cannot write the core file %s: %s", path,
			       errno == ENOENT ? "its directory does not exist" :
						 cdbg__errstr(errno));
		goto out;
	}
	r = write_core(p, fd, maps, nmaps, &notes, pg);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	fd = -1;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		r = cdbg__fail(p, r, "cannot write the core file %s: %s", path, cdbg__errstr(r));
		goto out;
	}
	cdbg__clear_error(p);
out:
	free(tmp);
	free(notes.d);
	gc_maps_free(maps, nmaps);
	return r;
}
