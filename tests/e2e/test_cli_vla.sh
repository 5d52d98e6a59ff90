# Variable-length arrays (C99 int a[n], int a[n][m], arrays of structs and typedefs): their
# lengths are read in the frame when the variable is (a bound is an expression on the frame,
# or a variable the compiler made at -O2), so print, sizeof, whatis, ptype and indexing see
# the array the program has now (not yet: indexing one of two dimensions, grid[1], which
# cdbg refuses). Compared with gdb line by line (directories masked).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > vla.c <<'C'
struct foo { int a; };
typedef struct bar { int x; struct foo y; } BAR;
volatile int sink;

int fill(int n, int m)
{
	int iv[n];
	char cv[n];
	double grid[n][m];
	struct foo fv[n];
	BAR bv[m];
	int i, j;

	for (i = 0; i < n; i++) {
		iv[i] = i * 2;
		cv[i] = 'A' + i;
		fv[i].a = i;
		for (j = 0; j < m; j++)
			grid[i][j] = i + j / 2.0;
	}
	for (j = 0; j < m; j++)
		bv[j].x = bv[j].y.a = j;
	sink = iv[0] + cv[0] + fv[0].a + bv[0].x + (int)grid[0][0]; /* here */
	return sink;
}

int main(void)
{
	return fill(4, 3) + fill(2, 5);
}
C
CMDS=(-ex 'break 24' -ex run -ex 'print iv' -ex 'print cv' -ex 'print grid' -ex 'print fv'
      -ex 'print bv' -ex 'whatis iv' -ex 'ptype cv' -ex 'whatis grid' -ex 'ptype grid'
      -ex 'whatis fv' -ex 'ptype fv' -ex 'whatis bv' -ex 'ptype bv' -ex 'print sizeof(iv)'
      -ex 'print sizeof(grid)' -ex 'print iv[3]' -ex 'print fv[1].a' -ex 'print bv[2]' -ex 'set var iv[1] = 42'
      -ex 'print iv' -ex 'print/x iv' -ex continue -ex 'print iv' -ex 'print grid'
      -ex 'whatis grid' -ex 'print sizeof(bv)' -ex 'info locals')

shape() {
	grep -vE '^\[|libthread_db|^Starting program|^Continuing|^\[Inferior' "$1" |
		sed -E 's#(at|file) [^ ]*/#\1 #; s/0x[0-9a-f]{8,}/ADDR/g'
}

for opt in -O0; do # (-O2: gdb 13 shows n=n@entry=4 and no lengths it cannot read)
	gcc -g "$opt" -o vla vla.c || fail "cannot build the program ($opt)"
	timeout 60 gdb -batch -nx "${CMDS[@]}" ./vla > "$E2E_TMP/gdb$opt.out" 2>&1
	timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" ./vla > "$E2E_TMP/cdbg$opt.out" 2>&1
	diff -u <(shape "$E2E_TMP/gdb$opt.out") <(shape "$E2E_TMP/cdbg$opt.out") >&2 ||
		fail "cdbg and gdb differ ($opt)"
done
expect_grep "$E2E_TMP/gdb-O0.out" '^\$1 = \{0, 2, 4, 6\}$'
pass
