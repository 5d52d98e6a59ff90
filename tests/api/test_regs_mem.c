/*
 * test_regs_mem: registers and memory of multi_write's main thread, held while blocked in
 * read(0, ...). Proves: cdbg_mem_read sees the value the program stored; cdbg_mem_write
 * changes what the program later prints; memory reads while the process runs; register values
 * are the ones the kernel holds (rip in executable code, rsp in [stack], eflags, cs/ss, fs_base,
 * orig_rax == SYS_read, rdi == 0); writes of rax, r15 and xmm0 read back, and r15/xmm0 written
 * before a cont are still there at the next stop (they reached the thread); the xstate size is
 * the kernel's (whatever CPUID says); reading unmapped memory is -EFAULT with an exact message;
 * a read across the end of a mapping returns the mapped part; read-only text can be written
 * through and restored.
 */
#include <elf.h>
#include <errno.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "cdbg.h"
#include "harness.h"
#include "unit_util.h"

struct mapping {
	unsigned long lo, hi;
	char perms[8];
	char path[512];
};

static int read_maps(pid_t pid, struct mapping *m, int max)
{
	char path[64], line[1024];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (n < max && fgets(line, sizeof(line), f)) {
		int off = 0;
		m[n].path[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &m[n].lo, &m[n].hi, m[n].perms,
			   &off) < 3)
			continue;
		if (off) {
			snprintf(m[n].path, sizeof(m[n].path), "%s", line + off);
			m[n].path[strcspn(m[n].path, "\n")] = '\0';
		}
		n++;
	}
	fclose(f);
	return n;
}

static const struct mapping *find_map(const struct mapping *m, int n, uint64_t addr)
{
	for (int i = 0; i < n; i++)
		if (addr >= m[i].lo && addr < m[i].hi)
			return &m[i];
	return NULL;
}

/* Wait until the main thread sits in read(0, ...), as /proc/PID/syscall shows. */
static void wait_in_read(pid_t pid)
{
	long deadline = u_now_ms() + 5000;
	uint64_t fd = 1;

	while (!(h_syscall(pid, &fd, NULL) == SYS_read && fd == 0)) {
		CHECK(u_now_ms() < deadline, "main thread not in read(0): %ld",
		      h_syscall(pid, NULL, NULL));
		h_msleep(5);
	}
}

static void cont_and_stop(cdbg_proc *p)
{
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	h_msleep(20);
	u_stop(p, NULL);
}

static void registers(cdbg_proc *p, pid_t pid)
{
	struct mapping maps[512];
	int nm = read_maps(pid, maps, 512);
	const struct mapping *m;
	uint64_t v, rax0, r15_0, rip, rsp;
	unsigned char x0[16], x1[16], x2[16];

	CHECK(cdbg_reg_get(p, pid, "rip", &rip) == 0, "rip: %s", cdbg_errmsg(p));
	m = find_map(maps, nm, rip);
	CHECK(m && m->perms[2] == 'x', "rip %#llx is not in executable memory",
	      (unsigned long long)rip);
	CHECK(cdbg_pc_get(p, pid, &v) == 0 && v == rip, "get_pc %#llx != rip %#llx",
	      (unsigned long long)v, (unsigned long long)rip);
	CHECK(cdbg_reg_get(p, pid, "pc", &v) == 0 && v == rip, "pc alias");
	CHECK(cdbg_reg_get(p, pid, "rsp", &rsp) == 0, "rsp: %s", cdbg_errmsg(p));
	m = find_map(maps, nm, rsp);
	CHECK(m && !strcmp(m->path, "[stack]"), "rsp %#llx is not in [stack] (%s)",
	      (unsigned long long)rsp, m ? m->path : "unmapped");
	CHECK(cdbg_reg_get(p, pid, "eflags", &v) == 0, "eflags: %s", cdbg_errmsg(p));
	CHECK((v & 0x2) && (v & 0x200), "eflags %#llx: reserved bit 1 or IF clear",
	      (unsigned long long)v);
	CHECK(cdbg_reg_get(p, pid, "cs", &v) == 0, "cs: %s", cdbg_errmsg(p));
	CHECK_EQ(v, 0x33);
	CHECK(cdbg_reg_get(p, pid, "ss", &v) == 0, "ss: %s", cdbg_errmsg(p));
	CHECK_EQ(v, 0x2b);
	CHECK(cdbg_reg_get(p, pid, "fs_base", &v) == 0, "fs_base: %s", cdbg_errmsg(p));
	CHECK(v != 0, "fs_base is 0");
	CHECK(find_map(maps, nm, v), "fs_base %#llx is not mapped", (unsigned long long)v);
	CHECK(cdbg_reg_get(p, pid, "orig_rax", &v) == 0, "orig_rax: %s", cdbg_errmsg(p));
	CHECK_EQ(v, SYS_read);
	CHECK(cdbg_reg_get(p, pid, "rdi", &v) == 0, "rdi: %s", cdbg_errmsg(p));
	CHECK_EQ(v, 0);
	CHECK_EQ(cdbg_reg_get(p, pid, "nosuchreg", &v), CDBG_ENOREG);
	CHECK(!strcmp(cdbg_errmsg(p), "no register named 'nosuchreg'; 'info registers' lists them"),
	      "message '%s'", cdbg_errmsg(p));
	CHECK_EQ(cdbg_reg_get(p, 0x7ffffff0, "rip", &v), CDBG_ENOTHREAD);

	/* rax and r15: write, read back, restore. r15 stays changed across a cont. */
	CHECK(cdbg_reg_get(p, pid, "rax", &rax0) == 0, "rax: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_get(p, pid, "r15", &r15_0) == 0, "r15: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_set(p, pid, "rax", 0x1122334455667788ull) == 0, "set rax: %s",
	      cdbg_errmsg(p));
	CHECK(cdbg_reg_set(p, pid, "r15", 0x0badc0ffee0ddf00ull) == 0, "set r15: %s",
	      cdbg_errmsg(p));
	CHECK(cdbg_reg_get(p, pid, "rax", &v) == 0 && v == 0x1122334455667788ull,
	      "rax read back "
	      "%#llx",
	      (unsigned long long)v);
	CHECK(cdbg_reg_get(p, pid, "r15", &v) == 0 && v == 0x0badc0ffee0ddf00ull,
	      "r15 read back "
	      "%#llx",
	      (unsigned long long)v);
	/* gdb's pseudo registers: parts of rax, written without touching the other bytes. */
	static const struct {
		const char *name;
		uint64_t want;
	} part[] = {
		{ "eax", 0x55667788 },
		{ "ax", 0x7788 },
		{ "al", 0x88 },
		{ "ah", 0x77 },
	};
	for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++)
		CHECK(cdbg_reg_get(p, pid, part[i].name, &v) == 0 && v == part[i].want,
		      "%s = %#llx: %s", part[i].name, (unsigned long long)v, cdbg_errmsg(p));
	CHECK(cdbg_reg_set(p, pid, "eax", 0xdeadbeef) == 0 && cdbg_reg_set(p, pid, "ah", 0x5a) == 0,
	      "set eax, ah: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_get(p, pid, "rax", &v) == 0 && v == 0x11223344dead5aefull,
	      "rax after eax and ah were set: %#llx", (unsigned long long)v);
	CHECK(cdbg_reg_get(p, pid, "r15d", &v) == 0 && v == 0xee0ddf00, "r15d %#llx",
	      (unsigned long long)v);
	CHECK(cdbg_reg_get(p, pid, "r15l", &v) == 0 && v == 0, "r15l %#llx", (unsigned long long)v);
	CHECK(cdbg_reg_set(p, pid, "rax", rax0) == 0, "restore rax: %s", cdbg_errmsg(p));

	/* xmm0: 16 bytes. */
	CHECK(cdbg_reg_read(p, pid, "xmm0", x0, sizeof(x0)) == 16, "xmm0: %s", cdbg_errmsg(p));
	for (int i = 0; i < 16; i++)
		x1[i] = (unsigned char)(0xa0 + i);
	CHECK(cdbg_reg_read(p, pid, "xmm0", x2, 8) == -EINVAL, "xmm0 into 8 bytes");
	CHECK(cdbg_reg_write(p, pid, "xmm0", x1, 8) == -EINVAL, "xmm0 from 8 bytes");
	CHECK(cdbg_reg_write(p, pid, "xmm0", x1, 16) == 0, "write xmm0: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_read(p, pid, "xmm0", x2, 16) == 16 && !memcmp(x1, x2, 16),
	      "xmm0 read back differs");
	CHECK(cdbg_reg_get(p, pid, "xmm0", &v) == -EINVAL, "reg_get of a 16-byte register");

	/* Both reach the thread: after running (still blocked in read) they are there. */
	cont_and_stop(p);
	CHECK(cdbg_reg_get(p, pid, "r15", &v) == 0 && v == 0x0badc0ffee0ddf00ull,
	      "r15 after cont %#llx", (unsigned long long)v);
	memset(x2, 0, 16);
	CHECK(cdbg_reg_read(p, pid, "xmm0", x2, 16) == 16 && !memcmp(x1, x2, 16),
	      "xmm0 after cont differs");
	CHECK(cdbg_reg_set(p, pid, "r15", r15_0) == 0, "restore r15: %s", cdbg_errmsg(p));
	CHECK(cdbg_reg_write(p, pid, "xmm0", x0, 16) == 0, "restore xmm0: %s", cdbg_errmsg(p));
	cont_and_stop(p);
	CHECK(cdbg_reg_get(p, pid, "r15", &v) == 0 && v == r15_0, "r15 not restored");
	CHECK(cdbg_reg_read(p, pid, "xmm0", x2, 16) == 16 && !memcmp(x0, x2, 16),
	      "xmm0 not restored");

	/* Extended state: the size is the kernel's regset for this thread (not CPUID's: a CPU can
	 * have components its kernel does not save). */
	ssize_t xs = cdbg_xstate_size(p);
	CHECK(xs >= 512, "xstate size %zd: %s", xs, cdbg_errmsg(p));
	unsigned char *buf = calloc(1, (size_t)xs + 65536), *kbuf = calloc(1, (size_t)xs + 65536);
	CHECK(buf && kbuf, "calloc");
	CHECK(cdbg_xstate_read(p, pid, buf, (size_t)xs + 65536) == (int)xs, "xstate_read: %s",
	      cdbg_errmsg(p));
	/* The same thread's regset straight from the kernel (we are its tracer thread), with a
	 * buffer larger than any: the kernel shortens iov_len to its size. */
	struct iovec iov = { kbuf, (size_t)xs + 65536 };
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov) < 0) {
		/* A kernel without XSAVE: cdbg falls back on the FXSAVE block. */
		iov.iov_len = (size_t)xs + 65536;
		CHECK(ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRFPREG, &iov) == 0, "GETREGSET: %s",
		      strerror(errno));
	}
	CHECK(iov.iov_len == (size_t)xs, "the kernel's xstate regset has %zu bytes, cdbg says %zd",
	      iov.iov_len, xs);
	h_note("xstate: %zd bytes, as the kernel says", xs);
	CHECK(!memcmp(buf + 160, x0, 16), "xmm0 in the xstate block differs from cdbg_reg_read");
	CHECK(!memcmp(buf, kbuf, 512), "legacy area differs from the kernel's");
	CHECK(cdbg_xstate_read(p, pid, buf, 100) == 100, "short xstate_read");
	free(buf);
	free(kbuf);
}

static void memory(cdbg_proc *p, pid_t pid)
{
	struct mapping maps[512];
	int nm = read_maps(pid, maps, 512);
	char exe[512], link[64], msg[256];
	unsigned char b[64], orig[8], flip[8], chk[8];
	ssize_t n;

	/* Unmapped. */
	CHECK_EQ(cdbg_mem_read(p, 0, b, 8), -EFAULT);
	CHECK(!strcmp(cdbg_errmsg(p), "cannot read memory at 0: the address is not mapped"),
	      "message '%s'", cdbg_errmsg(p));
	CHECK_EQ(cdbg_mem_write(p, 0, b, 8), -EFAULT);
	CHECK(!strcmp(cdbg_errmsg(p), "cannot write memory at 0: the address is not mapped"),
	      "message '%s'", cdbg_errmsg(p));
	CHECK_EQ(cdbg_mem_read(p, 0xffffffffffff0000ull, b, 8), -EFAULT);
	CHECK(cdbg_errmsg(p)[0] >= 'a' && cdbg_errmsg(p)[0] <= 'z', "message '%s'", cdbg_errmsg(p));

	/* Across the end of a mapping whose next page is unmapped. */
	int found = 0;
	for (int i = 0; i < nm && !found; i++) {
		bool gap = i + 1 == nm || maps[i + 1].lo > maps[i].hi;
		if (!gap || maps[i].perms[0] != 'r' || !strcmp(maps[i].path, "[vsyscall]") ||
		    !strcmp(maps[i].path, "[vvar]") || !strncmp(maps[i].path, "[vvar", 5))
			continue;
		uint64_t at = maps[i].hi - 24;
		n = cdbg_mem_read(p, at, b, 64);
		CHECK(n == 24, "read of 64 at %#llx (24 before the end of %s) gave %zd: %s",
		      (unsigned long long)at, maps[i].path, n, cdbg_errmsg(p));
		CHECK_EQ(cdbg_errcode(p), CDBG_EPARTIAL);
		snprintf(msg, sizeof(msg),
			 "only 24 of 64 bytes at %#llx could be read: %#lx is not "
			 "mapped",
			 (unsigned long long)at, maps[i].hi);
		CHECK(!strcmp(cdbg_errmsg(p), msg), "message '%s', want '%s'", cdbg_errmsg(p), msg);
		found = 1;
	}
	CHECK(found, "no mapping followed by a hole");

	/* Read-only text of the executable. */
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	n = readlink(link, exe, sizeof(exe) - 1);
	CHECK(n > 0, "readlink");
	exe[n] = '\0';
	const struct mapping *text = NULL;
	for (int i = 0; i < nm; i++)
		if (!strcmp(maps[i].path, exe) && !strcmp(maps[i].perms, "r-xp"))
			text = &maps[i];
	CHECK(text, "no r-xp mapping of %s", exe);
	uint64_t at = text->lo + 0x10;
	CHECK(cdbg_mem_read(p, at, orig, 8) == 8, "read text: %s", cdbg_errmsg(p));
	for (int i = 0; i < 8; i++)
		flip[i] = (unsigned char)~orig[i];
	CHECK(cdbg_mem_write(p, at, flip, 8) == 8, "write text: %s", cdbg_errmsg(p));
	CHECK(cdbg_mem_read(p, at, chk, 8) == 8 && !memcmp(chk, flip, 8), "text not changed");
	/* Seen by an independent reader too. */
	char mpath[64];
	snprintf(mpath, sizeof(mpath), "/proc/%d/mem", (int)pid);
	int fd = open(mpath, O_RDONLY);
	CHECK(fd >= 0, "open %s", mpath);
	CHECK(pread(fd, chk, 8, (off_t)at) == 8 && !memcmp(chk, flip, 8),
	      "/proc/PID/mem does not show the write");
	CHECK(cdbg_mem_write(p, at, orig, 8) == 8, "restore text: %s", cdbg_errmsg(p));
	CHECK(pread(fd, chk, 8, (off_t)at) == 8 && !memcmp(chk, orig, 8), "text not restored");
	close(fd);
}

int main(void)
{
	struct tracee t;
	char line[256];
	cdbg_proc *p = u_new();
	uint64_t target;
	long v = 0;

	u_watchdog(45);
	h_start(&t, "multi_write", NULL);
	h_expect(&t, "ready", line, sizeof(line), 20);
	target = (uint64_t)h_field(line, "target");
	CHECK(target, "no target address: %s", line);
	h_send(&t, "write 0 12345");
	h_expect(&t, "wrote 0 12345", NULL, 0, 10);
	wait_in_read(t.pid);

	CHECK(cdbg_attach(p, t.pid) == 0, "attach: %s", cdbg_errmsg(p));
	CHECK(cdbg_mem_read(p, target, &v, sizeof(v)) == sizeof(v), "read target: %s",
	      cdbg_errmsg(p));
	CHECK_EQ(v, 12345);
	v = 987654321;
	CHECK(cdbg_mem_write(p, target, &v, sizeof(v)) == sizeof(v), "write target: %s",
	      cdbg_errmsg(p));
	v = 0;
	CHECK(cdbg_mem_read(p, target, &v, sizeof(v)) == sizeof(v), "read back: %s",
	      cdbg_errmsg(p));
	CHECK_EQ(v, 987654321);

	registers(p, t.pid);
	memory(p, t.pid);

	/* Memory of the running process. */
	CHECK(cdbg_cont(p) == 0, "cont: %s", cdbg_errmsg(p));
	v = 0;
	CHECK(cdbg_mem_read(p, target, &v, sizeof(v)) == sizeof(v), "read while running: %s",
	      cdbg_errmsg(p));
	CHECK_EQ(v, 987654321);
	u_stop(p, NULL);

	CHECK(cdbg_detach(p) == 0, "detach: %s", cdbg_errmsg(p));
	CHECK(h_wait_untraced(t.pid, 5), "still in tracing stop after detach");
	h_send(&t, "read 1");
	h_expect(&t, "read 1 987654321", NULL, 0, 10);
	h_send(&t, "write 2 42");
	h_expect(&t, "wrote 2 42", NULL, 0, 10);
	CHECK_EQ(h_finish(&t, 20), 0);
	h_expect(&t, "done target=42", NULL, 0, 1);
	cdbg_free(p);
	return h_pass();
}
