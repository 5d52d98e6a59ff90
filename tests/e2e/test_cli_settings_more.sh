# The settings of gdb.base/setshow.exp against gdb 13 (no program): check range|type,
# complaints, editing, environment, history filename (~ and relative names resolved as gdb
# does), size, radix (gdb's error for an unsupported one), write, verbose, show breakpoint
# pending, prompt; "Argument must be preceded by space." for filename settings; `complete`
# of command names. What cdbg refuses (annotate 1, write on) says so in a sentence and changes
# nothing (radix 16: test_cli_radix).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"

# same WHAT COMMANDS...: each command an -ex of both debuggers (in a fresh directory, HOME
# set); the outputs must be the same, "cdbg" read as "gdb".
same() {
	local what=$1 args=() c
	shift
	for c in "$@"; do args+=(-ex "$c"); done
	mkdir -p "$E2E_TMP/wd"
	(cd "$E2E_TMP/wd" && HOME=/nonexistent/home "$CDBG" -nx -batch "${args[@]}" < /dev/null \
		2>&1 | sed 's/cdbg/gdb/g' > "$E2E_TMP/c.out")
	(cd "$E2E_TMP/wd" && HOME=/nonexistent/home gdb -nx -batch "${args[@]}" < /dev/null \
		2>&1 | sed 's/cdbg/gdb/g' > "$E2E_TMP/g.out")
	[ -s "$E2E_TMP/g.out" ] || fail "$what: gdb printed nothing"
	diff "$E2E_TMP/g.out" "$E2E_TMP/c.out" > "$E2E_TMP/diff.out" ||
		fail "$what: cdbg differs from gdb: $(cat "$E2E_TMP/diff.out")"
}

same "check" 'show check range' 'set check range on' 'show check range' 'set check range off ' \
	'show check range' 'set check range auto' 'show check range' 'set check type off' \
	'show check type' 'set check type on' 'show check type' 'set check range bogus' \
	'set check nosuch'
same "complaints, editing, write, verbose" 'set complaints 100' 'show complaints' \
	'set complaints 0' 'show complaints' 'set editing off' 'show editing' 'set write off' \
	'show write' 'show verbose' 'set verbose on' 'show verbose' 'set verbose off' 'show verbose' \
	'set complaints -1'
same "environment" 'set environment FOOBARBAZ = grbxgrbxgrbx' 'show environment FOOBARBAZ' \
	'set environment FOO2 bar baz' 'show environment FOO2' 'set environment FOO3=x' \
	'show environment FOO3' 'show environment NOPE_CDBG_X'
same "history" 'set history filename ~/foobar.baz' 'show history filename' \
	'set history filename foobar.baz' 'show history filename' 'set history size 100' \
	'show history size' 'set history size unlimited' 'show history size' \
	'set history expansion off' 'show history expansion' 'set history save off' \
	'show history save'
same "preceded by space" 'set history file/home/' 'set history file~/home' \
	'set history file=home' 'set solib-search-path/home/' 'set solib-search-path~/home' \
	'set solib-search-path=home' 'set data-directory/home/' 'set data-directory~/home' \
	'set data-directory=home'
same "radix" 'set radix 11' 'set radix' 'show input-radix' 'show output-radix' 'set radix 10'
same "breakpoint pending, prompt" 'show breakpoint pending' 'set breakpoint pending on' \
	'show breakpoint pending' 'set breakpoint pending off' 'show breakpoint pending' \
	'set prompt (x) ' 'show prompt' 'set prompt \(y\) ' 'show prompt' 'show annotate'
same "complete" 'complete hel' 'complete ech' 'complete defin' 'complete xyzzy' 'complete retu'

# Refused in a sentence, and nothing changed.
out=$("$CDBG" -nx -batch -ex 'set annotate 1' -ex 'show annotate' \
	-ex 'set write on' -ex 'show write' -ex 'set history expansion on' \
	-ex 'show history expansion' < /dev/null 2>&1)
for re in 'does not support annotations' 'Annotation_level is 0\.' \
	'does not write into executable' 'Writing into executable and core files is off\.' \
	'does not support history expansion' 'History expansion on command input is off\.'; do
	grep -Eq "$re" <<< "$out" || fail "missing '$re' in: $out"
done
pass
