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

# Locals where Go's DWARF 2 blocks put them (DW_OP_fbreg from DW_OP_call_frame_cfa), in the
# innermost frame after a step and in a caller's frame, also through goroutine ID frame N.
"$CDBG" -q -batch -ex 'break main.work' -ex run -ex next -ex next -ex 'info locals' \
	-ex 'frame 1' -ex 'print p' -ex 'print p.Name' -ex 'frame 0' \
	-ex 'goroutine 1 frame 1 print p.Y' -ex 'goroutine 1 print total' -ex 'goroutine 2 print 1' \
	-ex 'goroutine 1 bt 1' "$G" > "$E2E_TMP/locals.out" 2>&1 # (goroutine 2's refusal: status 1)
expect_grep "$E2E_TMP/locals.out" '^total = 13$'
expect_eq "main's p, a frame up" "$(grep -E '^\$[0-9]+ = ' "$E2E_TMP/locals.out" | sed 's/^\$[0-9]* = //' | tr '\n' '|')" \
	'*main.Point {X: 3, Y: 4, Name: "pt"}|"pt"|4|13|'
expect_grep "$E2E_TMP/locals.out" '^goroutine 2 is parked \(on no thread\): cdbg shows its backtrace'
expect_grep "$E2E_TMP/locals.out" '^#0  0x[0-9a-f]+ in main\.work \(\) at /.*govalues\.go:[0-9]+$'
pass
