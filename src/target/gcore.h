/*
 * gcore.h - what gcore.c (the core file's layout, notes and writing) and gcore_maps.c (the
 * process's mappings and which of their bytes a core holds) share.
 *
 * Owns: struct gc_map and the dump rules' interface. Must not: be included outside
 * src/target/gcore*.c.
 */
#ifndef CDBG_GCORE_H
#define CDBG_GCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/target.h"

/* dump: the bytes from start the core holds; this value until the first page is read. */
#define GC_DUMP_MAYBE_ELFHDR UINT64_MAX

/* One mapping of the process (one line of /proc/PID/smaps), as a PT_LOAD will describe it. */
struct gc_map {
	uint64_t start, end; /* [start, end) */
	uint64_t pgoff;      /* offset in the file, bytes */
	uint32_t pflags;     /* PF_R | PF_W | PF_X */
	bool file;           /* file-backed (listed in NT_FILE) */
	uint64_t dump;       /* bytes from start the core holds (0 .. end - start) */
	char *name;          /* the file or the kernel's name ("[vdso]"), "" for none */
};

/* What smaps says of a mapping, for the dump rules (gc_dump_size). */
struct gc_facts {
	bool readable;  /* 'r' in its permissions (VM_READ) */
	bool shared;    /* VM_SHARED ("sh" in VmFlags) */
	bool file;      /* it has a file (vm_file) */
	bool file_gone; /* that file has no link left (" (deleted)", SysV shm): anonymous */
	bool file_exec; /* that file has an execute bit */
	bool anon;      /* it holds anonymous pages (Anonymous: or Swap: above 0): anon_vma */
	bool special;   /* a kernel mapping with a name ([vdso], [vvar], [vsyscall]...) */
	bool dontdump;  /* VM_DONTDUMP ("dd") */
	bool io;        /* VM_IO ("io") */
	bool hugetlb;   /* VM_HUGETLB ("ht") */
	uint64_t pgoff; /* offset in the file, bytes */
	uint64_t size;  /* end - start */
	uint64_t pagesize;
};

/* The bytes of a mapping the kernel's core holds under coredump_filter bits `filter` (its
 * vma_dump_size): 0, size, pagesize (an ELF file's first page), or GC_DUMP_MAYBE_ELFHDR when
 * that page is held only if it starts with an ELF header. Pure. */
uint64_t gc_dump_size(const struct gc_facts *f, unsigned long filter);

/* The mappings of process p in address order, each with its dump size under its
 * /proc/PID/coredump_filter, cdbg's scratch areas left out. 0, or a failure recorded. */
int gc_maps_read(cdbg_proc *p, struct gc_map **maps, size_t *n);
void gc_maps_free(struct gc_map *maps, size_t n);
/* The whole of a /proc file, NUL-terminated, in *out (free it): its length, or -errno. */
ssize_t gc_slurp(const char *path, char **out);

#endif /* CDBG_GCORE_H */
