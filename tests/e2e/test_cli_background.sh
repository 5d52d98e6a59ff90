# Background execution ("continue&", "step &", ...): cdbg has none, so it refuses the command
# with gdb's sentence for a target without it (gdb under "maint set target-async off", compared
# here) and leaves the program where it was. Before, "continue&" ran in the foreground (the '&'
# was dropped), so a script waiting for the prompt hung (gdb.threads/async.exp), and
# "continue &" said "A syntax error in expression".
. "$CDBG_E2E_LIB"
command -v gdb > /dev/null || skip "gdb is not installed"
HELLO="$CDBG_TRACEE_DIR/hello"
[ -x "$HELLO" ] || skip "tracee hello is not built"

# gdb -batch with stdin from /dev/null does not print "Starting program:" (from_tty 0); cdbg does
clean() { grep -vE '^\[Thread debugging|^Using host libthread_db|^Reading symbols|^cdbg [0-9]|^$|^Starting program' |
	sed -E -e 's/process [0-9]+/process N/' -e 's/argv=0x[0-9a-f]+/argv=A/' \
		-e 's#at /.*/hello.c:#at hello.c:#' -e 's/ at 0x[0-9a-f]+:/:/'; }
batch() { local n=$1 d=$2; shift 2; timeout 60 "$d" -nx -batch "$@" < /dev/null 2>&1 | clean > "$E2E_TMP/$n"; }
same() { diff "$E2E_TMP/$1" "$E2E_TMP/$2" > "$E2E_TMP/diff" || fail "$3: $(cat "$E2E_TMP/diff")"; }

# ---- no process: gdb's "The program is not being run." comes first ----
pre=("continue&" "continue &" "step &" "next&" "finish &" "until&" "advance 25 &" "c&")
args=(); for l in "${pre[@]}"; do args+=(-ex "$l"); done
batch g.pre gdb "${args[@]}" "$HELLO"
batch c.pre "$CDBG" "${args[@]}" "$HELLO"
expect_eq "refusals before run" "$(grep -c '^The program is not being run\.$' "$E2E_TMP/c.pre")" 8
same g.pre c.pre "before run"

# ---- stopped at main: each one refused, the program stays at main ----
live=("break main" "run" "continue&" "continue &" "c&" "step &" "next&" "stepi &" "nexti&"
	"until&" "advance 25 &" "finish &" "signal SIGUSR1 &" "print 1&1" "print 3 & 1" "bt" "kill")
args=(); for l in "${live[@]}"; do args+=(-ex "$l"); done
batch g.live gdb -ex 'maint set target-async off' "${args[@]}" "$HELLO"
batch c.live "$CDBG" "${args[@]}" "$HELLO"
expect_eq "refusals" "$(grep -c '^Asynchronous execution not supported on this target\.$' "$E2E_TMP/c.live")" 11
grep -qE '^Continuing|exited' "$E2E_TMP/c.live" && fail "a background command ran: $(cat "$E2E_TMP/c.live")"
same g.live c.live "stopped at main"

# ---- run & refused too, nothing started ----
batch g.run gdb -ex 'maint set target-async off' -ex 'run &' -ex 'info inferiors' "$HELLO"
batch c.run "$CDBG" -ex 'run &' -ex 'info inferiors' "$HELLO"
grep -q '^Asynchronous execution not supported on this target\.$' "$E2E_TMP/c.run" || fail "run &: $(cat "$E2E_TMP/c.run")"
grep -q 'process N' "$E2E_TMP/c.run" && fail "run & started a process: $(cat "$E2E_TMP/c.run")"
head -1 "$E2E_TMP/g.run" > "$E2E_TMP/g.run1"; head -1 "$E2E_TMP/c.run" > "$E2E_TMP/c.run1"
same g.run1 c.run1 "run &"
pass
