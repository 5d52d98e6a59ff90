# Backtraces: a deep recursion and a signal handler list the expected functions in order, and
# `thread apply all bt` shows every thread as gdb does, `thread apply all bt -group` shows
# identical stacks once. Compared with what gdb shows for the same stop.
. "$CDBG_E2E_LIB"

start_tracee bt_deep
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'handle SIGUSR1 nostop noprint' -ex 'break leaf' -ex 'continue' -ex 'bt' \
	-ex 'break in_handler' -ex 'continue' -ex 'bt' -ex 'frame 1' -ex 'up' -ex 'down' \
	> "$E2E_TMP/bt.out" 2>&1 &
CDBG_PID=$!
wait_line "$E2E_TMP/bt.out" '^Continuing' 20 || fail "cdbg did not continue"
echo go >&7
wait "$CDBG_PID" || fail "cdbg exited $?"
# The recursion: leaf, then recurse eleven times (10..0), then main.
funcs=$(sed -n '/hit Breakpoint 1\|^Breakpoint 1,/,/^Breakpoint 2 at/p' "$E2E_TMP/bt.out" |
	grep -E '^#[0-9]+ ' | sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([A-Za-z_0-9.]+) .*/\2/' | tr '\n' ' ')
want="leaf recurse recurse recurse recurse recurse recurse recurse recurse recurse recurse recurse main "
case "$funcs" in "$want"*) ;; *) fail "recursion backtrace: got '$funcs', want '$want...'";; esac
# The signal handler: in_handler, handler, the signal trampoline, raise..., main.
hfuncs=$(sed -n '/Breakpoint 2,/,$p' "$E2E_TMP/bt.out" | grep -E '^#[0-9]+ ' |
	sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([A-Za-z_0-9.?]+) .*/\2/' | tr '\n' ' ')
case "$hfuncs" in "in_handler handler "*) ;; *) fail "handler backtrace: got '$hfuncs'";; esac
echo "$hfuncs" | grep -q ' main ' || fail "the handler backtrace does not reach main: '$hfuncs'"
expect_grep "$E2E_TMP/bt.out" '^#1  0x[0-9a-f]+ in handler \(sig=<optimized out>\)'
tracee_quit
expect_eq "bt_deep exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/bt_deep.out" '^done$'

# Many threads with the same stack: shown once with the count.
start_tracee sleepers 20
# Its ready line comes once each sleeper released the lock in pthread_cond_wait, which is not
# yet the futex wait every stack must end in to be the same: wait for all 20 to be there.
for ((i = 0; i < 400; i++)); do
	[ "$(in_syscall "$TRACEE_PID" 202)" = 20 ] && break
	sleep 0.05
done
expect_eq "sleepers in futex" "$(in_syscall "$TRACEE_PID" 202)" 20
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'thread apply all bt -group' > "$E2E_TMP/all.out" 2>&1 ||
	fail "cdbg exited $?"
expect_grep "$E2E_TMP/all.out" '^20 threads \(2-21\) at [^ ]+ <- pthread_cond_wait <- sleeper_main <- start_thread( <- \.\.\.)?:$'
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'thread apply all bt' > "$E2E_TMP/each.out" 2>&1 ||
	fail "cdbg exited $?"
expect_eq "thread headers of thread apply all bt" "$(grep -c '^Thread [0-9]* (Thread 0x' "$E2E_TMP/each.out")" 21
tracee_quit
expect_eq "sleepers exit status" "$TRACEE_STATUS" 0
pass
