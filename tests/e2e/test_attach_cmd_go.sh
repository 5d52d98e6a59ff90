# `cdbg attach` on the Go program: every thread stops (Go is multi-threaded by nature),
# and the program carries on after detach.
. "$CDBG_E2E_LIB"
start_tracee gospin 8
n=$(count_threads "$TRACEE_PID")
"$CDBG" attach -p "$TRACEE_PID" --for 0.3 > "$E2E_TMP/a.out" 2>&1 || fail "attach exited $?"
expect_grep "$E2E_TMP/a.out" "^attached to process $TRACEE_PID: $n threads stopped"
expect_eq "listed threads" "$(grep -c 'stopped (t)' "$E2E_TMP/a.out")" "$n"
tracee_quit
expect_eq "gospin exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/gospin.out" '^done$'
pass
