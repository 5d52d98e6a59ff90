# A command line that ends with a backslash goes on in the next line (gdb's
# command_line_input), typed or in a script (-x), in breakpoint commands and definitions; and
# an if, while or define with no argument in a definition is gdb's error, which ends the
# definition (the lines after it are commands again). Compared with gdb 13 on the same input
# (gdb's prompts taken away: cdbg shows none when its input is no terminal).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
printf 'print 1 + \\\n  2\necho a\\\nb\\n\nprint \\\n3\ndefine two\nprint \\\n$arg0 * \\\n2\nend\ntwo 21\n' > s.gdb
cat > in.txt <<'EOF2'
source s.gdb
print 40 + \
2
define foo
echo in foo\n
if
echo after\n
end
foo
define bar
while
end
define baz
define
print 5
print \
6
EOF2
"$CDBG" -q -nx < in.txt > cdbg.out 2>&1
gdb -q -nx < in.txt 2>&1 | sed -E 's/\(gdb\) //g; s/^>+//' > gdb.out
"$CDBG" -batch -nx -x s.gdb >> cdbg.out 2>&1
gdb -batch -nx -x s.gdb >> gdb.out 2>&1
expect_grep gdb.out '^if command requires an argument\.$'
diff -u gdb.out cdbg.out >&2 || fail "cdbg and gdb differ"
pass
