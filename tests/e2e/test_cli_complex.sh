# _Complex values as gdb 13 prints them ("1.5 + 2i", "-3.25 + -4.5i"; float, double and long
# double parts, in structs too, before the program runs and while it does) and $_creal and
# $_cimag of float and double complex values; ptype and whatis of history and convenience
# variables ($, $1, $v); compared with gdb on the same program.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > cx.c <<'C'
#include <complex.h>
#include <unistd.h>
float _Complex fc = 1.5f + 2.0f * I;
double _Complex dc = -3.25 - 4.5 * I;
long double _Complex ldc = 7.0L + 8.0L * I;
struct s { double _Complex z; int n; } sv = { 1.0 + 1.0 * I, 3 };
double _Complex arr[2] = { 1.0, 2.0 * I };
int main(void)
{
	double _Complex local = dc * 2;
	alarm(60);
	return (int)creal(local) + 6; /* stop */
}
C
gcc -g -O0 -o cx cx.c || fail "cannot build the program"
A=(-ex 'p fc' -ex 'p dc' -ex 'p ldc' -ex 'p sv' -ex 'p arr' -ex 'p $_creal(dc)'
	-ex 'p $_cimag(dc)' -ex 'ptype $' -ex 'whatis $1' -ex 'set $v = fc' -ex 'ptype $v'
	-ex 'p $_creal(fc)' -ex 'p $_cimag(fc) * 2' -ex 'p $_creal(sv.z)'
	-ex 'p $_creal(1)' -ex 'whatis dc' -ex 'break 12' -ex run -ex 'p local' -ex 'info locals'
	-ex 'p $_cimag(local)' -ex 'p sv.z' -ex 'output fc' -ex 'echo \n')
"$CDBG" -nx -batch "${A[@]}" ./cx 2>&1 | grep -vE '^(Breakpoint|Starting|\[)' > c.txt
DEBUGINFOD_URLS= gdb -nx -batch "${A[@]}" ./cx 2>&1 | grep -vE '^(Breakpoint|Starting|\[|Using host)' > g.txt
expect_grep c.txt '^\$[0-9]+ = -6.5 \+ -9i$'
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
