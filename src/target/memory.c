/*
 * memory.c - reading and writing the tracee's memory as it is, int3s included.
 *
 * Owns: process_vm_readv/writev (one system call, no stop needed) with /proc/PID/mem as the
 * fallback for what they cannot do (read-only text, PROT_NONE pages); the choice of source
 * (the process, a core through core.c, the program's file through image.c). Must not: call ptrace,
 * or know about breakpoints: the program's view with int3s hidden is memview.c's, above
 * this raw access (lldb's ReadMemoryWithoutTrap over ReadMemory).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "target/target.h"

void mem_close(cdbg_proc *p)
{
	if (p->mem_fd >= 0)
		close(p->mem_fd);
	p->mem_fd = -1;
}

pid_t mem_live_tid(cdbg_proc *p)
{
	for (size_t i = 0; i < p->threads.count; i++) {
		struct thread *t = p->threads.all[i];
		if (t->state != TS_ZOMBIE && t->state != TS_EXITING && !t->unclaimed)
			return t->tid;
	}
	return p->pid;
}

static int mem_fd(cdbg_proc *p)
{
	char path[64];

	if (p->mem_fd < 0) {
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)mem_live_tid(p));
		p->mem_fd = open(path, O_RDWR | O_CLOEXEC);
	}
	return p->mem_fd;
}

/* One attempt at addr: the fast path, then /proc/PID/mem. Returns bytes moved or -errno. */
static ssize_t mem_xfer(cdbg_proc *p, uint64_t addr, void *buf, size_t len, bool write)
{
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;
	int fd;

	n = write ? process_vm_writev(mem_live_tid(p), &local, 1, &remote, 1, 0) :
		    process_vm_readv(mem_live_tid(p), &local, 1, &remote, 1, 0);
	if (n > 0)
		return n;
	if ((int64_t)addr < 0)
		return -EFAULT; /* beyond what a file offset can name: kernel space */
	fd = mem_fd(p);
	if (fd < 0)
		return -errno;
	n = write ? pwrite(fd, buf, len, (off_t)addr) : pread(fd, buf, len, (off_t)addr);
	if (n < 0)
		return errno == EIO ? -EFAULT : -errno;
	return n ? n : -EFAULT;
}

/* Move up to len bytes, looping over partial transfers. Returns bytes moved; *last gets the
 * error that stopped it early. */
static size_t mem_loop(cdbg_proc *p, uint64_t addr, void *buf, size_t len, bool write,
		       ssize_t *last)
{
	size_t done = 0;
	ssize_t n = 0;

	while (done < len) {
		n = mem_xfer(p, addr + done, (char *)buf + done, len - done, write);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	*last = n;
	return done;
}

/* Where memory comes from: the process, a core, or the program's file before it runs. */
enum mem_source { MEM_PROCESS, MEM_CORE, MEM_FILE, MEM_NONE };

static enum mem_source mem_source(const cdbg_proc *p)
{
	if (p->core)
		return MEM_CORE;
	if (p->pid && !p->exited)
		return MEM_PROCESS;
	return p->file_path ? MEM_FILE : MEM_NONE;
}

/* Read from a core or the file: bytes moved, *last -EFAULT when it stopped early. */
static size_t mem_image_loop(cdbg_proc *p, uint64_t addr, void *buf, size_t len, ssize_t *last)
{
	ssize_t n = mem_source(p) == MEM_CORE ? core_read(p, addr, buf, len) :
						image_read(&p->file, addr, buf, len);

	*last = (size_t)n < len ? -EFAULT : n;
	return (size_t)n;
}

/* The bytes in memory as they are, int3s included (breakpoint.c writes them). */
ssize_t mem_raw_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len)
{
	ssize_t last;

	if (mem_source(p) != MEM_PROCESS)
		return (ssize_t)mem_image_loop(p, addr, buf, len, &last);
	return (ssize_t)mem_loop(p, addr, buf, len, false, &last);
}

ssize_t mem_raw_write(cdbg_proc *p, uint64_t addr, const void *buf, size_t len)
{
	ssize_t last;

	if (mem_source(p) != MEM_PROCESS)
		return -EROFS;
	return (ssize_t)mem_loop(p, addr, (void *)buf, len, true, &last);
}

size_t mem_raw_read_many(cdbg_proc *p, const uint64_t *addrs, size_t n, size_t len,
			 unsigned char *out, bool *ok)
{
	size_t good = 0;
	for (size_t i = 0; i < n; i++)
		ok[i] = false;
	if (mem_source(p) == MEM_PROCESS) {
		/* one process_vm_readv for up to 512 pieces; it stops at the first piece that
		 * cannot be read whole, which is then read alone (or not), and the next batch
		 * goes on after it */
		struct iovec local[512], remote[512];
		size_t i = 0;
		while (i < n) {
			size_t k = n - i < 512 ? n - i : 512;
			for (size_t j = 0; j < k; j++) {
				local[j] = (struct iovec){ out + (i + j) * len, len };
				remote[j] = (struct iovec){ (void *)(uintptr_t)addrs[i + j], len };
			}
			ssize_t r = process_vm_readv(mem_live_tid(p), local, k, remote, k, 0);
			size_t whole = r > 0 ? (size_t)r / len : 0;
			for (size_t j = 0; j < whole; j++)
				ok[i + j] = true;
			good += whole;
			i += whole;
			if (whole < k) { /* piece i: on its own (a page the fast path refused) */
				ok[i] = mem_raw_read(p, addrs[i], out + i * len, len) ==
					(ssize_t)len;
				good += ok[i];
				i++;
			}
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			ok[i] = mem_raw_read(p, addrs[i], out + i * len, len) == (ssize_t)len;
			good += ok[i];
		}
	}
	return good;
}

/* Read from another process (a fork child) through /proc/PID/mem. */
ssize_t mem_read_pid(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = pread(fd, buf, len, (off_t)addr);
	close(fd);
	return n;
}

/* Write into another process (a fork child) through /proc/PID/mem. */
ssize_t mem_write_pid(pid_t pid, uint64_t addr, const void *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = pwrite(fd, buf, len, (off_t)addr);
	close(fd);
	return n;
}

/* The raw bytes (int3s included) for the public calls, the failure recorded as they report it:
 * len, or the bytes moved before an unmapped address (CDBG_EPARTIAL), or a failure. */
ssize_t mem_access(cdbg_proc *p, uint64_t addr, void *buf, size_t len, bool write)
{
	const char *verb = write ? "write" : "read";
	size_t done = 0;
	ssize_t n = 0;
	int r;

	if (write && p->core)
		return cdbg__fail(p, CDBG_ENOTLIVE,
				  "cannot write memory: the program is not running (a core file "
				  "is held)");
	if (mem_source(p) == MEM_FILE && write)
		return cdbg__fail(p, CDBG_ENOTLIVE,
				  "cannot write memory: the program is not running (only its file "
				  "is read)");
	if (mem_source(p) != MEM_FILE &&
	    (r = loop_require_proc(p, write ? "write memory" : "read memory")) < 0)
		return r;
	if (mem_source(p) == MEM_FILE && (r = cdbg__check_owner(p, "read memory")) < 0)
		return r;
	if (addr + len < addr)
		return cdbg__fail(p, -EFAULT,
				  "cannot %s %zu bytes at %#llx: the range wraps around "
				  "the address space",
				  verb, len, (unsigned long long)addr);
	if (mem_source(p) != MEM_PROCESS)
		done = mem_image_loop(p, addr, buf, len, &n);
	else
		done = mem_loop(p, addr, buf, len, write, &n);
	if (done == len) {
		cdbg__clear_error(p);
		return (ssize_t)len;
	}
	if (done == 0)
		return cdbg__fail(p, n < 0 ? (int)n : -EFAULT, "cannot %s memory at %#llx: %s",
				  verb, (unsigned long long)addr,
				  n == -EFAULT || n == 0 ? "the address is not mapped" :
							   cdbg__errstr((int)-n));
	cdbg__fail(p, CDBG_EPARTIAL,
		   "only %zu of %zu bytes at %#llx could be %s: %#llx is not "
		   "mapped",
		   done, len, (unsigned long long)addr, write ? "written" : "read",
		   (unsigned long long)(addr + done));
	return (ssize_t)done;
}

int cdbg_mem_is_code(cdbg_proc *p, uint64_t addr)
{
	const struct image_region *reg;
	char perms[5];
	int r;

	switch (mem_source(p)) {
	case MEM_CORE:
		return (core_flags(p, addr) & PF_X) != 0;
	case MEM_FILE:
		if ((r = cdbg__check_owner(p, "read the memory map")) < 0)
			return r;
		reg = image_find(&p->file, addr);
		return reg && (reg->flags & PF_X);
	case MEM_PROCESS:
		if ((r = loop_require_proc(p, "read the memory map")) < 0)
			return r;
		r = procfs_perms(mem_live_tid(p), addr, perms);
		if (r == -ESRCH)
			return 0;
		if (r < 0)
			return cdbg__fail(p, r, "cannot read the memory map of process %d: %s",
					  (int)p->pid, cdbg__errstr(r));
		return perms[2] == 'x';
	default:
		return loop_require_proc(p, "read the memory map");
	}
}
