# clear, rbreak, info source, cd, pwd, alias, symbol-file and the convenience variables
# $_thread, $_hit_bpnum, $_hit_locno, $bpnum, compared with gdb 13 on the same program: clear of a
# function, of FILE:LINE, of a line without breakpoints and at the selected frame's line
# (silent for one in batch mode, reported for more), rbreak's breakpoints and signatures,
# info source before a run and at a stop, alias errors.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/stepping"
[ -x "$PROG" ] || skip "tracee stepping is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'info source' -ex 'p $_hit_bpnum' -ex 'break add' -ex 'break twice'
	-ex 'break stepping.c:22' -ex 'tbreak stepping.c:22' -ex 'clear add' -ex 'break fact'
	-ex 'p $bpnum' -ex 'clear stepping.c:34' -ex 'clear nosuch' -ex 'clear 99' -ex 'rbreak ^fa'
	-ex 'rbreak ^lonel' -ex 'rbreak [' -ex run -ex 'p $_thread' -ex 'p $_hit_bpnum'
	-ex 'p $_hit_locno' -ex 'info source' -ex 'clear' -ex 'clear'
	-ex "cd $E2E_TMP" -ex pwd -ex 'alias zz = print' -ex 'zz 1+1' -ex 'alias -a yy = info'
	-ex 'yy breakpoints' -ex 'alias zz = print' -ex 'alias print = bt' -ex 'alias qq = nosuch'
	-ex 'alias = print' -ex 'pwd x' -ex 'info breakpoints')
(cd / && timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG") > "$E2E_TMP/cdbg.out" 2>&1
(cd / && timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG") > "$E2E_TMP/gdb.out" 2>&1
# gdb's libthread_db lines, cdbg's "Starting program", addresses (gdb turns randomisation off)
# and stop paths (gdb's are full) aside.
norm() {
	grep -v '^\[\|^Using host\|^Starting program\|^$' "$1" |
		sed -E 's/0x[0-9a-f]{8,}/ADDR/g; s#at /[^ ]*/#at #; s#(Thread [0-9]+ "stepping" hit .* at )/[^ ]*/#\1#'
}
norm "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.norm"
norm "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.norm"
expect_grep "$E2E_TMP/gdb.norm" '^Deleted breakpoints 1 3 4 $'
expect_grep "$E2E_TMP/gdb.norm" '^Compiled with DWARF [0-9] debugging format\.$'
expect_grep "$E2E_TMP/gdb.norm" '^int fact\(int\);$'
diff -u "$E2E_TMP/gdb.norm" "$E2E_TMP/cdbg.norm" >&2 || fail "cdbg and gdb differ"

# cd and a one-breakpoint clear say what they did when typed (not in batch mode).
printf 'cd %s\nbreak add\nclear add\n' "$E2E_TMP" |
	timeout 60 "$CDBG" -nx -q "$PROG" > "$E2E_TMP/tty.out" 2>&1
expect_grep "$E2E_TMP/tty.out" "Working directory $E2E_TMP\\."
expect_grep "$E2E_TMP/tty.out" '^(\(cdbg\) )*Deleted breakpoint 1 $'
pass
