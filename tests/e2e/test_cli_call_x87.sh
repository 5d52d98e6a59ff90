# Calls of functions that return structs holding long doubles and _Complex long doubles, and
# _Complex long double itself: the System V ABI returns a bare long double or _Complex long
# double in st0/st1, a struct of 16 bytes holding a long double in st0, and a larger struct
# through memory the caller gives (a hidden pointer): cdbg once took such a struct for a bare
# _Complex long double, gave no pointer, and the program faulted inside the call. Compared
# with gdb; the program must run on to its normal exit after the calls.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > ldc.c <<'C'
#include <complex.h>
#include <unistd.h>
struct s1 { long double _Complex a; };
struct s2 { struct s1 s1; };
struct t { struct s2 s2; long double _Complex b; };
struct ld { long double x; };
struct ldi { long double x; int n; };
struct s1 g1 = { 97 };
struct t gt = { { { 1 + 2 * I } }, 3 };
struct s1 r1(void) { return g1; }
struct t rt(void) { return gt; }
struct ld rld(void) { struct ld v = { 2.5L }; return v; }
struct ldi rldi(int n) { struct ldi v = { 0.5L, n }; return v; }
long double _Complex rc(void) { return 5 + 6 * I; }
long double rl(long double x) { return x * 2; }
int main(void)
{
	alarm(60);
	return 0; /* stop */
}
C
gcc -g -O0 -o ldc ldc.c || fail "cannot build the program"
A=(-ex 'break 19' -ex run -ex 'echo ===\n' -ex 'p r1()' -ex 'p rt()' -ex 'p rld()'
	-ex 'p rldi(7)' -ex 'p rc()' -ex 'p r1().a' -ex 'p rt().b' -ex 'p rl(1.25)' -ex continue)
"$CDBG" -nx -batch "${A[@]}" ./ldc > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${A[@]}" ./ldc > g.txt 2>&1
grep -q 'exited normally' c.txt || fail "the program did not run on to its exit: $(cat c.txt)"
grep -q 'SIG' c.txt && fail "a call faulted: $(cat c.txt)"
sed -i '0,/^===$/d; /^\[Inferior 1/d; /^Continuing\.$/d' c.txt g.txt
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
