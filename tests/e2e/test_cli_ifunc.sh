# GNU indirect functions (STT_GNU_IFUNC) as gdb shows them, on ifunc_pick (compute's resolver
# picks twice() or triple(); its IRELATIVE slot is bound to twice when the program starts, before
# main sets `fast`). Compared with gdb: `print compute` says <text gnu-indirect-function
# variable, no debug info>, `info address` names the ELF symbol. gdb reads only PLT slots
# (JUMP_SLOT) and calls the resolver again otherwise (triple now); cdbg also reads an IRELATIVE
# slot, so that a call and `break compute` go where the program really goes (twice: the
# program prints result=14): the breakpoint is at gdb's `break twice` address. Adversarial: a resolver that crashes is abandoned and
# the program runs on as if nothing happened.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG="$CDBG_TRACEE_DIR/ifunc_pick"
LINE=$(grep -n "/\* first call \*/" "$(dirname "$CDBG_E2E_LIB")/../tracees/ifunc_pick.c" | cut -d: -f1)

run_both() { # run_both NAME CMDS...: $E2E_TMP/NAME.cdbg and NAME.gdb, the $N = and Symbol lines
	local name=$1 args=()
	shift
	for c in "$@"; do args+=(-ex "$c"); done
	"$CDBG" -q -batch "${args[@]}" "$PROG" > "$E2E_TMP/$name.cdbg.out" 2>&1
	gdb -q -nx -batch "${args[@]}" "$PROG" > "$E2E_TMP/$name.gdb.out" 2>&1
}

run_both show "break $LINE" run 'print compute' 'info address compute'
vals() { grep -E '^\$|^Symbol' "$1" | sed 's/ <[a-z_]*>$//'; }
expect_eq "values" "$(vals "$E2E_TMP/show.cdbg.out")" "$(vals "$E2E_TMP/show.gdb.out")"
[ -n "$(vals "$E2E_TMP/show.gdb.out")" ] || fail "gdb printed nothing"
expect_grep "$E2E_TMP/show.cdbg.out" \
	'^\$1 = \{<text gnu-indirect-function variable, no debug info>\} 0x[0-9a-f]+ <'

# break on the bound ifunc: at twice's breakpoint address (gdb's `break twice`), and it stops
"$CDBG" -q -batch -ex "break $LINE" -ex run -ex 'break compute' -ex continue -ex 'bt 1' \
	"$PROG" > "$E2E_TMP/brk.out" 2>&1
gdb -q -nx -batch -ex "break $LINE" -ex run -ex 'break twice' "$PROG" > "$E2E_TMP/brkg.out" 2>&1
want=$(grep -oE '^Breakpoint 2 at 0x[0-9a-f]+' "$E2E_TMP/brkg.out")
[ -n "$want" ] || fail "gdb did not set its breakpoint on twice"
expect_grep "$E2E_TMP/brk.out" "^$want: file "
expect_grep "$E2E_TMP/brk.out" '^Breakpoint 2, twice \(x=7\)'

# calls: through the slot, to twice (what the program computes)
"$CDBG" -q -batch -ex "break $LINE" -ex run -ex 'print compute(5)' -ex 'print (int) compute(4)' \
	-ex 'print compute()' "$PROG" > "$E2E_TMP/call.out" 2>&1
expect_eq "calls" "$(grep -E '^\$|^Too' "$E2E_TMP/call.out")" '$1 = 10
$2 = 8
Too few arguments in function call.'

# a resolver that crashes: the call is abandoned, the thread put back, the program runs on
"$CDBG" -q -batch -ex "break $LINE" -ex run -ex 'print (int) bad_ifunc(1)' -ex 'bt 1' \
	-ex 'print (int) compute(3)' -ex continue "$PROG" > "$E2E_TMP/bad.out" 2>&1
expect_grep "$E2E_TMP/bad.out" 'signal 11 .*abandoned'
expect_grep "$E2E_TMP/bad.out" "^#0  main \(\) at .*ifunc_pick.c:$LINE"
expect_grep "$E2E_TMP/bad.out" '^\$1 = 6$'
expect_grep "$E2E_TMP/bad.out" '^result=14$'
expect_grep "$E2E_TMP/bad.out" 'exited normally'
pass
