# An error in a command file (-x FILE, `source FILE`, a file sourced from a file) names the
# file and line ("FILE:N: Error in sourced command file:") and ends that file, as gdb does; the
# commands after it (-ex, the outer file) go on. Compared with gdb 13.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/crasher"
[ -x "$PROG" ] || skip "tracee crasher is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

printf 'print 1\nprint nosuch_var_q\nprint 2\n' > "$E2E_TMP/inner.gdb"
printf 'print 10\nsource %s\nprint 11\n' "$E2E_TMP/inner.gdb" > "$E2E_TMP/outer.gdb"
for dbg in "$CDBG" gdb; do
	name=$(basename "$dbg")
	timeout 60 "$dbg" -batch -nx -x "$E2E_TMP/inner.gdb" -ex 'print 3' -x "$E2E_TMP/outer.gdb" \
		-ex 'print 4' "$PROG" > "$E2E_TMP/$name.out" 2>&1
done
grep -q 'Error in sourced command file' "$E2E_TMP/gdb.out" || fail "gdb named no file"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
