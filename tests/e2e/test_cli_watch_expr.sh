# Watchpoints on expressions, as gdb has them: watch_chain's threads (one per step, each born
# and gone before the next) rewrite recs[i].v and move the pointer `cur` from record to
# record. `watch cur->v` watches cur and the record it points to, and is moved along when cur
# changes (a write to the record it left does not stop; moving to a record holding the same
# value does not stop either); `watch a + b` stops only when the sum changes; `watch pair`
# (a struct) shows its whole value. The stops, their Old/New values and the hit counts must be
# gdb's, and the program's own account of the changes must match the stops.
. "$CDBG_E2E_LIB"

cat > "$E2E_TMP/s.gdb" <<'GDB'
set print thread-events off
break ready
run
watch cur->v
watch a + b
continue
continue
continue
continue
continue
continue
continue
info watchpoints
delete
watch pair
continue
continue
continue
GDB

# W<expr>:<old>-><new> for each stop, H<n> for each hit count, E<account> at the end.
stops() {
	awk '/atchpoint [0-9]+: / {sub(/.*atchpoint [0-9]+: /, ""); w=$0}
	     /^Old value = / {sub(/^Old value = /, ""); o=$0}
	     /^New value = / {sub(/^New value = /, ""); printf "W%s:%s->%s ", w, o, $0}
	     /breakpoint already hit/ {printf "H%s ", $4}
	     /^done / {printf "E%s ", $0}' "$1"
}

want="Wcur->v:0->10 Wcur->v:10->20 Wcur->v:20->21 Wcur->v:21->23 Wa + b:0->5 Wa + b:5->2 Wa + b:2->5 "
want+="H4 H3 Wpair:{x = 0, y = 0}->{x = 7, y = 0} Wpair:{x = 7, y = 0}->{x = 7, y = 9} "
want+="Edone v=4 sum=3 pair=2 "
timeout 120 "$CDBG" -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
	> "$E2E_TMP/cdbg.out" 2>&1
expect_eq "cdbg stops" "$(stops "$E2E_TMP/cdbg.out")" "$want"
if command -v gdb > /dev/null; then
	timeout 120 gdb -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
		> "$E2E_TMP/gdb.out" 2>&1
	if grep -q 'Hardware watchpoint 2' "$E2E_TMP/gdb.out"; then
		expect_eq "gdb stops" "$(stops "$E2E_TMP/gdb.out")" "$want"
	fi
fi

# A condition on the moving chain: only the changes that leave cur->v above 20 stop, and only
# they count as hits.
cat > "$E2E_TMP/c.gdb" <<'GDB'
set print thread-events off
break ready
run
watch cur->v if cur->v > 20
continue
continue
info watchpoints
continue
GDB
want="Wcur->v:20->21 Wcur->v:21->23 H2 Edone v=4 sum=3 pair=2 "
timeout 120 "$CDBG" -q -nx -batch -x "$E2E_TMP/c.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
	> "$E2E_TMP/cdbg.c.out" 2>&1
expect_eq "cdbg conditional stops" "$(stops "$E2E_TMP/cdbg.c.out")" "$want"
if command -v gdb > /dev/null; then
	timeout 120 gdb -q -nx -batch -x "$E2E_TMP/c.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
		> "$E2E_TMP/gdb.c.out" 2>&1
	if grep -q 'Hardware watchpoint 2' "$E2E_TMP/gdb.c.out"; then
		expect_eq "gdb conditional stops" "$(stops "$E2E_TMP/gdb.c.out")" "$want"
	fi
fi
pass
