# A program whose main thread called pthread_exit (leader_exit: the leader is a zombie, four
# workers go on), run under cdbg until a worker stops at a breakpoint (exit, called by worker
# 0 on "quit"). A zombie leader has an empty /proc/PID/maps and no /proc/PID/auxv: symbols
# must still come from a live thread's view, and nothing read before may be used after the
# modules went (issue 10, failure 4: `info threads` died of SIGSEGV in dwarf_tag on a stale
# DIE). Checks: cdbg ends normally (no signal, no sanitizer report), `info threads` shows the
# worker frames with their arguments and the leader as exiting, `bt`, `print &started` and
# `info sharedlibrary` still work after it, each twice.
. "$CDBG_E2E_LIB"
export LC_ALL=C

BIN="$CDBG_TRACEE_DIR/leader_exit"
[ -x "$BIN" ] || skip "tracee leader_exit is not built"

IN="$E2E_TMP/cdbg.in"
OUT="$E2E_TMP/cdbg.out"
ERR="$E2E_TMP/cdbg.err"
mkfifo "$IN"
: > "$OUT"
"$CDBG" -q -batch -ex 'set breakpoint pending on' -ex 'break exit' -ex run \
	-ex 'info threads' -ex 'bt' -ex 'print &started' -ex 'info sharedlibrary' \
	-ex 'info threads' -ex 'bt' -ex 'print &started' -ex 'info sharedlibrary' \
	--args "$BIN" 4 < "$IN" > "$OUT" 2> "$ERR" &
CPID=$!
E2E_PIDS+=("$CPID")
exec 7>"$IN" # the program's stdin (it inherits cdbg's)
wait_line "$OUT" '^ready pid=' 30 || fail "no ready line"
PID=$(sed -n 's/^ready pid=\([0-9]*\).*/\1/p' "$OUT" | head -1)
# Wait until the leader is a zombie: only then is its /proc view empty.
for ((i = 0; i < 400; i++)); do
	st=$(sed 's/.*) //' /proc/"$PID"/stat 2>/dev/null | cut -c1)
	[ "$st" = Z ] && break
	sleep 0.05
done
[ "$st" = Z ] || fail "the leader of $PID never became a zombie ('$st')"
echo quit >&7
exec 7>&-
for ((i = 0; i < 1200; i++)); do
	kill -0 "$CPID" 2>/dev/null || break
	sleep 0.05
done
kill -0 "$CPID" 2>/dev/null && fail "cdbg did not end"
wait "$CPID"; status=$?
cp "$ERR" "$E2E_TMP/cdbg-stderr.out" # shown by fail
[ "$status" -lt 128 ] || fail "cdbg died of signal $((status - 128))"
expect_eq "cdbg exit status" "$status" 0
! grep -aqE 'Sanitizer|runtime error:' "$ERR" || fail "sanitizer report: $(grep -aE 'Sanitizer|runtime error' "$ERR" | head -3)"
expect_grep "$OUT" 'hit Breakpoint 1, .*exit \(status=0\)'
# Each of the two listings: the leader exiting, a spinning worker in worker_main with its argument.
expect_eq "leader lines" "$(grep -cE '^  1 +.*LWP '"$PID"'\)? "leader_exit" +\(exiting\)$' "$OUT")" 2
expect_eq "worker lines" "$(grep -cE '^  3 +Thread .* in worker_main \(arg=0x1\) at .*leader_exit\.c:[0-9]+$' "$OUT")" 2
expect_eq "bt lines" "$(grep -cE '^#1 +0x[0-9a-f]+ in worker_main \(arg=.*\) at .*leader_exit\.c:[0-9]+$' "$OUT")" 2
expect_eq "print lines" "$(grep -cE '^\$[12] = \(pthread_barrier_t \*\) 0x[0-9a-f]+ <started>$' "$OUT")" 2
expect_eq "libc lines" "$(grep -cE '^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.*/libc\.so' "$OUT")" 2
grep -aq 'cannot\|No symbol' "$ERR" && fail "an error: $(head -3 "$ERR")"
pass
