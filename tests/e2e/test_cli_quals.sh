# Type qualifiers named as gdb 13 names them: _Atomic, restrict, const volatile in gdb's order
# whatever the DWARF's nesting, qualifiers of a pointer after its star, a typedef'd pointer
# under const; ptype of qualified arrays, pointers through typedefs and a const struct under a
# pointer (its body). ptype and whatis before the program runs, compared with gdb on the same file.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/quals"
[ -x "$PROG" ] || skip "tracee quals is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=(-ex 'ptype struct quals' -ex 'whatis g_quals.a' -ex 'whatis g_quals.ap' -ex 'whatis g_quals.cv'
	-ex 'whatis g_quals.vc' -ex 'whatis g_quals.pv' -ex 'whatis g_quals.ccp' -ex 'whatis g_quals.ci'
	-ex 'whatis g_quals.rp' -ex 'whatis g_quals.cau' -ex 'whatis g_cvs' -ex 'ptype use'
	-ex 'print g_cvs' -ex 'print sizeof(g_quals.b)'
	-ex 'ptype g_varr' -ex 'whatis g_varr' -ex 'ptype g_cvarr' -ex 'whatis g_cvarr'
	-ex 'ptype g_pvc' -ex 'ptype g_vpc' -ex 'ptype g_cvpcv' -ex 'whatis g_cvpcv'
	-ex 'ptype g_pvint' -ex 'whatis g_pvint' -ex 'ptype g_cvint' -ex 'whatis g_cvint'
	-ex 'ptype g_vintarr' -ex 'whatis g_vintarr' -ex 'ptype g_pcq' -ex 'whatis g_pcq'
	-ex 'ptype g_cvintp' -ex 'whatis g_cvintp')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
grep -q '_Atomic int a;' "$E2E_TMP/gdb.out" || fail "gdb printed no _Atomic member"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
