/*
 * call_types - functions with float, double, long double, struct, union, _Complex and array
 * parameters and results, for comparing cdbg's calls with gdb's (-O0 -g).
 *
 * Usage: call_types
 *
 * Single-threaded: main fills the globals, calls ready() (a breakpoint there stops it with
 * everything set), then exits 0. crash() dereferences NULL; bp_target() is for a breakpoint
 * that a call reaches.
 */
#include <stdio.h>
#include <string.h>

#include "tracee.h"

struct s2f { float a, b; };                 /* SSE, one eightbyte */
struct sid { int i; double d; };            /* INTEGER + SSE */
struct s3l { long a, b, c; };               /* MEMORY: returned through a hidden pointer */
struct sch { char c; };                     /* one byte */
union uif { int i; float f; };
struct sld { long double x; };              /* X87: in memory as an argument */

struct s2f g_s2f = { 1.5f, -2.25f };
struct sid g_sid = { 7, 0.125 };
struct s3l g_s3l = { 10, 20, 30 };
struct sch g_sch = { 'x' };
union uif g_uif = { .f = 3.0f };
struct sld g_sld = { 2.5L };
_Complex double g_cd = 1.0 + 2.0i;
_Complex float g_cf = 3.0f - 1.0if;
float g_f = 2.5f;
double g_d = -0.75;
long double g_ld = 1.25L;
int g_arr[5] = { 1, 2, 3, 4, 5 };
char g_name[16] = "call_types";

double add_dd(double a, double b) { return a + b; }
float add_ff(float a, float b) { return a + b; }
long double add_ldld(long double a, long double b) { return a + b; }
double mix_args(int i, float f, long l, double d, char c) { return i + f + l + d + c; }
double many_d(double a, double b, double c, double d, double e, double f, double g, double h,
	      double i, double j)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}
long many_i(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}
struct s2f mk_s2f(float a, float b) { struct s2f s = { a, b }; return s; }
struct sid mk_sid(int i, double d) { struct sid s = { i, d }; return s; }
struct s3l mk_s3l(long a) { struct s3l s = { a, 2 * a, 3 * a }; return s; }
struct sch mk_sch(char c) { struct sch s = { c }; return s; }
union uif mk_uif(int i) { union uif u = { .i = i }; return u; }
double sum_s2f(struct s2f s) { return s.a + s.b; }
double sum_sid(struct sid s) { return s.i + s.d; }
long sum_s3l(struct s3l s) { return s.a + s.b + s.c; }
long double get_sld(struct sld s) { return s.x * 2; }
_Complex double cmul(_Complex double a, _Complex double b) { return a * b; }
_Complex float cneg(_Complex float a) { return -a; }
double creal_of(_Complex double a) { return __real__ a; }
int arr_sum(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int str_len(const char *s) { return (int)strlen(s); }
int first_char(char s[]) { return s[0]; }
int kr_args(a, b) float a; short b; { return (int)(a * 10) + b; } /* no prototype */
int add_int(int a, int b) { return a + b; }
int bp_target(int x) { return x * 3; }
int crash(int *p) { return *p; }
void ready(void) {}

int main(void)
{
	tracee_init();
	ready();
	printf("%g %d\n", add_dd(g_d, 1), kr_args(1.5f, 2));
	return 0;
}
