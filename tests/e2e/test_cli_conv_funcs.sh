# gdb's convenience functions ($_gdb_setting and _str, $_isvoid, $_strlen, $_streq, $_memeq,
# $_regex, $_as_string, $_caller_is and friends) and the settings may-call-functions,
# unwindonsignal and endian, compared line by line with gdb 13 on the program's file and in
# its process. Errors are compared too (wrong argument counts, unknown settings).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/vars
CMDS=(-ex 'p $_gdb_setting_str("args")' -ex 'set args foo bar' -ex 'p $_gdb_setting("args")'
      -ex 'p $_gdb_setting("height")' -ex 'set height 100' -ex 'p $_gdb_setting_str("height")'
      -ex 'p $_gdb_setting("height")' -ex 'set height unlimited' -ex 'p $_gdb_setting("height")'
      -ex 'p $_gdb_setting_str("height")'
      -ex 'p $_gdb_setting("breakpoint pending")' -ex 'set breakpoint pending on'
      -ex 'p $_gdb_setting("breakpoint pending")' -ex 'p $_gdb_setting_str("breakpoint pending")'
      -ex 'p $_gdb_setting("check range")' -ex 'p $_gdb_setting("check type")'
      -ex 'set check type off' -ex 'p $_gdb_setting("check type")'
      -ex 'p $_gdb_setting("print elements")' -ex 'p $_gdb_setting("scheduler-locking")'
      -ex 'p $_gdb_setting("nosuch")' -ex 'p $_gdb_setting("print")' -ex 'p $_gdb_setting()'
      -ex 'p $_isvoid' -ex 'p $_isvoid($nothing)' -ex 'p $_isvoid(1)' -ex 'p $_isvoid(1, 2)'
      -ex 'p $_strlen("abc")' -ex 'p $_strlen("")' -ex 'p $_streq("abc", "abc")'
      -ex 'p $_streq("abc", "ab")' -ex 'p $_regex("abc", "b")' -ex 'p $_regex("abc", "a.c")'
      -ex 'p $_as_string(12)' -ex 'p $_strlen($_as_string(12345))' -ex 'p $_strlen(1)'
      -ex 'show may-call-functions' -ex 'show unwindonsignal' -ex 'set unwindonsignal on'
      -ex 'show unwindonsignal' -ex 'show endian' -ex 'set endian little' -ex 'show endian'
      -ex 'set endian auto'
      -ex 'break main' -ex 'run'
      -ex 'p $_memeq("abc", "abd", 2)' -ex 'p $_memeq("abc", "abd", 3)'
      -ex 'p $_caller_is("main", 0)' -ex 'p $_caller_is("main")' -ex 'p $_any_caller_is("main")'
      -ex 'p $_caller_matches("ma", 0)' -ex 'p $_any_caller_matches("^mai")'
      -ex 'p $_caller_matches("ain", 0)'
      -ex 'set may-call-functions off' -ex 'call abs(1)' -ex 'show may-call-functions')

shape() {
	sed -E 's/^Error occurred in Python: //' "$1" |
		grep -v -E '^(Breakpoint 1|Starting program|\[Thread debugging|Using host libthread|\[Inferior|[0-9]+[[:space:]]|Python Exception)'
}

timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
timeout 60 "$CDBG" -batch "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
expect_grep "$E2E_TMP/cdbg.out" '^\$[0-9]* = "foo bar"$'
expect_grep "$E2E_TMP/cdbg.out" '^Cannot call functions in the program: may-call-functions is off.$'
diff -u <(shape "$E2E_TMP/gdb.out") <(shape "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
pass
