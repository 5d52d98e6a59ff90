# Calls into the program from cdbg's command line, as gdb makes them: `call FUNC(ARGS)` and
# `print FUNC(ARGS)` with integer, char, string-literal and double arguments and casts; a
# function without debug info (libc's) refused unless cast (gdb 13); the program's own
# output from the calls (puts, system); a call at a breakpoint on a function's first
# instruction (rsp % 16 == 8) that needs an aligned stack (printf of a double); a call that
# faults, reported, and the program going on to its normal end; gdb's error texts.
. "$CDBG_E2E_LIB"

# ---- attached to call_basic, blocked in read(): calls and their values ----------------------
start_tracee call_basic
wait_in_syscall "$TRACEE_PID" 0 20 || fail "call_basic is not blocked in read()"
PID=$TRACEE_PID
"$CDBG" -q -batch -p "$PID" -ex 'call (int)getpid()' -ex 'print (int)getpid()' \
	-ex 'call (int)puts("injected-123")' -ex 'call (int)system("echo 123")' \
	-ex 'print add3(1, 2, 3)' -ex 'call add3(-1, -2, -3)' -ex "call next_char('a')" \
	-ex 'call (char)next_char(65)' -ex 'call sum8(1, 2, 3, 4, 5, 6, 7, 8)' \
	-ex 'call (double)scale(1.5, 4)' \
	-ex 'call (double)mix8(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)' \
	-ex 'call set_text("a \"quoted\" string, with commas")' -ex 'call (long)bump_counter(5)' \
	-ex 'call (long)bump_counter(-2)' -ex 'print $' -ex 'call (void)bump_counter(10)' \
	-ex 'call (unsigned long)getpid()' \
	> "$E2E_TMP/c.out" 2> "$E2E_TMP/c.err"
expect_eq "call session status" "$?" 0
grep '^\$' "$E2E_TMP/c.out" > "$E2E_TMP/c.vals"
expect_eq "values" "$(cat "$E2E_TMP/c.vals")" "\$1 = $PID
\$2 = $PID
\$3 = 13
\$4 = 0
\$5 = 321
\$6 = -321
\$7 = 98
\$8 = 66 'B'
\$9 = 204
\$10 = 6
\$11 = 204
\$12 = 30
\$13 = 5
\$14 = 3
\$15 = 3
\$16 = $PID"
wait_line "$E2E_TMP/call_basic.out" '^injected-123$' 5 || fail "no puts output from the program"
wait_line "$E2E_TMP/call_basic.out" '^123$' 5 || fail "no system() output from the program"
echo show >&7
wait_line "$E2E_TMP/call_basic.out" '^counter=' 10 || fail "call_basic did not answer"
expect_grep "$E2E_TMP/call_basic.out" '^counter=13 text=a "quoted" string, with commas$'

# ---- a faulting call: stays in the function; detach restores it, the program goes on ------------------
"$CDBG" -q -batch -p "$PID" -ex 'call deref(0)' -ex 'call (int)deref(0)' -ex 'call getpid()' -ex 'call (int)getpid()' \
	-ex 'call nosuchfunc(1)' > "$E2E_TMP/f.out" 2> "$E2E_TMP/f.err"
expect_eq "faulting session status" "$?" 1
# Each fault leaves the thread in the called function (gdb's way; the second call is made
# inside the first); the detach at the end gives the program its own state back.
FAULT="^The program being debugged was signaled while in a function called from GDB\.\$"
expect_eq "faults reported" "$(grep -c "$FAULT" "$E2E_TMP/f.err")" 2
expect_grep "$E2E_TMP/f.err" '^No symbol "nosuchfunc" in current context\.$'
expect_grep "$E2E_TMP/f.err" "^'getpid' has unknown return type; cast the call to its declared return type$" # gdb 13
expect_grep "$E2E_TMP/f.out" "^\\\$1 = $PID\$"
[ "$(states "$PID")" != "*t*" ] || fail "threads left in tracing stop"
echo show >&7
wait_line "$E2E_TMP/call_basic.out" '^counter=13 .*commas$' 10 || fail "call_basic did not answer"
tracee_quit
expect_eq "call_basic exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/call_basic.out" '^done counter=13$'

# ---- started by cdbg, stopped on stop_here's first instruction: rsp % 16 == 8 ------------
printf 'stop\nshow\nquit\n' > "$E2E_TMP/stdin.txt"
"$CDBG" -q -batch -ex 'break main' -ex "run < $E2E_TMP/stdin.txt" -ex 'break *stop_here' \
	-ex 'continue' -ex 'print $rsp % 16' -ex 'call fmt_double(2.5)' -ex 'x/s &text' \
	-ex 'call (double)scale(0.25, 3)' -ex 'print $rsp % 16' -ex 'call (long)clobber(3000)' \
	-ex 'continue' "$CDBG_TRACEE_DIR/call_basic" > "$E2E_TMP/a.out" 2> "$E2E_TMP/a.err"
expect_eq "aligned-call session status" "$?" 0
grep -e '^\$' -e '<text>' "$E2E_TMP/a.out" | sed 's/^0x[0-9a-f]* <text>/TEXT/' > "$E2E_TMP/a.vals"
expect_eq "calls at a misaligned stop" "$(cat "$E2E_TMP/a.vals")" "\$1 = 8
\$2 = 5
TEXT:	\"2.500\"
\$3 = 0.75
\$4 = 8
\$5 = 3000"
expect_grep "$E2E_TMP/a.out" '^stop_here returned$'
expect_grep "$E2E_TMP/a.out" '^counter=0 text=4500.25$'
expect_grep "$E2E_TMP/a.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
pass
