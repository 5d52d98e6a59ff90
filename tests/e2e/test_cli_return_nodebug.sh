# `return` from functions without debug information, compared with gdb on a program of our own
# (the callees built without -g): a value without a cast is refused with gdb's words, a cast
# gives the value its type (signed char, short, long, float, double through xmm0, a pointer), a
# cast that is not the outermost operation ("(long) -1 + 0") is refused too, the caller sees the
# value; and typed: "Make selected stack frame return now?" (gdb's question when it has no
# symbol for the function).
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cat > "$E2E_TMP/cal.c" << 'C'
signed char fc(void) { return 5; }
short fs(void) { return 5; }
long fl(void) { return 5; }
float ff(void) { return 5; }
double fd(void) { return 5; }
char *fp(void) { return 0; }
C
cat > "$E2E_TMP/main.c" << 'C'
signed char fc(void); short fs(void); long fl(void); float ff(void); double fd(void);
char *fp(void);
volatile signed char c; volatile short s; volatile long l; volatile float f; volatile double d;
char *volatile p;
static char text[] = "hi";
void marker(void) {}
int main(void)
{
	c = fc(); s = fs(); l = fl(); f = ff(); d = fd(); p = fp();
	marker();
	return 0;
}
C
gcc -O0 -fno-stack-protector -c -o "$E2E_TMP/cal.o" "$E2E_TMP/cal.c" || fail "gcc failed"
gcc -g -O0 -o "$E2E_TMP/rn" "$E2E_TMP/main.c" "$E2E_TMP/cal.o" || fail "gcc failed"
CMDS=(-ex 'break fc' -ex 'break fs' -ex 'break fl' -ex 'break ff' -ex 'break fd' -ex 'break fp'
	-ex 'break marker' -ex run
	-ex 'return -1' -ex 'return (long) -1 + 0' -ex 'return (signed char) -1' -ex continue
	-ex 'return (short) -2' -ex continue -ex 'return 3' -ex 'return (long) (-3)' -ex continue
	-ex 'return (float) 2.5' -ex continue -ex 'return (double) -0.25' -ex continue
	-ex 'return (char *) text' -ex continue
	-ex 'print c' -ex 'print s' -ex 'print l' -ex 'print f' -ex 'print d' -ex 'print p')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$E2E_TMP/rn" 2>&1 |
	grep -v '^Continuing\|^\[\|^Using host\|^Breakpoint\|^Starting\|^#\|^[0-9]\|^$' > "$E2E_TMP/cdbg.out"
timeout 60 gdb -batch -nx "${CMDS[@]}" "$E2E_TMP/rn" 2>&1 |
	grep -v '^Continuing\|^\[\|^Using host\|^Breakpoint\|^Starting\|^#\|^[0-9]\|^$' > "$E2E_TMP/gdb.out"
grep -q '^\$1 = -1 ' "$E2E_TMP/gdb.out" || fail "gdb printed no value"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"

# typed (piped) commands: the refusal comes before any question; then gdb's question for a
# function it has no symbol for (answered by itself: input not from a terminal)
cdbg_start rn -q -nx "$E2E_TMP/rn"
send 'break fl'
send 'run'
send 'return 7'
send 'return (long) 7'
send 'next'
send 'print l'
cdbg_try_sync "return" || fail "$IFAIL"
send 'quit'
cat "$E2E_TMP/rn.err" >> "$E2E_TMP/rn.out"
cp "$E2E_TMP/rn.out" "$E2E_TMP/piped.out"
expect_grep "$E2E_TMP/rn.out" 'Please use an explicit cast of the value to return'
expect_grep "$E2E_TMP/rn.out" '^Make selected stack frame return now\? \(y or n\) \[answered Y; input not from terminal\]$'
expect_grep "$E2E_TMP/rn.out" '^\$1 = 7$'
pass
