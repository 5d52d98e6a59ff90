# C preprocessor macros of a -g3 program, compared with gdb on the same binary, for the three
# encodings gcc writes (DWARF 5 .debug_macro, DWARF 4 GNU .debug_macro, DWARF 4 strict
# .debug_macinfo): info macro [-a] [--] (a header included twice with different results, a -D
# of the command line, #undef and redefinition, gdb's __FILE__ and __LINE__), info macros with
# and without a linespec (every definition in scope, the system headers' included), macro
# expand (#, ##, GNU's ", ## __VA_ARGS__"), print with function-like macros before the program
# runs (the list's unit) and in each frame while it runs, a breakpoint condition written with a
# macro, user macros over the program's (define, list, undef), gdb's errors.
# The program (tests/tracees/macros/mac.c) is compiled here, as the encodings need.
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tracees/macros" && pwd)"
cp "$SRC/mac.c" "$SRC/mac.h" "$E2E_TMP/"

C=(-ex 'list first' -ex 'info macro WHERE' -ex 'info macro LIMIT' -ex 'info macro -a WHERE'
	-ex 'info macro -a -- AREA' -ex 'info macro FROM_CMDLINE' -ex 'info macro NOPE'
	-ex 'macro expand AREA(SQUARE(2), LIMIT)' -ex 'print AREA(counter, LIMIT)'
	-ex 'print XSTR(LIMIT)' -ex 'print STR(a "b" \c)' -ex 'print CAT(coun, ter) + SQUARE(2)'
	-ex 'macro expand VA("x")' -ex 'macro expand VA("%d", 1, 2)' -ex 'print SQUARE(1'
	-ex 'print SQUARE(1, 2)' -ex 'list second' -ex 'info macro WHERE' -ex 'info macro LIMIT'
	-ex 'print WHERE' -ex 'print __LINE__' -ex 'info macro __FILE__' -ex 'info macro __LINE__'
	-ex 'break first' -ex 'break second if n == LIMIT - 17' -ex 'run' -ex 'info macro WHERE'
	-ex 'print WHERE' -ex 'print AREA(n, LIMIT)' -ex 'print __FILE__' -ex 'print __LINE__'
	-ex 'continue' -ex 'print WHERE' -ex 'print AREA(n, LIMIT)' -ex 'info macros' -ex 'up'
	-ex 'print AREA(v, 1)' -ex 'info macro LIMIT' -ex 'macro define LIMIT 99'
	-ex 'macro define TWICE(x) ((x) + (x))' -ex 'print LIMIT + TWICE(1)' -ex 'macro list'
	-ex 'info macro LIMIT' -ex 'macro undef LIMIT' -ex 'print LIMIT' -ex 'macro define'
	-ex 'macro undef' -ex 'macro define 1X 2' -ex 'macro define F(a, a) a' -ex 'macro expand'
	-ex 'macro expand-once LIMIT' -ex 'info macro' -ex 'info macro -x FOO'
	-ex 'info macros second' -ex 'kill')

# (how a stop or a frame names the file is not what this test is about)
noise='^Starting program\|^\[\|^Using host\|^Continuing\|^\[Inferior\|^Breakpoint [0-9]\|^#[0-9]'
for enc in "-gdwarf-5" "-gdwarf-4" "-gdwarf-4 -gstrict-dwarf"; do
	# shellcheck disable=SC2086 # enc is several options
	gcc -O0 -g3 $enc -DFROM_CMDLINE=42 -o "$E2E_TMP/mac" "$E2E_TMP/mac.c" || fail "gcc $enc"
	(cd "$E2E_TMP" && timeout 60 gdb -batch -nx "${C[@]}" ./mac 2>&1) | grep -v "$noise" \
		> "$E2E_TMP/gdb.out"
	(cd "$E2E_TMP" && timeout 60 "$CDBG" -batch -nx "${C[@]}" ./mac 2>&1) | grep -v "$noise" \
		> "$E2E_TMP/cdbg.out"
	grep -q '^#define WHERE "two"' "$E2E_TMP/gdb.out" || fail "gdb shows no macros ($enc)"
	[ "$(grep -c '^Defined at' "$E2E_TMP/gdb.out")" -gt 1000 ] || fail "gdb: few macros ($enc)"
	diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ ($enc)"
done

# without -g3: no macro information, the user's macros still expand
gcc -O0 -g -o "$E2E_TMP/nomac" "$E2E_TMP/mac.c" || fail "gcc -g"
N=(-ex 'list main' -ex 'info macro LIMIT' -ex 'info macros' -ex 'macro expand LIMIT'
	-ex 'macro define LIMIT 7' -ex 'print LIMIT * 2' -ex 'info macro LIMIT' -ex 'macro list'
	-ex 'info macros' -ex 'info macros main')
(cd "$E2E_TMP" && timeout 60 gdb -batch -nx "${N[@]}" ./nomac 2>&1) > "$E2E_TMP/gdb.n"
(cd "$E2E_TMP" && timeout 60 "$CDBG" -batch -nx "${N[@]}" ./nomac 2>&1) > "$E2E_TMP/cdbg.n"
grep -q ' = 14$' "$E2E_TMP/gdb.n" || fail "gdb did not expand the user macro"
diff -u "$E2E_TMP/gdb.n" "$E2E_TMP/cdbg.n" >&2 || fail "cdbg and gdb differ (no -g3)"
pass
