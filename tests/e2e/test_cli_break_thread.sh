# Thread-specific breakpoints (gdb's `break LOC thread N`) while threads are born and die
# (tracee thr_hits: 3 waves of 4 workers calling hit(1) 50 times each; the main thread calls
# hit(0) once a wave), side by side with gdb:
# - `break hit thread 1` stops exactly 3 times, each in thread 1 ($_thread, $_hit_bpnum), and
#   the program's own accounting says no call was lost (main_hits=3 worker_hits=600);
# - a breakpoint for a worker stops only in that worker, at most its 50 calls, and is deleted
#   with gdb's message when the worker exits; the program runs to its end;
# - gdb's words for a bad thread ("Unknown thread 999.", "Invalid thread ID: foo", task), the
#   keyword after a condition or before it, abbreviated, and `info breakpoints`' rows.
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG=$CDBG_TRACEE_DIR/thr_hits

run_both() { # NAME ARGS...: gdb's output in NAME.gdb, cdbg's in NAME.out (thread noise dropped)
	local name=$1
	shift
	timeout 120 gdb -batch -nx "$@" "$PROG" 2>&1 |
		grep -vE '^\[(New Thread|Thread .* exited|Inferior)|libthread_db|^Using host' > "$E2E_TMP/$name.gdb"
	timeout 120 "$CDBG" -batch "$@" "$PROG" > "$E2E_TMP/$name.raw" 2>&1
	echo "status $?" >> "$E2E_TMP/$name.raw"
	grep -vE '^\[(New Thread|Thread .* exited|Inferior)' "$E2E_TMP/$name.raw" > "$E2E_TMP/$name.out"
}

# 1. The main thread only.
run_both main -ex 'break ready' -ex run -ex 'break hit thread 1' -ex 'info breakpoints 2' \
	-ex c -ex 'print $_thread' -ex 'print $_hit_bpnum' -ex c -ex 'print $_thread' \
	-ex c -ex 'print $_thread' -ex c
expect_grep "$E2E_TMP/main.out" '^status 0$'
expect_grep "$E2E_TMP/main.out" '^main_hits=3 worker_hits=600$'
expect_eq "stops of the main thread's breakpoint" \
	"$(grep -c '^Thread 1 "thr_hits" hit Breakpoint 2, hit (worker=0)' "$E2E_TMP/main.out")" 3
stops() { grep -E '^(Thread [0-9]+ .* hit Breakpoint|\$[0-9]+ =|[0-9]+ +breakpoint|	stop only|Thread-specific)' "$1" |
	sed -E 's/, hit .*/,/; s/0x[0-9a-f]{16}.* (thread [0-9]+)$/ADDR \1/'; }
diff -u <(stops "$E2E_TMP/main.gdb") <(stops "$E2E_TMP/main.out") >&2 || fail "main thread: cdbg and gdb differ"

# 2. A worker that dies: every stop in it, then the breakpoint goes with it.
CONTS=()
for _ in $(seq 55); do CONTS+=(-ex c); done
run_both worker -ex 'break hit if worker == 1' -ex run -ex 'set $t = $_thread' -ex delete \
	-ex 'break hit thread $t' "${CONTS[@]}"
for f in worker.out worker.gdb; do
	t=$(sed -nE 's/^Thread ([0-9]+) .* hit Breakpoint 1, .*/\1/p' "$E2E_TMP/$f")
	[ -n "$t" ] || fail "$f: no first stop in a worker"
	expect_eq "$f: stops in another thread" \
		"$(grep -E '^Thread [0-9]+ .* hit Breakpoint 2,' "$E2E_TMP/$f" | grep -vc "^Thread $t ")" 0
	n=$(grep -c "^Thread $t .* hit Breakpoint 2," "$E2E_TMP/$f")
	[ "$n" -ge 1 ] && [ "$n" -le 50 ] || fail "$f: stops in the worker: $n"
	expect_grep "$E2E_TMP/$f" "^Thread-specific breakpoint 2 deleted - thread $t no longer in the thread list\\.\$"
done
expect_grep "$E2E_TMP/worker.out" '^main_hits=3 worker_hits=600$'

# 3. gdb's errors and the keyword's forms.
run_both errs -ex 'break ready' -ex run -ex 'break hit thread 999' -ex 'break hit thread foo' \
	-ex 'break hit task 3' -ex 'break hit if worker == 0 th 999' -ex 'break hit ta 999 if 1' \
	-ex 'break hit t 1 if worker == 0' -ex 'break hit if worker == 0 thread 1' \
	-ex 'info breakpoints'
errs() { grep -E '^(Unknown|Invalid|Breakpoint [0-9]+ at|[0-9]+ +breakpoint|	stop only)' "$1" |
	sed -E 's/ at 0x[0-9a-f]+: .*/ at ADDR/; s/0x[0-9a-f]{16} .*( thread [0-9]+)$/ADDR\1/; s/0x[0-9a-f]{16} .*/ADDR/'; }
diff -u <(errs "$E2E_TMP/errs.gdb") <(errs "$E2E_TMP/errs.out") >&2 || fail "errors: cdbg and gdb differ"
expect_eq "rows with a thread" "$(grep -c '	stop only in thread 1' "$E2E_TMP/errs.out")" 1
pass
