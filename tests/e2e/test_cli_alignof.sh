# gdb's _Alignof(TYPE) and alignof(TYPE), compared with gdb on the same programs: scalars, long
# double, __int128, pointers, void, structs of mixed members, nested, packed, empty and with an
# aligned member, unions, enums, typedefs (a typedef's own aligned attribute is not read, as
# gdb 13), the result's type (int), arithmetic on it, errors; and in C++, structs whose static
# members do not count. Before the program runs and while it runs.
. "$CDBG_E2E_LIB"

PROG="$CDBG_TRACEE_DIR/typeexpr"
[ -x "$PROG" ] || skip "tracee typeexpr is not built"
command -v gdb > /dev/null || skip "gdb is not installed"

CMDS=()
for t in char 'signed char' 'unsigned char' short 'unsigned short' int 'unsigned int' long \
	'unsigned long' 'long long' 'unsigned long long' float double 'long double' __int128 void \
	'int *' 'char **' 'struct pair_cd' 'struct pair_cl' 'struct with_i128' 'struct with_cplx' \
	'struct with_array' 'struct with_aligned' 'struct packed_s' 'struct nested' 'struct empty_s' \
	'union mixed_u' 'enum small_e' ldbl aligned_int 'struct pair_cd *' 'struct with_i128 **'; do
	CMDS+=(-ex "print _Alignof($t)")
done
CMDS+=(-ex 'ptype _Alignof(char)' -ex 'whatis _Alignof(struct pair_cd)'
	-ex 'print _Alignof(struct pair_cd) + _Alignof(int) * 2' -ex 'print -_Alignof(long)'
	-ex 'print _Alignof(struct nope)' -ex 'print _Alignof(' -ex 'print _Alignof()'
	-ex 'print _Alignof(int' -ex 'print sizeof(long double)' -ex 'print sizeof(ldbl)')

timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/cdbg.out" 2>&1
timeout 60 gdb -batch -nx "${CMDS[@]}" "$PROG" > "$E2E_TMP/gdb.out" 2>&1
grep -q '^\$1 = 1$' "$E2E_TMP/gdb.out" || fail "gdb printed no alignment"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ (before run)"

# the same while the program runs (the types come from the process's modules)
RUN=(-ex 'break main' -ex run "${CMDS[@]}")
timeout 60 "$CDBG" -batch -nx "${RUN[@]}" "$PROG" 2>&1 | grep -v '^Breakpoint\|^Starting\|^\[\|^Using host' \
	> "$E2E_TMP/cdbg.run"
timeout 60 gdb -batch -nx "${RUN[@]}" "$PROG" 2>&1 | grep -v '^Breakpoint\|^Starting\|^\[\|^Using host' \
	> "$E2E_TMP/gdb.run"
grep -q '^\$1 = 1$' "$E2E_TMP/gdb.run" || fail "gdb printed no alignment (running)"
diff -u "$E2E_TMP/gdb.run" "$E2E_TMP/cdbg.run" >&2 || fail "cdbg and gdb differ (running)"

# C++: alignof, static data members left out (DWARF 5 and DWARF 4 spell them differently)
command -v g++ > /dev/null || { pass; exit 0; }
cat > "$E2E_TMP/al.cpp" << 'CPP'
struct s1 { static double one; char two; };
struct s2 { static char one; static long double two; };
struct s3 { char one; static int two; double three; };
struct d1 : s3 { char more; };
s1 v1; s2 v2; s3 v3; d1 v4;
int main() { return 0; }
CPP
CXX=(-ex 'print alignof(struct s1)' -ex 'print alignof(struct s2)' -ex 'print alignof(struct s3)'
	-ex 'print alignof(struct d1)' -ex 'print alignof(char)' -ex 'ptype alignof(struct s1)')
for dw in 4 5; do
	g++ -std=c++11 -g -gdwarf-$dw -o "$E2E_TMP/al$dw" "$E2E_TMP/al.cpp" || fail "g++ failed"
	timeout 60 "$CDBG" -batch -nx "${CXX[@]}" "$E2E_TMP/al$dw" > "$E2E_TMP/cdbg.cxx" 2>&1
	timeout 60 gdb -batch -nx "${CXX[@]}" "$E2E_TMP/al$dw" > "$E2E_TMP/gdb.cxx" 2>&1
	grep -q '^\$2 = 1$' "$E2E_TMP/gdb.cxx" || fail "gdb printed no alignment (C++)"
	diff -u "$E2E_TMP/gdb.cxx" "$E2E_TMP/cdbg.cxx" >&2 || fail "cdbg and gdb differ (C++, DWARF $dw)"
done
pass
