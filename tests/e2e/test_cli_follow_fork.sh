# gdb's follow-fork-mode child (detach-on-fork on), side by side with gdb (tracee forker: the
# parent calls child_work, forks, the child calls child_work; the parent counts its children's
# exits, "forks=N ok=M"):
# - set/show of follow-fork-mode, detach-on-fork, follow-exec-mode as gdb words them; the
#   settings cdbg cannot honour (detach-on-fork off, follow-exec-mode new) refused, not ignored;
# - after the fork cdbg debugs the child: the breakpoint hits there, with gdb's four lines
#   (gdb's "Thread 2.1 "forker" hit" prefix and entry values are other work: normalised);
# - the parent is let go without a trace: it runs child_work 19 more times (an int3 left in it
#   would kill it with SIGTRAP) and counts every later child, the same as under gdb.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/forker
keep='^\[(Attaching|New inferior|Detaching|Inferior)|Breakpoint 1,|^forks=|^child [0-9]+ (ok|status)|^Debugger|^Whether|^Follow|^Undefined'

run_both() { # NAME ARGS...: gdb's output in NAME.gdb, cdbg's in NAME.out
	local name=$1
	shift
	(printf 'go\n'; sleep 2) | timeout 120 gdb -batch -nx "$@" 2>&1 > "$E2E_TMP/$name.gdb.raw"
	(printf 'go\n'; sleep 2) | timeout 120 "$CDBG" -batch "$@" 2>&1 > "$E2E_TMP/$name.out.raw"
	for w in gdb out; do
		grep -E "$keep" "$E2E_TMP/$name.$w.raw" |
			sed -E -e 's/(Thread 0x[0-9a-f]+ \(LWP [0-9]+\)|LWP [0-9]+)/THREAD/; s/[0-9]{2,}/N/g; s/ at .*//' \
				-e 's/^Thread [0-9.]+ "[^"]*" hit //; s/n=n@entry=/n=/' \
				> "$E2E_TMP/$name.$w"
	done
}

# 1. Settings.
run_both set -ex 'show follow-fork-mode' -ex 'set follow-fork-mode child' \
	-ex 'show follow-fork-mode' -ex 'set follow-fork-mode bogus' -ex 'set follow-fork-mode p' \
	-ex 'show follow-fork-mode' -ex 'show detach-on-fork' -ex 'show follow-exec-mode' "$PROG"
diff -u "$E2E_TMP/set.gdb" "$E2E_TMP/set.out" >&2 || fail "settings: cdbg and gdb differ"
"$CDBG" -batch -ex 'set detach-on-fork off' -ex 'set follow-exec-mode new' "$PROG" \
	> "$E2E_TMP/refuse.out" 2>&1
expect_grep "$E2E_TMP/refuse.out" 'cannot keep both processes of a fork under control'
expect_grep "$E2E_TMP/refuse.out" 'cannot follow an exec into a new inferior'

# 2. Following the child; the parent runs on untouched.
run_both follow -ex 'set follow-fork-mode child' -ex 'break child_work' -ex 'run 20' \
	-ex 'continue' "$PROG"
expect_grep "$E2E_TMP/follow.out.raw" '^\[Detaching after fork from parent process [0-9]+\]$'
expect_grep "$E2E_TMP/follow.out.raw" '^forks=20 ok=19$'
[ "$(grep -c ' ok anon_exec=0 trap_caught=0$' "$E2E_TMP/follow.out.raw")" = 19 ] ||
	fail "the parent's later children are not all clean"
diff -u "$E2E_TMP/follow.gdb" "$E2E_TMP/follow.out" >&2 || fail "follow: cdbg and gdb differ"
pass
