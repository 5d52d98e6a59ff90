# Line specs as gdb reads them: a bare LINE before the program runs means main's file, or the
# file `list` showed last; a line spec followed by words that are not a breakpoint's keywords is
# gdb's "malformed linespec error" (for break, tbreak, until, advance and info line alike),
# never a command run on the part it understood (advance 99 then stop ran to line 99). Each
# compared with gdb 13 on the same program; the program then ends normally.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/crasher"
[ -x "$PROG" ] || skip "tracee crasher is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

norm() {
	grep -E '^(Breakpoint|Temporary breakpoint|malformed|Line|No line|Function)' "$1" |
		sed -E 's/0x[0-9a-f]+/ADDR/g'
}

# Before run.
CMDS=(-ex 'break 60 then stop' -ex 'break 60' -ex 'info line 62' -ex 'tbreak crasher.c:64 extra'
	-ex 'break 62 if level == 1' -ex 'list 96,97' -ex 'break 97' -ex 'info line 97 x')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
norm "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.n"
norm "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.n"
expect_eq "malformed linespecs (gdb)" "$(grep -c '^malformed' "$E2E_TMP/gdb.n")" 3
diff -u "$E2E_TMP/gdb.n" "$E2E_TMP/cdbg.n" >&2 || fail "before run: cdbg and gdb differ"

# With the program stopped in dive: until/advance with junk do not run it.
CMDS=(-ex 'break dive' -ex run -ex 'advance 99 then stop' -ex 'until 99 foo' -ex 'info line *$pc')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" -ex kill "$PROG" < /dev/null > "$E2E_TMP/cdbg2.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" -ex kill "$PROG" < /dev/null > "$E2E_TMP/gdb2.out" 2>&1
norm "$E2E_TMP/cdbg2.out" > "$E2E_TMP/cdbg2.n"
norm "$E2E_TMP/gdb2.out" > "$E2E_TMP/gdb2.n"
diff -u "$E2E_TMP/gdb2.n" "$E2E_TMP/cdbg2.n" >&2 || fail "stopped: cdbg and gdb differ"
expect_grep "$E2E_TMP/cdbg2.out" '^Line 6[0-9] of "[^"]*crasher\.c"'
pass
