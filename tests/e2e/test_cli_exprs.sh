# printf and expressions compared with gdb 13 on the vars tracee, stopped in show(): printf's
# conversions of each argument type (a double given to %f, an int to %f read as a float's bits,
# a float given to %d truncated, %Hf %Df %DDf), its refusals, and expressions: hex floats,
# (void) x, {type} addr, and gdb's messages for bad input. Lines whose text holds a program
# address are left out (cdbg and gdb may place the program differently).
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/vars"
[ -x "$PROG" ] || skip "tracee vars is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

LINES=(
	'printf "%f is fun\n", 1.0'
	'printf "%f %f %f %Lf\n", g_ratio, g_third, 3, g_ratio'
	'printf "%d %d %u %x\n", g_ratio, 2.7, -1.5, 1.5'
	'printf "%5.2f|%-8s|%#x|%+d|%c|%s|%s|%%\n", g_ratio, "ab", 255, 5, 65, g_text, g_msg'
	'printf "%ld %lld %lu %llu %zu %hd\n", -5, -6, -1, -1, 5, 70000'
	'printf "%f %f %f %f\n", (char)3, (short)3, 3L, g_counter'
	'printf "%e|%g|%E|%G|%10.4e|\n", g_third, 100000000.0, g_ratio, g_ratio, g_ratio'
	'printf "%Hf|%Df|%DDf\n", 0.1, 0.1, 0.1'
	'printf "%Hf|%Df|%DDf\n", 1/3.0, 1/3.0, 1/3.0'
	'printf "%Hf|%Df|%DDf\n", 1e10, 1e10, 1e10'
	'printf "%Hf|%Df|%DDf|%Hf|%Df\n", 3, -2.5, 100, g_counter, g_third'
	'printf "%10Hf|%-10Df|%.2DDf\n", 1.5, 1.5, 1.5'
	'printf "%f|%f|%d\n", 1.5f, g_head.u, 1.5f'
	'printf "%c%c|%5c|%-5c|\n", 98, g_head.name[1], 66, 65'
	'printf "%s|%s|%.3s|\n", &g_head.name[1], g_tail.label, g_msg'
	'printf "%s\n", 0'
	'printf "%20p|\n", 0'
	'printf "%s\n", 42'
	'printf "%d\n", g_head'
	'printf "%lc\n", 65'
	'printf "%hhx\n", 1'
	'printf "%lf\n", g_ratio'
	'printf "%#u\n", 1'
	'printf "%.2c\n", 65'
	'printf "%0p\n", 1'
	'printf "%a\n", 1.0'
	'printf "%5%\n"'
	'printf "%"'
	'printf "%*d\n", 3, 4'
	'printf "%n\n", 1'
	'printf "%d %s\n", 1'
	'printf "%d\n" 5'
	'printf'
	'p 0x1.8p1'
	'p 0x1p-2'
	'p 0x1.8p1f'
	'p -0x1.4p+3 + 1'
	'p (void) g_counter'
	'p (void) 0'
	'p {int}&g_counter'
	'p {int}g_ptr'
	'p {char}g_msg'
	'p 0x'
	'p 08'
	'p 0b102'
	'p 0x1g'
	'p 123abc'
	'p 18446744073709551616'
	'p 1 +'
	'p )'
	'p 1 ? 2'
	'p (1 2'
	'p g_counter +'
	'p nosuch'
	'p sizeof(struct nosuch)'
	'p (struct nosuch *) 0'
	'p (union nosuch *) 0'
	'p (nosuch_t) 1'
)
CMDS=(-ex 'break show_here' -ex run -ex up)
for l in "${LINES[@]}"; do
	CMDS+=(-ex 'echo ==\n' -ex "$l")
done

timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
# From the first marker on; each answer numbered by its marker.
for t in cdbg gdb; do
	awk '/^==$/ { n++; next } n { print n ": " $0 }' "$E2E_TMP/$t.out" > "$E2E_TMP/$t.vals"
done
expect_eq "answers" "$(cut -d: -f1 "$E2E_TMP/gdb.vals" | sort -un | wc -l)" "${#LINES[@]}"
expect_grep "$E2E_TMP/cdbg.vals" '^1: 1\.000000 is fun$'
expect_grep "$E2E_TMP/cdbg.vals" '^8: 0\.1000000\|0\.1000000000000000\|0\.10000000000000001$'
diff -u "$E2E_TMP/gdb.vals" "$E2E_TMP/cdbg.vals" >&2 || fail "cdbg and gdb differ"
pass
