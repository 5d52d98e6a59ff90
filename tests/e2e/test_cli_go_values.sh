# Go arguments split over registers (DWARF pieces: a slice in three registers, a string and
# an error in two each) read whole at a breakpoint in govalues (-N -l), shown as delve shows
# them (test_cli_go_delve compares with delve), their members by name, and `.` through a
# pointer (p.Name is p->Name, as Go and gdb's value_struct_elt take it); the program is
# unharmed (its own result line). Before: xs, s and e were <optimized out>.
. "$CDBG_E2E_LIB"
G=$CDBG_TRACEE_DIR/govalues
[ -x "$G" ] || skip "govalues is not built (no go toolchain)"
"$CDBG" -q -batch -ex 'break main.work' -ex run -ex 'info args' \
	-ex 'print xs.len' -ex 'print xs.cap' -ex 'print xs.array[0] + xs.array[1] + xs.array[2]' \
	-ex 'print s.len' -ex 'print s.str[0]' -ex 'print s.str[4]' -ex 'print e.data != 0' \
	-ex 'print p.X' -ex 'print p.Name.len' -ex 'print p.Name.str[1]' -ex 'print (*p).Y' \
	-ex continue "$G" > "$E2E_TMP/out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/out" '^xs = \[\]int len: 3, cap: 3, \[1,2,3\]$'
expect_grep "$E2E_TMP/out" '^s = "hello"$'
expect_grep "$E2E_TMP/out" '^e = error\(\*errors.errorString\) \*\{s: "boom"\}$'
expect_grep "$E2E_TMP/out" '^p = \(\*main.Point\)\(0x[0-9a-f]+\)$'
expect_eq "values" "$(grep -E '^\$[0-9]+ = ' "$E2E_TMP/out" | sed 's/^\$[0-9]* = //' | tr '\n' ' ')" \
	"3 3 6 5 104 111 1 3 2 116 4 "
expect_grep "$E2E_TMP/out" '^work 14$'
pass
