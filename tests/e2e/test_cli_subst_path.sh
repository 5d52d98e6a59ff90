# gdb's set|show|unset substitute-path: rules added, replaced (same FROM), shown (all, or
# those that apply to a path), deleted, with gdb's errors (quotes and backslashes as gdb's
# argument splitting takes them); and used: a program whose source moved is listed from the
# new place once a rule rewrites its directory. unset environment too. The commands piped to
# gdb 13 and to cdbg; the outputs must be the same.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
mkdir -p old new
printf 'int main(void)\n{\n\treturn 0; /* moved */\n}\n' > old/m.c
(cd old && gcc -g -O0 -o ../m "$E2E_TMP/old/m.c") || fail "cannot build the program"
mv old/m.c new/m.c
cat > cmds <<EOF2
set confirm off
unset substitute-path
show substitute-path
show substitute-path from
show substitute-path too many
unset substitute-path from
unset substitute-path from to
set substitute-path too many arguments
set substitute-path missing
set substitute-path '' to
set substitute-path from to
set substitute-path from1 to1/
set substitute-path source destination
set substitute-path depuis/ vers
set substitute-path empty ''
set substitute-path "a b" c\\ d
set substitute-path from again
show substitute-path
show substitute-path from/path
show substitute-path from_a_bad_path
unset substitute-path from
unset substitute-path depuis
show substitute-path
unset sub
show substitute-path
set substitute-path $E2E_TMP/old/ $E2E_TMP/new
list main
unset environment CDBG_TEST_NOSUCH
unset foo
EOF2
"$CDBG" -q -nx ./m < cmds 2>&1 | sed 's/^(cdbg) //' > cdbg.out
gdb -q -nx ./m < cmds 2>&1 | sed 's/(gdb) //g' | grep -v '^Reading symbols' > gdb.out
expect_grep gdb.out 'return 0; /\* moved \*/'
diff -u gdb.out cdbg.out >&2 || fail "cdbg and gdb differ"
pass
