/*
 * values_tree.c - values to expand as trees (test_values_tree): a struct with a nested
 * struct, an array member, a pointer, an enum, a bool, a char, a float and a union; a large
 * array for paging; a 2-D array; a null pointer; a void pointer; a function pointer; and a
 * struct whose tag is longer than cdbg_value.type holds.
 *
 * Sets the values, calls tree_here() (where a debugger breaks), prints "tree: done" and
 * exits 0.
 */
#include <stdbool.h>
#include <stdio.h>

#include "tracee.h"

enum shade { LIGHT, DARK };

struct point {
	int x;
	int y;
};

union word {
	int i;
	float f;
};

struct node {
	int id;
	struct point at;
	short hist[4];
	struct node *next;
	enum shade shade;
	bool on;
	char tag;
	double weight;
	union word w;
};

struct a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_end {
	int only;
};

struct node t_tail = { .id = 2, .at = { 5, 6 }, .shade = LIGHT, .tag = 't' };
struct node t_head = { .id = 1, .at = { 3, 4 }, .hist = { 10, 20, 30, 40 }, .next = &t_tail,
		       .shade = DARK, .on = true, .tag = 'h', .weight = 2.5, .w = { .i = 7 } };
int t_big[1000];
int t_grid[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
int *t_null;
void *t_void = &t_big;
int (*t_fn)(void);
struct a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_a_type_name_that_goes_on_end t_long = { 9 };
volatile int sink;

__attribute__((noinline)) void tree_here(void)
{
	asm volatile("" ::: "memory");
}

int main(void)
{
	tracee_init();
	for (int i = 0; i < 1000; i++)
		t_big[i] = i * 3;
	t_fn = (int (*)(void))tree_here;
	tree_here();
	sink = t_head.id + t_long.only;
	printf("tree: done\n");
	return 0;
}
