/*
 * test_bp_detach_text: detach leaves no trace of breakpoints. bphits 8 400 with software
 * breakpoints at the entries of hit, worker_main, main, tracee_parse_long and
 * tracee_on_deadline and on hit's ret (addresses from the ELF symbol table plus the load bias),
 * continued through 20 hits, then detached: (a) after cdbg_interrupt, (b) straight from
 * running (cdbg_detach stops everything itself). A SIGSTOP of ours, sent before the detach,
 * holds the program afterwards (job control) so what follows is read from a quiet process.
 * Proves:
 *   - while breakpoints are in, one new anonymous r-xp mapping of 64 KiB exists (the
 *     out-of-line copies);
 *   - after detach: the executable mapping's bytes in /proc/PID/mem equal the ELF file's at
 *     the mapping's offset (no int3 left, no byte changed); the scratch mapping is gone;
 *     every executable and file-backed mapping is exactly as before attach and every other
 *     new mapping is anonymous and not executable (thread stacks and arenas from "go");
 *   - the SIGSTOP sent while attached is honoured at detach (every thread stops, 'T'); after
 *     SIGCONT the program finishes with hits=3200 and the right checksum, exit 0 (no thread
 *     died of SIGTRAP).
 */
#include <elf.h>
#include <inttypes.h>
#include <sys/stat.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define NT 8
#define M 400
#define STOP_AFTER 20

/* ---- the ELF file ---- */

static unsigned char *elf;
static size_t elf_len;

static void elf_load(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0 && fstat(fd, &st) == 0, "open %s: %s", path, strerror(errno));
	elf_len = (size_t)st.st_size;
	elf = malloc(elf_len);
	CHECK(elf && pread(fd, elf, elf_len, 0) == (ssize_t)elf_len, "read %s", path);
	close(fd);
	CHECK(elf_len > sizeof(Elf64_Ehdr) && !memcmp(elf, ELFMAG, SELFMAG) &&
		      elf[EI_CLASS] == ELFCLASS64,
	      "%s is not ELF64", path);
}

/* Value and size of symbol name in .symtab; 0 if absent. */
static uint64_t elf_sym(const char *name, uint64_t *size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(elf + eh->e_shoff);

	CHECK(eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(*sh) <= elf_len, "bad section table");
	for (int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		const Elf64_Sym *sym = (const Elf64_Sym *)(elf + sh[i].sh_offset);
		const char *str = (const char *)elf + sh[sh[i].sh_link].sh_offset;
		size_t n = sh[i].sh_size / sizeof(*sym);
		for (size_t k = 0; k < n; k++) {
			if (ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC && sym[k].st_value &&
			    !strcmp(str + sym[k].st_name, name)) {
				if (size)
					*size = sym[k].st_size;
				return sym[k].st_value;
			}
		}
	}
	return 0;
}

/* ---- /proc/PID/maps ---- */

struct mapping {
	uint64_t lo, hi, off;
	char perms[8];
	char path[256];
};

static int read_maps(pid_t pid, struct mapping *m, int max)
{
	char path[64], line[512];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s: %s", path, strerror(errno));
	while (n < max && fgets(line, sizeof(line), f)) {
		struct mapping *x = &m[n];
		int pos = 0;
		x->path[0] = '\0';
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %*s %*u %n", &x->lo,
			   &x->hi, x->perms, &x->off, &pos) < 4)
			continue;
		sscanf(line + pos, "%255[^\n]", x->path);
		n++;
	}
	fclose(f);
	return n;
}

static const struct mapping *find_map(const struct mapping *m, int n, const struct mapping *x,
				      bool exact_end)
{
	for (int i = 0; i < n; i++)
		if (m[i].lo == x->lo && (m[i].hi == x->hi || !exact_end) &&
		    !strcmp(m[i].perms, x->perms) && m[i].off == x->off &&
		    !strcmp(m[i].path, x->path))
			return &m[i];
	return NULL;
}

static bool is_exec(const struct mapping *x)
{
	return x->perms[2] == 'x';
}

static bool is_file(const struct mapping *x)
{
	return x->path[0] == '/';
}

#define MAXMAP 512

/* The anonymous r-xp 64 KiB mappings in now that were not in before. */
static int new_scratch(const struct mapping *before, int nb, const struct mapping *now, int nn,
		       struct mapping *out)
{
	int k = 0;

	for (int i = 0; i < nn; i++)
		if (!strcmp(now[i].perms, "r-xp") && !now[i].path[0] &&
		    now[i].hi - now[i].lo == 65536 && !find_map(before, nb, &now[i], true))
			out[k++] = now[i];
	return k;
}

/* The executable's text in memory equals the file's bytes. */
static void check_text(pid_t pid, const struct mapping *m, int n, const char *exe)
{
	char path[64];
	int fd, checked = 0;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	for (int i = 0; i < n; i++) {
		if (!is_exec(&m[i]) || strcmp(m[i].path, exe))
			continue;
		size_t len = m[i].hi - m[i].lo;
		if (m[i].off + len > elf_len)
			len = elf_len - m[i].off;
		unsigned char *buf = malloc(len);
		CHECK(buf && pread(fd, buf, len, (off_t)m[i].lo) == (ssize_t)len, "read text: %s",
		      strerror(errno));
		for (size_t k = 0; k < len; k++)
			CHECK(buf[k] == elf[m[i].off + k],
			      "text byte at %#llx is %#x, the file has %#x",
			      (unsigned long long)(m[i].lo + k), buf[k], elf[m[i].off + k]);
		free(buf);
		checked++;
	}
	close(fd);
	CHECK(checked > 0, "no executable mapping of %s", exe);
}

static void run(cdbg_proc *p, struct tracee *t, int direct)
{
	static struct mapping before[MAXMAP], during[MAXMAP], after[MAXMAP], scratch[8];
	static const char *const funcs[] = { "hit", "worker_main", "main", "tracee_parse_long",
					     "tracee_on_deadline" };
	char line[256], nt[8], m[8], exe[4096];
	struct cdbg_event ev;
	uint64_t hit, bias, size = 0;
	int nb, nd, na, ns, hits = 0, nbp = 0;

	h_note("%s", direct ? "detach while running" : "interrupt, then detach");
	snprintf(nt, sizeof(nt), "%d", NT);
	snprintf(m, sizeof(m), "%d", M);
	h_start(t, "bphits", nt, m, NULL);
	h_expect(t, "ready", line, sizeof(line), 10);
	hit = (uint64_t)h_field(line, "hit");
	CHECK(realpath(h_tracee_path("bphits"), exe), "realpath: %s", strerror(errno));
	bias = hit - elf_sym("hit", &size);
	nb = read_maps(t->pid, before, MAXMAP);
	check_text(t->pid, before, nb, exe);

	CHECK(cdbg_attach(p, t->pid) == 0, "attach: %s", cdbg_errmsg(p));
	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		uint64_t v = elf_sym(funcs[i], NULL);
		CHECK(v, "no symbol %s", funcs[i]);
		CHECK(cdbg_bp_insert(p, bias + v, 0) > 0, "insert at %s: %s", funcs[i],
		      cdbg_errmsg(p));
		nbp++;
	}
	CHECK(size > 1, "hit has size %llu", (unsigned long long)size);
	/* hit ends with its ret (a copy that never jumps back) */
	unsigned char last = 0;
	CHECK(cdbg_mem_read(p, hit + size - 1, &last, 1) == 1, "read: %s", cdbg_errmsg(p));
	if (last == 0xc3) {
		CHECK(cdbg_bp_insert(p, hit + size - 1, 0) > 0, "insert at hit's ret: %s",
		      cdbg_errmsg(p));
		nbp++;
	}
	h_note("%d breakpoints", nbp);
	nd = read_maps(t->pid, during, MAXMAP);
	ns = new_scratch(before, nb, during, nd, scratch);
	CHECK(ns == 1, "%d new anonymous r-xp 64 KiB mappings while breakpoints are in", ns);

	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(t, "go");
	while (hits < STOP_AFTER) {
		u_wait(p, &ev, 10000);
		CHECK(ev.kind == CDBG_EV_BREAKPOINT || !ev.stopped, "unexpected %s", u_ev(&ev));
		hits += ev.kind == CDBG_EV_BREAKPOINT;
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	if (!direct) {
		CHECK(cdbg_interrupt(p) == 0, "interrupt: %s", cdbg_errmsg(p));
		do /* a breakpoint hit may come before the STOPPED: stopped all the same */
			u_wait(p, &ev, 10000);
		while (!ev.stopped);
		CHECK(ev.kind == CDBG_EV_STOPPED || ev.kind == CDBG_EV_BREAKPOINT, "got %s",
		      u_ev(&ev));
		nd = read_maps(t->pid, during, MAXMAP);
		CHECK(new_scratch(before, nb, during, nd, scratch) == 1, "scratch mapping gone");
	}
	CHECK(kill(t->pid, SIGSTOP) == 0, "SIGSTOP: %s", strerror(errno));
	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));

	/* The program is ours no more; our SIGSTOP holds it still. */
	long deadline = u_now_ms() + 10000;
	int all, stopped;
	while ((stopped = h_count_states(t->pid, "T", &all)) != all || !all) {
		CHECK(u_now_ms() < deadline, "after detach %d of %d threads are stopped ('T')",
		      stopped, all);
		h_msleep(2);
	}
	CHECK_EQ(h_count_states(t->pid, "t", NULL), 0);
	check_text(t->pid, after, na = read_maps(t->pid, after, MAXMAP), exe);
	for (int i = 0; i < na; i++) {
		CHECK(after[i].hi <= scratch[0].lo || after[i].lo >= scratch[0].hi,
		      "after detach %llx-%llx %s %s overlaps the scratch mapping %llx-%llx",
		      (unsigned long long)after[i].lo, (unsigned long long)after[i].hi,
		      after[i].perms, after[i].path, (unsigned long long)scratch[0].lo,
		      (unsigned long long)scratch[0].hi);
		if (find_map(before, nb, &after[i], !!strcmp(after[i].path, "[heap]")))
			continue;
		CHECK(!is_exec(&after[i]) && !is_file(&after[i]),
		      "after detach %llx-%llx %s %s was not there before attach",
		      (unsigned long long)after[i].lo, (unsigned long long)after[i].hi,
		      after[i].perms, after[i].path);
	}
	for (int i = 0; i < nb; i++)
		CHECK(find_map(after, na, &before[i], !!strcmp(before[i].path, "[heap]")),
		      "%llx-%llx %s %s is gone after detach", (unsigned long long)before[i].lo,
		      (unsigned long long)before[i].hi, before[i].perms, before[i].path);

	CHECK(kill(t->pid, SIGCONT) == 0, "SIGCONT: %s", strerror(errno));
	CHECK_EQ(h_finish(t, 20), 0);
	h_expect(t, "hits=", line, sizeof(line), 1);
	CHECK_EQ(h_field(line, "hits"), NT * M);
	CHECK(h_field(line, "checksum") == h_field(line, "expected"), "%s", line);
}

int main(void)
{
	static struct tracee t[2];
	cdbg_proc *p;

	u_watchdog(30);
	elf_load(h_tracee_path("bphits"));
	for (int direct = 0; direct < 2; direct++) {
		p = u_new();
		run(p, &t[direct], direct);
		cdbg_free(p);
	}
	return h_pass();
}
