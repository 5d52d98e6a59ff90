# cdbg killed (SIGKILL) while a function it called in the program is still running: the thread
# cdbg borrowed must get its own registers and signal mask back when the function returns (the
# parachute does it at the call's return trap, from what cdbg wrote before the call), and the
# program goes on as if the call had not been made: call_basic, blocked in read() on stdin,
# reads its next line and answers it. Three rounds, the kill at different moments of a 1.5 s
# usleep called in the program.
. "$CDBG_E2E_LIB"

janitor_of() { grep -lx "cdbgj-$1" /proc/[0-9]*/comm 2>/dev/null | cut -d/ -f3; }

for delay in 0.3 0.7 1.1; do
	start_tracee call_basic
	wait_in_syscall "$TRACEE_PID" 0 20 || fail "call_basic is not blocked in read()"
	"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'call (int)usleep(1500000)' > "$E2E_TMP/c.out" 2>&1 &
	cdbg_pid=$!
	E2E_PIDS+=("$cdbg_pid")
	sleep "$delay"
	kill -KILL "$cdbg_pid"
	wait "$cdbg_pid" 2>/dev/null
	# The janitor lets the program go; the call then ends on its own.
	for ((i = 0; i < 200; i++)); do
		[ -z "$(janitor_of "$TRACEE_PID")" ] &&
			! grep -q '[tT]' <<< "$(states "$TRACEE_PID")" && break
		sleep 0.05
	done
	[ -z "$(janitor_of "$TRACEE_PID")" ] || fail "delay $delay: the janitor is still there"
	kill -0 "$TRACEE_PID" 2>/dev/null || fail "delay $delay: the program died: $(cat "$E2E_TMP/call_basic.out")"
	expect_eq "delay $delay: traced threads" \
		"$(grep -h '^TracerPid:' /proc/"$TRACEE_PID"/task/*/status | awk '$2 != 0' | wc -l)" 0
	sleep 1.6 # past the end of the usleep: the thread is back in its read()
	echo show >&7
	wait_line "$E2E_TMP/call_basic.out" '^counter=' 20 ||
		fail "delay $delay: the program does not answer after the call: $(cat "$E2E_TMP/call_basic.out")"
	tracee_quit
	expect_eq "delay $delay: exit status" "$TRACEE_STATUS" 0
	expect_grep "$E2E_TMP/call_basic.out" '^done counter=0'
done
pass
