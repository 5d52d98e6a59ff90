# set displaced-stepping on|off|auto (gdb's auto-boolean, kept across runs): on and auto step
# threads over a breakpoint through an out-of-line copy while the others run; off puts the
# program's byte back and steps each one with every other thread held. Both must count every
# hit exactly: 8 threads call f 250 times each through a breakpoint with an ignore count; the
# program's own count (under a lock) and the breakpoint's hit count are both 2000 in each of
# two runs (run starts the counts at 0, as gdb's does), and the program exits normally. show displaced-stepping and gdb's error for a bad value too.
. "$CDBG_E2E_LIB"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > d.c <<'C'
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static long hits;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
void f(void) { pthread_mutex_lock(&mu); hits++; pthread_mutex_unlock(&mu); }
static void *w(void *a) { for (int i = 0; i < 250; i++) f(); return a; }
int main(void)
{
	pthread_t t[8];
	alarm(60);
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], 0, w, 0);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], 0);
	printf("hits %ld\n", hits);
	return hits == 2000 ? 0 : 1;
}
C
gcc -g -O0 -pthread -o d d.c || fail "cannot build the program"
for mode in off on auto; do
	"$CDBG" -nx -batch -ex "set displaced-stepping $mode" -ex 'show displaced-stepping' \
		-ex 'break f' -ex 'ignore 1 100000' -ex run -ex 'info breakpoints' -ex run \
		-ex 'info breakpoints' ./d > c.txt 2>&1
	[ "$(grep -c '^hits 2000$' c.txt)" = 2 ] || fail "$mode: the program counted wrong: $(grep hits c.txt)"
	[ "$(grep -c 'exited normally' c.txt)" = 2 ] || fail "$mode: the program did not exit normally: $(cat c.txt)"
	# (each run starts the counts at 0, as gdb's run does)
	[ "$(grep -c 'breakpoint already hit 2000 times' c.txt)" = 2 ] ||
		fail "$mode: the hit counts are not 2000 each run: $(grep 'already hit' c.txt)"
done
expect_grep c.txt "^Debugger's willingness to use displaced stepping to step over breakpoints is auto \(currently on\)\.$"
"$CDBG" -nx -batch -ex 'set displaced-stepping maybe' -ex 'set displaced-stepping of' \
	-ex 'show displaced-stepping' > c.txt 2>&1
expect_grep c.txt '^"on", "off" or "auto" expected\.$'
expect_grep c.txt 'breakpoints is off\.$'
pass
