# list (centring, list - after a stop, FILE:FUNC and FILE:N errors, ranges across files, quoted
# specs, explicit locations), search/reverse-search, source text with CRLF, control
# characters, a very long line and no final newline; FUNC::var; thread apply LIST|all with
# -c -s -q, taas, tfaas, faas, frame apply: cdbg against gdb 13 on the same program, output
# compared byte for byte after the stop (thread ids and LWPs set aside).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
command -v gcc > /dev/null || skip "gcc is not installed"
cd "$E2E_TMP" || fail "no temporary directory"
long=$(printf 'x%.0s' $(seq 1 3000))
# a second file: CRLF lines, a form feed, DEL, no newline at its end (a lone CR: gdb numbers
# the text after it as a line of its own but does not count it; cdbg ends the line there)
printf 'static int helper(int v)\r\n{\r\n\t/* \f feed \177 del */\r\n\treturn v * 2; /* %s */\r\n}\r\nint use_helper(int v) { return helper(v); }' "$long" > other.c
cat > prog.c <<'C'
#include <pthread.h>
#include <unistd.h>
int use_helper(int v);
static pthread_barrier_t bar;
int hit(int n)
{
	static int hits;
	hits += n;
	return hits; /* marker 6789 */
}
static void *worker(void *arg)
{
	long k = (long)arg;
	hit((int)k);
	pthread_barrier_wait(&bar);
	sleep(60);
	return 0;
}
int main(void)
{
	pthread_t t[2];
	pthread_barrier_init(&bar, 0, 3);
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], 0, worker, (void *)(i + 1));
	pthread_barrier_wait(&bar);
	alarm(60);
	use_helper(3);
	hit(0); /* stop here */
	return 0;
}
C
gcc -g -O0 -pthread -o prog prog.c other.c || fail "cannot build the program"

# same WHAT COMMANDS...: both debuggers stopped at main's "stop here" line; compare the rest.
same() {
	local what=$1 args=() c
	shift
	args=(-ex 'set width 0' -ex 'break 28' -ex 'run' -ex 'echo ===\n')
	for c in "$@"; do args+=(-ex "$c"); done
	"$CDBG" -batch "${args[@]}" ./prog > c.txt 2>&1
	DEBUGINFOD_URLS= gdb -nx -batch "${args[@]}" ./prog > g.txt 2>&1
	sed -i '0,/^===$/d' c.txt
	sed -i '0,/^===$/d; /^\[Inferior 1 .* killed\]$/d' g.txt
	# (a worker may be in the barrier or in sleep: its frames are numbered from where it is, and
	# its line is the barrier's or sleep's)
	sed -i -E 's/Thread 0x[0-9a-f]+ \(LWP [0-9]+\)/THREAD/g; s/\$[0-9]+ = /$N = /
		s/^#[0-9]+ +0x[0-9a-f]+ in worker/#N in worker/
		s/^(#N in worker .* at prog\.c:)1[56]$/\1BARRIER-OR-SLEEP/' c.txt g.txt
	[ -s g.txt ] || fail "$what: gdb printed nothing after the stop"
	diff -u g.txt c.txt > diff.txt || fail "$what: gdb (-) / cdbg (+):
$(head -40 diff.txt)"
}

same "list after a stop" 'list -' 'list -' 'list' 'list -' 'list -' 'list -'
same "list specs" 'list other.c:helper' 'list prog.c:nosuch' 'list nosuch.c:main' \
	"list 'prog.c:hit'" 'list prog.c:3,other.c:4' 'list -function hit' \
	'list -source other.c -line 2' 'list -bogus' 'list -q main' 'list other.c:1,5'
same "search" 'list hit' 'search 6789' 'forward-search 6789' 'reverse-search int' \
	'search nomatch' 'list' 'reverse-search' 'search ^int main' 'print $_'
same "FUNC::var" 'print hit::hits' 'set var hit::hits = 42' 'print hit::hits' \
	'print hit::hits + 1'
same "thread apply" 'thread apply 2-3 p nosuch' 'thread apply 2-3 -c p nosuch' \
	'thread apply all -s frame apply all -s p k' 'tfaas p k' 'taas faas p k' \
	'thread apply all -s -q frame apply all -s -q p k' 'thread apply all -c -s p 1' 'taas' \
	'tfaas' 'faas' 'thread apply 1 3 p 5' 'thread apply 1.* p 6' 'thread apply 9 p 1' \
	'thread apply 3-1 p 1' 'thread apply all -ascending -q p 7' 'thread apply 2 -q p 8' \
	'thread'
same "frame apply" 'frame apply 1 p 1' 'frame apply all -q p 2' 'frame apply' 'frame apply 0 p 1' \
	'frame apply all' 'frame apply 1 -c -s p 1' 'frame apply all -s p nosuch' 'frame'
pass
