/*
 * fuzz_expr: libFuzzer target for the expression evaluator (src/expr.c). Compiles arbitrary
 * bytes and, when they compile, evaluates them twice against a fake environment: 256 bytes
 * of memory at 0x1000 (every other address fails to read), a few registers, history
 * values, symbols in and out of memory, a void value and a pointer 255 levels deep.
 *
 * Checks, beyond the sanitizers: a failure always leaves a message; a compile failure leaves
 * *out NULL; a result's type is one the evaluator can compute with and its bits are
 * normalised to that type; evaluation is deterministic. Must not: read files or keep state
 * between inputs.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"

#define MEM_BASE 0x1000
#define MEM_SIZE 256

static int fz_read(void *data, uint64_t addr, void *buf, size_t len)
{
	if (len == 0 || len > 8)
		__builtin_trap(); /* the evaluator reads 1, 2, 4 or 8 bytes */
	if (addr < MEM_BASE || addr > MEM_BASE + MEM_SIZE || len > MEM_BASE + MEM_SIZE - addr)
		return -1;
	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = (uint8_t)(addr + i) ^ 0x5a;
	return 0;
}

static int fz_dollar(void *data, const char *name, struct expr_value *out)
{
	if (!strcmp(name, "rax") || !strcmp(name, "") || !strcmp(name, "1")) {
		out->type = expr_int_type(8, false);
		out->bits = 0x1008;
	} else if (!strcmp(name, "eax")) {
		out->type = expr_int_type(4, false);
		out->bits = 0xffffffffff; /* too wide: the evaluator must truncate it */
	} else if (!strcmp(name, "sp")) {
		out->type = expr_ptr_type(expr_int_type(2, true));
		out->bits = MEM_BASE;
	} else if (!strcmp(name, "v")) {
		out->type.kind = EXPR_VOID;
	} else if (!strcmp(name, "m")) {
		out->type = expr_int_type(4, true);
		out->lvalue = true;
		out->addr = MEM_BASE + 4;
	} else {
		return -1;
	}
	return 0;
}

static int fz_ident(void *data, const char *name, struct expr_value *out)
{
	if (!strcmp(name, "x") || !strcmp(name, "y")) {
		out->type = expr_int_type(name[0] == 'x' ? 4 : 8, name[0] == 'x');
		out->lvalue = true;
		out->addr = name[0] == 'x' ? MEM_BASE + 16 : 0xdead;
	} else if (!strcmp(name, "p")) {
		out->type = expr_ptr_type(expr_int_type(1, true));
		out->lvalue = true;
		out->addr = MEM_BASE + 32;
	} else if (!strcmp(name, "deep")) {
		out->type = expr_ptr_type((struct expr_type){ .kind = EXPR_VOID });
		out->type.ptr_depth = 255;
		out->lvalue = true;
		out->addr = MEM_BASE;
	} else if (!strcmp(name, "bogus")) {
		out->type = expr_int_type(3, true); /* refused by the evaluator */
	} else if (!strcmp(name, "r")) {
		out->type = expr_int_type(2, false);
		out->bits = 0x12345;
	} else {
		return -1;
	}
	return 0;
}

static int fz_string(void *data, const char *s, size_t len, struct expr_value *out)
{
	if (s[len] != '\0')
		__builtin_trap();
	if (len > 3)
		return -1;
	out->type = expr_ptr_type(expr_int_type(1, true));
	out->bits = MEM_BASE + len;
	return 0;
}

/* An array literal or an array cast: its bytes must be count elements of elem's size. */
static int fz_array(void *data, const struct expr_value *elem, uint64_t count, const void *bytes,
		    size_t len, struct expr_value *out, char *err, size_t errlen)
{
	volatile unsigned char sum = 0;

	(void)data;
	if (!count || len != count * elem->type.size || len > EXPR_MAX_ARRAY_BYTES)
		__builtin_trap();
	for (size_t i = 0; i < len; i++)
		sum += ((const unsigned char *)bytes)[i];
	(void)sum;
	if (len > 64) {
		snprintf(err, errlen, "too large for the fuzzer");
		return -1;
	}
	out->type.kind = EXPR_AGG;
	out->type.size = (uint32_t)len;
	out->lvalue = true;
	out->addr = MEM_BASE + 64;
	return 0;
}

static const struct expr_env fz_env = { .dollar = fz_dollar,
					.ident = fz_ident,
					.read_mem = fz_read,
					.string = fz_string,
					.array = fz_array };

/* Is v's type usable and v's value normalised to it? */
static void check_value(const struct expr_value *v)
{
	const struct expr_type *t = &v->type;
	char name[64];
	unsigned w = t->size * 8u;

	expr_type_name(t, name, sizeof(name));
	if (t->kind == EXPR_VOID)
		return;
	if (t->kind == EXPR_PTR) {
		if (t->size != 8 || !t->ptr_depth)
			__builtin_trap();
		return;
	}
	if (t->kind == EXPR_FLT) { /* a float's IEEE bits in the low 32, a double's in all 64 */
		if ((t->size != 4 && t->size != 8) || (t->size == 4 && v->bits >> 32))
			__builtin_trap();
		return;
	}
	if (t->kind == EXPR_DEC) { /* BID bits: 32 in the low half, 64, or 128 with bits_hi */
		if ((t->size != 4 && t->size != 8 && t->size != 16) ||
		    (t->size == 4 && v->bits >> 32) || (t->size != 16 && v->bits_hi))
			__builtin_trap();
		return;
	}
	if (t->kind != EXPR_INT || (w != 8 && w != 16 && w != 32 && w != 64))
		__builtin_trap();
	if (w < 64) {
		uint64_t hi = v->bits >> (w - 1); /* the sign bit and everything above it */

		if (hi != 0 && !(t->is_signed && hi == (UINT64_MAX >> (w - 1))) &&
		    !(!t->is_signed && hi == 1))
			__builtin_trap();
	}
}

/* Field by field: struct expr_type has a padding byte, which memcmp would read. */
static bool same_type(const struct expr_type *a, const struct expr_type *b)
{
	return a->kind == b->kind && a->size == b->size && a->is_signed == b->is_signed &&
	       a->spell == b->spell && a->ptr_depth == b->ptr_depth &&
	       a->base_size == b->base_size && a->base_signed == b->base_signed &&
	       a->base_void == b->base_void;
}

static void eval_twice(const struct expr *e)
{
	struct expr_value a, b;
	char err[128], err2[128];
	int ra, rb;

	err[0] = err2[0] = '\0';
	ra = expr_eval(e, &fz_env, &a, err, sizeof(err));
	rb = expr_eval(e, &fz_env, &b, err2, sizeof(err2));
	if (ra != rb || (ra && (!err[0] || strcmp(err, err2))))
		__builtin_trap();
	if (ra == 0) {
		check_value(&a);
		if (a.bits != b.bits || !same_type(&a.type, &b.type) || a.lvalue != b.lvalue)
			__builtin_trap();
	}
	if (expr_eval(e, NULL, &a, NULL, 0) == 0) /* no environment, no message buffer */
		check_value(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1), err[128], tiny[2];
	struct expr *e = (struct expr *)src; /* not NULL: a failed compile must clear it */

	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	err[0] = '\0';
	if (expr_compile(src, &e, err, sizeof(err)) == 0) {
		eval_twice(e);
		expr_free(e);
	} else if (e != NULL || !err[0] || !memchr(err, '\0', sizeof(err))) {
		__builtin_trap();
	}
	if (expr_compile(src, &e, tiny, sizeof(tiny)) == 0)
		expr_free(e);
	free(src);
	return 0;
}
