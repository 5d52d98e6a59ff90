# Breakpoints in cdbg's gdb-compatible command line: break/tbreak/hbreak, commands (silent,
# echo, continue) counting hits exactly, conditions and ignore counts, delete/disable/enable,
# hit counts carried across runs, info breakpoints in gdb's exact shape, and gdb's error texts.
. "$CDBG_E2E_LIB"

# section FILE NAME: the lines a script printed between "echo ==NAME==\n" and the next marker,
# with the source line of hit() replaced by L (the tracee may move).
section() {
	sed -n "/^==$2==\$/,/^==/p" "$1" | sed '1d;/^==/d' | sed 's/ in hit at bphits\.c:[0-9]*$/ in hit at bphits.c:L/'
}

# hit_addr: the address of hit() from bphits' ready line.
hit_addr() { sed -n 's/^ready .*hit=\(0x[0-9a-f]*\).*/\1/p' "$E2E_TMP/bphits.out"; }

# addr16 0xADDR: as info breakpoints prints it.
addr16() { printf '0x%016x' "$(($1))"; }

# restart_bphits ARGS: a fresh bphits (start_tracee's fifo and output names are fixed).
restart_bphits() {
	rm -f "$E2E_TMP/bphits.in" "$E2E_TMP/bphits.out"
	start_tracee bphits "$@"
}

# ---- without a process: what is recorded, the table, and gdb's error texts -------------------
"$CDBG" -batch -ex 'break *0x401136' -ex 'tbreak *0x401140' -ex 'hbreak *0x401150' \
	-ex 'watch *(int*)0x404028' -ex 'rwatch *(long*)0x404030' -ex 'awatch *(short*)0x404038' \
	-ex 'condition 1 $rdi == 3' -ex 'ignore 1 2' -ex 'disable 3' -ex 'info breakpoints' \
	-ex 'delete 2-4' -ex 'info watchpoints' -ex 'info breakpoints 1 6' \
	> "$E2E_TMP/n.out" 2>&1
expect_eq "status of a clean script" "$?" 0
expect_eq "table without a process" "$(cat "$E2E_TMP/n.out")" "Breakpoint 1 at 0x401136
Temporary breakpoint 2 at 0x401140
Hardware assisted breakpoint 3 at 0x401150
Hardware watchpoint 4: *(int*)0x404028
Hardware read watchpoint 5: *(long*)0x404030
Hardware access (read/write) watchpoint 6: *(short*)0x404038
Num     Type            Disp Enb Address            What
1       breakpoint      keep y   0x0000000000401136 
	stop only if \$rdi == 3
	ignore next 2 hits
2       breakpoint      del  y   0x0000000000401140 
3       hw breakpoint   keep n   0x0000000000401150 
4       hw watchpoint   keep y                      *(int*)0x404028
5       read watchpoint keep y                      *(long*)0x404030
6       acc watchpoint  keep y                      *(short*)0x404038
Num     Type            Disp Enb Address    What
5       read watchpoint keep y              *(long*)0x404030
6       acc watchpoint  keep y              *(short*)0x404038
Num     Type           Disp Enb Address            What
1       breakpoint     keep y   0x0000000000401136 
	stop only if \$rdi == 3
	ignore next 2 hits
6       acc watchpoint keep y                      *(short*)0x404038"

"$CDBG" -batch -ex 'break *0x401136' -ex 'delete 7' -ex 'delete x' -ex 'enable 1-x' \
	-ex 'disable 3-1' -ex 'enable -2' -ex 'delete $nosuch' -ex 'condition 9 1' \
	-ex 'condition x' -ex 'condition' -ex 'ignore' -ex 'ignore 1' -ex 'ignore 9 1' \
	-ex 'watch 5' -ex 'watch' -ex 'info watchpoints 1' -ex 'info breakpoints 4' -ex 'delete' \
	-ex 'info breakpoints' -ex 'info watchpoints' -ex 'commands 5' -ex 'echo never\n' -ex 'end' \
	> "$E2E_TMP/e.out" 2>&1
expect_eq "status when commands failed" "$?" 1
expect_eq "error texts" "$(cat "$E2E_TMP/e.out")" "Breakpoint 1 at 0x401136
No breakpoint number 7.
Bad breakpoint number 'x'
Bad breakpoint number 'x'
Inverted breakpoint range at '3-1'
Negative breakpoint number '-2'
Convenience variable must have integer value.
warning: bad breakpoint number at or near '0'
No breakpoint number 9.
Bad breakpoint argument: 'x'
Argument required (breakpoint number).
Argument required (a breakpoint number).
Second argument (specified ignore-count) is missing.
No breakpoint number 9.
Cannot watch constant value \`5'.
Argument required (expression to compute).
No watchpoint matching '1'.
No breakpoint or watchpoint matching '4'.
No breakpoints or watchpoints.
No watchpoints.
No breakpoint number 5."

# ---- commands: silent + echo + continue count every hit of every thread ----------------------
start_tracee bphits 2 5
A=$(hit_addr)
cat > "$E2E_TMP/s1.gdb" <<EOF
break *$A
commands
silent
echo counted\n
continue
end
echo ==before==\n
info breakpoints
echo ==go==\n
shell echo go >&7
continue
echo ==after==\n
info breakpoints
echo ==end==\n
EOF
"$CDBG" -batch -p "$TRACEE_PID" -x "$E2E_TMP/s1.gdb" > "$E2E_TMP/s1.out" 2>&1
expect_eq "s1 status" "$?" 0
expect_grep "$E2E_TMP/s1.out" "^Breakpoint 1 at $A: file bphits\.c, line [0-9]+\.$"
expect_eq "s1 table before" "$(section "$E2E_TMP/s1.out" before)" \
"Num     Type           Disp Enb Address            What
1       breakpoint     keep y   $(addr16 "$A") in hit at bphits.c:L
        silent
        echo counted\n
        continue"
expect_eq "hits reported by commands" "$(grep -c '^counted$' "$E2E_TMP/s1.out")" 10
expect_grep "$E2E_TMP/s1.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
expect_eq "s1 table after" "$(section "$E2E_TMP/s1.out" after)" \
"Num     Type           Disp Enb Address            What
1       breakpoint     keep y   $(addr16 "$A") in hit at bphits.c:L
	breakpoint already hit 10 times
        silent
        echo counted\n
        continue"
tracee_quit
expect_eq "s1 tracee status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/bphits.out" '^hits=10 checksum=20 expected=20$'

# ---- a condition and an ignore count: thread 1 calls hit(1) five times, two are ignored ------
restart_bphits 2 5
A=$(hit_addr)
cat > "$E2E_TMP/s2.gdb" <<EOF
break *$A if \$rdi == 1
ignore 1 2
commands 1
silent
echo stop rdi=1\n
continue
end
echo ==before==\n
info breakpoints
echo ==go==\n
shell echo go >&7
continue
echo ==after==\n
info breakpoints
echo ==end==\n
EOF
"$CDBG" -batch -p "$TRACEE_PID" -x "$E2E_TMP/s2.gdb" > "$E2E_TMP/s2.out" 2>&1
expect_eq "s2 status" "$?" 0
expect_eq "s2 table before" "$(section "$E2E_TMP/s2.out" before)" \
"Num     Type           Disp Enb Address            What
1       breakpoint     keep y   $(addr16 "$A") in hit at bphits.c:L
	stop only if \$rdi == 1
	ignore next 2 hits
        silent
        echo stop rdi=1\n
        continue"
expect_eq "stops after the ignored ones" "$(grep -c '^stop rdi=1$' "$E2E_TMP/s2.out")" 3
expect_eq "s2 table after" "$(section "$E2E_TMP/s2.out" after)" \
"Num     Type           Disp Enb Address            What
1       breakpoint     keep y   $(addr16 "$A") in hit at bphits.c:L
	stop only if \$rdi == 1
	breakpoint already hit 5 times
        silent
        echo stop rdi=1\n
        continue"
tracee_quit
expect_eq "s2 tracee status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/bphits.out" '^hits=10 checksum=20 expected=20$'

# ---- tbreak goes after its hit; disable/enable/delete; a hardware breakpoint -----------------
restart_bphits 1 3
A=$(hit_addr)
cat > "$E2E_TMP/s3.gdb" <<EOF
tbreak *$A
break *$A
disable 2
hbreak *$A
disable 3
echo ==go==\n
shell echo go >&7
continue
echo ==after-tbreak==\n
info breakpoints
echo ==enable==\n
enable 2
commands 2
silent
echo soft\n
continue
end
continue
echo ==end==\n
info breakpoints
delete 2-3
info breakpoints
EOF
"$CDBG" -batch -p "$TRACEE_PID" -x "$E2E_TMP/s3.gdb" > "$E2E_TMP/s3.out" 2>&1
expect_eq "s3 status" "$?" 0
expect_grep "$E2E_TMP/s3.out" "^Temporary breakpoint 1 at $A: file bphits\.c, line [0-9]+\.$"
expect_grep "$E2E_TMP/s3.out" "^Breakpoint 2 at $A: file bphits\.c, line [0-9]+\.$"
expect_grep "$E2E_TMP/s3.out" "^Hardware assisted breakpoint 3 at $A: file bphits\.c, line [0-9]+\.$"
expect_grep "$E2E_TMP/s3.out" '^Thread [0-9]+ "bphits" hit Temporary breakpoint 1, '
expect_eq "table after the tbreak" "$(section "$E2E_TMP/s3.out" after-tbreak)" \
"Num     Type           Disp Enb Address            What
2       breakpoint     keep n   $(addr16 "$A") in hit at bphits.c:L
3       hw breakpoint  keep n   $(addr16 "$A") in hit at bphits.c:L"
# The thread stopped in hit() steps over it: the two calls left hit breakpoint 2.
expect_eq "hits once enabled" "$(grep -c '^soft$' "$E2E_TMP/s3.out")" 2
expect_eq "s3 tail" "$(sed -n '/^==end==$/,$p' "$E2E_TMP/s3.out" | sed 's/ in hit at bphits\.c:[0-9]*$/ in hit at bphits.c:L/')" \
"==end==
Num     Type           Disp Enb Address            What
2       breakpoint     keep y   $(addr16 "$A") in hit at bphits.c:L
	breakpoint already hit 2 times
        silent
        echo soft\n
        continue
3       hw breakpoint  keep n   $(addr16 "$A") in hit at bphits.c:L
No breakpoints or watchpoints."
tracee_quit
expect_eq "s3 tracee status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/bphits.out" '^hits=3 checksum=3 expected=3$'

# ---- a breakpoint by name before the program runs; run starts its hit count at 0 (gdb) -------
printf 'go\n' > "$E2E_TMP/go.txt"
cat > "$E2E_TMP/s4.gdb" <<EOF
break hit
commands
silent
echo named\n
continue
end
run 2 3 < $E2E_TMP/go.txt
echo ==first==\n
info breakpoints
run 2 3 < $E2E_TMP/go.txt
echo ==second==\n
info breakpoints
echo ==end==\n
EOF
"$CDBG" -batch -x "$E2E_TMP/s4.gdb" --args "$CDBG_TRACEE_DIR/bphits" 2 3 > "$E2E_TMP/s4.out" 2>&1
expect_eq "s4 status" "$?" 0
expect_grep "$E2E_TMP/s4.out" '^Breakpoint 1 at 0x[0-9a-f]+: file (/.*/)?bphits\.c, line [0-9]+\.$' # from the file
expect_eq "hits in two runs" "$(grep -c '^named$' "$E2E_TMP/s4.out")" 12
expect_eq "exits" "$(grep -c '^\[Inferior 1 (process [0-9]*) exited normally\]$' "$E2E_TMP/s4.out")" 2
section "$E2E_TMP/s4.out" first | grep -qE '^1       breakpoint     keep y   0x[0-9a-f]{16} in hit at bphits.c:L$' ||
	fail "first table: $(section "$E2E_TMP/s4.out" first)"
expect_eq "hits after the first run" "$(section "$E2E_TMP/s4.out" first | grep already)" \
	"	breakpoint already hit 6 times"
expect_eq "hits after the second run" "$(section "$E2E_TMP/s4.out" second | grep already)" \
	"	breakpoint already hit 6 times"

# ---- errors with a process: unknown function, unmapped address --------------------------------
restart_bphits 1 1
"$CDBG" -batch -p "$TRACEE_PID" -ex 'break nosuch' -ex 'break *0' -ex 'tbreak *1' \
	-ex 'info breakpoints' > "$E2E_TMP/s5.out" 2>&1
expect_eq "s5 status" "$?" 1
expect_grep "$E2E_TMP/s5.out" '^Function "nosuch" not defined\.$'
expect_grep "$E2E_TMP/s5.out" '^No breakpoints or watchpoints\.$'
expect_grep "$E2E_TMP/s5.out" '^cannot insert a breakpoint at 0: cannot access memory there$'
expect_grep "$E2E_TMP/s5.out" '^cannot insert a breakpoint at 0x1: cannot access memory there$'
tracee_quit
expect_eq "s5 tracee status" "$TRACEE_STATUS" 0
pass
