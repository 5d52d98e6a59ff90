# A watchpoint covers threads born after it was set: watch_spawn starts a thread that stores 1,
# 2, 3 into `watched` at once; three continues report Old 0 -> New 1, 1 -> 2, 2 -> 3 in that
# thread, as gdb does. Ten rounds: a new thread's first stop may be reported before its
# creator's clone event, and it must get the debug registers either way.
. "$CDBG_E2E_LIB"

for round in 1 2 3 4 5 6 7 8 9 10; do
	start_tracee watch_spawn
	wait_in_syscall "$TRACEE_PID" 0 10 || fail "round $round: watch_spawn is not reading stdin"
	cat > "$E2E_TMP/w.gdb" <<'GDB'
watch *(int *)&watched
shell echo go >&7
continue
continue
continue
detach
GDB
	timeout 60 "$CDBG" -q -batch -p "$TRACEE_PID" -x "$E2E_TMP/w.gdb" > "$E2E_TMP/cdbg.out" 2>&1 \
		|| fail "round $round: cdbg exited with $?"
	got=$(grep -A1 '^Old value' "$E2E_TMP/cdbg.out" | grep -oE '[0-9]+$' | xargs)
	expect_eq "round $round: old/new values" "$got" "0 1 1 2 2 3"
	expect_eq "round $round: hits" "$(grep -c 'hit Hardware watchpoint 1' "$E2E_TMP/cdbg.out")" 3
	tracee_quit
	expect_eq "round $round: exit status" "$TRACEE_STATUS" 0
	expect_grep "$E2E_TMP/watch_spawn.out" '^done watched=3'
done
pass
