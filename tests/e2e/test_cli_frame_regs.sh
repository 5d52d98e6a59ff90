# Registers of an outer frame and `return`, compared with gdb 13 on the same program:
# after `up`, info registers rip/rsp/rbp/rbx, $pc, $sp, $rbx and x/i $pc are the frame's own
# (unwound: rbx saved by keep_regs, rip its return address); `return 42`, `return 2.5` and
# `return s+3` pop get_int/get_double/get_ptr (batch: no question, no frame shown) and main
# then stores the value; `return` after `up` pops the outer frame too; errors as gdb's.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/frame_ret"
[ -x "$PROG" ] || skip "tracee frame_ret is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

# Both debuggers, same commands; only the lines that do not depend on the environment's size
# (stack addresses move with it) are compared: values, instructions, frames.
run_both() {
	local name=$1
	shift
	timeout 60 "$CDBG" -batch -nx "$@" "$PROG" > "$E2E_TMP/$name.cdbg.out" 2>&1
	timeout 60 gdb -batch -nx "$@" "$PROG" > "$E2E_TMP/$name.gdb.out" 2>&1
}
# Lines of a run as both print them: no thread chatter, file names reduced to their base;
# what cdbg does not show yet (entry values, <sym> on a char pointer) is not this test's.
norm() {
	grep -v -e '^\[Thread debugging' -e '^Using host libthread_db' -e '^Starting program' \
		-e '^\[Inferior 1' "$1" | sed -e 's#/[^ ]*/frame_ret\.c#frame_ret.c#g' \
		-e 's/\([a-z]\)=[a-z]*@entry=/\1=/g' -e 's/ <[A-Za-z_][A-Za-z0-9_+]*> "/ "/g'
}
same() {
	norm "$E2E_TMP/$1.cdbg.out" | grep -E "$2" > "$E2E_TMP/$1.c.lines"
	norm "$E2E_TMP/$1.gdb.out" | grep -E "$2" > "$E2E_TMP/$1.g.lines"
	[ -s "$E2E_TMP/$1.g.lines" ] || fail "$1: gdb printed no line matching $2"
	diff "$E2E_TMP/$1.g.lines" "$E2E_TMP/$1.c.lines" > "$E2E_TMP/$1.diff" ||
		fail "$1: differs from gdb ($2): $(cat "$E2E_TMP/$1.diff")"
}

# ---- registers of frame 1 (keep_regs) and frame 2 (main), rip/rbx recovered by CFI
run_both regs -ex 'break inner' -ex run -ex up -ex 'info registers rip rbx' -ex 'p $pc' \
	-ex 'p $rbx' -ex 'x/2i $pc' -ex 'p/x $rip' -ex 'frame 2' -ex 'info registers rip' \
	-ex 'p $pc' -ex 'x/i $pc' -ex 'down' -ex 'p $pc' -ex 'frame 0' -ex 'p $pc' -ex 'p $rbx'
same regs '^(rip|rbx) |^\$[0-9]+ = |^(=>|   ) 0x'
# rsp and rbp: the frame's sp is the CFA of the frame below, rbp as saved; checked against
# the same run's own backtrace (both debuggers' absolute values differ with the environment).
C="$E2E_TMP/regs.cdbg.out"
expect_grep "$C" '^rip            0x[0-9a-f]+ +0x[0-9a-f]+ <keep_regs\+[0-9]+>$'
expect_grep "$C" '^=> 0x[0-9a-f]+ <keep_regs\+[0-9]+>:'
expect_grep "$C" '^=> 0x[0-9a-f]+ <main\+[0-9]+>:'
timeout 60 "$CDBG" -batch -nx -ex 'break inner' -ex run -ex 'p $sp' -ex up -ex 'p $sp' \
	-ex 'info registers rsp' -ex 'p $rsp == $sp' -ex 'p $sp - $rbx' "$PROG" > "$E2E_TMP/sp.out" 2>&1
sp0=$(sed -n 's/^\$1 = (void \*) \(0x[0-9a-f]*\)$/\1/p' "$E2E_TMP/sp.out")
sp1=$(sed -n 's/^\$2 = (void \*) \(0x[0-9a-f]*\)$/\1/p' "$E2E_TMP/sp.out")
[ -n "$sp0" ] && [ -n "$sp1" ] || fail "no \$sp: $(cat "$E2E_TMP/sp.out")"
# inner pushes nothing: its CFA, keep_regs' sp, is just past the return address.
[ $((sp1 - sp0)) -eq 8 ] || fail "frame 1's sp $sp1 is not frame 0's $sp0 + 8"
expect_grep "$E2E_TMP/sp.out" "^rsp            $sp1 +$sp1\$"
expect_grep "$E2E_TMP/sp.out" '^\$3 = 1$'

# ---- return with a value, then the caller stores it
run_both ret -ex 'break get_int' -ex 'break get_double' -ex 'break get_ptr' -ex run \
	-ex 'return 42' -ex 'p $pc == get_int' -ex next -ex 'p got' -ex c -ex 'return 2.5' -ex next \
	-ex 'p dgot' -ex c -ex 'return s+3' -ex next -ex 'p pgot' -ex 'p *pgot' -ex c
same ret '^\$[0-9]+ = |^(got|dgot|pgot|kgot)=|^[0-9]+	|exited'
expect_grep "$E2E_TMP/ret.cdbg.out" '^got=42$'
expect_grep "$E2E_TMP/ret.cdbg.out" '^dgot=2.5$'
expect_grep "$E2E_TMP/ret.cdbg.out" '^pgot=lo$'

# conversions to the return type: a double into int, an int into double, a char
run_both conv -ex 'break get_int' -ex 'break get_double' -ex run -ex 'return 7.9' -ex next \
	-ex 'p got' -ex c -ex 'return 3' -ex next -ex 'p dgot' -ex c
same conv '^\$[0-9]+ = |^(got|dgot)='

# ---- return from an outer frame: `up` in inner, return pops inner and keep_regs; main gets 5
run_both outer -ex 'break inner' -ex run -ex up -ex 'return 5' -ex 'bt 1' -ex next -ex 'p kgot' \
	-ex c
same outer '^#0 |^\$[0-9]+ = |^kgot='

# ---- errors: no process; a void value's function (main's caller) is not ours to check here
run_both err -ex 'return' -ex 'return 1'
same err 'No selected frame|return'
pass
