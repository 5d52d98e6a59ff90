# `signal SIG` on a thread cdbg stopped itself (blocked in pthread_join while another thread
# hit a breakpoint) delivers SIG, whatever `handle SIG nopass` says, as gdb does: the handler
# runs once per `signal` (the program counts). Before, the kernel dropped the signal (a resume
# from an interrupt stop injects none) and the program ran on (signal-command-handle-nopass).
# Also $_siginfo (gdb's struct siginfo) of each thread, compared with gdb: the breakpoint's
# SIGTRAP in the thread that hit it, gdb's SIGSTOP in the thread the debugger stopped, the
# signal in the handler's stop, and from a condition (at a breakpoint: its SIGTRAP, as gdb).
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
PROG="$CDBG_TRACEE_DIR/sig_join"
[ -x "$PROG" ] || skip "tracee sig_join is not built"

run_both() { # name, then the commands
	local n=$1 d args=(); shift
	for l in "$@"; do args+=(-ex "$l"); done
	for d in gdb "$CDBG"; do
		timeout 60 "$d" -nx -batch "${args[@]}" "$PROG" < /dev/null > "$E2E_TMP/$n.$(basename "$d")" 2>&1
	done
}
keep() { grep -E '^\$[0-9]+ = |^handled |hit Breakpoint [0-9]+, handler|exited normally' "$1" |
	sed -E 's/(process|LWP) [0-9]+/\1 N/g; s/si_pid = [0-9]+/si_pid = P/; s@ at /.*/sig_join.c:@ at sig_join.c:@; s/si_uid = [0-9]+/si_uid = U/'; }
# The program's own last line ("handled N") is checked on cdbg's side alone (expect_grep):
# gdb's batch run does not always show it (its output ends before the program's is flushed).
same() {
	keep "$E2E_TMP/$1.gdb" | grep -v '^handled ' > "$E2E_TMP/$1.g"
	keep "$E2E_TMP/$1.cdbg" | grep -v '^handled ' > "$E2E_TMP/$1.c"
	diff "$E2E_TMP/$1.g" "$E2E_TMP/$1.c" > "$E2E_TMP/diff" || fail "$1: $(cat "$E2E_TMP/diff")"
}

for policy in "stop print nopass" "stop print pass" "nostop noprint nopass"; do
	for del in "delete" "echo"; do # without and with a breakpoint to step over
		n="$(echo "$policy-$del" | tr ' ' _)"
		run_both "$n" "handle SIGUSR1 $policy" "break spinning" "run" "$del" "break handler" \
			"thread 1" "signal SIGUSR1" "print handled" "delete" \
			"set var stop_spinning = 1" "continue"
		expect_grep "$E2E_TMP/$n.cdbg" '^handled 1$'
		expect_eq "$n: handler hits" "$(grep -c 'hit Breakpoint [0-9]*, handler' "$E2E_TMP/$n.cdbg")" 1
		same "$n"
	done
done

# $_siginfo in each thread: the breakpoint's SIGTRAP (SI_KERNEL), the debugger's SIGSTOP
run_both threads "break spinning" "run" "print \$_siginfo.si_signo" "print \$_siginfo.si_code" \
	"thread 1" "print \$_siginfo.si_signo" "print \$_siginfo.si_code" \
	"print \$_siginfo._sifields._kill.si_pid == \$_inferior" "whatis \$_siginfo" \
	"print sizeof(\$_siginfo)" "print \$_siginfo._sifields._sigfault._addr_bnd" "kill"
same threads
expect_grep "$E2E_TMP/threads.cdbg" '^\$3 = 19$'

# in a condition, and the whole value in the handler's stop
run_both cond "break handler if \$_siginfo.si_signo == 5" "break spinning" "run" "delete 2" \
	"thread 1" "signal SIGUSR1" "print \$_siginfo" "print \$_siginfo._sifields._sigfault.si_addr" \
	"print \$_siginfo.nosuch" "delete" "set var stop_spinning = 1" "continue"
expect_grep "$E2E_TMP/cond.cdbg" '^handled 1$'
same cond
expect_grep "$E2E_TMP/cond.cdbg" '^\$1 = \{si_signo = 5, si_errno = 0, si_code = 128, '
expect_grep "$E2E_TMP/cond.cdbg" '^There is no member named nosuch\.$'
pass
