# disassemble (function, /r, /m, /s, ranges), x/i, display/i and list of cdbg against gdb 13 on
# the same program stopped at the same place: the output after the stop must be the same, byte
# for byte, at -O0 (sym_nopie) and -O2 (sym_opt). The functions compared call nothing through
# the PLT (cdbg names no PLT stubs yet: see docs/design.md).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
printf 'call\nquit\n' > "$E2E_TMP/in.txt"

# same PROG WHAT COMMANDS...: run both debuggers; compare what follows the "===" marker.
same() {
	local prog=$CDBG_TRACEE_DIR/$1 what=$2 args=() c
	shift 2
	[ -x "$prog" ] || skip "tracee $(basename "$prog") is not built"
	args=(-ex 'set width 0' -ex 'break hit' -ex "run < $E2E_TMP/in.txt" -ex 'echo ===\n')
	for c in "$@"; do args+=(-ex "$c"); done
	"$CDBG" -batch "${args[@]}" "$prog" > "$E2E_TMP/c.txt" 2>&1
	DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" "$prog" > "$E2E_TMP/g.txt" 2>&1
	sed -i '1,/^===$/d' "$E2E_TMP/c.txt"
	sed -i '1,/^===$/d; /^\[Inferior 1 .* killed\]$/d' "$E2E_TMP/g.txt"
	if [ -n "${SKIP_LINES:-}" ]; then
		sed -i -E "/$SKIP_LINES/d" "$E2E_TMP/c.txt" "$E2E_TMP/g.txt"
	fi
	[ -s "$E2E_TMP/g.txt" ] || fail "$what: gdb printed nothing after the stop"
	diff -u "$E2E_TMP/g.txt" "$E2E_TMP/c.txt" > "$E2E_TMP/diff.txt" ||
		fail "$what: gdb (-) / cdbg (+):
$(head -40 "$E2E_TMP/diff.txt")"
}

for prog in sym_nopie sym_opt; do
	same $prog "$prog disassemble" 'disassemble' 'disassemble /r hit' 'disassemble other' \
		'disassemble /r other' 'disassemble twice' 'disassemble hit,+8' \
		'disassemble /r hit,hit+9' 'disassemble /s hit,+6' 'disassemble 0' 'disassemble /q' \
		'disassemble hit,hit'
	same $prog "$prog disassemble /m /s" 'disassemble /m' 'disassemble /s' 'disassemble /m other' \
		'disassemble /s other' 'disassemble /rs hit'
	# (stepi's own location line is the stepping commands' business: not compared here)
	SKIP_LINES='^(0x0{8}|[0-9]+\t)' same $prog "$prog x/i display/i" 'x/4i $pc' 'x/2i' \
		'display/i $pc' 'stepi' 'echo ---\n' 'display' 'x/3i hit'
	same $prog "$prog list" 'list' 'list' 'list -' 'list 9999' 'list hit' 'list 10,12' \
		'list sym_basic.c:50' 'list nosuch' 'list -' 'list 80' 'list' 'list' 'list ,20' \
		'list 3,' 'list' 'list other' 'list -' 'list -' 'list -' 'list -' 'list -' 'list -'
done
# list and disassemble /s share the position: list goes on after the last line /s printed.
same sym_nopie "list after disassemble /s" 'disassemble /s hit,+4' 'list' 'list -'
pass
