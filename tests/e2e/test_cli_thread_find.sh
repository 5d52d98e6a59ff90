# thread name NAME, thread find REGEXP and info threads [-gid] LIST, as gdb 13: names given to threads
# show in info threads and stop lines, thread find matches the given name, the system's name
# and the target id ("No threads match ..." when none), info threads keeps the threads a list of
# numbers and ranges names. Compared with gdb on the same program (thread ids and frames
# left out: they differ between two runs).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > thr.c <<'C'
#include <pthread.h>
#include <unistd.h>
static pthread_barrier_t b;
static void *w(void *a) { (void)a; pthread_barrier_wait(&b); for (;;) pause(); return 0; }
void ready(void) {}
int main(void)
{
	pthread_t t[3];
	alarm(60);
	pthread_barrier_init(&b, 0, 4);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], 0, w, 0);
	pthread_barrier_wait(&b);
	ready();
	return 0;
}
C
gcc -g -pthread -o thr thr.c || fail "cannot build the program"
cat > cmds.txt <<'G'
break ready
run
thread 2
thread name worker_2
thread 3
thread name worker_3
thread find worker_[23]
thread find foobarbaz
thread find thr
thread find LWP
thread find
info threads 2 3
info threads 3-4
info threads 9
thread name
thread find worker_3
thread find worker
info threads -gid 2 3
info threads -x
complete info threads 
complete info threads -
G
norm() { # thread ids, frames and the session's start and end left out
	sed 's/([a-z]*) //g; s/0x[0-9a-f]*/ADDR/g; s/LWP [0-9]*/LWP N/g; s/" *ADDR in .*/"/;
		s/^\(. [0-9]* *\([0-9]* *\)\{0,1\}Thread ADDR (LWP N) "[^"]*"\).*/\1/;
		/^Reading symbols/d; /libthread_db/d; /^Breakpoint 1 at/d; /^Starting program/d;
		/^\[New Thread/d; /^#0 /d; /^ *at /d; /^[0-9][0-9]*\t/d; /^$/d; /hit Breakpoint/d;
		/^    /d; /^A debugging session/,$d' | sed 's/   */ /g' # (column widths follow the LWPs' digits)
}
gdb -nx -q ./thr < cmds.txt 2>&1 | norm > g.txt
"$CDBG" -nx -q ./thr < cmds.txt 2>&1 | norm > c.txt
grep -q "^Thread 2 has name 'worker_2'$" c.txt || fail "no thread 2 name: $(cat c.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
