# Watchpoints in cdbg's gdb-compatible command line: watch/awatch/rwatch on multi_write's
# target report the writing (or reading) thread and the old and new values as gdb prints
# them; the four debug registers run out with the library's sentence.
. "$CDBG_E2E_LIB"

start_tracee multi_write
T=$(sed -n 's/^ready .*target=\(0x[0-9a-f]*\).*/\1/p' "$E2E_TMP/multi_write.out")
[ -n "$T" ] || fail "no target address in the ready line"

cat > "$E2E_TMP/w.gdb" <<EOF
watch *(long*)$T
echo ==write==\n
shell echo 'write 2 77' >&7
continue
echo ==threads==\n
info threads
echo ==access==\n
delete 1
awatch *(long*)$T
shell echo 'read 1' >&7
continue
shell echo 'write 3 5' >&7
continue
echo ==read==\n
delete
rwatch *(long*)$T
shell echo 'write 0 9' >&7
shell echo 'read 0' >&7
continue
echo ==slots==\n
delete
watch *(long*)$T
watch *(int*)$T
awatch *(short*)$T
rwatch *(char*)$T
EOF
# The refused ones come as -ex commands: an error in a command file ends the file, as in gdb.
"$CDBG" -batch -p "$TRACEE_PID" -x "$E2E_TMP/w.gdb" -ex "watch *(char*)($T + 1)" \
	-ex "watch *(int*)($T + 2)" -ex 'echo ==table==\n' -ex 'info watchpoints' -ex 'echo ==end==\n' \
	> "$E2E_TMP/w.out" 2>&1
expect_eq "cdbg status (the two refused watchpoints)" "$?" 1
W=$E2E_TMP/w.out
section() { sed -n "/^==$1==\$/,/^==/p" "$W" | sed '1d;/^==/d'; }

# The write: the thread that stored, and gdb's three lines.
expect_grep "$W" "^Hardware watchpoint 1: \*\(long\*\)$T$"
wtid=$(sed -n 's/^wrote 2 77 tid=\([0-9]*\)$/\1/p' "$E2E_TMP/multi_write.out")
[ -n "$wtid" ] || fail "multi_write did not write"
stop=$(section write | grep '^Thread ')
[[ $stop =~ ^Thread\ ([0-9]+)\ \"multi_write\"\ hit\ Hardware\ watchpoint\ 1:\ \*\(long\*\)$T$ ]] ||
	fail "write stop line: '$stop'"
wnum=${BASH_REMATCH[1]}
section write | grep -qzF $'\n\nOld value = 0\nNew value = 77\n' || fail "old/new values of the write"
expect_grep "$W" "^\* $wnum +Thread 0x[0-9a-f]+ \(LWP $wtid\) "

# An access watchpoint: a read shows the value, a write both values.
expect_grep "$W" "^Hardware access \(read/write\) watchpoint 2: \*\(long\*\)$T$"
rtid=$(sed -n 's/^read 1 77 tid=\([0-9]*\)$/\1/p' "$E2E_TMP/multi_write.out")
[ -n "$rtid" ] || fail "multi_write did not read"
section access | grep -qzF $'watchpoint 2: *(long*)'"$T"$'\n\nValue = 77\n' || fail "access by a read"
section access | grep -qzF $'watchpoint 2: *(long*)'"$T"$'\n\nOld value = 77\nNew value = 5\n' ||
	fail "access by a write"

# A read watchpoint: x86 debug registers see reads and writes alike; as gdb, an access that
# changed the value was a write and does not stop.
expect_grep "$W" "^Hardware read watchpoint 3: \*\(long\*\)$T$"
section read | grep -qzF $'hit Hardware read watchpoint 3: *(long*)'"$T"$'\n\nValue = 9\n' ||
	fail "read watchpoint: $(section read)"
expect_eq "stops of the read watchpoint" "$(section read | grep -c ' hit Hardware read watchpoint 3:')" 1

# Four debug registers, then the library's sentence, for the byte at T + 1 and for the int at
# T + 2 (misaligned: watched as gdb does, in two aligned pieces of 2 bytes; none is free).
expect_eq "refusals" "$(grep -Ec '^cannot set a hardware watchpoint at 0x[0-9a-f]+: all 4 debug registers are in use; delete or disable one first$' "$W")" 2
expect_eq "table" "$(section table)" \
"Num     Type            Disp Enb Address            What
4       hw watchpoint   keep y                      *(long*)$T
5       hw watchpoint   keep y                      *(int*)$T
6       acc watchpoint  keep y                      *(short*)$T
7       read watchpoint keep y                      *(char*)$T"

tracee_quit
expect_eq "multi_write status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/multi_write.out" '^done target=9$'
pass
