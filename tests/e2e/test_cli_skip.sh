# gdb's skip list: `skip`, `skip function`, `skip file`, -fi/-gfi/-fu/-rfu and both kinds in one
# entry, `info skip` with number lists, enable/disable/delete, the errors, completion of the
# entry numbers; and `step`, which steps over a call into a skipped function or file (and
# into the others). Compared with gdb line by line (directories masked).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > main.c <<'C'
int lib_one(int);
int lib_two(int);
int foo(void) { return 1; }
int bar(int a) { return a + 2; }
int baz(int a) { return a * 3; }
int main(void)
{
	int x = baz((bar(1), foo()));
	x += lib_one(x);
	x += lib_two(x);
	x += bar(foo());
	return x == 12345;
}
C
cat > lib.c <<'C'
int lib_one(int a) { return a + 1; }
int lib_two(int a) { return a - 1; }
C
gcc -g -O0 -o prog main.c lib.c || fail "cannot build the program"

CMDS=(-ex 'skip' -ex 'skip function' -ex 'skip file' -ex 'info skip' -ex 'skip -fi'
      -ex 'skip -function' -ex 'skip -x' -ex 'skip -rfu foo.* xyzzy'
      -ex 'skip -fi a.c -gfi b*.c' -ex 'skip -fu a -rfu b' -ex 'skip delete 1'
      -ex 'break main' -ex 'run' -ex 'info skip' -ex 'skip function bar' -ex 'skip file lib.c'
      -ex 'skip foo' -ex 'step' -ex 'bt' -ex 'step' -ex 'step' -ex 'info skip'
      -ex 'skip disable 2' -ex 'info skip 2' -ex 'skip enable a' -ex 'skip delete 9'
      -ex 'info skip 7' -ex 'info skip 1-2 3' -ex 'complete skip d' -ex 'complete skip delete '
      -ex 'complete skip enable 2-' -ex 'run' -ex 'step' -ex 'bt' -ex 'finish' -ex 'step'
      -ex 'skip delete' -ex 'info skip' -ex 'skip -gfi l*.c -rfu ^lib_t' -ex 'skip -fu main'
      -ex 'skip -fi main.c -fu foo' -ex 'info skip' -ex 'run' -ex 'step' -ex 'step' -ex 'step'
      -ex 'bt' -ex 'step' -ex 'step' -ex 'skip' -ex 'skip file' -ex 'info skip')

shape() {
	grep -vE '^\[|libthread_db|^Starting program|^Run till exit' "$1" |
		sed -E 's#(at|file|File) [^ ]*/#\1 #; s#^([0-9]+ +[yn] +[yn]) /[^ ]*/#\1 #; s/0x[0-9a-f]{8,}/ADDR/g'
}

timeout 60 gdb -batch -nx "${CMDS[@]}" ./prog > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" ./prog > "$E2E_TMP/cdbg.out" 2>&1
expect_grep "$E2E_TMP/gdb.out" '^Function bar will be skipped when stepping\.$'
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
