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
	sed -i '0,/^===$/d' "$E2E_TMP/c.txt"
	sed -i '0,/^===$/d; /^\[Inferior 1 .* killed\]$/d' "$E2E_TMP/g.txt"
	if [ -n "${SKIP_LINES:-}" ]; then
		sed -i -E "/$SKIP_LINES/d" "$E2E_TMP/c.txt" "$E2E_TMP/g.txt"
	fi
	if [ -n "${INSN_TEXT_ONLY:-}" ]; then
		# Only the instructions' text: no address, offset, symbol name or rip comment.
		sed -i -nE '/^(   |=> )0x/{s/^(   |=> )0x[0-9a-f]+ <[-+][0-9]+>:\t//
			s/ *(<[^>]*>|# 0x[0-9a-f]+)//g; s/0x[0-9a-f]+/X/g; p}
			/^Address range /{s/0x[0-9a-f]+/X/g; p}' \
			"$E2E_TMP/c.txt" "$E2E_TMP/g.txt"
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
# libc's optimized and hand-written code (AVX2, BMI, x87; __printf_fp_l has a .cold range):
# the same instruction text as gdb's. libc is mapped elsewhere in each run and the names of
# targets come from the symbol lookups, so addresses and names are set aside; functions gdb
# cannot name in this libc are left out.
libc_funcs=()
for f in __strlen_avx2 __memcpy_avx_unaligned_erms __printf_fp_l __libc_malloc; do
	DEBUGINFOD_URLS= gdb -nx -batch -ex "info address $f" "$CDBG_TRACEE_DIR/sym_nopie" \
		-ex 'break hit' -ex "run < $E2E_TMP/in.txt" -ex "disassemble $f" 2>&1 |
		grep -q '^End of assembler dump' && libc_funcs+=("disassemble $f")
done
if [ ${#libc_funcs[@]} -gt 0 ]; then
	INSN_TEXT_ONLY=1 same sym_nopie "libc instruction text" "${libc_funcs[@]}"
	[ "$(wc -l < "$E2E_TMP/g.txt")" -ge 100 ] || fail "libc: too few instructions compared"
fi
# Odd arguments: gdb's answers (errors included), nothing left undone.
same sym_nopie "odd arguments" 'list 0' 'list -5' 'list ,' 'list hit,' 'list ,hit' \
	'list nosuch.c:5' 'list sym_basic.c:0' 'list 5,3' 'disassemble /' 'disassemble /rr' \
	'disassemble 0,0x10' 'disassemble hit,' 'disassemble ,hit' 'disassemble $pc,+0' \
	'disassemble /m 0x401000,0x401010' 'disassemble /s 0x401000,0x401010' \
	'disassemble sym_counter' 'x/2i 0' 'list 83,90' 'list 84' 'list sym_basic.c:hit' \
	'list hit,other' 'list 40,+3'
# list and disassemble /s share the position: list goes on after the last line /s printed.
same sym_nopie "list after disassemble /s" 'disassemble /s hit,+4' 'list' 'list -'
# ... but a plain disassemble does not, and a new stop centres list on its line again.
# (stepi's own location line is left out, and line 38 with it: it prints that line)
SKIP_LINES='^(0x0{8}|38\t)' same sym_nopie "list after a stop" 'list 70' 'disassemble' 'list' \
	'stepi' 'disassemble' 'list' 'list'

# Go code (gogoroutines, attached): names with dots quoted as gdb wants them, inlined code from
# other files in /s. The rip comments' symbol names are the symbol lookups' business (Go's
# go.string.* blobs): the comments are left out.
if [ -x "$CDBG_TRACEE_DIR/gogoroutines" ]; then
	start_tracee gogoroutines
	go=(-ex 'echo ===\n' -ex "disassemble 'main.blockRecv'" -ex "disassemble /s 'main.blockLock'" \
		-ex "disassemble /r 'main.main'" -ex "list 'main.blockRecv'" \
		-ex "disassemble /m 'main.goid'" -ex "disassemble /s 'main.main'")
	"$CDBG" -batch -p "$TRACEE_PID" "${go[@]}" 2>&1 | sed '0,/^===$/d' > "$E2E_TMP/c.txt"
	DEBUGINFOD_URLS= gdb -nx -batch -iex 'set auto-load no' "${go[@]}" \
		"$CDBG_TRACEE_DIR/gogoroutines" 2>&1 | sed '0,/^===$/d' > "$E2E_TMP/g.txt"
	sed -i -E 's/ +# 0x[0-9a-f]+( <[^>]*>)?$//' "$E2E_TMP/c.txt" "$E2E_TMP/g.txt"
	diff -u "$E2E_TMP/g.txt" "$E2E_TMP/c.txt" > "$E2E_TMP/diff.txt" ||
		fail "Go: gdb (-) / cdbg (+):
$(head -40 "$E2E_TMP/diff.txt")"
	[ "$(grep -c '^   0x' "$E2E_TMP/g.txt")" -ge 100 ] || fail "Go: too few instructions"
fi
pass
