/*
 * test_bp_thread_start: breakpoints hit while the process is still creating threads.
 * bphits 32 4 with breakpoints on worker_main (each new thread hits it at once, while the main
 * thread is busy creating the next one) and on hit, continued through; five runs. Every
 * all-stop then races with the main thread's clone: the main thread is often interrupted in
 * clone and reports the clone event instead of the interrupt stop. Proves:
 *   - the run ends: no all-stop waits forever for the main thread once it sits in
 *     pthread_join (a watchdog fails the test after 30 s);
 *   - exactly 32 hits on worker_main (one per thread) and 128 on hit, each with the pc there;
 *   - the program's checksum is right and it exits 0.
 * worker_main's address comes from bphits' ELF symbol table plus the load bias of hit.
 */
#include <elf.h>
#include <sys/stat.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

#define NT 32
#define M 4
#define RUNS 5

/* Value of function symbol name in path's .symtab; 0 if absent. */
static uint64_t elf_func(const char *path, const char *name)
{
	struct stat st;
	unsigned char *elf;
	uint64_t v = 0;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0 && fstat(fd, &st) == 0, "open %s: %s", path, strerror(errno));
	elf = malloc((size_t)st.st_size);
	CHECK(elf && pread(fd, elf, (size_t)st.st_size, 0) == st.st_size, "read %s", path);
	close(fd);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;
	CHECK(!memcmp(elf, ELFMAG, SELFMAG) && elf[EI_CLASS] == ELFCLASS64, "not ELF64");
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(elf + eh->e_shoff);
	for (int i = 0; i < eh->e_shnum && !v; i++) {
		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		const Elf64_Sym *sym = (const Elf64_Sym *)(elf + sh[i].sh_offset);
		const char *str = (const char *)elf + sh[sh[i].sh_link].sh_offset;
		for (size_t k = 0; k < sh[i].sh_size / sizeof(*sym); k++)
			if (ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC &&
			    !strcmp(str + sym[k].st_name, name))
				v = sym[k].st_value;
	}
	free(elf);
	CHECK(v, "no symbol %s in %s", name, path);
	return v;
}

static void run(int n)
{
	struct tracee t;
	struct cdbg_event ev;
	char line[256], nt[8], m[8];
	uint64_t hit, start, pc;
	int id_hit, id_start, hits = 0, starts = 0;
	cdbg_proc *p = u_new();

	h_note("run %d", n);
	snprintf(nt, sizeof(nt), "%d", NT);
	snprintf(m, sizeof(m), "%d", M);
	h_start(&t, "bphits", nt, m, NULL);
	h_expect(&t, "ready", line, sizeof(line), 10);
	hit = (uint64_t)h_field(line, "hit");
	start = hit - elf_func(h_tracee_path("bphits"), "hit") +
		elf_func(h_tracee_path("bphits"), "worker_main");
	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	id_hit = cdbg_bp_insert(p, hit, 0);
	id_start = cdbg_bp_insert(p, start, 0);
	CHECK(id_hit > 0 && id_start > 0, "insert: %s", cdbg_errmsg(p));
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_send(&t, "go");
	for (;;) {
		u_wait(p, &ev, 10000);
		if (ev.kind == CDBG_EV_EXITED || ev.kind == CDBG_EV_KILLED)
			break;
		if (ev.kind == CDBG_EV_BREAKPOINT) {
			CHECK(cdbg_pc_get(p, ev.tid, &pc) == 0 && pc == ev.addr, "pc %#llx",
			      (unsigned long long)pc);
			if (ev.bp_id == id_hit && ev.addr == hit)
				hits++;
			else if (ev.bp_id == id_start && ev.addr == start)
				starts++;
			else
				CHECK(0, "got %s at %#llx", u_ev(&ev), (unsigned long long)ev.addr);
		} else {
			CHECK(!ev.stopped, "unexpected %s", u_ev(&ev));
		}
		if (ev.stopped)
			CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	}
	CHECK(ev.kind == CDBG_EV_EXITED, "got %s", u_ev(&ev));
	h_reaped(&t, ev.code);
	CHECK_EQ(ev.code, 0);
	CHECK_EQ(starts, NT);
	CHECK_EQ(hits, NT * M);
	CHECK_EQ(h_finish(&t, 10), 0);
	h_expect(&t, "hits=", line, sizeof(line), 1);
	CHECK(h_field(line, "checksum") == h_field(line, "expected"), "%s", line);
	cdbg_free(p);
}

int main(void)
{
	u_watchdog(30);
	for (int n = 0; n < RUNS; n++)
		run(n);
	return h_pass();
}
