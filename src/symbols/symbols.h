/*
 * symbols.h - what the files of src/symbols/ share: the lazily built libdwfl session of a
 * handle (struct sym_state), per-module extras (name and address indexes, line tables), and
 * the helpers between modules.c, symtab.c, linetab.c, lines.c, threads.c and unwind.c.
 *
 * Owns: nothing outside src/symbols/. Must not: make ptrace or waitpid calls (memory goes
 * through mem_read_quiet, registers through loop_regs_fetch), print, or exit. Everything here is read
 * on demand: modules from /proc/PID/maps at the first lookup, a module's ELF, symbol table,
 * name index and DWARF only when a lookup reaches that module.
 */
#ifndef CDBG_SYMBOLS_H
#define CDBG_SYMBOLS_H

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr/macroexp.h"
#include "target/target.h"

/* Names of a module's symbol table, hashed on first lookup by name: name -> symbol indexes.
 * A name is hashed without its "@VERSION" suffix. */
struct sym_index {
	uint32_t nbuckets; /* power of two, 0 until built */
	uint32_t *heads;   /* bucket -> first entry + 1, 0 when empty */
	uint32_t *next;    /* entry -> next entry + 1 in its bucket */
	uint32_t *ndx;     /* entry -> symbol index for dwfl_module_getsym_info */
	uint32_t count;    /* entries */
	bool built;        /* the table has been read (it may be empty) */
};

/* One demangled name (or "::" suffix of one) in a module's C++ index (cxxnames.c). */
struct sym_dent {
	uint32_t next;   /* next entry + 1 in its bucket */
	uint32_t ndx;    /* symbol index for dwfl_module_getsym_info */
	uint32_t name;   /* offset of the whole demangled name in sym_dindex.text */
	uint32_t key;    /* the hashed key starts this far into that name */
	uint32_t keylen; /* and is this long (no parameters, no return type) */
	bool stripped;   /* the key without its template arguments ("twice" for "twice<int>"):
			  * only lookups of every match (sym_cxx_all) see it, as gdb's linespecs */
};
/* Functions that are inlined somewhere, by their DWARF names (lines.c's sym_inl_*): the
 * abstract instances (DW_AT_inline) of a module's units, qualified by their namespaces and
 * classes ("geo::sq"). Built by the first `break FUNC` that finds no symbol FUNC in the module,
 * so that a function that exists only as inlined copies still gets its locations. */
struct sym_inl {
	char *name;    /* qualified name, malloc'ed */
	Dwarf_Off off; /* its abstract instance's DIE */
};
struct sym_inl_index {
	struct sym_inl *e;
	size_t n;
	bool built;
};
struct sym_dindex {
	uint32_t nbuckets; /* power of two, 0 when empty */
	uint32_t *heads;   /* bucket -> first entry + 1 */
	struct sym_dent *e;
	uint32_t count;
	char *text; /* the demangled names, NUL-terminated one after another */
	size_t textlen;
	bool built;               /* the symbol table has been scanned for "_Z" names */
	struct sym_inl_index inl; /* freed with it (sym_dindex_free) */
};

/* One entry of a line table as gdb keeps it (see linetab.c). */
struct sym_lentry {
	uint64_t pc; /* file address (add the module's bias for the process's) */
	int line;    /* 0: the end of a run of code of this file */
	int column;
	unsigned sub;      /* subfile: index into sym_ltable.name */
	bool stmt;         /* is_stmt */
	bool prologue_end; /* the compiler's prologue_end flag */
};

/* One DWARF line row as linetab.c replays it (from libdw, or from a test's table). */
struct sym_lrow {
	uint64_t addr; /* file address */
	int line, column;
	unsigned disc;     /* discriminator */
	size_t file;       /* index into the unit's file table, SIZE_MAX: none */
	bool stmt;         /* is_stmt */
	bool end_seq;      /* end_sequence: addr is the first address after the sequence */
	bool prologue_end; /* prologue_end */
};

/* A compilation unit's line table split by source file, as gdb's symtabs hold it. */
struct sym_ltable {
	Dwarf_Off cu;         /* offset of the CU's DIE */
	struct sym_lentry *e; /* group after group; each group sorted by pc */
	size_t n;
	size_t *start;     /* group g is e[start[g]] .. e[start[g + 1]] */
	unsigned *sub_of;  /* group g holds subfile sub_of[g] */
	size_t ngroups;    /* in gdb's search order: the CU's primary file first */
	const char **name; /* subfile -> file name (full path, owned by libdw) */
	size_t nsub;
	signed char locs_valid; /* lines.c's locations_valid() of the CU, -1 until known */
};

/* A module's symbols sorted by address, built on the first lookup by address that reaches
 * it (libdwfl's dwfl_module_addrinfo scans the whole table at each call). */
struct sym_addrent {
	uint64_t addr; /* process address */
	uint64_t size;
	uint32_t ndx;  /* symbol index for dwfl_module_getsym_info */
	uint32_t pref; /* among symbols at one address, lower is preferred */
};
struct sym_addrix {
	struct sym_addrent *e;
	size_t n;
	uint64_t max_size; /* the largest size: bounds the backward search */
	bool built;
};

/* What we keep per libdwfl module (hung on the module's userdata slot). */
struct sym_mod {
	struct sym_state *s;       /* back to the session, for the find_elf callback */
	unsigned gen;              /* report generation in which the module first appeared */
	struct sym_index names;    /* built by the first lookup by name that reaches it */
	struct sym_dindex dnames;  /* demangled C++ names: built by the first lookup by name that
				   * misses every plain index */
	struct sym_addrix addrs;   /* built by the first lookup by address that reaches it */
	void *image;               /* vDSO: its bytes, copied out of the process (elf_memory) */
	struct sym_ltable **ltabs; /* line tables built so far, sorted by CU offset */
	size_t nltabs;
	struct sym_curange *cur; /* CU address ranges, built only for DWARF without .debug_aranges */
	size_t ncur;
	bool cur_built;
	struct sym_mtab **mtabs; /* macro tables read so far (macros.c) */
	size_t nmtabs;
};

/* An address range of a compilation unit (file addresses). */
struct sym_curange {
	uint64_t lo, hi;
	Dwarf_Off cu; /* offset of the CU's DIE */
};

typedef bool (*sym_dummy_fn)(cdbg_proc *p, pid_t tid, uint64_t pc, int nth, struct arch_gpr *regs);
struct sym_state {
	cdbg_proc *p;               /* the handle (for memory reads in callbacks) */
	pid_t pid;                  /* process the session describes; another pid resets it */
	enum cdbg_target_kind kind; /* what it describes: a process, a core, or the program's
				     * file alone (one module at the file's addresses) */
	Dwfl *dwfl;                 /* NULL until the first lookup */
	Dwfl_Callbacks cb;          /* find_elf (ours), standard debuginfo search */
	char *debuginfo_path;       /* NULL: libdwfl's default ":.debug:/usr/lib/debug" */
	unsigned gen;               /* bumped when a report of /proc/PID/maps finds new modules */
	uint64_t epoch;             /* bumped when a module is freed, a session ends or begins:
				   * anything holding DIEs or modules of an older epoch drops them
				   * (sym_epoch) */
	char exe[4096];             /* /proc/PID/exe: that module is searched first */
	bool attached;              /* dwfl_attach_state done (threads.c) */
	void **retired;             /* vDSO images of removed modules, freed with the session */
	size_t n_retired;
	sym_dummy_fn dummy;             /* ops' dummy frames (sym_dummy_hook), NULL: none */
	const struct arch_gpr *initial; /* a walk past a dummy frame starts from these */
};

/* unwind.c */
/* Calls stopped inside (ops/call.c) tell the unwinder of their dummy frames: fn says whether
 * pc, the nth dummy frame a walk of thread tid meets (0: the innermost), is the return of one,
 * and gives the registers the thread had before that call; the walk goes on from them. */
int sym_dummy_hook(cdbg_proc *p, sym_dummy_fn fn);
/* Is pc, a frame of thread tid's walk (a caller's when !activation), the nth dummy frame of
 * the walk? *regs then gets the registers the walk goes on from. */
bool sym_at_dummy(cdbg_proc *p, pid_t tid, uint64_t pc, bool activation, int nth,
		  struct arch_gpr *regs);
/* dwfl_getthread_frames through dummy frames: fn sees each frame of thread tid, a dummy
 * frame's (a call stopped inside) too, then the frames of the thread before that call. */
int sym_getthread_frames(cdbg_proc *p, Dwfl *dwfl, pid_t tid, int (*fn)(Dwfl_Frame *, void *),
			 void *arg);
/* dwfl_getthread_frames from registers initial (NULL: the thread's own). */
int sym_walk_frames(cdbg_proc *p, Dwfl *dwfl, pid_t tid, const struct arch_gpr *initial,
		    int (*fn)(Dwfl_Frame *, void *), void *arg);

/* modules.c */
/* The symbol epoch of p: while it stays the same, every module (and so every Dwarf_Die and
 * Dwfl_Module *) seen under it is alive. A cache that keeps DIEs or modules across calls
 * records it and empties itself when it moved on (types.c). */
uint64_t sym_epoch(cdbg_proc *p);
/* The session of p with modules reported, created on first use. NULL with the failure
 * recorded (no process, /proc unreadable, out of memory). `what` names the caller's action
 * for messages ("look up symbol 'x'"). */
struct sym_state *sym_session(cdbg_proc *p, const char *what);
/* Read /proc/PID/maps again (libraries loaded or unloaded since). Modules still mapped at the
 * same place keep everything already read; s->gen moves on when new ones appear. Returns 0 or
 * the failure. */
int sym_rereport(cdbg_proc *p, struct sym_state *s, const char *what);
/* The modules, the executable first, then by start address: a malloc'ed array of *count
 * (NULL when there are none, or out of memory with *count 0). */
Dwfl_Module **sym_modules_sorted(struct sym_state *s, size_t *count);
/* Calls fn with each unit's DIE of dw until it returns true; true then. */
bool sym_each_cu(Dwarf *dw, bool (*fn)(Dwarf_Die *cu, void *arg), void *arg);
/* Our per-module extras (never NULL for a reported module). */
struct sym_mod *sym_mod_of(Dwfl_Module *mod);
/* The module's file as /proc/PID/maps names it; "[vdso]" for the vDSO. */
const char *sym_mod_path(Dwfl_Module *mod);
/* The module containing addr, re-reading the maps once when none does. NULL when none. */
Dwfl_Module *sym_addr_module(cdbg_proc *p, struct sym_state *s, uint64_t addr);
/* Check the handle can do symbol lookups: owner thread, and a process, a core or the
 * program's file (cdbg_file_open) held. */
int sym_check(cdbg_proc *p, const char *what);
/* Is there anything to read symbols and memory from: a process, a core, or the program's
 * file? */
bool sym_readable(const cdbg_proc *p);
/* libdwfl's last error as text, for messages. */
const char *sym_dwfl_error(void);

/* symtab.c */
void sym_index_free(struct sym_index *ix);
void sym_addrix_free(struct sym_addrix *ix);
/* The best symbol named name (functions only when funcs_only), the executable first.
 * Returns 0 with *sym filled, or CDBG_ENOSYM (no message recorded). */
int sym_lookup_name(cdbg_proc *p, struct sym_state *s, const char *name, bool funcs_only,
		    struct cdbg_symbol *sym);
/* Called for each function symbol (symbol index ndx of mod) a lookup of every match finds:
 * 0, or -ENOMEM to stop it. */
typedef int (*sym_func_fn)(void *arg, Dwfl_Module *mod, int ndx);
/* Every function symbol named spec, in every module ("lib.so:name" in that one): by the
 * symbol tables' names (a versioned or Go ".abi0" one only where the plain name is not in
 * the module), or, when none has that name, by the demangled names of C++ functions
 * (sym_cxx_all). fn for each; returns how many, CDBG_ENOSYM (no message recorded), or a
 * failure. */
int sym_lookup_funcs(cdbg_proc *p, struct sym_state *s, const char *spec, sym_func_fn fn,
		     void *arg);
/* Split "libc.so.6:malloc" into a module part (into mod, "" if none) and the name returned;
 * a C++ "a::b" is one name. */
const char *sym_split_module(const char *spec, char *mod, size_t len);
/* Demangle a C++ name into buf when a demangler is available; else copy it. Returns the
 * length of the whole text (as snprintf). */
int sym_demangle(const char *name, char *buf, size_t len);
/* The whole name (module false) or module path (true) of the symbol sym describes, its text
 * fields perhaps cut (name_cut, module_cut): malloc'ed, NULL when it is not there any more. */
char *sym_whole_text(cdbg_proc *p, const struct cdbg_symbol *sym, bool module);
/* How good a match symbol sym (named name, len its length without version suffix) is for a
 * lookup: lower is better, < 100 for functions, -1 when not acceptable. */
int sym_rank(const GElf_Sym *sym, const char *name, size_t len, bool funcs_only);

/* cxxnames.c */
void sym_dindex_free(struct sym_dindex *ix);
/* The best function of mod whose demangled name is query ("ns::C::f", "C::f(int)", "f"),
 * building the module's index first; its symbol index, -1 when none, -ENOMEM. *best_rank
 * gets its rank (sym_rank, plus 50 for a match of a "::" suffix only). */
int sym_cxx_find(Dwfl_Module *mod, struct sym_mod *m, const char *query, bool funcs_only,
		 int *best_rank);
/* Every function of mod whose demangled name matches query as gdb's linespecs match it:
 * "f", "C::f" (any function named so, in any namespace or class), "f(int)" (that parameter
 * list), "twice" (every instance of the template), "twice<int>". fn for each; returns how
 * many, or -ENOMEM. */
int sym_cxx_all(Dwfl_Module *mod, struct sym_mod *m, const char *query, sym_func_fn fn, void *arg);
/* lines.c: the index of inlined functions that sym_dindex_free frees with the dindex. */
void sym_inl_free(struct sym_inl_index *ix);
/* In demangled name d, where the qualified name starts (after a return type) and ends (at
 * the parameter list). False when d has no top-level parameter list. */
bool sym_cxx_base(const char *d, size_t *start, size_t *end);

/* linetab.c */
/* The gdb view of cu's line table, built on first use and kept with the module. NULL when the
 * unit has no line table (or out of memory). */
struct sym_ltable *sym_ltable(Dwfl_Module *mod, Dwarf_Die *cu);
void sym_ltables_free(struct sym_mod *m);
/* The builder without libdw (linetab.c's libdw code feeds it; tests/unit/test_linetab.c too):
 * t's entries, groups and group order (e, n, start, sub_of, ngroups) from rows in libdw's
 * order, file index i being subfile map[i] (i < nf) of nsub, primary the unit's primary
 * subfile (-1: none). 0 or -ENOMEM (t's arrays then to be freed by the caller). */
int sym_ltable_fill(struct sym_ltable *t, const struct sym_lrow *rows, size_t n,
		    const unsigned *map, size_t nf, size_t nsub, int primary);
/* gdb's find_pc_sect_line: the entry pc (a file address) belongs to, NULL when none (or on a
 * line-0 entry); *end (if end) gets where its range ends, 0 if unknown. */
const struct sym_lentry *sym_ltable_find(const struct sym_ltable *t, uint64_t pc, uint64_t *end);
/* The compilation unit of addr (a process address) and the module's bias: libdwfl's lookup
 * (.debug_aranges), else the units' own address ranges (Go writes no .debug_aranges). The
 * DIE may be stored in *buf. NULL when no unit covers addr. */
Dwarf_Die *sym_addr_cu(Dwfl_Module *mod, uint64_t addr, Dwarf_Addr *bias, Dwarf_Die *buf);
/* The group (index into start[]) holding entry e. */
size_t sym_ltable_group_of(const struct sym_ltable *t, const struct sym_lentry *e);

/* linerows.c */
/* The whole file name of line ln (file_cut: the row's table has it): malloc'ed, NULL when
 * it is not there any more (or out of memory). */
char *sym_line_file(cdbg_proc *p, const struct cdbg_line *ln);

/* symbols/ARCH/prologue.c (ARCH: CDBG_ARCH): the length of the frame set-up instructions at the start of code
 * (for x86-64 "[endbr64] push %rbp; mov %rsp,%rbp"), 0 when the code sets up no frame pointer
 * (gdb then leaves a breakpoint on the function's first instruction). */
unsigned sym_arch_frame_setup_len(const unsigned char *code, size_t len);
#define SYM_ARCH_PROLOGUE_MAX 16
/* The DWARF number of the stack pointer. */
unsigned sym_arch_dwarf_sp(void);
/* Where a function leaves a returned value of size bytes (is_float: a float or double): the
 * DWARF register *dwreg holds it, or with *indirect the value's address. false when the value
 * is not in one register (long double, a value split over two). */
bool sym_arch_return_loc(bool is_float, uint64_t size, unsigned *dwreg, bool *indirect);

/* unwind.c */
/* Frame f at pc, named by the symbol and line lookups (a caller's pc is a return address:
 * looked up one byte back). */
void sym_fill_frame(cdbg_proc *p, struct cdbg_frame *f, uint64_t pc, bool is_caller);
/* The address f's names were looked up at (its pc, one byte back for a caller). */
uint64_t sym_frame_lookup_pc(const struct cdbg_frame *f);
/* The whole name a frame shows for symbol s (cdbg_func_name of its whole name): malloc'ed,
 * NULL when it cannot be found again (or out of memory). */
char *sym_frame_func(cdbg_proc *p, const struct cdbg_symbol *s);

/* threads.c */
/* The session's Dwfl with modules reported and thread state attached through our callbacks
 * (threads from our table, registers through loop_regs_fetch, memory through mem_read_quiet),
 * for unwinding with dwfl_getthread_frames. NULL with the failure recorded. */
Dwfl *sym_dwfl(cdbg_proc *p);

/* solib.c, CDBG__HOOK_LIBRARIES: the dynamic linker reported a change: list the modules again
 * if a session exists. */
void sym_libraries_changed(cdbg_proc *p, void *data);

/* cuinfo.c: is addr in source file FILE as gdb's `break FILE:FUNC` takes it: the file of its
 * line, or its unit's name, is FILE or ends with "/FILE"? */
/* Is pc in the kernel's signal return trampoline (arch_is_sigtramp on the memory there)? */
bool sym_pc_is_sigtramp(cdbg_proc *p, uint64_t pc);
/* Is unit cu C++ (any DW_LANG_C_plus_plus*)? */
bool sym_lang_cplus(Dwarf_Die *cu);
bool sym_addr_in_file(cdbg_proc *p, uint64_t addr, const char *file);

/* unwind.c: where `step` into the function at entry stops (past its prologue, as
 * cdbg_func_break_addr); entry itself when that is not a function's start. */
uint64_t sym_func_body(cdbg_proc *p, uint64_t entry);

/* ---------------------------------------------------------------- macros (macros.c) */

struct sym_mtab;
/* One file of a unit's #include tree: node 0 is the unit's main file. */
struct sym_mnode {
	char *file;        /* full path */
	int parent;        /* the file that includes it, -1 for the main file */
	int at_line;       /* at this line of parent */
	size_t first, end; /* its events: [first, end) of the table's */
};
/* Where a definition is: a node of the table and a line of that file (0: the command line,
 * -1: gdb's special __FILE__ and __LINE__). */
struct sym_mloc {
	int node, line;
};
/* A position in a unit's macros: which are in scope there. */
struct sym_mscope {
	const struct sym_mtab *t;
	int node, line;     /* line -1: the file is not in the table (nothing is in scope) */
	size_t pos;         /* the table's first event after the position */
	struct mx_def spec; /* __FILE__ or __LINE__, made by the last lookup of one */
	char spec_name[16], spec_body[1100];
};
/* The scope of the unit and line of pc, or of line of file (the first unit whose macros name
 * it; line 0: at that unit's lowest address, as gdb's expressions see it without a frame);
 * 0, or -1 when there are no macros there. */
int sym_macro_scope_pc(cdbg_proc *p, uint64_t pc, struct sym_mscope *sc);
int sym_macro_scope_file(cdbg_proc *p, const char *file, int line, struct sym_mscope *sc);
/* The definition of name[0..len) in scope (and where it is, when loc), or NULL. */
const struct mx_def *sym_macro_lookup(struct sym_mscope *sc, const char *name, size_t len,
				      struct sym_mloc *loc);
/* fn for each definition in scope by name (name NULL), or for every definition of name in
 * the unit, in source order; fn returns nonzero to stop. Returns how many fn saw. */
typedef int (*sym_macro_fn)(void *arg, const struct mx_def *d, struct sym_mloc loc);
int sym_macro_each(struct sym_mscope *sc, const char *name, sym_macro_fn fn, void *arg);
/* The file of node, the node that includes it (-1: none) and at which line. */
const char *sym_macro_file(const struct sym_mscope *sc, int node, int *parent, int *at_line);
void sym_mtabs_free(struct sym_mod *m);

#endif /* CDBG_SYMBOLS_H */
