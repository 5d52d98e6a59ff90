# `inject /path/lib.so`: a shared library loaded into the running program through its own
# dlopen. Proves: the library's constructor runs inside the program (a marker file named by
# the program's environment gets its pid; its line shows in the program's output); the
# library's functions can be called afterwards; injecting it again says so; the program runs
# on to its normal end. A thread stopped inside malloc is not used: another one is, and the
# command says which; a program whose only thread is in malloc gets an error saying why. The
# errors: a missing file, a directory, a file dlopen refuses (the program's dlerror()), no
# argument, no dlopen in the program (a Go program without libc).
. "$CDBG_E2E_LIB"

"$CDBG" -batch -ex 'help inject' > "$E2E_TMP/h.out" 2>&1
grep -q '^Undefined command' "$E2E_TMP/h.out" && skip "this cdbg has no inject command"
LIB=$(realpath "$CDBG_TRACEE_DIR/inject_lib.so") || skip "inject_lib.so is not built"
MARKER="$E2E_TMP/marker.txt"
export CDBG_INJECT_MARKER="$MARKER"

# interactive NAME ARGS...: cdbg reading commands from the fifo $E2E_TMP/NAME.cmd (on fd 8),
# its output in $E2E_TMP/NAME.log; sets CDBG_PID.
interactive() {
	local name=$1; shift
	mkfifo "$E2E_TMP/$name.cmd"
	"$CDBG" -q "$@" < "$E2E_TMP/$name.cmd" > "$E2E_TMP/$name.log" 2>&1 &
	CDBG_PID=$!
	E2E_PIDS+=("$CDBG_PID")
	exec 8>"$E2E_TMP/$name.cmd"
}

# ---- inject into call_basic, blocked in read() ------------------------------------------
start_tracee call_basic
wait_in_syscall "$TRACEE_PID" 0 20 || fail "call_basic is not blocked in read()"
PID=$TRACEE_PID
"$CDBG" -q -batch -p "$PID" -ex "inject $LIB" -ex 'call inject_lib_answer()' \
	-ex "inject $LIB" > "$E2E_TMP/i.out" 2> "$E2E_TMP/i.err"
expect_eq "inject session status" "$?" 0
sed -n '/^Injected/,$p' "$E2E_TMP/i.out" | sed 's/handle 0x[0-9a-f]*$/handle H/' > "$E2E_TMP/i.body"
expect_eq "inject output" "$(cat "$E2E_TMP/i.body")" "Injected $LIB: handle H
\$1 = 4242
Injected $LIB: handle H
It was loaded already: its constructors did not run again."
expect_eq "handles" "$(grep -o 'handle 0x[0-9a-f]*' "$E2E_TMP/i.out" | sort -u | wc -l)" 1
expect_eq "marker file" "$(cat "$MARKER")" "injected pid=$PID"
expect_grep "$E2E_TMP/call_basic.out" "^inject_lib: constructor ran in pid $PID\$"
expect_eq "constructor runs" "$(grep -c '^inject_lib: constructor' "$E2E_TMP/call_basic.out")" 1
[ "$(states "$PID")" != "*t*" ] || fail "threads left in tracing stop"

# Errors, one sentence each.
"$CDBG" -q -batch -p "$PID" -ex 'inject /nonexistent/lib.so' -ex "inject $E2E_TMP" \
	-ex 'inject /etc/passwd' -ex 'inject' > "$E2E_TMP/e.out" 2> "$E2E_TMP/e.err"
expect_eq "error session status" "$?" 1
expect_eq "errors" "$(cat "$E2E_TMP/e.err")" \
"cannot inject /nonexistent/lib.so: no such file or directory
cannot inject $E2E_TMP: it is not a regular file
cannot inject /etc/passwd: dlopen failed: /etc/passwd: invalid ELF header
Argument required (shared library file name)."

# The only thread is in malloc: refused, the program goes on.
interactive basic -p "$PID"
printf 'break malloc\ncontinue\n' >&8
wait_line "$E2E_TMP/basic.log" '^Continuing\.' 10 || fail "cdbg did not continue"
echo alloc >&7
wait_line "$E2E_TMP/basic.log" 'hit Breakpoint 1|^Breakpoint 1,' 10 || fail "malloc was not reached"
printf 'delete\ninject %s\ndetach\nquit\n' "$LIB" >&8
exec 8>&-
wait "$CDBG_PID"
WANT="^cannot inject $LIB: every thread is stopped where dlopen could wait for a lock it holds "
WANT="$WANT\\(thread 1 is in (__libc_)?malloc\\); continue the program a little and try again\$"
expect_grep "$E2E_TMP/basic.log" "$WANT"
wait_line "$E2E_TMP/call_basic.out" '^alloc ok$' 10 || fail "call_basic did not go on after malloc"
echo show >&7
wait_line "$E2E_TMP/call_basic.out" '^counter=0 ' 10 || fail "call_basic did not answer"
tracee_quit
expect_eq "call_basic exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/call_basic.out" '^done counter=0$'

# ---- several threads, the selected one in malloc: dlopen runs in another -----------------
rm -f "$MARKER"
start_tracee call_block 100
PID=$TRACEE_PID
interactive block -p "$PID"
printf 'break malloc\ncontinue\n' >&8
wait_line "$E2E_TMP/block.log" '^Continuing\.' 10 || fail "cdbg did not continue"
echo alloc >&7
wait_line "$E2E_TMP/block.log" 'hit Breakpoint 1|^Breakpoint 1,' 10 || fail "malloc was not reached"
printf 'delete\ninject %s\ninfo threads\ndetach\nquit\n' "$LIB" >&8
exec 8>&-
wait "$CDBG_PID"
expect_grep "$E2E_TMP/block.log" "^Injected $LIB: handle 0x[0-9a-f]+\$"
expect_grep "$E2E_TMP/block.log" \
	'^dlopen ran in thread [2-4], as thread 1 is in (__libc_)?malloc\.$'
expect_eq "marker file" "$(cat "$MARKER")" "injected pid=$PID"
wait_line "$E2E_TMP/call_block.out" '^alloc ok$' 10 || fail "call_block did not go on after malloc"
echo "write x" >&7
echo usr1 >&7
tracee_quit
expect_eq "call_block exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/call_block.out" '^done$'

# ---- a program without libc: no dlopen to call --------------------------------------------
if [ -x "$CDBG_TRACEE_DIR/gospin" ]; then
	start_tracee gospin 1
	"$CDBG" -q -batch -p "$TRACEE_PID" -ex "inject $LIB" > "$E2E_TMP/g.out" 2> "$E2E_TMP/g.err"
	expect_eq "inject into Go status" "$?" 1
	expect_grep "$E2E_TMP/g.err" "^cannot inject $LIB: the program has no dlopen"
	tracee_quit
	expect_eq "gospin exit status" "$TRACEE_STATUS" 0
else
	echo "note: gospin is not built (no Go): the no-dlopen case is not checked"
fi
pass
