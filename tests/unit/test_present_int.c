/*
 * test_present_int: integers in print's formats (src/present/rawtext.c, cdbg__text_int and
 * cdbg_format_int) without a tracee, table-driven. Every expected string is what gdb 13 prints
 * for a variable of that type, with address randomisation off: the members of a struct with every
 * integer size and signedness, `gdb -batch -ex 'p/x gi' ./ints` and /o /t /d /u /c /z (the typed
 * path, valfmt.c's flags), and plain integers as the CLI prints them, `p/t (short)-1` (the raw
 * path, cdbg_format_int's flags). Where cdbg and gdb 13 disagree today (/c of an unsigned member,
 * kept by CDBG__INT_C_SIGNED), the row holds cdbg's text and gdb's in a comment.
 * Proves: both paths share one formatter whose differences are the CDBG__INT_* flags; /x /o /t
 * without padding and /z with it; /d and /u reinterpret the low size bytes; /c of a char keeps its
 * sign unless CDBG__INT_C_SIGNED; /f of an integer as its bits unless CDBG__INT_F_DECIMAL; /a in
 * hex; CDBG_INT_PAD as x shows it; size 0 and sizes over 8; snprintf's contract.
 */
#include <errno.h>
#include <string.h>

#include "cdbg.h"
#include "harness.h"
#include "present/present.h"

#define S CDBG_INT_SIGNED
#define VAL (CDBG__INT_C_SIGNED | CDBG__INT_F_DECIMAL) /* how valfmt.c prints a member */

struct row {
	const char *what; /* the C type, or the expression gdb printed */
	uint64_t bits;
	unsigned size;
	unsigned flags;
	int fmt;
	const char *want;
};

/* Members of struct ints (gi) as `p/FMT gi` shows them: the typed path (flags | VAL). */
static const struct row typed[] = {
	{ "char", 0x41ull, 1, S, 'x', "0x41" },
	{ "char", 0x41ull, 1, S, 'o', "0101" },
	{ "char", 0x41ull, 1, S, 't', "1000001" },
	{ "char", 0x41ull, 1, S, 'd', "65" },
	{ "char", 0x41ull, 1, S, 'u', "65" },
	{ "char", 0x41ull, 1, S, 'z', "0x41" },
	{ "char", 0x41ull, 1, S, 'c', "65 'A'" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'x', "0xfb" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'o', "0373" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 't', "11111011" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'd', "-5" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'u', "251" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'z', "0xfb" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'c', "-5 '\\373'" },
	{ "unsigned char", 0xc8ull, 1, 0, 'x', "0xc8" },
	{ "unsigned char", 0xc8ull, 1, 0, 'o', "0310" },
	{ "unsigned char", 0xc8ull, 1, 0, 't', "11001000" },
	{ "unsigned char", 0xc8ull, 1, 0, 'd', "-56" },
	{ "unsigned char", 0xc8ull, 1, 0, 'u', "200" },
	{ "unsigned char", 0xc8ull, 1, 0, 'z', "0xc8" },
	{ "unsigned char", 0xc8ull, 1, 0, 'c', "-56 '\\310'" }, /* gdb: 200 '\\310' */
	{ "short", 0xfffffffffffffed4ull, 2, S, 'x', "0xfed4" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 'o', "0177324" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 't', "1111111011010100" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 'd', "-300" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 'u', "65236" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 'z', "0xfed4" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 'c', "-44 '\\324'" },
	{ "unsigned short", 0xfde8ull, 2, 0, 'x', "0xfde8" },
	{ "unsigned short", 0xfde8ull, 2, 0, 'o', "0176750" },
	{ "unsigned short", 0xfde8ull, 2, 0, 't', "1111110111101000" },
	{ "unsigned short", 0xfde8ull, 2, 0, 'd', "-536" },
	{ "unsigned short", 0xfde8ull, 2, 0, 'u', "65000" },
	{ "unsigned short", 0xfde8ull, 2, 0, 'z', "0xfde8" },
	{ "unsigned short", 0xfde8ull, 2, 0, 'c', "-24 '\\350'" }, /* gdb: 232 '\\350' */
	{ "int", 0xfffffffffffeee90ull, 4, S, 'x', "0xfffeee90" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 'o', "037777567220" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 't', "11111111111111101110111010010000" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 'd', "-70000" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 'u', "4294897296" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 'z', "0xfffeee90" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 'c', "-112 '\\220'" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 'x', "0xee6b2800" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 'o', "035632624000" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 't', "11101110011010110010100000000000" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 'd', "-294967296" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 'u', "4000000000" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 'z', "0xee6b2800" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 'c', "0 '\\000'" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 'x', "0xfffffffed5fa0e00" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 'o', "01777777777732576407000" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 't',
	  "1111111111111111111111111111111011010101111110100000111000000000" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 'd', "-5000000000" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 'u', "18446744068709551616" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 'z', "0xfffffffed5fa0e00" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 'c', "0 '\\000'" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 'x', "0xf9ccd8a1c5080000" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 'o', "01747146612070502000000" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 't',
	  "1111100111001100110110001010000111000101000010000000000000000000" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 'd', "-446744073709551616" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 'u', "18000000000000000000" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 'z', "0xf9ccd8a1c5080000" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 'c', "0 '\\000'" },
	{ "long long", 0xffffffffffffffffull, 8, S, 'x', "0xffffffffffffffff" },
	{ "long long", 0xffffffffffffffffull, 8, S, 'o', "01777777777777777777777" },
	{ "long long", 0xffffffffffffffffull, 8, S, 't',
	  "1111111111111111111111111111111111111111111111111111111111111111" },
	{ "long long", 0xffffffffffffffffull, 8, S, 'd', "-1" },
	{ "long long", 0xffffffffffffffffull, 8, S, 'u', "18446744073709551615" },
	{ "long long", 0xffffffffffffffffull, 8, S, 'z', "0xffffffffffffffff" },
	{ "long long", 0xffffffffffffffffull, 8, S, 'c', "-1 '\\377'" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 'x', "0x8000000000000000" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 'o', "01000000000000000000000" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 't',
	  "1000000000000000000000000000000000000000000000000000000000000000" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 'd', "-9223372036854775808" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 'u', "9223372036854775808" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 'z', "0x8000000000000000" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 'c', "0 '\\000'" },
	{ "bool", 0x1ull, 1, 0, 'x', "0x1" },
	{ "bool", 0x1ull, 1, 0, 'o', "01" },
	{ "bool", 0x1ull, 1, 0, 't', "1" },
	{ "bool", 0x1ull, 1, 0, 'd', "1" },
	{ "bool", 0x1ull, 1, 0, 'u', "1" },
	{ "bool", 0x1ull, 1, 0, 'z', "0x01" },
	{ "bool", 0x1ull, 1, 0, 'c', "1 '\\001'" },
	{ "enum color BLUE", 0x2ull, 4, 0, 'x', "0x2" },
	{ "enum color BLUE", 0x2ull, 4, 0, 'o', "02" },
	{ "enum color BLUE", 0x2ull, 4, 0, 't', "10" },
	{ "enum color BLUE", 0x2ull, 4, 0, 'd', "2" },
	{ "enum color BLUE", 0x2ull, 4, 0, 'u', "2" },
	{ "enum color BLUE", 0x2ull, 4, 0, 'z', "0x00000002" },
	{ "enum color BLUE", 0x2ull, 4, 0, 'c', "2 '\\002'" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 'x', "0xfffffffd" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 'o', "037777777775" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 't', "11111111111111111111111111111101" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 'd', "-3" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 'u', "4294967293" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 'z', "0xfffffffd" },
	{ "enum neg NA (-3)", 0xfffffffffffffffdull, 4, S, 'c', "-3 '\\375'" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 'x', "0xfffffffd" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 'o', "037777777775" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 't', "11111111111111111111111111111101" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 'd', "-3" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 'u', "4294967293" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 'z', "0xfffffffd" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 'c', "-3 '\\375'" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 'x', "0x11" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 'o', "021" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 't', "10001" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 'd', "17" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 'u', "17" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 'z', "0x00000011" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 'c', "17 '\\021'" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'x', "0x5" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'o', "05" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 't', "101" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'd', "5" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'u', "5" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'z', "0x05" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'c', "5 '\\005'" },
	{ "uint8_t", 0xfaull, 1, 0, 'x', "0xfa" },
	{ "uint8_t", 0xfaull, 1, 0, 'o', "0372" },
	{ "uint8_t", 0xfaull, 1, 0, 't', "11111010" },
	{ "uint8_t", 0xfaull, 1, 0, 'd', "-6" },
	{ "uint8_t", 0xfaull, 1, 0, 'u', "250" },
	{ "uint8_t", 0xfaull, 1, 0, 'z', "0xfa" },
	{ "uint8_t", 0xfaull, 1, 0, 'c', "-6 '\\372'" }, /* gdb: 250 '\\372' */
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'x', "0x80" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'o', "0200" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 't', "10000000" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'd', "-128" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'u', "128" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'z', "0x80" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'c', "-128 '\\200'" },
	{ "uint16_t", 0x9c40ull, 2, 0, 'x', "0x9c40" },
	{ "uint16_t", 0x9c40ull, 2, 0, 'o', "0116100" },
	{ "uint16_t", 0x9c40ull, 2, 0, 't', "1001110001000000" },
	{ "uint16_t", 0x9c40ull, 2, 0, 'd', "-25536" },
	{ "uint16_t", 0x9c40ull, 2, 0, 'u', "40000" },
	{ "uint16_t", 0x9c40ull, 2, 0, 'z', "0x9c40" },
	{ "uint16_t", 0x9c40ull, 2, 0, 'c', "64 '@'" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 'x', "0xfffffffffffffff7" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 'o', "01777777777777777777767" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 't',
	  "1111111111111111111111111111111111111111111111111111111111110111" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 'd', "-9" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 'u', "18446744073709551607" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 'z', "0xfffffffffffffff7" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 'c', "-9 '\\367'" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 'x', "0x555555558010" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 'o', "02525252525300020" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 't',
	  "10101010101010101010101010101011000000000010000" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 'd', "93824992247824" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 'u', "93824992247824" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 'z', "0x0000555555558010" },
	{ "int * (pointer to g)", 0x555555558010ull, 8, 0, 'c', "16 '\\020'" },
	{ "float 1.5 (raw bits)", 0x3fc00000ull, 4, 0, 'x', "0x3fc00000" },
	{ "float 1.5 (raw bits)", 0x3fc00000ull, 4, 0, 'o', "07760000000" },
	{ "float 1.5 (raw bits)", 0x3fc00000ull, 4, 0, 't', "111111110000000000000000000000" },
	{ "float 1.5 (raw bits)", 0x3fc00000ull, 4, 0, 'd', "1069547520" },
	{ "float 1.5 (raw bits)", 0x3fc00000ull, 4, 0, 'u', "1069547520" },
	{ "float 1.5 (raw bits)", 0x3fc00000ull, 4, 0, 'z', "0x3fc00000" },
	{ "double -2.25 (raw bits)", 0xc002000000000000ull, 8, 0, 'x', "0xc002000000000000" },
	{ "double -2.25 (raw bits)", 0xc002000000000000ull, 8, 0, 'o', "01400020000000000000000" },
	{ "double -2.25 (raw bits)", 0xc002000000000000ull, 8, 0, 't',
	  "1100000000000010000000000000000000000000000000000000000000000000" },
	{ "double -2.25 (raw bits)", 0xc002000000000000ull, 8, 0, 'd', "-4611123068473966592" },
	{ "double -2.25 (raw bits)", 0xc002000000000000ull, 8, 0, 'u', "13835621005235585024" },
	{ "double -2.25 (raw bits)", 0xc002000000000000ull, 8, 0, 'z', "0xc002000000000000" },
};

/* Scalars of struct ints in the natural format (p gi): chars with their literal (fmt 'c',
 * without VAL: a char keeps its sign), other integers decimal by sign. */
static const struct row natural[] = {
	{ "char", 0x41ull, 1, S, 'c', "65 'A'" },
	{ "signed char", 0xfffffffffffffffbull, 1, S, 'c', "-5 '\\373'" },
	{ "unsigned char", 0xc8ull, 1, 0, 'c', "200 '\\310'" },
	{ "short", 0xfffffffffffffed4ull, 2, S, 0, "-300" },
	{ "unsigned short", 0xfde8ull, 2, 0, 0, "65000" },
	{ "int", 0xfffffffffffeee90ull, 4, S, 0, "-70000" },
	{ "unsigned int", 0xee6b2800ull, 4, 0, 0, "4000000000" },
	{ "long", 0xfffffffed5fa0e00ull, 8, S, 0, "-5000000000" },
	{ "unsigned long", 0xf9ccd8a1c5080000ull, 8, 0, 0, "18000000000000000000" },
	{ "long long", 0xffffffffffffffffull, 8, S, 0, "-1" },
	{ "unsigned long long", 0x8000000000000000ull, 8, 0, 0, "9223372036854775808" },
	{ "int bf : 3", 0xfffffffffffffffdull, 4, S, 0, "-3" },
	{ "unsigned ubf : 5", 0x11ull, 4, 0, 0, "17" },
	{ "unsigned char ucb : 3", 0x5ull, 1, 0, 'c', "5 '\\005'" },
	{ "uint8_t", 0xfaull, 1, 0, 'c', "250 '\\372'" },
	{ "int8_t", 0xffffffffffffff80ull, 1, S, 'c', "-128 '\\200'" },
	{ "uint16_t", 0x9c40ull, 2, 0, 0, "40000" },
	{ "int64_t", 0xfffffffffffffff7ull, 8, S, 0, "-9" },
};

/* Plain integers as the CLI's print shows them (cdbg_format_int; a char in the natural format
 * with fmt 'c', as fmt_char asks; /a with size 8: the CLI shows the address as 64 bits, and the
 * symbol after it is cdbg_format_sym's). */
static const struct row plain[] = {
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'c', "200 '\\310'" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'x', "0xc8" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'o', "0310" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 't', "11001000" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'd', "-56" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'u', "200" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'c', "200 '\\310'" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'z', "0xc8" },
	{ "(unsigned char)200", 0xc8ull, 8, 0, 'a', "0xc8" },
	{ "(unsigned char)200", 0xc8ull, 1, 0, 'f', "200" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 0, "-1" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'x', "0xffff" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'o', "0177777" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 't', "1111111111111111" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'd', "-1" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'u', "65535" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'c', "-1 '\\377'" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'z', "0xffff" },
	{ "(short)-1", 0xffffffffffffffffull, 8, S, 'a', "0xffffffffffffffff" },
	{ "(short)-1", 0xffffffffffffffffull, 2, S, 'f', "-1" },
	{ "-1", 0xffffffffffffffffull, 4, S, 0, "-1" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'x', "0xffffffff" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'o', "037777777777" },
	{ "-1", 0xffffffffffffffffull, 4, S, 't', "11111111111111111111111111111111" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'd', "-1" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'u', "4294967295" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'c', "-1 '\\377'" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'z', "0xffffffff" },
	{ "-1", 0xffffffffffffffffull, 8, S, 'a', "0xffffffffffffffff" },
	{ "-1", 0xffffffffffffffffull, 4, S, 'f', "-nan(0x7fffff)" },
	{ "200", 0xc8ull, 4, S, 0, "200" },
	{ "200", 0xc8ull, 4, S, 'x', "0xc8" },
	{ "200", 0xc8ull, 4, S, 'o', "0310" },
	{ "200", 0xc8ull, 4, S, 't', "11001000" },
	{ "200", 0xc8ull, 4, S, 'd', "200" },
	{ "200", 0xc8ull, 4, S, 'u', "200" },
	{ "200", 0xc8ull, 4, S, 'c', "-56 '\\310'" },
	{ "200", 0xc8ull, 4, S, 'z', "0x000000c8" },
	{ "200", 0xc8ull, 8, S, 'a', "0xc8" },
	{ "200", 0xc8ull, 4, S, 'f', "2.80259693e-43" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'c', "-56 '\\310'" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'x', "0xc8" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'o', "0310" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 't', "11001000" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'd', "-56" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'u', "200" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'c', "-56 '\\310'" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'z', "0xc8" },
	{ "(char)200", 0xffffffffffffffc8ull, 8, S, 'a', "0xffffffffffffffc8" },
	{ "(char)200", 0xffffffffffffffc8ull, 1, S, 'f', "-56" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'c', "-56 '\\310'" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'x', "0xc8" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'o', "0310" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 't', "11001000" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'd', "-56" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'u', "200" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'c', "-56 '\\310'" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'z', "0xc8" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 8, S, 'a', "0xffffffffffffffc8" },
	{ "(signed char)200", 0xffffffffffffffc8ull, 1, S, 'f', "-56" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 0, "-69999" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'x', "0xfffeee91" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'o', "037777567221" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 't', "11111111111111101110111010010001" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'd', "-69999" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'u', "4294897297" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'c', "-111 '\\221'" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'z', "0xfffeee91" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 8, S, 'a', "0xfffffffffffeee91" },
	{ "gi.i+1", 0xfffffffffffeee91ull, 4, S, 'f', "-nan(0x7eee91)" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 0, "65535" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 'x', "0xffff" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 'o', "0177777" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 't', "1111111111111111" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 'd', "-1" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 'u', "65535" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 'z', "0xffff" },
	{ "(unsigned short)65535", 0xffffull, 8, 0, 'a', "0xffff" },
	{ "(unsigned short)65535", 0xffffull, 2, 0, 'f', "65535" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 0, "4294967295" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 'x', "0xffffffff" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 'o', "037777777777" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 't', "11111111111111111111111111111111" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 'd', "-1" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 'u', "4294967295" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 'z', "0xffffffff" },
	{ "(unsigned)-1", 0xffffffffull, 8, 0, 'a', "0xffffffff" },
	{ "(unsigned)-1", 0xffffffffull, 4, 0, 'f', "-nan(0x7fffff)" },
};

static void check(const struct row *r, unsigned extra, bool public)
{
	char out[128], cut[4];
	struct cdbg__text t = { out, sizeof(out), 0 };
	int n;

	out[0] = '\0';
	if (public) {
		n = cdbg_format_int(r->bits, r->size, r->fmt, r->flags | extra, out, sizeof(out));
	} else {
		cdbg__text_int(&t, r->bits, r->size, r->fmt, r->flags | extra);
		n = (int)t.len;
	}
	CHECK(n == (int)strlen(r->want) && !strcmp(out, r->want),
	      "%s %#llx size %u /%c: got %d [%s], want [%s]", r->what, (unsigned long long)r->bits,
	      r->size, r->fmt ? r->fmt : '0', n, out, r->want);
	if (public) { /* cut to 3 bytes: the same length, the start of the text */
		n = cdbg_format_int(r->bits, r->size, r->fmt, r->flags | extra, cut, sizeof(cut));
		CHECK(n == (int)strlen(r->want) && !strncmp(cut, r->want, 3) &&
			      strlen(cut) == (strlen(r->want) < 3 ? strlen(r->want) : 3),
		      "%s /%c cut: %d [%s]", r->what, r->fmt ? r->fmt : '0', n, cut);
	}
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_tables(void)
{
	for (size_t i = 0; i < N(typed); i++)
		check(&typed[i], VAL, false);
	for (size_t i = 0; i < N(natural); i++)
		check(&natural[i], 0, false);
	for (size_t i = 0; i < N(plain); i++)
		check(&plain[i], 0, true);
}

static void is(uint64_t bits, unsigned size, int fmt, unsigned flags, const char *want)
{
	struct row r = { "case", bits, size, flags, fmt, want };

	check(&r, 0, false);
}

/* Each flag alone: what it changes and what it leaves. */
static void test_flags(void)
{
	/* /c: an unsigned char keeps its value, unless CDBG__INT_C_SIGNED; wider is signed */
	is(200, 1, 'c', 0, "200 '\\310'");
	is(200, 1, 'c', CDBG__INT_C_SIGNED, "-56 '\\310'");
	is(200, 1, 'c', S, "-56 '\\310'");
	is(200, 4, 'c', 0, "-56 '\\310'");
	is(0x141, 4, 'c', 0, "65 'A'");
	/* /f: the bits as a float of that size, or the integer with CDBG__INT_F_DECIMAL */
	is(0x3fc00000, 4, 'f', 0, "1.5");
	is(0x3fc00000, 4, 'f', CDBG__INT_F_DECIMAL, "1069547520");
	is((uint64_t)-3, 4, 'f', S | CDBG__INT_F_DECIMAL, "-3");
	is(0x4004000000000000ull, 8, 'f', 0, "2.5");
	is(0x7ff8000000000000ull, 8, 'f', 0, "nan(0x8000000000000)");
	is(7, 2, 'f', 0, "7");
	/* CDBG_INT_PAD: x's /x and /t; /z pads without it; other formats ignore it */
	is(5, 2, 'x', CDBG_INT_PAD, "0x0005");
	is(5, 2, 't', CDBG_INT_PAD, "0000000000000101");
	is(5, 2, 'z', 0, "0x0005");
	is(5, 2, 'd', CDBG_INT_PAD, "5");
	is(5, 2, 'o', CDBG_INT_PAD, "05");
	/* /a: the low size bytes in hex, never padded */
	is(0x401136, 8, 'a', 0, "0x401136");
	is(0, 8, 'a', 0, "0x0");
	is(0x1ffff, 2, 'a', 0, "0xffff");
	/* any other letter: decimal by sign */
	is((uint64_t)-2, 4, 's', S, "-2");
	is((uint64_t)-2, 4, 'i', 0, "4294967294");
	/* sizes: 0 is the value 0, over 8 is 8 */
	is(0x1234, 0, 'x', 0, "0x0");
	is(0x1234, 0, 'd', S, "0");
	is(0x1234, 0, 't', 0, "0");
	is(0x8000000000000001ull, 16, 't', 0,
	   "1000000000000000000000000000000000000000000000000000000000000001");
	is(0x8000000000000001ull, 16, 'd', S, "-9223372036854775807");
	/* the public call refuses internal flags */
	{
		char out[16];

		CHECK_EQ(cdbg_format_int(1, 1, 'c', CDBG__INT_C_SIGNED, out, sizeof(out)), -EINVAL);
		CHECK_EQ(cdbg_format_int(1, 4, 'x', 0, NULL, 0), 3);
	}
}

int main(void)
{
	test_tables();
	test_flags();
	return h_pass();
}
