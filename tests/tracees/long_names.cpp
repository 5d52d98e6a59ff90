/*
 * long_names - a C++ function whose names pass every fixed text array of cdbg.h: a template
 * instance over three types with long names, so that its demangled symbol name (about 700
 * bytes) and the name a frame shows (about 350) are longer than cdbg_symbol.name and
 * cdbg_frame.func hold.
 *
 * Usage: long_names      (no arguments; a test may start a copy from a long directory path)
 *
 * What a test can observe:
 *   "ready pid=<pid> fn=<address of the long function>"
 * then, for each stdin line:
 *   "go"   calls the long function once: "deep=<r>" (r is 7)
 * "quit" or EOF prints "done" and exits 0; other lines print "error: unknown command '<line>'".
 */
#include <cstdio>
#include <cstring>

#include "tracee.h"

namespace long_names_test_namespace {

struct Alpha_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room {
	int a;
};
struct Bravo_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room {
	int b;
};
struct Charlie_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room {
	int c;
};

template <typename A, typename B, typename C> __attribute__((noinline)) int deep(A a, B b, C c)
{
	return a.a + b.b + c.c;
}

} /* namespace long_names_test_namespace */

namespace ln = long_names_test_namespace;

typedef int (*deep_fn)(ln::Alpha_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room,
		       ln::Bravo_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room,
		       ln::Charlie_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room);

int main()
{
	char line[256];
	ln::Alpha_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room a = { 1 };
	ln::Bravo_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room b = { 2 };
	ln::Charlie_type_with_a_name_that_is_long_enough_to_take_up_a_lot_of_room c = { 4 };
	deep_fn volatile fn = &ln::deep;

	tracee_init();
	printf("ready pid=%d fn=%p\n", (int)getpid(), (void *)fn);
	while (tracee_read_line(line, sizeof(line))) {
		if (tracee_is_quit(line))
			break;
		if (strcmp(line, "go") == 0)
			printf("deep=%d\n", fn(a, b, c));
		else
			printf("error: unknown command '%s'\n", line);
	}
	printf("done\n");
	return 0;
}
