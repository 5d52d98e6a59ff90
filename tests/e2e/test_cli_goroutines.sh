# info goroutines and goroutine ID bt on a Go program (gogoroutines): every goroutine the
# program says it started is listed once, with the id the runtime gave it, where it parked
# (main.blockRecv [chan receive]; the mutex ones' backtraces pass through main.blockLock); the
# count line counts the lines; errors are one line; the program runs on after detach.
. "$CDBG_E2E_LIB"
start_tracee gogoroutines
out=$E2E_TMP/gogoroutines.out
recv=$(sed -n 's/^started id=\([0-9]*\) func=main.blockRecv$/\1/p' "$out")
lock=$(sed -n 's/^started id=\([0-9]*\) func=main.blockLock$/\1/p' "$out")
main=$(sed -n 's/^ready .* main=\([0-9]*\) .*/\1/p' "$out")
expect_eq "blockRecv goroutines" "$(echo $recv | wc -w)" 3
expect_eq "blockLock goroutines" "$(echo $lock | wc -w)" 2
first_lock=$(echo $lock | cut -d' ' -f1)

# A goroutine announces itself just before it parks: look until all five are parked.
for try in $(seq 50); do
	"$CDBG" -batch -p "$TRACEE_PID" -ex 'info goroutines' -ex "goroutine $first_lock bt" \
		> "$E2E_TMP/g.out" 2>&1 || fail "cdbg exited $?"
	[ "$(grep -cE '^  Goroutine [0-9]+ - .*\[(chan receive|semacquire|sync.Mutex.Lock)\]$' \
		"$E2E_TMP/g.out")" -ge 5 ] && break
	sleep 0.1
done
for id in $recv; do
	expect_grep "$E2E_TMP/g.out" "^  Goroutine $id - User: /.*/gogoroutines\.go:[0-9]+ main\.blockRecv \(0x[0-9a-f]+\) \[chan receive\]$"
done
for id in $lock; do
	expect_grep "$E2E_TMP/g.out" "^  Goroutine $id - User: /.* \(0x[0-9a-f]+\) \[(semacquire|sync.Mutex.Lock)\]$"
done
expect_grep "$E2E_TMP/g.out" "^[ *] Goroutine $main - User: "
lines=$(grep -cE '^[ *] Goroutine [0-9]+ - User: ' "$E2E_TMP/g.out")
expect_grep "$E2E_TMP/g.out" "^\[$lines goroutines\]$"
expect_eq "distinct ids" "$(grep -oE '^[ *] Goroutine [0-9]+ ' "$E2E_TMP/g.out" | sort -u | wc -l)" "$lines"
# At most one goroutine is the selected thread's, and it names that thread.
[ "$(grep -c '^\* Goroutine' "$E2E_TMP/g.out")" -le 1 ] || fail "more than one '*' line"
if grep -q '^\* Goroutine' "$E2E_TMP/g.out"; then
	expect_grep "$E2E_TMP/g.out" "^\* Goroutine .* \(thread $TRACEE_PID\)"
fi
expect_grep "$E2E_TMP/g.out" '^#0  0x[0-9a-f]{16} in runtime\.gopark \(\) at /.*/proc\.go:[0-9]+$'
expect_grep "$E2E_TMP/g.out" '^#[0-9] +0x[0-9a-f]{16} in main\.blockLock \(\) at '
"$CDBG" -batch -p "$TRACEE_PID" -ex 'goroutine 999999 bt' -ex 'goroutine x' > "$E2E_TMP/e.out" 2>&1
expect_eq "errors" "$(tail -2 "$E2E_TMP/e.out")" \
"no goroutine 999999: it does not exist or has ended
usage: goroutine ID bt [COUNT], or goroutine ID COMMAND (see info goroutines for the ids)"

# -group folds by place and reason (the largest group first), -with filters; the counts add up.
"$CDBG" -batch -p "$TRACEE_PID" -ex 'info goroutines -group' -ex 'info goroutines -with waiting chan' \
	-ex 'info goroutines -with user blockRecv' -ex 'info goroutines -with running' \
	-ex 'info goroutines -with bogus' > "$E2E_TMP/grp.out" 2>&1
expect_grep "$E2E_TMP/grp.out" '^     3 goroutines at /.*/gogoroutines\.go:[0-9]+ main\.blockRecv \(0x[0-9a-f]+\) \[chan receive\]$'
first=$(grep -m1 -E '^ +[0-9]+ goroutines? +at ' "$E2E_TMP/grp.out")
case "$first" in *main.blockRecv*) ;; *) fail "the largest group is not first: $first" ;; esac
total=$(grep -E '^ +[0-9]+ goroutines? +at ' "$E2E_TMP/grp.out" | awk '{ n += $1 } END { print n }')
expect_eq "grouped counts" "$total" "$lines"
expect_eq "waiting for chan" "$(grep -cE '^  Goroutine [0-9]+ - User: .*\[chan receive\]$' "$E2E_TMP/grp.out")" 6
for id in $recv; do
	expect_eq "goroutine $id listed twice" \
		"$(grep -cE "^[ *] Goroutine $id - User: .*main\.blockRecv" "$E2E_TMP/grp.out")" 2
done
expect_grep "$E2E_TMP/grp.out" '^\[3 goroutines\]$'
expect_grep "$E2E_TMP/grp.out" '^info goroutines: -with takes running, waiting \[REASON\] or user TEXT, not "bogus"$'

# The program runs on.
echo hello >&7
wait_line "$out" "^error: unknown command 'hello'" 10 || fail "no answer after detach"
echo quit >&7
tracee_quit
expect_eq "gogoroutines exit status" "$TRACEE_STATUS" 0
expect_grep "$out" '^done$'

# Not a Go program: one line saying so.
start_tracee sym_basic
"$CDBG" -batch -p "$TRACEE_PID" -ex 'info goroutines' > "$E2E_TMP/c.out" 2>&1
expect_grep "$E2E_TMP/c.out" '^cannot list goroutines: the program.s debug info has no type runtime\.g'
pass
