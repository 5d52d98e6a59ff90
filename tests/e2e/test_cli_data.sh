# Data commands of cdbg's gdb-compatible command line: print in every format, output,
# printf, x in every format and unit, assignment (set var, print $reg = V), registers,
# dump binary memory, display; checked against gdb 13's text for the same commands, and
# against what the tracee itself prints after cdbg changed its memory and registers.
. "$CDBG_E2E_LIB"

# expect_text WHAT FILE: FILE's content must equal standard input.
expect_text() {
	cat > "$E2E_TMP/want.txt"
	diff -u "$E2E_TMP/want.txt" "$2" > "$E2E_TMP/diff.txt" ||
		fail "$1: want (-) / got (+):
$(cat "$E2E_TMP/diff.txt")"
}

# ---- without a process: value formats, history, convenience variables, printf ------------
"$CDBG" -batch -ex 'print 1+2' -ex 'print/x -1' -ex 'print/x (char)-1' -ex "print 'a'" \
	-ex 'print (char)1' -ex 'print/c 65' -ex 'print/d 0x10' -ex 'print/u -1' -ex 'print/o 8' \
	-ex 'print/t 10' -ex 'print/z 5' -ex 'print/x 5' -ex 'print' -ex 'print $' \
	-ex 'print (int*)8' -ex 'print (void*)0' -ex 'print (long**)16' -ex 'print/d (char)200' \
	-ex 'print/u (char)-56' -ex 'print/c 300' -ex 'print/x (short)-2' \
	-ex 'print (unsigned char)200' -ex 'print (signed char)-3' -ex 'print/o -1' \
	-ex 'print/t (char)5' -ex 'print/c -1' -ex 'print/x (long)-1' -ex 'print/z (char)5' \
	-ex 'print/f 1078530011' -ex 'print/f 4614253070214989087' -ex 'print (_Bool)1' \
	-ex "print '\\n'" -ex "print '\\''" -ex "print (char)27" -ex 'print/c 200' \
	-ex 'print $foo = 3' -ex 'set var $foo += 4' -ex 'print $foo' -ex 'print $foo <<= 1' \
	-ex 'print (1 >= 0) + (2 <= 3) + (4 != 4) + (5 == 5)' -ex 'print $$2' -ex 'print $3' \
	-ex 'output 5' -ex 'output/x 255' -ex 'echo \n' \
	-ex 'printf "%d %i %u %x %X %o %c|%p %ld %lu %lx %llx %%\n", -1, 2, -1, 255, 255, 8, 65, 16, -1L, -1L, -1L, -1L' \
	-ex 'printf "%5d|%-5d|%05x|%#x|%hd|%p|%s|\n", 42, 42, 255, 255, 70000, 0, 0' \
	-ex 'printf "%5s|%.2s|\n", "abc", "xyz"' -ex 'printf "tab\there\n"' \
	> "$E2E_TMP/v.out" 2>&1
expect_eq "status of a clean script" "$?" 0
expect_text "values without a process" "$E2E_TMP/v.out" <<'EOF'
$1 = 3
$2 = 0xffffffff
$3 = 0xff
$4 = 97 'a'
$5 = 1 '\001'
$6 = 65 'A'
$7 = 16
$8 = 4294967295
$9 = 010
$10 = 1010
$11 = 0x00000005
$12 = 0x5
$13 = 5
$14 = 5
$15 = (int *) 0x8
$16 = (void *) 0x0
$17 = (long **) 0x10
$18 = -56
$19 = 200
$20 = 44 ','
$21 = 0xfffe
$22 = 200 '\310'
$23 = -3 '\375'
$24 = 037777777777
$25 = 101
$26 = -1 '\377'
$27 = 0xffffffffffffffff
$28 = 0x05
$29 = 3.14159274
$30 = 3.1400000000000001
$31 = true
$32 = 10 '\n'
$33 = 39 '\''
$34 = 27 '\033'
$35 = -56 '\310'
$36 = 3
$37 = 7
$38 = 14
$39 = 3
$40 = 7
$41 = -1 '\377'
50xff
-1 2 4294967295 ff FF 10 A|0x10 -1 18446744073709551615 ffffffffffffffff ffffffffffffffff %
   42|42   |000ff|0xff|4464|(nil)|(null)|
  abc|xy|
tab	here
EOF

# Errors: gdb's exact words where the data commands make them, one line each, status 1.
"$CDBG" -batch -ex 'info registers' -ex 'x/x 0' -ex 'print/2x 1' -ex 'print/w 1' \
	-ex 'print/i 1' -ex 'print/q 1' -ex 'output' -ex 'set var 5 = 3' -ex 'print $1 = 4' \
	-ex 'printf "%d\n"' -ex 'printf "%d\n", 1, 2' -ex 'printf "abc\n" 1' -ex 'printf abc' \
	-ex 'printf "%y\n", 1' -ex 'printf "\x41\n"' -ex 'printf "%*d\n", 1, 2' \
	-ex 'dump binary memory' -ex "dump binary memory $E2E_TMP/x" \
	-ex "dump memory $E2E_TMP/x 8" -ex "dump memory $E2E_TMP/x 16 8" -ex 'dump foo' \
	-ex 'x' -ex 'undisplay 4' > "$E2E_TMP/e.out" 2>&1
expect_eq "status when commands failed" "$?" 1
expect_text "error texts" "$E2E_TMP/e.out" <<'EOF'
The program has no registers now.
0x0:	Cannot access memory at address 0x0
Item count other than 1 is meaningless in "print" command.
Size letters are meaningless in "print" command.
Format letter "i" is meaningless in "print" command.
Undefined output format "q".
Argument required (expression to compute).
Left operand of assignment is not an lvalue.
Left operand of assignment is not a modifiable lvalue.
Wrong number of arguments for specified format-string
Wrong number of arguments for specified format-string
Invalid argument syntax
Bad format string, missing '"'.
Unrecognized format specifier 'y' in printf
Unrecognized escape character \x in format string.
`*' not supported for precision or width in printf
Missing filename.
Missing start address.
Missing stop address.
Invalid memory address range (start >= end).
Undefined dump command: "foo".  Try "help dump".
Argument required (starting display address).
No display number 4.
EOF
# The evaluator's own messages (gdb capitalizes them): matched without case.
"$CDBG" -batch -ex 'print 5/0' -ex 'print 1 +' > "$E2E_TMP/e2.out" 2>&1
grep -qix 'division by zero' "$E2E_TMP/e2.out" || fail "division by zero: $(cat "$E2E_TMP/e2.out")"
grep -qi 'syntax error' "$E2E_TMP/e2.out" || fail "syntax error: $(cat "$E2E_TMP/e2.out")"

# display without a process: recorded, listed, shown on demand, deleted.
"$CDBG" -batch -ex 'display/x 255' -ex 'display 2*3' -ex 'display/i $pc' -ex 'display/2xw 0' \
	-ex 'info display' -ex 'undisplay 3 4' -ex 'display' -ex 'undisplay' -ex 'info display' \
	> "$E2E_TMP/d.out" 2>&1
expect_text "display" "$E2E_TMP/d.out" <<'EOF'
Auto-display expressions now in effect:
Num Enb Expression
1:   y  /x 255
2:   y  2*3
3:   y  /1bi $pc
4:   y  /2wx 0
1: /x 255 = 0xff
2: 2*3 = 6
Delete all auto-display expressions? (y or n) [answered Y; input not from terminal]
There are no auto-display expressions now.
EOF

# ---- a live process: a value the tracee wrote, changed behind its back --------------------
start_tracee multi_write
TARGET=$(sed -n 's/^ready .*target=\(0x[0-9a-f]*\).*/\1/p' "$E2E_TMP/multi_write.out")
echo "write 0 12345" >&7
wait_line "$E2E_TMP/multi_write.out" '^wrote 0 12345 ' 10 || fail "multi_write did not write"
"$CDBG" -q -batch -p "$TRACEE_PID" -ex "print *(long*)$TARGET" -ex "print/x *(long*)$TARGET" \
	-ex "x/2xw $TARGET" -ex "set var *(long*)$TARGET = 99" -ex "print *(long*)$TARGET = 99 * 2" \
	-ex "print *(long*)$TARGET /= 2" > "$E2E_TMP/w.out" 2>&1
expect_eq "multi_write session status" "$?" 0
sed -n '/^\$1 = /,$p' "$E2E_TMP/w.out" > "$E2E_TMP/w.body"
expect_text "the tracee's global" "$E2E_TMP/w.body" <<EOF
\$1 = 12345
\$2 = 0x3039
$TARGET <target>:	0x00003039	0x00000000
\$3 = 198
\$4 = 99
EOF
echo "read 1" >&7
wait_line "$E2E_TMP/multi_write.out" '^read 1 ' 10 || fail "multi_write did not read"
expect_grep "$E2E_TMP/multi_write.out" '^read 1 99 tid='
tracee_quit
expect_eq "multi_write exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/multi_write.out" '^done target=99$'

# ---- a live process: memory against what the tracee prints --------------------------------
# sym_nopie: each "call" line runs hit(n) + other(n) for the n-th call, where hit(x) is
# 3x (minus 4 when above 10) + twice(x) + sym_counter, other(x) is twice(x + 1) - 1, and
# twice(x) is 2x + sym_table[x & 15] (sym_table[i] = i).
start_tracee sym_nopie
ready=$(grep '^ready' "$E2E_TMP/sym_nopie.out")
field() { sed -n "s/.* $1=\(0x[0-9a-f]*\).*/\1/p" <<<"$ready"; }
hex() { printf '0x%x' $(($1)); }
PID=$TRACEE_PID H=$(hex "$(field hit)") CTR=$(field counter) T=$(hex "$(field table)")
S=$(hex "$T + 32") # sym_table[8..15]: scratch, never read while fewer than 7 calls ran

"$CDBG" -q -batch -p "$PID" -ex "print *(int*)$CTR" -ex "print/x *(int*)($T+40)" \
	-ex "x/4dw $T" -ex 'print $_' -ex 'print $__' -ex "x/2xg $T" -ex "x/6xb $T+4" \
	-ex "x/3uh $T+4" -ex "x/2ow $T+4" -ex "x/tb $T+5" -ex "x/2dw $T" -ex 'x' -ex 'x/xw' \
	-ex "set var *(int*)$CTR = 42" -ex "print *(int*)$CTR" \
	-ex "set {long}$S = 0x6f6c6c6568" -ex "set {long}($S+8) = 0x6262626262626261" \
	-ex "set {long}($S+16) = 0x6262626262626262" -ex "set {long}($S+24) = 0x64636262" \
	-ex "x/s $S" -ex "x/3s $S" -ex "x/3c $S" -ex "print (char*)$S" \
	-ex "printf \"%s|%5.3s|%d|%c\\n\", $S, $S, *(int*)$CTR, *(char*)$S" \
	-ex "output/x *(int*)$CTR" -ex 'echo \n' \
	-ex "dump binary memory $E2E_TMP/dump.bin $T $T+64" \
	-ex "dump binary memory $E2E_TMP/none.bin 0 8" \
	> "$E2E_TMP/m.out" 2>&1
expect_eq "memory session status" "$?" 1 # the unreadable dump fails
sed -n '/^\$1 = /,$p' "$E2E_TMP/m.out" > "$E2E_TMP/m.body"
expect_text "memory in every format" "$E2E_TMP/m.body" <<EOF
\$1 = 7
\$2 = 0xa
$T <sym_table>:	0	1	2	3
\$3 = (int *) $(hex "$T + 12") <sym_table+12>
\$4 = 3
$T <sym_table>:	0x0000000100000000	0x0000000300000002
$(hex "$T + 4") <sym_table+4>:	0x01	0x00	0x00	0x00	0x02	0x00
$(hex "$T + 4") <sym_table+4>:	1	0	2
$(hex "$T + 4") <sym_table+4>:	01	02
$(hex "$T + 5") <sym_table+5>:	00000000
$T <sym_table>:	0	1
$(hex "$T + 8") <sym_table+8>:	2	3
$(hex "$T + 16") <sym_table+16>:	0x00000004
\$5 = 42
$S <sym_table+32>:	"hello"
$S <sym_table+32>:	"hello"
$(hex "$S + 6") <sym_table+38>:	""
$(hex "$S + 7") <sym_table+39>:	""
$S <sym_table+32>:	104 'h'	101 'e'	108 'l'
\$6 = $S <sym_table+32> "hello"
hello|  hel|42|h
0x2a
Cannot access memory at address 0x0
EOF
[ -e "$E2E_TMP/none.bin" ] && fail "a failed dump left a file"
expect_eq "dump size" "$(stat -c %s "$E2E_TMP/dump.bin")" 64
if dd if=/proc/"$PID"/mem of="$E2E_TMP/proc.bin" bs=64 count=1 iflag=skip_bytes \
	skip=$((T)) 2>/dev/null && [ -s "$E2E_TMP/proc.bin" ]; then
	cmp -s "$E2E_TMP/dump.bin" "$E2E_TMP/proc.bin" || fail "dump differs from /proc/PID/mem"
else
	echo "note: /proc/$PID/mem is not readable here; dump checked against known bytes only"
fi
expect_eq "dumped sym_table[1]" "$(od -An -tu4 -j4 -N4 "$E2E_TMP/dump.bin" | xargs)" 1
expect_eq "dumped string" "$(od -An -c -j32 -N5 "$E2E_TMP/dump.bin" | xargs)" "h e l l o"
[ "$(states "$PID")" != "*t*" ] || fail "threads left in tracing stop"

# Strings with runs: x/s and print shape them as gdb does.
"$CDBG" -q -batch -p "$PID" -ex "x/s $S+8" -ex "print (char*)($S+9)" -ex "print/x (char*)$S" \
	-ex "print (unsigned char*)$S" -ex "print (char*)0" -ex "print (char*)8" \
	> "$E2E_TMP/s.out" 2>&1
grep -v -e '^Attaching' -e ' in ' "$E2E_TMP/s.out" > "$E2E_TMP/s.body"
expect_text "strings" "$E2E_TMP/s.body" <<EOF
$(hex "$S + 8") <sym_table+40>:	"a", 'b' <repeats 17 times>, "cd"
\$1 = $(hex "$S + 9") <sym_table+41> 'b' <repeats 17 times>, "cd"
\$2 = $S
\$3 = (unsigned char *) $S <sym_table+32> "hello"
\$4 = 0x0
\$5 = 0x8 <error: Cannot access memory at address 0x8>
EOF

# The tracee sees the new counter: hit(1) + other(1) = (3 + 3 + 42) + (4 + 2 - 1).
echo call >&7
wait_line "$E2E_TMP/sym_nopie.out" '^hit=' 10 || fail "no hit= line"
expect_eq "tracee after set var" "$(grep '^hit=' "$E2E_TMP/sym_nopie.out")" "hit=53"

# ---- registers at a breakpoint: $rdi is the tracee's argument; changing it changes the result
"$CDBG" -q -batch -p "$PID" -ex "break *$H" -ex continue -ex 'print $rdi' \
	-ex 'info registers rdi rip' -ex 'print $pc' -ex "print \$rip == $H" -ex 'x/2i $pc' \
	-ex 'print $rdi = 5' -ex 'set var $rax = -1' -ex 'info registers rax' -ex 'print/x $rax' \
	-ex 'print/x $sp == $rsp' -ex 'print $eflags' -ex 'info registers $foo' \
	> "$E2E_TMP/r.out" 2>&1 &
CDBG_PID=$!
E2E_PIDS+=("$CDBG_PID")
wait_line "$E2E_TMP/r.out" '^Continuing' 10 || fail "cdbg did not continue"
echo call >&7
wait "$CDBG_PID"
expect_eq "register session status" "$?" 1 # the bad register
expect_grep "$E2E_TMP/r.out" '^\$7 = \[ ([A-Z]+ )*\]$'
# x/2i: gdb's layout; the first instruction of an -O0 function (endbr64 where gcc adds it).
expect_grep "$E2E_TMP/r.out" "^=> $H <hit>:	(push   %rbp|endbr64)\$"
expect_grep "$E2E_TMP/r.out" "^   0x[0-9a-f]+ <hit\\+[14]>:	(mov    %rsp,%rbp|push   %rbp)\$"
sed -n '/^\$1 = /,$p' "$E2E_TMP/r.out" | grep -v -e '^\$7 = ' -e ' <hit+*[0-9]*>:' > "$E2E_TMP/r.body"
expect_text "registers at hit()" "$E2E_TMP/r.body" <<EOF
\$1 = 2
rdi            0x2                 2
rip            $H            $H <hit>
\$2 = (void (*)()) $H <hit>
\$3 = 1
\$4 = 5
rax            0xffffffffffffffff  -1
\$5 = 0xffffffffffffffff
\$6 = 0x1
Invalid register \`foo'
EOF
# hit(5) + other(2) = (15 - 4 + 10 + 5 + 42) + (6 + 3 - 1)
wait_line "$E2E_TMP/sym_nopie.out" '^hit=76$' 10 ||
	fail "tracee after \$rdi = 5: $(grep '^hit=' "$E2E_TMP/sym_nopie.out" | tail -1), want hit=76"

# The whole register file: gdb's names, order and columns.
"$CDBG" -q -batch -p "$PID" -ex 'info registers' -ex 'info all-registers' -ex 'i r eflags' \
	-ex 'print/x $eflags' > "$E2E_TMP/a.out" 2>&1
sed -n '/^rax /,/^gs /p' "$E2E_TMP/a.out" | head -24 > "$E2E_TMP/a.gpr"
expect_eq "info registers names" "$(cut -d' ' -f1 "$E2E_TMP/a.gpr" | xargs)" \
	"rax rbx rcx rdx rsi rdi rbp rsp r8 r9 r10 r11 r12 r13 r14 r15 rip eflags cs ss ds es fs gs"
bad=$(awk 'substr($0, 16, 2) != "0x" || substr($0, 35, 1) != " " || substr($0, 36, 1) == " "' \
	"$E2E_TMP/a.gpr")
[ -z "$bad" ] || fail "info registers columns: $bad"
expect_grep "$E2E_TMP/a.out" '^eflags         0x[0-9a-f]+ +\[ ([A-Z]+ )*\]$'
expect_grep "$E2E_TMP/a.out" '^st0            [-0-9.e]+ +\(raw 0x[0-9a-f]{20}\)$'
expect_grep "$E2E_TMP/a.out" '^fctrl          0x37f               895$'
expect_grep "$E2E_TMP/a.out" '^mxcsr          0x[0-9a-f]+ +\[ ([A-Z]+ )*\]$'
expect_grep "$E2E_TMP/a.out" '^[xy]mm15 +\{v(8|16)_bfloat16 = \{.*\}\}$'
flags=$(sed -n 's/^eflags  *\(0x[0-9a-f]*\) .*/\1/p' "$E2E_TMP/a.out" | tail -1)
expect_grep "$E2E_TMP/a.out" "^\\\$1 = $flags\$"

tracee_quit
expect_eq "tracee exit status" "$TRACEE_STATUS" 0
expect_grep "$E2E_TMP/sym_nopie.out" '^calls=2$'
pass
