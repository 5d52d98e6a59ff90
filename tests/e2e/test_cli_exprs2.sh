# Expressions compared with gdb 13 on the vars tracee, stopped in show(): gdb's artificial
# arrays (x@N: its precedence between the shifts and + -, char arrays as strings, rows of a 2-D
# array, ptype and sizeof of one, indexing and dereferencing it, gdb's refusals) and the types
# of the address registers ($pc is void (*)(), $sp and $fp void *). Stack addresses are
# replaced by STACK: gdb and cdbg start the program with different environments.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/vars"
[ -x "$PROG" ] || skip "tracee vars is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

LINES=(
	'p g_head.arr[1]@2'
	'p g_head.arr[0]@2+1'
	'p *g_ptr@1'
	'p/x g_text[0]@4'
	'p/d g_text[0]@3'
	'p g_grid[0][1]@2'
	'p g_grid[0]@2'
	'p g_grid[1][0]@3'
	'p g_text[0]@3'
	'p *g_msg@5'
	'p g_msg@2'
	'p r->arr[0]@3'
	'p local@1'
	'p 1@2'
	'p g_counter@0'
	'p g_counter@-1'
	'p g_counter@1.5'
	'p $pc@2'
	'p g_counter@g_counter-42'
	'whatis g_head.arr[0]@3'
	'ptype g_grid[0]@2'
	'whatis g_head@2'
	'whatis g_msg@2'
	'p sizeof(g_head.arr[0]@3)'
	'p sizeof g_grid[0]@2'
	'p (g_head.arr[0]@3)[1]'
	'p *(g_head.arr[0]@3)'
	'p g_head.arr[0]@3 == 1'
	'ptype $pc'
	'whatis $pc'
	'whatis $sp'
	'whatis $fp'
	'ptype $rip'
	'whatis $rsp'
	'whatis $rbp'
	'p $pc'
	'p $pc + 1'
	'whatis $pc + 1'
	'whatis $pc - 1'
	'p/x $pc'
	'p $sp'
	'p $sp + 8'
	'p $fp'
	'p/x $sp == $rsp'
	'p (long)$pc == $rip'
	'p $pc - $pc'
	'p $pc > 0'
	'whatis $sp - $fp'
	'whatis $sp - 8'
)
CMDS=(-ex 'break show_here' -ex run -ex up)
for l in "${LINES[@]}"; do
	CMDS+=(-ex 'echo ==\n' -ex "$l")
done

timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
# From the first marker on; each answer numbered by its marker.
for t in cdbg gdb; do
	awk '/^==$/ { n++; next } n { print n ": " $0 }' "$E2E_TMP/$t.out" |
		sed -E 's/0x7ff[0-9a-f]{9}/STACK/g' > "$E2E_TMP/$t.vals"
done
expect_eq "answers" "$(cut -d: -f1 "$E2E_TMP/gdb.vals" | sort -un | wc -l)" "${#LINES[@]}"
expect_grep "$E2E_TMP/cdbg.vals" '^1: \$1 = \{8, 9\}$'
expect_grep "$E2E_TMP/cdbg.vals" '^29: type = void \(\*\)\(\)$'
diff -u "$E2E_TMP/gdb.vals" "$E2E_TMP/cdbg.vals" >&2 || fail "cdbg and gdb differ"
pass
