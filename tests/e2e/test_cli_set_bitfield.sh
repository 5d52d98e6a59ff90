# Assignments to bit-fields, compared with gdb on a program of our own: unsigned and signed
# fields of 1 to 7 bits, a field across a byte boundary, a field of a local struct and of a
# global, the neighbours kept; gdb's "Value does not fit in N bits." (a negative value into an
# unsigned field, a value too wide), a negative value that fits a signed field, the comma
# operator's `set var u = F, u.i = f.i` (gdb.base/store.exp), compound assignment, and what
# stays refused (a bit-field's address through an operator, `+f.a = 1`).
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cat > "$E2E_TMP/bf.c" << 'C'
struct f3 { unsigned i:1; unsigned j:3; unsigned k:7; int s:5; unsigned w:12; } g = {1, 5, 100, -3, 4000}, G;
struct f3 *gp = &g;
int use(struct f3 *p) { return p->i + p->j; }
int main(void)
{
	struct f3 u = g;
	use(&u);
	return use(&u) - 6;
}
C
gcc -g -O0 -o "$E2E_TMP/bf" "$E2E_TMP/bf.c" || fail "gcc failed"
CMDS=(-ex 'break use' -ex run -ex up
	-ex 'print u' -ex 'set var u.j = 2' -ex 'print u' -ex 'print u.k = 127' -ex 'print u'
	-ex 'print u.k = 128' -ex 'print u' -ex 'print u.i = -1' -ex 'print u'
	-ex 'print u.s = -16' -ex 'print u.s = -17' -ex 'print u.s = 15' -ex 'print u.s = 16'
	-ex 'print u' -ex 'print u.w = 0xabc' -ex 'print u' -ex 'print/x u.w' -ex 'print u.w += 3'
	-ex 'print u.j *= 3' -ex 'print u'
	-ex 'set variable u = G, u.j = g.j' -ex 'print u' -ex 'set variable u = g, u.k = G.k'
	-ex 'print u' -ex 'print gp->w = 1' -ex 'print g' -ex 'print (*gp).s = -1' -ex 'print g'
	-ex 'print +g.i = 1' -ex 'print g.j = 2.9' -ex 'print g' -ex 'print gp->j = 6'
	-ex 'print *gp')
timeout 60 "$CDBG" -batch -nx "${CMDS[@]}" "$E2E_TMP/bf" 2>&1 | grep -v '^\[\|^Using host\|^Breakpoint\|^Starting\|^#\|^[0-9]\|^$' \
	> "$E2E_TMP/cdbg.out"
timeout 60 gdb -batch -nx "${CMDS[@]}" "$E2E_TMP/bf" 2>&1 | grep -v '^\[\|^Using host\|^Breakpoint\|^Starting\|^#\|^[0-9]\|^$' \
	> "$E2E_TMP/gdb.out"
grep -q 'Value does not fit in 7 bits' "$E2E_TMP/gdb.out" || fail "gdb gave no warning"
diff -u "$E2E_TMP/gdb.out" "$E2E_TMP/cdbg.out" >&2 || fail "cdbg and gdb differ"
pass
