# Software watchpoints (gdb's set can-use-hw-watchpoints 0): every watch is "Watchpoint N"
# (not "Hardware watchpoint N"), rwatch and awatch are refused with gdb's sentence, and the
# program is single-stepped with the watched memory compared after each instruction. On
# watch_chain, whose threads are born and gone between the changes, the stops, their Old/New
# values and the hit counts must be the hardware ones and gdb's, and the program's own account
# of the changes must match the stops.
. "$CDBG_E2E_LIB"

cat > "$E2E_TMP/s.gdb" <<'GDB'
set print thread-events off
set can-use-hw-watchpoints 0
show can-use-hw-watchpoints
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

stops() {
	awk '/atchpoint [0-9]+: / {sub(/.*atchpoint [0-9]+: /, ""); w=$0}
	     /^Old value = / {sub(/^Old value = /, ""); o=$0}
	     /^New value = / {sub(/^New value = /, ""); printf "W%s:%s->%s ", w, o, $0}
	     /breakpoint already hit/ {printf "H%s ", $4}
	     /^[0-9]+ +(hw )?watchpoint/ {printf "T%s ", $2 == "hw" ? "hw" : "sw"}
	     /willingness/ {printf "S%s ", $NF}
	     /when hardware watchpoints are disabled/ {printf "R "}
	     /^done / {printf "E%s ", $0}' "$1"
}

want="S0. Wcur->v:0->10 Wcur->v:10->20 Wcur->v:20->21 Wcur->v:21->23 Wa + b:0->5 "
want+="Wa + b:5->2 Wa + b:2->5 Tsw H4 Tsw H3 Wpair:{x = 0, y = 0}->{x = 7, y = 0} "
want+="Wpair:{x = 7, y = 0}->{x = 7, y = 9} Edone v=4 sum=3 pair=2 "
timeout 300 "$CDBG" -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
	> "$E2E_TMP/cdbg.out" 2>&1
expect_eq "cdbg stops" "$(stops "$E2E_TMP/cdbg.out")" "$want"
expect_eq "software shape" "$(grep -c 'Watchpoint [0-9]*: ' "$E2E_TMP/cdbg.out")" 12
expect_eq "no hardware shape" "$(grep -c 'Hardware' "$E2E_TMP/cdbg.out")" 0
if command -v gdb > /dev/null; then
	timeout 300 gdb -q -nx -batch -x "$E2E_TMP/s.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
		> "$E2E_TMP/gdb.out" 2>&1
	if grep -q '^Watchpoint 3' "$E2E_TMP/gdb.out"; then
		expect_eq "gdb stops" "$(stops "$E2E_TMP/gdb.out")" "$want"
	fi
fi
# rwatch and awatch: refused, in gdb's words (a sourced file stops at the first error).
for cmd in rwatch awatch; do
	printf 'set can-use-hw-watchpoints 0\n%s a\n' "$cmd" > "$E2E_TMP/r.gdb"
	timeout 60 "$CDBG" -q -nx -batch -x "$E2E_TMP/r.gdb" "$CDBG_TRACEE_DIR/watch_chain" \
		> "$E2E_TMP/r.out" 2>&1
	expect_eq "$cmd refused" "$(grep -c "^Can't set read/access watchpoint when hardware \
watchpoints are disabled.$" "$E2E_TMP/r.out")" 1
done
pass
