# return VALUE from functions that return structs and unions, as gdb 13 does: the value goes
# where the System V ABI returns an object of its class (rax/rdx for INTEGER eightbytes,
# xmm0/xmm1 for SSE ones, mixes of both), and for an object returned through memory the
# frame is popped and the value ignored, with gdb's words. The program checks what each call
# received against what it was told (its own accounting); compared with gdb on the same
# program, line for line.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > rs.c <<'C'
#include <stdio.h>
#include <unistd.h>
struct c1 { char a; };
struct c9 { char a[9]; };
struct ff { float x, y; };
struct dl { double d; long l; };
struct fi { float f; int i; double d; };
union ud { double d; long l; };
struct big { char a[17]; };
struct c1 g_c1 = { 'a' }, r_c1 = { 'z' };
struct c9 g_c9 = { "abcdefgh" }, r_c9 = { "zyxwvuts" };
struct ff g_ff = { 1.5f, 2.5f }, r_ff = { -1.25f, 8.0f };
struct dl g_dl = { 3.5, 4 }, r_dl = { -0.5, -77 };
struct fi g_fi = { 1, 2, 3 }, r_fi = { 9.5f, -9, 1e10 };
union ud g_ud = { 1.0 }, r_ud = { .l = 0x1122334455667788 };
struct big g_big = { "0123456789abcdef" }, r_big = { "ZYXWVUTSRQPONMLKJ" };
struct c1 f_c1(void) { return g_c1; }
struct c9 f_c9(void) { return g_c9; }
struct ff f_ff(void) { return g_ff; }
struct dl f_dl(void) { return g_dl; }
struct fi f_fi(void) { return g_fi; }
union ud f_ud(void) { return g_ud; }
struct big f_big(void) { return g_big; }
int main(void)
{
	alarm(60);
	struct c1 c1 = f_c1();
	struct c9 c9 = f_c9();
	struct ff ff = f_ff();
	struct dl dl = f_dl();
	struct fi fi = f_fi();
	union ud ud = f_ud();
	struct big big = f_big();
	(void)big; /* returned through memory: return leaves it as it was (unknown) */
	printf("c1 %d c9 %d ff %d dl %d fi %d ud %d\n", c1.a == r_c1.a,
	       c9.a[8] == r_c9.a[8] && c9.a[0] == r_c9.a[0], ff.x == r_ff.x && ff.y == r_ff.y,
	       dl.d == r_dl.d && dl.l == r_dl.l, fi.f == r_fi.f && fi.i == r_fi.i && fi.d == r_fi.d,
	       ud.l == r_ud.l);
	return 0;
}
C
gcc -g -O0 -o rs rs.c || fail "cannot build the program"
args=(-ex 'set confirm off')
for f in c1 c9 ff dl fi ud big; do
	args+=(-ex "break f_$f")
done
args+=(-ex run -ex 'echo ===\n')
for f in c1 c9 ff dl fi ud big; do
	args+=(-ex "return r_$f" -ex 'print $pc == 0' -ex continue)
done
"$CDBG" -nx -batch "${args[@]}" ./rs > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" ./rs > g.txt 2>&1
grep -q '^c1 1 c9 1 ff 1 dl 1 fi 1 ud 1$' c.txt ||
	fail "the program did not receive what return gave it: $(grep '^c1' c.txt)"
sed -i '0,/^===$/d; /^Breakpoint [0-9]*, /d; /^#0 /d; /^Run till exit/d' c.txt
sed -i '0,/^===$/d; /^Breakpoint [0-9]*, /d; /^#0 /d; /^\[.*thread.*\]$/d; /^Using host libthread_db/d; /^\[Inferior 1 .* exited/d' g.txt
sed -i '/^\[Inferior 1 .* exited/d; /^Continuing\.$/d' c.txt
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(head -40 diff.txt)"
pass
