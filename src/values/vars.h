/*
 * vars.h - what the files of the variables piece share: program types handed out as dtype
 * handles (types.c), frames and variable lookup with DWARF locations (vars.c, location.c),
 * the one conversion to and from the public struct cdbg_value and the children of a value
 * (value.c), and value printing (present/valfmt.c).
 *
 * Owns: nothing outside these files. Must not: make ptrace or waitpid calls (registers come
 * from the loop's cache and libdwfl's unwinder over threads.c), print, or exit.
 */
#ifndef CDBG_VARS_H
#define CDBG_VARS_H

#include <stdio.h>

#include "expr/expr.h"
#include "symbols/symbols.h"

/* A type handed out as a dtype: a DWARF type DIE (die.addr NULL: void) under ptrs extra
 * levels of pointer that DWARF does not spell (&x of an int x is int + 1). */
struct vt_entry {
	Dwarf_Die die;
	unsigned ptrs;
	unsigned skip;  /* die an array: its first skip dimensions are indexed away
				 * (g[1] of int g[2][3] is die int [2][3] with skip 1: int [3]) */
	uint64_t count; /* not 0: an array the program never declared (gdb's x@N): count
			 * elements, each the type die, ptrs and skip describe */
	uint64_t inner; /* not 0 (with count): each of the count elements is itself such an
			 * array of inner of them (x@2@3, {{1, 2}, {3, 4}}) */
};

/* The scopes at one pc (dwarf_getscopes walks the unit's tree: a breakpoint condition that
 * names a variable would pay that at every hit). */
struct vscope {
	uint64_t pc; /* lookup pc; 0: empty slot */
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	Dwarf_Die cu;
	bool has_cu;
	Dwarf_Die *scopes; /* malloc'ed, owned here */
	int nscopes;
};
/* The handle's type table (values/types.c makes it), or NULL. */
#define VARS(p) ((struct vars_state *)*cdbg__layer((cdbg_proc *)(p), CDBG__LAYER_VARS))
#define VARS_SCOPE_CACHE 8
/* How deep types nest in names, ptype bodies and printed values before cdbg stops: only a
 * type that contains itself (not valid DWARF) goes that deep. */
#define VT_MAX_DEPTH 64

/* The types handed out for a handle and recent scopes; forgotten when a module may have gone
 * (sym_epoch moved on), as their DIEs point into the modules' data. */
#define VARS_NAMED_CACHE 32

struct vars_state {
	uint64_t epoch; /* sym_epoch the entries belong to */
	uint32_t base;  /* handles base + 1 .. base + n are e[0 .. n-1]; lower ones are
				* from before a reset and refused: a handle is never reused */
	struct vt_entry *e;
	size_t n, cap;
	struct vscope sc[VARS_SCOPE_CACHE]; /* scopes by pc, replaced round robin */
	unsigned sc_next;                   /* the slot replaced next */
	struct vt_named {                   /* types found by name (vt_lookup), round robin: */
		char name[64];              /* a lookup scans every unit's DIEs */
		int tag;                    /* DW_TAG_* asked for, 0: typedef or base type */
		Dwarf_Die die;              /* what was found; none (addr NULL) for a miss */
		bool miss;                  /* nothing has the name ... */
		unsigned gen;               /* ... among the modules of this sym_state.gen (a
					     * library loaded later may have it) */
	} named[VARS_NAMED_CACHE];
	unsigned named_next;
	char subject[128]; /* the name of the last unknown-name failure (cdbg_errsubject) */
	char subject_msg[CDBG_ERRMSG_MAX]; /* the sentence it came with */
	unsigned char *held; /* bytes the debugger holds (string literals): at VARS_HELD_BASE +
			      * offset, kept until the handle goes (not reset with the types) */
	size_t held_len, held_cap;
	/* While a watchpoint's expression is evaluated (ops/watchexpr.c): told of each read of
	 * a variable's or a bit-field's bytes. */
	void (*seen)(void *data, uint64_t addr, size_t len);
	void *seen_data;
	/* While vars_lookup searches every unit for a global (evaluated with no frame): the
	 * frame asked about, whose thread a thread-local global's address is computed in. */
	struct vframe *tls_frame;
};
/* Tell the handle's watcher (vars_state.seen) of a read of len bytes at addr. */
void vars_seen(cdbg_proc *p, uint64_t addr, size_t len);

/* Where the bytes the debugger holds appear to be: an x86-64 address no program can map (not
 * canonical), so a value held there is read by vars_read and never in the tracee. */
#define VARS_HELD_BASE CDBG_VALUE_HELD_BASE
#define VARS_HELD_MAX (1u << 20) /* most bytes held; identical strings are stored once */

/* types.c */
/* The handle's table (created when first needed); NULL when out of memory. */
struct vars_state *vt_state(cdbg_proc *p);
/* The handle of die (NULL: void) under ptrs pointers; 0 when out of memory. */
uint32_t vt_intern(cdbg_proc *p, Dwarf_Die *die, unsigned ptrs);
uint32_t vt_intern_skip(cdbg_proc *p, Dwarf_Die *die, unsigned ptrs, unsigned skip);
/* The artificial array of count (> 0) elements of type elem (gdb's x@N): 0 when out of
 * memory, when elem is stale or is itself such an array of pointers, of rows or of arrays
 * (x@2@3 nests, x@2@3@4 no further). */
uint32_t vt_intern_array(cdbg_proc *p, uint32_t elem, uint64_t count);
/* The dimensions of array type die: counts[i] for up to 8; returns how many. */
int vt_dims(Dwarf_Die *die, uint64_t *counts);
/* The entry behind dtype, NULL when stale or 0. */
const struct vt_entry *vt_get(cdbg_proc *p, uint32_t dtype);
/* die without typedefs and qualifiers into *out; false for void (no type). */
bool vt_peel(Dwarf_Die *die, Dwarf_Die *out);
/* The evaluator's view of a type (kind, size, sign; pointers to what). */
struct expr_type vt_view(cdbg_proc *p, uint32_t dtype);
/* The type of die's DW_AT_type (integrating abstract origins) into *out; false for void. */
bool vt_type_of(Dwarf_Die *die, Dwarf_Die *out);
/* Byte size of a DWARF type (die NULL: void, 1). */
uint64_t vt_size(Dwarf_Die *die);
/* The alignment of dtype's type in bytes (gdb's alignof; 1 for void or a stale handle). */
uint64_t vt_align(cdbg_proc *p, uint32_t dtype);
/* gdb's name of the type (e: NULL-die void), with declarator decl ("" for none). */
void vt_name(const struct vt_entry *e, const char *decl, char *buf, size_t len);
/* ptype (expand) or whatis of an entry into f. */
void vt_ptype(const struct vt_entry *e, bool expand, FILE *f);
/* Is m, a child of a class, a C++ static data member (a declaration; the object is elsewhere)? */
bool vt_is_static_member(Dwarf_Die *m);
/* What the program's type dtype is, for casts (EXPR_DOP_SHAPE). */
enum expr_shape vt_shape(cdbg_proc *p, uint32_t dtype);
/* Is die (typedefs peeled) a GNU vector, an array with DW_AT_GNU_vector? */
bool vt_is_vector(Dwarf_Die *die);
/* The env's answer to the evaluator's type questions (expr_env.dtype). */
int vt_dop(cdbg_proc *p, enum expr_dop op, const struct expr_value *v, const char *name,
	   struct expr_value *out, char *err, size_t errlen);
/* A type named by text ("struct point", "enum e", "point_t", "int", with '*'s) in the CUs of
 * the program: its handle, 0 when none. */
uint32_t vt_lookup(cdbg_proc *p, const char *text);
/* The function called name (a DWARF subprogram, as its type for ptype): 0 when none. */
uint32_t vt_lookup_func(cdbg_proc *p, const char *name);
/* DW_AT_name of die, following abstract origins and specifications; NULL when none. */
const char *vt_die_name(Dwarf_Die *die);
/* The cache slot for pc's scopes: *hit says whether it holds them already; NULL when out of
 * memory. A miss empties the slot for the caller to fill. */
struct vscope *vt_scope_slot(cdbg_proc *p, uint64_t pc, bool *hit);

/* A frame of a stopped thread: its pc and the registers unwinding recovered. */
struct vframe {
	cdbg_proc *p;
	pid_t tid;
	struct thread *t; /* the thread (its registers are fetched) */
	int level;
	uint64_t pc;        /* for callers, the return address */
	uint64_t lookup_pc; /* pc, or pc - 1 for callers: inside the call */
	uint64_t regs[17];  /* DWARF registers 0-16 */
	uint32_t regmask;   /* which of regs are known */
	bool have_cfa;
	uint64_t cfa;
	Dwfl_Module *mod; /* module of the pc, NULL when none */
	Dwarf_Addr bias;
	Dwarf_Die cu; /* its compilation unit, when has_cu */
	bool has_cu;
	Dwarf_Die *scopes; /* dwarf_getscopes at lookup_pc (innermost first), owned by the
				* scope cache of struct vars_state */
	int nscopes;
};

/* tls.c */
/* The address of the thread-local variable at offset in the TLS block of attr's module, in
 * f's thread: true with *addr; false when it is unavailable (no thread, a library's). */
bool vars_tls_address(cdbg_proc *p, struct vframe *f, Dwarf_Attribute *attr, uint64_t offset,
		      uint64_t *addr);

/* vars.c */
/* Frame level of tid: 0 with *f (release with vframe_close), or a failure recorded. */
int vframe_open(cdbg_proc *p, pid_t tid, int level, struct vframe *f);
/* Frame 0 of stopped thread t (the process need not be all-stopped): 0, or -1. */
int vframe_open_thread(cdbg_proc *p, struct thread *t, struct vframe *f);
void vframe_close(struct vframe *f);
/* Look name up from frame f (NULL: globals only) as gdb does: 0 with *out, -1 unknown. */
int vars_lookup(cdbg_proc *p, struct vframe *f, const char *name, struct expr_value *out);
/* Only in f's scopes: its blocks, its function's and its unit's names: 0 with *out, -1. */
int vars_lookup_scoped(cdbg_proc *p, struct vframe *f, const char *name, struct expr_value *out);
/* The value of variable die (of module mod with bias) in frame f (may be NULL) into *out. */
void vars_value(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func, Dwarf_Die *die,
		struct expr_value *out);

/* value.c: the one conversion between the evaluator's values and the public struct */
/* *v as the public value of e (p may be NULL when e has no dtype): flags, kind, type name
 * (the program's when dtype is known), the register a variable is kept in. Reads nothing. */
void vars_export(cdbg_proc *p, const struct expr_value *e, struct cdbg_value *v);
/* *out as the evaluator's view of public value v. */
void vars_import(cdbg_proc *p, const struct cdbg_value *v, struct expr_value *out);
/* Read the bits of lvalue e (a scalar of up to 8 bytes, not optimized out) from memory, as
 * the evaluator loads a variable: 0 (also when there is nothing to read), or -1 when the
 * memory at e->addr cannot be read. */
int vars_load(cdbg_proc *p, struct expr_value *e);
/* Keep len bytes in the debugger (a string literal): their address (see VARS_HELD_BASE), 0
 * when out of room. */
uint64_t vars_hold(cdbg_proc *p, const void *bytes, size_t len);
/* Is addr in the debugger's own bytes? */
static inline bool vars_held(uint64_t addr)
{
	return addr >= VARS_HELD_BASE && addr - VARS_HELD_BASE < VARS_HELD_MAX;
}
/* v's dtype, or for a string the debugger holds whose type table was reset since (a run),
 * its char [N] again. */
uint32_t vars_retype(cdbg_proc *p, const struct cdbg_value *v);
/* Read len bytes of a value at addr: the debugger's own (vars_hold) or the tracee's (int3s
 * hidden, nothing recorded). Returns the bytes read, as mem_read_quiet. */
ssize_t vars_read(cdbg_proc *p, uint64_t addr, void *buf, size_t len);
/* Fail with CDBG_ENONAME and msg, remembering name for cdbg_errsubject. Returns the code. */
int vars_fail_name(cdbg_proc *p, const char *name, const char *msg);

/* siginfo.c */
/* gdb's $_siginfo of thread t (stopped, or a core's) into *out: an lvalue the debugger holds,
 * of gdb's struct siginfo. 0, or a failure recorded ("Unable to read siginfo"). */
int vars_siginfo(cdbg_proc *p, struct thread *t, struct expr_value *out);
/* gdb's built-in C type called name as gcc names it ("char", "unsigned int", "long int",
 * "long double", "_Bool"): its handle, 0 when none or out of memory. */
uint32_t vars_builtin_type(cdbg_proc *p, const char *name);
/* The DIE of that built-in type into *out; false when there is none. */
bool vars_builtin_die(const char *name, Dwarf_Die *out);
/* char: the program's, else the built-in one (string literals, setting strings). */
uint32_t vars_char_type(cdbg_proc *p);

/* location.c */
enum loc_kind { LOC_MEM, LOC_REG, LOC_VALUE, LOC_BYTES, LOC_OPT };
struct loc {
	enum loc_kind kind;
	uint64_t v;                 /* LOC_MEM: address; LOC_REG: DWARF number; LOC_VALUE */
	const unsigned char *bytes; /* LOC_BYTES */
	size_t nbytes;
	unsigned char buf[256]; /* LOC_BYTES assembled from pieces: bytes points here (Go passes
				 * strings, slices, interfaces and small structs in registers) */
};
/* Evaluate a location expression in frame f (NULL: no registers); func is the subprogram
 * (for DW_OP_fbreg), attr the attribute it came from (for DW_OP_addrx). */
void loc_eval(cdbg_proc *p, struct vframe *f, Dwarf_Addr bias, Dwarf_Die *func,
	      Dwarf_Attribute *attr, const Dwarf_Op *ops, size_t n, struct loc *out);
/* A location written as a DWARF 2 block form (Go writes them in DWARF 4 units, where libdw
 * refuses them): its operations decoded into ops (max of them), for loc_eval. Returns how
 * many, 0 when a is no such block or holds an operation this does not know. */
size_t loc_block_ops(Dwarf_Attribute *a, Dwarf_Op *ops, size_t max);
/* Register regno (DWARF) of frame f: true with *v. */
bool loc_reg(cdbg_proc *p, struct vframe *f, unsigned regno, uint64_t *v);

/* valfmt.c */
/* Print v as gdb does into out (see cdbg_value_format_opts; o NULL: gdb's defaults). 0, or -1
 * with the message in err. */
int vf_print(cdbg_proc *p, const struct expr_value *v, int fmt, bool top,
	     const struct cdbg_print_opts *o, FILE *out, char *err, size_t errlen);
/* gotypes.c: a Go slice or string used as a value: its data pointer, read from the field
 * out (an lvalue) names; len(v) and cap(v) of Go's slices, strings, arrays, maps, channels.
 * 0, or -1 when v is none of Go's (-2 from vt_go_len: it is, but has no such length). */
int vt_go_decay(cdbg_proc *p, const struct expr_value *v, struct expr_value *out);
int vt_go_len(cdbg_proc *p, const struct expr_value *v, const char *name, struct expr_value *out,
	      char *err, size_t errlen);
/* m[k] of a Go map m (a string or integer key k in *io): 0 with *io the element, an lvalue;
 * -2 with delve's "key not found" in err when k is not in the map; -1 when m is no Go map. */
int vt_go_mapindex(cdbg_proc *p, const struct expr_value *m, struct expr_value *io, char *err,
		   size_t errlen);
/* Go's v[lo:hi] of a slice or string (EXPR_DOP_SLICE): out->bits is lo, out->bits_hi hi
 * (UINT64_MAX: len) on entry; the new header, held by the debugger, on return. 0; -1 with a
 * message (delve's "index out of bounds"), without one when v is neither. */
int vt_go_slice(cdbg_proc *p, const struct expr_value *v, struct expr_value *out, char *err,
		size_t errlen);
/* Go's v == "text" (EXPR_DOP_STRCMP): out->bits holds text's length on entry (text NULL: out
 * holds the other string), the order of v's bytes against text on return. 0; -1 with a message when v cannot be read, without one
 * when v is no Go string. */
int vt_go_strcmp(cdbg_proc *p, const struct expr_value *v, const char *text, struct expr_value *out,
		 char *err, size_t errlen);
/* The id of the goroutine a thread runs, from its fs_base (gdb's and delve's $_goid / the
 * goroutine's goid): 0 with *id (0 when it runs none), -1 when the program is not Go. */
int vt_go_goid(cdbg_proc *p, uint64_t fs_base, uint64_t *id);
/* The same and the top of that goroutine's stack (g.stack.hi; 0 if unknown): a frame's depth
 * below it survives the runtime copying the stack elsewhere when it grows. */
int vt_go_gstate(cdbg_proc *p, uint64_t fs_base, uint64_t *id, uint64_t *stack_hi);
/* The children of Go value v as a tree shows them: 1 for a slice (its len elements of type
 * *elem from *base), 2 for a string (none: a leaf), 0 when v is none of those. */
int vt_go_children(cdbg_proc *p, const struct expr_value *v, uint32_t *elem, uint64_t *base,
		   uint64_t *len);
/* valfmt_go.c: is die a type of a Go compilation unit? A value of it as delve shows it. */
bool vf_go_type(Dwarf_Die *die);
void vf_go(cdbg_proc *p, Dwarf_Die *type, const unsigned char *b, bool top, FILE *out);
/* A value without a program type (an integer, a C pointer) as print shows it. */
void vf_print_scalar(cdbg_proc *p, const struct cdbg_value *v, int fmt, bool top,
		     const struct cdbg_print_opts *o, FILE *out);

/* eval.c: program names and types for expressions evaluated in frame 0 of a stopped thread
 * (breakpoint conditions): the frame is read at the first name the expression uses. */
struct eval_dwarf {
	cdbg_proc *p;
	struct thread *t;
	struct vframe f;
	bool opened; /* f holds the frame */
	bool failed; /* the frame could not be read: only globals */
};
int eval_dwarf_ident(struct eval_dwarf *d, const char *name, struct expr_value *out);
int eval_dwarf_dtype(struct eval_dwarf *d, enum expr_dop op, const struct expr_value *v,
		     const char *name, struct expr_value *out, char *err, size_t errlen);
void eval_dwarf_done(struct eval_dwarf *d);

#endif
