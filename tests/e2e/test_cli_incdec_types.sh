# ++ and -- where gdb evaluates nothing: sizeof's operand, ptype and whatis (gdb's
# EVAL_AVOID_SIDE_EFFECTS: the operand's type, the variable unchanged) and the skipped side
# of && and ||; and print x++, print --x as whole commands. Compared with gdb 13 line by line.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > ic.c <<'C'
int x = 42;
int arr[4] = { 1, 2, 3, 4 };
int *ptr = arr;
char ch = 'a';
int main(void) { return x + *ptr + ch; }
C
gcc -g -O0 -o ic ic.c || fail "cannot build the program"
CMDS=(-ex 'break main' -ex run -ex 'print sizeof ++x' -ex 'print sizeof (x--)' -ex 'print x'
      -ex 'ptype ++x' -ex 'whatis x++' -ex 'whatis --ch' -ex 'ptype ptr++' -ex 'ptype ++arr'
      -ex 'print sizeof(arr[x++])' -ex 'print sizeof ++ch' -ex 'print x'
      -ex 'print (0 && (x++))' -ex 'print (1 || (--x))' -ex 'print x' -ex 'print x++'
      -ex 'print x' -ex 'print --x' -ex 'print ch++' -ex 'print ch' -ex 'whatis ++ptr[1]')

shape() { grep -vE '^\[|libthread_db|^Starting program' "$1" | sed -E 's#(at|file) [^ ]*/#\1 #'; }

timeout 60 gdb -batch -nx "${CMDS[@]}" ./ic > gdb.out 2>&1
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" ./ic > cdbg.out 2>&1
expect_grep gdb.out '^type = int$'
diff -u <(shape gdb.out) <(shape cdbg.out) >&2 || fail "cdbg and gdb differ"
pass
