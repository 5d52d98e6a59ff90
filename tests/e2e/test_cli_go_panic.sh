# A Go program that is about to die stops first, as delve's unrecovered-panic and
# runtime-fatal-throw breakpoints stop it: an unrecovered panic (govalues panic) at
# runtime.fatalpanic with the value the runtime will print, a fatal error (govalues deadlock:
# "all goroutines are asleep") at runtime.fatal with its message; `bt` there shows the panic's
# origin; `continue` lets the program die as it would have (exit status 2, the runtime's own
# words on stderr). These breakpoints are not the user's: `info breakpoints` lists none, and
# the user's first breakpoint is still number 1.
. "$CDBG_E2E_LIB"
G=$CDBG_TRACEE_DIR/govalues
[ -x "$G" ] || skip "govalues is not built (no go toolchain)"
"$CDBG" -q -batch -ex run -ex bt -ex 'info breakpoints' -ex 'break main.probe' -ex continue \
	--args "$G" panic > "$E2E_TMP/panic.out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/panic.out" '^Thread 1 "govalues" stopped: the Go program is about to die of$'
expect_grep "$E2E_TMP/panic.out" '^panic: boom$'
expect_grep "$E2E_TMP/panic.out" '^#0  runtime\.fatalpanic \(msgs=\(\*runtime\._panic\)\(0x[0-9a-f]+\)\) at .*panic\.go:[0-9]+$'
expect_grep "$E2E_TMP/panic.out" '^#[0-9]  0x[0-9a-f]+ in main\.main \(\) at govalues\.go:[0-9]+$'
expect_grep "$E2E_TMP/panic.out" '^No breakpoints or watchpoints\.$'
expect_grep "$E2E_TMP/panic.out" '^Breakpoint 1 at 0x[0-9a-f]+: file .*govalues\.go, line [0-9]+\.$'
expect_grep "$E2E_TMP/panic.out" '^\[Inferior 1 \(process [0-9]+\) exited with code 02\]$'
expect_grep "$E2E_TMP/panic.out" '^panic: boom$'
[ "$(grep -c '^panic: boom' "$E2E_TMP/panic.out")" = 2 ] || fail "the runtime's own panic line is missing"

"$CDBG" -q -batch -ex run -ex continue --args "$G" deadlock > "$E2E_TMP/deadlock.out" 2>&1 ||
	fail "cdbg exited $?"
expect_grep "$E2E_TMP/deadlock.out" 'stopped: the Go program is about to die of$'
expect_grep "$E2E_TMP/deadlock.out" '^fatal error: all goroutines are asleep - deadlock!$'
expect_grep "$E2E_TMP/deadlock.out" '^runtime\.fatal \(s=\.\.\.\) at .*panic\.go:[0-9]+$'
expect_grep "$E2E_TMP/deadlock.out" '^\[Inferior 1 \(process [0-9]+\) exited with code 02\]$'
[ "$(grep -c '^fatal error: all goroutines are asleep' "$E2E_TMP/deadlock.out")" = 2 ] ||
	fail "the runtime's own fatal error line is missing"

# A program that does not die does not stop.
"$CDBG" -q -batch -ex run "$G" > "$E2E_TMP/fine.out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/fine.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
if grep -q 'about to die' "$E2E_TMP/fine.out"; then fail "a healthy program stopped"; fi
pass
