# set stop-on-solib-events 1 (gdb's zinteger): the program stops at each change of its
# libraries and cdbg says which came and went ("Stopped due to shared library event:",
# "  Inferior loaded PATH", "  Inferior unloaded PATH"): libc at start (the dynamic linker is
# known from the start), a library dlopen'ed, then dlclose'd; 0 goes back to running through.
# The program checks its own work (the library's function ran); gdb stops at the same
# changes (it adds one with nothing changed at start, names libc by its link-map path, and
# says nothing changed at the dlclose).
. "$CDBG_E2E_LIB"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > lib.c <<'C'
int libfn(int x) { return x * 3; }
C
cat > main.c <<'C'
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	alarm(60);
	void *h = dlopen(argv[1], RTLD_NOW);
	int (*f)(int) = h ? (int (*)(int))dlsym(h, "libfn") : 0;
	int r = f ? f(14) : -1;
	if (h)
		dlclose(h);
	printf("result %d\n", r);
	return r == 42 ? 0 : 1;
}
C
gcc -g -shared -fPIC -o libx.so lib.c && gcc -g -O0 -o main main.c -ldl ||
	fail "cannot build the program"
"$CDBG" -nx -batch -ex 'show stop-on-solib-events' -ex 'set stop-on-solib-events 1' \
	-ex 'show stop-on-solib-events' -ex "run $E2E_TMP/libx.so" -ex 'echo [1]\n' -ex continue \
	-ex 'echo [2]\n' -ex continue -ex 'echo [3]\n' -ex 'set stop-on-solib-events 0' \
	-ex continue ./main > c.txt 2>&1
expect_grep c.txt '^Stopping for shared library events is 0\.$'
expect_grep c.txt '^Stopping for shared library events is 1\.$'
got=$(grep -E '^(Stopped due|  Inferior|\[[0-9]\]|result)' c.txt | sed -E 's|/usr/lib/|/lib/|' | tr '\n' '|')
want="Stopped due to shared library event:|  Inferior loaded /lib/x86_64-linux-gnu/libc.so.6|[1]|Stopped due to shared library event:|  Inferior loaded $E2E_TMP/libx.so|[2]|Stopped due to shared library event:|  Inferior unloaded $E2E_TMP/libx.so|[3]|result 42|"
[ "$got" = "$want" ] || fail "the library stops:
  got  $got
  want $want
$(cat c.txt)"
expect_grep c.txt 'exited normally'
if command -v gdb > /dev/null; then # gdb stops at the same changes (and one more at start)
	gdb -nx -batch -ex 'set stop-on-solib-events 1' -ex "run $E2E_TMP/libx.so" -ex continue \
		-ex continue -ex continue -ex continue ./main > g.txt 2>&1
	expect_grep g.txt "Inferior loaded $E2E_TMP/libx.so"
fi
pass
