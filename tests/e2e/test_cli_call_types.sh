# Calls by the function's debug information, compared with gdb on the same program: float,
# double and long double arguments converted to the parameter types, more than 8 doubles and
# 6 integers (stack arguments), structs and unions by value in both directions (SSE, INTEGER,
# mixed, MEMORY through the hidden pointer, X87 in memory), _Complex, arrays passed as
# pointers, a function without a prototype (float promoted to double, short to int), calls
# inside larger expressions, and gdb's error for too few arguments (more are passed). Then, cdbg alone:
# a call that faults and a call that reaches a breakpoint leave the program intact.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/call_types"
[ -x "$PROG" ] || skip "tracee call_types is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'break ready' -ex run -ex up)
for e in 'add_dd(1, 2)' 'add_dd(g_f, 3)' 'add_ff(1.5, 2)' 'add_ff(g_d, 1)' 'add_ldld(g_ld, 1)' \
	"mix_args(1, 2.5, 3, 4.25, 'a')" 'many_d(1,2,3,4,5,6,7,8,9,10)' 'many_i(1,2,3,4,5,6,7,8)' \
	'mk_s2f(1, 2)' 'mk_sid(3, 0.5)' 'mk_s3l(4)' 'mk_sch(65)' 'mk_uif(1078530011)' \
	'sum_s2f(g_s2f)' 'sum_sid(g_sid)' 'sum_s3l(g_s3l)' 'get_sld(g_sld)' 'creal_of(g_cd)' \
	'creal_of(cmul(g_cd, g_cd))' 'arr_sum(g_arr, 5)' 'str_len(g_name)' 'first_char(g_name)' \
	'kr_args(1.5, 2)' 'add_int(1, 2) + add_int(3, 4)' 'mk_s3l(2).b' 'sum_s3l(mk_s3l(5))' \
	'add_int(2.9, 1)' 'add_int(1)' 'add_int(1, 2, 3)' '$ * 4' '(char) add_int(60, 5)' \
	'(double) add_int(1, 2)' '(long) add_dd(2.5, 1)'; do
	CMDS+=(-ex "print $e")
done
CMDS+=(-ex 'call add_dd(0.5, 0.25)' -ex 'print $ * 4')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
norm() {
	sed -n '/^Breakpoint 1, /,$p' "$1" | sed -E 's/0x[0-9a-f]{8,}/ADDR/g; s#at /[^ ]*/#at #'
}
norm "$E2E_TMP/cdbg.out" > "$E2E_TMP/cdbg.norm"
norm "$E2E_TMP/gdb.out" > "$E2E_TMP/gdb.norm"
expect_grep "$E2E_TMP/gdb.norm" '^\$13 = \{i = 1078530011, f = 3\.14159274\}$'
expect_grep "$E2E_TMP/gdb.norm" '^Too few arguments in function call\.$'
diff -u "$E2E_TMP/gdb.norm" "$E2E_TMP/cdbg.norm" >&2 || fail "cdbg and gdb differ"

# A call that faults, a call that reaches a breakpoint: the thread stays in the called function
# (gdb's dummy frame); `return` there ends the call and restores the thread, calls made while
# stopped inside one work, `continue` stops silently when the function returns, and the
# program's own run then goes on to its end.
timeout 60 "$CDBG" -batch -nx -ex 'break ready' -ex run -ex 'print crash(0)' -ex 'return' \
	-ex 'print add_int(5, 6)' -ex 'break bp_target' -ex 'print bp_target(2)' \
	-ex 'print add_int(7, 8)' -ex 'delete' -ex continue -ex bt -ex continue "$PROG" \
	> "$E2E_TMP/adv.out" 2>&1
expect_grep "$E2E_TMP/adv.out" '^Program received signal SIGSEGV, Segmentation fault\.$'
expect_grep "$E2E_TMP/adv.out" '^The program being debugged was signaled while in a function called from GDB\.$'
expect_grep "$E2E_TMP/adv.out" '^\$1 = 11$'
expect_grep "$E2E_TMP/adv.out" '^Breakpoint 2, bp_target '
expect_grep "$E2E_TMP/adv.out" '^\$2 = 15$'
expect_grep "$E2E_TMP/adv.out" '^#0  ready '
expect_grep "$E2E_TMP/adv.out" '^0\.25 17$'
expect_grep "$E2E_TMP/adv.out" 'exited normally'
pass
