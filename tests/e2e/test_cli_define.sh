# User-defined commands and gdb's control flow, compared with gdb on the same scripts
# (tests/e2e/define/*.gdb): define with $argc/$argN (replaced as text: `fact $arg0-1`),
# document + help, define-prefix, show user, redefinition, recursion, nested while/if with
# loop_break/loop_continue, a sourced file; errors inside user commands (the caller stops),
# a missing argument, gdb's call depth limit; control flow and user commands inside a
# breakpoint's `commands`; Ctrl-C (SIGINT) ends a `while 1`.
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
PROG="$CDBG_TRACEE_DIR/stepping"
[ -x "$PROG" ] || skip "tracee stepping is not built"
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/define" && pwd)

# What differs between gdb and cdbg for reasons other than the commands tested here.
normalize() {
	sed -E -e '/^\[|^Using host libthread_db|^Starting program|^\(More stack frames follow/d' \
		-e 's/0x[0-9a-f]{6,}/ADDR/g' -e 's#at /[^ ]*/([^/ ]+:[0-9]+)#at \1#' \
		-e '/^(hello from main|worker ok|x=4 r=24 s=3)$/d' \
		-e 's/^(Breakpoint [0-9]+ at )[^:]*: file .*(stepping\.c)/\1X: file \2/' "$1"
}

# run_both NAME ARGS...: the same arguments to gdb and cdbg, in the scripts' directory.
run_both() {
	local name=$1
	shift
	(cd "$DIR" && timeout 60 "$CDBG" -batch -nx "$@" < /dev/null > "$E2E_TMP/$name.cdbg.out" 2>&1)
	(cd "$DIR" && timeout 60 gdb -batch -nx "$@" < /dev/null > "$E2E_TMP/$name.gdb.out" 2>&1)
	normalize "$E2E_TMP/$name.cdbg.out" > "$E2E_TMP/$name.cdbg.norm"
	normalize "$E2E_TMP/$name.gdb.out" > "$E2E_TMP/$name.gdb.norm"
	diff -u "$E2E_TMP/$name.gdb.norm" "$E2E_TMP/$name.cdbg.norm" > "$E2E_TMP/$name.diff" ||
		{ cat "$E2E_TMP/$name.diff" >&2; fail "$name: cdbg and gdb differ"; }
}

# 1. Definitions, arguments, loops, documentation, show user (no program).
run_both def -x def.gdb
out="$E2E_TMP/def.cdbg.out"
expect_grep "$out" '^\$3 = 195$'
expect_grep "$out" '^i=5 j=4$'
expect_grep "$out" '^User command "mypre sub":$'

# 2. Errors: each -ex goes on after the one before failed, as in gdb.
run_both err -x err.gdb -ex outer -ex 'echo next\n' -ex loopbad -ex 'print $n' -ex rec \
	-ex 'two x' -ex 'show user nosuch' -ex 'show user print' -ex 'document nosuch' \
	-ex 'document print' -ex define -ex 'define nopre sub' -ex if -ex while -ex loop_break \
	-ex else -ex 'echo done\n'
out="$E2E_TMP/err.cdbg.out"
expect_grep "$out" '^Max user call depth exceeded -- command aborted\.$'
grep -q 'after' "$out" && fail "a user command went on after an error"

# 3. A breakpoint's commands with if/else/while, a user command called from them, set up by a
#    user command (its nested `commands` block).
run_both bp -x bp.gdb "$PROG"
out="$E2E_TMP/bp.cdbg.out"
expect_grep "$out" '^three$'
expect_grep "$out" '^n=4 k=4$'
expect_grep "$out" '^#0  fact \(n=1\)'

# 4. `if(1)` and `while(1)` without a blank, `command` for `commands` inside a define, hooks
#    (hook-echo, hookpost-echo, hook-stop calling a user command by an abbreviation), user
#    subcommands of gdb's built-in prefix `target` with their hooks, define inside a define,
#    `end` at the top level (gdb.base/define.exp).
run_both hooks -x hooks.gdb "$PROG"
out="$E2E_TMP/hooks.cdbg.out"
expect_grep "$out" '^if without a space$'
expect_grep "$out" '^        echo in main'
expect_grep "$out" '^one$'
expect_grep "$out" '^This command cannot be used at the top level\.$'

# hook-stop (calling a user command by an abbreviation) runs at each stop. gdb runs it before
# the stop's report; cdbg after (a known difference): not compared with gdb.
printf 'define user-bt\necho user-bt ran\nend\ndefine hook-stop\nuser-b\nend\nbreak main\nrun\n' \
	> "$E2E_TMP/stop.gdb"
timeout 60 "$CDBG" -batch -nx -x "$E2E_TMP/stop.gdb" "$PROG" < /dev/null > "$E2E_TMP/stop.out" 2>&1
expect_grep "$E2E_TMP/stop.out" '^user-bt ran$'

# 5. Ctrl-C ends a runaway loop; the next command runs.
printf 'echo looping\\n\nwhile 1\nend\n' > "$E2E_TMP/loop.gdb"
timeout 60 "$CDBG" -batch -nx -x "$E2E_TMP/loop.gdb" -ex 'echo after\n' < /dev/null \
	> "$E2E_TMP/loop.out" 2>&1 &
pid=$!
E2E_PIDS+=("$pid")
wait_line "$E2E_TMP/loop.out" '^looping' 20 || fail "the loop did not start"
sleep 0.3
kill -INT "$pid"
wait "$pid" || true
expect_grep "$E2E_TMP/loop.out" '^Quit$'
expect_grep "$E2E_TMP/loop.out" '^after$'
pass
