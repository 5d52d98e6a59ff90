# GNU vectors (__attribute__((vector_size(N)))) as gdb 13 does them: printed as {1, 2, 3, 4}
# (a char vector too, no string), element-wise arithmetic and - ~ + !, a scalar widened with
# gdb's truncation check, == of whole vectors, gdb's errors for vectors of different types,
# casts to and from vectors of the same size, ptype's __attribute__ ((vector_size(N))),
# whatis keeping typedefs, assignments and ++ (the old value); vectors of int, unsigned, char,
# unsigned char, short, float, double, long long of 8, 16 and 32 bytes, and in a struct.
# Compared with gdb on the same program, before it runs and while it does.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > vec.c <<'C'
#include <unistd.h>
typedef int int4 __attribute__((vector_size(16)));
typedef unsigned int uint4 __attribute__((vector_size(16)));
typedef char char4 __attribute__((vector_size(4)));
typedef unsigned char uchar8 __attribute__((vector_size(8)));
typedef short short8 __attribute__((vector_size(16)));
typedef float float4 __attribute__((vector_size(16)));
typedef double double2 __attribute__((vector_size(16)));
typedef double double4 __attribute__((vector_size(32)));
typedef long long ll2 __attribute__((vector_size(16)));
typedef int int2 __attribute__((vector_size(8)));
typedef int int8v __attribute__((vector_size(32)));
int4 i4a = {2, 4, 8, 16}, i4b = {1, 2, 8, 4};
uint4 u4 = {1, 0xffffffff, 3, 4};
char4 c4 = {1, 2, 3, -4};
uchar8 uc8 = {1, 2, 3, 4, 250, 6, 7, 8};
short8 s8 = {1, -2, 3, -4, 5, -6, 7, -8};
float4 f4 = {1.5, -2.25, 3, 4};
double2 d2 = {0.5, -1e10};
double4 d4 = {1, 2, 3, 4};
ll2 l2 = {1, -1};
int2 i2 = {7, -7};
int8v i8 = {1, 2, 3, 4, 5, 6, 7, 8};
int ia = 2;
long long lla = 0x100000001ll;
float fa = 2;
struct sv { int n; char4 c; double2 d; } sv = {1, {5, 6, 7, 8}, {1.5, 2.5}};
int main(void)
{
	alarm(60);
	return i4a[0] == 0; /* stop */
}
C
gcc -g -O0 -o vec vec.c || skip "gcc cannot build vectors here"
A=(-ex 'p c4' -ex 'p/x c4' -ex 'p/x i4a' -ex 'p i4a + i4b' -ex 'p i4a - i4b' -ex 'p i4a * i4b'
	-ex 'p i4a / i4b' -ex 'p i4a % i4b' -ex 'p i4a << i4b' -ex 'p i4a >> 1' -ex 'p -i4a'
	-ex 'p ~i4a' -ex 'p +i4a' -ex 'p !i4a' -ex 'p i4a == i4b' -ex 'p i4a == i4a'
	-ex 'p i4a != i4b' -ex 'p i4a < i4b' -ex 'whatis i4a + i4b' -ex 'whatis 1 + i4a'
	-ex 'ptype i4a' -ex 'whatis i4a' -ex 'ptype int4' -ex 'whatis int4' -ex 'ptype sv'
	-ex 'p sv' -ex 'p uc8 + 10' -ex 'p s8 * s8' -ex 'p f4 / 0' -ex 'p i4a / 0'
	-ex 'p (long) i2' -ex 'p (int4) d2' -ex 'p (int4) u4' -ex 'p i4a + 1.5' -ex 'p f4 + 1.5'
	-ex 'p f4 % 2' -ex 'p i4a + &ia' -ex 'p i4a[1]' -ex 'p *&i4a' -ex 'p ~f4' -ex 'p -d2'
	-ex 'p i8' -ex 'p d4 * d4' -ex 'p l2 >> 1' -ex 'p u4 >> 1' -ex 'p i4a + u4'
	-ex 'p (char4) 7' -ex 'p (float4) i4a' -ex 'p c4 + 300' -ex 'p c4 + ia' -ex 'p lla + c4'
	-ex 'p 2 - f4' -ex 'p fa * f4' -ex 'p i4a + i2' -ex 'p (int2) 1' -ex 'p (char4) ia'
	-ex 'p (int2) lla' -ex 'whatis (int2) lla' -ex 'ptype (int2) lla' -ex 'p (int4) c4'
	-ex 'p sizeof(i4a)' -ex 'output i4a' -ex 'echo \n'
	-ex 'break 31' -ex run
	-ex 'p i4a = 3' -ex 'p i4a = ia' -ex 'p i4a = lla' -ex 'p i4a = i2' -ex 'p i4a = d2'
	-ex 'p i2 = lla' -ex 'p c4 = ia' -ex 'p i4a++' -ex 'p i4a' -ex 'p ++i4a' -ex 'p i4a--'
	-ex 'p --i4a' -ex 'p i4a <<= ia' -ex 'p i4a = {2, 4, 8, 16}' -ex 'p f4 = fa'
	-ex 'p i4a += 1' -ex 'p $x = i4a' -ex 'p $x + 1' -ex 'set var i2 = {3, 4}' -ex 'p i2')
"$CDBG" -nx -batch "${A[@]}" ./vec 2>&1 | grep -vE '^(Breakpoint|Starting|\[|[0-9]+	)' > c.txt
DEBUGINFOD_URLS= gdb -nx -batch "${A[@]}" ./vec 2>&1 |
	grep -vE '^(Breakpoint|Starting|\[|Using host|[0-9]+	)' > g.txt
expect_grep c.txt '^\$[0-9]+ = \{3, 6, 16, 20\}$'
expect_grep c.txt '^type = int __attribute__ \(\(vector_size\(4\)\)\)$'
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
