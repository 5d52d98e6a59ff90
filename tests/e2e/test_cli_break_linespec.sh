# gdb's linespecs for break, side by side with gdb on brk_files: FILE:FUNC where FILE is any
# suffix (after a '/') of a file's path, over two util.c of one base name in two directories
# ("util.c:helper" two locations, "brk_dir1/util.c:helper" one, "dir1/util.c" no file);
# gdb's sentences for a missing FILE:FUNC and FUNCTION:LABEL; a breakpoint on an inline
# function at every inlined site of -O2 code, its hits counted exactly against the program's
# own count; FUNCTION:LABEL and a bare LABEL hit; +N/-N offsets, $VAR and FILE:$VAR lines and
# gdb's error for a non-integer one; break N in the file `list` showed last.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/brk_files
norm() {
	sed -E 's|/[^ :]*/||g; s/\((gdb|cdbg)\) //g; s/process [0-9]+/process N/; s/=0x[0-9a-f]+/=ADDR/g' "$1" |
		grep -v -e '^Reading symbols' -e 'libthread_db' -e '^Starting program' -e '^$' \
			-e '^Continuing\.$' -e 'Error in sourced command file:$'
}
both() { # name, then the commands on stdin
	cat > "$E2E_TMP/$1.cmds"
	timeout 60 gdb -nx -batch -x "$E2E_TMP/$1.cmds" "$PROG" > "$E2E_TMP/$1.gdb.out" 2>&1
	timeout 60 "$CDBG" -nx -batch -x "$E2E_TMP/$1.cmds" "$PROG" > "$E2E_TMP/$1.cdbg.out" 2>&1
}

# FILE:FUNC and the sentences (before the program runs: the file's addresses).
both files << 'CMDS'
break util.c:helper
break brk_dir1/util.c:helper
break tracees/brk_dir2/util.c:helper
break dir1/util.c:helper
break util.c:nosuch
break labels:nosuch
break bump
info breakpoints 2-3
CMDS
diff -u <(norm "$E2E_TMP/files.gdb.out") <(norm "$E2E_TMP/files.cdbg.out") >&2 ||
	fail "FILE:FUNC: cdbg and gdb differ"
expect_grep "$E2E_TMP/files.cdbg.out" '^Breakpoint 1 at 0x[0-9a-f]+: util.c:helper. \(2 locations\)'
expect_grep "$E2E_TMP/files.cdbg.out" '^Breakpoint 4 at 0x[0-9a-f]+: bump. \(4 locations\)'

# Hits: each location of bump once per call the program made; helper in each file once per
# round; the label once per round.
both hits << 'CMDS'
break bump
commands
silent
continue
end
break brk_dir2/util.c:helper
commands
silent
continue
end
break labels:there
commands
silent
continue
end
run
info breakpoints
CMDS
hits() { grep -E '^[0-9]+ |already hit' "$1" | sed -E 's/ +0x[0-9a-f]+ .*//'; }
diff -u <(hits "$E2E_TMP/hits.gdb.out") <(hits "$E2E_TMP/hits.cdbg.out") >&2 ||
	fail "hit counts: cdbg and gdb differ"
bumps=$(sed -n 's/^bumps=//p' "$E2E_TMP/hits.cdbg.out")
[ -n "$bumps" ] || fail "the program did not say how many bumps it made"
grep -A1 '^1 ' "$E2E_TMP/hits.cdbg.out" | grep -q "already hit $bumps times" ||
	fail "break bump: hits differ from the program's $bumps calls"
grep -A1 '^2 ' "$E2E_TMP/hits.cdbg.out" | grep -q 'already hit 3 times' || fail "helper: not 3 hits"
grep -A1 '^3 ' "$E2E_TMP/hits.cdbg.out" | grep -q 'already hit 3 times' || fail "label: not 3 hits"

# Offsets, convenience variables, the `list` file, stepping onto a breakpoint then going on
# (the breakpoint it stands on is stepped over, not hit again). (gdb, unlike cdbg, announces a
# label's breakpoint at the label's own line and shows it as FUNCTION:LABEL: labels are only
# counted above.)
both lines << 'CMDS'
break labels
run
break +1
break -1
set $l = 31
break $l
break brk_files.c:$l
step
step
continue
info breakpoints
list dir1_entry
break 4
set $f = 1.5
break $f
CMDS
diff -u <(norm "$E2E_TMP/lines.gdb.out") <(norm "$E2E_TMP/lines.cdbg.out") >&2 ||
	fail "offsets and variables: cdbg and gdb differ"
expect_grep "$E2E_TMP/lines.cdbg.out" 'Convenience variables used in line specs must have integer values'
pass
