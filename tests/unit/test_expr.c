/*
 * test_expr: the expression evaluator (src/expr/) against a fake environment: registers
 * rax=5, rdi=7, rsp=0x1000, ...; convenience variables and history; symbols; 256 bytes of
 * memory at 0x1000 (every other address fails to read). Proves: C precedence, conversions
 * and casts, literals, pointer arithmetic and dereference of every size, {type} addr,
 * short-circuit (no memory read on the untaken side), type names, and the exact text of
 * every error. Needs no tracee.
 */
#include <inttypes.h>
#include <string.h>

#include "expr/expr.h" /* internal: the library does not export it */
#include "expr/expr_charset.h"
#include "expr/expr_flt.h"
#include "harness.h"

#define MEM_BASE 0x1000
#define MEM_SIZE 256

struct fake {
	uint8_t mem[MEM_SIZE]; /* tracee memory at MEM_BASE */
	int reads;             /* read_mem calls so far */
};

static void put(struct fake *f, uint64_t addr, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		f->mem[addr - MEM_BASE + i] = (uint8_t)(v >> (8 * i));
}

static int fake_read(void *data, uint64_t addr, void *buf, size_t len)
{
	struct fake *f = data;

	f->reads++;
	if (addr < MEM_BASE || addr > MEM_BASE + MEM_SIZE || len > MEM_BASE + MEM_SIZE - addr)
		return -1;
	memcpy(buf, f->mem + (addr - MEM_BASE), len);
	return 0;
}

static const struct {
	const char *name;
	uint64_t bits;
	unsigned size;
	bool sgn;
	int ptr; /* 0: integer; 1: int *; 2: void * */
} dollars[] = {
	{ "rax", 5, 8, false, 0 },      { "rdi", 7, 8, false, 0 },
	{ "rsp", 0x1000, 8, false, 0 }, { "rsi", 0x1020, 8, false, 0 },
	{ "rdx", 0, 8, false, 0 },      { "eax", 5, 4, false, 0 },
	{ "al", 0xff, 1, false, 0 },    { "rip", 0x401136, 8, false, 0 },
	{ "_exitcode", 3, 4, true, 0 }, { "foo", (uint64_t)-4, 4, true, 0 },
	{ "1", 42, 4, true, 0 },        { "", 42, 4, true, 0 },
	{ "$", 41, 4, true, 0 },        { "$2", 40, 4, true, 0 },
	{ "ptr", 0x1010, 8, false, 1 }, { "vp", 0x1060, 8, false, 2 },
};

static int fake_dollar(void *data, const char *name, struct expr_value *out)
{
	if (!strcmp(name, "void"))
		return out->type.kind = EXPR_VOID, 0;
	for (size_t i = 0; i < sizeof(dollars) / sizeof(dollars[0]); i++) {
		if (strcmp(name, dollars[i].name))
			continue;
		out->type = expr_int_type(dollars[i].size, dollars[i].sgn);
		if (dollars[i].ptr)
			out->type = expr_ptr_type(dollars[i].ptr == 1 ?
							  expr_int_type(4, true) :
							  (struct expr_type){ .kind = EXPR_VOID });
		out->bits = dollars[i].bits;
		return 0;
	}
	return -1;
}

/* counter, hit: int variables at 0x1010, 0x1014; s: a char * at 0x1030; pp: a char ** at
 * 0x1020; regvar: a long in a register (99); main: a function (not in memory as a value);
 * bad: an int at an unreadable address; deep: a void pointer with 255 '*'; bogus: a type
 * the evaluator cannot use. */
static int fake_ident(void *data, const char *name, struct expr_value *out)
{
	struct expr_type i32 = expr_int_type(4, true), chr = expr_int_type(1, true);

	if (!strcmp(name, "counter") || !strcmp(name, "hit") || !strcmp(name, "bad")) {
		out->type = i32;
		out->lvalue = true;
		out->addr = name[0] == 'c' ? 0x1010 : name[0] == 'h' ? 0x1014 : 0x9999;
	} else if (!strcmp(name, "s") || !strcmp(name, "pp")) {
		out->type = expr_ptr_type(chr);
		if (name[0] == 'p')
			out->type = expr_ptr_type(out->type);
		out->lvalue = true;
		out->addr = name[0] == 's' ? 0x1030 : 0x1020;
	} else if (!strcmp(name, "deep")) {
		out->type = expr_ptr_type((struct expr_type){ .kind = EXPR_VOID });
		out->type.ptr_depth = 255;
		out->lvalue = true;
		out->addr = 0x1048;
	} else if (!strcmp(name, "bogus")) {
		out->type = expr_int_type(3, true);
	} else if (!strcmp(name, "dbl") || !strcmp(name, "flt")) {
		out->type = name[0] == 'd' ? expr_flt_type(8) : expr_flt_type(4);
		out->lvalue = true;
		out->addr = name[0] == 'd' ? 0x1070 : 0x1078;
	} else if (!strcmp(name, "regvar")) {
		out->type = expr_int_type(8, true);
		out->bits = 99;
	} else if (!strcmp(name, "main")) {
		out->type = expr_ptr_type((struct expr_type){ .kind = EXPR_VOID });
		out->bits = 0x401136;
	} else {
		return -1;
	}
	return 0;
}

/* The IEEE bits of d and f. */
static uint64_t dbits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static uint64_t fbits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static struct fake fake;
static const struct expr_env env = {
	.data = &fake, .dollar = fake_dollar, .ident = fake_ident, .read_mem = fake_read
};

static void setup(void)
{
	put(&fake, 0x1000, 0x11, 4); /* 0x1000 = $rsp: int 0x11 */
	put(&fake, 0x1004, 1234, 4); /* 0x1004: int 1234 */
	put(&fake, 0x1008, 5, 4);    /* 0x1008: int 5 (= *(int*)($rsp+8)) */
	put(&fake, 0x1010, 10, 4);   /* 0x1010: int[4] {10, 20, 30, -1} */
	put(&fake, 0x1014, 20, 4);
	put(&fake, 0x1018, 30, 4);
	put(&fake, 0x101c, 0xffffffff, 4);
	put(&fake, 0x1020, 0x1030, 8);     /* 0x1020: char ** -> 0x1030 */
	put(&fake, 0x1030, 0x1060, 8);     /* 0x1030: char * -> "hello" */
	put(&fake, 0x1040, 0xfffe, 2);     /* 0x1040: short -2 */
	put(&fake, 0x1048, UINT64_MAX, 8); /* 0x1048: all ones */
	put(&fake, 0x1050, 0x8899aabbccddeeffull, 8);
	memcpy(fake.mem + 0x60, "hello", 6); /* 0x1060: "hello" */
	put(&fake, 0x1070, dbits(2.5), 8);   /* 0x1070: double dbl = 2.5 */
	put(&fake, 0x1078, fbits(0.25f), 4); /* 0x1078: float flt = 0.25 */
}

/* Evaluate src; fail the test unless it works and gives bits. */
static struct expr_value ok(const char *src, uint64_t bits)
{
	struct expr_value v;
	char err[256];

	CHECK(expr_eval_string(src, &env, &v, err, sizeof(err)) == 0, "'%s': %s", src, err);
	CHECK(v.bits == bits,
	      "'%s' gave %#" PRIx64 " (%" PRId64 "), want %#" PRIx64 " (%" PRId64 ")", src, v.bits,
	      (int64_t)v.bits, bits, (int64_t)bits);
	return v;
}

/* ok(), and the result's type is named tname. */
static void ok_t(const char *src, uint64_t bits, const char *tname)
{
	struct expr_value v = ok(src, bits);
	char name[64];

	expr_type_name(&v.type, name, sizeof(name));
	CHECK(!strcmp(name, tname), "'%s' has type '%s', want '%s'", src, name, tname);
}

/* Compiling or evaluating src fails with exactly msg. */
static void bad(const char *src, const char *msg)
{
	struct expr_value v;
	char err[256] = "";

	CHECK(expr_eval_string(src, &env, &v, err, sizeof(err)) == -1, "'%s' worked (%#" PRIx64 ")",
	      src, v.bits);
	CHECK(!strcmp(err, msg), "'%s' failed with '%s', want '%s'", src, err, msg);
}

/* Compiling src fails (so a condition is refused when set, not at each stop) with msg. */
static void bad_compile(const char *src, const char *msg)
{
	struct expr *e = (struct expr *)&e;
	char err[256] = "";

	CHECK(expr_compile(src, &e, err, sizeof(err)) == -1, "'%s' compiled", src);
	CHECK(e == NULL, "'%s': *out not NULL on failure", src);
	CHECK(!strcmp(err, msg), "'%s' failed with '%s', want '%s'", src, err, msg);
}

static void test_precedence(void)
{
	ok("1+2*3 == 7", 1);
	ok("(1+2)*3", 9);
	ok("2*3+4", 10);
	ok("10-4-3", 3);
	ok("100/10/2", 5);
	ok("7%4", 3);
	ok("2 + 3 * 4 - 6 / 2 % 4", 11);
	ok("1 << 2+1", 8);
	ok("1+1 << 1", 4);
	ok("8 >> 1 >> 1", 2);
	ok("6&3", 2);
	ok("6^3", 5);
	ok("6|3", 7);
	ok("1|2^3&4", 3);
	ok("1 == 1 & 0", 0);
	ok("5 & 3 == 3", 1);
	ok("1 < 2 == 1", 1);
	ok("3 > 2 > 1", 0);
	ok("1 <= 1", 1);
	ok("2 >= 3", 0);
	ok("1 != 2", 1);
	ok("1 || 0 && 0", 1);
	ok("0 && 1 || 1", 1);
	ok("2 && 3", 1);
	ok("0 || 0", 0);
	ok("1 ? 2 : 3", 2);
	ok("0 ? 2 : 3", 3);
	ok("0 ? 1 : 0 ? 2 : 3", 3);
	ok("1 ? 0 ? 4 : 5 : 6", 5);
	ok("1 + 1 ? 7 : 8", 7);
	ok("-2*3", (uint64_t)-6);
	ok("- -3", 3);
	ok("+5", 5);
	ok("!0", 1);
	ok("!5", 0);
	ok("!1 + 1", 1);
	ok("~0", UINT64_MAX);
	ok_t("~0u", 0xffffffff, "unsigned int");
	ok("-~0", 1);
	ok("~-1", 0);
	ok("  ( ( 3 ) )\t\n", 3);
}

static void test_conversions(void)
{
	ok("-1 < 0u", 0); /* -1 becomes UINT_MAX */
	ok("-1 < 0", 1);
	ok("-1L < 0u", 1); /* long holds every unsigned int */
	ok("-1 < 0ul", 0);
	ok("-1 > 0u", 1);
	ok_t("1 + 1u", 2, "unsigned int");
	ok_t("1 + 1L", 2, "long");
	ok_t("1L + 1u", 2, "long");
	ok_t("1u + 1L", 2, "long");
	ok_t("1ul + 1L", 2, "unsigned long");
	ok_t("1ll + 1ul", 2, "unsigned long long");
	ok_t("(char)1 + (char)1", 2, "int");
	ok_t("(unsigned short)65535 + 1", 65536, "int");
	ok_t("(long long)1 + 1", 2, "long long");
	ok_t("1L + 1ll", 2, "long long");
	ok_t("0xffffffffffffffff", UINT64_MAX, "unsigned long");
	ok("0xffffffffffffffff == -1", 1);
	ok("0xffffffffffffffff > 0", 1);
	ok("(unsigned long)-1 / 2", INT64_MAX);
	ok("-1 / 2", 0);
	ok("-7 / 2", (uint64_t)-3);
	ok("-7 % 2", (uint64_t)-1);
	ok("7 % -2", 1);
	ok("-7u / 2", 0x7ffffffc);
	ok_t("-9223372036854775807L - 1", 0x8000000000000000ull, "long");
	ok("(-9223372036854775807L - 1) / -1", 0x8000000000000000ull);
	ok("(-9223372036854775807L - 1) % -1", 0);
	ok_t("(-2147483647 - 1) / -1", 0xffffffff80000000ull, "int");
	ok_t("0x7fffffff + 1", 0xffffffff80000000ull, "int");
	ok_t("0xffffffff + 1", 0, "unsigned int");
	ok_t("4294967295 + 1", 4294967296ull, "long");
	ok_t("1 << 31", 0xffffffff80000000ull, "int");
	ok("1 << 32", 0);
	ok_t("1L << 32", 0x100000000ull, "long");
	ok("1L << 64", 0);
	ok("-1 >> 1", UINT64_MAX);
	ok("-1 >> 40", UINT64_MAX);
	ok_t("0x80000000 >> 31", 1, "unsigned int");
	ok_t("(char)1 << 1L", 2, "int");
	ok("100000 * 100000", 1410065408); /* int wraps */
	ok("100000L * 100000", 10000000000ull);
}

static void test_literals(void)
{
	ok_t("0x10", 16, "int");
	ok_t("0X1f", 31, "int");
	ok("0xAB", 171);
	ok_t("010", 8, "int");
	ok_t("0", 0, "int");
	ok_t("0b101", 5, "int");
	ok_t("0B11", 3, "int");
	ok_t("2147483647", 2147483647, "int");
	ok_t("2147483648", 2147483648ull, "long");
	ok_t("0x80000000", 0x80000000ull, "unsigned int");
	ok_t("0xffffffff", 0xffffffffull, "unsigned int");
	ok_t("037777777777", 0xffffffffull, "unsigned int");
	ok_t("0x100000000", 0x100000000ull, "long");
	ok_t("9223372036854775807", INT64_MAX, "long");
	ok_t("9223372036854775808", 0x8000000000000000ull, "unsigned long");
	ok_t("18446744073709551615", UINT64_MAX, "unsigned long");
	ok_t("10u", 10, "unsigned int");
	ok_t("10U", 10, "unsigned int");
	ok_t("0x100000000u", 0x100000000ull, "unsigned long");
	ok_t("10l", 10, "long");
	ok_t("10ul", 10, "unsigned long");
	ok_t("10LU", 10, "unsigned long");
	ok_t("10ll", 10, "long long");
	ok_t("10ULL", 10, "unsigned long long");
	ok_t("10llu", 10, "unsigned long long");
	ok_t("0b1u", 1, "unsigned int");
	ok_t("'a'", 97, "char");
	ok_t("'a' + 1", 98, "int");
	ok("'\\n'", 10);
	ok("'\\t'", 9);
	ok("'\\0'", 0);
	ok("'\\x41'", 65);
	ok("'\\101'", 65);
	ok("'\\\\'", 92);
	ok("'\\''", 39);
	ok("'\"'", 34);
	ok("'\\\"'", 34);
	ok("'\\e'", 27);
	ok("'\\xff'", UINT64_MAX); /* char is signed */
	ok("(unsigned char)'\\xff'", 255);
	ok("' '", 32);
}

static void test_casts(void)
{
	ok("(char)0x1ff == -1", 1);
	ok_t("(char)0x1ff", UINT64_MAX, "char");
	ok("(unsigned char)-1 == 255", 1);
	ok_t("(unsigned char)-1", 255, "unsigned char");
	ok_t("(signed char)200", (uint64_t)-56, "signed char");
	ok_t("(short)0x12345", 0x2345, "short");
	ok("(short)0x18000", (uint64_t)-32768);
	ok_t("(unsigned short)-1", 65535, "unsigned short");
	ok_t("(short int)1", 1, "short");
	ok_t("(int)0x100000000", 0, "int");
	ok("(int)0xffffffff", UINT64_MAX);
	ok_t("(unsigned)-1", 0xffffffff, "unsigned int");
	ok_t("(unsigned int)-1", 0xffffffff, "unsigned int");
	ok_t("(signed)-1", UINT64_MAX, "int");
	ok_t("(long)-1", UINT64_MAX, "long");
	ok_t("(long int)1", 1, "long");
	ok_t("(unsigned long)-1", UINT64_MAX, "unsigned long");
	ok_t("(long unsigned int)1", 1, "unsigned long");
	ok_t("(long long)-1", UINT64_MAX, "long long");
	ok_t("(unsigned long long)-1", UINT64_MAX, "unsigned long long");
	ok_t("(int8_t)255", UINT64_MAX, "signed char");
	ok_t("(uint8_t)257", 1, "unsigned char");
	ok_t("(int16_t)65535", UINT64_MAX, "short");
	ok_t("(uint16_t)-1", 65535, "unsigned short");
	ok_t("(int32_t)-1", UINT64_MAX, "int");
	ok_t("(uint32_t)-1", 0xffffffff, "unsigned int");
	ok_t("(int64_t)-1", UINT64_MAX, "long");
	ok_t("(uint64_t)-1", UINT64_MAX, "unsigned long");
	ok_t("(size_t)-1", UINT64_MAX, "unsigned long");
	ok_t("(bool)5", 1, "_Bool");
	ok_t("(_Bool)0", 0, "_Bool");
	ok_t("(bool)0x100", 1, "_Bool");
	ok_t("(int)(char)200", (uint64_t)-56, "int");
	ok_t("(unsigned char)(char)-56", 200, "unsigned char");
	ok_t("(void*)0", 0, "void *");
	ok_t("(int*)0x10", 0x10, "int *");
	ok_t("(char **)0", 0, "char **");
	ok_t("(unsigned long*)8", 8, "unsigned long *");
	/* qualifiers kept by casts, named as gdb names them; dropped by arithmetic */
	ok_t("(const char *)0", 0, "const char *");
	ok_t("(char * const *)0", 0, "char * const *");
	ok_t("(int const volatile)7", 7, "const volatile int");
	ok_t("(volatile const int)7", 7, "const volatile int");
	ok_t("(int ** const)0", 0, "int ** const");
	ok_t("(const int * const * const)0", 0, "const int * const * const");
	ok_t("(_Atomic int)1", 1, "_Atomic int");
	ok_t("(int * restrict)0", 0, "int * restrict");
	ok_t("(@code char)65", 65, "@code char");
	ok_t("(int @data * @code)0", 0, "@data int * @code");
	ok_t("*(const short *)0x1040", (uint64_t)-2, "const short");
	ok_t("*(int const *)&counter", 10, "const int");
	ok_t("(const int *)&counter + 1", 0x1014, "const int *");
	ok_t("(const int)7 + 1", 8, "int");
	ok_t("-(volatile long)7", (uint64_t)-7, "volatile long");
	ok_t("-(volatile char)7", (uint64_t)-7, "int");
	ok_t("(const char)(const int)300", 44, "const char");
	ok_t("sizeof((const long)1)", 8, "unsigned long");
	bad_compile("(@cod int)1", "Unknown address space specifier: \"cod\"");
	bad_compile("(int @)1", "A syntax error in expression, near `)1'.");
	bad_compile("(int @x)1", "Unknown address space specifier: \"x\"");
	/* gdb's alignof and _Alignof: ints */
	ok_t("_Alignof(char)", 1, "int");
	ok_t("alignof(unsigned long long)", 8, "int");
	ok_t("_Alignof(long double)", 16, "int");
	ok_t("sizeof(long double)", 16, "unsigned long");
	ok_t("_Alignof(void)", 1, "int");
	ok_t("_Alignof(int **)", 8, "int");
	ok_t("_Alignof(const short)", 2, "int");
	ok_t("alignof(counter) * 2", 8, "int");
	bad_compile("_Alignof", "A syntax error in expression, near `'.");
	bad_compile("alignof x", "A syntax error in expression, near `x'.");
	ok_t("(void **)0", 0, "void **");
	ok_t("(int8_t*)0", 0, "signed char *");
	ok_t("(unsigned char ***)0", 0, "unsigned char ***");
	ok_t("(char *)-1", UINT64_MAX, "char *"); /* sign-extended, as C */
	ok_t("(char *)0xffffffffu", 0xffffffff, "char *");
	ok_t("(long)(int *)0x10", 0x10, "long");
	ok_t("sizeof(int)", 4, "unsigned long");
	ok("sizeof(char)", 1);
	ok("sizeof(short)", 2);
	ok("sizeof(long long)", 8);
	ok("sizeof(char *)", 8);
	ok("sizeof(void)", 1);
	ok("sizeof(int) * 2", 8);
}

static void test_memory(void)
{
	struct expr_value v;

	ok_t("*(char*)0x1060", 'h', "char");
	ok("*(unsigned char*)0x1048", 255);
	ok("*(char*)0x1048", UINT64_MAX);
	ok_t("*(short*)0x1040", (uint64_t)-2, "short");
	ok("*(unsigned short*)0x1040", 0xfffe);
	ok_t("*(int*)0x1010", 10, "int");
	ok("*(int*)0x101c", UINT64_MAX);
	ok("*(unsigned*)0x101c", 0xffffffff);
	ok_t("*(long*)0x1050", 0x8899aabbccddeeffull, "long");
	ok("*(unsigned long*)0x1048", UINT64_MAX);
	ok("*(long long *)0x1048", UINT64_MAX);
	ok("*(uint16_t*)0x1050", 0xeeff);
	ok("*(bool*)0x1010", 10);
	ok_t("*(char**)0x1030", 0x1060, "char *");
	ok("**(char**)0x1030", 'h');
	ok_t("*(char***)0x1020", 0x1030, "char **");
	ok("***(char***)0x1020", 'h');
	ok("*(int*)($rsp+8)", 5);
	ok("*(int*)($rsp+8) > 3", 1);
	ok_t("{int}0x1004", 1234, "int");
	ok("{int}($rsp+4)", 1234);
	ok("{int}$rsp + 1", 0x12);
	ok("{short}0x1040", (uint64_t)-2);
	ok("{char}0x1060", 'h');
	ok_t("{char*}0x1030", 0x1060, "char *");
	ok("*{char*}0x1030", 'h');
	ok_t("&{int}0x1004", 0x1004, "int *");
	v = ok("*(int*)0x1014", 20);
	CHECK(v.lvalue && v.addr == 0x1014, "*(int*)0x1014: lvalue %d addr %#" PRIx64, v.lvalue,
	      v.addr);
	v = ok("*(int*)0x1014 + 0", 20);
	CHECK(!v.lvalue, "an addition is an lvalue");
	bad("*(int*)0x9999", "cannot access memory at address 0x9999");
	bad("*(char*)0", "cannot access memory at address 0x0");
	bad("*(long*)0x10fc", "cannot access memory at address 0x10fc"); /* straddles the end */
	ok("*(int*)0x10fc", 0);
	bad("{int}0x9999", "cannot access memory at address 0x9999");
	bad("*(void*)0x1000", "cannot dereference a void pointer");
	bad("*$vp", "cannot dereference a void pointer");
	bad("*5", "cannot dereference a non-pointer value");
	bad("*$rax", "cannot dereference a non-pointer value");
	bad("&*5", "cannot dereference a non-pointer value");
	ok_t("&*$vp", 0x1060, "void *");
}

static void test_pointers(void)
{
	ok_t("(int*)0x1010 + 1", 0x1014, "int *");
	ok_t("1 + (int*)0x1010", 0x1014, "int *");
	ok("*((int*)0x1010 + 2)", 30);
	ok("((int*)0x1010)[3]", UINT64_MAX);
	ok("$ptr[1]", 20);
	ok("*($ptr + 1)", 20);
	ok("2[$ptr]", 30);
	ok_t("(int*)0x1018 - 1", 0x1014, "int *");
	ok("(int*)0x1010 + -1", 0x100c);
	ok_t("(int*)0x1018 - (int*)0x1010", 2, "long");
	ok_t("(int*)0x1010 - (int*)0x1018", (uint64_t)-2, "long");
	ok("(char*)0x1018 - (char*)0x1010", 8);
	ok("(long*)0x1000 + 2", 0x1010);
	ok("(char**)0x1000 + 1", 0x1008);
	ok("(short*)0 + 3", 6);
	ok("(void*)0x1000 + 3", 0x1003);
	ok("$vp + 1", 0x1061);
	ok("(int*)0x1010 < (int*)0x1014", 1);
	ok("(int*)0x1010 == 0x1010", 1);
	ok("(int*)0 == 0", 1);
	ok("!(int*)0", 1);
	ok("(int*)-1 > 0", 1); /* addresses compare unsigned */
	ok("($rsp & 0xf) == 0", 1);
	ok_t("(int*)0x1004 & 0xf", 4, "unsigned long"); /* a pointer as an integer */
	bad("-(char*)1", "Argument to negate operation not a number."); /* gdb 13 */
	ok("(int*)8 * 2", 16);
	bad("(int*)1 + (int*)2", "cannot add two pointers");
	bad("1 - (int*)0", "cannot subtract a pointer from an integer");
	bad("(int*)0x1010 - (char*)0x1000", "cannot subtract pointers to types of different sizes");
}

static void test_names(void)
{
	struct expr_value v;
	int before;

	ok("$rax", 5);
	ok("$rdi == 5", 0);
	ok("$rax == 5", 1);
	ok_t("$eax", 5, "unsigned int");
	ok_t("$al", 255, "unsigned char");
	ok("$_exitcode", 3);
	ok_t("$foo", (uint64_t)-4, "int");
	ok("$1", 42);
	ok("$", 42);
	ok("$$", 41);
	ok("$$2", 40);
	ok("$1 + $rax * 2", 52);
	v = ok("$void", 0);
	CHECK(v.type.kind == EXPR_VOID, "$void is not void");
	ok_t("$void", 0, "void");
	bad("$void + 1", "Argument to arithmetic operation not a number or boolean.");
	bad("-$void", "Argument to negate operation not a number.");
	ok_t("!$void", 1, "int");
	bad("$nosuch", "no register named 'nosuch'");
	bad("$9", "History has not yet reached $9.");
	bad("$$9", "History does not go back to $$9.");
	ok_t("counter", 10, "int");
	v = ok("counter", 10);
	CHECK(v.lvalue && v.addr == 0x1010, "counter: lvalue %d addr %#" PRIx64, v.lvalue, v.addr);
	ok("hit", 20);
	ok("counter + hit == 30", 1);
	ok_t("&counter", 0x1010, "int *");
	ok("*&counter", 10);
	ok("(&counter)[1]", 20);
	ok_t("&*$ptr", 0x1010, "int *");
	ok_t("s", 0x1060, "char *");
	ok("*s", 'h');
	ok("s[1]", 'e');
	ok_t("&s", 0x1030, "char **");
	ok_t("pp", 0x1030, "char **");
	ok("**pp", 'h');
	ok("pp[0][4]", 'o');
	ok_t("&pp", 0x1020, "char ***");
	ok_t("regvar", 99, "long");
	ok_t("main", 0x401136, "void *");
	before = fake.reads;
	ok("&bad", 0x9999);
	CHECK(fake.reads == before, "&bad read memory");
	bad("bad", "cannot access memory at address 0x9999");
	bad("&regvar", "cannot take the address of 'regvar': it is not in memory");
	bad("&$rax", "cannot take the address of '$rax': it is not in memory");
	bad("nosuch", "no symbol 'nosuch' in current context");
	bad("nosuch + 1", "no symbol 'nosuch' in current context");
	bad("bogus", "'bogus' has a type the evaluator does not support");
	ok("deep", UINT64_MAX);
	bad("&deep", "pointer type is too deep");
	ok("&*deep", UINT64_MAX);
}

/* The untaken side of && || ?: is not evaluated: no memory read, no division. */
static void test_short_circuit(void)
{
	int before = fake.reads;

	ok("$rdx != 0 && *(int*)$rdx == 5", 0);
	ok("$rdx == 0 || *(int*)$rdx == 5", 1);
	ok("0 ? *(int*)0 : 4", 4);
	ok("1 ? 4 : *(int*)0", 4);
	ok("0 && 1/0", 0);
	ok("1 || 1/0", 1);
	ok("0 ? 1/0 : 2", 2);
	CHECK(fake.reads == before, "%d memory reads on untaken sides", fake.reads - before);
	ok("$rsp && *(int*)($rsp+8) == 5", 1);
	CHECK(fake.reads == before + 1, "%d reads, want 1", fake.reads - before);
	bad("$rdi != 0 && *(int*)$rdi == 5", "cannot access memory at address 0x7");
	bad("1 && 1/0", "division by zero");
	bad("0 || *(int*)0", "cannot access memory at address 0x0");
	ok("0 || 5", 1);
	ok("3 && 5", 1);
}

/* Conditions as users write them at break ... if ... */
static void test_conditions(void)
{
	ok("$rdi == 5", 0);
	ok("$rdi == 7", 1);
	ok("*(int*)($rsp+8) > 3", 1);
	ok("$rdi == 7 && *(int*)($rsp+8) > 3", 1);
	ok("$rdi == 5 || $rax == 5", 1);
	ok("(char)$rdi == 7 && (unsigned char)$al == 255", 1);
	ok("hit == 20 && counter >= 10", 1);
	ok("counter % 3 == 1", 1);
	ok("($rax + $rdi) * 2 == 24", 1);
	ok("$rax > 4 ? $rdi : 0", 7);
	ok("*s == 'h' && s[4] == 'o'", 1);
	ok("$_exitcode != 0", 1);
}

static void test_errors(void)
{
	bad("1/0", "division by zero");
	bad("1%0", "division by zero");
	bad("5/(2-2)", "division by zero");
	bad("1 << -1", "negative shift count");
	bad("1 +", "A syntax error in expression, near `'.");
	bad("1 2", "A syntax error in expression, near `2'.");
	bad("(1", "A syntax error in expression, near `'.");
	bad("(1 2", "A syntax error in expression, near `2'.");
	bad(")", "A syntax error in expression, near `)'.");
	bad("1,2", "A syntax error in expression, near `,2'.");
	bad("1 ? 2", "A syntax error in expression, near `'.");
	bad("$ptr[1", "A syntax error in expression, near `'.");
	bad("(int", "A syntax error in expression, near `'.");
	bad("{int 0", "A syntax error in expression, near `0'.");
	bad("int", "A syntax error in expression, near `int'.");
	bad("x++", "'++' is supported as a whole command only (print x++, print ++x, set var), or "
		   "where nothing is evaluated (sizeof, ptype, whatis)");
	bad("--x", "'--' is supported as a whole command only (print x--, print --x, set var), or "
		   "where nothing is evaluated (sizeof, ptype, whatis)");
	bad("", "empty expression");
	bad("  \t ", "empty expression");
	bad("1 # 2", "Invalid character '#' in expression.");
	bad("1 \x01", "Invalid character '\\x01' in expression.");
	bad("$rax = 5", "assignment is not supported here; use '==' to compare (column 6)");
	bad("a.b", "no symbol 'a' in current context");
	bad("$rsp.b", "Attempt to extract a component of a value that is not a structure.");
	bad("$rsp->x", "The -> operator needs a pointer to a struct or union.");
	bad("$rsp.", "A syntax error in expression, near `'.");
	bad("08", "Invalid number \"08\".");
	bad("0b2", "Invalid number \"0b2\".");
	bad("0x", "Invalid number \"0x\".");
	bad("1 + 0bu", "Invalid number \"0bu\".");
	bad("12abc", "Invalid number \"12abc\".");
	bad("1uu", "Invalid number \"1uu\".");
	bad("1lL", "Invalid number \"1lL\".");
	bad("18446744073709551616", "Numeric constant too large.");
	bad("0x10000000000000000", "Numeric constant too large.");
	bad("''", "A character constant must contain at least one character.");
	bad("'ab'", "Invalid character constant.");         /* gdb: two characters name nothing */
	bad("'abc'", "no symbol 'abc' in current context"); /* a quoted name, as gdb reads it */
	bad("'a", "Unmatched single quote.");
	bad("'\\'", "Unmatched single quote.");
	ok_t("'\\q'", 'q', "char"); /* gdb: an escape it does not know is the character */
	bad("'\\x100'", "escape sequence out of range (column 2)");
	bad("'\\x'", "\\x escape without a following hex digit");
	bad("\"abc", "unterminated string literal");
	bad("\"abc\"", "strings are not supported here");
	bad("\"ab\\q\"", "strings are not supported here");
	bad("\"ab\\", "unterminated string literal");
	bad("'\\", "Unmatched single quote.");
	/* array values: this env holds none; the parse and gdb's refusals */
	bad("{1, 2}", "array values are not supported here");
	bad("(short [])0x12345678", "array values are not supported here");
	bad("{}", "bad array bounds (0, -1)");
	bad("{1, (char)2}", "array elements must all be the same size");
	bad("*&{4,5,6}[1]", "Attempt to take address of value not located in memory.");
	bad("{1, 2", "A syntax error in expression, near `'.");
	bad("(int [0])1", "array size 0 is out of range (column 7)");
	bad("{{{{{1}}}}}", "array literals are nested too deeply (more than 4 levels)");
	ok("((int (*)(int, float))0x1234) == 0x1234", 1);
	ok("1.5l * 2 == 3", 1);
	bad("{}0", "A syntax error in expression, near `0'."); /* gdb: {} is an array, then 0 */
	bad("1 abcdefghijklmnopqrstuvwxyz0123456789",
	    "A syntax error in expression, near `abcdefghijklmnopqrstuvwxyz0123456789'.");
	bad("(foo*)0", "No symbol \"foo\" in current context.");
	bad("(foo **)0", "No symbol \"foo\" in current context.");
	bad("{foo}0", "No symbol \"foo\" in current context.");
	bad("(struct bar *)0", "No struct type named bar.");
	bad("sizeof(union u)", "No union type named u.");
	bad("(struct)0", "A syntax error in expression, near `)0'.");
	bad("sizeof(foo)", "no symbol 'foo' in current context");
	bad("sizeof x", "no symbol 'x' in current context");
	ok_t("sizeof(1)", 4, "unsigned long");
	ok_t("sizeof 'a' + 1", 2, "unsigned long"); /* 'a' is a char, as in gdb */
	bad("(long char)1", "invalid type 'long char' (column 2)");
	bad("(unsigned signed)1", "invalid type 'unsigned signed' (column 2)");
	bad("(long long long)1", "invalid type 'long long long' (column 2)");
	bad("(int size_t)1", "invalid type 'int size_t' (column 2)");
	bad("(const)1", "invalid type 'const' (column 2)");
	bad("{void}0", "cannot read a value of type void (column 1)");
	bad("&5", "cannot take the address of this expression: it is not in memory (column 1)");
	bad("&(1+2)", "cannot take the address of this expression: it is not in memory (column 1)");
	bad_compile("1 + (2 * ", "A syntax error in expression, near `'.");
	bad_compile("&(int)counter",
		    "cannot take the address of this expression: it is not in memory (column 1)");
}

static void test_env(void)
{
	struct expr_env none = { 0 };
	struct expr_value v;
	char err[128];

	CHECK(expr_eval_string("1+2", NULL, &v, err, sizeof(err)) == 0 && v.bits == 3, "%s", err);
	CHECK(expr_eval_string("$rax", NULL, &v, err, sizeof(err)) == -1, "$rax without env");
	CHECK(!strcmp(err, "no register named 'rax'"), "%s", err);
	CHECK(expr_eval_string("$", &none, &v, err, sizeof(err)) == -1, "$ without env");
	CHECK(!strcmp(err, "The history is empty."), "%s", err);
	CHECK(expr_eval_string("counter", &none, &v, err, sizeof(err)) == -1, "ident");
	CHECK(!strcmp(err, "no symbol 'counter' in current context"), "%s", err);
	CHECK(expr_eval_string("*(int*)0x1000", &none, &v, err, sizeof(err)) == -1, "read");
	CHECK(!strcmp(err, "cannot access memory at address 0x1000"), "%s", err);
	/* a message that does not fit is cut, still terminated; NULL err is fine */
	CHECK(expr_eval_string("1/0", NULL, &v, err, 5) == -1 && !strcmp(err, "divi"), "%s", err);
	CHECK(expr_eval_string("1/0", NULL, &v, NULL, 0) == -1, "NULL err");
	CHECK(expr_eval(NULL, NULL, &v, err, sizeof(err)) == -1, "NULL expression");
	CHECK(expr_compile(NULL, &(struct expr *){ NULL }, err, sizeof(err)) == -1, "NULL src");
	expr_free(NULL);
}

static int len_of_string(void *data, const char *s, size_t len, struct expr_value *out)
{
	if (s[len] != '\0')
		return -1;
	out->type = expr_int_type(8, false);
	out->bits = len;
	return 0;
}

static void test_strings(void)
{
	struct expr_env senv = env;
	struct expr_value v;
	char err[128];

	senv.string = len_of_string;
	CHECK(expr_eval_string("\"ab\\n\"", &senv, &v, err, sizeof(err)) == 0 && v.bits == 3, "%s",
	      err);
	CHECK(expr_eval_string("\"a\\0b\" + 1", &senv, &v, err, sizeof(err)) == 0 && v.bits == 4,
	      "%s", err);
	CHECK(expr_eval_string("\"\"", &senv, &v, err, sizeof(err)) == 0 && v.bits == 0, "%s", err);
}

static void test_type_names(void)
{
	struct expr_type t = expr_ptr_type(expr_ptr_type(expr_int_type(4, true)));
	char buf[64];

	CHECK(!strcmp(expr_type_name(&t, buf, sizeof(buf)), "int **"), "%s", buf);
	CHECK(!strcmp(expr_type_name(&t, buf, 4), "int"), "truncated: '%s'", buf);
	CHECK(!strcmp(expr_type_name(&t, buf, 6), "int *"), "truncated: '%s'", buf);
	t = expr_int_type(8, false);
	CHECK(!strcmp(expr_type_name(&t, buf, sizeof(buf)), "unsigned long"), "%s", buf);
	t = expr_ptr_type((struct expr_type){ .kind = EXPR_VOID });
	CHECK(!strcmp(expr_type_name(&t, buf, sizeof(buf)), "void *"), "%s", buf);
}

/* Nesting and length limits give messages, not crashes. */
static void test_limits(void)
{
	static char src[EXPR_MAX_LEN + 16];
	size_t n;

	n = 0;
	for (int i = 0; i < 255; i++)
		src[n++] = '(';
	src[n++] = '1';
	for (int i = 0; i < 255; i++)
		src[n++] = ')';
	src[n] = '\0';
	ok(src, 1);
	memmove(src + 1, src, n + 1);
	src[0] = '(';
	strcat(src, ")");
	bad(src, "expression is nested too deeply (more than 256 levels)");
	memset(src, '!', 1000);
	strcpy(src + 1000, "1");
	bad(src, "expression is nested too deeply (more than 256 levels)");
	for (n = 0; n < 300; n++)
		memcpy(src + 4 * n, "0?0:", 4);
	strcpy(src + 4 * n, "1");
	bad(src, "expression is nested too deeply (more than 256 levels)");
	for (n = 0; n < 511; n++)
		memcpy(src + 2 * n, "1+", 2);
	strcpy(src + 2 * n, "1");
	ok(src, 512);
	strcpy(src + 2 * n, "1+1");
	bad(src, "expression is too complex (more than 512 levels of operators)");
	memset(src, ' ', EXPR_MAX_LEN - 1);
	strcpy(src + EXPR_MAX_LEN - 1, "1");
	ok(src, 1);
	memset(src, '1', EXPR_MAX_LEN + 1);
	src[EXPR_MAX_LEN + 1] = '\0';
	bad(src, "expression is too long (more than 65536 characters)");
	strcpy(src, "(int");
	memset(src + 4, '*', 256);
	strcpy(src + 260, ")0");
	bad(src, "pointer type is too deep (column 260)"); /* the 256th '*' */
	strcpy(src + 259, ")0");
	ok(src, 0);
	memset(src, '*', 300);
	strcpy(src + 300, "0");
	bad(src, "expression is nested too deeply (more than 256 levels)");
}

/* Compile once, evaluate many times: the compiled form holds no values, reads memory anew. */
static void test_reuse(void)
{
	struct expr *e;
	struct expr_value v;
	char err[128];
	int before = fake.reads;
	int hits = 0;

	CHECK(expr_compile("*(int*)($rsp+8) > 3", &e, err, sizeof(err)) == 0, "%s", err);
	for (int i = 0; i < 1000; i++) {
		put(&fake, 0x1008, (uint64_t)i, 4);
		CHECK(expr_eval(e, &env, &v, err, sizeof(err)) == 0, "%s", err);
		hits += (int)v.bits;
	}
	CHECK_EQ(hits, 996);
	CHECK_EQ(fake.reads - before, 1000);
	put(&fake, 0x1008, 5, 4);
	expr_free(e);
}

/* Floating literals, arithmetic, comparisons and casts, typed as C and gdb type them. */
static void test_floats(void)
{
	ok_t("1.5", dbits(1.5), "double");
	ok_t("2e3", dbits(2000), "double");
	ok_t("1.5e-3", dbits(1.5e-3), "double");
	ok_t(".5", dbits(0.5), "double");
	ok_t("1.", dbits(1), "double");
	ok_t("1.5f", fbits(1.5f), "float");
	ok_t("dbl", dbits(2.5), "double");
	ok_t("flt", fbits(0.25f), "float");
	ok_t("dbl * 2", dbits(5), "double");
	ok_t("flt + 1", fbits(1.25f), "float");
	ok_t("flt * dbl", dbits(0.625), "double");
	ok_t("(float)1 / 3", fbits(1.0f / 3), "float");
	ok_t("1.0 / 3", dbits(1.0 / 3), "double");
	ok_t("10 / 4.0", dbits(2.5), "double");
	ok_t("-dbl", dbits(-2.5), "double");
	ok_t("-1.0 / 0", dbits(-1.0 / 0.0), "double");
	ok_t("dbl > 2", 1, "int");
	ok_t("dbl > 2.5", 0, "int");
	ok_t("dbl == 2.5", 1, "int");
	ok_t("flt == 0.25", 1, "int");
	ok_t("0.1f == 0.1", 0, "int"); /* the float becomes a double, as in C and gdb */
	ok_t("16777217 == (float)16777217", 1, "int"); /* the int becomes a float */
	ok_t("0.0 / 0 == 0.0 / 0", 0, "int");
	ok_t("0.0 / 0 != 0.0 / 0", 1, "int");
	ok_t("!dbl", 0, "int");
	ok_t("!-0.0", 1, "int");
	ok_t("-0.0 || 0", 0, "int");
	ok_t("dbl && 1", 1, "int");
	ok_t("dbl ? 7 : 8", 7, "int");
	ok_t("(int)dbl", 2, "int");
	ok_t("(int)-dbl", (uint64_t)-2, "int");
	ok_t("(long)-3.9", (uint64_t)-3, "long");
	ok_t("(char)66.7", 66, "char");
	ok_t("(unsigned char)300.5", 44, "unsigned char");
	ok_t("(_Bool)0.5", 1, "_Bool");
	ok_t("(int)1e30", (uint64_t)-1, "int"); /* saturated to LONG_MAX, truncated: gdb's */
	ok_t("(int)-1e30", 0, "int");
	ok_t("(long)(0.0 / 0)", (uint64_t)-1, "long");
	ok_t("(unsigned char)-1.5", 255, "unsigned char");
	ok_t("1e400", dbits(1e300 * 1e300), "double");
	ok_t("(double)counter", dbits(10), "double");
	ok_t("(float)dbl", fbits(2.5f), "float");
	ok_t("(double)flt", dbits(0.25), "double");
	ok_t("sizeof(double)", 8, "unsigned long");
	ok_t("sizeof(float)", 4, "unsigned long");
	ok_t("sizeof(1.5f)", 4, "unsigned long");
	ok_t("*(double *)0x1070", dbits(2.5), "double");
	ok_t("*(float *)0x1078 * 4", fbits(1), "float");
	ok_t("(float *)0x1078 + 1", 0x107c, "float *");
	bad("3 % 2.0", "Integer-only operation on floating point number.");
	bad("dbl << 1", "Integer-only operation on floating point number.");
	bad("dbl & 1", "Integer-only operation on floating point number.");
	bad("~dbl", "Argument to complement operation not an integer, boolean.");
	bad("s + 1.5", "Argument to arithmetic operation not a number or boolean.");
	bad("(char *)dbl", "Invalid cast.");
	bad_compile("1.5x", "Invalid number \"1.5x\".");
	bad_compile("1e", "Invalid number \"1e\".");
	bad_compile("(long double)1", "invalid type 'long double' (column 2)");
}

/* Why an evaluation failed, as a kind a caller can branch on. */
static void fault_is(const char *src, enum expr_fault_kind kind, uint64_t addr, const char *name)
{
	struct expr_env none = { 0 };
	struct expr_fault f;
	struct expr_value v;
	struct expr *e;
	char err[128];
	int r;

	CHECK(expr_compile(src, &e, err, sizeof(err)) == 0, "'%s': %s", src, err);
	r = expr_eval_fault(e, &none, &v, err, sizeof(err), &f);
	CHECK(kind == EXPR_FAULT_OTHER || r == -1, "'%s' worked", src);
	CHECK(f.kind == kind, "'%s': kind %d, want %d (%s)", src, f.kind, kind, err);
	CHECK(f.addr == addr, "'%s': addr %#" PRIx64 ", want %#" PRIx64, src, f.addr, addr);
	CHECK(name ? f.name && !strcmp(f.name, name) : !f.name, "'%s': name %s", src,
	      f.name ? f.name : "(none)");
	expr_free(e);
}

static void test_faults(void)
{
	fault_is("1 + 2", EXPR_FAULT_OTHER, 0, NULL);
	fault_is("3 / (2 - 2)", EXPR_FAULT_DIVZERO, 0, NULL);
	fault_is("7 % 0", EXPR_FAULT_DIVZERO, 0, NULL);
	fault_is("1.0 / 0", EXPR_FAULT_OTHER, 0, NULL); /* inf, no failure */
	fault_is("*(int *)0x1234 + 1", EXPR_FAULT_MEM, 0x1234, NULL);
	fault_is("1 + counter", EXPR_FAULT_NAME, 0, "counter");
	fault_is("$nosuchreg", EXPR_FAULT_OTHER, 0, NULL);
	fault_is("1 % 2.0", EXPR_FAULT_OTHER, 0, NULL);
}

/* gdb's x@N: where '@' binds (between the shifts and + -, as c-exp.y) and its refusals. The
 * fake env has no dtype callback, so an accepted x@N ends in its message. */
static void test_at(void)
{
	bad("1@2", "Only values in memory can be extended with '@'.");
	bad("$rax@2", "Only values in memory can be extended with '@'.");
	bad("*(int *)0x1000@0", "Invalid number 0 of repetitions.");
	bad("*(int *)0x1000@-3", "Invalid number -3 of repetitions.");
	bad("*(int *)0x1000@1.5", "Non-integral right operand for \"@\" operator.");
	bad("*(int *)0x1000@0x100000000", "Value out of range.");
	bad("*(int *)0x1000@1-1", "Invalid number 0 of repetitions.");          /* x@(1-1) */
	bad("*(int *)0x1000@0 == 0", "Invalid number 0 of repetitions.");       /* (x@0) == 0 */
	bad("*(int *)0x1000@1>>1", "the type of this value is not known here"); /* (x@1)>>1 */
	bad("*(int *)0x1000@1@2", "the type of this value is not known here");
	bad_compile("x@", "A syntax error in expression, near `'.");
	bad_compile("@x", "A syntax error in expression, near `@x'.");
}

/* gdb's character literals: escapes, prefixes, charsets (set target-charset). */
static void test_charsets(void)
{
	ok_t("'\\9'", '9', "char");
	ok_t("'\\e'", 033, "char");
	ok_t("'\\u0041'", 'A', "char");
	bad("'\\u'", "\\u escape without a following hex digit");
	bad("'\\U'", "\\U escape without a following hex digit");
	bad("'\\u0100'", "There is no character corresponding to '\\u0100' in the target "
			 "character set 'auto'.");
	ok_t("L'a'", 97, "wchar_t");
	ok_t("u'a'", 97, "char16_t");
	ok_t("U'a'", 97, "char32_t");
	ok_t("L'\\xffef'", 0xffef, "wchar_t");
	ok_t("U'\\U0001F600'", 0x1f600, "char32_t");
	ok_t("L'a' + 1", 98, "int");                          /* arithmetic: the promoted type */
	bad("u'\\U0001F600'", "Invalid character constant."); /* two UTF-16 units */
	bad("'\\x100'", "escape sequence out of range (column 2)");
	bad_compile("L\"abc\" u\"def\"", "Undefined string concatenation.");
	bad_compile("u\"abc\" U\"def\"", "Undefined string concatenation.");
	bad("\"ab\" \"c\"", "strings are not supported here"); /* joined, then evaluated */
	bad("L\"ab\" \"c\"", "strings are not supported here");

	/* set target-charset EBCDIC-US: 'A' is 0xc1, '\a' 0x2f; numeric escapes stay as typed */
	CHECK(cdbg__expr_cs_set(EXPR_CS_TARGET, "EBCDIC-US") == 0, "EBCDIC-US refused");
	ok_t("'A'", (uint64_t)(int64_t)(signed char)0xc1, "char");
	ok_t("'\\a'", 0x2f, "char");
	ok_t("'\\q'", (uint64_t)(int64_t)(signed char)0x98, "char");
	ok_t("'\\x41'", 0x41, "char");
	ok_t("'\\101'", 0x41, "char");
	bad("'\\u20ac'", "There is no character corresponding to '\\u20ac' in the target "
			 "character set 'EBCDIC-US'.");
	/* an unknown name changes nothing */
	CHECK(cdbg__expr_cs_set(EXPR_CS_TARGET, "my_grandma_bonnie") < 0, "bad name taken");
	CHECK(cdbg__expr_cs_set(EXPR_CS_TARGET, "EBCDIC-US") == 0, "EBCDIC-US refused again");
	CHECK(cdbg__expr_cs_set(EXPR_CS_TARGET, "ASCII\x01garbage") < 0, "garbage taken");
	ok_t("'A'", (uint64_t)(int64_t)(signed char)0xc1, "char");
	/* UTF-8 target: a UTF-8 character typed is two bytes, no char constant */
	CHECK(cdbg__expr_cs_set(EXPR_CS_TARGET, "UTF-8") == 0, "UTF-8 refused");
	bad("'\xc3\xa9'", "Invalid character constant.");
	ok_t("'\\242'", (uint64_t)(int64_t)(signed char)0242, "char");
	CHECK(cdbg__expr_cs_set(EXPR_CS_TARGET, "auto") == 0, "auto refused");
	ok_t("'A'", 'A', "char");
	ok_t("'\xa2'", (uint64_t)(int64_t)(signed char)0xa2, "char"); /* auto: the byte typed */
}

int main(void)
{
	setup();
	test_charsets();
	test_precedence();
	test_conversions();
	test_literals();
	test_floats();
	test_casts();
	test_memory();
	test_pointers();
	test_names();
	test_short_circuit();
	test_conditions();
	test_errors();
	test_env();
	test_strings();
	test_type_names();
	test_limits();
	test_reuse();
	test_faults();
	test_at();
	return h_pass();
}
