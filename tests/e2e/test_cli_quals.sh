# Type qualifiers named as gdb 13 names them: _Atomic, restrict, const volatile in gdb's order
# whatever the DWARF's nesting, qualifiers of a pointer after its star, a typedef'd pointer
# under const. ptype and whatis before the program runs, compared with gdb on the same file.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/quals"
[ -x "$PROG" ] || skip "tracee quals is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'ptype struct quals' -ex 'whatis g_quals.a' -ex 'whatis g_quals.ap' -ex 'whatis g_quals.cv'
	-ex 'whatis g_quals.vc' -ex 'whatis g_quals.pv' -ex 'whatis g_quals.ccp' -ex 'whatis g_quals.ci'
	-ex 'whatis g_quals.rp' -ex 'whatis g_quals.cau' -ex 'whatis g_cvs' -ex 'ptype use'
	-ex 'print g_cvs' -ex 'print sizeof(g_quals.b)')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
grep -q '_Atomic int a;' "$E2E_TMP/gdb.out" || fail "gdb printed no _Atomic member"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
