# `break FUNC` where FUNC names several functions, as gdb 13 sets it: a location at each
# overload (over), template instance (twice), static function of that name in two objects
# (lhelper) and inlined copy (sq: out of line and inlined into two callers). On brk_funcs, a
# fixed-address program, cdbg and gdb must print the same "Breakpoint N at 0x...: FUNC.
# (K locations)" lines, the same `info breakpoints` rows (numbers, switches, addresses, hit
# counts; the What column is masked: gdb names inlined copies and C++ functions by their DWARF
# names), and stop at the same locations in the same order, named N.M; `ignore` skips hits of
# the whole breakpoint, wherever they happen. Then the program runs to its end.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/brk_funcs
CMDS=(-ex 'break main' -ex 'run 1 2' -ex 'break over' -ex 'break twice' -ex 'break lhelper'
      -ex 'break sq' -ex 'break over(double)' -ex 'ignore 2 3' -ex 'info breakpoints')
for _ in $(seq 17); do CMDS+=(-ex continue); done
CMDS+=(-ex 'info breakpoints')

# shape FILE: the announcements of several locations, the stop lines' "Breakpoint N[.M]," and
# the table with its What column masked.
shape() {
	grep -E '^(Breakpoint [0-9]+ at .*locations|.*Breakpoint [0-9.]+,|Num|[0-9]+(\.[0-9]+)? |	breakpoint already|	ignore next|Will ignore)' "$1" |
		sed -E 's/^.*(Breakpoint [0-9.]+),.*/\1,/; s/(0x[0-9a-f]{16}) .*/\1/; s/<MULTIPLE> *$/<MULTIPLE>/'
}

timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
expect_eq "cdbg's status" "$?" 0
expect_grep "$E2E_TMP/cdbg.out" '^sum='
expect_eq "gdb's announcements of several locations" \
	"$(grep -c '^Breakpoint [0-9]* at 0x[0-9a-f]*: [a-z]*\. ([23] locations)' "$E2E_TMP/gdb.out")" 4
expect_eq "gdb's stops at sq's three locations" \
	"$(grep -c 'Breakpoint 5\.[123],' "$E2E_TMP/gdb.out")" 6
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
