# Breakpoint numbers as gdb takes and shows them, side by side with gdb before the program runs:
# "Note: breakpoint(s) N[, M] [and K] (disabled) also set at pc" when a new breakpoint shares
# an address; disable/enable with value history ($, $$, $N, $$N) and convenience variables,
# and gdb's words for the bad ones ("History has not yet reached $9.", "History does not go
# back to $$5.", "Convenience variable must have integer value." then "Bad breakpoint number");
# a double-quoted function name.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/thr_hits
# Typed commands (from_tty: gdb's Note is not printed for -batch -ex lines).
CMDS='set width 0
break hit
break hit
disable 2
break "hit"
break ready
print 1
print 3
disable $ $$
info breakpoints
enable
set $v = 4
disable $v
set $f = 1.5
disable $f
disable $nope
disable $9
disable $$5
enable $1foo
info breakpoints'
echo "$CMDS" | timeout 60 gdb -nx -q "$PROG" > "$E2E_TMP/gdb.out" 2>&1
echo "$CMDS" | timeout 60 "$CDBG" -q "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
# gdb's file paths are whole, cdbg's announcements before run too; info's What is the base name.
norm() { sed -E 's|/[^ ]*/||g; s/ at 0x[0-9a-f]+: / at ADDR: /; s/\((gdb|cdbg)\) //g' "$1" | grep -v '^Reading symbols'; }
diff -u <(norm "$E2E_TMP/gdb.out") <(norm "$E2E_TMP/cdbg.out") >&2 || fail "cdbg and gdb differ"
expect_grep "$E2E_TMP/cdbg.out" 'Note: breakpoints 1 and 2 \(disabled\) also set at pc 0x'
pass
