# Go: a backtrace from a breakpoint hit in a goroutine (gohits: main.hit called from the closure
# main.main.func2, started by main.main.func3) lists the functions gdb lists, in order, down to
# runtime.goexit, with the same pcs and lines; the program's results are unchanged.
. "$CDBG_E2E_LIB"

prog="$CDBG_TRACEE_DIR/gohits"
[ -x "$prog" ] || skip "gohits is not built (no Go toolchain)"
command -v gdb > /dev/null || skip "gdb is not installed"
printf 'go\n' > "$E2E_TMP/go.in"
"$CDBG" -q -batch -ex 'break main.hit' -ex "run 2 3 < $E2E_TMP/go.in" -ex bt -ex delete \
	-ex continue "$prog" > "$E2E_TMP/cdbg.out" 2>&1 || fail "cdbg exited $?"
DEBUGINFOD_URLS= gdb -nx -q -batch -ex 'break main.hit' \
	-ex "run 2 3 < $E2E_TMP/go.in" -ex bt "$prog" > "$E2E_TMP/gdb.out" 2>&1
# (gdb exits 1 here: its last frame, "0x0 in ?? ()", ends the backtrace with an error.)
# "#1  0x... in main.main.func2 (i=0) at /path/gohits.go:124" -> "#1 0x... main.main.func2 gohits.go:124"
frames() {
	grep -E '^#[0-9]+ ' "$1" | grep -v ' in ?? ()' | sed -E \
		's/^(#[0-9]+) +(0x[0-9a-f]+ in )?([^ ]+) \(.*\) at (.*\/)?([^/]+)$/\1 \2\3 \5/'
}
frames "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.frames"
frames "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.frames"
expect_grep "$E2E_TMP/gdb.frames" '^#0 main\.hit gohits\.go:[0-9]+$'
expect_grep "$E2E_TMP/gdb.frames" 'runtime\.goexit asm_amd64\.s:[0-9]+$'
diff -u "$E2E_TMP/gdb.frames" "$E2E_TMP/cdbg.frames" >&2 || fail "the goroutine's frames differ from gdb's"
expect_grep "$E2E_TMP/cdbg.out" '^calls=6 sum=12 expected=12 gcs=[0-9]+$'
pass
