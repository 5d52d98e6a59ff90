/*
 * floor_gcore: the floor of bench/gcore, the least work that writes a process's memory to a
 * file: every readable mapping of /proc/PID/maps (but [vvar] and [vsyscall]) copied from
 * /proc/PID/mem to OUT, 1 MiB at a time, with no ELF headers, no notes and no stop. A
 * debugger's gcore writes the same bytes and more, so it cannot be faster.
 *
 * Owns: its one copy. Must not: stop or trace the process (reading /proc/PID/mem needs only
 * ptrace read access).
 *
 * Usage: floor_gcore PID OUT   prints "bytes=N mappings=M"; exit 0, 1 when a read or write
 *                               failed, 2 on bad usage
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1 << 20)

int main(int argc, char **argv)
{
	char path[64], line[4096], *buf;
	unsigned long long total = 0;
	int mem, outfd, maps = 0, rc = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: floor_gcore PID OUT\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/maps", argv[1]);
	f = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/mem", argv[1]);
	mem = open(path, O_RDONLY);
	outfd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);
	buf = malloc(CHUNK);
	if (!f || mem < 0 || outfd < 0 || !buf) {
		fprintf(stderr, "floor_gcore: cannot open %s or %s\n", path, argv[2]);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perm[8];

		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perm) != 3 || perm[0] != 'r' ||
		    strstr(line, "[vvar") || strstr(line, "[vsyscall]"))
			continue;
		maps++;
		for (unsigned long a = lo; a < hi;) {
			size_t want = hi - a < CHUNK ? hi - a : CHUNK;
			ssize_t n = pread(mem, buf, want, (off_t)a);

			if (n <= 0) {
				a += want; /* a hole (an unbacked file page): skip it */
				continue;
			}
			if (write(outfd, buf, (size_t)n) != n) {
				rc = 1;
				break;
			}
			total += (unsigned long long)n;
			a += (unsigned long)n;
		}
	}
	fclose(f);
	if (close(outfd))
		rc = 1;
	printf("bytes=%llu mappings=%d\n", total, maps);
	return rc;
}
