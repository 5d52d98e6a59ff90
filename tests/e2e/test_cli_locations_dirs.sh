# What gdb's own testsuite sends before every test: `dir`, `dir SUBDIR`, and `break -qualified
# main`; with gdb's explicit locations (-function, -source -line, -line) and `show
# directories`. Compared with gdb 13 on the same program, before it runs.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/crasher"
[ -x "$PROG" ] || skip "tracee crasher is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'dir' -ex "dir $E2E_TMP" -ex 'dir /usr' -ex "dir $E2E_TMP" -ex 'show directories'
	-ex 'break -qualified main' -ex 'tbreak -qualified dive' -ex 'break -function parked'
	-ex 'break -source crasher.c -line 62' -ex 'break -qualified crasher.c:64 if level == 1'
	-ex 'break -bogus main' -ex 'break -source crasher.c' -ex 'info breakpoints'
	-ex 'dir' -ex 'show directories')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
grep -q '^Source directories searched: '"$E2E_TMP"':/usr:\$cdir:\$cwd$' "$E2E_TMP/gdb.out" ||
	fail "gdb did not list the directories"
# cdbg's breakpoint table names the source file by its base name where gdb writes the name the
# debug info records (here absolute): a known difference, left out of the comparison.
for f in gdb cdbg; do
	sed -E 's# at /[^ ]*/([^/ ]+:[0-9]+)$# at \1#' "$E2E_TMP/$f.out" > "$E2E_TMP/$f.norm"
done
diff -u "$E2E_TMP/gdb.norm" "$E2E_TMP/cdbg.norm" >&2 || fail "cdbg and gdb differ"
pass
