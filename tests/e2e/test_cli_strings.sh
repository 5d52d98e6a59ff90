# String literals as values the debugger holds (no process needed, no malloc in the program):
# "abc" prints, has type char [4] and size 4, indexes and dereferences; a convenience variable
# assigned a string keeps its own copy (sizeof, print, index, printf %s), compared line by line
# with gdb 13 on the program's file (print address off: cdbg keeps the bytes in its own memory
# where gdb copies them into the program).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/vars
CMDS=(-ex 'set print address off'
      -ex 'print "abc"' -ex 'print sizeof ("abc")' -ex 'ptype "abc"' -ex 'whatis "abcdef"'
      -ex 'p "abcd"[2]' -ex 'p sizeof ("abcdef")' -ex 'p "embedded \000 null"' -ex 'p ""'
      -ex 'p "a\"b\n"' -ex 'p sizeof ("")' -ex 'p "abc" [0] + 1'
      -ex 'print $cvar = "abc"' -ex 'print sizeof ($cvar)' -ex 'p $cvar' -ex 'p $cvar[1]'
      -ex 'set var $cstr = "abcde"' -ex 'printf "cstr val = %s\n", $cstr'
      -ex 'set var $cstr = "xy"' -ex 'p $cstr' -ex 'p sizeof ($cstr)' -ex 'p $cvar'
      -ex 'break main' -ex 'run'
      -ex 'p "a string"' -ex 'p "abcd"[2]' -ex 'p *"foo"' -ex 'ptype *"foo"'
      -ex 'p $cvar' -ex 'printf "%s|%s\n", $cvar, $cstr')

shape() {
	grep -v -E '^(Breakpoint 1|Starting program|\[Thread debugging|Using host libthread|\[Inferior|[0-9]+[[:space:]])' "$1"
}

timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
expect_grep "$E2E_TMP/cdbg.out" '^\$1 = "abc"$'
expect_grep "$E2E_TMP/cdbg.out" '^cstr val = abcde$'
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
