/*
 * test_macroexp: the macro expander (src/expr/macroexp.c) without a tracee. The expected texts
 * are gdb 13's: `gdb -nx -batch -ex 'macro define ...' -ex 'macro expand ...'` with the same
 * definitions (the __VA_OPT__ and GNU variadic rows are gdb.base/macscp.exp's).
 * Proves: object-like and function-like macros, arguments expanded before substitution but not
 * next to # or ##, # quotes every '"' and '\', ## glues (and drops GNU's ", ## args" comma),
 * whitespace is kept as it was and a space is added only where two tokens would glue, a macro
 * is not expanded inside its own expansion, strings and character literals are left alone;
 * gdb's error sentences; and adversarial input ends without a crash: self and mutual
 * recursion, nesting deeper than the limit, exponential growth, a huge argument, unterminated
 * argument lists, strings and comments, malformed definitions.
 */
#include <stdlib.h>
#include <string.h>

#include "expr/macroexp.h"
#include "harness.h"

static struct mx_def defs[64];
static int ndefs;

static void def(const char *text)
{
	char err[128];

	CHECK(ndefs < 64, "too many definitions");
	CHECK(mx_def_parse(text, &defs[ndefs], err, sizeof(err)) == 0, "define %s: %s", text, err);
	ndefs++;
}

static const struct mx_def *lookup(void *arg, const char *name, size_t len)
{
	(void)arg;
	for (int i = ndefs - 1; i >= 0; i--)
		if (strlen(defs[i].name) == len && !memcmp(defs[i].name, name, len))
			return &defs[i];
	return NULL;
}

static void clear(void)
{
	for (int i = 0; i < ndefs; i++)
		mx_def_free(&defs[i]);
	ndefs = 0;
}

static void expands(const char *src, const char *want)
{
	char *out = NULL, err[256] = "";

	CHECK(mx_expand(src, lookup, NULL, &out, err, sizeof(err)) == 0, "%s: %s", src, err);
	CHECK(out && !strcmp(out, want), "%s: got '%s', want '%s'", src, out ? out : "", want);
	free(out);
}

static void fails(const char *src, const char *want)
{
	char *out = NULL, err[256] = "";

	CHECK(mx_expand(src, lookup, NULL, &out, err, sizeof(err)) < 0, "%s: expanded", src);
	CHECK(!out, "%s: output on failure", src);
	CHECK(!want || !strcmp(err, want), "%s: got '%s', want '%s'", src, err, want);
}

static void bad_def(const char *text, const char *want)
{
	struct mx_def d;
	char err[128] = "";

	CHECK(mx_def_parse(text, &d, err, sizeof(err)) < 0, "%s: parsed", text);
	CHECK(!strcmp(err, want), "%s: got '%s', want '%s'", text, err, want);
}

int main(void)
{
	def("OBJ 1 + 2");
	def("F(a, b) a * b");
	def("SELF SELF + 1");
	def("A B");
	def("B A");
	def("CAT(a, b) a ## b");
	def("XCAT(a, b) CAT(a, b)");
	def("STR(x) #x");
	def("XSTR(x) STR(x)");
	def("EMPTY");
	def("NEG -1");
	def("VA(...) f(__VA_ARGS__)");
	def("G(x) x");
	expands("OBJ * 3", "1 + 2 * 3");
	expands("F(OBJ, 4)", "1 + 2 * 4");
	expands("F((1,2), 3)", "(1,2) * 3");
	expands("SELF", "SELF + 1");
	expands("A", "A");
	expands("CAT(O, BJ)", "1 + 2");
	expands("XCAT(O, BJ)", "1 + 2");
	expands("STR(OBJ)", "\"OBJ\"");
	expands("XSTR(OBJ)", "\"1 + 2\"");
	expands("x EMPTY y", "x  y");
	expands("-NEG", "- -1");
	expands("F", "F");
	expands("VA(1, (2, 3), 4)", "f(1, (2, 3), 4)");
	expands("\"OBJ\" OBJ", "\"OBJ\" 1 + 2");
	expands("'O' OBJ", "'O' 1 + 2");
	expands("G(G(G(OBJ)))", "1 + 2");
	expands("F(,)", " * ");
	expands("STR( a   \"b\\\\n\"  )", "\"a \\\"b\\\\\\\\n\\\"\"");
	expands("CAT(1, 2)", "12");
	expands("CAT(-, -)x", "--x");
	expands("$pc + OBJ", "$pc + 1 + 2");
	expands("G()", "");
	expands("a.OBJ /* OBJ */ + OBJ", "a. 1 + 2 /* OBJ */ + 1 + 2");
	fails("F(1)", "Wrong number of arguments to macro `F' (expected 2, got 1).");
	fails("F(1", "Malformed argument list for macro `F'.");

	/* gdb.base/macscp.exp's variadic macros */
	def("SPLICE(a, b) a##b");
	def("robotinvasion 2010");
	def("va_c99(...) varfunc (fixedarg, __VA_ARGS__)");
	def("va2_c99(x, y, ...) varfunc (fixedarg, x, y, __VA_ARGS__)");
	def("va_gnu(args...) varfunc (fixedarg, args)");
	def("va2_gnu(args...) varfunc (fixedarg, ## args)");
	def("va3_cxx2a(x, ...) varfunc (x __VA_OPT__(,) __VA_ARGS__)");
	def("va4_cxx2a(x, ...) varfunc (x __VA_OPT__(, __VA_ARGS__))");
	def("va5_cxx2a(x, ...) varfunc (x __VA_OPT__(,) __VA_OPT__(__VA_ARGS__))");
	def("badopt1(x, ...) __VA_OPT__) x");
	def("badopt2(x, ...) __VA_OPT__(__VA_OPT__(,)) x");
	def("badopt3(x) __VA_OPT__");
	def("badopt4(x, ...) __VA_OPT__(x");
	expands("SPLICE(x, y)", "xy");
	expands("SPLICE(robot, invasion)", "2010");
	expands("va_c99(one, two, three)", "varfunc (fixedarg, one, two, three)");
	expands("va_c99()", "varfunc (fixedarg, )");
	expands("va2_c99(one, two, three, four)", "varfunc (fixedarg, one, two, three, four)");
	expands("va_gnu(one, two, three, four)", "varfunc (fixedarg, one, two, three, four)");
	expands("va_gnu()", "varfunc (fixedarg, )");
	expands("va2_gnu()", "varfunc (fixedarg)");
	expands("va3_cxx2a(23)", "varfunc (23 )");
	expands("va3_cxx2a(23, 24, 25)", "varfunc (23, 24, 25)");
	expands("va4_cxx2a(23, 24, 25)", "varfunc (23, 24, 25)");
	expands("va4_cxx2a(23)", "varfunc (23)");
	expands("va5_cxx2a(23, 24, 25)", "varfunc (23,24, 25)");
	expands("va5_cxx2a(23)", "varfunc (23)");
	fails("badopt1(5)", "__VA_OPT__ must be followed by an open parenthesis");
	fails("badopt2(5)", "__VA_OPT__ cannot appear inside __VA_OPT__");
	fails("badopt3(5)", "__VA_OPT__ is only valid in a variadic macro");
	fails("badopt4(5)", "Unterminated __VA_OPT__");
	clear();

	/* definitions gdb refuses */
	bad_def("", "Invalid macro name.");
	bad_def("1X 2", "Invalid macro name.");
	bad_def("F(a, a) a", "Two macro arguments with identical names.");
	bad_def("F(a b) a", "',' or ')' expected at end of macro arguments.");
	bad_def("F(, b) a", "Macro is missing an argument.");
	bad_def("F(a", "',' or ')' expected at end of macro arguments.");

	/* adversarial: nothing crashes, every failure has a message */
	def("R1 R2 R1");
	def("R2 R1 R2");
	expands("R1", "R1 R2 R1");
	def("E0 x");
	char body[64];
	for (int i = 1; i <= 40; i++) { /* E40 is 2^40 x's: too large */
		snprintf(body, sizeof(body), "E%d E%d E%d", i, i - 1, i - 1);
		def(body);
	}
	fails("E40", "Macro expansion is too large.");
	clear();
	def("G(x) x");
	size_t depth = 5000, len = depth * 3 + 8;
	char *deep = malloc(len), *p = deep;
	for (size_t i = 0; i < depth; i++)
		p += sprintf(p, "G(");
	*p++ = '1';
	for (size_t i = 0; i < depth; i++)
		*p++ = ')';
	*p = '\0';
	fails(deep, NULL); /* nested too deeply */
	free(deep);
	size_t big = 1u << 20;
	char *huge = malloc(big + 8);
	memcpy(huge, "G(", 2);
	memset(huge + 2, 'a', big);
	strcpy(huge + 2 + big, ")");
	char *out = NULL, err[128];
	CHECK(mx_expand(huge, lookup, NULL, &out, err, sizeof(err)) == 0, "huge: %s", err);
	CHECK(out && strlen(out) == big, "huge argument");
	free(out);
	free(huge);
	fails("\"unterminated G(1)", "Unterminated string in expression.");
	fails("G(1) /* open comment", "Unterminated comment in macro expansion.");
	fails("'x", "Unmatched single quote.");
	expands("'\\'' \"\\\"\"", "'\\'' \"\\\"\"");
	fails("G((1)", "Malformed argument list for macro `G'.");
	fails("G(\"))", "Malformed argument list for macro `G'.");
	clear();
	return h_pass();
}
