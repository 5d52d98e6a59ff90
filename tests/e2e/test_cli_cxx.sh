# C++: `break` by qualified, partly qualified and overloaded names, the stop line and `bt` name
# the functions as gdb does (demangled, without parameter lists), `info symbol` gives the
# demangled name with its parameters, and the program's results are unchanged.
. "$CDBG_E2E_LIB"

prog="$CDBG_TRACEE_DIR/cxx_prog"
[ -x "$prog" ] || skip "cxx_prog is not built"
printf 'go\n' > "$E2E_TMP/go.in"
"$CDBG" -q -batch -ex 'break Counter::method(int)' -ex 'break geo::Counter::over(double)' \
	-ex 'break Square::area' -ex 'run < '"$E2E_TMP/go.in" -ex 'info symbol $pc' \
	-ex continue -ex continue -ex bt -ex continue "$prog" > "$E2E_TMP/cxx.out" 2>&1 || fail "cdbg exited $?"
expect_grep "$E2E_TMP/cxx.out" '^Breakpoint 1 at 0x[0-9a-f]+: file (/.*/)?cxx_prog\.cpp, line [0-9]+\.$'
expect_grep "$E2E_TMP/cxx.out" '^Breakpoint 1, geo::Counter::method \(.*\) at cxx_prog\.cpp:[0-9]+$'
expect_grep "$E2E_TMP/cxx.out" '^geo::Counter::method\(int\) \+ [0-9]+ in section \.text$'
expect_grep "$E2E_TMP/cxx.out" '^Breakpoint 2, geo::Counter::over \(.*\) at cxx_prog\.cpp:[0-9]+$'
expect_grep "$E2E_TMP/cxx.out" '^Breakpoint 3, geo::Square::area \(.*\) at cxx_prog\.cpp:[0-9]+$'
funcs=$(grep -E '^#[0-9]+ ' "$E2E_TMP/cxx.out" |
	sed -E 's/^#[0-9]+ +(0x[0-9a-f]+ in )?([^ ]+) .*/\2/' | head -3 | tr '\n' ' ')
expect_eq "backtrace from the virtual call" "$funcs" "geo::Square::area area_of main "
expect_grep "$E2E_TMP/cxx.out" '^method=8 over_i=6 over_d=6 twice=42 area=9$'
pass
