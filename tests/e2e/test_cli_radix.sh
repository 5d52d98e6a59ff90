# gdb's set|show radix, input-radix and output-radix: numbers typed without a prefix read in
# the input radix (Invalid number "4". in radix 2; 0x and a leading 0 keep their bases), and
# integers, characters and booleans printed without a format in hex or octal (floats, pointers
# and enums as before), in values of the program's types and in plain numbers; the errors of
# a radix gdb refuses. The commands piped to gdb 13 and to cdbg; the outputs must be the same.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > r.c <<'C'
#include <stdbool.h>
enum color { RED, GREEN = 10 };
struct s { int i; char c; bool b; double d; enum color e; unsigned short u; int *p; };
struct s g = { 100, 'A', true, 2.5, GREEN, 65535, 0 };
int arr[3] = { 8, 16, 255 };
int main(void) { return g.i + arr[0] == 0; }
C
gcc -g -O0 -o r r.c || fail "cannot build the program"
cat > cmds <<'C'
show radix
set output-radix 16
show radix
print 10
print 20.
print (int) 20.
print -1
print 'A'
print 1 == 1
print g
print arr
print g.c
print/d g.i
print (char) 66
set output-radix 8
show output-radix
print g
print arr
print 100
set radix
set input-radix 2
show radix
print 101
print -11
print 4
print 0x1f
print 017
print arr[10]
set input-radix 16
print 10
set radix 16
show radix
print ff
print 10
print 1f + 1
set radix
set output-radix 3
set input-radix 1
set radix 7
show input-radix
show output-radix
set input-radix 36
print 10
print z
C
"$CDBG" -q -nx ./r < cmds 2>&1 | sed 's/^(cdbg) //' > cdbg.out
gdb -q -nx ./r < cmds 2>&1 | sed 's/(gdb) //g' | grep -v '^Reading symbols' > gdb.out
expect_grep gdb.out '^\$[0-9]+ = \{i = 0x64, '
diff -u gdb.out cdbg.out >&2 || fail "cdbg and gdb differ"
pass
