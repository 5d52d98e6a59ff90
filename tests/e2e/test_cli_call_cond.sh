# A breakpoint inside a function called from cdbg counts as gdb counts it: a false condition,
# an ignore count, another thread's breakpoint let the call go on (past the int3 through its
# out-of-line copy) and return its value; a true one stops the call inside (gdb's dummy frame).
# Once this stopped every call at any breakpoint, and gdb.base/watchpoint.exp waited for
# ever. Compared with gdb; the program's own count of calls checks each ran once, whole.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > cc.c <<'C'
#include <unistd.h>
int calls, inner_runs;
int inner(int x) { inner_runs++; return x * 2; }
int outer(int x) { calls++; return inner(x) + 1; }
int main(void)
{
	alarm(60);
	return outer(1) - 3; /* stop */
}
C
gcc -g -O0 -o cc cc.c || fail "cannot build the program"
A=(-ex 'break 8' -ex run -ex 'echo ===\n' -ex 'break inner if x == 100' -ex 'print outer(5)'
	-ex 'print outer(6)' -ex 'info breakpoints' -ex 'delete 2' -ex 'break inner' -ex 'ignore 3 1'
	-ex 'print outer(7)' -ex 'print outer(8)' -ex bt -ex finish -ex 'delete' -ex 'print calls'
	-ex 'print inner_runs')
"$CDBG" -nx -batch "${A[@]}" ./cc > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${A[@]}" ./cc > g.txt 2>&1
sed -i -E '0,/^===$/d; s|at /[^ ]*/cc\.c:|at cc.c:|; s|file /[^ ]*/cc\.c,|file cc.c,|; /^\[Inferior 1/d; /^Run till exit/d' c.txt g.txt
expect_grep c.txt '^\$1 = 11$'
expect_grep c.txt '^\$3 = 15$'
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
