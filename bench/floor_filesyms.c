/*
 * floor_filesyms: the floor of bench/filesyms, the least work that answers "where is main?"
 * from the file alone: open the ELF with libelf, find .symtab (or .dynsym when stripped), walk
 * it for the symbol's name, print "NAME 0xVALUE SIZE". No DWARF, no line table: a debugger
 * has to do more (the line after the prologue), so nothing it does can be faster.
 *
 * Owns: nothing but its one lookup. Must not: read more of the file than the symbol table.
 *
 * Usage: floor_filesyms PROG SYMBOL   exit 0 when found, 1 when not, 2 on bad input
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int find(Elf *e, Elf64_Word type, const char *want)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != type || !sh.sh_entsize)
			continue;
		if (!(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *name;

			if (!gelf_getsym(d, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC)
				continue;
			name = elf_strptr(e, sh.sh_link, s.st_name);
			if (name && !strcmp(name, want)) {
				printf("%s 0x%llx %llu\n", name, (unsigned long long)s.st_value,
				       (unsigned long long)s.st_size);
				return 0;
			}
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	Elf *e;
	int fd, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: floor_filesyms PROG SYMBOL\n");
		return 2;
	}
	elf_version(EV_CURRENT);
	if ((fd = open(argv[1], O_RDONLY)) < 0 || !(e = elf_begin(fd, ELF_C_READ_MMAP, NULL))) {
		fprintf(stderr, "floor_filesyms: cannot read %s\n", argv[1]);
		return 2;
	}
	rc = find(e, SHT_SYMTAB, argv[2]) == 0 || find(e, SHT_DYNSYM, argv[2]) == 0 ? 0 : 1;
	if (rc)
		fprintf(stderr, "floor_filesyms: no function %s in %s\n", argv[2], argv[1]);
	elf_end(e);
	close(fd);
	return rc;
}
