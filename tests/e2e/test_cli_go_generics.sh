# Go generics and closures (gogeneric, -N -l). `break main.Sum` names every instantiation of
# the generic function (main.Sum[go.shape.int_0] and [go.shape.float64_0]), as delve's
# linespecs do, and each hit shows its own arguments; a full instantiated name names that one.
# In the closure, the variable it captures by reference (DWARF's "&counter") is `counter`, as
# delve shows it: listed, printed, assigned - and the program's own output shows the change.
. "$CDBG_E2E_LIB"
G=$CDBG_TRACEE_DIR/gogeneric
[ -x "$G" ] || skip "gogeneric is not built (no go toolchain)"
L=$(grep -n '// the closure.s line' "$(dirname "$0")/../tracees/gogeneric.go" | cut -d: -f1)
"$CDBG" -q -batch -ex 'break main.Sum' -ex 'break main.MakePair[go.shape.string_0,go.shape.int_1]' \
	-ex "break gogeneric.go:$L" -ex 'info breakpoints' -ex run -ex 'print xs' -ex continue \
	-ex 'print xs' -ex continue -ex 'print k' -ex 'print v' -ex continue -ex 'info locals' \
	-ex 'print counter + d' -ex 'set var counter = 40' -ex continue -ex 'print counter' \
	-ex delete -ex continue "$G" > "$E2E_TMP/out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/out" '^Breakpoint 1 at 0x[0-9a-f]+: main.Sum. \(2 locations\)$'
expect_grep "$E2E_TMP/out" '^1\.1 .* in main\.Sum\[go\.shape\.(int|float64)_0\] at gogeneric\.go:[0-9]+$'
expect_grep "$E2E_TMP/out" 'hit Breakpoint 1\.[12], main\.Sum\[go\.shape\.int_0\] '
expect_grep "$E2E_TMP/out" 'hit Breakpoint 1\.[12], main\.Sum\[go\.shape\.float64_0\] '
expect_grep "$E2E_TMP/out" 'hit Breakpoint 2, main\.MakePair\[go\.shape\.string_0,go\.shape\.int_1\] '
expect_eq "values" "$(grep -E '^\$[0-9]+ = ' "$E2E_TMP/out" | sed 's/^\$[0-9]* = //' | tr '\n' '|')" \
	'[]go.shape.int_0 len: 3, cap: 3, [1,2,3]|[]go.shape.float64_0 len: 2, cap: 2, [1.5,2]|"a"|7|3|43|'
expect_grep "$E2E_TMP/out" '^counter = 0$'
expect_grep "$E2E_TMP/out" '^6 3\.5$'
expect_grep "$E2E_TMP/out" '^\{a 7\} 43 47$'
pass
