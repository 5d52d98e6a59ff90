# gdb's 'file.c'::var and 'file.c'::func::var, compared with gdb on a program of our own in two
# files that both have a file-static `shared` and a function-static `count`: each file's own,
# from a frame in either file, in arithmetic, with & and sizeof, a function of another file
# ('a.c'::bfunc::count, as gdb finds a global function from any file), unknown variables; and
# static consts the compiler keeps as DW_AT_const_value in a DW_FORM_data1 (203 is not -53).
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cat > "$E2E_TMP/a.c" << 'C'
static int shared = 11;
static const int ro = 203;
int bfunc(int);
int afunc(int x)
{
	static int count = 100;
	static const int big = 200, neg = -3;
	static const unsigned char uc = 250;
	static const short sh = -30000;
	count += x;
	return count + big + neg + uc + sh + shared + ro;
}
int main(void)
{
	return (afunc(1) + bfunc(2)) & 1;
}
C
cat > "$E2E_TMP/b.c" << 'C'
static int shared = 22;
int bfunc(int x)
{
	static int count = 300;
	count += x + shared;
	return count;
}
C
gcc -g -O0 -o "$E2E_TMP/fs" "$E2E_TMP/a.c" "$E2E_TMP/b.c" || fail "gcc failed"
Q=(-ex "print 'a.c'::shared" -ex "print 'b.c'::shared" -ex "print 'a.c'::shared + 'b.c'::shared"
	-ex "print 'a.c'::afunc::count" -ex "print 'b.c'::bfunc::count" -ex "print 'a.c'::bfunc::count"
	-ex "print afunc::count" -ex "print bfunc::count" -ex "print 'a.c'::ro"
	-ex "print afunc::big" -ex "print afunc::neg" -ex "print afunc::uc" -ex "print afunc::sh"
	-ex "print sizeof('b.c'::shared)" -ex "whatis 'a.c'::ro" -ex "print 'a.c'::nosuch"
	-ex "print 'b.c'::bfunc::nosuch" -ex "print shared")
CMDS=(-ex 'break afunc' -ex 'break bfunc' -ex run "${Q[@]}" -ex continue "${Q[@]}")
timeout 60 "$CDBG" -batch -nx "${Q[@]}" "${CMDS[@]}" "$E2E_TMP/fs" 2>&1 |
	grep -v '^Continuing\|^\[\|^Using host\|^Breakpoint\|^Starting\|^#\|^[0-9]\|^$' > "$E2E_TMP/cdbg.out"
timeout 60 gdb -batch -nx "${Q[@]}" "${CMDS[@]}" "$E2E_TMP/fs" 2>&1 |
	grep -v '^Continuing\|^\[\|^Using host\|^Breakpoint\|^Starting\|^#\|^[0-9]\|^$' > "$E2E_TMP/gdb.out"
grep -q '= 203$' "$E2E_TMP/gdb.out" || fail "gdb printed no value"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
