# info frame as gdb 13 shows it (the frame's CFA, the saved pc, its neighbours' CFAs, the
# language, the arguments, where the caller's registers are saved, from the CFI) and gdb's
# ways of naming a frame: frame [level] N, frame address ADDR (a CFA; $sp of the frame above
# is the CFA of the one below), frame function NAME (its innermost frame), select-frame with
# the same arguments, and their errors. Compared with gdb line by line (stack addresses
# masked: gdb gives the program LINES and COLUMNS, which move the stack).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > fs.c <<'C'
volatile int sink;
int leaf(int a, char b) { sink = a + b; return sink; }
int rec(int n) { return n ? rec(n - 1) + 1 : leaf(n, 'x'); }
int mid(long x) { return rec(2) + (int)x; }
int main(void) { return mid(7) == 12345; }
C
gcc -g -O0 -o fs fs.c || fail "cannot build the program"
CMDS=(-ex 'info frame' -ex 'frame function leaf' -ex 'frame 1' -ex 'frame' -ex 'select-frame' -ex 'break leaf' -ex run -ex 'info frame'
      -ex 'frame 1' -ex 'info frame' -ex 'frame level 4' -ex 'info frame' -ex 'frame level 5'
      -ex 'info frame' -ex 'frame level 6' -ex 'frame function rec' -ex 'frame function mid'
      -ex 'frame function nosuch' -ex 'frame function sink' -ex 'frame 2'
      -ex 'frame address $sp' -ex 'frame address 0x10' -ex 'frame level' -ex 'frame address'
      -ex 'frame function' -ex 'select-frame 3' -ex 'frame' -ex 'select-frame function main'
      -ex 'info frame' -ex 'select-frame level 0' -ex 'frame' -ex 'select-frame 9'
      -ex 'select-frame' -ex 'frame')

shape() {
	grep -vE '^\[|libthread_db|^Starting program' "$1" |
		sed -E 's#(at|file) [^ ]*/#\1 #; s# \(/[^ ]*/# (#; s/0x7ff[0-9a-f]+/STACK/g'
}

timeout 60 gdb -batch -nx "${CMDS[@]}" ./fs > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" ./fs > "$E2E_TMP/cdbg.out" 2>&1
expect_grep "$E2E_TMP/gdb.out" '^ Saved registers:$'
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
