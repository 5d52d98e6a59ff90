# gdb's enable/disable display with its abbreviations ("disab disp 1", "enab disp"), the error
# for an unknown number, info display's Enb column, and print/r (raw: no pretty-printers)
# taking the last /FMT letter as gdb's does. The lines are compared with gdb's own when it is
# installed.
. "$CDBG_E2E_LIB"

cat > "$E2E_TMP/s.gdb" <<'GDB'
break recurse if who == 0 && a == 4
run
display a
display/x a
disab disp 1
info display
disable display 2
enable display 1
info display
enab disp
info disp
print/r a
print/x a
print/r a
print a
enab  disp 6
GDB

run_one() { # DEBUGGER OUT
	timeout 120 "$1" -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_scope" \
		> "$2" 2>&1
	# (An error ends a batch script: the unknown number comes last.)
	# From the first info display on: the lines both debuggers print the same way.
	sed -n '/^Auto-display/,$p' "$2" | grep -v '^\[Inferior\|thread_db\|Error in sourced' > "$2.cut"
}

run_one "$CDBG" "$E2E_TMP/cdbg.out"
cat > "$E2E_TMP/want" <<'OUT'
Auto-display expressions now in effect:
Num Enb Expression
1:   n  a
2:   y  /x a
Auto-display expressions now in effect:
Num Enb Expression
1:   y  a
2:   n  /x a
Auto-display expressions now in effect:
Num Enb Expression
1:   y  a
2:   y  /x a
$1 = 4
$2 = 0x4
$3 = 0x4
$4 = 4
No display number 6.
OUT
diff "$E2E_TMP/want" "$E2E_TMP/cdbg.out.cut" > "$E2E_TMP/diff" || fail "cdbg: $(cat "$E2E_TMP/diff")"
if command -v gdb > /dev/null; then
	run_one gdb "$E2E_TMP/gdb.out"
	if [ -s "$E2E_TMP/gdb.out.cut" ]; then
		diff "$E2E_TMP/want" "$E2E_TMP/gdb.out.cut" > "$E2E_TMP/diff" ||
			fail "gdb: $(cat "$E2E_TMP/diff")"
	fi
fi
pass
