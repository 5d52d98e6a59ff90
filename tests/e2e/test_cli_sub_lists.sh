# catch, tcatch and info with no subcommand list their subcommands as gdb 13 does (not an
# error): catch's and tcatch's lines are gdb's for the catchpoints cdbg has (gdb's Ada and
# library ones left out of the comparison), info's open and close with gdb's lines.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
CMDS=(-ex catch -ex tcatch -ex 'print 1')
timeout 60 gdb -batch -nx "${CMDS[@]}" 2>&1 | grep -vE ' (assert|exception|handlers|load|unload) -- ' > gdb.out
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" > cdbg.out 2>&1
expect_grep gdb.out '^List of tcatch subcommands:$'
diff -u gdb.out cdbg.out >&2 || fail "cdbg and gdb differ (catch, tcatch)"
timeout 60 gdb -batch -nx -ex info > gdb_info.out 2>&1
timeout 60 "$CDBG" -batch -nx -ex info > cdbg_info.out 2>&1
diff -u <(head -2 gdb_info.out) <(head -2 cdbg_info.out) >&2 || fail "info: the head differs"
diff -u <(tail -5 gdb_info.out) <(tail -5 cdbg_info.out) >&2 || fail "info: the tail differs"
grep -q '^info frame -- ' cdbg_info.out || fail "info: no info frame line"
pass
