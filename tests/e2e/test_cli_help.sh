# help and alias as gdb 13 does them, compared with gdb on one script (no program): the list of
# classes, help aliases and user-defined, help of a command with its aliases (user ones, with
# default args, documented ones apart), apropos, help delete/commands, help info SUB errors;
# help aliases; alias -a / -- / NAME= forms, aliases of subcommands (set pr elms = set p elem) and of
# aliases, and alias errors (existing, unknown command, prefix and length mismatch).
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"

cat > "$E2E_TMP/h.gdb" << 'SCRIPT'
help
help aliases
define foo
echo foo\n
end
document foo
Foo does it.
end
help user-defined
alias mybt = backtrace
alias mybt10 = backtrace 10
apropos Print backtrace of all stack frames, or innermost COUNT frames\.
help aliases
document mybt
An alias of command backtrace without any args.
end
help mybt
apropos mybt
apropos handle signal
help info bogus-gdb-command
help gotcha
help commands
help h
alias -a set3= set
set3 print elements 43
show print elements
alias -a -- -a = set
-a print elements 47
show print elements
alias set3=set
alias foo2=bar
alias zz = print
zz 1+1
zz/x 255
zz  -1
alias spe = set p elem
spe 50
show print elements
alias set pr elms = set p elem
set pr elms 51
show print elements
alias assigne imprime limite-elements = set print elements
alias set imprime limite-elements = set print elements
alias set ada limite-elements = set print elements
alias set imprime-limite-elements = set print elements
alias assigne = set
alias assigne imprime = set print
alias assigne imprime limite-elements = set print elements
alias set print max-elements = assigne imprime elements
assigne print elements 52
show print elements
assigne imprime elements 53
show print elements
assigne imprime limite-elements 54
show print elements
set imprime elements 55
show print elements
set print limite-elements 56
show print elements
set print max-elements 57
show print elements
document where
SCRIPT
# each line on its own: a failing command does not end the script
# stdin not a terminal: each command runs, an error does not end the input (gdb prints its
# prompts, which are taken out)
(cd "$E2E_TMP" && timeout 60 "$CDBG" -nx -q -iex "set width 0" < h.gdb > cdbg.out 2>&1)
(cd "$E2E_TMP" && timeout 60 gdb -nx -q -iex "set width 0" < h.gdb 2>&1 |
	sed -E 's/^((\(gdb\) )|>)+//' > gdb.out)
[ "$(wc -l < "$E2E_TMP/gdb.out")" -gt 80 ] || fail "gdb printed too little"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "help/alias: cdbg and gdb differ"

# help bt: the aliases line, the default args, then gdb's first line of the doc
printf 'alias mybt10 = backtrace 10\nhelp bt\n' > "$E2E_TMP/bt.gdb"
"$CDBG" -batch -nx -x "$E2E_TMP/bt.gdb" > "$E2E_TMP/bt.out" 2>&1
head -3 "$E2E_TMP/bt.out" > "$E2E_TMP/bt.head"
printf '%s\n' 'backtrace, mybt10, where, bt' '  alias mybt10 = backtrace 10' \
	'Print backtrace of all stack frames, or innermost COUNT frames.' > "$E2E_TMP/bt.want"
diff -u "$E2E_TMP/bt.want" "$E2E_TMP/bt.head" >&2 || fail "help bt differs from gdb's first lines"
# help delete: gdb's text (its list also names subcommands cdbg does not have)
printf 'help delete\n' | "$CDBG" -nx -q > "$E2E_TMP/del.out" 2>&1
expect_grep "$E2E_TMP/del.out" '^Usage: delete \[BREAKPOINTNUM\]\.\.\.$'
expect_grep "$E2E_TMP/del.out" '^delete display -- Cancel some expressions'
expect_grep "$E2E_TMP/del.out" '^Type "help delete" followed by delete subcommand name'
pass
