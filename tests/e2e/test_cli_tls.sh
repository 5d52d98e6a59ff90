# Thread-local variables of the program (__thread): each thread's own value, read and written
# through its dtv (the program's TLS block), in every thread after `thread N`; &var is that
# thread's address; info address says it is thread-local. Compared with gdb on the same
# program (thread ids left out).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
cat > tls.c <<'C'
#include <pthread.h>
#include <unistd.h>
__thread int a_thread_local;
__thread long b_tls = 77;
static pthread_barrier_t b;
void spin(int n) { (void)n; }
static void *w(void *arg)
{
	a_thread_local = (int)(long)arg;
	b_tls += a_thread_local;
	pthread_barrier_wait(&b);
	spin(a_thread_local);
	pthread_barrier_wait(&b);
	return 0;
}
int main(void)
{
	pthread_t t[2];
	alarm(60);
	pthread_barrier_init(&b, 0, 3);
	a_thread_local = 9;
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], 0, w, (void *)(i + 1));
	pthread_barrier_wait(&b);
	spin(0);
	pthread_barrier_wait(&b);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], 0);
	return a_thread_local == 42 ? 0 : 1;
}
C
gcc -g -pthread -o tls tls.c || fail "cannot build the program"
cat > cmds.txt <<'G'
break spin if n == 0
run
print a_thread_local
print b_tls
thread 2
print a_thread_local
print b_tls
print *&b_tls
thread 3
print a_thread_local
print b_tls
thread 1
set var a_thread_local = 42
print a_thread_local
info address a_thread_local
delete
continue
G
# gdb's notices of threads (and the "[New process N]" it prints when the leader goes first)
# depend on the order threads end in, which varies from run to run: left out on both sides.
norm() {
	sed 's/(gdb) //g; s/(cdbg) //g; s/LWP [0-9]*/LWP N/g; s/0x[0-9a-f]*/ADDR/g;
		s/process [0-9]*/process N/;
		/^Reading symbols/d; /libthread_db/d; /^Breakpoint 1 at/d; /^Starting program/d;
		/^\[New Thread/d; /^\[New process/d; /^\[Thread .* exited\]/d; /^#0 /d; /^ *at /d; /^[0-9][0-9]*\t/d;
		/^$/d; /hit Breakpoint/d; /^\[Switching to/d; /^Breakpoint 1, /d;
		s/for `.*tls'\''/for `tls'\''/'
}
gdb -nx -q ./tls < cmds.txt 2>&1 | norm > g.txt
"$CDBG" -nx -q ./tls < cmds.txt 2>&1 | norm > c.txt
grep -q '^\$[0-9]* = 78$' c.txt || fail "thread 2's b_tls is not 77 + 1: $(cat c.txt)"
grep -q 'exited normally' c.txt || fail "the program did not see a_thread_local = 42: $(cat c.txt)"
diff -u g.txt c.txt > diff.txt || fail "gdb (-) / cdbg (+):
$(cat diff.txt)"

# A C++ class's thread_local static member (its ELF symbol holds an offset, not an address)
command -v g++ > /dev/null || pass
cat > k.cc <<'C'
#include <pthread.h>
#include <unistd.h>
struct K { static thread_local int another; };
thread_local int K::another;
void spin(int) {}
static void *w(void *arg) { K::another = (int)(long)arg; spin(1); return 0; }
int main()
{
	alarm(60);
	K::another = 7;
	pthread_t t;
	pthread_create(&t, 0, w, (void *)3L);
	pthread_join(t, 0);
	spin(0);
	return 0;
}
C
g++ -g -pthread -o k k.cc || fail "cannot build the C++ program"
printf 'break spin\nrun\nprint K::another\ncontinue\nprint K::another\n' > kcmds.txt
gdb -nx -q ./k < kcmds.txt 2>&1 | norm | grep '^\$' > kg.txt
"$CDBG" -nx -q ./k < kcmds.txt 2>&1 | norm | grep '^\$' > kc.txt
expect_eq "K::another in each thread" "$(cat kc.txt)" "\$1 = 3
\$2 = 7"
diff -u kg.txt kc.txt > diff.txt || fail "C++: gdb (-) / cdbg (+):
$(cat diff.txt)"
pass
