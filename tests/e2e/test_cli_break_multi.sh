# A breakpoint on a line with two addresses (an inlined function's line in two callers): cdbg
# and gdb both stop at each location and name it 2.1 and 2.2, and `info breakpoints` shows
# <MULTIPLE> with one row per location and the hits counted over both, as gdb 13 prints them
# (addresses, which ASLR moves in cdbg's run, and the What column, where gdb names the inlined
# function, are masked). Two rounds: three stops (2.1, 2.2, 2.1), then the program runs to its
# end once the breakpoints are deleted and reports the sum it computed.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/brk_multi
CMDS=(-ex 'break main' -ex 'run 2' -ex 'break brk_multi.c:18' -ex continue -ex continue
      -ex continue -ex 'info breakpoints' -ex 'delete' -ex continue)

# shape FILE: the stop lines' "Breakpoint N[.M]," and the table, addresses and What masked.
shape() {
	grep -E '^(Breakpoint [0-9.]+,|Num|[0-9]+(\.[0-9]+)? |	breakpoint already)' "$1" |
		sed -E 's/^(Breakpoint [0-9.]+),.*/\1,/; s/0x[0-9a-f]{16}.*/ADDR/; s/<MULTIPLE> *$/<MULTIPLE>/'
}

timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
expect_eq "cdbg's status" "$?" 0
expect_grep "$E2E_TMP/cdbg.out" '^sum='
expect_eq "gdb's stops at the locations" "$(grep -c '^Breakpoint 2\.[12],' "$E2E_TMP/gdb.out")" 3
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
