# Casts to qualified types keep the qualifiers, named as gdb 13 names them: const, volatile,
# _Atomic, restrict and gdb's address spaces @code and @data, in any order, at every pointer
# level ("const int * const * const", "int ** const", "@code int * @code"); arithmetic drops
# them, dereference keeps the pointee's; print shows the value as the unqualified type does.
# Casts to the program's structs, unions and enums too (whatis). Compared with gdb on the same
# program, before it runs.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/typeexpr"
[ -x "$PROG" ] || skip "tracee typeexpr is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=()
for e in '(const char) v_char' '(const signed char) v_signed_char' \
	'(volatile unsigned char) v_unsigned_char' '(const short) v_short' \
	'(volatile unsigned short) v_unsigned_short' '(const volatile int) v_int' \
	'(int volatile const) v_int' '(const unsigned int) v_unsigned_int' '(long const) v_long' \
	'(unsigned long volatile) v_unsigned_long' '(const long long) v_long_long' \
	'(volatile unsigned long long) v_unsigned_long_long' '(const float) v_float' \
	'(double volatile) v_double' '(const int volatile *) v_int_pointer' \
	'(int * const volatile) v_int_pointer' '(int * volatile const) v_int_pointer' \
	'(int ** const) v_int_pointer_pointer' '(const int **) v_int_pointer_pointer' \
	'(const int * const * const) v_int_pointer_pointer' \
	'(int const * const *) v_int_pointer_pointer' '(_Atomic int) v_int' \
	'(int * restrict) v_int_pointer' '(@code char) v_char' '(char @data) v_char' \
	'(@data unsigned long long) v_unsigned_long_long' '(@code int * @code) v_int_pointer' \
	'(int @code * @code * @code) v_int_pointer_pointer' '(int ** @code) v_int_pointer_pointer' \
	'*(const int *) v_int_pointer' '**(int * const volatile *) v_int_pointer_pointer' \
	'(const int) v_int + 1' '-(volatile long) v_long' '(const char *) &v_char + 1' \
	'(const char)(volatile int) 300' '+(const int) 1' '~(const long) 1' \
	'(const long) 1 << 2' '!(const long) 1' '(const long) 1 ? (const char) 2 : 3'; do
	CMDS+=(-ex "whatis $e" -ex "print $e")
done
# the program's types: whatis only (print of a qualified pointer to a struct does not show the
# qualifiers yet)
for e in '(const enum misordered) v_misordered' '(enum misordered volatile) v_misordered' \
	'(const struct t_struct) v_struct1' '(union t_union const) v_union' \
	'(const struct t_struct *) &v_struct1' '(struct t_struct * const) &v_struct1' \
	'(const union t_union * const) &v_union' '(struct t_struct const * const) &v_struct1' \
	'(@code struct t_struct) v_struct1' '(union t_union @code *) &v_union' \
	'(@code union t_union * @code) &v_union' '(enum misordered @data) v_misordered' \
	'*(const struct t_struct *) &v_struct1' '(struct t_struct) v_union' v_struct1 \
	'((const struct t_struct *) &v_struct1)->i'; do
	CMDS+=(-ex "whatis $e")
done
CMDS+=(-ex 'print (const struct t_struct) v_struct1' -ex 'print (volatile enum misordered) 1'
	-ex 'ptype struct t_struct' -ex 'whatis struct t_struct' -ex 'whatis v_pair_cd')
CMDS+=(-ex 'print (@cod int) 1' -ex 'print (int @) 1' -ex 'print sizeof((const short) v_short)')

timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
grep -q '^type = const volatile int \*$' "$E2E_TMP/gdb.out" || fail "gdb kept no qualifier"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
