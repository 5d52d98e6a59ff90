# Decimal floating point as gdb 13 does it: _Decimal32/64/128 literals (1.2df, 1.2dd, 1.2dl),
# rounding to 7, 16, 34 digits half-even with the exponent clamped, arithmetic in the wider
# decimal type, integers converted (more than 32 bits refused), gdb's errors (mixing with
# binary floats, invalid operations, bad literals), comparisons, casts both ways; and the
# program's decimal variables, struct members, typedefs and expressions over them, assignments;
# compared with gdb on the same program, before it runs (no process) and while it does.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > dfp.c <<'C'
#include <unistd.h>
typedef _Decimal64 money;
_Decimal32 d32 = 1.2345df;
_Decimal64 d64 = -2.5E-10dd;
_Decimal128 d128 = 12345678901234567890.125dl;
money m = 19.99dd;
struct acc { int n; _Decimal32 a; _Decimal128 b; } acc = { 3, 0.1df, -7.5dl };
_Decimal64 inf64, nan64;
int main(void)
{
	inf64 = __builtin_infd64();
	nan64 = __builtin_nand64("");
	alarm(60);
	return (int)d32; /* stop */
}
C
gcc -g -O0 -o dfp dfp.c || skip "gcc cannot build _Decimal types here"
A=(-ex 'p 1.2df' -ex 'p -1.2E10df' -ex 'p 1.2345678df' -ex 'p 1.2E96df' -ex 'p 1.E-101df'
	-ex 'p 1.4dl / 1.2dl' -ex 'p 1.4dd / 1.2dd' -ex 'p 2.5dd * 4' -ex 'p 1.2dd + 2147483648ll'
	-ex 'p 1.2dd + 2147483648ull' -ex 'p 1.2df + 1.2f' -ex 'p 1.2dd % 1' -ex 'p ~1.2dd'
	-ex 'p 0.dd / 0' -ex 'p 1.2df / 0' -ex 'p 12345df' -ex 'p 1.23Edd' -ex 'p 1.2dd < 2'
	-ex 'p 1.2dl == 1.2df' -ex 'p !0.dd' -ex 'p (float) -0.1df' -ex 'p (int) 8.3dd'
	-ex 'p (int) 1.2E10dd' -ex 'p (_Decimal64) 3.1' -ex 'p (_Decimal32) 4' -ex 'whatis 2.df + 2.dl'
	-ex 'ptype 1 + 2.dd' -ex 'p 9.999999E96df * 10' -ex 'p 1E-101df / 10'
	-ex 'p d32' -ex 'p d64' -ex 'p d128' -ex 'p m' -ex 'whatis m' -ex 'ptype m' -ex 'p acc'
	-ex 'p acc.b * 2' -ex 'p d32 + acc.a' -ex 'whatis d128 + d32' -ex 'p m > 19.98dd'
	-ex 'p (money) 1' -ex 'whatis (money) 1' -ex 'p d128 - 1'
	-ex 'break 14' -ex run -ex 'p inf64' -ex 'p -inf64' -ex 'p nan64' -ex 'p d32 = 7.5df'
	-ex 'p d64 = 3' -ex 'p d128 = 1.5dl' -ex 'p acc.n = 2.9dd' -ex 'p acc' -ex 'p $1 + 1')
"$CDBG" -nx -batch "${A[@]}" ./dfp 2>&1 | grep -vE '^(Breakpoint|Starting|\[|[0-9]+	)' > c.txt
DEBUGINFOD_URLS= gdb -nx -batch "${A[@]}" ./dfp 2>&1 |
	grep -vE '^(Breakpoint|Starting|\[|Using host|[0-9]+	)' > g.txt
expect_grep c.txt '^\$[0-9]+ = 1.166666666666666666666666666666667$'
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
