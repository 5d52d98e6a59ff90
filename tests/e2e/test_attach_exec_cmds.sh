# `cdbg attach` and `cdbg exec` on multi-threaded and Go programs, and their error messages.
. "$CDBG_E2E_LIB"

# attach --for: every thread held, the listing matches /proc, the program carries on.
start_tracee spin 6
"$CDBG" attach -p "$TRACEE_PID" --for 0.3 > "$E2E_TMP/a.out" 2>&1 || fail "attach exited $?"
expect_grep "$E2E_TMP/a.out" "^attached to process $TRACEE_PID: 7 threads stopped"
expect_eq "listed threads" "$(grep -c 'stopped (t)' "$E2E_TMP/a.out")" 7
expect_grep "$E2E_TMP/a.out" "^detached from process $TRACEE_PID$"
[ "$(states "$TRACEE_PID")" != "*t*" ] || fail "threads left in tracing stop"
tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/spin.out" '^done total='

# exec: thread events and the exit status come through.
"$CDBG" exec "$CDBG_TRACEE_DIR/hello" 5 a b > "$E2E_TMP/e.out" 2>&1
expect_eq "exec exit status" "$?" 5
expect_grep "$E2E_TMP/e.out" '^argv\[3\]=b$'
expect_grep "$E2E_TMP/e.out" '^\[Inferior 1 \(process [0-9]+\) exited with code 05\]$'
echo quit | "$CDBG" exec "$CDBG_TRACEE_DIR/spin" 2 > "$E2E_TMP/e2.out" 2>&1
expect_eq "exec spin status" "$?" 0
expect_eq "new-thread lines" "$(grep -cE '^\[New Thread (0x[0-9a-f]+ )?\(LWP [0-9]+\)\]$' "$E2E_TMP/e2.out")" 2
expect_grep "$E2E_TMP/e2.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'

# exec: a program killed by a signal gives 128+signal and gdb's words.
"$CDBG" exec /bin/sh -c 'kill -SEGV $$' > "$E2E_TMP/e3.out" 2>&1
expect_eq "killed status" "$?" 139
expect_grep "$E2E_TMP/e3.out" '^Program terminated with signal SIGSEGV, Segmentation fault\.$'

# Errors: one sentence each, a non-zero status, nothing left behind.
msg=$("$CDBG" exec /nonexistent/prog 2>&1); st=$?
expect_eq "missing program" "$msg" "cdbg: cannot run /nonexistent/prog: no such file or directory"
expect_eq "missing program status" "$st" 127
msg=$("$CDBG" attach -p 2147483 --for 0 2>&1)
expect_eq "no such process" "$msg" "cdbg: cannot attach to 2147483: no such process; check the pid with ps"
msg=$("$CDBG" attach -p 2 --for 0 2>&1)
expect_eq "kernel thread" "$msg" "cdbg: cannot attach to 2: it is a kernel thread, which runs no user code to debug"
msg=$("$CDBG" attach -p abc 2>&1); st=$?
expect_eq "bad pid" "$msg" "cdbg: invalid process id 'abc': give a positive number"
expect_eq "bad pid status" "$st" 2
pass
