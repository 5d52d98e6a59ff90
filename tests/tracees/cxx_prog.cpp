/*
 * cxx_prog - a C++ program for the symbol tests: a namespace, a class with methods, overloads,
 * a function template and a virtual call, so that names are looked up demangled.
 *
 * Usage: cxx_prog        (no arguments)
 *
 * What a test can observe:
 *   "ready pid=<pid>"
 *   "file=<this source file, as the compiler was given it>"
 * then, for each stdin line:
 *   "go"   runs the calls below once: "method=<r> over_i=<r> over_d=<r> twice=<r> area=<r>"
 * "quit" or EOF prints "done" and exits 0; other lines print "error: unknown command '<line>'".
 * Lines a test looks up carry a comment "L:name".
 */
#include <cstdio>
#include <cstring>

#include "tracee.h"

namespace geo {

class Counter {
public:
	explicit Counter(int start) : n(start) {}
	__attribute__((noinline)) int method(int x); /* geo::Counter::method(int) */
	__attribute__((noinline)) int over(int x) { return n + x; }          /* L:over_int */
	__attribute__((noinline)) double over(double x) { return n * x; }    /* L:over_double */

private:
	int n;
};

int Counter::method(int x)
{
	n += x;                                                              /* L:method_body */
	return n * 2;
}

struct Shape {
	virtual ~Shape() {}
	virtual int area() const = 0;
};

struct Square : Shape {
	explicit Square(int s) : side(s) {}
	__attribute__((noinline)) int area() const override
	{
		return side * side;                                          /* L:square_area */
	}
	int side;
};

template <typename T> __attribute__((noinline)) T twice(T v)
{
	return v + v;                                                        /* L:twice_body */
}

} /* namespace geo */

/* Called through a pointer so the compiler keeps the virtual call. */
__attribute__((noinline)) static int area_of(const geo::Shape *s)
{
	return s->area();
}

int main()
{
	char line[256];
	geo::Counter c(1);
	geo::Square sq(3);

	tracee_init();
	printf("ready pid=%d\n", (int)getpid());
	printf("file=%s\n", __FILE__);
	while (tracee_read_line(line, sizeof(line))) {
		if (tracee_is_quit(line))
			break;
		if (strcmp(line, "go") == 0) {
			int m = c.method(3);
			int oi = c.over(2);
			double od = c.over(1.5);
			long t = geo::twice<long>(21);
			printf("method=%d over_i=%d over_d=%g twice=%ld area=%d\n", m, oi, od, t,
			       area_of(&sq));
		} else {
			printf("error: unknown command '%s'\n", line);
		}
	}
	printf("done\n");
	return 0;
}
