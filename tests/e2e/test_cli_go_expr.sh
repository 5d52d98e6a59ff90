# Go expressions (and a call, refused). Slicing, conversions; string comparisons by the string's bytes (s == "hello", <, !=, through a pointer's field),
# at the prompt and inside the library's breakpoint conditions, where nothing may be copied
# into the program: a condition that holds stops, one that does not lets the program end on
# its own (govalues, -N -l; its own result line says it was unharmed). A value that is no Go
# string keeps C's meaning (a slice compared with a literal: its data pointer, so false).
. "$CDBG_E2E_LIB"
G=$CDBG_TRACEE_DIR/govalues
[ -x "$G" ] || skip "govalues is not built (no go toolchain)"
"$CDBG" -q -batch -ex 'break main.work' -ex run -ex 'print s == "hello"' \
	-ex 'print s == "hell"' -ex 'print s == "hello!"' -ex 'print s != "hello"' \
	-ex 'print s < "help"' -ex 'print s > "hella"' -ex 'print s <= "hello"' \
	-ex 'print p.Name == "pt"' -ex 'print p.Name == "p"' -ex 'print s == ""' \
	-ex 'print xs == "a"' -ex 'print (s == "hello") + 1' -ex 'print s == p.Name' \
	-ex 'print s < p.Name' -ex 'print s[1:3] == s[1:3]' -ex 'print s[0:2] < s[1:3]' -ex continue \
	"$G" > "$E2E_TMP/out" 2>&1 || fail "cdbg exited $?"
expect_eq "comparisons" "$(grep -E '^\$[0-9]+ = ' "$E2E_TMP/out" | sed 's/^\$[0-9]* = //' | tr '\n' ' ')" \
	"1 0 0 0 1 1 1 1 0 0 0 2 0 1 1 0 "
expect_grep "$E2E_TMP/out" '^work 14$'

# Conditions evaluated in the library at the trap.
"$CDBG" -q -batch -ex 'break main.work if s == "hello" && p.Name == "pt"' -ex run \
	-ex 'print s' -ex continue "$G" > "$E2E_TMP/yes.out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/yes.out" 'hit Breakpoint 1, main.work'
expect_grep "$E2E_TMP/yes.out" '^\$1 = "hello"$'
"$CDBG" -q -batch -ex 'break main.work if s == "hellO"' -ex run "$G" > "$E2E_TMP/no.out" 2>&1 ||
	fail "cdbg exited $?"
! grep -qE 'hit Breakpoint|Error|error' "$E2E_TMP/no.out" || fail "$(cat "$E2E_TMP/no.out")"
expect_grep "$E2E_TMP/no.out" '^work 14$'
expect_grep "$E2E_TMP/no.out" 'exited normally'

# Conversions T(x): int64(p.X), float64, a wrapping uint8; a name that is neither a function
# nor a type keeps the evaluator's own sentence (before: "No symbol "int64" in current
# context." from the call path, then a syntax error).
"$CDBG" -q -batch -ex 'break main.work' -ex run -ex 'print int64(p.X)' \
	-ex 'print float64(p.X) / 2' -ex 'print uint8(300)' -ex 'whatis int64(p.X)' \
	-ex 'print nosuchname(3)' -ex 'print len(xs) + int64(cap(xs))' -ex continue \
	"$G" > "$E2E_TMP/conv.out" 2>&1 # (exit status 1: nosuchname's error)
expect_eq "conversions" "$(grep -E '^(\$[0-9]+|type) = ' "$E2E_TMP/conv.out" | sed 's/^[^=]* = //' | tr '\n' ' ')" \
	"3 1.5 44 int64 6 "
expect_grep "$E2E_TMP/conv.out" '^No symbol "nosuchname" in current context\.$'
expect_grep "$E2E_TMP/conv.out" '^work 14$'

# Slices of slices and strings, as delve prints them: a new header the debugger holds (Go's
# bounds: lo <= hi <= cap for a slice, <= len for a string); usable in larger expressions.
"$CDBG" -q -batch -ex 'break main.work' -ex run -ex 'print xs[1:3]' -ex 'print xs[:2]' \
	-ex 'print xs[1:]' -ex 'print s[1:3]' -ex 'print s[2:]' -ex 'print len(xs[1:])' \
	-ex 'print xs[1:][1]' -ex 'print s[1:4] == "ell"' -ex 'print xs[2:5]' -ex 'print s[3:2]' \
	-ex continue "$G" > "$E2E_TMP/slice.out" 2>&1
expect_eq "slices" "$(grep -E '^\$[0-9]+ = ' "$E2E_TMP/slice.out" | sed 's/^\$[0-9]* = //' | tr '\n' '|')" \
	'[]int len: 2, cap: 2, [2,3]|[]int len: 2, cap: 3, [1,2]|[]int len: 2, cap: 2, [2,3]|"el"|"llo"|2|3|1|'
expect_eq "out of bounds" "$(grep -c '^index out of bounds$' "$E2E_TMP/slice.out")" 2
expect_grep "$E2E_TMP/slice.out" '^work 14$'

# A channel's buffered elements, as delve shows them (its buf as *[cap]T [...]).
"$CDBG" -q -batch -ex 'break main.probe' -ex run -ex 'print main.gChan' -ex 'print *main.gChan' \
	"$G" > "$E2E_TMP/chan.out" 2>&1
expect_grep "$E2E_TMP/chan.out" '^\$1 = chan int 2/10$'
expect_grep "$E2E_TMP/chan.out" '^\$2 = hchan<int> \{qcount: 2, dataqsiz: 10, buf: \*\[10\]int \[1,2,0,0,0,0,0,0,0,0\], elemsize: 8, '

# A call of a Go function is refused with the reason (the runtime's debug-call protocol is not
# spoken yet): before, it ran with C's conventions and printed "$1 = void". The program is
# unharmed.
"$CDBG" -q -batch -ex 'break main.work' -ex run -ex 'call main.helper(2)' -ex 'print 7' \
	-ex continue "$G" > "$E2E_TMP/call.out" 2>&1
expect_grep "$E2E_TMP/call.out" "^cannot call main\.helper: a Go function must be called through the Go runtime's debug-call protocol"
expect_grep "$E2E_TMP/call.out" '^\$1 = 7$'
expect_grep "$E2E_TMP/call.out" '^work 14$'
expect_grep "$E2E_TMP/call.out" 'exited normally'
pass
