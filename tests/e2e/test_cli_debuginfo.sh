# Separate debug information: a program whose DWARF was moved out with objcopy --only-keep-debug
# + strip --strip-debug, found through .gnu_debuglink (sym_debuglink) or by build-id under a
# directory named in CDBG_DEBUGINFO_PATH (sym_buildid), gives the same answers to break
# FILE:LINE, info line, break FUNC and bt as the unstripped program (sym_nopie, same source and
# flags); without the path, sym_buildid has no line information. A program stripped of
# everything but .dynsym (sym_stripall, linked -rdynamic): break FUNC on an exported function,
# bt and call (int)getpid() still work, attached to it running.
. "$CDBG_E2E_LIB"

dir=$CDBG_TRACEE_DIR
src=$(cd "$(dirname "$0")/../tracees" && pwd)/sym_basic.c
line=$(grep -n 'L:hit_twice' "$src" | cut -d: -f1)
printf 'call\n' > "$E2E_TMP/call.in"

# session PROG OUT [may-fail]: the answers, without what differs from run to run (libc's addresses, pids).
session() {
	"$CDBG" -q -batch -ex "break sym_basic.c:$line" -ex "run < $E2E_TMP/call.in" \
		-ex 'info line hit' -ex "info line sym_basic.c:$line" -ex 'break other' -ex bt \
		-ex 'info symbol $pc' -ex continue -ex continue "$dir/$1" > "$E2E_TMP/$2.raw" 2>&1 ||
		[ "${3:-}" = may-fail ] || fail "cdbg on $1 exited $?"
	# (The program's own lines are checked apart: they interleave with cdbg's as they like.)
	grep -vE '^(Starting program|ready pid|file=|hit=|calls=|#[2-9])' "$E2E_TMP/$2.raw" |
		sed -e "s|$dir/$1|PROG|g" -e "s/process [0-9]*/process N/" > "$E2E_TMP/$2.out"
}

session sym_nopie ref
expect_grep "$E2E_TMP/ref.out" "^Breakpoint 1, hit \(.*\) at sym_basic\.c:$line$"
expect_grep "$E2E_TMP/ref.out" '^Line [0-9]+ of "[^"]*sym_basic\.c" starts at address 0x'
expect_grep "$E2E_TMP/ref.out" '^Breakpoint 2 at 0x[0-9a-f]+: file sym_basic\.c, line [0-9]+\.$'
expect_grep "$E2E_TMP/ref.out" '^#1  0x[0-9a-f]+ in main \(\) at sym_basic\.c:[0-9]+$'
expect_grep "$E2E_TMP/ref.raw" '^hit=18$'

session sym_debuglink link
diff -u "$E2E_TMP/ref.out" "$E2E_TMP/link.out" >&2 || fail "sym_debuglink answers differ"

CDBG_DEBUGINFO_PATH="$dir/debug" session sym_buildid bid
diff -u "$E2E_TMP/ref.out" "$E2E_TMP/bid.out" >&2 || fail "sym_buildid answers differ"
# Without the directory the build-id file is not found: no source lines at all.
CDBG_DEBUGINFO_PATH=/nonexistent session sym_buildid nodbg may-fail
# (The breakpoint on sym_basic.c stays pending, as gdb leaves it when no file has that name.)
grep -q '^Line ' "$E2E_TMP/nodbg.out" && fail "sym_buildid has lines without its debug file"
grep -q '^Breakpoint 1, ' "$E2E_TMP/nodbg.out" && fail "sym_buildid stopped at a source line"
expect_grep "$E2E_TMP/nodbg.raw" '^hit=18$'

# Stripped to .dynsym: attach, break on the exported hit, bt, call (int)getpid().
start_tracee sym_stripall
"$CDBG" -q -batch -p "$TRACEE_PID" -ex 'break hit' -ex continue -ex bt -ex 'call (int)getpid()' \
	-ex 'info symbol $pc' -ex detach > "$E2E_TMP/strip.out" 2>&1 &
CDBG_PID=$!
wait_line "$E2E_TMP/strip.out" '^Continuing' 20 || fail "cdbg did not continue"
echo call >&7
wait "$CDBG_PID" || fail "cdbg on sym_stripall exited $?"
addr=$(sed -n 's/.* hit=\(0x[0-9a-f]*\).*/\1/p' "$E2E_TMP/sym_stripall.out")
expect_grep "$E2E_TMP/strip.out" "^Breakpoint 1 at $addr$"
expect_grep "$E2E_TMP/strip.out" "^Breakpoint 1, $(printf '0x%016x' "$addr") in hit \(\)$"
expect_grep "$E2E_TMP/strip.out" '^#1  0x[0-9a-f]+ in main \(\)$'
expect_grep "$E2E_TMP/strip.out" "^\\\$1 = $TRACEE_PID$"
expect_grep "$E2E_TMP/strip.out" '^hit in section \.text$'
tracee_quit
expect_eq "sym_stripall exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/sym_stripall.out" '^hit=18$'
pass
