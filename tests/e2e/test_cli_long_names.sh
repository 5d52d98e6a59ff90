# A C++ function whose name is longer than the library's fixed text fields (cdbg_frame.func
# holds 255 bytes; the frame name here is about 350): backtrace and `info frame` print the
# whole name, as gdb does, never its first 255 bytes. gdb's backtrace of the same stop in the
# same program is the reference.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"

# session TOOL OUT: start long_names, stop TOOL at its long function, print bt and info frame.
session() {
	start_tracee long_names
	local fn
	fn=$(sed -n 's/^ready .*fn=\(0x[0-9a-f]*\).*/\1/p' "$E2E_TMP/long_names.out")
	[ -n "$fn" ] || fail "no fn= in the ready line"
	printf '%s\n' "break *$fn" 'shell echo go >&7' continue 'echo ==bt==\n' 'backtrace 1' \
		'echo ==frame==\n' 'info frame' 'echo ==end==\n' > "$E2E_TMP/s.gdb"
	timeout 60 "$@" -batch -p "$TRACEE_PID" -x "$E2E_TMP/s.gdb" > "$E2E_TMP/$OUT" 2>&1
}

# name_of FILE: frame 0's function as backtrace prints it, between "in " (or "#0  ") and the
# " (" that opens its arguments.
name_of() {
	sed -n '/^==bt==$/,/^==frame==$/p' "$1" | grep '^#0 ' |
		sed -E 's/^#0 +(0x[0-9a-f]+ in )?//; s/ \(.*//'
}

OUT=cdbg.out session "$CDBG"
expect_eq "cdbg's status" "$?" 0
OUT=gdb.out session gdb -nx
want=$(name_of "$E2E_TMP/gdb.out")
[ ${#want} -gt 300 ] || fail "gdb's frame name is only ${#want} bytes: '$want'"
expect_eq "the frame's name in backtrace" "$(name_of "$E2E_TMP/cdbg.out")" "$want"
grep -qF " in $want" "$E2E_TMP/cdbg.out" || fail "info frame does not name the whole function"
pass
