# The janitor's life when cdbg ends cleanly: a plain attach and detach starts none; a breakpoint
# starts one, and `detach` or `quit` makes it exit (found by its pid, from the trace that
# CDBG_JANITOR_LOG asks for), leaving the program running as it was, with SIG_DFL for SIGTRAP
# again (cdbg's SIGTRAP parachute is installed while the breakpoints are in, removed at the end).
. "$CDBG_E2E_LIB"

export CDBG_JANITOR_LOG="$E2E_TMP/janitor.log"

# janitor_pid: the pid of the last janitor started ("janitor: watching PROGRAM JANITOR").
janitor_pid() { sed -n 's/^janitor: watching [0-9]* \([0-9]*\)$/\1/p' "$CDBG_JANITOR_LOG" | tail -1; }

# gone_within PID: the process PID (a janitor) has exited, within 5 s.
gone_within() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(cat /proc/"$1"/comm 2>/dev/null)" = "cdbgj-$TRACEE_PID" ] || return 0
		sleep 0.05
	done
	return 1
}

# sigtrap_caught PID: 1 if the program has a handler for SIGTRAP (SigCgt bit 5), else 0.
sigtrap_caught() { echo $(( 0x$(awk '/^SigCgt:/ { print $2 }' /proc/"$1"/status) >> 4 & 1 )); }

start_tracee hotcalls 2

: > "$CDBG_JANITOR_LOG"
"$CDBG" -batch -p "$TRACEE_PID" -ex 'info threads' > "$E2E_TMP/plain.out" 2>&1
expect_eq "plain attach/detach status" "$?" 0
expect_eq "janitors started by a plain attach/detach" "$(wc -l < "$CDBG_JANITOR_LOG")" 0

for end in detach quit; do
	: > "$CDBG_JANITOR_LOG"
	"$CDBG" -batch -p "$TRACEE_PID" -ex 'break hot_a' -ex 'break hot_b' -ex "$end" \
		> "$E2E_TMP/$end.out" 2>&1
	# The janitor writes its trace itself: under load it may start after cdbg has ended.
	wait_line "$CDBG_JANITOR_LOG" '^janitor: pipe closed' 20 ||
		fail "$end: the janitor said nothing within 20 s: $(cat "$CDBG_JANITOR_LOG")"
	jan=$(janitor_pid)
	[ -n "$jan" ] || fail "$end: a breakpoint started no janitor: $(cat "$CDBG_JANITOR_LOG")"
	gone_within "$jan" || fail "$end: janitor $jan still runs after a clean $end"
	expect_grep "$CDBG_JANITOR_LOG" "^janitor: pipe closed; state $TRACEE_PID 2$"
	grep -q 'seized' "$CDBG_JANITOR_LOG" && fail "$end: the janitor took the program after a clean $end"
	expect_grep "$E2E_TMP/hotcalls.out" '^ready'
	kill -0 "$TRACEE_PID" || fail "$end: the program died"
	tracer=$(grep -h '^TracerPid:' /proc/"$TRACEE_PID"/task/*/status | awk '$2 != 0' | wc -l)
	expect_eq "$end: traced threads" "$tracer" 0
	expect_eq "$end: SIGTRAP caught (SigCgt bit 5)" "$(sigtrap_caught "$TRACEE_PID")" 0
done

# While the breakpoints are in, the program's SIGTRAP action is cdbg's parachute.
# cdbg holds the program until the test has looked (the file "go" appears), however slow.
"$CDBG" -batch -p "$TRACEE_PID" -ex 'break hot_a' \
	-ex "shell for i in \$(seq 600); do [ -e $E2E_TMP/go ] && break; sleep 0.05; done" \
	< /dev/null > "$E2E_TMP/held.out" 2>&1 &
cdbg_pid=$!
for ((i = 0; i < 600; i++)); do
	[ "$(sigtrap_caught "$TRACEE_PID")" = 1 ] && break
	sleep 0.05
done
expect_eq "attached with a breakpoint: SIGTRAP caught (SigCgt bit 5)" "$(sigtrap_caught "$TRACEE_PID")" 1
touch "$E2E_TMP/go"
wait "$cdbg_pid"
expect_eq "after the detach: SIGTRAP caught (SigCgt bit 5)" "$(sigtrap_caught "$TRACEE_PID")" 0

echo quit >&7
tracee_quit
expect_eq "program's exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/hotcalls.out" '^done calls=[0-9]+ checksum=ok$'
pass
