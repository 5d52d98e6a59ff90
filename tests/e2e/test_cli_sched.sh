# gdb's scheduler-locking, and finish/advance from an outer frame, on the sched tracee.
# - next while main is blocked in pthread_join (its worker stopped at a breakpoint) returns
#   once the worker finishes: the other threads run while a system call waits (cdbg held them
#   and never returned before; main's cdbg is killed by the timeout there).
# - the counter thread counts during `next` over wait_counter() under replay (the default) and
#   off, never under on and step (wait_counter() gives up after about 2 s and says 0).
# - finish from frame 70 of an 80-deep recursion and advance after `up 3`: the same lines as
#   gdb's (when installed), and the return value of the selected frame.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/sched"
[ -x "$PROG" ] || skip "tracee sched is not built"

run_cdbg() { # NAME COMMANDS...
	local name=$1 args=()
	shift
	for c in "$@"; do args+=(-ex "$c"); done
	timeout 120 "$CDBG" -q -nx -batch "${args[@]}" "$PROG" > "$E2E_TMP/$name.out" 2>&1
	local rc=$?
	# 1: the last command failed (the errors asked for); 124: the timeout (a hang).
	[ $rc -le 1 ] || fail "$name: cdbg exited with $rc"
}

# The hang: next 2 in the join, then next back into main's frame.
run_cdbg join 'break sched.c:56' run 'thread 1' 'next 2' 'next' 'next' 'p worker_done' \
	'delete' continue
OUT="$E2E_TMP/join.out"
expect_grep "$OUT" '^\$1 = 1$'
expect_grep "$OUT" 'exited normally'

for mode in replay off on step; do
	run_cdbg "lock_$mode" "set scheduler-locking $mode" 'show scheduler-locking' \
		'break sched.c:95' run next 'p seen > 0' continue
	OUT="$E2E_TMP/lock_$mode.out"
	expect_grep "$OUT" "^Mode for locking scheduler during execution is \"$mode\"\\.$"
	case $mode in
	replay | off) expect_grep "$OUT" '^\$1 = 1$' ;;
	*) expect_grep "$OUT" '^\$1 = 0$' ;;
	esac
	expect_grep "$OUT" 'exited normally'
done
run_cdbg lock_show 'show scheduler-locking' 'set scheduler-locking o' \
	'set scheduler-locking bogus' 'set scheduler-locking' 'show scheduler-locking'
OUT="$E2E_TMP/lock_show.out"
expect_grep "$OUT" '^Mode for locking scheduler during execution is "replay"\.$'
expect_grep "$OUT" '^Ambiguous item "o"\.$'
expect_grep "$OUT" '^Undefined item: "bogus"\.$'
expect_grep "$OUT" '^Requires an argument\. Valid arguments are off, on, step, replay\.$'

# finish from frame 70, advance after up: frame 74 returns first.
CMDS=('break leaf_deep' run 'frame 70' finish 'bt 1' 'up 3' 'advance 99' 'bt 1' 'delete' continue)
run_cdbg deep "${CMDS[@]}"
OUT="$E2E_TMP/deep.out"
expect_grep "$OUT" '^#70 +0x[0-9a-f]+ in deep \(n=69\) at sched\.c:80$'
expect_grep "$OUT" '^Value returned is \$1 = 69$'
expect_grep "$OUT" '^#0 +deep \(n=74\) at sched\.c:80$'
expect_grep "$OUT" 'exited normally'
if command -v gdb > /dev/null 2>&1; then
	args=()
	for c in "${CMDS[@]}"; do args+=(-ex "$c"); done
	timeout 120 gdb -q -nx -batch "${args[@]}" "$PROG" > "$E2E_TMP/deep.gdbraw" 2>&1
	pick() { grep -E '^(#|deep |Value returned|[0-9]+\s)' "$1" | sed -E 's/0x[0-9a-f]+/ADDR/g; s#[^ ]*/sched\.c#sched.c#g'; }
	pick "$E2E_TMP/deep.gdbraw" > "$E2E_TMP/deep.gdb"
	pick "$OUT" > "$E2E_TMP/deep.cdbg"
	diff "$E2E_TMP/deep.gdb" "$E2E_TMP/deep.cdbg" > "$E2E_TMP/deep.diff" ||
		fail "deep: cdbg differs from gdb: $(cat "$E2E_TMP/deep.diff")"
fi
pass
