# set cwd / show cwd as gdb 13: the program runs in that directory (~ is $HOME), an empty set
# cwd goes back to cdbg's own, and a directory that does not exist stops the run with a
# sentence instead of a program in the wrong place. The program prints where it runs; compared
# with gdb (its different failure words for the missing directory set aside).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
mkdir -p sub
cat > cw.c <<'C'
#include <stdio.h>
#include <unistd.h>
int main(void) { char b[4096]; printf("cwd=%s\n", getcwd(b, sizeof b)); return 0; }
C
gcc -g -O0 -o cw cw.c || fail "cannot build the program"
A=(-ex 'show cwd' -ex "set cwd $E2E_TMP/sub" -ex 'show cwd' -ex run -ex 'set cwd ~' -ex run
	-ex 'set cwd' -ex 'show cwd' -ex run)
HOME=$E2E_TMP gdb -nx -batch "${A[@]}" ./cw 2>&1 | grep -v '^\[\|^Using host' > g.txt
HOME=$E2E_TMP "$CDBG" -nx -batch "${A[@]}" ./cw 2>&1 | grep -v '^\[\|^Starting program' > c.txt
grep -qx "cwd=$E2E_TMP/sub" c.txt || fail "the program did not run in sub: $(cat c.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
"$CDBG" -nx -batch -ex 'set cwd /nonexistent/dir' -ex run ./cw > c.txt 2>&1
grep -q '^cwd=' c.txt && fail "the program ran somewhere with set cwd missing: $(cat c.txt)"
grep -q 'cannot change to directory /nonexistent/dir' c.txt ||
	fail "no sentence for the missing directory: $(cat c.txt)"
pass
