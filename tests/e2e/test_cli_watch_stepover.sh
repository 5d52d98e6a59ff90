# A watchpoint hit by the instruction a breakpoint sits on: watch_store's store_one is one store
# to `watched`; `break *STORE` plus `watch watched`, then continue and stepi in turn while it
# stores 1..5. Every stop alternates breakpoint / watchpoint with the right Old/New values,
# whether the store runs from the out-of-line copy (continue) or under a single-step (stepi,
# where the kernel reports the trap as a step and only DR6 names the watchpoint). The same
# script under gdb gives the same sequence when gdb can attach.
. "$CDBG_E2E_LIB"

run_one() { # DEBUGGER OUT
	start_tracee watch_store
	wait_in_syscall "$TRACEE_PID" 0 10 || fail "watch_store is not reading stdin"
	local at
	at=$("$CDBG" -q -batch -p "$TRACEE_PID" -ex 'disassemble store_one' 2>/dev/null |
		grep -m1 -E 'mov.*watched' | awk '{print $1}')
	[ -n "$at" ] || fail "no store to watched in store_one"
	cat > "$E2E_TMP/s.gdb" <<GDB
break *$at
watch watched
shell echo go >&7
continue
stepi
continue
continue
continue
stepi
continue
continue
continue
continue
detach
GDB
	timeout 60 "$1" -q -nx -batch -p "$TRACEE_PID" -x "$E2E_TMP/s.gdb" > "$2" 2>&1
	tracee_quit
	expect_eq "$1: exit status" "$TRACEE_STATUS" 0
	expect_grep "$E2E_TMP/watch_store.out" '^done watched=5'
}

# The stops, one word each: B for the breakpoint, W<old>-<new> for the watchpoint.
stops() {
	awk '/^Breakpoint 1,/ {printf "B "} /^Old value = / {o=$4} /^New value = / {printf "W%s-%s ", o, $4}' "$1"
}

run_one "$CDBG" "$E2E_TMP/cdbg.out"
want="B W0-1 B W1-2 B W2-3 B W3-4 B W4-5 "
expect_eq "cdbg stops" "$(stops "$E2E_TMP/cdbg.out")" "$want"
if command -v gdb > /dev/null; then
	run_one gdb "$E2E_TMP/gdb.out"
	if grep -q 'Hardware watchpoint 2' "$E2E_TMP/gdb.out"; then
		expect_eq "gdb stops" "$(stops "$E2E_TMP/gdb.out")" "$want"
	fi
fi
pass
