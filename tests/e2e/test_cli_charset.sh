# gdb 13's character sets compared with gdb itself on the tracee charsets, under LC_ALL=C (the
# locale of gdb's testsuite): set/show charset, host-charset, target-charset,
# target-wide-charset (names, auto, Undefined item), the program's EBCDIC-US, ISO-8859-1 and
# UTF-8 strings converted, wchar_t, char16_t and char32_t values, arrays and pointers, literals
# in the target charset ('A' under EBCDIC-US), escapes (\q, \9, \x, \u, octal, hex), prefixes
# (L u U; u8 is no prefix in gdb 13) and adjacent literals joined, with gdb's errors.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
P="$CDBG_TRACEE_DIR/charsets"
[ -x "$P" ] || skip "tracee charsets is not built"
export LC_ALL=C LANG=C

clean() { grep -vE '^\[Thread debugging|^Using host libthread_db|^Reading symbols|^cdbg [0-9]|^\[Inferior|^Breakpoint 1|^Starting program|^$|stop_here \(\) at|^[0-9]+[[:space:]]' | sed -E 's/0x[0-9a-f]{6,}/ADDR/g'; }
run() { local n=$1 d=$2; shift 2; "$d" -nx -batch "$@" "$P" < /dev/null 2>&1 | clean > "$E2E_TMP/$n"; }
same() { diff "$E2E_TMP/$1" "$E2E_TMP/$2" > "$E2E_TMP/diff" || fail "$3: $(cat "$E2E_TMP/diff")"; }

cmds=("show charset" "set target-charset my_grandma_bonnie" "set host-charset my_grandma_bonnie"
	"set target-charset EBCDIC-U" "show target-charset" "set target-charset EBCDIC-US"
	"show charset" "break stop_here" "run" "print ebcdic" "print ebcdic[0]" "print ebcdic[3]"
	"print 'A'" "print/d 'A' == ebcdic[0]" "print '\\a'" "print '\\q'" "print \"AB\""
	"print/x \"AB\"" "set target-charset ISO-8859-1" "print latin1" "print latin1[4]"
	"set target-charset UTF-8" "print utf8" "print utf8cut" "print utf8cut[0]" "print \"\\242\"" "set target-charset ASCII"
	"print latin1" "set charset auto" "show charset" "set target-wide-charset UTF-32"
	"show target-wide-charset" "print wide" "print wrep" "print wch" "print whigh" "print u16"
	"print u32" "print c16" "print c32" "print wp" "print u16p" "print u32p" "print wide[6]"
	"set print elements 4" "print wp" "print wrep" "set print elements 200" "set print null-stop on"
	"print wrep" "set print null-stop off" "print '\\x'" "print '\\u'" "print '\\9'"
	"print '\\e'" "print \"\\1011\"" "print \"\\0\" \"1\"" "print \"ab\" \"cd\" \"ef\""
	"print L\"ab\" \"c\"" "print \"ab\" U\"c\"" "print u\"\\xe\" u\"c\"" "print L\"\\xffef\" L\"f\""
	"print L'a'" "print u'a'" "print U'\\U0001F600'" "print L\"abc\" u\"def\""
	"print sizeof(L\"ab\")" "print sizeof(u\"ab\")" "print L'a' + 1" "whatis L'a'" "whatis u'a'"
	"print u8\"ab\"" "print \"abc\"[1]" "print L\"abc\"[1]" "set target-wide-charset auto"
	"set target-charset auto")
args=(); for l in "${cmds[@]}"; do args+=(-ex "$l"); done
run g gdb "${args[@]}"
run c "$CDBG" "${args[@]}"
grep -q 'L"A", .\\242. <repeats 21 times>, "B"' "$E2E_TMP/c" || fail "no wide repeats: $(cat "$E2E_TMP/c")"
same g c "charsets"

# the list of names: gdb's (iconv -l's, auto first), in the same order
"$CDBG" -nx -batch -ex 'set target-charset' < /dev/null > "$E2E_TMP/cl" 2>&1
gdb -nx -batch -ex 'set target-charset' < /dev/null > "$E2E_TMP/gl" 2>&1
grep -q 'Valid arguments are auto, .*EBCDIC-US, .*UTF-8' "$E2E_TMP/cl" || fail "list: $(head -c 300 "$E2E_TMP/cl")"
same gl cl "the list of charsets"
pass
