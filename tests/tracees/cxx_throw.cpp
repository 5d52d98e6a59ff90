/*
 * cxx_throw - C++ exceptions thrown, caught and rethrown, for catchpoint tests.
 *
 * Usage: cxx_throw
 *
 * Throws three times (a std::runtime_error, an int, and the int again rethrown from a
 * handler), catches each, and prints "caught=N" (3) at the end.
 */
#include <cstdio>
#include <stdexcept>

#include "tracee.h"

static int caught;

static void thrower(int i)
{
	if (i == 0)
		throw std::runtime_error("zero");
	throw i;
}

int main()
{
	tracee_init();
	try {
		thrower(0);
	} catch (const std::exception &) {
		caught++;
	}
	try {
		try {
			thrower(7);
		} catch (int) {
			caught++;
			throw;
		}
	} catch (int) {
		caught++;
	}
	printf("caught=%d\n", caught);
	return 0;
}
