# cdbg fed line by line through a pipe while /proc is read between lines: attach stops every
# thread, continue lets them run, SIGINT to cdbg stops them again, detach and the end of input
# let them go; a launched program is killed at the end of input; -batch's exit status; SIGTERM
# while threads keep hitting a conditional breakpoint leaves the program running with its
# code unchanged (the bytes at the breakpoint equal the ELF file's) and it ends normally.
# Then: SIGINT while cdbg waits for a line changes nothing; the reader of cdbg's output leaving
# (SIGPIPE) with a breakpoint inserted leaves no int3 behind; a long command (x/1000000000s 0)
# stops at SIGINT, and cdbg leaves at SIGTERM while it runs.
. "$CDBG_E2E_LIB"
# A write to a cdbg that left fails (and the test says so) instead of killing the test; cdbg
# itself runs with SIGPIPE's default action.
trap '' PIPE

# cdbg_start, send: lib.sh. sync_cdbg LINE: cdbg has finished every line sent so far.
sync_cdbg() { cdbg_try_sync "line $1" || fail "$IFAIL"; }
# cdbg_end STATUS: close its input, check its exit status.
cdbg_end() {
	exec 8>&-
	wait "$CD_PID"
	expect_eq "cdbg exit status" "$?" "$1"
}
all_stopped() { [ "$(states "$1")" = "$(count_threads "$1") t" ]; }
none_stopped() { [[ $(states "$1") != *[tT]* ]]; }
# wait_for SECONDS CMD...: until CMD succeeds.
wait_for() {
	local i n=$1; shift
	for ((i = 0; i < n * 20; i++)); do "$@" && return 0; sleep 0.05; done
	return 1
}

# ---- attach: stop, continue, SIGINT, detach, attach again, end of input -------------------
start_tracee spin 3
SP=$TRACEE_PID
cdbg_start att -q -p "$SP"
sync_cdbg attach
expect_grep "$CD_OUT" "^Attaching to process $SP$"
all_stopped "$SP" || fail "after attach: states $(states "$SP"), want every thread t"
send "info threads"; sync_cdbg "info threads"
n=$(grep -cE '^[* ] [0-9]+ +Thread 0x[0-9a-f]+ \(LWP [0-9]+\) "spin"' "$CD_OUT")
expect_eq "threads listed" "$n" 4
all_stopped "$SP" || fail "after info threads: states $(states "$SP")"

send "continue"
wait_line "$CD_OUT" '^Continuing\.$' 20 || fail "no 'Continuing.'"
wait_for 20 none_stopped "$SP" || fail "after continue: states $(states "$SP"), want none t"
kill -INT "$CD_PID"
wait_line "$CD_OUT" '^(Program|Thread [0-9]+ "[^"]*") received signal SIGINT, Interrupt\.$' 20 ||
	fail "SIGINT: no stop line"
sync_cdbg "after SIGINT"
all_stopped "$SP" || fail "after SIGINT: states $(states "$SP"), want every thread t"

send "detach"; sync_cdbg detach
expect_grep "$CD_OUT" "^\[Inferior 1 \(process $SP\) detached\]$"
none_stopped "$SP" || fail "after detach: states $(states "$SP")"
send "info threads"; sync_cdbg "info threads after detach"
expect_grep "$CD_OUT" '^No threads\.$'

send "attach $SP"; sync_cdbg "attach again"
# the first attach learnt the program's file: gdb names it from then on
expect_grep "$CD_OUT" "^Attaching to program: .*/spin, process $SP$"
all_stopped "$SP" || fail "after attach: states $(states "$SP")"
cdbg_end 0
none_stopped "$SP" || fail "after the end of input: states $(states "$SP")"
expect_eq "cdbg stderr" "$(cat "$E2E_TMP/att.err")" ""
tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/spin.out" '^done total=[1-9]'

# ---- a launched program: run, SIGINT, end of input kills it --------------------------------
mkfifo "$E2E_TMP/lspin.in"
exec 9<> "$E2E_TMP/lspin.in" # its stdin: open, so it never sees EOF by itself
cdbg_start run -q "$CDBG_TRACEE_DIR/spin"
send "run 2 < $E2E_TMP/lspin.in > $E2E_TMP/lspin.out"
wait_line "$E2E_TMP/lspin.out" '^ready pid=' 20 || fail "launched spin printed no ready line"
LP=$(sed -n 's/^ready pid=\([0-9]*\).*/\1/p' "$E2E_TMP/lspin.out")
E2E_PIDS+=("$LP")
expect_grep "$CD_OUT" "^Starting program: .*/spin 2$"
wait_for 20 none_stopped "$LP" || fail "launched spin: states $(states "$LP"), want running"
kill -INT "$CD_PID"
wait_line "$CD_OUT" '^(Program|Thread [0-9]+ "[^"]*") received signal SIGINT, Interrupt\.$' 20 ||
	fail "run: no SIGINT stop"
sync_cdbg "after SIGINT (run)"
all_stopped "$LP" || fail "launched spin after SIGINT: states $(states "$LP")"
cdbg_end 0
gone() { [ ! -e "/proc/$1" ]; }
wait_for 20 gone "$LP" ||
	fail "launched spin $LP still exists after the end of input: $(states "$LP")"
exec 9>&-

# ---- -batch exit status: 0 when every command succeeded, 1 when one failed ---------------
rm -f "$E2E_TMP/spin.in"
start_tracee spin 2
SP=$TRACEE_PID
"$CDBG" -batch -p "$SP" -ex 'info threads' -ex 'thread 2' -ex 'detach' > "$E2E_TMP/b0.out" 2>&1
expect_eq "batch, all good" "$?" 0
"$CDBG" -batch -p "$SP" -ex 'info threads' -ex 'frobnicate' -ex 'thread 2' > "$E2E_TMP/b1.out" 2>&1
expect_eq "batch, one failed" "$?" 1
expect_grep "$E2E_TMP/b1.out" '^\[Switching to thread 2 '
none_stopped "$SP" || fail "after -batch: states $(states "$SP")"
tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0
"$CDBG" -batch -ex run --args "$CDBG_TRACEE_DIR/hello" 5 > "$E2E_TMP/b2.out" 2>&1
expect_eq "batch run, program exits 5" "$?" 0
expect_grep "$E2E_TMP/b2.out" '^\[Inferior 1 \(process [0-9]+\) exited with code 05\]$'
"$CDBG" -batch -ex run -ex 'print 1/0' --args "$CDBG_TRACEE_DIR/hello" > "$E2E_TMP/b3.out" 2>&1
expect_eq "batch run then a failure" "$?" 1

# ---- SIGTERM while every worker keeps hitting a breakpoint whose condition never holds -----
rm -f "$E2E_TMP/spin.in"
start_tracee spin 3
SP=$TRACEE_PID
cdbg_start term -q -p "$SP"
send 'thread 2'; send 'print $pc'; sync_cdbg 'print $pc'
ADDR=$(grep -oE '0x[0-9a-f]+ <worker_main' "$CD_OUT" | head -1 | cut -d' ' -f1)
[ -n "$ADDR" ] || fail "thread 2 is not in worker_main: $(grep -F '$1' "$CD_OUT")"
send "break *$ADDR if 1 == 2"; sync_cdbg break
expect_grep "$CD_OUT" "^Breakpoint 1 at $ADDR"
send continue
wait_line "$CD_OUT" '^Continuing\.$' 20 || fail "no 'Continuing.'"
# The workers run through the breakpoint: each pass is a trap, so they are seen stopped (t)
# now and then, and they still make progress.
some_stopped() { [[ $(states "$SP") == *t* ]]; }
wait_for 20 some_stopped || fail "no thread ever stopped at the breakpoint"
sleep 0.5 # let them hit it a while
kill -TERM "$CD_PID"
wait "$CD_PID"
expect_eq "cdbg status after SIGTERM" "$?" 143
expect_grep "$E2E_TMP/term.err" '^cdbg: SIGTERM received: letting the program go$'
[ "$(grep -c '^Breakpoint 1, ' "$CD_OUT")" = 0 ] ||
	fail "a breakpoint whose condition is false was reported"
none_stopped "$SP" || fail "after SIGTERM: states $(states "$SP")"
# The text at the breakpoint, in memory and in the file (mapping start, file offset).
a=$((ADDR)) off=
while read -r range perms foff _; do
	lo=$((16#${range%-*})) hi=$((16#${range#*-}))
	if ((a >= lo && a < hi)); then off=$((a - lo + 16#$foff)); break; fi
done < "/proc/$SP/maps"
[ -n "$off" ] || fail "no mapping of $SP holds $ADDR"
bytes16() { dd if="$1" bs=16 count=1 skip="$2" iflag=skip_bytes 2>/dev/null | od -An -tx1 | xargs; }
mem=$(bytes16 "/proc/$SP/mem" "$a")
file=$(bytes16 "$CDBG_TRACEE_DIR/spin" "$off")
[ -n "$file" ] || fail "cannot read spin at offset $off"
expect_eq "text at $ADDR (memory vs ELF file)" "$mem" "$file"
exec 8>&-
tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/spin.out" '^done total=[1-9]'

# ---- SIGINT while cdbg waits for its next line: nothing to interrupt, it reads on ----------
# (gdb prints "Quit" and goes on; the program stays stopped.)
rm -f "$E2E_TMP/spin.in"
start_tracee spin 2
SP=$TRACEE_PID
cdbg_start idle -q -p "$SP"
sync_cdbg attach
kill -INT "$CD_PID"
send "info threads"; sync_cdbg "info threads after SIGINT at idle"
expect_eq "threads listed after SIGINT at idle" "$(grep -c '(LWP [0-9]*) "spin"' "$CD_OUT")" 3
all_stopped "$SP" || fail "SIGINT at idle let the program go: states $(states "$SP")"
cdbg_end 0
none_stopped "$SP" || fail "after the end of input: states $(states "$SP")"
tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0

# ---- the reader of cdbg's output leaves (SIGPIPE) while a breakpoint is inserted ----------
# (`cdbg -p PID ... | head`): however cdbg ends, the program is left as it was found, with
# no int3 in its code to die of (SIGTRAP) later.
rm -f "$E2E_TMP/spin.in"
start_tracee spin 3
SP=$TRACEE_PID
"$CDBG" -batch -p "$SP" -ex 'thread 2' -ex 'print $pc' > "$E2E_TMP/pc.out" 2>&1
ADDR=$(grep -oE '0x[0-9a-f]+ <worker_main' "$E2E_TMP/pc.out" | head -1 | cut -d' ' -f1)
[ -n "$ADDR" ] || fail "thread 2 is not in worker_main: $(cat "$E2E_TMP/pc.out")"
mkfifo "$E2E_TMP/hup.cmd" "$E2E_TMP/hup.pipe"
(trap - PIPE; exec "$CDBG" -q -p "$SP" < "$E2E_TMP/hup.cmd" > "$E2E_TMP/hup.pipe" \
	2> "$E2E_TMP/hup.err") &
CD_PID=$!
E2E_PIDS+=("$CD_PID")
head -1 < "$E2E_TMP/hup.pipe" > "$E2E_TMP/hup.out" &
HEAD_PID=$!
exec 8> "$E2E_TMP/hup.cmd"
wait "$HEAD_PID" # it read the attach line and left: cdbg's next output has no reader
expect_grep "$E2E_TMP/hup.out" "^Attaching to process $SP$"
send "break *$ADDR if 1 == 2"
exec 8>&-
wait "$CD_PID"
note="cdbg ended with status $?: $(head -c 300 "$E2E_TMP/hup.err")"
wait_for 20 none_stopped "$SP" || fail "$note; states of spin: $(states "$SP")"
h=$(bytes16 "/proc/$SP/mem" "$((ADDR))")
if [ -z "$h" ]; then
	wait "$SP"
	fail "$note; spin died with status $? (133: SIGTRAP, an int3 left at $ADDR)"
fi
a=$((ADDR)) off=
while read -r range perms foff _; do
	lo=$((16#${range%-*})) hi=$((16#${range#*-}))
	if ((a >= lo && a < hi)); then off=$((a - lo + 16#$foff)); break; fi
done < "/proc/$SP/maps"
expect_eq "text at $ADDR after SIGPIPE ($note)" "$h" "$(bytes16 "$CDBG_TRACEE_DIR/spin" "$off")"
tracee_quit
expect_eq "spin exit status after SIGPIPE ($note)" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/spin.out" '^done total=[1-9]'

# ---- a long command (x/1000000000s 0: a billion unreadable strings, gigabytes of output)
# stops at SIGINT and cdbg reads on, as gdb's Ctrl-C does; at SIGTERM cdbg leaves. Its output
# goes through sed -u, which keeps the first line and every line but the flood's, so the disk
# is not filled while the test waits (sed -u reads what comes, awk would wait for a block).
long_start() {
	rm -f "$E2E_TMP/long.cmd" "$E2E_TMP/long.pid" "$E2E_TMP/long.out"
	mkfifo "$E2E_TMP/long.cmd"
	(echo "$BASHPID" > "$E2E_TMP/long.pid"; trap - PIPE
	 exec "$CDBG" -q < "$E2E_TMP/long.cmd" 2> "$E2E_TMP/long.err") |
		sed -u -n '1p; /<error: Cannot access memory/!p' > "$E2E_TMP/long.out" &
	exec 8> "$E2E_TMP/long.cmd"
	wait_for 20 test -s "$E2E_TMP/long.pid" || fail "cdbg did not start"
	CD_PID=$(cat "$E2E_TMP/long.pid")
	E2E_PIDS+=("$CD_PID")
	CD_OUT="$E2E_TMP/long.out"
	send 'x/1000000000s 0'
	wait_line "$CD_OUT" '<error: Cannot access memory at address 0x0>' 20 ||
		fail "x/1000000000s 0 printed nothing"
}
long_start
kill -INT "$CD_PID"
sync_cdbg "the line after an x interrupted by SIGINT"
cdbg_end 0
long_start
kill -TERM "$CD_PID"
wait_for 20 gone "$CD_PID" || fail "cdbg still runs its x/1000000000s 20 s after SIGTERM"
exec 8>&-
pass
