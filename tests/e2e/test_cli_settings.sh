# Settings against gdb 13 on the vars tracee: `set NAME = VALUE` as gdb resolves it (a program
# variable that names no setting is assigned; an ambiguous or a setting's word is gdb's error),
# print elements / repeats / address, frame-arguments, listsize, show of each in gdb's words,
# disable-randomization (the same addresses run after run, and gdb's), and settings cdbg does
# not implement refused with one sentence, changing nothing.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
prog=$CDBG_TRACEE_DIR/vars
[ -x "$prog" ] || skip "tracee vars is not built"
export CDBG_TRACEE_DEADLINE=${CDBG_TRACEE_DEADLINE:-60}

norm() {
	sed -i -E -e 's#(file |in [^ ]+ at |at )/[^ ,:]*/([^/ ,:]+)#\1\2#g' \
		-e '/^\[Thread debugging|^Using host libthread_db|^\[Inferior 1|^Starting program/d' \
		-e '/^$/d' "$1"
}

# same WHAT COMMANDS...: both debuggers stop in show_here, go up to show(), run COMMANDS;
# the output after the "===" marker must be the same.
same() {
	local what=$1 args=(-ex 'set width 0' -ex 'break show_here' -ex run -ex up -ex 'echo ===\n') c
	shift
	for c in "$@"; do args+=(-ex "$c"); done
	"$CDBG" -batch "${args[@]}" "$prog" > "$E2E_TMP/c.out" 2>&1 < /dev/null
	DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" "$prog" > "$E2E_TMP/g.txt" 2>&1 < /dev/null
	sed -i '0,/^===$/d' "$E2E_TMP/c.out" "$E2E_TMP/g.txt"
	norm "$E2E_TMP/g.txt"
	norm "$E2E_TMP/c.out"
	[ -s "$E2E_TMP/g.txt" ] || fail "$what: gdb printed nothing"
	diff "$E2E_TMP/g.txt" "$E2E_TMP/c.out" > "$E2E_TMP/diff.out" ||
		fail "$what: cdbg differs from gdb: $(cat "$E2E_TMP/diff.out")"
}

# ---- set NAME = VALUE: gdb's shorthand for set var, and its errors -------------------------
same "set as assignment" 'set g_counter = 7' 'print g_counter' 'set g_counter=8' 'print g_counter' \
	'set g_grid[1][2] = 60' 'print g_grid' 'set g_head.in.b = 21' 'print g_head.in' \
	'set r->id = 5' 'print r->id' 'set local = 3' 'print local' 'set $conv = 5' 'print $conv' \
	'set (g_counter) = 9' 'print g_counter' 'set *g_ptr = 11' 'print g_counter' \
	'set nosuch = 1' 'set v = 3' 'set a=4' 'set width = 3' 'show width' 'set listsize = 4' \
	'show listsize' 'set print = 1' 'set p = 1' 'set print e 5' 'print g_counter'

# ---- print elements and repeats ------------------------------------------------------------
same "print elements" 'show print elements' 'set print elements 2' 'show print elements' \
	'print g_grid' 'print g_head' 'print g_msg' 'print g_text' 'print tag' \
	'set print elements unlimited' 'show print elements' 'print g_head' \
	'set print elements 0' 'show print elements' 'set print elements 200' 'print g_grid' \
	'set print elements -1' 'set print elements' 'set print elements foo' 'show print elements'
same "print repeats" 'show print repeats' 'print g_head.name' 'set print repeats 3' \
	'show print repeats' 'print g_head.name' 'print g_tail' 'set print repeats unlimited' \
	'show print repeats' 'print g_tail.name' 'set print repeats 2' 'set print elements 4' \
	'print g_head.name' 'print g_grid'

# ---- print address ------------------------------------------------------------------------
same "print address" 'show print address' 'set print address off' 'show print address' \
	'print g_ptr' 'print g_msg' 'print &g_head' 'print r' 'print show' 'print &show' \
	'print/a g_ptr' 'print/x g_ptr' 'output g_ptr' 'echo \n' 'bt' 'frame' 'frame 0' \
	'set print address maybe' 'set print address on' 'print g_ptr' 'bt'

# ---- frame-arguments ----------------------------------------------------------------------
same "frame-arguments" 'show print frame-arguments' 'set print frame-arguments none' 'frame' \
	'show print frame-arguments' 'set print frame-arguments presence' 'frame' 'bt' \
	'set print frame-arguments all' 'frame' 'set print frame-arguments x' \
	'set print frame-arguments scalars' 'frame'

# ---- listsize, and the settings shown in gdb's words ---------------------------------------
same "listsize" 'show listsize' 'set listsize 3' 'show listsize' 'list show' 'list' \
	'set listsize 12' 'list show_here' 'list -' 'set listsize unlimited' 'show listsize'
same "show" 'show confirm' 'set confirm off' 'show confirm' 'show pagination' \
	'set pagination off' 'show pagination' 'show disable-randomization' 'set height 30' \
	'show height' 'set width 0' 'show width' 'set height unlimited' 'show height'

# ---- refused settings: one sentence, nothing changed ---------------------------------------
for s in 'set print union off' 'set print frame-info short-location' \
	'set print array on' 'show print union'; do
	"$CDBG" -batch -ex 'break show_here' -ex run -ex up -ex "$s" -ex 'print g_head' \
		-ex 'frame' "$prog" > "$E2E_TMP/c.out" 2>&1 < /dev/null
	name=$(echo "$s" | sed -E 's/^((set|show) (print )?[a-z-]+).*/\1/')
	grep -qx "cdbg does not support \`$name[a-z ]*\` yet\." "$E2E_TMP/c.out" ||
		fail "$s: not refused with the sentence"
	grep -qF '$1 = {id = 1, in = {a = 10, b = 20}, arr = {7, 8, 9}, label = 0x' \
		"$E2E_TMP/c.out" || fail "$s: changed how print shows g_head"
done

# ---- disable-randomization: run twice, the same addresses, and gdb's -----------------------
addrs() {
	"$1" -nx -batch -ex 'set width 0' -ex "set disable-randomization $2" -ex 'break show_here' \
		-ex run -ex 'print &g_counter' -ex 'print $sp' -ex 'print &printf' "$prog" 2>&1 \
		< /dev/null | grep '^\$'
}
a1=$(addrs "$CDBG" on)
a2=$(addrs "$CDBG" on)
ag=$(DEBUGINFOD_URLS= addrs gdb on)
[ -n "$a1" ] || fail "no addresses printed"
expect_eq "two runs, randomization off" "$a1" "$a2"
# gdb's environment (LINES, COLUMNS) moves the stack; the program's and libc's addresses match
expect_eq "cdbg and gdb" "$(echo "$a1" | sed -n 1p)" "$(echo "$ag" | sed -n 1p)"
expect_eq "cdbg and gdb: libc" "$(echo "$a1" | sed -n 3p | grep -o '0x[0-9a-f]*')" \
	"$(echo "$ag" | sed -n 3p | grep -o '0x[0-9a-f]*')"
a3=$(addrs "$CDBG" on | head -0; "$CDBG" -batch -ex 'break show_here' -ex run -ex 'print $sp' \
	"$prog" 2>&1 < /dev/null | grep '^\$')
expect_eq "the default is on" "$a3" "$(echo "$a1" | sed -n 2p | sed 's/^\$2/$1/')"
if [ "$(cat /proc/sys/kernel/randomize_va_space 2>/dev/null)" != 0 ]; then
	b1=$(addrs "$CDBG" off)
	b2=$(addrs "$CDBG" off)
	[ "$b1" != "$b2" ] || fail "set disable-randomization off: the same addresses twice"
fi
pass
