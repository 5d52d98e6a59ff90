# A program's variables and functions without debug info (only ELF symbols), as gdb 13 treats
# them: a variable is used only through a cast, which reads its bytes as that type ((double)v
# is its double, not its bits as an integer), or through &; print, arithmetic and sizeof of it
# give gdb's "'v' has unknown type; cast it to its declared type"; whatis and ptype name what
# it is; a call of such a function must be cast ("'f' has unknown return type"), and a cast
# call works. Compared with gdb on the same program, line for line.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > nd.c <<'C'
#include <unistd.h>
char v_char = 'a';
short v_short = -3;
int v_int = 5;
long v_long = -123456789012L;
float v_float = 2.5f;
double v_double = 1.5;
int func(int x) { return x + 1; }
int main(void) { alarm(60); return func(v_int) - 6; }
C
gcc -O0 -o nd nd.c || fail "cannot build the program"
cat > cmds.txt <<'G'
whatis v_char
ptype v_int
print v_int
print v_double
print v_int + 1
print sizeof(v_int)
print (char)v_char
print (short)v_short
print (int)v_int
print (long)v_long
print (float)v_float
print (double)v_double
whatis func
ptype func
print func(3)
break main
run
print v_int
print func(3)
print (int)func(3)
print (long)func(40)
set var v_int = 9
print (int)v_int
output (double)v_double
echo \n
G
gdb -nx -q ./nd < cmds.txt 2>&1 | sed 's/(gdb) //g; /^Reading symbols/d; /^(No debugging symbols/d;
	/libthread_db/d; /^Breakpoint 1 at/d; /^Starting program/d; /^Breakpoint 1, /d;
	/^A debugging session/,$d; /^$/d' > g.txt
"$CDBG" -nx -q ./nd < cmds.txt 2>&1 | sed 's/(cdbg) //g; /^Reading symbols/d;
	/^Breakpoint 1 at/d; /^Starting program/d; /^Breakpoint 1, /d; /^$/d' > c.txt
grep -q '^\$[0-9]* = 1.5$' c.txt || fail "(double)v_double is not 1.5: $(cat c.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
