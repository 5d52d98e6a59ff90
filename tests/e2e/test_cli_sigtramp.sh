# Signal handler frames as gdb 13 shows and steps them: the trampoline a handler returns
# through is "<signal handler called>" in bt, in frame lines and as a stop location, the frame
# under it is the interrupted code (main in its busy loop, not the handler's caller's caller);
# step and next off the end of a handler go through sigreturn into the interrupted code and
# on to the start of its next line; finish out of a handler stops in the trampoline; stepi
# walks it; info program says where and why it stopped (breakpoint, stepped, a breakpoint of
# finish's own, deleted since). Compared with gdb byte for byte (addresses set aside: where the timer interrupts
# the loop varies), the first bt of a stop included (libdwfl's first walk through a signal
# frame once lost main).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > st.c <<'C'
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>
static volatile int done, hits;
static void handler(int sig)
{
	hits += sig;
	done = 1;
} /* handler end */
int main(void)
{
	struct itimerval t = { { 0, 0 }, { 0, 20000 } };

	alarm(60);
	signal(SIGVTALRM, handler);
	for (int round = 0; round < 3; round++) {
		done = 0;
		setitimer(ITIMER_VIRTUAL, &t, 0);
		while (!done)
			;
		hits++; /* after */
	}
	return hits == 3 * SIGVTALRM + 3 ? 0 : 1;
}
C
gcc -g -O0 -o st st.c || fail "cannot build the program"
args=(-ex 'info program' -ex 'break handler' -ex run -ex 'echo ===\n' -ex bt -ex bt
	-ex 'info program' -ex next -ex 'info program' -ex next -ex next -ex bt -ex continue
	-ex 'bt 2' -ex finish -ex 'info program' -ex bt -ex stepi -ex stepi -ex 'bt 1' -ex 'frame'
	-ex 'delete' -ex 'info program' -ex continue)
"$CDBG" -nx -batch "${args[@]}" ./st > c.txt 2>&1
DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" ./st > g.txt 2>&1
grep -q 'exited normally' c.txt || fail "the program's own count of handler runs is off: $(tail -3 c.txt)"
norm() { sed -i -E '0,/^===$/d; s/0x[0-9a-f]+/ADDR/g; s/LWP [0-9]+/LWP N/; s|at /[^ ]*/st\.c:|at st.c:|; /^\[Inferior 1/d; /^Continuing\.$/d; /^Run till exit/d; /^Breakpoint 1, /d' "$1"; }
norm c.txt
norm g.txt
[ "$(grep -c 'signal handler called' g.txt)" -ge 5 ] || fail "gdb did not show the trampoline: $(cat g.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(head -50 diff.txt)"
pass
