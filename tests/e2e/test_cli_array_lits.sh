# gdb's array values compared with gdb 13: literals {1, 2, 3} (of chars, longs, floats, nested
# once), indexing them, their ptype and whatis, gdb's refusals (&{..}[i], {}, elements of
# different sizes), casts to array types ((short [])x, {unsigned char []} x), x@N@M, arrays
# passed to calls (copied into the program), casts to function pointer types called through,
# and ptype of an unprototyped function's type.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/call_types"
[ -x "$PROG" ] || skip "tracee call_types is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

LINES=(
	'print {0,1,2}'
	"print {'a','b','c'}"
	'print {(long)0,(long)1,(long)2}'
	'print {(float)0,(float)1,(float)2}'
	'print {{0,1,2},{3,4,5}}'
	'print {4,5,6}[2]'
	'print *&{4,5,6}[1]'
	'print {unsigned char[]}{0xffffffff}'
	'ptype {0,1,2}'
	"ptype {'a','b','c'}"
	'ptype {{0,1,2},{3,4,5}}'
	'whatis {(long)0,(long)1,(long)2}'
	'ptype {4,5,6}[2]'
	'print {}'
	'print {}0'
	'print {1, (char)2}'
	'print sizeof({1,2,3})'
	'print {1,2,3}[0] + {4,5}[1]'
	'print/x (short [])0x12345678'
	'ptype (short [])0x12345678'
	'print/x (char [4])0x41424344'
	'print g_arr[0]@2@2'
	'whatis g_arr[0]@2@2'
	'print arr_sum({2,3,4}, 3)'
	'print arr_sum({7}, 1) + 1'
	'print str_len({1,2,3,0})'
	'print ((int (*) (int, int)) add_int)(2, 3)'
	'print ((int (*) ()) add_int)(4, 5)'
	'print ((double (*)(double, double)) add_dd)(1.5, 2)'
	'ptype kr_args'
	'print {nosuch}0'
)
CMDS=(-ex 'break ready' -ex run -ex up)
for l in "${LINES[@]}"; do
	CMDS+=(-ex 'echo ==\n' -ex "$l")
done

timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
for t in cdbg gdb; do
	# gdb shows {unsigned char []} x as the address of its copy in the program, then the
	# string; cdbg holds the array itself and shows the string
	awk '/^==$/ { n++; next } n { print n ": " $0 }' "$E2E_TMP/$t.out" |
		sed -E 's/^8: (\$[0-9]+ = )0x[0-9a-f]+ "/8: \1"/' > "$E2E_TMP/$t.vals"
done
expect_eq "answers" "$(cut -d: -f1 "$E2E_TMP/gdb.vals" | sort -un | wc -l)" "${#LINES[@]}"
expect_grep "$E2E_TMP/cdbg.vals" '^5: \$[0-9]+ = \{\{0, 1, 2\}, \{3, 4, 5\}\}$'
expect_grep "$E2E_TMP/cdbg.vals" '^24: \$[0-9]+ = 9$'
diff -u "$E2E_TMP/gdb.vals" "$E2E_TMP/cdbg.vals" >&2 || fail "cdbg and gdb differ"
pass
