# Casts to the program's typedefs by gdb's rules (value_cast), and typedef names where a value
# must be, compared with gdb 13 byte for byte on the same program: every cast of a table of
# types (void, int, float, double, long double, a flag-like enum, a struct, a union, an array,
# a function pointer, each behind a typedef) from each of a table of values (variables of each
# kind, literals), with whatis and print; then the parser's questions to the symbols ((v) 2
# is a syntax error when v is a variable, (v) * 2 a product; a type's name as a value is a
# syntax error after it, or "Attempt to use a type name as an expression"); void typedefs;
# long double values (computed with as doubles: exact here) and their 21 digits; flag enums
# "(green | blue | unknown: 0x4)"; ptype's /r /m /t flags; and C++'s names of the same
# (below), where an empty class prints as {<No data fields>} and static data members as
# "static a = 73" (ptype: "static int a;").
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > prog.c <<'C'
#include <unistd.h>
typedef void void_t;
typedef void_t void_t2;
typedef int int_t;
typedef int_t int_t2;
typedef float flt_t;
typedef double dbl_t;
typedef long double ld_t;
typedef enum color { red, green, blue } color_t;
typedef struct pt { int x; } pt_t;
typedef union wrap { pt_t base; char c[4]; } wrap_t;
typedef unsigned char bytes_t[sizeof(pt_t)];
typedef void fn_t(void);
typedef fn_t *fnp_t;
int_t v_int = 7;
int_t2 v_int2 = -3;
flt_t v_flt = 1.5f;
dbl_t v_dbl = 2.5;
ld_t v_ld = 3.75L;
color_t v_color = green;
pt_t v_pt = { 5 };
wrap_t v_wrap = { { 0x41424344 } };
bytes_t v_bytes = { 1, 2, 3, 4 };
void f(void) {}
fnp_t v_fn = f;
void_t *v_vp;
int main(void)
{
	alarm(60);
	v_vp = &v_int;
	return v_int + (int)v_ld; /* stop */
}
C
gcc -g -O0 -o prog prog.c || fail "cannot build the program"

args=(-ex 'break 31' -ex run -ex 'echo ===\n')
for t in void_t void_t2 int_t int_t2 flt_t dbl_t ld_t color_t pt_t wrap_t bytes_t fnp_t; do
	for v in v_int v_int2 v_flt v_ld v_color v_pt v_wrap v_bytes v_fn 7 1.5; do
		args+=(-ex "whatis ($t) $v" -ex "print ($t) $v")
	done
done
for c in 'print int_t' 'print int_t * 2' 'print 1 + int_t + 2' 'print (v_int) 2' \
	'print (v_int) * 2' 'print sizeof int_t' 'print int_t[2]' 'print -int_t' 'whatis void_t' \
	'whatis void_t2' 'ptype void_t2' 'ptype v_fn' 'ptype fnp_t' 'whatis v_vp' 'ptype v_vp' \
	'print v_ld * 2' 'print (dbl_t) v_ld' 'print (int_t) v_ld' 'print v_ld' 'print (nosuch) 1' \
	'print (color_t) 3' 'print (color_t) 0' 'print (color_t) 8' 'print/d (color_t) 3' \
	'print v_color' 'output (ld_t) v_pt' 'print sizeof(v_int)' 'print sizeof(int_t *)' \
	'whatis (int_t) v_int2 + 1' 'print (pt_t) 9' 'print (bytes_t) v_int' \
	'print (int_t)(flt_t)(dbl_t) v_ld' 'print -(ld_t) 2' 'ptype/r pt_t' 'whatis/r v_pt' \
	'ptype /rt struct pt' 'ptype/m wrap_t' 'ptype/q int' 'ptype/ int'; do
	args+=(-ex "$c")
done
"$CDBG" -nx -batch "${args[@]}" ./prog > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" ./prog > g.txt 2>&1
sed -i '0,/^===$/d' c.txt
sed -i '0,/^===$/d; /^\[Inferior 1 .* killed\]$/d' g.txt
[ "$(wc -l < g.txt)" -gt 290 ] || fail "gdb printed too little: $(head -5 g.txt)"
diff -u g.txt c.txt > diff.txt || fail "casts and type names: gdb (-) / cdbg (+):
$(head -60 diff.txt)"

# C++: names without struct/enum and qualified by their namespace, enums with their underlying
# type, (void) parameter lists, member function pointers (this as a const pointer), a type's
# name after a parenthesised value reported after it, as gdb's C++ parser does.
command -v g++ > /dev/null || skip "g++ is not installed"
cat > cxx.cc <<'C'
#include <unistd.h>
namespace ns {
struct Struct { int m; void method() {} };
typedef void (Struct::*method_ptr)();
typedef Struct Struct_t;
}
typedef enum colors { red, green, blue } colors_t;
typedef void fn_t(void);
typedef union u { ns::Struct s; int i; } u_t;
struct E {};
struct holder { E e; int n; } v_holder = { {}, 5 };
E v_e;
struct withstatic { static int a; static const int k = 5; static double d; int x; };
int withstatic::a = 73;
double withstatic::d = 2.5;
withstatic v_ws = { 4 };
ns::method_ptr v_mp = &ns::Struct::method;
ns::Struct_t v_s = { 3 };
colors_t v_c = blue;
fn_t *v_fn;
u_t v_u;
int v_int = 4;
int main()
{
	alarm(60);
	return v_int - 4; /* stop */
}
C
g++ -g -O0 -o cxx cxx.cc || fail "cannot build the C++ program"
args=(-ex 'break 19' -ex run -ex 'echo ===\n')
for c in 'ptype ns::method_ptr' 'whatis ns::method_ptr' 'whatis v_mp' 'ptype v_mp' \
	'whatis ns::Struct_t' 'whatis v_s' 'ptype colors_t' 'whatis colors_t' 'whatis v_c' \
	'print v_c' 'print (colors_t) 3' 'ptype fn_t' 'ptype v_fn' 'whatis v_fn' 'ptype u_t' \
	'whatis (v_int) colors_t' 'whatis (v_int) ns::Struct_t' 'whatis (v_int) fn_t *' \
	'whatis (colors_t) v_int' 'print (colors_t) v_int' 'whatis (ns::Struct_t) v_int' \
	'print (ns::Struct_t) v_int' 'whatis (ns::method_ptr) v_int' 'print sizeof(ns::Struct_t)' \
	'print v_e' 'print v_holder' 'print/x v_holder' 'print v_ws' 'ptype v_ws' 'print/x v_ws' \
	'print -pretty -- v_ws' 'print withstatic::a' 'print withstatic::k' 'print withstatic::d * 2' \
	'whatis withstatic::d' 'set var withstatic::a = 9' 'print v_ws'; do
	args+=(-ex "$c")
done
"$CDBG" -nx -batch "${args[@]}" ./cxx > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" ./cxx > g.txt 2>&1
sed -i '0,/^===$/d' c.txt
sed -i '0,/^===$/d; /^\[Inferior 1 .* killed\]$/d' g.txt
[ "$(wc -l < g.txt)" -gt 20 ] || fail "gdb printed too little (C++): $(head -5 g.txt)"
diff -u g.txt c.txt > diff.txt || fail "C++ type names: gdb (-) / cdbg (+):
$(head -60 diff.txt)"
pass
