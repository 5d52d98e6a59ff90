# dump in gdb's other formats (ihex, srec, tekhex, verilog; memory and value, abbreviated
# subcommands, an END expression with blanks) and restore (those formats and binary, with an
# offset and a START-END window): the files cdbg writes are byte for byte gdb 13's (made
# under the same relative names), and the same commands give the same output in both
# debuggers, values restored included. print of a void function's call is "$N = void".
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > d.c <<'C'
int arr[40] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 };
int copy[40];
struct s { int a; char b; long c; } st = { 7, 'x', 99 };
void zero() { int i; for (i = 0; i < 40; i++) arr[i] = 0; st.a = 0; st.c = 0; }
int main(void) { return arr[0] + st.a == 1234; }
C
gcc -g -O0 -no-pie -o d d.c || fail "cannot build the program"
CMDS=(-ex 'break main' -ex run -ex 'dump ihex value a.ihex arr' -ex 'dump srec val a.srec arr'
      -ex 'dump tekhex value a.tek arr' -ex 'dump verilog value a.v arr'
      -ex 'dump bin val a.bin arr' -ex 'dump ihex memory s.ihex &st (char *) &st + sizeof st'
      -ex 'dump srec mem s.srec &st &st + 1' -ex 'dump tekhex memory s.tek &st &st+1'
      -ex 'dump verilog memory s.v &st &st+1' -ex 'dump binary memory s.bin &st &st+1'
      -ex 'print zero()' -ex 'print arr' -ex 'restore a.ihex' -ex 'print arr' -ex 'print zero()'
      -ex 'restore a.srec' -ex 'print arr' -ex 'print zero()' -ex 'restore a.tek'
      -ex 'print arr' -ex 'print zero()' -ex 'restore s.tek' -ex 'restore s.srec'
      -ex 'print st' -ex 'print zero()' -ex 'restore a.bin binary &arr' -ex 'print arr'
      -ex 'restore a.ihex (char *) copy - (char *) arr' -ex 'print copy'
      -ex 'print zero()' -ex 'restore a.bin binary &arr 8 20' -ex 'print arr'
      -ex 'restore a.srec 0 0x404060 0x404070' -ex 'restore a.ihex 0 8 4' -ex 'restore'
      -ex 'restore nosuch.ihex')

shape() { grep -vE '^\[|libthread_db|^Starting program' "$1" | sed -E 's#(at|file) [^ ]*/#\1 #'; }

mkdir -p g c
(cd g && timeout 60 gdb -batch -nx "${CMDS[@]}" ../d > ../gdb.out 2>&1)
(cd c && timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" ../d > ../cdbg.out 2>&1)
expect_grep gdb.out '^Restoring section \.newsec'
diff -u <(shape gdb.out) <(shape cdbg.out) >&2 || fail "cdbg and gdb differ"
for f in a.ihex a.srec a.tek a.v a.bin s.ihex s.srec s.tek s.v s.bin; do
	cmp "g/$f" "c/$f" >&2 || fail "cdbg's $f is not gdb's"
done
pass
