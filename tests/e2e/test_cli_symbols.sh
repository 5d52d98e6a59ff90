# info functions / variables / types [-q] [-n] [REGEX] and info scope against gdb 13 on the same
# programs, with a live process (stopped at a breakpoint): C at -O0 and -O2, C++. Regexes are
# chosen to match the program's own symbols (and a PLT entry): the unrestricted lists include
# libc's DWARF (libc6-dbg, dwz-compressed), where cdbg's listing still differs from gdb's.
# Addresses are normalised (gdb turns address randomisation off).
. "$CDBG_E2E_LIB"

O0="$CDBG_TRACEE_DIR/vars"
O2="$CDBG_TRACEE_DIR/vars_opt"
CXX="$CDBG_TRACEE_DIR/cxx_prog"
[ -x "$O0" ] && [ -x "$O2" ] || skip "tracees vars and vars_opt are not built"
command -v gdb > /dev/null || skip "gdb is not installed"

normalize() {
	sed -E -e '/^\[|^Breakpoint|^Using host|^Starting program|^$|^ready|^file=|^done|^show:/d' \
		-e '/ at .*:[0-9]+$/d' -e '/^[0-9]+\t[^:]*$/d' -e 's/0x[0-9a-f]{9,16}/ADDR/g' "$1"
}

# run_both NAME BREAK PROGRAM -ex ...
run_both() {
	local name=$1 bp=$2 prog=$3
	shift 3
	timeout 60 "$CDBG" -batch -nx -ex "break $bp" -ex run "$@" "$prog" > "$E2E_TMP/$name.cdbg.out" 2>&1
	DEBUGINFOD_URLS= timeout 60 gdb -batch -nx -ex "break $bp" -ex run "$@" "$prog" > "$E2E_TMP/$name.gdb.out" 2>&1
	normalize "$E2E_TMP/$name.cdbg.out" > "$E2E_TMP/$name.cdbg.norm"
	normalize "$E2E_TMP/$name.gdb.out" > "$E2E_TMP/$name.gdb.norm"
	grep -q 'All \|Scope for' "$E2E_TMP/$name.gdb.norm" || fail "$name: gdb listed nothing"
	diff -u "$E2E_TMP/$name.gdb.norm" "$E2E_TMP/$name.cdbg.norm" > "$E2E_TMP/$name.diff" ||
		{ cat "$E2E_TMP/$name.diff" >&2; fail "$name: cdbg and gdb differ"; }
}

C_CMDS=(-ex 'info functions -n ^(show|fact|loop|main)' -ex 'info functions ^(show|fact|loop|main)'
	-ex 'info variables ^(g_|s_t|sink)' -ex 'info variables -n ^g_'
	-ex 'info types ^(u32|inner|color|num|rec_t|rec)$' -ex 'info types -q ^rec_t$'
	-ex 'info functions zzzq_nothing' -ex 'info variables ab[' -ex 'info functions a\'
	-ex 'info functions -q ^memset@plt' -ex 'info functions ^memset@plt'
	-ex 'info scope show' -ex 'info scope fact' -ex 'info scope loop_body' -ex 'info scope main'
	-ex 'info scope vars.c:70' -ex 'info scope')
run_both c_O0 show_here "$O0" "${C_CMDS[@]}"
run_both c_O2 show_here "$O2" "${C_CMDS[@]}"
# the bad regexes: gdb's sentence, no header
grep -q '^Invalid regexp: Unmatched \[ or \[^$' "$E2E_TMP/c_O0.cdbg.out" || fail "bad regex sentence"

if [ -x "$CXX" ]; then
	run_both cxx main "$CXX" -ex 'info functions ^geo::C' -ex 'info functions ^geo::S' \
		-ex "info types ^geo::" -ex "info scope geo::Counter::method"
fi

# TODO(before run): enable once `cdbg PROG` reads symbols without a process (issue 12 part 1):
# run_both with no `run`, e.g. "$CDBG" -batch -ex 'info functions' PROG against gdb, without a
# REGEX (the whole list: the program alone, no libc).
pass
