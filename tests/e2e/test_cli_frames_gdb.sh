# Frame commands compared with gdb: bt stops at main (gdb's backtrace past-main off), bt -N
# shows the outermost N frames, up/down with a count stop at the ends while a plain up at
# the outermost frame is an error, frame N beyond the stack is refused, and expressions see
# the selected frame.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/vars"
[ -x "$PROG" ] || skip "tracee vars is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'break fact if n == 3' -ex run -ex bt -ex 'bt -2' -ex 'bt -9' -ex 'bt full -1'
	-ex 'up 3' -ex up -ex 'frame 4' -ex 'down 9' -ex down -ex 'up 99' -ex 'p n'
	-ex 'down 1' -ex 'p n' -ex 'frame 2' -ex 'p n')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
# From the stop on: addresses (gdb turns randomisation off) and paths (gdb's are full) aside.
norm() {
	sed -n '/^Breakpoint 1, /,$p' "$1" | sed -E 's/0x[0-9a-f]{8,}/ADDR/g; s#at /[^ ]*/#at #'
}
norm "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.norm"
norm "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.norm"
expect_grep "$E2E_TMP/gdb.norm" '^Initial frame selected; you cannot go up\.$'
expect_grep "$E2E_TMP/gdb.norm" '^#3  ADDR in main \(\) at vars\.c:118$'
diff -u "$E2E_TMP/gdb.norm" "$E2E_TMP/cdbg.norm" >&2 || fail "cdbg and gdb differ"
pass
