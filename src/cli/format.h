/*
 * format.h - how the CLI shows values, in gdb's shapes: print's output formats (/x /d /u /o /t
 * /c /a /z /f and the natural one), char and string literals read from the tracee, flag
 * registers ([ PF ZF IF ]), x87 and vector registers.
 *
 * Owns: choosing how a value is shown; the characters come from libcdbg's cdbg_format_*.
 * Must not: evaluate expressions, keep state, or touch the tracee other than reading the bytes
 * of a string it is asked to show.
 */
#ifndef CDBG_CLI_FORMAT_H
#define CDBG_CLI_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* Is fmt a letter print and x know (x d u o t c a z f s i)? */
bool fmt_is_letter(char fmt);

/* One integer of size bytes in format fmt (see fmt_is_letter; 0 or 's': natural, signed or
 * unsigned decimal). pad: zero-pad /x and /t to the size, as x does (/z always pads). */
void fmt_int(struct cli *c, FILE *f, uint64_t bits, unsigned size, bool is_signed, char fmt,
	     bool pad);

/* "97 'a'": a char-typed value (the literal escaped by cdbg_format_chars). */
void fmt_char(FILE *f, uint64_t bits, bool is_signed);

/* The string at addr in the tracee as gdb shows char *: "abc", 'b' <repeats 37 times>, "cd";
 * "..." after it when no NUL came within `print elements` characters (x/s goes on from there);
 * <error: Cannot access memory at
 * address 0x...> when not even the first byte is readable. *next (may be NULL) gets the
 * address after the string and its NUL (addr itself when unreadable). Returns 0, or -1 when
 * nothing could be read. */
int fmt_string(struct cli *c, FILE *f, uint64_t addr, uint64_t *next);

/* A flags register as gdb shows it: "[ PF ZF IF ]" ("[ ]" when no named bit is set). */
void fmt_eflags(FILE *f, uint64_t v);
void fmt_mxcsr(FILE *f, uint64_t v);

/* A value as print shows it: natural format when fmt is 0 or 's' ($rip as "(void (*)())
 * 0x401136 <main+4>", $sp as "(void *) 0x7ffe...", $eflags as flags, pointers as "(int *)
 * 0x404020 <glob>", char * with its string, chars as "97 'a'", _Bool as true/false, a void
 * value as "void"), else as /FMT shows it (fmt a letter fmt_is_letter accepts, not 'i'). */
void fmt_value(struct cli *c, FILE *f, const struct cdbg_value *v, char fmt);
/* A value of the program's own type (v->dtype set) as text (cdbg_value_format; flags
 * CDBG_FMT_TOP for a whole printed value): malloc'ed, or NULL with cdbg_errmsg set. */
char *fmt_typed(struct cli *c, const struct cdbg_value *v, char fmt, unsigned flags);

/* One printf argument, evaluated: its bits and signedness; for %s the string (NULL: a null
 * pointer, printed as "(null)"). */
struct fmt_arg {
	uint64_t bits;
	bool is_signed;
	char *str;
};
/* Check printf's format string (escapes already done) as gdb does (cdbg_format_printf_check): fills convs[i] with the
 * letter of the i-th conversion (at most max) and returns their count, or -1 with gdb's
 * message in err ("Unrecognized format specifier 'y' in printf"). */
int fmt_printf_parse(const char *fmt, char *convs, int max, char *err, size_t errlen);
/* fmt with args, one per conversion (cdbg_format_printf): %d %i take int (l, ll, z: 64 bits; h: short), %u %o
 * %x %X likewise unsigned, %c a char, %p "0x..." or "(nil)", %s a string, %e %f %g %a a
 * double converted from the integer. */
void fmt_printf(FILE *out, const char *fmt, const struct fmt_arg *args);

/* A vector register's bytes (16: xmm, 32: ymm) as gdb's union of lanes, in hex, one line:
 * {v8_bfloat16 = {...}, ..., v2_int64 = {0x0, 0x0}, uint128 = 0x0}. */
void fmt_vector(FILE *f, const unsigned char *b, unsigned size);
/* A vector register's bytes b (size 16 or 32) as `print $xmm0` shows them: each view's lanes
 * as numbers ({v8_bfloat16 = {0, 1.5, ...}, v4_float = ..., uint128 = 5}); only the view
 * named field (v4_int32) when field is not NULL, and only its lane idx when idx >= 0.
 * Returns 0, or -1 (nothing printed) when field or idx names nothing. */
int fmt_vector_values(FILE *f, const unsigned char *b, unsigned size, const char *field, int idx);
/* An instruction as gdb's disassembler shows it: "mov    %rax,%rsi", "call   0x401030
 * <puts@plt>", "lea    0x2eef(%rip),%rax        # 0x404020 <glob>" (cdbg_insn_format). */
void fmt_insn(struct cli *c, FILE *f, const struct cdbg_insn *in);
/* An x87 register's 10 bytes as its value ("0", "3.14159265358979323851"). */
void fmt_x87(FILE *f, const unsigned char *b);

#endif
