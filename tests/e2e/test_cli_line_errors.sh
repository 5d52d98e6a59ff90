# A line the current file does not have, given without a file name: gdb's sentence names "the
# current file" (with a file name: that file), for until, advance and break alike; break then
# asks whether to make the breakpoint pending, as gdb does. The program is left where it was
# and then ends normally.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/vars"
[ -x "$PROG" ] || skip "tracee vars is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'break main' -ex run -ex 'until 99999' -ex 'advance 99999' -ex 'until vars.c:99999'
	-ex 'advance 0' -ex 'break 99999' -ex 'tbreak vars.c:0')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" -ex 'info line *$pc' -ex continue "$PROG" \
	> "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
grep '^No line' "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.err"
grep '^No line' "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.err"
expect_eq "gdb's sentences" "$(wc -l < "$E2E_TMP/gdb.err")" 6
diff -u "$E2E_TMP/gdb.err" "$E2E_TMP/cdbg.err" >&2 || fail "cdbg and gdb differ"
expect_eq "pending questions" "$(grep -c '^Make breakpoint pending' "$E2E_TMP/cdbg.out")" \
	"$(grep -c '^Make breakpoint pending' "$E2E_TMP/gdb.out")"
expect_grep "$E2E_TMP/cdbg.out" '^Line 114 of "[^"]*vars\.c" starts at address'
expect_grep "$E2E_TMP/cdbg.out" 'exited normally'
pass
