# A watchpoint on a local ends with its frame, as in gdb: watch_scope's recurse(6) in the main
# thread has `watch b` set in its a=4 activation while three worker threads run recurse(4)
# through the same return addresses. The watchpoint must trigger for a=4's own b only (0->4,
# 4->24), not fire when deeper activations or other threads return, then be deleted when a=4
# returns ("Watchpoint 2 deleted because the program has left the block in ..."), with the
# stop in the caller (a=5); the program then runs to its end with its own accounting intact.
# gdb runs the same script when it is installed, and must give the same sequence.
. "$CDBG_E2E_LIB"

cat > "$E2E_TMP/s.gdb" <<'GDB'
set print thread-events off
break recurse if who == 0 && a == 4
run
delete 1
watch b
continue
continue
continue
info watchpoints
continue
GDB

# The stops, one word each: W<old>-<new> for a trigger, D<a> for the deletion (the caller's
# a), N for "No watchpoints.", E for the program's end with its own results.
stops() {
	awk '/^Old value = / {o=$4} /^New value = / {printf "W%s-%s ", o, $4}
	     /^Watchpoint 2 deleted because the program has left the block in$/ {d=1; next}
	     d && /in recurse \(a=/ {sub(/.*\(a=/, ""); sub(/^a@entry=/, ""); sub(/[,)].*/, ""); printf "D%s ", $0; d=0}
	     /^No watchpoints\.$/ {printf "N "}
	     /^done r=720 total=5420$/ {printf "E "}' "$1"
}

want="W0-4 W4-24 D5 N E "
timeout 120 "$CDBG" -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_scope" \
	> "$E2E_TMP/cdbg.out" 2>&1
expect_eq "cdbg stops" "$(stops "$E2E_TMP/cdbg.out")" "$want"
expect_grep "$E2E_TMP/cdbg.out" '^which its expression is valid\.$'
# The same local named as gdb's FUNCTION::VARIABLE has the same scope.
sed 's/^watch b$/watch recurse::b/' "$E2E_TMP/s.gdb" > "$E2E_TMP/q.gdb"
timeout 120 "$CDBG" -q -nx -batch -x "$E2E_TMP/q.gdb" "$CDBG_TRACEE_DIR/watch_scope" \
	> "$E2E_TMP/cdbg.q.out" 2>&1
expect_eq "cdbg stops, recurse::b" "$(stops "$E2E_TMP/cdbg.q.out")" "$want"
if command -v gdb > /dev/null; then
	timeout 120 gdb -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_scope" \
		> "$E2E_TMP/gdb.out" 2>&1
	if grep -q 'Hardware watchpoint 2' "$E2E_TMP/gdb.out"; then
		expect_eq "gdb stops" "$(stops "$E2E_TMP/gdb.out")" "$want"
	fi
fi
pass
