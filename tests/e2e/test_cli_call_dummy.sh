# A call that stops inside the called function (gdb's dummy frame): a breakpoint in it leaves
# the thread there with gdb's words, `bt` shows "<function called from gdb>" and the frames of
# the interrupted code, nested calls stack (three deep), `continue` stops silently when the
# function returns, `finish` gives the value and the frame before the call, `return` ends the
# call, a fault in a called function stays in its frame, and `detach` inside a call gives the
# program its own state back (it then prints its own result: gdb does not restore it there,
# its program runs on from the dummy frame; cdbg's must print result=4). Compared with gdb
# line by line (directories masked: gdb shows the full path of the tracee's source; gdb -batch
# leaves "Continuing." out).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/call_dummy
CMDS=(-ex 'break main' -ex run -ex 'break add' -ex 'print add(4,5)' -ex bt
      -ex 'print twice(3)' -ex 'print add(7,8)' -ex bt -ex continue -ex bt -ex continue
      -ex bt -ex finish -ex bt -ex 'print add(1,1)' -ex 'return 7' -ex bt
      -ex 'print crash(1)' -ex bt -ex 'print twice(5)' -ex bt -ex detach)

shape() {
	grep -vE '^\[|libthread_db|^Starting program|^Detaching|^Kill|^Continuing|^result=' "$1" |
		sed -E 's#(at|file) [^ ]*/#\1 #; s/0x[0-9a-f]+/ADDR/g; s/process [0-9]+/process N/'
}

timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
expect_grep "$E2E_TMP/gdb.out" '^#4  <function called from gdb>'
expect_grep "$E2E_TMP/cdbg.out" '^result=4$'
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
