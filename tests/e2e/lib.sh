# lib.sh - helpers for end-to-end tests of the cdbg binary. Sourced by tests/e2e/test_*.sh.
# Every tracee started here is killed on exit (by pid), so a failed test leaves no orphans.
set -u
: "${CDBG:?CDBG must name the cdbg binary}"
: "${CDBG_TRACEE_DIR:?}"
export CDBG_TRACEE_DEADLINE="${CDBG_TRACEE_DEADLINE:-60}"
E2E_TMP=$(mktemp -d /tmp/cdbg-e2e.XXXXXX)
E2E_PIDS=()

e2e_cleanup() {
	for p in "${E2E_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

fail() { echo "FAIL: $*" >&2; for f in "$E2E_TMP"/*.out; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; } >&2; done; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
pass() { echo "PASS"; exit 0; }

# start_tracee NAME ARGS...: runs it with stdin from a fifo ($E2E_TMP/NAME.in, kept open on fd
# 7x) and stdout to $E2E_TMP/NAME.out (both made anew, so NAME may be started again); sets
# TRACEE_PID. Waits for its "ready" line.
start_tracee() {
	local name=$1; shift
	local bin="$CDBG_TRACEE_DIR/$name"
	[ -x "$bin" ] || skip "tracee $name is not built"
	rm -f "$E2E_TMP/$name.in"
	mkfifo "$E2E_TMP/$name.in"
	# Emptied here, before the fork: the child's own '>' may come after wait_line's first
	# look, which would then find the ready line of an earlier run of the same tracee.
	: > "$E2E_TMP/$name.out"
	"$bin" "$@" < "$E2E_TMP/$name.in" > "$E2E_TMP/$name.out" 2>&1 &
	TRACEE_PID=$!
	E2E_PIDS+=("$TRACEE_PID")
	exec 7>"$E2E_TMP/$name.in"
	wait_line "$E2E_TMP/$name.out" '^ready' 20 || fail "$name printed no ready line"
}

# wait_line FILE REGEX SECONDS: until a line of FILE matches.
wait_line() {
	local i
	for ((i = 0; i < $3 * 20; i++)); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# tracee_quit: close the tracee's stdin, wait for it; sets TRACEE_STATUS.
tracee_quit() {
	exec 7>&-
	local i
	for ((i = 0; i < 400; i++)); do
		kill -0 "$TRACEE_PID" 2>/dev/null || break
		sleep 0.05
	done
	wait "$TRACEE_PID"; TRACEE_STATUS=$?
}

# states PID: the state letters of every thread, sorted and counted ("17 t").
states() { cat /proc/"$1"/task/*/stat 2>/dev/null | sed 's/.*) //' | cut -c1 | sort | uniq -c | xargs; }
# count_threads PID
count_threads() { ls /proc/"$1"/task | wc -l; }
# in_syscall PID NR: how many threads of PID sleep ('S') in system call number NR
# (/proc/TID/syscall), e.g. 202 (futex): there their stack no longer changes.
in_syscall() {
	local t n=0 nr st
	for t in /proc/"$1"/task/*; do
		read -r nr _ < "$t/syscall" 2>/dev/null || continue
		st=$(sed 's/.*) //' "$t/stat" 2>/dev/null | cut -c1)
		[ "$nr" = "$2" ] && [ "$st" = S ] && n=$((n + 1))
	done
	echo "$n"
}
# wait_in_syscall TID NR SECONDS: until thread TID sleeps in system call NR (e.g. 0, read):
# the ready line is out before the program gets there.
wait_in_syscall() {
	local i nr st
	for ((i = 0; i < $3 * 20; i++)); do
		read -r nr _ < /proc/"$1"/syscall 2>/dev/null
		st=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null | cut -c1)
		[ "${nr:-}" = "$2" ] && [ "$st" = S ] && return 0
		sleep 0.05
	done
	return 1
}

# expect_eq WHAT GOT WANT
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }
# expect_grep FILE REGEX
expect_grep() { grep -qE "$2" "$1" || fail "$1 has no line matching '$2'"; }

# cdbg_start NAME ARGS...: cdbg ARGS reading commands from a fifo held on fd 8; output in
# NAME.out and NAME.err; sets CD_PID and CD_OUT. send LINE: one command line to it.
cdbg_start() {
	local name=$1; shift
	rm -f "$E2E_TMP/$name.cmd"
	mkfifo "$E2E_TMP/$name.cmd"
	(trap - PIPE; exec "$CDBG" "$@" < "$E2E_TMP/$name.cmd" > "$E2E_TMP/$name.out" \
		2> "$E2E_TMP/$name.err") &
	CD_PID=$!
	E2E_PIDS+=("$CD_PID")
	CD_OUT="$E2E_TMP/$name.out"
	exec 8> "$E2E_TMP/$name.cmd"
}
send() { printf '%s\n' "$1" >&8; }
MARK=0
# cdbg_try_sync WHAT: cdbg has done every line sent so far (its echo of a new mark appeared);
# else returns 1 with the reason in IFAIL (cdbg exited, or 20 s passed).
cdbg_try_sync() {
	local i
	MARK=$((MARK + 1))
	send "echo @@$MARK\\n"
	for ((i = 0; i < 400; i++)); do
		grep -qs "^@@$MARK\$" "$CD_OUT" && return 0
		if ! kill -0 "$CD_PID" 2>/dev/null; then
			wait "$CD_PID"
			IFAIL="cdbg exited (status $?) before '$1'"
			return 1
		fi
		sleep 0.05
	done
	IFAIL="cdbg did not get to '$1' within 20 s"
	return 1
}
