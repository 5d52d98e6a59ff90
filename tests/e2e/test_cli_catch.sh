# Catchpoints (gdb's catch and tcatch), side by side with gdb (tracee sc_storm: threads
# write() in a storm while queued real-time signals arrive; the program prints its own
# accounting, "writes=N signals=S handled=H"):
# - what catch says when set and info breakpoints' rows are gdb's, errors included;
# - catch syscall write hits exactly twice per write() call (entry and return), every thread,
#   with no write and no signal lost (ignore count; gdb's count is the same);
# - stops at a syscall catchpoint are gdb's words; tcatch goes after its first stop;
# - kill -9 of cdbg at a syscall catch stop of an attached program leaves it running: it
#   finishes with the same accounting.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/sc_storm
noise='^\[(New Thread|Thread .* exited|Inferior)|libthread_db|^Using host|^Starting program|^Will ignore'

run_both() { # NAME ARGS...: gdb's output in NAME.gdb, cdbg's in NAME.out
	local name=$1
	shift
	timeout 300 gdb -batch -nx "$@" 2>&1 | grep -vE "$noise" > "$E2E_TMP/$name.gdb"
	timeout 300 "$CDBG" -batch "$@" 2>&1 | grep -vE "$noise" > "$E2E_TMP/$name.out"
}

# 1. Setting them and listing them.
run_both set -ex 'catch syscall close' -ex 'catch syscall' -ex 'catch syscall close chroot' \
	-ex 'catch syscall g:ipc' -ex 'catch syscall group:memory' -ex 'catch syscall 999' \
	-ex 'catch signal' -ex 'catch signal all' -ex 'catch signal SIGUSR1 SIGHUP' \
	-ex 'catch fork' -ex 'tcatch vfork' -ex 'catch exec' -ex 'catch throw' -ex 'catch catch' \
	-ex 'catch rethrow' -ex 'catch syscall foo' -ex 'catch syscall g:foo' -ex 'catch signal 20' \
	-ex 'catch signal FOO' -ex 'disable 2' -ex 'condition 3 1 == 1' -ex 'info breakpoints' \
	-ex 'delete 1-5' -ex 'info breakpoints' "$PROG"
diff -u "$E2E_TMP/set.gdb" "$E2E_TMP/set.out" >&2 || fail "catch and info breakpoints: cdbg and gdb differ"

# 2. A storm: every entry and return counted once, nothing lost.
run_both storm -ex 'handle SIG35 nostop noprint pass' -ex 'catch syscall write' \
	-ex 'ignore 1 100000000' -ex 'run 4 2000 300' -ex 'info breakpoints' "$PROG"
expect_grep "$E2E_TMP/storm.out" '^writes=8001 signals=300 handled=300$'
expect_grep "$E2E_TMP/storm.out" 'catchpoint already hit 16002 times'
diff -u "$E2E_TMP/storm.gdb" "$E2E_TMP/storm.out" >&2 || fail "storm: cdbg and gdb differ"

# 3. Stops, as gdb words them (the location after the comma differs in its path; gdb names
#    the thread of every stop once the program had several threads, cdbg while it has them).
run_both stops -ex 'catch syscall write' -ex 'tcatch syscall exit_group' -ex 'run 1 1 0' \
	-ex c -ex c -ex c -ex c -ex c -ex 'info breakpoints' "$PROG"
cut_loc() { sed -E 's/^Thread [0-9]+ "[^"]*" hit //' "$1" |
	grep -E '^(Catchpoint|Temporary catchpoint|Num|[0-9]+ +catch|	catchpoint|writes=)' |
	sed -E 's/\), .*/)/'; }
diff -u <(cut_loc "$E2E_TMP/stops.gdb") <(cut_loc "$E2E_TMP/stops.out") >&2 ||
	fail "stops: cdbg and gdb differ"
expect_eq "write stops" "$(grep -cE "(^|hit )Catchpoint 1 \(.* syscall write\)" "$E2E_TMP/stops.out")" 4

# 4. C++ exceptions (tracee cxx_throw: throws, catches, rethrows): stops and rows as gdb's.
CXX=$CDBG_TRACEE_DIR/cxx_throw
run_both cxx -ex 'catch throw' -ex 'catch catch' -ex 'tcatch rethrow' -ex run -ex c -ex c -ex c \
	-ex c -ex c -ex c -ex c -ex 'info breakpoints' "$CXX"
diff -u <(cut_loc "$E2E_TMP/cxx.gdb") <(cut_loc "$E2E_TMP/cxx.out") >&2 ||
	fail "exceptions: cdbg and gdb differ"
expect_eq "throw stops" "$(grep -c '^Catchpoint 1 (exception thrown)' "$E2E_TMP/cxx.out")" 2
expect_grep "$E2E_TMP/cxx.out" '^Temporary catchpoint 3 \(exception rethrown\)'
expect_grep "$E2E_TMP/cxx.out" '^caught=3$'

# 5. kill -9 of cdbg at a syscall catch stop: the attached program goes on, untouched.
"$PROG" 2 3000000 100 > "$E2E_TMP/kill.prog" &
tp=$!
sleep 0.3
"$CDBG" -batch -p "$tp" -ex 'catch syscall write' -ex c -ex 'shell sleep 60' > "$E2E_TMP/kill.out" 2>&1 &
cp=$!
for _ in $(seq 100); do
	grep -q 'call to syscall write' "$E2E_TMP/kill.out" && break
	sleep 0.1
done
expect_grep "$E2E_TMP/kill.out" 'call to syscall write'
kill -9 "$cp"
wait "$tp"
expect_eq "program's status after cdbg died" "$?" 0
expect_grep "$E2E_TMP/kill.prog" '^writes=6000001 signals=100 handled=100$'
pass
