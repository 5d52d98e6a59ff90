/*
 * vars.c - variables of every kind for the variable and type tests: globals, statics, a
 * struct with nested struct, array, pointer, enum, union, bit-field and char array members,
 * a linked list, a 2-D array, float and double, locals in nested blocks, arguments and a
 * recursion. Built -O0 (vars) and -O2 (vars_opt) from this one source.
 *
 * Runs show(), which prints its own values ("show: ..." lines), then fact(5), which
 * recurses down to fact(1), then loop(), which counts i from 0 to 9, then prints "done" and
 * exits 0. A debugger breaks at show_here, fact and loop_body and compares what it reads
 * with what the program printed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tracee.h"

enum color { RED, GREEN, BLUE };

struct inner {
	int a;
	short b;
};

union num {
	int i;
	float f;
};

struct rec {
	int id;
	struct inner in;
	int arr[3];
	const char *label;
	enum color color;
	union num u;
	unsigned flag : 1;
	int level : 4;
	char name[16];
	struct rec *next;
};

typedef struct rec rec_t;
typedef unsigned int u32;

int g_counter = 42;
double g_ratio = 1.5;
float g_third = 0.25f;
char g_text[8] = "hi";
const char *g_msg = "hello";
int g_grid[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
static long s_total = -7;
bool g_flag = true;
u32 g_mask = 0xff;
enum color g_color = BLUE;
rec_t g_head = { .id = 1, .in = { 10, 20 }, .arr = { 7, 8, 9 }, .label = "first",
		 .color = GREEN, .u = { .i = 5 }, .flag = 1, .level = -3, .name = "abc" };
rec_t g_tail = { .id = 2, .label = "second", .color = RED, .name = "xyz" };
int *g_ptr = &g_counter;
volatile int sink;

__attribute__((noinline)) void show_here(void)
{
	asm volatile("" ::: "memory");
}

__attribute__((noinline)) int show(int n, const char *tag, rec_t *r)
{
	int local = n * 2;
	char c = 'x';
	double d = 2.5;

	{
		int inner_only = local + 1;
		long big = 1234567890123L;

		printf("show: n=%d tag=%s local=%d c=%c d=%g inner_only=%d big=%ld\n", n, tag, local,
		       c, d, inner_only, big);
		printf("show: r->id=%d r->in.b=%d r->arr[2]=%d r->next->id=%d name=%s\n", r->id,
		       r->in.b, r->arr[2], r->next->id, r->name);
		printf("show: g_counter=%d g_grid[1][2]=%d s_total=%ld\n", g_counter, g_grid[1][2],
		       s_total);
		show_here();
		sink = inner_only + (int)big;
	}
	return local + c + (int)d;
}

__attribute__((noinline)) int fact(int n)
{
	int r;

	if (n <= 1)
		r = 1;
	else
		r = n * fact(n - 1);
	sink = r;
	return r;
}

__attribute__((noinline)) void loop_body(int i)
{
	sink += i;
}

__attribute__((noinline)) void loop(void)
{
	for (int i = 0; i < 10; i++)
		loop_body(i);
}

int main(void)
{
	tracee_init();
	g_head.next = &g_tail;
	g_tail.next = NULL;
	printf("show returned %d\n", show(3, "three", &g_head));
	printf("fact(5)=%d\n", fact(5));
	loop();
	printf("done\n");
	return 0;
}
