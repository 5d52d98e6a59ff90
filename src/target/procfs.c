/*
 * procfs.c - facts about a process read from /proc: its tasks, their states, names, owners;
 * and why an exec failed (the interpreter an executable names).
 *
 * Owns: parsing /proc/PID/{task,stat,status,comm}. Must not: call ptrace or change the target.
 */
#include <dirent.h>
#include <elf.h>
#include <inttypes.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "target/target.h"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Call fn for every tid listed in /proc/PID/task, in one pass of getdents64 (cheap for 10,000
 * threads). Stops early when fn returns non-zero and passes that value on. Returns -errno when
 * the directory cannot be read (-ESRCH when the process is gone). */
int procfs_each_task(pid_t pid, procfs_tid_fn fn, void *data)
{
	char path[64], buf[32768];
	int fd, ret = 0;
	long n;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	while (ret == 0 && (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n && ret == 0;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			off += d->d_reclen;
			if (d->d_name[0] < '0' || d->d_name[0] > '9')
				continue;
			ret = fn(data, (pid_t)strtol(d->d_name, NULL, 10));
		}
	}
	if (n < 0 && ret == 0)
		ret = -errno;
	close(fd);
	return ret;
}

static ssize_t read_small(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

/* The state letter of a task ('R', 'S', 't', 'T', 'Z', ...), '?' when it is gone. */
char procfs_task_state(pid_t pid, pid_t tid)
{
	char path[64], buf[512], *rp;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid, (int)tid);
	if (read_small(path, buf, sizeof(buf)) <= 0)
		return '?';
	/* The name may hold spaces and parentheses: the state follows the last ')'. */
	rp = strrchr(buf, ')');
	return rp && rp[1] == ' ' ? rp[2] : '?';
}

/* The flags field of /proc/PID/stat (PF_* bits), 0 when unreadable. */
unsigned long procfs_stat_flags(pid_t pid)
{
	char path[64], buf[1024], *rp;
	unsigned long flags = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_small(path, buf, sizeof(buf)) <= 0)
		return 0;
	rp = strrchr(buf, ')');
	/* After ") ": state ppid pgrp session tty_nr tpgid flags */
	if (rp && sscanf(rp + 2, "%*c %*d %*d %*d %*d %*d %lu", &flags) != 1)
		flags = 0;
	return flags;
}

/* The value of "Field:" in /proc/PID/status, trimmed. Returns 0 or -errno (-ENOENT when the
 * field is absent, -ESRCH when the process is gone). */
int procfs_status_field(pid_t pid, const char *field, char *out, size_t len)
{
	char path[64], buf[4096];
	size_t flen = strlen(field);

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_small(path, buf, sizeof(buf)) < 0)
		return -ESRCH;
	for (char *line = buf; line && *line;
	     line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncmp(line, field, flen) || line[flen] != ':')
			continue;
		char *v = line + flen + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t n = strcspn(v, "\n");
		if (n >= len)
			n = len - 1;
		memcpy(out, v, n);
		out[n] = '\0';
		return 0;
	}
	return -ENOENT;
}

/* A numeric status field (the first number of it), or -1. */
long procfs_status_long(pid_t pid, const char *field)
{
	char v[128];

	if (procfs_status_field(pid, field, v, sizeof(v)) < 0)
		return -1;
	return strtol(v, NULL, 10);
}

/* The thread's name from /proc/PID/task/TID/comm. Returns 0 or -errno. */
int procfs_comm(pid_t pid, pid_t tid, char *buf, size_t len)
{
	char path[64], tmp[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid, (int)tid);
	n = read_small(path, tmp, sizeof(tmp));
	if (n < 0)
		return (int)n;
	tmp[strcspn(tmp, "\n")] = '\0';
	snprintf(buf, len, "%s", tmp);
	return 0;
}

/* The start of the program's brk heap (field 47 of /proc/PID/stat), 0 if unknown. */
static uint64_t start_brk(pid_t pid)
{
	char path[64], buf[2048], *s;
	unsigned long long v = 0;
	ssize_t n;
	int field = 2;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((n = read_small(path, buf, sizeof(buf))) <= 0 || !(s = strrchr(buf, ')')))
		return 0;
	for (s++; *s && field < 47; s++)
		if (*s == ' ')
			field++;
	if (field == 47)
		sscanf(s, "%llu", &v);
	return v;
}

/* Room kept free above the start of the brk heap: the heap grows there, and a mapping of ours
 * in its way would make the program's brk fail (malloc would fall back to mmap). */
#define BRK_ROOM (1ull << 30)

int procfs_perms(pid_t pid, uint64_t addr, char perms[5])
{
	char path[64], line[512], pm[8];
	uint64_t lo, hi;
	int r = -ESRCH;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (!(f = fopen(path, "re")))
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s", &lo, &hi, pm) == 3 && addr >= lo &&
		    addr < hi) {
			memcpy(perms, pm, 4);
			perms[4] = '\0';
			r = 0;
			break;
		}
	}
	fclose(f);
	return r;
}

/* A free, page-aligned range of size bytes within reach of near, from /proc/PID/maps; 0 when
 * none. Prefers the gap closest to near, outside the brk heap's room to grow. */
uint64_t procfs_find_gap(pid_t pid, uint64_t near, size_t size, int64_t reach)
{
	char path[64], line[512];
	uint64_t prev_end = 0x10000, best = 0, lo, hi, brk0 = start_brk(pid);
	uint64_t best_dist = UINT64_MAX;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	for (;;) {
		bool eof = !fgets(line, sizeof(line), f);
		if (eof) {
			lo = 0x7ffffffff000ull; /* the top of user space */
			hi = lo;
		} else if (sscanf(line, "%" SCNx64 "-%" SCNx64, &lo, &hi) != 2) {
			continue;
		}
		if (lo > prev_end && lo - prev_end >= size) {
			/* Candidates: the end of the gap nearest to near, either side. */
			uint64_t cand = near < prev_end ? prev_end : lo - size;
			if (near >= prev_end && near + size <= lo)
				cand = near & ~0xfffull;
			uint64_t dist = cand > near ? cand - near : near - cand;
			bool in_brk_room = brk0 && cand + size > brk0 && cand < brk0 + BRK_ROOM;
			if (in_brk_room && lo - size >= brk0 + BRK_ROOM) {
				cand = lo - size; /* the top of the gap, past the room */
				dist = cand > near ? cand - near : near - cand;
				in_brk_room = false;
			}
			if (!in_brk_room && (int64_t)dist < reach - (int64_t)size &&
			    dist < best_dist) {
				best = cand;
				best_dist = dist;
			}
		}
		if (eof)
			break;
		prev_end = hi;
	}
	fclose(f);
	return best;
}

/* Has thread tid a SIGTRAP waiting to be delivered (SigPnd in its status)? */
bool procfs_sigtrap_pending(pid_t pid, pid_t tid)
{
	char path[64], buf[4096], *s;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	s = strstr(buf, "\nSigPnd:");
	return s && (strtoull(s + 8, NULL, 16) & (1ull << (SIGTRAP - 1)));
}

/* ---- why an exec failed ------------------------------------------------------------------- */

/* The interpreter an executable names: its PT_INTERP (ELF), or the program of its "#!" line.
 * Returns true with it in buf. */
static bool exec_interpreter(const char *path, char *buf, size_t len)
{
	unsigned char head[256];
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	ssize_t n;
	bool ok = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || len < 2)
		goto out;
	n = pread(fd, head, sizeof(head) - 1, 0);
	if (n >= 2 && head[0] == '#' && head[1] == '!') {
		head[n] = '\0';
		char *s = (char *)head + 2 + strspn((char *)head + 2, " \t");
		size_t l = strcspn(s, " \t\n");
		if (l && l < len) {
			memcpy(buf, s, l);
			buf[l] = '\0';
			ok = true;
		}
		goto out;
	}
	if (n < (ssize_t)sizeof(eh) || memcmp(head, ELFMAG, SELFMAG) ||
	    head[EI_CLASS] != ELFCLASS64)
		goto out;
	memcpy(&eh, head, sizeof(eh));
	for (unsigned i = 0; i < eh.e_phnum && i < 256; i++) {
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) !=
		    (ssize_t)sizeof(ph))
			break;
		if (ph.p_type != PT_INTERP)
			continue;
		if (ph.p_filesz < 2 || ph.p_filesz > len ||
		    pread(fd, buf, ph.p_filesz, (off_t)ph.p_offset) != (ssize_t)ph.p_filesz)
			break;
		buf[ph.p_filesz - 1] = '\0';
		ok = buf[0] != '\0';
		break;
	}
out:
	if (fd >= 0)
		close(fd);
	return ok;
}

bool procfs_exec_missing_interp(const char *path, char *buf, size_t len)
{
	if (access(path, F_OK) < 0 || !exec_interpreter(path, buf, len))
		return false;
	return access(buf, F_OK) < 0 && errno == ENOENT;
}

/* kernel.yama.ptrace_scope (0 when Yama is not there or says nothing). */
int procfs_ptrace_scope(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	int scope = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%d", &scope) != 1)
		scope = 0;
	fclose(f);
	return scope;
}
