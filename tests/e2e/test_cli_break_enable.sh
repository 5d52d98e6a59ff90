# Breakpoint states and kinds as gdb has them, side by side with gdb on brk_files: enable
# once (disabled by its hit, still "dis"), enable delete (abbreviated "del"), enable count,
# their "Argument required" sentences; "N.1" of a one-location breakpoint is "N"; continue N's
# sentences; dprintf with set dprintf-style gdb and call (printf, fprintf to stderr), shown as
# gdb shows it; a step onto a hardware breakpoint is its hit, and continue then goes past it
# (it fired again at once before); set/show breakpoint always-inserted; a pending breakpoint
# shown with the condition it was typed with.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/brk_files
norm() {
	sed -E 's|/[^ :]*/||g; s/\((gdb|cdbg)\) //g; s/process [0-9]+/process N/; s/=0x[0-9a-f]+/=ADDR/g' "$1" |
		grep -v -e '^Reading symbols' -e 'libthread_db' -e '^Starting program' -e '^$' \
			-e '^Continuing\.$' -e 'Error in sourced command file:$'
}
both() { # name, then the commands on stdin
	cat > "$E2E_TMP/$1.cmds"
	timeout 60 gdb -nx -batch -x "$E2E_TMP/$1.cmds" "$PROG" > "$E2E_TMP/$1.gdb.out" 2>&1
	timeout 60 "$CDBG" -nx -batch -x "$E2E_TMP/$1.cmds" "$PROG" > "$E2E_TMP/$1.cdbg.out" 2>&1
	diff -u <(norm "$E2E_TMP/$1.gdb.out") <(norm "$E2E_TMP/$1.cdbg.out") >&2 ||
		fail "$1: cdbg and gdb differ"
}

both enable << 'CMDS'
break dir1_entry
break dir2_entry
break labels
break inl_round
enable once 1
enable del 2
enable count 2 3
disable 4.1
info breakpoints
run
continue
continue
continue
info breakpoints
enable 4.1
enable 1
continue 3
info breakpoints
CMDS
both required << 'CMDS'
break labels
enable count 2
CMDS
expect_grep "$E2E_TMP/required.cdbg.out" 'Argument required \(one or more breakpoint numbers\)'

both dprintf << 'CMDS'
break main
run
dprintf dir1_entry,"dir1 %d\n", x
dprintf brk_dir2/util.c:helper,"helper %d\n", x
info breakpoints
tbreak labels
continue
set dprintf-style call
show dprintf-style
tbreak labels
continue
set dprintf-function fprintf
set dprintf-channel stderr
show dprintf-function
show dprintf-channel
continue
info breakpoints
set dprintf-style foobar
CMDS
expect_grep "$E2E_TMP/dprintf.cdbg.out" '^helper 2$'
expect_grep "$E2E_TMP/dprintf.cdbg.out" '^        call \(void\) fprintf \(stderr,"helper %d\\n", x\)$'

both hbreak << 'CMDS'
set breakpoint always-inserted on
show breakpoint always-inserted
break labels
run
hbreak +2
step
step
continue
info breakpoints
set breakpoint always-inserted off
show breakpoint always-inserted
CMDS
[ "$(grep -c '^Breakpoint 2, ' "$E2E_TMP/hbreak.cdbg.out")" = 1 ] ||
	fail "hbreak: the step onto breakpoint 2 is not its one hit"
expect_grep "$E2E_TMP/hbreak.cdbg.out" '^Breakpoint 1, labels \(x=1\)'

both pending << 'CMDS'
set breakpoint pending on
break nosuch.c:22 if x > 3
break nosuch if 1
condition 2 x == 1
info breakpoints
CMDS
pass
