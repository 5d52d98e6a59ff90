# Assignment of structs, unions and arrays (set var s = t, print a = b, array literals), as
# gdb 13 does it: the bytes of a value of the same size, from the program's memory or the
# debugger's own (a literal); "Invalid cast." for sizes that differ (a literal too short, an
# integer into a struct; an array literal fills an array from its start); memory checked after each from outside the debugger's view (the
# program's own sums of its bytes). A string literal stored into a char * goes into the
# program's memory first (its malloc, as gdb), never the debugger's own address (the program
# would fault reading it). C's comma operator and ++/-- (pre and post) on elements. Compared
# with gdb on the same program.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > st.c <<'C'
#include <string.h>
#include <unistd.h>
char *g_msg = "ab";
struct s3 { char a, b, c; };
struct big { long x[40]; };
struct s3 g1 = { 1, 2, 3 }, g2;
struct big b1 = { { 1, 2, 3 } }, b2;
int arr[3] = { 1, 2, 3 }, arr2[3];
union u { int i; float f; } u1 = { 7 }, u2;
long sum(void)
{
	long s = g2.a + g2.b + g2.c + arr2[0] + arr2[1] + arr2[2] + u2.i + (long)strlen(g_msg);
	for (int i = 0; i < 40; i++)
		s += b2.x[i];
	return s;
}
int main(void)
{
	alarm(60);
	return (int)sum(); /* stop */
}
C
gcc -g -O0 -o st st.c || fail "cannot build the program"
args=(-ex 'break 18' -ex run -ex 'echo ===\n')
for c in 'set var g2 = g1' 'print g2' 'print b2 = b1' 'print b2.x[2]' 'set var arr2 = arr' \
	'print arr2' 'set var arr2 = {7, 8, 9}' 'print arr2' 'print u2 = u1' 'set var g2 = 5' \
	'set var arr2 = {1, 2}' 'print arr2' 'print u2 = 3' 'print g2 = g2' \
	'set var g_msg = "hello world"' 'print *g_msg@5' 'print sum()' \
	'print arr[0] = 9, arr[1] = 8, arr[0] + arr[1]' 'print (arr[2]++, arr[2])' \
	'print --arr[2]' 'print arr[0]--' 'print arr[0]' 'output arr[1]++, arr[1]'; do
	args+=(-ex "$c")
done
"$CDBG" -nx -batch "${args[@]}" ./st > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" ./st > g.txt 2>&1
sed -i '0,/^===$/d' c.txt
sed -i '0,/^===$/d; /^\[Inferior 1 .* killed\]$/d' g.txt
grep -q '^\$[0-9]* = 29$' c.txt ||
	fail "the program's own sum is not 1+2+3 + 1+2+0 + 3 + 6 + strlen(\"hello world\"): $(cat c.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
