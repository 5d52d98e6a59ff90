# A shell loop printing once every 0.1 s is paused while `cdbg attach`
# holds it and resumes after detach. Also: the attach report lists every thread as 't'.
. "$CDBG_E2E_LIB"

out=$E2E_TMP/loop.out
bash -c 'for ((i = 0; i < 400; i++)); do echo "tick $i"; sleep 0.1; done' > "$out" &
LOOP=$!
E2E_PIDS+=("$LOOP")
wait_line "$out" 'tick 3' 10 || fail "the loop does not print"

# Hold it until Enter (a fifo we write to later), checking it prints nothing meanwhile.
mkfifo "$E2E_TMP/enter"
"$CDBG" attach -p "$LOOP" < "$E2E_TMP/enter" > "$E2E_TMP/cdbg.out" 2>&1 &
CDBG_PID=$!
exec 8>"$E2E_TMP/enter"
wait_line "$E2E_TMP/cdbg.out" 'press Enter' 10 || fail "cdbg did not attach"
expect_grep "$E2E_TMP/cdbg.out" "^attached to process $LOOP: 1 threads stopped"
expect_grep "$E2E_TMP/cdbg.out" "^  $LOOP +bash +stopped \(t\)"
expect_eq "loop state while held" "$(states "$LOOP")" "1 t"
n1=$(wc -l < "$out"); sleep 0.5; n2=$(wc -l < "$out")
expect_eq "lines printed while held" "$n2" "$n1"

echo >&8
wait "$CDBG_PID" || fail "cdbg attach exited $?"
expect_grep "$E2E_TMP/cdbg.out" "^detached from process $LOOP$"
# Its next line ("tick N" is line N + 1), waited for: a loaded machine may run it late.
wait_line "$out" "^tick $n2\$" 20 ||
	fail "the loop did not resume after detach ($n2 -> $(wc -l < "$out") lines)"
pass
