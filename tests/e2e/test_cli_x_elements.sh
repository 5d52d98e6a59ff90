# x/s and char * values stop at `print elements` characters, as gdb's: "..." after them, and
# x/Ns goes on from the next character (not past a NUL it did not reach); unlimited reads to the
# NUL. Compared with gdb on the same program (before it runs and while it runs).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > xs.c <<'C'
#include <unistd.h>
char str[] = "hello";
char longer[300] = "abcdefghijklmnopqrstuvwxyz0123456789";
char *p = str;
int main(void) { alarm(60); return str[0] == 'h' ? 0 : 1; }
C
gcc -g -O0 -o xs xs.c || fail "cannot build the program"
cat > cmds.txt <<'G'
set print elements 4
x/s str
x/3s str
print p
print (char *)longer
set print elements 30
x/2s longer
print p
set print elements unlimited
x/s longer
print (char *)longer
break main
run
set print elements 3
x/2s str
print p
output p
echo \n
G
norm() {
	sed 's/(gdb) //g; s/(cdbg) //g; /^Reading symbols/d; /^Breakpoint 1 at/d;
		/^Starting program/d; /libthread_db/d; /^Breakpoint 1, /d; /^[0-9][0-9]*\t/d;
		/^$/d; /^A debugging session/,$d'
}
gdb -nx -q ./xs < cmds.txt 2>&1 | norm > g.txt
"$CDBG" -nx -q ./xs < cmds.txt 2>&1 | norm > c.txt
grep -q '"hell"\.\.\.' c.txt || fail "x/s did not stop at 4 characters: $(cat c.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
