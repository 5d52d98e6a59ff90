# Variables and types from DWARF: print, info locals/args, ptype, whatis, frame arguments,
# conditions on locals, outer frames, set var; compared with what the tracee prints and with
# gdb's output for the same commands (addresses and source paths normalised: gdb turns address
# randomisation off and names files by their full path). The -O2 build must not crash and
# show either the right value or <optimized out>.
. "$CDBG_E2E_LIB"

O0="$CDBG_TRACEE_DIR/vars"
O2="$CDBG_TRACEE_DIR/vars_opt"
[ -x "$O0" ] && [ -x "$O2" ] || skip "tracees vars and vars_opt are not built"
command -v gdb > /dev/null || skip "gdb is not installed"

# normalize: what differs between gdb and cdbg for reasons other than the values.
normalize() {
	sed -E -e '/^\[Thread |^Using host libthread_db|^Breakpoint [0-9]+ at |^Breakpoint [0-9]+ \(.*\) pending|^Starting program|^\[Inferior |^\(More stack frames follow|^Continuing\.$/d' \
		-e 's/0x[0-9a-f]{6,}/ADDR/g' -e 's#at /[^ ]*/([^/ ]+:[0-9]+)#at \1#' "$1"
}

# run_both NAME PROGRAM -ex ...: the same commands through cdbg and gdb.
run_both() {
	local name=$1 prog=$2
	shift 2
	timeout 60 "$CDBG" -batch -nx "$@" "$prog" > "$E2E_TMP/$name.cdbg.out" 2>&1
	timeout 60 gdb -batch -nx "$@" "$prog" > "$E2E_TMP/$name.gdb.out" 2>&1
	normalize "$E2E_TMP/$name.cdbg.out" > "$E2E_TMP/$name.cdbg.norm"
	normalize "$E2E_TMP/$name.gdb.out" > "$E2E_TMP/$name.gdb.norm"
	diff -u "$E2E_TMP/$name.gdb.norm" "$E2E_TMP/$name.cdbg.norm" > "$E2E_TMP/$name.diff" ||
		{ cat "$E2E_TMP/$name.diff" >&2; fail "$name: cdbg and gdb differ"; }
}

# 1. Everything at one stop in show(): frame 1 selected with `up`.
SHOW=(-ex 'break show_here' -ex run -ex up -ex 'info locals' -ex 'info args' -ex 'p *r' -ex 'p r'
	-ex 'p r->name' -ex 'p tag' -ex 'p g_grid' -ex 'p g_grid[1]' -ex 'p g_grid[1][2]'
	-ex 'p g_head.arr' -ex 'p &g_counter' -ex 'p g_ratio' -ex 'p g_third' -ex 'p g_text'
	-ex 'p g_color' -ex 'p g_flag' -ex 'p g_mask' -ex 'p/x g_head' -ex 'p/x r->arr'
	-ex 'p g_head.u' -ex 'p sizeof(g_head)' -ex 'p c' -ex 'p d' -ex 'p s_total' -ex 'p RED'
	-ex 'p g_msg' -ex 'p *g_ptr' -ex 'p g_ptr' -ex 'p &g_grid' -ex 'p &g_grid[1]'
	-ex 'p r->next->label' -ex 'p *r->next' -ex 'p r->arr[1] + local * 2' -ex 'p $rip'
	-ex 'ptype r' -ex 'whatis r' -ex 'ptype rec_t' -ex 'whatis rec_t' -ex 'ptype struct inner'
	-ex 'ptype enum color' -ex 'ptype union num' -ex 'whatis g_grid' -ex 'whatis g_grid[1]'
	-ex 'whatis &g_grid' -ex 'whatis g_mask' -ex 'ptype g_mask' -ex 'whatis g_head.in'
	-ex 'whatis s_total' -ex 'ptype show' -ex 'bt 2' -ex 'bt full 2' -ex 'p nosuchvar' -ex 'x/3dw g_head.arr'
	-ex 'x/s g_text' -ex 'printf "%s %d\n", g_text, g_counter' -ex 'p/a g_ptr' -ex 'p/c g_text'
	-ex 'p/d g_head.in' -ex 'p/o g_mask' -ex 'p/t g_flag' -ex 'p/x g_ratio' -ex 'p g_head'
	-ex 'p $.in' -ex 'p $$2' -ex 'output g_head.in' -ex 'p &r->in' -ex 'p r->label[1]'
	-ex 'p g_text[0] = 72' -ex 'p g_text' -ex 'p local = 99' -ex 'p local * 2' -ex 'p !r'
	-ex 'p *(rec_t *)r' -ex 'p ((struct rec *)r)->id' -ex 'p sizeof(struct inner)'
	-ex 'p sizeof(rec_t)' -ex 'p (enum color)1' -ex 'p *(struct inner *)&r->in'
	-ex 'whatis (struct rec *)0' -ex 'p ((rec_t *)0)->id' -ex 'p **(rec_t **)&r')
run_both show "$O0" "${SHOW[@]}"
out="$E2E_TMP/show.cdbg.out"
# The values the tracee printed itself.
line=$(grep '^show: n=' "$out") || fail "the tracee printed no show line"
for v in local inner_only big; do
	want=$(echo "$line" | sed -E "s/.* $v=([^ ]+).*/\1/")
	expect_grep "$out" "^$v = $want\$"
done
expect_grep "$out" "^n = $(echo "$line" | sed -E 's/^show: n=([0-9]+).*/\1/')\$"
expect_grep "$out" "^d = $(echo "$line" | sed -E 's/.* d=([^ ]+).*/\1/')\$"
line=$(grep '^show: r->id=' "$out")
expect_grep "$out" "^\\\$[0-9]+ = \\{id = $(echo "$line" | sed -E 's/.*r->id=([0-9]+).*/\1/'), in = \\{a = 10, b = 20\\}, arr = \\{7, 8, 9\\}"
expect_grep "$out" '^\$[0-9]+ = \{4, 5, 6\}$'

# 2. A condition on an argument stops once, with i = 7; outer frames of a recursion.
COND=(-ex 'break loop_body if i == 7' -ex 'break fact if n == 1' -ex run -ex 'bt 5' -ex 'p n'
	-ex up -ex 'p n' -ex 'info args' -ex 'up 2' -ex 'p n' -ex 'p n * 10'
	-ex 'frame 0' -ex 'p n' -ex continue -ex 'p i' -ex 'info args' -ex continue)
run_both cond "$O0" "${COND[@]}"
out="$E2E_TMP/cond.cdbg.out"
expect_eq "stops in loop_body" "$(grep -c '^Breakpoint 1, loop_body (i=7) at vars.c:' "$out")" 1
expect_grep "$out" '^#4  0x[0-9a-f]+ in fact \(n=5\) at vars.c:[0-9]+$'
expect_grep "$out" '^\$[0-9]+ = 40$'
expect_grep "$out" '^done$'

# 3. set var on a global and an argument: the tracee prints what was stored.
timeout 60 "$CDBG" -batch -nx -ex 'break show' -ex run -ex 'set var g_counter = 5' \
	-ex 'set var n = 9' -ex 'print g_head.in.a = 3' -ex 'p g_head.in' -ex continue "$O0" \
	> "$E2E_TMP/set.out" 2>&1
expect_grep "$E2E_TMP/set.out" '^show: n=9 tag=three local=18 '
expect_grep "$E2E_TMP/set.out" '^show: g_counter=5 '
expect_grep "$E2E_TMP/set.out" '^\$1 = 3$'
expect_grep "$E2E_TMP/set.out" '^\$2 = \{a = 3, b = 20\}$'

# 3b. -O2: n lives in a register at fact's breakpoint; setting it changes what fact computes.
# Assigning an integer to a struct or a double is refused as gdb refuses it.
timeout 60 "$CDBG" -batch -nx -ex 'break fact' -ex run -ex 'p n' -ex 'set var n = 3' -ex 'p n' \
	-ex 'delete' -ex 'p g_head = 5' -ex continue "$O2" > "$E2E_TMP/setreg.out" 2>&1
expect_grep "$E2E_TMP/setreg.out" '^\$1 = 5$'
expect_grep "$E2E_TMP/setreg.out" '^\$2 = 3$'
expect_grep "$E2E_TMP/setreg.out" '^Invalid cast\.$'
expect_grep "$E2E_TMP/setreg.out" '^fact\(5\)=6$'

# 4. -O2: no crash; each local is its -O0 value or <optimized out>.
timeout 60 "$CDBG" -batch -nx "${SHOW[@]}" -ex 'delete' -ex continue "$O2" > "$E2E_TMP/opt.out" 2>&1
expect_grep "$E2E_TMP/opt.out" '^done$'
expect_grep "$E2E_TMP/opt.out" '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'
for v in inner_only big local c d n tag r; do
	got=$(grep -m1 "^$v = " "$E2E_TMP/opt.out") || fail "-O2: no line for $v"
	want=$(grep -m1 "^$v = " "$E2E_TMP/show.cdbg.out" | sed -E 's/0x[0-9a-f]+/ADDR/g')
	got_n=$(echo "$got" | sed -E 's/0x[0-9a-f]+/ADDR/g')
	[ "$got_n" = "$want" ] || [ "$got" = "$v = <optimized out>" ] ||
		fail "-O2: '$got', want '$want' or <optimized out>"
done

# 5. Floating point: literals, arithmetic mixing double, float and int, comparisons, casts,
# assignments converting between them; casts through a typedef name without '*'; the same
# text as gdb's.
FLT=(-ex 'break show_here' -ex run -ex up -ex 'p d' -ex 'p d * 2' -ex 'p d > 2' -ex 'p d < 2'
	-ex 'p 1.5' -ex 'p 2e3' -ex 'p 1.5f' -ex 'p .5' -ex 'p 1.5e-3' -ex 'p (double)local'
	-ex 'p (int)d' -ex 'p (char)66.7' -ex 'p (unsigned char)-1.5' -ex 'p (long)-3.9'
	-ex 'p g_third + 1' -ex 'p g_ratio / 3' -ex 'p -d' -ex 'p d == 2.5' -ex 'p 10/4.0'
	-ex 'p 1.0/3' -ex 'p (float)1/3' -ex 'p 3 % 2.0' -ex 'p d << 1' -ex 'p ~d' -ex 'p !d'
	-ex 'p d && 1' -ex 'p local ? d : 1' -ex 'whatis 1.5f' -ex 'whatis d*2' -ex 'whatis g_third*2'
	-ex 'whatis g_third*d' -ex 'p 1e300*1e300' -ex 'p -1.0/0' -ex 'p 0.0/0' -ex 'p 1e16'
	-ex 'p 0.1' -ex 'p 0.1f == 0.1' -ex 'p (int)1e30' -ex 'p/x 1.5' -ex 'p sizeof(double)'
	-ex 'p *(float *)&g_third' -ex 'p $1 * 2' -ex 'output d*3' -ex 'p g_ratio = 2.75'
	-ex 'p g_third = 3' -ex 'p g_counter = 2.9' -ex 'p g_third += 1' -ex 'p g_ratio *= 2'
	-ex 'p g_counter = g_ratio' -ex 'p g_ratio = 0.0/0' -ex 'p $z = 1.5' -ex 'p $z * 2'
	-ex 'p (u32)local' -ex 'p (u32)(local - 10)' -ex 'whatis (u32)local' -ex 'p (u32)d'
	-ex 'p (u32)!local' -ex 'p (local) * 2')
run_both float "$O0" "${FLT[@]}"

# 6. Conditions on a double local and with a double literal, checked in the library at each
# hit: the tracee printed d=2.5, so d > 2.4 stops and d > 2.6 does not; 6.5 < i < 7.5f stops
# at 7 only.
# vars.c:83 is show's call of show_here(), where d is in scope.
timeout 60 "$CDBG" -batch -nx -ex 'break vars.c:83 if d > 2.6' -ex 'break vars.c:83 if d > 2.4' \
	-ex 'break loop_body if i > 6.5 && i < 7.5f' -ex run -ex 'p d' -ex continue -ex continue "$O0" \
	> "$E2E_TMP/fcond.out" 2>&1
expect_grep "$E2E_TMP/fcond.out" '^show: n=3 tag=three local=6 c=x d=2\.5 '
expect_eq "show stops once" "$(grep -c '^Breakpoint [0-9], show ' "$E2E_TMP/fcond.out")" 1
expect_grep "$E2E_TMP/fcond.out" '^Breakpoint 2, show \(n=3, '
expect_grep "$E2E_TMP/fcond.out" '^\$1 = 2\.5$'
expect_grep "$E2E_TMP/fcond.out" '^Breakpoint 3, loop_body \(i=7\) at vars.c:'
expect_grep "$E2E_TMP/fcond.out" '^done$'

# 7. Unset convenience variables are void, as in gdb; so are $_ and $_exitcode until set
# ($_exitsignal after a normal exit; after a kill, $_exitsignal is 9 and $_exitcode void).
# Functions print with their type: {int (int)} 0x... <fact>, (int (*)(int)) 0x... <fact>.
CONV=(-ex 'p $foo' -ex 'p $foo + 1' -ex 'output $bar' -ex 'p $_' -ex 'p $_exitcode' -ex 'p $'
	-ex 'p -$baz' -ex 'p !$baz' -ex 'p $foo = 3' -ex 'p $foo * 2' -ex 'break show_here' -ex run
	-ex 'p $_exitcode' -ex 'p $nosuch' -ex 'p show' -ex 'p &show' -ex 'p *show' -ex 'p fact'
	-ex 'p main' -ex 'output show' -ex 'output &fact' -ex 'ptype fact' -ex 'whatis show'
	-ex 'delete' -ex continue -ex 'p $_exitcode' -ex 'p $_exitsignal' -ex 'break show_here'
	-ex run -ex 'kill' -ex 'p $_exitsignal' -ex 'p $_exitcode')
run_both conv "$O0" "${CONV[@]}"
expect_grep "$E2E_TMP/conv.cdbg.out" '^\$1 = void$'
expect_grep "$E2E_TMP/conv.cdbg.out" '^\$[0-9]+ = 0$'
expect_grep "$E2E_TMP/conv.cdbg.out" '^\$[0-9]+ = \{int \(int\)\} 0x[0-9a-f]+ <fact>$'

# 8. Vector registers as gdb's union, with values: xmm0 holds a heap address here, so cdbg runs
# without address randomisation (as gdb runs the program) and the digits must agree too.
if command -v setarch > /dev/null && setarch "$(uname -m)" -R true 2> /dev/null; then
	VEC=(-ex 'break show_here' -ex run -ex 'p $xmm0' -ex 'p $xmm0.v4_int32[1]'
		-ex 'p $ymm0.v8_int32' -ex 'output $xmm0.v2_int64' -ex 'p $xmm1' -ex 'p $ymm0'
		-ex 'p $xmm0.nosuch' -ex 'p $xmm0.v4_int32[4]' -ex 'p $xmm0.uint128')
	timeout 60 setarch "$(uname -m)" -R "$CDBG" -batch -nx "${VEC[@]}" "$O0" \
		> "$E2E_TMP/vec.cdbg.out" 2>&1
	timeout 60 gdb -batch -nx "${VEC[@]}" "$O0" > "$E2E_TMP/vec.gdb.out" 2>&1
	normalize "$E2E_TMP/vec.cdbg.out" | grep -v '^show' > "$E2E_TMP/vec.cdbg.norm"
	normalize "$E2E_TMP/vec.gdb.out" | grep -v '^show' > "$E2E_TMP/vec.gdb.norm"
	diff -u "$E2E_TMP/vec.gdb.norm" "$E2E_TMP/vec.cdbg.norm" >&2 || fail "vector registers differ"
	expect_grep "$E2E_TMP/vec.cdbg.out" \
		'^\$1 = \{v8_bfloat16 = \{.*\}, v4_float = \{.*uint128 = [0-9]+\}$'
fi
pass
