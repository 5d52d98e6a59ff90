# gdb's call through a cast of the function to a pointer type, `call ((int (*) (void)) getpid)
# ()` (gdb.base/dprintf-detach.exp takes the program's pid so): the cast's return type types
# the result, as `call (int) getpid ()` does; before, cdbg refused it ("unknown return type").
# Also `set disconnected-dprintf`, kept and shown as gdb does, compared with gdb.
. "$CDBG_E2E_LIB"

start_tracee call_basic
wait_in_syscall "$TRACEE_PID" 0 20 || fail "call_basic is not blocked in read()"
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'call ((int (*) (void)) getpid) ()' \
	-ex 'print ((int (*)(void))getpid)()' \
	-ex 'call ( ( long (*) (int) ) labs ) (-7)' \
	-ex 'print (int) getpid ()' \
	> "$E2E_TMP/c.out" 2> "$E2E_TMP/c.err"
expect_eq "calls through a cast" "$(grep '^\$' "$E2E_TMP/c.out")" "\$1 = $TRACEE_PID
\$2 = $TRACEE_PID
\$3 = 7
\$4 = $TRACEE_PID"
[ "$(states "$TRACEE_PID")" != "*t*" ] || fail "threads left in tracing stop"
tracee_quit
expect_eq "call_basic exit status" "$TRACEE_STATUS" 0

cmds=(-ex 'show disconnected-dprintf' -ex 'set disconnected-dprintf off'
	-ex 'show disconnected-dprintf' -ex 'set disconnected-dprintf on'
	-ex 'show disconnected-dprintf')
"$CDBG" -nx -batch "${cmds[@]}" > "$E2E_TMP/s.cdbg" 2>&1
if command -v gdb > /dev/null; then
	gdb -nx -batch "${cmds[@]}" > "$E2E_TMP/s.gdb" 2>&1
	expect_eq "disconnected-dprintf as gdb" "$(cat "$E2E_TMP/s.cdbg")" "$(cat "$E2E_TMP/s.gdb")"
fi
expect_eq "disconnected-dprintf" "$(sed -n 2p "$E2E_TMP/s.cdbg")" \
	"Whether dprintf continues after GDB disconnects is off."
pass
