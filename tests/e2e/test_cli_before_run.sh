# Symbols from the program's file before it runs, against gdb 13 on the same binaries: break
# (FUNC, FILE:LINE, *ADDRESS, *FUNC, tbreak, quoted names), info breakpoints, list, info line,
# info address, info symbol, disassemble, x, ptype, whatis, print (sizeof, &global, global from
# the file's data), and gdb's answers for what needs a process; then `run` hitting what was set
# before it at the relocated addresses, and `file` switching programs.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
printf 'call\nquit\n' > "$E2E_TMP/in.txt"

# norm FILE: gdb names a source file as the compiler was given it (a full path here); cdbg
# prints its base name in breakpoint lines.
norm() {
	sed -i -E 's#(file |in [^ ]+ at |at )/[^ ,:]*/([^/ ,:]+)#\1\2#g' "$1"
}

# same PROG WHAT COMMANDS...: both debuggers on PROG without running it; the output after the
# "===" marker must be the same.
same() {
	local prog=$CDBG_TRACEE_DIR/$1 what=$2 args=(-ex 'set width 0' -ex 'echo ===\n') c
	shift 2
	[ -x "$prog" ] || skip "tracee $(basename "$prog") is not built"
	for c in "$@"; do args+=(-ex "$c"); done
	"$CDBG" -batch "${args[@]}" "$prog" > "$E2E_TMP/c.out" 2>&1 < /dev/null
	DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" "$prog" > "$E2E_TMP/g.txt" 2>&1 < /dev/null
	sed -i '0,/^===$/d' "$E2E_TMP/c.out" "$E2E_TMP/g.txt"
	norm "$E2E_TMP/g.txt"
	norm "$E2E_TMP/c.out"
	[ -s "$E2E_TMP/g.txt" ] || fail "$what: gdb printed nothing"
	diff "$E2E_TMP/g.txt" "$E2E_TMP/c.out" > "$E2E_TMP/diff.out" ||
		fail "$what ($1): cdbg differs from gdb: $(cat "$E2E_TMP/diff.out")"
}

# ---- C, a PIE (unrelocated addresses from 0) and a fixed-address program -------------------
for prog in sym_basic sym_nopie; do
	line=$(grep -n 'L:hit_if' "$(dirname "$CDBG_E2E_LIB")/../tracees/sym_basic.c" 2>/dev/null | cut -d: -f1)
	[ -n "$line" ] || line=40
	same $prog "breakpoints" 'break main' 'break hit' "break sym_basic.c:$line" 'break *hit' \
		'tbreak other' 'break nosuch' 'break nofile.c:3' 'info breakpoints'
	same $prog "symbols" 'info line hit' "info line sym_basic.c:$line" 'info address hit' \
		'info address sym_counter' 'info symbol hit' 'info symbol sym_counter' \
		'disassemble other' 'x/3i hit' 'list hit' 'list' 'list main'
	same $prog "values" 'print sym_counter' 'print &sym_counter' 'print sizeof(sym_table)' \
		'print sizeof(int)' 'ptype hit' 'whatis sym_table' 'whatis hit' 'print hit' \
		"print 'sym_basic.c'::sym_counter" 'x/4xw &sym_table' 'print sym_table' \
		'output sym_counter' 'print nosuch' 'ptype struct nosuch'
	same $prog "no process" 'info registers' 'bt' 'info frame' 'x/i $pc' \
		'finish' 'next' 'stepi' 'continue' 'info threads' 'print $pc' \
		'kill' 'detach' 'disassemble'
done

# ---- C++ and Go -----------------------------------------------------------------------------
same cxx_prog "C++" 'break main' 'list main' 'print sizeof(int)'
if [ -x "$CDBG_TRACEE_DIR/gospin" ]; then
	# A gdb script's quoted Go names before run.
	same gospin "Go" "break *'main.deadlineSeconds'" "tbreak 'main.deadlineSeconds'" \
		'break main.main' 'list main.spin' 'info breakpoints'
fi

# ---- then run: what was set before stops at the relocated addresses ------------------------
"$CDBG" -batch -ex 'break main' -ex 'break *hit' -ex "run < $E2E_TMP/in.txt" \
	-ex 'info breakpoints' -ex continue -ex 'print $pc == (long)hit' -ex continue \
	-ex 'file '"$CDBG_TRACEE_DIR/sym_nopie" -ex 'info breakpoints' \
	"$CDBG_TRACEE_DIR/sym_basic" > "$E2E_TMP/run.out" 2>&1 < /dev/null
expect_grep "$E2E_TMP/run.out" '^Breakpoint 1 at 0x[0-9a-f]{3,4}: file (/.*/)?sym_basic\.c, line [0-9]+\.$'
expect_grep "$E2E_TMP/run.out" '^Breakpoint 2 at 0x[0-9a-f]{3,4}: file (/.*/)?sym_basic\.c, line [0-9]+\.$'
expect_grep "$E2E_TMP/run.out" '^Breakpoint 1, main \(\) at sym_basic\.c:[0-9]+$'
expect_grep "$E2E_TMP/run.out" '^Breakpoint 2, hit \(x=[0-9-]+\) at sym_basic\.c:[0-9]+$'
expect_grep "$E2E_TMP/run.out" '^\$1 = 1$'
# Relocated while it ran (a PIE's addresses are far from 0).
expect_grep "$E2E_TMP/run.out" '^1 +breakpoint +keep y +0x00005[0-9a-f]{11} in main at sym_basic\.c:[0-9]+$'
expect_grep "$E2E_TMP/run.out" '^2 +breakpoint +keep y +0x00005[0-9a-f]{11} in hit at sym_basic\.c:[0-9]+$'
grep -q 'cannot insert' "$E2E_TMP/run.out" && fail "a breakpoint set before run was not inserted"
# Another program: found again in its file, hit counts kept.
expect_grep "$E2E_TMP/run.out" '^1 +breakpoint +keep y +0x000000000040[0-9a-f]{4} in main at sym_basic\.c:[0-9]+$'
expect_grep "$E2E_TMP/run.out" '^2 +breakpoint +keep y +0x000000000040[0-9a-f]{4} in hit at sym_basic\.c:[0-9]+$'

# ---- a second run of the other program hits them there -------------------------------------
"$CDBG" -batch -ex 'break hit' -ex 'file '"$CDBG_TRACEE_DIR/sym_nopie" -ex 'info breakpoints' \
	-ex "run < $E2E_TMP/in.txt" -ex 'print $pc == (long)hit + 0' \
	"$CDBG_TRACEE_DIR/sym_basic" > "$E2E_TMP/file.out" 2>&1 < /dev/null
expect_grep "$E2E_TMP/file.out" '^Breakpoint 1, hit \(x=1\) at sym_basic\.c:[0-9]+$'
pass
