# Breakpoint conditions that call the program's functions (gdb's `break f if g(x)`): decided
# with every thread held, each hit exactly once (the program counts the calls), a call that
# crashes stops with the error; a call in which the program exits reports the exit as gdb.
. "$CDBG_E2E_LIB"
bin="$CDBG_TRACEE_DIR/condcall"
[ -x "$bin" ] || skip "tracee condcall is not built"

# Never true: 800 hits in 4 threads, 800 calls, none lost or doubled.
printf 'break bar if g(x) == 7\nrun\ninfo breakpoints\n' |
	timeout 120 "$CDBG" -nx "$bin" > "$E2E_TMP/never.out" 2>&1
expect_grep "$E2E_TMP/never.out" '^calls=800 bar_hits=800$'
grep -q "seen" "$E2E_TMP/never.out" && fail "a hit evaluated other than once"
grep -q "already hit" "$E2E_TMP/never.out" && fail "a false condition counted a hit"
grep -q "does not support function calls" "$E2E_TMP/never.out" && fail "no calls in conditions"

# True at x == 3 in the first thread: a stop there, the hit counted.
printf 'break bar if g(x)\nrun\ninfo breakpoints\nkill\n' |
	timeout 120 "$CDBG" -nx "$bin" > "$E2E_TMP/true.out" 2>&1
expect_grep "$E2E_TMP/true.out" 'hit Breakpoint 1, bar \(x=[0-9]*3\)'
# Other threads held with it may have true conditions too: each such hit counts.
expect_grep "$E2E_TMP/true.out" 'breakpoint already hit [1-4] times?$'

# A condition whose call faults: gdb's error, then a stop at the breakpoint.
printf 'break bar if crash(x)\nrun\nkill\n' |
	timeout 120 "$CDBG" -nx "$bin" > "$E2E_TMP/crash.out" 2>&1
expect_grep "$E2E_TMP/crash.out" '^Error in testing condition for breakpoint 1:'
expect_grep "$E2E_TMP/crash.out" 'signal 11 \(SEGV\)'
expect_grep "$E2E_TMP/crash.out" 'hit Breakpoint 1, bar'

# The program exits in a call (gdb.base/callexit.exp): as gdb words it.
printf 'break main\nrun 1\ncall leave()\ninfo threads\n' |
	timeout 60 "$CDBG" -nx "$bin" > "$E2E_TMP/exit.out" 2>&1
expect_grep "$E2E_TMP/exit.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
expect_grep "$E2E_TMP/exit.out" '^The program being debugged exited while in a function called from GDB.$'
expect_grep "$E2E_TMP/exit.out" '^\(leave\) will be abandoned.$'
expect_grep "$E2E_TMP/exit.out" '^No threads.$'
pass
