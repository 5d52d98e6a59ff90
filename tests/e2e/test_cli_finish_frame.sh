# finish runs the selected frame to its return, as gdb does: after `up` in fact(3) it is
# fact(4) that returns (24, not fact(3)'s 6); `finish ARG` is refused with gdb's sentence and
# the program then runs to its normal end.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/vars"
[ -x "$PROG" ] || skip "tracee vars is not built"

timeout 60 "$CDBG" -batch -nx -ex 'break fact if n == 3' -ex run -ex up -ex finish \
	-ex 'finish 1' -ex 'p n' -ex 'delete' -ex continue "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
OUT="$E2E_TMP/cdbg.out"
expect_grep "$OUT" '^Value returned is \$1 = 24$'
expect_grep "$OUT" '^fact \(n=5\) at vars\.c:96$'
expect_grep "$OUT" '^The "finish" command does not take any arguments\.$'
expect_grep "$OUT" '^\$2 = 5$'
expect_grep "$OUT" '^fact\(5\)=120$'
expect_grep "$OUT" 'exited normally'
pass
