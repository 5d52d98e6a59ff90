# A call from cdbg's command line that reaches a user breakpoint: the thread stays there, as
# gdb's, and the stop names the breakpoint by the number the user knows (gdb's numbering, as
# `info breakpoints` shows it), even when the library's own ids have moved on (nexti over a
# call inserts an internal breakpoint, which takes a library id). A call made there returns;
# `continue` stops silently when the first call returns, and the program then goes on.
. "$CDBG_E2E_LIB"

printf 'stop\nquit\n' > "$E2E_TMP/stdin.txt"
"$CDBG" -q -batch -ex 'break main' -ex "run < $E2E_TMP/stdin.txt" -ex 'nexti 12' \
	-ex 'break add3' -ex 'call add3(1, 2, 3)' -ex 'info breakpoints' -ex 'delete 2' \
	-ex 'call add3(1, 2, 3)' -ex 'continue' -ex 'continue' "$CDBG_TRACEE_DIR/call_basic" \
	> "$E2E_TMP/b.out" 2> "$E2E_TMP/b.err"
expect_grep "$E2E_TMP/b.out" '^Breakpoint 2 at 0x[0-9a-f]+: file .*call_basic\.c, line [0-9]+\.$'
expect_grep "$E2E_TMP/b.out" '^Breakpoint 2, add3 \(a=1, b=2, c=3\) at '
expect_grep "$E2E_TMP/b.err" '^The program being debugged stopped while in a function called from GDB\.$' 
expect_grep "$E2E_TMP/b.out" '^\$1 = 321$'
expect_grep "$E2E_TMP/b.out" '^stop_here returned$'
expect_grep "$E2E_TMP/b.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
pass
