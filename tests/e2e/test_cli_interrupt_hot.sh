# Signals to cdbg while breakpoint `commands` (silent, continue) keep the program running:
# 4 workers of hotcalls call hot_a and hot_b in a tight loop, a breakpoint on each, so cdbg
# handles a hit every few hundred microseconds and never waits long for one.
#   int    SIGINT (Ctrl-C): the prompt comes back with every thread stopped (t), the pending
#          continue of the commands is abandoned, info breakpoints shows the hits; detach
#          leaves the program untraced with its code as in the ELF file; it ends normally.
#   term   SIGTERM: cdbg lets the program go and exits (status 143); the program runs on
#          untraced, no thread stopped, its code equal to the file's, and ends normally.
#   hup    SIGHUP: as SIGTERM (status 129).
#   batch  SIGINT to cdbg -batch -x SCRIPT: as gdb, the `continue` ends with the SIGINT stop
#          and the rest of the script runs; then cdbg detaches at its end.
#   cond   SIGINT, then SIGTERM, while both breakpoints have a condition that never holds
#          (no hit is reported: cdbg's waits time out, or would if the hits let them).
# Each case runs ITER times (CDBG_ITER, default 5) with a random wait before the signal;
# CDBG_SEED=N replays a run. CDBG_CASES="int term" runs only those cases.
. "$CDBG_E2E_LIB"
trap '' PIPE

SEED=${CDBG_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
ITER=${CDBG_ITER:-5}
CASES=${CDBG_CASES:-int term hup batch cond}
echo "seed=$SEED iterations=$ITER (replay: CDBG_SEED=$SEED CDBG_ITER=$ITER)"

# ---- helpers -------------------------------------------------------------------------------

# cdbg_start, send: lib.sh. sync_cdbg WHAT: as cdbg_try_sync.
sync_cdbg() { cdbg_try_sync "$1"; }
all_stopped() { [ "$(states "$1")" = "$(count_threads "$1") t" ]; }
none_stopped() { [[ $(states "$1") != *[tT]* ]]; }
untraced() { [ "$(awk '/^TracerPid:/ { print $2 }' /proc/"$1"/status 2>/dev/null)" = 0 ]; }
gone_pid() { ! kill -0 "$1" 2>/dev/null; }
wait_for() {
	local i n=$1; shift
	for ((i = 0; i < n * 20; i++)); do "$@" && return 0; sleep 0.05; done
	return 1
}
# calls_lines: how many progress lines hotcalls printed (it prints them only while it runs).
calls_lines() { grep -c '^calls=' "$E2E_TMP/hotcalls.out"; }
more_calls() { [ "$(calls_lines)" -ge "$1" ]; }

# same_text PID: the executable's r-x mapping in /proc/PID/mem equals the ELF file's bytes
# at that mapping's offset (no int3 left behind); sets IFAIL otherwise.
same_text() {
	local bin="$CDBG_TRACEE_DIR/hotcalls" exe range perms off dev ino path lo hi n=0
	exe=$(readlink -f "$bin")
	while read -r range perms off dev ino path; do
		[ "$path" = "$exe" ] && [ "${perms:2:1}" = x ] || continue
		lo=$((16#${range%-*})) hi=$((16#${range#*-}))
		dd if=/proc/"$1"/mem bs=4096 iflag=skip_bytes,count_bytes skip=$lo \
			count=$((hi - lo)) of="$E2E_TMP/mem.bin" 2>/dev/null
		dd if="$exe" bs=4096 iflag=skip_bytes,count_bytes skip=$((16#$off)) \
			count=$((hi - lo)) of="$E2E_TMP/file.bin" 2>/dev/null
		[ -s "$E2E_TMP/mem.bin" ] || { IFAIL="cannot read /proc/$1/mem at $range"; return 1; }
		# The file may end inside the last page: compare what it has.
		local len
		len=$(stat -c %s "$E2E_TMP/file.bin")
		cmp -n "$len" "$E2E_TMP/mem.bin" "$E2E_TMP/file.bin" > "$E2E_TMP/cmp.txt" 2>&1 ||
			{ IFAIL="text differs from the file at $range: $(cat "$E2E_TMP/cmp.txt")"; return 1; }
		n=$((n + 1))
	done < /proc/"$1"/maps
	[ "$n" -gt 0 ] || { IFAIL="no executable mapping of $exe in $1"; return 1; }
}

# left_running PID: untraced, no thread stopped, code as in the file.
left_running() {
	wait_for 20 untraced "$1" || { IFAIL="TracerPid of $1 is not 0"; return 1; }
	wait_for 20 none_stopped "$1" || { IFAIL="threads still stopped: $(states "$1")"; return 1; }
	same_text "$1"
}

# start_hot: a fresh hotcalls with 4 workers; sets HP, A and B.
start_hot() {
	rm -f "$E2E_TMP/hotcalls.in"
	start_tracee hotcalls 4
	HP=$TRACEE_PID
	A=$(sed -n 's/^ready pid=[0-9]* a=\(0x[0-9a-f]*\) .*/\1/p' "$E2E_TMP/hotcalls.out")
	B=$(sed -n 's/^ready .* b=\(0x[0-9a-f]*\) .*/\1/p' "$E2E_TMP/hotcalls.out")
	[ -n "$A" ] && [ -n "$B" ] || fail "no addresses in the ready line"
}

# end_hot: the program, let go, ends normally when told (its sums are right).
end_hot() {
	tracee_quit
	[ "$TRACEE_STATUS" = 0 ] || { IFAIL="hotcalls exit status $TRACEE_STATUS"; return 1; }
	grep -q '^done calls=[1-9][0-9]* checksum=ok$' "$E2E_TMP/hotcalls.out" ||
		{ IFAIL="hotcalls: $(grep '^done' "$E2E_TMP/hotcalls.out")"; return 1; }
}

# hot_commands COND: the breakpoints on hot_a and hot_b with silent/continue commands.
hot_commands() {
	send "break *$A$1"; send 'commands 1'; send 'silent'; send 'continue'; send 'end'
	send "break *$B$1"; send 'commands 2'; send 'silent'; send 'continue'; send 'end'
}

# go_hot: continue, then wait until the program has run a while (its progress lines grow by
# 2 to 5, a random number) and a random 0-300 ms more.
go_hot() {
	local n0
	n0=$(calls_lines)
	send continue
	wait_line "$CD_OUT" '^Continuing\.$' 20 || { IFAIL="no 'Continuing.'"; return 1; }
	wait_for 30 more_calls $((n0 + 2 + RANDOM % 4)) ||
		{ IFAIL="the program made no progress after continue"; return 1; }
	sleep "0.$(printf '%03d' $((RANDOM % 300)))"
}

# end_failed: stop a cdbg that failed its case, then the program (by pid).
end_failed() {
	exec 8>&-
	kill -9 "$CD_PID" "$HP" 2>/dev/null
	wait "$CD_PID" "$HP" 2>/dev/null
	exec 7>&-
}

# only_line FILE LINE: cdbg's stderr is that one line (no sanitizer report, no error).
only_line() {
	[ "$(cat "$1")" = "$2" ] || { IFAIL="stderr '$(head -c 300 "$1")', want '$2'"; return 1; }
}

hits() { sed -n 's/^\tbreakpoint already hit \([0-9]*\) time.*/\1/p' "$CD_OUT" | tr '\n' ' '; }

# ---- the cases: each returns 0, or 1 with IFAIL set ----------------------------------------

case_int() {
	start_hot
	cdbg_start int -q -p "$HP"
	hot_commands ""
	sync_cdbg breaks || return 1
	go_hot || return 1
	kill -INT "$CD_PID"
	wait_line "$CD_OUT" '^(Program|Thread [0-9]+ "[^"]*") received signal SIGINT, Interrupt\.$' 20 ||
		{ IFAIL="SIGINT: no stop within 20 s (states $(states "$HP"))"; return 1; }
	sync_cdbg "the prompt after SIGINT" || return 1
	all_stopped "$HP" || { IFAIL="after SIGINT: states $(states "$HP"), want all t"; return 1; }
	sleep 0.2
	all_stopped "$HP" ||
		{ IFAIL="after SIGINT the program ran again: states $(states "$HP")"; return 1; }
	send 'info breakpoints'; sync_cdbg 'info breakpoints' || return 1
	[[ $(hits) =~ ^[1-9][0-9]*\ [1-9][0-9]*\ $ ]] || { IFAIL="hit counts '$(hits)'"; return 1; }
	send detach; sync_cdbg detach || return 1
	grep -q "^\[Inferior 1 (process $HP) detached\]$" "$CD_OUT" || { IFAIL="no detach line"; return 1; }
	left_running "$HP" || return 1
	exec 8>&-
	wait "$CD_PID"; local st=$?
	[ "$st" = 0 ] || { IFAIL="cdbg exit status $st"; return 1; }
	[ ! -s "$E2E_TMP/int.err" ] || { IFAIL="stderr: $(head -3 "$E2E_TMP/int.err")"; return 1; }
	end_hot
}

# case_leave SIG STATUS: SIGTERM or SIGHUP in the hot state.
case_leave() {
	local sig=$1 want=$2 i st
	start_hot
	cdbg_start leave -q -p "$HP"
	hot_commands ""
	sync_cdbg breaks || return 1
	go_hot || return 1
	kill -"$sig" "$CD_PID"
	for ((i = 0; i < 400; i++)); do gone_pid "$CD_PID" && break; sleep 0.05; done
	gone_pid "$CD_PID" ||
		{ IFAIL="SIG$sig: cdbg still there after 20 s (program: $(states "$HP"))"; return 1; }
	wait "$CD_PID"; st=$?
	exec 8>&-
	[ "$st" = "$want" ] || { IFAIL="SIG$sig: cdbg exit status $st, want $want"; return 1; }
	only_line "$E2E_TMP/leave.err" "cdbg: SIG$sig received: letting the program go" || return 1
	left_running "$HP" || return 1
	end_hot
}

case_term() { case_leave TERM 143; }
case_hup() { case_leave HUP 129; }

case_batch() {
	local st n0
	start_hot
	{
		echo "break *$A"; echo 'commands 1'; echo 'silent'; echo 'continue'; echo 'end'
		echo "break *$B"; echo 'commands 2'; echo 'silent'; echo 'continue'; echo 'end'
		echo 'continue'; echo 'echo after-continue\n'; echo 'info breakpoints'
	} > "$E2E_TMP/script.gdb"
	n0=$(calls_lines)
	CD_OUT="$E2E_TMP/batch.out"
	"$CDBG" -batch -p "$HP" -x "$E2E_TMP/script.gdb" -ex 'echo after-x\n' > "$CD_OUT" \
		2> "$E2E_TMP/batch.err" &
	CD_PID=$!
	E2E_PIDS+=("$CD_PID")
	wait_line "$CD_OUT" '^Breakpoint 2 at ' 20 || { IFAIL="no breakpoint 2"; return 1; }
	wait_for 30 more_calls $((n0 + 2 + RANDOM % 4)) ||
		{ IFAIL="the program made no progress after continue"; return 1; }
	sleep "0.$(printf '%03d' $((RANDOM % 300)))"
	kill -INT "$CD_PID"
	wait_line "$CD_OUT" '^after-x$' 20 ||
		{ IFAIL="-batch: the script did not go on after SIGINT"; return 1; }
	wait "$CD_PID"; st=$?
	[ "$st" = 0 ] || { IFAIL="-batch: cdbg exit status $st"; return 1; }
	grep -qE '^(Program|Thread [0-9]+ "[^"]*") received signal SIGINT, Interrupt\.$' "$CD_OUT" ||
		{ IFAIL="-batch: no SIGINT stop line"; return 1; }
	grep -q '^after-continue$' "$CD_OUT" || { IFAIL="-batch: no after-continue"; return 1; }
	[ ! -s "$E2E_TMP/batch.err" ] || { IFAIL="stderr: $(head -3 "$E2E_TMP/batch.err")"; return 1; }
	[[ $(hits) =~ ^[1-9][0-9]*\ [1-9][0-9]*\ $ ]] || { IFAIL="hit counts '$(hits)'"; return 1; }
	left_running "$HP" || return 1
	end_hot
}

case_cond() {
	local i st
	start_hot
	cdbg_start cond -q -p "$HP"
	hot_commands ' if $rdi == 99'
	sync_cdbg breaks || return 1
	go_hot || return 1
	kill -INT "$CD_PID"
	wait_line "$CD_OUT" '^(Program|Thread [0-9]+ "[^"]*") received signal SIGINT, Interrupt\.$' 20 ||
		{ IFAIL="cond SIGINT: no stop within 20 s (states $(states "$HP"))"; return 1; }
	sync_cdbg "the prompt after SIGINT" || return 1
	all_stopped "$HP" || { IFAIL="after SIGINT: states $(states "$HP"), want all t"; return 1; }
	go_hot || return 1
	kill -TERM "$CD_PID"
	for ((i = 0; i < 400; i++)); do gone_pid "$CD_PID" && break; sleep 0.05; done
	gone_pid "$CD_PID" || { IFAIL="cond SIGTERM: cdbg still there after 20 s"; return 1; }
	wait "$CD_PID"; st=$?
	exec 8>&-
	[ "$st" = 143 ] || { IFAIL="cond SIGTERM: cdbg exit status $st"; return 1; }
	only_line "$E2E_TMP/cond.err" "cdbg: SIGTERM received: letting the program go" || return 1
	left_running "$HP" || return 1
	end_hot
}

# ---- run -----------------------------------------------------------------------------------
FAILS=0
for c in $CASES; do
	ok=0
	for ((it = 1; it <= ITER; it++)); do
		IFAIL=
		if "case_$c"; then
			ok=$((ok + 1))
		else
			echo "case $c iteration $it: FAIL: $IFAIL" >&2
			for f in "$CD_OUT" "${CD_OUT%.out}.err"; do
				[ -f "$f" ] && { echo "--- $f (last lines)"; grep -v '^@@' "$f" | tail -8; } >&2
			done
			end_failed
			FAILS=$((FAILS + 1))
		fi
	done
	echo "case $c: $ok/$ITER iterations passed"
done
[ "$FAILS" = 0 ] || fail "$FAILS iteration(s) failed (seed $SEED)"
pass
