# print/FMT on floating-point variables, compared with gdb: /f shows the value as a float,
# /a and /c convert it to an integer first, the other letters show its raw bits.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/vars"
[ -x "$PROG" ] || skip "tracee vars is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'break main' -ex run)
for f in f a c x d t z; do
	CMDS+=(-ex "p/$f g_ratio" -ex "p/$f g_third")
done
CMDS+=(-ex 'p/f 3')

timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
# Only the values: the stop lines differ in paths and addresses.
grep -E '^\$[0-9]+ = ' "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.vals"
grep -E '^\$[0-9]+ = ' "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.vals"
expect_eq "values printed" "$(wc -l < "$E2E_TMP/gdb.vals")" 15
expect_eq "p/f g_ratio" "$(sed -n 1p "$E2E_TMP/cdbg.vals")" '$1 = 1.5'
diff -u "$E2E_TMP/gdb.vals" "$E2E_TMP/cdbg.vals" >&2 || fail "cdbg and gdb differ"
pass
