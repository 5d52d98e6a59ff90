#include <stdio.h>

#define SQUARE(x) ((x) * (x))
#define CAT(a, b) a##b
#define STR(x) #x
#define XSTR(x) STR(x)
#define VA(fmt, ...) printf(fmt, ##__VA_ARGS__)
#define LIMIT 10
#define MODE_ONE
#include "mac.h"

int counter = 3;

static int first(int n)
{
	return AREA(n, 2); /* first */
}

#undef MODE_ONE
#undef LIMIT
#include "mac.h"
#define LIMIT 20

static int second(int n)
{
	return AREA(n, 2); /* second */
}

int main(void)
{
	int v = first(counter) + second(counter);
	return v == 9 + 5 ? 0 : 1; /* end */
}
