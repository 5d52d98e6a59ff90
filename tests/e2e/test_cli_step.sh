# Source-level stepping: step, next, until, advance, finish, stepi, nexti on the stepping
# tracee (-O0; a worker thread runs twice() and add() in a loop all along). Each scenario runs
# in cdbg and, when installed, in gdb: the transcripts must be the same once argument lists,
# directories, addresses and thread notices are set aside. The lines landed on, the finish
# values and the program's own output (the worker's "worker ok": its place survived the
# internal breakpoints) are also checked literally.
. "$CDBG_E2E_LIB"

T="$CDBG_TRACEE_DIR/stepping"
[ -x "$T" ] || skip "tracee stepping is not built"
HAVE_GDB=0
command -v gdb >/dev/null 2>&1 && HAVE_GDB=1

# What differs between the debuggers and is not stepping: argument values (cdbg shows no
# arguments yet), directories, ASLR'd addresses, pids, thread notices (gdb names a thread it
# meets before libthread_db "[New process N]" or "[New LWP N]"), breakpoint set-up lines;
# gdb's "[Switching to Thread ...]" (cdbg does not print it); gdb's "No such file" for a source
# it cannot open; and the program's own lines, whose place among gdb's buffered output varies.
# The program's own lines (checked apart) can land inside a debugger's message ("[" + "x=4 ..."
# + "Thread ... exited]": gdb writes that message in pieces): they are cut out wherever they
# are, and the pieces of a thread-exit message dropped.
norm() {
	sed -E -e 's/(hello from main|worker ok|x=4 r=24 s=3)//g' -e '/^\[?$/d' \
		-e '/^\[?Thread .*exited\]$/d' \
		-e '/^Breakpoint [0-9]+ (at |\()/d' -e '/^Starting program/d' \
		-e '/^\[(New (Thread|LWP|process)|Switching to Thread)/d' \
		-e '/^warning: /d' -e '/libthread_db/d' -e '/^Continuing\.$/d' \
		-e '/: No such file or directory\.$/d' \
		-e 's/([A-Za-z_][A-Za-z_0-9]*) \([^()]*\) at /\1 () at /g' \
		-e 's#( at )[^ ]*/([^/ ]+:[0-9]+)#\1\2#g' \
		-e 's/0x[0-9a-f]+/ADDR/g' -e 's/process [0-9]+/process PID/' "$1"
}

# scenario NAME COMMANDS...: run the commands in cdbg (and gdb), compare. cdbg's exit status
# must be $WANT_STATUS (default 0).
scenario() {
	local name=$1; shift
	local args=() c
	for c in "$@"; do args+=(-ex "$c"); done
	local st=0
	timeout 120 "$CDBG" -q -batch "${args[@]}" "$T" > "$E2E_TMP/$name.out" 2>&1 || st=$?
	[ "$st" = "${WANT_STATUS:-0}" ] || fail "$name: cdbg exited $st"
	norm "$E2E_TMP/$name.out" > "$E2E_TMP/$name.cdbg"
	expect_grep "$E2E_TMP/$name.out" '^worker ok$'
	expect_grep "$E2E_TMP/$name.out" '^x=4 r=24 s=3$'
	expect_grep "$E2E_TMP/$name.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
	[ "$HAVE_GDB" = 1 ] || return 0
	timeout 120 gdb -q -nx -batch "${args[@]}" "$T" > "$E2E_TMP/$name.gdbraw" 2>&1
	norm "$E2E_TMP/$name.gdbraw" > "$E2E_TMP/$name.gdb"
	diff "$E2E_TMP/$name.gdb" "$E2E_TMP/$name.cdbg" > "$E2E_TMP/$name.diff" ||
		fail "$name: cdbg differs from gdb:
$(cat "$E2E_TMP/$name.diff")"
}

# step into functions (past their prologues), out of them back to the caller's next line,
# into a recursion; next over calls, out of a recursive activation into its caller; a loop.
scenario steps 'break stepping.c:74' run step step step step step step step step step step \
	next next next next next next next next next next next next continue
# the lines, literally: entered twice and add, back in twice, recursion fact(4) -> fact(3)
[ "$(grep -cE '^(twice|add|fact|main) \([^()]*\) at stepping.c:' "$E2E_TMP/steps.out")" -ge 7 ] ||
	fail "steps: too few frame changes"
expect_grep "$E2E_TMP/steps.out" '^add \([^()]*\) at stepping.c:22$'
expect_grep "$E2E_TMP/steps.out" '^twice \([^()]*\) at stepping.c:29$'
expect_grep "$E2E_TMP/steps.out" '^main \([^()]*\) at stepping.c:76$'

# finish out of each activation of a recursion, with its value; stepi/nexti; until over a
# loop; advance to a line that is not reached again: stops where main returns.
scenario finish 'break stepping.c:35' run finish finish finish stepi stepi nexti next \
	until until until until until 'advance 80' continue
expect_grep "$E2E_TMP/finish.out" '^Value returned is \$1 = 1$'
expect_grep "$E2E_TMP/finish.out" '^Value returned is \$2 = 2$'
expect_grep "$E2E_TMP/finish.out" '^Value returned is \$3 = 6$'
[ "$(grep -cE '^fact \(n=[234]\) at stepping.c:36$' "$E2E_TMP/finish.out")" = 3 ] ||
	fail "finish: not three returns into fact at line 35"
expect_grep "$E2E_TMP/finish.out" '^0x[0-9a-f]{16}	37	}$'
expect_grep "$E2E_TMP/finish.out" '^0x[0-9a-f]{16} in main \([^()]*\) at stepping.c:75$'

# until LOCATION, advance FUNCTION, until a line past the frame's end: back in the caller.
scenario until 'break stepping.c:75' run 'until 77' 'advance lonely' 'until 84' continue
expect_grep "$E2E_TMP/until.out" '^lonely \([^()]*\) at stepping.c:41$'
expect_grep "$E2E_TMP/until.out" '^main \([^()]*\) at stepping.c:78$'

# next over a function that holds a breakpoint stops at the breakpoint; step N, next N.
scenario nextbp 'break stepping.c:78' run 'break lonely' next next 'step 3' 'next 3' continue
expect_grep "$E2E_TMP/nextbp.out" 'hit Breakpoint 2, lonely \([^()]*\) at stepping.c:41$'

# finish out of a void function shows no value.
scenario void 'break stepping.c:73' run step finish continue
grep -q 'Value returned' "$E2E_TMP/void.out" && fail "void: a value was shown"
expect_grep "$E2E_TMP/void.out" '^main \([^()]*\) at stepping.c:74$'

# A location that cannot hold a breakpoint: gdb's words, and the program unharmed.
WANT_STATUS=1 scenario bad 'break stepping.c:74' run 'advance *0' next continue
expect_grep "$E2E_TMP/bad.out" '^Cannot access memory at address 0x0$'

# A step that arrives at a breakpoint reports it as a hit (and counts it), as gdb does.
scenario onto 'break stepping.c:75' run 'break 76' 'break 77' next next next \
	'info breakpoints' delete continue
expect_grep "$E2E_TMP/onto.out" '^Thread 1 "stepping" hit Breakpoint 3, main \([^()]*\) at stepping.c:77$'

# Another thread's breakpoint ends a next (the step is abandoned, as gdb does): main waits
# in wait_worker() for the worker to call twice() again, so the worker hits add first.
scenario other 'break stepping.c:73' run 'break add' next 'delete' continue
expect_grep "$E2E_TMP/other.out" '^Thread 2 "stepping" hit Breakpoint 2, add \([^()]*\) at stepping.c:22$'
# Ctrl-C (SIGINT to cdbg) while `finish` waits for read() to return: the process stops, the
# internal breakpoint at the return address goes, and after detach the program reads its
# input and ends normally (an int3 left behind would kill it with SIGTRAP).
start_tracee spin 2
mkfifo "$E2E_TMP/int.cmd"
"$CDBG" -q -p "$TRACEE_PID" < "$E2E_TMP/int.cmd" > "$E2E_TMP/int.out" 2>&1 &
CD_PID=$!
E2E_PIDS+=("$CD_PID")
exec 8> "$E2E_TMP/int.cmd"
echo finish >&8
wait_line "$E2E_TMP/int.out" '^Run till exit from #0 ' 20 || fail "finish did not start"
sleep 0.3
kill -INT "$CD_PID"
wait_line "$E2E_TMP/int.out" '^(Program|Thread [0-9]+ "[^"]*") received signal SIGINT, Interrupt\.$' 20 ||
	fail "SIGINT did not stop the finish"
echo detach >&8
exec 8>&-
wait "$CD_PID" || fail "cdbg exited $?"
echo quit >&7
tracee_quit
expect_eq "spin exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/spin.out" '^done total=[1-9]'
pass
