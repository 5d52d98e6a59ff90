# Core files of a C++ and a Go program, compared with gdb on the same core: a gcore (gdb's)
# of cxx_prog stopped in geo::Counter::method (demangled frames, arguments), and the
# kernel's core of gogoroutines killed with SIGABRT under GOTRACEBACK=crash (gdb's gcore of the
# running program when core_pattern is not a plain file name): threads, backtraces, and
# cdbg's info goroutines / goroutine N bt on the core.
. "$CDBG_E2E_LIB"

command -v gdb > /dev/null || skip "gdb is not installed"
T=$E2E_TMP
# The frames both print (paths and arguments aside), numbered anew.
frames() {
	sed -E ':a;/in core file too small\.$/{N;s/warning: Section[^\n]*too small\.\n//;ba}' "$1" |
		grep -E '^#[0-9]+ ' | sed -E 's/^#[0-9]+ +//; s/^0x[0-9a-f]+ in //; s# at /[^ ]*/# at #; s/ \(.*\) at / at /; s/ \(.*\)$//' | grep -v '^??$'
}

# ---- C++ ----
P=$CDBG_TRACEE_DIR/cxx_prog
if [ -x "$P" ]; then
	mkdir -p "$T/cxx"
	printf 'go\nquit\n' > "$T/cxx/in"
	timeout 60 gdb -batch -nx -ex 'break geo::Counter::method' -ex "run < $T/cxx/in" \
		-ex "gcore $T/cxx/core" "$P" > "$T/cxx/gcore.out" 2>&1
	[ -f "$T/cxx/core" ] || fail "gdb's gcore made no core of cxx_prog"
	CMDS=(-ex bt -ex 'p x' -ex 'frame 1' -ex 'p $pc')
	timeout 60 gdb -nx -batch "${CMDS[@]}" "$P" "$T/cxx/core" > "$T/cxx.gdb" 2>&1
	timeout 60 "$CDBG" -nx -batch "${CMDS[@]}" "$P" "$T/cxx/core" > "$T/cxx.cdbg" 2>&1
	[ $? -le 1 ] || fail "cdbg failed on the C++ core"
	expect_grep "$T/cxx.cdbg" '^#0  geo::Counter::method \(this=0x[0-9a-f]+, x=[0-9]+\) at cxx_prog\.cpp:[0-9]+$'
	frames "$T/cxx.gdb" > "$T/cxx.g"
	frames "$T/cxx.cdbg" > "$T/cxx.c"
	[ "$(wc -l < "$T/cxx.g")" -ge 3 ] || fail "gdb printed no C++ backtrace"
	diff -u "$T/cxx.g" "$T/cxx.c" >&2 || fail "C++ frames differ from gdb's"
	[ "$(grep -E '^\$1 = [0-9]+$' "$T/cxx.gdb")" = "$(grep -E '^\$1 = [0-9]+$' "$T/cxx.cdbg")" ] ||
		fail "C++ argument x differs from gdb's"
	# frame 1's pc (gdb writes the function type and name the C++ way: compare the address).
	pc() { grep -E '^\$2 = ' "$1" | grep -oE '0x[0-9a-f]+'; }
	[ -n "$(pc "$T/cxx.gdb")" ] && [ "$(pc "$T/cxx.gdb")" = "$(pc "$T/cxx.cdbg")" ] ||
		fail "C++ frame 1's pc differs from gdb's"
fi

# ---- Go ----
G=$CDBG_TRACEE_DIR/gogoroutines
[ -x "$G" ] || { echo "SKIP part: gogoroutines is not built"; pass; }
mkdir -p "$T/go"
cp "$G" "$T/go/gogoroutines"
pat=$(cat /proc/sys/kernel/core_pattern)
start_go() {
	rm -f "$T/go/in"
	mkfifo "$T/go/in"
	: > "$T/go/out"
	(cd "$T/go" && ulimit -c unlimited && GOTRACEBACK=crash exec ./gogoroutines \
		< "$T/go/in" > "$T/go/out" 2> "$T/go/err") &
	GPID=$!
	E2E_PIDS+=("$GPID")
	exec 7> "$T/go/in"
	wait_line "$T/go/out" '^ready' 20 || fail "gogoroutines printed no ready line"
}
start_go
case "$pat" in
*/* | *'|'* | *%* | '')
	timeout 60 gdb -batch -nx -p "$GPID" -ex "gcore $T/go/core" > /dev/null 2>&1
	kill -9 "$GPID" 2> /dev/null
	;;
*)
	kill -ABRT "$GPID"
	wait "$GPID" 2> /dev/null
	for f in "$T/go/$pat" "$T/go/$pat".*; do
		[ -f "$f" ] && [ "$f" != "$T/go/core" ] && mv "$f" "$T/go/core"
	done
	;;
esac
exec 7>&-
[ -f "$T/go/core" ] || fail "no core of gogoroutines"
CMDS=(-ex 'info threads' -ex 'thread apply all bt')
timeout 60 gdb -nx -batch "${CMDS[@]}" "$T/go/gogoroutines" "$T/go/core" > "$T/go.gdb" 2>&1
timeout 60 "$CDBG" -nx -batch "${CMDS[@]}" -ex 'info goroutines' \
	"$T/go/gogoroutines" "$T/go/core" > "$T/go.cdbg" 2>&1
[ $? -le 1 ] || fail "cdbg failed on the Go core"
# A goroutine parked in blockRecv: its backtrace from the core.
gid=$(grep -m1 'main\.blockRecv .*\[chan receive\]' "$T/go.cdbg" | awk '{ print $2 }')
[ -n "$gid" ] || fail "no goroutine in main.blockRecv"
timeout 60 "$CDBG" -nx -batch -ex "goroutine $gid bt" "$T/go/gogoroutines" "$T/go/core" \
	> "$T/gobt.cdbg" 2>&1
expect_grep "$T/gobt.cdbg" 'in main\.blockRecv .*gogoroutines\.go:55$'
frames "$T/go.gdb" > "$T/go.g"
frames "$T/go.cdbg" | head -n "$(wc -l < "$T/go.g")" > "$T/go.c"
[ "$(wc -l < "$T/go.g")" -ge 4 ] || fail "gdb printed no Go backtraces"
diff -u "$T/go.g" "$T/go.c" >&2 || fail "Go threads' frames differ from gdb's"
# gdb's thread rows (LWP n: no libthread_db for Go) and cdbg's.
rows() { grep -oE '^[* ] [0-9]+ +LWP [0-9]+' "$1"; }
[ "$(rows "$T/go.gdb")" = "$(rows "$T/go.cdbg")" ] || fail "info threads rows differ"
[ -n "$(rows "$T/go.cdbg")" ] || fail "no thread rows"
# The goroutines as the program left them: 3 in blockRecv, 2 in blockLock's mutex.
[ "$(grep -c 'main\.blockRecv .*\[chan receive\]' "$T/go.cdbg")" = 3 ] ||
	fail "not 3 goroutines in main.blockRecv"
[ "$(grep -c 'sync\.runtime_SemacquireMutex .*\[semacquire\]' "$T/go.cdbg")" = 2 ] ||
	fail "not 2 goroutines waiting on the mutex"
expect_grep "$T/go.cdbg" '^\[[0-9]+ goroutines\]$'
pass
